"""Triage's use of the intake checks (group I): run the cross checks over the candidates of an
inbox, and render any finding as reports show it.

The checks themselves live in the one registry (``dossierkit.checks.intake``, listed in
``dossierkit.checks.INTAKE_CHECKS``); what stays here is what only triage does with them, as
``verify`` is what runs the per-dossier checks.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

from dossierkit.call import Call
from dossierkit.checks import BY_CODE, INTAKE_CHECKS
from dossierkit.checks.intake import Candidate, Combined, CrossCheck
from dossierkit.epci import Epci, all_epci
from dossierkit.findings import Finding
from dossierkit.text import fold


def epci_of_commune(commune: str) -> Epci | None:
    """The region's EPCI that has ``commune`` as a member; None when none or several do
    (homonymous communes are not guessed between)."""
    folded = fold(commune)
    found = {e for e in all_epci() if any(fold(name) == folded for name in e.communes)}
    return found.pop() if len(found) == 1 else None


# Findings about another application, said once per application it concerns (not once per
# version of it): the code, and what else makes two findings distinct.
_PER_APPLICATION = {"I001": (), "I002": ("iban",), "I003": ("file_name",)}


def _fold(findings: list[Finding], candidates: list[Candidate]) -> list[Finding]:
    """One finding per other application for the checks of ``_PER_APPLICATION``: the one
    naming its version received last. Versions of the same application sent in one inbox
    would otherwise repeat the same warning once per pair of versions."""
    latest: dict[str, Candidate] = {}
    for c in candidates:
        known = latest.get(c.label)
        if known is None or _received(c) > _received(known):
            latest[c.label] = c
    kept: dict[tuple[object, ...], Finding] = {}
    others: list[Finding] = []
    for finding in findings:
        if finding.code not in _PER_APPLICATION:
            others.append(finding)
            continue
        other = latest.get(str(finding.params.get("other_dossier")))
        application = other.application if other is not None else finding.params["other_dossier"]
        key = (
            finding.code,
            application,
            *(finding.params.get(name) for name in _PER_APPLICATION[finding.code]),
        )
        held = kept.get(key)
        if held is None or (other is not None and _received(other) > _received_of(held, latest)):
            kept[key] = finding
    return others + list(kept.values())


def _received(c: Candidate) -> datetime:
    return c.received_at.astimezone(UTC) if c.received_at else datetime.min.replace(tzinfo=UTC)


def _received_of(finding: Finding, latest: dict[str, Candidate]) -> datetime:
    other = latest.get(str(finding.params.get("other_dossier")))
    return _received(other) if other is not None else datetime.min.replace(tzinfo=UTC)


def cross_check(candidates: list[Candidate], call: Call | None = None) -> dict[str, list[Finding]]:
    """Candidate key → the findings of every cross check, once per other application it
    concerns, sorted like a report's. ``call`` decides which cross checks apply (a call
    without the one-aid-per-intercommunalité rule raises no I001); all do without it."""
    found: dict[str, list[Finding]] = defaultdict(list)
    for check in INTAKE_CHECKS:
        if issubclass(check, CrossCheck):
            for key, finding in check().cross(candidates, call):
                found[key].append(finding)
    return {
        key: sorted(_combine(_fold(findings, candidates)), key=Finding.sort_key)
        for key, findings in found.items()
    }


def _combine(findings: list[Finding]) -> list[Finding]:
    """One finding per subject for the checks that name every other application at once
    (``Combined``: the intercommunalité, the IBAN, the file), in the order found."""
    groups: dict[tuple[object, ...], list[Finding]] = defaultdict(list)
    for finding in findings:
        check = BY_CODE[finding.code]
        key = (
            (finding.code, *(finding.params.get(n) for n in check.subject))
            if issubclass(check, Combined)
            else (id(finding),)
        )
        groups[key].append(finding)
    combined = []
    for group in groups.values():
        check = BY_CODE[group[0].code]
        if len(group) > 1 and issubclass(check, Combined):
            combined.append(check().combine(group))
        else:
            combined.extend(group)
    return combined


def rendered(finding: Finding, call: Call, lang: str = "fr") -> dict[str, Any]:
    """A finding of any check, dossier or intake, as reports show it (the shape of a
    report's ``findings``), its message in ``lang``."""
    check = BY_CODE[finding.code]
    return {
        "code": finding.code,
        "name": check.name,
        "severity": finding.severity.value,
        "piece": finding.piece,
        "message": check.render(finding, lang, call),
        "file": finding.file,
        "page": finding.page,
    }
