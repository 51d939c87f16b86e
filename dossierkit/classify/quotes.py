"""The call's questions quoted in a document: evidence of the dossier technique, never of
another piece.

A dossier technique repeats the call's questions as its headings (« Désignation de la
structure de portage de la demande », « Pouvez-vous fournir un plan prévisionnel
d'agencement ? »), whole or in part, and a slide deck prints them as each slide's caption.
Their words name pieces and annexes (« désignation », « structure de portage »,
« agencement », « rapport de préconisations ») that the page is not: scored as they stand,
the slide answering GOV-1 was taken for the intercommunalité's designation. The words of a
page that repeat a question are therefore taken out before the page is scored, and the
questions quoted count for the dossier technique instead.

A quote is a run of at least ``QUOTE_WORDS`` consecutive words found as such in a question
(folded): long enough that an applicant's own sentence rarely repeats one by chance, short
enough to catch a heading that quotes only the start of a question, and insensitive to
where a line was wrapped.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from dossierkit.call import Call
from dossierkit.text import fold

QUOTE_WORDS = 5


@dataclass(frozen=True)
class Unquoted:
    """The folded lines of a text without the words that quote the call's questions, and
    the ids of the questions quoted (in the order of the call)."""

    lines: tuple[str, ...]
    questions: tuple[str, ...]

    @property
    def text(self) -> str:
        """The lines as one folded text."""
        return " ".join(self.lines)


@lru_cache(maxsize=8)
def _grams(questions: tuple[tuple[str, str], ...]) -> tuple[dict[str, str], frozenset[str]]:
    """Every run of ``QUOTE_WORDS`` words of the (id, text) ``questions``, joined by spaces
    → the id of the first question that has it; and the words that open a run (a page's
    words that open none are passed over without joining the words after them)."""
    grams: dict[str, str] = {}
    for qid, text in questions:
        words = fold(text).split()
        for start in range(len(words) - QUOTE_WORDS + 1):
            grams.setdefault(" ".join(words[start : start + QUOTE_WORDS]), qid)
    return grams, frozenset(gram.split(" ", 1)[0] for gram in grams)


def _questions(call: Call) -> tuple[tuple[str, str], ...]:
    return tuple((q.id, q.text) for q in call.questions)


def unquoted(lines: list[str], call: Call) -> Unquoted:
    """The folded ``lines`` of a text without their quotes of ``call``'s questions (a quote
    may run over several lines: a caption wrapped), lines left empty dropped."""
    grams, openings = _grams(_questions(call))
    words = [(index, word) for index, line in enumerate(lines) for word in line.split()]
    plain = [word for _, word in words]
    quoted = [False] * len(words)
    found: set[str] = set()
    for start in range(len(words) - QUOTE_WORDS + 1):
        if plain[start] not in openings:
            continue
        qid = grams.get(" ".join(plain[start : start + QUOTE_WORDS]))
        if qid is not None:
            found.add(qid)
            quoted[start : start + QUOTE_WORDS] = [True] * QUOTE_WORDS
    if not found:
        return Unquoted(tuple(line for line in lines if line), ())
    kept: list[list[str]] = [[] for _ in lines]
    for (index, word), gone in zip(words, quoted, strict=True):
        if not gone:
            kept[index].append(word)
    order = tuple(q.id for q in call.questions if q.id in found)
    return Unquoted(tuple(" ".join(line) for line in kept if line), order)
