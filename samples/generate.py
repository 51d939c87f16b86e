#!/usr/bin/env python3
"""Generate the sample dossiers of dossierkit, made the way applicants make them.

Each sample is a folder of files such as a French applicant would send for the Région
Hauts-de-France call « Tiers-lieux du numérique »: a Word letter with a pasted signature,
exported to PDF by LibreOffice; an Excel budget whose formulas carry the values Excel would
have cached; a RIB; statuts printed, signed and scanned; a phone photo of a layout plan; and
the clutter that operating systems leave behind.

Usage (from the repository root)::

    python samples/generate.py                      # every sample, next to this script
    python samples/generate.py --only interco-complete --force
    python samples/generate.py --out /tmp/samples --no-libreoffice

As a module (``sys.path.insert(0, "samples"); import generate``), every maker is a small
function: ``make_courrier_docx``, ``office_to_pdf``, ``make_budget_xlsx``, ``scan_pdf``…
and ``build_sample(name, out_dir)`` builds one folder of ``SAMPLES``.

Everything is deterministic: random generators are seeded from the sample's name, reportlab
runs with ``invariant=1`` and the zip entries of DOCX/XLSX files carry fixed dates. Files
exported by LibreOffice and the AES-encrypted PDF (random salt) may differ in bytes between
runs; their content does not. LibreOffice runs through dossierkit's own runner
(``dossierkit.external.soffice``), in the French locale whatever the machine's: an ODS shows
« 43 000 € », as an applicant's LibreOffice writes it, on every machine.

Its temporary folders are dossierkit's (``external.scratch``): ``dossierkit-conv-<pid>-…``
for a conversion, ``dossierkit-work-<pid>-…`` for a sample's drafts, private, removed on every
exit path (SIGTERM included), and those of a killed run removed by the next generation or the
next dossierkit command; a sample is built beside its place as ``.<name>-<pid>-…``, which the
next build of that sample removes when its run was killed.
"""

from __future__ import annotations

import argparse
import csv
import io
import math
import os
import random
import re
import shutil
import signal
import sys
import tempfile
import time
import zipfile
import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from docx import Document as new_document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

HERE = Path(__file__).resolve().parent
try:  # the generator runs from a checkout where dossierkit may not be installed
    import dossierkit  # noqa: F401
except ImportError:  # pragma: no cover
    sys.path.insert(0, str(HERE.parent))
from dossierkit.dates import long_date, month_name  # noqa: E402 (after the path is set)
from dossierkit.external import ExternalError, soffice  # noqa: E402
from dossierkit.external.scratch import alive, remove_stale_once, scratch_dir  # noqa: E402
from dossierkit.text import at_place  # noqa: E402

YEARS = (2027, 2028, 2029)
NBSP = "\u00a0"
LO_TIMEOUT = 120
REGION_ADDRESS = (
    "Monsieur le Président du Conseil régional des Hauts-de-France",
    "Mission du Développement des Usages Numériques",
    "151 Boulevard Hoover",
    "59555 Lille Cedex",
)
CALL_NAME = "« Tiers-lieux du numérique »"
FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/local/share/fonts"),
    Path("/Library/Fonts"),
    Path("C:/Windows/Fonts"),
)

# --------------------------------------------------------------------------------------------
# Small helpers: seeds, French dates and amounts
# --------------------------------------------------------------------------------------------


def seed_for(*parts: object) -> int:
    """A stable seed from any labels (``hash()`` is salted per process, crc32 is not)."""
    return zlib.crc32("|".join(str(p) for p in parts).encode("utf-8"))


def fr_date(day: date) -> str:
    """``12 octobre 2026``; ``1er janvier 2027`` for the first of the month."""
    return long_date(day)


def fr_amount(value: Decimal | int, *, cents: bool = False, euro: bool = True) -> str:
    """``45 000 €`` (no-break spaces, as Word's French autocorrect types them)."""
    value = Decimal(value)
    quant = Decimal("0.01") if cents else Decimal("1")
    value = value.quantize(quant, rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    whole, _, frac = f"{abs(value):f}".partition(".")
    groups: list[str] = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = sign + NBSP.join(groups or ["0"])
    if cents:
        text += "," + (frac or "00").ljust(2, "0")
    return text + (f"{NBSP}€" if euro else "")


def _plain(value: Decimal) -> str:
    """A number as a spreadsheet stores it: ``45000`` or ``1234.5``."""
    text = f"{value.normalize():f}"
    return text


def find_font(bold: bool = False) -> Path | None:
    """A TrueType font with the French glyphs (DejaVu Sans), or None."""
    names = (
        ("DejaVuSans-Bold.ttf", "Arial Bold.ttf", "arialbd.ttf")
        if bold
        else ("DejaVuSans.ttf", "Arial.ttf", "arial.ttf")
    )
    for folder in FONT_DIRS:
        for name in names:
            if (folder / name).is_file():
                return folder / name
    return None


def pil_font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """A Pillow font of ``size`` pixels, DejaVu when available."""
    path = find_font(bold)
    if path is not None:
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)


# --------------------------------------------------------------------------------------------
# Data: who applies, with what budget and which bank account
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    """Someone named in the dossier, with their qualité (``Présidente``…)."""

    name: str
    title: str
    civility: str = "M."

    @property
    def feminine(self) -> bool:
        """True for « Mme »: French agrees titles and « soussigné(e) »."""
        return self.civility == "Mme"

    @property
    def full(self) -> str:
        """``Mme Marie Delattre``."""
        return f"{self.civility} {self.name}"


@dataclass(frozen=True)
class BudgetLine:
    """One line of the budget: a label and one amount per year of ``YEARS``.

    ``animation`` marks the expenses the animation aid is based on (salaries, services);
    investment lines are all equipment.
    """

    label: str
    amounts: tuple[Decimal, ...]
    animation: bool = False

    @property
    def total(self) -> Decimal:
        """Sum over the three years."""
        return sum(self.amounts, Decimal(0))


def line(label: str, *amounts: int | str, animation: bool = False) -> BudgetLine:
    """Shorthand: ``line("Loyer", 9600, 9600, 9600)``."""
    return BudgetLine(label, tuple(Decimal(a) for a in amounts), animation)


@dataclass(frozen=True)
class Budget:
    """A three-year budget, dépenses (fonctionnement + investissement) against recettes."""

    title: str
    operating_heading: str
    investment_heading: str
    operating: tuple[BudgetLine, ...]
    investment: tuple[BudgetLine, ...]
    revenues: tuple[BudgetLine, ...]
    note: str
    years: tuple[int, ...] = YEARS

    def _sum(self, lines: Iterable[BudgetLine], year: int | None) -> Decimal:
        if year is None:
            return sum((ln.total for ln in lines), Decimal(0))
        return sum((ln.amounts[year] for ln in lines), Decimal(0))

    def operating_total(self, year: int | None = None) -> Decimal:
        """Fonctionnement for year index ``year`` (None: the three years)."""
        return self._sum(self.operating, year)

    def investment_total(self, year: int | None = None) -> Decimal:
        """Investissement for year index ``year`` (None: the three years)."""
        return self._sum(self.investment, year)

    def expenses_total(self, year: int | None = None) -> Decimal:
        """Total dépenses."""
        return self.operating_total(year) + self.investment_total(year)

    def revenues_total(self, year: int | None = None) -> Decimal:
        """Total recettes."""
        return self._sum(self.revenues, year)

    def animation_base(self, year: int) -> Decimal:
        """Eligible animation expenses of a year (salaries and animation services)."""
        return self._sum((ln for ln in self.operating if ln.animation), year)

    @property
    def animation_aid(self) -> tuple[Decimal, ...]:
        """The Région's animation aid per year, as asked in the recettes."""
        return self.revenues[0].amounts

    @property
    def equipment_aid(self) -> Decimal:
        """The Région's equipment aid over the project."""
        return self.revenues[1].total

    def is_balanced(self) -> bool:
        """Dépenses equal recettes each year."""
        return all(self.expenses_total(i) == self.revenues_total(i) for i in range(len(self.years)))


ANIMATION_CAP = Decimal(60000)
ANIMATION_RATES = (Decimal("0.75"), Decimal("0.50"), Decimal("0.25"))
EQUIPMENT_RATE, EQUIPMENT_CAP = Decimal("0.50"), Decimal(30000)


def build_budget(
    *,
    title: str,
    operating_heading: str,
    investment_heading: str,
    operating: Sequence[BudgetLine],
    investment: Sequence[BudgetLine],
    revenues: Sequence[BudgetLine],
    balance_label: str,
    note: str,
) -> Budget:
    """A balanced budget: the Région's aids are computed by the call's rules (75/50/25 % of
    the animation expenses capped at 60 000 €; 50 % of the equipment capped at 30 000 €),
    ``revenues`` are added, and a last line (``balance_label``) balances each year."""
    n = len(YEARS)
    base = [sum((ln.amounts[i] for ln in operating if ln.animation), Decimal(0)) for i in range(n)]
    anim = tuple(
        (min(base[i], ANIMATION_CAP) * ANIMATION_RATES[i]).quantize(Decimal(1)) for i in range(n)
    )
    invest = [sum((ln.amounts[i] for ln in investment), Decimal(0)) for i in range(n)]
    total_aid = min(sum(invest, Decimal(0)) * EQUIPMENT_RATE, EQUIPMENT_CAP)
    ratio = total_aid / sum(invest, Decimal(0)) if sum(invest, Decimal(0)) else Decimal(0)
    equip = tuple((invest[i] * ratio).quantize(Decimal(1)) for i in range(n))
    region = [
        BudgetLine("Région Hauts-de-France — aide à l'animation (75 % / 50 % / 25 %)", anim),
        BudgetLine("Région Hauts-de-France — aide à l'équipement (50 %)", equip),
    ]
    expenses = [
        sum((ln.amounts[i] for ln in (*operating, *investment)), Decimal(0)) for i in range(n)
    ]
    known = [sum((ln.amounts[i] for ln in (*region, *revenues)), Decimal(0)) for i in range(n)]
    balance = tuple(expenses[i] - known[i] for i in range(n))
    if any(b < 0 for b in balance):
        raise ValueError(f"budget {title!r}: les recettes dépassent les dépenses ({balance})")
    budget = Budget(
        title,
        operating_heading,
        investment_heading,
        tuple(operating),
        tuple(investment),
        (*region, *revenues, BudgetLine(balance_label, balance)),
        note,
    )
    assert budget.is_balanced()
    return budget


def rib_key(bank_code: str, branch_code: str, account: str) -> str:
    """The French RIB key: letters become digits, then 97 − ((89·B + 15·G + 3·C) mod 97)."""
    table = {
        c: str(d)
        for d, letters in enumerate(
            ("", "AJ", "BKS", "CLT", "DMU", "ENV", "FOW", "GPX", "HQY", "IRZ")
        )
        for c in letters
    }
    digits = "".join(table.get(c, c) for c in account.upper())
    value = 89 * int(bank_code) + 15 * int(branch_code) + 3 * int(digits)
    return f"{97 - value % 97:02d}"


def iban_fr(bban: str) -> str:
    """``FR`` + ISO 13616 check digits + BBAN (letters count as 10…35)."""
    rearranged = bban.upper() + "FR00"
    number = int("".join(str(int(c, 36)) for c in rearranged))
    return f"FR{98 - number % 97:02d}{bban.upper()}"


def iban_is_valid(iban: str) -> bool:
    """ISO 13616 check (mod 97 = 1) of a French IBAN, and its RIB key."""
    iban = iban.replace(" ", "").upper()
    if not re.fullmatch(r"FR[0-9]{2}[0-9]{10}[0-9A-Z]{11}[0-9]{2}", iban):
        return False
    number = int("".join(str(int(c, 36)) for c in iban[4:] + iban[:4]))
    bban = iban[4:]
    return number % 97 == 1 and rib_key(bban[:5], bban[5:10], bban[10:21]) == bban[21:]


def group4(text: str) -> str:
    """``FR76 1670 …`` — an IBAN as printed, in groups of four."""
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


@dataclass(frozen=True)
class BankAccount:
    """A French bank account and what its RIB prints."""

    bank: str
    domiciliation: str
    holder: str
    holder_lines: tuple[str, ...]
    bank_code: str
    branch_code: str
    account: str
    bic: str
    beside: str | None = None  # the collectivité named next to a Trésor public holder

    @property
    def key(self) -> str:
        """Clé RIB."""
        return rib_key(self.bank_code, self.branch_code, self.account)

    @property
    def iban(self) -> str:
        """IBAN without spaces."""
        return iban_fr(self.bank_code + self.branch_code + self.account + self.key)


@dataclass(frozen=True)
class Place:
    """One place of a network (réseau) of tiers-lieux."""

    name: str
    town: str
    functions: str


@dataclass(frozen=True)
class Applicant:
    """Everything the documents of one sample say about who applies and for what."""

    structure: str  # as in the letterhead: "Association Fab'Lab du Ternois"
    short_name: str  # "Fab'Lab du Ternois"
    kind: str  # "association" | "intercommunalite"
    epci: str  # "Communauté de communes du Ternois"
    epci_short: str  # "CC du Ternois"
    address: tuple[str, ...]
    town: str
    phone: str
    email: str
    legal_rep: Person
    signatory: Person
    project_name: str
    project_form: str  # "lieu" | "reseau"
    functions: tuple[str, ...]
    venue: str
    territory: str
    letter_date: date
    start_date: date
    budget: Budget
    bank: BankAccount
    elected: Person
    agent: Person
    contact: Person
    copil: str
    legitimation: str
    roadmap: str
    roadmap_status: str
    ecosystem: str
    innovation: str
    plan_3_years: tuple[str, ...]
    plan_year_1: str
    animator: str
    sustainability: str
    prior_aid: str
    qpv: str
    other_help: str
    places: tuple[Place, ...] = ()
    places_complementarity: str = ""
    network_goals: str = ""
    siret: str = ""
    delegation_date: date | None = None
    delegation_number: str = ""
    deliberation_date: date | None = None
    statuts_date: date | None = None
    author: str = ""
    rna: str = ""
    extra: Mapping[str, str] = field(default_factory=dict)

    @property
    def is_association(self) -> bool:
        """The structure is an association (statuts required)."""
        return self.kind == "association"

    @property
    def article(self) -> str:
        """``l'association Fab'Lab du Ternois`` / ``la Communauté de communes …``."""
        if self.is_association:
            return f"l'association {self.short_name}"
        return f"la {self.structure}"

    @property
    def facts(self) -> dict[str, object]:
        """Facts for the call's ``applies_when`` conditions."""
        return {
            "project.form": self.project_form,
            "structure.kind": self.kind,
            "signatory.is_legal_representative": self.signatory == self.legal_rep,
        }


# --------------------------------------------------------------------------------------------
# The four applicants
# --------------------------------------------------------------------------------------------


