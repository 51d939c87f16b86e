"""Every kind of structure a filing platform's form offers is one dossier.yaml can declare
(letterhead.KINDS), or « autre » (a structure the form does not name: the letterhead tells)."""

from __future__ import annotations

from pathlib import Path

import yaml

from dossierkit.pieces.letterhead import KINDS

MAPPINGS = (
    Path(__file__).resolve().parent.parent / "dossierkit" / "triage" / "platforms" / "mappings"
)


def test_the_form_s_kinds_of_structure_are_known() -> None:
    for mapping in sorted(MAPPINGS.glob("*.yaml")):
        kinds = yaml.safe_load(mapping.read_text(encoding="utf-8"))["valeurs"]["type_structure"]
        assert set(kinds.values()) - {"autre"} <= set(KINDS), mapping.name
        assert {"syndicat_mixte", "spl", "sem"} <= set(kinds.values()), mapping.name
