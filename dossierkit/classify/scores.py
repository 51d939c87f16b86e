"""Scoring a text against the call's markers: the vote of a file's (or a page's) content.

Two votes beside the markers make a photographed or scanned piece recognisable when its OCR
is noisy: its title (the first lines say what a paper is, as its file name does), and the
OCR's usual confusions of letters and digits repaired before the markers are searched ("Ler
juillet 19O1" is "1er juillet 1901").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache

from dossierkit.call import PieceSpec

# Only the beginning of a long document is searched, and its shape measured: pieces say
# what they are early.
MAX_TEXT = 60_000
# Content alone must reach this score to name a piece.
MIN_CONTENT_SCORE = 6
# A marker found more often than this adds nothing: long documents mention everything.
MAX_HITS = 3
# A title that names a piece weighs what a file name does (``classify.NAME_WEIGHT``).
TITLE_WEIGHT = 6
# The title is among the first lines of a document: a phone photo's OCR often reads a bit of
# the table or the background before it.
TITLE_LINES = 3
# Longer than this, a line is text, not a title.
_TITLE_CHARS = 100
# A title names its piece in words: the short abbreviations a file name may use ("bp", "dt",
# "ago", "pel") are, in a line of text or OCR, too often something else ("âge", noise).
_TITLE_WORD = 5

# The literal beginning of a branch of a pattern, up to its first special character.
_LITERAL = re.compile(r"[a-z0-9 ']*")


def _structure(source: str) -> Iterator[tuple[int, str, int]]:
    """Each character of the pattern ``source`` that is neither escaped nor inside a
    character class, with its index and the depth of parentheses around it (a closing
    parenthesis at the depth it closes to)."""
    depth, escaped, in_class = 0, False, False
    for index, char in enumerate(source):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        else:
            depth += (char == "(") - (char == ")")
            yield index, char, depth


def _top_level(source: str, sep: str = "|") -> list[str]:
    """``source`` split at ``sep`` outside parentheses and brackets."""
    parts, start = [], 0
    for index, char, depth in _structure(source):
        if char == sep and depth == 0:
            parts.append(source[start:index])
            start = index + 1
    parts.append(source[start:])
    return parts


def _branch_needles(branch: str) -> list[str] | None:
    """Literal texts one of which every match of ``branch`` contains; None if unknown."""
    while branch.startswith("\\b"):
        branch = branch[2:]
    if branch.startswith("("):
        closing = next(
            (i for i in range(1, len(branch) + 1) if _balanced(branch[: i + 1])), len(branch)
        )
        inner, after = branch[1:closing], branch[closing + 1 :]
        if after[:1] in ("?", "*", "{") or inner.startswith("?"):
            return None  # an optional group, or a look-around: no needle before it
        found: list[str] = []
        for part in _top_level(inner):
            needles = _branch_needles(part)
            if needles is None:
                return None
            found += needles
        return found
    literal = _LITERAL.match(branch)
    text = literal.group() if literal else ""
    if branch[len(text) : len(text) + 1] in ("?", "*", "{"):
        text = text[:-1]  # the last letter is optional ("abstentions?")
    return [text] if len(text.strip()) >= 2 else None


def _balanced(prefix: str) -> bool:
    """True when the parentheses of ``prefix`` (which opens one) close at its end."""
    return any(char == ")" and depth == 0 for _, char, depth in _structure(prefix))


@lru_cache(maxsize=512)
def needles(source: str) -> tuple[str, ...] | None:
    """Texts one of which every match of the pattern ``source`` contains (None when they
    cannot be told): a text holding none of them is not searched. A marker's pattern opens
    with a word boundary, which keeps the regular expression engine from its fast search
    for a literal beginning; most markers are absent from most documents, and finding that
    a word is absent is a substring search."""
    found: list[str] = []
    for branch in _top_level(source):
        branch_needles = _branch_needles(branch)
        if branch_needles is None:
            return None
        found += branch_needles
    return tuple(dict.fromkeys(found))


def _count(pattern: re.Pattern[str], folded: str) -> int:
    words = needles(pattern.pattern)
    if words is not None and not any(word in folded for word in words):
        return 0
    return len(pattern.findall(folded))


# A marker that is one long word: « \bstatuts\b », « \bdeliberation\b ».
_ONE_WORD = re.compile(r"\\b([a-z]{7,})\\b")


def _misread(word: str, words: Counter[str]) -> int:
    """How many words of an OCR reading are ``word`` with one letter misread ("statuls",
    "deliberalion"): same length, one letter different. Only long words, where one letter
    does not make another word of the call's vocabulary."""
    return sum(
        count
        for other, count in words.items()
        if len(other) == len(word) and other != word
        and sum(a != b for a, b in zip(other, word, strict=True)) == 1
    )  # fmt: skip


def content_scores(
    folded: str, specs: tuple[PieceSpec, ...], *, ocr: bool = False
) -> dict[str, tuple[int, list[str]]]:
    """Kind → (score, evidence) of the folded text ``folded`` for each spec's markers; with
    ``ocr``, a marker of one long word also counts its readings with one letter wrong."""
    words = Counter(folded.split()) if ocr else None
    scores = {}
    for spec in specs:
        total, hits = 0, []
        for marker in spec.markers:
            count = _count(marker.pattern, folded)
            if words is not None and (one := _ONE_WORD.fullmatch(marker.pattern.pattern)):
                count += _misread(one.group(1), words)
            if count:
                total += marker.weight * min(count, MAX_HITS)
                hits.append(f"« {marker.pattern.pattern} » ×{count}")
        scores[spec.kind] = (total, hits)
    return scores


def title_lines(text: str) -> list[str]:
    """The lines of ``text`` (not folded) that may be its title: the first few short ones."""
    lines = [line.strip() for line in text[: TITLE_LINES * _TITLE_CHARS * 2].splitlines()]
    return [line for line in lines if line][:TITLE_LINES]


def title_votes(titles: Iterable[str], specs: tuple[PieceSpec, ...]) -> dict[str, str]:
    """Kind → the title (folded) that names it, for each spec whose name patterns match one
    of the (folded) ``titles`` in words: several kinds may be named ("Procès-verbal de l'AGE
    modifiant les statuts"), and the content then decides between them."""
    votes: dict[str, str] = {}
    for title in titles:
        if len(title) > _TITLE_CHARS:
            continue
        for spec in specs:
            if spec.kind in votes:
                continue
            for pattern in spec.names:
                match = pattern.search(title)
                if match and len(match.group().strip()) >= _TITLE_WORD:
                    votes[spec.kind] = title
                    break
    return votes


# OCR reads "1" as "l" or "I" and "0" as "o" or "O" inside numbers, and "1er" as "ler".
_FIRST = re.compile(r"\b[li]er\b")
_MIXED_NUMBER = re.compile(r"\b(?=[0-9lio]*[0-9])(?=[0-9lio]*[lio])[0-9lio]{3,}\b")
_DIGIT_FOR = str.maketrans("lio", "110")


def repaired(folded: str) -> str:
    """The folded text of an OCR reading with the confusions of letters and digits undone in
    numbers ("19o1", "l901") and in "1er" ("ler juillet"): markers are written with digits."""
    text = _FIRST.sub("1er", folded)
    return _MIXED_NUMBER.sub(lambda m: m.group().translate(_DIGIT_FOR), text)
