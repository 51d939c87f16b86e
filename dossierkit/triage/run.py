"""Triage an inbox: list its dossiers, verify them in parallel, record, compare.

This is the library entry point behind ``dossierkit triage``: everything the command does
can be done from Python, the command only adds a progress bar and the outputs.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from dossierkit.call import Call
from dossierkit.checks.intake import Candidate
from dossierkit.discovery import CLUTTER_DIRS, is_clutter, shown_name
from dossierkit.names import same_structure
from dossierkit.triage.checks import cross_check
from dossierkit.triage.complements import attach, brought_kinds, is_partial
from dossierkit.triage.model import InboxItem, Outcome, Reception, Row
from dossierkit.triage.pool import Work, run_pool
from dossierkit.triage.reception import source_time
from dossierkit.triage.register import Entry, Register
from dossierkit.triage.worker import process


@dataclass
class Triage:
    """The dossiers of an inbox, verified and compared, in the inbox's order."""

    inbox: Path
    rows: list[Row]
    ignored: list[str]  # entries of the inbox that are neither folders nor .zip files
    # The register's applications by reference, as they stand after the triage.
    entries: dict[str, Entry] = field(default_factory=dict)
    # With the instructor's reception date (``--recu-le``): the sendings the register already
    # had, which keep the date it recorded, and those dated later than that date because
    # the application they join was received after it: (name, reference, date recorded).
    kept_dates: list[tuple[str, str, datetime]] = field(default_factory=list)
    dated_later: list[tuple[str, str, datetime]] = field(default_factory=list)

    def applications(self) -> list[list[Row]]:
        """The rows of each application (its versions in this inbox), in order of first
        reception; incidents and complements waiting to be attached are none."""
        rows = [r for r in self.rows if not r.outcome.incident and r.pending is None]
        groups: dict[int, list[Row]] = {}
        for row, number in zip(rows, _application_numbers(rows), strict=True):
            groups.setdefault(number, []).append(row)
        return sorted(
            groups.values(), key=lambda g: min(_reception_order(r.outcome.item) for r in g)
        )


def inbox_item(path: Path, received_at: datetime | None = None) -> InboxItem | None:
    """The dossier at ``path`` (a folder or a ``.zip`` file), or None for anything else, with
    its reception time: ``received_at`` when the instructor gives it, else its source's.
    Links are not followed: a dossier is what was put in the inbox, not what it points to."""
    if path.is_symlink():
        return None
    if path.is_dir():
        kind = "folder"
    elif path.is_file() and path.suffix.lower() == ".zip":
        kind = "zip"
    else:
        return None
    # The name as every report shows it: a line break or an escape sequence in it, visible.
    return InboxItem(shown_name(path.name), path, kind, received_at or source_time(path))


def _reception_order(item: InboxItem) -> tuple[datetime, str]:
    return (item.received_at or datetime.max.replace(tzinfo=UTC), item.name)


def list_inbox(
    inbox: Path, received_at: datetime | None = None
) -> tuple[list[InboxItem], list[str]]:
    """The dossiers of the inbox in order of reception (then of name), and the other entries
    (clutter left out)."""
    items: list[InboxItem] = []
    ignored: list[str] = []
    for path in sorted(inbox.iterdir(), key=lambda p: p.name):
        if is_clutter(path.name) or path.name.lower() in CLUTTER_DIRS:
            continue
        item = inbox_item(path, received_at)
        if item is None:
            ignored.append(path.name)
        else:
            items.append(item)
    return sorted(items, key=_reception_order), ignored


def _application_numbers(rows: list[Row]) -> list[int]:
    """Which rows are versions of one application: the register's numbers when there is
    one, else the same rule applied within the inbox (the same platform dossier number, same
    content, or same structure for the same intercommunalité), never across two platform
    dossier numbers."""
    numbers: list[int] = []
    for i, row in enumerate(rows):
        if row.reception is not None:
            numbers.append(row.reception.application_id)
            continue
        s = row.outcome.summary
        partial = is_partial(row.outcome)
        number = i + 1
        for j, other in enumerate(rows[:i]):
            if _other_numbers(row.outcome.item, other.outcome.item):
                continue
            o = other.outcome.summary
            same = bool(s.structure and o.structure and same_structure(s.structure, o.structure))
            number_of = row.outcome.item.platform_reference
            if (
                # The platform's number first: its own identity of an application.
                (number_of is not None and number_of == other.outcome.item.platform_reference)
                or other.outcome.fingerprint == row.outcome.fingerprint
                or (same and s.epci_siren is not None and s.epci_siren == o.epci_siren)
                # A complement sent alone names less: its structure or account is enough.
                or (partial and (same or (s.iban is not None and s.iban == o.iban)))
            ):
                number = numbers[j]
                break
        numbers.append(number)
    return numbers


