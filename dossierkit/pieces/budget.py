"""The budget prévisionnel: its lines, years, HT/TTC basis, the Région's aid and the
animation expenses, read from whatever layout the applicant used.

The call asks for "un budget dépenses-recettes équilibré (avec la précision TTC ou HT)" and
gives no template, so applicants send their own spreadsheet, a Word table, a PDF export, or
the charges/produits layout of the national association form (CERFA n° 12156, accounts 60
to 68 against 70 to 78). Every layout is turned into rows of cells, each cell knowing where
it stands (``Budget!C7``, ``p. 2``, ``Tableau 1, ligne 5``, ``ligne 12``); one reader then
walks the rows as a person would: header rows say what each column is (a year, a total, a
nature), rows without amounts open a section (dépenses, recettes), a nature
(fonctionnement, investissement), a year or an account, and rows with amounts are lines.

Whatever cannot be placed (an amount without a label, a column without a year, a line
outside the dépenses and recettes) is listed in ``unplaced`` with its cell or page rather
than guessed, so that a check can tell the applicant. Contributions volontaires en nature
(accounts 86 and 87) are listed there too: they are valued but not money, and the form keeps
them out of its balance. Rows that only check the balance ("Écart dépenses − recettes"),
rates and percentages are not lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal

from dossierkit.amounts import find_amounts, parse_amount
from dossierkit.call import Call
from dossierkit.dossier import DossierFile, Fact
from dossierkit.reading.model import LOW_CONFIDENCE, CellValue, Document, ReadError, Table
from dossierkit.text import fold

DEPENSES, RECETTES = "depenses", "recettes"
FONCTIONNEMENT, INVESTISSEMENT = "fonctionnement", "investissement"


@dataclass(frozen=True)
class BudgetLine:
    """One amount of the budget: a line's amount for a year (or its total column), or a
    total row's amount, with where it stands and why it was classified so."""

    label: str
    section: str  # "depenses" | "recettes"
    nature: str | None  # "fonctionnement" | "investissement" | None when the budget doesn't say
    year: int | None  # calendar year, None when the budget has a single column (or a total column)
    amount: Decimal
    source: str  # "Budget prévisionnel!C7", "p. 2", "Tableau 1, ligne 5", "ligne 12"
    is_total: bool  # a total or subtotal row, or a total column, of the document
    region_aid: str | None  # "animation" | "equipement" | None
    animation: bool  # a dépenses line that is animation (animator's salary, animation services)
    evidence: str  # why it was classified so


@dataclass(frozen=True)
class BudgetFacts:
    """What the budget says, and what could not be placed in it.

    ``ocr_doubt`` is (confidence, page) of the least sure figure OCR read on the budget when
    it is unsure (below ``LOW_CONFIDENCE``): the checks on its amounts then ask a person to
    look rather than report an error.
    """

    file: str
    basis: dict[str, str]  # {"all": "TTC"} or {"fonctionnement": "TTC", "investissement": "HT"}
    basis_source: str | None  # where the HT/TTC was read
    years: tuple[int, ...]  # the project's years, in order
    lines: tuple[BudgetLine, ...]
    unplaced: tuple[str, ...]
    facts: tuple[Fact, ...]
    ocr_doubt: tuple[float, int] | None = None

    def _lines(
        self, section: str, year: int | None = None, nature: str | None = None
    ) -> Iterator[BudgetLine]:
        for line in self.lines:
            if (
                not line.is_total
                and line.section == section
                and (year is None or line.year == year)
                and (nature is None or line.nature == nature)
            ):
                yield line

    def total(self, section: str, year: int | None = None, nature: str | None = None) -> Decimal:
        """Sum of the section's lines (totals of the document left out), for a year and a
        nature when given."""
        return sum((line.amount for line in self._lines(section, year, nature)), Decimal(0))

    def stated_total(self, section: str, year: int | None = None) -> tuple[Decimal, str] | None:
        """The document's own total of the section for ``year`` (None: its total column, or
        its only column), with its source; None when the document states none.

        A subtotal ("Sous-total fonctionnement") is not the section's total, nor is the
        total column of an ordinary line: only a total row that names no nature.
        """
        stated = [
            line
            for line in self.lines
            if line.is_total
            and line.section == section
            and line.year == year
            and line.nature is None
            and _TOTAL_ROW.search(fold(line.label))
            and not _SUBTOTAL.search(fold(line.label))
        ]
        return (stated[-1].amount, stated[-1].source) if stated else None

    def animation_expenses(self, year: int) -> Decimal:
        """The animation expenses of ``year``: the base of that year's animation aid."""
        return sum(
            (line.amount for line in self._lines(DEPENSES, year) if line.animation), Decimal(0)
        )

    def equipment_expenses(self) -> Decimal:
        """The investissement dépenses over the whole project: the base of the equipment aid."""
        return self.total(DEPENSES, nature=INVESTISSEMENT)

    def region_aid(self, kind: str, year: int | None = None) -> Decimal | None:
        """The Région's aid of ``kind`` ("animation" or "equipement") the budget counts on,
        for ``year`` or over the project; None when no line of the budget is that aid."""
        amounts = [line.amount for line in self._lines(RECETTES, year) if line.region_aid == kind]
        return sum(amounts, Decimal(0)) if amounts else None


# --------------------------------------------------------------------------------------------
# Words, on folded text (lower case, no accents, punctuation as single spaces)
# --------------------------------------------------------------------------------------------

