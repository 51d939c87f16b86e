"""Read images (scans, phone photos): one page with no text, to be read by OCR.

Pillow's decompression-bomb guard stays on: an image claiming billions of pixels is refused
before it is decoded.
"""

from __future__ import annotations

from pathlib import Path

from dossierkit.reading.model import Document, Page, ReadError


def read_image(path: Path, doc_type: str) -> Document:
    """Size and frame count; every frame is a scanned page."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            frames = getattr(image, "n_frames", 1)
            width, height = image.size
            dpi = image.info.get("dpi", (72, 72))[0] or 72
            image.verify()
    except Image.DecompressionBombError as exc:
        raise ReadError("too_large", str(exc)) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ReadError("corrupt", str(exc)) from exc
    # Page size in PDF points, so that images and PDF pages compare.
    scale = 72.0 / float(dpi)
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
