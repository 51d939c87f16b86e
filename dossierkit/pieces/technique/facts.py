"""The facts a dossier technique states, read from the answers to the questions that ask for
them (``ASKED_IN``), then from the rest of the answers where that is safe. Nothing here
depends on the project's form or on the structure: the checks decide which questions apply.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from datetime import date
from functools import lru_cache

from dossierkit.call import Call
from dossierkit.pieces.common import MONTHS, plain
from dossierkit.pieces.letterhead import Sender, identify
from dossierkit.pieces.technique.model import Answer, Found, Line, cut
from dossierkit.pieces.technique.statements import (
    AND_A_VERB,
    CLAUSE,
    NEGATION,
    NOT_NEGATIONS,
    Matcher,
    Reader,
    Stance,
    affirmed_in_clause,
    folded_clause,
    mention_stance,
    said,
    stance,
)
from dossierkit.pieces.technique.words import Gated, Phrases, any_of
from dossierkit.reading.model import Document
from dossierkit.text import fold

# Each pattern is searched only in a text holding one of the words all its matches contain.
_FORMS = {
    "reseau": Gated(
        r"\b(?:animation|animer|coordination|coordonner) (?:d un|du|de ce|de notre|le|ce) reseau\b"
        r"|\breseau (?:de |d )(?:\w+ )?(?:tiers )?lieux\b|\b(?:pour|sur) (?:un|le|ce|notre) reseau\b"
        r"|^ ?(?:un )?reseau\b",
        ("reseau",),
    ),
    "lieu": Gated(
        r"\b(?:pour|sur|concerne) (?:un|le|ce|notre) (?:seul |unique )?(?:tiers )?lieu\b"
        r"|\b(?:tiers )?lieu (?:unique|phare)\b|^ ?(?:un )?(?:seul )?(?:tiers )?lieu\b",
        ("lieu",),
    ),
}
_FULL_TIME = Gated(
    r"\btemps (?:plein|complet)\b|\bplein temps\b|\b(?:1|un) etp\b|\bequivalent temps plein\b",
    ("temps", "etp"),
)
_PART_TIME = Gated(r"\btemps partiel\b|\bmi temps\b|\b0 \d+ etp\b", ("temps", "etp"))
_ANIMATION_CUE = Gated(r"\banimat|\bcoordinat", ("animat", "coordinat"))
_MODES = (
    (
        "interne",
        Gated(
            r"\binternalis|\ben interne\b|\ben regie\b", ("internalis", "en interne", "en regie")
        ),
    ),
    (
        "externe",
        Gated(
            r"\bexternalis|\bprestataire\b|\bsous trait",
            ("externalis", "prestataire", "sous trait"),
        ),
    ),
)
_STEERING = Gated(
    r"\bcomite (?:de |d )?(?:suivi et de )?pilotage\b|\bcopil\b", ("pilotage", "copil")
)
_PAIR_CUE = Gated(r"\bbinome\b|\breferent", ("binome", "referent"))
_ELECTED_TITLE = re.compile(
    r"\bpresident|\bmaire\b|\badjoint|\bconseill\w* (?:communautaire|municipal|delegue)"
    r"|\bdelegue au\b"
)
_ELECTED = re.compile(r"\belue?s?\b")
_AGENT = re.compile(r"\bagent\b|\bagente\b")
_AGENT_TITLE = re.compile(
    r"\bchargee? de mission\b|\bchef(?:fe)? de projets?\b|\bresponsable (?:du|de|des)\b"
    r"|\bdirect(?:eur|rice)\b|\btechnicien|\bdgs\b"
)
# The roles a name is given, in the order they are tried where two stand as near.
_ROLES = (
    ("agent", _AGENT),
    ("elected", _ELECTED),
    ("elected", _ELECTED_TITLE),
    ("agent", _AGENT_TITLE),
)
_CIVILITY_NAME = re.compile(
    r"\b(?:M\.|MM\.|Mr\.?|Mme|Mlle|Monsieur|Madame)\s+"
    r"(?P<name>[A-ZÀ-ÖØ-Þ][\w'’-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w'’-]*){0,3})"
)
_CAPITAL_NAME = re.compile(
    r"\b(?!(?:Le|La|Les|Un|Une|Des|Du|De|En|Au|Aux|Ce|Cette|Son|Sa|Ses|Notre|Nos)\s)(?P<name>[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+(?:-[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+)?\s+"
    r"[A-ZÀ-ÖØ-Þ]{2,}(?:[- ][A-ZÀ-ÖØ-Þ]{2,})*)\b"
)
_CONTRAST = re.compile(rf"\bmais\b|;|{AND_A_VERB}", re.IGNORECASE)
_NO = re.compile(r"^(?:non|aucune?|jamais|neant)\b")
_YES = re.compile(r"^oui\b")
_QPV = Gated(
    r"\bquartiers? prioritaires?\b|\bqpv\b|\bpolitique de la ville\b|\bzone prioritaire\b",
    ("prioritaire", "qpv", "politique de la ville"),
)
# A short label before the answer on its line ("Implantation en quartier prioritaire : non").
_LABEL = re.compile(r"^[^:.;!?]{0,60}:\s*")
# What says a date is the plan's start, strongest first: the call's own words, a start,
# then a launch (which may be another thing's: an opening, a roadmap).
_START_CUES = (
    Gated(r"\bdate de debut\b|\bdepenses eligibles\b", ("date de debut", "depenses eligibles")),
    Gated(
        r"\bdebut\w*|\bdemarr\w*|\bcommence\w*|\ba compter du\b|\ba partir du\b",
        ("debut", "demarr", "commence", "a compter du", "a partir du"),
    ),
    Gated(r"\blancement\b", ("lancement",)),
)
# A sentence about the territory's roadmap: its dates (voted, launched) are not the plan's.
_ROADMAP = Gated(r"\bfeuilles? de route\b", ("feuille",))
# A sentence that describes what exists on the territory, not what the project offers.
_ELSEWHERE = Gated(
    r"\becosysteme\b|\b(?:lieux|structures|acteurs|equipements|services) (?:\w+ )?existants?\b"
    r"|\bexistants? sur le territoire\b|\bsur le territoire (?:on trouve|il existe|existent"
    r"|on compte)\b|\bon trouve deja\b|\bexistent deja\b"
    r"|\bil existe (?:deja )?(?:sur|dans) le territoire\b|\bdeja presents? sur le territoire\b"
    r"|\bpartenaires? (?:locaux|du territoire|existants?)\b|^partenaires?\b",
    ("ecosysteme", "existant", "existe", "present", "partenaire", "trouve", "compte"),
)
_MONTH = "|".join(MONTHS)
_DATES = (
    re.compile(rf"\b(?P<d>1er|\d{{1,2}})\s+(?P<m>{_MONTH})\s+(?P<y>20\d\d)\b"),
    re.compile(r"\b(?P<d>\d{1,2})[/.](?P<m>\d{1,2})[/.](?P<y>20\d\d)\b"),
    re.compile(r"\b(?P<y>20\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b"),
    re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<y>20\d\d)\b"),
)


def _first(lines: Iterable[Line], value: str | bool, pattern: Matcher) -> Found | None:
    """The first sentence of ``lines`` that affirms ``pattern``, as evidence of ``value``."""
    for page, sentence in lines:
        if affirmed_in_clause(sentence, pattern):
            return Found(value, sentence, page)
    return None


def forms(reader: Reader, call: Call) -> tuple[Found, ...]:
    """Every claim of lieu or réseau: the answer about the form, else the whole text, else
    which of the questions proper to a lieu or to a réseau the document really answers."""
    scope = reader.asked("project.form") if reader.answered("project.form") else reader.body
    claims: dict[str, Found] = {}
    for page, sentence in scope:
        for value, pattern in _FORMS.items():
            if value not in claims and affirmed_in_clause(sentence, pattern):
                claims[value] = Found(value, sentence, page)
    if claims:
        return tuple(claims.values())
    for q in call.questions:
        condition = q.applies_when
        answer = reader.answers.get(q.id)
        if (
            condition is not None
            and condition.fact == "project.form"
            and not condition.negate
            and answer is not None
            and answer.status == "answered"
            and not answer.by_content
            and str(condition.value) not in claims
        ):
            claims[str(condition.value)] = Found(str(condition.value), answer.heading, answer.page)
    return tuple(claims.values())


def _function_patterns(call: Call) -> list[tuple[str, Phrases]]:
    """Each function of the call with what shows it: the call's patterns, and the plain words
    of the lexicon ("atelier de fabrication numérique" for the fablab)."""
    found = []
    for fid, regexes in call.function_patterns.items():
        if (words := any_of(call.lexicon.functions.get(fid, ()), regexes)) is not None:
            found.append((fid, words))
    return found


def _here(lines: Iterable[Line]) -> list[Line]:
    """The sentences that may say what the project offers: not those describing the places,
    partners and ecosystem already on the territory ("les lieux existants (médiathèques,
    conseillers numériques)"), whose functions are not the project's."""
    return [line for line in lines if not _ELSEWHERE.search(fold(line[1]))]


