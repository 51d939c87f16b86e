"""The budget as read: its lines, per year and nature, and what could not be placed."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from dossierkit.fact import Fact
from dossierkit.pieces.budget.words import SUBTOTAL, TOTAL_ROW
from dossierkit.text import fold

DEPENSES, RECETTES = "depenses", "recettes"
FONCTIONNEMENT, INVESTISSEMENT = "fonctionnement", "investissement"
# A budget runs over a few pages; a long PDF taken for the budget is not laid out past this.
MAX_LAYOUT_PAGES = 30


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

    ``text_amounts`` are the cells of a spreadsheet where an amount was typed as text
    ("8 000 €"): read, but left out by the workbook's own formulas; ``formula_errors`` the
    cells that show an error (#VALUE!) instead of a figure; ``uncalculated`` the note of a
    workbook whose formulas have no stored value (never opened in a spreadsheet program,
    and LibreOffice absent to compute them), whose figures cannot be trusted. ``figures``
    counts the rows that hold an amount other than zero: none, in a budget that could be
    read, is an empty template.
    """

    file: str
    basis: dict[str, str]  # {"all": "TTC"} or {"fonctionnement": "TTC", "investissement": "HT"}
    basis_source: str | None  # where the HT/TTC was read
    years: tuple[int, ...]  # the project's years, in order
    lines: tuple[BudgetLine, ...]
    unplaced: tuple[str, ...]
    facts: tuple[Fact, ...]
    ocr_doubt: tuple[float, int] | None = None
    text_amounts: tuple[str, ...] = ()
    # Contributions volontaires en nature (accounts 86 and 87): valued, not money, kept out of
    # the balance as the CERFA keeps them (its "Total" under them adds them to the charges).
    contributions: tuple[BudgetLine, ...] = ()
    formula_errors: tuple[str, ...] = ()
    uncalculated: str | None = None
    figures: int = 0
    read: bool = True  # False: a scan not read, a layout or a file that failed
    # Its columns number the project's years (« Année 1 | Année 2 | Année 3 ») and nothing in
    # it says which calendar years they are: ``years`` and each line's ``year`` are those
    # numbers (0 for an « Année 0 » before them), until the dossier places them on the plan's
    # start (``on_calendar``).
    ordinal: bool = False
    # The calendar year of the columns' « Année 1 », when they number the project's years and
    # were placed: the year the aid's rates count from, whatever stands before it.
    year_one: int | None = None
    # Its columns give every amount in both bases (« 2027 HT | 2027 TTC ») and no text says
    # which one is retained: the lines are the TTC amounts, and either basis is the budget's.
    bases_offered: tuple[str, ...] = ()

    def year_label(self, year: int, lang: str = "fr") -> str:
        """``2027``, or ``année 2`` for a year an ``ordinal`` budget numbers."""
        if not self.ordinal:
            return str(year)
        return f"{'year' if lang == 'en' else 'année'} {year}"

    @property
    def empty(self) -> bool:
        """True for a budget that was read and holds no amount: a template left blank."""
        return self.read and self.figures == 0 and not self.formula_errors

    @property
    def trusted(self) -> bool:
        """True when its figures can be checked: amounts in it, formulas computed."""
        return not self.empty and self.uncalculated is None

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

    def yearless(self, section: str) -> Decimal:
        """The sum of the section's lines given over the whole project only, in a budget
        by year: a « Plan de financement » of funders beside dépenses by year, or an
        investment block without years."""
        return sum((line.amount for line in self._lines(section) if line.year is None), Decimal(0))

    def balance_periods(self) -> tuple[int | None, ...]:
        """The periods whose balance the budget shows: the whole project (None), and each
        year when what is given without a year balances itself (an investment block over
        the project). Recettes given over the project only (a plan de financement) say
        nothing of a year's balance: missing yearly detail is no imbalance of a year."""
        if len(self.years) < 2 or self.yearless(DEPENSES) != self.yearless(RECETTES):
            return (None,)
        return (None, *self.years)

    def stated_total(self, section: str, year: int | None = None) -> tuple[Decimal, str] | None:
        """The document's own total of the section for ``year`` (None: its total column, or
        its only column), with its source; None when the document states none.

        A subtotal ("Sous-total fonctionnement") is not the section's total, nor is the
        total column of an ordinary line: only a total row that names no nature.
        """
        at = self._stated_at(section, year)
        return None if at is None else (self.lines[at].amount, self.lines[at].source)

    def _stated_at(self, section: str, year: int | None) -> int | None:
        """Where the section's last total row for ``year`` stands among the lines."""
        stated = [
            i
            for i, line in enumerate(self.lines)
            if line.is_total
            and line.section == section
            and line.year == year
            and line.nature is None
            and TOTAL_ROW.search(fold(line.label))
            and not SUBTOTAL.search(fold(line.label))
        ]
        return stated[-1] if stated else None

    def total_above(self, section: str, year: int | None = None) -> Decimal:
        """The sum of the section's lines for ``year`` that its stated total adds: those
        above that total row. A block read after it (the « INVESTISSEMENT » block under a
        CERFA's « TOTAL DES PRODUITS ») is not in it. Every line when the total stands
        above all of them."""
        at = self._stated_at(section, year)
        above = self.lines[:at] if at is not None else self.lines
        if at is not None and not any(
            not line.is_total and line.section == section for line in above
        ):
            above = self.lines
        return sum(
            (
                line.amount
                for line in above
                if not line.is_total
                and line.section == section
                and (year is None or line.year == year)
            ),
            Decimal(0),
        )

    def totals_investment(self, section: str, year: int | None = None) -> bool:
        """True when the document totals the section's investissement on a row of its own
        ("Total des dépenses d'investissement"): its other total may then be the
        fonctionnement's only, as in the CERFA's "Total des charges"."""
        return any(
            line.is_total
            and line.section == section
            and line.year == year
            and line.nature == INVESTISSEMENT
            and TOTAL_ROW.search(fold(line.label))
            for line in self.lines
        )

    def contributions_total(self, section: str, year: int | None) -> Decimal | None:
        """The contributions en nature of one side ("depenses": account 86, "recettes": 87)
        for ``year`` (None: all years): the detail lines, or the accounts' own amounts when
        they are not detailed; None when the budget has none."""
        by_year: dict[int | None, list[BudgetLine]] = {}
        for line in self.contributions:
            if line.section == section:
                by_year.setdefault(line.year, []).append(line)
        if year is not None:
            return _detailed(by_year[year]) if year in by_year else None
        if not by_year:
            return None
        return sum((_detailed(lines) for lines in by_year.values()), Decimal(0))

    def animation_expenses(self, year: int) -> Decimal:
        """The animation expenses of ``year``: the base of that year's animation aid."""
        return sum(
            (line.amount for line in self._lines(DEPENSES, year) if line.animation), Decimal(0)
        )

    def animation_lines(self, year: int | None = None) -> tuple[str, ...]:
        """The labels of the dépenses counted as animation (for ``year``), in the budget's
        order: what the animation aid's base is made of, named to the applicant."""
        lines = (line.label for line in self._lines(DEPENSES, year) if line.animation)
        return tuple(dict.fromkeys(lines))

    def other_operating_lines(self, year: int | None = None) -> tuple[str, ...]:
        """The labels of the other operating dépenses with an amount (for ``year``): those
        left out of the animation aid's base (the rent, the purchases)."""
        lines = (
            line.label
            for line in self._lines(DEPENSES, year)
            if not line.animation and line.nature != INVESTISSEMENT and line.amount
        )
        return tuple(dict.fromkeys(lines))

    def operating_expenses(self, year: int) -> Decimal:
        """The operating dépenses of ``year``, animation or not: the widest base the
        animation aid could be read on, when a person judges the lines left out of it
        (« Communication et événements ») to be part of the animation."""
        return sum(
            (
                line.amount
                for line in self._lines(DEPENSES, year)
                if line.animation or line.nature != INVESTISSEMENT
            ),
            Decimal(0),
        )

    def equipment_expenses(self) -> Decimal:
        """The investissement dépenses over the whole project: the base of the equipment aid."""
        return self.total(DEPENSES, nature=INVESTISSEMENT)

    def region_aid(self, kind: str, year: int | None = None) -> Decimal | None:
        """The Région's aid of ``kind`` ("animation" or "equipement") the budget counts on,
        for ``year`` or over the project; None when no line of the budget is that aid."""
        amounts = [line.amount for line in self._lines(RECETTES, year) if line.region_aid == kind]
        return sum(amounts, Decimal(0)) if amounts else None


def _detailed(lines: list[BudgetLine]) -> Decimal:
    """The sum of contribution lines: their details, or their accounts when not detailed."""
    details = [line for line in lines if not line.is_total] or lines
    return sum((line.amount for line in details), Decimal(0))
