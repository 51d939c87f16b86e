"""Dates as French (and English) letters and covers write them: « 1er décembre 2026 »."""

from __future__ import annotations

from datetime import date

_MONTHS = {
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


def long_date(day: date, lang: str = "fr") -> str:
    """``1er décembre 2026`` or ``1 December 2026``."""
    first = "1er" if lang == "fr" and day.day == 1 else str(day.day)
    return f"{first} {_MONTHS[lang][day.month - 1]} {day.year}"


def month_name(month: int, lang: str = "fr") -> str:
    """``décembre`` or ``December`` for month 12."""
    return _MONTHS[lang][month - 1]


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, the month's last day when it has no such day (31 Dec.
    plus two months is 28 Feb.): how a delay "de deux mois" is counted from a date."""
    import calendar

    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
