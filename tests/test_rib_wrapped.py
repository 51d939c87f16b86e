"""An IBAN printed on two lines: a bank app's screen, a RIB's narrow table cell.

A phone 1080 pixels wide shows « FR76 1562 9026 4400 » and, under it, « 0123 4560 140 »; a
bank's relevé d'identité bancaire puts the IBAN in a cell beside the BIC, where it wraps.
The IBAN is read whole when the lines that follow it begin with groups of at most four
characters that complete a valid IBAN (ISO 13616); a miscopied IBAN still gives R002, on
the whole number, and the BIC printed under it is never taken in. On a RIB read by OCR, an
IBAN whose end could not be read is rebuilt from the printed bank details when their key
checks.

RIBs are PDFs written with reportlab (lines, or the tables of a bank's RIB); the phone
screenshot is drawn with Pillow and read by Tesseract (one slow test). Valid IBANs and keys
come from the samples' generator, independently of the code under test.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from generate import iban_fr, rib_key
from test_rib import ASSOCIATION, facts, message, rib_findings, verify

from conftest import TEXTS, write_pdf
from dossierkit.pieces.rib import parse
from dossierkit.reading.model import Document, Page

BBAN = "16706" + "05029" + "12345678901" + rib_key("16706", "05029", "12345678901")
IBAN = iban_fr(BBAN)
GROUPS = [IBAN[i : i + 4] for i in range(0, len(IBAN), 4)]
# The Crédit Mutuel account of the outside tester's screenshot.
MOBILE_BBAN = "15629" + "02644" + "00012345601" + "40"
MOBILE_IBAN = iban_fr(MOBILE_BBAN)


def wrapped(after: int, iban: str = IBAN) -> list[str]:
    """``iban`` in groups of four, the first ``after`` groups on one line, the rest below."""
    groups = [iban[i : i + 4] for i in range(0, len(iban), 4)]
    return [" ".join(groups[:after]), " ".join(groups[after:])]


def rib_dossier(folder: Path, rib: Path | list[str]) -> Path:
    """A courrier and the RIB (lines written to « RIB.pdf », or a file already made)."""
    write_pdf(folder / "Courrier.pdf", TEXTS["courrier"])
    if isinstance(rib, list):
        write_pdf(folder / "RIB.pdf", rib)
    return folder


def app_lines(iban_lines: list[str], bic_lines: list[str]) -> list[str]:
    return [
        "RIB / IBAN",
        "Crédit Agricole Nord de France - Compte courant association",
        "Titulaire",
        ASSOCIATION,
        "IBAN",
        *iban_lines,
        *bic_lines,
    ]


# --- wrapped IBANs read whole -------------------------------------------------------------


@pytest.mark.parametrize("after", [4, 5, 2], ids=["apres-4-groupes", "apres-5-groupes", "apres-2"])
def test_iban_wrapped_onto_the_next_line_is_read_whole(tmp_path: Path, after: int) -> None:
    report = verify(rib_dossier(tmp_path, app_lines(wrapped(after), ["BIC", "AGRIFRPP867"])))
    assert rib_findings(report) == []
    assert facts(report)["rib.iban"] == (IBAN, "RIB.pdf", 1)
    assert facts(report)["rib.bic"] == ("AGRIFRPP867", "RIB.pdf", 1)


def test_iban_over_three_lines(tmp_path: Path) -> None:
    lines = [" ".join(GROUPS[:2]), " ".join(GROUPS[2:5]), " ".join(GROUPS[5:])]
    report = verify(rib_dossier(tmp_path, app_lines(lines, ["BIC : AGRIFRPP867"])))
    assert rib_findings(report) == []
    assert facts(report)["rib.iban"][0] == IBAN


@pytest.mark.parametrize(
    "bic_line", ["AGRIFRPP867", "AGRI FRPP 867"], ids=["bic-seul", "bic-en-groupes"]
)
def test_bic_on_the_next_line_is_not_swallowed(tmp_path: Path, bic_line: str) -> None:
    # No label: the BIC follows the IBAN's last line, even in groups of at most four.
    report = verify(rib_dossier(tmp_path, app_lines(wrapped(5), [bic_line])))
    assert rib_findings(report) == []
    assert facts(report)["rib.iban"][0] == IBAN


def test_bic_label_under_a_cut_iban_is_not_taken_for_its_end() -> None:
    # 24 characters and « BIC » would make 27: a word is no group of an IBAN.
    text = "\n".join(["IBAN", " ".join(GROUPS[:6]), "BIC", "AGRIFRPP867"])
    rib = parse(Document("pdf", pages=(Page(1, text, 595, 842),)), "RIB.pdf")
    assert rib.iban is not None and rib.iban.value == IBAN[:24]
    assert rib.bic is not None and rib.bic.value == "AGRIFRPP867"


def test_wrongly_typed_wrapped_iban_is_still_r002_on_the_whole_iban(tmp_path: Path) -> None:
    typo = IBAN[:-1] + ("8" if IBAN[-1] != "8" else "9")
    report = verify(rib_dossier(tmp_path, app_lines(wrapped(5, typo), ["AGRI FRPP 867"])))
    assert rib_findings(report) == [("R002", "error", "rib", "RIB.pdf", 1)]
    shown = " ".join(typo[i : i + 4] for i in range(0, len(typo), 4))
    assert f"l'IBAN {shown} n'est pas valide" in message(report, "R002")
    assert "chiffres de contrôle" in message(report, "R002")
    assert facts(report)["rib.iban"][0] == typo


def test_truncated_iban_on_a_born_digital_rib_is_r002(tmp_path: Path) -> None:
    # The rest of the IBAN is not printed: nothing to join, and the exact text is trusted.
    lines = app_lines(wrapped(4)[:1], ["BIC : AGRIFRPP867"])
    report = verify(rib_dossier(tmp_path, lines))
    assert rib_findings(report) == [("R002", "error", "rib", "RIB.pdf", 1)]
    assert "16 caractères au lieu de 27" in message(report, "R002")


# --- a bank's relevé d'identité bancaire, its IBAN wrapped in a table cell ----------------


def bank_rib_pdf(path: Path, iban_lines: list[str], bic: str = "AGRIFRPP867") -> Path:
    """The RIB of a French bank: the holder, then two ruled tables, « Identifiant national
    de compte bancaire - RIB » (code banque, guichet, n° de compte, clé, domiciliation) and
    « Identifiant international », whose IBAN cell is too narrow for the IBAN."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    body = styles["BodyText"]
    grid = TableStyle(
        [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("FONTSIZE", (0, 0), (-1, -1), 9)]
    )
    national = Table(
        [
            ["Code banque", "Code guichet", "N° de compte", "Clé RIB", "Domiciliation"],
            [BBAN[:5], BBAN[5:10], BBAN[10:21], BBAN[21:], "CA SAINT-POL"],
        ],
        colWidths=[28 * mm, 28 * mm, 35 * mm, 18 * mm, 50 * mm],
    )
    national.setStyle(grid)
    international = Table(
        [
            ["IBAN (International Bank Account Number)", "BIC (Bank Identifier Code)"],
            [Paragraph("<br/>".join(iban_lines), body), bic],
        ],
        colWidths=[80 * mm, 60 * mm],
    )
    international.setStyle(grid)
    story = [
        Paragraph("CRÉDIT AGRICOLE NORD DE FRANCE", styles["Heading2"]),
        Paragraph("RELEVÉ D'IDENTITÉ BANCAIRE", styles["Heading1"]),
        Paragraph(f"Titulaire du compte : {ASSOCIATION}", body),
        Paragraph("12 RUE DES JARDINS 62130 SAINT-POL-SUR-TERNOISE", body),
        Spacer(1, 6 * mm),
        Paragraph("Identifiant national de compte bancaire - RIB", body),
        national,
        Spacer(1, 4 * mm),
        Paragraph("Identifiant international de compte bancaire", body),
        international,
    ]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


