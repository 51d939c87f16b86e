"""The questions of ``dossierkit init``, whoever asks them.

The command line asks them with ``click.prompt``; a test, a web form or a script can pass its
own ``ask`` and ``say``. An answer given beforehand (an option) is never asked again, and
without ``ask`` (``--no-input``) a missing answer that has no default is a usage error that
names the option to add. The intercommunality is checked against the region's list and asked
again until it is one of them, so that the folder never names an EPCI the checker would reject.
Questions, menus and refusals are French, or English with ``lang="en"``; the answers, which
the documents quote, are whatever the applicant typed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Protocol

from dossierkit.errors import UsageError
from dossierkit.init import (
    CIVILITIES,
    FORMS,
    KINDS,
    LABELS,
    VAT_REGIMES,
    InitAnswers,
    feminine_person,
)
from dossierkit.text import fold

if TYPE_CHECKING:
    from dossierkit.epci import Epci


class Ask(Protocol):
    """Ask ``question``; the answer is one of ``choices`` when there are any, and
    ``default`` (when not None) is what an empty answer means."""

    def __call__(
        self, question: str, *, choices: Sequence[str] = (), default: str | None = None
    ) -> str: ...


@dataclass(frozen=True)
class Question:
    """One question: the option that answers it beforehand, its French and English texts,
    its choices, and the answer taken when none is given (None: an answer is required)."""

    key: str
    option: str
    text: str
    english: str
    choices: tuple[str, ...] = ()
    default: str | None = None

    def said(self, lang: str) -> str:
        """The question in ``lang``."""
        return self.english if lang == "en" else self.text


KIND = Question(
    "kind", "--type", "La structure qui demande l'aide est", "The structure applying is", KINDS
)
EPCI = Question(
    "intercommunalite",
    "--intercommunalite",
    "Intercommunalité (nom ou SIREN)",
    "Intercommunality (name or SIREN)",
)
NAME = Question("name", "--nom", "Nom de la structure", "Name of the structure")
FORM = Question("form", "--forme", "L'aide est demandée pour", "The aid is asked for", FORMS)
YEAR = Question(
    "first_year",
    "--premiere-annee",
    "Première année du plan d'action",
    "First year of the action plan",
)
LEGAL_NAME = Question(
    "responsable", "--responsable", "Nom du responsable légal", "Name of the legal representative"
)
# The title is written in the documents as typed: its default stays French.
LEGAL_TITLE = Question(
    "qualite",
    "--qualite",
    "Qualité du responsable légal",
    "Title of the legal representative (in French, as the documents write it)",
    default="Président",
)
# Asked only when neither the title nor the name says it (« Maire », « Anne Durand »), for
# « Je soussignée » or « Je soussigné »; without it the documents write « soussigné(e) ».
CIVILITY = Question(
    "civilite",
    "--civilite",
    "Civilité du responsable légal",
    "Civility of the legal representative",
    CIVILITIES,
    default="",
)
CONTACT = Question(
    "contact",
    "--contact",
    "Interlocuteur sur le projet (nom, fonction)",
    "Contact person for the project (name, role)",
)
VAT = Question(
    "vat", "--tva", "Régime de TVA de la structure", "VAT regime of the structure", VAT_REGIMES
)
TOWN = Question("town", "--ville", "Ville du siège", "Town of the head office", default="")
ADDRESS = Question(
    "address", "--adresse", "Adresse du siège", "Address of the head office", default=""
)
SIGNATORY = Question(
    "signataire",
    "--signataire",
    "Signataire du courrier s'il n'est pas le responsable légal (vide sinon)",
    "Signatory of the letter, if not the legal representative (empty otherwise)",
    default="",
)
SIGNATORY_TITLE = Question(
    "qualite_signataire",
    "--qualite-signataire",
    "Qualité du signataire",
    "Title of the signatory (in French, as the documents write it)",
    default="Vice-président",
)
# What a menu shows for each choice in English (``LABELS`` in French).
LABELS_EN = {
    "association": "an association",
    "intercommunalite": "the intercommunality (communauté de communes, d'agglomération…)",
    "commune": "a municipality (commune)",
    "autre": "another structure designated by the intercommunality",
    "lieu": "a place",
    "reseau": "running a network of places",
    "recupere": "it recovers VAT (budget before tax, HT)",
    "ne_recupere_pas": "it does not recover VAT (budget including tax, TTC)",
    "fctva_investissement": "FCTVA on investment only (running costs TTC, investment HT)",
    "madame": "Madame (Mrs/Ms)",
    "monsieur": "Monsieur (Mr)",
}


def choice_label(choice: str, lang: str) -> str:
    """What a menu shows for ``choice`` in ``lang``."""
    labels = LABELS_EN if lang == "en" else LABELS
    return labels.get(choice, choice)


def _missing(question: Question) -> UsageError:
    """The option a ``--no-input`` run must add: what it answers, or its values for a choice
    (whose question, « La structure qui demande l'aide est », is the start of a menu)."""
    if question.choices:
        *first, last = question.choices
        values = f"{', '.join(first)} ou {last}" if first else last
        english = f"{', '.join(first)} or {last}" if first else last
        return UsageError(
            f"--no-input : l'option {question.option} est obligatoire ({values}).",
            english=f"--no-input: the option {question.option} is required ({english}).",
        )
    return UsageError(
        f"--no-input : l'option {question.option} est obligatoire ({question.text}).",
        english=f"--no-input: the option {question.option} is required ({question.english}).",
    )


# Choices as they are abbreviated (« M. » starts both civilities).
_ABBREVIATED = {"mme": "madame", "mlle": "madame", "m": "monsieur", "mr": "monsieur"}


def pick(value: str, choices: Sequence[str], *, numbers: bool = True) -> str | None:
    """The choice ``value`` designates: its number in the menu (when ``numbers``), its
    identifier or its label written anyhow (« Intercommunalité », « ne récupère pas »), its
    abbreviation (« Mme », « M. »), or the start of one identifier only (« asso », « inter »);
    None when it designates none."""
    text = value.strip()
    if numbers and text.isdigit() and 1 <= int(text) <= len(choices):
        return choices[int(text) - 1]
    folded = fold(text)
    if not folded:
        return None
    for choice in choices:
        if folded in (
            fold(choice),
            fold(LABELS.get(choice, choice)),
            fold(choice_label(choice, "en")),
        ):
            return choice
    if _ABBREVIATED.get(folded) in choices:
        return _ABBREVIATED[folded]
    starting = [c for c in choices if fold(c).startswith(folded)]
    return starting[0] if len(starting) == 1 else None


def not_a_choice(value: str, option: str, choices: Sequence[str]) -> UsageError:
    """The French error for an answer that is none of ``choices``."""
    names = ", ".join(choices[:-1]) + " ou " + choices[-1]
    return UsageError(
        f"{option} : « {value} » n'est pas un choix possible ; choisissez {names}.",
        english=f'{option}: "{value}" is not a possible choice; choose one of {", ".join(choices)}.',
    )


def year_of(value: str) -> int | None:
    """The year ``value`` gives, from 2000 to 2100; None for anything else."""
    text = value.strip()
    return int(text) if text.isdigit() and 2000 <= int(text) <= 2100 else None


def _unknown_epci(value: str, lang: str = "fr") -> str:
    if lang == "en":
        return (
            f'"{value}" is not a known intercommunality of Hauts-de-France: write its name'
            ' ("Communauté de communes du Ternois", "CC du Ternois") or its SIREN.'
        )
    return (
        f"« {value} » n'est pas une intercommunalité des Hauts-de-France connue : "
        "écrivez son nom (« Communauté de communes du Ternois », « CC du Ternois ») ou son SIREN."
    )


def answers(
    given: Mapping[str, str | None],
    ask: Ask | None,
    say: Callable[[str], None],
    *,
    today: date | None = None,
    lang: str = "fr",
) -> InitAnswers:
    """The applicant's answers: ``given`` (option values, None or "" when not given), then
    ``ask`` for the rest, in the order a person fills the form. ``ask`` None means never ask;
    ``say`` shows why an answer was refused before it is asked again. The first year is
    the one after ``today``'s unless given or answered. Questions in ``lang``."""

    def answer(question: Question, default: str | None = None) -> str:
        value = given.get(question.key)
        if value not in (None, ""):
            return str(value)
        default = question.default if default is None else default
        if ask is None:
            if default is None:
                raise _missing(question)
            return default
        return ask(question.said(lang), choices=question.choices, default=default)

    kind = answer(KIND)
    epci = _epci(given.get(EPCI.key), ask, say, lang)
    name = answer(NAME, epci.full_name if kind == "intercommunalite" else None)
    form = answer(FORM)
    first_year = _year(given.get(YEAR.key), ask, say, (today or date.today()).year + 1, lang)
    legal_name, legal_title = answer(LEGAL_NAME), answer(LEGAL_TITLE)
    # A civility given as an option is kept even when the title says it; asked only when
    # neither the title nor the name does.
    civility = _civility(str(given.get(CIVILITY.key) or ""))
    if not civility and feminine_person(legal_name, legal_title) is None:
        civility = _civility(answer(CIVILITY))
    result = InitAnswers(
        kind=kind,
        name=name,
        intercommunalite=epci.name,
        form=form,
        first_year=first_year,
        legal_name=legal_name,
        legal_title=legal_title,
        legal_civility=civility,
        contact=answer(CONTACT),
        vat=answer(VAT),
        town=answer(TOWN),
        address=answer(ADDRESS),
        signatory_name=answer(SIGNATORY),
        signatory_title=given.get(SIGNATORY_TITLE.key) or "",
    )
    if result.delegation and not result.signatory_title:
        # Asked only now: the signatory's title means nothing when the legal representative signs.
        return replace(result, signatory_title=answer(SIGNATORY_TITLE))
    return result


def _civility(value: str) -> str:
    """« madame » or « monsieur » from what was answered or given (« Mme », « Monsieur »,
    a number of the menu); empty when none was."""
    if not value.strip():
        return ""
    found = pick(value, CIVILITIES)
    if found is None:
        raise not_a_choice(value, CIVILITY.option, CIVILITIES)
    return found


def _year(
    value: object, ask: Ask | None, say: Callable[[str], None], default: int, lang: str = "fr"
) -> int:
    """The first year: given, or asked (the next calendar year by default) until it is one."""
    if value not in (None, ""):
        year = year_of(str(value))
        if year is None:
            raise UsageError(
                f"{YEAR.option} : « {value} » n'est pas une année (par exemple {default}).",
                english=f'{YEAR.option}: "{value}" is not a year (for example {default}).',
            )
        return year
    if ask is None:
        return default
    while True:
        reply = ask(YEAR.said(lang), default=str(default))
        year = year_of(reply)
        if year is not None:
            return year
        if lang == "en":
            say(f'Error: "{reply}" is not a year: type it in figures (for example {default}).')
            continue
        say(
            f"Erreur : « {reply} » n'est pas une année : tapez-la en chiffres (par exemple {default})."
        )


def _epci(value: str | None, ask: Ask | None, say: Callable[[str], None], lang: str = "fr") -> Epci:
    """The EPCI named by ``value``, asking again (in ``lang``) until one is recognised."""
    from dossierkit.epci import lookup

    while True:
        if not value:
            if ask is None:
                raise _missing(EPCI)
            value = ask(EPCI.said(lang))
        found = lookup(value)
        if found is not None:
            return found
        if ask is None:
            raise UsageError(_unknown_epci(value), english=_unknown_epci(value, "en"))
        say(("Error: " if lang == "en" else "Erreur : ") + _unknown_epci(value, lang))
        value = None
