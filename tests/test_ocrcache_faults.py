"""The OCR cache holds pages' text, an applicant's data (issue 18): private to the user, and
what a run killed while writing left is removed when the cache is next opened."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dossierkit.reading.ocrcache import STALE_SECONDS, OcrCache

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="droits POSIX")

PAGE = {"text": "IBAN FR76 3000 4000 0312 3456 7890 143 — Association Fablab des Hauts"}
SHA = "ab" * 32

# A worker writing a page into the cache, killed (as the OOM killer or a closed terminal
# does) after the page's text is written and before its file is renamed into place.
_KILLED_WRITER = """
import os, sys, time
from pathlib import Path
from dossierkit.reading.ocrcache import OcrCache

def stop(*_args):
    print("écrit", flush=True)
    time.sleep(60)

os.replace = stop
OcrCache(Path(sys.argv[1]), "tesseract 5").put("ab" * 32, 1, {"text": sys.argv[2]})
"""


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_pages_are_the_user_s_only(tmp_path: Path) -> None:
    cache = OcrCache(tmp_path / "cache", "tesseract 5")
    cache.put(SHA, 1, PAGE)
    assert cache.get(SHA, 1) == PAGE
    files = [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    assert len(files) == 1 and _mode(files[0]) == 0o600
    folders = [p for p in (tmp_path / "cache").rglob("*") if p.is_dir()]
    assert folders and all(_mode(p) == 0o700 for p in folders), folders


def test_a_page_left_by_a_killed_run_is_removed_at_the_next_opening(tmp_path: Path) -> None:
    writer = subprocess.Popen(
        [sys.executable, "-c", _KILLED_WRITER, str(tmp_path / "cache"), PAGE["text"]],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None and writer.stdout.readline().strip() == "écrit"
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    left = [p for p in (tmp_path / "cache").rglob("*.tmp")]
    assert [p.read_text(encoding="utf-8") for p in left] == [f'{{"text":"{PAGE["text"]}"}}']
    assert _mode(left[0]) == 0o600, "private while it waits"
    cache = OcrCache(tmp_path / "cache", "tesseract 5")
    assert cache.get(SHA, 1) is None
    assert list((tmp_path / "cache").rglob("*.tmp")) == []


def test_a_live_writer_s_page_is_kept_unless_too_old(tmp_path: Path) -> None:
    tmp = tmp_path / "cache" / "ocr" / "tmp"
    tmp.mkdir(parents=True)
    writing = tmp / f"{os.getpid()}-k2j3h4.tmp"  # another thread of this process writes it
    writing.write_text("{}")
    old = tmp / f"{os.getppid()}-x9y8z7.tmp"  # a live process, but written too long ago
    old.write_text("{}")
    then = time.time() - STALE_SECONDS - 60
    os.utime(old, (then, then))
    OcrCache(tmp_path / "cache", "tesseract 5")
    assert sorted(tmp.iterdir()) == [writing]
