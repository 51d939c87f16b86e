"""The aid the call allows, year by year, with its arithmetic spelled out.

Animation: the base of year n is the animation expenses of that year, capped at the call's
``base_cap``; the aid is at most ``rates[n] × base``. Equipment: at most ``rate ×`` the
equipment expenses, capped at ``cap`` over the whole project. Every figure comes from the
call file.

The plan's start date ("Quelle serait la date de début de ce plan d'action (dépenses
éligibles) ?") says which budget period is year 1, 2, 3 of the rates. A plan that starts in
January has its years on calendar years. One that starts in another month (September 2027)
has years that straddle two calendar years, and a budget shows them in one of two ways:

* one column per year of the plan (2027, 2028, 2029 for a plan of three years): column n is
  year n of the plan, September 2027 – August 2028 first;
* one column per calendar year, one more than the plan's years (2027 to 2030): each column
  is shared between the plan years it overlaps, by months, its expenses assumed spread
  evenly over its months in the plan and the yearly base capped in proportion (60 000 € a
  year is 5 000 € a month). 2028 then holds eight months of year 1 at 75 % and four of
  year 2 at 50 %.

As many columns as the plan has years, from the start's year, are the plan's years, never
calendar years: the call computes the aid « sur une base maximum de 60 k€/an avec des taux
dégressifs sur trois ans de 75%, 50%, 25% » from « la date de début de ce plan d'action »,
so its years run from that date; the applicants who start in March 2027 name them by the
calendar year each starts in (2027, 2028, 2029), ask « 45, 30 puis 15 k€ » in them, and put
a full year of salary in the first; read as calendar years, three columns would leave the
plan's last months (January and February 2030) out of the budget. A column before the
start's year that asks no animation aid (2026, the premises fitted out before a plan from
January 2027) is before the plan: the rates count from the start's year (``plan_origin``). One reading, computed
once here, for the report's table, ``dossierkit aid`` and the checks.

The months count, not the days: a plan starting on 15 September starts in September.

Budgets that number their years instead of dating them (« Année 1 | Année 2 | Année 3 »,
« N, N+1, N+2 », « 1re année ») are read as the project's years, each at its number's rate:
the aid is « dégressive sur trois ans de 75%, 50%, 25% », and the applicant who numbers the
years says which is the first (« Année 0 (aménagement) » before it is the set-up year, with
the equipment and no animation aid). The calendar year still counts for what is dated
elsewhere: the letter's « 45 000 € en 2028 », the plan's start that eligible expenses
follow, the years a technique or a report names. ``year_one`` places them: « Année 1 » on
the first year for which the letter asks the animation aid (the letter is the request, and
its years are the aid's), else the first column on the plan's start year (« Quelle serait la
date de début de ce plan d'action (dépenses éligibles) ? », the dossier technique's answer
or dossier.yaml: the plan starts with its first column, « Année 0 » when there is one), else
on the first calendar year the plan's answer names; failing all, the budget keeps its
numbers and the aid's years are shown as « année 1, 2, 3 ». Headers that number and date
their years (« Année 0 – 2027 | Année 1 – 2028 ») say it themselves. An « Année 0 » before
the plan's start is outside it for the checks that compare (B018, B019), as the same budget
dated 2026 to 2029 would be. Numbered columns are plan years, never calendar years shared
between two.

One rounding rule for every ceiling, ``round_ceiling``: the product is rounded to the
nearest cent, a half cent up, as a spreadsheet's ``ROUND(x; 2)`` does. The workbook of
``dossierkit init`` writes its ceilings with that formula, ``dossierkit aid`` and the checks
compute them with this function, so the three never disagree: 25 % of 30 000,50 € is
7 500,13 €, in the applicant's workbook as in the report.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from dossierkit.call import Call
from dossierkit.fact import Fact
from dossierkit.pieces.budget import BudgetFacts, on_calendar
from dossierkit.pieces.budget.words import YEAR
from dossierkit.text import counted, english_euros, english_number, english_percent

CENT = Decimal("0.01")


def round_ceiling(value: Decimal) -> Decimal:
    """A ceiling to the cent, a half cent up: ``ROUND(value; 2)`` in a spreadsheet."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def euros(value: Decimal) -> str:
    """``45 000 €`` or ``33 750,75 €``: how the French write an amount."""
    quantized = value.quantize(CENT)
    whole, _, cents = f"{quantized:,.2f}".partition(".")
    text = whole.replace(",", " ")
    return f"{text},{cents} €" if cents != "00" else f"{text} €"


