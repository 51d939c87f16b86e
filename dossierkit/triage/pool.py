"""Verify many dossiers at once, one worker process per core, each dossier on its own clock.

``concurrent.futures`` cannot stop one task that runs too long, and a worker that dies
breaks its whole pool. Here each worker is a process with its own pair of pipes: a dossier
that exceeds its time has its worker killed (and replaced), a worker that crashes is
replaced, and either becomes a finding on that dossier while the others go on.

Workers are fresh interpreters (``python -m dossierkit.triage.serve``) rather than forks or
``multiprocessing`` children: nothing of the parent (threads, the register's connection)
leaks into them, and they never re-import the caller's main script, which ``spawn`` and
``forkserver`` do (a script without a ``__main__`` guard, or read from standard input,
would break them). Each worker serves several dossiers, so that the reading libraries are
imported once per worker, and is renewed after ``max_tasks`` to give back the memory a
large dossier took.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import struct
import subprocess
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import IO, Any

from dossierkit.call import Call
from dossierkit.checks.intake import VerificationFailed, VerificationTimeout
from dossierkit.triage.model import InboxItem, Outcome
from dossierkit.triage.worker import failed, process

Work = Callable[[InboxItem, Call, str], Outcome]
# A worker asked to stop has this long to exit before it is killed.
_GRACE = 5.0
# A new worker has this long to import dossierkit and say it is ready; a dossier's time
# only starts then, so that a slow start on a busy machine is not the dossier's fault.
STARTUP_TIMEOUT = 120.0
READY = "ready"
_HEADER = struct.Struct("<Q")


def send(stream: IO[bytes], message: object) -> None:
    """Write one message: its length, then its pickle."""
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def _read_exactly(stream: IO[bytes], size: int) -> bytes:
    chunks: list[bytes] = []
    while size:
        chunk = stream.read(size)
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def receive(stream: IO[bytes]) -> Any:
    """Read one message written by ``send``; EOFError when the other side is gone."""
    (size,) = _HEADER.unpack(_read_exactly(stream, _HEADER.size))
    return pickle.loads(_read_exactly(stream, size))


@dataclass
class _Worker:
    process: subprocess.Popen[bytes]
    tasks: IO[bytes]
    results: IO[bytes]
    item: InboxItem | None = None
    started: float = 0.0
    done: int = 0
    ready: bool = False

    def give(self, item: InboxItem) -> None:
        send(self.tasks, item)
        self.item = item
        self.started = time.monotonic()

    def deadline(self, timeout: float | None) -> float:
        """When the current dossier is late: ``timeout`` after it started, or after the
        worker's start-up allowance while it is still importing."""
        if not self.ready:
            return self.started + STARTUP_TIMEOUT
        return self.started + timeout if timeout is not None else float("inf")

    def take(self) -> Outcome | str | None:
        """What the worker sent (its outcome, or READY once started), or None when it died
        without a word."""
        try:
            message: Outcome | str = receive(self.results)
        except (EOFError, OSError, pickle.UnpicklingError):
            return None
        if message == READY:
            self.ready = True
            self.started = time.monotonic()  # the dossier's clock starts now
            return message
        self.done += 1
        self.item = None
        return message

    def death(self) -> tuple[str, str]:
        """Why the worker ended, in French and English."""
        try:
            code = self.process.wait(_GRACE)
        except subprocess.TimeoutExpired:
            return ("processus sans réponse", "unresponsive process")
        if code < 0:
            return (f"processus arrêté par le signal {-code}", f"process killed by signal {-code}")
        return (f"processus terminé (code {code})", f"process ended (code {code})")

    def retire(self) -> None:
        """Close the tasks pipe: the worker returns once its pipe is empty."""
        with contextlib.suppress(OSError):
            self.tasks.close()

    def stop(self) -> None:
        """Wait for a retired worker to exit (killing it after a grace period)."""
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(_GRACE)
        self.kill()

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        for stream in (self.tasks, self.results):
            with contextlib.suppress(OSError):
                stream.close()


def _start(work: Work, call: Call, lang: str) -> _Worker:
    to_worker_read, to_worker_write = os.pipe()
    from_worker_read, from_worker_write = os.pipe()
    # The worker imports what the caller can import (a test's work function, a checkout).
    path = os.pathsep.join(p for p in sys.path if p)
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "dossierkit.triage.serve",
            str(to_worker_read),
            str(from_worker_write),
        ],
        pass_fds=(to_worker_read, from_worker_write),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": path},
    )
    os.close(to_worker_read)
    os.close(from_worker_write)
    tasks = os.fdopen(to_worker_write, "wb")
    # Unbuffered: a buffered reader could read the next message ahead into memory, where
    # ``wait`` (which watches the pipe) would not see it.
    results = os.fdopen(from_worker_read, "rb", buffering=0)
    send(tasks, (work, call, lang))
    return _Worker(worker, tasks, results)


def run_pool(
    items: Iterable[InboxItem],
    *,
    call: Call,
    lang: str = "fr",
    jobs: int | None = None,
    timeout: float | None = None,
    max_tasks: int = 50,
    work: Work = process,
) -> Iterator[Outcome]:
    """Verify ``items`` with ``jobs`` workers (one per core by default) and yield each
    outcome as soon as it is known, in the order they finish. A dossier that takes more
    than ``timeout`` seconds, or whose worker dies, yields a failed outcome."""
    queue = deque(items)
    jobs = max(1, jobs or os.cpu_count() or 1)
    idle: list[_Worker] = []
    busy: list[_Worker] = []
    retiring: list[_Worker] = []

    def refill() -> None:
        while queue and len(busy) < jobs:
            item = queue.popleft()
            worker = idle.pop() if idle else _start(work, call, lang)
            try:
                worker.give(item)
            except OSError:  # the idle worker died meanwhile: a fresh one takes the dossier
                worker.kill()
                worker = _start(work, call, lang)
                worker.give(item)
            busy.append(worker)

    try:
        refill()
        while busy:
            deadline = min(w.deadline(timeout) for w in busy)
            remaining = None if deadline == float("inf") else max(0.0, deadline - time.monotonic())
            # The results pipe is readable when a message or the worker's end arrives.
            ready = set(wait([w.results.fileno() for w in busy], remaining))
            finished: list[Outcome] = []
            for worker in list(busy):
                current = worker.item
                assert current is not None
                if worker.results.fileno() in ready:
                    message = worker.take()
                    if message == READY:
                        continue
                    busy.remove(worker)
                    if not isinstance(message, Outcome):
                        reason, reason_en = worker.death()
                        worker.kill()
                        why = VerificationFailed().finding(reason=reason, reason_en=reason_en)
                        finished.append(failed(current, why, worker.started))
                    elif worker.done >= max_tasks:
                        worker.retire()
                        retiring.append(worker)
                        finished.append(message)
                    else:
                        idle.append(worker)
                        finished.append(message)
                elif time.monotonic() >= worker.deadline(timeout):
                    busy.remove(worker)
                    worker.kill()
                    if worker.ready:
                        why = VerificationTimeout().finding(seconds=f"{timeout:g}")
                    else:
                        why = VerificationFailed().finding(
                            reason="le processus de vérification n'a pas démarré",
                            reason_en="the verification process did not start",
                        )
                    finished.append(failed(current, why, worker.started))
            # Workers get their next dossier before the caller records these outcomes.
            refill()
            yield from finished
    finally:
        for worker in busy:
            worker.kill()
        for worker in idle:
            worker.retire()
        for worker in retiring + idle:
            worker.stop()
