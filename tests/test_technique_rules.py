"""Each rule of the call that the dossier technique's answers can break, broken by a dossier
technique written in the applicant's own words (``tests/realistic/technique.py``, ``BROKEN``):
the finding of that rule, and no other finding of the dossier technique; the same dossier
technique that keeps the rule gets none. The Word documents are written once; a few are
exported to PDF by LibreOffice as the association would send them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from realistic import technique as realistic

from conftest import require_tool, write_pdf
from dossierkit.cli import cli
from dossierkit.report.flatten import flatten
from dossierkit.verify import parse_file

PIECES = {"T013": "designation", "T015": "rapport_pel"}


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Word dossier technique of every variant, written once."""
    folder = tmp_path_factory.mktemp("broken-techniques")
    for name in realistic.BROKEN:
        realistic.write_docx(folder / f"{name}.docx", realistic.broken(name))
    realistic.write_docx(folder / "full.docx", realistic.answers())
    return folder


def dossier(folder: Path, technique: Path, manifest: str) -> Path:
    """A dossier of this dossier technique, its layout plan and its dossier.yaml (the other
    pieces are left out on purpose: only the T findings are compared)."""
    folder.mkdir()
    (folder / f"Dossier technique{technique.suffix}").write_bytes(technique.read_bytes())
    (folder / "dossier.yaml").write_text(manifest, encoding="utf-8")
    write_pdf(folder / "Plan d'agencement.pdf", ["Plan d'agencement de la Fabrique", "180 m²"])
    return folder


def t_findings(folder: Path) -> tuple[list[tuple[Any, ...]], dict[str, str]]:
    """The T findings of ``dossierkit verify`` as (code, severity, piece, file, page), and
    their messages by code."""
    result = CliRunner().invoke(cli, ["verify", str(folder), "--format", "json"])
    assert "Traceback" not in result.output, result.output
    found = [f for f in json.loads(result.output)["findings"] if f["code"].startswith("T")]
    return flatten(found), {f["code"]: f["message"] for f in found}


@pytest.mark.parametrize("name", sorted(realistic.BROKEN))
def test_a_broken_rule_gets_its_finding_and_no_other(
    name: str, documents: Path, tmp_path: Path
) -> None:
    code, severity, _, _ = realistic.BROKEN[name]
    folder = dossier(tmp_path / "d", documents / f"{name}.docx", realistic.manifest(name))
    findings, messages = t_findings(folder)
    piece = PIECES.get(code, "dossier_technique")
    assert findings == [(code, severity, piece, "Dossier technique.docx", None)]
    # Every message quotes the call, or the answer it read.
    assert "«" in messages[code].split(" : ", 1)[1]


def test_the_same_dossier_technique_keeping_every_rule_gets_nothing(
    documents: Path, tmp_path: Path
) -> None:
    manifest = realistic.manifest("no-contact")
    assert t_findings(dossier(tmp_path / "d", documents / "full.docx", manifest))[0] == []


def test_an_already_aided_place_outside_the_versant_sud_needs_no_pel_report(
    documents: Path, tmp_path: Path
) -> None:
    folder = dossier(
        tmp_path / "d", documents / "versant-sud-no-report.docx", realistic.manifest("no-contact")
    )
    assert t_findings(folder)[0] == []


def test_the_designation_joined_as_the_technique_says(documents: Path, tmp_path: Path) -> None:
    name = "designation-said-joined"
    folder = dossier(tmp_path / "d", documents / f"{name}.docx", realistic.manifest(name))
    write_pdf(
        folder / "Délibération de la CC du Ternois.pdf",
        [
            "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL COMMUNAUTAIRE",
            "Communauté de communes du Ternois — séance du 23 septembre 2026",
            "Le conseil communautaire désigne l'association Fab'Lab du Ternois comme structure "
            "porteuse du tiers-lieu numérique.",
        ],
    )
    assert t_findings(folder)[0] == []


def test_english_messages_of_the_new_rules(documents: Path, tmp_path: Path) -> None:
    folder = dossier(
        tmp_path / "d", documents / "telecentre.docx", realistic.manifest("telecentre")
    )
    result = CliRunner().invoke(cli, ["verify", str(folder), "--format", "json", "--lang", "en"])
    messages = {f["code"]: f["message"] for f in json.loads(result.output)["findings"]}
    assert "the project is a place the call excludes (telecentre)" in messages["T017"]


