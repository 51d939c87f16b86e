"""``dossierkit triage`` when the disk fills up or the process is killed (issue 18), and the
day a received dossier is judged on.

A full disk under the unpacked archives stops the triage with a French message (exit code 2)
instead of failing every dossier one after the other; a kill -9 leaves the register as it
was after the last dossier recorded, no worker and, after the next start, no copy of a
dossier; the next run records the rest.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from small_disk import fill, left_in, small_disk
from tree_memory import descendants

from conftest import TEXTS, write_letter_pdf, write_pdf
from dossierkit.call import load_call
from dossierkit.external import scratch
from dossierkit.external.scratch import DiskFull
from dossierkit.triage.model import InboxItem, Outcome
from dossierkit.triage.register import Register
from dossierkit.triage.run import triage
from dossierkit.triage.worker import process, reception_day

TESTS = Path(__file__).parent


@pytest.fixture(scope="module")
def inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two sendings: a folder, then an archive with a file of 200 kB."""
    inbox = tmp_path_factory.mktemp("triage-faults") / "arrivees"
    folder = inbox / "A Fablab"
    folder.mkdir(parents=True)
    write_letter_pdf(folder / "Courrier de demande.pdf", TEXTS["courrier"])
    write_pdf(folder / "RIB.pdf", TEXTS["rib"])
    with zipfile.ZipFile(inbox / "B Tiers-lieu.zip", "w") as archive:
        archive.write(folder / "Courrier de demande.pdf", "Courrier de demande.pdf")
        archive.writestr("Annexe.txt", os.urandom(100_000).hex(), zipfile.ZIP_STORED)
    old = datetime(2026, 11, 2, 9, tzinfo=UTC).timestamp()
    for path in (folder / "Courrier de demande.pdf", folder / "RIB.pdf", folder):
        os.utime(path, (old, old))  # received before the archive
    return inbox


def _item(inbox: Path, name: str, received_at: datetime | None = None) -> InboxItem:
    path = inbox / name
    return InboxItem(name, path, "zip" if name.endswith(".zip") else "folder", received_at)


def _receptions(db: Path) -> list[str]:
    """The sendings the register holds, in order, once it is checked whole."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = connection.execute("SELECT source_name FROM receptions ORDER BY id").fetchall()
    return [name for (name,) in rows]


def _scratch_left(pid: int) -> list[Path]:
    return list(Path(tempfile.gettempdir()).glob(f"dossierkit-*-{pid}-*"))


# -- the day a dossier is judged on ---------------------------------------------------------


def test_dates_are_judged_on_the_day_the_dossier_was_received(inbox: Path) -> None:
    """The letter is dated 12 October 2026: « dated in the future » (C006) when the dossier
    arrived on 1 October, not when it arrived on the 20th, whatever the day of the triage."""
    call = load_call()

    def codes(received: datetime | None) -> list[str]:
        outcome = process(_item(inbox, "A Fablab", received), call, "fr")
        assert outcome.report is not None
        return [f["code"] for f in outcome.report["findings"]]

    early = datetime(2026, 10, 1, 9, tzinfo=UTC)
    assert "C006" in codes(early)
    assert "C006" not in codes(datetime(2026, 10, 20, 9, tzinfo=UTC))
    assert "C006" not in codes(None)  # the day of the run (DOSSIERKIT_TODAY, 2026)
    assert reception_day(_item(inbox, "A Fablab", early)) == early.astimezone().date()


def test_the_day_is_the_register_s_day_in_local_time(inbox: Path) -> None:
    """« Reçu le » is shown in local time: a dossier received at 23:30 UTC on 11 October
    is received on the 12th in Paris, and judged on that day."""
    late = datetime(2026, 10, 11, 23, 30, tzinfo=UTC)
    expected = late.astimezone().date()
    assert reception_day(_item(inbox, "A Fablab", late)) == expected
    assert reception_day(_item(inbox, "A Fablab")) is None


def test_a_reception_after_the_day_of_the_run_is_judged_on_the_day_of_the_run(
    inbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files modified « tomorrow » (a wrong clock, or a test whose day is fixed): judged on
    the day of the run, as before the reception day was used."""
    monkeypatch.setenv("DOSSIERKIT_TODAY", "2026-10-05")
    later = datetime(2026, 10, 20, 9, tzinfo=UTC)
    assert str(reception_day(_item(inbox, "A Fablab", later))) == "2026-10-05"


