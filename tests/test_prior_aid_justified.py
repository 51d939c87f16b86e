"""An already aided place « (au titre des dispositifs PEL, CRNT ou ECRINS) » may be aided again
only « si ces lieux évoluent et s'enrichissent de nouvelles fonctionnalités (mais de manière non
cumulable avec l'aide PEL exceptionnelle de 2017) », and AID-7 asks: « Pouvez-vous justifier
cette nouvelle demande ou – pour le versant sud – fournir le rapport de préconisations de la
mesure d'accompagnement PEL ? »

The association Fab'Lab du Ternois (``tests/realistic/technique.py``), here in the versant sud
(CC du Val de Somme), writes its answer to AID-7 in Word the ways applicants do: never aided
(« nous n'avons jamais bénéficié d'aide régionale » is a no), aided with an evolution that
justifies the request, a reason without an evolution (« car le matériel est usé »), novelty
denied (« aucune nouvelle fonction »), a justification refused or put off (« sans
justification », « nous ne pouvons pas justifier », « à justifier ultérieurement »), a reason
for something else, the PEL report joined or said joined, the exceptional PEL aid of 2017
received or denied. Each variant states what is read and the exact T findings of ``verify``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from click.testing import CliRunner
from realistic import technique as realistic

from conftest import write_pdf
from dossierkit.cli import cli
from dossierkit.report.flatten import flatten
from dossierkit.verify import parse_file

FILE = "Dossier technique.docx"
AIDED = "La Fabrique a été aidée au titre du PEL en 2015 pour ses premiers ordinateurs."
T014_WARNING = ("T014", "warning", "dossier_technique", FILE, None)
T014_ERROR = ("T014", "error", "dossier_technique", FILE, None)
T015 = ("T015", "warning", "rapport_pel", FILE, None)
T008 = ("T008", "error", "dossier_technique", FILE, None)


class Variant(NamedTuple):
    """AID-7 as written, what is read of it, and the T findings of the dossier."""

    paragraphs: tuple[str, ...]
    prior: str | None  # prior_aid's value
    functions: str | None  # new_functions' value
    justified: bool  # request_justified found
    findings: tuple[tuple[Any, ...], ...]
    report_file: bool = False  # the PEL report joined as a file
    report_said: bool = False  # pel_report_joined found
    partners: tuple[str, ...] = ()  # the answer about partners (TER-4), when replaced


VARIANTS: dict[str, Variant] = {
    "never": Variant(("Nous n'avons jamais bénéficié d'aide régionale.",), "none", None, False, ()),
    "never-with-the-schemes": Variant(
        (
            "Non : la Fabrique n'a jamais bénéficié d'aide régionale, ni au titre du PEL ni des "
            "CRNT ou d'ECRINS.",
        ),
        "none",
        None,
        False,
        (),
    ),
    "never-then-new-place": Variant(
        (
            "Jamais : la Fabrique est un lieu nouveau, qui n'a pas bénéficié du PEL.",
            "Notre demande porte sur l'ouverture d'un atelier de fabrication numérique.",
        ),
        "none",
        "fablab",
        True,
        (),
    ),
    "new-functions-justify": Variant(
        (
            AIDED,
            "Cette nouvelle demande se justifie par ses nouvelles fonctions : un atelier de "
            "fabrication numérique et un espace de travail partagé.",
        ),
        "PEL",
        "fablab,coworking",
        True,
        (),
    ),
    "evolution-then-its-reason": Variant(
        (
            AIDED,
            "Le lieu s'enrichit désormais d'un atelier de fabrication numérique.",
            "Cette évolution justifie notre nouvelle demande.",
        ),
        "PEL",
        "fablab",
        True,
        (),
    ),
    "request-about-an-opening": Variant(
        (
            "Oui, au titre du PEL en 2015 ; notre nouvelle demande porte sur l'ouverture d'un "
            "atelier de fabrication numérique.",
        ),
        "PEL",
        "fablab",
        True,
        (),
    ),
    "asks-again-because-it-grows": Variant(
        (
            "Aidée par le PEL en 2015, la Fabrique sollicite à nouveau la Région car elle "
            "s'agrandit et accueillera un espace de travail partagé.",
        ),
        "PEL",
        "coworking",
        True,
        (),
    ),
    "evolved-hence-the-request": Variant(
        (
            "Oui, PEL 2015. Depuis, le lieu a beaucoup évolué : il accueille désormais un "
            "fablab et un espace de coworking, d'où cette nouvelle demande.",
        ),
        "PEL",
        "fablab,coworking",
        True,
        (),
    ),
    "labelled-justification": Variant(
        (
            "Oui (PEL, 2015).",
            "Justification : le lieu s'agrandit de 80 m² pour accueillir un atelier de "
            "fabrication numérique.",
        ),
        "PEL",
        "fablab",
        True,
        (),
    ),
    "labelled-but-nothing-evolves": Variant(
        (
            "Oui (PEL, 2015).",
            "Justification de la nouvelle demande : aucune évolution n'est prévue, mais la "
            "fréquentation a doublé.",
        ),
        "PEL",
        "memes",
        False,
        (T014_ERROR, T015),
    ),
    "evolution-only-possible": Variant(
        (
            "Le lieu a été soutenu par les CRNT en 2016.",
            "Il pourrait s'enrichir d'un fablab, ce qui justifierait la demande.",
        ),
        "CRNT",
        None,
        False,
        (T014_WARNING, T015),
    ),
    "evolution-without-a-reason": Variant(
        (
            "La Fabrique a reçu en 2016 une aide régionale au titre du PEL ; elle s'enrichit "
            "désormais d'un atelier de fabrication numérique et d'un espace de travail "
            "partagé.",
        ),
        "PEL",
        "fablab,coworking",
        False,
        (T015,),
    ),
    "reason-without-evolution": Variant(
        (
            AIDED,
            "Cette nouvelle demande se justifie par l'usure du matériel acheté en 2015, qu'il "
            "faut renouveler.",
        ),
        "PEL",
        None,
        False,
        (T014_WARNING, T015),
    ),
    "no-new-function": Variant(
        (
            AIDED,
            "Aucune nouvelle fonction n'est prévue : la demande se justifie par la hausse de "
            "la fréquentation.",
        ),
        "PEL",
        "memes",
        False,
        (T014_ERROR, T015),
    ),
    "has-not-evolved": Variant(
        (
            "Aidé au titre du PEL en 2015, le lieu n'a pas évolué depuis, mais notre demande "
            "se justifie par la hausse de la fréquentation.",
        ),
        "PEL",
        "memes",
        False,
        (T014_ERROR, T015),
    ),
    "without-justification": Variant(
        (
            AIDED,
            "Nous présentons cette nouvelle demande sans justification à ce stade.",
        ),
        "PEL",
        None,
        False,
        (T014_WARNING, T015),
    ),
    "cannot-justify": Variant(
        (
            "Le lieu a été aidé au titre des CRNT en 2015.",
            "Nous ne pouvons pas justifier cette nouvelle demande pour l'instant, car le "
            "conseil communautaire ne s'est pas prononcé.",
        ),
        "CRNT",
        None,
        False,
        (T014_WARNING, T015),
    ),
    "put-off": Variant(
        (
            "Le lieu a été aidé au titre du PEL en 2015 ; la demande est à justifier ultérieurement.",
        ),
        "PEL",
        None,
        False,
        (T014_WARNING, T015),
    ),
    "refused-though-it-evolves": Variant(
        (
            AIDED,
            "La justification de cette nouvelle demande sera apportée ultérieurement, quand "
            "la Fabrique s'enrichira d'un atelier de fabrication numérique.",
        ),
        "PEL",
        "fablab",
        False,
        (T015,),
    ),
    "reason-for-something-else": Variant(
        (
            AIDED,
            "Elle s'enrichit d'un atelier de fabrication numérique.",
            "La Fabrique ouvrira le samedi car les habitants travaillent à Amiens.",
        ),
        "PEL",
        "fablab",
        False,
        (T015,),
    ),
    "report-joined": Variant(
        (
            AIDED,
            "Le rapport de préconisations de la mesure d'accompagnement PEL est joint au dossier.",
        ),
        "PEL",
        None,
        False,
        (T014_WARNING,),
        report_file=True,
        report_said=True,
    ),
    "report-said-joined-but-absent": Variant(
        (
            AIDED,
            "Le rapport de préconisations de la mesure d'accompagnement PEL est joint au dossier.",
        ),
        "PEL",
        None,
        False,
        (T014_WARNING, T015),
        report_said=True,
    ),
    "report-said-joined-in-another-answer": Variant(
        (AIDED,),
        "PEL",
        None,
        False,
        (T014_WARNING,),
        report_file=True,
        report_said=True,
        partners=(
            "Nous travaillerons avec les médiathèques du Val de Somme et la Chambre de métiers.",
            "Le rapport de préconisations de la mesure d'accompagnement PEL, qui les cite, est "
            "joint en annexe.",
        ),
    ),
    "other-recommendations-joined": Variant(
        (
            AIDED,
            "Cette nouvelle demande se justifie par l'ouverture d'un atelier de fabrication "
            "numérique.",
        ),
        "PEL",
        "fablab",
        True,
        (),
        partners=(
            "Nous travaillerons avec les médiathèques du Val de Somme et la Chambre de métiers.",
            "Nous suivrons les préconisations du schéma départemental des usages numériques, "
            "joint en annexe.",
        ),
    ),
    "report-to-follow": Variant(
        (AIDED, "Le rapport de préconisations sera joint ultérieurement."),
        "PEL",
        None,
        False,
        (T014_WARNING, T015),
    ),
    "exceptional-2017-cumulated": Variant(
        (
            "La Fabrique a bénéficié de l'aide PEL exceptionnelle de 2017 ; elle s'enrichit "
            "désormais d'un atelier de fabrication numérique, ce qui justifie cette nouvelle "
            "demande.",
        ),
        "PEL",
        "fablab",
        True,
        (T008,),
    ),
    "exceptional-2017-denied": Variant(
        (
            "Aidée au titre du PEL en 2014, la Fabrique n'a pas reçu l'aide exceptionnelle de "
            "2017 ; elle s'enrichit désormais d'un atelier de fabrication numérique, ce qui "
            "justifie cette nouvelle demande.",
        ),
        "PEL",
        "fablab",
        True,
        (),
    ),
}
MANIFEST = (
    "structure:\n"
    '  nom: "Fab\'Lab du Ternois"\n'
    '  type: "association"\n'
    '  intercommunalite: "CC du Val de Somme"\n'
)


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Word dossier technique of every variant, written once."""
    folder = tmp_path_factory.mktemp("prior-aid")
    for name, variant in VARIANTS.items():
        realistic.write_docx(
            folder / f"{name}.docx",
            realistic.answers(
                replace={"AID-7": variant.paragraphs}
                | ({"TER-4": variant.partners} if variant.partners else {})
            ),
        )
    return folder


