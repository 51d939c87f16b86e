"""Budget shapes a second outside tester sent, and their variants: amounts in thousands
(« en k€ »), years as rows, a « Plan de financement » of funders over the whole project
beside dépenses by year, a bare « Prestations » line, a title that calls the operating
budget the animation. Workbooks are written by openpyxl with values (and, where formulas,
their cached values as a spreadsheet program stores them); the PDF is drawn by reportlab.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import generate
import pytest
from openpyxl import Workbook
from test_budget_checks import NOT_RECOVERED, letter_and_attestation

from dossierkit.pieces.budget import BudgetFacts
from dossierkit.verify import parse_file

YEARS = (2027, 2028, 2029)


def read(path: Path) -> BudgetFacts:
    budget = parse_file(path, "budget")
    assert isinstance(budget, BudgetFacts)
    return budget


def by_year(budget: BudgetFacts, section: str) -> list[Decimal]:
    return [budget.total(section, year) for year in YEARS]


def save(workbook: Any, path: Path) -> Path:
    workbook.save(str(path))
    return path


# -- amounts in thousands of euros -------------------------------------------------------------

DEPENSES_K = {
    "Animateur (1 ETP, recrutement CDI)": (40, 41, 42),
    "Intervenants et ateliers": (10, 9, 8),
    "Matériel fablab (investissement)": (30, 0, 0),
}
RECETTES_K = {
    "Région – animation (75/50/25 %)": (37.5, 25, 12.5),
    "Région – équipement (50 %)": (15, 0, 0),
    "CC Flandre Lys": (22.5, 20, 27.5),
    "Recettes coworking": (5, 5, 10),
}


def thousands_workbook(path: Path, unit: str) -> Path:
    """The CC Flandre Lys shape: totals on top, then the detail, figures in thousands. The
    unit is said in the ``title`` (« (en k€) »), in a ``note`` (« en milliers d'euros »),
    in the ``header`` of the label column (« Montants en K€ ») or of the ``years``
    (« 2027 (k€) »). ``none``: a note that cites a ceiling in k€ only."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Budget TLN"
    ws["A1"] = "Tiers-lieu numérique – budget prévisionnel 2027-2029" + (
        " (en k€)" if unit == "title" else ""
    )
    ws["A2"] = {
        "note": "Montants TTC, en milliers d'euros (k€)",
        "none": "Montants TTC – l'aide est plafonnée à 60 k€ par an",
    }.get(unit, "Montants TTC")
    ws.append([])
    heads = [f"{y} (k€)" for y in YEARS] if unit == "years" else list(YEARS)
    ws.append(["Montants en K€" if unit == "header" else "Poste", *heads])
    ws.append(["Dépenses"])
    for label, values in DEPENSES_K.items():
        ws.append([label, *values])
    ws.append(["Recettes"])
    for label, values in RECETTES_K.items():
        ws.append([label, *values])
    ws.append(["Solde", 0, 0, 0])
    return save(wb, path)


@pytest.mark.parametrize("unit", ["title", "note", "header", "years"])
def test_a_budget_in_thousands_is_read_in_euros(tmp_path: Path, unit: str) -> None:
    budget = read(thousands_workbook(tmp_path / "k.xlsx", unit))
    assert by_year(budget, "depenses") == [Decimal(80000), Decimal(50000), Decimal(50000)]
    assert by_year(budget, "recettes") == [Decimal(80000), Decimal(50000), Decimal(50000)]
    assert [budget.region_aid("animation", y) for y in YEARS] == [
        Decimal(37500),
        Decimal(25000),
        Decimal(12500),
    ]
    assert budget.region_aid("equipement") == Decimal(15000)
    assert budget.equipment_expenses() == Decimal(30000)
    assert [budget.animation_expenses(y) for y in YEARS] == [
        Decimal(50000),
        Decimal(50000),
        Decimal(50000),
    ]
    [line] = [ln for ln in budget.lines if ln.year == 2027 and ln.label == "CC Flandre Lys"]
    assert str(line.amount) == "22500"  # exact, no « 22500.0 »
    assert "en milliers d'euros (« " in line.evidence
    assert budget.unplaced == ()


def test_a_ceiling_cited_in_thousands_does_not_make_a_budget_in_thousands(tmp_path: Path) -> None:
    """« plafonnée à 60 k€ par an » is a figure, not the table's unit: never guessed."""
    budget = read(thousands_workbook(tmp_path / "k.xlsx", "none"))
    assert by_year(budget, "depenses") == [Decimal(80), Decimal(50), Decimal(50)]


def test_the_outside_shape_with_totals_on_top_and_formulas(tmp_path: Path) -> None:
    """Totals first (« TOTAL DÉPENSES (k€) ») computed by formulas whose values are stored,
    one decimal shown: the totals are totals, each in euros."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Budget TLN"
    ws["A1"] = "Tiers-lieu numérique – budget prévisionnel 2027-2029 (en k€)"
    ws["A2"] = "Montants TTC, en milliers d'euros (k€)"
    ws["B3"], ws["C3"], ws["D3"] = ("2027", "2028", "2029")
    ws["A4"], ws["A5"], ws["A6"] = "TOTAL DÉPENSES (k€)", "TOTAL RECETTES (k€)", "Solde"
    ws["A8"], ws["B8"], ws["C8"], ws["D8"] = "Détail", "2027", "2028", "2029"
    ws["A9"] = "Dépenses"
    row = 10
    for label, values in DEPENSES_K.items():
        ws.append([label, *values])
        row += 1
    ws["A13"] = "Recettes"
    for r, (label, values) in enumerate(RECETTES_K.items(), start=14):
        ws[f"A{r}"] = label
        for c, v in zip("BCD", values, strict=True):
            ws[f"{c}{r}"] = v
    cached: dict[str, Decimal] = {}
    for i, c in enumerate("BCD"):
        ws[f"{c}4"] = f"=SUM({c}10:{c}12)"
        ws[f"{c}5"] = f"=SUM({c}14:{c}17)"
        ws[f"{c}6"] = f"={c}5-{c}4"
        spent = sum(Decimal(str(v[i])) for v in DEPENSES_K.values())
        cached |= {f"{c}4": spent, f"{c}5": spent, f"{c}6": Decimal(0)}
    path = save(wb, tmp_path / "Budget TLN CCFL (k€).xlsx")
    generate.fill_formula_cache(path, {"Budget TLN": cached})
    budget = read(path)
    assert budget.stated_total("depenses", 2027) == (Decimal(80000), "Budget TLN!B4")
    assert budget.stated_total("recettes", 2029) == (Decimal(50000), "Budget TLN!D5")
    assert by_year(budget, "recettes") == [Decimal(80000), Decimal(50000), Decimal(50000)]
    assert budget.balance_periods() == (None, *YEARS)
    assert budget.unplaced == ()


def test_a_pdf_budget_in_thousands(tmp_path: Path) -> None:
    """The same budget printed to PDF: its title states k€ on page 1, the detail goes on
    to page 2 in the same unit."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "Budget (k€).pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)

    def row(y: float, label: str, values: tuple[object, ...]) -> None:
        pdf.drawString(50, y, label)
        for x, value in zip((330, 410, 490), values, strict=False):
            text = str(value).replace(".", ",")
            pdf.drawRightString(x, y, text)

    pdf.setFont("Helvetica", 10)
    pdf.drawString(50, 800, "Budget prévisionnel 2027-2029 (en k€) – montants TTC")
    row(770, "Poste", YEARS)
    row(750, "Dépenses", ())
    y = 730
    for label, values in DEPENSES_K.items():
        row(y, label, values)
        y -= 20
    pdf.showPage()
    pdf.setFont("Helvetica", 10)
    row(800, "Poste", YEARS)
    row(780, "Recettes", ())
    y = 760
    for label, values in RECETTES_K.items():
        row(y, label, values)
        y -= 20
    pdf.save()
    budget = read(path)
    assert by_year(budget, "depenses") == [Decimal(80000), Decimal(50000), Decimal(50000)]
    assert by_year(budget, "recettes") == [Decimal(80000), Decimal(50000), Decimal(50000)]
    assert budget.region_aid("animation", 2027) == Decimal(37500)


