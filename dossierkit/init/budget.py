"""The budget workbook to fill: dépenses and recettes, one column per year, live ceilings.

Totals, subtotals and the balance are formulas; so is the most the Région can grant each year,
computed from the call file's rates and ceilings (``min(animation expenses, base cap) × rate``
and ``min(equipment × rate, cap)``, each product rounded as ``dossierkit.aid.round_ceiling``
rounds it: ``ROUND(…; 2)``) — never typed in by hand. A request above its ceiling turns
red as the applicant types. The layout is the one ``verify`` reads: a title, the HT or TTC of
each section chosen in two cells under it ("Montants de l'investissement présentés en : HT"),
section rows in plain text ("Fonctionnement", "Investissement": a formula there would be blank
in a workbook that a program filled and never recalculated), labelled lines, total rows.
"""

from __future__ import annotations

from pathlib import Path

from dossierkit.call import Call
from dossierkit.init import InitAnswers

SHEET = "Budget prévisionnel"
# Lines to fill, by section; the animation ones are the base of the animation aid.
OPERATING = (
    ("Salaire et charges de l'animateur (1 ETP)", True),
    ("Prestations d'animation (intervenants, ateliers)", True),
    ("Loyer et charges", False),
    ("Autres dépenses de fonctionnement", False),
)
INVESTMENT = ("Équipement (matériel, mobilier, postes informatiques)",)
BASIS = {
    "recupere": ("HT", "HT"),
    "ne_recupere_pas": ("TTC", "TTC"),
    "fctva_investissement": ("TTC", "HT"),
}


def _col(index: int) -> str:
    from openpyxl.utils import get_column_letter

    letter: str = get_column_letter(index)
    return letter


def write_budget(path: Path, call: Call, answers: InitAnswers) -> Path:
    """Write the budget workbook at ``path`` (which must not exist)."""
    from openpyxl import Workbook
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    rates = call.animation_aid.rates
    years = [answers.first_year + i for i in range(len(rates))]
    last = 1 + len(years)  # the last year's column
    total_col = _col(last + 1)
    bold = Font(bold=True)
    money = '#,##0.00 "€"'
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    operating_basis, investment_basis = BASIS[answers.vat]

    sheet["A1"] = f"Budget prévisionnel {years[0]}-{years[-1]} — {answers.name}"
    sheet["A1"].font = Font(bold=True, size=13)
    sheet["A2"], sheet["B2"] = "Montants du fonctionnement présentés en :", operating_basis
    sheet["A3"], sheet["B3"] = "Montants de l'investissement présentés en :", investment_basis
    basis_choice = DataValidation(type="list", formula1='"HT,TTC"', allow_blank=False)
    sheet.add_data_validation(basis_choice)
    basis_choice.add("B2:B3")

    row = 5
    sheet.cell(row, 1, "Poste").font = bold
    for i, year in enumerate(years):
        sheet.cell(row, 2 + i, year).font = bold
    sheet.cell(row, last + 1, "Total").font = bold

    def line(label: str, formulas: list[str] | None = None, *, strong: bool = False) -> int:
        nonlocal row
        row += 1
        sheet.cell(row, 1, label).font = Font(bold=strong)
        for i in range(len(years)):
            cell = sheet.cell(row, 2 + i, formulas[i] if formulas else None)
            cell.number_format = money
            if strong:
                cell.font = bold
        total = sheet.cell(row, last + 1, f"=SUM(B{row}:{_col(last)}{row})")
        total.number_format = money
        total.font = bold
        return row

    def heading(text: str) -> None:
        nonlocal row
        row += 1
        sheet.cell(row, 1, text).font = bold

    def sum_of(rows: list[int]) -> list[str]:
        return ["=" + "+".join(f"{_col(2 + i)}{r}" for r in rows) for i in range(len(years))]

    heading("DÉPENSES")
    row += 1
    sheet.cell(row, 1, "Fonctionnement").font = bold
    operating = [line(label) for label, _ in OPERATING]
    animation_rows = [
        r for r, (_, animation) in zip(operating, OPERATING, strict=True) if animation
    ]
    operating_total = line("Sous-total fonctionnement", sum_of(operating), strong=True)
    row += 1
    sheet.cell(row, 1, "Investissement").font = bold
    investment = [line(label) for label in INVESTMENT]
    investment_total = line("Sous-total investissement", sum_of(investment), strong=True)
    expenses_total = line(
        "TOTAL DÉPENSES", sum_of([operating_total, investment_total]), strong=True
    )

    row += 1
    heading("RECETTES")
    region_animation = line("Région Hauts-de-France — aide à l'animation")
    region_equipment = line("Région Hauts-de-France — aide à l'équipement")
    others = [
        line(
            f"{answers.intercommunalite} — subvention"
            if answers.kind != "intercommunalite"
            else "Autres subventions publiques"
        ),
        line("Recettes d'activité"),
        line("Autofinancement"),
    ]
    revenues_total = line(
        "TOTAL RECETTES", sum_of([region_animation, region_equipment, *others]), strong=True
    )
    row += 1
    balance = line(
        "Écart dépenses − recettes (doit être nul)",
        [
            f"={_col(2 + i)}{expenses_total}-{_col(2 + i)}{revenues_total}"
            for i in range(len(years))
        ],
    )

    # The ceilings, from the call file, below the budget.
    row += 2
    sheet.cell(
        row, 1, "Plafonds de l'aide régionale (calcul de l'appel à projets, à ne pas modifier)"
    ).font = bold
    cap = call.animation_aid.base_cap
    animation_cells = [
        f"=ROUND(MIN({'+'.join(f'{_col(2 + i)}{r}' for r in animation_rows)},{cap})*{rates[i]},2)"
        for i in range(len(years))
    ]
    ceiling_row = line("Plafond de l'aide à l'animation", animation_cells)
    equipment_ceiling_row = row + 1
    row += 1
    sheet.cell(row, 1, "Plafond de l'aide à l'équipement (sur le projet)")
    equipment_cell = sheet.cell(
        row,
        last + 1,
        f"=MIN(ROUND({total_col}{investment_total}*{call.equipment_aid.rate},2),"
        f"{call.equipment_aid.cap})",
    )
    equipment_cell.number_format = money

    red = PatternFill(start_color="FFC7CE", end_color="FFC7CE", fill_type="solid")
    for i in range(len(years)):
        column = _col(2 + i)
        sheet.conditional_formatting.add(
            f"{column}{region_animation}",
            CellIsRule(operator="greaterThan", formula=[f"{column}{ceiling_row}"], fill=red),
        )
    sheet.conditional_formatting.add(
        f"{total_col}{region_equipment}",
        CellIsRule(
            operator="greaterThan", formula=[f"{total_col}{equipment_ceiling_row}"], fill=red
        ),
    )
    sheet.conditional_formatting.add(
        f"B{balance}:{_col(last)}{balance}",
        CellIsRule(operator="notEqual", formula=["0"], fill=red),
    )
    sheet.column_dimensions["A"].width = 62
    for i in range(len(years) + 1):
        sheet.column_dimensions[_col(2 + i)].width = 15
    with path.open("xb") as fh:
        workbook.save(fh)
    return path