def _other_numbers(a: InboxItem, b: InboxItem) -> bool:
    """Two dossiers of a platform under different numbers: two applications, even from one
    structure (the platform gives a number per application)."""
    return (
        a.platform_reference is not None
        and b.platform_reference is not None
        and a.platform_reference != b.platform_reference
    )


def _candidates(rows: list[Row]) -> list[Candidate]:
    return [
        Candidate(
            key=f"inbox:{row.outcome.item.name}",
            label=row.outcome.item.name,
            in_inbox=True,
            application=number,
            structure=row.outcome.summary.structure,
            epci_siren=row.outcome.summary.epci_siren,
            epci_name=row.outcome.summary.epci_name,
            iban=row.outcome.summary.iban,
            fingerprint=row.outcome.fingerprint,
            files=row.outcome.summary.files,
            received_at=row.reception.received_at if row.reception else None,
            epci_from_commune=row.outcome.summary.epci_from_commune,
        )
        for row, number in zip(rows, _application_numbers(rows), strict=True)
    ]


def _latest_of(register: Register, reference: str) -> datetime | None:
    """When the application ``reference`` last received a sending."""
    history = register.application(reference)
    if history is None or not history.versions:
        return None
    return max(v.received_at for v in history.versions)


def _joined_latest(register: Register, outcome: Outcome) -> datetime | None:
    """When the application this sending joins (the one that holds the same content, or the
    same structure for the same intercommunalité, as ``Register.record`` decides) last
    received one; None for a new application. A platform's dossier is known by its number,
    and dated by the platform."""
    if outcome.item.platform_reference is not None:
        return None
    s = outcome.summary
    earlier = register.history(set())
    for candidate in earlier:
        same = bool(
            s.structure and candidate.structure and same_structure(s.structure, candidate.structure)
        )
        if candidate.fingerprint == outcome.fingerprint or (
            same and s.epci_siren is not None and s.epci_siren == candidate.epci_siren
        ):
            return max(
                c.received_at
                for c in earlier
                if c.application == candidate.application and c.received_at is not None
            )
    return None


def _not_before(item: InboxItem, latest: datetime | None, given: datetime | None) -> InboxItem:
    """``item``, dated no earlier than ``latest`` (the last sending of the application it
    joins): a complement or a new version is never received before the request it completes,
    and dated before it, it would not be the application's current version (the register
    orders versions by reception), and the acknowledgement's dates would be false: the two
    months of silence worth rejection of a financial request run from its reception (CRPA
    art. L231-4, 3°), suspended while the pieces asked for are awaited (art. L114-5). The instructor's date (``given``, ``--recu-le``) is set
    aside for the sending's own arrival, or when that too is earlier, for ``latest``."""
    when = item.received_at
    if latest is None or when is None or when >= latest:
        return item
    own = source_time(item.path) if given is not None and when == given else None
    return dataclasses.replace(
        item, received_at=own if own is not None and own >= latest else latest
    )


def _last_reception(register: Register | None) -> int:
    """The number of the last reception the register holds (0 for none)."""
    if register is None:
        return 0
    numbers = [int(c.key.removeprefix("registre:")) for c in register.history(set())]
    numbers += [
        row.reception.reception_id for _, row in register.current_versions() if row.reception
    ]
    return max(numbers, default=0)


def complement_dated(
    outcome: Outcome, register: Register, reference: str, given: datetime | None = None
) -> Outcome:
    """The complement ``outcome`` of the application ``reference``, never dated before the
    application's last sending (see ``_not_before``; ``given`` is ``--recu-le``)."""
    item = _not_before(outcome.item, _latest_of(register, reference), given)
    return dataclasses.replace(outcome, item=item)


@dataclass
class _Dating:
    """How the instructor's reception date was applied to what the triage recorded."""

    given: datetime | None
    known: int = 0  # the last reception the register held before the triage
    kept: list[tuple[str, str, datetime]] = field(default_factory=list)
    later: list[tuple[str, str, datetime]] = field(default_factory=list)

    def told(self, name: str, reception: Reception, dated: datetime | None) -> None:
        """Note a sending recorded at ``reception``, ``dated`` as this triage asked: kept
        at the date the register had, or dated later than the instructor's date."""
        if self.given is None or dated is None:
            return
        if reception.reception_id <= self.known:
            self.kept.append((name, reception.reference, reception.received_at))
        elif dated != self.given:
            self.later.append((name, reception.reference, dated.astimezone()))


