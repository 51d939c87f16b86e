"""The ``dossierkit`` group of commands and the run of one command line.

``dossierkit.cli`` imports this module only when a command runs (or ``--help`` is asked):
``dossierkit --version`` answers without click and the commands' modules.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import NoReturn

import click

from dossierkit import __version__
from dossierkit.cli import (
    VERSION_MESSAGE,
    VERSION_OPTIONS,
    aid,
    assemble,
    checks,
    config,
    init,
    regles,
    serve,
    triage,
    verify,
)
from dossierkit.cli.common import DEBUG_VARIABLE, Group, debugging, help_language_option
from dossierkit.cli.language import click_language, requested_language
from dossierkit.errors import ExitCode

__all__ = ["cli", "main"]


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, *VERSION_OPTIONS, message=VERSION_MESSAGE)
def cli() -> None:
    """Vérifie les dossiers de l'appel à projets « Tiers-lieux du numérique »
    de la Région Hauts-de-France.

    \b
    Exemples :
      dossierkit verify ./mon-dossier
      dossierkit verify ./mon-dossier --format json > rapport.json
      dossierkit checks
    """


# The modules are imported, not their commands, so that ``dossierkit.cli.verify`` stays the
# module (a test can patch it) rather than being shadowed by the command of the same name.
for _command in (
    verify.verify,
    checks.checks,
    regles.regles,
    aid.aid,
    init.init,
    assemble.assemble,
    triage.triage,
    triage.registre,
    triage.courrier,
    config.config,
    serve.serve,
):
    cli.add_command(_command)
cli.params.append(help_language_option())


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """Run the command line and exit with its code, never with a traceback.

    click runs in non-standalone mode so that its own exits are mapped here: a usage error
    is 2 (click would give 1 to some), Ctrl-C is 130 (click would say « Aborted! » and give 1,
    which means "incomplete" here), and an unexpected exception is an internal problem, 2.
    """
    words = sys.argv[1:] if argv is None else argv
    # click's usage errors are shown here, after the group's main has returned: in French too
    lang = requested_language(words)
    with click_language(lang):
        _main(argv, lang)


_INTERRUPTED = {"fr": "dossierkit\u00a0: interrompu.", "en": "dossierkit: interrupted."}


def _main(argv: Sequence[str] | None, lang: str) -> NoReturn:
    try:
        code = cli.main(args=argv, prog_name="dossierkit", standalone_mode=False)
    except click.exceptions.Abort:  # Ctrl-C (click has already ended the line)
        click.echo(_INTERRUPTED[lang], err=True)
        sys.exit(ExitCode.INTERRUPTED)
    except click.ClickException as exc:
        exc.show()
        sys.exit(ExitCode.USAGE)
    except KeyboardInterrupt:
        click.echo("\n" + _INTERRUPTED[lang], err=True)
        sys.exit(ExitCode.INTERRUPTED)
    except Exception as exc:  # the last net: a message, never a traceback unless asked
        if debugging():
            import traceback

            traceback.print_exc()
        click.echo(_internal_error(exc, lang), err=True)
        sys.exit(ExitCode.INTERNAL)
    sys.exit(code if isinstance(code, int) else ExitCode.COMPLETE)


def _internal_error(exc: Exception, lang: str) -> str:
    """The message of an unexpected failure, in ``lang``, asking for it to be reported."""
    if lang == "en":
        hint = "" if debugging() else f" (details: run again with {DEBUG_VARIABLE}=1)"
        return (
            f"dossierkit: internal error ({type(exc).__name__}: {exc}). "
            f"Please report this problem with the dossier that caused it{hint}."
        )
    hint = "" if debugging() else f" (détail\u00a0: relancez avec {DEBUG_VARIABLE}=1)"
    return (
        f"dossierkit\u00a0: erreur interne ({type(exc).__name__}\u00a0: {exc}). "
        f"Merci de signaler ce problème avec le dossier qui l'a provoqué{hint}."
    )
