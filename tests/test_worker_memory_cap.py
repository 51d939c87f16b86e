"""A reader forked from a process that grew keeps its memory cap.

A reader's cap counts what it inherits from the process that forked it (``workers.
limit_memory``), so that a grown pytest worker or server still gives it ``--max-memory-mb``
for its file (``tests/test_no_state_leak.py``). Yet what the parent had mapped and freed, the
reader reuses without mapping anything: counting all of it, a reader forked from a parent
that grew by freed memory could take that as well. The inherited part is counted up to
``workers.INHERITED_CEILING``: a file that makes a reader allocate past its cap is refused
(« too_large », F007), however the parent grew, and the parent goes on.

The parent runs in a fresh interpreter: its address space is taken to the ceiling by pages
reserved and never touched (no memory used), then grown by memory its heap keeps mapped once
freed, as a long-lived process's does.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

STATUS = Path("/proc/self/status")

_PARENT = """
import json, mmap, sys
from pathlib import Path

from dossierkit import workers
from dossierkit.limits import MB, Limits
from dossierkit.reading import isolation

# Below malloc's mmap threshold (128 kB at least): taken from the heap, which keeps the
# memory mapped once it is freed.
CHUNK = 64 * 1024
FREED = 40 * MB
CAP = 48 * MB


def mapped():
    for line in open("/proc/self/status"):
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024


def allocate(path, doc_type, limits):
    # What a hostile file makes a reader keep: many blocks, as a parser's objects.
    kept = [bytearray(CHUNK) for _ in range(int(path.stem) * MB // CHUNK)]
    return isolation.Outcome(None, None, str(len(kept)))


reserved = mmap.mmap(
    -1, workers.INHERITED_CEILING - mapped(), flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS | 0x4000,
    prot=0,
)
before = mapped()
grown = [bytearray(CHUNK) for _ in range(FREED // CHUNK)]
pin = bytearray(CHUNK)  # above the freed blocks: the heap cannot give them back
del grown
assert mapped() - before > FREED * 0.9, "the heap gave the freed memory back"
isolation._read = allocate
files = [Path(sys.argv[1]) / "24.pdf", Path(sys.argv[1]) / "72.pdf"]
outcomes = isolation.read_files([(f, "pdf") for f in files], Limits(max_memory_bytes=CAP), 1)
print(json.dumps([o.problem for o in outcomes]))
"""


@pytest.mark.skipif(not STATUS.exists(), reason="/proc (Linux) tells the address space")
def test_a_reader_forked_from_a_grown_parent_keeps_its_cap(tmp_path: Path) -> None:
    """Capped at 48 MB, forked from a parent grown 40 MB beyond the ceiling by memory it
    freed: 24 MB are read, 72 MB are refused (the reader could take 88 MB when all its
    inheritance counted), and the parent answers for both."""
    result = subprocess.run(
        [sys.executable, "-c", _PARENT, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [None, "too_large"]
