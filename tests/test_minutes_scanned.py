"""Real published minutes, printed and scanned: still minutes, with their président and day.

Applicants send their minutes scanned or photographed, not as the PDF the secretary
exported. The account of the general assembly of 18 December 2013 of KerNEL (the association
of the Fablab de Lannion, Apache-2.0, see ``tests/data/published/SOURCE.md``), as its website
prints it, is scanned here the way an office scanner does it (grey paper, a slight skew, blur,
noise, the lid's dark edge, JPEG, 150 dpi, no text layer) and read by OCR. Only its first page
is scanned: it holds the day, the association and the new bureau (the second holds the
membership fees), and the suite's time is counted.

Tesseract reads the bullets of the new bureau's list as « + » or « « » (« + Président : Yann
Lossouarn @yann », « « Nicolas Idzik, trésorier »): the list was lost and the scanned minutes
elected nobody. The fast cases below hold those lines as Tesseract read them, from this scan
and from the Association Sans Nom's minutes scanned the same way.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import require_tool
from dossierkit.call import load_call
from dossierkit.classify import classify
from dossierkit.discovery import Entry
from dossierkit.fact import Fact
from dossierkit.facts import derive_facts
from dossierkit.pieces import ParsedPieces, minutes
from dossierkit.reading.files import read_entries, with_ocr
from dossierkit.reading.model import Document, Page
from dossierkit.reading.ocr import OcrOptions

PUBLISHED = Path(__file__).parent / "data" / "published"
# What an office scanner is set to for text; Tesseract reads it well, the test stays quick.
DPI = 150


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> Document:
    """KerNEL's first page rendered, scanned into an image-only PDF, then read with OCR."""
    import pypdfium2
    from realistic.scans import scan_pages

    require_tool("tesseract")
    pdf = pypdfium2.PdfDocument(PUBLISHED / "kernel_2013-12-18_AG.pdf")
    try:
        pages = [pdf[0].render(scale=DPI / 72, grayscale=True).to_pil()]
    finally:
        pdf.close()
    scan = scan_pages(pages, tmp_path_factory.mktemp("scan") / "scan0001.pdf", seed=7, skew=0.9)
    entry = Entry(path=scan, rel=scan.name, status="file")
    [read] = with_ocr(read_entries([entry], workers=0), OcrOptions())
    assert read.document is not None
    return read.document


@pytest.mark.slow
def test_scanned_published_minutes_elect_the_president(scanned: Document) -> None:
    assert [bool(page.text.strip()) for page in scanned.pages] == [True]  # OCR read it
    assert classify("scan0001.pdf", scanned, load_call()).kind == "proces_verbal"
    found = minutes.parse(scanned, "scan0001.pdf")
    assert (found.body, found.held_on) == ("assemblée générale", date(2013, 12, 18))
    assert found.association is not None and found.association.value == "KerNEL"
    assert [(e.role, e.person) for e in found.elections[:3]] == [
        ("président(e)", "Yann Lossouarn"),
        ("vice-président(e)", "Nicolas Guedon"),
        ("trésorier(e)", "Cedric Bernard"),
    ]
    # The evidence of the authority chain: the letter's signatory is the président they elect.
    facts = [
        Fact("structure.name", "KerNEL", "inferred", "Courrier.pdf", 1),
        Fact("signatory.name", "Yann Lossouarn", "inferred", "Courrier.pdf", 1),
    ]
    derived = {f.name: f for f in derive_facts(facts, ParsedPieces(minutes=(found,)))}
    assert derived["legal_representative.name"].value == "Yann Lossouarn"
    assert derived["legal_representative.name"].file == "scan0001.pdf"
    assert derived["legal_representative.since"].value == "2013-12-18"
    assert derived["signatory.is_legal_representative"].value is True


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            (
                "nouveau :",
                "+ Président : Yann Lossouarn @yann",
                "+ Vice-président : Nicolas Guedon @pofexpray.",
                "+ Trésorier : Cedric Bernard @cebernard",
            ),
            [
                ("président(e)", "Yann Lossouarn"),
                ("vice-président(e)", "Nicolas Guedon"),
                ("trésorier(e)", "Cedric Bernard"),
            ],
        ),
        (
            (
                "est proposé de nommer, après vote, les membres du nouveau Bureau suivant :",
                "+ Adrien Pachkoff, président",
                "+ Dylan Bourdon, secrétaire",
                "« Nicolas Idzik, trésorier",
            ),
            [
                ("président(e)", "Adrien Pachkoff"),
                ("secrétaire", "Dylan Bourdon"),
                ("trésorier(e)", "Nicolas Idzik"),
            ],
        ),
        # Other readings of a bullet by OCR.
        (
            (
                "° Présidente : Claire Martin",
                "e Trésorier : Paul Leroy",
                "© Anne Roussel, secrétaire",
            ),
            [
                ("président(e)", "Claire Martin"),
                ("trésorier(e)", "Paul Leroy"),
                ("secrétaire", "Anne Roussel"),
            ],
        ),
    ],
)
def test_a_list_whose_bullets_ocr_misread(
    lines: tuple[str, ...], expected: list[tuple[str, str]]
) -> None:
    head = ("Procès-verbal de l'assemblée générale du 26 janvier 2019",)
    document = Document(type="pdf", pages=(Page(1, "\n".join(head + lines), 595, 842),))
    found = minutes.parse(document, "scan0001.pdf")
    assert [(e.role, e.person) for e in found.elections] == expected
