"""A Démarches Simplifiées export of the call's dossiers, laid out as the platform lays it out.

Read in the platform's source (github.com/demarches-simplifiees/demarches-simplifiees.fr):
``ProcedureExportService`` names the download ``dossiers_<démarche>_<AAAA-MM-JJ_HH-MM>.zip``
and ``DownloadableFileService`` zips one folder ``export/``; ``ActiveStorage::DownloadableFile``
puts each dossier's files in ``dossier-<n°>/``, the form as ``export-<n°>-<JJ-MM-AAAA-HH-MM>-<id>.pdf``
(``export-<n°>.pdf`` with an instructor's export template), the pieces in
``pieces_justificatives/`` and the files sent through the messaging in ``messagerie/``, each
under its original name followed by ``-<JJ-MM-AAAA-HH-MM>-<id % 10000>``; the form PDF
(``dossiers/show.pdf.prawn``) prints « Dossier n° : », « Déposé le : 02 mars 26 14:31 »
(its ``long`` format, two-digit year), the applicant's identity, then each field with its
label above its value and a file field's files as « - nom ». The table
(``DossierExportConcern``): the CSV has the establishment's columns, the XLSX a sheet
« Dossiers » with « Entreprise raison sociale » only and a sheet « Etablissements » keyed by
« Dossier ID ». Dates: Ruby's ``Time#to_s`` in the CSV, date cells in the XLSX.

The export holds three dossiers: the Ternois association (its statuts sent later through the
messaging), the CC du Pays de Lumbres, and the Montreuillois association without its RIB.
"""

from __future__ import annotations

import csv
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import generate
import pytest

from triage_inbox import plain_dossier

PARIS = ZoneInfo("Europe/Paris")
DEMARCHE = "tiers-lieux-numerique-hdf"
EXPORTED_AT = datetime(2026, 3, 20, 9, 5, tzinfo=PARIS)
# The form's file fields, in the démarche's order: (label, piece file of plain_dossier).
FILE_FIELDS = (
    ("Courrier de demande signé", "Courrier de demande.pdf"),
    ("Budget prévisionnel", "Budget prévisionnel.xlsx"),
    ("Dossier technique", "Dossier technique.docx"),
    ("Attestation du régime de TVA", "Attestation TVA.pdf"),
    ("Relevé d'identité bancaire (RIB)", "RIB.pdf"),
    ("Statuts de l'association", "Statuts.pdf"),
    ("Délégation de signature", "Délégation de signature.pdf"),
)
CSV_IDENTITY = (
    "Établissement SIRET",
    "Établissement siège social",
    "Établissement NAF",
    "Établissement libellé NAF",
    "Établissement Adresse",
    "Établissement numero voie",
    "Établissement type voie",
    "Établissement nom voie",
    "Établissement complément adresse",
    "Établissement code postal",
    "Établissement localité",
    "Établissement code INSEE localité",
    "Entreprise SIREN",
    "Entreprise capital social",
    "Entreprise numero TVA intracommunautaire",
    "Entreprise forme juridique",
    "Entreprise forme juridique code",
    "Entreprise nom commercial",
    "Entreprise raison sociale",
    "Entreprise SIRET siège social",
    "Entreprise code effectif entreprise",
    "Entreprise date de création",
    "Entreprise état administratif",
    "Entreprise nom",
    "Entreprise prénom",
    "Association RNA",
    "Association titre",
    "Association objet",
    "Association date de création",
    "Association date de déclaration",
    "Association date de publication",
)
STATE_COLUMNS = (
    "À archiver",
    "État du dossier",
    "Dernière mise à jour le",
    "Dernière mise à jour du dossier le",
    "Déposé le",
    "Passé en instruction le",
    "Traité le",
    "Motivation de la décision",
    "Instructeurs",
)
FORM_FIELDS = (
    "Nom de la structure",
    "Type de structure",
    "Intercommunalité",
    "Intercommunalité (Code)",
    "Intercommunalité (Département)",
    "Forme du projet",
    "Montant total de l'aide demandée (€)",
    "IBAN du compte à créditer",
)
KIND_LABEL = {"association": "Association", "intercommunalite": "Intercommunalité (EPCI)"}
FORM_LABEL = {"lieu": "Un tiers-lieu", "reseau": "Un réseau de tiers-lieux"}
EPCI_CODE = {
    "Communauté de communes du Ternois": "246201024",
    "Communauté de communes du Pays de Lumbres": "246200943",
    "Communauté d'agglomération des Deux Baies en Montreuillois": "200069037",
}


