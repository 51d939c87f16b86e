"""Read images (scans, phone photos): pages with no text, to be read by OCR.

Pillow's decompression-bomb guard stays on: an image claiming billions of pixels is refused
before it is decoded. The page is sized as it is seen: a phone stores a photo taken upright
sideways, with an EXIF orientation that viewers (and OCR) apply.
"""

from __future__ import annotations

from pathlib import Path

from dossierkit.limits import DEFAULT_LIMITS
from dossierkit.reading.model import Document, Page, ReadError

# EXIF orientations that turn the image by a quarter: its width becomes its height.
_QUARTER_TURNS = frozenset({5, 6, 7, 8})
_EXIF_ORIENTATION = 0x0112
# A resolution below this is a camera's default (72 dpi), not a scanner's: the photo is taken
# to show a sheet of A4 paper, whose long side is 11.69 inches.
_MIN_SCAN_DPI = 100
_A4_LONG_SIDE_INCHES = 11.69
_MIN_DPI = 72.0


def read_image(
    path: Path, doc_type: str, max_pixels: int = DEFAULT_LIMITS.max_image_pixels
) -> Document:
    """Size and frame count; every frame is a scanned page. An image of more than
    ``max_pixels`` pixels is refused from its header, before anything is decoded."""
    from PIL import Image, UnidentifiedImageError

    if doc_type == "heic":
        from dossierkit.reading.heif import open_heif

        open_heif()
    try:
        with Image.open(path) as image:
            if image.size[0] * image.size[1] > max_pixels:
                raise ReadError(
                    "too_large", f"{image.size[0]} × {image.size[1]} pixels (limite {max_pixels})"
                )
        # verify() must come right after opening, and leaves the image unusable.
        with Image.open(path) as image:
            image.verify()
        with Image.open(path) as image:
            frames = getattr(image, "n_frames", 1)
            width, height = image.size
            dpi = float(image.info.get("dpi", (0, 0))[0] or 0)
            orientation = image.getexif().get(_EXIF_ORIENTATION)
    except Image.DecompressionBombError as exc:
        raise ReadError(
            "too_large", f"image de plus de {max_pixels:,} pixels".replace(",", " ")
        ) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ReadError("corrupt", str(exc)) from exc
    if orientation in _QUARTER_TURNS:
        width, height = height, width
    if dpi < _MIN_SCAN_DPI:
        dpi = max(_MIN_DPI, max(width, height) / _A4_LONG_SIDE_INCHES)
    # Page size in PDF points, so that images and PDF pages compare.
    scale = 72.0 / dpi
    pages = tuple(
        Page(
            number=n,
            text="",
            width=width * scale,
            height=height * scale,
            image_boxes=((0.0, 0.0, width * scale, height * scale),),
            scanned=True,
        )
        for n in range(1, frames + 1)
    )
    return Document(type=doc_type, pages=pages, image_count=frames)
