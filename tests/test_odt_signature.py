"""An ODT letter signed with a picture is signed, as a DOCX letter is (outside tester 5,
discrepancy 6: Ponthieu's letter, saved by LibreOffice Writer with the signature pasted under
« Le Président, Claude Hertault », got G001 « n'est pas signé »; exported to PDF it passed).

The letters are written the way Writer saves them: the picture in ``Pictures/`` under a name
made of its digest, a ``draw:frame`` holding a ``draw:image`` in a paragraph of its own
(anchored as a character) or in the signatory's paragraph (anchored to it).
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from click.testing import CliRunner

from conftest import TEXTS, signature_png
from dossierkit.cli import cli
from dossierkit.reading import read_document
from dossierkit.report.flatten import flatten

LETTER = TEXTS["courrier"]
_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'xmlns:xlink="http://www.w3.org/1999/xlink" office:version="1.3"'
)


def _frame(href: str, anchor: str, name: str = "Image1") -> str:
    return (
        f'<draw:frame draw:style-name="fr1" draw:name="{name}" text:anchor-type="{anchor}" '
        'svg:width="4.5cm" svg:height="1.499cm" draw:z-index="0">'
        f'<draw:image xlink:href="{href}" xlink:type="simple" xlink:show="embed" '
        'xlink:actuate="onLoad" draw:mime-type="image/png"/></draw:frame>'
    )


def write_odt_letter(path: Path, signature: str | None, *, logo: bool = False) -> Path:
    """The test letter as Writer saves it. ``signature``: ``"own-paragraph"`` (the picture
    alone in a paragraph below the name, anchored as a character: Ponthieu's shape),
    ``"in-name"`` (anchored to the signatory's paragraph), None (unsigned). ``logo`` puts a
    picture in the letterhead, above everything: never a signature."""
    picture = signature_png()
    href = f"Pictures/{hashlib.md5(picture).hexdigest().upper()}.png"
    lines = [f'<text:p text:style-name="Standard">{escape(line)}</text:p>' for line in LETTER]
    if logo:
        lines.insert(
            0, f'<text:p text:style-name="Standard">{_frame(href, "as-char", "Logo")}</text:p>'
        )
    if signature == "own-paragraph":
        lines.append(f'<text:p text:style-name="P4">{_frame(href, "as-char")}</text:p>')
    elif signature == "in-name":
        lines[-1] = (
            f'<text:p text:style-name="P3">{_frame(href, "paragraph")}{escape(LETTER[-1])}</text:p>'
        )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f"<office:document-content {_NAMESPACES}><office:body><office:text>"
        '<text:sequence-decls/><text:p text:style-name="Standard"/>'
        + "".join(lines)
        + "</office:text></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        f'<manifest:file-entry manifest:full-path="{href}" manifest:media-type="image/png"/>'
        "</manifest:manifest>"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED
        )
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", manifest)
        if signature or logo:
            archive.writestr(href, picture)
    return path


def _verify(folder: Path) -> dict[str, Any]:
    result = CliRunner().invoke(cli, ["verify", str(folder), "--format", "json"])
    assert "Traceback" not in result.output
    report: dict[str, Any] = json.loads(result.output)
    return report


def _signature(report: dict[str, Any]) -> object:
    return next(f["value"] for f in report["facts"] if f["name"] == "courrier.signature")


def test_picture_in_its_own_paragraph_below_the_name_signs_the_letter(tmp_path: Path) -> None:
    write_odt_letter(tmp_path / "Courrier Region TLN.odt", "own-paragraph")
    report = _verify(tmp_path)
    assert flatten(report["findings"], codes=tuple("CGLUAX")) == []
    assert _signature(report) == "image"
    assert next(f["value"] for f in report["facts"] if f["name"] == "signatory.name") == (
        "Marie Dupont"
    )


def test_picture_anchored_to_the_signatory_paragraph_signs_the_letter(tmp_path: Path) -> None:
    write_odt_letter(tmp_path / "Courrier.odt", "in-name")
    report = _verify(tmp_path)
    assert flatten(report["findings"], codes=("G",)) == []
    assert _signature(report) == "image"


def test_unsigned_odt_letter_and_one_with_only_a_letterhead_logo_are_not_signed(
    tmp_path: Path,
) -> None:
    write_odt_letter(tmp_path / "non-signe" / "Courrier.odt", None)
    write_odt_letter(tmp_path / "logo" / "Courrier.odt", None, logo=True)
    for folder in ("non-signe", "logo"):
        report = _verify(tmp_path / folder)
        assert flatten(report["findings"], codes=("G",)) == [
            ("G001", "error", "courrier", "Courrier.odt", None)
        ], folder
        assert _signature(report) == "none"


def test_odt_reader_keeps_the_picture_paragraph_and_counts_pictures(tmp_path: Path) -> None:
    document = read_document(
        write_odt_letter(tmp_path / "c.odt", "own-paragraph", logo=True), "odt"
    )
    assert document.image_count == 2
    assert [p.has_image for p in document.paragraphs[:2]] == [True, False]
    assert document.paragraphs[-1].text == ""
    assert document.paragraphs[-1].has_image
    assert document.paragraphs[-2].text == LETTER[-1]