@dataclass(frozen=True)
class PlatformDossier:
    """One dossier as the platform knows it."""

    number: int
    applicant: generate.Applicant
    siret: str  # digits
    deposited: datetime  # Paris time
    left_out: tuple[str, ...] = ()  # piece files not attached at the deposit
    # (file of plain_dossier, when it was sent through the messaging)
    messages: tuple[tuple[str, datetime], ...] = ()
    state: str = "En construction"
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def amount(self) -> Decimal:
        """The aid asked for, as the applicant types it in the form."""
        budget = self.applicant.budget
        return sum(budget.animation_aid, Decimal(0)) + budget.equipment_aid


def luhn_siret(prefix: str) -> str:
    """``prefix`` (13 digits) completed by the Luhn digit SIRET numbers carry."""
    for last in "0123456789":
        number = prefix + last
        total = sum(
            sum(divmod(int(d) * (2 if i % 2 else 1), 10)) for i, d in enumerate(reversed(number))
        )
        if total % 10 == 0:
            return number
    raise AssertionError("unreachable")


def dossiers() -> tuple[PlatformDossier, ...]:
    """The three dossiers of the export (see the module's docstring)."""
    ternois = generate.applicant_ternois()
    lumbres = generate.applicant_lumbres()
    montreuil = generate.applicant_montreuillois()
    return (
        PlatformDossier(
            20480123,
            ternois,
            "85321477000018",
            datetime(2026, 3, 2, 14, 31, 7, tzinfo=PARIS),
            left_out=("Statuts.pdf",),
            messages=(("Statuts.pdf", datetime(2026, 3, 10, 11, 2, tzinfo=PARIS)),),
        ),
        PlatformDossier(
            20480456,
            lumbres,
            luhn_siret("2462009430001"),
            datetime(2026, 3, 4, 9, 12, 40, tzinfo=PARIS),
            state="En instruction",
        ),
        PlatformDossier(
            20481002,
            montreuil,
            luhn_siret("8874512300001"),
            datetime(2026, 3, 5, 17, 45, 2, tzinfo=PARIS),
            left_out=("RIB.pdf",),
        ),
    )


def suffixed(name: str, moment: datetime, attachment_id: int) -> str:
    """``name`` as the platform stores it: ``<stem>-<JJ-MM-AAAA-HH-MM>-<id % 10000><ext>``."""
    path = Path(name)
    return f"{path.stem}-{moment:%d-%m-%Y-%H-%M}-{attachment_id % 10000}{path.suffix}"


def ruby_time(moment: datetime) -> str:
    """A time as the CSV writes it (Ruby's ``Time#to_s``): ``2026-03-02 14:31:07 +0100``."""
    return moment.strftime("%Y-%m-%d %H:%M:%S %z")


def _ds_long(moment: datetime) -> str:
    """The form PDF's ``long`` format: ``02 mars 26 14:31``."""
    months = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août")
    months += ("septembre", "octobre", "novembre", "décembre")
    return f"{moment:%d} {months[moment.month - 1]} {moment:%y %H:%M}"


def _attached(d: PlatformDossier) -> list[tuple[str, str]]:
    """(field, file) of each piece attached at the deposit: statuts for an association, a
    délégation where someone else than the legal representative signs."""
    a = d.applicant
    needed = {
        "Statuts.pdf": a.is_association,
        "Délégation de signature.pdf": a.signatory != a.legal_rep,
    }
    return [
        (label, name)
        for label, name in FILE_FIELDS
        if name not in d.left_out and needed.get(name, True)
    ]


def form_values(d: PlatformDossier) -> dict[str, str]:
    """The form's typed fields of ``d``, by label, as the export writes them."""
    a = d.applicant
    return {
        "Nom de la structure": a.structure,
        "Type de structure": KIND_LABEL[a.kind],
        "Intercommunalité": a.epci,
        "Intercommunalité (Code)": EPCI_CODE[a.epci],
        "Intercommunalité (Département)": "62 – Pas-de-Calais",
        "Forme du projet": FORM_LABEL[a.project_form],
        "Montant total de l'aide demandée (€)": str(float(d.amount)),
        "IBAN du compte à créditer": generate.group4(a.bank.iban),
        **d.extra,
    }


