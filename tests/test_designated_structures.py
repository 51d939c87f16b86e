"""A structure that the intercommunalité designates carries the project: who it is, what it
must send.

The call lets the aid go to « l'intercommunalité ou une structure désignée par elle ». In
Hauts-de-France that structure is an association, but also a syndicat mixte or a PETR (the
pôle d'équilibre territorial et rural of a pays), a société publique locale, a coopérative
(SCIC), a SEM, a GIP, an office de tourisme. dossierkit knew only associations, EPCI and
communes: a syndicat mixte's dossier read « Structure : non identifiée », with S001 and P005
(« impossible de savoir si [les statuts sont exigés] »). Only an association is asked its
statuts (« des statuts du demandeur, dans le cas d'une association »); the evidence of the
designation is the EPCI's délibération, which the dossier technique's GOV-3 question asks
for (« comment s'établit la légitimation du porteur de projet vis-à-vis de celle-ci ? »):
without it, T013 warns (the call does not list it among the documents to send).

The dossiers are the samples' Fab'Lab du Ternois turned into each structure: the letter typed
in Word and exported to PDF, the attestation and the délibération printed by their software
(reportlab), the budget workbook, the dossier technique in Word, the RIB as the bank (or the
Trésor public) prints it.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from realistic.association import replace_text, ternois
from realistic.slides import write_plan_pdf

from dossierkit.cli import cli
from dossierkit.pieces.letterhead import identify

EPCI = "Communauté de communes du Ternois"
DESIGNATION = "Délibération CC Ternois désignation.pdf"


@dataclass(frozen=True)
class Structure:
    """A structure of one kind, as its letterhead prints it and as the report must name it."""

    letterhead: str  # the first line of its letterhead
    name: str  # the name dossierkit must read (without a legal form printed beside it)
    kind: str  # the fact structure.kind
    the: str  # the structure in a sentence, after « au nom de » / « désigne »
    of: str  # « du syndicat mixte », « de la SCIC »
    title: str  # its legal representative's title
    holder: str  # the RIB's holder (a bank's capitals)
    treasury: bool  # paid on an account of the Trésor public (a public body)


STRUCTURES = {
    "syndicat-mixte": Structure(
        "Syndicat mixte Ternois Numérique",
        "Syndicat mixte Ternois Numérique",
        "syndicat_mixte",
        "le Syndicat mixte Ternois Numérique",
        "du syndicat mixte",
        "Président",
        "SM TERNOIS NUMERIQUE",
        True,
    ),
    "petr": Structure(
        "Pôle d'équilibre territorial et rural Ternois Sept Vallées",
        "Pôle d'équilibre territorial et rural Ternois Sept Vallées",
        "syndicat_mixte",
        "le PETR Ternois Sept Vallées",
        "du PETR",
        "Président",
        "PETR TERNOIS SEPT VALLEES",
        True,
    ),
    "spl": Structure(
        "Ternois Développement – Société publique locale",
        "Ternois Développement",
        "spl",
        "la SPL Ternois Développement",
        "de la SPL",
        "Président-directeur général",
        "TERNOIS DEVELOPPEMENT",
        False,
    ),
    "scic": Structure(
        "La Fabrique coopérative du Ternois – SCIC SAS à capital variable",
        "La Fabrique coopérative du Ternois",
        "cooperative",
        "la SCIC La Fabrique coopérative du Ternois",
        "de la SCIC",
        "Président",
        "LA FABRIQUE COOPERATIVE DU TERNOIS",
        False,
    ),
}


def _applicant(s: Structure) -> Any:
    import generate

    a = ternois()
    rep = generate.Person("Jean-Luc Vasseur", s.title)
    if s.treasury:
        bank = generate.BankAccount(
            bank="Banque de France",
            domiciliation="BDF Arras",
            holder="SGC DE SAINT-POL-SUR-TERNOISE",
            holder_lines=("62130 SAINT-POL-SUR-TERNOISE",),
            bank_code="30001",
            branch_code="00641",
            account="C6260000000",
            bic="BDFEFRPPCCT",
            beside=s.holder,
        )
    else:
        bank = dataclasses.replace(a.bank, holder=s.holder, bank="Crédit Coopératif")
    return dataclasses.replace(
        a,
        structure=s.letterhead,
        short_name=s.name,
        kind=s.kind,
        legal_rep=rep,
        signatory=rep,
        bank=bank,
        siret="",
        rna="",
        contact=generate.Person("Thomas Caron", f"chef de projet {s.of}"),
        copil=(
            f"le président {s.of}, le vice-président chargé du numérique et la chargée de "
            "mission numérique de la CC du Ternois, la Région, la médiathèque intercommunale "
            "et deux usagers"
        ),
        legitimation=(
            f"Le conseil communautaire de la CC du Ternois a désigné {s.the} comme structure "
            "porteuse du tiers-lieu par délibération du 23 septembre 2026, jointe au dossier. "
            "Une convention d'objectifs 2027-2029 précise les engagements réciproques."
        ),
        animator=(
            "L'animation sera internalisée : un animateur à temps plein sera recruté en CDI "
            "par la structure porteuse dès janvier 2027."
        ),
        budget=dataclasses.replace(
            a.budget,
            note="Budget équilibré. Montants TTC : la structure ne récupère pas la TVA sur les "
            "dépenses du projet.",
        ),
    )


def _letter(folder: Path, a: Any, s: Structure) -> None:
    """The request letter typed in Word, as a structure designated by the EPCI words it."""
    import generate

    docx = generate.make_courrier_docx(folder / "courrier.docx", a)
    replace_text(
        docx,
        f"au nom de la {s.letterhead}, le soutien",
        f"au nom {'du ' + s.the[3:] if s.the.startswith('le ') else 'de ' + s.the}, structure "
        f"désignée par la {EPCI} pour porter le tiers-lieu du numérique de son territoire, "
        "le soutien",
    )
    replace_text(docx, "Le budget prévisionnel de la communauté", "Le budget prévisionnel")
    generate.office_to_pdf(docx, folder, use_libreoffice=False, name="Courrier de demande.pdf")
    docx.unlink()


def _signed_pdf(path: Path, head: list[str], title: str, body: list[str], signer: Any) -> Path:
    """A one-page act printed by a structure's software: its letterhead, a title, the text,
    « Fait à … », the signer's title, a signature image and the name."""
    import generate
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer

    styles = getSampleStyleSheet()
    story: list[Any] = [Paragraph(line, styles["Normal"]) for line in head]
    story += [Spacer(1, 24), Paragraph(title, styles["Title"])]
    story += [Paragraph(text, styles["BodyText"]) for text in body]
    signature = generate.make_signature_png(path.with_suffix(".png"), signer.name, seed=7)
    story += [
        Spacer(1, 12),
        Paragraph("Fait à Saint-Pol-sur-Ternoise, le 12 octobre 2026", styles["Normal"]),
        Paragraph(f"Le {signer.title},", styles["Normal"]),
        Image(str(signature), width=120, height=50),
        Paragraph(signer.name, styles["Normal"]),
    ]
    SimpleDocTemplate(str(path), pagesize=A4, title=title, author=signer.name).build(story)
    signature.unlink()
    return path


