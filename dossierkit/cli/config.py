"""``dossierkit config``: the instructing service's settings and its own letter templates."""

from __future__ import annotations

import shutil

import click

from dossierkit.errors import OutputExistsError


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
def config(key: str | None, value: str | None, templates: bool, force: bool) -> None:
    """Règle l'identité du service instructeur, imprimée dans les courriers.

    \b
    Sans argument : affiche les réglages et ce qui manque.
    Avec CLE VALEUR : enregistre un réglage, par exemple
      dossierkit config instructeur "Claire Martin"
    """
    from dossierkit.resources import templates_dir
    from dossierkit.text import french_typography
    from dossierkit.triage.service import (
        BY_KEY,
        SETTINGS,
        ServiceError,
        config_path,
        load_service,
        save_setting,
        templates_override,
    )

    if templates:
        folder = templates_override()
        shipped = sorted((templates_dir() / "courriers").glob("*.docx"))
        existing = [folder / s.name for s in shipped if (folder / s.name).exists()]
        if existing and not force:
            raise OutputExistsError(
                f"le service a déjà ses modèles ({', '.join(p.name for p in existing)}) dans "
                f"« {folder} » : ils ont peut-être été modifiés. Utilisez --force pour les remplacer."
            )
        folder.mkdir(parents=True, exist_ok=True)
        for source in shipped:
            shutil.copyfile(source, folder / source.name)
        click.echo(french_typography(f"Modèles copiés dans : {folder}"))
        click.echo(
            french_typography(
                "Modifiez-les dans Word ; les courriers les utiliseront à la place des modèles "
                "livrés."
            )
        )
        return
    if key is not None and key not in BY_KEY:
        raise ServiceError(f"réglage inconnu « {key} » : les réglages sont {', '.join(BY_KEY)}.")
    if key is not None and value is not None:
        save_setting(key, value)
        click.echo(f"{key} = {value}  ({config_path()})")
        return
    service = load_service()
    if key is not None:
        click.echo(service.get(key) or "")
        return
    click.echo(french_typography(f"Réglages du service : {config_path()}"))
    for setting in SETTINGS:
        shown = service.values.get(setting.key) or (
            f"{setting.default} (par défaut)" if setting.default else "— à renseigner"
        )
        click.echo(f"  {setting.key:<20} {shown}")
        click.echo(f"  {'':<20} {setting.label}")
    if missing := service.missing():
        click.echo(
            french_typography(
                "\nÀ renseigner avant d'écrire un courrier : "
                + ", ".join(s.key for s in missing)
                + f'. Exemple : dossierkit config {missing[0].key} "{missing[0].example}"'
            )
        )
    click.echo(
        french_typography(f"\nModèles du service (remplacent ceux livrés) : {templates_override()}")
    )
