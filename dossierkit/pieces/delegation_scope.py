"""What a délégation de signature covers, read as its wording says it.

An arrêté of an intercommunalité's président gives a vice-président « délégation de
fonctions et de signature … dans les domaines de la voirie, des travaux et de
l'assainissement, notamment pour signer les marchés de travaux » : the délégation is worth
what it lists, and a request for a tiers-lieu numérique is none of it. The same arrêté that
adds « les demandes de subvention et les conventions s'y rapportant » still only delegates the
subsidy requests of those domains: « s'y rapportant » ties them to the list. Signing requests
is covered when the act says so on its own (« pour signer les demandes de subvention »),
when a listed domain or the delegate's charge is one the project falls under (numérique,
tiers-lieux, innovation, développement économique, attractivité, finances, budget,
administration générale…), or when the délégation is general (« tous actes », « l'ensemble
des affaires »).

The reading is generous, because a false error on a complete dossier costs more than a
missed one: the délégation is said to be *outside* this request only when it lists its
domains, each of them is one a tiers-lieu numérique is plainly not (voirie, assainissement,
déchets…), and nothing in it delegates subsidy requests or all acts other than within
them. Everything else it does not clearly cover is left to a person (``unclear``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dossierkit.reading.model import Document
from dossierkit.text import fold_traced, printed

# What a délégation may let sign for this request: subsidy requests, or every act.
_REQUEST_WORDS = (
    r"demandes? de (?:subvention|financement|aide)s?|dossiers? de (?:demande|candidature)|"
    r"tous (?:les )?(?:actes|documents)|tout (?:acte|document)|toutes (?:les )?pieces|"
    r"(?:l')?ensemble des (?:affaires|actes|documents)"
)
_REQUESTS = re.compile(rf"\b(?:{_REQUEST_WORDS})\b")
# Domains whose acts may include this request (matched in lower case without accents): the
# project's, and those a délégation of requests or of all acts names.
_COVERING = re.compile(
    r"\b(?:numeri\w*|digital\w*|tiers[- ]lieux?|fab ?labs?|innovation\w*|"
    r"developpement economique|econom\w*|attractivite|financ\w*|budget\w*|subventions?|"
    r"administration generale|affaires generales|contractualisation|fonds europeens|"
    rf"toutes (?:les )?affaires|(?:l')?ensemble des (?:dossiers|competences)|{_REQUEST_WORDS})\b"
)
# Domains that plainly never carry a tiers-lieu numérique's request for aid.
_UNRELATED = re.compile(
    r"\b(?:voirie|travaux|assainissement|eau potable|eaux pluviales|eau|dechets|"
    r"ordures menageres|collecte|gemapi|milieux aquatiques|cours d'eau|rivieres|transports?|"
    r"mobilites?|circulation|stationnement|urbanisme|droit des sols|"
    r"autorisations? d'urbanisme|habitat|logement|petite enfance|creches?|sports?|"
    r"equipements sportifs|piscines?|agriculture|cimetieres?|funeraire|police|etat civil|"
    r"espaces verts|eclairage public|spanc|gens du voyage|ressources humaines|personnel|"
    r"defense (?:exterieure )?contre l'incendie|marches de travaux|ordres de service|"
    r"arretes de circulation|batiments communautaires|patrimoine bati)\b"
)
# Where an act lists the domains of the délégation: « dans les domaines (suivants) de… »,
# « en matière de… », « pour les compétences suivantes : … ».
_DOMAINS = re.compile(
    r"\b(?:(?:dans|pour) (?:les|le) (?:domaines?|matieres?|secteurs?|competences?)"
    r"(?: suivante?s?)?|en matiere|au titre des competences)\b"
)
# Where such a list ends: its examples (« notamment pour signer… »), the sentence's end.
_DOMAINS_END = re.compile(
    r"\bnotamment\b|\ba l'effet\b|\bpour (?:signer|l'exercice)\b|\bafin\b|\.(?:\s|$)|"
    r"\barticle\s+\d"
)
# The delegate's charge: « vice-président chargé du numérique », « délégué aux finances ».
_CHARGE = re.compile(
    r"\b(?:vice-? ?presidente?|conseill(?:er|ere)(?: communautaire| municipale?)?|"
    r"adjointe?)(?: delegue?e?)?,? (?:charge|delegue)e? (?:de la|de l'|du|des|de|a la|a l'|"
    r"au|aux|a) ([^,.;]+)"
)
# What ties them to something: « relevant du numérique », « s'y rapportant ».
_QUALIFIER = re.compile(
    r"\b(?:(?P<back>s'y rapportant|y afferente?s?|y relatif\w*|en relevant)|"
    r"(?:relati\w+|relevant|concernant|se rapportant|liee?s?|afferente?s?|en matiere|"
    r"dans (?:le|les) domaines?|dans le cadre)\b(?P<what>[^.;]{0,90}))"
)
# A qualifier that points back at the act's list: « relevant de ces domaines ».
_BACK_REFERENCE = re.compile(
    r"^\s*(?:(?:de|a|aux?|du|d')\s*)?(?:ces|ce|cette|sa|ses|leurs?|la presente|ledit|ladite|"
    r"lesdit(?:e)?s|celles?|ceux)\b"
)
_SENTENCE_END = re.compile(r"\.(?:\s|$)|\barticle\s+\d")
# The act's operative part starts after « ARRÊTE » (or « DÉCIDE ») on a line of its own: the
# « Vu » and « Considérant » above it speak of other délégations.
_OPERATIVE = re.compile(
    r"^\s*(?:arr[êe]te|arr[êe]tons|d[ée]cide|d[ée]cidons)\s*:?\s*$", re.MULTILINE | re.IGNORECASE
)


@dataclass(frozen=True)
class Scope:
    """What the délégation covers for this request.

    ``covers``: it names subsidy requests on their own, a domain or a charge this project
    falls under, or all acts. ``outside``: it lists its domains (``listed``, as printed, and
    their ``page``), none of them is one this request could fall under, and what it lets
    sign is tied to them. Neither: a person must judge.
    """

    covers: bool
    outside: bool = False
    listed: tuple[str, ...] = ()
    page: int | None = None


def _kind(phrase: str) -> str:
    """Whether a domain named by ``phrase`` "covers" this request, is plainly "unrelated"
    to it, or "unknown"."""
    if _COVERING.search(phrase):
        return "covers"
    return "unrelated" if _UNRELATED.search(phrase) else "unknown"


def _items(listed: str) -> list[str]:
    """The domains of a list: « de la voirie, des travaux et de l'assainissement »."""
    parts = re.split(r",|;|\bet\b|\bainsi que\b|\s[-–•]\s|^[-–•]\s|:", listed)
    return [p.strip() for p in parts if re.search(r"\w{3}", p)]


