"""Ordinary ways minutes state an election: a list after « L'assemblée élit : » with « en tant
que » after a comma, several people sharing one role (« Sont élues co-présidentes : A et B »),
roles in brackets, « Mme … est réélue », a table of the bureau exported as lines (role first,
then the name, a tab, spaces, « : » or « | » between); and a name never runs over a line break
into the association's name above it. Near misses name no one elected."""

from __future__ import annotations

import pytest

from dossierkit.pieces import minutes
from dossierkit.reading.model import Document, Page

HEAD = (
    "Procès-verbal de l'assemblée générale du 14 mars 2026",
    "Association Les Fils du Numérique",
)
CO = "co-président(e)"


def _elections(*body: str) -> list[tuple[str, str]]:
    document = Document(type="pdf", pages=(Page(1, "\n".join(HEAD + body), 595, 842),))
    return [(e.role, e.person) for e in minutes.parse(document, "PV.pdf").elections]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            (
                "L'assemblée élit à l'unanimité :",
                "- Anne ROUSSEL, en tant que co-présidente ;",
                "- Lucie CARON, en tant que co-présidente.",
            ),
            [(CO, "Anne ROUSSEL"), (CO, "Lucie CARON")],
        ),
        (
            ("Sont élues co-présidentes : Anne Roussel et Lucie Caron.",),
            [(CO, "Anne Roussel"), (CO, "Lucie Caron")],
        ),
        (
            (
                "Ont été élus co-présidents à l'unanimité : Paul Leroy, Anne Roussel et",
                "Lucie Caron.",
            ),
            [(CO, "Paul Leroy"), (CO, "Anne Roussel"), (CO, "Lucie Caron")],
        ),
        (("Est élue présidente : Claire Martin",), [("président(e)", "Claire Martin")]),
        (
            ("Sont élus : Paul Leroy (président), Anne Roussel (trésorière)",),
            [("président(e)", "Paul Leroy"), ("trésorier(e)", "Anne Roussel")],
        ),
        (
            ("Mme Claire Martin est réélue présidente à l'unanimité.",),
            [("président(e)", "Claire Martin")],
        ),
        (
            ("Anne Roussel est élue co-présidente.", "Lucie Caron est élue co-présidente."),
            [(CO, "Anne Roussel"), (CO, "Lucie Caron")],
        ),
        # A name wrapped in its middle stays whole.
        (
            ("Après le vote, Mme Claire", "Martin est élue présidente."),
            [("président(e)", "Claire Martin")],
        ),
        (
            (
                "Composition du bureau",
                "Présidente\tClaire Martin",
                "Trésorier     Paul Leroy",
                "Secrétaire : Anne Roussel",
            ),
            [
                ("président(e)", "Claire Martin"),
                ("trésorier(e)", "Paul Leroy"),
                ("secrétaire", "Anne Roussel"),
            ],
        ),
        (
            ("Fonction | Nom", "Présidente | Claire Martin", "Trésorier | Paul Leroy"),
            [("président(e)", "Claire Martin"), ("trésorier(e)", "Paul Leroy")],
        ),
    ],
)
def test_an_election_as_minutes_state_it(
    body: tuple[str, ...], expected: list[tuple[str, str]]
) -> None:
    assert _elections(*body) == expected


@pytest.mark.parametrize(
    "body",
    [
        ("Le président de séance, Paul Leroy, ouvre la séance à 18 heures.",),
        ("Président de séance : Paul Leroy",),
        ("La présidente sortante remercie les membres de leur présence.",),
        ("Anne Roussel, candidate à la présidence, présente son projet.",),
        ("Anne Roussel est candidate à la présidence.",),
        ("Est élue présidente de l'association l'an prochain celle qui le voudra.",),
    ],
)
def test_no_one_is_elected(body: tuple[str, ...]) -> None:
    assert _elections(*body) == []
