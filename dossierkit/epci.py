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
    "CC": ("communaute de communes", "cc", "cdc"),
    "CA": ("communaute d agglomeration", "ca", "agglomeration", "agglo"),
    "CU": ("communaute urbaine", "cu"),
    "METRO": (),
}
_ARTICLE = re.compile(r"^(du|de la|de l|des|d|de)\s+")
# The article documents put, or leave out, between the kind of EPCI and its name: INSEE
# writes "CC Coeur de l'Avesnois", the EPCI itself "Communauté de communes du Cœur de
# l'Avesnois"; INSEE "CA du Boulonnais", a letter "l'agglomération Boulonnais".
_ANY_ARTICLE = r"(?:(?:du|de la|de l|des|d|de)\s)?"
# A name shorter than this, without its article, is matched with its article only.
_MIN_BARE = 5
# A name that says what it is (« Douaisis Agglo », « Amiens Métropole »): the EPCI's own
# brand, written alone on its letterheads and by its partners.
_BRAND = re.compile(r"\b(?:agglo|agglomeration|metropole)$")
# Words INSEE writes without the ligature that French typography keeps: "Coeur", "Soeurs".
_LIGATURE_WORDS = re.compile(r"\b([CcSs])oeur")
# « & » and « et » are one word in a name: INSEE writes « CA Grand Calais Terres et Mers »,
# the agglomération « Grand Calais Terres & Mers », which folding leaves « terres mers ».
_AND = re.escape(" et ")


def _folded_name(name: str) -> str:
    """``name`` folded without INSEE's parentheses, its « & » written « et »."""
    return fold(re.sub(r"\s*\(.*?\)", "", name).replace("&", " et "))


def _escaped(folded: str) -> str:
    """``folded`` as a regular expression, its « et » matching « & » (folded away) too."""
    return re.escape(folded).replace(_AND, r"\s(?:et\s)?")


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
        """The name as the EPCI writes it and a letter addresses it: "Communauté de communes
        du Ternois" (INSEE's "CC" spelt out), "Communauté de communes des Villes Sœurs" (the
        ligature that INSEE's "Soeurs" lost given back, the acronym INSEE adds in parentheses
        left out); where INSEE's form also drops an article or repeats the kind, the EPCI's
        own name from ``data/epci-noms-usuels.csv`` ("Communauté de communes du Cœur de
        l'Avesnois", "Douaisis Agglo")."""
        usual = usual_names().get(self.siren)
        if usual is not None:
            return usual
        name = _LIGATURE_WORDS.sub(r"\1œur", re.sub(r"\s*\(.*?\)", "", self.name))
        for prefix, full in (
            ("CC ", "Communauté de communes "),
            ("CA ", "Communauté d'agglomération "),
            ("CU ", "Communauté urbaine "),
        ):
            if name.startswith(prefix):
                return full + name[len(prefix) :]
        return name

    @property
    def variants(self) -> tuple[str, ...]:
        """Folded spellings of the name that documents use (with any article between the
        kind and the name: see ``pattern``)."""
        # INSEE adds acronyms and lists of towns in parentheses: "CC Coeur d'Ostrevent (CCCO)".
        folded = _folded_name(self.name)
        prefixes = _PREFIXES.get(self.type, ())
        abbrev = self.type.lower()
        if not prefixes or not folded.startswith(abbrev + " "):
            return (folded,)
        core = folded[len(abbrev) + 1 :]
        bare = _ARTICLE.sub("", core)
        spellings = {folded}
        for prefix in prefixes:
            spellings.add(f"{prefix} {core}")
            if len(bare) >= _MIN_BARE:
                spellings.add(f"{prefix} {bare}")
        return tuple(sorted(spellings, key=len, reverse=True))

    @property
    def pattern(self) -> str:
        """A regular expression of every spelling of the name, on folded text: the kind
        (« communauté de communes », « CC », « agglomération »…), any article or none, then
        the name (« Communauté de communes du Cœur de l'Avesnois » for INSEE's "CC Coeur de
        l'Avesnois")."""
        folded = _folded_name(self.name)
        prefixes = _PREFIXES.get(self.type, ())
        abbrev = self.type.lower()
        if not prefixes or not folded.startswith(abbrev + " "):
            return _escaped(folded)
        core = folded[len(abbrev) + 1 :]
        bare = _ARTICLE.sub("", core)
        kinds = "|".join(re.escape(p) for p in sorted(prefixes, key=len, reverse=True))
        name = _ANY_ARTICLE + _escaped(bare) if len(bare) >= _MIN_BARE else _escaped(core)
        if _BRAND.search(bare):  # « Douaisis Agglo » is how it names itself, without « CA »
            return rf"(?:(?:{kinds})\s{name}|{_escaped(bare)})"
        return rf"(?:{kinds})\s{name}"

    @property
    def first_words(self) -> set[str]:
        """The folded words a mention of this EPCI can start with (see ``_matcher``)."""
        words = {p.split()[0] for p in _PREFIXES.get(self.type, ())}
        folded = _folded_name(self.name).split()
        words.add(folded[0])
        if len(folded) > 1 and _BRAND.search(" ".join(folded[1:])):
            words.add(_ARTICLE.sub("", " ".join(folded[1:])).split()[0])
        return words


@cache
def usual_names() -> dict[str, str]:
    """The names, by SIREN, that INSEE's abbreviated form cannot give back by rule: an
    article it drops (« CC Coeur de l'Avesnois » for « Communauté de communes du Cœur de
    l'Avesnois »), a kind the name already says (« CA Douaisis Agglo »). Each row cites
    where the EPCI writes its name so; none is guessed."""
    with data_path("epci-noms-usuels.csv").open(encoding="utf-8", newline="") as fh:
        return {row["siren"]: row["nom"] for row in csv.DictReader(fh)}


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
    pattern = _matcher()[0]
    for epci in all_epci():
        if digits == epci.siren:
            return epci
    match = pattern.fullmatch(folded)
    return _by_group(match) if match is not None else None


@cache
def _matcher() -> tuple[re.Pattern[str], tuple[Epci, ...], re.Pattern[str]]:
    """One alternation of every EPCI's ``pattern``, a named group each, the longest names
    first, so that each mention counts once and for the EPCI it names whole; and the first
    words these can start with, searched first (trying the alternation at every position of
    a long text is slow)."""
    ordered = tuple(sorted(all_epci(), key=lambda e: -len(fold(e.name))))
    alternatives = "|".join(f"(?P<e{i}>{e.pattern})" for i, e in enumerate(ordered))
    firsts = {word for e in ordered for word in e.first_words}
    starts = "|".join(re.escape(w) for w in sorted(firsts, key=len, reverse=True))
    return (
        re.compile(rf"(?:{alternatives})\b"),
        ordered,
        re.compile(rf"\b(?:{starts})\b"),
    )


def _by_group(match: re.Match[str]) -> Epci:
    group = match.lastgroup or ""
    return _matcher()[1][int(group[1:])]


def find_in_text(folded_text: str) -> list[tuple[Epci, int]]:
    """EPCI mentioned in an already folded text, with how many times, most cited first."""
    pattern, _, starts = _matcher()
    counts: dict[Epci, int] = {}
    end = 0
    for start in starts.finditer(folded_text):
        if start.start() < end:
            continue
        match = pattern.match(folded_text, start.start())
        if match is not None:
            epci = _by_group(match)
            counts[epci] = counts.get(epci, 0) + 1
            end = match.end()
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
