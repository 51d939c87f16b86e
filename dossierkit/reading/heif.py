"""Photos in HEIF/HEIC, the format an iPhone saves its photos in by default.

An applicant who photographs the RIB or the attestation with an iPhone and copies the file
to a computer (AirDrop, cable, iCloud) has a ``.HEIC``; refusing it would send them to look
for a converter. Pillow opens it once pillow-heif (libheif's decoder, bundled in its wheel)
has registered its opener; the rest of the image path (sizes, EXIF rotation, OCR) is then
the same as for a JPEG.
"""

from __future__ import annotations

import functools


@functools.cache
def open_heif() -> None:
    """Teach Pillow to open HEIF/HEIC images; once per process, before ``Image.open``."""
    import pillow_heif

    pillow_heif.register_heif_opener()
