#!/usr/bin/env python3
"""Benchmark of ``dossierkit triage`` on an inbox of 100 generated dossiers.

Dossiers arrive all year, but an instructor back from holidays triages a full inbox at
once: that must take minutes, use every core, and fit in an ordinary office computer. This
script builds an inbox of ``--dossiers`` dossiers (no OCR: born-digital PDFs, DOCX and XLSX
made by ``samples/generate.py``'s makers without LibreOffice): ``--distinct`` different
applications (four applicants of the samples under other names and bank accounts), then
copies of them, one in two zipped, until the count is reached. It then runs the command as
an instructor does, ``dossierkit triage INBOX --jobs N`` (register included), with 1 and
with 2 workers, and measures:

- the total time (wall clock, the command from start to exit), and per dossier;
- the speed-up from 1 to 2 workers (aim: at least 1.7 × on two cores);
- the peak memory: of all the processes together (the command and its workers, sampled
  every 100 ms from ``/proc``; aim: under 1 GB), and of the largest single process;
- beside them, the speed-up the machine allows (two CPU-bound loops against one), since
  other programs on a shared machine take cores away.

It prints a Markdown table. Linux only (``/proc``).

Usage (from the repository root, dossierkit and its test dependencies installed)::

    python bench/triage.py
    python bench/triage.py --dossiers 200 --distinct 40 --keep /tmp/bench-triage
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "samples"), str(ROOT / "tests")]

import generate  # noqa: E402  (the samples' makers, beside this script's repository)
from measure import environment  # noqa: E402  (this script's folder is on the path)

from triage_inbox import plain_dossier, rival, zip_folder  # noqa: E402

_PAGE = os.sysconf("SC_PAGE_SIZE")


def build_inbox(inbox: Path, dossiers: int, distinct: int) -> None:
    """``distinct`` applications under new names, then copies (one in two zipped)."""
    applicants = [make() for make in generate.APPLICANTS.values()]
    originals: list[Path] = []
    inbox.mkdir(parents=True)
    for i in range(distinct):
        applicant = rival(applicants[i % len(applicants)], f"Tiers-lieu {i:03d}", f"{i:011d}")
        originals.append(plain_dossier(applicant, inbox / f"Dossier {i:03d}"))
    for i in range(distinct, dossiers):
        source = originals[i % distinct]
        if i % 2:
            zip_folder(source, inbox / f"Renvoi {i:03d}.zip")
        else:
            shutil.copytree(source, inbox / f"Renvoi {i:03d}")


def _tree_rss(root: int) -> int:
    """Resident memory of ``root`` and all its descendants, in bytes."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry)
        children.setdefault(int(fields[1]), []).append(pid)
        rss[pid] = int(fields[21]) * _PAGE
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


@dataclass(frozen=True)
class Measure:
    """One run of the command."""

    jobs: int
    seconds: float
    cpu_seconds: float  # of the command and its workers
    peak_total: int
    peak_process: int
    exit_code: int


def measure(inbox: Path, work: Path, jobs: int) -> Measure:
    """Run ``dossierkit triage`` with ``jobs`` workers on a fresh register."""
    register = work / f"registre-{jobs}.sqlite"
    peak = 0
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "dossierkit",
            "triage",
            str(inbox),
            "--db",
            str(register),
            "--jobs",
            str(jobs),
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=environment(),
    )
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(process.pid))
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    code = process.wait()
    seconds = time.monotonic() - started
    done.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    largest = after.ru_maxrss * 1024  # kB on Linux: the largest process waited for so far
    return Measure(jobs, seconds, cpu, peak, largest, code)


_LOOP = "n = 0\nfor i in range(15_000_000):\n    n += i\n"


def available_speedup() -> float:
    """The speed-up the machine gives two CPU-bound processes right now: 2 on two idle
    cores, less when other programs use them. The triage's speed-up is read against it."""

    def run(count: int) -> float:
        started = time.monotonic()
        loops = [subprocess.Popen([sys.executable, "-c", _LOOP]) for _ in range(count)]
        for loop in loops:
            loop.wait()
        return time.monotonic() - started

    return 2 * run(1) / run(2)


def main() -> int:
    """Build the inbox, run the command with 1 and 2 workers, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--dossiers", type=int, default=100)
    parser.add_argument("--distinct", type=int, default=20)
    parser.add_argument("--keep", type=Path, help="keep the inbox and registers in this folder")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="dossierkit-bench-triage-"))
    load = before = after = 0.0
    inbox = work / "arrivees"
    try:
        if not inbox.exists():
            t0 = time.monotonic()
            build_inbox(inbox, args.dossiers, min(args.distinct, args.dossiers))
            print(
                f"Inbox of {args.dossiers} dossiers built in {time.monotonic() - t0:.0f} s.",
                file=sys.stderr,
            )
        load = os.getloadavg()[0]
        measure(inbox, work, 2)  # warm-up: file cache, bytecode; not reported
        before = available_speedup()
        one = measure(inbox, work, 1)
        two = measure(inbox, work, 2)
        after = available_speedup()
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    n = args.dossiers
    print(
        f"dossierkit triage, {n} dossiers ({min(args.distinct, n)} distinct), "
        f"{os.cpu_count()} cores, Python {sys.version.split()[0]}; load average before the "
        f"runs {load:.1f}; two CPU-bound processes ran {before:.2f} × (before) and "
        f"{after:.2f} × (after) as fast as one: the speed-up the cores allowed\n"
    )
    print(
        "| workers | total | per dossier | speed-up | CPU time | peak memory, all processes "
        "| peak memory, largest process | exit code |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for m in (one, two):
        print(
            f"| {m.jobs} | {m.seconds:.1f} s | {m.seconds / n * 1000:.0f} ms "
            f"| {one.seconds / m.seconds:.2f} × | {m.cpu_seconds:.1f} s "
            f"| {m.peak_total / 2**20:.0f} MiB | {m.peak_process / 2**20:.0f} MiB "
            f"| {m.exit_code} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
