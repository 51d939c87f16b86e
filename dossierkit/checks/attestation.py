"""Checks on the attestation of VAT regime."""

from __future__ import annotations

from collections.abc import Iterator

from dossierkit.checks.base import Check
from dossierkit.dossier import Dossier
from dossierkit.findings import Finding, Severity
from dossierkit.pieces.attestation import AttestationFacts


class VatRegimeUnstated(Check):
    """L'attestation ne dit pas si la structure récupère la TVA.

    L'appel demande « un document attestant du régime fiscal du bénéficiaire (récupération ou
    non de la TVA) » : c'est ce qui dit si l'aide se calcule sur des montants HT ou TTC.
    Correction : l'attestation doit dire, par exemple, « atteste que l'association n'est pas
    assujettie à la TVA et ne la récupère pas », ou « récupère la TVA », ou « bénéficie du
    FCTVA sur ses dépenses d'investissement ».
    """

    code = "A001"
    name = "regime-tva-non-indique"
    severity = Severity.ERROR
    message = {
        "fr": "« {file_name} » ne dit pas si la structure récupère la TVA : écrivez « récupère la TVA », « ne récupère pas la TVA » ou « bénéficie du FCTVA sur l'investissement ».",
        "en": '"{file_name}" does not say whether the structure recovers VAT: write that it recovers VAT, does not, or is compensated (FCTVA) on investment.',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        attestation: AttestationFacts | None = dossier.parsed.attestation_tva
        if attestation is not None and not attestation.scanned and attestation.regime is None:
            yield self.finding(
                piece="attestation_tva", file=attestation.file, file_name=attestation.file
            )
