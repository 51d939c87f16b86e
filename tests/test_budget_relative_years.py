"""Budgets whose columns number the project's years instead of dating them: « Année 1 |
Année 2 | Année 3 », « An 1 », « 1re année », « Année N, N+1, N+2 », « Première année », « A1 »,
and a fourth column « Année 0 (investissement) » before them.

The call asks « Quelle serait la date de début de ce plan d'action (dépenses éligibles) ? »
and counts its rates (75 %, 50 %, 25 %) by year of the project: many applicants number their
columns and give the date in the dossier technique. Such a budget is judged exactly as the
same budget dated 2027, 2028, 2029 when the plan starts in 2027: the same findings, none on
the complete dossier of the Fab'Lab du Ternois, B005 when it asks 50 000 € in its first
year, B004 when a total is really wrong. The workbooks are written by openpyxl with their
totals as formulas and each formula's value stored, as a spreadsheet program saves them; the
PDF is a table drawn by reportlab, as a word processor exports it.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import generate
import pytest
from realistic import bundles

from conftest import write_pdf
from dossierkit.aid import aid_from_budget, anchored, year_one
from dossierkit.call import load_call
from dossierkit.fact import Fact
from dossierkit.pieces.budget import BudgetFacts
from dossierkit.verify import parse_file, verify

SHEET = "Budget prévisionnel"
SAVED = "Budget prévisionnel.xlsx"
CALENDAR = ("2027", "2028", "2029")
# What the letter of the complete dossier asks, and the day it is judged on.
TODAY = date(2026, 10, 20)

Lines = list[tuple[str, tuple[Decimal, ...]]]


def _ternois() -> tuple[Lines, Lines, Lines]:
    """The Fab'Lab du Ternois's budget lines (fonctionnement, investissement, recettes), the
    ones its letter and its dossier technique agree with."""
    b = generate.applicant_ternois().budget
    return tuple(  # type: ignore[return-value]
        [(line.label, tuple(line.amounts)) for line in part]
        for part in (b.operating, b.investment, b.revenues)
    )


def _column(index: int) -> str:
    return "BCDEFG"[index]


def workbook(
    path: Path,
    heads: Sequence[object],
    *,
    title: str = "Budget prévisionnel du projet — montants TTC",
    parts: tuple[Lines, Lines, Lines] | None = None,
    typed: dict[tuple[str, int], Decimal] | None = None,
) -> Path:
    """The budget as the association types it: one column per year headed ``heads``, a
    total column, sub-totals and totals as formulas whose values are stored. ``typed`` puts
    a figure typed by hand over a total's formula ((row label, year index) → figure)."""
    from openpyxl import Workbook

    operating, investment, revenues = parts or _ternois()
    typed = typed or {}
    count = len(heads)
    total_col = _column(count)
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws["A1"] = title
    ws["A2"] = "Association Fab'Lab du Ternois — projet « La Fabrique du Ternois »"
    ws.append([])
    ws.append(["Poste", *heads, "Total"])
    cached: dict[str, Decimal] = {}

    def line(label: str, amounts: tuple[Decimal, ...]) -> int:
        ws.append([label, *(int(a) for a in amounts)])
        row = ws.max_row
        ws[f"{total_col}{row}"] = f"=SUM(B{row}:{_column(count - 1)}{row})"
        cached[f"{total_col}{row}"] = sum(amounts, Decimal(0))
        return row

    def total(label: str, formula: str, values: list[Decimal]) -> int:
        ws.append([label])
        row = ws.max_row
        for i, value in enumerate([*values, sum(values, Decimal(0))]):
            col = _column(i)
            if (label, i) in typed:
                ws[f"{col}{row}"] = int(typed[(label, i)])
                continue
            ws[f"{col}{row}"] = "=" + formula.replace("{c}", col)
            cached[f"{col}{row}"] = value
        return row

    def sums(lines: Lines) -> list[Decimal]:
        return [sum((a[i] for _, a in lines), Decimal(0)) for i in range(count)]

    ws.append(["DÉPENSES"])
    ws.append(["Fonctionnement"])
    first = ws.max_row + 1
    for label, amounts in operating:
        line(label, amounts)
    op = total("Sous-total fonctionnement", f"SUM({{c}}{first}:{{c}}{ws.max_row})", sums(operating))
    ws.append(["Investissement"])
    first = ws.max_row + 1
    for label, amounts in investment:
        line(label, amounts)
    inv = total(
        "Sous-total investissement", f"SUM({{c}}{first}:{{c}}{ws.max_row})", sums(investment)
    )
    spent = [a + b for a, b in zip(sums(operating), sums(investment), strict=True)]
    expenses = total("TOTAL DÉPENSES", f"{{c}}{op}+{{c}}{inv}", spent)
    ws.append([])
    ws.append(["RECETTES"])
    first = ws.max_row + 1
    for label, amounts in revenues:
        line(label, amounts)
    income = total("TOTAL RECETTES", f"SUM({{c}}{first}:{{c}}{ws.max_row})", sums(revenues))
    ws.append(["Écart dépenses − recettes (doit être nul)"])
    row = ws.max_row
    for i in range(count + 1):
        col = _column(i)
        ws[f"{col}{row}"] = f"={col}{expenses}-{col}{income}"
        cached[f"{col}{row}"] = Decimal(0)
    ws.append(["Montants TTC : l'association ne récupère pas la TVA."])
    wb.save(str(path))
    generate.fill_formula_cache(path, {SHEET: cached})
    return path


