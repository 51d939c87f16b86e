"""Classifying files into the call's pieces from their names and their content."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import TEXTS, write_docx, write_pdf
from dossierkit.call import load_call
from dossierkit.classify import classify, name_kind
from dossierkit.reading import read_document

CALL = load_call()


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("01 - Courrier de demande.pdf", "courrier"),
        ("Lettre demande subvention signée.pdf", "courrier"),
        ("02 - Budget prévisionnel 2027-2029.xlsx", "budget"),
        ("BUDGET_TL.ods", "budget"),
        ("Plan de financement.csv", "budget"),
        ("03 - Dossier technique v2 FINAL.docx", "dossier_technique"),
        ("dossier-technique.odt", "dossier_technique"),
        ("Attestation TVA.pdf", "attestation_tva"),
        ("attestation_non_assujettissement.pdf", "attestation_tva"),
        ("Régime fiscal.pdf", "attestation_tva"),
        ("RIB (2).pdf", "rib"),
        ("rib_asso.PDF", "rib"),
        ("IBAN association.jpg", "rib"),
        ("STATUTS signés 2019.pdf", "statuts"),
        ("Statut.pdf", "statuts"),
        ("Délégation de signature VP.pdf", "delegation"),
        ("Plan d'agencement.jpg", "plan_agencement"),
        ("Carte des lieux du réseau.png", "carte_lieux"),
        ("Délibération conseil communautaire.pdf", "deliberation"),
        ("Feuille de route numérique 2025.pdf", "feuille_de_route"),
        ("Rapport PEL préconisations.pdf", "rapport_pel"),
        ("RIB/scan0001.pdf", "rib"),
        ("scan0001.pdf", None),
        ("IMG_20261012_101500.jpg", None),
    ],
)
def test_names_in_any_case_accents_and_numbering(name: str, kind: str | None) -> None:
    assert name_kind(name, CALL) == kind


@pytest.mark.parametrize("kind", list(TEXTS))
def test_every_piece_is_recognised_by_content_alone(tmp_path: Path, kind: str) -> None:
    path = write_pdf(tmp_path / "document.pdf", TEXTS[kind])
    result = classify("document.pdf", read_document(path, "pdf"), CALL)
    assert result.kind == kind
    assert result.role == "piece"
    assert result.name_kind is None
    assert result.evidence, "the classification must say why"


@pytest.mark.parametrize("kind", list(TEXTS))
def test_every_piece_is_recognised_in_a_word_document(tmp_path: Path, kind: str) -> None:
    path = write_docx(tmp_path / "Document1.docx", [(line, 0) for line in TEXTS[kind]])
    assert classify("Document1.docx", read_document(path, "docx"), CALL).kind == kind


def test_content_wins_over_a_misleading_name(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "budget.pdf", TEXTS["courrier"] + TEXTS["courrier"])
    result = classify("budget.pdf", read_document(path, "pdf"), CALL)
    assert result.kind == "courrier"
    assert result.name_kind == "budget"


def test_name_and_content_agreeing_keep_evidence_of_both(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "RIB.pdf", TEXTS["rib"])
    result = classify("RIB.pdf", read_document(path, "pdf"), CALL)
    assert result.kind == "rib"
    assert result.evidence[0] == "nom du fichier : RIB.pdf"
    assert any("iban" in e for e in result.evidence)


def test_a_scan_is_classified_by_its_name(tmp_path: Path) -> None:
    assert classify("Statuts signés.pdf", None, CALL).kind == "statuts"


def test_unrelated_file_is_kept_as_other_annex(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "photo.pdf", ["Photo de l'inauguration de la médiathèque"])
    result = classify("photo.pdf", read_document(path, "pdf"), CALL)
    assert (result.kind, result.role) == ("autre", "unclassified")


def test_letter_listing_the_enclosed_pieces_stays_a_letter(tmp_path: Path) -> None:
    lines = [
        *TEXTS["courrier"][:-2],
        "Vous trouverez ci-joint le budget prévisionnel, le dossier technique, le RIB,",
        "l'attestation de TVA et les statuts de l'association.",
        *TEXTS["courrier"][-2:],
    ]
    path = write_pdf(tmp_path / "Document.pdf", lines)
    assert classify("Document.pdf", read_document(path, "pdf"), CALL).kind == "courrier"


def _technique_in_prose(tmp_path: Path) -> Path:
    """A Word dossier technique in prose under its own headings that speaks of money as a
    budget does ("dépenses", "recettes", "total", "TTC") but never uses the call's words."""
    from realistic.bundles import PROSE_TECHNIQUE

    paragraphs = [(text, 1 if style == "h" else 0) for style, text in PROSE_TECHNIQUE]
    return write_docx(tmp_path / "Présentation du projet.docx", paragraphs)


def test_prose_under_headings_is_a_technique_not_a_budget(tmp_path: Path) -> None:
    path = _technique_in_prose(tmp_path)
    document = read_document(path, "docx")
    found = classify(path.name, document, CALL)
    assert (found.kind, found.content_kind) == ("dossier_technique", "dossier_technique")
    assert found.evidence[-1].startswith("texte rédigé : 5 titres, ")


def test_a_budget_table_stays_a_budget_even_with_a_note_in_prose(tmp_path: Path) -> None:
    note = (
        "Le budget est présenté toutes taxes comprises car l'association ne récupère pas la TVA "
        "et chaque ligne de dépenses correspond à une action du plan décrit dans le dossier."
    )
    path = write_pdf(tmp_path / "scan0002.pdf", [*TEXTS["budget"], note])
    assert classify(path.name, read_document(path, "pdf"), CALL).kind == "budget"