def test_a_word_budget_in_thousands(tmp_path: Path) -> None:
    """A Word table under « Montants TTC, en milliers d'euros »: the caption before the
    table gives its unit."""
    import docx

    document = docx.Document()
    document.add_paragraph("Budget prévisionnel 2027-2029")
    document.add_paragraph("Montants TTC, en milliers d'euros")
    rows = [("Poste", *(str(y) for y in YEARS)), ("Dépenses", "", "", "")]
    rows += [
        (label, *(str(v).replace(".", ",") for v in values)) for label, values in DEPENSES_K.items()
    ]
    rows += [("Recettes", "", "", "")]
    rows += [
        (label, *(str(v).replace(".", ",") for v in values)) for label, values in RECETTES_K.items()
    ]
    table = document.add_table(rows=len(rows), cols=4)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    document.save(str(tmp_path / "Budget.docx"))
    budget = read(tmp_path / "Budget.docx")
    assert by_year(budget, "recettes") == [Decimal(80000), Decimal(50000), Decimal(50000)]
    assert budget.region_aid("animation", 2029) == Decimal(12500)
    assert budget.unplaced == ()


# -- years as rows -------------------------------------------------------------------------------

OPERATING = {
    "Salaire coordinateur réseau (1 ETP)": (46000, 47000, 48000),
    "Animations et intervenants": (10000, 9000, 8000),
    "Communication et déplacements": (4000, 4000, 4000),
}
FUNDING = {
    "Douaisis Agglo (autofinancement)": (12000, 25000, 38000),
    "Participations des communes": (3000, 5000, 7000),
}
REGION = (45000, 30000, 15000)


