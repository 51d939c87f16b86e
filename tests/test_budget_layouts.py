"""Budgets as applicants really send them, judged in a complete dossier.

Each budget of ``tests/realistic/budget.py`` replaces the workbook of
``samples/association-complete`` (whose letter asks 45 000, 30 000, 15 000 € of animation
aid and 20 000 € of equipment aid): a complete budget in another layout keeps the dossier
complete, an empty or broken one makes it incomplete, with exactly its findings.
"""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from realistic import budget as realistic

from conftest import SAMPLES, require_tool
from dossierkit.cli import cli
from dossierkit.external import Program, soffice
from dossierkit.report.flatten import flatten

BUDGET = "02 - Budget prévisionnel 2027-2029.xlsx"


def _dossier(folder: Path, budget: Path) -> Path:
    """samples/association-complete with ``budget`` as its budget workbook."""
    shutil.copytree(SAMPLES / "association-complete", folder)
    shutil.copyfile(budget, folder / BUDGET)
    return folder


def _verify(folder: Path) -> tuple[str, list[tuple[Any, ...]], dict[str, Any]]:
    """The verdict, the findings other than information (code, severity, file), the report."""
    report = json.loads(CliRunner().invoke(cli, ["verify", str(folder), "--format", "json"]).output)
    found = flatten(report["findings"], ("code", "severity", "file"))
    return report["status"], [f for f in found if f[1] != "info"], report


def _messages(report: dict[str, Any], code: str) -> list[str]:
    return [f["message"] for f in report["findings"] if f["code"] == code]


@pytest.fixture
def no_libreoffice(monkeypatch: pytest.MonkeyPatch) -> None:
    """LibreOffice absent, as on a machine where it was never installed."""
    missing = Program("LibreOffice", ("soffice-absent-for-this-test",), {})
    monkeypatch.setattr(soffice, "LIBREOFFICE", missing)


# -- CERFA n° 12156 --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def cerfa(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return realistic.cerfa_workbook(tmp_path_factory.mktemp("cerfa") / "cerfa.xlsx")


def test_cerfa_budget_one_sheet_per_year_keeps_the_dossier_complete(
    tmp_path: Path, cerfa: Path
) -> None:
    status, found, report = _verify(_dossier(tmp_path / "d", cerfa))
    assert (status, found) == ("complete", [])
    aid = report["aid"]
    # The Région's lines under "74 - Subventions d'exploitation", the animation expenses
    # (641 and 6226) and the investment block under the contributions en nature.
    assert [y["requested"] for y in aid["animation"]] == ["45000", "30000", "15000"]
    assert [y["expenses"] for y in aid["animation"]] == ["60000", "60000", "60000"]
    assert aid["equipment"]["expenses"] == "40000"
    assert aid["equipment"]["requested"] == "20000"


@pytest.mark.parametrize("one_sheet", [False, True], ids=["sheet-per-year", "blocks-in-one-sheet"])
def test_cerfa_subtotals_are_not_added_twice_and_86_87_stay_out(
    tmp_path: Path, one_sheet: bool
) -> None:
    from dossierkit.verify import parse_file

    workbook = realistic.cerfa_workbook(tmp_path / "cerfa.xlsx", one_sheet=one_sheet)
    budget = parse_file(workbook, "budget")
    assert budget is not None and not isinstance(budget, str)
    for i, year in enumerate(realistic.YEARS):
        figures = realistic.cerfa_year_amounts(i)
        equipment = sum(amounts[i] for _, amounts in realistic.INVESTMENT)
        assert budget.total("depenses", year) == figures["charges"] + equipment
        assert budget.total("recettes", year) == figures["charges"] + equipment
    heads = {line.label for line in budget.lines if line.is_total and line.label[:2].isdigit()}
    assert heads == {
        "60 - Achats",
        "61 - Services extérieurs",
        "62 - Autres services extérieurs",
        "64 - Charges de personnel",
        "70 - Vente de produits finis, de marchandises, prestations de services",
        "74 - Subventions d'exploitation",
        "75 - Autres produits de gestion courante",
    }
    assert budget.unplaced == ()
    for year in realistic.YEARS:  # 864 under 86, 870 under 87: each counted once
        assert budget.contributions_total("depenses", year) == 4000
        assert budget.contributions_total("recettes", year) == 4000
    assert not any(line.label.startswith(("86", "87")) for line in budget.lines)


# -- amounts typed as text -------------------------------------------------------------------


