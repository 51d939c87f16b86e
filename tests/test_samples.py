"""The bundled samples, end to end: what verify says, as data, and golden JSON reports."""

from __future__ import annotations

import json
import os
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from conftest import ROOT, SAMPLES, fingerprint
from dossierkit.cli import cli

CASES = yaml.safe_load((ROOT / "tests" / "cases" / "samples.yaml").read_text(encoding="utf-8"))
GOLDEN = ROOT / "tests" / "golden"


def _verify(name: str, *options: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["verify", str(SAMPLES / name), *options])
    return result.exit_code, result.output


# The JSON report of each sample, by name: (exit code, output, the sample's fingerprint before
# and after that verification). Made once, by whichever test asks first.
_REPORTS: dict[str, tuple[int, str, object, object]] = {}


def _json_report(name: str) -> tuple[int, str]:
    """``verify --format json`` of the sample ``name``, run once per test process."""
    if name not in _REPORTS:
        before = fingerprint(SAMPLES / name)
        exit_code, output = _verify(name, "--format", "json")
        _REPORTS[name] = (exit_code, output, before, fingerprint(SAMPLES / name))
    return _REPORTS[name][:2]


def _fact(report: dict[str, Any], name: str) -> object:
    values = [f["value"] for f in report["facts"] if f["name"] == name]
    declared = [
        f["value"] for f in report["facts"] if f["name"] == name and f["origin"] == "declared"
    ]
    return (declared or values or [None])[0]


@pytest.mark.parametrize("name", sorted(CASES))
def test_sample_verdict(name: str, report_validator) -> None:  # type: ignore[no-untyped-def]
    case = CASES[name]
    exit_code, output = _json_report(name)
    report = json.loads(output)
    report_validator(report)
    assert exit_code == case["exit_code"]
    assert report["status"] == case["status"]
    assert {p["kind"]: p["status"] for p in report["pieces"]} == case["pieces"]
    assert {a["kind"]: [f["path"] for f in a["files"]] for a in report["annexes"]} == case[
        "annexes"
    ]
    for fact, value in case["facts"].items():
        assert _fact(report, fact) == value, fact
    assert sorted(f["path"] for f in report["files"] if f["role"] == "ignored") == sorted(
        case["ignored"]
    )
    found = [[f["code"], f["severity"], f["piece"], f["file"]] for f in report["findings"]]
    assert found == case["findings"]
    _, _, before, after = _REPORTS[name]
    assert after == before, "inputs are never modified"


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_file_of_the_sample_is_in_the_report(name: str) -> None:
    _, output = _json_report(name)
    listed = {f["path"].rstrip("/") for f in json.loads(output)["files"]}
    on_disk = {
        str(p.relative_to(SAMPLES / name)) for p in (SAMPLES / name).rglob("*") if p.is_file()
    }
    # A clutter folder is listed once, as a folder.
    on_disk = {p if not p.startswith("__MACOSX/") else "__MACOSX" for p in on_disk}
    assert listed == on_disk


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_golden_report(name: str, lang: str) -> None:
    """The JSON report is stable; regenerate with UPDATE_GOLDEN=1 after an intended change."""
    _, output = _verify(name, "--format", "json", "--lang", lang)
    golden = GOLDEN / f"{name}.{lang}.json"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(output, encoding="utf-8")
    assert output == golden.read_text(encoding="utf-8")


def test_terminal_checklist_of_the_complete_sample() -> None:
    exit_code, output = _verify("association-complete")
    assert exit_code == 0
    # The statuts' title, which the letterhead prefixes with "Association".
    assert "Structure\u00a0: Fab'Lab du Ternois (association)" in output
    assert "Intercommunalité\u00a0: CC du Ternois" in output
    assert "présente    RIB" in output
    assert "sans objet  Délégation de signature" in output
    assert output.rstrip().endswith("Dossier complet.")


def test_terminal_checklist_of_an_incomplete_sample() -> None:
    exit_code, output = _verify("association-incomplete")
    assert exit_code == 1
    assert "MANQUANTE   RIB" in output
    assert "ILLISIBLE   Attestation du régime de TVA" in output
    assert "protégé par un mot de passe\u00a0: enregistrez-le sans mot de passe" in output
    assert "Dossier incomplet\u00a0: 2 pièces manquantes, 1 pièce illisible, 4 erreurs" in output


def test_readme_first_command_names_a_complete_sample() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "dossierkit verify samples/association-complete" in readme
    assert CASES["association-complete"]["exit_code"] == 0
