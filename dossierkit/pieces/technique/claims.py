"""What the answers say of the call's other rules: the roadmap engaged, the analysis of the
territory's digital places, the carrier's designation, an already aided place's new functions
and the justification of its new request, an outsourced animation's reason, excluded places,
the places of a réseau, the plan's years, the sustainability after the aid, the contact.

Every reading goes through ``statements.stance``: "aucune feuille de route", "pas encore
engagée", "n'est pas un télécentre", "mêmes fonctions" never count as the fact they deny, and
a hedge ("pourrait", "reste à désigner") leaves the fact open. The words are those of
``cues.yaml``; the rules' values (schemes, excluded places) those of the call.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from dossierkit.call import Call
from dossierkit.pieces.budget.words import ORDINAL_WORDS, YEAR
from dossierkit.pieces.technique.cues import cues, tolerant
from dossierkit.pieces.technique.model import Answer, Found, Line, Place
from dossierkit.pieces.technique.statements import (
    Matcher,
    Reader,
    Stance,
    clauses,
    folded_clause,
    mention_stance,
    said,
    sentences,
    stance,
)
from dossierkit.pieces.technique.words import Phrases, any_of
from dossierkit.text import fold

# The intercommunalité, as the answer about the carrier's legitimacy names it.
_EPCI_WORDS = tolerant(
    (
        "intercommunalit*",
        "communauté de communes",
        "communauté d'agglomération",
        "communauté urbaine",
        "conseil communautaire",
        "métropole",
        "EPCI!",
        "CC!",
        "CA!",
        "CU!",
    )
)
# A place and its description in a list of places: "Médiathèque de Corbie : médiation".
_ITEM = re.compile(
    r"^\s*(?:[•\uf0b7▪◦*\-–—]\s*|\d{1,2}[.)]\s*)?(?P<name>[^:–—(]{3,80}?)\s*(?:[:–—(]|\s-\s)\s*(?P<rest>.+)$"
)
# The animation named outside its answer, to find the reason given for its outsourcing.
_ANIMATION = tolerant(("animat*", "animer"))
_JUSTIFY = tolerant(("justifi*",))
# What puts a justification off, anywhere in its clause.
_PUT_OFF = tolerant(
    ("ultérieur*", "plus tard", "à venir!", "suivra!", "prochainement", "dans un second temps")
)
# The new request of an already aided place, as a sentence outside the answer about prior aid
# names it; in that answer any word of the request is about it ("notre demande", "sollicitons").
_NEW_REQUEST = tolerant(
    ("nouvelle demande", "nouvelle aide", "nouveau soutien", "nouvelle sollicitation")
)
_REQUEST = tolerant(("demande", "demandons!", "sollicit*", "nouvelle aide", "nouveau soutien"))
# The PEL report as a sentence outside the answer about prior aid names it.
_PEL_REPORT = tolerant(("rapport de préconisations", "mesure d'accompagnement PEL"))
# The evolution of an already aided place in other words than its novelty: it changes, grows,
# moves, opens or creates something (AID-7: « si ces lieux évoluent »).
_EVOLUTION = tolerant(
    (
        "évolu*",
        "transform*",
        "agrandi*",
        "agrandissement",
        "extension",
        "s'étend*",
        "nouveaux locaux",
        "nouveaux espaces",
        "nouvel espace",
        "nouveaux publics",
        "devient!",
        "deviendra!",
        "ouverture d'un!",
        "ouverture d'une!",
        "ouvrir un!",
        "ouvrira un!",
        "ouvrir une!",
        "ouvrira une!",
        "création d'un!",
        "création d'une!",
        "créer un!",
        "créera un!",
        "créer une!",
        "créera une!",
    )
)
_BULLET = re.compile(r"^\s*[•\uf0b7▪◦*\-–—]\s")
_ORDINAL = re.compile(
    r"\b(?:annee|an) (?P<n>[1-9])\b|\b(?P<word>premiere|deuxieme|seconde|troisieme|quatrieme"
    r"|cinquieme) annee\b|\bn ?\+ ?(?P<plus>[0-9])\b"
)
_CIVILITY_NAME = re.compile(
    r"\b(?:M\.|MM\.|Mr\.?|Mme|Mlle|Monsieur|Madame)\s+"
    r"(?P<name>[A-ZÀ-ÖØ-Þ][\w'’-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w'’-]*){0,3})"
)
_TWO_CAPITALS = re.compile(
    r"\b(?P<name>[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+(?:-[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+)?\s+[A-ZÀ-ÖØ-Þ][\w'’-]+)"
)
# A sentence that opens on a place of the réseau: "La médiathèque de Frévent accueillera…",
# "À la Maison des services d'Auxi-le-Château, nous…", "Enfin, le foyer rural de Pernes…".
# The name runs to the verb or the punctuation that follows it.
_PLACE_NOUNS = (
    "médiathèque|mediatheque|bibliothèque|bibliotheque|maison|centre|espace|foyer|tiers-lieu"
    "|mairie|salle|atelier|point|lycée|lycee|collège|college|pôle|pole|relais|café|cafe|ferme"
    "|halle|local|antenne|fabrique|cyber-base|cyberbase|france services"
)
_PLACE = re.compile(
    r"^(?:(?:enfin|ensuite|puis|de plus|par ailleurs|d['’]abord|quant)\s*,?\s*)?"
    r"(?:(?:à|a|au|aux|dans|chez)\s+)?(?P<article>(?:la|le|les|l['’])\s*)?"
    rf"(?P<name>(?:{_PLACE_NOUNS})\b[^,;:.()]{{0,60}}?)"
    r"(?=\s*[,;:(]|\s+(?:accueill|propos|offr|ouvr|ser[ao]|est\b|abrit|héberg|heberg|devien"
    r"|dispos|mettr|met\b|permet|assur|pourr|tiendr|garder|rest|compl[eè]t|recev|reç)|$)",
    re.IGNORECASE,
)
# A sentence that speaks again of the place just described.
_POINTS_BACK = re.compile(
    r"\b(?:y|elle|il|ce lieu|cet espace|ce site|celle ci|celui ci|ses locaux|sur place)\b"
)
_REACH = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+|\b0\d(?:[ .]?\d\d){4}\b")


def _cue(name: str) -> Phrases:
    return cues().fact(name)


def _mentions(lines: Iterable[Line], pattern: Matcher) -> list[Line]:
    return [s for s in lines if pattern.search(fold(s[1]))]


def _scope(reader: Reader, fact: str, pattern: Matcher) -> list[Line]:
    """The answers that ask for ``fact``, then the other sentences that mention ``pattern``."""
    asked = reader.asked(fact)
    return list(dict.fromkeys(asked + _mentions(reader.body, pattern)))


def _starts_with(sentence: str, pattern: Matcher) -> bool:
    match = pattern.search(fold(sentence))
    return match is not None and match.start() == 0


def roadmap(reader: Reader) -> Found | None:
    """Where the territory's roadmap stands, as the answer about it (then any sentence that
    names it) says: voted, being prepared, planned or hedged, not voted, or absent."""
    mention = _cue("roadmap")
    asked = set(reader.by_question.get("TER-3", []))
    states: dict[str, Found] = {}
    for page, sentence in _scope(reader, "roadmap", mention):
        about = stance(sentence, mention)
        if about is None and (page, sentence) not in asked:
            continue
        # « n'est engagée ni prévue » denies the plan as well as the work: only a plan said
        # is one.
        later = stance(sentence, _cue("later")) is Stance.SAID
        preparing = stance(sentence, _cue("roadmap_preparing"))
        voted = stance(sentence, _cue("roadmap_voted"))
        if voted is Stance.SAID:
            # "sera votée en juin": it is being prepared.
            state = "en_elaboration" if later else "votee"
        elif preparing is Stance.SAID:
            state = "en_elaboration"
        elif later or preparing is Stance.HEDGED or about is Stance.HEDGED:
            state = "envisagee"
        elif (
            preparing is Stance.DENIED
            or about is Stance.DENIED
            or ((page, sentence) in asked and _starts_with(sentence, _cue("answer_no")))
        ):
            state = "absente"
        elif voted is Stance.DENIED:
            state = "non_votee"
        else:
            continue
        states.setdefault(state, Found(state, sentence, page))
    for state in ("votee", "en_elaboration", "envisagee", "absente", "non_votee"):
        if state in states:
            return states[state]
    return None


def places_analysis(reader: Reader) -> Found | None:
    """Whether the document analyses the territory's digital places: a sentence that speaks of
    the places and how they work or what the project does with them; "a_venir" when it is to
    be made; False when the document says none was made."""
    places, analysis = _cue("places"), _cue("places_analysis")
    later: Found | None = None
    denied: Found | None = None
    for page, sentence in _mentions(reader.body, places):
        about = stance(sentence, places)
        studied = stance(sentence, analysis)
        if about is Stance.DENIED and studied is None:
            # "Il n'existe aucun autre lieu numérique sur le territoire": that is its analysis.
            return Found(True, sentence, page)
        if studied is Stance.DENIED:
            denied = denied or Found(False, sentence, page)
        elif studied is not None and (
            studied is Stance.HEDGED or _cue("later").search(fold(sentence))
        ):
            later = later or Found("a_venir", sentence, page)
        elif studied is Stance.SAID and about is Stance.SAID:
            return Found(True, sentence, page)
    return later or denied


def designation(reader: Reader) -> tuple[Found | None, Found | None]:
    """(the carrier's designation by the intercommunalité described or denied, a sentence
    saying the act of designation is joined)."""
    strong, weak = _cue("designation"), _cue("designation_answer")
    described = joined = None
    asked = set(reader.asked("designation"))
    for page, sentence in _scope(reader, "designation", strong):
        in_answer = (page, sentence) in asked
        if not in_answer and not _EPCI_WORDS.search(fold(sentence)):
            continue
        said_here = stance(sentence, strong)
        if in_answer and said_here is not Stance.SAID:
            said_here = stance(sentence, weak) or said_here
        if said_here is Stance.SAID:
            described = described or Found(True, sentence, page)
            if joined is None and said(sentence, _cue("joined")):
                joined = Found(True, sentence, page)
        elif said_here is Stance.DENIED and described is None:
            described = Found(False, sentence, page)
    return described, joined


def _functions_said(sentence: str, call: Call) -> list[str]:
    """The call's functions ``sentence`` says (denied or hedged ones left out)."""
    found = []
    for fid, regexes in call.function_patterns.items():
        pattern = any_of(call.lexicon.functions.get(fid, ()), regexes)
        if pattern is not None and said(sentence, pattern):
            found.append(fid)
    return found


