"""One application's history, as ``dossierkit registre REF`` tells it, and what changed
between two of its versions.

An instructor who receives a corrected dossier asks two things: what has the applicant sent
since, and what is still wrong. The register keeps every version with its files (path and
SHA-256), every verification with its findings and the pieces' status, and every letter;
this module compares two versions on those records only, never on the files (which may have
left the inbox long ago).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from dossierkit.text import counted, french_spacing
from dossierkit.triage.rivals import rival_reason
from dossierkit.triage.territory import epci_full_name

PIECE_STATUS = {
    "fr": {
        "ok": "présente",
        "missing": "manquante",
        "invalid": "illisible",
        "empty": "sans contenu",
        "not_required": "sans objet",
    },
    "en": {
        "ok": "present",
        "missing": "missing",
        "invalid": "unreadable",
        "empty": "empty",
        "not_required": "not required",
    },
}
STATUS = {
    "fr": {"complete": "complet", "incomplete": "incomplet", "failed": "échec"},
    "en": {"complete": "complete", "incomplete": "incomplete", "failed": "failed"},
}
LETTER = {
    # « courrier » first: the participles that follow agree with it, whatever the letter.
    "fr": {
        "accuse-reception": "courrier d'accusé de réception",
        "demande-complements": "courrier de demande de pièces",
    },
    "en": {"accuse-reception": "acknowledgement", "demande-complements": "request for pieces"},
}
STRINGS = {
    "fr": {
        "title": "{reference} — {structure}",
        "unknown": "structure non identifiée",
        "epci": " ({epci})",
        # Counts in the forms of ``text.counted`` (« one|many »).
        "version": "Version {n} : « {name} », reçue le {date} ({files})",
        "files": "{n} fichier|{n} fichiers",
        "checked": "vérifiée le {date} : {status}, {errors}, {warnings}",
        "again": " ; même résultat {times}, jusqu'au {date}",
        "times": "{n} fois de plus|{n} fois de plus",
        "errors": "{n} erreur|{n} erreurs",
        "warnings": "{n} avertissement|{n} avertissements",
        "letter": "{kind} écrit le {date}, {sent}",
        "sent": "envoyé le {date}",
        "draft": "brouillon (non envoyé)",
        "changes": "Changements depuis la version {n} :",
        "added": "fichiers ajoutés : {names}",
        "removed": "fichiers retirés : {names}",
        "changed": "fichiers modifiés : {names}",
        "piece": "{label} : {before} → {after}",
        "resolved": "constat résolu : {code} — {message}",
        "new": "nouveau constat : {code} — {message}",
        "same": "aucun changement",
        "between": "De la version {before} à la version {after} :",
        "duplicate": "Doublon de {other}, noté le {date} : il n'entre plus dans les contrôles "
        "entre dossiers, et le tableau de suivi le dit doublon.",
    },
    "en": {
        "title": "{reference} — {structure}",
        "unknown": "unidentified structure",
        "epci": " ({epci})",
        "version": 'Version {n}: "{name}", received on {date} ({files})',
        "files": "{n} file|{n} files",
        "checked": "checked on {date}: {status}, {errors}, {warnings}",
        "again": "; the same {times}, until {date}",
        "times": "{n} more time|{n} more times",
        "errors": "{n} error|{n} errors",
        "warnings": "{n} warning|{n} warnings",
        "letter": "{kind} written on {date}, {sent}",
        "sent": "sent on {date}",
        "draft": "draft (not sent)",
        "changes": "Changes since version {n}:",
        "added": "files added: {names}",
        "removed": "files removed: {names}",
        "changed": "files changed: {names}",
        "piece": "{label}: {before} → {after}",
        "resolved": "finding resolved: {code} — {message}",
        "new": "new finding: {code} — {message}",
        "same": "no change",
        "between": "From version {before} to version {after}:",
        "duplicate": "Duplicate of {other}, noted on {date}: left out of the cross-dossier "
        "checks, and shown as a duplicate in the tracking sheet.",
    },
}


@dataclass(frozen=True)
class Check:
    """One verification of a version."""

    verified_at: datetime
    status: str
    errors: int
    warnings: int
    findings: tuple[dict[str, Any], ...]  # as reports show them (French)
    pieces: tuple[tuple[str, str, str], ...]  # (kind, label, status)


@dataclass(frozen=True)
class Letter:
    """A letter written about a version; ``sent_on`` None while it is a draft."""

    kind: str
    created_at: datetime
    path: str
    sent_on: date | None


@dataclass(frozen=True)
class Version:
    """One sending of the application, numbered in order of reception."""

    number: int
    source_name: str
    source_kind: str
    received_at: datetime
    files: tuple[tuple[str, str], ...]  # (relative path, SHA-256)
    verifications: tuple[Check, ...]
    letters: tuple[Letter, ...]
    platform_reference: str | None = None  # the platform's dossier number, from its export
    # A complement sent alone: the number of the version it was laid over and verified with
    # (its ``files`` are its own only).
    complement_of: int | None = None

    @property
    def latest(self) -> Check | None:
        """The version's last verification (the one that states its current findings)."""
        return self.verifications[-1] if self.verifications else None


