"""A dossier technique made as a slide deck, and plans drawn as applicants draw them.

- ``write_deck``: the dossier technique as PowerPoint or Impress export it to PDF: 16:9
  landscape pages (33,867 × 19,05 cm), a title slide on a coloured background, then one slide
  per question of the call: a coloured band with the section's name, the question repeated
  word for word as the slide's caption, the answer as bullets (one per sentence, wrapped),
  the project's name and the slide's number in the footer. Its captions name pieces
  (« Désignation de la structure de portage de la demande », « plan prévisionnel
  d'agencement », « rapport de préconisations »): the slides are never those pieces.
- ``write_plan_pdf``: a plan d'agencement drawn in a drawing program (Draw, SketchUp's
  layout) and exported to PDF: a title « Plan – <lieu> » over rooms drawn as boxes, each
  labelled with its use (« Fablab », « Coworking 15 postes », « Accueil »).
- ``plan_ocr``: the text OCR reads from the same plan drawn as an image (« Plan.png »): the
  fast tests classify that text instead of running the OCR.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from pathlib import Path

# A 16:9 slide as PowerPoint sizes it, in points (33,867 × 19,05 cm).
SLIDE = (960.0, 540.0)
ROOMS = ("Fablab", "Coworking 15 postes", "Porteurs de projets", "Accueil", "Salle")
# The plan's boxes, as (x0, y0, x1, y1) fractions of the drawing's width and height.
_BOXES = (
    (0.0, 0.0, 0.5, 0.5),
    (0.5, 0.0, 1.0, 0.5),
    (0.0, 0.5, 0.33, 1.0),
    (0.33, 0.5, 0.67, 1.0),
    (0.67, 0.5, 1.0, 1.0),
)


def _sentences(paragraph: str) -> list[str]:
    """A paragraph cut into the bullets of a slide: one per sentence."""
    text = paragraph[2:] if paragraph.startswith("• ") else paragraph
    return [part.strip() for part in re.split(r"(?<=[.;])\s+", text) if part.strip()]


def write_deck(
    path: Path,
    title: str,
    structure: str,
    slides: Sequence[tuple[str, str, Sequence[str]]],
) -> Path:
    """The deck at ``path``: a title slide, then each (section, question, answer
    paragraphs) of ``slides``."""
    import generate
    from reportlab.pdfgen import canvas

    regular, bold = generate.rl_fonts()
    width, height = SLIDE
    pdf = canvas.Canvas(str(path), pagesize=SLIDE, invariant=True)
    pdf.setTitle(title)
    pdf.setAuthor(structure)
    pdf.setFillColorRGB(0.05, 0.25, 0.45)
    pdf.rect(0, 0, width, height, fill=1, stroke=0)
    pdf.setFillColorRGB(1, 1, 1)
    pdf.setFont(bold, 34)
    pdf.drawString(57, 310, title)
    pdf.setFont(regular, 20)
    pdf.drawString(57, 270, "Dossier technique – Appel à projets « Tiers-lieux du numérique »")
    pdf.drawString(57, 235, structure)
    pdf.showPage()
    for number, (section, question, answer) in enumerate(slides, start=2):
        pdf.setFillColorRGB(0.05, 0.25, 0.45)
        pdf.rect(0, height - 85, width, 85, fill=1, stroke=0)
        pdf.setFillColorRGB(1, 1, 1)
        pdf.setFont(bold, 13)
        pdf.drawString(42, height - 37, section.upper())
        pdf.setFont(regular, 11)
        for n, line in enumerate(textwrap.wrap(question, 130)[:2]):
            pdf.drawString(42, height - 57 - 14 * n, line)
        pdf.setFillColorRGB(0, 0, 0)
        y = height - 140
        for paragraph in answer:
            for sentence in _sentences(paragraph):
                for n, line in enumerate(textwrap.wrap(sentence, 85)):
                    pdf.setFont(regular, 17)
                    pdf.drawString(57 if n == 0 else 74, y, ("•  " if n == 0 else "") + line)
                    y -= 25
                y -= 8
        pdf.setFont(regular, 9)
        pdf.drawRightString(width - 28, 22, f"{title} – {number}")
        pdf.showPage()
    pdf.save()
    return path


# Slide titles of the applicant's own, as a deck shortens the call's questions.
OWN_HEADINGS = {
    "NAT-1": "Un lieu",
    "NAT-2": "Fonctions et plan d'agencement",
    "NAT-3": "Réseau",
    "GOV-1": "Désignation de la structure porteuse",
    "GOV-2": "Gouvernance",
    "GOV-3": "Légitimation",
    "TER-1": "Territoire",
    "TER-2": "Feuille de route numérique",
    "TER-3": "Feuille de route : état",
    "TER-4": "Écosystème",
    "TER-5": "Innovation",
    "TER-6": "Complémentarité",
    "AID-1": "Plan d'action sur 3 ans",
    "AID-2": "Première année",
    "AID-3": "Démarrage",
    "AID-4": "Dépenses",
    "AID-5": "Animation",
    "AID-6": "Pérennisation",
    "AID-7": "Aides antérieures",
    "AID-8": "Quartier prioritaire",
    "AID-9": "Autres aides",
}


def deck_of(
    applicant: object, *, own_headings: bool = False, first: str | None = None
) -> tuple[str, str, list[tuple[str, str, list[str]]]]:
    """(title, structure, slides) of a sample applicant's dossier technique as a deck: the
    questions of the call that apply to it, each with the answers of ``samples/generate.py``
    (the budget's summary table left to the budget file); with ``own_headings``, each slide
    titled in the applicant's words (``OWN_HEADINGS``) instead of the question; the question
    ``first`` (an id) moved to the first slide after the title."""
    import generate

    from dossierkit.call import load_call

    call = load_call()
    answers = generate._answers(applicant)  # type: ignore[arg-type]
    facts = applicant.facts  # type: ignore[attr-defined]
    asked = [
        q
        for q in call.questions
        if q.applies_when is None or q.applies_when.evaluate(facts) is not False
    ]
    asked.sort(key=lambda q: q.id != first)
    slides = [
        (
            call.sections[q.section]["fr"],
            OWN_HEADINGS[q.id] if own_headings else q.text,
            [text for text in answers.get(q.id, []) if text and text != "[TABLE]"],
        )
        for q in asked
    ]
    return applicant.project_name, applicant.structure, slides  # type: ignore[attr-defined]


def write_plan_pdf(path: Path, title: str, rooms: Sequence[str] = ROOMS) -> Path:
    """A plan exported from a drawing program: ``title`` over rooms drawn as labelled boxes
    (landscape A4)."""
    import generate
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    regular, bold = generate.rl_fonts()
    width, height = landscape(A4)
    pdf = canvas.Canvas(str(path), pagesize=(width, height), invariant=True)
    pdf.setFont(bold, 20)
    pdf.drawString(40, height - 50, title)
    left, bottom, right, top = 40, 40, width - 40, height - 80
    pdf.setLineWidth(4)
    for (x0, y0, x1, y1), room in zip(_BOXES, rooms, strict=False):
        bx0, bx1 = left + x0 * (right - left), left + x1 * (right - left)
        by1, by0 = top - y0 * (top - bottom), top - y1 * (top - bottom)
        pdf.rect(bx0, by0, bx1 - bx0, by1 - by0)
        pdf.setFont(regular, 16)
        pdf.drawString(bx0 + 14, by1 - 28, room)
    pdf.showPage()
    pdf.save()
    return path


def plan_ocr(title: str, rooms: Sequence[str] = ROOMS) -> str:
    """What dossierkit's OCR (Tesseract 5, fra, confidence 94 %) read from the outside
    tester's « Plan.png » drawing of ``title`` over these rooms (1600 × 1000 pixels, 28-pixel
    labels): the title with its dash read as a hyphen, then the labels of each row of rooms
    on one line, separated by tabs."""
    return "\n".join([title.replace("\u2013", "-"), "\t".join(rooms[:2]), "\t".join(rooms[2:])])
