"""The tax office's letter on VAT regime is the attestation, not the request letter (outside
tester 5, « Asso La Manufacture de Chauny – assujettie, lettre du SIE », issue 13).

An association asked its Service des impôts des entreprises (SIE) for a statement of its VAT
regime and joined the answer: a one-page letter on the tax administration's letterhead,
addressed to the association's président (« Monsieur le Président, … nous vous confirmons
que l'association … est assujettie à la taxe sur la valeur ajoutée … droit à déduction »),
signed « Pour le Directeur départemental et par délégation, Le responsable du SIE ». Its
letter form (« Monsieur le Président », « Veuillez agréer ») and its name (« Courrier SIE
régime TVA.pdf ») made it the request letter: the real request was set aside as an older
version, the attestation was « MANQUANTE » and a délégation was demanded for the tax office's
agent. A letter that asks the Région for nothing is not the request; the piece its content
makes it is.

The letter is drawn as the tax office's software prints it (reportlab: letterhead, the
addressee on the right, the signature pasted), in the dossier of ``samples/association-complete``
(its plan drawn and its statuts typed, so that nothing needs OCR).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from realistic import bundles
from realistic.association import statuts_pdf
from realistic.slides import write_plan_pdf

from conftest import SAMPLES, write_letter_pdf
from dossierkit.call import load_call
from dossierkit.classify import classify, name_kind
from dossierkit.findings import Severity
from dossierkit.pieces import attestation
from dossierkit.reading import read_document
from dossierkit.verify import Verification, verify

CALL = load_call()
ATTESTATION = "04 - Attestation TVA.pdf"
COURRIER = "01 - Courrier de demande.pdf"


def sie_letter(path: Path, *, taxable: bool, purpose: bool = False) -> Path:
    """The SIE's answer to the Fab'Lab du Ternois about its VAT regime: ``taxable``, it is
    « assujettie … droit à déduction » (it recovers VAT); otherwise « n'est pas assujettie ».
    ``purpose``: it names the request it serves (« à l'appui de votre demande de
    subvention auprès de la Région »)."""
    regime = (
        [
            "assujettie à la taxe sur la valeur ajoutée au titre de son activité de location",
            "d'espaces de travail (coworking), sous le régime réel normal d'imposition, depuis",
            "le 1er janvier 2024. À ce titre, elle bénéficie du droit à déduction de la TVA",
            "grevant ses dépenses. Numéro de TVA intracommunautaire : FR40853214770",
        ]
        if taxable
        else [
            "pas assujettie à la taxe sur la valeur ajoutée : ses activités, non lucratives,",
            "n'entrent pas dans le champ de la TVA, et elle ne bénéficie pas du droit à",
            "déduction de la TVA grevant ses dépenses.",
        ]
    )
    lines = [
        "DIRECTION GÉNÉRALE DES FINANCES PUBLIQUES",
        "Direction départementale des finances publiques du Pas-de-Calais",
        "Service des impôts des entreprises d'Arras",
        "7 rue de la Paix – 62000 Arras",
        "",
        "                                             Association Fab'Lab du Ternois",
        "                                             14 rue des Procureurs",
        "                                             62130 Saint-Pol-sur-Ternoise",
        "",
        "                                             Arras, le 18 septembre 2026",
        "",
        "Objet : régime de TVA – attestation",
        "Références : SIRET 853 214 770 00018",
        "",
        "Monsieur le Président,",
        "",
        *(
            [
                "Vous nous avez demandé cette attestation à l'appui de votre demande de",
                "subvention auprès de la Région Hauts-de-France.",
            ]
            if purpose
            else []
        ),
        "En réponse à votre demande, nous vous confirmons que l'association Fab'Lab du",
        "Ternois " + ("est" if taxable else "n'est") + " " + regime[0],
        *regime[1:],
        "",
        "Veuillez agréer, Monsieur le Président, l'expression de ma considération distinguée.",
        "",
        "                                             Pour le Directeur départemental et par délégation,",
        "                                             Le responsable du SIE,",
        "",
        "",
        "",
        "                                             Patrick Lenoir",
    ]
    return write_letter_pdf(path, lines)


def request_mentioning_vat(path: Path) -> Path:
    """The Fab'Lab's request letter, which also says its VAT regime (« n'est pas assujettie
    à la TVA ») as letters often do: still the request."""
    paragraphs = bundles._letter_paragraphs()
    at = paragraphs.index("Je sollicite à ce titre :")
    vat = [
        "L'association n'est pas assujettie à la TVA et ne récupère pas la TVA :",
        "le budget est présenté TTC (attestation jointe).",
    ]
    return write_letter_pdf(path, [*paragraphs[:at], *vat, *paragraphs[at:]])


# Whole dossiers ---------------------------------------------------------------------------


def _dossier(base: Path, name: str, statuts: Path) -> Path:
    folder = base / name
    shutil.copytree(SAMPLES / "association-complete", folder)
    annexes = folder / "Annexes"
    (annexes / "Plan d'agencement.jpg").unlink()
    write_plan_pdf(annexes / "Plan d'agencement.pdf", "Plan d'agencement — La Fabrique du Ternois")
    shutil.copyfile(statuts, folder / "Statuts signés.pdf")
    return folder


VARIANTS: dict[str, tuple[str, bool]] = {
    # name → (the SIE letter's file name, whether it says the association is taxable)
    "courrier-sie": ("Courrier SIE régime TVA.pdf", False),
    "renamed": ("Attestation TVA (courrier du SIE).pdf", False),
    "taxable": ("Courrier SIE régime TVA.pdf", True),
}


@pytest.fixture(scope="module")
def verified(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Verification]:
    base = tmp_path_factory.mktemp("sie-dossiers")
    statuts = statuts_pdf(tmp_path_factory.mktemp("statuts"), name="Statuts signés.pdf")
    results: dict[str, Verification] = {}
    for name, (file, taxable) in VARIANTS.items():
        folder = _dossier(base, name, statuts)
        (folder / ATTESTATION).unlink()
        sie_letter(folder / file, taxable=taxable)
        results[name] = verify(folder, read_workers=0)
    return results


def _used(result: Verification, kind: str) -> tuple[str | None, tuple[str, ...]]:
    piece = next(p for p in result.dossier.pieces if p.spec.kind == kind)
    return (piece.used.rel if piece.used else None), tuple(f.rel for f in piece.files)


def _codes(result: Verification) -> list[tuple[str, str]]:
    return sorted((f.code, f.severity.value) for f in result.findings)


@pytest.mark.parametrize("name", ["courrier-sie", "renamed"])
def test_the_tax_office_letter_is_the_attestation_and_the_dossier_complete(
    verified: dict[str, Verification], name: str
) -> None:
    result = verified[name]
    file = VARIANTS[name][0]
    assert _used(result, "courrier") == (COURRIER, (COURRIER,))
    assert _used(result, "attestation_tva") == (file, (file,))
    assert result.dossier.fact("vat.regime") == "not_recovered"
    # No finding, as the sample whose attestation the applicant wrote itself: no délégation
    # asked for the tax office's agent, no letter checks on the tax office's letter.
    assert _codes(result) == []
    assert result.complete


def test_a_taxable_association_s_letter_is_read_as_recovering_vat(
    verified: dict[str, Verification],
) -> None:
    """« assujettie … droit à déduction » is a structure that recovers VAT: its TTC budget
    is then the error, named with the tax office's letter as the attestation."""
    result = verified["taxable"]
    assert _used(result, "attestation_tva")[0] == "Courrier SIE régime TVA.pdf"
    assert result.dossier.fact("vat.regime") == "recovered"
    errors = {(f.code, f.file) for f in result.findings if f.severity is Severity.ERROR}
    assert errors == {("B002", "02 - Budget prévisionnel 2027-2029.xlsx")}


