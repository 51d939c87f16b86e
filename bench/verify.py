"""Benchmark: `dossierkit verify` of a ~500-page born-digital dossier against poppler's
`pdftotext` over the same PDFs, and the start-up of `dossierkit --version` / `--help` against
`python -c pass`. Prints a Markdown table.

Usage: python bench/verify.py [--pages 500] [--keep DIR]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import Measure, measure, measure_each, table

LOREM = (
    "Le tiers-lieu accueillera les habitants, les associations et les entrepreneurs du "
    "territoire pour des ateliers de médiation numérique, du coworking et du prototypage. "
)


def make_pdf(path: Path, title: str, pages: int) -> None:
    """A text-dense report of ``pages`` pages, as a word processor exports it."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for number in range(1, pages + 1):
        text = pdf.beginText(50, 800)
        text.setFont("Helvetica", 9)
        text.textLine(f"{title} — page {number}")
        for line in range(70):
            text.textLine((LOREM * 2)[line % 40 : line % 40 + 105])
        pdf.drawText(text)
        pdf.showPage()
    pdf.save()


def make_dossier(folder: Path, pages: int) -> list[Path]:
    """A dossier whose PDFs add up to ``pages`` pages: the pieces and long annexes."""
    folder.mkdir(parents=True, exist_ok=True)
    parts = {
        "01 - Courrier de demande.pdf": 1,
        "03 - Dossier technique.pdf": max(pages // 5, 1),
        "04 - Attestation TVA.pdf": 1,
        "RIB.pdf": 1,
        "Statuts.pdf": 6,
    }
    rest = pages - sum(parts.values())
    for i in range(4):
        parts[f"Annexes/Rapport d'étude {i + 1}.pdf"] = rest // 4 + (1 if i < rest % 4 else 0)
    files = []
    for name, count in parts.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        make_pdf(path, name, count)
        files.append(path)
    return files


def main() -> None:
    """Generate, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--keep", type=Path, help="keep the generated dossier in this folder")
    args = parser.parse_args()
    if shutil.which("pdftotext") is None:
        sys.exit("pdftotext (poppler-utils) est nécessaire pour la référence.")
    work = Path(args.keep or tempfile.mkdtemp(prefix="dossierkit-bench-"))
    files = make_dossier(work / "dossier", args.pages)
    python = sys.executable
    verify = measure([python, "-m", "dossierkit", "verify", work / "dossier", "--format", "json"])
    pdftotext = measure_each([["pdftotext", f, "-"] for f in files])
    version = measure([python, "-m", "dossierkit", "--version"], repeat=5)
    helptext = measure([python, "-m", "dossierkit", "--help"], repeat=5)
    bare = measure([python, "-c", "pass"], repeat=5)
    rows: list[tuple[str, str, Measure, Measure | None, str]] = [
        (
            f"`verify`, dossier né numérique de {args.pages} pages",
            "pdftotext",
            verify,
            pdftotext,
            "≤ 3×",
        ),
        ("`dossierkit --version`", "python -c pass", version, bare, "≤ 0,15 s"),
        ("`dossierkit --help`", "python -c pass", helptext, bare, "≤ 0,15 s"),
    ]
    print(table(rows))
    if not args.keep:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