@dataclass(frozen=True)
class Decision:
    """What the instructor decided about the application: ``duplicate`` of ``other``."""

    kind: str
    other: str | None
    decided_on: date


@dataclass(frozen=True)
class History:
    """An application, its versions in order of reception, and the instructor's decisions."""

    reference: str
    structure: str | None
    epci_name: str | None
    versions: tuple[Version, ...]
    decisions: tuple[Decision, ...] = ()
    # The other applications of a cross-dossier finding (code, their references), as they
    # stand today: named by the history of both applications of a pair.
    rivals: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class Changes:
    """What changed from one version to another."""

    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: tuple[str, ...]
    pieces: tuple[tuple[str, str, str], ...]  # (label, status before, status after)
    resolved: tuple[dict[str, Any], ...]
    new: tuple[dict[str, Any], ...]

    def __bool__(self) -> bool:
        return any((self.added, self.removed, self.changed, self.pieces, self.resolved, self.new))


def _finding_key(finding: dict[str, Any]) -> tuple[str, str | None, str | None]:
    # The message may carry dates or amounts that move; what was found, and where, does not.
    return (finding["code"], finding.get("piece"), finding.get("file"))


def verified_files(versions: tuple[Version, ...], version: Version) -> tuple[tuple[str, str], ...]:
    """The files ``version`` was verified with: its own, and for a complement sent alone
    those of the version it completes below them (``complements.merged``), so that the next
    version is compared with the dossier as it stood, not with the complement's few pieces."""
    files: dict[str, str] = {}
    below: list[Version] = [version]
    seen = {version.number}
    while (number := below[-1].complement_of) is not None and number not in seen:
        seen.add(number)
        base = next((v for v in versions if v.number == number), None)
        if base is None:
            break
        below.append(base)
    for layer in reversed(below):
        files.update(layer.files)
    return tuple(sorted(files.items()))


def changes(
    before: Version,
    after: Version,
    *,
    before_files: tuple[tuple[str, str], ...] | None = None,
    after_files: tuple[tuple[str, str], ...] | None = None,
) -> Changes:
    """Files added, removed or changed (by SHA-256), pieces whose status moved, findings
    resolved and new, from ``before`` to ``after`` (their latest verifications), each with
    the files it was verified with (``verified_files``; its own by default). A complement
    sent alone withdraws nothing: verified with the pieces it completes, only its own files
    are added or changed, even when it is given without the files below it."""
    old = dict(before.files if before_files is None else before_files)
    new = dict(after.files if after_files is None else after_files)
    alone = after.complement_of is not None and after_files is None
    removed = () if alone else tuple(sorted(set(old) - set(new)))
    pieces_before = {kind: status for kind, _, status in (before.latest or _NONE).pieces}
    pieces = tuple(
        (label, pieces_before[kind], status)
        for kind, label, status in (after.latest or _NONE).pieces
        if kind in pieces_before and pieces_before[kind] != status
    )
    found_before = {_finding_key(f): f for f in (before.latest or _NONE).findings}
    found_after = {_finding_key(f): f for f in (after.latest or _NONE).findings}
    return Changes(
        added=tuple(sorted(set(new) - set(old))),
        removed=removed,
        changed=tuple(sorted(p for p in set(old) & set(new) if old[p] != new[p])),
        pieces=pieces,
        resolved=tuple(f for key, f in found_before.items() if key not in found_after),
        new=tuple(f for key, f in found_after.items() if key not in found_before),
    )


_NONE = Check(datetime.min, "failed", 0, 0, (), ())


def _when(moment: datetime, lang: str) -> str:
    return moment.strftime("%Y-%m-%d %H:%M" if lang == "en" else "%d/%m/%Y %H:%M")


def _day(day: date, lang: str) -> str:
    return day.isoformat() if lang == "en" else day.strftime("%d/%m/%Y")


