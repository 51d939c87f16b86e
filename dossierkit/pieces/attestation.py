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
    r"non recuperable|ne (la )?deduit pas|"
    r"(ne beneficie|ne dispose|n ouvre|n ouvrent) pas (du |de |d )?droit a deduction|"
    r"sans droit a deduction)\b"
)
# The tax office's own words (« assujettie … sous le régime réel normal … elle bénéficie du
# droit à déduction de la TVA grevant ses dépenses ») as well as the applicant's.
_YES = re.compile(
    r"\b(est assujettie?|sont assujettie?s|sommes assujettie?s|recupere (integralement )?la tva|"
    r"la recupere|soumise?s? a la tva|tva (est )?recuperable|deduit la tva|droit a deduction)\b"
)
_FCTVA = re.compile(r"\b(fctva|fonds de compensation)\b")
# What the FCTVA covers, in the words attestations use for it: « les équipements, éligibles au
# FCTVA », « les immobilisations », « la section d'investissement », « dépenses d'investissement ».
_INVESTMENT = re.compile(r"\b(investissements?|equipements?|immobilisations?)\b")
# An intercommunalité that runs a taxable service (letting its spaces) recovers the VAT of
# that service through its tax return, beside the FCTVA on investment: « récupère la TVA (par
# la voie du FCTVA pour l'investissement et par la voie fiscale pour le fonctionnement) ».
# Both ways together recover it on everything.
_OPERATING = re.compile(
    r"\b(voie fiscale|droit a deduction|declarations? de tva"
    r"|(ensemble|totalite) (de ses|des|de nos|de leurs) depenses|toutes (ses|les|nos) depenses"
    r"|(recupere|deduit|recuperee|deduite)\b[^.;]{0,80}\bfonctionnement)\b"
)


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
        if _OPERATING.search(folded) and not _NOT.search(folded):
            return "recovered"
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
