"""Read PDF files with pypdfium2, the fastest extractor that gives correct text.

Measured on 200 pages: pypdfium2 takes about 1.7× poppler's ``pdftotext``, pypdf 9×,
pdfplumber 70×; pdfplumber is therefore kept for the few pages where layout matters.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from dossierkit.limits import DEFAULT_LIMITS
from dossierkit.reading.active import active_content
from dossierkit.reading.model import Box, Document, Page, ReadError, Signature

# Fewer visible characters than this on a page that carries an image: the page is a scan.
SCANNED_PAGE_MAX_CHARS = 20
# A page mostly covered by an image with fewer characters than this: a scan whose text layer
# is a stamp or a header ("Numérisé avec CamScanner"), too thin to stand for the page.
THIN_LAYER_MAX_CHARS = 100
LARGE_IMAGE_SHARE = 0.5
# A text layer in which fewer than this share of the visible characters are letters, digits
# or ordinary punctuation is garbled (a font without its character map, a scanner's failed
# OCR): it is not trusted, and the page is read by OCR from its rendering.
GARBLED_MIN_PLAIN_SHARE = 0.75
_PLAIN_PUNCTUATION = ".,;:!?'’\"«»()[]-–—/%€$&@+*=#°_"
# Characters that are not letters, digits or ordinary punctuation, counted by one C-level pass.
_NOT_PLAIN = re.compile("[^\\w" + re.escape(_PLAIN_PUNCTUATION) + "]")


def read_pdf(path: Path, max_pages: int = DEFAULT_LIMITS.max_pdf_pages) -> Document:
    """Text by page, page sizes, images per page, metadata, active content; scanned pages
    flagged. A PDF of more than ``max_pages`` pages is refused before any page is read."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            raise ReadError("encrypted", str(exc)) from exc
        raise ReadError("corrupt", str(exc)) from exc
    if (count := len(pdf)) > max_pages:
        pdf.close()
        raise ReadError("too_large", f"{count} pages, limite {max_pages}")
    try:
        if len(pdf) == 0:
            raise ReadError("corrupt", "no page")
        pages = []
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                width, height = page.get_size()
                textpage = page.get_textpage()
                text = textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n")
                textpage.close()
                boxes, rules = _image_boxes_and_rules(page.raw)
            finally:
                page.close()
            needs_ocr, text = _needs_ocr(text, boxes, width * height)
            pages.append(
                Page(
                    number=index + 1,
                    text=text,
                    width=width,
                    height=height,
                    image_boxes=boxes,
                    scanned=needs_ocr,
                    rules=() if needs_ocr else rules,
                )
            )
        metadata = {k: v for k, v in pdf.get_metadata_dict(skip_empty=True).items()}
    except pdfium.PdfiumError as exc:
        raise ReadError("corrupt", str(exc)) from exc
    finally:
        pdf.close()
    return Document(
        type="pdf",
        pages=tuple(pages),
        image_count=sum(p.image_count for p in pages),
        signatures=_signatures(path),
        active=active_content(path),
        metadata=metadata,
    )


# Form XObjects nest; pdfium's own page-object walk stops at this depth too.
_MAX_FORM_DEPTH = 15


# A path this thin (points) and at least this long is a rule: a table's border, an underline.
_RULE_THICKNESS = 2.0
_RULE_LENGTH = 8.0
# A page of a vector drawing (a plan, a chart) has thousands of paths: the rules kept are
# enough to tell a table, never the whole drawing.
_MAX_RULES = 400


def _image_boxes_and_rules(page: Any) -> tuple[tuple[Box, ...], tuple[Box, ...]]:
    """The bounds of every image on the page, those inside form XObjects too, and the thin
    straight paths of the page (the rules of its tables: a word processor draws a table's
    borders as lines or thin filled rectangles), which tell the pieces which pages hold a
    table worth laying out (``reading.layout``).

    Walked through pdfium's raw API: ``PdfPage.get_objects`` wraps every object of the page
    (each line of text is one) in a Python object before filtering, which cost 40 % of
    reading a text PDF besides its text (measured by ``bench/verify.py``)."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    boxes: list[Box] = []
    rules: list[Box] = []

    def bounds(obj: Any) -> Box:
        left, bottom, right, top = (ctypes.c_float() for _ in range(4))
        pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
        return (left.value, bottom.value, right.value, top.value)

    def walk(objects: list[Any], depth: int) -> None:
        for obj in objects:
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
                boxes.append(bounds(obj))
            elif kind == pdfium_c.FPDF_PAGEOBJ_PATH and len(rules) < _MAX_RULES:
                left, bottom, right, top = bounds(obj)
                width, height = right - left, top - bottom
                if min(width, height) <= _RULE_THICKNESS and max(width, height) >= _RULE_LENGTH:
                    rules.append((left, bottom, right, top))
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < _MAX_FORM_DEPTH:
                count = pdfium_c.FPDFFormObj_CountObjects(obj)
                walk([pdfium_c.FPDFFormObj_GetObject(obj, i) for i in range(count)], depth + 1)

    count = pdfium_c.FPDFPage_CountObjects(page)
    walk([pdfium_c.FPDFPage_GetObject(page, i) for i in range(count)], 0)
    return tuple(boxes), tuple(rules)


def _needs_ocr(text: str, boxes: tuple[Box, ...], area: float) -> tuple[bool, str]:
    """Whether the page must be read by OCR, and the text layer worth keeping.

    A page needs OCR when it carries an image and (almost) no text, when an image covers
    most of it and its text layer is thin, and when its text layer is garbled, in which case
    that layer is dropped rather than read as if it were the page's text.
    """
    visible = "".join(text.split())
    if visible and _garbled(visible):
        return True, ""
    if boxes and len(visible) < SCANNED_PAGE_MAX_CHARS:
        return True, text
    largest = max(((r - left) * (t - b) for left, b, r, t in boxes), default=0.0)
    thin = len(visible) < THIN_LAYER_MAX_CHARS and largest >= LARGE_IMAGE_SHARE * area
    return thin, text


def _garbled(visible: str) -> bool:
    """True when too few characters are letters, digits or ordinary punctuation: symbols,
    control characters, replacement characters, private-use glyphs."""
    odd = len(_NOT_PLAIN.findall(visible))
    return len(visible) - odd < GARBLED_MIN_PLAIN_SHARE * len(visible)


def _signatures(path: Path) -> tuple[Signature, ...]:
    from dossierkit.reading.signatures import has_signature, read_signatures

    if not has_signature(path):
        return ()
    try:
        return read_signatures(path)
    except MemoryError:  # the reader's cap, not the file: F007 says so, never « modifié »
        raise
    except Exception as exc:  # a malformed signature dictionary must not hide the text
        return (
            Signature(
                field="?",
                signer="",
                intact=False,
                modified_after_signing=True,
                signed_at=None,
                error=f"{type(exc).__name__}: {exc}",
            ),
        )
