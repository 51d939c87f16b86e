"""The findings' sheet names the piece of every finding on a file, cross-dossier ones
included (I003 names a file, not a piece): the sheet can be filtered by piece."""

from __future__ import annotations

from io import BytesIO

from openpyxl import load_workbook

from dossierkit.call import load_call
from dossierkit.triage.export import triage_xlsx


def test_a_cross_dossier_finding_names_the_piece_of_its_file() -> None:
    plan = {"path": "06 Plan agencement.png", "sha256": "ab" * 32, "pages": 1, "used": True}
    same_file = {
        "code": "I003",
        "severity": "warning",
        "piece": None,
        "file": "06 Plan agencement.png",
        "page": None,
        "message": "« 06 Plan agencement.png » est identique à « Plan.png » du dossier « B ».",
    }
    whole = {"code": "I005", "severity": "info", "piece": None, "file": None, "page": None}
    report = {
        "pieces": [],
        "annexes": [{"kind": "plan", "label": "Plan d'agencement", "files": [plan]}],
        "findings": [],
    }
    data = {
        "lang": "fr",
        "applications": [],
        "dossiers": [{"dossier": "CA Maubeuge", "report": report, "findings": [same_file, whole]}],
        "incidents": [],
    }
    sheet = load_workbook(BytesIO(triage_xlsx(data, load_call())))["Constats"]
    rows = [
        dict(zip([c.value for c in sheet[1]], r, strict=True))
        for r in sheet.iter_rows(2, values_only=True)
    ]
    assert [(r["Code"], r["Pièce"]) for r in rows] == [
        ("I003", "Plan d'agencement"),
        ("I005", None),
    ]
