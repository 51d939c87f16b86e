"""Checks on the budget: stated basis, balance, totals, and the call's aid ceilings.

Every figure a finding quotes comes from the budget as read (with its cell or page) and every
ceiling from the call file, through ``Dossier.aid``: the dossier's aid, its budget years mapped
on the plan's start date when the dossier technique gives one (see ``dossierkit.aid``).

A budget that numbers its years (« Année 1 | Année 2 | Année 3 ») is judged on the calendar
years the dossier gives them (``dossierkit.aid.anchored``: the letter's years of animation
aid, else the plan's start), exactly as the same budget dated 2027, 2028, 2029; one the
dossier dates nowhere is judged on its numbers, its findings naming « année 1 », « année 2 ».
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from decimal import Decimal

from dossierkit.aid import (
    AnimationYear,
    DossierAid,
    aid_from_budget,
    anchored,
    calendar_columns,
    euros,
    follows_plan,
    plan_origin,
    round_ceiling,
    start_fact,
)
from dossierkit.checks.base import Check, doubt
from dossierkit.checks.clock import reference_date
from dossierkit.dates import long_date
from dossierkit.dossier import Dossier
from dossierkit.findings import Finding, Severity
from dossierkit.pieces.budget import BudgetFacts
from dossierkit.pieces.technique import ASKED_IN
from dossierkit.text import counted, fold

# What the attestation's regime allows, per nature of expense.
_ALLOWED_BASIS = {
    "recovered": {"fonctionnement": {"HT"}, "investissement": {"HT"}},
    "not_recovered": {"fonctionnement": {"TTC"}, "investissement": {"TTC"}},
    "investment_only": {"fonctionnement": {"TTC"}, "investissement": {"HT", "TTC"}},
}
_REGIME_WORDS = {
    "recovered": ("récupère la TVA", "recovers VAT"),
    "not_recovered": ("ne récupère pas la TVA", "does not recover VAT"),
    "investment_only": (
        "récupère la TVA sur l'investissement seulement (FCTVA)",
        "recovers VAT on investment only (FCTVA)",
    ),
}
# Each nature with its article, elided before a vowel (« le fonctionnement », « l'investissement »).
_NATURES = {
    "fonctionnement": ("le fonctionnement", "its operating costs"),
    "investissement": ("l'investissement", "its investment"),
}
# OCR's confidence in a figure and its page (None, None for a figure read exactly).
_Reading = tuple[float | None, int | None]
_FULL_TIME = ("temps plein", "temps complet", "1 etp", "1,0 etp", "100 %", "35 h", "35h")
# The words of a post that animates the place (« Chargé d'animation », « Coordinatrice »).
_ANIMATOR = ("animat", "coordinat", "mediat", "fabmanager", "fab manager")


def _budget(dossier: Dossier) -> BudgetFacts | None:
    """The parsed budget, if it has figures to check: lines with amounts, formulas computed
    (an empty template or a workbook never recalculated has its own finding, and checking
    its blanks as zeros would report ceilings of 0 €)."""
    budget = dossier.parsed.budget
    if budget is None or not budget.lines or not budget.trusted:
        return None
    return anchored(budget, dossier.facts)


def _aid(dossier: Dossier, budget: BudgetFacts) -> DossierAid | None:
    """The dossier's aid; computed again on ``budget`` when the dossier dated the years it
    numbers (the letter's years come first, the dossier's aid knows the plan's start only)."""
    if budget is dossier.parsed.budget:
        return dossier.aid
    found = start_fact(dossier.facts)
    return aid_from_budget(dossier.call, budget, found[0] if found else None)


def _when(budget: BudgetFacts, year: int | None) -> tuple[str, str]:
    """« sur l'ensemble du projet », « en 2027 », « en année 2 » (French, English)."""
    if year is None:
        return "sur l'ensemble du projet", "over the whole project"
    return f"en {budget.year_label(year)}", f"in {budget.year_label(year, 'en')}"


class BasisUnstated(Check):
    """Le budget ne dit pas s'il est présenté HT ou TTC.

    L'appel demande « un budget dépenses-recettes équilibré (avec la précision TTC ou HT) » :
    l'aide se calcule sur des montants HT pour qui récupère la TVA, TTC pour qui ne la
    récupère pas. Correction : écrivez « montants HT » ou « montants TTC » dans le titre du
    budget, ou par section (« Fonctionnement (TTC) », « Investissement (HT) »).
    """

    code = "B001"
    name = "budget-ht-ttc-non-precise"
    severity = Severity.ERROR
    message = {
        "fr": "« {file_name} » ne précise pas si les montants sont HT ou TTC : indiquez-le dans le titre du budget ou pour chaque section.",
        "en": '"{file_name}" does not say whether amounts are before (HT) or including (TTC) VAT: state it in the budget\'s title or for each section.',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        budget = _budget(dossier)
        if budget is not None and not budget.basis:
            yield self.finding(piece="budget", file=budget.file, file_name=budget.file)


class BasisContradictsVatRegime(Check):
    """Le budget est présenté HT ou TTC à contre-sens du régime de TVA attesté.

    Une structure qui récupère la TVA (ou en est compensée) est aidée sur des montants HT ;
    une structure qui ne la récupère pas, sur des montants TTC, la TVA étant alors une vraie
    dépense. Une collectivité compensée par le FCTVA sur l'investissement seulement présente
    le fonctionnement TTC et peut présenter l'investissement HT. Erreur : l'appel demande
    ensemble « un budget dépenses-recettes équilibré (avec la précision TTC ou HT) » et « un
    document attestant du régime fiscal du bénéficiaire (récupération ou non de la TVA) »,
    pour que l'aide se calcule sur la bonne base ; l'une contredit l'autre. Correction :
    présentez le budget sur la base qui correspond à l'attestation, ou corrigez
    l'attestation.
    """

    code = "B002"
    name = "budget-base-tva-incoherente"
    severity = Severity.ERROR
    message = {
        "fr": "« {file_name} » présente {nature} {basis}, alors que l'attestation dit que la structure {regime} : présentez-le {expected}.",
        "en": '"{file_name}" presents {nature_en} {basis}, while the attestation says the structure {regime_en}: present it {expected}.',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        budget = _budget(dossier)
        regime = dossier.fact("vat.regime")
        if budget is None or not budget.basis or regime not in _ALLOWED_BASIS:
            return
        for nature, allowed in _ALLOWED_BASIS[str(regime)].items():
            basis = budget.basis.get(nature, budget.basis.get("all"))
            if set(budget.bases_offered) & set(allowed):
                continue  # both bases of every amount, neither retained: the right one is there
            if basis is not None and basis not in allowed:
                fr, en = _REGIME_WORDS[str(regime)]
                yield self.finding(
                    piece="budget",
                    file=budget.file,
                    file_name=budget.file,
                    nature=_NATURES[nature][0],
                    nature_en=_NATURES[nature][1],
                    basis=basis,
                    regime=fr,
                    regime_en=en,
                    expected=" ou ".join(sorted(allowed)),
                    expected_en=" or ".join(sorted(allowed)),
                )


class Unbalanced(Check):
    """Le budget n'est pas équilibré.

    L'appel demande un budget « dépenses-recettes équilibré » : le total des recettes
    (l'aide demandée comprise) doit égaler le total des dépenses, au centime près, sur le
    projet et pour chaque année. Correction : ajustez l'autofinancement ou une autre recette
    de l'écart indiqué.
    """

    code = "B003"
    name = "budget-desequilibre"
    severity = Severity.ERROR
    message = {
        "fr": "« {file_name} » n'est pas équilibré {when} : dépenses {expenses}, recettes {revenues}, écart {gap}. Ajustez une recette (l'autofinancement, par exemple) de {gap}.",
        "en": '"{file_name}" is not balanced {when_en}: expenses {expenses}, income {revenues}, gap {gap}. Adjust an income line (self-financing, say) by {gap}.',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        budget = _budget(dossier)
        if budget is None:
            return
        periods = budget.balance_periods()
        for year in periods:
            expenses = budget.total("depenses", year)
            revenues = budget.total("recettes", year)
            if expenses != revenues:
                yield self.finding(
                    piece="budget",
                    file=budget.file,
                    file_name=budget.file,
                    when=_when(budget, year)[0],
                    when_en=_when(budget, year)[1],
                    expenses=euros(expenses),
                    revenues=euros(revenues),
                    gap=euros(abs(expenses - revenues)),
                    doubtful=budget.ocr_doubt,
                )


# Why a formula's total misses lines, when amounts were typed as text (B013 names them).
_TYPED = (
    ", ou retapez comme des nombres les montants saisis comme du texte, que la formule ne "
    "compte pas",
    ", or retype as numbers the amounts typed as text, which the formula does not count",
)


class WrongTotal(Check):
    """Une ligne de total du budget ne fait pas la somme de ses lignes.

    Un total saisi à la main, ou une formule qui oublie une ligne insérée après coup, donne
    un budget faux qu'on ne voit pas d'un coup d'œil. Un total ne compte que les lignes
    au-dessus de lui : le bloc « INVESTISSEMENT » ajouté sous le « TOTAL DES PRODUITS » du
    formulaire CERFA 12156 n'en fait pas partie ; quand le budget totalise son
    investissement à part, son « Total des charges » peut n'être que celui du
    fonctionnement. Erreur : l'appel demande « un budget
    dépenses-recettes équilibré (avec la précision TTC ou HT) », et un total faux montre un
    équilibre qui n'est pas celui des lignes. Correction : corrigez la formule ou le montant
    de la cellule indiquée.
    """

    code = "B004"
    name = "budget-total-faux"
    severity = Severity.ERROR
    message = {
        "fr": "« {file_name} », {source} : le total des {section}{when} indique {stated}, mais {lines}{computed}{fix}.",
        "en": '"{file_name}", {source}: the {section_en} total{when_en} says {stated}, but {lines_en}{computed}{fix_en}.',
    }
    # No line read under the total: nothing to add up, the amounts are where the reader
    # cannot see them (text cells, columns without a year), and the total is not the fault.
    UNREAD = (
        "aucune de ses lignes n'a pu être lue : vérifiez que les montants sont dans des "
        "cellules de nombres, sous des en-têtes d'années (« 2027 », « 2028 »…)",
        "none of its lines could be read: check that the amounts are in number cells, under "
        'year headers ("2027", "2028"…)',
    )
    SECTIONS = {"depenses": ("dépenses", "expenses"), "recettes": ("recettes", "income")}

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        budget = _budget(dossier)
        if budget is None:
            return
        for section, (fr, en) in self.SECTIONS.items():
            for year in [None, *budget.years]:
                stated = budget.stated_total(section, year)
                computed = budget.total_above(section, year)
                if stated is None or stated[0] == computed:
                    continue
                if budget.totals_investment(section, year) and stated[0] == budget.total(
                    section, year, "fonctionnement"
                ):
                    continue
                if stated[0] != computed:
                    read = any(
                        not line.is_total
                        and line.section == section
                        and (year is None or line.year == year)
                        for line in budget.lines
                    )
                    lines, lines_en = self.UNREAD
                    fix = fix_en = shown = ""
                    if read:
                        lines, lines_en, shown = (
                            "ses lignes font ",
                            "its lines add up to ",
                            euros(computed),
                        )
                        typed = budget.text_amounts
                        fix = f". Corrigez ce total (ou la formule){_TYPED[0] if typed else ''}"
                        fix_en = f". Fix that total (or its formula){_TYPED[1] if typed else ''}"
                    yield self.finding(
                        piece="budget",
                        file=budget.file,
                        file_name=budget.file,
                        source=stated[1],
                        section=fr,
                        section_en=en,
                        stated=euros(stated[0]),
                        when="" if year is None else f" {budget.year_label(year)}",
                        when_en="" if year is None else f" {budget.year_label(year, 'en')}",
                        computed=shown,
                        lines=lines,
                        lines_en=lines_en,
                        fix=fix,
                        fix_en=fix_en,
                        doubtful=budget.ocr_doubt,
                    )


class AnimationAidOverCeiling(Check):
    """L'aide à l'animation demandée pour une année dépasse ce que permet l'appel.

    L'aide est calculée « sur une base maximum de 60 k€/an avec des taux dégressifs sur trois
    ans de 75 %, 50 %, 25 % » : chaque année, au plus le taux de l'année × min(dépenses
    d'animation de l'année ; 60 000 €). L'erreur courante : garder 75 % en deuxième année.
    Correction : ramenez l'aide demandée au plafond indiqué, et équilibrez le budget.

    Les années sont celles du tableau de l'aide (``dossierkit.aid``) : un plan qui ne
    commence pas en janvier, présenté en autant de colonnes que d'années du plan (2027 à 2029
    pour un plan de mars 2027), a ses années de plan en colonnes, nommées par l'année civile
    où chacune commence. Le message nomme les lignes retenues comme dépenses d'animation
    (salaires de l'animateur, prestations et intervenants : l'aide est « centrée sur
    l'animation […] (salaires, prestations…) ») et les autres dépenses de fonctionnement
    laissées hors de la base (loyer, achats), pour que le demandeur voie sur quoi le
    plafond est calculé.

    Un budget dont aucune ligne ne se lit comme une dépense d'animation (le formulaire CERFA
    n° 12156 imprime ses propres libellés : « Rémunération des personnels », « Rémunérations
    intermédiaires et honoraires ») ne montre pas que l'aide dépasse le plafond : il ne dit
    pas lesquelles de ses dépenses sont l'animation. C'est alors un avertissement, qui
    demande de les nommer.

    Un budget dont aucune ligne ne se lit comme l'aide de la Région à l'animation
    (« Subvention « Tiers-lieux du numérique » sollicitée ») ne dit pas ce qui est demandé ;
    le courrier, qui est la demande, le dit : ses montants par année (« 50 000 € en 2027 »)
    sont alors comparés aux plafonds, et le constat nomme le courrier.

    Quand l'aide demandée tient dans le plafond calculé sur toutes les dépenses de
    fonctionnement de l'année, l'excès ne vient que des lignes laissées hors de la base
    (« Communication et événements ») : c'est à une personne de juger si elles relèvent de
    l'animation, et c'est un avertissement.
    """

    code = "B005"
    name = "aide-animation-excessive"
    severity = Severity.ERROR
    message = {
        "fr": "Aide à l'animation {year} : {requested} demandés, mais au plus {maximum} ({explanation}){reading}. Réduisez l'aide à l'animation {year} à {maximum}{or_say}.",
        "en": "Animation aid {year_en}: {requested} requested, but at most {maximum} ({explanation_en}){reading_en}. Reduce the {year_en} animation aid to {maximum}{or_say_en}.",
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        budget = _budget(dossier)
        aid = _aid(dossier, budget) if budget is not None else None
        if budget is None or aid is None:
            return
        # Not one line read as animation: the labels do not say which expenses it is.
        unnamed = not any(line.animation for line in budget.lines)
        letter = _letter_animation(dossier, aid.animation)
        for year in aid.animation:
            asked: Decimal | None = year.requested
            doubtful: tuple[float, int | None] | None = budget.ocr_doubt
            if letter is not None:
                asked, doubtful = letter.get(year.year, (None, None))
            if asked is None or year.rate == 0 or asked <= year.maximum:
                continue
            key = _key(budget, year)
            severity, reading = (
                (Severity.WARNING, _UNNAMED) if unnamed else (None, _retained(budget, key))
            )
            if severity is None and _within_operating(budget, year, asked):
                severity, reading = Severity.WARNING, _judged(reading)
            piece, file = "budget", budget.file
            if letter is not None and dossier.parsed.courrier is not None:
                piece, file = "courrier", dossier.parsed.courrier.file
                reading = _from_letter(file, reading)
            found = self.finding(
                piece=piece,
                file=file,
                severity=severity,
                file_name=budget.file,
                year=year.label("fr"),
                year_en=year.label("en"),
                requested=euros(asked),
                maximum=euros(year.maximum),
                explanation=year.explanation("fr"),
                explanation_en=year.explanation("en"),
                reading=reading[0],
                reading_en=reading[1],
                or_say=reading[2],
                or_say_en=reading[3],
                doubtful=doubtful,
            )
            # The year of the aid table and the lines its base was read from, for a letter.
            yield replace(
                found,
                data={
                    "index": year.index,
                    "year": year.year,
                    "requested": str(asked),
                    "maximum": str(year.maximum),
                    "unnamed": unnamed,
                    "retained": () if unnamed else budget.animation_lines(key),
                    "not_retained": () if unnamed else budget.other_operating_lines(key),
                },
            )


# What B005 adds when no line of the budget reads as animation (French, English, and the
# other way to settle it).
_UNNAMED = (
    " : aucune ligne du budget ne se lit comme une dépense d'animation",
    ": no line of the budget reads as an animation expense",
    ", ou nommez les dépenses d'animation dans les libellés du budget (« Rémunération de "
    "l'animateur », « Prestations d'animation »)",
    ", or name the animation expenses in the budget's labels (« Rémunération de "
    "l'animateur », « Prestations d'animation »)",
)


_Asked = dict[int | None, tuple[Decimal | None, tuple[float, int | None] | None]]


def _letter_animation(dossier: Dossier, years: list[AnimationYear]) -> _Asked | None:
    """The animation aid the courrier asks per calendar year (with the OCR doubt on its
    figure), when the budget has no line read as the Région's animation aid; None when the
    budget has one, or the letter asks nothing per year."""
    courrier = dossier.parsed.courrier
    if courrier is None or any(year.requested is not None for year in years):
        return None
    asked: _Asked = {}
    for amount in courrier.amounts:
        if amount.kind == "animation" and amount.year is not None:
            asked.setdefault(amount.year, (amount.value, doubt((amount.confidence, amount.page))))
    return asked or None


def _from_letter(letter: str, reading: tuple[str, str, str, str]) -> tuple[str, str, str, str]:
    """What B005 adds when the amount is the letter's: where it was read, and why."""
    return (
        f" ; montant du courrier « {letter} », aucune ligne du budget ne se lisant comme "
        "l'aide de la Région" + reading[0],
        f'; amount of the letter "{letter}", no line of the budget reading as the Région\'s '
        "aid" + reading[1],
        " dans le courrier, et inscrivez-la au budget sur une ligne « Aide de la Région "
        "Hauts-de-France – animation »" + reading[2],
        ' in the letter, and show it in the budget on a line "Aide de la Région '
        'Hauts-de-France – animation"' + reading[3],
    )


def _retained(budget: BudgetFacts, year: int | None) -> tuple[str, str, str, str]:
    """What B005 adds when lines were read as animation: which ones make the year's base,
    and which operating expenses were left out of it (French, English)."""
    kept, other = _names(budget.animation_lines(year)), _names(budget.other_operating_lines(year))
    return (
        f" ; dépenses d'animation retenues : {kept}"
        + (f" (non retenues : {other})" if other else ""),
        f"; animation expenses counted: {kept}" + (f" (not counted: {other})" if other else ""),
        "",
        "",
    )


def _key(budget: BudgetFacts, year: AnimationYear) -> int | None:
    """The budget's year of a year of the aid: its calendar year, or its number in a budget
    that numbers its years without a calendar year."""
    return year.index if budget.ordinal and year.year is None else year.year


def _within_operating(budget: BudgetFacts, year: AnimationYear, asked: Decimal) -> bool:
    """Whether ``asked`` fits the cap computed on all the year's operating expenses: then
    the excess comes only from lines left out of the animation base (« Communication et
    événements »), which a person must judge, not from the rate or the 60 000 € base."""
    key = _key(budget, year)
    if key is None or year.rate is None or year.shares:
        return False
    widest = min(budget.operating_expenses(key), year.base_cap) * year.rate
    return asked <= round_ceiling(widest)


def _judged(reading: tuple[str, str, str, str]) -> tuple[str, str, str, str]:
    """B005's reading when the lines left out decide: what settles it either way."""
    return (
        reading[0] + " ; si les dépenses non retenues relèvent de l'animation, l'aide est conforme",
        reading[1] + "; if the expenses not counted are animation, the aid complies",
        ", ou nommez l'animation dans les libellés de ces dépenses",
        ", or name the animation in those expenses' labels",
    )


def _names(labels: tuple[str, ...], shown: int = 4) -> str:
    """« A », « B » … : the first labels, quoted."""
    return ", ".join(f"« {label} »" for label in labels[:shown]) + (
        " …" if len(labels) > shown else ""
    )


class AnimationAidAfterYearThree(Check):
    """Le budget demande une aide à l'animation au-delà de la troisième année.

    L'aide au démarrage est dégressive « sur trois ans » (autant d'années que de taux dans
    le fichier d'appel), « sans reconduction de l'aide de la Région » : le territoire doit
    prendre le lieu en charge ensuite. Correction : retirez l'aide régionale des années
    suivantes et présentez leur financement propre.
    """

    code = "B006"
    name = "aide-animation-apres-trois-ans"
    severity = Severity.ERROR
    message = {
        "fr": "Le budget demande {requested} d'aide à l'animation en {year}, au-delà des {years} ans de l'aide : retirez-la et présentez le financement prévu sans la Région.",
        "en": "The budget requests {requested} of animation aid in {year}, beyond the aid's {years} years: remove it and show how that year is funded without the Région.",
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        budget = _budget(dossier)
        aid = _aid(dossier, budget) if budget is not None else None
        if aid is None or budget is None:
            return
        for year in aid.animation:
            if year.rate == 0 and year.requested:
                yield self.finding(
                    piece="budget",
                    file=budget.file,
                    year=year.label("fr"),
                    requested=euros(year.requested),
                    years=str(len(dossier.call.animation_aid.rates)),
                    doubtful=budget.ocr_doubt,
                )


class EquipmentAidOverCeiling(Check):
    """L'aide à l'équipement demandée dépasse ce que permet l'appel.

    « L'investissement d'équipements est calculé sur une base de 50 % maximum plafonné à
    30 k€ » sur la durée du projet : au plus min(50 % × dépenses d'équipement ; 30 000 €).
    Correction : ramenez l'aide à l'équipement au plafond indiqué et équilibrez le budget.
    """

    code = "B007"
    name = "aide-equipement-excessive"
    severity = Severity.ERROR
    message = {
        "fr": "Aide à l'équipement : {requested} demandés, mais au plus {maximum} ({explanation}). Réduisez l'aide à l'équipement à {maximum}.",
        "en": "Equipment aid: {requested} requested, but at most {maximum} ({explanation_en}). Reduce the equipment aid to {maximum}.",
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        budget = _budget(dossier)
        aid = _aid(dossier, budget) if budget is not None else None
        if budget is None or aid is None:
            return
        equipment = aid.equipment
        if equipment.requested is not None and equipment.requested > equipment.maximum:
            found = self.finding(
                piece="budget",
                file=budget.file,
                file_name=budget.file,
                requested=euros(equipment.requested),
                maximum=euros(equipment.maximum),
                explanation=equipment.explanation("fr"),
                explanation_en=equipment.explanation("en"),
                doubtful=budget.ocr_doubt,
            )
            # The cap's terms, for a letter to say them in words.
            yield replace(
                found,
                data={
                    "requested": str(equipment.requested),
                    "maximum": str(equipment.maximum),
                    "expenses": str(equipment.expenses),
                    "rate": str(equipment.rate),
                    "cap": str(equipment.cap),
                },
            )


class LetterDisagreesWithBudget(Check):
    """Le montant demandé dans le courrier n'est pas celui du budget.

    Le courrier est la demande officielle ; le budget la justifie. Si l'aide demandée par
    année, à l'équipement ou au total diffère de l'un à l'autre, l'instructeur ne sait pas
    ce qui est demandé. Erreur : « Votre demande officielle devra être faite par l'envoi […]
    des documents suivants : un courrier de demande […], un budget dépenses-recettes
    équilibré » ; le courrier n'a pas à donner de montant (C004 n'est qu'un avertissement),
    mais s'il en donne un, la demande ne peut pas en dire deux. Correction : mettez le
    courrier et les lignes « Région » du budget en accord.
    """

    code = "B008"
    name = "courrier-budget-different"
    severity = Severity.ERROR
    message = {
        "fr": "{what} : le courrier « {letter} » demande {in_letter}, le budget « {file_name} » inscrit {in_budget}. Mettez-les en accord.",
        "en": '{what_en}: the letter "{letter}" requests {in_letter}, the budget "{file_name}" shows {in_budget}. Make them agree.',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        budget = _budget(dossier)
        courrier = dossier.parsed.courrier
        if budget is None or courrier is None or courrier.scanned:
            return
        # The letter's amounts of each kind of aid (and year), with the OCR readings
        # (confidence, page) of its figures. A letter may ask one year's aid in parts (the
        # place's and the network's, tester 5's Ponthieu): they are compared as one sum.
        asked: dict[tuple[str, str], tuple[Decimal | None, list[Decimal], list[_Reading]]] = {}
        for amount in courrier.amounts:
            if amount.value is None:
                continue
            if amount.kind == "animation" and amount.year is not None:
                key = (f"Aide à l'animation {amount.year}", f"Animation aid {amount.year}")
                in_budget = budget.region_aid("animation", amount.year)
            elif amount.kind == "equipement":
                key = ("Aide à l'équipement", "Equipment aid")
                in_budget = budget.region_aid("equipement")
            else:
                continue
            _, values, readings = asked.setdefault(key, (in_budget, [], []))
            if amount.value not in values:
                values.append(amount.value)
            readings.append((amount.confidence, amount.page))
        total = courrier.total()
        animation = budget.region_aid("animation") or Decimal(0)
        equipment = budget.region_aid("equipement") or Decimal(0)
        if total is not None and (animation or equipment):
            read = [(a.confidence, a.page) for a in courrier.amounts]
            asked[("Aide totale", "Total aid")] = (animation + equipment, [total], read)
        for (what, what_en), (in_budget, values, readings) in asked.items():
            if in_budget is None or in_budget in values or sum(values) == in_budget:
                continue
            yield self.finding(
                piece="budget",
                file=budget.file,
                file_name=budget.file,
                letter=courrier.file,
                what=what,
                what_en=what_en,
                in_letter=" + ".join(euros(v) for v in values),
                in_budget=euros(in_budget),
                doubtful=doubt(*readings, budget.ocr_doubt or (None, None)),
            )


class NoFullTimeAnimator(Check):
    """Ni le budget ni le dossier technique ne prévoient un animateur à temps plein.

    Les lieux « doivent eux-mêmes être animés par au moins un professionnel à temps plein » :
    c'est la condition d'utilité du lieu, et ce que l'aide finance (la condition
    ``full_time_animator`` du fichier d'appel ; un appel qui ne la pose pas ne la fait pas
    vérifier). Avertissement : le poste peut être décrit sans les mots que dossierkit
    reconnaît. Correction : faites
    apparaître le poste (« animateur numérique, 1 ETP ») dans le budget et décrivez-le dans
    le dossier technique (question AID-5).
    """

    code = "B009"
    name = "animateur-temps-plein-absent"
    severity = Severity.WARNING
    message = {
        "fr": "Aucun poste d'animation à temps plein n'apparaît dans le budget « {file_name} » ni dans le dossier technique : indiquez le poste (« animateur, 1 ETP »).",
        "en": 'No full-time animation post appears in the budget "{file_name}" nor in the technical file: show the post ("animateur, 1 ETP").',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        budget = _budget(dossier)
        if (
            budget is None
            or dossier.call.rule("full_time_animator") is None
            or dossier.fact("animation.full_time") is True
        ):
            return
        if full_time_post(dossier) is None:
            yield self.finding(piece="budget", file=budget.file, file_name=budget.file)


def full_time_post(dossier: Dossier) -> str | None:
    """The label of the budget's animation line that names a full-time post (« Animatrice
    (CDI temps plein) », « Chargé d'animation (1 ETP) »), if one does: the evidence B009 and
    T006 accept that an animator is planned full time. A line the reader left out of the
    animation still names the post when its words do (« animat… », « coordinat… »)."""
    budget = _budget(dossier)
    if budget is None:
        return None
    for line in budget.lines:
        label = fold(line.label)
        post = line.animation or (
            line.section == "depenses"
            and line.nature != "investissement"
            and any(word in label for word in _ANIMATOR)
        )
        if post and any(word in label for word in _FULL_TIME):
            return line.label
    return None


class UnplacedBudgetItems(Check):
    """Des éléments du budget n'ont pas pu être classés.

    dossierkit dit ce qu'il n'a pas su lire plutôt que de deviner : une cellule chiffrée sans
    libellé, une colonne sans année, une ligne hors des sections dépenses et recettes. Les
    totaux vérifiés n'en tiennent pas compte. Correction : donnez un libellé à la ligne et
    placez-la dans la bonne section et la bonne colonne d'année.
    """

    code = "B010"
    name = "budget-elements-non-classes"
    severity = Severity.WARNING
    message = {
        "fr": "« {file_name} » : {unplaced} — {items}. Donnez à chacun un libellé, une section et une année.",
        "en": '"{file_name}": {unplaced_en} — {items}. Give each a label, a section and a year.',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        budget = dossier.parsed.budget
        if budget is not None and budget.unplaced:
            items = " ; ".join(budget.unplaced[:5]) + (" …" if len(budget.unplaced) > 5 else "")
            yield self.finding(
                piece="budget",
                file=budget.file,
                file_name=budget.file,
                count=str(len(budget.unplaced)),
                unplaced=counted(
                    len(budget.unplaced), "{n} élément non classé|{n} éléments non classés"
                ),
                unplaced_en=counted(
                    len(budget.unplaced),
                    "{n} item could not be placed|{n} items could not be placed",
                    "en",
                ),
                items=items,
            )


class TechniqueDisagreesWithBudget(Check):
    """Le dossier technique ne donne pas les mêmes montants d'aide régionale que le budget.

    Le dossier technique résume souvent le budget dans un tableau ; si l'aide de la Région y
    diffère du budget (une version antérieure recopiée, une année décalée), l'instructeur ne
    sait pas ce qui est demandé. Correction : mettez à jour le tableau du dossier technique
    d'après le budget.
    """

    code = "B011"
    name = "technique-budget-different"
    severity = Severity.WARNING
    message = {
        "fr": "{what} : le dossier technique « {file_name} » ({source}) indique {in_technique}, le budget « {budget} » {in_budget}. Mettez le dossier technique à jour d'après le budget.",
        "en": '{what_en}: the technical file "{file_name}" ({source}) says {in_technique}, the budget "{budget}" {in_budget}. Update the technical file from the budget.',
    }
    KINDS = {
        "animation": ("Aide à l'animation", "Animation aid"),
        "equipement": ("Aide à l'équipement", "Equipment aid"),
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        budget = _budget(dossier)
        technique = dossier.parsed.dossier_technique
        figures = technique.figures if technique is not None else None
        if budget is None or figures is None:
            return
        for (kind, year), stated in sorted(
            figures.amounts.items(), key=lambda item: (item[0][0], item[0][1] or 0)
        ):
            in_budget = budget.region_aid(kind, year)
            if in_budget is None or in_budget == stated:
                continue
            fr, en = self.KINDS[kind]
            suffix = f" {year}" if year else " (total)"
            yield self.finding(
                piece="dossier_technique",
                file=figures.file,
                file_name=figures.file,
                source=figures.source,
                budget=budget.file,
                what=fr + suffix,
                what_en=en + suffix,
                in_technique=euros(stated),
                in_budget=euros(in_budget),
            )


def _cells(items: tuple[str, ...], shown: int = 5) -> str:
    return " ; ".join(items[:shown]) + (" …" if len(items) > shown else "")


class EmptyBudget(Check):
    """Le budget ne contient aucun montant.

    L'appel demande « un budget dépenses-recettes équilibré » (pièces à fournir) : un modèle
    dont les libellés et les formules sont là, mais aucun montant, n'en est pas un, et ne
    montre ni l'aide demandée ni son équilibre. Correction : saisissez les dépenses et les
    recettes de chaque année, puis enregistrez le classeur.
    """

    code = "B012"
    name = "budget-sans-montant"
    severity = Severity.ERROR
    message = {
        "fr": "« {file_name} » : le budget ne contient aucun montant, seulement des libellés ou des formules. L'appel demande un budget dépenses-recettes équilibré : saisissez les dépenses et les recettes de chaque année.",
        "en": '"{file_name}" contains no amount, only labels or formulas. The call asks for a balanced budget of expenses and income: fill in each year\'s expenses and income.',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        budget = dossier.parsed.budget
        if budget is not None and budget.empty:
            yield self.finding(piece="budget", file=budget.file, file_name=budget.file)


def _cells_finding(
    check: Check,
    file: str,
    cells: tuple[str, ...],
    forms: tuple[str, str],
    skipped: tuple[str, str] | None = None,
) -> Iterator[Finding]:
    """One finding of ``check`` listing the budget's ``cells`` (amounts typed as text,
    formulas in error), when there are any; ``forms`` (French, English) say their number
    in agreement with it (``text.counted``); ``skipped`` (French, English) what leaves
    them out, for B013's message."""
    if cells:
        finding = check.finding(
            piece="budget",
            file=file,
            file_name=file,
            count=str(len(cells)),
            counted=counted(len(cells), forms[0]),
            counted_en=counted(len(cells), forms[1], "en"),
            items=_cells(cells),
        )
        if skipped is not None:
            params = {**finding.params, "skipped": skipped[0], "skipped_en": skipped[1]}
            finding = replace(finding, params=params)
        yield finding


class AmountTypedAsText(Check):
    """Un montant du budget est saisi comme du texte.

    « 8 000 € » ou « 8.000,00 » tapés dans une cellule sont du texte pour le tableur : ses
    formules (totaux, écart, plafonds) les ignorent ou affichent #VALEUR!, et le budget
    envoyé ne montre plus son équilibre. dossierkit les lit quand ils ne sont pas ambigus,
    mais le classeur reste faux. Correction : tapez le nombre seul (8000), sans le signe €
    ni séparateur ; le format de la cellule affiche « 8 000 € ».
    """

    code = "B013"
    name = "montant-saisi-en-texte"
    severity = Severity.WARNING
    message = {
        "fr": "« {file_name} » : {counted} comme du texte, {skipped} — {items}. Tapez chaque montant comme un nombre, sans le signe € ni espace (8000, et non « 8 000 € ») : le format de la cellule affichera « 8 000 € ».",
        "en": '"{file_name}": {counted_en} as text, {skipped_en} — {items}. Type each amount as a number, without the € sign or spaces (8000, not "8 000 €"): the cell\'s format will show "8 000 €".',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        budget = dossier.parsed.budget
        if budget is None or not budget.text_amounts:
            return
        # A formula of the workbook broke on them (#VALUE!): its formulas are what skip them.
        # Else nothing says it has formulas: a sum the applicant or the Région makes does.
        formulas = bool(budget.formula_errors)
        yield from _cells_finding(
            self,
            budget.file,
            budget.text_amounts,
            ("{n} montant saisi|{n} montants saisis", "{n} amount typed|{n} amounts typed"),
            (
                (
                    "que les formules du classeur ne comptent pas",
                    "which the workbook's formulas do not count",
                )
                if formulas
                else (
                    "qu'un tableur ne compte pas dans ses sommes",
                    "which a spreadsheet leaves out of its sums",
                )
            ),
        )


class FormulaErrorInBudget(Check):
    """Une formule du budget affiche une erreur au lieu d'un montant.

    Un total qui affiche #VALEUR! (un montant saisi comme du texte), #REF! (une ligne
    supprimée) ou #DIV/0! ne dit pas ce que le budget totalise : le budget envoyé ne montre
    pas l'équilibre que l'appel demande (« un budget dépenses-recettes équilibré »).
    Correction : corrigez la cellule d'où vient l'erreur (souvent un montant saisi comme du
    texte, signalé à part), puis vérifiez que la formule affiche un montant.
    """

    code = "B014"
    name = "budget-formule-en-erreur"
    severity = Severity.ERROR
    message = {
        "fr": "« {file_name} » : {counted} une erreur au lieu d'un montant — {items}. Le budget ne montre donc pas son équilibre : corrigez les montants dont dépend chaque formule en erreur (un montant saisi comme du texte, une ligne supprimée), jusqu'à ce qu'elle affiche un montant.",
        "en": '"{file_name}": {counted_en} an error instead of an amount — {items}. The budget therefore does not show its balance: fix the amounts each formula in error depends on (an amount typed as text, a deleted line) until it shows an amount.',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        budget = dossier.parsed.budget
        if budget is not None:
            yield from _cells_finding(
                self,
                budget.file,
                budget.formula_errors,
                ("{n} cellule affiche|{n} cellules affichent", "{n} cell shows|{n} cells show"),
            )


class UncalculatedWorkbook(Check):
    """Les formules du classeur n'ont pas de valeur enregistrée.

    Un classeur rempli par un programme et jamais ouvert dans un tableur garde ses formules
    sans leur résultat : ses totaux, son écart et ses plafonds sont vides pour qui ne le
    recalcule pas, et dossierkit ne peut pas vérifier l'équilibre que l'appel demande
    (« un budget dépenses-recettes équilibré ») : erreur. dossierkit le recalcule avec LibreOffice quand il est installé ; sinon, correction :
    ouvrez le classeur dans un tableur (LibreOffice Calc, Excel), enregistrez-le, et
    relancez la vérification.
    """

    code = "B015"
    name = "classeur-jamais-recalcule"
    severity = Severity.ERROR
    message = {
        "fr": "Les formules de « {file_name} » n'ont pas de valeur enregistrée ({cells}) : le classeur a été rempli par un programme sans être recalculé, et ses totaux ne peuvent pas être vérifiés. Ouvrez-le dans un tableur (LibreOffice Calc, Excel), enregistrez-le, puis relancez la vérification (ou installez LibreOffice, avec lequel dossierkit le recalcule).",
        "en": 'The formulas of "{file_name}" have no stored value ({cells}): the workbook was filled by a program and never recalculated, and its totals cannot be checked. Open it in a spreadsheet program (LibreOffice Calc, Excel), save it, then run the check again (or install LibreOffice, with which dossierkit recalculates it).',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        budget = dossier.parsed.budget
        if budget is not None and budget.uncalculated and not budget.empty:
            cells = budget.uncalculated.partition(" : ")[2]
            yield self.finding(piece="budget", file=budget.file, file_name=budget.file, cells=cells)


class ContributionsInKindUnbalanced(Check):
    """Les contributions volontaires en nature du budget ne s'équilibrent pas.

    Le formulaire CERFA n° 12156 présente les contributions volontaires en nature à part du
    budget en argent : leurs emplois (compte 86 : mise à disposition gratuite, personnel
    bénévole) égalent les contributions reçues (compte 87 : bénévolat, prestations et dons en
    nature), puisque c'est la même valeur vue des deux côtés. dossierkit les tient hors de
    l'équilibre demandé par l'appel ; un écart entre elles est une erreur de saisie.
    Correction : inscrivez le même montant aux comptes 86 et 87.
    """

    code = "B016"
    name = "contributions-en-nature-desequilibrees"
    severity = Severity.WARNING
    message = {
        "fr": "« {file_name} » : les contributions volontaires en nature ne s'équilibrent pas {when} : emplois (compte 86) {uses}, contributions (compte 87) {given}. Inscrivez le même montant des deux côtés.",
        "en": '"{file_name}": the voluntary contributions in kind do not balance {when_en}: uses (account 86) {uses}, contributions (account 87) {given}. Enter the same amount on both sides.',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        budget = dossier.parsed.budget
        if budget is None or not budget.contributions:
            return
        budget = anchored(budget, dossier.facts)
        years = sorted({line.year for line in budget.contributions if line.year is not None})
        for year in [None, *years] if len(years) > 1 else [None]:
            uses = budget.contributions_total("depenses", year) or Decimal(0)
            given = budget.contributions_total("recettes", year) or Decimal(0)
            if uses != given:
                yield self.finding(
                    piece="budget",
                    file=budget.file,
                    file_name=budget.file,
                    when=_when(budget, year)[0],
                    when_en=_when(budget, year)[1],
                    uses=euros(uses),
                    given=euros(given),
                )


class PlanStartsInThePast(Check):
    """Le plan d'action commence avant la date de la demande.

    L'appel demande « Quelle serait la date de début de ce plan d'action (dépenses
    éligibles) ? » : c'est la date à partir de laquelle les dépenses comptent pour l'aide.
    Une date antérieure au courrier de demande (à défaut, au jour de la vérification) est
    souvent celle d'un modèle ou d'une première version du dossier, ou un plan déjà
    commencé. L'appel ne dit pas si des dépenses antérieures à la demande sont éligibles :
    c'est un avertissement, que l'instructeur juge. Correction : indiquez dans le dossier
    technique (question AID-3) une date de début postérieure à la demande, et le budget
    d'après elle.
    """

    code = "B017"
    name = "debut-du-plan-passe"
    severity = Severity.WARNING
    message = {
        "fr": "Le plan d'action commence le {start}, avant {reference} ({when}) : indiquez une date de début à venir (question {question}) et présentez le budget d'après elle.",
        "en": "The action plan starts on {start_en}, before {reference_en} ({when_en}): give a start date to come (question {question}) and present the budget from it.",
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        found = start_fact(dossier.facts)
        if found is None:
            return
        start, fact = found
        courrier = dossier.parsed.courrier
        letter = courrier.dated.value if courrier is not None and courrier.dated else None
        reference = letter or reference_date()
        # Compared by months: the start is often a month ("septembre 2027"), read as its 1st.
        if (start.year, start.month) >= (reference.year, reference.month):
            return
        yield self.finding(
            piece="dossier_technique" if fact.origin == "inferred" else None,
            file=fact.file,
            page=fact.page,
            start=long_date(start),
            start_en=long_date(start, "en"),
            reference="la date du courrier" if letter else "le jour de la vérification",
            reference_en="the letter's date" if letter else "the day of the check",
            when=long_date(reference),
            when_en=long_date(reference, "en"),
            question=ASKED_IN["project.start_date"][0],
        )


def _consecutive(years: tuple[int, ...]) -> bool:
    return list(years) == list(range(years[0], years[0] + len(years)))


class BudgetYearsOffPlan(Check):
    """Les années du budget ne suivent pas le plan d'action.

    L'aide est calculée « avec des taux dégressifs sur trois ans de 75%, 50%, 25% » à
    partir de la « date de début de ce plan d'action (dépenses éligibles) » : la première
    colonne du budget est l'année où le plan commence, les suivantes se suivent. C'est une
    erreur quand le budget demande l'aide à l'animation pour une année qui précède le début
    du plan (des dépenses qui ne sont pas encore éligibles), ou pour une année lue à une
    autre place que la sienne dans le plan : le taux de l'aide y serait celui d'une autre
    année (un budget qui commence deux ans après le plan, lu à 75 % en sa première
    colonne). Le reste est un avertissement, que l'instructeur juge : l'appel ne fixe pas la
    forme des colonnes (années qui sautent, moins d'années que le plan, un budget qui
    commence l'année suivant un plan de fin d'année, des années hors plan sans aide).
    Correction : mettez en accord la date de début (question AID-3) et les colonnes du
    budget.
    """

    code = "B018"
    name = "annees-du-budget-hors-plan"
    severity = Severity.ERROR
    message = {
        "fr": "Les années du budget « {file_name} » ({years}) ne suivent pas le plan d'action, qui commence le {start} sur {plan} ans : {problem}{aid} Mettez en accord la date de début (question {question}) et les colonnes du budget.",
        "en": 'The years of the budget "{file_name}" ({years}) do not follow the action plan, which starts on {start_en} for {plan} years: {problem_en}{aid_en} Make the start date (question {question}) and the budget\'s columns agree.',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        budget = _budget(dossier)
        found = start_fact(dossier.facts)
        if budget is None or found is None or not budget.years:
            return
        start, _ = found
        years, plan = budget.years, dossier.call.plan_years
        problem = _years_problem(years, start, plan)
        if problem is None:
            return
        misplaced = _misplaced_aid(budget, start)
        yield self.finding(
            piece="budget",
            file=budget.file,
            severity=None if misplaced else Severity.WARNING,
            file_name=budget.file,
            years=", ".join(map(str, years)),
            start=long_date(start),
            start_en=long_date(start, "en"),
            plan=str(plan),
            problem=problem[0],
            problem_en=problem[1],
            aid=f" {misplaced[0]}" if misplaced else "",
            aid_en=f" {misplaced[1]}" if misplaced else "",
            question=ASKED_IN["project.start_date"][0],
        )


def _years_problem(years: tuple[int, ...], start: date, plan: int) -> tuple[str, str] | None:
    """How budget ``years`` stray from a plan of ``plan`` years from ``start`` (French,
    English), or None when they follow it."""
    first = years[0]
    if first < start.year:
        return (
            f"le budget commence en {first}, avant le plan ; ses dépenses de {first} précèdent la date de début.",
            f"the budget starts in {first}, before the plan; its {first} expenses precede the start date.",
        )
    if first > start.year + 1:
        return (
            f"le budget commence en {first}, {first - start.year} ans après le début du plan.",
            f"the budget starts in {first}, {first - start.year} years after the plan starts.",
        )
    if not _consecutive(years):
        return (
            "les années du budget ne se suivent pas.",
            "the budget's years are not consecutive.",
        )
    if first == start.year + 1:
        return (
            f"le budget commence en {first}, l'année qui suit le début du plan : les dépenses de {start.year} n'y sont pas.",
            f"the budget starts in {first}, the year after the plan starts: the {start.year} expenses are not in it.",
        )
    if len(years) < plan:
        return (
            f"le budget ne couvre que {counted(len(years), '{n} an|{n} ans')} sur les {plan} du plan.",
            f"the budget covers only {counted(len(years), '{n} year|{n} years', 'en')} of the plan's {plan}.",
        )
    return None


def _misplaced_aid(budget: BudgetFacts, start: date) -> tuple[str, str] | None:
    """The first year for which the budget asks animation aid before the plan starts, or at
    another place in the plan than its own (French, English); None when there is none.

    The aid's checks read a budget that starts with the plan's year on the plan's years, and
    any other budget on its own columns, first column year 1 (``dossierkit.aid``). A year's
    own places in the plan: the plan year that starts in it, and, for a plan starting from
    July, the one that holds most of its months (2027 for a plan starting in December 2026
    is mostly its first year)."""
    first = budget.years[0]
    origin = plan_origin(budget, start) or (
        start.year if follows_plan(list(budget.years), start) else first
    )
    for year in budget.years:
        asked = budget.region_aid("animation", year)
        if not asked:
            continue
        if year < start.year:
            return (
                f"Il demande {euros(asked)} d'aide à l'animation en {year}, avant le début du plan.",
                f"It asks {euros(asked)} of animation aid in {year}, before the plan starts.",
            )
        read, own = year - origin + 1, year - start.year + 1
        # Numbered columns say which year of the aid each is (« Année 0 » of set-up first).
        numbered = budget.year_one is not None
        if read != own and not numbered and not (start.month >= 7 and read == own - 1):
            return (
                f"L'aide à l'animation demandée en {year} ({euros(asked)}) y est comptée au taux de l'année {read}, alors que {year} est l'année {own} du plan.",
                f"The animation aid asked in {year} ({euros(asked)}) is counted at the rate of year {read}, while {year} is year {own} of the plan.",
            )
    return None


def project_years(dossier: Dossier, budget: BudgetFacts) -> set[int]:
    """The budget's years that lie in the project: the plan's years from its start when
    the budget follows it (one more for calendar columns shared between plan years), else
    its first columns, one per rate of the animation aid."""
    years = list(budget.years)
    found = start_fact(dossier.facts)
    start = found[0] if found is not None else None
    plan = dossier.call.plan_years
    one = 1 if budget.ordinal else budget.year_one
    if one is not None:
        # Numbered columns, never shared: from the start (an « Année 0 » of set-up when it
        # is the start's year) to the aid's last year.
        return {y for y in years if (start is None or y >= start.year) and y < one + plan}
    if start is not None and not follows_plan(years, start):
        return {y for y in years if start.year <= y < start.year + plan + (start.month != 1)}
    if calendar_columns(dossier.call, years, start):
        return set(years)
    return set(years[:plan])


class EquipmentOutsideTheProject(Check):
    """Des dépenses d'équipement sont inscrites une année hors du projet.

    L'investissement d'équipements est « à mobiliser dans le temps du projet proposé » :
    l'aide à l'équipement porte sur les années du plan d'action (trois à partir de sa date
    de début). Des dépenses d'équipement inscrites avant ou après ces années ne seront pas
    aidées, ou signalent un budget décalé. L'appel ne défend pas d'en prévoir : c'est un
    avertissement. Correction : placez les achats d'équipement dans les années du projet,
    ou retirez-les de la base de l'aide à l'équipement.
    """

    code = "B019"
    name = "equipement-hors-du-projet"
    severity = Severity.WARNING
    message = {
        "fr": "« {file_name} » inscrit {amount} de dépenses d'équipement en {year}, hors des années du projet ({project}) : l'aide à l'équipement se mobilise dans le temps du projet. Placez ces achats dans le projet, ou retirez-les de la base de l'aide.",
        "en": "\"{file_name}\" shows {amount} of equipment expenses in {year}, outside the project's years ({project}): the equipment aid is used within the project. Move these purchases into the project, or take them out of the aid's base.",
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        budget = _budget(dossier)
        if budget is None or not budget.years:
            return
        inside = project_years(dossier, budget)
        for year in budget.years:
            amount = budget.total("depenses", year, "investissement")
            if year not in inside and amount > 0:
                yield self.finding(
                    piece="budget",
                    file=budget.file,
                    file_name=budget.file,
                    amount=euros(amount),
                    year=budget.year_label(year),
                    project=", ".join(budget.year_label(y) for y in sorted(inside)) or "—",
                )
