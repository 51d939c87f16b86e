"""The sentences of the answers, and what they affirm: a phrase in a clause that denies it
("et non pour un lieu unique", "n'a pas reçu l'aide exceptionnelle de 2017") is not said."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from dossierkit.pieces.technique.model import ASKED_IN, Answer, Line
from dossierkit.pieces.technique.words import Gated, Phrases
from dossierkit.reading.model import Document
from dossierkit.text import fold

_SPLIT = re.compile(r"(?<=[.!?…])\s+(?=\S)|\s*[•\uf0b7▪◦]\s*")
_ABBREVIATION = re.compile(r"(?:\b(?:M|MM|Mme|Mlle|Dr|St|Ste|cf|etc|art|p|n°)|\b[A-Z])\.$")
CLAUSE = re.compile(r"[,;:()«»\"“”]|\bmais\b")
# "et" before a verb joins two clauses: "a bénéficié du PEL en 2014 et n'a pas reçu l'aide de
# 2017" (but "ni du PEL et des CRNT" is one list).
AND_A_VERB = r"\bet\s+(?=(?:n['’]\s*)?(?:a|ont|est|sont|avait|avaient)\b)"
_CLAUSE_OR_AND = re.compile(rf"[,;:()«»\"“”]|\bmais\b|{AND_A_VERB}", re.IGNORECASE)
NEGATION = re.compile(r"\b(?:ne|n|ni|non|pas|jamais|aucun|aucune|sans)\b")
# Words that contain a negation word once folded.
NOT_NEGATIONS = re.compile(r"\bpas de calais\b")
# What a statement is searched for: a pattern of folded text, or the lexicon's phrases.
Matcher = re.Pattern[str] | Phrases | Gated


def sentences(lines: Sequence[Line], paginated: bool) -> list[Line]:
    """Sentences with their page; PDF lines are joined first, paragraphs are not."""
    blocks = [list(lines)] if paginated else [[line] for line in lines]
    found: list[Line] = []
    for block in blocks:
        # Offsets where each line starts in the joined text (joined once: linear, not quadratic).
        offsets, offset = [], 0
        for _, piece in block:
            offsets.append(offset)
            offset += len(piece) + 1
        pages = [page for page, _ in block]
        text = " ".join(piece for _, piece in block)
        begin = 0
        for separator in [*_SPLIT.finditer(text), None]:
            end = separator.start() if separator else len(text)
            # "M. Dupont": a full stop after an abbreviation does not end the sentence.
            if separator and _ABBREVIATION.search(text[max(begin, end - 8) : end]):
                continue
            if text[begin:end].strip():
                found.append((pages[bisect_right(offsets, begin) - 1], text[begin:end].strip()))
            begin = separator.end() if separator else end
    return found


def affirmed(text: str, pattern: Matcher) -> re.Match[str] | None:
    """The first match of ``pattern`` in folded ``text`` that no earlier word denies."""
    folded = NOT_NEGATIONS.sub("x", fold(text))
    for match in pattern.finditer(folded):
        if not NEGATION.search(folded[: match.start()]):
            return match
    return None


def affirmed_in_clause(sentence: str, pattern: Matcher, *, split_and: bool = False) -> bool:
    """True when a clause of ``sentence`` affirms ``pattern`` ("et non pour un lieu" denies);
    with ``split_and``, clauses joined by "et" are read apart too."""
    # Most sentences don't mention the pattern at all: one search of the whole sentence
    # spares splitting it into clauses.
    if not pattern.search(fold(sentence)):
        return False
    return any(affirmed(clause, pattern) for clause in clauses(sentence, split_and=split_and))


def clauses(sentence: str, *, split_and: bool = False) -> list[str]:
    """The clauses of ``sentence``, split at punctuation and "mais" (and "et" if asked)."""
    return (_CLAUSE_OR_AND if split_and else CLAUSE).split(sentence)


class Reader:
    """The sentences of the answers, searched question by question."""

    def __init__(self, answers: Sequence[Answer], document: Document) -> None:
        paginated = bool(document.pages)
        self.by_question = {a.question: sentences(a.lines, paginated) for a in answers}
        if answers:
            # A passage that answers two questions (one by its heading, one by its content)
            # is read once.
            self.body = list(dict.fromkeys(s for found in self.by_question.values() for s in found))
        else:
            # No question recognised: read the whole document rather than nothing.
            self.body = sentences(document.lines(), paginated)
        self.answers = {a.question: a for a in answers}

    def asked(self, fact: str) -> list[Line]:
        """Sentences of the answers to the questions that ask for ``fact``."""
        return [s for q in ASKED_IN[fact] for s in self.by_question.get(q, [])]

    def answered(self, fact: str) -> bool:
        """True when a question that asks for ``fact`` has a real answer."""
        return any(
            q in self.answers and self.answers[q].status == "answered" for q in ASKED_IN[fact]
        )

    def scope(self, fact: str, cue: Matcher | None = None) -> list[Line]:
        """The asked sentences, then those of the other answers (with ``cue`` if given)."""
        rest = [s for s in self.body if cue is None or cue.search(fold(s[1]))]
        return self.asked(fact) + rest
