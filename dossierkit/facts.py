"""Facts derived from other facts: what no single document states.

Whether the letter's signatory is the legal representative decides if a délégation de
signature is required; it compares what the courrier says with what the statuts, the
dossier technique or dossier.yaml say.
"""

from __future__ import annotations

from dossierkit.dossier import Dossier, Fact
from dossierkit.text import same_person


def derive_facts(dossier: Dossier) -> list[Fact]:
    """Facts computed from the declared and inferred ones."""
    if dossier.fact("signatory.is_legal_representative") is not None:
        return []
    signatory = _located(dossier, "signatory.name")
    legal = _located(dossier, "legal_representative.name")
    if signatory is None or legal is None:
        return []
    same = same_person(str(signatory.value), str(legal.value))
    return [
        Fact(
            "signatory.is_legal_representative",
            same,
            "inferred",
            signatory.file,
            signatory.page,
            f"signataire « {signatory.value} » ({signatory.file}), "
            f"responsable légal « {legal.value} » ({legal.file})",
        )
    ]


def _located(dossier: Dossier, name: str) -> Fact | None:
    declared = [f for f in dossier.facts if f.name == name and f.origin == "declared"]
    inferred = [f for f in dossier.facts if f.name == name and f.origin == "inferred"]
    found = declared or inferred
    return found[0] if found else None
