"""What the answers affirm and what they deny: the prior regional aid and the exceptional PEL
aid of 2017, read whatever the order of the clauses (T008 used to fire on a denial written
after "PEL")."""

from __future__ import annotations

import pytest

from dossierkit.call import load_call
from dossierkit.pieces.technique import parse
from dossierkit.reading.model import Document, Paragraph

CALL = load_call()
AID_7 = CALL.questions[[q.id for q in CALL.questions].index("AID-7")].text


@pytest.mark.parametrize(
    ("answer", "devices", "pel_2017"),
    [
        ("Le lieu a été soutenu au titre du PEL en 2014 et n'a pas reçu l'aide exceptionnelle "
         "de 2017.", "PEL", False),
        ("Aidé au titre du PEL, le lieu n'a pas reçu l'aide exceptionnelle de 2017.", "PEL", False),
        ("Il n'a pas été aidé par les CRNT mais a bénéficié du PEL en 2015.", "PEL", False),
        ("Ni le lieu ni l'association n'ont bénéficié d'une aide régionale au titre des "
         "dispositifs PEL, CRNT ou ECRINS.", "none", False),
        ("Oui : l'espace a reçu en 2017 l'aide PEL exceptionnelle pour son équipement.", "PEL",
         True),
        ("Le lieu n'a jamais été soutenu par les CRNT et a reçu l'aide exceptionnelle PEL de "
         "2017.", "PEL", True),
    ],
)  # fmt: skip
def test_prior_aid_and_the_2017_aid_read_with_their_denials(
    answer: str, devices: str, pel_2017: bool
) -> None:
    document = Document(type="docx", paragraphs=(Paragraph(AID_7, level=2), Paragraph(answer)))
    technique = parse(document, "Dossier technique.docx", CALL)
    assert technique.prior_aid is not None and technique.prior_aid.value == devices
    assert (technique.pel_2017 is not None) is pel_2017
