"""Keep the assembled PDF small enough to be sent: files too heavy, and scans recompressed.

Upload platforms and e-mail refuse heavy files: Gmail sends 25 MB at most, most free mail
services 20 or 25 MB; Démarches Simplifiées takes 200 MB per file
(``Champs::PieceJustificativeChamp::FILE_MAX_SIZE``), which a dossier never needs. The
default limit, 20 MB (``--taille-max``), passes through all of them. A scanner set to colour
and 600 dpi, or one that stores its pages uncompressed, easily makes a 60 MB PDF of a few
pages; the rest of a dossier weighs a few hundred kilobytes.

- Every file of the dossier over 10 MB is named, with how to make it lighter.
- When the assembled PDF is over the limit, the images of the pieces' pages are recompressed,
  in two steps, each only if the PDF is still too heavy:

  1. without loss: images stored uncompressed (or poorly) are compressed with Flate at its
     best level, and colour images whose pixels are all grey are stored as grey;
  2. without visible loss: images of 8 bits per component over 300 dpi are brought down to
     300 dpi, and continuous-tone images stored without loss become JPEG of quality 85,
     each kept only if smaller. Black-and-white images are never made JPEG.

Only images drawn on the pieces' pages change: the front pages are vector, and attachments
(a signed original, a converted file's original) are never touched: a signed original must
stay byte for byte what was signed.
"""

from __future__ import annotations

import io
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pikepdf
    from PIL import Image

    from dossierkit.dossier import Dossier

LARGE_FILE = 10_000_000  # bytes: over this, a file is named (10 MB)
DEFAULT_LIMIT_MB = 20.0
_DPI = 300
_QUALITY = 85
_LOSSLESS_FILTERS = frozenset({"", "/FlateDecode", "/LZWDecode", "/RunLengthDecode"})
_COLOUR_SPACES = {"/DeviceGray": "L", "/DeviceRGB": "RGB"}


def megabytes(size: int, lang: str) -> str:
    """``64,0 Mo`` or ``64.0 MB`` (1 MB = 1,000,000 bytes, as platforms count)."""
    if lang == "fr":
        return f"{size / 1e6:.1f}".replace(".", ",") + "\u00a0Mo"
    return f"{size / 1e6:.1f} MB"


def large_files(dossier: Dossier) -> list[tuple[str, int]]:
    """The dossier's files over 10 MB, heaviest first: (path in the dossier, size)."""
    sizes = []
    for f in dossier.files:
        try:
            size = f.entry.path.stat().st_size
        except OSError:
            continue
        if size > LARGE_FILE:
            sizes.append((f.rel, size))
    return sorted(sizes, key=lambda item: (-item[1], item[0]))


@dataclass(frozen=True)
class _Image:
    """An image XObject of a page, and the page's size in inches (to tell its dpi)."""

    stream: pikepdf.Stream
    page_inches: tuple[float, float]


def _images(pdf: pikepdf.Pdf, pages: list[int]) -> list[_Image]:
    """Each image drawn on ``pages`` (0-based), directly or inside a form XObject, once
    even if drawn on several."""
    import pikepdf

    seen: set[tuple[int, int]] = set()
    found = []
    for index in pages:
        page = pdf.pages[index]
        x0, y0, x1, y1 = (float(v) for v in page.mediabox)
        inches = (abs(x1 - x0) / 72, abs(y1 - y0) / 72)
        for stream in page.get_images().values():
            if not isinstance(stream, pikepdf.Stream):
                continue
            if stream.objgen in seen or stream.get("/ImageMask", False):
                continue
            seen.add(stream.objgen)
            found.append(_Image(stream, inches))
    return found


def _filter(stream: pikepdf.Stream) -> str:
    """The stream's filter (``/FlateDecode``), ``""`` for none, joined by ``+`` when chained."""
    import pikepdf

    value = stream.get("/Filter")
    if value is None:
        return ""
    if isinstance(value, pikepdf.Array):
        return "+".join(str(v) for v in value)
    return str(value)


def _gray(data: bytes, size: tuple[int, int]) -> bytes | None:
    """The grey channel of RGB pixels that are all grey, else None."""
    from PIL import Image, ImageChops

    red, green, blue = Image.frombytes("RGB", size, data).split()
    if ImageChops.difference(red, green).getbbox() or ImageChops.difference(red, blue).getbbox():
        return None
    return red.tobytes()


def _lossless(image: _Image) -> bool:
    """Flate at its best level, grey stored as grey; True when the image got smaller."""
    import pikepdf

    stream = image.stream
    if _filter(stream) not in _LOSSLESS_FILTERS or int(stream.get("/BitsPerComponent", 8)) != 8:
        return False
    try:
        data = stream.read_bytes()
    except pikepdf.PdfError:
        return False
    size = (int(stream.Width), int(stream.Height))
    gray = None
    rgb = stream.get("/ColorSpace") == pikepdf.Name.DeviceRGB and "/Decode" not in stream
    if rgb and len(data) == size[0] * size[1] * 3:
        gray = _gray(data, size)
    packed = zlib.compress(gray if gray is not None else data, 9)
    if len(packed) >= len(stream.read_raw_bytes()):
        return False
    stream.write(packed, filter=pikepdf.Name.FlateDecode)
    if "/DecodeParms" in stream:
        del stream["/DecodeParms"]
    if gray is not None:
        stream.ColorSpace = pikepdf.Name.DeviceGray
    return True


def _decoded(stream: pikepdf.Stream) -> Image.Image | None:
    """The image as Pillow reads it, if it is grey or RGB of 8 bits without decode array."""
    import pikepdf

    space = stream.get("/ColorSpace")
    if str(space) not in _COLOUR_SPACES or int(stream.get("/BitsPerComponent", 8)) != 8:
        return None
    if "/Decode" in stream or "/SMask" in stream:
        return None
    try:
        picture = pikepdf.PdfImage(stream).as_pil_image()
    except Exception:  # an image pikepdf cannot decode stays as it is
        return None
    mode = _COLOUR_SPACES[str(space)]
    return picture if picture.mode == mode else None


def _visually_lossless(image: _Image) -> bool:
    """At most 300 dpi, JPEG of quality 85; True when the image got smaller."""
    import pikepdf
    from PIL import Image

    stream = image.stream
    picture = _decoded(stream)
    if picture is None:
        return False
    width, height = picture.size
    # The image is taken to fill the page: its dpi is then the lowest it can be, so that an
    # image drawn smaller is never brought below 300 dpi.
    dpi = max(width / image.page_inches[0], height / image.page_inches[1])
    if dpi > _DPI:
        scale = _DPI / dpi
        size = (max(1, round(width * scale)), max(1, round(height * scale)))
        picture = picture.resize(size, Image.Resampling.LANCZOS)
    elif _filter(stream) == "/DCTDecode":
        return False  # already JPEG at a sensible resolution: a second JPEG only loses
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=_QUALITY, optimize=True)
    data = buffer.getvalue()
    if len(data) >= len(stream.read_raw_bytes()):
        return False
    stream.write(data, filter=pikepdf.Name.DCTDecode)
    stream.Width, stream.Height = picture.size
    if "/DecodeParms" in stream:
        del stream["/DecodeParms"]
    return True


def recompress(pdf: pikepdf.Pdf, pages: list[int], step: str) -> int:
    """Recompress the images of ``pages`` (0-based) ``lossless`` or ``visually_lossless``;
    how many images got smaller."""
    change = _lossless if step == "lossless" else _visually_lossless
    return sum(1 for image in _images(pdf, pages) if change(image))
