"""An intercommunalité that recovers VAT both ways: FCTVA on investment, its tax return on
the operating costs of a taxable service (outside tester 5, « CC du Pays Solesmois »,
exp/solesmois-docx-xlsx, issue 13).

Its attestation said « récupère la TVA sur les dépenses du projet (par la voie du FCTVA pour
l'investissement et par la voie fiscale pour le service de location d'espaces) ; le budget
est présenté hors taxes »: the FCTVA and the word « investissement » made it « récupère la TVA
sur l'investissement seulement », and its HT operating budget got B002 (an error on a complete
dossier). Each section's regime is read: FCTVA for investment and fiscal recovery for
operating recover VAT on everything; FCTVA alone, or with « ne récupère pas » on operating,
is investment only.

The dossier is ``samples/interco-complete`` (the CC du Pays de Lumbres), its workbook's
basis rewritten HT throughout (LibreOffice's content.xml edited, as a person retypes the
title cells), its attestation drawn as the intercommunalité's word processor prints it.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from realistic.slides import write_plan_pdf

from conftest import SAMPLES, write_letter_pdf
from dossierkit.findings import Severity
from dossierkit.pieces.attestation import regime_of
from dossierkit.text import fold
from dossierkit.verify import Verification, verify

BUDGET = "Budget tiers-lieu.ods"
ATTESTATION = "Attestation FCTVA.pdf"
# The sample's words for its basis, and what a budget presented HT throughout writes.
HT_THROUGHOUT = {
    "fonctionnement en TTC, investissement en HT": "montants HT",
    "Fonctionnement (montants TTC)": "Fonctionnement (montants HT)",
    "Fonctionnement présenté TTC (la TVA sur ces dépenses n&apos;est pas récupérée)": (
        "Fonctionnement présenté HT (la TVA est récupérée par la voie fiscale)"
    ),
}


def ht_budget(source: Path, target: Path) -> Path:
    """``source`` (an .ods) with its basis cells retyped HT throughout."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == "content.xml":
                text = data.decode("utf-8")
                for before, after in HT_THROUGHOUT.items():
                    assert before in text
                    text = text.replace(before, after)
                data = text.encode("utf-8")
            new.writestr(item, data)
    return target


def both_ways_attestation(path: Path) -> Path:
    """The CC's attestation: FCTVA on investment, the tax return on the operating costs."""
    return write_letter_pdf(
        path,
        [
            "Communauté de communes du Pays de Lumbres",
            "Hôtel communautaire",
            "2 place de la Mairie",
            "62380 Lumbres",
            "",
            "ATTESTATION – RÉGIME DE TVA",
            "",
            "Je soussigné, M. Francis Bertin, Président de la Communauté de communes du Pays",
            "de Lumbres, atteste que la Communauté de communes du Pays de Lumbres récupère la",
            "TVA sur les dépenses du projet « L'Usine numérique » (par la voie du FCTVA pour",
            "l'investissement et par la voie fiscale pour le service de location d'espaces) ;",
            "le budget est présenté hors taxes.",
            "",
            "Fait à Lumbres, le 5 novembre 2026",
            "",
            "Le Président,",
            "",
            "",
            "",
            "Francis Bertin",
        ],
    )


def _dossier(base: Path, name: str, *, both_ways: bool) -> Path:
    """The sample copied, its plan drawn (no OCR), its budget HT throughout."""
    folder = base / name
    shutil.copytree(SAMPLES / "interco-complete", folder)
    (folder / "Plan d'agencement.png").unlink()
    write_plan_pdf(folder / "Plan d'agencement.pdf", "Plan d'agencement — L'Usine numérique")
    (folder / BUDGET).unlink()
    ht_budget(SAMPLES / "interco-complete" / BUDGET, folder / BUDGET)
    if both_ways:
        (folder / ATTESTATION).unlink()
        both_ways_attestation(folder / "Attestation TVA.pdf")
    return folder


@pytest.fixture(scope="module")
def verified(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Verification]:
    base = tmp_path_factory.mktemp("vat-both-ways")
    return {
        "both-ways": verify(_dossier(base, "both-ways", both_ways=True), read_workers=0),
        "fctva-only": verify(_dossier(base, "fctva-only", both_ways=False), read_workers=0),
    }


def _codes(result: Verification) -> list[tuple[str, str]]:
    return sorted((f.code, f.severity.value) for f in result.findings)


# The sample's only finding: its RIB is the Trésor public's account, accepted (R007).
SAMPLE_FINDINGS = [("R007", "info")]


def test_fctva_and_fiscal_recovery_accept_an_ht_budget(verified: dict[str, Verification]) -> None:
    result = verified["both-ways"]
    assert result.dossier.fact("budget.basis") == "fonctionnement HT, investissement HT"
    assert result.dossier.fact("vat.regime") == "recovered"
    assert _codes(result) == SAMPLE_FINDINGS
    assert result.complete


def test_fctva_alone_still_asks_for_ttc_operating_costs(verified: dict[str, Verification]) -> None:
    """Near miss: the sample's attestation (FCTVA on investment, « ne récupère pas la TVA sur
    ses dépenses de fonctionnement ») beside the same HT budget: its operating costs must be
    TTC."""
    result = verified["fctva-only"]
    assert result.dossier.fact("vat.regime") == "investment_only"
    errors = [(f.code, f.file) for f in result.findings if f.severity is Severity.ERROR]
    assert errors == [("B002", BUDGET)]
    b002 = next(f for f in result.findings if f.code == "B002")
    assert (b002.params["nature"], b002.params["basis"]) == ("le fonctionnement", "HT")


@pytest.mark.parametrize(
    ("text", "regime"),
    [
        (
            "récupère la TVA (par la voie du FCTVA pour l'investissement et par la voie fiscale "
            "pour le fonctionnement)",
            "recovered",
        ),
        (
            "bénéficie du FCTVA pour ses équipements et récupère la TVA de ses dépenses de "
            "fonctionnement sur ses déclarations de TVA",
            "recovered",
        ),
        ("récupère la TVA sur l'ensemble des dépenses du projet", "recovered"),
        # Near misses: the FCTVA alone is investment only, whatever is said of operating.
        ("est éligible au FCTVA pour ses dépenses d'investissement", "investment_only"),
        (
            "est éligible au FCTVA pour ses dépenses d'investissement et ne récupère pas la TVA "
            "sur ses dépenses de fonctionnement",
            "investment_only",
        ),
        (
            "bénéficie du FCTVA sur l'investissement ; le fonctionnement est présenté TTC",
            "investment_only",
        ),
    ],
)
def test_each_section_s_regime_is_read(text: str, regime: str) -> None:
    assert regime_of(fold(text)) == regime
