"""The day a dossier is judged on: the date checks follow ``verify(today=…)`` (``verify --le``,
the triage's reception date), not the calendar of the run."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from test_check_cases import make_file

from dossierkit.report.data import report_data
from dossierkit.verify import verify


def test_a_letter_dated_after_the_day_of_judgement_is_reported_on_that_day(
    tmp_path: Path,
) -> None:
    """The letter is dated 12 October 2026: judged as on 1 October (received then, the date
    is a typo) it is in the future; judged on 2 December it is not."""
    folder = tmp_path / "dossier"
    folder.mkdir()
    make_file(folder / "Courrier.pdf", {"letter": "courrier"})

    early = report_data(verify(folder, today=date(2026, 10, 1)))["findings"]
    [c006] = [f for f in early if f["code"] == "C006"]
    assert "postérieur au 1er octobre 2026, date de réception du dossier" in c006["message"]
    later = verify(folder, today=date(2026, 12, 2)).findings
    assert "C006" not in {f.code for f in later}


def test_without_a_reception_day_the_letter_is_compared_with_the_day_of_the_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``verify`` run without ``--le`` judges on the day of the run and says so; with a
    reception day (``--le``, triage), the message names the reception (tester 6, defect 11:
    « date de la vérification » said of the day the dossier was received)."""
    folder = tmp_path / "dossier"
    folder.mkdir()
    make_file(folder / "Courrier.pdf", {"letter": "courrier"})
    monkeypatch.setenv("DOSSIERKIT_TODAY", "2026-10-01")

    [c006] = [f for f in report_data(verify(folder))["findings"] if f["code"] == "C006"]
    assert "postérieur au 1er octobre 2026, date de la vérification :" in c006["message"]
