"""The one document model every reader produces.

Nothing after reading knows which library read a file: classification, fact extraction and
checks see pages of text, paragraphs with their heading level, tables of cells and images.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

CellValue = str | Decimal | None


@dataclass(frozen=True)
class Page:
    """One page of a paginated document (PDF, image).

    ``scanned`` is true when the page has no usable text layer but carries an image: its
    text will only be known through OCR. ``image_boxes`` are (left, bottom, right, top) in PDF
    points, origin at the bottom left: a small image low on a letter is its signature.
    """

    number: int
    text: str
    width: float
    height: float
    image_boxes: tuple[tuple[float, float, float, float], ...] = ()
    scanned: bool = False

    @property
    def image_count(self) -> int:
        """Images drawn on the page."""
        return len(self.image_boxes)


@dataclass(frozen=True)
class Signature:
    """A digital signature embedded in a PDF, as far as it can be checked offline."""

    field: str
    signer: str
    intact: bool
    modified_after_signing: bool
    signed_at: str | None
    error: str = ""  # why the signature could not be validated at all


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of a word-processor document, in reading order (table cells included).

    ``level`` is its heading level, 0 for body text; ``has_image`` tells that a picture is
    anchored in it (a signature pasted into a Word letter).
    """

    text: str
    level: int = 0
    has_image: bool = False


@dataclass(frozen=True)
class Table:
    """A grid of cells: a spreadsheet sheet, a CSV file, a table in a text document.

    ``first_row`` and ``first_col`` (1-based) place the grid in its sheet so that a finding
    can cite the cell (``B7``) where a figure came from.
    """

    name: str
    rows: tuple[tuple[CellValue, ...], ...]
    first_row: int = 1
    first_col: int = 1
    page: int | None = None

    def text(self) -> str:
        """Cells joined row by row, tab-separated, for searching."""
        return "\n".join("\t".join("" if v is None else str(v) for v in row) for row in self.rows)


@dataclass(frozen=True)
class Document:
    """What a reader learnt from one file."""

    type: str
    pages: tuple[Page, ...] = ()
    paragraphs: tuple[Paragraph, ...] = ()
    tables: tuple[Table, ...] = ()
    image_count: int = 0
    signatures: tuple[Signature, ...] = ()
    metadata: dict[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    @property
    def page_count(self) -> int | None:
        """Pages of a paginated document; None for DOCX, spreadsheets and CSV."""
        return len(self.pages) if self.pages else None

    @cached_property
    def text(self) -> str:
        """All the text of the document, in reading order (computed once)."""
        if self.pages:
            parts = [p.text for p in self.pages]
        elif self.paragraphs:  # word processors: tables are already among the paragraphs
            parts = [p.text for p in self.paragraphs]
        else:
            parts = [t.text() for t in self.tables]
        return "\n".join(part for part in parts if part)

    def page_texts(self) -> list[tuple[int | None, str]]:
        """The text of each page with its number; one unnumbered page for DOCX and the like."""
        if self.pages:
            return [(page.number, page.text) for page in self.pages]
        return [(None, self.text)]

    def lines(self) -> list[tuple[int | None, str]]:
        """Every non-empty line with its page number (None for DOCX, spreadsheets, CSV).

        Parsers search these so that each fact they find can cite its page.
        """
        found: list[tuple[int | None, str]] = []
        for page in self.pages:
            found += [
                (page.number, line.strip()) for line in page.text.splitlines() if line.strip()
            ]
        if not self.pages:
            found += [(None, line) for line in self.text.splitlines() if line.strip()]
        return found

    @property
    def is_scanned(self) -> bool:
        """True when every page is a scan: nothing can be read until OCR."""
        return bool(self.pages) and all(p.scanned for p in self.pages)

    @property
    def scanned_pages(self) -> tuple[int, ...]:
        """Numbers of the pages that need OCR to be read."""
        return tuple(p.number for p in self.pages if p.scanned)


class ReadError(Exception):
    """A file that cannot be read; ``problem`` names the check that reports it.

    ``detail`` is a short technical reason kept for the evidence, never shown alone.
    """

    def __init__(self, problem: str, detail: str = "") -> None:
        super().__init__(f"{problem}: {detail}")
        self.problem = problem
        self.detail = detail