def years_as_rows(
    path: Path, *, total: bool, totals: bool = True, title: str = "", relative: bool = False
) -> Path:
    """The Douaisis shape: one row per year under « Année | <dépenses> | Total dépenses |
    Région Hauts-de-France | <recettes> | Total recettes », a « Total » row under them when
    ``total``; without ``totals`` (the section totals), a header row above names the
    sections over the columns they span. An « Investissement » sheet of items beside."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Fonctionnement"
    ws["A1"] = title or "Budget prévisionnel de fonctionnement – animation du réseau"
    ws["A2"] = "Montants hors taxes (HT)" + (", projet 2027-2029" if relative else "")
    heads = ["Année", *OPERATING]
    if totals:
        heads.append("Total dépenses")
    heads += ["Région Hauts-de-France", *FUNDING]
    if totals:
        heads.append("Total recettes")
        ws.append([])
    else:  # the sections' heads merged over their columns
        ws["B3"], ws[f"{chr(66 + len(OPERATING))}3"] = "Dépenses", "Recettes"
        ws.merge_cells(f"B3:{chr(65 + len(OPERATING))}3")
    ws.append(heads)
    data = []
    for i, year in enumerate(YEARS):
        spent = [v[i] for v in OPERATING.values()]
        got = [REGION[i], *(v[i] for v in FUNDING.values())]
        data.append(
            [*spent, *([sum(spent)] if totals else []), *got, *([sum(got)] if totals else [])]
        )
        ws.append([f"Année {i + 1}" if relative else year, *data[-1]])
    if total:
        ws.append(["Total", *(sum(column) for column in zip(*data, strict=True))])
    wi = wb.create_sheet("Investissement")
    wi["A1"] = "Budget prévisionnel d'investissement (équipement) – montants HT"
    wi.append([])
    wi.append(["Dépenses", "Montant HT", None, "Recettes", "Montant"])
    wi.append(
        [
            "Fablab mobile (imprimantes 3D, découpe vinyle)",
            22000,
            None,
            "Région Hauts-de-France (50 %)",
            25000,
        ]
    )
    wi.append(
        [
            "Ordinateurs portables pour les 4 lieux",
            18000,
            None,
            "Douaisis Agglo – autofinancement",
            25000,
        ]
    )
    wi.append(["Écrans et visioconférence", 10000])
    wi.append(
        ["Total dépenses d'investissement", 50000, None, "Total recettes d'investissement", 50000]
    )
    return save(wb, path)


@pytest.mark.parametrize(
    ("total", "totals", "relative"),
    [(True, True, False), (False, True, False), (True, False, False), (True, True, True)],
    ids=["total", "no-total-row", "sections-above", "year-1-2-3"],
)
def test_years_as_rows_are_read_turned(
    tmp_path: Path, total: bool, totals: bool, relative: bool
) -> None:
    budget = read(years_as_rows(tmp_path / "b.xlsx", total=total, totals=totals, relative=relative))
    assert by_year(budget, "depenses") == [Decimal(60000)] * 3
    assert by_year(budget, "recettes") == [Decimal(60000)] * 3
    assert [budget.region_aid("animation", y) for y in YEARS] == [Decimal(v) for v in REGION]
    assert budget.region_aid("equipement") == Decimal(25000)
    assert budget.equipment_expenses() == Decimal(50000)
    assert budget.total("depenses") == budget.total("recettes") == Decimal(230000)
    assert budget.basis == {"all": "HT"}
    assert budget.balance_periods() == (None, *YEARS)  # the investment balances itself
    [salary] = [ln for ln in budget.lines if ln.year == 2028 and ln.label.startswith("Salaire")]
    assert (salary.section, salary.nature, salary.amount, salary.source) == (
        "depenses",
        "fonctionnement",
        Decimal(47000),
        "Fonctionnement!B6",
    )
    assert budget.unplaced == ()


def test_the_animation_title_counts_every_operating_cost(tmp_path: Path) -> None:
    """« Budget prévisionnel de fonctionnement – animation du réseau »: the communication
    and travel of the network's coordinator are its animation, the applicant says so."""
    budget = read(years_as_rows(tmp_path / "b.xlsx", total=True))
    assert [budget.animation_expenses(y) for y in YEARS] == [Decimal(60000)] * 3
    [line] = [ln for ln in budget.lines if ln.year == 2027 and ln.label.startswith("Communication")]
    assert line.evidence.endswith(
        "dépense d'animation : sous « Budget prévisionnel de fonctionnement – animation du réseau »"
    )


