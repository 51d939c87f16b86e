"""The page's words, French first, and the refusals it gives, in both languages.

Statuses, severities, the summary and the facts' labels are the terminal report's
(``report.terminal.STRINGS``), so that the page and ``dossierkit verify`` say the same thing;
only what belongs to a web page is written here. Spaces before « : ; ! ? » and inside « »
are typed as plain spaces and bound at rendering (``text.french_typography``).
"""

from __future__ import annotations

from typing import Any

from dossierkit.report.terminal import STRINGS as REPORT
from dossierkit.text import french_typography

LANGS = ("fr", "en")

PAGE: dict[str, dict[str, str]] = {
    "fr": {
        "title": "Vérifier mon dossier",
        "skip": "Aller au contenu",
        "other_lang": "English",
        "other_lang_name": "en",
        "intro": "Déposez le dossier que vous allez envoyer à la Région : il est vérifié comme "
        "l'instructeur le fera (pièces présentes, lisibles, remplies et signées, montants "
        "de l'aide), puis vous pouvez l'assembler en un seul PDF à déposer.",
        "privacy": "Vos fichiers sont vérifiés sur ce serveur puis effacés dès que la réponse "
        "est envoyée : rien n'est conservé. Pour obtenir le PDF, ils sont envoyés une seconde "
        "fois depuis votre navigateur.",
        "form": "Votre dossier",
        "folder": "Choisir un dossier de votre ordinateur",
        "folder_hint": "Le dossier qui contient les pièces (ses sous-dossiers compris).",
        "files": "Ou choisir des fichiers, ou une archive .zip",
        "files_hint": "Plusieurs fichiers à la fois, ou le dossier compressé en .zip.",
        "drop": "Ou glissez-déposez ici le dossier, les fichiers ou l'archive .zip.",
        "limits": "Jusqu'à {files} fichiers et {total} Mo en tout, {file} Mo par fichier.",
        "check": "Vérifier le dossier",
        "check_pdf": "Vérifier et télécharger le PDF assemblé",
        "draft": "Assembler un brouillon même si des erreurs demeurent (les manques y sont "
        "signalés)",
        # « one|many », the page's script choosing by the number (as ``text.counted``).
        "chosen": "{n} fichier choisi, {size}.|{n} fichiers choisis, {size}.",
        "nothing_chosen": "Choisissez d'abord un dossier, des fichiers ou une archive.",
        "sending": "Envoi des fichiers : {percent} %",
        "checking": "Vérification en cours… La lecture des pages numérisées peut prendre "
        "quelques secondes par page.",
        "assembling": "Assemblage du PDF en cours…",
        "network": "La connexion au serveur a été interrompue : réessayez.",
        "result": "Vérification de « {name} »",
        "set_aside": "« {name} » n'a pas été extrait de l'archive : {reason}.",
        "facts": "Ce qui a été lu dans le dossier",
        "structure": "Structure",
        "epci": "Intercommunalité",
        "signatory": "Signataire du courrier",
        "legal_rep": "représentant légal selon les pièces",
        "not_found": "non trouvé",
        "piece_files": "Fichiers",
        "no_file": "aucun fichier",
        "other_findings": "Autres constats",
        "page": "page {page}",
        "aid_total": "Aide maximale totale",
        "downloads": "Télécharger",
        "json": "Le rapport (JSON)",
        "pdf": "Le PDF assemblé à déposer",
        "pdf_draft": "Un brouillon du PDF assemblé, malgré les erreurs",
        "pdf_refused_hint": "Complétez le dossier, ou cochez « brouillon » pour l'assembler "
        "quand même ; les manques y sont alors signalés.",
        "again": "Vérifier un autre dossier",
        "refused": "Envoi refusé",
        "no_page": "Page introuvable",
        "footer": "dossierkit {version} — {call}. Code source libre (MIT).",
    },
    "en": {
        "title": "Check my dossier",
        "skip": "Skip to content",
        "other_lang": "Français",
        "other_lang_name": "fr",
        "intro": "Drop the dossier you are about to send to the Région: it is checked as the "
        "instructor will check it (pieces present, readable, filled in and signed, aid "
        "amounts), then you can assemble it into one PDF to submit.",
        "privacy": "Your files are checked on this server and deleted as soon as the answer "
        "is sent: nothing is kept. To get the PDF, your browser sends them a second time.",
        "form": "Your dossier",
        "folder": "Choose a folder of your computer",
        "folder_hint": "The folder that holds the pieces (its subfolders included).",
        "files": "Or choose files, or a .zip archive",
        "files_hint": "Several files at once, or the folder compressed as a .zip.",
        "drop": "Or drag and drop the folder, the files or the .zip archive here.",
        "limits": "Up to {files} files and {total} MB in all, {file} MB per file.",
        "check": "Check the dossier",
        "check_pdf": "Check and download the assembled PDF",
        "draft": "Assemble a draft even if errors remain (the gaps are shown in it)",
        "chosen": "{n} file chosen, {size}.|{n} files chosen, {size}.",
        "nothing_chosen": "First choose a folder, files or an archive.",
        "sending": "Sending the files: {percent}%",
        "checking": "Checking… Reading scanned pages can take a few seconds per page.",
        "assembling": "Assembling the PDF…",
        "network": "The connection to the server was lost: please try again.",
        "result": 'Check of "{name}"',
        "set_aside": '"{name}" was not extracted from the archive: {reason}.',
        "facts": "What was read in the dossier",
        "structure": "Applicant",
        "epci": "Intercommunality",
        "signatory": "Signatory of the letter",
        "legal_rep": "legal representative according to the pieces",
        "not_found": "not found",
        "piece_files": "Files",
        "no_file": "no file",
        "other_findings": "Other findings",
        "page": "page {page}",
        "aid_total": "Maximum total aid",
        "downloads": "Download",
        "json": "The report (JSON)",
        "pdf": "The assembled PDF to submit",
        "pdf_draft": "A draft of the assembled PDF, despite the errors",
        "pdf_refused_hint": "Complete the dossier, or tick “draft” to assemble it anyway; "
        "the gaps are then shown in it.",
        "again": "Check another dossier",
        "refused": "Upload refused",
        "no_page": "Page not found",
        "footer": "dossierkit {version} — {call}. Free software (MIT).",
    },
}

