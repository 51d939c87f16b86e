"""Names with spaces that look like a space but are other characters (Unicode Zs: the figure
space U+2007, the ideographic space U+3000, the en space U+2002…) must show unambiguously:
« Budget 2027.xlsx » and « Budget\\u20072027.xlsx » are two files, and a report that prints
both the same way sends the instructor to the wrong one. The ordinary space and the no-break
space (which French text puts everywhere) stay as they are.

The narrow no-break space (U+202F) is kept too: French titles copied into names carry it.
"""

from __future__ import annotations

import pytest

from dossierkit.discovery import raw_name, shown_name

LOOKALIKE = ["\u2002", "\u2003", "\u2007", "\u2009", "\u200a", "\u205f", "\u3000", "\u1680"]


@pytest.mark.parametrize("space", LOOKALIKE)
def test_a_lookalike_space_is_shown_as_its_code(space: str) -> None:
    name = f"Budget{space}2027.xlsx"
    shown = shown_name(name)
    assert shown == f"Budget\\u{ord(space):04x}2027.xlsx"
    assert raw_name(shown) == name
    assert shown != shown_name("Budget 2027.xlsx")


@pytest.mark.parametrize("space", [" ", "\u00a0", "\u202f"])
def test_the_space_and_the_no_break_space_are_kept(space: str) -> None:
    assert shown_name(f"Budget{space}2027.xlsx") == f"Budget{space}2027.xlsx"
