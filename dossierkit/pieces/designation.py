"""The act by which an intercommunalité designates the structure that carries the tiers-lieu.

The call lets the aid go to « l'intercommunalité ou une structure désignée par elle ». A
structure that is not the intercommunalité shows its designation by an act of the
intercommunalité: an extract of the register of the conseil communautaire's délibérations
(« Après en avoir délibéré, le conseil communautaire DÉSIGNE l'association X comme structure
porteuse… »), an arrêté or a décision of its président, or a letter of its président
(« j'ai le plaisir de vous confirmer que la Communauté de communes a désigné… »). The same
words also write what is no designation: the délibération that designates the élu and the
agent référents (« désigne M. Olivier Lecerf, vice-président, élu référent »), the one that
« autorise le Président à signer », a letter of support (« soutient la candidature de
l'association X »), and every other délibération an intercommunalité votes (« approbation du
compte administratif », « tarifs de la piscine »).

This parser reads which body decided (an intercommunalité of the region, from its heading,
else a commune), the form of the act, its day, its object, which structures it designates
or entrusts with the project, and which it only supports. Whether that is the applicant's
designation is for the check T013 to judge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from dossierkit import epci
from dossierkit.pieces.common import DATE, Located, date_of, find_date, plain
from dossierkit.pieces.letterhead import LETTERHEAD_LINES, letterhead_sender
from dossierkit.reading.model import Document
from dossierkit.text import fold

# Fewer letters than this in the whole document: a scan OCR could not read, or an empty page.
MIN_READABLE_LETTERS = 80

# The form of the act, from its head and its operative words (on folded text).
_FORMS = (
    (
        "deliberation",
        re.compile(
            r"\bextrait du registre\b|\bapres en avoir delibere\b|\bdeliberation n\b"
            r"|\bconseil (communautaire|municipal|syndical)\b[^.]{0,80}\bdelibere"
        ),
    ),
    (
        "arrete",
        re.compile(r"^\s*arrete\b|\barrete (n|du president|de la presidente)\b|\barrete\s*:"),
    ),
    ("decision", re.compile(r"^\s*decision\b|\bdecision (n|du president|de la presidente)\b")),
    (
        "courrier",
        re.compile(
            r"\b(monsieur|madame) (le |la )?(president|presidente|directeur|directrice)\b"
            r"|\b(veuillez|je vous prie d|nous vous prions d) agreer\b|\bsalutations\b"
        ),
    ),
)
_MUNICIPAL = re.compile(r"\bconseil municipal\b")

# A structure as an act names it, on ``plain`` text: words without the punctuation that ends
# a clause (a comma or a bracket opens an apposition: « l'association X, présidée par… »,
# « l'association X (FLT) »); guillemets are kept, then taken out (``_clean``).
_NAME = r"(?P<name>[^.;:,()\n]{3,120}?)"
_APPOSITION = r"(?:\s*[,(][^.;]{0,80}?)?"
# What the structure is designated as: the carrier, never a person's role (« comme élu
# référent », « pour siéger au comité de pilotage »).
_PERSON_ROLE = (
    r"(?:la |le |l'|l’|un |une )?(?:elue?s?|agents?|referente?s?|representante?s?|delegue|titulaire"
    r"|suppleante?|membres?|(?:vice.)?presidente?|secretaire|tresoriere?)\b"
)
_AS = (
    rf"\s+(?:(?:comme|en qualite de|en tant que)\s+(?!{_PERSON_ROLE})(?:la |le |l'|l’)?"
    r"(?=[^.;]{0,40}?(?:structure|porteu|portage|gestionnaire|coordinat|operateur|tete de reseau"
    r"|tiers.lieu))"
    r"|pour\s+(?:porter|piloter|gerer|animer|coordonner|assurer (?:le |la |l'|l’)(?:portage|gestion"
    r"|coordination|animation|pilotage))\b"
    r"|(?:la |le )?(?:structure porteuse|structure de portage|porteu(?:r|se))\b)"
)
_AS_CARRIER = (
    r"(?:comme|en qualite de|en tant que)\s+(?:la |le |l'|l’)?(?:structure porteuse|"
    r"structure de portage|porteu(?:r|se)|pilote|gestionnaire)\b[^,;.]{0,100},\s*"
)
# The act designates: « désigne X comme structure porteuse », « décide de désigner X en
# qualité de porteur », « désigne, comme structure porteuse du tiers-lieu, X », « X est
# désignée comme structure porteuse », « confie à X le portage du tiers-lieu », « confie le
# portage du tiers-lieu à X », « retient X comme porteur », « autorise X à déposer la
# candidature ».
_DESIGNATES = (
    re.compile(rf"\bdesigne(?:r|nt)?\s+{_NAME}{_APPOSITION}{_AS}"),
    re.compile(rf"\bdesigne(?:r|nt)?\s*,?\s*{_AS_CARRIER}{_NAME}\s*(?:[.;,(]|$)"),
    re.compile(
        rf"(?:^|[.;:–—-]\s*|\bque\s+)(?P<name>(?:l'|l’|le |la )?(?:association|syndicat|scic|spl|sem|"
        rf"petr|pole|office|societe|cooperative|gip|groupement|etablissement)[^.;:,()\n]{{2,100}}?)"
        rf"\s+(?:est|a ete|soit|sera)\s+designee?s?{_AS}"
    ),
    re.compile(
        rf"\bconfie(?:r|nt)?\s+a\s+{_NAME}\s+(?:le |la |l'|l’)(?:portage|pilotage|gestion|animation"
        rf"|mise en oeuvre|coordination)\b"
    ),
    re.compile(
        rf"\bconfie(?:r|nt)?\s+(?:le |la |l'|l’)(?:portage|pilotage|gestion|animation|mise en oeuvre"
        rf"|coordination)\b[^.;]{{0,120}}?\s+a\s+{_NAME}\s*(?:[.;,(]|$)"
    ),
    re.compile(rf"\bretient\s+{_NAME}{_APPOSITION}{_AS}"),
    re.compile(
        rf"\bautorise(?:r)?\s+{_NAME}\s+a\s+(?:deposer|presenter|porter|solliciter|candidater"
        rf"|repondre)\b"
    ),
)
# The act's object may say it too: « Objet : désignation de l'association X comme porteur ».
_OBJECT_DESIGNATES = re.compile(rf"\bdesignation\s+(?:de |du |des |d'|d’)\s*{_NAME}{_AS}")
# The act supports without designating: « soutient la candidature de l'association X »,
# « décide de soutenir le projet de X », « apporte son plein soutien à X », « émet un avis
# favorable à la candidature de X ».
_SUPPORTS = (
    re.compile(
        r"\b(?:soutien(?:t|nent|s)?|soutenir|avis favorable)\b[^.;]{0,80}?"
        r"(?:candidature|projet|demande|dossier|initiative)\s+(?:de |du |des |d'|d’)\s*"
        rf"{_NAME}\s*(?:[.;,(]|\s(?:a l'|a la|au|aupres|dans|pour|qui|dont|porte|visant)\b|$)"
    ),
    re.compile(
        r"\b(?:apporte(?:r|nt)?|exprime(?:r)?|renouvelle(?:r)?)\s+(?:son|tout son|notre|mon|leur)"
        rf"\s+(?:plein |entier |total )?soutien\s+(?:a |au |aux )\s*{_NAME}"
        r"\s*(?:[.;,(]|\s(?:dans|pour|qui)\b|$)"
    ),
)
# Who is a person or a role, never the structure: « le Président à signer », « M. X comme
# élu référent », « Mme Y ».
_NOT_A_STRUCTURE = re.compile(
    r"^(?:(?:le |la |l'|l’|son |sa |notre |madame |monsieur )?(?:vice.)?(?:president|presidente|maire"
    r"|elue?|agent|directeur|directrice|conseiller|conseillere|bureau|services?)\b"
    r"|m |mme |mlle |monsieur |madame |celle|celui|elle|il\b|la communaute|la structure|"
    r"l'intercommunalite|l’intercommunalite)"
)
# The article before a structure's kind: « l'association X » is named « association X », « le
# Syndicat mixte X » « Syndicat mixte X »; « La Ruche numérique » keeps its own.
_LEADING_ARTICLE = re.compile(
    r"^(?:l'|l’|le |la )(?=association|syndicat|scic|spl|sem\b|petr|pole|office|societe"
    r"|cooperative|gip|groupement|etablissement)"
)
# The day of the meeting: « Séance du 29 septembre 2026 », « Réunion du conseil
# communautaire du mardi 29 septembre 2026 ».
_SITTING = re.compile(
    r"\b(?:seance|reunion|session)\b[^.\n]{0,60}?\bdu\s+(?:(?:lundi|mardi|mercredi|jeudi|vendredi"
    r"|samedi|dimanche)\s+)?(?=\d|1er|premier)"
)
_OBJECT = re.compile(r"\bobjet\s*:\s*", re.IGNORECASE)
# How many lines may continue an act's object, and a line that no longer does.
_OBJECT_LINES = 2
_AFTER_OBJECT = re.compile(
    r"^(vu|considerant|le conseil|apres|monsieur|madame|rapporteur|nombre|"
    r"presents?|etaient|seance|le president|la presidente|expose)\b"
)


@dataclass(frozen=True)
class Named:
    """A structure the act names (designates or supports), as written, with the sentence that
    names it (for the report's quotation) and its page."""

    name: str
    sentence: str
    page: int | None


@dataclass(frozen=True)
class DesignationFacts:
    """What an act of an intercommunalité (or a letter) says of the tiers-lieu's carrier.

    ``body`` is the body that decided, as its heading names it; ``body_kind`` is
    ``intercommunalite`` (then ``epci`` is its SIREN in the region's list, when listed),
    ``commune``, or ``association`` (a letter of the association itself), None when the act
    does not say. ``form`` is ``deliberation``, ``arrete``, ``decision`` or ``courrier``
    (None: none of these). ``held_on`` is the day of the sitting, else the day the act is
    dated. ``designated`` are the structures the act designates or entrusts with the
    project, ``supported`` those it only supports. ``readable`` is false for a scan nothing
    could be read from."""

    file: str
    readable: bool
    form: str | None = None
    body: Located | None = None
    body_kind: str | None = None
    epci: str | None = None
    held_on: date | None = None
    subject: Located | None = None
    designated: tuple[Named, ...] = ()
    supported: tuple[Named, ...] = ()


def _form(head: str, text: str) -> str | None:
    """The form its head says first (an arrêté cites further down the délibération that
    delegates to its président), else its operative words."""
    titled = [(m.start(), form) for form, p in _FORMS if (m := p.search(head)) is not None]
    if titled:
        return min(titled)[1]
    return next((form for form, pattern in _FORMS if pattern.search(text)), None)


def _heading(head: list[tuple[int | None, str]]) -> tuple[int, epci.Epci] | None:
    """The first line of ``head`` that names an intercommunalité of the region (its name may
    run over two lines: « COMMUNAUTÉ DE COMMUNES / DU TERNOIS »), with it."""
    for at in range(len(head)):
        window = fold(" ".join(line for _, line in head[at : at + 2]))
        if found := epci.find_in_text(window):
            return at, found[0][0]
    return None


def _body(document: Document, text: str) -> tuple[Located | None, str | None, str | None]:
    """The body that decided: the intercommunalité its heading names, unless an association's
    line comes first (its own letter, which names the intercommunalité after it), else a
    commune (its letterhead, its conseil municipal), else the intercommunalité its text names
    most."""
    head = document.lines()[:LETTERHEAD_LINES]
    page = head[0][0] if head else None
    heading = _heading(head)
    association = next(
        (at for at, (_, line) in enumerate(head) if fold(line).startswith("association ")), None
    )
    if association is not None and (heading is None or association < heading[0]):
        line_page, line = head[association]
        return Located(line, line_page), "association", None
    if heading is not None:
        return Located(heading[1].full_name, page), "intercommunalite", heading[1].siren
    sender = letterhead_sender(document)
    if sender is not None and sender.kind == "commune":
        return Located(sender.name, sender.page), "commune", None
    if _MUNICIPAL.search(text):
        return None, "commune", None
    if found := epci.find_in_text(text):
        return Located(found[0][0].full_name, page), "intercommunalite", found[0][0].siren
    if re.search(
        r"\bconseil communautaire\b|\bcommunaute (de communes|d agglomeration|urbaine)\b", text
    ):
        return None, "intercommunalite", None
    return None, None, None


def _held_on(document: Document) -> date | None:
    """The day of the sitting, else the day the act is dated."""
    for _, text in document.page_texts():
        lowered = plain(text)
        for sitting in _SITTING.finditer(lowered):
            match = DATE.match(lowered, sitting.end())
            if match is not None and (found := date_of(match)) is not None:
                return found
    dated = find_date(document)
    return dated.value if dated is not None else None


def _subject(document: Document) -> Located | None:
    """The act's « Objet : … », with the lines that continue it (two at most)."""
    lines = document.lines()
    for at, (page, line) in enumerate(lines):
        match = _OBJECT.search(line)
        if match is None:
            continue
        parts = [line[match.end() :].strip()]
        for _, following in lines[at + 1 : at + 1 + _OBJECT_LINES]:
            if parts[-1].endswith((".", ";")) or _AFTER_OBJECT.match(fold(following)):
                break
            parts.append(following.strip())
        subject = " ".join(p for p in parts if p)
        if subject:
            return Located(subject, page)
    return None


def _clean(name: str) -> str:
    """The name as written on one line, without guillemets nor the article before its
    kind."""
    name = " ".join(name.replace("«", " ").replace("»", " ").split()).strip(" -–—'’")
    article = _LEADING_ARTICLE.match(plain(name))
    return name[article.end() :] if article is not None else name


def _sentence(text: str, start: int, end: int) -> str:
    """The clause of ``text`` from ``start`` (where the words that name the structure begin)
    to the end of its sentence after ``end``, on one line, at most 240 characters."""
    after = [i for i in (text.find(c, end) for c in ".;") if i != -1]
    clause = text[start : min(after) if after else len(text)]
    clause = " ".join(clause.split()).strip(" -–—;.:")
    return clause if len(clause) <= 240 else clause[:239] + "…"


def _innermost(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """The matches of ``pattern`` in ``text``, each the last to start before the end of its
    name: a line without a full stop (an object, a title) does not end a clause, and « soutien
    au projet de tiers-lieu [Objet's end] La Communauté soutient la candidature de
    l'association X » names the association, not the words from « tiers-lieu » on."""
    found = []
    match = pattern.search(text)
    while match is not None:
        inner = pattern.search(text, match.start() + 1)
        if inner is None or inner.start() >= match.end("name"):
            found.append(match)
            match = pattern.search(text, match.end())
        else:
            match = inner
    return found


def _named(
    pages: list[tuple[int | None, str]], patterns: tuple[re.Pattern[str], ...]
) -> tuple[Named, ...]:
    found: dict[str, Named] = {}
    for page, text in pages:
        joined = text.replace("\n", " ")
        lowered = plain(joined)
        for pattern in patterns:
            for match in _innermost(pattern, lowered):
                start, end = match.span("name")
                name = _clean(joined[start:end])
                if len(fold(name)) < 3 or _NOT_A_STRUCTURE.match(plain(name)):
                    continue
                said = _sentence(joined, match.start(), end)
                found.setdefault(fold(name), Named(name, said, page))
    return tuple(found.values())


def parse(document: Document, file: str) -> DesignationFacts:
    """Read the act or letter of ``document`` (from ``file``)."""
    text = fold(document.text)
    if sum(c.isalpha() for c in text) < MIN_READABLE_LETTERS:
        return DesignationFacts(file, readable=False)
    head = fold(" ".join(line for _, line in document.lines()[: LETTERHEAD_LINES * 2]))
    body, body_kind, siren = _body(document, text)
    pages = document.page_texts()
    subject = _subject(document)
    designated = _named(pages, _DESIGNATES)
    if not designated and subject is not None:
        designated = _named([(subject.page, subject.value)], (_OBJECT_DESIGNATES,))
    return DesignationFacts(
        file=file,
        readable=True,
        form=_form(head, text),
        body=body,
        body_kind=body_kind,
        epci=siren,
        held_on=_held_on(document),
        subject=subject,
        designated=designated,
        supported=_named(pages, _SUPPORTS),
    )
