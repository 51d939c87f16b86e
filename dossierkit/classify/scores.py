"""Scoring a text against the call's markers: the vote of a file's (or a page's) content."""

from __future__ import annotations

from dossierkit.call import PieceSpec

# Only the beginning of a long document is searched, and its shape measured: pieces say
# what they are early.
MAX_TEXT = 60_000
# Content alone must reach this score to name a piece.
MIN_CONTENT_SCORE = 6
# A marker found more often than this adds nothing: long documents mention everything.
MAX_HITS = 3


def content_scores(folded: str, specs: tuple[PieceSpec, ...]) -> dict[str, tuple[int, list[str]]]:
    """Kind → (score, evidence) of the folded text ``folded`` for each spec's markers."""
    scores = {}
    for spec in specs:
        total, hits = 0, []
        for marker in spec.markers:
            count = len(marker.pattern.findall(folded))
            if count:
                total += marker.weight * min(count, MAX_HITS)
                hits.append(f"« {marker.pattern.pattern} » ×{count}")
        scores[spec.kind] = (total, hits)
    return scores
