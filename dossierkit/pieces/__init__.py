"""Parsing a piece: turn the document of a recognised piece into typed facts.

One module per piece. Each exposes ``parse(f: DossierFile, call: Call) -> Parsed`` where ``Parsed`` is a
frozen dataclass of the piece (``CourrierFacts``, ``RibFacts``…) that also lists, as
``facts``, what goes into the report. Parsers never decide whether something is right: that
is for the checks, which read ``dossier.parsed[kind]``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from dossierkit.call import Call
from dossierkit.dossier import DossierFile, Fact


class Parsed(Protocol):
    """What every piece parser returns."""

    @property
    def facts(self) -> tuple[Fact, ...]:
        """Facts for the report, each with its file and page."""
        ...


def parsers() -> dict[str, Callable[[DossierFile, Call], Parsed]]:
    """Piece kind → parser, for the pieces that have one."""
    from dossierkit.pieces import (
        attestation,
        budget,
        courrier,
        delegation,
        rib,
        statuts,
        technique,
    )

    return {
        "courrier": courrier.parse,
        "budget": budget.parse,
        "attestation_tva": attestation.parse,
        "statuts": statuts.parse,
        "delegation": delegation.parse,
        "rib": rib.parse,
        "dossier_technique": technique.parse,
    }