def pdf_budget(path: Path, heads: Sequence[str]) -> Path:
    """The same budget typed as a table in a word processor and exported to PDF."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    def euros(value: Decimal) -> str:
        return f"{int(value):,} €".replace(",", " ")

    operating, investment, revenues = _ternois()
    rows: list[list[str]] = [["Poste", *heads, "Total"], ["DÉPENSES"], ["Fonctionnement"]]

    def part(lines: Lines, label: str | None) -> None:
        rows.extend([name, *map(euros, a), euros(sum(a, Decimal(0)))] for name, a in lines)
        if label:
            sums = [sum((a[i] for _, a in lines), Decimal(0)) for i in range(3)]
            rows.append([label, *map(euros, sums), euros(sum(sums, Decimal(0)))])

    part(operating, "Sous-total fonctionnement")
    rows.append(["Investissement"])
    part(investment, "Sous-total investissement")
    spent = [sum((a[i] for _, a in operating + investment), Decimal(0)) for i in range(3)]
    rows.append(["TOTAL DÉPENSES", *map(euros, spent), euros(sum(spent, Decimal(0)))])
    rows.append(["RECETTES"])
    part(revenues, "TOTAL RECETTES")
    rows = [r + [""] * (5 - len(r)) for r in rows]
    styles = getSampleStyleSheet()
    table = Table(rows, colWidths=[250, 65, 65, 65, 70])
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("FONTSIZE", (0, 0), (-1, -1), 7),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
            ]
        )
    )
    story = [Paragraph("Budget prévisionnel du projet — montants TTC", styles["Title"]), table]
    SimpleDocTemplate(str(path), pagesize=A4, invariant=1).build(story)
    return path


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The complete dossier of the Fab'Lab du Ternois, born digital (its dossier technique
    says the eligible expenses start on 1 January 2027), its layout plan joined."""
    folder = bundles.plain(tmp_path_factory.mktemp("relative") / "base")
    write_pdf(
        folder / "Annexes" / "Plan d'agencement.pdf",
        ["Plan d'agencement du tiers-lieu", "Atelier, espace de coworking, salle de médiation"],
    )
    return folder


def findings(base: Path, folder: Path, make: Any) -> list[tuple[str, str, dict[str, str]]]:
    """The findings of the dossier ``base`` whose budget ``make(path)`` writes."""
    shutil.copytree(base, folder)
    (folder / "Budget prévisionnel.xlsx").unlink()
    make(folder)
    found = verify(folder, read_workers=0, today=TODAY).findings
    return [(f.code, f.severity.value, dict(f.params)) for f in found]


HEADS = {
    "annee": ("Année 1", "Année 2", "Année 3"),
    "an": ("An 1", "An 2", "An 3"),
    "ordinal": ("1re année", "2e année", "3e année"),
    "n": ("Année N", "Année N+1", "Année N+2"),
    "words": ("Première année", "Deuxième année", "Troisième année"),
    "a": ("A1", "A2", "A3"),
    "digits": ("Année 1", 2, 3),
}


