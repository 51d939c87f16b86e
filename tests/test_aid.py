"""The aid ceilings: the call's arithmetic, its explanation, and `dossierkit aid`."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import jsonschema
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from dossierkit.aid import (
    animation_aid,
    equipment_aid,
    plan_start,
    round_ceiling,
    total_maximum,
)
from dossierkit.call import load_call
from dossierkit.cli import cli
from dossierkit.report.aid import aid_data, aid_rows
from dossierkit.text import french_typography

ROOT = Path(__file__).resolve().parent.parent

CALL = load_call()
money = st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False, allow_infinity=False)


def test_the_calls_own_example() -> None:
    years = animation_aid(CALL, [Decimal(60000)] * 3, [2027, 2028, 2029])
    assert [y.maximum for y in years] == [45000, 30000, 15000]  # "soit 45, 30 puis 15 k€"
    assert years[1].explanation() == "2028 : min(60 000 ; 60 000) × 50 % = 30 000 €"


def test_issue_example_and_equipment_cap() -> None:
    (year,) = animation_aid(CALL, [Decimal(45000)], [2028])
    assert year.maximum == Decimal("33750.00")  # year 1 rate
    second = animation_aid(CALL, [Decimal(60000), Decimal(45000)], [2027, 2028])[1]
    assert second.explanation() == "2028 : min(45 000 ; 60 000) × 50 % = 22 500 €"
    assert equipment_aid(CALL, Decimal(32000)).maximum == 16000
    assert equipment_aid(CALL, Decimal(80000)).maximum == 30000
    assert (
        equipment_aid(CALL, Decimal(80000)).explanation("en")
        == "Equipment: min(80,000 × 50%; 30,000) = €30,000"
    )


def test_no_aid_beyond_year_three() -> None:
    years = animation_aid(CALL, [Decimal(50000)] * 4)
    assert years[3].maximum == 0 and years[3].label("fr") == "année 4"


def test_one_rounding_rule_a_half_cent_up_as_a_spreadsheet_rounds() -> None:
    # 25 % of 30 000,50 € is 7 500,125 €: ROUND(…; 2) in the workbook gives 7 500,13 €, and
    # so must the checks and `dossierkit aid`, or 7 500,13 € asked is a false error.
    third = animation_aid(CALL, [Decimal(60000), Decimal(60000), Decimal("30000.50")])[2]
    assert third.maximum == round_ceiling(Decimal("7500.125")) == Decimal("7500.13")
    assert third.explanation() == "année 3 : min(30 000,50 ; 60 000) × 25 % = 7 500,13 €"
    assert equipment_aid(CALL, Decimal("0.01")).maximum == Decimal("0.01")  # 0,005 € up
    assert round_ceiling(Decimal("7500.1249")) == Decimal("7500.12")


@given(st.lists(money, min_size=1, max_size=5))
def test_animation_ceiling_properties(expenses: list[Decimal]) -> None:
    for year in animation_aid(CALL, expenses):
        exact = year.rate * min(year.expenses, CALL.animation_aid.base_cap)
        assert 0 <= year.maximum <= year.rate * CALL.animation_aid.base_cap
        assert abs(year.maximum - exact) <= Decimal("0.005")
        assert year.maximum == round_ceiling(exact)


@given(money)
def test_equipment_ceiling_properties(expenses: Decimal) -> None:
    aid = equipment_aid(CALL, expenses)
    assert 0 <= aid.maximum <= CALL.equipment_aid.cap
    assert aid.maximum == min(
        round_ceiling(expenses * CALL.equipment_aid.rate), CALL.equipment_aid.cap
    )


@given(st.lists(money, min_size=1, max_size=3), money)
def test_total_is_the_sum_of_the_ceilings(expenses: list[Decimal], equipment: Decimal) -> None:
    years = animation_aid(CALL, expenses)
    aid = equipment_aid(CALL, equipment)
    assert total_maximum(years, aid) == sum(y.maximum for y in years) + aid.maximum


def test_aid_command_prints_the_arithmetic_in_french() -> None:
    result = CliRunner().invoke(
        cli,
        [
            "aid",
            "--animation",
            "52000",
            "51000",
            "50000",
            "--equipment",
            "32000",
            "--start-year",
            "2027",
        ],
    )
    assert result.exit_code == 0
    # French typography's no-break spaces: « 2028\u00a0: min(51 000\u202f; 60 000) ».
    assert "2028\u00a0: min(51 000\u202f; 60 000) × 50 % = 25 500\u00a0€" in result.output
    assert french_typography("Équipement : min(32 000 × 50 % ; 30 000) = 16 000 €") in result.output
    assert french_typography("Aide maximale totale : 93 000 €") in result.output


def test_aid_command_json() -> None:
    result = CliRunner().invoke(
        cli, ["aid", "--animation", "70 000", "--equipment", "80k€", "--format", "json"]
    )
    data = json.loads(result.output)
    assert data["animation"][0]["maximum"] == "45000.00"
    assert data["animation"][0]["base"] == "60000"
    assert data["equipment"]["maximum"] == "30000"
    assert data["total_maximum"] == "75000.00"


def test_aid_command_refuses_what_is_not_an_amount() -> None:
    result = CliRunner().invoke(cli, ["aid", "--animation", "beaucoup"])
    assert result.exit_code == 2
    assert "n'est pas un montant" in result.output
    assert CliRunner().invoke(cli, ["aid"]).exit_code == 2


# --- The plan's start date ("Quelle serait la date de début de ce plan d'action ?") --------


def test_plan_starting_in_january_keeps_calendar_years() -> None:
    on_day = animation_aid(CALL, [Decimal(60000)] * 3, start=date(2027, 1, 15))
    assert [(y.year, y.maximum, y.period) for y in on_day] == [
        (2027, 45000, None),
        (2028, 30000, None),
        (2029, 15000, None),
    ]


def test_plan_starting_in_september_has_years_from_september_to_august() -> None:
    years = animation_aid(CALL, [Decimal(60000)] * 3, [2027, 2028, 2029], start=date(2027, 9, 1))
    assert [y.maximum for y in years] == [45000, 30000, 15000]
    assert years[0].label() == "2027 (sept. 2027 – août 2028)"
    assert years[2].label("en") == "2029 (Sept. 2029 – Aug. 2030)"


@given(st.lists(money, min_size=4, max_size=4), st.integers(min_value=2, max_value=12))
def test_calendar_years_of_a_plan_not_starting_in_january_share_the_rates_by_months(
    expenses: list[Decimal], month: int
) -> None:
    years = animation_aid(CALL, expenses, [2027, 2028, 2029, 2030], start=date(2027, month, 1))
    assert all(y.shares for y in years)
    # Every month of the plan counted once, each plan year twelve months.
    months: dict[int, int] = {}
    for y in years:
        for share in y.shares:
            months[share.plan_year] = months.get(share.plan_year, 0) + share.months
    assert months == {1: 12, 2: 12, 3: 12}
    # Never more than the three yearly ceilings of the call (45 + 30 + 15 k€) in all.
    assert total_maximum(years, None) <= 90000 + Decimal("0.02")


def test_a_september_start_over_four_calendar_years() -> None:
    spent = [Decimal(20000), Decimal(60000), Decimal(60000), Decimal(40000)]
    years = animation_aid(CALL, spent, [2027, 2028, 2029, 2030], start=date(2027, 9, 1))
    assert [y.maximum for y in years] == [15000, 40000, 25000, 10000]
    assert years[1].explanation() == (
        "2028 : 8 mois de l'année 1 : min(40 000 ; 40 000) × 75 % + 4 mois de l'année 2 : "
        "min(20 000 ; 20 000) × 50 % = 40 000 €"
    )
    assert total_maximum(years, None) == 90000


def test_plan_start_reads_a_day_a_month_or_a_year() -> None:
    assert plan_start("2027-09-15") == date(2027, 9, 15)
    assert plan_start("2027-09") == date(2027, 9, 1)
    assert plan_start("2027") == date(2027, 1, 1)
    assert plan_start("2027-13") is None
    assert plan_start("septembre") is None
    assert plan_start(None) is None


def test_aid_command_with_a_start_date() -> None:
    result = CliRunner().invoke(
        cli, ["aid", "--animation", "20000", "60000", "60000", "40000", "--start", "2027-09"]
    )
    assert result.exit_code == 0, result.output
    assert "4 mois de l'année 1" in result.output
    assert "Aide maximale totale\u00a0: 90 000\u00a0€" in result.output
    refused = CliRunner().invoke(cli, ["aid", "--animation", "1", "--start", "2027-13"])
    assert refused.exit_code == 2
    assert "n'est pas une date" in refused.output


# --- Review 1: the rate of a year is its place in the plan; shared years in the table -----


def test_the_rate_follows_the_year_not_the_column() -> None:
    # 2029 is the third year of a plan that starts in 2027, even without a 2028 column.
    first, third = animation_aid(CALL, [Decimal(60000)] * 2, [2027, 2029])
    assert (first.index, first.rate, first.maximum) == (1, Decimal("0.75"), 45000)
    assert (third.index, third.rate, third.maximum) == (3, Decimal("0.25"), 15000)
    assert third.explanation() == "2029 : min(60 000 ; 60 000) × 25 % = 15 000 €"


def test_a_shared_calendar_year_has_a_mixed_rate_and_its_shares_to_the_cent() -> None:
    # 2028 of a plan starting in September 2027: 8 months of year 1, 4 of year 2.
    spent = [Decimal(20000), Decimal("70000.01"), Decimal(60000), Decimal(40000)]
    second = animation_aid(CALL, spent, [2027, 2028, 2029, 2030], start=date(2027, 9, 1))[1]
    assert second.rate is None
    assert [(s.plan_year, s.months, s.expenses, s.rate) for s in second.shares] == [
        (1, 8, Decimal("46666.67"), Decimal("0.75")),
        (2, 4, Decimal("23333.34"), Decimal("0.50")),
    ]
    assert second.base == Decimal("60000.00")  # 40 000 + 20 000: both shares capped
    data = aid_data([second], None)
    row = data["animation"][0]
    assert row["rate"] is None and row["base"] == "60000.00"
    assert [s["base"] for s in row["shares"]] == ["40000.00", "20000.00"]
    headers, rows = aid_rows(data, "fr")
    assert headers[3] == "Taux" and rows[0][3] == "mixte" and rows[0][4] == "40 000 €"
    assert aid_rows(data, "en")[1][0][3] == "mixed"


def test_aid_json_of_a_shared_year_is_rounded_and_follows_the_schema() -> None:
    result = CliRunner().invoke(
        cli,
        ["aid", "--animation", "20000", "60000", "60000", "40000", "--start", "2027-09",
         "--format", "json"],
    )  # fmt: skip
    data = json.loads(result.output)
    bases = [y["base"] for y in data["animation"]]
    assert bases == ["20000.00", "60000.00", "60000.00", "40000.00"]
    # 2027 and 2030 lie in one plan year each: their rate; 2028 and 2029 in two: none.
    assert [y["rate"] for y in data["animation"]] == ["0.75", None, None, "0.25"]
    schema = json.loads((ROOT / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
    errors = list(jsonschema.Draft202012Validator(schema["properties"]["aid"]).iter_errors(data))
    assert not errors, errors


def test_aid_command_refuses_a_start_year_that_contradicts_the_start() -> None:
    refused = CliRunner().invoke(
        cli, ["aid", "--animation", "60000", "--start-year", "2028", "--start", "2027-09"]
    )
    assert refused.exit_code == 2
    assert "--start-year 2028 et --start 2027-09 se contredisent" in refused.output
    agreed = CliRunner().invoke(
        cli, ["aid", "--animation", "60000", "--start-year", "2027", "--start", "2027-09"]
    )
    assert agreed.exit_code == 0 and "sept. 2027" in agreed.output
    # Year 0 is no year: refused, never silently taken for "no year given".
    zero = CliRunner().invoke(cli, ["aid", "--animation", "60000", "--start-year", "0"])
    shown = zero.output.replace("\u00a0", " ").replace("\u202f", " ")
    assert zero.exit_code == 2 and "« 0 » n'est pas une année" in shown
