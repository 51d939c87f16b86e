"""The territory: communes of the region's intercommunalités, the communes an address names,
and E001 (the place lies outside the dossier's intercommunalité).

The reference data is checked for what the check relies on (every commune of the region in
exactly one EPCI, with its postcodes); addresses are read as applicants write them; E001 runs
on dossiers techniques written as Word and PDF files (see also
``tests/cases/checks/territory.yml``), and on the complete samples, whose places are in their
intercommunalité.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from test_technique import LIEU, RESEAU, technique_docx, technique_pdf

from conftest import SAMPLES
from dossierkit.call import load_call
from dossierkit.checks.territory import PlaceOutsideEpci, _places
from dossierkit.epci import all_communes, all_epci, lookup
from dossierkit.pieces.address import places
from dossierkit.pieces.technique import TechniqueFacts
from dossierkit.verify import parse_file

ROOT = Path(__file__).resolve().parent.parent
HDF = ("02", "59", "60", "62", "80")


# --- reference data ---------------------------------------------------------------------


def test_every_commune_of_the_region_is_in_exactly_one_epci_with_a_postcode() -> None:
    member_codes = {code for epci in all_epci() for code in epci.commune_codes}
    members = [c for c in all_communes() if c.code in member_codes]
    region = [c for c in members if c.departement in HDF]
    assert len(region) > 3700  # 3 782 communes in 2026
    owners: dict[str, set[str]] = {}
    for epci in all_epci():
        for code in epci.commune_codes:
            owners.setdefault(code, set()).add(epci.siren)
    assert all(len(owners[c.code]) == 1 for c in region)
    assert all(c.epci_siren in owners[c.code] for c in members)
    assert all(c.postcodes and all(len(p) == 5 for p in c.postcodes) for c in region)


def test_former_communes_lead_to_the_commune_they_joined() -> None:
    # Hellemmes and Lomme are communes associées of Lille; addresses still name them.
    by_name = {c.name: c for c in all_communes()}
    lille = lookup("Métropole Européenne de Lille")
    assert lille is not None
    for name in ("Hellemmes-Lille", "Lomme"):
        assert by_name[name].code == "59350"
        assert by_name[name].code in lille.commune_codes
        assert "59000" in by_name[name].postcodes


def test_refresh_script_writes_the_communes_of_the_region(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The refresh script on a tiny upstream: an EPCI of the region and its members, a
    commune déléguée, and an EPCI of another region left out."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import refresh_epci

    upstream = tmp_path / "data"
    upstream.mkdir()
    member = {"code": "62767", "siren": "216207670", "nom": "Saint-Pol-sur-Ternoise"}
    epci = [
        {"code": "200069672", "nom": "CC du Ternois", "type": "CC", "membres": [member]},
        {"code": "200000172", "nom": "CC Ailleurs", "type": "CC", "membres": [{"code": "01001"}]},
    ]
    communes = [
        {"code": "62767", "nom": "Saint-Pol-sur-Ternoise", "type": "commune-actuelle",
         "codesPostaux": ["62130"]},
        {"code": "62999", "nom": "Ancienne", "type": "commune-deleguee", "chefLieu": "62767"},
        {"code": "01001", "nom": "L'Abergement", "type": "commune-actuelle",
         "codesPostaux": ["01400"]},
    ]  # fmt: skip
    (upstream / "epci.json").write_text(json.dumps(epci), encoding="utf-8")
    (upstream / "communes.json").write_text(json.dumps(communes), encoding="utf-8")
    monkeypatch.setattr(refresh_epci, "DATA", tmp_path)
    refresh_epci.main(upstream)
    with (tmp_path / "communes-hauts-de-france.csv").open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert rows == [
        ["code", "nom", "codes_postaux", "epci", "commune"],
        ["62767", "Saint-Pol-sur-Ternoise", "62130", "200069672", ""],
        ["62999", "Ancienne", "", "200069672", "62767"],
    ]
    written = json.loads((tmp_path / "epci-hauts-de-france.json").read_text(encoding="utf-8"))
    assert [e["code"] for e in written] == ["200069672"]


# --- communes named in a text -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The postcode and the name, however the name is spelled.
        ("14 rue des Procureurs, 62130 Saint-Pol-sur-Ternoise.", ["62767"]),
        ("14 rue des Procureurs, 62130 ST POL SUR TERNOISE", ["62767"]),
        ("Le lieu sera installé rue Haute à St-Waast.", ["59548"]),
        # "au" and "aux" hold the article of the name.
        ("Le lieu sera implanté place du Marché au Quesnoy, à deux pas de la gare.", ["59481"]),
        ("Le lieu sera situé aux Attaques, près du canal.", ["62043"]),
        # The postcode chooses between homonyms; without it both are kept.
        ("Adresse : 2 rue de Lille, 59270 Bailleul.", ["59043"]),
        ("Le lieu sera situé à Bailleul.", ["59043|80051"]),
        # A CEDEX code keeps the département.
        ("Siège : BP 10, 62008 Arras Cedex 9.", ["62041"]),
        # A commune déléguée is the commune it belongs to.
        ("Le lieu sera implanté à Lomme, avenue de Dunkerque.", ["59350"]),
        # Outside the region: only a postcode can say so.
        ("Le lieu sera situé 3 rue de Paris, 75011 Paris.", ["75011 Paris"]),
        (
            "Le lieu sera situé 8 rue des Ateliers, 08000 Charleville-Mézières.",
            ["08000 Charleville-Mézières"],
        ),
        # A negated clause, a name that goes on with a hyphen, a lower-case word: nothing.
        ("Le lieu n'est pas situé à Arras mais à Lens.", ["62498"]),
        ("Le lieu sera à Lille-Centre.", []),
        ("Le lieu sera implanté à deux pas de la gare.", []),
        ("Une ville inconnue : 59999 Nullepart.", []),
        # Read as the dossier technique reads negation: "Pas-de-Calais" and "à deux pas" deny
        # nothing, "ne… que" restricts, a postcode's clause can deny it, "plutôt que" does.
        ("Le lieu sera implanté dans le Pas-de-Calais à Béthune.", ["62119"]),
        ("Le lieu sera installé à deux pas de la gare à Lille.", ["59350"]),
        ("Le tiers-lieu ne sera installé qu'à Lille.", ["59350"]),
        ("Le lieu ne sera pas installé au 12 rue Oberkampf 75011 Paris.", []),
        ("Le lieu ne sera pas installé au 12 rue Oberkampf, 75011 Paris.", []),
        ("Le lieu n'est pas au 12 rue Oberkampf, 75011 Paris, mais 62000 Arras.", ["62041"]),
        ("Le lieu sera situé à Arras plutôt qu'à Lens.", ["62041"]),
        ("Le lieu ira de Lens jusqu'à Lille.", []),
        ("Le site à Arras n'a pas été retenu ; le lieu sera au Quesnoy.", ["59481"]),
        ("Le lieu sera installé à Lille et ne sera pas ouvert le dimanche.", ["59350"]),
    ],
)
def test_communes_named_in_a_sentence(text: str, expected: list[str]) -> None:
    found = places([(None, text)])
    assert [
        "|".join(sorted(c.code for c in p.communes)) or f"{p.postcode} {p.written}" for p in found
    ] == expected


def test_a_list_of_places_names_towns_after_de() -> None:
    items = [
        (1, "Médiathèque de Corbie : médiation numérique"),
        (1, "Atelier d'Amiens : fablab"),
        (1, "Maison des services du Quesnoy : télétravail ponctuel"),
        (1, "• La Fabrique (Saint-Pol-sur-Ternoise) : atelier de fabrication numérique"),
    ]
    assert [p.communes[0].name for p in places(items, list_items=True)] == [
        "Corbie",
        "Amiens",
        "Le Quesnoy",
        "Saint-Pol-sur-Ternoise",
    ]
    # Outside a list, "de" introduces too many things that are not towns.
    assert places(items) == []


# --- E001 on dossiers techniques --------------------------------------------------------


def _parsed(path: Path) -> TechniqueFacts:
    parsed = parse_file(path, "dossier_technique", load_call())
    assert isinstance(parsed, TechniqueFacts)
    return parsed


def test_a_place_wrapped_over_two_lines_of_a_pdf_is_found(tmp_path: Path) -> None:
    """In a PDF, the sentence that says where the place is runs over several lines: the cue
    ("implanté") and the town are joined again, and the page is the sentence's."""
    answers = {
        "NAT-1": LIEU["NAT-1"],
        "NAT-2": [
            "Le lieu réunira un fablab, un espace de coworking et des ateliers de médiation "
            "numérique pour les habitants du territoire, des artisans et des collégiens.",
            "Le plan d'agencement est joint. Le lieu sera implanté au rez-de-chaussée de "
            "l'ancienne filature Sainte-Aldegonde, 12 rue de la Croix à Maubeuge, à deux pas "
            "de la gare.",
        ],
    }
    technique = _parsed(technique_pdf(tmp_path / "Dossier technique.pdf", answers))
    found = [
        (p.communes[0].name, p.page, in_network)
        for p, in_network in _places(technique, load_call())
    ]
    assert found == [("Maubeuge", 1, False)]


