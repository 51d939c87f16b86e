"""Text normalisation shared by classification, inference and matching.

French documents write the same words with or without accents, in capitals, with
apostrophes of several kinds and no-break spaces. Matching works on one folded form so that
a pattern written once (``releve d identite bancaire``) finds every spelling.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_WORD = re.compile(r"[^0-9a-z]+")
# Ligatures that Unicode decomposition leaves alone but French spells out.
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})


# Combining marks left by decomposition (accents, cedillas…), removed in one C-level pass.
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def strip_accents(text: str) -> str:
    """Remove diacritics: « Délégation » → « Delegation »."""
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text.translate(_LIGATURES)))


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Lower case, no accents, every run of punctuation or spaces made one space."""
    return _NON_WORD.sub(" ", strip_accents(text).casefold()).strip()


def display_path(raw: str) -> str:
    """A path printable in a report, even when its bytes are not valid UTF-8."""
    return raw.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


_CIVILITY = re.compile(r"^(m|mr|mme|mlle|monsieur|madame|mademoiselle|dr|docteur|me|maitre)\s+")


def same_person(a: str, b: str) -> bool:
    """Whether two written names designate one person: civility, case, accents and the
    order of first and last names don't matter ("Mme Marie DUPONT" is "Dupont Marie")."""
    words_a = set(_CIVILITY.sub("", fold(a)).split())
    words_b = set(_CIVILITY.sub("", fold(b)).split())
    if not words_a or not words_b:
        return False
    return words_a <= words_b or words_b <= words_a


# Abbreviations that banks, the INSEE and applicants write for the same words. "Sté" is left
# out: it abbreviates "société" as often as "sainte".
_STRUCTURE_ABBREVIATIONS = {
    "asso": "association",
    "assoc": "association",
    "cc": "communaute de communes",
    "ca": "communaute d agglomeration",
    "cu": "communaute urbaine",
    "st": "saint",
    "mairie": "commune",
    "ville": "commune",
}
# Words that say nothing of which structure is meant: articles, prepositions, and the legal
# form of an association, which its statuts leave out of its title ("Fab'Lab du Ternois").
_STRUCTURE_FILLER = frozenset(
    {"a", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les", "association"}
)


def _structure_words(name: str) -> list[str]:
    words = " ".join(_STRUCTURE_ABBREVIATIONS.get(w, w) for w in fold(name).split()).split()
    return [w for w in words if w not in _STRUCTURE_FILLER]


def _joined(words: list[str], other: set[str]) -> set[str]:
    """Words with each adjacent pair that the other name writes as one word joined
    ("fab lab" beside "fablab")."""
    result: set[str] = set()
    i = 0
    while i < len(words):
        if i + 1 < len(words) and words[i] + words[i + 1] in other:
            result.add(words[i] + words[i + 1])
            i += 2
        else:
            result.add(words[i])
            i += 1
    return result


def same_structure(a: str, b: str) -> bool:
    """Whether two written names designate one structure, as a person reading them would
    judge: case, accents, apostrophes and word order don't matter, nor the usual
    abbreviations ("ASSO", "CC" for communauté de communes, "CA" for communauté
    d'agglomération, "St" for saint), nor "Association" written or not, nor "FAB LAB" for
    "Fab'Lab" or "FabLab". Every other word must be on both sides: "CA du Boulonnais" is not
    "Office de tourisme de la CA du Boulonnais"."""
    words_a, words_b = _structure_words(a), _structure_words(b)
    if not words_a or not words_b:
        return False
    return _joined(words_a, set(words_b)) == _joined(words_b, set(words_a))


_SPACE_BEFORE = re.compile(r" +([:;!?»])")
_SPACE_AFTER = re.compile(r"([«]) +")


def french_spacing(text: str) -> str:
    """The spaces French typography binds made non-breaking: before « : ; ! ? » and after « «
    », so that a line never starts with a colon or a closing guillemet. Only spaces already
    typed are changed (a URL's "://" or a time's "9:00" keep none)."""
    text = _SPACE_BEFORE.sub("\u00a0\\1", text)
    return _SPACE_AFTER.sub("\\1\u00a0", text)
