"""Statuts whose article headings have no full stop: « Article 12 - Bureau », « ARTICLE 5 –
ADMINISTRATION », « Art. 9 : Le bureau », « 9. Bureau », « Article 13 » over « Le président ».

Flattened into one line, such a heading ran into the article's first sentence: « Bureau Le
président représente l'association » named the bureau as the representative (a trésorier
heading, the trésorier), and a title written without its full stop before the next heading
(« ayant pour titre Les Amis du Vélo » / « ARTICLE 2 – BUT ») became « Les Amis du Vélo
ARTICLE 2 – BUT Elle a pour but… », statuts « of another association » (U003). The statuts are
typed in Word (python-docx, headings as Word headings or as bold paragraphs) and exported to PDF
the way an office suite does (each line of a wrapped paragraph its own line of text).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NamedTuple

import pytest

from dossierkit.discovery import Entry
from dossierkit.pieces import statuts
from dossierkit.pieces.common import Located
from dossierkit.pieces.statuts import StatutsFacts
from dossierkit.reading.files import read_entries
from dossierkit.report.flatten import flatten
from dossierkit.verify import verify

NAME = "Les Amis du Vélo de Saint-Pol"
# How each numbering writes an article's heading.
HEADINGS = {
    "article-dash": lambda n, title: [f"Article {n} - {title}"],
    "capitals": lambda n, title: [f"ARTICLE {n} – {title.upper()}"],
    "art-colon": lambda n, title: [f"Art. {n} : {title}"],
    "numbered": lambda n, title: [f"{n}. {title}"],
    "number-then-title": lambda n, title: [f"Article {n}", title],
}


class Statuts(NamedTuple):
    """The articles of statuts (title, sentences), and what must be read of them."""

    articles: tuple[tuple[str, str], ...]
    role: str | None  # representative_role
    written: str | None  # representative_as_written
    may_delegate: bool | None = None


FOUNDING = (
    "Dénomination",
    "Il est fondé entre les adhérents aux présents statuts une association régie par la loi du "
    f"1er juillet 1901 et le décret du 16 août 1901, ayant pour titre {NAME}",
)
PURPOSE = ("But", "Elle a pour but de promouvoir l'usage du vélo dans le Ternois.")
BOARD = (
    "Conseil d'administration",
    "L'association est dirigée par un conseil de six membres, élus pour trois ans par "
    "l'assemblée générale.",
)
TREASURER = ("Trésorier", "Le trésorier tient les comptes et rend compte à l'assemblée.")
VARIANTS: dict[str, Statuts] = {
    # « Bureau » over the sentence that names the président.
    "bureau-heading": Statuts(
        (
            FOUNDING,
            PURPOSE,
            BOARD,
            (
                "Bureau",
                "Le président représente l'association dans tous les actes de la vie civile. Il "
                "ordonnance les dépenses.",
            ),
            TREASURER,
        ),
        "président(e)",
        "le président",
    ),
    # The board's heading over « L'association est représentée… par sa présidente ».
    "board-heading": Statuts(
        (
            FOUNDING,
            PURPOSE,
            (
                "Conseil d'administration",
                "L'association est représentée dans tous les actes de la vie civile par sa "
                "présidente. Le conseil d'administration se réunit deux fois par an.",
            ),
        ),
        "président(e)",
        "la présidente",
    ),
    # The trésorier's heading just above the président's article.
    "treasurer-heading": Statuts(
        (
            FOUNDING,
            PURPOSE,
            BOARD,
            (
                "Trésorier",
                "La présidente a qualité pour représenter l'association en justice et dans tous "
                "les actes de la vie civile ; le trésorier tient les comptes.",
            ),
        ),
        "président(e)",
        "la présidente",
    ),
    # The role in the heading, « Il » in the sentence.
    "role-in-heading": Statuts(
        (
            FOUNDING,
            PURPOSE,
            BOARD,
            (
                "Le président",
                "Il représente l'association dans tous les actes de la vie civile. Il peut "
                "déléguer sa signature au trésorier.",
            ),
            TREASURER,
        ),
        "président(e)",
        "le président",
        True,
    ),
    # A « Représentation » article after an « Administration » one.
    "representation": Statuts(
        (
            FOUNDING,
            PURPOSE,
            (
                "Administration",
                "Le bureau est composé d'un président, d'un trésorier et d'un secrétaire",
            ),
            (
                "Représentation",
                "Le président représente l'association en justice. Le bureau ne peut déléguer "
                "ses pouvoirs.",
            ),
        ),
        "président(e)",
        "le président",
        False,
    ),
    # No article says who represents: U002 is right.
    "no-representative": Statuts(
        (
            FOUNDING,
            PURPOSE,
            BOARD,
            ("Bureau", "Le bureau est composé d'un président, d'un trésorier et d'un secrétaire."),
            TREASURER,
        ),
        None,
        None,
    ),
}


def _statuts_docx(path: Path, variant: Statuts, numbering: str, word_headings: bool) -> Path:
    """The statuts typed in Word: a centred title, each article's heading (a Word heading, or
    a bold paragraph as many associations type it) over its text."""
    import docx

    document = docx.Document()
    document.add_heading(f"STATUTS DE L'ASSOCIATION {NAME.upper()}", level=0)
    for n, (title, text) in enumerate(variant.articles, start=1):
        for line in HEADINGS[numbering](n, title):
            if word_headings:
                document.add_heading(line, level=2)
            else:
                document.add_paragraph().add_run(line).bold = True
        document.add_paragraph(text)
    document.add_paragraph("Fait à Saint-Pol-sur-Ternoise, le 14 mars 2023.")
    document.add_paragraph("La présidente, Marie Delattre")
    document.save(str(path))
    return path


def _statuts_pdf(folder: Path, docx_path: Path) -> Path:
    """The Word statuts exported to PDF (reportlab's rendering: every line of a wrapped
    paragraph is a line of the PDF's text, the headings lines of their own)."""
    samples = str(Path(__file__).parent.parent / "samples")
    if samples not in sys.path:
        sys.path.insert(0, samples)
    import generate

    return Path(generate.office_to_pdf(docx_path, folder, use_libreoffice=False))


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str, str], Path]:
    """Every variant in every numbering, as DOCX (Word headings in one half, bold paragraphs
    in the other) and as PDF, written once."""
    folder = tmp_path_factory.mktemp("statuts-headings")
    made: dict[tuple[str, str, str], Path] = {}
    for index, (name, variant) in enumerate(VARIANTS.items()):
        for position, numbering in enumerate(HEADINGS):
            stem = f"{name}-{numbering}"
            word = _statuts_docx(
                folder / f"{stem}.docx", variant, numbering, (index + position) % 2 == 0
            )
            made[(name, numbering, "docx")] = word
            pdf_folder = folder / stem
            pdf_folder.mkdir()
            made[(name, numbering, "pdf")] = _statuts_pdf(pdf_folder, word)
    return made


