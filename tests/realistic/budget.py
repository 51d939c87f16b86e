"""Budget workbooks and PDFs made the way applicants make them, in the layouts that exist.

- the national association form (CERFA n° 12156*06, « Budget prévisionnel de l'action »):
  charges 60–68 beside produits 70–78, account subtotals (« 60 - Achats ») over their detail
  lines (« 6061 - … »), the Région under « 74 - Subventions d'exploitation », contributions
  volontaires en nature (86/87) under the totals, one sheet per year, and the investment block
  associations add under it;
- the workbook of ``dossierkit init`` filled by a program and never recalculated (formulas
  without stored values, as openpyxl writes them), or left empty (labels and formulas only);
- amounts typed as text (« 8 000 € », « 8.000,00 ») that break the totals (#VALUE!);
- a PDF budget whose year headers stand right-aligned or centred over merged cells, not
  exactly above the amounts;
- the CERFA in PDF: exported by LibreOffice from a sheet without borders and fitted to its
  page (a charge's amount a point from the produits' label), not fitted (produits on the
  page after the charges), the years' forms one under the other under a repeated header;
  drawn as such an export with amounts typed every way (« 6.000,00 », « 6 000 € HT »,
  « (1 200) »), one form per year headed « 2027 »; the ruled official form printed and
  scanned with a skew and noise.

Formula cells carry the value a spreadsheet program would store (``generate.fill_formula_cache``)
unless the budget is meant to be one that was never recalculated.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import generate

# ----------------------------------------------------------------------------------------------
# CERFA n° 12156*06, one sheet per year
# ----------------------------------------------------------------------------------------------

# (account head, its detail lines) → amounts for 2027, 2028, 2029.
Detail = tuple[str, tuple[int, int, int]]
CHARGES: tuple[tuple[str, tuple[Detail, ...]], ...] = (
    (
        "60 - Achats",
        (
            ("6061 - Fournitures non stockables (eau, énergie)", (2400, 2400, 2500)),
            ("6063 - Petit équipement et fournitures d'atelier", (3600, 3000, 3000)),
        ),
    ),
    (
        "61 - Services extérieurs",
        (
            ("6132 - Locations immobilières", (9600, 9600, 9600)),
            ("616 - Assurances", (1200, 1200, 1200)),
        ),
    ),
    (
        "62 - Autres services extérieurs",
        (("6226 - Honoraires des intervenants d'ateliers", (16000, 16000, 16000)),),
    ),
    (
        "64 - Charges de personnel",
        (
            ("641 - Rémunération de l'animateur numérique (1 ETP)", (44000, 44000, 44000)),
            ("645 - Charges sociales", (15000, 15400, 15800)),
        ),
    ),
)
# The purchases with a rebate obtained (609, a negative charge typed « (1 200) »): the
# equipment bought is dearer by as much, the account's total is the same.
CHARGES_WITH_REBATE = (
    (
        "60 - Achats",
        (
            ("6061 - Fournitures non stockables (eau, énergie)", (2400, 2400, 2500)),
            ("6063 - Petit équipement et fournitures d'atelier", (4800, 4200, 4200)),
            ("609 - Rabais, remises et ristournes obtenus sur achats", (-1200, -1200, -1200)),
        ),
    ),
    *CHARGES[1:],
)
# Produits: the Région's animation aid under 74, the rest balanced by the services sold.
REGION_ANIMATION = (45000, 30000, 15000)  # 75 / 50 / 25 % of 60 000 € of animation
OTHER_SUBSIDIES = (
    ("Département du Pas-de-Calais", (8000, 8000, 8000)),
    ("Intercommunalité(s) : EPCI — Communauté de communes du Ternois", (20000, 20000, 20000)),
)
MEMBERSHIP = (1500, 1800, 2100)
VOLUNTEERING = (4000, 4000, 4000)  # 864 / 870: kept out of the balance
INVESTMENT = (
    ("2183 - Matériel informatique (postes, écrans)", (25000, 0, 0)),
    ("2154 - Machines du fablab (imprimante 3D, découpeuse laser)", (10800, 4200, 0)),
)
REGION_EQUIPMENT = (17900, 2100, 0)  # half of each year's equipment, 20 000 € in all
YEARS = (2027, 2028, 2029)


def cerfa_year_amounts(i: int, short: int = 0) -> dict[str, Decimal]:
    """The figures of year ``i`` (0, 1, 2) that a reader must find; ``short`` is what the
    services sold (706) lack to balance the charges."""
    charges = sum(amounts[i] for _, details in CHARGES for _, amounts in details)
    subsidies = REGION_ANIMATION[i] + sum(a[i] for _, a in OTHER_SUBSIDIES)
    sales = charges - subsidies - MEMBERSHIP[i] - short
    return {
        "charges": Decimal(charges),
        "produits": Decimal(charges - short),
        "sales": Decimal(sales),
        "animation": Decimal(60000),
        "investment": Decimal(sum(amounts[i] for _, amounts in INVESTMENT)),
    }


@dataclass
class _Sheet:
    """Writes cells and remembers what each formula would compute; ``offset`` moves every
    row down (the blocks of several years stacked in one sheet)."""

    ws: object
    cached: dict[str, Decimal] = field(default_factory=dict)
    offset: int = 0

    def _moved(self, text: str) -> str:
        return re.sub(r"\b([A-D])(\d+)\b", lambda m: f"{m[1]}{int(m[2]) + self.offset}", text)

    def put(self, ref: str, value: object) -> None:
        self.ws[self._moved(ref)] = value  # type: ignore[index]

    def formula(self, ref: str, formula: str, value: Decimal | int) -> None:
        self.ws[self._moved(ref)] = self._moved(formula)  # type: ignore[index]
        self.cached[self._moved(ref)] = Decimal(value)


def _cerfa_sheet(
    sheet: _Sheet, i: int, applicant: str, short: int = 0, charges: tuple = CHARGES
) -> None:
    """One year of the form, charges in A–B, produits in C–D, then 86/87 and investment."""
    year = YEARS[i]
    figures = cerfa_year_amounts(i, short)
    sheet.put("A1", f"{applicant} — Budget prévisionnel de l'action « tiers-lieu » — {year}")
    sheet.put("A2", "Montants TTC (l'association ne récupère pas la TVA)")
    sheet.put("A3", f"Exercice {year}, date de début : 01/01/{year}, date de fin : 31/12/{year}")
    for col, text in zip("ABCD", ("CHARGES", "Montant", "PRODUITS", "Montant"), strict=True):
        sheet.put(f"{col}5", text)
    left: list[tuple[str, int | None, bool]] = [("I. Charges directes", None, False)]
    for head, details in charges:
        left.append((head, sum(a[i] for _, a in details), True))
        left += [(label, amounts[i], False) for label, amounts in details]
    right: list[tuple[str, int | None, bool]] = [
        ("I. Ressources directes", None, False),
        (
            "70 - Vente de produits finis, de marchandises, prestations de services",
            int(figures["sales"]),
            True,
        ),
        ("706 - Prestations de services (coworking, ateliers)", int(figures["sales"]), False),
        ("73 - Dotations et produits de tarification", None, False),
        (
            "74 - Subventions d'exploitation",
            REGION_ANIMATION[i] + sum(a[i] for _, a in OTHER_SUBSIDIES),
            True,
        ),
        ("État : préciser le(s) ministère(s) sollicité(s)", None, False),
        ("Région Hauts-de-France — aide à l'animation du tiers-lieu", REGION_ANIMATION[i], False),
        *((label, amounts[i], False) for label, amounts in OTHER_SUBSIDIES),
        ("Fonds européens (FSE, FEDER, etc.)", None, False),
        ("75 - Autres produits de gestion courante", MEMBERSHIP[i], True),
        ("756 - Cotisations", MEMBERSHIP[i], False),
    ]
    rows = max(len(left), len(right))
    first = 6
    for side, (label_col, amount_col) in ((left, ("A", "B")), (right, ("C", "D"))):
        head_row: int | None = None
        heads: list[tuple[int, int]] = []  # (row of the head, last row of its details)
        head_amounts: dict[int, int] = {}
        for n, (label, amount, is_head) in enumerate(side):
            row = first + n
            sheet.put(f"{label_col}{row}", label)
            if is_head:
                if head_row is not None:
                    heads.append((head_row, row - 1))
                head_row = row
                head_amounts[row] = amount or 0
            elif amount is not None:
                sheet.put(f"{amount_col}{row}", amount)
        if head_row is not None:
            heads.append((head_row, first + len(side) - 1))
        for start, end in heads:
            formula = f"=SUM({amount_col}{start + 1}:{amount_col}{end})"
            sheet.formula(f"{amount_col}{start}", formula, head_amounts[start])
    total = first + rows
    sheet.put(f"A{total}", "TOTAL DES CHARGES")
    sheet.put(f"C{total}", "TOTAL DES PRODUITS")
    charges_heads = [f"B{first + n}" for n, (_, _, h) in enumerate(left) if h]
    produits_heads = [f"D{first + n}" for n, (_, _, h) in enumerate(right) if h]
    sheet.formula(f"B{total}", "=" + "+".join(charges_heads), figures["charges"])
    sheet.formula(f"D{total}", "=" + "+".join(produits_heads), figures["produits"])
    # Contributions volontaires en nature: balanced on their own, out of the totals above.
    row = total + 2
    sheet.put(f"A{row}", "CONTRIBUTIONS VOLONTAIRES EN NATURE")
    sheet.put(f"A{row + 1}", "86 - Emplois des contributions volontaires en nature")
    sheet.formula(f"B{row + 1}", f"=B{row + 2}", VOLUNTEERING[i])
    sheet.put(f"C{row + 1}", "87 - Contributions volontaires en nature")
    sheet.formula(f"D{row + 1}", f"=D{row + 2}", VOLUNTEERING[i])
    sheet.put(f"A{row + 2}", "864 - Personnel bénévole")
    sheet.put(f"B{row + 2}", VOLUNTEERING[i])
    sheet.put(f"C{row + 2}", "870 - Bénévolat")
    sheet.put(f"D{row + 2}", VOLUNTEERING[i])
    sheet.put(f"A{row + 3}", "TOTAL")
    sheet.formula(f"B{row + 3}", f"=B{total}+B{row + 1}", figures["charges"] + VOLUNTEERING[i])
    sheet.put(f"C{row + 3}", "TOTAL")
    sheet.formula(f"D{row + 3}", f"=D{total}+D{row + 1}", figures["produits"] + VOLUNTEERING[i])
    # The investment block the form lacks, as associations add it under the form.
    row += 5
    sheet.put(f"A{row}", "BUDGET D'INVESTISSEMENT (montants TTC)")
    for col, text in zip(
        "ABCD",
        ("Dépenses d'investissement", "Montant", "Recettes d'investissement", "Montant"),
        strict=True,
    ):
        sheet.put(f"{col}{row + 1}", text)
    spent = [amounts[i] for _, amounts in INVESTMENT]
    for n, ((label, _), amount) in enumerate(zip(INVESTMENT, spent, strict=True)):
        sheet.put(f"A{row + 2 + n}", label)
        sheet.put(f"B{row + 2 + n}", amount)
    region = REGION_EQUIPMENT[i]
    sheet.put(f"C{row + 2}", "Région Hauts-de-France — aide à l'équipement")
    sheet.put(f"D{row + 2}", region)
    sheet.put(f"C{row + 3}", "Autofinancement (fonds propres)")
    sheet.put(f"D{row + 3}", sum(spent) - region)
    end = row + 2 + len(INVESTMENT)
    sheet.put(f"A{end}", "Total des dépenses d'investissement")
    sheet.formula(f"B{end}", f"=SUM(B{row + 2}:B{end - 1})", sum(spent))
    sheet.put(f"C{end}", "Total des recettes d'investissement")
    sheet.formula(f"D{end}", f"=SUM(D{row + 2}:D{end - 1})", sum(spent))


# Rows from one year's form to the next when they stand one under the other in a sheet: each
# takes 35 rows, and a blank line parts them.
_STRIDE = 36


def cerfa_workbook(
    path: Path,
    applicant: str = "Association Fab'Lab du Ternois",
    *,
    one_sheet: bool = False,
    short: int = 0,
    ruled: bool = True,
    fit: bool = True,
) -> Path:
    """The CERFA 12156 budget, one sheet per year (or, ``one_sheet``, the years' forms one
    under the other in a sheet named « Budget »), saved with its formulas' values; ``short``
    unbalances each year (the produits lack it); unless ``ruled``, cells have no borders and
    amounts are right-aligned, as most associations fill the form in a spreadsheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Side

    workbook = Workbook()
    cached: dict[str, dict[str, Decimal]] = {}
    for i, year in enumerate(YEARS):
        if one_sheet:
            ws = workbook.active
            ws.title = "Budget"
        else:
            ws = workbook.active if i == 0 else workbook.create_sheet()
            ws.title = str(year)
        sheet = _Sheet(ws, offset=_STRIDE * i if one_sheet else 0)
        _cerfa_sheet(sheet, i, applicant, short)
        for column, width in zip("ABCD", (50, 11, 50, 11), strict=True):
            ws.column_dimensions[column].width = width
        thin = Side(style="thin")
        for row in ws.iter_rows(min_row=5 + (_STRIDE * i if one_sheet else 0)):
            for cell in row[1::2]:
                cell.number_format = '#,##0 "€"'
            for cell in row[:4]:  # the form is a ruled table
                if ruled:
                    cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
                elif cell.column_letter in "BD":
                    cell.alignment = Alignment(horizontal="right")
        if fit:
            ws.sheet_properties.pageSetUpPr.fitToPage = True
            ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        if one_sheet:  # « Lignes à répéter » : the form's header on top of every page
            ws.print_title_rows = "5:5"
            ws.page_setup.orientation = "landscape"
        cached.setdefault(ws.title, {}).update(sheet.cached)
    workbook.save(str(path))
    generate.fill_formula_cache(path, cached)
    return path


