"""The day a dossier is judged on, for the checks that compare a date with it (B017).

A stored application checked again a year later must get the same findings: "the plan starts
in the past" is judged on the day the application was received, not on the day someone
happens to look at it again. ``verify(..., today=day)`` (``dossierkit verify --le``, the
triage's reception date) sets that day for the checks it runs, through ``judged_on``;
without one, it is the day of the run: ``DOSSIERKIT_TODAY`` (ISO, « 2026-12-02 ») when set,
so that the tests do not depend on the calendar, else the system's date.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date

# A context variable, not a global: dossiers verified at once in threads keep their own day.
_JUDGED_ON: ContextVar[date | None] = ContextVar("dossierkit_judged_on", default=None)


def reference_date() -> date:
    """The day the dossier is judged on (see the module's docstring)."""
    day = _JUDGED_ON.get()
    if day is not None:
        return day
    try:
        return date.fromisoformat(os.environ.get("DOSSIERKIT_TODAY", ""))
    except ValueError:
        return date.today()


def judged_on_reception() -> bool:
    """Whether the day of ``reference_date`` is a reception day given by the caller
    (``verify --le``, the triage's reception date) rather than the day of the run: a message
    that names the day says which it is (« date de réception du dossier »)."""
    return _JUDGED_ON.get() is not None


@contextmanager
def judged_on(day: date | None) -> Iterator[None]:
    """Run the checks inside as on ``day`` (the day of the run when None)."""
    token = _JUDGED_ON.set(day)
    try:
        yield
    finally:
        _JUDGED_ON.reset(token)
