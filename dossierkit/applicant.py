"""Who is applying: infer the structure's name and kind, and its intercommunalité.

Instructors receive no manifest, so the documents must tell. The sender is read where
applicants write it: the letterhead of the courrier, then of the attestation, then the
dossier technique's "structure de portage"; the statuts give an association's exact title.
The intercommunalité is the sender itself when it is an EPCI, else the Hauts-de-France EPCI the
dossier cites most. The letterheads are read by the parsers (``pieces/letterhead.py``); this
module only weighs what they found.
"""

from __future__ import annotations

from collections import Counter

from dossierkit import epci
from dossierkit.dossier import DossierFile
from dossierkit.fact import Fact
from dossierkit.pieces import ParsedPieces
from dossierkit.pieces.letterhead import Sender
from dossierkit.text import fold

# How much of each document is searched for the intercommunalités it cites.
MAX_SCAN = 60_000
# How much a mention in each kind of piece counts towards "the intercommunalité of the dossier".
_MENTION_WEIGHT = {"courrier": 3, "dossier_technique": 2}


def _senders(parsed: ParsedPieces) -> list[tuple[str, Sender, str]]:
    """(file, structure, where) that the pieces name as their sender, most trusted first:
    the letterheads of the courrier, the attestation and the délégation, then the dossier
    technique's structure porteuse."""
    found = [
        (piece.file, piece.structure, f"en-tête de « {piece.file} »")
        for piece in (parsed.courrier, parsed.attestation_tva, parsed.delegation)
        if piece is not None and piece.structure is not None
    ]
    technique = parsed.dossier_technique
    if technique is not None and technique.carrier is not None:
        where = f"structure porteuse nommée dans « {technique.file} »"
        found.append((technique.file, technique.carrier, where))
    return found


def _structure(files: list[DossierFile], parsed: ParsedPieces) -> list[Fact]:
    statuts = parsed.statuts
    if statuts is not None and statuts.name is not None:
        evidence = "titre de l'association dans les statuts"
        return [
            Fact("structure.kind", "association", "inferred", statuts.file, None, evidence),
            Fact(
                "structure.name",
                statuts.name.value,
                "inferred",
                statuts.file,
                statuts.name.page,
                evidence,
            ),
        ]
    for file, sender, where in _senders(parsed):
        return [
            Fact("structure.kind", sender.kind, "inferred", file, sender.page, where),
            Fact("structure.name", sender.name, "inferred", file, sender.page, where),
        ]
    # Statuts joined, even unreadable: only an association sends them.
    attached = next((f for f in files if f.kind == "statuts"), None)
    if attached is not None:
        return [
            Fact("structure.kind", "association", "inferred", attached.rel, None, "statuts joints")
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


def infer_applicant(files: list[DossierFile], parsed: ParsedPieces) -> list[Fact]:
    """Facts about the applicant that the pieces support, each with its source.

    The structure comes from what the parsers read (statuts, letterheads, structure
    porteuse); the intercommunalité is the one the dossier's documents cite most, counted
    here because no single piece states it.
    """
    structure = _structure(files, parsed)
    return structure + _intercommunalite(files, structure)
