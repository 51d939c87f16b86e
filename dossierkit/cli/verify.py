"""``dossierkit verify``: check one dossier and print its report."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import click

from dossierkit.cli.common import call_option, finish, lang_option, load_call
from dossierkit.errors import UsageError
from dossierkit.limits import Limits, limit_options

F = TypeVar("F", bound=Callable[..., Any])


def limits_options(command: F) -> F:
    """One option per field of ``Limits`` that has one (``--max-pages``, ``--timeout``…),
    generated from the record so that the options and the limits cannot drift apart.

    Each option's value reaches the command under the field's name, in the option's unit
    (``Limits.from_options`` converts it).
    """
    # click lists the options of a command in the reverse order of their decorators.
    for name, option, default in reversed(limit_options()):
        kind = click.IntRange(1) if isinstance(default, int) else click.FloatRange(1)
        command = click.option(
            option.flag, name, type=kind, default=default, show_default=True, help=option.help
        )(command)
    return command


def _day(value: str) -> date:
    """``02/12/2026`` as the French write it, or ``2026-12-02``."""
    match = re.fullmatch(r"\s*(\d{1,2})[/.](\d{1,2})[/.](\d{4})\s*", value)
    try:
        if match is not None:
            return date(int(match[3]), int(match[2]), int(match[1]))
        return date.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(
            f"--le : « {value} » n'est pas une date (exemple : 02/12/2026).",
            english=f'--le: "{value}" is not a date (for example 02/12/2026).',
        ) from None


@click.command()
@click.argument("dossier", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text : liste lisible ; json : rapport pour les programmes.",
)
@lang_option("Langue des messages (fr, en).")
@call_option("Fichier d'un autre appel à projets (YAML), au lieu de l'appel intégré.")
@click.option(
    "--no-cache",
    is_flag=True,
    help="Relire les documents numérisés par OCR sans réutiliser les lectures gardées en cache.",
)
@click.option(
    "--le",
    "judged_on",
    default=None,
    metavar="JJ/MM/AAAA",
    help="Juger le dossier comme à cette date (celle de sa réception, pour un dossier "
    "vérifié de nouveau plus tard) : un plan qui commence avant elle est signalé. "
    "Par défaut, aujourd'hui.",
)
@limits_options
def verify(
    dossier: Path,
    fmt: str,
    lang: str,
    call_file: Path | None,
    no_cache: bool,
    judged_on: str | None,
    **limits: int | float,
) -> None:
    """Vérifie le dossier DOSSIER (un dossier, ou l'archive .zip qui le rassemble) : pièces
    trouvées, manquantes ou illisibles.

    Chaque fichier est lu à part, dans les limites indiquées : un fichier qui les dépasse est
    signalé et le reste du dossier est vérifié.

    Code de sortie : 0 dossier complet, 1 dossier incomplet, 2 erreur d'utilisation.
    """
    today = _day(judged_on) if judged_on is not None else None
    chosen = Limits.from_options(limits)
    from dossierkit.cli.dossier_input import given_dossier

    with given_dossier(dossier, chosen) as given:
        call = load_call(call_file)
        from dossierkit.findings import Finding
        from dossierkit.reading.ocr import OcrOptions
        from dossierkit.report.data import report_data
        from dossierkit.verify import Verification
        from dossierkit.verify import verify as run_verify

        result = run_verify(
            given.root,
            call,
            ocr=OcrOptions(cache=not no_cache, limits=chosen),
            limits=chosen,
            today=today,
        )
        if given.set_aside:
            findings = sorted((*result.findings, *given.set_aside), key=Finding.sort_key)
            result = Verification(result.dossier, tuple(findings))
        report = report_data(result, lang)
        if fmt == "json":
            import json

            click.echo(json.dumps(report, ensure_ascii=False, indent=2))
        else:
            from dossierkit.report.terminal import render_terminal

            render_terminal(report, call.title[lang])
        finish(result.exit_code)
