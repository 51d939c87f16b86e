"""The built-in renderer: office files and CSV to PDF without LibreOffice.

It draws what reading already understood of the file (the one document model: paragraphs
with their heading level, tables of cells, the values a spreadsheet stored) rather than
parsing the file a second time, plus the pictures stored in the file's package. It is not a
layout engine: fonts, colours and page breaks are not the author's. What it guarantees is
that nothing is lost: every paragraph and every cell is on a page, headings are headings
(and bookmarks), tables are grids, pictures are shown where Word anchored them or, when
that is not known, after the text. The sommaire says which pages it drew.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from dossierkit.amounts import parse_amount
from dossierkit.assemble.typeset import MARGIN, build_pdf, markup, styles
from dossierkit.reading.model import CellValue, Document, Paragraph, Table

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

# Where each office package keeps its pictures.
_MEDIA = {"docx": "word/media/", "docm": "word/media/", "odt": "Pictures/"}
# Beyond this many columns a sheet is laid out on landscape pages.
_PORTRAIT_COLUMNS = 7
# A cell this long cannot sit in a grid row without risking a row taller than a page.
_LONGEST_CELL = 1500


def _cell_text(value: CellValue) -> str:
    """A cell as its reader would see it: a stored number with a decimal comma."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:f}".replace(".", ",")
    return value


def _is_number(value: CellValue) -> bool:
    """A number, stored as such or written as text (a CSV's "46 000,00"): right-aligned."""
    return isinstance(value, Decimal) or (
        isinstance(value, str) and parse_amount(value) is not None
    )


def _natural(name: str) -> list[object]:
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


def package_images(source: Path, doc_type: str) -> list[tuple[str, bytes]]:
    """The pictures stored in a DOCX or ODT package, in the order the document shows them:
    a DOCX numbers them (image1, image2…); an ODT names them by a hash, so their order is
    where ``content.xml`` first names them (a letterhead's logo before the signature)."""
    folder = _MEDIA.get(doc_type)
    if folder is None:
        return []
    with zipfile.ZipFile(source) as package:
        names = [n for n in package.namelist() if n.startswith(folder) and not n.endswith("/")]
        if doc_type == "odt" and "content.xml" in package.namelist():
            content = package.read("content.xml").decode("utf-8", "replace")

            def shown_at(name: str) -> tuple[int, list[object]]:
                at = content.find(name)
                return (at if at >= 0 else len(content), _natural(name))

            names.sort(key=shown_at)
        else:
            names.sort(key=_natural)
        return [(n.rsplit("/", 1)[-1], package.read(n)) for n in names]


def _image(name: str, data: bytes, width: float, height: float) -> Flowable:
    """A picture scaled to fit the frame, or a line naming it when it cannot be drawn
    (Word's EMF and WMF drawings, for instance)."""
    from PIL import Image as PILImage
    from reportlab.platypus import Image
    from reportlab.platypus import Paragraph as RLParagraph

    try:
        with PILImage.open(io.BytesIO(data)) as probe:
            pixels = probe.size
            probe.load()
    except Exception:  # a stranger's picture may break Pillow in any way
        return RLParagraph(markup(f"[{name}]"), styles()["small"])
    scale = min(width / pixels[0], height / pixels[1], 0.75)  # 96 dpi pictures, never enlarged
    return Image(io.BytesIO(data), width=pixels[0] * scale, height=pixels[1] * scale)


def _table_spans(
    paragraphs: tuple[Paragraph, ...], tables: tuple[Table, ...]
) -> dict[int, tuple[int, Table]]:
    """Where each table's cells sit among the paragraphs: first index → (end, table).

    Word processors' readers list table cells among the paragraphs (so that every check
    sees their text) and the tables apart. A table is drawn as a grid in place of the run of
    paragraphs that spells exactly its cells' words; a table whose run is not found stays as
    paragraphs, so its text is kept either way.
    """
    spans: dict[int, tuple[int, Table]] = {}
    cursor = 0
    for table in tables:
        target = [w for row in table.rows for cell in row for w in _cell_text(cell).split()]
        if not target:
            continue
        for start in range(cursor, len(paragraphs)):
            end = _run_end(paragraphs, start, target)
            if end is not None:
                spans[start] = (end, table)
                cursor = end
                break
    return spans


def _run_end(paragraphs: tuple[Paragraph, ...], start: int, target: list[str]) -> int | None:
    words: list[str] = []
    for end in range(start, len(paragraphs)):
        words += paragraphs[end].text.split()
        if words != target[: len(words)]:
            return None
        if len(words) == len(target):
            return end + 1
    return None


