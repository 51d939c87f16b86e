"""The dossier technique: answers found whatever the layout, facts read, T checks on real files.

Each dossier here is a folder with a dossier technique written the way applicants write it
(Word with the questions as headings, a PDF export, numbered questions, their own titles),
checked through ``dossierkit verify --format json``; only the T findings are compared, the
other pieces being absent on purpose.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import SAMPLES, write_docx, write_pdf
from dossierkit.call import load_call
from dossierkit.cli import cli
from dossierkit.pieces.technique import Answer, TechniqueFacts
from dossierkit.verify import parse_file

CALL = load_call()
QUESTIONS = {q.id: q for q in CALL.questions}
SECTIONS = {"nature": "Nature du projet", "portage": "Portage, gouvernance",
            "coherence": "Cohérence territoriale", "aides": "Aides"}  # fmt: skip

# A place (lieu) carried by an association designated by its intercommunalité.
LIEU: dict[str, list[str]] = {
    "NAT-1": [
        "L'aide régionale est sollicitée pour un lieu : « La Ruche », tiers-lieu phare de la "
        "Communauté de communes du Pays de Mormal."
    ],
    "NAT-2": [
        "Le lieu réunira un fablab, un espace de coworking et des ateliers de médiation "
        "numérique pour les habitants.",
        "Le plan d'agencement est joint. Le lieu sera implanté place du Marché au Quesnoy, à "
        "deux pas de la gare routière.",
    ],
    "GOV-1": [
        "Structure de portage : Association La Ruche numérique, 3 place du Marché, 59530 Le "
        "Quesnoy. Responsable légal : Mme Hélène Carpentier, présidente. Interlocuteur sur le "
        "projet : M. Julien Masson, coordinateur (03 27 49 12 30)."
    ],
    "GOV-2": [
        "Un comité de pilotage se réunira deux fois par an avec la Région et la CC du Pays de "
        "Mormal.",
        "Le binôme est constitué de M. Didier Lemaire, vice-président chargé du numérique "
        "(élu), et de Mme Laura Boulanger, chargée de mission numérique (agent référent).",
    ],
    "GOV-3": [
        "Le conseil communautaire de la CC du Pays de Mormal a désigné l'association comme "
        "porteuse du tiers-lieu par délibération du 2 octobre 2026."
    ],
    "TER-1": ["Le projet couvre les 53 communes de la CC du Pays de Mormal."],
    "TER-2": ["Le tiers-lieu met en œuvre l'axe 2 de la feuille de route numérique."],
    "TER-3": ["La feuille de route a été votée le 12 mars 2025."],
    "TER-4": ["Le lieu travaillera avec les médiathèques et l'espace France Services."],
    "TER-5": [
        "Le fablab et le coworking feront se rencontrer artisans, indépendants et habitants."
    ],
    "AID-1": ["2027 : ouverture du lieu. 2028 : montée en charge du fablab. 2029 : consolidation."],
    "AID-2": [
        "En 2027, 600 habitants suivront les ateliers de médiation et dix indépendants "
        "utiliseront le coworking."
    ],
    "AID-3": ["Le plan d'action débutera le 1er mars 2027, date de début des dépenses éligibles."],
    "AID-4": ["Les dépenses d'animation représentent 60 000 € par an ; l'équipement 40 000 €."],
    "AID-5": ["L'animation sera internalisée : un animateur sera recruté à temps plein en CDI."],
    "AID-6": ["La communauté de communes reprendra progressivement le financement du poste."],
    "AID-7": ["Non, le lieu n'a jamais bénéficié d'une aide régionale."],
    "AID-8": ["Non, Le Quesnoy ne compte pas de quartier prioritaire."],
    "AID-9": ["Oui, une mise en relation avec les fablabs de la région."],
}

# A network (réseau) carried by the intercommunalité itself.
RESEAU: dict[str, list[str]] = {
    **{q: a for q, a in LIEU.items() if q not in ("NAT-2", "GOV-3")},
    "NAT-1": [
        "L'aide régionale est sollicitée pour l'animation d'un réseau de quatre lieux, et non "
        "pour un lieu unique."
    ],
    "NAT-3": [
        "La coordinatrice fera circuler équipements et animations entre les lieux.",
        "Liste prévisionnelle des lieux à animer :",
        "Médiathèque de Corbie : médiation numérique, coworking",
        "Atelier de Villers-Bretonneux : fablab, coworking",
        "Maison des services de Daours : télétravail ponctuel, médiation numérique",
    ],
    "GOV-1": [
        "Structure de portage : Communauté de communes du Val de Somme, 2 rue de l'Hôtel de "
        "ville, 80800 Corbie. Responsable légal : M. Alain Babaut, président. Interlocutrice "
        "sur le projet : Mme Claire Vasseur, chargée de mission numérique."
    ],
    "TER-6": ["Corbie accueille la médiation, Villers-Bretonneux le fablab."],
    "AID-5": [
        "L'animation sera internalisée : une coordinatrice à temps plein sera recrutée en CDD."
    ],
}


def _lines(text: str) -> list[str]:
    """A paragraph as a word processor lays it out in a PDF: lines of about 85 characters."""
    return textwrap.wrap(text, 85)


def technique_docx(
    path: Path, answers: dict[str, list[str]], heading: Callable[[str], str] | None = None
) -> Path:
    """A Word dossier technique: sections as Heading 1, questions as Heading 2."""
    heading = heading or (lambda qid: QUESTIONS[qid].text)
    paragraphs: list[tuple[str, int]] = [("Dossier technique", 1)]
    section = None
    for q in CALL.questions:
        if q.id not in answers:
            continue
        if q.section != section:
            section = q.section
            paragraphs.append((SECTIONS[section], 1))
        paragraphs.append((heading(q.id), 2))
        paragraphs += [(text, 0) for text in answers[q.id]]
    return write_docx(path, paragraphs)


def technique_pdf(
    path: Path, answers: dict[str, list[str]], heading: Callable[[str], str] | None = None
) -> Path:
    """A PDF export: one page per section of the call, long lines wrapped."""
    heading = heading or (lambda qid: QUESTIONS[qid].text)
    pages: dict[str, list[str]] = {}
    for q in CALL.questions:
        if q.id in answers:
            page = pages.setdefault(q.section, [SECTIONS[q.section]])
            page += _lines(heading(q.id))
            for text in answers[q.id]:
                page += _lines(text)
    return write_pdf(path, *pages.values())


def plan(folder: Path) -> None:
    write_pdf(folder / "Plan d'agencement.pdf", ["Plan d'agencement du tiers-lieu", "Fablab 60 m²"])


def _verify(folder: Path) -> dict[str, Any]:
    result = CliRunner().invoke(cli, ["verify", str(folder), "--format", "json"])
    assert "Traceback" not in result.output, result.output
    report: dict[str, Any] = json.loads(result.output)
    return report


def t_findings(folder: Path) -> list[tuple[str, str, str | None, str | None, int | None]]:
    """The T findings of the report as (code, severity, piece, file, page)."""
    return [
        (f["code"], f["severity"], f["piece"], f["file"], f["page"])
        for f in _verify(folder)["findings"]
        if f["code"].startswith("T")
    ]


def facts(folder: Path) -> dict[str, tuple[object, int | None]]:
    """Inferred facts read in the dossier technique, as name → (value, page)."""
    return {
        f["name"]: (f["value"], f["page"])
        for f in _verify(folder)["facts"]
        if f["origin"] == "inferred" and (f["file"] or "").startswith("Dossier technique")
    }


def parsed(path: Path) -> TechniqueFacts:
    technique = parse_file(path, "dossier_technique", CALL)
    assert isinstance(technique, TechniqueFacts)
    return technique


# ------------------------------------------------------------------------------------------
# Complete dossiers pass
# ------------------------------------------------------------------------------------------


def test_complete_lieu_in_docx_passes(tmp_path: Path) -> None:
    technique_docx(tmp_path / "Dossier technique.docx", LIEU)
    plan(tmp_path)
    assert t_findings(tmp_path) == []
    found = facts(tmp_path)
    assert found["project.form"] == ("lieu", None)
    assert found["project.functions"] == ("mediation,coworking,fablab", None)
    assert found["project.start_date"] == ("2027-03-01", None)
    assert found["animation.mode"] == ("interne", None)
    assert found["animation.full_time"] == (True, None)
    assert found["governance.steering_committee"] == (True, None)
    assert found["governance.elected_official"] == ("Didier Lemaire", None)
    assert found["governance.referent_agent"] == ("Laura Boulanger", None)
    assert found["prior_aid"] == ("none", None)
    assert found["project.qpv"] == (False, None)


def test_complete_lieu_in_pdf_passes_and_facts_cite_their_page(tmp_path: Path) -> None:
    technique_pdf(tmp_path / "Dossier technique.pdf", LIEU)
    plan(tmp_path)
    assert t_findings(tmp_path) == []
    found = facts(tmp_path)
    assert found["project.form"] == ("lieu", 1)
    assert found["governance.elected_official"] == ("Didier Lemaire", 2)
    assert found["project.start_date"] == ("2027-03-01", 4)
    assert found["project.qpv"] == (False, 4)


def test_pdf_headings_that_wrap_over_lines_are_found(tmp_path: Path) -> None:
    technique = parsed(technique_pdf(tmp_path / "Dossier technique.pdf", LIEU))
    assert [a.question for a in technique.answers] == list(LIEU)
    nat2 = technique.answer("NAT-2")
    assert nat2 is not None and nat2.page == 1
    assert nat2.heading == " ".join(_lines(QUESTIONS["NAT-2"].text))
    assert nat2.text.startswith("Le lieu réunira un fablab")
    assert "Le plan d'agencement est joint" not in nat2.heading


# ------------------------------------------------------------------------------------------
# Unanswered and placeholder answers
# ------------------------------------------------------------------------------------------


def test_question_left_empty_in_docx_is_an_error_naming_it(tmp_path: Path) -> None:
    technique_docx(tmp_path / "Dossier technique.docx", {**LIEU, "TER-3": []})
    plan(tmp_path)
    assert t_findings(tmp_path) == [
        ("T001", "error", "dossier_technique", "Dossier technique.docx", None)
    ]
    message = next(f["message"] for f in _verify(tmp_path)["findings"] if f["code"] == "T001")
    assert "TER-3" in message and QUESTIONS["TER-3"].text in message
    assert "a un titre mais pas de réponse" in message and "Dossier technique.docx" in message


def test_question_left_out_is_an_error(tmp_path: Path) -> None:
    technique_docx(
        tmp_path / "Dossier technique.docx", {q: a for q, a in LIEU.items() if q != "AID-9"}
    )
    plan(tmp_path)
    assert t_findings(tmp_path) == [
        ("T001", "error", "dossier_technique", "Dossier technique.docx", None)
    ]
    message = next(f["message"] for f in _verify(tmp_path)["findings"] if f["code"] == "T001")
    assert "AID-9 n'est pas traitée" in message


def test_a_compléter_in_pdf_is_an_error_on_the_page_of_its_question(tmp_path: Path) -> None:
    technique_pdf(tmp_path / "Dossier technique.pdf", {**LIEU, "AID-6": ["À compléter"]})
    plan(tmp_path)
    assert t_findings(tmp_path) == [
        ("T002", "error", "dossier_technique", "Dossier technique.pdf", 4)
    ]
    message = next(f["message"] for f in _verify(tmp_path)["findings"] if f["code"] == "T002")
    assert "AID-6" in message and "« À compléter »" in message


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("À compléter", "placeholder"),
        ("(réponse à compléter)", "placeholder"),
        ("TODO", "placeholder"),
        ("xxx", "placeholder"),
        ("…", "placeholder"),
        ("N/A", "not_applicable"),
        ("Sans objet.", "not_applicable"),
        ("", "empty"),
        ("Non.", "answered"),
        ("Néant.", "answered"),
        ("À préciser avec la communauté de communes lors du comité de pilotage de janvier 2027 "
         "et selon les résultats de l'appel à candidatures.", "answered"),
    ],
)  # fmt: skip
def test_answer_status(text: str, status: str) -> None:
    assert Answer("AID-9", "", None, ((None, text),) if text else ()).status == status


def test_sans_objet_under_a_question_of_unknown_applicability_says_nothing(tmp_path: Path) -> None:
    # No courrier and a carrier the letterhead cannot name: the structure is unknown, so the
    # legitimation question applies only if the document answers it.
    answers = {
        **LIEU,
        "GOV-1": [
            "La Ruche, 3 place du Marché au Quesnoy. Contact : Julien Masson, 03 27 49 12 30."
        ],
        "GOV-3": ["Sans objet"],
    }
    technique_docx(tmp_path / "Dossier technique.docx", answers)
    plan(tmp_path)
    report = _verify(tmp_path)
    assert not [f for f in report["facts"] if f["name"] == "structure.kind"]
    assert [f["code"] for f in report["findings"] if f["code"].startswith("T")] == []


# ------------------------------------------------------------------------------------------
# Layouts: numbered questions, the applicant's own headings
# ------------------------------------------------------------------------------------------


def _number(qid: str) -> str:
    return f"{[q.id for q in CALL.questions].index(qid) + 1}."


def test_questions_numbered_instead_of_repeated(tmp_path: Path) -> None:
    technique_docx(tmp_path / "Dossier technique.docx", LIEU, heading=_number)
    plan(tmp_path)
    assert t_findings(tmp_path) == []
    technique = parsed(tmp_path / "Dossier technique.docx")
    assert [a.question for a in technique.answers] == list(LIEU)
    assert technique.answer("AID-3") == Answer("AID-3", "15.", None, ((None, LIEU["AID-3"][0]),))


def test_numbers_per_section_and_question_labels_with_the_answer_inline(tmp_path: Path) -> None:
    by_section: dict[str, list[str]] = {}
    for q in CALL.questions:
        by_section.setdefault(q.section, []).append(q.id)
    pages = []
    for number, (section, ids) in enumerate(by_section.items(), start=1):
        lines = [f"{number}. {SECTIONS[section]}"]
        for index, qid in enumerate(ids, start=1):
            if qid in LIEU and section == "aides":
                lines += _lines(f"Question {index} : {LIEU[qid][0]}")
            elif qid in LIEU:
                lines += [f"{number}.{index}", *(line for a in LIEU[qid] for line in _lines(a))]
        pages.append(lines)
    technique = parsed(write_pdf(tmp_path / "Dossier technique.pdf", *pages))
    assert [a.question for a in technique.answers] == list(LIEU)
    aid3 = technique.answer("AID-3")
    assert aid3 is not None and aid3.heading == "Question 3 :" and aid3.page == 4
    assert " ".join(text for _, text in aid3.lines) == LIEU["AID-3"][0]


def test_answer_on_the_question_s_line_and_a_summary_before_the_answers(tmp_path: Path) -> None:
    summary = [("Sommaire", 1), (QUESTIONS["TER-1"].text, 0), (QUESTIONS["TER-3"].text, 0)]
    body = [
        (f"{QUESTIONS['TER-1'].text} Le projet couvre 53 communes.", 0),
        (QUESTIONS["TER-3"].text, 0),
        ("Elle a été votée.", 0),
        ("Annexes", 1),
        ("Plan d'agencement joint.", 0),
    ]
    technique = parsed(write_docx(tmp_path / "Dossier technique.docx", summary + body))
    assert technique.answers == (
        Answer("TER-1", QUESTIONS["TER-1"].text, None, ((None, "Le projet couvre 53 communes."),)),
        Answer("TER-3", QUESTIONS["TER-3"].text, None, ((None, "Elle a été votée."),)),
    )
    pdf = write_pdf(
        tmp_path / "Dossier technique.pdf",
        [
            "Comment le projet de tiers-lieu s'articule-t-il avec la feuille de",
            "route numérique du territoire ? Il en est l'axe 2.",
        ],
    )
    assert parsed(pdf).answers == (
        Answer("TER-2", QUESTIONS["TER-2"].text, 1, ((1, "Il en est l'axe 2."),)),
    )  # fmt: skip


def test_questions_and_answers_in_a_two_column_table(tmp_path: Path) -> None:
    rows = [["Question", "Réponse"]] + [[QUESTIONS[q].text, " ".join(a)] for q, a in LIEU.items()]
    write_docx(tmp_path / "Dossier technique.docx", [("Dossier technique", 1)], table=rows)
    plan(tmp_path)
    assert t_findings(tmp_path) == []
    assert facts(tmp_path)["project.form"] == ("lieu", None)


OWN = {
    "NAT-1": "Un lieu ou un réseau ?",
    "NAT-2": "Fonctions et objectifs du lieu, agencement et implantation",
    "GOV-1": "La structure porteuse",
    "GOV-2": "Gouvernance : comité de pilotage et binôme",
    "GOV-3": "Légitimation du porteur",
    "TER-1": "Portée géographique",
    "TER-2": "Articulation avec la feuille de route numérique",
    "TER-3": "Feuille de route : votée ou en élaboration",
    "TER-4": "Écosystème local",
    "TER-5": "Innovation",
    "AID-1": "Plan d'action sur trois ans",
    "AID-2": "Plan d'action de la première année",
    "AID-3": "Date de début",
    "AID-4": "Budget",
    "AID-5": "Animation internalisée ou externalisée",
    "AID-6": "Pérennisation",
    "AID-7": "Aides régionales antérieures",
    "AID-8": "Quartier prioritaire",
    "AID-9": "Autres aides souhaitées",
}


def test_own_headings_in_docx(tmp_path: Path) -> None:
    technique_docx(tmp_path / "Dossier technique.docx", LIEU, heading=OWN.__getitem__)
    plan(tmp_path)
    assert t_findings(tmp_path) == []
    technique = parsed(tmp_path / "Dossier technique.docx")
    assert {a.question: a.heading for a in technique.answers} == OWN


def test_own_headings_in_pdf(tmp_path: Path) -> None:
    technique = parsed(
        technique_pdf(tmp_path / "Dossier technique.pdf", LIEU, heading=OWN.__getitem__)
    )
    assert {a.question: a.heading for a in technique.answers} == OWN
    assert all(a.status == "answered" for a in technique.answers)


# ------------------------------------------------------------------------------------------
# What the answers must say
# ------------------------------------------------------------------------------------------


def test_one_function_is_an_error_quoting_it(tmp_path: Path) -> None:
    one = {
        **LIEU,
        "NAT-2": ["Le lieu proposera des ateliers de médiation numérique aux seniors."],
        "TER-5": ["Les ateliers rendront les habitants plus autonomes."],
        "AID-2": ["En 2027, 600 habitants suivront les ateliers."],
    }
    technique_docx(tmp_path / "Dossier technique.docx", one)
    plan(tmp_path)
    assert t_findings(tmp_path) == [
        ("T004", "error", "dossier_technique", "Dossier technique.docx", None)
    ]
    message = next(f["message"] for f in _verify(tmp_path)["findings"] if f["code"] == "T004")
    assert "ne montre qu'une des fonctions de l'appel (médiation" in message
    assert (
        "médiation : « Le lieu proposera des ateliers de médiation numérique aux seniors. »"
        in message
    )
    assert "au moins 2" in message


def test_reseau_needs_the_reseau_questions_not_the_lieu_ones(tmp_path: Path) -> None:
    technique_docx(tmp_path / "Dossier technique.docx", RESEAU)
    assert t_findings(tmp_path) == []  # the list of places is written in NAT-3
    found = facts(tmp_path)
    assert found["project.form"] == ("reseau", None)
    assert found["project.functions"][0] == "mediation,coworking,fablab,teletravail"


def test_reseau_without_complementarity_nor_list_of_places(tmp_path: Path) -> None:
    answers = {**RESEAU, "NAT-3": RESEAU["NAT-3"][:1]}
    del answers["TER-6"]
    technique_docx(tmp_path / "Dossier technique.docx", answers)
    assert t_findings(tmp_path) == [
        ("T001", "error", "dossier_technique", "Dossier technique.docx", None),
        ("T005", "warning", "carte_lieux", "Dossier technique.docx", None),
    ]
    messages = [f["message"] for f in _verify(tmp_path)["findings"] if f["code"].startswith("T")]
    assert "TER-6" in messages[0]
    assert "Carte ou liste des lieux" in messages[1] and "NAT-3" in messages[1]


def test_reseau_with_a_map_in_annex(tmp_path: Path) -> None:
    answers = {**RESEAU, "NAT-3": [*RESEAU["NAT-3"][:1], "La carte des lieux est jointe."]}
    technique_docx(tmp_path / "Dossier technique.docx", answers)
    write_pdf(tmp_path / "Carte des lieux.pdf", ["Carte des lieux du réseau", "Corbie, Daours"])
    assert t_findings(tmp_path) == []


def test_lieu_without_plan_d_agencement_is_a_warning(tmp_path: Path) -> None:
    technique_pdf(tmp_path / "Dossier technique.pdf", LIEU)
    assert t_findings(tmp_path) == [
        ("T005", "warning", "plan_agencement", "Dossier technique.pdf", 1)
    ]
    message = next(f["message"] for f in _verify(tmp_path)["findings"] if f["code"] == "T005")
    assert "Plan d'agencement" in message and "NAT-2" in message


def test_declared_form_wins_over_the_document(tmp_path: Path) -> None:
    technique_docx(tmp_path / "Dossier technique.docx", LIEU)
    plan(tmp_path)
    (tmp_path / "dossier.yaml").write_text("projet: {forme: reseau}\n", encoding="utf-8")
    report = _verify(tmp_path)
    unanswered = [f["message"] for f in report["findings"] if f["code"] == "T001"]
    assert [m.split(" la question ")[1][:5] for m in unanswered] == ["NAT-3", "TER-6"]
    assert [f["code"] for f in report["findings"] if f["code"] == "D003"] == ["D003"]


def test_lieu_and_reseau_both_claimed(tmp_path: Path) -> None:
    both = {
        **LIEU,
        "NAT-1": ["L'aide est sollicitée pour un lieu, La Ruche, et pour l'animation du réseau "
                  "des lieux du territoire."],
    }  # fmt: skip
    technique_docx(tmp_path / "Dossier technique.docx", both)
    plan(tmp_path)
    # The call makes it an error: "soit sur un lieu, soit sur l'animation d'un réseau".
    assert t_findings(tmp_path) == [
        ("T003", "error", "dossier_technique", "Dossier technique.docx", None)
    ]
    message = next(f["message"] for f in _verify(tmp_path)["findings"] if f["code"] == "T003")
    assert "à la fois pour un lieu et pour un réseau" in message
    # The one sentence that says both is quoted once (tester 5, Ponthieu: quoted twice).
    assert message.count("La Ruche") == 1
    assert (
        "« L'aide sera unique et devra porter soit sur un lieu, soit sur l'animation d'un réseau. »"
        in message
    )
    assert "project.form" not in facts(tmp_path)


def test_form_not_said_anywhere(tmp_path: Path) -> None:
    vague = {q: a for q, a in LIEU.items() if q != "NAT-2"}
    vague["NAT-1"] = ["Le projet « La Ruche » répond aux besoins du territoire."]
    technique_docx(tmp_path / "Dossier technique.docx", vague)
    findings = t_findings(tmp_path)
    assert ("T003", "warning", "dossier_technique", "Dossier technique.docx", None) in findings
    # Neither NAT-2 nor NAT-3 can be required when the form is unknown.
    assert [f for f in findings if f[0] == "T001"] == []


def test_form_from_which_of_the_lieu_or_reseau_questions_is_answered(tmp_path: Path) -> None:
    answers = {**LIEU, "NAT-1": ["Voir ci-dessous."]}
    technique = parsed(technique_docx(tmp_path / "Dossier technique.docx", answers))
    assert technique.form is not None and technique.form.value == "lieu"


def test_part_time_animation_and_missing_governance_and_date(tmp_path: Path) -> None:
    weak = {
        **LIEU,
        "GOV-2": ["Le président de la communauté de communes suivra le projet."],
        "AID-3": ["Dès que possible après la notification de l'aide."],
        "AID-5": ["L'animation sera internalisée : une animatrice à mi-temps sera recrutée."],
    }
    technique_pdf(tmp_path / "Dossier technique.pdf", weak)
    plan(tmp_path)
    assert t_findings(tmp_path) == [
        ("T006", "error", "dossier_technique", "Dossier technique.pdf", 4),
        ("T007", "warning", "dossier_technique", "Dossier technique.pdf", 2),
        ("T009", "warning", "dossier_technique", "Dossier technique.pdf", 4),
    ]
    messages = {f["code"]: f["message"] for f in _verify(tmp_path)["findings"]}
    assert "temps partiel" in messages["T006"] and "AID-5" in messages["T006"]
    assert "le comité de pilotage, l'agent référent" in messages["T007"]
    assert "AID-3" in messages["T009"]


def test_exceptional_pel_aid_of_2017_is_an_error(tmp_path: Path) -> None:
    pel = {**LIEU, "AID-7": [
        "Oui : l'espace numérique a reçu en 2017 l'aide PEL exceptionnelle pour son équipement.",
        "Il s'enrichit désormais d'un fablab et d'un espace de coworking.",
    ]}  # fmt: skip
    technique_docx(tmp_path / "Dossier technique.docx", pel)
    plan(tmp_path)
    assert t_findings(tmp_path) == [
        ("T008", "error", "dossier_technique", "Dossier technique.docx", None)
    ]
    assert facts(tmp_path)["prior_aid"] == ("PEL", None)


def test_english_messages(tmp_path: Path) -> None:
    technique_docx(tmp_path / "Dossier technique.docx", {**LIEU, "TER-3": []})
    result = CliRunner().invoke(cli, ["verify", str(tmp_path), "--format", "json", "--lang", "en"])
    message = next(
        f["message"] for f in json.loads(result.output)["findings"] if f["code"] == "T001"
    )
    assert message.startswith(
        '"Dossier technique.docx": question TER-3 has a heading but no answer'
    )


def test_scanned_technique_is_not_read_for_content(tmp_path: Path, no_tesseract: None) -> None:
    from conftest import scanned_pdf_bytes

    (tmp_path / "Dossier technique.pdf").write_bytes(scanned_pdf_bytes("Dossier technique"))
    assert t_findings(tmp_path) == []


# ------------------------------------------------------------------------------------------
# The samples
# ------------------------------------------------------------------------------------------

SAMPLE_TECHNIQUES = {
    "association-complete": ("03 - Dossier technique v2 FINAL.docx", "lieu", "association"),
    "interco-complete": ("Dossier technique.pdf", "lieu", "intercommunalite"),
    "association-incomplete": ("Dossier technique.odt", "lieu", "association"),
    "interco-incomplete": ("Dossier technique.docx", "reseau", "intercommunalite"),
}


@pytest.mark.parametrize("name", sorted(SAMPLE_TECHNIQUES))
def test_samples_answer_every_applicable_question(name: str) -> None:
    file_name, form, kind = SAMPLE_TECHNIQUES[name]
    technique = parsed(SAMPLES / name / file_name)
    facts_of_sample = {"project.form": form, "structure.kind": kind}
    applicable = [
        q.id
        for q in CALL.questions
        if q.applies_when is None or q.applies_when.evaluate(facts_of_sample)
    ]
    assert [a.question for a in technique.answers] == applicable
    assert all(a.status == "answered" for a in technique.answers)
    assert technique.form is not None and technique.form.value == form
    assert len(technique.functions) >= CALL.functions_minimum
    assert technique.steering_committee is not None
    assert technique.full_time is not None and technique.full_time.value is True


def test_sample_facts() -> None:
    lumbres = parsed(SAMPLES / "interco-complete" / "Dossier technique.pdf")
    values = {f.name: (f.value, f.page) for f in lumbres.facts}
    assert values["project.functions"] == ("mediation,coworking,fablab,teletravail", 1)
    assert values["project.start_date"] == ("2027-02-01", 3)
    assert values["governance.elected_official"] == ("Olivier Dufour", 1)
    assert values["governance.referent_agent"] == ("Sophie Leclercq", 1)
    # Aided under the PEL in 2014, and says it did not receive the exceptional aid of 2017.
    assert values["prior_aid"] == ("PEL", 3)
    assert lumbres.pel_2017 is None
    boulonnais = parsed(SAMPLES / "interco-incomplete" / "Dossier technique.docx")
    values = {f.name: f.value for f in boulonnais.facts}
    assert values["project.form"] == "reseau"
    assert values["project.qpv"] is True
    assert [f.value for f in boulonnais.annexes_inside] == ["carte_lieux"]
