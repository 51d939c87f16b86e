"""The letterhead of a letter, an attestation or an act: who sends it.

Instructors receive no manifest, so the documents must say who applies. Applicants write it
at the top of what they sign: "Association Les Petits Débrouillards", "Communauté de communes
du Pays de Lumbres", "Mairie de Fruges", and, since the call lets the intercommunalité
designate the structure that carries the project (« par l'intercommunalité ou une structure
désignée par elle »), "Syndicat mixte Baie de Somme", "PETR du Cœur des Hauts-de-France",
"SPL Xdemat", "Les Ateliers numériques – SCIC SAS", "Office de tourisme … – EPIC". The
parsers of the courrier, the attestation and the délégation read it here, once; the
applicant is then inferred from what they read (``applicant.py``), never by searching the
text again.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from dossierkit import epci
from dossierkit.pieces.common import Located
from dossierkit.reading.model import Document
from dossierkit.text import fold

# How many lines at the top of a letter form its letterhead.
LETTERHEAD_LINES = 8
# The first of these lines that names a kind of structure is the sender's line.
SENDER_LINES = 6
_STRUCTURE_LINE = re.compile(
    r"^(association|communaute|metropole|commune|mairie|ville|syndicat|pole|pays|agglo)\b"
)
_ASSOCIATION_LINE = re.compile(r"^\s*(association\b[^\n]{2,80})$", re.IGNORECASE)
_COMMUNE_LINE = re.compile(
    r"^\s*((?:commune|mairie|ville) (?:de |d'|d’|du )[^\n]{2,60})$", re.I | re.M
)


# The kinds of structure that apply (the values of the fact ``structure.kind``), with how a
# report names them in French and English: the intercommunalité itself, a commune, and the
# structures an intercommunalité designates in Hauts-de-France. Only an association is asked
# its statuts (« des statuts du demandeur, dans le cas d'une association »): a SCIC, a SEM or
# a syndicat mixte has statuts too, but the call does not ask for them.
KINDS: dict[str, tuple[str, str]] = {
    "association": ("association", "association"),
    "intercommunalite": ("intercommunalité", "intercommunality"),
    "commune": ("commune", "municipality"),
    "syndicat_mixte": ("syndicat mixte", "joint syndicate (syndicat mixte)"),
    "spl": ("société publique locale", "local public company (SPL)"),
    "sem": ("société d'économie mixte", "semi-public company (SEM)"),
    "gip": ("groupement d'intérêt public", "public interest group (GIP)"),
    "cooperative": ("société coopérative", "cooperative company (SCIC, SCOP)"),
    "etablissement_public": ("établissement public", "public body"),
    "autre": ("autre", "other"),
}

# What a letterhead's line (each of its parts cut at dashes, commas and parentheses, folded)
# starts with when it names a structure of each kind: « Syndicat mixte Baie de Somme »,
# « SM Baie de Somme », « PETR du Cœur des Hauts-de-France », « SPL Xdemat », « Xdemat –
# Société publique locale », « Les Ateliers numériques (SCIC SAS) ». A communauté that says
# it is an « établissement public de coopération intercommunale » is no établissement
# public applying in its own right; a « syndicat d'initiative » is mostly an association.
_FORMS = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        (
            "syndicat_mixte",
            r"^(?:syndicat mixte|sm|petr|pole d equilibre territorial(?: et rural)?|"
            r"pole metropolitain)\b",
        ),
        ("spl", r"^(?:spl|societe publique locale)\b"),
        ("sem", r"^(?:sem|seml|saem|sem locale|(?:societe )?(?:anonyme )?d economie mixte)\b"),
        ("gip", r"^(?:gip|groupement d interet public)\b"),
        (
            "cooperative",
            r"^(?:scic|scop|societe cooperative|cooperative d interet collectif)\b",
        ),
        (
            "etablissement_public",
            r"^(?:epic|epa|epcc|ccas|cias|syndicat intercommunal|syndicat de communes|sivu|"
            r"sivom|centre (?:inter)?communal d action sociale|"
            r"etablissement public(?! de cooperation intercommunale))\b",
        ),
    )
)
# « Pays de Saint-Omer »: a pays is carried by a syndicat mixte (or a PETR), unless the line
# is the name of an intercommunalité (« Pays de Lumbres » of a CC's logo).
_PAYS = re.compile(r"^pays (?:de|du|des|d)\b")
# An office de tourisme may be an EPIC, an SPL, a SEM or an association: its letterhead says
# which, else its kind stays unknown (and whether its statuts are asked with it).
_TOURISM = re.compile(
    r"^office (?:(?:inter)?communal |communautaire |municipal |metropolitain )?de tourisme\b"
    r"|^office (?:inter)?communal de tourisme\b"
)
_TOURISM_FORM = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        ("association", r"\bassociation\b|\bloi (?:du 1er juillet )?1901\b"),
        ("spl", r"\bspl\b|\bsociete publique locale\b"),
        ("sem", r"\bseml?\b|\bd economie mixte\b"),
        ("etablissement_public", r"\bepic\b|\betablissement public\b"),
    )
)
# The words of a part that gives only a legal form (« SCIC SAS à capital variable »,
# « Société publique locale », « EPIC »): left out of the structure's name.
_FORM_WORDS = frozenset(
    [
        "scic",
        "scop",
        "spl",
        "sem",
        "seml",
        "saem",
        "gip",
        "epic",
        "epa",
        "sa",
        "sas",
        "sasu",
        "sarl",
        "societe",
        "cooperative",
        "d",
        "de",
        "du",
        "l",
        "a",
        "interet",
        "collectif",
        "ouvriere",
        "production",
        "participative",
        "publique",
        "public",
        "locale",
        "economie",
        "mixte",
        "anonyme",
        "capital",
        "variable",
        "responsabilite",
        "limitee",
        "simplifiee",
        "par",
        "actions",
        "groupement",
        "etablissement",
        "industriel",
        "et",
        "commercial",
        "caractere",
        "administratif",
        "syndicat",
        "sm",
        "petr",
    ]
)


@dataclass(frozen=True)
class Sender:
    """The structure a letterhead (or a dossier technique's "structure porteuse") names: its
    kind (a key of ``KINDS``: ``association``, ``intercommunalite``, one of the Hauts-de-France
    EPCI by its official name, ``commune``, or a structure an EPCI designates), None for a
    structure whose legal form its papers do not say (an office de tourisme), with the page
    where it stands."""

    kind: str | None
    name: str
    page: int | None


# The parts of a letterhead's line that say what the structure is, where it is or how to
# reach it, never who it is: its legal form (« Association loi 1901 », « association
# déclarée », « reconnue d'utilité publique »), its numbers (RNA, SIRET, APE), its address,
# its phone, mail and website. Searched on each part of a line cut at its dashes, commas and
# parentheses, folded.
_PART_CUT = re.compile(r"\s[-–—|•]\s|[,;()|•]")
_NOT_A_NAME = re.compile(
    r"^(?:association\s*)?(?:loi\b|regie\b|declaree\b|reconnue\b|agreee\b|inscrite\b|"
    r"de droit local\b|d interet general\b|sans but lucratif\b|$)"
    r"|\b(?:rna|siret|siren|ape|naf|no|numero|tel|telephone|fax|courriel|mail|e mail|"
    r"site|www|http|https|siege|bp|cs|cedex)\b"
    r"|\b[w]?\d{5,}\b|\d{2} \d{2} \d{2}|\bw\d{3}"
    r"|^\d+\s*(?:bis|ter)?\s*(?:rue|avenue|av|bd|boulevard|place|pl|chemin|route|allee|impasse|"
    r"quai|cours|square|residence|hameau|rond point|parc|zone|za|zi)\b"
    r"|^(?:rue|avenue|boulevard|place|chemin|route|allee|impasse|quai|residence|hotel)\b"
)
# A whole line that is no name: a date (« Boulogne-sur-Mer, le 2 novembre 2026 »), the
# addressee (« Président du Conseil régional… »), the object.
_NOT_A_NAME_LINE = re.compile(
    r"\ble \d{1,2}(?:er)? [a-z]+ \d{4}\b|\ble \d{1,2} \d{1,2} \d{4}\b"
    r"|^(?:monsieur|madame|objet|a l attention|(?:le |la )?presidente?)\b|\bconseil regional\b"
)
# A website's address, as written: « bidouilleurs.fr », « www.agglo-boulonnais.fr ».
_WEBSITE = re.compile(r"\w\.(?:fr|com|org|net|eu|info|asso\.fr)\b", re.IGNORECASE)
# How far from a line of legal form its structure's name may stand (an address between).
_NAME_REACH = 3


def _is_name(part: str) -> bool | None:
    """Whether a part of a line may be (part of) a name: None for an empty part."""
    if not part.strip(" .'’-–—"):
        return None
    return (
        "@" not in part
        and not _WEBSITE.search(part)
        and not _NOT_A_NAME.search(fold(part))
        and sum(c.isalpha() for c in part) > 1
    )


def _name_in(line: str) -> str | None:
    """The name that ``line`` gives, as written: its first run of parts that may be a name
    (« Association Fab'Lab du Ternois (FLT) » whole, « Association Les Bidouilleurs – loi
    1901 » without its legal form); None when no part is."""
    if _NOT_A_NAME_LINE.search(fold(line)):
        return None
    bounds = [0, *(i for m in _PART_CUT.finditer(line) for i in (m.start(), m.end())), len(line)]
    run: tuple[int, int] | None = None
    for start, end in zip(bounds[::2], bounds[1::2], strict=True):
        named = _is_name(line[start:end])
        if named is None:
            continue
        if not named and run is not None:
            break
        if named:
            run = (run[0] if run else start, end)
    if run is None:
        return None
    name = line[run[0] : run[1]].strip(" -–—,;|•")
    return name + ")" if name.count("(") > name.count(")") else name


def _named(lines: Sequence[tuple[int | None, str]], at: int) -> tuple[int | None, str] | None:
    """The structure's name that a letterhead's line ``at`` gives: the line without its legal
    form, numbers and address; when nothing is left (« Association loi 1901 – RNA
    W622004512 »), the nearest line above, else below, that is a name."""
    page, line = lines[at]
    if (name := _name_in(line)) is not None:
        return page, name
    above = [at - d for d in range(1, _NAME_REACH + 1)]
    below = [at + d for d in range(1, _NAME_REACH + 1)]
    for i in above + below:
        if 0 <= i < len(lines) and (near := _name_in(lines[i][1])) is not None:
            return lines[i][0], near
    return None


def _parts(line: str) -> list[tuple[int, int]]:
    """The spans of ``line`` cut at its dashes, commas, semicolons and parentheses."""
    bounds = [0, *(i for m in _PART_CUT.finditer(line) for i in (m.start(), m.end())), len(line)]
    return list(zip(bounds[::2], bounds[1::2], strict=True))


def _form_of(line: str, letterhead: str) -> str | None:
    """The kind of designated structure whose form one of the parts of ``line`` starts with;
    ``""`` for an office de tourisme whose ``letterhead`` (folded) does not say its form; None
    when the line names no such structure."""
    for start, end in _parts(line):
        part = fold(line[start:end])
        for kind, form in _FORMS:
            if form.search(part):
                return kind
        if _PAYS.search(part) and not epci.find_in_text(letterhead):
            return "syndicat_mixte"
        if _TOURISM.search(part):
            return next((k for k, form in _TOURISM_FORM if form.search(letterhead)), "")
    return None


def _without_form(name: str) -> str | None:
    """``name`` without its parts that give only a legal form (« Xdemat » for « Xdemat –
    Société publique locale »); None when nothing else is left."""
    kept = [
        (start, end)
        for start, end in _parts(name)
        if (words := fold(name[start:end]).split()) and not set(words) <= _FORM_WORDS
    ]
    if not kept:
        return None
    cut = name[kept[0][0] : kept[-1][1]].strip(" -–—,;|•(")
    return cut + ")" if cut.count("(") > cut.count(")") else cut


def _bare_name(line: str) -> str | None:
    """The name ``line`` gives, without its legal form."""
    named = _name_in(line)
    return _without_form(named) if named is not None else None


def _designated(lines: Sequence[tuple[int | None, str]]) -> Sender | None:
    """The structure of a form an intercommunalité may designate (syndicat mixte, PETR, SPL,
    SEM, GIP, coopérative, établissement public, office de tourisme) that a line names, by
    its name without its legal form (the nearest line's name when the line has only the
    form). None when an intercommunalité is named on a line above: the letterhead is its own
    (« Communauté d'agglomération du Pays de Saint-Omer » over « Pôle métropolitain »)."""
    letterhead = fold(" ".join(line for _, line in lines))
    for at, (page, line) in enumerate(lines):
        kind = _form_of(line, letterhead)
        if kind is None:
            continue
        if epci.find_in_text(fold(" ".join(above for _, above in lines[:at]))):
            return None
        if (name := _designated_name(lines, at)) is not None:
            return Sender(kind or None, name, page)
    return None


def _designated_name(lines: Sequence[tuple[int | None, str]], at: int) -> str | None:
    """The name that line ``at``, which gives a designated structure's form, stands for:
    its own without the form, else the nearest line's on the same page (« Société publique
    locale » over « XDEMAT »)."""
    page = lines[at][0]
    nearest = sorted(range(len(lines)), key=lambda i: (abs(i - at), i))
    return next(
        (
            found
            for i in nearest[: 2 * _NAME_REACH + 1]
            if lines[i][0] == page and (found := _bare_name(lines[i][1])) is not None
        ),
        None,
    )


def find_sender(document: Document) -> Located | None:
    """The line of the letterhead that names a structure, as written (the name beside a line
    that only gives an association's or a designated structure's legal form, the name
    without the form printed beside it: « Xdemat » of « Xdemat – Société publique locale »)."""
    lines = document.lines()[:LETTERHEAD_LINES]
    letterhead = fold(" ".join(line for _, line in lines))
    for at, (page, line) in enumerate(lines[:SENDER_LINES]):
        if _ASSOCIATION_LINE.match(line):
            named = _named(lines, at)
        elif _form_of(line, letterhead) is not None:
            name = _designated_name(lines, at)
            named = None if name is None else (page, name)
        elif _STRUCTURE_LINE.search(fold(line)):
            named = (page, line)
        else:
            continue
        if named is not None:
            return Located(named[1], named[0])
    return None


def identify(lines: Sequence[tuple[int | None, str]]) -> Sender | None:
    """The structure named by ``lines``: an association's line first (its name, not its
    legal form), then a structure of a form an intercommunalité designates (a syndicat mixte
    may print the EPCI that designates it), then a Hauts-de-France intercommunalité (also when
    its name runs over two lines), then a commune."""
    if not lines:
        return None
    text = "\n".join(line for _, line in lines)
    page = lines[0][0]
    for at, (_, line) in enumerate(lines):
        if _ASSOCIATION_LINE.match(line) and (named := _named(lines, at)) is not None:
            return Sender("association", named[1], named[0])
    if designated := _designated(lines):
        return designated
    if found := epci.find_in_text(fold(text)):
        return Sender("intercommunalite", found[0][0].name, page)
    if match := _COMMUNE_LINE.search(text):
        return Sender("commune", match.group(1).strip(), page)
    return None


def letterhead_sender(document: Document) -> Sender | None:
    """The structure that the letterhead (first lines) of ``document`` names."""
    return identify(document.lines()[:LETTERHEAD_LINES])
