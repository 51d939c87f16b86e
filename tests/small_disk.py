"""A small file system that fills up, for the tests of a full disk (issue 18).

A 2 MB tmpfs is mounted where the test runs as root and may mount (a container may refuse);
elsewhere the test is skipped with the reason. ``fill`` leaves only a few kilobytes free, so
that the next real write fails with ENOSPC from the kernel, not from a mock.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

SIZE = "2m"


@contextlib.contextmanager
def small_disk(where: Path) -> Iterator[Path]:
    """A fresh 2 MB tmpfs mounted at ``where`` for the block; skip the test when it cannot be."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    where.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={SIZE},mode=1777", "tmpfs", str(where)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"a tmpfs cannot be mounted here: {mounted.stderr.strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def fill(disk: Path, leave: int = 64 * 1024) -> Path:
    """Fill ``disk`` until only about ``leave`` bytes are free; the filler file."""
    filler = disk / "filler"
    free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
    filler.write_bytes(b"\0" * max(0, free - leave))
    return filler


def left_in(disk: Path) -> list[str]:
    """What is on ``disk`` besides the filler: what a failed write would have left."""
    return sorted(p.name for p in disk.iterdir() if p.name != "filler")