# ----------------------------------------------------------------------------------------------
# A yearly budget typed in a spreadsheet: amounts as text, values stored or not
# ----------------------------------------------------------------------------------------------

# Label → amounts for 2027, 2028, 2029; a balanced TTC budget whose Région lines are the
# letter's and the technique's of samples/association-complete (animation 45 000, 30 000,
# 15 000 €, equipment 17 900 and 2 100 €).
YEARLY_EXPENSES = {
    "Salaire et charges de l'animateur (1 ETP)": (44000, 44000, 44000),
    "Prestations d'animation (intervenants, ateliers)": (16000, 16000, 16000),
    "Loyer et charges": (10000, 10000, 10000),
}
YEARLY_EQUIPMENT = {"Équipement du fablab (imprimante 3D, postes)": (35800, 4200, 0)}
YEARLY_REVENUES = {
    "Région Hauts-de-France — aide à l'animation": (45000, 30000, 15000),
    "Région Hauts-de-France — aide à l'équipement": (17900, 2100, 0),
    "Communauté de communes du Ternois — subvention": (25000, 20000, 25000),
    "Autofinancement": (17900, 22100, 30000),
}
VALUE_ERROR = "#VALUE!"


def yearly_workbook(
    path: Path,
    *,
    text: dict[str, str] | None = None,
    changes: dict[str, tuple[Decimal | int, ...]] | None = None,
    sums: bool = False,
) -> Path:
    """The budget with one column per year and a total column, totals as ``+`` formulas
    (``=B7+B8+B9+B11``), saved with the values a spreadsheet stores: ``text`` types some
    cells as text (``{"B7": "44 000 €"}``), which makes every formula adding them show
    #VALUE! (a SUM skips them); ``sums`` writes the totals as ``=SUM(B7:B11)``, which skip a
    text silently; ``changes`` replaces a line's amounts."""
    from openpyxl import Workbook

    text = text or {}
    lines = {**YEARLY_EXPENSES, **YEARLY_EQUIPMENT, **YEARLY_REVENUES, **(changes or {})}
    workbook = Workbook()
    ws = workbook.active
    ws.title = "Budget prévisionnel"
    values: dict[str, Decimal | str] = {}
    cached: dict[str, Decimal | str] = {}
    ws["A1"] = "Budget prévisionnel 2027-2029 — Association Fab'Lab du Ternois"
    ws["A2"] = "Montants TTC"
    for col, head in zip("ABCDE", ("Poste", 2027, 2028, 2029, "Total"), strict=True):
        ws[f"{col}4"] = head
    row = 5

    def put(label: str) -> int:
        nonlocal row
        row += 1
        ws[f"A{row}"] = label
        for col, amount in zip("BCD", lines[label], strict=True):
            ref = f"{col}{row}"
            ws[ref] = text.get(ref, amount)
            values[ref] = text[ref] if ref in text else Decimal(amount)
        total(row, f"=SUM(B{row}:D{row})")
        return row

    def total(at: int, formula: str) -> None:
        ws[f"E{at}"] = formula
        cells = [values.get(f"{c}{at}", Decimal(0)) for c in "BCD"]
        value: Decimal | str = sum((v for v in cells if isinstance(v, Decimal)), Decimal(0))
        if any(v == VALUE_ERROR for v in cells):
            value = VALUE_ERROR
        cached[f"E{at}"] = values[f"E{at}"] = value

    def adds(label: str, rows: list[int]) -> int:
        nonlocal row
        row += 1
        ws[f"A{row}"] = label
        for col in "BCD":
            ref = f"{col}{row}"
            ws[ref] = "=" + "+".join(f"{col}{r}" for r in rows)
            parts = [values[f"{col}{r}"] for r in rows]
            value: Decimal | str = VALUE_ERROR
            if sums or all(isinstance(p, Decimal) for p in parts):
                value = sum((p for p in parts if isinstance(p, Decimal)), Decimal(0))
            if sums:
                ws[ref] = f"=SUM({col}{rows[0]}:{col}{rows[-1]})"
            cached[ref] = values[ref] = value
        total(row, f"=SUM(B{row}:D{row})")
        return row

    ws[f"A{row}"] = "DÉPENSES"
    row += 1
    ws[f"A{row}"] = "Fonctionnement"
    expenses = [put(label) for label in YEARLY_EXPENSES]
    row += 1
    ws[f"A{row}"] = "Investissement"
    expenses += [put(label) for label in YEARLY_EQUIPMENT]
    adds("TOTAL DÉPENSES", expenses)
    row += 2
    ws[f"A{row}"] = "RECETTES"
    adds("TOTAL RECETTES", [put(label) for label in YEARLY_REVENUES])
    workbook.save(str(path))
    store_values(path, "Budget prévisionnel", cached)
    return path