@pytest.mark.parametrize("heads", HEADS.values(), ids=HEADS.keys())
def test_numbered_years_are_read_as_the_project_s(tmp_path: Path, heads: tuple[str, ...]) -> None:
    """Every way of numbering the years gives the project's years 1, 2, 3, every amount
    placed, the stated totals those of the lines."""
    budget = parse_file(workbook(tmp_path / "Budget.xlsx", heads), "budget")
    assert isinstance(budget, BudgetFacts)
    assert (budget.ordinal, budget.years, budget.unplaced) == (True, (1, 2, 3), ())
    assert [budget.region_aid("animation", y) for y in (1, 2, 3)] == [45000, 30000, 15000]
    for year in (None, 1, 2, 3):
        stated = budget.stated_total("depenses", year)
        assert stated is not None and stated[0] == budget.total_above("depenses", year)


# Each dossier is judged twice: its budget's years numbered, and dated 2027-2029 (the plan
# starts on 1 January 2027); the findings must be the same, to the figures and years named.
TWINS = pytest.mark.parametrize("heads", [HEADS["annee"], CALENDAR], ids=["numbered", "dated"])


@TWINS
def test_a_complete_dossier_with_numbered_years_has_no_finding(
    base: Path, tmp_path: Path, heads: tuple[str, ...]
) -> None:
    """The complete dossier, its budget's years numbered: no finding, as with 2027-2029."""
    assert findings(base, tmp_path / "d", lambda d: workbook(d / SAVED, heads)) == []


def _asking(first_year: int) -> tuple[Lines, Lines, Lines]:
    """The budget asking ``first_year`` € of animation aid in year 1, balanced by less of
    the association's own funds."""
    operating, investment, revenues = _ternois()
    more = Decimal(first_year) - revenues[0][1][0]
    changed = []
    for label, amounts in revenues:
        if label.startswith("Région") and "animation" in label:
            amounts = (amounts[0] + more, *amounts[1:])
        elif label.startswith("Autofinancement"):
            amounts = (amounts[0] - more, *amounts[1:])
        changed.append((label, amounts))
    return operating, investment, changed


@TWINS
def test_too_much_aid_in_year_one_is_found_as_in_2027(
    base: Path, tmp_path: Path, heads: tuple[str, ...]
) -> None:
    """50 000 € asked in « Année 1 », the plan's first year (2027): more than 75 % of its
    animation expenses; the letter and the dossier technique's summary ask 45 000 €."""
    parts = _asking(50000)
    found = findings(base, tmp_path / "d", lambda d: workbook(d / SAVED, heads, parts=parts))
    assert [(code, severity, _named(params)) for code, severity, params in found] == [
        ("B005", "error", ("2027", "50 000 €", "45 000 €")),
        ("B008", "error", ("Aide totale", "110 000 €", "115 000 €")),
        ("B008", "error", ("Aide à l'animation 2027", "45 000 €", "50 000 €")),
        ("B011", "warning", ("Aide à l'animation 2027", "45 000 €", "50 000 €")),
        ("B011", "warning", ("Aide à l'animation (total)", "90 000 €", "95 000 €")),
    ]
    assert found[0][2]["explanation"] == "2027 : min(60 000 ; 60 000) × 75 % = 45 000 €"


def _named(params: dict[str, str]) -> tuple[str, str, str]:
    """What a B005, B008 or B011 names: the year or aid, and its two amounts."""
    if "maximum" in params:
        return params["year"], params["requested"], params["maximum"]
    if "in_letter" in params:
        return params["what"], params["in_letter"], params["in_budget"]
    return params["what"], params["in_technique"], params["in_budget"]