# Why an upload is refused: the message says what to do. Status 413 for what is too large,
# 400 for what is malformed, 408 for what did not arrive in time, 503 when the service is full.
REFUSALS: dict[str, tuple[int, str, str]] = {
    "too_large": (
        413,
        "L'envoi dépasse {limit} Mo : allégez le dossier (pièces numérisées à 300 ppp, PDF "
        "compressés) ou déposez-le en plusieurs fois.",
        "The upload exceeds {limit} MB: make the dossier lighter (pieces scanned at 300 dpi, "
        "compressed PDFs) or upload it in several parts.",
    ),
    "file_too_large": (
        413,
        "Le fichier « {name} » dépasse {limit} Mo, la taille permise pour un fichier : "
        "réduisez-le (numérisation à 300 ppp, PDF compressé) puis déposez à nouveau le dossier.",
        'The file "{name}" exceeds {limit} MB, the size allowed for one file: make it smaller '
        "(scanned at 300 dpi, compressed PDF) and upload the dossier again.",
    ),
    "too_many_files": (
        413,
        "L'envoi compte plus de {limit} fichiers : un dossier n'en a que quelques dizaines ; "
        "vérifiez que vous avez choisi le bon dossier.",
        "The upload holds more than {limit} files: a dossier has only a few dozen; check "
        "that you chose the right folder.",
    ),
    "timeout": (
        408,
        "L'envoi n'est pas arrivé en {minutes} min : la connexion est trop lente ou s'est "
        "interrompue. Déposez à nouveau le dossier, allégé si possible (pièces numérisées à "
        "300 ppp, PDF compressés).",
        "The upload did not arrive within {minutes} min: the connection is too slow or was "
        "interrupted. Upload the dossier again, lighter if possible (pieces scanned at 300 "
        "dpi, compressed PDFs).",
    ),
    "bad_path": (
        400,
        "Le chemin « {name} » n'est pas accepté (il sortirait du dossier, ou contient un "
        "caractère interdit) : renommez le fichier puis déposez à nouveau le dossier.",
        'The path "{name}" is not accepted (it would leave the folder, or holds a forbidden '
        "character): rename the file and upload the dossier again.",
    ),
    "duplicate": (
        400,
        "Le fichier « {name} » figure deux fois dans l'envoi : déposez le dossier une seule fois.",
        'The file "{name}" appears twice in the upload: upload the dossier once.',
    ),
    "no_files": (
        400,
        "Aucun fichier reçu : choisissez un dossier, des fichiers ou une archive .zip.",
        "No file received: choose a folder, files or a .zip archive.",
    ),
    "malformed": (
        400,
        "L'envoi n'a pas pu être lu ({reason}) : rechargez la page et déposez à nouveau le "
        "dossier.",
        "The upload could not be read ({reason}): reload the page and upload the dossier again.",
    ),
    "archive": (
        400,
        "L'archive « {name} » n'est pas acceptée : {reason}. Envoyez plutôt le dossier lui-même.",
        'The archive "{name}" is not accepted: {reason}. Send the folder itself instead.',
    ),
    "busy": (
        503,
        "Le service vérifie déjà {count} dossiers : patientez une minute, puis déposez à "
        "nouveau le vôtre.",
        "The service is already checking {count} dossiers: wait a minute, then upload yours again.",
    ),
    "no_page": (
        404,
        "Cette adresse ne mène à aucune page : la vérification se fait depuis la page d'accueil.",
        "This address leads to no page: dossiers are checked from the home page.",
    ),
    "no_method": (
        405,
        "Cette adresse reçoit seulement les dossiers envoyés par le formulaire : déposez le "
        "vôtre depuis la page d'accueil.",
        "This address only receives dossiers sent by the form: upload yours from the home page.",
    ),
    "failed": (
        500,
        "La vérification n'a pas pu aboutir ({reason}) : rien n'a été conservé ; réessayez, "
        "et signalez le problème s'il se reproduit.",
        "The check could not be completed ({reason}): nothing was kept; try again, and "
        "report the problem if it happens again.",
    ),
}


def typeset(text: str, lang: str) -> str:
    """``text`` with French typography's bound spaces when ``lang`` is French."""
    return french_typography(text) if lang == "fr" else text


def page_text(lang: str, key: str, **params: Any) -> str:
    """The page's text ``key`` in ``lang``, formatted with ``params``."""
    return typeset(PAGE[lang][key].format(**params), lang)


def report_text(lang: str, key: str, **params: Any) -> str:
    """A text of the terminal report (statuses, summary), formatted, for the page."""
    return typeset(str(REPORT[lang][key]).format(**params), lang)


def refusal(key: str, lang: str, **params: Any) -> tuple[int, str]:
    """The HTTP status and the message of refusal ``key`` in ``lang`` (a parameter
    ``name_en``, when given, is ``name`` in English)."""
    status, french, english = REFUSALS[key]
    if lang == "en":
        params = {name: params.get(f"{name}_en", value) for name, value in params.items()}
    return status, typeset((french if lang == "fr" else english).format(**params), lang)


def lang_of(value: str | None, default: str = "fr") -> str:
    """A language the page speaks: the one asked for, else ``default`` (the service's,
    ``serve --lang``; French unless told)."""
    return value if value in LANGS else default
