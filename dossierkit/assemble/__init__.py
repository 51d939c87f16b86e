"""Assemble a verified dossier into one indexed submission PDF (``dossierkit assemble``).

The stages, one module each, in the order they run:

1. ``plan``: the pieces verify found, in the call's order, then the annexes; a piece held
   in another's file (the budget table of the dossier technique) is not repeated.
2. ``convert``: each file to PDF pages (PDF as is, LibreOffice or the built-in renderer for
   office files, img2pdf for images); a failure is kept, never raised.
3. ``a4``: every page that is not A4 (US Letter, an odd scan) set on A4, its content kept;
   ``inside``: where a piece held in another's pages stands among them.
4. ``front``: the cover and the sommaire, once the pages are counted.
5. The merge (here): pages copied with pikepdf, qpdf's engine, streams untouched.
6. ``navigation``: bookmarks, page labels, the sommaire's links.
7. ``attachments``: the signed and converted originals, the manifest.
8. ``stamp``: the margin stamp on every page of the pieces, where it covers nothing.
9. ``writer``: metadata, reproducible bytes, atomic rename.
10. ``size``: heavy files named; over ``--taille-max``, the scans' images recompressed
   (without loss, then without visible loss) and the PDF written again.

``assemble_dossier`` verifies then assembles (what the command does); ``assemble`` takes a
``Verification`` already made. Inputs are only read: conversions work on copies in a
temporary folder.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from dossierkit.assemble import a4, attachments, front, inside, navigation, size, stamp, writer
from dossierkit.assemble.convert import Renderer, render_sections
from dossierkit.assemble.plan import Failed, Outcome, Part, Rendered, Section, plan_sections
from dossierkit.assemble.texts import text
from dossierkit.errors import DossierkitError
from dossierkit.external import soffice
from dossierkit.external.scratch import check_free_space, disk_errors, scratch_dir, scratch_errors

if TYPE_CHECKING:
    import pikepdf

    from dossierkit.call import Call
    from dossierkit.verify import Verification

__all__ = ["AssembleError", "Assembly", "Options", "Renderer", "assemble", "assemble_dossier"]


class AssembleError(DossierkitError):
    """Why the dossier was not assembled: ``message`` for the user, ``details`` (the
    reasons, one per line) and the command's exit code (1 incomplete, 2 usage)."""

    def __init__(self, message: str, exit_code: int = 2, details: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code
        self.details = details


@dataclass(frozen=True)
class Options:
    """How to assemble: language, what to accept, what to add, how to render office files."""

    lang: str = "fr"
    allow_incomplete: bool = False
    force: bool = False
    with_report: bool = False
    renderer: Renderer = field(default_factory=Renderer)
    max_mb: float = size.DEFAULT_LIMIT_MB  # the assembled PDF's size not to exceed, in MB


@dataclass(frozen=True)
class Assembly:
    """The assembled PDF: where, how many pages, its parts, and what to tell the user."""

    output: Path
    pages: int
    front_pages: int
    parts: tuple[Part, ...]
    complete: bool
    messages: tuple[str, ...]

    @property
    def exit_code(self) -> int:
        """0 when the assembled dossier is complete, 1 when it has gaps (it was assembled
        with ``--allow-incomplete``, or a conversion failed)."""
        return 0 if self.complete else 1


def check_output(root: Path, output: Path, options: Options) -> None:
    """Refuse an output that would overwrite without ``force``, land in a missing folder,
    or sit inside the dossier (where the next verification would take it for a piece)."""
    lang = options.lang
    target = output.resolve()
    if target.is_dir():
        raise AssembleError(text(lang, "is_dir", path=output))
    if not target.parent.is_dir():
        raise AssembleError(text(lang, "no_parent", path=output.parent))
    if target.is_relative_to(root.resolve()):
        hint = root.resolve().parent / target.name
        raise AssembleError(text(lang, "inside", path=output, hint=hint))
    if target.exists() and not options.force:
        raise AssembleError(text(lang, "exists", path=output))


def _refusal(result: Verification, lang: str) -> AssembleError:
    from dossierkit.report.data import report_data

    errors = tuple(
        f["message"] for f in report_data(result, lang)["findings"] if f["severity"] == "error"
    )
    return AssembleError(text(lang, "refused"), 1, (*errors, text(lang, "refused.hint")))


def _open(outcome: Rendered, stack: ExitStack, lang: str) -> pikepdf.Pdf | Failed:
    """The rendered PDF opened for copying, or why it cannot be."""
    import pikepdf

    try:
        return stack.enter_context(pikepdf.open(outcome.pdf))
    except pikepdf.PasswordError:
        return Failed(text(lang, "encrypted_pdf"))
    except (pikepdf.PdfError, OSError) as exc:
        return Failed(text(lang, "corrupt_pdf", reason=str(exc).splitlines()[0][:120]))


# What pages may rely on in their document besides themselves.
_DOCUMENT_LEVEL = ("/AcroForm", "/Names", "/Dests", "/OCProperties")


def _append(out: pikepdf.Pdf, src: pikepdf.Pdf) -> None:
    """Append every page of ``src`` to ``out``.

    Pages that rely on their document (form fields, named destinations of internal links,
    layers) are copied with ``add_pages_from``, which brings those along; the others, most
    of them, are copied page by page, which is twice as fast.
    """
    if any(key in src.Root for key in _DOCUMENT_LEVEL):
        out.add_pages_from(src, outlines="ignore")
    else:
        out.pages.extend(src.pages)


def _report_part(result: Verification, work: Path, lang: str) -> tuple[Part, Path]:
    from dossierkit.assemble import report_pages
    from dossierkit.report.data import report_data

    label = text(lang, "report")
    structure, epci, _ = front.identity(result.dossier, lang)
    heading = [result.dossier.call.title[lang], structure, epci]
    pdf = report_pages.render(report_data(result, lang), heading, label, work / "report.pdf")
    section = Section("report", "report", label, 1, 1, "ok", None)
    return Part(section, Rendered(pdf, "builtin", laid_out=True)), pdf


# Where each page of a part comes from, for the stamp's look at its margins: a PDF and a
# 0-based page index in it, or None for a page dossierkit laid out itself (margins free).
Origins = list[tuple[Path, int] | None]


def _origins(outcome: Rendered, indexes: range) -> Origins:
    return [None if outcome.laid_out else (outcome.pdf, n) for n in indexes]


def _section_pages(
    section: Section,
    opened: pikepdf.Pdf,
    outcome: Rendered,
    outcomes: dict[str, Outcome],
    stack: ExitStack,
    lang: str,
) -> tuple[Origins, int]:
    """Make ``opened`` (in memory, never saved) hold the section's pages only: the range of
    a file that holds several pieces, followed by the pages of its ``more`` files; where
    each of those pages comes from, and how many are the section's own file's."""
    f = section.file
    indexes = range(len(opened.pages))
    if f is not None and f.page_range is not None:
        first, last = f.page_range
        del opened.pages[last:]
        del opened.pages[: first - 1]
        indexes = range(first - 1, first - 1 + len(opened.pages))
    origins = _origins(outcome, indexes)
    own = len(origins)
    for key in list(section.renders())[1:]:
        more = outcomes.get(key)
        if isinstance(more, Rendered):
            extra = _open(more, stack, lang)
            if not isinstance(extra, Failed):
                opened.pages.extend(extra.pages)
                origins += _origins(more, range(len(extra.pages)))
    return origins, own


@dataclass
class _Sources:
    """The PDFs the parts' pages are copied from, by section key, with where each page
    comes from (for the stamp's look at its margins), how many pages are the section's own
    file's, and the pages set on A4 (0-based index → the matrix that moved it)."""

    pdfs: dict[str, pikepdf.Pdf] = field(default_factory=dict)
    origins: dict[str, Origins] = field(default_factory=dict)
    own: dict[str, int] = field(default_factory=dict)
    moved: dict[str, dict[int, a4.Matrix]] = field(default_factory=dict)


def _parts(
    sections: list[Section], outcomes: dict[str, Outcome], stack: ExitStack, lang: str
) -> tuple[list[Part], _Sources]:
    """Each section with its outcome and page count (its pages set on A4), and the PDFs to
    copy pages from; a section inside another with where it stands among its pages."""
    sources = _Sources()
    parts = []
    for section in sections:
        outcome = outcomes.get(section.key)
        moved: dict[int, a4.Matrix] = {}
        if isinstance(outcome, Rendered):
            opened = _open(outcome, stack, lang)
            if isinstance(opened, Failed):
                outcome = opened
            else:
                key = section.key
                origins, sources.own[key] = _section_pages(
                    section, opened, outcome, outcomes, stack, lang
                )
                # A page set on A4 has its stamp's strip left free: no need to look at it.
                moved = sources.moved[key] = a4.fit_pages(opened, stamp.BAND)
                sources.origins[key] = [None if n in moved else o for n, o in enumerate(origins)]
                sources.pdfs[key] = opened
        pages = len(sources.pdfs[section.key].pages) if section.key in sources.pdfs else 0
        parts.append(Part(section, outcome, pages, fitted=len(moved)))
    hosts = {part.section.key: part for part in parts}
    return [_inside(part, hosts, sources) for part in parts], sources


def _inside(part: Part, hosts: dict[str, Part], sources: _Sources) -> Part:
    """``part`` with where it stands among its host's pages, if it is inside another part
    (``Section.inside``); at least the host's first page when its place cannot be found."""
    host = hosts.get(part.section.inside or "")
    if host is None or not isinstance(host.outcome, Rendered) or not host.pages:
        return part
    own = sources.own[host.section.key]
    found = inside.span(
        part.section, host.section, host.outcome.pdf, own, host.outcome.renderer == "pdf"
    )
    return replace(part, span=found or (1, own))


def _look(parts: list[Part], origins: dict[str, Origins], lang: str) -> dict[str, list[str]]:
    """Where the stamp goes on each page of the parts not laid out by dossierkit.

    The stamps' exact width needs the dossier's page count, known once the sommaire is
    laid out; the margins are looked at before (in a thread, while the front pages are
    drawn), for a stamp as wide as it could be: its number with two more digits.
    """
    edges: dict[str, list[str]] = {}
    biggest = sum(p.pages for p in parts) + 99
    for part in parts:
        pages = origins.get(part.section.key, [])
        looked = [page for page in pages if page is not None]
        if not looked:
            continue
        found = iter(stamp.look(looked, stamp.width(part, biggest, lang)))
        edges[part.section.key] = [next(found) if page else "bottom" for page in pages]
    return edges


def _numbered(parts: list[Part], lang: str, standard: bool) -> list[Part]:
    """The parts with their first page: after the front pages, one after the other; a part
    inside another at its place among that one's pages."""
    page = front.count_pages(front.sommaire_rows(parts, lang), standard) + 1
    numbered = []
    for part in parts:
        numbered.append(replace(part, first=page) if part.pages else part)
        page += part.pages
    firsts = {part.section.key: part.first for part in numbered}
    return [
        replace(part, first=host + part.span[0] - 1)
        if part.span is not None and (host := firsts.get(part.section.inside or "")) is not None
        else part
        for part in numbered
    ]


def _metadata(result: Verification, moment: datetime, lang: str) -> writer.Metadata:
    structure = str(result.dossier.fact("structure.name") or result.dossier.name)
    call_title = result.dossier.call.title[lang]
    return writer.Metadata(
        title=text(lang, "title", name=structure),
        author=structure,
        subject=text(lang, "subject", call=call_title),
        keywords=text(lang, "keywords", call=call_title),
        created=moment,
        lang=text(lang, "pdf.lang"),
    )


def assemble(result: Verification, output: Path, options: Options | None = None) -> Assembly:
    """Assemble the verified dossier ``result`` into the PDF ``output``."""
    import pikepdf

    options = options or Options()
    lang = options.lang
    check_output(result.dossier.root, output, options)
    if not result.complete and not options.allow_incomplete:
        raise _refusal(result, lang)
    if options.renderer.choice == "libreoffice" and not soffice.available():
        raise AssembleError(soffice.LIBREOFFICE.advice(lang))
    moment = writer.source_date(result.dossier)
    sections = plan_sections(result, lang)
    # The conversions hold copies of the applicant's documents: a private folder, removed
    # however the command ends (``scratch_dir``); a full disk there is said as such.
    with scratch_dir("assemble") as work, scratch_errors(work), ExitStack() as stack:
        outcomes = render_sections(sections, work, options.renderer, lang)
        parts, found = _parts(sections, outcomes, stack, lang)
        sources = found.pdfs
        # pdfium looks at the margins while reportlab draws the front pages: pdfium's
        # calls release the interpreter's lock, and it is the only one using pdfium.
        pool = stack.enter_context(ThreadPoolExecutor(max_workers=1))
        looking = pool.submit(_look, list(parts), found.origins, lang)
        if options.with_report:
            report, pdf = _report_part(result, work, lang)
            sources[report.section.key] = stack.enter_context(pikepdf.open(pdf))
            parts.append(replace(report, pages=len(sources[report.section.key].pages)))
        # The cover does not depend on page numbers; its words and the sommaire's choose
        # the font, which the count of sommaire pages depends on.
        cover = front.cover(result, parts, moment, lang)
        standard = front.standard_font(cover, front.sommaire_rows(parts, lang), lang)
        parts = _numbered(parts, lang, standard)
        shown = [p for p in parts if p.pages]
        rows = front.sommaire_rows(parts, lang)
        links = front.render(cover, rows, work / "front.pdf", lang, standard)

        out = stack.enter_context(pikepdf.new())
        front_pdf = stack.enter_context(pikepdf.open(work / "front.pdf"))
        out.pages.extend(front_pdf.pages)
        for part in shown:
            _append(out, sources[part.section.key])
        attachments.unsign(out)
        navigation.outline(out, parts, sources, len(front_pdf.pages), lang, found.moved)
        navigation.page_labels(out)
        navigation.links(out, links)
        attachments.attach_originals(out, parts, moment, lang)
        attachments.attach_manifest(out, attachments.manifest(result, parts, moment), moment, lang)
        stamp.stamp_parts(out, shown, looking.result(), lang)
        writer.set_metadata(out, _metadata(result, moment, lang))
        _save(out, output, _expected_bytes(work, outcomes, out))
        piece_pages = [
            n
            for p in shown
            if p.first is not None
            for n in range(p.first - 1, p.first - 1 + p.pages)
        ]
        notes = _fit(out, output, piece_pages, options)
        pages, front_pages = len(out.pages), len(front_pdf.pages)
    return Assembly(
        output=output,
        pages=pages,
        front_pages=front_pages,
        parts=tuple(parts),
        complete=cover.complete,
        messages=(
            *(
                text(lang, "size.large", path=rel, size=size.megabytes(bytes_, lang))
                for rel, bytes_ in size.large_files(result.dossier)
            ),
            *_messages(output, pages, front_pages, parts, lang),
            *notes,
        ),
    )


def _expected_bytes(work: Path, outcomes: dict[str, Outcome], out: pikepdf.Pdf) -> int:
    """About what the assembled PDF will weigh: its pages' streams are copied as they are,
    so the PDFs they come from (each once: the pieces, the front pages, the report), and the
    files attached to it."""
    rendered = {o.pdf for o in outcomes.values() if isinstance(o, Rendered)}
    total = 0
    for path in rendered | {work / "front.pdf", work / "report.pdf"}:
        try:
            total += path.stat().st_size
        except OSError:
            continue
    for spec in out.attachments.values():
        total += spec.get_file().size
    return total


def _save(out: pikepdf.Pdf, output: Path, needed: int, *partial: Path) -> None:
    """Write ``out`` to ``output`` (atomically, ``writer.save``); a full disk, or a folder
    that cannot be written, is a French message and exit code 2, with no partial file left
    (nor the ``partial`` ones). The space ``needed`` is checked first: a library that cannot
    report a full disk never starts writing."""
    with disk_errors(output, *partial):
        check_free_space(output.parent, needed, output)
        writer.save(out, output)


def _fit(out: pikepdf.Pdf, output: Path, pages: list[int], options: Options) -> list[str]:
    """Bring the written PDF under ``options.max_mb`` by recompressing the images of
    ``pages``, step by step; what was done, and a warning if it is still too heavy."""
    lang, limit = options.lang, int(options.max_mb * 1_000_000)
    weight = output.stat().st_size
    notes: list[str] = []
    for step in ("lossless", "visually_lossless"):
        if weight <= limit or not size.recompress(out, pages, step):
            continue
        # A failure while writing a lighter version takes away the first one too: the
        # command ends in error with nothing written, as when the first write fails.
        _save(out, output, weight, output)
        before, weight = weight, output.stat().st_size
        mb = {"before": size.megabytes(before, lang), "after": size.megabytes(weight, lang)}
        notes.append(text(lang, f"size.{step}", **mb))
    if weight > limit:
        over = {"size": size.megabytes(weight, lang), "limit": size.megabytes(limit, lang)}
        notes.append(text(lang, "size.over", **over))
    return notes


def _messages(
    output: Path, pages: int, front_pages: int, parts: list[Part], lang: str
) -> tuple[str, ...]:
    lines = [text(lang, "done", path=output, pages=pages, front=front_pages)]
    for part in parts:
        f = part.section.file
        if f is None:
            continue
        label = navigation.title(part, lang)
        if part.failure is not None:
            lines.append(text(lang, "failed.line", label=label, path=f.rel, reason=part.failure))
        elif not part.pages and part.section.inside is None:
            lines.append(text(lang, "invalid.line", label=label, path=f.rel))
    return tuple(lines)


def assemble_dossier(
    root: Path, output: Path, call: Call | None = None, options: Options | None = None
) -> Assembly:
    """Verify the dossier in folder ``root``, then assemble it into ``output``."""
    from dossierkit.verify import verify

    options = options or Options()
    check_output(root, output, options)  # before the verification's few seconds
    return assemble(verify(root, call), output, options)
