"""Who signs as the legal representative when the statuts give the representation to another
role than the président(e): the trésorier, co-présidents, or every member of the bureau
(COANIMA's published statuts: « chaque membre du bureau est investi des pouvoirs les plus
étendus pour agir … au nom de l'association »). The letter signed by one of them needs no
délégation; a vice-président signing where only the président represents still does."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import TEXTS, write_pdf
from dossierkit.fact import fact_value
from dossierkit.verify import verify

BUREAU = (
    "ARTICLE 12 - Bureau. Chaque membre du bureau est investi des pouvoirs les plus étendus "
    "pour agir en toutes circonstances au nom de l'association."
)
TRESORIER = (
    "ARTICLE 12 - Le trésorier représente l'association dans tous les actes de la vie civile."
)
PRESIDENT = (
    "ARTICLE 12 - Le président représente l'association dans tous les actes de la vie civile."
)


def _dossier(folder: Path, clause: str, signature: str) -> Path:
    letter = [*TEXTS["courrier"][:-1], signature]
    write_pdf(folder / "Courrier.pdf", letter)
    write_pdf(folder / "Statuts.pdf", [*TEXTS["statuts"], clause])
    return folder


@pytest.mark.parametrize(
    ("clause", "signature", "legal"),
    [
        (BUREAU, "Claire Martin, Trésorière", True),
        (BUREAU, "Paul Leroy, Vice-président", True),
        (TRESORIER, "Claire Martin, Trésorière", True),
        (PRESIDENT, "Claire Martin, Trésorière", False),
        (PRESIDENT, "Paul Leroy, Vice-président", False),
        (PRESIDENT, "Marie Dupont, Présidente", True),
    ],
)
def test_the_statuts_role_signs_as_legal_representative(
    tmp_path: Path, clause: str, signature: str, legal: bool
) -> None:
    result = verify(_dossier(tmp_path, clause, signature))
    assert fact_value(result.dossier.facts, "signatory.is_legal_representative") is legal
    delegation = next(p for p in result.dossier.pieces if p.spec.kind == "delegation")
    assert (delegation.status == "missing") is not legal
