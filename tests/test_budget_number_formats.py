"""A budget workbook read as the applicant sees it: its cells' number formats.

A share typed 0.75 and formatted « 0 % » is « 75 % » on screen: never 0,75 € of recettes,
whatever its column's header says (« Part », « Taux », « Répartition », nothing). A number
shown « 45 k€ » is 45 000 €, once, even under a title « (en k€) »; a format that divides by
a thousand (« #,##0, ») shows euros stored as such. A date is no amount; a currency format
(« [$€-40C] ») stays an amount. The workbooks are written by openpyxl with each formula's
value stored, as a spreadsheet program saves them; the ODS files as LibreOffice Calc writes
them (its data styles in ``styles.xml``, percentage cells with the text they show).

The budgets are those of ``realistic.yearly_workbook`` (animation 45 000, 30 000, 15 000 €,
equipment 20 000 €, the letter's 110 000 €), in the layouts that exist: a column per year,
a plan de financement over the project, years as rows, the CERFA 12156 form.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import generate
import pytest
from click.testing import CliRunner
from openpyxl import Workbook
from realistic import budget as realistic
from test_budget_checks import letter_and_attestation
from test_budget_outside2 import DEPENSES_K, RECETTES_K

from dossierkit.cli import cli
from dossierkit.pieces.budget import BudgetFacts
from dossierkit.reading import read_document
from dossierkit.reading.cellformat import SHOWN_IN_THOUSANDS, number_format
from dossierkit.report.flatten import flatten
from dossierkit.verify import parse_file

YEARS = realistic.YEARS
EXPENSES = realistic.YEARLY_EXPENSES
EQUIPMENT = realistic.YEARLY_EQUIPMENT
REVENUES = realistic.YEARLY_REVENUES
TOTAL = (Decimal(105800), Decimal(74200), Decimal(70000))  # dépenses = recettes, each year
# The call's rates of the animation aid, as applicants quote them under the Région's line.
RATES = (0.75, 0.5, 0.25)
MONEY = "#,##0\\ [$€-40C]"  # « 45 000 € » as LibreOffice Calc in French saves it to XLSX


def read(path: Path) -> BudgetFacts:
    budget = parse_file(path, "budget")
    assert isinstance(budget, BudgetFacts)
    return budget


def by_year(budget: BudgetFacts, section: str) -> list[Decimal]:
    return [budget.total(section, year) for year in YEARS]


def assert_read_right(budget: BudgetFacts) -> None:
    """The budget's figures, each share left out."""
    assert by_year(budget, "depenses") == list(TOTAL)
    assert by_year(budget, "recettes") == list(TOTAL)
    assert [budget.region_aid("animation", y) for y in YEARS] == [
        Decimal(v) for v in realistic.REGION_ANIMATION
    ]
    assert budget.region_aid("equipement") == Decimal(20000)
    assert budget.equipment_expenses() == Decimal(40000)
    assert not [line for line in budget.lines if abs(line.amount) < 1 and line.amount]
    assert budget.unplaced == ()
    assert budget.text_amounts == ()


def verified(folder: Path, budget: Path) -> dict[str, Any]:
    """The report on a dossier of a letter asking 110 000 € (90 000 € of animation, 20 000 €
    of equipment), its VAT attestation and ``budget``."""
    letter_and_attestation(folder, "110 000")
    budget.rename(folder / budget.name)
    result = CliRunner().invoke(cli, ["verify", str(folder), "--format", "json"])
    report: dict[str, Any] = json.loads(result.output)
    return report


# -- XLSX: a column per year ----------------------------------------------------------------------


