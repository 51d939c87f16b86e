"""The call's other rules, as the answers of the dossier technique show them: the roadmap
engaged, the analysis of the territory's digital places, the carrier's designation, an
already aided place's new functions and the PEL report, an outsourced animation's reason,
excluded places, the places of a réseau, the plan over its years, the sustainability after
the aid, the contact person.

The facts are read by ``pieces/technique/claims.py``, negations and hedges included ("aucune
feuille de route", "ce n'est pas un télécentre"); the rules' values (former schemes, the
versant sud's départements, excluded places, the plan's years, the functions' minimum) come
from the call. Each check is an error only where the call says "devra" or "doit" and the
answer shows the breach plainly; elsewhere a warning, for the instructor to judge.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from dossierkit.checks.base import Check, doubt
from dossierkit.checks.technique import PIECE, _page, _quote, _technique
from dossierkit.dossier import Dossier, DossierFile
from dossierkit.epci import Epci, lookup
from dossierkit.findings import Finding, Severity
from dossierkit.names import near_structure, same_structure
from dossierkit.pieces import designation
from dossierkit.pieces.designation import DesignationFacts
from dossierkit.pieces.technique import ASKED_IN, TechniqueFacts
from dossierkit.text import designate, fold


def _epci(dossier: Dossier) -> Epci | None:
    """The dossier's intercommunalité: the one it declares or names, else by its SIREN."""
    for fact in ("intercommunalite.name", "intercommunalite.siren"):
        value = dossier.fact(fact)
        if value and (found := lookup(str(value))) is not None:
            return found
    return None


def _departement(epci: Epci) -> str | None:
    """The département most of the EPCI's communes belong to."""
    counts = Counter(code[:2] for code in epci.commune_codes)
    return counts.most_common(1)[0][0] if counts else None


def _former_aid(technique: TechniqueFacts, dossier: Dossier) -> list[str]:
    """The call's former schemes the dossier technique says the place was aided by."""
    prior = technique.prior_aid
    if prior is None or not isinstance(prior.value, str) or prior.value == "none":
        return []
    schemes = {s.upper(): s for s in dossier.call.former_schemes}
    return [schemes[d] for d in prior.value.split(",") if d in schemes]


def _piece(dossier: Dossier, kind: str) -> str:
    """The annex ``kind`` when the call has it, else the dossier technique."""
    return kind if any(a.kind == kind for a in dossier.call.annexes) else PIECE


