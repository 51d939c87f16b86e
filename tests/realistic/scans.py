"""Letters signed on paper and scanned, RIBs photographed by a phone.

An association types its request in Word, exports it to PDF with LibreOffice, prints it, and
its présidente signs in ink over the space left above her typed name (the scribble often
runs into the name); the page is then scanned: grey paper, noise, a slight skew, JPEG, one
image per page and no text layer. Its RIB, downloaded from the bank, is photographed on a
table (perspective, uneven light, JPEG). These are the documents that made dossierkit take a
scribble's OCR for the signatory's name, and a split word of the holder for another holder.

The applicant is the samples' Fab'Lab du Ternois renamed « Association Dentelle Numérique »,
presided by Marie Durand: its other pieces are those of ``triage_inbox.plain_dossier``.
"""

from __future__ import annotations

import dataclasses
import io
import random
import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from PIL import Image, ImageFilter

STRUCTURE = "Association Dentelle Numérique"
HOLDER = "ASSOCIATION DENTELLE NUMERIQUE"
PRESIDENTE = "Marie Durand"
# The resolution of a scanner's default setting and of a phone's view of an A4 sheet.
SCAN_DPI = 200
PHOTO_DPI = 200


def _generate() -> Any:
    import generate  # samples/generate.py, on sys.path through conftest

    return generate


def applicant(**changes: Any) -> Any:
    """The association Dentelle Numérique (the Fab'Lab du Ternois's project and budget),
    presided by Marie Durand who signs herself; ``changes`` replace Applicant fields."""
    g = _generate()
    base = g.applicant_ternois()
    presidente = g.Person(PRESIDENTE, "Présidente", "Mme")
    bank = dataclasses.replace(base.bank, holder=HOLDER)
    fields: dict[str, Any] = {
        "structure": STRUCTURE,
        "short_name": "Dentelle Numérique",
        "legal_rep": presidente,
        "signatory": presidente,
        "contact": presidente,
        "author": PRESIDENTE,
        "bank": bank,
        **changes,
    }
    return dataclasses.replace(base, **fields)


def word_letter_pdf(folder: Path, a: Any, name: str = "Courrier.pdf") -> Path:
    """The request letter typed in Word without a pasted signature (the space left blank
    above the name, to sign once printed), exported to PDF by LibreOffice."""
    g = _generate()
    with tempfile.TemporaryDirectory(prefix="dossierkit-letter-") as tmp:
        docx = g.make_courrier_docx(Path(tmp) / "courrier.docx", a, signed=False)
        return Path(g.office_to_pdf(docx, folder, use_libreoffice=True, name=name))


def _name_box(pdf_path: Path, name: str, scale: float) -> tuple[int, int, int, int]:
    """The pixel box (left, top, right, bottom) of the last ``name`` printed on the last
    page, at ``scale`` pixels per point."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        page = pdf[len(pdf) - 1]
        height = page.get_height()
        text = page.get_textpage()
        searcher = text.search(name, match_case=True)
        found = None
        while (hit := searcher.get_next()) is not None:
            found = hit
        if found is None:
            raise ValueError(f"{name!r} is not printed on the letter")
        start, count = found
        boxes = [text.get_charbox(i) for i in range(start, start + count)]
    finally:
        pdf.close()
    left, bottom = min(b[0] for b in boxes), min(b[1] for b in boxes)
    right, top = max(b[2] for b in boxes), max(b[3] for b in boxes)
    return (
        round(left * scale),
        round((height - top) * scale),
        round(right * scale),
        round((height - bottom) * scale),
    )


def sign_in_ink(
    pdf_path: Path, signer: str, *, seed: int, overlap: float = 0.35, width_mm: float = 60
) -> Image.Image:
    """The letter's last page as printed and signed by hand: a scribble in dark blue ink
    (``generate.make_signature_png``), ``width_mm`` wide, drawn above the typed name, its
    foot running into the name by ``overlap`` of the name's height."""
    import pypdfium2 as pdfium

    g = _generate()
    scale = SCAN_DPI / 72
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        page = pdf[len(pdf) - 1].render(scale=scale).to_pil().convert("RGB")
    finally:
        pdf.close()
    left, top, _, bottom = _name_box(pdf_path, signer, scale)
    with tempfile.TemporaryDirectory(prefix="dossierkit-ink-") as tmp:
        png = g.make_signature_png(Path(tmp) / "signature.png", signer, seed=seed)
        with Image.open(png) as drawn:
            ink = drawn.convert("RGBA")
    width = round(width_mm / 25.4 * SCAN_DPI)
    ink = ink.resize((width, round(ink.height * width / ink.width)), Image.Resampling.LANCZOS)
    x = left - round(width * 0.1)
    y = top - ink.height + round((bottom - top) * overlap)
    page.paste(ink, (x, y), ink)
    return page


