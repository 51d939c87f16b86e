"""The margin stamp on every page of the pieces: "Pièce 3/7 · Dossier technique · p. 14/52".

The page number is the page's number in the whole dossier, out of its total: the number the
sommaire gives and the viewer shows (page labels), so that "p. 14" means one page whatever
an instructor looks at.

An instructor who prints the dossier, or receives one page of it, must know where the page
belongs; the stamp must never hide what the applicant wrote. So it is small (7 pt, grey),
drawn in the page's bottom margin near the right edge; when something is printed there, in
the top margin; when both are taken (a full-page scan), the page's content is shrunk by the
few points the stamp needs, the page keeping its size. "Taken" is decided by looking: the
strip where the stamp would go is rendered with pdfium (as the reader will see it, page
rotation and crop box applied) and must be blank.

The stamp is content added after the page's own, which is wrapped in ``q``/``Q`` so that its
graphics state cannot leak into the stamp; it is marked as an artifact for screen readers.
Everything else on the page (streams, images, fonts) is left byte for byte as it was. The
stamp is written as two small streams shared between pages wherever their bytes are equal:
the label ("Pièce 3/7 · Dossier technique · p. ", one per piece) and the page number
("14/52"); a 500-page dossier grows by about a hundred bytes a page.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from dossierkit.assemble.a4 import (
    Matrix,
    content_streams,
    frame,
    inverse,
    move_annotations,
    multiply,
)
from dossierkit.assemble.plan import Part
from dossierkit.assemble.texts import text

if TYPE_CHECKING:
    import pikepdf

SIZE = 7.0  # points
FONT = "Helvetica"
# The strip the stamp needs along an edge, the stamp's baseline in it, the gap to the right.
BAND = 16.0
_BASELINE = 6.0
_RIGHT = 28.35
_PAD = 4.0
# Pixels this light are paper; a scan's grey paper counts as content (and is shrunk).
_PAPER = bytes(range(245, 256))


@dataclass(frozen=True)
class Stamp:
    """The stamp of one page: its label, its page number, and where it goes (``bottom``,
    ``top`` or ``shrink``). ``width`` is that of the part's longest stamp, so that every
    page of a part has its stamp start at the same place."""

    label: str
    number: str
    width: float
    edge: str = "bottom"


def _label(part: Part, lang: str) -> str:
    section = part.section
    key = {"piece": "stamp.piece", "annex": "stamp.annex"}.get(section.role, "stamp.report")
    return text(lang, key, n=section.number, total=section.total, label=section.label)


def width(part: Part, total: int, lang: str) -> float:
    """The width of the longest stamp of ``part`` in a dossier of ``total`` pages (digits
    are all as wide: only the number of digits of ``total`` counts)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    label = _label(part, lang)
    return float(stringWidth(f"{label}{total}/{total}", FONT, SIZE))


def stamps(part: Part, total: int, lang: str) -> list[Stamp]:
    """The stamps of every page of ``part`` in a dossier of ``total`` pages, placed at the
    bottom until looked at."""
    label, first = _label(part, lang), part.first or 1
    wide = width(part, total, lang)
    return [Stamp(label, f"{page}/{total}", wide) for page in range(first, first + part.pages)]


def _blank(page: object, size: tuple[float, float], width: float, top: bool) -> bool:
    """True when the strip of ``page`` where a stamp ``width`` wide would go is paper.

    Rendered through pdfium's C interface: on a dossier of text pages, pypdfium2's helpers
    cost as much as the rendering itself. The strip is drawn into a small grey bitmap whose
    width is a multiple of 4, so that its rows have no padding.
    """
    import ctypes

    import pypdfium2.raw as pdfium_c

    page_width, page_height = size
    left = max(0, int(page_width - _RIGHT - width - _PAD))
    columns = (int(page_width - _RIGHT + _PAD) - left + 4) // 4 * 4
    rows = int(BAND)
    y = 0 if top else int(page_height) - rows  # bitmap rows run down from the page's top
    bitmap = pdfium_c.FPDFBitmap_CreateEx(columns, rows, pdfium_c.FPDFBitmap_Gray, None, 0)
    try:
        pdfium_c.FPDFBitmap_FillRect(bitmap, 0, 0, columns, rows, 0xFFFFFFFF)
        pdfium_c.FPDF_RenderPageBitmap(
            bitmap, page, -left, -y, int(page_width), int(page_height), 0, pdfium_c.FPDF_ANNOT
        )
        stride = pdfium_c.FPDFBitmap_GetStride(bitmap)
        pixels = ctypes.string_at(pdfium_c.FPDFBitmap_GetBuffer(bitmap), stride * rows)
    finally:
        pdfium_c.FPDFBitmap_Destroy(bitmap)
    return not pixels.translate(None, _PAPER)


