"""The structure's SIREN as its papers print it: « SIRET : 853 214 770 00018 » in a
letterhead or a footer, « N° SIREN 200 069 680 » on an attestation.

A platform's form declares the SIRET the applicant typed (Démarches Simplifiées fetches the
company's record from it); the pieces that print one let the instructor see that they are the
same structure's. Only a number the page labels as a SIRET or SIREN and whose check digit
holds (Luhn, as INSEE computes it) is taken: an IBAN's or a phone number's digits, or digits
that OCR misread, are not a SIREN.
"""

from __future__ import annotations

import re

from stdnum.fr import siren, siret

from dossierkit.pieces.common import Located
from dossierkit.reading.model import Document

# The label, then the number: 14 digits (SIRET) or 9 (SIREN), grouped by spaces or dots as
# people type them (« 853 214 770 00018 », « 853.214.770.00018 »).
_LABELLED = re.compile(
    r"\b(?:n[°o]\s*)?sire[nt]\b\s*(?:n[°o]\s*)?[:.]?\s*"
    r"(?P<number>\d(?:[ .\u00a0\u202f]?\d){8}(?:[ .\u00a0\u202f]?\d){0,5})",
    re.IGNORECASE,
)


def _siren_of(number: str) -> str | None:
    """The SIREN of a SIRET or SIREN as typed, when its check digits hold."""
    digits = re.sub(r"\D", "", number)
    if len(digits) == 14 and siret.is_valid(digits):
        return digits[:9]
    if len(digits) >= 9 and siren.is_valid(digits[:9]):
        return digits[:9]
    return None


# A SIRET as printed (14 digits, grouped as people type them), or an association's RNA number
# (W and 9 digits): what a register keeps to tell a structure, checked or not.
_SIRET = re.compile(r"(?i)\bSIRE[TN]\s*(?:n[°o]\s*)?:?\s*((?:\d\s?){13}\d)\b")


def registration(document: Document) -> str | None:
    """The SIRET ``document`` prints (digits only), else its RNA number: the number an
    instructor's register keeps for the structure, as printed (a typo in it is kept, to be
    seen)."""
    text = document.text
    if match := _SIRET.search(text):
        return re.sub(r"\s", "", match.group(1))
    match = _RNA_NUMBER.search(text)
    return match.group(1) if match else None


def find_siren(document: Document) -> Located | None:
    """The first SIREN a line of ``document`` labels (from its SIRET or as such), with its page;
    None when no labelled number holds its check digits."""
    for page, line in document.lines():
        for match in _LABELLED.finditer(line):
            found = _siren_of(match.group("number"))
            if found is not None:
                return Located(found, page)
    return None


# An association's number in the Répertoire national des associations: W and nine digits.
_RNA_NUMBER = re.compile(r"\b(W\d{9})\b")


def find_rna(document: Document) -> Located | None:
    """The first RNA number a line of ``document`` prints (« RNA W623001234 »), with its page."""
    for page, line in document.lines():
        if match := _RNA_NUMBER.search(line):
            return Located(match.group(1), page)
    return None
