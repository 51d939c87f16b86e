"""Facts derived from other facts: what no single document states.

Whether the letter's signatory is the legal representative decides if a délégation de
signature is required. The legal representative is named by dossier.yaml, by a "responsable
légal : …" line (dossier technique, GOV-1), by the délégation (its delegator), or is the
président(e) who signs the attestation; failing a name, the signatory's title tells: a
président(e) represents the structure, a vice-président(e) signs "par délégation".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from dossierkit.fact import Fact, fact_value
from dossierkit.pieces import ParsedPieces
from dossierkit.pieces.common import TITLE
from dossierkit.text import fold, same_person

_PRESIDENT = re.compile(r"^(?:(?:le|la) )?presidente?\b")


def _located(facts: Sequence[Fact], name: str) -> Fact | None:
    declared = [f for f in facts if f.name == name and f.origin == "declared"]
    inferred = [f for f in facts if f.name == name and f.origin == "inferred"]
    found = declared or inferred
    return found[0] if found else None


def _legal_representative(facts: Sequence[Fact], parsed: ParsedPieces) -> list[Fact]:
    if _located(facts, "legal_representative.name") is not None:
        return []
    for piece in (parsed.courrier, parsed.dossier_technique):
        if piece is not None and piece.legal_representative is not None:
            return [
                Fact(
                    "legal_representative.name",
                    piece.legal_representative.value,
                    "inferred",
                    piece.file,
                    piece.legal_representative.page,
                    "« responsable légal » nommé dans le document",
                )
            ]
    delegator = _located(facts, "delegation.delegator")
    if delegator is not None:
        return [
            Fact(
                "legal_representative.name",
                delegator.value,
                "inferred",
                delegator.file,
                delegator.page,
                "auteur de la délégation de signature",
            )
        ]
    attestation = parsed.attestation_tva
    if (
        attestation is not None
        and attestation.signatory.name
        and attestation.signatory.title
        and _PRESIDENT.search(fold(attestation.signatory.title.value))
    ):
        name = attestation.signatory.name
        return [
            Fact(
                "legal_representative.name",
                name.value,
                "inferred",
                attestation.file,
                name.page,
                "président(e) signataire de l'attestation de TVA",
            )
        ]
    return []


def _signatory_is_legal(
    facts: Sequence[Fact], parsed: ParsedPieces, legal: Fact | None
) -> list[Fact]:
    if fact_value(facts, "signatory.is_legal_representative") is not None:
        return []
    signatory = _located(facts, "signatory.name")
    if signatory is not None and legal is not None:
        return [
            Fact(
                "signatory.is_legal_representative",
                same_person(str(signatory.value), str(legal.value)),
                "inferred",
                signatory.file,
                signatory.page,
                f"signataire « {signatory.value} » ({signatory.file}), "
                f"responsable légal « {legal.value} » ({legal.file})",
            )
        ]
    courrier = parsed.courrier
    if courrier is None or courrier.signatory.title is None:
        return []
    title = fold(courrier.signatory.title.value)
    if courrier.signatory.on_behalf or not TITLE.search(title):
        verdict = False if courrier.signatory.on_behalf else None
    else:
        verdict = bool(_PRESIDENT.search(title))
    if verdict is None:
        return []
    return [
        Fact(
            "signatory.is_legal_representative",
            verdict,
            "inferred",
            courrier.file,
            courrier.signatory.title.page,
            f"qualité du signataire : « {courrier.signatory.title.value} »",
        )
    ]


def derive_facts(facts: Sequence[Fact], parsed: ParsedPieces) -> list[Fact]:
    """Facts computed from the declared and inferred ones and the parsed pieces."""
    legal = _legal_representative(facts, parsed)
    known = _located(facts, "legal_representative.name") or (legal[0] if legal else None)
    return legal + _signatory_is_legal(facts, parsed, known)
