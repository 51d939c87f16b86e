"""The layout of a budget's or a dossier technique's pages is read under the same isolation
and time limit as the rest of reading: a PDF whose tables take pdfplumber too long, or make it
crash, costs that file a finding (F015, F016), never the run, and keeps the text read before.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from dossierkit.limits import Limits
from dossierkit.report.flatten import flatten
from dossierkit.verify import verify

BUDGET_LINES = (
    "Budget prévisionnel 2027-2029 (montants TTC)",
    "DÉPENSES\t2027\t2028\t2029",
    "Salaire de l'animateur\t40 000 €\t41 000 €\t42 000 €",
    "RECETTES",
    "Région Hauts-de-France\t30 000 €\t20 000 €\t10 000 €",
)
# A dossier technique whose summary of the Région's aid stands on a page full of rules.
TECHNIQUE_LINES = (
    "Dossier technique : tiers-lieu du numérique",
    "1. Nature du projet",
    "Le tiers-lieu proposera un fablab et des ateliers de médiation numérique.",
    "Plan de financement\t2027\t2028\t2029",
    "Aide de la Région Hauts-de-France\t30 000 €\t20 000 €\t10 000 €",
)


def ruled_pdf(path: Path, lines: tuple[str, ...], strokes: int) -> Path:
    """A one-page PDF with ``lines`` of text (cells apart by tabs: a label, then amounts
    aligned on the right of their columns, as a spreadsheet prints them) over ``strokes``
    thin rules drawn at random, as a plan or a badly exported drawing carries: its text reads
    in milliseconds, its tables take pdfplumber seconds (every rule is an edge to intersect).
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    pdf.setFont("Helvetica", 10)
    for i, line in enumerate(lines):
        label, *amounts = line.split("\t")
        pdf.drawString(50, 800 - 14 * i, label)
        for right, amount in zip((360, 450, 540), amounts, strict=False):
            pdf.drawRightString(right, 800 - 14 * i, amount)
    pdf.setLineWidth(0.1)
    rnd = random.Random(1)
    for i in range(strokes):
        x, y, length = rnd.uniform(40, 550), rnd.uniform(40, 700), rnd.uniform(5, 200)
        if i % 2:
            pdf.line(x, y, x + length, y)
        else:
            pdf.line(x, y, x, y + length)
    pdf.showPage()
    pdf.save()
    return path


def _rows(folder: Path, limits: Limits) -> list[tuple[object, ...]]:
    return flatten(verify(folder, limits=limits).findings, ("code", "severity", "piece", "file"))


@pytest.mark.parametrize(
    ("name", "piece", "lines"),
    [
        ("Budget prévisionnel.pdf", "budget", BUDGET_LINES),
        ("Dossier technique.pdf", "dossier_technique", TECHNIQUE_LINES),
    ],
)
def test_slow_table_extraction_is_cut_by_the_time_limit(
    tmp_path: Path, name: str, piece: str, lines: tuple[str, ...]
) -> None:
    ruled_pdf(tmp_path / name, lines, strokes=40_000)
    rows = _rows(tmp_path, Limits(seconds_per_file=2.5))
    assert ("F015", "error", piece, name) in rows


def test_a_crash_while_laying_out_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reader's worker is forked from this process: a layout that kills it (as a native
    crash in a PDF library would) gives F016 on the budget, and the other files are read."""
    from dossierkit.reading import pdftables

    def crash(*_: object) -> None:
        os._exit(7)

    monkeypatch.setattr(pdftables, "read_tables", crash)
    ruled_pdf(tmp_path / "Budget prévisionnel.pdf", BUDGET_LINES, strokes=10)
    ruled_pdf(tmp_path / "RIB.pdf", ("RIB",), strokes=0)
    verification = verify(tmp_path)
    rows = flatten(verification.findings, ("code", "severity", "piece", "file"))
    assert ("F016", "error", "budget", "Budget prévisionnel.pdf") in rows
    budget = next(f for f in verification.dossier.files if f.rel == "Budget prévisionnel.pdf")
    assert budget.document is not None and "Salaire" in budget.document.text
    assert budget.document.layout_error


def test_the_layout_of_a_pdf_budget_reaches_the_parser(tmp_path: Path) -> None:
    ruled_pdf(tmp_path / "Budget prévisionnel.pdf", BUDGET_LINES, strokes=0)
    verification = verify(tmp_path)
    budget = verification.dossier.parsed.budget
    assert budget is not None
    assert {(line.year, line.amount) for line in budget.lines if line.region_aid} == {
        (2027, 30000),
        (2028, 20000),
        (2029, 10000),
    }
