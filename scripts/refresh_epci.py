"""Regenerate the reference data of dossierkit/data/ from an upstream découpage administratif.

Usage: python scripts/refresh_epci.py PATH/TO/data

``PATH/TO/data`` is the ``data/`` folder of the npm package @etalab/decoupage-administratif
(``npm pack @etalab/decoupage-administratif`` then unpack it), which holds ``epci.json`` (every
French EPCI with its member communes, from the DGCL) and ``communes.json`` (every commune of
the INSEE's Code officiel géographique, with La Poste's postcodes). This keeps the EPCI with
at least one member in a département of Hauts-de-France, and their communes, and writes:

- ``epci-hauts-de-france.json`` and ``.csv``: the EPCI and their members;
- ``communes-hauts-de-france.csv``: one line per commune member of those EPCI, and per
  commune déléguée or associée of the region (names that addresses still use), with its
  postcodes and its EPCI, so that an address can be placed in an intercommunalité.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any

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
COMMUNE_COLUMNS = ["code", "nom", "codes_postaux", "epci", "commune"]


def _departement(commune_code: str) -> str:
    return commune_code[:3] if commune_code.startswith("97") else commune_code[:2]


def _write_epci(kept: list[dict[str, Any]]) -> None:
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


def _write_communes(kept: list[dict[str, Any]], communes: list[dict[str, Any]]) -> int:
    """One row per member commune (with its EPCI) and per commune déléguée or associée whose
    chef-lieu is a member (with the chef-lieu's code); sorted by code for stable diffs."""
    epci_of = {m["code"]: r["code"] for r in kept for m in r["membres"]}
    rows = []
    for c in communes:
        if c["type"] == "commune-actuelle" and c["code"] in epci_of:
            rows.append(
                [c["code"], c["nom"], "|".join(c.get("codesPostaux", [])), epci_of[c["code"]], ""]
            )
        elif c["type"] in ("commune-deleguee", "commune-associee") and c.get("chefLieu") in epci_of:
            # Its name still heads addresses; it has no postcode of its own in the source.
            chef = c["chefLieu"]
            if c["nom"] != next(x["nom"] for x in communes if x["code"] == chef):
                rows.append([c["code"], c["nom"], "", epci_of[chef], chef])
    rows.sort(key=lambda row: (row[0], row[4]))
    with (DATA / "communes-hauts-de-france.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(COMMUNE_COLUMNS)
        writer.writerows(rows)
    return len(rows)


def main(source: Path) -> None:
    """Filter ``source`` to Hauts-de-France and write the reference files."""
    rows = json.loads((source / "epci.json").read_text(encoding="utf-8"))
    kept = [
        r for r in rows if any(_departement(m["code"]) in HDF_DEPARTEMENTS for m in r["membres"])
    ]
    _write_epci(kept)
    communes = json.loads((source / "communes.json").read_text(encoding="utf-8"))
    count = _write_communes(kept, communes)
    print(f"{len(kept)} EPCI et {count} communes écrits dans {DATA}")


if __name__ == "__main__":
    if len(sys.argv) != 2 or not Path(sys.argv[1], "epci.json").is_file():
        sys.exit(__doc__)
    main(Path(sys.argv[1]))
