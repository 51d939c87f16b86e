"""Dossiers as instructors receive them: a platform's export, read through its mapping.

The export is generated once per session by ``platform_export`` as Démarches Simplifiées
lays it out (three dossiers, a complement sent through the messaging, the CSV and XLSX
tables). A made-up regional portal, laid out otherwise, is read through a mapping file
alone. The whole path, from the zip to the register, runs once (marked slow: it verifies
three dossiers).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import zipfile
from contextlib import closing
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from platform_export import PARIS, dossiers, session_download, session_unpacked

from dossierkit.manifest import load_manifest
from dossierkit.triage import platforms
from dossierkit.triage.model import InboxItem, Outcome, Summary
from dossierkit.triage.platforms.values import parse_moment

# Each dossier's "Déposé le", as the CSV gives it (to the second).
DEPOSITED = {str(d.number): d.deposited.astimezone(UTC) for d in dossiers()}


@pytest.fixture(scope="session")
def download(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder an instructor downloaded the export to: the zip, the CSV and the XLSX."""
    return session_download(tmp_path_factory)


@pytest.fixture(scope="session")
def unpacked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The zip unpacked as the instructor's system does: a folder ``export/``."""
    return session_unpacked(tmp_path_factory)


def _zip(download: Path) -> Path:
    return next(download.glob("*.zip"))


def _read(
    source: Path, tmp_path: Path, mapping: platforms.Mapping | None = None
) -> platforms.Contents:
    export = platforms.detect(source, mapping)
    assert export is not None
    return export.read(tmp_path / "work")


def test_an_export_is_told_by_its_layout(download: Path, unpacked: Path, tmp_path: Path) -> None:
    for given in (download, _zip(download), unpacked, unpacked.parent):
        export = platforms.detect(given)
        assert export is not None, given
        assert export.mapping.platform == "demarches-simplifiees"
    # The table waits beside the zip, and beside the unpacked folder once copied there.
    assert platforms.detect(download).table.suffix == ".csv"  # type: ignore[union-attr]
    assert platforms.detect(unpacked).table is None  # type: ignore[union-attr]
    # An applicant's dossier, zipped or not, is no export.
    dossier = tmp_path / "Fablab Ternois"
    dossier.mkdir()
    shutil.copy(next(unpacked.glob("dossier-20480123/pieces_justificatives/RIB*")), dossier)
    (dossier / "dossier-2").mkdir()  # even with a folder named like a platform's
    (dossier / "dossier-2" / "notes.txt").write_text("brouillon", encoding="utf-8")
    assert platforms.detect(dossier) is None
    with zipfile.ZipFile(tmp_path / "envoi.zip", "w") as archive:
        archive.write(dossier / "dossier-2" / "notes.txt", "dossier-2/notes.txt")
    assert platforms.detect(tmp_path / "envoi.zip") is None
    (tmp_path / "abîmé.zip").write_bytes(b"PK\x03\x04 cut")
    assert platforms.detect(tmp_path / "abîmé.zip") is None


