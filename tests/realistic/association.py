"""An association's own papers: its statuts and the minutes that elect its bureau.

An association keeps its statuts in Word and exports them to PDF; the article that names its
representative is written in many ways ("Le président représente l'association…", "a qualité
pour représenter l'association dans tous les actes de la vie civile", "est investi de tous
pouvoirs"). After its general assembly, the secretary types the procès-verbal in Word (who
was there, the agenda, the votes, the new bureau, often as a table), prints it, both sign it,
and someone scans it with a phone app or a copier. These are the papers that dossierkit took
for more statuts, whose representative it did not find, and whose association it did not
compare with the applicant.

The applicant is the samples' Fab'Lab du Ternois (présidente Marie Delattre); a second
association, the « Club informatique d'Arras », provides the papers that do not belong.
"""

from __future__ import annotations

import dataclasses
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

OTHER = "Club informatique d'Arras"
# How statuts name their representative, as associations write it.
CLAUSES = {
    "a-qualite": "Le président a qualité pour représenter l'association dans tous les actes de "
    "la vie civile. Il préside les réunions du conseil d'administration et de l'assemblée.",
    "en-justice": "La présidente représente l'association en justice et dans tous les actes de "
    "la vie civile. Elle ordonnance les dépenses.",
    "investi": "Le bureau assure la gestion courante de l'association. Le président est investi "
    "de tous pouvoirs pour agir au nom de l'association auprès des tiers.",
    "representee-par": "L'association est représentée en justice et dans tous les actes de la "
    "vie civile par sa présidente ou, en cas d'empêchement, par la vice-présidente.",
}
_GENERATED_CLAUSE = "Le président représente l'association dans tous les actes de la vie civile."


def _generate() -> Any:
    import generate  # samples/generate.py, on sys.path through conftest

    return generate


def ternois(**changes: Any) -> Any:
    """The Fab'Lab du Ternois, whose présidente Marie Delattre signs; ``changes`` replace
    Applicant fields."""
    return dataclasses.replace(_generate().applicant_ternois(), **changes)


def plain_dossier(folder: Path, a: Any | None = None) -> Path:
    """The complete dossier of ``a`` (the Fab'Lab du Ternois by default): letter and statuts
    as PDF, budget XLSX, technique DOCX, attestation, RIB."""
    from triage_inbox import plain_dossier as make

    return Path(make(a or ternois(), folder))