def store_values(path: Path, sheet: str, values: dict[str, Decimal | str]) -> None:
    """Store each formula's value in the saved workbook as a spreadsheet program does, an
    error as an error (``t="e"``)."""
    errors = {ref for ref, value in values.items() if isinstance(value, str)}
    numbers = {ref: v for ref, v in values.items() if isinstance(v, Decimal)}
    numbers.update({ref: Decimal(0) for ref in errors})
    generate.fill_formula_cache(path, {sheet: numbers})
    if not errors:
        return
    import re
    import zipfile

    with zipfile.ZipFile(path) as archive:
        parts = {info: archive.read(info.filename) for info in archive.infolist()}
    for info, data in parts.items():
        if info.filename.startswith("xl/worksheets/sheet"):
            xml = data.decode("utf-8")
            for ref in errors:
                xml = re.sub(
                    rf'<c r="{ref}"([^>]*)>(<f>[^<]*</f>)<v>[^<]*</v>',
                    rf'<c r="{ref}"\1 t="e">\2<v>{VALUE_ERROR}</v>',
                    xml,
                )
            parts[info] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in parts.items():
            archive.writestr(info, data)


# ----------------------------------------------------------------------------------------------
# The workbook of ``dossierkit init``, filled by a program
# ----------------------------------------------------------------------------------------------


