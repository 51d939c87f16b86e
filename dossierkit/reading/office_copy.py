"""LibreOffice run on a copy of an applicant's file, within the file's reading time.

Two readers need LibreOffice to turn a file into one they can read: the old Office formats
(``legacy``: a .doc or .xls converted to .docx/.xlsx) and workbooks saved without the values
of their formulas (``spreadsheet.recalculated``: opened and saved again). Both work on a copy
in a folder thrown away after, so the input is never touched and LibreOffice's lock files never
land beside it, and both must stop at the deadline of the file's reading (F015), as a reader
that takes too long is.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from dossierkit.external import ProgramTimeout, soffice
from dossierkit.external.scratch import scratch_dir
from dossierkit.reading.model import ReadError


@contextmanager
def converted_copy(
    path: Path, doc_type: str, target: str, deadline: float, margin: float, doing: str
) -> Iterator[Path]:
    """The file LibreOffice writes as ``target`` from a copy of ``path`` (of type
    ``doc_type``), while the block runs; it is gone after. ``doing`` says what LibreOffice
    does, in French, for the messages (« convertir le fichier »). ReadError ``timeout`` when
    less than ``margin`` seconds are left before ``deadline`` (``time.monotonic()``) or when
    LibreOffice does not finish in time; ExternalError when it fails."""
    timeout = deadline - time.monotonic() - margin
    if timeout <= 0:
        raise ReadError("timeout", f"plus de temps pour {doing} avec LibreOffice")
    with scratch_dir("libreoffice") as work:
        copy = Path(work) / "entree" / f"document.{doc_type}"
        copy.parent.mkdir()
        shutil.copyfile(path, copy)
        try:
            converted = soffice.convert(copy, target, Path(work) / "sortie", timeout=timeout)
        except ProgramTimeout as exc:
            raise ReadError(
                "timeout", f"LibreOffice n'a pas fini de {doing} en {timeout:.0f}\u00a0s"
            ) from exc
        yield converted
