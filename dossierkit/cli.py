"""The ``dossierkit`` command: options in, a library call, a reporter out.

Exit codes: 0 the dossier is complete (warnings allowed), 1 it is incomplete or has errors,
2 a usage problem or an internal failure. No traceback reaches the user.
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from dossierkit import __version__
from dossierkit.limits import DEFAULT_LIMITS, MB, Limits

if TYPE_CHECKING:
    from dossierkit.call import Call
    from dossierkit.epci import Epci

EXIT_USAGE = 2
LANG = click.Choice(["fr", "en"])


def _fail(message: str) -> NoReturn:
    click.echo(f"dossierkit : {message}", err=True)
    sys.exit(EXIT_USAGE)


def _load_call(path: Path | None) -> Call:
    from dossierkit.call import CallFileError, load_call

    try:
        return load_call(path)
    except CallFileError as exc:
        _fail(str(exc))


def _check_dossier(dossier: Path) -> None:
    if not dossier.exists():
        _fail(f"le dossier « {dossier} » n'existe pas.")
    if not dossier.is_dir():
        _fail(
            f"« {dossier} » n'est pas un dossier : indiquez le dossier qui contient les pièces"
            " (décompressez d'abord une archive .zip)."
        )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(
    __version__, "--version", "-V", prog_name="dossierkit", message="%(prog)s %(version)s"
)
def cli() -> None:
    """Vérifie les dossiers de l'appel à projets « Tiers-lieux du numérique »
    de la Région Hauts-de-France.

    \b
    Exemples :
      dossierkit verify ./mon-dossier
      dossierkit verify ./mon-dossier --format json > rapport.json
      dossierkit checks
    """


@cli.command()
@click.argument("dossier", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text : liste lisible ; json : rapport pour les programmes.",
)
@click.option(
    "--lang", type=LANG, default="fr", show_default=True, help="Langue des messages (fr, en)."
)
@click.option(
    "--call",
    "call_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Fichier d'un autre appel à projets (YAML), au lieu de l'appel intégré.",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Relire les documents numérisés par OCR sans réutiliser les lectures gardées en cache.",
)
@click.option(
    "--max-file-mb",
    type=click.IntRange(1),
    default=DEFAULT_LIMITS.max_file_bytes // MB,
    show_default=True,
    help="Taille maximale d'un fichier lu (Mo).",
)
@click.option(
    "--max-pages",
    type=click.IntRange(1),
    default=DEFAULT_LIMITS.max_pdf_pages,
    show_default=True,
    help="Nombre maximal de pages d'un PDF.",
)
@click.option(
    "--max-pixels",
    type=click.IntRange(1),
    default=DEFAULT_LIMITS.max_image_pixels,
    show_default=True,
    help="Nombre maximal de pixels d'une image.",
)
@click.option(
    "--max-unpacked-mb",
    type=click.IntRange(1),
    default=DEFAULT_LIMITS.max_unpacked_bytes // MB,
    show_default=True,
    help="Taille maximale, décompressée, d'un DOCX, XLSX, ODT ou ODS (Mo).",
)
@click.option(
    "--max-entries",
    type=click.IntRange(1),
    default=DEFAULT_LIMITS.max_entries,
    show_default=True,
    help="Nombre maximal de fichiers dans un DOCX, XLSX, ODT ou ODS.",
)
@click.option(
    "--max-ratio",
    type=click.IntRange(1),
    default=DEFAULT_LIMITS.max_ratio,
    show_default=True,
    help="Taux de compression maximal d'un membre d'archive (anti « bombe zip »).",
)
@click.option(
    "--timeout",
    "seconds",
    type=click.FloatRange(1),
    default=DEFAULT_LIMITS.seconds_per_file,
    show_default=True,
    help="Durée maximale de lecture d'un fichier (secondes).",
)
def verify(
    dossier: Path,
    fmt: str,
    lang: str,
    call_file: Path | None,
    no_cache: bool,
    max_file_mb: int,
    max_pages: int,
    max_pixels: int,
    max_unpacked_mb: int,
    max_entries: int,
    max_ratio: int,
    seconds: float,
) -> None:
    """Vérifie le dossier DOSSIER : pièces trouvées, manquantes ou illisibles.

    Chaque fichier est lu à part, dans les limites indiquées : un fichier qui les dépasse est
    signalé et le reste du dossier est vérifié.

    Code de sortie : 0 dossier complet, 1 dossier incomplet, 2 erreur d'utilisation.
    """
    limits = Limits(
        max_file_mb * MB,
        max_pages,
        max_pixels,
        max_unpacked_mb * MB,
        max_entries,
        max_ratio,
        seconds,
    )
    _check_dossier(dossier)
    call = _load_call(call_file)
    from dossierkit.reading.ocr import OcrOptions
    from dossierkit.report.data import report_data
    from dossierkit.verify import verify as run_verify

    result = run_verify(dossier, call, ocr=OcrOptions(cache=not no_cache), limits=limits)
    report = report_data(result, lang)
    if fmt == "json":
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        from dossierkit.report.terminal import render_terminal

        render_terminal(report, call.title[lang])
    sys.exit(result.exit_code)


@cli.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown"]),
    default="text",
    show_default=True,
    help="text : pour le terminal ; markdown : pour la documentation.",
)
@click.option("--lang", type=LANG, default="fr", show_default=True, help="Langue (fr, en).")
def checks(fmt: str, lang: str) -> None:
    """Liste les contrôles : code, nom, gravité, pourquoi et comment corriger."""
    from dossierkit.report.checks_doc import checks_markdown, checks_text

    click.echo(checks_markdown(lang) if fmt == "markdown" else checks_text(lang), nl=False)


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
            _fail(f'{option} : « {value} » n\'est pas un montant (exemple : 52000 ou "52 000,50").')
        amounts.append(amount)
    return amounts


@cli.command()
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
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option("--lang", type=LANG, default="fr", show_default=True, help="Langue (fr, en).")
@click.option(
    "--call",
    "call_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Fichier d'un autre appel à projets (YAML).",
)
def aid(
    animation: tuple[str, ...] | None,
    equipment: str | None,
    start_year: int | None,
    fmt: str,
    lang: str,
    call_file: Path | None,
) -> None:
    """Combien demander ? L'aide maximale, année par année, avec le calcul.

    \b
    Exemple :
      dossierkit aid --animation 52000 51000 50000 --equipment 32000 --start-year 2027
    """
    from dossierkit.aid import animation_aid, equipment_aid
    from dossierkit.report.aid import aid_data, render_aid

    if not animation and equipment is None:
        _fail("indiquez les dépenses : --animation (par année) et/ou --equipment.")
    call = _load_call(call_file)
    expenses = _parse_amounts(animation or (), "--animation")
    years = [start_year + i for i in range(len(expenses))] if start_year else None
    yearly = animation_aid(call, expenses, years)
    equipment_ceiling = (
        equipment_aid(call, _parse_amounts((equipment,), "--equipment")[0]) if equipment else None
    )
    data = aid_data(yearly, equipment_ceiling, lang)
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        from rich.console import Console

        render_aid(data, lang, Console(highlight=False))


_KIND_HELP = "association, intercommunalite, commune ou autre"
_VAT_HELP = (
    "recupere, ne_recupere_pas ou fctva_investissement (FCTVA sur l'investissement seulement)"
)


def _epci(value: str | None, interactive: bool) -> Epci:
    """The EPCI named by ``value``, asking again (in French) until one is recognised."""
    from dossierkit.epci import lookup

    while True:
        if value is None:
            if not interactive:
                _fail("--no-input : l'option --intercommunalite est obligatoire.")
            value = click.prompt("Intercommunalité (nom ou SIREN)")
        found = lookup(value)
        if found is not None:
            return found
        message = (
            f"« {value} » n'est pas une intercommunalité des Hauts-de-France connue : "
            "écrivez son nom (« Communauté de communes du Ternois », « CC du Ternois ») ou son SIREN."
        )
        if not interactive:
            _fail(message)
        click.echo(f"Erreur : {message}", err=True)
        value = None


@cli.command()
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "--type",
    "kind",
    type=click.Choice(["association", "intercommunalite", "commune", "autre"]),
    help=f"Type de structure : {_KIND_HELP}.",
)
@click.option("--nom", "name", help="Nom de la structure qui demande l'aide.")
@click.option(
    "--intercommunalite", help="Intercommunalité qui porte ou désigne le projet (nom ou SIREN)."
)
@click.option(
    "--forme",
    "form",
    type=click.Choice(["lieu", "reseau"]),
    help="Un lieu, ou l'animation d'un réseau.",
)
@click.option("--responsable", help="Nom du responsable légal.")
@click.option("--qualite", help="Qualité du responsable légal (Président, Présidente…).")
@click.option(
    "--signataire", default="", help="Nom du signataire s'il n'est pas le responsable légal."
)
@click.option("--qualite-signataire", default="", help="Qualité du signataire (Vice-président…).")
@click.option("--contact", help="Interlocuteur sur le projet.")
@click.option(
    "--tva",
    "vat",
    type=click.Choice(["recupere", "ne_recupere_pas", "fctva_investissement"]),
    help=f"Régime de TVA : {_VAT_HELP}.",
)
@click.option("--ville", "town", default="", help="Ville du siège (pour « Fait à … »).")
@click.option("--adresse", "address", default="", help="Adresse du siège.")
@click.option(
    "--premiere-annee",
    "first_year",
    type=int,
    default=2027,
    show_default=True,
    help="Première année du projet.",
)
@click.option("--no-input", is_flag=True, help="Ne rien demander : tout vient des options.")
@click.option(
    "--force",
    is_flag=True,
    help="Écrire dans un dossier qui contient déjà des fichiers (sans jamais les écraser).",
)
def init(folder: Path, no_input: bool, force: bool, **options: Any) -> None:
    """Prépare le dossier FOLDER : courrier, dossier technique, budget, attestation, modèles à remplir."""
    from dossierkit.init import InitAnswers
    from dossierkit.init.create import FolderNotEmpty, create_dossier

    def ask(key: str, text: str, **prompt: Any) -> Any:
        if options.get(key) not in (None, ""):
            return options[key]
        if no_input:
            if "default" in prompt:
                return prompt["default"]
            _fail(f"--no-input : l'option correspondant à « {text} » est obligatoire.")
        return click.prompt(text, **prompt)

    if folder.exists() and any(folder.iterdir()) and not force:
        _fail(
            f"le dossier « {folder} » contient déjà des fichiers : choisissez un dossier vide, "
            "ou ajoutez --force pour compléter celui-ci (aucun fichier existant n'est remplacé)."
        )
    call = _load_call(None)
    kind = ask(
        "kind",
        "Type de structure",
        type=click.Choice(["association", "intercommunalite", "commune", "autre"]),
    )
    epci = _epci(options.get("intercommunalite"), not no_input)
    answers = InitAnswers(
        kind=kind,
        name=ask(
            "name",
            "Nom de la structure",
            default=epci.full_name if kind == "intercommunalite" else None,
        ),
        intercommunalite=epci.name,
        form=ask("form", "Lieu ou réseau", type=click.Choice(["lieu", "reseau"])),
        legal_name=ask("responsable", "Nom du responsable légal"),
        legal_title=ask("qualite", "Qualité du responsable légal", default="Président"),
        contact=ask("contact", "Interlocuteur sur le projet (nom, fonction)"),
        vat=ask(
            "vat",
            "Régime de TVA",
            type=click.Choice(["recupere", "ne_recupere_pas", "fctva_investissement"]),
        ),
        town=ask("town", "Ville du siège", default=""),
        address=ask("address", "Adresse du siège", default=""),
        signatory_name=ask(
            "signataire",
            "Signataire du courrier s'il n'est pas le responsable légal (vide sinon)",
            default="",
        ),
        signatory_title=options.get("qualite_signataire") or "",
        first_year=options["first_year"],
    )
    if answers.delegation and not answers.signatory_title:
        answers = replace(
            answers,
            signatory_title=ask(
                "qualite_signataire", "Qualité du signataire", default="Vice-président"
            ),
        )
    try:
        created = create_dossier(folder, answers, call, force=force)
    except FolderNotEmpty:
        _fail(
            f"le dossier « {folder} » contient déjà des fichiers : choisissez un dossier vide, "
            "ou ajoutez --force pour compléter celui-ci (aucun fichier existant n'est remplacé)."
        )
    for path in created.written:
        click.echo(f"écrit : {path}")
    for path in created.kept:
        click.echo(f"déjà présent, laissé tel quel : {path}")
    click.echo(
        f"Lisez {folder / 'LISEZMOI.txt'} : ce qu'il reste à remplir, à signer et à ajouter."
    )


@cli.command()
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
@click.option("--lang", type=LANG, default="fr", show_default=True, help="Langue (fr, en).")
@click.option(
    "--call",
    "call_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Fichier d'un autre appel à projets (YAML).",
)
def assemble(
    dossier: Path,
    output: Path | None,
    allow_incomplete: bool,
    with_report: bool,
    force: bool,
    renderer: str,
    timeout: float | None,
    lang: str,
    call_file: Path | None,
) -> None:
    """Assemble le dossier DOSSIER en un seul PDF à déposer : couverture, sommaire cliquable,
    pièces dans l'ordre de l'appel, pages tamponnées, originaux joints.

    \b
    Exemple :
      dossierkit assemble ./mon-dossier -o demande.pdf

    Code de sortie : 0 dossier complet assemblé, 1 dossier incomplet (non assemblé sans
    --allow-incomplete) ou pièce non convertie, 2 erreur d'utilisation.
    """
    _check_dossier(dossier)
    call = _load_call(call_file)
    from dossierkit.assemble import AssembleError, Options, Renderer, assemble_dossier

    converter = Renderer(renderer, timeout) if timeout else Renderer(renderer)
    options = Options(lang, allow_incomplete, force, with_report, converter)
    target = output or dossier.resolve().parent / f"{dossier.resolve().name}.pdf"
    try:
        assembly = assemble_dossier(dossier, target, call, options)
    except AssembleError as exc:
        click.echo(f"dossierkit : {exc.message}", err=True)
        for detail in exc.details:
            click.echo(f"  - {detail}", err=True)
        sys.exit(exc.exit_code)
    for message in assembly.messages:
        click.echo(message)
    sys.exit(assembly.exit_code)


_OUTPUT = click.Path(path_type=Path, dir_okay=False)
_DB_HELP = (
    "Registre des demandes (SQLite) ; par défaut « dossierkit-registre.sqlite » à côté du"
    " dossier d'arrivée."
)


def _run_command(run: Any) -> NoReturn:
    """Run a triage command; its usage problems become messages and exit code 2."""
    from dossierkit.triage.commands import UsageError

    try:
        code = run()
    except UsageError as exc:
        _fail(str(exc))
    sys.exit(code)


@cli.command()
@click.argument("inbox", metavar="ARRIVEES", type=click.Path(path_type=Path))
@click.option("--db", type=_OUTPUT, help=_DB_HELP)
@click.option("--csv", "csv_file", type=_OUTPUT, help="Tableau des dossiers en CSV (Excel).")
@click.option("--xlsx", "xlsx_file", type=_OUTPUT, help="Classeur Excel : dossiers et constats.")
@click.option("--json", "json_file", type=_OUTPUT, help="Résultat complet en JSON.")
@click.option("--html", "html_file", type=_OUTPUT, help="Page HTML autonome, triable et filtrable.")
@click.option("--force", is_flag=True, help="Remplacer les fichiers de sortie existants.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Dossiers vérifiés en même temps (par défaut : un par cœur).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=1),
    default=300,
    show_default=True,
    help="Temps maximal de vérification d'un dossier, en secondes.",
)
@click.option("--lang", type=LANG, default="fr", show_default=True, help="Langue (fr, en).")
@click.option(
    "--call", "call_file", type=_OUTPUT, help="Fichier d'un autre appel à projets (YAML)."
)
def triage(
    inbox: Path,
    db: Path | None,
    csv_file: Path | None,
    xlsx_file: Path | None,
    json_file: Path | None,
    html_file: Path | None,
    force: bool,
    jobs: int | None,
    timeout: float,
    lang: str,
    call_file: Path | None,
) -> None:
    """Vérifie tous les dossiers reçus dans ARRIVEES (dossiers et archives .zip), les inscrit
    au registre et repère ce qui ne se voit qu'entre dossiers (une aide par
    intercommunalité, un même IBAN, un même fichier, un dossier reçu deux fois).

    \b
    Exemple :
      dossierkit triage ./arrivees --xlsx tri.xlsx --html tri.html

    Code de sortie : 0 tous les dossiers sont complets, 1 au moins un est incomplet ou n'a
    pas pu être vérifié, 2 erreur d'utilisation.
    """
    from dossierkit.triage.commands import run_triage

    outputs = {
        option: path
        for option, path in (
            ("--csv", csv_file),
            ("--xlsx", xlsx_file),
            ("--json", json_file),
            ("--html", html_file),
        )
        if path is not None
    }
    call = _load_call(call_file)
    _run_command(
        lambda: run_triage(
            inbox,
            call,
            db=db,
            outputs=outputs,
            force=force,
            jobs=jobs,
            timeout=timeout,
            lang=lang,
        )
    )


@cli.command()
@click.argument("inbox", metavar="[ARRIVEES]", type=click.Path(path_type=Path), required=False)
@click.option("--db", type=_OUTPUT, help=_DB_HELP)
@click.option("--csv", "csv_file", type=_OUTPUT, help="Liste des demandes en CSV (Excel).")
@click.option("--xlsx", "xlsx_file", type=_OUTPUT, help="Liste des demandes en classeur Excel.")
@click.option("--force", is_flag=True, help="Remplacer les fichiers de sortie existants.")
@click.option("--lang", type=LANG, default="fr", show_default=True, help="Langue (fr, en).")
def registre(
    inbox: Path | None,
    db: Path | None,
    csv_file: Path | None,
    xlsx_file: Path | None,
    force: bool,
    lang: str,
) -> None:
    """Liste les demandes du registre dans l'ordre de leur réception, avec leur statut
    actuel (registre à côté du dossier d'arrivée ARRIVEES, ou --db).
    """
    from dossierkit.triage.commands import run_register

    outputs = {
        option: path
        for option, path in (("--csv", csv_file), ("--xlsx", xlsx_file))
        if path is not None
    }
    _run_command(lambda: run_register(inbox, db=db, outputs=outputs, force=force, lang=lang))


@cli.group()
def courrier() -> None:
    """Écrit les courriers d'instruction (Word, et PDF si LibreOffice est installé) à partir
    des modèles de templates/courriers/.
    """


def _letter_command(kind: str, summary: str) -> None:
    @courrier.command(kind, help=summary)
    @click.argument("dossier", type=click.Path(path_type=Path))
    @click.option("--db", type=_OUTPUT, help=_DB_HELP)
    @click.option(
        "--output",
        "-o",
        type=_OUTPUT,
        help="Fichier Word à écrire ; par défaut dans « courriers/ » à côté du registre.",
    )
    @click.option("--force", is_flag=True, help="Remplacer un courrier existant.")
    @click.option(
        "--pdf/--no-pdf",
        default=True,
        show_default=True,
        help="Écrire aussi le PDF (avec LibreOffice, s'il est installé).",
    )
    @click.option("--call", "call_file", type=_OUTPUT, help="Fichier d'un autre appel (YAML).")
    def command(
        dossier: Path,
        db: Path | None,
        output: Path | None,
        force: bool,
        pdf: bool,
        call_file: Path | None,
    ) -> None:
        from dossierkit.triage.commands import run_letter

        call = _load_call(call_file)
        _run_command(
            lambda: run_letter(kind, dossier, call, db=db, output=output, force=force, pdf=pdf)
        )


_letter_command(
    "accuse-reception",
    "Accusé de réception du dossier DOSSIER (dossier ou archive .zip reçus), avec sa date de"
    " réception au registre.",
)
_letter_command(
    "demande-complements",
    "Demande des pièces manquantes ou à corriger du dossier DOSSIER, avec ce qu'il faut envoyer.",
)


def main() -> None:
    """Console entry point: run the CLI, turning any unexpected failure into exit code 2."""
    try:
        cli.main(prog_name="dossierkit", standalone_mode=True)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        click.echo("dossierkit : interrompu.", err=True)
        sys.exit(130)
    except Exception as exc:  # the last net: a message, never a traceback
        click.echo(
            f"dossierkit : erreur interne ({type(exc).__name__} : {exc}). "
            "Merci de signaler ce problème avec le dossier qui l'a provoqué.",
            err=True,
        )
        sys.exit(EXIT_USAGE)
