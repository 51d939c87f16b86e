"""Read XLSX/XLSM workbooks with openpyxl: the values stored for formulas, never the macros.

A workbook saved by Excel or LibreOffice stores each formula's last value; openpyxl's
``data_only`` mode reads those. A workbook written by a program and never opened (openpyxl
writes formulas without values) would read as blanks where its totals are, and its labels
that are formulas as nothing: such a workbook is recalculated by LibreOffice, on a copy in a
throw-away folder, when LibreOffice is installed; otherwise the formula cells without a value
are listed in the document's notes (``UNCALCULATED``) so that a check can say what to do
rather than read the blanks as zeros.

A cell is read as its number format shows it (``cellformat``): « 75 % » for 0.75 formatted as a
percentage, euros for a number shown in k€.
"""

from __future__ import annotations

import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from dossierkit.external import ExternalError, soffice
from dossierkit.reading.cellformat import in_euros, number_format, share_text, thousands_note
from dossierkit.reading.model import CellValue, Document, ReadError, Table
from dossierkit.reading.office_copy import converted_copy

# The note that starts the list of formula cells left without a value ("… : Budget!E7, …").
UNCALCULATED = "formules sans valeur enregistrée"
# The note of a workbook whose values LibreOffice computed, the file itself being left as is.
RECALCULATED = "valeurs des formules calculées par LibreOffice (le fichier n'a pas été modifié)"
# LibreOffice opens, recalculates and saves a small workbook in a few seconds; it is given
# what is left of the file's reading time (``Limits.seconds_per_file``) less this margin, so
# that it is stopped, and the workbook reported as never recalculated, before the reader's
# worker is killed for its time (which would leave LibreOffice running, and give F015).
RECALCULATION_MARGIN = 1.0
# Cells read from a workbook, all sheets together: a budget has a few thousand; a stored row
# that starts at column XFD or a million stored rows is not a budget, and would fill memory.
MAX_CELLS = 2_000_000
# Formula cells without value cited in the note: enough to find them.
_CITED = 5
T = TypeVar("T")
# A sheet's title and its raw rows.
Sheet = tuple[str, list[tuple[object, ...]]]


@dataclass(frozen=True)
class _Workbook:
    """The sheets read, and the cells (``Budget!B7``) read in euros from a format in k€."""

    sheets: list[Sheet]
    thousands: list[str]


def _cell(value: object) -> CellValue:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    text = str(value).strip()
    return text or None


def _trim(rows: list[tuple[CellValue, ...]]) -> list[tuple[CellValue, ...]]:
    while rows and all(v is None for v in rows[-1]):
        rows.pop()
    width = max(
        (max((i + 1 for i, v in enumerate(r) if v is not None), default=0) for r in rows), default=0
    )
    return [r[:width] for r in rows]


def _sheets(path: Path, data_only: bool) -> _Workbook:
    """Each sheet's title and raw rows: stored values, or formulas (``data_only=False``).

    A formula whose stored value is the empty string (``=IF(B7>0;B7;"")``) is read as "",
    not None: it was computed. A number is read as its format shows it (``_shown``).
    """
    # openpyxl warns on standard error about what it skips (data validation, an unknown
    # extension, a header it cannot parse): the reader's business, not the user's.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _read_sheets(path, data_only)


def _shown(cell: Any, at: tuple[str, int, int], thousands: list[str]) -> object:
    """A cell's value as its number format shows it: a share as its text (« 75 % »), a
    number shown in k€ in euros, its reference (``at``: sheet, row, column) then added to
    ``thousands``; any other value as stored."""
    value = cell.value
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    shown = number_format(cell.number_format)
    if not (shown.share or shown.in_thousands):
        return value
    number = Decimal(value) if isinstance(value, int) else Decimal(repr(value))
    if shown.share:
        return share_text(number, shown)
    title, row, column = at
    thousands.append(f"{title}!{_column(column)}{row}")
    return in_euros(number, shown.thousands, shown.divided)


def _read_sheets(path: Path, data_only: bool) -> _Workbook:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(str(path), read_only=True, data_only=data_only)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as exc:
        raise ReadError("corrupt", str(exc)) from exc
    try:
        sheets: list[Sheet] = []
        thousands: list[str] = []
        cells = 0
        for sheet in workbook.worksheets:
            # The size a sheet declares (``<dimension ref="A1:XFD1048576"/>``) is not trusted:
            # openpyxl would pad every row to it, 17 billion empty cells from a 1.6 KB file.
            # Rows then end at their last cell, as they are stored.
            sheet.reset_dimensions()
            rows = []
            for r, row in enumerate(sheet.iter_rows(), start=1):
                cells += len(row)
                if cells > MAX_CELLS:
                    raise ReadError(
                        "too_large", f"plus de {MAX_CELLS:,} cellules".replace(",", "\u202f")
                    )
                if not data_only:  # the formulas: only whether a cell holds one counts
                    rows.append(tuple(c.value for c in row))
                    continue
                rows.append(
                    tuple(
                        ""
                        if c.value is None and c.data_type == "str"
                        else _shown(c, (sheet.title, r, n), thousands)
                        for n, c in enumerate(row, start=1)
                    )
                )
            sheets.append((sheet.title, rows))
        return _Workbook(sheets, thousands)
    finally:
        workbook.close()


