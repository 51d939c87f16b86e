"""Amounts written in French words: « soixante-quatre mille euros ».

A letter sometimes writes its request in words, as a cheque or a deed would (« Notre demande
s'élève à soixante-quatre mille euros : trente mille euros la première année… »). The number
words are read as French writes them up to the millions: the hyphens of the traditional
spelling and the 1990 one (« vingt-et-un »), « et » in « vingt et un », « soixante-dix »,
« quatre-vingt(s) », « cent(s) », « mille », « million(s) », and the Belgian and Swiss
« septante », « huitante », « nonante ». Words are an amount only when « euros » (or « € »,
« d'euros ») follows them: « deux mille vingt-sept » alone is a year, « trois fablabs » a
count.

Numbers are read word by word; a word that cannot follow the ones before in a well-formed
number (« vingt-sept quarante ») starts another number, so that the amount is only the
number that stands before « euros ». No library does this (``num2words`` writes numbers in
words, the other way; ``text2num`` reads them but pulls a compiled extension for a few
dozen words).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from dossierkit.text import strip_accents

_UNITS = {
    "zero": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
    "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13,
    "quatorze": 14, "quinze": 15, "seize": 16,
}  # fmt: skip
_TENS = {
    "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50,
    "soixante": 60, "septante": 70, "huitante": 80, "octante": 80, "nonante": 90,
}  # fmt: skip
_HUNDRED = frozenset({"cent", "cents"})
_THOUSAND = frozenset({"mille", "mil"})
_MILLION = frozenset({"million", "millions"})
_NUMBER_WORDS = frozenset({*_UNITS, *_TENS, *_HUNDRED, *_THOUSAND, *_MILLION})
# A word (letters, accents folded later), or « € ».
_TOKEN = re.compile(r"[^\W\d_]+|€")
# What may stand between the number and its currency: « d'euros » after millions.
_CURRENCY = frozenset({"euros", "euro", "€"})
# « et » joins the words of one number only before these: « vingt et un », « soixante et onze ».
_AFTER_ET = frozenset({"un", "une", "onze"})


@dataclass(frozen=True)
class WordAmount:
    """An amount written in words, with where its words stand in the text (up to the end of
    its currency)."""

    value: Decimal
    start: int
    end: int


class _Number:
    """A number being read word by word: ``add`` says whether the word continues it."""

    def __init__(self) -> None:
        self.total = 0  # the millions and thousands read
        self.group = 0  # the part below a thousand being read
        self.scale = 10**9  # the largest multiplier the next one must stay under
        self.words = 0

    @property
    def value(self) -> int:
        return self.total + self.group

    def add(self, word: str) -> bool:
        rest = self.group % 100
        if word in _UNITS:
            number = _UNITS[word]
            allowed = (
                rest == 0
                or (rest in (20, 30, 40, 50, 70, 90) and number <= 9)
                or (rest in (60, 80) and number <= 19)
                or (rest == 10 and 7 <= number <= 9)
            )
            if not allowed:
                return False
            self.group += number
        elif word in _TENS:
            if rest == 4 and word.startswith("vingt"):  # « quatre-vingt(s) »
                self.group += 80 - 4
            elif rest == 0:
                self.group += _TENS[word]
            else:
                return False
        elif word in _HUNDRED:
            if self.group >= 10:
                return False
            self.group = max(self.group, 1) * 100
        else:
            factor = 1000 if word in _THOUSAND else 10**6
            if factor >= self.scale:
                return False
            self.total += max(self.group, 1) * factor
            self.group, self.scale = 0, factor
        self.words += 1
        return True


def _fold(word: str) -> str:
    return strip_accents(word).casefold()


def word_amounts(text: str) -> list[WordAmount]:
    """The amounts ``text`` writes in words, each before « euros » (or « € »)."""
    tokens = [(m.start(), m.end(), _fold(m.group())) for m in _TOKEN.finditer(text)]
    found: list[WordAmount] = []
    number: _Number | None = None
    start = 0
    for index, (begin, _end, word) in enumerate(tokens):
        between = text[tokens[index - 1][1] : begin] if index else ""
        joined = number is not None and re.fullmatch(r"[\s-]*", between) is not None
        following = tokens[index + 1][2] if index + 1 < len(tokens) else ""
        if word == "et" and joined and following in _AFTER_ET:
            continue  # « vingt et un », « soixante et onze »
        if word in _NUMBER_WORDS:
            if number is None or not joined or not number.add(word):
                number, start = _Number(), begin
                if not number.add(word):
                    number = None
            continue
        if number is not None and joined:
            currency = following if word == "d" else word  # « deux millions d'euros »
            if currency in _CURRENCY and number.value:
                last = tokens[index + (word == "d")][1]
                found.append(WordAmount(Decimal(number.value), start, last))
        number = None
    return found
