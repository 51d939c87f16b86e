"""Who applies, by the weight of the pieces, and the papers of another association.

The dossiers are the Fab'Lab du Ternois's, made as applicants make them (Word exports, a
workbook, a bank's RIB), with papers added or swapped: statuts of another association beside
a letter, RIB and attestation that agree; the association's own procès-verbal electing its
présidente; the real published minutes and statuts of another association (Zeste de Savoir,
``tests/data/published``). The piece that disagrees with the rest carries the finding.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from realistic import association

from dossierkit.applicant import agrees
from dossierkit.fact import fact_value
from dossierkit.report.flatten import flatten
from dossierkit.verify import Verification, verify

PUBLISHED = Path(__file__).parent / "data" / "published"


def _findings(result: Verification) -> list[tuple[object, ...]]:
    """The findings as (code, severity, piece, file, page), those of the dossier technique's
    questions left out: that family is judged by its own tests and is not what varies here."""
    return [row for row in flatten(result.findings) if not str(row[0]).startswith("T")]


@pytest.fixture(scope="session")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The complete dossier of the Fab'Lab du Ternois, made once."""
    return association.plain_dossier(tmp_path_factory.mktemp("ternois") / "Fab'Lab du Ternois")


@pytest.fixture
def dossier(base: Path, tmp_path: Path) -> Callable[..., Path]:
    """A copy of the base dossier, without the files named in ``remove``."""

    def make(*remove: str) -> Path:
        folder = tmp_path / "dossier"
        shutil.copytree(base, folder)
        for name in remove:
            (folder / name).unlink()
        return folder

    return make


def test_complete_dossier_applicant_is_the_association_its_pieces_agree_on(base: Path) -> None:
    result = verify(base, read_workers=0)
    assert result.complete
    assert _findings(result) == []
    assert result.dossier.fact("structure.name") == "Fab'Lab du Ternois"
    assert result.dossier.fact("structure.kind") == "association"


def test_statuts_of_another_association_carry_the_error_not_the_rib(
    dossier: Callable[..., Path],
) -> None:
    folder = dossier("Statuts.pdf")
    other = association.ternois(
        short_name=association.OTHER, structure=f"Association {association.OTHER}"
    )
    association.statuts_pdf(folder, other)
    result = verify(folder, read_workers=0)
    assert not result.complete
    assert _findings(result) == [("U003", "error", "statuts", "Statuts.pdf", 1)]
    facts = result.dossier.facts
    assert fact_value(facts, "structure.name") == "Association Fab'Lab du Ternois"
    name = next(f for f in facts if f.name == "structure.name")
    assert name.file == "Courrier de demande.pdf"
    assert "« Statuts.pdf » nomme « Club informatique d'Arras »" in name.evidence


def test_without_letter_the_pieces_that_agree_outweigh_the_statuts(
    dossier: Callable[..., Path],
) -> None:
    folder = dossier("Statuts.pdf", "Courrier de demande.pdf")
    association.statuts_pdf(folder, association.ternois(short_name=association.OTHER))
    result = verify(folder, read_workers=0)
    assert _findings(result) == [
        ("P001", "error", "courrier", None, None),
        ("U003", "error", "statuts", "Statuts.pdf", 1),
    ]
    assert result.dossier.fact("structure.name") == "Association Fab'Lab du Ternois"


def test_the_associations_own_minutes_are_an_annex_and_name_its_representative(
    dossier: Callable[..., Path],
) -> None:
    folder = dossier()
    minutes = association.Minutes(
        "Fab'Lab du Ternois", date(2026, 3, 14), "Saint-Pol-sur-Ternoise", "Marie Delattre"
    )
    association.minutes_pdf(folder, minutes, name="PV AGO 2026.pdf")
    result = verify(folder, read_workers=0)
    assert result.complete
    assert _findings(result) == []  # not more statuts: no P003
    kinds = {f.rel: f.kind for f in result.dossier.files}
    assert kinds["PV AGO 2026.pdf"] == "proces_verbal"
    facts = [f for f in result.dossier.facts if f.file == "PV AGO 2026.pdf"]
    chain = {f.name: f.value for f in facts if f.name.startswith("legal_representative.")}
    assert chain == {
        "legal_representative.name": "Marie Delattre",
        "legal_representative.role": "président(e)",
        "legal_representative.since": "2026-03-14",
    }


