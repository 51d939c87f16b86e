"""A dossier technique written in the applicant's own words is understood, not keyword-matched.

The documents come from ``tests/realistic/technique.py``: the Fab'Lab du Ternois writes its
dossier technique in Word under titles of its own, names its functions in plain words, and
exports it to PDF with LibreOffice. Each is read by the parser, and verified alone or in the
complete association sample in place of its own dossier technique.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from realistic import technique as realistic

from conftest import SAMPLES, require_tool, write_pdf
from dossierkit.call import load_call
from dossierkit.cli import cli
from dossierkit.pieces.technique import TechniqueFacts
from dossierkit.report.flatten import flatten
from dossierkit.verify import parse_file

CALL = load_call()

# The question each title of the applicant's answers; TER-3 (is the roadmap voted?) has no
# title: the passage on the roadmap says it was adopted.
HEADINGS = {
    "NAT-1": "Notre demande",
    "NAT-2": "Ce que l'on fera à la Fabrique",
    "GOV-1": "Qui sommes-nous ?",
    "GOV-2": "Qui pilote ?",
    "GOV-3": "Notre lien avec la communauté de communes",
    "TER-1": "Le territoire que nous servons",
    "TER-2": "Place dans la stratégie numérique",
    "TER-3": "Place dans la stratégie numérique",
    "TER-4": "Nos partenaires",
    "TER-5": "Innover ensemble",
    "AID-1": "Notre programme",
    "AID-2": "La première année",
    "AID-3": "Calendrier",
    "AID-4": "Les dépenses prévues",
    "AID-5": "Notre équipe et son animation",
    "AID-6": "Tenir dans la durée",
    "AID-7": "Soutiens déjà reçus",
    "AID-8": "Quartiers prioritaires",
    "AID-9": "Ce que nous attendons encore de la Région",
}
# What the sample says of itself, whatever its dossier technique: two scans read by OCR.
SAMPLE_INFO = [("F014", "Annexes/Plan d'agencement.jpg"), ("F014", "Statuts signés.pdf")]


@pytest.fixture(scope="session")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Word documents of every variant, written once."""
    folder = tmp_path_factory.mktemp("technique-words")
    variants: dict[str, dict[str, Any]] = {
        "full": {},
        "omit": {"omit": ("AID-8", "AID-9")},
        "draft": {"draft": True},
        "both": {"replace": realistic.BOTH_FORMS},
        "pel": {"replace": realistic.PEL_NOT_2017},
    }
    for name, options in variants.items():
        realistic.write_docx(folder / f"{name}.docx", realistic.answers(**options))
    return folder


@pytest.fixture(scope="session")
def exported(made: Path) -> Path:
    """The complete and the two-questions-short documents exported to PDF by LibreOffice."""
    require_tool("soffice")
    for name in ("full", "omit"):
        realistic.export_pdf(made / f"{name}.docx", made / f"{name}.pdf")
    return made


def parsed(path: Path) -> TechniqueFacts:
    technique = parse_file(path, "dossier_technique", CALL)
    assert isinstance(technique, TechniqueFacts)
    return technique


def verify(folder: Path) -> tuple[int, list[tuple[Any, ...]], dict[str, str]]:
    """(exit code, flattened findings, message by code) of ``dossierkit verify``."""
    result = CliRunner().invoke(cli, ["verify", str(folder), "--format", "json"])
    assert "Traceback" not in result.output, result.output
    findings = json.loads(result.output)["findings"]
    return result.exit_code, flatten(findings), {f["code"]: f["message"] for f in findings}


