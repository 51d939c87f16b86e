"""Fill a dossier written by ``dossierkit init`` the way an applicant does: answers typed under
each question, figures typed in the budget's white cells, a signature pasted above the name,
the Word files exported to PDF by LibreOffice and kept beside their PDF (the letter's named
« signé »), the workbook saved (and so recalculated) by
LibreOffice, a RIB and the statuts added."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from conftest import TEXTS, signature_png, write_letter_pdf, write_pdf
from dossierkit.call import load_call
from dossierkit.external import soffice
from dossierkit.text import fold

ANSWERS = {
    "NAT-1": "L'aide est sollicitée pour un lieu : La Fabrique du Ternois.",
    "NAT-2": "Le lieu réunira un fablab, un espace de coworking et la médiation numérique. "
    "Il sera implanté en centre-ville, près de la gare, accessible de plain-pied. "
    "Le plan d'agencement est joint.",
    "GOV-1": "Structure de portage : Association Fab'Lab du Ternois ; responsable légal : "
    "Marie Dupont, présidente ; interlocuteur : Thomas Caron, coordinateur.",
    "GOV-2": "Un comité de pilotage réunit l'association et la communauté de communes. "
    "Élu référent : M. Jean Leroy, vice-président ; agent référent : Mme Claire Petit.",
    "GOV-3": "La communauté de communes du Ternois a désigné l'association par délibération "
    "du conseil communautaire du 3 juillet 2026.",
    "TER-1": "Les 103 communes de la communauté de communes, 38 000 habitants.",
    "TER-2": "Le projet met en œuvre l'axe « inclusion numérique » de la feuille de route.",
    "TER-3": "La feuille de route a été votée le 12 mars 2025.",
    "TER-4": "Le lieu travaille avec la médiathèque, la mission locale et les conseillers numériques.",
    "TER-5": "Le fablab et le coworking feront se rencontrer artisans, entrepreneurs et habitants.",
    "AID-1": "Année 1 : ouverture et ateliers ; année 2 : offre aux entreprises ; année 3 : autonomie.",
    "AID-2": "Dès 2027, ateliers de médiation pour les seniors et résidences d'entrepreneurs.",
    "AID-3": "Le plan d'action débutera le 1er janvier 2027.",
    "AID-4": "Les dépenses sont détaillées dans le budget : animation, loyer, équipement du fablab.",
    "AID-5": "L'animation est internalisée : recrutement d'un animateur à temps plein en CDI.",
    "AID-6": "La communauté de communes prendra le relais, avec les recettes d'activité.",
    "AID-7": "Le lieu n'a jamais bénéficié d'une aide régionale.",
    "AID-8": "Non, il n'est pas implanté dans un quartier prioritaire de la politique de la ville.",
    "AID-9": "Oui, un appui en conseil pour l'offre aux entreprises.",
}
# Label in the workbook → amounts typed for each year.
FIGURES = {
    "Salaire et charges de l'animateur (1 ETP)": (42000, 43000, 44000),
    "Prestations d'animation (intervenants, ateliers)": (18000, 17000, 16000),
    "Loyer et charges": (10000, 10000, 10000),
    "Équipement (matériel, mobilier, postes informatiques)": (40000, 0, 0),
    "Région Hauts-de-France — aide à l'animation": (45000, 30000, 15000),
    "Région Hauts-de-France — aide à l'équipement": (20000, 0, 0),
    "CC du Ternois — subvention": (25000, 20000, 25000),
    "Autres subventions publiques": (25000, 20000, 25000),
    "Autofinancement": (20000, 20000, 30000),
}
LETTER_AMOUNTS = ("45 000", "30 000", "15 000", "20 000", "110 000")


def fill_technique(path: Path, skip: frozenset[str] = frozenset()) -> None:
    """Type an answer under each question (but those in ``skip``)."""
    import docx

    call = load_call()
    by_text = {fold(q.text): q.id for q in call.questions}  # headings set in French typography
    document = docx.Document(str(path))
    current = None
    for paragraph in document.paragraphs:
        if fold(paragraph.text) in by_text:
            current = by_text[fold(paragraph.text)]
        elif paragraph.text == "À compléter" and current and current not in skip:
            paragraph.text = ANSWERS[current]
    document.save(str(path))


def fill_budget(path: Path, figures: dict[str, tuple[int, ...]]) -> None:
    """Type the figures in the white cells, keep the formulas."""
    import openpyxl

    workbook = openpyxl.load_workbook(str(path))
    sheet = workbook.active
    for row in sheet.iter_rows(min_col=1, max_col=1):
        label = row[0].value
        if label in figures:
            for i, amount in enumerate(figures[label]):
                sheet.cell(row[0].row, 2 + i, amount)
    workbook.save(str(path))


def sign_and_date(path: Path, amounts: tuple[str, ...] = LETTER_AMOUNTS) -> None:
    """Replace [date] and [montant], paste the signature where the template left room."""
    import docx
    from docx.shared import Cm

    document = docx.Document(str(path))
    remaining = list(amounts)
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            if "[date]" in run.text:
                run.text = run.text.replace("[date]", "12 octobre 2026")
            while "[montant]" in run.text and remaining:
                run.text = run.text.replace("[montant]", remaining.pop(0), 1)
            if run.text == " ":
                run.add_picture(io.BytesIO(signature_png()), width=Cm(4))
    document.save(str(path))


def recalculate(path: Path, work: Path) -> None:
    """Open and save the workbook in LibreOffice, which stores each formula's value."""
    produced = soffice.convert(path, "xlsx", work / "recalcul")
    shutil.move(produced, path)


def export_pdf(path: Path, work: Path, name: str | None = None) -> Path:
    """Export a Word document to PDF with LibreOffice, as "Fichier > Exporter en PDF", under
    ``name`` (the document's by default); the Word file stays beside it, as LISEZMOI allows."""
    produced = soffice.convert(path, "pdf", work / "export")
    target = path.with_name(name) if name else path.with_suffix(".pdf")
    shutil.move(produced, target)
    return target


def complete_as_an_applicant(
    folder: Path,
    work: Path,
    *,
    holder: str,
    association: bool,
    skip: frozenset[str] = frozenset(),
    figures: dict[str, tuple[int, ...]] | None = None,
    amounts: tuple[str, ...] = LETTER_AMOUNTS,
) -> None:
    """Everything an applicant does between ``init`` and sending the dossier."""
    from PIL import Image

    fill_technique(folder / "03 - Dossier technique.docx", skip)
    fill_budget(folder / "02 - Budget prévisionnel.xlsx", figures or FIGURES)
    recalculate(folder / "02 - Budget prévisionnel.xlsx", work)
    sign_and_date(folder / "01 - Courrier de demande.docx", amounts)
    export_pdf(folder / "01 - Courrier de demande.docx", work, "01 - Courrier de demande signé.pdf")
    for name in ("04 - Attestation régime TVA.docx", "07 - Délégation de signature.docx"):
        if (folder / name).exists():
            sign_and_date(folder / name)
            export_pdf(folder / name, work)
    write_letter_pdf(
        folder / "RIB.pdf",
        [line.replace("ASSOCIATION FAB LAB DU TERNOIS", holder) for line in TEXTS["rib"]],
        signature=False,
    )
    if association:
        write_pdf(
            folder / "Statuts.pdf",
            [*TEXTS["statuts"], "ARTICLE 12 - La présidente représente l'association en justice."],
        )
    Image.new("RGB", (400, 300), "white").save(folder / "Plan d'agencement.png")


__all__ = ["ANSWERS", "FIGURES", "complete_as_an_applicant"]
