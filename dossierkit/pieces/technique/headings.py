"""The headings of a dossier technique: which question or section of the call a title names.

A heading is recognised, in this order of trust:

- the question repeated word for word, whole or from one of its sentences on, possibly
  numbered ("3. Quelle est la portée géographique du projet ?"), possibly wrapped over several
  lines of a PDF, possibly followed on the same paragraph by the start of the answer;
- a title of the call's sections ("Portage, gouvernance"), which ends the answer before it;
- a number alone ("3.", "1.2", "NAT-1") or a "Question 3" label, possibly followed by the
  answer: numbers follow the call's order, over the whole call, or within the section whose
  title stands above them when the call's n-th question belongs to another section (``1.2``
  is the second question of the first section);
- a title of the applicant's own words ("Qui pilote ?", "Notre équipe et son animation") that
  names a question: the question's ``keywords`` in the call file and its ``titles`` in the
  call's lexicon, matched whatever the accents and the inflections (``words``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from dossierkit.call import Call, Question
from dossierkit.pieces.technique.words import any_of
from dossierkit.reading.model import CellValue, Document, Table
from dossierkit.text import fold

# A heading wraps over a few lines of a PDF at most.
_MAX_HEADING_UNITS = 8

_DASH = r"[.):\-–—]"
# "Question 3", "Q3", "NAT-1", "1.2", "3." or "3)": a label before a heading, or alone.
_EXPLICIT_LABEL = re.compile(
    rf"^\s*(?:(?:question|q)\s*(?P<qnum>\d{{1,2}})|(?P<id>[A-Z]{{3}}-\d{{1,2}}))\s*{_DASH}?\s*",
    re.IGNORECASE,
)
_NUMBER_LABEL = re.compile(
    rf"^\s*(?P<num>\d{{1,2}}\.\d{{1,2}}(?!\d)|\d{{1,2}}(?=\s*{_DASH}))\s*{_DASH}?\s*"
)
_OTHER_LABEL = re.compile(rf"^\s*(?:[IVX]{{1,4}}\s*{_DASH}|[a-h]\)|[•\uf0b7▪◦*\-–—])\s*")
_SECTION_WORDS = re.compile(r"^(?:partie|section|chapitre|titre) (?:[ivx]+|\d+) ")
_STOP_WORDS = frozenset({"et", "de", "du", "la", "le", "les", "l", "des", "d"})
# A short text is a question's title when the question's words cover at least this share of
# it (1/3: "Plan d'action de la première année (objectifs, fonctions, publics, dépenses)").
TITLE_SHARE = 3
# A sentence that ends inside the line ("… du Boulonnais. Responsable"): a line of text that
# wraps, never a title.
SENTENCE_INSIDE = re.compile(r"[a-zà-ÿ)»]\.\s+[A-ZÀ-Ý]")
# Longer than this, a line is not a section's title ("Partie 2 – Portage, gouvernance").
_MAX_SECTION_WORDS = 12


@dataclass(frozen=True, slots=True)
class Unit:
    """A paragraph of a word-processor document, or a line of a PDF, with its label read
    once: ``rest`` is its text after a label ("3.", "Question 3 :"), ``folded`` that rest
    folded."""

    text: str
    level: int
    page: int | None
    rest: str
    folded: str
    qid: str | None = None
    number: tuple[int, ...] | None = None
    # A cell of a word-processor table, or a row of one read as "label : value": a title
    # only when it repeats a question, carries its label ("NAT-1") or has a heading style.
    cell: bool = False


def make_unit(text: str, level: int = 0, page: int | None = None, cell: bool = False) -> Unit:
    """A unit with its label read."""
    qid, number, rest = label(text)
    return Unit(text, level, page, rest, fold(rest), qid, number, cell)


def label(text: str) -> tuple[str | None, tuple[int, ...] | None, str]:
    """(question id, number, rest) of a heading's label; the rest is the text after it."""
    match = _EXPLICIT_LABEL.match(text)
    if match:
        rest = text[match.end() :]
        if match.group("id"):
            return match.group("id").upper(), None, rest
        return None, (int(match.group("qnum")),), rest
    match = _NUMBER_LABEL.match(text)
    if match:
        return None, tuple(int(n) for n in match.group("num").split(".")), text[match.end() :]
    match = _OTHER_LABEL.match(text)
    return None, None, text[match.end() :] if match else text


def explicit_label(text: str) -> bool:
    """True for a "Question 3" or "NAT-1" label."""
    return _EXPLICIT_LABEL.match(text) is not None