def test_amounts_typed_as_text_are_read_and_the_broken_totals_are_an_error(
    tmp_path: Path,
) -> None:
    workbook = realistic.yearly_workbook(
        tmp_path / "b.xlsx", text={"B7": "44 000 €", "C8": "16.000,00"}
    )
    status, found, report = _verify(_dossier(tmp_path / "d", workbook))
    assert status == "incomplete"
    assert found == [("B014", "error", BUDGET), ("B013", "warning", BUDGET)]
    assert _messages(report, "B013") == [
        f"« {BUDGET} » : 2 montants saisis comme du texte, que les formules du classeur ne "
        "comptent pas — cellule Budget prévisionnel!B7 : « 44 000 € » ; cellule Budget "
        "prévisionnel!C8 : « 16.000,00 ». Tapez chaque montant comme un nombre, sans le signe € ni "
        "espace (8000, et non « 8 000 € ») : le format de la cellule affichera « 8 000 € »."
    ]
    assert (
        "cellule Budget prévisionnel!B12 (« TOTAL DÉPENSES ») : #VALUE!"
        in (_messages(report, "B014")[0])
    )
    # Read where unambiguous: the balance and the ceilings are those of the typed amounts.
    assert [Decimal(y["expenses"]) for y in report["aid"]["animation"]] == [60000] * 3


def test_a_sum_that_skips_an_amount_typed_as_text_says_why_it_is_wrong(tmp_path: Path) -> None:
    workbook = realistic.yearly_workbook(tmp_path / "b.xlsx", text={"B7": "44 000 €"}, sums=True)
    status, found, report = _verify(_dossier(tmp_path / "d", workbook))
    assert status == "incomplete"
    # The 2027 total and the project's (its total column) both miss the 44 000 €.
    assert found == [("B004", "error", BUDGET)] * 2 + [("B013", "warning", BUDGET)]
    assert _messages(report, "B004")[0] == (
        f"« {BUDGET} », Budget prévisionnel!B12 : le total des dépenses 2027 indique 61 800 €, "
        "mais ses lignes font 105 800 €. Corrigez ce total (ou la formule), ou retapez comme des "
        "nombres les montants saisis comme du texte, que la formule ne compte pas."
    )


# -- never recalculated, empty -------------------------------------------------------------


def _init_workbook(folder: Path, kind: str) -> Path:
    from test_init import ASSOCIATION, INTERCO

    options = INTERCO if kind == "interco" else ASSOCIATION
    assert CliRunner().invoke(cli, ["init", str(folder), *options]).exit_code == 0
    return folder / "02 - Budget prévisionnel.xlsx"


# The intercommunalité's figures: operating TTC, investment HT (FCTVA), 25 000 € of equipment
# aid on 50 000 € HT of equipment.
INTERCO_FIGURES: dict[str, tuple[Decimal | int, ...]] = {
    "Salaire et charges de l'animateur (1 ETP)": (44000, 44000, 44000),
    "Prestations d'animation (intervenants, ateliers)": (16000, 16000, 16000),
    "Loyer et charges": (10000, 10000, 10000),
    "Équipement (matériel, mobilier, postes informatiques)": (50000, 0, 0),
    "Région Hauts-de-France — aide à l'animation": (45000, 30000, 15000),
    "Région Hauts-de-France — aide à l'équipement": (25000, 0, 0),
    "Autres subventions publiques": (10000, 10000, 20000),
    "Autofinancement": (40000, 30000, 35000),
}


def _budget_findings(folder: Path) -> tuple[list[tuple[Any, ...]], dict[str, Any]]:
    report = json.loads(CliRunner().invoke(cli, ["verify", str(folder), "--format", "json"]).output)
    return flatten(report["findings"], ("code", "severity", "file"), codes="B"), report


@pytest.mark.slow
def test_workbook_never_recalculated_is_recalculated_on_a_copy(tmp_path: Path) -> None:
    require_tool("soffice")
    workbook = _init_workbook(tmp_path / "d", "interco")
    realistic.fill_init_workbook(workbook, INTERCO_FIGURES)
    before = workbook.read_bytes()
    found, report = _budget_findings(tmp_path / "d")
    assert workbook.read_bytes() == before  # the applicant's file is never modified
    assert found == []
    basis = next(f for f in report["facts"] if f["name"] == "budget.basis")
    assert basis["value"] == "fonctionnement TTC, investissement HT"
    equipment = report["aid"]["equipment"]
    assert (equipment["expenses"], equipment["requested"], equipment["maximum"]) == (
        "50000",
        "25000",
        "25000.00",
    )


