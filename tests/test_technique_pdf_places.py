"""The places of a réseau given as a table in a PDF dossier technique (T018).

Applicants list the places to animate in a Word table « Lieu | Commune | Fonctions » and send
the document exported to PDF. The page's text runs each row's cells together (« Foyer rural
de Pernes Pernes ateliers d'initiation au numérique »), a long cell over several lines, so
the places were not read one by one and T018 could not fire. The table's rules tell its page
(``headings.table_pages``); laid out, its rows are read as a Word table's are: « Foyer rural
de Pernes : Pernes, ateliers d'initiation au numérique », each place with its own functions,
its header no place.

PDFs drawn with reportlab as a word processor exports them (``realistic.technique_pdf``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from realistic import technique as realistic
from realistic.technique_pdf import write_pdf as write_technique_pdf

from conftest import write_pdf
from dossierkit.call import load_call
from dossierkit.cli import cli
from dossierkit.pieces.technique import parse
from dossierkit.pieces.technique.headings import table_pages
from dossierkit.reading.layout import LayoutTask, lay_out
from dossierkit.reading.pdf import read_pdf

HEADER = ["Lieu", "Commune", "Fonctions"]
FABRIQUE = [
    "La Fabrique",
    "Saint-Pol-sur-Ternoise",
    "atelier de fabrication numérique, espace de travail partagé",
]
FREVENT = [
    "Médiathèque de Frévent",
    "Frévent",
    "accompagnement aux démarches en ligne, bureaux à la journée pour les salariés",
]
AUXI = [
    "Maison des services",
    "Auxi-le-Château",
    "aide aux démarches en ligne, conseil aux entrepreneurs",
]
PERNES_ONE = ["Foyer rural de Pernes", "Pernes", "ateliers d'initiation au numérique"]
PERNES_TWO = [
    "Foyer rural de Pernes",
    "Pernes",
    "ateliers d'initiation au numérique, bureaux partagés pour les télétravailleurs",
]
NETWORK = realistic.NETWORK["NAT-2"][2]
# The answer about the réseau: its prose, then the table of its places.
INTRO = (NETWORK[0], "Liste prévisionnelle des lieux à animer :")


# The expenses told without an amount: no page of the dossier technique can hold a summary
# of the Région's aid, the only pages laid out before the tables were (``region_pages``).
NO_AMOUNT = (
    "Le budget prévisionnel joint détaille les dépenses de fonctionnement (poste d'animation, "
    "loyer, consommables) et d'investissement (équipement et mobilier).",
)


def _technique(
    path: Path,
    pernes: list[str],
    *,
    widths: list[float] | None = None,
    amounts: bool = True,
) -> Path:
    replace = {"NAT-3": INTRO} if amounts else {"NAT-3": INTRO, "AID-4": NO_AMOUNT}
    parts = realistic.answers(network=True, replace=replace)
    places = [HEADER, FABRIQUE, FREVENT, AUXI, pernes]
    return write_technique_pdf(path, parts, {"NAT-3": places}, widths)


def _dossier(folder: Path, pernes: list[str], *, amounts: bool = True) -> Path:
    folder.mkdir()
    _technique(folder / "Dossier technique.pdf", pernes, amounts=amounts)
    (folder / "dossier.yaml").write_text(realistic.manifest("network-place-one-function"))
    write_pdf(folder / "Carte des lieux.pdf", ["Carte des lieux du réseau du Ternois"])
    return folder


def _t_findings(folder: Path) -> list[dict[str, Any]]:
    result = CliRunner().invoke(cli, ["verify", str(folder), "--format", "json"])
    assert "Traceback" not in result.output, result.output
    return [f for f in json.loads(result.output)["findings"] if f["code"].startswith("T")]


def _places(path: Path) -> dict[str, set[str]]:
    """The places read from the PDF once its table pages are laid out, as verify lays them."""
    document = read_pdf(path)
    pages = table_pages(document)
    laid_out = lay_out(LayoutTask(path, document, pages))
    technique = parse(laid_out, path.name, load_call())
    return {p.name: set(p.functions) for p in technique.network_places}


def test_the_pages_drawing_a_table_are_chosen_and_no_other(tmp_path: Path) -> None:
    path = _technique(tmp_path / "Dossier technique.pdf", PERNES_ONE)
    document = read_pdf(path)
    # The table of places is on page 1; the pages of prose have no table.
    assert table_pages(document) == (1,)
    prose = read_pdf(write_pdf(tmp_path / "prose.pdf", ["Un texte sans tableau."]))
    assert table_pages(prose) == ()


def test_each_place_of_the_table_is_read_with_its_own_functions(tmp_path: Path) -> None:
    places = _places(_technique(tmp_path / "Dossier technique.pdf", PERNES_ONE))
    assert places == {
        "La Fabrique": {"fablab", "coworking"},
        "Médiathèque de Frévent": {"mediation", "teletravail"},
        "Maison des services": {"mediation", "aide_porteurs_projets"},
        "Foyer rural de Pernes": {"mediation"},
    }


def test_narrow_columns_wrap_the_cells_and_the_places_stay_whole(tmp_path: Path) -> None:
    # Columns of 90, 90 and 120 points: every name and every list of functions wraps.
    path = _technique(tmp_path / "Dossier technique.pdf", PERNES_ONE, widths=[90, 90, 120])
    places = _places(path)
    assert places["Foyer rural de Pernes"] == {"mediation"}
    assert places["Médiathèque de Frévent"] == {"mediation", "teletravail"}
    assert len(places) == 4


@pytest.mark.parametrize(
    ("pernes", "fires", "amounts"),
    [(PERNES_ONE, True, True), (PERNES_TWO, False, True), (PERNES_ONE, True, False)],
    ids=["one-function", "two-functions", "one-function-no-amount"],
)
def test_t018_names_the_place_of_the_pdf_table_with_one_function(
    pernes: list[str], fires: bool, amounts: bool, tmp_path: Path
) -> None:
    """Without an amount in the document (``one-function-no-amount``), the table's page is laid
    out only because it draws a table: ``pieces.layout_pages`` must ask for
    ``technique.headings.table_pages`` beside ``budget.region_pages``."""
    found = _t_findings(_dossier(tmp_path / "dossier", pernes, amounts=amounts))
    # Nothing else of the dossier technique is misread: its own titles still find every
    # answer, the table's header is no place and no title.
    assert [(f["code"], f["severity"], f["file"], f["page"]) for f in found] == (
        [("T018", "warning", "Dossier technique.pdf", 1)] if fires else []
    )
    if fires:
        message = found[0]["message"]
        assert "« Foyer rural de Pernes » ne couvre que médiation" in message
        assert "Frévent" not in message and "« Lieu »" not in message
