"""Make the project's corpus of hostile and broken files (issue 9).

Usage: python tests/hostile/make_corpus.py OUT_DIR

Every file is generated here (nothing downloaded) and is small on disk, however large it
claims to be. ``CORPUS`` maps each file name to how it is made and what it imitates.
"""

from __future__ import annotations

import io
import random
import re
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path


def _pdf(pages: int = 2) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    for number in range(pages):
        pdf.drawString(72, 770, f"Relevé d'identité bancaire — page {number + 1}")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def truncated_pdf() -> bytes:
    """A PDF cut in the middle, as an interrupted download leaves it."""
    data = _pdf()
    return data[: len(data) // 2]


def bit_flipped_pdf() -> bytes:
    """A PDF with a few hundred random bytes flipped (a bad disk, a bad mail gateway)."""
    data = bytearray(_pdf(3))
    rng = random.Random(9)
    for _ in range(300):
        data[rng.randrange(20, len(data))] ^= 1 << rng.randrange(8)
    return bytes(data)


def broken_xref_pdf() -> bytes:
    """A PDF whose cross-reference table points nowhere."""
    import re

    data = _pdf()
    data = re.sub(rb"(\d{10}) 00000 n", lambda m: b"%010d 00000 n" % (int(m.group(1)) + 7), data)
    return re.sub(rb"startxref\s+\d+", b"startxref\n999999", data)


def circular_pages_pdf() -> bytes:
    """A page tree whose /Pages node lists itself as its own kid."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def encrypted_pdf(algorithm: str) -> Callable[[], bytes]:
    """A PDF protected by a user password with ``algorithm``."""

    def make() -> bytes:
        from pypdf import PdfReader, PdfWriter

        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_pdf())))
        writer.encrypt("secret", algorithm=algorithm)
        buffer = io.BytesIO()
        writer.write(buffer)
        return buffer.getvalue()

    make.__doc__ = f"A PDF with a user password, {algorithm}."
    return make


def javascript_pdf() -> bytes:
    """A PDF that runs JavaScript when opened."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_pdf())))
    action = DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert('bonjour');"),
        }
    )
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _docx_with(document_xml: bytes, extra: dict[str, bytes] | None = None) -> bytes:
    import docx

    template = io.BytesIO()
    docx.Document().save(template)
    out = io.BytesIO()
    with zipfile.ZipFile(template) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        replaced = {"word/document.xml": document_xml, **(extra or {})}
        for item in src.infolist():
            dst.writestr(
                item.filename, replaced.pop(item.filename, None) or src.read(item.filename)
            )
        for name, data in replaced.items():
            dst.writestr(name, data)
    return out.getvalue()


def _repeated_deflate(head: bytes, chunk: bytes, times: int) -> tuple[bytes, int, int]:
    """A raw DEFLATE stream of ``head`` then ``chunk`` ``times`` over, made by compressing
    ``chunk`` once: after a full flush a block refers to nothing before it, so the same
    bytes decode to ``chunk`` wherever they are repeated. (stream, CRC-32, size)"""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    assert compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH) == block
    crc = zlib.crc32(head)
    for _ in range(times):
        crc = zlib.crc32(chunk, crc)
    stream = start + block * times + compressor.flush()
    return stream, crc, len(head) + len(chunk) * times


def _zip_of_streams(members: list[tuple[str, bytes, int, int]]) -> bytes:
    """A ZIP archive whose members are given already compressed: (name, raw DEFLATE
    stream, CRC-32, uncompressed size), which ``zipfile`` cannot write."""
    out = io.BytesIO()
    central = io.BytesIO()
    stamp = (0, 0x21)  # 1980-01-01 00:00, DOS time and date
    for name, stream, crc, size in members:
        offset = out.tell()
        encoded = name.encode()
        fields = (20, 0, zipfile.ZIP_DEFLATED, *stamp, crc, len(stream), size, len(encoded), 0)
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields) + encoded + stream)
        central.write(
            struct.pack("<IH", 0x02014B50, 20)
            + struct.pack("<HHHHHIIIHH", *fields)
            + struct.pack("<HHHII", 0, 0, 0, 0, offset)
            + encoded
        )
    start, count = out.tell(), len(members)
    out.write(central.getvalue())
    out.write(
        struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(central.getvalue()), start, 0)
    )
    return out.getvalue()


def zip_bomb_docx() -> bytes:
    """A DOCX whose document.xml unpacks to 1 GB of spaces (1 MB on disk)."""
    import docx

    template = io.BytesIO()
    docx.Document().save(template)
    members = []
    with zipfile.ZipFile(template) as src:
        for name in src.namelist():
            data = src.read(name)
            if name == "word/document.xml":
                members.append((name, *_repeated_deflate(data[:-1], b" " * (1 << 20), 1024)))
            else:
                compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
                stream = compressor.compress(data) + compressor.flush()
                members.append((name, stream, zlib.crc32(data), len(data)))
    return _zip_of_streams(members)