def applicant_ternois() -> Applicant:
    """Association Fab'Lab du Ternois, designated by the CC du Ternois; a place (lieu)."""
    budget = build_budget(
        title="Budget prévisionnel 2027-2029 — montants TTC",
        operating_heading="Fonctionnement",
        investment_heading="Investissement",
        operating=[
            line(
                "Salaire et charges de l'animateur (1 ETP, CDI)",
                41500,
                42300,
                43150,
                animation=True,
            ),
            line(
                "Prestations d'animation (intervenants, ateliers, médiation)",
                18500,
                17700,
                16850,
                animation=True,
            ),
            line("Loyer et charges (180 m²)", 9600, 9600, 9600),
            line("Consommables du fablab (filament, bois, vinyle)", 3000, 3500, 3800),
            line("Communication (site, signalétique, impressions)", 2400, 1200, 1200),
            line("Assurances, téléphone et accès internet", 1900, 1950, 2000),
            line("Déplacements et formation de l'animateur", 1200, 1000, 1000),
        ],
        investment=[
            line(
                "Équipement du fablab : 2 imprimantes 3D, découpeuse laser, brodeuse numérique",
                28600,
                4200,
                0,
            ),
            line("Mobilier et postes informatiques (coworking, médiation)", 7200, 0, 0),
        ],
        revenues=[
            line(
                "Communauté de communes du Ternois — subvention de fonctionnement",
                20000,
                28000,
                40000,
            ),
            line(
                "Communauté de communes du Ternois — fonds de concours équipement", 17900, 2100, 0
            ),
            line(
                "Recettes d'activité (adhésions, abonnements coworking, prestations)",
                6000,
                9500,
                13000,
            ),
        ],
        balance_label="Autofinancement (fonds propres de l'association)",
        note="Budget équilibré. Montants TTC : l'association n'est pas assujettie à la TVA "
        "et ne la récupère pas.",
    )
    rep = Person("Marie Delattre", "Présidente", "Mme")
    return Applicant(
        structure="Association Fab'Lab du Ternois",
        short_name="Fab'Lab du Ternois",
        kind="association",
        epci="Communauté de communes du Ternois",
        epci_short="CC du Ternois",
        address=("14 rue des Procureurs", "62130 Saint-Pol-sur-Ternoise"),
        town="Saint-Pol-sur-Ternoise",
        phone="03 21 47 18 52",
        email="contact@fablab-ternois.fr",
        siret="853 214 770 00018",
        rna="W623004517",
        legal_rep=rep,
        signatory=rep,
        project_name="La Fabrique du Ternois",
        project_form="lieu",
        functions=("fablab", "médiation numérique", "coworking", "aide aux porteurs de projets"),
        venue=(
            "au rez-de-chaussée de l'ancienne école Jean-Jaurès, 14 rue des Procureurs à "
            "Saint-Pol-sur-Ternoise (180 m²), à 400 mètres de la gare et de la place du "
            "marché, accessible de plain-pied aux personnes à mobilité réduite"
        ),
        territory="103 communes, 38 122 habitants",
        letter_date=date(2026, 10, 12),
        start_date=date(2027, 1, 1),
        statuts_date=date(2023, 3, 14),
        author="Thomas Caron",
        budget=budget,
        bank=BankAccount(
            bank="La Banque Postale",
            domiciliation="La Banque Postale — Centre financier de Lille",
            holder="ASSOCIATION FAB LAB DU TERNOIS",
            holder_lines=("14 RUE DES PROCUREURS", "62130 SAINT-POL-SUR-TERNOISE"),
            bank_code="20041",
            branch_code="01005",
            account="1784263K029",
            bic="PSSTFRPPLIL",
        ),
        elected=Person(
            "Jean-Luc Vasseur",
            "vice-président de la Communauté de communes du Ternois chargé du numérique",
        ),
        agent=Person(
            "Camille Lefebvre",
            "chargée de mission numérique de la Communauté de communes du Ternois",
            "Mme",
        ),
        contact=Person("Thomas Caron", "coordinateur de l'association"),
        copil=(
            "la présidente de l'association, le vice-président chargé du numérique et la "
            "chargée de mission numérique de la CC du Ternois, la Région, la médiathèque "
            "intercommunale, la Chambre de métiers et de l'artisanat et deux usagers"
        ),
        legitimation=(
            "Le conseil communautaire de la CC du Ternois a désigné l'association "
            "comme structure porteuse du tiers-lieu par délibération du 23 septembre "
            "2026, jointe au dossier. Une convention d'objectifs 2027-2029 précise "
            "les engagements réciproques et le soutien financier de la communauté de "
            "communes. La CC du Ternois siège de droit au conseil d'administration "
            "de l'association et au comité de pilotage."
        ),
        roadmap=(
            "La feuille de route numérique de la CC du Ternois prévoit dans son axe 2 « un "
            "lieu ressource du numérique pour tous » : La Fabrique du Ternois en est "
            "l'incarnation. Le tiers-lieu accueillera les permanences des conseillers "
            "numériques et les ateliers de sensibilisation des artisans prévus par l'axe 3."
        ),
        roadmap_status=(
            "La feuille de route numérique a été votée par le conseil "
            "communautaire le 18 mars 2025 ; elle sera évaluée à mi-parcours en "
            "2027 avec le comité de pilotage du tiers-lieu."
        ),
        ecosystem=(
            "Le projet s'appuie sur le réseau des médiathèques du Ternois, l'espace "
            "France Services de Saint-Pol, le lycée Albert-Châtelet et ses sections "
            "numériques, la Chambre de métiers et Initiative Ternois 7 Vallées pour "
            "l'accompagnement des créateurs. Le fablab rejoindra le réseau régional des "
            "fablabs et partagera ses machines avec le collège de Frévent."
        ),
        innovation=(
            "Le fablab permettra aux artisans et agriculteurs de prototyper des pièces "
            "et outils sans se déplacer à Arras ou Lille. Des défis de fabrication avec "
            "les collégiens et un « Ternois Hack » annuel feront émerger des projets "
            "numériques locaux, accompagnés ensuite dans l'espace de coworking."
        ),
        plan_3_years=(
            "2027 : recrutement de l'animateur, aménagement et ouverture du lieu, lancement "
            "des ateliers de médiation et des permanences d'aide aux porteurs de projets.",
            "2028 : montée en charge du fablab (créneaux professionnels, formations aux "
            "machines), ouverture de l'espace de coworking le samedi, premiers événements "
            "« Ternois Hack ».",
            "2029 : consolidation du modèle économique (abonnements, prestations aux "
            "entreprises), antennes mobiles dans trois bourgs-centres, bilan et évaluation "
            "avec la CC du Ternois.",
        ),
        plan_year_1=(
            "Dès 2027, l'objectif est d'ouvrir le lieu 35 heures par semaine et "
            "d'accueillir 1 200 passages. La fonction de médiation numérique vise les "
            "seniors et les demandeurs d'emploi (ateliers hebdomadaires, dépenses : "
            "salaire de l'animateur et prestations de médiation) ; le fablab vise les "
            "artisans, les collégiens et les makers (dépenses : équipement "
            "du fablab et consommables) ; le coworking vise les "
            "travailleurs indépendants et les télétravailleurs (mobilier et postes "
            "informatiques)."
        ),
        animator=(
            "L'animation sera internalisée : l'association recrutera un animateur à "
            "temps plein en CDI, titulaire d'un titre de FabManager ou de médiateur "
            "numérique, dès janvier 2027. Des intervenants extérieurs compléteront son "
            "action pour les ateliers spécialisés."
        ),
        sustainability=(
            "La baisse de l'aide régionale sera compensée par la hausse de la "
            "subvention de fonctionnement de la CC du Ternois (20 000 € en 2027, "
            "40 000 € en 2029) et par les recettes d'activité (abonnements de "
            "coworking, prestations aux entreprises, adhésions). À partir de 2030, "
            "le poste d'animateur sera financé par la convention avec la "
            "communauté de communes et les recettes propres."
        ),
        prior_aid=(
            "Non. Ni le lieu ni l'association n'ont bénéficié d'une aide régionale au "
            "titre des dispositifs PEL, CRNT ou ECRINS."
        ),
        qpv=(
            "Non, Saint-Pol-sur-Ternoise ne compte pas de quartier prioritaire de la "
            "politique de la ville ; le lieu est situé en centre-bourg, en zone de "
            "revitalisation rurale."
        ),
        other_help=(
            "Oui : nous souhaitons être mis en relation avec les autres tiers-lieux du "
            "réseau régional et bénéficier d'un appui en conseil pour la tarification "
            "des usages professionnels du fablab."
        ),
    )


def applicant_lumbres() -> Applicant:
    """CC du Pays de Lumbres carries its own place; a vice-président signs by délégation."""
    budget = build_budget(
        title="Budget prévisionnel 2027-2029 — fonctionnement en TTC, investissement en HT",
        operating_heading="Fonctionnement (montants TTC)",
        investment_heading="Investissement (montants HT — dépenses éligibles au FCTVA)",
        operating=[
            line(
                "Rémunération de l'animateur (agent contractuel, 1 ETP, charges comprises)",
                43000,
                43900,
                44800,
                animation=True,
            ),
            line(
                "Prestations d'animation et interventions extérieures",
                17000,
                16100,
                15200,
                animation=True,
            ),
            line("Fluides, entretien et maintenance du bâtiment", 6500, 6700, 6900),
            line("Abonnements logiciels et connexion très haut débit", 2400, 2400, 2400),
            line("Communication et événements", 3000, 2000, 2000),
            line("Consommables du fablab", 2500, 3000, 3000),
        ],
        investment=[
            line(
                "Équipement du fablab : imprimantes 3D, découpeuse laser, fraiseuse numérique",
                36000,
                8000,
                0,
            ),
            line("Équipement de l'espace de coworking et de visioconférence", 12000, 0, 0),
        ],
        revenues=[
            line(
                "Recettes d'activité (abonnements coworking, ateliers payants)", 4000, 7000, 10000
            ),
        ],
        balance_label="Autofinancement de la CC du Pays de Lumbres",
        note="Budget équilibré. Fonctionnement présenté TTC (la TVA sur ces dépenses n'est pas "
        "récupérée) ; investissement présenté HT (dépenses éligibles au FCTVA).",
    )
    president = Person("Francis Bertin", "Président")
    vp = Person("Olivier Dufour", "Vice-président délégué au numérique")
    return Applicant(
        structure="Communauté de communes du Pays de Lumbres",
        short_name="CC du Pays de Lumbres",
        kind="intercommunalite",
        epci="Communauté de communes du Pays de Lumbres",
        epci_short="CC du Pays de Lumbres",
        address=("Hôtel communautaire", "2 place de la Mairie", "62380 Lumbres"),
        town="Lumbres",
        phone="03 21 93 45 60",
        email="numerique@cc-paysdelumbres.fr",
        legal_rep=president,
        signatory=vp,
        project_name="L'Usine numérique",
        project_form="lieu",
        functions=("fablab", "coworking", "télétravail ponctuel", "médiation numérique"),
        venue=(
            "dans l'ancienne salle des machines de la papeterie, rue de la Gare à Lumbres "
            "(240 m²), à 200 mètres de l'arrêt de la ligne de bus Saint-Omer – Lumbres, "
            "avec un parking de 30 places et un accès PMR"
        ),
        territory="36 communes, 24 650 habitants",
        letter_date=date(2026, 11, 5),
        start_date=date(2027, 2, 1),
        delegation_date=date(2026, 4, 15),
        delegation_number="ARR-2026-058",
        deliberation_date=date(2026, 9, 24),
        author="Service développement numérique",
        budget=budget,
        bank=BankAccount(
            bank="Banque de France",
            domiciliation="BDF Arras",
            holder="TRESOR PUBLIC — SGC de Saint-Omer",
            holder_lines=(
                "Service de gestion comptable de Saint-Omer",
                "Rue Saint-Bertin",
                "62500 Saint-Omer",
            ),
            bank_code="30001",
            branch_code="00592",
            account="C6240000000",
            bic="BDFEFRPPCCT",
            beside="CC du Pays de Lumbres",
        ),
        elected=vp,
        agent=Person("Sophie Leclercq", "responsable du service développement numérique", "Mme"),
        contact=Person("Sophie Leclercq", "responsable du service développement numérique", "Mme"),
        copil=(
            "le vice-président délégué au numérique, la responsable du service "
            "développement numérique, deux maires du territoire, la Région, l'Agence "
            "d'urbanisme et de développement du Pays de Saint-Omer, la Maison de l'emploi "
            "et un représentant des usagers du coworking"
        ),
        legitimation="",
        roadmap=(
            "Le schéma numérique communautaire 2025-2030 fait du tiers-lieu son action "
            "phare (action 4 « un lieu du numérique au cœur du territoire »). L'Usine "
            "numérique portera aussi les actions d'inclusion numérique du schéma, en lien "
            "avec les mairies et l'espace France Services."
        ),
        roadmap_status=(
            "La feuille de route numérique (schéma numérique communautaire) a été "
            "votée par le conseil communautaire le 27 mars 2025."
        ),
        ecosystem=(
            "L'Usine numérique travaillera avec l'espace France Services de Lumbres, "
            "les médiathèques de Lumbres et d'Esquerdes, le collège Albert-Camus, la "
            "pépinière d'entreprises de l'agglomération de Saint-Omer et la Maison de "
            "l'emploi. Elle rejoindra le réseau régional des tiers-lieux et la "
            "communauté des fablabs du Pas-de-Calais."
        ),
        innovation=(
            "L'atelier de fabrication numérique sera ouvert aux entreprises de la "
            "vallée de l'Aa pour le prototypage ; le coworking et le télétravail "
            "ponctuel éviteront des trajets quotidiens vers Saint-Omer et la "
            "métropole. Des sessions de sensibilisation à la digitalisation des "
            "commerçants et artisans seront organisées chaque trimestre."
        ),
        plan_3_years=(
            "2027 : recrutement de l'animateur, travaux d'aménagement légers, ouverture du "
            "coworking et du fablab, programme de médiation numérique avec les mairies.",
            "2028 : ouverture de créneaux réservés aux entreprises, accueil d'une formation "
            "de la Grande école du numérique, premier « start-up week-end » du Pays de Lumbres.",
            "2029 : équilibre des recettes d'activité, élargissement des horaires, évaluation "
            "et intégration du lieu au budget principal de la communauté de communes.",
        ),
        plan_year_1=(
            "En 2027, l'objectif est d'accueillir 15 coworkers réguliers et 800 "
            "habitants en médiation. La médiation (seniors, demandeurs d'emploi) "
            "mobilise l'animateur et les prestations extérieures ; le fablab "
            "(entreprises, scolaires) mobilise l'équipement et les consommables ; le "
            "coworking et le télétravail (indépendants, salariés) mobilisent "
            "l'équipement de visioconférence et la connexion très haut débit."
        ),
        animator=(
            "L'animation sera internalisée : la communauté de communes recrutera un "
            "animateur à temps plein, agent contractuel en CDI de droit public, "
            "rattaché au service développement numérique."
        ),
        sustainability=(
            "La communauté de communes a inscrit le poste d'animateur dans sa "
            "prospective budgétaire : sa part d'autofinancement augmente chaque "
            "année à mesure que l'aide régionale diminue, et les recettes "
            "d'activité doivent atteindre 10 000 € en 2029."
        ),
        prior_aid=(
            "L'ancien espace public numérique de Lumbres a bénéficié en 2014 d'une aide "
            "au titre des PEL. Le nouveau lieu s'enrichit de fonctions nouvelles "
            "(fablab, coworking, télétravail ponctuel) ; il n'a pas bénéficié de l'aide "
            "PEL exceptionnelle de 2017."
        ),
        qpv="Non, le territoire du Pays de Lumbres ne compte pas de quartier prioritaire.",
        other_help=(
            "Oui : un appui en conseil pour le modèle économique du coworking et une "
            "mise en relation avec les tiers-lieux du Pays de Saint-Omer."
        ),
    )


def applicant_montreuillois() -> Applicant:
    """Association Les Ateliers Numériques du Montreuillois (incomplete sample)."""
    budget = build_budget(
        title="Budget prévisionnel 2027-2029 — montants TTC",
        operating_heading="Fonctionnement",
        investment_heading="Investissement",
        operating=[
            line(
                "Salaire et charges de l'animatrice (1 ETP, CDI)",
                40200,
                41000,
                41800,
                animation=True,
            ),
            line(
                "Prestations d'animation (ateliers, conseillers extérieurs)",
                19800,
                19000,
                18200,
                animation=True,
            ),
            line("Loyer et charges", 7800, 7800, 7800),
            line("Communication", 1500, 1000, 1000),
            line("Frais de déplacement (permanences itinérantes)", 2200, 2400, 2400),
        ],
        investment=[
            line("Ordinateurs portables et tablettes pour la médiation", 9000, 3000, 0),
            line(
                "Équipement de l'espace de coworking (mobilier, écran, visioconférence)", 4000, 0, 0
            ),
        ],
        revenues=[
            line("CA des Deux Baies en Montreuillois — subvention", 18000, 26000, 34000),
            line("Département du Pas-de-Calais — inclusion numérique", 5000, 5000, 5000),
            line("Recettes d'activité (adhésions, abonnements coworking)", 2500, 4000, 6000),
        ],
        balance_label="Autofinancement",
        note="Budget équilibré, présenté TTC : l'association n'est pas assujettie à la TVA.",
    )
    rep = Person("Nathalie Lecomte", "Présidente", "Mme")
    return Applicant(
        structure="Association Les Ateliers Numériques du Montreuillois",
        short_name="Les Ateliers Numériques du Montreuillois",
        kind="association",
        epci="Communauté d'agglomération des Deux Baies en Montreuillois",
        epci_short="CA des Deux Baies en Montreuillois",
        address=("5 rue Pierre Ledent", "62170 Montreuil-sur-Mer"),
        town="Montreuil-sur-Mer",
        phone="03 21 06 72 14",
        email="bonjour@ateliers-montreuillois.fr",
        legal_rep=rep,
        signatory=rep,
        project_name="Les Ateliers",
        project_form="lieu",
        functions=("médiation numérique", "coworking", "aide aux porteurs de projets"),
        venue=(
            "au 5 rue Pierre Ledent à Montreuil-sur-Mer, en centre-ville, à 300 mètres "
            "de la gare (ligne Arras – Étaples) et de la gare routière"
        ),
        territory="46 communes, 67 416 habitants",
        letter_date=date(2026, 11, 3),
        start_date=date(2027, 1, 1),
        author="Nathalie Lecomte",
        budget=budget,
        bank=BankAccount(
            bank="Crédit Mutuel Nord Europe",
            domiciliation="CCM Montreuil-sur-Mer",
            holder="ASSOC LES ATELIERS NUMERIQUES DU MONTREUILLOIS",
            holder_lines=("5 RUE PIERRE LEDENT", "62170 MONTREUIL-SUR-MER"),
            bank_code="15629",
            branch_code="02718",
            account="00041257901",
            bic="CMCIFR2A",
        ),
        elected=Person(
            "Bruno Hochart",
            "vice-président de la CA des Deux Baies en "
            "Montreuillois chargé de l'inclusion numérique",
        ),
        agent=Person("Julie Fournier", "chargée de mission transition numérique", "Mme"),
        contact=Person("Pauline Dewet", "coordinatrice de l'association", "Mme"),
        copil=(
            "la présidente de l'association, l'élu et l'agente référents de la CA des Deux "
            "Baies en Montreuillois, la Région, le Département et la Mission locale"
        ),
        legitimation=(
            "La CA des Deux Baies en Montreuillois a désigné l'association comme "
            "porteuse du tiers-lieu par délibération du conseil communautaire du 2 "
            "octobre 2026 et lui verse une subvention annuelle dans le cadre d'une "
            "convention pluriannuelle."
        ),
        roadmap=(
            "Le projet met en œuvre l'axe « inclusion numérique » de la feuille de route "
            "de l'agglomération, en cours d'écriture avec les communes."
        ),
        roadmap_status=(
            "La feuille de route numérique est en cours d'élaboration : son "
            "adoption par le conseil communautaire est prévue au printemps 2027."
        ),
        ecosystem=(
            "Le lieu travaillera avec les espaces France Services de Montreuil et "
            "d'Étaples, la Mission locale, la médiathèque de Montreuil et les "
            "conseillers numériques du territoire."
        ),
        innovation=(
            "Les permanences d'aide aux porteurs de projets et le coworking "
            "rapprocheront indépendants, associations et entreprises du littoral ; les "
            "ateliers de médiation aideront les habitants les plus éloignés du "
            "numérique."
        ),
        plan_3_years=(
            "2027 : ouverture du lieu, ateliers de médiation et permanences itinérantes.",
            "2028 : ouverture du coworking, cycle d'ateliers pour les porteurs de projets.",
            "2029 : consolidation des recettes et extension des permanences à Berck.",
        ),
        plan_year_1=(
            "La première année vise 900 personnes accompagnées en médiation "
            "(seniors, allocataires des minima sociaux) grâce à l'animatrice et aux "
            "ateliers extérieurs, et 10 porteurs de projets suivis dans l'espace de "
            "coworking équipé en 2027."
        ),
        animator=(
            "L'animation sera internalisée : une animatrice à temps plein sera recrutée en CDI."
        ),
        sustainability=(
            "La subvention de l'agglomération augmentera de 12 000 € à 30 000 € "
            "pour compenser la baisse de l'aide régionale."
        ),
        prior_aid="Non, l'association n'a jamais bénéficié d'une aide régionale.",
        qpv="Non.",
        other_help="Oui, une mise en relation avec les tiers-lieux du littoral.",
    )


