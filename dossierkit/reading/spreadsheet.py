"""Read XLSX/XLSM workbooks with openpyxl: the values stored for formulas, never the macros.

A workbook saved by Excel or LibreOffice stores each formula's last value; openpyxl's
``data_only`` mode reads those. A workbook written by a program and never opened has
formulas without values: that is noted so that later checks don't read blanks as zeros.
"""

from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path

from dossierkit.reading.model import CellValue, Document, ReadError, Table


def _cell(value: object) -> CellValue:
    if value is None:
        return None
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


def read_xlsx(path: Path, doc_type: str = "xlsx") -> Document:
    """One table per sheet, with cached formula values."""
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as exc:
        raise ReadError("corrupt", str(exc)) from exc
    tables = []
    try:
        for sheet in workbook.worksheets:
            rows = _trim(
                [tuple(_cell(v) for v in row) for row in sheet.iter_rows(values_only=True)]
            )
            if rows:
                tables.append(Table(name=sheet.title, rows=tuple(rows)))
    finally:
        workbook.close()
    return Document(type=doc_type, tables=tuple(tables))
