"""The courrier de demande: who writes, to whom, when, about what, for how much, signed how.

The call asks for "un courrier de demande à la signature du responsable légal" sent to the
Président du Conseil régional; the amounts it states are what the structure asks for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from dossierkit.fact import Fact
from dossierkit.pieces.address import Place, places
from dossierkit.pieces.common import (
    DatedAt,
    Located,
    Signatory,
    SignatureEvidence,
    find_date,
    find_legal_representative,
    find_signatory,
    located_facts,
    signature_evidence,
    signature_facts,
)
from dossierkit.pieces.identifiers import find_rna, find_siren, registration
from dossierkit.pieces.letterhead import Sender, find_sender, letterhead_sender
from dossierkit.pieces.requested import RequestedAmount, requested_amounts
from dossierkit.reading.model import Document
from dossierkit.text import fold, strip_accents


@dataclass(frozen=True)
class CourrierFacts:
    """What the courrier says."""

    file: str
    sender: Located | None  # the letterhead's line that names a structure
    structure: Sender | None  # the structure that the letterhead names
    addressee: Located | None
    addressed_to_region: bool
    dated: DatedAt | None
    object: Located | None
    refers_to_call: bool
    amounts: tuple[RequestedAmount, ...]
    signatory: Signatory
    signature: SignatureEvidence
    scanned: bool
    facts: tuple[Fact, ...]
    # (confidence, page) of the least sure page when the letter was read by OCR.
    ocr: tuple[float, int] | None = None
    # The person a "responsable légal : …" line names, if the letter has one.
    legal_representative: Located | None = None
    # The commune of the letterhead's address (postcode and town), when it is one of the
    # region's: where the structure has its seat.
    seat: Place | None = None
    # The SIREN the letterhead or the footer prints (« SIRET 853 214 773 00014 »).
    siren: Located | None = None
    # The SIRET as printed (digits), else the RNA number: what the register keeps.
    registration: str | None = None
    rna: Located | None = None  # an association's number in the RNA (« RNA W623001234 »)

    def total(self) -> Decimal | None:
        """The total amount requested: stated as such, else the sum of the animation (the
        yearly amounts, else the amount for the whole animation) and equipment amounts,
        else the largest amount that is not the project's budget."""
        totals = [a.value for a in self.amounts if a.kind == "total"]
        if totals:
            return max(totals)
        animation = [a for a in self.amounts if a.kind == "animation"]
        yearly = [a.value for a in animation if a.year is not None]
        lump = [a.value for a in animation if a.year is None]
        parts = [a.value for a in self.amounts if a.kind == "equipement"]
        parts += yearly or lump[:1]
        if parts:
            return sum(parts, Decimal(0))
        others = [a.value for a in self.amounts if a.kind != "budget"]
        return max(others) if others else None


# The header ends at the object or at the salutation ("Monsieur le Président,"), whichever
# comes first: the body speaks of "la Région" for other reasons.
_OBJECT = re.compile(r"^objet\b")
_SALUTATION = re.compile(r"^(monsieur|madame)( le| la)? presidente?\s*,$", re.IGNORECASE)
_HEADER_LINES = 30
# How the header names the Région, its Conseil régional or its Président: "Monsieur le
# Président du Conseil régional des Hauts-de-France", "Monsieur le Président de la Région
# Hauts-de-France", "À l'attention de M. le Président…", "Hôtel de Région".
_REGION = re.compile(r"\b(conseil regional|region|hotel de region)\b")
# What says which Région: its name, or its address (151 boulevard Hoover, 59555 Lille).
_HAUTS_DE_FRANCE = re.compile(r"\b(hauts de france|boulevard hoover|president hoover|59555)\b")


# The addressee's title, wrapped as a narrow address block wraps it (« Monsieur le Président
# du / Conseil régional / des Hauts-de-France »), ends at the attention line or the service;
# its street or postcode line, which names the Région's seat, is kept with it.
_ADDRESSEE_LINES = 4
_ADDRESSEE_SERVICE = re.compile(
    r"^(?:a l attention|a l att|attn|service|direction|mission)\b|\b(?:le \d{1,2}|\d{4})$"
)
_ADDRESSEE_STREET = re.compile(r"^(?:\d|cs \d|bp \d)|\b\d{5}\b")


