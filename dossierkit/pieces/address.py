"""The communes that an address or a place names: "14 rue des Procureurs, 62130
Saint-Pol-sur-Ternoise", "place du Marché au Quesnoy", "Médiathèque de Corbie".

A commune is recognised two ways: a postcode followed by a name (the postcode settles which of
two homonyms is meant, and a postcode of another region places it outside the region), or a
capitalised name after a preposition of place ("à", "au" for "Le …", "aux" for "Les …",
"commune de"), matched to the region's communes (``data/communes-hauts-de-france.csv``) with
accents, case, hyphens and "St"/"Ste" folded. A name that is not a commune of the region is
left alone: only the postcode can say that an address lies outside the region.

A place the sentence denies ("ne sera pas installé à Arras", "n'est pas au 12 rue X, 75011
Paris") is not named: the clause is read by the dossier technique's own reading of negation
(``pieces.technique.statements``), so that "Pas-de-Calais" and "ne sera installé qu'à Lille"
deny nothing there either.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from dossierkit.epci import Commune, all_communes
from dossierkit.pieces.technique.statements import CLAUSE, Stance, folded_clause, mention_stance
from dossierkit.text import fold

# A piece of text with the page it is on (None for word-processor documents).
Line = tuple[int | None, str]

_HDF_DEPARTEMENTS = ("02", "59", "60", "62", "80")
_UPPER = "A-ZÀ-ÖØ-Þ"
_POSTCODE = re.compile(rf"(?<![\d\w])(?P<cp>\d{{5}})\s+(?=(?P<rest>[{_UPPER}][^\n]{{0,80}}))")
# Where a preposition starts: not inside a word nor after an elision ("l'au…"), except
# after "qu'" ("ne sera installé qu'à Lille", "plutôt qu'à Lens": the negation reading says
# which of the two is denied).
_START = r"(?:(?<![\w'’])|(?<=\bqu['’]))"
# "à", "au", "aux", "commune de", and in a list of places "de"/"du"/"des" ("Médiathèque de
# Corbie") or a parenthesis ("La Fabrique (Saint-Pol-sur-Ternoise)"): what is written before
# a commune's name.
_AT = re.compile(
    rf"{_START}(?P<prep>(?:à|au|aux|(?:commune|ville) de)\s+|(?:commune|ville) d['’]\s*)"
    rf"(?=(?P<rest>[{_UPPER}][^\n]{{0,80}}))"
)
_OF = re.compile(
    rf"{_START}(?P<prep>(?:à|au|aux|de|du|des)\s+|d['’]\s*|\(\s*)(?=(?P<rest>[{_UPPER}][^\n]{{0,80}}))"
)
_ARTICLE = {"au": "le ", "aux": "les ", "du": "le ", "des": "les "}
_WORD = re.compile(r"[^\W\d_]+")
_SAINT = {"st": "saint", "ste": "sainte"}
# The town after a postcode, up to the punctuation that ends it.
_TOWN = re.compile(r"[^\d,.;:()\n]{1,50}")
_CEDEX = re.compile(r"\s+cedex\b.*", re.IGNORECASE)
# Where the place stands in its clause, for the reading of negation.
_MENTION = "lieumentionne"
_COMMA_BEFORE = re.compile(r",\s*$")
# What follows a place and still speaks of it ("à Arras n'a pas été retenu"), up to "et" ("à
# Lille et ne sera pas ouvert le dimanche" does not deny Lille).
_AND = re.compile(r"\bet\b")
# "pas" as a step, not a negation: "à deux pas de la gare", "pas à pas".
_STEPS = re.compile(r"\b(?:deux|trois|quelques|dix|cent) pas\b|\bpas a pas\b")


@dataclass(frozen=True)
class Place:
    """A commune named in a text: what is written, and the region's communes it can be (two
    or more for homonyms without a postcode; none when the postcode is of another region)."""

    written: str
    communes: tuple[Commune, ...]
    postcode: str | None
    page: int | None
    sentence: str

    @property
    def in_region(self) -> bool:
        """True when the place is a commune of the region's intercommunalités."""
        return bool(self.communes)


def _key(text: str) -> str:
    """A name folded for matching: "St-Pol-sur-Ternoise" is "saint pol sur ternoise"."""
    return " ".join(_SAINT.get(word, word) for word in fold(text).split())


@cache
def _by_first_word() -> dict[str, list[tuple[str, tuple[Commune, ...]]]]:
    """Folded name → communes of that name, grouped by first word, longest names first."""
    by_name: dict[str, list[Commune]] = defaultdict(list)
    for commune in all_communes():
        by_name[_key(commune.name)].append(commune)
    grouped: dict[str, list[tuple[str, tuple[Commune, ...]]]] = defaultdict(list)
    for name, communes in by_name.items():
        grouped[name.split()[0]].append((name, tuple(communes)))
    for names in grouped.values():
        names.sort(key=lambda item: -len(item[0]))
    return dict(grouped)


