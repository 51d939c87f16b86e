"""The bureau as a table, the way secretaries type it in Word: « Fonction | Nom », or the
outgoing and the new bureau side by side (« Fonction | Bureau sortant | Nouveau bureau »).

Read from the DOCX, the table's cells are known: the new bureau's column gives the officers,
the outgoing one nobody's office (its two names were read together, "Claire Martin Anne
Roussel", as the présidente). Exported to PDF, the table is lines whose columns one space
separates ("Présidente Anne Roussel"): a role then a name that ends the line is read; a row
of two names side by side ("Présidente Claire Martin Anne Roussel") cannot be split and is
not read, rather than read wrong.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import generate  # samples/generate.py, on sys.path through conftest
import pytest

from dossierkit.discovery import Entry
from dossierkit.pieces import minutes
from dossierkit.reading.files import read_entries
from dossierkit.reading.model import Document, Page

HEAD = (
    "Procès-verbal de l'assemblée générale ordinaire du 14 mars 2026",
    "Association Les Fils du Numérique",
)
BUREAU = (
    ("Fonction", "Nom et prénom"),
    ("Présidente", "Anne Roussel"),
    ("Trésorier", "Paul Leroy"),
)
RENEWED = (
    ("Fonction", "Bureau sortant", "Nouveau bureau"),
    ("Présidente", "Claire Martin", "Anne Roussel"),
    ("Trésorier", "Paul Leroy", "Paul Leroy"),
    ("Secrétaire", "Lucie Caron", "Marc Petit"),
)
NEW = [
    ("président(e)", "Anne Roussel"),
    ("trésorier(e)", "Paul Leroy"),
    ("secrétaire", "Marc Petit"),
]


def _minutes_docx(folder: Path, rows: tuple[tuple[str, ...], ...]) -> Path:
    doc = generate.new_docx(author="Anne Roussel", title="PV AG 2026", when=date(2026, 3, 16))
    for line in (*HEAD, "Après le vote, la composition du bureau est la suivante :"):
        doc.add_paragraph(line)
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for cells, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(cells.cells, values, strict=True):
            cell.text = value
    return Path(generate.save_docx(doc, folder / "PV AG 2026.docx"))


def _elections(path: Path) -> list[tuple[str, str]]:
    [read] = read_entries([Entry(path=path, rel=path.name, status="file")], workers=0)
    assert read.document is not None
    return [(e.role, e.person) for e in minutes.parse(read.document, path.name).elections]


@pytest.mark.parametrize(
    ("rows", "docx", "pdf"),
    [(BUREAU, NEW[:2], NEW[:2]), (RENEWED, NEW, [])],
    ids=["fonction-nom", "sortant-nouveau"],
)
def test_a_table_of_the_bureau_typed_in_word(
    rows: tuple[tuple[str, ...], ...],
    docx: list[tuple[str, str]],
    pdf: list[tuple[str, str]],
    tmp_path: Path,
) -> None:
    source = _minutes_docx(tmp_path, rows)
    assert _elections(source) == docx
    # « Enregistrer sous PDF » (rendered here without LibreOffice: the same lines of text).
    exported = generate.office_to_pdf(source, tmp_path, use_libreoffice=False, name="PV AG.pdf")
    assert _elections(Path(exported)) == pdf


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (("Fonction Nom", "Présidente Mme Anne Roussel", "Trésorier Paul Leroy"), NEW[:2]),
        # One space between the columns: the two names cannot be told apart.
        (("Fonction Bureau sortant Nouveau bureau", "Présidente Claire Martin Anne Roussel"), []),
        # Tabs or several spaces between them: the headings tell the new bureau's column.
        (
            (
                "Fonction   Bureau sortant   Nouveau bureau",
                "Présidente   Claire Martin   Anne Roussel",
            ),
            NEW[:1],
        ),
        # As OCR reads a scanned table, its borders left around the cells.
        (
            (
                "\"Fonction\t' Bureau sortant\t' Nouveau bureau",
                "_Présidente\tClaire Martin\tAnne Roussel",
                "_Trésorier\tPaul Leroy\tPaul Leroy",
                "_Secrétaire\tLucie Caron\tMarc Petit",
            ),
            NEW,
        ),
        # Without headings, two names in a row are no one's.
        (("Présidente\tClaire Martin\tAnne Roussel",), []),
        # A sentence that begins on a role is no table's row.
        (("Présidente Anne Roussel remercie les membres présents.",), []),
    ],
)
def test_a_table_exported_as_lines(body: tuple[str, ...], expected: list[tuple[str, str]]) -> None:
    document = Document(type="pdf", pages=(Page(1, "\n".join(HEAD + body), 595, 842),))
    assert [(e.role, e.person) for e in minutes.parse(document, "PV.pdf").elections] == expected
