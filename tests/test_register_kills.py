"""One sending, one reception, whatever a kill or a failed worker interrupted (issue 18).

A triage records each sending in one transaction, and the register knows a sending by where
it was received and what it holds. Two ways could record one twice; both are tried here:

- a run killed (kill -9, the OOM killer) at any statement of its recording, then run again:
  each point is reached in a forked triage that the SQLite trace callback ends with
  ``os._exit`` when the statement starts, the way a SIGKILL stops it (no rollback, no
  ``finally``); the next run must find the register whole and each sending in it once;
- an archive whose verification failed in one run (its worker crashed, was killed, ran out
  of time) and was read in the next: the failed one is known by the archive's bytes, the
  read one by its files. This was the double seen once under kills (two ``receptions`` rows
  for « B Tiers-lieu.zip »): the archive's own SHA-256 now makes them one sending.

The verification itself is a stand-in (``quick``, in this process): what is tested is the
recording, and a real one would cost seconds per run. ``test_random_kills`` kills a real
triage's worker and checks the sending is recorded once.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest

from dossierkit.call import Call, load_call
from dossierkit.checks.intake import VerificationFailed
from dossierkit.triage import run as triage_run
from dossierkit.triage.model import COMPLETE, Complement, InboxItem, Outcome, Summary
from dossierkit.triage.register import Register
from dossierkit.triage.run import triage
from dossierkit.triage.worker import content_fingerprint, failed, folder_fingerprint

ZIP = "B Tiers-lieu.zip"
FOLDER = "A Fablab"


def _content(item: InboxItem) -> str:
    """The fingerprint a verification that read the sending gives: its files'."""
    if item.kind != "zip":
        return folder_fingerprint(item.path)
    with zipfile.ZipFile(item.path) as archive:
        return content_fingerprint(
            [(i.filename, hashlib.sha256(archive.read(i)).hexdigest()) for i in archive.infolist()]
        )


def quick(item: InboxItem, call: Call, lang: str) -> Outcome:
    """A verification that read the sending: its files' fingerprint, a structure."""
    fingerprint = _content(item)
    return Outcome(
        item=item,
        fingerprint=fingerprint,
        status=COMPLETE,
        summary=Summary(
            structure=f"Tiers-lieu {item.name[0]}",
            files=(("Courrier.pdf", fingerprint),),
        ),
    )


def broken(item: InboxItem, call: Call, lang: str) -> Outcome:
    """A verification that failed on the archive (crash, time-out), read on the folder."""
    if item.kind == "zip":
        why = VerificationFailed().finding(
            reason="processus arrêté par le signal 9", reason_en="process killed by signal 9"
        )
        return failed(item, why, time.monotonic())
    return quick(item, call, lang)


def _in_process(
    items: Iterable[InboxItem], *, call: Call, lang: str = "fr", work: Callable[..., Outcome],
    **_: object,
) -> Iterator[Outcome]:  # fmt: skip
    """The pool, without its workers: the recording is what these tests interrupt."""
    for item in items:
        yield work(item, call, lang)


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    inbox = tmp_path / "arrivees"
    (inbox / FOLDER).mkdir(parents=True)
    (inbox / FOLDER / "Courrier.pdf").write_bytes(b"%PDF-1.4 courrier du Fablab")
    with zipfile.ZipFile(inbox / ZIP, "w") as archive:
        archive.writestr("Courrier.pdf", b"%PDF-1.4 courrier du tiers-lieu")
    for moment, name in ((1, FOLDER), (2, ZIP)):
        stamp = datetime(2026, 11, moment, 9, tzinfo=UTC).timestamp()
        os.utime(inbox / name, (stamp, stamp))
    return inbox


def _triage(inbox: Path, work: Callable[..., Outcome] = quick) -> None:
    with Register(inbox.parent / "registre.sqlite") as register:
        triage(inbox, load_call(), register=register, work=work, jobs=1)


def _rows(inbox: Path) -> list[tuple[str, str]]:
    """(source, status of its latest verification) of every reception, and the register
    checked whole."""
    with closing(sqlite3.connect(inbox.parent / "registre.sqlite")) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = db.execute(
            "SELECT r.source_name, (SELECT status FROM verifications v WHERE v.reception_id = "
            "r.id ORDER BY v.id DESC LIMIT 1) FROM receptions r ORDER BY r.source_name"
        ).fetchall()
    return [(name, status) for name, status in rows]