def many_entries_zip() -> bytes:
    """An archive of 20 000 empty members."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for number in range(20_000):
            archive.writestr(f"f{number}.txt", b"")
    return out.getvalue()


def billion_laughs_docx() -> bytes:
    """A DOCX whose XML defines nested entities that expand to gigabytes."""
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{"&lol" + str(i - 1) + ";" * 1}' + f'{("&lol" + str(i - 1) + ";") * 9}">'
        for i in range(1, 10)
    )
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE w:document [{entities}]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
    )
    return _docx_with(xml.encode())


def huge_png_header() -> bytes:
    """A PNG that claims 50 000 × 50 000 pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 50_000, 50_000, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


def jpeg_named_pdf() -> bytes:
    """A photo saved with a .pdf name."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "white").save(buffer, format="JPEG")
    return buffer.getvalue()


def macro_workbook() -> bytes:
    """An .xlsm workbook carrying a VBA project."""
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Budget"
    buffer = io.BytesIO()
    workbook.save(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item.filename, src.read(item.filename))
        dst.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    return out.getvalue()


def external_image_docx() -> bytes:
    """A DOCX that links a remote image (it must never be fetched)."""
    rels = (
        b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
        b'package/2006/relationships"><Relationship Id="rId99" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/image" Target="http://127.0.0.1:9/espion.png" '
        b'TargetMode="External"/></Relationships>'
    )
    return _docx_with(
        b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>Dossier technique</w:t></w:r></w:p></w:body></w:document>",
        {"word/_rels/document.xml.rels": rels},
    )


def _raw_pdf(objects: list[bytes]) -> bytes:
    """A PDF written object by object, with its cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def huge_page_pdf(points: int) -> Callable[[], bytes]:
    """A PDF of one page ``points`` × ``points`` pt holding a small image and no text: a scan
    for the reader, which OCR would render at 300 dpi (14 400 pt: 3.6 billion pixels)."""

    def make() -> bytes:
        content = b"q 100 0 0 100 10 10 cm /Im0 Do Q"
        return _raw_pdf(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] " % (points, points)
                + b"/Resources << /XObject << /Im0 5 0 R >> >> /Contents 4 0 R >>",
                b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
                b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray"
                b" /BitsPerComponent 8 /Length 1 >>\nstream\n\x00\nendstream",
            ]
        )

    make.__doc__ = f"A PDF page of {points} × {points} pt with a small image, no text."
    return make


def mimetype_bomb_odt() -> bytes:
    """An ODT whose ``mimetype`` member unpacks to 32 MB (32 KB on disk): type detection
    reads that member before any limit is checked."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        info = zipfile.ZipInfo("mimetype")
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as member:
            member.write(b"application/vnd.oasis.opendocument.text")
            chunk = b"\0" * (1 << 20)
            for _ in range(32):
                member.write(chunk)
        archive.writestr("content.xml", b"<office:document-content/>")
    return out.getvalue()


def grid_span_docx() -> bytes:
    """A DOCX with one table cell spanning 2 000 000 000 grid columns."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    return _docx_with(
        f'<?xml version="1.0"?><w:document xmlns:w="{w}"><w:body><w:tbl><w:tr><w:tc>'
        '<w:tcPr><w:gridSpan w:val="2000000000"/></w:tcPr><w:p><w:r><w:t>Budget</w:t></w:r>'
        "</w:p></w:tc></w:tr></w:tbl></w:body></w:document>".encode()
    )


def _grid_span(value: str) -> str:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    return (
        f'<w:document xmlns:w="{w}"><w:body><w:tbl><w:tr><w:tc>'
        f'<w:tcPr><w:gridSpan w:val="{value}"/></w:tcPr><w:p><w:r><w:t>Budget</w:t></w:r>'
        "</w:p></w:tc></w:tr></w:tbl></w:body></w:document>"
    )


def grid_span_reference_docx() -> bytes:
    """The giant span written with a character reference (``&#50;000000000``), which a
    byte pattern does not read as a number and the XML parser does."""
    return _docx_with(('<?xml version="1.0"?>' + _grid_span("&#50;000000000")).encode())


def grid_span_utf16_docx() -> bytes:
    """The giant span in a document.xml written in UTF-16 (with its byte order mark)."""
    xml = '<?xml version="1.0" encoding="UTF-16"?>' + _grid_span("2000000000")
    return _docx_with(xml.encode("utf-16"))


def grid_span_padded_docx() -> bytes:
    """The giant span in a tag padded with 70 000 spaces, so that the tag's name and its
    value fall in two different 64 KB chunks of a streamed read."""
    xml = '<?xml version="1.0"?>' + _grid_span("2000000000")
    return _docx_with(xml.replace("<w:gridSpan ", "<w:gridSpan" + " " * 70_000).encode())


def grid_span_fullwidth_docx() -> bytes:
    """The giant span in full-width digits (``２０００…``), which Python's ``int`` accepts."""
    digits = "2000000000".translate({ord(d): 0xFF10 + int(d) for d in "0123456789"})
    return _docx_with(('<?xml version="1.0"?>' + _grid_span(digits)).encode())


