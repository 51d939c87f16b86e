"""Dossiers techniques written in Word the way intercommunalités write them: their own
headings, bulleted lists, a table of who carries the project ("Interlocuteur projet | Karim
Benali | chargé de mission"), a table of the three years, and labelled lines ("Date de début
du plan d'action (dépenses éligibles) : 1er avril 2027").

Three families of false verdicts are pinned here:

- the cells of a Word table are read as one paragraph per row ("label : value"), never as the
  applicant's headings: the contact named in the table is found (no T021), and the years of
  the plan's table are all counted (no T019);
- the functions are those the project's lieu offers (its own answers), never those of the
  places that already exist on the territory ("lieux existants (…, conseillers
  numériques)"): one function only is T004;
- the start date is the labelled line that repeats the question's words, never the date the
  territory's roadmap was launched.

The documents are made with python-docx (read directly) and, once, with reportlab.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import write_pdf
from dossierkit.call import load_call
from dossierkit.cli import cli
from dossierkit.pieces.technique import TechniqueFacts
from dossierkit.report.flatten import flatten
from dossierkit.verify import parse_file

CALL = load_call()

FEUILLE_VOTEE = (
    "Feuille de route numérique : le projet est l'action phare de notre feuille de route "
    "numérique, votée en conseil communautaire le 30 juin 2026."
)
FEUILLE_LANCEE = (
    "Feuille de route numérique : en cours d'élaboration (lancement en conseil communautaire "
    "du 14 mai 2026) ; le tiers-lieu en sera l'action n° 1."
)
ECOSYSTEME = (
    "Écosystème numérique local : nous avons analysé le fonctionnement des lieux existants "
    "(médiathèques, espaces France Services, clubs informatiques, conseillers numériques) ; "
    "le projet s'articule avec eux par des permanences partagées et une orientation "
    "réciproque des publics."
)
INNOVATION = (
    "Innovation numérique : le projet stimulera l'innovation par des ateliers sur "
    "l'intelligence artificielle pour les TPE et des rencontres entre indépendants et "
    "entreprises."
)
TWO_FUNCTIONS = (
    "Atelier fablab : impression 3D, découpe laser, électronique pour les habitants",
    "Médiation numérique : permanences et ateliers d'initiation",
)
ONE_FUNCTION = ("Espace de coworking de 30 postes, avec salles de réunion à louer",)

PLACES = [
    ["La Fabrique (lieu central)", "Douai", "fablab, coworking"],
    ["Médiathèque numérique", "Sin-le-Noble", "médiation, télétravail ponctuel"],
    ["Maison de services", "Arleux", "médiation, aide aux porteurs de projets"],
    ["Espace Chantier", "Waziers", "coworking, médiation"],
]
# Each variant: the options of ``_parts``.
VARIANTS: dict[str, dict[str, Any]] = {
    "two": {},
    "one": {"offer": ONE_FUNCTION, "first_year": "coworking"},
    # The lieu's functions described only in the answer about innovation.
    "ter_only": {
        "offer": ("Le lieu occupera le rez-de-chaussée de l'ancienne filature.",),
        "first_year": "accueil du public",
        "innovation": "Innovation numérique : le fablab du lieu et ses permanences de "
        "médiation numérique ouvriront les machines de fabrication aux habitants et aux TPE.",
    },
    # The roadmap was launched before the plan starts; the start is a labelled line.
    "launched": {"feuille": FEUILLE_LANCEE, "start": "1er avril 2027"},
    # The start said in prose under a title of the plan, the roadmap launched before it.
    "prose_start": {
        "feuille": FEUILLE_LANCEE,
        "start": None,
        "prose_start": "Le lieu démarrera ses activités le 1er mars 2027, dès le recrutement "
        "de l'animateur.",
    },
    # The lieu's answer names coworking, and the médiation that already exists nearby.
    "one_neighbours": {
        "offer": (
            *ONE_FUNCTION,
            "Sur le territoire, on trouve déjà des conseillers numériques à la médiathèque, "
            "vers qui nous orienterons les habitants.",
        ),
        "first_year": "coworking",
    },
    # A réseau of four places, each with two functions, listed in a table.
    "reseau": {"places": PLACES},
    # One place of the réseau with one function only.
    "reseau_one": {"places": [*PLACES[:3], ["Espace Chantier", "Waziers", "coworking"]]},
    # Two-column table without a header row, labels ending with ":", a value of two
    # paragraphs; the plan's years as "Année 1", "Année 2", "Année 3".
    "two_columns": {"table": "two_columns", "years": ("Année 1", "Année 2", "Année 3")},
}


def _lieu(offer: tuple[str, ...]) -> list[tuple[str, Any]]:
    """The presentation of one lieu: its functions as a bulleted list, its layout."""
    return [
        ("h1", "Présentation générale du projet"),
        ("p", "Notre demande porte sur un lieu unique, « Le Quai », situé à Creil."),
        ("h2", "Fonctions et objectifs du lieu"),
        *(("li", item) for item in offer),
        ("p", "Objectifs chiffrés : 1 200 passages la première année, 30 usagers réguliers."),
        ("h2", "Agencement et implantation"),
        (
            "p",
            "Le plan prévisionnel d'agencement est joint au dossier. Le Quai est en face de "
            "la gare de Creil, accessible PMR.",
        ),
    ]


def _reseau(places: list[list[str]]) -> list[tuple[str, Any]]:
    """The presentation of a réseau: its objectives, the table of its places."""
    return [
        ("h1", "Présentation générale du projet"),
        (
            "p",
            "Notre demande porte sur l'animation d'un réseau de lieux : le réseau « Le Quai » "
            f"coordonne {len(places or [])} tiers-lieux répartis sur le territoire de "
            "l'agglomération. L'aide régionale est sollicitée pour l'animation du réseau, et "
            "non pour un lieu isolé.",
        ),
        ("h2", "Objectifs de l'animation du réseau"),
        ("li", "Aider chaque lieu à développer son offre de fonctions"),
        ("li", "Mutualiser l'agenda, la communication et le matériel itinérant du fablab"),
        ("li", "Former les animateurs bénévoles et salariés des lieux"),
        ("h2", "Liste prévisionnelle des lieux à animer"),
        ("table", [["Lieu", "Commune", "Fonctions proposées"], *(places or [])]),
        ("p", "Une carte des lieux figure en annexe (plan joint)."),
        ("h2", "Complémentarité des lieux"),
        (
            "p",
            "Les lieux sont complémentaires : le lieu central porte le fablab et le coworking, "
            "les lieux ruraux la médiation et le télétravail ponctuel.",
        ),
    ]


def _parts(
    *,
    offer: tuple[str, ...] = TWO_FUNCTIONS,
    first_year: str = "fablab, médiation numérique",
    innovation: str = INNOVATION,
    feuille: str = FEUILLE_VOTEE,
    start: str | None = "1er février 2027",
    prose_start: str | None = None,
    table: str = "three_columns",
    years: tuple[str, str, str] = ("2027", "2028", "2029"),
    places: list[list[str]] | None = None,
) -> list[tuple[str, Any]]:
    """The document as (kind, content): ``h1``/``h2`` titles, ``p`` paragraphs, ``li``
    bullets and ``table`` rows (lists of cells; a cell may hold several paragraphs, "\\n")."""
    identity = [
        ["Rôle", "Nom", "Fonction"],
        ["Structure porteuse", "Agglomération Creil Sud Oise", "communauté d'agglomération"],
        ["Responsable légal", "Jean-Claude Villemain", "Président"],
        ["Interlocuteur projet", "Karim Benali", "chargé de mission économie"],
        ["Élu référent (binôme)", "Mme Sophie Lehner", "vice-présidente au numérique"],
        ["Agent référent (binôme)", "Karim Benali", "chargé de mission économie"],
    ]
    if table == "two_columns":
        identity = [
            ["Structure porteuse :", "Agglomération Creil Sud Oise"],
            ["Responsable légal :", "Jean-Claude Villemain, Président"],
            [
                "Interlocuteur projet :",
                "Karim Benali\nkarim.benali@agglo-creil.fr – 03 44 64 00 00",
            ],
            ["Élu référent :", "Mme Sophie Lehner, vice-présidente au numérique"],
            ["Agent référent :", "Karim Benali, chargé de mission économie"],
        ]
    parts: list[tuple[str, Any]] = [
        ("h0", "Le Quai – dossier de candidature"),
        (
            "p",
            "Appel à projets régional « Tiers-lieux du numérique » – Agglomération Creil Sud Oise",
        ),
        *(_lieu(offer) if places is None else _reseau(places)),
        ("h1", "Qui porte le projet ?"),
        ("table", identity),
        (
            "p",
            "Un comité de pilotage se réunira chaque semestre : l'agglomération, les communes "
            "d'implantation, les partenaires de l'emploi et des représentants des usagers.",
        ),
        (
            "p",
            "La demande est portée directement par l'intercommunalité : la question de la "
            "légitimation d'une autre structure est sans objet.",
        ),
        ("h1", "Le projet dans son territoire"),
        ("p", "Portée géographique : l'ensemble du territoire de l'agglomération."),
        ("p", feuille),
        ("p", ECOSYSTEME),
        ("p", innovation),
        ("h1", "Plan d'action et financement"),
        ("h2", "Les grandes lignes sur trois ans"),
        (
            "table",
            [
                ["Année", "Actions principales"],
                [years[0], "Ouverture, recrutement, lancement de la programmation"],
                [years[1], "Montée en charge, partenariats entreprises, nouvelles fonctions"],
                [
                    years[2],
                    "Autonomie : abonnements, prestations, prise en charge par la collectivité",
                ],
            ],
        ),
        ("h2", "Première année"),
        ("li", f"Objectifs et fonctions : {first_year}"),
        ("li", "Publics cibles : habitants éloignés du numérique, indépendants, TPE et artisans"),
        ("li", "Dépenses envisagées : salaire de l'animateur, intervenants, communication"),
    ]
    if prose_start:
        parts.append(("p", prose_start))
    if start:
        parts.append(("p", f"Date de début du plan d'action (dépenses éligibles) : {start}."))
    parts += [
        (
            "p",
            "Nature et visée des dépenses : voir le tableau dépenses et recettes "
            "(fonctionnement et investissement) joint.",
        ),
        ("p", "Animation : internalisée : un animateur recruté en CDI à temps plein."),
        (
            "p",
            "Pérennisation : les recettes propres (abonnements, locations, formations) et une "
            "participation croissante de la collectivité compenseront la baisse de l'aide "
            "régionale dégressive.",
        ),
        (
            "p",
            "Aide régionale antérieure : le lieu n'a jamais bénéficié d'une aide régionale "
            "(PEL, CRNT, ECRINS).",
        ),
        ("p", "Quartier prioritaire de la politique de la ville : non."),
        (
            "p",
            "Autres aides souhaitées de la Région : oui, un appui en conseil et une mise en "
            "relation avec les autres tiers-lieux.",
        ),
    ]
    return parts


def write_docx(path: Path, parts: list[tuple[str, Any]]) -> Path:
    """The document as Word writes it: heading styles, "List Bullet", "Table Grid" tables
    with a bold header row, an empty paragraph after each table."""
    import docx

    document = docx.Document()
    for kind, content in parts:
        if kind.startswith("h"):
            document.add_heading(content, int(kind[1]))
        elif kind == "li":
            document.add_paragraph(content, style="List Bullet")
        elif kind == "p":
            document.add_paragraph(content)
        else:
            table = document.add_table(rows=len(content), cols=len(content[0]))
            table.style = "Table Grid"
            for r, row in enumerate(content):
                for c, value in enumerate(row):
                    cell = table.cell(r, c)
                    first, *more = value.split("\n")
                    cell.text = first
                    for line in more:
                        cell.add_paragraph(line)
                    if r == 0 and len(content[0]) > 2:
                        for run in cell.paragraphs[0].runs:
                            run.bold = True
            document.add_paragraph()
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def write_pdf_report(path: Path, parts: list[tuple[str, Any]]) -> Path:
    """The same document drawn by reportlab: titles in bold, tables as grids."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    style = {"h0": "Title", "h1": "Heading1", "h2": "Heading2", "p": "Normal", "li": "Normal"}
    story: list[Any] = []
    for kind, content in parts:
        if kind == "table":
            grid = Table(
                [
                    [Paragraph(v.replace("\n", "<br/>"), styles["Normal"]) for v in row]
                    for row in content
                ]
            )
            grid.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
            story += [grid, Spacer(1, 8)]
        else:
            text = f"• {content}" if kind == "li" else content
            story.append(Paragraph(text, styles[style[kind]]))
    path.parent.mkdir(parents=True, exist_ok=True)
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every variant in Word, and drawn as a PDF by reportlab."""
    folder = tmp_path_factory.mktemp("technique-outside2")
    for name, options in VARIANTS.items():
        write_docx(folder / f"{name}.docx", _parts(**options))
        write_pdf_report(folder / f"{name}.pdf", _parts(**options))
    return folder


def parsed(path: Path) -> TechniqueFacts:
    technique = parse_file(path, "dossier_technique", CALL)
    assert isinstance(technique, TechniqueFacts)
    return technique


def t_findings(tmp_path: Path, technique: Path) -> tuple[list[tuple[Any, ...]], dict[str, str]]:
    """The T findings of the dossier technique verified with its plan d'agencement (its map
    of places for a réseau) and the intercommunalité's dossier.yaml (the other pieces left out on purpose)."""
    folder = tmp_path / "dossier"
    folder.mkdir()
    (folder / f"Dossier technique Le Quai{technique.suffix}").write_bytes(technique.read_bytes())
    (folder / "dossier.yaml").write_text(
        'structure:\n  nom: "CA Creil Sud Oise"\n  type: "intercommunalite"\n', encoding="utf-8"
    )
    if "reseau" in technique.name:
        write_pdf(folder / "Carte des lieux du réseau.pdf", ["Carte des lieux du réseau", "Douai"])
    else:
        write_pdf(folder / "Plan Le Quai.pdf", ["Plan d'agencement du Quai", "Coworking"])
    result = CliRunner().invoke(cli, ["verify", str(folder), "--format", "json"])
    assert "Traceback" not in result.output, result.output
    found = [f for f in json.loads(result.output)["findings"] if f["code"].startswith("T")]
    return flatten(found), {f["code"]: f["message"] for f in found}