_YEAR = re.compile(r"\b(20[2-4]\d)\b")
_TOTAL_ROW = re.compile(
    r"^(?:s ?)?(sous )?totaux?\b|\btotal\b|^(ensemble|montant total|cout total)"
)
_SUBTOTAL = re.compile(r"\bsous ?totaux?\b|^s total\b")
# Rows that check the balance, give rates or the call's ceilings (the workbook of
# ``dossierkit init`` computes them under the budget): understood, but not lines of the budget.
_NOT_A_LINE = re.compile(
    r"^(ecart|solde|difference|resultat|excedent|deficit|equilibre|controle|verification|"
    r"taux|pourcentage|ratio|plafonds?|aide maximale|montant maximal)\b"
)
_DEPENSES_WORD = re.compile(r"^(?:les )?(depenses?|charges?|emplois)\b")
_RECETTES_WORD = re.compile(r"^(?:les )?(recettes?|produits?|ressources?|financements?)\b")
_SECTION_IN_HEADER = re.compile(
    r"\b(?:(depenses?|charges|emplois)|(recettes?|produits|ressources|financements?|financeurs?))\b"
)
_NATURE_WORD = re.compile(r"\b(?:(fonctionnement|exploitation|fonct)|(investissements?|invest))\b")
_NATURE_HEADER = re.compile(
    r"^(?:(?:depenses?|charges|recettes?|produits|budget|section|partie|budget)\s+(?:d |de |du )?)?"
    r"(fonctionnement|exploitation|investissements?)\b"
)
_YEAR_HEADER = re.compile(
    r"^(?:annee|exercice|budget(?: previsionnel)?|bp|previsionnel|periode|montants?)?\s*"
    r"(20[2-4]\d)(?:\s+(?:ht|ttc|eur|euros))*$"
)
_RELATIVE_YEAR = re.compile(r"^(?:annee|an|exercice)\s*([1-9])$|^n(?:\s*([1-9]))?$")
_TOTAL_HEADER = re.compile(r"\b(total|totaux|cumul|ensemble|global|3 ans|trois ans)\b")
_AMOUNT_HEADER = re.compile(r"\b(montants?|budget|cout|couts|somme|eur|euros|previsionnel)\b")
_IGNORED_HEADER = re.compile(
    r"^(%|taux|part|pourcentage|quantite|qte|nombre|nb|prix unitaire|cout unitaire|pu|"
    r"observations?|commentaires?|remarques?|precisions?|justifications?|statut|etat|"
    r"acquis|sollicite|tva)\b"
)
_LABEL_HEADER = re.compile(
    r"^(poste|postes|libelle|libelles|intitule|designation|nature|objet|description|"
    r"detail|financeurs?|origine|type|compte)\b"
)
_ENUMERATION = re.compile(r"^(?:[ivx]{1,4}|[a-h]|\d)\s+(?=\D)")
# An account of the French chart of accounts heading a label: "60 - Achats", "641 Salaires".
_ACCOUNT = re.compile(r"^\s*(\d{2,4})\s*(?:[-–—:.)]\s*|\s+(?=[A-Za-zÀ-ÿ]))")
_CONTRIBUTIONS = re.compile(r"contributions? volontaires?|\bbenevolat\b|\ben nature\b")
# The Région's aid: "Région Hauts-de-France", "Conseil régional", "Région HDF".
_REGION = re.compile(r"\bregions?\b|\bconseil regional\b|\bhauts de france\b|\bc?r?hdf\b")
# European funds that the Région manages are not this call's aid.
_NOT_REGION = re.compile(r"\b(feder|fse|europe|europeens?|europeennes?|leader|interreg)\b")
_AID_ANIMATION = re.compile(r"\b(animation|fonctionnement|animateur|animatrice|demarrage|poste)\b")
_AID_EQUIPMENT = re.compile(r"\b(equipements?|investissements?|materiels?|immobilisations?)\b")
# Animation expenses: a person who animates, paid (salary, post), or animation services.
_ANIMATOR = re.compile(
    r"\b(animat(?:eur|rice|eurs|rices)|mediat(?:eur|rice|eurs|rices)|"
    r"coordinat(?:eur|rice|eurs|rices)|facilitat(?:eur|rice)|fab ?manager|concierge|"
    r"conseill(?:er|ere)s? numeriques?|charge e? d animation)\b"
)
_PAID = re.compile(
    r"\b(salaires?|remunerations?|charges|traitements?|postes?|etp|personnel|recrutement|"
    r"cdi|cdd|agent|emploi|contrat|temps plein|temps partiel|mise a disposition)\b"
)
_SERVICES = re.compile(r"\b(prestations?|intervenants?|interventions?|vacations?|honoraires)\b")
_ANIMATION_WORK = re.compile(r"\b(animations?|mediation|ateliers?)\b")
_NOT_ANIMATION = re.compile(
    r"\b(deplacements?|formations?|frais de mission|transports?|repas|hebergement|"
    r"materiels?|equipements?|fournitures?)\b"
)
_HT = re.compile(r"\bH\.?T\.?(?![\w.])|\bhors[ -]tax(?:e|es)\b|\bhors TVA\b", re.IGNORECASE)
_HT_UPPER = re.compile(r"\bHT\b|\bH\.T\.?")
_TTC = re.compile(r"\bT\.?T\.?C\.?(?![\w.])|\btoutes taxes comprises\b", re.IGNORECASE)
_DASH = re.compile(r"^[-–—]\s*€?$")
# Two amounts with thousands that nothing separates: "42 000 43 000" printed as text.
_RUN_OF_AMOUNTS = re.compile(
    r"\b\d{1,3}(?:[\u0020\u00a0\u202f]\d{3})+[\u0020\u00a0\u202f]\d{1,3}(?:[\u0020\u00a0\u202f]\d{3})+\b"
)


# --------------------------------------------------------------------------------------------
# Cells and grids: every layout becomes rows of cells that know where they stand
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Cell:
    """A cell: its text as shown, its amount if it is one, and where it stands."""

    text: str
    amount: Decimal | None
    source: str  # for a BudgetLine: "Budget!C7", "p. 2", "Tableau 1, ligne 5", "ligne 12"
    where: str  # for a person: "cellule Budget!C7", "Tableau 1, ligne 5, colonne 3"…


@dataclass(frozen=True)
class _Grid:
    """Rows of cells from one sheet, one table (with the paragraphs around it) or one page."""

    name: str
    rows: tuple[tuple[_Cell | None, ...], ...]
    year: int | None = None  # a sheet named "2027": every line of it is 2027's
    lead: int = 0  # rows before this index are the text around a table, not the table


def _column_letter(index: int) -> str:
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _amount(value: CellValue) -> Decimal | None:
    if isinstance(value, Decimal):
        return value
    if value is None:
        return None
    text = value.strip()
    if _DASH.match(text):  # spreadsheets print a zero as a dash
        return Decimal(0)
    return parse_amount(text)


