"""« & » and « et » in an intercommunalité's name (outside tester 5, « Asso Les Petits
Débrouillards du Calaisis », issue 13).

INSEE writes « CA Grand Calais Terres et Mers »; the agglomération, its délibérations and the
associations it designates write « Grand Calais Terres & Mers ». Folding a text drops the
« & », so « communauté d'agglomération Grand Calais Terres & Mers » matched no name of the
reference file and S002 said « Aucune intercommunalité des Hauts-de-France n'a été trouvée ».
In a name, « & » and « et » are one word.

The files are made as the association makes them: its dossier technique in Word
(python-docx), the agglomération's délibération as its software prints it (reportlab).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import write_letter_pdf
from dossierkit import epci
from dossierkit.pieces.letterhead import letterhead_sender
from dossierkit.reading import read_document
from dossierkit.text import fold
from dossierkit.verify import Verification, verify

CALAIS = "CA Grand Calais Terres et Mers"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("la communauté d'agglomération Grand Calais Terres & Mers a désigné", CALAIS),
        ("COMMUNAUTÉ D'AGGLOMÉRATION GRAND CALAIS TERRES&MERS", CALAIS),
        ("l'agglomération Grand Calais Terres et Mers", CALAIS),
        ("Communauté de communes Thiérache Sambre & Oise", "CC Thiérache Sambre et Oise"),
        ("la CC des Pays d'Oise & d'Halatte", "CC des Pays d'Oise et d'Halatte"),
    ],
)
def test_ampersand_and_et_name_the_same_epci(text: str, name: str) -> None:
    assert [e.name for e, _ in epci.find_in_text(fold(text))] == [name]


@pytest.mark.parametrize(
    "text",
    [
        # Near misses: « & » stands for « et » only; it does not make the rest of a name optional.
        "la communauté d'agglomération Grand Calais Terres & Océan",
        "la communauté d'agglomération Grand Calais & Mers",
        "Grand Calais Terres & Mers",  # the name without the kind is no mention (as before)
    ],
)
def test_ampersand_does_not_make_another_name(text: str) -> None:
    assert epci.find_in_text(fold(text)) == []


def test_lookup_reads_the_ampersand() -> None:
    found = epci.lookup("Communauté d'agglomération Grand Calais Terres & Mers")
    assert found is not None and found.siren == "200090751"


def deliberation(path: Path) -> Path:
    return write_letter_pdf(
        path,
        [
            "COMMUNAUTÉ D'AGGLOMÉRATION GRAND CALAIS TERRES & MERS",
            "76 boulevard Gambetta – 62100 Calais",
            "",
            "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL COMMUNAUTAIRE",
            "Séance du 1er octobre 2026",
            "Objet : tiers-lieu numérique – désignation de la structure de portage",
            "Le conseil communautaire, après en avoir délibéré, DÉCIDE de désigner l'association",
            "Les Petits Débrouillards du Calaisis comme structure de portage du tiers-lieu",
            "numérique du Beau-Marais.",
            "Fait à Calais, le 2 octobre 2026",
            "Le Président,",
        ],
    )


def technique(path: Path, epci_name: str) -> Path:
    from docx import Document

    doc = Document()
    doc.add_heading("Dossier technique – Le Labo du Beau-Marais", level=1)
    doc.add_heading("1. Portage du projet", level=2)
    doc.add_paragraph(
        "L'association Les Petits Débrouillards du Calaisis porte le tiers-lieu à la demande "
        f"de la communauté d'agglomération {epci_name}, qui l'a désignée par délibération du "
        "1er octobre 2026 (extrait joint)."
    )
    doc.add_heading("2. Territoire", level=2)
    doc.add_paragraph(f"L'ensemble du territoire de la communauté d'agglomération {epci_name}.")
    doc.save(str(path))
    return path


def test_the_deliberation_s_letterhead_names_the_epci(tmp_path: Path) -> None:
    sender = letterhead_sender(read_document(deliberation(tmp_path / "d.pdf"), "pdf"))
    assert sender is not None and (sender.kind, sender.name) == ("intercommunalite", CALAIS)


@pytest.fixture(scope="module")
def verified(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Verification]:
    results = {}
    for name, written in (("ampersand", "Grand Calais Terres & Mers"), ("other", "du Calaisis")):
        folder = tmp_path_factory.mktemp(name)
        technique(folder / "Dossier technique.docx", written)
        if name == "ampersand":
            deliberation(folder / "Délibération Grand Calais.pdf")
        results[name] = verify(folder, read_workers=0)
    return results


def test_a_dossier_naming_its_epci_with_ampersand_has_its_intercommunalite(
    verified: dict[str, Verification],
) -> None:
    result = verified["ampersand"]
    assert result.dossier.fact("intercommunalite.name") == CALAIS
    assert result.dossier.fact("intercommunalite.siren") == "200090751"
    assert "S002" not in {f.code for f in result.findings}


def test_a_dossier_naming_no_epci_still_gets_s002(verified: dict[str, Verification]) -> None:
    """Near miss: « la communauté d'agglomération du Calaisis » is no EPCI of the region."""
    result = verified["other"]
    assert result.dossier.fact("intercommunalite.name") is None
    assert "S002" in {f.code for f in result.findings}
