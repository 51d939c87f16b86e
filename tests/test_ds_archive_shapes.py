"""Démarches Simplifiées' downloads in every shape they reach an instructor: one application
per ``dossier-<n°>``, never two numbers merged into one.

Read in the platform's source (github.com/demarches-simplifiees/demarches-simplifiees.fr):
the export of the dossiers zips one folder ``export/`` (``DownloadableFileService``); the
archive of a démarche (``ProcedureArchiveService#zip_root_folder``) is named
``procedure-<n°>.zip`` (``Archive#filename``) and zips one folder
``procedure-<n°>-<archive id>/``; both then hold ``dossier-<n°>/`` with
``pieces_justificatives/<name>-<JJ-MM-AAAA-HH-MM>-<id>.ext`` and the form
``export-<n°>-….pdf`` (``ActiveStorage::DownloadableFile``). The instructor gives the zip, its
unpacked folder (sometimes unpacked into one more folder of the zip's name), or the folder
it was downloaded to, with the table beside it.

The three dossiers (three applicants) are the session's export (``platform_export``), laid
out again under the other top folders.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from platform_export import session_download, session_unpacked

from dossierkit.cli import cli
from dossierkit.triage import platforms
from dossierkit.triage.platforms.export import NotAnExport

NUMBERS = ["20480123", "20480456", "20481002"]
PROCEDURE = "procedure-98765-4321"


def _zip(folder: Path, target: Path, top: str) -> Path:
    """Zip the dossiers of ``folder`` under ``top/`` ("" for none), as DS does (``zip -r``:
    the folders' own entries too)."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as archive:
        if top:
            archive.write(folder, f"{top}/")
        for path in sorted(folder.rglob("*")):
            rel = path.relative_to(folder).as_posix()
            name = f"{top}/{rel}" if top else rel
            archive.write(path, name + ("/" if path.is_dir() else ""))
    return target


def _table(factory: pytest.TempPathFactory, folder: Path) -> Path:
    """The session's XLSX table, copied into ``folder``."""
    table = next(session_download(factory).glob("*.xlsx"))
    return Path(shutil.copy(table, folder))


def _applicants(export: platforms.Export, tmp_path: Path) -> dict[str, str | None]:
    """Each application's number → the structure its table row declares."""
    contents = export.read(tmp_path / "work")
    return {a.reference: a.declared.structure for a in contents.applications}


def _expected(factory: pytest.TempPathFactory, tmp_path: Path) -> dict[str, str | None]:
    export = platforms.detect(session_download(factory))
    assert export is not None
    return _applicants(export, tmp_path / "reference")


@pytest.fixture(scope="module")
def expected(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str | None]:
    """The applicants of the session's export, read in its own shape (``export/``)."""
    found = _expected(tmp_path_factory, tmp_path_factory.mktemp("ds-reference"))
    assert sorted(found) == NUMBERS and len(set(found.values())) == 3
    return found


@pytest.mark.parametrize("top", [PROCEDURE, "", "export"])
def test_a_zip_with_or_without_its_top_folder_gives_one_application_per_dossier(
    tmp_path_factory: pytest.TempPathFactory,
    tmp_path: Path,
    expected: dict[str, str | None],
    top: str,
) -> None:
    download = tmp_path / "telechargement"
    download.mkdir()
    name = "procedure-98765.zip" if top == PROCEDURE else "dossiers_tln_2026-12-01_09-30.zip"
    archive = _zip(session_unpacked(tmp_path_factory), download / name, top)
    _table(tmp_path_factory, download)
    for given in (archive, download):  # the zip, or the folder it was downloaded to
        found = platforms.detect(given)
        assert found is not None and found.source == archive and found.others == ()
        assert found.table is not None and found.table.suffix == ".xlsx"
    export = platforms.detect(archive)
    assert export is not None
    assert _applicants(export, tmp_path) == expected


@pytest.mark.parametrize("extra", ["", "dossiers_tln_2026-12-01_09-30"])
def test_the_archive_unpacked_gives_one_application_per_dossier(
    tmp_path_factory: pytest.TempPathFactory,
    tmp_path: Path,
    expected: dict[str, str | None],
    extra: str,
) -> None:
    """Unpacked with its ``procedure-…/`` folder, and unpacked into one more folder of the
    zip's name (what a double click does on some systems)."""
    unpacked = tmp_path / "archive" / extra / PROCEDURE
    shutil.copytree(session_unpacked(tmp_path_factory), unpacked)
    _table(tmp_path_factory, tmp_path / "archive")
    export = platforms.detect(tmp_path / "archive")
    assert export is not None and not export.is_archive and export.table is not None
    contents = export.read()
    assert {a.reference: a.declared.structure for a in contents.applications} == expected
    # Each application's files are its own folder's, each staged apart.
    for application in contents.applications:
        assert all(application.folder in f.path.parents for f in application.pieces)
    staged = platforms.stage_all(contents.applications, tmp_path / "staged")
    assert sorted({s.reference for s in staged}) == NUMBERS


def _bare(factory: pytest.TempPathFactory, target: Path) -> Path:
    """The session's dossiers as a shape dossierkit does not know: each dossier's files
    straight in its folder, neither ``pieces_justificatives/`` nor the platform's form."""
    for folder in sorted(session_unpacked(factory).glob("dossier-*")):
        (target / folder.name).mkdir(parents=True)
        for path in folder.glob("pieces_justificatives/*"):
            shutil.copy(path, target / folder.name / path.name)
    return target


def test_dossiers_of_different_numbers_in_one_zip_are_never_one_application(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    """The safety net: a layout not understood still gives one application per number."""
    bare = _bare(tmp_path_factory, tmp_path / "bare")
    for top in (PROCEDURE, "", "quelque-chose"):
        archive = _zip(bare, tmp_path / f"envoi {top or 'sans dossier'}.zip", top)
        export = platforms.detect(archive)
        assert export is not None, top
        contents = export.read(tmp_path / f"work-{top}")
        assert [a.reference for a in contents.applications] == NUMBERS
        for application in contents.applications:
            assert application.pieces
            assert {f.path.parent.name for f in application.pieces} == {application.name}


def test_a_folder_wrapping_dossiers_of_different_numbers_is_an_export(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    _bare(tmp_path_factory, tmp_path / "reçu" / PROCEDURE)
    export = platforms.detect(tmp_path / "reçu")
    assert export is not None
    assert [a.reference for a in export.read().applications] == NUMBERS


def test_an_inbox_of_folders_named_dossier_n_is_still_an_inbox(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    """Folders so named straight in the inbox are its own dossiers, each triaged apart."""
    inbox = _bare(tmp_path_factory, tmp_path / "arrivees")
    assert platforms.detect(inbox) is None


def test_the_same_dossier_twice_is_read_once(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    """Two archives of one démarche zipped together: a number seen twice is one dossier."""
    both = tmp_path / "both"
    shutil.copytree(session_unpacked(tmp_path_factory), both / "procedure-98765-4321")
    shutil.copytree(session_unpacked(tmp_path_factory), both / "procedure-98765-4400")
    archive = _zip(both, tmp_path / "procedure-98765.zip", "")
    export = platforms.detect(archive)
    assert export is not None
    contents = export.read(tmp_path / "work")
    assert sorted(a.reference for a in contents.applications) == NUMBERS
    repeated = [n for n in contents.notes if "même numéro de dossier" in n]
    assert len(repeated) == 3
    assert "procedure-98765-4400/dossier-20480123" in repeated[0]
    assert "procedure-98765-4321/dossier-20480123" in repeated[0]


def test_entries_beside_the_export_are_said_not_read(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    """An export zip put in an inbox among other sendings: they are named, never merged."""
    inbox = tmp_path / "arrivees"
    inbox.mkdir()
    _zip(session_unpacked(tmp_path_factory), inbox / "procedure-98765.zip", PROCEDURE)
    (inbox / "CC du Ternois - envoi courriel").mkdir()
    (inbox / "Dossier Lumbres.zip").write_bytes(b"PK\x05\x06" + bytes(18))  # an empty zip
    export = platforms.detect(inbox)
    assert export is not None and export.others == (
        "CC du Ternois - envoi courriel",
        "Dossier Lumbres.zip",
    )
    notes = export.read(tmp_path / "work").notes
    assert (
        "Dans « arrivees », « CC du Ternois - envoi courriel », « Dossier Lumbres.zip » ne font "
        "pas partie de l'export et n'ont pas été lus avec lui" in notes[-1]
    )


def test_a_path_without_the_layout_is_refused_saying_the_layout_expected(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    mapping = platforms.bundled()["demarches-simplifiees"]
    dossier = tmp_path / "CC du Ternois"
    dossier.mkdir()
    (dossier / "Courrier.pdf").write_bytes(b"%PDF-1.4\n")
    with pytest.raises(NotAnExport) as refused:
        platforms.detect(dossier, mapping)
    message = str(refused.value)
    assert "n'est pas un export de Démarches Simplifiées tel que dossierkit le lit" in message
    assert "aucun dossier «\u00a0dossier-<n°>\u00a0» n'a été trouvé" in message
    assert "un dossier «\u00a0dossier-<n°>/\u00a0» par demande" in message
    assert "«\u00a0pieces_justificatives/\u00a0»" in message
    assert "son formulaire «\u00a0export-<n°>….pdf\u00a0»" in message
    assert "«\u00a0export/\u00a0» ou «\u00a0procedure-<n°>-<n°>/\u00a0»" in message
    # The refusal is the command's answer, before any work.
    args = ["triage", str(dossier), "--source", "demarches-simplifiees"]
    result = CliRunner().invoke(cli, [*args, "--db", str(tmp_path / "r.sqlite")])
    assert result.exit_code == 2
    assert "tel que dossierkit le lit" in result.output and "procedure-<n°>-<n°>/" in result.output
    assert not (tmp_path / "r.sqlite").exists()


def test_a_zip_without_dossiers_or_the_table_alone_is_refused_saying_why(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    mapping = platforms.bundled()["demarches-simplifiees"]
    envoi = tmp_path / "envoi"
    envoi.mkdir()
    (envoi / "RIB.pdf").write_bytes(b"%PDF-1.4\n")
    archive = _zip(envoi, tmp_path / "Dossier CC du Ternois.zip", "envoi")
    with pytest.raises(NotAnExport) as refused:
        platforms.detect(archive, mapping)
    assert (
        "l'archive «\u00a0Dossier CC du Ternois.zip\u00a0» ne contient aucun dossier "
        "«\u00a0dossier-<n°>/\u00a0»" in str(refused.value)
    )
    table = _table(tmp_path_factory, tmp_path)
    with pytest.raises(NotAnExport) as refused:
        platforms.detect(table, mapping)
    assert "est le tableau de l'export, qui se lit avec l'archive" in str(refused.value)


@pytest.mark.parametrize("shape", ["unpacked", "renamed zip", "download folder"])
def test_an_export_among_the_inbox_sendings_is_found_as_an_export(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path, shape: str
) -> None:
    """An export put in the inbox with sendings received by e-mail: the inbox is still an
    inbox (``detect``), and ``exports_in`` names the export, to be read as one."""
    inbox = tmp_path / "arrivees"
    (inbox / "CC du Ternois - envoi courriel").mkdir(parents=True)
    (inbox / "CC du Ternois - envoi courriel" / "RIB.pdf").write_bytes(b"%PDF-1.4\n")
    unpacked = session_unpacked(tmp_path_factory)
    if shape == "unpacked":
        entry = inbox / "Export DS"
        shutil.copytree(unpacked, entry / PROCEDURE)
    elif shape == "renamed zip":
        entry = _zip(unpacked, inbox / "Export DS.zip", PROCEDURE)
    else:
        entry = inbox / "ds"
        entry.mkdir()
        _zip(unpacked, entry / "procedure-98765.zip", PROCEDURE)
        _table(tmp_path_factory, entry)
    assert platforms.detect(inbox) is None
    (export,) = platforms.exports_in(inbox)
    zipped = export.source if shape != "download folder" else export.source.parent
    assert zipped == entry
    assert export.inbox == inbox and export.others == ("CC du Ternois - envoi courriel",)
    contents = export.read(tmp_path / "work")
    assert sorted(a.reference for a in contents.applications) == NUMBERS
    assert platforms.exports_in(entry if entry.is_dir() else inbox / "nothing") == ()
