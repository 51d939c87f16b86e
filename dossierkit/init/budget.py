"""The budget workbook to fill: dépenses and recettes, one column per year, live ceilings.

Totals, subtotals and the balance are formulas; so is the most the Région can grant each year,
computed from the call file's rates and ceilings (``min(animation expenses, base cap) × rate``
and ``min(equipment × rate, cap)``, each product rounded as ``dossierkit.aid.round_ceiling``
rounds it: ``ROUND(…; 2)``) — never typed in by hand. A request above its ceiling turns
red as the applicant types. The layout is the one ``verify`` reads: a title, the HT or TTC of
each section chosen in two cells under it ("Montants de l'investissement présentés en : HT"),
section rows in plain text ("Fonctionnement", "Investissement": a formula there would be blank
in a workbook that a program filled and never recalculated), labelled lines, total rows.

It prints and protects itself as a form should: one A4 page wide in landscape, the header
row repeated on every page, the title over the whole table, borders; the cells to fill are
shaded (``INPUT``) and the only unlocked ones, and the sheet is protected without a password
(LISEZMOI says so), so that a formula is not typed over by mistake; an amount cell refuses
text with a French message, as a formula would not count it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from dossierkit.call import Call
from dossierkit.init import InitAnswers
from dossierkit.text import french_typography

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

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


# Shade of the cells to fill (LISEZMOI: « les cellules jaunes »), of the header and total rows.
INPUT = "FFF2CC"
HEADER = "D9D9D9"
TOTAL = "F2F2F2"
AMOUNT_ERROR = (
    "Saisissez un montant en euros, en chiffres (par exemple 12500 ou 12500,50), sans texte "
    "ni symbole : un texte ne serait compté ni dans les totaux ni dans le plafond de l'aide."
)


def _col(index: int) -> str:
    from openpyxl.utils import get_column_letter

    letter: str = get_column_letter(index)
    return letter


def write_budget(path: Path, call: Call, answers: InitAnswers) -> Path:
    """Write the budget workbook at ``path`` (which must not exist)."""
    from openpyxl import Workbook
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.worksheet.datavalidation import DataValidation

    rates = call.animation_aid.rates
    years = [answers.first_year + i for i in range(len(rates))]
    last = 1 + len(years)  # the last year's column
    total_col = _col(last + 1)
    bold = Font(bold=True)
    # French (40C) whatever the program's language: « 42 000,00 € »; the space before « € »
    # quoted, which LibreOffice would otherwise read as a division by 1000.
    money = '[$-40C]#,##0.00" €"'
    thin = Side(style="thin", color="808080")
    framed = Border(left=thin, right=thin, top=thin, bottom=thin)
    to_fill = PatternFill(start_color=INPUT, end_color=INPUT, fill_type="solid")
    open_cell = Protection(locked=False)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    operating_basis, investment_basis = BASIS[answers.vat]

    sheet["A1"] = french_typography(f"Budget prévisionnel {years[0]}-{years[-1]} — {answers.name}")
    sheet["A1"].font = Font(bold=True, size=13)
    sheet["A1"].alignment = Alignment(wrap_text=True, vertical="center")
    sheet.merge_cells(f"A1:{total_col}1")  # the title spans the table, never cut by a page
    sheet["A2"], sheet["B2"] = "Montants du fonctionnement présentés en\u00a0:", operating_basis
    sheet["A3"], sheet["B3"] = "Montants de l'investissement présentés en\u00a0:", investment_basis
    basis_choice = DataValidation(
        type="list",
        formula1='"HT,TTC"',
        allow_blank=False,
        showErrorMessage=True,
        errorTitle="HT ou TTC",
        error="Choisissez HT ou TTC dans la liste.",
    )
    sheet.add_data_validation(basis_choice)
    basis_choice.add("B2:B3")
    for cell in (sheet["B2"], sheet["B3"]):
        cell.fill, cell.protection, cell.border = to_fill, open_cell, framed
        cell.alignment = Alignment(horizontal="center")
    amounts = DataValidation(
        type="decimal",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop",
        errorTitle="Montant attendu",
        error=french_typography(AMOUNT_ERROR),
    )
    sheet.add_data_validation(amounts)

    row = 5
    header = PatternFill(start_color=HEADER, end_color=HEADER, fill_type="solid")
    shaded = PatternFill(start_color=TOTAL, end_color=TOTAL, fill_type="solid")
    sheet.cell(row, 1, "Poste")
    for i, year in enumerate(years):
        sheet.cell(row, 2 + i, year)
    sheet.cell(row, last + 1, "Total")
    for column in range(1, last + 2):
        cell = sheet.cell(row, column)
        cell.font, cell.fill, cell.border = bold, header, framed
        cell.alignment = Alignment(horizontal="left" if column == 1 else "center")

    def line(label: str, formulas: list[str] | None = None, *, strong: bool = False) -> int:
        nonlocal row
        row += 1
        sheet.cell(row, 1, label).font = Font(bold=strong)
        for i in range(len(years)):
            cell = sheet.cell(row, 2 + i, formulas[i] if formulas else None)
            cell.number_format = money
            if strong:
                cell.font = bold
            if formulas is None:  # typed by the applicant
                cell.fill, cell.protection = to_fill, open_cell
                amounts.add(cell.coordinate)
        total = sheet.cell(row, last + 1, f"=SUM(B{row}:{_col(last)}{row})")
        total.number_format = money
        total.font = bold
        for column in range(1, last + 2):
            sheet.cell(row, column).border = framed
            if strong:
                sheet.cell(row, column).fill = shaded
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
    for column in range(1, last + 2):
        sheet.cell(row, column).border = framed
    equipment_cell = sheet.cell(
        row,
        last + 1,
        f"=MIN(ROUND({total_col}{investment_total}*{call.equipment_aid.rate},2),"
        f"{call.equipment_aid.cap})",
    )
    equipment_cell.number_format = money

    red = PatternFill(start_color="FFC7CE", end_color="FFC7CE", fill_type="solid")
    for i in range(len(years)):
        letter = _col(2 + i)
        sheet.conditional_formatting.add(
            f"{letter}{region_animation}",
            CellIsRule(operator="greaterThan", formula=[f"{letter}{ceiling_row}"], fill=red),
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
    _print_and_protect(sheet, f"A1:{total_col}{row}", answers.name)
    # Sober properties, as the Word documents have: the structure as author (openpyxl
    # would name itself), the title, French.
    properties = workbook.properties
    properties.creator = properties.lastModifiedBy = answers.name
    properties.title = SHEET
    properties.language = "fr-FR"
    with path.open("xb") as fh:
        workbook.save(fh)
    return path


def _print_and_protect(sheet: Worksheet, area: str, structure: str) -> None:
    """A4 landscape, one page wide (as many pages high as needed), the header row on each
    page, the structure and page number in the footer; the sheet protected without a
    password, its unlocked cells (the shaded ones) the only ones that take typing."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = 9  # A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.6
    sheet.page_margins.top = sheet.page_margins.bottom = 0.7
    sheet.print_area = area
    sheet.print_title_rows = "5:5"
    sheet.oddFooter.left.text = french_typography(structure)
    sheet.oddFooter.right.text = "Page &P / &N"
    sheet.protection.sheet = True  # no password: LISEZMOI says how to lift it
    sheet.protection.formatColumns = False  # False allows: widening a column stays possible
    sheet.protection.formatRows = False
