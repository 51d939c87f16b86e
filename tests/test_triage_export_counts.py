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
        "5 demandes : 2 complètes, 1 incomplète, 1 non vérifiée, 1 doublon."
    )
    assert application_counts(applications[:2], "en") == (
        "2 applications: 1 complete, 1 incomplete."
    )


def test_sendings_are_counted_as_sendings() -> None:
    from dossierkit.triage.terminal import sending_counts

    summary = {"dossiers": 8, "complete": 4, "incomplete": 2, "failed": 2, "incidents": 1}
    assert sending_counts(summary, "fr") == (
        "8 envois reçus : 4 complets, 2 incomplets, 1 non vérifié, 1 vide ou illisible."
    )
    assert sending_counts({**summary, "failed": 0, "incidents": 0}, "en") == (
        "8 sendings received: 4 complete, 2 incomplete."
    )


def test_a_cross_finding_names_the_dossier_and_its_reference() -> None:
    import io

    from dossierkit.triage.terminal import render_table

    finding = {"code": "I001", "severity": "warning", "message": "Une autre demande vise…"}
    data = {
        "lang": "fr",
        "inbox": "arrivees",
        "summary": {"dossiers": 1, "complete": 1, "incomplete": 0, "failed": 0},
        "ignored": [],
        "incidents": [],
        "pending": [],
        "applications": [
            {
                "reference": "TLN-0002",
                "status": "complete",
                "dossiers": ["Ternois Numérique.zip"],
                "current_version": "Ternois Numérique.zip",
            }
        ],
        "dossiers": [
            {
                "dossier": "Ternois Numérique.zip",
                "reference": "TLN-0002",
                "findings": [finding],
                "incident": False,
                "complement_of": None,
            }
        ],
    }
    out = io.StringIO()
    render_table(data, out)
    text = out.getvalue().replace("\u00a0", " ")
    assert "1 demande : 1 complète, 0 incomplète." in text
    assert "1 envoi reçu : 1 complet, 0 incomplet." in text
    assert "I001  Ternois Numérique.zip (TLN-0002) — Une autre demande" in text
