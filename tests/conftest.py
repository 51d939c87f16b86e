"""Shared fixtures: paths, small real files made the way tools make them, CLI runners."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def pytest_configure(config: pytest.Config) -> None:
    sys.path.insert(0, str(SAMPLES))


def require_tool(name: str) -> str:
    """Path of an external program; skip without it, but fail in CI where it must be."""
    found = shutil.which(name)
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail(f"{name} is required in CI (scripts/test.sh installs it)")
    pytest.skip(f"{name} not installed")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Modules holding slow tests run first, those with the most slow tests first; each
    module's tests keep their order (its module fixtures are made once).

    With ``-n auto`` (scripts/test.sh), xdist hands the tests out in this order: the long
    LibreOffice and Tesseract cases start while both workers are busy, and the last tests
    handed out are quick ones, so that no worker waits alone on a long case at the end."""
    slow: dict[str, int] = {}
    for item in items:
        module = item.nodeid.split("::", 1)[0]
        slow[module] = slow.get(module, 0) + (item.get_closest_marker("slow") is not None)
    first_seen = {module: i for i, module in enumerate(slow)}
    items.sort(
        key=lambda item: (
            -slow[item.nodeid.split("::", 1)[0]],
            first_seen[item.nodeid.split("::", 1)[0]],
        )
    )


@pytest.fixture(scope="session", autouse=True)
def ocr_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """OCR results are cached in a folder of the test session, never in the user's cache:
    a scan is read once per session, whichever test reads it first. Under xdist, the
    folder is the run's, shared by its workers (each has a temporary folder of its own in
    it): a scan one worker read is not read again by the other. The cache writes each page
    atomically, so two workers storing the same page at once is harmless."""
    if os.environ.get("PYTEST_XDIST_WORKER"):
        folder = tmp_path_factory.getbasetemp().parent / "ocr-cache"
        folder.mkdir(exist_ok=True)
    else:
        folder = tmp_path_factory.mktemp("ocr-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DOSSIERKIT_CACHE_DIR", str(folder))
        yield folder


