"""Phrases of the lexicon as patterns of folded text, tolerant of the ways French inflects them.

A phrase is written as people write it ("atelier de fabrication numérique"); it is matched on
text folded by ``dossierkit.text.fold`` (lower case, no accents, punctuation as spaces):

- its small words ("de", "la", "aux"…) are optional, and any run of them may stand between
  its other words ("ateliers fabrication numérique", "atelier de la fabrication numérique");
- each word takes a short ending (up to three letters: plural, feminine, infinitive),
  "partagé" finding "partagés", "partager" and "partagée";
- a word ending with ``*`` takes any ending ("anim*": animer, animation, animatrice).
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_left
from collections.abc import Iterator
from functools import lru_cache

from dossierkit.text import fold

_SMALL = (
    "a au aux avec ce ces cet cette d dans de des du en et l la le les leur leurs nos notre "
    "par pour sa ses son sur un une vos votre"
)
SMALL_WORDS = frozenset(_SMALL.split())
_GAP = rf"(?: (?:{'|'.join(sorted(SMALL_WORDS, key=len, reverse=True))}))* "
# Endings a word may take in the text (its plural, feminine or infinitive form).
_ENDING = r"[a-z]{0,3}"
_WORD = re.compile(r"[a-z0-9]+")


def _word(word: str, open_end: bool) -> tuple[str, str]:
    """(letters the word begins with, its regular expression)."""
    if open_end:
        return word, rf"{re.escape(word)}[a-z0-9]*"
    if word.isdigit():
        return word, re.escape(word)
    # The plural's s or x, then the feminine's e, as long as four letters stay: "sites" is
    # "site", "partagés" is "partag" (partage, partagé, partager, partagées).
    base = word
    if len(base) > 4 and base[-1] in "sx":
        base = base[:-1]
    if len(base) > 4 and base[-1] == "e":
        base = base[:-1]
    return base, re.escape(base) + _ENDING


def _phrase(phrase: str) -> tuple[str, tuple[str, ...]] | None:
    """(regular expression, beginnings of its words) of ``phrase`` on folded text, without
    the word boundary before it (``Phrases`` checks it); None for a phrase of small words
    only, which would match anywhere."""
    words: list[tuple[str, str]] = []
    for raw in phrase.split():
        open_end = raw.endswith("*")
        for part in fold(raw).split():
            if part not in SMALL_WORDS or open_end:
                words.append(_word(part, open_end))
    if not words:
        return None
    return rf"{_GAP.join(r for _, r in words)}(?![a-z0-9])", tuple(b for b, _ in words)


def phrase_pattern(phrase: str) -> str | None:
    """The regular expression of ``phrase`` on folded text (see ``_phrase``)."""
    found = _phrase(phrase)
    return found[0] if found else None


def forget_texts() -> None:
    """Let go of the words listed for the texts of a document once it is read: the cache
    serves the many searches in one document, and would otherwise keep its longest texts."""
    _vocabulary.cache_clear()


@lru_cache(maxsize=64)
def _vocabulary(folded: str) -> tuple[str, ...]:
    # findall builds the list of words in C: a set comprehension over finditer cost a third
    # of the reading of a long dossier technique.
    return tuple(sorted(set(_WORD.findall(folded))))


def _begins_a_word(vocabulary: tuple[str, ...], beginning: str) -> bool:
    index = bisect_left(vocabulary, beginning)
    return index < len(vocabulary) and vocabulary[index].startswith(beginning)


class Phrases:
    """Patterns of folded text searched together, each match starting at a word.

    Each phrase keeps its own pattern, which begins with the letters of its first word: the
    regular expression engine looks for those at C speed, where one alternation of every
    phrase, or a pattern opening with a word boundary, is tried at every position of the text
    (a 500-page dossier technique made that cost seconds). A phrase is searched only if each
    of its words begins a word of the text, and its pattern is compiled the first time it is
    searched: most never are. The boundary before a match is checked here.
    """

    def __init__(self, entries: tuple[tuple[str, tuple[str, ...]], ...]) -> None:
        self.entries = tuple(sorted(set(entries)))
        self._compiled: dict[str, re.Pattern[str]] = {}

    def _candidates(self, folded: str) -> list[re.Pattern[str]]:
        """The patterns of the phrases whose words all begin a word of ``folded``."""
        vocabulary = _vocabulary(folded)
        found = []
        for source, words in self.entries:
            if all(_begins_a_word(vocabulary, w) for w in words):
                if source not in self._compiled:
                    self._compiled[source] = re.compile(source)
                found.append(self._compiled[source])
        return found

    def finditer(self, folded: str) -> Iterator[re.Match[str]]:
        """Every match, in the order of the text, found as they are asked for."""
        return heapq.merge(
            *(_at_words(pattern, folded) for pattern in self._candidates(folded)),
            key=lambda m: (m.start(), -m.end()),
        )

    def search(self, folded: str) -> re.Match[str] | None:
        """The first match in the text, None if there is none."""
        return next(self.finditer(folded), None)

    def coverage(self, folded: str) -> int:
        """How many characters of ``folded`` the matches cover (overlaps counted once)."""
        covered: set[int] = set()
        for pattern in self._candidates(folded):  # in any order: no need to merge them
            for m in _at_words(pattern, folded):
                covered.update(range(m.start(), m.end()))
        return len(covered)


class Gated:
    """A pattern of folded text searched only in a text that holds one of its ``needles``
    (words every match contains): finding a word is fast, where a pattern of alternatives is
    tried at every position of a long text that may not mention it at all."""

    def __init__(self, pattern: str, needles: tuple[str, ...]) -> None:
        self.pattern = re.compile(pattern)
        self.needles = needles

    def _worth(self, folded: str) -> bool:
        return any(needle in folded for needle in self.needles)

    def search(self, folded: str) -> re.Match[str] | None:
        """The first match, None if there is none."""
        return self.pattern.search(folded) if self._worth(folded) else None

    def finditer(self, folded: str) -> Iterator[re.Match[str]]:
        """Every match, in the order of the text."""
        return self.pattern.finditer(folded) if self._worth(folded) else iter(())


def _at_words(pattern: re.Pattern[str], folded: str) -> Iterator[re.Match[str]]:
    return (m for m in pattern.finditer(folded) if m.start() == 0 or folded[m.start() - 1] == " ")


@lru_cache(maxsize=256)
def any_of(phrases: tuple[str, ...], regexes: tuple[str, ...] = ()) -> Phrases | None:
    """What finds any of ``phrases`` (plain words) or of ``regexes`` (regular expressions of
    folded text, matched as whole words); None when there is nothing to find. Built once per
    process: the lexicon does not change while it runs."""
    entries = [found for phrase in phrases if (found := _phrase(phrase)) is not None]
    entries += [(rf"(?:{r})(?![a-z0-9])", ()) for r in regexes]
    return Phrases(tuple(entries)) if entries else None
