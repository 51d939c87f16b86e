"""An outsourced animation « (à justifier) »: T016 reads a reason only in a sentence about the
outsourcing, and never in one that withholds the justification.

The association Fab'Lab du Ternois (``tests/realistic/technique.py``) writes its answer about
the animation (AID-5) in Word the ways applicants do: a reason given (« car », « faute de
personnel », « Ce choix s'explique… », « Justification : … », « nous ne disposons pas des
compétences », a « car » followed by a negative reason), none, one refused or put off (« sans
justification », « nous ne pouvons pas justifier », « à justifier ultérieurement », « la
justification sera apportée plus tard »), or a « car » / « afin de » that explains something
else (the place's access, the opening hours).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from realistic import technique as realistic

from conftest import write_pdf
from dossierkit.cli import cli
from dossierkit.verify import parse_file

OUTSOURCED = (
    "L'animation sera confiée à un prestataire, la coopérative Tiers-Lieux Conseil, qui mettra "
    "une animatrice à plein temps à la disposition de la Fabrique."
)
# AID-5 as written, by variant: (its paragraphs, whether T016 fires).
VARIANTS: dict[str, tuple[tuple[str, ...], bool]] = {
    "no-reason": ((OUTSOURCED,), True),
    "said-without-justification": (
        (
            "L'animation sera externalisée auprès de la coopérative Tiers-Lieux Conseil, sans "
            "justification particulière à ce stade, avec une animatrice à temps plein.",
        ),
        True,
    ),
    "none-given-yet-with-a-car": (
        (
            OUTSOURCED,
            "Aucune justification de ce recours à un prestataire ne peut être apportée à ce "
            "stade, car le marché n'est pas encore attribué.",
        ),
        True,
    ),
    "cannot-justify": (
        (
            OUTSOURCED,
            "Nous ne pouvons pas justifier ce choix pour l'instant, parce que le conseil "
            "communautaire ne s'est pas prononcé.",
        ),
        True,
    ),
    "put-off": (
        (
            "L'animation sera externalisée (à justifier ultérieurement) : une animatrice à "
            "temps plein sera mise à disposition par la coopérative Tiers-Lieux Conseil.",
        ),
        True,
    ),
    "justification-to-follow": (
        (
            "L'animation sera externalisée auprès de la coopérative Tiers-Lieux Conseil ; la "
            "justification sera apportée plus tard, car le marché n'est pas encore attribué.",
        ),
        True,
    ),
    "reason-for-something-else": (
        (
            OUTSOURCED,
            "La Fabrique ouvrira du mardi au samedi afin de toucher les actifs, car les "
            "habitants travaillent souvent à Arras.",
        ),
        True,
    ),
    "car": (
        (
            "L'animation sera externalisée auprès de l'association Les Petits Débrouillards, "
            "car elle anime déjà trois fablabs du Pas-de-Calais ; son animatrice sera présente "
            "à temps plein.",
        ),
        False,
    ),
    "car-with-a-negative-reason": (
        (
            "L'animation sera externalisée auprès de la coopérative Tiers-Lieux Conseil, car "
            "l'association n'emploie aucun animateur et ne peut pas créer de poste avant 2029.",
        ),
        False,
    ),
    "labelled-justification": (
        (
            OUTSOURCED,
            "Justification : la communauté de communes ne dispose d'aucun agent formé au "
            "numérique.",
        ),
        False,
    ),
    "lack-of-staff": (
        (
            "Faute de personnel formé à la fabrication numérique, l'animation sera externalisée "
            "auprès de la coopérative Tiers-Lieux Conseil, qui mettra une animatrice à plein "
            "temps à la disposition de la Fabrique.",
        ),
        False,
    ),
    "this-choice-explained": (
        (
            OUTSOURCED,
            "Ce choix s'explique par l'absence, au sein de l'association, d'un salarié "
            "capable d'animer un atelier de fabrication numérique.",
        ),
        False,
    ),
    "skills-lacking": (
        (
            "L'animation sera externalisée : nous ne disposons pas en interne des compétences "
            "d'un fabmanager, que la coopérative Tiers-Lieux Conseil apporte.",
        ),
        False,
    ),
}


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Word dossier technique of every variant, written once."""
    folder = tmp_path_factory.mktemp("outsourced-animation")
    for name, (paragraphs, _) in VARIANTS.items():
        realistic.write_docx(
            folder / f"{name}.docx", realistic.answers(replace={"AID-5": paragraphs})
        )
    return folder


def _codes(folder: Path, technique: Path) -> dict[str, str]:
    """The findings of ``dossierkit verify`` on a dossier of ``technique`` and its layout plan,
    message by code."""
    folder.mkdir()
    (folder / "Dossier technique.docx").write_bytes(technique.read_bytes())
    (folder / "dossier.yaml").write_text(
        'structure:\n  nom: "Fab\'Lab du Ternois"\n  type: "association"\n', encoding="utf-8"
    )
    write_pdf(folder / "Plan d'agencement.pdf", ["Plan d'agencement de la Fabrique", "180 m²"])
    result = CliRunner().invoke(cli, ["verify", str(folder), "--format", "json"])
    return {f["code"]: f["message"] for f in json.loads(result.output)["findings"]}


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_an_outsourced_animation_is_justified_only_by_a_reason_for_it(
    name: str, documents: Path
) -> None:
    technique = parse_file(documents / f"{name}.docx", "dossier_technique")
    assert technique is not None
    assert technique.animation_mode is not None and technique.animation_mode.value == "externe"
    unjustified = VARIANTS[name][1]
    assert (technique.animation_justified is None) is unjustified, technique.animation_justified


@pytest.mark.parametrize(("name", "fires"), [("cannot-justify", True), ("lack-of-staff", False)])
def test_the_check_warns_on_the_unjustified_one(
    name: str, fires: bool, documents: Path, tmp_path: Path
) -> None:
    findings = _codes(tmp_path / "d", documents / f"{name}.docx")
    assert ("T016" in findings) is fires, findings
    if fires:
        assert "« Ou externalisée (à justifier) ? »" in findings["T016"]


def test_the_reason_read_is_the_sentence_that_gives_it(documents: Path) -> None:
    """The report's fact quotes the sentence that justifies, not the one that outsources."""
    technique = parse_file(documents / "this-choice-explained.docx", "dossier_technique")
    assert technique is not None
    assert technique.animation_mode is not None and technique.animation_mode.value == "externe"
    assert technique.animation_justified is not None
    assert technique.animation_justified.sentence.startswith("Ce choix s'explique")
