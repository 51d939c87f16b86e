"""The plan d'action of a PDF dossier technique given year by year (T019).

Applicants give the broad lines of their three years as a Word table whose first column is
the year (« Année 1 | Recrutement… », « 2027 | … ») or as lines that open on it (« Année 1 :
ouverture du lieu », « Année 1 » alone over its actions), and send the document exported to
PDF. Such a line was taken for a title: it named another question (the first year's plan, the
start date) and took the rest of the plan with it, so the plan's answer lost its years and
T019 « ne nomme aucune année » fired on a plan over three years. A year opening a line is
the plan's content; a table's rows are read as a Word table's once its page is laid out.

PDFs drawn with reportlab as a word processor exports them (``realistic.technique_pdf``):
the association's dossier technique (``realistic.technique``), its titles its own.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from realistic import technique as realistic
from realistic.technique_pdf import Rows
from realistic.technique_pdf import write_pdf as write_technique_pdf

from conftest import write_pdf
from dossierkit.cli import cli

ACTIONS = (
    "Recrutement de l'animatrice, aménagement et ouverture",
    "Créneaux pour les professionnels, ouverture le samedi",
    "Antennes mobiles dans trois bourgs-centres",
)
INTRO = "Nos actions, année par année :"


def _table(years: Sequence[str]) -> Rows:
    return [
        ["Année", "Actions principales"],
        *([y, a] for y, a in zip(years, ACTIONS[: len(years)], strict=True)),
    ]


# Each variant: (the answer to the plan's question, its table if any).
VARIANTS: dict[str, tuple[tuple[str, ...], Rows | None]] = {
    "table-annee": ((INTRO,), _table(["Année 1", "Année 2", "Année 3"])),
    "table-calendar-years": ((INTRO,), _table(["2027", "2028", "2029"])),
    "lines-annee-colon": (
        (
            INTRO,
            "Année 1 : ouverture du lieu",
            "Année 2 : créneaux pour les professionnels",
            "Année 3 : antennes mobiles",
        ),
        None,
    ),
    "lines-annee-alone": (
        (
            "Année 1",
            "Recrutement de l'animatrice, aménagement et ouverture du lieu.",
            "Année 2",
            "Créneaux pour les professionnels et ouverture le samedi.",
            "Année 3",
            "Antennes mobiles dans trois bourgs-centres.",
        ),
        None,
    ),
    "table-one-year": ((INTRO,), _table(["Année 1"])),
}


# The plan in calendar years, then the first year's plan under the title « Année 1 »: a year
# alone is still the title of the question it names.
FIRST_YEAR_TITLED = "annee-1-as-a-title"


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    """The T findings of ``dossierkit verify`` on the dossier of each variant."""
    found: dict[str, list[dict[str, Any]]] = {}
    for name, (paragraphs, table) in VARIANTS.items():
        folder = tmp_path_factory.mktemp(name)
        parts = realistic.answers(replace={"AID-1": paragraphs})
        tables = {"AID-1": table} if table else {}
        write_technique_pdf(folder / "Dossier technique.pdf", parts, tables)
        _verify(folder, name, found)
    folder = tmp_path_factory.mktemp(FIRST_YEAR_TITLED)
    parts = tuple(
        (title, tuple((q, "Année 1" if q == "AID-2" else h, p) for q, h, p in items))
        for title, items in realistic.answers()
    )
    write_technique_pdf(folder / "Dossier technique.pdf", parts)
    _verify(folder, FIRST_YEAR_TITLED, found)
    return found


def _verify(folder: Path, name: str, found: dict[str, list[dict[str, Any]]]) -> None:
    """The T findings and the plan's years of the dossier in ``folder`` (its dossier technique,
    its layout plan and its dossier.yaml), kept in ``found`` under ``name``."""
    (folder / "dossier.yaml").write_text(
        'structure:\n  nom: "Fab\'Lab du Ternois"\n  type: "association"\n'
    )
    write_pdf(folder / "Plan d'agencement.pdf", ["Plan d'agencement de la Fabrique", "180 m²"])
    result = CliRunner().invoke(cli, ["verify", str(folder), "--format", "json"])
    assert "Traceback" not in result.output, result.output
    report = json.loads(result.output)
    found[name] = [f for f in report["findings"] if f["code"].startswith("T")]
    found[name + ":years"] = [f for f in report["facts"] if f["name"] == "plan.years"]


@pytest.mark.parametrize(
    ("name", "years"),
    [
        ("table-annee", "annee 1,annee 2,annee 3"),
        ("table-calendar-years", "2027,2028,2029"),
        ("lines-annee-colon", "annee 1,annee 2,annee 3"),
        ("lines-annee-alone", "annee 1,annee 2,annee 3"),
        (FIRST_YEAR_TITLED, "2027,2028,2029"),
    ],
)
def test_a_plan_year_by_year_keeps_its_years_and_the_titles_their_answers(
    name: str, years: str, findings: dict[str, list[dict[str, Any]]]
) -> None:
    # No T019, and no other finding: the applicant's own titles still find every answer.
    assert findings[name] == []
    [fact] = findings[name + ":years"]
    assert fact["value"] == years
    assert fact["page"] == 2


def test_a_plan_table_of_one_year_gets_t019(findings: dict[str, list[dict[str, Any]]]) -> None:
    [t019] = findings["table-one-year"]
    assert (t019["code"], t019["severity"], t019["file"]) == (
        "T019",
        "warning",
        "Dossier technique.pdf",
    )
    assert "le plan d'action ne nomme qu'une seule année (annee 1)" in t019["message"]
