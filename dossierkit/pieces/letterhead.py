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
_ASSOCIATION_LINE = re.compile(r"^\s*(association\b[^\n]{2,80})$", re.IGNORECASE)
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


# The parts of a letterhead's line that say what the structure is, where it is or how to
# reach it, never who it is: its legal form (« Association loi 1901 », « association
# déclarée », « reconnue d'utilité publique »), its numbers (RNA, SIRET, APE), its address,
# its phone, mail and website. Searched on each part of a line cut at its dashes, commas and
# parentheses, folded.
_PART_CUT = re.compile(r"\s[-–—|•]\s|[,;()|•]")
_NOT_A_NAME = re.compile(
    r"^(?:association\s*)?(?:loi\b|regie\b|declaree\b|reconnue\b|agreee\b|inscrite\b|"
    r"de droit local\b|d interet general\b|sans but lucratif\b|$)"
    r"|\b(?:rna|siret|siren|ape|naf|no|numero|tel|telephone|fax|courriel|mail|e mail|"
    r"site|www|http|https|siege|bp|cs|cedex)\b"
    r"|\b[w]?\d{5,}\b|\d{2} \d{2} \d{2}|\bw\d{3}"
    r"|^\d+\s*(?:bis|ter)?\s*(?:rue|avenue|av|bd|boulevard|place|pl|chemin|route|allee|impasse|"
    r"quai|cours|square|residence|hameau|rond point|parc|zone|za|zi)\b"
    r"|^(?:rue|avenue|boulevard|place|chemin|route|allee|impasse|quai|residence|hotel)\b"
)
# A whole line that is no name: a date (« Boulogne-sur-Mer, le 2 novembre 2026 »), the
# addressee (« Président du Conseil régional… »), the object.
_NOT_A_NAME_LINE = re.compile(
    r"\ble \d{1,2}(?:er)? [a-z]+ \d{4}\b|\ble \d{1,2} \d{1,2} \d{4}\b"
    r"|^(?:monsieur|madame|objet|a l attention|(?:le |la )?presidente?)\b|\bconseil regional\b"
)
# A website's address, as written: « bidouilleurs.fr », « www.agglo-boulonnais.fr ».
_WEBSITE = re.compile(r"\w\.(?:fr|com|org|net|eu|info|asso\.fr)\b", re.IGNORECASE)
# How far from a line of legal form its structure's name may stand (an address between).
_NAME_REACH = 3


def _is_name(part: str) -> bool | None:
    """Whether a part of a line may be (part of) a name: None for an empty part."""
    if not part.strip(" .'’-–—"):
        return None
    return (
        "@" not in part
        and not _WEBSITE.search(part)
        and not _NOT_A_NAME.search(fold(part))
        and sum(c.isalpha() for c in part) > 1
    )


def _name_in(line: str) -> str | None:
    """The name that ``line`` gives, as written: its first run of parts that may be a name
    (« Association Fab'Lab du Ternois (FLT) » whole, « Association Les Bidouilleurs – loi
    1901 » without its legal form); None when no part is."""
    if _NOT_A_NAME_LINE.search(fold(line)):
        return None
    bounds = [0, *(i for m in _PART_CUT.finditer(line) for i in (m.start(), m.end())), len(line)]
    run: tuple[int, int] | None = None
    for start, end in zip(bounds[::2], bounds[1::2], strict=True):
        named = _is_name(line[start:end])
        if named is None:
            continue
        if not named and run is not None:
            break
        if named:
            run = (run[0] if run else start, end)
    if run is None:
        return None
    name = line[run[0] : run[1]].strip(" -–—,;|•")
    return name + ")" if name.count("(") > name.count(")") else name


def _named(lines: Sequence[tuple[int | None, str]], at: int) -> tuple[int | None, str] | None:
    """The structure's name that a letterhead's line ``at`` gives: the line without its legal
    form, numbers and address; when nothing is left (« Association loi 1901 – RNA
    W622004512 »), the nearest line above, else below, that is a name."""
    page, line = lines[at]
    if (name := _name_in(line)) is not None:
        return page, name
    above = [at - d for d in range(1, _NAME_REACH + 1)]
    below = [at + d for d in range(1, _NAME_REACH + 1)]
    for i in above + below:
        if 0 <= i < len(lines) and (near := _name_in(lines[i][1])) is not None:
            return lines[i][0], near
    return None


def find_sender(document: Document) -> Located | None:
    """The line of the letterhead that names a structure, as written (the name beside a line
    that only gives an association's legal form)."""
    lines = document.lines()[:LETTERHEAD_LINES]
    for at, (page, line) in enumerate(lines[:SENDER_LINES]):
        if _STRUCTURE_LINE.search(fold(line)):
            named = _named(lines, at) if _ASSOCIATION_LINE.match(line) else (page, line)
            if named is not None:
                return Located(named[1], named[0])
    return None


def identify(lines: Sequence[tuple[int | None, str]]) -> Sender | None:
    """The structure named by ``lines``: an association's line first (its name, not its
    legal form), then a Hauts-de-France intercommunalité (also when its name runs over two
    lines), then a commune."""
    if not lines:
        return None
    text = "\n".join(line for _, line in lines)
    page = lines[0][0]
    for at, (_, line) in enumerate(lines):
        if _ASSOCIATION_LINE.match(line) and (named := _named(lines, at)) is not None:
            return Sender("association", named[1], named[0])
    if found := epci.find_in_text(fold(text)):
        return Sender("intercommunalite", found[0][0].name, page)
    if match := _COMMUNE_LINE.search(text):
        return Sender("commune", match.group(1).strip(), page)
    return None


def letterhead_sender(document: Document) -> Sender | None:
    """The structure that the letterhead (first lines) of ``document`` names."""
    return identify(document.lines()[:LETTERHEAD_LINES])
