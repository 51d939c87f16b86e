"""Read OpenDocument text (ODT) and spreadsheets (ODS) from their ``content.xml``.

The XML is parsed with defusedxml: no entity expansion, no external fetch. Repeated rows and
columns (``number-rows-repeated``) are expanded only up to the last non-empty cell, so that a
sheet declaring a million blank rows costs nothing.
"""

from __future__ import annotations

import zipfile
from decimal import Decimal, InvalidOperation
from pathlib import Path
from xml.etree.ElementTree import Element

from dossierkit.reading.model import CellValue, Document, Paragraph, ReadError, Table
from dossierkit.reading.spreadsheet import RECALCULATED, recalculated, uncalculated_note

_NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
}
_T = "{" + _NS["text"] + "}"
_TB = "{" + _NS["table"] + "}"
_OF = "{" + _NS["office"] + "}"
# A row or column repeated more than this is blank padding written by the office suite.
_MAX_REPEAT = 1000


def _content(path: Path) -> Element:
    import defusedxml.ElementTree as ET
    from defusedxml import DefusedXmlException

    try:
        with zipfile.ZipFile(path) as archive:
            data = archive.read("content.xml")
        root: Element = ET.fromstring(data)
        return root
    except (zipfile.BadZipFile, KeyError, OSError, EOFError) as exc:
        raise ReadError("corrupt", str(exc)) from exc
    except DefusedXmlException as exc:
        raise ReadError("hostile", str(exc)) from exc
    except ET.ParseError as exc:
        raise ReadError("corrupt", str(exc)) from exc


def _text_of(element: Element) -> str:
    """Text of a paragraph, with ODF's space and tab elements restored."""
    parts: list[str] = []
    if element.text:
        parts.append(element.text)
    for child in element:
        if child.tag == _T + "s":
            parts.append(" " * int(child.get(_T + "c", "1")))
        elif child.tag == _T + "tab":
            parts.append("\t")
        elif child.tag == _T + "line-break":
            parts.append("\n")
        else:
            parts.append(_text_of(child))
        if child.tail:
            parts.append(child.tail)
    return "".join(parts)


def _cell_value(cell: Element) -> CellValue:
    value_type = cell.get(_OF + "value-type")
    if value_type in ("float", "currency", "percentage"):
        try:
            return Decimal(cell.get(_OF + "value", ""))
        except InvalidOperation:
            pass
    text = "\n".join(_text_of(p) for p in cell.iter(_T + "p")).strip()
    return text or None


def _table(element: Element, default_name: str, missing: list[str] | None = None) -> Table:
    """A sheet or a text table; the text of a cell merged over several rows is written in
    every row it covers ("Fonctionnement" merged down the side of its lines), an amount only
    in its first row, never counted twice."""
    rows: list[tuple[CellValue, ...]] = []
    spans: dict[int, tuple[int, str]] = {}  # column → (last row it covers, its text)
    for row in element.iter(_TB + "table-row"):
        cells: list[CellValue] = []
        for cell in row:
            if cell.tag not in (_TB + "table-cell", _TB + "covered-table-cell"):
                continue
            repeat = min(int(cell.get(_TB + "number-columns-repeated", "1")), _MAX_REPEAT)
            value = _cell_value(cell)
            if missing is not None and value is None and _uncomputed(cell):
                name = element.get(_TB + "name", default_name)
                missing.append(f"{name}!{_column(len(cells) + 1)}{len(rows) + 1}")
            span = spans.get(len(cells))
            spanned = int(cell.get(_TB + "number-rows-spanned", "1"))
            if cell.tag == _TB + "covered-table-cell" and span and span[0] >= len(rows):
                value = span[1]
            elif isinstance(value, str) and spanned > 1:
                spans[len(cells)] = (len(rows) + spanned - 1, value)
            cells.extend([value] * repeat)
        while cells and cells[-1] is None:
            cells.pop()
        repeat = min(int(row.get(_TB + "number-rows-repeated", "1")), _MAX_REPEAT)
        rows.extend([tuple(cells)] * (repeat if cells else min(repeat, 1)))
    while rows and not rows[-1]:
        rows.pop()
    width = max((len(r) for r in rows), default=0)
    padded = tuple(r + (None,) * (width - len(r)) for r in rows)
    return Table(name=element.get(_TB + "name", default_name), rows=padded)


def _uncomputed(cell: Element) -> bool:
    """A formula cell without a stored value, as a program that never opened the file
    writes it: a formula, and neither a value nor a value type."""
    return bool(cell.get(_TB + "formula")) and cell.get(_OF + "value-type") is None


def _column(index: int) -> str:
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _sheets(path: Path, missing: list[str] | None = None) -> tuple[Table, ...]:
    root = _content(path)
    tables = [
        _table(t, f"Feuille {n}", missing) for n, t in enumerate(root.iter(_TB + "table"), start=1)
    ]
    return tuple(t for t in tables if t.rows)


def _computed(path: Path) -> tuple[Table, ...] | None:
    """The sheets of a workbook LibreOffice saved, if every formula now has its value."""
    still: list[str] = []
    tables = _sheets(path, still)
    return None if still else tables


def read_ods(path: Path, deadline: float) -> Document:
    """One table per sheet, with the values the office suite stored; a spreadsheet written by
    a program and never opened has formulas without values, computed by LibreOffice on a
    copy when it is installed and done before ``deadline``, else listed in the notes (as ``spreadsheet.read_xlsx`` does)."""
    missing: list[str] = []
    tables = _sheets(path, missing)
    if not missing:
        return Document(type="ods", tables=tables)
    again = recalculated(path, "ods", _computed, deadline)
    if again is not None:
        return Document(type="ods", tables=again, notes=(RECALCULATED,))
    return Document(type="ods", tables=tables, notes=(uncalculated_note(missing),))


def read_odt(path: Path) -> Document:
    """Headings and paragraphs in order, and tables."""
    root = _content(path)
    body = root.find("office:body/office:text", _NS)
    if body is None:
        raise ReadError("corrupt", "no office:text body")
    paragraphs: list[Paragraph] = []
    tables: list[Table] = []
    for element in body.iter():
        if element.tag == _T + "h":
            level = int(element.get(_T + "outline-level", "1"))
            paragraphs.append(Paragraph(_text_of(element).strip(), level))
        elif element.tag == _T + "p":
            text = _text_of(element).strip()
            if text:
                paragraphs.append(Paragraph(text))
        elif element.tag == _TB + "table":
            tables.append(_table(element, f"Tableau {len(tables) + 1}"))
    return Document(
        type="odt", paragraphs=tuple(p for p in paragraphs if p.text), tables=tuple(tables)
    )
