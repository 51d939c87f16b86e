"""An iPhone photo (HEIC) is read, OCR'd and assembled like a JPEG.

An iPhone saves its photos as HEIC; copied to a computer by AirDrop or cable, the RIB
photographed on the table stays « IMG_4021.HEIC », stored sideways with its EXIF rotation.
The photo here is made the way ``realistic.scans.photographed_rib`` makes the JPEG one, then
saved as HEIC with the same rotation.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from realistic import scans

from conftest import require_tool


def _heic(jpeg: Path, target: Path) -> Path:
    """The JPEG saved as an iPhone does: HEIC, pixels stored sideways, EXIF orientation 6."""
    from dossierkit.reading.heif import open_heif

    open_heif()
    with Image.open(jpeg) as photo:
        exif = photo.getexif()
        assert exif.get(0x0112) == 6
        photo.save(target, format="HEIF", quality=80, exif=exif.tobytes())
    jpeg.unlink()
    return target


def test_a_heic_photo_is_a_scanned_page_turned_upright(tmp_path: Path) -> None:
    from dossierkit.reading import read_document
    from dossierkit.reading.sniff import sniff

    # A sheet photographed upright, its pixels stored sideways as the sensor took them.
    sideways = Image.new("RGB", (1600, 1200), "white").rotate(0)
    exif = Image.Exif()
    exif[0x0112] = 6
    jpeg = tmp_path / "photo.jpg"
    sideways.save(jpeg, format="JPEG", exif=exif.tobytes())
    photo = _heic(jpeg, tmp_path / "IMG_4021.HEIC")
    assert sniff(photo) == "heic"
    [page] = read_document(photo, "heic").pages
    # libheif turns the pixels by the rotation the file declares, and clears the EXIF one:
    # the page is upright, not turned twice.
    assert page.scanned and page.height > page.width


@pytest.mark.slow
def test_the_rib_photographed_by_an_iphone_is_read_and_assembled(tmp_path: Path) -> None:
    from conftest import TEXTS, write_pdf
    from dossierkit.assemble import Options, Renderer, assemble
    from dossierkit.verify import verify

    require_tool("tesseract")
    a = scans.applicant()
    write_pdf(tmp_path / "Courrier.pdf", [scans.STRUCTURE, *TEXTS["courrier"][1:]])
    jpeg = scans.photographed_rib(tmp_path / "RIB.jpg", a)
    _heic(jpeg, tmp_path / "IMG_4021.HEIC")
    result = verify(tmp_path, read_workers=0)
    facts = {f.name: f.value for f in result.dossier.facts}
    assert facts["rib.iban"] == a.bank.iban
    [rib] = [p for p in result.dossier.pieces if p.spec.kind == "rib"]
    assert rib.status == "ok" and rib.used is not None and rib.used.rel == "IMG_4021.HEIC"
    assert not [f for f in result.findings if f.code.startswith("R") or f.code < "F014"]
    # Assembled: the photo is one upright A4 page, its original attached as it came.
    output = tmp_path.parent / f"{tmp_path.name}.pdf"
    options = Options(allow_incomplete=True, renderer=Renderer("builtin"))
    assemble(result, output, options)
    import pikepdf

    with pikepdf.open(output) as pdf:
        assert "IMG_4021.HEIC" in {Path(name).name for name in pdf.attachments}
        assert all(abs(float(p.mediabox[3]) - 841.89) < 1 for p in pdf.pages)
