"""Tables in a PDF dossier technique, read cell by cell without losing the page around them.

A page whose rules draw a table is laid out (``headings.table_pages``), with or without an
amount on it, and only its tables are read from the layout: the page's other lines stay the
text every reader sees, so the titles before and after a table still find their answers,
bulleted lists stay lists, and the table's rows are read as a Word table's are (« Foyer rural
de Pernes : Pernes, ateliers d'initiation au numérique »). Three shapes applicants send:

- the réseau's places as a table « Lieu | Commune | Fonctions », prose before and after it,
  the next question's title and answer on the same page (T018 names the place of one
  function);
- the plan d'action as a table « Année | Actions » (no amount on its page);
- the whole dossier as the call's template, a two-column table « Question | Réponse », an
  answer of several paragraphs and a bulleted list in one cell.

No page of these documents holds an amount (``budget.region_pages`` chooses none): the table
alone is why a page is laid out. PDFs drawn with reportlab as a word processor exports them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from realistic import technique as realistic

from conftest import write_pdf
from dossierkit.call import load_call
from dossierkit.cli import cli
from dossierkit.pieces import MAX_TECHNIQUE_TABLE_PAGES, budget, layout_pages
from dossierkit.pieces.technique import TechniqueFacts
from dossierkit.pieces.technique.headings import table_pages, units
from dossierkit.reading.layout import LayoutTask, lay_out
from dossierkit.reading.model import Table
from dossierkit.reading.pdf import read_pdf
from dossierkit.verify import parse_file

CALL = load_call()
FILE = "Dossier technique.pdf"

# A cell holds one paragraph, or several (a tuple).
Cell = str | tuple[str, ...]
Rows = Sequence[Sequence[Cell]]

PLACES: Rows = [
    ["Lieu", "Commune", "Fonctions"],
    [
        "La Fabrique",
        "Saint-Pol-sur-Ternoise",
        "atelier de fabrication numérique, espace de travail partagé",
    ],
    [
        "Médiathèque de Frévent",
        "Frévent",
        "accompagnement aux démarches en ligne, bureaux à la journée pour les salariés",
    ],
    [
        "Maison des services",
        "Auxi-le-Château",
        "aide aux démarches en ligne, conseil aux entrepreneurs",
    ],
    ["Foyer rural de Pernes", "Pernes", "ateliers d'initiation au numérique"],
]
# The réseau's prose (its complementarity told too), then the table of its places.
BEFORE_PLACES = (realistic.NETWORK["NAT-2"][2][0], "Liste prévisionnelle des lieux à animer :")
AFTER_PLACES = (
    "Chaque lieu garde ses horaires ; un agenda commun les rassemble sur le site du réseau.",
)
PLAN: Rows = [
    ["Année", "Actions principales"],
    ["Année 1", "Recrutement de l'animatrice, aménagement et ouverture"],
    ["Année 2", "Créneaux pour les professionnels, ouverture le samedi"],
    ["Année 3", "Antennes mobiles dans trois bourgs-centres"],
]
BEFORE_PLAN = ("Nos actions, année par année :",)
AFTER_PLAN = ("Le comité de pilotage fait le bilan de chaque année en décembre.",)
# The expenses told without an amount: no page can hold a summary of the Région's aid.
NO_AMOUNT = (
    "Le budget prévisionnel joint détaille les dépenses de fonctionnement (poste d'animation, "
    "loyer, consommables) et d'investissement (équipement et mobilier).",
)
# The answers the template's table needs beyond ``realistic``'s (the roadmap's vote is told
# in its own row, the réseau's places and their complementarity in theirs).
QR_ANSWERS = {
    "NAT-2": ("Sans objet : la demande porte sur un réseau de lieux.",),
    "TER-3": ("Votée : le conseil communautaire l'a adoptée le 18 mars 2025.",),
    "TER-6": (
        "Les quatre lieux se complètent : chacun a sa spécialité et renvoie vers les autres.",
    ),
    "AID-4": NO_AMOUNT,
}


def write_technique(path: Path, blocks: Sequence[tuple[str, Any]]) -> Path:
    """The document ``blocks`` as a word processor exports it: (``title``|``h1``|``h2``|``p``|
    ``li``, text) and (``table``, rows), a table in a grid of thin rules, its first row in
    bold, a cell of several paragraphs (a tuple) with its items (« • … ») as a list."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    body = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=13, spaceAfter=4)
    bullet = ParagraphStyle("bullet", parent=body, leftIndent=14, bulletIndent=4)
    bold = ParagraphStyle("bold", parent=body, fontName="Helvetica-Bold")
    styles = {
        "title": ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=18, leading=22),
        "h1": ParagraphStyle(
            "h1", fontName="Helvetica-Bold", fontSize=14, leading=18, spaceBefore=10
        ),
        "h2": ParagraphStyle(
            "h2", fontName="Helvetica-Bold", fontSize=12, leading=15, spaceBefore=6
        ),
        "p": body,
    }

    def paragraph(text: str, style: ParagraphStyle = body) -> Paragraph:
        if text.startswith("• "):
            return Paragraph(text[2:], bullet, bulletText="•")
        return Paragraph(text, style)

    story: list[object] = []
    width = A4[0] - 4 * cm
    for kind, content in blocks:
        if kind != "table":
            story.append(paragraph(f"• {content}" if kind == "li" else content, styles[kind]))
            continue
        columns = len(content[0])
        grid = Table(
            [
                [
                    [paragraph(p, bold if n == 0 else body) for p in value]
                    if isinstance(value, tuple)
                    else paragraph(value, bold if n == 0 else body)
                    for value in row
                ]
                for n, row in enumerate(content)
            ],
            colWidths=[width * 0.4, width * 0.6] if columns == 2 else [width / columns] * columns,
        )
        grid.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        story += [grid, Spacer(1, 6)]
    path.parent.mkdir(parents=True, exist_ok=True)
    SimpleDocTemplate(
        str(path), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm, invariant=1
    ).build(story)
    return path


