"""The words of budgets, on folded text (lower case, no accents, punctuation as single
spaces): sections, natures, years, totals, the Région's aid, animation, HT and TTC."""

from __future__ import annotations

import re

YEAR = re.compile(r"\b(20[2-4]\d)\b")
TOTAL_ROW = re.compile(r"^(?:s ?)?(sous )?totaux?\b|\btotal\b|^(ensemble|montant total|cout total)")
SUBTOTAL = re.compile(r"\bsous ?totaux?\b|^s total\b")
# Rows that check the balance, give rates or the call's ceilings (the workbook of
# ``dossierkit init`` computes them under the budget): understood, but not lines of the budget.
# A summary sheet's row that totals one side of one nature where no section heads the table
# (« Dépenses de fonctionnement | 58 000 | 60 000 »): a subtotal, never a line.
SUMMARY_ROW = re.compile(
    r"^(?:depenses?|charges|recettes?|produits|ressources)\s+(?:d |de |du )?"
    r"(?:fonctionnement|exploitation|investissements?)(?:\s+(?:ht|ttc))?$"
)
NOT_A_LINE = re.compile(
    r"^(ecart|solde|difference|resultat|excedent|deficit|equilibre|controle|verification|"
    r"taux|pourcentage|ratio|plafonds?|aide maximale|montant maximal)\b"
)
DEPENSES_WORD = re.compile(r"^(?:les )?(depenses?|charges?|emplois)\b")
RECETTES_WORD = re.compile(
    r"^(?:les )?(recettes?|produits?|ressources?|financements?|financeurs?)\b"
)
SECTION_IN_HEADER = re.compile(
    r"\b(?:(depenses?|charges|emplois)|(recettes?|produits|ressources|financements?|financeurs?))\b"
)
# A sheet named for one side of the budget (« Dépenses », « Recettes prévisionnelles »,
# « Charges 2027 », « Budget des produits »): every line of it is of that side, whatever its
# header cell says (« Poste »). A name of both sides (« Dépenses et recettes ») is neither.
SHEET_SIDE = re.compile(
    r"^(?:budget\s+(?:des\s+)?)?"
    r"(?:(depenses?|charges|emplois)|(recettes?|produits|ressources|financements?|financeurs?))\b"
)
NATURE_WORD = re.compile(r"\b(?:(fonctionnement|exploitation|fonct)|(investissements?|invest))\b")
NATURE_HEADER = re.compile(
    r"^(?:(?:depenses?|charges|recettes?|produits|budget|section|partie|budget)\s+(?:d |de |du )?)?"
    r"(fonctionnement|exploitation|investissements?)\b"
)
YEAR_HEADER = re.compile(
    r"^(?:annee|exercice|budget(?: previsionnel)?|bp|previsionnel|periode|montants?)?\s*"
    r"(20[2-4]\d)(?:\s+(?:ht|ttc|eur|euros|en k|k|keur))*$"
)
# The CERFA's block title: "Exercice 2027, date de début : 01/01/2027, date de fin : …", or
# its dates alone when the year's field was left blank ("Exercice ou date de début : 01/01/2027").
FISCAL_YEAR = re.compile(
    r"^(?=exercice|annee|date de debut)(?:(?:exercice|annee)\s+(?:ou\s+)?)?"
    r"(?:date de debut\s+(?:\d{1,2}\s+){0,2})?(20[2-4]\d)\b"
)
# A year of the project over its dates, placed on the calendar year it starts in (the aid
# table's way): « Année 1 (sept. 2027 – août 2028) », « 2027 (févr. 2027 – janv. 2028) ».
# Never a total of the two years it names.
PROJECT_PERIOD = re.compile(
    r"^(?:(?:annee|an|exercice)\s*[1-9]\b.*\b20[2-4]\d\b|"
    r"20[2-4]\d\s+(?:du\s+)?(?:1er\s+|\d{1,2}\s+)?"
    r"(?:janv|fev|mars|avr|mai|juin|juil|aout|sep|oct|nov|dec))"
)
# A year of the project named by its number, not its date: « Année 1 », « An 2 », « A3 »,
# « 1re année », « Deuxième année », « Année N », « N+1 » (N is year 1), « Année 0
# (investissement) » before them; a basis or a nature may follow. Never « N-1 » (the year
# before, in a budget that compares): ``project_year`` reads the sign.
RELATIVE_YEAR = re.compile(
    r"^(?:(?:annee|an|exercice|a|year)\s*(?P<number>\d)"
    r"|(?P<ordinal>\d)\s*(?:re|er|ere|e|eme|nd|nde)?\s+annee"
    r"|(?P<word>premiere|deuxieme|seconde|troisieme|quatrieme|cinquieme)\s+annee"
    r"|(?:annee\s+)?n(?:\s+(?P<after>\d))?)"
    r"(?:\s+(?:ht|ttc|eur|euros|prev|previsionnel|projet|du projet|de fonctionnement|"
    r"d investissement|fonctionnement|investissements?))*$"
)
# A year numbered and dated in one header (« Année 1 – 2028 », « Année 0 – 2027
# (aménagement) », « Année 1 (sept. 2027 – août 2028) »): its number.
DATED_NUMBER = re.compile(r"^(?:annee|an|exercice)\s*(\d)\b(?=.*\b20[2-4]\d\b)")
# The years written out (« Première année »), for budgets and plans alike.
ORDINAL_WORDS = {
    "premiere": 1,
    "deuxieme": 2,
    "seconde": 2,
    "troisieme": 3,
    "quatrieme": 4,
    "cinquieme": 5,
}
_BEFORE_N = re.compile(r"\bN\s*[-\u2013\u2212]\s*\d", re.IGNORECASE)