def grid_span_renamed_part_docx() -> bytes:
    """The giant span in a main part named ``word/contenu.dat``: the package's content types
    and relationships make it the document, whatever its extension, while an innocent
    ``word/document.xml`` stays beside it for whoever goes by names."""
    xml = ('<?xml version="1.0"?>' + _grid_span("2000000000")).encode()
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(_docx_with(xml))) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                dst.writestr("word/contenu.dat", data)
                data = _plain_document()
            if item.filename == "[Content_Types].xml":
                data = data.replace(
                    b'PartName="/word/document.xml"', b'PartName="/word/contenu.dat"'
                )
            elif item.filename == "_rels/.rels":
                data = data.replace(b'Target="word/document.xml"', b'Target="word/contenu.dat"')
            elif item.filename == "word/_rels/document.xml.rels":
                dst.writestr("word/_rels/contenu.dat.rels", data)
                continue
            dst.writestr(item.filename, data)
    return out.getvalue()


def dimension_xlsx() -> bytes:
    """An XLSX of two cells whose sheet declares ``<dimension ref="A1:XFD1048576"/>``."""
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Budget prévisionnel"
    workbook.active["B2"] = 1200
    buffer = io.BytesIO()
    workbook.save(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(
                    rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', data
                )
            dst.writestr(item.filename, data)
    return out.getvalue()


def _laughs() -> str:
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    )
    return f"<!DOCTYPE w:document [{entities}]>"


def late_laughs_docx() -> bytes:
    """A billion-laughs placed after 9 KB of comment, past a check of the first kilobytes."""
    xml = (
        f'<?xml version="1.0"?><!-- {"x" * 9000} -->{_laughs()}'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
    )
    return _docx_with(xml.encode())


def rels_laughs_docx() -> bytes:
    """A billion-laughs in the package's ``_rels/.rels``, read before the document."""
    rels = (
        f'<?xml version="1.0"?>{_laughs().replace("w:document", "Relationships")}'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/>&lol9;</Relationships>'
    )
    return _docx_with(_plain_document(), {"_rels/.rels": rels.encode()})


def _plain_document() -> bytes:
    return (
        b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>Dossier technique</w:t></w:r></w:p></w:body></w:document>"
    )


def tiny_png() -> bytes:
    """A 16 × 16 photo, too small to hold a word."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("L", (16, 16), 255).save(buffer, format="PNG")
    return buffer.getvalue()


def empty_file() -> bytes:
    """A file of zero bytes."""
    return b""


CORPUS: dict[str, Callable[[], bytes]] = {
    "RIB tronqué.pdf": truncated_pdf,
    "RIB bits inversés.pdf": bit_flipped_pdf,
    "RIB xref cassée.pdf": broken_xref_pdf,
    "RIB pages en boucle.pdf": circular_pages_pdf,
    "Attestation RC4-40.pdf": encrypted_pdf("RC4-40"),
    "Attestation RC4-128.pdf": encrypted_pdf("RC4-128"),
    "Attestation AES-128.pdf": encrypted_pdf("AES-128"),
    "Attestation AES-256.pdf": encrypted_pdf("AES-256"),
    "Courrier JavaScript.pdf": javascript_pdf,
    "Dossier technique bombe.docx": zip_bomb_docx,
    "Archive 20000 fichiers.zip": many_entries_zip,
    "Dossier technique entités.docx": billion_laughs_docx,
    "Plan géant.png": huge_png_header,
    "Photo.pdf": jpeg_named_pdf,
    "Budget macros.xlsm": macro_workbook,
    "Dossier technique image distante.docx": external_image_docx,
    "Statuts vide.pdf": empty_file,
    "Plan 14400 pt.pdf": huge_page_pdf(14_400),
    "Plan 7000 pt.pdf": huge_page_pdf(7_000),
    "Dossier technique mimetype.odt": mimetype_bomb_odt,
    "Budget cellule géante.docx": grid_span_docx,
    "Budget dimension.xlsx": dimension_xlsx,
    "Dossier technique entités tardives.docx": late_laughs_docx,
    "Dossier technique entités rels.docx": rels_laughs_docx,
    "Photo 16 px.png": tiny_png,
    # review 2, item 4: the same span past a byte pattern
    "Budget cellule géante référence.docx": grid_span_reference_docx,
    "Budget cellule géante UTF-16.docx": grid_span_utf16_docx,
    "Budget cellule géante espacée.docx": grid_span_padded_docx,
    "Budget cellule géante pleine chasse.docx": grid_span_fullwidth_docx,
    "Budget cellule géante partie renommée.docx": grid_span_renamed_part_docx,
}


def make_corpus(out: Path) -> list[Path]:
    """Write every file of the corpus in ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, make in CORPUS.items():
        path = out / name
        path.write_bytes(make())
        paths.append(path)
    return paths


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    for written in make_corpus(Path(sys.argv[1])):
        print(written)
