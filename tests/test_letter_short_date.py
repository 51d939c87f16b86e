"""A letter dated as people type it: « Saint-Pol, le 03/12/26 ».

The two-digit year was not read, so the letter's date was the first full date of its body
(the plan's start, « 1er janvier 2027 ») and C006 said the letter was dated in the future
(outside tester 5, La Forge du Santerre). Two-digit years are read with slashes only: a
version number « v1.2.10 » is no date.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import TEXTS, write_pdf
from dossierkit.pieces.common import DATE, date_of, find_date
from dossierkit.reading import read_document


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("le 03/12/26", date(2026, 12, 3)),
        ("le 3/12/26", date(2026, 12, 3)),
        ("le 03/12/2026", date(2026, 12, 3)),
        ("le 03.12.2026", date(2026, 12, 3)),
        ("le 1er décembre 2026", date(2026, 12, 1)),
    ],
)
def test_the_date_of_the_letter_is_read_in_the_ways_people_type_it(
    tmp_path: Path, written: str, day: date
) -> None:
    lines = list(TEXTS["courrier"])
    lines[4] = f"Saint-Pol-sur-Ternoise, {written}"
    # The body names a later full date: the plan's start, which the letter is not dated on.
    lines.insert(8, "Le plan d'action commencera le 1er janvier 2027.")
    pdf = write_pdf(tmp_path / "Courrier.pdf", lines)
    dated = find_date(read_document(pdf, "pdf"))
    assert dated is not None and dated.value == day


@pytest.mark.parametrize("text", ["version v1.2.10", "réf. 03/12/26/7", "le 31/02/26"])
def test_what_only_looks_like_a_short_date_is_none(text: str) -> None:
    match = DATE.search(text)
    assert match is None or date_of(match) is None