def units(document: Document) -> list[Unit]:
    """The paragraphs of a word-processor document (a table's rows read as "label : value"),
    or the lines of a PDF, the rows of its ruled tables read as a word processor's when its
    pages were laid out (``table_pages``)."""
    if document.paragraphs:
        return _word_units(document)
    if not document.pages:
        return [make_unit(text, 0, page) for page, text in document.lines()]
    ruled = set(table_pages(document))
    grids = {
        t.page: t
        for t in document.tables
        if t.page in ruled and t.name == f"p. {t.page}" and not document.layout_error
    }
    found: list[Unit] = []
    continued = False  # the page before ended inside a table
    for page in document.pages:
        lines = [line.strip() for line in page.text.splitlines() if line.strip()]
        grid = grids.get(page.number)
        if grid is None:
            found += [make_unit(line, 0, page.number) for line in lines]
            continued = False
            continue
        read, tail, continued = _with_tables(lines, grid, page.number, continued)
        found += _ending(found, tail, page.number) + read
    return found


def _ending(found: list[Unit], tail: str, page: int) -> list[Unit]:
    """The end of the row the page before broke (``tail``) put back at the end of that row's
    last unit (« vice-présidente au » and « numérique »), its list's items after it; the
    units to add to ``found``."""
    if not tail:
        return []
    first, *items = _items(tail).splitlines()
    more = [make_unit(item, page=page, cell=True) for item in items]
    if found and found[-1].cell:
        last = found[-1]
        found[-1] = make_unit(f"{last.text} {first}", last.level, last.page, cell=True)
        return more
    return [make_unit(first, page=page, cell=True), *more]


# A page whose rules draw a table has this many horizontal rules at least (over a header row
# and a row) and this many vertical ones (its two sides).
_TABLE_HORIZONTAL_RULES = 3
_TABLE_VERTICAL_RULES = 2


def table_pages(document: Document) -> tuple[int, ...]:
    """The pages of a PDF whose rules draw a table (a word processor's table exported, its
    borders kept by the first reading as the page's ``rules``). Laid out (``reading.layout``),
    their tables' rows are read cell by cell, as a word processor's are: « Maison de services
    | Arleux | médiation » is one place with its commune and its function, where the page's
    text gives « Maison de services Arleux médiation », and « Année 1 | Ouverture… » is a row
    of the plan, never a title. Pages read by OCR are left out: their lines are a guess."""
    chosen = []
    for page in document.pages:
        if page.scanned or page.words:
            continue
        horizontal = sum(
            1 for left, bottom, right, top in page.rules if right - left > top - bottom
        )
        if (
            horizontal >= _TABLE_HORIZONTAL_RULES
            and len(page.rules) - horizontal >= _TABLE_VERTICAL_RULES
        ):
            chosen.append(page.number)
    return tuple(chosen)


def _with_tables(
    lines: Sequence[str], grid: Table, page: int, continued: bool
) -> tuple[list[Unit], str, bool]:
    """The lines of a laid-out page as its text gives them, the lines of each of its tables
    replaced by the table's rows read as a word processor's are (``_table_units``); the end
    of the row the page before broke, when the page opens on it (``continued``: the page
    before ended inside a table); and whether this page ends inside a table.

    Only the tables are taken from the layout: the page's other lines stay the text every
    other reader sees, in its order, its bullets (« • » where the layout reads a symbol font's
    « (cid:127) ») and its wrapping kept, so that its titles name the same questions and its
    lists stay lists. A table whose lines the text does not hold, in one run, stays as the
    text gives it."""
    found: list[Unit] = []
    tokens = [_tokens(line) for line in lines]
    position, tail, end = 0, "", 0
    for block in _table_blocks(grid, continued):
        words = [w for row in ([block.tail], *block.rows) for cell in row for w in _tokens(cell)]
        span = _table_span(tokens, words, position)
        if span is None:
            continue
        found += [make_unit(line, 0, page) for line in lines[position : span[0]]]
        if span[0] == 0:
            tail = block.tail
        else:  # not where the page opens: the broken row's end stays where it stands
            found += _ending([], block.tail, page)
        found += _table_units([[_items(cell) for cell in row] for row in block.rows], page)
        position, end = span[1], block.end
    found += [make_unit(line, 0, page) for line in lines[position:]]
    return found, tail, end == len(grid.rows) and position == len(lines)


