"""Budget checks: each generated dossier trips exactly its check, and a correct one passes."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import TEXTS, write_letter_pdf
from dossierkit.aid import euros
from dossierkit.cli import cli
from dossierkit.report.flatten import flatten

# A balanced three-year budget: animation 60 000 €/year (ceilings 45/30/15 k€), equipment
# 40 000 € (ceiling 20 000 €), the letter's 110 000 € = 90 000 + 20 000.
CORRECT = {
    "title": "Budget prévisionnel 2027-2029 — montants TTC",
    "animator": ("42 000", "43 000", "44 000", "129 000"),
    "equipment": ("40 000", "0", "0", "40 000"),
    "expenses_total": ("110 000", "70 000", "70 000", "250 000"),
    "region_animation": ("45 000", "30 000", "15 000", "90 000"),
    "region_equipment": ("20 000", "0", "0", "20 000"),
    "own_funds": ("20 000", "20 000", "30 000", "70 000"),
    "revenues_total": ("110 000", "70 000", "70 000", "250 000"),
}


def budget_csv(path: Path, **changes: Any) -> Path:
    """The budget as French Excel exports it to CSV (Windows-1252, ';')."""
    b = {**CORRECT, **changes}
    rows = [
        [b["title"]],
        ["DÉPENSES", "2027", "2028", "2029", "Total"],
        ["Fonctionnement"],
        ["Salaire et charges de l'animateur (1 ETP)", *b["animator"]],
        ["Prestations d'animation", "18 000", "17 000", "16 000", "51 000"],
        ["Loyer et charges", "10 000", "10 000", "10 000", "30 000"],
        ["Investissement"],
        ["Équipement du fablab", *b["equipment"]],
        ["Total dépenses", *b["expenses_total"]],
        [],
        ["RECETTES", "2027", "2028", "2029", "Total"],
        ["Région Hauts-de-France — aide à l'animation", *b["region_animation"]],
        ["Région Hauts-de-France — aide à l'équipement", *b["region_equipment"]],
        ["Communauté de communes du Ternois", "25 000", "20 000", "25 000", "70 000"],
        ["Autofinancement", *b["own_funds"]],
        ["Total recettes", *b["revenues_total"]],
    ]
    path.write_bytes("\r\n".join(";".join(row) for row in rows).encode("cp1252"))
    return path


NOT_RECOVERED = "n'est pas assujettie à la TVA et ne la récupère pas"


def letter_and_attestation(folder: Path, letter_total: str, regime: str = NOT_RECOVERED) -> Path:
    """A new ``folder`` holding the letter asking ``letter_total`` euros and the attestation
    that the association ``regime`` (the pieces a budget is checked against)."""
    folder.mkdir()
    write_letter_pdf(
        folder / "Courrier.pdf",
        [line.replace("110 000", letter_total) for line in TEXTS["courrier"]],
    )
    write_letter_pdf(
        folder / "Attestation TVA.pdf",
        [
            "Association Fab'Lab du Ternois",
            "Attestation de régime fiscal",
            f"Je soussignée Marie Dupont, présidente, atteste que l'association {regime}.",
            "Fait à Saint-Pol-sur-Ternoise, le 12 octobre 2026",
            "La Présidente,",
            "Marie Dupont",
        ],
    )
    return folder


def _dossier(
    folder: Path,
    *,
    letter_total: str = "110 000",
    regime: str = NOT_RECOVERED,
    **changes: Any,
) -> Path:
    letter_and_attestation(folder, letter_total, regime)
    budget_csv(folder / "Budget prévisionnel.csv", **changes)
    return folder


def _budget_findings(folder: Path) -> tuple[list[tuple[Any, ...]], dict[str, Any]]:
    result = CliRunner().invoke(cli, ["verify", str(folder), "--format", "json"])
    report = json.loads(result.output)
    return flatten(report["findings"], ("code", "message"), codes="B"), report


def test_correct_budget_passes_and_shows_the_aid(tmp_path: Path) -> None:
    found, report = _budget_findings(_dossier(tmp_path / "d"))
    assert found == []
    aid = report["aid"]
    assert [y["maximum"] for y in aid["animation"]] == ["45000.00", "30000.00", "15000.00"]
    assert [y["requested"] for y in aid["animation"]] == ["45000", "30000", "15000"]
    assert aid["animation"][1]["explanation"] == "2028 : min(60 000 ; 60 000) × 50 % = 30 000 €"
    assert aid["equipment"]["explanation"] == "Équipement : min(40 000 × 50 % ; 30 000) = 20 000 €"


def test_unbalanced_by_one_euro(tmp_path: Path) -> None:
    found, _ = _budget_findings(
        _dossier(
            tmp_path / "d",
            own_funds=("20 000", "20 001", "30 000", "70 001"),
            revenues_total=("110 000", "70 001", "70 000", "250 001"),
        )
    )
    assert [code for code, _ in found] == ["B003", "B003"]
    assert "écart 1 €" in found[0][1] and "en 2028" in found[1][1]


def test_total_row_that_skips_a_line(tmp_path: Path) -> None:
    found, _ = _budget_findings(
        _dossier(tmp_path / "d", expenses_total=("108 000", "70 000", "70 000", "250 000"))
    )
    assert [code for code, _ in found] == ["B004"]
    assert "108 000 €" in found[0][1] and "110 000 €" in found[0][1] and "2027" in found[0][1]


def test_second_year_aid_computed_at_75_percent(tmp_path: Path) -> None:
    found, _ = _budget_findings(
        _dossier(
            tmp_path / "d",
            letter_total="125 000",
            region_animation=("45 000", "45 000", "15 000", "105 000"),
            own_funds=("20 000", "5 000", "30 000", "55 000"),
        )
    )
    assert [code for code, _ in found] == ["B005"]
    assert "Réduisez l'aide à l'animation 2028 à 30 000 €" in found[0][1]
    assert "2028 : min(60 000 ; 60 000) × 50 % = 30 000 €" in found[0][1]


def test_equipment_aid_over_30000(tmp_path: Path) -> None:
    found, _ = _budget_findings(
        _dossier(
            tmp_path / "d",
            letter_total="130 000",
            equipment=("80 000", "0", "0", "80 000"),
            expenses_total=("150 000", "70 000", "70 000", "290 000"),
            region_equipment=("40 000", "0", "0", "40 000"),
            own_funds=("40 000", "20 000", "30 000", "90 000"),
            revenues_total=("150 000", "70 000", "70 000", "290 000"),
        )
    )
    assert [code for code, _ in found] == ["B007"]
    assert "Réduisez l'aide à l'équipement à 30 000 €" in found[0][1]


def test_ht_budget_from_a_structure_that_does_not_recover_vat(tmp_path: Path) -> None:
    found, _ = _budget_findings(
        _dossier(tmp_path / "d", title="Budget prévisionnel 2027-2029 — montants HT")
    )
    assert [code for code, _ in found] == ["B002", "B002"]
    assert "présentez-le TTC" in found[0][1]


def test_fctva_collectivite_may_present_investment_ht(tmp_path: Path) -> None:
    found, _ = _budget_findings(
        _dossier(
            tmp_path / "d",
            regime="bénéficie du FCTVA sur ses dépenses d'investissement",
            title="Budget 2027-2029 — fonctionnement en TTC, investissement en HT",
        )
    )
    assert found == []


def test_basis_unstated(tmp_path: Path) -> None:
    found, _ = _budget_findings(_dossier(tmp_path / "d", title="Budget prévisionnel 2027-2029"))
    assert [code for code, _ in found] == ["B001"]


@pytest.mark.parametrize("letter_total", ["120 000", "100 000"])
def test_letter_amount_differs_from_the_budget(tmp_path: Path, letter_total: str) -> None:
    found, _ = _budget_findings(_dossier(tmp_path / "d", letter_total=letter_total))
    assert [code for code, _ in found] == ["B008"]
    assert f"demande {letter_total} €" in found[0][1] and "110 000 €" in found[0][1]


def test_no_full_time_animator_in_budget_nor_technique(tmp_path: Path) -> None:
    folder = _dossier(tmp_path / "d")
    budget = folder / "Budget prévisionnel.csv"
    budget.write_bytes(budget.read_bytes().replace(b" (1 ETP)", b" (mi-temps)"))
    found, _ = _budget_findings(folder)
    assert [code for code, _ in found] == ["B009"]


def test_animation_aid_requested_for_a_fourth_year(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    rows = [
        "Budget prévisionnel 2027-2030 — montants TTC",
        "DÉPENSES;2027;2028;2029;2030",
        "Salaire et charges de l'animateur (1 ETP);60 000;60 000;60 000;60 000",
        "Total dépenses;60 000;60 000;60 000;60 000",
        "RECETTES;2027;2028;2029;2030",
        "Région Hauts-de-France — aide à l'animation;45 000;30 000;15 000;10 000",
        "Autofinancement;15 000;30 000;45 000;50 000",
        "Total recettes;60 000;60 000;60 000;60 000",
    ]
    (folder / "Budget.csv").write_bytes("\n".join(rows).encode("cp1252"))
    found, _ = _budget_findings(folder)
    assert [code for code, _ in found] == ["B006"]
    assert "10 000 €" in found[0][1] and "2030" in found[0][1]


def test_amount_without_a_label_is_reported_not_guessed(tmp_path: Path) -> None:
    folder = _dossier(tmp_path / "d")
    budget = folder / "Budget prévisionnel.csv"
    budget.write_bytes(budget.read_bytes() + "\r\n;;;;12 500".encode("cp1252"))
    found, _ = _budget_findings(folder)
    assert [code for code, _ in found] == ["B010"]
    assert "12 500" in found[0][1]


def test_technique_summary_table_that_differs_from_the_budget(tmp_path: Path) -> None:
    from conftest import write_docx

    folder = _dossier(tmp_path / "d")
    table = [
        ["", "2027", "2028", "2029", "Total"],
        [
            "Région Hauts-de-France — aide à l'animation",
            "45 000 €",
            "40 000 €",
            "15 000 €",
            "100 000 €",
        ],
        ["Région Hauts-de-France — aide à l'équipement", "20 000 €", "0 €", "0 €", "20 000 €"],
    ]
    write_docx(
        folder / "Dossier technique.docx",
        [("Aides", 1), ("Le plan de financement :", 0)],
        table=table,
    )
    result = CliRunner().invoke(cli, ["verify", str(folder), "--format", "json"])
    report = json.loads(result.output)
    found = flatten(report["findings"], ("code", "piece", "message"), codes="B011")
    assert [(code, piece) for code, piece, _ in found] == [("B011", "dossier_technique")] * 2
    assert (
        "Aide à l'animation 2028" in found[0][2]
        and "40 000 €" in found[0][2]
        and "30 000 €" in found[0][2]
    )
    assert "Aide à l'animation (total)" in found[1][2]


# A plan starting in February 2027 and a budget in three columns 2027-2029: the plan's three
# years, named by the calendar year each starts in (45 000 / 30 000 / 15 000 € at most), never
# calendar years without January 2030 (41 250 / 31 250 / 16 250 €).
CALENDAR_ASK = {
    "region_animation": ("41 250", "31 250", "16 250", "88 750"),
    "letter_total": "108 750",
    "own_funds": ("23 750", "18 750", "28 750", "71 250"),
}


def _february_plan(folder: Path, start: str = "1er février 2027", **changes: Any) -> Path:
    import test_technique

    _dossier(folder, **changes)
    answers = dict(test_technique.LIEU)
    answers["AID-3"] = [f"Le plan d'action débutera le {start} (dépenses éligibles)."]
    test_technique.technique_docx(folder / "Dossier technique.docx", answers)
    return folder


def test_columns_as_many_as_the_plan_s_years_are_its_years_in_the_table_and_the_check(
    tmp_path: Path,
) -> None:
    found, report = _budget_findings(_february_plan(tmp_path / "d", **CALENDAR_ASK))
    b005 = [f for f in report["findings"] if f["code"] == "B005"]
    assert [code for code, _ in found] == ["B005", "B005"]
    assert {f["severity"] for f in b005} == {"error"}
    rows = {y["label"]: y for y in report["aid"]["animation"]}
    assert [y["maximum"] for y in rows.values()] == ["45000.00", "30000.00", "15000.00"]
    assert b005[0]["message"].startswith(
        "Aide à l'animation 2028 (févr. 2028 – janv. 2029) : 31 250 € demandés, mais au plus "
        "30 000 € (2028 (févr. 2028 – janv. 2029) : min(60 000 ; 60 000) × 50 % = 30 000 €)"
        " ; dépenses d'animation retenues : « Salaire et charges de l'animateur (1 ETP) », "
        "« Prestations d'animation » (non retenues : « Loyer et charges »)."
    )
    # One rule: each finding's ceiling is the one the report's table shows for that year.
    for finding in b005:
        label = finding["message"].removeprefix("Aide à l'animation ").split(" : ")[0]
        assert f"mais au plus {euros(Decimal(rows[label]['maximum']))}" in finding["message"]
    assert not any("années civiles" in f["message"] for f in b005)


def test_budget_asking_aid_before_the_plan_says_so_and_names_the_question(
    tmp_path: Path,
) -> None:
    _, report = _budget_findings(_february_plan(tmp_path / "d", start="1er mars 2028"))
    [b018] = [f for f in report["findings"] if f["code"] == "B018"]
    assert b018["severity"] == "error"
    assert (
        "Il demande 45 000 € d'aide à l'animation en 2027, avant le début du plan."
        in (b018["message"])
    )
    assert "Mettez en accord la date de début (question AID-3)" in b018["message"]


def test_plan_start_judged_on_the_day_given_not_on_the_calendar(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An application received in December 2026 for a plan of March 2027, checked again in
    2028: no B017 when it is judged on its reception day, as on the day it came."""
    from datetime import date

    import test_technique

    import dossierkit.verify
    from dossierkit.call import load_call
    from dossierkit.checks.budget import PlanStartsInThePast
    from dossierkit.checks.clock import judged_on

    folder = tmp_path / "d"
    folder.mkdir()  # no letter: its date would be the reference
    budget_csv(folder / "Budget prévisionnel.csv")
    answers = dict(test_technique.LIEU)
    answers["AID-3"] = ["Le plan d'action débutera le 1er mars 2027 (dépenses éligibles)."]
    test_technique.technique_docx(folder / "Dossier technique.docx", answers)
    dossier = dossierkit.verify.build_dossier(folder, load_call(), read_workers=0)
    monkeypatch.setenv("DOSSIERKIT_TODAY", "2028-01-15")
    [later] = PlanStartsInThePast().run(dossier)
    assert later.params["when"] == "15 janvier 2028"
    with judged_on(date(2026, 12, 2)):
        assert list(PlanStartsInThePast().run(dossier)) == []
    # `verify --le` judges on its day (verify itself runs the checks inside judged_on).
    days: list[date] = []
    verified = dossierkit.verify.Verification(dossier, ())
    monkeypatch.setattr(
        dossierkit.verify, "verify", lambda *a, **k: days.append(k["today"]) or verified
    )
    CliRunner().invoke(cli, ["verify", str(folder), "--le", "02/12/2026"])
    assert days == [date(2026, 12, 2)]
    refused = CliRunner().invoke(cli, ["verify", str(folder), "--le", "31/02/2027"])
    shown = refused.output.replace("\u00a0", " ").replace("\u202f", " ")
    assert refused.exit_code == 2 and "« 31/02/2027 » n'est pas une date" in shown
