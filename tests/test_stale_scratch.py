"""The temporary folders of killed runs (copies of an applicant's documents) are removed when
the next command starts, whatever it is: a verify that needs no OCR nor LibreOffice makes no
temporary folder of its own, and used to leave them (issue 18)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from conftest import TEXTS, write_pdf
from dossierkit.cli import cli
from dossierkit.external import scratch

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="processus lus dans /proc (Linux)"
)


@pytest.fixture
def ended() -> Iterator[int]:
    """A process that has ended and that its parent (this test) has not collected yet: a
    zombie, as a reader killed with verify is until the system collects it."""
    process = subprocess.Popen(["true"])
    deadline = time.monotonic() + 5
    while b") Z " not in Path(f"/proc/{process.pid}/stat").read_bytes():
        assert time.monotonic() < deadline
        time.sleep(0.01)
    yield process.pid
    process.wait()


def _gone_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def _folders(tmp: Path, ended: int) -> dict[str, Path]:
    folders = {
        "killed": tmp / f"dossierkit-assemble-{_gone_pid()}-ab12cd",
        "zombie": tmp / f"dossierkit-lo-{ended}-ef34gh",
        "running": tmp / f"dossierkit-triage-{os.getpid()}-ij56kl",
        "another program's": tmp / "autre-programme",
    }
    for folder in folders.values():
        folder.mkdir()
        write_pdf(folder / "RIB.pdf", TEXTS["rib"])  # a copy of the applicant's RIB
    return folders


def _dossierkit(tmp: Path, monkeypatch: pytest.MonkeyPatch, *arguments: str) -> Result:
    """The command, in this process as in a new one: its temporary folder ``tmp``, and no
    cleaning done yet."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    monkeypatch.setattr(scratch, "_cleaned", False)
    return CliRunner().invoke(cli, list(arguments))


def test_a_verify_without_ocr_removes_the_folders_of_killed_runs(
    tmp_path: Path, ended: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    dossier = tmp_path / "Fablab"
    dossier.mkdir()
    write_pdf(dossier / "Statuts.pdf", TEXTS["statuts"])  # text: no OCR, no LibreOffice
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    folders = _folders(tmp, ended)
    done = _dossierkit(tmp, monkeypatch, "verify", str(dossier), "--no-cache")
    assert done.exit_code in (0, 1), done.output
    left = {name for name, folder in folders.items() if folder.exists()}
    assert left == {"running", "another program's"}


def test_help_is_not_slowed_by_the_cleaning(
    tmp_path: Path, ended: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    folders = _folders(tmp, ended)
    assert _dossierkit(tmp, monkeypatch, "verify", "--help").exit_code == 0
    assert all(folder.exists() for folder in folders.values())


def test_a_zombie_is_not_alive(ended: int) -> None:
    assert not scratch.alive(ended)
    assert scratch.alive(os.getpid())
    assert not scratch.alive(_gone_pid())
