"""Scans and phone photos are read by OCR and checked as their born-digital originals are.

The dossier is made twice by ``samples/generate.py``: born digital (letter, budget table and
statuts exported to PDF, the bank's RIB), then with those four pieces printed and scanned
(the letter fed sideways, the statuts' second page upside down, the budget skewed by 3°, at
150 dpi, grey, noisy, JPEG) and the RIB photographed by a phone (stored sideways with an EXIF
orientation). Both must give the same findings and the same figures. The tests that run
Tesseract are marked ``slow``.
"""

from __future__ import annotations

import json
import shutil
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import ROOT, require_tool
from dossierkit.cli import cli
from dossierkit.reading.model import Document, Page, Word

SCAN_DPI = 150
# The photo is taken from a finer rendering, as a phone's 12 megapixels see an A4 sheet.
PHOTO_DPI = 200


def _generate() -> Any:
    sys.path.insert(0, str(ROOT / "samples"))
    import generate

    return generate


def _verify(folder: Path, *options: str) -> tuple[int, dict[str, Any]]:
    result = CliRunner().invoke(cli, ["verify", str(folder), "--format", "json", *options])
    return result.exit_code, json.loads(result.output)


def _findings(report: dict[str, Any]) -> list[tuple[str, str, str | None]]:
    """Findings as (code, severity, piece), without the note that OCR read a file."""
    return sorted(
        (f["code"], f["severity"], f["piece"]) for f in report["findings"] if f["code"] != "F014"
    )


def _facts(report: dict[str, Any]) -> dict[str, object]:
    return {f["name"]: f["value"] for f in report["facts"]}