def _requests(text: str) -> list[str]:
    """What each mention of signing subsidy requests (or all acts) is tied to: "covers"
    when nothing ties it or what ties it is covered, "tied" when it is tied back to the
    act's list or to a plainly unrelated domain, "unknown" otherwise."""
    found = []
    for match in _REQUESTS.finditer(text):
        end = _SENTENCE_END.search(text, match.end())
        rest = text[match.end() : end.start() if end else len(text)]
        qualifier = _QUALIFIER.search(rest)
        if qualifier is None:
            found.append("covers")
        elif qualifier.group("back") or _BACK_REFERENCE.match(qualifier.group("what")):
            found.append("tied")
        else:
            kind = _kind(qualifier.group("what"))
            found.append("tied" if kind == "unrelated" else kind)
    return found


def read_scope(document: Document) -> Scope:
    """What the délégation of ``document`` covers (see the module's docstring)."""
    pages = document.page_texts()
    operative = next((i for i, (_, text) in enumerate(pages) if _OPERATIVE.search(text)), None)
    listed: list[tuple[int | None, str]] = []
    kinds: list[str] = []
    for index, (number, page_text) in enumerate(pages):
        if operative is not None:
            if index < operative:
                continue
            if index == operative and (marker := _OPERATIVE.search(page_text)) is not None:
                page_text = page_text[marker.end() :]
        shown = " ".join(page_text.split())
        text, origin = fold_traced(shown)
        for charge in _CHARGE.finditer(text):
            if _kind(charge.group(1)) == "covers":
                return Scope(covers=True)
        for intro in _DOMAINS.finditer(text):
            end = _DOMAINS_END.search(text, intro.end())
            span = text[intro.end() : end.start() if end else len(text)]
            items = _items(span)
            if not items:
                continue
            quoted = printed(shown, origin, intro.start(), intro.end() + len(span))
            listed.append((number, quoted.strip(" ,;:")))
            # Subsidy requests among the domains are judged with what ties them, below.
            kinds += [
                _kind(item)
                for item in items
                if not _BACK_REFERENCE.match(item) and not _REQUESTS.search(item)
            ]
        kinds += _requests(text)
    if "covers" in kinds:
        return Scope(covers=True)
    domains = tuple(text for _, text in listed)
    outside = "unrelated" in kinds and all(kind in ("unrelated", "tied") for kind in kinds)
    return Scope(
        covers=False,
        outside=outside,
        listed=domains,
        page=listed[0][0] if listed else None,
    )
