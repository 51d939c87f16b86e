"""Budget shapes a fifth outside tester sent, and their variants:

- the dépenses and the recettes on two sheets named for them (« Dépenses », « Recettes »,
  or « Charges », « Produits », or one pair per year), whose header cell says « Poste »: the
  sheet's name says the side, the dépenses were read as 0 € (B003, B004, B007);
- every amount given in two bases (« 2027 HT | 2027 TTC | … », « Total HT | TVA 20 % |
  Total TTC »): one year in two bases, never their sum (B003, B004), and the basis the
  budget retains is the one it states, not the one it gives « pour information » (B010);
- the CERFA 12156 layout with « Investissement – équipement fablab » typed under « 64 –
  Charges de personnel », the form having no row for it: an investment (B007 « au plus 0 € »).

Workbooks are written as spreadsheet programs save them: openpyxl with values.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from test_budget_checks import NOT_RECOVERED, letter_and_attestation

from dossierkit.pieces.budget import BudgetFacts
from dossierkit.pieces.budget.grids import sheet_side
from dossierkit.verify import parse_file

YEARS = (2027, 2028, 2029)
RECOVERED = "est assujettie à la TVA et la récupère"


def read(path: Path) -> BudgetFacts:
    budget = parse_file(path, "budget")
    assert isinstance(budget, BudgetFacts)
    return budget


def by_year(budget: BudgetFacts, section: str, nature: str | None = None) -> list[Decimal]:
    return [budget.total(section, year, nature) for year in YEARS]


def budget_findings(
    folder: Path, budget: Path, asked: str, regime: str = NOT_RECOVERED
) -> list[tuple[str, str]]:
    """(code, message) of the budget findings (B…) of a dossier of a letter asking ``asked``
    euros, an attestation that the structure ``regime``, and ``budget``."""
    import json

    from click.testing import CliRunner

    from dossierkit.cli import cli

    letter_and_attestation(folder, asked, regime)
    budget.rename(folder / budget.name)
    result = CliRunner().invoke(cli, ["verify", str(folder), "--format", "json"])
    return [
        (f["code"], f["message"])
        for f in json.loads(result.output)["findings"]
        if f["code"].startswith("B")
    ]


# -- 3. one sheet per side ------------------------------------------------------------------------

SPENT: dict[str, tuple[int, int, int]] = {
    "Animateur fablab (CDI temps plein, charges comprises)": (45000, 45000, 45000),
    "Ateliers, consommables, communication": (15000, 15000, 15000),
    "Équipement (imprimantes 3D, découpe laser) – investissement": (14000, 0, 0),
}
GOT: dict[str, tuple[int, int, int]] = {
    "Région Hauts-de-France – animation": (45000, 30000, 15000),
    "Région Hauts-de-France – équipement": (7000, 0, 0),
    "Grand Calais Terres & Mers": (17000, 25000, 38000),
    "Fonds propres et adhésions": (5000, 5000, 7000),
}


def _side(
    ws: Any, title: str, head: str, lines: dict[str, tuple[int, int, int]], total: str
) -> None:
    ws.append([title])
    ws.append([])
    ws.append([head, *(str(y) for y in YEARS), "Total"])
    for label, values in lines.items():
        ws.append([label, *values, sum(values)])
    sums = [sum(v) for v in zip(*lines.values(), strict=True)]
    ws.append([total, *sums, sum(sums)])


def two_sheets(
    path: Path, names: tuple[str, str], heads: tuple[str, str] = ("Poste", "Financeur")
) -> Path:
    """The Calaisis shape: a sheet of dépenses and a sheet of recettes, each titled on its
    first row, the header cell over the labels « Poste » (or « Financeur »)."""
    wb = Workbook()
    spent = wb.active
    spent.title = names[0]
    _side(
        spent,
        "Le Labo du Beau-Marais – DÉPENSES prévisionnelles (TTC, association non assujettie à la TVA)",
        heads[0],
        SPENT,
        "TOTAL DÉPENSES",
    )
    _side(
        wb.create_sheet(names[1]),
        "Le Labo – RECETTES prévisionnelles (TTC)",
        heads[1],
        GOT,
        "TOTAL RECETTES",
    )
    wb.save(str(path))
    return path


def sheets_per_year(path: Path, spent_name: str, got_name: str) -> Path:
    """One sheet per side and per year (« Dépenses 2027 », « Recettes 2027 », …), a single
    « Montant » column under « Poste »."""
    wb = Workbook()
    wb.remove(wb.active)
    for n, year in enumerate(YEARS):
        for name, lines in ((spent_name, SPENT), (got_name, GOT)):
            ws = wb.create_sheet(f"{name} {year}")
            ws.append([f"{name} {year} – montants TTC"])
            ws.append(["Poste", "Montant"])
            for label, values in lines.items():
                ws.append([label, values[n]])
            ws.append(["Total", sum(v[n] for v in lines.values())])
    wb.save(str(path))
    return path


@pytest.mark.parametrize(
    ("names", "heads"),
    [
        (("Dépenses", "Recettes"), ("Poste", "Financeur")),
        (("Dépenses", "Recettes"), ("Poste", "Poste")),
        (("Charges", "Produits"), ("Poste", "Poste")),
        (("Dépenses prévisionnelles", "Recettes prévisionnelles"), ("Intitulé", "Intitulé")),
        (("DEPENSES TTC", "RESSOURCES TTC"), ("Libellé", "Origine")),
    ],
)
def test_a_sheet_named_for_its_side_gives_its_lines_that_side(
    tmp_path: Path, names: tuple[str, str], heads: tuple[str, str]
) -> None:
    budget = read(two_sheets(tmp_path / "Budget Labo.xlsx", names, heads))
    assert by_year(budget, "depenses") == [74000, 60000, 60000]
    assert by_year(budget, "recettes") == [74000, 60000, 60000]
    assert budget.total("depenses", nature="investissement") == 14000
    assert [budget.region_aid("animation", y) for y in YEARS] == [45000, 30000, 15000]
    assert budget.region_aid("equipement") == 7000
    assert budget.unplaced == ()
    assert budget.basis == {"all": "TTC"}


@pytest.mark.parametrize(("spent", "got"), [("Dépenses", "Recettes"), ("Charges", "Produits")])
def test_a_sheet_per_side_and_per_year(tmp_path: Path, spent: str, got: str) -> None:
    budget = read(sheets_per_year(tmp_path / "Budget.xlsx", spent, got))
    assert budget.years == YEARS
    assert by_year(budget, "depenses") == [74000, 60000, 60000]
    assert by_year(budget, "recettes") == [74000, 60000, 60000]
    assert budget.unplaced == ()


@pytest.mark.parametrize(
    ("name", "side"),
    [
        ("Dépenses", ("depenses", None)),
        ("Recettes 2028", ("recettes", 2028)),
        ("Budget des charges", ("depenses", None)),
        ("Financeurs", ("recettes", None)),
        ("2027", (None, 2027)),
        # Both sides, or neither: the sheet says nothing of a side.
        ("Dépenses et recettes", (None, None)),
        ("Budget", (None, None)),
        ("Plan de financement", (None, None)),
        ("Feuil1", (None, None)),
    ],
)
def test_the_side_a_sheet_name_gives(name: str, side: tuple[str | None, int | None]) -> None:
    assert sheet_side(name) == side


def test_the_two_sheets_of_a_complete_budget_give_no_finding(tmp_path: Path) -> None:
    budget = two_sheets(tmp_path / "Budget Labo.xlsx", ("Dépenses", "Recettes"))
    assert budget_findings(tmp_path / "d", budget, "97 000") == []


# -- 4. one year in two bases ---------------------------------------------------------------------

# HT amounts of the Valois shape; TTC = HT × 1,2.
VALOIS_SPENT = {
    "Prestation d'animation (marché NumériQ Conseil, 1 ETP)": (45000, 45000, 45000),
    "Ateliers et communication": (5000, 5000, 5000),
    "Équipement coworking": (10000, 0, 0),
}
VALOIS_GOT = {  # in the TTC columns only, as the Valois sheet gives them
    "Région – animation": (45000, 30000, 15000),
    "Région – équipement": (6000, 0, 0),
    "CC du Pays de Valois": (21000, 30000, 45000),
}


def ht_and_ttc(path: Path, note: str | None, got_in: str = "TTC") -> Path:
    """The Valois shape: « 2027 HT | 2027 TTC | 2028 HT | … », ``note`` under the title."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Budget"
    ws.append(["La Verrière numérique – budget prévisionnel"])
    ws.append([note])
    ws.append([])
    heads = [f"{y} {basis}" for y in YEARS for basis in ("HT", "TTC")]
    ws.append(["DÉPENSES", *heads])
    for label, values in VALOIS_SPENT.items():
        ws.append([label, *(v * k for v in values for k in (Decimal(1), Decimal("1.2")))])
    sums = [sum(v) for v in zip(*VALOIS_SPENT.values(), strict=True)]
    ws.append(["TOTAL DÉPENSES", *(v * k for v in sums for k in (Decimal(1), Decimal("1.2")))])
    ws.append([])
    ws.append(["RECETTES", *heads])
    for label, values in VALOIS_GOT.items():
        row: list[object] = [label]
        for v in values:
            row += [None, v] if got_in == "TTC" else [v, v]
        ws.append(row)
    sums = [sum(v) for v in zip(*VALOIS_GOT.values(), strict=True)]
    row = ["TOTAL RECETTES"]
    for v in sums:
        row += [None, v] if got_in == "TTC" else [v, v]
    ws.append(row)
    wb.save(str(path))
    return path