def _addressee(lines: list[tuple[int | None, str]]) -> tuple[Located | None, bool]:
    """The header's lines that name the Région or its Président (the title wrapped over up
    to ``_ADDRESSEE_LINES`` lines), and whether the header addresses the Conseil régional des
    Hauts-de-France."""
    header: list[tuple[int | None, str]] = []
    for page, line in lines[:_HEADER_LINES]:
        if header and (_OBJECT.search(fold(line)) or _SALUTATION.search(strip_accents(line))):
            break
        header.append((page, line))
    folded = fold(" ".join(line for _, line in header))
    addressee = None
    for i, (page, line) in enumerate(header):
        if _REGION.search(fold(line)) or re.search(r"\bpresidente?\b", fold(line)):
            block = [line]
            for _, following in header[i + 1 : i + _ADDRESSEE_LINES]:
                if _ADDRESSEE_SERVICE.search(fold(following)):
                    break
                block.append(following)
                if _ADDRESSEE_STREET.search(fold(following)):
                    break
            addressee = Located(" ".join(block), page)
            break
    return addressee, bool(_REGION.search(folded) and _HAUTS_DE_FRANCE.search(folded))


def parse(document: Document, file: str) -> CourrierFacts:
    """Read the letter's header, object, amounts and signature block."""
    lines = document.lines()
    sender = find_sender(document)
    addressee, addressed = _addressee(lines)
    obj = next(
        (
            Located(re.sub(r"^(?i:objet)\s*:?\s*", "", line), page)
            for page, line in lines
            if fold(line).startswith("objet")
        ),
        None,
    )
    folded = fold(document.text)
    refers = "tiers lieux du numerique" in folded or (
        "appel a projets" in folded and "tiers lieu" in folded
    )
    amounts = requested_amounts(document)
    signatory = find_signatory(document)
    signature = signature_evidence(document)
    read = [(p.ocr_confidence, p.number) for p in document.pages if p.ocr_confidence is not None]
    parsed = CourrierFacts(
        file=file,
        sender=sender,
        structure=letterhead_sender(document),
        legal_representative=find_legal_representative(document),
        addressee=addressee,
        addressed_to_region=addressed,
        dated=find_date(document),
        object=obj,
        refers_to_call=refers,
        amounts=amounts,
        signatory=signatory,
        signature=signature,
        scanned=document.is_scanned,
        facts=(),
        ocr=min(read) if read else None,
        seat=_seat(lines),
        siren=find_siren(document),
        registration=registration(document),
        rna=find_rna(document),
    )
    return _with_facts(parsed)


# The letterhead ends at the addressee, the object or the date: the Région's own address
# (« 59555 Lille Cedex ») is below it.
_LETTERHEAD_END = re.compile(
    r"^(?:monsieur|madame|a l attention|objet)\b|\b(?:conseil regional|president|le \d{1,2})\b"
)


def _seat(lines: list[tuple[int | None, str]]) -> Place | None:
    """The commune of the letterhead's address: a postcode and a town of the region."""
    head: list[tuple[int | None, str]] = []
    for page, line in lines[:_HEADER_LINES]:
        if head and _LETTERHEAD_END.search(fold(line)):
            break
        head.append((page, line))
    return next((p for p in places(head) if p.postcode is not None and len(p.communes) == 1), None)


def _with_facts(c: CourrierFacts) -> CourrierFacts:
    facts = []
    if c.dated:
        facts.append(
            Fact("courrier.date", c.dated.value.isoformat(), "inferred", c.file, c.dated.page)
        )
        if c.dated.place:
            facts.append(Fact("courrier.place", c.dated.place, "inferred", c.file, c.dated.page))
    facts += located_facts(
        c.file,
        ("courrier.object", c.object),
        ("courrier.addressee", c.addressee),
        ("structure.siren", c.siren),
        ("structure.rna", c.rna),
    )
    for amount in c.amounts:
        if amount.kind in ("total", "animation", "equipement"):
            name = f"courrier.amount.{amount.kind}" + (
                f".annee_{amount.year}" if amount.year else ""
            )
            facts.append(
                Fact(name, str(amount.value), "inferred", c.file, amount.page, amount.context)
            )
    total = c.total()
    if total is not None:
        facts.append(Fact("courrier.amount_requested", str(total), "inferred", c.file, None))
    facts += located_facts(
        c.file,
        ("signatory.name", c.signatory.name),
        ("signatory.title", c.signatory.title),
        evidence="bloc de signature du courrier",
    )
    facts += signature_facts("courrier", c.file, c.signature)
    return CourrierFacts(**{**c.__dict__, "facts": tuple(facts)})
