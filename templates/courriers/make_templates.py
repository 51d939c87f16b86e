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

from dossierkit.text import french_typography

HERE = Path(__file__).resolve().parent
FIXED_TIME = datetime(2026, 11, 1, 9, 0, 0)

LETTERHEAD = (
    "RÉGION HAUTS-DE-FRANCE",
    "{direction}",
    "{service}",
    "{adresse_service}",
)
FOLLOWED_BY = (
    "Affaire suivie par : {instructeur}",
    "Courriel : {courriel} — Tél. : {telephone}",
    "Réf. : {reference}",
)
ADDRESS_BLOCK = ("{structure}", "{destinataire}", "{adresse}")
ADDRESS_INDENT_CM = 8.8
CLOSING = (
    "Je vous prie d'agréer, {formule_appel_sans_virgule}, l'expression de mes salutations "
    "distinguées.",
)
SIGNATURE = ("{delegation}", "{signataire}", "{fonction_signataire}")

# Art. R112-5 of the Code des relations entre le public et l'administration: the date at which
# silence is worth a decision, the service in charge, and, for an implicit rejection (art.
# L231-4, 3° : a request of a financial nature), the ways and delays of appeal (art. R421-2 of
# the Code de justice administrative).
IMPLICIT_DECISION = (
    "Votre demande présentant un caractère financier, le silence gardé par la Région pendant "
    "deux mois à compter de sa réception vaut décision de rejet (articles L231-1 et L231-4 du "
    "code des relations entre le public et l'administration) : à défaut de décision expresse, "
    "elle sera réputée rejetée le {date_decision_implicite}.{suspension}"
)
APPEAL = (
    "Cette décision implicite de rejet pourrait faire l'objet d'un recours gracieux auprès du "
    "Président du Conseil régional ou d'un recours contentieux devant le {tribunal}, dans un "
    "délai de deux mois à compter de la date à laquelle elle serait née (article R421-2 du code "
    "de justice administrative). Le tribunal peut aussi être saisi par l'application "
    "« Télérecours citoyens », sur le site www.telerecours.fr."
)
SERVICE = (
    "Le service chargé de votre dossier est : {service}, {adresse_service} ; courriel : "
    "{courriel} ; téléphone : {telephone}."
)

LETTERS: dict[str, dict[str, Any]] = {
    "accuse-reception": {
        "title": "Accusé de réception",
        "object": "Objet : {titre_appel} — accusé de réception de votre demande d'aide",
        "body": (
            "{formule_appel}",
            "J'accuse réception de la demande d'aide que vous avez adressée à la Région "
            "Hauts-de-France au titre de l'{appel}, pour {forme} sur le territoire "
            "{territoire}. Votre demande a été reçue le "
            "{date_reception} et enregistrée sous la référence {reference}.",
            "{etat}",
            "{liste_pieces}",
            "{delai_pieces}",
            IMPLICIT_DECISION,
            APPEAL,
            SERVICE,
            "Le présent accusé de réception, délivré en application des articles L112-3 et "
            "R112-5 du code des relations entre le public et l'administration, ne vaut pas "
            "décision d'attribution d'une aide : celle-ci sera soumise au vote de la "
            "Commission permanente du Conseil régional à l'issue de l'instruction.",
            "{titre_points_attention}",
            "{points_attention}",
        ),
    },
    "demande-complements": {
        "title": "Demande de pièces complémentaires",
        "object": "Objet : {titre_appel} — demande de pièces complémentaires",
        "body": (
            "{formule_appel}",
            "Votre demande d'aide au titre de l'{appel}, reçue le {date_reception} et "
            "enregistrée sous la référence {reference}, est incomplète. En application de "
            "l'article L114-5 du code des relations entre le public et l'administration, je "
            "vous remercie de bien vouloir nous transmettre {les_pieces_suivantes} :",
            "{liste_pieces}",
            "{ces_pieces_devront} nous parvenir au plus tard le {date_limite_complements}, "
            "à l'adresse du service ou par courriel à {courriel}, en rappelant la référence "
            "{reference}. Le délai de deux mois au terme duquel le silence gardé par la Région "
            "vaut rejet de votre demande est suspendu pendant ce délai ; la réception des "
            "éléments demandés avant son terme met fin à cette suspension (article L114-5 du "
            "même code).",
            "{titre_points_attention}",
            "{points_attention}",
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
    # French typography as the letters are filled (``letters.bound``): U+00A0 before « : »,
    # U+202F before « ; ! ? » and inside « ».
    run = paragraph.add_run(french_typography(text))
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
    # The address where a window envelope (DL, window 100 × 45 mm at 100 mm from the left
    # edge) shows it: 11 cm from the edge to 1.2 cm from it, 9 cm wide, so that a
    # structure's name (« La Ruche numérique de l'Avesnois ») stays on one line.
    for line in ADDRESS_BLOCK:
        address = _paragraph(
            document, line, indent_cm=ADDRESS_INDENT_CM, space_after=0, bold=line == "{structure}"
        )
        address.paragraph_format.right_indent = Cm(-1)
    _paragraph(document, "", space_after=12)
    dated = _paragraph(document, "{ville}, le {date}", space_after=18)
    dated.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _paragraph(document, letter["object"], bold=True, space_after=18)
    for text in letter["body"]:
        if text in ("{liste_pieces}", "{points_attention}"):
            _paragraph(document, text, style="List Bullet", space_after=4)
        else:
            paragraph = _paragraph(document, text, space_after=10)
            # The service's contact holds long words no line may cut (an e-mail address, a
            # phone number's bound groups): justified, the line before them would be spread
            # with wide gaps (« 151     boulevard     Hoover »); it is aligned left.
            paragraph.alignment = (
                WD_ALIGN_PARAGRAPH.LEFT if text == SERVICE else WD_ALIGN_PARAGRAPH.JUSTIFY
            )
    # The closing formula and the signature block on one page: never a signature alone at
    # the top of page 2, under no sentence of the letter it signs.
    for text in CLOSING:
        _paragraph(document, text, space_after=24).paragraph_format.keep_with_next = True
    for i, text in enumerate(SIGNATURE):
        signed = _paragraph(document, text, indent_cm=9.5, space_after=0)
        signed.paragraph_format.keep_with_next = i < len(SIGNATURE) - 1
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
