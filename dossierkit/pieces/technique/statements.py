"""The sentences of the answers, and what they affirm: a phrase in a clause that denies it
("et non pour un lieu unique", "n'a pas reçu l'aide exceptionnelle de 2017", "ni élu ni agent
référent", "l'aide de 2017 n'a pas été perçue", "Agent référent : aucun") is not said, and one
that a hedge leaves open ("pourrait", "reste à désigner", "envisagé") is not said either.

``stance`` is the one reading every fact of the dossier technique goes through: it tells
whether a sentence says, denies or leaves open what a pattern finds, clause by clause.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from enum import Enum
from functools import lru_cache

from dossierkit.pieces.technique.cues import cues
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
# Words that contain a negation word once folded, and turns that deny nothing ("non seulement
# la médiation mais aussi", "pas uniquement").
NOT_NEGATIONS = re.compile(r"\bpas de calais\b|\b(?:non|pas|ne|n) (?:seulement|uniquement)\b")
# A negation that denies: "ne… que" restricts, it does not deny ("n'ouvrira que le samedi").
_DENYING = re.compile(
    r"\b(?:ni|non|pas|jamais|aucune?|sans|nulle?|nullement)\b"
    r"|\bn(?:e)? (?:[a-z]+ ){0,3}?(?:plus|rien|personne|guere|point)\b"
)
# Right after what is mentioned, a verb in the negative: "l'aide de 2017 n'a pas été perçue".
_DENIED_AFTER = re.compile(
    r"^ (?:[a-z0-9]+ ){0,3}?n(?:e)? (?:[a-z]+ ){0,3}?"
    r"(?:pas|jamais|plus|aucune?|rien|nullement|point)\b"
)
# How far after what is mentioned a hedge still bears on it ("reste à désigner").
_AFTER_WORDS = 4
# How far, in characters, a word before or after a mention still bears on it. A clause runs
# on when a PDF has no punctuation (a table, a list without full stops): reading it whole
# before each mention made a 10-page answer cost minutes (every mention re-read all the text
# before it); no denial or hedge reaches over a paragraph.
_REACH = 400
# Enough characters for ``_AFTER_WORDS`` words.
_NEAR = 120


def _window_before(folded: str, start: int) -> str:
    """The ``_REACH`` characters before ``start``, from a word's beginning."""
    if start <= _REACH:
        return folded[:start]
    window = folded[start - _REACH : start]
    return window[window.find(" ") + 1 :]


# The value after a colon that says "none": "Agent référent : aucun".
_NONE_VALUE = re.compile(r"^ ?(?:non|aucune?|neant|pas|sans|nc|ni|personne|nul|nulle)\b")
# What a statement is searched for: a pattern of folded text, or the lexicon's phrases.
Matcher = re.Pattern[str] | Phrases | Gated


# The end of a line of a PDF that is a paragraph of its own (``whole_line``).
_WHOLE = "\n"


def whole_line(text: str) -> str:
    """``text``, a line of a PDF that is a whole paragraph (a table's row rebuilt from the
    page's layout, « Maison de services : Arleux, médiation »), marked so that ``sentences``
    never joins it to the lines around it: a row has no full stop, and joined to the next
    ones it would lend its place the functions of the places listed after it."""
    return text + _WHOLE


def _blocks(lines: Sequence[Line]) -> list[list[Line]]:
    """The lines of a PDF in runs that are joined into sentences: each whole line alone."""
    blocks: list[list[Line]] = [[]]
    for page, text in lines:
        if text.endswith(_WHOLE):
            blocks += [[(page, text.strip())], []]
        else:
            blocks[-1].append((page, text))
    return [block for block in blocks if block]


def sentences(lines: Sequence[Line], paginated: bool) -> list[Line]:
    """Sentences with their page; PDF lines are joined first (but for whole lines, see
    ``whole_line``), paragraphs are not."""
    blocks = _blocks(lines) if paginated else [[line] for line in lines]
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


class Stance(Enum):
    """How a sentence speaks of something: says it, denies it, or leaves it open."""

    SAID = "said"
    HEDGED = "hedged"
    DENIED = "denied"


def folded_clause(text: str) -> str:
    """A clause folded for ``mention_stance`` (turns that deny nothing blanked)."""
    return NOT_NEGATIONS.sub("x", fold(text))


def mention_stance(
    folded: str, match: re.Match[str], value_after: str | None = None, end: int | None = None
) -> Stance:
    """The stance of one mention in its clause (``folded``); ``value_after`` is the folded
    clause after a colon that follows it ("Agent référent : aucun"); what follows the mention
    is read up to ``end`` (the end of its clause when ``folded`` runs on)."""
    before = _window_before(folded, match.start())
    stop = len(folded) if end is None else end
    after = folded[match.end() : min(stop, match.end() + _REACH)]
    near = " ".join(after[:_NEAR].split()[:_AFTER_WORDS])
    words = cues()
    if words.possibilities.search(before) or words.possibilities.search(near):
        return Stance.HEDGED
    if (
        _DENYING.search(before)
        or words.denials.search(before)
        or _DENIED_AFTER.search(after)
        or words.denials_after.search(near)
    ):
        return Stance.DENIED
    if value_after is not None and _NONE_VALUE.search(value_after[:_NEAR]):
        return Stance.DENIED
    if (
        words.hedges.search(before)
        or words.hedges.search(near)
        or (
            value_after is not None
            and words.hedges.search(" ".join(value_after[:_NEAR].split()[:3]))
        )
    ):
        return Stance.HEDGED
    return Stance.SAID


