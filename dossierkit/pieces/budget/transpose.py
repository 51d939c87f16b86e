"""A budget with its years as rows: « Année | Salaires | Prestations | Total dépenses |
Région | Autofinancement | Total recettes » over one row per year. It is read turned a
quarter (each column a line, each year a column), as if typed the usual way."""

from __future__ import annotations

from dataclasses import replace

from dossierkit.pieces.budget.grids import Cell, Grid
from dossierkit.pieces.budget.words import (
    DEPENSES_WORD,
    NATURE_HEADER,
    RECETTES_WORD,
    RELATIVE_YEAR,
    SHARE,
    TOTAL_ROW,
    YEAR_HEADER,
)
from dossierkit.text import fold

Row = tuple[Cell | None, ...]


def _year(cell: Cell | None) -> bool:
    """A cell that is a year, typed as a number (2027) or as text (« Année 2027 », « Année
    1 », « N+1 »)."""
    if cell is None:
        return False
    if cell.amount is not None:
        return cell.amount == cell.amount.to_integral() and 2020 <= cell.amount <= 2049
    folded = fold(cell.text)
    return bool(YEAR_HEADER.fullmatch(folded) or RELATIVE_YEAR.fullmatch(folded))


def _first(row: Row) -> int | None:
    return next((c for c, cell in enumerate(row) if cell is not None), None)


def _year_row(row: Row, column: int) -> bool:
    """A row of one year's amounts: the year in ``column``, amounts after it (and shares,
    « 75 % », the Région's part of that year), no text."""
    after = [cell for cell in row[column + 1 :] if cell is not None]
    amounts = [cell for cell in after if cell.amount is not None]
    return (
        _first(row) == column
        and _year(row[column])
        and len(amounts) >= 2
        and all(cell.amount is not None or SHARE.match(cell.text) for cell in after)
    )


def _side(cell: Cell) -> str | None:
    """« dépenses » or « recettes » when a column's head is its section's total."""
    folded = fold(cell.text)
    if not TOTAL_ROW.search(folded):
        return None
    rest = folded.replace("total", "").replace("des ", "").strip()
    if DEPENSES_WORD.match(rest):
        return "Dépenses"
    if RECETTES_WORD.match(rest):
        return "Recettes"
    return None


def _named_above(above: Row, columns: list[int]) -> dict[int, str]:
    """The section a row above the header names over each column (« Dépenses » merged
    over its columns, up to « Recettes »)."""
    found: dict[int, str] = {}
    said = None
    for c in columns:
        cell = above[c] if c < len(above) else None
        if cell is not None and cell.amount is None:
            folded = fold(cell.text)
            if DEPENSES_WORD.match(folded):
                said = "Dépenses"
            elif RECETTES_WORD.match(folded):
                said = "Recettes"
        if said is not None:
            found[c] = said
    return found


def _sections(head: Row, above: Row, columns: list[int]) -> dict[int, str]:
    """The section heading each column's line: the one named above it; else the columns
    up to a « Total dépenses » are the dépenses, those after it the recettes."""
    found = _named_above(above, columns)
    if found:
        return found
    group: list[int] = []
    last = None
    for c in columns:
        group.append(c)
        cell = head[c]
        side = _side(cell) if cell is not None else None
        if side is not None:
            for g in group:
                found[g] = side
            group, last = [], side
    if group and last is not None:
        other = "Recettes" if last == "Dépenses" else "Dépenses"
        for g in group:
            found[g] = other
    return found


def transposed(grid: Grid) -> Grid:
    """``grid`` turned when its years are rows (at least two rows each of a year and its
    amounts only, under a header row naming each column); else ``grid`` itself. The cells
    keep their sources: a line still cites the cell the applicant typed."""
    rows = grid.rows
    for start, row in enumerate(rows):
        column = _first(row)
        if column is None or not _year_row(row, column):
            continue
        end = start
        while end < len(rows) and _year_row(rows[end], column):
            end += 1
        heads = [i for i in range(start) if _first(rows[i]) is not None]
        if end - start < 2 or not heads:
            return grid
        head = rows[heads[-1]]
        width = max(len(r) for r in rows[heads[-1] : end])
        head = head + (None,) * (width - len(head))
        columns = [c for c in range(column + 1, width) if head[c] is not None]
        if len(columns) < 2 or any(
            cell is not None and cell.amount is not None for cell in (head[c] for c in columns)
        ):
            return grid
        total = (
            rows[end]
            if end < len(rows)
            and (cell := rows[end][column] if column < len(rows[end]) else None) is not None
            and TOTAL_ROW.search(fold(cell.text))
            else None
        )
        above = rows[heads[-2]] if len(heads) > 1 else ()
        return _turn(grid, heads[-1], start, end, column, columns, (head, above), total)
    return grid


def _turn(
    grid: Grid,
    at: int,
    start: int,
    end: int,
    column: int,
    columns: list[int],
    heads: tuple[Row, Row],
    total: Row | None,
) -> Grid:
    """The grid with rows ``start:end`` (years) under the header row ``at`` turned (the
    row above it, naming the sections, left out)."""
    head, above = heads
    years = [grid.rows[i] for i in range(start, end)]
    header: list[Cell | None] = [head[column], *(row[column] for row in years)]
    if total is not None:
        header.append(total[column])
    nature = NATURE_HEADER.match(fold(grid.name))
    sections = _sections(head, above, columns)
    turned: list[Row] = [tuple(header)]
    for c in columns:
        cell = head[c]
        assert cell is not None
        if c in sections and (c == columns[0] or sections.get(_before(columns, c)) != sections[c]):
            word = sections[c] + (f" de {nature.group(1)}" if nature else "")
            turned.append((Cell(word, None, cell.source, cell.where),))
        values = [row[c] if c < len(row) else None for row in years]
        if total is not None:
            values.append(total[c] if c < len(total) else None)
        turned.append((cell, *values))
    keep = at - 1 if _named_above(above, columns) else at
    rows = (*grid.rows[:keep], *turned, *grid.rows[end + (total is not None) :])
    return replace(grid, rows=rows, lead=grid.lead if grid.lead <= at else 0)


def _before(columns: list[int], c: int) -> int:
    return columns[columns.index(c) - 1]
