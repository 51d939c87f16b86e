"""Several people elected in one sentence: the names first, then the role they share (« Le
conseil élit Anne Roussel et Lucie Caron co-présidentes », « A et B sont élus
co-présidents ») or each one's in the same order (« respectivement président, trésorière et
secrétaire »), and a list after « Sont élus : » whose items a comma or a semicolon
separates. Near misses: people elected to no office, the chairs of the meeting, as many
roles as people only when they pair up."""

from __future__ import annotations

import pytest

from dossierkit.fact import Fact
from dossierkit.facts import derive_facts
from dossierkit.pieces import ParsedPieces, minutes
from dossierkit.reading.model import Document, Page

HEAD = (
    "Procès-verbal de la réunion du conseil d'administration du 14 mars 2026",
    "Association Les Fils du Numérique",
)
CO = "co-président(e)"
BUREAU = [
    ("président(e)", "Paul Leroy"),
    ("trésorier(e)", "Anne Roussel"),
    ("secrétaire", "Lucie Caron"),
]


def _document(*body: str) -> Document:
    return Document(type="pdf", pages=(Page(1, "\n".join(HEAD + body), 595, 842),))


def _elections(*body: str) -> list[tuple[str, str]]:
    return [(e.role, e.person) for e in minutes.parse(_document(*body), "PV CA.pdf").elections]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            ("Le conseil élit Anne Roussel et Lucie Caron co-présidentes.",),
            [(CO, "Anne Roussel"), (CO, "Lucie Caron")],
        ),
        (
            ("L'assemblée élit à l'unanimité Mme Anne Roussel et M. Paul Leroy co-présidents.",),
            [(CO, "Anne Roussel"), (CO, "Paul Leroy")],
        ),
        (
            ("Anne ROUSSEL et Paul LEROY sont élus co-présidents à l'unanimité.",),
            [(CO, "Anne ROUSSEL"), (CO, "Paul LEROY")],
        ),
        (
            (
                "Le conseil élit à l'unanimité des membres présents Anne Roussel et Lucie Caron",
                "co-présidentes.",
            ),
            [(CO, "Anne Roussel"), (CO, "Lucie Caron")],
        ),
        (
            ("Le conseil élit, à l'unanimité, Anne Roussel et Lucie Caron comme co-présidentes.",),
            [(CO, "Anne Roussel"), (CO, "Lucie Caron")],
        ),
        (
            ("Mmes Anne Roussel et Lucie Caron, élues co-présidentes, remercient l'assemblée.",),
            [(CO, "Anne Roussel"), (CO, "Lucie Caron")],
        ),
        (
            ("Sont élues à l'unanimité co-présidentes : Anne Roussel et Lucie Caron.",),
            [(CO, "Anne Roussel"), (CO, "Lucie Caron")],
        ),
        (
            (
                "Le conseil a élu Anne Roussel, Lucie Caron et Paul Leroy en qualité de",
                "co-présidents.",
            ),
            [(CO, "Anne Roussel"), (CO, "Lucie Caron"), (CO, "Paul Leroy")],
        ),
        # The association's name on the line above is not the first co-présidente's.
        (
            ("Anne Roussel et Lucie Caron sont élues co-présidentes.",),
            [(CO, "Anne Roussel"), (CO, "Lucie Caron")],
        ),
        (
            ("Mme Anne Roussel et Mme Lucie Caron ont été élues co-présidentes.",),
            [(CO, "Anne Roussel"), (CO, "Lucie Caron")],
        ),
        (
            (
                "Le conseil élit Paul Leroy, Anne Roussel et Lucie Caron respectivement président,",
                "trésorière et secrétaire.",
            ),
            BUREAU,
        ),
        (
            (
                "Paul Leroy, Anne Roussel et Lucie Caron sont respectivement élus président,",
                "trésorière et secrétaire.",
            ),
            BUREAU,
        ),
        (("Le conseil élit Paul Leroy et Anne Roussel, président et trésorière.",), BUREAU[:2]),
        (
            ("Sont élus respectivement président et trésorière : Paul Leroy et Anne Roussel.",),
            BUREAU[:2],
        ),
        (
            ("Ont été élues aux postes de co-présidentes : Anne Roussel et Lucie Caron.",),
            [(CO, "Anne Roussel"), (CO, "Lucie Caron")],
        ),
        (
            (
                "Sont élus : Paul Leroy, président ; Anne Roussel, trésorière ; Lucie Caron, secrétaire.",
            ),
            BUREAU,
        ),
        (
            (
                "Sont élus : Paul Leroy, président, Anne Roussel, trésorière et Lucie Caron, secrétaire.",
            ),
            BUREAU,
        ),
    ],
)
def test_several_people_elected_in_one_sentence(
    body: tuple[str, ...], expected: list[tuple[str, str]]
) -> None:
    assert _elections(*body) == expected


@pytest.mark.parametrize(
    "body",
    [
        ("Paul Leroy et Anne Roussel sont élus au conseil d'administration.",),
        ("Paul Leroy et Anne Roussel sont élus administrateurs.",),
        ("Sont élus au conseil d'administration : Paul Leroy et Anne Roussel.",),
        ("L'assemblée désigne Paul Leroy et Anne Roussel présidents de séance.",),
        # Three people, two roles: which one is whose cannot be told.
        ("Le conseil élit Paul Leroy, Anne Roussel et Lucie Caron président et trésorière.",),
    ],
)
def test_no_office_given(body: tuple[str, ...]) -> None:
    assert _elections(*body) == []


@pytest.mark.parametrize(
    ("signatory", "legal", "is_legal"),
    [("Lucie Caron", "Lucie Caron", True), ("Marc Petit", "Anne Roussel", False)],
)
def test_co_presidentes_elected_together_represent_the_association(
    signatory: str, legal: str, is_legal: bool
) -> None:
    document = _document(
        "Le conseil élit à l'unanimité Anne Roussel et Lucie Caron co-présidentes."
    )
    parsed = ParsedPieces(minutes=(minutes.parse(document, "PV CA.pdf"),))
    facts = [
        Fact("structure.name", "Les Fils du Numérique", "inferred", "Courrier.pdf", 1),
        Fact("signatory.name", signatory, "inferred", "Courrier.pdf", 1),
    ]
    derived = {f.name: f.value for f in derive_facts(facts, parsed)}
    assert derived["legal_representative.name"] == legal
    assert derived["legal_representative.role"] == CO
    assert derived["legal_representative.since"] == "2026-03-14"
    assert derived["signatory.is_legal_representative"] is is_legal
