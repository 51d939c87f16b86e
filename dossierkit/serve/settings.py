"""What a hosted ``dossierkit serve`` accepts, and how much work it takes on at once.

The per-file limits are verify's own (``dossierkit.limits``: a file's size, pages, pixels,
what a container unpacks to): a dossier checked on the page is read exactly as on the
command line. What a web service adds is a bound on one upload as a whole (its bytes and its
number of files, counted as they arrive), on the time it takes to arrive, and on the uploads
in progress. Each is written to disk before it is checked; a ``.zip`` is unpacked beside
itself (up to ``Limits.max_unpacked_bytes``) before it is deleted; the check's own temporary
files (pages made by LibreOffice, the assembled PDF) are made in the upload's folder too. So
the disk a host needs is about ``max_upload_bytes + limits.max_unpacked_bytes`` (800 MB by
default), plus the assembled PDF, times ``checks_at_once + waiting``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dossierkit.limits import DEFAULT_LIMITS, MB, Limits


@dataclass(frozen=True)
class Settings:
    """How the service runs; the defaults suit a small machine of two cores."""

    limits: Limits = DEFAULT_LIMITS
    # a dossier is a few dozen files of a few MB; a zip of scans stays well under this
    max_upload_bytes: int = 300 * MB
    max_files: int = 500
    # An upload must have arrived within this time (it holds a place in the service from its
    # first byte): 50 MB of scans take about 7 minutes at 1 Mbit/s, an ADSL line's upload.
    receive_seconds: float = 600.0
    # Each check reads its files on every core already (reader processes): two at once keep
    # the cores busy while one of them waits on LibreOffice or Tesseract.
    checks_at_once: int = 2
    # Uploads received and waiting for their turn; beyond, a newcomer is told to come back.
    waiting: int = 8
    # A whole check (reading, OCR, checks; assembling for the PDF) ends within this time.
    check_seconds: float = 900.0
    call_file: Path | None = None
    # Where the private folders of the uploads are made (the system's temporary folder).
    temp_root: Path | None = None
    # How office files become PDF pages in the assembled PDF (assemble's --renderer).
    renderer: str = "auto"
    # The page's language when its address asks for none (``serve --lang``); a visitor
    # switches with the page's link, which names its language.
    lang: str = "fr"

    @property
    def admitted(self) -> int:
        """How many uploads may be in progress at once (received, waiting or checked)."""
        return self.checks_at_once + self.waiting
