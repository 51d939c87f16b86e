"""Temporaries an older dossierkit left in the OCR cache (issue 18): it wrote them beside the
pages under ``tempfile``'s names, where the sweep of ``ocr/tmp`` never looked. They hold a
page's text; they are removed once older than any writing takes, and nothing else is."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from dossierkit.reading.ocrcache import OLDER_SWEPT, STALE_SECONDS, OcrCache

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="droits POSIX")

SHA = "ab" * 32
PAGE = '{"text":"IBAN FR76 3000 4000 0312 3456 7890 143"}'


def _aged(path: Path, seconds: float = STALE_SECONDS + 60) -> Path:
    then = time.time() - seconds
    os.utime(path, (then, then), follow_symlinks=False)
    return path


def _older_cache(base: Path) -> Path:
    """A cache an older dossierkit used: one page, and a temporary it left (killed while
    writing) beside it, as ``tempfile.mkstemp(dir=..., suffix=".tmp")`` named it."""
    old = OcrCache(base, "tesseract 5")
    old.put(SHA, 1, {"text": "page lue"})
    left = base / "ocr" / "ab" / "tmpk2j3_4x9.tmp"
    left.write_text(PAGE, encoding="utf-8")
    return _aged(left)


def test_an_older_versions_temporary_is_removed_at_the_next_opening(tmp_path: Path) -> None:
    left = _older_cache(tmp_path)
    cache = OcrCache(tmp_path, "tesseract 5")
    assert not left.exists()
    assert cache.get(SHA, 1) == {"text": "page lue"}, "the pages stay"
    assert (tmp_path / "ocr" / OLDER_SWEPT).exists(), "swept once, not at every opening"


def test_only_old_files_of_its_own_naming_are_removed(tmp_path: Path) -> None:
    _older_cache(tmp_path)
    pages = tmp_path / "ocr" / "ab"
    (tmp_path / "ocr" / "notes").mkdir()
    kept = [
        pages / "tmp-notes.tmp",  # not tempfile's name
        pages / "tmpabcdefgh.json",  # not a temporary
        pages / "tmpABCDEFGH.tmp",  # tempfile's letters are lowercase
        tmp_path / "ocr" / "notes" / "tmpabcdefgh.tmp",  # not a folder of pages
    ]
    for path in kept:
        path.write_text("x")
        _aged(path)
    link = pages / "tmpzzzzzzzz.tmp"  # a link is not a file the cache wrote
    link.symlink_to(tmp_path / "ailleurs.txt")
    _aged(link)
    young = pages / "tmpyyyyyyyy.tmp"  # an older dossierkit writing it now
    young.write_text(PAGE, encoding="utf-8")
    OcrCache(tmp_path, "tesseract 5")
    assert all(p.exists() for p in kept) and link.is_symlink() and young.exists()
    assert not (tmp_path / "ocr" / OLDER_SWEPT).exists(), "looked for again: one is young"
    _aged(young)
    OcrCache(tmp_path, "tesseract 5")
    assert not young.exists() and (tmp_path / "ocr" / OLDER_SWEPT).exists()
    assert all(p.exists() for p in kept) and link.is_symlink()
