"""How alike two written names are, when OCR or a hurried hand wrote one of them.

A scanned letter or a photographed RIB is read by OCR, which splits a word ("DE NTELLE" for
"DENTELLE"), mistakes a letter ("NUMERIOUE", "Durana"), or drops one at the edge of an ink
stroke. Word-for-word comparisons (``text.same_structure``, ``text.same_person``) then say
"another holder", "another signatory", and the dossier gets an error for a reading mistake.
The checks ask here whether two names that are not the same are nevertheless *near*: then
they report a warning that shows both spellings, never an error nor silence.

The measure is the ratio of difflib's ``SequenceMatcher`` (2 × matching characters / total
characters; rapidfuzz's ``fuzz.ratio`` computes the same, but is not a dependency of the
project), on the names folded (case, accents, punctuation) with their spaces taken out, so
that a split or a joined word costs nothing, and with their words sorted as well, so that
"DURAND Marie" is "Marie Durand". ``NEAR`` was measured on pairs (``tests/test_names.py``):
one OCR mistake in a name of ten letters or more stays above it, two towns or two
associations that share half their name stay below.

Banks print a holder's name in 32 characters, abbreviated their own way (« ASS LES ATELIERS
DU CLERMONTOIS », « CNE DE FRUGES », « COMM COMMUNES DU TERNOIS »): ``same_structure`` and
the similarity spell these abbreviations out first, so that the RIB of the right structure is
the same name, not a near one.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

from dossierkit.text import fold
from dossierkit.text import same_structure as _same_words

# Two names at least this alike are near (see the module's docstring and tests/test_names.py).
NEAR = 0.9
# Words that say nothing of which structure or person is meant: the legal form an
# association's title leaves out, and civilities.
_STRUCTURE_FORM = frozenset({"association", "asso", "assoc", "ass"})
# How banks print a structure's name on a RIB (32 characters at most, so abbreviated) and
# what the words stand for, on folded text: « ASS », « ASSO », « ASSOC » are « association »,
# « CNE » « commune », « COMM COMMUNES », « COM COM », « CDC » « communauté de communes »,
# « COMM AGGLO », « AGGLO » « communauté d'agglomération », « SYND » « syndicat », « SM »
# « syndicat mixte » (« SM BAIE DE SOMME », a structure the intercommunalité designates). « STE »
# is « société » or « sainte »: both are tried (``spellings``).
_BANK_WORDS = tuple(
    (re.compile(rf"\b(?:{pattern})\b"), spelt)
    for pattern, spelt in (
        (r"ass|asso|assoc|associat|assos", "association"),
        (r"cne", "commune"),
        (
            r"(?:comm?|cte|communaute|communaut|cde|cdc)\s(?:de\s)?(?:communes|com|cnes)"
            r"|cdc|comcom|cc",
            "communaute de communes",
        ),
        (
            r"(?:comm?|cte|communaute|communaut)\s(?:d\s)?(?:agglo|agglomeration|aggl)"
            r"|agglo|ca",
            "communaute d agglomeration",
        ),
        (r"synd", "syndicat"),
        (r"sm", "syndicat mixte"),
    )
)
_STE = re.compile(r"\bste\b")
_CIVILITY = frozenset(
    {"m", "mr", "mme", "mlle", "monsieur", "madame", "mademoiselle", "dr", "docteur", "me"}
)
# A word read this alike to "association" is that word misread ("ASSOCIATI0N").
_FORM_LIKENESS = 0.8


def _ratio(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _forms(words: list[str]) -> tuple[str, str]:
    """The words joined as written and joined in alphabetical order."""
    return "".join(words), "".join(sorted(words))


def _similarity(words_a: list[str], words_b: list[str]) -> float:
    if not words_a or not words_b:
        return 0.0
    (as_written_a, sorted_a), (as_written_b, sorted_b) = _forms(words_a), _forms(words_b)
    return max(_ratio(as_written_a, as_written_b), _ratio(sorted_a, sorted_b))


def _spelt_out(name: str) -> str:
    """``name`` folded, with the banks' abbreviations spelt out (« société » for « STE »)."""
    folded = fold(name)
    for pattern, spelt in _BANK_WORDS:
        folded = pattern.sub(spelt, folded)
    return _STE.sub("societe", folded)


@lru_cache(maxsize=4096)
def spellings(name: str) -> tuple[str, ...]:
    """The ways ``name`` may be read: folded with the banks' abbreviations spelt out, and,
    when it writes « STE », once with « sainte » for it."""
    spelt = _spelt_out(name)
    folded = fold(name)
    if _STE.search(folded):
        for pattern, word in _BANK_WORDS:
            folded = pattern.sub(word, folded)
        return spelt, _STE.sub("sainte", folded)
    return (spelt,)


def same_structure(a: str, b: str) -> bool:
    """Whether two written names designate one structure: ``text.same_structure`` (case,
    accents, word order, « CC », « ASSO », « Association » written or not) once the banks'
    abbreviations are spelt out on both sides (« ASS LES ATELIERS DU CLERMONTOIS » is
    « Association Les Ateliers du Clermontois », « CNE DE FRUGES » the « Commune de
    Fruges »)."""
    return any(_same_words(x, y) for x in spellings(a) for y in spellings(b))


def _structure_words(name: str) -> list[str]:
    return [
        w
        for w in _spelt_out(name).split()
        if w not in _STRUCTURE_FORM and _ratio(w, "association") < _FORM_LIKENESS
    ]


def _person_words(name: str) -> list[str]:
    return [w for w in fold(name).split() if w not in _CIVILITY]


def structure_similarity(a: str, b: str) -> float:
    """How alike two structures' names are, from 0 to 1 (1: the same letters, whatever the
    case, accents, spaces, word order, and "Association" written or not)."""
    return _similarity(_structure_words(a), _structure_words(b))


def person_similarity(a: str, b: str) -> float:
    """How alike two persons' names are, from 0 to 1 (civility, case, accents, spaces and
    the order of first and last names left aside)."""
    return _similarity(_person_words(a), _person_words(b))


def near_structure(a: str, b: str) -> bool:
    """Whether ``a`` may be ``b`` misread: similar at ``NEAR`` at least."""
    return structure_similarity(a, b) >= NEAR


def near_person(a: str, b: str) -> bool:
    """Whether the person named ``a`` may be ``b`` misread: similar at ``NEAR`` at least."""
    return person_similarity(a, b) >= NEAR
