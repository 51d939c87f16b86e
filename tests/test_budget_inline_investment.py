"""Budgets whose equipment is not under an « Investissement » header, as applicants make them.

The most common layout has one DÉPENSES block: the animator's salary and the speakers, a
« Sous-total fonctionnement (animation) », the machines and furniture « (investissement) »,
a « Sous-total investissement (équipement) » and « TOTAL DÉPENSES »; RECETTES name the
Région's aid « – animation » and « – équipement (50 %) ». Intercommunalités write it « TTC
pour le fonctionnement, HT pour l'investissement (FCTVA) ». Associations reusing the CERFA
n° 12156 export it to CSV from French Excel (Windows-1252, « ; »), and add under « TOTAL
DES PRODUITS » an « INVESTISSEMENT » block whose lines say « Dépenses : … » and « Recettes :
… ». LibreOffice users send the same as .ods. Each is generated here the way it is made
(openpyxl with the values Excel stores, a CSV in cp1252, an .ods as LibreOffice writes its
content), with the variants applicants also make (other labels, equipment bought in year 2,
« Acquisition imprimante 3D » without the word investissement, no subtotal at all), read
to the exact figures, and judged in a complete sample dossier whose budget it replaces.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest
from click.testing import CliRunner
from realistic import budget as realistic

from conftest import TEXTS, write_letter_pdf
from dossierkit.cli import cli
from dossierkit.pieces.budget import BudgetFacts
from dossierkit.report.flatten import flatten

YEARS = (2027, 2028, 2029)
Amounts = tuple[int, int, int]


@dataclass(frozen=True)
class Row:
    """A row of the budget: a header (``years``), a line (``amounts``), or a sum of the
    lines of ``adds`` (indexes of rows), written as a formula with its stored value."""

    label: str
    amounts: Amounts | None = None
    adds: tuple[int, ...] = ()
    header: bool = False


def _value(rows: list[Row], i: int, year: int) -> int:
    row = rows[i]
    if row.amounts is not None:
        return row.amounts[year]
    return sum(_value(rows, j, year) for j in row.adds)


def _inline(
    *,
    title: str = "Montants en euros TTC pour le fonctionnement, HT pour l'investissement (FCTVA)",
    animation: tuple[tuple[str, Amounts], ...] = (
        ("Salaire chargé animateur (1 ETP CDI)", (44000, 45000, 46000)),
        ("Intervenants et prestations d'animation", (16000, 15000, 14000)),
    ),
    operating_subtotal: str | None = "Sous-total fonctionnement (animation)",
    equipment: tuple[tuple[str, Amounts], ...] = (
        ("Machines fablab et mobilier coworking (investissement)", (56000, 0, 0)),
    ),
    equipment_subtotal: str | None = "Sous-total investissement (équipement)",
    operating_row: str | None = None,
    revenues: tuple[tuple[str, Amounts], ...] = (
        ("Région Hauts-de-France – animation", (45000, 30000, 15000)),
        ("Autofinancement CC – fonctionnement", (15000, 30000, 45000)),
        ("Région Hauts-de-France – équipement (50 %)", (28000, 0, 0)),
        ("Autofinancement CC – équipement", (28000, 0, 0)),
    ),
) -> tuple[str, list[Row]]:
    """One DÉPENSES block (under an ``operating_row`` such as « Fonctionnement »), its
    subtotals by nature (or none), then RECETTES."""
    rows = [Row("DÉPENSES", header=True)] + ([Row(operating_row)] if operating_row else [])
    blocks = []
    for lines, subtotal in ((animation, operating_subtotal), (equipment, equipment_subtotal)):
        first = len(rows)
        rows += [Row(label, amounts) for label, amounts in lines]
        members = tuple(range(first, len(rows)))
        if subtotal is not None:
            rows.append(Row(subtotal, adds=members))
            blocks.append(len(rows) - 1)
        else:
            blocks += members
    rows.append(Row("TOTAL DÉPENSES", adds=tuple(blocks)))
    rows.append(Row(""))
    rows.append(Row("RECETTES", header=True))
    first = len(rows)
    rows += [Row(label, amounts) for label, amounts in revenues]
    rows.append(Row("TOTAL RECETTES", adds=tuple(range(first, len(rows)))))
    return title, rows


def write_xlsx(path: Path, title: str, rows: list[Row]) -> Path:
    """The budget as openpyxl writes it, saved with the values Excel stores: every sum a
    formula (``=SUM(B5:B6)``, ``=B7+B9``), a total column."""
    from openpyxl import Workbook

    workbook = Workbook()
    ws = workbook.active
    ws.title = "Budget"
    ws["A1"] = "Budget prévisionnel – Tiers-lieu numérique"
    ws["A2"] = title
    cached: dict[str, Decimal | str] = {}
    top = 4
    for i, row in enumerate(rows):
        r = top + i
        ws[f"A{r}"] = row.label or None
        if row.header:
            for col, head in zip("BCDE", (*map(str, YEARS), "Total"), strict=True):
                ws[f"{col}{r}"] = head
            continue
        if row.amounts is None and not row.adds:
            continue
        for y, col in enumerate("BCD"):
            if row.amounts is not None:
                ws[f"{col}{r}"] = row.amounts[y]
            else:
                ws[f"{col}{r}"] = "=" + "+".join(f"{col}{top + j}" for j in row.adds)
                cached[f"{col}{r}"] = Decimal(_value(rows, i, y))
        ws[f"E{r}"] = f"=SUM(B{r}:D{r})"
        cached[f"E{r}"] = Decimal(sum(_value(rows, i, y) for y in range(3)))
    workbook.save(str(path))
    realistic.store_values(path, "Budget", cached)
    return path


def _ods_cell(value: object, formula: str | None = None) -> str:
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, int):
        shown = f"{value:,}".replace(",", "\u202f")
        f = f' table:formula="of:{escape(formula)}"' if formula else ""
        return (
            f'<table:table-cell{f} office:value-type="float" office:value="{value}">'
            f"<text:p>{shown}</text:p></table:table-cell>"
        )
    return f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'


def write_ods(path: Path, title: str, rows: list[Row]) -> Path:
    """The budget as LibreOffice Calc saves it: each formula with its computed value."""
    body = [
        f"<table:table-row>{_ods_cell('Budget prévisionnel – Tiers-lieu numérique')}</table:table-row>",
        f"<table:table-row>{_ods_cell(title)}</table:table-row>",
        "<table:table-row><table:table-cell/></table:table-row>",
    ]
    top = 4
    for i, row in enumerate(rows):
        r = top + i
        cells = [_ods_cell(row.label or None)]
        if row.header:
            cells += [_ods_cell(head) for head in (*map(str, YEARS), "Total")]
        elif row.amounts is not None or row.adds:
            for y, col in enumerate("BCD"):
                formula = (
                    None
                    if row.amounts is not None
                    else "=" + "+".join(f"[.{col}{top + j}]" for j in row.adds)
                )
                cells.append(_ods_cell(_value(rows, i, y), formula))
            total = sum(_value(rows, i, y) for y in range(3))
            cells.append(_ods_cell(total, f"=SUM([.B{r}:.D{r}])"))
        body.append(f"<table:table-row>{''.join(cells)}</table:table-row>")
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">'
        '<office:body><office:spreadsheet><table:table table:name="Budget">'
        + "".join(body)
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


def _fr(value: int | None) -> str:
    """« 44 000,00 » as French Excel exports an amount to CSV (no-break space)."""
    return "" if value is None else f"{value:,}".replace(",", "\u00a0") + ",00"


def cerfa_csv(
    path: Path,
    *,
    region: Amounts = (45000, 30000, 15000),
    ternois: Amounts = (18500, 27000, 35000),
    equipment: tuple[tuple[str, Amounts], ...] = (
        ("Dépenses : imprimante 3D, découpe vinyle, ordinateurs", (40000, 0, 0)),
        ("Recettes : Région Hauts-de-France équipement", (20000, 0, 0)),
        ("Recettes : fonds propres", (20000, 0, 0)),
    ),
) -> Path:
    """The CERFA's charges and produits in CSV (Windows-1252, ``;``), totals stated, then
    the « INVESTISSEMENT » block an association adds under them."""
    charges = {
        "60 - Achats": (2000, 2000, 2000),
        "61 - Services extérieurs (loyer, assurance)": (6000, 6000, 6000),
        "62 - Autres services extérieurs (intervenants)": (16000, 15000, 14000),
        "64 - Charges de personnel (animateur temps plein)": (44000, 45000, 46000),
    }
    produits = {
        "70 - Vente de prestations (abonnements coworking)": (3000, 9000, 15500),
        "   Région Hauts-de-France (Tiers-lieux du numérique)": region,
        "   Communauté de communes du Ternois": ternois,
        "75 - Cotisations des adhérents": (1500, 2000, 2500),
    }

    def amounts(values: tuple[int, ...]) -> list[str]:
        return [_fr(v) if v else "" for v in values]

    total = tuple(sum(v[y] for v in charges.values()) for y in range(3))
    assert total == tuple(sum(v[y] for v in produits.values()) for y in range(3))
    rows = [["CHARGES", *map(str, YEARS)]]
    rows += [[label, *amounts(v)] for label, v in charges.items()]
    rows += [["TOTAL DES CHARGES", *amounts(total)], ["PRODUITS", "", "", ""]]
    items = list(produits.items())
    rows += [[items[0][0], *amounts(items[0][1])], ["74 - Subventions d'exploitation", "", "", ""]]
    rows += [[label, *amounts(v)] for label, v in items[1:]]
    rows += [["TOTAL DES PRODUITS", *amounts(total)], ["", "", "", ""]]
    rows += [["INVESTISSEMENT", "", "", ""]]
    rows += [[label, *amounts(v)] for label, v in equipment]
    rows += [["Budget présenté TTC – association non assujettie à la TVA", "", "", ""]]
    path.write_bytes("\r\n".join(";".join(row) for row in rows).encode("cp1252"))
    return path


def read(path: Path) -> BudgetFacts:
    from dossierkit.verify import parse_file

    budget = parse_file(path, "budget")
    assert isinstance(budget, BudgetFacts)
    return budget


def figures(budget: BudgetFacts) -> dict[str, Any]:
    """What the aid and the checks take from the budget."""
    return {
        "equipment": budget.equipment_expenses(),
        "animation": [budget.animation_expenses(y) for y in budget.years],
        "region_animation": [budget.region_aid("animation", y) for y in budget.years],
        "region_equipment": budget.region_aid("equipement"),
        "balanced": [
            budget.total("depenses", y) == budget.total("recettes", y) for y in (None, *YEARS)
        ],
        "totals_right": [
            stated[0] == budget.total_above(section, y)
            for section in ("depenses", "recettes")
            for y in (None, *YEARS)
            if (stated := budget.stated_total(section, y)) is not None
        ],
        "unplaced": budget.unplaced,
    }


EXPECTED = {
    "equipment": Decimal(56000),
    "animation": [Decimal(60000)] * 3,
    "region_animation": [Decimal(45000), Decimal(30000), Decimal(15000)],
    "region_equipment": Decimal(28000),
    "balanced": [True] * 4,
    "totals_right": [True] * 8,
    "unplaced": (),
}


# -- one DÉPENSES block, the investment recognised by its label or its subtotal --------------

VARIANTS: dict[str, dict[str, Any]] = {
    "subtotals-by-nature": {},
    "acquisition-in-year-2": {
        "title": "Montants : TTC en fonctionnement, HT en investissement",
        "equipment": (("Acquisition imprimante 3D et découpeuse laser", (0, 56000, 0)),),
        "equipment_subtotal": "Sous-total équipement",
        "revenues": (
            ("Région Hauts-de-France – aide à l'animation", (45000, 30000, 15000)),
            ("Autofinancement – fonctionnement", (15000, 30000, 45000)),
            ("Région Hauts-de-France – aide à l'équipement", (0, 28000, 0)),
            ("Autofinancement – équipement", (0, 28000, 0)),
        ),
    },
    "no-subtotal": {
        "operating_subtotal": None,
        "equipment_subtotal": None,
        "equipment": (
            ("Mobilier coworking (12 postes)", (16000, 0, 0)),
            ("Acquisition imprimante 3D", (40000, 0, 0)),
        ),
    },
    "only-the-subtotal-says-it": {
        "animation": (
            ("Salaire de l'animatrice (CDI 35 h)", (44000, 45000, 46000)),
            ("Prestations d'animation", (16000, 15000, 14000)),
            ("Matériel pédagogique des ateliers", (2000, 2000, 2000)),
        ),
        "equipment": (("Kit robotique, casques VR, postes fixes", (56000, 0, 0)),),
        "revenues": (
            ("Région Hauts-de-France – animation", (45000, 30000, 15000)),
            ("Autofinancement CC – fonctionnement", (17000, 32000, 47000)),
            ("Région Hauts-de-France – équipement (50 %)", (28000, 0, 0)),
            ("Autofinancement CC – équipement", (28000, 0, 0)),
        ),
    },
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_equipment_lines_of_one_depenses_block_are_investment(tmp_path: Path, variant: str) -> None:
    budget = read(write_xlsx(tmp_path / "Budget.xlsx", *_inline(**VARIANTS[variant])))
    assert figures(budget) == EXPECTED
    assert budget.basis == {"fonctionnement": "TTC", "investissement": "HT"}
    # The subtotals are totals, never lines counted twice.
    subtotals = [line for line in budget.lines if line.label.startswith("Sous-total")]
    assert all(line.is_total for line in subtotals)


def test_a_subtotal_corrects_what_the_words_suggested(tmp_path: Path) -> None:
    """« Matériel pédagogique » above « Sous-total fonctionnement » is an operating cost;
    « Kit robotique » above « Sous-total investissement » is equipment, though its words
    say nothing; each says which subtotal placed it."""
    budget = read(
        write_xlsx(tmp_path / "b.xlsx", *_inline(**VARIANTS["only-the-subtotal-says-it"]))
    )
    by_label = {line.label: line for line in budget.lines if line.year == 2027}
    pedagogic = by_label["Matériel pédagogique des ateliers"]
    kit = by_label["Kit robotique, casques VR, postes fixes"]
    assert (pedagogic.nature, pedagogic.animation) == ("fonctionnement", False)
    assert "au-dessus de « Sous-total fonctionnement (animation) »" in pedagogic.evidence
    assert "dans le libellé" not in pedagogic.evidence
    assert kit.nature == "investissement"
    assert "au-dessus de « Sous-total investissement (équipement) »" in kit.evidence


def test_words_that_name_operating_costs_stay_operating(tmp_path: Path) -> None:
    """« Location de matériel », « Petit équipement », « Entretien des machines » are not
    equipment bought: without a header or subtotal, they stay out of the equipment base."""
    title, rows = _inline(
        operating_subtotal=None,
        equipment_subtotal=None,
        animation=(
            ("Salaire chargé animateur (1 ETP CDI)", (44000, 45000, 46000)),
            ("Intervenants et prestations d'animation", (16000, 15000, 14000)),
            ("Location de matériel pour les événements", (1000, 1000, 1000)),
            ("Petit équipement et fournitures d'atelier", (1500, 1500, 1500)),
            ("Entretien des machines", (500, 500, 500)),
        ),
        equipment=(("Acquisition imprimante 3D", (56000, 0, 0)),),
        revenues=(
            ("Région Hauts-de-France – animation", (45000, 30000, 15000)),
            ("Autofinancement CC – fonctionnement", (18000, 33000, 48000)),
            ("Région Hauts-de-France – équipement (50 %)", (28000, 0, 0)),
            ("Autofinancement CC – équipement", (28000, 0, 0)),
        ),
    )
    budget = read(write_xlsx(tmp_path / "b.xlsx", title, rows))
    assert figures(budget) == EXPECTED


def test_ods_saved_by_libreoffice_in_the_same_layout(tmp_path: Path) -> None:
    title, rows = _inline(
        title="Montants en euros TTC (association non assujettie à la TVA)",
        animation=(
            ("Salaire coordinatrice (CDI 35 h) charges comprises", (44000, 45000, 46000)),
            ("Ateliers et intervenants extérieurs", (16000, 15000, 14000)),
        ),
        equipment=(("Achat découpeuse laser, imprimantes 3D (investissement)", (56000, 0, 0)),),
    )
    budget = read(write_ods(tmp_path / "budget tiers lieu.ods", title, rows))
    assert figures(budget) == EXPECTED
    assert budget.basis == {"all": "TTC"}


# -- the CERFA in CSV with its INVESTISSEMENT block under the totals -------------------------

CSV_VARIANTS: dict[str, tuple[tuple[str, Amounts], ...]] = {
    "colons": (
        ("Dépenses : imprimante 3D, découpe vinyle, ordinateurs", (40000, 0, 0)),
        ("Recettes : Région Hauts-de-France équipement", (20000, 0, 0)),
        ("Recettes : fonds propres", (20000, 0, 0)),
    ),
    "natures-named-in-year-2": (
        ("Dépenses d'investissement : ordinateurs et écrans", (0, 40000, 0)),
        ("Recettes d'investissement : Région Hauts-de-France (équipement)", (0, 20000, 0)),
        ("Recettes d'investissement : autofinancement", (0, 20000, 0)),
    ),
    "no-section-named": (
        ("Acquisition imprimante 3D et découpeuse laser", (40000, 0, 0)),
        ("Région Hauts-de-France – équipement", (20000, 0, 0)),
        ("Fonds propres", (20000, 0, 0)),
    ),
    "dashes": (
        ("Dépenses – mobilier et machines du fablab", (30000, 10000, 0)),
        ("Recettes – Région Hauts-de-France équipement", (15000, 5000, 0)),
        ("Recettes – fonds propres", (15000, 5000, 0)),
    ),
}


@pytest.mark.parametrize("variant", sorted(CSV_VARIANTS))
def test_cerfa_csv_investment_block_after_the_totals(tmp_path: Path, variant: str) -> None:
    budget = read(cerfa_csv(tmp_path / "budget.csv", equipment=CSV_VARIANTS[variant]))
    assert figures(budget) == {
        **EXPECTED,
        "equipment": Decimal(40000),
        "region_equipment": Decimal(20000),
        "totals_right": [True] * 6,  # the CERFA states yearly totals, no total column
    }
    investment = [line for line in budget.lines if line.nature == "investissement"]
    spent, *received = (label for label, _ in CSV_VARIANTS[variant])
    assert {line.label: line.section for line in investment} == {
        spent: "depenses",
        **dict.fromkeys(received, "recettes"),
    }
    # The produits' total adds the lines above it, not the investment block under it.
    assert budget.stated_total("recettes", 2027) == (Decimal(68000), "ligne 13")
    assert budget.total_above("recettes", 2027) == Decimal(68000)


def test_cerfa_speakers_under_62_are_animation(tmp_path: Path) -> None:
    budget = read(cerfa_csv(tmp_path / "budget.csv"))
    assert budget.animation_lines(2027) == (
        "62 - Autres services extérieurs (intervenants)",
        "64 - Charges de personnel (animateur temps plein)",
    )


# -- judged in a dossier: letter, attestation, budget ------------------------------------------

REGIMES = {
    "association": "n'est pas assujettie à la TVA et ne la récupère pas",
    "fctva": (
        "est éligible au FCTVA pour ses dépenses d'investissement et ne récupère pas la TVA "
        "sur ses dépenses de fonctionnement"
    ),
}


def _dossier(folder: Path, budget: Path, regime: str, letter_total: str = "110 000") -> Path:
    """The letter asking 110 000 € (45 000 + 30 000 + 15 000 € of animation, 20 000 € of
    equipment), the attestation of the VAT regime, and ``budget``."""
    folder.mkdir()
    write_letter_pdf(
        folder / "Courrier.pdf",
        [line.replace("110 000", letter_total) for line in TEXTS["courrier"]],
    )
    write_letter_pdf(
        folder / "Attestation TVA.pdf",
        [
            "Communauté de communes du Ternois",
            "Attestation de régime fiscal",
            f"Je soussigné Paul Martin, président, atteste que la communauté {REGIMES[regime]}.",
            "Fait à Saint-Pol-sur-Ternoise, le 12 octobre 2026",
            "Le Président,",
            "Paul Martin",
        ],
    )
    shutil.move(budget, folder / budget.name)
    return folder


def _verify(folder: Path) -> tuple[list[tuple[Any, ...]], dict[str, Any]]:
    """The budget's findings (code, severity, message) and the report."""
    result = CliRunner().invoke(cli, ["verify", str(folder), "--format", "json"])
    report = json.loads(result.output)
    found = flatten(report["findings"], ("code", "severity", "message"), codes="B")
    return found, report