# -- a full disk ----------------------------------------------------------------------------


def test_an_archive_is_not_unpacked_into_a_disk_too_small(
    inbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scratch, "free_space", lambda folder: 50_000)
    with pytest.raises(DiskFull) as caught:
        process(_item(inbox, "B Tiers-lieu.zip"), load_call(), "fr")
    assert "le disque des fichiers temporaires est plein" in caught.value.text("fr")
    assert "TMPDIR" in caught.value.text("fr")
    assert caught.value.exit_code == 2
    assert _scratch_left(os.getpid()) == []


def test_a_disk_that_fills_while_unpacking_leaves_nothing(
    inbox: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real ENOSPC from the kernel (the probe fooled into seeing room)."""
    with small_disk(tmp_path / "tmp") as disk:
        fill(disk, leave=64 * 1024)
        monkeypatch.setattr(tempfile, "tempdir", str(disk))
        monkeypatch.setattr(scratch, "free_space", lambda folder: 1 << 40)
        with pytest.raises(DiskFull) as caught:
            process(_item(inbox, "B Tiers-lieu.zip"), load_call(), "fr")
        assert isinstance(caught.value.__cause__, OSError)
        assert f"« {disk} »" in caught.value.text("fr")
        assert left_in(disk) == []


def test_a_full_disk_stops_the_triage_and_the_register_keeps_what_was_done(
    inbox: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In the workers (other processes, TMPDIR on a full tmpfs): the folder is verified and
    recorded, the archive stops the run with the message."""
    call = load_call()
    with small_disk(tmp_path / "tmp") as disk:
        fill(disk, leave=64 * 1024)
        monkeypatch.setenv("TMPDIR", str(disk))
        db = tmp_path / "registre.sqlite"
        with Register(db) as register, pytest.raises(DiskFull) as caught:
            triage(inbox, call, register=register, jobs=1)
        assert "le disque des fichiers temporaires est plein" in caught.value.text("fr")
        assert left_in(disk) == []
    assert _receptions(db) == ["A Fablab"]  # the next run records the rest: see kill -9


# -- kill -9 --------------------------------------------------------------------------------


def hangs_on_the_archive(item: InboxItem, call: Any, lang: str) -> Outcome:
    """The dossiers' work, in a worker: the archive's never ends."""
    if item.kind == "zip":
        time.sleep(60)
    return process(item, call, lang)


_TRIAGE_THEN_HANG = """
import sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from dossierkit.call import load_call
from dossierkit.triage.register import Register
from dossierkit.triage.run import triage
from test_triage_faults import hangs_on_the_archive
with Register(Path(sys.argv[3])) as register:
    triage(Path(sys.argv[2]), load_call(), register=register, jobs=1, work=hangs_on_the_archive,
           on_outcome=lambda outcome: print(outcome.item.name, flush=True))
"""


def test_kill_9_of_triage_keeps_the_register_and_the_next_run_records_the_rest(
    inbox: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "registre.sqlite"
    process_ = subprocess.Popen(
        [sys.executable, "-c", _TRIAGE_THEN_HANG, str(TESTS), str(inbox), str(db)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    assert process_.stdout is not None
    assert process_.stdout.readline().strip() == "A Fablab"  # recorded, the archive hangs
    tree = descendants(process_.pid)
    assert tree, "a worker is verifying the archive"
    os.kill(process_.pid, signal.SIGKILL)
    process_.wait()
    deadline = time.monotonic() + 3
    while any(Path(f"/proc/{pid}").exists() for pid in tree) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [pid for pid in tree if _running(pid)] == [], "workers die with the triage"
    assert _receptions(db) == ["A Fablab"]
    monkeypatch.setattr(scratch, "_cleaned", False)  # as in a new process
    with Register(db) as register:
        done = triage(inbox, load_call(), register=register, jobs=1)
    assert _receptions(db) == ["A Fablab", "B Tiers-lieu.zip"]
    assert [row.outcome.status for row in done.rows] == ["incomplete", "incomplete"]
    assert _scratch_left(process_.pid) == []


def _running(pid: int) -> bool:
    try:
        return b") Z " not in Path(f"/proc/{pid}/stat").read_bytes()
    except OSError:
        return False