def test_one_application_per_dossier_with_the_platform_number_and_deposit(
    download: Path, tmp_path: Path
) -> None:
    contents = _read(download, tmp_path)
    assert contents.notes == ()
    found = {a.reference: a for a in contents.applications}
    assert list(found) == ["20480123", "20480456", "20481002"]  # in order of deposit
    assert {r: a.received_at for r, a in found.items()} == DEPOSITED
    assert found["20480456"].state == "En instruction"
    for application in found.values():
        assert application.form is not None and application.form.name.startswith("export-")
        names = [f.rel for f in application.pieces + application.complements]
        assert not any(n.startswith("export-") for n in names)  # the form is never a piece
        assert application.set_aside == ("horodatage/",)
    ternois = found["20480123"]
    assert {f.name: f.kind for f in ternois.pieces} == {
        "Attestation TVA.pdf": "attestation_tva",
        "Budget prévisionnel.xlsx": "budget",
        "Courrier de demande.pdf": "courrier",
        "Dossier technique.docx": "dossier_technique",
        "RIB.pdf": "rib",
    }
    budget = next(f for f in ternois.pieces if f.kind == "budget")
    assert budget.sent_at == datetime(2026, 3, 2, 14, 13, tzinfo=PARIS)
    (statuts,) = ternois.complements
    assert (statuts.rel.split("/")[0], statuts.name, statuts.kind) == (
        "messagerie",
        "Statuts.pdf",
        "statuts",
    )
    assert statuts.sent_at == datetime(2026, 3, 10, 11, 2, tzinfo=PARIS)
    declared = ternois.declared
    assert (declared.siret, declared.rna, declared.email) == (
        "85321477000018",
        "W623004517",
        "contact@fablab-ternois.fr",
    )
    assert (declared.structure_kind, declared.project_form, declared.epci_siren) == (
        "association",
        "lieu",
        "246201024",
    )
    assert declared.amount_requested == Decimal("110000")
    assert declared.iban is not None and declared.iban.startswith("FR") and " " not in declared.iban


def test_the_xlsx_table_and_the_form_alone_give_the_same_deposits(
    download: Path, tmp_path: Path
) -> None:
    with_xlsx = tmp_path / "xlsx"
    with_xlsx.mkdir()
    shutil.copy(_zip(download), with_xlsx)
    shutil.copy(next(download.glob("*.xlsx")), with_xlsx)
    contents = _read(with_xlsx, tmp_path / "a")
    assert {a.reference: a.received_at for a in contents.applications} == DEPOSITED
    # The SIRET and RNA come from the « Etablissements » sheet.
    ternois = contents.applications[0].declared
    assert (ternois.siret, ternois.rna) == ("85321477000018", "W623004517")
    # Without a table, the form PDF says « Déposé le : 02 mars 26 14:31 »: to the minute.
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copy(_zip(download), alone)
    contents = _read(alone, tmp_path / "b")
    assert {a.reference: a.received_at for a in contents.applications} == {
        r: moment.replace(second=0) for r, moment in DEPOSITED.items()
    }
    assert contents.applications[0].declared.siret == "85321477000018"


def test_an_export_template_renames_files_and_the_mapping_still_reads_them(
    unpacked: Path, tmp_path: Path
) -> None:
    """An instructor's export template: the form as ``export-<n°>.pdf``, each piece
    renamed after its field (``<libellé>-<n°>-01``) in the dossier folder itself."""
    export = tmp_path / "export"
    shutil.copytree(unpacked, export)
    folder = export / "dossier-20480456"
    next(folder.glob("export-*.pdf")).rename(folder / "export-20480456.pdf")
    for i, path in enumerate(sorted((folder / "pieces_justificatives").iterdir())):
        label = path.name.split("-")[0]
        path.rename(folder / f"{label}-20480456-{i + 1:02d}{path.suffix}")
    (folder / "pieces_justificatives").rmdir()
    contents = _read(export, tmp_path)
    lumbres = next(a for a in contents.applications if a.reference == "20480456")
    assert lumbres.form == folder / "export-20480456.pdf"
    assert sorted((f.rel, f.kind) for f in lumbres.pieces) == [
        ("Attestation TVA-20480456-01.pdf", "attestation_tva"),
        ("Budget prévisionnel-20480456-02.xlsx", "budget"),
        ("Courrier de demande-20480456-03.pdf", "courrier"),
        ("Dossier technique-20480456-04.docx", "dossier_technique"),
        ("Délégation de signature-20480456-05.pdf", "delegation"),
        ("RIB-20480456-06.pdf", "rib"),
    ]


