"""Word and Excel 97-2003 files (.doc, .xls), read through LibreOffice.

French administrations and associations still save letters and budgets in these formats, and
the call asks for pieces, not for a format: refusing a complete dossier for its letter's
format would be a false error. When LibreOffice is installed, a copy of the file is converted
to .docx or .xlsx in a private folder thrown away after (``scratch_dir``), with what is left
of the file's reading time, inside the reading worker (its memory limit applies to
LibreOffice too); the copy is read as if the applicant had sent it, and the file itself is
never opened for writing. The report names the original file: only the document changes.

Without LibreOffice, or when it cannot open the file, the problem stays ``legacy_office``
(F005: save it as .docx, .xlsx or PDF), with the reason in its detail. Conversions are not
cached (only OCR pages are, ``ocrcache``): a file costs a few seconds, once per run.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from dossierkit.external import ExternalError, ProgramTimeout, soffice
from dossierkit.external.scratch import scratch_dir
from dossierkit.reading.model import Document, ReadError

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
    timeout = deadline - time.monotonic() - MARGIN
    if timeout <= 0:
        raise ReadError("timeout", "plus de temps pour convertir le fichier avec LibreOffice")
    with scratch_dir("conversion") as work:
        copy = Path(work) / "entree" / f"document.{doc_type}"
        copy.parent.mkdir()
        shutil.copyfile(path, copy)
        try:
            converted = soffice.convert(copy, target, Path(work) / "sortie", timeout=timeout)
        except ProgramTimeout as exc:
            raise ReadError(
                "timeout", f"LibreOffice n'a pas converti le fichier en {timeout:.0f}\u00a0s"
            ) from exc
        except ExternalError as exc:
            raise ReadError(
                "legacy_office", f"LibreOffice ne l'a pas converti\u00a0: {exc.message}"
            ) from exc
        document = read(converted, target)
    return replace(document, notes=(*document.notes, CONVERTED.format(target=f".{target}")))
