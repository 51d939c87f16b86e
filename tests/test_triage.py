"""``dossierkit triage``: an inbox of folders and zips, verified at once, compared, exported.

The inbox is made as instructors receive it: generated dossiers as folders and as zips (one
written by a French Windows, names in its DOS code page), two associations for the same
intercommunalité, a RIB copied from another dossier, the same dossier sent twice, a damaged
zip, a zip whose names climb out of the folder, and a zip bomb.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import ROOT, fingerprint
from dossierkit.call import load_call
from dossierkit.checks import CHECKS
from dossierkit.checks import INTAKE_CHECKS as INBOX_CHECKS
from dossierkit.cli import cli
from dossierkit.findings import Severity
from dossierkit.triage.archive import ArchiveError, Limits, decode_name, unpack
from dossierkit.triage.checks import epci_of_commune
from dossierkit.triage.model import InboxItem, Outcome
from dossierkit.triage.pool import run_pool
from dossierkit.triage.worker import folder_fingerprint, process
from triage_inbox import built_dossiers, zip_folder


class _LegacyName(zipfile.ZipInfo):
    """A member whose name is written in CP850 without the UTF-8 flag, as the zip of a
    French Windows writes it."""

    def _encodeFilenameFlags(self) -> tuple[bytes, int]:
        return self.filename.encode("cp850"), self.flag_bits & ~0x800


def windows_zip(folder: Path, target: Path) -> Path:
    """Zip ``folder``'s files at the root of the archive, names in CP850."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                info = _LegacyName(path.relative_to(folder).as_posix(), (2026, 10, 12, 9, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, path.read_bytes())
    return target


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Dossiers made once for the session; tests copy them into their inboxes."""
    return built_dossiers(tmp_path_factory.getbasetemp())


def make_inbox(built: dict[str, Path], inbox: Path) -> Path:
    """The inbox of the module's tests (see the module's docstring)."""
    inbox.mkdir()
    shutil.copytree(built["ternois"], inbox / "Fablab Ternois")
    zip_folder(built["rival"], inbox / "Ternois Numerique.zip")
    shutil.copytree(built["association-incomplete"], inbox / "Ateliers Montreuillois")
    shutil.copy(built["ternois"] / "RIB.pdf", inbox / "Ateliers Montreuillois" / "RIB.pdf")
    windows_zip(built["interco-complete"], inbox / "CC Pays de Lumbres.zip")
    zip_folder(built["ternois"], inbox / "Fablab Ternois (renvoi).zip", top="Fablab Ternois")
    good = zip_folder(built["interco-complete"], inbox.parent / "whole.zip").read_bytes()
    (inbox / "Envoi coupé.zip").write_bytes(good[: len(good) // 2])
    with zipfile.ZipFile(inbox / "Evasion.zip", "w") as archive:
        for path in sorted(built["association-incomplete"].iterdir()):
            archive.write(path, f"Evasion/{path.name}")
        archive.writestr("Evasion/../../evasion.txt", "hors du dossier")
        archive.writestr("/etc/evasion.txt", "chemin absolu")
    (inbox / "Dossier vide").mkdir()
    (inbox / "Dossier vide" / ".DS_Store").write_bytes(b"\0")
    (inbox / "note.txt").write_text("à lire")
    (inbox / ".DS_Store").write_bytes(b"\0")
    # Each sending dated by its arrival (its own time, never its files'), a day apart, in
    # this order: the Fablab's resend comes after its first sending; the association that
    # copied its RIB sends its folder after both, and after its own first try (Evasion).
    arrivals = [
        "Fablab Ternois",
        "Ternois Numerique.zip",
        "CC Pays de Lumbres.zip",
        "Fablab Ternois (renvoi).zip",
        "Envoi coupé.zip",
        "Evasion.zip",
        "Ateliers Montreuillois",
        "Dossier vide",
    ]
    first = datetime.datetime(2026, 10, 1, 9, tzinfo=datetime.UTC).timestamp()
    for day, name in enumerate(arrivals):
        os.utime(inbox / name, (first + day * 86400, first + day * 86400))
    return inbox


def run_cli(*args: str | Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dossierkit", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
        cwd=ROOT,
    )


@pytest.fixture(scope="module")
def triaged(built: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The inbox, triaged once by the command with every output."""
    work = tmp_path_factory.mktemp("triage")
    inbox = make_inbox(built, work / "arrivees")
    before = fingerprint(inbox)
    out = work / "sorties"
    result = run_cli(
        "triage",
        inbox,
        "--jobs",
        "2",
        "--csv",
        out / "tri.csv",
        "--xlsx",
        out / "tri.xlsx",
        "--json",
        out / "tri.json",
        "--html",
        out / "tri.html",
    )
    data = json.loads((out / "tri.json").read_text(encoding="utf-8"))
    return {
        "work": work,
        "inbox": inbox,
        "out": out,
        "result": result,
        "before": before,
        "data": data,
        "by_name": {d["dossier"]: d for d in data["dossiers"]},
    }


