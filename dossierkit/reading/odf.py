"""Read OpenDocument text (ODT) and spreadsheets (ODS) from their ``content.xml``.

The XML is parsed with defusedxml: no entity expansion, no external fetch. Repeated rows and
columns (``number-rows-repeated``) are expanded only up to the last non-empty cell, so that a
sheet declaring a million blank rows costs nothing.

A cell is read as the applicant sees it (see ``cellformat``): a percentage as the share it shows
(« 75 % »), never as the number 0.75; a number whose data style shows it in k€ (a « k€ » text,
or a display factor of a thousand) in euros, cited in the notes.
"""

from __future__ import annotations

import contextlib
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from xml.etree.ElementTree import Element

from dossierkit.reading.cellformat import in_euros, thousands_note
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
_ST = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_DRAW_IMAGE = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}image"
_NB = "{urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0}"
# A number shown as a share: « 75 % », « 12,5 % », « 75% ».
_SHARE = re.compile(r"^[-−]?\d[\d\s.,]*\s*%$")
# The unit of thousands of euros in a data style's text: « k€ », « K€ », « k EUR ».
_THOUSANDS_UNIT = re.compile(r"k\s?(?:€|eur)", re.IGNORECASE)
# A row or column repeated more than this is blank padding written by the office suite.
_MAX_REPEAT = 1000


def _content(path: Path, part: str = "content.xml") -> Element:
    import defusedxml.ElementTree as ET
    from defusedxml import DefusedXmlException

    try:
        with zipfile.ZipFile(path) as archive:
            data = archive.read(part)
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


@dataclass
class _Styles:
    """The cell styles of a spreadsheet that show their numbers in thousands of euros: each
    with its display factor (1000 when the style divides the number, 1 when it only says
    « k€ »), and the columns' default cell styles (a column formatted as a whole)."""

    thousands: dict[str, int] = field(default_factory=dict)
    # The runs of columns with a default cell style: (first column, columns, style).
    columns: list[tuple[int, int, str]] = field(default_factory=list)

    def of(self, cell: Element, column: int) -> int | None:
        """The display factor of the cell at ``column`` (0-based) when its style shows it in
        thousands of euros; None otherwise."""
        name = cell.get(_TB + "style-name")
        if name is None:
            name = next((s for first, n, s in self.columns if first <= column < first + n), None)
        return None if name is None else self.thousands.get(name)


def _styles(path: Path, root: Element) -> _Styles:
    """The cell styles of ``root`` (content.xml) and of the file's styles.xml that show a
    number in thousands of euros."""
    parts = [root]
    with contextlib.suppress(ReadError):  # no styles.xml: content.xml's automatic styles
        parts.append(_content(path, "styles.xml"))
    data: dict[str, int] = {}
    for part in parts:
        for tag in ("number-style", "currency-style"):
            for style in part.iter(_NB + tag):
                texts = " ".join(
                    t.text or "" for t in style if t.tag in (_NB + "text", _NB + "currency-symbol")
                )
                number = style.find(_NB + "number")
                factor = "1" if number is None else number.get(_NB + "display-factor", "1")
                if _THOUSANDS_UNIT.search(texts) or factor == "1000":
                    data[style.get(_ST + "name", "")] = 1000 if factor == "1000" else 1
    cells: dict[str, str] = {}
    for part in parts:
        for style in part.iter(_ST + "style"):
            if style.get(_ST + "family") == "table-cell":
                named = style.get(_ST + "data-style-name") or style.get(_ST + "parent-style-name")
                cells[style.get(_ST + "name", "")] = named or ""
    found: dict[str, int] = {}
    for name in cells:
        seen, current = {name}, cells[name]
        while current not in data and current in cells and current not in seen:
            seen.add(current)  # a style whose data style is its parent's
            current = cells[current]
        if current in data:
            found[name] = data[current]
    return _Styles(found)


def _columns(element: Element) -> list[tuple[int, int, str]]:
    """The default cell style of each run of the sheet's columns: (first column, columns,
    style)."""
    runs = []
    first = 0
    for column in element.iter(_TB + "table-column"):
        count = int(column.get(_TB + "number-columns-repeated", "1"))
        style = column.get(_TB + "default-cell-style-name")
        if style and style != "Default":
            runs.append((first, count, style))
        first += count
    return runs


def _cell_value(cell: Element) -> CellValue:
    value_type = cell.get(_OF + "value-type")
    text = "\n".join(_text_of(p) for p in cell.iter(_T + "p")).strip()
    if value_type == "percentage" or (value_type == "float" and _SHARE.match(text)):
        # A share, as the office suite shows it (« 75 % »), never the number 0.75.
        return text or _share(cell.get(_OF + "value", ""))
    if value_type in ("float", "currency"):
        try:
            return Decimal(cell.get(_OF + "value", ""))
        except InvalidOperation:
            pass
    if value_type == "date" and not text:
        return cell.get(_OF + "date-value") or None
    return text or None


def _share(value: str) -> str | None:
    """A percentage cell's value (0.75) as its share (« 75 % ») when it shows no text."""
    try:
        share = (Decimal(value) * 100).normalize()
    except InvalidOperation:
        return None
    return f"{share:f}".replace(".", ",") + "\u00a0%"


