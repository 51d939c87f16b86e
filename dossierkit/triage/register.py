"""The register of applications: every dossier received, verified and answered, for good.

The call has no deadline: dossiers are examined "au rythme de leur réception", so the
order and date of reception matter, and an application's history (each version sent, each
verification, each letter) must survive crashes and years. SQLite (standard library) holds
it in one file beside the inbox:

- WAL journal, ``synchronous=FULL`` and one transaction per dossier: a process killed at any
  moment leaves a consistent register and loses at most the dossier being recorded;
- ``BEGIN IMMEDIATE`` and a busy timeout: two triages on the same register take turns
  instead of failing or recording one application twice;
- triggers refuse any DELETE, and any UPDATE of history: nothing recorded is ever lost;
- ``PRAGMA user_version`` is the schema version; ``MIGRATIONS`` brings an older register up
  to date, and a register written by a newer dossierkit is refused rather than damaged.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from dossierkit import __version__
from dossierkit.call import Call
from dossierkit.checks.intake import Candidate
from dossierkit.errors import DossierkitError, InputError
from dossierkit.external.scratch import disk_error
from dossierkit.findings import Finding, Severity
from dossierkit.names import same_structure
from dossierkit.triage.checks import rendered
from dossierkit.triage.history import Check, Decision, History, Letter, Version
from dossierkit.triage.model import (
    EMPTY_REASON,
    Complement,
    InboxItem,
    Incident,
    Layer,
    Outcome,
    Pending,
    Reception,
    Row,
    Summary,
)
from dossierkit.triage.reception import archive_sha256
from dossierkit.triage.sqlite_errors import remove_database, storage_error

DEFAULT_NAME = "dossierkit-registre.sqlite"
BUSY_TIMEOUT_SECONDS = 60.0
_HISTORY_TABLES = (
    "applications",
    "receptions",
    "reception_files",
    "verifications",
    "cross_findings",
    "letters",
)
_V1 = (
    """CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        inbox TEXT NOT NULL,
        tool_version TEXT NOT NULL,
        call_id TEXT NOT NULL,
        call_version TEXT NOT NULL
    )""",
    """CREATE TABLE applications (
        id INTEGER PRIMARY KEY,
        reference TEXT NOT NULL UNIQUE,
        structure TEXT,
        structure_kind TEXT,
        epci_siren TEXT,
        epci_name TEXT,
        created_at TEXT NOT NULL
    )""",
    """CREATE TABLE receptions (
        id INTEGER PRIMARY KEY,
        application_id INTEGER NOT NULL REFERENCES applications(id),
        received_at TEXT NOT NULL,
        source_path TEXT NOT NULL,
        source_name TEXT NOT NULL,
        source_kind TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        UNIQUE (source_path, fingerprint)
    )""",
    "CREATE INDEX receptions_fingerprint ON receptions(fingerprint)",
    """CREATE TABLE reception_files (
        reception_id INTEGER NOT NULL REFERENCES receptions(id),
        path TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        PRIMARY KEY (reception_id, path)
    )""",
    """CREATE TABLE verifications (
        id INTEGER PRIMARY KEY,
        reception_id INTEGER NOT NULL REFERENCES receptions(id),
        run_id INTEGER REFERENCES runs(id),
        verified_at TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('complete', 'incomplete', 'failed')),
        errors INTEGER NOT NULL,
        warnings INTEGER NOT NULL,
        infos INTEGER NOT NULL,
        structure TEXT,
        structure_kind TEXT,
        epci_siren TEXT,
        epci_name TEXT,
        form TEXT,
        iban TEXT,
        aid_requested TEXT,
        aid_maximum TEXT,
        seconds REAL NOT NULL,
        tool_version TEXT NOT NULL,
        call_id TEXT NOT NULL,
        call_version TEXT NOT NULL,
        findings TEXT NOT NULL,
        report TEXT
    )""",
    "CREATE INDEX verifications_reception ON verifications(reception_id)",
    """CREATE TABLE cross_findings (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES runs(id),
        reception_id INTEGER NOT NULL REFERENCES receptions(id),
        code TEXT NOT NULL,
        severity TEXT NOT NULL,
        message TEXT NOT NULL,
        params TEXT NOT NULL
    )""",
    """CREATE TABLE letters (
        id INTEGER PRIMARY KEY,
        reception_id INTEGER NOT NULL REFERENCES receptions(id),
        kind TEXT NOT NULL,
        created_at TEXT NOT NULL,
        docx_path TEXT NOT NULL,
        pdf_path TEXT,
        tool_version TEXT NOT NULL
    )""",
    *(
        f"""CREATE TRIGGER {table}_keep BEFORE DELETE ON {table}
        BEGIN SELECT RAISE(ABORT, 'le registre ne supprime rien'); END"""
        for table in (*_HISTORY_TABLES, "runs")
    ),
    *(
        f"""CREATE TRIGGER {table}_history BEFORE UPDATE ON {table}
        BEGIN SELECT RAISE(ABORT, 'le registre ne réécrit pas l''historique'); END"""
        for table in _HISTORY_TABLES
    ),
    """CREATE TRIGGER runs_history BEFORE UPDATE ON runs
        WHEN OLD.finished_at IS NOT NULL OR NEW.id IS NOT OLD.id
          OR NEW.started_at IS NOT OLD.started_at OR NEW.inbox IS NOT OLD.inbox
          OR NEW.tool_version IS NOT OLD.tool_version OR NEW.call_id IS NOT OLD.call_id
          OR NEW.call_version IS NOT OLD.call_version
        BEGIN SELECT RAISE(ABORT, 'le registre ne réécrit pas l''historique'); END""",
)
# Version 2: a letter is a draft until the instructor says it was sent; the sending is its own
# record (history is never updated), and a sent letter's file is never written again.
_V2 = (
    """CREATE TABLE letter_sendings (
        letter_id INTEGER PRIMARY KEY REFERENCES letters(id),
        sent_on TEXT NOT NULL,
        recorded_at TEXT NOT NULL
    )""",
    """CREATE TRIGGER letter_sendings_keep BEFORE DELETE ON letter_sendings
        BEGIN SELECT RAISE(ABORT, 'le registre ne supprime rien'); END""",
    """CREATE TRIGGER letter_sendings_history BEFORE UPDATE ON letter_sendings
        BEGIN SELECT RAISE(ABORT, 'le registre ne réécrit pas l''historique'); END""",
)
# Version 3: a sending of which nothing could be read (an empty folder, an archive that cannot
# be opened) is an incident, kept without a reference: there is no application to number.
_V3 = (
    """CREATE TABLE incidents (
        id INTEGER PRIMARY KEY,
        run_id INTEGER REFERENCES runs(id),
        received_at TEXT NOT NULL,
        source_path TEXT NOT NULL,
        source_name TEXT NOT NULL,
        source_kind TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        reason TEXT NOT NULL,
        findings TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        UNIQUE (source_path, fingerprint)
    )""",
    """CREATE TRIGGER incidents_keep BEFORE DELETE ON incidents
        BEGIN SELECT RAISE(ABORT, 'le registre ne supprime rien'); END""",
    """CREATE TRIGGER incidents_history BEFORE UPDATE ON incidents
        BEGIN SELECT RAISE(ABORT, 'le registre ne réécrit pas l''historique'); END""",
)


def _append_only(*tables: str) -> tuple[str, ...]:
    """Triggers that refuse to delete or rewrite a row of ``tables``: the register keeps its
    history (the statements are those of the released migrations, word for word)."""
    return tuple(
        f"""CREATE TRIGGER {table}_{name} BEFORE {event} ON {table}
        BEGIN SELECT RAISE(ABORT, '{message}'); END"""
        for table in tables
        for name, event, message in (
            ("keep", "DELETE", "le registre ne supprime rien"),
            ("history", "UPDATE", "le registre ne réécrit pas l''historique"),
        )
    )


# Version 4: a complement sent alone (some pieces, no letter, no dossier technique) is a
# reception of the application it completes, verified merged with it; until the register
# knows which application that is, it waits in ``pending`` for the instructor to attach it.
_V4 = (
    """CREATE TABLE complements (
        reception_id INTEGER PRIMARY KEY REFERENCES receptions(id),
        base_reception_id INTEGER NOT NULL REFERENCES receptions(id),
        kinds TEXT NOT NULL,
        how TEXT NOT NULL,
        recorded_at TEXT NOT NULL
    )""",
    """CREATE TABLE pending (
        id INTEGER PRIMARY KEY,
        run_id INTEGER REFERENCES runs(id),
        received_at TEXT NOT NULL,
        source_path TEXT NOT NULL,
        source_name TEXT NOT NULL,
        source_kind TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        kinds TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        UNIQUE (source_path, fingerprint)
    )""",
    *_append_only("complements", "pending"),
)
# A dossier read from a platform's export keeps the platform's number beside the reference.
_V5 = ("ALTER TABLE receptions ADD COLUMN platform_reference TEXT",)
# Version 6: each verification keeps the facts its letters and the tracking sheet are drawn
# from (SIRET, legal representative and title, address), so that ``registre --csv`` gives the
# same columns as the triage's export without the dossier's files.
_V6 = ("ALTER TABLE verifications ADD COLUMN summary TEXT",)
# Version 7: what the instructor decided about an application, kept like the rest of its
# history. One decision so far: the application is a duplicate of another (the same
# project sent again under another name, that nothing recognised): it is marked so in the
# tracking sheet, leaves the cross-dossier checks, and keeps its reference and history.
_V7 = (
    """CREATE TABLE decisions (
        id INTEGER PRIMARY KEY,
        application_id INTEGER NOT NULL REFERENCES applications(id),
        kind TEXT NOT NULL CHECK (kind IN ('duplicate')),
        other_application_id INTEGER REFERENCES applications(id),
        decided_on TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        UNIQUE (application_id, kind)
    )""",
    *_append_only("decisions"),
)
# Version 8: an archive's own bytes (SHA-256) kept with its reception. A sending's fingerprint
# is its files' when its verification read them, the archive's when it failed (a worker that
# crashed, was killed or ran out of time): the same archive, failed in one run and read in the
# next, was recorded twice. The same bytes at the same place are now one sending, however far
# its verification went (``reception.archive_sha256``).
_V8 = (
    "ALTER TABLE receptions ADD COLUMN source_sha256 TEXT",
    "CREATE UNIQUE INDEX receptions_sending ON receptions(source_path, source_sha256)",
)
# Migration n brings the schema from version n - 1 to n; never edit one once released.
MIGRATIONS: tuple[tuple[str, ...], ...] = (_V1, _V2, _V3, _V4, _V5, _V6, _V7, _V8)
SCHEMA_VERSION = len(MIGRATIONS)


class RegisterError(InputError):
    """The register cannot be used; the message says why, in French."""


def default_path(inbox: Path) -> Path:
    """The register beside the inbox (never inside: the inbox is only read)."""
    return inbox.resolve().parent / DEFAULT_NAME


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def parse_time(text: str) -> datetime:
    """A time the register stored (UTC), in the local time zone."""
    return datetime.fromisoformat(text).astimezone()


def reference_prefix(call_id: str) -> str:
    """``TLN`` for ``tiers-lieux-numerique``: the letters instructors quote on the phone."""
    return "".join(word[0] for word in call_id.split("-") if word).upper() or "D"


@dataclass(frozen=True)
class Entry:
    """One application as ``dossierkit registre`` lists it, from its latest verification."""

    reference: str
    first_received_at: datetime
    structure: str | None
    structure_kind: str | None
    epci_name: str | None
    epci_siren: str | None
    form: str | None
    versions: int
    last_source: str
    last_received_at: datetime
    status: str
    errors: int
    warnings: int
    verified_at: datetime
    aid_requested: str | None
    aid_maximum: str | None
    letters: int
    # The platform's dossier number of the version received last, when it came from one.
    platform_reference: str | None = None
    # The day the acknowledgement was sent, and the reception of the first version found
    # complete: the dates the service counts its delays from.
    acknowledged_on: date | None = None
    complete_on: datetime | None = None
    # The application this one duplicates, as the instructor marked it (``--doublon-de``).
    duplicate_of: str | None = None
    # The current version's IBAN and files ((relative path, SHA-256)): what the tracking
    # sheet compares between applications (``triage.rivals``), one IBAN or file shared.
    iban: str | None = None
    files: tuple[tuple[str, str], ...] = ()


def _pieces(report: str | None) -> tuple[tuple[str, str, str], ...]:
    """(kind, label, status) of each piece a verification's report lists; an annex, which
    has no status, is "ok" when a file was taken for it."""
    if report is None:
        return ()
    data = json.loads(report)
    return tuple(
        (p["kind"], p["label"], p.get("status") or ("ok" if p.get("files") else "missing"))
        for p in data["pieces"] + data["annexes"]
    )


def _pending(row: sqlite3.Row) -> Pending:
    return Pending(
        id=int(row["id"]),
        received_at=parse_time(row["received_at"]),
        source_name=row["source_name"],
        source_path=Path(row["source_path"]),
        source_kind=row["source_kind"],
        kinds=tuple(json.loads(row["kinds"])),
    )


def _incident(row: sqlite3.Row) -> Incident:
    return Incident(
        id=int(row["id"]),
        received_at=parse_time(row["received_at"]),
        source_name=row["source_name"],
        reason=row["reason"],
    )


# The Summary's fields a verification keeps (its files are in ``reception_files``).
_SUMMARY_FIELDS = tuple(f.name for f in fields(Summary) if f.name != "files")


def summary_json(summary: Summary) -> str:
    """The facts of ``summary`` as the register keeps them: amounts as text, exact."""
    values = {name: getattr(summary, name) for name in _SUMMARY_FIELDS}
    values["address"] = list(summary.address)
    for name in ("aid_requested", "aid_maximum"):
        values[name] = None if values[name] is None else str(values[name])
    return json.dumps(values, ensure_ascii=False, sort_keys=True)


def _summary(row: sqlite3.Row) -> Summary:
    """The Summary a verification recorded; from its own columns for a verification recorded
    before schema 6 (which did not keep SIRET, representative or address)."""
    if row["summary"] is not None:
        values = json.loads(row["summary"])
    else:
        values = {
            name: row[name]
            for name in ("structure", "structure_kind", "epci_name", "epci_siren", "form", "iban")
        }
        values["aid_requested"], values["aid_maximum"] = row["aid_requested"], row["aid_maximum"]
    known = {k: v for k, v in values.items() if k in _SUMMARY_FIELDS}
    known["address"] = tuple(known.get("address") or ())
    for name in ("aid_requested", "aid_maximum"):
        known[name] = None if known.get(name) is None else Decimal(known[name])
    return Summary(**known)


def _intake(findings: str, report: dict[str, Any] | None) -> list[Finding]:
    """The triage's own findings of a verification (recorded after the report's)."""
    own = len(report["findings"]) if report is not None else 0
    return [
        Finding(f["code"], Severity(f["severity"]), f.get("piece"), f.get("file"), f.get("page"))
        for f in json.loads(findings)[own:]
    ]


class Register:
    """An open register; use as a context manager, or call ``close``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        created = not path.exists()
        db: sqlite3.Connection | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
            self._db = db
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = FULL")
            self._db.execute("PRAGMA foreign_keys = ON")
            self._migrate()
        except (sqlite3.Error, OSError, DossierkitError) as exc:
            if db is not None:
                db.close()
            if created:  # never leave a register half made: the next run would trust it
                remove_database(path)
            if isinstance(exc, DossierkitError):  # a newer schema, a full disk: said already
                raise
            if isinstance(exc, OSError):
                raise disk_error(exc, path) from exc
            raise storage_error(exc, path) or RegisterError(
                f"le registre « {path} » ne peut pas être ouvert ({exc}) : "
                "est-ce bien un registre de dossierkit ?",
                english=f'the register "{path}" cannot be opened ({exc}): is it a register of '
                "dossierkit?",
            ) from exc

    def __enter__(self) -> Register:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (every write is already committed)."""
        self._db.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        # IMMEDIATE takes the write lock at once: two triages wait for each other (busy
        # timeout) rather than both reading, then one failing to write.
        # A full disk fails a statement or the commit: the transaction is rolled back, the
        # register stays as it was, and the instructor is told in French what to free.
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                with suppress(sqlite3.Error):
                    self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            with suppress(sqlite3.Error):
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
            error = storage_error(exc, self.path)
            if error is None:
                raise
            raise error from exc

    def _migrate(self) -> None:
        with self._transaction() as db:
            version = int(db.execute("PRAGMA user_version").fetchone()[0])
            if version > SCHEMA_VERSION:
                raise RegisterError(
                    f"le registre « {self.path} » a été écrit par une version plus récente de "
                    f"dossierkit (schéma {version}, celle-ci connaît le schéma {SCHEMA_VERSION}) : "
                    "mettez dossierkit à jour.",
                    english=f'the register "{self.path}" was written by a newer version of '
                    f"dossierkit (schema {version}; this one knows schema {SCHEMA_VERSION}): "
                    "update dossierkit.",
                )
            for number in range(version, SCHEMA_VERSION):
                for statement in MIGRATIONS[number]:
                    db.execute(statement)
                db.execute(f"PRAGMA user_version = {number + 1}")

    @property
    def schema_version(self) -> int:
        """The schema version of the open register."""
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def start_run(self, inbox: Path, call: Call) -> int:
        """Record the start of a triage; its number."""
        with self._transaction() as db:
            cursor = db.execute(
                "INSERT INTO runs (started_at, inbox, tool_version, call_id, call_version) "
                "VALUES (?, ?, ?, ?, ?)",
                (_now(), str(inbox.resolve()), __version__, call.id, call.version),
            )
        return int(cursor.lastrowid or 0)

    def finish_run(self, run: int) -> None:
        """Record that a triage went to its end."""
        with self._transaction() as db:
            db.execute("UPDATE runs SET finished_at = ? WHERE id = ?", (_now(), run))

    def _application(self, db: sqlite3.Connection, outcome: Outcome, call: Call) -> int:
        """The application this dossier belongs to: the one that received the same platform
        dossier number (the platform's own identity of an application, whatever its files
        now say), else the one that already received the same content, else the one of the
        same structure for the same intercommunalité; never one that holds another platform
        dossier number (two numbers are two applications); else a new one."""
        platform_number = outcome.item.platform_reference
        if platform_number is not None:
            row = db.execute(
                "SELECT application_id FROM receptions WHERE platform_reference = ? "
                "ORDER BY id LIMIT 1",
                (platform_number,),
            ).fetchone()
            if row is not None:
                return int(row[0])
        row = db.execute(
            "SELECT application_id FROM receptions WHERE fingerprint = ? ORDER BY id LIMIT 1",
            (outcome.fingerprint,),
        ).fetchone()
        if row is not None and (
            platform_number is None or not self._other_platform_number(db, row[0], platform_number)
        ):
            return int(row[0])
        s = outcome.summary
        if s.structure and s.epci_siren:
            known = db.execute(
                "SELECT DISTINCT r.application_id, v.structure FROM verifications v "
                "JOIN receptions r ON r.id = v.reception_id "
                "WHERE v.epci_siren = ? AND v.structure IS NOT NULL ORDER BY r.application_id",
                (s.epci_siren,),
            ).fetchall()
            for application, structure in known:
                if same_structure(s.structure, structure) and (
                    platform_number is None
                    or not self._other_platform_number(db, application, platform_number)
                ):
                    return int(application)
        number = int(db.execute("SELECT coalesce(max(id), 0) + 1 FROM applications").fetchone()[0])
        db.execute(
            "INSERT INTO applications (id, reference, structure, structure_kind, epci_siren, "
            "epci_name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                number,
                f"{reference_prefix(call.id)}-{number:04d}",
                s.structure,
                s.structure_kind,
                s.epci_siren,
                s.epci_name,
                _now(),
            ),
        )
        return number

    @staticmethod
    def _other_platform_number(db: sqlite3.Connection, application: int, number: str) -> bool:
        """Whether ``application`` received a platform dossier of another number."""
        return (
            db.execute(
                "SELECT 1 FROM receptions WHERE application_id = ? "
                "AND platform_reference IS NOT NULL AND platform_reference != ? LIMIT 1",
                (application, number),
            ).fetchone()
            is not None
        )

    def _reception(
        self,
        db: sqlite3.Connection,
        outcome: Outcome,
        call: Call,
        complement: Complement | None = None,
    ) -> int:
        source = str(outcome.item.path.resolve())
        archive = archive_sha256(outcome.item)
        # The same sending: the same content at the same place, or the same archive there
        # (recorded before from a verification that failed, or that read it).
        row = db.execute(
            "SELECT id FROM receptions WHERE source_path = ? AND fingerprint = ?",
            (source, outcome.fingerprint),
        ).fetchone()
        if row is None and archive is not None:
            row = db.execute(
                "SELECT id FROM receptions WHERE source_path = ? AND source_sha256 = ?",
                (source, archive),
            ).fetchone()
            if row is not None and complement is not None:
                # A complement whose verification failed before was recorded as an
                # application of its own: its reading joins the application it completes,
                # as a reception of it, without the archive's mark (the failed one has it).
                row, archive = None, None
        if row is not None:
            reception = int(row[0])
            if complement is None:
                # The files a later verification read, for a reception recorded from one
                # that failed (none then); kept as they are when already there.
                known = db.execute(
                    "SELECT 1 FROM reception_files WHERE reception_id = ? LIMIT 1", (reception,)
                ).fetchone()
                if known is None:
                    db.executemany(
                        "INSERT INTO reception_files (reception_id, path, sha256) VALUES (?, ?, ?)",
                        [(reception, path, sha) for path, sha in outcome.summary.files],
                    )
            return reception
        if complement is not None:
            application = int(
                db.execute(
                    "SELECT application_id FROM receptions WHERE id = ?", (complement.base,)
                ).fetchone()[0]
            )
        else:
            application = self._application(db, outcome, call)
        cursor = db.execute(
            "INSERT INTO receptions (application_id, received_at, source_path, source_name, "
            "source_kind, fingerprint, platform_reference, source_sha256) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                application,
                (
                    # In UTC like every time of the register: the queries order receptions by
                    # this text, which mixed offsets (« +01:00 » from --recu-le in France)
                    # would misorder.
                    outcome.item.received_at.astimezone(UTC).isoformat(timespec="seconds")
                    if outcome.item.received_at is not None
                    else _now()
                ),
                source,
                outcome.item.name,
                outcome.item.kind,
                outcome.fingerprint,
                outcome.item.platform_reference,
                archive,
            ),
        )
        reception = int(cursor.lastrowid or 0)
        files = complement.files if complement is not None else outcome.summary.files
        db.executemany(
            "INSERT INTO reception_files (reception_id, path, sha256) VALUES (?, ?, ?)",
            [(reception, path, sha) for path, sha in files],
        )
        if complement is not None:
            db.execute(
                "INSERT INTO complements (reception_id, base_reception_id, kinds, how, "
                "recorded_at) VALUES (?, ?, ?, ?, ?)",
                (reception, complement.base, json.dumps(complement.kinds), complement.how, _now()),
            )
        return reception

    def record(
        self,
        outcome: Outcome,
        call: Call,
        run: int | None = None,
        complement: Complement | None = None,
    ) -> Reception:
        """Record a verified dossier in one transaction: its reception the first time it is
        seen, and this verification every time. A ``complement`` is recorded as a version of
        the application it completes, with its own files; ``outcome`` is then the
        verification of the pieces merged."""
        report = outcome.report
        counts = report["summary"] if report is not None else {}
        intake = [rendered(f, call) for f in outcome.findings]
        findings = (report["findings"] if report is not None else []) + intake
        s = outcome.summary
        with self._transaction() as db:
            reception = self._reception(db, outcome, call, complement)
            db.execute(
                "INSERT INTO verifications (reception_id, run_id, verified_at, status, errors, "
                "warnings, infos, structure, structure_kind, epci_siren, epci_name, form, iban, "
                "aid_requested, aid_maximum, seconds, tool_version, call_id, call_version, "
                "findings, report, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                "?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    reception,
                    run,
                    _now(),
                    outcome.status,
                    counts.get("errors", 0) + sum(f["severity"] == "error" for f in intake),
                    counts.get("warnings", 0) + sum(f["severity"] == "warning" for f in intake),
                    counts.get("infos", 0) + sum(f["severity"] == "info" for f in intake),
                    s.structure,
                    s.structure_kind,
                    s.epci_siren,
                    s.epci_name,
                    s.form,
                    s.iban,
                    None if s.aid_requested is None else str(s.aid_requested),
                    None if s.aid_maximum is None else str(s.aid_maximum),
                    outcome.seconds,
                    __version__,
                    call.id,
                    call.version,
                    json.dumps(findings, ensure_ascii=False),
                    None if report is None else json.dumps(report, ensure_ascii=False),
                    summary_json(s),
                ),
            )
            row = db.execute(
                "SELECT r.id, r.application_id, r.received_at, a.reference FROM receptions r "
                "JOIN applications a ON a.id = r.application_id WHERE r.id = ?",
                (reception,),
            ).fetchone()
        return Reception(
            reference=row["reference"],
            received_at=parse_time(row["received_at"]),
            application_id=int(row["application_id"]),
            reception_id=int(row["id"]),
        )

    def record_incident(self, outcome: Outcome, call: Call, run: int | None = None) -> Incident:
        """Record a sending of which nothing could be read, once (the same source seen
        again by a later triage is the same incident)."""
        source = str(outcome.item.path.resolve())
        findings = [rendered(f, call) for f in outcome.findings]
        reason = "; ".join(f["message"] for f in findings) or EMPTY_REASON["fr"]
        received = outcome.item.received_at
        with self._transaction() as db:
            row = db.execute(
                "SELECT id FROM incidents WHERE source_path = ? AND fingerprint = ?",
                (source, outcome.fingerprint),
            ).fetchone()
            if row is None:
                db.execute(
                    "INSERT INTO incidents (run_id, received_at, source_path, source_name, "
                    "source_kind, fingerprint, reason, findings, recorded_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        run,
                        _now()
                        if received is None
                        else received.astimezone(UTC).isoformat(timespec="seconds"),
                        source,
                        outcome.item.name,
                        outcome.item.kind,
                        outcome.fingerprint,
                        reason,
                        json.dumps(findings, ensure_ascii=False),
                        _now(),
                    ),
                )
            row = db.execute(
                "SELECT * FROM incidents WHERE source_path = ? AND fingerprint = ?",
                (source, outcome.fingerprint),
            ).fetchone()
        return _incident(row)

    def complement_base(self, outcome: Outcome) -> tuple[int, str] | None:
        """(reception, how) that a complement sent alone completes: the one it was attached
        to when already recorded, else the current version of the application whose IBAN,
        then structure, then (when only one application has it) intercommunalité it shares.
        None when nothing identifies it: the instructor attaches it (``--rattacher``)."""
        source = str(outcome.item.path.resolve())
        known = self._db.execute(
            "SELECT c.base_reception_id, c.how FROM receptions r "
            "JOIN complements c ON c.reception_id = r.id "
            "WHERE r.source_path = ? AND r.fingerprint = ?",
            (source, outcome.fingerprint),
        ).fetchone()
        if known is not None:
            return int(known[0]), str(known[1])
        latest = self._db.execute(
            "SELECT r.application_id, v.structure, v.epci_siren, v.iban FROM receptions r "
            "JOIN verifications v ON v.id = "
            "(SELECT max(id) FROM verifications WHERE reception_id = r.id) ORDER BY r.id"
        ).fetchall()
        s = outcome.summary
        rules: tuple[tuple[str, Callable[[sqlite3.Row], bool]], ...] = (
            ("iban", lambda row: s.iban is not None and row["iban"] == s.iban),
            (
                "structure",
                lambda row: (
                    bool(s.structure and row["structure"])
                    and same_structure(s.structure or "", row["structure"])
                ),
            ),
            (
                "intercommunalite",
                lambda row: s.epci_siren is not None and row["epci_siren"] == s.epci_siren,
            ),
        )
        for how, matches in rules:
            found = {int(row["application_id"]) for row in latest if matches(row)}
            if len(found) == 1:
                return self.current_reception(found.pop()), how
            if found:
                return None  # several applications share it: the instructor chooses
        return None

    def current_of(self, reference: str) -> int | None:
        """The current version (received last) of the application ``reference``."""
        row = self._db.execute(
            "SELECT id FROM applications WHERE reference = ?", (reference.strip().upper(),)
        ).fetchone()
        return None if row is None else self.current_reception(int(row[0]))

    def current_reception(self, application: int) -> int:
        """The version of ``application`` received last."""
        return int(
            self._db.execute(
                "SELECT id FROM receptions WHERE application_id = ? "
                "ORDER BY received_at DESC, id DESC LIMIT 1",
                (application,),
            ).fetchone()[0]
        )

    def layers(self, reception: int) -> list[Layer]:
        """The sendings whose files, laid one over the other, make the dossier of
        ``reception``: its application's version it completes first (and that one's own
        layers), then each complement, which replaces the pieces of the kinds it brings."""
        row = self._db.execute(
            "SELECT r.source_path, r.source_kind, c.base_reception_id, c.kinds "
            "FROM receptions r LEFT JOIN complements c ON c.reception_id = r.id WHERE r.id = ?",
            (reception,),
        ).fetchone()
        if row["base_reception_id"] is None:
            return [Layer(Path(row["source_path"]), row["source_kind"], (), {})]
        base = int(row["base_reception_id"])
        own = Layer(
            Path(row["source_path"]),
            row["source_kind"],
            tuple(json.loads(row["kinds"])),
            self.file_kinds(base),
        )
        return [*self.layers(base), own]

    def file_kinds(self, reception: int) -> dict[str, str]:
        """The piece kind each file of ``reception``'s dossier was taken for, by its latest
        verification (for a complement: its files merged with those it completes)."""
        report = self._db.execute(
            "SELECT report FROM verifications WHERE reception_id = ? ORDER BY id DESC LIMIT 1",
            (reception,),
        ).fetchone()
        if report is None or report[0] is None:
            return {}
        return {f["path"]: f["kind"] for f in json.loads(report[0])["files"] if f.get("kind")}

    def reference_of(self, reception: int) -> str:
        """The reference of the application ``reception`` belongs to."""
        return str(
            self._db.execute(
                "SELECT a.reference FROM receptions r JOIN applications a "
                "ON a.id = r.application_id WHERE r.id = ?",
                (reception,),
            ).fetchone()[0]
        )

    def record_pending(self, outcome: Outcome, kinds: tuple[str, ...], run: int | None) -> Pending:
        """Record a complement that nothing identifies, once, for the instructor to attach."""
        source = str(outcome.item.path.resolve())
        received = outcome.item.received_at
        with self._transaction() as db:
            db.execute(
                "INSERT OR IGNORE INTO pending (run_id, received_at, source_path, source_name, "
                "source_kind, fingerprint, kinds, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    run,
                    _now()
                    if received is None
                    else received.astimezone(UTC).isoformat(timespec="seconds"),
                    source,
                    outcome.item.name,
                    outcome.item.kind,
                    outcome.fingerprint,
                    json.dumps(kinds),
                    _now(),
                ),
            )
            row = db.execute(
                "SELECT * FROM pending WHERE source_path = ? AND fingerprint = ?",
                (source, outcome.fingerprint),
            ).fetchone()
        return _pending(row)

    def pending(self, include_attached: bool = False) -> list[Pending]:
        """Complements waiting to be attached (those attached since are left out unless
        ``include_attached``), in order of reception."""
        rows = self._db.execute(
            "SELECT * FROM pending p WHERE ? OR NOT EXISTS (SELECT 1 FROM receptions r "
            "WHERE r.source_path = p.source_path AND r.fingerprint = p.fingerprint) "
            "ORDER BY received_at, id",
            (include_attached,),
        ).fetchall()
        return [_pending(row) for row in rows]

    def incidents(self) -> list[Incident]:
        """Every incident, in order of reception."""
        rows = self._db.execute("SELECT * FROM incidents ORDER BY received_at, id").fetchall()
        return [_incident(row) for row in rows]

    def history(self, exclude: set[int]) -> list[Candidate]:
        """Every reception but ``exclude`` as the cross checks compare it, from its latest
        verification: earlier dossiers count against those of today's inbox."""
        rows = self._db.execute(
            "SELECT r.id, r.application_id, r.received_at, r.source_name, r.fingerprint, "
            "v.structure, v.epci_siren, v.epci_name, v.iban FROM receptions r "
            "JOIN verifications v ON v.id = "
            "(SELECT max(id) FROM verifications WHERE reception_id = r.id) "
            # A duplicate the instructor marked is no rival of its original.
            "WHERE r.application_id NOT IN "
            "(SELECT application_id FROM decisions WHERE kind = 'duplicate') ORDER BY r.id"
        ).fetchall()
        files: dict[int, list[tuple[str, str]]] = {}
        for reception, path, sha in self._db.execute(
            "SELECT reception_id, path, sha256 FROM reception_files ORDER BY reception_id, path"
        ):
            files.setdefault(int(reception), []).append((path, sha))
        return [
            Candidate(
                key=f"registre:{row['id']}",
                label=row["source_name"],
                in_inbox=False,
                application=int(row["application_id"]),
                structure=row["structure"],
                epci_siren=row["epci_siren"],
                epci_name=row["epci_name"],
                iban=row["iban"],
                fingerprint=row["fingerprint"],
                files=tuple(files.get(int(row["id"]), ())),
                received_at=parse_time(row["received_at"]),
            )
            for row in rows
            if int(row["id"]) not in exclude
        ]

    def record_cross(self, run: int, findings: dict[int, list[Finding]], call: Call) -> None:
        """Record what the cross checks found on each reception during ``run``."""
        with self._transaction() as db:
            db.executemany(
                "INSERT INTO cross_findings (run_id, reception_id, code, severity, message, "
                "params) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (
                        run,
                        reception,
                        f.code,
                        f.severity.value,
                        rendered(f, call)["message"],
                        json.dumps(f.params, ensure_ascii=False, sort_keys=True),
                    )
                    for reception, found in findings.items()
                    for f in found
                ],
            )

    def record_letter(self, reception: int, kind: str, docx: Path, pdf: Path | None) -> None:
        """Record a letter written about a reception."""
        with self._transaction() as db:
            db.execute(
                "INSERT INTO letters (reception_id, kind, created_at, docx_path, pdf_path, "
                "tool_version) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    reception,
                    kind,
                    _now(),
                    str(docx.resolve()),
                    None if pdf is None else str(pdf.resolve()),
                    __version__,
                ),
            )

    def letter_sent_on(self, docx: Path) -> date | None:
        """The day the letter written at ``docx`` was sent; None for a draft (or a file the
        register does not know)."""
        row = self._db.execute(
            "SELECT s.sent_on FROM letters l JOIN letter_sendings s ON s.letter_id = l.id "
            "WHERE l.docx_path = ? ORDER BY l.id DESC LIMIT 1",
            (str(docx.resolve()),),
        ).fetchone()
        return None if row is None else date.fromisoformat(row[0])

    def mark_sent(self, docx: Path, sent_on: date) -> str:
        """Record that the letter written at ``docx`` was sent on ``sent_on``; the reference
        of its application. Refused for a file the register does not know or a letter
        already sent."""
        with self._transaction() as db:
            row = db.execute(
                "SELECT l.id, a.reference FROM letters l "
                "JOIN receptions r ON r.id = l.reception_id "
                "JOIN applications a ON a.id = r.application_id "
                "WHERE l.docx_path = ? ORDER BY l.id DESC LIMIT 1",
                (str(docx.resolve()),),
            ).fetchone()
            if row is None:
                raise RegisterError(
                    f"« {docx} » n'est pas un courrier inscrit au registre « {self.path} ».",
                    english=f'"{docx}" is not a letter recorded in the register "{self.path}".',
                )
            sent = db.execute(
                "SELECT sent_on FROM letter_sendings WHERE letter_id = ?", (row[0],)
            ).fetchone()
            if sent is not None:
                raise RegisterError(
                    f"« {docx.name} » est déjà noté envoyé le {sent[0]}.",
                    english=f'"{docx.name}" is already recorded as sent on {sent[0]}.',
                )
            db.execute(
                "INSERT INTO letter_sendings (letter_id, sent_on, recorded_at) VALUES (?, ?, ?)",
                (row[0], sent_on.isoformat(), _now()),
            )
            return str(row[1])

    def _application_id(self, reference: str) -> int | None:
        row = self._db.execute(
            "SELECT id FROM applications WHERE reference = ?", (reference.strip().upper(),)
        ).fetchone()
        return None if row is None else int(row[0])

    def mark_duplicate(self, reference: str, original: str, decided_on: date) -> None:
        """Record the instructor's decision that ``reference`` duplicates ``original``; a
        ``RegisterError`` says why when it cannot be (unknown reference, the same one, a
        chain of duplicates, a decision already taken)."""
        duplicate, kept = self._application_id(reference), self._application_id(original)
        for name, found in ((reference, duplicate), (original, kept)):
            if found is None:
                raise RegisterError(
                    f"aucune demande {name.strip().upper()} dans le registre.",
                    english=f"no application {name.strip().upper()} in the register.",
                )
        if duplicate == kept:
            raise RegisterError(
                "une demande ne peut pas être le doublon d'elle-même.",
                english="an application cannot be its own duplicate.",
            )
        with self._transaction() as db:
            known = db.execute(
                "SELECT d.application_id, o.reference FROM decisions d "
                "JOIN applications o ON o.id = d.other_application_id "
                "WHERE d.kind = 'duplicate' AND d.application_id IN (?, ?)",
                (duplicate, kept),
            ).fetchall()
            for application, other in known:
                if application == duplicate:
                    raise RegisterError(
                        f"{reference.strip().upper()} est déjà noté doublon de {other} : "
                        "le registre ne réécrit pas une décision.",
                        english=f"{reference.strip().upper()} is already recorded as a duplicate "
                        f"of {other}: the register does not rewrite a decision.",
                    )
                raise RegisterError(
                    f"{original.strip().upper()} est lui-même un doublon de {other} : "
                    f"indiquez {other}.",
                    english=f"{original.strip().upper()} is itself a duplicate of {other}: "
                    f"give {other}.",
                )
            db.execute(
                "INSERT INTO decisions (application_id, kind, other_application_id, decided_on, "
                "recorded_at) VALUES (?, 'duplicate', ?, ?, ?)",
                (duplicate, kept, decided_on.isoformat(), _now()),
            )

    def first_received(self, application: int) -> datetime:
        """When ``application`` was first received: the date of the request, from which its
        delays run (a later version or complement does not move it)."""
        return parse_time(
            self._db.execute(
                "SELECT min(received_at) FROM receptions WHERE application_id = ?",
                (application,),
            ).fetchone()[0]
        )

    def duplicates(self) -> set[int]:
        """The applications the instructor marked as duplicates: no rivals of anyone in the
        cross-dossier checks."""
        return {
            int(row[0])
            for row in self._db.execute(
                "SELECT application_id FROM decisions WHERE kind = 'duplicate'"
            )
        }

    def application(
        self, reference: str, *, rivals: bool = False, call: Call | None = None
    ) -> History | None:
        """The whole history of the application ``reference``: each version received (in
        order of reception), its files, its verifications and the letters written about it,
        and with ``rivals`` the other applications it competes with today (under ``call``,
        the built-in one by default: what ``dossierkit registre REF`` shows; a triage, which
        only wants the dates, does not compare the whole register); None when the register
        has no such reference."""
        app = self._db.execute(
            "SELECT * FROM applications WHERE reference = ?", (reference.strip().upper(),)
        ).fetchone()
        if app is None:
            return None
        versions = []
        receptions = self._db.execute(
            "SELECT * FROM receptions WHERE application_id = ? ORDER BY received_at, id",
            (app["id"],),
        ).fetchall()
        # A complement sent alone is laid over the version it completes: its number.
        numbers = {r["id"]: n for n, r in enumerate(receptions, start=1)}
        bases = {
            row["reception_id"]: row["base_reception_id"]
            for row in self._db.execute(
                "SELECT c.reception_id, c.base_reception_id FROM complements c "
                "JOIN receptions r ON r.id = c.reception_id WHERE r.application_id = ?",
                (app["id"],),
            )
        }
        for number, r in enumerate(receptions, start=1):
            files = self._db.execute(
                "SELECT path, sha256 FROM reception_files WHERE reception_id = ? ORDER BY path",
                (r["id"],),
            ).fetchall()
            checks = self._db.execute(
                "SELECT * FROM verifications WHERE reception_id = ? ORDER BY id", (r["id"],)
            ).fetchall()
            letters = self._db.execute(
                "SELECT l.kind, l.created_at, l.docx_path, s.sent_on FROM letters l "
                "LEFT JOIN letter_sendings s ON s.letter_id = l.id "
                "WHERE l.reception_id = ? ORDER BY l.id",
                (r["id"],),
            ).fetchall()
            versions.append(
                Version(
                    number=number,
                    source_name=r["source_name"],
                    platform_reference=r["platform_reference"],
                    complement_of=numbers.get(bases.get(r["id"], -1)),
                    source_kind=r["source_kind"],
                    received_at=parse_time(r["received_at"]),
                    files=tuple((f["path"], f["sha256"]) for f in files),
                    verifications=tuple(
                        Check(
                            verified_at=parse_time(v["verified_at"]),
                            status=v["status"],
                            errors=int(v["errors"]),
                            warnings=int(v["warnings"]),
                            findings=tuple(json.loads(v["findings"])),
                            pieces=_pieces(v["report"]),
                        )
                        for v in checks
                    ),
                    letters=tuple(
                        Letter(
                            kind=x["kind"],
                            created_at=parse_time(x["created_at"]),
                            path=x["docx_path"],
                            sent_on=None
                            if x["sent_on"] is None
                            else date.fromisoformat(x["sent_on"]),
                        )
                        for x in letters
                    ),
                )
            )
        decisions = self._db.execute(
            "SELECT d.kind, o.reference, d.decided_on FROM decisions d "
            "LEFT JOIN applications o ON o.id = d.other_application_id "
            "WHERE d.application_id = ? ORDER BY d.id",
            (app["id"],),
        ).fetchall()
        return History(
            reference=app["reference"],
            structure=app["structure"],
            epci_name=app["epci_name"],
            versions=tuple(versions),
            decisions=tuple(
                Decision(d["kind"], d["reference"], date.fromisoformat(d["decided_on"]))
                for d in decisions
            ),
            rivals=tuple(self._rivals(call).get(app["reference"], {}).items()) if rivals else (),
        )

    def _rivals(self, call: Call | None) -> dict[str, dict[str, tuple[str, ...]]]:
        """The other applications each application shares its intercommunalité, IBAN or a
        file with, from every application's current version, as the tracking sheet names
        them: the application received first learns of a rival received later."""
        from dossierkit.call import load_call
        from dossierkit.triage.rivals import rivals, standings

        return rivals(standings(self.entries()), call or load_call(None))

    def entries(self) -> list[Entry]:
        """Every application, in order of first reception, with its current status: that of
        the version received last (not the one verified last: an old version verified again
        does not become current)."""
        rows = self._db.execute(
            """
            SELECT a.reference,
                   (SELECT min(received_at) FROM receptions WHERE application_id = a.id) AS first,
                   (SELECT count(*) FROM receptions WHERE application_id = a.id) AS versions,
                   r.source_name, r.received_at AS last, r.platform_reference, v.*,
                   r.id AS current_reception,
                   (SELECT count(DISTINCT l.docx_path) FROM letters l
                     JOIN receptions x ON x.id = l.reception_id
                     WHERE x.application_id = a.id) AS letters,
                   (SELECT min(s.sent_on) FROM letters l
                     JOIN letter_sendings s ON s.letter_id = l.id
                     JOIN receptions x ON x.id = l.reception_id
                     WHERE x.application_id = a.id AND l.kind = 'accuse-reception')
                     AS acknowledged_on,
                   (SELECT min(x.received_at) FROM receptions x
                     JOIN verifications w ON w.reception_id = x.id
                     WHERE x.application_id = a.id AND w.status = 'complete') AS complete_on,
                   (SELECT o.reference FROM decisions d
                     JOIN applications o ON o.id = d.other_application_id
                     WHERE d.application_id = a.id AND d.kind = 'duplicate') AS duplicate_of
            FROM applications a
            JOIN receptions r ON r.id =
                (SELECT id FROM receptions WHERE application_id = a.id
                 ORDER BY received_at DESC, id DESC LIMIT 1)
            JOIN verifications v ON v.id =
                (SELECT max(id) FROM verifications WHERE reception_id = r.id)
            ORDER BY first, a.id
            """
        ).fetchall()
        files = self._files({int(row["current_reception"]) for row in rows})
        return [
            Entry(
                reference=row["reference"],
                first_received_at=parse_time(row["first"]),
                structure=row["structure"],
                structure_kind=row["structure_kind"],
                epci_name=row["epci_name"],
                epci_siren=row["epci_siren"],
                form=row["form"],
                versions=int(row["versions"]),
                last_source=row["source_name"],
                last_received_at=parse_time(row["last"]),
                status=row["status"],
                errors=int(row["errors"]),
                warnings=int(row["warnings"]),
                verified_at=parse_time(row["verified_at"]),
                aid_requested=row["aid_requested"],
                aid_maximum=row["aid_maximum"],
                letters=int(row["letters"]),
                platform_reference=row["platform_reference"],
                acknowledged_on=None
                if row["acknowledged_on"] is None
                else date.fromisoformat(row["acknowledged_on"]),
                complete_on=None if row["complete_on"] is None else parse_time(row["complete_on"]),
                duplicate_of=row["duplicate_of"],
                iban=row["iban"],
                files=files.get(int(row["current_reception"]), ()),
            )
            for row in rows
        ]

    def _files(self, receptions: set[int]) -> dict[int, tuple[tuple[str, str], ...]]:
        """(relative path, SHA-256) of the files of each of ``receptions``, by path."""
        found: dict[int, list[tuple[str, str]]] = {}
        for reception, path, sha in self._db.execute(
            "SELECT reception_id, path, sha256 FROM reception_files ORDER BY reception_id, path"
        ):
            if int(reception) in receptions:
                found.setdefault(int(reception), []).append((path, sha))
        return {reception: tuple(files) for reception, files in found.items()}

    def current_versions(self) -> list[tuple[Entry, Row]]:
        """Every application as ``entries`` lists it, with its current version as a triage
        row (its latest verification's report, facts and findings, and the cross-dossier
        findings of the last triage that saw it): what the tracking sheet is drawn from."""
        found = []
        for entry in self.entries():
            row = self._db.execute(
                """
                SELECT r.id AS reception_id, r.application_id, r.source_name, r.source_path,
                       r.source_kind, r.fingerprint, v.*
                FROM applications a
                JOIN receptions r ON r.id =
                    (SELECT id FROM receptions WHERE application_id = a.id
                     ORDER BY received_at DESC, id DESC LIMIT 1)
                JOIN verifications v ON v.id =
                    (SELECT max(id) FROM verifications WHERE reception_id = r.id)
                WHERE a.reference = ?
                """,
                (entry.reference,),
            ).fetchone()
            report = None if row["report"] is None else json.loads(row["report"])
            cross = self._db.execute(
                "SELECT code, severity FROM cross_findings WHERE reception_id = ? AND run_id = "
                "(SELECT max(run_id) FROM cross_findings WHERE reception_id = ?) ORDER BY id",
                (row["reception_id"], row["reception_id"]),
            ).fetchall()
            item = InboxItem(
                name=row["source_name"],
                path=Path(row["source_path"]),
                kind=row["source_kind"],
                received_at=entry.last_received_at,
                platform_reference=entry.platform_reference,
            )
            outcome = Outcome(
                item=item,
                fingerprint=row["fingerprint"],
                status=row["status"],
                summary=_summary(row),
                report=report,
            )
            reception = Reception(
                reference=entry.reference,
                received_at=entry.first_received_at,
                application_id=int(row["application_id"]),
                reception_id=int(row["reception_id"]),
            )
            findings = _intake(row["findings"], report) + [
                Finding(c["code"], Severity(c["severity"])) for c in cross
            ]
            found.append((entry, Row(outcome, reception, findings)))
        return found

    def versions(self) -> list[dict[str, Any]]:
        """Every version received, in order of reception, with its latest verification,
        keyed like the triage's sheet of versions (``export.COLUMNS``)."""
        rows = self._db.execute(
            """
            SELECT r.source_name, a.reference, r.platform_reference, r.received_at, v.*
            FROM receptions r
            JOIN applications a ON a.id = r.application_id
            JOIN verifications v ON v.id =
                (SELECT max(id) FROM verifications WHERE reception_id = r.id)
            ORDER BY r.received_at, r.id
            """
        ).fetchall()
        return [
            {
                "dossier": row["source_name"],
                "reference": row["reference"],
                "platform_reference": row["platform_reference"],
                "received_at": parse_time(row["received_at"]).isoformat(),
                "structure": row["structure"],
                "structure_kind": row["structure_kind"],
                "intercommunalite": row["epci_name"],
                "intercommunalite_siren": row["epci_siren"],
                "form": row["form"],
                "status": row["status"],
                "errors": int(row["errors"]),
                "warnings": int(row["warnings"]),
                "aid_requested": row["aid_requested"],
                "aid_maximum": row["aid_maximum"],
            }
            for row in rows
        ]