def codes(entry: dict[str, Any]) -> list[str]:
    return [f["code"] for f in entry["findings"]]


def test_the_command_verifies_every_dossier_and_reports_the_batch(triaged: dict[str, Any]) -> None:
    result = triaged["result"]
    assert result.returncode == 1, result.stderr  # some dossiers are incomplete
    assert "Traceback" not in result.stderr
    by_name = triaged["by_name"]
    assert sorted(by_name) == [
        "Ateliers Montreuillois",
        "CC Pays de Lumbres.zip",
        "Dossier vide",
        "Envoi coupé.zip",
        "Evasion.zip",
        "Fablab Ternois",
        "Fablab Ternois (renvoi).zip",
        "Ternois Numerique.zip",
    ]
    assert triaged["data"]["ignored"] == ["note.txt"]
    # The table: every dossier, its status in words, the summary line.
    table = result.stdout.replace("\u00a0", " ")
    # One row per application, versions folded under it; the findings across dossiers of
    # its current version only.
    for reference in ("TLN-0001", "TLN-0002", "TLN-0003", "TLN-0004"):
        assert reference in table
    assert "TLN-0005" not in table
    assert "Envois reçus" in table
    # The Fablab's current version is its resend: its first sending's findings are not shown.
    assert re.search(r"^\S+\s+I\d{3}\s+Fablab Ternois \(renvoi\)", table, re.MULTILINE)
    assert not re.search(r"^\S+\s+I\d{3}\s+Fablab Ternois \(TLN", table, re.MULTILINE)
    assert "incomplet" in table and "complet" in table
    # The sendings: the empty folder and the cut archive are no failed verification.
    assert "8 envois reçus : 4 complets, 2 incomplets, 2 vides ou illisibles." in table
    assert "en échec" not in table
    assert "110 000 € / 110 000 €" in table
    # Without a terminal, progress is plain lines.
    assert re.search(r"^\[8/8\] .+\u00a0: ", result.stderr, re.MULTILINE)


def test_dossiers_are_read_whatever_their_packaging(triaged: dict[str, Any]) -> None:
    by_name = triaged["by_name"]
    ternois = by_name["Fablab Ternois"]
    assert ternois["status"] == "complete"
    assert ternois["structure"] == "Fab'Lab du Ternois"
    assert ternois["intercommunalite"] == "CC du Ternois"
    assert ternois["intercommunalite_siren"] == "200069672"
    assert ternois["form"] == "lieu"
    assert (ternois["aid_requested"], ternois["aid_maximum"]) == ("110000", "110000.00")
    # A zip of the same folder is the same dossier: same content, same fingerprint.
    assert by_name["Fablab Ternois (renvoi).zip"]["fingerprint"] == ternois["fingerprint"]
    # Names written by a French Windows (CP850, no UTF-8 flag) are read right.
    lumbres = by_name["CC Pays de Lumbres.zip"]
    assert lumbres["status"] == "complete", lumbres["findings"]
    paths = {f["path"] for f in lumbres["report"]["files"]}
    assert "Délégation de signature VP.pdf" in paths
    assert "Délibération conseil communautaire.pdf" in paths