def _text(value: CellValue) -> str:
    if isinstance(value, Decimal):
        return f"{value.normalize():f}" if value == value.to_integral() else str(value)
    return " ".join((value or "").split())


def _cell(value: CellValue, source: str, where: str) -> _Cell | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return _Cell(_text(value), _amount(value), source, where)


def _sheet_grid(table: Table, doc_type: str, many: bool) -> _Grid:
    """A sheet (XLSX, ODS) or a CSV file, each cell cited by its reference."""
    rows = []
    for r, row in enumerate(table.rows):
        number = table.first_row + r
        cells = []
        for c, value in enumerate(row):
            letter = _column_letter(table.first_col + c)
            if doc_type == "csv":
                source, where = f"ligne {number}", f"ligne {number}, colonne {letter}"
            else:
                ref = f"{table.name}!{letter}{number}" if many else f"{letter}{number}"
                source, where = f"{table.name}!{letter}{number}", f"cellule {ref}"
            cells.append(_cell(value, source, where))
        rows.append(tuple(cells))
    match = _YEAR_HEADER.match(fold(table.name))
    return _Grid(table.name, tuple(rows), int(match.group(1)) if match else None)


def _page_grid(table: Table) -> _Grid:
    """A PDF page rebuilt by ``pdftables``: every cell is cited by its page."""
    where = table.name  # "p. 2", or "p. 1 et 3" for a sheet printed across pages
    rows = tuple(tuple(_cell(v, where, where) for v in row) for row in table.rows)
    return _Grid(table.name, rows)


def _text_row(text: str, source: str) -> tuple[_Cell | None, ...]:
    """A line of running text as cells: its label, then each amount it states ("Loyer :
    9 600 € 9 600 €"), or the years of a header line ("Poste 2027 2028 2029 Total")."""
    amounts = find_amounts(text)
    if amounts:
        label = text[: amounts[0].start].strip(" :\t.…-–")
        cells = [_cell(label or None, source, source)]
        cells += [_Cell(text[a.start : a.end].strip(), a.value, source, source) for a in amounts]
        return tuple(cells)
    words = text.split()
    if len(_YEAR.findall(text)) >= 2 and all(
        _YEAR.fullmatch(w) or fold(w) in ("total", "totaux") for w in words[-3:]
    ):
        first = next(i for i, w in enumerate(words) if _YEAR.fullmatch(w))
        head = " ".join(words[:first]) or None
        return tuple(_cell(v, source, source) for v in [head, *words[first:]])
    return (_cell(text, source, source),)


def _word_grids(document: Document, doc_type: str) -> list[_Grid]:
    """A word-processor document: each table with the paragraphs before it (a caption such
    as "Année 2027" or "montants TTC"); the paragraphs after the last table at the end. A
    document without tables is read line by line."""
    paragraphs = [p.text for p in document.paragraphs]
    if not document.tables:
        lines = tuple(_text_row(t, f"paragraphe {i}") for i, t in enumerate(paragraphs, 1) if t)
        return [_Grid("texte", lines)]
    grids = []
    position = 0
    for table in document.tables:
        texts = {
            line.strip()
            for row in table.rows
            for value in row
            if isinstance(value, str)
            for line in value.splitlines()
        }
        start = next(
            (i for i in range(position, len(paragraphs)) if paragraphs[i].strip() in texts),
            position,
        )
        lead = tuple(
            (_cell(paragraphs[i], f"paragraphe {i + 1}", f"paragraphe {i + 1}"),)
            for i in range(position, start)
            if paragraphs[i].strip()
        )
        end = start
        while end < len(paragraphs) and (paragraphs[end].strip() in texts or not paragraphs[end]):
            end += 1
        position = end
        rows = []
        for r, row in enumerate(table.rows, start=1):
            source = f"{table.name}, ligne {r}"
            cells: list[_Cell | None] = []
            for c, value in enumerate(row, start=1):
                # A merged cell is repeated in every column it spans: keep it once.
                repeated = c > 1 and value is not None and value == row[c - 2]
                if repeated and _amount(value) is None:
                    cells.append(None)
                    continue
                cells.append(_cell(value, source, f"{source}, colonne {c}"))
            rows.append(tuple(cells))
        grids.append(_Grid(table.name, lead + tuple(rows), lead=len(lead)))
    tail = tuple(
        (_cell(paragraphs[i], f"paragraphe {i + 1}", f"paragraphe {i + 1}"),)
        for i in range(position, len(paragraphs))
        if paragraphs[i].strip()
    )
    if tail:
        grids.append(_Grid("texte", tail))
    return grids


def _grids(f: DossierFile) -> tuple[list[_Grid], list[str]]:
    """The file as grids of cells, and why some of it could not be read."""
    document = f.document
    if document is None:
        return [], [f"« {f.rel} » n'a pas pu être lu ({f.problem or 'illisible'})"]
    if document.pages:
        if document.is_scanned:
            return [], [
                "le budget est un document numérisé dont les montants n'ont pas pu être lus"
            ]
        from dossierkit.reading.pdftables import MAX_PAGES, ocr_tables, read_tables

        # Pages read by OCR give their words' positions in place of a text layer.
        ocr = {p.number: p for p in document.pages if p.words}
        try:
            tables = (
                read_tables(f.entry.path, ocr=ocr)
                if f.type == "pdf"
                else ocr_tables(document.pages)
            )
        except ReadError as exc:
            return [], [f"les tableaux du PDF n'ont pas pu être lus ({exc.detail})"]
        notes = []
        if document.page_count and document.page_count > MAX_PAGES:
            notes.append(f"pages {MAX_PAGES + 1} et suivantes non lues")
        notes += [f"p. {n} : page numérisée, non lue" for n in document.scanned_pages]
        return [_page_grid(t) for t in tables], notes
    if f.type in ("xlsx", "xlsm", "ods", "csv"):
        many = len(document.tables) > 1
        return [_sheet_grid(t, f.type, many) for t in document.tables], []
    return _word_grids(document, f.type), []


# --------------------------------------------------------------------------------------------
# Reading the grids
# --------------------------------------------------------------------------------------------


