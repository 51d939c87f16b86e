"""OCR: read scanned pages and photos into the same model as born-digital text.

A page needs OCR when its reader found no usable text on it (``Page.scanned``: an image and no
text layer, or a layer too thin or garbled to trust; every page of an image file). Each such
page is read the way OCRmyPDF reads one:

- its image is taken as it is stored when the page is nothing but one embedded image (a
  scanner's PDF), about ten times cheaper than rendering the page, and rendered by pypdfium2
  at 300 dpi otherwise; a photo is turned upright from its EXIF orientation;
- a skew of a few degrees is measured on the text lines and corrected: Tesseract absorbs a
  degree or two, but misreads a page skewed by 8° (measured: a fifth of its words wrong);
- the rules of tables are taken out of the image Tesseract reads and kept as ``rules``, the
  rows and columns of the page's tables (a scanned budget);
- Tesseract reads it in one pass that also finds its orientation (sideways, upside down), with
  a timeout, one process per core and pages in parallel; a page too bare for that detection
  (a letter's last page, the signature and the name) is read again turned the other way, and
  the reading with the more words read with confidence is kept;
- words keep their boxes (in PDF points, on the page read upright) and confidences, and the
  page's text is made of Tesseract's lines, so that classification, parsers and checks read
  it unchanged;
- marks of ink that no recognised word covers (a handwritten signature, a stamp) are kept as
  ``ink_boxes``, for the signature block.

A page that cannot be read (Tesseract missing, a time-out, a crash) stays ``scanned`` and says
why in ``unread``: the checks report it, the verification goes on. Results are cached by file
content, page and engine (``ocrcache``), so that an unchanged dossier is read once.
"""

from __future__ import annotations

import io
import logging
import math
import os
import threading
import time
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dossierkit.discovery import shown_name, visible_text
from dossierkit.external import ExternalError, MissingProgram, ProgramTimeout, tesseract
from dossierkit.external.scratch import scratch_dir
from dossierkit.limits import DEFAULT_LIMITS, Limits
from dossierkit.reading.model import Box, Document, Page, Word
from dossierkit.reading.ocrcache import OcrCache
from dossierkit.resources import cache_folder
from dossierkit.text import fold
from dossierkit.workers import RAISED, TIMEOUT, Done, limit_memory, supervise

if TYPE_CHECKING:
    from PIL import Image

log = logging.getLogger(__name__)

# How dossierkit prepares and reads a page, in the key of cached results: change it whenever
# a page would be read differently.
PIPELINE = "dossierkit-ocr-3"  # 2: skew measured on local contrast (photos on a table)
# 3: a page whose orientation Tesseract cannot detect is read turned as well (_turned)
RENDER_DPI = 300
# Scans finer than this are brought down to RENDER_DPI: Tesseract reads them no better, slower.
MAX_DPI = 400
# The largest image OCR reads, in pixels: an A2 page at 300 dpi (35 million); a larger page
# is read at a lower resolution, down to MIN_OCR_DPI, and refused below it. Its image and the
# copies the rule search makes stay within a few hundred MB.
MAX_OCR_PIXELS = 36_000_000
MIN_OCR_DPI = 100
# An image narrower or lower than this holds no word (a 16 × 16 icon).
MIN_SIDE_PIXELS = 32
# A worker reading a file's pages is killed this long after the file's deadline, by which its
# own clock has stopped Tesseract: it only happens when native code hangs.
_KILL_GRACE = 1.0
# A file's pages past this one are not read: a dossier's pieces run over a few pages, and a
# scanned 200-page annex would hold the verification for minutes.
MAX_PAGES = 40
# The skew is sought within ±_MAX_SKEW degrees, by steps of _SKEW_STEP then a quarter degree,
# on the page brought down to _SKEW_SIZE pixels; below _MIN_SKEW it is left to Tesseract.
_MAX_SKEW = 9.0
_SKEW_STEP = 1.5
_SKEW_SIZE = 500
_MIN_SKEW = 0.5
# The neighbourhood (pixels of the reduced page, odd) a stroke is compared with.
_SKEW_REACH = 5
# A page is "one embedded image" when that image covers this share of it.
_FULL_PAGE = 0.9
# Ink is darker than this share of the paper's grey; a rule of a table, often printed grey,
# darker than _RULE_INK. Rules are _RULE_MM long at least, _RULE_THICKNESS_MM thick at most.
_INK = 0.6
_RULE_INK = 0.85
_RULE_MM = 8.0
_RULE_THICKNESS_MM = 1.5
# Marks are found on a grid of cells of _CELL_MM millimetres and kept from _MIN_MARK_MM on.
_CELL_MM = 1.0
_MIN_MARK_MM = 3.0
# Words read with less confidence than this may be strokes taken for letters: their ink stays
# among the marks, and the signature block does not take them for a name (measured on scans
# of letters signed over the typed name: a scribble read as words came with confidences of
# 0 to 57, with a dash or two up to 73 but never a capitalised word).
STROKE_CONFIDENCE = 50.0
# A word read with this confidence at least is taken for text when the page's orientation is
# chosen (``_turned``).
_SURE_WORD = 80.0
_MM = 25.4
# Words further apart than this many times their line's height stand in two columns.
_COLUMN_GAP = 1.5
_MONTHS = frozenset(("janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout",
                     "septembre", "octobre", "novembre", "decembre"))  # fmt: skip
