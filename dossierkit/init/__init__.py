"""``dossierkit init``: start a dossier from templates that the checker reads perfectly.

The applicant answers a few questions; the folder gets the letter, the dossier technique with
every applicable question of the call, the budget workbook that computes the aid ceilings as
one types, the attestation of VAT regime and, when someone other than the legal
representative signs, the délégation. Questions, pieces and aid parameters come from the call
file; the wording comes from ``templates/init/``, which the Région may edit.
"""

from __future__ import annotations

from dataclasses import dataclass

from dossierkit.text import fold

KINDS = ("association", "intercommunalite", "commune", "autre")
FORMS = ("lieu", "reseau")
VAT_REGIMES = ("recupere", "ne_recupere_pas", "fctva_investissement")
CIVILITIES = ("madame", "monsieur")
# What a menu shows for each choice: the applicant picks a number or types a word, never an
# identifier to spell exactly.
LABELS = {
    "association": "une association",
    "intercommunalite": "l'intercommunalité (communauté de communes, d'agglomération…)",
    "commune": "une commune",
    "autre": "une autre structure désignée par l'intercommunalité",
    "lieu": "un lieu",
    "reseau": "l'animation d'un réseau de lieux",
    "recupere": "elle récupère la TVA (budget HT)",
    "ne_recupere_pas": "elle ne récupère pas la TVA (budget TTC)",
    "fctva_investissement": "FCTVA sur l'investissement seulement "
    "(fonctionnement TTC, investissement HT)",
    "madame": "Madame",
    "monsieur": "Monsieur",
}
# Endings of a title's words in the feminine (« Présidente », « Directrice générale »,
# « Adjointe », « Trésorière », « Chargée de mission ») and in the masculine; « Maire » or
# « Secrétaire » say neither. The feminine endings are tried first: « ente » ends in « ent ».
_FEMININE = ("ente", "ante", "inte", "trice", "iere", "euse", "esse", "ee", "ale")
_MASCULINE = ("ent", "ant", "int", "eur", "ier", "er", "al", "ur")
# Words of a title that say nothing of the person: prefixes, prepositions, and « légal »,
# which « Responsable légal » writes for a woman as for a man.
_NEUTRAL_WORDS = frozenset(
    {"vice", "co", "de", "du", "des", "d", "la", "le", "l", "au", "aux", "legal"}
)
# The civility a name may start with (« Mme Anne Durand », « M. Paul Roy »).
_CIVILITY = {"mme": True, "madame": True, "mlle": True, "mademoiselle": True}
_CIVILITY |= {"m": False, "mr": False, "monsieur": False}


def feminine_title(title: str) -> bool | None:
    """Whether a title is a woman's (« Présidente », « Directrice générale »), a man's
    (« Vice-président », « Adjoint au maire »), or says neither (« Maire »): its first word
    that agrees with the person decides."""
    for word in fold(title).split():
        if word in _NEUTRAL_WORDS:
            continue
        if word.endswith(_FEMININE):
            return True
        if word.endswith(_MASCULINE):
            return False
    return None


def feminine_person(name: str, title: str, civility: str = "") -> bool | None:
    """Whether the person called ``name`` with ``title`` is a woman: by the ``civility``
    answered (« madame », « monsieur »), else by the one typed before the name (« Mme Anne
    Durand », « M. Paul Roy »), else by the title; None when nothing says it."""
    if civility in CIVILITIES:
        return civility == "madame"
    words = fold(name).split()
    if words and words[0] in _CIVILITY:
        return _CIVILITY[words[0]]
    return feminine_title(title)


@dataclass(frozen=True)
class InitAnswers:
    """What the applicant told ``dossierkit init``."""

    kind: str
    name: str
    intercommunalite: str  # the EPCI's official name (checked against the reference list)
    form: str
    legal_name: str
    legal_title: str
    contact: str
    vat: str
    town: str = ""
    address: str = ""
    signatory_name: str = ""  # empty: the legal representative signs
    signatory_title: str = ""
    first_year: int = 2027
    # « madame » or « monsieur » when asked (the title said neither), else empty.
    legal_civility: str = ""

    @property
    def delegation(self) -> bool:
        """True when someone other than the legal representative signs the letter."""
        return bool(self.signatory_name) and self.signatory_name != self.legal_name

    @property
    def legal_feminine(self) -> bool | None:
        """Whether the legal representative is a woman, for the words that agree with her
        (« Je soussignée », « Pour la Maire »); None when nothing says it."""
        return feminine_person(self.legal_name, self.legal_title, self.legal_civility)
