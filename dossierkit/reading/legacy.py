"""Word and Excel 97-2003 files (.doc, .xls), read through LibreOffice.

French administrations and associations still save letters and budgets in these formats, and
the call asks for pieces, not for a format: refusing a complete dossier for its letter's
format would be a false error. When LibreOffice is installed, a copy of the file is converted
to .docx or .xlsx in a private folder thrown away after (``scratch_dir``), with what is left
of the file's reading time, inside the reading worker (its memory limit applies to
LibreOffice too); the copy is read as if the applicant had sent it, and the file itself is
never opened for writing. The report names the original file: only the document changes.

Without LibreOffice, or when it cannot open the file, the problem stays ``legacy_office``
(F005: save it as .docx, .xlsx or PDF), with the reason in its detail.

A conversion takes LibreOffice a few seconds, and a dossier is checked again and again while it
is prepared: the converted copy is cached as OCR pages are (``ocrcache``), in the same folder,
named after the original's SHA-256 and the LibreOffice installed (its program file's size and
date), so that a changed file or another LibreOffice converts again, and nothing else does.
Files are the user's only (0600, folders 0700: an applicant's letter), written under a
temporary name and renamed; a cache that cannot be read or written only costs a conversion.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from dossierkit.external import ExternalError, soffice
from dossierkit.external.scratch import alive
from dossierkit.reading.model import Document, ReadError
from dossierkit.reading.office_copy import converted_copy
from dossierkit.resources import cache_folder

# The legacy type → the type LibreOffice converts it to, which a reader takes.
LEGACY_TYPES = {"doc": "docx", "xls": "xlsx"}
# The document's note: what was read is LibreOffice's copy.
CONVERTED = (
    "converti par LibreOffice au format {target} pour être lu (le fichier n'a pas été modifié)"
)
# The OLE2 container of every Office 97-2003 file: its signature, and its least size (the
# header, one sector of its allocation table and one of its directory, 512 bytes each). A
# shorter file is truncated: LibreOffice is not started for it.
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OLE_MIN_BYTES = 3 * 512
# LibreOffice is stopped this long before the reader's worker would be killed for its time.
MARGIN = 1.0
# In the cache's key: change it whenever the way files are converted changes.
PIPELINE = "dossierkit-conversion-1"
# A temporary file of the cache is written in milliseconds: one this old was left by a killed run.
STALE_SECONDS = 300


class ConversionCache:
    """Converted copies, by the original's content, the target type and LibreOffice."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder / "conversions"
        binary = soffice.binary() or ""
        try:
            info = os.stat(binary)
            installed = f"{binary}|{info.st_size}|{info.st_mtime_ns}"
        except OSError:
            installed = binary
        self.engine = hashlib.sha256(f"{PIPELINE}|{installed}".encode()).hexdigest()[:16]

    def path(self, sha256: str, target: str) -> Path:
        """Where the copy of the file whose content is ``sha256``, as ``target``, is kept."""
        return self.folder / sha256[:2] / f"{sha256}-{self.engine}.{target}"

    def put(self, sha256: str, target: str, converted: Path) -> None:
        """Keep ``converted``; skipped when the cache cannot be written."""
        final = self.path(sha256, target)
        written: Path | None = None
        try:
            self.folder.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            for folder in (self.folder, self.folder / "tmp", final.parent):
                folder.mkdir(mode=0o700, exist_ok=True)
            self._remove_stale()
            handle, name = tempfile.mkstemp(
                prefix=f"{os.getpid()}-", suffix=".tmp", dir=self.folder / "tmp"
            )
            written = Path(name)
            with os.fdopen(handle, "wb") as out, converted.open("rb") as source:
                shutil.copyfileobj(source, out)
            os.replace(written, final)
        except OSError:
            if written is not None:
                with contextlib.suppress(OSError):
                    written.unlink(missing_ok=True)

    def _remove_stale(self) -> None:
        """Remove the temporary files of runs killed while writing (their process gone, or
        older than any writing takes)."""
        for entry in os.scandir(self.folder / "tmp"):
            pid = entry.name.split("-", 1)[0]
            with contextlib.suppress(OSError):
                old = time.time() - entry.stat(follow_symlinks=False).st_mtime > STALE_SECONDS
                mine = pid.isdigit() and (int(pid) == os.getpid() or alive(int(pid)))
                if entry.name.endswith(".tmp") and (old or not mine):
                    os.unlink(entry.path)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _whole_container(path: Path) -> bool:
    with path.open("rb") as fh:
        head = fh.read(len(_OLE_MAGIC))
    return head == _OLE_MAGIC and path.stat().st_size >= _OLE_MIN_BYTES


def read_legacy(
    path: Path, doc_type: str, deadline: float, read: Callable[[Path, str], Document]
) -> Document:
    """The document of the legacy file at ``path`` (``doc`` or ``xls``): ``read`` of its
    copy converted by LibreOffice, before ``deadline`` (``time.monotonic()``). ReadError
    ``legacy_office`` when LibreOffice is missing or cannot convert it, ``timeout`` when it
    does not finish in time."""
    target = LEGACY_TYPES[doc_type]
    if not _whole_container(path):
        raise ReadError(
            "legacy_office", "fichier incomplet\u00a0: ce n'est pas un document Office entier"
        )
    if not soffice.available():
        raise ReadError("legacy_office", soffice.LIBREOFFICE.advice())
    cache = ConversionCache(cache_folder())
    sha256 = _sha256(path)
    note = CONVERTED.format(target=f".{target}")
    cached = cache.path(sha256, target)
    if cached.is_file():
        document = read(cached, target)
        return replace(document, notes=(*document.notes, note))
    try:
        with converted_copy(
            path, doc_type, target, deadline, MARGIN, "convertir le fichier"
        ) as converted:
            document = read(converted, target)
            # Kept once read: a copy its reader refused is converted again next time.
            cache.put(sha256, target, converted)
    except ExternalError as exc:
        raise ReadError(
            "legacy_office", f"LibreOffice ne l'a pas converti\u00a0: {exc.message}"
        ) from exc
    return replace(document, notes=(*document.notes, note))