@TWINS
def test_a_wrong_total_is_found_as_in_2028(
    base: Path, tmp_path: Path, heads: tuple[str, ...]
) -> None:
    """« TOTAL DÉPENSES » of « Année 2 » typed by hand, 1 000 € short: B004 names 2028."""
    operating, investment, _ = _ternois()
    right = sum((a[1] for _, a in operating + investment), Decimal(0))
    typed = {("TOTAL DÉPENSES", 1): right - 1000}
    found = findings(base, tmp_path / "d", lambda d: workbook(d / SAVED, heads, typed=typed))
    assert [
        (code, params["when"], params["source"], params["stated"], params["computed"])
        for code, _, params in found
    ] == [("B004", " 2028", "Budget prévisionnel!C19", "80 450 €", "81 450 €")]


def test_a_pdf_budget_with_numbered_years(base: Path, tmp_path: Path) -> None:
    """The budget in PDF, « Année 1 | Année 2 | Année 3 » over its amounts: no finding."""
    assert (
        findings(
            base,
            tmp_path / "p",
            lambda d: pdf_budget(d / "Budget prévisionnel.pdf", HEADS["annee"]),
        )
        == []
    )


def _with_year_zero() -> tuple[Lines, Lines, Lines]:
    """The budget over four columns: the equipment bought and funded in a year before the
    three of animation (« Année 0 (investissement) »), nothing else in it."""
    operating, investment, revenues = _ternois()
    zero = Decimal(0)
    first = {label: amounts[0] for label, amounts in investment}
    bought = sum(first.values(), zero)
    moved: dict[str, Decimal] = {}
    for label, amounts in revenues:
        if "équipement" in label:
            moved[label] = amounts[0]
    assert sum(moved.values(), zero) == bought
    return (
        [(label, (zero, *amounts)) for label, amounts in operating],
        [(label, (first[label], zero, *amounts[1:])) for label, amounts in investment],
        [
            (label, (moved[label], zero, *amounts[1:]))
            if label in moved
            else (label, (zero, *amounts))
            for label, amounts in revenues
        ],
    )


@pytest.mark.parametrize(
    "heads",
    [("Année 0 (investissement)", "Année 1", 2, 3), (2026, 2027, 2028, 2029)],
    ids=["numbered", "dated"],
)
def test_a_year_zero_before_the_plan(base: Path, tmp_path: Path, heads: tuple[object, ...]) -> None:
    """« Année 0 (investissement) | Année 1 | 2 | 3 »: Année 1 is the plan's first year
    (2027, at 75 %), the equipment of Année 0 is bought in 2026, before the eligible
    expenses start: warnings for a person to judge, no error on the aid. The same budget
    dated « 2026 | 2027 | 2028 | 2029 » asks no aid in 2026: its aid too counts from 2027."""
    parts = _with_year_zero()
    found = findings(base, tmp_path / "d", lambda d: workbook(d / SAVED, heads, parts=parts))
    # The dossier technique's summary puts the equipment aid in 2027: it says so too.
    assert [(code, severity) for code, severity, _ in found] == [
        ("B018", "warning"),
        ("B019", "warning"),
        ("B011", "warning"),
    ]
    assert found[0][2]["years"] == "2026, 2027, 2028, 2029"
    assert found[0][2]["aid"] == ""  # no aid read at another year's rate
    assert (found[1][2]["year"], found[1][2]["amount"]) == ("2026", "35 800 €")


def _fact(name: str, value: str, file: str = "Dossier technique.docx") -> Fact:
    return Fact(name, value, "inferred", file, None, "")


LETTER = [
    _fact(f"courrier.amount.animation.annee_{year}", amount, "Courrier.pdf")
    for year, amount in ((2028, "45000"), (2029, "30000"), (2030, "15000"))
]


START = _fact("project.start_date", "2027-01-01")


