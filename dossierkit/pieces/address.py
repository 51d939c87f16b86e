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


# The postal address of the structure that applies, to which the service's letters go. An
# applicant prints it in the letterhead (« 746 rue Jean Perrin – CS 300300 » / « 59351 Douai
# Cedex »), or in the footer on one line with the name and the SIRET (« Grand Calais Terres et
# Mers – 76 boulevard Gambetta – CS 40021 – 62101 Calais Cedex – SIRET … »), or, in statuts, as
# the siège (« Le siège social est fixé au 5 rue de Noyon, 59400 Cambrai »). La Poste wants
# one line per part (NF Z10-011): the way, the post-office box (BP, CS, TSA) or the lieu-dit,
# then the postcode and the town, Cedex kept: a CEDEX code is the structure's own sorting.

# A line that holds the postcode and the town: « 62101 Calais Cedex », « F-59000 Lille ».
_TOWN_LINE = re.compile(rf"^(?:F-)?\d{{5}}\s+[{_UPPER}a-zà-ÿ]")
# A part that starts like a way, a building, or a post-office box.
_WAY = re.compile(
    r"(?i)^(?:\d+(?:\s*(?:bis|ter|quater|[a-d]))?\b[\s,]*\S|(?:rue|avenue|av\.|boulevard|bd|"
    r"place|pl\.|chemin|route|rte|all[ée]e|impasse|quai|cours|square|voie|sentier|passage|"
    r"r[ée]sidence|lieu-dit|hameau|parc|zone|za|zi|zac|rond-point|esplanade|parvis|"
    r"h[ôo]tel|maison|mairie|centre|espace|immeuble|b[âa]timent|bp|cs|tsa|cedex)\b)"
)
# A post-office box, a lieu-dit: their own line under the way's.
_BOX = re.compile(r"(?i)^(?:bp|b\.p\.|cs|tsa|case postale)\s*\d")
# What a letterhead or a footer prints beside the address and is no part of it: the legal form
# (« Association loi 1901 », « Association déclarée »), the identifiers, the contacts.
_NOT_POSTAL = re.compile(
    r"(?i)^(?:association\b.*\b(?:loi|1901|1908|d[ée]clar[ée]e|reconnue)\b|"
    r"(?:r[ée]gie par la |selon la )?loi (?:du 1er juillet )?1901|"
    r"(?:n°\s*)?(?:siret|siren|rna|ape|naf|tva)\b|t[ée]l\b|t[ée]l[ée]phone|fax|courriel|e-mail|"
    r"mail\b|site\b|www\.|https?:)|@"
)
# The separators of an address written on one line: « – », « — », « | », « • », « · », a
# hyphen between spaces (never the hyphen of « Saint-Omer »), a comma before a postcode, a
# post-office box or a street number (« Maison des associations, 12 place du Marché »), and
# the space between a word and a postcode (« 14 rue de Dunkerque 62500 Saint-Omer »).
_SEPARATOR = re.compile(
    r"\s+[–—|•·]\s+|\s+-\s+|,\s+(?=(?:F-)?\d{5}\s|(?:BP|CS|TSA)\s*\d|\d{1,4}\s*(?:bis|ter)?\s+[a-zà-ÿ])"
    r"|(?<=[^\W\d_])\s+(?=(?:F-)?\d{5}\s+[^\W\d_])"
)
# The sentence of statuts that gives the siège: « Son siège social est fixé au 12 rue X,
# 62000 Arras », « Le siège est situé : 12 rue X – 62000 Arras ».
_SEAT = re.compile(
    r"(?i)\bsi[èe]ge(?:\s+social)?\s+(?:est|sera)\s+(?:fix[ée]|situ[ée]|[ée]tabli)\s*"
    r"(?:au|à|a|:)?\s*(?:l['’]adresse suivante\s*:?\s*)?(?P<address>[^.;\n]*?\d{5}\s+[^\s.,;]+"
    r"(?:[ -][^\s.,;]+)*?(?:\s+cedex(?:\s+\d+)?)?)(?=[.,;)]|\s*$|\s+\(|\s+et\b|\s+[a-zà-ÿ]{3,})"
)


def postal_lines(lines: Iterable[str]) -> tuple[str, ...]:
    """The lines of an address as La Poste wants them: a line that holds several parts
    (« 746 rue Jean Perrin – CS 300300 », « 5 rue Jean Jaurès, 80130 Friville ») split at its
    separators, and what is no part of an address left out (« Association loi 1901 », the
    SIRET, a phone number)."""
    found: list[str] = []
    for line in lines:
        for part in _SEPARATOR.split(" ".join(line.split())):
            part = part.strip(" ,;")
            if part and not _NOT_POSTAL.search(part) and part not in found:
                found.append(part)
    return tuple(found)


def _one_line(line: str) -> tuple[str, ...]:
    """The address that a line writes whole, between separators (a footer: « Grand Calais
    Terres et Mers – 76 boulevard Gambetta – CS 40021 – 62101 Calais Cedex – SIRET … »): from
    the first part that reads as a way to the part that holds the postcode; empty when the
    line holds no such address."""
    parts = [p.strip(" ,;") for p in _SEPARATOR.split(" ".join(line.split()))]
    for end, part in enumerate(parts):
        if _TOWN_LINE.match(part) and end > 0:
            start = end - 1
            while start > 0 and end - start < 3 and _WAY.match(parts[start - 1]):
                start -= 1
            if not _WAY.match(parts[start]):
                return ()
            return postal_lines(parts[start : end + 1])
    return ()


def printed_address(lines: list[str], *, before: re.Pattern[str] | None = None) -> tuple[str, ...]:
    """The address a document prints for its author, in its ``lines`` (their text, in
    reading order): the first address block of its letterhead, when it comes before any
    line that ``before`` matches (the block of the addressee, whose address is not the
    author's); else an address written whole on one line at its foot (a footer). An address
    block is a line that starts like a way (« 746 rue Jean Perrin – CS 300300 ») followed,
    within three lines, by the postcode's line. Empty when the document prints none."""
    for index, line in enumerate(lines[:20]):
        if before is not None and before.search(line):
            break
        if (whole := _one_line(line)) and _WAY.match(line.strip()):
            return whole
        if not _WAY.match(line.strip()) or _TOWN_LINE.match(line.strip()):
            continue
        for end in range(index + 1, min(index + 4, len(lines))):
            if _NOT_POSTAL.search(lines[end]) or (before and before.search(lines[end])):
                break
            if _TOWN_LINE.match(lines[end].strip()):
                return postal_lines(lines[index : end + 1])
    for line in reversed(lines[-6:]):
        if whole := _one_line(line):
            return whole
    return ()


def seat_address(text: str) -> tuple[str, ...]:
    """The siège that statuts give (« Son siège social est fixé au 5 rue de Noyon, 59400
    Cambrai »), as postal lines; empty when they give it without a postcode (« fixé à
    Cambrai »: no letter can be posted to it)."""
    found = _SEAT.search(" ".join(text.split()))
    if found is None:
        return ()
    lines = postal_lines([re.sub(r"(?i)^(?:la|le|les|l['’])\s*", "", found.group("address"))])
    return lines if lines and _TOWN_LINE.match(lines[-1]) and len(lines) > 1 else ()
