"""The shape of a document as a vote: a text written in sentences under headings, with few
amounts, is a dossier technique and never a budget.

Keywords alone mistake a dossier technique that paraphrases the call ("Notre atelier de
fabrication numérique", "Budget et financement" as a heading) for a budget: it says
"dépenses", "recettes", "total", "TTC" as often as a budget does. What a budget never is,
whatever its words, is prose; what a dossier technique always is, is prose under headings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from dossierkit.classify.scores import MAX_TEXT
from dossierkit.reading.model import Document

# A line or paragraph of at least this many words is a sentence, not a table row or a title.
_PROSE_WORDS = 12
# A heading: a short line, not ending a sentence.
_HEADING_WORDS = 10
# Below this many words, a document is too short to show its shape (a letter, a RIB).
_MIN_WORDS = 300
# Share of the words that stand in sentences for a document to be prose.
_PROSE_SHARE = 0.6
# A budget shows an amount every few words (the samples: 20 in 100); a dossier technique
# with its summary of the aid asked, 2 to 4.
_MAX_AMOUNTS_PER_100_WORDS = 6.0
_MIN_HEADINGS = 3
# What prose under headings adds to the dossier technique's score: as much as its file name.
STRUCTURE_WEIGHT = 6
_AMOUNT = re.compile(
    r"\d[\d\u00a0\u202f .]*\d(?:,\d{1,2})?\s*(?:€|euros?\b)|\b\d{1,3}(?:[\u00a0\u202f .]\d{3})+\b"
)
_NUMBERED = re.compile(r"^(?:\d+(?:\.\d+)*[.)]?|[IVX]+[.)]|[A-Z][.)])\s")


@dataclass(frozen=True)
class Shape:
    """What a document looks like: its words, the share written in sentences, its amounts
    per hundred words and its headings."""

    words: int
    prose_share: float
    amounts_per_100_words: float
    headings: int

    @property
    def is_prose(self) -> bool:
        """Mostly sentences, few amounts: the text cannot be a budget table."""
        return (
            self.words >= _MIN_WORDS
            and self.prose_share >= _PROSE_SHARE
            and self.amounts_per_100_words < _MAX_AMOUNTS_PER_100_WORDS
        )

    @property
    def may_be_drawing(self) -> bool:
        """Words that are neither prose nor a table of amounts: the labels of a plan. A
        spreadsheet (no words measured) is a table."""
        return (
            self.words > 0
            and not self.is_prose
            and self.amounts_per_100_words < _MAX_AMOUNTS_PER_100_WORDS
        )

    @property
    def is_prose_with_headings(self) -> bool:
        """Prose organised under headings: the shape of a dossier technique."""
        return self.is_prose and self.headings >= _MIN_HEADINGS

    def evidence(self) -> str:
        """The shape in words, for the classification's evidence."""
        share = f"{100 * self.prose_share:.0f}\u00a0%"
        amounts = f"{self.amounts_per_100_words:.1f}".replace(".", ",")
        return (
            f"texte rédigé : {self.headings} titres, {share} des mots en phrases, "
            f"{amounts} montant{'s' if self.amounts_per_100_words >= 2 else ''} pour 100 mots"
        )


# A line of a page at least this long, not ending a sentence, was wrapped: the next line
# goes on with its paragraph.
_WRAPPED = 50


def _blocks(document: Document) -> list[tuple[str, bool]]:
    """(text, declared heading) of each paragraph; a paginated document's lines joined back
    into paragraphs where they were wrapped (a long line not ending a sentence, or a line
    going on in lower case)."""
    if document.paragraphs:
        found, seen = [], 0
        for p in document.paragraphs:
            if p.text.strip() and seen <= MAX_TEXT:
                found.append((p.text.strip(), p.level > 0))
                seen += len(p.text)
        return found
    blocks: list[list[str]] = []
    previous = ""
    seen = 0
    for line in _lines(document):
        seen += len(line)
        if seen > MAX_TEXT:
            break
        wrapped = len(previous) >= _WRAPPED and previous[-1] not in ".!?:;"
        if blocks and (wrapped or line[0].islower()):
            blocks[-1].append(line)
        else:
            blocks.append([line])
        previous = line
    return [(" ".join(block), False) for block in blocks]


def _lines(document: Document) -> Iterator[str]:
    """The lines of ``document.lines()``, page by page as they are asked for: only the
    beginning of a long document is measured, and splitting all its pages into lines cost
    a tenth of a second on the benchmark's 500 pages."""
    if not document.pages:
        yield from (line for _, line in document.lines())
        return
    for page in document.pages:
        for line in page.text.splitlines():
            if stripped := line.strip():
                yield stripped


def _looks_like_heading(text: str, following: str | None) -> bool:
    words = text.split()
    if not words or len(words) > _HEADING_WORDS or text.rstrip()[-1] in ".,;…":
        return False
    starts = text[0].isupper() or bool(_NUMBERED.match(text))
    return starts and following is not None and len(following.split()) >= _PROSE_WORDS


def shape(document: Document) -> Shape:
    """The shape of ``document``'s text (spreadsheets have none: they are tables)."""
    if document.tables and not document.pages and not document.paragraphs:
        return Shape(0, 0.0, 0.0, 0)
    blocks = _blocks(document)
    words = prose = headings = 0
    for index, (text, declared) in enumerate(blocks):
        count = len(text.split())
        words += count
        if count >= _PROSE_WORDS:
            prose += count
        following = blocks[index + 1][0] if index + 1 < len(blocks) else None
        if declared or _looks_like_heading(text, following):
            headings += 1
    amounts = len(_AMOUNT.findall(" ".join(text for text, _ in blocks)))
    if not words:
        return Shape(0, 0.0, 0.0, 0)
    return Shape(words, prose / words, 100 * amounts / words, headings)
