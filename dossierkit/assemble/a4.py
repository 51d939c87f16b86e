"""Every page of the pieces on A4, as a printer's « réduire les pages trop grandes » sets it.

A Word document laid out in US Letter (Word's default outside Europe, and that of many
templates), a scan saved at the scanner's odd size or at the wrong resolution (a 200 dpi
page declared at 72 dpi is three times too large): merged as they are, these pages sit among
A4 pages at another size, a Letter page wider and shorter, a scan printed over several sheets
or cut. The instructor prints and files A4.

So a page whose visible size is not A4 (portrait, or landscape for a landscape page) within
2 mm is set on an A4 page of its own orientation: shrunk to fit if larger, never enlarged,
centred across, and centred in the height above the strip the margin stamp takes (which stays
free, so the stamp needs no look at that page's margins). Its content is left byte for byte
as it was: a ``cm`` operator and a clip to its visible box are put before it (wrapped in
``q``/``Q``), its annotations (links, a signature's widget) moved with it. The signed
original of a signed page is attached untouched (``attachments``): only the merged copy is
set on A4.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pikepdf

Matrix = tuple[float, float, float, float, float, float]

A4 = (595.2756, 841.8898)  # points, portrait
# A page within this of A4 (each side) is A4: scans and exports round sizes to a point or a
# millimetre; Letter is 6 mm wider and 18 mm shorter.
TOLERANCE = 5.67  # 2 mm
# Boxes of the page's former size (printing marks, the trim of a printer's proof).
_BOXES = ("/BleedBox", "/TrimBox", "/ArtBox")


def multiply(m: Matrix, n: Matrix) -> Matrix:
    """``m`` then ``n``, in PDF's row-vector convention (``cm`` concatenation)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (
        a * p + b * r,
        a * q + b * s,
        c * p + d * r,
        c * q + d * s,
        e * p + f * r + t,
        e * q + f * s + u,
    )


def inverse(m: Matrix) -> Matrix:
    """The matrix that undoes ``m``."""
    a, b, c, d, e, f = m
    det = a * d - b * c
    return (d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det)


def apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    """The point ``(x, y)`` moved by ``m``."""
    return x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5]


def _rotation(page: pikepdf.Page) -> int:
    return round(int(page.rotation) / 90) % 4 * 90


def _frame(box: tuple[float, float, float, float], rotate: int) -> tuple[Matrix, float, float]:
    x0, y0, x1, y1 = box
    x0, x1 = sorted((x0, x1))
    y0, y1 = sorted((y0, y1))
    w, h = x1 - x0, y1 - y0
    matrices: dict[int, tuple[Matrix, float, float]] = {
        0: ((1, 0, 0, 1, x0, y0), w, h),
        90: ((0, 1, -1, 0, x1, y0), h, w),
        180: ((-1, 0, 0, -1, x1, y1), w, h),
        270: ((0, -1, 1, 0, x0, y1), h, w),
    }
    return matrices[rotate]


def _visible_box(page: pikepdf.Page) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = (float(v) for v in page.cropbox)
    return x0, y0, x1, y1


def frame(page: pikepdf.Page) -> tuple[Matrix, float, float]:
    """The matrix from the page as seen (rotation applied, origin at the bottom left of the
    visible box) to its user space, and the visible width and height."""
    return _frame(_visible_box(page), _rotation(page))


def is_a4(width: float, height: float) -> bool:
    """Whether a page seen ``width`` × ``height`` points is A4, portrait or landscape."""
    w, h = A4 if width <= height else (A4[1], A4[0])
    return abs(width - w) <= TOLERANCE and abs(height - h) <= TOLERANCE


def needs_fitting(page: pikepdf.Page) -> bool:
    """Whether ``page`` is to be set on A4 (``fit``): not A4, and with a box that has a
    size (a page whose box cannot be read, or is flat, is merged as it is)."""
    import pikepdf

    try:
        _, width, height = frame(page)
    except (pikepdf.PdfError, ValueError, TypeError, KeyError, IndexError):
        return False
    return width > 0 and height > 0 and not is_a4(width, height)


