"""Checks across pieces: the same structure and the same responsable légal everywhere."""

from __future__ import annotations

from collections.abc import Iterator

from dossierkit.checks.base import Check
from dossierkit.dossier import Dossier
from dossierkit.fact import Fact
from dossierkit.findings import Finding, Severity
from dossierkit.pieces.common import Located
from dossierkit.text import same_person, same_structure


def _names(dossier: Dossier) -> list[tuple[str, Located]]:
    """Each piece's naming of the applying structure: (file, name)."""
    found = []
    parsed = dossier.parsed
    for piece in (parsed.courrier, parsed.attestation_tva, parsed.delegation):
        if piece is not None and piece.sender is not None:
            found.append((piece.file, piece.sender))
    statuts = dossier.parsed.statuts
    if statuts is not None and statuts.name is not None:
        found.append((statuts.file, statuts.name))
    return found


class StructureNameDisagrees(Check):
    """Deux pièces ne nomment pas la même structure.

    Le courrier, les statuts, l'attestation et la délégation émanent tous de la structure qui
    demande l'aide. Un autre nom signale une pièce d'une autre demande ou d'une autre
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
        declared = next(
            (f for f in dossier.facts if f.name == "structure.name" and f.origin == "declared"),
            None,
        )
        names = _names(dossier)
        if declared is not None:
            reference = (str(declared.value), f"« {declared.file} »")
        elif names:
            reference = (names[0][1].value, f"« {names[0][0]} »")
            names = names[1:]
        else:
            return
        for file, name in names:
            if not same_structure(reference[0], name.value):
                yield self.finding(
                    file=file,
                    page=name.page,
                    file_name=file,
                    found=name.value,
                    reference=reference[0],
                    reference_source=reference[1],
                )


class LegalRepresentativeDisagrees(Check):
    """Deux pièces ne désignent pas le même responsable légal.

    Le responsable légal signe la demande ou délègue sa signature ; le dossier technique
    (question GOV-1), la délégation et ``dossier.yaml`` doivent le désigner de la même façon.
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