def test_one_aid_per_intercommunalite_is_flagged_on_both(triaged: dict[str, Any]) -> None:
    by_name = triaged["by_name"]
    for name, other in (
        ("Fablab Ternois", "Ternois Numerique.zip"),
        ("Ternois Numerique.zip", "Fablab Ternois"),
    ):
        found = [f for f in by_name[name]["findings"] if f["code"] == "I001"]
        assert any(other in f["message"] for f in found), by_name[name]["findings"]
        assert all(f["severity"] == "warning" for f in found)
    # Once per other application, not once per version of it: the Fablab sent its dossier
    # twice (a folder, then a zip), the rival is told once.
    rival = [f for f in by_name["Ternois Numerique.zip"]["findings"] if f["code"] == "I001"]
    assert len(rival) == 1, rival
    # Versions of one application are not rivals.
    renvoi = by_name["Fablab Ternois (renvoi).zip"]
    assert not any(
        "Fablab Ternois »" in f["message"] for f in renvoi["findings"] if f["code"] == "I001"
    )


def test_a_shared_iban_and_a_copied_file_are_flagged(triaged: dict[str, Any]) -> None:
    by_name = triaged["by_name"]
    montreuillois = by_name["Ateliers Montreuillois"]
    assert "I002" in codes(montreuillois)
    assert "I002" in codes(by_name["Fablab Ternois"])
    copied = [f for f in montreuillois["findings"] if f["code"] == "I003"]
    assert copied and all(f["file"] == "RIB.pdf" for f in copied)
    # The RIB is in another structure's name: verify says so too (R006).
    assert "R006" in [f["code"] for f in montreuillois["report"]["findings"]]


def test_each_dossier_carries_the_report_verify_gives(
    triaged: dict[str, Any], report_validator: Any
) -> None:
    for entry in triaged["data"]["dossiers"]:
        if entry["report"] is not None:
            report_validator(entry["report"])
    assert triaged["by_name"]["Fablab Ternois"]["report"]["dossier"] == "Fablab Ternois"
    # An archive's dossier is named after the archive.
    assert triaged["by_name"]["Ternois Numerique.zip"]["report"]["dossier"] == "Ternois Numerique"


def test_a_dossier_sent_twice_is_flagged(triaged: dict[str, Any]) -> None:
    by_name = triaged["by_name"]
    assert "I004" in codes(by_name["Fablab Ternois"])
    assert "I004" in codes(by_name["Fablab Ternois (renvoi).zip"])
    assert "I004" not in codes(by_name["Ternois Numerique.zip"])


def test_a_damaged_zip_fails_alone(triaged: dict[str, Any]) -> None:
    broken = triaged["by_name"]["Envoi coupé.zip"]
    assert broken["status"] == "failed"
    assert broken["report"] is None
    assert codes(broken) == ["I007"]
    assert broken["errors"] == 1


