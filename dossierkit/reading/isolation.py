"""Read files in worker processes, each under a time limit: a reader that hangs or crashes in
native code (PDF libraries can) costs that one file, never the run.

A few workers (one per core) take files one at a time (``dossierkit.workers``, forked so
that they start in a millisecond with the readers already imported), each with its address
space capped (``Limits.max_memory_bytes``): a file that would take more memory is refused
("too_large"), not the machine's problem. A file that is not read in time gets a "timeout"
problem and its worker is killed; a worker that dies gives its file a "crashed" problem. Either worker is replaced and the other files go on. Reading in
parallel also makes a dossier of many files faster.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from dossierkit.limits import MB, Limits
from dossierkit.reading.model import Document, ReadError
from dossierkit.workers import RAISED, TIMEOUT, Done, Failed, limit_memory, supervise


@dataclass(frozen=True)
class Outcome:
    """What reading one file gave: a document, or the problem that prevented it."""

    document: Document | None
    problem: str | None = None
    detail: str = ""
    seconds: float = 0.0  # what reading took, out of the file's time


def _read(path: Path, doc_type: str, limits: Limits) -> Outcome:
    from dossierkit.reading import read_document

    try:
        return Outcome(read_document(path, doc_type, limits))
    except ReadError as exc:
        return Outcome(None, exc.problem, exc.detail)


def _timed(path: Path, doc_type: str, limits: Limits) -> Outcome:
    started = time.monotonic()
    outcome = _read(path, doc_type, limits)
    return replace(outcome, seconds=time.monotonic() - started)


def _memory_detail(limits: Limits) -> str:
    return f"mémoire nécessaire au-delà de {limits.max_memory_bytes // MB} Mo"


def _start(
    tasks: Sequence[tuple[Path, str, Limits]], limits: Limits, workers: int | None
) -> Iterator[Done[Outcome] | Failed]:
    """The reader processes at work on ``tasks``."""
    # ``_read`` as it is now: a test may have replaced it, and forked workers see that.
    return supervise(
        _read,
        tasks,
        workers=workers,
        timeout=limits.seconds_per_file,
        initializer=limit_memory,
        initargs=(limits.max_memory_bytes,),
    )


def _outcome(result: Done[Outcome] | Failed, limits: Limits) -> Outcome:
    if isinstance(result, Done):
        return replace(result.value, seconds=result.seconds)
    if result.why == TIMEOUT:
        return Outcome(
            None, "timeout", f"lecture interrompue après {limits.seconds_per_file:.0f} s"
        )
    if result.why == RAISED and result.error == "MemoryError":  # a document too large to send
        return Outcome(None, "too_large", _memory_detail(limits))
    if result.why == RAISED:  # read_document turns a reader's errors into problems: this is
        # a document that could not be sent back, the reader's fault all the same
        return Outcome(None, "corrupt", f"{result.error}: {result.message}")
    return Outcome(None, "crashed", f"code de sortie {result.exitcode}")


def read_files(
    tasks: Sequence[tuple[Path, str]], limits: Limits, workers: int | None = None
) -> list[Outcome]:
    """Read each (path, type) under ``limits``; results in the order of ``tasks``.

    ``workers`` reader processes (one per core by default); 0 reads in this process, for a
    caller that is itself one of several worker processes (triage) and isolates whole dossiers.
    """
    # Even one file is read in a worker: the time limit and the crash isolation are the point.
    if workers == 0:
        return [_timed(path, doc_type, limits) for path, doc_type in tasks]
    results: list[Outcome | None] = [None] * len(tasks)
    for result in _start([(p, t, limits) for p, t in tasks], limits, workers):
        results[result.index] = _outcome(result, limits)
    return [r if r is not None else Outcome(None, "crashed", "") for r in results]