@dataclass
class _Column:
    """What an amount column holds, from its header."""

    year: int | None = None
    relative: int | None = None  # "Année 2": the second year of the project
    total: bool = False
    nature: str | None = None
    section: str | None = None
    known: bool = False  # a header says what it is
    header: str = ""


@dataclass
class _Pending:
    """A line being read; frozen into a BudgetLine once its context is complete."""

    label: str
    section: str | None
    nature: str | None
    year: int | None
    relative: int | None
    amount: Decimal
    source: str
    where: str
    is_total: bool
    context: list[str]
    account: str | None
    block: int  # the block it was read in, to place it when a later header does


@dataclass
class _Block:
    """A label column and the amount columns to its right, read with their own context:
    the charges and the produits of the form side by side are two blocks."""

    label: int
    texts: list[int]
    amounts: list[int]
    start: int = 0  # the columns the block spans, for its section and nature rows
    end: int = 0
    used: list[int] = field(default_factory=list)  # amount columns that hold amounts
    section: str | None = None
    nature: str | None = None
    section_header: str = ""
    nature_header: str = ""
    account: str | None = None
    account_header: str = ""
    contributions: bool = False
    group: int | None = None  # index of the pending account head row's group


@dataclass(frozen=True)
class _BasisStatement:
    scope: str  # "all" | "fonctionnement" | "investissement"
    basis: str  # "HT" | "TTC"
    source: str
    text: str


