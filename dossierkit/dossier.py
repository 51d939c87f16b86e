"""The dossier as the checks see it: files read and classified, pieces, facts.

Checks read this model and never open files; reporters and the assembler consume it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from dossierkit.aid import DossierAid
from dossierkit.call import Call, PieceSpec
from dossierkit.classify import Classification
from dossierkit.classify.pages import Run
from dossierkit.discovery import Entry
from dossierkit.fact import Fact, fact_value, fact_values
from dossierkit.manifest import Manifest, ManifestError
from dossierkit.pieces import ParsedPieces
from dossierkit.reading.files import ReadFile


@dataclass(frozen=True)
class DossierFile(ReadFile):
    """One file of the dossier with what was learnt from it: as read, then classified.

    A file that holds several pieces (letter, RIB and statuts scanned together) has their
    ``runs`` of pages; each piece then sees the file through a *unit* (``units``): the same
    file with ``page_range`` set and a document reduced to those pages, so that its parser
    reads its own pages only. ``kind`` and ``role`` of the whole file are those of its
    first run.
    """

    classification: Classification | None = None
    kind: str | None = None
    role: str = "unclassified"  # piece | annex | unclassified
    evidence: tuple[str, ...] = ()
    runs: tuple[Run, ...] = ()
    page_range: tuple[int, int] | None = None

    @property
    def is_piece(self) -> bool:
        """True when the file was taken for one of the call's pieces (not an annex)."""
        return self.role == "piece"

    @property
    def score(self) -> int:
        """How surely the file (or its pages) was recognised: the run's score for a unit,
        the classification's otherwise (a file declared in dossier.yaml is sure)."""
        if self.page_range is not None and self.runs:
            return self.runs[0].score
        return self.classification.score if self.classification is not None else 100

    @property
    def range_label(self) -> str | None:
        """ "pages 2–3" for a unit, None for a whole file."""
        return self.runs[0].label if self.page_range is not None and self.runs else None

    def units(self, piece_kinds: frozenset[str]) -> tuple[DossierFile, ...]:
        """The file as each piece it holds sees it: itself when it is one piece, else one
        unit per run (``piece_kinds`` tells a piece from an annex)."""
        if self.page_range is not None or not self.runs or self.document is None:
            return (self,)
        return tuple(
            replace(
                self,
                document=self.document.page_range(run.first, run.last),
                kind=run.kind,
                role="piece" if run.kind in piece_kinds else "annex",
                evidence=(f"{run.label} du fichier", *run.evidence),
                runs=(run,),
                page_range=(run.first, run.last),
            )
            for run in self.runs
        )


@dataclass(frozen=True)
class PieceResult:
    """One piece of the call in this dossier: required or not, its files, its status.

    ``files`` are the files (or units of a file, see ``DossierFile.units``) taken for the
    piece, the one used first; ``continued`` are files read as the next pages of the one
    used (a letter's second page scanned apart), which are not other versions; ``reason``
    says why the one used was preferred when there was a choice (a key of
    ``versions.REASONS``); ``twins`` are the same document in another format. ``empty`` is the status of a piece whose file lacks what makes it
    the piece (a budget without amounts, a dossier technique without answers, a RIB without
    IBAN). ``within`` is the kind of the piece whose file holds this one, when it has no file
    of its own (the budget table of the dossier technique: ``used`` is then that file).
    """

    spec: PieceSpec
    required: bool | None
    status: str  # ok | empty | missing | invalid | not_required
    files: tuple[DossierFile, ...]
    used: DossierFile | None
    continued: tuple[DossierFile, ...] = ()
    twins: tuple[DossierFile, ...] = ()
    reason: str | None = None
    within: str | None = None

    @property
    def others(self) -> tuple[DossierFile, ...]:
        """The files taken for the piece that are other versions of it: neither the one
        used, nor its next pages (``continued``), nor the same document in another format
        (``twins``: the DOCX beside the PDF exported from it)."""
        kept = (self.used, *self.continued, *self.twins)
        return tuple(f for f in self.files if not any(f is k for k in kept))


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

    @property
    def units(self) -> tuple[DossierFile, ...]:
        """Every file as the pieces see it: whole, or one unit per piece it holds."""
        piece_kinds = frozenset(p.kind for p in self.call.pieces)
        return tuple(unit for f in self.files for unit in f.units(piece_kinds))

    def annex_files(self) -> dict[str, list[DossierFile]]:
        """Annex kind → files (or units of files) taken for it, in the call's order."""
        annexes: dict[str, list[DossierFile]] = {a.kind: [] for a in self.call.annexes}
        for f in self.units:
            if f.kind in annexes:
                annexes[f.kind].append(f)
        return annexes
