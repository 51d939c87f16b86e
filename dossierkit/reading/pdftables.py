"""Tables of a PDF page, rebuilt from pdfplumber's ruled tables and word positions.

The ordinary PDF reader (``pdf.py``) gives text by page, which loses the columns a budget
depends on: "40 200 € 41 000 €" is one line of text, and only positions say which amount is
2027's. pdfplumber knows where each word stands and finds ruled tables, but it is about 70
times slower than pypdfium2, so it is used only here, for the pages a piece asks for: a
budget's, and those of a dossier technique that hold the Région's figures or draw a table.

Each page becomes one grid (a ``Table`` whose ``page`` is set) holding every line of the page
in reading order, so that a title above the table ("montants TTC") and section rows that a
spreadsheet prints without borders ("RECETTES") stay in the grid beside the ruled rows.
Columns come from the ruled cells' edges when the page has ruled tables; otherwise from the
right edges of the amounts, which spreadsheets and word processors align on the right. A
ruled cell that wraps over several lines stays one cell; without rules, a line that only
continues the label above (it starts in lower case or sits closer than a row) joins it.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise
from pathlib import Path
from statistics import median
from typing import Any

from dossierkit.amounts import parse_amount
from dossierkit.reading.model import CellValue, Page, ReadError, Table

# Edges of ruled cells closer than this (points) are one column edge.
_EDGE_TOLERANCE = 3.0
# Two horizontal rules closer than this (points) are one line drawn twice, not a row.
_MIN_ROW = 4.0
# Right edges of amounts closer than this (points) are one column.
_ALIGN_TOLERANCE = 8.0
# Rows of two pages printed side by side stand at the same height, within this (points).
_LINE_TOLERANCE = 2.0
# Words closer than this fraction of their height belong to one cell ("40 200 €").
_WORD_GAP = 0.6
# Letters of a word stand edge to edge (kerning moves them a few hundredths of an em); a gap
# wider than this fraction of the font size inside what pdfplumber takes for one word is
# where one text run ends and another begins: two cells printed close ("6 000 €70 - Vente").
_CHAR_GAP = 0.1
# Header words that stand over an amount column and are placed like amounts.
_HEADER_WORD = re.compile(
    r"^(?:(?:année|annee|exercice|an|budget|bp|montant|montants|total|totaux|cumul)\s*)?"
    r"(?:20\d\d|n(?:\s*\+\s*\d)?|\d)?\s*(?:\(?(?:€|euros?|ht|ttc)\)?\s*)*$",
    re.IGNORECASE,
)
_DASH = re.compile(r"^[-–—]\s*(?:€)?$")
_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b")
_YEAR = re.compile(r"^20\d\d$")
# What a table's rule looks like to OCR when a word touches it.
_RULE_GLYPHS = "|[]_“"
# An amount followed by its basis ("6 000 € HT", "6 000 € H.T.", OCR's "6 000 € TIC"): placed
# as the amount is, on the right.
_BASIS_AFTER = re.compile(
    r"\s*(?:H\s?\.?\s?T\.?|T\s?\.?\s?[TIl1|!]\s?\.?\s?[CG]\.?)$", re.IGNORECASE
)


def _words(page: Any) -> list[dict[str, Any]]:
    """The words of a page, each cut where its letters stand apart.

    pdfplumber joins letters closer than 3 points into a word. A spreadsheet fitted to its
    paper prints a right-aligned amount a point or so from the next column's label, so
    "6 000 €" and "70 - Vente de produits finis" come out as "€70". The letters say
    otherwise: inside a run of text they touch, between two cells they do not. Where the
    producer writes its spaces as characters (LibreOffice, Word, reportlab all do), a gap
    without a space is the edge of a cell: the piece after it is marked ``cut`` and never
    joined back to the text before it; where spaces are only gaps, it is a space."""
    if isinstance(page, _OcrPage):
        return page.extract_words()
    from pdfplumber.utils.text import LIGATURES

    page, over = _unclipped(page)
    spaced = any(c.get("text") == " " for c in page.chars)
    words: list[dict[str, Any]] = []
    for word in page.extract_words(keep_blank_chars=False, use_text_flow=False, return_chars=True):
        chars = word.pop("chars")
        pieces: list[list[dict[str, Any]]] = [[]]
        for char in chars:
            last = pieces[-1][-1] if pieces[-1] else None
            apart = last is not None and char["x0"] - last["x1"] > _CHAR_GAP * char["size"]
            if apart or (last is not None and _key(char) in over):
                pieces.append([])
            pieces[-1].append(char)
        if len(pieces) == 1:
            word["cut"] = _key(chars[0]) in over  # drawn over the text before it
            words.append(word)
            continue
        for n, piece in enumerate(pieces):
            words.append(
                {
                    "text": "".join(LIGATURES.get(c["text"], c["text"]) for c in piece),
                    "x0": piece[0]["x0"],
                    "x1": piece[-1]["x1"],
                    "top": word["top"],
                    "bottom": word["bottom"],
                    "cut": spaced and n > 0,
                }
            )
    return words


def _key(char: dict[str, Any]) -> tuple[float, float, str]:
    return (char["x0"], char["top"], char["text"])


def _unclipped(page: Any) -> tuple[Any, set[tuple[float, float, str]]]:
    """``page`` without the letters a cell's edge hid, and the first letters of the runs
    drawn over them (by ``_key``): a cell begins there, however close the letters before.

    A spreadsheet prints a label too long for its column cut at the edge of the next cell
    when that cell holds something (« 6226 - Rémunérations d'intermédiaires et honoraires
    (animation externa » then « 16 000 € »), but its PDF holds the whole label under a clip:
    read without the clip, the label's hidden letters fall among the amount's and glue them
    into « externali1sé6e 0)00 € ». The page's text runs, in the order they are drawn, tell
    them apart: a run that goes on over a later run on its line was clipped there, and its
    letters from there on are dropped."""
    runs: list[list[dict[str, Any]]] = []
    for char in page.chars:
        if not char.get("upright", True):
            continue
        last = runs[-1][-1] if runs else None
        same_run = (
            last is not None
            and abs(char["top"] - last["top"]) <= last["size"] / 2
            and last["x0"] <= char["x0"] <= last["x1"] + last["size"]
        )
        if same_run:
            runs[-1].append(char)  # its spaces too: hidden with its letters
        elif not char["text"].isspace():
            runs.append([char])
    hidden: set[tuple[float, float, str]] = set()
    over: set[tuple[float, float, str]] = set()
    for n, run in enumerate(runs):
        for later in runs[n + 1 :]:
            if abs(later[0]["top"] - run[0]["top"]) > run[0]["size"] / 2:
                continue
            start = later[0]["x0"]
            if run[0]["x0"] < start < run[-1]["x1"] - run[-1]["size"] * 0.3:
                hidden.update(_key(c) for c in run if c["x1"] > start - 0.5)
                over.add(_key(later[0]))
    if not hidden:
        return page, over
    kept = page.filter(lambda obj: obj.get("object_type") != "char" or _key(obj) not in hidden)
    return kept, over


def _amount(text: str) -> Decimal | None:
    """The amount ``text`` states, its basis after it or not ("6 000 € HT")."""
    based = text[:1].isdigit() or text[:1] in "(-−"
    return parse_amount(_BASIS_AFTER.sub("", text) if based else text)


@dataclass
class _Segment:
    """Words of one line that stand together: one cell's text on that line."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def numeric(self) -> bool:
        """An amount, a dash for zero, or a header word placed over an amount column."""
        text = self.text.strip()
        return bool(_amount(text) is not None or _DASH.match(text) or _HEADER_WORD.match(text))


