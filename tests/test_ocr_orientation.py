"""A scanned page too bare for Tesseract's orientation detection is read the right way up.

A community's request letter is typed, printed on two sheets, signed by hand and scanned in
one go; the second sheet went into the feeder upside down. It holds nothing but « Le
Président, », the signature and the name: too few characters for Tesseract's orientation
detection, which gives up (« Too few characters ») and reads the page as it lies.
The name « Sylvain Robert » then came out as « yeqoy UIBAIAS » and the letter got a C005
quoting it (outside tester 4, finding 12). The same sheet fed sideways is read upright too.
The letter is drawn with reportlab and scanned as ``samples/generate.py`` scans (grey, skew,
noise, JPEG, one image per page); the tests that run Tesseract are marked ``slow``, those
of the choice between readings give it hOCR of their own.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import ROOT, require_tool
from dossierkit.cli import cli
from dossierkit.reading.model import Document

SIGNATORY = "Sylvain Robert"
STRUCTURE = "Communauté d'agglomération de Lens-Liévin"
SCAN_DPI = 150


def _generate() -> Any:
    sys.path.insert(0, str(ROOT / "samples"))
    import generate

    return generate


def _letter_pdf(path: Path, signature: Path) -> Path:
    """The letter as printed and signed: a full first page ending on the closing formula and
    the place and date, and a second page that only holds the signatory's title, the
    ``signature`` in ink and the name (with the date on it too, the detection still fails on
    the page upside down, but hesitates its way to the right side when it is sideways)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    height = A4[1]
    y = height - 2.5 * cm

    def line(text: str, x: float = 2.5 * cm, *, font: str = "Helvetica", gap: float = 15) -> None:
        nonlocal y
        c.setFont(font, 11)
        c.drawString(x, y, text)
        y -= gap

    for text in (STRUCTURE, "21 rue Marcel Sembat – BP 65", "62302 Lens Cedex",
                 "SIRET 246 200 364 00015"):  # fmt: skip
        line(text, font="Helvetica-Bold" if text == STRUCTURE else "Helvetica")
    y -= 20
    for text in ("Monsieur le Président", "du Conseil régional des Hauts-de-France",
                 "151 boulevard Hoover", "59555 LILLE CEDEX"):  # fmt: skip
        line(text, 11 * cm)
    y -= 20
    line("Lens, le 25 novembre 2026", 11 * cm)
    y -= 20
    line("Objet : appel à projets « Tiers-lieux du numérique » – demande de subvention",
         font="Helvetica-Bold", gap=30)  # fmt: skip
    line("Monsieur le Président,", gap=25)
    for text in (
        "J'ai l'honneur de solliciter le soutien de la Région pour le tiers-lieu « La Base",
        "11/19 numérique » à Loos-en-Gohelle, que porte la communauté d'agglomération.",
        "L'aide sollicitée s'élève au total à 110 000 € : 45 000 € en 2028, 30 000 € en 2029",
        "et 15 000 € en 2030 pour l'animation, ainsi que 20 000 € pour l'équipement.",
        "Le tiers-lieu réunira la médiation numérique, un fablab et un espace de coworking ;",
        "il sera animé par un professionnel recruté à temps plein.",
        "",
        "Je vous prie d'agréer, Monsieur le Président, l'expression de ma haute considération.",
    ):
        line(text)
    y -= 20
    line("Fait à Lens, le 25 novembre 2026", 11 * cm)
    c.showPage()
    y = height - 3 * cm
    line("Le Président,", 11 * cm, gap=80)
    c.drawImage(str(signature), 10.5 * cm, y + 16, width=5 * cm, height=1.9 * cm, mask="auto")
    line(SIGNATORY, 11 * cm)
    c.showPage()
    c.save()
    return path


