"""Readers: the real type from the bytes, and every format into one document model."""

from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import (
    OLE_HEADER,
    scanned_pdf_bytes,
    write_docx,
    write_pdf,
    write_png_header,
    write_xlsx,
)
from dossierkit.reading import ReadError, read_document
from dossierkit.reading.sniff import sniff

ODS_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">
<office:body><office:spreadsheet><table:table table:name="Budget">
<table:table-row><table:table-cell office:value-type="string"><text:p>Recettes</text:p></table:table-cell>
<table:table-cell office:value-type="float" office:value="45000"><text:p>45 000,00 €</text:p></table:table-cell>
<table:table-cell table:number-columns-repeated="16000"/></table:table-row>
<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
</table:table></office:spreadsheet></office:body></office:document-content>"""

ODT_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">
<office:body><office:text>
<text:h text:outline-level="1">Nature du projet</text:h>
<text:p>Un lieu<text:s text:c="2"/>avec un fablab.</text:p>
</office:text></office:body></office:document-content>"""


def _odf(path: Path, mimetype: str, content: str) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)
    return path


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _image(path: Path, fmt: str) -> Path:
    from PIL import Image

    Image.new("RGB", (200, 300), "white").save(path, format=fmt)
    return path


@pytest.mark.parametrize(
    ("maker", "expected"),
    [
        (lambda p: write_pdf(p / "a.bin", ["Bonjour"]), "pdf"),
        (lambda p: write_docx(p / "a.bin", [("Titre", 1)]), "docx"),
        (lambda p: write_xlsx(p / "a.bin"), "xlsx"),
        (lambda p: write_xlsx(p / "a.bin", macros=True), "xlsm"),
        (
            lambda p: _odf(
                p / "a.bin", "application/vnd.oasis.opendocument.spreadsheet", ODS_CONTENT
            ),
            "ods",
        ),
        (
            lambda p: _odf(p / "a.bin", "application/vnd.oasis.opendocument.text", ODT_CONTENT),
            "odt",
        ),
        (lambda p: _image(p / "a.bin", "PNG"), "png"),
        (lambda p: _image(p / "a.bin", "JPEG"), "jpeg"),
        (lambda p: _image(p / "a.bin", "TIFF"), "tiff"),
        (lambda p: _write(p / "a.bin", b""), "empty"),
        (lambda p: _write(p / "a.csv", "Poste;2027\nLoyer;6 000\n".encode("cp1252")), "csv"),
        (lambda p: _write(p / "a.csv", b"Poste\nLoyer\n"), "csv"),
        (
            lambda p: _write(p / "a.txt", "Ce texte cite %PDF-1.7 sans en être un.\n".encode()),
            "txt",
        ),
        (
            lambda p: _write(p / "a.bin", OLE_HEADER + "EncryptedPackage".encode("utf-16-le")),
            "office-encrypted",
        ),
        (lambda p: _write(p / "a.bin", OLE_HEADER + "WordDocument".encode("utf-16-le")), "doc"),
    ],
)
def test_type_is_told_from_the_bytes(tmp_path: Path, maker, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert sniff(maker(tmp_path)) == expected


def test_pdf_text_by_page(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "doc.pdf", ["Première page", "Objet : demande"], ["Seconde page"])
    document = read_document(path, "pdf")
    assert document.page_count == 2
    assert "Objet : demande" in document.pages[0].text
    assert document.pages[1].number == 2
    assert document.scanned_pages == ()
    assert round(document.pages[0].width) == 595


def test_scanned_pdf_pages_are_recognised(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(scanned_pdf_bytes())
    document = read_document(path, "pdf")
    assert document.scanned_pages == (1,)
    assert document.image_count == 1


def test_scan_wrapped_in_a_form_xobject_is_still_a_scan(tmp_path: Path) -> None:
    # Merging and "print to PDF" tools often wrap each scanned page in a form XObject: the
    # image is then one level down, and the page must still be found scanned.
    import pikepdf

    scan = tmp_path / "scan.pdf"
    scan.write_bytes(scanned_pdf_bytes())
    with pikepdf.open(scan) as source, pikepdf.new() as wrapped:
        form = wrapped.copy_foreign(source.pages[0].as_form_xobject())
        page = wrapped.add_blank_page(page_size=(595, 842))
        page.add_overlay(form, pikepdf.Rectangle(0, 0, 595, 842))
        wrapped.save(tmp_path / "wrapped.pdf")
    document = read_document(tmp_path / "wrapped.pdf", "pdf")
    assert document.scanned_pages == (1,)
    assert document.image_count == 1


def test_encrypted_pdf_is_a_named_problem(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    source = write_pdf(tmp_path / "clair.pdf", ["Attestation"])
    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt("secret", algorithm="AES-256")
    path = tmp_path / "chiffre.pdf"
    writer.write(path)
    with pytest.raises(ReadError) as caught:
        read_document(path, "pdf")
    assert caught.value.problem == "encrypted"


def test_garbage_after_pdf_header_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "bad.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20)
    with pytest.raises(ReadError) as caught:
        read_document(path, "pdf")
    assert caught.value.problem == "corrupt"


def test_docx_paragraphs_headings_tables_and_images(tmp_path: Path) -> None:
    path = write_docx(
        tmp_path / "dt.docx",
        [
            ("Nature du projet", 1),
            ("L'aide est-elle sollicitée pour un lieu ?", 2),
            ("Un lieu.", 0),
        ],
        table=[["Poste", "2027"], ["Loyer", "6 000"]],
    )
    document = read_document(path, "docx")
    assert [(p.text, p.level) for p in document.paragraphs][:3] == [
        ("Nature du projet", 1),
        ("L'aide est-elle sollicitée pour un lieu ?", 2),
        ("Un lieu.", 0),
    ]
    assert document.tables[0].rows == (("Poste", "2027"), ("Loyer", "6 000"))
    assert document.page_count is None
    assert "Loyer" in document.text


def test_xlsx_reads_stored_formula_values_as_decimal(tmp_path: Path) -> None:
    document = read_document(write_xlsx(tmp_path / "budget.xlsx"), "xlsx")
    table = document.tables[0]
    assert table.name == "Budget"
    assert table.rows[1] == ("Salaire animateur", Decimal("42000"))
    assert table.rows[2][1] == Decimal("6000.5")
    assert table.rows[3] == ("Total", Decimal("48000.5"))


def test_ods_values_and_repeated_blank_cells_cost_nothing(tmp_path: Path) -> None:
    path = _odf(tmp_path / "b.ods", "application/vnd.oasis.opendocument.spreadsheet", ODS_CONTENT)
    document = read_document(path, "ods")
    assert document.tables[0].name == "Budget"
    assert document.tables[0].rows == (("Recettes", Decimal("45000")),)


def test_odt_headings_and_spaces(tmp_path: Path) -> None:
    path = _odf(tmp_path / "dt.odt", "application/vnd.oasis.opendocument.text", ODT_CONTENT)
    document = read_document(path, "odt")
    assert [(p.text, p.level) for p in document.paragraphs] == [
        ("Nature du projet", 1),
        ("Un lieu  avec un fablab.", 0),
    ]


def test_odt_with_entity_expansion_is_refused(tmp_path: Path) -> None:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0">'
        "&lol2;</office:document-content>"
    )
    path = _odf(tmp_path / "bomb.odt", "application/vnd.oasis.opendocument.text", bomb)
    with pytest.raises(ReadError) as caught:
        read_document(path, "odt")
    assert caught.value.problem == "hostile"


@pytest.mark.parametrize(
    ("data", "rows"),
    [
        (
            "Poste;2027;2028\nSalaire de l'animateur;42 000,00;43 000,00\n".encode("cp1252"),
            (("Poste", "2027", "2028"), ("Salaire de l'animateur", "42 000,00", "43 000,00")),
        ),
        (
            '\ufeffPoste,Montant\nDépenses d\'équipement,"12 500,50"\n'.encode(),
            (("Poste", "Montant"), ("Dépenses d'équipement", "12 500,50")),
        ),
    ],
)
def test_csv_as_french_spreadsheets_export_it(tmp_path: Path, data: bytes, rows: tuple) -> None:  # type: ignore[type-arg]
    path = tmp_path / "budget.csv"
    path.write_bytes(data)
    assert read_document(path, "csv").tables[0].rows == rows


def test_image_is_one_scanned_page(tmp_path: Path) -> None:
    document = read_document(_image(tmp_path / "rib.jpg", "JPEG"), "jpeg")
    assert document.scanned_pages == (1,)


def test_image_claiming_billions_of_pixels_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as caught:
        read_document(write_png_header(tmp_path / "bomb.png", 50_000, 50_000), "png")
    assert caught.value.problem == "too_large"


@pytest.mark.parametrize(
    ("doc_type", "problem"),
    [
        ("doc", "legacy_office"),
        ("zip", "archive"),
        ("office-encrypted", "encrypted"),
        ("empty", "empty"),
        ("html", "unsupported"),
    ],
)
def test_types_that_are_not_read_have_a_named_problem(
    tmp_path: Path, doc_type: str, problem: str
) -> None:
    path = tmp_path / "x"
    path.write_bytes(b"whatever")
    with pytest.raises(ReadError) as caught:
        read_document(path, doc_type)
    assert caught.value.problem == problem


def test_truncated_docx_is_corrupt(tmp_path: Path) -> None:
    data = write_docx(tmp_path / "a.docx", [("Texte", 0)]).read_bytes()
    path = tmp_path / "tronque.docx"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ReadError) as caught:
        read_document(path, sniff(path) if sniff(path) == "docx" else "docx")
    assert caught.value.problem == "corrupt"


@pytest.mark.parametrize(
    ("seconds", "failure", "outcome"),
    [
        (7.0, "fails", "uncalculated"),  # LibreOffice broken: the formulas are named
        (7.0, "hangs", "timeout"),  # stopped before the reader's worker would be killed
        (0.5, "not started", "timeout"),  # less than the margin left: not even started
    ],
)
def test_recalculation_has_only_what_is_left_of_the_file_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seconds: float, failure: str, outcome: str
) -> None:
    """A workbook saved by a program (formulas, no values) is recalculated by LibreOffice
    within the file's reading time, never a fixed minute beyond it: past ``--timeout`` the
    reader's worker would be killed with LibreOffice still running, and a reading in this
    process (``workers=0``) would wait a minute. LibreOffice that does not finish in time is
    the file's reading interrupted (F015); LibreOffice that fails leaves the formulas named
    (B015)."""
    import openpyxl

    from dossierkit.external import ExternalError, ProgramTimeout, soffice
    from dossierkit.limits import Limits
    from dossierkit.reading.spreadsheet import UNCALCULATED

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Salaire", 1000])
    sheet.append(["Total", "=SUM(B1:B1)"])
    path = tmp_path / "Budget.xlsx"
    workbook.save(path)
    timeouts: list[float] = []

    def convert(*_: object, timeout: float) -> Path:
        timeouts.append(timeout)
        if failure == "hangs":
            raise ProgramTimeout("LibreOffice", "trop long")
        raise ExternalError("LibreOffice", "échec")

    monkeypatch.setattr(soffice, "available", lambda: True)
    monkeypatch.setattr(soffice, "convert", convert)
    limits = Limits(seconds_per_file=seconds)
    if outcome == "timeout":
        with pytest.raises(ReadError) as stopped:
            read_document(path, "xlsx", limits)
        assert stopped.value.problem == "timeout"
    else:
        document = read_document(path, "xlsx", limits)
        assert any(note.startswith(UNCALCULATED) for note in document.notes)
    if failure == "not started":
        assert timeouts == []
    else:
        assert len(timeouts) == 1 and 0 < timeouts[0] < seconds - 0.9
