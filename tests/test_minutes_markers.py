"""Minutes written as an association's news post, without « procès-verbal » nor « ordre du
jour » (KerNEL's « AG 2020 »: « un nouveau bureau a été élu »), are minutes; statuts that say
when the assembly meets, fix its quorum and have it elect the bureau stay statuts."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_minutes import _parse

from conftest import write_pdf

POST = [
    "Assemblée générale 2020",
    "L'assemblée générale du Fablab s'est tenue le 12 décembre 2020 en visioconférence.",
    "Le quorum étant atteint, les rapports moral et financier ont été approuvés.",
    "Un nouveau bureau a été élu : président Jean Martin, trésorière Anne Leroy,",
    "secrétaire Paul Morel.",
]
STATUTS = [
    "Statuts de l'association Fablab du Trégor",
    "Article 10 - Assemblée générale",
    "L'assemblée générale se réunit chaque année au mois de décembre.",
    "Le quorum est fixé au quart des membres. Elle élit le bureau pour deux ans.",
    "Le bureau sortant rend compte de sa gestion.",
]


@pytest.mark.parametrize(("lines", "kind"), [(POST, "proces_verbal"), (STATUTS, "statuts")])
def test_a_news_post_of_the_assembly_is_minutes(
    lines: list[str], kind: str, tmp_path: Path
) -> None:
    found, _ = _parse(write_pdf(tmp_path / "AG 2020.pdf", lines), "AG 2020.pdf")
    assert found == kind