@pytest.mark.parametrize(
    "title", ["Budget de fonctionnement", "Budget de fonctionnement (hors animation)"]
)
def test_without_that_title_travel_is_not_animation(tmp_path: Path, title: str) -> None:
    budget = read(years_as_rows(tmp_path / "b.xlsx", total=True, title=title))
    assert [budget.animation_expenses(y) for y in YEARS] == [
        Decimal(56000),
        Decimal(56000),
        Decimal(56000),
    ]


def test_a_year_column_beside_labelled_lines_is_not_turned(tmp_path: Path) -> None:
    """« Année | Poste | Montant »: a long list whose rows have labels, read as it is."""
    wb = Workbook()
    ws = wb.active
    ws.append(["Budget prévisionnel – montants TTC"])
    ws.append(["Année", "Section", "Poste", "Montant"])
    for year, region in zip(YEARS, REGION, strict=True):
        ws.append([year, "Dépenses", "Salaire de l'animatrice", 60000])
        ws.append([year, "Recettes", "Région Hauts-de-France – animation", region])
        ws.append([year, "Recettes", "Autofinancement", 60000 - region])
    budget = read(save(wb, tmp_path / "b.xlsx"))
    assert by_year(budget, "depenses") == [Decimal(60000)] * 3
    assert [budget.region_aid("animation", y) for y in YEARS] == [Decimal(v) for v in REGION]


# -- plan de financement over the whole project ---------------------------------------------------

SPENT = {
    "Salaire de la coordinatrice (CDI temps plein)": ("Fonctionnement", (42000, 43000, 44000)),
    "Intervenants et ateliers": ("Fonctionnement", (18000, 17000, 16000)),
    "Imprimantes 3D, brodeuse numérique, PC": ("Investissement", (24000, 0, 0)),
}
FUNDERS = {
    "Région Hauts-de-France – animation (2027 : 45 000, 2028 : 30 000, 2029 : 15 000)": 90000,
    "Région Hauts-de-France – équipement": 12000,
    "CA du Pays de Saint-Omer": 80000,
    "Cotisations et recettes d'activités": 22000,
}


