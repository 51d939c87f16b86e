"""Minutes that elect only co-président(e)s, beside statuts that name no representative
role: the co-présidente who signs is the legal representative (no délégation asked of her),
another co-présidente is the first elected; minutes with a président keep him."""

from __future__ import annotations

import pytest

from dossierkit.fact import Fact
from dossierkit.facts import derive_facts
from dossierkit.pieces import ParsedPieces, minutes
from dossierkit.reading.model import Document, Page

COPRESIDENTES = (
    "Procès-verbal de l'assemblée générale du 14 mars 2026",
    "Association Les Fils du Numérique",
    "Il est proposé de nommer les membres du nouveau bureau suivant :",
    "- Anne ROUSSEL, co-présidente",
    "- Lucie CARON, co-présidente",
)
PRESIDENT = (*COPRESIDENTES[:3], "- Paul LEROY, président")


def _derived(lines: tuple[str, ...], signatory: str) -> dict[str, object]:
    document = Document(type="pdf", pages=(Page(1, "\n".join(lines), 595, 842),))
    parsed = ParsedPieces(minutes=(minutes.parse(document, "PV AG.pdf"),))
    facts = [
        Fact("structure.name", "Les Fils du Numérique", "inferred", "Courrier.pdf", 1),
        Fact("signatory.name", signatory, "inferred", "Courrier.pdf", 1),
    ]
    return {f.name: f.value for f in derive_facts(facts, parsed)}


@pytest.mark.parametrize(
    ("lines", "signatory", "legal", "role", "is_legal"),
    [
        (COPRESIDENTES, "Lucie Caron", "Lucie CARON", "co-président(e)", True),
        (COPRESIDENTES, "Anne Roussel", "Anne ROUSSEL", "co-président(e)", True),
        (COPRESIDENTES, "Marc Petit", "Anne ROUSSEL", "co-président(e)", False),
        (PRESIDENT, "Paul Leroy", "Paul LEROY", "président(e)", True),
    ],
)
def test_the_signing_co_presidente_is_the_legal_representative(
    lines: tuple[str, ...], signatory: str, legal: str, role: str, is_legal: bool
) -> None:
    derived = _derived(lines, signatory)
    assert derived["legal_representative.name"] == legal
    assert derived["legal_representative.role"] == role
    assert derived["signatory.is_legal_representative"] is is_legal
