"""A platform's export read without trusting it: its form and its table read in reader
processes, its size checked against the disk, its file names kept apart.

The export is the session's (``platform_export``), copied before it is changed.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import time
from pathlib import Path

import pytest
from platform_export import session_download, session_unpacked

from dossierkit.external.scratch import DiskFull
from dossierkit.limits import Limits
from dossierkit.triage import platforms
from dossierkit.triage.platforms import tabular


def _export(factory: pytest.TempPathFactory, tmp_path: Path) -> Path:
    """The unpacked export with its CSV beside it, in ``tmp_path``."""
    shutil.copytree(session_unpacked(factory), tmp_path / "export")
    shutil.copy(next(session_download(factory).glob("*.csv")), tmp_path)
    return tmp_path / "export"


def test_a_form_that_hangs_and_a_table_that_crashes_are_notes(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reader that never returns, or dies, costs its file: the dossiers are still read."""
    import dossierkit.reading

    real = dossierkit.reading.read_document

    def hanging(path: Path, doc_type: str, limits: Limits) -> object:
        if path.name.startswith("export-20480456"):
            time.sleep(60)
        return real(path, doc_type, limits)

    def crashing(path: Path) -> object:
        os._exit(3)

    # Forked readers see what the test put in place.
    monkeypatch.setattr(dossierkit.reading, "read_document", hanging)
    monkeypatch.setattr(tabular, "_csv_table", crashing)
    export = platforms.detect(_export(tmp_path_factory, tmp_path))
    assert export is not None and export.table is not None
    started = time.monotonic()
    contents = export.read(limits=Limits(seconds_per_file=2))
    assert time.monotonic() - started < 30
    # Without its form nor the table, the dossier has no deposit date: it comes last.
    assert [a.reference for a in contents.applications] == ["20480123", "20481002", "20480456"]
    assert contents.applications[-1].received_at is None
    (table_note, form_note) = contents.notes
    assert table_note.startswith(export.table.name) and "code de sortie 3" in table_note
    assert form_note.startswith("dossier-20480456/export-20480456")
    assert "lecture interrompue après 2 s" in form_note
    # The other forms were read: what they declare is there.
    first = contents.applications[0].declared
    assert first.amount_requested is not None and first.iban is not None


def test_an_export_larger_than_the_free_disk_is_refused_before_unpacking(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dossierkit.external.scratch

    zipped = next(session_download(tmp_path_factory).glob("*.zip"))
    export = platforms.detect(zipped)
    assert export is not None
    monkeypatch.setattr(dossierkit.external.scratch, "free_space", lambda folder: 1000)
    with pytest.raises(DiskFull) as refused:
        export.read(tmp_path / "work")
    message = str(refused.value)
    assert f"«\u00a0{zipped.name}\u00a0» se décompresse en " in message
    assert "\u00a0Mo libres dans les fichiers temporaires" in message and "TMPDIR" in message
    assert "donnez son dossier à dossierkit" in message
    assert not (tmp_path / "work" / "export").exists()  # nothing unpacked
    monkeypatch.undo()
    assert len(export.read(tmp_path / "work").applications) == 3  # with room, it is read


def test_two_files_of_one_name_in_two_fields_are_both_staged(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    export = platforms.detect(session_unpacked(tmp_path_factory))
    assert export is not None
    ternois = export.read().applications[0]
    rib = next(f for f in ternois.pieces if f.kind == "rib")
    statuts = ternois.complements[0]
    # The applicant gave « RIB.pdf » in two fields, and a third file under the platform's
    # name of the second.
    again = dataclasses.replace(rib, path=statuts.path, rel="pieces_justificatives/RIB-2.pdf")
    third = dataclasses.replace(rib, rel="pieces_justificatives/RIB-1.pdf", name="RIB-2.pdf")
    application = dataclasses.replace(ternois, pieces=(*ternois.pieces, again, third))
    names = []
    for n in (1, 2):
        (tmp_path / str(n)).mkdir()
        folder = platforms.stage(application, tmp_path / str(n))[0].folder
        names.append(sorted(p.name for p in folder.iterdir() if p.name.startswith("RIB")))
        # The second « RIB.pdf » is the statuts' bytes: copied, not overwritten.
        assert (folder / "RIB-2 (2).pdf").read_bytes() == statuts.path.read_bytes()
    assert names[0] == names[1] == ["RIB-2 (2).pdf", "RIB-2.pdf", "RIB.pdf"]


def test_a_dossier_completed_through_the_messaging_is_one_answer() -> None:
    """Its deposit (statuts missing) and the message that completed it: one row on the
    platform's number, the latest verdict, the deposit's date, nothing left to ask."""
    from datetime import UTC, datetime

    from dossierkit.triage.model import COMPLETE, INCOMPLETE, InboxItem, Outcome, Row

    def row(name: str, day: int, status: str, statuts: str) -> Row:
        item = InboxItem(
            name,
            Path("/export") / name,
            "folder",
            datetime(2026, 3, day, 9, tzinfo=UTC),
            platform_reference="20480123",
        )
        pieces = [{"kind": "statuts", "label": "Statuts", "required": True, "status": statuts}]
        # A missing piece is reported by its P001 finding, which the answer reads.
        findings = [
            {"code": "P001", "severity": "error", "piece": "statuts", "file": None, "page": None}
            for _ in range(statuts == "missing")
        ]
        return Row(Outcome(item, name, status, report={"pieces": pieces, "findings": findings}))

    mapping = platforms.bundled()["demarches-simplifiees"]
    rows = [
        row("dossier-20480123-messagerie-2026-03-10-10-02-00", 10, COMPLETE, "ok"),
        row("dossier-20480123", 2, INCOMPLETE, "missing"),
    ]
    (answer,) = platforms.answers(rows, mapping, call="Tiers-lieux du numérique")
    assert (answer.platform_reference, answer.status, answer.missing) == ("20480123", COMPLETE, ())
    assert answer.received_at == datetime(2026, 3, 2, 9, tzinfo=UTC) and answer.message is None
    # The deposit alone asks for the statuts.
    (alone,) = platforms.answers(rows[1:], mapping, call="Tiers-lieux du numérique")
    assert alone.missing == ("Statuts",) and alone.message is not None


def test_sendings_that_the_disk_cannot_hold_are_refused_before_any_copy(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dossierkit.external.scratch

    export = platforms.detect(session_unpacked(tmp_path_factory))
    assert export is not None
    applications = export.read().applications
    monkeypatch.setattr(dossierkit.external.scratch, "free_space", lambda folder: 1000)
    with pytest.raises(DiskFull, match="n'en a que 0,0\u00a0Mo de libres"):
        platforms.stage_all(applications, tmp_path / "dossiers")
    assert list((tmp_path / "dossiers").iterdir()) == []
