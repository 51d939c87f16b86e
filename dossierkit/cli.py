"""The ``dossierkit`` command: options in, a library call, a reporter out.

Exit codes: 0 the dossier is complete (warnings allowed), 1 it is incomplete or has errors,
2 a usage problem or an internal failure. No traceback reaches the user.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from dossierkit import __version__

EXIT_USAGE = 2
LANG = click.Choice(["fr", "en"])


def _fail(message: str) -> None:
    click.echo(f"dossierkit : {message}", err=True)
    sys.exit(EXIT_USAGE)


def _load_call(path: Path | None):  # type: ignore[no-untyped-def]
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