def applicant_boulonnais() -> Applicant:
    """CA du Boulonnais animates a network of places (incomplete sample)."""
    budget = build_budget(
        title="Budget prévisionnel 2027-2029 — fonctionnement TTC, investissement HT",
        operating_heading="Fonctionnement (TTC)",
        investment_heading="Investissement (HT)",
        operating=[
            line(
                "Coordinateur du réseau (1 ETP, agent titulaire, charges comprises)",
                46000,
                46900,
                47800,
                animation=True,
            ),
            line(
                "Prestations d'animation dans les lieux du réseau",
                14000,
                13100,
                12200,
                animation=True,
            ),
            line("Communication du réseau et événements", 4500, 3500, 3500),
            line("Déplacements entre les lieux", 1800, 1800, 1800),
        ],
        investment=[
            line(
                "Équipements mobiles partagés (valises de médiation, imprimantes 3D)",
                18000,
                6000,
                6000,
            ),
        ],
        revenues=[],
        balance_label="Autofinancement de la CA du Boulonnais",
        note="Fonctionnement TTC, investissement HT (FCTVA).",
    )
    president = Person("Jean-Pierre Maillard", "Président")
    return Applicant(
        structure="Communauté d'agglomération du Boulonnais",
        short_name="CA du Boulonnais",
        kind="intercommunalite",
        epci="Communauté d'agglomération du Boulonnais",
        epci_short="CA du Boulonnais",
        address=("1 boulevard du Bassin Napoléon", "BP 755", "62321 Boulogne-sur-Mer Cedex"),
        town="Boulogne-sur-Mer",
        phone="03 21 10 36 36",
        email="numerique@agglo-boulonnais.fr",
        legal_rep=president,
        signatory=president,
        project_name="Le Phare numérique",
        project_form="reseau",
        functions=("médiation numérique", "fablab", "coworking", "animation territoriale"),
        venue="",
        territory="22 communes, 113 742 habitants",
        letter_date=date(2026, 10, 28),
        start_date=date(2027, 1, 4),
        deliberation_date=date(2026, 9, 29),
        author="Direction de l'attractivité",
        budget=budget,
        bank=BankAccount(
            bank="Banque de France",
            domiciliation="BDF Lille",
            holder="TRESOR PUBLIC — SGC de Boulogne-sur-Mer",
            holder_lines=("62200 Boulogne-sur-Mer",),
            bank_code="30001",
            branch_code="00578",
            account="C6210000000",
            bic="BDFEFRPPCCT",
            beside="CA du Boulonnais",
        ),
        elected=Person("Martine Roussel", "vice-présidente chargée du numérique", "Mme"),
        agent=Person("Antoine Delpierre", "chef de projet numérique"),
        contact=Person("Antoine Delpierre", "chef de projet numérique"),
        copil=(
            "la vice-présidente chargée du numérique, le chef de projet numérique, les "
            "maires des communes qui accueillent un lieu, la Région et les responsables "
            "des cinq lieux"
        ),
        legitimation="",
        roadmap=(
            "L'axe 3 de la feuille de route numérique de l'agglomération, « un réseau de "
            "lieux du numérique dans chaque bassin de vie », décrit ce réseau ; la "
            "feuille de route est jointe en annexe."
        ),
        roadmap_status=(
            "La feuille de route numérique 2026-2030 a été votée par le conseil "
            "communautaire le 26 juin 2025."
        ),
        ecosystem=(
            "Le réseau associe les médiathèques, les centres sociaux, la Maison de "
            "l'entrepreneuriat, l'université du Littoral Côte d'Opale et les "
            "associations d'inclusion numérique."
        ),
        innovation=(
            "La coordination permettra de faire circuler les équipements et les "
            "compétences entre les lieux et de proposer une offre lisible de "
            "fabrication numérique et de coworking sur tout le territoire."
        ),
        plan_3_years=(
            "2027 : recrutement du coordinateur, charte du réseau, programme commun.",
            "2028 : équipements mobiles partagés, ouverture d'un fablab au Portel.",
            "2029 : évaluation, pérennisation du poste au budget de l'agglomération.",
        ),
        plan_year_1=(
            "En 2027 : un programme commun de médiation dans les cinq lieux, un "
            "calendrier partagé et une journée du réseau."
        ),
        animator=(
            "L'animation du réseau sera internalisée : un agent titulaire de "
            "l'agglomération évoluera vers le poste de coordinateur à temps plein."
        ),
        sustainability="Le poste sera repris au budget de l'agglomération à partir de 2030.",
        prior_aid="Non.",
        qpv=(
            "Oui : l'espace numérique du Chemin Vert, à Boulogne-sur-Mer, est situé en "
            "quartier prioritaire de la politique de la ville."
        ),
        other_help="Un appui en conseil pour la charte du réseau.",
        places=(
            Place(
                "Espace numérique du Chemin Vert",
                "Boulogne-sur-Mer",
                "médiation numérique, aide aux porteurs de projets",
            ),
            Place("Médiathèque numérique", "Outreau", "médiation numérique, coworking"),
            Place("Atelier des Pêcheurs", "Le Portel", "fablab, animation territoriale"),
            Place("La Passerelle", "Saint-Martin-Boulogne", "coworking, télétravail ponctuel"),
            Place("Point numérique", "Wimereux", "médiation numérique, télétravail ponctuel"),
        ),
        places_complementarity=(
            "Les lieux de Boulogne et d'Outreau sont tournés vers la "
            "médiation ; Le Portel accueille le fablab ; Saint-Martin-"
            "Boulogne et Wimereux offrent coworking et télétravail. "
            "Ensemble, ils couvrent les six fonctions de l'appel."
        ),
        network_goals=(
            "Le coordinateur fera circuler les équipements et les animations d'un "
            "lieu à l'autre, formera les agents d'accueil et tiendra un calendrier "
            "commun, afin que chaque lieu offre au moins deux fonctions."
        ),
    )


APPLICANTS = {
    "association-complete": applicant_ternois,
    "interco-complete": applicant_lumbres,
    "association-incomplete": applicant_montreuillois,
    "interco-incomplete": applicant_boulonnais,
}

SAMPLES: dict[str, str] = {
    "association-complete": "Association Fab'Lab du Ternois (désignée par la CC du Ternois), "
    "un lieu : dossier complet, avec un scan et du désordre",
    "interco-complete": "Communauté de communes du Pays de Lumbres, un lieu, courrier signé "
    "par un vice-président avec délégation : dossier complet, dossier.yaml",
    "association-incomplete": "Association Les Ateliers Numériques du Montreuillois : statuts "
    "et RIB manquants, budget DOCX sous un nom .pdf, attestation "
    "chiffrée",
    "interco-incomplete": "Communauté d'agglomération du Boulonnais, un réseau : RIB manquant, "
    "courrier scanné, fichiers vide, tronqué, .doc et CSV",
}


# --------------------------------------------------------------------------------------------
# Images: signature, floor plan, phone photo
# --------------------------------------------------------------------------------------------


def _catmull_rom(
    points: Sequence[tuple[float, float]], steps: int = 14
) -> list[tuple[float, float]]:
    """A smooth curve through ``points`` (Catmull-Rom spline)."""
    pts = [points[0], *points, points[-1]]
    out = []
    for i in range(1, len(pts) - 2):
        p0, p1, p2, p3 = pts[i - 1], pts[i], pts[i + 1], pts[i + 2]
        for k in range(steps):
            t = k / steps
            t2, t3 = t * t, t * t * t
            out.append(
                tuple(
                    0.5
                    * (
                        2 * p1[j]
                        + (-p0[j] + p2[j]) * t
                        + (2 * p0[j] - 5 * p1[j] + 4 * p2[j] - p3[j]) * t2
                        + (-p0[j] + 3 * p1[j] - 3 * p2[j] + p3[j]) * t3
                    )
                    for j in range(2)
                )
            )
    out.append(points[-1])
    return out  # type: ignore[return-value]


def make_signature_png(path: Path, name: str, *, seed: int | None = None) -> Path:
    """Draw a handwritten-looking signature (slanted cursive strokes of varying height and
    pressure, a flourish, blue ink on a transparent background) as a PNG."""
    rng = random.Random(seed if seed is not None else seed_for("signature", name))
    scale, width, height = 3, 620, 230
    img = Image.new("RGBA", (width * scale, height * scale), (255, 255, 255, 0))
    draw = ImageDraw.Draw(img)
    ink = (24, 34, 100, 255)
    base = 140.0

    def slant(p: tuple[float, float]) -> tuple[float, float]:
        return (p[0] + 0.38 * (base - p[1]), p[1])

    def stroke(points: Sequence[tuple[float, float]], pressure: float) -> None:
        curve = [slant(p) for p in _catmull_rom(points)]
        for i in range(1, len(curve)):
            (x0, y0), (x1, y1) = curve[i - 1], curve[i]
            speed = math.hypot(x1 - x0, y1 - y0)
            fade = min(1.0, i / 12, (len(curve) - i) / 18)  # thin at the ends
            w = max(1.2, pressure * (1.25 - min(speed, 9) / 14) * (0.45 + 0.55 * fade))
            draw.line(
                (x0 * scale, y0 * scale, x1 * scale, y1 * scale),
                fill=ink,
                width=max(1, round(w * scale)),
            )
            r = w * scale / 2
            draw.ellipse((x1 * scale - r, y1 * scale - r, x1 * scale + r, y1 * scale + r), fill=ink)

    # the initial: a tall stroke with a loop
    x = 40 + rng.uniform(-6, 6)
    initial = [
        (x, base),
        (x + 12, 40 + rng.uniform(-8, 8)),
        (x + 4, 25),
        (x - 8, 60),
        (x + 6, base + 8),
        (x + 30, base - 40 + rng.uniform(-10, 10)),
        (x + 48, base - 6),
    ]
    stroke(initial, 4.6)
    # the name: cursive ups and downs, some ascenders and descenders
    x += 52
    pts = [(x, base - 4)]
    for _ in range(rng.randint(8, 11)):
        dx = rng.uniform(22, 38)
        r = rng.random()
        peak = base - (rng.uniform(80, 100) if r < 0.25 else rng.uniform(30, 45))
        valley = base + (rng.uniform(45, 60) if rng.random() < 0.12 else rng.uniform(-3, 5))
        pts.append((x + dx * 0.35, peak))
        pts.append((x + dx * 0.55, valley))
        if r < 0.25:  # an ascender loops back
            pts.insert(-1, (x + dx * 0.15, peak + 20))
        x += dx
    pts.append((x + 25, base - 25))
    stroke(pts, 4.0)
    # the flourish: back under the name, then forward
    y = base + 22 + rng.uniform(-4, 4)
    flourish = [(x + 20, base - 15), (x + 5, y + 10), (x - 120, y + 12), (60, y + 4), (150, y - 4)]
    stroke(flourish, 3.2)
    # a dot over an i
    dx, dy = 150 + rng.uniform(0, 200), base - 70 + rng.uniform(-8, 8)
    draw.ellipse(
        ((dx - 3.5) * scale, (dy - 3.5) * scale, (dx + 3.5) * scale, (dy + 3.5) * scale), fill=ink
    )
    img = img.resize((width, height), Image.Resampling.LANCZOS)
    bbox = img.getbbox()
    if bbox:
        img = img.crop(
            (
                max(0, bbox[0] - 10),
                max(0, bbox[1] - 10),
                min(width, bbox[2] + 10),
                min(height, bbox[3] + 10),
            )
        )
    img.save(path, "PNG", optimize=True)
    return path


def make_floor_plan(applicant: Applicant, *, size: tuple[int, int] = (1500, 1060)) -> Image.Image:
    """A simple layout plan of the place, drawn like an architect's sketch."""
    w, h = size
    img = Image.new("RGB", size, "white")
    d = ImageDraw.Draw(img)
    title_font, label_font, small = pil_font(38, bold=True), pil_font(26, bold=True), pil_font(20)
    d.text((60, 30), f"Plan d'agencement — {applicant.project_name}", font=title_font, fill="black")
    d.text(
        (60, 80),
        "Rez-de-chaussée, 180 m² — plan prévisionnel, non coté",
        font=small,
        fill=(60, 60, 60),
    )
    x0, y0, x1, y1 = 60, 140, w - 60, h - 120
    wall = 10
    d.rectangle((x0, y0, x1, y1), outline="black", width=wall)
    mx, my = x0 + (x1 - x0) * 0.45, y0 + (y1 - y0) * 0.55
    rooms = {
        "Fablab": (x0, y0, mx, my),
        "Espace coworking": (mx, y0, x1, my),
        "Salle de médiation": (x0, my, x0 + (mx - x0) * 0.75, y1),
        "Accueil": (x0 + (mx - x0) * 0.75, my, mx + 120, y1),
        "Bureau": (mx + 120, my, mx + 400, y1),
        "Sanitaires PMR": (mx + 400, my, x1, y1),
    }
    areas = {
        "Fablab": "58 m²",
        "Espace coworking": "52 m²",
        "Salle de médiation": "30 m²",
        "Accueil": "18 m²",
        "Bureau": "12 m²",
        "Sanitaires PMR": "10 m²",
    }
    for name, (a, b, c, e) in rooms.items():
        d.rectangle((a, b, c, e), outline="black", width=5)
        d.text((a + 20, b + 16), name, font=label_font, fill="black")
        d.text((a + 20, b + 50), areas[name], font=small, fill=(70, 70, 70))
    # doors: gaps with a quarter circle
    for dx, dy in ((mx, y0 + 240), (x0 + 180, my), (mx + 60, my), (mx + 250, my), (mx + 440, my)):
        d.rectangle((dx - 35, dy - 4, dx + 35, dy + 4), fill="white")
        d.arc((dx - 70, dy - 70, dx + 70, dy + 70), 180, 270, fill="black", width=2)
    # furniture
    fab_x, fab_y = x0 + 30, y0 + 110
    for i, label in enumerate(("Découpeuse laser", "Imprimantes 3D", "Brodeuse")):
        by = fab_y + i * 95
        d.rectangle((fab_x, by, fab_x + 170, by + 60), outline=(40, 40, 40), width=3)
        d.text((fab_x + 185, by + 16), label, font=small, fill="black")
    d.rectangle((fab_x + 420, y0 + 140, fab_x + 520, my - 60), outline=(40, 40, 40), width=3)
    d.text((fab_x + 395, my - 50), "Établi", font=small, fill="black")
    for row in range(2):
        for col in range(3):
            tx = mx + 60 + col * 200
            ty = y0 + 130 + row * 170
            d.rectangle((tx, ty, tx + 140, ty + 70), outline=(40, 40, 40), width=3)
            for k in range(2):
                d.ellipse(
                    (tx + 20 + k * 70, ty + 80, tx + 50 + k * 70, ty + 110),
                    outline=(40, 40, 40),
                    width=2,
                )
    d.text(
        (mx + 140, y0 + 54),
        "12 postes de travail, écran de visioconférence",
        font=small,
        fill="black",
    )
    # entrance
    ex = mx + 20
    d.rectangle((ex, y1 - 6, ex + 90, y1 + 6), fill="white")
    d.polygon(((ex + 45, y1 + 60), (ex + 25, y1 + 25), (ex + 65, y1 + 25)), fill="black")
    d.text((ex + 100, y1 + 25), "Entrée principale (accès de plain-pied)", font=small, fill="black")
    # scale and north
    d.line((x0, h - 50, x0 + 200, h - 50), fill="black", width=4)
    for k in range(5):
        d.line((x0 + k * 50, h - 58, x0 + k * 50, h - 42), fill="black", width=2)
    d.text((x0 + 210, h - 64), "5 m", font=small, fill="black")
    nx, ny = w - 120, 60
    d.polygon(((nx, ny - 10), (nx - 18, ny + 40), (nx + 18, ny + 40)), fill="black")
    d.text((nx - 8, ny + 46), "N", font=label_font, fill="black")
    return img