def _with_tables(
    parts: tuple[tuple[str, tuple[realistic.Answer, ...]], ...],
    tables: dict[str, tuple[tuple[str, ...], Rows, tuple[str, ...]]],
) -> list[tuple[str, Any]]:
    """The association's dossier under its own titles, the answers of ``tables`` replaced by
    (paragraphs before, the table, paragraphs after)."""
    blocks: list[tuple[str, Any]] = [("title", "Dossier technique — La Fabrique du Ternois")]
    for part, items in parts:
        blocks.append(("h1", part))
        for qid, heading, paragraphs in items:
            blocks.append(("h2", heading))
            before, rows, after = tables.get(qid, (paragraphs, (), ()))
            blocks += [("p", text) for text in before]
            if rows:
                blocks.append(("table", rows))
            blocks += [("p", text) for text in after]
    return blocks


def _question_answer() -> list[tuple[str, Any]]:
    """The dossier as the call's template: under each section's title, a table « Question |
    Réponse » whose first column repeats the call's questions, the réseau's places a
    bulleted list in their answer's cell."""
    answers = {
        qid: paragraphs
        for _, items in realistic.answers(network=True)
        for qid, _, paragraphs in items
    } | QR_ANSWERS
    blocks: list[tuple[str, Any]] = [("title", "Dossier technique — La Fabrique du Ternois")]
    for section, title in CALL.sections.items():
        rows: list[list[Cell]] = [["Question", "Réponse"]]
        rows += [
            [q.text, answers[q.id] if len(answers[q.id]) > 1 else answers[q.id][0]]
            for q in CALL.questions
            if q.section == section
        ]
        blocks += [("h1", title["fr"]), ("table", rows)]
    return blocks


