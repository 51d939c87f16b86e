"""The application's row and its versions say the same aid: a budget sent back without its
amounts (the template's labels and zero totals: no amount for dossierkit to read) leaves the
letter's amount as the aid asked; the tracking sheet's « Total demandé » and the
terminal's « Aide demandée / maximale » show it as the versions' sheet does, not « — »."""

from __future__ import annotations

import io
from typing import Any

import pytest
from test_check_cases import make_file

from dossierkit.call import load_call
from dossierkit.triage.export import triage_data
from dossierkit.triage.model import InboxItem, Row
from dossierkit.triage.run import Triage
from dossierkit.triage.terminal import render_table
from dossierkit.triage.worker import process

# The call's budget template sent back without its amounts, exported from Excel as CSV
# (cp1252, « ; »): labels, years, and the totals the formulas computed, 0.
BLANK_BUDGET = (
    "Budget prévisionnel – Tiers-lieu numérique;;;;\r\n"
    "Montants en euros TTC;;;;\r\n"
    "DÉPENSES;2027;2028;2029;Total\r\n"
    "Salaire chargé animateur (1 ETP CDI);;;;0\r\n"
    "Intervenants et prestations d'animation;;;;0\r\n"
    "TOTAL DÉPENSES;0;0;0;0\r\n"
    "RECETTES;2027;2028;2029;Total\r\n"
    "Région Hauts-de-France – animation;;;;0\r\n"
    "Autofinancement – fonctionnement;;;;0\r\n"
    "TOTAL RECETTES;0;0;0;0\r\n"
)


@pytest.fixture(scope="module")
def triaged(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("inbox") / "Tiers-Lieu du Vimeu"
    folder.mkdir()
    make_file(folder / "Courrier de demande.pdf", {"letter": "courrier"})  # asks 110 000 €
    (folder / "Budget prévisionnel.csv").write_bytes(BLANK_BUDGET.encode("cp1252"))
    outcome = process(InboxItem(folder.name, folder, "folder"), load_call(), "fr")
    assert outcome.report is not None and not outcome.report.get("aid"), "no amount was read"
    return triage_data(Triage(folder.parent, [Row(outcome)], []), load_call())


def test_the_application_row_shows_the_aid_its_version_shows(triaged: dict[str, Any]) -> None:
    (application,) = triaged["applications"]
    (version,) = triaged["dossiers"]
    assert version["aid_requested"] == "110000"
    assert application["total_requested"] == version["aid_requested"]
    assert application["total_maximum"] == version["aid_maximum"] is None
    # The years, which only a budget's amounts give, stay empty.
    assert application.get("animation_1_requested") is None


def test_the_terminal_shows_it_too(triaged: dict[str, Any]) -> None:
    out = io.StringIO()
    render_table(triaged, out)
    assert "110 000 € / —" in out.getvalue()
    assert "— / —" not in out.getvalue()
