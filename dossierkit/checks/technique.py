"""Checks on the content of the dossier technique: every applicable question answered, and
what the call expects of the answers (form, functions, animation, governance, prior aid).

They read ``dossier.parsed.dossier_technique`` and say nothing when the dossier technique
is missing (P001 says so) or has no text to read (a scan: F011 says so). A dossier technique
that answers no question at all (a template, a draft) gets one finding (T010) instead of one
per question.
"""

from __future__ import annotations

from collections.abc import Iterator

from dossierkit.call import Question
from dossierkit.checks.base import Check
from dossierkit.checks.budget import full_time_post
from dossierkit.dossier import Dossier
from dossierkit.findings import Finding, Severity
from dossierkit.pieces.technique import ASKED_IN, Answer, Found, TechniqueFacts

PIECE = "dossier_technique"


def _technique(dossier: Dossier) -> TechniqueFacts | None:
    """The dossier technique to check, None when there is none to read or it answers nothing
    (T010 then says so once)."""
    parsed = dossier.parsed.dossier_technique
    if parsed is None or not parsed.has_text or parsed.without_answer:
        return None
    return parsed


def _applies(question: Question, dossier: Dossier, answer: Answer | None) -> bool:
    """Whether the dossier must answer ``question``.

    When the condition cannot be decided (form or structure unknown), the question is held to
    apply only if the document answers it under its own heading or leaves a placeholder to
    fill: a document that leaves it out, or writes "Sans objet", is taken at its word, and a
    passage written for another question that happens to say the same is not a claim.
    """
    if question.applies_when is None:
        return True
    verdict = question.applies_when.evaluate(dossier.fact_values())
    if verdict is None:
        return (
            answer is not None
            and not answer.by_content
            and answer.status in ("answered", "placeholder")
        )
    return verdict


def _page(technique: TechniqueFacts, fact: str) -> int | None:
    answer = technique.answer(ASKED_IN[fact][0])
    return answer.page if answer else None


def _quote(found: Found) -> str:
    return f"« {found.sentence} »"


