"""Checks on ``dossier.yaml``: valid, pointing at real files, agreeing with the documents."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from dossierkit.checks.base import Check
from dossierkit.discovery import name_key
from dossierkit.dossier import Dossier
from dossierkit.findings import Finding, Severity
from dossierkit.text import fold


class InvalidManifest(Check):
    """Le fichier ``dossier.yaml`` n'est pas valide et a été ignoré.

    Il doit respecter ``schemas/manifest.schema.json`` : des clés connues, des valeurs du bon
    type. Le message indique l'endroit fautif (chemin JSON). Correction : corrigez cet endroit,
    ou supprimez le fichier : il est facultatif. Un avertissement : ce fichier est propre à
    dossierkit, l'appel ne le demande pas, et les pièces sont alors reconnues sans lui.
    """

    code = "D001"
    name = "manifeste-invalide"
    severity = Severity.WARNING
    message = {
        "fr": "« {file_name} » n'est pas valide et a été ignoré : à {where}, {reason}. Corrigez-le ou supprimez-le (il est facultatif).",
        "en": '"{file_name}" is not valid and was ignored: at {where}, {reason}. Fix it or delete it (it is optional).',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        error = dossier.manifest_error
        if error is not None and dossier.manifest_file:
            yield self.finding(
                file=dossier.manifest_file,
                file_name=dossier.manifest_file,
                where=error.where,
                reason=error.reason,
            )


class ManifestMissingFile(Check):
    """``dossier.yaml`` désigne un fichier qui n'est pas dans le dossier.

    La déclaration d'une pièce renvoie à un chemin relatif au dossier. Correction : corrigez le
    nom du fichier dans ``dossier.yaml`` ou ajoutez le fichier. Un avertissement : si la pièce
    manque vraiment, P001 le dit en erreur, avec la phrase de l'appel qui la demande.
    """

    code = "D002"
    name = "manifeste-fichier-absent"
    severity = Severity.WARNING
    message = {
        "fr": "dossier.yaml désigne « {file_name} » comme pièce ({kind}), mais ce fichier n'est pas dans le dossier : corrigez son nom ou ajoutez-le.",
        "en": 'dossier.yaml names "{file_name}" as a piece ({kind}), but that file is not in the folder: fix its name or add it.',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        if dossier.manifest is None:
            return
        present = {name_key(f.rel) for f in dossier.files}
        for kind, paths in dossier.manifest.pieces.items():
            for path in paths:
                if name_key(path) not in present:
                    yield self.finding(
                        piece=kind, file=dossier.manifest_file, file_name=path, kind=kind
                    )


class ManifestContradicted(Check):
    """Ce que déclare ``dossier.yaml`` est contredit par les documents.

    La déclaration l'emporte, mais un écart entre elle et les documents (nom de la structure,
    type, intercommunalité) signale souvent une erreur de saisie ou un document d'une autre
    demande. Correction : mettez en accord la déclaration et les documents.
    """

    code = "D003"
    name = "manifeste-contredit"
    severity = Severity.WARNING
    message = {
        "fr": "{declared_by} déclare {fact} « {declared} », mais « {file_name} » indique « {found} » : mettez-les en accord.",
        "en": '{declared_by} states {fact} "{declared}", but "{file_name}" says "{found}": make them agree.',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        declared = {f.name: f for f in dossier.facts if f.origin == "declared"}
        for fact in dossier.facts:
            if fact.origin != "inferred" or fact.name not in declared:
                continue
            stated = declared[fact.name]
            if _same(stated.value, fact.value):
                continue
            yield self.finding(
                file=fact.file,
                page=fact.page,
                file_name=fact.file or "?",
                declared_by=_declared_by(stated.evidence),
                declared_by_en=_declared_by(stated.evidence, "en"),
                fact=_FACTS.get(fact.name, (fact.name, fact.name))[0],
                fact_en=_FACTS.get(fact.name, (fact.name, fact.name))[1],
                declared=_shown(fact.name, str(stated.value)),
                found=_shown(fact.name, str(fact.value)),
            )


def _declared_by(evidence: str, lang: str = "fr") -> str:
    """Who declared, at the head of a sentence: « dossier.yaml », or « Le formulaire de
    Démarches Simplifiées » for a dossier read from a platform's export."""
    if evidence in ("", "dossier.yaml"):
        return "dossier.yaml"
    if lang == "en":
        return "The form of " + evidence.removeprefix("le formulaire de ")
    return evidence[:1].upper() + evidence[1:]


# The declared facts as a person names them (« dossier.yaml déclare le SIREN … »).
_FACTS = {
    "structure.name": ("le nom de la structure", "the structure's name"),
    "structure.kind": ("le type de structure", "the kind of structure"),
    "structure.siren": ("le SIREN", "the SIREN"),
    "structure.rna": ("le numéro RNA", "the RNA number"),
    "intercommunalite.name": ("l'intercommunalité", "the intercommunalité"),
    "rib.iban": ("l'IBAN", "the IBAN"),
    "legal_representative.name": ("le responsable légal", "the legal representative"),
    "signatory.name": ("le signataire", "the signatory"),
    "project.form": ("la forme du projet", "the project's form"),
    "courrier.amount_requested": ("un montant demandé de", "an amount requested of"),
}
# A number (SIREN, IBAN): the same when its characters are, however they are grouped.
_IDENTIFIER = re.compile(r"[A-Z]{0,2}\d[\dA-Z]{8,}")


def _shown(name: str, value: str) -> str:
    """A value as the message shows it: an amount as the French write it (« 106 000 € »)."""
    from dossierkit.aid import euros

    amount = _amount(value) if name in _AMOUNTS else None
    return euros(amount) if amount is not None else value


# Facts that are amounts in euros.
_AMOUNTS = frozenset({"courrier.amount_requested"})


def _amount(value: str) -> Decimal | None:
    """An amount in euros as a fact holds it (« 106000 », « 106000.00 »)."""
    try:
        return Decimal(value) if re.fullmatch(r"\d+(?:\.\d+)?", value) else None
    except InvalidOperation:
        return None


def _same(declared: object, found: object) -> bool:
    """Two spellings of one name: "CC du Ternois" is "Communauté de communes du Ternois";
    two groupings of one number: « 853 214 773 » is « 853214773 »."""
    from dossierkit.epci import lookup

    a, b = str(declared), str(found)
    epci_a, epci_b = lookup(a), lookup(b)
    if epci_a is not None or epci_b is not None:
        return epci_a == epci_b
    amounts = [_amount(v) for v in (a, b)]
    if amounts[0] is not None and amounts[1] is not None:
        return amounts[0] == amounts[1]
    compact_a, compact_b = (re.sub(r"[\s.]", "", v).upper() for v in (a, b))
    if _IDENTIFIER.fullmatch(compact_a) or _IDENTIFIER.fullmatch(compact_b):
        return compact_a == compact_b
    folded_a, folded_b = fold(a), fold(b)
    return folded_a == folded_b or folded_a in folded_b or folded_b in folded_a