def change_lines(found: Changes, lang: str = "fr") -> list[str]:
    """The changes, one line each."""
    words = STRINGS[lang]
    states = PIECE_STATUS[lang]
    lines = [
        words[key].format(names=", ".join(names))
        for key, names in (
            ("added", found.added),
            ("removed", found.removed),
            ("changed", found.changed),
        )
        if names
    ]
    lines += [
        words["piece"].format(
            label=label, before=states.get(before, before), after=states.get(after, after)
        )
        for label, before, after in found.pieces
    ]
    lines += [words["resolved"].format(**f) for f in found.resolved]
    lines += [words["new"].format(**f) for f in found.new]
    return lines or [words["same"]]


def _platform_number(version: Version, lang: str) -> str:
    """The platform's number after the sending's name, when it came from a platform."""
    if version.platform_reference is None:
        return ""
    if lang == "en":
        return f", platform dossier no. {version.platform_reference}"
    return f", dossier n°\u00a0{version.platform_reference} de la plateforme"


def _runs(checks: tuple[Check, ...]) -> list[tuple[Check, Check, int]]:
    """Consecutive verifications that found the same, as (first, last, how many after the
    first): each letter written verifies its dossier again, and a version's history would
    otherwise list the same result once per letter and per triage."""
    runs: list[tuple[Check, Check, int]] = []
    for check in checks:
        if runs and _same(runs[-1][0], check):
            first, _, again = runs[-1]
            runs[-1] = (first, check, again + 1)
        else:
            runs.append((check, check, 0))
    return runs


def _same(a: Check, b: Check) -> bool:
    return (a.status, a.errors, a.warnings, a.findings, a.pieces) == (
        b.status,
        b.errors,
        b.warnings,
        b.findings,
        b.pieces,
    )


def _changes(history: History, before: Version, after: Version) -> Changes:
    return changes(
        before,
        after,
        before_files=verified_files(history.versions, before),
        after_files=verified_files(history.versions, after),
    )


def history_lines(
    history: History, lang: str = "fr", compare: tuple[int, int] | None = None
) -> list[str]:
    """The history as the terminal prints it: each version with its verifications and
    letters, then what changed since the version before (or between the two versions of
    ``compare`` only)."""
    words = STRINGS[lang]
    # An intercommunalité that applies is named in full too (« Communauté de communes du
    # Pays de Mormal »); any other structure as read.
    structure = epci_full_name(history.structure)
    title = words["title"].format(
        reference=history.reference, structure=structure or words["unknown"]
    )
    if history.epci_name:
        # As the letters and the sheet name it, not INSEE's « CC Coeur de l'Avesnois ».
        title += words["epci"].format(epci=epci_full_name(history.epci_name))
    lines = [title]
    for i, version in enumerate(history.versions):
        lines.append(
            words["version"].format(
                n=version.number,
                name=version.source_name,
                date=_when(version.received_at, lang),
                files=counted(len(version.files), words["files"], lang),
            )
            + _platform_number(version, lang)
        )
        for check, last, again in _runs(version.verifications):
            lines.append(
                "  "
                + words["checked"].format(
                    date=_when(check.verified_at, lang),
                    status=STATUS[lang].get(check.status, check.status),
                    errors=counted(check.errors, words["errors"], lang),
                    warnings=counted(check.warnings, words["warnings"], lang),
                )
                + (
                    words["again"].format(
                        times=counted(again, words["times"], lang),
                        date=_when(last.verified_at, lang),
                    )
                    if again
                    else ""
                )
            )
        for letter in version.letters:
            sent = (
                words["draft"]
                if letter.sent_on is None
                else words["sent"].format(date=_day(letter.sent_on, lang))
            )
            lines.append(
                "  "
                + words["letter"].format(
                    kind=LETTER[lang].get(letter.kind, letter.kind),
                    date=_when(letter.created_at, lang),
                    sent=sent,
                )
            )
        if compare is None and i > 0:
            lines.append("  " + words["changes"].format(n=history.versions[i - 1].number))
            lines += [
                "    " + line
                for line in change_lines(_changes(history, history.versions[i - 1], version), lang)
            ]
    lines += [
        words["duplicate"].format(other=d.other, date=_day(d.decided_on, lang))
        for d in history.decisions
        if d.kind == "duplicate"
    ]
    lines += [rival_reason(code, others, lang) + "." for code, others in history.rivals]
    if compare is not None:
        before, after = (history.versions[n - 1] for n in compare)
        lines.append(words["between"].format(before=before.number, after=after.number))
        lines += ["  " + line for line in change_lines(_changes(history, before, after), lang)]
    return [french_spacing(line) if lang == "fr" else line for line in lines]
