"""The CERFA 12156 budget as applicants send it in PDF: exported by LibreOffice from a
spreadsheet without borders, drawn as such an export, printed across pages, scanned.

A fitted export prints the form small, and a charge's amount ends a point or so before the
produits' label begins: the table reader must cut « 6 000 €70 - Vente de produits finis »
where the letters stand apart, or the charges lose their amounts and the produits vanish.
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
from dossierkit.pieces.budget import BudgetFacts
from dossierkit.report.flatten import flatten
from dossierkit.verify import parse_file

PDF_NAME = "02 - Budget prévisionnel 2027-2029.pdf"


def _read(path: Path) -> BudgetFacts:
    budget = parse_file(path, "budget")
    assert isinstance(budget, BudgetFacts), budget
    return budget


def _assert_cerfa_read(budget: BudgetFacts, short: int = 0, basis: str = "TTC") -> None:
    """Every year's totals, balance, basis and Région lines as the form states them."""
    assert budget.years == realistic.YEARS
    assert budget.unplaced == ()
    assert budget.basis == {"fonctionnement": basis, "investissement": basis}
    for i, year in enumerate(realistic.YEARS):
        figures = realistic.cerfa_year_amounts(i, short)
        assert budget.total("depenses", year) == figures["charges"] + figures["investment"]
        assert budget.total("recettes", year) == figures["produits"] + figures["investment"]
        assert budget.region_aid("animation", year) == realistic.REGION_ANIMATION[i]
        assert budget.region_aid("equipement", year) == realistic.REGION_EQUIPMENT[i]
        assert budget.animation_expenses(year) == figures["animation"]
        assert budget.contributions_total("depenses", year) == realistic.VOLUNTEERING[i]
        assert budget.contributions_total("recettes", year) == realistic.VOLUNTEERING[i]


def _dossier(folder: Path, pdf: Path) -> Path:
    """samples/association-complete with ``pdf`` as its budget, in place of the workbook."""
    shutil.copytree(SAMPLES / "association-complete", folder)
    for old in folder.glob("02 - Budget*"):
        old.unlink()
    shutil.copyfile(pdf, folder / PDF_NAME)
    return folder


def _verify(folder: Path) -> tuple[str, list[tuple[Any, ...]], dict[str, Any]]:
    """The verdict, the budget's findings other than information, the report. Only the
    budget's: the other pieces are the sample's, judged by their own tests."""
    report = json.loads(CliRunner().invoke(cli, ["verify", str(folder), "--format", "json"]).output)
    found = flatten(report["findings"], ("code", "severity", "file"))
    return report["status"], [f for f in found if f[1] != "info" and f[2] == PDF_NAME], report


# -- amounts glued to the next column's label ------------------------------------------------


def test_amount_ending_a_point_before_the_next_label_is_its_own_cell(tmp_path: Path) -> None:
    from dossierkit.reading.pdftables import read_tables

    pdf = realistic.cerfa_drawn_pdf(tmp_path / "cerfa.pdf")
    (page,) = read_tables(pdf, [1])
    rows = {row[0]: row[1:] for row in page.rows}
    assert rows["60 - Achats"] == (
        "6 000 €",
        "70 - Vente de produits finis, de marchandises, prestations de servi",  # clipped
        "17 300 €",
    )
    assert rows["CHARGES"] == ("Montant", "PRODUITS", "Montant")


def test_cerfa_pdf_one_page_per_year_gives_each_year_s_figures(tmp_path: Path) -> None:
    _assert_cerfa_read(_read(realistic.cerfa_drawn_pdf(tmp_path / "cerfa.pdf")))


# -- amounts as people type them, a negative charge, the year as the page's title -------------


@pytest.mark.parametrize("written", ["dots", "cents", "plain", "ht", "h.t.", "tic"])
def test_amounts_in_every_form_people_type_them(tmp_path: Path, written: str) -> None:
    """« 6.000,00 », « 6 000,00 € », « 6000 € », « 6 000 € HT », « 6 000 € H.T. », OCR's
    « 6 000 € TIC »: the same figures; the basis said after each amount is the budget's when
    no title says it."""
    budget = _read(realistic.cerfa_drawn_pdf(tmp_path / "cerfa.pdf", written=written))
    _assert_cerfa_read(budget, basis="HT" if written in ("ht", "h.t.") else "TTC")
    if written in ("ht", "h.t."):
        assert budget.basis_source is not None and "montant" in budget.basis_source


def test_ttc_as_a_searchable_scan_s_text_layer_spells_it(tmp_path: Path) -> None:
    """« Montants TIC (l'association ne récupère pas la TVA) »: the OCR text layer of a
    searchable scan says TTC all the same, and the form's figures are read as ever (the other
    spellings: ``test_budget_reading.test_basis_however_it_is_spelled``)."""
    pdf = realistic.cerfa_drawn_pdf(tmp_path / "cerfa.pdf", ttc_as="TIC")
    budget = _read(pdf)
    _assert_cerfa_read(budget)
    assert budget.basis_source is not None and "titre" in budget.basis_source


