"""The basis of a budget table in a PDF dossier technique is read from the sentence above
it even when that sentence wraps: « Montants exprimés TTC (… ne récupère » / « pas la
TVA …) » kept whole, where only the line above the years was kept (a false B001, outside
tester 4's Amiens Métropole: letter, technique and budget in one Word export)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_budget_in_technique import _budget, _budget_findings, _dossier, _technique_pdf

from dossierkit.verify import verify

WRAPPED = (
    "Montants exprimés TTC (l'association ne récupère pas la TVA sur cette opération, ni sur "
    "son fonctionnement ni sur ses équipements, comme le dit son attestation jointe au dossier)."
)
# The same page, its basis said nowhere: B001 must still fire.
NONE = "Le tableau ci-dessous présente les dépenses et les recettes prévues sur trois ans."


@pytest.mark.parametrize(("basis", "findings"), [(WRAPPED, []), (NONE, ["B001"])])
def test_a_wrapped_basis_sentence_above_the_table_states_it(
    tmp_path: Path, basis: str, findings: list[str]
) -> None:
    folder = _dossier(tmp_path, basis=None, heading=False)
    pdf = _technique_pdf(folder, basis)
    result = verify(folder)
    assert _budget(result).used.rel == pdf.name
    assert [code for code, *_ in _budget_findings(result)] == findings
    budget = result.dossier.parsed.budget
    assert budget is not None and len(budget.lines) > 10
