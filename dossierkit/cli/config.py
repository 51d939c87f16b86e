"""``dossierkit config``: the instructing service's settings and its own letter templates."""

from __future__ import annotations

import shutil

import click

from dossierkit.cli.common import lang_option
from dossierkit.errors import OutputExistsError

# What ``config`` says, French first; spaces before « : ; » are bound when printed.
TEXTS: dict[str, dict[str, str]] = {
    "fr": {
        "copied": "Modèles copiés dans : {folder}",
        "edit": "Modifiez-les dans Word ; les courriers les utiliseront à la place des modèles "
        "livrés.",
        "settings": "Réglages du service : {path}",
        "default": "{value} (par défaut)",
        "unset": "— à renseigner",
        "missing": "\nÀ renseigner avant d'écrire un courrier : {keys}. "
        'Exemple : dossierkit config {key} "{example}"',
        "templates": "\nModèles du service (remplacent ceux livrés) : {folder}",
    },
    "en": {
        "copied": "Templates copied to: {folder}",
        "edit": "Edit them in Word; the letters will use them instead of the shipped templates.",
        "settings": "Service settings: {path}",
        "default": "{value} (default)",
        "unset": "— to be set",
        "missing": "\nTo set before writing a letter: {keys}. "
        'Example: dossierkit config {key} "{example}"',
        "templates": "\nService templates (they replace the shipped ones): {folder}",
    },
}


def _say(lang: str, text_key: str, **values: object) -> None:
    from dossierkit.text import french_typography

    text = TEXTS[lang][text_key].format(**values)
    click.echo(french_typography(text) if lang == "fr" else text)


@click.command()
@click.argument("key", required=False)
@click.argument("value", required=False)
@click.option(
    "--modeles",
    "templates",
    is_flag=True,
    help="Copier les modèles de courriers dans le dossier du service, pour les modifier dans Word.",
)
@click.option("--force", is_flag=True, help="Avec --modeles : remplacer les modèles du service.")
@lang_option("Langue des messages (fr, en).")
def config(key: str | None, value: str | None, templates: bool, force: bool, lang: str) -> None:
    """Règle l'identité du service instructeur, imprimée dans les courriers.

    \b
    Sans argument : affiche les réglages et ce qui manque.
    Avec CLE VALEUR : enregistre un réglage, par exemple
      dossierkit config instructeur "Claire Martin"
    """
    from dossierkit.resources import templates_dir
    from dossierkit.triage.service import (
        BY_KEY,
        SETTINGS,
        config_path,
        load_service,
        save_setting,
        templates_override,
        unknown_setting,
    )

    if templates:
        folder = templates_override()
        shipped = sorted((templates_dir() / "courriers").glob("*.docx"))
        existing = [folder / s.name for s in shipped if (folder / s.name).exists()]
        names = ", ".join(p.name for p in existing)
        if existing and not force:
            raise OutputExistsError(
                f"le service a déjà ses modèles ({names}) dans « {folder} » : ils ont peut-être "
                "été modifiés. Utilisez --force pour les remplacer.",
                english=f'the service already has its templates ({names}) in "{folder}": they '
                "may have been edited. Use --force to replace them.",
            )
        folder.mkdir(parents=True, exist_ok=True)
        for source in shipped:
            shutil.copyfile(source, folder / source.name)
        _say(lang, "copied", folder=folder)
        _say(lang, "edit")
        return
    if key is not None and key not in BY_KEY:
        raise unknown_setting(key)
    if key is not None and value is not None:
        save_setting(key, value)
        click.echo(f"{key} = {value}  ({config_path()})")
        return
    service = load_service()
    if key is not None:
        click.echo(service.get(key) or "")
        return
    _say(lang, "settings", path=config_path())
    for setting in SETTINGS:
        shown = service.values.get(setting.key) or (
            TEXTS[lang]["default"].format(value=setting.default)
            if setting.default
            else TEXTS[lang]["unset"]
        )
        click.echo(f"  {setting.key:<20} {shown}")
        click.echo(f"  {'':<20} {setting.label if lang == 'fr' else setting.label_en}")
    if missing := service.missing():
        keys = ", ".join(s.key for s in missing)
        _say(lang, "missing", keys=keys, key=missing[0].key, example=missing[0].example)
    _say(lang, "templates", folder=templates_override())