def plan_de_financement(path: Path, *, share: bool, head: str = "Montant") -> Path:
    """La Ruche's shape: a « Dépenses » sheet by year (« Poste | Nature | 2027 | 2028 |
    2029 | Total 3 ans »), a « Plan de financement » sheet « Financeur | Montant | % » over
    the three years; the share column (a formula, formatted as %) when ``share``."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Dépenses"
    ws["A1"] = "Dépenses prévisionnelles (montants TTC)"
    ws.append(["Poste", "Nature", *(str(y) for y in YEARS), "Total 3 ans"])
    for label, (nature, values) in SPENT.items():
        ws.append([label, nature, *values, sum(values)])
    ws.append(["TOTAL", None, 84000, 60000, 60000, 204000])
    wp = wb.create_sheet("Plan de financement")
    wp["A1"] = "Plan de financement du projet sur 3 ans"
    wp.append(["Financeur", head, *(["%"] if share else [])])
    cached = {}
    for r, (label, value) in enumerate(FUNDERS.items(), start=3):
        wp.append([label, value])
        if share:
            wp[f"C{r}"] = f"=B{r}/Dépenses!F6"
            wp[f"C{r}"].number_format = "0.0%"
            cached[f"C{r}"] = Decimal(value) / Decimal(204000)
    wp.append(["TOTAL", 204000, *(["=SUM(C3:C6)"] if share else [])])
    path = save(wb, path)
    if share:
        generate.fill_formula_cache(path, {"Plan de financement": cached | {"C7": Decimal(1)}})
    return path


@pytest.mark.parametrize(
    ("share", "head"), [(True, "Montant"), (False, "Montant (€)"), (False, "Total")]
)
def test_a_plan_de_financement_gives_the_project_s_recettes(
    tmp_path: Path, share: bool, head: str
) -> None:
    budget = read(
        plan_de_financement(tmp_path / "Plan de financement.xlsx", share=share, head=head)
    )
    assert budget.total("depenses") == budget.total("recettes") == Decimal(204000)
    assert budget.yearless("recettes") == Decimal(114000)  # all but the Région's split years
    assert budget.yearless("depenses") == Decimal(0)
    # The recettes are not given by year: no year's balance can be claimed.
    assert budget.balance_periods() == (None,)
    assert [budget.region_aid("animation", y) for y in YEARS] == [Decimal(v) for v in REGION]
    assert budget.region_aid("equipement") == Decimal(12000)
    [region] = [ln for ln in budget.lines if ln.year == 2028 and ln.region_aid]
    assert (
        region.evidence.endswith(
            "« 2028 : 30 000 » dans le libellé ; aide de la Région : « region hauts de france » "
            "et « animation » dans le libellé"
        )
        or "« 2028 : 30 000 » dans le libellé" in region.evidence
    )
    assert budget.unplaced == ()  # the % column is no amount, silently


def test_yearly_shares_that_do_not_add_up_are_not_taken(tmp_path: Path) -> None:
    funders = {**FUNDERS}
    del funders["Région Hauts-de-France – animation (2027 : 45 000, 2028 : 30 000, 2029 : 15 000)"]
    funders = {
        "Région Hauts-de-France – animation (2027 : 45 000, 2028 : 30 000)": 90000,
        **funders,
    }
    wb = Workbook()
    ws = wb.active
    ws.append(["Financeur", "Montant"])
    for label, value in funders.items():
        ws.append([label, value])
    budget = read(save(wb, tmp_path / "b.xlsx"))
    assert [(ln.year, ln.amount) for ln in budget.lines if ln.region_aid == "animation"] == [
        (None, Decimal(90000))
    ]


def test_a_pdf_plan_de_financement(tmp_path: Path) -> None:
    """Printed from a spreadsheet: « Montant » typed left-aligned stands left of its
    right-aligned amounts, « 50,0 % » shares beside them: the header is laid again over the
    columns below it, the shares are no amounts and no finding."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "Plan de financement.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont("Helvetica", 10)
    pdf.drawString(50, 800, "Dépenses prévisionnelles (montants TTC)")
    right = (300, 380, 460, 540)
    pdf.drawString(50, 780, "Poste")
    for x, head in zip(right, (*YEARS, "Total"), strict=True):
        pdf.drawString(x - 40, 780, str(head))
    y = 780
    for label, (_, values) in SPENT.items():
        y -= 18
        pdf.drawString(50, y, label)
        for x, value in zip(right, (*values, sum(values)), strict=True):
            pdf.drawRightString(x, y, f"{value:,} €".replace(",", " "))
    y -= 40
    pdf.drawString(50, y, "Plan de financement du projet sur 3 ans")
    y -= 20
    pdf.drawString(50, y, "Financeur")
    pdf.drawString(330, y, "Montant")
    pdf.drawString(430, y, "%")
    for label, value in (
        ("Région Hauts-de-France – animation", 90000),
        ("Région Hauts-de-France – équipement", 12000),
        ("Autofinancement", 102000),
    ):
        y -= 18
        pdf.drawString(50, y, label)
        pdf.drawRightString(400, y, f"{value:,} €".replace(",", " "))
        share = f"{Decimal(value) * 100 / 204000:.1f} %".replace(".", ",")
        pdf.drawRightString(450, y, share)
    pdf.save()
    budget = read(path)
    assert budget.total("depenses") == budget.total("recettes") == Decimal(204000)
    assert budget.region_aid("equipement") == Decimal(12000)
    assert budget.balance_periods() == (None,)
    assert budget.unplaced == ()


