"""Run a command and measure it: wall time, CPU time, peak memory (of the process tree).

Baselines and dossierkit are measured the same way in the same session, so that the ratios
hold on a noisy machine. Each measure is the median of ``repeat`` runs, after one run that is
not counted (files in the system's cache, bytecode written).

dossierkit is measured as it runs once installed: from the bytecode that pip compiles at
installation. A session that sets ``PYTHONDONTWRITEBYTECODE`` (some sandboxes and CI runners
do) would make every measured run compile the 200 modules of dossierkit again, 0.3 to 0.4 s
of processor on each ``verify`` that no user pays: the measured commands write and read
their bytecode in a folder of their own (``PYTHONPYCACHEPREFIX``), removed at the end.
"""

from __future__ import annotations

import atexit
import functools
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Measure:
    """One command's cost."""

    wall: float  # seconds
    cpu: float  # user + system seconds, children included
    peak_mb: float  # largest resident set of any process of the run, in MB


@functools.cache
def _bytecode_folder() -> str:
    folder = tempfile.mkdtemp(prefix="dossierkit-bench-pyc-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def environment(env: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a measured command: this one, with bytecode kept (see above)."""
    kept = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**kept, "PYTHONPYCACHEPREFIX": _bytecode_folder(), **(env or {})}


def _once(command: Sequence[str | Path], env: dict[str, str] | None, cwd: Path | None) -> Measure:
    start = time.perf_counter()
    process = subprocess.Popen(
        [str(c) for c in command],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=environment(env),
        cwd=cwd,
    )
    _, _, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    # wait4's usage covers the process and the descendants it waited for; ru_maxrss is the
    # largest resident set among them (kilobytes on Linux).
    return Measure(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def measure(
    command: Sequence[str | Path],
    *,
    repeat: int = 3,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
) -> Measure:
    """The median wall and CPU time and the largest peak memory over ``repeat`` runs, after
    one that is not counted."""
    _once(command, env, cwd)
    runs = [_once(command, env, cwd) for _ in range(repeat)]
    return Measure(
        statistics.median(r.wall for r in runs),
        statistics.median(r.cpu for r in runs),
        max(r.peak_mb for r in runs),
    )


def measure_each(
    commands: Sequence[Sequence[str | Path]],
    *,
    parallel: int = 1,
    env: dict[str, str] | None = None,
) -> Measure:
    """Run many commands (``parallel`` at a time) as one job: its wall time, summed CPU, peak."""
    start = time.perf_counter()
    cpu, peak = 0.0, 0.0
    pending = list(commands)
    running: list[subprocess.Popen[bytes]] = []
    while pending or running:
        while pending and len(running) < parallel:
            running.append(
                subprocess.Popen(
                    [str(c) for c in pending.pop(0)],
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    env=environment(env),
                )
            )
        pid, _, usage = os.wait4(-1, 0)
        running = [p for p in running if p.pid != pid]
        cpu += usage.ru_utime + usage.ru_stime
        peak = max(peak, usage.ru_maxrss / 1024)
    return Measure(time.perf_counter() - start, cpu, peak)


def table(rows: Sequence[tuple[str, str, Measure, Measure | None, str]]) -> str:
    """A Markdown table: measure, baseline, dossierkit and baseline figures, ratio, aim.

    The ratio is given on wall time and on CPU time: on a shared machine other processes
    stretch the wall time of short commands more than that of long ones, where CPU time
    (children included) stays what each command costs."""
    lines = [
        "| mesure | dossierkit (s, CPU s, Mo) | référence (s, CPU s) | rapport (temps, CPU) "
        "| objectif |",
        "|---|---|---|---|---|",
    ]
    for name, baseline_name, ours, baseline, aim in rows:
        ours_text = f"{_fr(ours.wall)} s, {_fr(ours.cpu)} s CPU, {ours.peak_mb:.0f} Mo"
        if baseline is None:
            lines.append(f"| {name} | {ours_text} | — | — | {aim} |")
        else:
            ratio = ours.wall / baseline.wall if baseline.wall else float("inf")
            cpu = ours.cpu / baseline.cpu if baseline.cpu else float("inf")
            lines.append(
                f"| {name} | {ours_text} | {baseline_name} : {_fr(baseline.wall)} s, "
                f"{_fr(baseline.cpu)} s CPU | {_fr(ratio)}× ; CPU {_fr(cpu)}× | {aim} |"
            )
    return "\n".join(lines)


def _fr(value: float) -> str:
    """A figure as the documentation writes it: two decimals after a comma."""
    return f"{value:.2f}".replace(".", ",")
