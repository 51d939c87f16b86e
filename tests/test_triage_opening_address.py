"""The applicant's address for the instructor's letters when the letter's letterhead names
the structure only in its logo: the text opens with the street and the postcode's line
(second outside tester: « Adresse indiquée dans le dossier » was printed instead)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import TEXTS, write_pdf
from dossierkit.triage.worker import _letterhead_address, opening_address
from dossierkit.verify import verify

OPENING = ["500 rue de la Haute-Loge", "62840 Sailly-sur-la-Lys", "SIRET 24590075800013"]


@pytest.mark.parametrize(
    ("lines", "address"),
    [
        (OPENING, ("500 rue de la Haute-Loge", "62840 Sailly-sur-la-Lys")),
        (
            ["242 boulevard Schweitzer – BP 129", "62253 Hénin-Beaumont Cedex"],
            ("242 boulevard Schweitzer – BP 129", "62253 Hénin-Beaumont Cedex"),
        ),
        (
            ["Hôtel de ville", "Place du Général de Gaulle", "59280 Armentières"],
            ("Hôtel de ville", "Place du Général de Gaulle", "59280 Armentières"),
        ),
        # Not an address: a letter that opens with a date, or a phone line before a postcode.
        (["Lille, le 3 décembre 2026", "59000 Lille"], ()),
        (["12 rue des Jardins", "Tél. 03 21 00 00 00", "62130 Saint-Pol"], ()),
        (["12 rue des Jardins", "Saint-Pol", "France", "Europe", "62130 Saint-Pol"], ()),
    ],
)
def test_the_address_a_letter_opens_with(lines: list[str], address: tuple[str, ...]) -> None:
    assert opening_address(lines) == address


def test_a_letter_whose_name_is_a_logo_gives_its_opening_address(tmp_path: Path) -> None:
    letter = OPENING + TEXTS["courrier"][2:]
    write_pdf(tmp_path / "Courrier.pdf", letter)
    dossier = verify(tmp_path).dossier
    assert dossier.parsed.courrier is not None and dossier.parsed.courrier.sender is None
    assert _letterhead_address(dossier) == ("500 rue de la Haute-Loge", "62840 Sailly-sur-la-Lys")