def _recorded(
    outcome: Outcome,
    call: Call,
    register: Register | None,
    run: int | None,
    lang: str,
    dating: _Dating | None = None,
) -> Row:
    """The row of a dossier, recorded in the register: as an incident when nothing of it
    could be read, as a version of the application it completes when it is a complement sent
    alone (verified merged with it), or as waiting to be attached when nothing says which.
    A sending joining a known application is never dated before its last sending."""
    dating = dating or _Dating(None)
    row = Row(outcome, findings=list(outcome.findings))
    if register is None:
        return row
    if outcome.incident:
        row.incident = register.record_incident(outcome, call, run)
        return row
    complement = None
    if is_partial(outcome):
        base = register.complement_base(outcome)
        if base is None:
            row.pending = register.record_pending(outcome, brought_kinds(outcome), run)
            return row
        reference = register.reference_of(base[0])
        outcome = complement_dated(outcome, register, reference, dating.given)
        outcome, complement = attach(outcome, register, call, lang, base)
        row = Row(outcome, findings=list(outcome.findings))
        row.complement_of = reference
    elif dating.given is not None and (latest := _joined_latest(register, outcome)):
        item = _not_before(outcome.item, latest, dating.given)
        outcome = dataclasses.replace(outcome, item=item)
        row = Row(outcome, findings=list(outcome.findings))
    row.reception = register.record(outcome, call, run, complement)
    dating.told(outcome.item.name, row.reception, outcome.item.received_at)
    return row


def triage(
    inbox: Path,
    call: Call,
    *,
    register: Register | None = None,
    jobs: int | None = None,
    timeout: float | None = None,
    lang: str = "fr",
    on_outcome: Callable[[Outcome], None] | None = None,
    work: Work = process,
    received_at: datetime | None = None,
    platform: dict[str, tuple[Path, str]] | None = None,
) -> Triage:
    """Verify every dossier of ``inbox`` (``jobs`` at a time), record each in ``register``
    in order of reception, then run the checks across dossiers (and against the register's
    earlier receptions); a dossier has ``timeout`` seconds, by default the time its files
    may take to be read (``pool.deadline``). ``received_at`` is the instructor's reception time for all of them,
    when the sources do not tell. ``on_outcome`` is told of each dossier as it is done.
    ``platform`` says, for an inbox staged from a platform's export, each dossier's place in
    the export (what the register keeps as its source) and its platform number.

    Workers finish in any order; outcomes wait until every dossier received before them is
    recorded, so that references follow reception whatever the number of workers, and a
    crash still loses only what is being verified."""
    items, ignored = list_inbox(inbox, received_at)
    platform = platform or {}
    items = [
        dataclasses.replace(item, platform_reference=platform[item.name][1])
        if item.name in platform
        else item
        for item in items
    ]
    order = {item.name: i for i, item in enumerate(items)}
    run = register.start_run(inbox, call) if register is not None else None
    dating = _Dating(received_at, _last_reception(register) if received_at else 0)
    rows: list[Row] = []
    waiting: dict[int, Outcome] = {}
    for outcome in run_pool(items, call=call, lang=lang, jobs=jobs, timeout=timeout, work=work):
        if outcome.item.name in platform:
            # Recorded where the instructor finds it, not in the staging folder: the same
            # export triaged again is the same sending.
            item = dataclasses.replace(outcome.item, path=platform[outcome.item.name][0])
            outcome = dataclasses.replace(outcome, item=item)
        waiting[order[outcome.item.name]] = outcome
        while len(rows) in waiting:
            rows.append(_recorded(waiting.pop(len(rows)), call, register, run, lang, dating))
        if on_outcome is not None:
            on_outcome(outcome)
    rows.sort(key=lambda row: row.outcome.item.name)
    # An incident is no dossier, a complement waiting to be attached no application, and an
    # application the instructor marked as a duplicate (``--doublon-de``) no rival of its
    # original (nor of anyone, as in ``Register.history``): none is compared with the others.
    duplicates = register.duplicates() if register is not None else set()
    candidates = _candidates(
        [
            row
            for row in rows
            if not row.outcome.incident
            and row.pending is None
            and (row.reception is None or row.reception.application_id not in duplicates)
        ]
    )
    if register is not None:
        candidates += register.history(
            {row.reception.reception_id for row in rows if row.reception is not None}
        )
    found = cross_check(candidates, call)
    for row in rows:
        row.findings.extend(found.get(f"inbox:{row.outcome.item.name}", []))
    if register is not None and run is not None:
        register.record_cross(
            run,
            {
                row.reception.reception_id: found.get(f"inbox:{row.outcome.item.name}", [])
                for row in rows
                if row.reception is not None
            },
            call,
        )
        register.finish_run(run)
    entries = {e.reference: e for e in register.entries()} if register is not None else {}
    return Triage(inbox, rows, ignored, entries, dating.kept, dating.later)
