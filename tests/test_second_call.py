"""A second call, made up (``tests/data/calls/numerique-rural.yaml``), changes the verdicts
through its data only: other rates and caps, another addressee, a piece less and a piece more,
a condition dropped. The same dossier is verified against both calls, end to end through
``dossierkit verify --call``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from test_budget_checks import budget_csv

from conftest import TEXTS, write_letter_pdf
from dossierkit.cli import cli

SECOND = Path(__file__).parent / "data" / "calls" / "numerique-rural.yaml"


@pytest.fixture(scope="module")
def dossier(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The letter, attestation and balanced budget of test_budget_checks.py (aid asked
    45/30/15 k€ and 20 k€ of equipment), the animator's post written without "1 ETP"."""
    folder = tmp_path_factory.mktemp("second-call") / "dossier"
    folder.mkdir()
    write_letter_pdf(folder / "Courrier.pdf", TEXTS["courrier"])
    write_letter_pdf(
        folder / "Attestation TVA.pdf",
        [
            "Association Fab'Lab du Ternois",
            "Attestation de régime fiscal",
            "Je soussignée Marie Dupont, présidente, atteste que l'association n'est pas "
            "assujettie à la TVA et ne la récupère pas.",
            "Fait à Saint-Pol-sur-Ternoise, le 12 octobre 2026",
            "La Présidente,",
            "Marie Dupont",
        ],
    )
    budget = budget_csv(folder / "Budget prévisionnel.csv")
    raw = budget.read_bytes().decode("cp1252").replace(" (1 ETP)", "")
    budget.write_bytes(raw.encode("cp1252"))
    return folder


def _verify(folder: Path, *call: str) -> dict[str, Any]:
    result = CliRunner().invoke(cli, ["verify", str(folder), "--format", "json", *call])
    assert result.exit_code in (0, 1), result.output
    report: dict[str, Any] = json.loads(result.output)
    return report


def _codes(report: dict[str, Any]) -> set[tuple[str, str | None]]:
    return {(f["code"], f["piece"]) for f in report["findings"]}


def test_the_second_calls_data_changes_the_verdicts(dossier: Path) -> None:
    bundled = _verify(dossier)
    second = _verify(dossier, "--call", str(SECOND))
    first_codes, second_codes = _codes(bundled), _codes(second)

    # The bundled call: 45/30/15 k€ and 20 k€ are its ceilings, the letter is well addressed,
    # its full-time animator condition is not shown by the budget.
    assert {("B005", "budget"), ("B006", "budget"), ("B007", "budget")}.isdisjoint(first_codes)
    assert ("C001", "courrier") not in first_codes
    assert ("B009", "budget") in first_codes
    # The second: 80 % then 40 % of 40 000 €, two years, 40 % of equipment capped at 20 000 €.
    assert {("B005", "budget"), ("B006", "budget"), ("B007", "budget")} <= second_codes
    ceilings = [y["maximum"] for y in second["aid"]["animation"]]
    assert ceilings == ["32000.00", "16000.00", "0.00"]
    assert second["aid"]["equipment"]["maximum"] == "16000.00"
    # Another addressee, named in the message with its address.
    c001 = next(f for f in second["findings"] if f["code"] == "C001")
    assert "Conseil départemental du Haut-Ternois" in c001["message"]
    assert "62999 Ternoisville Cedex" in c001["message"]
    # No full-time condition in the second call: nothing to report.
    assert ("B009", "budget") not in second_codes
    # A piece more (the roadmap) is missing; a piece less (the VAT attestation) is no piece.
    assert ("P001", "feuille_de_route") in second_codes
    assert ("P001", "feuille_de_route") not in first_codes
    assert "attestation_tva" not in [p["kind"] for p in second["pieces"]]
    assert "attestation_tva" in [p["kind"] for p in bundled["pieces"]]
    # B006 counts the second call's two years, not three.
    b006 = next(f for f in second["findings"] if f["code"] == "B006")
    assert "au-delà des 2 ans de l'aide" in b006["message"]


def test_the_second_calls_aid_command(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["aid", "--animation", "60000", "60000", "--call", str(SECOND), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [y["maximum"] for y in data["animation"]] == ["32000.00", "16000.00"]
