"""The place of a signature read as French writes it: « Fait au Quesnoy » is signed at Le
Quesnoy, « Fait aux Attaques » at Les Attaques, « Fait à L'Isle-Adam » at L'Isle-Adam.

The letters are the ones ``dossierkit init`` writes for a structure of that town, dated and
signed as an applicant does in Word (``init_filler.sign_and_date``), then read back.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dossierkit.call import load_call
from dossierkit.init import InitAnswers
from dossierkit.init.create import create_dossier
from dossierkit.pieces import attestation, courrier
from dossierkit.reading import read_document
from init_filler import sign_and_date

TOWNS = {
    "Le Quesnoy": "Fait au Quesnoy, le 12 octobre 2026",
    "Les Attaques": "Fait aux Attaques, le 12 octobre 2026",
    "L'Isle-Adam": "Fait à L'Isle-Adam, le 12 octobre 2026",
}


@pytest.mark.parametrize("town", TOWNS)
def test_the_place_of_signature_is_the_town_whatever_its_article(tmp_path: Path, town: str) -> None:
    answers = InitAnswers(
        kind="association",
        name="Association Les Ateliers du Numérique",
        intercommunalite="CC du Pays de Mormal",
        form="lieu",
        legal_name="Marie Dupont",
        legal_title="Présidente",
        contact="Thomas Caron",
        vat="ne_recupere_pas",
        town=town,
    )
    create_dossier(tmp_path, answers, load_call())
    for name, parse in (
        ("04 - Attestation régime TVA.docx", attestation.parse),
        ("01 - Courrier de demande.docx", courrier.parse),
    ):
        path = tmp_path / name
        sign_and_date(path)
        document = read_document(path, "docx")
        if name.startswith("04"):
            assert TOWNS[town] in document.text  # the letter says it as French does
        dated = parse(document, name).dated
        assert dated is not None and dated.place == town, (name, dated)


@pytest.mark.parametrize(
    ("line", "place"),
    [
        ("Fait au Quesnoy le 3 mars 2027", "Le Quesnoy"),
        ("Fait aux Attaques, le 03/03/2027", "Les Attaques"),
        ("Fait à L’Isle-Adam, le 3 mars 2027", "L’Isle-Adam"),
        ("Fait à Le Quesnoy, le 3 mars 2027", "Le Quesnoy"),
        ("Au Quesnoy, le 3 mars 2027", "Le Quesnoy"),
        ("Fait à La Capelle, le 3 mars 2027", "La Capelle"),
        ("Saint-Pol-sur-Ternoise, le 3 mars 2027", "Saint-Pol-sur-Ternoise"),
        ("Vu la délibération du conseil, le 3 mars 2027", None),
    ],
)
def test_the_place_before_the_date(tmp_path: Path, line: str, place: str | None) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Je vous prie d'agréer l'expression de ma haute considération.")
    document.add_paragraph(line)
    path = tmp_path / "attestation.docx"
    document.save(str(path))
    dated = attestation.parse(read_document(path, "docx"), path.name).dated
    assert dated is not None and dated.place == place
