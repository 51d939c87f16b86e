"""The day a dossier is judged on: the date checks follow ``verify(today=…)`` (``verify --le``,
the triage's reception date), not the calendar of the run."""

from __future__ import annotations

from datetime import date
from pathlib import Path

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
    assert "postérieur au 1er octobre 2026, date de la vérification" in c006["message"]
    later = verify(folder, today=date(2026, 12, 2)).findings
    assert "C006" not in {f.code for f in later}
