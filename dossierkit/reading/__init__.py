"""Reading: turn any file of a dossier into the one document model.

``read_document`` is the only entry point. It never raises anything but ReadError: every
library failure on a stranger's file becomes a named problem that a check reports. Pages
whose content is an image come out ``scanned``; ``ocr.read_scanned`` then reads them, the
pages of every file of a dossier in one pool of Tesseract processes (``verify`` does so
before anything reads the documents' text).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from dossierkit.limits import DEFAULT_LIMITS, MB, Limits
from dossierkit.reading.containers import check_container
from dossierkit.reading.model import Document, ReadError

IMAGE_TYPES = frozenset({"jpeg", "png", "tiff", "gif", "bmp", "webp", "heic"})
# Types read as they are, and Word and Excel 97-2003 read through LibreOffice (``legacy``);
# every other type is reported as unsupported with how to convert it.
READABLE_TYPES = (
    frozenset({"pdf", "docx", "docm", "xlsx", "xlsm", "odt", "ods", "csv", "txt", "doc", "xls"})
    | IMAGE_TYPES
)
# Types whose failure has a more precise name than "unsupported".
_PROBLEM_BY_TYPE = {
    "empty": "empty",
    "office-encrypted": "encrypted",
    "zip-corrupt": "corrupt",
    "ole": "legacy_office",
    "zip": "archive",
    "7z": "archive",
    "rar": "archive",
}


# Types that are ZIP containers, inspected for zip bombs before a library unpacks them.
CONTAINER_TYPES = frozenset({"docx", "docm", "xlsx", "xlsm", "odt", "ods"})


def _reader(doc_type: str, limits: Limits, deadline: float) -> Callable[[Path], Document]:
    """The reader of ``doc_type``; only its module is imported (python-docx alone took 0.05 to
    0.08 s of processor in each reading process, which mostly reads PDFs). LibreOffice, when
    it converts a legacy file or recalculates a workbook, has until ``deadline``
    (``time.monotonic()``): what is left of the file's time, no more."""
    if doc_type in ("doc", "xls"):
        from dossierkit.reading import legacy

        # The copy LibreOffice makes is a stranger's container like any other: checked too.
        def converted(copy: Path, target: str) -> Document:
            check_container(copy, limits, spans=target == "docx")
            return _reader(target, limits, deadline)(copy)

        return lambda p: legacy.read_legacy(p, doc_type, deadline, converted)
    if doc_type in IMAGE_TYPES:
        from dossierkit.reading import image

        return lambda p: image.read_image(p, doc_type, limits.max_image_pixels)
    if doc_type == "pdf":
        from dossierkit.reading import pdf

        return lambda p: pdf.read_pdf(p, limits.max_pdf_pages)
    if doc_type in ("docx", "docm"):
        from dossierkit.reading import docx

        return lambda p: docx.read_docx(p, doc_type)
    if doc_type in ("xlsx", "xlsm"):
        from dossierkit.reading import spreadsheet

        return lambda p: spreadsheet.read_xlsx(p, doc_type, deadline)
    from dossierkit.reading import csvfile, odf

    readers: dict[str, Callable[[Path], Document]] = {
        "odt": odf.read_odt,
        "ods": lambda p: odf.read_ods(p, deadline),
        "csv": csvfile.read_csv,
        "txt": csvfile.read_txt,
    }
    return readers[doc_type]


def read_document(path: Path, doc_type: str, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read ``path`` as ``doc_type`` (told from its bytes by ``sniff``), within ``limits``."""
    if doc_type not in READABLE_TYPES:
        raise ReadError(_PROBLEM_BY_TYPE.get(doc_type, "unsupported"), doc_type)
    try:
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            raise ReadError(
                "too_large", f"{size // MB} Mo, limite {limits.max_file_bytes // MB} Mo"
            )
        if doc_type in CONTAINER_TYPES:
            check_container(path, limits, spans=doc_type in ("docx", "docm"))
        return _reader(doc_type, limits, time.monotonic() + limits.seconds_per_file)(path)
    except ReadError:
        raise
    except MemoryError as exc:
        raise ReadError(
            "too_large", f"mémoire nécessaire au-delà de {limits.max_memory_bytes // MB} Mo"
        ) from exc
    except Exception as exc:  # a stranger's file may break any library in any way
        raise ReadError("corrupt", f"{type(exc).__name__}: {exc}") from exc


__all__ = ["Document", "ReadError", "read_document"]