@dataclass(frozen=True, slots=True)
class _Block:
    """A table of a page's grid: its rows (their cells' texts), the index after its last row
    in the grid, and the end of a row the page before broke, which opens the page."""

    rows: list[list[str]]
    end: int
    tail: str = ""


def _table_blocks(grid: Table, continued: bool) -> list[_Block]:
    """The tables of a page's grid: runs of two rows or more of two cells or more (a ruled
    table has a header or several rows). A row of two cells alone among lines is a line
    whose words a justified paragraph set apart; but a table that goes on from the page
    before (``continued``) may open the page with one row, after the end of the row the
    page broke: cells out of the first column (« numérique » under « Fonction »)."""
    cells = [[str(v).strip() for v in row if v is not None and str(v).strip()] for row in grid.rows]
    start = 0
    while (
        continued
        and start < len(cells)
        and len(cells[start]) == 1
        and not str(grid.rows[start][0] or "").strip()
    ):
        start += 1
    tail = " ".join(c[0] for c in cells[:start])
    blocks: list[_Block] = []
    run: list[list[str]] = []
    first = start
    for index in range(start, len(cells) + 1):
        row = cells[index] if index < len(cells) else []
        if len(row) >= 2:
            run.append(row)
            continue
        opening = continued and first == start
        if len(run) >= 2 or (opening and (run or tail)):
            blocks.append(_Block(run, index, tail if opening else ""))
        run, first = [], index + 1
    return blocks


# The glyph of a symbol font without its character map, as the layout reads it: a bullet.
_CID = re.compile(r"\(cid:\d+\)")
# A bullet inside a cell's text: the layout joins a cell's lines, its list's items too.
_CELL_BULLET = re.compile(r"(?:^|\s+)(?:[•\uf0b7▪◦]|\(cid:\d+\))\s+")


def _items(cell: str) -> str:
    """A cell of a laid-out table, each item of its bulleted list on a line of its own
    (« Liste des lieux : • La Fabrique : … • Médiathèque : … »), as a word processor's cell
    gives them: the answer's paragraph, then its items, each read as the page's are."""
    return _CELL_BULLET.sub("\n• ", cell).strip()


# The share of a table's words its lines in the page's text must hold.
_TABLE_WORDS_FOUND = 0.9


def _tokens(text: str) -> list[str]:
    """The words of ``text``, folded, to find a table's lines among the page's."""
    return fold(_CID.sub(" ", text)).split()


def _table_span(
    lines: Sequence[Sequence[str]], words: Sequence[str], position: int
) -> tuple[int, int] | None:
    """(first, after last) of the page's lines, from ``position`` on (each given as its
    words), that are the cells of a table (its ``words``): the run of lines made only of the
    table's words that holds the most of them, at least nine in ten. The text runs a row's
    cells together and wraps a long cell over several lines, in an order of its own, so the
    words are compared, not the lines."""
    wanted = Counter(words)
    total = wanted.total()
    best: tuple[int, int, int] | None = None  # (words found, first, after last)
    for start in range(position, len(lines)):
        if not lines[start] or lines[start][0] not in wanted:
            continue
        left, end = wanted.copy(), start
        while end < len(lines) and left.total():
            need = Counter(lines[end])
            if need - left:
                break
            left -= need
            end += 1
        found = total - left.total()
        if end > start and (best is None or found > best[0]):
            best = (found, start, end)
        if found == total:
            break
    if best is None or best[0] < _TABLE_WORDS_FOUND * total:
        return None
    return best[1], best[2]


def _table_units(rows: Sequence[Sequence[CellValue]], page: int | None = None) -> list[Unit]:
    """The rows of a table, each read as "label : value" (``_row_units``), its header left
    out: « Lieu | Commune | Fonctions » names the columns, it is no place of a réseau."""
    start = 1 if _header(rows) else 0
    return [unit for row in rows[start:] for unit in _row_units(row, page)]


# A header's cells are short: « Lieu », « Actions principales », « Fonctions proposées ».
_HEADER_WORDS = 3


def _header(rows: Sequence[Sequence[CellValue]]) -> bool:
    """True when the first of ``rows`` is a header naming the columns: a table of three rows
    or more whose first row holds short cells without figures, the first of one word (« Lieu »,
    « Année », « Rôle ») where the cells under it are longer (« La Fabrique », « Année 1 »,
    « Responsable légal »). A table of labels and values (« Président | Marie Durand » over
    « Trésorier | Paul Martin ») has no header: its first row is a value like the others."""
    if len(rows) < 3:
        return False
    first = [str(v).strip() for v in rows[0] if v is not None and str(v).strip()]
    if (
        len(first) < 2
        or any(len(cell.split()) > _HEADER_WORDS or re.search(r"[\d:?]", cell) for cell in first)
        or len(first[0].split()) != 1
    ):
        return False
    below = [str(row[0]).strip() for row in rows[1:] if row and row[0] is not None]
    return sum(len(cell.split()) > 1 for cell in below) * 2 > len(below)


