"""What a dossier technique says of the budget: the summary table of the Région's aid, read
by year so that it can be compared with the budget, and the budget table itself when the
applicant answers the call's question on the « nature et visée des dépenses envisagées
(fournir un tableau dépenses et recettes) » inside the technique and sends no budget file."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from itertools import pairwise

from dossierkit.amounts import find_amounts, parse_amount
from dossierkit.pieces.budget.grids import HEAD_WORDS, document_grids, table_paragraphs, year_word
from dossierkit.pieces.budget.model import DEPENSES, RECETTES, BudgetFacts
from dossierkit.pieces.budget.reader import read_budget
from dossierkit.pieces.budget.words import (
    AID_EQUIPMENT,
    NOT_REGION,
    REGION,
    TOTAL_HEADER,
    YEAR,
)
from dossierkit.reading.model import Document, Paragraph, Table
from dossierkit.text import fold

# Why the budget piece is the dossier technique's file (the evidence the report gives).
IN_TECHNIQUE = (
    "tableau dépenses-recettes du dossier technique",
    "the expenses and income table of the dossier technique",
)
# Paragraphs kept before a budget table when no heading opens it: its caption and the
# sentence that says « montants TTC ».
_LEAD = 3
# A paragraph after the table kept for what it says of the amounts' basis (« Montants HT »).
# Words of a page that can hold (part of) a budget table: its dépenses before the Région's
# line, on the page before.
_BUDGET_WORDS = re.compile(r"\b(depenses?|charges?|recettes?|produits?)\b")
_BASIS_NOTE = re.compile(r"\b(ht|ttc|hors taxes?|toutes taxes)\b")
# How every amount that ``find_amounts`` reads ends: its last digit, then its currency. A page
# without it holds no amount and is not searched with the whole pattern: on the 100 pages of
# prose of the benchmark's dossier technique, 0.01 s instead of 0.14 s.
_CURRENCY_AFTER_DIGIT = re.compile(
    r"\d\s?\)?[\u0020\u00a0\u202f\u2009]?(?:k\s?€|k\s?euros?|m\s?€|€|euros?\b|eur\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class RegionFigures:
    """The Région's aid as another piece (the dossier technique) states it in a summary table:
    (``animation`` or ``equipement``, year or None for the total column) → amount."""

    file: str
    amounts: dict[tuple[str, int | None], Decimal]
    source: str


def region_pages(document: Document) -> tuple[int, ...]:
    """The pages of a paginated ``document`` whose layout can hold the Région's figures: those
    whose text names the Région beside amounts. Only they are laid out (pdfplumber is slow)."""
    if document.is_scanned:
        return ()
    chosen: list[int] = []
    for page in reversed(document.pages):
        # A table's header alone at the foot of a page, its amounts on the next: the page
        # before a chosen one is laid out when it speaks of the budget.
        follows = bool(chosen) and chosen[-1] == page.number + 1
        if not (follows or _has_amount(page.text)):
            continue
        folded = fold(page.text)
        if REGION.search(folded) or _BUDGET_WORDS.search(folded):
            chosen.append(page.number)
    return tuple(reversed(chosen))


def _has_amount(text: str) -> bool:
    return bool(_CURRENCY_AFTER_DIGIT.search(text)) and bool(find_amounts(text))


def region_figures(document: Document, file: str) -> RegionFigures | None:
    """The Région lines of the tables of ``document`` (its word-processor tables, or the
    layout of the pages ``region_pages`` chose), by year; None without any.

    A summary table repeats the budget's figures without its sections, so it is not read as a
    budget: only its header of years and the rows that name the Région matter.
    """
    if document.is_scanned or document.layout_error:
        return None
    tables = document.tables
    for table in tables:
        header = next((row for row in table.rows if any(_year_of(v) for v in row)), None)
        if header is None:
            continue
        columns = {i: _year_of(v) for i, v in enumerate(header) if _year_of(v) or _is_total(v)}
        amounts: dict[tuple[str, int | None], Decimal] = {}
        for row in table.rows:
            label = fold(str(row[0] or ""))
            if not REGION.search(label) or NOT_REGION.search(label):
                continue
            kind = "equipement" if AID_EQUIPMENT.search(label) else "animation"
            for i, year in columns.items():
                value = row[i] if i < len(row) else None
                amount = value if isinstance(value, Decimal) else parse_amount(str(value or ""))
                if amount is not None:
                    amounts[(kind, year)] = amounts.get((kind, year), Decimal(0)) + amount
        if amounts:
            return RegionFigures(file, amounts, table.name)
    return None


def _year_of(value: object) -> int | None:
    text = str(value or "").strip()
    return int(text) if re.fullmatch(r"20[2-4]\d", text) else None


def _is_total(value: object) -> bool:
    return bool(TOTAL_HEADER.search(fold(str(value or ""))))


def budget_in_technique(document: Document) -> Document | None:
    """The budget table of a dossier technique, as a document of its own for the budget's
    parser: the table (or a dépenses table and the recettes table after it) with the
    paragraphs that introduce it (its heading, « montants TTC »); None when no table of the
    technique reads as a budget (a schedule, a list of partners, the summary of the
    Région's aid): lines of dépenses and of recettes with amounts by year.

    The call asks « la nature et visée des dépenses envisagées (fournir un tableau dépenses
    et recettes / fonctionnement et investissement) » among the technique's questions, so
    many applicants answer there and send no other budget.
    """
    if document.is_scanned or document.layout_error:
        return None
    if document.pages:
        candidates = _page_candidates(document)
    elif document.paragraphs:
        candidates = _word_candidates(document)
    else:
        return None  # a spreadsheet is a budget of its own, not a technique's table
    for candidate in candidates:
        if _reads_as_budget(candidate):
            return candidate
    for first, second in pairwise(candidates):
        joined = _joined(first, second)
        if _reads_as_budget(joined):
            return joined
    return None


def _reads_as_budget(document: Document) -> bool:
    """True when the budget reader finds, in ``document``, dépenses and recettes lines with
    amounts for a year."""
    grids, _ = document_grids(document)
    facts: BudgetFacts = read_budget(grids, "", [])
    sections = {
        line.section
        for line in facts.lines
        if not line.is_total and line.amount and line.year is not None
    }
    return {DEPENSES, RECETTES} <= sections


def _joined(first: Document, second: Document) -> Document:
    return replace(
        first,
        pages=first.pages + tuple(p for p in second.pages if p not in first.pages),
        paragraphs=first.paragraphs + second.paragraphs,
        tables=first.tables + second.tables,
    )


def _word_candidates(document: Document) -> list[Document]:
    """Each table of a word-processor document with the paragraphs that introduce it: back to
    its heading (or ``_LEAD`` paragraphs), and the notes on HT/TTC right after it. Its
    cells are among the paragraphs, in reading order (see ``grids._word_grids``)."""
    paragraphs = document.paragraphs
    candidates = []
    position = 0
    for table in document.tables:
        if not _has_amounts(table):
            continue
        start, end = table_paragraphs(table, [p.text for p in paragraphs], position)
        if start is None:
            continue
        lead = _lead(paragraphs, position, start)
        notes = [
            p
            for p in paragraphs[end : end + 2]
            if p.level == 0 and _BASIS_NOTE.search(fold(p.text))
        ]
        position = end
        kept = (*lead, *paragraphs[start:end], *notes)
        candidates.append(Document(document.type, paragraphs=kept, tables=(table,)))
    return candidates


def _lead(paragraphs: tuple[Paragraph, ...], position: int, start: int) -> tuple[Paragraph, ...]:
    """The paragraphs between ``position`` and a table at ``start`` that introduce it: from
    the last heading, or the last ``_LEAD`` ones."""
    before = [i for i in range(position, start) if paragraphs[i].text.strip()]
    heading = next((i for i in reversed(before) if paragraphs[i].level > 0), None)
    kept = [i for i in before if i >= heading] if heading is not None else before[-_LEAD:]
    return tuple(paragraphs[i] for i in kept)


def _has_amounts(table: Table) -> bool:
    """True when a cell right of the labels holds an amount (« 41 500 », with « € » or not)."""
    return any(_amount_cell(v) for row in table.rows for v in row[1:])


def _page_candidates(document: Document) -> list[Document]:
    """The budget table of a paginated technique, from the layout of its pages: from the row
    above its header of years to the last row with an amount in a column of its own, on
    that page and the next ones laid out (a table continues over a page break). The prose
    around it stays out."""
    tables = [t for t in document.tables if t.page is not None]
    candidates = []
    for n, table in enumerate(tables):
        head = next((i for i, row in enumerate(table.rows) if _year_header(row)), None)
        if head is None:
            continue
        kept = [replace(table, rows=table.rows[_lead_row(table.rows, head) :])]
        for following in tables[n + 1 :]:
            if following.page != kept[-1].page + 1:  # type: ignore[operator]
                break
            kept.append(following)
        last = kept[-1]
        ends = [i for i, row in enumerate(last.rows) if any(_amount_cell(v) for v in row[1:])]
        if not ends:
            continue
        kept[-1] = replace(last, rows=last.rows[: ends[-1] + 1])
        numbers = {t.page for t in kept}
        pages = tuple(p for p in document.pages if p.number in numbers)
        candidates.append(Document(document.type, pages=pages, tables=tuple(kept)))
    return candidates


def _lead_row(rows: Sequence[tuple[object, ...]], head: int) -> int:
    """The first row kept above a page's header of years: the lines of text just above it, up
    to ``_LEAD`` of them, back to the first that states the basis (« Montants exprimés TTC (…
    ne récupère pas » / « … la TVA) », a sentence wrapped over two lines) or else the one
    just above; a line with an amount (prose citing figures) ends them."""
    above = []
    for i in range(head - 1, max(-1, head - 1 - _LEAD), -1):
        cells = [str(v) for v in rows[i] if v is not None and str(v).strip()]
        if len(cells) != 1 or _has_amount(cells[0]):
            break
        above.append(i)
    basis = [i for i in above if _BASIS_NOTE.search(fold(" ".join(map(str, rows[i]))))]
    if basis:
        return min(basis)
    return above[0] if above else head


def _year_header(row: tuple[object, ...]) -> bool:
    """A row of a laid-out page that names two years or more as its columns (« Dépenses |
    2027 | 2028 | Total », « Année 1 | Année 2 », or in one cell when the layout joined them),
    not a sentence that cites years (« 20 000 € en 2027, 40 000 € en 2029 »)."""
    cells = [str(v).strip() for v in row if v is not None and str(v).strip()]
    if sum(1 for c in cells if year_word(c)) >= 2:
        return True
    words = HEAD_WORDS.findall(" ".join(cells))
    first = next((i for i, w in enumerate(words) if year_word(w)), None)
    tail = words[first:] if first is not None else []
    return len([w for w in tail if year_word(w)]) >= 2 and all(
        year_word(w) or TOTAL_HEADER.search(fold(w)) for w in tail
    )


def _amount_cell(value: object) -> bool:
    if isinstance(value, Decimal):
        return True
    text = str(value or "").strip()
    return bool(text) and not YEAR.fullmatch(text) and parse_amount(text) is not None
