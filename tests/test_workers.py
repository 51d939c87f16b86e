"""The worker supervisor (``dossierkit.workers``): each task on its own clock, a crash or a
time-out costs only its task, results carry their task's index, no worker outlives its parent.
"""

from __future__ import annotations

import ctypes
import faulthandler
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

import dossierkit.workers as workers
from dossierkit.workers import (
    CRASHED,
    NOT_STARTED,
    RAISED,
    TIMEOUT,
    Done,
    Failed,
    limit_memory,
    supervise,
)

ROOT = Path(__file__).resolve().parent.parent


def behave(kind: str) -> str | int:
    """A task for these tests: ``kind`` says how it ends."""
    if kind == "hang":
        time.sleep(60)
    elif kind == "exit":
        os._exit(3)
    elif kind == "segfault":
        faulthandler.disable()  # pytest's, inherited by a fork: no stack dump in the output
        ctypes.string_at(0)  # what a bug in a PDF library's native code does
    elif kind == "raise":
        raise ValueError("mauvais fichier")
    elif kind == "memory":
        return len(bytearray(2 * 2**30))  # 2 GiB under a 1 GiB limit
    elif kind == "pid":
        return os.getpid()
    elif kind == "unpicklable":
        return threading.Lock()  # type: ignore[return-value]
    elif kind == "dies-while-answering":
        # Killed (as by the OOM killer) while it writes a large answer to its pipe.
        answer = "x" * (300 * 2**20)
        threading.Timer(0.05, os.kill, (os.getpid(), signal.SIGKILL)).start()
        return answer
    return kind


def run(kinds: list[str], **options: object) -> dict[int, Done[str | int] | Failed]:
    results = supervise(behave, [(k,) for k in kinds], **options)  # type: ignore[arg-type]
    return {r.index: r for r in results}


def whys(results: dict[int, Done[str | int] | Failed]) -> list[str]:
    return [r.why if isinstance(r, Failed) else "done" for _, r in sorted(results.items())]


@pytest.mark.parametrize("start", ["fork", "exec"])
def test_each_result_says_which_task_it_is(start: str) -> None:
    kinds = [f"t{n}" for n in range(20)]
    results = run(kinds, workers=2, timeout=30, start=start)
    assert [r.value for _, r in sorted(results.items()) if isinstance(r, Done)] == kinds


@pytest.mark.parametrize("start", ["fork", "exec"])
def test_a_task_that_hangs_is_stopped_and_the_others_go_on(start: str) -> None:
    started = time.monotonic()
    results = run(["hang", "a", "b", "hang", "c"], workers=2, timeout=1, start=start)
    assert whys(results) == [TIMEOUT, "done", "done", TIMEOUT, "done"]
    assert time.monotonic() - started < 15


@pytest.mark.parametrize("start", ["fork", "exec"])
def test_a_worker_that_dies_costs_only_its_task(start: str) -> None:
    results = run(["exit", "a", "segfault", "b", "exit", "c"], workers=2, timeout=30, start=start)
    assert whys(results) == [CRASHED, "done", CRASHED, "done", CRASHED, "done"]
    assert results[0].exitcode == 3  # type: ignore[union-attr]
    assert results[2].exitcode == -signal.SIGSEGV  # type: ignore[union-attr]


def test_a_worker_killed_while_it_answers_costs_only_its_task() -> None:
    # Each worker has its own pipes: no lock or half-written message is left for the others.
    results = run(["dies-while-answering", "a", "b", "c"], workers=2, timeout=30)
    assert whys(results) == [CRASHED, "done", "done", "done"]
    assert results[0].exitcode == -signal.SIGKILL  # type: ignore[union-attr]


def test_an_exception_is_reported_and_the_worker_goes_on() -> None:
    results = run(["raise", "unpicklable", "pid", "pid"], workers=1, timeout=30)
    assert whys(results) == [RAISED, RAISED, "done", "done"]
    assert (results[0].error, results[0].message) == ("ValueError", "mauvais fichier")  # type: ignore[union-attr]
    assert results[2].value == results[3].value  # type: ignore[union-attr]


