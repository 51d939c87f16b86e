"""The one document model every reader produces.

Nothing after reading knows which library read a file: classification, fact extraction and
checks see pages of text, paragraphs with their heading level, tables of cells and images.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cached_property

from dossierkit.errors import InputError

CellValue = str | Decimal | None


# A box on a page: (left, bottom, right, top) in PDF points, origin at the bottom left.
Box = tuple[float, float, float, float]
# OCR's confidence (0 to 100) below which a word may have been misread: a figure made of such
# words is checked, but a failed check asks a person to look at the page rather than
# reporting an error. Measured on scans of the samples, misread figures came with confidences
# up to 79 and correct ones as low as 0: the confidence cannot prove a figure right, only
# flag it, so the bar is high.
LOW_CONFIDENCE = 90.0


@dataclass(frozen=True)
class Word:
    """A word read by OCR: its text, its box on the page and how sure Tesseract is of it.

    ``confidence`` runs from 0 to 100; ``line`` is the index of the word's line among the
    lines of the page's text, so that a line found in the text can be found on the page.
    """

    text: str
    box: Box
    confidence: float
    line: int


@dataclass(frozen=True)
class Page:
    """One page of a paginated document (PDF, image).

    ``scanned`` is true when the page carries its content as an image and no usable text
    layer (none, or one too thin or garbled to trust) and OCR has not read it; ``unread``
    then says why when OCR was tried (``missing``, ``timeout``, ``failed``, ``no_text``,
    ``page_limit``). A page read by OCR is no longer ``scanned``: its ``text`` is made of the
    recognised lines, ``words`` keep their boxes and confidences, ``ocr_confidence`` is the
    mean confidence of its words (0 to 100) and ``ink_boxes`` are the marks of ink that no
    recognised word covers (a handwritten signature, a stamp) and ``rules`` the thin straight
    lines of its tables (horizontal or vertical). Its size is that of the page
    read upright. ``image_boxes`` are in PDF points, origin at the bottom left: a small image
    low on a letter is its signature.
    """

    number: int
    text: str
    width: float
    height: float
    image_boxes: tuple[Box, ...] = ()
    scanned: bool = False
    words: tuple[Word, ...] = ()
    ocr_confidence: float | None = None
    ink_boxes: tuple[Box, ...] = ()
    rules: tuple[Box, ...] = ()
    unread: str | None = None

    @property
    def image_count(self) -> int:
        """Images drawn on the page."""
        return len(self.image_boxes)

    def confidence_of(self, fragment: str) -> float | None:
        """How sure OCR is of ``fragment`` of this page's text: the lowest confidence of the
        words it is made of; None when the page's text was not read by OCR (it is exact) or
        the fragment is not found among its words.

        Spaces and case do not count, so that "FR76 3000" is found in the words "FR76" and
        "3000", or in "fr763000" read as one word.
        """
        wanted = "".join(fragment.split()).casefold()
        if not self.words or not wanted:
            return None
        for start in range(len(self.words)):
            joined = ""
            for end in range(start, len(self.words)):
                joined += "".join(self.words[end].text.split()).casefold()
                if wanted in joined:
                    return min(w.confidence for w in self.words[start : end + 1])
                if len(joined) >= len(wanted) + len(self.words[start].text):
                    break
        return None


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
    # Active content found in a PDF (JavaScript, launch actions, embedded files): never run.
    active: tuple[str, ...] = ()
    metadata: dict[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    # Why the layout of its pages (``reading.layout``) could not be read; "" when it was or
    # when none was asked for.
    layout_error: str = ""

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
        """Numbers of the pages whose content is an image that OCR has not read."""
        return tuple(p.number for p in self.pages if p.scanned)

    @property
    def ocr_pages(self) -> tuple[int, ...]:
        """Numbers of the pages whose text was read by OCR."""
        return tuple(p.number for p in self.pages if p.ocr_confidence is not None)

    def confidence_of(self, page: int | None, fragment: str) -> float | None:
        """How sure OCR is of ``fragment`` on page ``page`` (see ``Page.confidence_of``);
        None for text that was not read by OCR."""
        found = next((p for p in self.pages if p.number == page), None)
        return found.confidence_of(fragment) if found is not None else None

    def page_range(self, first: int, last: int) -> Document:
        """The document reduced to its pages ``first`` to ``last`` (their numbers kept), for
        a file that holds several pieces: each piece's parser reads its own pages only, and
        what it finds still cites the page of the file. Tables laid out on other pages go;
        a non-paginated document has no pages to take and is returned as it is."""
        if not self.pages:
            return self
        return replace(
            self,
            pages=tuple(p for p in self.pages if first <= p.number <= last),
            tables=tuple(t for t in self.tables if t.page is None or first <= t.page <= last),
        )

    def followed_by(self, other: Document) -> Document:
        """This document with the pages of ``other`` after its own, numbered on from its
        last page: a letter whose second page was scanned apart is read as one letter (its
        signature is on that second page). Non-paginated documents are kept as they are."""
        if not self.pages or not other.pages:
            return self
        offset = max(p.number for p in self.pages)
        moved = tuple(replace(p, number=p.number + offset) for p in other.pages)
        tables = tuple(
            replace(t, page=t.page + offset) if t.page is not None else t for t in other.tables
        )
        return replace(
            self,
            pages=self.pages + moved,
            tables=self.tables + tables,
            image_count=self.image_count + other.image_count,
        )


class ReadError(InputError):
    """A file that cannot be read; ``problem`` names the check that reports it.

    ``detail`` is a short technical reason kept for the evidence, never shown alone.
    """

    def __init__(self, problem: str, detail: str = "") -> None:
        super().__init__(f"{problem}: {detail}")
        self.problem = problem
        self.detail = detail
