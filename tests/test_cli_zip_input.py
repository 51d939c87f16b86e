"""``verify`` and ``assemble`` take the .zip an applicant is about to send, as well as a folder.

The archive is unpacked with triage's guards into a private scratch folder removed afterwards;
what it sets aside is reported (I009); a corrupt archive or a loose file is a usage error.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from dossierkit.cli import cli

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "interco-complete"


def _zip(folder: Path, target: Path, extra: dict[str, bytes] | None = None) -> Path:
    """``folder`` zipped as Windows' « Envoyer vers » does: one top folder, its name."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, f"{folder.name}/{path.relative_to(folder).as_posix()}")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return target


def _ours() -> set[str]:
    """This process's scratch folders of unpacked archives (CliRunner runs in it; other
    tests may unpack at the same time in other processes)."""
    return {p.name for p in Path(tempfile.gettempdir()).glob(f"dossierkit-zip-{os.getpid()}-*")}


def test_verify_reads_the_zip_as_the_folder(tmp_path: Path) -> None:
    before = _ours()
    archive = _zip(SAMPLE, tmp_path / "Dossier CC.zip", {"../../etc/evil.txt": b"x"})
    ran = CliRunner().invoke(cli, ["verify", str(archive), "--format", "json"])
    report = json.loads(ran.output)
    folder = json.loads(CliRunner().invoke(cli, ["verify", str(SAMPLE), "--format", "json"]).output)
    assert ran.exit_code == 0, ran.output
    # The same pieces, the same files, as the folder gives…
    assert [p["status"] for p in report["pieces"]] == [p["status"] for p in folder["pieces"]]
    assert {f["path"] for f in report["files"]} == {f["path"] for f in folder["files"]}
    # …and the member that would climb out is reported, not written.
    codes = [f["code"] for f in report["findings"]]
    assert codes.count("I009") == 1
    assert not (tmp_path.parent / "etc").exists()
    assert _ours() == before  # the scratch copy is gone


def test_assemble_names_the_pdf_after_the_zip(tmp_path: Path) -> None:
    archive = _zip(SAMPLE, tmp_path / "Demande Tiers-lieu.zip")
    ran = CliRunner().invoke(cli, ["assemble", str(archive), "--renderer", "builtin"])
    assert ran.exit_code == 0, ran.output
    assert (tmp_path / "Demande Tiers-lieu.pdf").read_bytes().startswith(b"%PDF-")
    assert archive.stat().st_size > 0 and zipfile.is_zipfile(archive)  # only read


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"PK\x03\x04 not really", "ne peut pas être décompressée"),
        (b"%PDF-1.4\n", "n'est pas un dossier"),
    ],
)
def test_what_is_neither_folder_nor_archive_is_refused(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    name = "Dossier.zip" if content.startswith(b"PK") else "Courrier.pdf"
    given = tmp_path / name
    given.write_bytes(content)
    ran = CliRunner().invoke(cli, ["verify", str(given)])
    assert ran.exit_code == 2
    assert expected in ran.output
    assert given.read_bytes() == content


def test_a_missing_path_says_so(tmp_path: Path) -> None:
    ran = CliRunner().invoke(cli, ["verify", str(tmp_path / "absent")])
    assert ran.exit_code == 2
    assert "n'existe pas" in ran.output
    shutil.rmtree(tmp_path)