def functions(reader: Reader, call: Call) -> tuple[Found, ...]:
    """The call's functions the project's lieu(x) will offer: from the answers about the
    project (its functions, its places, its first year) when they name any; else from the
    other answers that ask for them (innovation, complementarity); else from the whole text.
    Sentences about what already exists on the territory never count."""
    patterns = _function_patterns(call)
    scopes = [_here(reader.asked("project.offer"))]
    if reader.answered("project.functions"):
        scopes.append(_here(reader.asked("project.functions")))
    else:
        scopes.append(_here(reader.body))
    for scope in scopes:
        found = [f for fid, pattern in patterns if (f := _first(scope, fid, pattern))]
        if found:
            return tuple(found)
    return ()


def _parse_date(text: str) -> str | None:
    """The first date of ``text`` as ISO (``2027-01`` for a month and year)."""
    lowered = plain(text)
    hits = [(m.start(), n, m) for n, p in enumerate(_DATES) for m in p.finditer(lowered)]
    for _, kind, match in sorted(hits, key=lambda h: (h[0], h[1])):
        month = match.group("m")
        m = MONTHS.get(month) or int(month)
        year = int(match.group("y"))
        if kind == 3:
            return f"{year:04d}-{m:02d}"
        day = 1 if match.group("d") == "1er" else int(match.group("d"))
        try:
            return date(year, m, day).isoformat()
        except ValueError:
            continue
    return None