@dataclass
class _Reader:
    """Walks the grids of one budget, as a person reads it, top to bottom."""

    columns: dict[int, _Column] = field(default_factory=dict)
    year: int | None = None
    pending: list[_Pending] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    statements: list[_BasisStatement] = field(default_factory=list)
    ranges: list[tuple[int, int]] = field(default_factory=list)
    groups: dict[int, list[_Pending]] = field(default_factory=dict)  # head rows by group
    members: dict[int, int] = field(default_factory=dict)  # group → lines under its head

    # -- the grid's shape -------------------------------------------------------------------

    def read(self, grid: _Grid) -> None:
        """Read one grid. Column meanings carry over to a grid without header rows: a
        table that continues on the next page of a PDF does not repeat its years."""
        self.year = grid.year
        width = max((len(r) for r in grid.rows), default=0)
        rows = [r + (None,) * (width - len(r)) for r in grid.rows]
        headers = {i for i, row in enumerate(rows) if self._is_header(row)}
        blocks, attributes = self._blocks(rows, headers, width, grid.lead)
        carried = bool(self.columns) and not headers
        if not carried:
            self.columns = {}
        index = 0
        while index < len(rows):
            if index in headers:
                stack = [rows[index]]
                while index + 1 in headers:
                    index += 1
                    stack.append(rows[index])
                self._header(stack, blocks, width)
            else:
                for block in blocks:
                    self._row(rows[index], block, attributes)
            index += 1
        for block in blocks:
            self._close_group(block)

    def _is_header(self, row: tuple[_Cell | None, ...]) -> bool:
        """A row naming the amount columns: years, a total, "Montant", a nature; and no
        amount that is not a year."""
        cells = [c for c in row if c is not None]
        years = 0
        words = 0
        for c in cells:
            folded = fold(c.text)
            if c.amount is not None:
                if c.amount == c.amount.to_integral() and 2020 <= c.amount <= 2049:
                    years += 1
                    continue
                if not _RELATIVE_YEAR.match(folded):
                    return False
            if _YEAR_HEADER.match(folded) or _RELATIVE_YEAR.match(folded):
                years += 1
            elif (
                _TOTAL_HEADER.search(folded)
                or _AMOUNT_HEADER.search(folded)
                or _LABEL_HEADER.match(folded)
                or _IGNORED_HEADER.match(folded)
                or self._section_of(folded)
                or folded in ("fonctionnement", "investissement", "fonct", "invest")
            ) and len(folded) <= 40:
                words += 1
        if years >= 2:
            return True
        amount_words = sum(
            1
            for c in cells[1:]
            if _TOTAL_HEADER.search(fold(c.text)) or _AMOUNT_HEADER.search(fold(c.text))
        )
        return (years >= 1 and words >= 1) or (amount_words >= 1 and words >= 2)

    def _blocks(
        self, rows: list[tuple[_Cell | None, ...]], headers: set[int], width: int, lead: int
    ) -> tuple[list[_Block], dict[int, str]]:
        """Label columns and the amount columns to their right, and the columns that give
        each line's nature, section or year. Only rows with amounts count: headers such as
        "I. Fonctionnement" often stand in a column of their own, left of the labels.
        Numbers left of the first label column are account or line numbers, part of the
        label."""
        data = [
            row
            for i, row in enumerate(rows)
            if i not in headers and i >= lead and any(c and c.amount is not None for c in row)
        ]
        if not data:  # text only: titles and notes, read for their HT/TTC
            return [_Block(label=0, texts=list(range(width)), amounts=[], end=width)], {}
        attributes = self._attributes(rows, data, headers, width)
        text_count = [0] * width
        amount_count = [0] * width
        for row in data:
            for c, cell in enumerate(row):
                if cell is not None and c not in attributes:
                    if cell.amount is None:
                        text_count[c] += 1
                    else:
                        amount_count[c] += 1
        text_columns = [c for c in range(width) if text_count[c] > amount_count[c]]
        if not text_columns:  # amounts only: nothing says what they are
            every = list(range(width))
            return [_Block(label=-1, texts=[], amounts=every, end=width, used=every)], attributes
        labels = [max(text_columns, key=lambda c: (text_count[c], -c))]
        for c in text_columns:
            between = [a for a in range(labels[-1] + 1, c) if amount_count[a] > text_count[a]]
            if c > labels[-1] and between and text_count[c] >= 3:
                labels.append(c)
        blocks = []
        for n, label in enumerate(labels):
            start = 0 if n == 0 else label
            end = labels[n + 1] if n + 1 < len(labels) else width
            texts = [
                c
                for c in range(start, end)
                if (c in text_columns or c <= label) and c not in attributes
            ]
            amounts = [c for c in range(label + 1, end) if c not in texts and c not in attributes]
            used = [c for c in amounts if amount_count[c]]
            blocks.append(_Block(label, texts, amounts, start=start, end=end, used=used))
        return blocks, attributes

    def _attributes(
        self,
        rows: list[tuple[_Cell | None, ...]],
        data: list[tuple[_Cell | None, ...]],
        headers: set[int],
        width: int,
    ) -> dict[int, str]:
        """Text columns that give each line's nature, section or year ("Fonctionnement" in
        a column beside the label, or a year column in a long list)."""
        found: dict[int, str] = {}
        for c in range(width):
            values = [fold(cell.text) for row in data if (cell := row[c]) is not None]
            if len(values) < 2:
                continue
            natures = sum(1 for v in values if _NATURE_WORD.fullmatch(v) or v in ("f", "i"))
            sections = sum(
                1 for v in values if _DEPENSES_WORD.fullmatch(v) or _RECETTES_WORD.fullmatch(v)
            )
            years = sum(1 for v in values if _YEAR.fullmatch(v))
            header = fold(" ".join(_texts(rows, c, headers)))
            if natures >= 0.8 * len(values):
                found[c] = "nature"
            elif sections >= 0.8 * len(values):
                found[c] = "section"
            elif years >= 0.8 * len(values) and re.search(r"\b(annee|exercice)\b", header):
                found[c] = "year"
        return found

    # -- header rows ------------------------------------------------------------------------

    def _header(
        self, stack: list[tuple[_Cell | None, ...]], blocks: list[_Block], width: int
    ) -> None:
        """Column meanings from one header row, or several stacked ("2027" over
        "Fonctionnement | Investissement"), where a merged cell spans the columns after it."""
        self.columns = {}
        texts: list[list[str]] = [[] for _ in range(width)]
        for depth, row in enumerate(stack):
            spanning = None
            for c in range(width):
                cell = row[c]
                if cell is not None:
                    spanning = cell
                    texts[c].append(cell.text)
                    self._basis_from(cell.text, cell.where, "en-tête de colonne")
                elif spanning is not None and depth < len(stack) - 1:
                    texts[c].append(spanning.text)
        for block in blocks:
            label = " ".join(texts[block.label]) if block.label >= 0 else ""
            section = self._section_of(fold(label))
            if section:
                block.section, block.section_header = section, label
                block.nature = None
            columns = {c: self._column(" ".join(texts[c])) for c in block.amounts}
            # "Montant des dépenses" over the only column says nothing of the recettes below
            # it: a section is the column's own only when columns split dépenses and recettes.
            if len({column.section for column in columns.values()} - {None}) < 2:
                for column in columns.values():
                    column.section = None
            self.columns.update(columns)

    def _column(self, header: str) -> _Column:
        """What a column header says: a year, a total, a nature, a section, or just
        "Montant"; a header saying none of these leaves its amounts unplaced."""
        folded = fold(header)
        column = _Column(header=header)
        if not folded or _IGNORED_HEADER.match(folded):
            return column
        years = sorted({int(y) for y in _YEAR.findall(folded)})
        nature = _NATURE_WORD.search(folded)
        if nature:
            column.nature = FONCTIONNEMENT if nature.group(1) else INVESTISSEMENT
            column.known = True
        section = _SECTION_IN_HEADER.search(folded)
        if section:
            column.section = DEPENSES if section.group(1) else RECETTES
            column.known = True
        relative = _RELATIVE_YEAR.search(folded)
        if _TOTAL_HEADER.search(folded) or len(years) >= 2:
            column.total = column.known = True
        elif len(years) == 1:
            column.year, column.known = years[0], True
        elif relative:
            column.relative = int(relative.group(1) or relative.group(2) or 0) + (
                1 if folded.startswith("n") else 0
            )
            column.known = True
        elif _AMOUNT_HEADER.search(folded):
            column.known = True
        return column

    # -- rows -------------------------------------------------------------------------------

    def _row(
        self,
        row: tuple[_Cell | None, ...],
        block: _Block,
        attributes: dict[int, str],
    ) -> None:
        """One row of a block: a context row when it has no amount, else one line per
        amount; what cannot be a line goes to ``unplaced``."""
        label_cells = [cell for c in block.texts if (cell := row[c]) is not None]
        label = " — ".join(c.text for c in label_cells)
        amounts = [(c, row[c]) for c in block.amounts if row[c] is not None]
        values = [(c, cell) for c, cell in amounts if cell is not None and cell.amount is not None]
        for _, cell in amounts:
            if cell is not None and cell.amount is None:
                # "HT" typed beside its label ("Investissement présenté en : | HT"): the label
                # says which nature the basis is for.
                self._basis_from(
                    f"{label} {cell.text}" if label else cell.text, cell.where, "texte"
                )
        folded = fold(label)
        account = _ACCOUNT.match(label)
        account_number = account.group(1) if account and _account_side(account.group(1)) else None
        if not values:
            texts = [c for c in row[block.start : block.end] if c is not None and c.amount is None]
            if texts:
                self._context(texts[0], block)
            if account_number:
                self._open_account(block, account_number, label)
            for _, cell in amounts:
                if cell is not None and cell.amount is None and texts and cell is not texts[0]:
                    self._unplaced_text(cell)
            return
        if not label:
            shown = ", ".join(f"« {cell.text} »" for _, cell in values)
            self.unplaced.append(f"{values[0][1].where} : {shown} sans libellé")
            return
        if _NOT_A_LINE.match(folded):
            return
        for _, cell in amounts:
            if cell is not None and cell.amount is None:
                self._unplaced_text(cell)
        if account_number:
            self._close_group(block)
            self._open_account(block, account_number, label)
        if block.contributions or _CONTRIBUTIONS.search(folded):
            shown = ", ".join(f"« {cell.text} »" for _, cell in values)
            self.unplaced.append(
                f"{values[0][1].where} : « {label} » {shown} — contribution volontaire en "
                "nature, hors du budget en argent"
            )
            return
        is_total = bool(_TOTAL_ROW.search(folded))
        if is_total:
            self._close_group(block)
        attribute = {kind: cell for c, kind in attributes.items() if (cell := row[c]) is not None}
        for c, cell in values:
            assert cell.amount is not None
            self._line(block, label, folded, c, cell, is_total, attribute, account_number)

    def _line(
        self,
        block: _Block,
        label: str,
        folded: str,
        column_index: int,
        cell: _Cell,
        is_total: bool,
        attribute: dict[str, _Cell],
        account: str | None,
    ) -> None:
        """One amount of a row, placed by what is nearest to it: its column's header, an
        attribute column, the row's own words (a total names its section), its account,
        then the section and nature rows above it."""
        assert cell.amount is not None
        # Without a header, a single column of amounts is the amount of each line.
        column = self.columns.get(column_index) or _Column(known=len(block.used) == 1)
        if not column.known:
            self.unplaced.append(
                f"{cell.where} : « {cell.text} » ({label}) dans une colonne sans en-tête "
                "d'année ni de total"
            )
            return
        context = []
        section = column.section
        if section is None and "section" in attribute:
            section = self._section_of(fold(attribute["section"].text))
        named = self._section_of(folded.removeprefix("total ").removeprefix("sous total "))
        if section is None and is_total and named:
            section = named
        if section is None and account:
            section = _account_side(account)[0]
            context.append(f"compte {account}")
        if section is None:
            section = block.section
            if section:
                context.append(f"section « {block.section_header} »")
        elif column.section:
            context.append(f"colonne « {column.header} »")
        nature = column.nature
        if nature is None and "nature" in attribute:
            nature = _nature_of(fold(attribute["nature"].text))
            context.append(f"nature « {attribute['nature'].text} »")
        label_nature = _NATURE_WORD.search(folded)
        if nature is None and is_total:
            if label_nature:
                nature = FONCTIONNEMENT if label_nature.group(1) else INVESTISSEMENT
            elif _SUBTOTAL.search(folded):
                nature = block.nature
        elif nature is None:
            nature = block.nature
            if nature and block.nature_header:
                context.append(f"sous « {block.nature_header} »")
            if nature is None and (account or block.account):
                nature = _account_side(account or block.account or "")[1]
                if nature:
                    context.append(f"compte {account or block.account}")
        year = column.year
        if year is None and "year" in attribute:
            match = _YEAR.search(attribute["year"].text)
            year = int(match.group(1)) if match else None
        if year is None and not column.total and column.relative is None:
            year = self.year
        if block.account_header and not account:
            context.append(f"sous « {block.account_header} »")
        pending = _Pending(
            label=label,
            section=section,
            nature=nature,
            year=year,
            relative=column.relative,
            amount=cell.amount,
            source=cell.source,
            where=cell.where,
            is_total=is_total or column.total,
            context=context,
            account=account or block.account,
            block=id(block),
        )
        self.pending.append(pending)
        if block.group is not None and not is_total:
            if account:
                self.groups.setdefault(block.group, []).append(pending)
            elif not column.total:
                self.members[block.group] = self.members.get(block.group, 0) + 1

    def _unplaced_text(self, cell: _Cell) -> None:
        if not (_TTC.search(cell.text) or _HT.search(cell.text)):
            self.unplaced.append(f"{cell.where} : « {cell.text} » n'est pas un montant")

    # -- context rows -----------------------------------------------------------------------

    def _context(self, cell: _Cell, block: _Block) -> None:
        """A row without amounts: a title, a section, a nature, a year, or a note."""
        label = cell.text
        if _RUN_OF_AMOUNTS.search(label):
            self.unplaced.append(
                f"{cell.where} : « {label} » — des montants que rien ne sépare en colonnes"
            )
        self._basis_from(label, cell.where, "titre" if not self.pending else "texte")
        for found in _YEAR.finditer(label):
            following = _YEAR.search(label, found.end())
            if following and label[found.end() : following.start()].strip() in ("-", "–", "à", "a"):
                self.ranges.append((int(found.group(1)), int(following.group(1))))
        folded = _ENUMERATION.sub("", fold(label), count=1)
        if len(folded) > 90:
            return  # a note
        year = _YEAR_HEADER.match(folded)
        if year:
            self.year = int(year.group(1))
            return
        if _CONTRIBUTIONS.search(folded):
            block.contributions = True
            return
        section = self._section_of(folded)
        nature = _NATURE_HEADER.match(folded)
        if section:
            self._close_group(block)
            if section == RECETTES and block.section is None:
                # Lines above a lone "Recettes" header are the dépenses.
                for p in self.pending:
                    if p.section is None and p.block == id(block):
                        p.section = DEPENSES
                        p.context.append(f"au-dessus de « {label} »")
            block.section, block.section_header = section, label
            block.nature, block.nature_header = None, ""
            block.account, block.account_header = None, ""
            block.contributions = False
        if nature:
            self._close_group(block)
            block.nature = _nature_of(nature.group(1))
            block.nature_header = label
            block.account, block.account_header = None, ""

    @staticmethod
    def _section_of(folded: str) -> str | None:
        if _DEPENSES_WORD.match(folded):
            return DEPENSES
        if _RECETTES_WORD.match(folded):
            return RECETTES
        return None

    def _open_account(self, block: _Block, account: str, label: str) -> None:
        side = _account_side(account)
        if side[0] == "contributions":
            block.contributions = True
            return
        block.contributions = False
        block.account, block.account_header = account, label
        block.group = len(self.members) + 1  # every group opened has its entry there
        self.members[block.group] = 0

    def _close_group(self, block: _Block) -> None:
        """An account head row with amounts over detail lines is their subtotal."""
        if block.group is not None:
            heads = self.groups.get(block.group, [])
            if heads and self.members.get(block.group):
                for head in heads:
                    head.is_total = True
                    head.context.append(f"sous-total du compte {head.account}")
        block.group = None

    # -- HT / TTC ---------------------------------------------------------------------------

    def _basis_from(self, text: str, where: str, kind: str) -> None:
        """HT or TTC stated in ``text``, for the nature named in the same clause if any."""
        for clause in re.split(r"[;,.\n]|\s[—–-]\s", text):
            for pattern, basis in ((_TTC, "TTC"), (_HT, "HT")):
                match = pattern.search(clause)
                if not match:
                    continue
                if basis == "HT" and not (_HT_UPPER.search(clause) or "hors" in clause.lower()):
                    continue
                nature = _NATURE_WORD.search(fold(clause))
                scope = (
                    "all"
                    if nature is None
                    else (FONCTIONNEMENT if nature.group(1) else INVESTISSEMENT)
                )
                self.statements.append(_BasisStatement(scope, basis, f"{kind}, {where}", text))
                break