def yearly(
    path: Path,
    *,
    head: str | None = "Part",
    share: str = "0%",
    rates: str | None = None,
) -> Path:
    """« Poste | 2027 | 2028 | 2029 | Total | ``head`` »: each line's share of its section's
    total in the last column (a formula formatted ``share``; a « % » typed in quotes shows
    the number itself, so the formula then multiplies by 100), its header ``head`` (None:
    left blank); with ``rates``, a row of that label under the Région's animation line holds
    the call's rates (0.75, 0.5, 0.25 formatted « 0 % »). Totals add their lines (« =B6+B7+… »)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Budget prévisionnel"
    ws["A1"] = "Budget prévisionnel 2027-2029 — Association Fab'Lab du Ternois"
    ws["A2"] = "Montants TTC"
    typed = '"' in share
    cached: dict[str, Decimal] = {}
    amounts: dict[str, Decimal] = {}
    row = 3

    def put(label: str, values: Sequence[object] = (), fmt: str = MONEY) -> int:
        nonlocal row
        row += 1
        ws.cell(row, 1, label)
        for c, value in enumerate(values, start=2):
            ws.cell(row, c, value).number_format = fmt
        return row

    def section(title: str, blocks: list[tuple[str | None, dict[str, tuple[int, ...]]]]) -> None:
        nonlocal row
        put(title, [*YEARS, "Total", *([head] if head else [])], "General")
        lines = []
        for nature, items in blocks:
            if nature:
                put(nature)
            for label, values in items.items():
                at = put(label, values)
                lines.append(at)
                amounts.update({f"{c}{at}": Decimal(v) for c, v in zip("BCD", values, strict=True)})
                ws.cell(at, 5, f"=SUM(B{at}:D{at})").number_format = MONEY
                cached[f"E{at}"] = amounts[f"E{at}"] = Decimal(sum(values))
                if rates and label == "Région Hauts-de-France — aide à l'animation":
                    put(rates, RATES, "0%")
        total = put(f"TOTAL {title}")
        for c, letter in enumerate("BCDE", start=2):
            formula = "=" + "+".join(f"{letter}{r}" for r in lines)
            ws.cell(total, c, formula).number_format = MONEY
            value = sum((amounts[f"{letter}{r}"] for r in lines), Decimal(0))
            cached[f"{letter}{total}"] = amounts[f"{letter}{total}"] = value
        for at in [*lines, total]:
            ws.cell(at, 6, f"=E{at}/E${total}" + ("*100" if typed else "")).number_format = share
            cached[f"F{at}"] = amounts[f"E{at}"] / amounts[f"E{total}"] * (100 if typed else 1)
        row += 1

    section("DÉPENSES", [("Fonctionnement", EXPENSES), ("Investissement", EQUIPMENT)])
    section("RECETTES", [(None, REVENUES)])
    wb.save(str(path))
    generate.fill_formula_cache(path, {ws.title: cached})
    return path


@pytest.mark.parametrize(
    ("head", "share"),
    [
        ("Part", "0%"),
        ("Taux", "0.0\\ %"),  # « 0,0 % », as LibreOffice Calc in French saves it
        ("Répartition", "0%"),
        (None, "0%"),
        (None, '0.0" %"'),  # a « % » typed in the format: the number shown is the share
    ],
    ids=["part", "taux", "repartition", "no-header", "typed-percent"],
)
def test_a_column_of_shares_is_no_amount(tmp_path: Path, head: str | None, share: str) -> None:
    assert_read_right(read(yearly(tmp_path / "Budget.xlsx", head=head, share=share)))


def test_the_share_is_read_as_the_applicant_sees_it(tmp_path: Path) -> None:
    document = read_document(yearly(tmp_path / "Budget.xlsx", share="0.0\\ %"), "xlsx")
    [sheet] = document.tables
    region = next(
        row for row in sheet.rows if row and row[0] == "Région Hauts-de-France — aide à l'animation"
    )
    assert region[1:] == (
        Decimal(45000),
        Decimal(30000),
        Decimal(15000),
        Decimal(90000),
        "36,0\u00a0%",  # 90 000 € of the 250 000 € of recettes, one decimal shown
    )


@pytest.mark.parametrize(
    "label", ["Part de la Région", "Intensité de l'aide régionale", "Taux d'intervention"]
)
def test_a_row_of_the_call_s_rates_under_the_région_s_line_is_no_recette(
    tmp_path: Path, label: str
) -> None:
    """« Part de la Région | 75 % | 50 % | 25 % » under the Région's line: read as numbers,
    0,75 + 0,5 + 0,25 € of recettes would unbalance each year."""
    assert_read_right(read(yearly(tmp_path / "Budget.xlsx", rates=label)))


def test_a_dossier_with_shares_in_its_budget_has_no_budget_finding(tmp_path: Path) -> None:
    """The letter's 110 000 € found in the budget, each year balanced: no B003, no B008."""
    budget = yearly(tmp_path / "Budget prévisionnel.xlsx", head=None, rates="Part de la Région")
    report = verified(tmp_path / "d", budget)
    # The dossier lacks only the pieces it was not given.
    assert flatten(report["findings"], ("code", "severity", "piece")) == [
        ("P001", "error", "dossier_technique"),
        ("P001", "error", "rib"),
        ("P001", "error", "statuts"),
    ]
    [piece] = [p for p in report["pieces"] if p["kind"] == "budget"]
    assert piece["status"] == "ok"
    aid = report["aid"]
    assert [(y["expenses"], y["requested"]) for y in aid["animation"]] == [
        ("60000", "45000"),
        ("60000", "30000"),
        ("60000", "15000"),
    ]
    assert (aid["equipment"]["expenses"], aid["equipment"]["requested"]) == ("40000", "20000")