@pytest.fixture(scope="module")
def scans(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(a dossier holding the letter scanned with its second sheet upside down, the same
    letter scanned with its second sheet fed sideways)."""
    require_tool("tesseract")
    g = _generate()
    root = tmp_path_factory.mktemp("orientation")
    ink = g.make_signature_png(root / "signature.png", SIGNATORY, seed=11)
    signed = _letter_pdf(root / "signed.pdf", ink)
    dossier = root / "CA de Lens-Liévin"
    g.scan_pdf(signed, dossier / "SCAN_20261125_0915.pdf", seed=10, dpi=SCAN_DPI,
               turns={2: 180})  # fmt: skip
    sideways = g.scan_pdf(signed, root / "couché" / "SCAN_20261125_0917.pdf", seed=12,
                          dpi=SCAN_DPI, turns={2: 90})  # fmt: skip
    return dossier, sideways


def _read(path: Path) -> Document:
    from dossierkit.reading import read_document
    from dossierkit.reading.ocr import OcrOptions, ScannedFile, read_scanned
    from dossierkit.reading.sniff import sniff

    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    document = read_document(path, sniff(path))
    return read_scanned([ScannedFile(path, sha, document)], OcrOptions(cache=False))[0]


@pytest.mark.slow
def test_the_signatory_on_a_bare_page_upside_down_is_read(scans: tuple[Path, Path]) -> None:
    dossier, _ = scans
    result = CliRunner().invoke(
        cli, ["verify", str(dossier), "--format", "json", "--no-cache", "--lang", "fr"]
    )
    report = json.loads(result.output)
    facts = {f["name"]: f for f in report["facts"]}
    assert facts["signatory.name"]["value"] == SIGNATORY
    assert facts["signatory.name"]["page"] == 2
    codes = {f["code"] for f in report["findings"]}
    assert not codes & {"C005", "G001"}, report["findings"]


@pytest.mark.slow
def test_the_bare_page_reads_from_its_top_down(scans: tuple[Path, Path]) -> None:
    dossier, _ = scans
    page = _read(dossier / "SCAN_20261125_0915.pdf").pages[1]
    assert page.text.splitlines()[0] == "Le Président,"
    assert SIGNATORY in page.text
    # Upright: the name is below the title (PDF points, y upwards), the signature between.
    title, name = page.words[0], next(w for w in page.words if w.text == "Robert")
    assert title.box[1] > name.box[3]
    assert any(name.box[3] < ink[1] < title.box[1] for ink in page.ink_boxes)


@pytest.mark.slow
def test_the_bare_page_fed_sideways_is_turned_upright(scans: tuple[Path, Path]) -> None:
    _, sideways = scans
    page = _read(sideways).pages[1]
    assert page.height > page.width
    assert page.text.splitlines()[0] == "Le Président,"
    assert SIGNATORY in page.text


# ------------------------------------------------------------------------------------------
# The choice between readings, on Tesseract's hOCR written here
# ------------------------------------------------------------------------------------------

_Box = tuple[int, int, int, int]


def _hocr(*words: tuple[str, _Box, int]) -> str:
    spans = "".join(
        f"<span class='ocrx_word' title='bbox {x0} {y0} {x1} {y1}; x_wconf {c}'>{text}</span>"
        for text, (x0, y0, x1, y1), c in words
    )
    return (
        "<html><body><div class='ocr_page' title='bbox 0 0 1000 1400'>"
        f"<span class='ocr_line' title='bbox 0 0 1000 1400'>{spans}</span></div></body></html>"
    )


def _words(lines: list[Any]) -> list[tuple[str, Any, float]]:
    return [word for line in lines for word in line.words]


def test_the_way_up_with_sure_words_is_kept(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from PIL import Image

    from dossierkit.external import tesseract
    from dossierkit.reading import ocr

    page = Image.new("L", (1000, 1400), 255)
    readings = {
        180: _hocr(("Sylvain", (200, 1070, 300, 1100), 96), ("Robert", (310, 1070, 400, 1100), 96)),
        90: _hocr(("Sylvain", (200, 300, 300, 330), 96), ("Robert", (310, 300, 400, 330), 96)),
        270: _hocr(("Sy", (200, 300, 230, 330), 41)),
    }
    asked: list[int | None] = []

    def reading(
        image: Any, folder: Path, dpi: int, deadline: float, angle: int | None = None
    ) -> Any:
        asked.append(angle)
        return tesseract.Hocr(readings[angle or 0], oriented=False)

    monkeypatch.setattr(ocr, "_tesseract", reading)
    deadline = time.monotonic() + 60
    # Upside down: read as it lies, the name is no word Tesseract is sure of.
    lying = ocr._parse_hocr(
        _hocr(("yeqoy", (600, 300, 680, 330), 34), ("UIBAIAS", (690, 300, 800, 330), 41))
    )
    turned = ocr._turned(page, lying, False, tmp_path, 150, deadline)
    assert asked == [180]
    assert {line.angle for line in turned} == {180}
    # On the page as it lies, as Tesseract's own turned lines are (``_reading`` turns them).
    assert _words(turned)[0] == ("Sylvain", (700, 300, 800, 330), 96)
    # Sideways, read as it lies with the right words: the page turned upright reads as well,
    # and wins, so that the page stands upright with its words where they are.
    asked.clear()
    sideways = ocr._parse_hocr(readings[180])
    turned = ocr._turned(page, sideways, True, tmp_path, 150, deadline)
    assert asked == [90, 270]
    assert {line.angle for line in turned} == {90}
    assert [text for text, *_ in _words(turned)] == ["Sylvain", "Robert"]


def test_a_second_reading_that_fails_leaves_the_first(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from PIL import Image

    from dossierkit.external import ProgramTimeout
    from dossierkit.reading import ocr

    def out_of_time(*args: Any, **kwargs: Any) -> Any:
        raise ProgramTimeout("Tesseract", "le temps de lecture du fichier est écoulé")

    monkeypatch.setattr(ocr, "_tesseract", out_of_time)
    first = ocr._parse_hocr(_hocr(("Le", (600, 300, 630, 330), 60)))
    page = Image.new("L", (1000, 1400), 255)
    assert ocr._turned(page, first, False, tmp_path, 150, time.monotonic() + 60) == first
