"""The dossier as the checks see it: files read and classified, pieces, facts.

Checks read this model and never open files; reporters and the assembler consume it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dossierkit.call import Call, PieceSpec
from dossierkit.classify import Classification
from dossierkit.discovery import Entry
from dossierkit.manifest import Manifest, ManifestError
from dossierkit.reading.model import Document

if TYPE_CHECKING:
    from dossierkit.aid import DossierAid


@dataclass(frozen=True)
class DossierFile:
    """One file of the dossier with what was learnt from it."""

    entry: Entry
    sha256: str | None
    type: str
    claimed_type: str | None
    document: Document | None = None
    problem: str | None = None
    detail: str = ""
    classification: Classification | None = None
    kind: str | None = None
    role: str = "unclassified"  # piece | annex | unclassified
    evidence: tuple[str, ...] = ()

    @property
    def rel(self) -> str:
        """Path relative to the dossier, as shown to people."""
        return self.entry.rel

    @property
    def is_piece(self) -> bool:
        """True when the file was taken for one of the call's pieces (not an annex)."""
        return self.role == "piece"

    @property
    def readable(self) -> bool:
        """True when the file was read into a document."""
        return self.document is not None

    @property
    def pages(self) -> int | None:
        """Pages of a paginated document."""
        return self.document.page_count if self.document else None


@dataclass(frozen=True)
class Fact:
    """Something learnt about the applicant, and where it comes from."""

    name: str
    value: str | bool | int
    origin: str  # "declared" (dossier.yaml) or "inferred" (documents)
    file: str | None = None
    page: int | None = None
    evidence: str = ""


@dataclass(frozen=True)
class PieceResult:
    """One piece of the call in this dossier: required or not, its files, its status."""

    spec: PieceSpec
    required: bool | None
    status: str  # ok | missing | invalid | not_required
    files: tuple[DossierFile, ...]
    used: DossierFile | None


@dataclass
class Dossier:
    """Everything known about one dossier before the checks run."""

    name: str
    root: Path
    call: Call
    entries: list[Entry]
    files: list[DossierFile]
    manifest: Manifest | None = None
    manifest_file: str | None = None
    manifest_error: ManifestError | None = None
    facts: list[Fact] = field(default_factory=list)
    pieces: list[PieceResult] = field(default_factory=list)
    # Piece kind → what its parser read (CourrierFacts, RibFacts…), for the checks.
    parsed: dict[str, Any] = field(default_factory=dict)
    # The aid ceilings the budget allows beside what it requests (None without a budget).
    aid: DossierAid | None = None

    def fact(self, name: str) -> str | bool | int | None:
        """The value of a fact: the declared one if any, else the inferred one."""
        for origin in ("declared", "inferred"):
            for fact in self.facts:
                if fact.name == name and fact.origin == origin:
                    return fact.value
        return None

    def fact_values(self) -> dict[str, object]:
        """Every known fact by name, for the call's conditions."""
        return {f.name: self.fact(f.name) for f in self.facts}

    def annex_files(self) -> dict[str, list[DossierFile]]:
        """Annex kind → files taken for it, in the call's order."""
        annexes: dict[str, list[DossierFile]] = {a.kind: [] for a in self.call.annexes}
        for f in self.files:
            if f.kind in annexes:
                annexes[f.kind].append(f)
        return annexes
