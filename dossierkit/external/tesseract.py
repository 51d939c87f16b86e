"""Tesseract: read the text of one page image, with each word's box and confidence.

Driven as OCRmyPDF drives it: one process per page, so that pages run side by side, each with
``OMP_THREAD_LIMIT=1`` (Tesseract's own threads fight over the cores when several processes
run: measured on 2 cores, its default threading made a page 4× slower), the French and English
models, and a timeout. The page segmentation mode 1 runs Tesseract's orientation detection
(OSD) inside the same pass: a page scanned sideways or upside down is read in one run, its
lines marked with their ``textangle`` in the hOCR output. A separate ``--psm 0`` pass would
cost a third of a page's reading again (measured: 0.5 s against 0.15 s for the detection
inside psm 1 on a 130 dpi page). The detection wants 25 characters it can use at least: on
a page holding fewer (a letter's last page, with only the signatory's name under the
signature) it gives up, says so on standard error, and the page is read as it lies, upside
down maybe. ``Hocr.oriented`` tells the caller, which can then read the page again turned
(``detect_orientation=False``: mode 3, no detection).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
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
    install_en={"Windows": 'winget install UB-Mannheim.TesseractOCR (tick the "French" language)'},
)
LANGUAGES = ("fra", "eng")
# One page of a dossier takes one to three seconds; a page still running after this is a
# pathological image (a huge photo of noise) and is given up, not the whole verification.
DEFAULT_TIMEOUT = 120.0
_SINGLE_THREAD = {"OMP_THREAD_LIMIT": "1"}
# What Tesseract prints (4 and 5) when its orientation detection gave up (too few letters on
# the page: the page is read as it lies) or hesitated (it kept an orientation it doubts).
_ORIENTATION_DOUBTS = ("Too few characters", "Weak margin")


@dataclass(frozen=True)
class Hocr:
    """A page read by Tesseract: its hOCR, and whether the orientation detection ran and was
    sure of itself (always False when it was not asked for)."""

    markup: str
    oriented: bool


def available() -> bool:
    """True when Tesseract is on PATH."""
    return TESSERACT.find() is not None


def install_command(lang: str = "fr") -> str:
    """The install command for the system dossierkit runs on (all of them when unknown), in
    ``lang``."""
    system = {"linux": "Debian/Ubuntu", "darwin": "macOS", "win32": "Windows"}.get(sys.platform)
    if system is None:
        return TESSERACT.commands(lang)
    return TESSERACT.install_command(system, lang)


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
            english=f"Tesseract is installed without the languages {', '.join(missing)}. "
            f"Install them: {install_command('en')}.",
        )
    # Tesseract 4 printed its version on standard error; 5 prints it on standard output.
    return (found.strip().splitlines() or ["tesseract"])[0].strip()


def hocr(
    image: Path, *, dpi: int, timeout: float = DEFAULT_TIMEOUT, detect_orientation: bool = True
) -> Hocr:
    """The hOCR of ``image``: lines with their angle, words with box and confidence; the
    page's orientation is detected when ``detect_orientation``, else the image is read as it
    lies.

    Raises MissingProgram, ProgramTimeout or ExternalError (from ``run``).
    """
    mode = "1" if detect_orientation else "3"
    completed = run(
        TESSERACT,
        [image, "stdout", "-l", "+".join(LANGUAGES), "--psm", mode, "--dpi", str(dpi), "hocr"],
        timeout=timeout,
        env=_SINGLE_THREAD,
    )
    text = completed.stdout.decode("utf-8", "replace")
    if "ocr_page" not in text:
        raise ExternalError(
            "Tesseract",
            "Tesseract n'a rien produit",
            text[-500:],
            english="Tesseract wrote nothing",
        )
    said = completed.stderr.decode("utf-8", "replace")
    doubted = any(doubt in said for doubt in _ORIENTATION_DOUBTS)
    return Hocr(text, detect_orientation and not doubted)