# -- « Prestations » ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "animation"),
    [
        ("Prestations", True),
        ("Prestations extérieures", True),
        ("Prestations de services", False),  # the form's account 604, under « 60 - Achats »
        ("Prestations comptables", False),
    ],
)
def test_a_bare_prestations_line_is_animation(tmp_path: Path, label: str, animation: bool) -> None:
    """The call: « centré sur l'animation […] (salaires, prestations…) »."""
    wb = Workbook()
    ws = wb.active
    ws.append(["Budget prévisionnel – Le Labo"])
    ws.append(["Montants HT"])
    ws.append(["DÉPENSES", *YEARS, "Total"])
    ws.append(["Animateur (CDI)", 44000, 45000, 46000, 135000])
    ws.append([label, 16000, 15000, 14000, 45000])
    ws.append(["Sous-total fonctionnement", 60000, 60000, 60000, 180000])
    ws.append(["RECETTES", *YEARS, "Total"])
    ws.append(["Région Hauts-de-France – animation", *REGION, 90000])
    ws.append(["CAHC", 15000, 30000, 45000, 90000])
    budget = read(save(wb, tmp_path / "b.xlsx"))
    expected = Decimal(60000) if animation else Decimal(44000)
    assert budget.animation_expenses(2027) == expected


# -- the checks, in a dossier of a letter, an attestation and the budget ------------------------


def _budget_findings(
    folder: Path,
    budget: Path,
    asked: str,
    regime: str = NOT_RECOVERED,
) -> list[tuple[Any, ...]]:
    """The budget findings (B…) of a dossier whose letter asks ``asked`` euros in all."""
    import json

    from click.testing import CliRunner

    from dossierkit.cli import cli
    from dossierkit.report.flatten import flatten

    letter_and_attestation(folder, asked, regime)
    budget.rename(folder / budget.name)
    result = CliRunner().invoke(cli, ["verify", str(folder), "--format", "json"])
    return flatten(json.loads(result.output)["findings"], ("code", "message"), codes="B")


def test_a_budget_in_thousands_agrees_with_the_letter(tmp_path: Path) -> None:
    """37,5 k€ + 25 k€ + 12,5 k€ + 15 k€ asked: the letter's 90 000 €, no B008."""
    budget = thousands_workbook(tmp_path / "Budget (k€).xlsx", "title")
    assert _budget_findings(tmp_path / "d", budget, "90 000") == []


def test_a_budget_by_rows_of_years_agrees_with_the_letter(tmp_path: Path) -> None:
    budget = years_as_rows(tmp_path / "Budget.xlsx", total=True)
    regime = "est assujettie à la TVA et la récupère"
    assert _budget_findings(tmp_path / "d", budget, "115 000", regime) == []


def test_a_plan_de_financement_is_balanced_over_the_project(tmp_path: Path) -> None:
    """204 000 € of dépenses by year, 204 000 € of recettes over the project: balanced;
    no year is unbalanced for want of its recettes."""
    budget = plan_de_financement(tmp_path / "Plan de financement.xlsx", share=True)
    assert _budget_findings(tmp_path / "d", budget, "102 000") == []


def test_a_plan_de_financement_short_of_its_dépenses(tmp_path: Path) -> None:
    """The project's balance is still checked: 4 000 € of recettes missing."""
    from openpyxl import load_workbook

    path = plan_de_financement(tmp_path / "Plan de financement.xlsx", share=False)
    workbook = load_workbook(str(path))
    workbook["Plan de financement"]["B6"] = 18000
    workbook["Plan de financement"]["B7"] = 200000
    workbook.save(str(path))
    found = _budget_findings(tmp_path / "d", path, "102 000")
    from dossierkit.aid import euros

    spent, got, gap = (euros(Decimal(v)) for v in (204000, 200000, 4000))
    assert found[0] == (
        "B003",
        "« Plan de financement.xlsx » n'est pas équilibré sur l'ensemble du projet : "
        f"dépenses {spent}, recettes {got}, écart {gap}. Ajustez une recette "
        f"(l'autofinancement, par exemple) de {gap}.",
    )
