"""A workbook's sheets on A4 pages, each whole on one page.

A workbook printed as its author left it is cut where the printer's page ends: a budget's
labels came on one page and its years on the next (LibreOffice's default page, no « ajuster
à la page » set), which an instructor then lays side by side. LibreOffice draws each sheet
whole on a page of the sheet's own size (``SHEET_PER_PAGE``); each is then set on an A4
page, landscape when the sheet is wider than tall, as printed with « ajuster à la page ».

That export also draws the sheets a printout leaves out: hidden ones (a calculation sheet
the applicant hid) and empty ones (« Feuil2 »). The hidden ones are told from the workbook
itself (``shown_sheets``), the empty ones from their page, which has nothing drawn on it.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from dossierkit.assemble.a4 import A4

if TYPE_CHECKING:
    import pikepdf

# LibreOffice's PDF export drawing each sheet whole on a page of its own size
# (« SinglePageSheets », LibreOffice 6.4 and later; options given as JSON since 7.4).
SHEET_PER_PAGE = 'pdf:calc_pdf_Export:{"SinglePageSheets":{"type":"boolean","value":"true"}}'
# Below this scale a sheet set on A4 is too small to read: the workbook is printed as its
# author set its pages instead, however they cut it.
MIN_SHEET_SCALE = 0.55
# Room left around the sheet, as around an image: the margin stamp goes there.
_BORDER = 28.35  # 1 cm
# Operators that paint something: a page without any shows nothing.
_PAINTING = frozenset(
    {"Tj", "TJ", "'", '"', "Do", "f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "sh", "BI"}
)
_XLSX_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ODF_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_ODF_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"


def shown_sheets(path: Path, doc_type: str) -> list[bool] | None:
    """For each sheet of the workbook, in order, whether a printout shows it (not hidden);
    None when that cannot be told (a workbook it cannot read, a type it does not know)."""
    from defusedxml import ElementTree

    try:
        with zipfile.ZipFile(path) as archive:
            if doc_type in ("xlsx", "xlsm"):
                root = ElementTree.fromstring(archive.read("xl/workbook.xml"))
                return [
                    sheet.get("state", "visible") == "visible"
                    for sheet in root.iter(f"{_XLSX_MAIN}sheet")
                ]
            if doc_type == "ods":
                root = ElementTree.fromstring(archive.read("content.xml"))
                hidden = {
                    style.get(f"{{{_ODF_STYLE}}}name")
                    for style in root.iter(f"{{{_ODF_STYLE}}}style")
                    for props in style.iter(f"{{{_ODF_STYLE}}}table-properties")
                    if props.get(f"{{{_ODF_TABLE}}}display") == "false"
                }
                return [
                    table.get(f"{{{_ODF_TABLE}}}style-name") not in hidden
                    for table in root.iter(f"{{{_ODF_TABLE}}}table")
                ]
    except Exception:  # a stranger's workbook: printed as its author set its pages
        return None
    return None


def _blank(page: pikepdf.Page) -> bool:
    """Whether the page paints nothing: an empty sheet's page."""
    import pikepdf

    operators = {str(i.operator) for i in pikepdf.parse_content_stream(page)}
    return not operators & _PAINTING


def sheets_on_a4(pdf: Path, shown: list[bool], target: Path) -> Path | None:
    """The pages of ``pdf`` (each sheet drawn whole on a page of its own size, one page per
    sheet, ``shown`` telling which sheets a printout shows) set on A4 pages, landscape when
    the sheet is wider than tall, shrunk to fit within the margins, never enlarged, at the
    top of the page; hidden and empty sheets left out. None when the pages do not match the
    sheets, when no sheet has anything to show, or when a sheet would have to shrink below
    ``MIN_SHEET_SCALE``."""
    import pikepdf

    with pikepdf.open(pdf) as sheets, pikepdf.new() as out:
        if len(sheets.pages) != len(shown):
            return None
        for sheet, visible in zip(sheets.pages, shown, strict=True):
            if not visible or _blank(sheet):
                continue
            box = sheet.mediabox
            width, height = float(box[2]) - float(box[0]), float(box[3]) - float(box[1])
            page_w, page_h = A4 if width <= height else (A4[1], A4[0])
            scale = min(1.0, (page_w - 2 * _BORDER) / width, (page_h - 2 * _BORDER) / height)
            if scale < MIN_SHEET_SCALE:
                return None
            page = out.add_blank_page(page_size=(page_w, page_h))
            left = (page_w - width * scale) / 2 - float(box[0]) * scale
            bottom = page_h - _BORDER - height * scale - float(box[1]) * scale
            # The sheet as a form drawn once, under a fixed name (``add_overlay`` names it
            # at random, and the same workbook must give the same bytes).
            form = out.copy_foreign(sheet.as_form_xobject())
            page.add_resource(form, pikepdf.Name.XObject, pikepdf.Name.Sheet)
            drawing = f"q {scale:.6f} 0 0 {scale:.6f} {left:.4f} {bottom:.4f} cm /Sheet Do Q"
            page.contents_add(pikepdf.Stream(out, drawing.encode("ascii")))
        if not out.pages:
            return None
        out.save(target, deterministic_id=True)
    return target