def store_zeros(path: Path) -> None:
    """Store 0 as the value of every formula of the workbook's first sheet, as a spreadsheet
    program saves a template whose amounts are all blank."""
    import openpyxl

    sheet = openpyxl.load_workbook(str(path)).worksheets[0]
    formulas = {
        cell.coordinate: Decimal(0)
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and cell.value.startswith("=")
    }
    generate.fill_formula_cache(path, {sheet.title: formulas})


def fill_init_workbook(path: Path, figures: dict[str, tuple[Decimal | int, ...]]) -> None:
    """Type ``figures`` (label → amounts per year) in the white cells with openpyxl, as a
    program does: the formulas keep no value until a spreadsheet program saves the file."""
    import openpyxl

    workbook = openpyxl.load_workbook(str(path))
    sheet = workbook.active
    for row in sheet.iter_rows(min_col=1, max_col=1):
        label = row[0].value
        if label in figures:
            for i, amount in enumerate(figures[label]):
                sheet.cell(row[0].row, 2 + i, amount)
    workbook.save(str(path))


# ----------------------------------------------------------------------------------------------
# A PDF export whose year headers do not stand exactly above the amounts
# ----------------------------------------------------------------------------------------------


def pdf_budget(path: Path, work: Path, headers: str, *, fit: bool = True) -> Path:
    """The yearly budget exported to PDF by LibreOffice ("Fichier > Exporter au format PDF"),
    amounts right-aligned as a currency format aligns them, and year headers ``left``-aligned
    (as typed text is) or ``merged`` (a caption merged over the years, « Total » merged over
    two rows and centred): either way the headers do not stand above the amounts' right
    edges. Unless ``fit`` (« Ajuster à la largeur de la page »), the sheet is too wide for its
    paper and printed over two pages."""
    from openpyxl import load_workbook
    from openpyxl.styles import Alignment, Font

    from dossierkit.external import soffice

    workbook_path = yearly_workbook(work / f"{path.stem}.xlsx")
    workbook = load_workbook(str(workbook_path))
    ws = workbook.active
    ws.column_dimensions["A"].width = 44
    for col in "BCDE":
        ws.column_dimensions[col].width = 12
    if fit:
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    for row in ws.iter_rows(min_row=5, min_col=2):
        for cell in row:
            cell.number_format = '#,##0 "€"'
    for cell in ws[4]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="left")
    if headers == "merged":
        ws["B3"] = "Montants par année"
        ws.merge_cells("B3:D3")
        ws["B3"].alignment = Alignment(horizontal="center")
        ws["E3"] = "Total"
        ws["E4"] = None
        ws.merge_cells("E3:E4")
        ws["E3"].alignment = Alignment(horizontal="center", vertical="center")
    workbook.save(str(workbook_path))
    produced = soffice.convert(workbook_path, "pdf", work / "export")
    return Path(shutil.move(produced, path))


