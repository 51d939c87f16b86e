"""What a request for complements says of an aid asked above the call's cap: a sentence an
applicant reads, built from the report's aid table, never the check's formula
(« min(41 000 ; 60 000) × 75 % = 30 750 € »)."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from dossierkit.call import load_call
from dossierkit.triage.aid_wording import without_formula
from dossierkit.triage.letters import requested_items
from dossierkit.triage.model import InboxItem, Outcome
from dossierkit.triage.worker import process

# A budget exported from Excel as CSV (Windows' cp1252, « ; »): 40 000 € of animation
# expenses a year, 50 000 € of operating expenses in all, 80 000 € of equipment; the Région
# asked 40 000 € then 30 000 € for animation (75 % then 50 % of 40 000 € allow 30 000 € and
# 20 000 €), and 40 000 € for equipment (capped at 30 000 €).
BUDGET = (
    "Budget prévisionnel 2027-2029 — montants TTC\n"
    "DÉPENSES;2027;2028;2029;Total\n"
    "Fonctionnement;;;;\n"
    "Salaire et charges de l'animateur (1 ETP);40 000;40 000;40 000;120 000\n"
    "Loyer du local;10 000;10 000;10 000;30 000\n"
    "Investissement;;;;\n"
    "Équipement du fablab (imprimantes 3D, découpe laser);80 000;0;0;80 000\n"
    "Total dépenses;130 000;50 000;50 000;230 000\n"
    "RECETTES;2027;2028;2029;Total\n"
    "Région Hauts-de-France — aide à l'animation;40 000;30 000;10 000;80 000\n"
    "Région Hauts-de-France — aide à l'équipement;40 000;0;0;40 000\n"
    "Autofinancement;50 000;20 000;40 000;110 000\n"
    "Total recettes;130 000;50 000;50 000;230 000\n"
)


@pytest.fixture(scope="module")
def over_cap(tmp_path_factory: pytest.TempPathFactory) -> Outcome:
    """The dossier verified as triage verifies it (its report is what letters are built on)."""
    folder = tmp_path_factory.mktemp("aid") / "Fablab"
    folder.mkdir()
    (folder / "Budget prévisionnel.csv").write_bytes(BUDGET.replace("\n", "\r\n").encode("cp1252"))
    outcome = process(InboxItem("Fablab", folder, "folder"), load_call(), "fr")
    codes = [f["code"] for f in outcome.report["findings"]] if outcome.report else []
    assert codes.count("B005") == 2 and "B007" in codes, codes
    return outcome


def _budget_bullet(outcome: Outcome) -> str:
    (bullet,) = [b for b in requested_items(outcome, load_call()) if b.startswith("Budget")]
    return bullet


def test_an_aid_over_its_cap_is_said_in_words_not_as_a_formula(over_cap: Outcome) -> None:
    bullet = _budget_bullet(over_cap)
    assert "min(" not in bullet and "×" not in bullet and "=" not in bullet, bullet
    assert (
        "l'aide à l'animation demandée pour 2027 s'élève à 40 000 € et dépasse le plafond de "
        "l'appel, 30 000 € (75 % des dépenses d'animation retenues, 40 000 €)"
    ) in bullet
    assert "pour 2028 s'élève à 30 000 € et dépasse le plafond de l'appel, 20 000 € (50 %" in (
        bullet
    )
    assert (
        "l'aide à l'équipement demandée s'élève à 40 000 € et dépasse le plafond de l'appel, "
        "30 000 € (50 % des dépenses d'équipement, 80 000 €, dans la limite de 30 000 €)"
    ) in bullet


def test_the_lines_retained_as_animation_are_said_once_after_every_cap(over_cap: Outcome) -> None:
    bullet = _budget_bullet(over_cap)
    note = "dépenses retenues pour le plafond de l'aide à l'animation : « Salaire"
    assert bullet.count(note) == 1, bullet
    assert bullet.index(note) > bullet.index("l'aide à l'équipement"), "the note comes last"
    # The tool's advice to the applicant (« Réduisez… ») is not the letter's wording.
    assert "Réduisez" not in bullet
    # What to send instead: one budget, whose two aids keep within their caps.
    assert bullet.endswith(
        "À transmettre à la place : un budget équilibré, où l'aide à l'animation et l'aide à "
        "l'équipement demandées ne dépassent pas leurs plafonds."
    )


def test_the_caps_are_read_from_the_findings_data_not_their_messages(
    over_cap: Outcome, report_validator: Callable[[dict[str, Any]], None]
) -> None:
    import dataclasses

    assert over_cap.report is not None
    report_validator(over_cap.report)  # the findings' data is in the report's schema
    b005 = [f for f in over_cap.report["findings"] if f["code"] == "B005"]
    assert [(f["data"]["index"], f["data"]["year"]) for f in b005] == [(1, 2027), (2, 2028)]
    amounts = [Decimal(b005[0]["data"][k]) for k in ("requested", "maximum")]
    assert amounts == [Decimal(40000), Decimal(30000)]
    assert b005[0]["data"]["retained"] == ["Salaire et charges de l'animateur (1 ETP)"]
    assert b005[0]["data"]["not_retained"] == ["Loyer du local"]
    (b007,) = [f for f in over_cap.report["findings"] if f["code"] == "B007"]
    assert [Decimal(b007["data"][k]) for k in ("expenses", "cap")] == [80000, 30000]
    # Messages the letter cannot parse (another language, a reworded template): the same
    # sentences, since nothing is read from the text.
    report = {
        **over_cap.report,
        "findings": [
            {**f, "message": "Budget over its cap."} if f["code"] in ("B005", "B007") else f
            for f in over_cap.report["findings"]
        ],
    }
    reworded = _budget_bullet(dataclasses.replace(over_cap, report=report))
    assert reworded == _budget_bullet(over_cap)


def test_any_other_formula_is_left_out_of_a_letter() -> None:
    said = without_formula(
        "aide à l'animation 2027 (mars 2027 – févr. 2028) : 42 000 € demandés, mais au plus "
        "30 750 € (2027 (mars 2027 – févr. 2028) : min(41 000 ; 60 000) × 75 % = 30 750 €)"
    )
    assert said == (
        "aide à l'animation 2027 (mars 2027 – févr. 2028) : 42 000 € demandés, mais au plus "
        "30 750 €"
    )
    assert without_formula("« Budget (v2).xlsx » (page 2)") == "« Budget (v2).xlsx » (page 2)"
    assert not re.search(
        r"min\(|×", without_formula("au plus 16 000 € (min(32 000 × 50 % ; 30 000))")
    )


# The CERFA's own label: nothing says which expenses are the animation (B005's warning).
UNNAMED_BUDGET = (
    "Budget prévisionnel 2027-2029 — montants TTC\n"
    "DÉPENSES;2027;2028;2029\n"
    "Rémunération des personnels;40 000;40 000;40 000\n"
    "Total dépenses;40 000;40 000;40 000\n"
    "RECETTES;2027;2028;2029\n"
    "Région Hauts-de-France — aide à l'animation;30 000;20 000;10 000\n"
    "Autofinancement;10 000;20 000;30 000\n"
    "Total recettes;40 000;40 000;40 000\n"
)


@pytest.fixture(scope="module")
def unnamed(tmp_path_factory: pytest.TempPathFactory) -> Outcome:
    folder = tmp_path_factory.mktemp("aid") / "Sans libellé"
    folder.mkdir()
    raw = UNNAMED_BUDGET.replace("\n", "\r\n").encode("cp1252")
    (folder / "Budget prévisionnel.csv").write_bytes(raw)
    return process(InboxItem(folder.name, folder, "folder"), load_call(), "fr")


def test_a_cap_that_cannot_be_computed_is_not_said_to_be_zero(unnamed: Outcome) -> None:
    warnings = requested_items(unnamed, load_call(), "warning")
    (budget,) = [b for b in warnings if b.startswith("Budget")]
    assert not re.search(r"(?<!\d)0 €", budget), budget  # « au plus 0 € »
    assert "l'aide à l'animation demandée pour 2027, 30 000 €, ne peut pas être comparée" in budget
    assert budget.count("aucune ligne du budget ne se lit comme une dépense d'animation") == 1


def test_a_letter_never_tells_the_applicant_to_edit_dossier_yaml(unnamed: Outcome) -> None:
    # S001: « … n'a pas été identifiée : faites figurer son nom … ou indiquez-le dans
    # dossier.yaml » — the tool's advice to its user, not the Région's to an applicant.
    said = " ".join(requested_items(unnamed, load_call(), "warning"))
    assert "la structure qui demande l'aide n'a pas été identifiée" in said
    assert "dossier.yaml" not in said and "faites" not in said


def test_a_letter_does_not_name_the_tool() -> None:
    from datetime import UTC, datetime

    finding = {
        "code": "F007",
        "severity": "error",
        "piece": "budget",
        "file": "Budget.pdf",
        "page": None,
        "message": "« Budget.pdf » dépasse ce que dossierkit lit sans risque (12 000 pages) : "
        "réduisez-le (300 ppp suffisent pour une numérisation) ou divisez-le.",
    }
    item = InboxItem("A", Path("A"), "folder", datetime(2026, 12, 3, tzinfo=UTC))
    outcome = Outcome(item, "f", "incomplete", report={"findings": [finding]})
    (bullet,) = requested_items(outcome, load_call())
    assert "dossierkit" not in bullet and "réduisez" not in bullet
    assert "« Budget.pdf » dépasse ce que le service peut lire sans risque (12 000 pages)" in bullet


def test_a_plan_year_is_written_in_full_in_a_letter() -> None:
    from dossierkit.triage.aid_wording import letter_year

    assert letter_year("2027 (mars 2027 – févr. 2028)") == "2027 (de mars 2027 à février 2028)"
    assert letter_year("2027 (sept. 2027 – août 2028)") == "2027 (de septembre 2027 à août 2028)"
    assert letter_year("2028") == "2028"