class RoadmapNotEngaged(Check):
    """La feuille de route numérique du territoire n'est ni votée ni en élaboration.

    L'appel (Cohérence territoriale) : « L'inscription dans la feuille de route numérique du
    territoire intercommunal n'est pas critère de rejet (tous les territoires n'en sont pas
    dotés), mais reste une cible souhaitable. L'élaboration de la feuille de route devra donc a
    minima être engagée. » Une réponse qui dit qu'il n'y en a pas et que son élaboration n'est
    pas engagée (« aucune feuille de route », « pas encore », « ni l'un ni l'autre ») est une
    erreur ; une élaboration seulement envisagée ou prévue (« sera lancée en 2027 »), ou une
    feuille de route dite non votée sans un mot de son élaboration, un avertissement.
    Correction : dites où en est l'élaboration de la feuille de route (délibération qui la
    lance, travaux en cours).
    """

    code = "T011"
    name = "feuille-de-route-non-engagee"
    severity = Severity.WARNING
    message = {
        "fr": "« {file_name} » : {problem} ({quote}). L'appel dit : « L'élaboration de la feuille de route devra donc a minima être engagée. » Dites en réponse à la question {question} où en est son élaboration.",
        "en": '"{file_name}": {problem} ({quote}). The call says the roadmap\'s preparation must at least be under way. State in answer to question {question} where its preparation stands.',
    }

    _PROBLEMS = {
        "absente": (
            "la feuille de route numérique n'est ni votée ni en élaboration",
            "the digital roadmap is neither voted nor being prepared",
        ),
        "envisagee": (
            "l'élaboration de la feuille de route numérique n'est qu'envisagée ou prévue",
            "the preparation of the digital roadmap is only considered or planned",
        ),
        "non_votee": (
            "la feuille de route numérique n'est pas votée, et rien ne dit que son élaboration "
            "est engagée",
            "the digital roadmap is not voted, and nothing says its preparation is under way",
        ),
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        technique = _technique(dossier)
        if technique is None or technique.roadmap is None:
            return
        state = str(technique.roadmap.value)
        if state not in self._PROBLEMS:
            return
        problem = self._PROBLEMS[state]
        yield self.finding(
            piece=PIECE,
            file=technique.file,
            page=technique.roadmap.page,
            file_name=technique.file,
            question=ASKED_IN["roadmap"][0],
            severity=Severity.ERROR if state == "absente" else None,
            problem=problem[0],
            problem_en=problem[1],
            quote=_quote(technique.roadmap),
        )


class PlacesAnalysisMissing(Check):
    """Le dossier ne présente pas d'analyse des lieux dédiés au numérique du territoire.

    L'appel (Cohérence territoriale) : « Les demandes devront être assorties d'une analyse du
    fonctionnement de l'ensemble des lieux dédiés au numérique du territoire concerné. » Le
    dossier technique est lu pour une phrase qui parle des lieux numériques du territoire
    (médiathèques, espaces publics numériques, France Services, autres tiers-lieux…) et de leur
    fonctionnement ou de ce que le projet fera avec eux. Avertissement quand il n'y en a pas, ou
    que l'analyse est seulement à venir : l'instructeur jugera de sa suffisance ; erreur quand
    le dossier dit qu'aucune analyse n'a été faite. Correction : décrivez les lieux numériques
    du territoire, leur fonctionnement, et la place du projet parmi eux.
    """

    code = "T012"
    name = "analyse-des-lieux-absente"
    severity = Severity.WARNING
    message = {
        "fr": "« {file_name} » : {problem}. L'appel dit : « Les demandes devront être assorties d'une analyse du fonctionnement de l'ensemble des lieux dédiés au numérique du territoire concerné. » Joignez-la, ou décrivez ces lieux et leur fonctionnement en réponse à la question {question}.",
        "en": '"{file_name}": {problem}. The call says requests must come with an analysis of how all the digital places of the territory work. Join it, or describe these places and how they work in answer to question {question}.',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        technique = _technique(dossier)
        if technique is None:
            return
        found = technique.places_analysis
        if found is not None and found.value is True:
            return
        if found is None:
            problem = (
                "aucune analyse des lieux dédiés au numérique du territoire n'a été trouvée",
                "no analysis of the territory's digital places was found",
            )
        elif found.value is False:
            problem = (
                f"le dossier dit qu'aucune analyse des lieux numériques du territoire n'a été "
                f"faite ({_quote(found)})",
                f"the file says no analysis of the territory's digital places was made "
                f"({_quote(found)})",
            )
        else:
            problem = (
                f"l'analyse des lieux numériques du territoire reste à faire ({_quote(found)})",
                f"the analysis of the territory's digital places is still to be made "
                f"({_quote(found)})",
            )
        yield self.finding(
            piece=PIECE,
            file=technique.file,
            page=found.page if found else _page(technique, "places_analysis"),
            file_name=technique.file,
            question=ASKED_IN["places_analysis"][0],
            severity=Severity.ERROR if found is not None and found.value is False else None,
            problem=problem[0],
            problem_en=problem[1],
        )


@dataclass(frozen=True)
class _Act:
    """An act joined as the designation (or a délibération), as its parser read it."""

    unit: DossierFile
    facts: DesignationFacts


def _acts(dossier: Dossier) -> list[_Act]:
    """The files (or units of files) taken for the designation or a délibération, and the
    letters of the intercommunalité beside the request letter, read.

    The intercommunalité's acts are annexes: verify gives the piece parsers only the pieces
    and the minutes, so they are read here, from the documents already read. Its président's
    letter (« Madame la Présidente, … », « salutations ») has the form of a courrier and is
    classified so, as another version of the request letter: it is read too when its
    heading is the intercommunalité's."""
    annexes = dossier.annex_files()
    acts = [
        _Act(unit, designation.parse(unit.document, unit.rel))
        for kind in ("designation", "deliberation")
        for unit in annexes.get(kind, [])
        if unit.document is not None
    ]
    request = dossier.parsed.courrier.file if dossier.parsed.courrier is not None else None
    letters = (
        _Act(unit, designation.parse(unit.document, unit.rel))
        for unit in dossier.units
        if unit.kind == "courrier" and unit.rel != request and unit.document is not None
    )
    return acts + [act for act in letters if act.facts.body_kind == "intercommunalite"]


# Words of a structure's name that say its legal form, not which one it is: « le PETR Ternois
# Sept Vallées » of the délibération is the « Pôle d'équilibre territorial et rural Ternois
# Sept Vallées » of its letterhead, « la SCIC La Fabrique coopérative » « La Fabrique
# coopérative – SCIC SAS ».
_FORM_WORDS = frozenset(
    {"association", "asso", "scic", "sas", "sa", "spl", "sem", "epic", "gip", "petr", "sarl"}
    | {"l", "d", "de", "du", "des", "la", "le", "les", "et"}
)


def _same_structure(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` name one structure: the same words (``names.same_structure``),
    or the words of one (its legal form aside) all in the other."""
    if same_structure(a, b):
        return True
    words_a, words_b = set(fold(a).split()) - _FORM_WORDS, set(fold(b).split()) - _FORM_WORDS
    if min(len(words_a), len(words_b)) < 2 and words_a != words_b:
        return False
    return bool(words_a and words_b) and (words_a <= words_b or words_b <= words_a)


def _acronym_of(short: str, name: str) -> bool:
    """Whether ``short`` (its legal form aside) is the acronym of ``name``: « l'association
    FLT » for the « Fab'Lab du Ternois », the initials of its words but the articles."""
    words = [w for w in fold(short).split() if w not in _FORM_WORDS]
    initials = "".join(w[0] for w in fold(name).split() if w not in _FORM_WORDS)
    return len(words) == 1 and len(initials) >= 2 and words[0] == initials


_ACT_NOUNS = {
    "deliberation": ("cette délibération", "this decision"),
    "arrete": ("cet arrêté", "this order"),
    "decision": ("cette décision", "this decision"),
    "courrier": ("ce courrier", "this letter"),
}


def _act_noun(act: DesignationFacts) -> tuple[str, str]:
    """« cette délibération de la communauté de communes du Ternois », in both languages."""
    fr, en = _ACT_NOUNS.get(act.form or "", ("cet acte", "this act"))
    if act.body is not None:
        fr += " " + designate(act.body.value, act.body_kind or "autre").of
        en += f" of {act.body.value}"
    return fr, en


@dataclass(frozen=True)
class _Problem:
    """What is wrong with one act as the applicant's designation."""

    act: _Act
    severity: Severity
    fr: str
    en: str
    page: int | None
    doubtful: tuple[float, int | None] | None = None


def _judged(act: _Act, applicant: str | None, own: Epci | None) -> _Problem | None:
    """The problem of ``act``, an act that designates, supports or speaks of the project, as
    the designation of ``applicant`` by ``own`` (the dossier's intercommunalité); None when it
    is that designation."""
    facts = act.facts
    noun, noun_en = _act_noun(facts)
    page = facts.body.page if facts.body is not None else None
    if not facts.readable:
        return _Problem(
            act,
            Severity.WARNING,
            "rien n'a pu y être lu (numérisation illisible) : impossible de savoir quelle "
            "structure l'intercommunalité y désigne",
            "nothing could be read from it (unreadable scan): which structure the "
            "intercommunality designates there cannot be known",
            None,
        )
    if own is not None and facts.epci is not None and facts.epci != own.siren:
        return _Problem(
            act,
            Severity.ERROR,
            f"{noun} n'est pas un acte {designate(own.full_name, 'intercommunalite').of}, "
            "l'intercommunalité du dossier",
            f"{noun_en} is not an act of {own.full_name}, the dossier's intercommunality",
            page,
        )
    if facts.body_kind == "commune":
        return _Problem(
            act,
            Severity.WARNING,
            f"{noun} est un acte d'une commune, non de l'intercommunalité : l'appel demande "
            "une structure désignée par l'intercommunalité",
            f"{noun_en} is an act of a commune, not of the intercommunality",
            page,
        )
    if facts.designated:
        if applicant is None or any(_same_structure(d.name, applicant) for d in facts.designated):
            return None
        near = next((d for d in facts.designated if near_structure(d.name, applicant)), None)
        short = next((d for d in facts.designated if _acronym_of(d.name, applicant)), None)
        named = near or short or facts.designated[0]
        confidence = (
            act.unit.document.confidence_of(named.page, named.name) if act.unit.document else None
        )
        said = f"« {named.sentence} »"
        if near is not None or short is not None:
            differ = (
                (
                    "les deux noms diffèrent d'une lettre ou d'un espace",
                    "the two names differ by a letter or a space",
                )
                if near is not None
                else ("l'acte la nomme par son sigle", "the act names it by its acronym")
            )
            return _Problem(
                act,
                Severity.WARNING,
                f"{noun} désigne « {named.name} » ({said}) : vérifiez que c'est bien « {applicant} », "
                f"la structure qui demande l'aide ({differ[0]})",
                f'{noun_en} designates "{named.name}" ({said}): check that it is "{applicant}", '
                f"the structure that applies ({differ[1]})",
                named.page,
            )
        return _Problem(
            act,
            Severity.ERROR,
            f"{noun} désigne « {named.name} » ({said}), non « {applicant} », la structure qui "
            "demande l'aide",
            f'{noun_en} designates "{named.name}" ({said}), not "{applicant}", the structure '
            "that applies",
            named.page,
            doubt((confidence, named.page)),
        )
    if facts.supported:
        named = facts.supported[0]
        return _Problem(
            act,
            Severity.WARNING,
            f"{noun} soutient « {named.name} » (« {named.sentence} »), mais ne désigne pas de "
            "structure porteuse : un soutien n'est pas une désignation",
            f'{noun_en} supports "{named.name}" ("{named.sentence}"), but designates no '
            "carrying structure: a support is not a designation",
            named.page,
        )
    subject = facts.subject
    quoted = f" (objet : « {subject.value} »)" if subject is not None else ""
    return _Problem(
        act,
        Severity.WARNING,
        f"{noun}{quoted} ne désigne aucune structure pour porter le projet",
        f"{noun_en} designates no structure to carry the project",
        subject.page if subject is not None else page,
    )


def _relevant(facts: DesignationFacts) -> bool:
    """Whether an act is to be judged as a designation: unreadable (a person must look), or
    it designates or supports a structure, or its object is the project's carrier
    (« tiers-lieu », « portage », « structure porteuse »). Another act (« approbation du compte
    administratif », « tarifs de la piscine ») is no designation."""
    if not facts.readable or facts.designated or facts.supported:
        return True
    subject = fold(facts.subject.value) if facts.subject is not None else ""
    return bool(_PROJECT.search(subject))


_PROJECT = re.compile(r"\b(tiers lieux?|portage|porteu(r|se))\b")


class DesignationMissing(Check):
    """Le porteur n'est pas l'intercommunalité, et sa désignation par elle n'est pas montrée.

    L'appel (Portage, gouvernance) : « Le portage doit être assuré à l'échelle intercommunale
    (par l'intercommunalité ou une structure désignée par elle pour garantir l'articulation avec
    l'écosystème numérique) ». Quand la structure n'est pas l'intercommunalité, sa désignation
    (délibération, arrêté ou décision du président, courrier de l'intercommunalité) doit être
    jointe en annexe ou décrite ; l'acte joint est lu (qui décide, quand, sur quel objet, qui
    il désigne). Erreur quand il désigne une autre structure que celle qui demande l'aide, ou
    qu'il est d'une autre intercommunalité que celle du dossier : la structure n'est pas
    désignée par son intercommunalité, la condition de l'appel n'est pas remplie
    (avertissement quand le nom, lu sur un scan, est douteux ou ne diffère que d'une lettre) ;
    erreur aussi quand le dossier technique dit la structure non désignée. Avertissement
    quand une personne doit juger : l'acte illisible, l'acte d'une commune, un courrier qui
    soutient la candidature sans désigner de structure porteuse (un soutien n'est pas une
    désignation), un acte sur le projet qui ne désigne personne ; et quand la désignation
    n'est ni jointe ni décrite, ou que le dossier technique la dit jointe et qu'aucun fichier
    n'en est une (une délibération sur un autre objet, « approbation du compte
    administratif », n'en est pas une) : la pièce manquante est une preuve promise, que
    l'appel ne range pas parmi les documents à envoyer (comme les annexes de T005).

    Correction : joignez la délibération ou le courrier de l'intercommunalité qui désigne la
    structure.
    """

    code = "T013"
    name = "designation-du-porteur-absente"
    severity = Severity.WARNING
    message = {
        "fr": "« {file_name} » : {problem}. L'appel dit : « Le portage doit être assuré à l'échelle intercommunale (par l'intercommunalité ou une structure désignée par elle […]) ». Joignez la délibération ou le courrier de l'intercommunalité qui désigne la structure (question {question}).",
        "en": '"{file_name}": {problem}. The call says the project must be carried by the intercommunality or a structure it designates. Join the intercommunality\'s decision or letter designating the structure (question {question}).',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        kind = dossier.fact("structure.kind")
        if kind is None or kind == "intercommunalite":
            return
        applicant = dossier.fact("structure.name")
        own = _epci(dossier)
        problems, others = [], []
        for act in _acts(dossier):
            if not _relevant(act.facts):
                others.append(act)  # an act on another object: no designation
                continue
            problem = _judged(act, str(applicant) if applicant else None, own)
            if problem is None:
                return  # the applicant's designation by its intercommunalité
            problems.append(problem)
        for problem in problems:
            yield self.finding(
                piece=_piece(dossier, "designation"),
                file=problem.act.unit.rel,
                page=problem.page,
                file_name=problem.act.unit.rel,
                question=ASKED_IN["designation"][0],
                severity=problem.severity,
                doubtful=problem.doubtful,
                problem=problem.fr,
                problem_en=problem.en,
            )
        if not problems:
            yield from self._by_technique(dossier, others)

    def _by_technique(self, dossier: Dossier, others: list[_Act]) -> Iterator[Finding]:
        """No act joined designates anyone: what the dossier technique says of the
        designation. ``others`` are the acts on other objects, named in the finding."""
        technique = _technique(dossier)
        if technique is None:
            return
        described, joined = technique.designation, technique.designation_joined
        other = others[0] if others else None
        not_it = ""
        not_it_en = ""
        if other is not None:
            subject = other.facts.subject
            about = f" (son objet : « {subject.value} »)" if subject is not None else ""
            not_it = f" ; « {other.unit.rel} » n'en est pas une{about}"
            not_it_en = f'; "{other.unit.rel}" is not one'
        severity = None
        if joined is not None:
            problem = (
                f"le dossier technique dit jointe la désignation de la structure par "
                f"l'intercommunalité ({_quote(joined)}), mais aucun fichier du dossier n'est "
                f"cette délibération ou ce courrier{not_it}",
                f"the technical file says the intercommunality's designation of the structure "
                f"is attached ({_quote(joined)}), but no file of the dossier is that decision "
                f"or letter{not_it_en}",
            )
            page = joined.page
        elif described is not None and described.value is False:
            severity = Severity.ERROR
            problem = (
                f"la structure porteuse n'est pas désignée par l'intercommunalité "
                f"({_quote(described)})",
                f"the carrying structure is not designated by the intercommunality "
                f"({_quote(described)})",
            )
            page = described.page
        elif described is None:
            problem = (
                "la structure porteuse n'est pas l'intercommunalité, et sa désignation par "
                f"celle-ci n'est ni jointe ni décrite{not_it}",
                "the carrying structure is not the intercommunality, and its designation by "
                f"it is neither attached nor described{not_it_en}",
            )
            page = _page(technique, "designation")
        else:
            return
        yield self.finding(
            piece=_piece(dossier, "designation"),
            file=technique.file,
            page=page,
            file_name=technique.file,
            question=ASKED_IN["designation"][0],
            severity=severity,
            problem=problem[0],
            problem_en=problem[1],
        )


class NoNewFunctions(Check):
    """Un lieu déjà aidé par la Région ne dit pas quelles fonctions nouvelles il apporte.

    L'appel (Aides) : « Une aide est possible aux lieux déjà soutenus antérieurement (au titre
    des dispositifs PEL, CRNT ou ECRINS), si ces lieux évoluent et s'enrichissent de nouvelles
    fonctionnalités ». Les dispositifs sont ceux du fichier de l'appel (``former_aid``).
    Erreur quand le dossier dit que le lieu garde les mêmes fonctions ou nie toute nouveauté
    (« aucune nouvelle fonction », « le lieu n'a pas évolué ») ; avertissement quand il ne
    nomme pas les fonctions nouvelles. Correction : nommez les fonctions que le lieu
    ajoute à celles déjà aidées.
    """

    code = "T014"
    name = "lieu-deja-aide-sans-nouvelles-fonctions"
    severity = Severity.WARNING
    message = {
        "fr": "« {file_name} » : le lieu a déjà été aidé au titre de {schemes}, et {problem}. L'appel dit : « {source} » Nommez en réponse à la question {question} les fonctions nouvelles du lieu.",
        "en": '"{file_name}": the place was already aided under {schemes}, and {problem}. The call says: "{source}" Name in answer to question {question} the place\'s new functions.',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        technique = _technique(dossier)
        if technique is None:
            return
        schemes = _former_aid(technique, dossier)
        found = technique.new_functions
        if not schemes or (found is not None and found.value not in ("", "memes")):
            return
        if found is not None and found.value == "memes":
            problem = (
                f"le dossier dit qu'il garde les mêmes fonctions ({_quote(found)})",
                f"the file says it keeps the same functions ({_quote(found)})",
            )
        else:
            problem = (
                "ses fonctions nouvelles ne sont pas nommées",
                "its new functions are not named",
            )
        yield self.finding(
            piece=PIECE,
            file=technique.file,
            page=found.page if found else _page(technique, "prior_aid"),
            file_name=technique.file,
            question=ASKED_IN["prior_aid"][0],
            severity=Severity.ERROR if found is not None else None,
            schemes=", ".join(schemes),
            problem=problem[0],
            problem_en=problem[1],
            source=dossier.call.former_aid_source,
        )


class PelReportMissing(Check):
    """Un lieu déjà aidé du versant sud ne joint pas le rapport de préconisations PEL ni ne
    justifie sa nouvelle demande.

    L'appel (Aides, question) : « Ce lieu (ou réseau) a-t-il déjà bénéficié d'une aide
    régionale ? Pouvez-vous justifier cette nouvelle demande ou – pour le versant sud – fournir
    le rapport de préconisations de la mesure d'accompagnement PEL ? » Le versant sud est donné
    par les départements du fichier de l'appel (``former_aid.pel_report``) ; celui de
    l'intercommunalité se lit dans le référentiel des EPCI. La demande n'est justifiée que par
    une évolution du lieu dite, non niée, comme l'appel la veut (« si ces lieux évoluent et
    s'enrichissent de nouvelles fonctionnalités ») : une raison sans évolution (« car le
    matériel est usé »), « aucune nouvelle fonction », ou une phrase qui refuse ou remet la
    justification (« sans justification », « à justifier ultérieurement ») ne la justifient
    pas. Avertissement : l'appel le demande sous forme de question. Correction : joignez le
    rapport de préconisations, ou dites en quoi le lieu évolue et ce qui justifie la nouvelle
    demande.
    """

    code = "T015"
    name = "rapport-pel-absent"
    severity = Severity.WARNING
    message = {
        "fr": "« {file_name} » : le lieu a déjà été aidé au titre de {schemes} et l'intercommunalité est du versant sud (département {departement}) ; {problem}. L'appel demande de « justifier cette nouvelle demande ou – pour le versant sud – fournir le rapport de préconisations de la mesure d'accompagnement PEL » (question {question}).",
        "en": '"{file_name}": the place was already aided under {schemes} and the intercommunality is in the versant sud (département {departement}); {problem}. The call asks to justify the new request or, for the versant sud, to provide the PEL recommendations report (question {question}).',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        technique = _technique(dossier)
        if technique is None or not dossier.call.pel_report_departements:
            return
        schemes = _former_aid(technique, dossier)
        epci = _epci(dossier)
        departement = _departement(epci) if epci is not None else None
        if not schemes or departement not in dossier.call.pel_report_departements:
            return
        if dossier.annex_files().get("rapport_pel"):
            return
        said_joined = technique.pel_report_joined
        if said_joined is None and technique.request_justified is not None:
            return
        if said_joined is not None:
            problem = (
                f"le dossier dit le rapport de préconisations joint ({_quote(said_joined)}), "
                f"mais aucun fichier du dossier ne l'est",
                f"the file says the recommendations report is attached "
                f"({_quote(said_joined)}), but no file of the dossier is",
            )
        else:
            problem = (
                "ni le rapport de préconisations PEL n'est joint, ni la nouvelle demande n'est "
                "justifiée par une évolution du lieu (ses fonctions nouvelles)",
                "the PEL recommendations report is not attached, and the new request is not "
                "justified by an evolution of the place (its new functions)",
            )
        yield self.finding(
            piece=_piece(dossier, "rapport_pel"),
            file=technique.file,
            page=said_joined.page if said_joined else _page(technique, "prior_aid"),
            file_name=technique.file,
            question=ASKED_IN["prior_aid"][0],
            schemes=", ".join(schemes),
            departement=departement or "",
            problem=problem[0],
            problem_en=problem[1],
        )


class OutsourcedAnimationUnjustified(Check):
    """L'animation est externalisée sans que ce choix soit justifié.

    L'appel (Aides, question) : « L'animation sera elle internalisée (recrutement, évolution
    d'un agent, en CDI/CDD) ? Ou externalisée (à justifier) ? », et : « Cette animation peut
    être externalisée mais le territoire risque d'être moins en prise avec son lieu et peut
    connaître des ruptures lors de changement de contrats. » Une animation dite externalisée
    (« confiée à un prestataire ») sans une raison donnée reçoit un avertissement :
    l'instructeur juge de la justification. La raison se lit dans une phrase sur
    l'externalisation (« car », « faute de », « afin de », l'expertise du prestataire, « nous
    n'avons pas de personnel qualifié », « Ce choix s'explique… ») ; une phrase qui refuse ou
    remet à plus tard la justification (« sans justification », « nous ne pouvons pas
    justifier », « à justifier ultérieurement ») n'en donne pas, un « car » qui explique autre
    chose (l'accès au lieu, ses horaires) non plus. Une animation dite non externalisée n'est
    pas concernée. Correction : dites pourquoi l'animation est confiée à l'extérieur.
    """

    code = "T016"
    name = "animation-externalisee-non-justifiee"
    severity = Severity.WARNING
    message = {
        "fr": "« {file_name} » : l'animation est externalisée ({quote}) sans que ce choix soit justifié. L'appel demande : « Ou externalisée (à justifier) ? » Dites pourquoi en réponse à la question {question}.",
        "en": '"{file_name}": the animation is outsourced ({quote}) with no justification. The call asks for outsourcing to be justified: say why in answer to question {question}.',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        technique = _technique(dossier)
        mode = technique.animation_mode if technique else None
        if technique is None or mode is None or mode.value != "externe":
            return
        if technique.animation_justified is not None:
            return
        yield self.finding(
            piece=PIECE,
            file=technique.file,
            page=mode.page,
            file_name=technique.file,
            question=ASKED_IN["animation"][0],
            quote=_quote(mode),
        )


class ExcludedPlace(Check):
    """Le projet est un lieu que l'appel exclut (un télécentre).

    L'appel (Enjeux) : « espace de télétravail ponctuel, pour éviter les déplacements
    pendulaires (les télécentres étant exclus) ». Les lieux exclus sont ceux du fichier de
    l'appel (``excluded_places``). Erreur quand le dossier technique dit que le projet en est
    un ; une phrase qui le nie (« ce n'est pas un télécentre ») ne compte pas, une phrase qui le
    laisse en suspens (« pourrait servir de télécentre ») reçoit un avertissement. Correction :
    décrivez un espace de télétravail ponctuel ouvert à tous, non un télécentre.
    """

    code = "T017"
    name = "telecentre"
    severity = Severity.ERROR
    message = {
        "fr": "« {file_name} » : {problem} ({quote}). L'appel dit : « {source} » {fix}",
        "en": '"{file_name}": {problem} ({quote}). The call says: "{source}" {fix}',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        technique = _technique(dossier)
        if technique is None:
            return
        for found, hedged in (
            *((f, False) for f in technique.excluded_places),
            *((f, True) for f in technique.excluded_hedged),
        ):
            place = str(found.value)
            yield self.finding(
                piece=PIECE,
                file=technique.file,
                page=found.page,
                file_name=technique.file,
                severity=Severity.WARNING if hedged else None,
                problem=(
                    f"le projet pourrait être un lieu que l'appel exclut ({place})"
                    if hedged
                    else f"le projet est un lieu que l'appel exclut ({place})"
                ),
                problem_en=(
                    f"the project might be a place the call excludes ({place})"
                    if hedged
                    else f"the project is a place the call excludes ({place})"
                ),
                quote=_quote(found),
                source=dossier.call.excluded_places_source,
                fix=(
                    "Précisez ce que sera le lieu."
                    if hedged
                    else "Un tel lieu ne peut pas être aidé : revoyez le projet."
                ),
                fix_en=(
                    "Say what the place will be."
                    if hedged
                    else "Such a place cannot be aided: revise the project."
                ),
            )


class NetworkPlaceOneFunction(Check):
    """Un lieu d'un réseau couvre moins de fonctions que l'appel n'en demande à un tiers-lieu.

    L'appel (Nature du projet) : « Les lieux soutenus devront a minima couvrir deux des
    fonctions afférentes aux tiers-lieux ». Dans un réseau, chaque lieu à animer est un
    tiers-lieu : la description qu'en donne la liste des lieux (« Médiathèque de Corbie :
    médiation, coworking ») ou le texte de la réponse (« La médiathèque de Frévent proposera…
    Elle offrira aussi… », une fonction niée, « nous n'y proposerons pas de coworking », ne
    comptant pas) est lue pour les fonctions de l'appel. Avertissement : la liste est
    prévisionnelle, et l'aide porte sur l'animation du réseau. Correction : dites quelles
    fonctions chaque lieu offrira, ou retirez-le de la liste.
    """

    code = "T018"
    name = "lieu-du-reseau-une-seule-fonction"
    severity = Severity.WARNING
    message = {
        "fr": "« {file_name} » : parmi les lieux du réseau décrits, {places} : l'appel demande à chaque lieu soutenu de couvrir au moins {minimum} des fonctions des tiers-lieux. Précisez les fonctions de chaque lieu (question {question}).",
        "en": "\"{file_name}\": among the network's places described, {places}: the call requires each supported place to cover at least {minimum} of the third-place functions. State each place's functions (question {question}).",
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        technique = _technique(dossier)
        if technique is None or dossier.fact("project.form") != "reseau":
            return
        minimum = dossier.call.functions_minimum
        labels = dict(dossier.call.functions)
        short = [p for p in technique.network_places if len(p.functions) < minimum]
        if not short:
            return
        described = [
            (
                f"« {p.name} » ne couvre que {', '.join(labels[f] for f in p.functions) or 'aucune fonction'}",
                f'"{p.name}" covers only {", ".join(labels[f] for f in p.functions) or "no function"}',
            )
            for p in short
        ]
        yield self.finding(
            piece=PIECE,
            file=technique.file,
            page=short[0].page,
            file_name=technique.file,
            question=ASKED_IN["network"][0],
            minimum=str(minimum),
            places=" ; ".join(fr for fr, _ in described),
            places_en="; ".join(en for _, en in described),
        )


class ContactNotNamed(Check):
    """Le dossier technique ne nomme pas d'interlocuteur sur le projet.

    L'appel (Portage, gouvernance, question) : « Désignation de la structure de portage de la
    demande (nom, nom du responsable légal, interlocuteur sur le projet) ». La personne que
    l'instructeur appellera est cherchée dans la réponse sur la structure, puis dans le reste
    du document : un nom, ou au moins un courriel ou un téléphone, après « interlocuteur »,
    « contact », « chef de projet »… ; « interlocuteur : à désigner » n'en nomme aucun.
    Avertissement : l'instructeur peut joindre le responsable légal. Correction : nommez
    l'interlocuteur sur le projet, avec son courriel et son téléphone.
    """

    code = "T021"
    name = "interlocuteur-non-nomme"
    severity = Severity.WARNING
    message = {
        "fr": "« {file_name} » : {problem}. L'appel demande « nom, nom du responsable légal, interlocuteur sur le projet » : nommez l'interlocuteur en réponse à la question {question}.",
        "en": '"{file_name}": {problem}. The call asks for the name, the legal representative\'s name and the contact person on the project: name the contact person in answer to question {question}.',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        technique = _technique(dossier)
        question = ASKED_IN["contact"][0]
        if technique is None or not technique.answered(question):
            return
        found = technique.contact
        if found is not None and found.value is not False:
            return
        if found is None:
            problem = (
                "aucun interlocuteur sur le projet n'est nommé",
                "no contact person on the project is named",
            )
        else:
            problem = (
                f"l'interlocuteur sur le projet n'est pas encore désigné ({_quote(found)})",
                f"the contact person on the project is not designated yet ({_quote(found)})",
            )
        yield self.finding(
            piece=PIECE,
            file=technique.file,
            page=found.page if found else _page(technique, "contact"),
            file_name=technique.file,
            question=question,
            problem=problem[0],
            problem_en=problem[1],
        )