@dataclass
class _Unit:
    """One row of the page grid: a ruled row, or a line of text outside ruled tables."""

    top: float
    bottom: float
    cells: dict[int, list[_Segment]] = field(default_factory=dict)
    ruled: bool = False

    def add(self, column: int, segment: _Segment) -> None:
        self.cells.setdefault(column, []).append(segment)

    def text(self, column: int) -> str:
        """The cell's text, line by line. Text on one line need not share a baseline: a
        form's field burned into the page centres its text in its own box, a point above or
        below the label printed beside it (« - » then « Hauts-de-France »)."""
        lines: list[list[_Segment]] = []
        for segment in sorted(self.cells.get(column, []), key=lambda s: s.top):
            half = (segment.bottom - segment.top) / 2
            if lines and segment.top - lines[-1][0].top <= half:
                lines[-1].append(segment)
            else:
                lines.append([segment])
        return " ".join(
            " ".join(s.text for s in sorted(line, key=lambda s: s.x0)) for line in lines
        ).strip()

    @property
    def has_amount(self) -> bool:
        return any(_amount(s.text) is not None for group in self.cells.values() for s in group)


def read_tables(
    path: Path, pages: Collection[int], ocr: Mapping[int, Page] | None = None
) -> tuple[Table, ...]:
    """One grid per page of the PDF at ``path`` among the page numbers in ``pages`` (text
    pages only; scans give nothing): layout analysis is ~70× slower than text extraction, so
    the pieces name the pages where their tables can be (``reading.layout``). Pages
    read by OCR are given in ``ocr`` by number: their words stand for the text layer they
    lack.

    A sheet too wide for its paper is printed columns first: page 3 then carries the
    amounts of 2028 and 2029 beside nothing but numbers, on the very heights of page 1's
    rows. Such a page is put back beside the page whose rows it continues, and the grid is
    named after both ("p. 1 et 3"). Raises ReadError only, as every reader does.
    """
    import pdfplumber

    try:
        with pdfplumber.open(str(path)) as pdf:
            count = len(pdf.pages)
            units = [
                (number, _page_units(_OcrPage.of(pdf.pages[number - 1], ocr)))
                for number in sorted(pages)
                if 0 < number <= count
            ]
    except ReadError:
        raise
    except Exception as exc:  # pdfminer fails in many ways on a stranger's PDF
        raise ReadError("corrupt", f"{type(exc).__name__}: {exc}") from exc
    return _tables(units)