def start_date(reader: Reader) -> Found | None:
    """The date the action plan starts: in the answer about it, the sentence with the call's
    words ("date de début", "dépenses éligibles") first, then any dated one; elsewhere, a
    sentence that says a start, then a launch. A sentence about the territory's roadmap
    ("lancement en conseil communautaire du 14 mai 2026") is never the plan's start."""
    asked = [s for s in reader.asked("project.start_date") if not _ROADMAP.search(fold(s[1]))]
    body = [s for s in reader.body if not _ROADMAP.search(fold(s[1]))]
    scopes = [[s for s in asked if _START_CUES[0].search(fold(s[1]))], asked]
    scopes += [[s for s in body if cue.search(fold(s[1]))] for cue in _START_CUES]
    for scope in scopes:
        for page, sentence in scope:
            value = _parse_date(sentence)
            if value:
                return Found(value, sentence, page)
    return None


def animation(reader: Reader) -> tuple[Found | None, Found | None]:
    """(internal or external, full time or not) from the answer about animation first."""
    scope = reader.scope("animation", _ANIMATION_CUE)
    mode = None
    for page, sentence in scope:
        # "L'animation n'est pas externalisée", "plutôt qu'un prestataire" deny the mode; when
        # both are said, the first one named is the answer.
        hits = []
        for value, pattern in _MODES:
            match = pattern.search(fold(sentence))
            if match and said(sentence, pattern):
                hits.append((match.start(), value))
        if hits:
            mode = Found(min(hits)[1], sentence, page)
            break
    full = _first(reader.scope("animation"), True, _FULL_TIME)
    if full is None:
        full = _first(reader.scope("animation"), False, _PART_TIME)
    return mode, full


