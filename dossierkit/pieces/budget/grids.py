"""Cells and grids: every layout (sheets, word-processor tables, page layouts, lines of
text) becomes rows of cells that know where they stand."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from dossierkit.amounts import find_amounts, parse_amount
from dossierkit.pieces.budget.model import DEPENSES, MAX_LAYOUT_PAGES, RECETTES
from dossierkit.pieces.budget.words import (
    AMOUNT_BASIS,
    DASH,
    NUMBER_LIKE,
    RUN_OF_AMOUNTS,
    SECTION_IN_HEADER,
    SHARE,
    SHEET_SIDE,
    YEAR,
    YEAR_HEADER,
    basis_spelled,
    project_year,
)
from dossierkit.reading.cellformat import cells_in_thousands
from dossierkit.reading.model import CellValue, Document, Table
from dossierkit.text import fold

# A word of a page's header row that names a column: a year, a total, « Montant », or the
# share column of a plan de financement (« % », « Part »).
_HEAD_TOKEN = re.compile(r"^(?:20[2-4]\d|total|totaux|cumul|montants?|couts?|part|taux)$")
# The words of such a row, a year of the project that takes two (« Année 1 », « 1re année »,
# « Année N+1 ») kept as one.
HEAD_WORDS = re.compile(
    r"(?:ann[ée]e|an|exercice)\s+(?:\d\b|N(?:\s*\+\s*\d)?\b)"
    r"|\d\s*(?:re|er|ère|e|ème|nd|nde)?\s+ann[ée]e"
    r"|(?:premi[èe]re|deuxi[èe]me|seconde|troisi[èe]me|quatri[èe]me)\s+ann[ée]e"
    r"|\S+",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Cell:
    """A cell: its text as shown, its amount if it is one, and where it stands."""

    text: str
    amount: Decimal | None
    source: str  # for a BudgetLine: "Budget!C7", "p. 2", "Tableau 1, ligne 5", "ligne 12"
    where: str  # for a person: "cellule Budget!C7", "Tableau 1, ligne 5, colonne 3"…
    # An amount typed as text in a spreadsheet cell ("8 000 €", or "8,000" that reads as no
    # amount at all): the workbook's formulas skip it.
    typed_text: bool = False
    # A spreadsheet's amount its number format shows in thousands (« 45 k€ »), read in euros
    # already: a table's « (en k€) » does not multiply it again.
    in_thousands: bool = False


@dataclass(frozen=True)
class Grid:
    """Rows of cells from one sheet, one table (with the paragraphs around it) or one page."""

    name: str
    rows: tuple[tuple[Cell | None, ...], ...]
    year: int | None = None  # a sheet named "2027": every line of it is 2027's
    lead: int = 0  # rows before this index are the text around a table, not the table
    page: bool = False  # a page of a PDF or of a scan: it goes on from the page before
    section: str | None = None  # a sheet named « Dépenses »: every line of it is a dépense


def _column_letter(index: int) -> str:
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _amount(value: CellValue) -> Decimal | None:
    if isinstance(value, Decimal):
        return value
    if value is None:
        return None
    text = value.strip()
    if DASH.match(text):  # spreadsheets print a zero as a dash
        return Decimal(0)
    based = AMOUNT_BASIS.match(
        basis_spelled(text)
    )  # "6 000 € HT": the reader takes the basis from the text
    return parse_amount(based.group("amount") if based else text)


def _text(value: CellValue) -> str:
    if isinstance(value, Decimal):
        return f"{value.normalize():f}" if value == value.to_integral() else str(value)
    return " ".join((value or "").split())


def _cell(value: CellValue, source: str, where: str, *, typed: bool = False) -> Cell | None:
    """A cell; ``typed`` for a spreadsheet's, where a number is stored as a number unless it
    was typed as text."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    amount = _amount(value)
    as_text = (
        typed
        and isinstance(value, str)
        and (amount is not None or bool(NUMBER_LIKE.match(value.strip())))
        and not DASH.match(value)
    )
    return Cell(_text(value), amount, source, where, as_text)


def _sheet_grid(
    table: Table, doc_type: str, many: bool, thousands: frozenset[str] = frozenset()
) -> Grid:
    """A sheet (XLSX, ODS) or a CSV file, each cell cited by its reference; ``thousands``
    the cells (``Budget!B7``) read in euros from a format in k€."""
    rows = []
    for r, row in enumerate(table.rows):
        number = table.first_row + r
        cells = []
        for c, value in enumerate(row):
            letter = _column_letter(table.first_col + c)
            if doc_type == "csv":
                source, where = f"ligne {number}", f"ligne {number}, colonne {letter}"
            else:
                ref = f"{table.name}!{letter}{number}" if many else f"{letter}{number}"
                source, where = f"{table.name}!{letter}{number}", f"cellule {ref}"
            cell = _cell(value, source, where, typed=doc_type != "csv")
            if cell is not None and source in thousands:
                cell = replace(cell, in_thousands=True)
            cells.append(cell)
        rows.append(tuple(cells))
    section, year = sheet_side(table.name)
    return Grid(table.name, tuple(rows), year, section=section)


