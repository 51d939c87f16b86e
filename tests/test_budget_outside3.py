"""Budget shapes a third outside tester sent, and their variants: dépenses and recettes side
by side in one sheet (« Dépenses | Montant | | Recettes | Montant », « CHARGES | € |
PRODUITS | € »), one sheet or one block per year, the recettes often longer than the
dépenses. Workbooks are written by openpyxl with values, as a spreadsheet program saves them.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from dossierkit.pieces.budget import BudgetFacts
from dossierkit.verify import parse_file

YEARS = (2027, 2028, 2029)


def read(path: Path) -> BudgetFacts:
    budget = parse_file(path, "budget")
    assert isinstance(budget, BudgetFacts)
    return budget


def save(workbook: Any, path: Path) -> Path:
    workbook.save(str(path))
    return path


# -- dépenses and recettes side by side ----------------------------------------------------------

# Per year: operating dépenses, operating recettes, investment dépenses, investment recettes.
OPERATING = {
    2027: (
        [
            ("Animateur (CDI, 1 ETP, charges comprises)", 41000),
            ("Intervenants et ateliers", 12000),
            ("Communication", 5000),
        ],
        [
            ("Région Hauts-de-France – animation", 43500),
            ("CC du Pays de Lumbres – autofinancement", 9500),
            ("Recettes d'activité", 5000),
        ],
    ),
    2028: (
        [
            ("Animateur (CDI, 1 ETP, charges comprises)", 42000),
            ("Intervenants et ateliers", 13000),
            ("Communication", 5000),
        ],
        [
            ("Région Hauts-de-France – animation", 30000),
            ("CC du Pays de Lumbres – autofinancement", 24000),
            ("Recettes d'activité", 6000),
        ],
    ),
    2029: (
        [
            ("Animateur (CDI, 1 ETP, charges comprises)", 43000),
            ("Intervenants et ateliers", 14000),
            ("Communication", 5000),
        ],
        [
            ("Région Hauts-de-France – animation", 15000),
            ("CC du Pays de Lumbres – autofinancement", 40000),
            ("Recettes d'activité", 7000),
        ],
    ),
}
INVESTMENT = {
    2027: (
        [("Équipement fablab et coworking", 50000)],
        [
            ("Région Hauts-de-France – équipement", 25000),
            ("CC du Pays de Lumbres – autofinancement investissement", 25000),
        ],
    ),
}


def _side_by_side(
    ws: Any,
    row: int,
    heads: tuple[str, str, str, str],
    left: list[tuple[str, int]],
    right: list[tuple[str, int]],
    totals: tuple[str, str] | None,
) -> int:
    """Write one T table from ``row``; the row after it."""
    ws.cell(row, 1, heads[0]), ws.cell(row, 2, heads[1])
    ws.cell(row, 4, heads[2]), ws.cell(row, 5, heads[3])
    for i in range(max(len(left), len(right))):
        row += 1
        if i < len(left):
            ws.cell(row, 1, left[i][0]), ws.cell(row, 2, left[i][1])
        if i < len(right):
            ws.cell(row, 4, right[i][0]), ws.cell(row, 5, right[i][1])
    if totals:
        row += 1
        ws.cell(row, 1, totals[0]), ws.cell(row, 2, sum(a for _, a in left))
        ws.cell(row, 4, totals[1]), ws.cell(row, 5, sum(a for _, a in right))
    return row + 2


def sheets_per_year(path: Path) -> Path:
    """The CC du Pays de Lumbres shape: one sheet per year, a FONCTIONNEMENT (TTC) block over
    an INVESTISSEMENT (HT) block, each « Dépenses | Montant | | Recettes | Montant »."""
    wb = Workbook()
    wb.remove(wb.active)
    for year in YEARS:
        ws = wb.create_sheet(str(year))
        ws["A1"] = f"Tiers-lieu L'Usine à idées – année {year}"
        ws["A3"] = "FONCTIONNEMENT (montants TTC)"
        heads = ("Dépenses", "Montant", "Recettes", "Montant")
        row = _side_by_side(
            ws,
            4,
            heads,
            *OPERATING[year],
            ("Total dépenses de fonctionnement", "Total recettes de fonctionnement"),
        )
        ws.cell(row, 1, "INVESTISSEMENT (montants HT)")
        spent, got = INVESTMENT.get(
            year,
            ([("Équipement fablab et coworking", 0)], [("Région Hauts-de-France – équipement", 0)]),
        )
        _side_by_side(
            ws,
            row + 1,
            heads,
            spent,
            got,
            ("Total dépenses d'investissement", "Total recettes d'investissement"),
        )
    return save(wb, path)


def sheets_with_summary(path: Path) -> Path:
    """The year sheets behind a « Synthèse » sheet, first, that repeats each side of each
    nature per year with no section over it: its rows are totals, not counted twice."""
    sheets_per_year(path)
    wb = load_workbook(path)
    ws = wb.create_sheet("Synthèse", 0)
    ws["A1"] = "Tiers-lieu L'Usine à idées – synthèse 2027-2029"
    ws["A2"] = "Fonctionnement montants TTC ; investissement montants HT"
    ws.append([])
    ws.append([None, *(str(y) for y in YEARS), "Total"])

    def sums(part: dict[int, Any], side: int) -> list[int]:
        by_year = [sum(a for _, a in part.get(y, ([], []))[side]) for y in YEARS]
        return [*by_year, sum(by_year)]

    ws.append(["Dépenses de fonctionnement", *sums(OPERATING, 0)])
    ws.append(["Recettes de fonctionnement", *sums(OPERATING, 1)])
    ws.append(["Dépenses d'investissement", *sums(INVESTMENT, 0)])
    ws.append(["Recettes d'investissement", *sums(INVESTMENT, 1)])
    spent = [a + b for a, b in zip(sums(OPERATING, 0), sums(INVESTMENT, 0), strict=True)]
    got = [a + b for a, b in zip(sums(OPERATING, 1), sums(INVESTMENT, 1), strict=True)]
    ws.append(["Total dépenses", *spent])
    ws.append(["Total recettes", *got])
    return save(wb, path)


def blocks_per_year(path: Path) -> Path:
    """The Le Fil numérique shape: one sheet, a block per year under « ANNÉE 2027 »,
    « CHARGES | € | PRODUITS | € », the investment among the charges."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Budget prévisionnel"
    ws["A1"] = "Budget prévisionnel du tiers-lieu Le Fil"
    ws["A2"] = "Budget présenté TTC (association non assujettie à la TVA)"
    row = 4
    for year in YEARS:
        ws.cell(row, 1, f"ANNÉE {year}")
        spent, got = OPERATING[year]
        row = _side_by_side(
            ws,
            row + 1,
            ("CHARGES", "€", "PRODUITS", "€"),
            spent,
            got,
            ("TOTAL CHARGES", "TOTAL PRODUITS"),
        )
    return save(wb, path)