# The inline layout with the letter's 20 000 € of equipment aid on 40 000 € of machines.
FORTY = {
    "equipment": (("Machines fablab et mobilier coworking (investissement)", (40000, 0, 0)),),
    "revenues": (
        ("Région Hauts-de-France – animation", (45000, 30000, 15000)),
        ("Autofinancement CC – fonctionnement", (15000, 30000, 45000)),
        ("Région Hauts-de-France – équipement (50 %)", (20000, 0, 0)),
        ("Autofinancement CC – équipement", (20000, 0, 0)),
    ),
}


@pytest.mark.parametrize("writer", [write_xlsx, write_ods], ids=["xlsx", "ods"])
def test_interco_budget_ttc_operating_ht_investment_has_no_budget_finding(
    tmp_path: Path, writer: Any
) -> None:
    suffix = "xlsx" if writer is write_xlsx else "ods"
    budget = writer(tmp_path / f"Budget previsionnel TLN 2027-2029.{suffix}", *_inline(**FORTY))
    found, report = _verify(_dossier(tmp_path / "d", budget, "fctva"))
    assert found == []
    equipment = report["aid"]["equipment"]
    assert (equipment["expenses"], equipment["requested"]) == ("40000", "20000")
    assert equipment["explanation"] == "Équipement : min(40 000 × 50 % ; 30 000) = 20 000 €"