def project_year(folded: str, raw: str = "") -> int | None:
    """The number of the project's year a header names (« Année 2 » → 2, « N+1 » → 2,
    « Année 0 (investissement) » → 0), from its folded text and as typed; None for any
    other header."""
    match = RELATIVE_YEAR.match(folded)
    if match is None or _BEFORE_N.search(raw):
        return None
    if match.group("number") is not None:
        return int(match.group("number"))
    if match.group("ordinal") is not None:
        return int(match.group("ordinal"))
    if match.group("word") is not None:
        return ORDINAL_WORDS[match.group("word")]
    return int(match.group("after") or 0) + 1


TOTAL_HEADER = re.compile(r"\b(total|totaux|cumul|ensemble|global|3 ans|trois ans)\b")
AMOUNT_HEADER = re.compile(r"\b(montants?|budget|cout|couts|somme|eur|euros|previsionnel)\b")
# The euro sign alone over the amounts (« CHARGES | € | PRODUITS | € »), which folding erases.
EURO_HEADER = re.compile(r"^\s*\(?\s*(?:en\s+)?(?:€|eur|euros)\s*(?:ttc|ht)?\s*\)?\s*$", re.I)
IGNORED_HEADER = re.compile(
    r"^(%|taux|part|pourcentage|quantite|qte|nombre|nb|prix unitaire|cout unitaire|pu|"
    r"observations?|commentaires?|remarques?|precisions?|justifications?|statut|etat|"
    r"acquis|sollicite|tva)\b"
)
# A column header that is a basis alone, or an amount in it: « HT », « Montant TTC ».
BASIS_HEADER = re.compile(r"^(?:(?:montants?|couts?|prix|en|eur|euros?)\s+)*(?:ht|ttc)$")
LABEL_HEADER = re.compile(
    r"^(poste|postes|libelle|libelles|intitule|designation|nature|objet|description|"
    r"detail|financeurs?|origine|type|compte)\b"
)
ENUMERATION = re.compile(r"^(?:[ivx]{1,4}|[a-h]|\d)\s+(?=\D)")
# An account of the French chart of accounts heading a label: "60 - Achats", "641 Salaires".
ACCOUNT = re.compile(r"^\s*(\d{2,4})\s*(?:[-–—:.)]\s*|\s+(?=[A-Za-zÀ-ÿ]))")
CONTRIBUTIONS = re.compile(r"contributions? volontaires?|\bbenevolat\b|\ben nature\b")
# The Région's aid: "Région Hauts-de-France", "Conseil régional", "Région HDF", an aid called
# regional (« Subvention régionale », « Aide régionale (AAP …) », « Financement régional »),
# or the call's own name (« Subvention TLN », « AAP Tiers-lieux du numérique »). Not any
# « régional »: a « Parc naturel régional », an « Agence régionale de santé » are others.
REGION = re.compile(
    r"\bregions?\b|\bconseil regional\b|\bhauts de france\b|\bc?r?hdf\b|"
    r"\b(?:subventions?|aides?|financements?|participations?|dotations?|soutiens?|"
    r"cofinancements?|fonds)\s+(?:[a-z]+\s+)?regiona(?:le|les|l|ux)\b|"
    r"\b(?:subventions?|aides?|aap|appel a projets?|financements?|dotations?)"
    r"(?:\s+[a-z]+){0,3}\s+(?:tiers lieux? du numerique|tln)\b"
)
# The funders' rows of the CERFA's « 74 - Subventions d'exploitation », each over the free
# lines where the applicant names the aid: « Région(s) : », « Département(s) : »…
FUNDER = re.compile(
    r"^(?:etat|regions?|departements?|intercommunalites?|communes?|organismes sociaux|"
    r"fonds europeens|aides privees|autres etablissements publics|l agence de services)\b"
)
# European funds that the Région manages are not this call's aid.
NOT_REGION = re.compile(r"\b(feder|fse|europe|europeens?|europeennes?|leader|interreg)\b")
# Equipment named by what it is: an investment line where no header says so (« Machines
# fablab et mobilier coworking », « Acquisition imprimante 3D »), one dépenses block with
# a « Sous-total investissement » under its last lines being the most common such budget.
EQUIPMENT_LINE = re.compile(
    r"\b(equipements?|materiels?|machines?|mobiliers?|immobilisations?|acquisitions?|"
    r"imprimantes?|decoupeuses?|fraiseuses?|ordinateurs?|amenagements?|travaux)\b"
)
# What those words also name in the operating costs: small equipment (6063), renting,
# upkeep, supplies, depreciation (68).
NOT_EQUIPMENT_LINE = re.compile(
    r"\b(petits? (?:materiels?|equipements?)|locations?|loyers?|entretien|maintenance|"
    r"reparations?|fournitures?|consommables?|amortissements?|dotations?|assurances?)\b"
)
# A line that names its section before a colon: « Dépenses : imprimante 3D », « Recettes :
# fonds propres » under the « INVESTISSEMENT » block after a CERFA's totals.
SECTION_PREFIX = re.compile(r"^\s*([^:–—]{3,40}?)\s*(?::|\s[–—-]\s)\s*\S")
PREFIX_WORDS = re.compile(
    r"(?:(depenses?|charges)|(recettes?|produits|ressources))"
    r"(?: (?:d |de )?(?:investissements?|fonctionnement|exploitation))?"
)
# What a line of an investment block that names no section is, by its words: money
# received (a funder, the applicant's own funds, a loan) or money spent.
INCOME_WORDS = re.compile(
    r"\b(subventions?|autofinancement|fonds propres|apports?|emprunts?|fctva|mecenat|dons|"
    r"participations?|cofinancements?|financements?|aides?|recettes?|ressources?)\b"
)
SPENDING_WORDS = re.compile(r"\b(achats?|acquisitions?|depenses?|couts?)\b")
AID_ANIMATION = re.compile(r"\b(animation|fonctionnement|animateur|animatrice|demarrage|poste)\b")
AID_EQUIPMENT = re.compile(r"\b(equipements?|investissements?|materiels?|immobilisations?)\b")
# Animation expenses: a person who animates, paid (salary, post), or animation services. The
# person who runs the place (« Responsable du tiers-lieu », « Gestionnaire de l'espace ») is its
# animator in the call's sense: the aid is « centré sur l'animation […] (salaires, prestations…) ».
ANIMATOR = re.compile(
    r"\b(animat(?:eur|rice|eurs|rices)|mediat(?:eur|rice|eurs|rices)|"
    r"coordinat(?:eur|rice|eurs|rices)|facilitat(?:eur|rice)|fab ?manager|concierge|"
    r"conseill(?:er|ere)s? numeriques?|chargee?s? (?:de mission )?d? ?animation|"
    r"(?:responsables?|gestionnaires?|gerant(?:e|s|es)?) (?:du |de l |de la |d )?"
    r"(?:tiers lieu|lieu|espace|fablab|fab lab|coworking|atelier))\b"
)
PAID = re.compile(
    r"\b(salaires?|remunerations?|charges|traitements?|postes?|etp|personnel|recrutement|"
    r"cdi|cdd|agent|emploi|contrat|temps plein|temps partiel|mise a disposition|"
    r"masse salariale|salarie(?:e|s|es)?)\b"
)
SERVICES = re.compile(r"\b(prestations?|intervenants?|interventions?|vacations?|honoraires)\b")
# People paid to lead the workshops: a prestation of animation though the label names no
# animation (« 62 - Autres services extérieurs (intervenants) »); the call's aid is « centré
# sur l'animation […] (salaires, prestations…) ».
SPEAKERS = re.compile(r"\b(intervenants?|vacataires?|vacations?)\b")
# « Prestations » and nothing else, among the operating costs of a tiers-lieu: the call's own
# word for animation bought (« centré sur l'animation […] (salaires, prestations…) »). Not the
# form's « Prestations de services » (account 604, under « 60 - Achats »).
BARE_SERVICES = re.compile(r"prestations?(?: (?:exterieures?|externes?|d intervenants?))?")
ANIMATION_WORK = re.compile(r"\b(animations?|mediation|ateliers?)\b")
# A line that opens on the workshops or the animation: animation work, its small supplies with
# it (« Ateliers et petits matériels »); not equipment, travel, training, nor the rent.
ANIMATION_OPENING = re.compile(r"^(?:animations?|ateliers?)\b")
SMALL_SUPPLIES = re.compile(
    r"\b(?:petits? (?:materiels?|equipements?)|(?:petites? )?fournitures?|"
    r"(?:petits? )?consommables?)\b"
)
# A line made only of the activities offered to the public (« Programme d'ateliers communs »,
# « Consommables et ateliers », « Événements et rencontres tout public »): the animation
# itself, whatever word opens it. Every word must be one of these (the workshops' small
# supplies aside), so that rent, insurance, loans, equipment, works or « Communication »
# beside them keep the line out; one of ``ACTIVITY`` must be there.
ACTIVITY = re.compile(
    r"\b(ateliers?|animations?|mediations?|activites?|evenements?|rencontres?|manifestations?)\b"
)
# Supplies of the workshop (« Petit équipement et fournitures d'atelier »): supplies, not
# the workshops themselves.
SUPPLIES_OF = re.compile(
    SMALL_SUPPLIES.pattern + r"(?:\s+(?:de|d|des|du|pour les|pour l|pour)\s+(?:l\s+)?\S+)?"
)
_ACTIVITY_TEXT = (
    "ateliers atelier animations animation mediations mediation activites activite "
    "evenements evenement rencontres rencontre manifestations manifestation programme "
    "programmes programmation cycle cycles calendrier communs commun communes commune "
    "collectifs collectif collectives collective partages numeriques numerique public "
    "publics grand tout tous habitants usagers jeunes jeunesse seniors familles reseau "
    "seances de d des du la le les l et pour en au aux a"
)
ACTIVITY_WORDS = frozenset(_ACTIVITY_TEXT.split())
NOT_ANIMATION = re.compile(
    r"\b(deplacements?|formations?|frais de mission|transports?|repas|hebergement|"
    r"materiels?|equipements?|fournitures?)\b"
)
# HT and TTC as keyboards and OCR write them: « H.T. », « H. T. », « T.T.C », « TT C », and
# OCR's « TIC », « T1C », « TTG » (the bar of a T lost, a C read as G). ``basis_spelled``
# writes them « HT » and « TTC » before the patterns below read them. OCR's forms are taken
# only where a basis is said (after an amount, « € », « euros », « montants », « présenté
# en », in brackets after a section's nature): « TIC » alone is also the technologies de
# l'information (« formation aux TIC »).
_SPELLED_HT = re.compile(r"\bH\s?\.\s?T\b\.?|\bH T\b")
_SPELLED_TTC = re.compile(r"\bT\s?\.\s?T\s?\.\s?C\b\.?|\bT\s?T\s?C\b\.?")
_OCR_TTC = re.compile(
    r"(?P<said>(?:€|\beuros?|\beur|\bmontants?|\d|\b(?:présent|present|exprim)[ée]e?s? en)"
    r"\s*\(?\s*|\b(?:fonctionnement|investissements?|exploitation)\s*\(\s*)"
    r"(?:T[Il1|!]C|TTG|T[Il1|!]G|TT€)(?![\w])",
    re.IGNORECASE,
)


