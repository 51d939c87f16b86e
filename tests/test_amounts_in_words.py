"""Amounts written in words in the request letter (outside tester 5, « Asso La Forge du
Santerre », issue 13).

The Forge wrote its request as a deed would: « Notre demande s'élève à soixante-quatre mille
euros : trente mille euros la première année, … et quatre mille euros pour l'équipement ».
No amount in figures, so C004 said the letter « n'indique aucun montant demandé ». Number
words are read as French writes them (hyphens, « et », « quatre-vingt(s) », « cent(s) »,
« mille », « millions »), and only before « euros »: « deux mille vingt-sept » is a year.

No library is pulled for it: ``num2words`` writes numbers in words (the other way), and
``text2num`` 3.x, which reads them, is a compiled extension (a 380 kB wheel) for a few dozen
words.

The letters are drawn as Word lays them out (reportlab's flowing paragraphs, the signature
pasted), in the dossier of ``samples/association-complete`` (plan drawn, statuts typed: no
OCR).
"""

from __future__ import annotations

import io
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from realistic import bundles
from realistic.association import statuts_pdf
from realistic.slides import write_plan_pdf

from conftest import SAMPLES, signature_png
from dossierkit.pieces.number_words import word_amounts
from dossierkit.pieces.requested import requested_amounts
from dossierkit.reading import read_document
from dossierkit.verify import Verification, verify

COURRIER = "01 - Courrier de demande.pdf"


@pytest.mark.parametrize(
    ("text", "amounts"),
    [
        ("s'élève à soixante-quatre mille euros :", [64000]),
        ("une aide de quarante-cinq mille euros pour 2027", [45000]),
        ("quatre-vingt-dix mille euros", [90000]),
        ("soixante et onze mille deux cent quatre-vingts euros", [71280]),
        ("vingt-et-un mille euros", [21000]),
        ("deux cent soixante-douze mille neuf cent cinquante euros", [272950]),
        ("un million deux cent mille euros", [1200000]),
        ("deux millions d'euros", [2000000]),
        ("mille deux cents €", [1200]),
        ("septante-cinq mille euros", [75000]),
        ("Cent Dix Mille Euros", [110000]),
        # A year before an amount: the year is no part of it.
        ("en deux mille vingt-sept, trente mille euros", [30000]),
        ("en deux mille vingt-sept quarante mille euros", [40000]),
        # Not amounts: a year, counts, numbers not followed by euros.
        ("le plan débutera en deux mille vingt-sept", []),
        ("trois fablabs et douze postes de coworking", []),
        ("une aide de la Région", []),
        ("deux mille vingt-sept, deux mille vingt-huit et deux mille vingt-neuf", []),
    ],
)
def test_number_words_before_euros_are_amounts(text: str, amounts: list[int]) -> None:
    assert [a.value for a in word_amounts(text)] == [Decimal(n) for n in amounts]


def _letter_pdf(path: Path, paragraphs: list[str]) -> Path:
    """A letter exported from Word: flowing paragraphs, the signature pasted above the name."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Image, Paragraph, SimpleDocTemplate

    body = ParagraphStyle("body", fontName="Helvetica", fontSize=11, leading=13, spaceAfter=4)
    right = ParagraphStyle("right", parent=body, leftIndent=260)
    signature = Image(io.BytesIO(signature_png()), width=130, height=52)
    signature.hAlign = "RIGHT"
    story: list[object] = [Paragraph(text, body) for text in paragraphs[:-2]]
    story += [Paragraph(paragraphs[-2], right), signature, Paragraph(paragraphs[-1], right)]
    path.parent.mkdir(parents=True, exist_ok=True)
    SimpleDocTemplate(str(path), pagesize=A4, invariant=1).build(story)
    return path


# The Fab'Lab's letter (``bundles._letter_paragraphs``) with its amounts in words.
IN_WORDS = {
    "272\xa0950\xa0€": "deux cent soixante-douze mille neuf cent cinquante euros",
    "45\xa0000\xa0€": "quarante-cinq mille euros",
    "30\xa0000\xa0€": "trente mille euros",
    "15\xa0000\xa0€": "quinze mille euros",
    "90\xa0000\xa0€": "quatre-vingt-dix mille euros",
    "20\xa0000\xa0€": "vingt mille euros",
    "110\xa0000\xa0€": "cent dix mille euros",
}


def letter_in_words(path: Path, *, figures_too: bool = False) -> Path:
    """The Fab'Lab's request with every amount in words; ``figures_too``: each followed by
    the same amount in figures in brackets, as deeds write it."""
    paragraphs = []
    for text in bundles._letter_paragraphs():
        for figures, words in IN_WORDS.items():
            text = text.replace(figures, f"{words} ({figures})" if figures_too else words)
        paragraphs.append(text)
    return _letter_pdf(path, paragraphs)


def forge_letter(path: Path) -> Path:
    """The Forge's letter: a total and its parts in words, years as « la première année »."""
    return _letter_pdf(
        path,
        [
            "Association La Forge du Santerre",
            "Monsieur le Président du Conseil régional des Hauts-de-France",
            "Rosières-en-Santerre, le 3 décembre 2026",
            "Objet : Demande de subvention – AAP « Tiers-lieux du numérique »",
            "Monsieur le Président,",
            "J'ai l'honneur de solliciter l'aide de la Région au titre de l'appel à projets "
            "« Tiers-lieux du numérique » pour le tiers-lieu « La Forge ».",
            "Notre demande s'élève à soixante-quatre mille euros : trente mille euros la "
            "première année, vingt mille euros la deuxième année et dix mille euros la "
            "troisième année pour l'animation, et quatre mille euros pour l'équipement.",
            "Le plan d'action débutera en deux mille vingt-sept.",
            "Je vous prie d'agréer, Monsieur le Président, l'expression de mes salutations "
            "distinguées.",
            "La Présidente,",
            "Odile Caron",
        ],
    )