def test_workbook_never_recalculated_without_libreoffice_says_what_to_do(
    tmp_path: Path, no_libreoffice: None
) -> None:
    workbook = _init_workbook(tmp_path / "d", "interco")
    realistic.fill_init_workbook(workbook, INTERCO_FIGURES)
    found, report = _budget_findings(tmp_path / "d")
    assert found == [("B015", "error", "02 - Budget prévisionnel.xlsx")]
    (message,) = _messages(report, "B015")
    assert message.startswith(
        "Les formules de « 02 - Budget prévisionnel.xlsx » n'ont pas de valeur enregistrée "
        "(Budget prévisionnel!E8, Budget prévisionnel!E9, Budget prévisionnel!E10, "
    )
    assert "Ouvrez-le dans un tableur (LibreOffice Calc, Excel), enregistrez-le" in message
    assert "au plus 0 €" not in json.dumps(report, ensure_ascii=False)
    assert report["aid"] is None


def test_empty_template_is_an_error_never_complete(tmp_path: Path, no_libreoffice: None) -> None:
    _init_workbook(tmp_path / "d", "association")
    found, report = _budget_findings(tmp_path / "d")
    assert found == [("B012", "error", "02 - Budget prévisionnel.xlsx")]
    assert _messages(report, "B012") == [
        "« 02 - Budget prévisionnel.xlsx » : le budget ne contient aucun montant, seulement des "
        "libellés ou des formules. L'appel demande un budget dépenses-recettes équilibré : "
        "saisissez les dépenses et les recettes de chaque année."
    ]
    assert report["status"] == "incomplete"


def test_empty_template_saved_by_a_spreadsheet_program_is_an_error(tmp_path: Path) -> None:
    workbook = _init_workbook(tmp_path / "d", "association")
    realistic.store_zeros(workbook)  # every formula of the empty template computes 0
    found, _ = _budget_findings(tmp_path / "d")
    assert found == [("B012", "error", "02 - Budget prévisionnel.xlsx")]


# -- one rounding rule -------------------------------------------------------------------------


def test_a_request_rounded_as_the_workbook_rounds_is_not_over_the_ceiling(tmp_path: Path) -> None:
    # 25 % of 30 000,50 € of year-3 animation expenses: 7 500,125 €, 7 500,13 € in the
    # workbook (ROUND), in `dossierkit aid` and in the checks.
    workbook = realistic.yearly_workbook(
        tmp_path / "b.xlsx",
        changes={
            "Salaire et charges de l'animateur (1 ETP)": (44000, 44000, Decimal("14000.50")),
            "Région Hauts-de-France — aide à l'animation": (45000, 30000, Decimal("7500.13")),
            "Autofinancement": (17900, 22100, Decimal("7500.37")),
        },
    )
    folder = tmp_path / "d"
    folder.mkdir()
    shutil.copyfile(workbook, folder / "Budget prévisionnel.xlsx")
    found, report = _budget_findings(folder)
    assert found == []
    third = report["aid"]["animation"][2]
    assert (third["maximum"], third["requested"]) == ("7500.13", "7500.13")


@pytest.mark.slow
def test_the_init_workbook_rounds_its_ceilings_as_dossierkit_does(tmp_path: Path) -> None:
    require_tool("soffice")
    import openpyxl

    workbook = _init_workbook(tmp_path / "d", "association")
    realistic.fill_init_workbook(
        workbook,
        {
            "Salaire et charges de l'animateur (1 ETP)": (60000, 60000, Decimal("30000.50")),
            "Équipement (matériel, mobilier, postes informatiques)": (Decimal("0.01"), 0, 0),
        },
    )
    saved = soffice.convert(workbook, "xlsx", tmp_path / "saved")
    sheet = openpyxl.load_workbook(saved, data_only=True).active
    rows = {str(r[0].value): r for r in sheet.iter_rows()}
    animation = rows["Plafond de l'aide à l'animation"]
    equipment = rows["Plafond de l'aide à l'équipement (sur le projet)"]
    aid = json.loads(
        CliRunner()
        .invoke(
            cli,
            [
                "aid",
                "--animation",
                "60000",
                "60000",
                "30000.50",
                "--equipment",
                "0.01",
                "--format",
                "json",
            ],
        )
        .output
    )
    assert [Decimal(str(c.value)) for c in animation[1:4]] == [
        Decimal(y["maximum"]) for y in aid["animation"]
    ]
    assert Decimal(aid["animation"][2]["maximum"]) == Decimal("7500.13")
    assert Decimal(str(equipment[4].value)) == Decimal(aid["equipment"]["maximum"])


# -- a PDF whose year headers do not stand above the amounts ----------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("headers", "fit"),
    [("left", False), ("merged", True)],
    ids=["left-aligned-over-two-pages", "merged-caption-and-total"],
)
def test_pdf_budget_with_offset_headers_is_read_right(
    tmp_path: Path, headers: str, fit: bool
) -> None:
    require_tool("soffice")
    work = tmp_path / "work"
    work.mkdir()
    pdf = realistic.pdf_budget(work / "budget.pdf", work, headers, fit=fit)
    folder = _dossier(tmp_path / "d", pdf)
    (folder / BUDGET).unlink()
    shutil.copyfile(pdf, folder / "02 - Budget prévisionnel 2027-2029.pdf")
    status, found, report = _verify(folder)
    assert (status, found) == ("complete", [])
    assert [y["expenses"] for y in report["aid"]["animation"]] == ["60000", "60000", "60000"]
    assert report["aid"]["equipment"]["expenses"] == "40000"