def _texts(rows: list[tuple[_Cell | None, ...]], column: int, headers: set[int]) -> list[str]:
    """Texts of a column in the header rows."""
    return [cell.text for i, row in enumerate(rows) if i in headers and (cell := row[column])]


def _nature_of(word: str) -> str:
    return INVESTISSEMENT if word.startswith("invest") else FONCTIONNEMENT


def _account_side(account: str) -> tuple[str, str | None]:
    """Section and nature an account of the chart of accounts implies: 60–69 charges and
    70–79 produits of fonctionnement, 20–23 investment expenses, 10–16 investment
    resources (13: subventions d'investissement), 86–87 contributions en nature."""
    head = int(account[:2])
    if 60 <= head <= 69:
        return DEPENSES, FONCTIONNEMENT
    if 70 <= head <= 79:
        return RECETTES, FONCTIONNEMENT
    if 20 <= head <= 23:
        return DEPENSES, INVESTISSEMENT
    if 10 <= head <= 16:
        return RECETTES, INVESTISSEMENT
    if head in (86, 87):
        return "contributions", None
    return "", None


# --------------------------------------------------------------------------------------------
# Classification and result
# --------------------------------------------------------------------------------------------


def _region_kind(label: str, nature: str | None) -> tuple[str | None, str, bool]:
    """The kind of Région aid a recettes line is, the evidence, and whether it is a guess
    that the budget should make explicit."""
    folded = fold(label)
    region = _REGION.search(folded)
    if region is None or _NOT_REGION.search(folded):
        return None, "", False
    words = f"« {region.group(0)} »"
    animation = _AID_ANIMATION.search(folded)
    equipment = _AID_EQUIPMENT.search(folded)
    if animation and not equipment:
        return "animation", f"{words} et « {animation.group(0)} » dans le libellé", False
    if equipment and not animation:
        return "equipement", f"{words} et « {equipment.group(0)} » dans le libellé", False
    if nature == INVESTISSEMENT:
        return "equipement", f"{words} dans le libellé, en investissement", False
    if nature == FONCTIONNEMENT:
        return "animation", f"{words} dans le libellé, en fonctionnement", False
    return "animation", f"{words} dans le libellé, ni animation ni équipement précisés", True