def _number(value: Decimal) -> str:
    return euros(value).removesuffix(" €")


def percent(rate: Decimal) -> str:
    """``75 %`` or ``12,5 %``."""
    value = (rate * 100).normalize()
    return f"{value:f}".replace(".", ",") + " %"


def money(value: Decimal, lang: str) -> str:
    """An amount in euros as ``lang`` writes it: ``45 000 €`` in French, ``€45,000`` in
    English. Here, not beside the terminal's table: the cover, the letters and the exports
    write amounts without loading rich."""
    return english_euros(value) if lang == "en" else euros(value)


def rate(value: Decimal, lang: str) -> str:
    """A rate as ``lang`` writes it: ``75 %`` in French, ``75%`` in English."""
    return english_percent(value) if lang == "en" else percent(value)


# The months as the aid table abbreviates them (« mars 2027 – févr. 2028 »).
SHORT_MONTHS = {
    "fr": (
        "janv.",
        "févr.",
        "mars",
        "avr.",
        "mai",
        "juin",
        "juil.",
        "août",
        "sept.",
        "oct.",
        "nov.",
        "déc.",
    ),
    "en": (
        "Jan.",
        "Feb.",
        "Mar.",
        "Apr.",
        "May",
        "June",
        "July",
        "Aug.",
        "Sept.",
        "Oct.",
        "Nov.",
        "Dec.",
    ),
}
_START = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def plan_start(value: object) -> date | None:
    """The plan's start from a fact's value (``2027-09-01``, ``2027-09`` or ``2027``); None
    when there is none or it is not a date."""
    match = _START.match(str(value)) if value is not None else None
    if match is None:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2) or 1), int(match.group(3) or 1))
    except ValueError:
        return None


def start_fact(facts: Sequence[Fact]) -> tuple[date, Fact] | None:
    """The plan's start date ("Quelle serait la date de début de ce plan d'action (dépenses
    éligibles) ?") and the fact that gives it (declared first), when one is known: the
    report's aid and the budget checks map the budget's years on the same start."""
    for origin in ("declared", "inferred"):
        for fact in facts:
            if fact.name == "project.start_date" and fact.origin == origin:
                start = plan_start(fact.value)
                if start is not None:
                    return start, fact
    return None


# The letter's animation aid for one year (``courrier.amount.animation.annee_2027``).
_LETTER_YEAR = re.compile(r"^courrier\.amount\.animation\.annee_(\d{4})$")


def year_one(facts: Sequence[Fact], first_number: int = 1) -> int | None:
    """The calendar year of « Année 1 », for a budget that numbers its years from
    ``first_number`` (0 for an « Année 0 »): the first year the letter asks the animation aid
    for, else the first column on the plan's start year, else on the first calendar year the
    plan's answer names (see the module's docstring); None when the dossier dates none."""
    asked = [int(m.group(1)) for fact in facts if (m := _LETTER_YEAR.match(fact.name))]
    if asked:
        return min(asked)
    found = start_fact(facts)
    if found is not None:
        return found[0].year + 1 - first_number
    for fact in facts:
        if fact.name == "plan.years":
            named = [int(y) for y in str(fact.value).split(",") if YEAR.fullmatch(y.strip())]
            if named:
                return min(named) + 1 - first_number
    return None


