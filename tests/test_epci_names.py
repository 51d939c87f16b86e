"""Intercommunalités named as documents name them, matched to INSEE's list.

INSEE writes « CC Coeur de l'Avesnois » (no ligature, no article, the kind abbreviated); the
EPCI and the associations it designates write « la communauté de communes du Cœur de
l'Avesnois », « l'Agglo Maubeuge Val de Sambre ». A dossier written outside the project that
named only the full form got « Aucune intercommunalité » (S002).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import TEXTS, write_letter_pdf
from dossierkit import epci
from dossierkit.text import fold
from dossierkit.verify import verify


@pytest.mark.parametrize(
    ("written", "insee"),
    [
        ("la communauté de communes du Cœur de l'Avesnois", "CC Coeur de l'Avesnois"),
        ("Communauté de Communes Coeur de l'Avesnois", "CC Coeur de l'Avesnois"),
        ("CC Cœur de l'Avesnois", "CC Coeur de l'Avesnois"),
        ("la Communauté d'agglomération du Cœur d'Ostrevent", "CA Coeur d'Ostrevent"),
        ("Communauté de communes des Villes Sœurs", "CC des Villes Soeurs"),
        ("Communauté d'agglomération du Boulonnais", "CA du Boulonnais"),
        ("l'Agglomération du Boulonnais", "CA du Boulonnais"),
        ("Communauté d'Agglomération Maubeuge Val de Sambre", "CA Maubeuge Val de Sambre"),
        ("la CC du Sud-Artois", "CC du Sud Artois"),
        ("communauté de communes du Ternois", "CC du Ternois"),
        ("Métropole Européenne de Lille", "Métropole Européenne de Lille"),
    ],
)
def test_full_and_abbreviated_names_are_found(written: str, insee: str) -> None:
    found = epci.find_in_text(fold(f"Le projet est porté sur le territoire de {written}."))
    assert [(e.name, count) for e, count in found] == [(insee, 1)]


@pytest.mark.parametrize(
    ("written", "insee"),
    [
        ("Communauté de communes du Cœur de l'Avesnois", "CC Coeur de l'Avesnois"),
        ("CA Coeur d'Ostrevent", "CA Coeur d'Ostrevent"),
        ("200069672", "CC du Ternois"),
    ],
)
def test_lookup_takes_any_spelling(written: str, insee: str) -> None:
    found = epci.lookup(written)
    assert found is not None and found.name == insee


def test_other_kinds_and_other_names_are_not_taken() -> None:
    # A communauté de communes is no communauté d'agglomération of the same name.
    assert epci.lookup("Communauté de communes du Boulonnais") is None
    assert epci.find_in_text(fold("le cœur de l'Avesnois, pays de bocage")) == []


@pytest.mark.parametrize(
    ("insee", "full"),
    [
        ("CC Coeur de l'Avesnois", "Communauté de communes du Cœur de l'Avesnois"),
        ("CA Coeur d'Ostrevent", "Communauté d'agglomération Cœur d'Ostrevent"),
        ("CC des Villes Soeurs", "Communauté de communes des Villes Sœurs"),
        ("CC du Ternois", "Communauté de communes du Ternois"),
    ],
)
def test_the_name_shown_keeps_the_ligature_and_drops_the_acronym(insee: str, full: str) -> None:
    found = epci.lookup(insee)
    assert found is not None and found.full_name == full


def test_without_an_intercommunalite_the_seat_suggests_one(tmp_path: Path) -> None:
    """No intercommunalité named, a letterhead address in Saint-Pol-sur-Ternoise: S002 asks
    whether it is the seat's, the communauté de communes du Ternois, and does not take it (an
    association may be designated by another one)."""
    lines = [
        line.replace("désigné par la Communauté de communes du Ternois, ", "")
        for line in TEXTS["courrier"]
    ]
    write_letter_pdf(tmp_path / "Courrier.pdf", lines)
    result = verify(tmp_path)
    (finding,) = [f for f in result.findings if f.code == "S002"]
    assert (finding.file, finding.page) == ("Courrier.pdf", 1)
    assert (
        "(l'adresse en en-tête du courrier, 62130 Saint-Pol-sur-Ternoise, est dans la "
        "communauté de communes du Ternois : est-ce elle ?)"
    ) in finding.params["seat"]
    assert result.dossier.fact("intercommunalite.name") is None