@pytest.mark.parametrize("shape", [sheets_per_year, sheets_with_summary, blocks_per_year])
def test_both_sides_of_a_t_table_are_read(tmp_path: Path, shape: Any) -> None:
    """Each side with its own amounts: the recettes, one line longer than the dépenses,
    no longer take the dépenses' amounts for part of their labels."""
    budget = read(shape(tmp_path / "Budget previsionnel 2027-2029.xlsx"))
    assert budget.unplaced == ()
    invested = shape is not blocks_per_year
    for year in YEARS:
        spent, got = OPERATING[year]
        more_spent, more_got = INVESTMENT.get(year, ([], [])) if invested else ([], [])
        assert budget.total("depenses", year) == sum(a for _, a in spent + more_spent), year
        assert budget.total("recettes", year) == sum(a for _, a in got + more_got), year
        assert budget.region_aid("animation", year) == got[0][1]
        assert budget.animation_expenses(year) == spent[0][1] + spent[1][1]
    if invested:
        assert budget.total("depenses", 2027, "investissement") == Decimal(50000)
        assert budget.region_aid("equipement", 2027) == Decimal(25000)
        assert budget.basis == {"fonctionnement": "TTC", "investissement": "HT"}


# -- the Région's aid under the name the applicant gives it --------------------------------------


