"""A fact: something learnt about the applicant or a piece, and where it comes from.

A leaf module: the parsers of ``pieces/`` make facts and the dossier model gathers them, so
the record lives below both and neither has to import the other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Fact:
    """Something learnt about the applicant, and where it comes from."""

    name: str
    value: str | bool | int
    origin: str  # "declared" (dossier.yaml) or "inferred" (documents)
    file: str | None = None
    page: int | None = None
    evidence: str = ""


def fact_value(facts: Sequence[Fact], name: str) -> str | bool | int | None:
    """The value of fact ``name``: the declared one if any, else the inferred one."""
    for origin in ("declared", "inferred"):
        for fact in facts:
            if fact.name == name and fact.origin == origin:
                return fact.value
    return None


def fact_values(facts: Sequence[Fact]) -> dict[str, object]:
    """Every known fact by name, for the call's conditions."""
    return {f.name: fact_value(facts, f.name) for f in facts}