def test_an_empty_folder_and_a_damaged_zip_are_incidents_without_reference(
    triaged: dict[str, Any],
) -> None:
    by_name = triaged["by_name"]
    for name in ("Dossier vide", "Envoi coupé.zip"):
        assert by_name[name]["incident"] and by_name[name]["reference"] is None
    assert by_name["Dossier vide"]["report"] is None  # not a dossier missing every piece
    assert not by_name["Fablab Ternois"]["incident"]
    incidents = {i["dossier"]: i for i in triaged["data"]["incidents"]}
    assert sorted(incidents) == ["Dossier vide", "Envoi coupé.zip"]
    assert incidents["Dossier vide"]["reason"] == "envoi vide : aucun fichier à vérifier"
    assert "ne peut pas être ouvert" in incidents["Envoi coupé.zip"]["reason"]
    assert incidents["Envoi coupé.zip"]["received_at"] is not None
    # Listed in the terminal, so that nothing is lost.
    table = triaged["result"].stdout.replace("\u00a0", " ")
    assert "inscrits sans référence" in table and "« Dossier vide », reçu le" in table
    # And by « dossierkit registre », the register keeping them apart.
    listed = run_cli("registre", triaged["inbox"])
    assert listed.returncode == 0, listed.stderr
    assert "Dossier vide" in listed.stdout and "Envoi coupé.zip" in listed.stdout
    assert "TLN-0005" not in listed.stdout  # four applications, no reference for incidents


def test_names_that_climb_out_are_set_aside(triaged: dict[str, Any]) -> None:
    evasion = triaged["by_name"]["Evasion.zip"]
    assert evasion["status"] == "incomplete"  # the rest was verified
    set_aside = [f for f in evasion["findings"] if f["code"] == "I009"]
    assert {f["message"].split("»")[0] for f in set_aside} == {
        "« Evasion/../../evasion.txt ",
        "« /etc/evasion.txt ",
    }
    work: Path = triaged["work"]
    assert not list(work.rglob("evasion.txt"))
    assert not Path("/etc/evasion.txt").exists()


def test_the_inbox_is_only_read(triaged: dict[str, Any]) -> None:
    inbox: Path = triaged["inbox"]
    assert fingerprint(inbox) == triaged["before"]
    assert (inbox.parent / "dossierkit-registre.sqlite").is_file()


