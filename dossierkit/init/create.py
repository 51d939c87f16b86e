"""Write a new dossier folder from the applicant's answers."""

from __future__ import annotations

import shlex
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import yaml

from dossierkit.call import Call
from dossierkit.errors import OutputExistsError
from dossierkit.init import LABELS, InitAnswers, feminine_person
from dossierkit.init.budget import write_budget
from dossierkit.init.documents import fill, template_text, write_docx
from dossierkit.init.technique import PLACEHOLDER, write_technique
from dossierkit.text import (
    Designation,
    at_place,
    capitalized,
    designate,
    fold,
    french_typography,
)

# The attestation's sentence, by regime; {assujetti} agrees with the structure's gender.
REGIMES = {
    "recupere": "est {assujetti} à la TVA et récupère la TVA sur ses dépenses",
    "ne_recupere_pas": "n'est pas {assujetti} à la TVA et ne récupère pas la TVA sur ses dépenses",
    "fctva_investissement": "bénéficie du FCTVA pour ses dépenses d'investissement et ne récupère "
    "pas la TVA sur ses dépenses de fonctionnement",
}
PROJECTS = {
    "lieu": "projet de tiers-lieu",
    "reseau": "projet d'animation d'un réseau de tiers-lieux",
}


def program() -> str:
    """How LISEZMOI tells the applicant to run dossierkit again: « dossierkit » when that name
    on the PATH is this installation's command; else the full path of the command installed
    beside this Python (a virtual environment nobody activated, as the README installs it:
    « dossierkit » alone would answer « command not found »), which works from any folder;
    « dossierkit » when there is no such command (run from the sources)."""
    beside = Path(sys.executable).parent / "dossierkit"
    if not beside.is_file():
        return "dossierkit"
    found = shutil.which("dossierkit")
    if found and Path(found).resolve() == beside.resolve():
        return "dossierkit"
    return shlex.quote(str(beside.absolute()))


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


def _soussigne(answers: InitAnswers) -> str:
    feminine = answers.legal_feminine
    return {True: "soussignée", False: "soussigné", None: "soussigné(e)"}[feminine]


def _signing_title(title: str, feminine: bool | None) -> str:
    """The title over a signature, with its article as French letters set it: « La
    Présidente », « Le Vice-président », « L'Adjoint au numérique »; as typed when it has
    one already, or when nothing says which article (« Maire »)."""
    words = fold(title).split()
    if feminine is None or not words or words[0] in ("le", "la", "l"):
        return title
    return capitalized(Designation(title, feminine).definite)


def _per_year(years: list[int]) -> str:
    """The animation aid asked year by year, one amount to type for each year of the call:
    « de [montant] € pour 2027, [montant] € pour 2028 et [montant] € pour 2029 »."""
    amounts = [f"[montant] € pour {year}" for year in years]
    if len(amounts) == 1:
        return "de " + amounts[0]
    return "de " + ", ".join(amounts[:-1]) + " et " + amounts[-1]


def _epci_name(name: str) -> str:
    """The intercommunality's name as a sentence writes it (« Communauté de communes du
    Ternois » rather than « CC du Ternois »)."""
    from dossierkit.epci import lookup

    found = lookup(name)
    return found.full_name if found is not None else name


