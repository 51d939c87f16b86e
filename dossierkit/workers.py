"""Run one function over many tasks in worker processes, each task on its own clock.

Reading a stranger's file can hang or crash native code (PDF libraries can), and so can the
verification of one dossier of an inbox. ``supervise`` runs each task in a worker process and
tells, for each, its value or why there is none: the task outlived its time (its worker is
killed and replaced), its worker died (replaced), or the function raised. The other tasks go
on. Per-file reading (``reading.isolation``) and per-dossier triage (``triage.pool``) both use
it; this module imports nothing else of dossierkit, so that the lowest layer can.

Why not a library: pebble (a process pool with per-task time-outs, crash reporting and an
initializer) was measured against this module on dossierkit's cases (issue 12). It does the
job, with the same throughput on many small files, but it watches its workers from three
threads that poll every 100 ms: every pool costs about 0.1 s more (on each ``verify``, for a
dossier read in 0.02 s), a crash or a time-out is seen up to 0.1 s late, and forking workers
from a process that runs threads is what Python 3.12 warns against. Its workers also share
one channel under a process-shared lock, which its issue #163 shows can stall the pool when a
worker dies holding it. Here:

- each worker has its own pair of pipes; a worker that dies at any moment closes its end,
  the parent reads end-of-file, and only that worker's task is lost;
- the parent waits on all the pipes at once with the nearest deadline as time-out, with no
  thread and no polling tick: an answer, a death or a time-out is seen when it happens;
- a worker exits when its tasks pipe closes, and dies with its parent (Linux kills it,
  asked from its first instant; elsewhere it checks once a second that its parent is
  alive): a parent killed with SIGKILL leaves no worker behind, busy, idle or starting.

Workers start in one of two ways. ``fork`` starts one in about a millisecond with what the
parent has already imported: reading the files of one dossier is on the user's clock.
``exec`` starts a fresh interpreter (``python -m dossierkit.workers``): nothing of the
parent (threads, a database connection) leaks into it, and unlike ``spawn`` and
``forkserver`` it never re-imports the caller's main script (which breaks a script without a
``__main__`` guard, or one read from standard input); long-lived workers (triage) use it.
Both are POSIX-only, as the rest of the isolation is.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import resource
import signal
import struct
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import Any, Generic, Literal, Protocol, TypeVar

T = TypeVar("T")
Start = Literal["fork", "exec"]

# Why a task has no value.
TIMEOUT = "timeout"  # it outlived its time: its worker was killed
CRASHED = "crashed"  # its worker died (a signal, os._exit, the OOM killer)
RAISED = "raised"  # the function raised, or its value could not be sent back
NOT_STARTED = "not_started"  # the worker did not become ready in STARTUP_TIMEOUT

# A new worker has this long to start (import, initializer) and say it is ready; a task's
# time only starts then, so that a slow start on a busy machine is not the task's fault.
STARTUP_TIMEOUT = 120.0
# A worker asked to stop (or whose pipe closed) has this long to exit before it is killed.
_GRACE = 5.0
# How often a worker checks that its parent is still there.
_PARENT_CHECK_SECONDS = 1.0
_READY = "ready"
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
_HEADER = struct.Struct("<Q")


@dataclass(frozen=True)
class Done(Generic[T]):
    """Task ``index`` (its position among the tasks) gave ``value`` in ``seconds``."""

    index: int
    value: T
    seconds: float


@dataclass(frozen=True)
class Failed:
    """Task ``index`` gave no value, and ``why`` (TIMEOUT, CRASHED, RAISED, NOT_STARTED).

    ``error`` and ``message`` are the exception's type and text when it RAISED; ``exitcode``
    is how a CRASHED worker ended (negative: the signal that killed it; None: it closed its
    pipe but would not exit, and was killed)."""

    index: int
    why: str
    seconds: float
    error: str = ""
    message: str = ""
    exitcode: int | None = None


# -- messages: a length, then a pickle, on a raw pipe ---------------------------------------


def _send(fd: int, message: object) -> None:
    # Pickled before anything is written: an object that cannot be pickled leaves the pipe
    # clean, and the worker can send the failure instead.
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(_HEADER.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view) :]


def _read_exactly(fd: int, size: int) -> bytes:
    chunks: list[bytes] = []
    while size:
        chunk = os.read(fd, min(size, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _receive(fd: int) -> Any:
    """One message written by ``_send``; EOFError when the other side is gone. Raw reads,
    never ahead of the message: the next one stays in the pipe, where ``wait`` sees it."""
    (size,) = _HEADER.unpack(_read_exactly(fd, _HEADER.size))
    return pickle.loads(_read_exactly(fd, size))


# -- the worker's side --------------------------------------------------------------------


def _resolve_prctl() -> Callable[..., int] | None:
    """Linux's ``prctl``, found once, in the parent, at import: a child forked from a process
    with threads (an OCR worker) must not import ``ctypes`` or load a library between fork
    and exec, where a lock another thread held at the fork is never released."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        prctl: Callable[..., int] = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    return prctl


