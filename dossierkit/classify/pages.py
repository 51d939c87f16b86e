"""Several pieces in one file: classify a paginated document page by page.

Applicants scan their administrative papers together ("Pièces administratives
scannées.pdf": the letter, the VAT statement, the RIB and the statuts, one after the other)
or print them into one PDF. Each page is scored as a whole file is; a page that says little
(the second page of statuts) belongs to the piece before it; consecutive pages of one piece
form a run. A file is split only when it holds at least two runs of different kinds.

Splitting is cautious, because a wrong split invents a piece: a page must clearly be another
piece (its own score high, and the current piece's low on it or the page headed as the other
piece: « DOSSIER TECHNIQUE », the call's questions) to start a run, a letter goes on to the
page that holds its closing formula, a dossier technique keeps the budget table the call asks
it to contain (question AID-4) and the pages naming its annexes, and ``resolve`` folds back a
run of a kind that a whole file of the dossier already is.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from dossierkit.call import Call
from dossierkit.classify import classify
from dossierkit.classify.forms import PageView, head_title, heads, page_view, starts
from dossierkit.classify.letters import without_letter_form
from dossierkit.classify.platforms import platform_number
from dossierkit.classify.scores import MIN_CONTENT_SCORE, TITLE_WEIGHT, content_scores
from dossierkit.reading.model import Document
from dossierkit.text import fold

# A bundle of administrative papers is short (a letter, a statement, a RIB, a few pages of
# statuts or minutes); a longer document is one piece (a report, a study) and is not cut,
# which also keeps its classification as cheap as before.
MAX_PAGES = 30
# Only the top of a page is scored: a piece says what it is in its first lines (letterhead,
# title, "Monsieur le Président", "IBAN").
_PAGE_TEXT = 1_500
# A page whose current piece scores below this is free to start another piece.
_STILL_CURRENT = MIN_CONTENT_SCORE // 2
# A page is taken for a piece only when that piece leads the others by this much: a page of
# a dossier technique that names the plan d'agencement and writes "Monsieur le Président"
# is neither.
_MARGIN = MIN_CONTENT_SCORE // 2
# The piece whose pages legitimately look like others: the call asks the dossier technique
# for "un tableau dépenses et recettes" (AID-4) and names every annex in its questions.
_ABSORBING = "dossier_technique"
# A letter ends with its closing formula and its signature: the page that holds them, when
# the pages before did not, is the letter's last page, whatever else it says.
_LETTER = "courrier"
_CLOSING = re.compile(
    r"\b(je vous prie d|veuillez|nous vous prions d) (agreer|croire)\b|\bsalutations\b"
    r"|\bhaute consideration\b"
)


@dataclass(frozen=True)
class Run:
    """Consecutive pages ``first`` to ``last`` (numbers of the file) of one piece or annex,
    with the score of its strongest page and the evidence of that page."""

    kind: str
    first: int
    last: int
    score: int
    evidence: tuple[str, ...]

    @property
    def label(self) -> str:
        """ "page 2" or "pages 2–3", as the reports say it."""
        if self.first == self.last:
            return f"page {self.first}"
        return f"pages {self.first}\u2013{self.last}"


def _page_scores(view: PageView, call: Call, by_ocr: bool) -> dict[str, tuple[int, list[str]]]:
    """Kind → (score, evidence) of a page: its markers once the call's questions it quotes
        are taken out, and those quotes counted for the dossier technique; a letter's page that
    asks the Région for nothing (the tax office's answer scanned after the request) votes by
    its content, not by its letter form (``classify.letters``)."""
    scores = content_scores(view.text, (*call.pieces, *call.annexes), ocr=by_ocr)
    scores = without_letter_form(scores, view.text, MIN_CONTENT_SCORE)
    if view.quoted and _ABSORBING in scores:
        score, hits = scores[_ABSORBING]
        quoted = ", ".join(view.quoted)
        scores[_ABSORBING] = (score + MIN_CONTENT_SCORE, [*hits, f"reprend les questions {quoted}"])
    return scores


def _titled(
    scores: dict[str, tuple[int, list[str]]], view: PageView, call: Call
) -> dict[str, tuple[int, list[str]]]:
    """The page's scores with the vote of its title for the dossier technique (« Dossier
    technique — La Fabrique »), for a page whose markers hesitate: the first page of a
    dossier technique that describes its rooms scores as a plan. Its title is the only
    form a dossier technique written under its own headings has, as a RIB has its IBAN; the
    title corroborates what the markers found, as a document's title does (``classify``).
    Other pieces' titles do not vote: a page titled « Coordonnées bancaires » that says the
    RIB is joined is a section of a dossier technique, not the RIB."""
    score, hits = scores.get(_ABSORBING, (0, []))
    if not score:  # also a call without a dossier technique (« --call »): no spec to ask
        return scores
    title = head_title(call.spec(_ABSORBING), view)
    if title is None:
        return scores
    return {
        **scores,
        _ABSORBING: (score + TITLE_WEIGHT, [*hits, f"titre de la page : « {title} »"]),
    }


def _page_kind(scores: Mapping[str, tuple[int, list[str]]]) -> str | None:
    """The piece a page's scores name: the best, when it is high enough and ahead enough."""
    totals = {kind: score for kind, (score, _) in scores.items()}
    ranked = sorted(totals.values(), reverse=True)
    best = max(totals, key=lambda k: totals[k], default=None)
    if best is None or totals[best] < MIN_CONTENT_SCORE:
        return None
    if len(ranked) > 1 and ranked[0] - ranked[1] < _MARGIN:
        return None
    return best