def _about_change(reader: Reader) -> list[Line]:
    """The sentences about prior aid and what changed since: the answer about prior aid, then
    the sentences that speak of novelty or of the same functions."""
    changes = _mentions(reader.body, _cue("novelty")) + _mentions(
        reader.body, _cue("same_functions")
    )
    return list(dict.fromkeys(reader.asked("prior_aid") + changes))


def _evolution(sentence: str, in_answer: bool) -> Stance | None:
    """How ``sentence`` speaks of the place's evolution: its novelty ("s'enrichit", "nouvelles
    fonctions") anywhere, and in the answer about prior aid also its change in other words
    ("le lieu évolue", "l'ouverture d'un fablab"). Said if one says it, else hedged or denied."""
    found = [stance(sentence, _cue("novelty"))]
    if in_answer:
        found.append(stance(sentence, _EVOLUTION))
    for wanted in (Stance.SAID, Stance.HEDGED, Stance.DENIED):
        if wanted in found:
            return wanted
    return None


def _new_functions(reader: Reader, call: Call) -> Found | None:
    """The new functions of an already aided place: the call's functions named in a sentence
    that says its evolution, "" for an evolution said without a function named, "memes" when
    the document says the functions stay the same or denies any novelty ("aucune nouvelle
    fonction", "le lieu n'évolue pas")."""
    asked = set(reader.asked("prior_aid"))
    named = vague = unchanged = None
    for page, sentence in _about_change(reader):
        evolution = _evolution(sentence, (page, sentence) in asked)
        if said(sentence, _cue("same_functions")) or evolution is Stance.DENIED:
            unchanged = unchanged or Found("memes", sentence, page)
        elif evolution is Stance.SAID:
            functions = _functions_said(sentence, call)
            if functions:
                named = named or Found(",".join(functions), sentence, page)
            else:
                vague = vague or Found("", sentence, page)
    return named or vague or unchanged