def scan_pages(pages: list[Image.Image], dst: Path, *, seed: int, skew: float = 1.2) -> Path:
    """``pages`` as a scanner's image-only PDF: grey paper and ink, a slight skew, blur,
    noise, the lid's dark edge, JPEG, no text layer."""
    import img2pdf

    g = _generate()
    rng = random.Random(seed)
    images = []
    for page in pages:
        img = page.convert("L").point(lambda v: 22 + v * (238 - 22) // 255)
        img = img.rotate(skew, resample=Image.Resampling.BICUBIC, fillcolor=240)
        img = g.add_noise(img.filter(ImageFilter.GaussianBlur(0.6)), 12, rng)
        band = img.crop((0, 0, 8, img.height)).point(lambda v: v * 3 // 4)
        img.paste(band, (0, 0))
        buffer = io.BytesIO()
        img.save(buffer, "JPEG", quality=65, dpi=(SCAN_DPI, SCAN_DPI))
        images.append(buffer.getvalue())
    dst.parent.mkdir(parents=True, exist_ok=True)
    layout = img2pdf.get_layout_fun((img2pdf.mm_to_pt(210), img2pdf.mm_to_pt(297)))
    dst.write_bytes(
        img2pdf.convert(
            images,
            layout_fun=layout,
            nodate=True,
            producer="Brother MFC-L2710DW",
            engine=img2pdf.Engine.internal,
        )
    )
    return dst


def scanned_signed_letter(
    dst: Path,
    a: Any,
    *,
    seed: int = 7,
    overlap: float = 0.35,
    width_mm: float = 60,
    skew: float = 1.2,
) -> Path:
    """The letter of ``a`` exported by LibreOffice, printed, signed by hand by its
    signatory over the typed name, and scanned into ``dst``."""
    import pypdfium2 as pdfium

    with tempfile.TemporaryDirectory(prefix="dossierkit-scan-") as tmp:
        pdf_path = word_letter_pdf(Path(tmp), a)
        pdf = pdfium.PdfDocument(str(pdf_path))
        try:
            first = [
                pdf[i].render(scale=SCAN_DPI / 72).to_pil().convert("RGB")
                for i in range(len(pdf) - 1)
            ]
        finally:
            pdf.close()
        signed = sign_in_ink(
            pdf_path, a.signatory.name, seed=seed, overlap=overlap, width_mm=width_mm
        )
        return scan_pages([*first, signed], dst, seed=seed, skew=skew)


def bank_details_only_pdf(path: Path, a: Any) -> Path:
    """An old RIB, as a chequebook's or a bank letter's: holder, domiciliation and the four
    French fields (code banque, code guichet, n° de compte, clé), but no IBAN nor BIC."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.pdfgen import canvas

    bank = a.bank
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    _, height = A4
    y = height - 3 * cm
    c.setFont("Helvetica-Bold", 14)
    c.drawString(2 * cm, y, "RELEVÉ D'IDENTITÉ BANCAIRE")
    c.setFont("Helvetica", 11)
    c.drawString(2 * cm, y - 1.2 * cm, f"Titulaire du compte : {bank.holder}")
    c.drawString(2 * cm, y - 1.8 * cm, f"Domiciliation : {bank.domiciliation}")
    headers = ("Code banque", "Code guichet", "N° de compte", "Clé RIB")
    values = (bank.bank_code, bank.branch_code, bank.account, bank.key)
    for x, head, value in zip((2, 5.5, 9, 14.5), headers, values, strict=True):
        c.setFont("Helvetica-Bold", 9)
        c.drawString(x * cm, y - 3 * cm, head)
        c.setFont("Courier-Bold", 12)
        c.drawString(x * cm, y - 3.7 * cm, value)
    c.showPage()
    c.save()
    return path


def photographed_rib(
    dst: Path, a: Any, *, holder: str | None = None, iban: bool = True, seed: int = 4
) -> Path:
    """The bank's RIB of ``a`` (``generate.make_rib_pdf``), photographed by a phone: JPEG,
    perspective, uneven light, stored sideways with its EXIF orientation. ``holder`` is the
    holder's name as the bank prints it, when not the account's own; without ``iban``, the
    RIB is an old one that prints the French fields only (``bank_details_only_pdf``)."""
    import pypdfium2 as pdfium

    g = _generate()
    bank = a.bank
    with tempfile.TemporaryDirectory(prefix="dossierkit-rib-") as tmp:
        pdf_path = Path(tmp) / "RIB.pdf"
        if iban:
            g.make_rib_pdf(pdf_path, holder or bank.holder, bank.iban, bank.bic, bank.bank,
                           account=bank)  # fmt: skip
        else:
            bank_details_only_pdf(pdf_path, a)
        pdf = pdfium.PdfDocument(str(pdf_path))
        try:
            picture = pdf[0].render(scale=PHOTO_DPI / 72).to_pil()
        finally:
            pdf.close()
    return Path(g.make_photo_jpeg(dst, picture, seed=seed, orientation=6))


def plain_dossier(folder: Path, a: Any) -> Path:
    """The complete dossier of ``a`` as ``triage_inbox.plain_dossier`` makes it (letter
    and statuts as PDF, budget XLSX, technique DOCX, attestation, RIB)."""
    from triage_inbox import plain_dossier as make

    return Path(make(a, folder))


def letter_date(a: Any, day: date) -> Any:
    """``a`` whose letter is dated ``day``."""
    return dataclasses.replace(a, letter_date=day)


def replace_file(folder: Path, old: str, new: Path) -> None:
    """Put ``new`` in ``folder`` in place of the file named ``old``."""
    (folder / old).unlink()
    shutil.move(str(new), folder / new.name)
