"""A RIB whose holder label carries its English: « Titulaire du compte (Account Owner) ».

Crédit Mutuel and CIC print each label of the relevé d'identité bancaire with its English in
brackets, the holder's name on the next line. The English was taken for the holder
(« (Account Owner) »), so the right association's RIB got R006 « n'est pas la structure qui
demande l'aide » (outside tester 5, Haute Somme and Avesnois). The RIB is a reportlab PDF laid
out as the bank prints it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from generate import iban_fr, rib_key

from conftest import write_pdf
from dossierkit.pieces.rib import parse
from dossierkit.reading import read_document

BBAN = "10278" + "02231" + "00020498701" + rib_key("10278", "02231", "00020498701")
IBAN = iban_fr(BBAN)
HOLDER = "ASS HAUTE SOMME NUMERIQUE"


@pytest.mark.parametrize(
    "label",
    [
        "Titulaire du compte (Account Owner)",
        "Titulaire du compte (Account holder) :",
        "Titulaire / Account holder",
        "Titulaire du compte",
    ],
)
def test_the_holder_is_the_line_under_a_bilingual_label(tmp_path: Path, label: str) -> None:
    groups = " ".join(IBAN[i : i + 4] for i in range(0, len(IBAN), 4))
    pdf = tmp_path / "RIB Credit Mutuel.pdf"
    write_pdf(
        pdf,
        [
            "Crédit Mutuel",
            "RIB – Relevé d'Identité Bancaire",
            "Domiciliation : CCM PERONNE",
            label,
            HOLDER,
            "14 PLACE DU MARCHE",
            "80200 PERONNE",
            "IBAN (International Bank Account Number)",
            groups,
            "BIC (Bank Identifier Code)",
            "CMCIFR2A",
        ],
    )
    rib = parse(read_document(pdf, "pdf"), pdf.name)
    assert rib.holder is not None and rib.holder.value == HOLDER
    assert rib.iban is not None and rib.iban.value == IBAN