def make_form_pdf(path: Path, d: PlatformDossier) -> Path:
    """``export-<n°>.pdf``: the form as the platform prints it (reportlab, A4, one column of
    « label : value » for the dossier, labels above values for the form's fields)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    regular, bold = generate.rl_fonts()
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setTitle(f"Dossier n° {d.number}")
    _, height = A4
    y = height - 60

    def room(lines: int) -> None:
        nonlocal y
        if y - 16 * lines < 50:
            pdf.showPage()
            y = height - 60

    def two_columns(label: str, value: str) -> None:
        nonlocal y
        room(1)
        pdf.setFont(regular, 10)
        pdf.drawString(40, y, label)
        pdf.drawString(190, y, ":")
        pdf.drawString(200, y, value)
        y -= 16

    def two_lines(label: str, values: list[str]) -> None:
        nonlocal y
        room(1 + len(values))
        pdf.setFont(bold, 11)
        pdf.drawString(40, y, label)
        y -= 15
        pdf.setFont(regular, 10)
        for value in values:
            pdf.drawString(40, y, value)
            y -= 14
        y -= 6

    def title(text: str) -> None:
        nonlocal y
        room(2)
        y -= 8
        pdf.setFont(bold, 14)
        pdf.drawString(40, y, text)
        y -= 22

    a = d.applicant
    two_columns("Dossier n°", str(d.number))
    two_columns("Démarche", "Appel à projets « Tiers-lieux du numérique »")
    two_columns("Organisme", "Région Hauts-de-France")
    pdf.setFont(regular, 10)
    pdf.drawString(40, y, f"Ce dossier est {d.state.lower()}.")
    y -= 16
    title("Historique")
    two_columns("Déposé le", _ds_long(d.deposited))
    title("Identité du demandeur")
    two_columns("Email", a.email)
    two_columns("SIRET", " ".join((d.siret[:3], d.siret[3:6], d.siret[6:9], d.siret[9:])))
    two_columns("Dénomination", a.structure.upper())
    if a.rna:
        two_columns("Numéro RNA", a.rna)
    title("Formulaire")
    for label, value in form_values(d).items():
        two_lines(label, [value])
    for label, _ in FILE_FIELDS:
        attached = [n for lab, n in _attached(d) if lab == label]
        two_lines(label, [f"- {n}" for n in attached])
    pdf.save()
    return path


def _identity(d: PlatformDossier) -> dict[str, str]:
    a = d.applicant
    postcode, _, town = a.address[-1].partition(" ")
    association = a.kind == "association"
    return {
        "Établissement SIRET": d.siret,
        "Établissement siège social": "true",
        "Établissement NAF": "9499Z" if association else "8411Z",
        "Établissement libellé NAF": "Autres organisations fonctionnant par adhésion volontaire"
        if association
        else "Administration publique générale",
        "Établissement Adresse": "\n".join((a.structure.upper(), *a.address)),
        "Établissement code postal": postcode,
        "Établissement localité": town.upper(),
        "Entreprise SIREN": d.siret[:9],
        "Entreprise forme juridique": "Association déclarée"
        if association
        else "Communauté de communes",
        "Entreprise forme juridique code": "9220" if association else "7346",
        "Entreprise raison sociale": a.structure.upper(),
        "Entreprise SIRET siège social": d.siret,
        "Entreprise état administratif": "Actif",
        "Association RNA": a.rna,
        "Association titre": a.structure.upper() if association else "",
    }


def _states(d: PlatformDossier) -> dict[str, object]:
    instruction = d.deposited + timedelta(days=3) if d.state == "En instruction" else None
    return {
        "À archiver": "false",
        "État du dossier": d.state,
        "Dernière mise à jour le": max([d.deposited, *(m for _, m in d.messages)]),
        "Dernière mise à jour du dossier le": d.deposited,
        "Déposé le": d.deposited,
        "Passé en instruction le": instruction,
        "Traité le": None,
        "Motivation de la décision": None,
        "Instructeurs": "instruction.numerique@hautsdefrance.fr",
    }


def _files_column(d: PlatformDossier) -> dict[str, str]:
    return {
        label: ", ".join(n for lab, n in _attached(d) if lab == label) for label, _ in FILE_FIELDS
    }


def make_csv(path: Path, export: tuple[PlatformDossier, ...]) -> Path:
    """The CSV export: UTF-8, commas (Ruby's CSV), the establishment's columns."""
    header = ["ID", "Email", "FranceConnect ?", *CSV_IDENTITY, *STATE_COLUMNS, *FORM_FIELDS]
    header += [label for label, _ in FILE_FIELDS]
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        for d in export:
            values: dict[str, object] = {"ID": str(d.number), "Email": d.applicant.email}
            values |= {"FranceConnect ?": "false", **_identity(d), **_states(d)}
            values |= {**form_values(d), **_files_column(d)}
            writer.writerow(
                ruby_time(v) if isinstance(v, datetime) else "" if v is None else v
                for v in (values.get(h) for h in header)
            )
    return path


def make_xlsx(path: Path, export: tuple[PlatformDossier, ...]) -> Path:
    """The XLSX export: « Dossiers » (dates as date cells, local time), « Etablissements »
    keyed by « Dossier ID », « Avis »."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Dossiers"
    header = ["ID", "Email", "FranceConnect ?", "Entreprise raison sociale", *STATE_COLUMNS]
    header += [*FORM_FIELDS, *(label for label, _ in FILE_FIELDS)]
    sheet.append(header)
    for d in export:
        values: dict[str, object] = {"ID": str(d.number), "Email": d.applicant.email}
        values |= {"FranceConnect ?": False, **_states(d), **_files_column(d)}
        values["Entreprise raison sociale"] = d.applicant.structure.upper()
        values |= form_values(d)
        values["Montant total de l'aide demandée (€)"] = float(d.amount)
        sheet.append(
            [
                v.replace(tzinfo=None) if isinstance(v, datetime) else v
                for v in (values.get(h) for h in header)
            ]
        )
    establishments = book.create_sheet("Etablissements")
    columns = ["Dossier ID", "Champ", *CSV_IDENTITY[:1], "Etablissement enseigne"]
    columns += list(CSV_IDENTITY[1:])
    establishments.append(columns)
    for d in export:
        row = {"Dossier ID": str(d.number), "Champ": "", **_identity(d)}
        establishments.append([row.get(c) for c in columns])
    book.create_sheet("Avis").append(["Dossier ID", "Introduction", "Réponse"])
    book.save(path)
    return path


def write_export(
    out: Path, *, template: bool = False, extra_entries: bool = True
) -> tuple[Path, Path, Path]:
    """Write the export in the new folder ``out`` as an instructor downloads it: the zip
    ``dossiers_<démarche>_<date>.zip``, the CSV and the XLSX beside it. ``template`` names
    the form ``export-<n°>.pdf`` (an instructor's export template) instead of suffixing it."""
    out.mkdir(parents=True)
    export = dossiers()
    stamp = f"dossiers_{DEMARCHE}_{EXPORTED_AT:%Y-%m-%d_%H-%M}"
    with tempfile.TemporaryDirectory(prefix="dossierkit-ds-") as tmp:
        work = Path(tmp)
        root = work / "export"
        for d in export:
            pieces = plain_dossier(d.applicant, work / f"pieces-{d.number}")
            if d.applicant.signatory != d.applicant.legal_rep:
                generate.make_delegation_pdf(pieces / "Délégation de signature.pdf", d.applicant)
            folder = root / f"dossier-{d.number}"
            (folder / "pieces_justificatives").mkdir(parents=True)
            for i, (_, name) in enumerate(_attached(d)):
                uploaded = d.deposited - timedelta(minutes=20 - 2 * i)
                target = suffixed(name, uploaded, d.number // 7 + 17 * i)
                shutil.copyfile(pieces / name, folder / "pieces_justificatives" / target)
            for i, (name, sent) in enumerate(d.messages):
                (folder / "messagerie").mkdir(exist_ok=True)
                target = suffixed(name, sent, d.number // 3 + i)
                shutil.copyfile(pieces / name, folder / "messagerie" / target)
            form = (
                f"export-{d.number}.pdf"
                if template
                else suffixed(f"export-{d.number}.pdf", EXPORTED_AT, d.number)
            )
            make_form_pdf(folder / form, d)
            if extra_entries:
                # The platform's own files: a timestamp of the operations, not the applicant's.
                (folder / "horodatage").mkdir()
                (folder / "horodatage" / f"operation-{d.number:x}.json").write_text(
                    '{"operation": "depot"}', encoding="utf-8"
                )
        archive = out / f"{stamp}.zip"
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as z:  # ``zip -0 -r``
            z.write(root, "export/")
            for path in sorted(root.rglob("*")):
                z.write(path, path.relative_to(work).as_posix() + ("/" if path.is_dir() else ""))
    return archive, make_csv(out / f"{stamp}.csv", export), make_xlsx(out / f"{stamp}.xlsx", export)


def session_download(factory: pytest.TempPathFactory) -> Path:
    """The folder an instructor downloaded the export to (the zip, the CSV, the XLSX),
    written once per session whichever test module asks first."""
    folder = factory.getbasetemp() / "ds-download"
    if not folder.exists():
        write_export(folder)
    return folder


def session_unpacked(factory: pytest.TempPathFactory) -> Path:
    """The session's zip unpacked as the instructor's system does: a folder ``export/``,
    shared (tests copy it before changing it)."""
    target = factory.getbasetemp() / "ds-unpacked"
    if not target.exists():
        with zipfile.ZipFile(next(session_download(factory).glob("*.zip"))) as archive:
            archive.extractall(target)
    return target / "export"