def _request_justified(reader: Reader, call: Call, evolved: bool) -> Found | None:
    """A sentence that justifies the new request of an already aided place by its evolution,
    as the call wants it (« si ces lieux évoluent et s'enrichissent de nouvelles
    fonctionnalités »): one that says the evolution and ties it to the request or gives it as
    a reason ("Cette nouvelle demande porte sur l'ouverture d'un fablab", "le lieu s'enrichit
    d'un fablab, ce qui justifie…"), or one about the request that gives a reason when the
    document says the evolution elsewhere (``evolved``: "Cette évolution justifie notre
    demande"). Read in the answer about prior aid, then in the sentences that name the new
    request. A reason without an evolution (« car le matériel est usé »), an evolution denied
    (« aucune nouvelle fonction »), and a sentence that withholds the justification (« sans
    justification », « nous ne pouvons pas justifier », « à justifier ultérieurement ») never
    count."""
    asked = reader.asked("prior_aid")
    in_answer = set(asked)
    others = [s for s in reader.body if s not in in_answer and _NEW_REQUEST.search(fold(s[1]))]
    for page, sentence in [*asked, *others]:
        if _withholds_justification(sentence):
            continue
        folded = fold(sentence)
        about_request = (_REQUEST if (page, sentence) in in_answer else _NEW_REQUEST).search(
            folded
        ) is not None
        reason = _gives_request_reason(sentence)
        evolution = _evolution(sentence, (page, sentence) in in_answer) is Stance.SAID or (
            about_request and bool(_functions_said(sentence, call))
        )
        if (evolution and (about_request or reason)) or (about_request and reason and evolved):
            return Found(True, sentence, page)
    return None


