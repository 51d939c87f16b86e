"""Hard limits on what dossierkit reads: a stranger's file cannot exhaust the machine.

Each limit has a safe default and a ``verify`` option to change it. A file over a limit is not
read: it gets a finding that names it and the limit, and the rest of the dossier is checked.
"""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What one file may cost to read."""

    max_file_bytes: int = 200 * MB  # a dossier's piece is a few MB; a scan of 100 pages, 50
    max_pdf_pages: int = 2000
    max_image_pixels: int = 180_000_000  # 15 000 × 12 000: a 600 dpi A3 scan fits
    max_unpacked_bytes: int = 500 * MB  # DOCX/XLSX/ODT/ODS/ZIP: what their members unpack to
    max_entries: int = 10_000  # members of a container
    max_ratio: int = 200  # unpacked ÷ packed size of one member: zip bombs go far beyond
    seconds_per_file: float = 120.0  # reading (OCR included) of one file


DEFAULT_LIMITS = Limits()