def _t_findings(folder: Path, technique: Path, report: bool) -> list[tuple[Any, ...]]:
    """The T findings of ``dossierkit verify`` on a dossier of the versant sud made of
    ``technique``, its layout plan and (``report``) the PEL report."""
    folder.mkdir()
    (folder / FILE).write_bytes(technique.read_bytes())
    (folder / "dossier.yaml").write_text(MANIFEST, encoding="utf-8")
    write_pdf(folder / "Plan d'agencement.pdf", ["Plan d'agencement de la Fabrique", "180 m²"])
    if report:
        write_pdf(
            folder / "Rapport de préconisations PEL.pdf",
            ["Rapport de préconisations", "Mesure d'accompagnement PEL — La Fabrique, 2015"],
        )
    result = CliRunner().invoke(cli, ["verify", str(folder), "--format", "json"])
    assert "Traceback" not in result.output, result.output
    found = [f for f in json.loads(result.output)["findings"] if f["code"].startswith("T")]
    return flatten(found)


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_what_the_answer_about_prior_aid_says(name: str, documents: Path) -> None:
    variant = VARIANTS[name]
    technique = parse_file(documents / f"{name}.docx", "dossier_technique")
    assert technique is not None
    assert (technique.prior_aid.value if technique.prior_aid else None) == variant.prior
    # The functions in the call's order, whatever the sentence's.
    functions = technique.new_functions
    read = str(functions.value) if functions else None
    expected = variant.functions
    assert (read and sorted(read.split(","))) == (expected and sorted(expected.split(","))), (
        functions
    )
    assert (technique.request_justified is not None) is variant.justified, (
        technique.request_justified
    )
    assert (technique.pel_report_joined is not None) is variant.report_said


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_the_findings_of_the_versant_sud_dossier(
    name: str, documents: Path, tmp_path: Path
) -> None:
    variant = VARIANTS[name]
    found = _t_findings(tmp_path / "d", documents / f"{name}.docx", variant.report_file)
    assert sorted(found) == sorted(variant.findings)