def test_a_template_whose_only_numbers_are_shares_is_empty(tmp_path: Path) -> None:
    """A template sent blank but for the call's rates it states (« Part de la Région |
    75 % | 50 % | 25 % ») and its formulas (0 €): no amount, B012, never « complet »."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Budget"
    ws.append(["Budget prévisionnel 2027-2029 — montants TTC"])
    ws.append(["DÉPENSES", *YEARS, "Total"])
    ws.append(["Salaire et charges de l'animateur (1 ETP)"])
    ws.append(["Total dépenses", "=B3", "=C3", "=D3", "=SUM(B4:D4)"])
    ws.append(["RECETTES", *YEARS, "Total"])
    ws.append(["Région Hauts-de-France — aide à l'animation"])
    ws.append(["Part de la Région", *RATES])
    ws.append(["Total recettes", "=B6", "=C6", "=D6", "=SUM(B8:D8)"])
    for row in ws.iter_rows(min_row=3, min_col=2):
        for cell in row:
            cell.number_format = "0%" if cell.row == 7 else MONEY
    path = _save(wb, tmp_path / "Budget prévisionnel.xlsx")
    zeros = {f"{c}{r}": Decimal(0) for r in (4, 8) for c in "BCDE"}
    generate.fill_formula_cache(path, {"Budget": zeros})
    assert read(path).empty
    codes = [f[0] for f in flatten(verified(tmp_path / "d", path)["findings"], ("code",))]
    assert "B012" in codes


# -- XLSX: a plan de financement, years as rows, the CERFA ------------------------------------------

FUNDERS = {
    "Région Hauts-de-France — aide à l'animation": 90000,
    "Région Hauts-de-France — aide à l'équipement": 20000,
    "Communauté de communes du Ternois — subvention": 70000,
    "Autofinancement": 70000,
}


def plan_de_financement(path: Path, head: str | None) -> Path:
    """« Dépenses » by year, and a « Plan de financement » « Financeur | Montant | ``head`` »
    over the project, the share a formula formatted « 0,0 % »."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Dépenses"
    ws.append(["Dépenses prévisionnelles (montants TTC)"])
    ws.append(["Poste", *YEARS, "Total"])
    for label, values in {**EXPENSES, **EQUIPMENT}.items():
        nature = "(investissement)" if label in EQUIPMENT else ""
        ws.append([f"{label} {nature}".strip(), *values, sum(values)])
    wp = wb.create_sheet("Plan de financement")
    wp.append(["Plan de financement du projet 2027-2029"])
    wp.append(["Financeur", "Montant", head])
    cached = {}
    for r, (label, value) in enumerate(FUNDERS.items(), start=3):
        wp.append([label, value])
        wp[f"C{r}"] = f"=B{r}/B7"
        wp[f"C{r}"].number_format = "0.0\\ %"
        cached[f"C{r}"] = Decimal(value) / Decimal(250000)
    wp.append(["TOTAL", "=SUM(B3:B6)", "=SUM(C3:C6)"])
    wp["C7"].number_format = "0%"
    wb.save(str(path))
    generate.fill_formula_cache(
        path, {"Plan de financement": cached | {"B7": Decimal(250000), "C7": Decimal(1)}}
    )
    return path