def add_noise(img: Image.Image, amplitude: int, rng: random.Random) -> Image.Image:
    """Add uniform noise of ±``amplitude``/2 grey levels (the same on every channel), drawn
    from the seeded ``rng`` (Pillow's own noise generator cannot be seeded)."""
    w, h = img.size
    noise = Image.frombytes("L", (w, h), rng.randbytes(w * h))
    noise = noise.point(lambda v: 128 + (v - 128) * amplitude // 256)
    if img.mode != "L":
        noise = Image.merge(img.mode, [noise] * len(img.getbands()))
    return ImageChops.add(img, noise, 1.0, -128)


def make_photo_jpeg(
    path: Path,
    image: Image.Image,
    *,
    seed: int = 0,
    orientation: int = 6,
    taken: datetime | None = None,
    quality: int = 72,
) -> Path:
    """Save ``image`` as a phone would photograph it: paper on a table, slightly skewed,
    uneven light, sensor noise; pixels stored sideways with an EXIF Orientation tag so that
    viewers (and ``ImageOps.exif_transpose``) show it upright."""
    rng = random.Random(seed)
    w, h = image.size
    margin = 90
    table_color = (150, 118, 84)
    canvas = Image.new("RGB", (w + 2 * margin, h + 2 * margin), table_color)  # a table
    canvas = add_noise(canvas, 14, rng)
    canvas.paste(image.convert("RGB"), (margin, margin))
    # perspective: the paper's corners move a little
    jitter = [rng.uniform(-25, 25) for _ in range(8)]
    cw, ch = canvas.size
    quad = (
        0 + jitter[0],
        0 + jitter[1],
        0 + jitter[2],
        ch + jitter[3],
        cw + jitter[4],
        ch + jitter[5],
        cw + jitter[6],
        0 + jitter[7],
    )
    canvas = canvas.transform(
        canvas.size,
        Image.Transform.QUAD,
        quad,
        resample=Image.Resampling.BICUBIC,
        fillcolor=table_color,
    )
    canvas = canvas.rotate(
        rng.uniform(-3, 3), resample=Image.Resampling.BICUBIC, fillcolor=table_color
    )
    # uneven, warm indoor light: brightest near the top left, darker in the far corner
    light = Image.radial_gradient("L").resize((cw * 2, ch * 2), Image.Resampling.BILINEAR)
    light = light.crop((int(cw * 0.65), int(ch * 0.7), int(cw * 1.65), int(ch * 1.7)))
    light = light.point(lambda v: 255 - v * 60 // 255)
    canvas = ImageChops.multiply(
        canvas,
        Image.merge(
            "RGB",
            (light, light.point(lambda v: v * 97 // 100), light.point(lambda v: v * 90 // 100)),
        ),
    )
    photo = add_noise(canvas, 7, rng).filter(ImageFilter.GaussianBlur(0.7))
    stored = {
        1: photo,
        3: photo.transpose(Image.Transpose.ROTATE_180),
        6: photo.transpose(Image.Transpose.ROTATE_90),
        8: photo.transpose(Image.Transpose.ROTATE_270),
    }[orientation]
    exif = Image.Exif()
    when = (taken or datetime(2026, 10, 9, 16, 42, 7)).strftime("%Y:%m:%d %H:%M:%S")
    exif[0x0112] = orientation
    exif[0x010F] = "samsung"
    exif[0x0110] = "Galaxy A54 5G"
    exif[0x0131] = "A546BXXS8CXK1"
    exif[0x0132] = when
    exif_ifd = exif.get_ifd(0x8769)
    exif_ifd[0x9003] = when
    exif_ifd[0x9004] = when
    stored.save(path, "JPEG", quality=quality, exif=exif.tobytes(), dpi=(72, 72))
    return path


# --------------------------------------------------------------------------------------------
# Word documents (python-docx)
# --------------------------------------------------------------------------------------------

STYLE_IDS_FR = {
    "Heading1": "Titre1",
    "Heading2": "Titre2",
    "Heading3": "Titre3",
    "Title": "Titre",
    "ListBullet": "Listepuces",
    "TableGrid": "Grilledutableau",
}


def _french_style_ids(doc: DocxDocument) -> None:
    """Give built-in styles the ids a French Word gives them (``Titre1`` for heading 1),
    keeping their internal names, as documents saved by a French Word have."""
    styles = doc.styles.element
    for style in styles.findall(qn("w:style")):
        old = style.get(qn("w:styleId"))
        if old in STYLE_IDS_FR:
            style.set(qn("w:styleId"), STYLE_IDS_FR[old])
    for tag in ("w:basedOn", "w:next", "w:link"):
        for el in styles.iter(qn(tag)):
            val = el.get(qn("w:val"))
            if val in STYLE_IDS_FR:
                el.set(qn("w:val"), STYLE_IDS_FR[val])


def new_docx(
    *,
    author: str,
    title: str,
    when: date,
    font: str = "Arial",
    size: float = 10.5,
    french_ids: bool = False,
) -> DocxDocument:
    """A blank A4 document with French-looking defaults and fixed core properties."""
    doc = new_document()
    if french_ids:
        _french_style_ids(doc)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin, section.bottom_margin = Cm(1.8), Cm(1.8)
    normal = doc.styles["Normal"]
    normal.font.name = font
    normal.font.size = Pt(size)
    rpr = normal.element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), font)
    normal.paragraph_format.space_after = Pt(4)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = rpr.makeelement(qn("w:lang"), {})
        rpr.append(lang)
    lang.set(qn("w:val"), "fr-FR")
    for name in ("Heading 1", "Heading 2", "Title"):
        doc.styles[name].font.name = font
        doc.styles[name].font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
    props = doc.core_properties
    props.author = author
    props.last_modified_by = author
    props.title = title
    props.language = "fr-FR"
    props.created = datetime(when.year, when.month, when.day, 9, 12)
    props.modified = datetime(when.year, when.month, when.day, 17, 48)
    props.revision = 3
    props.comments = ""
    return doc


def normalize_zip(path: Path, when: datetime) -> None:
    """Rewrite a zip (DOCX, XLSX) with fixed entry dates, and ``when`` as the document's
    modification date, so that re-runs give equal bytes."""
    with zipfile.ZipFile(path) as src:
        items = [(info, src.read(info.filename)) for info in src.infolist()]
    stamp = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    iso = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(path, "w") as dst:
        for info, data in items:
            if info.filename == "docProps/core.xml":  # openpyxl stamps "now" on save
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + iso.encode() + rb"\g<2>",
                    data,
                )
            new = zipfile.ZipInfo(info.filename, date_time=stamp)
            new.compress_type = info.compress_type
            new.external_attr = 0o644 << 16
            dst.writestr(new, data)


def save_docx(doc: DocxDocument, path: Path) -> Path:
    """Save with deterministic zip entries."""
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    modified = doc.core_properties.modified or datetime(2026, 1, 1)
    normalize_zip(path, modified)
    return path


def _para(
    doc: DocxDocument,
    text: str = "",
    *,
    bold: bool = False,
    size: float | None = None,
    align: WD_ALIGN_PARAGRAPH | None = None,
    indent_cm: float | None = None,
    after: float | None = None,
    style: str | None = None,
    italic: bool = False,
) -> DocxParagraph:
    p = doc.add_paragraph(style=style)
    if text:
        run = p.add_run(text)
        run.bold = bold
        run.italic = italic
        if size:
            run.font.size = Pt(size)
    if align is not None:
        p.alignment = align
    if indent_cm is not None:
        p.paragraph_format.left_indent = Cm(indent_cm)
    if after is not None:
        p.paragraph_format.space_after = Pt(after)
    return p


def _letterhead(doc: DocxDocument, a: Applicant) -> None:
    _para(doc, a.structure, bold=True, size=14, after=0)
    for ln in a.address:
        _para(doc, ln, after=0)
    _para(doc, f"Tél. {a.phone} — {a.email}", after=0, size=9)
    if a.siret:
        _para(doc, f"SIRET {a.siret}" + (f" — RNA {a.rna}" if a.rna else ""), size=9, after=0)
    _para(doc, "", after=6)


def _signature_block(
    doc: DocxDocument, a: Applicant, *, signed: bool, workdir: Path, indent: float = 9.5
) -> None:
    """« Le Président, » (or « Pour le Président et par délégation, »), the pasted
    signature image, then the signer's name."""
    signer = a.signatory
    if signer != a.legal_rep:
        _para(doc, "Pour le Président et par délégation,", indent_cm=indent, after=0)
    article = "La" if signer.feminine else "Le"
    _para(doc, f"{article} {signer.title},", indent_cm=indent, after=0)
    p = _para(doc, indent_cm=indent, after=0)
    if signed:
        png = make_signature_png(workdir / f"signature-{seed_for(signer.name)}.png", signer.name)
        p.add_run().add_picture(str(png), width=Cm(4.6))
    else:
        p.add_run("\n\n")
    _para(doc, signer.name, bold=True, indent_cm=indent, after=0)


def make_courrier_docx(path: Path, applicant: Applicant, *, signed: bool = True) -> Path:
    """The request letter, written in Word: letterhead, addressee, object, the amounts asked,
    the closing formula, and the signature block with a pasted signature image."""
    a = applicant
    b = a.budget
    doc = new_docx(
        author=a.author or a.signatory.name, title="Demande de subvention", when=a.letter_date
    )
    _letterhead(doc, a)
    for ln in REGION_ADDRESS:
        _para(doc, ln, indent_cm=9.5, after=0)
    _para(doc, "", after=4)
    _para(doc, f"{a.town}, le {fr_date(a.letter_date)}", align=WD_ALIGN_PARAGRAPH.RIGHT, after=10)
    p = _para(doc, after=2)
    p.add_run("Objet : ").bold = True
    p.add_run(f"demande de subvention — appel à projets {CALL_NAME}")
    p = _para(doc, after=2)
    p.add_run("Projet : ").bold = True
    p.add_run(a.project_name)
    if a.contact != a.signatory:
        _para(
            doc,
            f"Affaire suivie par : {a.contact.full}, {a.contact.title} — {a.email}",
            size=9,
            after=10,
        )
    _para(doc, "Monsieur le Président,", after=8)
    anim = b.animation_aid
    total = sum(anim, Decimal(0)) + b.equipment_aid
    who = "l'association" if a.is_association else "la communauté"
    if a.is_association:
        intro = (
            f"J'ai l'honneur de solliciter, au nom de {a.article}, structure désignée "
            f"par la {a.epci} pour porter le tiers-lieu du numérique de son territoire, "
            f"le soutien de la Région Hauts-de-France au titre de l'appel à projets "
            f"{CALL_NAME} pour le projet « {a.project_name} »."
        )
    else:
        form = (
            "la création du tiers-lieu"
            if a.project_form == "lieu"
            else "l'animation du réseau de tiers-lieux"
        )
        intro = (
            f"J'ai l'honneur de solliciter, au nom de {a.article}, le soutien de la "
            f"Région Hauts-de-France au titre de l'appel à projets {CALL_NAME} pour "
            f"{form} « {a.project_name} »."
        )
    _para(doc, intro, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    _para(
        doc,
        (
            f"Ce projet, qui débutera le {fr_date(a.start_date)}, réunira les fonctions "
            f"de {', '.join(a.functions[:-1])} et {a.functions[-1]}, animées par un "
            f"professionnel à temps plein. Le budget prévisionnel de {who} s'élève à "
            f"{fr_amount(b.expenses_total())} sur trois ans."
        ),
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    )
    _para(doc, "Je sollicite à ce titre :", after=2)
    _para(
        doc,
        (
            f"une aide à l'animation de {fr_amount(anim[0])} pour {YEARS[0]}, "
            f"{fr_amount(anim[1])} pour {YEARS[1]} et {fr_amount(anim[2])} pour {YEARS[2]}, "
            f"soit {fr_amount(sum(anim, Decimal(0)))} ;"
        ),
        style="List Bullet",
        after=1,
    )
    _para(
        doc,
        f"une aide à l'équipement de {fr_amount(b.equipment_aid)} ;",
        style="List Bullet",
        after=4,
    )
    p = _para(doc, "soit un montant total de ", align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    p.add_run(fr_amount(total)).bold = True
    p.add_run(".")
    if a.signatory != a.legal_rep and a.delegation_date:
        _para(
            doc,
            (
                f"Je signe la présente demande en vertu de l'arrêté n° {a.delegation_number} "
                f"du {fr_date(a.delegation_date)} portant délégation de signature, joint "
                f"au dossier."
            ),
            align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        )
    _para(
        doc,
        (
            "Vous trouverez ci-joint le budget prévisionnel, le dossier technique et les "
            "pièces demandées par l'appel à projets. Je reste à votre disposition, ainsi "
            f"que {a.contact.full}, pour tout renseignement complémentaire."
        ),
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    )
    _para(
        doc,
        ("Je vous prie d'agréer, Monsieur le Président, l'expression de ma haute considération."),
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        after=12,
    )
    with scratch_dir("work") as tmp:
        _signature_block(doc, a, signed=signed, workdir=Path(tmp))
        return save_docx(doc, path)


def _answers(a: Applicant) -> dict[str, list[str]]:
    """The dossier technique's answers, per question id (paragraphs; ``• `` marks bullets)."""
    funcs = ", ".join(a.functions[:-1]) + " et " + a.functions[-1]
    b = a.budget
    lieu = a.project_form == "lieu"
    ans: dict[str, list[str]] = {
        "NAT-1": [
            (
                f"L'aide régionale est sollicitée pour un lieu : « {a.project_name} », tiers-lieu "
                f"phare du territoire de la {a.epci}. Aucune autre demande n'est présentée pour "
                f"ce territoire."
            )
            if lieu
            else (
                f"L'aide régionale est sollicitée pour l'animation d'un réseau de "
                f"{len(a.places)} lieux coordonnés, « {a.project_name} », et non pour un lieu "
                f"unique. C'est la seule demande présentée pour le territoire de la {a.epci}."
            ),
        ],
        "NAT-2": [
            (
                f"Le lieu réunira les fonctions suivantes : {funcs}. Il vise à rendre le "
                f"numérique accessible à tous les habitants, à offrir aux indépendants et aux "
                f"entreprises un espace de travail et de fabrication, et à faire émerger des "
                f"projets locaux."
            ),
            (
                f"Le plan prévisionnel d'agencement est joint en annexe. Le lieu sera implanté "
                f"{a.venue}."
            ),
        ],
        "NAT-3": [
            a.network_goals,
            "Liste prévisionnelle des lieux à animer :",
            *[f"• {p.name} ({p.town}) : {p.functions}" for p in a.places],
        ],
        "GOV-1": [
            (
                f"Structure de portage : {a.structure}, {', '.join(a.address)}. Responsable "
                f"légal : {a.legal_rep.full}, {a.legal_rep.title}. Interlocuteur sur le projet : "
                f"{a.contact.full}, {a.contact.title} ({a.email}, {a.phone})."
            ),
        ],
        "GOV-2": [
            (f"Un comité de pilotage se réunira deux fois par an ; il rassemblera {a.copil}."),
            (
                f"Le binôme de référence est constitué de {a.elected.full}, {a.elected.title} "
                f"(élu), et de {a.agent.full}, {a.agent.title} (agent référent), qui "
                f"participera aux animations régionales inter-territoires."
            ),
        ],
        "GOV-3": [a.legitimation],
        "TER-1": [
            (
                f"Le projet couvre l'ensemble du territoire de la {a.epci} ({a.territory}). "
                + (
                    "Des permanences dans les bourgs-centres compléteront l'accueil dans le lieu."
                    if lieu
                    else "Chaque bassin de vie de l'agglomération compte un lieu du réseau."
                )
            ),
        ],
        "TER-2": [a.roadmap],
        "TER-3": [a.roadmap_status],
        "TER-4": [a.ecosystem],
        "TER-5": [a.innovation],
        "TER-6": [a.places_complementarity],
        "AID-1": [
            "Les grandes lignes du plan d'action sur trois ans sont les suivantes :",
            *[f"• {s}" for s in a.plan_3_years],
        ],
        "AID-2": [a.plan_year_1],
        "AID-3": [
            (
                f"Le plan d'action débutera le {fr_date(a.start_date)} : c'est la date de début "
                f"des dépenses éligibles, qui coïncide avec la prise de poste de l'animateur. "
                f"Les premiers équipements seront commandés au premier trimestre {YEARS[0]}."
            ),
        ],
        "AID-4": [
            (
                f"Les dépenses de fonctionnement portent d'abord sur l'animation (salaire et "
                f"prestations : {fr_amount(b.animation_base(0))} en {YEARS[0]}), puis sur le "
                f"loyer ou les fluides, les consommables et la communication. L'investissement "
                f"({fr_amount(b.investment_total())} sur trois ans) équipe les fonctions du lieu. "
                f"Le budget détaillé est joint ; en voici la synthèse :"
            ),
            "[TABLE]",
            b.note,
        ],
        "AID-5": [a.animator],
        "AID-6": [a.sustainability],
        "AID-7": [a.prior_aid],
        "AID-8": [a.qpv],
        "AID-9": [a.other_help],
    }
    return ans


def _budget_summary_table(doc: DocxDocument, b: Budget) -> DocxTable:
    rows = [("", *[str(y) for y in b.years], "Total")]

    def r(label: str, f: Callable[[int | None], Decimal]) -> tuple[str, ...]:
        return (label, *[fr_amount(f(i)) for i in range(len(b.years))], fr_amount(f(None)))

    rows.append(r("Dépenses de fonctionnement", b.operating_total))
    rows.append(r("Dépenses d'investissement", b.investment_total))
    rows.append(r("Total des dépenses", b.expenses_total))
    for ln in b.revenues:
        rows.append((ln.label, *[fr_amount(v) for v in ln.amounts], fr_amount(ln.total)))
    rows.append(r("Total des recettes", b.revenues_total))
    table: DocxTable = doc.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            cell = table.cell(i, j)
            cell.text = text
            para = cell.paragraphs[0]
            para.paragraph_format.space_after = Pt(0)
            if j > 0:
                para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            for run in para.runs:
                run.font.size = Pt(8.5)
                run.bold = i == 0 or text.startswith("Total") or row[0].startswith("Total")
    _column_widths(table, [Cm(6.4)] + [Cm(2.55)] * (len(rows[0]) - 1))
    return table


def _column_widths(table: DocxTable, widths: Sequence[Cm]) -> None:
    """Fix column widths as Word does (grid and every cell), so LibreOffice keeps them."""
    table.autofit = False
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths, strict=False):
        col.set(qn("w:w"), str(int(width.twips)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = width


def make_dossier_technique_docx(
    path: Path, applicant: Applicant, *, version: str = "", french_ids: bool = False
) -> Path:
    """The dossier technique: the call's four sections as Heading 1, each question of the
    call (from dossierkit's call file) as Heading 2, each followed by this sample's answer.
    Questions whose ``applies_when`` is false for the applicant are left out."""
    from dossierkit.call import load_call

    call = load_call()
    a = applicant
    doc = new_docx(
        author=a.author or a.contact.name,
        title="Dossier technique",
        when=a.letter_date,
        french_ids=french_ids,
    )
    doc.add_paragraph("Dossier technique", style="Title")
    _para(doc, f"Appel à projets {CALL_NAME} — Région Hauts-de-France", bold=True, size=12)
    _para(doc, f"{a.structure} — projet « {a.project_name} »", size=11)
    _para(
        doc,
        f"{a.town}, {month_name(a.letter_date.month)} {a.letter_date.year}"
        + (f" — {version}" if version else ""),
        italic=True,
        after=12,
    )
    answers = _answers(a)
    facts = a.facts
    current = None
    for q in call.questions:
        if q.applies_when is not None and q.applies_when.evaluate(facts) is False:
            continue
        if q.section != current:
            current = q.section
            doc.add_heading(call.sections[q.section]["fr"], level=1)
        doc.add_heading(q.text, level=2)
        for text in answers.get(q.id, ["(réponse à compléter)"]):
            if text == "[TABLE]":
                _budget_summary_table(doc, a.budget)
                _para(doc, "", after=2)
            elif text.startswith("• "):
                _para(doc, text[2:], style="List Bullet", align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=2)
            elif text:
                _para(doc, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    return save_docx(doc, path)


def make_statuts_docx(path: Path, applicant: Applicant, *, signed: bool = True) -> Path:
    """The association's statuts (loi 1901), dated and signed at the end."""
    a = applicant
    when = a.statuts_date or date(2023, 3, 14)
    doc = new_docx(
        author=a.legal_rep.name, title="Statuts", when=when, font="Times New Roman", size=11
    )
    _para(
        doc,
        f"STATUTS DE L'ASSOCIATION « {a.short_name.upper()} »",
        bold=True,
        size=14,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        after=2,
    )
    _para(
        doc,
        f"Mis à jour par l'assemblée générale extraordinaire du {fr_date(when)}",
        italic=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        after=12,
    )
    articles = [
        (
            "ARTICLE 1 – Constitution et dénomination",
            "Il est fondé entre les adhérents aux présents statuts une association régie par la "
            "loi du 1er juillet 1901 et le décret du 16 août 1901, ayant pour titre : "
            f"« {a.short_name} ».",
        ),
        (
            "ARTICLE 2 – Objet",
            "L'association a pour objet de favoriser l'appropriation des outils et des pratiques "
            "numériques par tous les habitants du territoire, de gérer et d'animer un tiers-lieu "
            f"du numérique ({', '.join(a.functions)}), et d'accompagner les porteurs de projets "
            "dans leurs usages numériques.",
        ),
        (
            "ARTICLE 3 – Siège social",
            f"Le siège social est fixé au {', '.join(a.address)}. Il pourra être transféré par "
            "simple décision du conseil d'administration.",
        ),
        ("ARTICLE 4 – Durée", "La durée de l'association est illimitée."),
        (
            "ARTICLE 5 – Composition",
            "L'association se compose de membres actifs, de membres bienfaiteurs et de membres "
            f"de droit. La {a.epci} est membre de droit ; elle est représentée par un élu "
            "désigné par son conseil communautaire.",
        ),
        (
            "ARTICLE 6 – Admission et cotisation",
            "Pour faire partie de l'association, il faut adhérer aux présents statuts et "
            "s'acquitter de la cotisation annuelle dont le montant est fixé par l'assemblée "
            "générale.",
        ),
        (
            "ARTICLE 7 – Perte de la qualité de membre",
            "La qualité de membre se perd par la démission, le décès ou la radiation prononcée "
            "par le conseil d'administration pour non-paiement de la cotisation ou pour motif "
            "grave, l'intéressé ayant été invité à fournir des explications.",
        ),
        (
            "ARTICLE 8 – Ressources",
            "Les ressources de l'association comprennent les cotisations, les subventions de "
            "l'État, de la Région, du Département, des intercommunalités et des communes, les "
            "recettes de ses activités et toute ressource autorisée par la loi.",
        ),
        (
            "ARTICLE 9 – Assemblée générale ordinaire",
            "L'assemblée générale ordinaire comprend tous les membres de l'association. Elle se "
            "réunit chaque année. Elle entend le rapport moral et le rapport financier, approuve "
            "les comptes et élit les membres du conseil d'administration.",
        ),
        (
            "ARTICLE 10 – Assemblée générale extraordinaire",
            "Sur la demande de la moitié plus un des membres, ou du conseil d'administration, le "
            "président convoque une assemblée générale extraordinaire, seule compétente pour "
            "modifier les statuts ou prononcer la dissolution.",
        ),
        (
            "ARTICLE 11 – Conseil d'administration",
            "L'association est dirigée par un conseil d'administration de six à douze membres, "
            "élus pour trois ans par l'assemblée générale. Le conseil élit parmi ses membres un "
            "bureau composé d'un président, d'un trésorier et d'un secrétaire.",
        ),
        (
            "ARTICLE 12 – Représentation",
            "Le président représente l'association dans tous les actes de la vie civile. Il "
            "ordonnance les dépenses et peut, avec l'accord du conseil d'administration, "
            "déléguer sa signature à un autre membre du bureau.",
        ),
        (
            "ARTICLE 13 – Dissolution",
            "En cas de dissolution, l'actif net est attribué à une association poursuivant un "
            "but similaire, désignée par l'assemblée générale extraordinaire.",
        ),
    ]
    for heading, body in articles:
        _para(doc, heading, bold=True, after=2)
        _para(doc, body, align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=8)
    _para(
        doc,
        f"Fait {at_place(a.town)}, le {fr_date(when)}, en trois exemplaires originaux.",
        after=10,
    )
    table = doc.add_table(rows=3, cols=2)
    treasurer = Person("Gérard Lemaire", "Trésorier")
    people = (a.legal_rep, treasurer)
    with scratch_dir("work") as tmp:
        for col, person in enumerate(people):
            role = ("La " if person.feminine else "Le ") + person.title.lower()
            table.cell(0, col).text = role.capitalize()
            cell_p = table.cell(1, col).paragraphs[0]
            if signed:
                png = make_signature_png(Path(tmp) / f"sig{col}.png", person.name)
                cell_p.add_run().add_picture(str(png), width=Cm(4.2))
            table.cell(2, col).text = person.name
        return save_docx(doc, path)


def make_feuille_de_route_docx(path: Path, applicant: Applicant) -> Path:
    """An extract of the intercommunalité's digital roadmap (feuille de route numérique)."""
    a = applicant
    doc = new_docx(author=a.author, title="Feuille de route numérique", when=date(2025, 6, 26))
    doc.add_paragraph(f"Feuille de route numérique 2026-2030 — {a.epci}", style="Title")
    _para(
        doc,
        (
            "Adoptée par délibération du conseil communautaire du 26 juin 2025. "
            "Extrait joint à la demande de subvention « Tiers-lieux du numérique »."
        ),
        italic=True,
        after=10,
    )
    axes = [
        (
            "Axe 1 — Des infrastructures pour tous",
            "Achever la couverture en fibre optique et en téléphonie mobile, en lien avec le "
            "syndicat mixte La Fibre Numérique 59-62.",
        ),
        (
            "Axe 2 — L'inclusion numérique",
            "Offrir à chaque habitant un lieu de médiation à moins de quinze minutes, former les "
            "agents d'accueil des mairies, soutenir les conseillers numériques.",
        ),
        (
            "Axe 3 — Un réseau de lieux du numérique dans chaque bassin de vie",
            f"Constituer le réseau « {a.project_name} » : cinq lieux coordonnés par un agent de "
            "l'agglomération, offrant médiation, fabrication numérique, coworking et télétravail "
            "ponctuel.",
        ),
        (
            "Axe 4 — Une administration numérique",
            "Dématérialiser les démarches, ouvrir les données publiques et partager les outils "
            "avec les communes membres.",
        ),
    ]
    for heading, body in axes:
        doc.add_heading(heading, level=1)
        _para(doc, body, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    return save_docx(doc, path)


def make_budget_docx(path: Path, applicant: Applicant) -> Path:
    """The budget as a Word table (applicants who don't use a spreadsheet)."""
    a = applicant
    b = a.budget
    doc = new_docx(
        author=a.author or a.legal_rep.name, title="Budget prévisionnel", when=a.letter_date
    )
    _para(doc, a.structure, bold=True, size=12, after=0)
    _para(doc, b.title, bold=True, size=13, after=8)
    rows = _budget_rows(b)
    table = doc.add_table(rows=len(rows), cols=5)
    table.style = doc.styles["Table Grid"]
    for i, (kind, label, values) in enumerate(rows):
        cells = table.rows[i].cells
        cells[0].text = label
        for j, v in enumerate(values):
            cells[j + 1].text = v if isinstance(v, str) else fr_amount(v)
            cells[j + 1].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for c in cells:
            for run in c.paragraphs[0].runs:
                run.font.size = Pt(9)
                run.bold = kind in ("head", "section", "total", "subtotal")
    _column_widths(table, [Cm(7.6)] + [Cm(2.3)] * 4)
    _para(doc, "", after=4)
    _para(doc, b.note, italic=True)
    return save_docx(doc, path)


# --------------------------------------------------------------------------------------------
# Spreadsheets: XLSX with cached values, CSV as French Excel exports it
# --------------------------------------------------------------------------------------------

XLSX_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _budget_rows(b: Budget) -> list[tuple[str, str, tuple[Decimal | str, ...]]]:
    """The budget as rows (kind, label, values for each year + total) — for DOCX and CSV."""
    rows: list[tuple[str, str, tuple[Decimal | str, ...]]] = [
        ("head", "Poste", (*[str(y) for y in b.years], "Total"))
    ]

    def vals(f: Callable[[int | None], Decimal]) -> tuple[Decimal, ...]:
        return (*[f(i) for i in range(len(b.years))], f(None))

    rows.append(("section", "DÉPENSES", ("", "", "", "")))
    rows.append(("section", b.operating_heading, ("", "", "", "")))
    rows += [("line", ln.label, (*ln.amounts, ln.total)) for ln in b.operating]
    rows.append(("subtotal", "Sous-total fonctionnement", vals(b.operating_total)))
    rows.append(("section", b.investment_heading, ("", "", "", "")))
    rows += [("line", ln.label, (*ln.amounts, ln.total)) for ln in b.investment]
    rows.append(("subtotal", "Sous-total investissement", vals(b.investment_total)))
    rows.append(("total", "TOTAL DÉPENSES", vals(b.expenses_total)))
    rows.append(("section", "RECETTES", ("", "", "", "")))
    rows += [("line", ln.label, (*ln.amounts, ln.total)) for ln in b.revenues]
    rows.append(("total", "TOTAL RECETTES", vals(b.revenues_total)))
    return rows


def make_budget_xlsx(
    path: Path,
    applicant: Applicant,
    *,
    sheet_title: str = "Budget prévisionnel",
    cache_values: bool = True,
) -> Path:
    """The budget workbook as applicants make it in Excel: sub-totals and totals are formulas,
    and (unless ``cache_values`` is False, as a program that never opened Excel would leave
    it) each formula carries the value Excel would have stored."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.workbook.properties import CalcProperties

    a = applicant
    b = a.budget
    wb = Workbook()
    ws = wb.active
    ws.title = sheet_title
    money = '#,##0 "€";-#,##0 "€";"-"'
    bold = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="1F3A5F")
    section_fill = PatternFill("solid", fgColor="DCE6F1")
    total_fill = PatternFill("solid", fgColor="FCE4D6")
    thin = Side(style="thin", color="999999")
    border = Border(top=thin, bottom=thin, left=thin, right=thin)
    cached: dict[str, Decimal] = {}
    cols = ["B", "C", "D"]

    ws["A1"] = b.title
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = f"{a.structure} — projet « {a.project_name} »"
    ws["A2"].font = Font(italic=True)
    r = 4
    for col, text in zip("ABCDE", ("Poste", *[str(y) for y in b.years], "Total"), strict=True):
        c = ws[f"{col}{r}"]
        c.value = int(text) if text.isdigit() else text
        c.font = Font(bold=True, color="FFFFFF")
        c.fill = head_fill
        c.alignment = Alignment(horizontal="center")

    def put_line(row: int, label: str, amounts: Sequence[Decimal]) -> None:
        ws[f"A{row}"] = label
        for col, v in zip(cols, amounts, strict=True):
            ws[f"{col}{row}"] = int(v) if v == v.to_integral() else v
            ws[f"{col}{row}"].number_format = money
        ws[f"E{row}"] = f"=SUM(B{row}:D{row})"
        ws[f"E{row}"].number_format = money
        cached[f"E{row}"] = sum(amounts, Decimal(0))
        for col in "ABCDE":
            ws[f"{col}{row}"].border = border

    def put_formula_row(
        row: int, label: str, formula: str, values: Sequence[Decimal], fill: PatternFill
    ) -> None:
        ws[f"A{row}"] = label
        for col, v in zip([*cols, "E"], values, strict=True):
            ws[f"{col}{row}"] = "=" + formula.replace("{c}", col)
            ws[f"{col}{row}"].number_format = money
            cached[f"{col}{row}"] = v
        for col in "ABCDE":
            ws[f"{col}{row}"].font = bold
            ws[f"{col}{row}"].fill = fill
            ws[f"{col}{row}"].border = border

    def section(row: int, label: str, fill: PatternFill | None = section_fill) -> None:
        ws[f"A{row}"] = label
        ws[f"A{row}"].font = bold
        if fill:
            for col in "ABCDE":
                ws[f"{col}{row}"].fill = fill

    def totals(f: Callable[[int | None], Decimal]) -> list[Decimal]:
        return [f(i) for i in range(len(b.years))] + [f(None)]

    r = 5
    section(r, "DÉPENSES", None)
    r += 1
    section(r, b.operating_heading)
    first = r + 1
    for ln in b.operating:
        r += 1
        put_line(r, ln.label, ln.amounts)
    r += 1
    op_row = r
    put_formula_row(
        r,
        "Sous-total fonctionnement",
        f"SUM({{c}}{first}:{{c}}{r - 1})",
        totals(b.operating_total),
        section_fill,
    )
    r += 1
    section(r, b.investment_heading)
    first = r + 1
    for ln in b.investment:
        r += 1
        put_line(r, ln.label, ln.amounts)
    r += 1
    inv_row = r
    put_formula_row(
        r,
        "Sous-total investissement",
        f"SUM({{c}}{first}:{{c}}{r - 1})",
        totals(b.investment_total),
        section_fill,
    )
    r += 1
    exp_row = r
    put_formula_row(
        r, "TOTAL DÉPENSES", f"{{c}}{op_row}+{{c}}{inv_row}", totals(b.expenses_total), total_fill
    )
    r += 2
    section(r, "RECETTES", None)
    first = r + 1
    for ln in b.revenues:
        r += 1
        put_line(r, ln.label, ln.amounts)
    r += 1
    rev_row = r
    put_formula_row(
        r, "TOTAL RECETTES", f"SUM({{c}}{first}:{{c}}{r - 1})", totals(b.revenues_total), total_fill
    )
    r += 2
    ws[f"A{r}"] = "Écart dépenses − recettes (doit être nul)"
    ws[f"A{r}"].font = Font(italic=True)
    for col in [*cols, "E"]:
        ws[f"{col}{r}"] = f"={col}{exp_row}-{col}{rev_row}"
        ws[f"{col}{r}"].number_format = money
        cached[f"{col}{r}"] = Decimal(0)
    r += 2
    ws[f"A{r}"] = b.note
    ws[f"A{r}"].font = Font(italic=True, size=9)
    ws.column_dimensions["A"].width = 78
    for col in "BCDE":
        ws.column_dimensions[col].width = 14
    ws.freeze_panes = "B5"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    wb.calculation = CalcProperties(fullCalcOnLoad=False)
    when = datetime(a.letter_date.year, a.letter_date.month, a.letter_date.day, 10, 5)
    wb.properties.creator = a.author or a.legal_rep.name
    wb.properties.lastModifiedBy = a.author or a.legal_rep.name
    wb.properties.created = when
    wb.properties.modified = when
    wb.properties.title = b.title
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    if cache_values:
        fill_formula_cache(path, {sheet_title: cached})
    normalize_zip(path, when)
    if cache_values:
        check_cached_values(path, sheet_title, cached)
    return path


def check_cached_values(path: Path, sheet_title: str, expected: Mapping[str, Decimal]) -> None:
    """Read the workbook as a checker would (``data_only=True``) and make sure every formula
    cell gives back the value computed in Python."""
    from openpyxl import load_workbook

    ws = load_workbook(path, data_only=True)[sheet_title]
    for ref, value in expected.items():
        got = ws[ref].value
        if got is None or Decimal(str(got)) != value:
            raise AssertionError(f"{path.name} {ref} : valeur en cache {got!r}, attendu {value}")


def _sheet_paths(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet title → path of its XML part inside an XLSX."""
    from defusedxml import ElementTree as SafeET

    rel_ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg_ns = "http://schemas.openxmlformats.org/package/2006/relationships"
    workbook = SafeET.fromstring(zf.read("xl/workbook.xml"))
    rels = SafeET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels.iter(f"{{{pkg_ns}}}Relationship")}
    out = {}
    for sheet in workbook.iter(f"{{{XLSX_NS}}}sheet"):
        target = targets[sheet.get(f"{{{rel_ns}}}id")]
        target = target.lstrip("/")
        out[sheet.get("name")] = target if target.startswith("xl/") else f"xl/{target}"
    return out


_FORMULA_CELL = re.compile(
    r'<c r="(?P<ref>[A-Z]+[0-9]+)"(?P<attrs>[^>]*)>(?P<f><f>[^<]*</f>)(?:<v\s*/>|<v>[^<]*</v>)?</c>'
)


def fill_formula_cache(path: Path, values: Mapping[str, Mapping[str, Decimal]]) -> None:
    """Write each formula cell's cached value (``<v>``) into a saved XLSX, as Excel does on
    save. ``values`` maps sheet title → cell reference → value; every formula cell of those
    sheets must have one (a KeyError names the one missing)."""
    with zipfile.ZipFile(path) as zf:
        parts = {info.filename: zf.read(info.filename) for info in zf.infolist()}
        infos = zf.infolist()
        sheets = _sheet_paths(zf)
    for title, cells in values.items():
        name = sheets[title]
        xml = parts[name].decode("utf-8")

        def repl(m: re.Match[str], cells: Mapping[str, Decimal] = cells, title: str = title) -> str:
            ref = m.group("ref")
            if ref not in cells:
                raise KeyError(f"pas de valeur calculée pour la formule {ref} ({title})")
            attrs = re.sub(r'\s+t="[^"]*"', "", m.group("attrs"))
            return f'<c r="{ref}"{attrs}>{m.group("f")}<v>{_plain(cells[ref])}</v></c>'

        parts[name] = _FORMULA_CELL.sub(repl, xml).encode("utf-8")
    wb_xml = parts["xl/workbook.xml"].decode("utf-8")
    parts["xl/workbook.xml"] = re.sub(r'\s+fullCalcOnLoad="[^"]*"', "", wb_xml).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in infos:
            zf.writestr(info, parts[info.filename])


def make_budget_csv(path: Path, applicant: Applicant) -> Path:
    """The budget as French Excel exports « CSV (séparateur : point-virgule) »: Windows-1252,
    ``;`` separator, decimal comma, thousands as no-break spaces, CRLF line ends."""
    b = applicant.budget
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([b.title, "", "", "", ""])
    writer.writerow([applicant.structure, "", "", "", ""])
    writer.writerow(["", "", "", "", ""])
    for kind, label, values in _budget_rows(b):
        cells = [v if isinstance(v, str) else fr_amount(v, cents=True, euro=False) for v in values]
        writer.writerow([label, *cells] if kind != "head" else [label, *values])
    writer.writerow(["", "", "", "", ""])
    writer.writerow([b.note, "", "", "", ""])
    path.write_bytes(buf.getvalue().encode("cp1252"))
    return path


# --------------------------------------------------------------------------------------------
# PDF made directly (reportlab): attestation, RIB, délégation, délibération
# --------------------------------------------------------------------------------------------

_RL_FONTS: tuple[str, str] | None = None


def rl_fonts() -> tuple[str, str]:
    """Register DejaVu Sans for reportlab (all French glyphs); Helvetica if absent."""
    global _RL_FONTS
    if _RL_FONTS is None:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        regular, bold = find_font(False), find_font(True)
        if regular and bold:
            pdfmetrics.registerFont(TTFont("DKSans", str(regular)))
            pdfmetrics.registerFont(TTFont("DKSans-Bold", str(bold)))
            from reportlab.lib.fonts import addMapping

            addMapping("DKSans", 0, 0, "DKSans")
            addMapping("DKSans", 1, 0, "DKSans-Bold")
            addMapping("DKSans", 0, 1, "DKSans")
            addMapping("DKSans", 1, 1, "DKSans-Bold")
            _RL_FONTS = ("DKSans", "DKSans-Bold")
        else:
            _RL_FONTS = ("Helvetica", "Helvetica-Bold")
    return _RL_FONTS


def _styles() -> dict[str, Any]:
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    regular, bold = rl_fonts()
    base = ParagraphStyle("base", fontName=regular, fontSize=10.5, leading=14, spaceAfter=6)
    return {
        "base": base,
        "just": ParagraphStyle("just", parent=base, alignment=TA_JUSTIFY),
        "right": ParagraphStyle("right", parent=base, alignment=TA_RIGHT),
        "center": ParagraphStyle("center", parent=base, alignment=TA_CENTER),
        "title": ParagraphStyle(
            "title",
            parent=base,
            fontName=bold,
            fontSize=15,
            leading=19,
            alignment=TA_CENTER,
            spaceAfter=12,
            spaceBefore=6,
        ),
        "h1": ParagraphStyle(
            "h1", parent=base, fontName=bold, fontSize=14, leading=18, spaceBefore=10, spaceAfter=6
        ),
        "h2": ParagraphStyle(
            "h2", parent=base, fontName=bold, fontSize=11.5, leading=15, spaceBefore=8, spaceAfter=4
        ),
        "head": ParagraphStyle(
            "head", parent=base, fontName=bold, fontSize=13, leading=16, spaceAfter=1
        ),
        "small": ParagraphStyle("small", parent=base, fontSize=8.5, leading=11, spaceAfter=1),
        "indent": ParagraphStyle("indent", parent=base, leftIndent=8.5 * 28.35, spaceAfter=1),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9, leading=11, spaceAfter=0),
    }


def _pdf(path: Path, story: list[object], *, title: str, author: str) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import SimpleDocTemplate

    path.parent.mkdir(parents=True, exist_ok=True)
    doc = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=2.2 * cm,
        rightMargin=2.2 * cm,
        topMargin=1.8 * cm,
        bottomMargin=1.8 * cm,
        title=title,
        author=author,
        creator="Microsoft® Word 2016",
        invariant=1,
        lang="fr-FR",
    )
    doc.build(story)
    return path


def _p(text: str, style: object) -> object:
    from reportlab.platypus import Paragraph

    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _sig_flowable(
    name: str,
    workdir: Path,
    width_cm: float = 4.6,
    *,
    indent_cm: float = 8.5,
) -> object:
    from reportlab.lib.units import cm
    from reportlab.platypus import Image as RLImage
    from reportlab.platypus import Table

    png = make_signature_png(workdir / f"sig-{seed_for(name)}.png", name)
    with Image.open(png) as im:
        ratio = im.height / im.width
    img = RLImage(str(png), width=width_cm * cm, height=width_cm * cm * ratio)
    table = Table([["", img]], colWidths=[indent_cm * cm, None])
    table.setStyle(
        [
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ]
    )
    return table


def _rl_letterhead(a: Applicant, st: Mapping[str, object]) -> list[object]:
    story = [_p(a.structure, st["head"])]
    story += [_p(ln, st["small"]) for ln in a.address]
    story.append(_p(f"Tél. {a.phone} — {a.email}", st["small"]))
    if a.siret:
        story.append(_p(f"SIRET {a.siret}", st["small"]))
    from reportlab.platypus import Spacer

    story.append(Spacer(1, 24))
    return story


def make_attestation_tva_pdf(
    path: Path, applicant: Applicant, *, signer: Person | None = None, when: date | None = None
) -> Path:
    """The signed statement of the VAT regime: an association not subject to VAT, or an EPCI
    compensated by the FCTVA on investment only."""
    from reportlab.platypus import Spacer

    a = applicant
    signer = signer or a.legal_rep
    when = when or a.letter_date
    st = _styles()
    soussigne = "soussignée" if signer.feminine else "soussigné"
    who = (
        f"{signer.title} de l'association {a.short_name}"
        if a.is_association
        else f"{signer.title} de la {a.structure}"
    )
    if a.is_association:
        statement = (
            f"atteste sur l'honneur que l'association {a.short_name} n'est pas "
            f"assujettie à la TVA et ne récupère pas la TVA sur ses dépenses. Les "
            f"montants de son budget prévisionnel sont en conséquence présentés TTC."
        )
        heading = "ATTESTATION DE NON-ASSUJETTISSEMENT À LA TVA"
    else:
        statement = (
            f"atteste que la {a.structure} est éligible au FCTVA pour ses dépenses "
            f"d'investissement et ne récupère pas la TVA sur ses dépenses de "
            f"fonctionnement. En conséquence, le budget prévisionnel du projet "
            f"« {a.project_name} » est présenté HT pour l'investissement et TTC pour "
            f"le fonctionnement."
        )
        heading = "ATTESTATION RELATIVE AU RÉGIME DE TVA (FCTVA)"
    story = _rl_letterhead(a, st)
    story += [
        _p(heading, st["title"]),
        Spacer(1, 12),
        _p(f"Je {soussigne}, {signer.full}, {who}, {statement}", st["just"]),
        _p(
            "Cette attestation est établie pour servir à l'appui de la demande de subvention "
            f"présentée à la Région Hauts-de-France au titre de l'appel à projets {CALL_NAME}.",
            st["just"],
        ),
        Spacer(1, 18),
        _p(f"Fait {at_place(a.town)}, le {fr_date(when)}", st["indent"]),
        _p(("La " if signer.feminine else "Le ") + signer.title + ",", st["indent"]),
    ]
    with scratch_dir("work") as tmp:
        story += [_sig_flowable(signer.name, Path(tmp)), _p(signer.name, st["indent"])]
        return _pdf(path, story, title="Attestation TVA", author=signer.name)


def make_rib_pdf(
    path: Path, holder: str, iban: str, bic: str, bank: str, *, account: BankAccount | None = None
) -> Path:
    """A RIB as banks print it: holder and address, domiciliation, the four BBAN fields
    (code banque, code guichet, n° de compte, clé RIB), IBAN in groups of four, BIC.
    ``iban`` must be French (FR + 2 + 23 characters); ``account`` adds address lines."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.pdfgen import canvas

    iban = iban.replace(" ", "").upper()
    if not iban_is_valid(iban):
        raise ValueError(f"IBAN invalide : {iban}")
    bban = iban[4:]
    bank_code, branch, number, key = bban[:5], bban[5:10], bban[10:21], bban[21:]
    regular, bold = rl_fonts()
    path.parent.mkdir(parents=True, exist_ok=True)
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setTitle("Relevé d'identité bancaire")
    c.setAuthor(bank)
    c.setCreator(bank)
    w, h = A4
    top = h - 2.5 * cm
    c.setFillColor(colors.HexColor("#1F3A5F"))
    c.rect(2 * cm, top - 0.2 * cm, w - 4 * cm, 1.1 * cm, fill=1, stroke=0)
    c.setFillColor(colors.white)
    c.setFont(bold, 14)
    c.drawString(2.4 * cm, top + 0.15 * cm, "RELEVÉ D'IDENTITÉ BANCAIRE")
    c.setFont(regular, 10)
    c.drawRightString(w - 2.4 * cm, top + 0.15 * cm, bank)
    c.setFillColor(colors.black)
    y = top - 1.3 * cm
    c.setFont(bold, 9)
    c.drawString(2 * cm, y, "Titulaire du compte")
    c.drawString(11 * cm, y, "Domiciliation")
    c.setFont(regular, 10.5)
    holder_lines = [holder]
    if account is not None:
        if account.beside:
            holder_lines = [holder, account.beside]
        holder_lines += list(account.holder_lines)
    for i, text in enumerate(holder_lines):
        c.setFont(bold if i == 0 else regular, 10.5)
        c.drawString(2 * cm, y - (i + 1) * 0.5 * cm, text)
    c.setFont(regular, 10.5)
    domiciliation = account.domiciliation if account else bank
    c.drawString(11 * cm, y - 0.5 * cm, domiciliation)
    y -= (len(holder_lines) + 2) * 0.5 * cm
    headers = ("Code banque", "Code guichet", "N° de compte", "Clé RIB")
    values = (bank_code, branch, number, key)
    xs = (2 * cm, 5.5 * cm, 9 * cm, 14.5 * cm)
    c.setStrokeColor(colors.HexColor("#999999"))
    c.rect(2 * cm - 0.2 * cm, y - 1.2 * cm, w - 4 * cm + 0.4 * cm, 1.9 * cm, fill=0)
    for x, head, val in zip(xs, headers, values, strict=True):
        c.setFont(bold, 9)
        c.drawString(x, y + 0.1 * cm, head)
        c.setFont("Courier-Bold", 12)
        c.drawString(x, y - 0.7 * cm, val)
    y -= 2.3 * cm
    c.setFont(bold, 9)
    c.drawString(2 * cm, y, "IBAN (International Bank Account Number)")
    c.drawString(14.5 * cm, y, "BIC (Bank Identifier Code)")
    c.setFont("Courier-Bold", 13)
    c.drawString(2 * cm, y - 0.7 * cm, group4(iban))
    c.drawString(14.5 * cm, y - 0.7 * cm, bic)
    y -= 2 * cm
    c.setFont(regular, 8)
    c.setFillColor(colors.HexColor("#555555"))
    for i, text in enumerate(
        (
            "Ce relevé est destiné à être remis, sur leur demande, à vos créanciers ou "
            "débiteurs appelés à faire",
            "inscrire des opérations à votre compte (virements, prélèvements, etc.). Son "
            "utilisation vous garantit",
            "le bon enregistrement des opérations en cause.",
        )
    ):
        c.drawString(2 * cm, y - i * 0.4 * cm, text)
    c.setDash(3, 3)
    c.line(1 * cm, y - 1.6 * cm, w - 1 * cm, y - 1.6 * cm)
    c.showPage()
    c.save()
    return path


def make_delegation_pdf(path: Path, applicant: Applicant) -> Path:
    """The arrêté by which the président gives the signing vice-président délégation."""
    from reportlab.platypus import Spacer

    a = applicant
    when = a.delegation_date or date(2026, 4, 15)
    st = _styles()
    pres, vp = a.legal_rep, a.signatory
    story = _rl_letterhead(a, st)
    story += [
        _p(f"ARRÊTÉ N° {a.delegation_number or 'ARR-2026-058'}", st["title"]),
        _p("ARRÊTÉ portant délégation de signature", st["h2"]),
        _p(f"Le Président de la {a.structure},", st["base"]),
        _p(
            "Vu le code général des collectivités territoriales, et notamment son article "
            "L. 5211-9 ;",
            st["just"],
        ),
        _p(
            "Vu la délibération du conseil communautaire du 9 avril 2026 portant élection du "
            "Président et des vice-présidents ;",
            st["just"],
        ),
        _p(
            "Vu la délibération du conseil communautaire fixant les délégations des "
            "vice-présidents ;",
            st["just"],
        ),
        _p("Considérant la nécessité d'assurer la bonne marche des services ;", st["just"]),
        _p("ARRÊTE", st["title"]),
        _p(
            f"Article 1 : Le Président de la {a.structure} donne délégation de signature à "
            f"{vp.full}, vice-président délégué au numérique, pour signer les demandes de "
            f"subvention relatives au tiers-lieu « {a.project_name} » et au développement des "
            f"usages numériques, ainsi que les pièces qui s'y rapportent.",
            st["just"],
        ),
        _p(
            "Article 2 : La présente délégation est consentie sous la surveillance et la "
            "responsabilité du Président ; elle peut être rapportée à tout moment.",
            st["just"],
        ),
        _p(
            "Article 3 : Le directeur général des services est chargé de l'exécution du présent "
            "arrêté, qui sera transmis au représentant de l'État, publié et notifié à "
            "l'intéressé.",
            st["just"],
        ),
        Spacer(1, 14),
        _p(f"Fait {at_place(a.town)}, le {fr_date(when)}", st["indent"]),
        _p("Le Président,", st["indent"]),
    ]
    with scratch_dir("work") as tmp:
        story += [
            _sig_flowable(pres.name, Path(tmp)),
            _p(pres.name, st["indent"]),
            Spacer(1, 10),
            _p(f"Notifié à l'intéressé le {fr_date(when)} — {vp.name}", st["small"]),
        ]
        return _pdf(path, story, title="Arrêté portant délégation de signature", author=pres.name)


def make_deliberation_pdf(path: Path, applicant: Applicant) -> Path:
    """An extract of the conseil communautaire's register approving the project."""
    from reportlab.platypus import Spacer

    a = applicant
    when = a.deliberation_date or date(2026, 9, 24)
    st = _styles()
    b = a.budget
    n = 58 if "agglomération" in a.structure else 42
    sent = date(when.year, when.month, min(when.day + 2, 28))
    story = _rl_letterhead(a, st)
    story += [
        _p("EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL COMMUNAUTAIRE", st["title"]),
        _p(
            f"Séance du {fr_date(when)} — Délibération n° {when.year}-{when.month:02d}-12",
            st["center"],
        ),
        _p(
            f"Nombre de conseillers en exercice : {n} — présents : {n - 9} — votants : {n - 3}",
            st["center"],
        ),
        Spacer(1, 8),
        _p(
            f"Objet : tiers-lieu du numérique « {a.project_name} » — approbation du projet et "
            "demande de subvention à la Région Hauts-de-France",
            st["h2"],
        ),
        _p(
            f"L'an deux mille vingt-six, le {fr_date(when)}, le conseil communautaire, "
            f"légalement convoqué, s'est réuni {at_place(a.town)} sous la présidence de "
            f"{a.legal_rep.full}, Président.",
            st["just"],
        ),
        _p(
            f"Le rapporteur expose que la Région Hauts-de-France soutient, par l'appel à projets "
            f"{CALL_NAME}, l'animation des tiers-lieux du numérique à hauteur de 75 %, 50 % "
            f"puis 25 % des dépenses d'animation plafonnées à 60 000 € par an, et l'équipement "
            f"à hauteur de 50 %. Le projet « {a.project_name} » réunit les fonctions de "
            f"{', '.join(a.functions)}.",
            st["just"],
        ),
        _p("Le conseil communautaire, après en avoir délibéré, à l'unanimité :", st["base"]),
        _p(
            f"— approuve le projet « {a.project_name} » et son plan de financement, d'un montant "
            f"total de {fr_amount(b.expenses_total())} sur la période {YEARS[0]}-{YEARS[-1]} ;",
            st["just"],
        ),
        _p(
            "— sollicite auprès de la Région Hauts-de-France l'aide à l'animation et l'aide à "
            "l'équipement prévues par l'appel à projets ;",
            st["just"],
        ),
        _p(
            "— autorise le Président, ou son représentant, à signer tout document relatif à "
            "cette demande.",
            st["just"],
        ),
        Spacer(1, 14),
        _p("Pour extrait certifié conforme,", st["indent"]),
        _p(f"Fait {at_place(a.town)}, le {fr_date(when)}", st["indent"]),
        _p("Le Président,", st["indent"]),
    ]
    with scratch_dir("work") as tmp:
        story += [
            _sig_flowable(a.legal_rep.name, Path(tmp)),
            _p(a.legal_rep.name, st["indent"]),
            Spacer(1, 10),
            _p(
                f"Transmis au contrôle de légalité le {fr_date(sent)} — publié le même jour.",
                st["small"],
            ),
        ]
        return _pdf(
            path, story, title="Délibération du conseil communautaire", author=a.legal_rep.name
        )


# How a délibération names a designated structure of each kind (``Applicant.kind``): with its
# name, and alone (« la convention … entre la communauté de communes et la SPL »).
_DESIGNATED = {
    "association": ("l'", "association", "l'association"),
    "syndicat_mixte": ("le ", "syndicat mixte", "le syndicat mixte"),
    "spl": ("la ", "société publique locale", "la SPL"),
    "sem": ("la ", "société d'économie mixte", "la SEM"),
    "gip": ("le ", "groupement d'intérêt public", "le groupement"),
    "cooperative": ("la ", "société coopérative", "la coopérative"),
    "etablissement_public": ("l'", "établissement public", "l'établissement"),
}


def _designated(a: Applicant) -> tuple[str, str]:
    """The structure ``a`` as a délibération designates it (« l'association X », « le
    syndicat mixte X », or « le Syndicat mixte X » when its name says its form), and alone."""
    article, form, alone = _DESIGNATED.get(a.kind, ("la ", "structure", "la structure"))
    if a.short_name.casefold().startswith(form.casefold()):
        return f"{article}{a.short_name}", alone
    return f"{article}{form} {a.short_name}", alone


def make_designation_pdf(
    path: Path, applicant: Applicant, *, epci: str, president: str, when: date
) -> Path:
    """An extract of the intercommunalité's register designating a structure (an association,
    a syndicat mixte, a SPL…: ``applicant.kind``) as the carrier of the tiers-lieu ("une
    structure désignée par elle"), as the EPCI's acts software prints it: the EPCI's heading,
    not the structure's."""
    from reportlab.platypus import Spacer

    a = applicant
    named, alone = _designated(a)
    st = _styles()
    story = [_p(epci, st["head"]), _p(a.town, st["small"]), Spacer(1, 24)]
    story += [
        _p("EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL COMMUNAUTAIRE", st["title"]),
        _p(
            f"Séance du {fr_date(when)} — Délibération n° {when.year}-{when.month:02d}-07",
            st["center"],
        ),
        Spacer(1, 8),
        _p(
            f"Objet : tiers-lieu du numérique « {a.project_name} » — désignation de "
            f"{named} comme structure porteuse",
            st["h2"],
        ),
        _p(
            f"Le conseil communautaire, réuni {at_place(a.town)} sous la présidence de {president}, "
            f"Président, après en avoir délibéré, à l'unanimité :",
            st["just"],
        ),
        _p(
            f"— désigne {named} comme structure porteuse du tiers-lieu "
            f"« {a.project_name} » au titre de l'appel à projets {CALL_NAME} de la Région "
            "Hauts-de-France ;",
            st["just"],
        ),
        _p(
            "— approuve la convention d'objectifs 2027-2029 entre la communauté de communes et "
            f"{alone}, et autorise le Président à la signer.",
            st["just"],
        ),
        Spacer(1, 14),
        _p("Pour extrait certifié conforme,", st["indent"]),
        _p(f"Fait {at_place(a.town)}, le {fr_date(when)}", st["indent"]),
        _p("Le Président,", st["indent"]),
    ]
    with scratch_dir("work") as tmp:
        story += [_sig_flowable(president, Path(tmp)), _p(president, st["indent"])]
        return _pdf(path, story, title="Délibération de désignation", author=president)


# --------------------------------------------------------------------------------------------
# LibreOffice conversions, and what to do without LibreOffice
# --------------------------------------------------------------------------------------------


def soffice_path() -> str | None:
    """The LibreOffice executable, if installed (found as dossierkit finds it)."""
    return soffice.LIBREOFFICE.find()


def convert_office(
    src: Path, outdir: Path, fmt: str, *, use_libreoffice: bool = True, name: str | None = None
) -> Path:
    """Convert ``src`` to ``fmt`` (``pdf``, ``odt``, ``ods``, ``doc``) in ``outdir``, named
    ``name`` (default: ``src``'s stem + ``.fmt``). LibreOffice when available and allowed,
    through dossierkit's own runner (``dossierkit.external.soffice``: a time limit, a
    throw-away profile with macros disabled, the French locale an applicant's LibreOffice
    has); otherwise a pure-Python fallback (reportlab PDF, hand-written ODF, RTF for
    ``.doc``)."""
    outdir.mkdir(parents=True, exist_ok=True)
    dst = outdir / (name or f"{src.stem}.{fmt}")
    if use_libreoffice and soffice.available():
        with scratch_dir("conv") as tmp:
            # A fixed source name, so that nothing of the caller's file name leaks into the
            # document's metadata and LibreOffice's output name is known.
            work = tmp / f"source{src.suffix.lower()}"
            shutil.copyfile(src, work)
            target = {"doc": "doc:MS Word 97"}.get(fmt, fmt)
            try:
                produced = soffice.convert(work, target, tmp, timeout=LO_TIMEOUT)
            except ExternalError as exc:
                print(
                    f"  LibreOffice n'a pas converti {src.name} ({exc.message}) : "
                    "conversion de secours.",
                    file=sys.stderr,
                )
            else:
                if produced.stat().st_size > 0:
                    shutil.move(produced, dst)
                    return dst
                print(
                    f"  LibreOffice a produit un fichier vide pour {src.name} : "
                    "conversion de secours.",
                    file=sys.stderr,
                )
    return _fallback_convert(src, dst, fmt)


def office_to_pdf(
    src: Path, outdir: Path, *, use_libreoffice: bool = True, name: str | None = None
) -> Path:
    """Export a DOCX to PDF like « Enregistrer sous PDF »: LibreOffice, or (``use_libreoffice``
    False or LibreOffice absent) a reportlab rendering of the DOCX's paragraphs, tables and
    pictures that keeps all their text."""
    return convert_office(src, outdir, "pdf", use_libreoffice=use_libreoffice, name=name)


def _fallback_convert(src: Path, dst: Path, fmt: str) -> Path:
    ext = src.suffix.lower()
    if ext == ".docx" and fmt == "pdf":
        return docx_to_pdf_reportlab(src, dst)
    if ext == ".docx" and fmt == "odt":
        return docx_to_odt_fallback(src, dst)
    if ext == ".docx" and fmt == "doc":
        return docx_to_rtf_fallback(src, dst)
    if ext == ".xlsx" and fmt == "ods":
        return xlsx_to_ods_fallback(src, dst)
    raise RuntimeError(f"pas de conversion de secours de {ext} vers {fmt}")


def _iter_blocks(doc: DocxDocument) -> Iterable[DocxParagraph | DocxTable]:
    yield from doc.iter_inner_content()


def _para_markup(p: DocxParagraph) -> str:
    parts = []
    for run in p.runs:
        text = escape(run.text).replace("\n", "<br/>").replace("\t", "&nbsp;" * 4)
        if not text:
            continue
        if run.bold:
            text = f"<b>{text}</b>"
        if run.italic:
            text = f"<i>{text}</i>"
        parts.append(text)
    return "".join(parts)


def _pictures(doc: DocxDocument, p: DocxParagraph) -> list[tuple[bytes, float, float]]:
    """Inline pictures of a paragraph: (image bytes, width pt, height pt)."""
    out = []
    for drawing in p._p.iter(qn("w:drawing")):
        blips = list(drawing.iter(qn("a:blip")))
        extents = list(drawing.iter(qn("wp:extent")))
        if not blips or not extents:
            continue
        rid = blips[0].get(qn("r:embed"))
        part = doc.part.related_parts.get(rid)
        if part is None:
            continue
        cx, cy = int(extents[0].get("cx")), int(extents[0].get("cy"))
        out.append((part.blob, cx / 12700, cy / 12700))
    return out


def docx_to_pdf_reportlab(src: Path, dst: Path) -> Path:
    """Render a DOCX to PDF with reportlab: headings, paragraphs (alignment, indent, bold,
    italic, bullets), tables and inline pictures, in document order. Every piece of text of
    the body is kept."""
    from docx import Document
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import Image as RLImage
    from reportlab.platypus import Paragraph, Spacer, Table

    doc = Document(str(src))
    st = _styles()
    aligns = {
        WD_ALIGN_PARAGRAPH.RIGHT: TA_RIGHT,
        WD_ALIGN_PARAGRAPH.CENTER: TA_CENTER,
        WD_ALIGN_PARAGRAPH.JUSTIFY: TA_JUSTIFY,
    }
    story: list[object] = []

    def style_for(p: DocxParagraph) -> ParagraphStyle:
        name = p.style.name if p.style is not None else "Normal"
        base = {"Title": st["title"], "Heading 1": st["h1"], "Heading 2": st["h2"]}.get(
            name, st["base"]
        )
        sizes = {r.font.size.pt for r in p.runs if r.font.size is not None}
        indent = p.paragraph_format.left_indent
        return ParagraphStyle(
            f"p{len(story)}",
            parent=base,
            alignment=(
                aligns.get(p.alignment, TA_LEFT)
                if p.alignment is not None
                else base.alignment
                if name == "Title"
                else TA_LEFT
            ),
            leftIndent=(indent.pt if indent is not None else 0) + (14 if "Bullet" in name else 0),
            fontSize=max(sizes) if sizes else base.fontSize,
            leading=(max(sizes) * 1.3) if sizes else base.leading,
            bulletIndent=(indent.pt if indent is not None else 0) + 2,
            spaceAfter=(
                p.paragraph_format.space_after.pt
                if p.paragraph_format.space_after is not None
                else base.spaceAfter
            ),
        )

    for block in _iter_blocks(doc):
        if isinstance(block, DocxParagraph):
            style = style_for(block)
            markup = _para_markup(block)
            bullet = "•" if "Bullet" in (block.style.name if block.style else "") else None
            if markup:
                story.append(Paragraph(markup, style, bulletText=bullet))
            pictures = _pictures(doc, block)
            for blob, w, h in pictures:
                img = RLImage(io.BytesIO(blob), width=w, height=h)
                img.hAlign = "LEFT"
                if style.leftIndent:
                    t = Table([["", img]], colWidths=[style.leftIndent, None])
                    t.setStyle([("LEFTPADDING", (0, 0), (-1, -1), 0)])
                    story.append(t)
                else:
                    story.append(img)
            if not markup and not pictures:
                story.append(Spacer(1, 6))
        else:
            data = []
            for row in block.rows:
                cells = []
                for cell in row.cells:
                    inner = [
                        Paragraph(_para_markup(cp) or "&nbsp;", st["cell"])
                        for cp in cell.paragraphs
                    ]
                    for cp in cell.paragraphs:
                        for blob, w, h in _pictures(doc, cp):
                            inner.append(RLImage(io.BytesIO(blob), width=w, height=h))
                    cells.append(inner)
                data.append(cells)
            ncols = max(len(r) for r in data) if data else 1
            width = 16.6 * cm
            first = 0.42 * width if ncols > 2 else width / ncols
            col_widths = (
                [first] + [(width - first) / (ncols - 1)] * (ncols - 1) if ncols > 1 else [width]
            )
            table = Table(data, colWidths=col_widths, repeatRows=1)
            grid = block.style is not None and "Grid" in block.style.name
            table.setStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    *([("GRID", (0, 0), (-1, -1), 0.5, "#777777")] if grid else []),
                ]
            )
            story.append(table)
            story.append(Spacer(1, 6))
    props = doc.core_properties
    return _pdf(dst, story, title=props.title or src.stem, author=props.author or "")


def _odf_zip(dst: Path, mimetype: str, content: str) -> Path:
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
        ' manifest:version="1.3">'
        f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{mimetype}"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    stamp = (2026, 1, 1, 0, 0, 0)
    with zipfile.ZipFile(dst, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype", stamp), mimetype, zipfile.ZIP_STORED)
        for name, data in (("content.xml", content), ("META-INF/manifest.xml", manifest)):
            info = zipfile.ZipInfo(name, stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return dst


ODF_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" office:version="1.3"'
)


def docx_to_odt_fallback(src: Path, dst: Path) -> Path:
    """A minimal ODT (headings, paragraphs, tables) when LibreOffice is absent."""
    from docx import Document

    doc = Document(str(src))
    body = []
    for block in _iter_blocks(doc):
        if isinstance(block, DocxParagraph):
            name = block.style.name if block.style else ""
            text = escape(block.text)
            if name.startswith("Heading "):
                level = name.split()[-1]
                body.append(f'<text:h text:outline-level="{level}">{text}</text:h>')
            else:
                body.append(f"<text:p>{text}</text:p>")
        else:
            rows = "".join(
                "<table:table-row>"
                + "".join(
                    f"<table:table-cell><text:p>{escape(c.text)}</text:p></table:table-cell>"
                    for c in row.cells
                )
                + "</table:table-row>"
                for row in block.rows
            )
            body.append(f"<table:table>{rows}</table:table>")
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {ODF_NS}>'
        f"<office:body><office:text>{''.join(body)}</office:text></office:body>"
        "</office:document-content>"
    )
    return _odf_zip(dst, "application/vnd.oasis.opendocument.text", content)


def _ods_formula(formula: str) -> str:
    def ref(m: re.Match[str]) -> str:
        if m.group(2):
            return f"[.{m.group(1)}:.{m.group(2)}]"
        return f"[.{m.group(1)}]"

    return "of:" + re.sub(r"\b([A-Z]+[0-9]+)(?::([A-Z]+[0-9]+))?\b", ref, formula)


def xlsx_to_ods_fallback(src: Path, dst: Path) -> Path:
    """A minimal ODS (values, formulas with their cached values) when LibreOffice is absent."""
    from openpyxl import load_workbook

    formulas = load_workbook(src)
    values = load_workbook(src, data_only=True)
    tables = []
    for ws in formulas.worksheets:
        wv = values[ws.title]
        rows = []
        for row in ws.iter_rows():
            cells = []
            for cell in row:
                v = cell.value
                cached = wv[cell.coordinate].value
                if v is None:
                    cells.append("<table:table-cell/>")
                elif isinstance(v, str) and v.startswith("="):
                    cells.append(
                        f'<table:table-cell table:formula="{escape(_ods_formula(v))}" '
                        f'office:value-type="float" office:value="{cached}">'
                        f"<text:p>{cached}</text:p></table:table-cell>"
                    )
                elif isinstance(v, int | float | Decimal):
                    cells.append(
                        f'<table:table-cell office:value-type="float" '
                        f'office:value="{v}"><text:p>{v}</text:p></table:table-cell>'
                    )
                else:
                    cells.append(
                        f'<table:table-cell office:value-type="string"><text:p>'
                        f"{escape(str(v))}</text:p></table:table-cell>"
                    )
            rows.append("<table:table-row>" + "".join(cells) + "</table:table-row>")
        tables.append(f'<table:table table:name="{escape(ws.title)}">{"".join(rows)}</table:table>')
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {ODF_NS}>'
        f"<office:body><office:spreadsheet>{''.join(tables)}</office:spreadsheet>"
        "</office:body></office:document-content>"
    )
    return _odf_zip(dst, "application/vnd.oasis.opendocument.spreadsheet", content)


