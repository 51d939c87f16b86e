"""A role qualified in the minutes is not the office: the présidente sortante is the one the
assembly replaces, a président d'honneur or the président de séance represents nobody, a
vice-présidente or a présidente adjointe is not the présidente. In a table of the bureau, a
list, or a sentence, none of them is read as the président(e), so none becomes the legal
representative; a présidente sortante who is « réélue » is the présidente."""

from __future__ import annotations

import pytest

from dossierkit.fact import Fact
from dossierkit.facts import derive_facts
from dossierkit.pieces import ParsedPieces, minutes
from dossierkit.reading.model import Document, Page

HEAD = (
    "Procès-verbal de l'assemblée générale ordinaire du 14 mars 2026",
    "Association Les Fils du Numérique",
)
PRESIDENTE = "président(e)"


def _parsed(*body: str) -> minutes.MinutesFacts:
    document = Document(type="pdf", pages=(Page(1, "\n".join(HEAD + body), 595, 842),))
    return minutes.parse(document, "PV AG.pdf")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # A table of the bureau exported as lines, its columns several spaces apart.
        (
            (
                "Composition du bureau",
                "Présidente sortante   Claire Martin",
                "Présidente   Anne Roussel",
            ),
            [(PRESIDENTE, "Anne Roussel")],
        ),
        (
            ("Présidente sortante : Claire Martin", "Présidente : Anne Roussel"),
            [(PRESIDENTE, "Anne Roussel")],
        ),
        (
            ("Président d'honneur\tJean Dupont", "Présidente\tAnne Roussel"),
            [(PRESIDENTE, "Anne Roussel")],
        ),
        (
            (
                "Vice-présidente   Claire Martin",
                "Présidente adjointe   Lucie Caron",
                "Présidente   Anne Roussel",
            ),
            [
                ("vice-président(e)", "Claire Martin"),
                ("président(e) adjoint(e)", "Lucie Caron"),
                (PRESIDENTE, "Anne Roussel"),
            ],
        ),
        # A liste des dirigeants, the person first.
        (
            ("MARTIN Claire Présidente sortante", "ROUSSEL Anne Présidente"),
            [(PRESIDENTE, "ROUSSEL Anne")],
        ),
        (
            ("Claire Martin — présidente sortante", "Anne Roussel — présidente"),
            [(PRESIDENTE, "Anne Roussel")],
        ),
        # The members present with their role, then the election.
        (
            (
                "Présents : Claire Martin (présidente sortante), Paul Leroy (trésorier)",
                "Anne Roussel est élue présidente à l'unanimité.",
            ),
            [(PRESIDENTE, "Anne Roussel"), ("trésorier(e)", "Paul Leroy")],
        ),
        (
            (
                "Claire Martin, présidente sortante, remercie les membres.",
                "Jean Dupont est nommé président d'honneur.",
                "Le conseil nomme Paul Leroy président d'honneur.",
                "Est élue présidente : Anne Roussel",
            ),
            [(PRESIDENTE, "Anne Roussel")],
        ),
        # Réélue: the présidente sortante stays the présidente.
        (
            ("Mme Claire Martin, présidente sortante, est réélue présidente à l'unanimité.",),
            [(PRESIDENTE, "Claire Martin")],
        ),
        (("Claire Martin, présidente sortante, est réélue.",), [(PRESIDENTE, "Claire Martin")]),
        (
            ("La présidente sortante, Claire Martin, est reconduite à l'unanimité.",),
            [(PRESIDENTE, "Claire Martin")],
        ),
        (("Claire Martin est réélue présidente.",), [(PRESIDENTE, "Claire Martin")]),
        # Réélue to the conseil, not to an office.
        (("Claire Martin, présidente sortante, est réélue au conseil d'administration.",), []),
        (("Jean Dupont, président d'honneur, ouvre la séance.",), []),
    ],
)
def test_only_the_office_is_read(body: tuple[str, ...], expected: list[tuple[str, str]]) -> None:
    assert [(e.role, e.person) for e in _parsed(*body).elections] == expected


@pytest.mark.parametrize(
    ("body", "signatory", "legal", "is_legal"),
    [
        # Honour and co-présidence: the co-présidente who signs represents the association.
        (
            (
                "Président d'honneur : Jean Dupont",
                "Sont élues co-présidentes : Anne Roussel et Lucie Caron.",
            ),
            "Lucie Caron",
            "Lucie Caron",
            True,
        ),
        (
            (
                "Composition du bureau",
                "Présidente sortante   Claire Martin",
                "Présidente   Anne Roussel",
            ),
            "Claire Martin",
            "Anne Roussel",
            False,
        ),
        # The assembly elects the conseil, the conseil will elect the bureau: these minutes
        # name no présidente (the outgoing one is not the evidence of anyone's authority).
        (
            (
                "Claire Martin, présidente sortante, remercie les membres de leur confiance.",
                "Le nouveau conseil se réunira le 21 mars 2026 pour élire son bureau.",
            ),
            "Anne Roussel",
            None,
            None,
        ),
    ],
)
def test_the_legal_representative_is_who_holds_the_office(
    body: tuple[str, ...], signatory: str, legal: str | None, is_legal: bool | None
) -> None:
    facts = [
        Fact("structure.name", "Les Fils du Numérique", "inferred", "Courrier.pdf", 1),
        Fact("signatory.name", signatory, "inferred", "Courrier.pdf", 1),
    ]
    derived = {
        f.name: f.value for f in derive_facts(facts, ParsedPieces(minutes=(_parsed(*body),)))
    }
    assert derived.get("legal_representative.name") == legal
    assert derived.get("signatory.is_legal_representative") is is_legal
