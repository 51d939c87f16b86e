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

    if fmt == "markdown":
        # The page of docs/verifications.md, kept as ``checks_markdown`` writes it (a test
        # compares them): Markdown is read rendered, where a line is broken by the reader.
        click.echo(checks_markdown(lang), nl=False)
        return
    from dossierkit.text import french_typography

    # Read in the terminal: French typography's no-break spaces (« Correction : »).
    text = checks_text(lang)
    click.echo(french_typography(text) if lang == "fr" else text, nl=False)
