"""X001 names who states the applicant's name: a file, or the platform's form.

A dossier read from a Démarches Simplifiées export has no dossier.yaml: the form's answers are
declared « par le formulaire de Démarches Simplifiées ». X001 said « … mais « dossier.yaml » la
nomme … » of such a dossier, a file the instructor cannot find (outside tester 6, defect 12).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_check_cases import make_file

from dossierkit.report.data import report_data
from dossierkit.verify import verify

OTHER = "Association Club informatique d'Arras"


def _dossier(folder: Path, declared_by: str | None) -> Path:
    make_file(folder / "Courrier.pdf", {"letter": "courrier"})
    make_file(
        folder / "Attestation TVA.pdf",
        {"letter": "attestation_signed", "replace": {"Association Fab'Lab du Ternois": OTHER}},
    )
    head = f"declare_par: {declared_by}\n" if declared_by else ""
    (folder / "dossier.yaml").write_text(
        head + "structure:\n  nom: Association Fab'Lab du Ternois\n  type: association\n",
        encoding="utf-8",
    )
    return folder


@pytest.mark.parametrize(
    ("declared_by", "lang", "source"),
    [
        ("le formulaire de Démarches Simplifiées", "fr", "le formulaire de Démarches Simplifiées"),
        ("le formulaire de Démarches Simplifiées", "en", "the form of Démarches Simplifiées"),
        (None, "fr", "« dossier.yaml »"),
    ],
)
def test_x001_names_the_form_or_the_file(
    tmp_path: Path, declared_by: str | None, lang: str, source: str
) -> None:
    report = report_data(verify(_dossier(tmp_path, declared_by)), lang=lang)
    [x001] = [f for f in report["findings"] if f["code"] == "X001"]
    assert f"{source} " in x001["message"]
    assert OTHER in x001["message"]


def test_a_name_printed_in_capitals_is_shown_as_the_other_pieces_write_it(
    tmp_path: Path,
) -> None:
    """The statuts' title in capitals, the letter in ordinary case: the structure is named as
    the letter writes it (tester 6: « LA RUCHE NUMERIQUE AUDOMAROISE » in the register)."""
    make_file(tmp_path / "Courrier.pdf", {"letter": "courrier"})
    make_file(
        tmp_path / "Statuts.pdf",
        {"letter": "statuts", "replace": {"« Fab'Lab du Ternois »": "« FAB'LAB DU TERNOIS »"}},
    )
    facts = {f.name: f.value for f in verify(tmp_path).dossier.facts if f.origin == "inferred"}
    assert facts["structure.name"] == "Association Fab'Lab du Ternois"
