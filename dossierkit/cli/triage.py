"""The instructors' commands: ``triage`` an inbox, list the ``registre``, write a ``courrier``.

Each one reads its options and calls one function of ``dossierkit.triage.commands``, which
checks the paths before any long work; its UsageError reaches the group like any other error.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from dossierkit.cli.common import Group, call_option, finish, lang_option, load_call

_OUTPUT = click.Path(path_type=Path, dir_okay=False)
_DB_HELP = (
    "Registre des demandes (SQLite) ; par défaut « dossierkit-registre.sqlite » à côté du"
    " dossier d'arrivée."
)


@click.command()
@click.argument("inbox", metavar="ARRIVEES", type=click.Path(path_type=Path))
@click.option("--db", type=_OUTPUT, help=_DB_HELP)
@click.option(
    "--csv",
    "csv_file",
    type=_OUTPUT,
    help="Tableau de suivi en CSV (Excel) : une ligne par demande.",
)
@click.option(
    "--xlsx",
    "xlsx_file",
    type=_OUTPUT,
    help="Classeur Excel : demandes, versions reçues, constats, incidents.",
)
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
    default=None,
    help="Temps maximal de vérification d'un dossier, en secondes (par défaut : deux minutes"
    " par fichier, plus une minute).",
)
@click.option(
    "--recu-le",
    "received_on",
    type=click.DateTime(formats=["%Y-%m-%d", "%d/%m/%Y"]),
    help="Date de réception (JJ/MM/AAAA) des envois nouveaux au registre, quand elle est "
    "connue (cachet de la poste, date du courriel) ; sinon, celle de leur arrivée (date de "
    "l'archive ou du dossier lui-même, pas des fichiers qu'il contient). Un envoi déjà inscrit "
    "garde sa date, et un complément n'est jamais daté avant la demande qu'il complète.",
)
@click.option(
    "--source",
    metavar="PLATEFORME",
    help="Lire ARRIVEES comme l'export de cette plateforme (demarches-simplifiees) ; "
    "par défaut, un export est reconnu à sa forme.",
)
@click.option(
    "--mapping",
    "mapping_file",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="Correspondance (YAML) d'une autre plateforme : quel champ ou quel nom de fichier "
    "est quelle pièce, quelle colonne le numéro et la date de dépôt.",
)
@click.option(
    "--suivi",
    "answers_file",
    type=_OUTPUT,
    help="Pour un export de plateforme : tableau (CSV) par numéro de dossier, avec le verdict,"
    " les pièces manquantes et le message à envoyer par la messagerie.",
)
@lang_option()
@call_option()
def triage(
    inbox: Path,
    db: Path | None,
    csv_file: Path | None,
    xlsx_file: Path | None,
    json_file: Path | None,
    html_file: Path | None,
    force: bool,
    jobs: int | None,
    timeout: float | None,
    received_on: datetime | None,
    source: str | None,
    mapping_file: Path | None,
    answers_file: Path | None,
    lang: str,
    call_file: Path | None,
) -> None:
    """Vérifie tous les dossiers reçus dans ARRIVEES (dossiers et archives .zip), les inscrit
    au registre et repère ce qui ne se voit qu'entre dossiers (une aide par
    intercommunalité, un même IBAN, un même fichier, un dossier reçu deux fois).

    ARRIVEES peut aussi être l'export d'une plateforme (Démarches Simplifiées) : l'archive
    .zip téléchargée, son dossier décompressé ou le dossier où elle a été téléchargée avec
    son tableau (CSV ou XLSX). Chaque dossier de la plateforme est alors une demande, avec
    son numéro et sa date de dépôt.

    \b
    Exemples :
      dossierkit triage ./arrivees --xlsx tri.xlsx --html tri.html
      dossierkit triage ~/Téléchargements/dossiers_tiers-lieux_2026-03-12_09-30.zip \\
          --suivi suivi.csv --xlsx tri.xlsx

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
    call = load_call(call_file)
    finish(
        run_triage(
            inbox,
            call,
            db=db,
            outputs=outputs,
            force=force,
            jobs=jobs,
            timeout=timeout,
            lang=lang,
            received_at=received_on.astimezone() if received_on is not None else None,
            source=source,
            mapping_file=mapping_file,
            answers_file=answers_file,
        )
    )


