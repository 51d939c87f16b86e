"""Checks on the délégation de signature: from whom, to whom, for what, and when."""

from __future__ import annotations

from collections.abc import Iterator

from dossierkit.checks.base import Check
from dossierkit.dossier import Dossier
from dossierkit.findings import Finding, Severity
from dossierkit.names import near_person
from dossierkit.pieces.courrier import CourrierFacts
from dossierkit.pieces.delegation import DelegationFacts
from dossierkit.text import same_person


def _pair(dossier: Dossier) -> tuple[DelegationFacts | None, CourrierFacts | None]:
    """The parsed délégation and courrier, each only when read as text (scans wait for OCR)."""
    delegation: DelegationFacts | None = dossier.parsed.delegation
    courrier: CourrierFacts | None = dossier.parsed.courrier
    return (
        None if delegation is None or delegation.scanned else delegation,
        None if courrier is None or courrier.scanned else courrier,
    )


class DelegateIsNotSignatory(Check):
    """La délégation ne désigne pas la personne qui signe le courrier.

    Une délégation de signature ne vaut que pour la personne qu'elle nomme. Si le courrier est
    signé par quelqu'un d'autre, il n'est pas valablement signé. Deux noms qui ne diffèrent
    que d'une lettre ou d'un mot coupé (une lecture de document numérisé) ne font qu'un
    avertissement, qui montre les deux écritures. Correction : joignez la délégation donnée
    au signataire du courrier, ou faites signer le courrier par le délégataire ou par le
    responsable légal. C'est une erreur : l'appel demande un courrier « à la signature du
    responsable légal » ou, à défaut, « une délégation de signature » ; la délégation d'un
    président d'intercommunalité se fait par arrêté, à une personne nommée (CGCT, art.
    L5211-9 ; pour un maire, art. L2122-18).
    """

    code = "L001"
    name = "delegataire-different"
    severity = Severity.ERROR
    message = {
        "fr": "La délégation « {file_name} » est donnée à {delegate}, mais le courrier « {courrier} » est signé par {signatory} : {advice}",
        "en": 'The delegation "{file_name}" is given to {delegate}, but the letter "{courrier}" is signed by {signatory}: {advice}',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        delegation, courrier = _pair(dossier)
        if delegation is None or courrier is None or delegation.delegate is None:
            return
        signatory = courrier.signatory.name
        if signatory is None or same_person(delegation.delegate.value, signatory.value):
            return
        near = near_person(delegation.delegate.value, signatory.value)
        advice = _advice(
            near, "joignez la délégation du signataire.", "attach the signatory's delegation."
        )
        yield self.finding(
            piece="delegation",
            file=delegation.file,
            page=delegation.delegate.page,
            severity=Severity.WARNING if near else None,
            file_name=delegation.file,
            delegate=delegation.delegate.value,
            courrier=courrier.file,
            signatory=signatory.value,
            advice=advice[0],
            advice_en=advice[1],
        )


def _advice(near: bool, fr: str, en: str) -> tuple[str, str]:
    """What to do: ``fr`` and ``en``, or, for two names that differ by a letter or a split
    word, to check that they are one person's."""
    if near:
        return (
            "les deux noms ne diffèrent que d'une lettre ou d'un mot coupé ; vérifiez qu'il "
            "s'agit de la même personne.",
            "the two names differ only by a letter or a split word; check that they are the "
            "same person.",
        )
    return fr, en


class DelegatorNotLegalRepresentative(Check):
    """La délégation n'est pas donnée par le responsable légal.

    Seul le responsable légal (président de l'intercommunalité ou de l'association) peut
    déléguer sa signature. Deux noms qui ne diffèrent que d'une lettre ou d'un mot coupé ne
    font qu'un avertissement, qui montre les deux écritures. Correction : joignez la
    délégation signée par le responsable légal. C'est une erreur : le président d'une
    intercommunalité est seul à pouvoir déléguer sa signature (CGCT, art. L5211-9), celui
    d'une association dans les limites de ses statuts.
    """

    code = "L002"
    name = "delegant-non-habilite"
    severity = Severity.ERROR
    message = {
        "fr": "La délégation « {file_name} » est donnée par {delegator}, qui n'est pas le responsable légal ({legal}) : {advice}",
        "en": 'The delegation "{file_name}" is given by {delegator}, who is not the legal representative ({legal}): {advice}',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        delegation, _ = _pair(dossier)
        legal = dossier.fact("legal_representative.name")
        if delegation is None or delegation.delegator is None or legal is None:
            return
        if same_person(delegation.delegator.value, str(legal)):
            return
        near = near_person(delegation.delegator.value, str(legal))
        advice = _advice(
            near,
            "joignez une délégation signée par le responsable légal.",
            "attach a delegation signed by the legal representative.",
        )
        yield self.finding(
            piece="delegation",
            file=delegation.file,
            page=delegation.delegator.page,
            severity=Severity.WARNING if near else None,
            file_name=delegation.file,
            delegator=delegation.delegator.value,
            legal=str(legal),
            advice=advice[0],
            advice_en=advice[1],
        )


class DelegationScope(Check):
    """La délégation ne couvre pas cette demande.

    Une délégation ne vaut que pour ce qu'elle énumère. L'appel demande « un courrier de
    demande à la signature du responsable légal » et, quand un autre le signe, « une
    délégation de signature, le cas échéant » : une délégation donnée pour d'autres domaines
    n'en est pas une pour ce courrier. C'est une erreur quand l'acte énumère ses domaines
    (« dans les domaines de la voirie, des travaux et de l'assainissement ») et qu'aucun ne
    peut porter cette demande, les demandes de subvention qu'il délègue étant celles de ces
    domaines (« … et les conventions s'y rapportant »). Couvrent la demande : les demandes
    de subvention déléguées pour elles-mêmes, le numérique, les tiers-lieux, l'innovation, le
    développement économique, l'attractivité, les finances, le budget, l'administration
    générale, « tous actes » ou « l'ensemble des affaires ». Quand la délégation ne dit
    clairement ni l'un ni l'autre (aucun domaine énuméré, ou un domaine comme la culture ou
    l'aménagement du territoire), ou quand le responsable légal signe lui-même le courrier,
    ce n'est qu'un avertissement : une personne en juge.
    Correction : joignez l'acte qui délègue la signature des demandes de subvention (ou du
    numérique, ou de ce projet), ou faites signer le courrier par le responsable légal.
    """

    code = "L003"
    name = "delegation-hors-champ"
    severity = Severity.ERROR
    message = {
        "fr": "La délégation « {file_name} » {problem}",
        "en": 'The delegation "{file_name}" {problem}',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        delegation, _ = _pair(dossier)
        if delegation is None or delegation.scope.covers:
            return
        scope = delegation.scope
        # A letter the responsable légal signs needs no délégation: one for other domains
        # joined to it is then only to be looked at.
        needed = dossier.fact("signatory.is_legal_representative") is not True
        if scope.outside:
            listed = " ; ".join(f"« {text} »" for text in scope.listed)
            listed_en = "; ".join(f'"{text}"' for text in scope.listed)
            yield self.finding(
                piece="delegation",
                file=delegation.file,
                page=scope.page,
                severity=None if needed else Severity.WARNING,
                evidence=" ; ".join(scope.listed),
                file_name=delegation.file,
                problem=(
                    f"ne délègue la signature que {listed} : aucun de ces domaines ne couvre "
                    "une demande de subvention pour un tiers-lieu numérique. L'appel demande un "
                    "courrier « à la signature du responsable légal » ou, à défaut, « une "
                    "délégation de signature » pour ce courrier : joignez l'acte qui délègue "
                    "la signature des demandes de subvention (ou du numérique, ou de ce "
                    "projet), ou faites signer le courrier par le responsable légal."
                ),
                problem_en=(
                    f"delegates signature only {listed_en}: none of these fields covers a "
                    "subsidy request for a digital third place. The call asks for a letter "
                    '"signed by the legal representative" or else "a delegation of '
                    'signature" for that letter: attach the act that delegates the signing '
                    "of subsidy requests (or of digital matters, or of this project), or have "
                    "the letter signed by the legal representative."
                ),
            )
            return
        yield self.finding(
            piece="delegation",
            file=delegation.file,
            severity=Severity.WARNING,
            file_name=delegation.file,
            problem=(
                "ne mentionne ni les demandes de subvention ni ce projet : vérifiez qu'elle "
                "couvre bien cette demande."
            ),
            problem_en="mentions neither subsidy requests nor this project: check that it "
            "covers this request.",
        )


class DelegationAfterLetter(Check):
    """La délégation est postérieure au courrier qu'elle doit couvrir.

    Une délégation doit exister avant l'acte qu'elle couvre : à la date du courrier, son
    signataire n'avait pas encore reçu délégation. Correction : joignez la délégation en
    vigueur à la date du courrier, ou redatez et signez de nouveau le courrier. C'est une
    erreur : un arrêté de délégation (CGCT, art. L5211-9) ne vaut que pour les actes signés
    après lui.
    """

    code = "L004"
    name = "delegation-posterieure"
    severity = Severity.ERROR
    message = {
        "fr": "La délégation « {file_name} » est datée du {delegation_date}, après le courrier ({letter_date}) : joignez la délégation en vigueur à la date du courrier.",
        "en": 'The delegation "{file_name}" is dated {delegation_date}, after the letter ({letter_date}): attach the delegation in force on the letter\'s date.',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        delegation, courrier = _pair(dossier)
        if (
            delegation is None
            or courrier is None
            or delegation.dated is None
            or courrier.dated is None
        ):
            return
        if delegation.dated.value > courrier.dated.value:
            yield self.finding(
                piece="delegation",
                file=delegation.file,
                page=delegation.dated.page,
                file_name=delegation.file,
                delegation_date=delegation.dated.value.strftime("%d/%m/%Y"),
                letter_date=courrier.dated.value.strftime("%d/%m/%Y"),
            )


class DelegationUndated(Check):
    """La délégation n'est pas datée.

    Sans date, on ne peut pas savoir si elle était en vigueur quand le courrier a été signé.
    Correction : joignez l'acte daté (arrêté, décision du bureau…).
    """

    code = "L005"
    name = "delegation-non-datee"
    severity = Severity.WARNING
    message = {
        "fr": "La délégation « {file_name} » n'est pas datée : joignez l'acte daté.",
        "en": 'The delegation "{file_name}" is not dated: attach the dated act.',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        delegation, _ = _pair(dossier)
        if delegation is not None and delegation.dated is None:
            yield self.finding(piece="delegation", file=delegation.file, file_name=delegation.file)
