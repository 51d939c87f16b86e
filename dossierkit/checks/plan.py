"""The action plan and what follows it, as the dossier technique describes them: the plan over
the call's years (``plan.years``), and how the place lasts once the decreasing aid ends.

Both are warnings: the call asks for them in its questions, and the instructor judges an
answer that gives them only in part.
"""

from __future__ import annotations

from collections.abc import Iterator

from dossierkit.checks.base import Check
from dossierkit.checks.technique import PIECE, _page, _quote, _technique
from dossierkit.dossier import Dossier
from dossierkit.findings import Finding, Severity
from dossierkit.pieces.technique import ASKED_IN


class PlanIncomplete(Check):
    """Le plan d'action ne couvre pas les années que l'appel demande.

    L'appel (Aides, question) : « Pouvez-vous décrire le plan d'action prévisionnel pour
    ce(s) lieu(x) ? Quelles en sont les grandes lignes sur 3 ans ? » La durée est celle du
    fichier de l'appel (``plan.years``). La réponse est lue pour les années qu'elle nomme
    (« 2027 », « 2028 », ou « année 2 », « troisième année ») : moins d'années que l'appel n'en
    demande reçoit un avertissement. Correction : donnez les grandes lignes de chaque année du
    plan.
    """

    code = "T019"
    name = "plan-d-action-incomplet"
    severity = Severity.WARNING
    message = {
        "fr": "« {file_name} » : le plan d'action {problem}, là où l'appel en demande les grandes lignes sur {years} ans (« {source} »). Décrivez chaque année en réponse à la question {question}.",
        "en": '"{file_name}": the action plan {problem}, where the call asks for its broad lines over {years} years ("{source}"). Describe each year in answer to question {question}.',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        technique = _technique(dossier)
        question = ASKED_IN["plan"][0]
        years = dossier.call.plan_years
        if technique is None or not years or not technique.answered(question):
            return
        named = technique.plan_years
        if len(named) >= years:
            return
        yield self.finding(
            piece=PIECE,
            file=technique.file,
            page=_page(technique, "plan"),
            file_name=technique.file,
            question=question,
            years=str(years),
            problem=(
                (
                    "ne nomme qu'une seule année"
                    if len(named) == 1
                    else f"ne nomme que {len(named)} années"
                )
                + f" ({', '.join(named)})"
                if named
                else "ne nomme aucune année"
            ),
            problem_en=(
                ("names only one year" if len(named) == 1 else f"names only {len(named)} years")
                + f" ({', '.join(named)})"
                if named
                else "names no year"
            ),
            source=dossier.call.plan_source,
        )


class SustainabilityNotAddressed(Check):
    """La pérennisation du lieu après l'aide dégressive n'est pas abordée.

    L'appel (Aides) : « Le dispositif de soutien au démarrage vise à aider le territoire à
    prendre une nouvelle ambition, et à en prendre rapidement la charge, sans reconduction de
    l'aide de la Région », et la question : « Comment envisagez-vous la pérennisation du lieu au
    regard de l'aide dégressive de la Région ? » La réponse est lue pour la façon dont le lieu
    sera financé ensuite (autofinancement, recettes, relais de l'intercommunalité…). Une
    réponse qui n'en dit rien, qui le laisse à plus tard (« nous verrons »), ou qui compte sur
    le renouvellement de l'aide régionale reçoit un avertissement. Correction : dites qui
    financera le lieu, et comment, à mesure que l'aide diminue puis après elle.
    """

    code = "T020"
    name = "perennisation-non-abordee"
    severity = Severity.WARNING
    message = {
        "fr": "« {file_name} » : {problem}. L'appel demande : « Comment envisagez-vous la pérennisation du lieu au regard de l'aide dégressive de la Région ? » (question {question}), l'aide étant donnée « sans reconduction ».",
        "en": '"{file_name}": {problem}. The call asks how the place will last given the Région\'s decreasing aid (question {question}), the aid being given without renewal.',
    }

    _PROBLEMS = {
        "non_abordee": (
            "la réponse sur la pérennisation ne dit pas comment le lieu sera financé après l'aide",
            "the answer on sustainability does not say how the place will be funded after the aid",
        ),
        "indecise": (
            "la pérennisation du lieu est laissée à plus tard",
            "the place's sustainability is left for later",
        ),
        "renouvellement": (
            "la pérennisation compte sur le renouvellement de l'aide de la Région",
            "sustainability relies on the renewal of the Région's aid",
        ),
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        technique = _technique(dossier)
        found = technique.sustainability if technique else None
        if technique is None or found is None or found.value not in self._PROBLEMS:
            return
        fr, en = self._PROBLEMS[str(found.value)]
        quote = f" ({_quote(found)})" if found.value != "non_abordee" else ""
        yield self.finding(
            piece=PIECE,
            file=technique.file,
            page=found.page,
            file_name=technique.file,
            question=ASKED_IN["sustainability"][0],
            problem=fr + quote,
            problem_en=en + quote,
        )
