"""Triage's use of the intake checks (group I): run the cross checks over the candidates of an
inbox, and render any finding as reports show it.

The checks themselves live in the one registry (``dossierkit.checks.intake``, listed in
``dossierkit.checks.INTAKE_CHECKS``); what stays here is what only triage does with them, as
``verify`` is what runs the per-dossier checks.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from dossierkit.call import Call
from dossierkit.checks import BY_CODE, INTAKE_CHECKS
from dossierkit.checks.intake import Candidate, CrossCheck
from dossierkit.epci import Epci, all_epci
from dossierkit.findings import Finding
from dossierkit.text import fold


def epci_of_commune(commune: str) -> Epci | None:
    """The region's EPCI that has ``commune`` as a member; None when none or several do
    (homonymous communes are not guessed between)."""
    folded = fold(commune)
    found = {e for e in all_epci() if any(fold(name) == folded for name in e.communes)}
    return found.pop() if len(found) == 1 else None


def cross_check(candidates: list[Candidate]) -> dict[str, list[Finding]]:
    """Candidate key → the findings of every cross check, sorted like a report's."""
    found: dict[str, list[Finding]] = defaultdict(list)
    for check in INTAKE_CHECKS:
        if issubclass(check, CrossCheck):
            for key, finding in check().cross(candidates):
                found[key].append(finding)
    return {key: sorted(findings, key=Finding.sort_key) for key, findings in found.items()}


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