VARIANTS: dict[str, list[tuple[str, Any]]] = {
    "places-between-prose": _with_tables(
        realistic.answers(network=True, replace={"AID-4": NO_AMOUNT}),
        {"NAT-3": (BEFORE_PLACES, PLACES, AFTER_PLACES)},
    ),
    "plan-table": _with_tables(
        realistic.answers(replace={"AID-4": NO_AMOUNT}),
        {"AID-1": (BEFORE_PLAN, PLAN, AFTER_PLAN)},
    ),
    "question-answer": _question_answer(),
}
NETWORK = {"places-between-prose", "question-answer"}


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each variant's dossier: its dossier technique, its plan or map, its dossier.yaml."""
    folders = {}
    for name, blocks in VARIANTS.items():
        folder = tmp_path_factory.mktemp(name)
        write_technique(folder / FILE, blocks)
        if name in NETWORK:
            (folder / "dossier.yaml").write_text(realistic.manifest("network-place-one-function"))
            write_pdf(folder / "Carte des lieux.pdf", ["Carte des lieux du réseau du Ternois"])
        else:
            (folder / "dossier.yaml").write_text(realistic.manifest("plan-one-year"))
            write_pdf(folder / "Plan d'agencement.pdf", ["Plan d'agencement de la Fabrique"])
        folders[name] = folder
    return folders


@pytest.fixture(scope="module")
def verified(made: dict[str, Path]) -> dict[str, dict[str, Any]]:
    """The report of ``dossierkit verify`` on each variant."""
    reports = {}
    for name, folder in made.items():
        result = CliRunner().invoke(cli, ["verify", str(folder), "--format", "json"])
        assert "Traceback" not in result.output, result.output
        reports[name] = json.loads(result.output)
    return reports


def _t_findings(report: dict[str, Any]) -> list[tuple[str, str, str, int | None]]:
    return [
        (f["code"], f["severity"], f["file"], f["page"])
        for f in report["findings"]
        if f["code"].startswith("T")
    ]


def _parsed(path: Path) -> TechniqueFacts:
    technique = parse_file(path, "dossier_technique", CALL)
    assert isinstance(technique, TechniqueFacts)
    return technique


def _answers(technique: TechniqueFacts) -> dict[str, Any]:
    return {a.question: a for a in technique.answers}


@pytest.mark.parametrize("name", list(VARIANTS))
def test_only_the_pages_drawing_a_table_are_laid_out(made: dict[str, Path], name: str) -> None:
    document = read_pdf(made[name] / FILE)
    assert budget.region_pages(document) == ()
    chosen = layout_pages("dossier_technique", document)
    tables = {n for n, page in enumerate(document.pages, 1) if page.rules}
    assert chosen and set(chosen) <= tables


def _ruled_pages(path: Path, count: int) -> Path:
    """A PDF of ``count`` pages, each drawing a table of three rows, the last page's the
    budget's summary (« Subvention Région | 40 000 € »)."""
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), invariant=1)
    for number in range(1, count + 1):
        last = number == count
        rows = [("Lieu", "Fonctions"), (f"Lieu {number}", "médiation, coworking")]
        rows.append(("Subvention Région", "40 000 €") if last else ("Total", "2 fonctions"))
        for n, (left, right) in enumerate(rows):
            top = 700 - 20 * n
            pdf.drawString(75, top - 14, left)
            pdf.drawString(275, top - 14, right)
            pdf.line(70, top, 470, top)
        pdf.line(70, 640, 470, 640)
        for x in (70, 270, 470):
            pdf.line(x, 700, x, 640)
        pdf.showPage()
    pdf.save()
    return path


def test_a_long_document_of_tables_lays_out_its_first_table_pages_only(tmp_path: Path) -> None:
    document = read_pdf(_ruled_pages(tmp_path / FILE, MAX_TECHNIQUE_TABLE_PAGES + 3))
    assert len(table_pages(document)) == MAX_TECHNIQUE_TABLE_PAGES + 3
    # The first pages of tables, and the page of the Région's figures beyond them.
    last = MAX_TECHNIQUE_TABLE_PAGES + 3
    assert layout_pages("dossier_technique", document) == (
        *range(1, MAX_TECHNIQUE_TABLE_PAGES + 1),
        last,
    )