def verdict(folder: Path) -> tuple[int, list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """(exit code, errors and warnings, the (code, file) of the information findings)."""
    code, findings, _ = verify(folder)
    return (
        code,
        [f for f in findings if f[1] != "info"],
        [(f[0], f[3]) for f in findings if f[1] == "info"],
    )


def alone(tmp_path: Path, technique: Path) -> Path:
    """A dossier holding this dossier technique, under a name that says what it is, and the
    plan d'agencement it says is joined (the other pieces are left out on purpose)."""
    target = tmp_path / f"Dossier technique{technique.suffix}"
    target.write_bytes(technique.read_bytes())
    write_pdf(tmp_path / "Plan d'agencement.pdf", ["Plan d'agencement de la Fabrique", "180 m²"])
    return tmp_path


def t_only(findings: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    return [f for f in findings if str(f[0]).startswith("T")]


# ------------------------------------------------------------------------------------------
# Every question found under the applicant's titles, or in what a passage says
# ------------------------------------------------------------------------------------------


def test_titles_of_the_applicant_s_own_answer_every_question(made: Path) -> None:
    technique = parsed(made / "full.docx")
    assert {a.question: a.heading for a in technique.answers} == HEADINGS
    assert [a.question for a in technique.answers if a.by_content] == ["TER-3"]
    assert all(a.status == "answered" for a in technique.answers)


def test_functions_named_in_plain_words(made: Path) -> None:
    functions = {str(f.value): f.sentence for f in parsed(made / "full.docx").functions}
    assert functions == {
        "mediation": "des permanences d'accompagnement aux démarches en ligne pour les habitants ;",
        "coworking": "un espace de travail partagé de douze postes pour les indépendants ;",
        "fablab": "un atelier de fabrication numérique équipé de deux imprimantes 3D, d'une "
        "découpeuse laser et d'une brodeuse ;",
        "teletravail": "des bureaux à la journée pour les salariés qui veulent éviter les "
        "trajets domicile-travail vers Arras.",
    }


def test_facts_read_in_the_paraphrased_answers(made: Path) -> None:
    facts = {f.name: f.value for f in parsed(made / "full.docx").facts}
    assert facts == {
        "project.form": "lieu",
        "project.functions": "mediation,coworking,fablab,teletravail",
        "project.start_date": "2027-01-01",
        "animation.mode": "interne",
        "animation.full_time": True,
        "governance.steering_committee": True,
        "governance.elected_official": "Jean-Luc Vasseur",
        "governance.referent_agent": "Camille Lefebvre",
        "prior_aid": "none",
        "project.qpv": False,
        # What the answers say of the call's other rules.
        "project.roadmap": "votee",
        "project.places_analysis": True,
        "governance.designation": True,
        "governance.contact": "Thomas Caron",
        "plan.sustainability": "abordee",
        "plan.years": "2027,2028,2029",
    }


@pytest.mark.slow
def test_the_pdf_export_is_read_as_the_word_document(exported: Path) -> None:
    technique = parsed(exported / "full.pdf")
    assert {a.question: a.heading for a in technique.answers} == HEADINGS
    # Each answer cites the page of its title, in the order of the document (the page breaks
    # are LibreOffice's: only their order is asserted).
    pages = [a.page or 0 for a in technique.answers if not a.by_content]
    assert pages[0] == 1 and pages == sorted(pages) and pages[-1] > 1
    assert technique.answers[-1].question == "AID-9" and technique.answers[-1].page == pages[-1]
    word = parsed(exported / "full.docx")
    assert [f.value for f in technique.facts] == [f.value for f in word.facts]


@pytest.mark.slow
def test_the_complete_sample_with_a_paraphrased_technique_is_complete(
    exported: Path, tmp_path: Path
) -> None:
    folder = realistic.sample_dossier(tmp_path / "dossier", exported / "full.pdf", SAMPLES)
    assert verdict(folder) == (0, [], SAMPLE_INFO)


# ------------------------------------------------------------------------------------------
# Only what nothing answers is reported
# ------------------------------------------------------------------------------------------


def test_two_questions_truly_left_out_are_the_only_ones_reported(
    made: Path, tmp_path: Path
) -> None:
    _, findings, _ = verify(alone(tmp_path, made / "omit.docx"))
    assert t_only(findings) == [
        ("T001", "error", "dossier_technique", "Dossier technique.docx", None),
        ("T001", "error", "dossier_technique", "Dossier technique.docx", None),
    ]
    result = CliRunner().invoke(cli, ["verify", str(tmp_path), "--format", "json"])
    messages = [f["message"] for f in json.loads(result.output)["findings"] if f["code"] == "T001"]
    assert [m.split(" la question ")[1][:5] for m in messages] == ["AID-8", "AID-9"]
    assert "sous un titre qui la désigne" in messages[0]


@pytest.mark.parametrize("question", [q.id for q in CALL.questions if q.id != "TER-3"])
def test_any_question_left_out_is_left_unanswered(question: str, tmp_path: Path) -> None:
    """No other passage passes for the answer to a question the applicant left out (TER-3
    alone is answered elsewhere: the roadmap's passage says it was adopted)."""
    path = realistic.write_docx(tmp_path / "t.docx", realistic.answers(omit=(question,)))
    technique = parsed(path)
    assert not technique.answered(question)
    assert [a.question for a in technique.answers if a.by_content] == (
        [] if question == "TER-2" else ["TER-3"]
    )


@pytest.mark.slow
def test_two_questions_left_out_of_the_pdf_export(exported: Path, tmp_path: Path) -> None:
    _, findings, _ = verify(alone(tmp_path, exported / "omit.pdf"))
    assert t_only(findings) == [
        ("T001", "error", "dossier_technique", "Dossier technique.pdf", None),
        ("T001", "error", "dossier_technique", "Dossier technique.pdf", None),
    ]


def test_a_draft_with_only_titles_and_placeholders_is_never_complete(
    made: Path, tmp_path: Path
) -> None:
    folder = realistic.sample_dossier(tmp_path / "dossier", made / "draft.docx", SAMPLES)
    assert verdict(folder) == (
        1,
        [("T010", "error", "dossier_technique", "03 - Dossier technique.docx", None)],
        SAMPLE_INFO,
    )
    _, _, messages = verify(folder)
    assert messages["T010"].startswith(
        "« 03 - Dossier technique.docx » ne répond à aucune question de l'appel : les 18 "
        "questions dont il a un titre n'ont pas de réponse, ou qu'un texte d'attente "
        "(« À compléter »)."
    )


# ------------------------------------------------------------------------------------------
# Rules of the call read in the answers
# ------------------------------------------------------------------------------------------


def test_aid_asked_for_the_place_and_for_a_network_is_an_error(made: Path, tmp_path: Path) -> None:
    _, findings, messages = verify(alone(tmp_path, made / "both.docx"))
    assert t_only(findings) == [
        ("T003", "error", "dossier_technique", "Dossier technique.docx", None)
    ]
    assert "soit sur un lieu, soit sur l'animation d'un réseau" in messages["T003"]
    assert "Choisissez l'un ou l'autre" in messages["T003"]


def test_pel_aid_then_the_2017_aid_denied_is_no_cumulation(made: Path, tmp_path: Path) -> None:
    technique = parsed(made / "pel.docx")
    assert technique.pel_2017 is None
    assert technique.prior_aid is not None and technique.prior_aid.value == "PEL"
    _, findings, _ = verify(alone(tmp_path, made / "pel.docx"))
    assert t_only(findings) == []
