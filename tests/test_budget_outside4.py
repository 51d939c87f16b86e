"""Budget shapes a fourth outside tester sent, and their variants:

- animation named by the activities themselves (« Programme d'ateliers communs » of a
  réseau, « Consommables et ateliers »): read as other operating costs, they gave false
  B005 warnings (the aid over 75 % of the animator's pay alone);
- a LibreOffice .ods with two header rows (« 2027 » merged over « Fonctionnement |
  Investissement », « Total 2027-2029 » merged down both rows): its total column's Région
  cell was taken for a Région line that says neither animation nor equipment (B010);
- a budget whose lines could not be read at all (columns « Phase 1 | Phase 2 | Phase 3 »):
  B004 said « ses lignes font 0 € », as if the total were wrong.

Workbooks are written as spreadsheet programs save them: openpyxl with values, and the
.ods as LibreOffice Calc saves it, each formula with its computed value.
"""

from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest
from openpyxl import Workbook, load_workbook

from dossierkit.checks import BY_CODE
from dossierkit.pieces.budget import BudgetFacts
from dossierkit.verify import parse_file, verify

YEARS = (2027, 2028, 2029)
Amounts = tuple[int, int, int]


def read(path: Path) -> BudgetFacts:
    budget = parse_file(path, "budget")
    assert isinstance(budget, BudgetFacts)
    return budget


def budget_findings(folder: Path, code: str, lang: str = "fr") -> list[tuple[str, str]]:
    """(severity, message) of the findings ``code`` of the dossier in ``folder``."""
    result = verify(folder, read_workers=0)
    call = result.dossier.call
    return [
        (str(f.severity), BY_CODE[f.code].render(f, lang, call))
        for f in result.findings
        if f.code == code
    ]


def network_budget(
    path: Path, second: str, heads: tuple[str, ...] = ("2027", "2028", "2029")
) -> Path:
    """The CA Valenciennes Métropole shape: a réseau's coordinator and ``second``, the
    equipment of the places, the Région's aid at 75/50/25 % of 60 000 €; one column per
    year and a total."""
    spent: dict[str, Amounts] = {
        "Coordinateur du réseau (CDI, 1 ETP)": (45000, 45000, 45000),
        second: (15000, 15000, 15000),
    }
    got: dict[str, Amounts] = {
        "Région Hauts-de-France – animation": (45000, 30000, 15000),
        "Valenciennes Métropole": (15000, 30000, 45000),
    }
    wb = Workbook()
    ws = wb.active
    ws.title = "Budget"
    ws.append(["Budget prévisionnel du réseau – montants TTC"])
    ws.append([])
    for section, lines in (("DÉPENSES", spent), ("RECETTES", got)):
        ws.append([section, *heads, "Total"])
        for label, values in lines.items():
            ws.append([label, *values, sum(values)])
        sums = [sum(v) for v in zip(*lines.values(), strict=True)]
        ws.append([f"TOTAL {section}", *sums, sum(sums)])
        ws.append([])
    wb.save(str(path))
    return path


# -- 6. animation named by the activities --------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "animation"),
    [
        ("Programme d'ateliers communs", True),
        ("Consommables et ateliers", True),
        ("Ateliers et animations", True),
        ("Fournitures et ateliers", True),
        ("Programme d'activités du réseau", True),
        ("Événements et rencontres tout public", True),
        ("Cycle de médiation numérique pour les habitants", True),
        ("Communication", False),
        ("Communication et événements", False),
        ("Loyer des ateliers", False),
        ("Assurance des ateliers", False),
        ("Remboursement de l'emprunt de l'atelier", False),
        ("Travaux de l'atelier", False),
        ("Ateliers et matériel fablab", False),
        ("Charges de fonctionnement des ateliers", False),
        ("Petit équipement et fournitures d'atelier", False),
        ("Consommables", False),
        ("Programme", False),
    ],
)
def test_activities_offered_to_the_public_are_animation(
    tmp_path: Path, label: str, animation: bool
) -> None:
    """A line made only of the activities (workshops, a programme of them, events for the
    public, the workshops' supplies beside them) is animation; rent, insurance, a loan,
    works, equipment, the running costs of the workshop space or its supplies are not, and
    « Communication » is left for a person to judge."""
    budget = read(network_budget(tmp_path / "Budget.xlsx", label))
    assert budget.unplaced == ()
    expected = [Decimal(60000 if animation else 45000)] * 3
    assert [budget.animation_expenses(y) for y in YEARS] == expected
    line = next(line for line in budget.lines if line.label == label and line.year == 2027)
    assert line.animation is animation


