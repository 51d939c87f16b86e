"""Text normalisation shared by classification, inference and matching.

French documents write the same words with or without accents, in capitals, with
apostrophes of several kinds and no-break spaces. Matching works on one folded form so that
a pattern written once (``releve d identite bancaire``) finds every spelling.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from decimal import Decimal

_NON_WORD = re.compile(r"[^0-9a-z]+")
# Ligatures that Unicode decomposition leaves alone but French spells out.
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})


# Combining marks left by decomposition (accents, cedillas…), removed in one C-level pass.
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


# The ligatures themselves: ``str.translate`` with replacements longer than one character
# walks the text in Python objects (0.08 s for the 750,000 characters of a 100-page
# technique), where searching for them first takes 0.004 s.
_LIGATURE = re.compile("[œŒæÆß]")


def strip_accents(text: str) -> str:
    """Remove diacritics: « Délégation » → « Delegation »."""
    if _LIGATURE.search(text):
        text = text.translate(_LIGATURES)
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text))


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Lower case, no accents, every run of punctuation or spaces made one space."""
    return _NON_WORD.sub(" ", strip_accents(text).casefold()).strip()


# The apostrophes word processors, OCR and keyboards write, for one: « l’association ».
_APOSTROPHES = "’‘´`ʼ"


@lru_cache(maxsize=4096)
def _folded_char(c: str, spaces: str) -> str:
    """What ``fold_traced`` writes for ``c``: " " for a space, "" for a lone accent (« ¸ »
    decomposes into a space and a cedilla, a combining mark into nothing)."""
    c = "'" if c in _APOSTROPHES else c
    if c in spaces or c.isspace():
        return " "
    return "".join(p for p in strip_accents(c).casefold() if not p.isspace())


def fold_traced(text: str, spaces: str = "") -> tuple[str, list[int]]:
    """``text`` in lower case without accents (ligatures spelt out: « ﬁnances », « œuvre »),
    every apostrophe written « ' », each character of ``spaces`` and each run of white space
    made one space, none at the ends; and for each of its characters the index in ``text``
    of the one it comes from. Unlike ``fold``, it keeps the punctuation a pattern may need
    (« s'y rapportant », full stops): what a pattern finds in the folded text is quoted as
    printed (``printed``)."""
    chars: list[str] = []
    origin: list[int] = []
    for index, c in enumerate(text):
        part = _folded_char(c, spaces)
        if part == " ":
            if chars and chars[-1] != " ":
                chars.append(" ")
                origin.append(index)
        elif part:
            chars += part
            origin += [index] * len(part)
    if chars and chars[-1] == " ":
        chars.pop()
        origin.pop()
    return "".join(chars), origin


def printed(text: str, origin: list[int], start: int, end: int) -> str:
    """The characters ``start`` to ``end`` of ``fold_traced(text)`` as ``text`` prints them,
    with the accents written after the last one (« délégué » typed with combining accents,
    as macOS writes it, is not quoted « délégu »)."""
    stop = origin[end - 1] + 1
    while stop < len(text) and unicodedata.combining(text[stop]):
        stop += 1
    return text[origin[start] : stop]


def display_path(raw: str) -> str:
    """A path printable in a report, even when its bytes are not valid UTF-8."""
    return raw.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


_CIVILITY = re.compile(r"^(m|mr|mme|mlle|monsieur|madame|mademoiselle|dr|docteur|me|maitre)\s+")


def same_person(a: str, b: str) -> bool:
    """Whether two written names designate one person: civility, case, accents and the
    order of first and last names don't matter ("Mme Marie DUPONT" is "Dupont Marie")."""
    words_a = set(_CIVILITY.sub("", fold(a)).split())
    words_b = set(_CIVILITY.sub("", fold(b)).split())
    if not words_a or not words_b:
        return False
    return words_a <= words_b or words_b <= words_a


