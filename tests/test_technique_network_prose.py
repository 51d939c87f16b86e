"""The places of a réseau described in prose rather than in a list (T018): each sentence that
opens on a place says its functions, one that points back to it ("elle offrira aussi…",
"nous n'y proposerons pas de coworking") adds or takes off functions; a place with a single
function gets T018, whatever way the answer is written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from realistic import technique as realistic

from conftest import write_pdf
from dossierkit.cli import cli
from dossierkit.verify import parse_file

OPENING = (
    "Le réseau réunit quatre lieux du Ternois, que la coordinatrice visitera chaque semaine. "
    "La Fabrique, à Saint-Pol-sur-Ternoise, accueillera l'atelier de fabrication numérique et "
    "un espace de travail partagé pour les indépendants."
)
FREVENT = (
    "La médiathèque de Frévent proposera des permanences d'accompagnement aux démarches en "
    "ligne. Elle offrira aussi des bureaux à la journée aux salariés qui télétravaillent."
)
AUXI = (
    "À la Maison des services d'Auxi-le-Château, nous tiendrons l'aide aux démarches en ligne "
    "et l'accompagnement des créateurs d'entreprise."
)
# Pernes: initiation only, coworking denied.
PERNES_ONE = (
    "Enfin, le foyer rural de Pernes accueillera des ateliers d'initiation au numérique ; nous "
    "n'y proposerons pas de coworking, faute de place."
)
PERNES_TWO = (
    "Enfin, le foyer rural de Pernes accueillera des ateliers d'initiation au numérique. On y "
    "trouvera aussi, deux jours par semaine, des bureaux partagés pour les télétravailleurs."
)


def _technique(tmp_path: Path, *paragraphs: str) -> Path:
    path = tmp_path / "Dossier technique.docx"
    return realistic.write_docx(
        path, realistic.answers(network=True, replace={"NAT-3": paragraphs})
    )


def _places(path: Path) -> dict[str, set[str]]:
    technique = parse_file(path, "dossier_technique")
    assert technique is not None
    return {p.name: set(p.functions) for p in technique.network_places}


def test_places_described_in_prose_with_their_functions(tmp_path: Path) -> None:
    places = _places(_technique(tmp_path, OPENING, FREVENT, AUXI, PERNES_ONE))
    assert places == {
        "La Fabrique": {"fablab", "coworking"},
        "Médiathèque de Frévent": {"mediation", "teletravail"},
        "La Maison des services d'Auxi-le-Château": {"mediation", "aide_porteurs_projets"},
        # "nous n'y proposerons pas de coworking" denies it.
        "Foyer rural de Pernes": {"mediation"},
    }


def test_a_denial_pointing_back_takes_a_function_off(tmp_path: Path) -> None:
    places = _places(
        _technique(
            tmp_path,
            "La médiathèque de Frévent proposera des ateliers de médiation numérique et un "
            "espace de coworking. Faute de place, elle ne proposera finalement pas de coworking.",
        )
    )
    assert places == {"Médiathèque de Frévent": {"mediation"}}


@pytest.mark.parametrize(("pernes", "fires"), [(PERNES_ONE, True), (PERNES_TWO, False)])
def test_t018_on_a_place_described_in_prose(pernes: str, fires: bool, tmp_path: Path) -> None:
    folder = tmp_path / "dossier"
    folder.mkdir()
    _technique(folder, OPENING, FREVENT, AUXI, pernes)
    (folder / "dossier.yaml").write_text(realistic.manifest("network-place-one-function"))
    write_pdf(folder / "Carte des lieux.pdf", ["Carte des lieux du réseau du Ternois"])
    result = CliRunner().invoke(cli, ["verify", str(folder), "--format", "json"])
    findings = [f for f in json.loads(result.output)["findings"] if f["code"] == "T018"]
    assert bool(findings) is fires
    if fires:
        assert "Foyer rural de Pernes" in findings[0]["message"]
        assert "Frévent" not in findings[0]["message"]
