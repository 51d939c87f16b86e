"""``dossierkit init``: start a dossier from templates that the checker reads perfectly.

The applicant answers a few questions; the folder gets the letter, the dossier technique with
every applicable question of the call, the budget workbook that computes the aid ceilings as
one types, the attestation of VAT regime and, when someone other than the legal
representative signs, the délégation. Questions, pieces and aid parameters come from the call
file; the wording comes from ``templates/init/``, which the Région may edit.
"""

from __future__ import annotations

from dataclasses import dataclass

KINDS = ("association", "intercommunalite", "commune", "autre")
FORMS = ("lieu", "reseau")
VAT_REGIMES = ("recupere", "ne_recupere_pas", "fctva_investissement")
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
}


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

    @property
    def delegation(self) -> bool:
        """True when someone other than the legal representative signs the letter."""
        return bool(self.signatory_name) and self.signatory_name != self.legal_name
