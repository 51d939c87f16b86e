"""Reading a dossier's files: fingerprint, read each under the limits, OCR, lay out.

The steps of reading that ``verify`` runs one after the other, each on every file at once so
that the work spreads over the cores: ``read_entries`` (type from the bytes, SHA-256, the
document, each file in a worker process under a time limit), ``with_ocr`` (scanned pages of
every file in one pool of Tesseract processes), and, once classification has said which file
is the budget or the dossier technique, ``with_layout`` (the tables of the pages those pieces
need, under the same isolation and time limit). Inputs are opened read-only.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

from dossierkit.discovery import Entry
from dossierkit.limits import DEFAULT_LIMITS, Limits
from dossierkit.reading.isolation import read_files
from dossierkit.reading.model import Document
from dossierkit.reading.ocr import OcrOptions, ScannedFile, read_scanned_timed
from dossierkit.reading.sniff import sniff, type_from_extension

_CHUNK = 1 << 20


@dataclass(frozen=True)
class ReadFile:
    """One file of the dossier as reading left it: its type told from the bytes, its
    fingerprint, and its document or the problem that prevented reading it."""

    entry: Entry
    sha256: str | None
    type: str
    claimed_type: str | None
    document: Document | None = None
    problem: str | None = None
    detail: str = ""
    # What reading and then OCR took, out of the file's time (the layout gets the rest).
    seconds: float = 0.0

    @property
    def rel(self) -> str:
        """Path relative to the dossier, as shown to people."""
        return self.entry.rel

    @property
    def readable(self) -> bool:
        """True when the file was read into a document."""
        return self.document is not None

    @property
    def pages(self) -> int | None:
        """Pages of a paginated document."""
        return self.document.page_count if self.document else None


_F = TypeVar("_F", bound=ReadFile)


def sha256_file(path: Path) -> str:
    """The SHA-256 of a file, read by chunks (a scan of 100 MB stays out of memory)."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _fingerprint(entry: Entry) -> ReadFile:
    """SHA-256 and the type told from the bytes; the document comes later."""
    claimed = type_from_extension(entry.path)
    try:
        return ReadFile(entry, sha256_file(entry.path), sniff(entry.path), claimed)
    except OSError as exc:
        return ReadFile(entry, None, "unknown", claimed, problem="corrupt", detail=str(exc))


def read_entries(
    entries: Sequence[Entry], limits: Limits = DEFAULT_LIMITS, workers: int | None = None
) -> list[ReadFile]:
    """Fingerprint and read every file, each in a worker process under ``limits`` (``workers``
    as in ``read_files``: None for one per core, 0 to read in this process)."""
    files = [_fingerprint(e) for e in entries]
    todo = [i for i, f in enumerate(files) if f.problem is None]
    outcomes = read_files([(files[i].entry.path, files[i].type) for i in todo], limits, workers)
    for i, outcome in zip(todo, outcomes, strict=True):
        files[i] = replace(
            files[i],
            document=outcome.document,
            problem=outcome.problem,
            detail=outcome.detail,
            seconds=outcome.seconds,
        )
    return files


def with_ocr(files: Sequence[_F], options: OcrOptions) -> list[_F]:
    """The files with their scanned pages read by OCR, before anything reads their text.

    The pages of all files are read in one pool, so that a dossier of one-page scans uses
    every core as well as one long scan does; each file's OCR has what its reading left of
    ``options.limits.seconds_per_file``.
    """
    scanned = [
        (i, f.sha256, f.document)
        for i, f in enumerate(files)
        if f.sha256 is not None and f.document is not None and f.document.scanned_pages
    ]
    result = list(files)
    if not scanned:
        return result
    documents = read_scanned_timed(
        [ScannedFile(files[i].entry.path, sha, document) for i, sha, document in scanned],
        options,
        [files[i].seconds for i, _, _ in scanned],
    )
    for (i, _, _), (document, seconds) in zip(scanned, documents, strict=True):
        result[i] = replace(files[i], document=document, seconds=files[i].seconds + seconds)
    return result


def with_layout(
    files: Sequence[_F], pages: Mapping[int, tuple[int, ...]], limits: Limits, workers: int | None
) -> list[_F]:
    """The files with the layout (tables rebuilt from word positions) of the pages ``pages``
    names by file index. Laying out runs under the same isolation as reading, within what
    reading and OCR left of the file's ``limits.seconds_per_file`` (one deadline for the
    whole reading of a file): a file whose layout hangs or crashes the library keeps the text
    read before, and gets the problem (``timeout``, ``crashed``) that its finding reports."""
    from dossierkit.reading.layout import LayoutFailure, LayoutTask, lay_out_files

    todo = [
        (i, LayoutTask(files[i].entry.path, document, wanted))
        for i, wanted in sorted(pages.items())
        if wanted and (document := files[i].document) is not None
    ]
    result = list(files)
    outcomes = lay_out_files(
        [task for _, task in todo],
        limits,
        workers,
        [limits.seconds_per_file - files[i].seconds for i, _ in todo],
    )
    for (i, task), outcome in zip(todo, outcomes, strict=True):
        if isinstance(outcome, LayoutFailure):
            # The text read before stays; the tables are not read, and the problem says why.
            document = replace(task.document, tables=(), layout_error=outcome.detail)
            result[i] = replace(
                files[i], document=document, problem=outcome.problem, detail=outcome.detail
            )
        else:
            result[i] = replace(files[i], document=outcome)
    return result