def test_association_cerfa_csv_with_investment_block_has_no_budget_finding(
    tmp_path: Path,
) -> None:
    budget = cerfa_csv(tmp_path / "budget.csv")
    found, report = _verify(_dossier(tmp_path / "d", budget, "association"))
    assert found == []
    assert report["aid"]["equipment"]["expenses"] == "40000.00"
    assert [y["expenses"] for y in report["aid"]["animation"]] == ["60000.00"] * 3


def test_aid_over_the_ceiling_names_the_animation_lines_it_was_computed_on(
    tmp_path: Path,
) -> None:
    """75 % of every charge asked (the loyer and the purchases too): the finding says which
    lines were taken as animation, the call's « salaires, prestations »."""
    budget = cerfa_csv(
        tmp_path / "budget.csv",
        region=(51000, 34000, 17000),
        ternois=(12500, 23000, 33000),
    )
    found, _ = _verify(_dossier(tmp_path / "d", budget, "association", letter_total="122 000"))
    assert [(code, severity) for code, severity, _ in found] == [("B005", "error")] * 3
    assert found[0][2] == (
        "Aide à l'animation 2027 : 51 000 € demandés, mais au plus 45 000 € (2027 : "
        "min(60 000 ; 60 000) × 75 % = 45 000 €) ; dépenses d'animation retenues : « 62 - "
        "Autres services extérieurs (intervenants) », « 64 - Charges de personnel (animateur "
        "temps plein) » (non retenues : « 60 - Achats », « 61 - Services extérieurs (loyer, "
        "assurance) »). Réduisez l'aide à l'animation 2027 à 45 000 €."
    )