def test_staged_dossiers_declare_what_the_form_says(download: Path, tmp_path: Path) -> None:
    contents = _read(download, tmp_path)
    staged = platforms.stage_all(contents.applications, tmp_path / "inbox")
    assert [s.folder.name for s in staged] == [
        "dossier-20480123",
        "dossier-20480123-messagerie-2026-03-10-10-02-00",  # the statuts' message (UTC)
        "dossier-20480456",
        "dossier-20481002",
    ]
    assert [s.reference for s in staged] == ["20480123", "20480123", "20480456", "20481002"]
    ternois, completed = staged[0].folder, staged[1].folder
    deposited = [
        "Attestation TVA.pdf",
        "Budget prévisionnel.xlsx",
        "Courrier de demande.pdf",
        "Dossier technique.docx",
        "RIB.pdf",
        "dossier.yaml",
    ]
    assert _files(ternois) == deposited
    # The sending the message made: the dossier as it then stood.
    assert _files(completed) == sorted([*deposited, "messagerie/Statuts.pdf"])
    # Where the instructor finds each sending in the export.
    folder = contents.applications[0].folder
    assert (staged[0].source, staged[1].source) == (folder, folder / "messagerie")
    manifest = load_manifest(ternois / "dossier.yaml")  # valid against the manifest schema
    assert manifest.facts["structure.kind"] == "association"
    assert manifest.facts["intercommunalite.name"] == "Communauté de communes du Ternois"
    assert manifest.pieces["budget"] == ("Budget prévisionnel.xlsx",)
    assert "statuts" not in manifest.pieces
    assert load_manifest(completed / "dossier.yaml").pieces["statuts"] == (
        "messagerie/Statuts.pdf",
    )
    # Every file carries its sending's time: the reception date triage reads from a folder.
    assert _stamps(ternois) == {DEPOSITED["20480123"].timestamp()}
    sent = datetime(2026, 3, 10, 11, 2, tzinfo=PARIS).timestamp()
    assert _stamps(completed) == {sent}
    # The export itself is only read.
    assert (contents.applications[0].folder / "messagerie").is_dir()


def _files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def _stamps(folder: Path) -> set[float]:
    return {os.stat(p).st_mtime for p in folder.rglob("*") if p.is_file()}


REGIONAL_MAPPING = """\
# Portail des aides de la Région (imaginaire) : une extraction par appel.
plateforme: portail-region
nom: Portail des aides régionales
dossiers:
  racine: extraction
  dossier: '^(?P<numero>AID-\\d{4}-\\d{5})_'
  pieces: [.]
  complements: [Compléments reçus]
  ignores: [Instruction]
  suffixe: '^PJ\\d{2}_'
tableau:
  fichier: '^extraction_demandes.*\\.csv$'
  numero: N° demande
  depot: Date de dépôt
  etat: Statut
faits:
  courriel: [Courriel du demandeur]
  siret: [SIRET]
  structure: [Raison sociale]
  montant_demande: [Montant sollicité]
pieces:
  courrier: {noms: ['^courrier']}
  budget: {noms: ['budget']}
  dossier_technique: {noms: ['^dossier technique']}
  attestation_tva: {noms: ['tva']}
  rib: {noms: ['^rib']}
  statuts: {noms: ['^statuts']}
"""


