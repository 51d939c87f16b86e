"""Checks on the courrier de demande: addressed, dated, about this call, stating an amount."""

from __future__ import annotations

from collections.abc import Iterator

from dossierkit.checks.base import Check, doubt
from dossierkit.dossier import Dossier
from dossierkit.findings import Finding, Severity
from dossierkit.pieces.courrier import CourrierFacts


def _courrier(dossier: Dossier) -> CourrierFacts | None:
    """The parsed letter, when it could be read as text (a scan waits for OCR)."""
    courrier: CourrierFacts | None = dossier.parsed.courrier
    return None if courrier is None or courrier.scanned else courrier


class WrongAddressee(Check):
    """Le courrier n'est pas adressé au Président du Conseil régional des Hauts-de-France.

    L'appel précise que le dossier « est à envoyer à Monsieur […], Président du Conseil
    régional des Hauts-de-France ». Un courrier adressé ailleurs est souvent celui d'une autre
    demande. Correction : adressez le courrier à « Monsieur le Président du Conseil régional des
    Hauts-de-France, 151 boulevard Hoover, 59555 Lille Cedex ».
    """

    code = "C001"
    name = "courrier-destinataire"
    severity = Severity.WARNING
    message = {
        "fr": "« {file_name} » n'est pas adressé au Président du Conseil régional des Hauts-de-France : adressez-le à « Monsieur le Président du Conseil régional des Hauts-de-France, 151 boulevard Hoover, 59555 Lille Cedex ».",
        "en": '"{file_name}" is not addressed to the President of the Hauts-de-France Regional Council: address it to "Monsieur le Président du Conseil régional des Hauts-de-France, 151 boulevard Hoover, 59555 Lille Cedex".',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        courrier = _courrier(dossier)
        if courrier is not None and not courrier.addressed_to_region:
            yield self.finding(
                piece="courrier", file=courrier.file, page=1, file_name=courrier.file
            )


class NoReferenceToCall(Check):
    """Le courrier ne mentionne pas l'appel à projets « Tiers-lieux du numérique ».

    La Région instruit plusieurs dispositifs ; l'objet du courrier dit à quel titre l'aide est
    demandée. Correction : indiquez en objet « Demande de subvention — appel à projets
    Tiers-lieux du numérique ».
    """

    code = "C002"
    name = "courrier-sans-reference"
    severity = Severity.WARNING
    message = {
        "fr": "« {file_name} » ne mentionne pas l'appel à projets « Tiers-lieux du numérique » : indiquez-le dans l'objet du courrier.",
        "en": '"{file_name}" does not mention the "Tiers-lieux du numérique" call: state it in the letter\'s subject line.',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        courrier = _courrier(dossier)
        if courrier is not None and not courrier.refers_to_call:
            yield self.finding(piece="courrier", file=courrier.file, file_name=courrier.file)


class Undated(Check):
    """Le courrier n'est pas daté.

    Une demande officielle porte un lieu et une date (« Saint-Omer, le 12 octobre 2026 ») ;
    c'est aussi la date qui permet de vérifier qu'une délégation de signature lui est
    antérieure. Correction : datez le courrier au-dessus de l'objet ou avant la signature.
    """

    code = "C003"
    name = "courrier-non-date"
    severity = Severity.ERROR
    message = {
        "fr": "« {file_name} » n'est pas daté : ajoutez le lieu et la date (« Ville, le 12 octobre 2026 »).",
        "en": '"{file_name}" is not dated: add the place and date ("Ville, le 12 octobre 2026").',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        courrier = _courrier(dossier)
        if courrier is not None and courrier.dated is None:
            yield self.finding(
                piece="courrier",
                file=courrier.file,
                file_name=courrier.file,
                doubtful=doubt(courrier.ocr or (None, None)),
            )


class NoAmount(Check):
    """Le courrier n'indique pas le montant demandé.

    La demande officielle dit ce que la structure sollicite : l'aide à l'animation (par année)
    et l'aide à l'équipement, et leur total. Correction : écrivez les montants demandés en
    euros dans le courrier (« une aide à l'animation de 45 000 € pour 2027… »).
    """

    code = "C004"
    name = "courrier-sans-montant"
    severity = Severity.ERROR
    message = {
        "fr": "« {file_name} » n'indique aucun montant demandé : écrivez en euros l'aide sollicitée (animation par année, équipement, total).",
        "en": '"{file_name}" states no amount requested: write the aid requested in euros (animation per year, equipment, total).',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        courrier = _courrier(dossier)
        if courrier is not None and courrier.total() is None:
            yield self.finding(
                piece="courrier",
                file=courrier.file,
                file_name=courrier.file,
                doubtful=doubt(courrier.ocr or (None, None)),
            )


class SignatoryUnknown(Check):
    """Le nom du signataire du courrier n'a pas été trouvé.

    Le courrier doit être signé par le responsable légal (ou par une personne qui a reçu
    délégation) : son nom et sa qualité figurent sous la signature. Correction : ajoutez sous
    la signature la qualité (« Le Président, ») et le nom du signataire.
    """

    code = "C005"
    name = "signataire-inconnu"
    severity = Severity.WARNING
    message = {
        "fr": "« {file_name} » : le nom du signataire n'a pas été trouvé sous la formule de politesse ; ajoutez sa qualité et son nom sous la signature.",
        "en": '"{file_name}": the signatory\'s name was not found below the closing formula; add their title and name below the signature.',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        courrier = _courrier(dossier)
        if courrier is not None and courrier.signatory.name is None:
            yield self.finding(piece="courrier", file=courrier.file, file_name=courrier.file)
