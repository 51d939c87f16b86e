"""``dossierkit checks``: list every check, from the registry."""

from __future__ import annotations

import click

from dossierkit.cli.common import lang_option


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown"]),
    default="text",
    show_default=True,
    help="text : pour le terminal ; markdown : pour la documentation.",
)
@lang_option()
def checks(fmt: str, lang: str) -> None:
    """Liste les contrôles : code, nom, gravité, pourquoi et comment corriger."""
    from dossierkit.report.checks_doc import checks_markdown, checks_text

    click.echo(checks_markdown(lang) if fmt == "markdown" else checks_text(lang), nl=False)
