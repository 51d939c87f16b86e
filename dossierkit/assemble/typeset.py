"""Typesetting shared by the pages dossierkit draws itself: fonts, styles, page template.

The cover, the sommaire, the built-in rendering of office files and the verification report
are all drawn with reportlab. DejaVu Sans is embedded when the system has it (it covers every
French character and most symbols an applicant types: ✓, ≥, €, œ…); otherwise the standard
Helvetica is used, which needs no file but knows only the Windows-1252 characters, so text is
narrowed to those. Pages whose every character is one of those (the cover and the sommaire
of almost every dossier: French fits in Windows-1252) can ask for the standard font
(``standard=True``): nothing to read from disk (reportlab parses a TrueType font in Python, a
few tenths of a second) and nothing to embed. reportlab runs with ``invariant=1`` so that the same input always gives
the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

if TYPE_CHECKING:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Flowable

_FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/share/fonts/TTF"),
    Path("/usr/local/share/fonts"),
    Path("/Library/Fonts"),
    Path("C:/Windows/Fonts"),
)
# Free space kept around every page dossierkit lays out: the margin stamp goes there.
MARGIN = 56.7  # 2 cm


@dataclass(frozen=True)
class Fonts:
    """The regular and bold font names registered with reportlab."""

    regular: str
    bold: str

    @property
    def embedded(self) -> bool:
        """False for the standard Helvetica, which only knows Windows-1252 characters."""
        return self.regular != "Helvetica"


def fits_standard(values: Iterable[str]) -> bool:
    """True when the standard Helvetica can draw every character of ``values`` as it is."""
    try:
        for value in values:
            value.replace("\u202f", "\u00a0").replace("\u2009", " ").encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


@cache
def fonts(standard: bool = False) -> Fonts:
    """Register DejaVu Sans with reportlab once per process; Helvetica when it is absent,
    or when ``standard`` asks for it."""
    if standard:
        return Fonts("Helvetica", "Helvetica-Bold")
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for folder in _FONT_DIRS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.is_file() and bold.is_file():
            pdfmetrics.registerFont(TTFont("DkSans", str(regular)))
            pdfmetrics.registerFont(TTFont("DkSans-Bold", str(bold)))
            for italic in (0, 1):
                addMapping("DkSans", 0, italic, "DkSans")
                addMapping("DkSans", 1, italic, "DkSans-Bold")
            return Fonts("DkSans", "DkSans-Bold")
    return Fonts("Helvetica", "Helvetica-Bold")


def printable(value: str, standard: bool = False) -> str:
    """``value`` as the font can draw it: no-break spaces of every width become a plain
    one, and without DejaVu, characters outside Windows-1252 become ``?``."""
    value = value.replace("\u202f", "\u00a0").replace("\u2009", " ")
    if fonts(standard).embedded:
        return value
    return value.encode("cp1252", "replace").decode("cp1252")


def markup(value: str, standard: bool = False) -> str:
    """Plain text made safe for a reportlab Paragraph (which reads a little XML)."""
    return escape(printable(value, standard)).replace("\n", "<br/>").replace("\t", "&nbsp;" * 4)


@cache
def styles(standard: bool = False) -> dict[str, ParagraphStyle]:
    """The paragraph styles: body, headings 1 to 3, table cells, small print, title."""
    from reportlab.lib.styles import ParagraphStyle

    f = fonts(standard)
    body = ParagraphStyle("body", fontName=f.regular, fontSize=10, leading=13.5, spaceAfter=5)
    return {
        "body": body,
        "title": ParagraphStyle(
            "title", parent=body, fontName=f.bold, fontSize=18, leading=23, spaceAfter=10
        ),
        "h1": ParagraphStyle(
            "h1", parent=body, fontName=f.bold, fontSize=14, leading=18, spaceBefore=10
        ),
        "h2": ParagraphStyle(
            "h2", parent=body, fontName=f.bold, fontSize=12, leading=15, spaceBefore=8
        ),
        "h3": ParagraphStyle(
            "h3", parent=body, fontName=f.bold, fontSize=10.5, leading=14, spaceBefore=6
        ),
        "cell": ParagraphStyle("cell", parent=body, fontSize=8.5, leading=10.5, spaceAfter=0),
        "cell-bold": ParagraphStyle(
            "cell-bold", parent=body, fontName=f.bold, fontSize=8.5, leading=10.5, spaceAfter=0
        ),
        "small": ParagraphStyle("small", parent=body, fontSize=8.5, leading=11, spaceAfter=2),
    }


def heading_level(style_name: str) -> int:
    """1 to 3 for a heading style made by ``styles()``, 0 for anything else."""
    return int(style_name[1]) if style_name in ("h1", "h2", "h3") else 0


def build_pdf(
    target: Path,
    story: list[Flowable],
    *,
    title: str,
    pagesize: tuple[float, float] | None = None,
) -> Path:
    """Lay ``story`` out on A4 pages with 2 cm margins; headings become PDF bookmarks.

    The bookmarks are what the assembler nests under the piece's own bookmark, as it does
    with a PDF's outline or the headings LibreOffice exports.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate

    class _Template(SimpleDocTemplate):  # type: ignore[misc]
        level = -1
        count = 0

        def afterFlowable(self, flowable: Any) -> None:
            level = heading_level(getattr(getattr(flowable, "style", None), "name", ""))
            if not level:
                return
            # An outline cannot skip a level: "Titre 3" under "Titre 1" hangs one level down.
            self.level = min(level - 1, self.level + 1)
            self.count += 1
            key = f"h{self.count}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.getPlainText(), key, self.level, closed=True)

    target.parent.mkdir(parents=True, exist_ok=True)
    document = _Template(
        str(target),
        pagesize=pagesize or A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=title,
        invariant=1,
        lang="fr-FR",
    )
    document.build(story)
    return target
