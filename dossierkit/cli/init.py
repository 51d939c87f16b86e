"""``dossierkit init``: options in, the questionnaire for the rest, the forms written.

Everything the applicant reads is French, click's own words included, or English with
``--lang en`` (the documents written stay French: they are sent to the Région): choices are numbered
menus (a number, or a word of the choice, is an answer), a wrong answer is explained and
asked again, an option given a value that is none of its choices, input that stops before
the last question and Ctrl-C are errors in French with their exit code (2, 2 and 130).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from dossierkit.cli.common import lang_option, load_call
from dossierkit.cli.language import current_language
from dossierkit.errors import DossierkitError, ExitCode, UsageError
from dossierkit.init import CIVILITIES, FORMS, KINDS, VAT_REGIMES

_KIND_HELP = "association, intercommunalite, commune ou autre"
_VAT_HELP = (
    "recupere, ne_recupere_pas ou fctva_investissement (FCTVA sur l'investissement seulement)"
)
_SUFFIX = "\u00a0: "  # French typography: a no-break space before the colon


def _suffix() -> str:
    """After a question or a label: « : » in French, ": " in English."""
    return ": " if current_language() == "en" else _SUFFIX


class _Choice(click.ParamType[str]):
    """One of ``choices``, written whole or by its start (« asso »); anything else is a
    French usage error naming the option."""

    name = "choix"

    def __init__(self, choices: Sequence[str]) -> None:
        self.choices = tuple(choices)

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str | None:
        return "[" + "|".join(self.choices) + "]"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from dossierkit.init.questionnaire import not_a_choice, pick

        found = pick(str(value), self.choices, numbers=False)
        if found is None:
            option = param.opts[0] if param is not None and param.opts else "--?"
            raise not_a_choice(str(value), option, self.choices)
        return found


class _FrenchCommand(click.Command):
    """A command whose help and whose errors of the command line (an unknown option, an
    option without its value, a second folder) are French, as the questionnaire is (English
    with ``--lang en``, as click speaks it then)."""

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = "Affiche cette aide et s'arrête."
        return option

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if current_language() == "en":
            super().format_usage(ctx, formatter)
            return
        pieces = " ".join(self.collect_usage_pieces(ctx))
        formatter.write_usage(ctx.command_path, pieces, prefix="Utilisation\u00a0: ")

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        records = [r for p in self.get_params(ctx) if (r := p.get_help_record(ctx)) is not None]
        formatter.write_paragraph()
        formatter.write("Options:\n" if current_language() == "en" else "Options\u00a0:\n")
        with formatter.indentation():
            formatter.write_dl(records)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.NoSuchOption as exc:
            close = ", ".join(sorted(exc.possibilities or ()))
            raise UsageError(
                f"l'option {exc.option_name} n'existe pas"
                + (f" (vouliez-vous dire {close} ?)" if close else "")
                + " : dossierkit init --help les donne toutes.",
                english=f"no such option {exc.option_name}: dossierkit init --help lists them.",
            ) from None
        except click.BadOptionUsage as exc:
            raise UsageError(
                f"l'option {exc.option_name} attend une valeur"
                f" ({exc.option_name} « … ») : dossierkit init --help.",
                english=f"the option {exc.option_name} takes a value: dossierkit init --help.",
            ) from None
        except click.UsageError:
            raise UsageError(
                "un seul dossier à préparer, et les valeurs qui contiennent des espaces entre"
                ' guillemets : dossierkit init mon-dossier --nom "Fab\'Lab du Ternois"',
                english="one folder to prepare, and values holding spaces between quotes:"
                ' dossierkit init my-folder --nom "Fab\'Lab du Ternois"',
            ) from None


def _read(question: str, default: str | None) -> str:
    """One line from the terminal, with the default shown in brackets when there is one;
    the end of input and Ctrl-C become French errors instead of click's « Aborted! »."""
    try:
        return str(
            click.prompt(
                question,
                default=default,
                show_default=bool(default),
                prompt_suffix=_suffix(),
                type=str,
            )
        )
    except click.Abort as exc:
        if isinstance(exc.__context__, EOFError):
            raise UsageError(
                "les réponses se sont arrêtées avant la dernière question : répondez à toutes,"
                " ou utilisez --no-input avec les options (dossierkit init --help).",
                english="the answers stopped before the last question: answer them all, or"
                " use --no-input with the options (dossierkit init --help).",
            ) from None
        raise DossierkitError(
            "interrompu : aucun fichier n'a été écrit.",
            english="interrupted: no file was written.",
            exit_code=ExitCode.INTERRUPTED,
        ) from None


def _prompt(question: str, *, choices: Sequence[str] = (), default: str | None = None) -> str:
    """Ask on the terminal (the questionnaire's ``ask``): a numbered menu for a choice,
    asked again, with the reason, until the answer is one of them."""
    from dossierkit.init.questionnaire import choice_label, pick

    lang = current_language()
    if not choices:
        return _read(question, default)
    click.echo(question + _suffix().rstrip())
    for number, choice in enumerate(choices, 1):
        click.echo(f"  {number}. {choice_label(choice, lang)}")
    number_of_default = str(choices.index(default) + 1) if default in choices else None
    while True:
        reply = _read(
            "Your choice (number)" if lang == "en" else "Votre choix (numéro)", number_of_default
        )
        found = pick(reply, choices)
        if found is not None:
            return found
        if lang == "en":
            _say(
                f'Error: "{reply}" is not one of the choices: type a number from 1 to {len(choices)}.'
            )
            continue
        _say(
            f"Erreur : « {reply} » n'est pas l'un des choix : tapez un numéro de 1 à {len(choices)}."
        )