def _table(
    element: Element,
    default_name: str,
    missing: list[str] | None = None,
    styles: _Styles | None = None,
    thousands: list[str] | None = None,
) -> Table:
    """A sheet or a text table; the text of a cell merged over several rows is written in
    every row it covers ("Fonctionnement" merged down the side of its lines), an amount only
    in its first row, never counted twice. With ``styles``, a number shown in thousands of
    euros is read in euros, and its reference added to ``thousands``."""
    rows: list[tuple[CellValue, ...]] = []
    spans: dict[int, tuple[int, str]] = {}  # column → (last row it covers, its text)
    name = element.get(_TB + "name", default_name)
    if styles is not None:
        styles.columns = _columns(element)
    for row in element.iter(_TB + "table-row"):
        cells: list[CellValue] = []
        shown: list[int] = []  # the row's columns (1-based) shown in thousands
        for cell in row:
            if cell.tag not in (_TB + "table-cell", _TB + "covered-table-cell"):
                continue
            repeat = min(int(cell.get(_TB + "number-columns-repeated", "1")), _MAX_REPEAT)
            value = _cell_value(cell)
            if missing is not None and value is None and _uncomputed(cell):
                missing.append(f"{name}!{_column(len(cells) + 1)}{len(rows) + 1}")
            if isinstance(value, Decimal) and styles is not None and thousands is not None:
                factor = styles.of(cell, len(cells))
                if factor is not None:
                    value = in_euros(value, thousands=True, divided=int(factor == 1000))
                    shown += range(len(cells) + 1, len(cells) + repeat + 1)
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
        if thousands is not None:
            thousands += [
                f"{name}!{_column(c)}{len(rows) + r}" for r in range(1, repeat + 1) for c in shown
            ]
        rows.extend([tuple(cells)] * (repeat if cells else min(repeat, 1)))
    while rows and not rows[-1]:
        rows.pop()
    width = max((len(r) for r in rows), default=0)
    padded = tuple(r + (None,) * (width - len(r)) for r in rows)
    return Table(name=name, rows=padded)


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


def _sheets(path: Path, missing: list[str], thousands: list[str]) -> tuple[Table, ...]:
    """The sheets, the formula cells without value added to ``missing`` and the cells read
    in euros from a format in thousands to ``thousands``."""
    root = _content(path)
    styles = _styles(path, root)
    tables = [
        _table(t, f"Feuille {n}", missing, styles, thousands)
        for n, t in enumerate(root.iter(_TB + "table"), start=1)
    ]
    return tuple(t for t in tables if t.rows)


def _computed(path: Path) -> tuple[tuple[Table, ...], list[str]] | None:
    """The sheets of a workbook LibreOffice saved, and its cells shown in thousands, if every
    formula now has its value."""
    still: list[str] = []
    thousands: list[str] = []
    tables = _sheets(path, still, thousands)
    return None if still else (tables, thousands)


def _document(
    tables: tuple[Table, ...], thousands: list[str], notes: tuple[str, ...] = ()
) -> Document:
    if thousands:
        notes += (thousands_note(thousands),)
    return Document(type="ods", tables=tables, notes=notes)


def read_ods(path: Path, deadline: float) -> Document:
    """One table per sheet, with the values the office suite stored; a spreadsheet written by
    a program and never opened has formulas without values, computed by LibreOffice on a
    copy when it is installed and done before ``deadline``, else listed in the notes (as ``spreadsheet.read_xlsx`` does)."""
    missing: list[str] = []
    thousands: list[str] = []
    tables = _sheets(path, missing, thousands)
    if not missing:
        return _document(tables, thousands)
    again = recalculated(path, "ods", _computed, deadline)
    if again is not None:
        return _document(*again, (RECALCULATED,))
    return _document(tables, thousands, (uncalculated_note(missing),))


def _has_image(element: Element) -> bool:
    """True when a picture stands in the paragraph: a signature pasted as an image, which
    Writer stores as a ``draw:frame`` holding a ``draw:image`` (anchored as a character or
    to the paragraph)."""
    return any(True for _ in element.iter(_DRAW_IMAGE))


def read_odt(path: Path) -> Document:
    """Headings and paragraphs in order (a paragraph holding only a picture kept, as the
    DOCX reader keeps it: a signature image below the signatory's name), tables, and the
    count of pictures."""
    root = _content(path)
    body = root.find("office:body/office:text", _NS)
    if body is None:
        raise ReadError("corrupt", "no office:text body")
    paragraphs: list[Paragraph] = []
    tables: list[Table] = []
    for element in body.iter():
        if element.tag == _T + "h":
            level = int(element.get(_T + "outline-level", "1"))
            paragraphs.append(Paragraph(_text_of(element).strip(), level, _has_image(element)))
        elif element.tag == _T + "p":
            paragraphs.append(Paragraph(_text_of(element).strip(), has_image=_has_image(element)))
        elif element.tag == _TB + "table":
            tables.append(_table(element, f"Tableau {len(tables) + 1}"))
    return Document(
        type="odt",
        paragraphs=tuple(p for p in paragraphs if p.text or p.has_image),
        tables=tuple(tables),
        image_count=sum(1 for _ in body.iter(_DRAW_IMAGE)),
    )
