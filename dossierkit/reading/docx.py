"""Read Word documents (DOCX) with python-docx: paragraphs with heading level, tables, images.

python-docx parses the XML with entity resolution disabled, and never runs macros; a DOCM is
read the same way and its macros are reported, not executed.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from dossierkit.reading.model import Document, Paragraph, ReadError, Table

# Word names heading styles after the interface language: "Heading 2", "Titre 2", "Überschrift 2".
_HEADING = re.compile(r"^(heading|titre|title|berschrift|encabezado|intestazione)\s*(\d)?", re.I)


def _level(style_name: str) -> int:
    match = _HEADING.search(style_name or "")
    if not match:
        return 0
    return int(match.group(2) or 1)


def _keep(para: DocxParagraph) -> bool:
    """A paragraph worth keeping: it has text or an image (a pasted signature)."""
    return bool(para.text.strip()) or _has_image(para)


def _has_image(para: DocxParagraph) -> bool:
    return bool(para._p.xpath(".//w:drawing | .//w:pict"))


def _paragraph(para: DocxParagraph) -> Paragraph:
    style = para.style.name if para.style is not None else ""
    return Paragraph(text=para.text.strip(), level=_level(style), has_image=_has_image(para))


def read_docx(path: Path, doc_type: str = "docx") -> Document:
    """Paragraphs (body and tables) in order, tables as grids, count of embedded images."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ReadError("corrupt", str(exc)) from exc
    paragraphs: list[Paragraph] = []
    tables: list[Table] = []
    # Body paragraphs and tables in document order: a signature block is often a table.
    for block in document.iter_inner_content():
        if isinstance(block, DocxTable):
            rows = tuple(
                tuple(cell.text.strip() or None for cell in row.cells) for row in block.rows
            )
            tables.append(Table(name=f"Tableau {len(tables) + 1}", rows=rows))
            for row in block.rows:
                for cell in row.cells:
                    paragraphs += [_paragraph(p) for p in cell.paragraphs if _keep(p)]
        elif _keep(block):
            paragraphs.append(_paragraph(block))
    images = sum(1 for rel in document.part.rels.values() if rel.reltype.endswith("/image"))
    # Header and footer paragraphs often carry the sender's name and address.
    header_lines = []
    for section in document.sections:
        for para in section.header.paragraphs:
            if _keep(para):
                header_lines.append(_paragraph(para))
    core = document.core_properties
    metadata = {k: v for k, v in (("title", core.title), ("author", core.author)) if v}
    return Document(
        type=doc_type,
        paragraphs=tuple(header_lines + paragraphs),
        tables=tuple(tables),
        image_count=images,
        metadata=metadata,
    )
