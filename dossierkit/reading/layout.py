"""The layout of chosen pages: their tables rebuilt from word positions and ruled cells.

Text by page (``pdf.py``) loses the columns a budget depends on, and laying a page out is
about 70 times slower than reading its text, so it is done only for the pages a piece asks
for (``pieces.layout_pages``), after classification. It is still reading: it runs under the
same isolation and time limit as the first reading of the file, so a PDF that hangs or crashes
pdfplumber costs that file a finding (F015, F016), never the run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from dossierkit.limits import Limits
from dossierkit.reading.model import Document, ReadError
from dossierkit.workers import TIMEOUT, Done, Failed, limit_memory, supervise


@dataclass(frozen=True)
class LayoutTask:
    """One file whose pages ``pages`` are to be laid out; ``document`` is its first reading
    (with the words OCR read on scanned pages, which stand for their missing text layer)."""

    path: Path
    document: Document
    pages: tuple[int, ...]


def lay_out(task: LayoutTask) -> Document:
    """The document with the grids of the task's pages as its tables (one per page, a page
    printed beside another put back beside it), or with ``layout_error`` set when the file's
    layout cannot be read."""
    from dossierkit.reading.pdftables import ocr_tables, read_tables

    document = task.document
    wanted = set(task.pages)
    try:
        if document.type == "pdf":
            ocr = {p.number: p for p in document.pages if p.words and p.number in wanted}
            tables = read_tables(task.path, wanted, ocr)
        else:  # an image read by OCR: its words are all there is
            tables = ocr_tables([p for p in document.pages if p.number in wanted])
    except ReadError as exc:
        return replace(document, tables=(), layout_error=exc.detail or exc.problem)
    return replace(document, tables=tables)


@dataclass(frozen=True)
class LayoutFailure:
    """Why laying out a file's pages did not end: ``timeout`` or ``crashed``, as reading's
    problems, with the detail a person reads."""

    problem: str
    detail: str


def lay_out_files(
    tasks: Sequence[LayoutTask], limits: Limits, workers: int | None = None
) -> list[Document | LayoutFailure]:
    """Lay out each task in a worker process under ``limits.seconds_per_file`` (``workers``
    as for reading: None for one per core, 0 in this process); results in the order of
    ``tasks``. Even one task runs in a worker: the time limit is the point."""
    results: list[Document | LayoutFailure] = [
        LayoutFailure("crashed", "lecture des tableaux arrêtée")
    ] * len(tasks)
    for result in supervise(
        lay_out,
        [(task,) for task in tasks],
        workers=workers,
        timeout=limits.seconds_per_file,
        initializer=limit_memory,
        initargs=(limits.max_memory_bytes,),
    ):
        results[result.index] = _result(result, limits)
    return results


def _result(result: Done[Document] | Failed, limits: Limits) -> Document | LayoutFailure:
    if isinstance(result, Done):
        return result.value
    if result.why == TIMEOUT:
        return LayoutFailure(
            "timeout",
            f"lecture des tableaux interrompue après {limits.seconds_per_file:.0f} s",
        )
    return LayoutFailure("crashed", "le lecteur des tableaux s'est arrêté brutalement")