def ocr_tables(pages: Sequence[Page]) -> tuple[Table, ...]:
    """One grid per page read by OCR of an image file (a photographed budget), as
    ``read_tables`` makes them from a PDF."""
    return _tables([(p.number, _page_units(_OcrPage(p))) for p in pages if p.words])


def _tables(pages: list[tuple[int, list[_Row]]]) -> tuple[Table, ...]:
    """The grids of the pages, a page printed beside another put back beside it."""
    grids: list[tuple[list[int], list[_Row]]] = []
    for number, rows in pages:
        if not rows:
            continue
        if all(r.numeric for r in rows):
            home = _continued(rows, grids)
        else:
            home = grids[-1] if grids and _beside(rows, grids[-1], number) else None
        if home is None:
            grids.append(([number], rows))
        else:
            home[0].append(number)
            _append_columns(home[1], rows)
    tables = []
    for numbers, rows in grids:
        width = max(len(r.cells) for r in rows)
        name = "p. " + " et ".join(str(n) for n in numbers)
        padded = [tuple(r.cells) + (None,) * (width - len(r.cells)) for r in rows]
        # A column no row fills: between two rules drawn close, or left of a scanner's dark
        # edge taken for a rule.
        used = [c for c in range(width) if any(row[c] is not None for row in padded)]
        cells = tuple(tuple(row[c] for c in used) for row in padded)
        tables.append(Table(name=name, rows=cells, page=numbers[0]))
    return tuple(tables)