def test_a_programme_of_workshops_keeps_the_aid_within_its_ceiling(tmp_path: Path) -> None:
    """The réseau's 45 000 € in 2027 is 75 % of its coordinator and its workshops: no B005."""
    folder = tmp_path / "reseau"
    folder.mkdir()
    network_budget(folder / "Budget previsionnel reseau.xlsx", "Programme d'ateliers communs")
    assert budget_findings(folder, "B005") == []


def test_communication_is_still_left_for_a_person_to_judge(tmp_path: Path) -> None:
    """« Communication » beside the coordinator: the aid exceeds the ceiling on the
    coordinator alone, within it on all operating costs, a warning that names the line."""
    folder = tmp_path / "reseau"
    folder.mkdir()
    network_budget(folder / "Budget previsionnel reseau.xlsx", "Communication")
    found = budget_findings(folder, "B005")
    assert [severity for severity, _ in found] == ["warning"] * 3
    assert found[0] == (
        "warning",
        "Aide à l'animation 2027 : 45 000 € demandés, mais au plus 33 750 € (2027 : "
        "min(45 000 ; 60 000) × 75 % = 33 750 €) ; dépenses d'animation retenues : "
        "« Coordinateur du réseau (CDI, 1 ETP) » (non retenues : « Communication ») ; si les "
        "dépenses non retenues relèvent de l'animation, l'aide est conforme. Réduisez l'aide "
        "à l'animation 2027 à 33 750 €, ou nommez l'animation dans les libellés de ces "
        "dépenses.",
    )


# -- 7. two header rows in a LibreOffice .ods ----------------------------------------------------

# The CC des Campagnes de l'Artois' plan de financement: per year, fonctionnement then
# investissement.
SPLIT_ROWS: list[tuple[str, tuple[int, ...] | None]] = [
    ("DÉPENSES", None),
    ("Animatrice (CDI temps plein, charges comprises)", (40000, 0, 41000, 0, 42000, 0)),
    ("Prestations d'ateliers", (10000, 0, 10000, 0, 10000, 0)),
    ("Communication", (4000, 0, 4000, 0, 4000, 0)),
    ("Équipement informatique et mobilier coworking", (0, 24000, 0, 0, 0, 0)),
    ("Total dépenses", None),
    ("RECETTES", None),
    ("Région Hauts-de-France (AAP Tiers-lieux du numérique)", (40500, 12000, 27500, 0, 14000, 0)),
    ("CC des Campagnes de l'Artois", (13500, 12000, 27500, 0, 42000, 0)),
    ("Total recettes", None),
]
TOP = 6  # the first row under the two header rows


def _split_values() -> list[tuple[str, list[int] | None, str | None]]:
    """(label, the row's six amounts and total, the section opened) of every row; a total
    row sums its section's lines."""
    out: list[tuple[str, list[int] | None, str | None]] = []
    lines: list[tuple[int, ...]] = []
    for label, amounts in SPLIT_ROWS:
        if label.isupper():
            lines = []
            out.append((label, None, label))
        elif amounts is None:
            sums = [sum(a[i] for a in lines) for i in range(6)]
            out.append((label, [*sums, sum(sums)], None))
        else:
            lines.append(amounts)
            out.append((label, [*amounts, sum(amounts)], None))
    return out