def anchored(budget: BudgetFacts, facts: Sequence[Fact]) -> BudgetFacts:
    """``budget`` with its numbered years placed on the calendar by the dossier's ``facts``
    (``year_one``); any other budget, or one the dossier dates nowhere, as it is."""
    if not budget.ordinal or not budget.years:
        return budget
    first = year_one(facts, min(budget.years[0], 1))
    return budget if first is None else on_calendar(budget, first)


def _month(year: int, month: int, lang: str) -> str:
    return f"{SHORT_MONTHS.get(lang, SHORT_MONTHS['fr'])[month - 1]} {year}"


@dataclass(frozen=True)
class YearShare:
    """The months of one budget year that fall in one year of the plan, and their ceiling."""

    plan_year: int  # 1, 2, 3
    months: int
    expenses: Decimal  # the budget year's expenses in proportion to these months, to the cent
    base_cap: Decimal  # the yearly base cap in proportion to these months, to the cent
    rate: Decimal

    @property
    def base(self) -> Decimal:
        """min(expenses ; cap)."""
        return min(self.expenses, self.base_cap)

    @property
    def product(self) -> Decimal:
        """min(expenses ; cap) × rate, not rounded."""
        return self.base * self.rate

    def explanation(self, lang: str) -> str:
        """``8 mois de l'année 1 : min(40 000 ; 40 000) × 75 %``; in English ``min(40,000;
        40,000) × 75% (8 months of year 1)``, the months said after the product, so that one
        colon only follows the year."""
        if lang == "en":
            months = counted(self.months, "{n} month|{n} months", "en")
            return (
                f"min({english_number(self.expenses)}; {english_number(self.base_cap)}) × "
                f"{english_percent(self.rate)} ({months} of year {self.plan_year})"
            )
        return (
            f"{self.months} mois de l'année {self.plan_year} : min({_number(self.expenses)} ; "
            f"{_number(self.base_cap)}) × {percent(self.rate)}"
        )


@dataclass(frozen=True)
class AnimationYear:
    """The animation aid of one year of the project (a year of the plan, or a calendar year
    shared between two years of the plan, see ``shares``)."""

    index: int  # 1, 2, 3: the year of the project (the first it overlaps, for a shared year)
    year: int | None  # the calendar year, when known
    expenses: Decimal
    base_cap: Decimal
    base: Decimal
    # None for a calendar year shared between two plan years: each share has its own rate.
    rate: Decimal | None
    maximum: Decimal
    requested: Decimal | None
    # (first month, last month) of a plan year that does not start in January.
    period: tuple[date, date] | None = None
    # A calendar year of a plan that does not start in January: its months in each plan year.
    shares: tuple[YearShare, ...] = ()

    def label(self, lang: str = "fr") -> str:
        """``2028``, ``année 2`` when the calendar year is not known, ``2027 (sept. 2027 –
        août 2028)`` for a plan year that does not start in January."""
        if self.year is None:
            return f"{'year' if lang == 'en' else 'année'} {self.index}"
        if self.period is None:
            return str(self.year)
        first, last = self.period
        return (
            f"{self.year} ({_month(first.year, first.month, lang)} – "
            f"{_month(last.year, last.month, lang)})"
        )

    def explanation(self, lang: str = "fr") -> str:
        """``2028 : min(45 000 ; 60 000) × 50 % = 22 500 €``, or the sum of its shares; in
        English ``2028: min(45,000; 60,000) × 50% = €22,500``."""
        if lang == "en":
            if self.shares or self.rate is None:
                parts = " + ".join(s.explanation(lang) for s in self.shares)
                return f"{self.label(lang)}: {parts} = {english_euros(self.maximum)}"
            return (
                f"{self.label(lang)}: min({english_number(self.expenses)}; "
                f"{english_number(self.base_cap)}) × {english_percent(self.rate)} = "
                f"{english_euros(self.maximum)}"
            )
        if self.shares or self.rate is None:
            parts = " + ".join(s.explanation(lang) for s in self.shares)
            return f"{self.label(lang)} : {parts} = {euros(self.maximum)}"
        return (
            f"{self.label(lang)} : min({_number(self.expenses)} ; {_number(self.base_cap)}) × "
            f"{percent(self.rate)} = {euros(self.maximum)}"
        )


