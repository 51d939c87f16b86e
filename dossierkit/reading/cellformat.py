"""What a spreadsheet cell's number format says its number is: a share, or thousands of euros.

A workbook stores 0.75 and shows « 75 % »; it stores 45 and shows « 45 k€ », or stores 45 000
and shows « 45 k€ » (a format that divides by a thousand). A reader that kept the stored
number would take the share for 0,75 € and the thousands for euros. So a cell whose format
shows a share is read as the share it shows (the text « 75 % »), never as a number; a cell
whose format shows thousands is read in euros, and cited in the document's notes
(``SHOWN_IN_THOUSANDS``) so that a table's own « (en k€) » does not multiply it again. Dates
are no concern here: openpyxl already reads a date-formatted cell as a date, and an
OpenDocument cell says it is one (``office:value-type="date"``).

The XLSX format code is the locale-free one of the file (``#,##0.0%``, ``#,##0" k€"``,
``#,##0,"k€"``): ``.`` is the decimal point, a ``,`` between digit placeholders groups
thousands, a ``,`` after the last one divides by a thousand; text in quotes, after ``\\`` or
in ``[$…-40C]`` is shown as is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

# The note that lists the cells read in euros from a format in thousands ("… : Budget!B7, …").
SHOWN_IN_THOUSANDS = "cellules affichées en milliers d'euros par leur format, lues en euros"
_DIGITS = "0#?"
# The unit of thousands of euros in a format's text: « k€ », « K€ », « k EUR », « KEUR ».
_THOUSANDS_UNIT = re.compile(r"k\s?(?:€|eur)", re.IGNORECASE)
_REFERENCE = re.compile(r"(.+?![A-Z]{1,3}[0-9]+)(?:, |$)")


@dataclass(frozen=True)
class NumberFormat:
    """What a number format shows of a cell's number.

    ``share``: shown as a percentage; ``times_hundred`` when the format multiplies it (a
    ``%`` of the format, not one in quotes); ``decimals`` shown. ``thousands``: its text says
    k€; ``divided``: how many times it divides the number by a thousand before showing it.
    """

    share: bool = False
    times_hundred: bool = False
    decimals: int = 0
    thousands: bool = False
    divided: int = 0

    @property
    def in_thousands(self) -> bool:
        """True when the number shown is not the number stored, in euros."""
        return self.thousands or self.divided > 0


PLAIN = NumberFormat()


def _split(code: str) -> tuple[str, str]:
    """The first section of a format code (a positive number's) as its placeholders and
    operators, each literal replaced by a space, and the literal text it shows."""
    kept: list[str] = []
    shown: list[str] = []
    i = 0
    while i < len(code):
        char = code[i]
        if char == ";":
            break
        if char == '"':
            end = code.find('"', i + 1)
            end = len(code) if end < 0 else end
            shown.append(code[i + 1 : end])
            kept.append(" ")
            i = end + 1
        elif char == "\\":
            shown.append(code[i + 1 : i + 2])
            kept.append(" ")
            i += 2
        elif char in "_*":  # a blank as wide as the next character, a fill: nothing shown
            kept.append(" ")
            i += 2
        elif char == "[":
            end = code.find("]", i)
            end = len(code) if end < 0 else end
            inner = code[i + 1 : end]
            if inner.startswith("$"):  # [$€-40C]: a currency, its symbol before the « - »
                shown.append(inner[1:].split("-", 1)[0])
                kept.append(" ")
            i = end + 1
        else:
            if not (char in _DIGITS or char in ".,%" or char.isspace()):
                shown.append(char)  # €, a letter of « k€ » typed without quotes
            kept.append(char)
            i += 1
    return "".join(kept), "".join(shown)


def _divisions(kept: str) -> int:
    """The commas that divide by a thousand: after a digit placeholder (or another such
    comma), with no digit placeholder after them."""
    count = 0
    for match in re.finditer(r",+", kept):
        before = kept[: match.start()].rstrip()
        after = kept[match.end() :]
        if before and before[-1] in _DIGITS + "." and not (after and after[0] in _DIGITS):
            count += len(match.group(0))
    return count


@lru_cache(maxsize=512)
def number_format(code: str) -> NumberFormat:
    """What the format ``code`` of an XLSX cell shows of its number."""
    if not code or code == "General" or code == "@":
        return PLAIN
    kept, shown = _split(code)
    decimals = re.search(r"\.([0#?]+)", kept)
    share = "%" in kept or "%" in shown
    thousands = bool(_THOUSANDS_UNIT.search(shown))
    divided = _divisions(kept)
    if not (share or thousands or divided):
        return PLAIN
    return NumberFormat(
        share=share,
        times_hundred="%" in kept,
        decimals=len(decimals.group(1)) if decimals else 0,
        thousands=thousands,
        divided=divided,
    )


def share_text(value: Decimal, shown: NumberFormat) -> str:
    """The share as the applicant sees it: « 75 % », « 12,5 % »."""
    number = value * 100 if shown.times_hundred else value
    number = number.quantize(Decimal(1).scaleb(-shown.decimals), rounding=ROUND_HALF_UP)
    return f"{number:f}".replace(".", ",") + "\u00a0%"


def in_euros(value: Decimal, thousands: bool, divided: int) -> Decimal:
    """The euros a number shown in thousands stands for: times a thousand when the format
    only says « k€ » (45 shown « 45 k€ »), as stored when the format divides it (45 000
    shown « 45 k€ »): its stored number is then the euros."""
    if divided or not thousands:
        return value
    euros = value * 1000
    return euros.quantize(Decimal(1)) if euros == euros.to_integral() else euros.normalize()


def thousands_note(cells: list[str]) -> str:
    """The note listing every cell (``Budget!B7``) read in euros from a format in thousands:
    all of them, the budget reader needs each one."""
    return f"{SHOWN_IN_THOUSANDS} : {', '.join(cells)}"


def cells_in_thousands(notes: tuple[str, ...]) -> frozenset[str]:
    """The cells a document's notes say were read in euros from a format in thousands."""
    prefix = f"{SHOWN_IN_THOUSANDS} : "
    return frozenset(
        match.group(1)
        for note in notes
        if note.startswith(prefix)
        # A sheet's name may hold « , »: each reference ends at its cell.
        for match in _REFERENCE.finditer(note, len(prefix))
    )