def test_the_machines_subtotal_ends_a_fonctionnement_row_above(tmp_path: Path) -> None:
    """« Fonctionnement » over the salary, its subtotal, then the machines and their
    « Sous-total investissement » with no « Investissement » row: the machines are
    equipment, the subtotal says so."""
    budget = read(write_xlsx(tmp_path / "b.xlsx", *_inline(operating_row="Fonctionnement")))
    assert figures(budget) == EXPECTED
    [machines] = [line for line in budget.lines if line.year == 2027 and "Machines" in line.label]
    assert machines.evidence == (
        "section « DÉPENSES » ; au-dessus de « Sous-total investissement (équipement) »"
    )


def test_a_line_of_the_investment_block_that_its_words_do_not_place_is_reported(
    tmp_path: Path,
) -> None:
    """Under the totalled produits, « INVESTISSEMENT » then a line whose words say neither
    spending nor income: listed as not placed (a warning), never counted as income."""
    equipment = (*CSV_VARIANTS["no-section-named"], ("Divers", (1000, 0, 0)))
    budget = read(cerfa_csv(tmp_path / "budget.csv", equipment=equipment))
    assert budget.total("recettes", 2027) == budget.total("depenses", 2027) == Decimal(108000)
    assert budget.unplaced == (
        "ligne 19, colonne B : « Divers » hors des sections dépenses et recettes",
    )