def _gives_request_reason(sentence: str) -> bool:
    """True when ``sentence`` gives a reason ("justifie", "car", "afin de", "en raison de"),
    neither denied nor left open by what comes before the word that announces it."""
    return _announces(sentence, _cue("justification"))


def _announces(sentence: str, because: Phrases) -> bool:
    """True when a word of ``because`` in ``sentence`` announces a reason: neither denied nor
    left open by what comes before it (what follows is the reason, negative or not)."""
    for part in clauses(sentence):
        folded = folded_clause(part)
        for match in because.finditer(folded):
            if mention_stance(folded, match, None, end=match.end()) is Stance.SAID:
                return True
    return False


def prior_aid_follow_up(
    reader: Reader, call: Call
) -> tuple[Found | None, Found | None, Found | None]:
    """(the new functions of an already aided place, the sentence that justifies its new
    request by its evolution, the PEL report said to be joined)."""
    functions = _new_functions(reader, call)
    evolved = functions is not None and functions.value != "memes"
    justified = _request_justified(reader, call, evolved)
    report = None
    # Outside the answer about prior aid, only the report named in full is this one (« les
    # préconisations du schéma départemental » are not).
    asked = reader.asked("prior_aid")
    others = [s for s in reader.body if s not in asked and _PEL_REPORT.search(fold(s[1]))]
    for page, sentence in [*asked, *others]:
        if said(sentence, _cue("pel_report")) and said(sentence, _cue("joined")):
            report = Found(True, sentence, page)
            break
    return functions, justified, report


def animation_justified(reader: Reader) -> Found | None:
    """A sentence about the outsourcing of the animation that gives a reason for it: in the
    answer about the animation, one that names the outsourcing ("confiée à un prestataire")
    or points back to it ("Ce choix s'explique…"); elsewhere, one that names both the
    animation and its outsourcing. A reason is a cause or a purpose ("car", "faute de",
    "afin de"), the provider's know-how ("expertise", "compétences"), or what the carrier
    lacks ("nous n'avons pas de personnel qualifié"). A sentence that withholds the
    justification ("sans justification", "nous ne pouvons pas justifier", "à justifier
    ultérieurement") never counts, whatever else it says."""
    outsourcing, back = _cue("outsourcing"), _cue("outsourcing_back")
    asked = reader.asked("animation")
    in_answer = set(asked)
    others = [s for s in reader.body if s not in in_answer and _ANIMATION.search(fold(s[1]))]
    for page, sentence in [*asked, *others]:
        folded = fold(sentence)
        points_back = (page, sentence) in in_answer and back.search(folded) is not None
        if not (outsourcing.search(folded) or points_back):
            continue
        if _withholds_justification(sentence):
            continue
        if _gives_reason(sentence):
            return Found(True, sentence, page)
    return None


def _gives_reason(sentence: str) -> bool:
    """True when ``sentence`` gives a reason: a word that announces a cause or a purpose
    ("car", "faute de", "afin de"), neither denied nor left open by what comes before it (what
    follows is the reason, negative or not: "car nous n'avons pas d'animateur"); a know-how
    it affirms ("l'expertise de la coopérative"); or what the carrier lacks ("pas de
    personnel", "ne disposons pas")."""
    if said(sentence, _cue("outsourcing_reason")) or said(sentence, _cue("outsourcing_lack")):
        return True
    return _announces(sentence, _cue("outsourcing_because"))