# ------------------------------------------------------------------------------------------
# Word tables: one paragraph per row, never the applicant's headings
# ------------------------------------------------------------------------------------------


def test_the_identity_table_names_the_contact_and_the_pair(made: Path) -> None:
    technique = parsed(made / "two.docx")
    assert technique.contact is not None and technique.contact.value == "Karim Benali"
    assert technique.contact.sentence == (
        "Interlocuteur projet : Karim Benali, chargé de mission économie"
    )
    assert technique.elected_official is not None
    assert technique.elected_official.value == "Sophie Lehner"
    assert technique.referent_agent is not None
    # No cell is a heading: the governance answer keeps the whole table.
    answers = {a.question: a for a in technique.answers}
    assert answers["GOV-1"].heading == "Qui porte le projet ?"
    assert "Responsable légal : Jean-Claude Villemain, Président" in answers["GOV-1"].text


def test_the_table_of_years_names_the_three_years(made: Path) -> None:
    technique = parsed(made / "two.docx")
    assert technique.plan_years == ("2027", "2028", "2029")
    answers = {a.question: a for a in technique.answers}
    assert answers["AID-1"].heading == "Les grandes lignes sur trois ans"
    assert answers["AID-1"].text.splitlines()[1] == (
        "2027 : Ouverture, recrutement, lancement de la programmation"
    )


