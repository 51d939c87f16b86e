"""Parsing a piece: turn the document of a recognised piece into typed facts.

One module per piece. Each exposes ``parse(document, file) -> XFacts`` (the dossier technique
also takes the call, whose questions it looks for), where ``XFacts`` is a frozen dataclass of
the piece (``CourrierFacts``, ``RibFacts``…) that also lists, as ``facts``, what goes into the
report. Parsers never decide whether something is right: that is for the checks, which read
``dossier.parsed``, a ``ParsedPieces``. Parsers never open a file either: what they need of
it (text, words with boxes, tables, the layout of chosen pages) comes with the document.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Protocol, TypeVar

from dossierkit.call import Call
from dossierkit.fact import Fact
from dossierkit.pieces import (
    attestation,
    budget,
    courrier,
    delegation,
    minutes,
    rib,
    statuts,
    technique,
)
from dossierkit.pieces.attestation import AttestationFacts
from dossierkit.pieces.budget import BudgetFacts
from dossierkit.pieces.common import SignedPiece
from dossierkit.pieces.courrier import CourrierFacts
from dossierkit.pieces.delegation import DelegationFacts
from dossierkit.pieces.minutes import MinutesFacts
from dossierkit.pieces.rib import RibFacts
from dossierkit.pieces.statuts import StatutsFacts
from dossierkit.pieces.technique import TechniqueFacts
from dossierkit.pieces.technique.headings import table_pages
from dossierkit.reading.model import Document


class Parsed(Protocol):
    """What every piece parser returns."""

    @property
    def file(self) -> str:
        """The file (relative to the dossier) the piece was read from."""
        ...

    @property
    def facts(self) -> tuple[Fact, ...]:
        """Facts for the report, each with its file and page."""
        ...


@dataclass(frozen=True)
class ParsedPieces:
    """What the parsers read from the file used for each piece; None where the piece has no
    readable file. Field names are the call's piece kinds, and ``minutes``: every procès-verbal
    or composition du bureau joined as an annex, read for who holds which role."""

    courrier: CourrierFacts | None = None
    budget: BudgetFacts | None = None
    attestation_tva: AttestationFacts | None = None
    statuts: StatutsFacts | None = None
    delegation: DelegationFacts | None = None
    rib: RibFacts | None = None
    dossier_technique: TechniqueFacts | None = None
    minutes: tuple[MinutesFacts, ...] = ()

    def all(self) -> tuple[Parsed, ...]:
        """Every piece read, in the order above."""
        found: tuple[Parsed | None, ...] = (
            self.courrier,
            self.budget,
            self.attestation_tva,
            self.statuts,
            self.delegation,
            self.rib,
            self.dossier_technique,
            *self.minutes,
        )
        return tuple(p for p in found if p is not None)

    def signed(self) -> dict[str, SignedPiece]:
        """Piece kind → the pieces read that carry a signature (courrier, délégation,
        attestation)."""
        found: dict[str, SignedPiece | None] = {
            "courrier": self.courrier,
            "delegation": self.delegation,
            "attestation_tva": self.attestation_tva,
        }
        return {kind: piece for kind, piece in found.items() if piece is not None}

    @property
    def facts(self) -> tuple[Fact, ...]:
        """The facts of every piece read, for the report."""
        return tuple(fact for parsed in self.all() for fact in parsed.facts)


# Piece kinds with a parser.
PARSED_KINDS = tuple(f.name for f in fields(ParsedPieces) if f.name != "minutes")


_T = TypeVar("_T")


def _parse(
    documents: Mapping[str, tuple[Document, str]],
    kind: str,
    parse: Callable[[Document, str], _T],
) -> _T | None:
    found = documents.get(kind)
    return parse(*found) if found is not None else None


def parse_pieces(
    documents: Mapping[str, tuple[Document, str]],
    call: Call,
    minutes_documents: Sequence[tuple[Document, str]] = (),
) -> ParsedPieces:
    """Parse each piece kind's (document, file) in ``documents``; kinds without a parser
    are left aside. ``minutes_documents`` are the (document, file) of the minutes joined."""
    return ParsedPieces(
        courrier=_parse(documents, "courrier", courrier.parse),
        budget=_parse(documents, "budget", budget.parse),
        attestation_tva=_parse(documents, "attestation_tva", attestation.parse),
        statuts=_parse(documents, "statuts", statuts.parse),
        delegation=_parse(documents, "delegation", delegation.parse),
        rib=_parse(documents, "rib", rib.parse),
        dossier_technique=_parse(
            documents,
            "dossier_technique",
            lambda document, file: technique.parse(document, file, call),
        ),
        minutes=tuple(minutes.parse(document, file) for document, file in minutes_documents),
    )


# Laying a page out costs about 0.15 s of processor (pdfplumber reads each character: 30
# times the first reading of the page, measured on pages of tables of a dossier technique).
# The pages of a dossier technique that draw a table are laid out up to this many, the first
# ones: the call's template as a table on every page of a long document would cost seconds.
# The others are read from their text, as every page was before.
MAX_TECHNIQUE_TABLE_PAGES = 12


def layout_pages(kind: str, document: Document) -> tuple[int, ...]:
    """The pages of ``document``, taken for piece ``kind``, whose layout (tables rebuilt from
    word positions) its parser needs: a paginated budget's pages, and the pages of a dossier
    technique that can hold its summary of the Région's aid or that draw a table (its rows
    read cell by cell: the places of a réseau, the plan's years; the page's other lines are
    still read from its text, ``technique.headings.units``). Non-paginated documents (DOCX,
    spreadsheets) carry their tables already."""
    if not document.pages:
        return ()
    if kind == "budget":
        return budget.layout_pages(document)
    if kind == "dossier_technique":
        tables = table_pages(document)[:MAX_TECHNIQUE_TABLE_PAGES]
        return tuple(sorted({*budget.region_pages(document), *tables}))
    return ()