def _cell(value: object = None, *, formula: str | None = None, span: str = "") -> str:
    if value is None:
        return f"<table:table-cell{span}/>"
    if isinstance(value, int):
        f = f' table:formula="of:{escape(formula)}"' if formula else ""
        return (
            f'<table:table-cell{span}{f} office:value-type="float" office:value="{value}">'
            f"<text:p>{value:,}</text:p></table:table-cell>".replace(",", "\u202f")
        )
    text = escape(str(value))
    return (
        f'<table:table-cell{span} office:value-type="string"><text:p>{text}</text:p>'
        "</table:table-cell>"
    )


COVERED = "<table:covered-table-cell/>"


def split_ods(path: Path, total_head: str = "Total 2027-2029") -> Path:
    """The .ods as LibreOffice Calc saves it: « 2027 » merged over « Fonctionnement |
    Investissement » per year, ``total_head`` merged down both header rows (H4:H5), every
    total a formula with its value."""
    rows = [
        [_cell("Le Relais numérique – plan de financement prévisionnel")],
        [_cell("Montants TTC (la CC ne récupère pas la TVA sur cette opération)")],
        [_cell()],
        [
            _cell("Postes", span=' table:number-rows-spanned="2"'),
            *(_cell(year, span=' table:number-columns-spanned="2"') + COVERED for year in YEARS),
            _cell(total_head, span=' table:number-rows-spanned="2"'),
        ],
        [COVERED, *[_cell("Fonctionnement") + _cell("Investissement")] * 3, COVERED],
    ]
    starts = 0
    for i, (label, values, section) in enumerate(_split_values()):
        r = TOP + i
        if section is not None:
            starts = r + 1
            rows.append([_cell(label, span=' table:number-columns-spanned="8"'), COVERED * 7])
            continue
        assert values is not None
        cells = [_cell(label)]
        total = label.startswith("Total")
        for j, value in enumerate(values[:6]):
            col = "BCDEFG"[j]
            cells.append(
                _cell(value, formula=f"SUM([.{col}{starts}:.{col}{r - 1}])" if total else None)
            )
        cells.append(_cell(values[6], formula=f"SUM([.B{r}:.G{r}])"))
        rows.append(cells)
    body = "".join(f"<table:table-row>{''.join(r)}</table:table-row>" for r in rows)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">'
        '<office:body><office:spreadsheet><table:table table:name="Plan de financement">'
        + body
        + "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "mimetype",
            "application/vnd.oasis.opendocument.spreadsheet",
            compress_type=zipfile.ZIP_STORED,
        )
        archive.writestr("content.xml", content)
    return path


def split_xlsx(path: Path, total_head: str = "Total 2027-2029") -> Path:
    """The same plan typed in Excel, its header cells merged the same way."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Plan de financement"
    ws["A1"] = "Le Relais numérique – plan de financement prévisionnel"
    ws["A2"] = "Montants TTC (la CC ne récupère pas la TVA sur cette opération)"
    ws["A4"] = "Postes"
    ws.merge_cells("A4:A5")
    for i, year in enumerate(YEARS):
        first, second = "BDF"[i], "CEG"[i]
        ws[f"{first}4"] = year
        ws.merge_cells(f"{first}4:{second}4")
        ws[f"{first}5"], ws[f"{second}5"] = "Fonctionnement", "Investissement"
    ws["H4"] = total_head
    ws.merge_cells("H4:H5")
    for i, (label, values, _) in enumerate(_split_values()):
        ws.cell(TOP + i, 1, label)
        for j, value in enumerate(values or ()):
            ws.cell(TOP + i, 2 + j, value)
    wb.save(str(path))
    return path


@pytest.mark.parametrize("make", [split_ods, split_xlsx])
@pytest.mark.parametrize("total_head", ["Total 2027-2029", "Total", "Total 2027-2028-2029"])
def test_a_total_column_under_two_header_rows_is_a_total(
    tmp_path: Path, make: Any, total_head: str
) -> None:
    """The Région's cell of the merged total column sums animation and equipment: a total,
    not a Région line that says neither; the years' cells say which aid each is."""
    suffix = ".ods" if make is split_ods else ".xlsx"
    budget = read(make(tmp_path / f"Budget Relais numerique{suffix}", total_head))
    assert budget.unplaced == ()
    assert [budget.region_aid("animation", y) for y in YEARS] == [40500, 27500, 14000]
    assert [budget.region_aid("equipement", y) for y in YEARS] == [12000, 0, 0]
    assert [budget.total("depenses", y) for y in YEARS] == [78000, 55000, 56000]
    totals = [line for line in budget.lines if line.label.startswith("Région") and line.is_total]
    assert [(line.source[-3:], line.year, line.amount) for line in totals] == [
        ("H13", None, Decimal(94000))
    ]


