"""The budget table inside the dossier technique: many applicants answer the call's « Pouvez-vous
indiquer la nature et visée des dépenses envisagées (fournir un tableau dépenses et recettes /
fonctionnement et investissement) ? » with a Word table in the technique, and send no budget
file. That table is then the budget piece, and every budget check reads it; a table that is
not a budget (a schedule, a list of partners) leaves the budget missing."""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest

from dossierkit.report.data import report_data
from dossierkit.report.terminal import render_terminal
from dossierkit.verify import Verification, verify

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "association-complete"
TECHNIQUE = "03 - Dossier technique v2 FINAL.docx"

# The sample's budget (its workbook) typed as a Word table: years as columns.
EXPENSES = [
    ("Salaire et charges de l'animateur (1 ETP, CDI)", 41500, 42300, 43150),
    ("Prestations d'animation (intervenants, ateliers, médiation)", 18500, 17700, 16850),
    ("Loyer et charges (180 m²)", 9600, 9600, 9600),
    ("Consommables du fablab (filament, bois, vinyle)", 3000, 3500, 3800),
    ("Communication (site, signalétique, impressions)", 2400, 1200, 1200),
    ("Assurances, téléphone et accès internet", 1900, 1950, 2000),
    ("Déplacements et formation de l'animateur", 1200, 1000, 1000),
    ("Équipement du fablab : imprimantes 3D, découpeuse laser (investissement)", 28600, 4200, 0),
    ("Mobilier et postes informatiques (investissement)", 7200, 0, 0),
]
INCOME = [
    ("Région Hauts-de-France — aide à l'animation", 45000, 30000, 15000),
    ("Région Hauts-de-France — aide à l'équipement (50 %)", 17900, 2100, 0),
    ("Communauté de communes du Ternois — subvention de fonctionnement", 20000, 28000, 40000),
    ("Communauté de communes du Ternois — fonds de concours équipement", 17900, 2100, 0),
    ("Recettes d'activité (adhésions, abonnements, prestations)", 6000, 9500, 13000),
    ("Autofinancement (fonds propres de l'association)", 7100, 9750, 9600),
]


def _money(n: int, euro: bool, space: str = "\u202f") -> str:
    text = f"{n:,}".replace(",", space)
    return f"{text}\u00a0€" if euro else text


def _rows(
    income: list[tuple[str, int, int, int]], euro: bool, space: str = "\u202f"
) -> list[list[str]]:
    def line(label: str, *years: int) -> list[str]:
        return [label, *(_money(n, euro, space) for n in (*years, sum(years)))]

    def total(label: str, lines: list[tuple[str, int, int, int]]) -> list[str]:
        return line(label, *(sum(row[i] for row in lines) for i in (1, 2, 3)))

    return [
        ["Dépenses", "2027", "2028", "2029", "Total"],
        *(line(*row) for row in EXPENSES),
        total("Total dépenses", EXPENSES),
        ["Recettes", "", "", "", ""],
        *(line(*row) for row in income),
        total("Total recettes", income),
    ]


def _add_table(document: Any, rows: list[list[str]]) -> None:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value


def _technique(
    path: Path,
    *,
    heading: bool = True,
    euro: bool = True,
    basis: str | None = "Montants TTC : l'association ne récupère pas la TVA.",
    income: list[tuple[str, int, int, int]] = INCOME,
    budget: bool = True,
    other: list[list[str]] | None = None,
    split: bool = False,
) -> None:
    """The sample's technique without its summary table, with a budget table (or another
    table) appended at its end, as an applicant types it in Word."""
    document = docx.Document(str(path))
    for table in document.tables:
        table._element.getparent().remove(table._element)
    if heading:
        document.add_heading("Budget prévisionnel", level=2)
    if basis:
        document.add_paragraph(basis)
    rows = _rows(income, euro)
    if budget and split:  # a table of dépenses, a caption, then a table of recettes
        cut = next(i for i, row in enumerate(rows) if row[0] == "Recettes")
        _add_table(document, rows[:cut])
        document.add_paragraph("Les recettes prévues sont les suivantes :")
        _add_table(document, [["Recettes", "2027", "2028", "2029", "Total"], *rows[cut + 1 :]])
    elif budget:
        _add_table(document, rows)
    if other:
        _add_table(document, other)
    document.save(str(path))