NETWORK_WITH_OBJECTIVES = {
    **RESEAU,
    "NAT-3": [
        "La coordinatrice fera circuler équipements et animations entre les lieux.",
        "Nos objectifs pour le réseau :",
        "- favoriser l'inclusion des habitants de Lens et de Liévin",
        "- Accueillir les entreprises de Béthune",
        "Liste prévisionnelle des lieux à animer :",
        "• Médiathèque de Corbie : médiation numérique, coworking et accompagnement aux "
        "démarches en ligne des habitants des communes rurales du Val de Somme, le samedi",
        "• Atelier de Villers-Bretonneux : fablab",
        "Les habitants de Doullens pourront aussi en profiter.",
    ],
}


@pytest.mark.parametrize("make", [technique_docx, technique_pdf])
def test_the_networks_places_are_those_of_its_list_of_places(tmp_path: Path, make: Any) -> None:
    """An objectives list names towns too ("les habitants de Lens"): only the list that names
    the places gives the network's places, each item whole when the PDF wraps it, up to the
    first line that is not an item."""
    suffix = ".pdf" if make is technique_pdf else ".docx"
    technique = _parsed(make(tmp_path / f"Dossier technique{suffix}", NETWORK_WITH_OBJECTIVES))
    network = [
        p.communes[0].name for p, in_network in _places(technique, load_call()) if in_network
    ]
    assert network == ["Corbie", "Villers-Bretonneux"]


