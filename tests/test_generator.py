"""The sample generator makes dossiers the way applicants do, and verify reads them alike.

Building with LibreOffice (Word → PDF export, ODS, ODT, DOC) is slow and marked; the pure
Python fallback runs everywhere.
"""

from __future__ import annotations

import json
from pathlib import Path

import generate
import pytest
import yaml
from click.testing import CliRunner

from conftest import ROOT, require_tool
from dossierkit.cli import cli

CASES = yaml.safe_load((ROOT / "tests" / "cases" / "samples.yaml").read_text(encoding="utf-8"))


def _report(folder: Path) -> tuple[int, dict]:  # type: ignore[type-arg]
    result = CliRunner().invoke(cli, ["verify", str(folder), "--format", "json"])
    return result.exit_code, json.loads(result.output)


def _findings(report: dict) -> list[list[object]]:  # type: ignore[type-arg]
    return [[f["code"], f["severity"], f["piece"], f["file"]] for f in report["findings"]]


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(CASES))
def test_generated_with_libreoffice_gives_the_documented_verdict(tmp_path: Path, name: str) -> None:
    require_tool("soffice")
    folder = generate.build_sample(name, tmp_path, use_libreoffice=True)
    exit_code, report = _report(folder)
    assert exit_code == CASES[name]["exit_code"]
    assert {p["kind"]: p["status"] for p in report["pieces"]} == CASES[name]["pieces"]
    assert _findings(report) == CASES[name]["findings"]


@pytest.mark.parametrize("name", ["association-complete", "association-incomplete"])
def test_generated_without_libreoffice_gives_the_same_pieces(tmp_path: Path, name: str) -> None:
    folder = generate.build_sample(name, tmp_path, use_libreoffice=False)
    exit_code, report = _report(folder)
    assert exit_code == CASES[name]["exit_code"]
    assert {p["kind"]: p["status"] for p in report["pieces"]} == CASES[name]["pieces"]
    assert _findings(report) == CASES[name]["findings"]


def test_generator_refuses_to_overwrite(tmp_path: Path) -> None:
    (tmp_path / "association-complete").mkdir()
    with pytest.raises(generate.SampleExists):
        generate.build_sample("association-complete", tmp_path, use_libreoffice=False)