def test_csv_reads_back_in_a_french_excel(triaged: dict[str, Any]) -> None:
    raw = (triaged["out"] / "tri.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the accents right
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    # One row per application: the Fablab's folder and zip are one, so are the two dossiers
    # of the Montreuillois association; incidents have none.
    assert len(rows) == 4
    by_structure = {row["Structure"]: row for row in rows}
    assert by_structure["Communauté de communes du Pays de Lumbres"]["Statut"] == "complet"
    assert by_structure["Communauté de communes du Pays de Lumbres"]["Délai (jours)"] == "0"
    ternois = by_structure["Fab'Lab du Ternois"]
    assert ternois["Intercommunalité"] == "Communauté de communes du Ternois"
    assert ternois["Total demandé"] == "110000"
    assert ternois["Versions reçues"] == "2"
    assert re.fullmatch(r"TLN-\d{4}", ternois["Référence"])
    assert ternois["SIRET / RNA"] == "85321477000018"  # as the letterhead prints it
    assert re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d", ternois["Reçue le"])
    # The IBAN is masked but for the country and the last four characters.
    assert re.fullmatch(r"FR\d\d •••• \w{4}", ternois["IBAN (masqué)"])


def test_xlsx_has_real_columns_numbers_and_filters(triaged: dict[str, Any]) -> None:
    import openpyxl

    book = openpyxl.load_workbook(triaged["out"] / "tri.xlsx")
    assert book.sheetnames == ["Demandes", "Versions", "Constats", "Incidents"]
    sheet = book["Demandes"]
    headings = [cell.value for cell in sheet[1]]
    assert headings[:2] == ["Référence", "Reçue le"]
    assert sheet.auto_filter.ref == sheet.dimensions
    assert sheet.freeze_panes == "A2"
    rows = [
        dict(zip(headings, row, strict=True))
        for row in sheet.iter_rows(min_row=2, values_only=True)
    ]
    by_structure = {row["Structure"]: row for row in rows}
    ternois = by_structure["Fab'Lab du Ternois"]
    # The aid asked each year, against each ceiling, as numbers in euros.
    for year in (1, 2, 3):
        assert isinstance(ternois[f"Animation année {year} demandée"], int | float)
        assert isinstance(ternois[f"Animation année {year} plafond"], int | float)
    assert ternois["Total demandé"] == 110000 and isinstance(ternois["Total plafond"], int | float)
    assert isinstance(ternois["Équipement plafond"], int | float)
    money = headings.index("Total demandé") + 1
    # French whatever the spreadsheet's language, the space before « € » quoted: unquoted,
    # LibreOffice reads it as thousands divisor and shows 42 000 € as « 42.00€ ».
    assert sheet.cell(row=2, column=money).number_format == '[$-40C]#,##0.00" €"'
    assert isinstance(ternois["Erreurs"], int)
    assert isinstance(ternois["Reçue le"], datetime.datetime)
    assert ternois["Représentant légal"] and ternois["Signataire"]
    # Missing pieces by their names in the call, and why the application is incomplete.
    (montreuil,) = [r for r in rows if "Montreuillois" in (r["Structure"] or "")]
    assert montreuil["Statut"] == "incomplet"
    assert "Statuts de l'association" in montreuil["Pièces manquantes"]
    assert "Statuts de l'association" in montreuil["Pourquoi"]
    assert montreuil["Versions reçues"] == 2
    versions = book["Versions"]
    assert versions.max_row == 1 + 8  # every dossier of the inbox
    findings = book["Constats"]
    assert findings.auto_filter.ref == findings.dimensions
    listed = {(row[1], row[2], row[4]) for row in findings.iter_rows(min_row=2, values_only=True)}
    assert ("Fablab Ternois", "I001", None) in listed
    assert ("Ateliers Montreuillois", "P001", "Statuts de l'association") in listed
    incidents = [row[0] for row in book["Incidents"].iter_rows(min_row=2, values_only=True)]
    assert sorted(incidents) == ["Dossier vide", "Envoi coupé.zip"]


def test_html_is_one_self_contained_file(triaged: dict[str, Any]) -> None:
    page = (triaged["out"] / "tri.html").read_text(encoding="utf-8")
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", page)
    assert "http://" not in page and "https://" not in page and "@import" not in page
    # One section per application; the unreadable sendings listed apart.
    assert page.count('<section class="dossier"') == 4
    assert '<section id="incidents">' in page
    # Links to a folder's files are relative to the page.
    assert 'href="../arrivees/Ateliers%20Montreuillois/RIB.pdf"' in page


def test_register_after_a_normal_run(triaged: dict[str, Any]) -> None:
    import sqlite3

    db = sqlite3.connect(triaged["inbox"].parent / "dossierkit-registre.sqlite")
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("SELECT count(*) FROM receptions").fetchone()[0] == 6
    assert db.execute("SELECT count(*) FROM verifications").fetchone()[0] == 6
    incidents = db.execute("SELECT source_name FROM incidents ORDER BY source_name").fetchall()
    assert incidents == [("Dossier vide",), ("Envoi coupé.zip",)]
    # The folder and its zip are two receptions of one application; so are the two dossiers
    # of the Montreuillois association (the second without its RIB).
    assert db.execute("SELECT count(*) FROM applications").fetchone()[0] == 4
    same = db.execute(
        "SELECT count(DISTINCT application_id) FROM receptions WHERE source_name IN (?, ?)",
        ("Ateliers Montreuillois", "Evasion.zip"),
    ).fetchone()[0]
    assert same == 1
    versions = db.execute(
        "SELECT DISTINCT tool_version, call_id, call_version FROM verifications"
    ).fetchall()
    assert versions == [("0.1.0", "tiers-lieux-numerique", "1.0")]
    assert db.execute("SELECT count(*) FROM runs WHERE finished_at IS NOT NULL").fetchone()[0] == 1
    crossed = {row[0] for row in db.execute("SELECT code FROM cross_findings")}
    assert {"I001", "I002", "I003", "I004"} <= crossed
    (failed,) = db.execute("SELECT findings FROM incidents WHERE source_kind = 'zip'").fetchone()
    assert [f["code"] for f in json.loads(failed)] == ["I007"]


def test_outputs_are_never_overwritten_without_force(
    built: dict[str, Path], tmp_path: Path
) -> None:
    inbox = tmp_path / "arrivees"
    inbox.mkdir()
    shutil.copytree(built["ternois"], inbox / "Fablab Ternois")
    existing = tmp_path / "tri.csv"
    existing.write_text("à garder")
    result = run_cli("triage", inbox, "--csv", existing)
    assert result.returncode == 2
    assert "existe déjà" in result.stderr and "--force" in result.stderr
    assert existing.read_text() == "à garder"
    assert not (tmp_path / "dossierkit-registre.sqlite").exists()  # refused before any work
    forced = run_cli("triage", inbox, "--csv", existing, "--force")
    assert forced.returncode in (0, 1), forced.stderr
    assert existing.read_bytes().startswith(b"\xef\xbb\xbfR\xc3\xa9f\xc3\xa9rence;")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".tri.csv")]


