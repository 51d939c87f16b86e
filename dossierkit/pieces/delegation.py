"""The délégation de signature: who delegates to whom, for what, since when, signed how.

Where someone other than the responsable légal signs the courrier, the call asks for "une
délégation de signature, le cas échéant": it must come from the responsable légal, name the
letter's signatory, cover this request and exist before the letter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from dossierkit.fact import Fact
from dossierkit.pieces.common import (
    NAME_WORD,
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
from dossierkit.pieces.delegation_scope import Scope, read_scope
from dossierkit.pieces.letterhead import Sender, find_sender, letterhead_sender
from dossierkit.reading.model import Document

_DELEGATE = re.compile(
    rf"(?i:d[ée]l[ée]gation\s+de\s+signature\s+(?:est\s+)?(?:donn[ée]e\s+)?[àa]|"
    rf"d[ée]l[ée]gu[ée]\s+[àa]|donne\s+pouvoir\s+[àa])\s+"
    rf"(?:(?:M\.|Mme|Monsieur|Madame)\s+)?({NAME_WORD}(?:\s+{NAME_WORD}){{1,3}})"
)
_SOUSSIGNE = re.compile(
    rf"(?i:je\s+soussign[ée]e?),?\s+(?:(?:M\.|Mme|Monsieur|Madame)\s+)?"
    rf"({NAME_WORD}(?:\s+{NAME_WORD}){{1,3}})"
)


@dataclass(frozen=True)
class DelegationFacts:
    """What the délégation says."""

    file: str
    delegator: Located | None
    delegator_title: Located | None
    delegate: Located | None
    scope: Scope
    dated: DatedAt | None
    signatory: Signatory
    signature: SignatureEvidence
    sender: Located | None  # the letterhead's line that names a structure
    structure: Sender | None  # the structure that the letterhead names
    scanned: bool
    facts: tuple[Fact, ...]


def _first(pattern: re.Pattern[str], document: Document) -> Located | None:
    pages = document.page_texts()
    for number, text in pages:
        if match := pattern.search(" ".join(text.split())):
            return Located(match.group(1), number)
    return None


def parse(document: Document, file: str) -> DelegationFacts:
    """Read the delegator (the act's signatory), the delegate, the scope and the date."""
    signatory = find_signatory(document)
    delegator = signatory.name or _first(_SOUSSIGNE, document)
    parsed = DelegationFacts(
        file=file,
        delegator=delegator,
        delegator_title=signatory.title,
        delegate=_first(_DELEGATE, document),
        scope=read_scope(document),
        dated=find_date(document),
        signatory=signatory,
        signature=signature_evidence(document),
        sender=find_sender(document),
        structure=letterhead_sender(document),
        scanned=document.is_scanned,
        facts=(),
    )
    facts = located_facts(
        file, ("delegation.delegator", parsed.delegator), ("delegation.delegate", parsed.delegate)
    )
    if parsed.dated:
        facts.append(
            Fact(
                "delegation.date",
                parsed.dated.value.isoformat(),
                "inferred",
                file,
                parsed.dated.page,
            )
        )
    facts += signature_facts("delegation", file, parsed.signature)
    return replace(parsed, facts=tuple(facts))
