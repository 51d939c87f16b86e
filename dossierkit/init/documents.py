"""Word documents from the text templates of ``templates/init/``.

A template is plain text the Région can edit: ``# `` starts a heading, ``## `` a
sub-heading, a blank line separates paragraphs, ``[signature]`` keeps room for the signature,
and ``{words}`` in braces are filled with the applicant's answers.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from dossierkit.resources import templates_dir

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument


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


def add_text(document: DocxDocument, text: str) -> None:
    """Append the paragraphs and headings of a filled template to a python-docx document."""
    for block in text.split("\n\n"):
        block = block.strip("\n")
        if not block:
            continue
        if block.startswith("## "):
            document.add_heading(block[3:].strip(), level=2)
        elif block.startswith("# "):
            document.add_heading(block[2:].strip(), level=1)
        else:
            paragraph = document.add_paragraph()
            for i, line in enumerate(block.split("\n")):
                if line.strip() == "[signature]":
                    line = " "  # room for the pasted image or the handwritten signature
                if i:
                    paragraph.add_run().add_break()
                paragraph.add_run(line)


def write_docx(
    path: Path, template: str, values: Mapping[str, str], title: str, author: str
) -> Path:
    """Fill ``template`` and write it as a Word document at ``path`` (never over a file)."""
    import docx

    document = docx.Document()
    document.core_properties.title = title
    document.core_properties.author = author
    add_text(document, fill(template_text(template), values))
    save_new(document, path)
    return path


def save_new(document: DocxDocument, path: Path) -> None:
    """Save a Word document at ``path``, which must not exist yet."""
    with path.open("xb") as fh:  # "x": never overwrite what the applicant already has
        document.save(fh)
