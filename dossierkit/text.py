"""Text normalisation shared by classification, inference and matching.

French documents write the same words with or without accents, in capitals, with
apostrophes of several kinds and no-break spaces. Matching works on one folded form so that
a pattern written once (``releve d identite bancaire``) finds every spelling.
"""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^0-9a-z]+")
# Ligatures that Unicode decomposition leaves alone but French spells out.
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})


def strip_accents(text: str) -> str:
    """Remove diacritics: « Délégation » → « Delegation »."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


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