def _people(sentences: Iterable[Line]) -> tuple[Found | None, Found | None]:
    """(elected official, referent agent): names with their role, else whether a role is
    mentioned at all."""
    elected = agent = None
    for page, sentence in sentences:
        matches: list[re.Match[str]] = []
        for match in sorted(
            [*_CIVILITY_NAME.finditer(sentence), *_CAPITAL_NAME.finditer(sentence)],
            key=lambda m: m.start(),
        ):
            if not matches or match.start() >= matches[-1].end():
                matches.append(match)
        for index, match in enumerate(matches):
            end = matches[index + 1].start() if index + 1 < len(matches) else len(sentence)
            # The role is written after the name: "M. X, vice-président (élu), et de Mme Y…".
            role = fold(sentence[match.end() : end])
            name = match.group("name")
            # The role nearest the name is its own: a PDF's table runs its rows together
            # ("Mme Sophie Lehner vice-présidente au numérique Agent référent (binôme) …").
            roles = [
                (hit.start(), rank, kind)
                for rank, (kind, pattern) in enumerate(_ROLES)
                if (hit := pattern.search(role))
            ]
            kind = min(roles)[2] if roles else None
            if kind == "agent":
                agent = agent or Found(name, sentence, page)
            elif kind == "elected":
                elected = elected or Found(name, sentence, page)
    if elected is None or agent is None:
        # A role mentioned without a name counts only where it is said: "ni élu ni agent
        # référent", "l'agent référent reste à désigner" name no one.
        for page, sentence in sentences:
            if elected is None and (said(sentence, _ELECTED) or said(sentence, _ELECTED_TITLE)):
                elected = Found(True, sentence, page)
            if agent is None and (said(sentence, _AGENT) or said(sentence, _AGENT_TITLE)):
                agent = Found(True, sentence, page)
    return elected, agent


def governance(reader: Reader) -> tuple[Found | None, Found | None, Found | None]:
    steering = _first(reader.scope("governance"), True, _STEERING)
    pair = reader.asked("governance") or [s for s in reader.body if _PAIR_CUE.search(fold(s[1]))]
    elected, agent = _people(pair)
    return steering, elected, agent


@lru_cache(maxsize=8)
def _schemes(schemes: tuple[str, ...]) -> Gated | None:
    """What finds the call's former schemes ("PEL", "CRNT", "ECRINS") as words."""
    words = tuple(fold(s) for s in schemes if fold(s))
    if not words:
        return None
    return Gated(rf"\b(?:{'|'.join(map(re.escape, words))})\b", words)


@lru_cache(maxsize=8)
def _exceptional(scheme: str, year: int) -> Gated:
    """What finds the exceptional aid of a scheme and year: "l'aide PEL exceptionnelle de
    2017", "le PEL de 2017", "l'aide exceptionnelle de 2017", and the scheme named last:
    "l'aide exceptionnelle PEL", "l'aide exceptionnelle du PEL"."""
    name, when = re.escape(fold(scheme)), str(year)
    return Gated(
        rf"\b{name}\b(?:\w| )*\b(?:{when}|exceptionnel\w*)\b"
        rf"|\bexceptionnel\w* (?:de {when}|(?:du |de |d )?{name})\b",
        (when, "exceptionnel"),
    )


def _joined(parts: Iterable[str]) -> tuple[str, list[int]]:
    """The folded parts joined by spaces (empty ones left out), and where each part ends:
    built once, where adding part by part re-copied the text at each comma."""
    kept: list[str] = []
    ends: list[int] = []
    length = 0
    for part in parts:
        if part:
            length += len(part) + (1 if kept else 0)
            kept.append(part)
        ends.append(length)
    return " ".join(kept), ends


