"""B019: equipment bought in a year outside the project « à mobiliser dans le temps du projet
proposé », in a budget workbook as applicants make them, against the plan's start date that
their dossier technique gives.

Applicants often add a fourth column to their budget: the year after the aid (to show how
the place lives on, with the computers renewed), or the year before the plan (the premises
fitted out before the animation starts). The workbook has one column per year, a total
column, totals as formulas, and was saved by a spreadsheet program (each formula's value
stored); the dossier technique in Word says when the eligible expenses start (AID-3).
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import generate
import pytest
from click.testing import CliRunner
from realistic import technique as realistic

from dossierkit.cli import cli

SHEET = "Budget prévisionnel"
COLUMNS = "BCDE"


def four_year_workbook(path: Path, years: tuple[int, ...], equipment: tuple[int, ...]) -> Path:
    """The budget of the Fab'Lab du Ternois over four years, ``equipment`` bought in each,
    balanced by the association's own funds, saved with the values a spreadsheet stores."""
    from openpyxl import Workbook

    lines: dict[str, tuple[int, ...]] = {
        "Salaire et charges de l'animatrice (1 ETP)": (42000, 43000, 44000, 45000),
        "Loyer et charges": (10000, 10000, 10000, 10000),
        "Équipement numérique (postes, imprimante 3D, découpeuse laser)": equipment,
    }
    expenses = [sum(amounts[i] for amounts in lines.values()) for i in range(4)]
    revenues: dict[str, tuple[int, ...]] = {
        "Région Hauts-de-France — aide à l'animation": tuple(
            a if y in years[:3] else 0 for a, y in zip((31500, 21500, 11000, 0), years, strict=True)
        ),
        "Région Hauts-de-France — aide à l'équipement": tuple(e // 2 for e in equipment),
        "Communauté de communes du Ternois — subvention": (15000, 15000, 15000, 15000),
    }
    revenues["Autofinancement"] = tuple(
        expenses[i] - sum(amounts[i] for amounts in revenues.values()) for i in range(4)
    )
    workbook = Workbook()
    ws = workbook.active
    ws.title = SHEET
    ws["A1"] = f"Budget prévisionnel {years[0]}-{years[-1]} — Association Fab'Lab du Ternois"
    ws["A2"] = "Montants TTC (association non assujettie à la TVA)"
    for col, head in zip("ABCDEF", ("Poste", *years, "Total"), strict=True):
        ws[f"{col}4"] = head
    cached: dict[str, Decimal] = {}
    row = 4

    def put(label: str, amounts: tuple[int, ...]) -> int:
        nonlocal row
        row += 1
        ws[f"A{row}"] = label
        for col, amount in zip(COLUMNS, amounts, strict=True):
            ws[f"{col}{row}"] = amount
        ws[f"F{row}"] = f"=SUM(B{row}:E{row})"
        cached[f"F{row}"] = Decimal(sum(amounts))
        return row

    def total(label: str, rows: list[int], amounts: list[int]) -> None:
        nonlocal row
        row += 1
        ws[f"A{row}"] = label
        for col, amount in zip(COLUMNS, amounts, strict=True):
            ws[f"{col}{row}"] = "=" + "+".join(f"{col}{r}" for r in rows)
            cached[f"{col}{row}"] = Decimal(amount)
        ws[f"F{row}"] = f"=SUM(B{row}:E{row})"
        cached[f"F{row}"] = Decimal(sum(amounts))

    row += 1
    ws[f"A{row}"] = "DÉPENSES"
    row += 1
    ws[f"A{row}"] = "Fonctionnement"
    spent = [put(label, lines[label]) for label in list(lines)[:2]]
    row += 1
    ws[f"A{row}"] = "Investissement"
    spent.append(put(*list(lines.items())[2]))
    total("TOTAL DÉPENSES", spent, expenses)
    row += 2
    ws[f"A{row}"] = "RECETTES"
    received = [put(label, amounts) for label, amounts in revenues.items()]
    total("TOTAL RECETTES", received, expenses)
    workbook.save(str(path))
    generate.fill_formula_cache(path, {SHEET: cached})
    return path


def _findings(
    folder: Path, start: str, years: tuple[int, ...], equipment: tuple[int, ...]
) -> list[dict[str, str]]:
    """The B019 findings of ``dossierkit verify`` on the budget and the dossier technique
    whose AID-3 answer is ``start`` (both read: the budget's years and the plan's start are
    among the report's facts)."""
    folder.mkdir()
    four_year_workbook(
        folder / f"Budget prévisionnel {years[0]}-{years[-1]}.xlsx", years, equipment
    )
    realistic.write_docx(
        folder / "Dossier technique.docx", realistic.answers(replace={"AID-3": (start,)})
    )
    result = CliRunner().invoke(cli, ["verify", str(folder), "--format", "json"])
    report = json.loads(result.output)
    facts = {f["name"]: f["value"] for f in report["facts"]}
    assert facts["budget.years"] == ", ".join(map(str, years))
    assert facts["project.start_date"] in ("2027-01-01", "2027-03-01")
    return [f for f in report["findings"] if f["code"] == "B019"]


JANUARY = "Les dépenses éligibles commenceront le 1er janvier 2027."
MARCH = "Date de début du plan d'action (dépenses éligibles) : 1er mars 2027."


@pytest.mark.parametrize(
    ("start", "years", "equipment", "year", "amount"),
    [
        # The computers renewed in 2030, the year after the aid's third.
        (JANUARY, (2027, 2028, 2029, 2030), (30000, 4000, 0, 12000), "2030", "12 000 €"),
        # The premises fitted out in 2026, before the plan starts.
        (JANUARY, (2026, 2027, 2028, 2029), (18000, 12000, 0, 0), "2026", "18 000 €"),
    ],
    ids=["after-year-3", "before-the-start"],
)
def test_equipment_outside_the_plan_s_years_is_named(
    start: str,
    years: tuple[int, ...],
    equipment: tuple[int, ...],
    year: str,
    amount: str,
    tmp_path: Path,
) -> None:
    found = _findings(tmp_path / "d", start, years, equipment)
    assert [(f["severity"], f["piece"]) for f in found] == [("warning", "budget")]
    message = found[0]["message"]
    assert f"{amount} de dépenses d'équipement en {year}" in message, message
    assert "hors des années du projet (2027, 2028, 2029)" in message


@pytest.mark.parametrize(
    ("start", "equipment"),
    [
        # Bought in the project's first two years.
        (JANUARY, (30000, 12000, 0, 0)),
        # A plan from March 2027: its third year runs to February 2030, so the budget's
        # column 2030 is still in the project.
        (MARCH, (30000, 4000, 0, 12000)),
    ],
    ids=["in-years-1-and-2", "march-plan-2030-column"],
)
def test_equipment_in_the_project_s_years_is_not_reported(
    start: str, equipment: tuple[int, ...], tmp_path: Path
) -> None:
    assert _findings(tmp_path / "d", start, (2027, 2028, 2029, 2030), equipment) == []
