"""Amounts of money as the French write them, read as Decimal.

``45 000 €`` (ordinary, no-break or narrow no-break spaces), ``45 000,00``, ``45.000,00``,
``45 k€``, ``45000 euros``, ``-1 000`` and ``(1 000)``: every form an applicant or a
spreadsheet export produces. Money is never a float.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_SPACES = "\u0020\u00a0\u202f\u2009"
# A number: digits grouped by spaces or dots (thousands), an optional decimal part.
_NUMBER = (
    rf"\d{{1,3}}(?:[{_SPACES}]\d{{3}})+(?:,\d{{1,2}})?"  # 45 000 / 45 000,50
    r"|\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?"  # 45.000,00
    r"|\d+(?:[.,]\d{1,2})?"  # 45000 / 45000,5 / 4.5
)
_AMOUNT = re.compile(
    rf"(?P<neg>[-−–]\s?|\(\s?)?(?P<num>{_NUMBER})\s?(?P<close>\))?"
    rf"[{_SPACES}]?(?P<unit>k\s?€|k\s?euros?|m\s?€|€|euros?\b|eur\b)",
    re.IGNORECASE,
)
_BARE = re.compile(
    rf"^\s*(?P<neg>[-−–]\s?|\(\s?)?(?P<num>{_NUMBER})\s?(?P<close>\))?\s*"
    rf"(?P<unit>k\s?€|k\s?euros?|m\s?€|€|euros?|eur)?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Amount:
    """An amount found in a text, with where it stands in that text."""

    value: Decimal
    start: int
    end: int


def _to_decimal(match: re.Match[str]) -> Decimal | None:
    number = match.group("num")
    for space in _SPACES:
        number = number.replace(space, "")
    if "," in number:
        number = number.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(\.\d{3})+", number):
        number = number.replace(".", "")  # 45.000 is forty-five thousand in French
    try:
        value = Decimal(number)
    except InvalidOperation:
        return None
    unit = (match.group("unit") or "").lower().replace(" ", "")
    if unit.startswith("k"):
        value *= 1000
    elif unit.startswith("m"):
        value *= 1_000_000
    negative = match.group("neg")
    if negative and (negative.strip() != "(" or match.group("close")):
        value = -value
    return value


def parse_amount(text: str) -> Decimal | None:
    """The amount a cell or a short text states, or None if it is not one amount."""
    match = _BARE.match(text)
    if match is None or ((match.group("neg") or "").strip() == "(" and not match.group("close")):
        return None
    return _to_decimal(match)


def find_amounts(text: str) -> list[Amount]:
    """Every amount followed by a currency (€, euros, k€) in a running text."""
    found = []
    for match in _AMOUNT.finditer(text):
        value = _to_decimal(match)
        if value is not None:
            found.append(Amount(value, match.start(), match.end()))
    return found
