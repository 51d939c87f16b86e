"""Dossiers whose pieces and files do not match one to one, made as applicants make them.

- Several pieces in one file: the letter, the VAT statement, the RIB and the statuts put in
  the scanner's feeder together, one image-only PDF out ("Pièces administratives
  scannées.pdf"), each page a little skewed, blurred and speckled.
- One piece in several files: a letter whose second page, the one with the signature, was
  scanned apart ("Courrier p2.pdf").
- Versions: an empty "dossier technique v1.pdf" draft (its questions followed by "À
  compléter") beside the filled "Dossier technique v2 FINAL.docx"; "RIB.pdf" beside its copy
  "RIB (2).pdf"; a PDF exported from the DOCX beside it.
- A dossier technique written as prose under its own headings, paraphrasing the call and
  naming its functions in plain words, exported to PDF.

The base is the Fab'Lab du Ternois of ``samples/generate.py`` (``triage_inbox.plain_dossier``):
born-digital letter and statuts, workbook, DOCX technique, attestation and RIB.
"""

from __future__ import annotations

import io
import random
import shutil
from datetime import date
from pathlib import Path

# Resolution of the scans: what a multifunction printer's "document" setting gives.
SCAN_DPI = 150
_SEED = 13


def plain(folder: Path) -> Path:
    """The complete dossier of the Fab'Lab du Ternois, born digital, in the new ``folder``."""
    import generate

    from triage_inbox import plain_dossier

    applicant = generate.applicant_ternois()
    plain_dossier(applicant, folder)
    # the designation by the intercommunalité that the dossier technique says is joined
    (folder / "Annexes").mkdir()
    generate.make_designation_pdf(
        folder / "Annexes" / "Délibération CC du Ternois - désignation.pdf",
        applicant,
        epci="Communauté de communes du Ternois",
        president="Marc Delattre",
        when=date(2026, 9, 23),
    )
    return folder


def _copy(base: Path, folder: Path) -> Path:
    """A copy of the plain dossier ``base`` (made once by ``plain``) in the new ``folder``."""
    shutil.copytree(base, folder)
    return folder