def docx_to_rtf_fallback(src: Path, dst: Path) -> Path:
    """Without LibreOffice, a ``.doc`` is written as RTF — what many programs save under
    that name. Text only (paragraphs, headings in bold, table rows tab-separated)."""
    from docx import Document

    def rtf(text: str) -> str:
        out = []
        for ch in text:
            if ch in "\\{}":
                out.append("\\" + ch)
            elif ord(ch) < 128:
                out.append(ch)
            else:
                out.append(f"\\u{ord(ch) if ord(ch) < 32768 else ord(ch) - 65536}?")
        return "".join(out)

    doc = Document(str(src))
    lines = [r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Arial;}}\fs21 "]
    for block in _iter_blocks(doc):
        if isinstance(block, DocxParagraph):
            heading = (block.style.name if block.style else "").startswith(("Heading", "Title"))
            text = rtf(block.text)
            lines.append((r"{\b\fs28 " + text + "}" if heading else text) + r"\par" + "\n")
        else:
            for row in block.rows:
                lines.append(r"\tab ".join(rtf(c.text) for c in row.cells) + r"\par" + "\n")
    lines.append("}")
    dst.write_text("".join(lines), encoding="ascii")
    return dst


# --------------------------------------------------------------------------------------------
# Scans, encryption, damage, clutter
# --------------------------------------------------------------------------------------------