@pytest.mark.parametrize("head", ["Part", "Taux", None])
def test_a_plan_de_financement_s_shares_are_no_amounts(tmp_path: Path, head: str | None) -> None:
    budget = read(plan_de_financement(tmp_path / "Plan de financement.xlsx", head))
    assert budget.total("depenses") == budget.total("recettes") == Decimal(250000)
    assert budget.region_aid("animation") == Decimal(90000)
    assert budget.region_aid("equipement") == Decimal(20000)
    assert budget.unplaced == ()


def years_as_rows(path: Path) -> Path:
    """« Année | <dépenses> | Total dépenses | Région | Part Région | <recettes> | Total
    recettes », one row per year, the Région's share of the dépenses formatted « 0 % »."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Fonctionnement"
    ws["A1"] = "Budget prévisionnel de fonctionnement – montants TTC"
    ws.append([])
    spent = {k: v for k, v in EXPENSES.items()}
    ws.append(["Année", *spent, "Total dépenses", "Région Hauts-de-France – animation",
               "Part Région", "Autofinancement", "Total recettes"])  # fmt: skip
    for i, year in enumerate(YEARS):
        total = sum(v[i] for v in spent.values())
        region = realistic.REGION_ANIMATION[i]
        ws.append([year, *(v[i] for v in spent.values()), total, region, region / total,
                   total - region, total])  # fmt: skip
        ws.cell(ws.max_row, 7).number_format = "0%"
    return _save(wb, path)


def _save(wb: Workbook, path: Path) -> Path:
    wb.save(str(path))
    return path


def test_years_as_rows_with_the_région_s_share_are_turned(tmp_path: Path) -> None:
    budget = read(years_as_rows(tmp_path / "Budget.xlsx"))
    assert by_year(budget, "depenses") == [Decimal(70000)] * 3
    assert by_year(budget, "recettes") == [Decimal(70000)] * 3
    assert [budget.region_aid("animation", y) for y in YEARS] == [
        Decimal(v) for v in realistic.REGION_ANIMATION
    ]
    assert budget.unplaced == ()


def cerfa_with_shares(path: Path, head: str | None) -> Path:
    """The CERFA 12156, one sheet per year, a column headed ``head`` (None: blank) beside
    the produits' amounts, each produit's share of the total (« 0,0 % »)."""
    wb = Workbook()
    cached: dict[str, dict[str, Decimal]] = {}
    for i, year in enumerate(YEARS):
        ws = wb.active if i == 0 else wb.create_sheet()
        ws.title = str(year)
        sheet = realistic._Sheet(ws)
        realistic._cerfa_sheet(sheet, i, "Association Fab'Lab du Ternois")
        total = next(r for r in range(6, 60) if ws[f"C{r}"].value == "TOTAL DES PRODUITS")
        ws["E5"] = head
        for r in range(6, total + 1):
            value = ws[f"D{r}"].value
            if value is None:
                continue
            amount = sheet.cached.get(f"D{r}") if isinstance(value, str) else Decimal(value)
            ws[f"E{r}"] = f"=D{r}/D${total}"
            ws[f"E{r}"].number_format = "0.0\\ %"
            sheet.cached[f"E{r}"] = Decimal(amount or 0) / sheet.cached[f"D{total}"]
        for row in ws.iter_rows(min_row=5, max_col=4):
            for cell in row[1::2]:
                cell.number_format = MONEY
        cached[ws.title] = sheet.cached
    wb.save(str(path))
    generate.fill_formula_cache(path, cached)
    return path


@pytest.mark.parametrize("head", ["Part", None])
def test_the_cerfa_with_a_share_column_beside_its_produits(
    tmp_path: Path, head: str | None
) -> None:
    budget = read(cerfa_with_shares(tmp_path / "cerfa.xlsx", head))
    for i, year in enumerate(YEARS):
        figures = realistic.cerfa_year_amounts(i)
        equipment = sum(amounts[i] for _, amounts in realistic.INVESTMENT)
        assert budget.total("depenses", year) == figures["charges"] + equipment
        assert budget.total("recettes", year) == figures["charges"] + equipment
        assert budget.region_aid("animation", year) == realistic.REGION_ANIMATION[i]
    assert budget.unplaced == ()


# -- the same budget printed or exported: shares as text ------------------------------------------


def _printed_rows() -> list[tuple[str, ...]]:
    """The yearly budget as a page or a table shows it: « 44 000 € », a share column
    without header (« 53 % »), the call's rates under the Région's line."""

    def euros(value: int) -> str:
        return f"{value:,} €".replace(",", "\u00a0")

    rows: list[tuple[str, ...]] = []
    for title, lines in (
        ("DÉPENSES", {**EXPENSES, **{f"{k} (investissement)": v for k, v in EQUIPMENT.items()}}),
        ("RECETTES", REVENUES),
    ):
        rows.append((title, *map(str, YEARS), "Total", ""))
        for label, values in lines.items():
            share = f"{round(100 * sum(values) / 250000)} %"
            rows.append((label, *map(euros, values), euros(sum(values)), share))
            if label.endswith("aide à l'animation"):
                rows.append(("Part de la Région", "75 %", "50 %", "25 %", "", ""))
        totals = [sum(v[i] for v in lines.values()) for i in range(3)]
        rows.append((f"Total {title.lower()}", *map(euros, totals), euros(sum(totals)), "100 %"))
    return rows


def printed(path: Path) -> Path:
    """The budget as a Word table (``.docx``), a PDF drawn as a spreadsheet prints it
    (``.pdf``), or a CSV as French Excel exports it (``.csv``)."""
    title = "Budget prévisionnel 2027-2029 — montants TTC"
    rows = _printed_rows()
    if path.suffix == ".csv":
        lines = [title, *(";".join(row) for row in rows)]
        path.write_bytes("\r\n".join(lines).encode("cp1252"))
    elif path.suffix == ".docx":
        import docx

        document = docx.Document()
        document.add_paragraph(title)
        table = document.add_table(rows=len(rows), cols=6)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        document.save(str(path))
    else:
        from reportlab.lib.pagesizes import A4
        from reportlab.pdfgen import canvas

        pdf = canvas.Canvas(str(path), pagesize=A4)
        pdf.setFont("Helvetica", 9)
        pdf.drawString(40, 810, title)
        y = 790
        for row in rows:
            pdf.drawString(40, y, row[0])
            for x, text in zip((300, 360, 420, 490, 550), row[1:], strict=True):
                pdf.drawRightString(x, y, text)
            y -= 16
        pdf.save()
    return path


@pytest.mark.parametrize("suffix", [".docx", ".pdf", ".csv"])
def test_shares_printed_beside_the_amounts_are_no_amounts(tmp_path: Path, suffix: str) -> None:
    assert_read_right(read(printed(tmp_path / f"Budget{suffix}")))


# -- XLSX: amounts shown in thousands, dates, currencies ---------------------------------------------

# A budget in k€ (test_budget_outside2's): per year, dépenses and recettes of 80, 50, 50 k€.
K_EXPENSES, K_REVENUES = DEPENSES_K, RECETTES_K


def in_thousands(path: Path, fmt: str, *, euros: bool, title: str = "") -> Path:
    """The k€ budget, its amounts formatted ``fmt``: stored in euros (``euros``: a format
    that divides them, « #,##0,"k€" ») or in thousands (« #,##0.0" k€" »)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Budget"
    ws["A1"] = f"Tiers-lieu numérique – budget prévisionnel 2027-2029{title}"
    ws["A2"] = "Montants TTC"
    ws.append([])
    ws.append(["Poste", *YEARS])
    for section, lines in (("Dépenses", K_EXPENSES), ("Recettes", K_REVENUES)):
        ws.append([section])
        for label, values in lines.items():
            ws.append([label, *(int(v * 1000) if euros else v for v in values)])
            for c in range(2, 5):
                ws.cell(ws.max_row, c).number_format = fmt
    return _save(wb, path)


@pytest.mark.parametrize(
    ("fmt", "euros", "title"),
    [
        ('#,##0.0" k€"', False, ""),
        ('#,##0.0" k€"', False, " (en k€)"),  # said twice: still thousands once
        ('#,##0,"k€"', True, ""),
        ('#,##0," k€"', True, " (en k€)"),
        ("#,##0,", True, " (en k€)"),  # the title says k€, the format divides euros
    ],
    ids=["k-format", "k-format-and-title", "divided", "divided-and-title", "divided-no-unit"],
)
def test_amounts_shown_in_thousands_are_read_in_euros_once(
    tmp_path: Path, fmt: str, euros: bool, title: str
) -> None:
    budget = read(in_thousands(tmp_path / "Budget.xlsx", fmt, euros=euros, title=title))
    assert by_year(budget, "depenses") == [Decimal(80000), Decimal(50000), Decimal(50000)]
    assert by_year(budget, "recettes") == [Decimal(80000), Decimal(50000), Decimal(50000)]
    assert [budget.region_aid("animation", y) for y in YEARS] == [
        Decimal(37500),
        Decimal(25000),
        Decimal(12500),
    ]
    [line] = [ln for ln in budget.lines if ln.year == 2027 and ln.label == "CC Flandre Lys"]
    assert str(line.amount) == "22500"
    assert "affiché en milliers d'euros par le format de sa cellule" in line.evidence
    assert budget.unplaced == ()


def test_a_date_is_no_amount_and_a_currency_is_one(tmp_path: Path) -> None:
    """The project's dates typed as dates above the table, a « Date d'obtention » column
    beside the recettes; amounts formatted as euros (« [$€-40C] »)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Budget"
    ws.append(["Budget prévisionnel – montants TTC"])
    ws.append(["Début du projet", datetime(2027, 1, 1)])
    ws.append(["Fin du projet", datetime(2029, 12, 31)])
    ws.append([])
    ws.append(["DÉPENSES", *YEARS, "Total"])
    for label, values in {**EXPENSES, **EQUIPMENT}.items():
        ws.append([f"{label} (investissement)" if label in EQUIPMENT else label, *values,
                   sum(values)])  # fmt: skip
    ws.append(["RECETTES", *YEARS, "Total", "Date d'obtention"])
    for n, (label, values) in enumerate(REVENUES.items()):
        ws.append([label, *values, sum(values), datetime(2026, 11, 2 + n)])
        ws.cell(ws.max_row, 6).number_format = "dd/mm/yyyy"
    for row in ws.iter_rows(min_row=6, min_col=2, max_col=5):
        for cell in row:
            cell.number_format = MONEY
    for cell in (ws["B2"], ws["B3"]):
        cell.number_format = "dd/mm/yyyy"
    assert_read_right(read(_save(wb, tmp_path / "Budget.xlsx")))


# -- ODS as LibreOffice Calc writes it ------------------------------------------------------------------

_OFFICE = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
    'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" '
    'office:version="1.3"'
)
# Calc keeps the user's number formats in styles.xml, the percentage it knows in content.xml.
_STYLES = (
    '<number:number-style style:name="N145"><number:number number:decimal-places="1" '
    'number:min-decimal-places="1" number:min-integer-digits="1" number:grouping="true"/>'
    "<number:text> k€</number:text></number:number-style>"
    '<number:number-style style:name="N146"><number:number number:decimal-places="0" '
    'number:min-decimal-places="0" number:min-integer-digits="1" number:grouping="true" '
    'number:display-factor="1000"/><number:text> k€</number:text></number:number-style>'
    '<number:currency-style style:name="N149"><number:number number:decimal-places="0" '
    'number:min-decimal-places="0" number:min-integer-digits="1" number:grouping="true"/>'
    '<number:text> </number:text><number:currency-symbol number:language="fr" '
    'number:country="FR">€</number:currency-symbol></number:currency-style>'
)
_AUTOMATIC = (
    '<number:percentage-style style:name="N10"><number:number number:decimal-places="0" '
    'number:min-decimal-places="0" number:min-integer-digits="1"/><number:text> %</number:text>'
    "</number:percentage-style>"
    + "".join(
        f'<style:style style:name="{name}" style:family="table-cell" '
        f'style:parent-style-name="Default" style:data-style-name="{data}"/>'
        for name, data in (("ce1", "N10"), ("ce3", "N145"), ("ce4", "N146"), ("ce6", "N149"))
    )
)


def _french(value: Decimal, decimals: int = 0) -> str:
    text = f"{value:,.{decimals}f}".replace(",", "\u202f").replace(".", ",")
    return text


def _ods_cell(value: object, kind: str = "") -> str:
    """A cell as Calc writes it: ``share`` (a percentage), ``k`` (thousands shown « k€ »),
    ``k1000`` (euros shown in k€ by a display factor), ``euros`` (a currency), ``date``,
    ``column`` (a number whose style is its column's)."""
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, datetime):
        return (
            '<table:table-cell office:value-type="date" '
            f'office:date-value="{value:%Y-%m-%d}" calcext:value-type="date">'
            f"<text:p>{value:%d/%m/%Y}</text:p></table:table-cell>"
        )
    if isinstance(value, str):
        return (
            '<table:table-cell office:value-type="string" calcext:value-type="string">'
            f"<text:p>{escape(value)}</text:p></table:table-cell>"
        )
    number = Decimal(str(value))
    if kind == "share":
        shown = f"{_french(number * 100)} %"
        return (
            '<table:table-cell table:style-name="ce1" office:value-type="percentage" '
            f'office:value="{number}" calcext:value-type="percentage">'
            f"<text:p>{shown}</text:p></table:table-cell>"
        )
    style, shown = {
        "k": (' table:style-name="ce3"', f"{_french(number, 1)} k€"),
        "k1000": (' table:style-name="ce4"', f"{_french(number / 1000)} k€"),
        "euros": (' table:style-name="ce6"', f"{_french(number)} €"),
        "column": ("", f"{_french(number, 1)} k€"),
    }.get(kind, ("", _french(number)))
    value_type = "currency" if kind == "euros" else "float"
    currency = ' office:currency="EUR"' if kind == "euros" else ""
    return (
        f'<table:table-cell{style} office:value-type="{value_type}"{currency} '
        f'office:value="{number}" calcext:value-type="{value_type}">'
        f"<text:p>{shown}</text:p></table:table-cell>"
    )


_COLUMNS = '<table:table-column table:number-columns-repeated="6"/>'


def write_ods(path: Path, rows: list[list[tuple[object, str]]], columns: str = "") -> Path:
    """An ODS of one sheet « Budget »; ``columns`` the sheet's column elements (Calc writes
    a column formatted as a whole as its default cell style)."""
    body = "".join(
        "<table:table-row>" + "".join(_ods_cell(v, k) for v, k in row) + "</table:table-row>"
        for row in rows
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_OFFICE}>'
        f"<office:automatic-styles>{_AUTOMATIC}</office:automatic-styles>"
        '<office:body><office:spreadsheet><table:table table:name="Budget">'
        f"{columns or _COLUMNS}"
        f"{body}</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    styles = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {_OFFICE}>'
        f"<office:styles>{_STYLES}</office:styles></office:document-styles>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet"
        )
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("styles.xml", styles, zipfile.ZIP_DEFLATED)
    return path


