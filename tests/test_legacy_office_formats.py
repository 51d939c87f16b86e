"""Word and Excel 97-2003 files (.doc, .xls) are read through LibreOffice, never refused for
their format (outside tester 5, discrepancy 5: the Solesmois letter in .doc and budget in .xls
got F005 « ancien format » and P002 « aucun des fichiers fournis ne peut être lu », though
the call asks for pieces, not formats, and administrations still save in Office 97-2003).

One module fixture (LibreOffice, slow) makes a complete dossier whose letter and budget are
saved the old way: the letter written with Word (python-docx, signature pasted as a picture)
and the budget with Excel (openpyxl, values stored), each saved again « Word 97-2003 » /
« Excel 97-2003 » by LibreOffice. The other tests are fast: LibreOffice missing, failing,
too slow, or replaced by a stand-in that writes the converted copy.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from realistic import association

from conftest import TEXTS, require_tool, write_docx
from dossierkit.cli import cli
from dossierkit.external import ExternalError, program_timeout, soffice
from dossierkit.external.scratch import PREFIX
from dossierkit.reading import ReadError, read_document
from dossierkit.reading.legacy import CONVERTED

# An Office 97-2003 container as far as its first sectors go: the OLE2 signature, and the
# « WordDocument » stream name that tells a Word file. Enough for everything but LibreOffice.
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _word_container(path: Path, size: int = 4096) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = _OLE + b"\0" * 504 + "WordDocument".encode("utf-16-le")
    path.write_bytes(data + b"\0" * (size - len(data)))
    return path


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _verify(folder: Path) -> dict[str, Any]:
    result = CliRunner().invoke(cli, ["verify", str(folder), "--format", "json"])
    assert "Traceback" not in result.output
    report: dict[str, Any] = json.loads(result.output)
    return report


def _facts(report: dict[str, Any], prefix: str) -> dict[str, Any]:
    return {f["name"]: f["value"] for f in report["facts"] if f["name"].startswith(prefix)}


@pytest.fixture
def no_libreoffice(monkeypatch: pytest.MonkeyPatch) -> None:
    """LibreOffice absent, as on a machine where it was never installed."""
    absent = dataclasses.replace(soffice.LIBREOFFICE, executables=("soffice-absent-for-this-test",))
    monkeypatch.setattr(soffice, "LIBREOFFICE", absent)


@pytest.fixture
def stand_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """LibreOffice replaced by a stand-in that writes the .docx it would (the test letter),
    with a cache of its own; the copies it was given."""
    given: list[Path] = []

    def convert(source: Path, target: str, outdir: Path, *, timeout: float) -> Path:
        given.append(source)
        assert target == "docx" and 0 < timeout < 120
        outdir.mkdir(parents=True)
        return write_docx(outdir / f"{source.stem}.docx", [(t, 0) for t in TEXTS["courrier"]])

    monkeypatch.setenv("DOSSIERKIT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(soffice, "available", lambda: True)
    monkeypatch.setattr(soffice, "convert", convert)
    return given


# -- With LibreOffice ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def legacy_dossier(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The complete dossier of the Fab'Lab du Ternois, its letter in .doc and its budget in
    .xls (the PDF letter and the XLSX budget taken out)."""
    require_tool("soffice")
    import generate

    base = tmp_path_factory.mktemp("ancien-format")
    folder = association.plain_dossier(base / "dossier")
    work = base / "travail"
    work.mkdir()
    letter = generate.make_courrier_docx(work / "Courrier de demande.docx", association.ternois())
    budget = folder / "Budget prévisionnel.xlsx"
    # Both saved the old way at once (LibreOffice takes seconds to start).
    with ThreadPoolExecutor(2) as pool:
        saved = pool.map(
            lambda s: soffice.convert(s, s.suffix[1:-1], work / s.stem), (letter, budget)
        )
        for old in list(saved):
            shutil.move(old, folder / old.name)
    budget.unlink()
    (folder / "Courrier de demande.pdf").unlink()
    return folder


@pytest.mark.slow
def test_complete_dossier_with_doc_letter_and_xls_budget_is_complete(legacy_dossier: Path) -> None:
    before = {p.name: _sha(p) for p in legacy_dossier.iterdir()}
    report = _verify(legacy_dossier)
    assert report["status"] == "complete", report["findings"]
    assert not {f["code"] for f in report["findings"]} & {"F005", "P002", "G001", "B012"}
    files = {f["path"]: f for f in report["files"]}
    # The report names the files the applicant sent, of the type their bytes tell.
    assert files["Courrier de demande.doc"]["type"] == "doc"
    assert files["Courrier de demande.doc"]["kind"] == "courrier"
    assert files["Budget prévisionnel.xls"]["type"] == "xls"
    assert files["Budget prévisionnel.xls"]["kind"] == "budget"
    letter = _facts(report, "courrier.")
    assert letter["courrier.signature"] == "image"
    assert letter["courrier.date"] == "2026-10-12"
    assert letter["courrier.amount_requested"] == "110000"
    budget = _facts(report, "budget.")
    assert budget["budget.total_depenses"] == budget["budget.total_recettes"] == "272950"
    assert budget["budget.region_animation.annee_2027"] == "45000"
    assert budget["budget.region_equipement"] == "20000"
    # Nothing written beside the files, nothing changed in them.
    assert {p.name: _sha(p) for p in legacy_dossier.iterdir()} == before


