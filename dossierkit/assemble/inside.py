"""Where a piece held in another piece's file stands among that piece's pages.

The budget an applicant answers in the dossier technique (« fournir un tableau dépenses et
recettes ») is the budget piece, and it is the technique's file: its pages come once, as the
technique's, and the budget's line of the sommaire and its bookmark send to the pages of the
table. In a PDF, reading said which pages the table stands on; a Word or OpenDocument file
has pages only once rendered, where the table is found by the labels and amounts of its
lines: the page where most of them are, and the pages next to it that hold at least half as many (a table
that runs over a page break), not a page of prose that names two of them.
"""

from __future__ import annotations

from math import ceil
from pathlib import Path

from dossierkit.assemble.plan import Section
from dossierkit.text import fold

# Words of a label looked for: enough to tell a line, few enough to stay on one line of a
# narrow cell (« Salaire et charges de / l'animateur » is found by its first words).
_WORDS = 3
# A page of prose names two lines of the budget (« le loyer et les charges… »); a table,
# however small, shows at least a label and its amounts.
_FEWEST = 3


def _key(mark: str) -> str:
    words = fold(mark).split()
    return " ".join(words if all(w.isdigit() for w in words) else words[:_WORDS])


def _texts(pdf: Path, pages: range) -> list[str]:
    """The folded text of each of ``pages`` (0-based) of ``pdf``; empty where unreadable."""
    import pypdfium2 as pdfium

    texts = []
    try:
        document = pdfium.PdfDocument(pdf)
    except (pdfium.PdfiumError, OSError):
        return ["" for _ in pages]
    try:
        for index in pages:
            try:
                textpage = document[index].get_textpage()
                texts.append(" " + fold(textpage.get_text_range()) + " ")
            except (pdfium.PdfiumError, IndexError):
                texts.append("")
    finally:
        document.close()
    return texts


def find(marks: tuple[str, ...], pdf: Path, pages: range) -> tuple[int, int] | None:
    """The pages (first and last, 1-based among ``pages``) of ``pdf`` where the lines
    ``marks`` tell (labels, amounts) stand; None when fewer than three of them are found on
    any page."""
    keys = {key for key in map(_key, marks) if key}
    if not keys:
        return None
    scores = [sum(1 for key in keys if f" {key} " in text) for text in _texts(pdf, pages)]
    best = max(scores, default=0)
    if best < _FEWEST:
        return None
    enough = max(_FEWEST, ceil(best / 2))
    first = last = scores.index(best)
    while first > 0 and scores[first - 1] >= enough:
        first -= 1
    while last + 1 < len(scores) and scores[last + 1] >= enough:
        last += 1
    return first + 1, last + 1


def span(
    section: Section, host: Section, pdf: Path, host_pages: int, paginated: bool
) -> tuple[int, int] | None:
    """Where ``section`` stands among the first ``host_pages`` pages of ``host`` (1-based),
    whose own file rendered as ``pdf``. ``paginated``: the host's pages are its file's
    (a PDF), so that the pages reading gave (``section.file.page_range``) are the places;
    otherwise they are found by ``marks``."""
    own = section.file.page_range if section.file is not None else None
    if paginated and own is not None:
        start = host.file.page_range[0] if host.file and host.file.page_range else 1
        first, last = own[0] - start + 1, own[1] - start + 1
        if 1 <= first <= last <= host_pages:
            return first, last
        return None
    start = host.file.page_range[0] - 1 if host.file and host.file.page_range else 0
    return find(section.marks, pdf, range(start, start + host_pages))
