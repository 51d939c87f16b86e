"""The letterhead of a letter, an attestation or an act: who sends it.

Instructors receive no manifest, so the documents must say who applies. Applicants write it
at the top of what they sign: "Association Les Petits Débrouillards", "Communauté de communes
du Pays de Lumbres", "Mairie de Fruges". The parsers of the courrier, the attestation and the
délégation read it here, once; the applicant is then inferred from what they read
(``applicant.py``), never by searching the text again.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from dossierkit import epci
from dossierkit.pieces.common import Located
from dossierkit.reading.model import Document
from dossierkit.text import fold

# How many lines at the top of a letter form its letterhead.
LETTERHEAD_LINES = 8
# The first of these lines that names a kind of structure is the sender's line.
SENDER_LINES = 6
_STRUCTURE_LINE = re.compile(
    r"^(association|communaute|metropole|commune|mairie|ville|syndicat|pole|pays|agglo)\b"
)
_ASSOCIATION_LINE = re.compile(r"^\s*(association\b[^\n]{2,80})$", re.IGNORECASE | re.MULTILINE)
_COMMUNE_LINE = re.compile(
    r"^\s*((?:commune|mairie|ville) (?:de |d'|d’|du )[^\n]{2,60})$", re.I | re.M
)


@dataclass(frozen=True)
class Sender:
    """The structure a letterhead (or a dossier technique's "structure porteuse") names:
    ``association``, ``intercommunalite`` (one of the Hauts-de-France EPCI, by its official
    name) or ``commune``, with the page where it stands."""

    kind: str
    name: str
    page: int | None


def find_sender(document: Document) -> Located | None:
    """The line of the letterhead that names a structure, as written."""
    for page, line in document.lines()[:SENDER_LINES]:
        if _STRUCTURE_LINE.search(fold(line)):
            return Located(line, page)
    return None


def identify(lines: Sequence[tuple[int | None, str]]) -> Sender | None:
    """The structure named by ``lines``: an association's line first, then a Hauts-de-France
    intercommunalité (also when its name runs over two lines), then a commune."""
    if not lines:
        return None
    text = "\n".join(line for _, line in lines)
    page = lines[0][0]
    if match := _ASSOCIATION_LINE.search(text):
        return Sender("association", match.group(1).strip(), page)
    if found := epci.find_in_text(fold(text)):
        return Sender("intercommunalite", found[0][0].name, page)
    if match := _COMMUNE_LINE.search(text):
        return Sender("commune", match.group(1).strip(), page)
    return None


def letterhead_sender(document: Document) -> Sender | None:
    """The structure that the letterhead (first lines) of ``document`` names."""
    return identify(document.lines()[:LETTERHEAD_LINES])
