"""The front pages: a cover that says what is asked and by whom, and the sommaire.

The cover is what an instructor reads first: the call, the structure and its
intercommunalité, a place or a network, the aid requested as the courrier and the budget
state it (side by side, so that a difference shows), the date, and whether the dossier is
complete, with its gaps named. The sommaire (the bordereau of the pieces) lists every piece
of the call in the call's order, then the annexes: the file each comes from, how its pages
were made, its first page; each line is a link to that page.

Page numbers are only known once the front pages are counted, and the number of sommaire
pages does not depend on them (they sit in a fixed column): the sommaire is laid out once to
count its pages, then drawn with the numbers. The links are returned as rectangles for the
navigation stage, which points them at the merged pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dossierkit import __version__
from dossierkit.assemble.a4 import A4
from dossierkit.assemble.plan import Part
from dossierkit.assemble.texts import TEXTS, text
from dossierkit.assemble.typeset import MARGIN, fits_standard, fonts, markup, printable, styles
from dossierkit.dates import long_date

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Paragraph

    from dossierkit.dossier import Dossier, DossierFile
    from dossierkit.verify import Verification

_NUMBER_WIDTH = 30.0
_LABEL_WIDTH = 150.0
_PAGE_WIDTH = 40.0
_ROW_PADDING = 5.0
_RED = (0.75, 0.1, 0.1)
_GREEN = (0.1, 0.45, 0.2)
_GREY = (0.4, 0.4, 0.4)
# Errors listed on the cover of an incomplete dossier; beyond, a line says how many more.
_COVER_ERRORS = 12

Rect = tuple[float, float, float, float]


@dataclass(frozen=True)
class AidLine:
    """One line of the cover's aid table: what the courrier and the budget ask for."""

    label: str
    courrier: Decimal | None
    budget: Decimal | None


@dataclass(frozen=True)
class Cover:
    """Everything the cover shows, already in the reader's language."""

    call: str
    funder: str
    structure: str
    intercommunalite: str
    form: str
    aid: list[AidLine]
    date: str
    status: str
    complete: bool
    gaps: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # what verify found wrong, when incomplete
    # What a person must look at in a complete dossier: verify's warnings, one line each.
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Row:
    """One line of the sommaire. ``page`` is the first page (1-based) once known."""

    number: str
    label: str
    detail: str
    alarm: bool = False  # the detail is a gap: missing, unreadable, not converted
    quiet: bool = False  # the detail is "sans objet"
    page: int | None = None
    heading: bool = False  # a sub-heading line ("Annexes"), not a piece


@dataclass(frozen=True)
class Link:
    """A clickable rectangle of a front page and the page it leads to (1-based)."""

    front_page: int  # 0-based among the front pages
    rect: Rect
    page: int


def aid_lines(dossier: Dossier, lang: str) -> list[AidLine]:
    """The aid requested, year by year, as the courrier and the budget state it."""
    courrier = dossier.parsed.courrier
    amounts = courrier.amounts if courrier is not None else ()

    def stated(kind: str, year: int | None = None) -> Decimal | None:
        return next((a.value for a in amounts if a.kind == kind and a.year == year), None)

    budget_years = dossier.aid.animation if dossier.aid else []
    lines = [
        AidLine(
            text(lang, "aid.animation", year=y.label(lang)),
            stated("animation", y.year) if y.year is not None else None,
            y.requested,
        )
        for y in budget_years
    ]
    known = {y.year for y in budget_years}
    lines += [
        AidLine(text(lang, "aid.animation", year=year), stated("animation", year), None)
        for year in sorted({a.year for a in amounts if a.kind == "animation" and a.year} - known)
    ]
    # "90 000 € pour l'animation" without a year: a lump sum, shown when the courrier
    # gives no year's amount (otherwise it is their sum).
    yearly = any(a.kind == "animation" and a.year for a in amounts)
    if not yearly and (lump := stated("animation")) is not None:
        lines.append(AidLine(text(lang, "aid.animation", year="").strip(), lump, None))
    equipment = dossier.aid.equipment.requested if dossier.aid else None
    if stated("equipement") is not None or equipment is not None:
        lines.append(AidLine(text(lang, "aid.equipment"), stated("equipement"), equipment))
    requested = [line.budget for line in lines if line.budget is not None]
    total_budget = sum(requested, Decimal(0)) if requested else None
    total_courrier = courrier.total() if courrier is not None else None
    if lines or total_courrier is not None:
        lines.append(AidLine(text(lang, "aid.total"), total_courrier, total_budget))
    return lines