@pytest.mark.parametrize(
    ("facts", "first_number", "first"),
    [
        # The letter is the request: its first year of animation aid is « Année 1 ».
        ([START, *LETTER], 1, 2028),
        ([START, *LETTER], 0, 2028),
        # No year in the letter: the first column on the plan's start.
        ([START, _fact("plan.years", "2029,2030")], 1, 2027),
        ([START], 0, 2028),
        # Nor a start date: the first calendar year the plan's answer names.
        ([_fact("plan.years", "2027,2028,2029")], 1, 2027),
        ([_fact("plan.years", "annee 1,annee 2")], 1, None),
        ([], 1, None),
    ],
    ids=["letter", "letter-year-0", "start", "start-year-0", "plan", "plan-numbered", "nothing"],
)
def test_where_year_one_lies(
    tmp_path: Path, facts: list[Fact], first_number: int, first: int | None
) -> None:
    """« Année 1 » is placed on the letter's first year of animation aid, else the first
    column on the plan's start year, else on the plan's first named year; the budget is
    then judged on those calendar years."""
    assert year_one(facts, first_number) == first
    budget = parse_file(workbook(tmp_path / "Budget.xlsx", HEADS["annee"]), "budget")
    assert isinstance(budget, BudgetFacts)
    placed = anchored(budget, facts)
    one = year_one(facts)
    if one is None:
        assert placed is budget
        return
    years = (one, one + 1, one + 2)
    assert (placed.ordinal, placed.years, placed.year_one) == (False, years, one)
    assert [placed.region_aid("animation", y) for y in years] == [45000, 30000, 15000]
    assert ("budget.years", ", ".join(map(str, years))) in [(f.name, f.value) for f in placed.facts]


LENS = {
    "spent": {
        "Animateur (CDI, 1 ETP, charges comprises)": (0, 47000, 48000, 49000),
        "Prestations d'animation (ateliers, intervenants)": (0, 13000, 12000, 11000),
    },
    "bought": {"Équipement fablab, coworking et médiation": (40000, 0, 0, 0)},
    "got": {
        "Région Hauts-de-France – animation": (0, 45000, 30000, 15000),
        "Région Hauts-de-France – équipement": (20000, 0, 0, 0),
        "CA de Lens-Liévin": (20000, 2000, 18000, 34000),
    },
}


@pytest.mark.parametrize(
    ("heads", "facts"),
    [
        (
            ("Année 0 – 2027 (aménagement)", "Année 1 – 2028", "Année 2 – 2029", "Année 3 – 2030"),
            [START, *LETTER],
        ),
        (("Année 0 (investissement)", "Année 1", "Année 2", "Année 3"), [START, *LETTER]),
        (("Année 0 (investissement)", "Année 1", "Année 2", "Année 3"), [START]),
    ],
    ids=["dated", "letter", "start"],
)
def test_a_set_up_year_before_the_aid_s_three(
    tmp_path: Path, heads: tuple[str, ...], facts: list[Fact]
) -> None:
    """The plan starts on 1 January 2027 with the works (« Année 0 »), the animation aid
    asked for 2028 to 2030 (45 000, 30 000, 15 000 €): « Année 1 » is 2028, at 75 %, and
    nothing is asked beyond the ceilings, whether the headers date the years, the letter
    does, or only the start."""
    parts = (
        [(k, tuple(map(Decimal, v))) for k, v in LENS["spent"].items()],
        [(k, tuple(map(Decimal, v))) for k, v in LENS["bought"].items()],
        [(k, tuple(map(Decimal, v))) for k, v in LENS["got"].items()],
    )
    budget = parse_file(workbook(tmp_path / "Budget.xlsx", heads, parts=parts), "budget")
    assert isinstance(budget, BudgetFacts)
    placed = anchored(budget, facts)
    assert (placed.years, placed.year_one) == ((2027, 2028, 2029, 2030), 2028)
    aid = aid_from_budget(load_call(), placed, date(2027, 1, 1))
    assert aid is not None
    assert [(y.year, y.rate) for y in aid.animation] == [
        (2028, Decimal("0.75")),
        (2029, Decimal("0.5")),
        (2030, Decimal("0.25")),
    ]
    assert all(y.requested is not None and y.requested <= y.maximum for y in aid.animation)


def test_years_nothing_dates_are_shown_as_the_project_s(tmp_path: Path) -> None:
    """A dossier that dates its years nowhere: the aid's years are « année 1, 2, 3 », each at
    its rate, from the budget's numbers; « Année 0 » has none."""
    heads = ("Année 0 (investissement)", "Année 1", 2, 3)
    budget = parse_file(
        workbook(tmp_path / "Budget.xlsx", heads, parts=_with_year_zero()), "budget"
    )
    assert isinstance(budget, BudgetFacts)
    assert (budget.ordinal, budget.years, budget.unplaced) == (True, (0, 1, 2, 3), ())
    assert budget.total("depenses", 0, "investissement") == 35800
    aid = aid_from_budget(load_call(), budget)
    assert aid is not None
    assert [(y.label(), y.rate, y.maximum, y.requested) for y in aid.animation] == [
        ("année 1", Decimal("0.75"), 45000, 45000),
        ("année 2", Decimal("0.5"), 30000, 30000),
        ("année 3", Decimal("0.25"), 15000, 15000),
    ]
    assert aid.equipment.requested == 20000


