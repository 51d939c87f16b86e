"""Dossiers techniques that reword the call's questions as their own headings, then answer.

Intercommunalities and associations of the Nord copy the call's questions in a shorter form
(« Lieu ou réseau de lieux ? », « Animation internalisée ou externalisée ? », « Implantation
en quartier prioritaire ? ») and write the answer below: a question names both sides of a
choice, the answer picks one. Word users lay the questions out in several ways, each a
``LAYOUTS`` variant:

- ``bold``: the question in a body paragraph set in bold (Word's "Normal" style, no level);
- ``heading``: the question as a "Titre 2" heading;
- ``numbered``: the question numbered « 1.1 », « 1.2 »… in a bold body paragraph;
- ``table``: one two-column table per part, the question on the left, the answer on the right;
- ``inline``: the question and its answer in one paragraph, separated by « : ».

``pdf_lines`` gives the lines of the bold layout exported to PDF, styles gone.

``FORMS`` gives the answers of a single place and of a network of places: the same questions,
answered the other way.
"""

from __future__ import annotations

from pathlib import Path

LAYOUTS = ("bold", "heading", "numbered", "table", "inline")

# (the applicant's wording of the question, its answer) by part; {form} answers are per form.
Item = tuple[str, str]
_LIEU = {
    "form": "Il s'agit d'un lieu unique : « La Fabrique numérique », installée dans l'ancienne "
    "poste de Landrecies.",
    "functions": "Le lieu réunira un atelier fablab (impression 3D, découpe laser), un espace "
    "de coworking de 12 postes et des permanences de médiation numérique.",
    "network": "Sans objet : la demande porte sur un lieu unique.",
}
_RESEAU = {
    "form": "La demande porte sur l'animation d'un réseau de quatre tiers-lieux du Pays de "
    "Mormal, coordonné par la communauté de communes.",
    "functions": "Chaque lieu du réseau réunira au moins deux fonctions : fablab et médiation "
    "numérique à Landrecies, coworking et télétravail au Quesnoy.",
    "network": "Les quatre lieux se complètent : le fablab de Landrecies prête ses machines "
    "aux autres lieux du réseau, le coworking du Quesnoy accueille leurs usagers.",
}
# The rule the call states and these layouts must not hide: both at once.
_BOTH = {
    **_LIEU,
    "form": "L'aide est demandée pour le lieu « La Fabrique numérique » et pour l'animation "
    "d'un réseau de tiers-lieux du Pays de Mormal.",
}
FORMS = {"lieu": _LIEU, "reseau": _RESEAU, "both": _BOTH}
_QPV = {
    False: "Non, le lieu n'est pas situé dans un quartier prioritaire de la politique de la ville.",
    True: "Oui : la Fabrique est implantée dans le quartier prioritaire du Faubourg de Landrecies.",
}


def parts(form: str, qpv: bool = False) -> tuple[tuple[str, tuple[Item, ...]], ...]:
    """The parts of the dossier, with the questions as the applicant rewords them (``qpv``:
    whether the place is in a priority district)."""
    answers = FORMS[form]
    return (
        (
            "Nature du projet",
            (
                ("Lieu ou réseau de lieux ?", answers["form"]),
                ("Fonctions et objectifs ; plan d'agencement ; implantation", answers["functions"]),
                ("Complémentarité des lieux (réseau)", answers["network"]),
            ),
        ),
        (
            "Portage et gouvernance",
            (
                (
                    "Structure porteuse, responsable légal, interlocuteur",
                    "Structure porteuse : Communauté de communes du Pays de Mormal. Responsable "
                    "légal : Jean-Marc Lefebvre, président. Interlocutrice : Sophie Delattre, "
                    "chargée de mission numérique.",
                ),
                (
                    "Gouvernance : élu et agent référents",
                    "Un comité de pilotage réunira deux fois par an les communes et les "
                    "partenaires ; le binôme référent est M. Didier Caron (élu, vice-président "
                    "au numérique) et Mme Sophie Delattre (agent, chargée de mission).",
                ),
            ),
        ),
        (
            "Aides et plan d'action",
            (
                (
                    "Date de début du plan d'action ?",
                    "Les dépenses éligibles commenceront le 1er mars 2027.",
                ),
                (
                    "Animation internalisée ou externalisée ?",
                    "Elle sera assurée en interne : recrutement d'un animateur en CDI à temps "
                    "plein.",
                ),
                (
                    "Aide régionale antérieure ?",
                    "Le lieu n'a jamais bénéficié d'aide régionale (ni PEL, ni CRNT, ni ECRINS).",
                ),
                ("Implantation en quartier prioritaire ?", _QPV[qpv]),
            ),
        ),
    )


def write_docx(path: Path, layout: str, form: str = "lieu", qpv: bool = False) -> Path:
    """The dossier technique in Word, its questions laid out as ``layout`` says."""
    import docx

    document = docx.Document()
    document.add_heading("Dossier technique", level=0)
    document.add_paragraph("Appel à projets Tiers-lieux du numérique – CC du Pays de Mormal")
    for number, (title, items) in enumerate(parts(form, qpv), start=1):
        document.add_heading(f"{number}. {title}", level=1)
        if layout == "table":
            table = document.add_table(rows=0, cols=2)
            table.style = "Table Grid"
            for question, answer in items:
                row = table.add_row().cells
                row[0].text, row[1].text = question, answer
            continue
        for index, (question, answer) in enumerate(items, start=1):
            if layout == "heading":
                document.add_heading(question, level=2)
            elif layout == "inline":
                document.add_paragraph(f"{question.rstrip(' ?')} : {answer}")
                continue
            else:
                label = f"{number}.{index} {question}" if layout == "numbered" else question
                document.add_paragraph().add_run(label).bold = True
            document.add_paragraph(answer)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def pdf_lines(form: str = "lieu") -> list[str]:
    """The lines of the bold layout's PDF export as a PDF reader gives them: the styles are
    gone, answers wrap at about 75 characters (a line may end after a sentence's start)."""
    import textwrap

    lines = ["Dossier technique", "Appel à projets Tiers-lieux du numérique – CC du Pays de Mormal"]
    for number, (title, items) in enumerate(parts(form), start=1):
        lines.append(f"{number}. {title}")
        for question, answer in items:
            lines += [question, *textwrap.wrap(answer, 75)]
    return lines