def _values(answers: InitAnswers, call: Call) -> dict[str, str]:
    years = [answers.first_year + i for i in range(len(call.animation_aid.rates))]
    signatory = answers.signatory_name or answers.legal_name
    structure = designate(answers.name, answers.kind)
    epci = designate(_epci_name(answers.intercommunalite), "intercommunalite")
    portage = (
        ""
        if answers.kind == "intercommunalite"
        else f", {structure.agree('désigné', 'désignée')} par {epci.definite}"
    )
    on_behalf = ""
    if answers.delegation:
        # « Pour le Président », « Pour la Maire », « Pour l'Administrateur ».
        feminine = answers.legal_feminine is True
        on_behalf = (
            f"Pour {Designation(answers.legal_title, feminine).definite} et par délégation,\n"
        )
    project = PROJECTS[answers.form]
    return {
        "structure": answers.name,
        "la_structure": structure.definite,
        "de_structure": structure.of,
        "portage": portage,
        "projet": "le " + project,
        "Projet": capitalized(project),
        "adresse": answers.address or answers.town,
        "intercommunalite": epci.noun,
        "responsable": answers.legal_name,
        "qualite": answers.legal_title,
        "soussigne": _soussigne(answers),
        "signataire": signatory,
        "qualite_signataire": answers.signatory_title or answers.legal_title,
        "la_qualite": _signing_title(answers.legal_title, answers.legal_feminine),
        "la_qualite_signataire": _signing_title(
            answers.signatory_title or answers.legal_title,
            feminine_person(signatory, answers.signatory_title)
            if answers.delegation
            else answers.legal_feminine,
        ),
        "pour_ordre": on_behalf,
        "contact": answers.contact,
        "ville": answers.town or "[ville]",
        "a_ville": at_place(answers.town) if answers.town else "à [ville]",
        "annee": str(years[0]),
        "annee_fin": str(years[-1]),
        "aide_animation": _per_year(years),
        "regime_tva": REGIMES[answers.vat].format(
            assujetti=structure.agree("assujetti", "assujettie")
        ),
        "titre_appel": "appel à projets « Tiers-lieux du numérique »",
        "a_completer": PLACEHOLDER,
        "dossierkit": program(),
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
        # A collectivité is paid on its account at the Trésor public, whose RIB often names
        # the public accountant beside it: the one to join, which verify accepts (R007).
        "rib_tresor": " : celui de son compte au Trésor public"
        if answers.kind in ("intercommunalite", "commune")
        else "",
        "a_ajouter": " ;\n   - les statuts de l'association, datés et signés"
        if answers.kind == "association"
        else "",
    }


def _manifest(answers: InitAnswers) -> str:
    legal = {"nom": answers.legal_name, "qualite": answers.legal_title}
    if answers.legal_civility:
        # « Madame » or « Monsieur », as the applicant would write it in the file.
        legal["civilite"] = LABELS[answers.legal_civility]
    structure: dict[str, object] = {
        "nom": answers.name,
        "type": answers.kind,
        "intercommunalite": answers.intercommunalite,
        "responsable_legal": legal,
    }
    for key, value in (("adresse", answers.address), ("ville", answers.town)):
        if value:
            structure[key] = value
    if answers.delegation:
        structure["signataire"] = {
            "nom": answers.signatory_name,
            "qualite": answers.signatory_title,
        }
    project: dict[str, object] = {"forme": answers.form, "premiere_annee": answers.first_year}
    if answers.contact:
        project["contact"] = answers.contact
    text: str = yaml.safe_dump(
        {"structure": structure, "projet": project},
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
    target: Path,
    answers: InitAnswers,
    call: Call,
    *,
    force: bool = False,
    now: datetime | None = None,
) -> Created:
    """Write the dossier's files in ``target``; existing files are never overwritten.
    ``now`` is the time the documents' properties give (the present by default)."""
    check_target(target, force=force)
    target.mkdir(parents=True, exist_ok=True)
    values = _values(answers, call)
    facts = {"structure.kind": answers.kind, "project.form": answers.form}
    author = answers.name
    writers: dict[str, Callable[[Path], object]] = {
        "dossier.yaml": lambda p: p.write_text(_manifest(answers), encoding="utf-8"),
        "01 - Courrier de demande.docx": lambda p: write_docx(
            p, "courrier.txt", values, "Courrier de demande", author, now
        ),
        "02 - Budget prévisionnel.xlsx": lambda p: write_budget(p, call, answers),
        "03 - Dossier technique.docx": lambda p: write_technique(p, call, facts, values, now),
        "04 - Attestation régime TVA.docx": lambda p: write_docx(
            p, "attestation_tva.txt", values, "Attestation de régime fiscal", author, now
        ),
        "LISEZMOI.txt": lambda p: p.write_text(
            french_typography(fill(template_text("lisezmoi.txt"), values)), encoding="utf-8"
        ),
    }
    if answers.delegation:
        writers["07 - Délégation de signature.docx"] = lambda p: write_docx(
            p, "delegation.txt", values, "Délégation de signature", author, now
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
