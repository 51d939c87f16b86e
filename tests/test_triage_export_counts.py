"""The terminal counts applications (an application's versions once), not only sendings."""

from __future__ import annotations

from dossierkit.triage.terminal import application_counts


def test_applications_are_counted_by_status() -> None:
    applications = [
        {"status": "complete"},
        {"status": "incomplete"},
        {"status": "complete"},
        {"status": "failed"},
        {"status": "doublon de TLN-0001"},
    ]
    assert application_counts(applications, "fr") == (
        "5 demande(s) : 2 complète(s), 1 incomplète(s), 1 non vérifiée(s), 1 doublon(s)."
    )
    assert application_counts(applications[:2], "en") == (
        "2 application(s): 1 complete, 1 incomplete."
    )
