"""Checks on the courrier de demande: addressed, dated, about this call, stating an amount."""

from __future__ import annotations

from collections.abc import Iterator

from dossierkit.call import Addressee
from dossierkit.checks.base import Check, doubt
from dossierkit.checks.clock import judged_on_reception, reference_date
from dossierkit.dates import long_date
from dossierkit.dossier import Dossier
from dossierkit.findings import Finding, Severity
from dossierkit.pieces.courrier import CourrierFacts
from dossierkit.text import fold


def _courrier(dossier: Dossier) -> CourrierFacts | None:
    """The parsed letter, when it could be read as text (a scan waits for OCR)."""
    courrier: CourrierFacts | None = dossier.parsed.courrier
    return None if courrier is None or courrier.scanned else courrier


class WrongAddressee(Check):
    """Le courrier n'est pas adressé au destinataire que l'appel désigne.

    L'appel précise que le dossier « est à envoyer à Monsieur […], Président du Conseil
    régional des Hauts-de-France » (le destinataire, son adresse et les mots qui le
    reconnaissent sont ceux du fichier d'appel, ``addressee``). Un courrier adressé ailleurs
    est souvent celui d'une autre demande. Avertissement : l'en-tête peut nommer le
    destinataire d'une façon que dossierkit ne reconnaît pas. Correction : adressez le
    courrier à « Monsieur le Président du Conseil régional des Hauts-de-France, 151 boulevard
    Hoover, 59555 Lille Cedex ».
    """

    code = "C001"
    name = "courrier-destinataire"
    severity = Severity.WARNING
    message = {
        "fr": "« {file_name} » n'est pas adressé {to} : adressez-le à « {address} ».",
        "en": '"{file_name}" is not addressed {to}: address it to "{address}".',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        courrier = _courrier(dossier)
        addressee = dossier.call.addressee
        if courrier is None or addressee is None or _addressed(courrier, addressee):
            return
        yield self.finding(
            piece="courrier",
            file=courrier.file,
            page=1,
            file_name=courrier.file,
            to=addressee.to["fr"],
            to_en=addressee.to["en"],
            address=addressee.value,
        )


def _addressed(courrier: CourrierFacts, addressee: Addressee) -> bool:
    """Whether the letter's addressee (the header's line that names a body or its président,
    with the next one) matches every pattern of the call's addressee; a call that gives no
    pattern says nothing against any letter."""
    if not addressee.patterns:
        return True
    if courrier.addressee is None:
        return False
    text = fold(courrier.addressee.value)
    return all(pattern.search(text) for pattern in addressee.patterns)


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
    antérieure, et que le plan d'action ne commence pas avant la demande. L'appel demande
    « un courrier de demande à la signature du responsable légal » sans exiger qu'il soit
    daté : c'est un avertissement, pas une erreur. Correction : datez le courrier au-dessus de
    l'objet ou avant la signature.
    """

    code = "C003"
    name = "courrier-non-date"
    severity = Severity.WARNING
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

    La demande officielle dit d'ordinaire ce que la structure sollicite : l'aide à
    l'animation (par année) et l'aide à l'équipement, et leur total. L'appel ne l'exige pas
    (« un courrier de demande à la signature du responsable légal » ; les montants sont ceux
    du budget) : c'est un avertissement, pas une erreur. Un montant écrit en lettres, comme
    sur un chèque (« soixante-quatre mille euros »), est lu comme un montant en chiffres.
    Correction : écrivez les montants demandés en euros dans le courrier (« une aide à
    l'animation de 45 000 € pour 2027… »).
    """

    code = "C004"
    name = "courrier-sans-montant"
    severity = Severity.WARNING
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
    """Le nom du signataire du courrier n'a pas été trouvé, ou pas lu avec certitude.

    Le courrier doit être signé par le responsable légal (ou par une personne qui a reçu
    délégation) : son nom et sa qualité figurent sous la signature. Sur un courrier imprimé,
    signé à la main puis numérisé, la signature passe souvent sur le nom tapé, que la
    reconnaissance de caractères lit alors mal ou pas du tout : dossierkit ne devine pas ce
    nom (un trait d'encre pris pour un nom ferait réclamer une délégation à une présidente
    qui signe elle-même) et demande à une personne de le lire. Correction : sur un document
    né numérique, ajoutez sous la signature la qualité (« Le Président, ») et le nom du
    signataire ; sur un document numérisé, rien à corriger si le nom se lit à l'œil.
    """

    code = "C005"
    name = "signataire-inconnu"
    severity = Severity.WARNING
    message = {
        "fr": "« {file_name} » : {problem}",
        "en": '"{file_name}": {problem}',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        courrier = _courrier(dossier)
        if courrier is None or courrier.signatory.name is not None:
            return
        if courrier.ocr is None:
            yield self.finding(
                piece="courrier",
                file=courrier.file,
                file_name=courrier.file,
                problem="le nom du signataire n'a pas été trouvé sous la formule de politesse ; "
                "ajoutez sa qualité et son nom sous la signature.",
                problem_en="the signatory's name was not found below the closing formula; add "
                "their title and name below the signature.",
            )
            return
        signatory = courrier.signatory
        located = signatory.unsure or signatory.title
        page = located.page if located is not None else courrier.signature.page
        title = f" (« {signatory.title.value} »)" if signatory.title else ""
        title_en = f' ("{signatory.title.value}")' if signatory.title else ""
        read = f" (lu : « {signatory.unsure.value} »)" if signatory.unsure else ""
        read_en = f' (read: "{signatory.unsure.value}")' if signatory.unsure else ""
        yield self.finding(
            piece="courrier",
            file=courrier.file,
            page=page,
            file_name=courrier.file,
            problem=f"le nom du signataire{title} n'a pas pu être lu avec certitude sur le "
            f"document numérisé{read} ; vérifiez-le à l'œil page {page or 1}, sous la "
            "signature.",
            problem_en=f"the signatory's name{title_en} could not be read with certainty on "
            f"the scanned document{read_en}; check it by eye on page {page or 1}, below the "
            "signature.",
        )


class DatedInTheFuture(Check):
    """Le courrier est daté d'un jour qui n'est pas encore arrivé.

    Une demande officielle est datée du jour où elle est signée : une date à venir est le
    plus souvent une faute de frappe (l'année suivante, le jour et le mois inversés) ou un
    courrier préparé d'avance, et c'est cette date qui permet de vérifier qu'une délégation
    de signature lui est antérieure. Correction : datez le courrier du jour de sa signature.
    """

    code = "C006"
    name = "courrier-date-future"
    severity = Severity.WARNING
    message = {
        "fr": "« {file_name} » est daté du {letter_date}, postérieur au {today}, {judged_day} : datez le courrier du jour de sa signature (faute de frappe dans l'année ?).",
        "en": '"{file_name}" is dated {letter_date}, after {today}, {judged_day}: date the letter on the day it is signed (a typo in the year?).',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        courrier = _courrier(dossier)
        now = reference_date()
        if courrier is None or courrier.dated is None or courrier.dated.value <= now:
            return
        yield self.finding(
            piece="courrier",
            file=courrier.file,
            page=courrier.dated.page,
            file_name=courrier.file,
            letter_date=long_date(courrier.dated.value),
            letter_date_en=long_date(courrier.dated.value, "en"),
            today=long_date(now),
            today_en=long_date(now, "en"),
            judged_day="date de réception du dossier"
            if judged_on_reception()
            else "date de la vérification",
            judged_day_en="the day the dossier was received"
            if judged_on_reception()
            else "the date of the check",
            doubtful=doubt(courrier.ocr or (None, None)),
        )
