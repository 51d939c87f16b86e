"""What makes a page the first page of another piece: its form, never its topic.

Splitting a file into pieces (``classify.pages``) on a page's words alone cut a dossier
technique in two where it talks about a piece: the slide « Désignation de la structure de
portage » became the intercommunalité's designation, the slide saying that the plan
d'agencement is joined became the plan. A piece shows what it is by its form: a délibération
or an arrêté by its « Vu … », « après en avoir délibéré », « DÉCIDE », « Le Conseil
communautaire »; a RIB by its IBAN; a letter by its « Monsieur le Président » and its
closing formula; statuts by their « Article 1 »; an attestation by « atteste »; a plan by a
title over a drawing whose words are labels, not sentences.

These are the forms of French administrative papers, named here by the kinds of the call
file; a kind this table does not know (another call's annex) starts a piece only where the
page's title names it by the call's ``names`` patterns.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from dossierkit.call import Call, PieceSpec
from dossierkit.classify.quotes import unquoted
from dossierkit.classify.scores import TITLE_LINES, repaired
from dossierkit.text import fold

# A line of at least this many words is a sentence: a plan or a map labels its rooms and
# places, it does not write sentences.
_SENTENCE_WORDS = 12


@dataclass(frozen=True)
class PageView:
    """A page as the forms see it: its folded text and title lines (the call's questions
    quoted on it taken out), whether it writes sentences, the questions it quotes, and its
    head: the short lines it opens with, before its first sentence (a running header, a
    title)."""

    text: str
    titles: tuple[str, ...]
    sentences: bool
    quoted: tuple[str, ...] = ()
    head: tuple[str, ...] = ()


def page_view(text: str, by_ocr: bool, call: Call) -> PageView:
    """The view of a page of ``text`` (read by OCR when ``by_ocr``: its confusions of letters
    and digits repaired)."""
    lines = [fold(line) for line in text.splitlines()]
    if by_ocr:
        lines = [repaired(line) for line in lines]
    found = unquoted([line for line in lines if line], call)
    titles = tuple(
        line for line in found.lines[:TITLE_LINES] if len(line.split()) < _SENTENCE_WORDS
    )
    sentences = any(len(line.split()) >= _SENTENCE_WORDS for line in text.splitlines())
    head = []
    for line in found.lines[:TITLE_LINES]:
        if len(line.split()) >= _SENTENCE_WORDS:
            break
        head.append(line)
    return PageView(found.text, titles, sentences, found.questions, tuple(head))


_ACT = re.compile(
    r"\bvu (le|la|les|l)\b|\bdelibere\b|\bdecide\b|\barrete\b|\bconseil communautaire\b"
    r"|\bextrait du registre\b|\bexecutoire\b|\bfait a [a-z' -]{2,40} le\b"
)
_LETTER = re.compile(
    r"\b(monsieur|madame) (le |la )?(president|presidente)\b|\bj ai l honneur\b"
    r"|\b(veuillez|je vous prie d|nous vous prions d) agreer\b|\bsalutations\b"
)
_FORMS: dict[str, re.Pattern[str]] = {
    "courrier": _LETTER,
    "budget": re.compile(
        r"\b(budget previsionnel|plan de financement|total (des )?(depenses|recettes|charges|produits))\b"
    ),
    "dossier_technique": re.compile(r"\b(dossier|memoire) technique\b"),
    "attestation_tva": re.compile(r"\b(atteste|attestation|certifie)\b"),
    "rib": re.compile(
        r"\b(iban|releve d identite bancaire|code banque|code guichet)\b|\bfr\d{2}( ?[0-9a-z]{4}){5}"
    ),
    "statuts": re.compile(r"\bstatuts\b|\barticle (1|premier|1er)\b|\bjuillet 1901\b"),
    "delegation": re.compile(r"\barrete\b|\bdonne delegation\b|\bdelegation de signature\b"),
    # A designation is an act of the intercommunalité (a délibération, a decision) or its
    # letter: a designation that is neither has no form to start on.
    "designation": re.compile(f"{_ACT.pattern}|{_LETTER.pattern}"),
    "deliberation": _ACT,
    "proces_verbal": re.compile(
        r"\b(proces verbal|compte rendu|presidente? de seance|secretaire de seance"
        r"|etaient presente?s|se sont reunie?s|ordre du jour)\b"
    ),
}
_TECHNIQUE = "dossier_technique"
# Drawings: a title naming them over labels.
_DRAWINGS = frozenset({"plan_agencement", "carte_lieux"})


def _titled(spec: PieceSpec, page: PageView) -> bool:
    return any(pattern.search(title) for title in page.titles for pattern in spec.names)


def _drawing(spec: PieceSpec, page: PageView) -> bool:
    return _titled(spec, page) and not page.sentences


# Questions of the call a page must quote to open a dossier technique by itself: one
# question's words may be a sentence of a letter (« la portée géographique du projet »), two
# are the template the technique follows.
_QUOTED_HEADINGS = 2


def heads(spec: PieceSpec, page: PageView) -> bool:
    """Whether ``page`` opens a piece of ``spec`` unmistakably, whatever the page before it
    was: its first line is that piece's title (« DOSSIER TECHNIQUE », « RELEVÉ D'IDENTITÉ
    BANCAIRE », « Statuts de l'association ») among the short lines it opens with, or, for the
    dossier technique, it takes up the call's questions as its headings. A title that names
    the piece further on (« Article 10 – Délégation de signature » in statuts), or a short
    line after the page's first sentence (« Plan de financement : » in a letter), is a
    heading inside another piece, not its start."""
    if spec.kind == _TECHNIQUE and len(page.quoted) >= _QUOTED_HEADINGS:
        return True
    return head_title(spec, page) is not None


def head_title(spec: PieceSpec, page: PageView) -> str | None:
    """The line of ``page``'s head that opens with a name of ``spec``'s piece (« dossier
    technique la fabrique du ternois »), if any: the page's title."""
    return next((line for line in page.head for pattern in spec.names if pattern.match(line)), None)


def starts(spec: PieceSpec, page: PageView) -> bool:
    """Whether ``page`` has the form of the first page of a piece of ``spec``."""
    if spec.kind == _TECHNIQUE and page.quoted:
        return True  # the call's questions are the dossier technique's headings
    form = _FORMS.get(spec.kind)
    if form is not None:
        return form.search(page.text) is not None
    test: Callable[[PieceSpec, PageView], bool] = _drawing if spec.kind in _DRAWINGS else _titled
    return test(spec, page)
