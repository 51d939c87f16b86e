"""The layout of chosen pages: their tables rebuilt from word positions and ruled cells.

Text by page (``pdf.py``) loses the columns a budget depends on, and laying a page out is
about 70 times slower than reading its text, so it is done only for the pages a piece asks
for (``pieces.layout_pages``), after classification. It is still reading: it runs under the
same isolation as the first reading of the file, within what reading and OCR left of the
file's time, so a PDF that hangs or crashes pdfplumber costs that file a finding (F015,
F016), never the run, and no file takes more than ``--timeout`` in all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from dossierkit.limits import MB, Limits
from dossierkit.reading.model import Document, ReadError
from dossierkit.workers import RAISED, TIMEOUT, Done, Failed, limit_memory, supervise


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
    """Why laying out a file's pages did not end: ``timeout``, ``too_large`` or ``crashed``,
    as reading's problems, with the detail a person reads."""

    problem: str
    detail: str


def lay_out_files(
    tasks: Sequence[LayoutTask],
    limits: Limits,
    workers: int | None = None,
    budgets: Sequence[float] | None = None,
) -> list[Document | LayoutFailure]:
    """Lay out each task in a worker process (``workers`` as for reading: None for one per
    core, 0 in this process) within its budget: ``budgets``, what reading and OCR left of
    each file's time, or else ``limits.seconds_per_file``; results in the order of
    ``tasks``. Even one task runs in a worker: the time limit is the point. A file with no
    time left is not laid out."""
    seconds = list(budgets) if budgets is not None else [limits.seconds_per_file] * len(tasks)
    results: list[Document | LayoutFailure] = [
        LayoutFailure("crashed", "lecture des tableaux arrêtée")
    ] * len(tasks)
    todo = []
    for index, budget in enumerate(seconds):
        if budget > 0:
            todo.append(index)
        else:
            results[index] = _spent(limits)
    for result in supervise(
        lay_out,
        [(tasks[index],) for index in todo],
        workers=workers,
        timeouts=[seconds[index] for index in todo],
        initializer=limit_memory,
        initargs=(limits.max_memory_bytes,),
    ):
        results[todo[result.index]] = _result(result, limits)
    return results


def _spent(limits: Limits) -> LayoutFailure:
    return LayoutFailure(
        "timeout",
        f"lecture des tableaux interrompue\u00a0: les {limits.seconds_per_file:.0f}\u00a0s "
        "de lecture du fichier sont écoulées",
    )


def _result(result: Done[Document] | Failed, limits: Limits) -> Document | LayoutFailure:
    if isinstance(result, Done):
        return result.value
    if result.why == TIMEOUT:
        return _spent(limits)
    if result.why == RAISED and result.error == "MemoryError":
        # The worker's address space is capped (``limit_memory``): a page too large to lay
        # out within it is the file's size, which F007 tells how to reduce, not a crash.
        return LayoutFailure(
            "too_large",
            f"lecture des tableaux\u00a0: mémoire nécessaire au-delà de "
            f"{limits.max_memory_bytes // MB}\u00a0Mo",
        )
    return LayoutFailure("crashed", "le lecteur des tableaux s'est arrêté brutalement")
