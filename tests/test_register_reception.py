"""The reception date of a sending whose contents tell none: its own, never the triage's."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from dossierkit.triage.reception import source_time

_SAVED = datetime(2026, 10, 5, 9, 30, tzinfo=UTC)


def test_an_empty_folder_or_an_unreadable_zip_is_dated_by_its_saving(tmp_path: Path) -> None:
    empty = tmp_path / "Dossier vide"
    empty.mkdir()
    broken = tmp_path / "Fablab.zip"
    broken.write_bytes(b"PK\x03\x04 attachment cut")
    for path in (empty, broken):
        os.utime(path, (_SAVED.timestamp(), _SAVED.timestamp()))
    assert source_time(empty, "folder") == _SAVED
    assert source_time(broken, "zip") == _SAVED


def test_a_clock_in_the_future_is_no_date(tmp_path: Path) -> None:
    broken = tmp_path / "Fablab.zip"
    broken.write_bytes(b"not a zip")
    future = datetime(2100, 1, 1, tzinfo=UTC).timestamp()
    os.utime(broken, (future, future))
    assert source_time(broken, "zip") is None


def test_attaching_a_sending_without_a_name_says_what_to_give(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "dossierkit", "registre", "TLN-0001", "--rattacher", " "],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert result.returncode == 2
    assert "indiquez le nom de l'envoi à rattacher" in result.stderr.replace("\n", " ")