def test_nothing_is_written_into_the_inbox(built: dict[str, Path], tmp_path: Path) -> None:
    inbox = tmp_path / "arrivees"
    inbox.mkdir()
    for option in ("--html", "--db"):
        result = run_cli("triage", inbox, option, inbox / "sortie.html")
        assert result.returncode == 2 and "jamais modifié" in result.stderr
    assert list(inbox.iterdir()) == []


def test_an_inbox_that_does_not_exist_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("triage", tmp_path / "absent")
    assert result.returncode == 2 and "n'existe pas" in result.stderr
    assert "Traceback" not in result.stderr
    # A file is taken for a platform's export only when it is one.
    (tmp_path / "notes.txt").write_text("à trier", encoding="utf-8")
    result = run_cli("triage", tmp_path / "notes.txt")
    assert result.returncode == 2
    assert "n'est ni un dossier ni l'export d'une plateforme" in result.stderr


def test_english_outputs(built: dict[str, Path], tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copytree(built["association-incomplete"], inbox / "Ateliers")
    result = CliRunner().invoke(
        cli, ["triage", str(inbox), "--lang", "en", "--csv", str(tmp_path / "t.csv"), "-j", "1"]
    )
    assert result.exit_code == 1, result.output
    assert "1 sending received: 0 complete, 1 incomplete." in result.output
    rows = list(csv.DictReader(io.StringIO((tmp_path / "t.csv").read_text("utf-8-sig"))))
    assert rows[0]["Status"] == "incomplete" and rows[0]["Total requested"] == "98000"


# -- zips ---------------------------------------------------------------------------------


def test_zip_names_are_decoded_as_their_archiver_wrote_them(tmp_path: Path) -> None:
    target = tmp_path / "noms.zip"
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr(_LegacyName("Délibération À signer.pdf"), b"x")  # French Windows
        archive.writestr("Budget prévisionnel.xlsx", b"x")  # flagged UTF-8
    with zipfile.ZipFile(target) as archive:
        names = [decode_name(info) for info in archive.infolist()]
    assert names == ["Délibération À signer.pdf", "Budget prévisionnel.xlsx"]
    # macOS writes UTF-8 bytes without the flag; zipfile reads them as CP437.
    macos = zipfile.ZipInfo("Statuts signés.pdf".encode().decode("cp437"))
    assert decode_name(macos) == "Statuts signés.pdf"
    # 7-Zip's Unicode Path field wins over the legacy name it describes.
    raw = b"R?sum?.pdf"
    extra = b"\x75\x70" + (5 + len("Résumé.pdf".encode())).to_bytes(2, "little")
    extra += b"\x01" + zlib.crc32(raw).to_bytes(4, "little") + "Résumé.pdf".encode()
    seven = zipfile.ZipInfo(raw.decode("cp437"))
    seven.extra = extra
    assert decode_name(seven) == "Résumé.pdf"


def test_a_zip_bomb_is_refused_before_filling_the_disk(tmp_path: Path) -> None:
    bomb = tmp_path / "bombe.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Budget.xlsx", b"\0" * (20 << 20))  # 20 MB of zeros: ~20 kB zipped
    assert bomb.stat().st_size < 100_000
    with pytest.raises(ArchiveError) as refused:
        unpack(bomb, tmp_path / "out")
    assert refused.value.code == "limits" and "200" in refused.value.reason
    assert not (tmp_path / "out").exists()
    many = tmp_path / "nombreux.zip"
    with zipfile.ZipFile(many, "w") as archive:
        for i in range(30):
            archive.writestr(f"f{i}.txt", b"x")
    with pytest.raises(ArchiveError):
        unpack(many, tmp_path / "out2", Limits(max_files=20))
    outcome = process(InboxItem("bombe.zip", bomb, "zip"), load_call(), "fr")
    assert outcome.status == "failed" and outcome.findings[0].code == "I008"


