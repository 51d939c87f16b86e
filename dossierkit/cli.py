"""The ``dossierkit`` command: options in, a library call, a reporter out.

Exit codes: 0 the dossier is complete (warnings allowed), 1 it is incomplete or has errors,
2 a usage problem or an internal failure. No traceback reaches the user.
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from dossierkit import __version__

if TYPE_CHECKING:
    from dossierkit.call import Call
    from dossierkit.epci import Epci

EXIT_USAGE = 2
LANG = click.Choice(["fr", "en"])


def _fail(message: str) -> NoReturn:
    click.echo(f"dossierkit : {message}", err=True)
    sys.exit(EXIT_USAGE)


def _load_call(path: Path | None) -> Call:
    from dossierkit.call import CallFileError, load_call

    try:
        return load_call(path)
    except CallFileError as exc:
        _fail(str(exc))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(
    __version__, "--version", "-V", prog_name="dossierkit", message="%(prog)s %(version)s"
)
def cli() -> None:
    """Vérifie les dossiers de l'appel à projets « Tiers-lieux du numérique »
    de la Région Hauts-de-France.

    \b
    Exemples :
      dossierkit verify ./mon-dossier
      dossierkit verify ./mon-dossier --format json > rapport.json
      dossierkit checks
    """


@cli.command()
@click.argument("dossier", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text : liste lisible ; json : rapport pour les programmes.",
)
@click.option(
    "--lang", type=LANG, default="fr", show_default=True, help="Langue des messages (fr, en)."
)
@click.option(
    "--call",
    "call_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Fichier d'un autre appel à projets (YAML), au lieu de l'appel intégré.",
)
def verify(dossier: Path, fmt: str, lang: str, call_file: Path | None) -> None:
    """Vérifie le dossier DOSSIER : pièces trouvées, manquantes ou illisibles.

    Code de sortie : 0 dossier complet, 1 dossier incomplet, 2 erreur d'utilisation.
    """
    if not dossier.exists():
        _fail(f"le dossier « {dossier} » n'existe pas.")
    if not dossier.is_dir():
        _fail(
            f"« {dossier} » n'est pas un dossier : indiquez le dossier qui contient les pièces"
            " (décompressez d'abord une archive .zip)."
        )
    call = _load_call(call_file)
    from dossierkit.report.data import report_data
    from dossierkit.verify import verify as run_verify

    result = run_verify(dossier, call)
    report = report_data(result, lang)
    if fmt == "json":
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        from dossierkit.report.terminal import render_terminal

        render_terminal(report, call.title[lang])
    sys.exit(result.exit_code)


@cli.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown"]),
    default="text",
    show_default=True,
    help="text : pour le terminal ; markdown : pour la documentation.",
)
@click.option("--lang", type=LANG, default="fr", show_default=True, help="Langue (fr, en).")
def checks(fmt: str, lang: str) -> None:
    """Liste les contrôles : code, nom, gravité, pourquoi et comment corriger."""
    from dossierkit.report.checks_doc import checks_markdown, checks_text

    click.echo(checks_markdown(lang) if fmt == "markdown" else checks_text(lang), nl=False)


class _Amounts(click.Option):
    """An option followed by several amounts: ``--animation 52000 51000 50000``.

    Click options take a fixed number of values; this one (declared ``multiple=True``) takes
    every value up to the next option, so that a project of one, two or three years is
    written the same way.
    """

    def add_to_parser(self, parser, ctx):  # type: ignore[no-untyped-def]
        super().add_to_parser(parser, ctx)
        for name in self.opts:
            option = parser._long_opt.get(name) or parser._short_opt.get(name)
            if option is None:
                continue
            original = option.process

            def process(value, state, original=original):  # type: ignore[no-untyped-def]
                original(value, state)
                while state.rargs and not state.rargs[0].startswith("-"):
                    original(state.rargs.pop(0), state)

            option.process = process


def _parse_amounts(values: tuple[str, ...], option: str) -> list[Decimal]:
    from dossierkit.amounts import parse_amount

    amounts: list[Decimal] = []
    for value in values:
        amount = parse_amount(value)
        if amount is None or amount < 0:
            _fail(f'{option} : « {value} » n\'est pas un montant (exemple : 52000 ou "52 000,50").')
        amounts.append(amount)
    return amounts


@cli.command()
@click.option(
    "--animation",
    cls=_Amounts,
    multiple=True,
    help="Dépenses d'animation prévues, année par année : --animation 52000 51000 50000.",
)
@click.option(
    "--equipment",
    "--equipement",
    default=None,
    help="Dépenses d'équipement prévues sur le projet : --equipment 32000.",
)
@click.option("--start-year", type=int, default=None, help="Première année du projet (ex. 2027).")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option("--lang", type=LANG, default="fr", show_default=True, help="Langue (fr, en).")
@click.option(
    "--call",
    "call_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Fichier d'un autre appel à projets (YAML).",
)
def aid(
    animation: tuple[str, ...] | None,
    equipment: str | None,
    start_year: int | None,
    fmt: str,
    lang: str,
    call_file: Path | None,
) -> None:
    """Combien demander ? L'aide maximale, année par année, avec le calcul.

    \b
    Exemple :
      dossierkit aid --animation 52000 51000 50000 --equipment 32000 --start-year 2027
    """
    from dossierkit.aid import animation_aid, equipment_aid
    from dossierkit.report.aid import aid_data, render_aid

    if not animation and equipment is None:
        _fail("indiquez les dépenses : --animation (par année) et/ou --equipment.")
    call = _load_call(call_file)
    expenses = _parse_amounts(animation or (), "--animation")
    years = [start_year + i for i in range(len(expenses))] if start_year else None
    yearly = animation_aid(call, expenses, years)
    equipment_ceiling = (
        equipment_aid(call, _parse_amounts((equipment,), "--equipment")[0]) if equipment else None
    )
    data = aid_data(yearly, equipment_ceiling, lang)
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        from rich.console import Console

        render_aid(data, lang, Console(highlight=False))


_KIND_HELP = "association, intercommunalite, commune ou autre"
_VAT_HELP = (
    "recupere, ne_recupere_pas ou fctva_investissement (FCTVA sur l'investissement seulement)"
)


def _epci(value: str | None, interactive: bool) -> Epci:
    """The EPCI named by ``value``, asking again (in French) until one is recognised."""
    from dossierkit.epci import lookup

    while True:
        if value is None:
            if not interactive:
                _fail("--no-input : l'option --intercommunalite est obligatoire.")
            value = click.prompt("Intercommunalité (nom ou SIREN)")
        found = lookup(value)
        if found is not None:
            return found
        message = (
            f"« {value} » n'est pas une intercommunalité des Hauts-de-France connue : "
            "écrivez son nom (« Communauté de communes du Ternois », « CC du Ternois ») ou son SIREN."
        )
        if not interactive:
            _fail(message)
        click.echo(f"Erreur : {message}", err=True)
        value = None


@cli.command()
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "--type",
    "kind",
    type=click.Choice(["association", "intercommunalite", "commune", "autre"]),
    help=f"Type de structure : {_KIND_HELP}.",
)
@click.option("--nom", "name", help="Nom de la structure qui demande l'aide.")
@click.option(
    "--intercommunalite", help="Intercommunalité qui porte ou désigne le projet (nom ou SIREN)."
)
@click.option(
    "--forme",
    "form",
    type=click.Choice(["lieu", "reseau"]),
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
    type=click.Choice(["recupere", "ne_recupere_pas", "fctva_investissement"]),
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
def init(folder: Path, no_input: bool, force: bool, **options: Any) -> None:
    """Prépare le dossier FOLDER : courrier, dossier technique, budget, attestation, modèles à remplir."""
    from dossierkit.init import InitAnswers
    from dossierkit.init.create import FolderNotEmpty, create_dossier

    def ask(key: str, text: str, **prompt: Any) -> Any:
        if options.get(key) not in (None, ""):
            return options[key]
        if no_input:
            if "default" in prompt:
                return prompt["default"]
            _fail(f"--no-input : l'option correspondant à « {text} » est obligatoire.")
        return click.prompt(text, **prompt)

    if folder.exists() and any(folder.iterdir()) and not force:
        _fail(
            f"le dossier « {folder} » contient déjà des fichiers : choisissez un dossier vide, "
            "ou ajoutez --force pour compléter celui-ci (aucun fichier existant n'est remplacé)."
        )
    call = _load_call(None)
    kind = ask(
        "kind",
        "Type de structure",
        type=click.Choice(["association", "intercommunalite", "commune", "autre"]),
    )
    epci = _epci(options.get("intercommunalite"), not no_input)
    answers = InitAnswers(
        kind=kind,
        name=ask(
            "name",
            "Nom de la structure",
            default=epci.full_name if kind == "intercommunalite" else None,
        ),
        intercommunalite=epci.name,
        form=ask("form", "Lieu ou réseau", type=click.Choice(["lieu", "reseau"])),
        legal_name=ask("responsable", "Nom du responsable légal"),
        legal_title=ask("qualite", "Qualité du responsable légal", default="Président"),
        contact=ask("contact", "Interlocuteur sur le projet (nom, fonction)"),
        vat=ask(
            "vat",
            "Régime de TVA",
            type=click.Choice(["recupere", "ne_recupere_pas", "fctva_investissement"]),
        ),
        town=ask("town", "Ville du siège", default=""),
        address=ask("address", "Adresse du siège", default=""),
        signatory_name=ask(
            "signataire",
            "Signataire du courrier s'il n'est pas le responsable légal (vide sinon)",
            default="",
        ),
        signatory_title=options.get("qualite_signataire") or "",
        first_year=options["first_year"],
    )
    if answers.delegation and not answers.signatory_title:
        answers = replace(
            answers,
            signatory_title=ask(
                "qualite_signataire", "Qualité du signataire", default="Vice-président"
            ),
        )
    try:
        created = create_dossier(folder, answers, call, force=force)
    except FolderNotEmpty:
        _fail(
            f"le dossier « {folder} » contient déjà des fichiers : choisissez un dossier vide, "
            "ou ajoutez --force pour compléter celui-ci (aucun fichier existant n'est remplacé)."
        )
    for path in created.written:
        click.echo(f"écrit : {path}")
    for path in created.kept:
        click.echo(f"déjà présent, laissé tel quel : {path}")
    click.echo(
        f"Lisez {folder / 'LISEZMOI.txt'} : ce qu'il reste à remplir, à signer et à ajouter."
    )


def main() -> None:
    """Console entry point: run the CLI, turning any unexpected failure into exit code 2."""
    try:
        cli.main(prog_name="dossierkit", standalone_mode=True)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        click.echo("dossierkit : interrompu.", err=True)
        sys.exit(130)
    except Exception as exc:  # the last net: a message, never a traceback
        click.echo(
            f"dossierkit : erreur interne ({type(exc).__name__} : {exc}). "
            "Merci de signaler ce problème avec le dossier qui l'a provoqué.",
            err=True,
        )
        sys.exit(EXIT_USAGE)
