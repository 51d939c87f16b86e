"""The register and the triage's outputs on a disk that is full (a real 2 MB tmpfs, filled:
the kernel's ENOSPC, SQLite's own errors), told in French, with nothing half made left."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from small_disk import fill, left_in, small_disk

from conftest import ROOT
from dossierkit.call import load_call
from dossierkit.external.scratch import DiskFull
from dossierkit.triage.export import write_atomic
from dossierkit.triage.register import Register

_FULL = "le disque est plein"


def test_a_register_is_not_created_on_a_full_disk(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disque") as disk:
        fill(disk, leave=4 * 1024)
        with pytest.raises(DiskFull, match=_FULL) as raised:
            Register(disk / "dossierkit-registre.sqlite")
        assert "registre.sqlite" in str(raised.value)
        # No empty register, journal or shared memory that the next run would trust.
        assert left_in(disk) == []


def test_a_full_disk_while_recording_keeps_the_register_whole(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disque") as disk:
        db = disk / "registre.sqlite"
        with Register(db) as register:
            first = register.start_run(tmp_path, load_call())
            fill(disk, leave=0)
            with pytest.raises(DiskFull, match=_FULL):
                for _ in range(200):  # until a page must be added: the disk then refuses it
                    register.start_run(tmp_path / ("x" * 2000), load_call())
        (disk / "filler").unlink()
        with closing(sqlite3.connect(db)) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            runs = connection.execute("SELECT id FROM runs ORDER BY id").fetchall()
        assert runs[0] == (first,), "what was recorded before stays"


def test_an_export_on_a_full_disk_says_so_and_leaves_nothing(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disque") as disk:
        fill(disk, leave=16 * 1024)
        with pytest.raises(DiskFull, match=_FULL):
            write_atomic(disk / "tri.xlsx", b"\0" * 200_000)
        assert left_in(disk) == []


def test_triage_on_a_full_disk_tells_the_instructor_in_french(tmp_path: Path) -> None:
    inbox = tmp_path / "arrivees"
    (inbox / "Dossier vide").mkdir(parents=True)
    with small_disk(tmp_path / "disque") as disk:
        fill(disk, leave=4 * 1024)
        result = subprocess.run(
            [sys.executable, "-m", "dossierkit", "triage", inbox, "--db", disk / "r.sqlite"],
            capture_output=True,
            text=True,
            timeout=120,
            stdin=subprocess.DEVNULL,
            cwd=ROOT,
        )
        assert result.returncode == 2, result.stderr
        message = " ".join(result.stderr.split())
        assert _FULL in message and "Libérez de la place" in message
        assert "disk I/O error" not in message and "Traceback" not in message
        assert "est-ce bien un registre" not in message, "not the file's fault"
        assert left_in(disk) == []


def test_triage_exports_on_a_full_disk_are_refused_whole(tmp_path: Path) -> None:
    """The tables asked for (CSV, XLSX, HTML) on a full disk: exit code 2 and the French
    message; each one is on the disk whole, or not at all (no empty file, no temporary)."""
    from click.testing import CliRunner

    from dossierkit.cli import cli

    inbox = tmp_path / "arrivees"
    inbox.mkdir()
    with small_disk(tmp_path / "disque") as disk:
        outputs = ["--csv", disk / "tri.csv", "--xlsx", disk / "tri.xlsx", "--html", disk / "tri.html"]  # fmt: skip
        arguments = ["triage", str(inbox), "--db", str(tmp_path / "r.sqlite"), *map(str, outputs)]
        for leave in (0, 8 * 1024):  # nothing fits; the CSV fits, not the rest
            fill(disk, leave=leave)
            ran = CliRunner().invoke(cli, arguments)
            assert ran.exit_code == 2, ran.output
            message = " ".join(ran.output.split())
            assert _FULL in message and "Libérez de la place" in message, message
            assert "Traceback" not in message
            assert left_in(disk) == ([] if leave == 0 else ["tri.csv"])
            for name in left_in(disk):
                table = (disk / name).read_text(encoding="utf-8-sig")
                assert table.startswith("Référence;") and table.endswith("Version actuelle\n")
            for name in left_in(disk):
                (disk / name).unlink()
            (disk / "filler").unlink()
