"""The letters an instructor sends: acknowledgement of receipt, request for missing pieces.

The wording belongs to the Région, not to the code: each letter is a Word template in
``templates/courriers/`` whose ``{placeholders}`` are filled here (python-docx, already a
dependency), so that the service edits letterhead, signature and phrasing in Word. The
request lists, in plain words, what the verification found missing or wrong: the report's
own messages, written for applicants ("Ajoutez…", "Correction : …"). A PDF is made with
LibreOffice when it is installed.
"""

from __future__ import annotations

import copy
import io
import re
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from dossierkit.aid import euros
from dossierkit.call import Call
from dossierkit.dates import long_date
from dossierkit.errors import UsageError
from dossierkit.resources import templates_dir
from dossierkit.triage.export import write_atomic
from dossierkit.triage.model import COMPLETE, FAILED, Outcome, Reception

ACKNOWLEDGEMENT = "accuse-reception"
REQUEST = "demande-complements"
KINDS = (ACKNOWLEDGEMENT, REQUEST)
LIST_PLACEHOLDER = "{liste_pieces}"
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_FORMS = {"lieu": "un lieu", "reseau": "l'animation d'un réseau de lieux"}
_STATE = {
    COMPLETE: "Après une première vérification, votre dossier est complet : les pièces "
    "demandées par l'appel à projets ont été reçues.",
    FAILED: "Votre envoi n'a pas pu être ouvert : un courrier distinct vous indique comment "
    "nous le transmettre de nouveau.",
}
_INCOMPLETE = (
    "Après une première vérification, votre dossier est incomplet : un courrier distinct vous "
    "indique les pièces à compléter. Son instruction commencera à leur réception."
)


class LetterError(UsageError):
    """The letter cannot be written; the message says why, in French."""


@dataclass(frozen=True)
class Letter:
    """A letter written: the Word file, and the PDF when LibreOffice made one."""

    docx: Path
    pdf: Path | None
    warning: str | None = None  # why there is no PDF, when LibreOffice failed


def french_date(day: date) -> str:
    """``1er décembre 2026``, as a French letter dates itself."""
    return long_date(day, "fr")


def requested_items(outcome: Outcome) -> list[str]:
    """What to ask the applicant for, one sentence each: the verification's errors in the
    report's own words, or, when the dossier could not be opened, to send it again."""
    if outcome.report is None:
        reasons = "; ".join(str(f.params.get("reason", "")) for f in outcome.findings)
        return [
            f"Votre envoi « {outcome.item.name} » n'a pas pu être ouvert ({reasons}) : "
            "transmettez de nouveau votre dossier, pièce par pièce ou dans une archive ZIP "
            "ordinaire."
        ]
    items: list[str] = []
    for finding in outcome.report["findings"]:
        if finding["severity"] == "error" and finding["message"] not in items:
            items.append(finding["message"])
    return items


def fields(outcome: Outcome, reception: Reception, call: Call, today: date) -> dict[str, str]:
    """The value of each placeholder of the templates."""
    s = outcome.summary
    state = _STATE.get(outcome.status, _INCOMPLETE)
    return {
        "reference": reception.reference,
        "date": french_date(today),
        "date_reception": french_date(reception.received_at.date()),
        "dossier": outcome.item.name,
        "structure": s.structure or "[structure à compléter]",
        "adresse": "\n".join(s.address) or "[adresse à compléter]",
        "intercommunalite": s.epci_name or "[intercommunalité à préciser]",
        "forme": _FORMS.get(s.form or "", "un tiers-lieu numérique"),
        "aide_demandee": euros(s.aid_requested) if s.aid_requested is not None else "non précisé",
        "titre_appel": call.title["fr"],
        # The title inside a sentence: « au titre de l'appel à projets « … » ».
        "appel": call.title["fr"][:1].lower() + call.title["fr"][1:],
        "etat": state,
    }


