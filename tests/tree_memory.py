"""Measure, from outside, the memory a command's whole process tree takes (issue 18).

Usage: python tests/tree_memory.py RESULT.json COMMAND [ARGS…]

Why a launcher, and not ``os.wait4`` on a child of the test: Python starts a program with
``vfork``, so the child runs in its parent's memory until it calls ``exec``, and Linux then
records the parent's high-water mark as the child's own ``ru_maxrss``. A ``/bin/true``
started by a pytest worker that once held 600 MB reports 600 MB, whatever it ran: the
hostile-corpus test measured the test process's past, not dossierkit (551 MB once, under
``pytest -n auto``, for a verify whose processes never exceeded 90 MB). This launcher is a
fresh small interpreter: what it starts inherits its own few megabytes.

It reports two figures:

- ``process_mb``: the largest resident memory any process of the tree reached, exact
  (``ru_maxrss`` of the command and of every descendant it waited for, the kernel's
  high-water mark), and ``VmHWM`` of the descendants seen;
- ``tree_mb``: the largest sum of resident memory of the tree's processes at one moment,
  sampled every few milliseconds from ``/proc``. Forked workers share their parent's pages,
  which this counts once per process: an upper bound of what the tree takes.

Linux only (``/proc``); the tests that use it are skipped elsewhere.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

SAMPLE_SECONDS = 0.01


@dataclass(frozen=True)
class Measure:
    """What the command's process tree took, and what it gave."""

    returncode: int
    seconds: float
    process_mb: float  # the largest process, exact
    tree_mb: float  # the largest sum at one moment, sampled
    processes: int  # how many processes the tree had, in all
    stdout: bytes
    stderr: bytes


def _children(pid: int) -> list[int]:
    """A process's children, as each of its threads forked them (``/proc/PID/task/TID/
    children``: reading only the tree's own processes keeps a sample to a fraction of a
    millisecond, where a walk of all /proc takes milliseconds)."""
    found: list[int] = []
    try:
        threads = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for thread in threads:
        try:
            with open(f"/proc/{pid}/task/{thread}/children", "rb") as children:
                found.extend(int(child) for child in children.read().split())
        except OSError:
            continue
    return found


def _memory_kb(pid: int) -> tuple[int, int]:
    """A process's resident memory and its high-water mark, in kB (0 when it is gone)."""
    rss = hwm = 0
    try:
        with open(f"/proc/{pid}/status", "rb") as status:
            for line in status:
                if line.startswith(b"VmRSS:"):
                    rss = int(line.split()[1])
                elif line.startswith(b"VmHWM:"):
                    hwm = int(line.split()[1])
    except (OSError, ValueError):
        pass
    return rss, hwm


def descendants(root: int) -> list[int]:
    """``root`` and every process under it, now."""
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(_children(pid))
    return tree


def launch(result: Path, argv: list[str]) -> int:
    """Run ``argv`` (its output goes where this launcher's goes), sample its tree until it
    exits, and write the figures to ``result``."""
    started = time.monotonic()
    process = subprocess.Popen(argv)
    seen: set[int] = set()
    peak_tree = peak_process = 0
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        total = 0
        for member in descendants(process.pid):
            rss, hwm = _memory_kb(member)
            seen.add(member)
            total += rss
            peak_process = max(peak_process, hwm)
        peak_tree = max(peak_tree, total)
        time.sleep(SAMPLE_SECONDS)
    seconds = time.monotonic() - started
    peak_process = max(peak_process, usage.ru_maxrss)
    result.write_text(
        json.dumps(
            {
                "returncode": os.waitstatus_to_exitcode(status),
                "seconds": seconds,
                "process_mb": peak_process / 1024,
                "tree_mb": max(peak_tree, peak_process) / 1024,
                "processes": len(seen),
            }
        )
    )
    return 0


def measure(argv: list[str], result: Path, timeout: float) -> Measure:
    """Run ``argv`` under the launcher and tell what its tree took; ``result`` is a path
    the launcher may write."""
    # In its own process group: a command that outlives ``timeout`` is killed with its tree.
    launcher = subprocess.Popen(
        [sys.executable, __file__, str(result), *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        stdout, stderr = launcher.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(launcher.pid, signal.SIGKILL)
        launcher.communicate()
        raise
    figures = json.loads(result.read_text())
    return Measure(stdout=stdout, stderr=stderr, **figures)


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    sys.exit(launch(Path(sys.argv[1]), sys.argv[2:]))