def _money(value: Decimal | None, lang: str) -> str:
    from dossierkit.aid import money

    return "—" if value is None else money(value, lang)


def _cover_story(cover: Cover, lang: str, standard: bool) -> list[Any]:
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, Spacer, Table

    st = styles(standard)
    f = fonts(standard)
    small = ParagraphStyle("cover-small", parent=st["small"], textColor=colors.Color(*_GREY))
    status = ParagraphStyle(
        "cover-status",
        parent=st["h1"],
        textColor=colors.Color(*(_GREEN if cover.complete else _RED)),
        spaceBefore=18,
    )
    story: list[Any] = [
        Paragraph(markup(cover.funder, standard), small),
        Spacer(1, 28),
        Paragraph(markup(cover.call, standard), st["title"]),
        Paragraph(markup(text(lang, "request"), standard), st["h2"]),
        Spacer(1, 20),
    ]
    identity = [
        (text(lang, "structure"), cover.structure),
        (text(lang, "intercommunalite"), cover.intercommunalite),
        (text(lang, "project"), cover.form),
    ]
    grid = Table(
        [
            [
                Paragraph(markup(k, standard), st["cell-bold"]),
                Paragraph(markup(v, standard), st["body"]),
            ]
            for k, v in identity
        ],
        colWidths=[110, A4[0] - 2 * MARGIN - 110],
        hAlign="LEFT",
    )
    grid.setStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
    story += [grid, Spacer(1, 16), Paragraph(markup(text(lang, "aid"), standard), st["h2"])]
    if cover.aid:
        rows = [["", text(lang, "aid.courrier"), text(lang, "aid.budget")]]
        rows += [
            [line.label, _money(line.courrier, lang), _money(line.budget, lang)]
            for line in cover.aid
        ]
        table = Table(
            [[printable(c, standard) for c in row] for row in rows],
            colWidths=[150, 110, 110],
            hAlign="LEFT",
        )
        table.setStyle(
            [
                ("FONT", (0, 0), (-1, -1), f.regular, 10),
                ("FONT", (0, 0), (-1, 0), f.bold, 10),
                ("FONT", (0, -1), (-1, -1), f.bold, 10),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.Color(*_GREY)),
                ("LINEABOVE", (0, -1), (-1, -1), 0.5, colors.Color(*_GREY)),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
            ]
        )
        story.append(table)
    else:
        story.append(Paragraph(markup(text(lang, "aid.none"), standard), st["body"]))
    story.append(Paragraph(markup(cover.status, standard), status))
    story += [Paragraph(markup(gap, standard), st["body"]) for gap in cover.gaps]
    item = ParagraphStyle("cover-item", parent=st["small"], leftIndent=10, bulletIndent=0)
    for key, lines in (("errors", cover.errors), ("warnings", cover.warnings)):
        if lines:
            heading = text(lang, key, n=len(lines))
            story.append(Paragraph(markup(heading, standard), st["cell-bold"]))
            story += [Paragraph(markup(line, standard), item, bulletText="•") for line in lines]
    story += [Spacer(1, 24), Paragraph(markup(cover.date, standard), small)]
    return story


def _draw_cover(canvas: Canvas, cover: Cover, lang: str, standard: bool) -> None:
    from reportlab.platypus import Frame, KeepInFrame

    width, height = A4[0] - 2 * MARGIN, A4[1] - 2 * MARGIN
    frame = Frame(MARGIN, MARGIN, width, height, showBoundary=0)
    # The cover is one page: a long list of errors is made smaller, never cut.
    frame.addFromList(
        [KeepInFrame(width, height, _cover_story(cover, lang, standard), mode="shrink")], canvas
    )


