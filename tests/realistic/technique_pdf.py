"""The dossier technique of ``technique.py`` as a PDF that a word processor exports, with the
tables applicants put in it: the plan d'action as a table whose first column is the year
(« Année 1 », « 2027 »), the réseau's places as a table « Lieu | Commune | Fonctions ».

Drawn with reportlab as Word and LibreOffice draw their export: titles in bold, paragraphs
wrapped to the page's width, bulleted items, and tables with their grid of thin rules
("Grille du tableau"), a cell's text wrapped inside its cell. The page's text then gives a
table's row as one line of words (« Maison de services Arleux médiation ») or, when a cell
wraps, as several, which is how applicants' PDFs read.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from realistic.technique import Answer

# A table: its rows, the first one its header.
Rows = Sequence[Sequence[str]]


def write_pdf(
    path: Path,
    parts: tuple[tuple[str, tuple[Answer, ...]], ...],
    tables: Mapping[str, Rows] | None = None,
    widths: Sequence[float] | None = None,
) -> Path:
    """The dossier technique ``parts`` (``technique.answers``) as an exported PDF: under each
    question's title its paragraphs, then the table ``tables`` gives for that question (its
    columns ``widths`` in points, the page's width shared out when None)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    tables = tables or {}
    body = ParagraphStyle("body", fontName="Helvetica", fontSize=11, leading=14, spaceAfter=6)
    bullet = ParagraphStyle("bullet", parent=body, leftIndent=18, bulletIndent=6)
    cell = ParagraphStyle("cell", fontName="Helvetica", fontSize=11, leading=13)
    head = ParagraphStyle("head", parent=cell, fontName="Helvetica-Bold")
    title = ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=20, leading=24)
    heading1 = ParagraphStyle(
        "h1", fontName="Helvetica-Bold", fontSize=15, leading=19, spaceBefore=12, spaceAfter=6
    )
    heading2 = ParagraphStyle(
        "h2", fontName="Helvetica-Bold", fontSize=13, leading=16, spaceBefore=8, spaceAfter=4
    )
    story: list[object] = [
        Paragraph("Dossier technique — La Fabrique du Ternois", title),
        Paragraph(
            "Appel à projets « Tiers-lieux du numérique » — Association Fab'Lab du Ternois", body
        ),
    ]
    width = A4[0] - 5 * cm
    for part, items in parts:
        story.append(Paragraph(part, heading1))
        for qid, heading, paragraphs in items:
            story.append(Paragraph(heading, heading2))
            for text in paragraphs:
                if text.startswith("• "):
                    story.append(Paragraph(text[2:], bullet, bulletText="•"))
                else:
                    story.append(Paragraph(text, body))
            rows = tables.get(qid)
            if rows:
                columns = len(rows[0])
                grid = Table(
                    [
                        [Paragraph(value, head if n == 0 else cell) for value in row]
                        for n, row in enumerate(rows)
                    ],
                    colWidths=list(widths) if widths else [width / columns] * columns,
                )
                grid.setStyle(
                    TableStyle(
                        [
                            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                            ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ]
                    )
                )
                story += [grid, Spacer(1, 8)]
    path.parent.mkdir(parents=True, exist_ok=True)
    document = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=2.5 * cm,
        rightMargin=2.5 * cm,
        topMargin=2.5 * cm,
        bottomMargin=2.5 * cm,
        invariant=1,
    )
    document.build(story)
    return path
