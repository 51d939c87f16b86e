"""Walking a folder as applicants fill it: clutter, links, odd entries, odd names."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import TEXTS, write_pdf
from dossierkit.cli import cli
from dossierkit.discovery import raw_name, walk


def _statuses(root: Path) -> dict[str, str]:
    return {e.rel: e.status for e in walk(root)}


def test_clutter_is_set_aside_but_listed(tmp_path: Path) -> None:
    write_pdf(tmp_path / "RIB.pdf", TEXTS["rib"])
    (tmp_path / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")
    (tmp_path / "Thumbs.db").write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp_path / "desktop.ini").write_text("[.ShellClassInfo]")
    (tmp_path / "~$urrier.docx").write_bytes(b"\x0bMarie Dupont" + b"\0" * 100)
    (tmp_path / ".~lock.Budget.ods#").write_text("lock")
    (tmp_path / "__MACOSX").mkdir()
    (tmp_path / "__MACOSX" / "._RIB.pdf").write_bytes(b"\0\5\x16\7")
    (tmp_path / ".git").mkdir()
    # A Windows shortcut's header (MS-SHLLINK: size 0x4C, the link CLSID), an Internet one.
    (tmp_path / "Raccourci vers Budget.lnk").write_bytes(b"L\0\0\0\1\x14\2\0" + b"\0" * 68)
    (tmp_path / "Site du tiers-lieu.url").write_text("[InternetShortcut]\nURL=https://x.fr/")
    assert _statuses(tmp_path) == {
        ".DS_Store": "clutter",
        ".git/": "clutter",
        ".~lock.Budget.ods#": "clutter",
        "RIB.pdf": "file",
        "Raccourci vers Budget.lnk": "clutter",
        "Site du tiers-lieu.url": "clutter",
        "Thumbs.db": "clutter",
        "__MACOSX/": "clutter",
        "desktop.ini": "clutter",
        "~$urrier.docx": "clutter",
    }


def test_links_are_never_followed_out_of_the_dossier(tmp_path: Path) -> None:
    outside = tmp_path / "ailleurs"
    outside.mkdir()
    secret = write_pdf(outside / "secret.pdf", ["confidentiel"])
    dossier = tmp_path / "dossier"
    dossier.mkdir()
    inside = write_pdf(dossier / "RIB.pdf", TEXTS["rib"])
    (dossier / "lien-dehors.pdf").symlink_to(secret)
    (dossier / "lien-dedans.pdf").symlink_to(inside)
    (dossier / "dossier-dehors").symlink_to(outside, target_is_directory=True)
    (dossier / "lien-casse.pdf").symlink_to(tmp_path / "absent.pdf")
    assert _statuses(dossier) == {
        "RIB.pdf": "file",
        "lien-dedans.pdf": "file",
        "lien-dehors.pdf": "link_outside",
        "dossier-dehors/": "link_outside",
        "lien-casse.pdf": "link_outside",
    }


def test_fifo_is_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "tube.pdf")
    assert _statuses(tmp_path) == {"tube.pdf": "not_a_file"}


def test_manifest_only_at_the_top(tmp_path: Path) -> None:
    (tmp_path / "dossier.yaml").write_text("structure: {type: association}\n")
    (tmp_path / "sous").mkdir()
    (tmp_path / "sous" / "dossier.yaml").write_text("x: 1\n")
    assert _statuses(tmp_path) == {"dossier.yaml": "manifest", "sous/dossier.yaml": "file"}


def test_name_that_is_not_utf8_is_reported_not_fatal(tmp_path: Path, report_validator) -> None:  # type: ignore[no-untyped-def]
    name = os.fsdecode(b"RIB \xe9t\xe9.pdf")  # Latin-1 bytes from an old zip tool
    write_pdf(tmp_path / name, TEXTS["rib"])
    result = CliRunner().invoke(cli, ["verify", str(tmp_path), "--format", "json"])
    report = json.loads(result.output)
    report_validator(report)
    rib = next(p for p in report["pieces"] if p["kind"] == "rib")
    assert rib["status"] == "ok"
    # Reversibly (issue 18): the bytes are shown as \xNN, not replaced by "\ufffd".
    assert rib["files"][0]["path"] == "RIB \\xe9t\\xe9.pdf"
    assert os.fsencode(raw_name(rib["files"][0]["path"])) == b"RIB \xe9t\xe9.pdf"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file_is_reported(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "RIB.pdf", TEXTS["rib"])
    path.chmod(0)
    try:
        assert _statuses(tmp_path) == {"RIB.pdf": "unreadable"}
    finally:
        path.chmod(0o644)


def test_set_aside_entries_get_a_finding_and_the_run_goes_on(tmp_path: Path) -> None:
    outside = write_pdf(tmp_path / "secret.pdf", ["confidentiel"])
    dossier = tmp_path / "dossier"
    dossier.mkdir()
    write_pdf(dossier / "RIB.pdf", TEXTS["rib"])
    (dossier / "Statuts.pdf").symlink_to(outside)
    os.mkfifo(dossier / "tube")
    result = CliRunner().invoke(cli, ["verify", str(dossier), "--format", "json"])
    report = json.loads(result.output)
    f012 = {(f["file"], f["severity"]) for f in report["findings"] if f["code"] == "F012"}
    assert f012 == {("Statuts.pdf", "warning"), ("tube", "warning")}
    ignored = {f["path"]: f["ignored_because"] for f in report["files"] if f["role"] == "ignored"}
    assert ignored == {"Statuts.pdf": "link_outside", "tube": "not_a_file"}


def test_a_folder_of_5000_files_is_checked_in_reasonable_time(tmp_path: Path) -> None:
    import time

    for number in range(5000):
        (tmp_path / f"note{number:04d}.txt").write_text(f"Compte rendu {number}", encoding="utf-8")
    start = time.monotonic()
    result = CliRunner().invoke(cli, ["verify", str(tmp_path), "--format", "json"])
    report = json.loads(result.output)
    assert len(report["files"]) == 5000
    assert time.monotonic() - start < 60


def test_very_long_paths_are_read(tmp_path: Path) -> None:
    folder = tmp_path
    for level in range(12):  # some 2 800 characters of path (PATH_MAX is 4 096)
        folder = folder / (f"{level:02d} " + "sous-dossier très long " * 10).strip()
    folder.mkdir(parents=True)
    write_pdf(folder / "RIB.pdf", TEXTS["rib"])
    result = CliRunner().invoke(cli, ["verify", str(tmp_path), "--format", "json"])
    rib = next(p for p in json.loads(result.output)["pieces"] if p["kind"] == "rib")
    assert rib["status"] == "ok" and len(rib["files"][0]["path"]) > 2500


def test_raw_path_is_kept_for_the_file_system(tmp_path: Path) -> None:
    names = [os.fsdecode(b"Statuts caf\xe9.pdf"), "a\\b\nc.pdf", "\U000e0041tag.pdf", "RIB.pdf"]
    for name in names:
        (tmp_path / name).write_bytes(b"%PDF-1.4\n")
    (tmp_path / "sous\u200bdossier").mkdir()
    (tmp_path / "sous\u200bdossier" / "Devis.pdf").write_bytes(b"%PDF-1.4\n")
    entries = {e.rel: e for e in walk(tmp_path)}
    assert set(entries) == {
        "Statuts caf\\xe9.pdf",
        "a\\\\b\\x0ac.pdf",
        "\\U000e0041tag.pdf",
        "RIB.pdf",
        "sous\\u200bdossier/Devis.pdf",
    }
    for rel, entry in entries.items():
        assert raw_name(rel) == entry.raw_rel
        assert (tmp_path / entry.raw_rel).read_bytes() == b"%PDF-1.4\n"
