"""Letters and attestations as intercommunalités write them (second outside tester's
dossiers): the addressee wrapped over three lines of a narrow address block, an EPCI that
names itself by its brand (« Douaisis Agglo », « Amiens Métropole ») without « Communauté
d'agglomération », an attestation that says « est assujettie à la TVA … et la récupère »."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import TEXTS, write_pdf
from dossierkit.cli import cli
from dossierkit.epci import find_in_text, lookup
from dossierkit.pieces.attestation import regime_of
from dossierkit.text import fold


def _verify(folder: Path) -> dict[str, Any]:
    result = CliRunner().invoke(cli, ["verify", str(folder), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)


def _codes(report: dict[str, Any]) -> list[str]:
    return [f["code"] for f in report["findings"]]


DOUAISIS_LETTER = [
    "DOUAISIS AGGLO",
    "746 rue Jean Perrin – CS 300300",
    "59351 Douai Cedex",
    "Monsieur le Président du",
    "Conseil régional",
    "des Hauts-de-France",
    "À l'attention de Madame Isabelle Zeller",
    "Mission du Développement des Usages Numériques",
    "151 boulevard Hoover",
    "59555 Lille Cedex",
    "Douai, le 16 novembre 2026",
    "Objet : Appel à projets « Tiers-lieux du numérique » – demande de subvention",
    "Monsieur le Président,",
    "J'ai l'honneur de solliciter le soutien de la Région pour l'animation du réseau de",
    "tiers-lieux Num'Douaisis, porté par Douaisis Agglo, pour un montant de 115 000 €.",
    "Je vous prie d'agréer, Monsieur le Président, l'expression de ma haute considération.",
    "Le Président, Christian Poiret",
]


def test_an_addressee_wrapped_over_three_lines_is_the_region(tmp_path: Path) -> None:
    write_pdf(tmp_path / "Courrier.pdf", DOUAISIS_LETTER)
    report = _verify(tmp_path)
    assert "C001" not in _codes(report)
    [addressee] = [f["value"] for f in report["facts"] if f["name"] == "courrier.addressee"]
    assert addressee == "Monsieur le Président du Conseil régional des Hauts-de-France"


def test_a_wrapped_addressee_that_is_another_body_is_still_c001(tmp_path: Path) -> None:
    letter = list(DOUAISIS_LETTER)
    letter[4:6] = ["Conseil départemental", "du Pas-de-Calais"]
    write_pdf(tmp_path / "Courrier.pdf", letter)
    assert "C001" in _codes(_verify(tmp_path))


@pytest.mark.parametrize(
    ("text", "insee"),
    [
        ("Douaisis Agglo", "CA Douaisis Agglo"),
        ("DOUAISIS AGGLO", "CA Douaisis Agglo"),
        ("Amiens Métropole", "CA Amiens Métropole"),
        ("la communauté d'agglomération Valenciennes Métropole", "CA Valenciennes Métropole"),
        ("CA Douaisis Agglo", "CA Douaisis Agglo"),
    ],
)
def test_an_epci_named_by_its_brand_is_found(text: str, insee: str) -> None:
    assert [e.name for e, _ in find_in_text(fold(f"Le réseau porté par {text}, à Douai."))] == [
        insee
    ]


def test_a_brand_is_looked_up_alone_and_a_plain_word_is_not() -> None:
    found = lookup("Douaisis Agglo")
    assert found is not None and found.siren == "200044618"
    assert lookup("Douaisis") is None  # the brand names it, not the place alone
    assert find_in_text(fold("Le marché du Douaisis, à Douai.")) == []


def test_the_letter_of_an_epci_named_by_its_brand_identifies_it(tmp_path: Path) -> None:
    write_pdf(tmp_path / "Courrier.pdf", DOUAISIS_LETTER)
    write_pdf(tmp_path / "RIB.pdf", TEXTS["rib"])
    report = _verify(tmp_path)
    epci = {f["value"] for f in report["facts"] if f["name"] == "intercommunalite.name"}
    assert epci == {"CA Douaisis Agglo"}
    assert "S001" not in _codes(report) and "S002" not in _codes(report)


@pytest.mark.parametrize(
    ("sentence", "regime"),
    [
        (
            "La CAHC est assujettie à la TVA au titre de ses activités et la récupère : budget HT.",
            "recovered",
        ),
        ("Nous sommes assujettis à la TVA et la déduisons.", "recovered"),
        ("La TVA est récupérable sur l'ensemble des dépenses.", "recovered"),
        ("L'association, non assujettie à la TVA, présente un budget TTC.", "not_recovered"),
        ("La commune est soumise à la TVA mais ne la récupère pas.", "not_recovered"),
        ("TVA non récupérable : budget présenté TTC.", "not_recovered"),
        ("L'association n'est pas soumise à la TVA.", "not_recovered"),
    ],
)
def test_the_vat_regime_as_attestations_word_it(sentence: str, regime: str) -> None:
    assert regime_of(fold(sentence)) == regime
