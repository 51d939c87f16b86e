"""The call as data: the bundled file, its schema, and every rule's source sentence."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from dossierkit.call import CallFileError, load_call
from dossierkit.cli import cli
from dossierkit.resources import calls_dir

CALL_YAML = calls_dir() / "tiers-lieux-numerique.yaml"


def _normalise(text: str) -> str:
    text = re.sub(r"<[^>]+>", " ", text)
    return " ".join(text.replace("’", "'").split())


def _sources(data: object) -> list[str]:
    """Every ``source`` value anywhere in the call file."""
    if isinstance(data, dict):
        own = [v for k, v in data.items() if k == "source"]
        return own + [s for v in data.values() for s in _sources(v)]
    if isinstance(data, list):
        return [s for item in data for s in _sources(item)]
    return []


def test_bundled_call_has_the_pieces_in_the_calls_order() -> None:
    call = load_call()
    assert [p.kind for p in call.pieces] == [
        "courrier",
        "budget",
        "dossier_technique",
        "attestation_tva",
        "rib",
        "statuts",
        "delegation",
    ]
    assert [a.kind for a in call.annexes] == [
        "plan_agencement",
        "carte_lieux",
        "designation",
        "deliberation",
        "proces_verbal",
        "feuille_de_route",
        "rapport_pel",
        "autre",
    ]


def test_bundled_call_has_the_21_questions_with_stable_ids() -> None:
    call = load_call()
    ids = [q.id for q in call.questions]
    assert len(ids) == 21 == len(set(ids))
    assert (
        {q.section for q in call.questions}
        == set(call.sections)
        == {"nature", "portage", "coherence", "aides"}
    )
    assert ids[:3] == ["NAT-1", "NAT-2", "NAT-3"]


def test_aid_parameters_and_functions_come_from_the_call() -> None:
    call = load_call()
    assert call.animation_aid.base_cap == Decimal("60000")
    assert call.animation_aid.rates == (Decimal("0.75"), Decimal("0.50"), Decimal("0.25"))
    assert call.equipment_aid.rate == Decimal("0.50")
    assert call.equipment_aid.cap == Decimal("30000")
    assert call.functions_minimum == 2
    assert [label for _, label in call.functions] == [
        "médiation",
        "animation territoriale",
        "aide aux porteurs de projets",
        "coworking",
        "fablab",
        "télétravail ponctuel",
    ]


def test_former_aid_exclusions_plan_and_addressee_come_from_the_call() -> None:
    call = load_call()
    assert call.former_schemes == ("PEL", "CRNT", "ECRINS")
    assert call.exceptional_aid is not None
    assert (call.exceptional_aid.scheme, call.exceptional_aid.year) == ("PEL", 2017)
    assert call.pel_report_departements == ("02", "60", "80")
    assert call.excluded_places == ("telecentre",)
    assert call.plan_years == 3 == len(call.animation_aid.rates)
    assert call.addressee is not None
    assert "151 Boulevard Hoover" in call.addressee.value
    assert all(p.search("conseil regional des hauts de france") for p in call.addressee.patterns)
    assert [e.id for e in call.eligibility] == [
        "one_aid_per_epci",
        "intercommunal_carrier",
        "governance",
        "full_time_animator",
    ]
    carrier = call.rule("intercommunal_carrier")
    assert carrier is not None and "désignée par elle" in carrier.source
    assert call.rule("no-such-rule") is None


def test_a_call_without_the_optional_rules_still_loads(tmp_path: Path) -> None:
    def edit(data: dict) -> None:  # type: ignore[type-arg]
        for key in ("former_aid", "excluded_places", "plan", "addressee", "eligibility"):
            data.pop(key)

    call = load_call(_broken_call(tmp_path, edit))
    assert call.former_schemes == () and call.exceptional_aid is None
    assert call.excluded_places == () and call.addressee is None and call.eligibility == ()
    # One year of plan per rate of the animation aid.
    assert call.plan_years == 3


@pytest.mark.parametrize(
    ("name", "text", "kind"),
    [
        (
            "Délibération désignation structure porteuse.pdf",
            "Extrait du registre des délibérations du conseil communautaire. Le conseil "
            "désigne l'association Fab'Lab du Ternois comme structure porteuse du tiers-lieu.",
            "designation",
        ),
        (
            "scan0002.pdf",
            "Extrait du registre des délibérations du conseil communautaire. Le conseil "
            "communautaire désigne l'association Fab'Lab du Ternois comme structure porteuse "
            "du projet de tiers-lieu du numérique.",
            "designation",
        ),
        (
            "Délibération conseil communautaire.pdf",
            "Extrait du registre des délibérations du conseil communautaire. Le conseil "
            "approuve le projet et sollicite l'aide de la Région.",
            "deliberation",
        ),
        (
            "scan0003.pdf",
            "Picardie en ligne. Mesure d'accompagnement. Rapport de préconisations pour "
            "l'espace public numérique de Ham.",
            "rapport_pel",
        ),
    ],
)
def test_designation_and_pel_report_annexes_are_recognised(name: str, text: str, kind: str) -> None:
    from dossierkit.classify import classify
    from dossierkit.reading.model import Document, Page

    document = Document(type="pdf", pages=(Page(number=1, width=595, height=842, text=text),))
    assert classify(name, document, load_call()).kind == kind


def test_every_rule_quotes_a_sentence_of_the_call() -> None:
    source_text = _normalise((calls_dir() / "tiers-lieux-numerique.source.txt").read_text("utf-8"))
    data = yaml.safe_load(CALL_YAML.read_text("utf-8"))
    sources = _sources(data)
    assert len(sources) > 40
    missing = [s for s in sources if _normalise(s) not in source_text]
    assert not missing


@pytest.mark.parametrize(
    ("question", "facts", "expected"),
    [
        ("NAT-2", {"project.form": "lieu"}, True),
        ("NAT-2", {"project.form": "reseau"}, False),
        ("NAT-3", {"project.form": "reseau"}, True),
        ("NAT-3", {}, None),
        ("GOV-3", {"structure.kind": "association"}, True),
        ("GOV-3", {"structure.kind": "intercommunalite"}, False),
        ("TER-6", {"project.form": "lieu"}, False),
    ],
)
def test_question_conditions(
    question: str, facts: dict[str, object], expected: bool | None
) -> None:
    call = load_call()
    condition = next(q for q in call.questions if q.id == question).applies_when
    assert condition is not None
    assert condition.evaluate(facts) is expected


def test_conditional_pieces() -> None:
    call = load_call()
    statuts, delegation = call.spec("statuts"), call.spec("delegation")
    assert statuts.is_required({"structure.kind": "association"}) is True
    assert statuts.is_required({"structure.kind": "intercommunalite"}) is False
    assert statuts.is_required({}) is None
    assert delegation.is_required({"signatory.is_legal_representative": False}) is True
    assert call.spec("rib").is_required({}) is True


def _broken_call(tmp_path: Path, edit) -> Path:  # type: ignore[no-untyped-def]
    data = yaml.safe_load(CALL_YAML.read_text("utf-8"))
    edit(data)
    path = tmp_path / "appel.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_call_breaking_the_schema_is_refused_with_its_json_path(tmp_path: Path) -> None:
    path = _broken_call(
        tmp_path, lambda d: d["aid"]["animation"]["rates"].__setitem__(1, "cinquante")
    )
    with pytest.raises(CallFileError, match=r"\$\.aid\.animation\.rates\[1\]"):
        load_call(path)


def test_cli_refuses_a_broken_call_file_with_exit_2(tmp_path: Path) -> None:
    path = _broken_call(tmp_path, lambda d: d["pieces"][0].pop("label"))
    (tmp_path / "dossier").mkdir()
    result = CliRunner().invoke(cli, ["verify", str(tmp_path / "dossier"), "--call", str(path)])
    assert result.exit_code == 2
    assert "$.pieces[0]" in result.output
    assert "label" in result.output


def test_cli_uses_another_call_file(tmp_path: Path) -> None:
    def edit(data: dict) -> None:  # type: ignore[type-arg]
        data["version"] = "2.0-test"
        data["pieces"] = [p for p in data["pieces"] if p["kind"] != "rib"]

    path = _broken_call(tmp_path, edit)
    dossier = tmp_path / "dossier"
    dossier.mkdir()
    result = CliRunner().invoke(
        cli, ["verify", str(dossier), "--call", str(path), "--format", "json"]
    )
    import json

    report = json.loads(result.output)
    assert report["call"]["version"] == "2.0-test"
    assert "rib" not in [p["kind"] for p in report["pieces"]]


def test_invalid_yaml_call_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "appel.yaml"
    path.write_text("id: [unclosed", encoding="utf-8")
    with pytest.raises(CallFileError, match="YAML"):
        load_call(path)