def sheet_side(name: str) -> tuple[str | None, int | None]:
    """The side of the budget (``DEPENSES``, ``RECETTES``) and the year a sheet's name gives:
    « 2027 », « Dépenses », « Recettes 2028 », « Charges prévisionnelles »."""
    folded = fold(name)
    match = YEAR_HEADER.match(folded)
    if match:
        return None, int(match.group(1))
    side = SHEET_SIDE.match(folded)
    sides = {bool(m.group(1)) for m in SECTION_IN_HEADER.finditer(folded)}
    if side is None or len(sides) > 1:
        return None, None
    years = set(YEAR.findall(folded))
    return (DEPENSES if side.group(1) else RECETTES), (
        int(years.pop()) if len(years) == 1 else None
    )


def _page_grid(table: Table) -> Grid:
    """A PDF page rebuilt by ``pdftables``: every cell is cited by its page.

    A page of running text (a budget typed as lines in a word processor and exported,
    « Loyer et charges 9 600 € ») has one column: each line is read as the lines of a Word
    document are, its label then its amounts, unless nothing separates them (« 42 000
    43 000 »: the reader reports it)."""
    where = table.name  # "p. 2", or "p. 1 et 3" for a sheet printed across pages
    if all(len(row) == 1 for row in table.rows):
        return Grid(
            table.name,
            tuple(
                _text_row(text, where)
                if isinstance(text := row[0], str) and not RUN_OF_AMOUNTS.search(text)
                else (_cell(row[0], where, where),)
                for row in table.rows
            ),
            page=True,
        )
    rows = tuple(tuple(_cell(v, where, where) for v in row) for row in _aligned(table.rows))
    return Grid(table.name, rows, page=True)


def _head_tokens(row: tuple[CellValue, ...]) -> tuple[str, list[str]] | None:
    """The label and the years and totals a header row of a page names, left to right
    (``"Poste 2027 | 2028 | 2029 | Total"`` → ``("Poste", ["2027", "2028", "2029",
    "Total"])``); None for a row that holds anything else."""
    label: list[str] = []
    tokens: list[str] = []
    for c, value in enumerate(row):
        if value is None:
            continue
        if isinstance(value, Decimal):
            return None
        for word in HEAD_WORDS.findall(value):
            folded = fold(word)
            if (
                _HEAD_TOKEN.match(folded)
                or word.strip("()") == "%"
                or (project_year(folded, word) is not None and folded != "n")
            ):
                tokens.append(word)
            elif not folded and tokens:  # « Montant (€) »: the unit of the head before
                continue
            elif c == 0 and not tokens:
                label.append(word)
            else:
                return None
    return " ".join(label), tokens


def _aligned(rows: tuple[tuple[CellValue, ...], ...]) -> list[tuple[CellValue, ...]]:
    """The page's rows, each header row of years and totals laid out again over the amount
    columns below it, in order, when it names as many columns as there are.

    Spreadsheets align amounts on the right but headers where the applicant typed them: a
    "2028" typed left-aligned or centred over a merged cell stands nearer another column's
    amounts than its own, so that the page's positions put it over the wrong column (or
    beside the label, "Poste 2027"). Only the order of the headers says which is which.
    """
    out = list(rows)
    heads = {i: found for i, row in enumerate(rows) if (found := _head_tokens(row))}
    for i, (label, tokens) in heads.items():
        if not tokens:
            continue
        end = next((j for j in sorted(heads) if j > i and heads[j][1]), len(rows))
        columns = sorted(
            {
                c
                for row in rows[i + 1 : end]
                for c, value in enumerate(row)
                if c > 0
                and value is not None
                and (_amount(value) is not None or SHARE.match(str(value).strip()))
            }
        )
        placed = [c for c, value in enumerate(rows[i]) if c > 0 and value is not None]
        if len(columns) != len(tokens) or columns == placed:
            continue
        width = len(rows[i])
        row: list[CellValue] = [None] * width
        row[0] = label or None
        for c, token in zip(columns, tokens, strict=True):
            row[c] = token
        out[i] = tuple(row)
    return out


def year_word(word: str, bare: bool = False) -> bool:
    """A year over a column, dated (« 2027 ») or numbered (« Année 2 », « N+1 »; « N »
    alone when ``bare``)."""
    folded = fold(word)
    numbered = (bare or folded != "n") and project_year(folded, word) is not None
    return bool(YEAR.fullmatch(word)) or numbered