class _OcrPage:
    """A page read by OCR, as the little of a pdfplumber page that ``_page_units`` uses: its
    words, top-down as pdfplumber places them, and no ruled tables (rules are not read from
    an image: columns come from the amounts' right edges, as on an unruled page)."""

    def __init__(self, page: Page) -> None:
        self.page = page

    @classmethod
    def of(cls, page: Any, ocr: Mapping[int, Page] | None) -> Any:
        """``ocr``'s reading of the pdfplumber ``page`` if it has one, else ``page``."""
        read = (ocr or {}).get(page.page_number)
        return cls(read) if read is not None and read.words else page

    def extract_words(self, **_: Any) -> list[dict[str, Any]]:
        # A word's box in pdfplumber is as high as the font's size, not as its glyphs: "41"
        # and "500 €" stand a space apart, which only the size measures. Each word is given
        # its line's height, at least the page's usual one (a line of figures has no
        # ascender nor descender). A word with a rule's stroke in it (« [Total ») is left
        # out when its line has others: the stroke would make the row two rows high.
        lines: dict[int, tuple[float, float]] = {}
        for w in sorted(self.page.words, key=lambda w: any(c in _RULE_GLYPHS for c in w.text)):
            if w.line in lines and any(c in _RULE_GLYPHS for c in w.text):
                continue
            low, high = lines.get(w.line, (w.box[1], w.box[3]))
            lines[w.line] = (min(low, w.box[1]), max(high, w.box[3]))
        usual = median(high - low for low, high in lines.values()) if lines else 0.0
        height = self.page.height
        words = []
        for w in self.page.words:
            low, high = lines[w.line]
            middle, half = (low + high) / 2, max(high - low, usual) / 2
            text, x0, x1 = _without_rules(w.text, w.box[0], w.box[2])
            if text:
                words.append(
                    {"text": text, "x0": x0, "x1": x1, "top": height - middle - half,
                     "bottom": height - middle + half}
                )  # fmt: skip
        return words

    def find_tables(self) -> list[_RuledTable]:
        """The tables drawn by the rules OCR found: a row between two horizontal rules that
        vertical rules cross, a cell between two of those; rows that touch make a table."""
        height = self.page.height
        # Top-down, as pdfplumber's: (x0, top, x1, bottom).
        boxes = [(x0, height - y1, x1, height - y0) for x0, y0, x1, y1 in self.page.rules]
        across = sorted((b for b in boxes if b[2] - b[0] > b[3] - b[1]), key=lambda b: b[1])
        down = [b for b in boxes if b[2] - b[0] <= b[3] - b[1]]
        tables: list[_RuledTable] = []
        for upper, lower in pairwise(across):
            top, bottom = (upper[1] + upper[3]) / 2, (lower[1] + lower[3]) / 2
            if bottom - top < _MIN_ROW:
                continue
            edges = _cluster(
                [
                    (b[0] + b[2]) / 2
                    for b in down
                    if b[1] <= top + _EDGE_TOLERANCE and b[3] >= bottom - _EDGE_TOLERANCE
                ],
                _EDGE_TOLERANCE,
            )
            if len(edges) < 2:
                continue
            row = _RuledRow(
                (edges[0], top, edges[-1], bottom),
                [(left, top, right, bottom) for left, right in pairwise(edges)],
            )
            if tables and abs(tables[-1].rows[-1].bbox[3] - top) <= _EDGE_TOLERANCE:
                tables[-1].rows.append(row)
            else:
                tables.append(_RuledTable([row]))
        return tables


def _without_rules(text: str, x0: float, x1: float) -> tuple[str, float, float]:
    """An OCR word without the strokes of the table's rules that Tesseract read as letters
    at its edges (« |. Charges », « _6061 », « 35 800€| »), its box shrunk by as many
    letters' widths."""
    stripped = text.lstrip(_RULE_GLYPHS)
    width = (x1 - x0) / max(len(text), 1)
    x0 += width * (len(text) - len(stripped))
    text = stripped.rstrip(_RULE_GLYPHS)
    x1 -= width * (len(stripped) - len(text))
    return text, x0, x1


@dataclass
class _RuledRow:
    """A row of a table drawn by rules, as pdfplumber gives one: its box and its cells."""

    bbox: tuple[float, float, float, float]
    cells: list[tuple[float, float, float, float] | None]


@dataclass
class _RuledTable:
    """A table drawn by rules, as pdfplumber gives one: rows, cells and its box."""

    rows: list[_RuledRow]

    @property
    def cells(self) -> list[tuple[float, float, float, float]]:
        return [cell for row in self.rows for cell in row.cells if cell is not None]

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        boxes = [row.bbox for row in self.rows]
        return (
            min(b[0] for b in boxes),
            boxes[0][1],
            max(b[2] for b in boxes),
            boxes[-1][3],
        )


