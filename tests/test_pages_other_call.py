"""A call without a dossier technique (``--call``) still has its bundles split page by page:
the technique's title vote is asked only where the technique scores, so no page asks the call
for a piece it does not list (a KeyError became « erreur interne »)."""

from __future__ import annotations

import dataclasses

from dossierkit.call import load_call
from dossierkit.classify.pages import page_runs
from dossierkit.reading.model import Document, Page

LETTER = "Monsieur le Président,\nnous sollicitons une subvention.\nVeuillez agréer, Monsieur le Président."
NOTHING = "Notes de réunion du 3 mars : café, salle, horaires."
RIB = "RELEVÉ D'IDENTITÉ BANCAIRE\nIBAN FR76 3000 4000 0100 0001 2345 678\nBIC BNPAFRPPXXX"


def test_a_call_without_a_technique_splits_a_bundle() -> None:
    call = load_call()
    other = dataclasses.replace(
        call, pieces=tuple(p for p in call.pieces if p.kind != "dossier_technique")
    )
    document = Document(
        type="pdf",
        pages=(
            Page(1, LETTER, 595, 842),
            Page(2, NOTHING, 595, 842),
            Page(3, RIB, 595, 842),
        ),
    )
    runs = page_runs(document, other)
    assert [r.kind for r in runs] == [r.kind for r in page_runs(document, call)]
