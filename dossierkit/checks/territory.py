"""Checks on the territory: the place (or the places of a network) lies in the
intercommunalité that carries the request.

They read the dossier technique's answers about the place's location (the call's questions
for one form of project: NAT-2 for a lieu, NAT-3 and TER-6 for a réseau), find the communes
they name (``pieces/address.py``), and compare them with the member communes of the
dossier's intercommunalité (``data/communes-hauts-de-france.csv``). Without an identified intercommunalité (S002 says
so) or a readable dossier technique (P001, F011, T010), they say nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from dossierkit.call import Call
from dossierkit.checks.base import Check
from dossierkit.dossier import Dossier
from dossierkit.epci import Epci, all_epci, lookup
from dossierkit.findings import Finding, Severity
from dossierkit.pieces.address import Line, Place, places
from dossierkit.pieces.technique import Answer, TechniqueFacts
from dossierkit.pieces.technique.statements import sentences
from dossierkit.text import fold

PIECE = "dossier_technique"
# The form of a project made of several places: its questions list them.
NETWORK = "reseau"
# A sentence that says where the place is (not where its users come from or go to).
_LOCATED = re.compile(
    r"\b(?:implant\w*|situ\w*|install\w*|adresse\w*|locali\w*|heberg\w*|emplacement|sise?|"
    r"amenag\w*|ouvrira|accueilli\w*)\b"
)
# The line that opens a list of the network's places ("Liste prévisionnelle des lieux à
# animer :", "Carte des lieux :"), folded.
_LIST_OF_PLACES = re.compile(r"\b(?:lieux|liste|carte|sites)\b")
_BULLET = re.compile(r"^\s*(?:[•\uf0b7▪◦*\-–—]|\d{1,2}[.)])\s")
# A place named before its description: "Médiathèque de Corbie : médiation numérique".
_NAMED_ITEM = re.compile(r"^\s*[^:;.]{3,80}?\s(?::|–|—|-)\s+\S")
# What an item cannot end on: it goes on over the next line.
_OPEN_END = re.compile(r"\b(?:de|du|des|a|au|aux|la|le|les|et|ou|en)$")


def _technique(dossier: Dossier) -> TechniqueFacts | None:
    parsed = dossier.parsed.dossier_technique
    if parsed is None or not parsed.has_text or parsed.without_answer:
        return None
    return parsed


def _epci(dossier: Dossier) -> Epci | None:
    """The dossier's intercommunalité: the one it declares or names, else by its SIREN."""
    for fact in ("intercommunalite.name", "intercommunalite.siren"):
        value = dossier.fact(fact)
        if value and (found := lookup(str(value))) is not None:
            return found
    return None


def _located(answer: Answer) -> list[Line]:
    """The sentences of ``answer`` that say where a place is."""
    return [
        s for s in sentences(answer.lines, answer.page is not None) if _LOCATED.search(fold(s[1]))
    ]


def _items(answer: Answer) -> list[Line]:
    """The items of the lists of places of ``answer``: after a line that names the places
    and ends in ":" ("Liste prévisionnelle des lieux à animer :"), the bulleted lines and
    those that name a place before its description ("Médiathèque de Corbie : fablab"), up to
    the first line that is neither. Any other list ("Nos objectifs :", then "- favoriser
    l'inclusion des habitants de Lens") names no place of the network.

    In a PDF a long item wraps: a line that goes on with a small letter, or after a word
    that cannot end an item ("de", ","), continues the item above it."""
    items: list[Line] = []
    listing = False
    for page, text in answer.lines:
        if not text.strip():
            continue
        if text.rstrip().endswith(":") and _LIST_OF_PLACES.search(fold(text)):
            listing = True
        elif listing and (_BULLET.match(text) or _NAMED_ITEM.match(text)):
            items.append((page, text))
        elif listing and items and _continues(items[-1][1], text):
            items[-1] = (items[-1][0], f"{items[-1][1].rstrip()} {text.strip()}")
        else:
            listing = False
    return items


def _continues(item: str, line: str) -> bool:
    """True when ``line`` is the rest of ``item``, wrapped over the next line."""
    if line.lstrip()[:1].islower():
        return True
    end = item.rstrip()
    return end.endswith((",", "-", "'", "’")) or bool(_OPEN_END.search(fold(end)))


def _form_questions(call: Call) -> list[tuple[str, bool]]:
    """The questions that apply to one form of project (a lieu's "lieu prévisionnel
    d'implantation", a réseau's "liste prévisionnelle des lieux à animer"), with True for
    those of a network: they say where the place, or the places, will be."""
    return [
        (q.id, q.applies_when.value == NETWORK)
        for q in call.questions
        if q.applies_when is not None
        and q.applies_when.fact == "project.form"
        and not q.applies_when.negate
    ]