@pytest.mark.parametrize(
    "note",
    [
        "La CC ne récupère pas la TVA : la base retenue est TTC (colonnes HT pour information).",
        "Montants TTC ; HT à titre indicatif.",
        "Budget présenté TTC",
    ],
)
def test_a_year_in_two_bases_is_read_in_the_stated_one(tmp_path: Path, note: str) -> None:
    budget = read(ht_and_ttc(tmp_path / "Budget Verriere.xlsx", note))
    assert by_year(budget, "depenses") == [72000, 60000, 60000]
    assert by_year(budget, "recettes") == [72000, 60000, 60000]
    assert budget.total("depenses", nature="investissement") == 12000
    assert budget.basis == {"all": "TTC"}
    assert budget.unplaced == ()
    assert budget.bases_offered == ()


def test_the_ht_columns_when_the_budget_retains_ht(tmp_path: Path) -> None:
    """The recettes given in both columns: the HT ones; the dépenses: their HT amounts."""
    note = "Montants retenus HT (la CC récupère la TVA) ; TTC pour information."
    budget = read(ht_and_ttc(tmp_path / "Budget.xlsx", note, got_in="both"))
    assert by_year(budget, "depenses") == [60000, 50000, 50000]
    assert by_year(budget, "recettes") == [72000, 60000, 60000]
    assert budget.basis == {"all": "HT"}
    assert budget.unplaced == ()