def _row_cells(row: Row, standard: bool) -> tuple[Paragraph, Paragraph]:
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    st = styles(standard)
    colour = _RED if row.alarm else _GREY if row.quiet else (0, 0, 0)
    detail_style = ParagraphStyle(
        "row-detail",
        parent=st["cell-bold" if row.alarm else "cell"],
        fontSize=9,
        leading=11.5,
        textColor=colors.Color(*colour),
    )
    label_style = ParagraphStyle(
        "row-label", parent=st["h2" if row.heading else "cell-bold"], fontSize=9.5, leading=12
    )
    return Paragraph(markup(row.label, standard), label_style), Paragraph(
        markup(row.detail, standard), detail_style
    )


def _layout(rows: list[Row], standard: bool) -> list[list[tuple[Row, Paragraph, Paragraph, float]]]:
    """Rows split into sommaire pages, each row with its wrapped cells and height."""
    detail_width = A4[0] - 2 * MARGIN - _NUMBER_WIDTH - _LABEL_WIDTH - _PAGE_WIDTH
    usable = A4[1] - 2 * MARGIN - 60  # the title and column heads take the top
    pages: list[list[tuple[Row, Paragraph, Paragraph, float]]] = [[]]
    room = usable
    for row in rows:
        label, detail = _row_cells(row, standard)
        height = max(label.wrap(_LABEL_WIDTH - 6, usable)[1], detail.wrap(detail_width, usable)[1])
        height += 2 * _ROW_PADDING
        if height > room and pages[-1]:
            pages.append([])
            room = usable
        pages[-1].append((row, label, detail, height))
        room -= height
    return pages


def count_pages(rows: list[Row], standard: bool) -> int:
    """How many front pages: the cover and the sommaire."""
    return 1 + len(_layout(rows, standard))


def standard_font(cover: Cover, rows: list[Row], lang: str) -> bool:
    """Whether the front pages can be set in the standard Helvetica (see ``typeset``): all
    their words are Windows-1252 characters, as French is, unless a name brings others."""
    words = [cover.call, cover.funder, cover.structure, cover.intercommunalite, cover.form]
    words += [cover.status, cover.date, *cover.gaps, *cover.errors, *cover.warnings]
    words += [line.label for line in cover.aid]
    words += [value for row in rows for value in (row.number, row.label, row.detail)]
    keys = ["request", "aid", "aid.none", "errors", "warnings", "sommaire", "sommaire.intro"]
    keys.append("col.file")
    return fits_standard([*words, *(text(lang, key) for key in keys)])


def _draw_sommaire_page(
    canvas: Canvas,
    placed: list[tuple[Row, Paragraph, Paragraph, float]],
    front_page: int,
    lang: str,
    standard: bool,
) -> list[Link]:
    f = fonts(standard)
    width, height = A4
    y = height - MARGIN
    canvas.setFont(f.bold, 16)
    canvas.drawString(MARGIN, y - 16, printable(text(lang, "sommaire"), standard))
    canvas.setFont(f.regular, 8.5)
    canvas.setFillColorRGB(*_GREY)
    canvas.drawString(MARGIN, y - 32, printable(text(lang, "sommaire.intro"), standard))
    y -= 52
    canvas.setFont(f.bold, 8.5)
    canvas.drawString(MARGIN + _NUMBER_WIDTH, y, printable(text(lang, "col.piece"), standard))
    canvas.drawString(
        MARGIN + _NUMBER_WIDTH + _LABEL_WIDTH, y, printable(text(lang, "col.file"), standard)
    )
    canvas.drawRightString(width - MARGIN, y, printable(text(lang, "col.page"), standard))
    canvas.setFillColorRGB(0, 0, 0)
    y -= 8
    links = []
    for row, label, detail, row_height in placed:
        top = y
        canvas.setStrokeColorRGB(0.85, 0.85, 0.85)
        canvas.setLineWidth(0.4)
        canvas.line(MARGIN, top, width - MARGIN, top)
        baseline = top - _ROW_PADDING
        canvas.setFont(f.bold, 9.5)
        canvas.drawString(MARGIN, baseline - 9.5, printable(row.number, standard))
        label.drawOn(canvas, MARGIN + _NUMBER_WIDTH, baseline - label.height)
        detail.drawOn(canvas, MARGIN + _NUMBER_WIDTH + _LABEL_WIDTH, baseline - detail.height)
        if row.page is not None:
            canvas.setFont(f.bold, 9.5)
            canvas.drawRightString(width - MARGIN, baseline - 9.5, str(row.page))
            # The whole line is the link, with a little room around the text it frames.
            rect = (MARGIN - 3, top - row_height, width - MARGIN + 3, top)
            links.append(Link(front_page, rect, row.page))
        y = top - row_height
    return links


