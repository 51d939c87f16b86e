"""The ``dossierkit`` command: options in, a library call, a reporter out.

One module per command (``verify``, ``checks``, ``regles``, ``aid``, ``init``, ``assemble``, and the
instructors' ``triage``, ``registre``, ``courrier``, ``config``); ``group`` holds the group and
runs a command line. This module imports it only when a command runs: ``dossierkit --version``
answers from the version alone, without importing click and every command's module (they
took 0.09 s of processor, as long as Python's own start).

Exit codes (``dossierkit.errors.ExitCode``): 0 the dossier is complete (warnings allowed),
1 it is incomplete or has errors, 2 a usage problem or an internal failure, 130 interrupted
(Ctrl-C). Every ``DossierkitError`` is caught once, by the group, and printed without a
traceback; ``main`` turns anything else into an internal-problem message and exit code 2
(``DOSSIERKIT_DEBUG=1`` shows the traceback).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn

from dossierkit import __version__

if TYPE_CHECKING:
    from dossierkit.cli.group import cli

__all__ = ["VERSION_MESSAGE", "VERSION_OPTIONS", "cli", "main"]

VERSION_OPTIONS = ("--version", "-V")
# What ``--version`` prints (click's ``version_option`` message, ``%(prog)s %(version)s``).
VERSION_MESSAGE = "dossierkit %(version)s"


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """Console entry point: run the CLI and exit with its code, never with a traceback."""
    words = sys.argv[1:] if argv is None else list(argv)
    if len(words) == 1 and words[0] in VERSION_OPTIONS:
        print(VERSION_MESSAGE % {"version": __version__})
        sys.exit(0)
    from dossierkit.cli.group import main as run

    run(argv)


def __getattr__(name: str) -> object:
    """``cli``, the group of commands, imported when it is first asked for."""
    if name == "cli":
        from dossierkit.cli.group import cli

        return cli
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