def _line(label: str, values: Sequence[object], kind: str = "euros") -> list[tuple[object, str]]:
    return [(label, ""), *((v, kind) for v in values)]


def yearly_ods(path: Path) -> Path:
    """The yearly budget in euros, a « Part » column of shares, the call's rates in a row
    under the Région's line, the project's start as a date."""
    rows = [
        [("Budget prévisionnel 2027-2029 — montants TTC", "")],
        [("Début du projet", ""), (datetime(2027, 1, 1), "")],
        [],
    ]
    for title, lines in (("DÉPENSES", {**EXPENSES, **EQUIPMENT}), ("RECETTES", REVENUES)):
        rows.append([(title, ""), *((str(y), "") for y in YEARS), ("Total", ""), ("Part", "")])
        spent = sum(sum(v) for v in lines.values())
        for label, values in lines.items():
            named = f"{label} (investissement)" if label in EQUIPMENT else label
            share = Decimal(sum(values)) / Decimal(spent)
            rows.append([*_line(named, (*values, sum(values))), (round(share, 3), "share")])
            if label.endswith("aide à l'animation"):
                rows.append(_line("Part de la Région", RATES, "share"))
        rows.append([])
    return write_ods(path, rows)


def test_an_ods_with_shares_dates_and_currencies(tmp_path: Path) -> None:
    assert_read_right(read(yearly_ods(tmp_path / "Budget.ods")))