@dataclass
class _Row:
    """A row of a page grid and the height it stands at, to line up a page printed beside."""

    top: float
    cells: list[CellValue]
    numeric: bool  # only amounts and header words: columns printed away from their labels


def _continued(
    rows: list[_Row], grids: list[tuple[list[int], list[_Row]]]
) -> tuple[list[int], list[_Row]] | None:
    """The earlier grid whose rows stand at the heights of ``rows``, if any."""
    for grid in reversed(grids):
        tops = [r.top for r in grid[1]]
        matched = sum(1 for r in rows if any(abs(r.top - t) <= _LINE_TOLERANCE for t in tops))
        if matched >= 0.8 * len(rows) and not all(r.numeric for r in grid[1]):
            return grid
    return None


def _beside(rows: list[_Row], grid: tuple[list[int], list[_Row]], number: int) -> bool:
    """Whether the page ``number`` of ``rows`` holds the right-hand columns of the page just
    before it (``grid``): a sheet too wide for its paper, printed without « ajuster à la
    page », puts the form's produits on the page after its charges, on the same rows. Its
    lines stand at the heights of that page's lines but say other things; the next year's
    form, on the same template, stands at the same heights and says the same labels, and a
    form continued down the next page under its repeated header repeats a row."""
    numbers, previous = grid
    if numbers != [number - 1]:
        return False
    at = {round(r.top): r for r in previous}
    matched = [
        (row, next((p for t, p in at.items() if abs(row.top - t) <= _LINE_TOLERANCE), None))
        for row in rows
    ]
    pairs = [(row, p) for row, p in matched if p is not None]
    if len(pairs) < max(3, 0.9 * len(rows)):
        return False
    # A page that repeats a row of the page before (« lignes à répéter ») continues it down.
    if any(
        row.cells == p.cells and abs(row.top - p.top) > _LINE_TOLERANCE
        for row in rows[:3]
        for p in previous
    ):
        return False
    same = sum(1 for row, p in pairs if _first_text(row) and _first_text(row) == _first_text(p))
    return same <= 0.2 * len(pairs)


def _first_text(row: _Row) -> str | None:
    return next((c for c in row.cells if isinstance(c, str) and c), None)


def _append_columns(rows: list[_Row], right: list[_Row]) -> None:
    """Put the cells of ``right`` after those of the rows at the same height."""
    width = max(len(r.cells) for r in rows)
    extra = max(len(r.cells) for r in right)
    for row in rows:
        row.cells += [None] * (width - len(row.cells))
        match = next((r for r in right if abs(r.top - row.top) <= _LINE_TOLERANCE), None)
        row.cells += match.cells + [None] * (extra - len(match.cells)) if match else [None] * extra


def _lines(words: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Words grouped into lines: a word whose top is within half a word's height of the
    line's first word is on that line."""
    lines: list[list[dict[str, Any]]] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        height = word["bottom"] - word["top"]
        if lines and abs(word["top"] - lines[-1][0]["top"]) <= height / 2:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w["x0"]) for line in lines]


def _segments(line: list[dict[str, Any]], edges: list[float]) -> list[_Segment]:
    """The cells of a line: words join while the gap between them is a space, no ruled
    edge runs between them and the word was not cut from its neighbour (``_words``)."""
    segments: list[_Segment] = []
    for word in line:
        height = word["bottom"] - word["top"]
        if segments:
            last = segments[-1]
            crosses = any(last.x1 - 1 <= edge <= word["x0"] + 1 for edge in edges)
            close = word["x0"] - last.x1 <= height * _WORD_GAP and not word.get("cut")
            if close and not crosses:
                last.text += " " + word["text"]
                last.x1 = word["x1"]
                last.bottom = max(last.bottom, word["bottom"])
                continue
        segments.append(_Segment(word["text"], word["x0"], word["x1"], word["top"], word["bottom"]))
    return segments


def _cluster(values: list[float], tolerance: float) -> list[float]:
    """Representative values of groups of close values, in order."""
    groups: list[list[float]] = []
    for value in sorted(values):
        if groups and value - groups[-1][-1] <= tolerance:
            groups[-1].append(value)
        else:
            groups.append([value])
    return [median(group) for group in groups]


