"""``dossierkit assemble``: one indexed PDF to submit, from a verified dossier."""

from __future__ import annotations

from pathlib import Path

import click

from dossierkit.cli.common import call_option, finish, lang_option, load_call


@click.command()
@click.argument("dossier", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Fichier PDF à produire (par défaut : DOSSIER.pdf, à côté du dossier).",
)
@click.option(
    "--allow-incomplete",
    is_flag=True,
    help="Assembler même un dossier incomplet ; les manques sont signalés.",
)
@click.option(
    "--report", "with_report", is_flag=True, help="Ajouter le rapport de vérification à la fin."
)
@click.option("--force", is_flag=True, help="Remplacer le fichier PDF s'il existe déjà.")
@click.option(
    "--renderer",
    type=click.Choice(["auto", "libreoffice", "builtin"]),
    default="auto",
    show_default=True,
    help="Rendu des DOCX, ODT, XLSX, ODS : LibreOffice s'il est installé (auto), "
    "LibreOffice, ou le rendu intégré.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=1),
    default=None,
    help="Durée maximale d'une conversion par LibreOffice, en secondes (120 par défaut).",
)
@click.option(
    "--taille-max",
    "max_mb",
    type=click.FloatRange(min=0.1),
    default=20,
    show_default=True,
    help="Poids maximal du PDF assemblé, en Mo : au-delà, les images numérisées sont "
    "recompressées (sans perte, puis sans perte visible), et un avertissement reste s'il "
    "est encore trop lourd. 20 Mo passent par les messageries ; Démarches Simplifiées "
    "accepte 200 Mo par fichier.",
)
@lang_option()
@call_option()
def assemble(
    dossier: Path,
    output: Path | None,
    allow_incomplete: bool,
    with_report: bool,
    force: bool,
    renderer: str,
    timeout: float | None,
    max_mb: float,
    lang: str,
    call_file: Path | None,
) -> None:
    """Assemble le dossier DOSSIER (un dossier, ou son archive .zip) en un seul PDF à déposer : couverture, sommaire cliquable,
    pièces dans l'ordre de l'appel, pages tamponnées, originaux joints.

    \b
    Exemple :
      dossierkit assemble ./mon-dossier -o demande.pdf

    Code de sortie : 0 dossier complet assemblé, 1 dossier incomplet (non assemblé sans
    --allow-incomplete) ou pièce non convertie, 2 erreur d'utilisation.
    """
    from dossierkit.cli.dossier_input import given_dossier
    from dossierkit.limits import DEFAULT_LIMITS

    with given_dossier(dossier, DEFAULT_LIMITS) as given:
        call = load_call(call_file)
        from dossierkit.assemble import Options, Renderer, assemble_dossier

        converter = Renderer(renderer, timeout) if timeout else Renderer(renderer)
        options = Options(lang, allow_incomplete, force, with_report, converter, max_mb)
        target = output or dossier.resolve().parent / f"{given.root.resolve().name}.pdf"
        # An AssembleError (refused, incomplete without --allow-incomplete) carries its exit
        # code and its reasons; the group prints them.
        assembly = assemble_dossier(given.root, target, call, options)
        for message in assembly.messages:
            click.echo(message)
        finish(assembly.exit_code)
