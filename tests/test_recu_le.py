"""``triage --recu-le``: the instructor's date of receipt, for the sendings new to the register.

The date of receipt starts the delay after which silence is worth rejection (CRPA art.
L231-4): an application already in the register keeps the date it was recorded with, and a
complement is never dated before the request it completes (it would not be the application's
current version, and its status would fall back to the incomplete one; tester 6, defect 5).
"""

from __future__ import annotations

import io
import os
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from test_courrier_targets import complement_of_montreuil

from dossierkit.call import load_call
from dossierkit.triage.commands import run_triage
from dossierkit.triage.register import Register
from dossierkit.triage.run import triage
from triage_inbox import built_dossiers

TODAY = date.today()


def _day(days_ago: int) -> date:
    return TODAY - timedelta(days=days_ago)


def _at(path: Path, day: date) -> Path:
    moment = datetime.combine(day, datetime.min.time()).replace(hour=10).timestamp()
    os.utime(path, (moment, moment))
    return path


@pytest.fixture(scope="module")
def first(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(inbox, register): the Montreuillois dossier received 3 days ago, without its statuts
    nor its RIB, triaged once (TLN-0001)."""
    built = built_dossiers(tmp_path_factory.getbasetemp())
    root = tmp_path_factory.mktemp("recu-le")
    inbox = root / "arrivees"
    inbox.mkdir()
    dossier = shutil.copytree(built["association-incomplete"], inbox / "Ateliers Montreuillois")
    _at(dossier, _day(3))
    db = root / "registre.sqlite"
    with Register(db) as register:
        triage(inbox, load_call(), register=register, jobs=1)
    return inbox, db


def _versions(db: Path, reference: str) -> list[tuple[str, date]]:
    with Register(db) as register:
        history = register.application(reference)
    assert history is not None
    return [(v.source_name, v.received_at.date()) for v in history.versions]


def _status(db: Path, reference: str) -> str:
    with Register(db) as register:
        return next(e.status for e in register.entries() if e.reference == reference)


def test_the_date_given_applies_to_new_sendings_only(
    first: tuple[Path, Path], tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    inbox, first_db = first
    db = Path(shutil.copy(first_db, tmp_path / "registre.sqlite"))
    # Yesterday the complement came by mail; a new dossier came by post, stamped 5 days ago,
    # and is triaged with the whole inbox under that date.
    complement = complement_of_montreuil(inbox / "Complément Montreuillois", tmp_path)
    _at(complement, _day(1))
    built = built_dossiers(tmp_path_factory.getbasetemp())
    shutil.copytree(built["ternois"], inbox / "Fablab Ternois")
    told = io.StringIO()
    given = datetime.combine(_day(5), datetime.min.time()).astimezone()
    run_triage(
        inbox,
        load_call(),
        db=db,
        outputs={},
        force=False,
        jobs=1,
        timeout=None,
        lang="fr",
        received_at=given,
        out=told,
    )
    # The request keeps its date, the complement its own: it stays the current version, and
    # the application is complete.
    assert _versions(db, "TLN-0001") == [
        ("Ateliers Montreuillois", _day(3)),
        ("Complément Montreuillois", _day(1)),
    ]
    assert _status(db, "TLN-0001") == "complete"
    # The new dossier is received on the date given.
    assert _versions(db, "TLN-0002") == [("Fablab Ternois", _day(5))]
    said = " ".join(told.getvalue().replace("\u00a0", " ").replace("\u202f", " ").split())
    day = _day(5).strftime("%d/%m/%Y")
    assert f"--recu-le {day} ne s'applique qu'aux envois nouveaux au registre" in said
    assert f"« Ateliers Montreuillois » (TLN-0001, {_day(3):%d/%m/%Y})" in said
    assert f"--recu-le {day} n'est pas appliqué à « Complément Montreuillois »" in said
    assert "Fablab Ternois" not in said.split("Contrôles entre dossiers")[-1]


def test_a_complement_is_never_dated_before_its_request(
    first: tuple[Path, Path], tmp_path: Path
) -> None:
    # The complement's folder is older than the request's (copied with its times kept), and
    # the date given is older still: it is dated when the request was, never before.
    _, first_db = first
    db = Path(shutil.copy(first_db, tmp_path / "registre.sqlite"))
    inbox = tmp_path / "arrivees"
    inbox.mkdir()
    _at(complement_of_montreuil(inbox / "Statuts et RIB", tmp_path), _day(6))
    given = datetime.combine(_day(8), datetime.min.time()).astimezone()
    with Register(db) as register:
        rows = triage(inbox, load_call(), register=register, jobs=1, received_at=given).rows
    [row] = rows
    assert row.complement_of == "TLN-0001" and row.reception is not None
    assert row.reception.received_at.date() == _day(3)
    assert [name for name, _ in _versions(db, "TLN-0001")][-1] == "Statuts et RIB"
    assert _status(db, "TLN-0001") == "complete"


def test_a_dossier_sent_again_is_never_dated_before_its_first_sending(
    first: tuple[Path, Path], tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    # The same dossier mailed again yesterday, triaged with the postmark of a dossier
    # received a week ago: a new version of TLN-0001, dated on its own arrival.
    _, first_db = first
    db = Path(shutil.copy(first_db, tmp_path / "registre.sqlite"))
    built = built_dossiers(tmp_path_factory.getbasetemp())
    inbox = tmp_path / "arrivees"
    resent = shutil.copytree(built["association-incomplete"], inbox / "Montreuillois (renvoi)")
    _at(resent, _day(1))
    given = datetime.combine(_day(7), datetime.min.time()).astimezone()
    with Register(db) as register:
        result = triage(inbox, load_call(), register=register, jobs=1, received_at=given)
    assert _versions(db, "TLN-0001") == [
        ("Ateliers Montreuillois", _day(3)),
        ("Montreuillois (renvoi)", _day(1)),
    ]
    assert [(name, reference) for name, reference, _ in result.dated_later] == [
        ("Montreuillois (renvoi)", "TLN-0001")
    ]