def _parse(path: Path) -> StatutsFacts:
    [f] = read_entries([Entry(path=path, rel=path.name, status="file")], workers=0)
    assert f.document is not None
    return statuts.parse(f.document, f.rel)


CASES = [
    (name, numbering, kind)
    for name in VARIANTS
    for numbering in HEADINGS
    for kind in ("docx", "pdf")
]


@pytest.mark.parametrize(("name", "numbering", "kind"), CASES)
def test_the_heading_does_not_run_into_the_article(
    name: str, numbering: str, kind: str, files: dict[tuple[str, str, str], Path]
) -> None:
    variant = VARIANTS[name]
    found = _parse(files[(name, numbering, kind)])
    assert found.name is not None and found.name.value == NAME
    assert found.legal_basis == "loi 1901"
    assert found.representative_role == variant.role
    written = found.representative_as_written
    assert (written.value if written else None) == variant.written
    assert found.may_delegate is variant.may_delegate


@pytest.mark.parametrize(
    ("name", "numbering", "kind", "applicant", "codes"),
    [
        ("bureau-heading", "capitals", "pdf", NAME, []),
        ("board-heading", "art-colon", "docx", NAME, []),
        ("role-in-heading", "numbered", "pdf", NAME, []),
        ("no-representative", "article-dash", "pdf", NAME, [("U002", "warning")]),
        ("bureau-heading", "number-then-title", "docx", "Fab'Lab du Ternois", [("U003", "error")]),
    ],
)
def test_the_statuts_findings(
    name: str,
    numbering: str,
    kind: str,
    applicant: str,
    codes: list[tuple[str, str]],
    files: dict[tuple[str, str, str], Path],
    tmp_path: Path,
) -> None:
    """The statuts alone in a dossier: no U finding when they name their title and their
    representative, U002 when no article says who represents, U003 for another association's
    (whose title is read whole, not run into the next heading)."""
    folder = tmp_path / "dossier"
    folder.mkdir()
    source = files[(name, numbering, kind)]
    (folder / f"Statuts{source.suffix}").write_bytes(source.read_bytes())
    (folder / "dossier.yaml").write_text(
        f'structure:\n  nom: "{applicant}"\n  type: "association"\n', encoding="utf-8"
    )
    report = verify(folder, read_workers=0)
    found = [(row[0], row[1]) for row in flatten(report.findings) if str(row[0]).startswith("U")]
    assert found == codes
    if codes == [("U003", "error")]:
        [finding] = [f for f in report.findings if f.code == "U003"]
        assert finding.params["found"] == NAME


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A paragraph of a PDF that wraps after an « Article 5 de la loi… »: not a heading.
        (
            "Conformément à l'\nArticle 5 de la loi du 1er juillet 1901, le président\n"
            "représente l'association dans tous les actes de la vie civile.",
            "président(e)",
        ),
        # A line that the next one continues in lower case is no heading, however short.
        ("Le président\nreprésente l'association en justice.", "président(e)"),
    ],
)
def test_a_wrapped_line_is_not_a_heading(text: str, expected: str) -> None:
    from dossierkit.reading.model import Document, Page

    document = Document(type="pdf", pages=(Page(1, text, 595, 842),))
    assert statuts.parse(document, "Statuts.pdf").representative_role == expected


def test_a_long_word_heading_is_a_heading_by_its_style(tmp_path: Path) -> None:
    """Headings typed in Word's Heading style, without numbers and too long to look like a
    title (« Composition, rôle et pouvoirs du bureau élu de l'association »): their style says
    they are headings."""
    import docx

    document = docx.Document()
    document.add_heading(f"Statuts de l'association {NAME}", level=0)
    for title, text in (
        FOUNDING,
        ("Ce que l'association se propose de faire sur le territoire", PURPOSE[1]),
        (
            "Composition, rôle et pouvoirs du bureau élu de l'association",
            "Le président représente l'association dans tous les actes de la vie civile.",
        ),
    ):
        document.add_heading(title, level=1)
        document.add_paragraph(text)
    document.save(str(tmp_path / "Statuts.docx"))
    found = _parse(tmp_path / "Statuts.docx")
    assert found.name is not None and found.name.value == NAME
    assert (found.representative_role, found.representative_as_written) == (
        "président(e)",
        Located("le président", None),
    )