def test_numbered_headers_printed_over_their_amounts(tmp_path: Path) -> None:
    """A page where « Année 1 » is printed right-aligned over its amounts, the two words
    standing apart from one another: the years, not a column without a header."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "Budget.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    pdf.setFont("Helvetica", 10)
    pdf.drawString(40, 800, "Budget prévisionnel – montants TTC")

    def row(y: float, label: str, values: Sequence[str]) -> None:
        pdf.drawString(40, y, label)
        for x, value in zip((330, 410, 490, 570), values, strict=False):
            pdf.drawRightString(x, y, value)

    y = 770.0
    lines = {
        "DÉPENSES": {"Salaire de l'animatrice (1 ETP)": (42000, 43000, 44000)},
        "RECETTES": {
            "Région Hauts-de-France – animation": (31500, 21500, 11000),
            "Autofinancement": (10500, 21500, 33000),
        },
    }
    for section, items in lines.items():
        row(y, section, ["Année 1", "Année 2", "Année 3", "Total"])
        y -= 20
        for label, amounts in items.items():
            row(y, label, [f"{a:,} €".replace(",", " ") for a in (*amounts, sum(amounts))])
            y -= 20
        totals = [sum(v) for v in zip(*items.values(), strict=True)]
        row(y, f"TOTAL {section}", [f"{a:,} €".replace(",", " ") for a in (*totals, sum(totals))])
        y -= 30
    pdf.save()
    budget = parse_file(path, "budget")
    assert isinstance(budget, BudgetFacts)
    assert (budget.years, budget.unplaced) == ((1, 2, 3), ())
    assert [budget.total("recettes", y) for y in (1, 2, 3)] == [42000, 43000, 44000]
    assert budget.stated_total("depenses") == (Decimal(129000), "p. 1")


SPENT = {
    "Salaire de l'animatrice (CDI temps plein)": (42000, 43000, 44000),
    "Ateliers et intervenants": (18000, 17000, 16000),
}
GOT = {
    "Région Hauts-de-France – animation": (45000, 30000, 15000),
    "Autofinancement": (15000, 30000, 45000),
}


def _year_block(ws: Any, i: int) -> None:
    """One year's dépenses over its recettes, each with its total."""
    for section, lines in (("DÉPENSES", SPENT), ("RECETTES", GOT)):
        ws.append([section, "Montant"])
        for label, amounts in lines.items():
            ws.append([label, amounts[i]])
        ws.append([f"TOTAL {section}", sum(amounts[i] for amounts in lines.values())])


def sheet_per_year(path: Path) -> Path:
    """One sheet per year, named « Année 1 », « Année 2 », « Année 3 »."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for i in range(3):
        ws = wb.create_sheet(f"Année {i + 1}")
        ws.append([f"Budget de l'année {i + 1} – montants TTC"])
        _year_block(ws, i)
    wb.save(str(path))
    return path


def block_per_year(path: Path) -> Path:
    """One sheet, a block per year under « ANNÉE 1 », « ANNÉE 2 », « ANNÉE 3 »."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Budget prévisionnel – montants TTC"])
    for i in range(3):
        ws.append([])
        ws.append([f"ANNÉE {i + 1}"])
        _year_block(ws, i)
    wb.save(str(path))
    return path


def word_table(path: Path) -> Path:
    """A Word table headed « Année 1 | Année 2 | Année 3 | Total »."""
    import docx

    document = docx.Document()
    document.add_paragraph("Budget prévisionnel – montants TTC")
    table = document.add_table(rows=0, cols=5)
    for section, lines in (("DÉPENSES", SPENT), ("RECETTES", GOT)):
        sums = [sum(v) for v in zip(*lines.values(), strict=True)]
        rows = [
            [section, "Année 1", "Année 2", "Année 3", "Total"],
            *([label, *map(str, a), str(sum(a))] for label, a in lines.items()),
            [f"TOTAL {section}", *map(str, sums), str(sum(sums))],
        ]
        for values in rows:
            for cell, value in zip(table.add_row().cells, values, strict=True):
                cell.text = value
    document.save(str(path))
    return path


