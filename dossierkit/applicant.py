"""Who is applying: infer the structure's name and kind, and its intercommunalité.

Instructors receive no manifest, so the documents must tell. The sender is read where
applicants write it: the letterhead of the courrier, then of the attestation, then the
dossier technique's "structure de portage"; the statuts give an association's exact title.
The intercommunalité is the sender itself when it is an EPCI, else the Hauts-de-France EPCI the
dossier cites most.
"""

from __future__ import annotations

import re
from collections import Counter

from dossierkit import epci
from dossierkit.dossier import DossierFile, Fact
from dossierkit.text import fold

# How many lines at the top of a letter form its letterhead.
LETTERHEAD_LINES = 8
# Documents whose first lines name the sender, in the order they are trusted.
LETTERHEAD_KINDS = ("courrier", "attestation_tva", "delegation")
_ASSOCIATION_TITLE = re.compile(
    r"(?:ayant pour (?:titre|nom|dénomination)|dénommée?|dénomination|a pour nom)\s*:?\s*"
    r"[«\"“]\s*([^»\"”\n]{2,80}?)\s*[»\"”]",
    re.IGNORECASE,
)
_ASSOCIATION_LINE = re.compile(r"^\s*(association\b[^\n]{2,80})$", re.IGNORECASE | re.MULTILINE)
_COMMUNE_LINE = re.compile(
    r"^\s*((?:commune|mairie|ville) (?:de |d'|d’|du )[^\n]{2,60})$", re.I | re.M
)
_CARRIER = re.compile(r"structure (?:de )?portage[^:\n]{0,40}:\s*([^\n]{3,100})", re.IGNORECASE)
# How much of each document is searched for the intercommunalités it cites.
MAX_SCAN = 60_000
# How much a mention in each kind of piece counts towards "the intercommunalité of the dossier".
_MENTION_WEIGHT = {"courrier": 3, "dossier_technique": 2}


def _readable(files: list[DossierFile], kind: str) -> DossierFile | None:
    return next((f for f in files if f.kind == kind and f.document is not None), None)


def _sender_lines(files: list[DossierFile]) -> list[tuple[DossierFile, str]]:
    """Candidate sender lines with their file, most trusted first."""
    found: list[tuple[DossierFile, str]] = []
    for kind in LETTERHEAD_KINDS:
        f = _readable(files, kind)
        if f is not None and f.document is not None:
            lines = [line.strip() for line in f.document.text.splitlines() if line.strip()]
            found.append((f, "\n".join(lines[:LETTERHEAD_LINES])))
    technique = _readable(files, "dossier_technique")
    if technique is not None and technique.document is not None:
        match = _CARRIER.search(technique.document.text)
        if match:
            found.append((technique, match.group(1).strip()))
    return found


def _structure(files: list[DossierFile]) -> list[Fact]:
    statuts = next((f for f in files if f.kind == "statuts"), None)
    if statuts is not None and statuts.document is not None:
        match = _ASSOCIATION_TITLE.search(statuts.document.text)
        if match:
            evidence = "titre de l'association dans les statuts"
            return [
                Fact("structure.kind", "association", "inferred", statuts.rel, None, evidence),
                Fact(
                    "structure.name",
                    match.group(1).strip(),
                    "inferred",
                    statuts.rel,
                    None,
                    evidence,
                ),
            ]
    for f, lines in _sender_lines(files):
        where = f"en-tête de « {f.rel} »"
        if match := _ASSOCIATION_LINE.search(lines):
            return [
                Fact("structure.kind", "association", "inferred", f.rel, 1, where),
                Fact("structure.name", match.group(1).strip(), "inferred", f.rel, 1, where),
            ]
        if senders := epci.find_in_text(fold(lines)):
            return [
                Fact("structure.kind", "intercommunalite", "inferred", f.rel, 1, where),
                Fact("structure.name", senders[0][0].name, "inferred", f.rel, 1, where),
            ]
        if match := _COMMUNE_LINE.search(lines):
            return [
                Fact("structure.kind", "commune", "inferred", f.rel, 1, where),
                Fact("structure.name", match.group(1).strip(), "inferred", f.rel, 1, where),
            ]
    if statuts is not None:
        return [
            Fact("structure.kind", "association", "inferred", statuts.rel, None, "statuts joints")
        ]
    return []


def _intercommunalite(files: list[DossierFile], structure: list[Fact]) -> list[Fact]:
    per_file: dict[epci.Epci, Counter[str]] = {}
    for f in files:
        if f.document is None:
            continue
        # The beginning of each document is enough to tell which intercommunalité it cites.
        for found, count in epci.find_in_text(fold(f.document.text[:MAX_SCAN])):
            per_file.setdefault(found, Counter())[f.rel] += count * _MENTION_WEIGHT.get(
                f.kind or "", 1
            )
    if not per_file:
        return []
    sender = next((f for f in structure if f.name == "structure.kind"), None)
    if sender is not None and sender.value == "intercommunalite":
        name = next(f.value for f in structure if f.name == "structure.name")
        chosen = next(e for e in per_file if e.name == name)
        source, evidence = sender.file, "la structure elle-même"
    else:
        chosen = min(per_file, key=lambda e: (-sum(per_file[e].values()), e.name))
        source = min(per_file[chosen], key=lambda rel: (-per_file[chosen][rel], rel))
        evidence = (
            f"intercommunalité des Hauts-de-France la plus citée ({sum(per_file[chosen].values())})"
        )
    return [
        Fact("intercommunalite.name", chosen.name, "inferred", source, None, evidence),
        Fact(
            "intercommunalite.siren",
            chosen.siren,
            "inferred",
            source,
            None,
            "référentiel des EPCI (INSEE)",
        ),
    ]


def infer_applicant(files: list[DossierFile]) -> list[Fact]:
    """Facts about the applicant that the documents support, each with its source."""
    structure = _structure(files)
    return structure + _intercommunalite(files, structure)
