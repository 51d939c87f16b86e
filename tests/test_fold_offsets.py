"""What a parser finds in folded text, it quotes as the document prints it.

The statuts' clause on who represents the association and the domains a délégation lists are
searched in lower case without accents (``text.fold_traced``), then quoted in the report as
printed: with their accents and capitals, the ligature a PDF keeps as one character (« ﬁ »),
the apostrophe the word processor typed, and the accents macOS writes after their letter.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from conftest import write_docx, write_letter_pdf
from dossierkit.pieces import delegation_scope, statuts
from dossierkit.reading import read_document
from dossierkit.text import fold_traced, printed


@pytest.mark.parametrize(
    ("text", "spaces", "pattern", "quoted"),
    [
        ("Les \ufb01nances de l’EPCI", "", "finances de l'epci", "\ufb01nances de l’EPCI"),
        ("Ses  membres\n œuvrent", "", "membres oeuvrent", "membres\n œuvrent"),
        # As macOS writes it: each accent after its letter.
        (unicodedata.normalize("NFD", "le Délégué"), "", "delegue", "Délégué"),
        ("Les co-présidents représentent l’association", "'-", "co presidents", "co-présidents"),
        ("  l´association, ", "'", "l association", "l´association"),
    ],
)
def test_a_span_found_folded_is_quoted_as_printed(
    text: str, spaces: str, pattern: str, quoted: str
) -> None:
    folded, origin = fold_traced(text, spaces)
    assert len(origin) == len(folded)
    start = folded.index(pattern)
    assert unicodedata.normalize("NFC", printed(text, origin, start, start + len(pattern))) == (
        unicodedata.normalize("NFC", quoted)
    )


def test_the_folded_text_has_no_space_at_its_ends_nor_two_in_a_row() -> None:
    folded, _ = fold_traced(" \n Article 1er \u00a0 — Dénomination\u00b8 \n", "-")
    assert folded == "article 1er — denomination"


def test_the_statuts_representative_is_quoted_as_written(tmp_path: Path) -> None:
    """Statuts typed on a Mac: « Les Co-Présidents » with its accents written after the
    letters, found in the folded clause, reported as written."""
    clause = unicodedata.normalize(
        "NFD", "Article 12 – Représentation. Les Co-Présidents représentent l’association."
    )
    path = write_docx(
        tmp_path / "Statuts.docx",
        [("Statuts de l'association « Fab'Lab du Ternois »", 1), (clause, 0)],
    )
    found = statuts.parse(read_document(path, "docx"), path.name)
    assert found.representative_role == "co-président(e)"
    assert found.representative_as_written is not None
    written = unicodedata.normalize("NFC", found.representative_as_written.value)
    assert written == "les Co-Présidents"


def test_the_delegation_domains_are_quoted_as_printed(tmp_path: Path) -> None:
    """An arrêté exported to PDF: the domains it lists, quoted with their ligature and
    apostrophe."""
    path = write_letter_pdf(
        tmp_path / "Arrêté.pdf",
        [
            "ARRÊTÉ N° 2026-14 PORTANT DÉLÉGATION DE SIGNATURE",
            "ARRÊTE",
            "Article 1 : délégation est donnée à M. Olivier Dufour dans les domaines de la",
            "voirie et de l’assainissement.",
        ],
        signature=False,
    )
    scope = delegation_scope.read_scope(read_document(path, "pdf"))
    assert scope.outside
    assert scope.listed == ("dans les domaines de la voirie et de l’assainissement",)