@lru_cache(maxsize=32)
def _clauses_read(sentence: str, split_and: bool) -> tuple[tuple[str, str | None], ...]:
    """Each clause of ``sentence`` folded, with the folded clause after it when a colon
    separates them ("Agent référent : aucun"). Kept for the next facts: every fact reads the
    same sentences, and a long one (a PDF without full stops) has thousands of clauses."""
    splitter = _CLAUSE_OR_AND if split_and else CLAUSE
    parts = splitter.split(sentence)
    separators = [m.group() for m in splitter.finditer(sentence)]
    folded = [folded_clause(part) for part in parts]
    return tuple(
        (
            text,
            folded[index + 1]
            if index < len(separators) and separators[index] == ":" and index + 1 < len(parts)
            else None,
        )
        for index, text in enumerate(folded)
    )


def forget_clauses() -> None:
    """Let go of the clauses kept for the sentences of a document once it is read."""
    _clauses_read.cache_clear()


def stance(sentence: str, pattern: Matcher, *, split_and: bool = False) -> Stance | None:
    """Whether ``sentence`` says, denies or leaves open what ``pattern`` finds (None when it
    does not mention it): said if one clause says it, else left open if one clause hedges it,
    else denied. With ``split_and``, clauses joined by "et" before a verb are read apart."""
    if not pattern.search(fold(sentence)):
        return None
    found: set[Stance] = set()
    for folded, value_after in _clauses_read(sentence, split_and):
        for match in pattern.finditer(folded):
            found.add(mention_stance(folded, match, value_after))
            if Stance.SAID in found:
                return Stance.SAID
    if not found:
        # Mentioned only across clauses ("l'aide « exceptionnelle » de 2017"): read the
        # sentence as one clause.
        whole = folded_clause(sentence)
        for match in pattern.finditer(whole):
            found.add(mention_stance(whole, match, None))
            if Stance.SAID in found:
                return Stance.SAID
        if not found:
            return Stance.SAID
    return Stance.HEDGED if Stance.HEDGED in found else Stance.DENIED


def said(sentence: str, pattern: Matcher, *, split_and: bool = False) -> bool:
    """True when ``sentence`` says what ``pattern`` finds (neither denied nor left open)."""
    return stance(sentence, pattern, split_and=split_and) is Stance.SAID


def affirmed_in_clause(sentence: str, pattern: Matcher, *, split_and: bool = False) -> bool:
    """True when a clause of ``sentence`` does not deny what ``pattern`` finds ("et non pour un
    lieu" denies it; "pourrait" leaves it open, which is not a denial); with ``split_and``,
    clauses joined by "et" are read apart too."""
    return stance(sentence, pattern, split_and=split_and) in (Stance.SAID, Stance.HEDGED)


def clauses(sentence: str, *, split_and: bool = False) -> list[str]:
    """The clauses of ``sentence``, split at punctuation and "mais" (and "et" if asked)."""
    return (_CLAUSE_OR_AND if split_and else CLAUSE).split(sentence)


# A question the applicant repeats or rewords in an answer ("Lieu ou réseau de lieux ?",
# "Implantation en quartier prioritaire ?"): it asks, it states nothing.
_QUESTION = re.compile(r"\?[\s:.]*$")
# A label that offers the question's alternatives before the answer on the same line ("Lieu
# ou réseau de lieux : un lieu unique", "QPV (oui/non) : non"): only what follows is said.
_ALTERNATIVES = re.compile(
    r"^(?P<label>[^:?!.;]{0,60}?(?:\sou\s|/)[^:?!.;]{0,60}?)\s*[:?]\s*(?P<rest>\S.*)$", re.DOTALL
)
# A label longer than this is a sentence of the answer.
_LABEL_WORDS = 7


def answer_part(sentence: str, names_question: Callable[[str], bool] | None = None) -> str:
    """What ``sentence`` states: "" for a question, the text after a label that offers the
    question's alternatives ("Animation internalisée ou externalisée : en interne") and names
    a question of the call (``names_question``, given the label; any label when None), else
    the sentence. A heading is never the answer: the facts are read from what follows it."""
    if _QUESTION.search(sentence):
        return ""
    match = _ALTERNATIVES.match(sentence)
    if (
        match
        and len(match.group("label").split()) <= _LABEL_WORDS
        and (names_question is None or names_question(match.group("label")))
    ):
        return match.group("rest")
    return sentence


def stated(
    lines: Sequence[Line], names_question: Callable[[str], bool] | None = None
) -> list[Line]:
    """The sentences of ``lines`` with what each states (questions left out)."""
    return [
        (page, part) for page, sentence in lines if (part := answer_part(sentence, names_question))
    ]


class Reader:
    """The sentences of the answers, searched question by question; the questions an answer
    repeats are not read as what it says."""

    def __init__(
        self,
        answers: Sequence[Answer],
        document: Document,
        names_question: Callable[[str], bool] | None = None,
    ) -> None:
        paginated = bool(document.pages)
        self.by_question = {
            a.question: stated(sentences(a.lines, paginated), names_question) for a in answers
        }
        if answers:
            # A passage that answers two questions (one by its heading, one by its content)
            # is read once.
            self.body = list(dict.fromkeys(s for found in self.by_question.values() for s in found))
        else:
            # No question recognised: read the whole document rather than nothing.
            self.body = stated(sentences(document.lines(), paginated), names_question)
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