def _dossier(tmp_path: Path, *, keep_budget: bool = False, **options: Any) -> Path:
    folder = tmp_path / "dossier"
    shutil.copytree(SAMPLE, folder)
    if not keep_budget:
        (folder / "02 - Budget prévisionnel 2027-2029.xlsx").unlink()
    _technique(folder / TECHNIQUE, **options)
    return folder


def _technique_pdf(
    folder: Path, basis: str = "Montants TTC : l'association ne récupère pas la TVA."
) -> Path:
    """The technique exported to PDF (its Word file replaced), the budget table after its
    last answer and its ``basis`` paragraph, on its last page: as a word processor lays it
    out, with reportlab (Helvetica has no narrow no-break space: the thousands are spaced as
    the export prints them)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    source = folder / TECHNIQUE
    styles = getSampleStyleSheet()
    story: list[Any] = [
        Paragraph(p.text, styles["Heading2" if p.style.name.startswith("Heading") else "BodyText"])
        for p in docx.Document(str(source)).paragraphs
        if p.text.strip()
    ]
    story += [
        Paragraph("Budget prévisionnel", styles["Heading2"]),
        Paragraph(basis, styles["BodyText"]),
    ]
    table = Table(_rows(INCOME, True, " "), colWidths=[250, 60, 60, 60, 60])
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("FONTSIZE", (0, 0), (-1, -1), 7),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
            ]
        )
    )
    story.append(table)
    source.unlink()
    pdf = folder / "03 - Dossier technique.pdf"
    SimpleDocTemplate(str(pdf), pagesize=A4).build(story)
    return pdf


def _budget(result: Verification) -> Any:
    return next(p for p in result.dossier.pieces if p.spec.kind == "budget")


def _budget_findings(result: Verification) -> list[tuple[str, str, str | None]]:
    return [
        (f.code, f.severity.value, f.file)
        for f in result.findings
        if f.piece == "budget" or f.code == "P001"
    ]


@pytest.mark.parametrize(
    "options",
    [
        pytest.param({}, id="heading-euros"),
        pytest.param({"heading": False}, id="no-heading"),
        pytest.param({"euro": False}, id="no-euro-sign"),
        pytest.param({"split": True}, id="two-tables"),
    ],
)
def test_budget_table_in_the_technique_is_the_budget(
    tmp_path: Path, options: dict[str, Any], report_validator: Callable[[dict[str, Any]], None]
) -> None:
    result = verify(_dossier(tmp_path, **options))
    piece = _budget(result)
    assert (piece.status, piece.used.rel, piece.within) == ("ok", TECHNIQUE, "dossier_technique")
    assert _budget_findings(result) == []
    assert result.complete, [f.code for f in result.findings]
    budget = result.dossier.parsed.budget
    assert budget is not None and budget.file == TECHNIQUE
    assert budget.basis == {"all": "TTC"}
    assert budget.years == (2027, 2028, 2029)
    assert result.dossier.aid is not None
    report = report_data(result)
    report_validator(report)
    [entry] = next(p for p in report["pieces"] if p["kind"] == "budget")["files"]
    assert entry == {
        "path": TECHNIQUE,
        "sha256": entry["sha256"],
        "pages": None,
        "used": True,
        "reason": "tableau dépenses-recettes du dossier technique",
    }
    assert report["summary"]["missing"] == []
    out = io.StringIO()
    render_terminal(report, "Tiers-lieux du numérique", out)
    row = next(line for line in out.getvalue().splitlines() if "Budget prévisionnel" in line)
    assert row.split()[0] == "présente"
    assert "retenu : tableau dépenses-recettes du dossier technique" in " ".join(
        out.getvalue().split()
    )


def test_every_budget_check_reads_the_technique_table(tmp_path: Path) -> None:
    """The Région's animation aid raised by 5 000 € in 2027 (over its 75 % ceiling, beyond
    the letter, unbalanced) and no HT/TTC: balance, basis, caps and letter-vs-budget all
    judge the technique's table, and cite its file."""
    income = [(INCOME[0][0], 50000, 30000, 15000), *INCOME[1:]]
    result = verify(_dossier(tmp_path, income=income, basis=None))
    assert _budget(result).status == "ok"
    found = [
        (f.code, f.severity.value, f.file, f.params.get("year"))
        for f in result.findings
        if f.piece == "budget"
    ]
    assert [(code, severity, file) for code, severity, file, _ in found] == [
        ("B001", "error", TECHNIQUE),
        ("B003", "error", TECHNIQUE),
        ("B003", "error", TECHNIQUE),
        ("B005", "error", TECHNIQUE),
        ("B008", "error", TECHNIQUE),
        ("B008", "error", TECHNIQUE),
    ]
    messages = [
        " ".join(f["message"].replace("\u202f", " ").replace("\u00a0", " ").split())
        for f in report_data(result)["findings"]
        if f["piece"] == "budget"
    ]
    assert "en 2027 : dépenses 113 900 €, recettes 118 900 €, écart 5 000 €" in messages[1]
    assert "2027 : 50 000 € demandés, mais au plus 45 000 €" in messages[3]


