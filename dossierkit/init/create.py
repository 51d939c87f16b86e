"""Write a new dossier folder from the applicant's answers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from dossierkit.call import Call
from dossierkit.errors import OutputExistsError
from dossierkit.init import InitAnswers
from dossierkit.init.budget import write_budget
from dossierkit.init.documents import fill, template_text, write_docx
from dossierkit.init.technique import write_technique

REGIMES = {
    "recupere": "est assujettie à la TVA et récupère la TVA sur ses dépenses",
    "ne_recupere_pas": "n'est pas assujettie à la TVA et ne récupère pas la TVA sur ses dépenses",
    "fctva_investissement": "bénéficie du FCTVA pour ses dépenses d'investissement et ne récupère "
    "pas la TVA sur ses dépenses de fonctionnement",
}
ADDRESSEE = (
    "Monsieur le Président du Conseil régional des Hauts-de-France\n"
    "151 boulevard Hoover\n59555 Lille Cedex"
)


class FolderNotEmpty(OutputExistsError):
    """The target folder already holds files and ``force`` was not given: an applicant's
    folder is never mixed with new forms unless asked, and even then nothing is replaced."""

    def __init__(self, folder: Path) -> None:
        super().__init__(
            f"le dossier « {folder} » contient déjà des fichiers : choisissez un dossier vide, "
            "ou ajoutez --force pour compléter celui-ci (aucun fichier existant n'est remplacé).",
            english=f"the folder “{folder}” already holds files: choose an empty folder, or add"
            " --force to complete this one (no existing file is replaced).",
        )
        self.folder = folder


@dataclass
class Created:
    """What ``create_dossier`` wrote, and what it left alone because it existed."""

    written: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)


def _values(answers: InitAnswers, call: Call) -> dict[str, str]:
    years = [answers.first_year + i for i in range(len(call.animation_aid.rates))]
    signatory = answers.signatory_name or answers.legal_name
    portage = (
        "l'intercommunalité"
        if answers.kind == "intercommunalite"
        else f"structure désignée par la {answers.intercommunalite}"
    )
    return {
        "structure": answers.name,
        "adresse": answers.address or answers.town,
        "intercommunalite": answers.intercommunalite,
        "portage": portage,
        "forme": answers.form,
        "forme_longue": "un lieu" if answers.form == "lieu" else "l'animation d'un réseau de lieux",
        "responsable": answers.legal_name,
        "qualite": answers.legal_title,
        "signataire": signatory,
        "qualite_signataire": answers.signatory_title or answers.legal_title,
        "contact": answers.contact,
        "ville": answers.town or "[ville]",
        "annee": str(years[0]),
        "annee_2": str(years[1]) if len(years) > 2 else str(years[-1]),
        "annee_fin": str(years[-1]),
        "regime_tva": REGIMES[answers.vat],
        "titre_appel": "appel à projets « Tiers-lieux du numérique »",
        "destinataire": ADDRESSEE,
        "a_signer": "\n".join(
            f"   - {name}"
            for name in (
                "01 - Courrier de demande.docx (par " + signatory + ")",
                "04 - Attestation régime TVA.docx (par " + answers.legal_name + ")",
                *(
                    ["07 - Délégation de signature.docx (par " + answers.legal_name + ")"]
                    if answers.delegation
                    else []
                ),
            )
        ),
        "a_ajouter": " ;\n   - les statuts de l'association, datés et signés"
        if answers.kind == "association"
        else "",
    }


def _manifest(answers: InitAnswers) -> str:
    structure: dict[str, object] = {
        "nom": answers.name,
        "type": answers.kind,
        "intercommunalite": answers.intercommunalite,
        "responsable_legal": {"nom": answers.legal_name, "qualite": answers.legal_title},
    }
    if answers.delegation:
        structure["signataire"] = {
            "nom": answers.signatory_name,
            "qualite": answers.signatory_title,
        }
    text: str = yaml.safe_dump(
        {"structure": structure, "projet": {"forme": answers.form}},
        allow_unicode=True,
        sort_keys=False,
    )
    return "# Écrit par dossierkit init ; vous pouvez le corriger.\n" + text


def check_target(target: Path, *, force: bool = False) -> None:
    """Raise FolderNotEmpty when ``target`` holds files and ``force`` is not given: called
    before the questions too, so that nobody answers them for a folder that is refused."""
    if target.exists() and any(target.iterdir()) and not force:
        raise FolderNotEmpty(target)


def create_dossier(
    target: Path, answers: InitAnswers, call: Call, *, force: bool = False
) -> Created:
    """Write the dossier's files in ``target``; existing files are never overwritten."""
    check_target(target, force=force)
    target.mkdir(parents=True, exist_ok=True)
    values = _values(answers, call)
    facts = {"structure.kind": answers.kind, "project.form": answers.form}
    author = answers.name
    writers: dict[str, Callable[[Path], object]] = {
        "dossier.yaml": lambda p: p.write_text(_manifest(answers), encoding="utf-8"),
        "01 - Courrier de demande.docx": lambda p: write_docx(
            p, "courrier.txt", values, "Courrier de demande", author
        ),
        "02 - Budget prévisionnel.xlsx": lambda p: write_budget(p, call, answers),
        "03 - Dossier technique.docx": lambda p: write_technique(p, call, facts, values),
        "04 - Attestation régime TVA.docx": lambda p: write_docx(
            p, "attestation_tva.txt", values, "Attestation de régime fiscal", author
        ),
        "LISEZMOI.txt": lambda p: p.write_text(
            fill(template_text("lisezmoi.txt"), values), encoding="utf-8"
        ),
    }
    if answers.delegation:
        writers["07 - Délégation de signature.docx"] = lambda p: write_docx(
            p, "delegation.txt", values, "Délégation de signature", author
        )
    created = Created()
    for name, write in writers.items():
        path = target / name
        if path.exists():
            created.kept.append(path)
            continue
        write(path)
        created.written.append(path)
    return created