def _column(index: int) -> str:
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _without_values(path: Path, values: list[Sheet]) -> list[str]:
    """The formula cells (``Budget!E7``) that have no stored value."""
    missing = []
    for (title, formulas), (_, stored) in zip(_sheets(path, False).sheets, values, strict=False):
        for r, row in enumerate(formulas):
            for c, formula in enumerate(row):
                if not (isinstance(formula, str) and formula.startswith("=")):
                    continue
                value = stored[r][c] if r < len(stored) and c < len(stored[r]) else None
                if value is None:
                    missing.append(f"{title}!{_column(c + 1)}{r + 1}")
    return missing


def _merged(path: Path) -> dict[str, list[tuple[int, int, int]]]:
    """Each sheet's merged ranges that span rows, as (column, first row, last row), 1-based
    (read-only openpyxl does not give them: they are read from the sheet's XML)."""
    import defusedxml.ElementTree as ET
    from openpyxl.utils.cell import range_boundaries

    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    relation = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    package = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
    found: dict[str, list[tuple[int, int, int]]] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            workbook = ET.fromstring(archive.read("xl/workbook.xml"))
            rels = ET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
            targets = {r.get("Id"): str(r.get("Target", "")) for r in rels.iter(package)}
            for sheet in workbook.iter(f"{main}sheet"):
                target = targets.get(sheet.get(relation), "").lstrip("/")
                part = target if target.startswith("xl/") else f"xl/{target}"
                if part not in archive.namelist():
                    continue
                ranges = []
                for merge in ET.fromstring(archive.read(part)).iter(f"{main}mergeCell"):
                    first_col, first_row, _, last_row = range_boundaries(merge.get("ref", ""))
                    if first_col and first_row and last_row and last_row > first_row:
                        ranges.append((first_col, first_row, last_row))
                found[str(sheet.get("name"))] = ranges
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, ET.ParseError):
        return {}
    return found


def _filled(
    raw: list[tuple[object, ...]], ranges: list[tuple[int, int, int]]
) -> list[tuple[object, ...]]:
    """The rows with the text of each cell merged over several rows written in every row it
    covers: "Fonctionnement" merged down the side of its lines is the nature of each. An
    amount merged over rows is left in its first row only, never counted twice."""
    rows = [list(row) for row in raw]
    for column, first, last in ranges:
        if first > len(rows) or column > len(rows[first - 1]):
            continue
        value = rows[first - 1][column - 1]
        if not isinstance(value, str) or value.startswith("="):
            continue
        for r in range(first, min(last, len(rows))):
            rows[r] += [None] * (column - len(rows[r]))
            rows[r][column - 1] = value
    return [tuple(row) for row in rows]


def _document(
    values: _Workbook,
    doc_type: str,
    merged: dict[str, list[tuple[int, int, int]]],
    notes: tuple[str, ...] = (),
) -> Document:
    tables = []
    for title, raw in values.sheets:
        rows = _trim([tuple(_cell(v) for v in row) for row in _filled(raw, merged.get(title, []))])
        if rows:
            tables.append(Table(name=title, rows=tuple(rows)))
    if values.thousands:
        notes += (thousands_note(values.thousands),)
    return Document(type=doc_type, tables=tuple(tables), notes=notes)


def recalculated(path: Path, doc_type: str, read: Callable[[Path], T], deadline: float) -> T | None:
    """``read`` of the workbook at ``path`` once LibreOffice has opened and saved a copy of
    it as ``doc_type`` (which computes every formula without a stored value), in a folder
    thrown away after; None when LibreOffice is not installed or fails. LibreOffice has
    until ``deadline`` (``time.monotonic()``, the end of the file's reading time): when it
    does not finish, or no time is left to start it, the file's reading is interrupted
    (ReadError "timeout", F015), as a reader that takes too long is."""
    if not soffice.available():
        return None
    try:
        with converted_copy(
            path, doc_type, doc_type, deadline, RECALCULATION_MARGIN, "recalculer le classeur"
        ) as saved:
            return read(saved)
    except (ExternalError, ReadError) as exc:
        if isinstance(exc, ReadError) and exc.problem == "timeout":
            raise
        return None


def uncalculated_note(missing: list[str]) -> str:
    """The note listing formula cells without value (``Budget!E7``), the first few cited."""
    cited = ", ".join(missing[:_CITED])
    if len(missing) > _CITED:
        cited += f"… {len(missing)} cellules en tout"
    return f"{UNCALCULATED} : {cited}"


def read_xlsx(path: Path, doc_type: str, deadline: float) -> Document:
    """One table per sheet, with the formulas' stored values (computed by LibreOffice on a
    copy, before ``deadline``, when the workbook has none)."""
    values = _sheets(path, True)
    merged = _merged(path)
    missing = _without_values(path, values.sheets)
    if not missing:
        return _document(values, doc_type, merged)
    again = recalculated(path, "xlsx", lambda saved: _sheets(saved, True), deadline)
    if again is not None and not _without_values_in(again.sheets, missing):
        return _document(again, doc_type, merged, (RECALCULATED,))
    return _document(values, doc_type, merged, (uncalculated_note(missing),))


def _without_values_in(values: list[Sheet], cells: list[str]) -> bool:
    """True when one of ``cells`` (``Budget!E7``) is still blank in ``values``."""
    sheets = dict(values)
    for ref in cells:
        title, _, cell = ref.rpartition("!")
        letters = cell.rstrip("0123456789")
        row, column = int(cell[len(letters) :]) - 1, 0
        for letter in letters:
            column = column * 26 + ord(letter) - 64
        rows = sheets.get(title, [])
        if row >= len(rows) or column > len(rows[row]) or rows[row][column - 1] is None:
            return True
    return False