# A first cell longer than this is not the label of its row ("Interlocuteur projet").
_MAX_LABEL_WORDS = 8


def _cell_lines(value: CellValue) -> list[str]:
    """The paragraphs of a table's cell, as the reader put them among the document's."""
    return [line.strip() for line in str(value or "").splitlines() if line.strip()]


def _row_units(row: Sequence[CellValue], page: int | None = None) -> list[Unit]:
    """A row of a table: "Interlocuteur projet | Karim Benali | chargé de mission" is read
    as one paragraph "Interlocuteur projet : Karim Benali, chargé de mission", so that the
    label stays with its value and is never taken for the applicant's own heading. A row
    whose first cell is not a short label (a question of the call, several paragraphs) keeps
    its cells as paragraphs: a question/answer table is read question by question."""
    cells: list[list[str]] = []
    for value in row:
        lines = _cell_lines(value)
        # A merged cell is repeated in each column it spans: keep it once.
        if lines and (not cells or lines != cells[-1]):
            cells.append(lines)
    first = cells[0] if cells else []
    label_text = first[0].rstrip(" :") if len(first) == 1 else ""
    if (
        len(cells) < 2
        or not label_text
        or label_text.endswith("?")
        or len(label_text.split()) > _MAX_LABEL_WORDS
    ):
        return [make_unit(line, page=page, cell=True) for lines in cells for line in lines]
    values = [line for lines in cells[1:] for line in lines]
    if all(len(lines) == 1 for lines in cells[1:]):
        return [make_unit(f"{label_text} : {', '.join(values)}", page=page, cell=True)]
    return [make_unit(f"{label_text} : {values[0]}", page=page, cell=True)] + [
        make_unit(line, page=page, cell=True) for line in values[1:]
    ]


def _table_at(
    paragraphs: Sequence[tuple[str, int]], table: Table, position: int
) -> tuple[int, int] | None:
    """(first, after last) of the paragraphs that are ``table``'s cells, from ``position``:
    the reader puts each cell's paragraphs among the document's, row by row, in order."""
    wanted = [line for row in table.rows for value in row for line in _cell_lines(value)]
    if not wanted:
        return None
    for start in range(position, len(paragraphs)):
        if paragraphs[start][0] != wanted[0]:
            continue
        index, at = start, 0
        # A paragraph with a line break inside holds several lines of the cell.
        while index < len(paragraphs) and at < len(wanted):
            lines = _cell_lines(paragraphs[index][0])
            if wanted[at : at + len(lines)] != lines:
                break
            at += len(lines)
            index += 1
        if at == len(wanted):
            return start, index
    return None


def _word_units(document: Document) -> list[Unit]:
    """The paragraphs of a word-processor document, each table's rows read as a whole."""
    paragraphs = [(p.text.strip(), p.level) for p in document.paragraphs if p.text.strip()]
    found: list[Unit] = []
    position = 0
    for table in document.tables:
        where = _table_at(paragraphs, table, position) if table.page is None else None
        if where is None:
            continue
        found += [make_unit(text, level) for text, level in paragraphs[position : where[0]]]
        found += _table_units(table.rows)
        position = where[1]
    found += [make_unit(text, level) for text, level in paragraphs[position:]]
    return found


def _word_prefix(part: str, whole: str) -> bool:
    return whole == part or whole.startswith(part + " ")


def _after_words(text: str, count: int) -> str:
    """What follows the first ``count`` words of ``text`` (words as ``fold`` counts them)."""
    end = 0
    for index, match in enumerate(re.finditer(r"[^\W_]+", text)):
        if index == count:
            break
        end = match.end()
    # Words that fold splits in two ("ce(s)" is one \w run but "ce s" after fold) are rare
    # inside a heading's last line; the remainder is then only a little shorter.
    return text[end:].lstrip(" ?!.:;,)]–—-\t")


def content_words(text: str) -> frozenset[str]:
    """The words of a title that are not "de", "la", "et"…"""
    return frozenset(w for w in fold(text).split() if w not in _STOP_WORDS)


