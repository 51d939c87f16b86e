"""Who signs as the legal representative depends on the structure's kind.

A structure the intercommunalité designates is represented by whom the law of its form makes
its head: the directeur général of a SPL or a SEM (a société anonyme, C. com. L225-51-1,
L225-56), the gérant(e) of a SCOP or SCIC SARL (L223-18), the directeur of a GIP or of an
office de tourisme EPIC. Signing the letter with that title, they need no délégation. The
same title in an association proves nothing (its statuts say who represents it): the
délégation is still asked (P001). A deputy (« adjoint », « directeur général des services »)
signs by délégation whatever the kind.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pytest
from realistic.association import replace_text, ternois
from test_designated_structures import STRUCTURES, _fact, _report, make_dossier

from dossierkit import names
from dossierkit.fact import Fact
from dossierkit.facts import derive_facts
from dossierkit.pieces import ParsedPieces, attestation, courrier
from dossierkit.reading.model import Document, Page
from dossierkit.triage.platforms.export import Application, Declared
from dossierkit.triage.platforms.stage import manifest_data

SIGNER = "Jean-Luc Vasseur"
LETTERHEADS = {
    "spl": "Ternois Développement – Société publique locale",
    "sem": "SEM Ternois Aménagement",
    "cooperative": "Les Tisserands numériques (SCOP SARL)",
    "gip": "GIP Maison de l'emploi du Ternois",
    "etablissement_public": "Office de tourisme du Ternois – EPIC",
    "syndicat_mixte": "Syndicat mixte Ternois Numérique",
    "association": "Association Fab'Lab du Ternois",
}


def _document(lines: list[str]) -> Document:
    return Document(type="pdf", pages=(Page(1, "\n".join(lines), 595, 842),))


def _letter(kind: str, title: str) -> list[str]:
    """The request letter as the structure types it, signed « Le Directeur général, » and
    the name below."""
    return [
        LETTERHEADS[kind],
        "12 rue des Jardins, 62130 Saint-Pol-sur-Ternoise",
        "Monsieur le Président du Conseil régional des Hauts-de-France",
        "Saint-Pol-sur-Ternoise, le 12 octobre 2026",
        "Objet : demande de subvention - appel à projets Tiers-lieux du numérique",
        "Monsieur le Président,",
        "J'ai l'honneur de solliciter le soutien de la Région pour l'animation de notre "
        "tiers-lieu, désigné par la Communauté de communes du Ternois.",
        "Je vous prie d'agréer, Monsieur le Président, l'expression de ma haute considération.",
        f"{title},",
        SIGNER,
    ]


def _derived(kind: str, title: str, *, attestation_title: str | None = None) -> dict[str, object]:
    parsed = ParsedPieces(courrier=courrier.parse(_document(_letter(kind, title)), "Courrier.pdf"))
    if attestation_title is not None:
        lines = [
            LETTERHEADS[kind],
            "ATTESTATION RELATIVE AU RÉGIME DE TVA",
            f"Je soussigné, {SIGNER}, atteste que la structure ne récupère pas la TVA.",
            "Fait à Saint-Pol-sur-Ternoise, le 12 octobre 2026",
            f"{attestation_title},",
            SIGNER,
        ]
        parsed = dataclasses.replace(
            parsed, attestation_tva=attestation.parse(_document(lines), "Attestation TVA.pdf")
        )
    facts = [
        Fact("structure.kind", kind, "inferred", "Courrier.pdf", 1),
        Fact("signatory.name", SIGNER, "inferred", "Courrier.pdf", 1),
    ]
    return {f.name: f.value for f in derive_facts(facts, parsed)}


@pytest.mark.parametrize(
    ("kind", "title", "is_legal"),
    [
        ("spl", "Le Directeur général", True),
        ("spl", "La Directrice générale déléguée", True),
        ("sem", "Le Président-directeur général", True),
        ("sem", "La Directrice générale", True),
        ("cooperative", "La Gérante", True),
        ("cooperative", "Le Co-gérant", True),
        ("cooperative", "Le Directeur général", True),
        ("gip", "La Directrice", True),
        ("etablissement_public", "Le Directeur", True),
        ("syndicat_mixte", "Le Président", True),
        # Not the head of the structure: a délégation is asked.
        ("spl", "Le Directeur", False),
        ("spl", "Le Directeur général adjoint", False),
        ("gip", "Le Directeur adjoint", False),
        ("etablissement_public", "La Directrice générale des services", False),
        ("cooperative", "Le Gérant adjoint", False),
        ("syndicat_mixte", "Le Directeur", False),
        ("association", "Le Directeur général", False),
        ("association", "La Directrice", False),
        ("association", "La Gérante", False),
    ],
)
def test_the_head_of_a_structure_signs_as_its_legal_representative(
    kind: str, title: str, is_legal: bool
) -> None:
    assert _derived(kind, title)["signatory.is_legal_representative"] is is_legal


@pytest.mark.parametrize(("kind", "named"), [("spl", True), ("association", False)])
def test_the_attestation_signed_by_the_head_names_the_legal_representative(
    kind: str, named: bool
) -> None:
    """The attestation de TVA signed by a SPL's directeur général names its legal
    representative; an association's directeur names nobody."""
    derived = _derived(kind, "Le Directeur général", attestation_title="Le Directeur général")
    assert ("legal_representative.name" in derived) is named
    assert derived["signatory.is_legal_representative"] is named


