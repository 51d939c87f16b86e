"""Reading the grids as a person would: header rows say what each column is, rows without
amounts open a section, a nature, a year or an account, rows with amounts are lines."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal

from dossierkit.amounts import parse_amount
from dossierkit.fact import Fact
from dossierkit.pieces.budget.grids import Cell, Grid
from dossierkit.pieces.budget.model import (
    DEPENSES,
    FONCTIONNEMENT,
    INVESTISSEMENT,
    RECETTES,
    BudgetFacts,
    BudgetLine,
)
from dossierkit.pieces.budget.transpose import transposed
from dossierkit.pieces.budget.words import (
    ACCOUNT,
    ACTIVITY,
    ACTIVITY_WORDS,
    AID_ANIMATION,
    AID_EQUIPMENT,
    AMOUNT_BASIS,
    AMOUNT_HEADER,
    ANIMATION_OPENING,
    ANIMATION_WORK,
    ANIMATOR,
    BARE_SERVICES,
    BASIS_HEADER,
    CONTRIBUTIONS,
    DATED_NUMBER,
    DEPENSES_WORD,
    ENUMERATION,
    EQUIPMENT_LINE,
    EURO_HEADER,
    FISCAL_YEAR,
    FORMULA_ERROR,
    FUNDER,
    HT,
    HT_UPPER,
    IGNORED_HEADER,
    INCOME_WORDS,
    LABEL_HEADER,
    NATURE_HEADER,
    NATURE_WORD,
    NOT_A_LINE,
    NOT_ANIMATION,
    NOT_EQUIPMENT_LINE,
    NOT_REGION,
    PAID,
    PREFIX_WORDS,
    PROJECT_PERIOD,
    RECETTES_WORD,
    REGION,
    RUN_OF_AMOUNTS,
    SECTION_IN_HEADER,
    SECTION_PREFIX,
    SERVICES,
    SMALL_SUPPLIES,
    SPEAKERS,
    SPENDING_WORDS,
    SUBTOTAL,
    SUMMARY_ROW,
    SUPPLIES_OF,
    THOUSANDS,
    TOTAL_HEADER,
    TOTAL_ROW,
    TTC,
    YEAR,
    YEAR_HEADER,
    basis_spelled,
    beside_amounts,
    project_year,
)
from dossierkit.text import fold


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
    # A header says it holds no amounts of the budget: shares (« % »), rates, quantities.
    ignored: bool = False
    number: int | None = None  # « Année 1 – 2028 »: dated, and numbered 1
    season: int | None = None  # « 2027-2028 »: a year that starts in 2027, or a total
    basis: str | None = None  # « 2027 HT », « Total TTC »: the basis its header states
    # Its block gives the amounts in both bases (« 2027 HT | 2027 TTC »): one year in two
    # bases, of which the budget retains one (``_finish``), never their sum.
    split: bool = False

    def meaning(self) -> tuple[object, ...]:
        """What the column holds, but its basis: « 2027 HT » and « 2027 TTC » hold the same."""
        return (self.year, self.relative, self.total, self.nature, self.section, self.season)


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
    funder: str = ""  # the form's « Région(s) : » over its free line « - … »
    # Its nature came from its label's words (« Machines », « Acquisition ») or from a
    # nature row above it, not from its column or account: a subtotal under it that names
    # a nature (« Sous-total investissement ») has the last word.
    guessed: bool = False
    worded: bool = False  # its nature is its label's words' only: not evidence of the aid's kind
    animated: str = ""  # the title that calls the whole operating budget the animation
    basis: str | None = None  # its column's basis, when its block gives both (``_Column.split``)
    # The bases its row gives this amount in (« 2027 HT » and « 2027 TTC » filled, or one).
    row_bases: frozenset[str] = frozenset()


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
    # The recettes were totalled (« TOTAL DES PRODUITS »): a nature row after it
    # (« INVESTISSEMENT ») opens a block of both sections, each line placed by its words.
    totalled: bool = False
    by_words: bool = False
    # The CERFA's funder row (« Région(s) : », « Département(s) : ») over the free lines
    # (« - … ») where the applicant names the aid: what they type need not name the Région.
    funder: str = ""
    # The lines read since the last total row: a subtotal that names a nature (« Sous-total
    # investissement ») gives it to those of them that no header placed.
    since: list[_Pending] = field(default_factory=list)


# What a block knows from the rows above its lines: the section, nature, account and funder
# they stand under, and whether the recettes were totalled.
_CONTEXT = (
    "section",
    "nature",
    "section_header",
    "nature_header",
    "account",
    "account_header",
    "contributions",
    "totalled",
    "by_words",
    "funder",
)


def _data_rows(
    rows: list[tuple[Cell | None, ...]], headers: set[int], lead: int
) -> list[tuple[Cell | None, ...]]:
    """The rows of the table (not a header, not the text before it) that hold an amount."""
    return [
        row
        for i, row in enumerate(rows)
        if i not in headers and i >= lead and any(c and c.amount is not None for c in row)
    ]


def _row_texts(row: tuple[Cell | None, ...]) -> tuple[str, ...]:
    return tuple(c.text for c in row if c is not None)


def _go_on(before: list[_Block], after: list[_Block]) -> None:
    """Give the blocks of a page the context the same blocks had at the foot of the page
    before: a table cut by a page break (a word processor repeats no header unless told)
    goes on under the « Recettes » row that ended the page before, and its lines are
    recettes, not lines « hors des sections »."""
    if len(before) != len(after):
        return
    for old, new in zip(before, after, strict=True):
        if (old.label, old.amounts) == (new.label, new.amounts):
            for name in _CONTEXT:
                setattr(new, name, getattr(old, name))


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
    # The project's year a sheet (« Année 2 ») or a block title (« ANNÉE 2 ») numbers.
    ordinal: int | None = None
    pending: list[_Pending] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    statements: list[_BasisStatement] = field(default_factory=list)
    ranges: list[tuple[int, int]] = field(default_factory=list)
    groups: dict[int, list[_Pending]] = field(default_factory=dict)  # head rows by group
    members: dict[int, int] = field(default_factory=dict)  # group → lines under its head
    text_amounts: list[str] = field(default_factory=list)
    contributions: list[BudgetLine] = field(default_factory=list)
    numbered: set[int] = field(default_factory=set)  # contributions in a numbered year
    # The calendar year of « Année 1 » that headers numbering and dating their years give
    # (« Année 0 – 2027 | Année 1 – 2028 » → 2028).
    dated_ones: set[int] = field(default_factory=set)
    formula_errors: list[str] = field(default_factory=list)
    figures: int = 0  # rows with an amount other than zero
    amount_bases: set[tuple[str | None, str]] = field(default_factory=set)  # "6 000 € HT"
    blocks: list[_Block] = field(default_factory=list)  # the last grid's, for the next page
    heading: tuple[str, ...] = ()  # the last header row's texts, to know it when repeated
    # Header rows alone at the foot of a page: they head the amounts of the next page.
    waiting: list[tuple[Cell | None, ...]] = field(default_factory=list)
    # The grid's statement that its amounts are in thousands of euros (« (en k€) »): its
    # amounts are multiplied by 1000; none, they are euros.
    thousands: Cell | None = None
    # « Budget prévisionnel de fonctionnement – animation du réseau »: the applicant says
    # the operating costs under it are the animation, each of them.
    animated: str = ""

    # -- the grid's shape -------------------------------------------------------------------

    def read(self, grid: Grid) -> None:
        """Read one grid. Column meanings carry over to a grid without header rows: a
        table that continues on the next page of a PDF does not repeat its years, nor a form
        of one year cut by a page break its « Exercice 2029 »: a page goes on in the year the
        page before ended in."""
        if grid.year is not None or not grid.page:
            self.year = grid.year
            self.ordinal = None if grid.page else project_year(fold(grid.name), grid.name)
        if not grid.page:
            self.animated = ""
        stated = _thousands(grid)
        if stated is not None or not grid.page:  # a page goes on in the unit of the last
            self.thousands = stated
        waiting, self.waiting = (self.waiting if grid.page else []), []
        width = max((len(r) for r in (*waiting, *grid.rows)), default=0)
        rows = [r + (None,) * (width - len(r)) for r in (*waiting, *grid.rows)]
        headers = {i for i, row in enumerate(rows) if self._is_header(row)}
        if grid.page and headers and not _data_rows(rows, headers, grid.lead):
            self.waiting = [rows[i] for i in sorted(headers)]
            rows = [row for i, row in enumerate(rows) if i not in headers]
            headers = set()
        for i in sorted(headers):
            # A caption merged over the years ("Montants par année") or a "Total" merged
            # over two header rows stands alone on the row above: it belongs to the header.
            above = i - 1
            while above >= 0 and above not in headers and _caption(rows[above]):
                headers.add(above)
                above -= 1
        repeated = self._repeated_header(grid, rows, headers)
        headers -= repeated
        blocks, attributes = self._blocks(rows, headers | repeated, width, grid.lead)
        carried = bool(self.columns) and not headers
        if not carried:
            self.columns = {}
        elif grid.page:
            _go_on(self.blocks, blocks)
        self.blocks = blocks
        if grid.section is not None:
            for block in blocks:  # a sheet named « Dépenses »: its own side, until a row says
                block.section, block.section_header = grid.section, grid.name
        index = 0
        while index < len(rows):
            if index in headers:
                stack = [rows[index]]
                while index + 1 in headers:
                    index += 1
                    stack.append(rows[index])
                self._header(stack, blocks, width)
                self.heading = _row_texts(stack[-1])
            elif index in repeated:
                pass
            else:
                for block in blocks:
                    self._row(rows[index], block, attributes)
            index += 1
        for block in blocks:
            self._close_group(block)

    def _repeated_header(
        self, grid: Grid, rows: list[tuple[Cell | None, ...]], headers: set[int]
    ) -> set[int]:
        """The header row a word processor repeats at the top of the next page (« Dépenses |
        2027 | 2028 | 2029 | Total », when « Répéter la ligne d'en-tête » is ticked): the
        table goes on under the section the page before ended in, not under « Dépenses »
        again. Its index, when the page's first header is the last header read."""
        if not grid.page or not self.columns or not headers:
            return set()
        first = min(headers)
        if _row_texts(rows[first]) != self.heading or any(
            c is not None and c.amount is not None for row in rows[:first] for c in row
        ):
            return set()
        return {first}

    def _is_header(self, row: tuple[Cell | None, ...]) -> bool:
        """A row naming the amount columns: years, a total, "Montant", a nature; and no
        amount that is not a year."""
        cells = [c for c in row if c is not None]
        years = 0
        words = 0
        numbered = any(project_year(fold(c.text), c.text) is not None for c in cells)
        for c in cells:
            folded = fold(c.text)
            if c.amount is not None:
                if c.amount == c.amount.to_integral() and 2020 <= c.amount <= 2049:
                    years += 1
                    continue
                if numbered and _bare_number(c):  # « Année 1 | 2 | 3 »
                    years += 1
                    continue
                if project_year(folded, c.text) is None:
                    return False
            if YEAR_HEADER.match(folded) or project_year(folded, c.text) is not None:
                years += 1
            elif (
                TOTAL_HEADER.search(folded)
                or AMOUNT_HEADER.search(folded)
                or EURO_HEADER.match(c.text)
                or BASIS_HEADER.match(folded)
                or LABEL_HEADER.match(folded)
                or IGNORED_HEADER.match(folded)
                or self._section_of(folded)
                or folded in ("fonctionnement", "investissement", "fonct", "invest")
            ) and len(folded) <= 40:
                words += 1
        if years >= 2:
            return True
        amount_words = sum(
            1
            for c in cells[1:]
            if TOTAL_HEADER.search(fold(c.text))
            or AMOUNT_HEADER.search(fold(c.text))
            or EURO_HEADER.match(c.text)
            or BASIS_HEADER.match(fold(c.text))
        )
        return (years >= 1 and words >= 1) or (amount_words >= 1 and words >= 2)

    def _blocks(
        self, rows: list[tuple[Cell | None, ...]], headers: set[int], width: int, lead: int
    ) -> tuple[list[_Block], dict[int, str]]:
        """Label columns and the amount columns to their right, and the columns that give
        each line's nature, section or year. Only rows with amounts count: headers such as
        "I. Fonctionnement" often stand in a column of their own, left of the labels.
        Numbers left of the first label column are account or line numbers, part of the
        label."""
        data = _data_rows(rows, headers, lead)
        if not data:  # text only: titles and notes, read for their HT/TTC
            return [_Block(label=0, texts=list(range(width)), amounts=[], end=width)], {}
        attributes = self._attributes(rows, data, headers, width)
        text_count = [0] * width
        amount_count = [0] * width
        for row in data:
            for c, cell in enumerate(row):
                # A share (« 75 % ») or a date is neither a label nor an amount: a column
                # of them beside the amounts is no second label column.
                if cell is not None and c not in attributes and not beside_amounts(cell.text):
                    if cell.amount is None:
                        text_count[c] += 1
                    else:
                        amount_count[c] += 1
        text_columns = [c for c in range(width) if text_count[c] > amount_count[c]]
        if not text_columns:  # amounts only: nothing says what they are
            every = list(range(width))
            return [_Block(label=-1, texts=[], amounts=every, end=width, used=every)], attributes
        main = max(text_columns, key=lambda c: (text_count[c], -c))
        # « Dépenses | Montant | | Recettes | Montant »: the recettes' labels may outnumber
        # the dépenses' (a financer more than the costs), the dépenses stand left of them,
        # amounts of their own between.
        left = [
            c
            for c in text_columns
            if c < main
            and text_count[c] >= max(3, text_count[main] // 2)
            and any(amount_count[a] >= 3 > text_count[a] for a in range(c + 1, main))
        ]
        labels = [left[0]] if left else [main]
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
        rows: list[tuple[Cell | None, ...]],
        data: list[tuple[Cell | None, ...]],
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
            natures = sum(1 for v in values if NATURE_WORD.fullmatch(v) or v in ("f", "i"))
            sections = sum(
                1 for v in values if DEPENSES_WORD.fullmatch(v) or RECETTES_WORD.fullmatch(v)
            )
            years = sum(1 for v in values if YEAR.fullmatch(v))
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
        self, stack: list[tuple[Cell | None, ...]], blocks: list[_Block], width: int
    ) -> None:
        """Column meanings from one header row, or several stacked ("2027" over
        "Fonctionnement | Investissement"), where a merged cell spans the columns after it."""
        self.columns = {}
        texts: list[list[str]] = [[] for _ in range(width)]
        stated: list[tuple[int, Cell]] = []
        for depth, row in enumerate(stack):
            spanning = None
            for c in range(width):
                cell = row[c]
                if cell is not None:
                    spanning = cell
                    texts[c].append(cell.text)
                    stated.append((c, cell))
                elif spanning is not None and depth < len(stack) - 1:
                    texts[c].append(spanning.text)
        for block in blocks:
            label = " ".join(texts[block.label]) if block.label >= 0 else ""
            section = self._section_of(fold(label))
            if section:
                # "Recettes d'investissement" over a block under the contributions en nature:
                # a new table, with its own section and nature.
                nature = NATURE_WORD.search(fold(label))
                block.section, block.section_header = section, label
                block.nature = (
                    None if nature is None else _nature_of(nature.group(1) or nature.group(2))
                )
                block.nature_header = label if nature else ""
                block.contributions = False
                block.account, block.account_header = None, ""
                block.since = []
            columns = {c: self._column(" ".join(texts[c])) for c in block.amounts}
            seasons = [c for c in columns.values() if c.season is not None]
            if len({c.season for c in seasons}) >= 2:
                # « 2027-2028 | 2028-2029 | 2029-2030 »: school years, each placed on the
                # year it starts in (as « Année 1 (sept. 2027 – août 2028) »), not totals.
                for column in seasons:
                    column.year, column.total = column.season, False
            if any(column.relative is not None for column in columns.values()):
                # « Année 1 | 2 | 3 »: the numbers after the first name the next years.
                for column in columns.values():
                    if re.fullmatch(r"[0-9]", column.header.strip()):
                        column.relative, column.known = int(column.header), True
            kept = [col for col in columns.values() if col.header.strip() and not col.ignored]
            if len(kept) == 1 and kept[0].total and not YEAR.search(fold(kept[0].header)):
                # « Financeur | Total » with no year beside it: the whole project's amount
                # of each line, not a total of other columns.
                kept[0].total = False
            # "Montant des dépenses" over the only column says nothing of the recettes below
            # it: a section is the column's own only when columns split dépenses and recettes.
            if len({column.section for column in columns.values()} - {None}) < 2:
                for column in columns.values():
                    column.section = None
            bases: dict[tuple[object, ...], set[str]] = {}
            for column in columns.values():
                if column.basis and not column.ignored:
                    bases.setdefault(column.meaning(), set()).add(column.basis)
            for column in columns.values():
                # « Fonctionnement TTC | Investissement HT » are two columns, each in its basis.
                column.split = len(bases.get(column.meaning(), ())) > 1
            years = {c.basis for c in columns.values() if not c.total and not c.ignored}
            for column in columns.values():
                if column.total and column.basis and years == {"HT", "TTC"} - {column.basis}:
                    # « 2027 HT | 2028 HT | 2029 HT | Total TTC »: not the years' total.
                    column.ignored = column.split = True
            self.columns.update(columns)
            self.dated_ones.update(
                c.year - c.number + 1
                for c in columns.values()
                if c.year is not None and c.number is not None
            )
        for c, cell in stated:
            # « 2027 HT | 2027 TTC »: each header states its column's basis, not the budget's.
            if not (c in self.columns and self.columns[c].split):
                self._basis_from(cell.text, cell.where, "en-tête de colonne")

    def _column(self, header: str) -> _Column:
        """What a column header says: a year, a total, a nature, a section, or just
        "Montant"; a header saying none of these leaves its amounts unplaced."""
        folded = fold(header)
        column = _Column(header=header)
        spelled = basis_spelled(header)
        if TTC.search(spelled):
            column.basis = "TTC"
        elif HT.search(spelled) and (HT_UPPER.search(spelled) or "hors" in folded):
            column.basis = "HT"
        if (
            IGNORED_HEADER.match(folded)
            or ("%" in header and not YEAR.search(folded))
            or (column.basis is None and re.search(r"\btva\b", folded))
        ):
            # « TVA 20 % », « Montant de la TVA »: the tax between two bases, no amount of a year.
            column.ignored = True
            return column
        if not folded:  # blank, or the euro sign alone: « Montant »
            column.known = bool(EURO_HEADER.match(header))
            return column
        years = sorted({int(y) for y in YEAR.findall(folded)})
        nature = NATURE_WORD.search(folded)
        if nature:
            column.nature = FONCTIONNEMENT if nature.group(1) else INVESTISSEMENT
            column.known = True
        section = SECTION_IN_HEADER.search(folded)
        if section:
            column.section = DEPENSES if section.group(1) else RECETTES
            column.known = True
        relative = project_year(folded, header)
        period = PROJECT_PERIOD.match(folded)
        if TOTAL_HEADER.search(folded) or (len(years) >= 2 and not period):
            column.total = column.known = True
            if len(years) == 2 and years[1] == years[0] + 1 and not TOTAL_HEADER.search(folded):
                column.season = years[0]
        elif years:
            column.year, column.known = years[0], True
            number = DATED_NUMBER.match(folded)
            column.number = int(number.group(1)) if number else None
        elif relative is not None:
            column.relative, column.known = relative, True
        elif AMOUNT_HEADER.search(folded) or BASIS_HEADER.match(folded):
            column.known = True
        return column

    # -- rows -------------------------------------------------------------------------------

    def _row(
        self,
        row: tuple[Cell | None, ...],
        block: _Block,
        attributes: dict[int, str],
    ) -> None:
        """One row of a block: a context row when it has no amount, else one line per
        amount; what cannot be a line goes to ``unplaced``."""
        label_cells = [cell for c in block.texts if (cell := row[c]) is not None]
        label = " — ".join(c.text for c in label_cells)
        amounts = [(c, row[c]) for c in block.amounts if row[c] is not None]
        values = [(c, cell) for c, cell in amounts if cell is not None and cell.amount is not None]
        for _, cell in values:
            based = AMOUNT_BASIS.match(basis_spelled(cell.text))
            if based and (block.nature, based.group("basis").upper()) not in self.amount_bases:
                # "6 000 € HT": the amounts state the basis of their nature, once is enough.
                self.amount_bases.add((block.nature, based.group("basis").upper()))
                self._basis_from(cell.text, cell.where, "montant", block.nature or "all")
        for _, cell in amounts:
            if cell is not None and cell.amount is None:
                # "HT" typed beside its label ("Investissement présenté en : | HT"): the label
                # says which nature the basis is for.
                self._basis_from(
                    f"{label} {cell.text}" if label else cell.text, cell.where, "texte"
                )
        folded = fold(label)
        account = ACCOUNT.match(label)
        account_number = account.group(1) if account and _account_side(account.group(1)) else None
        if not values:
            # A year alone above the form (« 2027 », in large type) is its title, no amount.
            texts = [
                c
                for c in row[block.start : block.end]
                if c is not None and (c.amount is None or YEAR_HEADER.fullmatch(c.text))
            ]
            if texts:
                self._context(texts[0], block)
            if account_number and not _sub_account(account_number, block.account):
                self._close_group(block)
                self._open_account(block, account_number, label)
            for _, cell in amounts:
                if cell is not None and cell.amount is None and texts and cell is not texts[0]:
                    self._unplaced_text(cell, label)
            return
        if any(cell.amount for _, cell in values) and not NOT_A_LINE.match(folded):
            self.figures += 1
        if not label:
            shown = ", ".join(f"« {cell.text} »" for _, cell in values)
            self.unplaced.append(f"{values[0][1].where} : {shown} sans libellé")
            return
        if NOT_A_LINE.match(folded):
            return
        if NATURE_WORD.search(folded):
            # « Sous-total investissement HT », « Dépenses de fonctionnement (TTC) »: the
            # basis of the nature the row names, stated where its amounts are.
            self._basis_from(label, label_cells[0].where, "libellé")
        for _, cell in amounts:
            if cell is not None and cell.amount is None:
                self._unplaced_text(cell, label)
        if account_number and not _sub_account(account_number, block.account):
            self._close_group(block)
            self._open_account(block, account_number, label)
        if block.contributions or CONTRIBUTIONS.search(folded):
            self._contribution(block, label, folded, account_number, values)
            return
        is_total = bool(TOTAL_ROW.search(folded)) or (
            block.section is None and bool(SUMMARY_ROW.match(folded))
        )
        if is_total:
            self._close_group(block)
            _subtotal_nature(block, label, folded)
            if not (SUBTOTAL.search(folded) or NATURE_WORD.search(folded)):
                named = self._section_of(folded.removeprefix("total ").removeprefix("des "))
                block.totalled = (named or block.section) == RECETTES
        _follow_funder(block, label, folded)
        attribute = {kind: cell for c, kind in attributes.items() if (cell := row[c]) is not None}
        given: dict[tuple[object, ...], set[str]] = {}
        for c, _ in values:
            if (column := self.columns.get(c)) is not None and column.split and column.basis:
                given.setdefault(column.meaning(), set()).add(column.basis)
        for c, cell in values:
            assert cell.amount is not None
            meaning = self.columns[c].meaning() if c in self.columns else ()
            bases = frozenset(given.get(meaning, ()))
            self._line(block, label, folded, c, cell, is_total, attribute, account_number, bases)

    def _line(
        self,
        block: _Block,
        label: str,
        folded: str,
        column_index: int,
        cell: Cell,
        is_total: bool,
        attribute: dict[str, Cell],
        account: str | None,
        bases: frozenset[str] = frozenset(),
    ) -> None:
        """One amount of a row, placed by what is nearest to it: its column's header, an
        attribute column, the row's own words (a total names its section), its account,
        then the section and nature rows above it."""
        assert cell.amount is not None
        # Without a header, a single column of amounts is the amount of each line.
        column = self.columns.get(column_index) or _Column(known=len(block.used) == 1)
        if column.ignored:
            return
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
        prefixed = None if is_total else _prefixed_section(label)
        if section is None and prefixed:
            section = prefixed[0]
            context.append(f"« {prefixed[1]} » en tête du libellé")
        if section is None and account:
            section = _account_side(account)[0]
            context.append(f"compte {account}")
        if section is None and block.by_words and not is_total:
            placed = _section_by_words(folded)
            if placed is not None:
                section = placed[0]
                context.append(f"« {placed[1]} » dans le libellé, sous « {block.nature_header} »")
        if section is None:
            section = block.section
            if section:
                context.append(f"section « {block.section_header} »")
        elif column.section:
            context.append(f"colonne « {column.header} »")
        nature = column.nature
        guessed = worded = False
        if nature is None and "nature" in attribute:
            nature = _nature_of(fold(attribute["nature"].text))
            context.append(f"nature « {attribute['nature'].text} »")
        label_nature = NATURE_WORD.search(folded)
        if nature is None and is_total:
            if label_nature:
                nature = FONCTIONNEMENT if label_nature.group(1) else INVESTISSEMENT
            elif SUBTOTAL.search(folded):
                nature = block.nature
        elif nature is None:
            nature = block.nature
            guessed = nature is not None and not account
            if nature and block.nature_header:
                context.append(f"sous « {block.nature_header} »")
            headed = None if account or not block.account else _headed_nature(label)
            if nature is None and headed is not None:
                # « Investissement – équipement fablab » typed under « 64 – Charges de
                # personnel » of the form, which has no row for it: its own words say it.
                nature, guessed = headed[0], True
                context.append(f"« {headed[1]} » dans le libellé, sous « {block.account_header} »")
            elif nature is None and (account or block.account):
                nature = _account_side(account or block.account or "")[1]
                if nature and f"compte {account or block.account}" not in context:
                    context.append(f"compte {account or block.account}")
        if nature is None and not is_total:
            said = _label_nature(folded)
            if said is not None:
                nature, guessed, worded = said[0], True, True
                context.append(f"« {said[1]} » dans le libellé")
        year = column.year
        if year is None and "year" in attribute:
            match = YEAR.search(attribute["year"].text)
            year = int(match.group(1)) if match else None
        relative = column.relative
        if year is None and not column.total and relative is None:
            year = self.year
            relative = self.ordinal if year is None else None
        if block.account_header and not account:
            context.append(f"sous « {block.account_header} »")
        if cell.in_thousands:
            context.append("affiché en milliers d'euros par le format de sa cellule")
        elif self.thousands is not None:
            context.append(
                f"en milliers d'euros (« {self.thousands.text} », {self.thousands.where})"
            )
        amount = self._euros(cell.amount, cell)
        shares = [(year, amount, context)]
        if year is None and relative is None and not (is_total or column.total):
            # « Région – animation (2027 : 45 000, 2028 : 30 000, 2029 : 15 000) » in a
            # plan de financement of amounts over the whole project: its years are its own.
            shares = [
                (y, self._euros(part, cell), [*context, f"« {said} » dans le libellé"])
                for y, part, said in _years_in_label(label, cell.amount)
            ] or shares
        for year, amount, context in shares:
            pending = _Pending(
                label=label,
                section=section,
                nature=nature,
                year=year,
                relative=relative,
                amount=amount,
                source=cell.source,
                where=cell.where,
                is_total=is_total or column.total,
                context=context,
                account=account or block.account,
                block=id(block),
                funder=block.funder if block.funder != label else "",
                guessed=guessed,
                worded=worded,
                animated=self.animated,
                basis=column.basis if column.split else None,
                row_bases=bases,
            )
            self.pending.append(pending)
            if not is_total:
                block.since.append(pending)
            if block.group is not None and not is_total and account and account == block.account:
                self.groups.setdefault(block.group, []).append(pending)
        if cell.typed_text:
            self.text_amounts.append(f"{_cited(cell)} : « {cell.text} »")
        grouped = account is not None and account == block.account
        if (
            block.group is not None
            and not (is_total or grouped or column.total)
            and (account or len(block.account or "") <= 2)
        ):
            # A line without a number details a class head (« 60 - Achats » over
            # « Prestations de services »), never a detail account (« 6226 - Honoraires »
            # over « Salaire de l'animatrice »): that one is a line of its own.
            self.members[block.group] = self.members.get(block.group, 0) + 1

    def _contribution(
        self,
        block: _Block,
        label: str,
        folded: str,
        account: str | None,
        values: list[tuple[int, Cell]],
    ) -> None:
        """A row of contributions volontaires en nature, kept apart for their own balance:
        86 (their use) against 87 (what was contributed), side by side as in the form. Its
        "TOTAL" rows add the charges to them and are left out; a two-digit account over
        detailed ones is their subtotal (``is_total``)."""
        if TOTAL_ROW.search(folded):
            return
        side = {"86": DEPENSES, "87": RECETTES}.get((account or "")[:2], block.section or "")
        if side not in (DEPENSES, RECETTES):
            return
        for c, cell in values:
            column = self.columns.get(c) or _Column()
            if column.total or cell.amount is None:
                continue
            year = column.year or self.year
            relative = column.relative if column.relative is not None else self.ordinal
            if year is None and relative is not None:
                # Placed with the lines on the calendar, or kept numbered (``_finish``).
                self.numbered.add(len(self.contributions))
                year = relative
            self.contributions.append(
                BudgetLine(
                    label=label,
                    section=side,
                    nature=None,
                    year=year,
                    amount=self._euros(cell.amount, cell),
                    source=cell.source,
                    is_total=account is not None and len(account) == 2,
                    region_aid=None,
                    animation=False,
                    evidence="contribution volontaire en nature",
                )
            )

    def _euros(self, amount: Decimal, cell: Cell) -> Decimal:
        """An amount in euros: a table in thousands (« k€ ») times 1000, exactly; not a
        cell the spreadsheet's reader read in euros from its format in k€."""
        if self.thousands is None or cell.in_thousands:
            return amount
        euros = amount * 1000
        return euros.quantize(Decimal(1)) if euros == euros.to_integral() else euros

    def _unplaced_text(self, cell: Cell, label: str) -> None:
        if beside_amounts(cell.text):  # « 44,1 % », the share column of a plan de financement
            return
        if cell.typed_text:  # "8,000": a number typed as text that is no amount either way
            self.text_amounts.append(f"{_cited(cell)} : « {cell.text} » (illisible, non compté)")
        elif FORMULA_ERROR.match(cell.text):
            self.formula_errors.append(
                _cited(cell) + (f" (« {label} »)" if label else "") + f" : {cell.text}"
            )
        elif not (TTC.search(basis_spelled(cell.text)) or HT.search(basis_spelled(cell.text))):
            self.unplaced.append(f"{cell.where} : « {cell.text} » n'est pas un montant")

    # -- context rows -----------------------------------------------------------------------

    def _context(self, cell: Cell, block: _Block) -> None:
        """A row without amounts: a title, a section, a nature, a year, or a note."""
        label = cell.text
        if RUN_OF_AMOUNTS.search(label):
            self.unplaced.append(
                f"{cell.where} : « {label} » — des montants que rien ne sépare en colonnes"
            )
        self._basis_from(label, cell.where, "titre" if not self.pending else "texte")
        for found in YEAR.finditer(label):
            following = YEAR.search(label, found.end())
            if following and label[found.end() : following.start()].strip() in ("-", "–", "à", "a"):
                self.ranges.append((int(found.group(1)), int(following.group(1))))
        folded = ENUMERATION.sub("", fold(label), count=1)
        _follow_funder(block, label, folded)
        if _animation_title(folded):
            self.animated = label
        if len(folded) > 90:
            return  # a note
        year = YEAR_HEADER.match(folded) or _fiscal_year(folded)
        if year:
            self.year, self.ordinal = int(year.group(1)), None
            return
        if folded != "n" and (ordinal := project_year(folded, label)) is not None:
            self.year, self.ordinal = None, ordinal  # « ANNÉE 2 » over its block
            return
        if CONTRIBUTIONS.search(folded):
            block.contributions = True
            return
        section = self._section_of(folded) or _titled_section(label)
        nature = NATURE_HEADER.match(folded)
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
            block.since = []
            block.totalled = block.by_words = False
        if nature:
            self._close_group(block)
            block.nature = _nature_of(nature.group(1))
            block.nature_header = label
            block.account, block.account_header = None, ""
            block.since = []
            if block.totalled and not section:
                block.section, block.section_header, block.by_words = None, "", True

    @staticmethod
    def _section_of(folded: str) -> str | None:
        if DEPENSES_WORD.match(folded):
            return DEPENSES
        if RECETTES_WORD.match(folded):
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

    def _basis_from(self, text: str, where: str, kind: str, scope: str | None = None) -> None:
        """HT or TTC stated in ``text``, for the nature named in the same clause if any (or
        for ``scope`` when the text is an amount's, whose nature is its line's)."""
        for clause in re.split(
            r"[;,.\n]|\s[—–-]\s", _ASIDE_FOR_INFORMATION.sub("", basis_spelled(text))
        ):
            if _FOR_INFORMATION.search(clause):
                continue  # « TVA et TTC indiqués pour information »: not the retained basis
            for pattern, basis in ((TTC, "TTC"), (HT, "HT")):
                match = pattern.search(clause)
                if not match:
                    continue
                if basis == "HT" and not (HT_UPPER.search(clause) or "hors" in clause.lower()):
                    continue
                nature = NATURE_WORD.search(fold(clause))
                named = (
                    "all"
                    if nature is None
                    else (FONCTIONNEMENT if nature.group(1) else INVESTISSEMENT)
                )
                self.statements.append(
                    _BasisStatement(scope or named, basis, f"{kind}, {where}", text)
                )
                break


# A label that begins or ends with its nature, set apart: « Investissement – équipement »,
# « Équipement (investissement) », « Imprimantes 3D – investissement ».
_HEADED_NATURE = re.compile(
    r"^\s*(?P<a>investissements?|fonctionnement)\s*[-–—:(/]"
    r"|(?:[-–—(\[]|\ben)\s*(?P<b>investissements?|fonctionnement)\s*[)\]]?\s*$",
    re.IGNORECASE,
)


def _headed_nature(label: str) -> tuple[str, str] | None:
    """The nature a label states apart from its other words (``_HEADED_NATURE``), and the
    word that states it."""
    match = _HEADED_NATURE.search(label)
    if match is None:
        return None
    word = match.group("a") or match.group("b")
    return _nature_of(fold(word)), word


# What a budget gives beside its basis without retaining it: « (colonnes HT pour
# information) », « TTC à titre indicatif ». A parenthesis saying so is removed whole.
_INFORMATION = r"\b(?:pour information|[àa] titre (?:indicatif|d'information)|pour m[ée]moire)\b"
_FOR_INFORMATION = re.compile(_INFORMATION, re.IGNORECASE)
_ASIDE_FOR_INFORMATION = re.compile(rf"\([^()]*{_INFORMATION}[^()]*\)", re.IGNORECASE)


def _titled_section(title: str) -> str | None:
    """The side a title names after its dash, of one side only: « Le Labo du Beau-Marais –
    DÉPENSES prévisionnelles (TTC) » over a « Poste | 2027 | … » header."""
    parts = re.split(r"\s[–—-]\s", title)
    if len(parts) < 2 or ACCOUNT.match(title):  # « 66 – Charges financières »: an account
        return None
    tail = fold(parts[-1])
    if len({bool(m.group(1)) for m in SECTION_IN_HEADER.finditer(tail)}) != 1:
        return None
    return _Reader._section_of(tail)


def _label_nature(folded: str) -> tuple[str, str] | None:
    """The nature a label says, and the word that says it: « investissement » or
    « fonctionnement » (not both), else equipment named by what it is (« Machines »,
    « Acquisition imprimante 3D », not « Location de matériel » nor « Petit équipement »,
    which are operating costs)."""
    natures = {_nature_of(m.group(0)): m.group(0) for m in NATURE_WORD.finditer(folded)}
    if len(natures) == 1:
        return next(iter(natures.items()))
    if natures:
        return None
    equipment = EQUIPMENT_LINE.search(folded)
    if equipment and not NOT_EQUIPMENT_LINE.search(folded):
        return INVESTISSEMENT, equipment.group(0)
    return None


def _subtotal_nature(block: _Block, label: str, folded: str) -> None:
    """A total row that names a nature (« Sous-total investissement (équipement) », « Total
    fonctionnement ») gives it to the lines above it, since the previous total, that no
    column or account placed: one dépenses block with its fonctionnement and its
    investissement each closed by its subtotal, under no nature row or under a
    « Fonctionnement » that the machines' subtotal ends. Their words (« Matériel
    pédagogique ») only suggested a nature; the subtotal says it."""
    said = _label_nature(folded)
    if said is not None:
        for line in block.since:
            if line.nature is None or (line.guessed and line.nature != said[0]):
                line.nature, line.guessed, line.worded = said[0], False, False
                line.context = [
                    c
                    for c in line.context
                    if not c.endswith("dans le libellé") and c != f"sous « {block.nature_header} »"
                ]
                line.context.append(f"au-dessus de « {label} »")
    block.since = []


def _section_by_words(folded: str) -> tuple[str, str] | None:
    """The section of a line in an investment block that follows the totalled recettes
    and names no section (« Acquisition imprimante 3D », « Région Hauts-de-France –
    équipement », « Fonds propres »), with the word that tells; None when its words say
    both or neither: it is then listed as not placed, never guessed."""
    income = REGION.search(folded) or INCOME_WORDS.search(folded)
    spent = SPENDING_WORDS.search(folded)
    if income and not spent:  # a funder may name what it pays for (« – équipement »)
        return RECETTES, income.group(0)
    bought = None if NOT_EQUIPMENT_LINE.search(folded) else EQUIPMENT_LINE.search(folded)
    found = spent or bought
    if found is not None and not income:
        return DEPENSES, found.group(0)
    return None


def _prefixed_section(label: str) -> tuple[str, str] | None:
    """The section a line names before a colon (« Dépenses : imprimante 3D », « Recettes :
    fonds propres »), with the words that name it."""
    match = SECTION_PREFIX.match(label)
    if match is None:
        return None
    words = PREFIX_WORDS.fullmatch(fold(match.group(1)))
    if words is None:
        return None
    return (DEPENSES if words.group(1) else RECETTES), match.group(1)


def _texts(rows: list[tuple[Cell | None, ...]], column: int, headers: set[int]) -> list[str]:
    """Texts of a column in the header rows."""
    return [cell.text for i, row in enumerate(rows) if i in headers and (cell := row[column])]


def _fiscal_year(folded: str) -> re.Match[str] | None:
    """The year of the CERFA's "Exercice 2027, date de début : 01/01/2027, date de fin :
    31/12/2027" (one year, however often it is written), heading its block."""
    match = FISCAL_YEAR.match(folded)
    return match if match and set(YEAR.findall(folded)) == {match.group(1)} else None


_YEAR_SHARE = re.compile(
    r"\b(20[2-4]\d)\s*:\s*(\d{1,3}(?:[ \u00a0\u202f.]\d{3})+(?:,\d{1,2})?|\d+(?:,\d{1,2})?)"
    r"(?:\s*(?:€|euros?))?"
)


def _years_in_label(label: str, amount: Decimal) -> list[tuple[int, Decimal, str]]:
    """The years' shares a label states of its amount (« (2027 : 45 000, 2028 : 30 000,
    2029 : 15 000) »), each year once: only when they add up to the amount."""
    shares = []
    for match in _YEAR_SHARE.finditer(label):
        value = parse_amount(match.group(2))
        if value is None:
            return []
        shares.append((int(match.group(1)), value, match.group(0).strip()))
    years = [year for year, _, _ in shares]
    if len(shares) < 2 or len(set(years)) != len(years):
        return []
    return shares if sum((v for _, v, _ in shares), Decimal(0)) == amount else []


def _animation_title(folded: str) -> bool:
    """A title that calls the operating budget the animation (« Budget prévisionnel de
    fonctionnement – animation du réseau »), and names no equipment; not one that sets the
    animation apart (« Fonctionnement hors animation »)."""
    return (
        len(folded) <= 90
        and bool(re.search(r"\bfonctionnement\b", folded))
        and bool(re.search(r"\banimation\b", folded))
        and not re.search(r"\b(?:hors|sauf|autres? que|sans)\b", folded)
        and not AID_EQUIPMENT.search(folded)
    )


def _thousands(grid: Grid) -> Cell | None:
    """The cell of ``grid`` that states its amounts in thousands of euros (a title « Budget
    2027-2029 (en k€) », a note « en milliers d'euros », a header « Montant (k€) »), or None:
    a unit is never guessed from the size of the figures."""
    return next(
        (
            cell
            for row in grid.rows
            for cell in row
            if cell is not None and cell.amount is None and THOUSANDS.search(cell.text)
        ),
        None,
    )


def _bare_number(cell: Cell) -> bool:
    """A header cell that is a digit alone (« 2 » after « Année 1 »)."""
    return cell.amount is not None and bool(re.fullmatch(r"[0-9]", cell.text.strip()))


def _caption(row: tuple[Cell | None, ...]) -> bool:
    """A row of header words over the amount columns only ("Montants par année", "Total"),
    with nothing in its first column."""
    cells = [c for c in row if c is not None]
    return (
        bool(cells)
        and row[0] is None
        and all(
            c.amount is None
            and len(c.text) <= 40
            and bool(TOTAL_HEADER.search(fold(c.text)) or AMOUNT_HEADER.search(fold(c.text)))
            for c in cells
        )
    )


def _cited(cell: Cell) -> str:
    """A spreadsheet's cell with its sheet ("cellule Budget!B7"), whatever the number of
    sheets: the applicant is told where to retype it."""
    return f"cellule {cell.source}" if "!" in cell.source else cell.where


def _sub_account(account: str, head: str | None) -> bool:
    """True when ``account`` details the account ``head`` ("6061" under "60 - Achats"): a
    line of its group, not a new group."""
    return head is not None and len(account) > len(head) and account.startswith(head)


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


def _follow_funder(block: _Block, label: str, folded: str) -> None:
    """Keep the funder row of the CERFA's « 74 - Subventions d'exploitation » over the free
    lines under it (« - … »); any other row ends it. The form writes its funders' rows
    « Région(s) : », never with a dash: a list of lines each starting with one (« - Région
    Hauts-de-France », « - Autofinancement ») has no funder row."""
    dashed = label.lstrip().startswith(("-", "–", "—"))
    form_row = "(s)" in label or label.rstrip().endswith(":")
    if FUNDER.match(folded) and form_row and not dashed:
        block.funder = label
    elif not dashed:
        block.funder = ""


def _region_kind(label: str, nature: str | None) -> tuple[str | None, str, bool]:
    """The kind of Région aid a recettes line is, the evidence, and whether it is a guess
    that the budget should make explicit."""
    folded = fold(label)
    region = REGION.search(folded)
    if region is None or NOT_REGION.search(folded):
        return None, "", False
    words = f"« {region.group(0)} »"
    animation = AID_ANIMATION.search(folded)
    equipment = AID_EQUIPMENT.search(folded)
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
    """Why a dépenses line is animation (the animator's pay, animation services, the
    activities offered to the public: « Programme d'ateliers communs »), or None."""
    folded = fold(label)
    rest = SUPPLIES_OF.sub(" ", folded)
    if ACTIVITY.search(rest) and all(w in ACTIVITY_WORDS or YEAR.match(w) for w in rest.split()):
        return f"« {label.strip()} », des activités proposées au public"
    opening = ANIMATION_OPENING.match(folded)
    # « Ateliers et petits matériels »: the workshops' supplies are part of running them.
    weighed = SMALL_SUPPLIES.sub(" ", folded) if opening else folded
    if NOT_ANIMATION.search(weighed) and not SERVICES.search(folded):
        return None
    animator = ANIMATOR.search(folded)
    paid = PAID.search(folded)
    if animator and (paid or folded.startswith(animator.group(0))):
        return f"« {animator.group(0)} »" + (f" et « {paid.group(0)} »" if paid else "")
    services = SERVICES.search(folded)
    work = ANIMATION_WORK.search(folded)
    if services and work:
        return f"« {services.group(0)} » et « {work.group(0)} »"
    if animator and services:
        return f"« {services.group(0)} » et « {animator.group(0)} »"
    # « Frais de personnel (1 ETP animation) »: a post that animates; not « Charges de
    # fonctionnement des ateliers », where « charges » is no pay.
    staff = next((m for m in PAID.finditer(folded) if m.group(0) != "charges"), None)
    if staff and work:
        return f"« {staff.group(0)} » et « {work.group(0)} »"
    speakers = SPEAKERS.search(folded)
    if speakers:
        return f"« {speakers.group(0)} », une prestation d'animation"
    if opening and not NOT_EQUIPMENT_LINE.search(weighed):
        return f"« {opening.group(0)} » en tête du libellé"
    if BARE_SERVICES.fullmatch(folded):
        return (
            f"« {label.strip()} », que l'appel compte dans l'animation (« salaires, prestations… »)"
        )
    return None


def _finish(reader: _Reader, file: str, notes: list[str]) -> BudgetFacts:
    """The budget read. Years the columns number (« Année 1 ») are placed on the calendar
    when the budget says where its years lie (« Budget 2027-2029 »); otherwise they stay the
    project's years as numbered (an ``ordinal`` budget, that the dossier places on the plan's
    start, ``on_calendar``), unless calendar years stand beside them: those are not placed.
    The range's first year is the first column's: « Budget 2026-2029 » over « Année 0 |
    Année 1 | 2 | 3 » puts « Année 1 » in 2027."""
    unplaced = list(notes) + reader.unplaced
    numbers = [p.relative for p in reader.pending if p.relative is not None]
    numbers += [reader.contributions[i].year or 0 for i in reader.numbered]
    numbered = bool(numbers)
    # The calendar year of « Année 1 », from the range the budget states.
    base = min(reader.ranges)[0] + 1 - min(numbers, default=1) if reader.ranges else None
    calendar = any(p.relative is None and p.year is not None for p in reader.pending) or any(
        line.year is not None
        for i, line in enumerate(reader.contributions)
        if i not in reader.numbered
    )
    ordinal = numbered and base is None and not calendar
    lines: list[BudgetLine] = []
    guessed: set[str] = set()
    outside: set[tuple[str, str]] = set()
    basis, basis_source, conflicts = _basis(reader.statements)
    offered: tuple[str, ...] = ()
    if any(p.basis for p in reader.pending) and not basis:
        # Both bases of every amount, none said to be retained: either is the budget's.
        offered = ("HT", "TTC")
        basis, basis_source = {"all": "TTC"}, "colonnes HT et TTC"
    for p in reader.pending:
        retained = _retained(basis, p.nature)
        if p.basis is not None and p.basis != retained and retained in p.row_bases:
            continue  # the same amount in the other basis, beside it
        year = p.year
        if p.relative is not None and ordinal:
            year = p.relative
        elif p.relative is not None:
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
        total_row = bool(TOTAL_ROW.search(fold(p.label)))
        if p.section == RECETTES and not total_row:
            # A nature its own words suggest says nothing more of the aid than those words.
            nature = None if p.worded else p.nature
            region, why, guess = _region_kind(f"{p.funder} {p.label}", nature)
            if region and p.funder and not _region_kind(p.label, p.nature)[0]:
                why += f" (sous « {p.funder} »)"
            if region:
                evidence.append(f"aide de la Région : {why}")
                # A total column sums the row's years and natures: the years' cells say
                # what the aid is (« Total 2027-2029 » over « Fonctionnement |
                # Investissement » per year), and a total is in no sum of the aid.
                if guess and not p.is_total and p.label not in guessed:
                    guessed.add(p.label)
                    unplaced.append(
                        f"{p.where} : « {p.label} » — aide de la Région sans dire si elle est "
                        "pour l'animation ou l'équipement (comptée en animation)"
                    )
        elif p.section == DEPENSES and p.nature != INVESTISSEMENT and not total_row:
            why_animation = _is_animation(p.label) or (
                f"sous « {p.animated} »" if p.animated else None
            )
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
    unplaced += conflicts
    contributions = [
        replace(line, year=_numbered_year(line.year, base, ordinal))
        if i in reader.numbered
        else line
        for i, line in enumerate(reader.contributions)
    ]
    years = tuple(sorted({line.year for line in lines if line.year is not None}))
    budget = BudgetFacts(
        file,
        basis,
        basis_source,
        years,
        tuple(lines),
        tuple(unplaced),
        (),
        text_amounts=tuple(reader.text_amounts),
        contributions=tuple(contributions),
        formula_errors=tuple(reader.formula_errors),
        figures=reader.figures,
        ordinal=ordinal,
        year_one=base if numbered and not ordinal else _dated_one(reader.dated_ones),
        bases_offered=offered,
    )
    return replace(budget, facts=_facts(budget))


def _retained(basis: dict[str, str], nature: str | None) -> str:
    """The basis the budget retains for a line of ``nature``: the one it states for that
    nature or for all of it; TTC for a line of no nature under bases stated per nature."""
    return basis.get(nature or "all", basis.get("all", "TTC"))


def _dated_one(ones: set[int]) -> int | None:
    """The calendar year of « Année 1 » that the dated headers agree on, if they do."""
    return next(iter(ones)) if len(ones) == 1 else None


def _numbered_year(number: int | None, base: int | None, ordinal: bool) -> int | None:
    """The year of a contribution in a numbered year: as the lines' (``_finish``)."""
    if number is None or ordinal:
        return number
    return None if base is None else base + number - 1


def on_calendar(budget: BudgetFacts, first: int) -> BudgetFacts:
    """An ``ordinal`` budget (« Année 1 | Année 2 | Année 3 ») placed on the calendar,
    its year 1 on ``first``: « Année 0 (investissement) » the year before, « Année 2 » the
    year after. Any other budget as it is."""
    if not budget.ordinal:
        return budget

    def moved(line: BudgetLine) -> BudgetLine:
        return line if line.year is None else replace(line, year=first + line.year - 1)

    lines = tuple(moved(line) for line in budget.lines)
    placed = replace(
        budget,
        lines=lines,
        contributions=tuple(moved(line) for line in budget.contributions),
        years=tuple(first + year - 1 for year in budget.years),
        ordinal=False,
        year_one=first,
    )
    return replace(placed, facts=_facts(placed))


def _basis(statements: list[_BasisStatement]) -> tuple[dict[str, str], str | None, list[str]]:
    """The basis per nature when the budget states it so, else for all of it; the first
    statement of each scope wins, and a later one that contradicts it is reported."""
    first: dict[str, _BasisStatement] = {}
    conflicts = []
    for statement in statements:
        kept = first.setdefault(statement.scope, statement)
        if kept.basis != statement.basis and (kept.source, kept.text) == (
            statement.source,
            statement.text,
        ):
            # « Montants HT ; TTC en dernière colonne »: one sentence, both bases.
            conflicts.append(
                f"{statement.source.split(', ', 1)[-1]} : « {statement.text} » dit à la fois "
                f"{kept.basis} et {statement.basis}"
            )
        elif kept.basis != statement.basis:
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
            # Operating first, as budgets and the call order them, whichever was read first.
            else ", ".join(
                f"{k} {b.basis[k]}"
                for k in sorted(b.basis, key=lambda k: (k != "fonctionnement", k))
                if k != "all"
            )
        )
        add("budget.basis", value, b.basis_source or "", _page(b.basis_source or ""))
    if b.years:
        add(
            "budget.years",
            ", ".join(b.year_label(y) for y in b.years),
            "colonnes ou tableaux d'années",
        )
    if b.lines:
        add("budget.total_depenses", _plain(b.total(DEPENSES)), "somme des lignes de dépenses")
        add("budget.total_recettes", _plain(b.total(RECETTES)), "somme des lignes de recettes")
    for year in b.years or (None,):
        aid = b.region_aid("animation", year)
        if aid is not None:
            name = "budget.region_animation" + (
                "" if year is None else f".annee_{'projet_' if b.ordinal else ''}{year}"
            )
            first = next(
                line for line in b.lines if line.region_aid == "animation" and line.year == year
            )
            add(name, _plain(aid), f"{first.label} ({first.source})", _page(first.source))
    equipment = b.region_aid("equipement")
    if equipment is not None:
        first = next(line for line in b.lines if line.region_aid == "equipement")
        add("budget.region_equipement", _plain(equipment), f"{first.label} ({first.source})")
    return tuple(facts)


def read_budget(grids: Iterable[Grid], file: str, notes: list[str]) -> BudgetFacts:
    """Read grids of cells into the structured budget."""
    reader = _Reader()
    for grid in grids:
        reader.read(transposed(grid))
    return _finish(reader, file, notes)