def _is_animation(label: str) -> str | None:
    """Why a dépenses line is animation (the animator's pay, animation services), or None."""
    folded = fold(label)
    if _NOT_ANIMATION.search(folded) and not _SERVICES.search(folded):
        return None
    animator = _ANIMATOR.search(folded)
    paid = _PAID.search(folded)
    if animator and (paid or folded.startswith(animator.group(0))):
        return f"« {animator.group(0)} »" + (f" et « {paid.group(0)} »" if paid else "")
    services = _SERVICES.search(folded)
    work = _ANIMATION_WORK.search(folded)
    if services and work:
        return f"« {services.group(0)} » et « {work.group(0)} »"
    if animator and services:
        return f"« {services.group(0)} » et « {animator.group(0)} »"
    if folded.startswith("animation"):
        return "« animation » en tête du libellé"
    return None


def _finish(reader: _Reader, file: str, notes: list[str]) -> BudgetFacts:
    unplaced = list(notes) + reader.unplaced
    base = min(reader.ranges)[0] if reader.ranges else None
    lines: list[BudgetLine] = []
    guessed: set[str] = set()
    outside: set[tuple[str, str]] = set()
    for p in reader.pending:
        year = p.year
        if p.relative is not None:
            if base is None:
                unplaced.append(
                    f"{p.where} : « {p.label} » en année {p.relative} du projet, année civile "
                    "non indiquée"
                )
                continue
            year = base + p.relative - 1
        if p.section not in (DEPENSES, RECETTES):
            if (p.source, p.label) not in outside:
                outside.add((p.source, p.label))
                unplaced.append(f"{p.where} : « {p.label} » hors des sections dépenses et recettes")
            continue
        evidence = list(p.context)
        region = None
        animation = False
        # A total row sums lines of several kinds; a total column is its line's total.
        total_row = bool(_TOTAL_ROW.search(fold(p.label)))
        if p.section == RECETTES and not total_row:
            region, why, guess = _region_kind(p.label, p.nature)
            if region:
                evidence.append(f"aide de la Région : {why}")
                if guess and p.label not in guessed:
                    guessed.add(p.label)
                    unplaced.append(
                        f"{p.where} : « {p.label} » — aide de la Région sans dire si elle est "
                        "pour l'animation ou l'équipement (comptée en animation)"
                    )
        elif p.section == DEPENSES and p.nature != INVESTISSEMENT and not total_row:
            why_animation = _is_animation(p.label)
            if why_animation:
                animation = True
                evidence.append(f"dépense d'animation : {why_animation}")
        if p.is_total:
            evidence.insert(0, "ligne de total" if total_row else "colonne de total")
        lines.append(
            BudgetLine(
                label=p.label,
                section=p.section,
                nature=p.nature,
                year=year,
                amount=p.amount,
                source=p.source,
                is_total=p.is_total,
                region_aid=region,
                animation=animation,
                evidence=" ; ".join(evidence),
            )
        )
    basis, basis_source, conflicts = _basis(reader.statements)
    unplaced += conflicts
    years = tuple(sorted({line.year for line in lines if line.year is not None}))
    budget = BudgetFacts(file, basis, basis_source, years, tuple(lines), tuple(unplaced), ())
    return BudgetFacts(**{**budget.__dict__, "facts": _facts(budget)})


