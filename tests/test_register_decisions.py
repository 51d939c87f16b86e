"""The instructor's decisions kept in the register: an application marked as a duplicate of
another stays listed, says so, and no longer counts as a rival in the cross-dossier checks."""

from __future__ import annotations

import csv
import io
import shutil
import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from dossierkit.call import load_call
from dossierkit.cli import cli
from dossierkit.errors import UsageError
from dossierkit.findings import Severity
from dossierkit.triage.commands import run_duplicate, run_history, run_register
from dossierkit.triage.register import Register
from dossierkit.triage.run import triage
from triage_inbox import built_dossiers


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return built_dossiers(tmp_path_factory.getbasetemp())


def test_a_duplicate_is_marked_kept_and_no_longer_a_rival(
    built: dict[str, Path], tmp_path: Path
) -> None:
    # Monday: the Ternois fablab, and the same project sent by a second address under
    # another name (nothing recognises it): two applications for one intercommunalité.
    call = load_call()
    monday = tmp_path / "lundi"
    monday.mkdir()
    shutil.copytree(built["ternois"], monday / "Fablab Ternois")
    shutil.copytree(built["rival"], monday / "Ternois Numérique")
    db = tmp_path / "registre.sqlite"
    with Register(db) as register:
        rows = {
            r.outcome.item.name: r for r in triage(monday, call, register=register, jobs=1).rows
        }
    kept = rows["Fablab Ternois"].reception
    double = rows["Ternois Numérique"].reception
    assert kept is not None and double is not None
    assert "I001" in {f.code for f in rows["Fablab Ternois"].findings}
    # The register's table counts the warnings the triage showed, the rival's included.
    listed = io.StringIO()
    run_register(None, db=db, outputs={}, force=False, lang="fr", out=listed)
    [line] = [x for x in listed.getvalue().splitlines() if f"│ {kept.reference}" in x]
    cells = [c.strip() for c in line.split("│")[1:-1]]
    assert str(rows["Fablab Ternois"].count(Severity.WARNING)) == cells[-2]

    # The instructor's command, as docs/instruire.md gives it.
    today = date.today().strftime("%d/%m/%Y")
    marked = CliRunner().invoke(
        cli, ["registre", double.reference, "--doublon-de", kept.reference, "--db", str(db)]
    )
    assert marked.exit_code == 0, marked.output
    assert f"noté doublon de {kept.reference} le {today}" in marked.output
    refused = CliRunner().invoke(cli, ["registre", "--doublon-de", kept.reference, "--db", str(db)])
    assert refused.exit_code == 2 and "indiquez la référence du doublon" in refused.output
    with Register(db) as register:
        assert register.duplicates() == {double.application_id}
    for args, said in (
        ((double.reference, kept.reference), "déjà noté doublon"),
        ((kept.reference, double.reference), "lui-même un doublon"),
        ((kept.reference, kept.reference), "d'elle-même"),
        (("TLN-0099", kept.reference), "aucune demande TLN-0099"),
    ):
        with pytest.raises(UsageError, match=said):
            run_duplicate(*args, None, db=db)
    with closing(sqlite3.connect(db)) as connection, pytest.raises(sqlite3.DatabaseError):
        connection.execute("DELETE FROM decisions")

    # Its history says so; the list and the tracking sheet keep it, as a duplicate.
    shown = io.StringIO()
    run_history(double.reference, None, db=db, compare=None, lang="fr", out=shown)
    assert f"Doublon de {kept.reference}, noté le {today}" in shown.getvalue()
    sheet = tmp_path / "suivi.csv"
    listed = io.StringIO()
    run_register(None, db=db, outputs={"--csv": sheet}, force=False, lang="fr", out=listed)
    assert "doublon de" in listed.getvalue()  # the table may wrap the reference
    lines = {
        r["Référence"]: r
        for r in csv.DictReader(io.StringIO(sheet.read_text("utf-8-sig")), delimiter=";")
    }
    assert lines[double.reference]["Statut"] == f"doublon de {kept.reference}"
    assert lines[kept.reference]["Statut"] == "complet"

    # Tuesday: the fablab sends a corrected dossier; the duplicate is no rival any more.
    tuesday = tmp_path / "mardi"
    tuesday.mkdir()
    corrected = shutil.copytree(built["ternois"], tuesday / "Fablab Ternois corrigé")
    (corrected / "Note.txt").write_text("Version corrigée.", encoding="utf-8")
    with Register(db) as register:
        (row,) = triage(tuesday, call, register=register, jobs=1).rows
    assert row.reception is not None and row.reception.reference == kept.reference
    assert "I001" not in {f.code for f in row.findings}
    # Monday's inbox triaged again, the duplicate in it: still no rival of anyone.
    with Register(db) as register:
        again = triage(monday, call, register=register, jobs=1).rows
    assert len(again) == 2
    assert all("I001" not in {f.code for f in r.findings} for r in again)


def test_the_history_says_each_letter_and_decision_in_correct_french() -> None:
    from datetime import datetime

    from dossierkit.triage.history import Decision, History, Letter, Version, history_lines

    written = datetime(2026, 12, 3, 10, 0).astimezone()
    version = Version(
        number=1,
        source_name="Ateliers",
        source_kind="folder",
        received_at=written,
        files=(),
        verifications=(),
        letters=(
            Letter("accuse-reception", written, "a.docx", date(2026, 12, 4)),
            Letter("demande-complements", written, "d.docx", None),
        ),
    )
    history = History(
        "TLN-0002",
        "Ateliers",
        None,
        (version,),
        (Decision("duplicate", "TLN-0001", written.date()),),
    )
    lines = [line.replace("\u00a0", " ") for line in history_lines(history)]
    assert (
        "  courrier d'accusé de réception écrit le 03/12/2026 10:00, envoyé le 04/12/2026" in lines
    )
    assert (
        "  courrier de demande de pièces écrit le 03/12/2026 10:00, brouillon (non envoyé)" in lines
    )
    assert lines[-1].startswith("Doublon de TLN-0001, noté le 03/12/2026 :")