def look(pages: list[tuple[Path, int]], stamp_width: float) -> list[str]:
    """Where a stamp ``stamp_width`` wide goes on each page (a PDF file and a 0-based page
    index in it), after looking at the page's margins: ``bottom``, ``top`` or ``shrink``.

    A page (or a PDF) pdfium cannot open is shrunk: that always leaves room. Only pdfium's
    C functions run here, which release the interpreter's lock: the assembler looks at the
    pages in a thread while it lays out the front pages.
    """
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    edges: list[str] = []
    documents: dict[Path, pdfium.PdfDocument | None] = {}
    try:
        for path, index in pages:
            if path not in documents:
                try:
                    documents[path] = pdfium.PdfDocument(path)
                except (pdfium.PdfiumError, OSError):
                    documents[path] = None
            document = documents[path]
            page = pdfium_c.FPDF_LoadPage(document.raw, index) if document is not None else None
            edge = "shrink"
            if page:
                try:
                    size = (pdfium_c.FPDF_GetPageWidthF(page), pdfium_c.FPDF_GetPageHeightF(page))
                    if _blank(page, size, stamp_width, top=False):
                        edge = "bottom"
                    elif _blank(page, size, stamp_width, top=True):
                        edge = "top"
                finally:
                    pdfium_c.FPDF_ClosePage(page)
            edges.append(edge)
    finally:
        for document in documents.values():
            if document is not None:
                document.close()
    return edges


def _numbers(*values: float) -> bytes:
    return " ".join(f"{v:.2f}".rstrip("0").rstrip(".") for v in values).encode()


def _literal(value: str) -> bytes:
    """A PDF string literal in the standard font's encoding (Windows-1252)."""
    encoded = value.replace("\u202f", "\u00a0").encode("cp1252", "replace")
    return b"(" + encoded.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _shrink(page: pikepdf.Page, visual: Matrix, w: float, h: float) -> bytes:
    """The ``cm`` operator that shrinks the page's content to free the bottom strip, the
    same transformation applied to the page's annotations so that links still fit."""
    s = (h - BAND) / h
    squeeze: Matrix = (s, 0, 0, s, (1 - s) * w / 2, (1 - s) * h)
    matrix = multiply(multiply(inverse(visual), squeeze), visual)
    move_annotations(page, matrix)
    return _numbers(*matrix) + b" cm\n"


@dataclass
class Stamper:
    """Draws stamps on the pages of ``pdf``, sharing equal streams between pages."""

    pdf: pikepdf.Pdf
    font: pikepdf.Object = field(init=False)
    streams: dict[bytes, pikepdf.Object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        import pikepdf

        # Standard Helvetica, not embedded: every reader has it, and it costs no bytes.
        self.font = self.pdf.make_indirect(
            pikepdf.Dictionary(
                Type=pikepdf.Name.Font,
                Subtype=pikepdf.Name.Type1,
                BaseFont=pikepdf.Name("/" + FONT),
                Encoding=pikepdf.Name.WinAnsiEncoding,
            )
        )

    def _stream(self, data: bytes) -> pikepdf.Object:
        """The stream holding ``data``, made once and shared by every page that needs it."""
        import pikepdf

        if data not in self.streams:
            self.streams[data] = self.pdf.make_indirect(pikepdf.Stream(self.pdf, data))
        return self.streams[data]

    def _font_name(self, page: pikepdf.Page) -> bytes:
        """The page's resource name for the stamp's font (added if need be)."""
        import pikepdf

        if "/Resources" not in page.obj:
            page.obj.Resources = pikepdf.Dictionary()
        resources = page.obj.Resources
        if "/Font" not in resources:
            resources.Font = pikepdf.Dictionary()
        fonts = resources.Font
        n = 0
        while (name := f"/DkStamp{n or ''}") in fonts and fonts[name].objgen != self.font.objgen:
            n += 1
        fonts[name] = self.font
        return name.encode()

    def apply(self, page: pikepdf.Page, stamp: Stamp) -> None:
        """Draw ``stamp`` on ``page``, shrinking the page's content first if it says so."""
        import pikepdf

        visual, w, h = frame(page)
        before = (
            pikepdf.Stream(self.pdf, b"q\n" + _shrink(page, visual, w, h))
            if stamp.edge == "shrink"
            else self._stream(b"q\n")
        )
        baseline = h - BAND + 4 if stamp.edge == "top" else _BASELINE
        start = w - _RIGHT - stamp.width
        a, b, c, d, e, f = visual
        origin = (start * a + baseline * c + e, start * b + baseline * d + f)
        label = (
            b"Q /Artifact BMC 0.35 g BT"
            + self._font_name(page)
            + b" 7 Tf "
            + _numbers(a, b, c, d, *origin)
            + b" Tm"
            + _literal(stamp.label)
            + b"Tj"
        )
        number = _literal(stamp.number) + b"Tj ET EMC"
        own = content_streams(page)
        page.obj.Contents = pikepdf.Array([before, *own, self._stream(label), self._stream(number)])


def stamp_parts(
    pdf: pikepdf.Pdf, parts: list[Part], edges: dict[str, list[str]], lang: str
) -> None:
    """Stamp every page of ``parts`` in ``pdf`` (where they start at ``part.first``).

    ``edges`` says, by section key, where ``look`` found room on each page of the parts
    that were looked at; the others (pages dossierkit laid out itself, with free margins)
    are stamped at the bottom.
    """
    stamper = Stamper(pdf)
    total = len(pdf.pages)
    for part in parts:
        if not part.pages or part.first is None:
            continue
        placed = stamps(part, total, lang)
        found = edges.get(part.section.key)
        if found is not None and len(found) == len(placed):
            placed = [replace(stamp, edge=edge) for stamp, edge in zip(placed, found, strict=True)]
        for offset, stamp in enumerate(placed):
            stamper.apply(pdf.pages[part.first - 1 + offset], stamp)