@pytest.mark.parametrize(
    ("sample", "epci"),
    [
        ("association-complete/03 - Dossier technique v2 FINAL.docx", "CC du Ternois"),
        ("interco-complete/Dossier technique.pdf", "CC du Pays de Lumbres"),
    ],
)
def test_the_samples_places_are_in_their_intercommunalite(sample: str, epci: str) -> None:
    """The complete samples name where their place is, and it is a commune of their EPCI: the
    check reads them and stays quiet for a reason, not for lack of an address."""
    technique = _parsed(SAMPLES / sample)
    found = [p for p, _ in _places(technique, load_call())]
    members = lookup(epci)
    assert members is not None
    assert found and all(any(c.code in members.commune_codes for c in p.communes) for p in found)


def test_the_message_says_where_the_place_is_in_french_and_english() -> None:
    from dossierkit.findings import Finding, Severity

    finding = Finding(
        code="E001",
        severity=Severity.WARNING,
        piece="dossier_technique",
        file="Dossier technique.docx",
        page=None,
        params={
            "file_name": "Dossier technique.docx",
            "subject": "le lieu",
            "subject_en": "the place",
            "at_commune": "au Quesnoy",
            "at_commune_en": "in Le Quesnoy",
            "where": "membre de la Communauté de communes du Pays de Mormal",
            "where_en": "member of the Communauté de communes du Pays de Mormal",
            "epci": "Communauté d'agglomération Maubeuge Val de Sambre",
            "sentence": "Le lieu sera implanté au Quesnoy",
        },
    )
    call = load_call()
    fr = PlaceOutsideEpci.render(finding, "fr", call)
    en = PlaceOutsideEpci.render(finding, "en", call)
    assert "le lieu est situé au Quesnoy (membre de la Communauté de communes du Pays" in fr
    assert "qui n'est pas une commune de la Communauté d'agglomération Maubeuge" in fr
    assert "the place is located in Le Quesnoy (member of the Communauté" in en


@pytest.mark.parametrize(
    ("commune", "said"),
    [
        ("Avesnes-sur-Helpe", "la commune d'Avesnes-sur-Helpe appartient"),
        ("Le Portel", "la commune du Portel appartient"),
        ("Fruges", "la commune de Fruges appartient"),
    ],
)
def test_the_commune_an_epci_is_deduced_from_is_named_in_correct_french(
    commune: str, said: str
) -> None:
    """I006 says « la commune d'Avesnes-sur-Helpe », never « la commune de Avesnes »."""
    from dossierkit.checks.intake import Candidate, EpciFromCommune

    candidate = Candidate(
        key="a", label="A", in_inbox=True, application=1, structure="Asso", epci_siren=None,
        epci_name="CA Maubeuge Val de Sambre", iban=None, fingerprint="", files=(),
        received_at=None, epci_from_commune=commune,
    )  # fmt: skip
    [(_, finding)] = list(EpciFromCommune().cross([candidate]))
    assert said in EpciFromCommune().render(finding, "fr", None).replace("\u00a0", " ")
