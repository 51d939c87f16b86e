"""Checks across pieces: the same structure and the same responsable légal everywhere, and\nno minutes of another association."""

from __future__ import annotations

from collections.abc import Iterator

from dossierkit.applicant import agrees
from dossierkit.checks.base import Check
from dossierkit.checks.structure import applicant_fact
from dossierkit.dossier import Dossier
from dossierkit.fact import Fact
from dossierkit.facts import signs_as_president
from dossierkit.findings import Finding, Severity
from dossierkit.names import same_structure
from dossierkit.pieces.common import Located
from dossierkit.text import same_person


def _names(dossier: Dossier) -> list[tuple[str, Located]]:
    """Each signed piece's naming of the applying structure: (file, letterhead line). The
    statuts and the minutes have their own checks (U003, X003)."""
    found = []
    parsed = dossier.parsed
    for piece in (parsed.courrier, parsed.attestation_tva, parsed.delegation):
        if piece is not None and piece.sender is not None:
            found.append((piece.file, piece.sender))
    return found


class StructureNameDisagrees(Check):
    """Deux pièces ne nomment pas la même structure.

    Le courrier, l'attestation et la délégation émanent tous de la structure qui demande
    l'aide : celle que nomment ``dossier.yaml``, sinon le courrier, sinon la plupart des pièces
    (voir ``applicant.py``). Un autre nom signale une pièce d'une autre demande ou d'une autre
    structure (une association sœur, la commune au lieu de l'intercommunalité). Les
    abréviations usuelles (« CC », « ASSO »), la casse et les accents ne comptent pas.
    Correction : joignez la pièce de la bonne structure, ou corrigez le nom.
    """

    code = "X001"
    name = "structure-differente"
    severity = Severity.WARNING
    message = {
        "fr": "« {file_name} » nomme la structure « {found} », mais {reference_source} la nomme « {reference} » : joignez la pièce de la bonne structure ou corrigez le nom.",
        "en": '"{file_name}" names the structure "{found}", but {reference_source} names it "{reference}": attach the right structure\'s piece or correct the name.',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        applicant = next(
            (
                f
                for origin in ("declared", "inferred")
                for f in dossier.facts
                if f.name == "structure.name" and f.origin == origin
            ),
            None,
        )
        if applicant is None:
            return
        reference = str(applicant.value)
        for file, name in _names(dossier):
            if file != applicant.file and not same_structure(reference, name.value):
                yield self.finding(
                    file=file,
                    page=name.page,
                    file_name=file,
                    found=name.value,
                    reference=reference,
                    reference_source=_source(applicant),
                    reference_source_en=_source(applicant, "en"),
                )


def _source(fact: Fact, lang: str = "fr") -> str:
    """Who names ``fact`` inside a sentence: its file (« Statuts.pdf »), or the platform's
    form a declared fact was written from (« le formulaire de Démarches Simplifiées »: a
    dossier read from an export has no dossier.yaml to name)."""
    if fact.origin == "declared" and fact.evidence not in ("", "dossier.yaml"):
        form = fact.evidence.removeprefix("le formulaire de ")
        return f"the form of {form}" if lang == "en" else fact.evidence
    return f'"{fact.file}"' if lang == "en" else f"« {fact.file} »"


class LegalRepresentativeDisagrees(Check):
    """Deux pièces ne désignent pas le même responsable légal.

    Le responsable légal signe la demande ou délègue sa signature ; le dossier technique
    (question GOV-1), la délégation, ``dossier.yaml`` et le procès-verbal qui élit le
    président de l'association doivent le désigner de la même façon (et le président qui
    signe le courrier doit être celui que le procès-verbal a élu).
    Correction : corrigez la pièce qui se trompe, ou joignez la décision qui a changé de
    représentant.
    """

    code = "X002"
    name = "responsable-legal-different"
    severity = Severity.WARNING
    message = {
        "fr": "Responsable légal : « {first} » selon « {first_file} », mais « {second} » selon « {second_file} » ; mettez les pièces en accord.",
        "en": 'Legal representative: "{first}" according to "{first_file}", but "{second}" according to "{second_file}"; make the pieces agree.',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        sources: list[Fact] = [f for f in dossier.facts if f.name == "legal_representative.name"]
        delegation = dossier.parsed.delegation
        if delegation is not None and delegation.delegator is not None:
            sources.append(
                Fact(
                    "legal_representative.name",
                    delegation.delegator.value,
                    "inferred",
                    delegation.file,
                    delegation.delegator.page,
                )
            )
        signatory = dossier.fact("signatory.name")
        courrier = dossier.parsed.courrier
        if (
            any(f.file in {m.file for m in dossier.parsed.minutes} for f in sources)
            and courrier is not None
            and isinstance(signatory, str)
            and signs_as_president(dossier.parsed)
        ):
            # The président(e) who signs names the representative too: compared with the
            # minutes, which may be older than the letter.
            page = courrier.signatory.name.page if courrier.signatory.name else None
            sources.append(
                Fact("legal_representative.name", signatory, "inferred", courrier.file, page)
            )
        if not sources:
            return
        first = sources[0]
        for other in sources[1:]:
            if not same_person(str(first.value), str(other.value)):
                yield self.finding(
                    file=other.file,
                    page=other.page,
                    first=str(first.value),
                    first_file=first.file or "?",
                    second=str(other.value),
                    second_file=other.file or "?",
                )


class MinutesOfAnotherAssociation(Check):
    """Un procès-verbal joint est celui d'une autre association.

    Un procès-verbal d'assemblée ou de conseil, une composition du bureau, prouvent qui
    représente l'association qui demande l'aide (le courrier doit être signé par son
    responsable légal, selon l'appel). Celui d'une autre association ne prouve rien pour
    celle-ci et signale une pièce jointe par erreur : dossierkit ne s'en sert pas pour établir
    le responsable légal. Correction : retirez-le, ou joignez celui de l'association qui
    demande l'aide.
    """

    code = "X003"
    name = "proces-verbal-autre-association"
    severity = Severity.WARNING
    message = {
        "fr": "« {file_name} » est le procès-verbal de « {found} », pas de la structure qui demande l'aide, « {structure} » : il ne prouve pas qui la représente ; retirez-le ou joignez celui de votre association.",
        "en": '"{file_name}" is the minutes of "{found}", not of the applying structure, "{structure}": it does not prove who represents it; remove it or attach your association\'s.',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        applicant = applicant_fact(dossier)
        if applicant is None:
            return
        for minutes in dossier.parsed.minutes:
            if minutes.association is not None and not agrees(
                minutes.association.value, str(applicant.value)
            ):
                yield self.finding(
                    piece="proces_verbal",
                    file=minutes.file,
                    page=minutes.association.page,
                    file_name=minutes.file,
                    found=minutes.association.value,
                    structure=str(applicant.value),
                )
