"""Checks on signatures: the courrier, the délégation and the attestation must be signed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from dossierkit.checks.base import Check
from dossierkit.dates import long_date
from dossierkit.dossier import Dossier
from dossierkit.findings import Finding, Severity
from dossierkit.pieces.common import SignedPiece

# The pieces that carry a signature, and how much a missing one weighs.
SIGNED_PIECES = {
    "courrier": Severity.ERROR,
    "delegation": Severity.ERROR,
    "attestation_tva": Severity.WARNING,
}


def _signed(dossier: Dossier) -> Iterator[tuple[str, SignedPiece]]:
    signed = dossier.parsed.signed()
    for kind in SIGNED_PIECES:
        if kind in signed:
            yield kind, signed[kind]


class NotSigned(Check):
    """Une pièce née numérique n'est pas signée.

    Le courrier doit être « à la signature du responsable légal » ; une délégation ou une
    attestation non signée n'engage personne. dossierkit cherche une signature électronique
    (PAdES), ou une image de signature dans le bloc de signature (PDF exporté de Word, DOCX).
    Correction : signez le document (signature électronique, ou image de votre signature
    collée au-dessus de votre nom avant l'export en PDF), ou imprimez-le, signez-le et
    numérisez-le.
    """

    code = "G001"
    name = "piece-non-signee"
    severity = Severity.ERROR
    message = {
        "fr": "{label} : « {file_name} » n'est pas signé (ni signature électronique, ni image de signature{where}) : signez-le puis joignez la version signée.",
        "en": '{label}: "{file_name}" is not signed (no digital signature, no signature image{where_en}): sign it and attach the signed version.',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        for kind, parsed in _signed(dossier):
            evidence = parsed.signature
            if evidence.kind == "none":
                page = evidence.page
                yield self.finding(
                    piece=kind,
                    file=parsed.file,
                    page=page,
                    severity=SIGNED_PIECES[kind],
                    file_name=parsed.file,
                    where=f" dans le bloc de signature, p. {page}" if page else "",
                    where_en=f" in the signature block, p. {page}" if page else "",
                )


class SignatureToCheck(Check):
    """La signature d'une pièce numérisée doit être vérifiée par une personne.

    Sur un document imprimé, signé à la main puis numérisé, dossierkit cherche l'encre d'une
    signature dans le bloc de signature de la page lue par reconnaissance de caractères ;
    quand il n'en voit pas nettement, ou que la page n'a pas pu être lue, la présence d'une
    signature manuscrite ne peut pas être établie automatiquement. Rien à corriger si le
    document est bien signé ; sinon, signez-le et numérisez-le de nouveau.
    """

    code = "G002"
    name = "signature-a-verifier"
    severity = Severity.WARNING
    message = {
        "fr": "{label} : « {file_name} » est numérisé ; vérifiez à l'œil que la signature manuscrite figure bien page {page_number}.",
        "en": '{label}: "{file_name}" is scanned; check by eye that the handwritten signature is on page {page_number}.',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        for kind, parsed in _signed(dossier):
            evidence = parsed.signature
            if evidence.kind == "scan":
                yield self.finding(
                    piece=kind,
                    file=parsed.file,
                    page=evidence.page,
                    file_name=parsed.file,
                    page_number=str(evidence.page),
                )


class AlteredDigitalSignature(Check):
    """Le document a été modifié après sa signature électronique.

    Une signature électronique (PAdES) garantit que le document n'a pas changé depuis qu'il a
    été signé. Ici, les octets signés ne correspondent plus, ou des modifications ont été
    ajoutées ensuite : la signature ne vaut plus pour le contenu actuel. Correction : joignez
    le fichier tel qu'il est sorti du parapheur électronique, sans le réenregistrer ni le
    fusionner avec d'autres PDF. C'est une erreur : le Code civil (art. 1367) ne reconnaît la
    signature électronique que par « un procédé fiable d'identification garantissant son lien
    avec l'acte auquel elle s'attache », lien qu'une modification après signature rompt.
    """

    code = "G003"
    name = "signature-electronique-alteree"
    severity = Severity.ERROR
    message = {
        "fr": "{label} : « {file_name} » a été modifié après sa signature électronique ({signer}) ; joignez le fichier signé d'origine, sans le réenregistrer.",
        "en": '{label}: "{file_name}" was changed after its digital signature ({signer}); attach the original signed file without saving it again.',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        for kind, parsed in _signed(dossier):
            digital = parsed.signature.digital
            if digital is not None and (digital.modified_after_signing or digital.error):
                yield self.finding(
                    piece=kind,
                    file=parsed.file,
                    file_name=parsed.file,
                    signer=digital.signer or "?",
                    evidence=digital.error,
                )


class DigitalSignature(Check):
    """La pièce porte une signature électronique intacte.

    Le document n'a pas changé depuis sa signature et le certificat nomme le signataire.
    Que ce certificat soit reconnu (listes de confiance européennes) ne peut pas être vérifié
    hors ligne : l'instructeur le vérifie avec son outil de validation s'il le souhaite.
    """

    code = "G004"
    name = "signature-electronique"
    severity = Severity.INFO
    message = {
        "fr": "{label} : « {file_name} » porte une signature électronique intacte de « {signer} »{when} ; la confiance dans le certificat n'a pas été vérifiée (hors ligne).",
        "en": '{label}: "{file_name}" carries an intact digital signature by "{signer}"{when_en}; trust in the certificate was not checked (offline).',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        for kind, parsed in _signed(dossier):
            digital = parsed.signature.digital
            if digital is not None and not digital.modified_after_signing and not digital.error:
                signed_on = date.fromisoformat(digital.signed_at) if digital.signed_at else None
                yield self.finding(
                    piece=kind,
                    file=parsed.file,
                    file_name=parsed.file,
                    signer=digital.signer,
                    when=f", le {long_date(signed_on)}" if signed_on else "",
                    when_en=f", on {long_date(signed_on, 'en')}" if signed_on else "",
                )
