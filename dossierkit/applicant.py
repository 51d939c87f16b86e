"""Who is applying: infer the structure's name and kind, and its intercommunalité.

Instructors receive no manifest, so the documents must tell: the statuts name an
association, the letterhead of the courrier names the sender, and the intercommunalité is the
Hauts-de-France EPCI the dossier cites most.
"""

from __future__ import annotations

import re

from dossierkit import epci
from dossierkit.dossier import DossierFile, Fact
from dossierkit.text import fold

# How many lines at the top of a letter form its letterhead.
LETTERHEAD_LINES = 8
_ASSOCIATION_TITLE = re.compile(
    r"(?:ayant pour (?:titre|nom|dénomination)|dénommée?|dénomination|a pour nom)\s*:?\s*"
    r"[«\"“]\s*([^»\"”\n]{2,80}?)\s*[»\"”]",
    re.IGNORECASE,
)
_ASSOCIATION_HEAD = re.compile(r"^\s*(association\b[^\n]{2,80})$", re.IGNORECASE | re.MULTILINE)
_COMMUNE = re.compile(r"^\s*((?:commune|mairie|ville) (?:de |d'|d’|du )[^\n]{2,60})$", re.I | re.M)


def _first(files: list[DossierFile], kind: str) -> DossierFile | None:
    return next((f for f in files if f.kind == kind and f.document is not None), None)


def _letterhead(courrier: DossierFile) -> str:
    assert courrier.document is not None
    lines = [line.strip() for line in courrier.document.text.splitlines() if line.strip()]
    return "\n".join(lines[:LETTERHEAD_LINES])


def _association(files: list[DossierFile]) -> Fact | None:
    statuts = _first(files, "statuts")
    if statuts is not None and statuts.document is not None:
        match = _ASSOCIATION_TITLE.search(statuts.document.text)
        if match:
            return Fact(
                "structure.name",
                match.group(1).strip(),
                "inferred",
                statuts.rel,
                None,
                "titre de l'association dans les statuts",
            )
    courrier = _first(files, "courrier")
    if courrier is not None:
        match = _ASSOCIATION_HEAD.search(_letterhead(courrier))
        if match:
            return Fact(
                "structure.name",
                match.group(1).strip(),
                "inferred",
                courrier.rel,
                1,
                "en-tête du courrier",
            )
    return None


def infer_applicant(files: list[DossierFile]) -> list[Fact]:
    """Facts about the applicant that the documents support, each with its source."""
    facts: list[Fact] = []
    courrier = _first(files, "courrier")
    letterhead = fold(_letterhead(courrier)) if courrier else ""

    mentions: dict[epci.Epci, tuple[int, DossierFile]] = {}
    for f in files:
        if f.document is None:
            continue
        weight = 3 if f.kind == "courrier" else 1
        for found, count in epci.find_in_text(fold(f.document.text)):
            total, first = mentions.get(found, (0, f))
            mentions[found] = (total + weight * count, first)
    ranked = sorted(mentions.items(), key=lambda item: (-item[1][0], item[0].name))
    sender_epci = next(iter(epci.find_in_text(letterhead)), None) if letterhead else None

    association = _association(files)
    statuts = _first(files, "statuts")
    if association is not None:
        facts.append(
            Fact(
                "structure.kind",
                "association",
                "inferred",
                association.file,
                association.page,
                association.evidence,
            )
        )
        facts.append(association)
    elif statuts is not None:
        facts.append(
            Fact(
                "structure.kind",
                "association",
                "inferred",
                statuts.rel,
                None,
                "statuts d'association",
            )
        )
    elif sender_epci is not None and courrier is not None:
        facts.append(
            Fact(
                "structure.kind",
                "intercommunalite",
                "inferred",
                courrier.rel,
                1,
                "intercommunalité en en-tête du courrier",
            )
        )
        facts.append(
            Fact(
                "structure.name",
                sender_epci[0].name,
                "inferred",
                courrier.rel,
                1,
                "en-tête du courrier",
            )
        )
    elif courrier is not None and courrier.document is not None:
        match = _COMMUNE.search(_letterhead(courrier))
        if match:
            facts.append(
                Fact(
                    "structure.kind", "commune", "inferred", courrier.rel, 1, "en-tête du courrier"
                )
            )
            facts.append(
                Fact(
                    "structure.name",
                    match.group(1).strip(),
                    "inferred",
                    courrier.rel,
                    1,
                    "en-tête du courrier",
                )
            )

    chosen = sender_epci[0] if sender_epci else (ranked[0][0] if ranked else None)
    if chosen is not None:
        # The letterhead is part of the courrier's text, so a sender EPCI is always counted.
        count, first = mentions[chosen]
        source = courrier if sender_epci and courrier else first
        facts.append(
            Fact(
                "intercommunalite.name",
                chosen.name,
                "inferred",
                source.rel,
                None,
                f"intercommunalité des Hauts-de-France citée {count} fois",
            )
        )
        facts.append(
            Fact(
                "intercommunalite.siren",
                chosen.siren,
                "inferred",
                source.rel,
                None,
                "référentiel des EPCI (INSEE)",
            )
        )
    return facts