def _attestation(folder: Path, a: Any, s: Structure) -> None:
    _signed_pdf(
        folder / "Attestation TVA.pdf",
        [s.letterhead, *a.address],
        "ATTESTATION RELATIVE AU RÉGIME DE TVA",
        [
            f"Je soussigné, {a.legal_rep.name}, {a.legal_rep.title} {s.of}, atteste que "
            f"{s.the} ne récupère pas la TVA sur les dépenses du tiers-lieu « {a.project_name} » "
            ": son budget prévisionnel est présenté TTC."
        ],
        a.legal_rep,
    )


def _designation(folder: Path, a: Any, s: Structure) -> None:
    """The extract of the EPCI's register designating the structure, with the EPCI's heading."""
    import generate

    president = generate.Person("Jean-Claude Darque", "Président")
    _signed_pdf(
        folder / DESIGNATION,
        [EPCI, "Saint-Pol-sur-Ternoise"],
        "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL COMMUNAUTAIRE",
        [
            "Séance du 23 septembre 2026 — Délibération n° 2026-09-07",
            f"Objet : tiers-lieu du numérique « {a.project_name} » — désignation {s.of} comme "
            "structure porteuse",
            "Le conseil communautaire, après en avoir délibéré, à l'unanimité :",
            f"— désigne {s.the} comme structure porteuse du tiers-lieu « {a.project_name} » au "
            "titre de l'appel à projets « Tiers-lieux du numérique » de la Région "
            "Hauts-de-France ;",
            "— désigne M. Jean-Luc Vasseur, vice-président, élu référent, et Mme Camille "
            "Lefebvre, agent référent.",
            "Pour extrait certifié conforme,",
        ],
        president,
    )