def _grid(table: Table, width: float) -> Flowable:
    """A table as a ruled grid; numbers right-aligned; columns sized after their content."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import LongTable
    from reportlab.platypus import Paragraph as RLParagraph

    columns = max(len(row) for row in table.rows)
    size = 8.5 if columns <= 8 else max(5.5, 8.5 * 8 / columns)
    left = ParagraphStyle("grid", parent=styles()["cell"], fontSize=size, leading=size * 1.25)
    right = ParagraphStyle("grid-number", parent=left, alignment=TA_RIGHT)
    natural = [
        max((len(_cell_text(row[c])) for row in table.rows if c < len(row)), default=1)
        for c in range(columns)
    ]
    weights = [min(max(n, 4), 40) for n in natural]
    widths = [width * w / sum(weights) for w in weights]
    cells = [
        [
            RLParagraph(markup(_cell_text(value)), right if _is_number(value) else left)
            for value in row
        ]
        + [""] * (columns - len(row))
        for row in table.rows
    ]
    grid = LongTable(cells, colWidths=widths, hAlign="LEFT")
    grid.setStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.4, colors.Color(0.6, 0.6, 0.6)),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ]
    )
    return grid


def _as_lines(table: Table) -> Iterator[Flowable]:
    """A table as one paragraph per row, for the rare table no grid can hold."""
    from reportlab.platypus import Paragraph as RLParagraph

    for row in table.rows:
        line = " | ".join(_cell_text(value) for value in row)
        if line.strip(" |"):
            yield RLParagraph(markup(line), styles()["cell"])


def _fits_grid(table: Table) -> bool:
    return all(len(_cell_text(value)) <= _LONGEST_CELL for row in table.rows for value in row)


def _table(table: Table, width: float, grids: bool) -> list[Flowable]:
    from reportlab.platypus import Spacer

    if grids and table.rows and _fits_grid(table):
        return [_grid(table, width), Spacer(1, 6)]
    return [*_as_lines(table), Spacer(1, 6)]


def _paragraph(paragraph: Paragraph) -> Flowable:
    from reportlab.platypus import Paragraph as RLParagraph

    style = f"h{min(paragraph.level, 3)}" if paragraph.level else "body"
    return RLParagraph(markup(paragraph.text), styles()[style])


def _text_story(
    document: Document, images: list[tuple[str, bytes]], size: tuple[float, float], grids: bool
) -> list[Flowable]:
    width, height = size[0] - 2 * MARGIN, size[1] - 2 * MARGIN
    spans = _table_spans(document.paragraphs, document.tables) if grids else {}
    pending = iter(images)
    story: list[Flowable] = []
    index = 0
    while index < len(document.paragraphs):
        if index in spans:
            end, table = spans[index]
            story += _table(table, width, grids)
            index = end
            continue
        paragraph = document.paragraphs[index]
        if paragraph.text:
            story.append(_paragraph(paragraph))
        if paragraph.has_image and (picture := next(pending, None)) is not None:
            story.append(_image(*picture, width, height))
        index += 1
    # Pictures whose place is not known (ODT, or more pictures than anchors) come last.
    story += [_image(name, data, width, height) for name, data in pending]
    return story


def _sheet_story(document: Document, size: tuple[float, float], grids: bool) -> list[Flowable]:
    from reportlab.platypus import Paragraph as RLParagraph

    width = size[0] - 2 * MARGIN
    story: list[Flowable] = []
    for table in document.tables:
        story.append(RLParagraph(markup(table.name), styles()["h1"]))
        story += _table(table, width, grids)
    return story


def _page_size(document: Document) -> tuple[float, float]:
    from reportlab.lib.pagesizes import A4, landscape

    wide = not document.paragraphs and any(
        len(row) > _PORTRAIT_COLUMNS for table in document.tables for row in table.rows
    )
    width, height = landscape(A4) if wide else A4
    return float(width), float(height)


def render_document(document: Document, source: Path, target: Path, *, title: str) -> Path:
    """Draw ``document`` (read from ``source``) into the PDF ``target``."""
    from reportlab.platypus import Paragraph as RLParagraph
    from reportlab.platypus.doctemplate import LayoutError

    size = _page_size(document)
    images = package_images(source, document.type)

    def story(grids: bool) -> list[Flowable]:
        flowables = (
            _text_story(document, images, size, grids)
            if document.paragraphs
            else _sheet_story(document, size, grids)
        )
        return flowables or [RLParagraph("—", styles()["body"])]

    try:
        return build_pdf(target, story(grids=True), title=title, pagesize=size)
    except LayoutError:
        # A grid row taller than a page: draw the tables as lines instead.
        return build_pdf(target, story(grids=False), title=title, pagesize=size)