def test_a_two_column_table_without_header_and_a_cell_of_two_paragraphs(made: Path) -> None:
    technique = parsed(made / "two_columns.docx")
    assert technique.contact is not None and technique.contact.value == "Karim Benali"
    assert technique.plan_years == ("annee 1", "annee 2", "annee 3")
    gov = {a.question: a for a in technique.answers}["GOV-1"].text.splitlines()
    assert gov[:4] == [
        "Structure porteuse : Agglomération Creil Sud Oise",
        "Responsable légal : Jean-Claude Villemain, Président",
        "Interlocuteur projet : Karim Benali",
        "karim.benali@agglo-creil.fr – 03 44 64 00 00",
    ]


# The T findings of each variant: the one-function lieu and the réseau's one-function place
# break a rule.
EXPECTED_T: dict[str, list[tuple[str, str]]] = {
    "two": [],
    "one": [("T004", "error")],
    "one_neighbours": [("T004", "error")],
    "ter_only": [],
    "launched": [],
    "prose_start": [],
    "reseau": [],
    "reseau_one": [("T018", "warning")],
    "two_columns": [],
}


@pytest.mark.parametrize(
    ("name", "suffix"),
    [(name, suffix) for name in EXPECTED_T for suffix in (".docx", ".pdf")],
)
def test_t_findings_of_each_variant(made: Path, tmp_path: Path, name: str, suffix: str) -> None:
    findings, _ = t_findings(tmp_path, made / f"{name}{suffix}")
    page = 1 if suffix == ".pdf" else None
    assert findings == [
        (code, severity, "dossier_technique", f"Dossier technique Le Quai{suffix}", page)
        for code, severity in EXPECTED_T[name]
    ]


