"""The register: versioned, append-only, an application's history across its versions, and
consistent when a triage is killed or two run at once."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import generate
import pytest

from conftest import ROOT
from dossierkit.call import load_call
from dossierkit.triage.export import APPLICATION_COLUMNS
from dossierkit.triage.history import changes
from dossierkit.triage.register import SCHEMA_VERSION, Register, RegisterError
from dossierkit.triage.run import triage
from triage_inbox import built_dossiers


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return built_dossiers(tmp_path_factory.getbasetemp())


def triage_process(inbox: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "dossierkit", "triage", str(inbox), *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        start_new_session=True,  # its own process group: killed with its workers
    )


def count(db: Path, table: str) -> int:
    """Rows of ``table``, read as another process would, while a triage may be writing."""
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as connection:
        try:
            return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        except sqlite3.OperationalError:  # the schema is not created yet
            return 0


def test_the_register_is_created_versioned_and_reopened(tmp_path: Path) -> None:
    path = tmp_path / "registre.sqlite"
    with Register(path) as register:
        assert register.schema_version == SCHEMA_VERSION
    with Register(path) as register:  # migrations are not replayed
        assert register.schema_version == SCHEMA_VERSION
        assert register.entries() == []


def test_a_register_from_a_newer_dossierkit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "registre.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(RegisterError, match="version plus récente"):
        Register(path)
    result = subprocess.run(
        [sys.executable, "-m", "dossierkit", "registre", "--db", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and "mettez dossierkit à jour" in result.stderr


def test_a_file_that_is_not_a_register_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "registre.sqlite"
    path.write_text("pas une base")
    with pytest.raises(RegisterError, match="ne peut pas être ouvert"):
        Register(path)


def test_nothing_is_ever_deleted_or_rewritten(built: dict[str, Path], tmp_path: Path) -> None:
    inbox = tmp_path / "arrivees"
    inbox.mkdir()
    shutil.copytree(built["ternois"], inbox / "Fablab Ternois")
    path = tmp_path / "registre.sqlite"
    with Register(path) as register:
        triage(inbox, load_call(), register=register, jobs=1)
    db = sqlite3.connect(path)
    for statement in (
        "DELETE FROM receptions",
        "DELETE FROM applications",
        "DELETE FROM runs",
        "UPDATE verifications SET status = 'complete'",
        "UPDATE applications SET structure = 'autre'",
        "UPDATE runs SET finished_at = '2000-01-01'",
    ):
        with pytest.raises(sqlite3.DatabaseError, match="registre"):
            db.execute(statement)
    assert db.execute("SELECT count(*) FROM receptions").fetchone()[0] == 1


def test_complements_are_recognised_as_the_same_application(
    built: dict[str, Path], tmp_path: Path
) -> None:
    inbox = tmp_path / "arrivees"
    inbox.mkdir()
    first = shutil.copytree(built["association-incomplete"], inbox / "Ateliers Montreuillois")
    path = tmp_path / "registre.sqlite"
    call = load_call()
    with Register(path) as register:
        triage(inbox, call, register=register, jobs=1)
        # Same inbox again: same reception, one more verification.
        triage(inbox, call, register=register, jobs=1)
    assert (count(path, "receptions"), count(path, "verifications")) == (1, 2)
    # The association sends its dossier again, with its RIB and statuts.
    applicant = generate.applicant_montreuillois()
    second = shutil.copytree(first, inbox / "Ateliers Montreuillois - complété")
    shutil.rmtree(first)
    bank = applicant.bank
    generate.make_rib_pdf(second / "RIB.pdf", bank.holder, bank.iban, bank.bic, bank.bank)
    statuts = generate.make_statuts_docx(tmp_path / "statuts.docx", applicant)
    generate.office_to_pdf(statuts, second, use_libreoffice=False, name="Statuts.pdf")
    with Register(path) as register:
        result = triage(inbox, call, register=register, jobs=1)
        entries = register.entries()
    (row,) = result.rows
    assert [f.code for f in row.findings] == ["I005"]  # the earlier version, in the register
    assert "Ateliers Montreuillois" in row.findings[0].params["other_dossier"]
    assert len(entries) == 1
    entry = entries[0]
    assert entry.versions == 2 and entry.last_source == "Ateliers Montreuillois - complété"
    assert "Ateliers Numériques du Montreuillois" in (entry.structure or "")
    assert entry.errors < 4  # the RIB and the statuts are no longer missing
    assert (count(path, "applications"), count(path, "receptions")) == (1, 2)
    assert count(path, "verifications") == 3  # the history is kept
    # « dossierkit registre REF »: the versions, and what the second changed.
    shown = subprocess.run(
        [sys.executable, "-m", "dossierkit", "registre", "--db", str(path), entry.reference],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert shown.returncode == 0, shown.stderr
    text = shown.stdout.replace("\u00a0", " ")
    assert "Version 1 : « Ateliers Montreuillois »" in text
    assert "Version 2 : « Ateliers Montreuillois - complété »" in text
    # Version 1's two verifications found the same: one line says so.
    assert text.count("vérifiée le") == 2 and "même résultat 1 fois de plus" in text
    assert "Changements depuis la version 1 :" in text
    assert "fichiers ajoutés : RIB.pdf, Statuts.pdf" in text
    assert "RIB : manquante → présente" in text
    assert re.search(r"constat résolu : P001 — .*RIB", text), text
    with Register(path) as register:
        history = register.application(entry.reference.lower())
    assert history is not None and [v.source_name for v in history.versions] == [
        "Ateliers Montreuillois",
        "Ateliers Montreuillois - complété",
    ]
    found = changes(*history.versions)
    assert found.added == ("RIB.pdf", "Statuts.pdf") and not found.removed
    assert "P001" in {f["code"] for f in found.resolved}
    assert "P001" not in {f["code"] for f in found.new}
    unknown = subprocess.run(
        [sys.executable, "-m", "dossierkit", "registre", "--db", str(path), "TLN-0099"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert unknown.returncode == 2 and "aucune demande TLN-0099" in unknown.stderr


def test_a_rival_received_another_day_is_flagged(built: dict[str, Path], tmp_path: Path) -> None:
    path = tmp_path / "registre.sqlite"
    call = load_call()
    with Register(path) as register:
        monday = tmp_path / "lundi"
        monday.mkdir()
        shutil.copytree(built["ternois"], monday / "Fablab Ternois")
        triage(monday, call, register=register, jobs=1)
        tuesday = tmp_path / "mardi"
        tuesday.mkdir()
        shutil.copytree(built["rival"], tuesday / "Ternois Numérique")
        (row,) = triage(tuesday, call, register=register, jobs=1).rows
    (rivalry,) = [f for f in row.findings if f.code == "I001"]
    assert rivalry.params["other_dossier"] == "Fablab Ternois"
    assert rivalry.params["epci"] == "CC du Ternois"


def test_registre_lists_and_exports(built: dict[str, Path], tmp_path: Path) -> None:
    inbox = tmp_path / "arrivees"
    inbox.mkdir()
    shutil.copytree(built["association-incomplete"], inbox / "Ateliers")
    shutil.copytree(built["ternois"], inbox / "Fablab")
    with Register(tmp_path / "dossierkit-registre.sqlite") as register:
        triage(inbox, load_call(), register=register, jobs=2)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "dossierkit",
            "registre",
            str(inbox),
            "--csv",
            str(tmp_path / "registre.csv"),
            "--xlsx",
            str(tmp_path / "registre.xlsx"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "TLN-0001" in result.stdout and "TLN-0002" in result.stdout
    rows = list(
        csv.DictReader(
            io.StringIO((tmp_path / "registre.csv").read_text("utf-8-sig")), delimiter=";"
        )
    )
    assert [r["Référence"] for r in rows] == ["TLN-0001", "TLN-0002"]
    assert {r["Statut"] for r in rows} == {"complet", "incomplet"}
    assert all(r["Versions reçues"] == "1" for r in rows)
    # The triage's tracking sheet, drawn from the register: same columns, same facts.
    assert list(rows[0]) == [c.fr for c in APPLICATION_COLUMNS if c.key != "platform_reference"]
    ateliers = next(r for r in rows if r["Statut"] == "incomplet")
    assert ateliers["Représentant légal"].startswith("Nathalie Lecomte")
    assert (
        "Relevé d'identité bancaire" in ateliers["Pièces manquantes"]
        or "RIB" in (ateliers["Pièces manquantes"])
    )
    assert ateliers["Animation année 1 demandée"] and ateliers["Équipement plafond"]
    import openpyxl

    book = openpyxl.load_workbook(tmp_path / "registre.xlsx")
    sheet = book["Demandes"]
    assert sheet.auto_filter.ref == sheet.dimensions
    assert [c.value for c in sheet[1]][:2] == ["Référence", "Reçue le"]
    assert sheet.max_row == 3
    versions = list(book["Versions"].iter_rows(values_only=True))
    assert versions[0][:3] == ("Dossier", "Référence", "Reçu le")
    assert sorted((v[0], v[1]) for v in versions[1:]) == [
        ("Ateliers", ateliers["Référence"]),
        ("Fablab", next(r["Référence"] for r in rows if r is not ateliers)),
    ]


def test_a_register_of_schema_5_is_brought_up_to_date(
    built: dict[str, Path], tmp_path: Path
) -> None:
    # A register written before schema 6 kept no facts beyond its columns: it opens, its
    # verifications keep what they had, and the tracking sheet is drawn from those.
    inbox = tmp_path / "arrivees"
    inbox.mkdir()
    shutil.copytree(built["ternois"], inbox / "Fablab")
    db = tmp_path / "dossierkit-registre.sqlite"
    with Register(db) as register:
        triage(inbox, load_call(), register=register, jobs=1)
    with closing(sqlite3.connect(db)) as connection:
        # What schema 5 had: no facts kept with a verification, no decisions.
        connection.execute("ALTER TABLE verifications DROP COLUMN summary")
        connection.execute("DROP TABLE decisions")
        connection.execute("DROP INDEX receptions_sending")
        connection.execute("ALTER TABLE receptions DROP COLUMN source_sha256")
        connection.execute("PRAGMA user_version = 5")
        connection.commit()
    with Register(db) as register:
        assert register.schema_version == SCHEMA_VERSION == 8
        ((entry, row),) = register.current_versions()
    summary = row.outcome.summary
    assert entry.reference == "TLN-0001" and summary.structure == "Fab'Lab du Ternois"
    assert summary.iban and summary.aid_requested and summary.representative is None
    csv_file = tmp_path / "suivi.csv"
    result = subprocess.run(
        [sys.executable, "-m", "dossierkit", "registre", str(inbox), "--csv", str(csv_file)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    (line,) = csv.DictReader(io.StringIO(csv_file.read_text("utf-8-sig")), delimiter=";")
    assert line["Structure"] == "Fab'Lab du Ternois" and line["Total demandé"] == "110000"
    with Register(db) as register:  # a verification made now keeps its facts again
        triage(inbox, load_call(), register=register, jobs=1)
        ((_, row),) = register.current_versions()
    assert row.outcome.summary.representative == "Marie Delattre"


def test_registre_without_a_register_says_what_to_do(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "dossierkit", "registre", str(tmp_path / "arrivees")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and "lancez d'abord" in result.stderr
    assert not (tmp_path / "dossierkit-registre.sqlite").exists()


def _inbox_of_copies(built: dict[str, Path], inbox: Path, n: int) -> Path:
    inbox.mkdir()
    for i in range(n):
        shutil.copytree(built["ternois"], inbox / f"Fablab {i:02d}")
    shutil.copytree(built["rival"], inbox / "Rival")
    return inbox


@pytest.mark.slow
def test_a_killed_triage_leaves_a_consistent_register(
    built: dict[str, Path], tmp_path: Path
) -> None:
    inbox = _inbox_of_copies(built, tmp_path / "arrivees", 9)
    db = tmp_path / "registre.sqlite"
    process = triage_process(inbox, "--db", str(db), "--jobs", "1")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if db.exists() and count(db, "verifications") >= 2:
            break
        time.sleep(0.02)
    assert process.poll() is None, "the triage ended before it could be killed"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    connection = sqlite3.connect(db)
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    done = count(db, "verifications")
    assert 2 <= done < 10
    # Reception and verification are one transaction: none without the other.
    assert count(db, "receptions") == done
    assert connection.execute(
        "SELECT count(*) FROM receptions r WHERE NOT EXISTS "
        "(SELECT 1 FROM verifications v WHERE v.reception_id = r.id)"
    ).fetchone() == (0,)
    assert connection.execute("SELECT count(*) FROM runs WHERE finished_at IS NULL").fetchone() == (
        1,
    )
    connection.close()
    # The next triage picks up: every dossier once, the earlier ones verified again.
    again = triage_process(inbox, "--db", str(db), "--jobs", "2")
    assert again.wait(timeout=300) == 0, again.stderr.read() if again.stderr else ""
    assert count(db, "receptions") == 10
    assert count(db, "verifications") == done + 10
    assert count(db, "applications") == 2


@pytest.mark.slow
def test_two_triages_at_once_share_the_register(built: dict[str, Path], tmp_path: Path) -> None:
    inbox = _inbox_of_copies(built, tmp_path / "arrivees", 3)
    db = tmp_path / "registre.sqlite"
    first = triage_process(inbox, "--db", str(db), "--jobs", "1")
    second = triage_process(inbox, "--db", str(db), "--jobs", "1")
    for process in (first, second):
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        assert "Traceback" not in err
    connection = sqlite3.connect(db)
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert count(db, "receptions") == 4  # each dossier received once
    assert count(db, "verifications") == 8  # and verified by both
    assert count(db, "applications") == 2
    assert connection.execute(
        "SELECT count(*) FROM runs WHERE finished_at IS NOT NULL"
    ).fetchone() == (2,)


def _zip_dated(folder: Path, target: Path, packed: datetime, arrived: datetime) -> Path:
    """The folder zipped as an applicant does (every member dated ``packed``, when the
    pieces were saved) and saved in the inbox at ``arrived``, as a mail client saves an
    attachment."""
    import zipfile

    with zipfile.ZipFile(target, "w") as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                info = zipfile.ZipInfo(str(path.relative_to(folder)), packed.timetuple()[:6])
                archive.writestr(info, path.read_bytes())
    os.utime(target, (arrived.timestamp(), arrived.timestamp()))
    return target


def test_references_follow_reception_whatever_the_workers(
    built: dict[str, Path], tmp_path: Path
) -> None:
    # Names in the opposite order of reception, and archives packed in yet another order:
    # the references and dates must follow the arrivals, not the names, nor the members'
    # times (when the applicant saved the pieces), nor the order in which workers finish.
    inbox = tmp_path / "arrivees"
    inbox.mkdir()
    _zip_dated(
        built["association-incomplete"],
        inbox / "A - reçu en dernier.zip",
        packed=datetime(2026, 9, 1, 9),
        arrived=datetime(2026, 11, 20, 9, tzinfo=UTC),
    )
    _zip_dated(
        built["ternois"],
        inbox / "B - reçu en premier.zip",
        packed=datetime(2026, 10, 1, 9),
        arrived=datetime(2026, 10, 5, 9, tzinfo=UTC),
    )
    _zip_dated(
        built["interco-complete"],
        inbox / "C - reçu au milieu.zip",
        packed=datetime(2026, 9, 15, 9),
        arrived=datetime(2026, 11, 2, 9, tzinfo=UTC),
    )
    references = []
    for jobs in (1, 2):
        db = tmp_path / f"registre-{jobs}.sqlite"
        with Register(db) as register:
            triage(inbox, load_call(), register=register, jobs=jobs)
        with closing(sqlite3.connect(db)) as connection:
            rows = connection.execute(
                "SELECT a.reference, r.source_name, r.received_at FROM receptions r "
                "JOIN applications a ON a.id = r.application_id ORDER BY a.reference"
            ).fetchall()
        references.append([(reference, name) for reference, name, _ in rows])
        assert [received[:10] for _, _, received in rows] == [
            "2026-10-05",
            "2026-11-02",
            "2026-11-20",
        ], "the reception date is the archive's arrival, not its members' nor the triage's"
    assert (
        references[0]
        == references[1]
        == [
            ("TLN-0001", "B - reçu en premier.zip"),
            ("TLN-0002", "C - reçu au milieu.zip"),
            ("TLN-0003", "A - reçu en dernier.zip"),
        ]
    )


def test_the_instructor_gives_the_reception_date(built: dict[str, Path], tmp_path: Path) -> None:
    inbox = tmp_path / "arrivees"
    shutil.copytree(built["ternois"], inbox / "Fablab Ternois")
    db = tmp_path / "registre.sqlite"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "dossierkit",
            "triage",
            str(inbox),
            "--db",
            str(db),
            "--recu-le",
            "15/10/2026",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode in (0, 1), result.stderr
    with closing(sqlite3.connect(db)) as connection:
        [(received,)] = connection.execute("SELECT received_at FROM receptions").fetchall()
    assert received.startswith("2026-10-1"), received  # 15 October, local midnight in UTC


def test_a_complement_sent_alone_joins_its_application(
    built: dict[str, Path], tmp_path: Path
) -> None:
    # Monday: the Montreuillois association's dossier without RIB nor statuts, and a rival
    # structure of another intercommunalité. Tuesday: the statuts and the RIB alone (a
    # complement, matched by the structure the statuts name), and a RIB alone that nothing
    # identifies (the application has no RIB yet): waiting for the instructor.
    call = load_call()
    applicant = generate.applicant_montreuillois()
    monday = tmp_path / "lundi"
    monday.mkdir()
    shutil.copytree(built["association-incomplete"], monday / "Ateliers Montreuillois")
    shutil.copytree(built["ternois"], monday / "Fablab Ternois")
    tuesday = tmp_path / "mardi"
    complement = tuesday / "Complément Montreuillois"
    complement.mkdir(parents=True)
    statuts = generate.make_statuts_docx(tmp_path / "statuts.docx", applicant)
    generate.office_to_pdf(statuts, complement, use_libreoffice=False, name="Statuts.pdf")
    bank = applicant.bank
    generate.make_rib_pdf(complement / "RIB.pdf", bank.holder, bank.iban, bank.bic, bank.bank)
    alone = tuesday / "RIB seul"
    alone.mkdir()
    shutil.copy(complement / "RIB.pdf", alone / "RIB.pdf")
    (complement / "RIB.pdf").unlink()  # the statuts only: the RIB comes alone
    db = tmp_path / "registre.sqlite"
    with Register(db) as register:
        first = {
            r.outcome.item.name: r for r in triage(monday, call, register=register, jobs=1).rows
        }
        reference = first["Ateliers Montreuillois"].reception.reference  # type: ignore[union-attr]
        rows = {
            r.outcome.item.name: r for r in triage(tuesday, call, register=register, jobs=1).rows
        }
        joined = rows["Complément Montreuillois"]
        assert joined.reception is not None and joined.reception.reference == reference
        assert joined.complement_of == reference
        # The verdict is the application's: its pieces and the statuts, merged.
        assert "Montreuillois" in (joined.outcome.summary.structure or "")
        report = joined.outcome.report
        assert report is not None
        status = {p["kind"]: p["status"] for p in report["pieces"]}
        assert status["courrier"] == "ok" and status["statuts"] == "ok"
        assert status["rib"] == "missing"
        # Never a rival application.
        assert not [f for r in rows.values() for f in r.findings if f.code == "I001"]
        waiting = rows["RIB seul"]
        assert waiting.reception is None and waiting.pending is not None
        assert [p.source_name for p in register.pending()] == ["RIB seul"]
        assert len(register.entries()) == 2
    # The instructor attaches the RIB: a third version, the pieces now all there.
    attached = subprocess.run(
        [
            sys.executable,
            "-m",
            "dossierkit",
            "registre",
            "--db",
            str(db),
            reference,
            "--rattacher",
            "RIB seul",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert attached.returncode == 0, attached.stderr
    assert f"{reference} : « RIB seul » rattaché" in attached.stdout.replace("\u00a0", " ")
    with Register(db) as register:
        assert register.pending() == []
        history = register.application(reference)
        assert history is not None
        assert [v.source_name for v in history.versions][1:] == [
            "Complément Montreuillois",
            "RIB seul",
        ]
        last = history.versions[-1].latest
        assert last is not None and {k: st for k, _, st in last.pieces}["rib"] == "ok"
        (entry,) = [e for e in register.entries() if e.reference == reference]
        assert entry.versions == 3 and entry.last_source == "RIB seul"