def test_an_unqualified_region_line_of_the_years_still_asks(tmp_path: Path) -> None:
    """Near miss: one column per year, no nature: the Région's line says neither animation
    nor equipment, and the budget is asked to say so, once, on its first year's cell."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Budget"
    ws.append(["Postes", *YEARS, "Total 2027-2029"])
    ws.append(["DÉPENSES"])
    ws.append(["Animatrice (CDI)", 45000, 45000, 45000, 135000])
    ws.append(["RECETTES"])
    ws.append(["Subvention Région Hauts-de-France", 33750, 22500, 11250, 67500])
    ws.append(["Autofinancement", 11250, 22500, 33750, 67500])
    wb.save(str(tmp_path / "Budget.xlsx"))
    assert read(tmp_path / "Budget.xlsx").unplaced == (
        "cellule B5 : « Subvention Région Hauts-de-France » — aide de la Région sans dire si "
        "elle est pour l'animation ou l'équipement (comptée en animation)",
    )


# -- B004 when no line was read ------------------------------------------------------------------


def test_a_total_over_lines_not_read_says_so(tmp_path: Path) -> None:
    """Columns « Phase 1 | Phase 2 | Phase 3 » are no years: no line is read under the
    totals of the « Total » column, and B004 says so and what to do, not « 0 € »."""
    folder = tmp_path / "phases"
    folder.mkdir()
    network_budget(
        folder / "Budget.xlsx", "Prestations d'ateliers", ("Phase 1", "Phase 2", "Phase 3")
    )
    fr = budget_findings(folder, "B004")
    en = budget_findings(folder, "B004", "en")
    unread = (
        "mais aucune de ses lignes n'a pu être lue : vérifiez que les montants sont dans des "
        "cellules de nombres, sous des en-têtes d'années (« 2027 », « 2028 »…)."
    )
    assert fr == [
        (
            "error",
            "« Budget.xlsx », Budget!E6 : le total des dépenses indique 180 000 €, " + unread,
        ),
        (
            "error",
            "« Budget.xlsx », Budget!E11 : le total des recettes indique 180 000 €, " + unread,
        ),
    ]
    assert en[0] == (
        "error",
        '"Budget.xlsx", Budget!E6: the expenses total says €180,000, but none of its lines '
        "could be read: check that the amounts are in number cells, under year headers "
        '("2027", "2028"…).',
    )


def test_a_total_over_lines_read_still_gives_their_sum(tmp_path: Path) -> None:
    """Near miss: a total typed wrong over lines that were read names their sum."""
    path = network_budget(tmp_path / "Budget.xlsx", "Prestations d'ateliers")
    folder = tmp_path / "typed"
    folder.mkdir()
    wb = load_workbook(path)
    wb["Budget"]["B6"] = 61000
    wb.save(str(folder / "Budget.xlsx"))
    assert budget_findings(folder, "B004") == [
        (
            "error",
            "« Budget.xlsx », Budget!B6 : le total des dépenses 2027 indique 61 000 €, mais ses "
            "lignes font 60 000 €. Corrigez ce total (ou la formule).",
        )
    ]
    assert budget_findings(folder, "B004", "en") == [
        (
            "error",
            '"Budget.xlsx", Budget!B6: the expenses total 2027 says €61,000, but its lines add '
            "up to €60,000. Fix that total (or its formula).",
        )
    ]