@pytest.mark.parametrize(
    ("make", "name", "source"),
    [
        (sheet_per_year, "Budget.xlsx", "Année 2!B5"),
        (block_per_year, "Budget.xlsx", "Sheet!B17"),
        (word_table, "Budget.docx", "Tableau 1, ligne 4"),
    ],
    ids=["sheets", "blocks", "word"],
)
def test_numbered_sheets_blocks_and_tables(
    tmp_path: Path, make: Any, name: str, source: str
) -> None:
    """A sheet named « Année 2 », a block under « ANNÉE 2 », a Word table's « Année 2 »
    column: the project's year 2, its total that of its lines."""
    budget = parse_file(make(tmp_path / name), "budget")
    assert isinstance(budget, BudgetFacts)
    assert (budget.ordinal, budget.years, budget.unplaced) == (True, (1, 2, 3), ())
    assert [budget.total("recettes", y) for y in (1, 2, 3)] == [60000, 60000, 60000]
    assert budget.stated_total("depenses", 2) == (Decimal(60000), source)


def test_a_stated_range_dates_the_first_column(tmp_path: Path) -> None:
    """« Budget prévisionnel 2026-2029 » over « Année 0 | Année 1 | 2 | 3 »: the range's
    first year is Année 0's, Année 1 is 2027."""
    heads = ("Année 0 (investissement)", "Année 1", 2, 3)
    path = workbook(
        tmp_path / "Budget.xlsx",
        heads,
        title="Budget prévisionnel 2026-2029 — montants TTC",
        parts=_with_year_zero(),
    )
    budget = parse_file(path, "budget")
    assert isinstance(budget, BudgetFacts)
    assert (budget.ordinal, budget.years, budget.year_one) == (
        False,
        (2026, 2027, 2028, 2029),
        2027,
    )
    assert budget.total("depenses", 2026, "investissement") == 35800


def test_the_letter_dates_the_years_when_nothing_else_does(base: Path, tmp_path: Path) -> None:
    """Without the dossier technique (no start date), « Année 1 » is the first year the
    letter asks the animation aid for (« 45 000 € pour 2027 »): 50 000 € asked in it is
    judged at 2027's rate, and against the letter's 2027."""

    def make(folder: Path) -> None:
        (folder / "Dossier technique.docx").unlink()
        workbook(folder / SAVED, HEADS["annee"], parts=_asking(50000))

    found = findings(base, tmp_path / "d", make)
    assert [
        (code, severity, _named(params)) for code, severity, params in found if code[0] == "B"
    ] == [
        ("B005", "error", ("2027", "50 000 €", "45 000 €")),
        ("B008", "error", ("Aide totale", "110 000 €", "115 000 €")),
        ("B008", "error", ("Aide à l'animation 2027", "45 000 €", "50 000 €")),
    ]


@pytest.mark.parametrize(
    "head",
    [
        "Poste Année 1 Année 2 Année 3 Total",
        "Poste 1re année 2e année 3e année Total",
        "Poste N N+1 N+2 Total",
    ],
)
def test_numbered_years_on_lines_of_text(tmp_path: Path, head: str) -> None:
    """A budget typed as lines in a word processor and exported to PDF, its header a line
    of numbered years: each amount in its year, the total in the total column."""
    path = write_pdf(
        tmp_path / "Budget.pdf",
        [
            "Budget prévisionnel – montants TTC",
            head,
            "DÉPENSES",
            "Salaire de l'animatrice 42 000 € 43 000 € 44 000 € 129 000 €",
            "TOTAL DÉPENSES 42 000 € 43 000 € 44 000 € 129 000 €",
            "RECETTES",
            "Région Hauts-de-France – animation 31 500 € 21 500 € 11 000 € 64 000 €",
            "Autofinancement 10 500 € 21 500 € 33 000 € 65 000 €",
            "TOTAL RECETTES 42 000 € 43 000 € 44 000 € 129 000 €",
        ],
    )
    budget = parse_file(path, "budget")
    assert isinstance(budget, BudgetFacts)
    assert (budget.years, budget.unplaced) == ((1, 2, 3), ())
    assert [budget.region_aid("animation", y) for y in (1, 2, 3)] == [31500, 21500, 11000]
    assert budget.stated_total("recettes") == (Decimal(129000), "p. 1")


