"""Tesseract: read the text of one page image, with each word's box and confidence.

Driven as OCRmyPDF drives it: one process per page, so that pages run side by side, each with
``OMP_THREAD_LIMIT=1`` (Tesseract's own threads fight over the cores when several processes
run: measured on 2 cores, its default threading made a page 4× slower), the French and English
models, and a timeout. The page segmentation mode 1 runs Tesseract's orientation detection
(OSD) inside the same pass: a page scanned sideways or upside down is read in one run, its
lines marked with their ``textangle`` in the hOCR output. A separate ``--psm 0`` pass would
cost a third of a page's reading again (measured: 0.5 s against 0.15 s for the detection
inside psm 1 on a 130 dpi page).
"""

from __future__ import annotations

import sys
from pathlib import Path

from dossierkit.external import ExternalError, MissingProgram, Program, run

TESSERACT = Program(
    name="Tesseract",
    executables=("tesseract",),
    install={
        "Debian/Ubuntu": "sudo apt-get install tesseract-ocr tesseract-ocr-fra",
        "macOS": "brew install tesseract tesseract-lang",
        "Windows": "winget install UB-Mannheim.TesseractOCR (cochez la langue « French »)",
    },
)
LANGUAGES = ("fra", "eng")
# One page of a dossier takes one to three seconds; a page still running after this is a
# pathological image (a huge photo of noise) and is given up, not the whole verification.
DEFAULT_TIMEOUT = 120.0
_SINGLE_THREAD = {"OMP_THREAD_LIMIT": "1"}


def available() -> bool:
    """True when Tesseract is on PATH."""
    return TESSERACT.find() is not None


def install_command() -> str:
    """The install command for the system dossierkit runs on (all of them when unknown)."""
    system = {"linux": "Debian/Ubuntu", "darwin": "macOS", "win32": "Windows"}.get(sys.platform)
    if system is None:
        return " ; ".join(f"{name} : {command}" for name, command in TESSERACT.install.items())
    return TESSERACT.install[system]


def engine(*, timeout: float = 30.0) -> str:
    """Tesseract's version line, once it is known that it reads French and English.

    The version is part of the key of cached results, so that an upgrade reads the pages
    again. Raises MissingProgram when Tesseract, or one of its language models (or the
    orientation model), is not installed.
    """
    found = run(TESSERACT, ["--version"], timeout=timeout).stdout.decode("utf-8", "replace")
    listed = run(TESSERACT, ["--list-langs"], timeout=timeout).stdout.decode("utf-8", "replace")
    installed = {line.strip() for line in listed.splitlines()[1:]}
    missing = [lang for lang in (*LANGUAGES, "osd") if lang not in installed]
    if missing:
        raise MissingProgram(
            TESSERACT.name,
            f"Tesseract est installé sans les langues {', '.join(missing)}. "
            f"Installez-les : {install_command()}.",
        )
    # Tesseract 4 printed its version on standard error; 5 prints it on standard output.
    return (found.strip().splitlines() or ["tesseract"])[0].strip()


def hocr(image: Path, *, dpi: int, timeout: float = DEFAULT_TIMEOUT) -> str:
    """The hOCR of ``image``: lines with their angle, words with box and confidence.

    Raises MissingProgram, ProgramTimeout or ExternalError (from ``run``).
    """
    completed = run(
        TESSERACT,
        [image, "stdout", "-l", "+".join(LANGUAGES), "--psm", "1", "--dpi", str(dpi), "hocr"],
        timeout=timeout,
        env=_SINGLE_THREAD,
    )
    text = completed.stdout.decode("utf-8", "replace")
    if "ocr_page" not in text:
        raise ExternalError("Tesseract", "Tesseract n'a rien produit", text[-500:])
    return text