# One file ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def letters(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    base = tmp_path_factory.mktemp("sie-letters")
    return {
        "sie": read_document(sie_letter(base / "a.pdf", taxable=True), "pdf"),
        "sie-purpose": read_document(sie_letter(base / "c.pdf", taxable=True, purpose=True), "pdf"),
        "request": read_document(request_mentioning_vat(base / "b.pdf"), "pdf"),
    }


@pytest.mark.parametrize(
    ("name", "rel", "kind"),
    [
        ("sie", "scan0001.pdf", "attestation_tva"),
        ("sie", "Courrier SIE regime TVA.pdf", "attestation_tva"),
        ("sie", "Courrier.pdf", "attestation_tva"),
        # The tax office's letter that names the request it serves is still its answer.
        ("sie-purpose", "scan0003.pdf", "attestation_tva"),
        # Near misses: the request letter says the VAT regime too, and may be named so.
        ("request", "scan0002.pdf", "courrier"),
        ("request", "Courrier demande subvention TVA TTC.pdf", "courrier"),
    ],
)
def test_a_letter_is_the_request_only_when_it_asks(
    letters: dict[str, Any], name: str, rel: str, kind: str
) -> None:
    assert classify(rel, letters[name], CALL).kind == kind


def test_the_sie_letter_s_regime_is_read() -> None:
    """The tax office writes the regime in its own words: « assujettie … droit à déduction »
    recovers VAT, « ne bénéficie pas du droit à déduction » does not."""
    assert attestation.regime_of(
        "nous vous confirmons que l association est assujettie a la taxe sur la valeur ajoutee"
        " a ce titre elle beneficie du droit a deduction de la tva grevant ses depenses"
    ) == ("recovered")
    assert attestation.regime_of(
        "l association n est pas assujettie a la taxe sur la valeur ajoutee et ne beneficie"
        " pas du droit a deduction"
    ) == ("not_recovered")


@pytest.mark.parametrize(
    ("rel", "kind"),
    [
        ("Courrier SIE regime TVA.pdf", "attestation_tva"),
        ("Attestation TVA (courrier du SIE).pdf", "attestation_tva"),
        ("Lettre de délégation de signature.pdf", "delegation"),
        # The letter word alone, or with a word of the request, names the request letter.
        ("Courrier Crédit Coopératif ouverture compte.pdf", "courrier"),
        ("Courrier demande subvention TVA.pdf", "courrier"),
        ("Lettre candidature.pdf", "courrier"),
    ],
)
def test_a_name_that_says_courrier_and_another_piece_names_that_piece(rel: str, kind: str) -> None:
    assert name_kind(rel, CALL) == kind


def test_the_tax_office_letter_scanned_after_the_request_is_its_own_piece(tmp_path: Path) -> None:
    """The request, the SIE's letter and the RIB printed into one PDF: the SIE's page, a letter
    too, no longer continues the request (it asks nothing of the Région)."""
    import pikepdf

    from dossierkit.classify.pages import page_runs

    sample = SAMPLES / "association-complete"
    bundle = pikepdf.new()
    for path in (sample / COURRIER, sie_letter(tmp_path / "sie.pdf", taxable=True)):
        bundle.pages.extend(pikepdf.open(path).pages)
    bundle.pages.extend(pikepdf.open(sample / "RIB (2).pdf").pages)
    bundle.save(tmp_path / "Pièces administratives.pdf")
    document = read_document(tmp_path / "Pièces administratives.pdf", "pdf")
    runs = [(r.kind, r.first, r.last) for r in page_runs(document, CALL)]
    assert runs == [("courrier", 1, 1), ("attestation_tva", 2, 2), ("rib", 3, 3)]
