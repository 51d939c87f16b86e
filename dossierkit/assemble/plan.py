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

    ``inside`` is the key of the section whose pages hold this one (the budget table of the
    dossier technique): its pages are not repeated, the sommaire and the bookmark send to
    where it stands among that section's pages, found by its ``marks`` (the labels of its
    lines) when the file's pages are only known once rendered (a Word document).
    """

    role: str  # piece | annex
    kind: str
    label: str
    number: int
    total: int
    status: str
    file: DossierFile | None
    more: tuple[DossierFile, ...] = ()
    inside: str | None = None
    marks: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """A stable identifier within one assembly: ``piece-3``, ``annex-1``."""
        return f"{self.role}-{self.number}"

    def renders(self) -> dict[str, DossierFile]:
        """Key of each rendering → file to render: the section's file, then its ``more``."""
        if not self.to_render or self.file is None or self.inside is not None:
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


def _status(piece: PieceResult) -> str:
    """The piece's status for the sommaire: a piece counted as not required only because
    nothing tells whether it is (the statuts when the kind of structure is unknown, P005) is
    ``undetermined``, never « sans objet »."""
    if piece.status == "not_required" and piece.required is None:
        return "undetermined"
    return piece.status


def _piece_file(piece: PieceResult, parsed: ParsedPieces) -> DossierFile | None:
    """The file of a piece's section. A budget found in the dossier technique (``within``)
    is that file: in a PDF, only the pages its table stands on; a Word document, whose pages
    are known once rendered, whole (``_inside`` then finds them among the technique's)."""
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


def _marks(piece: PieceResult, parsed: ParsedPieces) -> tuple[str, ...]:
    """What finds a piece held by another one's file among that file's pages: the labels
    of a budget's lines and their amounts in euros (« 41 500 » and « 41500 », as tables
    print them), each once, in order."""
    budget = parsed.budget if piece.spec.kind == "budget" else None
    lines = budget.lines if budget is not None else ()
    marks = [line.label for line in lines if line.label.strip()]
    for line in lines:
        euros = abs(int(line.amount))
        if euros >= 100:  # not the « 0 » or « 12 » that any page holds
            marks += [f"{euros:,}".replace(",", " "), str(euros)]
    return tuple(dict.fromkeys(marks))


def _inside(sections: list[Section], pieces: tuple[PieceResult, ...]) -> list[Section]:
    """The sections of pieces held by another piece's file (``PieceResult.within``) marked
    as inside that piece's section, when that section includes the same file."""
    hosts = {s.kind: s for s in sections if s.role == "piece"}
    marked = []
    for section, piece in zip(sections, pieces, strict=True):
        host = hosts.get(piece.within or "")
        if (
            host is not None
            and host is not section
            and host.file is not None
            and section.file is not None
            and host.file.rel == section.file.rel
        ):
            section = replace(section, inside=host.key)
        marked.append(section)
    return marked


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
            status=_status(piece),
            file=_piece_file(piece, dossier.parsed),
            more=piece.continued,
            marks=_marks(piece, dossier.parsed) if piece.within else (),
        )
        for number, piece in enumerate(pieces, start=1)
    ]
    sections = _inside(sections, pieces)
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
    renderer: str  # pdf | libreoffice | builtin | img2pdf | photo
    laid_out: bool


@dataclass(frozen=True)
class Failed:
    """A file that could not be turned into pages, and why (in the user's language)."""

    reason: str


Outcome = Rendered | Failed


@dataclass(frozen=True)
class Part:
    """A section once rendered: its outcome (None when there was nothing to render), its
    number of pages and its first page in the assembled PDF (1-based).

    A section ``inside`` another has no pages of its own: ``span`` is where it stands among
    its host's pages (first and last, 1-based in the host), and ``first`` that first page in
    the assembled PDF. ``fitted`` counts the pages set on A4 (``a4``).
    """

    section: Section
    outcome: Outcome | None = None
    pages: int = 0
    first: int | None = None
    span: tuple[int, int] | None = None
    fitted: int = 0

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
