"""The assembled dossier's cover and sommaire when verify cannot tell the kind of structure
(second outside tester): the structure is « non identifiée » (feminine, as « la structure »),
and the statuts, asked of associations only, are « À PRÉCISER », not « sans objet » while
verify warns that it cannot tell whether they are required (P005)."""

from __future__ import annotations

from pathlib import Path

from conftest import TEXTS, write_pdf
from dossierkit.assemble.front import identity
from dossierkit.assemble.plan import plan_sections
from dossierkit.verify import verify


def test_statuts_of_an_unknown_kind_of_structure_are_to_check(tmp_path: Path) -> None:
    letter = [line for line in TEXTS["courrier"] if "Fab'Lab" not in line]
    letter = [
        line.replace("désigné par la Communauté de communes du Ternois, ", "") for line in letter
    ]
    write_pdf(tmp_path / "Courrier.pdf", letter)
    result = verify(tmp_path)
    assert "P005" in [f.code for f in result.findings]
    statuts = next(s for s in plan_sections(result, "fr") if s.kind == "statuts")
    assert statuts.status == "undetermined"
    structure, _, _ = identity(result.dossier, "fr")
    assert structure == "non identifiée"
    assert identity(result.dossier, "en")[0] == "not identified"


def test_statuts_not_asked_of_an_intercommunalite_are_sans_objet(tmp_path: Path) -> None:
    letter = [
        line.replace("Association Fab'Lab du Ternois", "Communauté de communes du Ternois")
        for line in TEXTS["courrier"]
    ]
    write_pdf(tmp_path / "Courrier.pdf", letter)
    result = verify(tmp_path)
    assert "P005" not in [f.code for f in result.findings]
    statuts = next(s for s in plan_sections(result, "fr") if s.kind == "statuts")
    assert statuts.status == "not_required"