def _say(message: str) -> None:
    """Why an answer was refused, on standard error, with French typography's spaces (in
    French)."""
    from dossierkit.text import french_typography

    if current_language() == "en":
        click.echo(message, err=True)
        return
    click.echo(french_typography(message), err=True)


@click.command(cls=_FrenchCommand)
@click.argument("folder", metavar="[DOSSIER]", type=click.Path(path_type=Path), required=False)
@click.option(
    "--type",
    "kind",
    type=_Choice(KINDS),
    help=f"Type de structure : {_KIND_HELP}.",
)
@click.option("--nom", "name", metavar="NOM", help="Nom de la structure qui demande l'aide.")
@click.option(
    "--intercommunalite",
    metavar="NOM|SIREN",
    help="Intercommunalité qui porte ou désigne le projet (nom ou SIREN).",
)
@click.option(
    "--forme",
    "form",
    type=_Choice(FORMS),
    help="lieu (un lieu) ou reseau (l'animation d'un réseau de lieux).",
)
@click.option("--responsable", metavar="NOM", help="Nom du responsable légal.")
@click.option(
    "--qualite", metavar="QUALITÉ", help="Qualité du responsable légal (Président, Présidente…)."
)
@click.option(
    "--civilite",
    type=_Choice(CIVILITIES),
    help="Civilité du responsable légal : Madame ou Monsieur (« Mme », « M. »), pour"
    " « Je soussignée » ou « Je soussigné » quand la qualité ne le dit pas (« Maire »).",
)
@click.option(
    "--signataire",
    default="",
    metavar="NOM",
    help="Nom du signataire s'il n'est pas le responsable légal.",
)
@click.option(
    "--qualite-signataire",
    default="",
    metavar="QUALITÉ",
    help="Qualité du signataire (Vice-président…).",
)
@click.option("--contact", metavar="TEXTE", help="Interlocuteur sur le projet (nom, fonction).")
@click.option(
    "--tva",
    "vat",
    type=_Choice(VAT_REGIMES),
    help=f"Régime de TVA : {_VAT_HELP}.",
)
@click.option(
    "--ville", "town", default="", metavar="VILLE", help="Ville du siège (pour « Fait à … »)."
)
@click.option("--adresse", "address", default="", metavar="ADRESSE", help="Adresse du siège.")
@click.option(
    "--premiere-annee",
    "first_year",
    metavar="ANNÉE",  # a string, checked by the questionnaire in French
    help="Première année du plan d'action (par défaut\u00a0: l'an prochain).",
)
@click.option("--no-input", is_flag=True, help="Ne rien demander : tout vient des options.")
@click.option(
    "--force",
    is_flag=True,
    help="Écrire dans un dossier qui contient déjà des fichiers (sans jamais les écraser).",
)
@lang_option()
def init(folder: Path | None, no_input: bool, force: bool, lang: str, **given: str | None) -> None:
    """Prépare le dossier DOSSIER : courrier, dossier technique, budget, attestation, modèles à remplir.

    \b
    Exemples :
      dossierkit init mon-dossier              (les questions sont posées une à une)
      dossierkit init mon-dossier --no-input --type association --nom "Fab'Lab du Ternois" …
    """
    from dossierkit.init.create import check_target, create_dossier
    from dossierkit.init.questionnaire import answers

    if folder is None:
        raise UsageError(
            "indiquez le dossier à préparer : dossierkit init mon-dossier",
            english="give the folder to prepare: dossierkit init my-folder",
        )
    if folder.exists() and not folder.is_dir():
        raise UsageError(
            f"« {folder} » est un fichier, pas un dossier : choisissez un autre nom"
            " (dossierkit init mon-dossier).",
            english=f'"{folder}" is a file, not a folder: choose another name.',
        )
    check_target(folder, force=force)
    call = load_call(None)
    applicant = answers(given, None if no_input else _prompt, _say, lang=lang)
    created = create_dossier(folder, applicant, call, force=force)
    if lang == "en":
        _written_en(folder, created.written, created.kept)
        return
    for path in created.written:
        click.echo(f"écrit{_SUFFIX}{path}")
    for path in created.kept:
        click.echo(f"déjà présent, laissé tel quel{_SUFFIX}{path}")
    click.echo(
        f"Lisez {folder / 'LISEZMOI.txt'}{_SUFFIX}ce qu'il reste à remplir, à signer,"
        " à ajouter, puis comment vérifier et assembler le dossier."
    )


def _written_en(folder: Path, written: Sequence[Path], kept: Sequence[Path]) -> None:
    """What ``init --lang en`` wrote, and why the documents are French."""
    for path in written:
        click.echo(f"written: {path}")
    for path in kept:
        click.echo(f"already there, left as it is: {path}")
    click.echo(
        "The documents are in French: they are sent to the Région Hauts-de-France."
        f" {folder / 'LISEZMOI.txt'} (in French) says what is left to fill in, sign and add,"
        f" then how to check and assemble the dossier (dossierkit verify {folder} --lang en)."
    )
