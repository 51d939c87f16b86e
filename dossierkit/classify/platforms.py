"""The form summary a filing platform prints: never a piece of the dossier.

An applicant who filed on Démarches Simplifiées and downloads their dossier, or an
instructor who exports it, gets beside the pieces the PDF the platform makes of the form
(« dossier-1847293.pdf » from the dossier's page, « export-1847293.pdf » in an export; see
the platform's ``dossiers/show.pdf.prawn``, read for ``triage/platforms``): « Dossier n°
1847293 », « Déposé le 23/11/2026 16:04 », then each field as « Libellé : valeur » — among
them « Dossier technique : 1-Dossier_technique.pdf », « Courrier de demande signé : … ». Its
words name every piece, and scored as they stand it was taken for a second dossier technique
(P003 « plusieurs versions de la même pièce »). It is recognised by its form: the platform's
number heading it, and the deposit date or the platform's name for the file.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from dossierkit.reading.model import Document
from dossierkit.text import fold

# The platform prints its number among the very first lines, before any field.
_HEAD_LINES = 6
# The deposit date and the state follow the number, before the fields.
_DEPOSIT_LINES = 15
# Matched on folded lines: « Dossier n° : 1847293 » is « dossier n 1847293 ».
_NUMBER = re.compile(r"^dossier (?:n|no|numero) (\d{4,})\b")
_DEPOSIT = re.compile(r"^(depose le|date de depot|etat du dossier|etat) ")
# Enough of the text to hold its first lines.
_HEAD_CHARS = 2_000
# The names Démarches Simplifiées gives the PDF: « dossier-<n°>.pdf » (the dossier's page),
# « export-<n°>.pdf » (an export), the latter suffixed « -JJ-MM-AAAA-HH-MM-<id> ».
_NAME = re.compile(r"^(dossier|export)-\d{4,}(-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}-\d+)?$")


def platform_number(rel: str, document: Document | None) -> str | None:
    """The platform's number of the dossier when the file at ``rel`` is a platform's form
    summary (« 1847293 »), else None: its text opens on « Dossier n° <n> » and goes on with
    the deposit date (« Déposé le », « État ») or is named as the platform names it."""
    if document is None or not document.text:
        return None
    folded = (fold(line) for line in document.text[:_HEAD_CHARS].splitlines())
    lines = [line for line in folded if line][:_DEPOSIT_LINES]
    number = next((m.group(1) for line in lines[:_HEAD_LINES] if (m := _NUMBER.match(line))), None)
    if number is None:
        return None
    deposit = any(_DEPOSIT.match(line) for line in lines)
    named = _NAME.match(PurePosixPath(rel).stem.lower()) is not None
    return number if deposit or named else None