def test_bank_rib_table_with_the_iban_wrapped_in_its_cell(tmp_path: Path) -> None:
    bank_rib_pdf(tmp_path / "RIB.pdf", wrapped(5))
    report = verify(rib_dossier(tmp_path, tmp_path / "RIB.pdf"))
    assert rib_findings(report) == []
    found = facts(report)
    assert found["rib.iban"][0] == IBAN
    # The BIC stands level with the IBAN's second line, after the rest of the IBAN.
    assert found["rib.bic"][0] == "AGRIFRPP867"
    assert (found["rib.bank_code"][0], found["rib.key"][0]) == (BBAN[:5], BBAN[21:])


def test_bank_rib_table_with_a_miscopied_wrapped_iban(tmp_path: Path) -> None:
    typo = IBAN[:12] + ("1" if IBAN[12] != "1" else "2") + IBAN[13:]
    bank_rib_pdf(tmp_path / "RIB.pdf", wrapped(5, typo))
    report = verify(rib_dossier(tmp_path, tmp_path / "RIB.pdf"))
    assert rib_findings(report) == [
        ("R002", "error", "rib", "RIB.pdf", 1),
        ("R005", "error", "rib", "RIB.pdf", 1),
    ]


# --- read by OCR: the IBAN rebuilt from the printed bank details ---------------------------


def ocr_rib(*iban_lines: str, key: str = "40") -> Document:
    """The text Tesseract gives of the bank app's screen, the IBAN lines as given."""
    text = "\n".join(
        [
            "Crédit Mutuel Nord Europe - Compte courant association",
            "Titulaire",
            ASSOCIATION,
            *iban_lines,
            "BIC",
            "CMCIFR2A",
            f"Code banque\t{MOBILE_BBAN[:5]}",
            f"Code guichet\t{MOBILE_BBAN[5:10]}",
            f"N° de compte\t{MOBILE_BBAN[10:21]}",
            f"Clé RIB\t{key}",
        ]
    )
    return Document("png", pages=(Page(1, text, 1080, 2340, ocr_confidence=88.0),))