def make_dossier(folder: Path, s: Structure, *, designation: bool = True) -> Path:
    """The complete dossier of structure ``s``, with (or without) the EPCI's délibération."""
    import generate

    a = _applicant(s)
    folder.mkdir(parents=True)
    _letter(folder, a, s)
    generate.make_budget_xlsx(folder / "Budget prévisionnel.xlsx", a)
    generate.make_dossier_technique_docx(folder / "Dossier technique.docx", a)
    _attestation(folder, a, s)
    generate.make_rib_pdf(
        folder / "RIB.pdf", a.bank.holder, a.bank.iban, a.bank.bic, a.bank.bank, account=a.bank
    )
    write_plan_pdf(folder / "Plan d'agencement.pdf", f"Plan d'agencement — {a.project_name}")
    if designation:
        _designation(folder, a, s)
    return folder


@pytest.fixture(scope="module")
def dossiers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("designated")
    return {name: make_dossier(base / name, s) for name, s in STRUCTURES.items()}


def _report(folder: Path) -> dict[str, Any]:
    """The JSON report of ``dossierkit verify``, as the instructor's tools read it."""
    result = CliRunner().invoke(cli, ["verify", str(folder), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    report: dict[str, Any] = json.loads(result.output)
    return report


def _codes(report: dict[str, Any], *severities: str) -> set[str]:
    return {f["code"] for f in report["findings"] if not severities or f["severity"] in severities}


def _fact(report: dict[str, Any], name: str) -> Any:
    return next((f["value"] for f in report["facts"] if f["name"] == name), None)


@pytest.mark.parametrize("name", STRUCTURES)
def test_the_designated_structure_is_identified_and_not_asked_statuts(
    dossiers: dict[str, Path], name: str
) -> None:
    s = STRUCTURES[name]
    report = _report(dossiers[name])
    assert (_fact(report, "structure.kind"), _fact(report, "structure.name")) == (s.kind, s.name)
    assert _fact(report, "intercommunalite.name") == "CC du Ternois"
    statuts = next(p for p in report["pieces"] if p["kind"] == "statuts")
    assert statuts["status"] == "not_required"
    # The délibération is the evidence of the designation: no T013.
    assert not _codes(report) & {"S001", "P005", "P001", "T013", "X001"}, report["findings"]


@pytest.mark.parametrize("name", STRUCTURES)
def test_the_complete_dossier_of_a_designated_structure_is_complete(
    dossiers: dict[str, Path], name: str
) -> None:
    """Complete, no warning; a public body's Trésor public account is accepted (R007), a
    company's account is in its own name."""
    report = _report(dossiers[name])
    assert report["status"] == "complete"
    assert not _codes(report, "error", "warning"), report["findings"]
    assert ("R007" in _codes(report, "info")) is STRUCTURES[name].treasury


@pytest.mark.parametrize("name", ["syndicat-mixte", "scic"])
def test_without_the_designation_the_finding_asks_for_it(
    dossiers: dict[str, Path], tmp_path: Path, name: str
) -> None:
    """The dossier technique says the délibération is joined, and no file is it: T013, a
    warning (the call asks how the carrier is legitimised, in the technique; it does not list
    the act among the documents to send). Nothing else changes: still no S001 nor P005."""
    folder = tmp_path / name
    shutil.copytree(dossiers[name], folder)
    (folder / DESIGNATION).unlink()
    report = _report(folder)
    t013 = [f for f in report["findings"] if f["code"] == "T013"]
    assert [(f["severity"], f["file"]) for f in t013] == [("warning", "Dossier technique.docx")]
    assert "aucun fichier du dossier n'est cette délibération" in t013[0]["message"]
    assert not _codes(report) & {"S001", "P005", "P001"}


def test_an_office_de_tourisme_that_does_not_say_its_form_is_named_but_its_kind_asked(
    tmp_path: Path,
) -> None:
    """An office de tourisme may be an EPIC, an SPL or an association: when no piece says
    which, the name is kept, S001 asks for the form, and whether the statuts are asked stays
    open (P005)."""
    s = dataclasses.replace(
        STRUCTURES["spl"],
        letterhead="Office de tourisme du Ternois",
        name="Office de tourisme du Ternois",
        the="l'Office de tourisme du Ternois",
        holder="OFFICE DE TOURISME DU TERNOIS",
        of="de l'office de tourisme",
    )
    report = _report(make_dossier(tmp_path / "ot", s))
    assert _fact(report, "structure.name") == "Office de tourisme du Ternois"
    assert _fact(report, "structure.kind") is None
    (s001,) = [f for f in report["findings"] if f["code"] == "S001"]
    assert s001["file"] == "Courrier de demande.pdf"
    assert "« Office de tourisme du Ternois », est nommée, mais pas sa forme" in s001["message"]
    assert "P005" in _codes(report, "warning")


@pytest.mark.parametrize(
    ("lines", "kind", "name"),
    [
        (["Syndicat mixte Baie de Somme – Grand Littoral Picard"], "syndicat_mixte", None),
        (["SM Baie de Somme", "1 place de l'Amiral Courbet"], "syndicat_mixte", None),
        (["PETR du Cœur des Hauts-de-France", "Albert"], "syndicat_mixte", None),
        (["Pays du Cambrésis", "rue de Nice"], "syndicat_mixte", None),
        (["Pôle métropolitain de l'Artois", "Lens"], "syndicat_mixte", None),
        (["Société publique locale", "XDEMAT", "12 rue Clément Ader"], "spl", "XDEMAT"),
        (["SEM Ville Renouvelée", "Lille"], "sem", None),
        (["Euralille – SAEM", "Lille"], "sem", "Euralille"),
        (["GIP Maison de l'emploi de l'Artois", "Lens"], "gip", None),
        (["Les Tisserands numériques (SCOP SARL)", "Roubaix"], "cooperative", None),
        (
            ["Office de tourisme de la Baie de Somme – EPIC", "Abbeville"],
            "etablissement_public",
            None,
        ),
        (["Office de tourisme du Ternois", "Association loi 1901"], "association", None),
        (["Mairie de Fruges", "Place du Marché"], "commune", None),
        # A communauté's letterhead stays the communauté's.
        (
            [
                "Communauté de communes du Ternois",
                "établissement public de coopération intercommunale",
            ],
            "intercommunalite",
            "CC du Ternois",
        ),
        (
            [
                "Communauté d'agglomération du Pays de Saint-Omer",
                "Pôle métropolitain de l'Audomarois",
            ],
            "intercommunalite",
            "CA du Pays de Saint-Omer",
        ),
        (
            ["Pays de Saint-Omer", "Communauté d'agglomération du Pays de Saint-Omer"],
            "intercommunalite",
            "CA du Pays de Saint-Omer",
        ),
    ],
)
def test_letterheads_of_designated_structures(
    lines: list[str], kind: str, name: str | None
) -> None:
    expected = {
        "Les Tisserands numériques (SCOP SARL)": "Les Tisserands numériques",
        "Office de tourisme de la Baie de Somme – EPIC": "Office de tourisme de la Baie de Somme",
        "Office de tourisme du Ternois": "Office de tourisme du Ternois",
    }
    sender = identify([(1, line) for line in lines])
    assert sender is not None
    assert (sender.kind, sender.name) == (kind, name or expected.get(lines[0], lines[0]))


def test_a_syndicat_mixte_asking_aid_a_fourth_year_keeps_only_that_error(
    dossiers: dict[str, Path], tmp_path: Path
) -> None:
    """The shape of the outside tester's « SM Baie de Somme »: a syndicat mixte designated by
    its EPCI whose budget asks the Région 10 000 € of animation aid in a fourth year. B006 is
    the error; the structure is identified, its statuts are not asked (no S001, no P005)."""
    from openpyxl import Workbook

    folder = tmp_path / "sm-4-ans"
    shutil.copytree(dossiers["syndicat-mixte"], folder)
    (folder / "Budget prévisionnel.xlsx").unlink()
    years = (2027, 2028, 2029, 2030)
    rows: list[tuple[str, tuple[int, ...]]] = [
        ("DÉPENSES", ()),
        ("Fonctionnement", ()),
        ("Salaire et charges de l'animateur (1 ETP, CDI)", (42000, 42000, 42000, 42000)),
        ("Prestations d'animation (intervenants, ateliers)", (18000, 18000, 18000, 18000)),
        ("Loyer et charges", (9600, 9600, 9600, 9600)),
        ("Investissement", ()),
        ("Équipement numérique (postes, imprimante 3D)", (24000, 0, 0, 0)),
        ("Total dépenses", (93600, 69600, 69600, 69600)),
        ("RECETTES", ()),
        ("Région Hauts-de-France — aide à l'animation", (45000, 30000, 15000, 10000)),
        ("Région Hauts-de-France — aide à l'équipement", (12000, 0, 0, 0)),
        ("Communauté de communes du Ternois — participation", (20000, 25000, 35000, 40000)),
        ("Autofinancement du syndicat mixte", (16600, 14600, 19600, 19600)),
        ("Total recettes", (93600, 69600, 69600, 69600)),
    ]
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Budget"
    sheet.append(["Budget prévisionnel 2027-2030 — montants TTC"])
    sheet.append(["Poste", *years, "Total"])
    for label, amounts in rows:
        sheet.append([label, *amounts, sum(amounts)] if amounts else [label])
    book.save(folder / "Budget prévisionnel 2027-2030.xlsx")
    report = _report(folder)
    # B008 too: the dossier technique still gives the three years' figures.
    assert "B006" in _codes(report, "error"), report["findings"]
    assert not _codes(report) & {"S001", "P005"}
    assert _fact(report, "structure.kind") == "syndicat_mixte"


@pytest.mark.parametrize(
    ("lines", "sender"),
    [
        (["Société publique locale", "XDEMAT", "12 rue Clément Ader"], "XDEMAT"),
        (["Xdemat – Société publique locale", "12 rue Clément Ader"], "Xdemat"),
        (["Syndicat mixte Baie de Somme – Grand Littoral Picard", "80142 Lanchères"], None),
    ],
)
def test_the_sender_line_is_the_name_not_the_legal_form(
    tmp_path: Path, lines: list[str], sender: str | None
) -> None:
    """The courrier's and the attestation's sender lines are compared with the applicant's
    name (X001): a line that gives only « Société publique locale » is not a name."""
    from conftest import TEXTS, write_pdf
    from dossierkit.pieces.letterhead import find_sender
    from dossierkit.reading import read_document

    path = write_pdf(tmp_path / "Courrier.pdf", [*lines, *TEXTS["courrier"][2:]])
    found = find_sender(read_document(path, "pdf"))
    assert found is not None and found.value == (sender or lines[0])