def test_a_line_given_in_one_basis_only_is_kept(tmp_path: Path) -> None:
    """Recettes typed in the TTC columns only, under an HT budget: they are the recettes."""
    budget = read(ht_and_ttc(tmp_path / "Budget.xlsx", "Montants HT"))
    assert by_year(budget, "depenses") == [60000, 50000, 50000]
    assert by_year(budget, "recettes") == [72000, 60000, 60000]


def test_both_bases_without_a_word_on_which(tmp_path: Path) -> None:
    """Neither said: the TTC amounts are read, and either basis is the budget's (no B001,
    no B002 whatever the attestation says)."""
    budget = read(ht_and_ttc(tmp_path / "Budget.xlsx", None))
    assert by_year(budget, "depenses") == [72000, 60000, 60000]
    assert budget.basis == {"all": "TTC"}
    assert budget.bases_offered == ("HT", "TTC")
    assert budget.unplaced == ()


def test_both_bases_unsaid_give_no_basis_finding(tmp_path: Path) -> None:
    """A structure that recovers the VAT, its budget giving HT and TTC: no B002."""
    budget = ht_and_ttc(tmp_path / "Budget.xlsx", None)
    assert budget_findings(tmp_path / "d", budget, "96 000", RECOVERED) == []


def test_the_valois_budget_gives_no_finding(tmp_path: Path) -> None:
    note = "La CC ne récupère pas la TVA : la base retenue est TTC (colonnes HT pour information)."
    budget = ht_and_ttc(tmp_path / "Budget Verriere.xlsx", note)
    assert budget_findings(tmp_path / "d", budget, "96 000") == []


