"""A question the applicant rewords as a heading is never read as the answer.

« Lieu ou réseau de lieux ? » names both forms; the answer below it names one. Dossiers made
outside the project (four intercommunalities and associations of the Nord) set the reworded
questions in bold body paragraphs and got T003 (« à la fois pour un lieu et pour un réseau »)
and a priority district read from « Quartier prioritaire de la politique de la ville ». The
documents come from ``tests/realistic/technique_questions.py``, in every layout Word users
give their questions: bold paragraph, heading, numbered, table, answer on the same line.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from realistic import technique_questions as realistic

from conftest import write_pdf
from dossierkit.call import load_call
from dossierkit.cli import cli
from dossierkit.pieces.technique import TechniqueFacts
from dossierkit.pieces.technique.headings import Headings
from dossierkit.pieces.technique.statements import answer_part
from dossierkit.report.flatten import flatten
from dossierkit.verify import parse_file

CALL = load_call()


@pytest.fixture(scope="session")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every layout of each form, and the priority district said yes, written once."""
    folder = tmp_path_factory.mktemp("technique-questions")
    for layout in realistic.LAYOUTS:
        for form in realistic.FORMS:
            realistic.write_docx(folder / f"{form}-{layout}.docx", layout, form)
        realistic.write_docx(folder / f"qpv-{layout}.docx", layout, qpv=True)
    return folder


def parsed(path: Path) -> TechniqueFacts:
    technique = parse_file(path, "dossier_technique", CALL)
    assert isinstance(technique, TechniqueFacts)
    return technique


def findings_on_form(folder: Path) -> list[tuple[Any, ...]]:
    """The findings of ``dossierkit verify`` on ``folder`` about the project's form (T003):
    the other questions of the call are left out of these short documents on purpose."""
    result = CliRunner().invoke(cli, ["verify", str(folder), "--format", "json"])
    assert "Traceback" not in result.output, result.output
    return [f for f in flatten(json.loads(result.output)["findings"]) if f[0] == "T003"]


def alone(folder: Path, technique: Path) -> Path:
    """A dossier of this dossier technique and the plan d'agencement it says is joined."""
    folder.mkdir()
    (folder / "Dossier technique.docx").write_bytes(technique.read_bytes())
    write_pdf(folder / "Plan d'agencement.pdf", ["Plan d'agencement de la Fabrique", "120 m²"])
    return folder


@pytest.mark.parametrize("layout", realistic.LAYOUTS)
@pytest.mark.parametrize("form", ["lieu", "reseau"])
def test_the_form_is_the_answer_s_not_the_question_s(made: Path, form: str, layout: str) -> None:
    technique = parsed(made / f"{form}-{layout}.docx")
    assert [f.value for f in technique.forms] == [form]
    # The other facts are read from the answers under the reworded questions too.
    assert technique.qpv is not None and technique.qpv.value is False
    assert technique.animation_mode is not None and technique.animation_mode.value == "interne"
    assert technique.prior_aid is not None and technique.prior_aid.value == "none"
    assert technique.start_date is not None and technique.start_date.value == "2027-03-01"


@pytest.mark.parametrize("layout", realistic.LAYOUTS)
def test_a_priority_district_said_yes_is_read(made: Path, layout: str) -> None:
    technique = parsed(made / f"qpv-{layout}.docx")
    assert technique.qpv is not None and technique.qpv.value is True


@pytest.mark.parametrize("layout", ["bold", "table", "inline"])
def test_both_forms_in_the_answer_is_still_an_error(made: Path, layout: str) -> None:
    assert [f.value for f in parsed(made / f"both-{layout}.docx").forms] == ["reseau", "lieu"]


@pytest.mark.parametrize("form", ["lieu", "reseau"])
def test_the_pdf_export_reads_the_answers_under_the_questions(tmp_path: Path, form: str) -> None:
    """Without styles, the questions are told from the wrapped lines of the answers: a line
    that ends a sentence and starts another (« … du Pays de Mormal. Responsable ») is text."""
    path = write_pdf(tmp_path / "Dossier technique.pdf", realistic.pdf_lines(form))
    technique = parsed(path)
    assert [f.value for f in technique.forms] == [form]
    answers = {a.question: a for a in technique.answers}
    assert answers["NAT-1"].heading == "Lieu ou réseau de lieux ?"
    assert answers["GOV-1"].lines[0][1].startswith("Structure porteuse : Communauté de communes")
    assert technique.qpv is not None and technique.qpv.value is False
    assert technique.animation_mode is not None and technique.animation_mode.value == "interne"


def test_the_reworded_questions_give_no_false_error(made: Path, tmp_path: Path) -> None:
    """The shape of the outside tester's dossiers: no T003 for the single place."""
    assert findings_on_form(alone(tmp_path / "lieu", made / "lieu-bold.docx")) == []
    assert findings_on_form(alone(tmp_path / "both", made / "both-bold.docx")) == [
        ("T003", "error", "dossier_technique", "Dossier technique.docx", None)
    ]


def test_only_a_label_naming_a_question_is_left_out_of_what_is_said() -> None:
    names = Headings(CALL).names_question
    assert answer_part("Lieu ou réseau de lieux ?", names) == ""
    assert answer_part("Lieu ou réseau de lieux : un lieu unique.", names) == "un lieu unique."
    assert answer_part("Animation internalisée ou externalisée : en interne", names) == (
        "en interne"
    )
    # An item of the answer that offers a choice says it: its functions are read.
    assert answer_part("Fablab ou atelier : 40 m² au rez-de-chaussée", names) == (
        "Fablab ou atelier : 40 m² au rez-de-chaussée"
    )
    assert answer_part("Agent référent : aucun", names) == "Agent référent : aucun"