@cache
def _by_postcode() -> dict[str, tuple[Commune, ...]]:
    found: dict[str, list[Commune]] = defaultdict(list)
    for commune in all_communes():
        for postcode in commune.postcodes:
            found[postcode].append(commune)
    return {postcode: tuple(communes) for postcode, communes in found.items()}


def _name_at(rest: str, article: str = "") -> tuple[str, tuple[Commune, ...]] | None:
    """The longest commune name that ``rest`` begins with (after ``article``, for "au
    Quesnoy"), as written, with its communes; a name followed by a hyphen ("Lille-Hellemmes"
    is not Lille's own name) is no match."""
    words = list(_WORD.finditer(rest))
    folded = [_SAINT.get(fold(w.group(0)), fold(w.group(0))) for w in words]
    text = " ".join(article.split() + folded)
    if not text:
        return None
    for name, communes in _by_first_word().get(text.split()[0], []):
        if text == name or text.startswith(name + " "):
            count = len(name.split()) - len(article.split())
            end = words[count - 1].end()
            if rest[end : end + 1] == "-" and rest[end + 1 : end + 2].isalpha():
                continue
            return rest[:end], communes
    return None


def _denied(sentence: str, start: int, end: int) -> bool:
    """True when the clause of the place written from ``start`` to ``end`` denies it ("n'est
    pas situé à Arras", "à Arras, plutôt qu'à Lens" for Lens), read as the dossier technique
    reads its statements."""
    before = CLAUSE.split(sentence[:start])[-1]
    after = _AND.split(CLAUSE.split(sentence[end:])[0])[0]
    folded = _STEPS.sub("x", folded_clause(f"{before} {_MENTION} {after}"))
    mention = re.search(_MENTION, folded)
    return mention is not None and mention_stance(folded, mention) is Stance.DENIED


def _with_postcode(page: int | None, sentence: str) -> Iterator[tuple[int, Place]]:
    for match in _POSTCODE.finditer(sentence):
        postcode, rest = match.group("cp"), match.group("rest")
        # The comma between the street and the postcode is inside the address, not the end
        # of a clause: "ne sera pas installé au 12 rue X, 75011 Paris" denies Paris.
        street = _COMMA_BEFORE.sub(" ", sentence[: match.start()])
        if _denied(street + sentence[match.start() :], len(street), len(street) + 5):
            continue
        named = _name_at(rest)
        if named is not None:
            written, communes = named
            # The postcode chooses between homonyms; a CEDEX code is not a commune's own but
            # keeps the département.
            same = tuple(c for c in communes if postcode in c.postcodes) or tuple(
                c for c in communes if c.departement == postcode[:2]
            )
            if same:
                yield match.start(), Place(written, same, postcode, page, sentence)
                continue
        if postcode[:2] in _HDF_DEPARTEMENTS:
            # A postcode of the region that names no known commune: unknown, not outside.
            continue
        if postcode not in _by_postcode() and "00" < postcode[:2] <= "98":
            first = _TOWN.match(rest)
            name = _CEDEX.sub("", first.group(0)).strip() if first else rest[:40]
            yield match.start(), Place(name, (), postcode, page, sentence)


def _named(
    page: int | None, sentence: str, pattern: re.Pattern[str]
) -> Iterator[tuple[int, Place]]:
    for match in pattern.finditer(sentence):
        prep = fold(match.group("prep"))
        named = _name_at(match.group("rest"), _ARTICLE.get(prep, ""))
        if named is None:
            continue
        written, communes = named
        if not _denied(sentence, match.start(), match.start("rest") + len(written)):
            yield match.start(), Place(written, communes, None, page, sentence)


def places(lines: Iterable[Line], *, list_items: bool = False) -> list[Place]:
    """The communes that ``lines`` name, in order, each once (the first writing wins).

    With ``list_items``, "de"/"du" also introduce a commune ("Médiathèque de Corbie"), as in
    a list of places, where it names the place's town more often than not.
    """
    found: dict[tuple[str, ...], Place] = {}
    pattern = _OF if list_items else _AT
    for page, sentence in lines:
        located = sorted(
            [*_with_postcode(page, sentence), *_named(page, sentence, pattern)],
            key=lambda item: item[0],
        )
        for _, place in located:
            key = tuple(sorted(c.code for c in place.communes)) or (place.written,)
            found.setdefault(key, place)
    return list(found.values())
