"""Classifying: say which piece of the call (or which annex) each file is.

The file's name and its content both vote, with the weights the call file gives its
patterns; the evidence of each vote is kept so that a person can see why. A name alone is
enough for a scan that cannot be read yet; content alone is enough for "scan0001.pdf".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from dossierkit.call import Call, PieceSpec
from dossierkit.classify.letters import without_letter_form
from dossierkit.classify.platforms import platform_number
from dossierkit.classify.scores import (
    MAX_TEXT,
    MIN_CONTENT_SCORE,
    TITLE_WEIGHT,
    content_scores,
    repaired,
    title_lines,
    title_votes,
)
from dossierkit.classify.structure import STRUCTURE_WEIGHT, shape
from dossierkit.reading.model import Document
from dossierkit.text import fold

NAME_WEIGHT = 6
# The annex that is a drawing: its markers are the names of rooms and functions.
_DRAWING = "plan_agencement"


@dataclass(frozen=True)
class Classification:
    """The kind a file was taken for, with the scores and evidence behind it.

    ``role`` is ``piece`` (one of the call's pieces), ``annex`` (a recognised annex), or
    ``unclassified`` (kept as an "autre" annex, with a finding). A filing platform's form
    summary (``classify.platforms``) is an "autre" annex that its evidence names.
    """

    kind: str
    role: str
    score: int
    evidence: tuple[str, ...]
    name_kind: str | None
    content_kind: str | None
    content_score: int


def _name_text(rel: str) -> str:
    path = PurePosixPath(rel)
    return fold(" ".join([*path.parts[:-1], path.stem]))


# Words every letter's name may bear, whoever writes it: the bank's « Courrier Crédit
# Coopératif ouverture compte », a partner's « Lettre de soutien ». They name the request
# letter only with a word of the request (« Courrier de demande », « Lettre subvention »).
_ANY_LETTER = re.compile(r"\b(courriers?|lettres?)\b")
_REQUEST = re.compile(r"\b(demandes?|subventions?|sollicitation|candidature)\b")
_SUPPORT = re.compile(r"\bsoutien\b")


def _named_kind(folded: str, call: Call) -> str | None:
    for spec in (*call.pieces, *call.annexes):
        if any(p.search(folded) for p in spec.names):
            return spec.kind
    return None


def name_kind(rel: str, call: Call) -> str | None:
    """The piece or annex a file's name (and folders) points to, if any. A name that says
    « courrier » or « lettre » and names another piece besides (« Courrier SIE régime
    TVA », « Attestation TVA (courrier du SIE) ») names that piece: the letter word says
    what sort of paper it is, the other word which piece, unless the name also says the
    request (« Courrier demande subvention TVA ») or is a letter of support (« Lettre de
    soutien CC Ternois – désignation »: a letter about the request, which its content
    classifies)."""
    folded = _name_text(rel)
    kind = _named_kind(folded, call)
    if kind is None or _REQUEST.search(folded) or _SUPPORT.search(folded):
        return kind
    other = _named_kind(_ANY_LETTER.sub(" ", folded), call)
    return other if other is not None else kind


def generic_name(rel: str, call: Call) -> bool:
    """Whether the piece a file's name points to (``name_kind``) is named only by a word
    every letter bears (« Courrier Crédit Coopératif ouverture compte.pdf »): such a name
    says what sort of paper the file is, not which piece of the dossier."""
    kind = name_kind(rel, call)
    if kind is None:
        return False
    without = _ANY_LETTER.sub(" ", _name_text(rel))
    if _REQUEST.search(without):
        return False
    return not any(p.search(without) for p in call.spec(kind).names)


def _with_shape(
    scores: dict[str, tuple[int, list[str]]], document: Document
) -> dict[str, tuple[int, list[str]]]:
    """The scores corrected by the document's shape: prose is never a budget, and prose
    under headings is a dossier technique (see ``classify.structure``); the words of a
    plan's rooms (« Accueil », « Coworking 8 postes ») count only on a drawing, never in
    prose nor in a table of amounts."""
    found = shape(document)
    corrected = dict(scores)
    if not found.may_be_drawing and _DRAWING in corrected:
        corrected[_DRAWING] = (0, [])
    if not found.is_prose:
        return corrected
    if "budget" in corrected:
        corrected["budget"] = (0, [])
    if found.is_prose_with_headings and "dossier_technique" in corrected:
        score, hits = corrected["dossier_technique"]
        corrected["dossier_technique"] = (score + STRUCTURE_WEIGHT, [*hits, found.evidence()])
    return corrected


def _read_by_ocr(document: Document) -> bool:
    return any(page.ocr_confidence is not None for page in document.pages)


def _with_title(
    scores: dict[str, tuple[int, list[str]]], document: Document, specs: tuple[PieceSpec, ...]
) -> dict[str, tuple[int, list[str]]]:
    """The scores with the vote of the document's title: « STATUTS DE L'ASSOCIATION », « Plan
    prévisionnel d'agencement » say what a photographed paper is, as a file name would."""
    titles = [fold(line) for line in title_lines(document.text)]
    if _read_by_ocr(document):
        titles = [repaired(title) for title in titles]
    corrected = dict(scores)
    for kind, title in title_votes(titles, specs).items():
        score, hits = corrected.get(kind, (0, []))
        # The title corroborates what the text says, it does not stand alone: « Compte rendu
        # de la réunion du 3 mars » over a list of those present is no assembly's minutes.
        if score:
            corrected[kind] = (score + TITLE_WEIGHT, [*hits, f"titre du document : « {title} »"])
    return corrected


def classify(rel: str, document: Document | None, call: Call) -> Classification:
    """Classify the file at relative path ``rel`` from its name and its (readable) content:
    its markers, its title, and its shape. A filing platform's form summary, whose fields
    name every piece (« Dossier technique : … »), is none of them: an « autre » annex."""
    if (number := platform_number(rel, document)) is not None:
        summary = f"récapitulatif du formulaire de la plateforme de dépôt : « Dossier n° {number} »"
        return Classification("autre", "annex", 0, (summary,), None, None, 0)
    specs = (*call.pieces, *call.annexes)
    by_name = name_kind(rel, call)
    text = fold(document.text[:MAX_TEXT]) if document is not None else ""
    by_ocr = document is not None and _read_by_ocr(document)
    if by_ocr:
        text = repaired(text)
    scores = content_scores(text, specs, ocr=by_ocr) if text else {}
    scores = without_letter_form(scores, text, MIN_CONTENT_SCORE)
    if scores and document is not None:
        if by_name is None:
            # The title stands in for a name that says nothing ("IMG_20261030_184512.jpg").
            scores = _with_title(scores, document, specs)
        scores = _with_shape(scores, document)
    content_kind, content_score = None, 0
    for spec in specs:
        score = scores.get(spec.kind, (0, []))[0]
        if score > content_score:
            content_kind, content_score = spec.kind, score
    if content_score < MIN_CONTENT_SCORE:
        content_kind = None

    totals = {
        spec.kind: scores.get(spec.kind, (0, []))[0] + (NAME_WEIGHT if spec.kind == by_name else 0)
        for spec in specs
    }
    best = max(specs, key=lambda s: totals[s.kind])  # max keeps the call's order on ties
    if totals[best.kind] < MIN_CONTENT_SCORE and by_name is None:
        return Classification("autre", "unclassified", 0, (), None, None, content_score)
    evidence = []
    if by_name == best.kind:
        evidence.append(f"nom du fichier : {rel}")
    evidence += scores.get(best.kind, (0, []))[1]
    piece_kinds = {p.kind for p in call.pieces}
    return Classification(
        kind=best.kind,
        role="piece" if best.kind in piece_kinds else "annex",
        score=totals[best.kind],
        evidence=tuple(evidence),
        name_kind=by_name,
        content_kind=content_kind,
        content_score=content_score,
    )