_PRCTL = _resolve_prctl()
_SIGKILL = int(signal.SIGKILL)


def die_with_parent() -> bool:
    """Ask Linux to kill this process when the thread that started it ends (its parent
    killed with SIGKILL included); True when it was asked. Run in a child before it does
    anything (``preexec_fn`` of an external program, first line of a worker): it only calls
    the ``prctl`` resolved at import, nothing that imports or allocates a lock."""
    if _PRCTL is None:
        return False
    return _PRCTL(_PR_SET_PDEATHSIG, _SIGKILL, 0, 0, 0) == 0


def _watch_parent(parent: int) -> None:
    """Exit when the parent is gone (SIGKILL leaves it no chance to stop its workers): a
    worker busy on a task that hangs would otherwise never see its pipe close.

    On Linux the kernel does it (``die_with_parent``), with no thread: a forked worker that
    forks again (OCR inside a triage worker) then forks from a single-threaded process. A
    thread that checks once a second is the fallback elsewhere."""
    if die_with_parent():
        if os.getppid() != parent:  # the parent died before the request was made
            os._exit(0)
        return

    def watch() -> None:
        while True:
            time.sleep(_PARENT_CHECK_SECONDS)
            if os.getppid() != parent:
                os._exit(0)

    threading.Thread(target=watch, name="dossierkit-parent-watch", daemon=True).start()


def _serve(
    tasks: int,
    results: int,
    parent: int,
    function: Callable[..., Any],
    initializer: Callable[..., object] | None,
    initargs: tuple[Any, ...],
) -> None:
    """Run the tasks the parent sends until it closes the pipe."""
    # Ctrl-C reaches the whole process group: the parent decides, it stops its workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _watch_parent(parent)
    if initializer is not None:
        initializer(*initargs)
    _send(results, _READY)
    while True:
        try:
            index, args = _receive(tasks)
        except EOFError:
            return
        try:
            answer: tuple[int, bool, Any] = (index, True, function(*args))
        except Exception as exc:  # one task's error is that task's, the worker goes on
            answer = (index, False, (type(exc).__name__, str(exc)))
        try:
            _send(results, answer)
        except OSError:
            return  # the parent is gone
        except Exception as exc:  # a value that cannot be pickled is the function's fault
            _send(results, (index, False, (type(exc).__name__, f"réponse non transmise : {exc}")))


def _serve_forked(
    tasks: int,
    results: int,
    parent: int,
    close: list[int],
    function: Callable[..., Any],
    initializer: Callable[..., object] | None,
    initargs: tuple[Any, ...],
) -> None:
    # A forked child holds copies of the parent's ends of every worker's pipes: closed, so
    # that a pipe reaches end-of-file when the only process on its other side goes away.
    for fd in close:
        with contextlib.suppress(OSError):
            os.close(fd)
    _serve(tasks, results, parent, function, initializer, initargs)


