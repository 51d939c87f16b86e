"""The attestation of VAT regime: does the beneficiary recover VAT, and who attests it.

The call asks for "un document attestant du régime fiscal du bénéficiaire (récupération ou non
de la TVA)": it decides whether the budget must be HT or TTC (see DOMAIN.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from dossierkit.call import Call
from dossierkit.dossier import DossierFile, Fact
from dossierkit.pieces.common import (
    DatedAt,
    Located,
    Signatory,
    SignatureEvidence,
    find_date,
    find_sender,
    find_signatory,
    located_facts,
    signature_evidence,
    signature_facts,
)
from dossierkit.text import fold

REGIMES = {
    "recovered": "récupère la TVA (budget HT)",
    "not_recovered": "ne récupère pas la TVA (budget TTC)",
    "investment_only": "récupère la TVA sur l'investissement seulement (FCTVA)",
}
_NOT = re.compile(
    r"\b(n est pas (assujetti|soumis)|non (assujetti|soumis)|ne recupere pas (la tva)?|"
    r"ne peut pas recuperer|pas assujettie?)\b"
)
_YES = re.compile(r"\b(est assujetti|recupere (la|integralement la) tva|soumis a la tva)\b")
_FCTVA = re.compile(r"\b(fctva|fonds de compensation)\b")


@dataclass(frozen=True)
class AttestationFacts:
    """What the attestation says."""

    file: str
    regime: str | None
    dated: DatedAt | None
    signatory: Signatory
    signature: SignatureEvidence
    sender: Located | None
    scanned: bool
    facts: tuple[Fact, ...]


def regime_of(folded: str) -> str | None:
    """The VAT regime a folded text states; None when it says nothing clear."""
    if _FCTVA.search(folded) and "investissement" in folded:
        return "investment_only"
    if _NOT.search(folded):
        return "not_recovered"
    if _YES.search(folded):
        return "recovered"
    return None


def parse(f: DossierFile, call: Call) -> AttestationFacts:
    """Read the regime, the date and who signs."""
    document = f.document
    assert document is not None
    parsed = AttestationFacts(
        file=f.rel,
        regime=regime_of(fold(document.text)),
        dated=find_date(document),
        signatory=find_signatory(document),
        signature=signature_evidence(f),
        sender=find_sender(document),
        scanned=document.is_scanned,
        facts=(),
    )
    facts = []
    if parsed.regime:
        facts.append(
            Fact("vat.regime", parsed.regime, "inferred", f.rel, None, REGIMES[parsed.regime])
        )
    facts += located_facts(f.rel, ("vat.attested_by", parsed.signatory.name))
    facts += signature_facts("attestation_tva", f.rel, parsed.signature)
    return replace(parsed, facts=tuple(facts))