def _own_kind(document: Document, call: Call) -> str | None:
    """What the document as a whole is, by its content: its first page, when it has the
    form of no piece (a deck's title slide), is that piece. Asked only then: it scores the
    whole text again."""
    return classify("", document, call).content_kind


def _leaves(current: Run, kind: str, view: PageView, still: int, call: Call) -> bool:
    """Whether a page whose scores name ``kind`` ends the run ``current``, the current
    piece scoring ``still`` on it. A dossier technique keeps its budget table and its
    annexes' pages. A page where the current piece still scores (« sollicitée »,
    « Conseil régional » on the first page of a dossier technique that follows a letter)
    ends it only when it opens the other piece unmistakably (``forms.heads``: its title, the
    call's questions as its headings)."""
    absorbed = {"budget", *(annex.kind for annex in call.annexes)}
    if kind == current.kind or (current.kind == _ABSORBING and kind in absorbed):
        return False
    return still < _STILL_CURRENT or heads(call.spec(kind), view)


def page_runs(document: Document | None, call: Call) -> tuple[Run, ...]:
    """The runs of pieces in ``document``, page by page; () when it is one piece (or not
    paginated, of a single page, or longer than ``MAX_PAGES``).

    A page starts a run of another piece only when it has that piece's form
    (``classify.forms``): words about a piece (a dossier technique's heading « Désignation
    de la structure de portage ») never cut a file. The pages before the first such page are
    the piece the whole document is, when its content says. A letter goes on to the page
    that closes it (its formula, its signature), whatever that page says.
    """
    if document is None or not 2 <= len(document.pages) <= MAX_PAGES:
        return ()
    if platform_number("", document) is not None:
        return ()  # a platform's form summary names every piece and is none of them
    runs: list[Run] = []
    pending: list[int] = []  # leading pages that say nothing yet
    closed = False  # the current run is a letter whose closing formula was seen
    for page in document.pages:
        by_ocr = page.ocr_confidence is not None
        view = page_view(page.text[:_PAGE_TEXT], by_ocr, call)
        scores = _page_scores(view, call, by_ocr)
        kind = _page_kind(scores)
        if kind is None:
            titled = _titled(scores, view, call)
            if (kind := _page_kind(titled)) is not None:
                scores = titled
        totals = {k: score for k, (score, _) in scores.items()}
        current = runs[-1] if runs else None
        if kind is not None and not starts(call.spec(kind), view):
            kind = None
        if current is None and not pending and kind is None:
            kind = _own_kind(document, call)  # the first page is what the document is
        in_letter = current is not None and current.kind == _LETTER
        closing = (in_letter or kind == _LETTER) and _CLOSING.search(fold(page.text)) is not None
        if in_letter and closing and not closed:
            kind = None  # the last page of a letter under way
        starts_run = kind is not None and (
            current is None or _leaves(current, kind, view, totals.get(current.kind, 0), call)
        )
        if starts_run and kind is not None:
            first = pending[0] if pending and current is None else page.number
            evidence = tuple(scores.get(kind, (0, []))[1])
            runs.append(Run(kind, first, page.number, totals.get(kind, 0), evidence))
            pending = []
            closed = kind == _LETTER and closing
        elif current is not None:
            score = totals.get(current.kind, 0)
            evidence = current.evidence
            if score > current.score:
                evidence = tuple(scores[current.kind][1])
            best = max(current.score, score)
            runs[-1] = Run(current.kind, current.first, page.number, best, evidence)
            closed = closed or closing
        else:
            pending.append(page.number)
    return _merged(runs) if len({r.kind for r in runs}) > 1 else ()


def _merged(runs: Sequence[Run]) -> tuple[Run, ...]:
    """Neighbouring runs of one kind made one (after a run between them was folded back)."""
    merged: list[Run] = []
    for run in runs:
        if merged and merged[-1].kind == run.kind:
            before = merged[-1]
            merged[-1] = Run(
                run.kind,
                before.first,
                run.last,
                max(before.score, run.score),
                before.evidence if before.score >= run.score else run.evidence,
            )
        else:
            merged.append(run)
    return tuple(merged)


def resolve(
    runs: Mapping[str, tuple[Run, ...]], whole: Mapping[str, str | None]
) -> dict[str, tuple[Run, ...]]:
    """The runs of each split file once the dossier is known.

    A run of a kind that a whole file of the dossier already is (``whole``: file → its kind)
    is not that piece again: a page of a dossier technique that reads like a letter of
    support does not make a second courrier. It is folded into the run before it (the one
    after, at the start); a file left with a single kind is not split.
    """
    taken = {kind for kind in whole.values() if kind is not None}
    resolved = {}
    for rel, file_runs in runs.items():
        kept: list[Run] = []
        for run in file_runs:
            if run.kind in taken and kept:
                last = kept[-1]
                kept[-1] = Run(last.kind, last.first, run.last, last.score, last.evidence)
            else:
                kept.append(run)
        if len(kept) > 1 and kept[0].kind in taken:
            first, second = kept[0], kept[1]
            kept[:2] = [Run(second.kind, first.first, second.last, second.score, second.evidence)]
        merged = _merged(kept)
        if len({r.kind for r in merged}) > 1:
            resolved[rel] = merged
    return resolved