def main(argv: list[str]) -> int:
    """``python -m dossierkit.workers TASKS RESULTS PARENT``: an ``exec`` worker. Its first
    message is the function, the initializer and its arguments, pickled."""
    tasks, results, parent = (int(a) for a in argv[:3])
    if os.getppid() != parent:  # the parent died before the kernel was asked (``_exec``)
        return 0
    try:
        function, initializer, initargs = _receive(tasks)
    except EOFError:
        return 0
    _serve(tasks, results, parent, function, initializer, initargs)
    return 0


# How much of the address space a worker is born with its cap counts as inherited (see
# ``limit_memory``). The processes that fork workers map far less: ``verify`` maps 45 MB when
# it forks its readers, a check of ``serve`` and a triage worker are fresh interpreters of the
# same size (and capped themselves), a pytest worker grows to several hundred megabytes
# after hundreds of tests (``tests/test_no_state_leak.py`` grows one to 1.1 GB).
INHERITED_CEILING = 2048 * 1024 * 1024


def limit_memory(max_bytes: int) -> None:
    """An initializer: the worker may map ``max_bytes`` more than it was born with, up to
    ``INHERITED_CEILING`` of its birth counted, so that a task that would exhaust the
    machine raises MemoryError (reported as RAISED) instead.

    The cap is on the whole address space (RLIMIT_AS), and a forked worker is born with its
    parent's. A cap of ``max_bytes`` in all left a reader forked from a large process (a
    long-lived server, layout workers forked once every document is read, a pytest worker
    after hundreds of tests: 540 MB after the first 40 test files) only what remained, and a
    file that a fresh run reads failed there: the import of the signature validation (50 MB)
    turned into a false « modifié après sa signature » (G003), a table page left unlaid into
    a false T001. Counting what is inherited gives every worker ``max_bytes`` for its task.

    Counting all of it would give a task more than ``max_bytes``, the more so the more its
    parent grew: what the parent had mapped and freed (malloc's free chunks) the worker reuses
    without mapping anything. Counted up to the ceiling, a task takes at most ``max_bytes``
    plus what of the ceiling its parent does not use (``tests/test_worker_memory_cap.py``).
    A parent grown past the ceiling leaves its workers less than ``max_bytes`` to map, and
    one past ``INHERITED_CEILING + max_bytes`` nothing but what it freed: one that grows so
    large should start them afresh (``start="exec"``).

    The cap is inherited by the programs the worker runs (Tesseract, LibreOffice), each of
    which gets its own, larger by what the worker was born with. Only the soft limit is set
    (below a hard limit already lower): a worker could raise it again, but the code it runs
    is ours, and a test or a nested pool may lower it further."""
    cap = min(_mapped_bytes(), INHERITED_CEILING) + max_bytes
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def _mapped_bytes() -> int:
    """The address space this process has mapped (``VmSize``); 0 where ``/proc`` is not."""
    try:
        with open("/proc/self/status", "rb") as status:
            for line in status:
                if line.startswith(b"VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


# -- the parent's side --------------------------------------------------------------------


class _Process(Protocol):
    """What the parent needs of a worker process, however it was started."""

    def exitcode(self, wait_seconds: float) -> int | None: ...

    def kill(self) -> None: ...


class _Forked:
    def __init__(self, process: Any) -> None:
        self.process = process

    def exitcode(self, wait_seconds: float) -> int | None:
        self.process.join(wait_seconds)
        code: int | None = self.process.exitcode
        return code

    def kill(self) -> None:
        if self.process.exitcode is None:
            self.process.kill()
        self.process.join()


class _Executed:
    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self.process = process

    def exitcode(self, wait_seconds: float) -> int | None:
        with contextlib.suppress(subprocess.TimeoutExpired):
            return self.process.wait(wait_seconds)
        return None

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


@dataclass
class _Worker:
    process: _Process
    tasks: int  # the parent's ends of the two pipes
    results: int
    # The parent's pipe ends of every live worker, which a forked worker must close; an end
    # leaves the set when it is closed, before its number can be reused.
    open: set[int]
    index: int | None = None
    started: float = 0.0
    ready: bool = False
    done: int = 0
    timeout: float | None = None  # the current task's

    def give(self, index: int, args: tuple[Any, ...], timeout: float | None) -> None:
        _send(self.tasks, (index, args))
        self.index = index
        self.started = time.monotonic()
        self.timeout = timeout

    def deadline(self) -> float:
        """When the current task is late: its timeout after it started, or the start-up
        allowance after it was given while the worker is still starting."""
        if not self.ready:
            return self.started + STARTUP_TIMEOUT
        return self.started + self.timeout if self.timeout is not None else float("inf")

    def take(self) -> Done[Any] | Failed | None:
        """What the worker sent about its task (None when it only said it is ready), or a
        CRASHED failure when it died without a word."""
        assert self.index is not None
        try:
            message = _receive(self.results)
        except (EOFError, OSError, pickle.UnpicklingError, struct.error):
            seconds = time.monotonic() - self.started
            code = self.process.exitcode(_GRACE)
            self.kill()
            return Failed(self.index, CRASHED, seconds, exitcode=code)
        if message == _READY:
            self.ready = True
            self.started = time.monotonic()  # the task's clock starts now
            return None
        index, ok, value = message
        seconds = time.monotonic() - self.started
        self.done += 1
        self.index = None
        if ok:
            return Done(index, value, seconds)
        error, text = value
        return Failed(index, RAISED, seconds, error=error, message=text)

    def retire(self) -> None:
        """Close the tasks pipe: the worker returns once it has read it to the end."""
        self._close(self.tasks)

    def stop(self) -> None:
        """Wait for a retired worker to exit, killing it after a grace period."""
        self.process.exitcode(_GRACE)
        self.kill()

    def kill(self) -> None:
        self.process.kill()
        self._close(self.tasks)
        self._close(self.results)

    def _close(self, fd: int) -> None:
        if fd in self.open:
            self.open.discard(fd)
            os.close(fd)


class _Launcher:
    """Starts workers of one kind for one function, and knows the parent's pipe ends that a
    forked worker must close."""

    def __init__(
        self,
        function: Callable[..., Any],
        start: Start,
        initializer: Callable[..., object] | None,
        initargs: tuple[Any, ...],
    ) -> None:
        if start == "fork" and "fork" not in multiprocessing.get_all_start_methods():
            start = "exec"
        self.function, self.start, self.initializer, self.initargs = (
            function,
            start,
            initializer,
            initargs,
        )
        self.open: set[int] = set()

    def __call__(self) -> _Worker:
        to_worker_read, to_worker_write = os.pipe()
        from_worker_read, from_worker_write = os.pipe()
        ours = (to_worker_write, from_worker_read)
        process: _Process
        try:
            if self.start == "fork":
                process = self._fork(to_worker_read, from_worker_write, [*self.open, *ours])
            else:
                process = self._exec(to_worker_read, from_worker_write)
        except BaseException:
            for fd in (*ours, to_worker_read, from_worker_write):
                os.close(fd)
            raise
        os.close(to_worker_read)
        os.close(from_worker_write)
        self.open.update(ours)
        worker = _Worker(process, *ours, open=self.open)
        if self.start == "exec":
            # If it died at once, its first task is reported CRASHED.
            with contextlib.suppress(OSError):
                _send(worker.tasks, (self.function, self.initializer, self.initargs))
        return worker

    def _fork(self, tasks: int, results: int, close: list[int]) -> _Process:
        context = multiprocessing.get_context("fork")
        process = context.Process(
            target=_serve_forked,
            args=(tasks, results, os.getpid(), close, self.function, self.initializer),
            kwargs={"initargs": self.initargs},
            name="dossierkit-worker",
            daemon=True,
        )
        process.start()
        return _Forked(process)

    def _exec(self, tasks: int, results: int) -> _Process:
        # The worker imports what the caller can import (a test's function, a checkout).
        path = os.pathsep.join(p for p in sys.path if p)
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "dossierkit.workers",
                str(tasks),
                str(results),
                str(os.getpid()),
            ],
            pass_fds=(tasks, results),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "PYTHONPATH": path},
            # Asked before ``exec``, not once the worker has imported what it runs: a parent
            # killed while its workers start (seconds on a busy machine) leaves none of them
            # importing on for seconds as an orphan.
            preexec_fn=die_with_parent if _PRCTL is not None else None,
        )
        return _Executed(process)


