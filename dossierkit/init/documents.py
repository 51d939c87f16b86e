"""Word documents from the text templates of ``templates/init/``.

A template is plain text the Région can edit: ``# `` starts a heading, ``## `` a
sub-heading, a blank line separates paragraphs, ``[signature]`` keeps room for the signature,
``{words}`` in braces are filled with the applicant's answers, and a paragraph that starts
with ``> `` is an instruction to the applicant: a Word comment on the paragraph before it,
which Word and LibreOffice leave out of the exported PDF.

Every document is what a French administration expects to receive: A4 pages with 2.5 cm
margins, French as the language of every style (so that Word checks French spelling, not
English), French typography (no-break spaces before « : ; ! ? » and inside « »), and sober
properties: the title, the structure as author, the date it was written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from dossierkit.resources import templates_dir
from dossierkit.text import french_typography

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.text.paragraph import Paragraph

LANGUAGE = "fr-FR"
COMMENT_AUTHOR = "dossierkit"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class _Blank(dict[str, str]):
    """Placeholders the template uses but the answers don't fill stay visible, not crash."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def template_text(name: str) -> str:
    """The text of ``templates/init/<name>``."""
    return (templates_dir() / "init" / name).read_text(encoding="utf-8")


def fill(text: str, values: Mapping[str, str]) -> str:
    """Replace ``{word}`` placeholders; unknown ones are left as they are."""
    return text.format_map(_Blank(values))


def new_document(title: str, author: str, now: datetime | None = None) -> DocxDocument:
    """An empty Word document on A4, in French, whose properties name ``title`` and
    ``author`` and the time it was written (``now``), and nothing of the program."""
    import docx
    from docx.shared import Cm, Twips

    document = docx.Document()
    for section in document.sections:
        # A4 as Word writes it (210 × 297 mm in twentieths of a point).
        section.page_width, section.page_height = Twips(11906), Twips(16838)
        section.left_margin = section.right_margin = Cm(2.5)
        section.top_margin = section.bottom_margin = Cm(2.5)
    _in_french(document)
    written = (now or datetime.now(UTC)).replace(microsecond=0)
    properties = document.core_properties
    properties.title = title
    properties.author = author
    properties.last_modified_by = author
    properties.comments = ""
    properties.language = LANGUAGE
    properties.created = properties.modified = written
    properties.revision = 1
    return document


def _in_french(document: DocxDocument) -> None:
    """French as the language of the document's defaults, of every style that names one,
    and of the theme's fonts: the python-docx template says en-US everywhere."""
    from docx.oxml import OxmlElement

    styles = document.styles.element
    defaults = styles.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr")
    if defaults is not None and defaults.find(f"{_W}lang") is None:
        defaults.append(OxmlElement("w:lang"))
    for lang in (*styles.iter(f"{_W}lang"), *document.settings.element.iter(f"{_W}themeFontLang")):
        lang.set(f"{_W}val", LANGUAGE)
        lang.set(f"{_W}eastAsia", LANGUAGE)
    # Parts python-docx keeps as bytes: the styles of Word 2010 and the application's name,
    # which its template gives as "Microsoft Macintosh Word".
    for part in document.part.package.iter_parts():
        if part.partname in ("/word/stylesWithEffects.xml", "/docProps/app.xml"):
            text = part.blob.decode("utf-8")
            text = re.sub(r'w:(val|eastAsia)="en-US"', rf'w:\1="{LANGUAGE}"', text)
            text = re.sub(
                r"<Application>[^<]*</Application>", "<Application>dossierkit</Application>", text
            )
            part._blob = text.encode("utf-8")


def comment(document: DocxDocument, paragraph: Paragraph, text: str) -> None:
    """Attach an instruction to ``paragraph`` as a Word comment: seen while filling the
    document, never in the PDF exported from it."""
    runs = paragraph.runs or [paragraph.add_run("")]
    document.add_comment(runs, text=french_typography(text), author=COMMENT_AUTHOR, initials="DK")


def add_text(document: DocxDocument, text: str) -> None:
    """Append the paragraphs, headings and comments of a filled template to a document."""
    last: Paragraph | None = None
    for block in text.split("\n\n"):
        block = block.strip("\n")
        if not block:
            continue
        block = french_typography(block)
        if block.startswith("> "):
            if last is not None:
                comment(
                    document, last, " ".join(line.removeprefix("> ") for line in block.split("\n"))
                )
            continue
        if block.startswith("## "):
            last = document.add_heading(block[3:].strip(), level=2)
        elif block.startswith("# "):
            last = document.add_heading(block[2:].strip(), level=1)
        else:
            last = document.add_paragraph()
            lines = block.split("\n")
            if block.startswith("| "):
                # The place and date of a French letter stand on the right.
                from docx.enum.text import WD_ALIGN_PARAGRAPH

                last.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                lines = [line.removeprefix("| ") for line in lines]
            for i, line in enumerate(lines):
                if line.strip() == "[signature]":
                    line = " "  # room for the pasted image or the handwritten signature
                if i:
                    last.add_run().add_break()
                last.add_run(line)


def write_docx(
    path: Path,
    template: str,
    values: Mapping[str, str],
    title: str,
    author: str,
    now: datetime | None = None,
) -> Path:
    """Fill ``template`` and write it as a Word document at ``path`` (never over a file)."""
    document = new_document(title, author, now)
    add_text(document, fill(template_text(template), values))
    save_new(document, path)
    return path


def save_new(document: DocxDocument, path: Path) -> None:
    """Save a Word document at ``path``, which must not exist yet."""
    with path.open("xb") as fh:  # "x": never overwrite what the applicant already has
        document.save(fh)
