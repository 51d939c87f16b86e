"""The amounts of a courrier de demande as applicants write them, and what each is for.

Letters are made the way applicants make them: typed in Word (python-docx), the request in
a sentence, in a bulleted list, or both, and exported to PDF (reportlab draws the lines as
the export wraps them). Each phrase below was met in letters written outside the project
(« s'élève à 106 000 € au total, soit pour l'animation 43 500 € en 2027… et 18 000 € pour
l'équipement », which once gave a total of 43 500 €) or is a variant of them that applicants
also write.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from conftest import write_letter_pdf
from dossierkit.pieces import courrier
from dossierkit.reading import read_document

_HEAD = [
    "Communauté de communes du Pays de Mormal",
    "Rue Chevray – 59530 Le Quesnoy",
    "Le Quesnoy, le 18 novembre 2026",
    "Monsieur le Président du Conseil régional des Hauts-de-France",
    "Objet : demande de subvention – appel à projets « Tiers-lieux du numérique »",
    "Monsieur le Président,",
]
_TAIL = [
    "Je vous prie d'agréer, Monsieur le Président, l'expression de ma haute considération.",
    "Le Président,",
    "Jean-Marc Lefebvre",
]


def _docx(path: Path, body: list[str], bullets: bool = False) -> Path:
    """A Word letter; with ``bullets``, the lines starting with "- " become items of a
    bulleted list (Word's "List Bullet" style, no dash in the text)."""
    import docx

    document = docx.Document()
    for line in [*_HEAD, *body, *_TAIL]:
        if bullets and line.startswith("- "):
            document.add_paragraph(line[2:], style="List Bullet")
        else:
            document.add_paragraph(line)
    document.save(str(path))
    return path


def _read(path: Path) -> courrier.CourrierFacts:
    return courrier.parse(read_document(path, path.suffix.lstrip(".")), path.name)


def _asked(parsed: courrier.CourrierFacts) -> list[tuple[str, str, int | None]]:
    """(amount, kind, year) of every amount the letter states."""
    return [(str(a.value), a.kind, a.year) for a in parsed.amounts]


# The tester's letter, wrapped as Word exported it.
MORMAL = [
    "L'aide sollicitée s'élève à 106 000 € au total, soit pour l'animation",
    "43 500 € en 2027, 29 500 € en 2028 et 15 000 € en 2029,",
    "et 18 000 € pour l'équipement du lieu.",
]
MORMAL_ASKED = [
    ("106000", "total", None),
    ("43500", "animation", 2027),
    ("29500", "animation", 2028),
    ("15000", "animation", 2029),
    ("18000", "equipement", None),
]

CASES: dict[str, tuple[list[str], list[tuple[str, str, int | None]], str]] = {
    "total-then-yearly-then-equipment": (MORMAL, MORMAL_ASKED, "106000"),
    "label-after-each-amount": (
        [
            "Nous sollicitons 45 000 € pour l'animation, 20 000 € pour l'équipement.",
        ],
        [("45000", "animation", None), ("20000", "equipement", None)],
        "65000",
    ),
    "au-titre-de": (
        [
            "La Région est sollicitée pour 45 000 € au titre de l'animation et 20 000 € au "
            "titre de l'équipement.",
        ],
        [("45000", "animation", None), ("20000", "equipement", None)],
        "65000",
    ),
    "une-aide-de": (
        ["J'ai l'honneur de solliciter une aide de 90 000 € pour notre tiers-lieu."],
        [("90000", "total", None)],
        "90000",
    ),
    "montant-total-after-budget": (
        [
            "Le budget prévisionnel du projet s'élève à 272 950 € sur trois ans.",
            "Je sollicite une aide d'un montant total de 110 000 €, soit 45 000 € en 2027, "
            "30 000 € en 2028 et 15 000 € en 2029, et 20 000 € pour l'équipement.",
        ],
        [
            ("272950", "budget", None),
            ("110000", "total", None),
            ("45000", "animation", 2027),
            ("30000", "animation", 2028),
            ("15000", "animation", 2029),
            ("20000", "equipement", None),
        ],
        "110000",
    ),
    "yearly-budget-is-no-aid": (
        [
            "Le budget de fonctionnement s'élève à 60 000 € en 2027, 61 000 € en 2028.",
            "Nous demandons 45 000 € en 2027 et 30 000 € en 2028.",
        ],
        [
            ("60000", "budget", None),
            ("61000", "budget", None),
            ("45000", "animation", 2027),
            ("30000", "animation", 2028),
        ],
        "75000",
    ),
    "list-by-year-and-kind": (
        [
            "Je sollicite le soutien de la Région, réparti comme suit :",
            "- animation 2027 : 43 500 €",
            "- animation 2028 : 29 500 €",
            "- animation 2029 : 15 000 €",
            "- équipement : 18 000 €",
            "soit un total de 106 000 €.",
        ],
        [
            ("43500", "animation", 2027),
            ("29500", "animation", 2028),
            ("15000", "animation", 2029),
            ("18000", "equipement", None),
            ("106000", "total", None),
        ],
        "106000",
    ),
    "list-of-amounts-then-years": (
        [
            "L'aide demandée pour l'animation est de :",
            "- 43 500 € en 2027 ;",
            "- 29 500 € en 2028 ;",
            "- 15 000 € en 2029.",
            "L'aide à l'équipement s'élève à 18 000 €.",
        ],
        [
            ("43500", "animation", 2027),
            ("29500", "animation", 2028),
            ("15000", "animation", 2029),
            ("18000", "equipement", None),
        ],
        "106000",
    ),
    "year-and-kind-in-words-of-their-own": (
        [
            "Le coût total du projet est de 272 950 €.",
            "Montant sollicité : 73 500 €, soit une subvention de 45 000 € au titre de "
            "l'année 2027 et une subvention d'investissement de 18 000 €.",
            "Année 2 (2028) : 10 500 €.",
        ],
        [
            ("272950", "budget", None),
            ("73500", "total", None),
            ("45000", "animation", 2027),
            ("18000", "equipement", None),
            ("10500", "animation", 2028),
        ],
        "73500",
    ),
    "aid-inside-the-budget": (
        [
            "Le budget du projet s'élève à 300 000 €, dont 106 000 € d'aide régionale et "
            "40 000 € de dépenses d'équipement.",
        ],
        [("300000", "budget", None), ("106000", "total", None), ("40000", "budget", None)],
        "106000",
    ),
    "asked-to-cover-expenses": (
        ["Je sollicite 45 000 € pour couvrir les dépenses d'animation de 2027."],
        [("45000", "animation", 2027)],
        "45000",
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_word_letter(tmp_path: Path, name: str) -> None:
    body, asked, total = CASES[name]
    parsed = _read(_docx(tmp_path / "Courrier.docx", body))
    assert _asked(parsed) == asked
    assert parsed.total() == Decimal(total)


@pytest.mark.parametrize("name", ["list-by-year-and-kind", "list-of-amounts-then-years"])
def test_word_bulleted_list_without_dashes(tmp_path: Path, name: str) -> None:
    """Word's bullets are no characters of the text: each item is a paragraph of its own."""
    body, asked, total = CASES[name]
    parsed = _read(_docx(tmp_path / "Courrier.docx", body, bullets=True))
    assert _asked(parsed) == asked
    assert parsed.total() == Decimal(total)


def test_exported_pdf_wrapped_as_word_wraps(tmp_path: Path) -> None:
    """The tester's letter as a PDF: the total stands on one line, its breakdown on the next
    two; the facts of the report say the total, each year's animation and the equipment."""
    parsed = _read(
        write_letter_pdf(tmp_path / "Courrier demande TLN signé.pdf", _HEAD + MORMAL + _TAIL)
    )
    assert _asked(parsed) == MORMAL_ASKED
    facts = {f.name: f.value for f in parsed.facts}
    assert facts["courrier.amount_requested"] == "106000"
    assert facts["courrier.amount.total"] == "106000"
    assert facts["courrier.amount.animation.annee_2028"] == "29500"
    assert facts["courrier.amount.equipement"] == "18000"


def test_a_bullet_dash_is_no_minus_sign(tmp_path: Path) -> None:
    parsed = _read(
        write_letter_pdf(
            tmp_path / "Courrier.pdf", [*_HEAD, "Aide demandée :", "- 45 000 € en 2027", *_TAIL]
        )
    )
    assert _asked(parsed) == [("45000", "animation", 2027)]


def test_a_table_in_the_letter(tmp_path: Path) -> None:
    """A small table typed in the Word letter: a label cell, an amount cell."""
    import docx

    document = docx.Document()
    for line in [*_HEAD, "L'aide demandée se répartit ainsi :"]:
        document.add_paragraph(line)
    rows = [
        ("Animation 2027", "43 500 €"),
        ("Animation 2028", "29 500 €"),
        ("Animation 2029", "15 000 €"),
        ("Équipement", "18 000 €"),
        ("Total", "106 000 €"),
    ]
    table = document.add_table(rows=len(rows), cols=2)
    for r, (label, amount) in enumerate(rows):
        table.cell(r, 0).text, table.cell(r, 1).text = label, amount
    for line in _TAIL:
        document.add_paragraph(line)
    document.save(str(tmp_path / "Courrier.docx"))
    parsed = _read(tmp_path / "Courrier.docx")
    assert _asked(parsed) == [
        ("43500", "animation", 2027),
        ("29500", "animation", 2028),
        ("15000", "animation", 2029),
        ("18000", "equipement", None),
        ("106000", "total", None),
    ]