# ----------------------------------------------------------------------------------------------
# Natures merged down the side of their lines
# ----------------------------------------------------------------------------------------------


def merged_side_workbook(path: Path) -> Path:
    """The budget with a first column « Fonctionnement » / « Investissement » merged down the
    side of its lines, and the equipment merged over two lines (one amount for both): only
    the first row of a merged cell holds its value in the file."""
    from openpyxl import Workbook

    workbook = Workbook()
    ws = workbook.active
    ws.title = "Budget"
    rows: list[list[object]] = [
        ["Budget prévisionnel 2027-2029 — montants TTC"],
        [],
        ["Nature", "Poste", 2027, 2028, 2029],
        ["DÉPENSES"],
        ["Fonctionnement", "Salaire et charges de l'animateur (1 ETP)", 44000, 44000, 44000],
        [None, "Prestations d'animation (intervenants, ateliers)", 16000, 16000, 16000],
        [None, "Loyer et charges", 10000, 10000, 10000],
        ["Investissement", "Imprimante 3D et découpeuse laser", 40000, 0, 0],
        [None, "Postes informatiques (même commande)", None, 0, 0],
        ["RECETTES"],
        ["Fonctionnement", "Région Hauts-de-France — aide à l'animation", 45000, 30000, 15000],
        [None, "Autofinancement", 25000, 40000, 55000],
        ["Investissement", "Région Hauts-de-France — aide à l'équipement", 20000, 0, 0],
        [None, "Autofinancement de l'équipement", 20000, 0, 0],
    ]
    for row in rows:
        ws.append(row)
    for merged in ("A5:A7", "A8:A9", "C8:C9", "A11:A12", "A13:A14"):
        ws.merge_cells(merged)
    workbook.save(str(path))
    return path