def test_minutes_electing_someone_else_contradict_the_responsable_legal(
    dossier: Callable[..., Path],
) -> None:
    folder = dossier()
    minutes = association.Minutes(
        "Fab'Lab du Ternois", date(2026, 3, 14), "Saint-Pol-sur-Ternoise", "Anne Roussel"
    )
    association.minutes_pdf(folder, minutes, name="PV AGO 2026.pdf")
    result = verify(folder, read_workers=0)
    assert _findings(result) == [("X002", "warning", None, "PV AGO 2026.pdf", 1)]


def test_older_minutes_do_not_make_the_signing_president_need_a_delegation(
    dossier: Callable[..., Path],
) -> None:
    # The technique names no responsable légal; the minutes joined elected someone else than
    # the présidente who signs (minutes older than her election, say): a person must look,
    # but no délégation is demanded of a présidente who signs herself.
    folder = dossier()
    association.replace_text(
        folder / "Dossier technique.docx",
        "Responsable légal : Mme Marie Delattre, Présidente. ",
        "",
    )
    minutes = association.Minutes(
        "Fab'Lab du Ternois", date(2024, 3, 9), "Saint-Pol-sur-Ternoise", "Anne Roussel"
    )
    association.minutes_pdf(folder, minutes, name="PV AGO 2024.pdf")
    result = verify(folder, read_workers=0)
    assert result.complete
    assert _findings(result) == [("X002", "warning", None, "Courrier de demande.pdf", 1)]
    assert result.dossier.fact("legal_representative.name") == "Anne Roussel"
    assert result.dossier.fact("signatory.is_legal_representative") is True


def test_published_papers_of_another_association_are_noticed(
    dossier: Callable[..., Path],
) -> None:
    # Zeste de Savoir's real statuts in place of the Fab'Lab's, and its board's minutes.
    folder = dossier("Statuts.pdf")
    shutil.copy(PUBLISHED / "zeste-de-savoir_statuts.pdf", folder / "Statuts.pdf")
    shutil.copy(PUBLISHED / "zeste-de-savoir_2025-03-01_PV_RCA.pdf", folder / "PV CA.pdf")
    result = verify(folder, read_workers=0)
    assert not result.complete
    assert _findings(result) == [
        ("U003", "error", "statuts", "Statuts.pdf", 1),
        ("X003", "warning", "proces_verbal", "PV CA.pdf", 1),  # an annex of too many
    ]
    # They prove nothing for the Fab'Lab: its responsable légal is not Zeste de Savoir's.
    assert result.dossier.fact("legal_representative.name") == "Marie Delattre"
    assert not any(
        f.file == "PV CA.pdf" for f in result.dossier.facts if f.name.startswith("legal_")
    )


@pytest.mark.slow
def test_minutes_scanned_with_a_phone_app_are_not_more_statuts(
    dossier: Callable[..., Path], ocr_cache: Path
) -> None:
    from conftest import require_tool

    require_tool("tesseract")
    folder = dossier()
    minutes = association.Minutes(
        "Fab'Lab du Ternois", date(2026, 3, 14), "Saint-Pol-sur-Ternoise", "Marie Delattre"
    )
    association.scanned_minutes(folder / "Scan 14-03-2026.pdf", minutes)
    result = verify(folder, read_workers=0)
    assert result.complete
    # Read by OCR, and no P003 "plusieurs fichiers pour la même pièce".
    assert _findings(result) == [("F014", "info", "proces_verbal", "Scan 14-03-2026.pdf", 1)]
    assert {f.rel: f.kind for f in result.dossier.files}["Scan 14-03-2026.pdf"] == "proces_verbal"
    since = next(f for f in result.dossier.facts if f.name == "legal_representative.since")
    assert (since.value, since.file) == ("2026-03-14", "Scan 14-03-2026.pdf")


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Association Fab'Lab du Ternois", "ASSOCIATION FAB LAB DU TERNOIS", True),
        ("Fab'Lab du Ternois", "Fab'Lab du Ternois (FLT)", True),
        ("Fab'Lab du Ternois", "FAB LAB DU TER NOIS", True),  # a word split by OCR
        ("Dentelle Numérique", "ASSOCIATION DE NTELLE NUMERIOUE", True),
        ("Fab'Lab du Ternois", "Club informatique d'Arras", False),
        ("Fab'Lab du Ternois", "Zeste de Savoir", False),
        ("Fab'Lab du Ternois", "Fab'Lab du Boulonnais", False),
    ],
)
def test_names_that_designate_one_association(a: str, b: str, same: bool) -> None:
    assert agrees(a, b) is same
