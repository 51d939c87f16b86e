"""End to end (to add once register.application fills Version.complement_of): the history of
an application completed by a complement sent alone says « fichiers ajoutés » only."""

from __future__ import annotations

import shutil
from pathlib import Path

import generate
import pytest

from dossierkit.call import load_call
from dossierkit.triage.history import history_lines
from dossierkit.triage.register import Register
from dossierkit.triage.run import triage
from triage_inbox import built_dossiers


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return built_dossiers(tmp_path_factory.getbasetemp())


def test_the_register_history_of_a_complement_adds_only(
    built: dict[str, Path], tmp_path: Path
) -> None:
    call = load_call()
    monday = tmp_path / "lundi"
    monday.mkdir()
    shutil.copytree(built["association-incomplete"], monday / "Ateliers Montreuillois")
    tuesday = tmp_path / "mardi"
    complement = tuesday / "Complément Montreuillois"
    complement.mkdir(parents=True)
    statuts = generate.make_statuts_docx(
        tmp_path / "statuts.docx", generate.applicant_montreuillois()
    )
    generate.office_to_pdf(statuts, complement, use_libreoffice=False, name="Statuts.pdf")
    with Register(tmp_path / "registre.sqlite") as register:
        (first,) = triage(monday, call, register=register, jobs=1).rows
        (joined,) = triage(tuesday, call, register=register, jobs=1).rows
        assert first.reception is not None and joined.complement_of == first.reception.reference
        history = register.application(first.reception.reference)
    assert history is not None and [v.complement_of for v in history.versions] == [None, 1]
    lines = [line.replace("\u00a0", " ") for line in history_lines(history)]
    changed = lines[lines.index("  Changements depuis la version 1 :") + 1 :]
    assert changed[0] == "    fichiers ajoutés : Statuts.pdf", changed
    assert not any("retirés" in line for line in lines), lines