_LINE_CLASSES = frozenset({"ocr_line", "ocr_header", "ocr_caption", "ocr_textfloat"})
# Tesseract's text angle → the transpose that turns the page upright.
_UPRIGHT = {90: "ROTATE_270", 180: "ROTATE_180", 270: "ROTATE_90"}


@dataclass(frozen=True)
class OcrOptions:
    """How OCR runs: the cache (on by default, in ``cache_dir`` or the user's cache folder),
    the number of pages read at once (one per core by default), and the limits of reading a
    file, which OCR shares: ``limits.seconds_per_file`` bounds a file's reading and its OCR
    together, and ``limits.max_memory_bytes`` each process that reads pages."""

    cache: bool = True
    cache_dir: Path | None = None
    workers: int | None = None
    limits: Limits = DEFAULT_LIMITS


@dataclass(frozen=True)
class ScannedFile:
    """A file whose document has pages to read by OCR, with its content's SHA-256."""

    path: Path
    sha256: str
    document: Document


@dataclass(frozen=True)
class _Job:
    path: Path
    doc_type: str
    sha256: str
    page: Page


@dataclass(frozen=True)
class _Unread:
    reason: str  # missing | timeout | failed | page_limit | too_large


@dataclass(frozen=True)
class _Reading:
    """What OCR read on a page, in the page's upright frame; stored as is in the cache."""

    lines: tuple[tuple[Word, ...], ...]
    confidence: float
    ink_boxes: tuple[Box, ...]
    rules: tuple[Box, ...]
    width: float
    height: float
    angle: int

    def to_json(self) -> dict[str, Any]:
        return {
            "lines": [[[w.text, *w.box, w.confidence] for w in line] for line in self.lines],
            "confidence": self.confidence,
            "ink": [list(box) for box in self.ink_boxes],
            "rules": [list(box) for box in self.rules],
            "size": [self.width, self.height],
            "angle": self.angle,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> _Reading:
        lines = tuple(
            tuple(
                Word(str(text), (float(x0), float(y0), float(x1), float(y1)), float(c), index)
                for text, x0, y0, x1, y1, c in line
            )
            for index, line in enumerate(data["lines"])
        )
        width, height = data["size"]

        def boxes(key: str) -> tuple[Box, ...]:
            return tuple(
                (float(x0), float(y0), float(x1), float(y1)) for x0, y0, x1, y1 in data[key]
            )

        return cls(
            lines,
            float(data["confidence"]),
            boxes("ink"),
            boxes("rules"),
            float(width),
            float(height),
            int(data["angle"]),
        )


def read_scanned(
    files: Sequence[ScannedFile], options: OcrOptions, spent: Sequence[float] | None = None
) -> list[Document]:
    """The documents of ``files`` with their scanned pages read by OCR, in the same order;
    ``spent`` is the time each file's first reading took, out of its budget.

    Never raises for a page: a page that cannot be read keeps ``scanned`` and says why.
    """
    return [document for document, _ in read_scanned_timed(files, options, spent)]


def read_scanned_timed(
    files: Sequence[ScannedFile], options: OcrOptions, spent: Sequence[float] | None = None
) -> list[tuple[Document, float]]:
    """As ``read_scanned``, each document with the seconds its OCR took (0 for pages found in
    the cache): what is left of the file's time after it is the layout's."""
    outcomes: dict[tuple[str, int], _Reading | _Unread] = {}
    jobs: list[_Job] = []
    budgets: dict[str, float] = {}
    for number, f in enumerate(files):
        pages = [p for p in f.document.pages if p.scanned]
        jobs += [_Job(f.path, f.document.type, f.sha256, p) for p in pages[:MAX_PAGES]]
        outcomes.update({(f.sha256, p.number): _Unread("page_limit") for p in pages[MAX_PAGES:]})
        used = spent[number] if spent is not None else 0.0
        budgets[f.sha256] = min(
            budgets.get(f.sha256, float("inf")), options.limits.seconds_per_file - used
        )
    seconds: dict[str, float] = {}
    if jobs:
        outcomes.update(_outcomes(jobs, options, budgets, seconds))
    return [
        (
            replace(
                f.document,
                pages=tuple(
                    _apply(p, outcomes.get((f.sha256, p.number))) for p in f.document.pages
                ),
            ),
            seconds.get(f.sha256, 0.0),
        )
        for f in files
    ]


def _outcomes(
    jobs: list[_Job], options: OcrOptions, budgets: dict[str, float], seconds: dict[str, float]
) -> dict[tuple[str, int], _Reading | _Unread]:
    """Each job's reading: from the cache, else from Tesseract (the time each file's pages
    took put in ``seconds``, by SHA-256)."""
    try:
        engine = f"{tesseract.engine()} {'+'.join(tesseract.LANGUAGES)} {PIPELINE}"
    except MissingProgram:
        return {(job.sha256, job.page.number): _Unread("missing") for job in jobs}
    except ExternalError as exc:
        log.warning("Tesseract: %s %s", exc.message, visible_text(exc.detail))
        return {(job.sha256, job.page.number): _Unread("failed") for job in jobs}
    cache = OcrCache(options.cache_dir or cache_folder(), engine) if options.cache else None
    found: dict[tuple[str, int], _Reading | _Unread] = {}
    todo = []
    for job in jobs:
        cached = _cached(cache, job)
        if cached is None:
            todo.append(job)
        else:
            found[(job.sha256, job.page.number)] = cached
    found.update(_read_files(todo, options, cache, budgets, seconds))
    return found


def _cached(cache: OcrCache | None, job: _Job) -> _Reading | None:
    data = cache.get(job.sha256, job.page.number) if cache is not None else None
    if data is None:
        return None
    try:
        return _Reading.from_json(data)
    except (KeyError, TypeError, ValueError):  # a file from another version, or damaged
        return None


def _cores() -> int:
    """The cores this process may use (fewer than the machine's in a container)."""
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity is not None else os.cpu_count() or 1


def _read_files(
    jobs: list[_Job],
    options: OcrOptions,
    cache: OcrCache | None,
    budgets: dict[str, float],
    seconds: dict[str, float],
) -> dict[tuple[str, int], _Reading | _Unread]:
    """Read the pages, those of each file in one worker process (``dossierkit.workers``)
    under the reading's limits: its address space capped, and killed when the file's time
    is spent. Rendering a page and Tesseract run there, never in this process, so that a
    page that would take gigabytes or hang costs its file a finding, not the machine."""
    by_file: dict[str, list[_Job]] = {}
    for job in jobs:
        by_file.setdefault(job.sha256, []).append(job)
    found: dict[tuple[str, int], _Reading | _Unread] = {}
    groups = []
    for sha, group in by_file.items():
        if budgets.get(sha, 0.0) <= 0:  # the file's reading spent all its time
            found.update({(j.sha256, j.page.number): _Unread("timeout") for j in group})
        else:
            groups.append(group)
    if not groups:
        return found
    cores = options.workers or _cores()
    processes = max(1, min(len(groups), cores))
    threads = max(1, cores // processes)
    tasks = [(group, cache, threads, budgets[group[0].sha256]) for group in groups]
    for result in supervise(
        _read_file_pages,
        tasks,
        workers=processes,
        timeouts=[budget + _KILL_GRACE for *_, budget in tasks],
        initializer=limit_memory,
        initargs=(options.limits.max_memory_bytes,),
    ):
        group = groups[result.index]
        seconds[group[0].sha256] = result.seconds
        if isinstance(result, Done):
            found.update(zip(((j.sha256, j.page.number) for j in group), result.value, strict=True))
            continue
        reason = {TIMEOUT: "timeout", RAISED: "failed"}.get(result.why, "failed")
        if result.error == "MemoryError":
            reason = "too_large"
        log.warning(
            "OCR of %s stopped: %s %s",
            shown_name(str(group[0].path)),
            result.why,
            visible_text(result.message),
        )
        for job in group:  # pages read before the worker stopped are in the cache
            found[(job.sha256, job.page.number)] = _cached(cache, job) or _Unread(reason)
    return found


def _read_file_pages(
    jobs: list[_Job], cache: OcrCache | None, threads: int, budget: float
) -> list[_Reading | _Unread]:
    """In a worker: the pages of one file, ``threads`` at a time (each waits on a Tesseract
    process), within ``budget`` seconds for them all; each page goes into the cache as soon
    as it is read, so that a file stopped halfway keeps what was done."""
    deadline = time.monotonic() + budget
    # pdfium is not thread-safe: pages are taken out of their PDF one at a time.
    pdfium_lock = threading.Lock()

    def read(job: _Job) -> _Reading | _Unread:
        outcome = _read_safely(job, pdfium_lock, deadline)
        if cache is not None and isinstance(outcome, _Reading):
            cache.put(job.sha256, job.page.number, outcome.to_json())
        return outcome

    if threads == 1 or len(jobs) == 1:
        return [read(job) for job in jobs]
    with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="dossierkit-ocr") as pool:
        return list(pool.map(read, jobs))


def _read_safely(job: _Job, pdfium_lock: threading.Lock, deadline: float) -> _Reading | _Unread:
    """One page, whatever happens to it: a failure is this page's, never the run's."""
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        return _Unread("timeout")
    try:
        return _read_page(job, pdfium_lock, deadline)
    except ProgramTimeout:
        _warn(job, "Tesseract arrêté : le temps permis pour ce fichier est écoulé")
        return _Unread("timeout")
    except MissingProgram:
        return _Unread("missing")
    except _PageTooLarge as exc:
        _warn(job, str(exc))
        return _Unread("too_large")
    except MemoryError:
        return _Unread("too_large")
    except ExternalError as exc:
        _warn(job, f"{exc.message} {exc.detail}")
        return _Unread("failed")
    except Exception as exc:  # a stranger's image may break any library in any way
        _warn(job, f"{type(exc).__name__}: {exc}")
        return _Unread("failed")


def _warn(job: _Job, text: str) -> None:
    """Log why a page was not read, on standard error: the file's name as the report shows
    it (``shown_name``) and the message made visible (a library's message may quote the
    name, a program's output may hold anything), so that a name holding a line break or an
    escape sequence cannot forge a line of the report nor act on the terminal."""
    log.warning("%s, p. %d: %s", shown_name(str(job.path)), job.page.number, visible_text(text))


def _read_page(job: _Job, pdfium_lock: threading.Lock, deadline: float) -> _Reading:
    from PIL import Image

    image = _page_image(job, pdfium_lock)
    if min(image.size) < MIN_SIDE_PIXELS:
        # Too small to hold a word (and the rule search's blocks would not fit in it).
        return _Reading((), 0.0, (), (), job.page.width, job.page.height, 0)
    dpi = image.width * 72 / job.page.width
    if dpi > MAX_DPI or image.width * image.height > MAX_OCR_PIXELS:
        scale = min(RENDER_DPI / dpi, math.sqrt(MAX_OCR_PIXELS / (image.width * image.height)))
        size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
        image, dpi = image.resize(size, Image.Resampling.LANCZOS), dpi * scale
    skew, sideways = _level(image)
    if skew:
        image = image.rotate(skew, resample=Image.Resampling.BICUBIC, fillcolor=255)
    cleaned, rules = _unruled(image, dpi)
    with scratch_dir("ocr") as folder:
        read = _tesseract(cleaned, Path(folder), round(dpi), deadline)
        lines = _parse_hocr(read.markup)
        if not read.oriented:
            lines = _turned(cleaned, lines, sideways, Path(folder), round(dpi), deadline)
    return _reading(image, lines, rules, job.page)


def _tesseract(
    image: Image.Image, folder: Path, dpi: int, deadline: float, angle: int | None = None
) -> tesseract.Hocr:
    """Tesseract's reading of ``image``, its orientation detected; or, given the text
    ``angle`` (Tesseract's), of the image turned upright by it and read as it then lies."""
    from PIL import Image

    if angle:
        image = image.transpose(getattr(Image.Transpose, _UPRIGHT[angle]))
    path = folder / f"page-{'osd' if angle is None else angle}.png"
    image.save(path, compress_level=1)
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise ProgramTimeout("Tesseract", "le temps de lecture du fichier est écoulé")
    return tesseract.hocr(path, dpi=dpi, timeout=remaining, detect_orientation=angle is None)


def _turned(
    image: Image.Image,
    lines: list[_Line],
    sideways: bool,
    folder: Path,
    dpi: int,
    deadline: float,
) -> list[_Line]:
    """The best reading of a page whose orientation Tesseract could not detect: ``lines``,
    read as the page lies, or the page read again turned the other way up (the other two
    ways when its lines run down the page, ``sideways``), whichever holds the more letters
    read with confidence.

    Tesseract's detection wants 25 characters: a letter's last page holding only the
    signature and the name, scanned upside down, was read as it lay, and « Sylvain Robert »
    came out as « yeqoy UIBAIAS », its words at confidences of 34 to 41; turned, at 96.
    Only such pages are read again, once (twice when sideways): a page of text is oriented
    in its one reading, and a page this bare is read in a fraction of the time.
    """
    ways = (90, 270) if sideways else (0, 180)
    already = _main_angle(lines)
    # A reading of the page as it lies, sideways, may hold the right words (Tesseract reads
    # a block of vertical lines) but on a page left lying: a turned reading as good wins.
    best, score = lines, (_legible(lines), already in ways)
    for angle in ways:
        if angle == already:
            continue
        try:
            read = _parse_hocr(_tesseract(image, folder, dpi, deadline, angle).markup)
        except ExternalError as exc:  # the file's time spent, a crash: the first reading stands
            log.debug("page not read again turned by %d°: %s", angle, exc.message)
            break
        width, height = (image.height, image.width) if angle in (90, 270) else image.size
        # Back in the frame of the page as it lies, as Tesseract's own turned lines are.
        turned = [
            _Line(angle, tuple((t, _unturn(b, width, height, angle), c) for t, b, c in ln.words))
            for ln in read
        ]
        if (_legible(turned), True) > score:
            best, score = turned, (_legible(turned), True)
    return best


def _legible(lines: list[_Line]) -> int:
    """The letters and figures of the words read with confidence (``_SURE_WORD``): text
    read upside down comes out as words too, but none of them sure."""
    return sum(
        sum(c.isalnum() for c in text)
        for line in lines
        for text, _, confidence in line.words
        if confidence >= _SURE_WORD
    )


class _PageTooLarge(Exception):
    """A page whose image at the lowest resolution OCR reads would exceed MAX_OCR_PIXELS."""


def render_dpi(width: float, height: float) -> float:
    """The resolution at which a page of ``width`` × ``height`` points is rendered for OCR:
    RENDER_DPI, lowered so that the image stays within MAX_OCR_PIXELS. Told from the page
    box before anything is drawn: an 822-byte PDF whose page measures 14 400 pt (5 m) a side
    would otherwise need 3.6 billion pixels. Raises _PageTooLarge below MIN_OCR_DPI."""
    area = max(width, 1.0) * max(height, 1.0) / 72**2  # square inches
    dpi = min(float(RENDER_DPI), math.sqrt(MAX_OCR_PIXELS / area))
    if dpi < MIN_OCR_DPI:
        raise _PageTooLarge(
            f"page de {width:.0f} × {height:.0f} pt : plus de {MAX_OCR_PIXELS // 1_000_000}"
            f" millions de pixels à {MIN_OCR_DPI} ppp"
        )
    return dpi


# --------------------------------------------------------------------------------------------
# The page's image
# --------------------------------------------------------------------------------------------


def _page_image(job: _Job, pdfium_lock: threading.Lock) -> Image.Image:
    """The page's image in grey levels, upright as its reader sized the page."""
    from PIL import Image, ImageOps

    if job.doc_type == "pdf":
        return _pdf_image(job, pdfium_lock)
    if job.doc_type == "heic":
        from dossierkit.reading.heif import open_heif

        open_heif()
    with Image.open(job.path) as stored:
        stored.seek(job.page.number - 1)
        if stored.width * stored.height > MAX_OCR_PIXELS:
            # A JPEG decodes at 1/2, 1/4 or 1/8 of its size for almost nothing.
            side = math.sqrt(MAX_OCR_PIXELS / (stored.width * stored.height))
            stored.draft("L", (round(stored.width * side), round(stored.height * side)))
        image = ImageOps.exif_transpose(stored)
    if "A" in image.getbands():  # a transparent background is paper, not ink
        paper = Image.new("RGBA", image.size, "white")
        paper.alpha_composite(image.convert("RGBA"))
        image = paper
    return image.convert("L")


def _pdf_image(job: _Job, pdfium_lock: threading.Lock) -> Image.Image:
    """The scanned page's image as stored when it is the whole page, else its rendering."""
    import pypdfium2 as pdfium
    from PIL import Image

    with pdfium_lock:
        pdf = pdfium.PdfDocument(str(job.path))
        try:
            page = pdf[job.page.number - 1]
            try:
                # Text drawn over the image would be lost by taking the image alone.
                stored = None if job.page.text.strip() else _embedded(page)
                if stored is None:
                    width, height = page.get_size()
                    scale = render_dpi(width, height) / 72
                    rendered: Image.Image = page.render(scale=scale, grayscale=True).to_pil()
                    return rendered.convert("L")
            finally:
                page.close()
        finally:
            pdf.close()
    with Image.open(io.BytesIO(stored)) as image:
        return image.convert("L")


def _embedded(page: Any) -> bytes | None:
    """The page's only image as it is stored, when the page is nothing else and shows the
    image upright over all of it; None when the page must be rendered."""
    import pypdfium2.raw as pdfium_c

    try:
        if page.get_rotation() != 0:
            return None
        objects = [o for o in page.get_objects() if o.type != pdfium_c.FPDF_PAGEOBJ_FORM]
        if len(objects) != 1 or objects[0].type != pdfium_c.FPDF_PAGEOBJ_IMAGE:
            return None
        image = objects[0]
        left, bottom, right, top = image.get_bounds()
        width, height = page.get_size()
        matrix = image.get_matrix()
        if (right - left) * (top - bottom) < _FULL_PAGE * width * height:
            return None
        if matrix.b or matrix.c or matrix.a <= 0 or matrix.d <= 0:
            return None
        pixels = image.get_px_size()
        if pixels[0] * pixels[1] > MAX_OCR_PIXELS:  # decoded whole by extraction: rendered
            return None
        buffer = io.BytesIO()
        image.extract(buffer, fb_format="png")
        return buffer.getvalue()
    except Exception as exc:  # an image pdfium cannot hand out is rendered with its page
        log.debug("embedded image not extracted: %s: %s", type(exc).__name__, exc)
        return None


def _level(image: Image.Image) -> tuple[float, bool]:
    """The angle (degrees, counter-clockwise) that levels the page's lines of text, 0 when
    they are level within ``_MIN_SKEW``; and whether they run down the page (sideways).

    Text lines make the ink's profile across them peak when they lie along it: the angle
    whose profile varies most is the one that levels them, tried along the rows and along
    the columns (a page scanned sideways, which Tesseract turns itself). On a page brought
    down to 500 pixels, a first pass by 1.5° and a second by a quarter degree take about
    20 ms, a hundredth of the page's reading.
    """
    from PIL import Image, ImageChops, ImageFilter, ImageStat

    def spread(ink: Image.Image, angle: float) -> float:
        turned = ink.rotate(angle, resample=Image.Resampling.NEAREST) if angle else ink
        profile = turned.resize((1, turned.height), Image.Resampling.BOX)
        return float(ImageStat.Stat(profile).var[0])

    small = image.reduce(max(1, round(max(image.size) / _SKEW_SIZE)))
    # Ink is the strokes of the text: darker than the paper around them, and not the dark
    # table all round a sheet photographed by a phone (nor its border with the sheet). The
    # table's mass outweighed the lines of a sheet turned by 6.5° and kept it from being
    # levelled (Tesseract then read it in fragments); the sheet's edges, slanted by the
    # photo's perspective, would level the page on them rather than on its text.
    paper = _paper(small)
    around = small.filter(ImageFilter.MaxFilter(_SKEW_REACH))
    strokes = ImageChops.subtract(around, small).point(
        lambda v: 255 if v > paper * (1 - _INK) else 0
    )
    # Dark through a whole neighbourhood: the table (or a black band), widened to take in
    # its border with the paper.
    solid = around.point(lambda v: 255 if v < paper * _INK else 0)
    table = solid.filter(ImageFilter.MaxFilter(2 * _SKEW_REACH + 1))
    ink = ImageChops.subtract(strokes, table)
    steps = round(_MAX_SKEW / _SKEW_STEP)
    best = (0.0, 0.0, ink)
    for view in (ink, ink.transpose(Image.Transpose.ROTATE_90)):
        for step in range(-steps, steps + 1):
            score = spread(view, step * _SKEW_STEP)
            if score > best[0]:
                best = (score, step * _SKEW_STEP, view)
    _, coarse, view = best
    angle = max((coarse + q / 4 for q in range(-3, 4)), key=lambda a: spread(view, a))
    return (angle if abs(angle) >= _MIN_SKEW else 0.0), view is not ink


def _unruled(image: Image.Image, dpi: float) -> tuple[Image.Image, list[_PxBox]]:
    """The page without the rules of its tables, and the rules: thin straight lines,
    ``_RULE_MM`` long at least, horizontal or vertical.

    Tesseract reads a rule beside a figure as a character glued to it ("|43150€") and cuts
    a ruled table into blocks in which figures are lost: measured on a scanned budget, 8 of
    its 76 amounts misread with the rules, none without. A stretch of a row (or column)
    ``_RULE_MM`` long that is all ink is a rule; its part no thicker than
    ``_RULE_THICKNESS_MM`` is painted over with paper, so that a dark band (a RIB's header
    printed white on black) keeps its text. Text keeps its strokes: none runs that far. The
    rules are kept, for they draw the table's rows and columns.
    """
    from PIL import Image, ImageChops, ImageFilter

    run = max(8, round(dpi * _RULE_MM / _MM))
    reach = max(2, round(dpi * _RULE_THICKNESS_MM / _MM))
    threshold = _paper(image) * _RULE_INK
    ink = image.point(lambda v: 255 if v < threshold else 0)
    rules = Image.new("L", ink.size, 0)
    segments: list[_PxBox] = []
    for view in (ink, ink.transpose(Image.Transpose.TRANSPOSE)):
        found = Image.new("L", view.size, 0)
        # Runs are sought in blocks of ``run`` pixels, twice, the second time shifted by half
        # a block, so that a run straddling two blocks fills one of them.
        for shift in (0, run // 2):
            part = view.crop((shift, 0, view.width, view.height))
            full = part.reduce((run, 1)).point(lambda v: 255 if v == 255 else 0)
            stretched = full.resize((full.width * run, view.height), Image.Resampling.NEAREST)
            found.paste(ImageChops.lighter(found.crop((shift, 0, view.width, view.height)),
                                           stretched.crop((0, 0, view.width - shift, view.height))),
                        (shift, 0))  # fmt: skip
        # Thin: not in a run both ``reach`` rows above and below (the inside of a band).
        above = Image.new("L", view.size, 0)
        above.paste(found.crop((0, reach, view.width, view.height)), (0, 0))
        below = Image.new("L", view.size, 0)
        below.paste(found.crop((0, 0, view.width, view.height - reach)), (0, reach))
        thin = ImageChops.subtract(found, ImageChops.darker(above, below))
        lying = _segments(thin)
        if view is not ink:
            thin = thin.transpose(Image.Transpose.TRANSPOSE)
            lying = [(y0, x0, y1, x1) for x0, y0, x1, y1 in lying]
        segments += lying
        rules = ImageChops.lighter(rules, thin)
    if not segments:
        return image, []
    cleaned = image.copy()
    # A pixel more around the rule takes its anti-aliased edges.
    cleaned.paste(255, mask=rules.filter(ImageFilter.MaxFilter(3)))
    return cleaned, segments


def _segments(lying: Image.Image) -> list[_PxBox]:
    """The horizontal rules of a mask of rules: each band of consecutive marked rows, from
    the leftmost to the rightmost of its marks."""
    from PIL import Image

    marked = lying.resize((1, lying.height), Image.Resampling.BOX).tobytes()
    found: list[_PxBox] = []
    row = 0
    while row < lying.height:
        if not marked[row]:
            row += 1
            continue
        start = row
        while row < lying.height and marked[row]:
            row += 1
        box = lying.crop((0, start, lying.width, row)).getbbox()
        if box is not None:
            found.append((box[0], start, box[2], row))
    return found


def _paper(image: Image.Image) -> float:
    """The grey level of the paper: the median of a page that is mostly paper."""
    histogram = image.histogram()
    half, seen = sum(histogram) / 2, 0
    for level, count in enumerate(histogram):
        seen += count
        if seen >= half:
            return float(max(level, 64))
    return 255.0


# --------------------------------------------------------------------------------------------
# Tesseract's hOCR, turned into words on the upright page
# --------------------------------------------------------------------------------------------

# Left, top, right, bottom in pixels (or points), origin at the top left, y downwards.
_PxBox = tuple[float, float, float, float]


@dataclass(frozen=True)
class _Line:
    angle: int
    words: tuple[tuple[str, _PxBox, float], ...]


def _title(value: str) -> dict[str, list[str]]:
    """The properties of an hOCR ``title``: "bbox 1 2 3 4; x_wconf 96" → {"bbox": [...]…}."""
    found = {}
    for part in value.split(";"):
        fields = part.split()
        if fields:
            found[fields[0]] = fields[1:]
    return found


def _parse_hocr(markup: str) -> list[_Line]:
    """Tesseract's lines in reading order, each with its text angle and its words."""
    from defusedxml import ElementTree

    root = ElementTree.fromstring(markup.encode("utf-8"))
    lines = []
    for element in root.iter():
        if element.get("class") not in _LINE_CLASSES:
            continue
        angle = round(float(_title(element.get("title", "")).get("textangle", ["0"])[0])) % 360
        words = []
        for span in element.iter():
            if span.get("class") != "ocrx_word":
                continue
            text = "".join(span.itertext()).strip()
            title = _title(span.get("title", ""))
            if not text or len(title.get("bbox", [])) != 4:
                continue
            x0, y0, x1, y1 = (float(v) for v in title["bbox"])
            words.append((text, (x0, y0, x1, y1), float(title.get("x_wconf", ["0"])[0])))
        if words:
            lines.append(_Line(angle, tuple(words)))
    return lines


def _ordinals(words: list[tuple[str, _PxBox, float]]) -> list[tuple[str, _PxBox, float]]:
    """The line with "ler" before a month read "1er": Tesseract's French model takes the
    ordinal of "le 1er juillet 1901" for letters, and dates and laws are what is read."""
    fixed = list(words)
    for i, (text, box, confidence) in enumerate(words[:-1]):
        if text == "ler" and fold(words[i + 1][0]) in _MONTHS:
            fixed[i] = ("1er", box, confidence)
    return fixed


def _turn(box: _PxBox, width: float, height: float, angle: int) -> _PxBox:
    """``box`` of an image of ``width`` × ``height`` once the image is turned clockwise by
    ``angle`` (the text angle Tesseract found), so that its text stands upright."""
    x0, y0, x1, y1 = box
    if angle == 90:
        return (height - y1, x0, height - y0, x1)
    if angle == 180:
        return (width - x1, height - y1, width - x0, height - y0)
    if angle == 270:
        return (y0, width - x1, y1, width - x0)
    return box


def _unturn(box: _PxBox, width: float, height: float, angle: int) -> _PxBox:
    """``box`` of the upright image of ``width`` × ``height``, back on the image that
    Tesseract's text ``angle`` turns upright: ``_turn`` undone."""
    return _turn(box, width, height, (360 - angle) % 360)


def _main_angle(lines: list[_Line]) -> int:
    """The text angle of most of the page's words: the page's orientation."""
    weights: Counter[int] = Counter()
    for line in lines:
        weights[line.angle] += len(line.words)
    angle = weights.most_common(1)[0][0] if weights else 0
    return angle if angle in _UPRIGHT else 0


def _reading(image: Image.Image, lines: list[_Line], rules: list[_PxBox], page: Page) -> _Reading:
    """The words, marks and rules of the page, in points on the page turned upright."""
    from PIL import Image

    angle = _main_angle(lines)
    width, height = image.size
    if angle:
        image = image.transpose(getattr(Image.Transpose, _UPRIGHT[angle]))
    page_width, page_height = (
        (page.height, page.width) if angle in (90, 270) else (page.width, page.height)
    )
    scale_x, scale_y = page_width / image.width, page_height / image.height

    def points(box: _PxBox) -> Box:
        left, top, right, bottom = box
        return (
            left * scale_x,
            page_height - bottom * scale_y,
            right * scale_x,
            page_height - top * scale_y,
        )

    upright = [
        [
            (text, _turn(box, width, height, angle), confidence)
            for text, box, confidence in line.words
            if confidence >= STROKE_CONFIDENCE or any(c.isalnum() for c in text)
        ]
        for line in lines
    ]
    upright = [_ordinals(line) for line in upright if line]
    words = tuple(
        tuple(Word(text, points(box), confidence, index) for text, box, confidence in line)
        for index, line in enumerate(upright)
    )
    weight = sum(len(w.text) for line in words for w in line)
    confidence = (
        sum(w.confidence * len(w.text) for line in words for w in line) / weight if weight else 0.0
    )
    covered = [box for line in upright for _, box, c in line if c >= STROKE_CONFIDENCE]
    dpi = image.width * 72 / page_width
    marks = tuple(points(box) for box in _marks(image, covered, dpi))
    ruled = tuple(points(_turn(box, width, height, angle)) for box in rules)
    return _Reading(words, confidence, marks, ruled, page_width, page_height, angle)


def _marks(image: Image.Image, words: list[_PxBox], dpi: float) -> list[_PxBox]:
    """Boxes of the marks of ink that no recognised word covers, at least ``_MIN_MARK_MM``
    long or high: the page's ink, words erased, on a grid of millimetre cells whose
    neighbours join (the strokes of a signature), each group of inked cells one mark."""
    from PIL import ImageDraw, ImageFilter

    threshold = _paper(image) * _INK
    ink = image.point(lambda v: 255 if v < threshold else 0)
    draw = ImageDraw.Draw(ink)
    margin = max(1, round(dpi * 0.3 / _MM))
    for left, top, right, bottom in words:
        draw.rectangle((left - margin, top - margin, right + margin, bottom + margin), fill=0)
    cell = max(1, round(dpi * _CELL_MM / _MM))
    # A cell is inked when two of its pixels are: one is the noise of a scan.
    least = 255 * 2 / (cell * cell)
    grid = ink.reduce(cell).point(lambda v: 255 if v >= least else 0)
    grid = grid.filter(ImageFilter.MaxFilter(3))
    columns, rows = grid.size
    cells = bytearray(grid.tobytes())
    smallest = _MIN_MARK_MM / _CELL_MM
    marks: list[_PxBox] = []
    for start, value in enumerate(cells):
        if not value:
            continue
        cells[start] = 0
        stack, left, top, right, bottom = [start], columns, rows, 0, 0
        while stack:
            at = stack.pop()
            y, x = divmod(at, columns)
            left, top, right, bottom = min(left, x), min(top, y), max(right, x), max(bottom, y)
            for ny in (y - 1, y, y + 1):
                for nx in (x - 1, x, x + 1):
                    if 0 <= ny < rows and 0 <= nx < columns and cells[ny * columns + nx]:
                        cells[ny * columns + nx] = 0
                        stack.append(ny * columns + nx)
        # The dilation widened the mark by a cell on each side.
        if max(right - left - 1, bottom - top - 1) >= smallest:
            marks.append(((left + 1) * cell, (top + 1) * cell, right * cell, bottom * cell))
    return marks


def _apply(page: Page, outcome: _Reading | _Unread | None) -> Page:
    """The page with what OCR read on it, or why it could not."""
    if outcome is None:
        return page
    if isinstance(outcome, _Unread):
        return replace(page, unread=outcome.reason)
    if not any(outcome.lines):
        return replace(page, unread="no_text")
    return replace(
        page,
        text="\n".join(_line_text(line) for line in outcome.lines),
        width=outcome.width,
        height=outcome.height,
        image_boxes=_turned_boxes(page, outcome.angle),
        scanned=False,
        words=tuple(w for line in outcome.lines for w in line),
        ocr_confidence=round(outcome.confidence, 1),
        ink_boxes=outcome.ink_boxes,
        rules=outcome.rules,
        unread=None,
    )


def _line_text(words: Sequence[Word]) -> str:
    """A line's words joined by spaces, and by a tab across a gap wider than
    ``_COLUMN_GAP`` times the line's height: the words of two columns that Tesseract read as
    one line ("Titulaire du compte	Domiciliation") stay apart, as they are on the page."""
    heights = sorted(w.box[3] - w.box[1] for w in words)
    height = heights[len(heights) // 2]
    text = words[0].text
    for before, word in pairwise(words):
        gap = word.box[0] - before.box[2]
        text += ("\t" if gap > _COLUMN_GAP * height else " ") + word.text
    return text


def _turned_boxes(page: Page, angle: int) -> tuple[Box, ...]:
    """The page's image boxes once the page is turned upright by ``angle``."""
    if not angle:
        return page.image_boxes
    turned = []
    for left, bottom, right, top in page.image_boxes:
        # In the top-left frame of _turn, then back to PDF points.
        box = (left, page.height - top, right, page.height - bottom)
        x0, y0, x1, y1 = _turn(box, page.width, page.height, angle)
        height = page.width if angle in (90, 270) else page.height
        turned.append((x0, height - y1, x1, height - y0))
    return tuple(turned)