# -- Without LibreOffice, or when it fails -----------------------------------------------------


@pytest.mark.usefixtures("no_libreoffice")
def test_without_libreoffice_the_file_is_named_with_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as caught:
        read_document(_word_container(tmp_path / "Courrier.doc"), "doc")
    assert caught.value.problem == "legacy_office"
    assert "LibreOffice n'est pas installé" in caught.value.detail
    assert "apt-get install" in caught.value.detail


@pytest.mark.usefixtures("no_libreoffice")
def test_without_libreoffice_the_dossier_says_which_file_to_save_again(tmp_path: Path) -> None:
    _word_container(tmp_path / "Courrier Région tiers-lieu.doc")
    report = _verify(tmp_path)
    f005 = [f for f in report["findings"] if f["code"] == "F005"]
    assert [(f["severity"], f["file"]) for f in f005] == [
        ("error", "Courrier Région tiers-lieu.doc")
    ]
    assert "« Courrier Région tiers-lieu.doc »" in f005[0]["message"]
    assert ".docx ou PDF" in f005[0]["message"]
    assert [f["file"] for f in report["findings"] if f["code"] == "P002"] == [
        "Courrier Région tiers-lieu.doc"
    ]


def test_a_truncated_container_is_not_given_to_libreoffice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def convert(*_: object, **__: object) -> Path:
        raise AssertionError("LibreOffice started on a truncated file")

    monkeypatch.setattr(soffice, "available", lambda: True)
    monkeypatch.setattr(soffice, "convert", convert)
    with pytest.raises(ReadError) as caught:
        read_document(_word_container(tmp_path / "Courrier.doc", size=600), "doc")
    assert caught.value.problem == "legacy_office"


@pytest.mark.parametrize(
    ("error", "problem"),
    [
        (ExternalError("LibreOffice", "code de sortie 1"), "legacy_office"),
        (program_timeout("LibreOffice", 118), "timeout"),
    ],
)
def test_libreoffice_failing_or_too_slow_is_a_named_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: ExternalError, problem: str
) -> None:
    def convert(*_: object, **__: object) -> Path:
        raise error

    monkeypatch.setenv("DOSSIERKIT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(soffice, "available", lambda: True)
    monkeypatch.setattr(soffice, "convert", convert)
    with pytest.raises(ReadError) as caught:
        read_document(_word_container(tmp_path / "Courrier.doc"), "doc")
    assert caught.value.problem == problem


def test_the_copy_is_converted_in_a_private_folder_and_read_as_docx(
    tmp_path: Path, stand_in: list[Path]
) -> None:
    original = _word_container(tmp_path / "dossier" / "Courrier.doc")
    before = _sha(original)
    document = read_document(original, "doc")
    assert [p.text for p in document.paragraphs] == TEXTS["courrier"]
    assert document.type == "docx"
    assert document.notes == (CONVERTED.format(target=".docx"),)
    # A copy, in a private folder removed after; the file itself untouched, nothing beside it.
    assert stand_in[0] != original and stand_in[0].parent.parent.name.startswith(PREFIX)
    assert not stand_in[0].parent.parent.exists()
    assert _sha(original) == before
    assert [p.name for p in original.parent.iterdir()] == ["Courrier.doc"]


def test_a_file_is_converted_once_then_found_in_the_cache(
    tmp_path: Path, stand_in: list[Path]
) -> None:
    original = _word_container(tmp_path / "Courrier.doc")
    first = read_document(original, "doc")
    assert read_document(original, "doc") == first
    assert len(stand_in) == 1
    [kept] = (tmp_path / "cache" / "conversions").glob("*/*.docx")
    assert kept.name.startswith(_sha(original)) and kept.stat().st_mode & 0o077 == 0
    assert not list((tmp_path / "cache" / "conversions" / "tmp").iterdir())
    # Changed content: converted again.
    _word_container(original, size=8192)
    read_document(original, "doc")
    assert len(stand_in) == 2


def test_libreoffice_failing_is_never_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stand_in: list[Path]
) -> None:
    original = _word_container(tmp_path / "Courrier.doc")

    def fails(*_: object, **__: object) -> Path:
        raise ExternalError("LibreOffice", "code de sortie 1")

    monkeypatch.setattr(soffice, "convert", fails)
    with pytest.raises(ReadError):
        read_document(original, "doc")
    assert not list((tmp_path / "cache").rglob("*.docx"))
