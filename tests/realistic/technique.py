"""Dossiers techniques written the way applicants write them, not the way the call asks.

The association Fab'Lab du Ternois (the applicant of ``samples/association-complete``) writes
its dossier technique in Word under titles of its own ("Qui pilote ?", "Notre équipe et son
animation"), never repeating the call's questions, answering two questions in one passage
(the roadmap's vote is told with the roadmap), and naming its functions in plain words
("atelier de fabrication numérique", "espace de travail partagé", "accompagnement aux
démarches en ligne", "bureaux à la journée pour les salariés") instead of the call's "fablab",
"coworking", "médiation", "télétravail". It exports the document to PDF with LibreOffice.

Variants: two questions truly left out, the draft that only has the titles and "À compléter",
an aid asked for the place and for a network at once, a prior PEL aid told with a denial of
the exceptional aid of 2017, the animation of a network of places, and one dossier technique
for each rule of the call it breaks (``BROKEN``): no roadmap engaged, no word of the
territory's digital places, a designation said joined, an already aided place with the same
functions, a télécentre…
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path

from dossierkit.external import soffice

# Each answer: (question it answers, the applicant's title, its paragraphs), grouped under the
# applicant's own parts. A paragraph starting with "• " is an item of a bulleted list.
Answer = tuple[str, str, tuple[str, ...]]
PARTS: tuple[tuple[str, tuple[Answer, ...]], ...] = (
    (
        "La Fabrique du Ternois en bref",
        (
            (
                "NAT-1",
                "Notre demande",
                (
                    "Nous sollicitons le soutien de la Région pour un lieu unique : La Fabrique "
                    "du Ternois, au rez-de-chaussée de l'ancienne école Jean-Jaurès de "
                    "Saint-Pol-sur-Ternoise.",
                ),
            ),
            (
                "NAT-2",
                "Ce que l'on fera à la Fabrique",
                (
                    "Le lieu accueillera quatre activités complémentaires :",
                    "• un atelier de fabrication numérique équipé de deux imprimantes 3D, "
                    "d'une découpeuse laser et d'une brodeuse ;",
                    "• un espace de travail partagé de douze postes pour les indépendants ;",
                    "• des permanences d'accompagnement aux démarches en ligne pour les "
                    "habitants ;",
                    "• des bureaux à la journée pour les salariés qui veulent éviter les "
                    "trajets domicile-travail vers Arras.",
                    "Le plan d'aménagement des 180 m² est joint. La Fabrique est située à 400 "
                    "mètres de la gare, de plain-pied, accessible aux personnes à mobilité "
                    "réduite.",
                ),
            ),
        ),
    ),
    (
        "Qui fait quoi",
        (
            (
                "GOV-1",
                "Qui sommes-nous ?",
                (
                    "L'association Fab'Lab du Ternois (loi 1901), 14 rue des Procureurs, 62130 "
                    "Saint-Pol-sur-Ternoise, est présidée par Mme Marie Delattre. Votre "
                    "contact pour le projet : Thomas Caron, coordinateur, 03 21 47 18 52.",
                ),
            ),
            (
                "GOV-2",
                "Qui pilote ?",
                (
                    "Un comité de pilotage se réunira chaque semestre : la présidente, la CC "
                    "du Ternois, la Région, la médiathèque intercommunale et deux usagers.",
                    "Le binôme référent est formé de M. Jean-Luc Vasseur, vice-président de "
                    "la communauté de communes chargé du numérique (élu), et de Mme Camille "
                    "Lefebvre, chargée de mission numérique (agent).",
                ),
            ),
            (
                "GOV-3",
                "Notre lien avec la communauté de communes",
                (
                    "Par délibération du 23 septembre 2026, le conseil communautaire du "
                    "Ternois a confié le tiers-lieu à l'association ; une convention "
                    "d'objectifs 2027-2029 fixe les engagements de chacun.",
                ),
            ),
        ),
    ),
    (
        "Un lieu pour tout le Ternois",
        (
            (
                "TER-1",
                "Le territoire que nous servons",
                (
                    "La Fabrique s'adresse aux 103 communes et 38 122 habitants du Ternois, "
                    "dont aucune n'est à plus de vingt-cinq minutes.",
                ),
            ),
            (
                "TER-2",
                "Place dans la stratégie numérique",
                (
                    "Le tiers-lieu est l'incarnation de l'axe 2 de la feuille de route "
                    "numérique intercommunale, « un lieu ressource du numérique pour tous », "
                    "adoptée par le conseil communautaire le 18 mars 2025.",
                ),
            ),
            (
                "TER-4",
                "Nos partenaires",
                (
                    "Nous travaillerons avec les médiathèques du Ternois, l'espace France "
                    "Services de Saint-Pol, le lycée Albert-Châtelet et la Chambre de métiers.",
                ),
            ),
            (
                "TER-5",
                "Innover ensemble",
                (
                    "Artisans et agriculteurs pourront prototyper des pièces sans aller à "
                    "Arras ; un « Ternois Hack » annuel fera émerger des projets numériques "
                    "locaux.",
                ),
            ),
        ),
    ),
    (
        "Trois ans pour s'installer",
        (
            (
                "AID-1",
                "Notre programme",
                (
                    "2027 : recrutement, aménagement et ouverture. 2028 : créneaux pour les "
                    "professionnels et ouverture le samedi. 2029 : antennes mobiles dans trois "
                    "bourgs-centres.",
                ),
            ),
            (
                "AID-2",
                "La première année",
                (
                    "En 2027, nous visons 1 200 passages : des seniors et des demandeurs "
                    "d'emploi aux ateliers d'initiation, des artisans à l'atelier, des "
                    "indépendants dans l'espace partagé ; le salaire de l'animatrice et "
                    "l'équipement en sont les premières dépenses.",
                ),
            ),
            (
                "AID-3",
                "Calendrier",
                ("Les dépenses éligibles commenceront le 1er janvier 2027.",),
            ),
            (
                "AID-4",
                "Les dépenses prévues",
                (
                    "Fonctionnement : 79 000 € la première année (poste d'animation, loyer, "
                    "consommables). Investissement : 35 800 € d'équipement et de mobilier. Le "
                    "budget détaillé est joint.",
                ),
            ),
            (
                "AID-5",
                "Notre équipe et son animation",
                (
                    "Une animatrice sera recrutée à temps plein en CDI ; l'animation reste en "
                    "interne, les bénévoles de l'association venant en appui.",
                ),
            ),
            (
                "AID-6",
                "Tenir dans la durée",
                (
                    "Les abonnements, les prestations aux entreprises et la convention avec "
                    "la communauté de communes prendront le relais de la Région à partir de "
                    "2030.",
                ),
            ),
            (
                "AID-7",
                "Soutiens déjà reçus",
                ("La Fabrique n'a jamais reçu d'aide régionale : ni PEL, ni CRNT, ni ECRINS.",),
            ),
            (
                "AID-8",
                "Quartiers prioritaires",
                (
                    "Saint-Pol-sur-Ternoise ne compte aucun quartier prioritaire de la "
                    "politique de la ville.",
                ),
            ),
            (
                "AID-9",
                "Ce que nous attendons encore de la Région",
                (
                    "Nous souhaitons être mis en relation avec les autres tiers-lieux du "
                    "réseau régional.",
                ),
            ),
        ),
    ),
)

# The answers that make the aid asked for the place and for a network at once.
BOTH_FORMS = {
    "NAT-1": (
        "Nous sollicitons l'aide de la Région pour un lieu, La Fabrique du Ternois, et pour "
        "l'animation du réseau des quatre lieux numériques du Ternois.",
    ),
}
# Aided under the PEL in 2014, not by the exceptional aid of 2017 (which rules out the call's).
PEL_NOT_2017 = {
    "AID-7": (
        "La Fabrique a été soutenue au titre du PEL en 2014 pour ses premiers ordinateurs et "
        "n'a pas reçu l'aide exceptionnelle de 2017.",
        "Elle s'enrichit désormais d'un atelier de fabrication numérique et d'un espace de "
        "travail partagé.",
    ),
}


# The same association asking for the animation of a network of four places of the Ternois
# instead of one place: its request and the places it will animate, in its words.
NETWORK: dict[str, Answer] = {
    "NAT-1": (
        "NAT-1",
        "Notre demande",
        (
            "Nous sollicitons le soutien de la Région pour animer le réseau des quatre lieux "
            "numériques du Ternois, et non un lieu unique.",
        ),
    ),
    "NAT-2": (
        "NAT-3",
        "Les lieux du réseau",
        (
            "Une coordinatrice fera tourner les ateliers et le matériel entre les lieux, et "
            "réunira chaque mois leurs responsables. Les quatre lieux se complètent : chacun a "
            "sa spécialité et renvoie vers les autres.",
            "Liste prévisionnelle des lieux à animer :",
            "• La Fabrique (Saint-Pol-sur-Ternoise) : atelier de fabrication numérique, espace "
            "de travail partagé",
            "• Médiathèque de Frévent : permanences d'accompagnement aux démarches en ligne, "
            "bureaux à la journée pour les salariés",
            "• Maison des services d'Auxi-le-Château : aide aux démarches en ligne, conseil aux "
            "entrepreneurs",
            "• Foyer rural de Pernes : ateliers d'initiation au numérique",
        ),
    ),
}

# Dossiers techniques that each break one rule of the call, written in the association's own
# words: the code of the finding, its severity, the answers replaced (by question) and the
# facts dossier.yaml declares. Each is read alone, with the applicant declared an association.
BROKEN: dict[str, tuple[str, str, dict[str, tuple[str, ...]], dict[str, str]]] = {
    "roadmap-absent": (
        "T011",
        "error",
        {
            "TER-2": (
                "Le Ternois n'a pas de feuille de route numérique et son élaboration n'est pas "
                "engagée à ce jour. La Fabrique s'inscrira en attendant dans l'action numérique "
                "des communes.",
            ),
        },
        {},
    ),
    "places-not-analysed": (
        "T012",
        "warning",
        {
            "TER-4": (
                "Nous travaillerons avec la Chambre de métiers, le lycée Albert-Châtelet et les "
                "clubs d'entreprises du Ternois.",
            ),
        },
        {},
    ),
    "designation-said-joined": (
        "T013",
        "warning",
        {
            "GOV-3": (
                "La communauté de communes a désigné l'association pour porter le tiers-lieu ; "
                "sa délibération du 23 septembre 2026 figure en annexe.",
            ),
        },
        {},
    ),
    "designation-missing": (
        "T013",
        "warning",
        {
            "GOV-3": (
                "L'association anime des ateliers numériques dans le Ternois depuis 2015 et ses "
                "bénévoles connaissent bien les habitants.",
            ),
        },
        {},
    ),
    "aided-same-functions": (
        "T014",
        "error",
        {
            "AID-7": (
                "Oui : la Fabrique, alors espace public numérique, a été aidée au titre des CRNT "
                "en 2016 pour son matériel ; elle propose toujours les mêmes activités.",
            ),
        },
        {},
    ),
    "aided-functions-unnamed": (
        "T014",
        "warning",
        {
            "AID-7": (
                "Oui : la Fabrique, alors espace public numérique, a été aidée au titre des CRNT "
                "en 2016 pour son matériel.",
            ),
        },
        {},
    ),
    "versant-sud-no-report": (
        "T015",
        "warning",
        {
            "AID-7": (
                "La Fabrique a reçu en 2016 une aide régionale au titre du PEL ; elle s'enrichit "
                "désormais d'un atelier de fabrication numérique et d'un espace de travail "
                "partagé.",
            ),
        },
        {"intercommunalite": "CC du Val de Somme"},
    ),
    "outsourced-unjustified": (
        "T016",
        "warning",
        {
            "AID-5": (
                "L'animation sera confiée à un prestataire, la coopérative Tiers-Lieux Conseil, "
                "qui mettra une animatrice à plein temps à la disposition de la Fabrique.",
            ),
        },
        {},
    ),
    "telecentre": (
        "T017",
        "error",
        {
            "NAT-2": (
                "Le lieu accueillera trois activités :",
                "• un atelier de fabrication numérique équipé de deux imprimantes 3D ;",
                "• un espace de travail partagé de douze postes pour les indépendants ;",
                "• un télécentre de dix bureaux fermés loués au mois aux salariés d'entreprises "
                "arrageoises.",
                "Le plan d'aménagement des 180 m² est joint. La Fabrique est située à 400 "
                "mètres de la gare, de plain-pied.",
            ),
        },
        {},
    ),
    "network-place-one-function": ("T018", "warning", {}, {}),
    "plan-one-year": (
        "T019",
        "warning",
        {
            "AID-1": (
                "Dès l'ouverture en 2027 : recrutement de l'animatrice, aménagement, premiers "
                "ateliers et accueil des indépendants.",
            ),
        },
        {},
    ),
    "sustainability-later": (
        "T020",
        "warning",
        {"AID-6": ("La question se posera en 2029 ; nous verrons alors avec les élus.",)},
        {},
    ),
    "no-contact": (
        "T021",
        "warning",
        {
            "GOV-1": (
                "L'association Fab'Lab du Ternois (loi 1901), 14 rue des Procureurs, 62130 "
                "Saint-Pol-sur-Ternoise, est présidée par Mme Marie Delattre.",
            ),
        },
        {},
    ),
}


def answers(
    *,
    omit: Sequence[str] = (),
    replace: Mapping[str, Sequence[str]] | None = None,
    draft: bool = False,
    network: bool = False,
) -> tuple[tuple[str, tuple[Answer, ...]], ...]:
    """The parts of the dossier technique, with questions left out, answers replaced, or
    (``draft``) every answer left "À compléter" as in the template the association started
    from; with ``network``, the request is for the animation of a network of places."""
    replace = replace or {}
    parts = []
    for title, items in PARTS:
        if network:
            items = tuple(NETWORK.get(qid, (qid, h, p)) for qid, h, p in items)
        kept = tuple(
            (qid, heading, ("À compléter",) if draft else tuple(replace.get(qid, paragraphs)))
            for qid, heading, paragraphs in items
            if qid not in omit
        )
        parts.append((title, kept))
    return tuple(parts)


def broken(name: str) -> tuple[tuple[str, tuple[Answer, ...]], ...]:
    """The parts of the dossier technique that breaks the rule ``name`` of ``BROKEN``."""
    _, _, replace, _ = BROKEN[name]
    return answers(replace=replace, network=name == "network-place-one-function")


def manifest(name: str) -> str:
    """The dossier.yaml of the dossier whose dossier technique is ``BROKEN[name]``: the
    association, and what the variant declares."""
    declared = {"nom": "Fab'Lab du Ternois", "type": "association", **BROKEN[name][3]}
    return "structure:\n" + "".join(f'  {key}: "{value}"\n' for key, value in declared.items())


def write_docx(path: Path, parts: tuple[tuple[str, tuple[Answer, ...]], ...]) -> Path:
    """The Word document: a title, the parts as Heading 1, the applicant's titles as Heading 2,
    bulleted lists in Word's list style."""
    import docx

    document = docx.Document()
    document.add_heading("Dossier technique — La Fabrique du Ternois", level=0)
    document.add_paragraph(
        "Appel à projets « Tiers-lieux du numérique » — Association Fab'Lab du Ternois"
    )
    for title, items in parts:
        document.add_heading(title, level=1)
        for _, heading, paragraphs in items:
            document.add_heading(heading, level=2)
            for text in paragraphs:
                if text.startswith("• "):
                    document.add_paragraph(text[2:], style="List Bullet")
                else:
                    document.add_paragraph(text)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def export_pdf(source: Path, target: Path) -> Path:
    """``source`` exported to PDF by LibreOffice, as "Enregistrer au format PDF" does, saved
    as ``target``."""
    work = target.parent / f".export-{target.stem}"
    produced = soffice.convert(source, "pdf", work)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(produced), target)
    shutil.rmtree(work, ignore_errors=True)
    return target


def sample_dossier(folder: Path, technique: Path, samples: Path) -> Path:
    """The complete association dossier of ``samples`` with ``technique`` as its dossier
    technique (its own one and the office's lock file removed)."""
    shutil.copytree(samples / "association-complete", folder)
    for old in folder.glob("*ossier technique*"):
        old.unlink()
    shutil.copy(technique, folder / f"03 - Dossier technique{technique.suffix}")
    return folder