def _withholds_justification(sentence: str) -> bool:
    """True when ``sentence`` denies, leaves open or puts off the justification: "aucune
    justification", "nous ne pouvons pas justifier", "à justifier ultérieurement",
    "justification à venir", "la justification de ce choix sera apportée plus tard"."""
    if _cue("justification_pending").search(fold(sentence)):
        return True
    # "La justification de cette nouvelle demande sera apportée ultérieurement": the words
    # between the justification and its putting off are not those of the cue.
    if any(
        _JUSTIFY.search(folded) and _PUT_OFF.search(folded)
        for folded in map(folded_clause, clauses(sentence))
    ):
        return True
    return stance(sentence, _JUSTIFY) in (Stance.DENIED, Stance.HEDGED)


def excluded_places(reader: Reader, call: Call) -> tuple[tuple[Found, ...], tuple[Found, ...]]:
    """(places the call excludes that the document says the project is, those it leaves
    open), one per kind of place."""
    said_found: list[Found] = []
    hedged: list[Found] = []
    for place in call.excluded_places:
        words = cues().excluded.get(place) or any_of((place,))
        if words is None:
            continue
        first: dict[Stance, Found] = {}
        for page, sentence in _mentions(reader.body, words):
            found = stance(sentence, words)
            if found in (Stance.SAID, Stance.HEDGED):
                first.setdefault(found, Found(place, sentence, page))
        if Stance.SAID in first:
            said_found.append(first[Stance.SAID])
        elif Stance.HEDGED in first:
            hedged.append(first[Stance.HEDGED])
    return tuple(said_found), tuple(hedged)


def _list_items(answer: Answer) -> tuple[list[Line], list[Line]]:
    """(the items of the lists ``answer`` introduces with a line ending in ":", the other
    lines: its prose). In a bulleted list of a PDF, a line without a bullet continues the item
    above it (a long item wraps)."""
    items: list[Line] = []
    prose: list[Line] = []
    listing = False
    lines = [(page, text) for page, text in answer.lines if text.strip()]
    bulleted = any(_BULLET.match(text) for _, text in lines)
    for page, text in lines:
        if text.rstrip().endswith(":"):
            listing = True
        elif listing and bulleted and items and not _BULLET.match(text):
            items[-1] = (items[-1][0], f"{items[-1][1]} {text.strip()}")
        elif listing:
            items.append((page, text))
        else:
            prose.append((page, text))
    return items, prose


def _prose_places(prose: list[Line], call: Call) -> list[Place]:
    """The places a prose answer describes, one sentence after the other: a sentence that
    opens on a place ("La médiathèque de Frévent proposera…", "À la Maison des services
    d'Auxi-le-Château, nous tiendrons…") describes it; one that points back to it ("elle
    offrira aussi…", "nous n'y proposerons pas de coworking") adds the functions it says and
    takes off those it denies; any other sentence ends the place's description. A place
    with no function said is not counted: the sentence only speaks of it."""
    places: dict[str, Place] = {}
    current: str | None = None
    for page, sentence in sentences(prose, any(p is not None for p, _ in prose)):
        opening = _PLACE.match(sentence)
        if opening is not None:
            name = _place_name(opening)
            current = fold(name)
            known = places.get(current)
            functions = [*(known.functions if known else ()), *_functions_said(sentence, call)]
            places[current] = Place(
                known.name if known else name,
                tuple(dict.fromkeys(functions)),
                known.line if known else sentence,
                known.page if known else page,
            )
        elif current is not None and _POINTS_BACK.search(fold(sentence)):
            place = places[current]
            denied = set(_functions_denied(sentence, call))
            functions = [f for f in place.functions if f not in denied]
            functions += _functions_said(sentence, call)
            places[current] = Place(
                place.name, tuple(dict.fromkeys(functions)), place.line, place.page
            )
        else:
            current = None
    return [p for p in places.values() if p.functions]


