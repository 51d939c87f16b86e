"""Checks on an association's statuts: the legal basis, who represents it, whose they are."""

from __future__ import annotations

from collections.abc import Iterator

from dossierkit.applicant import agrees
from dossierkit.checks.base import Check
from dossierkit.checks.structure import applicant_fact
from dossierkit.dossier import Dossier
from dossierkit.findings import Finding, Severity
from dossierkit.pieces.statuts import StatutsFacts


def _statuts(dossier: Dossier) -> StatutsFacts | None:
    statuts: StatutsFacts | None = dossier.parsed.statuts
    # A scan has no text yet: its content cannot be checked (see F011).
    return statuts if statuts is not None and not statuts.scanned else None


class NoLegalBasis(Check):
    """Les statuts ne citent pas leur base légale.

    Une association déclarée l'est « conformément à la loi du 1er juillet 1901 » ; en
    Alsace-Moselle, elle est inscrite au tribunal selon le droit local (code civil local,
    articles 21 à 79-III). Sans cette mention, on ne sait pas si le document est bien les
    statuts d'une association déclarée. Correction : joignez les statuts complets, tels que
    déposés en préfecture.
    """

    code = "U001"
    name = "statuts-sans-base-legale"
    severity = Severity.WARNING
    message = {
        "fr": "« {file_name} » ne cite ni la loi du 1er juillet 1901 ni le droit local : joignez les statuts complets, tels que déposés.",
        "en": '"{file_name}" cites neither the law of 1 July 1901 nor local law: attach the complete articles as filed.',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        statuts = _statuts(dossier)
        if statuts is not None and statuts.legal_basis is None:
            yield self.finding(piece="statuts", file=statuts.file, file_name=statuts.file)


class NoRepresentative(Check):
    """Les statuts ne disent pas qui représente l'association.

    C'est ce qui établit qui peut signer la demande (le plus souvent le ou la président·e) et
    s'il peut déléguer sa signature. Correction : joignez les statuts complets ; si l'article
    manque, une délibération du conseil d'administration désignant le représentant peut être
    jointe.
    """

    code = "U002"
    name = "statuts-sans-representant"
    severity = Severity.WARNING
    message = {
        "fr": "« {file_name} » ne dit pas qui représente l'association : joignez les statuts complets ou la décision qui désigne son représentant.",
        "en": '"{file_name}" does not say who represents the association: attach the complete articles or the decision appointing its representative.',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        statuts = _statuts(dossier)
        if statuts is not None and statuts.representative is None:
            yield self.finding(piece="statuts", file=statuts.file, file_name=statuts.file)


class DraftStatuts(Check):
    """Les statuts joints sont un projet, non les statuts adoptés.

    L'appel demande « des statuts du demandeur, dans le cas d'une association » (liste des
    pièces) : ceux qui la régissent, adoptés par son assemblée et déclarés en préfecture. Un
    « projet de statuts » (titre, mention « version provisoire ») ne dit pas ce qui a été
    adopté. Un avertissement : une association en création peut n'avoir que son projet, à
    l'instructeur d'en juger. Correction : joignez les statuts adoptés, datés et signés.
    """

    code = "U004"
    name = "statuts-projet"
    severity = Severity.WARNING
    message = {
        "fr": "« {file_name} » est un projet de statuts (« {draft} ») : joignez les statuts adoptés par l'assemblée générale, datés et signés.",
        "en": '"{file_name}" is a draft of the articles ("{draft}"): attach the articles as adopted by the general meeting, dated and signed.',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        statuts = _statuts(dossier)
        if statuts is not None and statuts.draft is not None:
            yield self.finding(
                piece="statuts",
                file=statuts.file,
                page=statuts.draft.page,
                file_name=statuts.file,
                draft=statuts.draft.value,
            )


class StatutsOfAnotherStructure(Check):
    """Les statuts sont ceux d'une autre association que celle qui demande l'aide.

    L'appel demande « des statuts du demandeur, dans le cas d'une association » (liste des
    pièces, en fin d'appel). La structure qui demande est celle que le courrier nomme (c'est
    la demande), sinon celle sur laquelle les autres pièces s'accordent ; des statuts qui
    portent un autre titre sont ceux d'une autre association : la pièce du demandeur manque,
    et c'est elle qui porte l'erreur, non le RIB ou le courrier qui s'accordent. Des statuts
    numérisés, dont le titre a pu être mal lu, ne donnent qu'un avertissement. Correction :
    joignez les statuts de l'association qui demande l'aide (si elle a changé de nom, avec la
    déclaration du changement de titre).
    """

    code = "U003"
    name = "statuts-autre-structure"
    severity = Severity.ERROR
    message = {
        "fr": "« {file_name} » sont les statuts de « {found} », pas ceux de la structure qui demande l'aide, « {structure} » (selon {reference_source}) : joignez les statuts du demandeur, que l'appel demande à une association.",
        "en": '"{file_name}" are the articles of "{found}", not those of the applying structure, "{structure}" (according to {reference_source}): attach the applicant\'s articles, which the call asks of an association.',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        statuts = dossier.parsed.statuts
        applicant = applicant_fact(dossier)
        if statuts is None or statuts.name is None or applicant is None:
            return
        if agrees(statuts.name.value, str(applicant.value)):
            return
        yield self.finding(
            piece="statuts",
            file=statuts.file,
            page=statuts.name.page,
            severity=Severity.WARNING if statuts.scanned else None,
            file_name=statuts.file,
            found=statuts.name.value,
            structure=str(applicant.value),
            reference_source=f"« {applicant.file} »" if applicant.file else "le dossier",
        )