def test_an_ods_share_is_read_as_calc_shows_it(tmp_path: Path) -> None:
    document = read_document(yearly_ods(tmp_path / "Budget.ods"), "ods")
    rates = next(row for row in document.tables[0].rows if row and row[0] == "Part de la Région")
    assert rates[1:4] == ("75 %", "50 %", "25 %")
    assert document.notes == ()


@pytest.mark.parametrize(
    ("kind", "title"),
    [("k", ""), ("k", " (en k€)"), ("k1000", ""), ("k1000", " (en k€)"), ("column", "")],
    ids=["k-style", "k-style-and-title", "display-factor", "display-factor-and-title", "column"],
)
def test_an_ods_in_thousands_is_read_in_euros_once(tmp_path: Path, kind: str, title: str) -> None:
    rows = [
        [(f"Tiers-lieu numérique – budget prévisionnel 2027-2029{title}", "")],
        [("Montants TTC", "")],
        [("Poste", ""), *((str(y), "") for y in YEARS)],
    ]
    for section, lines in (("Dépenses", K_EXPENSES), ("Recettes", K_REVENUES)):
        rows.append([(section, "")])
        for label, values in lines.items():
            stored = [Decimal(str(v)) * (1000 if kind == "k1000" else 1) for v in values]
            rows.append(_line(label, stored, kind))
    columns = (
        '<table:table-column table:number-columns-repeated="1"/>'
        '<table:table-column table:number-columns-repeated="3" '
        'table:default-cell-style-name="ce3"/>'
        if kind == "column"
        else ""
    )
    path = write_ods(tmp_path / "Budget.ods", rows, columns)
    document = read_document(path, "ods")
    assert document.notes[0].startswith(f"{SHOWN_IN_THOUSANDS} : Budget!B5, Budget!C5")
    budget = read(path)
    assert by_year(budget, "depenses") == [Decimal(80000), Decimal(50000), Decimal(50000)]
    assert by_year(budget, "recettes") == [Decimal(80000), Decimal(50000), Decimal(50000)]
    assert budget.region_aid("animation", 2027) == Decimal(37500)
    assert budget.unplaced == ()


# -- the formats themselves --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "share", "thousands", "divided"),
    [
        ("0%", True, False, 0),
        ("0.00%", True, False, 0),
        ("0.0\\ %", True, False, 0),
        ('0" %"', True, False, 0),
        ('#,##0" k€"', False, True, 0),
        ('#,##0.0\\ "K€"', False, True, 0),
        ('#,##0,"k€"', False, True, 1),
        ("#,##0,", False, False, 1),
        ("#,##0", False, False, 0),
        ("#,##0.00\\ [$€-40C]", False, False, 0),
        ('_-* #,##0\\ "€"_-;\\-* #,##0\\ "€"_-;_-* "-"??\\ "€"_-;_-@_-', False, False, 0),
        ("dd/mm/yyyy", False, False, 0),
        ("General", False, False, 0),
    ],
)
def test_what_a_number_format_shows(code: str, share: bool, thousands: bool, divided: int) -> None:
    shown = number_format(code)
    assert (shown.share, shown.thousands, shown.divided) == (share, thousands, divided)