def basis_spelled(text: str) -> str:
    """``text`` with HT and TTC written as such however they were typed or read by OCR."""
    text = _SPELLED_HT.sub("HT", text)
    text = _SPELLED_TTC.sub("TTC", text)
    return _OCR_TTC.sub(lambda m: m.group("said") + "TTC", text)


HT = re.compile(r"\bH\.?T\.?(?![\w.])|\bhors[ -]tax(?:e|es)\b|\bhors TVA\b", re.IGNORECASE)
HT_UPPER = re.compile(r"\bHT\b|\bH\.T\.?")
TTC = re.compile(r"\bT\.?T\.?C\.?(?![\w.])|\btoutes taxes comprises\b", re.IGNORECASE)
DASH = re.compile(r"^[-–—]\s*€?$")
# An amount followed by its basis, as people type it when the header does not say it:
# "6 000 € HT", "6 000,00 € TTC".
AMOUNT_BASIS = re.compile(
    r"^(?P<amount>.*\d.*?)\s*(?P<basis>H\.?T\.?|T\.?T\.?C\.?)$", re.IGNORECASE
)
# Two amounts with thousands that nothing separates: "42 000 43 000" printed as text.
RUN_OF_AMOUNTS = re.compile(
    r"\b\d{1,3}(?:[\u0020\u00a0\u202f]\d{3})+[\u0020\u00a0\u202f]\d{1,3}(?:[\u0020\u00a0\u202f]\d{3})+\b"
)
# What a spreadsheet shows in a formula cell it cannot compute: Excel's codes (as stored, in
# English, and as French Excel shows them) and LibreOffice's ("Err:502").
FORMULA_ERROR = re.compile(
    r"^(?:#(?:VALUE!|VALEUR!|REF!|DIV/0!|NAME\?|NOM\?|N/A|NUM!|NULL!|NUL!)|Err:\d{3})$",
    re.IGNORECASE,
)
# The unit a table states for its amounts when it is not the euro: « (en k€) », « en milliers
# d'euros », « Montant (k€) », « K€ » alone in a header cell; never « 60 k€ par an », a figure.
THOUSANDS = re.compile(
    r"(?:\ben\s+|\(\s*|^\s*|\bmontants?\s+)"
    r"(?:k\s?€|k\s?eur(?:os?)?\b|keur\b|milliers?\s+d['’\s]\s*euros?\b)",
    re.IGNORECASE,
)
# A share of the total as a page prints it (« 44,1 % »), or as a spreadsheet's reader
# renders a cell formatted as a percentage (« 75 % », « −5 % »): a column of its own, no amount.
SHARE = re.compile(r"^[-−]?\d{1,3}(?:[.,]\d+)?\s*%$")
# A date where an amount could stand, as a spreadsheet's reader gives it (« 2027-01-01
# 00:00:00 ») or a page prints it (« 01/01/2027 »): the project's start, a funder's decision.
DATE_CELL = re.compile(
    r"^(?:\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?|\d{1,2}/\d{1,2}/\d{2,4})$"
)


def beside_amounts(text: str) -> bool:
    """A share (« 75 % ») or a date: in an amount column, neither a label nor an amount, and
    nothing to report."""
    return bool(SHARE.match(text) or DATE_CELL.match(text))


# Text that was meant as a number but is none ("8,000", "1 2000 €"): typed by hand in a cell.
NUMBER_LIKE = re.compile(r"^[-(]?\s*\d[\d\s\u00a0\u202f.,']*\s*(?:€|eur|euros?)?\s*\)?$", re.I)