def without_stored_values(ods: Path, path: Path) -> Path:
    """The OpenDocument spreadsheet ``ods`` as a program writes one (odfpy, a web export):
    each formula without the value and the text a spreadsheet program stores beside it."""
    import re
    import zipfile

    with zipfile.ZipFile(ods) as archive:
        parts = [(info, archive.read(info.filename)) for info in archive.infolist()]

    def strip(match: re.Match[str]) -> str:
        start = re.sub(
            r'\s(?:office|calcext):(?:value-type|value|string-value)="[^"]*"', "", match[1]
        )
        return start + "/>"

    with zipfile.ZipFile(path, "w") as archive:
        for info, data in parts:
            if info.filename == "content.xml":
                xml = data.decode("utf-8")
                xml = re.sub(
                    r"(<table:table-cell [^>]*table:formula=[^>]*?)>(?:(?!</table:table-cell>).)*"
                    r"</table:table-cell>",
                    strip,
                    xml,
                    flags=re.S,
                )
                data = xml.encode("utf-8")
            archive.writestr(info, data)
    return path


# ----------------------------------------------------------------------------------------------
# The CERFA budget exported to PDF
# ----------------------------------------------------------------------------------------------


def cerfa_pdf(
    path: Path, work: Path, *, short: int = 0, fit: bool = True, one_sheet: bool = False
) -> Path:
    """The CERFA workbook as most associations send it: cells without borders, amounts
    right-aligned, each year's sheet fitted to the width of its page and exported to PDF by
    LibreOffice. Fitted, the form is printed small: a charge's amount ends a point or so
    before the next column's label begins (« 6 000 €70 - Vente de produits finis »)."""
    from dossierkit.external import soffice

    workbook_path = cerfa_workbook(
        work / f"{path.stem}.xlsx", short=short, ruled=False, fit=fit, one_sheet=one_sheet
    )
    produced = soffice.convert(workbook_path, "pdf", work / "export")
    return Path(shutil.move(produced, path))