def test_the_justification_read_is_the_sentence_that_ties_the_request_to_the_evolution(
    documents: Path,
) -> None:
    technique = parse_file(documents / "evolution-then-its-reason.docx", "dossier_technique")
    assert technique is not None and technique.request_justified is not None
    assert (
        technique.request_justified.sentence == "Cette évolution justifie notre nouvelle demande."
    )
    assert technique.new_functions is not None
    assert technique.new_functions.sentence.startswith("Le lieu s'enrichit désormais")


def test_the_unjustified_request_is_told_what_justifies_it(documents: Path, tmp_path: Path) -> None:
    folder = tmp_path / "d"
    _t_findings(folder, documents / "reason-without-evolution.docx", False)
    result = CliRunner().invoke(cli, ["verify", str(folder), "--format", "json"])
    messages = {f["code"]: f["message"] for f in json.loads(result.output)["findings"]}
    assert "ni la nouvelle demande n'est justifiée par une évolution du lieu" in messages["T015"]
    assert "département 80" in messages["T015"]


@pytest.mark.parametrize(
    "sentence",
    [
        "En 2017, la Fabrique a reçu l'aide exceptionnelle PEL pour son équipement.",
        "Le lieu a perçu en 2017 l'aide exceptionnelle du PEL.",
    ],
)
def test_the_exceptional_aid_named_scheme_last(sentence: str, tmp_path: Path) -> None:
    path = realistic.write_docx(
        tmp_path / "t.docx", realistic.answers(replace={"AID-7": (sentence,)})
    )
    technique = parse_file(path, "dossier_technique")
    assert technique is not None and technique.pel_2017 is not None
