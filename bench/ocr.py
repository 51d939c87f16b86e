"""Benchmark of the OCR stage: how long dossierkit takes to read a scanned dossier.

Generates a dossier of scanned pages the way applicants make them (``samples/generate.py``:
documents exported to PDF, printed and scanned in grey at 150 dpi, noisy, JPEG, a few pages
fed sideways or upside down, a skew on others), then times, in the same run:

- Tesseract alone, page by page, two processes at once each with ``OMP_THREAD_LIMIT=1`` (the
  floor: what OCR costs without anything dossierkit adds), on the pages' images as stored;
- dossierkit's OCR of the same pages with one worker, then with two (the speed-up);
- ``verify`` of the dossier with an empty cache, then again (the cache's effect).

It prints a Markdown table. Usage, from the repository's root:

    python bench/ocr.py                 # 20 pages, 2 workers
    python bench/ocr.py --pages 40 --workers 4 --keep /tmp/dossier-scanne
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "samples"))

import generate  # noqa: E402  (samples/generate.py, found through the path above)

from dossierkit.external import tesseract  # noqa: E402
from dossierkit.reading import read_document  # noqa: E402
from dossierkit.reading.ocr import OcrOptions, ScannedFile, read_scanned  # noqa: E402
from dossierkit.verify import verify  # noqa: E402

SCAN_DPI = 150


def make_dossier(folder: Path, pages: int) -> list[Path]:
    """A dossier of ``pages`` scanned pages: the letter, the statuts, the budget, the RIB,
    the attestation and the dossier technique, printed and scanned, cut to ``pages``."""
    a = generate.applicant_ternois()
    with tempfile.TemporaryDirectory(prefix="bench-ocr-") as tmp:
        work = Path(tmp)
        sources = {
            "Courrier.pdf": generate.make_courrier_docx(work / "c.docx", a),
            "Statuts.pdf": generate.make_statuts_docx(work / "s.docx", a),
            "Budget.pdf": generate.make_budget_docx(work / "b.docx", a),
            "Dossier technique.pdf": generate.make_dossier_technique_docx(work / "t.docx", a),
        }
        born = {
            name: generate.office_to_pdf(docx, work, use_libreoffice=False, name=name)
            for name, docx in sources.items()
        }
        born["RIB.pdf"] = generate.make_rib_pdf(
            work / "RIB.pdf", a.bank.holder, a.bank.iban, a.bank.bic, a.bank.bank, account=a.bank
        )
        born["Attestation TVA.pdf"] = generate.make_attestation_tva_pdf(
            work / "Attestation TVA.pdf", a
        )
        scanned: list[Path] = []
        done, copy = 0, 0
        while done < pages:  # the pieces again, as annexes, until there are enough pages
            for seed, (name, pdf) in enumerate(sorted(born.items()), start=copy * len(born)):
                count = min(_page_count(pdf), pages - done)
                if count <= 0:
                    break
                if count < _page_count(pdf):
                    pdf = _first_pages(pdf, count, work / f"cut-{name}")
                # Every third page fed sideways, every fifth upside down, all a little skewed.
                turns = {n: 90 for n in range(1, count + 1) if (done + n) % 3 == 0}
                turns |= {n: 180 for n in range(1, count + 1) if (done + n) % 5 == 0}
                target = folder / (name if not copy else f"Annexe {copy} - {name}")
                scanned.append(
                    generate.scan_pdf(pdf, target, seed=seed, dpi=SCAN_DPI, turns=turns or None)
                )
                done += count
            copy += 1
    return scanned


def _page_count(pdf: Path) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        return len(document)
    finally:
        document.close()


def _first_pages(pdf: Path, count: int, target: Path) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(str(pdf)).pages[:count]:
        writer.add_page(page)
    with target.open("wb") as fh:
        writer.write(fh)
    return target


def page_images(files: list[Path], folder: Path) -> list[Path]:
    """The scanned pages' images as stored in their PDFs (what Tesseract alone is given)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    images = []
    for f in files:
        document = pdfium.PdfDocument(str(f))
        try:
            for index in range(len(document)):
                page = document[index]
                image = next(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]))
                target = folder / f"{f.stem}-{index + 1}"
                image.extract(target)
                images.append(next(folder.glob(f"{target.name}.*")))
                page.close()
        finally:
            document.close()
    return images


