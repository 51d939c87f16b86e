"""The day a PDF was signed, as the instructor reads it (G004 « …, le 3 décembre 2026 »): the
signing time is recorded in UTC, the applicant signed in France."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from dossierkit.reading.signatures import signing_day


@pytest.mark.parametrize(
    ("moment", "day"),
    [
        # 00:30 in Lille in winter (UTC+1), 00:30 in summer (UTC+2): the French day.
        (datetime(2026, 12, 2, 23, 30, tzinfo=UTC), "2026-12-03"),
        (datetime(2026, 7, 14, 22, 30, tzinfo=UTC), "2026-07-15"),
        # In the afternoon, both days agree; a time given with its own offset is read as such.
        (datetime(2026, 12, 2, 15, 0, tzinfo=UTC), "2026-12-02"),
        (datetime(2026, 12, 2, 20, 0, tzinfo=timezone(timedelta(hours=-5))), "2026-12-03"),
    ],
)
def test_the_signing_day_is_the_day_in_france(moment: datetime, day: str) -> None:
    assert signing_day(moment) == day