def test_the_budget_reader_still_finds_the_table_cells(made: Path) -> None:
    """The reader is unchanged: the cells stay among the paragraphs, in reading order (the
    budget in a dossier technique relies on it)."""
    from dossierkit.reading.docx import read_docx

    texts = [p.text for p in read_docx(made / "two.docx").paragraphs]
    at = texts.index("Interlocuteur projet")
    assert texts[at : at + 3] == [
        "Interlocuteur projet",
        "Karim Benali",
        "chargé de mission économie",
    ]


# ------------------------------------------------------------------------------------------
# Functions: the lieu's own, never the territory's existing places
# ------------------------------------------------------------------------------------------


def test_two_functions_named_and_an_ecosystem_elsewhere(made: Path) -> None:
    functions = {str(f.value): f.sentence for f in parsed(made / "two.docx").functions}
    assert functions == {
        "mediation": "Médiation numérique : permanences et ateliers d'initiation",
        "fablab": "Atelier fablab : impression 3D, découpe laser, électronique pour les habitants",
    }


def test_one_function_is_t004_whatever_the_ecosystem_says(made: Path, tmp_path: Path) -> None:
    assert [f.value for f in parsed(made / "one.docx").functions] == ["coworking"]
    _, messages = t_findings(tmp_path, made / "one.docx")
    assert "ne montre qu'une des fonctions de l'appel (coworking" in messages["T004"]
    assert "conseillers numériques" not in messages["T004"]


