"""The dossier as the checks see it: files read and classified, pieces, facts.

Checks read this model and never open files; reporters and the assembler consume it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from dossierkit.aid import DossierAid
from dossierkit.call import Call, PieceSpec
from dossierkit.classify import Classification
from dossierkit.discovery import Entry
from dossierkit.fact import Fact, fact_value, fact_values
from dossierkit.manifest import Manifest, ManifestError
from dossierkit.pieces import ParsedPieces
from dossierkit.reading.files import ReadFile


@dataclass(frozen=True)
class DossierFile(ReadFile):
    """One file of the dossier with what was learnt from it: as read, then classified."""

    classification: Classification | None = None
    kind: str | None = None
    role: str = "unclassified"  # piece | annex | unclassified
    evidence: tuple[str, ...] = ()

    @property
    def is_piece(self) -> bool:
        """True when the file was taken for one of the call's pieces (not an annex)."""
        return self.role == "piece"


@dataclass(frozen=True)
class PieceResult:
    """One piece of the call in this dossier: required or not, its files, its status."""

    spec: PieceSpec
    required: bool | None
    status: str  # ok | missing | invalid | not_required
    files: tuple[DossierFile, ...]
    used: DossierFile | None


@dataclass(frozen=True)
class Dossier:
    """Everything known about one dossier before the checks run, built once by ``verify``."""

    name: str
    root: Path
    call: Call
    entries: tuple[Entry, ...]
    files: tuple[DossierFile, ...]
    manifest: Manifest | None = None
    manifest_file: str | None = None
    manifest_error: ManifestError | None = None
    facts: tuple[Fact, ...] = ()
    pieces: tuple[PieceResult, ...] = ()
    # What the parser of each piece read from the file used for it, for the checks.
    parsed: ParsedPieces = field(default_factory=ParsedPieces)
    # The aid ceilings the budget allows beside what it requests (None without a budget).
    aid: DossierAid | None = None

    def fact(self, name: str) -> str | bool | int | None:
        """The value of a fact: the declared one if any, else the inferred one."""
        return fact_value(self.facts, name)

    def fact_values(self) -> dict[str, object]:
        """Every known fact by name, for the call's conditions."""
        return fact_values(self.facts)

    def annex_files(self) -> dict[str, list[DossierFile]]:
        """Annex kind → files taken for it, in the call's order."""
        annexes: dict[str, list[DossierFile]] = {a.kind: [] for a in self.call.annexes}
        for f in self.files:
            if f.kind in annexes:
                annexes[f.kind].append(f)
        return annexes