def test_a_negative_charge_in_brackets_is_subtracted(tmp_path: Path) -> None:
    budget = _read(realistic.cerfa_drawn_pdf(tmp_path / "cerfa.pdf", rebate=True))
    _assert_cerfa_read(budget)
    rebates = [line.amount for line in budget.lines if line.label.startswith("609 ")]
    assert rebates == [Decimal(-1200)] * 3


def test_one_form_per_year_headed_by_the_year_alone(tmp_path: Path) -> None:
    """Three pages « 2027 », « 2028 », « 2029 »: each page's lines are its year's."""
    budget = _read(realistic.cerfa_drawn_pdf(tmp_path / "cerfa.pdf", year_titles=True))
    _assert_cerfa_read(budget)
    assert {line.year for line in budget.lines if line.source == "p. 2"} == {2028}


@pytest.mark.parametrize("long_label", ["clipped", "wrapped"])
def test_a_label_longer_than_its_column_keeps_its_amount(tmp_path: Path, long_label: str) -> None:
    """« 6226 - Rémunérations d'intermédiaires et honoraires (animation externalisée) »:
    clipped at the amount's cell (the PDF holds the whole label under the clip, its hidden
    letters among the amount's), or wrapped over two lines with the amount on the lower one.
    The amount is neither glued to the label nor lost, and the label is one line's."""
    pdf = realistic.cerfa_drawn_pdf(tmp_path / "cerfa.pdf", long_label=long_label)
    budget = _read(pdf)
    _assert_cerfa_read(budget)
    (fees,) = [line for line in budget.lines if line.year == 2027 and "honoraires" in line.label]
    assert fees.amount == Decimal(16000) and fees.animation
    full = realistic.LONG_LABEL
    assert fees.label == full if long_label == "wrapped" else full.startswith(fees.label)
    assert len(fees.label) > 60


# -- printed across pages --------------------------------------------------------------------


def test_charges_on_one_page_and_produits_on_the_next(tmp_path: Path) -> None:
    """A sheet too wide for its paper: each year's produits on the page after its charges,
    on the same rows; put back beside them, they take the year the charges' page states."""
    from dossierkit.reading.pdftables import read_tables

    pdf = realistic.cerfa_drawn_pdf(tmp_path / "cerfa.pdf", apart=True)
    assert [t.name for t in read_tables(pdf, range(1, 7))] == [
        "p. 1 et 2",
        "p. 3 et 4",
        "p. 5 et 6",
    ]
    _assert_cerfa_read(_read(pdf))


@pytest.mark.slow
@pytest.mark.parametrize(
    "layout",
    ["produits-on-the-next-page", "forms-cut-by-pages-header-repeated"],
)
def test_cerfa_exported_across_pages(tmp_path: Path, layout: str) -> None:
    """Exported by LibreOffice: a sheet per year not fitted to its paper (charges on one
    page, produits on the next), or the three years' forms one under the other in a sheet
    whose header row is repeated on every page, a form cut by the page break (« Exercice
    2029 » at the foot of a page, its lines on the next)."""
    require_tool("soffice")
    work = tmp_path / "work"
    work.mkdir()
    if layout == "produits-on-the-next-page":
        pdf = realistic.cerfa_pdf(work / "cerfa.pdf", work, fit=False)
    else:
        pdf = realistic.cerfa_pdf(work / "cerfa.pdf", work, one_sheet=True)
    _assert_cerfa_read(_read(pdf))


# -- scanned ----------------------------------------------------------------------------------


@pytest.mark.slow
def test_scanned_cerfa_read_by_ocr(tmp_path: Path) -> None:
    """The official form (ruled cells) printed and scanned with a skew and noise: OCR's
    words laid out on the rules it finds, rules read as letters at words' edges (« |. »,
    « _6061 ») dropped, the last row whose rule was missed cut at the table's edges."""
    require_tool("tesseract")
    budget = _read(realistic.scanned_cerfa_pdf(tmp_path / "scan.pdf", tmp_path))
    assert budget.years == realistic.YEARS
    assert budget.unplaced == ()
    # OCR reads the title's « Montants TTC » as « Montants TIC »: TTC all the same, for the
    # operating budget as for the investment block's « (montants TTC) ».
    assert budget.basis == {"fonctionnement": "TTC", "investissement": "TTC"}
    for i, year in enumerate(realistic.YEARS):
        figures = realistic.cerfa_year_amounts(i)
        expected = figures["charges"] + figures["investment"]
        assert (budget.total("depenses", year), budget.total("recettes", year)) == (
            expected,
            expected,
        )
        assert budget.region_aid("animation", year) == realistic.REGION_ANIMATION[i]
        assert budget.region_aid("equipement", year) == realistic.REGION_EQUIPMENT[i]


