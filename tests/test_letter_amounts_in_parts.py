"""A letter that asks one year's aid in parts is compared with the budget by their sum.

Tester 5's Ponthieu letter asks, each year, the place's aid and the network's: « 45 000 € pour
le lieu et 22 500 € pour le réseau » against one budget line of 67 500 €. Each part was
compared with the sum (six B008 errors for a budget that agrees with the letter). A year whose
parts do not add up to the budget still gives one B008, naming both parts.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_budget_checks import _budget_findings, budget_csv, letter_and_attestation

from conftest import TEXTS

PARTS = [
    "Pour le lieu, l'aide sollicitée s'élève à 30 000 € en 2027, 20 000 € en 2028 et",
    "10 000 € en 2029, ainsi que 20 000 € pour l'équipement. Pour l'animation du réseau,",
    "elle s'élève à 15 000 € en 2027, 10 000 € en 2028 et {last} € en 2029.",
]


def _letter(folder: Path, last: str) -> Path:
    letter_and_attestation(folder, "110 000")
    lines = list(TEXTS["courrier"])
    at = next(i for i, line in enumerate(lines) if "110 000" in line)
    lines[at : at + 1] = [lines[at].replace(", pour un montant de 110 000 euros.", ".")] + [
        p.format(last=last) for p in PARTS
    ]
    from conftest import write_letter_pdf

    write_letter_pdf(folder / "Courrier.pdf", lines)
    budget_csv(folder / "Budget prévisionnel.csv")
    return folder


@pytest.mark.parametrize(("last", "b008"), [("5 000", 0), ("7 500", 2)])
def test_parts_of_a_years_aid_are_compared_by_their_sum(
    tmp_path: Path, last: str, b008: int
) -> None:
    found, _ = _budget_findings(_letter(tmp_path / "d", last))
    messages = [message for code, message in found if code == "B008"]
    assert len(messages) == b008
    if b008:  # the year's parts, and the letter's total (112 500 € for 110 000 €)
        year = next(m for m in messages if "2029" in m)
        assert "demande 10 000 € + 7 500 €" in year and "inscrit 15 000 €" in year
        assert any(m.startswith("Aide totale") for m in messages)
