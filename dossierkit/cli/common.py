"""What every command shares: the group that turns errors into messages, and common options.

Kept light on purpose: ``dossierkit --help`` imports this module and every command's module,
so heavy libraries are imported inside the command functions, never here.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from dossierkit.cli.language import (
    Context,
    click_language,
    current_language,
    requested_language,
)
from dossierkit.errors import DossierkitError

if TYPE_CHECKING:
    from dossierkit.call import Call

F = TypeVar("F", bound=Callable[..., Any])

DEBUG_VARIABLE = "DOSSIERKIT_DEBUG"
"""Set to 1 to see the traceback behind an error (exit codes do not change)."""

_LANG_KEY = "dossierkit.lang"
LANG = click.Choice(["fr", "en"])


def debugging() -> bool:
    """True when the user asked for tracebacks (``DOSSIERKIT_DEBUG=1``)."""
    return os.environ.get(DEBUG_VARIABLE, "") not in ("", "0")


def show_error(error: DossierkitError, lang: str) -> None:
    """Print ``error`` as the user reads it: on standard error, details one per line."""
    if debugging():
        import traceback  # only here: it costs a few ms at every start-up

        traceback.print_exception(error)
    if lang == "en":
        click.echo("dossierkit: " + error.text(lang), err=True)
        for detail in error.details:
            click.echo(f"  - {detail}", err=True)
        return
    from dossierkit.text import french_typography

    # French typography as in every report: a terminal that wraps the line never leaves
    # « : » or « » » alone at the start of the next one.
    click.echo(french_typography("dossierkit : " + error.text(lang)), err=True)
    for detail in error.details:
        click.echo(f"  - {french_typography(detail)}", err=True)


def _exit_on_sigterm() -> None:
    """SIGTERM (``kill``, a service stopping) ends the command as an exception would, so that
    every ``finally`` runs: worker processes are stopped and temporary folders holding copies
    of the applicant's documents are removed. Its default action would end the process at
    once and leave them. Exit code 143, as a shell reports SIGTERM (128 + 15)."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return
    if signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL:
        return  # someone (a test runner, an embedding program) has a plan of its own

    def stop(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)


def _remove_stale_scratch(ctx: click.Context) -> None:
    """Remove the temporary folders that killed runs left (copies of an applicant's
    documents, ``external.scratch``), once, when a command starts: whatever the command,
    not only one that makes such a folder. Not for ``--help`` (nor ``--version``, answered
    before the group), which must stay instant; it costs a listing of the temporary folder."""
    if ctx.resilient_parsing or any(word in ctx.help_option_names for word in ctx.args):
        return
    from dossierkit.external.scratch import remove_stale_once

    remove_stale_once()


class Group(click.Group):
    """A click group that catches ``DossierkitError`` once for every command below it, and
    in which click itself speaks the command's language.

    The message is printed without a traceback, in the command's ``--lang``, and the
    command exits with the error's code. Done here rather than in ``main`` so that tests that
    invoke the group directly (click's ``CliRunner``) see the same output and exit code.
    click's own words (« Usage », « Error: No such option », « Show this message and
    exit. ») are French unless ``--lang en`` is given (``dossierkit.cli.language``); every
    command added takes the context whose help is written the same way, and a group added
    (``courrier``) the hidden ``--lang`` that passes its language down to its commands.
    """

    context_class = Context

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        if cmd.context_class is click.Context:
            cmd.context_class = Context
        if isinstance(cmd, click.Group) and not any(param.name == "lang" for param in cmd.params):
            cmd.params.append(help_language_option())
        super().add_command(cmd, name)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        words = sys.argv[1:] if args is None else args
        with click_language(requested_language(words)):
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)

    def invoke(self, ctx: click.Context) -> Any:
        _exit_on_sigterm()
        _remove_stale_scratch(ctx)
        try:
            return super().invoke(ctx)
        except DossierkitError as error:
            # An error of the command line comes before ``--lang`` is read: the language
            # asked for on it, which click speaks.
            show_error(error, ctx.meta.get(_LANG_KEY, current_language()))
            ctx.exit(int(error.exit_code))


def _remember_lang(ctx: click.Context, _param: click.Parameter, value: str) -> str:
    # ctx.meta is shared by the whole chain of contexts: the group reads it to print errors.
    ctx.meta[_LANG_KEY] = value
    return value


def lang_option(help: str = "Langue (fr, en).") -> Callable[[F], F]:
    """``--lang fr|en``: the language of the messages, errors included."""
    return click.option(
        "--lang",
        type=LANG,
        default="fr",
        show_default=True,
        help=help,
        callback=_remember_lang,
    )


def _pass_lang_down(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    """``--lang`` given to a group (``dossierkit --lang en verify …``): the language of its
    commands, unless they are given their own."""
    if value is None:
        return
    ctx.meta[_LANG_KEY] = value
    if isinstance(ctx.command, click.Group):
        below = {name: {"lang": value} for name in ctx.command.commands}
        ctx.default_map = {**below, **(ctx.default_map or {})}


def help_language_option() -> click.Option:
    """A hidden ``--lang fr|en`` for a group (``dossierkit``, ``courrier``), whose commands
    each have their own (``lang_option``): given to the group, it is its commands' language,
    and ``--help --lang en`` and its usage errors are English there as everywhere
    (``language.requested_language`` reads it from the command line)."""
    return click.Option(
        ["--lang"],
        type=LANG,
        default=None,
        hidden=True,
        expose_value=False,
        callback=_pass_lang_down,
    )


def call_option(help: str = "Fichier d'un autre appel à projets (YAML).") -> Callable[[F], F]:
    """``--call FILE``: another call for projects than the built-in one."""
    return click.option(
        "--call",
        "call_file",
        type=click.Path(path_type=Path, dir_okay=False),
        help=help,
    )


def load_call(path: Path | None) -> Call:
    """The call of ``--call`` (the built-in one without it); a bad file raises CallError."""
    from dossierkit.call import load_call as load

    return load(path)


def finish(code: int) -> NoReturn:
    """End the command with exit code ``code`` (through click, so that tests see it)."""
    click.get_current_context().exit(code)
