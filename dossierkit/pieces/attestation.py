"""The attestation of VAT regime: does the beneficiary recover VAT, and who attests it.

The call asks for "un document attestant du régime fiscal du bénéficiaire (récupération ou non
de la TVA)": it decides whether the budget must be HT or TTC (see DOMAIN.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from dossierkit.fact import Fact
from dossierkit.pieces.common import (
    DatedAt,
    Located,
    Signatory,
    SignatureEvidence,
    find_date,
    find_signatory,
    located_facts,
    signature_evidence,
    signature_facts,
)
from dossierkit.pieces.identifiers import find_rna, find_siren
from dossierkit.pieces.letterhead import Sender, find_sender, letterhead_sender
from dossierkit.reading.model import Document
from dossierkit.text import fold

REGIMES = {
    "recovered": "récupère la TVA (budget HT)",
    "not_recovered": "ne récupère pas la TVA (budget TTC)",
    "investment_only": "récupère la TVA sur l'investissement seulement (FCTVA)",
}
# Read in either gender and number (« La CAHC est assujettie », « nous sommes assujettis »),
# and with the pronoun people use once the tax is named (« … à la TVA et la récupère »).
_NOT = re.compile(
    r"\b(n est pas (assujettie?s?|soumise?s?)|non (assujettie?s?|soumise?s?)|"
    r"ne (la )?recupere pas( la tva)?|ne peut pas (la )?recuperer|pas assujettie?s?|"
    r"non recuperable|ne (la )?deduit pas)\b"
)
_YES = re.compile(
    r"\b(est assujettie?|sont assujettie?s|sommes assujettie?s|recupere (integralement )?la tva|"
    r"la recupere|soumise?s? a la tva|tva (est )?recuperable|deduit la tva)\b"
)
_FCTVA = re.compile(r"\b(fctva|fonds de compensation)\b")
# What the FCTVA covers, in the words attestations use for it: « les équipements, éligibles au
# FCTVA », « les immobilisations », « la section d'investissement », « dépenses d'investissement ».
_INVESTMENT = re.compile(r"\b(investissements?|equipements?|immobilisations?)\b")


@dataclass(frozen=True)
class AttestationFacts:
    """What the attestation says."""

    file: str
    regime: str | None
    dated: DatedAt | None
    signatory: Signatory
    signature: SignatureEvidence
    sender: Located | None  # the letterhead's line that names a structure
    structure: Sender | None  # the structure that the letterhead names
    scanned: bool
    facts: tuple[Fact, ...]
    siren: Located | None = None  # « SIRET … » in the letterhead or the footer
    rna: Located | None = None  # « RNA W623001234 »


def regime_of(folded: str) -> str | None:
    """The VAT regime a folded text states; None when it says nothing clear."""
    if _FCTVA.search(folded) and _INVESTMENT.search(folded):
        return "investment_only"
    if _NOT.search(folded):
        return "not_recovered"
    if _YES.search(folded):
        return "recovered"
    return None


def parse(document: Document, file: str) -> AttestationFacts:
    """Read the regime, the date and who signs."""
    parsed = AttestationFacts(
        file=file,
        regime=regime_of(fold(document.text)),
        dated=find_date(document),
        signatory=find_signatory(document),
        signature=signature_evidence(document),
        sender=find_sender(document),
        structure=letterhead_sender(document),
        scanned=document.is_scanned,
        facts=(),
        siren=find_siren(document),
        rna=find_rna(document),
    )
    facts = []
    if parsed.regime:
        facts.append(
            Fact("vat.regime", parsed.regime, "inferred", file, None, REGIMES[parsed.regime])
        )
    facts += located_facts(
        file,
        ("vat.attested_by", parsed.signatory.name),
        ("structure.siren", parsed.siren),
        ("structure.rna", parsed.rna),
    )
    facts += signature_facts("attestation_tva", file, parsed.signature)
    return replace(parsed, facts=tuple(facts))
