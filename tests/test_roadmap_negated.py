"""The roadmap's answer read with its negations: « n'est engagée ni prévue » is no plan.

The intercommunalité that has no roadmap often says so twice, the second time denying both
the work and the plan of it (« aucune démarche d'élaboration n'est engagée ni prévue à ce
jour »). The « prévue » there is denied: the roadmap is absent (T011, an error: « devra a
minima être engagée »), not planned (a warning). A roadmap said to be planned stays planned.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from realistic import technique as realistic

from dossierkit.verify import parse_file

ABSENT = "Le territoire ne dispose pas de feuille de route numérique."
VARIANTS = {
    "neither-engaged-nor-planned": (
        (
            ABSENT,
            "Ni l'un ni l'autre : aucune démarche d'élaboration d'une feuille de route n'est "
            "engagée ni prévue à ce jour.",
        ),
        "absente",
    ),
    "not-planned": ((ABSENT, "Son élaboration n'est pas prévue."), "absente"),
    "planned": ((ABSENT, "Son élaboration est prévue en 2027."), "envisagee"),
    "to-be-voted": (
        ("La feuille de route numérique sera votée en conseil communautaire en juin 2027.",),
        "en_elaboration",
    ),
}


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_the_roadmap_state_follows_what_is_denied(name: str, tmp_path: Path) -> None:
    paragraphs, state = VARIANTS[name]
    path = realistic.write_docx(
        tmp_path / "Dossier technique.docx", realistic.answers(replace={"TER-2": paragraphs})
    )
    technique = parse_file(path, "dossier_technique")
    assert technique is not None
    assert {f.name: f.value for f in technique.facts}.get("project.roadmap") == state