def cerfa_cells(
    i: int, short: int = 0, *, rebate: bool = False, basis: str = "TTC"
) -> dict[str, object]:
    """The cells of year ``i``'s form as a spreadsheet shows them (formulas by their value),
    by reference: ``{"A6": "I. Charges directes", "B7": 6000, …}``; ``rebate`` adds a
    negative charge (609); ``basis`` "HT" says nothing of the basis in the titles, the
    amounts say it (« 6 000 € HT »)."""
    cells: dict[str, object] = {}
    sheet = _Sheet(cells)
    charges = CHARGES_WITH_REBATE if rebate else CHARGES
    _cerfa_sheet(sheet, i, "Association Fab'Lab du Ternois", short, charges)
    cells = {ref: sheet.cached.get(ref, value) for ref, value in cells.items()}
    if basis == "HT":
        del cells["A2"]
        cells = {
            ref: value.replace(" (montants TTC)", "") if isinstance(value, str) else value
            for ref, value in cells.items()
        }
    return cells


# Where a fitted LibreOffice export puts each column of the form (points): text starts at the
# left, amounts end at the right, a little padding inside.
_CERFA_COLUMNS = {"A": (30.0, 254.0), "B": (255.0, 300.0), "C": (301.3, 520.0), "D": (521.0, 570.0)}

# Amounts as people type them in a form filled by hand, by name.
WRITTEN = {
    "spreadsheet": lambda v: f"{amount_text(v)} €",  # the #,##0 "€" format: 6 000 €
    "dots": lambda v: f"{int(v):,}".replace(",", ".") + ",00",  # 6.000,00
    "cents": lambda v: f"{amount_text(v)},00 €",  # 6 000,00 €
    "plain": lambda v: f"{int(v)} €",  # 6000 €
    "ht": lambda v: f"{amount_text(v)} € HT",  # 6 000 € HT
    "h.t.": lambda v: f"{amount_text(v)} € H.T.",  # 6 000 € H.T.
    "tic": lambda v: f"{amount_text(v)} € TIC",  # 6 000 € TTC, as OCR reads it
}
# The fees (6226) named at length, longer than the form's label column.
LONG_LABEL = "6226 - Rémunérations d'intermédiaires et honoraires (animation externalisée)"
# The form's basis as a searchable scan's text layer (OCR) or a hurried typist writes it.
BASIS_SPELLINGS = ("TIC", "T.T.C.", "TT C", "TTG", "T1C")