def test_links_and_duplicates_in_a_zip_are_set_aside(tmp_path: Path) -> None:
    archive_path = tmp_path / "liens.zip"
    with zipfile.ZipFile(archive_path, "w") as archive:
        link = zipfile.ZipInfo("lien")
        link.external_attr = 0o120777 << 16
        archive.writestr(link, "/etc/passwd")
        archive.writestr("RIB.pdf", b"un")
        with pytest.warns(UserWarning, match="Duplicate name"):
            archive.writestr("RIB.pdf", b"deux")
    set_aside = unpack(archive_path, tmp_path / "out")
    assert [(s.name, s.reason) for s in set_aside] == [
        ("lien", "c'est un lien"),
        ("RIB.pdf", "le nom figure deux fois"),
    ]
    assert not (tmp_path / "out" / "lien").exists()
    assert (tmp_path / "out" / "RIB.pdf").read_bytes() == b"un"


# -- the pool -----------------------------------------------------------------------------


def slow_or_crashing(item: InboxItem, call: Any, lang: str) -> Outcome:
    """A work function for the pool's tests: hangs on "lent", dies on "plante"."""
    if item.name == "lent":
        time.sleep(60)
    if item.name == "plante":
        os._exit(3)
    if item.name == "exception":
        raise MemoryError("plus de mémoire")
    if item.name == "gourmand":
        # Two gigabytes, which the machine has, beyond the worker's cap of one.
        return Outcome(item=item, fingerprint=str(len(bytearray(2 << 30))), status="complete")
    return Outcome(item=item, fingerprint="x", status="complete")


def test_a_time_out_or_a_crash_stays_on_its_dossier(tmp_path: Path) -> None:
    items = [
        InboxItem(name, tmp_path, "folder") for name in ("a", "lent", "plante", "exception", "b")
    ]
    started = time.monotonic()
    outcomes = {
        o.item.name: o
        for o in run_pool(items, call=load_call(), jobs=2, timeout=3, work=slow_or_crashing)
    }
    assert time.monotonic() - started < 30
    assert outcomes["a"].status == outcomes["b"].status == "complete"
    assert outcomes["lent"].status == "failed"
    assert [f.code for f in outcomes["lent"].findings] == ["I010"]
    assert [f.code for f in outcomes["plante"].findings] == ["I011"]
    assert outcomes["plante"].findings[0].params["reason"] == "processus terminé (code 3)"
    assert "MemoryError" in outcomes["exception"].findings[0].params["reason"]