def _places(technique: TechniqueFacts, call: Call) -> Iterator[tuple[Place, bool]]:
    """Each commune the answers place the project in, with True when it is one of a
    network's places."""
    for question, network in _form_questions(call):
        answer = technique.answer(question)
        if answer is None:
            continue
        for place in places(_located(answer)):
            yield place, network
        if network:
            for place in places(_items(answer), list_items=True):
                yield place, True


class PlaceOutsideEpci(Check):
    """Le lieu (ou un lieu du réseau) est situé dans une commune qui n'appartient pas à
    l'intercommunalité du dossier.

    La Région apporte « une seule et même aide par intercommunalité, pour l'animation d'un
    tiers-lieu phare ou pour l'animation du réseau de tiers-lieux » du territoire, et demande
    le « lieu prévisionnel d'implantation » d'un lieu, la « liste prévisionnelle des lieux à
    animer » d'un réseau. L'appel n'écrit pas que le lieu doit se trouver dans
    l'intercommunalité : « Le portage doit être assuré à l'échelle intercommunale » vise la
    structure qui porte la demande, non l'adresse du lieu ; un lieu voisin peut servir le
    territoire. D'où un avertissement : l'instructeur juge. Les communes sont reconnues à leur
    code postal, ou à leur nom après « à », « au », « commune de » (« de » dans une liste de
    lieux), accents, majuscules, traits d'union et « St » pour « Saint » confondus, et
    comparées aux communes membres de l'intercommunalité (DGCL, INSEE) ; un code postal d'une
    autre région place le lieu hors des Hauts-de-France. Correction : vérifiez l'adresse du
    lieu et l'intercommunalité nommée dans le dossier, ou expliquez pourquoi le lieu dessert ce
    territoire depuis une commune voisine.
    """

    code = "E001"
    name = "lieu-hors-intercommunalite"
    severity = Severity.WARNING
    message = {
        "fr": "« {file_name} » : {subject} est situé {at_commune} ({where}), qui n'est pas une commune de la {epci} — « {sentence} ». Vérifiez l'adresse du lieu et l'intercommunalité du dossier, ou expliquez pourquoi le lieu dessert ce territoire depuis une autre commune.",
        "en": '"{file_name}": {subject} is located {at_commune} ({where}), which is not a town of {epci} — "{sentence}". Check the place\'s address and the dossier\'s intercommunality, or explain why the place serves this territory from another town.',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        technique = _technique(dossier)
        epci = _epci(dossier)
        if technique is None or epci is None:
            return
        seen: set[str] = set()
        for place, in_network in _places(technique, dossier.call):
            if any(c.code in epci.commune_codes for c in place.communes):
                continue
            commune, where, where_en = _described(place)
            if commune in seen:
                continue
            seen.add(commune)
            yield self.finding(
                piece=PIECE,
                file=technique.file,
                page=place.page,
                evidence=place.sentence,
                file_name=technique.file,
                subject="un des lieux du réseau" if in_network else "le lieu",
                subject_en="one of the network's places" if in_network else "the place",
                at_commune=_at(commune),
                at_commune_en=f"in {commune}",
                where=where,
                where_en=where_en,
                epci=epci.full_name,
                sentence=_cut(place.sentence),
            )


def _described(place: Place) -> tuple[str, str, str]:
    """(commune, where it is in French, in English) for the message."""
    if not place.communes:
        return (
            place.written,
            f"code postal {place.postcode}, hors des Hauts-de-France",
            f"postcode {place.postcode}, outside Hauts-de-France",
        )
    by_siren = {e.siren: e for e in all_epci()}
    names = sorted({c.name for c in place.communes})
    others = " ou de la ".join(
        sorted(
            {by_siren[c.epci_siren].full_name for c in place.communes if c.epci_siren in by_siren}
        )
    )
    return " ou ".join(names), f"membre de la {others}", f"member of the {others}"


def _at(commune: str) -> str:
    """ "à Lumbres", "au Quesnoy", "aux Attaques": the preposition merged with the article."""
    for article, merged in (("Le ", "au "), ("Les ", "aux ")):
        if commune.startswith(article):
            return merged + commune[len(article) :]
    return "à " + commune


def _cut(sentence: str, limit: int = 160) -> str:
    """The sentence quoted in the message: shortened, without its final full stop."""
    sentence = sentence.rstrip(" .")
    return sentence if len(sentence) <= limit else sentence[: limit - 1] + "…"
