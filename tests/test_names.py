"""Name similarity: the pairs that fixed ``names.NEAR``.

Near pairs are what OCR makes of a name on a scan or a phone photo (a split word, a letter
mistaken, an accent lost) and what applicants write differently; far pairs are other
associations and other persons that share part of a name. Each pair's measured similarity
is written beside it, so that a change of the measure shows where it moves.
"""

from __future__ import annotations

import pytest

from dossierkit.names import (
    NEAR,
    near_person,
    near_structure,
    person_similarity,
    same_structure,
    structure_similarity,
)

# (read on a piece, the applicant's name, measured similarity)
NEAR_STRUCTURES = [
    ("ASSOCIATION DE NTELLE NUMERIQUE", "Dentelle Numérique", 1.0),
    ("ASSOCIATION DENTELLE NUMERIOUE", "Association Dentelle Numérique", 0.941),
    ("FAB LAB DU TERN0IS", "Fab'Lab du Ternois", 0.933),
    ("ASSOCIATI0N FAB LAB DU TERNOIS", "Fab'Lab du Ternois", 1.0),
    ("ASSOCIATION DENTELLE NUMERIQUE", "Dentelle Numériques", 0.971),
    ("NUMERIQUE DENTELLE", "Dentelle Numérique", 1.0),
    # The banks' abbreviations, spelt out before measuring.
    ("ASS LES ATELIERS DU CLERMONTOI", "Association Les Ateliers du Clermontois", 0.979),
    ("COMM COMMUNES DU TERNOIS", "CC du Ternois", 1.0),
]
FAR_STRUCTURES = [
    ("ASSOCIATION TERNOIS NUMERIQUE", "Fab'Lab du Ternois", 0.516),
    ("Les Amis du Numérique", "Dentelle Numérique", 0.686),
    ("Fab Lab du Ternois", "Fab Lab du Boulonnais", 0.667),
    ("Fab Lab de Lens", "Fab Lab de Liévin", 0.846),
    ("Dentelle Numérique Lille", "Dentelle Numérique", 0.872),
    ("Office de tourisme de la CA du Boulonnais", "CA du Boulonnais", 0.783),
    # « CC » and « CA » spelt out: one letter apart as written, two kinds of EPCI.
    ("CC du Boulonnais", "CA du Boulonnais", 0.765),
]
NEAR_PERSONS = [
    ("Marie Durana", "Marie Durand", 0.909),
    ("arie Durand", "Marie Durand", 0.952),
    ("DURAND Marie", "Mme Marie Durand", 1.0),
    ("Marié Durand", "Marie Durand", 1.0),
]
FAR_PERSONS = [
    ("Te IN", "Marie Durand", 0.267),
    ("Marie Dupont", "Marie Durand", 0.727),
    ("Paul Leroux", "Paul Leroy", 0.842),
    ("Olivier Dufour", "Francis Bertin", 0.231),
]


@pytest.mark.parametrize(("read", "name", "measured"), NEAR_STRUCTURES + FAR_STRUCTURES)
def test_structure_similarity_is_as_measured(read: str, name: str, measured: float) -> None:
    assert structure_similarity(read, name) == pytest.approx(measured, abs=0.001)
    assert near_structure(read, name) is (measured >= NEAR)


@pytest.mark.parametrize(("read", "name", "measured"), NEAR_PERSONS + FAR_PERSONS)
def test_person_similarity_is_as_measured(read: str, name: str, measured: float) -> None:
    assert person_similarity(read, name) == pytest.approx(measured, abs=0.001)
    assert near_person(read, name) is (measured >= NEAR)


def test_the_threshold_parts_every_near_pair_from_every_far_one() -> None:
    near = [m for _, _, m in NEAR_STRUCTURES + NEAR_PERSONS]
    far = [m for _, _, m in FAR_STRUCTURES + FAR_PERSONS]
    assert max(far) < NEAR <= min(near)


def test_empty_or_blank_names_are_never_near() -> None:
    assert structure_similarity("", "Dentelle Numérique") == 0.0
    assert person_similarity("Mme", "Marie Durand") == 0.0
    assert not near_structure("Association", "Association")


@pytest.mark.parametrize(
    ("on_rib", "name", "same"),
    [
        ("ASS LES ATELIERS DU CLERMONTOIS", "Association Les Ateliers du Clermontois", True),
        ("ASSOC LA RUCHE NUMERIQUE DE L AVESNOIS", "La Ruche numérique de l'Avesnois", True),
        ("ASSO FAB LAB DU TERNOIS", "Fab'Lab du Ternois", True),
        ("CNE DE FRUGES", "Commune de Fruges", True),
        ("CNE DE FRUGES", "Mairie de Fruges", True),
        ("COMM COMMUNES DU PAYS DE LUMBRES", "CC du Pays de Lumbres", True),
        ("COM COM DU TERNOIS", "Communauté de communes du Ternois", True),
        ("CDC DU TERNOIS", "CC du Ternois", True),
        ("COMM AGGLO DU BOULONNAIS", "Communauté d'agglomération du Boulonnais", True),
        ("STE COOPERATIVE LA FABRIQUE", "Société coopérative La Fabrique", True),
        ("CNE DE STE CATHERINE", "Commune de Sainte-Catherine", True),
        ("ASS LES ATELIERS DU CLERMONTOIS", "Association Les Ateliers du Beauvaisis", False),
        ("COMM COMMUNES DU BOULONNAIS", "CA du Boulonnais", False),
        ("CNE DE FRUGES", "CC de Fruges", False),
    ],
)
def test_same_structure_reads_the_banks_abbreviations(on_rib: str, name: str, same: bool) -> None:
    assert same_structure(on_rib, name) is same
    assert same_structure(name, on_rib) is same