def _row_height(table: Any) -> float:
    heights: list[float] = [row.bbox[3] - row.bbox[1] for row in table.rows]
    return median(heights)


def _ruled_edges(tables: list[Any]) -> list[float]:
    xs = [x for table in tables for cell in table.cells for x in (cell[0], cell[2])]
    return _cluster(xs, _EDGE_TOLERANCE)


def _index(x: float, starts: list[float]) -> int:
    """Index of the last column starting at or before ``x``."""
    index = 0
    for i, start in enumerate(starts):
        if x >= start:
            index = i
    return index


def _column_of(segment: _Segment, starts: list[float]) -> int:
    """The column a segment falls in: text by where it starts, numbers (right aligned) by
    where they end."""
    return _index(segment.x1 - 1 if segment.numeric else segment.x0 + 1, starts)


def _aligned_starts(segments: list[_Segment]) -> list[float]:
    """Column starts of a page without rules: the label column at the left margin, then one
    column per right edge shared by amounts, and a text column between two amount columns
    when several lines start there (charges and produits side by side)."""
    amounts = [s for s in segments if _amount(s.text) is not None]
    columns: list[tuple[float, float]] = []  # (left of the widest amount, shared right edge)
    rights = _cluster([s.x1 for s in amounts], _ALIGN_TOLERANCE)
    for right in rights:
        members = [s for s in amounts if abs(s.x1 - right) <= _ALIGN_TOLERANCE]
        if len(members) >= 2 or len(rights) == 1:
            columns.append((min(s.x0 for s in members), max(s.x1 for s in members)))
    starts = [0.0]
    previous_end: float | None = None
    for left, right in columns:
        if previous_end is None:
            starts.append(left - 1)
        else:
            labels = [
                s.x0 for s in segments if not s.numeric and previous_end < s.x0 and s.x1 <= left
            ]
            if len(labels) >= 2:
                starts += [min(labels) - 1, left - 1]
            else:
                starts.append(previous_end + 1)
        previous_end = right
    return starts


def _page_units(page: Any) -> list[_Row]:
    """The grid of one page, every line of it, in reading order."""
    words = _words(page)
    if not words:
        return []
    ruled = [t for t in page.find_tables() if len(t.rows) >= 2]
    edges = _ruled_edges(ruled)
    units: list[_Unit] = []
    ruled_rows = [(row.bbox, row.cells) for table in ruled for row in table.rows]
    row_units = [_Unit(top=bbox[1], bottom=bbox[3], ruled=True) for bbox, _ in ruled_rows]
    free: list[_Segment] = []
    # On a scan, a line of amounts just under a ruled table (or just over it) is a row whose
    # rule OCR missed. A PDF draws its rules exactly.
    margin = 0.9 if isinstance(page, _OcrPage) else 0.0
    spans = [
        (t.bbox[1] - _row_height(t) * margin, t.bbox[3] + _row_height(t) * margin) for t in ruled
    ]
    for line in _lines(words):
        middle = (line[0]["top"] + line[0]["bottom"]) / 2
        # A note under the table runs across its columns: only ruled rows are cut at edges,
        # and on a scan a line of amounts just under or over the table.
        inside = any(t.bbox[1] <= middle <= t.bbox[3] for t in ruled) or (
            any(w["text"].endswith("€") for w in line)
            and any(top <= middle <= bottom for top, bottom in spans)
        )
        for segment in _segments(line, edges if inside else []):
            cx, cy = (segment.x0 + segment.x1) / 2, (segment.top + segment.bottom) / 2
            home = next(
                (
                    i
                    for i, (bbox, _) in enumerate(ruled_rows)
                    if bbox[0] <= cx <= bbox[2] and bbox[1] <= cy <= bbox[3]
                ),
                None,
            )
            if home is None:
                free.append(segment)
                continue
            cell = next(
                (c for c in ruled_rows[home][1] if c is not None and c[0] <= cx <= c[2]), None
            )
            # Just inside the cell's left edge: a merged cell belongs to its first column.
            x = cell[0] + _EDGE_TOLERANCE + 0.5 if cell is not None else segment.x0
            row_units[home].add(_index(x, edges[:-1]), segment)
    starts = edges[:-1] if edges else _aligned_starts(free)
    units += [u for u in row_units if u.cells]
    for line_segments in _group_lines(free):
        unit = _Unit(
            top=min(s.top for s in line_segments), bottom=max(s.bottom for s in line_segments)
        )
        # Beside a ruled table, a line of words only, or one giving dates and no amount, is a
        # title or a note, one cell whatever the columns under it (the form's « Exercice 2027
        # ou date de début : 01/01/2027 » and its « date de fin : 31/12/2027 » further right).
        prose = bool(edges) and (
            not any(s.numeric for s in line_segments)
            or (
                any(_DATE.search(s.text) for s in line_segments)
                and not any(
                    _amount(s.text) is not None for s in line_segments if not _YEAR.match(s.text)
                )
            )
        )
        first = _column_of(min(line_segments, key=lambda s: s.x0), starts)
        for segment in line_segments:
            unit.add(first if prose else _column_of(segment, starts), segment)
        units.append(unit)
    units.sort(key=lambda u: u.top)
    units = _join_continuations(units)
    width = max(max(u.cells) for u in units) + 1
    return [
        _Row(
            u.top,
            [u.text(c) or None for c in range(width)],
            all(s.numeric for group in u.cells.values() for s in group),
        )
        for u in units
    ]


