"""Photographed and drawn papers recognised by what they say, however noisy their OCR.

A phone photo of statuts named ``IMG_20261030_184512.jpg`` and a plan named « plan du
local.png » carry no hint in their names; their OCR reads bits of lines. Their title (« STATUTS
DE L'ASSOCIATION », « Plan prévisionnel d'agencement ») votes as a file name does, and the
OCR's confusions of letters and digits are undone before the markers are searched. The
scoring is tested on the noisy text itself (``realistic.photos.STATUTS_OCR``, what Tesseract
made of the outside tester's photo), and once end to end through OCR.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from realistic import photos

from conftest import TEXTS, require_tool, write_pdf
from dossierkit.call import load_call
from dossierkit.classify import classify
from dossierkit.classify.scores import content_scores, needles, repaired
from dossierkit.discovery import Entry
from dossierkit.reading import read_document
from dossierkit.reading.files import read_entries, with_ocr
from dossierkit.reading.model import Document, Page
from dossierkit.reading.ocr import OcrOptions
from dossierkit.text import fold

CALL = load_call()
SPECS = (*CALL.pieces, *CALL.annexes)


def photographed(text: str) -> Document:
    """A one-page photo whose OCR read ``text``, as reading leaves it."""
    page = Page(number=1, text=text, width=595.0, height=842.0, ocr_confidence=75.0)
    return Document(type="jpg", pages=(page,))


def test_the_noisy_ocr_of_photographed_statuts_is_statuts() -> None:
    result = classify("IMG_20261030_184512.jpg", photographed(photos.STATUTS_OCR), CALL)
    assert (result.kind, result.role, result.name_kind) == ("statuts", "piece", None)
    assert "titre du document : « statuts del »" in result.evidence


def test_ocr_confusions_of_digits_are_undone_before_the_markers() -> None:
    text = "association regie par la loi du ler juillet 19o1 siege social a arras"
    assert repaired(text) == "association regie par la loi du 1er juillet 1901 siege social a arras"
    # Words are left alone: only numbers and « ler » are read again.
    assert repaired("le lieu libre illico") == "le lieu libre illico"
    # Read by OCR: the law's date (3) and « siège social » (1).
    assert classify("IMG_0042.jpg", photographed(text), CALL).content_score == 4
    # Born digital, the same words are not repaired: « 19o1 » is not the law's date there.
    assert content_scores(fold(text), SPECS)["statuts"][0] == 1


def test_a_long_marker_word_with_one_letter_misread_counts_in_an_ocr_reading() -> None:
    text = "statuls de l association regie par la loi du 1er juillet 1901 siege sociai"
    assert classify("IMG_0043.jpg", photographed(text), CALL).content_score == 2 + 3
    # A shorter or longer word is another word: « statut juridique » is no statuts.
    assert content_scores("statut juridique", SPECS, ocr=True)["statuts"][0] == 0
    # Born digital, the text is what it says.
    assert content_scores(fold(text), SPECS)["statuts"][0] == 3


def test_the_plan_is_recognised_by_its_title_not_its_name(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "IMG_0412.pdf", [photos.PLAN_TITLE, *photos.ROOMS])
    result = classify("IMG_0412.pdf", read_document(path, "pdf"), CALL)
    assert (result.kind, result.role, result.name_kind) == ("plan_agencement", "annex", None)


@pytest.mark.parametrize(
    ("lines", "kind"),
    [
        # Minutes that modify the statuts stay minutes.
        (
            [
                "Procès-verbal de l'assemblée générale extraordinaire",
                "Modification des statuts de l'association",
                "L'an deux mille vingt-cinq, le 12 mars à 18 h, les membres se sont réunis.",
                "Étaient présents : 14 membres. Présidente de séance : Marie Durand.",
                "La nouvelle rédaction de l'article 3 est adoptée à l'unanimité.",
            ],
            "proces_verbal",
        ),
        # A letter that sends the statuts stays a letter.
        ([*TEXTS["courrier"][:2], "Objet : envoi des statuts", *TEXTS["courrier"][2:]], "courrier"),
        # A dossier technique naming the plan in its first lines stays a dossier technique.
        (
            ["Dossier technique", "Plan d'agencement en annexe", *TEXTS["dossier_technique"]],
            "dossier_technique",
        ),
    ],
)
def test_a_title_naming_another_piece_does_not_invent_it(
    tmp_path: Path, lines: list[str], kind: str
) -> None:
    path = write_pdf(tmp_path / "document.pdf", lines)
    assert classify("document.pdf", read_document(path, "pdf"), CALL).kind == kind


def test_the_needle_gate_never_changes_a_count() -> None:
    """A marker is searched only in a text holding one of its needles: the counts (shown in
    the evidence) are those of the full search, on every piece's text and on noisy OCR."""
    texts = [fold("\n".join(lines)) for lines in TEXTS.values()]
    texts += [fold(photos.STATUTS_OCR), repaired(fold(photos.STATUTS_OCR))]
    for spec in SPECS:
        for marker in spec.markers:
            words = needles(marker.pattern.pattern)
            for text in texts:
                count = len(marker.pattern.findall(text))
                if count:
                    assert words is None or any(w in text for w in words), marker.pattern
    assert needles(r"\b(approuvee?s?|adoptee?s?) (a l unanimite)\b|\babstentions?\b") == (
        "approuve",
        "adopte",
        "abstention",
    )
    assert needles(r"\b\d{1,2} ?h ?(\d{2})?\b") is None


@pytest.fixture(scope="session")
def photos_read(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Document]:
    """The phone photo of the statuts and the drawn plan, read by OCR once."""
    require_tool("tesseract")
    folder = tmp_path_factory.mktemp("photos")
    made = [
        photos.phone_photo(
            photos.statuts_page(), folder / "IMG_20261030_184512.jpg", seed=3, angle=5.0
        ),
        photos.floor_plan(folder / "plan du local.png"),
    ]
    entries = [Entry(path=p, rel=p.name, status="file", raw_rel=p.name) for p in made]
    read = with_ocr(read_entries(entries, workers=0), OcrOptions())
    return {f.entry.rel: f.document for f in read if f.document is not None}


@pytest.mark.slow
def test_a_phone_photo_of_statuts_and_a_drawn_plan_end_to_end(
    photos_read: dict[str, Document],
) -> None:
    statuts = classify("IMG_20261030_184512.jpg", photos_read["IMG_20261030_184512.jpg"], CALL)
    assert (statuts.kind, statuts.role) == ("statuts", "piece")
    plan = classify("plan du local.png", photos_read["plan du local.png"], CALL)
    assert (plan.kind, plan.role) == ("plan_agencement", "annex")