def prior_aid(reader: Reader, call: Call) -> tuple[Found | None, Found | None]:
    """(the call's former schemes that aided the place, or "none"; the exceptional aid it does
    not combine with, if received)."""
    devices_pattern = _schemes(call.former_schemes)
    exceptional = call.exceptional_aid
    if devices_pattern is None:
        return None, None
    scope = reader.asked("prior_aid") or [
        s for s in reader.body if devices_pattern.search(fold(s[1]))
    ]
    devices: list[str] = []
    evidence: Line | None = None
    refused: Line | None = None
    pel_2017 = None
    for page, sentence in scope:
        folded = NOT_NEGATIONS.sub("x", fold(sentence))
        # A denial covers the list it opens ("ni PEL, CRNT ou ECRINS") up to a contrast: "n'a
        # pas été aidé par les CRNT mais a bénéficié du PEL", "… et a reçu l'aide de 2017".
        for clause in _CONTRAST.split(sentence):
            # The denial before a device reaches over commas ("ni PEL, CRNT ou ECRINS"), the
            # one after it stops there ("Aidé au titre du PEL, le lieu n'a pas reçu…").
            clause_folded, ends = _joined(folded_clause(part) for part in CLAUSE.split(clause))
            for match in devices_pattern.finditer(clause_folded):
                end = ends[bisect_left(ends, match.end())]
                if mention_stance(clause_folded, match, end=end) is Stance.SAID:
                    device = match.group().upper()
                    devices += [device] if device not in devices else []
                    evidence = evidence or (page, sentence)
        if refused is None and (_NO.search(folded) or NEGATION.search(folded)):
            refused = (page, sentence)
        # "a bénéficié du PEL en 2014 et n'a pas reçu l'aide exceptionnelle de 2017" denies it.
        if (
            pel_2017 is None
            and exceptional is not None
            and affirmed_in_clause(
                sentence, _exceptional(exceptional.scheme, exceptional.year), split_and=True
            )
        ):
            pel_2017 = Found(True, sentence, page)
    if evidence is not None:
        return Found(",".join(devices), evidence[1], evidence[0]), pel_2017
    if refused is not None:
        return Found("none", refused[1], refused[0]), pel_2017
    return None, pel_2017


def qpv(reader: Reader) -> Found | None:
    """Whether the place is in a priority district: "oui"/"non" opening the answer (after its
    label: "Implantation en QPV : non"), else what the sentence naming the district says."""
    asked = reader.asked("project.qpv")
    for page, sentence in asked[:1]:
        folded = fold(_LABEL.sub("", sentence, count=1))
        if _YES.search(folded):
            return Found(True, sentence, page)
        if _NO.search(folded):
            return Found(False, sentence, page)
    for page, sentence in asked or [s for s in reader.body if _QPV.search(fold(s[1]))]:
        if _QPV.search(fold(sentence)):
            return Found(stance(sentence, _QPV) is Stance.SAID, sentence, page)
    return Found(cut(asked[0][1]), asked[0][1], asked[0][0]) if asked else None


def annexes_inside(answers: Sequence[Answer], call: Call) -> tuple[Found, ...]:
    """Annexes written in the answer that asks for them: a line naming the annex that
    introduces a list (it ends with ":" and at least two lines follow)."""
    found = []
    by_id = {a.question: a for a in answers}
    for q in call.questions:
        answer = by_id.get(q.id)
        if q.annex is None or answer is None:
            continue
        markers = call.spec(q.annex).markers
        for index, (page, text) in enumerate(answer.lines):
            if (
                text.rstrip().endswith(":")
                and len(answer.lines) - index - 1 >= 2
                and any(m.pattern.search(fold(text)) for m in markers)
            ):
                found.append(Found(q.annex, text.strip(), page))
                break
    return tuple(found)


_CARRIER = re.compile(r"structure (?:de )?port(?:age|euse)[^:\n]{0,40}:\s*([^\n]{3,100})", re.I)


def carrier(document: Document) -> Sender | None:
    """The structure the dossier names as its "structure de portage"."""
    for page, text in document.page_texts():
        if match := _CARRIER.search(text):
            return identify([(page, match.group(1).strip())])
    return None
