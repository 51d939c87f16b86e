"""The values a platform's export writes, read back: moments, amounts, identifiers.

One export writes a deposit time in three ways: the CSV as Ruby prints a time
(« 2026-03-02 14:31:07 +0100 »), the XLSX as a date cell (local time, no zone), the form PDF
in French (« 02 mars 26 14:31 », the two-digit year of its ``long`` format). Each is read
here to one moment in UTC; a time without a zone is the platform's (``fuseau``).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dossierkit.amounts import parse_amount
from dossierkit.dates import month_name
from dossierkit.text import fold

_ISO = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*"
    r"(Z|UTC|[+-]\d{2}:?\d{2})?$"
)
_NUMERIC = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:\s+(?:à\s+)?(\d{1,2})[:h](\d{2}))?$")
_MONTHS = {fold(month_name(m)): m for m in range(1, 13)}
_WORDS = re.compile(
    r"^(?:le\s+)?(\d{1,2})(?:er)?\s+([a-zéèûô]+)\.?\s+(\d{4}|\d{2})\b(?:\s+(?:à\s+)?(\d{1,2})[:h](\d{2}))?",
    re.IGNORECASE,
)


def zone(name: str) -> ZoneInfo | None:
    """The time zone ``name``; None when this system's zone database lacks it."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def local(moment: datetime, tz: str) -> datetime:
    """``moment`` in the platform's zone (``fuseau``), as the platform shows it to the
    instructor and the register shows a reception: « Déposé le 28/11 21:07 » in Paris is
    20:07 UTC, which no one there reads."""
    zone_info = zone(tz)
    return moment.astimezone(zone_info) if zone_info else moment


def zone_label(tz: str) -> str:
    """« heure de Paris » for Europe/Paris, else the zone's name."""
    return "heure de Paris" if tz == "Europe/Paris" else tz


def _aware(naive: datetime, tz: str) -> datetime:
    local = zone(tz)
    return (naive.replace(tzinfo=local) if local else naive.replace(tzinfo=UTC)).astimezone(UTC)


def _offset(text: str) -> int:
    if text in ("Z", "UTC"):
        return 0
    digits = text.replace(":", "")
    minutes = int(digits[1:3]) * 60 + int(digits[3:5])
    return -minutes if digits[0] == "-" else minutes


def parse_moment(text: str | None, tz: str = "Europe/Paris") -> datetime | None:
    """The moment ``text`` writes, in UTC; None when it is not one of the export's forms."""
    from datetime import timedelta

    if not text:
        return None
    text = " ".join(str(text).split())
    try:
        if match := _ISO.match(text):
            y, mo, d, h, mi, s, off = match.groups()
            naive = datetime(int(y), int(mo), int(d), int(h), int(mi), int(s or 0))
            if off is None:
                return _aware(naive, tz)
            return (naive - timedelta(minutes=_offset(off))).replace(tzinfo=UTC)
        if match := _NUMERIC.match(text):
            d, mo, y, h, mi = match.groups()
            return _aware(datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0)), tz)
        if match := _WORDS.match(text):
            d, month, y, h, mi = match.groups()
            number = _MONTHS.get(fold(month))
            if number is None:
                return None
            year = int(y) + 2000 if len(y) == 2 else int(y)
            return _aware(datetime(year, number, int(d), int(h or 0), int(mi or 0)), tz)
    except ValueError:  # 31/02: not a date
        return None
    return None


def parse_money(text: object) -> Decimal | None:
    """An amount as a form's number field writes it (« 45000.0 », « 45 000,00 € »)."""
    if text is None:
        return None
    if isinstance(text, Decimal):
        return text
    raw = str(text).strip()
    if re.fullmatch(r"-?\d+(\.\d+)?", raw):  # a number exported as such: the point is decimal
        try:
            return Decimal(raw)
        except InvalidOperation:
            return None
    return parse_amount(raw)


def digits(text: str | None) -> str | None:
    """The digits of a SIRET or SIREN as typed (« 853 214 770 00018 »)."""
    if not text:
        return None
    found = re.sub(r"\D", "", text)
    return found or None


def compact(text: str | None) -> str | None:
    """An identifier without its spaces (an IBAN printed in groups of four, an RNA number)."""
    if not text:
        return None
    return re.sub(r"\s", "", text).upper() or None


def size_text(size: int) -> str:
    """A size as French readers read it: ``12,4 Go``, ``350,2 Mo`` (1 Mo = 1 000 000 octets)."""
    unit, scale = ("Go", 1e9) if size >= 1e9 else ("Mo", 1e6)
    return f"{size / scale:.1f}".replace(".", ",") + f"\u00a0{unit}"
