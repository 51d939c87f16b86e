"""Letters signed in ink and scanned, RIBs photographed: names read as a person reads them.

The dossiers are those of ``tests/realistic/scans.py``: the association Dentelle Numérique,
complete, whose présidente Marie Durand printed her Word letter (exported by LibreOffice),
signed it over her typed name and scanned it, and whose RIB was photographed by a phone.
OCR reads the signature's ink as words ("Te IN"), loses the title under it, splits the
holder's name ("ASSOCIATION DE NTELLE NUMERIQUE"); an old RIB that prints no IBAN is
photographed too. Each test asserts the verdict and the exact findings of the families
concerned (courrier, signatures, délégation, RIB, pieces).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from realistic import scans

from conftest import require_tool
from dossierkit.report.flatten import flatten

# The families these tests judge: courrier, signatures, délégation, RIB, and the pieces.
FAMILIES = ("C", "G", "L", "R", "P")


def _verify(folder: Path) -> Any:
    from dossierkit.verify import verify

    return verify(folder, read_workers=0)


def _facts(result: Any) -> dict[str, object]:
    return {f.name: f.value for f in result.dossier.facts}


def _message(result: Any, code: str) -> str:
    from dossierkit.checks import BY_CODE

    [finding] = [f for f in result.findings if f.code == code]
    return BY_CODE[code].render(finding, "fr", result.dossier.call)


@pytest.fixture(scope="module")
def verified(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Two complete dossiers of Dentelle Numérique, made and verified once:

    - ``scribble``: the signature's ink is read as a capitalised name ("Te IN") above the
      typed "Marie Durand", the title lost under it; the RIB photographed, its holder's
      name split by OCR;
    - ``unreadable``: "Présidente" is read, but the signature runs through the typed name,
      read with doubt; the letter is dated 15 January 2027, after the tests' today.
    """
    require_tool("tesseract")
    require_tool("soffice")
    root = tmp_path_factory.mktemp("scans-signatory")
    made: dict[str, Path] = {}
    a = scans.applicant()
    scribble = scans.plain_dossier(root / "scribble", a)
    scans.replace_file(
        scribble,
        "Courrier de demande.pdf",
        scans.scanned_signed_letter(root / "Courrier signé.pdf", a, seed=6, overlap=0.5),
    )
    scans.replace_file(
        scribble,
        "RIB.pdf",
        scans.photographed_rib(root / "RIB.jpg", a, holder="ASSOCIATION DE NTELLE NUMERIQUE"),
    )
    made["scribble"] = scribble
    later = scans.letter_date(a, date(2027, 1, 15))
    unreadable = scans.plain_dossier(root / "unreadable", later)
    scans.replace_file(
        unreadable,
        "Courrier de demande.pdf",
        scans.scanned_signed_letter(root / "Courrier numérisé.pdf", later, seed=2, overlap=0.5),
    )
    made["unreadable"] = unreadable
    return {name: _verify(folder) for name, folder in made.items()}


@pytest.mark.slow
def test_the_signatory_is_the_typed_name_not_the_ink_read_as_words(
    verified: dict[str, Any],
) -> None:
    result = verified["scribble"]
    facts = _facts(result)
    assert facts["signatory.name"] == "Marie Durand"
    assert facts["signatory.is_legal_representative"] is True
    assert flatten(result.findings, codes=FAMILIES) == [
        ("R006", "warning", "rib", "RIB.jpg", 1),
    ]
    assert result.complete


@pytest.mark.slow
def test_a_holder_split_by_ocr_is_a_warning_with_both_spellings(
    verified: dict[str, Any],
) -> None:
    result = verified["scribble"]
    assert _facts(result)["rib.holder"] == "ASSOCIATION DE NTELLE NUMERIQUE"
    assert _message(result, "R006") == (
        "« RIB.jpg », page 1 : le titulaire du compte, « ASSOCIATION DE NTELLE NUMERIQUE », "
        "ressemble à la structure qui demande l'aide, « Dentelle Numérique », sans s'écrire "
        "de la même façon (un mot coupé ou une lettre mal lue ?). Vérifiez sur le RIB que le "
        "compte est bien à son nom."
    )


@pytest.mark.slow
def test_an_unreadable_name_under_the_presidente_asks_to_look_not_for_a_delegation(
    verified: dict[str, Any],
) -> None:
    result = verified["unreadable"]
    facts = _facts(result)
    assert "signatory.name" not in facts
    assert facts["signatory.title"] == "Présidente"
    assert facts["signatory.is_legal_representative"] is True
    assert flatten(result.findings, codes=FAMILIES) == [
        ("C005", "warning", "courrier", "Courrier numérisé.pdf", 1),
        ("C006", "warning", "courrier", "Courrier numérisé.pdf", 1),
    ]
    assert _message(result, "C005") == (
        "« Courrier numérisé.pdf » : le nom du signataire (« Présidente ») n'a pas pu être lu "
        "avec certitude sur le document numérisé (lu : « nn Durand ») ; vérifiez-le à l'œil "
        "page 1, sous la signature."
    )
    assert _message(result, "C006").startswith(
        "« Courrier numérisé.pdf » est daté du 15 janvier 2027, postérieur au 2 décembre 2026, "
        "date de la vérification"
    )
    assert result.complete


@pytest.mark.slow
def test_a_photographed_rib_without_iban_is_an_error_saying_what_to_send(
    tmp_path: Path,
) -> None:
    from conftest import TEXTS, write_pdf
    from dossierkit.checks import BY_CODE

    require_tool("tesseract")
    a = scans.applicant()
    write_pdf(tmp_path / "Courrier.pdf", [scans.STRUCTURE, *TEXTS["courrier"][1:]])
    scans.photographed_rib(tmp_path / "RIB.jpg", a, iban=False)
    result = _verify(tmp_path)
    facts = _facts(result)
    assert (facts["rib.bank_code"], facts["rib.account"]) == (a.bank.bank_code, a.bank.account)
    assert flatten(result.findings, codes="R") == [("R001", "error", "rib", "RIB.jpg", 1)]
    [finding] = [f for f in result.findings if f.code == "R001"]
    assert BY_CODE["R001"].render(finding, "fr", result.dossier.call) == (
        "« RIB.jpg », page 1 : le RIB ne porte aucun IBAN : l'aide ne peut pas être versée "
        "sans lui. Joignez le RIB édité par la banque (téléchargé depuis l'espace client en "
        "ligne, ou demandé à l'agence), où figurent l'IBAN et le BIC."
    )
    assert not result.complete