@dataclass(frozen=True)
class EquipmentAid:
    """The equipment aid over the whole project."""

    expenses: Decimal
    rate: Decimal
    cap: Decimal
    maximum: Decimal
    requested: Decimal | None

    def explanation(self, lang: str = "fr") -> str:
        """``Équipement : min(32 000 × 50 % ; 30 000) = 16 000 €``; in English
        ``Equipment: min(32,000 × 50%; 30,000) = €16,000``."""
        if lang == "en":
            return (
                f"Equipment: min({english_number(self.expenses)} × "
                f"{english_percent(self.rate)}; {english_number(self.cap)}) = "
                f"{english_euros(self.maximum)}"
            )
        return (
            f"Équipement : min({_number(self.expenses)} × {percent(self.rate)} ; "
            f"{_number(self.cap)}) = {euros(self.maximum)}"
        )


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def calendar_columns(call: Call, years: list[int] | None, start: date | None) -> bool:
    """Whether budget ``years`` are calendar years shared between the plan's years: a plan
    that does not start in January, and one column more than the plan has years, the first
    being the start's year (see the module's docstring)."""
    return (
        start is not None
        and start.month != 1
        and years is not None
        and len(years) == call.plan_years + 1
        and years == list(range(start.year, start.year + len(years)))
    )


