"""``dossierkit init``: options in, the questionnaire for the rest, the forms written."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click

from dossierkit.cli.common import load_call
from dossierkit.errors import UsageError
from dossierkit.init import FORMS, KINDS, VAT_REGIMES

_KIND_HELP = "association, intercommunalite, commune ou autre"
_VAT_HELP = (
    "recupere, ne_recupere_pas ou fctva_investissement (FCTVA sur l'investissement seulement)"
)


def _prompt(question: str, *, choices: Sequence[str] = (), default: str | None = None) -> str:
    """Ask on the terminal (the questionnaire's ``ask``); input that ends before the last
    answer is a usage error, not click's bare « Aborted! »."""
    kind = click.Choice(list(choices)) if choices else None
    try:
        if default is None:
            return str(click.prompt(question, type=kind))
        return str(click.prompt(question, type=kind, default=default))
    except click.Abort as exc:
        if isinstance(exc.__context__, EOFError):
            raise UsageError(
                "les réponses se sont arrêtées avant la dernière question : répondez à toutes,"
                " ou utilisez --no-input avec les options (dossierkit init --help)."
            ) from None
        raise


def _say(message: str) -> None:
    click.echo(message, err=True)


@click.command()
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "--type",
    "kind",
    type=click.Choice(KINDS),
    help=f"Type de structure : {_KIND_HELP}.",
)
@click.option("--nom", "name", help="Nom de la structure qui demande l'aide.")
@click.option(
    "--intercommunalite", help="Intercommunalité qui porte ou désigne le projet (nom ou SIREN)."
)
@click.option(
    "--forme",
    "form",
    type=click.Choice(FORMS),
    help="Un lieu, ou l'animation d'un réseau.",
)
@click.option("--responsable", help="Nom du responsable légal.")
@click.option("--qualite", help="Qualité du responsable légal (Président, Présidente…).")
@click.option(
    "--signataire", default="", help="Nom du signataire s'il n'est pas le responsable légal."
)
@click.option("--qualite-signataire", default="", help="Qualité du signataire (Vice-président…).")
@click.option("--contact", help="Interlocuteur sur le projet.")
@click.option(
    "--tva",
    "vat",
    type=click.Choice(VAT_REGIMES),
    help=f"Régime de TVA : {_VAT_HELP}.",
)
@click.option("--ville", "town", default="", help="Ville du siège (pour « Fait à … »).")
@click.option("--adresse", "address", default="", help="Adresse du siège.")
@click.option(
    "--premiere-annee",
    "first_year",
    type=int,
    default=2027,
    show_default=True,
    help="Première année du projet.",
)
@click.option("--no-input", is_flag=True, help="Ne rien demander : tout vient des options.")
@click.option(
    "--force",
    is_flag=True,
    help="Écrire dans un dossier qui contient déjà des fichiers (sans jamais les écraser).",
)
def init(folder: Path, no_input: bool, force: bool, first_year: int, **given: str | None) -> None:
    """Prépare le dossier FOLDER : courrier, dossier technique, budget, attestation, modèles à remplir."""
    from dossierkit.init.create import check_target, create_dossier
    from dossierkit.init.questionnaire import answers

    check_target(folder, force=force)
    call = load_call(None)
    applicant = answers(given, None if no_input else _prompt, _say, first_year=first_year)
    created = create_dossier(folder, applicant, call, force=force)
    for path in created.written:
        click.echo(f"écrit : {path}")
    for path in created.kept:
        click.echo(f"déjà présent, laissé tel quel : {path}")
    click.echo(
        f"Lisez {folder / 'LISEZMOI.txt'} : ce qu'il reste à remplir, à signer et à ajouter."
    )