def test_a_dossier_worker_has_the_readers_memory_cap_and_time_per_file(tmp_path: Path) -> None:
    from dossierkit.limits import Limits
    from dossierkit.triage.pool import MARGIN_SECONDS, deadline

    item = InboxItem("gourmand", tmp_path, "folder")
    (outcome,) = run_pool([item], call=load_call(), jobs=1, timeout=30, work=slow_or_crashing)
    assert outcome.status == "failed"
    assert "MemoryError" in outcome.findings[0].params["reason"]
    # Each file read within its own time, as verify reads them, and a margin for the rest.
    for name in ("statuts.pdf", "budget.xlsx", "annexes/plan.pdf"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes(b"x")
    limits = Limits(seconds_per_file=10)
    assert deadline(InboxItem("d", tmp_path, "folder"), limits) == 30 + MARGIN_SECONDS
    archive = tmp_path / "envoi.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("a/", "")
        z.writestr("a/RIB.pdf", "x")
    assert deadline(InboxItem("envoi.zip", archive, "zip"), limits) == 10 + MARGIN_SECONDS


def test_a_fingerprint_ignores_clutter_and_packaging(
    built: dict[str, Path], tmp_path: Path
) -> None:
    copy = shutil.copytree(built["ternois"], tmp_path / "copie")
    (copy / ".DS_Store").write_bytes(b"\0\0")
    (copy / "__MACOSX").mkdir()
    (copy / "__MACOSX" / "._RIB.pdf").write_bytes(b"\0")
    assert folder_fingerprint(copy) == folder_fingerprint(built["ternois"])
    (copy / "RIB.pdf").write_bytes(b"autre")
    assert folder_fingerprint(copy) != folder_fingerprint(built["ternois"])


def test_a_commune_is_mapped_to_its_epci() -> None:
    assert epci_of_commune("Saint-Pol-sur-Ternoise").name == "CC du Ternois"  # type: ignore[union-attr]
    assert epci_of_commune("SAINT POL SUR TERNOISE").siren == "200069672"  # type: ignore[union-attr]
    assert epci_of_commune("Lille") is not None
    assert epci_of_commune("Paris") is None


# -- the registry of checks -------------------------------------------------------------


def test_inbox_checks_join_the_registry_without_clashing() -> None:
    every = CHECKS + INBOX_CHECKS
    codes_ = [c.code for c in every]
    names = [c.name for c in every]
    assert len(codes_) == len(set(codes_)), "a code is used twice"
    assert len(names) == len(set(names))
    assert all(re.fullmatch(r"I[0-9]{3}", c.code) for c in INBOX_CHECKS)
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", c.name) for c in INBOX_CHECKS)
    for check in INBOX_CHECKS:
        doc = check.__doc__ or ""
        words = " ".join(doc.split())
        assert "\n\n" in doc, check.code
        assert "Correction" in words or "Aucune correction" in words, check.code
        assert set(check.message) == {"fr", "en"} and isinstance(check.severity, Severity)


def test_checks_command_and_the_checks_page_list_the_inbox_checks() -> None:
    listed = CliRunner().invoke(cli, ["checks"]).output
    page = (ROOT / "docs" / "verifications.md").read_text(encoding="utf-8")
    for check in INBOX_CHECKS:
        assert check.code in listed and check.name in listed
        assert f"| {check.code} | `{check.name}`" in page


@pytest.mark.slow  # LibreOffice (a few seconds)
def test_amounts_read_in_french_once_libreoffice_opens_the_workbook(tmp_path: Path) -> None:
    """The tracking sheet opened in LibreOffice (whatever its language) shows 42 000 € as
    « 42 000,00 € »: an unquoted space before « € » was read as a thousands divisor."""
    from conftest import require_tool
    from dossierkit.triage.export import Column, workbook

    soffice = require_tool("soffice")
    columns = [
        Column("reference", "Référence", "Reference"),
        Column("total", "Total", "Total", "money"),
    ]
    book = tmp_path / "tri.xlsx"
    book.write_bytes(
        workbook([("Demandes", columns, [{"reference": "TLN-0001", "total": "42000"}])], "fr")
    )
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "html",
            "--outdir",
            str(tmp_path),
            str(book),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    shown = (tmp_path / "tri.html").read_text(encoding="utf-8", errors="replace")
    assert "42&nbsp;000,00 €" in shown