class Headings:
    """Recognises the headings of one document against one call."""

    def __init__(self, call: Call) -> None:
        self.call = call
        self.sentences = {
            q.id: [s for s in (fold(p) for p in re.split(r"(?<=\?)\s+", q.text)) if s]
            for q in call.questions
        }
        # Every run of a question's sentences that a heading may repeat, by its first word:
        # a unit is compared only with the runs that start with its own first word.
        self.runs: dict[str, list[tuple[str, list[str]]]] = {}
        for qid, sentences in self.sentences.items():
            for k in range(len(sentences)):
                self.runs.setdefault(sentences[k].split()[0], []).append((qid, sentences[k:]))
        self.titles = {q.id: any_of((*q.keywords, *_titles(call, q.id))) for q in call.questions}
        # The call's own keywords for a question weigh more than the lexicon's titles: "Lieu
        # ou réseau de lieux ?" is the keyword "lieu ou réseau" of NAT-1 more than the title
        # "le réseau et ses lieux" of NAT-3.
        self.keywords = {q.id: any_of(q.keywords) for q in call.questions}
        self.sections = {
            section: content_words(title["fr"]) for section, title in call.sections.items()
        }
        self.by_section: dict[str, list[Question]] = {}
        for q in call.questions:
            self.by_section.setdefault(q.section, []).append(q)

    def verbatim(self, units: Sequence[Unit], i: int) -> tuple[int, str, str] | None:
        """(last unit, question id, rest of the last unit) when a question starts at ``i``."""
        first = units[i].folded
        if not first:
            return None
        best: tuple[int, int, str, str] | None = None  # (words, last unit, id, rest)
        for qid, sentences in self.runs.get(first.split(" ", 1)[0], ()):
            found = _heading_from(units, i, first, sentences)
            if found and (best is None or found[0] > best[0]):
                best = (found[0], found[1], qid, found[2])
        return best[1:] if best else None

    def section(self, unit: Unit) -> str | None:
        """The call's section whose title this heading is."""
        if unit.folded.count(" ") > _MAX_SECTION_WORDS:
            return None  # a line of text, not a section's title: spare splitting it
        words = content_words(_SECTION_WORDS.sub("", unit.folded + " ").strip())
        return next((s for s, title in self.sections.items() if words and words == title), None)

    def by_title(self, folded: str) -> str | None:
        """The question whose keywords and titles cover most of this heading (folded)."""
        found = self.title_coverage(folded)
        return found[0] if found else None

    def title_coverage(self, folded: str) -> tuple[str, int] | None:
        """(question, characters of ``folded`` its keywords and titles cover) for the question
        that covers most of this heading, the call's keywords counted twice."""
        best, score_best, covered_best = None, 0, 0
        for qid, pattern in self.titles.items():
            covered = pattern.coverage(folded) if pattern is not None else 0
            if not covered:
                continue
            keywords = self.keywords[qid]
            score = covered + (keywords.coverage(folded) if keywords is not None else 0)
            if score > score_best:
                best, score_best, covered_best = qid, score, covered
        return (best, covered_best) if best is not None else None

    def names_question(self, label: str) -> bool:
        """True when the words of a question cover at least a third of ``label`` (not
        folded): "Lieu ou réseau de lieux", not "Fablab ou atelier"."""
        folded = fold(label)
        found = self.title_coverage(folded)
        return found is not None and found[1] * TITLE_SHARE >= len(folded)

    def by_number(self, number: tuple[int, ...], section: str | None) -> str | None:
        """The question a number designates under the heading of ``section`` (if any).

        ``x.y`` is the y-th question of the x-th section. ``n`` is the n-th question of the
        call, unless that one is not in the current section: the numbering then starts again
        in each section, and ``n`` is the n-th question of the section.
        """
        if len(number) == 2:
            sections = list(self.call.sections)
            if not 1 <= number[0] <= len(sections):
                return None
            section, number = sections[number[0] - 1], number[1:]
        n = number[0]
        questions = self.call.questions
        if (
            len(number) == 1
            and 1 <= n <= len(questions)
            and (section is None or questions[n - 1].section == section)
        ):
            return questions[n - 1].id
        local = self.by_section.get(section or "", [])
        return local[n - 1].id if 1 <= n <= len(local) else None


def _titles(call: Call, qid: str) -> tuple[str, ...]:
    words = call.lexicon.questions.get(qid)
    return words.titles if words is not None else ()