@pytest.mark.slow
def test_cerfa_saved_as_ods_by_libreoffice_reads_as_the_workbook(
    tmp_path: Path, cerfa: Path
) -> None:
    require_tool("soffice")
    from dossierkit.verify import parse_file

    def lines(path: Path) -> list[tuple[object, ...]]:
        budget = parse_file(path, "budget")
        assert budget is not None and not isinstance(budget, str)
        return sorted(
            (line.label, line.section, line.nature, line.year, line.amount, line.is_total)
            for line in budget.lines
        )

    assert lines(soffice.convert(cerfa, "ods", tmp_path / "ods")) == lines(cerfa)


# -- merged cells ------------------------------------------------------------------------------


def _natures(path: Path) -> tuple[dict[str, str | None], Decimal, list[Decimal]]:
    from dossierkit.verify import parse_file

    budget = parse_file(path, "budget")
    assert budget is not None and not isinstance(budget, str)
    natures = {line.label: line.nature for line in budget.lines if line.year == 2027}
    animation = [budget.animation_expenses(year) for year in budget.years]
    return natures, budget.equipment_expenses(), animation


def test_natures_merged_down_the_side_apply_to_each_line(tmp_path: Path) -> None:
    natures, equipment, animation = _natures(
        realistic.merged_side_workbook(tmp_path / "fusion.xlsx")
    )
    assert natures == {
        "Salaire et charges de l'animateur (1 ETP)": "fonctionnement",
        "Prestations d'animation (intervenants, ateliers)": "fonctionnement",
        "Loyer et charges": "fonctionnement",
        "Imprimante 3D et découpeuse laser": "investissement",
        "Région Hauts-de-France — aide à l'animation": "fonctionnement",
        "Autofinancement": "fonctionnement",
        "Région Hauts-de-France — aide à l'équipement": "investissement",
        "Autofinancement de l'équipement": "investissement",
    }
    assert (equipment, animation) == (40000, [60000, 60000, 60000])  # the merged 40 000 once


@pytest.mark.slow
def test_natures_merged_in_an_ods_saved_by_libreoffice(tmp_path: Path) -> None:
    require_tool("soffice")
    workbook = realistic.merged_side_workbook(tmp_path / "fusion.xlsx")
    ods = soffice.convert(workbook, "ods", tmp_path / "ods")
    assert _natures(ods) == _natures(workbook)


def test_a_number_typed_as_text_that_reads_as_no_amount_is_named_not_guessed(
    tmp_path: Path,
) -> None:
    from dossierkit.verify import parse_file

    # "44,000": forty-four thousand in English, forty-four in French: not read, but named.
    workbook = realistic.yearly_workbook(tmp_path / "b.xlsx", text={"B7": "44,000"})
    budget = parse_file(workbook, "budget")
    assert budget is not None and not isinstance(budget, str)
    assert budget.text_amounts == (
        "cellule Budget prévisionnel!B7 : « 44,000 » (illisible, non compté)",
    )
    assert budget.total("depenses", 2027) == 105800 - 44000


@pytest.mark.slow
def test_ods_written_without_values_is_recalculated_or_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    require_tool("soffice")
    from dossierkit.verify import parse_file

    ods = soffice.convert(realistic.yearly_workbook(tmp_path / "b.xlsx"), "ods", tmp_path / "o")
    bare = realistic.without_stored_values(ods, tmp_path / "Budget.ods")
    before = bare.read_bytes()
    budget = parse_file(bare, "budget")
    assert budget is not None and not isinstance(budget, str)
    assert bare.read_bytes() == before  # recalculated on a copy
    assert budget.uncalculated is None and budget.trusted
    assert [budget.total("depenses", year) for year in budget.years] == [105800, 74200, 70000]
    monkeypatch.setattr(soffice, "LIBREOFFICE", Program("LibreOffice", ("absent",), {}))
    budget = parse_file(bare, "budget")
    assert budget is not None and not isinstance(budget, str)
    assert budget.uncalculated == (
        "formules sans valeur enregistrée : Budget prévisionnel!E7, Budget prévisionnel!E8, "
        "Budget prévisionnel!E9, Budget prévisionnel!E11, Budget prévisionnel!B12… 16 cellules en "
        "tout"
    )
    assert not budget.trusted