def replace_text(docx: Path, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` in the paragraphs of ``docx`` (whose runs may split it)."""
    from docx import Document

    doc = Document(str(docx))
    for paragraph in doc.paragraphs:
        if old in paragraph.text:
            text = paragraph.text.replace(old, new)
            for run in paragraph.runs[1:]:
                run.text = ""
            paragraph.runs[0].text = text
    doc.save(str(docx))


def statuts_pdf(
    folder: Path,
    a: Any | None = None,
    *,
    clause: str = "a-qualite",
    name: str = "Statuts.pdf",
    libreoffice: bool = False,
) -> Path:
    """The statuts of ``a`` typed in Word, their representation article written as
    ``CLAUSES[clause]``, exported to PDF (by LibreOffice when ``libreoffice``)."""
    g = _generate()
    a = a or ternois()
    with tempfile.TemporaryDirectory(prefix="dossierkit-statuts-") as tmp:
        docx = g.make_statuts_docx(Path(tmp) / "statuts.docx", a)
        replace_text(docx, _GENERATED_CLAUSE, CLAUSES[clause])
        return Path(g.office_to_pdf(docx, folder, use_libreoffice=libreoffice, name=name))


@dataclasses.dataclass(frozen=True)
class Minutes:
    """What a procès-verbal of general assembly says."""

    association: str
    held_on: date
    town: str
    president: str
    treasurer: str = "Paul Leroy"
    secretary: str = "Lucie Caron"
    body: str = "assemblée générale ordinaire"


def minutes_docx(path: Path, m: Minutes) -> Path:
    """The procès-verbal as the secretary types it in Word: letterhead, title, attendance,
    agenda, the votes in prose, then the new bureau in a table, and the two signatures."""
    g = _generate()
    doc = g.new_docx(author=m.secretary, title="Procès-verbal", when=m.held_on)
    when = g.fr_date(m.held_on)
    lines = [
        (f"Association {m.association}", True),
        (f"Siège social : 12 rue des Jardins, {m.town}", False),
        (f"PROCÈS-VERBAL DE L'{m.body.upper()} DU {when.upper()}", True),
        (
            f"Le {when} à 18 h 30, les membres de l'association se sont réunis en {m.body} à "
            f"la salle des fêtes de {m.town}, sur convocation du conseil d'administration.",
            False,
        ),
        ("Étaient présents ou représentés : 27 membres sur 34 ; le quorum est atteint.", False),
        (f"Président de séance : {m.president}. Secrétaire de séance : {m.secretary}.", False),
        (
            "Ordre du jour : rapport moral, rapport financier, renouvellement du conseil "
            "d'administration, élection du bureau, questions diverses.",
            False,
        ),
        ("1. Rapport moral et rapport financier", True),
        ("Le rapport moral et les comptes de l'exercice sont approuvés à l'unanimité.", False),
        ("2. Élection du bureau", True),
        (
            f"Le conseil d'administration, réuni à l'issue de l'assemblée, élit à l'unanimité "
            f"Mme {m.president} en qualité de présidente, M. {m.treasurer} en qualité de "
            f"trésorier et Mme {m.secretary} en qualité de secrétaire.",
            False,
        ),
        ("La composition du bureau est donc la suivante :", False),
    ]
    for text, bold in lines:
        paragraph = doc.add_paragraph()
        paragraph.add_run(text).bold = bold
    table = doc.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Fonction", "Nom"
    for role, person in (
        ("Présidente", m.president),
        ("Trésorier", m.treasurer),
        ("Secrétaire", m.secretary),
    ):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = role, person
    for text in (
        "L'ordre du jour étant épuisé, la séance est levée à 20 h 15.",
        f"Fait à {m.town}, le {when}",
        f"La présidente de séance, {m.president}          La secrétaire, {m.secretary}",
    ):
        doc.add_paragraph(text)
    return Path(g.save_docx(doc, path))


def minutes_pdf(
    folder: Path, m: Minutes, *, name: str = "PV AG.pdf", libreoffice: bool = False
) -> Path:
    """The procès-verbal typed in Word and exported to PDF (by LibreOffice when
    ``libreoffice``)."""
    g = _generate()
    with tempfile.TemporaryDirectory(prefix="dossierkit-pv-") as tmp:
        docx = minutes_docx(Path(tmp) / "pv.docx", m)
        return Path(g.office_to_pdf(docx, folder, use_libreoffice=libreoffice, name=name))


def scanned_minutes(dst: Path, m: Minutes, *, seed: int = 11) -> Path:
    """The procès-verbal exported by LibreOffice, printed, signed and scanned with a phone
    app: grey paper, noise, a slight skew, JPEG, no text layer."""
    import pypdfium2 as pdfium

    from realistic.scans import SCAN_DPI, scan_pages

    with tempfile.TemporaryDirectory(prefix="dossierkit-pvscan-") as tmp:
        pdf_path = minutes_pdf(Path(tmp), m, libreoffice=True)
        pdf = pdfium.PdfDocument(str(pdf_path))
        try:
            pages = [page.render(scale=SCAN_DPI / 72).to_pil() for page in pdf]
        finally:
            pdf.close()
    return scan_pages(pages, dst, seed=seed, skew=0.8)


def leaders_docx(
    path: Path, association: str, when: date, leaders: tuple[tuple[str, str, str], ...]
) -> Path:
    """The liste des dirigeants as the préfecture asks for it, typed in Word: one table
    "Nom | Prénom | Fonction | Adresse", one row per (nom, prénom, fonction)."""
    g = _generate()
    doc = g.new_docx(author=association, title="Liste des dirigeants", when=when)
    doc.add_paragraph(f"Association {association}")
    doc.add_paragraph(f"Liste des dirigeants au {g.fr_date(when)}")
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, header in zip(
        table.rows[0].cells, ("Nom", "Prénom", "Fonction", "Adresse"), strict=True
    ):
        cell.text = header
    for number, (last, first, role) in enumerate(leaders, start=3):
        values = (last, first, role, f"{number} rue des Jardins, 62130 Saint-Pol-sur-Ternoise")
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = value
    return Path(g.save_docx(doc, path))