@click.command()
@click.argument("targets", metavar="[ARRIVEES] [REF]", nargs=-1)
@click.option("--db", type=_OUTPUT, help=_DB_HELP)
@click.option("--csv", "csv_file", type=_OUTPUT, help="Liste des demandes en CSV (Excel).")
@click.option("--xlsx", "xlsx_file", type=_OUTPUT, help="Liste des demandes en classeur Excel.")
@click.option("--force", is_flag=True, help="Remplacer les fichiers de sortie existants.")
@click.option(
    "--entre",
    "compare",
    type=(click.IntRange(min=1), click.IntRange(min=1)),
    help="Avec REF : ce qui a changé entre deux versions (par exemple --entre 1 3).",
)
@click.option(
    "--rattacher",
    "attach",
    metavar="ENVOI",
    help="Avec REF : rattacher à la demande le complément ENVOI (nom de l'envoi en attente).",
)
@click.option(
    "--doublon-de",
    "original",
    metavar="REF2",
    help="Avec REF : noter que la demande REF est un doublon de la demande REF2 (elle reste "
    "au registre, mais n'est plus comparée aux autres demandes).",
)
@lang_option()
@call_option()
def registre(
    targets: tuple[str, ...],
    db: Path | None,
    csv_file: Path | None,
    xlsx_file: Path | None,
    force: bool,
    compare: tuple[int, int] | None,
    attach: str | None,
    original: str | None,
    lang: str,
    call_file: Path | None,
) -> None:
    """Liste les demandes du registre dans l'ordre de leur réception, avec leur statut
    actuel (registre à côté du dossier d'arrivée ARRIVEES, ou --db). Avec la référence REF
    d'une demande (TLN-0003) : son historique, versions reçues, vérifications, courriers, et
    ce qui a changé d'une version à l'autre.

    \b
    Exemples :
      dossierkit registre ./arrivees
      dossierkit registre ./arrivees TLN-0003 --entre 1 2
      dossierkit registre ./arrivees TLN-0003 --rattacher "RIB.zip"
      dossierkit registre ./arrivees TLN-0005 --doublon-de TLN-0002
    """
    from dossierkit.errors import UsageError
    from dossierkit.triage.commands import (
        run_attach,
        run_duplicate,
        run_history,
        run_register,
        split_targets,
    )

    inbox, reference = split_targets(targets)
    if original is not None:
        if reference is None:
            raise UsageError(
                "--doublon-de : indiquez la référence du doublon, puis celle de la demande "
                "gardée (dossierkit registre TLN-0005 --doublon-de TLN-0002)."
            )
        finish(run_duplicate(reference, original, inbox, db=db))
        return
    if attach is not None:
        if reference is None:
            raise UsageError("--rattacher : indiquez la référence de la demande (TLN-0003).")
        finish(run_attach(reference, attach, load_call(call_file), inbox, db=db))
        return
    if reference is not None:
        finish(run_history(reference, inbox, db=db, compare=compare, lang=lang))
        return
    outputs = {
        option: path
        for option, path in (("--csv", csv_file), ("--xlsx", xlsx_file))
        if path is not None
    }
    finish(
        run_register(
            inbox, db=db, outputs=outputs, force=force, lang=lang, call=load_call(call_file)
        )
    )


@click.group(cls=Group)
def courrier() -> None:
    """Écrit les courriers d'instruction (Word, et PDF si LibreOffice est installé) à partir
    des modèles de templates/courriers/, ou de ceux du service (voir « dossierkit config »).
    Sans LibreOffice, le courrier Word est écrit, le message le dit et le statut de sortie
    est 1.
    """


def _letter_command(kind: str, summary: str) -> None:
    @courrier.command(kind, help=summary)
    @click.argument("dossier", metavar="DOSSIER|REF", type=click.Path(path_type=Path))
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
    @click.option(
        "--points-attention",
        "attention",
        is_flag=True,
        help="Ajouter les avertissements dans une partie « points d'attention ».",
    )
    @click.option(
        "--adresse",
        "address",
        metavar="ADRESSE",
        help="Adresse postale de la structure, quand aucune pièce ne l'imprime "
        "(« 12 rue de la Gare, 62000 Arras »).",
    )
    @call_option("Fichier d'un autre appel (YAML).")
    @lang_option("Langue des messages (fr, en) ; le courrier est toujours en français.")
    def command(
        dossier: Path,
        db: Path | None,
        output: Path | None,
        force: bool,
        pdf: bool,
        attention: bool,
        address: str | None,
        call_file: Path | None,
        lang: str,
    ) -> None:
        from dossierkit.triage.courrier import run_letter

        # Without LibreOffice the Word letter is written all the same, and the exit status
        # says the PDF asked for is not (1), so that a script sending PDFs notices.
        code = run_letter(
            kind,
            dossier,
            load_call(call_file),
            db=db,
            output=output,
            force=force,
            pdf=pdf,
            attention=attention,
            address=(address,) if address else (),
            lang=lang,
        )
        finish(code)


@courrier.command("envoye")
@click.argument(
    "letter", metavar="COURRIER", type=click.Path(path_type=Path, dir_okay=False, exists=True)
)
@click.option(
    "--db", type=_OUTPUT, help="Registre du courrier ; par défaut celui à côté de « courriers/ »."
)
@click.option(
    "--le",
    "sent_on",
    type=click.DateTime(formats=["%Y-%m-%d", "%d/%m/%Y"]),
    help="Date d'envoi (JJ/MM/AAAA) ; aujourd'hui par défaut.",
)
@lang_option("Langue des messages (fr, en).")
def envoye(letter: Path, db: Path | None, sent_on: datetime | None, lang: str) -> None:
    """Note au registre que le courrier COURRIER (le fichier Word écrit par « dossierkit
    courrier ») a été envoyé : il n'est plus un brouillon et ne sera plus jamais réécrit."""
    from dossierkit.triage.courrier import run_sent

    finish(run_sent(letter, db=db, sent_on=(sent_on or datetime.now()).date(), lang=lang))


_letter_command(
    "accuse-reception",
    "Accusé de réception de la demande du dossier DOSSIER (dossier ou archive .zip reçus), ou"
    " de la demande REF du registre (TLN-0012, pour un dossier reçu par une plateforme), avec"
    " sa date de réception au registre. Le courrier répond à la version actuelle de la demande"
    " (compléments compris), quel que soit l'envoi indiqué ; un export de plateforme ou un"
    " dossier d'arrivée, qui tiennent plusieurs demandes, sont refusés.",
)
_letter_command(
    "demande-complements",
    "Demande des pièces manquantes ou à corriger de la demande du dossier DOSSIER, ou de la"
    " demande REF du registre, d'après sa version actuelle, avec ce qu'il faut envoyer.",
)