def test_an_initializer_limits_what_a_task_may_take() -> None:
    results = run(
        ["memory", "a"], workers=1, timeout=30, initializer=limit_memory, initargs=(2**30,)
    )
    assert whys(results) == [RAISED, "done"]
    assert results[0].error == "MemoryError"  # type: ignore[union-attr]


def test_a_worker_is_renewed_after_max_tasks() -> None:
    results = run(["pid"] * 6, workers=1, timeout=30, max_tasks=2)
    pids = [r.value for _, r in sorted(results.items()) if isinstance(r, Done)]
    assert len(pids) == 6 and len(set(pids)) == 3
    assert os.getpid() not in pids


def test_a_worker_that_does_not_start_fails_its_task(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "STARTUP_TIMEOUT", 0.5)
    results = run(["a"], workers=1, timeout=30, initializer=time.sleep, initargs=(60,))
    assert whys(results) == [NOT_STARTED]


def test_zero_workers_runs_in_this_process() -> None:
    tasks = [(n,) for n in range(3)]
    # A closure could not be sent to a worker: this runs here.
    results = list(supervise(lambda n: (n, os.getpid()), tasks, workers=0))
    assert [r.value for r in results if isinstance(r, Done)] == [(n, os.getpid()) for n in range(3)]
    (failure,) = supervise(behave, [("raise",)], workers=0)
    assert isinstance(failure, Failed) and failure.why == RAISED


def _running(pid: str) -> bool:
    """Whether process ``pid`` runs (a zombie waiting for its new parent to reap it does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@pytest.mark.parametrize("start", ["fork", "exec"])
def test_no_worker_outlives_a_killed_parent(tmp_path: Path, start: str) -> None:
    pids = tmp_path / "pids"
    script = textwrap.dedent(
        f"""
        import os, sys, time
        sys.path[:0] = {[str(ROOT), str(ROOT / "tests")]!r}
        from dossierkit.workers import supervise
        from test_workers import behave
        for result in supervise(behave, [("hang",), ("pid",)], workers=2, start={start!r}):
            with open({str(pids)!r}, "w") as f:
                f.write(str(result.value))  # the idle worker's pid, the other one hangs
            time.sleep(60)
        """
    )
    parent = subprocess.Popen([sys.executable, "-c", script])
    try:
        deadline = time.monotonic() + 30
        while not pids.exists() or not pids.read_text():
            assert time.monotonic() < deadline, "the tasks did not start"
            time.sleep(0.05)
        children = subprocess.run(
            ["pgrep", "-P", str(parent.pid)], capture_output=True, text=True, check=False
        ).stdout.split()
        assert pids.read_text() in children and len(children) >= 2
    finally:
        parent.kill()
        parent.wait()
    deadline = time.monotonic() + 10
    while any(_running(pid) for pid in children):
        assert time.monotonic() < deadline, "a worker outlived its parent"
        time.sleep(0.1)


def test_each_task_may_have_its_own_time() -> None:
    """What a file's reading left of its budget is its OCR's time (issue 18)."""
    results = {
        r.index: r for r in supervise(time.sleep, [(0.5,), (0.5,)], workers=2, timeouts=[0.1, 5.0])
    }
    assert isinstance(results[0], Failed) and results[0].why == TIMEOUT
    assert isinstance(results[1], Done)


def test_die_with_parent_imports_nothing_in_the_child() -> None:
    # Between fork and exec (``preexec_fn``) an import can wait for ever on a lock that
    # another thread of the parent held at the fork: prctl is resolved at import instead.
    code = (
        "import sys\n"
        "from dossierkit.workers import die_with_parent\n"
        "sys.modules['ctypes'] = None  # any import of ctypes now fails\n"
        "print(die_with_parent())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=30, check=False
    )
    assert result.stderr == ""
    assert result.stdout.strip() == str(sys.platform.startswith("linux"))