def test_the_places_table_between_prose_names_the_place_of_one_function(
    made: dict[str, Path], verified: dict[str, dict[str, Any]]
) -> None:
    report = verified["places-between-prose"]
    assert _t_findings(report) == [("T018", "warning", FILE, 1)]
    [t018] = [f for f in report["findings"] if f["code"] == "T018"]
    assert "« Foyer rural de Pernes » ne couvre que médiation" in t018["message"]
    assert "Frévent" not in t018["message"] and "« Lieu »" not in t018["message"]
    technique = _parsed(made["places-between-prose"] / FILE)
    assert {p.name: set(p.functions) for p in technique.network_places} == {
        "La Fabrique": {"fablab", "coworking"},
        "Médiathèque de Frévent": {"mediation", "teletravail"},
        "Maison des services": {"mediation", "aide_porteurs_projets"},
        "Foyer rural de Pernes": {"mediation"},
    }
    answers = _answers(technique)
    # The réseau's answer keeps its prose before and after the table, its rows in between.
    lines = [text.strip() for _, text in answers["NAT-3"].lines]
    assert lines[0].startswith("Une coordinatrice fera tourner")
    after = lines.index(AFTER_PLACES[0])
    assert lines[after - 1] == "Foyer rural de Pernes : Pernes, ateliers d'initiation au numérique"
    assert "Lieu : Commune, Fonctions" not in lines
    # The next titles, on the same page, still find their answers.
    assert (answers["GOV-1"].heading, answers["GOV-1"].page) == ("Qui sommes-nous ?", 1)
    assert technique.contact is not None and technique.contact.value == "Thomas Caron"


def test_the_plan_table_without_amounts_keeps_its_years(
    made: dict[str, Path], verified: dict[str, dict[str, Any]]
) -> None:
    report = verified["plan-table"]
    assert _t_findings(report) == []
    [years] = [f for f in report["facts"] if f["name"] == "plan.years"]
    assert years["value"] == "annee 1,annee 2,annee 3"
    answers = _answers(_parsed(made["plan-table"] / FILE))
    assert [text.strip() for _, text in answers["AID-1"].lines] == [
        BEFORE_PLAN[0],
        "Année 1 : Recrutement de l'animatrice, aménagement et ouverture",
        "Année 2 : Créneaux pour les professionnels, ouverture le samedi",
        "Année 3 : Antennes mobiles dans trois bourgs-centres",
        AFTER_PLAN[0],
    ]
    # The years are no titles: the first year's plan keeps its own.
    assert answers["AID-2"].heading == "La première année"
    assert not answers["AID-2"].by_content


def test_a_question_answer_table_answers_every_question(
    made: dict[str, Path], verified: dict[str, dict[str, Any]]
) -> None:
    report = verified["question-answer"]
    assert _t_findings(report) == [("T018", "warning", FILE, 1)]
    [t018] = [f for f in report["findings"] if f["code"] == "T018"]
    assert "« Foyer rural de Pernes » ne couvre que médiation" in t018["message"]
    technique = _parsed(made["question-answer"] / FILE)
    answers = _answers(technique)
    # Every question is found by its own row, the call's words in the first cell.
    assert {q.id: (answers[q.id].heading, answers[q.id].by_content) for q in CALL.questions} == {
        q.id: (q.text, False) for q in CALL.questions
    }
    # A cell of several paragraphs: the answer, then each item of its list on its own line.
    lines = [text.strip() for _, text in answers["NAT-3"].lines]
    assert lines[-1] == "• Foyer rural de Pernes : ateliers d'initiation au numérique"
    assert len(lines) == 5
    assert technique.start_date is not None and technique.start_date.value == "2027-01-01"
    assert technique.plan_years == ("2027", "2028", "2029")


