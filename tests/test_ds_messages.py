"""What the instructor reads of a Démarches Simplifiées dossier: its dates in the platform's
time (Paris), and the structure named as its pieces print it, not as INSEE stores it.

DS shows « Déposé le 28/11/2026 21:07 » (Paris): the tracking file says 21:07 too, never the
20:07 of UTC. DS copies the structure's legal name from INSEE's SIRENE register (« Entreprise
raison sociale », the form's « Dénomination »), all in capitals: « LA RUCHE NUMERIQUE
AUDOMAROISE » is not declared as the name the register and the letters use, the SIREN is.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from dossierkit.triage import platforms
from dossierkit.triage.model import COMPLETE
from dossierkit.triage.platforms import Answer, answers_csv, manifest_data, stage
from dossierkit.triage.platforms.export import Application, Declared, PlatformFile
from dossierkit.triage.territory import structure_name

SIRET = "82934150200013"
DEPOSITED = datetime(2026, 11, 28, 20, 7, 44, tzinfo=UTC)  # 21:07 in Paris


def _application(folder: Path, **declared: Any) -> Application:
    return Application(
        platform="demarches-simplifiees",
        platform_name="Démarches Simplifiées",
        reference="1855871",
        folder=folder,
        received_at=DEPOSITED,
        state=None,
        form=None,
        declared=Declared(**declared),
        pieces=(),
        complements=(),
    )


@pytest.mark.parametrize(
    ("given", "declared"),
    [
        ("LA RUCHE NUMERIQUE AUDOMAROISE", None),  # INSEE's raison sociale
        ("VALENCIENNES METROPOLE", None),
        ("La Ruche numérique audomaroise", "La Ruche numérique audomaroise"),  # typed
        ("CC de la Picardie Verte", "CC de la Picardie Verte"),
    ],
)
def test_the_insee_name_is_not_declared_as_the_structures_name(
    given: str, declared: str | None
) -> None:
    data = manifest_data(_application(Path("dossier-1855871"), structure=given, siret=SIRET), {})
    assert data["structure"].get("nom") == declared
    assert data["structure"]["siren"] == SIRET[:9]  # what identifies it, whatever its name


def test_the_staged_dossier_says_the_deposit_in_paris_time_and_the_insee_name(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "dossier-1855871"
    (folder / "pieces_justificatives").mkdir(parents=True)
    rib = folder / "pieces_justificatives" / "RIB-28-11-2026-21-07-1591.pdf"
    rib.write_bytes(b"%PDF-1.4\n")
    piece = PlatformFile(rib, f"pieces_justificatives/{rib.name}", "RIB.pdf", None, "rib")
    application = dataclasses.replace(
        _application(folder, structure="LA RUCHE NUMERIQUE AUDOMAROISE", siret=SIRET),
        pieces=(piece,),
    )
    (tmp_path / "staged").mkdir()
    (staged,) = stage(application, tmp_path / "staged")
    text = (staged.folder / "dossier.yaml").read_text(encoding="utf-8")
    assert "dossier n° 1855871, déposé le 2026-11-28 21:07 (heure de Paris)." in text
    assert (
        "# Raison sociale au répertoire SIRENE : LA RUCHE NUMERIQUE AUDOMAROISE (le nom retenu "
        "est celui des pièces)." in text
    )
    data = yaml.safe_load(text)
    assert "nom" not in data["structure"] and data["pieces"] == {"rib": "RIB.pdf"}


def test_the_tracking_file_gives_the_deposit_in_paris_time() -> None:
    mapping = platforms.bundled()["demarches-simplifiees"]
    found = [Answer("1855871", "TLN-0012", DEPOSITED, COMPLETE, (), None)]
    text = answers_csv(found, mapping).decode("utf-8-sig")
    header, row = text.splitlines()[:2]
    assert "Déposé le (heure de Paris)" in header and "UTC" not in header
    assert row.startswith("1855871;TLN-0012;2026-11-28 21:07;complet;")
    # In summer, Paris is two hours ahead.
    summer = [Answer("1", None, datetime(2026, 6, 2, 8, 0, tzinfo=UTC), COMPLETE, (), None)]
    assert ";2026-06-02 10:00;" in answers_csv(summer, mapping).decode("utf-8-sig")


@pytest.mark.parametrize(
    ("name", "kind", "shown"),
    [
        ("CA du Pays de Saint-Omer", None, "Communauté d'agglomération du Pays de Saint-Omer"),
        ("VALENCIENNES METROPOLE", None, "Communauté d'agglomération Valenciennes Métropole"),
        ("La Ruche numérique audomaroise", None, "La Ruche numérique audomaroise"),
        ("Saint-Omer", None, "Saint-Omer"),
        ("CA du Pays de Saint-Omer", "association", "CA du Pays de Saint-Omer"),
    ],
)
def test_an_intercommunalite_of_unknown_kind_is_named_in_full(
    name: str, kind: str | None, shown: str
) -> None:
    """The register's and the letters' name of a structure known by its SIREN only (INSEE's
    « CA du Pays de Saint-Omer »): never the abbreviation of INSEE's reference."""
    assert structure_name(name, kind) == shown