def _killed_at(inbox: Path, statement: str, nth: int) -> int:
    """Run a triage in a forked process that dies as from SIGKILL when the ``nth``
    statement starting with ``statement`` starts; its exit code."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child never returns to pytest
        try:
            seen = 0

            def trace(sql: str) -> None:
                nonlocal seen
                if sql.lstrip().startswith(statement):
                    seen += 1
                    if seen == nth:
                        os._exit(9)

            opened = Register.__init__

            def traced(self: Register, path: Path) -> None:
                opened(self, path)
                self._db.set_trace_callback(trace)

            Register.__init__ = traced  # type: ignore[method-assign]
            _triage(inbox)
            os._exit(0)
        finally:
            os._exit(1)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])


# Each statement of a triage's recording (after the register is opened): the run's start,
# each sending's transaction (the folder's, then the archive's), the checks across sendings,
# the run's end.
POINTS = {
    "start": ("INSERT INTO runs", 1),
    "started": ("BEGIN", 2),
    "reception": ("INSERT INTO receptions", 1),
    "files": ("INSERT INTO reception_files", 1),
    "verification": ("INSERT INTO verifications", 1),
    "commit": ("COMMIT", 2),
    "between sendings": ("BEGIN", 3),
    "second commit": ("COMMIT", 3),
    "cross checks": ("BEGIN", 4),
    "end": ("UPDATE runs", 1),
}


@pytest.mark.parametrize("point", POINTS)
def test_a_first_triage_killed_at_each_step_then_run_again_records_each_sending_once(
    inbox: Path, monkeypatch: pytest.MonkeyPatch, point: str
) -> None:
    monkeypatch.setattr(triage_run, "run_pool", _in_process)
    assert _killed_at(inbox, *POINTS[point]) == 9, "the kill point is reached"
    _triage(inbox)
    _triage(inbox)
    assert _rows(inbox) == [(FOLDER, COMPLETE), (ZIP, COMPLETE)]
    with closing(sqlite3.connect(inbox.parent / "registre.sqlite")) as db:
        runs = db.execute("SELECT finished_at IS NULL FROM runs ORDER BY id").fetchall()
    killed = [] if point == "start" else [(1,)]  # killed before its run was recorded
    assert runs == [*killed, (0,), (0,)], "the killed run stays in the history, unfinished"


@pytest.mark.parametrize("point", ["verification", "commit", "between sendings", "end"])
def test_a_later_triage_killed_then_run_again_adds_no_reception(
    inbox: Path, monkeypatch: pytest.MonkeyPatch, point: str
) -> None:
    # The register already knows both sendings, as after an earlier day's triage.
    monkeypatch.setattr(triage_run, "run_pool", _in_process)
    _triage(inbox)
    assert _killed_at(inbox, *POINTS[point]) == 9
    _triage(inbox)
    assert _rows(inbox) == [(FOLDER, COMPLETE), (ZIP, COMPLETE)]


def test_an_archive_failed_in_one_run_and_read_in_the_next_is_one_sending(
    inbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(triage_run, "run_pool", _in_process)
    _triage(inbox, broken)
    assert _rows(inbox) == [(FOLDER, COMPLETE), (ZIP, "failed")]
    _triage(inbox, quick)
    _triage(inbox, broken)
    _triage(inbox, quick)
    assert _rows(inbox) == [(FOLDER, COMPLETE), (ZIP, COMPLETE)]
    with closing(sqlite3.connect(inbox.parent / "registre.sqlite")) as db:
        files = db.execute(
            "SELECT f.path FROM reception_files f JOIN receptions r ON r.id = f.reception_id "
            "WHERE r.source_name = ?",
            (ZIP,),
        ).fetchall()
        (verifications,) = db.execute("SELECT count(*) FROM verifications").fetchone()
    assert files == [("Courrier.pdf",)], "the files the later verification read are kept"
    assert verifications == 8


def test_an_archive_read_then_failed_is_one_sending(
    inbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(triage_run, "run_pool", _in_process)
    _triage(inbox, quick)
    _triage(inbox, broken)
    assert _rows(inbox) == [(FOLDER, COMPLETE), (ZIP, "failed")]


def test_an_archive_replaced_by_other_bytes_is_another_sending(
    inbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The same name saved over with a new version: another sending, as before.
    monkeypatch.setattr(triage_run, "run_pool", _in_process)
    _triage(inbox, broken)
    with zipfile.ZipFile(inbox / ZIP, "w") as archive:
        archive.writestr("Courrier.pdf", b"%PDF-1.4 courrier du tiers-lieu, version 2")
    _triage(inbox, broken)
    assert _rows(inbox) == [(FOLDER, COMPLETE), (ZIP, "failed"), (ZIP, "failed")]


def test_a_register_of_schema_7_keeps_its_receptions_and_learns_the_archives(
    inbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(triage_run, "run_pool", _in_process)
    _triage(inbox, quick)
    db = inbox.parent / "registre.sqlite"
    with closing(sqlite3.connect(db)) as connection:  # as schema 7 wrote it
        connection.execute("DROP INDEX receptions_sending")
        connection.execute("ALTER TABLE receptions DROP COLUMN source_sha256")
        connection.execute("PRAGMA user_version = 7")
        connection.commit()
    with Register(db) as register:
        assert register.schema_version == 8
    _triage(inbox, quick)  # known by its files, as before
    _triage(inbox, broken)  # its archive's bytes unknown to schema 7: one new row, once
    _triage(inbox, quick)
    _triage(inbox, broken)
    assert _rows(inbox) == [(FOLDER, COMPLETE), (ZIP, COMPLETE), (ZIP, "failed")]


def test_a_complement_failed_then_read_joins_the_application_it_completes(inbox: Path) -> None:
    call = load_call()
    folder = InboxItem(FOLDER, inbox / FOLDER, "folder")
    archive = InboxItem(ZIP, inbox / ZIP, "zip")
    why = VerificationFailed().finding(reason="délai dépassé", reason_en="time-out")
    with Register(inbox.parent / "registre.sqlite") as register:
        base = register.record(quick(folder, call, "fr"), call)
        alone = register.record(failed(archive, why, time.monotonic()), call)
        assert alone.application_id != base.application_id  # nothing told whose it was
        joined = register.record(
            quick(archive, call, "fr"),
            call,
            complement=Complement(base.reception_id, ("rib",), (("RIB.pdf", "ab" * 32),), "iban"),
        )
        assert joined.application_id == base.application_id
        again = register.record(failed(archive, why, time.monotonic()), call)
        assert again.reception_id == alone.reception_id, "the same archive, failed again"
    assert [name for name, _ in _rows(inbox)] == [FOLDER, ZIP, ZIP]