def _heading_from(
    units: Sequence[Unit], i: int, first: str, sentences: list[str]
) -> tuple[int, int, str] | None:
    """(words, last unit, rest) of the longest run of whole ``sentences`` from unit ``i``."""
    target = " ".join(sentences)
    if not (_word_prefix(first, target) or first.startswith(sentences[0] + " ")):
        return None
    heads = [" ".join(sentences[: m + 1]) for m in range(len(sentences))]
    found = None
    acc = ""
    for j in range(i, min(i + _MAX_HEADING_UNITS, len(units))):
        before = acc
        acc = f"{acc} {first if j == i else fold(units[j].text)}".strip()
        if _word_prefix(acc, target):
            if acc in heads:
                found = (len(acc.split()), j, "")
            continue
        # The heading ends inside this unit and the answer begins on the same line.
        head = next((h for h in reversed(heads) if acc.startswith(h + " ")), None)
        if head is not None and len(head) > len(before):
            text = units[j].text if j > i else units[j].rest
            rest = _after_words(text, len(head.split()) - len(before.split()))
            found = (len(head.split()), j, rest)
        break
    return found


# Words a title never ends on: a line that does is wrapped text ("Ouverture, recrutement,
# lancement de la" over "programmation").
_DANGLING = frozenset(
    {"de", "la", "le", "les", "l", "des", "du", "d", "et", "ou", "a", "au", "aux", "en", "un",
     "une", "pour", "par", "sur", "avec", "dans", "qui", "que"}
)  # fmt: skip
# A label followed by its value on the same line: an item of an answer, not a title. A
# title may have a subtitle ("Gouvernance : comité de pilotage et binôme"); a value is a
# list ("Dépenses envisagées : salaire de l'animateur, intervenants"), a sentence ("Innovation
# numérique : le projet stimulera l'innovation par des ateliers sur…") or a bulleted item.
_LABEL_AND_VALUE = re.compile(r"^(?P<bullet>[•\uf0b7▪◦*]\s*)?[^:]{2,90}\s:\s*(?P<value>\w.*)$")
_VALUE_WORDS = 7


def labelled_value(text: str) -> bool:
    """True for a line that gives a label and its value, not a title and its subtitle."""
    match = _LABEL_AND_VALUE.match(text.strip())
    if match is None:
        return False
    value = match.group("value")
    return bool(match.group("bullet")) or "," in value or len(value.split()) >= _VALUE_WORDS


_BULLET = re.compile(r"^\s*[•\uf0b7▪◦*]")
# A year of a plan opening a line: « Année 1 », « An 2 », « 2027 », « N+1 », as the first
# column of a plan's table or the label of its lines (« Année 1 : ouverture du lieu »).
_YEAR_LABEL = re.compile(
    r"^\s*(?:(?:ann[ée]e|an)\s*\d{1,2}\b|20\d\d\b(?!\s*[-–/]\s*\d)|n\s*\+\s*\d\b)\s*[:.)–—-]?\s*",
    re.IGNORECASE,
)


def plan_year(text: str) -> str | None:
    """The year of a plan that opens ``text`` (« Année 1 : ouverture » gives « annee 1 »),
    None when no year opens it."""
    match = _YEAR_LABEL.match(text)
    return fold(match.group()) if match else None


def not_a_title_line(text: str) -> bool:
    """True for a line of a PDF that continues the text above (it opens in lower case: "de
    projets", the end of a wrapped cell) or is an item of a bulleted list."""
    stripped = text.lstrip()
    return stripped[:1].islower() or _BULLET.match(stripped) is not None


def dangling(folded: str) -> bool:
    """True for a line that ends on "de", "la", "pour"…: wrapped text, never a title."""
    return folded.rsplit(" ", 1)[-1] in _DANGLING


def heading_like(unit: Unit, after_break: bool) -> bool:
    """A line of a document without styles that stands alone as a title: short, not ending
    like a sentence nor on "de la", not a label with its value, and labelled, or ending with
    "?" or ":", or coming after a sentence's end or another heading (``after_break``) rather
    than in the middle of a wrapped text."""
    if not unit.folded or unit.folded.count(" ") >= 12:
        return False
    stripped = unit.text.rstrip()
    if (
        stripped[-1] in ".,;"
        or SENTENCE_INSIDE.search(stripped)
        or dangling(unit.folded)
        or labelled_value(unit.text)
        or not_a_title_line(unit.text)
    ):
        return False
    if stripped.endswith(("?", ":")) or unit.rest != unit.text:
        return True
    return unit.folded.count(" ") < 8 and after_break