def test_a_numbered_budget_table_in_a_pdf_technique(base: Path, tmp_path: Path) -> None:
    """No budget file: the budget is the table after the dossier technique's last answer,
    exported to PDF, its years numbered. It is the budget, complete, judged on 2027-2029."""
    import docx
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    def make(folder: Path) -> None:
        source = folder / "Dossier technique.docx"
        styles = getSampleStyleSheet()
        story: list[Any] = [
            Paragraph(
                p.text, styles["Heading2" if p.style.name.startswith("Heading") else "BodyText"]
            )
            for p in docx.Document(str(source)).paragraphs
            if p.text.strip()
        ]
        story += [
            Paragraph("Budget prévisionnel", styles["Heading2"]),
            Paragraph("Montants TTC : l'association ne récupère pas la TVA.", styles["BodyText"]),
        ]
        operating, investment, revenues = _ternois()

        def euros(value: Decimal) -> str:
            return f"{int(value):,} €".replace(",", " ")

        rows = [["Dépenses", *HEADS["annee"], "Total"]]
        for title, lines in (("Total des dépenses", operating + investment), (None, revenues)):
            if title is None:
                rows.append(["Recettes", "", "", "", ""])
                title = "Total des recettes"
            rows += [[label, *map(euros, a), euros(sum(a, Decimal(0)))] for label, a in lines]
            sums = [sum((a[i] for _, a in lines), Decimal(0)) for i in range(3)]
            rows.append([title, *map(euros, sums), euros(sum(sums, Decimal(0)))])
        table = Table(rows, colWidths=[250, 60, 60, 60, 60])
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                    ("FONTSIZE", (0, 0), (-1, -1), 7),
                    ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                ]
            )
        )
        story.append(table)
        source.unlink()
        SimpleDocTemplate(str(folder / "Dossier technique.pdf"), pagesize=A4).build(story)

    assert findings(base, tmp_path / "d", make) == []


@pytest.mark.parametrize(
    "heads",
    [("2027-2028", "2028-2029", "2029-2030"), ("2027/2028", "2028/2029", "2029/2030")],
    ids=["dash", "slash"],
)
def test_school_years_are_years_not_totals(tmp_path: Path, heads: tuple[str, ...]) -> None:
    """« 2027-2028 | 2028-2029 | 2029-2030 » (a plan from September, outside tester 4's
    Picardie Verte): each a year placed on the one it starts in, not a total of two."""
    budget = parse_file(workbook(tmp_path / "Budget.xlsx", heads), "budget")
    assert isinstance(budget, BudgetFacts)
    assert (budget.years, budget.unplaced) == ((2027, 2028, 2029), ())
    assert [budget.region_aid("animation", y) for y in (2027, 2028, 2029)] == [45000, 30000, 15000]
    for year in (None, 2027, 2028, 2029):
        stated = budget.stated_total("depenses", year)
        assert stated is not None and stated[0] == budget.total_above("depenses", year)


def test_the_aid_table_shows_the_years_the_checks_judge(base: Path, tmp_path: Path) -> None:
    """The report's aid table places « Année 1 » where the checks do (the letter's first year
    of aid, 2027), not as « année 1 » beside findings that say 2027."""
    folder = tmp_path / "d"
    shutil.copytree(base, folder)
    (folder / "Budget prévisionnel.xlsx").unlink()
    (folder / "Dossier technique.docx").unlink()
    workbook(folder / SAVED, HEADS["annee"], parts=_asking(50000))
    aid = verify(folder, read_workers=0, today=TODAY).dossier.aid
    assert aid is not None
    assert [(year.index, year.year) for year in aid.animation] == [(1, 2027), (2, 2028), (3, 2029)]
