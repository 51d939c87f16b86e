"""A letter is the request letter only when it asks the Région for something.

Every letter has the form the courrier's markers look for (« Monsieur le Président »,
« Veuillez agréer », « Objet : »), whoever writes it and to whom. The tax office's answer to
an association (« Service des impôts des entreprises … Monsieur le Président, nous vous
confirmons que l'association est assujettie à la TVA … droit à déduction ») is addressed to
the association's président and closes like any letter: it is the document « attestant du
régime fiscal du bénéficiaire » the call asks for, not the request. What tells the request
letter is what it asks and of whom: « sollicite », « demande de subvention », « Conseil
régional », the call's « appel à projets ». A letter that says none of it while its content
makes it another piece (a statement of VAT regime, a délégation) is that piece; its letter
form votes for nothing. A letter on the tax administration's letterhead asks nothing, even
when it names the request it serves.
"""

from __future__ import annotations

import re

_COURRIER = "courrier"
# What only a letter to the Région about the application says.
_ASKS = re.compile(
    r"\bsollicit|\bdemande (de |d )?(subvention|aide|financement|soutien|participation)"
    r"|\bconseil regional\b|\bregion\b|\bappel a (projets|candidatures)\b|\btiers lieux?\b"
    r"|\bsubventions?\b|\bcandidature\b"
)


# The letterhead of the tax administration, which answers the applicant and never applies:
# its letter may name the request it serves (« pour votre demande de subvention auprès de
# la Région »).
_TAX_OFFICE = re.compile(
    r"\b(direction generale des finances publiques|finances publiques|dgfip"
    r"|service des impots des (entreprises|particuliers)|centre des impots)\b"
)
# The letterhead is among the first characters of the folded text.
_LETTERHEAD = 400


def asks(folded: str) -> bool:
    """Whether the folded text of a letter asks the Région for something: never the tax
    office's answer."""
    if _TAX_OFFICE.search(folded[:_LETTERHEAD]):
        return False
    return _ASKS.search(folded) is not None


def without_letter_form(
    scores: dict[str, tuple[int, list[str]]], folded: str, min_score: int
) -> dict[str, tuple[int, list[str]]]:
    """The scores with the courrier's vote dropped when the letter asks the Région for
    nothing and its content makes it another piece (scoring at least ``min_score``)."""
    if scores.get(_COURRIER, (0, []))[0] == 0 or asks(folded):
        return scores
    if not any(score >= min_score for kind, (score, _) in scores.items() if kind != _COURRIER):
        return scores
    return {**scores, _COURRIER: (0, [])}
