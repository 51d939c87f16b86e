"""The pages of a dossier technique laid out for the Région's figures are found as fast as a
page can be skipped: a page is searched for amounts only when a digit is followed by a
currency, which every amount ``find_amounts`` reads ends with."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from dossierkit.amounts import find_amounts
from dossierkit.pieces.budget.region import _has_amount, region_pages
from dossierkit.reading.model import Document, Page

# What amounts are written with, and what is written around them.
_PIECES = st.sampled_from(
    [
        *"0123456789uUrRoOsSakKmMeE€()-−–,.",
        *(" ", "\u00a0", "\u202f", "\u2009", "\n", "euros", "EUR", "k€", "Total"),
    ]
)


@given(st.lists(_PIECES, max_size=30).map("".join))
def test_a_page_is_skipped_only_when_it_holds_no_amount(text: str) -> None:
    assert _has_amount(text) == bool(find_amounts(text))


def test_the_written_forms_of_amounts_are_all_found() -> None:
    for text in (
        "45 000 €",
        "45\u00a0000,50\u202f€",
        "(1 000) €",
        "(1 000 ) €",
        "(1 000 )\u2009€",
        "1 000\n€",
        "1\u2009000\u2009€",
        "-1 000 euros",
        "12 k€",
        "3 M€",
        "45000 EUR.",
        "Aide de la Région : 20 000 euros en 2027",
    ):
        assert _has_amount(text), text
    for text in ("2027 2028 Total", "les entrepreneurs du territoire", "€ 45 000"):
        assert _has_amount(text) == bool(find_amounts(text)), text


def _page(number: int, text: str) -> Page:
    return Page(number=number, text=text, width=595.0, height=842.0)


def test_region_pages_are_those_that_name_the_budget_beside_amounts() -> None:
    prose = "Le tiers-lieu accueillera les habitants et les associations du territoire.\n" * 40
    document = Document(
        type="pdf",
        pages=(
            _page(1, prose),
            _page(2, prose + "Plan de financement : dépenses et recettes\n"),
            _page(3, "Aide de la Région 2027 : 20 000 €\nTotal 40 000 €\n"),
            _page(4, prose + "Budget en 2027 : 2027 2028\n"),
            _page(5, prose + "Le loyer de 1 200 € est payé par la commune.\n"),
        ),
    )
    # Page 2 holds the header of the table whose amounts are on page 3; page 5 cites an
    # amount but neither the Région nor the budget.
    assert region_pages(document) == (2, 3)