SOLESMOIS_SPENT = {
    "Animateur numérique (CDI temps plein, charges comprises)": ((46000, 46000, 46000), 0),
    "Ateliers, abonnements, communication": ((14000, 14000, 14000), 8400),
    "Équipement (ordinateurs, visioconférence, mobilier)": ((24000, 0, 0), 4800),
}
SOLESMOIS_GOT = {
    "Région Hauts-de-France – aide à l'animation": (45000, 30000, 15000),
    "Région Hauts-de-France – aide à l'équipement": (12000, 0, 0),
    "CC du Pays Solesmois – autofinancement": (27000, 30000, 45000),
}


def ht_tva_ttc(path: Path, note: str, tax_head: str = "TVA 20 %") -> Path:
    """The Solesmois shape: « 2027 HT | 2028 HT | 2029 HT | Total HT | TVA 20 % | Total
    TTC » over the dépenses, the recettes in HT only."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Budget"
    ws.append(["La Passerelle numérique – budget prévisionnel 2027-2029"])
    ws.append([note])
    ws.append([])
    ws.append(["DÉPENSES", *(f"{y} HT" for y in YEARS), "Total HT", tax_head, "Total TTC"])
    sums = [0, 0, 0, 0, 0, 0]
    for n, (label, (values, tax)) in enumerate(SOLESMOIS_SPENT.items()):
        if n in (0, 2):
            ws.append(["Fonctionnement" if n == 0 else "Investissement"])
        row = [*values, sum(values), tax, sum(values) + tax]
        sums = [a + b for a, b in zip(sums, row, strict=True)]
        ws.append([label, *row])
    ws.append(["TOTAL DÉPENSES", *sums])
    ws.append([])
    ws.append(["RECETTES", *(f"{y} HT" for y in YEARS), "Total HT"])
    for label, values in SOLESMOIS_GOT.items():
        ws.append([label, *values, sum(values)])
    got = [sum(v) for v in zip(*SOLESMOIS_GOT.values(), strict=True)]
    ws.append(["TOTAL RECETTES", *got, sum(got)])
    wb.save(str(path))
    return path


@pytest.mark.parametrize(
    ("note", "tax_head"),
    [
        (
            "Montants HT (la CC du Pays Solesmois récupère la TVA) ; TVA et TTC indiqués pour information.",
            "TVA 20 %",
        ),
        ("Montants HT (TVA et TTC pour mémoire)", "Montant de la TVA"),
        ("Montants hors taxes", "TVA"),
    ],
)
def test_a_total_ttc_beside_the_ht_columns_is_not_a_sum(
    tmp_path: Path, note: str, tax_head: str
) -> None:
    budget = read(ht_tva_ttc(tmp_path / "Budget previsionnel Passerelle.xlsx", note, tax_head))
    assert by_year(budget, "depenses") == [84000, 60000, 60000]
    assert budget.yearless("depenses") == 0
    assert budget.basis == {"all": "HT"}
    assert budget.unplaced == ()
    stated = [line.amount for line in budget.lines if line.is_total and line.year is None]
    assert stated == [138000, 42000, 24000, 204000, 90000, 12000, 102000, 204000]


def test_the_solesmois_budget_gives_no_finding(tmp_path: Path) -> None:
    note = "Montants HT (la CC du Pays Solesmois récupère la TVA) ; TVA et TTC indiqués pour information."
    budget = ht_tva_ttc(tmp_path / "Budget previsionnel Passerelle.xlsx", note)
    assert budget_findings(tmp_path / "d", budget, "102 000", RECOVERED) == []


def test_one_column_per_basis_of_a_single_amount(tmp_path: Path) -> None:
    """« Poste | HT | TVA | TTC » over the project's amounts, the title saying TTC."""
    wb = Workbook()
    ws = wb.active
    ws.append(["Budget 2027 – montants TTC"])
    ws.append(["Poste", "HT", "TVA", "TTC"])
    ws.append(["DÉPENSES"])
    ws.append(["Animateur (1 ETP)", 40000, 0, 40000])
    ws.append(["Matériel (investissement)", 10000, 2000, 12000])
    ws.append(["RECETTES"])
    ws.append(["Région – animation", None, None, 30000])
    ws.append(["Autofinancement", None, None, 22000])
    wb.save(str(tmp_path / "Budget.xlsx"))
    budget = read(tmp_path / "Budget.xlsx")
    assert budget.total("depenses") == 52000
    assert budget.total("recettes") == 52000
    assert budget.unplaced == ()