def _scanned_page(image: object, rng: random.Random) -> object:
    """A page as a feeder scans it: grey, slightly turned, a little blurred, with dust."""
    from PIL import Image, ImageFilter

    assert isinstance(image, Image.Image)
    page = image.convert("L")
    page = page.rotate(rng.uniform(-1.2, 1.2), resample=Image.Resampling.BICUBIC, fillcolor=255)
    page = page.filter(ImageFilter.GaussianBlur(0.6))
    pixels = page.load()
    assert pixels is not None
    width, height = page.size
    for _ in range(width * height // 400):
        x, y = rng.randrange(width), rng.randrange(height)
        pixels[x, y] = rng.choice((0, 60, 200))
    return page


def scan_together(sources: list[Path], target: Path) -> Path:
    """Every page of ``sources`` (PDFs), in order, as one image-only PDF: no text layer,
    as a scanner writes it."""
    import img2pdf
    import pypdfium2

    rng = random.Random(_SEED)
    images = []
    for source in sources:
        pdf = pypdfium2.PdfDocument(source)
        try:
            for index in range(len(pdf)):
                bitmap = pdf[index].render(scale=SCAN_DPI / 72, grayscale=True)
                page = _scanned_page(bitmap.to_pil(), rng)
                buffer = io.BytesIO()
                page.save(buffer, format="JPEG", quality=80)  # type: ignore[attr-defined]
                images.append(buffer.getvalue())
        finally:
            pdf.close()
    layout = img2pdf.get_fixed_dpi_layout_fun((SCAN_DPI, SCAN_DPI))
    # Undated: the same scan every time, read by OCR once per test run (the cache's key).
    target.write_bytes(img2pdf.convert(images, layout_fun=layout, nodate=True))
    return target


def administrative_scan(base: Path, folder: Path) -> Path:
    """The base dossier with its letter, VAT statement, RIB and statuts scanned together
    into "Pièces administratives scannées.pdf" (the four originals removed)."""
    _copy(base, folder)
    names = ["Courrier de demande.pdf", "Attestation TVA.pdf", "RIB.pdf", "Statuts.pdf"]
    scan_together([folder / name for name in names], folder / "Pièces administratives scannées.pdf")
    for name in names:
        (folder / name).unlink()
    return folder


def _letter_paragraphs() -> list[str]:
    """The paragraphs of the Fab'Lab's letter, as the generator writes it in Word."""
    import tempfile

    import generate
    from docx import Document

    with tempfile.TemporaryDirectory(prefix="dossierkit-letter-") as tmp:
        source = generate.make_courrier_docx(
            Path(tmp) / "courrier.docx", generate.applicant_ternois()
        )
        return [p.text for p in Document(str(source)).paragraphs if p.text.strip()]


def administrative_print(base: Path, folder: Path) -> Path:
    """The base dossier with its letter, VAT statement, RIB and statuts merged, born digital,
    into "Pièces administratives.pdf" (as a PDF printer's "combine files" does)."""
    import pikepdf

    _copy(base, folder)
    names = ["Courrier de demande.pdf", "Attestation TVA.pdf", "RIB.pdf", "Statuts.pdf"]
    with pikepdf.new() as merged:
        for name in names:
            with pikepdf.open(folder / name) as pdf:
                merged.pages.extend(pdf.pages)
        merged.save(folder / "Pièces administratives.pdf", deterministic_id=True)
    for name in names:
        (folder / name).unlink()
    return folder


def signed_print(base: Path, folder: Path) -> Path:
    """``administrative_print`` signed digitally as a whole (PAdES), as a président signs the
    PDF of her papers before sending it."""
    from conftest import sign_pdf

    administrative_print(base, folder)
    merged = folder / "Pièces administratives.pdf"
    unsigned = folder.parent / f"{folder.name}-unsigned.pdf"
    merged.rename(unsigned)
    sign_pdf(unsigned, merged, signer_name="Marie Delattre")
    unsigned.unlink()
    return folder


def split_letter(base: Path, folder: Path) -> Path:
    """The base dossier whose letter is in two files: its first page, born digital, and
    "Courrier p2.pdf", the closing and the handwritten signature, scanned apart."""
    import textwrap

    from conftest import write_letter_pdf

    _copy(base, folder)
    paragraphs = _letter_paragraphs()
    closing = next(i for i, text in enumerate(paragraphs) if text.startswith("Je vous prie"))
    first = [line for text in paragraphs[:closing] for line in textwrap.wrap(text, 90)]
    write_letter_pdf(folder / "Courrier de demande.pdf", first, signature=False)
    born = folder.parent / f"{folder.name}-page2.pdf"
    write_letter_pdf(
        born, [line for text in paragraphs[closing:] for line in textwrap.wrap(text, 90)]
    )
    scan_together([born], folder / "Courrier p2.pdf")
    born.unlink()
    return folder


def _draft_lines() -> list[str]:
    """A dossier technique template never filled: each question of the call followed by
    "À compléter"."""
    from dossierkit.call import load_call

    lines = ["Dossier technique - version de travail"]
    for number, question in enumerate(load_call().questions, start=1):
        lines += [f"{number}. {question.text}", "À compléter"]
    return lines


def versions(base: Path, folder: Path) -> Path:
    """The base dossier with an empty draft of the dossier technique in PDF ("dossier
    technique v1.pdf") beside the filled DOCX renamed "Dossier technique v2 FINAL.docx",
    and the RIB present twice ("RIB.pdf" and its copy "RIB (2).pdf")."""
    from conftest import write_pdf

    _copy(base, folder)
    (folder / "Dossier technique.docx").rename(folder / "Dossier technique v2 FINAL.docx")
    write_pdf(folder / "dossier technique v1.pdf", _draft_lines())
    shutil.copyfile(folder / "RIB.pdf", folder / "RIB (2).pdf")
    return folder


def exported_twin(base: Path, folder: Path) -> Path:
    """The base dossier with the dossier technique also exported to PDF beside its DOCX
    (through LibreOffice, as Word's "Enregistrer sous PDF" does)."""
    from dossierkit.external import soffice

    _copy(base, folder)
    soffice.convert(folder / "Dossier technique.docx", "pdf", folder)
    return folder


PROSE_TECHNIQUE = [
    ("h", "Notre projet : la Fabrique du Ternois"),
    (
        "p",
        "L'association Fab'Lab du Ternois demande le soutien de la Région pour un lieu unique, "
        "installé dans l'ancienne gare de Saint-Pol-sur-Ternoise, à deux pas de la place du "
        "marché et desservi par la ligne de bus du réseau intercommunal.",
    ),
    ("h", "Ce que l'on y trouvera"),
    (
        "p",
        "Le rez-de-chaussée accueillera un atelier de fabrication numérique ouvert à tous, avec "
        "ses imprimantes 3D, sa découpeuse laser et ses machines à coudre programmables, ainsi "
        "qu'un espace de travail partagé de douze postes pour les indépendants et les salariés "
        "qui ne veulent plus faire la route jusqu'à Arras chaque jour.",
    ),
    (
        "p",
        "À l'étage, une salle servira aux ateliers d'initiation au numérique pour les habitants "
        "éloignés des outils, animés chaque semaine avec les travailleurs sociaux du secteur.",
    ),
    ("h", "Qui porte le projet et comment il est piloté"),
    (
        "p",
        "L'association est présidée par Marie Dupont, qui en est la représentante légale ; "
        "l'interlocuteur au quotidien sera Thomas Leroy, coordinateur. Un comité réunira chaque "
        "trimestre l'élu chargé du numérique de la communauté de communes, l'agent qui suit le "
        "dossier, les membres du bureau et deux usagers tirés au sort.",
    ),
    ("h", "Le territoire et ses partenaires"),
    (
        "p",
        "Le lieu rayonnera sur les cent quatre communes de la Communauté de communes du Ternois. "
        "Il s'inscrit dans la stratégie numérique adoptée par le conseil communautaire au "
        "printemps dernier et travaillera avec la médiathèque, le lycée professionnel et les "
        "entreprises artisanales qui cherchent à se former.",
    ),
    ("h", "Les trois premières années"),
    (
        "p",
        "La première année sera consacrée à l'aménagement et à l'ouverture au public, avec un "
        "animateur recruté à plein temps ; la deuxième à l'élargissement des horaires et à des "
        "formations certifiantes ; la troisième à l'équilibre économique par les abonnements "
        "et les prestations aux entreprises, de sorte que le lieu vive sans l'aide de la "
        "Région quand elle prendra fin.",
    ),
    (
        "p",
        "Les dépenses de fonctionnement et les recettes attendues figurent dans le budget "
        "prévisionnel joint, présenté toutes taxes comprises puisque l'association ne récupère "
        "pas la TVA ; le total des charges de la première année et celui des produits sont "
        "équilibrés, et le plan de financement précise la part de chaque partenaire.",
    ),
]


def prose_technique(base: Path, folder: Path) -> Path:
    """The base dossier whose dossier technique is a Word document in prose under its own
    headings, exported to PDF through LibreOffice as "Présentation du projet.pdf"."""
    from docx import Document

    from dossierkit.external import soffice

    _copy(base, folder)
    (folder / "Dossier technique.docx").unlink()
    document = Document()
    for style, text in PROSE_TECHNIQUE:
        if style == "h":
            document.add_heading(text, level=1)
        else:
            document.add_paragraph(text)
    source = folder.parent / f"{folder.name}-source" / "Présentation du projet.docx"
    source.parent.mkdir()
    document.save(str(source))
    soffice.convert(source, "pdf", folder)
    shutil.rmtree(source.parent)
    return folder


def draft_technique_only(base: Path, folder: Path) -> Path:
    """The base dossier whose only dossier technique is the template never filled, exported
    to PDF as "Dossier technique.pdf"."""
    from conftest import write_pdf

    _copy(base, folder)
    (folder / "Dossier technique.docx").unlink()
    write_pdf(folder / "Dossier technique.pdf", _draft_lines())
    return folder


def rib_without_iban(base: Path, folder: Path) -> Path:
    """The base dossier whose RIB is a bank's letterhead with the holder and the domiciliation
    but no account details (the page printed before the customer area gives them)."""
    from conftest import write_pdf

    _copy(base, folder)
    write_pdf(
        folder / "RIB.pdf",
        [
            "La Banque Postale",
            "Relevé d'identité bancaire",
            "Titulaire du compte : ASSOCIATION FAB LAB DU TERNOIS",
            "14 RUE DES PROCUREURS 62130 SAINT-POL-SUR-TERNOISE",
            "Domiciliation : La Banque Postale - Centre financier de Lille",
        ],
    )
    return folder


def empty_budget(base: Path, folder: Path) -> Path:
    """The base dossier whose budget is the workbook's template: labels, years and total
    formulas, no amount typed (saved by openpyxl, so no value is stored for the formulas)."""
    from openpyxl import Workbook

    _copy(base, folder)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Budget prévisionnel"
    sheet.append(["Budget prévisionnel 2027-2029 — montants TTC"])
    sheet.append(["Dépenses", 2027, 2028, 2029, "Total"])
    for row, label in enumerate(["Salaire de l'animateur", "Loyer", "Équipement"], start=3):
        sheet.append([label, None, None, None, f"=SUM(B{row}:D{row})"])
    sheet.append(["Total dépenses", "=SUM(B3:B5)", "=SUM(C3:C5)", "=SUM(D3:D5)", "=SUM(E3:E5)"])
    sheet.append(["Recettes", 2027, 2028, 2029, "Total"])
    for row, label in enumerate(
        ["Région Hauts-de-France — aide à l'animation", "Autofinancement"], start=8
    ):
        sheet.append([label, None, None, None, f"=SUM(B{row}:D{row})"])
    sheet.append(["Total recettes", "=SUM(B8:B9)", "=SUM(C8:C9)", "=SUM(D8:D9)", "=SUM(E8:E9)"])
    book.save(folder / "Budget prévisionnel.xlsx")
    return folder