def _regional_export(unpacked: Path, target: Path) -> Path:
    """The DS pieces laid out as the regional portal extracts them: ``extraction/`` of
    ``AID-2026-<n>_<name>/`` holding ``PJ01_<name>`` files, complements in their own folder,
    and a French Excel CSV (Windows-1252, ``;``, dates ``JJ/MM/AAAA HH:MM``)."""
    root = target / "extraction"
    rows = []
    for n, source in enumerate(sorted(unpacked.glob("dossier-*")), start=41):
        folder = root / f"AID-2026-{n:05d}_{source.name}"
        folder.mkdir(parents=True)
        for i, piece in enumerate(sorted((source / "pieces_justificatives").iterdir())):
            original = piece.name.rsplit("-", 6)[0] + piece.suffix
            shutil.copy(piece, folder / f"PJ{i + 1:02d}_{original}")
        if (source / "messagerie").is_dir():
            (folder / "Compléments reçus").mkdir()
            for piece in (source / "messagerie").iterdir():
                shutil.copy(piece, folder / "Compléments reçus" / "PJ01_Statuts.pdf")
        (folder / "Instruction").mkdir()
        (folder / "Instruction" / "fiche.txt").write_text("avis", encoding="utf-8")
        rows.append(
            [
                f"AID-2026-{n:05d}",
                f"0{n - 40}/04/2026 10:3{n - 40}",
                "Déposée",
                "Structure " + str(n),
                "853 214 770 00018",
                f"contact{n}@exemple.fr",
                "110 000,00 €",
            ]
        )
    with (target / "extraction_demandes_2026-04-10.csv").open(
        "w", encoding="cp1252", newline=""
    ) as out:
        writer = csv.writer(out, delimiter=";")
        writer.writerow(
            [
                "N° demande",
                "Date de dépôt",
                "Statut",
                "Raison sociale",
                "SIRET",
                "Courriel du demandeur",
                "Montant sollicité",
            ]
        )
        writer.writerows(rows)
    return target


def test_a_regional_portal_is_read_through_its_mapping_alone(
    unpacked: Path, tmp_path: Path
) -> None:
    portal = _regional_export(unpacked, tmp_path / "portail")
    mapping_file = tmp_path / "portail-region.yaml"
    mapping_file.write_text(REGIONAL_MAPPING, encoding="utf-8")
    assert platforms.detect(portal) is None  # no shipped mapping knows this layout
    mapping = platforms.load_mapping(mapping_file)
    contents = _read(portal, tmp_path, mapping)
    found = {a.reference: a for a in contents.applications}
    assert list(found) == ["AID-2026-00041", "AID-2026-00042", "AID-2026-00043"]
    first = found["AID-2026-00041"]
    assert first.received_at == datetime(2026, 4, 1, 10, 31, tzinfo=PARIS)
    assert first.state == "Déposée"
    assert first.form is None
    assert first.set_aside == ("Instruction/",)
    assert {f.name: f.kind for f in first.pieces}["Budget prévisionnel.xlsx"] == "budget"
    assert [(c.name, c.kind) for c in first.complements] == [("Statuts.pdf", "statuts")]
    assert first.declared.amount_requested == Decimal("110000.00")
    assert (first.declared.siret, first.declared.email) == (
        "85321477000018",
        "contact41@exemple.fr",
    )
    # Its complement has no date in its name: the time the extraction gives it is after the
    # deposit, so it is a sending of its own.
    deposit, completed = platforms.stage(first, tmp_path)
    assert "statuts" not in load_manifest(deposit.folder / "dossier.yaml").pieces
    statuts = load_manifest(completed.folder / "dossier.yaml").pieces["statuts"]
    assert statuts == ("messagerie/Statuts.pdf",)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("plateforme: x\nnom: Portail\n", "$"),  # no dossiers
        (
            "plateforme: x\nnom: Portail\ndossiers: {dossier: '^(?P<numero>\\d+'}\n",
            "$.dossiers.dossier",
        ),
        ("plateforme: x\nnom: Portail\ndossiers: {dossier: '^\\d+$'}\n", "$.dossiers.dossier"),
        (
            "plateforme: x\nnom: Portail\ndossiers: {dossier: '^(?P<numero>\\d+)$'}\npieces: {cv: {}}\n",
            "$.pieces",
        ),
        ("plateforme: [x\n", "$"),
    ],
)
def test_a_wrong_mapping_says_where(text: str, where: str, tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(platforms.MappingError) as caught:
        platforms.load_mapping(path)
    assert caught.value.where == where


def test_the_complement_request_is_plain_text_to_paste() -> None:
    text = platforms.complement_request(
        ["Statuts de l'association", "RIB"],
        call="Tiers-lieux du numérique",
        reference="20481002",
        deadline=date(2026, 4, 30),
        signature="Le service instructeur",
    )
    lines = text.splitlines()
    assert lines[0] == "Bonjour,"
    assert "(dossier n° 20481002)" in lines[2]
    assert "\u00ab\u00a0Tiers-lieux du numérique\u00a0\u00bb" in lines[2]
    assert lines[2].endswith("les pièces suivantes\u00a0:")
    assert lines[3:5] == ["- Statuts de l'association\u00a0;", "- RIB."]
    assert "au plus tard le 30 avril 2026." in text
    assert "article L114-5" in text and "suspendu" in text
    assert lines[-1] == "Le service instructeur"
    assert not any(mark in text for mark in ("**", "<", "#"))
    one = platforms.complement_request(["RIB"], call="Tiers-lieux du numérique", lang="en")
    assert "the following document:" in one and "- RIB." in one and "L114-5" not in one
    with pytest.raises(ValueError):
        platforms.complement_request([], call="x")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-02 14:31:07 +0100", datetime(2026, 3, 2, 13, 31, 7, tzinfo=UTC)),
        ("2026-07-02 14:31:07", datetime(2026, 7, 2, 12, 31, 7, tzinfo=UTC)),  # summer time
        ("02 mars 26 14:31", datetime(2026, 3, 2, 13, 31, tzinfo=UTC)),
        ("1er août 2026 à 9h05", datetime(2026, 8, 1, 7, 5, tzinfo=UTC)),
        ("02/03/2026 14:31", datetime(2026, 3, 2, 13, 31, tzinfo=UTC)),
        ("31/02/2026", None),
        ("bientôt", None),
    ],
)
def test_deposit_moments_as_exports_write_them(text: str, expected: datetime | None) -> None:
    assert parse_moment(text) == expected