# Abbreviations that banks, the INSEE and applicants write for the same words. "Sté" is left
# out: it abbreviates "société" as often as "sainte".
_STRUCTURE_ABBREVIATIONS = {
    "asso": "association",
    "assoc": "association",
    "cc": "communaute de communes",
    "ca": "communaute d agglomeration",
    "cu": "communaute urbaine",
    "st": "saint",
    "mairie": "commune",
    "ville": "commune",
}
# Words that say nothing of which structure is meant: articles, prepositions, and the legal
# form of an association, which its statuts leave out of its title ("Fab'Lab du Ternois").
_STRUCTURE_FILLER = frozenset(
    {"a", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les", "association"}
)


def _structure_words(name: str) -> list[str]:
    words = " ".join(_STRUCTURE_ABBREVIATIONS.get(w, w) for w in fold(name).split()).split()
    return [w for w in words if w not in _STRUCTURE_FILLER]


def _joined(words: list[str], other: set[str]) -> set[str]:
    """Words with each adjacent pair that the other name writes as one word joined
    ("fab lab" beside "fablab")."""
    result: set[str] = set()
    i = 0
    while i < len(words):
        if i + 1 < len(words) and words[i] + words[i + 1] in other:
            result.add(words[i] + words[i + 1])
            i += 2
        else:
            result.add(words[i])
            i += 1
    return result


def same_structure(a: str, b: str) -> bool:
    """Whether two written names designate one structure, as a person reading them would
    judge: case, accents, apostrophes and word order don't matter, nor the usual
    abbreviations ("ASSO", "CC" for communauté de communes, "CA" for communauté
    d'agglomération, "St" for saint), nor "Association" written or not, nor "FAB LAB" for
    "Fab'Lab" or "FabLab". Every other word must be on both sides: "CA du Boulonnais" is not
    "Office de tourisme de la CA du Boulonnais"."""
    words_a, words_b = _structure_words(a), _structure_words(b)
    if not words_a or not words_b:
        return False
    return _joined(words_a, set(words_b)) == _joined(words_b, set(words_a))


_SPACE_BEFORE = re.compile(r" +([:;!?»])")
_SPACE_AFTER = re.compile(r"([«]) +")


def french_spacing(text: str) -> str:
    """The spaces French typography binds made non-breaking: before « : ; ! ? » and after « «
    », so that a line never starts with a colon or a closing guillemet. Only spaces already
    typed are changed (a URL's "://" or a time's "9:00" keep none)."""
    text = _SPACE_BEFORE.sub("\u00a0\\1", text)
    return _SPACE_AFTER.sub("\\1\u00a0", text)


_FINE_BEFORE = re.compile(r"[ \u00a0]+([;!?»])")
_COLON_BEFORE = re.compile(r"[ \u202f]+:")
_FINE_AFTER = re.compile(r"«[ \u00a0]+")
_BEFORE_EURO = re.compile(r"(?<=[0-9\]]) +€")  # after an amount or « [montant] »


def french_typography(text: str) -> str:
    """The spaces of French typography as the Imprimerie nationale sets them: a no-break
    space (U+00A0) before « : », a narrow no-break space (U+202F) before « ; ! ? » and inside
    « », and a no-break space before « € ». Like ``french_spacing``, only spaces already typed
    are changed, so that a URL or a time is left alone; a line then never starts with a colon,
    a closing guillemet or the euro sign."""
    text = _BEFORE_EURO.sub("\u00a0€", text)
    text = _FINE_BEFORE.sub("\u202f\\1", text)
    text = _COLON_BEFORE.sub("\u00a0:", text)
    return _FINE_AFTER.sub("«\u202f", text)


def english_number(value: Decimal) -> str:
    """``45,000`` or ``33,750.75``: an amount as English writes it, to the cent when it has
    cents (the French ``45 000`` and ``33 750,75`` are ``aid.euros``)."""
    from decimal import Decimal  # not at import: the CLI's start-up loads this module

    text = f"{value.quantize(Decimal('0.01')):,.2f}"
    return text.removesuffix(".00")


def english_euros(value: Decimal) -> str:
    """``€45,000``, ``€33,750.75`` or ``-€5,000``: the euro sign before the amount, as
    English writes it (the French write ``45 000 €``)."""
    sign = "-" if value < 0 else ""
    return f"{sign}€{english_number(abs(value))}"


def english_percent(rate: Decimal) -> str:
    """``75%`` or ``12.5%`` for a rate of 0.75 or 0.125: no space before the sign in English."""
    return f"{(rate * 100).normalize():f}%"


_OPENING = re.compile("«[ \u00a0\u202f]*")
_CLOSING = re.compile("[ \u00a0\u202f]*»")


def english_quotes(text: str) -> str:
    """French guillemets, and the spaces inside them, made English double quotes:
    « budget.csv » → "budget.csv". Each mark is replaced on its own, so that a quotation
    holding another keeps its four marks."""
    return _CLOSING.sub('"', _OPENING.sub('"', text))


# An amount as ``aid.euros`` writes it, and nothing else: « 45 000 € », « -33 750,75 € ».
_FRENCH_AMOUNT = re.compile("(-?[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})*)(?:,([0-9]{2}))?[ \u00a0]€")


def english_value(text: str) -> str:
    """A value written for a French sentence, for an English one: its guillemets made
    quotes (``english_quotes``), and, when the whole value is an amount (« 45 000 € »),
    that amount the English way (``€45,000``). An amount inside a longer text is left as
    it is: it may be quoted from a document."""
    amount = _FRENCH_AMOUNT.fullmatch(text)
    if amount is None:
        return english_quotes(text)
    whole, cents = amount.groups()
    from decimal import Decimal

    return english_euros(Decimal(re.sub("[ \u00a0\u202f]", "", whole) + "." + (cents or "00")))


# Nouns a structure's name starts with: (feminine, written in lower case inside a sentence).
# "Communauté de communes du Ternois" is "la communauté de communes du Ternois" in a sentence;
# "Métropole Européenne de Lille" and acronyms keep their capitals.
_HEAD_NOUNS: dict[str, tuple[bool, bool]] = {
    **dict.fromkeys(
        (
            "association",
            "communaute",
            "commune",
            "ville",
            "mairie",
            "societe",
            "cooperative",
            "federation",
            "union",
            "maison",
            "regie",
            "mission",
            "agence",
            "fondation",
            "entreprise",
            "structure",
            "ligue",
            "chambre",
            "mediatheque",
            "bibliotheque",
            "ecole",
            "universite",
            "fabrique",
            "plateforme",
        ),
        (True, True),
    ),
    **dict.fromkeys(
        (
            "syndicat",
            "pole",
            "office",
            "centre",
            "etablissement",
            "groupement",
            "comite",
            "collectif",
            "conseil",
            "departement",
            "espace",
            "club",
            "foyer",
            "institut",
            "atelier",
            "laboratoire",
            "reseau",
            "parc",
            "tiers",
            "fablab",
            "cafe",
            "hub",
        ),
        (False, True),
    ),
    **dict.fromkeys(("metropole",), (True, False)),
    **dict.fromkeys(("scic", "sarl", "sas", "sem", "spl", "mjc", "cc", "ca", "cu"), (True, False)),
    **dict.fromkeys(("gip", "petr", "ccas", "cias", "epcc", "sivu", "sivom"), (False, False)),
}
# Where "le"/"la" is not elided before h: the h is aspirated. Towns too: « de Ham », « de
# Hem », « de Hondschoote », where « d'Hesdin » and « d'Hazebrouck » elide.
_ASPIRATED = frozenset(
    {"hub", "hall", "halle", "hangar", "haut", "hameau", "ham", "hem", "hondschoote"}
)
# What a structure of each kind is called when its name does not say it ("Fab'Lab du
# Ternois" is "l'association Fab'Lab du Ternois").
_KIND_NOUNS = {"association": "association", "commune": "commune"}
# The article a place's name starts with: « Le », « La », « Les » as a word of their own
# (« Lens », « Lesquin », « Laventie » start with none), « L' » with or without a space.
_PLACE_ARTICLE = re.compile(r"^(?:(les|le|la)\s+|l['’]\s*)(?=\S)", re.IGNORECASE)


def _elides(word: str) -> bool:
    folded = fold(word)
    return bool(folded) and folded[0] in "aeiouyh" and folded.split()[0] not in _ASPIRATED


def _place(name: str, plain: str, elided: str, masculine: str, plural: str) -> str:
    """``name`` after a preposition, contracted with its article « Le » or « Les », elided
    before a vowel, or ``plain``: the one rule of « de » and « à » before a place."""
    name = " ".join(name.split())
    match = _PLACE_ARTICLE.match(name)
    article = (match.group(1) or "").lower() if match else ""
    if match and article == "le":
        return masculine + " " + name[match.end() :]
    if match and article == "les":
        return plural + " " + name[match.end() :]
    if not match and _elides(name):
        return elided + name
    return plain + " " + name


def of_place(name: str) -> str:
    """« de » before a place's name, contracted as French does: « de Lumbres », « d'Arras »,
    « du Portel » (Le Portel), « des Attaques » (Les Attaques), « de La Capelle », « de
    L'Isle-Adam »; « de Lens », « de Lesquin »: their « Le » is no article."""
    return _place(name, "de", "d'", "du", "des")


def at_place(name: str) -> str:
    """« à » before a place's name, contracted as French does: « à Lumbres », « à Arras »,
    « au Quesnoy » (Le Quesnoy), « aux Attaques » (Les Attaques), « à La Capelle », « à
    L'Isle-Adam », « à Lens »: what « Fait à … » writes for the town of the signature."""
    return _place(name, "à", "à ", "au", "aux")


@dataclass(frozen=True)
class Designation:
    """How a sentence names a structure: « l'association Fab'Lab du Ternois », « la
    communauté de communes du Pays de Lumbres », « le syndicat mixte… ». ``noun`` is the name
    as written in a sentence, after its article; ``feminine`` is for the words that agree
    with it (« assujettie », « désignée »)."""

    noun: str
    feminine: bool

    @property
    def elided(self) -> bool:
        """True when the article is « l' »."""
        return _elides(self.noun)

    @property
    def definite(self) -> str:
        """« l'association X », « la communauté… », « le syndicat… »."""
        if self.elided:
            return "l'" + self.noun
        return ("la " if self.feminine else "le ") + self.noun

    @property
    def of(self) -> str:
        """« de l'association X », « de la communauté… », « du syndicat… »."""
        if self.elided or self.feminine:
            return "de " + self.definite
        return "du " + self.noun

    @property
    def to(self) -> str:
        """« à l'association X », « à la communauté… », « au syndicat… »."""
        if self.elided or self.feminine:
            return "à " + self.definite
        return "au " + self.noun

    def agree(self, masculine: str, feminine: str) -> str:
        """The word that agrees with the structure: ``agree("assujetti", "assujettie")``."""
        return feminine if self.feminine else masculine


def designate(name: str, kind: str = "autre") -> Designation:
    """How a sentence names the structure called ``name`` (of ``kind``: association,
    intercommunalite, commune, autre): its first word when it is a common noun
    (« Association… », « Communauté de communes… », « Syndicat… »), else the noun of its kind
    (« l'association Fab'Lab du Ternois », « la commune de Lumbres »), else « la structure »."""
    name = " ".join(name.split())
    words = fold(name).split()
    head = words[0] if words else ""
    if head in _HEAD_NOUNS:
        feminine, lower = _HEAD_NOUNS[head]
        first = name.split(" ", 1)
        if lower and first[0][:1].isupper() and not first[0][1:2].isupper():
            name = " ".join([first[0][:1].lower() + first[0][1:], *first[1:]])
        return Designation(name, feminine)
    if kind == "commune":
        return Designation("commune " + of_place(name), True)
    return Designation(_KIND_NOUNS.get(kind, "structure") + " " + name, True)


def capitalized(text: str) -> str:
    """``text`` with its first letter in capitals, for the start of a sentence."""
    return text[:1].upper() + text[1:]


# « La Présidente », « L'Adjointe », never the « La » of « Lauréate ».
_TITLE_ARTICLE = re.compile(r"(?i)^(?:(?:le|la)\s+|l['’]\s*)")


def bare_title(title: str | None) -> str:
    """A title as it follows a name (« Marie Delattre, Présidente »): on one line, without
    the article a document writes before it (« La Présidente », « le Maire »), capitalised.
    After the name, an article is wrong in French (« Marie Durand, La Présidente »)."""
    return capitalized(_TITLE_ARTICLE.sub("", " ".join((title or "").split()).rstrip(",")))


def counted(n: int, forms: str, lang: str = "fr") -> str:
    """``forms``, « one|many » (``{n}`` standing for the number), agreeing with ``n``:
    « 1 page numérisée lue », « 3 pages numérisées lues », never « 3 page(s) lue(s) ».
    French takes the singular below two (« 0 erreur »), English only for one (« 0 errors »)."""
    one, _, many = forms.partition("|")
    singular = n < 2 if lang == "fr" else n == 1
    return (one if singular or not many else many).format(n=n)