class UnansweredQuestion(Check):
    """Une question de l'appel qui s'applique au projet n'a pas de réponse.

    L'appel fournit « la liste des questions auxquelles vous devez répondre dans le dossier
    technique » : l'instructeur cherche la réponse à chacune. Une question est retrouvée
    lorsqu'elle est reprise mot pour mot, numérotée dans l'ordre de l'appel, ou annoncée par un
    titre du demandeur qui la désigne (« Qui pilote ? » pour la gouvernance) ; à défaut, un
    passage qui y répond sous un autre titre suffit (il dit ce que dit une réponse à cette
    question : le lexique de l'appel en donne les mots). Les questions propres à un lieu ou à
    un réseau, et celle sur la légitimation d'un porteur qui n'est pas l'intercommunalité, ne
    sont exigées que lorsqu'elles s'appliquent. Correction : ajoutez la réponse sous le texte
    de la question, ou sous un titre qui la désigne.
    """

    code = "T001"
    name = "question-sans-reponse"
    severity = Severity.ERROR
    message = {
        "fr": "« {file_name} » : la question {question} {problem} — « {text} ». Ajoutez-y une réponse, sous un titre qui la désigne ou sous la question reprise mot pour mot ou numérotée.",
        "en": '"{file_name}": question {question} {problem} — "{text}". Add an answer to it, under a heading that names it or under the question repeated word for word or numbered.',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        technique = _technique(dossier)
        if technique is None:
            return
        for question in dossier.call.questions:
            answer = technique.answer(question.id)
            if not _applies(question, dossier, answer):
                continue
            if answer is None:
                problem = ("n'est pas traitée", "is not addressed")
            elif answer.status == "empty":
                problem = ("a un titre mais pas de réponse", "has a heading but no answer")
            else:
                continue
            yield self.finding(
                piece=PIECE,
                file=technique.file,
                page=answer.page if answer else None,
                file_name=technique.file,
                question=question.id,
                text=question.text,
                problem=problem[0],
                problem_en=problem[1],
            )


class PlaceholderAnswer(Check):
    """La réponse à une question n'est qu'un texte d'attente.

    « À compléter », « TODO », « xxx », « … », ou « N/A » et « Sans objet » seuls sous une
    question qui s'applique au projet : le modèle a été rempli à moitié, la question reste sans
    réponse. Un texte d'attente sous une question dont on ne sait pas si elle s'applique est
    signalé aussi, puisque le demandeur comptait y répondre ; « Sans objet » ne l'est pas.
    Correction : remplacez-le par la réponse.
    """

    code = "T002"
    name = "reponse-a-completer"
    severity = Severity.ERROR
    message = {
        "fr": "« {file_name} » : la réponse à la question {question} n'est qu'un texte d'attente (« {answer} ») — « {text} ». Remplacez-le par la réponse.",
        "en": '"{file_name}": the answer to question {question} is only a placeholder ("{answer}") — "{text}". Replace it with the answer.',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        technique = _technique(dossier)
        if technique is None:
            return
        for question in dossier.call.questions:
            answer = technique.answer(question.id)
            if (
                answer is not None
                and answer.status in ("placeholder", "not_applicable")
                and _applies(question, dossier, answer)
            ):
                yield self.finding(
                    piece=PIECE,
                    file=technique.file,
                    page=answer.page,
                    file_name=technique.file,
                    question=question.id,
                    text=question.text,
                    answer=" ".join(answer.text.split())[:60],
                )


class ProjectFormUnclear(Check):
    """L'aide est demandée à la fois pour un lieu et pour un réseau, ou on ne sait pour lequel.

    L'appel (Nature du projet) : « L'aide sera unique et devra porter soit sur un lieu, soit
    sur l'animation d'un réseau. » Un dossier technique qui demande les deux à la fois est
    inéligible en l'état : c'est une erreur, qui cite les phrases qui le disent. Un dossier
    technique qui ne permet pas de le dire reçoit un avertissement : les questions propres à
    l'un ou à l'autre (fonctions et plan d'agencement d'un lieu, objectifs et liste des lieux
    d'un réseau) ne sont alors exigées que si le document y répond, et l'instructeur peut
    trancher à la lecture. Correction : choisissez et dites-le en réponse à la première
    question, ou déclarez ``projet: {forme: lieu}`` (ou ``reseau``) dans ``dossier.yaml``.
    """

    code = "T003"
    name = "forme-du-projet-indeterminee"
    severity = Severity.WARNING
    message = {
        "fr": "« {file_name} » : {problem}. L'appel (Nature du projet) dit : « L'aide sera unique et devra porter soit sur un lieu, soit sur l'animation d'un réseau. » {fix} en réponse à la question {question}, ou déclarez projet: {{forme: lieu}} (ou reseau) dans dossier.yaml.",
        "en": '"{file_name}": {problem}. The call (Nature du projet) says: "The aid will be unique and must be either for one place or for the animation of a network." {fix} in answer to question {question}, or declare projet: {{forme: lieu}} (or reseau) in dossier.yaml.',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        technique = _technique(dossier)
        if technique is None:
            return
        question = ASKED_IN["project.form"][0]
        if len({f.value for f in technique.forms}) > 1:
            # One sentence may say both (« à la fois pour le lieu … et pour le réseau »):
            # quoted once.
            quotes = " ; ".join(dict.fromkeys(_quote(f) for f in technique.forms))
            yield self.finding(
                piece=PIECE,
                file=technique.file,
                page=technique.forms[0].page,
                file_name=technique.file,
                question=question,
                severity=Severity.ERROR,
                problem=f"l'aide est demandée à la fois pour un lieu et pour un réseau ({quotes})",
                problem_en=f"the aid is asked both for a place and for a network ({quotes})",
                fix="Choisissez l'un ou l'autre et dites-le",
                fix_en="Choose one and say so",
            )
        elif not technique.forms and dossier.fact("project.form") is None:
            yield self.finding(
                piece=PIECE,
                file=technique.file,
                page=_page(technique, "project.form"),
                file_name=technique.file,
                question=question,
                problem=(
                    "on ne sait pas si l'aide est demandée pour un lieu ou pour un réseau ; les "
                    "questions propres à l'un ou à l'autre n'ont été exigées que là où le "
                    "document y répond"
                ),
                problem_en=(
                    "it is not clear whether the aid is asked for a place or for a network; the "
                    "questions proper to either were only required where the document answers them"
                ),
                fix="Dites lequel",
                fix_en="Say which",
            )


class TooFewFunctions(Check):
    """Le projet ne couvre pas au moins deux des fonctions des tiers-lieux.

    « Les lieux soutenus devront a minima couvrir deux des fonctions afférentes aux
    tiers-lieux : médiation, animation territoriale, aide aux porteurs de projets, coworking,
    fablab, télétravail ponctuel. » C'est une condition d'éligibilité, d'où l'erreur. Les
    fonctions sont cherchées dans les réponses sur les fonctions et les objectifs, les
    phrases qui les montrent sont citées. Correction : décrivez les fonctions que le lieu (ou
    les lieux du réseau) assurera, en les nommant.
    """

    code = "T004"
    name = "fonctions-insuffisantes"
    severity = Severity.ERROR
    message = {
        "fr": "« {file_name} » : le dossier technique {shown} ; il en faut au moins {minimum} parmi : {functions}. Décrivez les fonctions que le projet assurera en les nommant.",
        "en": '"{file_name}": the technical file {shown}; at least {minimum} are required among: {functions}. Describe the functions the project will provide, naming them.',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        technique = _technique(dossier)
        call = dossier.call
        if technique is None or len(technique.functions) >= call.functions_minimum:
            return
        labels = dict(call.functions)
        found = "; ".join(f"{labels[str(f.value)]} : {_quote(f)}" for f in technique.functions)
        page = technique.functions[0].page if technique.functions else None
        yield self.finding(
            piece=PIECE,
            file=technique.file,
            page=page,
            file_name=technique.file,
            shown=_shown(len(technique.functions), found),
            shown_en=_shown_en(len(technique.functions), found),
            minimum=str(call.functions_minimum),
            functions=", ".join(labels.values()),
        )


def _shown(count: int, found: str) -> str:
    """« ne montre aucune des fonctions de l'appel », « ne montre qu'une des fonctions de
    l'appel (coworking : « … ») », « ne montre que 2 des fonctions… »."""
    if count == 0:
        return "ne montre aucune des fonctions de l'appel"
    how_many = "qu'une" if count == 1 else f"que {count}"
    return f"ne montre {how_many} des fonctions de l'appel ({found})"


def _shown_en(count: int, found: str) -> str:
    if count == 0:
        return "shows none of the call's functions"
    how_many = "only one" if count == 1 else f"only {count}"
    return f"shows {how_many} of the call's functions ({found})"


class PromisedAnnexMissing(Check):
    """Une annexe demandée par une question du dossier technique manque.

    Un lieu doit fournir « un plan prévisionnel d'agencement pour ces fonctions », un réseau
    « une carte ou liste prévisionnelle des lieux à animer ». Aucun fichier du dossier n'a été
    reconnu comme cette annexe, et le dossier technique ne l'écrit pas lui-même (une liste
    annoncée par « Liste des lieux : » suivie des lieux suffit). Avertissement : l'appel le
    demande sous forme de question, l'instructeur le réclamera. Correction : joignez l'annexe
    dans un fichier dont le nom la désigne.
    """

    code = "T005"
    name = "annexe-promise-absente"
    severity = Severity.WARNING
    message = {
        "fr": "Annexe manquante : {label}, demandée par la question {question} du dossier technique « {file_name} ». Joignez-la au dossier dans un fichier dont le nom la désigne (« {example}.pdf »).",
        "en": 'Missing annex: {label}, asked for by question {question} of the technical file "{file_name}". Add it to the dossier in a file whose name says what it is ("{example}.pdf").',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        technique = _technique(dossier)
        if technique is None:
            return
        annexes = dossier.annex_files()
        inside = {f.value for f in technique.annexes_inside}
        for question in dossier.call.questions:
            answer = technique.answer(question.id)
            if (
                question.annex is None
                or annexes.get(question.annex)
                or question.annex in inside
                or not _applies(question, dossier, answer)
            ):
                continue
            yield self.finding(
                piece=question.annex,
                file=technique.file,
                page=answer.page if answer else None,
                file_name=technique.file,
                question=question.id,
                example=dossier.call.spec(question.annex).label["fr"],
            )


class NoFullTimeAnimator(Check):
    """Le dossier technique ne dit pas qu'un professionnel à temps plein animera le lieu.

    « Ces lieux doivent eux-mêmes être animés par au moins un professionnel à temps plein » :
    l'aide de la Région est centrée sur cette animation. Le temps plein est cherché dans la
    réponse sur l'animation, puis dans le reste du document (« temps plein », « 1 ETP »).
    La règle et sa phrase sont lues dans l'appel (condition ``full_time_animator``).
    L'appel exige que le lieu soit animé à temps plein, sans dire dans quelle pièce le
    montrer : quand le dossier technique n'en dit rien, la ligne d'animation du budget qui
    nomme un poste à temps plein (« Animatrice (CDI temps plein) », « 1 ETP », la preuve que
    retient B009) suffit ; un dossier technique qui annonce un temps partiel est signalé
    quoi que dise le budget. Erreur quand le dossier technique annonce l'animation à temps
    partiel (« une animatrice à mi-temps », « 0,5 ETP ») et qu'aucune pièce ne nomme de poste
    à temps plein : la condition de l'appel (« doivent ») n'est pas remplie. Avertissement
    quand le dossier technique n'en dit rien (le poste peut être décrit sans les mots que
    dossierkit reconnaît) ou quand le budget nomme un temps plein que le dossier technique
    contredit : l'instructeur vérifiera. Correction : précisez le temps de travail de
    l'animateur (ou de la personne qui coordonne le réseau).
    """

    code = "T006"
    name = "animateur-temps-plein-non-indique"
    severity = Severity.WARNING
    message = {
        "fr": "« {file_name} » : {problem}. {rule} (l'appel : « {source} ») Précisez-le en réponse à la question {question}.",
        "en": '"{file_name}": {problem}. {rule} (the call: "{source}") State it in answer to question {question}.',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        technique = _technique(dossier)
        rule = dossier.call.rule("full_time_animator")
        if (
            technique is None
            or rule is None
            or (technique.full_time and technique.full_time.value is True)
        ):
            return
        severity = None
        if technique.full_time is None:
            if full_time_post(dossier) is not None:
                return
            problem = (
                "le dossier technique ne dit pas qu'un professionnel à temps plein animera le projet",
                "the technical file does not say that a full-time professional will run the project",
            )
            page = _page(technique, "animation")
        else:
            quote = _quote(technique.full_time)
            problem = (
                f"l'animation est prévue à temps partiel ({quote})",
                f"the animation is planned part-time ({quote})",
            )
            page = technique.full_time.page
            if full_time_post(dossier) is None:
                severity = Severity.ERROR
        yield self.finding(
            piece=PIECE,
            file=technique.file,
            page=page,
            severity=severity,
            file_name=technique.file,
            question=ASKED_IN["animation"][0],
            problem=problem[0],
            problem_en=problem[1],
            source=rule.source,
            rule=rule.text["fr"],
            rule_en=rule.text.get("en", rule.text["fr"]),
        )


class IncompleteGovernance(Check):
    """Le comité de pilotage ou le binôme élu et agent référent n'est pas désigné.

    « Devront être mis en place un comité de pilotage, ainsi qu'un binôme constitué d'un élu et
    d'un agent référent (ce dernier s'engageant à participer aux animations régionales
    inter-territoires). » Ils sont cherchés dans la réponse sur la gouvernance, puis dans le
    reste du document ; un rôle nié ou laissé en suspens (« ni élu ni agent référent »,
    « l'agent référent reste à désigner ») n'en désigne aucun. La règle et sa phrase sont lues
    dans l'appel (condition ``governance``) : sans elle, rien n'est signalé. Avertissement : ils
    peuvent être mis en place après le dépôt, mais l'instructeur voudra les connaître.
    Correction : nommez l'élu et l'agent référent et dites qui siège au comité de pilotage.
    """

    code = "T007"
    name = "gouvernance-incomplete"
    severity = Severity.WARNING
    message = {
        "fr": "« {file_name} » : introuvable dans le dossier technique : {missing}. {rule} (l'appel : « {source} ») Désignez-les en réponse à la question {question}.",
        "en": '"{file_name}": not found in the technical file: {missing}. {rule} (the call: "{source}") Name them in answer to question {question}.',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        technique = _technique(dossier)
        rule = dossier.call.rule("governance")
        if technique is None or rule is None:
            return
        parts = (
            (technique.steering_committee, "le comité de pilotage", "the steering committee"),
            (technique.elected_official, "l'élu référent", "the elected official"),
            (technique.referent_agent, "l'agent référent", "the referent agent"),
        )
        missing = [(fr, en) for found, fr, en in parts if found is None]
        if missing:
            yield self.finding(
                piece=PIECE,
                file=technique.file,
                page=_page(technique, "governance"),
                file_name=technique.file,
                question=ASKED_IN["governance"][0],
                missing=", ".join(fr for fr, _ in missing),
                missing_en=", ".join(en for _, en in missing),
                source=rule.source,
                rule=rule.text["fr"],
                rule_en=rule.text.get("en", rule.text["fr"]),
            )


class Pel2017Cumulation(Check):
    """Le lieu a bénéficié de l'aide PEL exceptionnelle de 2017.

    Une aide est possible aux lieux déjà soutenus (PEL, CRNT, ECRINS) s'ils évoluent, « mais
    de manière non cumulable avec l'aide PEL exceptionnelle de 2017 ». Erreur : le dossier
    technique dit le lieu aidé par elle (une mention niée, « n'a pas reçu l'aide exceptionnelle
    de 2017 », ne compte pas), et l'appel exclut ce cumul ; aucune évolution du lieu ne le
    rend possible. Correction : si le lieu n'a pas reçu cette aide, corrigez la réponse ; s'il
    l'a reçue, il ne peut pas être aidé au titre de cet appel.
    """

    code = "T008"
    name = "cumul-aide-pel-exceptionnelle"
    severity = Severity.ERROR
    message = {
        "fr": "« {file_name} » : le dossier technique dit le lieu aidé par l'aide PEL exceptionnelle de 2017 ({quote}). L'appel ouvre son aide aux lieux déjà soutenus « mais de manière non cumulable avec l'aide PEL exceptionnelle de 2017 » : un lieu qui l'a reçue ne peut pas être aidé au titre de cet appel. S'il ne l'a pas reçue, corrigez la réponse à la question {question}.",
        "en": '"{file_name}": the technical file says the place received the exceptional PEL aid of 2017 ({quote}). The call opens its aid to places already supported "but not cumulatively with the exceptional PEL aid of 2017": a place that received it cannot be aided under this call. If it did not, correct the answer to question {question}.',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        technique = _technique(dossier)
        if technique is None or technique.pel_2017 is None:
            return
        yield self.finding(
            piece=PIECE,
            file=technique.file,
            page=technique.pel_2017.page,
            file_name=technique.file,
            question=ASKED_IN["prior_aid"][0],
            quote=_quote(technique.pel_2017),
        )


class NoStartDate(Check):
    """La réponse sur la date de début du plan d'action ne donne pas de date.

    L'appel demande « la date de début de ce plan d'action (dépenses éligibles) » : elle fixe
    à partir de quand les dépenses peuvent être aidées. La question a une réponse, mais aucune
    date n'y figure (« 1er janvier 2027 », « 01/01/2027 », « janvier 2027 »). Quand la question
    elle-même n'a pas de réponse, T001 ou T002 le disent déjà. Correction : écrivez la date.
    """

    code = "T009"
    name = "date-de-debut-absente"
    severity = Severity.WARNING
    message = {
        "fr": "« {file_name} » : aucune date de début du plan d'action n'a été trouvée en réponse à la question {question}. Écrivez une date précise (« 1er janvier 2027 ») : elle fixe le début des dépenses éligibles.",
        "en": '"{file_name}": no start date of the action plan was found in answer to question {question}. Write a precise date ("1er janvier 2027"): it sets when eligible expenses begin.',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        technique = _technique(dossier)
        question = ASKED_IN["project.start_date"][0]
        if technique is None or technique.start_date is not None:
            return
        if not technique.answered(question):
            return
        yield self.finding(
            piece=PIECE,
            file=technique.file,
            page=_page(technique, "project.start_date"),
            file_name=technique.file,
            question=question,
        )


class TechniqueWithoutAnswer(Check):
    """Le dossier technique ne répond à aucune question de l'appel.

    L'appel demande « un dossier technique, répondant aux questions ci-dessus » : c'est son
    contenu essentiel. Un document qui n'a que des titres vides et des textes d'attente (« À
    compléter », « xxx »), ou dont aucun passage ne traite une question de l'appel (le modèle
    vide, un brouillon, un autre document sous ce nom), n'est pas un dossier technique présent :
    c'est une erreur, dite une fois plutôt que question par question. Correction : joignez le
    dossier technique rempli, qui répond à chaque question.
    """

    code = "T010"
    name = "dossier-technique-sans-reponse"
    severity = Severity.ERROR
    message = {
        "fr": "« {file_name} » ne répond à aucune question de l'appel : {problem}. L'appel demande « un dossier technique, répondant aux questions » : joignez la version remplie, qui répond à chacune.",
        "en": '"{file_name}" answers none of the call\'s questions: {problem}. The call asks for "a technical file answering the questions": attach the filled-in version, which answers each of them.',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        technique = dossier.parsed.dossier_technique
        if technique is None or not technique.without_answer:
            return
        headings = [a for a in technique.answers if a.status != "answered"]
        texts = list(
            dict.fromkeys(" ".join(a.text.split())[:40] for a in headings if a.text.strip())
        )
        quotes = f" ({' ; '.join(f'« {t} »' for t in texts[:2])})" if texts else ""
        if headings:
            problem = (
                f"les {len(headings)} questions dont il a un titre n'ont pas de réponse, ou "
                f"qu'un texte d'attente{quotes}",
                f"the {len(headings)} questions it has a heading for have no answer, or only a "
                f"placeholder{quotes}",
            )
        else:
            problem = (
                "aucun de ses titres ni de ses passages ne traite une question de l'appel",
                "none of its headings or passages addresses a question of the call",
            )
        yield self.finding(
            piece=PIECE,
            file=technique.file,
            page=headings[0].page if headings else None,
            file_name=technique.file,
            problem=problem[0],
            problem_en=problem[1],
        )