@pytest.fixture(scope="module")
def dossiers(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(born-digital dossier, the same dossier with its letter, budget, statuts and RIB
    scanned or photographed)."""
    require_tool("tesseract")
    import pypdfium2 as pdfium

    g = _generate()
    root = tmp_path_factory.mktemp("ocr-dossiers")
    born, scanned, work = root / "born", root / "scanned", root / "work"
    for folder in (born, scanned, work):
        folder.mkdir()
    a = g.applicant_ternois()
    g.office_to_pdf(g.make_courrier_docx(work / "c.docx", a), born, use_libreoffice=False,
                    name="Courrier.pdf")  # fmt: skip
    g.office_to_pdf(g.make_statuts_docx(work / "s.docx", a), born, use_libreoffice=False,
                    name="Statuts.pdf")  # fmt: skip
    g.office_to_pdf(g.make_budget_docx(work / "b.docx", a), born, use_libreoffice=False,
                    name="Budget.pdf")  # fmt: skip
    g.make_rib_pdf(born / "RIB.pdf", a.bank.holder, a.bank.iban, a.bank.bic, a.bank.bank,
                   account=a.bank)  # fmt: skip
    g.make_attestation_tva_pdf(born / "Attestation TVA.pdf", a)
    g.make_dossier_technique_docx(born / "Dossier technique.docx", a)
    for name in ("Attestation TVA.pdf", "Dossier technique.docx"):
        shutil.copy(born / name, scanned / name)
    g.scan_pdf(born / "Courrier.pdf", scanned / "Courrier.pdf", seed=1, dpi=SCAN_DPI, turns={1: 90})
    g.scan_pdf(born / "Statuts.pdf", scanned / "Statuts.pdf", seed=2, dpi=SCAN_DPI, turns={2: 180})
    g.scan_pdf(born / "Budget.pdf", scanned / "Budget.pdf", seed=3, dpi=SCAN_DPI, skew=3.0)
    pdf = pdfium.PdfDocument(str(born / "RIB.pdf"))
    try:
        picture = pdf[0].render(scale=PHOTO_DPI / 72).to_pil()
    finally:
        pdf.close()
    g.make_photo_jpeg(scanned / "RIB.jpg", picture, seed=4, orientation=6)
    return born, scanned


@pytest.fixture(scope="module")
def first_reading(
    dossiers: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, int, dict[str, Any]]:
    """(its OCR cache, exit code, report) of the scanned dossier's first verification: its
    cache starts empty, so that Tesseract reads every page and the verification stores each
    one. The tests that check the scanned dossier share this one reading of its five pages,
    and read its scans again from this cache (the cache test reads nothing again from it)."""
    cache = tmp_path_factory.mktemp("ocr-first-reading")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DOSSIERKIT_CACHE_DIR", str(cache))
        code, report = _verify(dossiers[1])
    return cache, code, report


def _read(path: Path, cache: Path) -> Document:
    """``path`` read, its scanned pages by OCR (from the OCR cache folder ``cache``)."""
    import hashlib

    from dossierkit.reading import read_document
    from dossierkit.reading.ocr import OcrOptions, ScannedFile, read_scanned
    from dossierkit.reading.sniff import sniff

    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    document = read_document(path, sniff(path))
    return read_scanned([ScannedFile(path, sha, document)], OcrOptions(cache_dir=cache))[0]


# ------------------------------------------------------------------------------------------
# The same results as the born-digital originals
# ------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_scanned_dossier_is_checked_like_the_born_digital_one(
    dossiers: tuple[Path, Path], first_reading: tuple[Path, int, dict[str, Any]]
) -> None:
    born, _ = dossiers
    born_code, born_report = _verify(born)
    _, scan_code, scan_report = first_reading
    assert scan_code == born_code == 0
    assert _findings(scan_report) == _findings(born_report)
    assert {p["kind"]: p["status"] for p in scan_report["pieces"]} == {
        p["kind"]: p["status"] for p in born_report["pieces"]
    }
    # Each scanned piece is recognised as itself, by its content as much as by its name.
    kinds = {f["path"]: f["kind"] for f in scan_report["files"]}
    assert (kinds["Courrier.pdf"], kinds["RIB.jpg"], kinds["Statuts.pdf"], kinds["Budget.pdf"]) == (
        "courrier",
        "rib",
        "statuts",
        "budget",
    )
    born_facts, scan_facts = _facts(born_report), _facts(scan_report)
    same = [
        name
        for name in born_facts
        if name.startswith(("rib.", "courrier.amount", "budget.", "signatory.", "statuts."))
        or name in ("structure.name", "courrier.date", "intercommunalite.name")
    ]
    assert "rib.iban" in same and "budget.region_animation.annee_2027" in same
    assert {n: scan_facts.get(n) for n in same} == {n: born_facts[n] for n in same}
    # A signature pasted as an image before printing is, once scanned, handwritten ink.
    assert (born_facts["courrier.signature"], scan_facts["courrier.signature"]) == (
        "image",
        "handwritten",
    )
    read = {f["file"]: f["message"] for f in scan_report["findings"] if f["code"] == "F014"}
    assert set(read) == {"Courrier.pdf", "RIB.jpg", "Statuts.pdf", "Budget.pdf"}
    assert "numérisées lues par reconnaissance de caractères" in read["Statuts.pdf"]


@pytest.mark.slow
def test_iban_and_amounts_are_read_exactly(
    first_reading: tuple[Path, int, dict[str, Any]],
) -> None:
    g = _generate()
    a = g.applicant_ternois()
    facts = _facts(first_reading[2])
    assert facts["rib.iban"] == a.bank.iban
    assert facts["rib.bic"] == a.bank.bic
    assert facts["rib.key"] == a.bank.key
    assert [facts[f"courrier.amount.animation.annee_{y}"] for y in (2027, 2028, 2029)] == [
        str(v) for v in a.budget.animation_aid
    ]
    assert Decimal(str(facts["budget.total_depenses"])) == a.budget.expenses_total()
    assert facts["signatory.name"] == a.signatory.name


@pytest.mark.slow
def test_pages_turned_sideways_or_upside_down_are_read_upright(
    dossiers: tuple[Path, Path], first_reading: tuple[Path, int, dict[str, Any]]
) -> None:
    _, scanned = dossiers
    cache = first_reading[0]
    letter = _read(scanned / "Courrier.pdf", cache)
    page = letter.pages[0]
    # Scanned sideways (a landscape page), read as the portrait letter it is.
    assert page.height > page.width
    assert page.ocr_confidence is not None and page.ocr_confidence > 85
    assert "Conseil régional des Hauts-de-France" in " ".join(page.text.split())
    statuts = _read(scanned / "Statuts.pdf", cache)
    assert statuts.ocr_pages == (1, 2)
    # The upside-down second page reads from its top (ARTICLE 12) down to its signatories.
    last = statuts.pages[1]
    assert last.text.startswith("ARTICLE 12")
    assert last.words[0].box[1] > last.words[-1].box[3]
    assert any(w.text == "Delattre" for w in last.words)
    photo = _read(scanned / "RIB.jpg", cache)
    assert photo.pages[0].height > photo.pages[0].width  # EXIF orientation 6 applied
    assert "ASSOCIATION FAB LAB DU TERNOIS" in photo.text


@pytest.mark.slow
def test_words_keep_their_boxes_and_confidences(
    dossiers: tuple[Path, Path], first_reading: tuple[Path, int, dict[str, Any]]
) -> None:
    _, scanned = dossiers
    page = _read(scanned / "Budget.pdf", first_reading[0]).pages[0]
    assert not page.scanned and page.unread is None
    totals = [w for w in page.words if w.text.startswith("272")]
    assert totals, "the budget's grand total is read"
    left, bottom, right, top = totals[0].box
    assert 0 <= left < right <= page.width and 0 <= bottom < top <= page.height
    assert 0 <= totals[0].confidence <= 100
    assert page.text.splitlines()[totals[0].line].count("272") >= 1
    # The table's rules were found, and read as its rows and columns.
    assert len(page.rules) > 10


# ------------------------------------------------------------------------------------------
# Signatures
# ------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_unsigned_scanned_letter_asks_a_human(tmp_path: Path) -> None:
    require_tool("tesseract")
    g = _generate()
    a = g.applicant_ternois()
    letter = g.office_to_pdf(g.make_courrier_docx(tmp_path / "c.docx", a, signed=False),
                             tmp_path, use_libreoffice=False, name="lettre.pdf")  # fmt: skip
    folder = tmp_path / "dossier"
    g.scan_pdf(letter, folder / "Courrier.pdf", seed=5, dpi=SCAN_DPI)
    _, report = _verify(folder)
    assert _facts(report)["courrier.signature"] == "scan"
    assert [f for f in _findings(report) if f[0].startswith("G")] == [
        ("G002", "warning", "courrier")
    ]


# ------------------------------------------------------------------------------------------
# Figures OCR is not sure of
# ------------------------------------------------------------------------------------------


def _page_of(text: str, confidence: float) -> Page:
    words = tuple(
        Word(token, (10.0 * i, 10.0, 10.0 * i + 8, 20.0), confidence, 0)
        for i, token in enumerate(text.split())
    )
    return Page(1, text, 595, 842, words=words, ocr_confidence=confidence)


def test_confidence_of_a_figure_is_that_of_its_least_sure_word() -> None:
    page = Page(
        1,
        "IBAN FR76 3000",
        595,
        842,
        words=(
            Word("IBAN", (0, 0, 1, 1), 96.0, 0),
            Word("FR76", (0, 0, 1, 1), 91.0, 0),
            Word("3000", (0, 0, 1, 1), 62.0, 0),
        ),
        ocr_confidence=83.0,
    )
    assert page.confidence_of("FR76 3000") == 62.0
    assert page.confidence_of("fr763000") == 62.0  # spaces and case do not count
    assert page.confidence_of("FR76") == 91.0
    assert page.confidence_of("BIC") is None
    assert Page(1, "FR76 3000", 595, 842).confidence_of("FR76") is None  # born digital


def _rib_dossier(tmp_path: Path, iban: str, confidence: float, label: str = "IBAN :") -> Any:
    from dossierkit.call import load_call
    from dossierkit.discovery import Entry
    from dossierkit.dossier import Dossier, DossierFile
    from dossierkit.pieces import ParsedPieces, rib

    text = f"Relevé d'identité bancaire\n{label} {iban}\nBIC : AGRIFRPP867"
    document = Document("jpeg", pages=(_page_of(text, confidence),))
    entry = Entry("RIB.jpg", tmp_path / "RIB.jpg", "file", 1)
    f = DossierFile(entry, "0" * 64, "jpeg", "jpeg", document=document, kind="rib", role="piece")
    parsed = ParsedPieces(rib=rib.parse(document, f.rel))
    return Dossier("d", tmp_path, load_call(), (entry,), (f,), parsed=parsed)


@pytest.mark.parametrize(("confidence", "severity"), [(55.0, "warning"), (97.0, "error")])
def test_invalid_iban_read_with_low_confidence_is_a_warning(
    tmp_path: Path, confidence: float, severity: str
) -> None:
    from dossierkit.checks import BY_CODE
    from dossierkit.checks.rib import IbanInvalid

    # One digit off: the check digits no longer match.
    dossier = _rib_dossier(tmp_path, "FR76 1670 6050 2912 3456 7890 148", confidence)
    findings = list(IbanInvalid().run(dossier))
    assert [f.severity.value for f in findings] == [severity]
    message = BY_CODE["R002"].render(findings[0], "fr", dossier.call)
    assert ("vérifiez la page 1" in message) is (severity == "warning")
    assert "check page 1" in BY_CODE["R002"].render(findings[0], "en", dossier.call) or (
        severity == "error"
    )


def test_valid_iban_read_with_low_confidence_passes(tmp_path: Path) -> None:
    """Its check digits vouch for it: no finding, however unsure the reading."""
    from dossierkit.checks.rib import IbanInvalid, RibKeyInvalid

    dossier = _rib_dossier(tmp_path, "FR76 1670 6050 2912 3456 7890 147", 40.0)
    assert list(IbanInvalid().run(dossier)) == list(RibKeyInvalid().run(dossier)) == []


def test_rib_read_by_ocr_without_iban_asks_to_look(tmp_path: Path) -> None:
    from dossierkit.checks.rib import IbanNotFound

    dossier = _rib_dossier(tmp_path, "illisible", 93.0)
    [finding] = IbanNotFound().run(dossier)
    assert (finding.severity.value, finding.page) == ("warning", 1)
    assert "l'IBAN imprimé sur le RIB n'a pas pu être lu" in _message(finding, dossier)


def test_rib_read_by_ocr_that_shows_no_iban_is_an_error(tmp_path: Path) -> None:
    """No "IBAN" printed at all (the French fields only): OCR missed nothing, the RIB is not
    the piece asked for, whatever the confidence of its reading."""
    from dossierkit.checks.rib import IbanNotFound

    dossier = _rib_dossier(tmp_path, "16706 05029 12345678901 47", 60.0, label="Compte :")
    [finding] = IbanNotFound().run(dossier)
    assert (finding.severity.value, finding.page) == ("error", 1)
    assert _message(finding, dossier) == (
        "« RIB.jpg », page 1 : le RIB ne porte aucun IBAN : l'aide ne peut pas être versée "
        "sans lui. Joignez le RIB édité par la banque (téléchargé depuis l'espace client en "
        "ligne, ou demandé à l'agence), où figurent l'IBAN et le BIC."
    )


def _message(finding: Any, dossier: Any) -> str:
    from dossierkit.checks import BY_CODE

    return BY_CODE[finding.code].render(finding, "fr", dossier.call)


# ------------------------------------------------------------------------------------------
# Tesseract missing, a page that times out, a page that fails
# ------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_without_tesseract_scans_are_unreadable_not_missing(
    dossiers: tuple[Path, Path], no_tesseract: None
) -> None:
    _, scanned = dossiers
    _, report = _verify(scanned, "--no-cache")
    f013 = [f for f in report["findings"] if f["code"] == "F013"]
    assert [(f["severity"], f["file"]) for f in f013] == [("warning", None)]
    assert "Installez-le" in f013[0]["message"] and "tesseract" in f013[0]["message"]
    unread = {f["file"]: f["message"] for f in report["findings"] if f["code"] == "F011"}
    assert set(unread) == {"Courrier.pdf", "RIB.jpg", "Statuts.pdf", "Budget.pdf"}
    assert "1 page numérisée non lisible automatiquement" in unread["RIB.jpg"]
    statuses = {p["kind"]: p["status"] for p in report["pieces"]}
    assert statuses["rib"] == statuses["statuts"] == statuses["courrier"] == "ok"
    assert not any(f["code"] in ("P001", "R001", "C003", "C004") for f in report["findings"])


@pytest.mark.slow
def test_a_page_that_times_out_is_reported_and_the_rest_is_read(
    dossiers: tuple[Path, Path],
) -> None:
    from dossierkit.reading.ocr import OcrOptions
    from dossierkit.report.data import report_data
    from dossierkit.verify import verify

    _, scanned = dossiers
    from dossierkit.limits import Limits

    report = report_data(
        verify(scanned, ocr=OcrOptions(cache=False, limits=Limits(seconds_per_file=0.01)))
    )
    unread = [f for f in report["findings"] if f["code"] == "F011"]
    assert {f["file"] for f in unread} == {"Courrier.pdf", "RIB.jpg", "Statuts.pdf", "Budget.pdf"}
    assert all("dépassé le temps permis" in f["message"] for f in unread)
    assert report["pieces"]  # the verification went to its end


@pytest.mark.slow
def test_a_page_that_fails_does_not_stop_the_others(
    dossiers: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from dossierkit.reading import ocr

    _, scanned = dossiers
    real = ocr._read_page

    def broken_on_statuts(job: Any, *args: Any) -> Any:
        if job.path.name == "Statuts.pdf" and job.page.number == 2:
            raise RuntimeError("a stranger's image broke a library")
        return real(job, *args)

    monkeypatch.setattr(ocr, "_read_page", broken_on_statuts)
    _, report = _verify(scanned, "--no-cache")
    unread = [(f["file"], f["page"]) for f in report["findings"] if f["code"] == "F011"]
    assert unread == [("Statuts.pdf", 2)]
    read = {f["file"] for f in report["findings"] if f["code"] == "F014"}
    assert read == {"Courrier.pdf", "RIB.jpg", "Statuts.pdf", "Budget.pdf"}


# ------------------------------------------------------------------------------------------
# The cache
# ------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_second_verification_reads_nothing_again(
    dossiers: tuple[Path, Path],
    first_reading: tuple[Path, int, dict[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from dossierkit.external import tesseract

    _, scanned = dossiers
    # The first verification read every page into a cache that was empty (``first_reading``).
    cache, *first = first_reading
    monkeypatch.setenv("DOSSIERKIT_CACHE_DIR", str(cache))
    stored = sorted((cache / "ocr").rglob("*.json"))
    assert len(stored) == 5  # one file per page: letter, RIB, budget, two pages of statuts
    assert not list(cache.rglob("*.tmp"))

    def no_reading(*args: Any, **kwargs: Any) -> str:
        raise AssertionError("a cached page was read again")

    monkeypatch.setattr(tesseract, "hocr", no_reading)
    assert _verify(scanned) == tuple(first)
    # --no-cache reads again (and here fails, which is a finding, not a crash).
    _, again = _verify(scanned, "--no-cache")
    assert {f["file"] for f in again["findings"] if f["code"] == "F011"} == {
        "Courrier.pdf",
        "RIB.jpg",
        "Statuts.pdf",
        "Budget.pdf",
    }


# ------------------------------------------------------------------------------------------
# Which pages need OCR
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "image_share", "needs_ocr", "kept"),
    [
        ("Relevé d'identité bancaire " * 10, 0.0, False, True),  # born digital
        ("", 1.0, True, True),  # a scan
        ("Numérisé avec CamScanner le 12/10/2026", 1.0, True, True),  # a thin layer
        ("Numérisé avec CamScanner le 12/10/2026", 0.1, False, True),  # a logo and a line
        ("\ufffd\ufffd\x01\x02\ue000\ue001 " * 20, 0.0, True, False),  # garbled: dropped
    ],
)
def test_pages_that_need_ocr(text: str, image_share: float, needs_ocr: bool, kept: bool) -> None:
    from dossierkit.reading.pdf import _needs_ocr

    boxes = ((0.0, 0.0, 595.0 * image_share, 842.0),) if image_share else ()
    flagged, layer = _needs_ocr(text, boxes, 595.0 * 842.0)
    assert flagged is needs_ocr
    assert (layer == text) is kept


def _sheet(angle: float, table: int | None) -> Any:
    """A page of typed lines as a phone sees it: the sheet turned by ``angle`` degrees,
    lying on a table of grey ``table`` (None: a flatbed scan, white all round)."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.load_default(22)
    sheet = Image.new("L", (1000, 1400), 245)
    draw = ImageDraw.Draw(sheet)
    for row in range(24):
        draw.text((90, 120 + 48 * row), f"Article {row} – L'association a pour objet", 20, font)
    if table is None:
        return sheet.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    photo = Image.new("L", (1300, 1700), table)
    photo.paste(sheet, (150, 150))
    return photo.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=table)


@pytest.mark.parametrize("table", [None, 90, 140])
@pytest.mark.parametrize("angle", [-6.5, 3.0, 8.0])
def test_a_page_is_levelled_on_a_dark_table_as_on_a_scanner(
    table: int | None, angle: float
) -> None:
    """The skew is measured on the text's strokes: a sheet photographed on a table (dark all
    round it) is levelled as a scan is. The table's mass once outweighed the lines, and a
    statuts photographed 6.5° askew was read in fragments (no « loi 1901 », no
    representative)."""
    from dossierkit.reading.ocr import _level

    assert abs(_level(_sheet(angle, table))[0] + angle) <= 0.5
