#!/usr/bin/env python3
"""Write the Word templates of the instructors' letters (``dossierkit courrier``).

The templates are the Région's to edit in Word afterwards (letterhead, signatory, wording):
this script only gives them a first version, so that they are made by a program anyone can
re-run rather than by hand. It writes ``accuse-reception.docx`` and
``demande-complements.docx`` beside itself and refuses to replace them without ``--force``
(an edited template would be lost). The output is the same bytes at every run.

Usage (from the repository root)::

    python templates/courriers/make_templates.py [--force]
"""

from __future__ import annotations

import argparse
import io
import sys
import zipfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
FIXED_TIME = datetime(2026, 11, 1, 9, 0, 0)

LETTERHEAD = (
    "RÉGION HAUTS-DE-FRANCE",
    "Direction du Numérique",
    "Mission du Développement des Usages Numériques",
    "151 boulevard Hoover — 59555 Lille Cedex",
)
FOLLOWED_BY = (
    "Affaire suivie par : [prénom nom de l'instructeur]",
    "Courriel : [adresse électronique] — Tél. : [numéro]",
    "Réf. : {reference}",
    "Dossier reçu : {dossier}",
)
ADDRESS_BLOCK = ("{structure}", "{adresse}")
CLOSING = ("Je vous prie d'agréer, Madame, Monsieur, l'expression de mes salutations distinguées.",)
SIGNATURE = (
    "Pour le Président du Conseil régional et par délégation,",
    "[Prénom Nom]",
    "[Fonction]",
)

LETTERS: dict[str, dict[str, Any]] = {
    "accuse-reception": {
        "title": "Accusé de réception",
        "object": "Objet : {titre_appel} — accusé de réception de votre demande d'aide",
        "body": (
            "Madame, Monsieur,",
            "J'accuse réception de la demande d'aide que vous avez adressée à la Région "
            "Hauts-de-France au titre de l'{appel}, pour {forme} sur le "
            "territoire de l'intercommunalité {intercommunalite}. Votre dossier a été reçu le "
            "{date_reception} et enregistré sous la référence {reference}.",
            "{etat}",
            "Conformément à l'appel à projets, les dossiers sont instruits au rythme de leur "
            "réception. Le présent accusé de réception ne vaut pas décision d'attribution "
            "d'une aide : celle-ci sera soumise au vote de la Commission permanente du Conseil "
            "régional à l'issue de l'instruction.",
            "Mes services restent à votre disposition pour tout renseignement.",
        ),
    },
    "demande-complements": {
        "title": "Demande de pièces complémentaires",
        "object": "Objet : {titre_appel} — demande de pièces complémentaires",
        "body": (
            "Madame, Monsieur,",
            "Votre demande d'aide au titre de l'{appel}, reçue le "
            "{date_reception} et enregistrée sous la référence {reference}, a fait l'objet "
            "d'une première vérification. Elle ne peut pas être instruite en l'état : je vous "
            "remercie de bien vouloir nous transmettre les éléments suivants.",
            "{liste_pieces}",
            "Ces éléments sont à adresser à la Mission du Développement des Usages Numériques, "
            "en rappelant la référence ci-dessus. L'instruction de votre demande reprendra à "
            "leur réception.",
            "Mes services restent à votre disposition pour vous accompagner dans la "
            "constitution de votre dossier.",
        ),
    },
}


def _paragraph(
    document: Any,
    text: str,
    *,
    bold: bool = False,
    indent_cm: float = 0,
    space_after: float = 6,
    style: str | None = None,
) -> Any:
    from docx.shared import Cm, Pt

    paragraph = document.add_paragraph(style=style)
    run = paragraph.add_run(text)
    run.bold = bold
    paragraph.paragraph_format.space_after = Pt(space_after)
    if indent_cm:
        paragraph.paragraph_format.left_indent = Cm(indent_cm)
    return paragraph


def build(kind: str) -> bytes:
    """The template ``kind`` as DOCX bytes."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    letter = LETTERS[kind]
    document = docx.Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin = section.right_margin = Cm(2.2)
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10.5)
    properties = document.core_properties
    properties.author = "Région Hauts-de-France"
    properties.title = f"Modèle — {letter['title']}"
    properties.created = properties.modified = FIXED_TIME
    properties.last_modified_by = "dossierkit"
    properties.revision = 1

    for i, line in enumerate(LETTERHEAD):
        _paragraph(document, line, bold=i == 0, space_after=0)
    _paragraph(document, "", space_after=6)
    for line in FOLLOWED_BY:
        _paragraph(document, line, space_after=0)
    _paragraph(document, "", space_after=12)
    for line in ADDRESS_BLOCK:
        _paragraph(document, line, indent_cm=9.5, space_after=0, bold=line == "{structure}")
    _paragraph(document, "", space_after=12)
    dated = _paragraph(document, "Lille, le {date}", space_after=18)
    dated.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _paragraph(document, letter["object"], bold=True, space_after=18)
    for text in letter["body"]:
        if text == "{liste_pieces}":
            _paragraph(document, text, style="List Bullet", space_after=4)
        else:
            paragraph = _paragraph(document, text, space_after=10)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    for text in CLOSING:
        _paragraph(document, text, space_after=24)
    for text in SIGNATURE:
        _paragraph(document, text, indent_cm=9.5, space_after=0)
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_dates(buffer.getvalue())


def _fixed_dates(data: bytes) -> bytes:
    """The same archive with every entry dated FIXED_TIME: same template, same bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def main(argv: Sequence[str] | None = None) -> int:
    """Write the templates; refuse to replace an existing one without ``--force``."""
    parser = argparse.ArgumentParser(description="Écrit les modèles des courriers d'instruction.")
    parser.add_argument("--out", type=Path, default=HERE, help="dossier de sortie")
    parser.add_argument("--force", action="store_true", help="remplacer les modèles existants")
    args = parser.parse_args(argv)
    targets = {kind: args.out / f"{kind}.docx" for kind in LETTERS}
    existing = [str(p) for p in targets.values() if p.exists()]
    if existing and not args.force:
        print(
            "Ces modèles existent déjà (ils ont peut-être été modifiés) : "
            + ", ".join(existing)
            + ". Relancez avec --force pour les remplacer.",
            file=sys.stderr,
        )
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    for kind, target in targets.items():
        target.write_bytes(build(kind))
        print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
