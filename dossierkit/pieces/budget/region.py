"""The Région's aid as another piece states it: the summary table of a dossier technique,
read by year so that it can be compared with the budget."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from dossierkit.amounts import find_amounts, parse_amount
from dossierkit.pieces.budget.words import AID_EQUIPMENT, NOT_REGION, REGION, TOTAL_HEADER
from dossierkit.reading.model import Document
from dossierkit.text import fold


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
    return tuple(
        p.number for p in document.pages if REGION.search(fold(p.text)) and find_amounts(p.text)
    )


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
