"""Findings: what a check says about one place of a dossier.

What is fixed for a kind of finding (code, name, message templates, documentation) lives on
the check; what belongs to one occurrence (piece, file, page, the values in the message)
lives here. Messages are rendered in the reader's language only when a report is written.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

# A value of a finding's ``data``: JSON's scalars, and lists of strings (tuples here, so that
# the record stays immutable). Amounts are strings of exact decimals, as in the aid table.
DataValue = str | int | bool | None | tuple[str, ...]


class Severity(StrEnum):
    """How much a finding weighs: only errors make a dossier incomplete."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True)
class Finding:
    """One occurrence of a check's finding."""

    code: str
    severity: Severity
    piece: str | None = None
    file: str | None = None
    page: int | None = None
    params: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    evidence: str = ""
    # What the finding established, for a program to read without parsing the message (the
    # year and amounts of an aid over its cap, for a letter): language-neutral, optional,
    # written in the JSON report as the finding's ``data`` only when there is some.
    data: Mapping[str, DataValue] = field(default_factory=dict, hash=False, compare=False)

    def sort_key(self) -> tuple[int, str, str, int, str]:
        """Errors first, then by file and page, so that reports are stable."""
        return (
            SEVERITY_ORDER[self.severity],
            self.file or "",
            self.code,
            self.page or 0,
            "|".join(f"{k}={v}" for k, v in sorted(self.params.items())),
        )

    def data_json(self) -> dict[str, Any]:
        """``data`` as JSON-ready values (a tuple becomes a list)."""
        return {k: list(v) if isinstance(v, tuple) else v for k, v in self.data.items()}