def _in_process(
    function: Callable[..., T], tasks: Iterable[tuple[Any, ...]]
) -> Iterator[Done[T] | Failed]:
    for index, args in enumerate(tasks):
        started = time.monotonic()
        try:
            value = function(*args)
        except Exception as exc:  # as a worker would report it
            seconds = time.monotonic() - started
            yield Failed(index, RAISED, seconds, error=type(exc).__name__, message=str(exc))
        else:
            yield Done(index, value, time.monotonic() - started)


def supervise(
    function: Callable[..., T],
    tasks: Iterable[tuple[Any, ...]],
    *,
    workers: int | None = None,
    timeout: float | None = None,
    max_tasks: int = 0,
    start: Start = "fork",
    initializer: Callable[..., object] | None = None,
    initargs: tuple[Any, ...] = (),
    timeouts: Sequence[float | None] | None = None,
) -> Generator[Done[T] | Failed, None, None]:
    """Call ``function(*args)`` for each ``args`` of ``tasks`` in ``workers`` processes (one
    per core by default) and yield each result as soon as it is known, in the order tasks
    finish; ``index`` says which task it is.

    A task that runs more than ``timeout`` seconds (None: no limit) has its worker killed;
    a worker that dies, or has done ``max_tasks`` tasks (0: no limit; renewing a worker gives
    back the memory a large task took), is replaced. ``initializer(*initargs)`` runs in each
    new worker (resource limits, for instance). ``workers=0`` runs every task in this
    process, without time limit or isolation, for a caller that is itself a worker.
    ``timeouts``, when given, holds each task's own time (what is left of a file's budget),
    in place of ``timeout``.
    """
    if workers == 0:
        yield from _in_process(function, tasks)
        return
    queue = deque(enumerate(tasks))
    if not queue:
        return
    count = max(1, min(workers or os.cpu_count() or 1, len(queue)))
    launch = _Launcher(function, start, initializer, initargs)
    idle: list[_Worker] = []
    busy: list[_Worker] = []
    retiring: list[_Worker] = []

    def refill() -> None:
        while queue and len(busy) < count:
            index, args = queue.popleft()
            seconds = timeouts[index] if timeouts is not None else timeout
            worker = idle.pop() if idle else launch()
            try:
                worker.give(index, args, seconds)
            except OSError:  # the idle worker died meanwhile: a fresh one takes the task
                worker.kill()
                worker = launch()
                worker.give(index, args, seconds)
            busy.append(worker)

    try:
        refill()
        while busy:
            deadline = min(w.deadline() for w in busy)
            remaining = None if deadline == float("inf") else max(0.0, deadline - time.monotonic())
            # A results pipe is readable when a message, or the worker's end, arrives.
            ready = set(wait([w.results for w in busy], remaining))
            finished: list[Done[T] | Failed] = []
            for worker in list(busy):
                if worker.results in ready:
                    result = worker.take()
                    if result is None:
                        continue
                    busy.remove(worker)
                    if isinstance(result, Failed) and result.why == CRASHED:
                        pass  # take() has stopped it; a new worker takes the next task
                    elif max_tasks and worker.done >= max_tasks:
                        worker.retire()
                        retiring.append(worker)
                    else:
                        idle.append(worker)
                    finished.append(result)
                elif time.monotonic() >= worker.deadline():
                    assert worker.index is not None
                    busy.remove(worker)
                    seconds = time.monotonic() - worker.started
                    why = TIMEOUT if worker.ready else NOT_STARTED
                    finished.append(Failed(worker.index, why, seconds))
                    worker.kill()
            # Workers get their next task before the caller handles these results.
            refill()
            yield from finished
    finally:
        for worker in busy:
            worker.kill()
        for worker in idle:
            worker.retire()
        for worker in retiring + idle:
            worker.stop()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
