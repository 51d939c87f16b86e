"""The aid of each application, year by year, in the triage's outputs.

A plan starting on 1 July 2027 has a budget in calendar years, 2027 to 2030 (see
``dossierkit.aid``): 2027 and 2028 both begin in the plan's first year, so a year's place in
the plan cannot key it. Each calendar year keeps its own line.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from dossierkit.aid import animation_aid
from dossierkit.call import load_call
from dossierkit.report.aid import aid_data
from dossierkit.triage.applications import _aid
from dossierkit.triage.html import STRINGS, _aid_table


def _report(start: date, years: list[int], asked: list[str]) -> dict[str, object]:
    call = load_call()
    animation = animation_aid(
        call,
        [Decimal(60000)] * len(years),
        years,
        [Decimal(a) for a in asked],
        start,
    )
    return {"aid": aid_data(animation, None)}


def test_calendar_years_of_a_plan_starting_in_july_keep_their_own_line() -> None:
    report = _report(
        date(2027, 7, 1), [2027, 2028, 2029, 2030], ["10000", "20000", "30000", "5000"]
    )
    assert [y["index"] for y in report["aid"]["animation"]] == [1, 1, 2, 3]  # type: ignore[index]
    values = _aid(report)
    lines = values["aid_years"]
    assert [(y["year"], y["plan_years"], y["requested"]) for y in lines] == [
        (2027, [1], "10000"),
        (2028, [1, 2], "20000"),
        (2029, [2, 3], "30000"),
        (2030, [3], "5000"),
    ]
    assert values["total_requested"] == "65000"
    # The plan years' columns are not filled with one calendar year each.
    assert not any(k.startswith("animation_") for k in values)
    table = _aid_table(values, "fr", STRINGS["fr"])
    for name in (
        "2027 (année 1)",
        "2028 (années 1 et 2)",
        "2029 (années 2 et 3)",
        "2030 (année 3)",
    ):
        assert f'<th scope="row">{name}</th>' in table
    assert table.count("<tr>") == 4 + 1  # four years and the total


def test_a_plan_starting_in_january_fills_each_year_of_the_plan() -> None:
    values = _aid(_report(date(2027, 1, 1), [2027, 2029], ["30000", "10000"]))
    # 2029 is the plan's third year, even without 2028.
    assert (values["animation_1_year"], values["animation_3_year"]) == (2027, 2029)
    assert (values["animation_1_requested"], values["animation_3_requested"]) == ("30000", "10000")
    assert "animation_2_year" not in values
    table = _aid_table(values, "en", STRINGS["en"])
    assert '<th scope="row">Year 3 (2029)</th>' in table