def cerfa_drawn_pdf(
    path: Path,
    *,
    short: int = 0,
    size: float = 6.5,
    written: str = "spreadsheet",
    rebate: bool = False,
    year_titles: bool = False,
    apart: bool = False,
    ruled: bool = False,
    ttc_as: str = "TTC",
    long_label: str | None = None,
) -> Path:
    """The CERFA form of each year on its own page, drawn as LibreOffice prints the fitted
    sheet without borders: each cell a run of text of its own, the charges' amounts ending
    1.3 point before the produits' labels begin. Fast to make (reportlab), for the tests that
    do not need LibreOffice itself. Amounts are ``written`` in one of the ``WRITTEN`` forms
    (a negative one always « (1 200) »); with ``year_titles`` each page is headed by its
    year alone, in large type (« 2027 »), and the form's title names no year; ``apart``
    prints each form over two pages, the charges on the first, the produits on the second
    (a sheet too wide for its paper, not fitted to it); ``ruled`` draws the cells' rules of
    the official form; ``ttc_as`` spells the titles' « TTC » another way (« T.T.C. », OCR's
    « TIC »). ``long_label`` names the fees (6226) at length (``LONG_LABEL``), longer than
    their column: "clipped" prints it cut at the column's edge by a clip over the whole
    text, as PDF writers that clip rather than cut do when the next cell holds the amount
    (LibreOffice writes only the letters that show: its export reads as the label cut short);
    "wrapped"
    wraps it over two lines, the amount on the lower one (a spreadsheet's « renvoyer à la
    ligne », its cells aligned at the bottom)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    font, bold = generate.rl_fonts()  # a TrueType font: the € has its width, as in office PDFs
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for i in range(len(YEARS)):
        basis = "HT" if written in ("ht", "h.t.") else "TTC"
        cells = cerfa_cells(i, short, rebate=rebate, basis=basis)
        cells = {
            ref: v.replace("TTC", ttc_as) if isinstance(v, str) else v for ref, v in cells.items()
        }
        if year_titles:
            pdf.setFont(bold, 16)
            pdf.drawString(30, 805, str(YEARS[i]))
            cells["A1"] = "Association Fab'Lab du Ternois — Budget prévisionnel de l'action"
            del cells["A3"]
        for columns in ("AB", "CD") if apart else ("ABCD",):
            shift = _CERFA_COLUMNS[columns[0]][0] - _CERFA_COLUMNS["A"][0]
            # A wrapped label makes its row a line taller: the rows from it down move down.
            fees_row = next((int(r[1:]) for r, v in cells.items() if str(v).startswith("6226 ")), 0)
            for ref, value in sorted(cells.items(), key=lambda kv: int(kv[0][1:])):
                column, y = ref[0], 790 - int(ref[1:]) * size * 1.4
                if long_label == "wrapped" and int(ref[1:]) >= fees_row:
                    y -= size * 1.1
                if column not in columns:
                    continue
                pdf.setFont(font, size)
                pad = 2.0 if ruled else 0.0  # the official form's cells have a margin
                left, right = _CERFA_COLUMNS[column]
                left, right = left - shift + pad, right - shift - pad
                fees = long_label and column == "A" and str(value).startswith("6226 ")
                if fees and long_label == "clipped":
                    pdf.saveState()
                    edge = pdf.beginPath()
                    edge.rect(left, y - size, right - left, size * 2)
                    pdf.clipPath(edge, stroke=0, fill=0)
                    pdf.drawString(left, y, LONG_LABEL)
                    pdf.restoreState()
                elif fees:
                    first, second = LONG_LABEL.split(" honoraires ")
                    pdf.drawString(left, y + size * 1.1, f"{first} honoraires")
                    pdf.drawString(left, y, second)
                elif isinstance(value, (int, Decimal)):
                    shown = WRITTEN[written](value) if value >= 0 else f"({amount_text(-value)})"
                    pdf.drawRightString(right, y, shown)
                else:  # clipped at the column's edge, as a spreadsheet prints a long label
                    text = str(value)
                    clip = column != "A" or ruled
                    while clip and pdf.stringWidth(text, font, size) > right - left:
                        text = text[:-1]
                    pdf.drawString(left, y, text)
            if ruled:
                _rules(pdf, cells, columns, shift, size)
            pdf.showPage()
    pdf.save()
    return path


def _rules(pdf: Any, cells: dict[str, object], columns: str, shift: float, size: float) -> None:
    """The rules of the form's cells, from its header row to its last row."""
    rows = sorted({int(ref[1:]) for ref in cells if int(ref[1:]) >= 5})
    pitch = size * 1.4
    top, bottom = 790 - 5 * pitch + pitch * 0.75, 790 - rows[-1] * pitch - pitch * 0.25
    pdf.setLineWidth(0.5)
    edges_x = [_CERFA_COLUMNS[c][0] - 0.5 for c in columns] + [_CERFA_COLUMNS[columns[-1]][1] + 0.5]
    for row in range(5, rows[-1] + 2):
        y = 790 - row * pitch + pitch * 0.75
        pdf.line(edges_x[0] - shift, y, edges_x[-1] - shift, y)
    for x in edges_x:
        pdf.line(x - shift, top, x - shift, bottom)


def amount_text(value: int | Decimal) -> str:
    """``value`` as a spreadsheet's ``#,##0`` format shows it in French: 17 300."""
    return f"{int(value):,}".replace(",", "\u00a0")


# The form is printed small (fitted to the page): it is scanned at 300 dpi, a scanner's
# setting for documents with small print.
_FORM_DPI = 300


def scanned_cerfa_pdf(path: Path, work: Path, *, seed: int = 12156, skew: float = 1.0) -> Path:
    """The CERFA forms printed and scanned: grey paper, a slight skew, noise, JPEG, one image
    per page and no text layer (``scans.scan_pages``), as a treasurer sends the signed form."""
    import pypdfium2 as pdfium

    from realistic.scans import scan_pages

    printed = cerfa_drawn_pdf(work / f"{path.stem}-printed.pdf", ruled=True)
    document = pdfium.PdfDocument(str(printed))
    pages = [page.render(scale=_FORM_DPI / 72).to_pil() for page in document]
    document.close()
    return scan_pages(pages, path, seed=seed, skew=skew)
