"""The work of one request, in a fresh process: verify (and assemble) the received dossier.

Each check runs in its own interpreter, started for it (``workers.supervise`` with
``exec``) and gone when it ends, rather than in the web server's process:

- verify reads each file in forked reader processes (``reading.isolation``), and forking is
  only safe from a process without threads; the server runs threads (the event loop, the
  thread that waits here), a fresh interpreter has none;
- a check that outlives ``Settings.check_seconds`` has its process killed, and a crash of a
  native library ends that one check, never the service;
- one applicant's documents never stay in a process that serves the next one.

The process's temporary folder (``TMPDIR``, ``tempfile.tempdir``) is a folder inside the
request's own: the copies assembling, LibreOffice and OCR make of the documents are removed
with the request's folder, even when the process is killed at its time limit and cannot
remove them itself.

Nothing is cached: OCR results, kept by ``dossierkit verify`` in the user's cache, are not
kept here (``OcrOptions(cache=False)``), since a hosted service keeps nothing of a dossier.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from dossierkit.limits import Limits
from dossierkit.workers import CRASHED, NOT_STARTED, TIMEOUT, Done, supervise

T = TypeVar("T")


@dataclass(frozen=True)
class Assembled:
    """What assembling gave: the report, and either the PDF's path or the refusal (the
    command's message and its reasons, one per line)."""

    report: dict[str, Any]
    pdf: Path | None
    refusal: str = ""
    reasons: tuple[str, ...] = ()


class JobFailed(Exception):
    """The check did not give an answer: ``reason`` says why, in French and English."""

    def __init__(self, reason: str, reason_en: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.reason_en = reason_en


def _verified(root: Path, lang: str, limits: Limits, call_file: Path | None) -> Any:
    from dossierkit.call import load_call
    from dossierkit.reading.ocr import OcrOptions
    from dossierkit.verify import verify

    call = load_call(call_file)
    return verify(root, call, ocr=OcrOptions(cache=False, limits=limits), limits=limits)


def check(root: Path, lang: str, limits: Limits, call_file: Path | None) -> dict[str, Any]:
    """The report of the dossier at ``root``, as ``dossierkit verify --format json`` gives it."""
    from dossierkit.report.data import report_data

    return report_data(_verified(root, lang, limits, call_file), lang)


def assemble(
    root: Path,
    output: Path,
    lang: str,
    draft: bool,
    limits: Limits,
    call_file: Path | None,
    renderer: str,
) -> Assembled:
    """Verify then assemble the dossier at ``root`` into ``output``, as ``dossierkit
    assemble`` does (``draft`` is its ``--allow-incomplete``)."""
    from dossierkit.assemble import AssembleError, Options, Renderer
    from dossierkit.assemble import assemble as assemble_verified
    from dossierkit.report.data import report_data

    result = _verified(root, lang, limits, call_file)
    report = report_data(result, lang)
    options = Options(lang, allow_incomplete=draft, renderer=Renderer(renderer))
    try:
        assemble_verified(result, output, options)
    except AssembleError as error:
        return Assembled(report, None, error.message, error.details)
    return Assembled(report, output)


def _in_temp(temp: Path, function: Any, args: tuple[Any, ...]) -> Any:
    """``function(*args)`` with ``temp`` as the temporary folder of this process and of the
    programs it runs (run in the fresh interpreter: the server's own is left alone)."""
    os.environ["TMPDIR"] = str(temp)
    tempfile.tempdir = str(temp)
    return function(*args)


def run_isolated(function: Any, args: tuple[Any, ...], seconds: float, temp: Path) -> Any:
    """``function(*args)`` in a new interpreter, within ``seconds``, its temporary files in
    ``temp`` (an existing private folder the caller removes); ``JobFailed`` when it gives no
    value (time-out, crash, or an exception, which is a bug of ours)."""
    task = (temp, function, args)
    for result in supervise(_in_temp, [task], workers=1, timeout=seconds, start="exec"):
        if isinstance(result, Done):
            return result.value
        if result.why == TIMEOUT:
            raise JobFailed(
                f"elle a duré plus de {seconds:.0f} s", f"it took more than {seconds:.0f} s"
            )
        if result.why in (CRASHED, NOT_STARTED):
            raise JobFailed(
                "le processus de vérification s'est arrêté", "the check process stopped"
            )
        raise JobFailed(f"{result.error} : {result.message}", f"{result.error}: {result.message}")
    raise JobFailed("aucune réponse", "no answer")
