"""The intercommunalités (EPCI) of Hauts-de-France, and finding them in a text.

Reference data: ``data/epci-hauts-de-france.json`` and ``data/communes-hauts-de-france.csv``
(see ``data/SOURCE.md``). INSEE writes "CC du Ternois" where documents write "Communauté de
communes du Ternois": both are matched, with or without the article. The communes, with their
postcodes, place an address in its intercommunalité.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from functools import cache

from dossierkit.resources import data_path
from dossierkit.text import fold

_PREFIXES = {
    "CC": ("communaute de communes", "cc"),
    "CA": ("communaute d agglomeration", "ca", "agglomeration"),
    "CU": ("communaute urbaine", "cu"),
    "METRO": (),
}
_ARTICLE = re.compile(r"^(du|de la|de l|des|d|de)\s+")


@dataclass(frozen=True)
class Epci:
    """One EPCI à fiscalité propre."""

    siren: str
    name: str
    type: str
    communes: tuple[str, ...]
    # INSEE codes of the member communes.
    commune_codes: frozenset[str] = frozenset()

    @property
    def full_name(self) -> str:
        """The name as documents write it: "Communauté de communes du Ternois"."""
        for prefix, full in (
            ("CC ", "Communauté de communes "),
            ("CA ", "Communauté d'agglomération "),
            ("CU ", "Communauté urbaine "),
        ):
            if self.name.startswith(prefix):
                return full + self.name[len(prefix) :]
        return self.name

    @property
    def variants(self) -> tuple[str, ...]:
        """Folded spellings of the name that documents use."""
        # INSEE adds acronyms and lists of towns in parentheses: "CC Coeur d'Ostrevent (CCCO)".
        folded = fold(re.sub(r"\s*\(.*?\)", "", self.name))
        prefixes = _PREFIXES.get(self.type, ())
        abbrev = self.type.lower()
        if not prefixes or not folded.startswith(abbrev + " "):
            return (folded,)
        core = folded[len(abbrev) + 1 :]
        bare = _ARTICLE.sub("", core)
        spellings = {folded}
        for prefix in prefixes:
            spellings.add(f"{prefix} {core}")
            if len(bare) >= 5:
                spellings.add(f"{prefix} {bare}")
        return tuple(sorted(spellings, key=len, reverse=True))


@cache
def all_epci() -> tuple[Epci, ...]:
    """Every EPCI of the reference file, in its order."""
    with data_path("epci-hauts-de-france.json").open(encoding="utf-8") as fh:
        rows = json.load(fh)
    return tuple(
        Epci(
            siren=row["code"],
            name=row["nom"],
            type=row["type"],
            communes=tuple(m["nom"] for m in row.get("membres", [])),
            commune_codes=frozenset(m["code"] for m in row.get("membres", [])),
        )
        for row in rows
    )


def lookup(name_or_siren: str) -> Epci | None:
    """The EPCI named (in any spelling) or numbered by ``name_or_siren``."""
    digits = re.sub(r"\s", "", name_or_siren)
    folded = fold(name_or_siren)
    for epci in all_epci():
        if digits == epci.siren or folded in epci.variants:
            return epci
    return None


@cache
def _matcher() -> tuple[re.Pattern[str], dict[str, Epci]]:
    """One alternation of every spelling, longest first, so that each mention counts once."""
    by_variant = {v: epci for epci in all_epci() for v in epci.variants}
    alternatives = "|".join(re.escape(v) for v in sorted(by_variant, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\b"), by_variant


def find_in_text(folded_text: str) -> list[tuple[Epci, int]]:
    """EPCI mentioned in an already folded text, with how many times, most cited first."""
    pattern, by_variant = _matcher()
    counts: dict[Epci, int] = {}
    for match in pattern.finditer(folded_text):
        epci = by_variant[match.group(0)]
        counts[epci] = counts.get(epci, 0) + 1
    return sorted(counts.items(), key=lambda item: -item[1])


@dataclass(frozen=True)
class Commune:
    """A commune member of an EPCI of the region, or a commune déléguée or associée whose name
    addresses still use (then ``code`` is the commune it belongs to now)."""

    code: str
    name: str
    postcodes: tuple[str, ...]
    epci_siren: str

    @property
    def departement(self) -> str:
        """The département's code ("62"), read from the INSEE code."""
        return self.code[:2]


@cache
def all_communes() -> tuple[Commune, ...]:
    """Every commune of the reference file: members of the region's EPCI, then the former
    communes (déléguées, associées) under the code of the commune they belong to."""
    with data_path("communes-hauts-de-france.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    postcodes = {
        r["code"]: tuple(filter(None, r["codes_postaux"].split("|")))
        for r in rows
        if not r["commune"]
    }
    return tuple(
        Commune(
            code=r["commune"] or r["code"],
            name=r["nom"],
            # A former commune keeps the postcodes of the commune it joined.
            postcodes=postcodes.get(r["commune"] or r["code"], ()),
            epci_siren=r["epci"],
        )
        for r in rows
    )
