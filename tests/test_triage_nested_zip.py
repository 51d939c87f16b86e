"""An archive inside the sending's archive (tester 6, defect 3).

An applicant zips their dossier, then their mail program (or they themselves) zips the
attachment again: « Envoi CC Osartis-Marquion.zip » holds « Dossier TLN La Passerelle.zip ».
Triage opens the inner archive, one level deep under the same guards, and reads the dossier
inside as the sending it is: an application with its reference, never « a complement
without an identified application ». An inner archive that cannot or may not be opened
(nested deeper, encrypted, too big) stays unread but the sending is still an application,
named to the instructor with advice that never touches the inbox.
"""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest

from dossierkit.call import load_call
from dossierkit.checks import BY_CODE
from dossierkit.triage.archive import Limits, unpack
from dossierkit.triage.model import InboxItem
from dossierkit.triage.register import Register
from dossierkit.triage.run import triage
from dossierkit.triage.worker import process
from triage_inbox import built_dossiers, zip_folder

NOT_IN_THE_INBOX = "décompressez-la hors du dossier d'arrivée"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return built_dossiers(tmp_path_factory.getbasetemp())


def _zip_bytes(members: dict[str, bytes], *, encrypted: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, (2026, 11, 26, 8, 50, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    data = bytearray(buffer.getvalue())
    if encrypted:
        # Python writes no password-protected archive: mark the members the way one marks
        # them (bit 0 of the flags, in the local and the central headers).
        for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
            start = data.find(signature)
            while start != -1:
                data[start + offset] |= 0x1
                start = data.find(signature, start + 4)
    return bytes(data)


def _envelope(target: Path, members: dict[str, bytes]) -> Path:
    target.write_bytes(_zip_bytes(members))
    return target


def test_an_archive_alone_in_the_archive_is_the_dossier(tmp_path: Path) -> None:
    inner = _zip_bytes({"La Passerelle - TLN/RIB.pdf": b"rib", "La Passerelle - TLN/a/b.txt": b"b"})
    outer = _envelope(tmp_path / "Envoi.zip", {"Dossier TLN La Passerelle.zip": inner})
    assert unpack(outer, tmp_path / "out", inner=True) == []
    files = sorted(
        p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*")
    )
    # Its top folder is dropped as for any zipped folder: the same dossier as the folder.
    assert files == ["RIB.pdf", "a", "a/b.txt"]


def test_an_archive_beside_pieces_opens_into_a_folder_of_its_name(tmp_path: Path) -> None:
    inner = _zip_bytes({"Plan.png": b"png", "Devis.pdf": b"devis"})
    outer = _envelope(tmp_path / "Envoi.zip", {"Courrier.pdf": b"c", "Annexes.zip": inner})
    assert unpack(outer, tmp_path / "out", inner=True) == []
    out = tmp_path / "out"
    assert sorted(p.name for p in out.iterdir()) == ["Annexes", "Courrier.pdf"]
    assert (out / "Annexes" / "Devis.pdf").read_bytes() == b"devis"


def test_one_level_only_and_never_advice_to_modify_the_inbox(tmp_path: Path) -> None:
    deepest = _zip_bytes({"RIB.pdf": b"rib"})
    middle = _zip_bytes({"Dossier.zip": deepest})
    outer = _envelope(tmp_path / "Envoi.zip", {"Envoi du dossier.zip": middle})
    (report,) = unpack(outer, tmp_path / "out", inner=True)
    assert report.kept == "Dossier.zip" and (tmp_path / "out" / "Dossier.zip").is_file()
    assert "un seul niveau" in report.reason and NOT_IN_THE_INBOX in report.reason
    assert not (tmp_path / "out" / "RIB.pdf").exists()


def test_an_inner_archive_has_the_outer_guards(tmp_path: Path) -> None:
    bomb = _zip_bytes({"Budget.xlsx": b"\0" * (20 << 20)})  # compressed far beyond 200 times
    locked = _zip_bytes({"RIB.pdf": b"rib", "Courrier.pdf": b"c"}, encrypted=True)
    climbing = _zip_bytes({"../../etc/evil.txt": b"x", "Statuts.pdf": b"s"})
    outer = _envelope(
        tmp_path / "Envoi.zip",
        {"Courrier.pdf": b"c", "a.zip": bomb, "b.zip": locked, "c.zip": climbing},
    )
    reports = {r.name: r for r in unpack(outer, tmp_path / "out", inner=True)}
    out = tmp_path / "out"
    assert reports["a.zip"].kept == "a.zip" and "200" in reports["a.zip"].reason
    assert "sans archive" in reports["a.zip"].reason
    assert reports["b.zip"].kept == "b.zip" and "chiffré" in reports["b.zip"].reason
    assert not (out / "b").exists()
    # A member climbing out is set aside, named inside its archive; the rest is read.
    assert reports["c.zip/../../etc/evil.txt"].kept is None
    assert (out / "c" / "Statuts.pdf").is_file() and not (tmp_path / "etc").exists()
    # Outer and inner archives share one budget of files.
    few = _envelope(
        tmp_path / "Peu.zip", {"x.txt": b"x", "d.zip": _zip_bytes({"1": b"", "2": b""})}
    )
    (report,) = unpack(few, tmp_path / "few", Limits(max_files=3), inner=True)
    assert report.kept == "d.zip" and "permis" in report.reason


def _codes(row: Any) -> list[str]:
    return [f["code"] for f in row.outcome.report["findings"]] + [
        f.code for f in row.outcome.findings
    ]


def test_a_zip_in_a_zip_is_an_application_with_its_reference(
    built: dict[str, Path], tmp_path: Path
) -> None:
    inbox = tmp_path / "arrivees"
    inbox.mkdir()
    dossier = zip_folder(built["ternois"], tmp_path / "Dossier TLN Ternois.zip")
    _envelope(inbox / "Envoi Fablab Ternois.zip", {dossier.name: dossier.read_bytes()})
    # A sending nested two levels deep: read as far as allowed, still an application.
    twice = _zip_bytes({"Dossier.zip": _zip_bytes({"RIB.pdf": b"rib"})})
    _envelope(inbox / "Envoi CC Osartis-Marquion.zip", {"Envoi.zip": twice})
    before = sorted((p.relative_to(inbox), p.read_bytes()) for p in inbox.rglob("*") if p.is_file())
    with Register(tmp_path / "registre.sqlite") as register:
        result = triage(inbox, load_call(), register=register, jobs=1)
        rows = {r.outcome.item.name: r for r in result.rows}
        assert register.pending() == []
        assert len(register.entries()) == 2
    # Every sending an application, none a complement waiting for its application.
    assert all(r.reception is not None and r.pending is None for r in rows.values())
    assert all(r.complement_of is None for r in rows.values())
    assert sorted(r.reception.reference for r in rows.values() if r.reception) == [
        "TLN-0001",
        "TLN-0002",
    ]
    ternois = rows["Envoi Fablab Ternois.zip"]
    assert ternois.outcome.status == "complete", _codes(ternois)
    assert "Ternois" in (ternois.outcome.summary.structure or "")
    deep = rows["Envoi CC Osartis-Marquion.zip"]
    assert deep.outcome.status == "incomplete"
    (named,) = [f for f in deep.outcome.findings if f.code == "I009"]
    assert named.file == "Dossier.zip"
    said = BY_CODE["I009"].render(named, "fr", load_call())
    assert NOT_IN_THE_INBOX in said and "« Dossier.zip »" in said, said
    messages = [f["message"] for f in deep.outcome.report["findings"]]  # type: ignore[index]
    # verify's advice to an applicant (« décompressez-la dans le dossier ») is not given.
    assert "F006" not in _codes(deep)
    assert not any("dans le dossier pour" in m for m in messages)
    after = sorted((p.relative_to(inbox), p.read_bytes()) for p in inbox.rglob("*") if p.is_file())
    assert after == before, "the inbox is only read"
    shutil.rmtree(inbox)


def test_a_folder_holding_a_zip_is_read_without_touching_it(
    built: dict[str, Path], tmp_path: Path
) -> None:
    # The attachment saved as it came, in a folder of the inbox: its pieces are read from a
    # private copy, never unpacked beside it.
    folder = tmp_path / "arrivees" / "Courriel Ternois"
    folder.mkdir(parents=True)
    pieces = tmp_path / "pieces"
    pieces.mkdir()
    shutil.copy(built["ternois"] / "RIB.pdf", pieces / "RIB.pdf")
    zip_folder(pieces, folder / "Pièces.zip")
    outcome = process(InboxItem(folder.name, folder, "folder"), load_call(), "fr")
    assert outcome.report is not None
    assert {f["kind"] for f in outcome.report["files"]} == {"rib"}
    assert "F006" not in [f["code"] for f in outcome.report["findings"]]
    assert sorted(p.name for p in folder.iterdir()) == ["Pièces.zip"]
