"""Flatten findings to tuples of chosen fields, for assertions and quick comparisons.

Like frictionless's ``report.flatten(["rowNumber", "type"])``: a test (or a script comparing
two runs) states what it expects as ``(code, severity, piece, file, page)`` tuples instead of
picking fields out of findings by hand. Findings come either as ``Finding`` records (the API:
``verify(...).findings``) or as the dictionaries of a JSON report (the CLI, ``report_data``),
and give the same tuples, so that one expectation serves both.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from dossierkit.findings import Finding, Severity

# What locates a finding and says how much it weighs: the usual shape of an expectation.
FIELDS: tuple[str, ...] = ("code", "severity", "piece", "file", "page")

_KNOWN = frozenset({"code", "severity", "piece", "file", "page", "evidence", "message", "name"})


def _value(finding: Finding | Mapping[str, Any], field: str) -> object:
    if isinstance(finding, Finding):
        if field not in _KNOWN or field in ("message", "name"):
            # A message is rendered in a language and a name lives on the check: neither is
            # part of a Finding, so asking for them here is a mistake to say, not to hide.
            raise ValueError(f"a Finding has no field {field!r}")
        value: object = getattr(finding, field)
    else:
        if field not in finding:
            raise ValueError(f"a reported finding has no field {field!r}")
        value = finding[field]
    # A severity compares as its word ("error"), whichever side it came from.
    return value.value if isinstance(value, Severity) else value


def flatten(
    findings: Iterable[Finding | Mapping[str, Any]],
    fields: Sequence[str] = FIELDS,
    *,
    codes: str | Iterable[str] | None = None,
) -> list[tuple[Any, ...]]:
    """One tuple of ``fields`` per finding, in the findings' order (of Any: the fields mix
    strings, numbers and None, and a caller compares them or looks inside a message).

    ``codes`` keeps only some findings: a code (``"R002"``), a group's prefix (``"R"``), or
    several of either; a test of one piece then ignores what the absent pieces cause.
    """
    wanted = (codes,) if isinstance(codes, str) else tuple(codes) if codes is not None else None
    rows = []
    for finding in findings:
        code = str(_value(finding, "code"))
        if wanted is not None and not any(code.startswith(w) for w in wanted):
            continue
        rows.append(tuple(_value(finding, field) for field in fields))
    return rows