@pytest.mark.slow
@pytest.mark.parametrize("name", ["roadmap-absent", "telecentre", "network-place-one-function"])
def test_the_pdf_export_breaks_the_same_rule(name: str, documents: Path, tmp_path: Path) -> None:
    require_tool("soffice")
    pdf = realistic.export_pdf(documents / f"{name}.docx", tmp_path / f"{name}.pdf")
    code, severity, _, _ = realistic.BROKEN[name]
    findings, _ = t_findings(dossier(tmp_path / "d", pdf, realistic.manifest(name)))
    assert [f[:4] for f in findings] == [
        (code, severity, "dossier_technique", "Dossier technique.pdf")
    ]
    assert isinstance(findings[0][4], int)  # the page of the sentence or of the answer


def _call_with(tmp_path: Path, edit: dict[str, Any]) -> Path:
    """The bundled call with some of its rules changed, its lexicon beside it."""
    import shutil

    import yaml

    from dossierkit.resources import calls_dir

    data = yaml.safe_load((calls_dir() / "tiers-lieux-numerique.yaml").read_text(encoding="utf-8"))
    data.update(edit)
    for key in [k for k, v in edit.items() if v is None]:
        del data[key]  # a call that says nothing of it
    path = tmp_path / "autre-appel.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    shutil.copy(
        calls_dir() / "tiers-lieux-numerique.lexicon.yaml", tmp_path / "autre-appel.lexicon.yaml"
    )
    shutil.copy(calls_dir() / "tiers-lieux-numerique.source.txt", tmp_path)
    return path


@pytest.mark.parametrize(
    ("name", "edit"),
    [
        ("plan-one-year", {"plan": {"years": 1, "source": "Quelles en sont les grandes lignes ?"}}),
        ("telecentre", {"excluded_places": None}),
        ("aided-functions-unnamed", {"former_aid": {"schemes": ["PEL"], "source": "PEL seul"}}),
    ],
)
def test_another_call_s_rules_change_the_verdict(
    name: str, edit: dict[str, Any], documents: Path, tmp_path: Path
) -> None:
    """The plan's years, the excluded places, the former schemes are read in the call: a call
    that asks a plan of one year, excludes nothing, or knows only the PEL says nothing here."""
    folder = dossier(tmp_path / "d", documents / f"{name}.docx", realistic.manifest(name))
    code = realistic.BROKEN[name][0]
    assert code in [f[0] for f in t_findings(folder)[0]]
    call = _call_with(tmp_path, edit)
    result = CliRunner().invoke(
        cli, ["verify", str(folder), "--format", "json", "--call", str(call)]
    )
    codes = [f["code"] for f in json.loads(result.output)["findings"]]
    assert code not in codes


@pytest.mark.parametrize(
    ("name", "fact", "value"),
    [
        ("roadmap-absent", "project.roadmap", "absente"),
        ("designation-said-joined", "governance.designation_joined", True),
        ("aided-same-functions", "prior_aid.new_functions", "memes"),
        ("aided-functions-unnamed", "prior_aid", "CRNT"),
        ("telecentre", "project.excluded_places", "telecentre"),
        ("plan-one-year", "plan.years", "2027"),
        ("sustainability-later", "plan.sustainability", "indecise"),
        ("places-not-analysed", "project.places_analysis", None),
        ("outsourced-unjustified", "animation.mode", "externe"),
        ("no-contact", "governance.contact", None),
    ],
)
def test_the_report_facts_show_what_each_rule_read(
    name: str, fact: str, value: object, documents: Path
) -> None:
    """The instructor sees in the report's facts what the check judged (absent: not found)."""
    technique = parse_file(documents / f"{name}.docx", "dossier_technique")
    assert technique is not None
    values = {f.name: f.value for f in technique.facts}
    assert values.get(fact) == value
    if value is None:
        # The dossier technique that keeps the rule shows the fact.
        full = parse_file(documents / "full.docx", "dossier_technique")
        assert full is not None
        assert fact in {f.name for f in full.facts}