# -- 8. the CERFA with an investment line among the charges ---------------------------------------


def cerfa_forge(path: Path, label: str, account: str = "64 – Charges de personnel") -> Path:
    """The Forge shape: charges grouped under 60 to 64, ``label`` (8 000 € in 2027) typed
    under the last account, produits 70/74/75, contributions 86/87 on their own rows."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Budget"
    rows: list[list[Any]] = [
        [
            "BUDGET PRÉVISIONNEL (modèle CERFA n° 12156) – montants TTC, association non assujettie à la TVA"
        ],
        [],
        ["CHARGES", *(str(y) for y in YEARS)],
        ["60 – Achats"],
        ["Fournitures et petit matériel d'ateliers", 3000, 3000, 3000],
        ["61 – Services extérieurs"],
        ["Locations (local)", 6000, 6000, 6000],
        ["62 – Autres services extérieurs"],
        ["Intervenants extérieurs (animation des ateliers fablab)", 9000, 9000, 9000],
        [account],
        ["Salaire animateur 1 ETP (charges comprises)", 22000, 22000, 22000],
        [label, 8000, 0, 0],
        ["TOTAL CHARGES", 48000, 40000, 40000],
        ["86 – Emplois des contributions volontaires en nature"],
        ["Mise à disposition gratuite de locaux et bénévolat", 5000, 5000, 5000],
        ["TOTAL CHARGES", 53000, 45000, 45000],
        [],
        ["PRODUITS", *(str(y) for y in YEARS)],
        ["70 – Ventes de produits finis, prestations de services"],
        ["Participations aux ateliers", 2000, 3000, 4000],
        ["74 – Subventions d'exploitation"],
        ["Région Hauts-de-France (AAP Tiers-lieux du numérique) – animation", 30000, 20000, 10000],
        ["Région Hauts-de-France (AAP Tiers-lieux du numérique) – équipement", 4000, 0, 0],
        ["CC Terre de Picardie", 7000, 16000, 25000],
        ["Fonds propres (investissement)", 4000, 0, 0],
        ["75 – Autres produits de gestion courante"],
        ["Cotisations", 1000, 1000, 1000],
        ["TOTAL PRODUITS", 48000, 40000, 40000],
        ["87 – Contributions volontaires en nature"],
        ["Bénévolat et prestations en nature", 5000, 5000, 5000],
        ["TOTAL PRODUITS", 53000, 45000, 45000],
    ]
    for row in rows:
        ws.append(row)
    wb.save(str(path))
    return path


@pytest.mark.parametrize(
    ("label", "account"),
    [
        ("Investissement – équipement fablab", "64 – Charges de personnel"),
        ("Investissement : équipement fablab", "61 – Services extérieurs"),
        ("Équipement fablab (investissement)", "64 – Charges de personnel"),
        ("Imprimantes 3D et découpe laser – investissement", "61 – Services extérieurs"),
        ("Machines fablab en investissement", "64 – Charges de personnel"),
    ],
)
def test_an_investment_line_among_the_charges_is_an_investment(
    tmp_path: Path, label: str, account: str
) -> None:
    budget = read(cerfa_forge(tmp_path / "Budget CERFA La Forge.xlsx", label, account))
    assert by_year(budget, "depenses") == [48000, 40000, 40000]
    assert by_year(budget, "depenses", "investissement") == [8000, 0, 0]
    assert by_year(budget, "recettes") == [48000, 40000, 40000]
    assert budget.region_aid("equipement") == 4000
    assert budget.unplaced == ()


def test_an_operating_line_that_names_investments_stays_operating(tmp_path: Path) -> None:
    """« Dotation aux amortissements des investissements » is a charge of account 68."""
    path = cerfa_forge(
        tmp_path / "Budget.xlsx",
        "Dotation aux amortissements des investissements",
        "68 – Dotations aux amortissements",
    )
    budget = read(path)
    assert by_year(budget, "depenses", "investissement") == [0, 0, 0]


def test_the_forge_budget_gives_no_equipment_finding(tmp_path: Path) -> None:
    budget = cerfa_forge(
        tmp_path / "Budget CERFA La Forge.xlsx", "Investissement – équipement fablab"
    )
    findings = budget_findings(tmp_path / "d", budget, "64 000")
    # No B007 « au plus 0 € »; the animation's ceiling, on the lines that name it, is a
    # person's to judge (« Fournitures », « Locations » may be the ateliers').
    assert [code for code, _ in findings] == ["B005", "B005", "B005"]


# -- 16. messages that contradict themselves or the workbook --------------------------------------


def test_one_sentence_stating_both_bases_says_so(tmp_path: Path) -> None:
    budget = read(ht_tva_ttc(tmp_path / "Budget.xlsx", "Montants HT ; TTC en dernière colonne"))
    assert budget.unplaced == (
        "cellule A2 : « Montants HT ; TTC en dernière colonne » dit à la fois HT et TTC",
    )


def test_an_amount_typed_as_text_in_a_workbook_without_formulas(tmp_path: Path) -> None:
    """The Saint-Quentinois shape: no formula in the workbook; B013 speaks of the sums a
    spreadsheet makes, not of « formules du classeur »."""
    path = two_sheets(tmp_path / "Budget Labo.xlsx", ("Dépenses", "Recettes"))
    wb = load_workbook(str(path))
    wb["Dépenses"]["B5"] = "15 000 €"
    wb.save(str(path))
    findings = budget_findings(tmp_path / "d", path, "97 000")
    assert findings == [
        (
            "B013",
            "« Budget Labo.xlsx » : 1 montant saisi comme du texte, qu'un tableur ne compte pas "
            "dans ses sommes — cellule Dépenses!B5 : « 15 000 € ». Tapez chaque montant comme un "
            "nombre, sans le signe € ni espace (8000, et non « 8 000 € ») : le format de la "
            "cellule affichera « 8 000 € ».",
        )
    ]


def test_a_column_per_nature_each_in_its_basis_is_no_second_basis(tmp_path: Path) -> None:
    """« Montant fonctionnement TTC | Montant investissement HT »: two columns of different amounts, each
    in its basis (FCTVA on the investment), both read."""
    wb = Workbook()
    ws = wb.active
    ws.append(["Budget prévisionnel 2027"])
    ws.append(["Poste", "Montant fonctionnement TTC", "Montant investissement HT"])
    ws.append(["DÉPENSES"])
    ws.append(["Coordinateur (1 ETP)", 46000, None])
    ws.append(["Équipements mobiles", None, 18000])
    ws.append(["RECETTES"])
    ws.append(["Région Hauts-de-France – animation / équipement", 34500, 9000])
    ws.append(["Autofinancement", 11500, 9000])
    wb.save(str(tmp_path / "Budget.xlsx"))
    budget = read(tmp_path / "Budget.xlsx")
    assert budget.total("depenses", nature="fonctionnement") == 46000
    assert budget.total("depenses", nature="investissement") == 18000
    assert budget.total("recettes", nature="investissement") == 18000
    assert budget.basis == {"fonctionnement": "TTC", "investissement": "HT"}
    assert budget.bases_offered == ()


def test_titled_blocks_on_one_sheet(tmp_path: Path) -> None:
    """The two sides on one sheet, each under a title that names it after a dash, its
    header cell « Poste »; a title naming both sides says neither."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Budget"
    ws.append(["Le Labo du Beau-Marais – budget des dépenses et des recettes"])
    _side(
        ws,
        "Le Labo du Beau-Marais – DÉPENSES prévisionnelles (TTC)",
        "Poste",
        SPENT,
        "TOTAL DÉPENSES",
    )
    ws.append([])
    _side(
        ws,
        "Le Labo du Beau-Marais – RECETTES prévisionnelles (TTC)",
        "Poste",
        GOT,
        "TOTAL RECETTES",
    )
    wb.save(str(tmp_path / "Budget.xlsx"))
    budget = read(tmp_path / "Budget.xlsx")
    assert by_year(budget, "depenses") == [74000, 60000, 60000]
    assert by_year(budget, "recettes") == [74000, 60000, 60000]
    assert budget.unplaced == ()


