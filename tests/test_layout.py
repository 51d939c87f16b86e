"""The layout of a budget's or a dossier technique's pages is read under the same isolation
and time limit as the rest of reading: a PDF whose tables take pdfplumber too long, or make it
crash, costs that file a finding (F015, F016), never the run, and keeps the text read before.
"""

from __future__ import annotations

import os
import random
from dataclasses import replace
from pathlib import Path

import pytest

from dossierkit.discovery import Entry
from dossierkit.limits import Limits
from dossierkit.reading.files import ReadFile, read_entries, with_layout
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


def test_a_layout_beyond_the_memory_limit_is_a_file_too_large(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page whose tables need more memory than the worker may take is the file's size
    (F007: reduce it), not a reader that stopped (F016: export it again)."""
    from dossierkit.reading import pdftables

    def exhaust(*_: object) -> None:
        raise MemoryError

    monkeypatch.setattr(pdftables, "read_tables", exhaust)
    ruled_pdf(tmp_path / "Budget prévisionnel.pdf", BUDGET_LINES, strokes=10)
    rows = _rows(tmp_path, Limits())
    assert ("F007", "error", "budget", "Budget prévisionnel.pdf") in rows
    assert not [row for row in rows if row[0] == "F016"]


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


def _budget_read(folder: Path, spent: float) -> ReadFile:
    """The budget PDF as reading leaves it, ``spent`` seconds of its time already used."""
    path = ruled_pdf(folder / "Budget prévisionnel.pdf", BUDGET_LINES, strokes=10)
    [read] = read_entries([Entry(path.name, path, "file", path.stat().st_size)], workers=0)
    return replace(read, seconds=spent)


def test_the_layout_has_only_what_reading_left_of_the_file_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One deadline per file: a layout that would hang is stopped when the file's
    ``--timeout`` is spent, reading and OCR included, not after a fresh ``--timeout``."""
    import time

    from dossierkit.reading import pdftables

    monkeypatch.setattr(pdftables, "read_tables", lambda *_: time.sleep(30))
    limits = Limits(seconds_per_file=3.0)
    started = time.monotonic()
    [laid] = with_layout([_budget_read(tmp_path, spent=2.5)], {0: (1,)}, limits, workers=1)
    assert time.monotonic() - started < 1.5
    assert laid.problem == "timeout"
    assert "3\u00a0s de lecture du fichier" in laid.detail
    assert laid.document is not None and "Salaire" in laid.document.text


def test_a_file_whose_time_is_spent_is_not_laid_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dossierkit.reading import pdftables

    def never(*_: object) -> None:
        raise AssertionError("laid out with no time left")

    monkeypatch.setattr(pdftables, "read_tables", never)
    read = _budget_read(tmp_path, spent=3.0)
    [laid] = with_layout([read], {0: (1,)}, Limits(seconds_per_file=3.0), workers=0)
    assert laid.problem == "timeout"
    assert laid.document is not None and laid.document.tables == ()


def test_ocr_time_counts_against_the_file_time(tmp_path: Path) -> None:
    """What OCR took is added to the file's spent time, so the layout after it gets the rest."""
    from conftest import scanned_pdf_bytes
    from dossierkit.reading.files import with_ocr
    from dossierkit.reading.ocr import OcrOptions

    path = tmp_path / "Budget scanné.pdf"
    path.write_bytes(scanned_pdf_bytes("Budget 2027"))
    [read] = read_entries([Entry(path.name, path, "file", path.stat().st_size)], workers=0)
    read = replace(read, seconds=0.25)
    [scanned] = with_ocr([read], OcrOptions(cache=False, workers=1))
    assert scanned.document is not None and "Budget" in scanned.document.text
    assert scanned.seconds > 0.25 + 0.05  # Tesseract takes a tenth of a second at least