def _group_lines(segments: list[_Segment]) -> list[list[_Segment]]:
    """Segments outside ruled tables, back in their lines."""
    lines: list[list[_Segment]] = []
    for segment in sorted(segments, key=lambda s: (s.top, s.x0)):
        height = segment.bottom - segment.top
        if lines and abs(segment.top - lines[-1][0].top) <= height / 2:
            lines[-1].append(segment)
        else:
            lines.append([segment])
    return lines


def _join_continuations(units: list[_Unit]) -> list[_Unit]:
    """Join to the row above a line that only continues its label: wrapped text of an
    unruled table. It has text in the first column only, follows a row with amounts, and
    starts in lower case or sits closer to that row than rows sit to one another."""
    pitches = [b.top - a.top for a, b in pairwise(units) if a.has_amount]
    pitch = median(pitches) if pitches else 0.0
    joined: list[_Unit] = []
    for unit in units:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and not unit.ruled
            and not previous.ruled
            and previous.has_amount
            and set(unit.cells) == {0}
            and 0 in previous.cells
        ):
            text = unit.text(0)
            gap = unit.top - previous.top
            continues = text[:1].islower() or text[:1] == "(" or gap < pitch * 0.8
            if continues and gap < pitch * 1.5:
                for segment in unit.cells[0]:
                    previous.add(0, segment)
                previous.bottom = unit.bottom
                continue
        joined.append(unit)
    return _join_wrapped_above(joined, pitch)


def _join_wrapped_above(units: list[_Unit], pitch: float) -> list[_Unit]:
    """Join a label's first line to the row under it that holds its amounts: a spreadsheet
    wraps a long label in its cell and aligns the cell's text at the bottom, so the amounts
    stand on the label's last line (« 6226 - Rémunérations d'intermédiaires et honoraires »
    over « (animation externalisée) 16 000 € »). The row under starts in lower case or with
    a bracket, and stands closer than rows stand to one another: a title over a line
    typed in lower case stands a row above it."""
    joined: list[_Unit] = []
    for unit in units:
        above = joined[-1] if joined else None
        if (
            above is not None
            and not unit.ruled
            and not above.ruled
            and unit.has_amount
            and not above.has_amount
            and set(above.cells) == {0}
            and 0 in unit.cells
            and (unit.text(0)[:1].islower() or unit.text(0)[:1] == "(")
            and unit.top - above.top <= pitch * 0.95
        ):
            for segment in above.cells[0]:
                unit.add(0, segment)
            unit.top = above.top
            joined[-1] = unit
            continue
        joined.append(unit)
    return joined
