"""What goes into the assembled PDF, in which order, and how each part turned out.

The assembler decides nothing about the dossier: verify has already said which file is each
piece and which are annexes. The plan only lays them out in the call's order (courrier,
budget, dossier technique…, then the annexes in the order the call lists them) and keeps,
for each, what the sommaire must say when it has no pages (missing, not required,
unreadable). Each section then becomes a ``Part``: its pages once rendered, or why it has
none; every later stage (front pages, navigation, stamps, attachments) reads parts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dossierkit.dossier import DossierFile, PieceResult
    from dossierkit.pieces import ParsedPieces
    from dossierkit.verify import Verification

# Legacy office formats that verify cannot read but LibreOffice converts faithfully.
LIBREOFFICE_ONLY = frozenset({"doc", "xls"})


@dataclass(frozen=True)
class Section:
    """One line of the sommaire: a piece of the call or an annex, and its file.

    ``status`` is the piece's status as verify gave it (``ok``, ``empty``, ``missing``,
    ``invalid``, ``not_required``); an annex is ``ok`` or ``invalid``. ``file`` is the file
    to include (the one verify used, or the unreadable one so that the sommaire can name
    it); when it holds several pieces, only its ``page_range`` is this section. ``more`` are
    files whose pages follow (a letter's second page scanned apart).
    """

    role: str  # piece | annex
    kind: str
    label: str
    number: int
    total: int
    status: str
    file: DossierFile | None
    more: tuple[DossierFile, ...] = ()

    @property
    def key(self) -> str:
        """A stable identifier within one assembly: ``piece-3``, ``annex-1``."""
        return f"{self.role}-{self.number}"

    def renders(self) -> dict[str, DossierFile]:
        """Key of each rendering → file to render: the section's file, then its ``more``."""
        if not self.to_render or self.file is None:
            return {}
        more = {f"{self.key}+{n}": f for n, f in enumerate(self.more, start=1) if f.readable}
        return {self.key: self.file, **more}

    @property
    def to_render(self) -> bool:
        """True when the section's file should be turned into pages.

        A file verify read is rendered; so is a legacy Word or Excel file, which verify
        cannot read but LibreOffice can convert. Other unreadable files (encrypted, damaged)
        are only named in the sommaire.
        """
        if self.file is None:
            return False
        return self.file.readable or self.file.type in LIBREOFFICE_ONLY


# Where a budget line stands on a paginated document (``BudgetLine.source``: "p. 3").
_PAGE = re.compile(r"^p\. (\d+)\b")


def _piece_file(piece: PieceResult, parsed: ParsedPieces) -> DossierFile | None:
    """The file of a piece's section. A budget found in the dossier technique (``within``)
    is that file: in a PDF, only the pages its table stands on; a Word document, whose pages
    are known once rendered, whole (its pages then come twice, budget and technique)."""
    f = piece.used or (piece.files[0] if piece.files else None)
    if f is None or piece.within is None or f.page_range is not None or not f.pages:
        return f
    budget = parsed.budget if piece.spec.kind == "budget" else None
    pages = [
        int(m.group(1))
        for line in (budget.lines if budget is not None else ())
        if (m := _PAGE.match(line.source))
    ]
    return replace(f, page_range=(min(pages), max(pages))) if pages else f


def plan_sections(result: Verification, lang: str) -> list[Section]:
    """The call's pieces in the call's order, then every annex file, in the call's order."""
    dossier = result.dossier
    pieces = dossier.pieces
    sections = [
        Section(
            role="piece",
            kind=piece.spec.kind,
            label=piece.spec.label[lang],
            number=number,
            total=len(pieces),
            status=piece.status,
            file=_piece_file(piece, dossier.parsed),
            more=piece.continued,
        )
        for number, piece in enumerate(pieces, start=1)
    ]
    annexes = [(kind, f) for kind, files in dossier.annex_files().items() for f in files]
    sections += [
        Section(
            role="annex",
            kind=kind,
            label=dossier.call.spec(kind).label[lang],
            number=number,
            total=len(annexes),
            status="ok" if f.readable else "invalid",
            file=f,
        )
        for number, (kind, f) in enumerate(annexes, start=1)
    ]
    return sections


@dataclass(frozen=True)
class Rendered:
    """A file's pages as PDF: the PDF to copy pages from and who made it.

    ``laid_out`` is true for pages dossierkit laid out itself with free margins, where the
    stamp needs no search for room.
    """

    pdf: Path
    renderer: str  # pdf | libreoffice | builtin | img2pdf
    laid_out: bool


@dataclass(frozen=True)
class Failed:
    """A file that could not be turned into pages, and why (in the user's language)."""

    reason: str


Outcome = Rendered | Failed


@dataclass(frozen=True)
class Part:
    """A section once rendered: its outcome (None when there was nothing to render), its
    number of pages and its first page in the assembled PDF (1-based)."""

    section: Section
    outcome: Outcome | None = None
    pages: int = 0
    first: int | None = None

    @property
    def failure(self) -> str | None:
        """Why the section's file could not be turned into pages, if it could not."""
        return self.outcome.reason if isinstance(self.outcome, Failed) else None

    @property
    def signed(self) -> bool:
        """True for a PDF carrying a digital signature, which merging invalidates."""
        f = self.section.file
        return f is not None and f.document is not None and bool(f.document.signatures)

    @property
    def attached(self) -> bool:
        """Whether the original file is attached to the assembled PDF.

        The pages of a signed PDF lose their signature's validity once merged, and a
        conversion loses formulas, styles, or (when it failed) everything: those originals
        travel inside the PDF. An unsigned PDF is already there as it is.
        """
        if self.outcome is None or self.section.file is None:
            return False
        return self.signed or self.section.file.type != "pdf"
