"""Read files in worker processes, each under a time limit: a reader that hangs or crashes in
native code (PDF libraries can) costs that one file, never the run.

A few workers (one per core) take files one at a time. The parent waits on their pipes and on
their process handles: an answer is recorded; a worker that dies gives its file a "crashed"
problem; a file that is not read in time gets a "timeout" problem and its worker is killed.
A dead or killed worker is replaced, and the other files go on. Reading in parallel also makes
a dossier of many files faster.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from dossierkit.limits import Limits
from dossierkit.reading.model import Document, ReadError

# Beyond this many files, a worker's start-up is worth it; below, reading stays in process.
_MIN_FILES_FOR_POOL = 2


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


def _worker(connection: Connection) -> None:
    """Read the files the parent sends until it sends None."""
    while True:
        task = connection.recv()
        if task is None:
            return
        index, path, doc_type, limits = task
        outcome = _read(path, doc_type, limits)
        try:
            connection.send((index, outcome))
        except Exception as exc:  # a document that cannot be sent back is a reader's fault
            connection.send((index, Outcome(None, "corrupt", f"{type(exc).__name__}: {exc}")))


@dataclass
class _Slot:
    process: Any
    connection: Connection
    task: int | None = None
    deadline: float = 0.0


def _context() -> Any:
    # fork starts a worker in milliseconds; where it does not exist, spawn is correct too.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _start(context: Any) -> _Slot:
    parent, child = context.Pipe()
    process = context.Process(target=_worker, args=(child,), daemon=True)
    process.start()
    child.close()
    return _Slot(process, parent)


def _stop(slot: _Slot) -> None:
    if slot.process.is_alive():
        slot.process.kill()
    slot.process.join(timeout=5)
    slot.connection.close()


def read_files(
    tasks: Sequence[tuple[Path, str]], limits: Limits, workers: int | None = None
) -> list[Outcome]:
    """Read each (path, type) under ``limits``; results in the order of ``tasks``.

    ``workers`` reader processes (one per core by default); 0 reads in this process, for a
    caller that is itself one of several worker processes (triage) and isolates whole dossiers.
    """
    if workers == 0 or len(tasks) < _MIN_FILES_FOR_POOL:
        return [_read(path, doc_type, limits) for path, doc_type in tasks]
    context = _context()
    count = max(1, min(workers or os.cpu_count() or 1, len(tasks)))
    slots = [_start(context) for _ in range(count)]
    results: list[Outcome | None] = [None] * len(tasks)
    pending = list(range(len(tasks)))
    try:
        while pending or any(slot.task is not None for slot in slots):
            for position, slot in enumerate(slots):
                if slot.task is None and pending:
                    index = pending.pop(0)
                    path, doc_type = tasks[index]
                    try:
                        slot.connection.send((index, path, doc_type, limits))
                    except (BrokenPipeError, OSError):
                        # The worker died after its last answer: replace it, keep the file.
                        pending.insert(0, index)
                        _stop(slot)
                        slots[position] = _start(context)
                        continue
                    slot.task, slot.deadline = index, time.monotonic() + limits.seconds_per_file
            busy = [slot for slot in slots if slot.task is not None]
            timeout = max(0.0, min(slot.deadline for slot in busy) - time.monotonic())
            ready = wait([s.connection for s in busy] + [s.process.sentinel for s in busy], timeout)
            for position, slot in enumerate(slots):
                if slot.task is None:
                    continue
                if slot.connection in ready and slot.connection.poll():
                    try:
                        index, outcome = slot.connection.recv()
                    except (EOFError, OSError):
                        index, outcome = (
                            slot.task,
                            Outcome(None, "crashed", "le lecteur s'est arrêté"),
                        )
                    results[index] = outcome
                    slot.task = None
                elif slot.process.sentinel in ready or not slot.process.is_alive():
                    results[slot.task] = Outcome(
                        None, "crashed", f"code de sortie {slot.process.exitcode}"
                    )
                    _stop(slot)
                    slots[position] = _start(context)
                elif time.monotonic() >= slot.deadline:
                    results[slot.task] = Outcome(
                        None,
                        "timeout",
                        f"lecture interrompue après {limits.seconds_per_file:.0f} s",
                    )
                    _stop(slot)
                    slots[position] = _start(context)
    finally:
        for slot in slots:
            with contextlib.suppress(BrokenPipeError, OSError):
                slot.connection.send(None)
            slot.process.join(timeout=1)
            _stop(slot)
    return [r if r is not None else Outcome(None, "crashed", "") for r in results]
