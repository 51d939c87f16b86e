"""Amounts in every French form, read exactly as Decimal."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dossierkit.amounts import find_amounts, parse_amount


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("45 000 €", "45000"),
        ("45\u00a0000 €", "45000"),
        ("45\u202f000,00 €", "45000.00"),
        ("45 000,50", "45000.50"),
        ("45.000,00", "45000.00"),
        ("45 k€", "45000"),
        ("1,5 k€", "1500"),
        ("45000 euros", "45000"),
        ("45000", "45000"),
        ("-1 000", "-1000"),
        ("(1 000)", "-1000"),
        ("12,5", "12.5"),
        ("0", "0"),
    ],
)
def test_french_forms(text: str, value: str) -> None:
    assert parse_amount(text) == Decimal(value)


@pytest.mark.parametrize("text", ["", "abc", "45 000 € et 3 000 €", "1 2 3", "2027-2029", "(1 000"])
def test_not_one_amount(text: str) -> None:
    assert parse_amount(text) is None


def test_amounts_in_a_sentence() -> None:
    text = (
        "une aide de 45 000 € pour 2027, 30 000 € pour 2028, soit 75 k€ ; total : 110 000,00 euros"
    )
    assert [a.value for a in find_amounts(text)] == [
        Decimal("45000"),
        Decimal("30000"),
        Decimal("75000"),
        Decimal("110000.00"),
    ]


def _french(value: Decimal, separator: str, decimals: bool) -> str:
    whole, _, cents = f"{abs(value):.2f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = separator.join(groups) + ("," + cents if decimals else "")
    return f"-{text}" if value < 0 else text


@given(
    cents=st.integers(min_value=-(10**11), max_value=10**11),
    separator=st.sampled_from([" ", "\u00a0", "\u202f", "."]),
)
def test_any_written_amount_reads_back_exactly(cents: int, separator: str) -> None:
    value = Decimal(cents) / 100
    assert parse_amount(_french(value, separator, decimals=True)) == value
    assert parse_amount(_french(value, separator, decimals=True) + " €") == value


@given(st.integers(min_value=0, max_value=10**9), st.sampled_from([" ", "\u00a0", "\u202f"]))
def test_whole_euros_with_currency_in_text(euros: int, separator: str) -> None:
    written = _french(Decimal(euros), separator, decimals=False)
    (found,) = find_amounts(f"une aide de {written} € est demandée")
    assert found.value == euros
