#!/usr/bin/env python3
"""Benchmark of the worker supervisor (``dossierkit.workers``) against pebble's ProcessPool.

Issue 12 asked to measure a well-kept library before keeping a home-made supervisor; this
script redoes that measure on the cases that matter to dossierkit, with 2 workers:

- reading the 8 files of a small dossier, and 100 small files (``read_files``; in this
  process for reference): start-up and throughput;
- a task that hangs past its 1 s time-out among 3 quick ones: time until all are known;
- 3 workers that die (``os._exit``) among 3 quick tasks: time until all are known.

pebble is not a dependency of dossierkit: its column is filled when it is installed
(``pip install pebble``). Prints a Markdown table; medians of 5 runs.

Usage (from the repository root): ``python bench/workers.py``
"""

from __future__ import annotations

import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dossierkit.limits import Limits  # noqa: E402
from dossierkit.reading.isolation import _read, read_files  # noqa: E402
from dossierkit.workers import supervise  # noqa: E402

RUNS = 5


def behave(kind: str) -> str:
    """A task: ``hang`` sleeps a minute, ``exit`` kills its worker, anything else returns."""
    if kind == "hang":
        time.sleep(60)
    elif kind == "exit":
        os._exit(3)
    return kind


def make_files(folder: Path, count: int) -> list[Path]:
    """``count`` one-page PDFs, as small as a RIB."""
    from reportlab.pdfgen import canvas

    paths = []
    for n in range(count):
        path = folder / f"{n:03d}.pdf"
        pdf = canvas.Canvas(str(path), invariant=1)
        pdf.drawString(50, 800, f"RIB {n} — IBAN FR76 3000 4000 0500 0012 3456 789")
        pdf.save()
        paths.append(path)
    return paths


def median_seconds(run: Callable[[], object]) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def ours(kinds: list[str], timeout: float) -> list[Any]:
    return list(supervise(behave, [(k,) for k in kinds], workers=2, timeout=timeout))


def pebble_tasks(
    function: Callable[..., Any], tasks: list[tuple[Any, ...]], timeout: float
) -> list[Any]:
    from pebble import ProcessPool

    context = multiprocessing.get_context("fork")
    with ProcessPool(max_workers=2, context=context) as pool:
        futures = [pool.schedule(function, args, timeout=timeout) for args in tasks]
        results = []
        for future in futures:
            try:
                results.append(future.result())
            except (FutureTimeout, Exception) as exc:  # TimeoutError, ProcessExpired
                results.append(exc)
        return results


def main() -> int:
    """Measure and print the table."""
    try:
        import pebble  # noqa: F401

        has_pebble = True
    except ImportError:
        has_pebble = False
    limits = Limits()
    rows: list[tuple[str, float, float | None, float | None]] = []
    with tempfile.TemporaryDirectory(prefix="dossierkit-bench-workers-") as tmp:
        files = make_files(Path(tmp), 100)
        _read(files[0], "pdf", limits)  # the readers imported here, as in verify
        for count in (8, 100):
            tasks = [(f, "pdf") for f in files[:count]]
            rows.append(
                (
                    f"reading {count} small PDFs",
                    median_seconds(lambda: read_files(tasks, limits, 2)),  # noqa: B023
                    median_seconds(
                        lambda: pebble_tasks(_read, [(p, t, limits) for p, t in tasks], 120)  # noqa: B023
                    )
                    if has_pebble
                    else None,
                    median_seconds(lambda: [_read(p, t, limits) for p, t in tasks]),  # noqa: B023
                )
            )
    cases = {
        "1 task past its 1 s time-out, 3 quick": ["hang", "a", "b", "c"],
        "3 workers that die, 3 quick tasks": ["exit", "a", "exit", "b", "exit", "c"],
    }
    for label, kinds in cases.items():
        rows.append(
            (
                label,
                median_seconds(lambda: ours(kinds, 1.0)),  # noqa: B023
                median_seconds(lambda: pebble_tasks(behave, [(k,) for k in kinds], 1.0))  # noqa: B023
                if has_pebble
                else None,
                None,
            )
        )
    print(
        f"2 workers, {os.cpu_count()} cores, Python {sys.version.split()[0]}, load average "
        f"{os.getloadavg()[0]:.1f}; median of {RUNS} runs\n"
    )
    print("| case | dossierkit.workers | pebble ProcessPool (fork) | in this process |")
    print("|---|---|---|---|")
    for label, mine, theirs, here in rows:
        cells = [f"{v:.3f} s" if v is not None else "—" for v in (mine, theirs, here)]
        print(f"| {label} | {' | '.join(cells)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
