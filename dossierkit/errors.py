"""Exit codes, and the one exception family the library raises on purpose.

Modelled on OCRmyPDF's ``exceptions.py``: every error the user can act on is a
``DossierkitError`` that carries its exit code and the message the user reads (French first,
English when the command runs with ``--lang en``). The CLI catches the base class once and
prints the message without a traceback; anything else that escapes is a bug, reported as an
internal problem with exit code 2 (see ``dossierkit.cli.main``).

Problems *in* a dossier (a missing piece, an unreadable file, a program that timed out on one
file) are not exceptions: they are findings, and the exit code says whether the dossier is
complete. An exception here means the command could not do what it was asked.

This module is a leaf: it imports nothing from dossierkit, so that any layer may raise.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum


class ExitCode(IntEnum):
    """What ``dossierkit``'s exit status means; scripts and CI rely on these numbers."""

    COMPLETE = 0  # the dossier is complete (warnings allowed), or the command succeeded
    INCOMPLETE = 1  # a piece is missing or a finding is an error (the work itself was done)
    USAGE = 2  # the command could not run as asked: bad path, option, call file…
    INTERNAL = 2  # an unexpected failure (a bug): same code as a usage problem, by design
    INTERRUPTED = 130  # Ctrl-C, as a shell reports a process ended by SIGINT (128 + 2)


class DossierkitError(Exception):
    """An error the user can read and act on: a message, details, and the exit code.

    ``message`` is French; ``english`` is its translation when the raiser has one (the CLI
    falls back to French otherwise). ``details`` are extra lines (the reasons, one each).
    Subclasses keep their own constructors; they only need to call ``super().__init__`` with
    the message, so that ``str(exc)`` stays what it was.
    """

    exit_code: int = ExitCode.USAGE

    def __init__(
        self,
        message: str = "",
        *,
        english: str | None = None,
        details: Sequence[str] = (),
        exit_code: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.english = english
        self.details = tuple(details)
        if exit_code is not None:
            self.exit_code = exit_code

    def text(self, lang: str = "fr") -> str:
        """The message in ``lang`` (English when asked and available, French otherwise)."""
        if lang == "en" and self.english:
            return self.english
        return self.message or str(self)


class UsageError(DossierkitError):
    """What the user asked cannot be done as asked (a path, an option, an answer); the
    message says how to fix it. Exit code 2."""


class OutputExistsError(UsageError):
    """An output file or folder already exists and ``--force`` was not given: nothing is
    ever replaced silently. Exit code 2."""


class CallError(DossierkitError):
    """The call file (``--call``) cannot be read or does not follow the call schema; the
    message names the JSON path of the fault. Exit code 2."""


class InputError(DossierkitError):
    """An input the library was handed cannot be used at all (a manifest, an archive, a
    register, a template): unlike a piece of a dossier, it is not reported as a finding."""


class ProgramError(DossierkitError):
    """An external program (LibreOffice, Tesseract) is missing, crashed or timed out.

    Reading turns these into findings on the file; they reach the user as an error only
    where the program was explicitly required (``assemble --renderer libreoffice``).
    """
