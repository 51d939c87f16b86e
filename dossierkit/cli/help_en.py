"""The commands' ``--help`` in English, for ``--lang en``.

The help is written in French where it is declared (the docstrings and ``help=`` of the
commands, ``dossierkit.limits`` for the reading limits), for the French users who read it
first. Here is its English: a command's description by its path (``courrier envoye``), an
option's help by its French text (the same text serves several commands: ``--db``, ``--call``,
``--max-*``), and the names of the arguments and values (``ARRIVEES`` is ``INBOX``;
``DOSSIER`` stays, an English word too). The help
formatter of ``language`` puts them in place when the language is English;
``tests/test_english_help.py`` fails on a French help with no English here.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping

import click

# A command's description (docstring), by its path under ``dossierkit``. ``\b`` keeps the
# lines of an example as they are, as in the French.
COMMANDS: Mapping[str, str] = {
    "": """Checks the dossiers of the Hauts-de-France Region's call for projects
    "Tiers-lieux du numérique" (digital third places).

    \b
    Examples:
      dossierkit verify ./my-dossier --lang en
      dossierkit verify ./my-dossier --format json > report.json
      dossierkit checks --lang en
    """,
    "verify": """Checks the dossier DOSSIER (a folder, or the .zip archive that holds it):
    pieces found, missing or unreadable.

    Every file is read on its own, within the limits below: a file beyond them is reported
    and the rest of the dossier is checked.

    Exit code: 0 dossier complete, 1 dossier incomplete, 2 usage error.
    """,
    "checks": "Lists the checks: code, name, severity, why and how to fix.",
    "regles": """Each sentence of the call and what checks it.

    For each sentence: the checks that verify it, or why it cannot be verified on the pieces
    ("non vérifiable sur pièces"), or "sans règle" (no rule). The count of verified sentences
    is written on standard error.

    \b
    Example:
      dossierkit regles --format markdown > docs/regles.md
    """,
    "aid": """How much to ask for? The maximum aid, year by year, with the arithmetic.

    \b
    Examples:
      dossierkit aid --animation 52000 51000 50000 --equipment 32000 --start-year 2027
      dossierkit aid --animation 20000 60000 60000 40000 --start 2027-09
    """,
    "init": """Prepares the folder DOSSIER: letter, dossier technique, budget, attestation,
    forms to fill in. The documents are in French: they are sent to the Région.

    \b
    Examples:
      dossierkit init my-dossier --lang en     (the questions are asked one by one)
      dossierkit init my-dossier --no-input --type association --nom "Fab'Lab du Ternois" …
    """,
    "assemble": """Assembles the dossier DOSSIER (a folder, or its .zip archive) into one PDF
    to submit: cover, clickable contents, pieces in the call's order, stamped pages, originals
    attached.

    \b
    Example:
      dossierkit assemble ./my-dossier -o application.pdf

    Exit code: 0 complete dossier assembled, 1 dossier incomplete (not assembled without
    --allow-incomplete) or a piece not converted, 2 usage error.
    """,
    "triage": """Checks every dossier received in INBOX (folders and .zip archives), records
    them in the register and flags what only shows across dossiers (one aid per
    intercommunality, a shared IBAN, a shared file, a dossier received twice).

    INBOX may also be a platform's export (Démarches Simplifiées): the downloaded .zip
    archive, its unpacked folder, or the folder it was downloaded to with its table (CSV or
    XLSX). Each dossier of the platform is then an application, with its number and its
    filing date.

    \b
    Examples:
      dossierkit triage ./inbox --xlsx triage.xlsx --html triage.html --lang en
      dossierkit triage ~/Downloads/dossiers_tiers-lieux_2026-03-12_09-30.zip \\
          --suivi follow-up.csv --xlsx triage.xlsx --lang en

    Exit code: 0 every dossier is complete, 1 at least one is incomplete or could not be
    checked, 2 usage error.
    """,
    "registre": """Lists the applications of the register in the order they were received,
    with their current status (the register beside the inbox INBOX, or --db). With the
    reference REF of an application (TLN-0003): its history, versions received, checks,
    letters, and what changed from one version to the next.

    \b
    Examples:
      dossierkit registre ./inbox
      dossierkit registre ./inbox TLN-0003 --entre 1 2
      dossierkit registre ./inbox TLN-0003 --rattacher "RIB.zip"
      dossierkit registre ./inbox TLN-0005 --doublon-de TLN-0002
    """,
    "courrier": """Writes the instruction letters (Word, and PDF if LibreOffice is
    installed) from the templates of templates/courriers/, or the service's own (see
    "dossierkit config"). The letters are in French whatever --lang says: they go to French
    applicants, under French law. Without LibreOffice, the Word letter is written, the
    message says so and the exit status is 1.
    """,
    "courrier envoye": """Records in the register that the letter LETTER (the Word file
    written by "dossierkit courrier") was sent: it is no longer a draft and will never be
    written again.""",
    "courrier accuse-reception": "Writes the acknowledgement of receipt of the application of the"
    " dossier DOSSIER (folder or .zip archive received), or of the application REF of the"
    " register (TLN-0012, for a dossier received through a platform), with its date of receipt"
    " in the register. The letter answers the application's current version (complements"
    " included), whichever sending is given; a platform's export or an inbox, which hold"
    " several applications, are refused.",
    "courrier demande-complements": "Writes the request for the missing pieces, or the pieces to"
    " correct, of the application of the dossier DOSSIER, or of the application REF of the"
    " register, from its current version, with what must be sent.",
    "config": """Sets the identity of the instructing service, printed in the letters.

    \b
    Without an argument: shows the settings and what is missing.
    With KEY VALUE: saves a setting, for example
      dossierkit config instructeur "Claire Martin"
    """,
    "serve": """Opens the web page that checks dossiers: the applicant drops the dossier
    there and gets the list of pieces, the findings and the assembled PDF. Nothing is kept
    after the answer.

    \b
    Example:
      dossierkit serve --port 8000
      then open http://127.0.0.1:8000 in a browser.

    Every file is read within the same limits as "dossierkit verify" (options --max-*).
    """,
}

_DB = (
    'Register of applications (SQLite); by default "dossierkit-registre.sqlite" beside the'
    " inbox folder."
)
_CALL = "File of another call for projects (YAML)."
_LANG = "Language (fr, en)."

# An option's help: its French text → its English.
OPTIONS: Mapping[str, str] = {
    # Shared by several commands (common.py, limits.py).
    "Langue (fr, en).": _LANG,
    "Langue des messages (fr, en).": "Language of the messages (fr, en).",
    "Fichier d'un autre appel à projets (YAML).": _CALL,
    "Fichier d'un autre appel à projets (YAML), au lieu de l'appel intégré.": (
        "File of another call for projects (YAML), instead of the built-in call."
    ),
    "Fichier d'un autre appel (YAML).": "File of another call (YAML).",
    "Taille maximale d'un fichier lu (Mo).": "Maximum size of a file read (MB).",
    "Nombre maximal de pages d'un PDF.": "Maximum number of pages of a PDF.",
    "Nombre maximal de pixels d'une image.": "Maximum number of pixels of an image.",
    "Taille maximale, décompressée, d'un DOCX, XLSX, ODT ou ODS (Mo).": (
        "Maximum unpacked size of a DOCX, XLSX, ODT or ODS (MB)."
    ),
    "Nombre maximal de fichiers dans un DOCX, XLSX, ODT ou ODS.": (
        "Maximum number of files inside a DOCX, XLSX, ODT or ODS."
    ),
    "Taux de compression maximal d'un membre d'archive (anti « bombe zip »).": (
        'Maximum compression ratio of an archive member (against "zip bombs").'
    ),
    "Mémoire maximale d'un processus de lecture, OCR et LibreOffice compris (Mo).": (
        "Maximum memory of a reading process, OCR and LibreOffice included (MB)."
    ),
    "Durée maximale de lecture d'un fichier (secondes).": (
        "Maximum time to read one file (seconds)."
    ),
    # verify
    "text : liste lisible ; json : rapport pour les programmes.": (
        "text: a list to read; json: a report for programs."
    ),
    "Relire les documents numérisés par OCR sans réutiliser les lectures gardées en cache.": (
        "Read scanned documents again by OCR, without reusing the readings kept in the cache."
    ),
    "Juger le dossier comme à cette date (celle de sa réception, pour un dossier vérifié de"
    " nouveau plus tard) : un plan qui commence avant elle est signalé. Par défaut,"
    " aujourd'hui.": (
        "Judge the dossier as on this date (its date of receipt, for a dossier checked again"
        " later): a plan that starts before it is reported. By default, today."
    ),
    # checks, regles
    "text : pour le terminal ; markdown : pour la documentation.": (
        "text: for the terminal; markdown: for the documentation."
    ),
    "markdown : pour lire ou pour la documentation ; json : pour un programme.": (
        "markdown: to read, or for the documentation; json: for a program."
    ),
    # aid
    "Dépenses d'animation prévues, année par année : --animation 52000 51000 50000.": (
        "Planned running (animation) expenses, year by year: --animation 52000 51000 50000."
    ),
    "Dépenses d'équipement prévues sur le projet : --equipment 32000.": (
        "Planned equipment expenses over the project: --equipment 32000."
    ),
    "Première année du projet (ex. 2027).": "First year of the project (e.g. 2027).",
    "Date de début du plan d'action (dépenses éligibles) : --start 2027-09-01 ou 2027-09."
    " Hors janvier, 3 montants d'animation sont les années du plan (sept. 2027 – août"
    " 2028…), 4 montants les années civiles 2027 à 2030, partagées au prorata des mois.": (
        "Start date of the action plan (eligible expenses): --start 2027-09-01 or 2027-09."
        " When it is not January, 3 running amounts are the plan's years (Sept. 2027 – Aug."
        " 2028…), 4 amounts the calendar years 2027 to 2030, shared in proportion to the"
        " months."
    ),
    # init
    "Type de structure : association, intercommunalite, commune ou autre.": (
        "Kind of structure: association, intercommunalite (intercommunality), commune"
        " (municipality) or autre (other)."
    ),
    "Nom de la structure qui demande l'aide.": "Name of the structure applying for the aid.",
    "Intercommunalité qui porte ou désigne le projet (nom ou SIREN).": (
        "Intercommunality that carries or designates the project (name or SIREN)."
    ),
    "lieu (un lieu) ou reseau (l'animation d'un réseau de lieux).": (
        "lieu (a place) or reseau (running a network of places)."
    ),
    "Nom du responsable légal.": "Name of the legal representative.",
    "Qualité du responsable légal (Président, Présidente…).": (
        "Title of the legal representative (Président, Présidente…)."
    ),
    "Civilité du responsable légal : Madame ou Monsieur (« Mme », « M. »), pour « Je"
    " soussignée » ou « Je soussigné » quand la qualité ne le dit pas (« Maire »).": (
        'Civility of the legal representative: Madame or Monsieur ("Mme", "M."), for the'
        ' documents\' "Je soussignée" or "Je soussigné" when the title does not say it'
        ' ("Maire").'
    ),
    "Nom du signataire s'il n'est pas le responsable légal.": (
        "Name of the signatory, if not the legal representative."
    ),
    "Qualité du signataire (Vice-président…).": "Title of the signatory (Vice-président…).",
    "Interlocuteur sur le projet (nom, fonction).": "Contact person for the project (name, role).",
    "Régime de TVA : recupere, ne_recupere_pas ou fctva_investissement (FCTVA sur"
    " l'investissement seulement).": (
        "VAT regime: recupere (recovers VAT), ne_recupere_pas (does not recover it) or"
        " fctva_investissement (FCTVA on investment only)."
    ),
    "Ville du siège (pour « Fait à … »).": 'Town of the head office (for "Fait à …").',
    "Adresse du siège.": "Address of the head office.",
    "Première année du plan d'action (par défaut : l'an prochain).": (
        "First year of the action plan (by default: next year)."
    ),
    "Ne rien demander : tout vient des options.": "Ask nothing: everything comes from the options.",
    "Écrire dans un dossier qui contient déjà des fichiers (sans jamais les écraser).": (
        "Write into a folder that already holds files (never overwriting them)."
    ),
    "Affiche cette aide et s'arrête.": "Show this message and exit.",
    # assemble
    "Fichier PDF à produire (par défaut : DOSSIER.pdf, à côté du dossier).": (
        "PDF file to write (by default: DOSSIER.pdf, beside the folder)."
    ),
    "Assembler même un dossier incomplet ; les manques sont signalés.": (
        "Assemble even an incomplete dossier; what is missing is reported."
    ),
    "Ajouter le rapport de vérification à la fin.": "Append the verification report at the end.",
    "Remplacer le fichier PDF s'il existe déjà.": "Replace the PDF file if it already exists.",
    "Rendu des DOCX, ODT, XLSX, ODS : LibreOffice s'il est installé (auto), LibreOffice, ou"
    " le rendu intégré.": (
        "Rendering of DOCX, ODT, XLSX, ODS: LibreOffice if it is installed (auto),"
        " LibreOffice, or the built-in renderer."
    ),
    "Durée maximale d'une conversion par LibreOffice, en secondes (120 par défaut).": (
        "Maximum time of one conversion by LibreOffice, in seconds (120 by default)."
    ),
    "Poids maximal du PDF assemblé, en Mo : au-delà, les images numérisées sont"
    " recompressées (sans perte, puis sans perte visible), et un avertissement reste s'il"
    " est encore trop lourd. 20 Mo passent par les messageries ; Démarches Simplifiées"
    " accepte 200 Mo par fichier.": (
        "Maximum size of the assembled PDF, in MB: beyond it, the scanned images are"
        " recompressed (losslessly, then without visible loss), and a warning remains if it"
        " is still too large. E-mail passes 20 MB; Démarches Simplifiées accepts 200 MB a"
        " file."
    ),
    # triage, registre
    "Registre des demandes (SQLite) ; par défaut « dossierkit-registre.sqlite » à côté du"
    " dossier d'arrivée.": _DB,
    "Tableau de suivi en CSV (Excel) : une ligne par demande.": (
        "Follow-up table as CSV (Excel): one line per application."
    ),
    "Classeur Excel : demandes, versions reçues, constats, incidents.": (
        "Excel workbook: applications, versions received, findings, incidents."
    ),
    "Résultat complet en JSON.": "Complete result as JSON.",
    "Page HTML autonome, triable et filtrable.": "Self-contained HTML page, sortable and filterable.",
    "Remplacer les fichiers de sortie existants.": "Replace existing output files.",
    "Dossiers vérifiés en même temps (par défaut : un par cœur).": (
        "Dossiers checked at the same time (by default: one per core)."
    ),
    "Temps maximal de vérification d'un dossier, en secondes (par défaut : deux minutes par"
    " fichier, plus une minute).": (
        "Maximum time to check one dossier, in seconds (by default: two minutes per file,"
        " plus one minute)."
    ),
    "Date de réception (JJ/MM/AAAA) des envois nouveaux au registre, quand elle est connue"
    " (cachet de la poste, date du courriel) ; sinon, celle de leur arrivée (date de"
    " l'archive ou du dossier lui-même, pas des fichiers qu'il contient). Un envoi déjà"
    " inscrit garde sa date, et un complément n'est jamais daté avant la demande qu'il"
    " complète.": (
        "Date of receipt (DD/MM/YYYY or YYYY-MM-DD) of the sendings new to the register, when"
        " it is known (postmark, date of the e-mail); otherwise, the date they arrived (the"
        " date of the archive or of the folder itself, not of the files it holds). A sending"
        " already registered keeps its date, and a complement is never dated before the"
        " application it completes."
    ),
    "Lire ARRIVEES comme l'export de cette plateforme (demarches-simplifiees) ; par défaut,"
    " un export est reconnu à sa forme.": (
        "Read INBOX as the export of this platform (demarches-simplifiees); by default, an"
        " export is recognised by its shape."
    ),
    "Correspondance (YAML) d'une autre plateforme : quel champ ou quel nom de fichier est"
    " quelle pièce, quelle colonne le numéro et la date de dépôt.": (
        "Mapping (YAML) of another platform: which field or file name is which piece, which"
        " column the number and the filing date."
    ),
    "Pour un export de plateforme : tableau (CSV) par numéro de dossier, avec le verdict,"
    " les pièces manquantes et le message à envoyer par la messagerie.": (
        "For a platform's export: a table (CSV) by dossier number, with the verdict, the"
        " missing pieces and the message to send through the platform's messaging."
    ),
    "Liste des demandes en CSV (Excel).": "List of applications as CSV (Excel).",
    "Liste des demandes en classeur Excel.": "List of applications as an Excel workbook.",
    "Avec REF : ce qui a changé entre deux versions (par exemple --entre 1 3).": (
        "With REF: what changed between two versions (for example --entre 1 3)."
    ),
    "Avec REF : rattacher à la demande le complément ENVOI (nom de l'envoi en attente).": (
        "With REF: attach the complement SENDING (the name of the waiting sending) to the"
        " application."
    ),
    "Avec REF : noter que la demande REF est un doublon de la demande REF2 (elle reste au"
    " registre, mais n'est plus comparée aux autres demandes).": (
        "With REF: record that the application REF duplicates the application REF2 (it stays"
        " in the register, but is no longer compared with the other applications)."
    ),
    # courrier
    "Registre du courrier ; par défaut celui à côté de « courriers/ ».": (
        'Register of the letter; by default the one beside "courriers/".'
    ),
    "Date d'envoi (JJ/MM/AAAA) ; aujourd'hui par défaut.": (
        "Date sent (DD/MM/YYYY); today by default."
    ),
    "Fichier Word à écrire ; par défaut dans « courriers/ » à côté du registre.": (
        'Word file to write; by default in "courriers/" beside the register.'
    ),
    "Remplacer un courrier existant.": "Replace an existing letter.",
    "Langue des messages (fr, en) ; le courrier est toujours en français.": (
        "Language of the messages (fr, en); the letter is always in French."
    ),
    "Écrire aussi le PDF (avec LibreOffice, s'il est installé).": (
        "Write the PDF too (with LibreOffice, if it is installed)."
    ),
    "Ajouter les avertissements dans une partie « points d'attention ».": (
        'Add the warnings in a section "points d\'attention" (points to watch).'
    ),
    "Adresse postale de la structure, quand aucune pièce ne l'imprime (« 12 rue de la Gare,"
    " 62000 Arras »).": (
        'Postal address of the structure, when no piece prints it ("12 rue de la Gare, 62000'
        ' Arras").'
    ),
    # config
    "Copier les modèles de courriers dans le dossier du service, pour les modifier dans"
    " Word.": "Copy the letter templates into the service's folder, to edit them in Word.",
    "Avec --modeles : remplacer les modèles du service.": (
        "With --modeles: replace the service's templates."
    ),
    # serve
    "Adresse d'écoute (0.0.0.0 pour toutes les interfaces, derrière un proxy HTTPS).": (
        "Address to listen on (0.0.0.0 for every interface, behind an HTTPS proxy)."
    ),
    "Taille maximale d'un envoi (Mo), tous fichiers compris.": (
        "Maximum size of one upload (MB), all files included."
    ),
    "Nombre maximal de fichiers d'un envoi.": "Maximum number of files in one upload.",
    "Temps maximal (secondes) pour recevoir un envoi ; au-delà, il est refusé.": (
        "Maximum time (seconds) to receive an upload; beyond it, the upload is refused."
    ),
    "Vérifications menées en même temps.": "Checks run at the same time.",
    "Envois qui peuvent attendre leur tour ; au-delà, on demande de revenir plus tard.": (
        "Uploads that may wait for their turn; beyond them, people are asked to come back later."
    ),
    "Langue des messages, et de la page quand son adresse n'en demande aucune (fr, en) : le"
    " visiteur change de langue par le lien de la page.": (
        "Language of the messages, and of the page when its address asks for none (fr, en):"
        " visitors switch with the page's link."
    ),
}

# The names of the arguments and of the options' values, in the usage line and the options.
METAVARS: Mapping[str, str] = {
    "ARRIVEES": "INBOX",
    "COURRIER": "LETTER",
    "ENVOI": "SENDING",
    "PLATEFORME": "PLATFORM",
    "JJ/MM/AAAA": "DD/MM/YYYY",
    "NOM|SIREN": "NAME|SIREN",
    "NOM": "NAME",
    "QUALITÉ": "TITLE",
    "TEXTE": "TEXT",
    "VILLE": "TOWN",
    "ADRESSE": "ADDRESS",
    "ANNÉE": "YEAR",
}


def command_key(ctx: click.Context) -> str:
    """The path of the command under ``dossierkit`` (``courrier envoye``; the group's is
    empty), whatever name the program was run under."""
    names: list[str] = []
    while ctx.parent is not None:
        names.append(ctx.info_name or "")
        ctx = ctx.parent
    return " ".join(reversed(names))


def description(command: click.Command) -> str:
    """A command's description as click shows it (``Command.format_help_text``)."""
    return inspect.cleandoc(command.help or "").partition("\f")[0]


def english_help(ctx: click.Context) -> dict[str, str]:
    """What the help of ``ctx``'s command says in French → its English: the command's
    description and every option's help."""
    translated = dict(OPTIONS)
    english = COMMANDS.get(command_key(ctx))
    if english is not None and ctx.command.help:
        translated[description(ctx.command)] = inspect.cleandoc(english)
    return translated


def english_commands(ctx: click.Context) -> dict[str, str]:
    """The subcommands of a group and their English description, for its list of commands."""
    if not isinstance(ctx.command, click.Group):
        return {}
    prefix = command_key(ctx)
    found = {}
    for name in ctx.command.commands:
        english = COMMANDS.get(f"{prefix} {name}".strip())
        if english is not None:
            found[name] = inspect.cleandoc(english)
    return found