def measured(run: Callable[[], object]) -> tuple[float, float]:
    """(wall-clock seconds, CPU seconds of this process and its children) of ``run()``.

    The CPU time does not depend on what else the machine runs; the wall-clock time does (the
    speed-up of two workers needs two idle cores): the table gives both, and the load.
    """
    before, start = os.times(), time.perf_counter()
    run()
    wall, after = time.perf_counter() - start, os.times()
    cpu = sum(after[i] - before[i] for i in range(4))  # user, system, children's user, system
    return wall, cpu


def tesseract_alone(images: list[Path], workers: int) -> None:
    """Tesseract on each image, ``workers`` processes at once, as dossierkit calls it."""
    executable = shutil.which("tesseract")
    assert executable is not None
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    languages = "+".join(tesseract.LANGUAGES)

    def one(image: Path) -> None:
        subprocess.run(
            [executable, str(image), "stdout", "-l", languages, "--psm", "1",
             "--dpi", str(SCAN_DPI), "hocr"],
            env=env, capture_output=True, check=True, timeout=tesseract.DEFAULT_TIMEOUT,
        )  # fmt: skip

    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(one, images))


def dossierkit_ocr(files: list[Path], workers: int) -> None:
    """dossierkit's OCR of every scanned page, without the cache."""
    scanned = [
        ScannedFile(f, hashlib.sha256(f.read_bytes()).hexdigest(), read_document(f, "pdf"))
        for f in files
    ]
    documents = read_scanned(scanned, OcrOptions(cache=False, workers=workers))
    unread = sum(len(d.scanned_pages) for d in documents)
    if unread:
        print(f"attention : {unread} page(s) non lue(s)", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Mesure la lecture OCR d'un dossier numérisé.")
    parser.add_argument("--pages", type=int, default=20, help="pages numérisées (défaut : 20)")
    parser.add_argument("--workers", type=int, default=2, help="processus à la fois (défaut : 2)")
    parser.add_argument("--keep", type=Path, help="garder le dossier généré dans ce dossier")
    args = parser.parse_args(argv)
    if not tesseract.available():
        print(f"Tesseract est absent : {tesseract.install_command()}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="bench-ocr-") as tmp:
        work = Path(tmp)
        folder = args.keep or work / "dossier"
        folder.mkdir(parents=True, exist_ok=True)
        files = make_dossier(folder, args.pages)
        pages = sum(_page_count(f) for f in files)
        images_folder = work / "images"
        images_folder.mkdir()
        images = page_images(files, images_folder)
        load = os.getloadavg()[0]
        w = args.workers
        alone = measured(lambda: tesseract_alone(images, w))
        one = measured(lambda: dossierkit_ocr(files, 1))
        many = measured(lambda: dossierkit_ocr(files, w))
        cache = work / "cache"
        first = measured(lambda: verify(folder, ocr=OcrOptions(cache_dir=cache)))
        second = measured(lambda: verify(folder, ocr=OcrOptions(cache_dir=cache)))
    rows = [
        (f"Tesseract seul, {w} processus (OMP_THREAD_LIMIT=1)", alone, ""),
        ("OCR dossierkit, 1 processus", one, ""),
        (f"OCR dossierkit, {w} processus", many, f"accélération ×{one[0] / many[0]:.2f}"),
        ("`verify`, cache vide", first, ""),
        ("`verify` de nouveau (cache)", second, f"{second[0] / first[0]:.3f} × la première"),
    ]
    print(
        f"Dossier numérisé de {pages} pages ({SCAN_DPI} ppp) ; {os.cpu_count()} cœurs, "
        f"charge moyenne {load:.1f} au départ.\n"
    )
    print("| Mesure | Durée (s) | s/page | CPU (s) | |")
    print("|---|---:|---:|---:|---|")
    for label, (wall, cpu), note in rows:
        print(f"| {label} | {wall:.2f} | {wall / pages:.2f} | {cpu:.1f} | {note} |")
    print(
        f"\nVisées : accélération de 1 à {w} processus ≥ 1,7 ; seconde vérification ≤ 0,1 × la "
        f"première. OCR dossierkit / Tesseract seul ({w} processus) : "
        f"×{many[0] / alone[0]:.2f} en durée, ×{many[1] / alone[1]:.2f} en CPU."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
