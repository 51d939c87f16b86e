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
    technique, titre des statuts). Il y reconnaît une association, une intercommunalité, une
    commune, et les structures qu'une intercommunalité désigne : syndicat mixte (PETR, pôle
    métropolitain, pays), société publique locale, société d'économie mixte, groupement
    d'intérêt public, société coopérative (SCIC, SCOP), établissement public (EPIC, office de
    tourisme). Le type compte : les statuts ne sont demandés que « dans le cas d'une
    association ». Quand le nom est lu mais que la forme de la structure n'est écrite nulle
    part (« Office de tourisme du Ternois », qui peut être un EPIC comme une association), le
    constat le dit.
    Correction : faites figurer le nom et la forme de la structure en en-tête du courrier
    (« Syndicat mixte … », « … – SCIC SAS »), ou indiquez-les dans ``dossier.yaml``
    (``structure: {nom: …, type: …}``).
    """

    code = "S001"
    name = "structure-non-identifiee"
    severity = Severity.WARNING
    message = {
        "fr": "{what} : faites figurer {fix} en en-tête du courrier ou indiquez-{it} dans dossier.yaml.",
        "en": "{what}: put {fix} at the top of the letter or state {it} in dossier.yaml.",
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        if not dossier.files or dossier.fact("structure.kind") is not None:
            return
        name = dossier.fact("structure.name")
        if not isinstance(name, str):
            yield self.finding(
                what="La structure qui demande l'aide n'a pas été identifiée",
                what_en="The applying structure was not identified",
                fix="son nom",
                fix_en="its name",
                it="le",
                it_en="it",
            )
            return
        fact = next(f for f in dossier.facts if f.name == "structure.name" and f.value == name)
        yield self.finding(
            file=fact.file,
            page=fact.page,
            what=(
                f"La structure qui demande l'aide, « {name} », est nommée, mais pas sa forme "
                "(association, syndicat mixte, société coopérative, établissement public…)"
            ),
            what_en=(
                f'The applying structure, "{name}", is named, but not its legal form '
                "(association, joint syndicate, cooperative, public body…)"
            ),
            fix="sa forme",
            fix_en="its legal form",
            it="la",
            it_en="it",
        )


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
