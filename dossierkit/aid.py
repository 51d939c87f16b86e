"""The aid the call allows, year by year, with its arithmetic spelled out.

Animation: the base of year n is the animation expenses of that year, capped at the call's
``base_cap``; the aid is at most ``rates[n] × base``. Equipment: at most ``rate ×`` the
equipment expenses, capped at ``cap`` over the whole project. Every figure comes from the
call file.

One rounding rule for every ceiling, ``round_ceiling``: the product is rounded to the
nearest cent, a half cent up, as a spreadsheet's ``ROUND(x; 2)`` does. The workbook of
``dossierkit init`` writes its ceilings with that formula, ``dossierkit aid`` and the checks
compute them with this function, so the three never disagree: 25 % of 30 000,50 € is
7 500,13 €, in the applicant's workbook as in the report.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from dossierkit.call import Call

if TYPE_CHECKING:
    from dossierkit.pieces.budget import BudgetFacts

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


@dataclass(frozen=True)
class AnimationYear:
    """The animation aid of one year of the project."""

    index: int  # 1, 2, 3: the year of the project
    year: int | None  # the calendar year, when known
    expenses: Decimal
    base_cap: Decimal
    base: Decimal
    rate: Decimal
    maximum: Decimal
    requested: Decimal | None

    def label(self, lang: str = "fr") -> str:
        """``2028``, or ``année 2`` when the calendar year is not known."""
        if self.year is not None:
            return str(self.year)
        return f"{'year' if lang == 'en' else 'année'} {self.index}"

    def explanation(self, lang: str = "fr") -> str:
        """``2028 : min(45 000 ; 60 000) × 50 % = 22 500 €``."""
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
        """``Équipement : min(32 000 × 50 % ; 30 000) = 16 000 €``."""
        return (
            f"{'Equipment' if lang == 'en' else 'Équipement'} : min({_number(self.expenses)} × {percent(self.rate)} ; "
            f"{_number(self.cap)}) = {euros(self.maximum)}"
        )


def animation_aid(
    call: Call,
    expenses: list[Decimal],
    years: list[int] | None = None,
    requested: list[Decimal | None] | None = None,
) -> list[AnimationYear]:
    """Ceiling of the animation aid for each year of expenses given (beyond the call's
    rates, the rate is zero: the aid is never renewed)."""
    rules = call.animation_aid
    result = []
    for i, spent in enumerate(expenses):
        rate = rules.rates[i] if i < len(rules.rates) else Decimal(0)
        base = min(spent, rules.base_cap)
        result.append(
            AnimationYear(
                index=i + 1,
                year=years[i] if years and i < len(years) else None,
                expenses=spent,
                base_cap=rules.base_cap,
                base=base,
                rate=rate,
                maximum=round_ceiling(base * rate),
                requested=requested[i] if requested and i < len(requested) else None,
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


def aid_from_budget(call: Call, budget: BudgetFacts) -> DossierAid | None:
    """Ceilings year by year from the budget's animation and equipment expenses, with the
    Région lines of the budget as the amounts requested; None for a budget without years, or
    whose figures cannot be trusted (an empty template, formulas never computed): its blanks
    would read as ceilings of 0 €."""
    if not budget.years or not budget.trusted:
        return None
    years = list(budget.years)
    animation = animation_aid(
        call,
        [budget.animation_expenses(year) for year in years],
        years,
        [budget.region_aid("animation", year) for year in years],
    )
    equipment = equipment_aid(call, budget.equipment_expenses(), budget.region_aid("equipement"))
    return DossierAid(animation, equipment)