def _requested(path: Path) -> list[tuple[str, int | None, Decimal]]:
    document = read_document(path, "pdf")
    return [(a.kind, a.year, a.value) for a in requested_amounts(document)]


def test_the_forge_s_request_in_words_is_read(tmp_path: Path) -> None:
    found = _requested(forge_letter(tmp_path / "forge.pdf"))
    assert found[0] == ("total", None, Decimal(64000))
    assert found[-1] == ("equipement", None, Decimal(4000))
    assert [value for _, _, value in found] == [
        Decimal(n) for n in (64000, 30000, 20000, 10000, 4000)
    ]


def test_amounts_in_words_are_read_as_in_figures(tmp_path: Path) -> None:
    """The letter in words reads as the same letter in figures, and a letter writing both
    (« quarante-cinq mille euros (45 000 €) ») reads each amount once."""
    figures = _requested(_letter_pdf(tmp_path / "figures.pdf", bundles._letter_paragraphs()))
    words = _requested(letter_in_words(tmp_path / "words.pdf"))
    both = _requested(letter_in_words(tmp_path / "both.pdf", figures_too=True))
    assert figures == [
        ("budget", None, Decimal(272950)),
        ("animation", 2027, Decimal(45000)),
        ("animation", 2028, Decimal(30000)),
        ("animation", 2029, Decimal(15000)),
        ("animation", None, Decimal(90000)),
        ("equipement", None, Decimal(20000)),
        ("total", None, Decimal(110000)),
    ]
    assert words == figures
    assert both == figures


@pytest.fixture(scope="module")
def in_words(tmp_path_factory: pytest.TempPathFactory) -> Verification:
    folder = tmp_path_factory.mktemp("words") / "dossier"
    shutil.copytree(SAMPLES / "association-complete", folder)
    annexes = folder / "Annexes"
    (annexes / "Plan d'agencement.jpg").unlink()
    write_plan_pdf(annexes / "Plan d'agencement.pdf", "Plan d'agencement — La Fabrique du Ternois")
    statuts = statuts_pdf(tmp_path_factory.mktemp("statuts"), name="Statuts signés.pdf")
    shutil.copyfile(statuts, folder / "Statuts signés.pdf")
    (folder / COURRIER).unlink()
    letter_in_words(folder / COURRIER)
    return verify(folder, read_workers=0)


def test_a_dossier_whose_letter_writes_its_amounts_in_words_is_complete(
    in_words: Verification,
) -> None:
    """The sample has no finding; with its amounts in words, neither C004 nor a comparison
    with the budget (B008) may appear."""
    assert [(f.code, f.severity.value) for f in in_words.findings] == []
    assert in_words.dossier.fact("courrier.amount_requested") == "110000"
    assert in_words.dossier.fact("courrier.amount.animation.annee_2027") == "45000"
    assert in_words.dossier.fact("courrier.amount.equipement") == "20000"
    assert in_words.complete