def test_only_the_table_s_lines_change_and_a_table_the_text_lacks_changes_none(
    made: dict[str, Path],
) -> None:
    path = made["places-between-prose"] / FILE
    document = read_pdf(path)
    laid_out = lay_out(LayoutTask(path, document, layout_pages("dossier_technique", document)))
    text = [u.text for u in units(document)]
    kept = [u.text for u in units(laid_out) if not u.cell]
    # The page's other lines are its text, in order: only the run of the table's lines went.
    start = next(n for n, (a, b) in enumerate(zip(text, kept, strict=False)) if a != b)
    removed = text[start : start + len(text) - len(kept)]
    assert text[:start] + text[start + len(removed) :] == kept
    assert removed[0] == "Lieu Commune Fonctions"
    assert removed[-1].startswith("Foyer rural de Pernes")
    # A grid whose table the page's text does not hold (a layout read wrong) changes nothing.
    wrong = Table("p. 1", (("Atelier", "Montreuil"), ("Bureau", "Vincennes")), page=1)
    assert [u.text for u in units(replace(laid_out, tables=(wrong,)))] == text


# A table whose row breaks over the page, as Word and LibreOffice break it by default
# (« autoriser le fractionnement des lignes ») : each cell's lines, page by page.
IDENTITY_PAGE_1 = [
    (["Rôle"], ["Nom"], ["Fonction"]),
    (
        ["Structure", "porteuse"],
        ["Agglomération Creil Sud Oise"],
        ["communauté", "d'agglomération"],
    ),
    (["Responsable légal"], ["Jean-Claude Villemain"], ["Président"]),
    (["Interlocuteur", "projet"], ["Karim Benali"], ["chargé de mission", "économie"]),
    (["Élu référent", "(binôme)"], ["Mme Sophie Lehner"], ["vice-présidente au"]),
]
IDENTITY_PAGE_2 = [
    ([], [], ["numérique"]),
    (["Agent référent", "(binôme)"], ["Karim Benali"], ["chargé de mission", "économie"]),
]
AFTER_IDENTITY = [
    "Un comité de pilotage se réunira chaque semestre : l'agglomération, les communes",
    "d'implantation, les partenaires de l'emploi et des représentants des usagers.",
]


def _broken_row(path: Path) -> Path:
    """The governance's table at the foot of page 1, its row « Élu référent (binôme) »
    broken over page 2 (« vice-présidente au » | « numérique »), drawn cell by cell, row by
    row, as a word processor exports it."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    edges = (60.0, 170.0, 340.0, 530.0)
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(60, 780, "Qui porte le projet ?")
    for page, rows in ((1, IDENTITY_PAGE_1), (2, IDENTITY_PAGE_2)):
        top = 200.0 if page == 1 else 800.0
        pdf.setFont("Helvetica", 10)
        pdf.line(edges[0], top, edges[-1], top)
        for row in rows:
            height = 6 + 13 * max(len(cell) for cell in row)
            for column, cell in enumerate(row):
                for n, text in enumerate(cell):
                    pdf.drawString(edges[column] + 4, top - 13 * (n + 1), text)
            for x in edges:
                pdf.line(x, top, x, top - height)
            top -= height
            pdf.line(edges[0], top, edges[-1], top)
        if page == 1:
            pdf.showPage()
    for n, text in enumerate(AFTER_IDENTITY):
        pdf.drawString(60, top - 20 - 13 * n, text)
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(60, top - 70, "Le projet dans son territoire")
    pdf.setFont("Helvetica", 10)
    pdf.drawString(
        60, top - 90, "Portée géographique : l'ensemble du territoire de l'agglomération."
    )
    pdf.save()
    return path


def test_a_row_broken_over_the_page_is_put_back_together(tmp_path: Path) -> None:
    technique = _parsed(_broken_row(tmp_path / FILE))
    gov = _answers(technique)["GOV-1"]
    assert (gov.heading, gov.page) == ("Qui porte le projet ?", 1)
    assert [text.strip() for _, text in gov.lines][-4:] == [
        "Élu référent (binôme) : Mme Sophie Lehner, vice-présidente au numérique",
        "Agent référent (binôme) : Karim Benali, chargé de mission économie",
        *AFTER_IDENTITY,
    ]
    assert technique.elected_official is not None
    assert technique.elected_official.value == "Sophie Lehner"
    assert technique.contact is not None and technique.contact.value == "Karim Benali"