def test_iban_whose_second_line_ocr_could_not_read_is_rebuilt() -> None:
    rib = parse(ocr_rib("IBAN", "FR76 1562 9026 4400", "~~ ,,"), "capture.png")
    assert rib.iban is not None and rib.iban.rebuilt
    assert rib.iban.value == MOBILE_IBAN
    fact = next(f for f in rib.facts if f.name == "rib.iban")
    assert "reconstitué à partir des coordonnées imprimées" in str(fact.evidence)


def test_iban_label_without_a_number_read_is_rebuilt() -> None:
    rib = parse(ocr_rib("IBAN", "~~~ ,, ~~~"), "capture.png")
    assert rib.iban is not None and rib.iban.value == MOBILE_IBAN


def test_no_rebuilding_when_the_key_or_the_start_disagrees() -> None:
    # A wrong key: the details prove nothing, the part read is reported as read.
    rib = parse(ocr_rib("IBAN", "FR76 1562 9026 4400", key="41"), "capture.png")
    assert rib.iban is not None and (rib.iban.value, rib.iban.rebuilt) == (
        "FR76156290264400",
        False,
    )
    # A start that is not the details' IBAN: R002/R005 judge it, it is not replaced.
    rib = parse(ocr_rib("IBAN", "FR76 1562 9026 4401"), "capture.png")
    assert rib.iban is not None and rib.iban.value == "FR76156290264401"
    # A whole IBAN read is kept even when it differs from the details (R005's to say).
    other = iban_fr("15629" + "02644" + "00012345602" + rib_key("15629", "02644", "00012345602"))
    rib = parse(ocr_rib("IBAN", *wrapped(4, other)), "capture.png")
    assert rib.iban is not None and (rib.iban.value, rib.iban.rebuilt) == (other, False)


# --- the phone screenshot, read by Tesseract ----------------------------------------------


def phone_screenshot(path: Path) -> Path:
    """A bank app's « RIB / IBAN » screen, 1080 × 2340 pixels: the IBAN in bold, too long
    for the screen's width, wraps after its fourth group."""
    from PIL import Image, ImageDraw, ImageFont

    def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
        name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
        font_path = Path("/usr/share/fonts/truetype/dejavu") / name
        return (
            ImageFont.truetype(str(font_path), size)
            if font_path.exists()
            else ImageFont.load_default()
        )

    image = Image.new("RGB", (1080, 2340), (244, 245, 247))
    draw = ImageDraw.Draw(image)
    draw.text((50, 30), "14:52", font=font(32), fill="black")
    draw.rectangle((0, 100, 1080, 260), fill=(0, 92, 60))
    draw.text((100, 150), "RIB / IBAN", font=font(46, bold=True), fill="white")
    draw.text(
        (50, 300),
        "Crédit Mutuel Nord Europe – Compte association",
        font=font(32),
        fill=(80, 80, 80),
    )
    draw.rounded_rectangle((30, 370, 1050, 1900), radius=20, fill="white", outline=(210, 210, 210))
    rows = [
        (430, "Titulaire", 32, False, (110, 110, 110)),
        (470, ASSOCIATION, 38, False, "black"),
        (522, "12 RUE DES JARDINS", 38, False, "black"),
        (574, "62130 SAINT-POL-SUR-TERNOISE", 38, False, "black"),
        (660, "IBAN", 32, False, (110, 110, 110)),
        (710, " ".join(MOBILE_IBAN[i : i + 4] for i in range(0, 16, 4)), 48, True, "black"),
        (772, " ".join(MOBILE_IBAN[i : i + 4] for i in range(16, 27, 4)), 48, True, "black"),
        (870, "BIC", 32, False, (110, 110, 110)),
        (915, "CMCIFR2A", 48, True, "black"),
    ]
    for top, text, size, bold, colour in rows:
        draw.text((70, top), text, font=font(size, bold), fill=colour)
    for index, (label, value) in enumerate(
        zip(
            ("Code banque", "Code guichet", "N° de compte", "Clé RIB"),
            (MOBILE_BBAN[:5], MOBILE_BBAN[5:10], MOBILE_BBAN[10:21], MOBILE_BBAN[21:]),
            strict=True,
        )
    ):
        draw.text((70, 1030 + index * 70), label, font=font(32), fill=(110, 110, 110))
        draw.text((560, 1030 + index * 70), value, font=font(38), fill="black")
    image.save(path)
    return path


@pytest.mark.slow
def test_phone_screenshot_with_the_iban_on_two_lines(tmp_path: Path) -> None:
    shot = phone_screenshot(tmp_path / "Screenshot_20261121-145233_Credit Mutuel.png")
    report = verify(rib_dossier(tmp_path, shot))
    assert rib_findings(report) == []
    found = facts(report)
    assert found["rib.iban"][0] == MOBILE_IBAN
    assert found["rib.bic"][0] == "CMCIFR2A"
    assert found["rib.holder"][0] == ASSOCIATION