@pytest.fixture
def no_tesseract(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tesseract absent, as on a machine where it was never installed."""
    from dossierkit.external import Program, tesseract

    missing = Program("Tesseract", ("tesseract-absent-for-this-test",), tesseract.TESSERACT.install)
    monkeypatch.setattr(tesseract, "TESSERACT", missing)


@pytest.fixture
def report_validator() -> Callable[[dict[str, Any]], None]:
    """Validate a report against schemas/report.schema.json."""
    import jsonschema

    schema = json.loads((ROOT / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)

    def validate(report: dict[str, Any]) -> None:
        errors = [f"{e.json_path}: {e.message}" for e in validator.iter_errors(report)]
        assert not errors, errors

    return validate


def fingerprint(folder: Path) -> dict[str, tuple[str, int]]:
    """Content hash and modification time of every file under ``folder``."""
    result = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            stat = path.stat()
            result[str(path.relative_to(folder))] = (
                hashlib.sha256(path.read_bytes()).hexdigest(),
                stat.st_mtime_ns,
            )
    return result


def pdf_bytes(pages: list[list[str]]) -> bytes:
    """A born-digital PDF, one list of lines per page, as a word processor would export."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    for lines in pages:
        text = pdf.beginText(60, 780)
        text.setFont("Helvetica", 11)
        for line in lines:
            text.textLine(line)
        pdf.drawText(text)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def write_pdf(path: Path, *pages: list[str]) -> Path:
    """Write a text PDF at ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pdf_bytes(list(pages) or [["Page vide"]]))
    return path


def scanned_pdf_bytes(text: str = "Document numérisé") -> bytes:
    """A PDF made of one page image and no text layer, as a scanner makes it. Undated, so
    that the same text gives the same file: its page is read by OCR once per test run."""
    import img2pdf
    from PIL import Image, ImageDraw

    image = Image.new("L", (827, 1169), 255)
    ImageDraw.Draw(image).text((80, 100), text, fill=0)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=70)
    return img2pdf.convert(buffer.getvalue(), nodate=True)


def write_docx(
    path: Path, paragraphs: list[tuple[str, int]], table: list[list[str]] | None = None
) -> Path:
    """A Word document: (text, heading level) paragraphs and an optional table."""
    import docx

    document = docx.Document()
    for text, level in paragraphs:
        if level:
            document.add_heading(text, level=level)
        else:
            document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def write_xlsx(path: Path, *, macros: bool = False) -> Path:
    """A workbook with a formula whose cached value is stored, as Excel saves it."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Budget"
    sheet.append(["Dépenses", "2027"])
    sheet.append(["Salaire animateur", 42000])
    sheet.append(["Loyer", 6000.5])
    sheet.append(["Total", "=SUM(B2:B3)"])
    workbook.save(path)
    # openpyxl writes no cached value: add the one Excel would store.
    with zipfile.ZipFile(path) as src:
        members = {n: src.read(n) for n in src.namelist()}
    sheet_xml = members["xl/worksheets/sheet1.xml"].decode()
    members["xl/worksheets/sheet1.xml"] = (
        sheet_xml.replace("<f>SUM(B2:B3)</f><v></v>", "<f>SUM(B2:B3)</f><v>48000.5</v>")
        .replace("<f>SUM(B2:B3)</f></c>", "<f>SUM(B2:B3)</f><v>48000.5</v></c>")
        .encode()
    )
    if macros:
        members["xl/vbaProject.bin"] = b"\xd0\xcf\x11\xe0fake"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in members.items():
            dst.writestr(name, data)
    return path


def write_png_header(path: Path, width: int, height: int) -> Path:
    """A PNG whose header claims ``width × height`` pixels (a decompression bomb)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\0"))
        + chunk(b"IEND", b"")
    )
    return path


# The header of an OLE2 container (legacy Office files, password-protected OOXML).
OLE_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500


# Realistic texts of each piece, as found in applicants' documents.
# A letter signed by a vice-president: someone other than the legal representative.
VP_LETTER: list[str] = [
    "Communauté de communes du Pays de Lumbres",
    "Monsieur le Président du Conseil régional des Hauts-de-France",
    "Lumbres, le 5 novembre 2026",
    "Objet : demande de subvention - appel à projets Tiers-lieux du numérique",
    "J'ai l'honneur de solliciter une aide à l'animation de 45 000 € pour 2027.",
    "Je vous prie d'agréer, Monsieur le Président, l'expression de ma haute considération.",
    "Le Vice-président délégué au numérique,",
    "Olivier Dufour",
]


TEXTS: dict[str, list[str]] = {
    "courrier": [
        "Association Fab'Lab du Ternois",
        "12 rue des Jardins, 62130 Saint-Pol-sur-Ternoise",
        "Monsieur le Président du Conseil régional des Hauts-de-France",
        "151 Boulevard Hoover, 59555 Lille Cedex",
        "Saint-Pol-sur-Ternoise, le 12 octobre 2026",
        "Objet : demande de subvention - appel à projets Tiers-lieux du numérique",
        "Monsieur le Président,",
        "J'ai l'honneur de solliciter le soutien de la Région pour l'animation de notre tiers-lieu,",
        "désigné par la Communauté de communes du Ternois, pour un montant de 110 000 euros.",
        "Je vous prie d'agréer, Monsieur le Président, l'expression de ma haute considération.",
        "Marie Dupont, Présidente",
    ],
    "budget": [
        "Budget prévisionnel 2027-2029 - montants TTC",
        "DÉPENSES 2027 2028 2029 Total",
        "Salaire de l'animateur 42 000 43 000 44 000 129 000",
        "Total dépenses 60 000 60 000 60 000 180 000",
        "RECETTES",
        "Région Hauts-de-France - animation 45 000 30 000 15 000 90 000",
        "Total recettes 60 000 60 000 60 000 180 000",
    ],
    "dossier_technique": [
        "Dossier technique - Tiers-lieu numérique du Ternois",
        "1. Nature du projet : un lieu, avec un fablab et un espace de coworking.",
        "2. Portage, gouvernance : un comité de pilotage réunit l'élu et l'agent référent.",
        "3. Cohérence territoriale : la portée géographique couvre les 104 communes.",
        "Le projet s'articule avec la feuille de route numérique et l'écosystème numérique local.",
        "4. Aides : le plan d'action sur trois ans débute en janvier 2027.",
    ],
    "attestation_tva": [
        "Attestation de régime fiscal",
        "Je soussignée Marie Dupont, présidente de l'association Fab'Lab du Ternois,",
        "atteste que l'association n'est pas assujettie à la TVA et ne récupère pas la TVA.",
        "Fait à Saint-Pol-sur-Ternoise, le 12 octobre 2026",
    ],
    "rib": [
        "Relevé d'identité bancaire",
        "Titulaire du compte : ASSOCIATION FAB LAB DU TERNOIS",
        "Domiciliation : CREDIT AGRICOLE NORD DE FRANCE",
        "Code banque 16706 Code guichet 05029 N° de compte 12345678901 Clé RIB 47",
        "IBAN : FR76 1670 6050 2912 3456 7890 147",
        "BIC : AGRIFRPP867",
    ],
    "statuts": [
        "STATUTS DE L'ASSOCIATION",
        "ARTICLE 1 - Constitution et dénomination",
        "Il est fondé entre les adhérents aux présents statuts une association régie par la",
        "loi du 1er juillet 1901, ayant pour titre : « Fab'Lab du Ternois ».",
        "ARTICLE 2 - Siège social : 12 rue des Jardins, Saint-Pol-sur-Ternoise.",
        "ARTICLE 9 - Assemblée générale. ARTICLE 10 - Conseil d'administration.",
    ],
    "delegation": [
        "ARRÊTÉ portant délégation de signature",
        "Le Président de la Communauté de communes du Pays de Lumbres,",
        "Vu le code général des collectivités territoriales,",
        "ARRÊTE : Article 1 - Délégation de signature est donnée à M. Paul Martin, vice-président,",
        "pour signer les demandes de subvention relatives au tiers-lieu numérique.",
    ],
}


def signature_png() -> bytes:
    """A handwritten-looking scribble, as people paste under their name."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (300, 120), "white")
    draw = ImageDraw.Draw(image)
    draw.line(
        [(10, 80), (60, 20), (90, 90), (140, 30), (200, 85), (280, 40)], fill=(20, 30, 120), width=5
    )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def write_letter_pdf(path: Path, lines: list[str], *, signature: bool = True) -> Path:
    """A Word letter exported to PDF: text, and the signature image pasted above the name."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    text = pdf.beginText(60, 780)
    text.setFont("Helvetica", 11)
    for line in lines:
        text.textLine(line)
    pdf.drawText(text)
    if signature:
        pdf.drawImage(ImageReader(io.BytesIO(signature_png())), 340, 180, width=130, height=52)
    pdf.showPage()
    pdf.save()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())
    return path


def sign_pdf(
    source: Path, target: Path, signer_name: str = "Marie Dupont", organization: str = ""
) -> Path:
    """Sign ``source`` with pyHanko and a throw-away self-signed certificate (PAdES); the
    subject carries the organisation and country as the qualified certificates do."""
    import datetime

    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, signer_name)]
    if organization:
        attributes += [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "FR"),
        ]
    name = x509.Name(attributes)
    start = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(start)
        .not_valid_after(start + datetime.timedelta(days=3650))
        .sign(key, hashes.SHA256())
    )
    signing_cert = asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
    signing_key = asn1_keys.PrivateKeyInfo.load(
        key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    signer = signers.SimpleSigner(
        signing_cert=signing_cert,
        signing_key=signing_key,
        cert_registry=SimpleCertificateStore.from_certs([signing_cert]),
    )
    with source.open("rb") as fh:
        writer = IncrementalPdfFileWriter(fh)
        output = signers.sign_pdf(
            writer, signers.PdfSignatureMetadata(field_name="Signature1"), signer=signer
        )
        target.write_bytes(output.getvalue())
    return target


# The date of the run, for the checks that compare a date with it (C006, and B017 when
# verify is given no day to judge on: dossierkit.checks.clock).
TODAY = "2026-12-02"


@pytest.fixture(scope="session", autouse=True)
def run_date() -> Iterator[str]:
    """Every test runs on ``TODAY`` (``DOSSIERKIT_TODAY``), whatever the calendar says: a
    letter dated in the future stays so."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DOSSIERKIT_TODAY", TODAY)
        yield TODAY
