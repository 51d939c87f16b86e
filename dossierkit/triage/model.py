"""What triage knows about each dossier of an inbox, as plain picklable values.

Workers verify dossiers in other processes and send back an Outcome: the dossier's report
(``report_data``, the same contract as ``dossierkit verify --format json``) and a Summary of
the few facts that matter across dossiers. Everything after the workers (cross checks,
register, exports, letters) reads these values, never the files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from dossierkit.findings import Finding, Severity

# Status of a dossier in the inbox: the verification's verdict, or "failed" when there is none.
COMPLETE, INCOMPLETE, FAILED = "complete", "incomplete", "failed"


@dataclass(frozen=True)
class InboxItem:
    """One dossier of the inbox: a folder or a ``.zip`` file."""

    name: str  # as in the inbox: "Fablab Ternois.zip"
    path: Path
    kind: str  # "folder" or "zip"
    # When it was received (UTC): the instructor's date, else its source's; None when
    # neither tells, and the register then records the triage's time.
    received_at: datetime | None = None
    # The platform's dossier number when the dossier comes from a platform's export: two
    # numbers are two applications, and the instructor answers on the platform by it.
    platform_reference: str | None = None


@dataclass(frozen=True)
class Summary:
    """The facts of one dossier that other dossiers are compared on."""

    structure: str | None = None
    structure_kind: str | None = None
    siret: str | None = None  # or the RNA number of an association, as the letterhead gives it
    epci_name: str | None = None
    epci_siren: str | None = None
    form: str | None = None  # "lieu" or "reseau"
    iban: str | None = None
    commune: str | None = None  # where the structure is, when the documents say
    # Set when no intercommunalité is named and the commune's EPCI stands in for it.
    epci_from_commune: str | None = None
    address: tuple[str, ...] = ()
    # Who represents the structure, as the letter's signature block or a "responsable légal"
    # line names them, and their title ("Présidente"): the letters are addressed to them.
    representative: str | None = None
    representative_title: str | None = None
    aid_requested: Decimal | None = None
    aid_maximum: Decimal | None = None
    files: tuple[tuple[str, str], ...] = ()  # (relative path, SHA-256) of each file read


@dataclass(frozen=True)
class Outcome:
    """What a worker learnt about one dossier; ``report`` is None when it failed."""

    item: InboxItem
    fingerprint: str
    status: str
    summary: Summary = field(default_factory=Summary)
    report: dict[str, Any] | None = None  # French: what the register keeps
    report_lang: dict[str, Any] | None = None  # in the language asked for the outputs
    findings: tuple[Finding, ...] = ()  # intake: archive, time-out, failure
    seconds: float = 0.0
    empty: bool = False  # nothing to read: an empty folder, an archive without a file

    @property
    def incident(self) -> bool:
        """Nothing of the dossier could be read (empty, or an archive that cannot be opened
        or was refused): the register keeps it as an incident, without a reference, since
        there is no application to number, only a sending to answer."""
        return self.empty or any(f.code in INCIDENT_CODES for f in self.findings)


# The intake findings that mean no file of the sending could be read.
INCIDENT_CODES = frozenset({"I007", "I008"})
# Why an empty sending is an incident, in the words of the reports.
EMPTY_REASON = {
    "fr": "envoi vide : aucun fichier à vérifier",
    "en": "empty sending: no file to check",
}


@dataclass(frozen=True)
class Reception:
    """How the register knows a dossier: its application's reference and first reception."""

    reference: str
    received_at: datetime
    application_id: int
    reception_id: int


@dataclass(frozen=True)
class Incident:
    """A sending the register keeps without a reference: nothing in it could be read."""

    id: int
    received_at: datetime
    source_name: str
    reason: str  # French, as the register keeps it


@dataclass(frozen=True)
class Complement:
    """How a complement sent alone joins its application: the reception it completes, the
    piece kinds it brings (they replace that reception's), its own files, and what
    identified the application (``iban``, ``structure``, ``intercommunalite``, ``instructeur``)."""

    base: int
    kinds: tuple[str, ...]
    files: tuple[tuple[str, str], ...]
    how: str


@dataclass(frozen=True)
class Layer:
    """One sending of those that make a dossier: where it is, and for a complement the piece
    kinds it brings and the kind of each file of the dossier it lays over."""

    path: Path
    kind: str  # "folder" or "zip"
    replaces: tuple[str, ...]
    kinds_below: dict[str, str]


@dataclass(frozen=True)
class Pending:
    """A complement sent alone that nothing identifies: kept until the instructor attaches it."""

    id: int
    received_at: datetime
    source_name: str
    source_path: Path
    source_kind: str
    kinds: tuple[str, ...]


@dataclass
class Row:
    """One dossier of a triage: its outcome, its reception (or its incident when nothing could
    be read), and every intake finding."""

    outcome: Outcome
    reception: Reception | None = None
    findings: list[Finding] = field(default_factory=list)
    incident: Incident | None = None
    pending: Pending | None = None  # a complement waiting to be attached
    complement_of: str | None = None  # the reference of the application it completes

    def count(self, severity: Severity) -> int:
        """Findings of ``severity``: the verification's and triage's together."""
        report = self.outcome.report
        own = 0
        if report is not None:
            key = {Severity.ERROR: "errors", Severity.WARNING: "warnings", Severity.INFO: "infos"}
            own = int(report["summary"][key[severity]])
        return own + sum(1 for f in self.findings if f.severity is severity)