def test_a_region_line_naming_both_aids_is_not_settled_by_its_own_words(tmp_path: Path) -> None:
    """« Région – matériel et animation »: its word « matériel » does not make it the
    equipment aid; the budget is asked to say which aid it is."""
    title, rows = _inline(
        revenues=(
            ("Région Hauts-de-France – matériel et animation", (73000, 30000, 15000)),
            ("Autofinancement CC", (43000, 30000, 45000)),
        )
    )
    budget = read(write_xlsx(tmp_path / "b.xlsx", title, rows))
    assert budget.region_aid("equipement") is None
    assert budget.region_aid("animation", 2027) == Decimal(73000)
    assert budget.unplaced == (
        "cellule B13 : « Région Hauts-de-France – matériel et animation » — aide de la "
        "Région sans dire si elle est pour l'animation ou l'équipement (comptée en animation)",
    )


def test_basis_stated_on_the_subtotals_of_each_nature(tmp_path: Path) -> None:
    """No basis in the title: « Sous-total fonctionnement (TTC) » and « Sous-total
    investissement HT (FCTVA) » state it for their nature."""
    title, rows = _inline(
        title="Budget prévisionnel 2027-2029",
        operating_subtotal="Sous-total fonctionnement (TTC)",
        equipment_subtotal="Sous-total investissement HT (FCTVA)",
    )
    budget = read(write_xlsx(tmp_path / "b.xlsx", title, rows))
    assert figures(budget) == EXPECTED
    assert budget.basis == {"fonctionnement": "TTC", "investissement": "HT"}
    assert budget.basis_source == "libellé, cellule A7 ; libellé, cellule A9"