@pytest.mark.parametrize(
    ("heads", "total_head", "stated"),
    [
        (("2027 HT", "2028 HT", "2029 HT"), "Total TTC", [60000, 60000, 60000]),
        # Years without a basis: « Total TTC » is their total, and says the basis.
        (("2027", "2028", "2029"), "Total TTC", [60000, 60000, 60000]),
    ],
)
def test_a_total_in_the_other_basis_than_the_years(
    tmp_path: Path, heads: tuple[str, ...], total_head: str, stated: list[int]
) -> None:
    """« 2027 HT | 2028 HT | 2029 HT | Total TTC »: the TTC total is not the HT years'
    total (no B004 « 188 400 € mais ses lignes font 180 000 € »)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Budget"
    ws.append(["Budget prévisionnel"])
    ws.append(["DÉPENSES", *heads, total_head])
    ttc = total_head == "Total TTC" and heads[0].endswith("HT")
    ws.append(["Animateur (1 ETP)", 46000, 46000, 46000, 165600 if ttc else 138000])
    ws.append(["Ateliers", 14000, 14000, 14000, 50400 if ttc else 42000])
    ws.append(["TOTAL DÉPENSES", 60000, 60000, 60000, 216000 if ttc else 180000])
    wb.save(str(tmp_path / "Budget.xlsx"))
    budget = read(tmp_path / "Budget.xlsx")
    assert by_year(budget, "depenses") == stated
    totals = [line.amount for line in budget.lines if line.year is None]
    assert totals == ([] if ttc else [138000, 42000, 180000])
    assert budget.basis == ({"all": "HT"} if ttc else {"all": "TTC"})
    assert budget.unplaced == ()
