"""The head of a société anonyme signs with its title as the company writes it.

A SPL or a SEM is a société anonyme (CGCT L1531-1, L1522-1): its président-directeur général
or its directeur général represents it (C. com. L225-51-1), a directeur général délégué too
(L225-56). Their letters are signed « Le Président-Directeur Général, Jean Dupont », or with
the abbreviation everyone uses, « Le PDG », « Le P.-D.G. », « La DG ». The signature block's
title and name are read from each, the abbreviation spelt out; a SPL's letter signed so names
its legal representative, where a « DGS » (directeur général des services) still signs by
délégation.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import write_docx, write_letter_pdf
from dossierkit.fact import Fact
from dossierkit.facts import derive_facts
from dossierkit.pieces import ParsedPieces, courrier
from dossierkit.reading import read_document

SIGNER = "Jean Dupont"
_HEAD = [
    "Ternois Développement – Société publique locale",
    "12 rue des Jardins, 62130 Saint-Pol-sur-Ternoise",
    "Monsieur le Président du Conseil régional des Hauts-de-France",
    "Saint-Pol-sur-Ternoise, le 12 octobre 2026",
    "Objet : demande de subvention – appel à projets « Tiers-lieux du numérique »",
    "Monsieur le Président,",
    "J'ai l'honneur de solliciter le soutien de la Région pour l'animation de notre tiers-lieu.",
    "Je vous prie d'agréer, Monsieur le Président, l'expression de ma haute considération.",
]


def _letter(tmp_path: Path, block: list[str], made_by: str) -> courrier.CourrierFacts:
    path = tmp_path / f"Courrier.{made_by}"
    if made_by == "pdf":
        write_letter_pdf(path, [*_HEAD, *block])
    else:
        write_docx(path, [(line, 0) for line in [*_HEAD, *block]])
    return courrier.parse(read_document(path, made_by), path.name)


@pytest.mark.parametrize("made_by", ["pdf", "docx"])
@pytest.mark.parametrize(
    ("block", "title"),
    [
        (["Le Président-Directeur Général, Jean Dupont"], "Le Président-Directeur Général"),
        (["Le PDG,", SIGNER], "Le Président-directeur général"),
        (["Le P.-D.G.,", SIGNER], "Le Président-directeur général"),
        ([f"{SIGNER}, PDG"], "Président-directeur général"),
        (["La PDG,", "Jeanne Dupont"], "La Présidente-directrice générale"),
        (
            ["Le DG de Ternois Développement,", SIGNER],
            "Le Directeur général de Ternois Développement",
        ),
        (["Le Directeur général délégué,", SIGNER], "Le Directeur général délégué"),
        (["La Directrice générale,", "Jeanne Dupont"], "La Directrice générale"),
        (["Le DGS,", SIGNER], "Le Directeur général des services"),
    ],
)
def test_the_title_and_the_name_are_read(
    tmp_path: Path, block: list[str], title: str, made_by: str
) -> None:
    signatory = _letter(tmp_path, block, made_by).signatory
    assert signatory.title is not None and signatory.title.value == title
    assert signatory.name is not None and signatory.name.value in (SIGNER, "Jeanne Dupont")


@pytest.mark.parametrize(
    ("block", "is_legal"),
    [
        (["Le PDG,", SIGNER], True),
        (["Le Président-Directeur Général, Jean Dupont"], True),
        (["Le DG,", SIGNER], True),
        (["Le DGD,", SIGNER], True),
        # Not the head of the company: the délégation is asked.
        (["Le DGS,", SIGNER], False),
        (["Le DGA,", SIGNER], False),
    ],
)
def test_a_spl_head_signs_as_its_legal_representative(
    tmp_path: Path, block: list[str], is_legal: bool
) -> None:
    parsed = ParsedPieces(courrier=_letter(tmp_path, block, "pdf"))
    facts = [
        Fact("structure.kind", "spl", "inferred", "Courrier.pdf", 1),
        Fact("signatory.name", SIGNER, "inferred", "Courrier.pdf", 1),
    ]
    derived = {f.name: f.value for f in derive_facts(facts, parsed)}
    assert derived["signatory.is_legal_representative"] is is_legal
