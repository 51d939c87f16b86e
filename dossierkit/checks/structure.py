"""Checks on who applies: a structure the dossier identifies, in Hauts-de-France."""

from __future__ import annotations

from collections.abc import Iterator

from dossierkit.checks.base import Check
from dossierkit.dossier import Dossier
from dossierkit.epci import Epci, all_epci
from dossierkit.fact import Fact
from dossierkit.findings import Finding, Severity
from dossierkit.text import designate


def applicant_fact(dossier: Dossier) -> Fact | None:
    """The fact that names the association applying (declared in dossier.yaml, else inferred
    from the weight of the pieces, see ``applicant.py``); None when the applicant is unknown or
    not an association (an intercommunalité may join the statuts or minutes of the
    association it designates)."""
    if dossier.fact("structure.kind") not in ("association", None):
        return None
    for origin in ("declared", "inferred"):
        for fact in dossier.facts:
            if fact.name == "structure.name" and fact.origin == origin:
                return fact
    return None


class ApplicantUnknown(Check):
    """La structure qui demande l'aide n'a pas été identifiée.

    L'appel s'adresse aux intercommunalités et aux structures qu'elles désignent ; le courrier
    doit donc dire qui demande. dossierkit lit l'en-tête du courrier, puis ce sur quoi les
    autres pièces s'accordent (attestation, délégation, structure porteuse du dossier
    technique, titre des statuts).
    Correction : faites figurer le nom de la structure en en-tête du courrier, ou indiquez-le
    dans ``dossier.yaml`` (``structure: {nom: …, type: …}``).
    """

    code = "S001"
    name = "structure-non-identifiee"
    severity = Severity.WARNING
    message = {
        "fr": "La structure qui demande l'aide n'a pas été identifiée : faites figurer son nom en en-tête du courrier ou indiquez-le dans dossier.yaml.",
        "en": "The applying structure was not identified: put its name at the top of the letter or state it in dossier.yaml.",
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        if dossier.files and dossier.fact("structure.kind") is None:
            yield self.finding()


class EpciUnknown(Check):
    """Aucune intercommunalité des Hauts-de-France n'est citée.

    Le portage doit être assuré à l'échelle intercommunale, et la Région n'accorde qu'une aide
    par intercommunalité : l'instructeur doit savoir laquelle. Les noms sont comparés à la
    liste officielle des EPCI (INSEE), en toutes lettres ou abrégés (« CC du Ternois »,
    « communauté de communes du Cœur de l'Avesnois »). Quand l'en-tête du courrier donne une
    adresse de la région, le constat nomme l'intercommunalité de sa commune, sans la
    retenir : une structure peut être désignée par une autre intercommunalité que celle de
    son siège. Correction : nommez l'intercommunalité dans le courrier et le dossier
    technique, ou indiquez-la dans ``dossier.yaml``.
    """

    code = "S002"
    name = "intercommunalite-non-identifiee"
    severity = Severity.WARNING
    message = {
        "fr": "Aucune intercommunalité des Hauts-de-France n'a été trouvée dans le dossier{seat} : nommez-la dans le courrier ou dans dossier.yaml.",
        "en": "No Hauts-de-France intercommunality was found in the dossier{seat_en}: name it in the letter or in dossier.yaml.",
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        if not dossier.files or dossier.fact("intercommunalite.name") is not None:
            return
        courrier = dossier.parsed.courrier
        seat = courrier.seat if courrier is not None else None
        found = _epci_of(seat.communes[0].epci_siren) if seat is not None else None
        if seat is None or found is None:
            yield self.finding(seat="", seat_en="")
            return
        commune = seat.communes[0].name
        designated = designate(found.full_name, "intercommunalite").definite
        yield self.finding(
            file=courrier.file if courrier is not None else None,
            page=seat.page,
            seat=(
                f" (l'adresse en en-tête du courrier, {seat.postcode} {commune}, est dans "
                f"{designated} : est-ce elle ?)"
            ),
            seat_en=(
                f" (the letterhead's address, {seat.postcode} {commune}, is in the "
                f"{found.full_name}: is it that one?)"
            ),
        )


def _epci_of(siren: str) -> Epci | None:
    return next((e for e in all_epci() if e.siren == siren), None)


class EpciNotInRegion(Check):
    """L'intercommunalité déclarée n'est pas un EPCI des Hauts-de-France.

    Le dispositif ne finance que des territoires intercommunaux de la région (« Pour le
    développement d'un réseau régional de tiers-lieux du numérique dans les territoires
    intercommunaux des Hauts-de-France »). Avertissement et non erreur : un nom absent de la
    liste des EPCI est aussi souvent un nom mal écrit qu'une intercommunalité d'une autre
    région, et les fichiers ne disent pas laquelle. Correction : écrivez le nom officiel de
    l'intercommunalité (ou son numéro SIREN) dans ``dossier.yaml``.
    """

    code = "S003"
    name = "intercommunalite-hors-region"
    severity = Severity.WARNING
    message = {
        "fr": "« {name} » n'est pas une intercommunalité des Hauts-de-France connue : écrivez son nom officiel ou son SIREN.",
        "en": '"{name}" is not a known Hauts-de-France intercommunality: write its official name or SIREN.',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        from dossierkit.epci import lookup

        for fact in dossier.facts:
            if (
                fact.name == "intercommunalite.name"
                and fact.origin == "declared"
                and lookup(str(fact.value)) is None
            ):
                yield self.finding(file=fact.file, name=str(fact.value))
