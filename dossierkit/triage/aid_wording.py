"""What a letter says of an aid asked above the call's cap, in plain words.

The checks' messages (B005, B007) give the cap's arithmetic, « min(41 000 ; 60 000) × 75 %
= 30 750 € », which the instructor can verify but an applicant reads as a formula, not a
sentence. A letter says the same from what the findings established (their ``data``: the
year of the aid table, the amounts, the budget lines of the base) and the report's aid table:
« l'aide à l'animation demandée pour 2027 (…) s'élève à 42 000 € et dépasse le plafond de
l'appel, 30 750 € (75 % des dépenses d'animation retenues, 41 000 €) ». The messages are
never parsed. Any other parenthesised formula left in a finding's message is dropped
(``without_formula``): the amounts around it still say what is wrong.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from dossierkit.aid import SHORT_MONTHS, euros, percent
from dossierkit.dates import month_name

ANIMATION_OVER_CAP = "B005"
EQUIPMENT_OVER_CAP = "B007"
# « (2027 (…) : min(41 000 ; 60 000) × 75 % = 30 750 €) »: a parenthesised group, one level
# of parentheses inside it, holding an operator of arithmetic.
_FORMULA = re.compile(r"\s*\((?:[^()]|\([^()]*\))*(?:×|min\(|max\()(?:[^()]|\([^()]*\))*\)")
# How many budget lines a letter quotes before « … ».
_SHOWN_LINES = 4


# A plan year's months as the aid table abbreviates them (« 2027 (mars 2027 – févr. 2028) »),
# and as a letter writes them in full.
_PERIOD = re.compile(r"\((\S+) (\d{4}) – (\S+) (\d{4})\)")
_FULL_MONTHS = {short: month_name(n) for n, short in enumerate(SHORT_MONTHS["fr"], start=1)}


def letter_year(label: str) -> str:
    """A year of the aid table as a letter writes it: « 2027 (de mars 2027 à février
    2028) » for the table's « 2027 (mars 2027 – févr. 2028) »."""

    def full(found: re.Match[str]) -> str:
        first, last = (_FULL_MONTHS.get(m, m) for m in (found.group(1), found.group(3)))
        return f"(de {first} {found.group(2)} à {last} {found.group(4)})"

    return _PERIOD.sub(full, label)


def without_formula(text: str) -> str:
    """``text`` without its parenthesised arithmetic (« (… × 75 % = 30 750 €) »)."""
    return _FORMULA.sub("", text)


def _animation_year(finding: dict[str, Any], aid: dict[str, Any]) -> dict[str, Any] | None:
    """The year of the aid table a B005 finding is about: the one its data names (the
    project's year and the calendar year, two calendar years of a plan that does not start
    in January sharing the first)."""
    data = finding.get("data") or {}
    years: list[dict[str, Any]] = aid.get("animation") or []
    for year in years:
        if (year.get("index"), year.get("year")) == (data.get("index"), data.get("year")):
            return year
    return None


def _quoted(labels: list[str]) -> str:
    """« A », « B » …: the first budget lines, quoted."""
    shown = ", ".join(f"« {label} »" for label in labels[:_SHOWN_LINES])
    return shown + (" …" if len(labels) > _SHOWN_LINES else "")


def _animation_cap(year: dict[str, Any]) -> str:
    """How the year's cap is made, in words: the rate of the animation expenses retained,
    and the ceiling on those expenses when it applies."""
    expenses, base = Decimal(year["expenses"]), Decimal(year["base"])
    if year.get("rate") is None:
        # A calendar year shared between two years of the plan, each with its own rate.
        rates = " et ".join(
            f"{share['months']} mois à {percent(Decimal(share['rate']))}"
            for share in year.get("shares") or []
        )
        return f"{rates} des dépenses d'animation retenues" if rates else "taux de l'appel"
    rate = percent(Decimal(year["rate"]))
    if base < expenses:
        return f"{rate} des dépenses d'animation retenues, prises dans la limite de {euros(base)}"
    return f"{rate} des dépenses d'animation retenues, {euros(expenses)}"


def animation_statements(
    finding: dict[str, Any], aid: dict[str, Any] | None
) -> tuple[list[str], list[str]]:
    """B005 in a letter's words: the year's aid against its cap, and apart which expenses
    make the base (a note the letter says once, after every year, since each year's finding
    repeats it). Nothing when the report has no aid table naming the year."""
    year = _animation_year(finding, aid or {})
    data = finding.get("data") or {}
    # The amount the finding compared: the budget's, or the letter's when the budget names
    # no Région line (the aid table then has none for the year).
    asked = data.get("requested") or (year or {}).get("requested")
    if year is None or asked is None:
        return [], []
    requested, maximum = euros(Decimal(asked)), euros(Decimal(year["maximum"]))
    when = letter_year(year["label"])
    if data.get("unnamed"):
        # B005's warning: no line reads as animation, so the cap of 0 € proves nothing; the
        # letter says what cannot be checked and what is needed, not that 0 € is allowed.
        return [
            f"l'aide à l'animation demandée pour {when}, {requested}, ne peut pas être "
            "comparée au plafond de l'appel"
        ], [
            "aucune ligne du budget ne se lit comme une dépense d'animation : les dépenses "
            "d'animation (salaires de l'animateur, prestations d'animation) sont à nommer "
            "dans les libellés du budget"
        ]
    said = (
        f"l'aide à l'animation demandée pour {when} s'élève à {requested} et dépasse le "
        f"plafond de l'appel, {maximum} ({_animation_cap(year)})"
    )
    retained, other = list(data.get("retained") or ()), list(data.get("not_retained") or ())
    if not retained:
        return [said], []
    # Said after every year's cap (and the equipment's), the lines need their subject.
    note = f"dépenses retenues pour le plafond de l'aide à l'animation : {_quoted(retained)}"
    if other:
        note += f" (non retenues : {_quoted(other)})"
    return [said], [note]


def equipment_statement(finding: dict[str, Any]) -> str | None:
    """B007 in a letter's words, from the finding's data; nothing for a finding without
    (a report written before the findings carried it)."""
    data = finding.get("data") or {}
    if data.get("requested") is None:
        return None
    requested, maximum = euros(Decimal(data["requested"])), euros(Decimal(data["maximum"]))
    expenses = Decimal(data["expenses"])
    if expenses == 0:
        # A cap of 0 € is no cap: the budget has no equipment expense to aid.
        return (
            f"l'aide à l'équipement demandée, {requested}, ne correspond à aucune dépense "
            "d'équipement du budget"
        )
    rate, cap = percent(Decimal(data["rate"])), euros(Decimal(data["cap"]))
    return (
        f"l'aide à l'équipement demandée s'élève à {requested} et dépasse le plafond de "
        f"l'appel, {maximum} ({rate} des dépenses d'équipement, {euros(expenses)}, dans la "
        f"limite de {cap})"
    )