def scan_pdf(
    src_pdf: Path,
    dst_pdf: Path,
    *,
    seed: int,
    dpi: int = 130,
    quality: int = 60,
    turns: Mapping[int, int] | None = None,
    skew: float | None = None,
) -> Path:
    """Make ``dst_pdf`` a scan of ``src_pdf``: each page rendered in grayscale at ``dpi``,
    turned by a small random angle (±1.5°, or ``skew`` degrees), grey paper, light noise,
    JPEG at ``quality``, one image per page and no text layer (img2pdf). ``turns`` maps page
    numbers to 90, 180 or 270: the sheet fed sideways or upside down (turned clockwise), the
    scanner's page turned with it."""
    import img2pdf
    import pypdfium2 as pdfium

    rng = random.Random(seed)
    pages: list[bytes] = []
    sizes: list[tuple[float, float]] = []
    pdf = pdfium.PdfDocument(str(src_pdf))
    try:
        for number, page in enumerate(pdf, start=1):
            sizes.append((page.get_width(), page.get_height()))
            bitmap = page.render(scale=dpi / 72, grayscale=True)
            img = bitmap.to_pil().convert("L")
            page.close()
            img = img.point(lambda v: 18 + v * (236 - 18) // 255)  # grey paper, grey ink
            angle = rng.uniform(-1.5, 1.5)
            shift = (rng.randint(-8, 8), rng.randint(-6, 6))
            img = img.rotate(
                angle if skew is None else skew,
                resample=Image.Resampling.BICUBIC,
                expand=False,
                translate=shift,
                fillcolor=242,
            )
            turn = (turns or {}).get(number, 0)
            if turn:
                img = img.rotate(-turn, expand=True)
            img = add_noise(img.filter(ImageFilter.GaussianBlur(0.5)), 10, rng)
            # a darker band at the edge, as a scanner lid leaves
            band = img.crop((0, 0, 6, img.height)).point(lambda v: v * 3 // 4)
            img.paste(band, (0, 0))
            buf = io.BytesIO()
            img.save(buf, "JPEG", quality=quality, dpi=(dpi, dpi), optimize=True)
            pages.append(buf.getvalue())
    finally:
        pdf.close()
    w_pt, h_pt = sizes[0]
    layout = img2pdf.get_layout_fun((w_pt, h_pt))
    if turns:
        # each page sized after its image: a sheet fed sideways makes a landscape page
        layout = img2pdf.get_layout_fun(None)
    dst_pdf.parent.mkdir(parents=True, exist_ok=True)
    dst_pdf.write_bytes(
        img2pdf.convert(
            pages,
            layout_fun=layout,
            nodate=True,
            producer="Canon iR-ADV C3530 PDF",
            creator="Scan",
            engine=img2pdf.Engine.internal,
        )
    )
    return dst_pdf


def encrypt_pdf(src: Path, dst: Path, password: str = "secret") -> Path:
    """Protect a PDF with a user password (AES-256), as « Protéger par mot de passe » does."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(str(src)))
    writer.encrypt(password, algorithm="AES-256")
    with dst.open("wb") as fh:
        writer.write(fh)
    return dst


def truncate_file(path: Path, fraction: float = 0.6) -> Path:
    """Cut a file at ``fraction`` of its bytes, as an interrupted download or copy leaves it."""
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * fraction)])
    return path


def word_lock_name(name: str) -> str:
    """The owner file Word creates next to an open document (``~$ssier….docx``)."""
    stem = Path(name).stem
    if len(stem) <= 6:
        return "~$" + name
    if len(stem) == 7:
        return "~$" + name[1:]
    return "~$" + name[2:]


def word_lock_bytes(owner: str) -> bytes:
    """A 162-byte Word owner file: length byte, owner name padded with spaces, then the
    name again in UTF-16LE, padded."""
    n = len(owner)
    ansi = bytes([n]) + owner.encode("cp1252", "replace").ljust(53, b" ")
    wide = bytes([n, 0]) + owner.encode("utf-16-le")
    wide += b" \x00" * ((162 - len(ansi) - len(wide)) // 2)
    return (ansi + wide)[:162].ljust(162, b"\x00")


def add_clutter(
    folder: Path,
    *,
    owner: str = "Marie Delattre",
    locks: Sequence[str] | None = None,
    appledouble: Sequence[str] = (),
) -> list[Path]:
    """Leave what macOS, Windows and Word leave in a folder: ``.DS_Store``, ``Thumbs.db``,
    a Word owner file (``~$…``) for each name of ``locks`` (default: each DOCX of the
    folder), and ``__MACOSX/._name`` AppleDouble files for the names of ``appledouble`` (as
    when a Mac user zips the folder)."""
    made = []
    ds = folder / ".DS_Store"
    header = (
        b"\x00\x00\x00\x01Bud1"
        + (0x1000).to_bytes(4, "big")
        + (0x800).to_bytes(4, "big")
        + (0x1000).to_bytes(4, "big")
    )
    ds.write_bytes(header.ljust(6148, b"\x00"))
    made.append(ds)
    thumbs = folder / "Thumbs.db"
    ole = bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 16 + bytes.fromhex("3E000300FEFF0900")
    thumbs.write_bytes(ole.ljust(3584, b"\x00"))
    made.append(thumbs)
    if locks is None:
        locks = [p.name for p in sorted(folder.glob("*.docx"))]
    for doc_name in locks:
        lock = folder / word_lock_name(doc_name)
        lock.write_bytes(word_lock_bytes(owner))
        made.append(lock)
    for name in appledouble:
        mac = folder / "__MACOSX" / f"._{name}"
        mac.parent.mkdir(exist_ok=True)
        head = (
            bytes.fromhex("00051607")
            + bytes.fromhex("00020000")
            + b"Mac OS X        "
            + (2).to_bytes(2, "big")
            + (9).to_bytes(4, "big")
            + (50).to_bytes(4, "big")
            + (3760).to_bytes(4, "big")
            + (2).to_bytes(4, "big")
            + (3810).to_bytes(4, "big")
            + (286).to_bytes(4, "big")
        )
        finder = b"PDF CARO" + b"\x00" * 24 + b"ATTR"
        mac.write_bytes((head + finder).ljust(4096, b"\x00"))
        made.append(mac)
    return made


# --------------------------------------------------------------------------------------------
# The samples
# --------------------------------------------------------------------------------------------


def _docx_pdf(
    tmp: Path,
    out: Path,
    name: str,
    maker: Callable[..., Path],
    applicant: Applicant,
    use_lo: bool,
    **kwargs: object,
) -> Path:
    """Write a DOCX with ``maker`` in ``tmp`` and export it to PDF as ``out/name``."""
    docx = maker(tmp / "source.docx", applicant, **kwargs)
    return office_to_pdf(docx, out, use_libreoffice=use_lo, name=name)


def _build_association_complete(out: Path, tmp: Path, use_lo: bool) -> None:
    a = applicant_ternois()
    seed = seed_for("association-complete")
    _docx_pdf(tmp, out, "01 - Courrier de demande.pdf", make_courrier_docx, a, use_lo)
    make_budget_xlsx(out / "02 - Budget prévisionnel 2027-2029.xlsx", a)
    make_dossier_technique_docx(
        out / "03 - Dossier technique v2 FINAL.docx", a, version="version 2", french_ids=True
    )
    make_attestation_tva_pdf(out / "04 - Attestation TVA.pdf", a)
    make_rib_pdf(
        out / "RIB (2).pdf", a.bank.holder, a.bank.iban, a.bank.bic, a.bank.bank, account=a.bank
    )
    statuts = make_statuts_docx(tmp / "statuts.docx", a)
    statuts_pdf = office_to_pdf(statuts, tmp, use_libreoffice=use_lo, name="statuts.pdf")
    scan_pdf(statuts_pdf, out / "Statuts signés.pdf", seed=seed)
    (out / "Annexes").mkdir()
    make_photo_jpeg(out / "Annexes" / "Plan d'agencement.jpg", make_floor_plan(a), seed=seed)
    # the designation the dossier technique says is joined (question of the legitimation)
    make_designation_pdf(
        out / "Annexes" / "Délibération CC du Ternois - désignation.pdf",
        a,
        epci="Communauté de communes du Ternois",
        president="Marc Delattre",
        when=date(2026, 9, 23),
    )
    # the owner file Word left when the document was still "Dossier technique v2 FINAL.docx",
    # before it was numbered "03 - …" for sending
    add_clutter(
        out,
        owner=a.legal_rep.name,
        locks=["Dossier technique v2 FINAL.docx"],
        appledouble=["RIB (2).pdf"],
    )


def _manifest_yaml(a: Applicant) -> str:
    return (
        "# Ce que la Communauté de communes déclare de son dossier (facultatif).\n"
        "structure:\n"
        f"  nom: {a.structure}\n"
        f"  type: {a.kind}\n"
        f"  intercommunalite: {a.epci_short}\n"
        f"  responsable_legal: {{nom: {a.legal_rep.name}, qualite: {a.legal_rep.title}}}\n"
        f"  signataire: {{nom: {a.signatory.name}, qualite: {a.signatory.title}}}\n"
        f'projet: {{forme: {a.project_form}, nom: "{a.project_name}"}}\n'
    )


def _build_interco_complete(out: Path, tmp: Path, use_lo: bool) -> None:
    a = applicant_lumbres()
    _docx_pdf(tmp, out, "Courrier demande subvention tiers-lieu.pdf", make_courrier_docx, a, use_lo)
    make_delegation_pdf(out / "Délégation de signature VP.pdf", a)
    xlsx = make_budget_xlsx(tmp / "budget.xlsx", a, sheet_title="Budget tiers-lieu")
    convert_office(xlsx, out, "ods", use_libreoffice=use_lo, name="Budget tiers-lieu.ods")
    _docx_pdf(tmp, out, "Dossier technique.pdf", make_dossier_technique_docx, a, use_lo)
    make_attestation_tva_pdf(out / "Attestation FCTVA.pdf", a)
    make_rib_pdf(
        out / "RIB Trésor public.pdf",
        a.bank.holder,
        a.bank.iban,
        a.bank.bic,
        a.bank.bank,
        account=a.bank,
    )
    make_deliberation_pdf(out / "Délibération conseil communautaire.pdf", a)
    make_floor_plan(a).save(out / "Plan d'agencement.png", optimize=True)
    (out / "dossier.yaml").write_text(_manifest_yaml(a), encoding="utf-8")


def _build_association_incomplete(out: Path, tmp: Path, use_lo: bool) -> None:
    a = applicant_montreuillois()
    _docx_pdf(tmp, out, "Courrier.pdf", make_courrier_docx, a, use_lo)
    make_budget_docx(out / "Budget.pdf", a)  # a DOCX under a .pdf name
    clear = make_attestation_tva_pdf(tmp / "attestation.pdf", a)
    encrypt_pdf(clear, out / "Attestation TVA.pdf", "secret")
    docx = make_dossier_technique_docx(tmp / "dt.docx", a)
    convert_office(docx, out, "odt", use_libreoffice=use_lo, name="Dossier technique.odt")


def _build_interco_incomplete(out: Path, tmp: Path, use_lo: bool) -> None:
    a = applicant_boulonnais()
    seed = seed_for("interco-incomplete")
    letter = _docx_pdf(tmp, tmp, "courrier.pdf", make_courrier_docx, a, use_lo)
    scan_pdf(letter, out / "Courrier signé scanné.pdf", seed=seed)
    make_budget_csv(out / "budget.csv", a)
    make_dossier_technique_docx(out / "Dossier technique.docx", a)
    make_attestation_tva_pdf(out / "scan0001.pdf", a)
    roadmap = make_feuille_de_route_docx(tmp / "fdr.docx", a)
    convert_office(roadmap, out, "doc", use_libreoffice=use_lo, name="Annexe feuille de route.doc")
    truncate_file(make_deliberation_pdf(out / "Délibération.pdf", a), 0.6)
    (out / "budget_old.xlsx").write_bytes(b"")


BUILDERS = {
    "association-complete": _build_association_complete,
    "interco-complete": _build_interco_complete,
    "association-incomplete": _build_association_incomplete,
    "interco-incomplete": _build_interco_incomplete,
}


class SampleExists(FileExistsError):
    """The sample folder exists and ``force`` was not given."""


def remove_stale_staging(out_dir: Path, name: str) -> list[Path]:
    """Remove the half-built folders of ``name`` that killed runs left beside the samples
    (``.<name>-<pid>-…``, their process gone); those removed."""
    named = re.compile(rf"^\.{re.escape(name)}-(\d+)-[a-z0-9_]{{8}}$")
    removed = []
    for path in out_dir.glob(f".{name}-*"):
        match = named.match(path.name)
        if match and path.is_dir() and not path.is_symlink() and not alive(int(match[1])):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def build_sample(
    name: str, out_dir: Path, *, use_libreoffice: bool = True, force: bool = False
) -> Path:
    """Build the sample ``name`` (a key of ``SAMPLES``) as ``out_dir/name`` and return it.

    The folder is built aside and moved into place when complete; an existing folder is
    replaced only with ``force``."""
    if name not in BUILDERS:
        raise KeyError(f"échantillon inconnu : {name} (connus : {', '.join(SAMPLES)})")
    out_dir = Path(out_dir)
    target = out_dir / name
    if target.exists() and not force:
        raise SampleExists(f"{target} existe déjà (utilisez --force pour le remplacer)")
    out_dir.mkdir(parents=True, exist_ok=True)
    remove_stale_staging(out_dir, name)
    with (
        tempfile.TemporaryDirectory(prefix=f".{name}-{os.getpid()}-", dir=out_dir) as staging,
        scratch_dir("work") as work,
    ):
        built = Path(staging) / name
        built.mkdir()
        BUILDERS[name](built, work, use_libreoffice)
        if target.exists():
            shutil.rmtree(target)
        shutil.move(str(built), str(target))
    return target


def folder_size(path: Path) -> int:
    """Total bytes of the files under ``path``."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def exit_on_sigterm() -> None:
    """SIGTERM (``kill``, a test runner's time-out) ends the generation as an exception would,
    so that every ``finally`` runs and the temporary folders go (as ``dossierkit``'s commands
    do); its default action would leave them. Exit code 143, as a shell reports it."""

    def stop(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, stop)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: build the samples, refusing to overwrite unless ``--force``."""
    exit_on_sigterm()
    remove_stale_once()  # what killed runs left, as every dossierkit command does
    parser = argparse.ArgumentParser(description="Génère les dossiers d'exemple de dossierkit.")
    parser.add_argument(
        "--out",
        type=Path,
        default=HERE,
        help="dossier où créer les échantillons (défaut : samples/)",
    )
    parser.add_argument(
        "--only",
        action="append",
        choices=sorted(SAMPLES),
        metavar="NOM",
        help="ne générer que cet échantillon (répétable) : " + ", ".join(SAMPLES),
    )
    parser.add_argument(
        "--no-libreoffice",
        action="store_true",
        help="ne pas utiliser LibreOffice (conversions de secours en Python)",
    )
    parser.add_argument(
        "--force", action="store_true", help="remplacer les dossiers d'échantillon existants"
    )
    args = parser.parse_args(argv)
    names = args.only or list(SAMPLES)
    use_lo = not args.no_libreoffice
    if use_lo and soffice_path() is None:
        print(
            "LibreOffice (soffice) introuvable : conversions de secours en Python.", file=sys.stderr
        )
    existing = [n for n in names if (args.out / n).exists()]
    if existing and not args.force:
        print(
            "Ces dossiers existent déjà : "
            + ", ".join(existing)
            + ". Relancez avec --force pour les remplacer.",
            file=sys.stderr,
        )
        return 1
    start = time.monotonic()
    for name in names:
        t0 = time.monotonic()
        path = build_sample(name, args.out, use_libreoffice=use_lo, force=args.force)
        print(f"{name:<24} {folder_size(path) / 1024:8.0f} Kio  {time.monotonic() - t0:5.1f} s")
    print(f"Terminé en {time.monotonic() - start:.1f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
