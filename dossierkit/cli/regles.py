"""``dossierkit regles``: the call's text, sentence by sentence, with the checks of each."""

from __future__ import annotations

from pathlib import Path

import click

from dossierkit.cli.common import call_option, lang_option


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["markdown", "json"]),
    default="markdown",
    show_default=True,
    help="markdown : pour lire ou pour la documentation ; json : pour un programme.",
)
@lang_option()
@call_option()
def regles(fmt: str, lang: str, call_file: Path | None) -> None:
    """Chaque phrase de l'appel et ce qui la vérifie.

    Pour chaque phrase : les contrôles qui la vérifient, ou pourquoi elle ne se vérifie pas
    sur les pièces (« non vérifiable sur pièces »), ou « sans règle ». Le décompte des
    phrases vérifiées est écrit sur la sortie d'erreur.

    \b
    Exemple :
      dossierkit regles --format markdown > docs/regles.md
    """
    from dossierkit.call import DEFAULT_CALL
    from dossierkit.checks import BY_CODE
    from dossierkit.cli.common import load_call
    from dossierkit.report.rules import call_rules, rules_data, rules_markdown, summary
    from dossierkit.resources import calls_dir

    path = call_file or calls_dir() / DEFAULT_CALL
    call = load_call(call_file)
    rules = call_rules(path)
    if fmt == "json":
        import json

        click.echo(json.dumps(rules_data(rules, lang), ensure_ascii=False, indent=2))
    else:
        names = {code: check.name for code, check in BY_CODE.items()}
        map_name = f"{path.stem}.regles.yaml"
        click.echo(rules_markdown(rules, call.title[lang], map_name, lang, names), nl=False)
    click.echo(summary(rules, lang), err=True)
