"""The amounts a courrier de demande asks for, and what each one is for.

Applicants write their request in sentences, not in a form: « L'aide sollicitée s'élève à
106 000 € au total, soit pour l'animation 43 500 € en 2027, 29 500 € en 2028 et 15 000 € en
2029, et 18 000 € pour l'équipement », « une aide de 90 000 € », a list « - animation 2027 :
43 500 € », « 45 000 € au titre de l'animation et 20 000 € au titre de l'équipement ». A
label stands on either side of its amount, so the words between two amounts are cut at the
first separator (comma, semicolon, « et », « soit », « dont », a bullet; a line break when
there is none): what comes before the cut follows the first amount and is its own (« 18 000 €
pour l'équipement », « 43 500 € en 2027 »), what comes after it introduces the second
(« animation 2027 : », « une aide à l'équipement de »). Reading only the words before an
amount, as this module once did, gave « 18 000 € pour l'équipement » the label of the
amount before it and took « l'aide sollicitée s'élève à 106 000 € au total » for the
project's budget.

Amounts written in words (« soixante-quatre mille euros ») are read as those in figures
(``number_words``).

An amount is the project's ``budget`` when the nearest noun before it says so (« le budget
prévisionnel s'élève à », « le coût du projet »); otherwise its own words say ``total``,
``animation`` or ``equipement``, then the words that introduce it; a year with no other label
is the animation's (only the animation aid is yearly); « une aide de », « l'aide sollicitée »
alone state the ``total``; an amount with no word at all continues the enumeration before it
(« 43 500 € en 2027, 29 500 € en 2028 »).

A breakdown in brackets or after « dont », « soit » details the amount before it: « 32 000 €
pour l'équipement (20 000 € en 2027 …, 12 000 € en 2029 …) » asks 32 000 €, not two more
amounts of equipment. Its parts are ``detail`` (no request of their own) when they are of
their parent's kind (a part named by a year alone takes it): parts of the equipment, or of
one year's animation (the same year). The parts of the project's budget keep theirs (« dont
106 000 € d'aide régionale » is the aid, « dont 40 000 € de dépenses » more budget); those of
a total (« 106 000 € au total, soit 43 500 € en 2027 … ») or of the animation over
the years (« 90 000 € pour l'animation (45 000 € en 2027 …) ») say what is asked for what,
and keep their kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from dossierkit.amounts import Amount, find_amounts
from dossierkit.pieces.common import plain
from dossierkit.pieces.number_words import word_amounts
from dossierkit.reading.model import Document
from dossierkit.text import fold

# What cuts the words between two amounts (on the lower-cased text without accents).
_SEPARATOR = re.compile(
    r"[;,]|\.(?=\s|$)|\s(?:et|soit|dont|puis|ainsi que|plus)\s|(?:^|\s)[-–—•▪◦*](?=\s)|[•▪◦]"
)
# What ends a sentence: an amount after it neither continues nor shares a label.
_SENTENCE_END = re.compile(r"\.(?=\s|$)|[!?]|\n\s*\n")
# Labels, searched in folded words (« l équipement »).
_LABELS = (
    ("animation", re.compile(r"\b(?:animation|animer|fonctionnement)\b")),
    ("equipement", re.compile(r"\b(?:equipements?|investissements?|materiels?)\b")),
    ("total", re.compile(r"\b(?:totale?s?|au total|globale?|en tout|cumulee?s?)\b")),
    (
        "budget",
        re.compile(
            r"\b(?:budgets?|couts?|depenses|plan de financement|charges|"
            r"montant (?:total |global )?du projet|projet (?:s eleve|represente|d un montant))\b"
        ),
    ),
    (
        "aide",
        re.compile(
            r"\b(?:aides?|subventions?|soutien|participation|concours|financement|sollicit\w*|"
            r"demand\w*|montant)\b"
        ),
    ),
)
_KINDS = ("animation", "equipement", "total")
# The kinds an amount without a word of its own takes from the amount before it.
_SERIES = ("animation", "equipement", "budget")
# A year of the amount: the first of its own words, unless it opens a range (« 2027-2029 »).
_YEAR = re.compile(r"(?<![\d-])\b(20\d\d)\b(?!\s*(?:-|–|a|au)\s*20\d\d)")
# A year that introduces the amount stands at the end of the words before it (« animation
# 2027 : », « en 2028, »), not anywhere in the sentence (« à compter du 1er mars 2027 »).
_YEAR_BEFORE = re.compile(r"\b(20\d\d)\W{0,4}(?:de|d)?\W{0,2}$")
# How far the words after an amount are read, at most.
_OWN_WORDS = 80
# The digits of an amount as printed, without its currency: what OCR may misread.
_DIGITS = re.compile(r"\d(?:[\d\s.,]*\d)?")
# What opens the detail of the amount before (its brackets are found apart).
_DETAIL = re.compile(r"(?:^|[\s,;:])(?:dont|soit)\b")


@dataclass(frozen=True)
class RequestedAmount:
    """An amount the letter states, and what for (``total``, ``animation``, ``equipement``,
    ``budget`` or ``autre``), with its year when one is given (animation only)."""

    value: Decimal
    kind: str  # or ``detail``: a part of the amount before it, not asked on its own
    year: int | None
    page: int | None
    context: str
    confidence: float | None = None  # OCR's in the amount's digits; None when read exactly


@dataclass(frozen=True)
class _Words:
    """The words around one amount: its own (after it), those that introduce it (before),
    whether it continues an enumeration of the same sentence, and the amount it details
    (its index), when it stands in a breakdown of it."""

    own: str
    before: str
    continues: bool
    parent: int | None = None


def _cut(gap: str) -> tuple[str, str]:
    """The words between two amounts of one sentence, cut into those of the first (before
    the first separator) and those that introduce the second (after it)."""
    first = _SEPARATOR.search(gap)
    if first is not None:
        return gap[: first.start()], gap[first.end() :]
    if "\n" in gap:
        return gap[: gap.index("\n")], gap[gap.index("\n") + 1 :]
    # No separator: a label that ends on « : » introduces the next amount.
    return ("", gap) if gap.rstrip().endswith(":") else (gap, "")


def _parents(text: str, spans: list[tuple[int, int]]) -> list[int | None]:
    """For each amount, the amount whose breakdown it stands in: brackets opened after that
    amount and not closed yet, or « dont », « soit » after it in the same sentence."""
    parents: list[int | None] = [None]
    for i in range(1, len(spans)):
        gap = text[spans[i - 1][1] : spans[i][0]]
        parent = parents[-1]
        if ")" in gap or _SENTENCE_END.search(gap):
            parent = None
        tail = gap[gap.rfind(")") + 1 :]
        if "(" in tail or _DETAIL.search(tail):
            parent = i - 1 if parent is None else parent
        parents.append(parent)
    return parents


def _words(text: str, spans: list[tuple[int, int]]) -> list[_Words]:
    """For each amount at ``spans`` in ``text`` (lower case, no accents), its words."""
    result: list[_Words] = []
    parents = _parents(text, spans)
    for i, (start, end) in enumerate(spans):
        prev_end = spans[i - 1][1] if i else 0
        before_gap = text[prev_end:start]
        ends = list(_SENTENCE_END.finditer(before_gap))
        continues = bool(i) and not ends
        if ends:
            before = before_gap[ends[-1].end() :]
        elif i:
            before = _cut(before_gap)[1]
        else:
            before = before_gap
        next_start = spans[i + 1][0] if i + 1 < len(spans) else len(text)
        after_gap = text[end:next_start]
        stop = _SENTENCE_END.search(after_gap)
        if stop is None and i + 1 < len(spans):
            own = _cut(after_gap)[0]
        else:
            own = after_gap[: stop.start()] if stop is not None else after_gap
            separator = _SEPARATOR.search(own)
            own = own[: separator.start()] if separator is not None else own
        result.append(_Words(own[:_OWN_WORDS], before, continues, parents[i]))
    return result


def _nearest(words: str) -> tuple[str | None, str | None]:
    """(the noun nearest the end of ``words``: ``budget`` or ``aide``; the kind label nearest
    it). « Le budget de fonctionnement s'élève à » speaks of the budget, « une aide au
    fonctionnement de » of the animation aid."""
    found = [
        (match.end(), label) for label, pattern in _LABELS for match in pattern.finditer(words)
    ]
    nouns = [f for f in found if f[1] not in _KINDS]
    kinds = [f for f in found if f[1] in _KINDS]
    return max(nouns)[1] if nouns else None, max(kinds)[1] if kinds else None


def _label(words: _Words, previous: str | None) -> tuple[str, int | None]:
    """The kind and year of one amount, from its words and the kind of the amount before
    it in the same sentence."""
    own, before = fold(words.own), fold(words.before)
    own_kind = next((k for k, pattern in _LABELS[:3] if pattern.search(own)), None)
    own_nouns = {k for k, pattern in _LABELS[3:] if pattern.search(own)}
    own_noun = "aide" if "aide" in own_nouns else next(iter(own_nouns), None)
    noun, before_kind = _nearest(before)
    year_match = _YEAR.search(own) or _YEAR_BEFORE.search(before)
    year = int(year_match.group(1)) if year_match else None
    # The budget's own amounts: after « le budget s'élève à » unless their own words speak
    # of the aid, or followed by « de dépenses » unless the words before ask for it.
    if (noun == "budget" and own_noun != "aide") or (own_noun == "budget" and noun != "aide"):
        kind = "budget"
    elif own_kind or before_kind:
        kind = own_kind or before_kind or "autre"
    elif (noun, own_noun) == (None, None) and words.continues and previous in _SERIES:
        kind = previous
    elif year is not None:
        kind = "animation"
    elif "aide" in (noun, own_noun):
        kind = "total"
    else:
        kind = "autre"
    return kind, year if kind == "animation" else None


# An amount's kind, year and value, as the amounts after it see it.
_Labelled = tuple[str, int | None, Decimal]


def _named(words: _Words) -> set[str]:
    """The labels (kinds and nouns) the words of one amount give it."""
    own, before = fold(words.own), fold(words.before)
    return {label for label, pattern in _LABELS if pattern.search(own) or pattern.search(before)}


def _detail(
    kind: str, year: int | None, value: Decimal, words: _Words, parent: _Labelled
) -> tuple[str, int | None]:
    """The kind of an amount of ``value`` in the breakdown of ``parent``: ``detail`` when it
    is a part of it (see the module's docstring), its own kind otherwise. A part is smaller
    than its whole: « 15 000 € en 2029, soit 90 000 € » sums the amounts before it."""
    parent_kind, parent_year, parent_value = parent
    named = _named(words)
    if parent_kind not in ("animation", "equipement") or value >= parent_value:
        return kind, year
    # A part named by a year alone (or nothing) is of its parent's kind.
    if not named & {"animation", "equipement", "total", "budget"}:
        kind = parent_kind
    same = kind == parent_kind and (
        parent_kind == "equipement"
        or (parent_kind == "animation" and parent_year is not None and year in (None, parent_year))
    )
    return ("detail", None) if same else (kind, year)


# How far an amount in figures may stand from the same amount in words to repeat it:
# « soixante mille euros (60 000 €) ».
_REPEATED = 6


def _all_amounts(text: str) -> list[Amount]:
    """The amounts of ``text`` in figures and in words (« soixante-quatre mille euros », as
    a cheque writes it), in their order; words that the same amount in figures repeats
    beside them (« soixante mille euros (60 000 €) ») are read once."""
    figures = find_amounts(text)
    words = [
        Amount(w.value, w.start, w.end)
        for w in word_amounts(text)
        if not any(
            f.value == w.value
            and (0 <= f.start - w.end <= _REPEATED or 0 <= w.start - f.end <= _REPEATED)
            for f in figures
        )
    ]
    return sorted([*figures, *words], key=lambda a: a.start)


def requested_amounts(document: Document) -> tuple[RequestedAmount, ...]:
    """Every amount of the letter with what it is for, page by page."""
    found: list[RequestedAmount] = []
    for number, text in document.page_texts():
        # One space for each run of spaces, line breaks kept: a break may separate the items
        # of a list that has no punctuation; amounts are found across it.
        flat = re.sub(r"\s+", lambda m: "\n" if "\n" in m.group() else " ", text).strip()
        spaced = flat.replace("\n", " ")
        amounts = _all_amounts(spaced)
        # An amount's span starts at its digits: a bullet's dash is no minus sign.
        spans = []
        for amount in amounts:
            digits = _DIGITS.search(spaced, amount.start, amount.end)
            spans.append((digits.start() if digits else amount.start, amount.end))
        lowered = plain(flat)
        previous: str | None = None
        labelled: list[_Labelled] = []
        for amount, words in zip(amounts, _words(lowered, spans), strict=True):
            kind, year = _label(words, previous if words.continues else None)
            value = abs(amount.value)
            if words.parent is not None:
                kind, year = _detail(kind, year, value, words, labelled[words.parent])
            labelled.append((kind, year, value))
            previous = kind if kind != "detail" else previous
            digits = _DIGITS.search(spaced, amount.start, amount.end)
            found.append(
                RequestedAmount(
                    value=value,
                    kind=kind,
                    year=year,
                    page=number,
                    context=spaced[max(0, amount.start - 60) : amount.end + 20].strip(),
                    confidence=document.confidence_of(number, digits.group()) if digits else None,
                )
            )
    return tuple(found)