def render(
    cover: Cover, rows: list[Row], target: Path, lang: str, standard: bool = False
) -> list[Link]:
    """Draw the cover and the sommaire into ``target``; the sommaire's links. ``standard``
    sets them in the standard Helvetica (see ``standard_font``)."""
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(target), pagesize=A4, invariant=1, lang=text(lang, "pdf.lang"))
    _draw_cover(canvas, cover, lang, standard)
    canvas.showPage()
    links: list[Link] = []
    for index, placed in enumerate(_layout(rows, standard), start=1):
        links += _draw_sommaire_page(canvas, placed, index, lang, standard)
        canvas.showPage()
    canvas.save()
    return links


def _named(f: DossierFile, more: tuple[DossierFile, ...]) -> str:
    """The file of a section: "Pièces.pdf, pages 2–3" for the part of a file that holds
    several pieces, "Courrier.pdf + Courrier p2.pdf" for a piece in several files."""
    label = f.range_label
    return " + ".join([f.rel + (f", {label}" if label else ""), *(m.rel for m in more)])


def _detail(part: Part, lang: str, hosts: dict[str, Part]) -> tuple[str, bool, bool]:
    """What the sommaire says of a part, and whether it is a gap (alarm) or "sans objet"."""
    section, f = part.section, part.section.file
    host = hosts.get(section.inside or "")
    if host is not None:  # its pages are the host's, whose line names the file
        held = text(lang, "held_in", n=host.section.number, label=host.section.label)
        return held, False, False
    if section.status in ("missing", "not_required", "undetermined") and f is None:
        quiet = section.status == "not_required"
        return text(lang, section.status), section.status == "missing", quiet
    notes = [text(lang, "signed")] if part.signed else []
    notes += [text(lang, "original")] if part.attached and not part.signed else []
    if part.failure is not None and f is not None:
        return " — ".join([text(lang, "failed"), f"{f.rel} ({part.failure})", *notes]), True, False
    if not part.pages:
        where = [f.rel] if f is not None else []
        return " — ".join([text(lang, "invalid"), *where, text(lang, "not_included")]), True, False
    renderer = getattr(part.outcome, "renderer", "pdf")
    empty = [text(lang, "empty")] if section.status == "empty" else []
    source = (
        [_named(f, section.more), text(lang, f"renderer.{renderer}")]
        if f is not None
        else [text(lang, "report.file", version=__version__)]
    )
    pages = text(lang, "pages", n=part.pages)
    if part.fitted == part.pages:
        pages += ", " + text(lang, "fitted.all", n=part.pages)
    elif part.fitted:
        pages += ", " + text(lang, "fitted.some", n=part.fitted)
    detail = " — ".join([*empty, *source, pages, *notes])
    return detail, bool(empty), False


def sommaire_rows(parts: list[Part], lang: str) -> list[Row]:
    """The sommaire's lines: pieces, an "Annexes" heading and annexes, the report."""
    rows = []
    hosts = {part.section.key: part for part in parts}
    for part in parts:
        section = part.section
        if section.role == "annex" and section.number == 1:
            rows.append(Row("", text(lang, "annexes"), "", heading=True))
        number = {"piece": str(section.number), "annex": f"A{section.number}"}.get(
            section.role, "R"
        )
        detail, alarm, quiet = _detail(part, lang, hosts)
        rows.append(Row(number, section.label, detail, alarm, quiet, part.first))
    return rows