def _numbers(*values: float) -> bytes:
    return " ".join(f"{v:.4f}".rstrip("0").rstrip(".") for v in values).encode()


def move_annotations(page: pikepdf.Page, matrix: Matrix) -> None:
    """Move the rectangles of ``page``'s annotations by ``matrix``, as its content moved,
    so that links and fields still cover what they covered."""
    import pikepdf

    for annotation in page.obj.get("/Annots", []):
        if not isinstance(annotation, pikepdf.Dictionary) or "/Rect" not in annotation:
            continue
        x0, y0, x1, y1 = (float(v) for v in annotation.Rect)
        corners = [apply(matrix, x, y) for x in (x0, x1) for y in (y0, y1)]
        xs, ys = [p[0] for p in corners], [p[1] for p in corners]
        annotation.Rect = pikepdf.Array([min(xs), min(ys), max(xs), max(ys)])


def fit(
    pdf: pikepdf.Pdf,
    page: pikepdf.Page,
    reserve: float,
    streams: dict[bytes, pikepdf.Object] | None = None,
) -> Matrix:
    """Set ``page`` of ``pdf`` on A4 (see the module's docstring), the bottom ``reserve`` points of the
    A4 page (as seen) left free; the matrix from its former user space to its new one.
    ``streams`` keeps the streams made, by their bytes, for other pages of ``pdf`` to share
    (the pages of one export all move alike: a few bytes for the whole document)."""
    import pikepdf

    old, width, height = frame(page)
    rotate = _rotation(page)
    page_w, page_h = A4 if width <= height else (A4[1], A4[0])
    room = page_h - reserve
    scale = min(1.0, page_w / width, room / height)
    placed: Matrix = (
        scale,
        0,
        0,
        scale,
        (page_w - width * scale) / 2,
        reserve + (room - height * scale) / 2,
    )
    # The new boxes, in the page's unrotated orientation, so that /Rotate still turns it.
    box = (0.0, 0.0, page_h, page_w) if rotate in (90, 270) else (0.0, 0.0, page_w, page_h)
    new, _, _ = _frame(box, rotate)
    matrix = multiply(multiply(inverse(old), placed), new)
    x0, y0, x1, y1 = _visible_box(page)
    clip = _numbers(min(x0, x1), min(y0, y1), abs(x1 - x0), abs(y1 - y0)) + b" re W n\n"
    shared = {} if streams is None else streams

    def stream(data: bytes) -> pikepdf.Object:
        if data not in shared:
            shared[data] = pdf.make_indirect(pikepdf.Stream(pdf, data))
        return shared[data]

    before = stream(b"q " + _numbers(*matrix) + b" cm " + clip)
    after = stream(b"\nQ\n")
    page.obj.Contents = pikepdf.Array([before, *content_streams(page), after])
    move_annotations(page, matrix)
    page.obj.MediaBox = pikepdf.Array(list(box))
    if "/CropBox" in page.obj:  # its own, or its parent's that pikepdf brought down to it
        page.obj.CropBox = pikepdf.Array(list(box))
    for name in _BOXES:
        if name in page.obj:
            del page.obj[name]
    return matrix


def fit_pages(pdf: pikepdf.Pdf, reserve: float) -> dict[int, Matrix]:
    """Set every page of ``pdf`` that is not A4 on A4 (``fit``); by 0-based index of the
    pages set, the matrix that moved each (for the bookmarks that point into them)."""
    streams: dict[bytes, pikepdf.Object] = {}
    return {
        n: fit(pdf, page, reserve, streams)
        for n, page in enumerate(pdf.pages)
        if needs_fitting(page)
    }


def content_streams(page: pikepdf.Page) -> list[pikepdf.Object]:
    """The page's own content streams, in order (``/Contents`` is one stream, an array of
    them, or absent), to wrap or follow with streams of ours without copying theirs."""
    import pikepdf

    contents = page.obj.get("/Contents")
    if contents is None:
        return []
    return list(contents) if isinstance(contents, pikepdf.Array) else [contents]