def _paragraphs(document: Any) -> list[Any]:
    """Every paragraph of the document: body, tables, headers and footers."""
    found: list[Any] = []

    def walk(container: Any) -> None:
        found.extend(container.paragraphs)
        for table in container.tables:
            for row in table.rows:
                for cell in row.cells:
                    walk(cell)

    walk(document)
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header):
            walk(part)
    return found


def _fill(paragraph: Any, values: dict[str, str]) -> None:
    """Replace the placeholders of one paragraph. Word splits text into runs wherever
    formatting or editing history changes, often inside a placeholder: the paragraph's text
    is rebuilt in its first run, which keeps that run's formatting. Unknown names are left
    as typed, for the editor to see."""
    text = paragraph.text
    filled = _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)
    if filled == text or not paragraph.runs:
        return
    first, *rest = paragraph.runs
    first.text = filled  # python-docx turns "\n" into line breaks
    for run in rest:
        run._r.getparent().remove(run._r)


def _fill_list(paragraph: Any, items: list[str]) -> None:
    """Replace the ``{liste_pieces}`` paragraph by one paragraph per item, in its style."""
    from docx.text.paragraph import Paragraph

    anchor = paragraph._p
    for item in items:
        clone = copy.deepcopy(anchor)
        anchor.addprevious(clone)
        for run in clone.findall(".//{*}r")[1:]:
            run.getparent().remove(run)
        Paragraph(clone, paragraph._parent).runs[0].text = item
    anchor.getparent().remove(anchor)


def fill(document: Any, values: dict[str, str], items: list[str]) -> None:
    """Fill a python-docx document's placeholders with ``values``, and its
    ``{liste_pieces}`` paragraph with ``items``."""
    for paragraph in _paragraphs(document):
        if paragraph.text.strip() == LIST_PLACEHOLDER:
            _fill_list(paragraph, items)
        else:
            _fill(paragraph, values)


def render(kind: str, values: dict[str, str], items: list[str]) -> bytes:
    """The letter ``kind`` filled with ``values`` (and ``items`` for the request), as DOCX."""
    import docx

    template = templates_dir() / "courriers" / f"{kind}.docx"
    if not template.is_file():
        raise LetterError(f"le modèle « {template} » est introuvable.")
    try:
        document = docx.Document(str(template))
    except Exception as exc:  # a template saved in another format, or damaged
        raise LetterError(
            f"le modèle « {template} » n'est pas un document Word lisible ({exc})."
        ) from exc
    fill(document, values, items)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def write_letter(
    kind: str,
    outcome: Outcome,
    reception: Reception,
    call: Call,
    target: Path,
    *,
    force: bool = False,
    today: date | None = None,
    pdf: bool = True,
) -> Letter:
    """Write the letter ``kind`` about a verified dossier at ``target`` (DOCX) and beside it
    as PDF when LibreOffice is installed. A request for a complete dossier is refused."""
    items = requested_items(outcome)
    if kind == REQUEST and outcome.status == COMPLETE:
        raise LetterError(
            f"le dossier « {outcome.item.name} » est complet : il n'y a aucune pièce à demander."
        )
    data = render(kind, fields(outcome, reception, call, today or date.today()), items)
    pdf_target = target.with_suffix(".pdf")
    if not force and pdf and pdf_target.exists():
        raise LetterError(f"« {pdf_target} » existe déjà (utilisez --force pour le remplacer).")
    write_atomic(target, data, force=force)
    if not pdf:
        return Letter(target, None)
    from dossierkit.external import ExternalError, soffice

    if not soffice.available():
        return Letter(target, None)
    with tempfile.TemporaryDirectory(prefix="dossierkit-courrier-") as tmp:
        try:
            made = soffice.convert(target, "pdf", Path(tmp))
        except ExternalError as exc:
            return Letter(target, None, f"pas de PDF : {exc.message}")
        write_atomic(pdf_target, made.read_bytes(), force=force)
    return Letter(target, pdf_target)