def _text_row(text: str, source: str) -> tuple[Cell | None, ...]:
    """A line of running text as cells: its label, then each amount it states ("Loyer :
    9 600 € 9 600 €"), or the years of a header line ("Poste 2027 2028 2029 Total")."""
    amounts = find_amounts(text)
    if amounts:
        label = text[: amounts[0].start].strip(" :\t.…-–")
        cells = [_cell(label or None, source, source)]
        cells += [Cell(text[a.start : a.end].strip(), a.value, source, source) for a in amounts]
        return tuple(cells)
    words = HEAD_WORDS.findall(text)
    # « N » alone is a year only beside « N+1 ».
    bare = any(re.fullmatch(r"N\s*\+\s*\d", w, re.IGNORECASE) for w in words)
    years = [w for w in words if year_word(w, bare)]
    if len(years) >= 2 and all(
        year_word(w, bare) or fold(w) in ("total", "totaux") for w in words[-3:]
    ):
        first = next(i for i, w in enumerate(words) if year_word(w, bare))
        head = " ".join(words[:first]) or None
        return tuple(_cell(v, source, source) for v in [head, *words[first:]])
    return (_cell(text, source, source),)


def table_paragraphs(
    table: Table, paragraphs: Sequence[str], position: int
) -> tuple[int | None, int]:
    """Where a word-processor table's cells stand among the document's paragraphs (they are
    there too, in reading order), from ``position``: the first such paragraph (None when
    there is none) and the one after the last, blank paragraphs between them included."""
    texts = {
        line.strip()
        for row in table.rows
        for value in row
        if isinstance(value, str)
        for line in value.splitlines()
    }
    start = next(
        (i for i in range(position, len(paragraphs)) if paragraphs[i].strip() in texts), None
    )
    end = position if start is None else start
    while end < len(paragraphs) and (
        paragraphs[end].strip() in texts or not paragraphs[end].strip()
    ):
        end += 1
    return start, end


def _word_grids(document: Document, doc_type: str) -> list[Grid]:
    """A word-processor document: each table with the paragraphs before it (a caption such
    as "Année 2027" or "montants TTC"); the paragraphs after the last table at the end. A
    document without tables is read line by line."""
    paragraphs = [p.text for p in document.paragraphs]
    if not document.tables:
        lines = tuple(_text_row(t, f"paragraphe {i}") for i, t in enumerate(paragraphs, 1) if t)
        return [Grid("texte", lines)]
    grids = []
    position = 0
    for table in document.tables:
        found, end = table_paragraphs(table, paragraphs, position)
        start = position if found is None else found
        lead = tuple(
            (_cell(paragraphs[i], f"paragraphe {i + 1}", f"paragraphe {i + 1}"),)
            for i in range(position, start)
            if paragraphs[i].strip()
        )
        position = end
        rows = []
        for r, row in enumerate(table.rows, start=1):
            source = f"{table.name}, ligne {r}"
            cells: list[Cell | None] = []
            for c, value in enumerate(row, start=1):
                # A merged cell is repeated in every column it spans: keep it once.
                repeated = c > 1 and value is not None and value == row[c - 2]
                if repeated and _amount(value) is None:
                    cells.append(None)
                    continue
                cells.append(_cell(value, source, f"{source}, colonne {c}"))
            rows.append(tuple(cells))
        grids.append(Grid(table.name, lead + tuple(rows), lead=len(lead)))
    tail = tuple(
        (_cell(paragraphs[i], f"paragraphe {i + 1}", f"paragraphe {i + 1}"),)
        for i in range(position, len(paragraphs))
        if paragraphs[i].strip()
    )
    if tail:
        grids.append(Grid("texte", tail))
    return grids


def document_grids(document: Document) -> tuple[list[Grid], list[str]]:
    """The document as grids of cells, and why some of it could not be read."""
    if document.pages:
        if document.is_scanned:
            return [], [
                "le budget est un document numérisé dont les montants n'ont pas pu être lus"
            ]
        if document.layout_error:
            return [], [f"les tableaux du PDF n'ont pas pu être lus ({document.layout_error})"]
        notes = []
        if document.page_count and document.page_count > MAX_LAYOUT_PAGES:
            notes.append(f"pages {MAX_LAYOUT_PAGES + 1} et suivantes non lues")
        notes += [f"p. {n} : page numérisée, non lue" for n in document.scanned_pages]
        return [_page_grid(t) for t in document.tables], notes
    if document.type in ("xlsx", "xlsm", "ods", "csv"):
        many = len(document.tables) > 1
        thousands = cells_in_thousands(document.notes)
        return [_sheet_grid(t, document.type, many, thousands) for t in document.tables], []
    return _word_grids(document, document.type), []
