"""Every reception time is stored in UTC: the register orders receptions by that text.

A reception dated with the instructor's offset (« 2026-11-20T10:00:00+01:00 », from
``--recu-le`` in France) sorted as text against UTC times (« …+00:00 ») could put versions
received less than an hour apart in the wrong order (noticed while fixing tester 6's
defect 5).
"""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from dossierkit.call import load_call
from dossierkit.triage.register import Register
from dossierkit.triage.run import triage
from triage_inbox import built_dossiers

PARIS_WINTER = timezone(timedelta(hours=1))


def test_a_reception_given_with_an_offset_is_stored_in_utc(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    built = built_dossiers(tmp_path_factory.getbasetemp())
    inbox = tmp_path / "arrivees"
    inbox.mkdir()
    shutil.copytree(built["association-incomplete"], inbox / "Ateliers Montreuillois")
    db = tmp_path / "registre.sqlite"
    with Register(db) as register:
        triage(
            inbox,
            load_call(),
            register=register,
            jobs=1,
            received_at=datetime(2026, 11, 20, 10, 0, tzinfo=PARIS_WINTER),
        )
    with sqlite3.connect(db) as raw:
        stored = [row[0] for row in raw.execute("SELECT received_at FROM receptions")]
    assert stored == ["2026-11-20T09:00:00+00:00"]