@pytest.mark.slow  # a whole dossier verified: ~10 s on a loaded machine
def test_unbalanced_cerfa_pdf_is_reported_with_the_form_s_figures(tmp_path: Path) -> None:
    """Before the cut, the produits' column was lost and B003 said « recettes 0 € »."""
    from dossierkit.aid import euros

    pdf = realistic.cerfa_drawn_pdf(tmp_path / "cerfa.pdf", short=1000)
    _assert_cerfa_read(_read(pdf), short=1000)
    status, found, report = _verify(_dossier(tmp_path / "d", pdf))
    assert (status, found) == ("incomplete", [("B003", "error", PDF_NAME)] * 4)
    expected = []
    for when, i in (
        ("sur l'ensemble du projet", None),
        *((f"en {y}", n) for n, y in enumerate(realistic.YEARS)),
    ):
        years = range(3) if i is None else [i]
        spent = sum(
            realistic.cerfa_year_amounts(n)["charges"]
            + realistic.cerfa_year_amounts(n)["investment"]
            for n in years
        )
        expected.append(
            f"« {PDF_NAME} » n'est pas équilibré {when} : dépenses {euros(spent)}, recettes "
            f"{euros(spent - 1000 * len(years))}, écart {euros(Decimal(1000 * len(years)))}. "
            f"Ajustez une recette (l'autofinancement, par exemple) de "
            f"{euros(Decimal(1000 * len(years)))}."
        )
    assert sorted(f["message"] for f in report["findings"] if f["code"] == "B003") == sorted(
        expected
    )


# -- exported by LibreOffice -----------------------------------------------------------------


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The CERFA workbook without borders, fitted to its pages and exported to PDF."""
    require_tool("soffice")
    work = tmp_path_factory.mktemp("cerfa-export")
    return realistic.cerfa_pdf(work / "cerfa.pdf", work)


@pytest.mark.slow
def test_cerfa_exported_by_libreoffice_keeps_the_dossier_s_budget_right(
    tmp_path: Path, exported: Path
) -> None:
    _assert_cerfa_read(_read(exported))
    _, found, report = _verify(_dossier(tmp_path / "d", exported))
    assert found == []
    aid = report["aid"]
    assert [y["requested"] for y in aid["animation"]] == ["45000", "30000", "15000"]
    assert [y["expenses"] for y in aid["animation"]] == ["60000", "60000", "60000"]
    assert aid["equipment"]["expenses"] == "40000"
    assert aid["equipment"]["requested"] == "20000"


# -- the official fillable form, filled then flattened --------------------------------------


def test_official_form_filled_then_flattened(tmp_path: Path) -> None:
    """The CERFA's own PDF filled in its fields and flattened: each figure is text burned
    in its field's box, right-aligned on a baseline of its own; the detail lines carry no
    account number, the heads their subtotal, the Région the free line under « Région(s) : »;
    the year is typed in the field after « Exercice », or only said by the dates (the year's
    field left blank on the second page, whose amounts are left-aligned: « 17 300 » starts
    under the end of « 70 - Vente de produits finis, … services », too long for its box, and
    whose free line under « Région(s) : » names the aid, not the Région)."""
    from realistic import cerfa_form

    # Two years' pages: reading a page of the form is what is tested, and each page costs.
    pdf = tmp_path / "Budget CERFA 12156.pdf"
    second = frozenset({1})
    budget = _read(cerfa_form.filled_form(pdf, tmp_path, 2, dates_only=second, left=second))
    assert budget.years == (2027, 2028)
    assert budget.unplaced == ()
    assert budget.basis == {}  # the form does not say it: B001 asks for it
    for i, year in enumerate(budget.years):
        total = cerfa_form.charges_total(i)
        assert budget.total("depenses", year) == total
        assert budget.total("recettes", year) == total
        assert budget.region_aid("animation", year) == realistic.REGION_ANIMATION[i]
        assert budget.contributions_total("depenses", year) == realistic.VOLUNTEERING[i]
        assert budget.contributions_total("recettes", year) == realistic.VOLUNTEERING[i]
    region = [line for line in budget.lines if line.region_aid and line.year == 2027]
    assert [line.label for line in region] == ["- Hauts-de-France — animation du tiers-lieu"]
    # 2028: the free line names the aid, not the Région; the row above it does.
    (region,) = [line for line in budget.lines if line.region_aid and line.year == 2028]
    assert region.label == "- Aide à l'animation du tiers-lieu"
    assert "sous « Région(s) : »" in region.evidence
    heads = {line.label for line in budget.lines if line.is_total and line.year == 2027}
    assert {"60 - Achats", "64 - Charges de personnel", "74 - Subventions d'exploitation"} <= heads
