"""The budget prévisionnel: its lines, years, HT/TTC basis, the Région's aid and the
animation expenses, read from whatever layout the applicant used.

The call asks for "un budget dépenses-recettes équilibré (avec la précision TTC ou HT)" and
gives no template, so applicants send their own spreadsheet, a Word table, a PDF export, or
the charges/produits layout of the national association form (CERFA n° 12156, accounts 60
to 68 against 70 to 78). Every layout is turned into rows of cells, each cell knowing where
it stands (``Budget!C7``, ``p. 2``, ``Tableau 1, ligne 5``, ``ligne 12``); one reader then
walks the rows as a person would: header rows say what each column is (a year, a total, a
nature), rows without amounts open a section (dépenses, recettes), a nature
(fonctionnement, investissement), a year or an account, and rows with amounts are lines.

Where no row says the nature, a line's own words do (« Machines fablab (investissement) »,
« Acquisition imprimante 3D »), and a subtotal that names one (« Sous-total investissement
(équipement) ») gives it to the lines above it: the common single DÉPENSES block. A total
adds the lines above it only: the « INVESTISSEMENT » block associations add under the
CERFA's « TOTAL DES PRODUITS », its lines « Dépenses : … » and « Recettes : … » (or placed
by their words), is in neither total.

Whatever cannot be placed (an amount without a label, a column without a year, a line
outside the dépenses and recettes) is listed in ``unplaced`` with its cell or page rather
than guessed, so that a check can tell the applicant. Contributions volontaires en nature
(accounts 86 and 87) are listed apart (``contributions``): they are valued but not money,
and the form keeps them out of its balance. Rows that only check the balance ("Écart
dépenses − recettes"), rates and percentages are not lines.
"""

from __future__ import annotations

from dataclasses import replace

from dossierkit.pieces.budget.grids import document_grids
from dossierkit.pieces.budget.model import MAX_LAYOUT_PAGES, BudgetFacts, BudgetLine
from dossierkit.pieces.budget.reader import on_calendar, read_budget
from dossierkit.pieces.budget.region import RegionFigures, region_figures, region_pages
from dossierkit.reading.model import LOW_CONFIDENCE, Document
from dossierkit.reading.spreadsheet import UNCALCULATED


def _figures_doubt(document: Document) -> tuple[float, int] | None:
    """(confidence, page) of the least sure figure OCR read, when it is below
    ``LOW_CONFIDENCE``: the words with digits and no letters of the pages it read."""
    unsure = [
        (word.confidence, page.number)
        for page in document.pages
        for word in page.words
        if word.confidence < LOW_CONFIDENCE
        and any(c.isdigit() for c in word.text)
        and not any(c.isalpha() for c in word.text)
    ]
    return min(unsure) if unsure else None


def layout_pages(document: Document) -> tuple[int, ...]:
    """The pages of a paginated budget to lay out as grids: all of them, up to
    ``MAX_LAYOUT_PAGES`` (a budget runs over a few pages); a scanned page is laid out from
    the words OCR read on it."""
    return tuple(p.number for p in document.pages[:MAX_LAYOUT_PAGES])


def parse(document: Document, file: str) -> BudgetFacts:
    """Read the budget in ``document``, whatever its format and layout; never raises."""
    try:
        grids, notes = document_grids(document)
        unread = bool(notes) and not grids  # a scan not read, a layout that failed
        if not grids and not notes:
            notes = ["aucun tableau ni montant trouvé dans le budget"]
        budget = read_budget(grids, file, notes)
        uncalculated = next((n for n in document.notes if n.startswith(UNCALCULATED)), None)
        return replace(
            budget,
            ocr_doubt=_figures_doubt(document),
            uncalculated=uncalculated,
            read=not unread,
        )
    except Exception as exc:  # a stranger's budget must give a finding, never a traceback
        return BudgetFacts(
            file,
            {},
            None,
            (),
            (),
            (f"le budget n'a pas pu être lu ({type(exc).__name__})",),
            (),
            read=False,
        )


__all__ = [
    "BudgetFacts",
    "BudgetLine",
    "RegionFigures",
    "layout_pages",
    "on_calendar",
    "parse",
    "region_figures",
    "region_pages",
]