def _delegation_asked(report: dict[str, Any]) -> bool:
    return any(
        f["code"] == "P001" and "Délégation de signature" in f["message"]
        for f in report["findings"]
    )


@pytest.mark.parametrize(("kind", "asked"), [("spl", False), ("association", True)])
def test_a_letter_signed_by_the_directeur_general(tmp_path: Path, kind: str, asked: bool) -> None:
    """The whole dossier of a SPL whose letter and attestation its directeur général signs,
    whose dossier technique names no « responsable légal »: no délégation asked, complete.
    Turned into an association (same pieces, same title), the délégation is asked (P001)."""
    s = dataclasses.replace(STRUCTURES["spl"], title="Directeur général")
    if kind == "association":
        s = dataclasses.replace(
            s,
            letterhead="Association Ternois Développement",
            name="Ternois Développement",
            kind="association",
            the="l'association Ternois Développement",
            of="de l'association",
        )
    folder = make_dossier(tmp_path / kind, s)
    technique = folder / "Dossier technique.docx"
    named = " Responsable légal : M. Jean-Luc Vasseur, Directeur général."
    assert named in "".join(p.text for p in docx.Document(str(technique)).paragraphs)
    replace_text(technique, named, "")
    report = _report(folder)
    assert _fact(report, "structure.kind") == kind
    assert _fact(report, "signatory.is_legal_representative") is not asked
    assert _delegation_asked(report) is asked, report["findings"]
    if not asked:
        assert report["status"] == "complete", report["findings"]


@pytest.mark.parametrize(
    ("holder", "structure", "same"),
    [
        ("SM BAIE DE SOMME", "Syndicat mixte Baie de Somme", True),
        ("SM TERNOIS NUMERIQUE", "Syndicat mixte Ternois Numérique", True),
        ("SM TERNOIS NUMERIQUE", "Syndicat mixte Baie de Somme", False),
    ],
)
def test_a_bank_writes_sm_for_syndicat_mixte(holder: str, structure: str, same: bool) -> None:
    """The RIB's holder « SM BAIE DE SOMME » is the syndicat mixte that applies."""
    assert names.same_structure(holder, structure) is same


@pytest.mark.parametrize("kind", ["syndicat_mixte", "spl", "sem", "gip", "cooperative"])
def test_a_platform_form_may_declare_a_designated_structure(kind: str) -> None:
    """The kind a platform's form declares reaches the dossier.yaml, as its « type »."""
    application = Application(
        platform="demarches-simplifiees",
        platform_name="Démarches Simplifiées",
        reference="12345",
        folder=Path("dossier-12345"),
        received_at=None,
        state=None,
        form=None,
        declared=Declared(structure_kind=kind),
        pieces=(),
        complements=(),
    )
    assert manifest_data(application, {})["structure"] == {"type": kind}


@pytest.mark.parametrize(
    ("kind", "name", "designated", "convention"),
    [
        (
            "spl",
            "Ternois Développement",
            "la société publique locale Ternois Développement",
            "la SPL",
        ),
        (
            "syndicat_mixte",
            "Syndicat mixte Ternois Numérique",
            "le Syndicat mixte Ternois",
            "le syndicat mixte",
        ),
        ("association", "Fab'Lab du Ternois", "l'association Fab'Lab du Ternois", "l'association"),
    ],
)
def test_the_designation_names_the_structure_by_its_kind(
    tmp_path: Path, kind: str, name: str, designated: str, convention: str
) -> None:
    """The samples' délibération designates « la société publique locale X », « le Syndicat
    mixte X » (its name says its form), « l'association X »."""
    import generate

    from dossierkit.reading import read_document

    a = dataclasses.replace(ternois(), kind=kind, short_name=name)
    path = generate.make_designation_pdf(
        tmp_path / "Délibération.pdf",
        a,
        epci="Communauté de communes du Ternois",
        president="Marc Delattre",
        when=date(2026, 9, 23),
    )
    text = " ".join(read_document(path, "pdf").text.split())
    assert f"— désigne {designated}" in text
    assert f"entre la communauté de communes et {convention}," in text
