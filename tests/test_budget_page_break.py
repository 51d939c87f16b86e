"""A budget table cut by a page break, as word processors lay it out: the table goes on at the
top of the next page with no header (Word repeats none unless told), with its header row
repeated (« Répéter la ligne d'en-tête »), or its header row alone at the foot of the page and
every amount on the next. Read either in the dossier technique's PDF export (the budget
answered there) or as a budget PDF of its own, the lines of the second page are the same
section's lines as the page before ended in: no « Pièce manquante : Budget », no lines « hors
des sections »."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import docx
import pytest
from test_budget_in_technique import INCOME, SAMPLE, TECHNIQUE, _rows

from dossierkit.verify import verify

WORKBOOK = "02 - Budget prévisionnel 2027-2029.xlsx"
ROWS = _rows(INCOME, True, " ")
HEADER, BODY = ROWS[0], ROWS[1:]
RECETTES = next(i for i, row in enumerate(BODY) if row[0] == "Recettes")

# Where the page breaks, as (rows on the first page, rows on the next page).
BREAKS = {
    # The page ends on the « Recettes » row: the Région's lines open the next page.
    "after-recettes-row": ([HEADER, *BODY[: RECETTES + 1]], BODY[RECETTES + 1 :]),
    # The same, the header row repeated at the top of the next page.
    "header-repeated": ([HEADER, *BODY[: RECETTES + 1]], [HEADER, *BODY[RECETTES + 1 :]]),
    # The header row alone at the foot of the page, every amount on the next.
    "header-alone": ([HEADER], BODY),
}


def _table(rows: list[list[str]]) -> Any:
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    table = Table(rows, colWidths=[250, 60, 60, 60, 60])
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("FONTSIZE", (0, 0), (-1, -1), 7),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
            ]
        )
    )
    return table


def _pdf(path: Path, story: list[Any], cut: str) -> None:
    """``story`` then the budget table cut as ``BREAKS[cut]`` says, on A4 (reportlab)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    first, second = BREAKS[cut]
    story = [
        *story,
        Paragraph("Budget prévisionnel", styles["Heading2"]),
        Paragraph("Montants TTC : l'association ne récupère pas la TVA.", styles["BodyText"]),
        _table(first),
        PageBreak(),
        _table(second),
    ]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)


def _technique_pdf(folder: Path, cut: str) -> None:
    """The sample's technique exported to PDF, its budget table at the end, cut by a page
    break; the workbook removed: the technique holds the budget."""
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph

    styles = getSampleStyleSheet()
    source = folder / TECHNIQUE
    story = [
        Paragraph(p.text, styles["Heading2" if p.style.name.startswith("Heading") else "BodyText"])
        for p in docx.Document(str(source)).paragraphs
        if p.text.strip() and not p.text.startswith("Budget")
    ]
    source.unlink()
    (folder / WORKBOOK).unlink()
    _pdf(folder / "03 - Dossier technique.pdf", story, cut)


def _budget_pdf(folder: Path, cut: str) -> None:
    """The budget typed in Word and exported to PDF in place of the workbook."""
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph

    styles = getSampleStyleSheet()
    (folder / WORKBOOK).unlink()
    intro = [
        Paragraph("Association Fab'Lab du Ternois", styles["Title"]),
        Paragraph("Tiers-lieu du numérique — années 2027 à 2029", styles["BodyText"]),
    ] * 8  # enough text that the table starts on the first page's lower half
    _pdf(folder / "02 - Budget prévisionnel.pdf", intro, cut)


@pytest.mark.parametrize(
    ("where", "cut"),
    [
        *(("technique", cut) for cut in sorted(BREAKS)),
        ("budget", "header-repeated"),
    ],
)
def test_a_budget_table_cut_by_a_page_break_is_read_whole(
    tmp_path: Path, where: str, cut: str
) -> None:
    folder = tmp_path / "dossier"
    shutil.copytree(SAMPLE, folder)
    (_technique_pdf if where == "technique" else _budget_pdf)(folder, cut)
    result = verify(folder)
    piece = next(p for p in result.dossier.pieces if p.spec.kind == "budget")
    assert piece.status == "ok", [f.message for f in result.findings]
    budget = result.dossier.parsed.budget
    assert budget is not None and budget.unplaced == ()
    assert [f.code for f in result.findings if f.piece == "budget"] == []
    # Every line of the table was read, the Région's in the recettes, on the second page.
    region = [line for line in budget.lines if line.label.startswith("Région")]
    assert {(line.section, line.year) for line in region} >= {
        ("recettes", 2027),
        ("recettes", 2028),
        ("recettes", 2029),
    }
    last = f"p. {max(page.number for page in piece.used.document.pages)}"
    assert {line.source for line in region} == {last}
    assert result.complete, [f.code for f in result.findings]