def one_table(
    path: Path,
    head: list[str],
    depenses: dict[str, tuple[int, ...]],
    recettes: dict[str, tuple[int, ...]],
) -> Path:
    """« DÉPENSES | years… » over « RECETTES | years… », as most applicants type it."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Budget"
    ws.append(["Budget prévisionnel – montants TTC"])
    ws.append([])
    for section, lines in (("DÉPENSES", depenses), ("RECETTES", recettes)):
        ws.append([section, *head])
        for label, values in lines.items():
            ws.append([label, *values])
        ws.append([f"TOTAL {section}", *(sum(v) for v in zip(*lines.values(), strict=True))])
        ws.append([])
    return save(wb, path)


SPENT = {
    "Salaire animatrice (CDI temps plein, charges comprises)": (42000, 43000, 44000),
    "Ateliers et intervenants extérieurs": (18000, 17000, 16000),
}


@pytest.mark.parametrize(
    ("label", "region"),
    [
        ("Subvention régionale « Tiers-lieux du numérique » – animation", True),
        ("Subvention régionale TLN", True),
        ("Aide régionale (AAP Tiers-lieux du numérique)", True),
        ("Subvention « Tiers-lieux du numérique »", True),
        ("Fonds européens FEDER (aide régionale)", False),
        ("Parc naturel régional", False),
    ],
)
def test_an_aid_called_regional_is_the_regions(tmp_path: Path, label: str, region: bool) -> None:
    """The Région's line named by the adjective or by the call; not the FEDER the Région
    manages, nor another body called « régional »."""
    got = {label: (50000, 30000, 15000), "CC du Ternois": (10000, 30000, 45000)}
    budget = read(one_table(tmp_path / "Budget.xlsx", [str(y) for y in YEARS], SPENT, got))
    # « Subvention régionale TLN » says neither animation nor equipment: counted in
    # animation, and the budget asked to say so.
    assert all("sans dire si elle est pour l'animation" in u for u in budget.unplaced)
    expected = (Decimal(50000), Decimal(30000), Decimal(15000)) if region else (None,) * 3
    assert tuple(budget.region_aid("animation", y) for y in YEARS) == expected


# -- animation named by the person who does it ---------------------------------------------------


@pytest.mark.parametrize(
    ("label", "animation"),
    [
        ("Chargé d'animation (1 ETP)", True),
        ("Chargée d'animation", True),
        ("Chargée de mission animation", True),
        ("Responsable du tiers-lieu (CDI temps plein)", True),
        ("Frais de personnel (1 ETP animation)", True),
        ("Masse salariale animateur", True),
        ("Rémunération du gestionnaire de l'espace", True),
        ("Déplacements du chargé d'animation", False),
        ("Formation du responsable du tiers-lieu", False),
        ("Charges de fonctionnement des ateliers", False),
        ("Loyer de l'espace", False),
    ],
)
def test_the_person_who_animates(tmp_path: Path, label: str, animation: bool) -> None:
    """A paid person who animates or runs the place is animation (« centré sur l'animation
    […] (salaires, prestations…) »); their travel, training, the rent are not."""
    spent = {label: (40000, 40000, 40000), "Communication": (2000, 2000, 2000)}
    got = {
        "Région Hauts-de-France – animation": (30000, 20000, 10000),
        "Autofinancement": (12000, 22000, 32000),
    }
    budget = read(one_table(tmp_path / "Budget.xlsx", [str(y) for y in YEARS], spent, got))
    assert budget.animation_expenses(2027) == (Decimal(40000) if animation else Decimal(0))


# -- years of the project over their dates -------------------------------------------------------


@pytest.mark.parametrize(
    "head",
    [
        [
            "Année 1 (sept. 2027 – août 2028)",
            "Année 2 (sept. 2028 – août 2029)",
            "Année 3 (sept. 2029 – août 2030)",
            "Total",
        ],
        [
            "2027 (févr. 2027 – janv. 2028)",
            "2028 (févr. 2028 – janv. 2029)",
            "2029 (févr. 2029 – janv. 2030)",
            "Total",
        ],
    ],
)
def test_project_years_over_their_dates(tmp_path: Path, head: list[str]) -> None:
    """« Année 1 (sept. 2027 – août 2028) » is the project's first year, placed on 2027
    where it starts, not a total of 2027 and 2028."""
    spent = {**SPENT, "Équipement coworking et médiation": (24000, 0, 0)}
    got = {
        "Région Hauts-de-France – animation": (45000, 30000, 15000),
        "Région Hauts-de-France – équipement": (12000, 0, 0),
        "CC du Pays du Coquelicot": (27000, 30000, 45000),
    }
    rows = {k: (*v, sum(v)) for k, v in spent.items()}
    income = {k: (*v, sum(v)) for k, v in got.items()}
    budget = read(one_table(tmp_path / "Budget previsionnel.xlsx", head, rows, income))
    assert budget.unplaced == ()
    assert budget.years == YEARS
    assert [budget.total("depenses", y) for y in YEARS] == [84000, 60000, 60000]
    assert [budget.region_aid("animation", y) for y in YEARS] == [45000, 30000, 15000]


# -- workshops and their small supplies ----------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "animation"),
    [
        ("Ateliers et petits matériels", True),
        ("Ateliers numériques", True),
        ("Animation et fournitures", True),
        ("Ateliers et matériel fablab", False),
        ("Atelier : location de salle", False),
        ("Communication et petits consommables", False),
        ("Petits matériels", False),
    ],
)
def test_workshops_with_their_supplies(tmp_path: Path, label: str, animation: bool) -> None:
    """A line that opens on the workshops is animation work, its small supplies with it;
    equipment, the rent, supplies alone are not."""
    spent = {"Animatrice (CDI)": (38000, 38500, 39000), label: (12000, 11500, 11000)}
    got = {
        "Région Hauts-de-France – animation": (37500, 25000, 12500),
        "Autofinancement": (12500, 25000, 37500),
    }
    budget = read(one_table(tmp_path / "Budget.xlsx", [str(y) for y in YEARS], spent, got))
    assert budget.animation_expenses(2027) == 38000 + (12000 if animation else 0)
    # Whatever the reading, the widest base a person could retain: the operating costs
    # (the fablab's machines are equipment, an investment).
    assert budget.operating_expenses(2027) == 38000 + (0 if "fablab" in label else 12000)