@dataclass(frozen=True)
class Gaps:
    """What the assembled PDF lacks: pieces missing, unreadable, without their essential
    content (a budget without amounts, included but flagged), or not converted."""

    missing: list[str]
    invalid: list[str]
    failed: list[str]
    empty: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, parts: list[Part]) -> Gaps:
        """The gaps among ``parts`` (a piece not required is no gap)."""
        return cls(
            missing=[p.section.label for p in parts if p.section.status == "missing"],
            invalid=[
                p.section.label
                for p in parts
                if p.section.status == "invalid" and not p.pages and p.failure is None
            ],
            failed=[p.section.label for p in parts if p.failure is not None],
            empty=[p.section.label for p in parts if p.section.status == "empty"],
        )

    def lines(self, lang: str) -> list[str]:
        """One line per kind of gap, naming the pieces."""
        groups = [
            ("gaps.missing", self.missing),
            ("gaps.invalid", self.invalid),
            ("gaps.empty", self.empty),
            ("gaps.failed", self.failed),
        ]
        return [text(lang, key, labels=", ".join(labels)) for key, labels in groups if labels]

    def status(self, verified_complete: bool, errors: int, lang: str) -> tuple[bool, str]:
        """Whether the assembled dossier is complete, and the cover's one-line status."""
        if verified_complete and not self.failed:
            return True, text(lang, "complete")
        details = [
            text(lang, key, n=len(labels))
            for key, labels in (
                ("n_missing", self.missing),
                ("n_invalid", self.invalid),
                ("n_empty", self.empty),
                ("n_failed", self.failed),
            )
            if labels
        ] or [text(lang, "n_errors", n=errors)]
        return False, text(lang, "incomplete", details=", ".join(details))


def identity(dossier: Dossier, lang: str) -> tuple[str, str, str]:
    """The structure (with its kind), its intercommunalité and the project's form."""
    unknown, unknown_f = text(lang, "unknown"), text(lang, "unknown.f")
    name, kind = dossier.fact("structure.name"), dossier.fact("structure.kind")
    structure = str(name) if name else unknown_f
    if isinstance(kind, str) and f"kind.{kind}" in TEXTS[lang]:
        structure += f" ({text(lang, f'kind.{kind}')})"
    epci = dossier.fact("intercommunalite.name")
    form = dossier.fact("project.form")
    return (
        structure,
        str(epci) if epci else unknown_f,
        text(lang, f"form.{form}") if form in ("lieu", "reseau") else unknown,
    )


def error_lines(result: Verification, lang: str, severity: str = "error") -> list[str]:
    """The errors (or the warnings) verify found, one line each ("P001 — Pièce manquante :
    RIB…"), at most ``_COVER_ERRORS`` and then how many more: the instructor sees on the
    cover why the dossier is incomplete, not only that it is, and what to look at in a
    complete one."""
    from dossierkit.checks import BY_CODE
    from dossierkit.findings import Severity

    found = [f for f in result.findings if f.severity is Severity(severity)]
    call = result.dossier.call
    lines = [f"{f.code} — {BY_CODE[f.code].render(f, lang, call)}" for f in found]
    if len(lines) > _COVER_ERRORS:
        more = len(lines) - _COVER_ERRORS + 1
        key = "errors.more" if severity == "error" else "warnings.more"
        lines = [*lines[: _COVER_ERRORS - 1], text(lang, key, n=more)]
    return lines


def cover(result: Verification, parts: list[Part], moment: datetime, lang: str) -> Cover:
    """The cover of the dossier verified as ``result`` and assembled as ``parts``."""
    from dossierkit.findings import Severity

    dossier = result.dossier
    structure, epci, form = identity(dossier, lang)
    gaps = Gaps.of(parts)
    errors = sum(1 for f in result.findings if f.severity is Severity.ERROR)
    complete, status = gaps.status(result.complete, errors, lang)
    warnings = error_lines(result, lang, "warning") if complete else []
    if warnings:
        count = sum(1 for f in result.findings if f.severity is Severity.WARNING)
        status = text(lang, "complete.warnings", n=count)
    return Cover(
        call=dossier.call.title[lang],
        funder=dossier.call.funder,
        structure=structure,
        intercommunalite=epci,
        form=form,
        aid=aid_lines(dossier, lang),
        date=text(lang, "assembled", date=long_date(moment.date(), lang), version=__version__),
        status=status,
        complete=complete,
        gaps=gaps.lines(lang),
        errors=[] if complete else error_lines(result, lang),
        warnings=warnings,
    )