def _place_name(opening: re.Match[str]) -> str:
    """The place as the sentence names it, its article kept only before a capital ("La
    Fabrique", "médiathèque de Frévent")."""
    name = opening.group("name").strip()
    article = opening.group("article")
    if article and name[:1].isupper():
        joint = "" if article.rstrip().endswith(("’", "'")) else " "
        return f"{article.strip().capitalize()}{joint}{name}"
    return name[:1].upper() + name[1:]


def _functions_denied(sentence: str, call: Call) -> list[str]:
    """The call's functions ``sentence`` denies ("nous n'y proposerons pas de coworking")."""
    found = []
    for fid, regexes in call.function_patterns.items():
        pattern = any_of(call.lexicon.functions.get(fid, ()), regexes)
        if pattern is not None and stance(sentence, pattern) is Stance.DENIED:
            found.append(fid)
    return found


def network_places(reader: Reader, call: Call) -> tuple[Place, ...]:
    """The places of the réseau that the answer about it describes, with the functions it
    names: the items of its list of places, and the places its prose describes."""
    answer = reader.answers.get("NAT-3")
    if answer is None:
        return ()
    items, prose = _list_items(answer)
    places = []
    for page, line in items:
        match = _ITEM.match(line)
        if match is None:
            continue
        places.append(
            Place(
                match.group("name").strip(),
                tuple(_functions_said(match.group("rest"), call)),
                line.strip(),
                page,
            )
        )
    listed = {fold(p.name) for p in places}
    places += [p for p in _prose_places(prose, call) if fold(p.name) not in listed]
    return tuple(places)


def plan_years(reader: Reader) -> tuple[str, ...]:
    """The years of the action plan its answer names: calendar years, or "année 2",
    "troisième année", "N+1" (counted from year 1)."""
    text = " ".join(sentence for _, sentence in reader.asked("plan"))
    years = sorted(set(YEAR.findall(text)))
    ordinals: set[int] = set()
    for match in _ORDINAL.finditer(fold(text)):
        if match.group("n"):
            ordinals.add(int(match.group("n")))
        elif match.group("word"):
            ordinals.add(ORDINAL_WORDS[match.group("word")])
        else:
            ordinals.add(int(match.group("plus")) + 1)
    named = [f"annee {n}" for n in sorted(ordinals)]
    return tuple(years) if len(years) >= len(named) else tuple(named)


def sustainability(reader: Reader) -> Found | None:
    """How the answer about sustainability deals with the decreasing aid: "renouvellement" when
    it counts on the Région's aid again, "abordee" when it names how the place is financed
    after, "indecise" when it leaves it open, "non_abordee" when it says nothing of it."""
    asked = reader.asked("sustainability")
    if not asked or not reader.answered("sustainability"):
        return None
    addressed = undecided = None
    for page, sentence in asked:
        if said(sentence, _cue("renewal")):
            return Found("renouvellement", sentence, page)
        if said(sentence, _cue("undecided")):
            undecided = undecided or Found("indecise", sentence, page)
        elif addressed is None:
            how = stance(sentence, _cue("sustainability"))
            if how is Stance.SAID:
                addressed = Found("abordee", sentence, page)
            elif how is Stance.HEDGED:
                undecided = undecided or Found("indecise", sentence, page)
    return addressed or undecided or Found("non_abordee", asked[0][1], asked[0][0])


def _named(text: str) -> str | bool | None:
    """The first person's name in ``text`` (a PDF's table row runs on into the next ones:
    "Interlocuteur projet Karim Benali … Élu référent Mme Sophie Lehner"), True for an e-mail
    or a phone number alone."""
    found = [m for pattern in (_CIVILITY_NAME, _TWO_CAPITALS) if (m := pattern.search(text))]
    if found:
        return min(found, key=lambda m: m.start()).group("name")
    return True if _REACH.search(text) else None


def contact(reader: Reader) -> Found | None:
    """The contact person on the project: the sentence that names them (their name, or True
    for an e-mail or a phone), False when it says there is none yet."""
    words = _cue("contact")
    none_yet = None
    for page, sentence in _scope(reader, "contact", words):
        found = stance(sentence, words)
        if found is Stance.SAID:
            match = words.search(fold(sentence))
            assert match is not None
            # The name follows the word "interlocuteur": folding keeps about the length of a
            # text, near enough to read the original from a little before that word.
            name = _named(sentence[max(0, match.start() - 3) :]) or _named(sentence)
            if name is not None:
                return Found(name, sentence, page)
        elif found is not None:
            none_yet = none_yet or Found(False, sentence, page)
    return none_yet