def _triage_command(source: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dossierkit", "triage", str(source), "--jobs", "2", *extra],
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
        cwd=out,
    )


@pytest.mark.slow  # verifies three dossiers, twice (about forty seconds on two cores)
def test_from_the_zip_to_the_register_and_the_answers(download: Path, tmp_path: Path) -> None:
    """``dossierkit triage`` given the downloaded zip: one application per platform dossier,
    recorded under the platform's number and deposit; the same export triaged again (as its
    download folder) is the same sendings."""
    import openpyxl

    zipped = _zip(download)
    db = tmp_path / "registre.sqlite"
    common = ("--db", str(db), "--source", "demarches-simplifiees")
    done = _triage_command(
        zipped,
        tmp_path,
        *common,
        "--json",
        "tri.json",
        "--xlsx",
        "tri.xlsx",
        "--suivi",
        "suivi.csv",
        "--html",
        "tri.html",
    )
    assert done.returncode == 1, done.stderr  # Montreuil's RIB is missing
    assert (
        "Export Démarches Simplifiées" in done.stdout
        and "\u00a0: 3 dossiers, tableau" in done.stdout
    )
    data = json.loads((tmp_path / "tri.json").read_text(encoding="utf-8"))
    rows = {row["dossier"]: row for row in data["dossiers"]}
    message = "dossier-20480123-messagerie-2026-03-10-10-02-00"
    assert sorted(rows) == ["dossier-20480123", message, "dossier-20480456", "dossier-20481002"]
    # One application per platform dossier, received when it was deposited; the statuts
    # sent through the messaging are a later sending of the first, received that day.
    assert len(data["applications"]) == 3
    completed = rows.pop(message)
    assert completed["platform_reference"] == "20480123"
    assert completed["reference"] == rows["dossier-20480123"]["reference"]
    assert datetime.fromisoformat(completed["received_at"]) == datetime(
        2026, 3, 10, 11, 2, tzinfo=PARIS
    )
    for name, row in rows.items():
        number = name.removeprefix("dossier-")
        assert row["platform_reference"] == number
        assert datetime.fromisoformat(row["received_at"]) == DEPOSITED[number]
        report = row["report"]
        budget = next(p for p in report["pieces"] if p["kind"] == "budget")
        assert budget["status"] == "ok" and "Budget prévisionnel.xlsx" in str(budget["files"])
        assert not any("export-" in str(f) for f in report["files"])  # the form is no piece
    # References follow the deposits.
    assert [rows[n]["reference"] for n in sorted(rows)] == ["TLN-0001", "TLN-0002", "TLN-0003"]
    # Deposited without its statuts, the Ternois dossier was completed by the message.
    deposit = rows["dossier-20480123"]["report"]
    assert next(p for p in deposit["pieces"] if p["kind"] == "statuts")["status"] == "missing"
    statuts = next(p for p in completed["report"]["pieces"] if p["kind"] == "statuts")
    assert statuts["status"] == "ok" and "messagerie/Statuts.pdf" in str(statuts["files"])
    ternois = next(a for a in data["applications"] if a["platform_reference"] == "20480123")
    assert ternois["versions"] == 2 and ternois["current_version"] == message
    assert datetime.fromisoformat(ternois["received_at"]) == DEPOSITED["20480123"]
    assert rows["dossier-20480456"]["status"] == "complete"
    # The tracking sheet has the platform's number beside dossierkit's reference.
    sheet = openpyxl.load_workbook(tmp_path / "tri.xlsx")["Demandes"]
    assert [c.value for c in sheet[1]][:2] == ["Référence", "N° plateforme"]
    assert sorted(str(r[1]) for r in sheet.iter_rows(min_row=2, values_only=True)) == sorted(
        DEPOSITED
    )
    # The page shows each number; its files are in the zip, under the platform's names: no
    # link leads to a staged copy that no longer exists.
    page = (tmp_path / "tri.html").read_text(encoding="utf-8")
    assert "<dt>N° plateforme</dt><dd>20481002</dd>" in page
    assert not re.search(r'href="[^"]*dossier-2048', page)
    # What to do on the platform, by its numbers, with the message to paste.
    table = list(
        csv.reader(
            io.StringIO((tmp_path / "suivi.csv").read_text(encoding="utf-8-sig")), delimiter=";"
        )
    )
    assert table[0][:2] == ["N° de dossier (Démarches Simplifiées)", "Référence dossierkit"]
    by_number = {r[0]: r for r in table[1:]}
    assert sorted(by_number) == ["20480123", "20480456", "20481002"]
    montreuil = by_number["20481002"]
    # Deposited at 16:45 UTC: shown in Paris time (UTC+1 in March), as the platform shows it.
    assert montreuil[1:5] == ["TLN-0003", "2026-03-05 17:45", "incomplet", "RIB"]
    assert "(dossier n° 20481002)" in montreuil[5]
    assert "l'appel à projets «\u00a0Tiers-lieux du numérique\u00a0» est" in montreuil[5]
    assert by_number["20480456"][5] == ""
    # Completed through the messaging: complete, dated by its deposit, nothing to ask.
    assert by_number["20480123"][1:6] == ["TLN-0001", "2026-03-02 14:31", "complet", "", ""]
    # The applicants' documents were laid out in a private folder, removed at the end.
    assert not list(Path(tempfile.gettempdir()).glob("dossierkit-plateforme-*"))

    # Triaged again from the download folder: the same sendings, no new version.
    again = _triage_command(download, tmp_path, *common, "--suivi", "suivi.csv")
    assert again.returncode == 2 and "--suivi" in again.stderr  # never overwritten
    again = _triage_command(download, tmp_path, *common)
    assert again.returncode == 1, again.stderr
    with closing(sqlite3.connect(db)) as connection:
        recorded = connection.execute(
            "SELECT platform_reference, count(*) FROM receptions GROUP BY application_id"
        ).fetchall()
    assert sorted(recorded) == [("20480123", 2), ("20480456", 1), ("20481002", 1)]


