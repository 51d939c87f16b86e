"""Finding one's way in the assembled PDF: bookmarks, page labels, the sommaire's links.

- Bookmarks: "Couverture", "Sommaire", then one per piece in the call's order, one per
  annex, the report; under each, the piece's own bookmarks (a PDF's outline, the headings
  LibreOffice or the built-in renderer exported) pointing at the same pages in the merged
  file (at the same words of a page set on A4). A piece held in another's file (the budget
  table of the dossier technique) has its bookmark on the page where it stands there.
- Page labels: one numbering for the whole dossier, the one the sommaire and the margin
  stamps use: the cover is page 1, and the page an instructor reads as "p. 14/52" in its
  stamp is the one the viewer calls 14 and the sommaire sends to. (Labels restarting at
  each piece, "3-12", made a second numbering that none of the others spoke.)
- Links: each line of the sommaire opens its piece's first page.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from dossierkit.assemble.a4 import Matrix, apply
from dossierkit.assemble.texts import text

if TYPE_CHECKING:
    import pikepdf

    from dossierkit.assemble.front import Link
    from dossierkit.assemble.plan import Part

# Deeper outlines than this are cut (pikepdf stops there): a PDF may nest without end.
_MAX_DEPTH = 8


def title(part: Part, lang: str) -> str:
    """The top-level bookmark of a part: "3. Dossier technique", "Annexe 1. Plan…"."""
    section = part.section
    if section.role == "piece":
        return f"{section.number}. {section.label}"
    if section.role == "annex":
        return f"{text(lang, 'annex')} {section.number}. {section.label}"
    return section.label


def _source_destination(src: pikepdf.Pdf, item: pikepdf.OutlineItem) -> pikepdf.Object | None:
    """The explicit destination ([page /XYZ …]) an outline item of ``src`` points to."""
    import pikepdf

    destination: object = item.destination
    if destination is None and item.action is not None and item.action.get("/S") == "/GoTo":
        destination = item.action.get("/D")
    if isinstance(destination, pikepdf.String):  # a named destination, in the name tree
        names = src.Root.get("/Names")
        dests = names.get("/Dests") if isinstance(names, pikepdf.Dictionary) else None
        destination = pikepdf.NameTree(dests).get(str(destination)) if dests is not None else None
    elif isinstance(destination, pikepdf.Name):  # a named destination, PDF 1.1 style
        dests = src.Root.get("/Dests")
        destination = dests.get(destination) if isinstance(dests, pikepdf.Dictionary) else None
    if isinstance(destination, pikepdf.Dictionary):
        destination = destination.get("/D")
    if isinstance(destination, pikepdf.Array) and len(destination) > 0:
        return destination
    return None


# The coordinates a destination gives after its kind: (x, y) pairs to move with the page's
# content when it was set on A4, as indexes into the arguments; None where absent.
_POINTS = {
    "/XYZ": ((0, 1),),
    "/FitH": ((None, 0),),
    "/FitBH": ((None, 0),),
    "/FitV": ((0, None),),
    "/FitBV": ((0, None),),
    "/FitR": ((0, 1), (2, 3)),
}


def _number(arguments: Sequence[object], at: int | None) -> float | None:
    if at is None or at >= len(arguments):
        return None
    try:
        return float(arguments[at])  # type: ignore[arg-type]
    except (TypeError, ValueError):  # null: "keep the current value"
        return None


def _moved(arguments: Sequence[object], kind: str, matrix: Matrix) -> list[object]:
    """A destination's arguments after its page's content moved by ``matrix`` (``a4``):
    the place it scrolls to stays on the same words."""
    moved = list(arguments)
    for ix, iy in _POINTS.get(kind, ()):
        x, y = _number(arguments, ix), _number(arguments, iy)
        if (ix is not None and x is None) or (iy is not None and y is None):
            continue
        nx, ny = apply(matrix, x or 0.0, y or 0.0)
        if ix is not None:
            moved[ix] = round(nx, 2)
        if iy is not None:
            moved[iy] = round(ny, 2)
    return moved


def _copy_items(
    items: list[pikepdf.OutlineItem],
    src: pikepdf.Pdf,
    index: dict[tuple[int, int], int],
    target_pages: list[pikepdf.Page],
    moved: dict[int, Matrix],
) -> list[pikepdf.OutlineItem]:
    """``src``'s outline items, re-pointed at the same pages among ``target_pages``.

    ``index`` numbers ``src``'s pages by object; an item whose page is not found keeps its
    title only if it has children (a chapter title over its sections). ``moved`` gives the
    matrix of each page set on A4, by number.
    """
    import pikepdf

    copied = []
    for item in items:
        destination = _source_destination(src, item)
        target: pikepdf.Array | None = None
        if destination is not None:
            page = destination[0]
            n = int(page) if isinstance(page, int) else index.get(page.objgen)
            if n is not None and 0 <= n < len(target_pages):
                arguments: list[object] = [*list(destination)[1:]]
                if n in moved and arguments:
                    kind = str(arguments[0])
                    arguments = [arguments[0], *_moved(arguments[1:], kind, moved[n])]
                target = pikepdf.Array([target_pages[n].obj, *arguments])
        children = _copy_items(list(item.children), src, index, target_pages, moved)
        if target is None and not children:
            continue
        new = pikepdf.OutlineItem(str(item.title or ""), target)
        new.children.extend(children)
        copied.append(new)
    return copied


def outline(
    out: pikepdf.Pdf,
    parts: list[Part],
    sources: dict[str, pikepdf.Pdf],
    front: int,
    lang: str,
    moved: dict[str, dict[int, Matrix]] | None = None,
) -> None:
    """Write the bookmarks: the cover, the sommaire, then each part with its own bookmarks
    nested; a part inside another (the budget in the dossier technique) points to where it
    stands in that one. ``moved``: by section key, the pages set on A4 (``a4.fit_pages``)."""
    import pikepdf

    with out.open_outline() as tree:
        tree.root.append(pikepdf.OutlineItem(text(lang, "cover"), 0))
        tree.root.append(pikepdf.OutlineItem(text(lang, "sommaire"), min(1, front - 1)))
        for part in parts:
            if part.first is None or not (part.pages or part.span):
                continue
            item = pikepdf.OutlineItem(title(part, lang), part.first - 1)
            if part.pages:
                key = part.section.key
                src = sources[key]
                index = {page.obj.objgen: n for n, page in enumerate(src.pages)}
                merged = list(out.pages)[part.first - 1 : part.first - 1 + part.pages]
                own = pikepdf.Outline(src, max_depth=_MAX_DEPTH).root  # read, never written
                shifted = (moved or {}).get(key, {})
                item.children.extend(_copy_items(list(own), src, index, merged, shifted))
            tree.root.append(item)


def page_labels(out: pikepdf.Pdf) -> None:
    """Label every page with its number in the dossier, from 1 on the cover.

    Written out (rather than left to the viewer's default) so that a viewer that had kept
    labels from a merged piece cannot show another numbering.
    """
    import pikepdf

    numbers = pikepdf.Array([0, pikepdf.Dictionary(S=pikepdf.Name.D, St=1)])
    out.Root.PageLabels = pikepdf.Dictionary(Nums=numbers)


def links(out: pikepdf.Pdf, sommaire: list[Link]) -> None:
    """Make each line of the sommaire a link to its piece's first page."""
    import pikepdf

    for link in sommaire:
        page = out.pages[link.front_page]
        annotation = out.make_indirect(
            pikepdf.Dictionary(
                Type=pikepdf.Name.Annot,
                Subtype=pikepdf.Name.Link,
                Rect=pikepdf.Array(link.rect),
                Border=pikepdf.Array([0, 0, 0]),
                Dest=pikepdf.Array([out.pages[link.page - 1].obj, pikepdf.Name.Fit]),
            )
        )
        if "/Annots" not in page.obj:
            page.obj.Annots = pikepdf.Array()
        page.obj.Annots.append(annotation)
