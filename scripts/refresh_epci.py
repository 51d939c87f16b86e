"""Regenerate dossierkit/data/epci-hauts-de-france.{json,csv} from an upstream epci.json.

Usage: python scripts/refresh_epci.py PATH/TO/epci.json

The upstream file (betagouv/decoupage-administratif, npm package
@etalab/decoupage-administratif) lists every French EPCI with its member communes; this keeps
those with at least one member in a département of Hauts-de-France.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

HDF_DEPARTEMENTS = ("02", "59", "60", "62", "80")
DATA = Path(__file__).resolve().parent.parent / "dossierkit" / "data"
COLUMNS = [
    "siren",
    "nom",
    "type",
    "modeFinancement",
    "populationTotale",
    "populationMunicipale",
    "nb_membres",
    "nb_membres_hdf",
    "departements",
]


def _departement(commune_code: str) -> str:
    return commune_code[:3] if commune_code.startswith("97") else commune_code[:2]


def main(source: Path) -> None:
    """Filter ``source`` to Hauts-de-France and write both reference files."""
    rows = json.loads(source.read_text(encoding="utf-8"))
    kept = [
        r for r in rows if any(_departement(m["code"]) in HDF_DEPARTEMENTS for m in r["membres"])
    ]
    (DATA / "epci-hauts-de-france.json").write_text(
        json.dumps(kept, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    with (DATA / "epci-hauts-de-france.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS)
        for r in kept:
            deps = sorted({_departement(m["code"]) for m in r["membres"]})
            hdf = sum(1 for m in r["membres"] if _departement(m["code"]) in HDF_DEPARTEMENTS)
            writer.writerow(
                [
                    r["code"],
                    r["nom"],
                    r["type"],
                    r.get("modeFinancement", ""),
                    r.get("populationTotale", ""),
                    r.get("populationMunicipale", ""),
                    len(r["membres"]),
                    hdf,
                    "|".join(deps),
                ]
            )
    print(f"{len(kept)} EPCI écrits dans {DATA}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]))
