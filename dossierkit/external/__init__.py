"""External programs (LibreOffice, Tesseract): one module per program, one way to run them.

Every call goes through ``run``: it always has a timeout, never reads standard input, runs
without a shell, and turns a missing program into install advice and a crash or a time-out
into an ExternalError that the caller reports as a finding on the file, never a traceback.
Modelled on OCRmyPDF's ``_exec`` package.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dossierkit.errors import ProgramError
from dossierkit.workers import die_with_parent

log = logging.getLogger(__name__)


class ExternalError(ProgramError):
    """A program that failed; ``message`` is what the user reads in French, ``english`` the
    same in English (``text(lang)`` gives the one asked for, French when there is no
    English), ``returncode`` the program's exit code when it ran and failed (None
    otherwise)."""

    def __init__(
        self,
        program: str,
        message: str,
        detail: str = "",
        *,
        english: str | None = None,
        returncode: int | None = None,
    ) -> None:
        super().__init__(f"{program}: {message}", english=english)
        self.program = program
        self.message = message
        self.detail = detail
        self.returncode = returncode


class MissingProgram(ExternalError):
    """A program that is not installed; the message says how to install it."""


class ProgramTimeout(ExternalError):
    """A program that did not finish in time (and was killed)."""


@dataclass(frozen=True)
class Program:
    """How to find a program and how to install it on the user's system."""

    name: str  # what the user calls it: "LibreOffice"
    executables: tuple[str, ...]  # names to look for on PATH
    install: Mapping[str, str]  # system → command
    # system → command in English, where it differs from the French (a note, a web page)
    install_en: Mapping[str, str] = field(default_factory=dict)

    def find(self) -> str | None:
        """The program's path, or None when it is not on PATH."""
        for executable in self.executables:
            found = shutil.which(executable)
            if found:
                return found
        return None

    def install_command(self, system: str, lang: str = "fr") -> str:
        """The command that installs the program on ``system``, in ``lang``."""
        if lang == "en":
            return self.install_en.get(system, self.install[system])
        return self.install[system]

    def commands(self, lang: str = "fr") -> str:
        """Every system's install command, each after its system's name, in ``lang``."""
        if lang == "en":
            return "; ".join(f"{s}: {self.install_command(s, 'en')}" for s in self.install)
        return " ; ".join(f"{system} : {command}" for system, command in self.install.items())

    def advice(self, lang: str = "fr") -> str:
        """That the program is missing, and the install commands, one per system, in
        ``lang`` (French by default)."""
        if lang == "en":
            return f"{self.name} is not installed. Install it: {self.commands('en')}."
        return f"{self.name} n'est pas installé. Installez-le : {self.commands()}."

    def missing(self) -> MissingProgram:
        """The error that says the program is missing, in French and in English."""
        return MissingProgram(self.name, self.advice(), english=self.advice("en"))


def run(
    program: Program,
    arguments: Sequence[str | Path],
    *,
    timeout: float,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    executable: str | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """Run ``program`` with ``arguments``; raise ExternalError on absence, time-out or failure.
    ``executable`` is the file to run when it is not the one ``program`` finds on PATH (the
    binary behind a launcher script: ``soffice``)."""
    executable = executable or program.find()
    if executable is None:
        raise program.missing()
    command = [executable, *map(str, arguments)]
    log.debug("%s: %s", program.name, command)
    try:
        completed = _run_group(command, timeout, {**os.environ, **(env or {})}, cwd)
    except subprocess.TimeoutExpired as exc:
        raise program_timeout(program.name, timeout) from exc
    except OSError as exc:
        raise ExternalError(
            program.name,
            f"{program.name} n'a pas pu être lancé ({exc.strerror})",
            english=f"{program.name} could not be started ({exc.strerror})",
        ) from exc
    if completed.returncode != 0:
        detail = completed.stderr.decode("utf-8", "replace")[-2000:]
        raise ExternalError(
            program.name,
            f"{program.name} a échoué (code {completed.returncode})",
            detail,
            english=f"{program.name} failed (exit code {completed.returncode})",
            returncode=completed.returncode,
        )
    return completed


def program_timeout(name: str, timeout: float) -> ProgramTimeout:
    """The error that says the program ``name`` did not finish in ``timeout`` seconds."""
    return ProgramTimeout(
        name,
        f"{name} n'a pas terminé en {timeout:.0f} s",
        english=f"{name} did not finish in {timeout:.0f} s",
    )


def _run_group(
    command: list[str], timeout: float, env: Mapping[str, str], cwd: Path | None
) -> subprocess.CompletedProcess[bytes]:
    """Run ``command`` in a process group of its own, killed whole at the time-out or when
    anything interrupts the wait: LibreOffice's launcher starts ``soffice.bin`` as its child,
    which killing the launcher alone would leave running. The program also dies when the
    thread that started it does (``die_with_parent``), so that a dossierkit killed with
    SIGKILL leaves no Tesseract or LibreOffice behind."""
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=dict(env),
        cwd=cwd,
        start_new_session=True,
        preexec_fn=die_with_parent if sys.platform.startswith("linux") else None,
    )
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except BaseException:
        _kill_group(process)
        raise
    # The program is done; what it may have left running in its group goes with it.
    _kill_group(process)
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(OSError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(OSError, ValueError):
        process.communicate()