def _basis(statements: list[_BasisStatement]) -> tuple[dict[str, str], str | None, list[str]]:
    """The basis per nature when the budget states it so, else for all of it; the first
    statement of each scope wins, and a later one that contradicts it is reported."""
    first: dict[str, _BasisStatement] = {}
    conflicts = []
    for statement in statements:
        kept = first.setdefault(statement.scope, statement)
        if kept.basis != statement.basis:
            conflicts.append(
                f"{statement.source.split(', ', 1)[-1]} : « {statement.text} » dit "
                f"{statement.basis}, mais {kept.source.split(', ', 1)[-1]} dit {kept.basis}"
            )
    natures = {s: first[s] for s in (FONCTIONNEMENT, INVESTISSEMENT) if s in first}
    if not natures:
        if "all" not in first:
            return {}, None, conflicts
        return {"all": first["all"].basis}, first["all"].source, conflicts
    chosen = dict(natures)
    if "all" in first:
        for nature in (FONCTIONNEMENT, INVESTISSEMENT):
            chosen.setdefault(nature, first["all"])
    sources = list(dict.fromkeys(s.source for s in chosen.values()))
    return {k: v.basis for k, v in chosen.items()}, " ; ".join(sources), conflicts


def _plain(value: Decimal) -> str:
    if value == value.to_integral():
        return str(value.quantize(Decimal(1)))
    return str(value.quantize(Decimal("0.01")))


def _page(source: str) -> int | None:
    match = re.match(r"p\. (\d+)$", source)
    return int(match.group(1)) if match else None


def _facts(b: BudgetFacts) -> tuple[Fact, ...]:
    facts = []

    def add(name: str, value: str, evidence: str, page: int | None = None) -> None:
        facts.append(Fact(name, value, "inferred", b.file, page, evidence))

    if b.basis:
        value = (
            b.basis["all"]
            if set(b.basis) == {"all"}
            else ", ".join(f"{k} {v}" for k, v in b.basis.items() if k != "all")
        )
        add("budget.basis", value, b.basis_source or "", _page(b.basis_source or ""))
    if b.years:
        add("budget.years", ", ".join(str(y) for y in b.years), "colonnes ou tableaux d'années")
    if b.lines:
        add("budget.total_depenses", _plain(b.total(DEPENSES)), "somme des lignes de dépenses")
        add("budget.total_recettes", _plain(b.total(RECETTES)), "somme des lignes de recettes")
    for year in b.years or (None,):
        aid = b.region_aid("animation", year)
        if aid is not None:
            name = "budget.region_animation" + (f".annee_{year}" if year else "")
            first = next(
                line for line in b.lines if line.region_aid == "animation" and line.year == year
            )
            add(name, _plain(aid), f"{first.label} ({first.source})", _page(first.source))
    equipment = b.region_aid("equipement")
    if equipment is not None:
        first = next(line for line in b.lines if line.region_aid == "equipement")
        add("budget.region_equipement", _plain(equipment), f"{first.label} ({first.source})")
    return tuple(facts)


@dataclass(frozen=True)
class RegionFigures:
    """The Région's aid as another piece (the dossier technique) states it in a summary table:
    (``animation`` or ``equipement``, year or None for the total column) → amount."""

    file: str
    amounts: dict[tuple[str, int | None], Decimal]
    source: str


def region_figures(f: DossierFile) -> RegionFigures | None:
    """The Région lines of the word-processor tables of ``f``, by year; None without any.

    A summary table repeats the budget's figures without its sections, so it is not read as a
    budget: only its header of years and the rows that name the Région matter.
    """
    document = f.document
    if document is None or document.is_scanned:
        return None
    tables = document.tables
    if f.type == "pdf":
        from dossierkit.reading.pdftables import read_tables

        # Only the pages whose text names the Région beside amounts can hold its figures.
        candidates = {
            p.number
            for p in document.pages
            if _REGION.search(fold(p.text)) and find_amounts(p.text)
        }
        if not candidates:
            return None
        try:
            tables = read_tables(
                f.entry.path, candidates, ocr={p.number: p for p in document.pages if p.words}
            )
        except ReadError:
            return None
    for table in tables:
        header = next((row for row in table.rows if any(_year_of(v) for v in row)), None)
        if header is None:
            continue
        columns = {i: _year_of(v) for i, v in enumerate(header) if _year_of(v) or _is_total(v)}
        amounts: dict[tuple[str, int | None], Decimal] = {}
        for row in table.rows:
            label = fold(str(row[0] or ""))
            if not _REGION.search(label) or _NOT_REGION.search(label):
                continue
            kind = "equipement" if _AID_EQUIPMENT.search(label) else "animation"
            for i, year in columns.items():
                value = row[i] if i < len(row) else None
                amount = value if isinstance(value, Decimal) else parse_amount(str(value or ""))
                if amount is not None:
                    amounts[(kind, year)] = amounts.get((kind, year), Decimal(0)) + amount
        if amounts:
            return RegionFigures(f.rel, amounts, table.name)
    return None


def _year_of(value: object) -> int | None:
    text = str(value or "").strip()
    return int(text) if re.fullmatch(r"20[2-4]\d", text) else None


def _is_total(value: object) -> bool:
    return bool(_TOTAL_HEADER.search(fold(str(value or ""))))


def read_budget(grids: Iterable[_Grid], file: str, notes: list[str]) -> BudgetFacts:
    """Read grids of cells into the structured budget."""
    reader = _Reader()
    for grid in grids:
        reader.read(grid)
    return _finish(reader, file, notes)


def _figures_doubt(document: Document) -> tuple[float, int] | None:
    """(confidence, page) of the least sure figure OCR read, when it is below
    ``LOW_CONFIDENCE``: the words with digits and no letters of the pages it read."""
    unsure = [
        (word.confidence, page.number)
        for page in document.pages
        for word in page.words
        if word.confidence < LOW_CONFIDENCE
        and any(c.isdigit() for c in word.text)
        and not any(c.isalpha() for c in word.text)
    ]
    return min(unsure) if unsure else None


def parse(f: DossierFile, call: Call) -> BudgetFacts:
    """Read the budget in ``f``, whatever its format and layout; never raises."""
    try:
        grids, notes = _grids(f)
        if not grids and not notes:
            notes = ["aucun tableau ni montant trouvé dans le budget"]
        budget = read_budget(grids, f.rel, notes)
        return replace(budget, ocr_doubt=_figures_doubt(f.document)) if f.document else budget
    except Exception as exc:  # a stranger's budget must give a finding, never a traceback
        return BudgetFacts(
            f.rel, {}, None, (), (), (f"le budget n'a pas pu être lu ({type(exc).__name__})",), ()
        )
