"""``dossierkit aid``: how much aid to ask for, year by year, with the arithmetic."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from dossierkit.cli.common import call_option, lang_option, load_call
from dossierkit.errors import UsageError

if TYPE_CHECKING:
    from decimal import Decimal


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
            raise UsageError(
                f'{option} : « {value} » n\'est pas un montant (exemple : 52000 ou "52 000,50").',
                english=f'{option}: "{value}" is not an amount (for example 52000 or 52000.50).',
            )
        amounts.append(amount)
    return amounts


@click.command()
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
    "--start",
    "--debut",
    "start",
    default=None,
    help="Date de début du plan d'action (dépenses éligibles) : --start 2027-09-01 ou "
    "2027-09. Hors janvier, 3 montants d'animation sont les années du plan (sept. 2027 – "
    "août 2028…), 4 montants les années civiles 2027 à 2030, partagées au prorata des mois.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@lang_option()
@call_option()
def aid(
    animation: tuple[str, ...] | None,
    equipment: str | None,
    start_year: int | None,
    start: str | None,
    fmt: str,
    lang: str,
    call_file: Path | None,
) -> None:
    """Combien demander ? L'aide maximale, année par année, avec le calcul.

    \b
    Exemple :
      dossierkit aid --animation 52000 51000 50000 --equipment 32000 --start-year 2027
      dossierkit aid --animation 20000 60000 60000 40000 --start 2027-09
    """
    from dossierkit.aid import animation_aid, equipment_aid, plan_start
    from dossierkit.report.aid import aid_data, render_aid

    if not animation and equipment is None:
        raise UsageError(
            "indiquez les dépenses : --animation (par année) et/ou --equipment.",
            english="give the expenses: --animation (per year) and/or --equipment.",
        )
    call = load_call(call_file)
    expenses = _parse_amounts(animation or (), "--animation")
    first_day = plan_start(start) if start else None
    if start and first_day is None:
        raise UsageError(
            f"--start : « {start} » n'est pas une date (exemple : 2027-09-01 ou 2027-09).",
            english=f'--start: "{start}" is not a date (for example 2027-09-01 or 2027-09).',
        )
    if start_year is not None and not 1000 <= start_year <= 9999:
        raise UsageError(
            f"--start-year : « {start_year} » n'est pas une année (exemple : 2027).",
            english=f'--start-year: "{start_year}" is not a year (for example 2027).',
        )
    if first_day is not None and start_year is not None and start_year != first_day.year:
        raise UsageError(
            f"--start-year {start_year} et --start {start} se contredisent : le plan ne peut "
            f"commencer qu'une année ; gardez --start seul.",
            english=f"--start-year {start_year} and --start {start} disagree: the plan "
            f"starts in one year only; keep --start alone.",
        )
    if first_day is not None:
        start_year = first_day.year
    years = [start_year + i for i in range(len(expenses))] if start_year is not None else None
    yearly = animation_aid(call, expenses, years, start=first_day)
    equipment_ceiling = (
        equipment_aid(call, _parse_amounts((equipment,), "--equipment")[0]) if equipment else None
    )
    data = aid_data(yearly, equipment_ceiling, lang)
    if fmt == "json":
        import json

        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        from dossierkit.report.terminal import bound_console

        render_aid(data, lang, bound_console())