def _shares(call: Call, year: int, start: date, spent: Decimal) -> tuple[YearShare, ...]:
    """The months of calendar ``year`` in each year of the plan starting at ``start``."""
    rules = call.animation_aid
    counts: dict[int, int] = {}
    for month in range(1, 13):
        elapsed = (year - start.year) * 12 + month - start.month
        if 0 <= elapsed < call.plan_years * 12:
            counts[elapsed // 12 + 1] = counts.get(elapsed // 12 + 1, 0) + 1
    in_plan = sum(counts.values())
    return tuple(
        YearShare(
            plan_year=n,
            months=m,
            expenses=round_ceiling(spent * m / in_plan),
            base_cap=round_ceiling(rules.base_cap * m / 12),
            rate=rules.rates[n - 1] if n <= len(rules.rates) else Decimal(0),
        )
        for n, m in sorted(counts.items())
    )


def animation_aid(
    call: Call,
    expenses: list[Decimal],
    years: list[int] | None = None,
    requested: list[Decimal | None] | None = None,
    start: date | None = None,
    numbered: int | None = None,
) -> list[AnimationYear]:
    """Ceiling of the animation aid for each year of expenses given (beyond the call's
    rates, the rate is zero: the aid is never renewed). A year's rate is its place in the
    plan, counted from the first year (2029 is year 3 after 2027, even without 2028).
    ``start`` is the plan's first day: without ``years``, it gives them; for a plan that does
    not start in January, it sets the periods or the shares of each year (see the module's
    docstring). ``numbered`` is the year that columns numbering the project's years call
    « Année 1 »: each year is then the plan year its number says, never shared."""
    rules = call.animation_aid
    if years is None and start is not None:
        years = [start.year + i for i in range(len(expenses))]
    shared = numbered is None and calendar_columns(call, years, start)
    result = []
    for i, spent in enumerate(expenses):
        year = years[i] if years and i < len(years) else None
        asked = requested[i] if requested and i < len(requested) else None
        shares = _shares(call, year, start, spent) if shared and start and year else ()
        if shares:
            result.append(
                AnimationYear(
                    index=shares[0].plan_year,
                    year=year,
                    expenses=spent,
                    base_cap=sum((s.base_cap for s in shares), Decimal(0)),
                    base=sum((s.base for s in shares), Decimal(0)),
                    rate=shares[0].rate if len(shares) == 1 else None,
                    maximum=round_ceiling(sum((s.product for s in shares), Decimal(0))),
                    requested=asked,
                    shares=shares,
                )
            )
            continue
        origin = numbered if numbered is not None else years[0] if years else None
        n = year - origin if origin is not None and year is not None else i
        rate = rules.rates[n] if 0 <= n < len(rules.rates) else Decimal(0)
        base = min(spent, rules.base_cap)
        period = None
        if start is not None and start.month != 1 and year is not None:
            first = date(year, start.month, 1)
            period = (first, _add_months(first, 11))
        result.append(
            AnimationYear(
                index=n + 1 if n >= 0 else i + 1,
                year=year,
                expenses=spent,
                base_cap=rules.base_cap,
                base=base,
                rate=rate,
                maximum=round_ceiling(base * rate),
                requested=asked,
                period=period,
            )
        )
    return result


def equipment_aid(call: Call, expenses: Decimal, requested: Decimal | None = None) -> EquipmentAid:
    """Ceiling of the equipment aid over the project."""
    rules = call.equipment_aid
    maximum = min(round_ceiling(expenses * rules.rate), rules.cap)
    return EquipmentAid(expenses, rules.rate, rules.cap, maximum, requested)


def total_maximum(animation: list[AnimationYear], equipment: EquipmentAid | None) -> Decimal:
    """The most the Région can grant: every year's animation ceiling plus equipment."""
    total = sum((y.maximum for y in animation), Decimal(0))
    return total + (equipment.maximum if equipment is not None else Decimal(0))


@dataclass(frozen=True)
class DossierAid:
    """The ceilings that a dossier's budget allows, beside what it requests."""

    animation: list[AnimationYear]
    equipment: EquipmentAid


def plan_origin(budget: BudgetFacts, start: date | None) -> int | None:
    """The budget's year that the aid counts as the plan's first, when it is not its first
    column: the « Année 1 » of numbered columns (« Année 0 (investissement) » before it), or
    the start's year when columns before it ask no animation aid (2026 fitting out the
    premises, the plan from January 2027): the rates run from « la date de début de ce plan
    d'action ». None: the first column (a budget that asks aid before the start is read on
    its own columns, and B018 says why)."""
    if budget.ordinal:
        return 1
    if budget.year_one is not None:
        return budget.year_one
    if start is None or start.year not in budget.years[1:]:
        return None
    before = [y for y in budget.years if y < start.year]
    return None if any(budget.region_aid("animation", y) for y in before) else start.year


def follows_plan(years: list[int], start: date | None) -> bool:
    """Whether a budget of ``years`` can be read on a plan starting at ``start``: its first
    year is the start's (a budget that does not follow the plan is read as its own columns,
    year 1 first, and reported by the checks)."""
    return start is not None and bool(years) and years[0] == start.year


def aid_from_budget(
    call: Call, budget: BudgetFacts, start: date | None = None
) -> DossierAid | None:
    """Ceilings year by year from the budget's animation and equipment expenses, with the
    Région lines of the budget as the amounts requested; None for a budget without years, or
    whose figures cannot be trusted (an empty template, formulas never computed): its blanks
    would read as ceilings of 0 €. ``start``, the plan's first day, maps the budget's years
    to the plan's when the budget follows it, and places the years a budget numbers on the
    plan's; the years before the plan's first (``plan_origin``) have no rate: they are left
    out."""
    if start is not None and budget.ordinal and budget.years:
        # The first column on the start's year (see ``year_one``).
        budget = on_calendar(budget, start.year + 1 - min(budget.years[0], 1))
    if not budget.years or not budget.trusted:
        return None
    origin = plan_origin(budget, start)
    years = [year for year in budget.years if origin is None or year >= origin]
    animation = animation_aid(
        call,
        [budget.animation_expenses(year) for year in years],
        years,
        [budget.region_aid("animation", year) for year in years],
        start if follows_plan(years, start) else None,
        numbered=1 if budget.ordinal else budget.year_one,
    )
    if budget.ordinal:  # no calendar year known: « année 1, 2, 3 »
        animation = [replace(year, year=None) for year in animation]
    equipment = equipment_aid(call, budget.equipment_expenses(), budget.region_aid("equipement"))
    return DossierAid(animation, equipment)