def _outcome(name: str, number: str | None) -> Outcome:
    """A verified dossier of the same association for the same intercommunalité."""
    summary = Summary(structure="Association Fab'Lab du Ternois", epci_siren="200069672")
    item = InboxItem(name, Path("/arrivees") / name, "folder", platform_reference=number)
    return Outcome(item=item, fingerprint=name, status="incomplete", summary=summary)


def test_two_platform_numbers_are_two_applications(tmp_path: Path) -> None:
    """An association may deposit two dossiers on the platform (two projects): each number
    is an application, in the inbox as in the register; one number sent again is one."""
    from dossierkit.call import load_call
    from dossierkit.triage.history import history_lines
    from dossierkit.triage.model import Row
    from dossierkit.triage.register import Register
    from dossierkit.triage.run import _application_numbers

    outcomes = [
        _outcome("dossier-20480123", "20480123"),
        _outcome("dossier-20480999", "20480999"),
        _outcome("dossier-20480123-bis", "20480123"),
    ]
    assert _application_numbers([Row(o) for o in outcomes]) == [1, 2, 1]
    # Without platform numbers, the same structure for the same EPCI is one application.
    plain = [_outcome("Fablab", None), _outcome("Fablab corrigé", None)]
    assert _application_numbers([Row(o) for o in plain]) == [1, 1]
    call = load_call()
    with Register(tmp_path / "registre.sqlite") as register:
        references = [register.record(o, call).reference for o in outcomes]
        entries = {e.reference: e.platform_reference for e in register.entries()}
        history = register.application("TLN-0001")
    assert history is not None
    shown = history_lines(history)
    assert shown[1].endswith(", dossier n°\u00a020480123 de la plateforme")
    assert references == ["TLN-0001", "TLN-0002", "TLN-0001"]
    assert entries == {"TLN-0001": "20480123", "TLN-0002": "20480999"}