def test_the_places_of_the_reseau_s_table(made: Path) -> None:
    places = {p.name: p.functions for p in parsed(made / "reseau_one.docx").network_places}
    assert places == {
        "La Fabrique": ("coworking", "fablab"),
        "Médiathèque numérique": ("mediation", "teletravail"),
        "Maison de services": ("mediation", "aide_porteurs_projets"),
        "Espace Chantier": ("coworking",),
    }


def test_functions_described_only_in_the_answer_on_innovation(made: Path) -> None:
    functions = {str(f.value) for f in parsed(made / "ter_only.docx").functions}
    assert functions == {"mediation", "fablab"}


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_the_same_facts_in_word_and_in_pdf(made: Path, suffix: str) -> None:
    technique = parsed(made / f"one{suffix}")
    assert [f.value for f in technique.functions] == ["coworking"]
    assert technique.contact is not None and technique.contact.value == "Karim Benali"
    assert technique.plan_years == ("2027", "2028", "2029")
    assert technique.elected_official is not None
    assert technique.elected_official.value == "Sophie Lehner"


# ------------------------------------------------------------------------------------------
# Start date: the labelled line, never the roadmap's launch
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_the_labelled_start_date_wins_over_the_roadmap_launch(made: Path, suffix: str) -> None:
    technique = parsed(made / f"launched{suffix}")
    assert technique.start_date is not None
    assert technique.start_date.value == "2027-04-01"
    assert "Date de début du plan d'action" in technique.start_date.sentence
    aid3 = {a.question: a for a in technique.answers}["AID-3"]
    assert not aid3.by_content
    assert aid3.heading == "Date de début du plan d'action (dépenses éligibles)"
    assert (
        aid3.lines[0][1] == "Date de début du plan d'action (dépenses éligibles) : 1er avril 2027."
    )


def test_a_start_in_prose_wins_over_the_roadmap_launch(made: Path) -> None:
    technique = parsed(made / "prose_start.docx")
    assert technique.start_date is not None
    assert technique.start_date.value == "2027-03-01"
    assert technique.start_date.sentence.startswith("Le lieu démarrera ses activités")
