"""Read files in worker processes, each under a time limit: a reader that hangs or crashes in
native code (PDF libraries can) costs that one file, never the run.

A few workers (one per core) take files one at a time (``dossierkit.workers``, forked so
that they start in a millisecond with the readers already imported). A file that is not read
in time gets a "timeout" problem and its worker is killed; a worker that dies gives its file
a "crashed" problem. Either worker is replaced and the other files go on. Reading in
parallel also makes a dossier of many files faster.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from dossierkit.limits import Limits
from dossierkit.reading.model import Document, ReadError
from dossierkit.workers import RAISED, TIMEOUT, Done, Failed, supervise


@dataclass(frozen=True)
class Outcome:
    """What reading one file gave: a document, or the problem that prevented it."""

    document: Document | None
    problem: str | None = None
    detail: str = ""


def _read(path: Path, doc_type: str, limits: Limits) -> Outcome:
    from dossierkit.reading import read_document

    try:
        return Outcome(read_document(path, doc_type, limits))
    except ReadError as exc:
        return Outcome(None, exc.problem, exc.detail)


def _start(
    tasks: Sequence[tuple[Path, str, Limits]], limits: Limits, workers: int | None
) -> Iterator[Done[Outcome] | Failed]:
    """The reader processes at work on ``tasks``."""
    # ``_read`` as it is now: a test may have replaced it, and forked workers see that.
    return supervise(_read, tasks, workers=workers, timeout=limits.seconds_per_file)


def _outcome(result: Done[Outcome] | Failed, limits: Limits) -> Outcome:
    if isinstance(result, Done):
        return result.value
    if result.why == TIMEOUT:
        return Outcome(
            None, "timeout", f"lecture interrompue après {limits.seconds_per_file:.0f} s"
        )
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
        return [_read(path, doc_type, limits) for path, doc_type in tasks]
    results: list[Outcome | None] = [None] * len(tasks)
    for result in _start([(p, t, limits) for p, t in tasks], limits, workers):
        results[result.index] = _outcome(result, limits)
    return [r if r is not None else Outcome(None, "crashed", "") for r in results]