def test_the_triage_command_says_what_is_not_an_export(download: Path, tmp_path: Path) -> None:
    from dossierkit.call import load_call
    from dossierkit.errors import UsageError
    from dossierkit.triage.commands import run_register, run_triage

    call = load_call()
    inbox = tmp_path / "arrivees"
    inbox.mkdir()
    (inbox / "Fablab").mkdir()

    def run(given: Path, **options: Any) -> None:
        run_triage(
            given,
            call,
            db=tmp_path / "registre.sqlite",
            outputs={},
            force=False,
            jobs=1,
            timeout=None,
            lang="fr",
            **options,
        )

    with pytest.raises(UsageError, match="n'est pas un export de Démarches Simplifiées"):
        run(inbox, source="demarches-simplifiees")
    with pytest.raises(UsageError, match="--source : « portail » est inconnue"):
        run(_zip(download), source="portail")
    with pytest.raises(UsageError, match="--suivi : le suivi par numéro de dossier"):
        run(inbox, answers_file=tmp_path / "suivi.csv")
    wrong = tmp_path / "portail.yaml"
    wrong.write_text("plateforme: portail\n", encoding="utf-8")
    with pytest.raises(UsageError, match=r"^--mapping : "):
        run(_zip(download), mapping_file=wrong)
    envoi = tmp_path / "envoi.zip"
    with zipfile.ZipFile(envoi, "w") as archive:
        archive.writestr("RIB.pdf", "%PDF-1.4")
    with pytest.raises(UsageError, match="ni un dossier ni l'export d'une plateforme"):
        run(envoi)
    assert not (tmp_path / "registre.sqlite").exists()  # refused before any work
    # The register is kept beside the export, whether the zip or its download folder is given.
    beside = re.escape(str(download.resolve() / "dossierkit-registre.sqlite"))
    for given in (download, _zip(download)):
        with pytest.raises(UsageError, match=f"aucun registre « {beside} »"):
            run_register(given, db=None, outputs={}, force=False, lang="fr")