@pytest.mark.parametrize(
    "other",
    [
        pytest.param(
            [
                ["Étape", "2027", "2028", "2029"],
                ["Recrutement de l'animateur", "X", "", ""],
                ["Ouverture du fablab", "X", "X", ""],
                ["Formations aux machines", "", "X", "X"],
            ],
            id="schedule",
        ),
        pytest.param(
            [
                ["Partenaire", "Rôle", "Depuis"],
                ["Médiathèque du Ternois", "ateliers", "2024"],
                ["France Services", "orientation des publics", "2025"],
            ],
            id="partners",
        ),
    ],
)
def test_a_table_that_is_not_a_budget_leaves_it_missing(
    tmp_path: Path, other: list[list[str]]
) -> None:
    result = verify(_dossier(tmp_path, budget=False, other=other, heading=False, basis=None))
    piece = _budget(result)
    assert (piece.status, piece.used, piece.within) == ("missing", None, None)
    assert ("P001", "error", None) in _budget_findings(result)


def test_a_budget_file_beside_the_technique_table_stays_the_budget(tmp_path: Path) -> None:
    result = verify(_dossier(tmp_path, keep_budget=True))
    piece = _budget(result)
    assert piece.used.rel == "02 - Budget prévisionnel 2027-2029.xlsx"
    assert piece.within is None
    assert result.complete


def test_budget_table_in_the_technique_pdf(tmp_path: Path) -> None:
    """The same technique exported to PDF: the budget is read from the laid-out table of its
    last page, the prose above it (« 20 000 € en 2027, 40 000 € en 2029 ») left out; the
    assembled dossier's budget section is that page only."""
    from dossierkit.assemble.plan import plan_sections

    folder = _dossier(tmp_path, basis=None, heading=False)
    pdf = _technique_pdf(folder)
    result = verify(folder)
    piece = _budget(result)
    assert (piece.status, piece.used.rel, piece.within) == ("ok", pdf.name, "dossier_technique")
    assert _budget_findings(result) == []
    assert result.complete, [f.code for f in result.findings]
    budget = result.dossier.parsed.budget
    assert budget is not None and budget.unplaced == ()
    last = piece.used.pages
    assert {line.source for line in budget.lines} == {f"p. {last}"}
    section = next(s for s in plan_sections(result, "fr") if s.kind == "budget")
    assert section.file is not None and section.file.page_range == (last, last)
