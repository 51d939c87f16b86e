"""The dossier technique to fill: the call's sections, and each question that applies.

Questions are taken from the call file (never copied into a template) and left out when they
do not apply: the lieu questions for a réseau and the other way round, the legitimation
question when the carrier is the intercommunalité. Each question is a heading with its full
text, which is how ``verify`` finds the answer; the hint of what a good answer contains is a
Word comment on the heading, so that it is never mistaken for the answer nor exported to the
PDF, and the answer area says "À compléter" until the applicant writes there. The intro's
instruction is a comment too: nothing but the questions and the answers reaches the PDF.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

from dossierkit.call import Call
from dossierkit.init.documents import (
    add_text,
    comment,
    fill,
    new_document,
    save_new,
    template_text,
)
from dossierkit.resources import load_yaml, templates_dir
from dossierkit.text import french_typography

PLACEHOLDER = "À compléter"


def hints() -> dict[str, str]:
    """Question id → what a good answer contains (``templates/init/indications.yaml``)."""
    text = (templates_dir() / "init" / "indications.yaml").read_text(encoding="utf-8")
    data = load_yaml(text) or {}
    return {str(k): str(v) for k, v in data.items()}


def write_technique(
    path: Path,
    call: Call,
    facts: Mapping[str, object],
    values: Mapping[str, str],
    now: datetime | None = None,
) -> Path:
    """Write the dossier technique for a project with these ``facts`` (kind, form)."""
    document = new_document("Dossier technique", values.get("structure", ""), now)
    add_text(document, fill(template_text("technique_intro.txt"), values))
    known = hints()
    for section_id, title in call.sections.items():
        questions = [
            q
            for q in call.questions
            if q.section == section_id
            and (q.applies_when is None or q.applies_when.evaluate(dict(facts)) is not False)
        ]
        if not questions:
            continue
        document.add_heading(french_typography(title["fr"]), level=1)
        for question in questions:
            heading = document.add_heading(french_typography(question.text), level=2)
            if question.id in known:
                comment(document, heading, f"{question.id} — {known[question.id]}")
            document.add_paragraph(PLACEHOLDER)
    save_new(document, path)
    return path
