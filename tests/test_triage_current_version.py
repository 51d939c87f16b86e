"""Triage's tracking sheet and ``dossierkit registre`` name the same current version, even
for two versions received at the same second (copied together into the inbox)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from dossierkit.call import load_call
from dossierkit.triage.applications import application_entry
from dossierkit.triage.model import InboxItem, Outcome, Reception, Row, Summary

SAME_SECOND = datetime(2026, 12, 3, 7, 16, 12, tzinfo=UTC)


def _row(name: str, reception_id: int) -> Row:
    item = InboxItem(name, Path(name), "folder", SAME_SECOND)
    report = {
        "pieces": [],
        "annexes": [],
        "findings": [],
        "facts": [],
        "summary": {"errors": 0, "warnings": 0, "infos": 0},
    }
    outcome = Outcome(item, name, "complete", Summary(structure="CC du Pays de Mormal"), report)
    return Row(outcome, Reception("TLN-0002", SAME_SECOND, 2, reception_id))


def test_the_version_recorded_last_is_current_whatever_the_inbox_order() -> None:
    first, second = _row("CC Pays de Mormal", 3), _row("CC Pays de Mormal (renvoi)", 4)
    for versions in ([first, second], [second, first]):
        entry = application_entry(versions, None, load_call())
        # The register: ``ORDER BY received_at DESC, id DESC``.
        assert entry["current_version"] == "CC Pays de Mormal (renvoi)"
        assert entry["dossiers"] == ["CC Pays de Mormal", "CC Pays de Mormal (renvoi)"]
