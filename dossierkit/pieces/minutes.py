"""Minutes of an association's assembly or board: who was elected to what, and when.

Associations join them to show who represents them: the statuts say which role represents the
association ("le président a qualité pour représenter l'association"), the minutes of the
assembly or of the board (PV d'AGO, d'AGE, de conseil d'administration, composition du
bureau, liste des dirigeants) say who holds that role since when. They are written in every
way: "Mme Marie Durand est élue présidente à l'unanimité", "Le conseil élit M. Paul Martin en
qualité de trésorier", a list "Présidente : Marie Durand", an attendance line "Amaury Carrade
— président", "Candidat pour la présidence : Amaury CARRADE … Approuvé à l'unanimité", or
with the identity a declaration to the prefecture asks for between the name and the role
("Jean-Jacques BRUCKER, de nationalité française, né le …, demeurant au …, Ingénieur, en
tant que président."), or several people at once ("Le conseil élit Anne Roussel et Lucie
Caron co-présidentes", "… respectivement président, trésorière et secrétaire"). A role
qualified is not the office: the présidente sortante is the one the assembly replaces (unless
"réélue"), a président d'honneur or de séance represents nobody. Scanned minutes are read
from their OCR, which turns a list's bullets into "+" or "«". The day they met is the first
date of their head, not the day they were signed ("Fait à Paris, le …", often weeks later)
nor a birth date.
This parser reads them; whether they are the applicant's is for ``applicant.py`` to weigh.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from itertools import takewhile

from dossierkit.fact import Fact
from dossierkit.pieces.common import (
    DATE,
    DatedAt,
    Located,
    date_of,
    find_date,
    located_facts,
    plain,
)
from dossierkit.pieces.statuts import association_name
from dossierkit.reading.model import Document, Table
from dossierkit.text import fold

# A person as minutes write them: "Mme Marie Durand", "Amaury CARRADE", "Sébastien Trutié de
# Vaucresson", "Justin MISSAGHIEH--PONCET".
_WORD = r"[A-ZÀ-Ý][A-Za-zÀ-ÿ'’]+(?:-{1,2}[A-Za-zÀ-ÿ'’]+)*"
_CIVILITY = r"(?:M\.|MM\.|Mmes?|Mlle|Monsieur|Madame|Messieurs|Mesdames)"
# A civility begins the person, never ends the words before it ("… du Numérique Mme Claire
# Martin" names Claire Martin).
_NAME_WORD = rf"(?!{_CIVILITY}\s){_WORD}"
_NAME = rf"{_NAME_WORD}(?:\s+(?:(?:de|du|des|le|la)\s+)?{_NAME_WORD}){{1,3}}"
_PERSON = rf"(?:{_CIVILITY}\s+)?(?P<person>{_NAME})"
# "trésorière" has a grave accent, "secrétaire" an acute one; OCR and capitals may drop them.
_E = "[eéèÉÈE]"
_ROLE_WORDS = (
    r"(?:co|vice)[- ]?pr[eé]sidente?|pr[eé]sidente?(?:[- ]adjointe?)?|"
    rf"(?:vice[- ]?)?tr{_E}sori{_E}re?(?:[- ]adjointe?)?|(?:vice[- ]?)?secr{_E}taire"
    rf"(?: g{_E}n{_E}rale?)?(?:[- ]adjointe?)?|(?:vice[- ]?)?pr[eé]sidence|(?:vice[- ]?)?tr{_E}sorerie|"
    rf"(?:vice[- ]?)?secr{_E}tariat"
)
# What makes a role another one than the office it names: the chair of the meeting
# ("président de séance"), who leaves it ("présidente sortante", "démissionnaire"), an
# honour ("président d'honneur", "honoraire"). "Présidente sortante : Claire Martin" names
# who the assembly replaces, not who represents the association.
_NOT_THE_OFFICE = (
    r"(?!\s+(?i:de\s+s[eé]ance|sortante?s?|d[eé]missionnaires?|d['’]honneur|honoraires?)"
    r"(?![a-zà-ÿ]))"
)
_ROLE = rf"(?i:(?P<role>{_ROLE_WORDS}))(?![a-zà-ÿ]){_NOT_THE_OFFICE}"
_ELECTED = r"(?i:(?:r[eé])?(?:[eé]lue?|nomm[eé]e?|d[eé]sign[eé]e?|reconduite?))"
# "à l'unanimité (des membres présents)", between commas or not.
_UNANIMOUSLY = (
    r"(?i:[aà]\s+l['’]unanimit[eé](?:\s+des\s+(?:membres\s+)?(?:pr[eé]sents|votants|"
    r"administrateurs)(?:\s+(?:et|ou)\s+repr[eé]sent[eé]s)?)?)"
)
_VOTED = rf"(?:,?\s*{_UNANIMOUSLY},?)?\s+"
# "Le conseil élit", "… a élu", "… nomme", "… ont désigné", "… reconduit".
_ELECTS = (
    r"(?i:[eé]lit|[eé]lisent|nomme|d[eé]signe|reconduit|(?:a|ont)\s+(?:[eé]lu|nomm[eé]|"
    r"d[eé]sign[eé]|reconduit))"
)
# "(élue) en qualité de présidente", "comme", "au poste de", "respectivement".
_AS = (
    r"(?i:respectivement\s+)?(?i:en\s+qualit[eé]\s+de\s+|en\s+tant\s+que\s+|"
    r"aux?\s+postes?\s+de\s+|comme\s+|aux\s+fonctions\s+de\s+)?"
)
_ELECTIONS = (
    # "Mme Marie Durand est élue présidente à l'unanimité", "Mme Claire Martin, élue
    # présidente à l'unanimité, remercie…", "Claire Martin, présidente sortante, est réélue
    # présidente" (a capital « Est » begins another sentence: "Association X / Est élue
    # présidente : …" does not elect the association)
    re.compile(
        rf"{_PERSON}(?:,[^,.;:\n]{{1,60}}?,)?(?:,?\s+(?:est|EST|a\s+[eé]t[eé]|A\s+[EÉ]T[EÉ])|,)\s+"
        rf"{_ELECTED}\b[^.;]{{0,60}}?{_AS}(?i:l[ae]\s+|l['’])?{_ROLE}"
    ),
    # "Le conseil élit (à l'unanimité) M. Paul Martin (en qualité de) trésorier", "Le
    # conseil a élu Claire Martin présidente"
    re.compile(rf"{_ELECTS}{_VOTED}{_PERSON},?\s+{_AS}(?i:l[ae]\s+|l['’])?{_ROLE}"),
    # "… et M. Hugo Petit en qualité de trésorier", "- Anne ROUSSEL, en tant que
    # co-présidente ;"; "Jean-Jacques BRUCKER, de nationalité
    # française, né le …, demeurant au …, Ingénieur, en tant que président." (the identity
    # a declaration to the prefecture asks for, between the person and the role).
    re.compile(
        rf"{_PERSON}(?:,[^.;:]{{0,300}}?,)?,?\s+(?:en\s+qualit[eé]\s+de\s+|en\s+tant\s+que\s+|"
        rf"au\s+poste\s+de\s+|aux\s+fonctions\s+de\s+)(?i:l[ae]\s+|l['’])?{_ROLE}"
    ),
    # "La présidence sera assurée par Claire Martin"
    re.compile(
        rf"{_ROLE}\s+(?i:est|sera|sont|seront)\s+(?i:assur[ée]e?s?|confi[ée]e?s?)\s+(?i:par|[aà])\s+"
        rf"{_PERSON}"
    ),
)
# What begins an item of a list: a bullet, a dash, a table's border, and what OCR reads of a
# bullet or a border on a scan ("+", "«", "°", "©", "_", "e" or "o" alone: "+ Président : Yann
# Lossouarn", "_Présidente<tab>Anne Roussel").
_BULLETS = r"(?:[\s\-–—•·*|+>»«°◦▪■□✓¢©®_\[(\"'‘“!]|[eo](?=\s))*"
# "(A été) élue présidente : Claire Martin", the name alone on its line's end.
_ELECTED_ROLE_FIRST = re.compile(rf"{_ELECTED}\s+(?i:l[ae]\s+|l['’])?{_ROLE}\s*:\s*{_PERSON}")
# "Présidente : Marie Durand" (a list of the bureau), "- **Président** : Sébastien …", and a
# table of the bureau exported as lines: "Présidente | Claire Martin", "Trésorier<tab>Paul
# Leroy", "Secrétaire      Anne Roussel" (its columns several spaces apart).
_LISTED_ROLE_FIRST = re.compile(
    rf"^{_BULLETS}(?:\*\*)?{_ROLE}(?:\*\*)?(?:\s*[:|]|\s*\t|\s{{2,}})\s*{_PERSON}"
)
# A table "Fonction | Nom" typed in Word and exported to PDF, or scanned, reads as lines whose
# columns one space separates: "Présidente Anne Roussel". The name ends the line and has two
# or three words: "Présidente Claire Martin Anne Roussel" is a row of the outgoing and the
# new bureau side by side, whose names cannot be told apart.
_ROLE_BESIDE_NAME = re.compile(
    rf"^{_BULLETS}{_ROLE} (?:{_CIVILITY} )?"
    rf"(?P<person>{_NAME_WORD}(?: (?:(?:de|du|des|le|la) )?{_NAME_WORD}){{1,2}})\s*$"
)
# A person's name never spans a table's columns (a tab, several spaces).
_COLUMN_GAP = re.compile(r"\t| {3,}")
# What a table's border or a list's bullet leaves around a cell's text once OCR has read it.
_CELL_EDGES = " :_|[]()\"'‘“!«»°©•*+-–—"
# "Sont élus au bureau : Présidente : Claire Martin ; Trésorier : Hugo Petit", several on
# one line.
_LISTED_ROLE_AFTER = re.compile(rf"[;:]\s*(?:\*\*)?{_ROLE}(?:\*\*)?\s*:\s*{_PERSON}")
# A liste des dirigeants exported from a table: "DELATTRE Marie Présidente 3 rue Haute".
_LISTED_PERSON_ROLE = re.compile(rf"^{_BULLETS}{_PERSON}\s+{_ROLE}(?:\s|$)")
# A table's cell that holds a role, and one that may hold (part of) a person's name.
_ROLE_CELL = re.compile(rf"\s*{_ROLE}\s*")
_NAME_CELL = re.compile(rf"\s*{_WORD}(?:\s+{_WORD}){{0,3}}\s*")
# A table's column of those who leave, beside the new bureau's: "Fonction | Bureau sortant |
# Nouveau bureau", "Ancien bureau", "Avant l'assemblée" (its heading folded).
_OUTGOING_COLUMN = re.compile(r"\b(?:sortante?s?|ancien(?:ne)?s?|precedente?s?|avant)\b")
# "Amaury Carrade (Amaury) — président ;", "Marie Durand, présidente", "Claire Martin |
# Présidente", "Claire Martin (présidente)"; and several on one line after a colon, a
# semicolon, a comma or « et », "Le bureau est composé de : Claire Martin, présidente ; Paul
# Leroy, trésorier", "Sont élus : Paul Leroy, président, Anne Roussel, trésorière et …".
_BESIDE = r"\s*(?:\([^)]{0,40}\)\s*[—–,|-]|[—–,|-]|\()\s*"
_LISTED_PERSON_FIRST = re.compile(rf"^{_BULLETS}{_PERSON}{_BESIDE}{_ROLE}")
# Not "Paul Leroy et Anne Roussel, président et trésorière" (their roles in order, read by
# ``_ELECTED_SEVERAL``).
_LISTED_PERSON_AFTER = re.compile(
    rf"(?:[;:,]|\bet\b)\s*{_PERSON}{_BESIDE}{_ROLE}(?!\s*(?:,|\bet\b)\s*(?i:l[ae]\s+)?"
    rf"(?i:{_ROLE_WORDS}))"
)
# "Sont élus : Paul Leroy (président), Anne Roussel (trésorière)": each role in brackets.
_LISTED_PERSON_BRACKETED = re.compile(rf"(?:^|[;:,]|\bet\b){_BULLETS}{_PERSON}\s*\(\s*{_ROLE}\s*\)")
# Several people, then the role they share or each one's: "Le conseil élit Anne Roussel et
# Lucie Caron co-présidentes", "L'assemblée élit à l'unanimité Mme A et M. B co-présidents",
# "A et B sont élus co-présidents", "… élit Paul Leroy, Anne Roussel et Lucie Caron
# respectivement président, trésorière et secrétaire".
_ONE_PERSON = rf"(?:{_CIVILITY}\s+)?{_NAME}"
_PEOPLE = rf"(?P<people>{_ONE_PERSON}(?:\s*,\s*{_ONE_PERSON})*\s+et\s+{_ONE_PERSON})"
_ROLE_WORD = re.compile(rf"(?i:{_ROLE_WORDS})")
_A_ROLE = rf"(?i:l[ae]\s+|l['’]|les\s+)?(?i:{_ROLE_WORDS})s?(?![a-zà-ÿ]){_NOT_THE_OFFICE}"
_ROLE_LIST = rf"(?P<roles>{_A_ROLE}(?:(?:\s*,\s*|\s+et\s+){_A_ROLE})*)"
_ELECTED_SEVERAL = (
    re.compile(rf"{_ELECTS}{_VOTED}{_PEOPLE},?\s+{_AS}{_ROLE_LIST}"),
    re.compile(
        rf"{_PEOPLE}(?:,?\s+(?i:sont|ont\s+[eé]t[eé])|,)\s+(?i:respectivement\s+)?{_ELECTED}s\b"
        rf"{_VOTED}{_AS}{_ROLE_LIST}"
    ),
    # The roles first: "Sont élues co-présidentes : Anne Roussel et Lucie Caron", "Ont été
    # élus co-présidents à l'unanimité : …", "Sont élus respectivement président et
    # trésorière : …", read up to the sentence's end.
    re.compile(
        rf"(?i:sont|ont\s+[eé]t[eé])\s+(?i:respectivement\s+)?{_ELECTED}s{_VOTED}{_AS}{_ROLE_LIST}"
        r"(?:[^:.;]{0,40}?:|\s)\s*(?P<people>[^.;]{1,200})"
    ),
)
# "Claire Martin, présidente sortante, est réélue (à l'unanimité).", "La présidente sortante,
# Claire Martin, est reconduite.": the office she leaves is the one she keeps. The sentence
# ends there: "réélue au conseil d'administration" gives her no office.
_OUTGOING = rf"(?i:(?P<role>{_ROLE_WORDS}))\s+(?i:sortante?)"
_STAYS = (
    rf"(?:est|a\s+[eé]t[eé])\s+(?i:r[eé][eé]lue?|reconduite?)(?:\s+{_UNANIMOUSLY})?\s*(?:[.;]|$)"
)
_REELECTED = (
    re.compile(rf"{_PERSON},\s+{_OUTGOING},\s+{_STAYS}", re.M),
    re.compile(rf"(?i:l[ae]\s+){_OUTGOING},?\s+{_PERSON},?\s+{_STAYS}", re.M),
)
_ONE_OF_THEM = re.compile(rf"(?:^|,|\bet\b)\s*{_PERSON}(?=\s*(?:,|\bet\b|$)|\s+[a-zà-ÿ])")
# "Candidat pour la présidence : Amaury CARRADE", elected when the vote is approved.
_CANDIDATE = re.compile(
    rf"(?i:candidate?s?)\s+(?i:pour\s+le\s+poste\s+de|au\s+poste\s+de|pour\s+l[ae]|[aà]\s+la)\s+"
    rf"{_ROLE}\s*:\s*{_PERSON}"
)
_APPROVED = re.compile(r"\b(approuve|adopte|accepte|elus?|elues?)\b")

# The body that met, as the first lines name it.
_BODIES = (
    (
        re.compile(r"\bassemblee generale extraordinaire\b|\bage\b"),
        "assemblée générale extraordinaire",
    ),
    (re.compile(r"\bassemblee generale ordinaire\b|\bago\b"), "assemblée générale ordinaire"),
    (re.compile(r"\bassemblee generale constitutive\b|\bagc\b"), "assemblée générale constitutive"),
    (
        re.compile(r"\bconseil d administration\b|\breunion du ca\b|\brca\b"),
        "conseil d'administration",
    ),
    (re.compile(r"\bcomposition du bureau\b|\breunion du bureau\b"), "bureau"),
    (re.compile(r"\bliste des dirigeants\b"), "liste des dirigeants"),
    (re.compile(r"\bassemblee generale\b"), "assemblée générale"),
)
# How much of the beginning names the body and the association.
_HEAD = 600
# "Association Zeste de Savoir" on a line of its own at the top.
_ASSOCIATION_LINE = re.compile(r"^[\s*_]*association\s+(?P<name>[^\n*_]{2,80}?)[\s*_]*$", re.I)
# What follows an association's name in a sentence and is not part of it: "l'association
# KerNEL porteuse du Fablab", "… représentée par", "… dont le siège", "… domiciliée à".
_AFTER_A_NAME = (
    r"(?:porteu(?:r|se)|qui|dont|repr[ée]sent[ée]e|domicili[ée]e|situ[ée]e|sise|cr[ée]{2}e|"
    r"d[ée]clar[ée]e|r[ée]gie|ayant)\b"
)
_ASSOCIATION_IN_TEXT = (
    # "les membres de l'association Zeste de Savoir se sont réunis", "les fondateurs de
    # l'association Friends Of OpenPGP (foopgp) se sont réunis"
    re.compile(
        r"(?i:(?:membres|fondat(?:eur|rice)s|adh[ée]rents?)\s+de\s+l['’]association)\s+"
        r"[«\"“]?\s*(?P<name>[^\n,«»\"“”]{2,60}?)\s*[»\"”]?"
        r"\s+(?i:se\s+sont|s['’]est|sont|ont)\b"
    ),
    # "Réunion du Conseil d'Administration de Zeste de Savoir 24/06/2023", "… de
    # l'association Les Amis du Vélo" (a « du » that begins no date is the name's),
    # "Assemblée Générale Extraordinaire Zeste de Savoir 25/11/2023", "l'assemblée générale
    # de l'association KerNEL porteuse du Fablab de Lannion"
    re.compile(
        r"(?i:conseil\s+d['’]administration|assembl[ée]e\s+g[ée]n[ée]rale"
        r"(?:\s+(?:ordinaire|extraordinaire|constitutive))?|bureau)\s+"
        r"(?i:de\s+l['’]association\s+|de\s+l['’]|de\s+|d['’]|du\s+)?[«\"“]?\s*"
        r"(?P<name>[A-ZÀ-Ý][^\n«»\"“”]{1,60}?)\s*[»\"”]?\s*(?=\s(?:du|le|en\s+date\s+du)\s+"
        r"(?i:\d|1er|premier|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)|\s*\d|\s*$|"
        rf"\s*,|\s+{_AFTER_A_NAME})",
        re.M,
    ),
)
# Words that begin a title but are not an association's name.
_NOT_A_NAME = re.compile(
    r"^(du|des|en|ordinaire|extraordinaire|constitutive|annuelle|declaree|regie|loi)\b"
)
# A letterhead's name above its legal form: "Friends Of OpenPGP (foopgp)" over "association
# déclarée par application de la loi du 1er juillet 1901…".
_LEGAL_FORM_LINE = re.compile(r"^\s*association\s+(?:declaree|regie|loi)\b")
# The minutes' own title above the legal form is not the association's name.
_TITLE_LINE = re.compile(r"^\W*(proces|compte|assemblee|reunion|conseil|bureau|statuts|pv)\b")
_NAME_LINE = re.compile(r"^[\s*_#]*(?P<name>[A-ZÀ-Ý0-9][^\n:;]{1,80}?)[\s*_]*$")
# The day the body met: the first date of the minutes' head ("… du 20 mars 2023", "Le Lundi
# 20 mars 2023 à 13 heures"), not a law's ("loi du 1er juillet 1901"), a birth date ("né le
# 12 mai 1980"), another text's ("statuts du …", "vu la délibération du …") nor the convocation's
# ("réunie sur convocation envoyée par courriel le 06/03/2024").
_NOT_THE_MEETING = re.compile(
    r"(?:\b(?:loi|decret|statuts|deliberation|convocation|convoquee?s?)\b[^.\n]{0,30}?"
    r"\b(?:du|le|en date du)|\bnee?\s+le|\bdepuis\s+le|\bjusqu'?au)\s+$"
)


@dataclass(frozen=True)
class Election:
    """A person given a role by the minutes (elected, appointed, or listed as holding it)."""

    role: str  # "président(e)", "trésorier(e)", "secrétaire", "vice-président(e)"…
    person: str
    page: int | None


@dataclass(frozen=True)
class MinutesFacts:
    """What minutes say: which body met when, for which association, and who holds what."""

    file: str
    body: str | None
    held_on: date | None
    association: Located | None
    elections: tuple[Election, ...]
    scanned: bool
    facts: tuple[Fact, ...]

    def holder(self, role: str) -> Election | None:
        """Who the minutes give ``role`` to (the first they name)."""
        return next((e for e in self.elections if e.role == role), None)


def role_name(written: str) -> str:
    """The usual name of a role however written: "Présidente", "présidence" and
    "PRESIDENT" are all "président(e)"; an adjoint is not the officer he assists ("secrétaire
    adjointe" is "secrétaire adjoint(e)")."""
    folded = fold(written)
    prefix = "vice-" if folded.startswith("vice") else ("co-" if folded.startswith("co") else "")
    suffix = " adjoint(e)" if "adjoint" in folded else ""
    if "presiden" in folded:
        return f"{prefix}président(e){suffix}"
    if "tresor" in folded:
        return f"{prefix}trésorier(e){suffix}"
    return f"{prefix}secrétaire{suffix}"


def _elections(pages: list[tuple[int | None, str]]) -> tuple[Election, ...]:
    """Who the minutes give which role: the elections they state first (a sentence, then a
    voted candidacy), then the people they list with a role (the new bureau, or the members
    present with their current role; a "présidente sortante" is no longer one)."""
    approved = _APPROVED.search(fold(" ".join(text for _, text in pages))) is not None
    # A list or a candidacy holds one line: its name never runs into the next line. The
    # patterns of one rank are one way of listing, at a line's start or after a colon: their
    # people keep the order of the lines (a list wrapped over two lines).
    by_line = (
        (_ELECTED_ROLE_FIRST,),
        (_CANDIDATE,) if approved else (),
        (_LISTED_ROLE_FIRST, _LISTED_ROLE_AFTER, _ROLE_BESIDE_NAME),
        (_LISTED_PERSON_FIRST, _LISTED_PERSON_AFTER, _LISTED_PERSON_BRACKETED),
        (_LISTED_PERSON_ROLE,),
    )
    ranked: list[tuple[int, int, Election]] = []
    for index, (number, text) in enumerate(pages):
        # A sentence wraps over lines; its line breaks are kept to tell where a name begins.
        flat = "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())
        for pattern in _ELECTIONS:
            ranked += [(0, index, _election(m, number)) for m in pattern.finditer(flat)]
        for pattern in _REELECTED:
            ranked += [(0, index, _election(m, number)) for m in pattern.finditer(flat)]
        for pattern in _ELECTED_SEVERAL:
            ranked += [(0, index, e) for m in pattern.finditer(flat) for e in _several(m, number)]
        for line in text.splitlines():
            for rank, patterns in enumerate(by_line, start=1):
                ranked += [
                    (rank, index, _election(m, number))
                    for pattern in patterns
                    for m in pattern.finditer(line)
                    if not _COLUMN_GAP.search(m.group("person"))
                ]
    found: list[Election] = []
    for _, _, election in sorted(ranked, key=lambda r: r[:2]):
        if election not in found:
            found.append(election)
    return tuple(found)


def _several(match: re.Match[str], page: int | None) -> list[Election]:
    """The people a match names, each with the role they share, or with theirs in the same
    order ("respectivement président, trésorière et secrétaire"); none when the counts of
    people and roles differ."""
    people = [_person(m) for m in _ONE_OF_THEM.finditer(match.group("people"))]
    roles = [role_name(m.group(0)) for m in _ROLE_WORD.finditer(match.group("roles"))]
    if len(roles) == 1:
        roles *= len(people)
    if len(roles) != len(people):
        return []
    return [Election(role, person, page) for role, person in zip(roles, people, strict=True)]


def _table_elections(tables: tuple[Table, ...]) -> tuple[Election, ...]:
    """Who a table of the bureau gives which role: the row's one role cell, and the name
    cells beside it (before it, as "Nom | Prénom | Fonction", else after it), never in a
    column of the outgoing bureau. Two cells of full names beside one role ("Présidente |
    Claire Martin | Anne Roussel") are two people, of whom the table does not say which
    holds it."""
    found = []
    for table in tables:
        rows = [
            ["" if value is None else str(value).strip() for value in row] for row in table.rows
        ]
        headings = list(
            takewhile(lambda cells: not any(_ROLE_CELL.fullmatch(c) for c in cells), rows)
        )
        outgoing = {
            i
            for cells in headings
            for i, cell in enumerate(cells)
            if _OUTGOING_COLUMN.search(fold(cell))
        }
        for row in rows:
            cells = ["" if i in outgoing else cell for i, cell in enumerate(row)]
            roles = [i for i, cell in enumerate(cells) if _ROLE_CELL.fullmatch(cell)]
            if len(roles) != 1:
                continue
            at = roles[0]
            before = [c for c in cells[:at] if c and _NAME_CELL.fullmatch(c)][-2:]
            after = [c for c in cells[at + 1 :] if c and _NAME_CELL.fullmatch(c)][:2]
            names = before or after
            two_people = len(names) == 2 and all(len(name.split()) > 1 for name in names)
            if names and not two_people:
                role = _ROLE_CELL.fullmatch(cells[at])
                assert role is not None
                found.append(Election(role_name(role.group("role")), " ".join(names), table.page))
    return tuple(found)


def _gap_tables(pages: list[tuple[int | None, str]]) -> tuple[Table, ...]:
    """The tables a page's text keeps as lines whose cells a tab or several spaces separate
    (a scanned table as OCR reads it, "_Présidente<tab>Claire Martin<tab>Anne Roussel"; a
    table exported as text): consecutive such lines are one table, read as a document's
    tables are, so that its headings tell the outgoing bureau's column from the new one's."""
    tables = []
    for number, text in pages:
        rows: list[tuple[str, ...]] = []
        for line in [*text.splitlines(), ""]:
            cells = tuple(cell.strip(_CELL_EDGES) for cell in _COLUMN_GAP.split(line.strip()))
            if len(cells) >= 2:
                rows.append(cells)
            elif rows:
                tables.append(Table("lignes", tuple(rows), page=number))
                rows = []
    return tuple(tables)


def _election(match: re.Match[str], page: int | None) -> Election:
    return Election(role_name(match.group("role")), _person(match), page)


def _person(match: re.Match[str]) -> str:
    """The person a match names, on one line: a name that runs over a line break into
    capitalised words above ("Association Les Fils du Numérique" / "Anne Roussel est élue …")
    is the name that begins its line, when that line holds a whole name (two words at least);
    a name wrapped in its middle ("Mme Claire" / "Martin est élue") stays whole."""
    person = match.group("person")
    begins_its_line = person.rsplit("\n", 1)[-1]
    if len(begins_its_line.split()) >= 2:
        return begins_its_line
    return " ".join(person.split())


def _held_on(pages: list[tuple[int | None, str]]) -> DatedAt | None:
    """The day of the meeting as the head of the minutes gives it (their title, or their first
    sentence): ``find_date`` would prefer a "Fait à Paris, le …" written days later, or a
    member's birth date ("né le 12 mai 1980 à Paris") taken for a place and a date."""
    for number, text in pages[:1]:
        head = plain(text[:_HEAD])
        for match in DATE.finditer(head):
            if _NOT_THE_MEETING.search(head[max(0, match.start() - 40) : match.start()]):
                continue
            held = date_of(match)
            if held is None:
                continue
            return DatedAt(held, number, None)
    return None


def _body(head: str) -> str | None:
    folded = fold(head)
    return next((name for pattern, name in _BODIES if pattern.search(folded)), None)


def _association(pages: list[tuple[int | None, str]]) -> Located | None:
    for number, text in pages[:1]:
        head = text[:_HEAD]
        if title := association_name(head):
            return Located(title, number)
        lines = head.splitlines()[:8]
        for line, below in zip(lines, [*lines[1:], ""], strict=True):
            if match := _ASSOCIATION_LINE.match(line):
                name = match.group("name").strip(" .,:")
                if not _NOT_A_NAME.match(fold(name)):
                    return Located(name, number)
            named = _NAME_LINE.match(line)
            if named and _LEGAL_FORM_LINE.match(fold(below)) and not _TITLE_LINE.match(fold(line)):
                return Located(named.group("name").strip(" .,:"), number)
        for pattern in _ASSOCIATION_IN_TEXT:
            for match in pattern.finditer(head):
                name = match.group("name").strip(" .,:*")
                if name and not _NOT_A_NAME.match(fold(name)):
                    return Located(name, number)
    return None


def parse(document: Document, file: str) -> MinutesFacts:
    """Read the body that met, the date, the association and who was elected to what."""
    pages = document.page_texts()
    head = pages[0][1][:_HEAD] if pages else ""
    dated = _held_on(pages) or find_date(document)
    association = _association(pages)
    elections = _elections(pages)
    tables = _table_elections(document.tables + _gap_tables(pages))
    elections += tuple(e for e in tables if e not in elections)
    parsed = MinutesFacts(
        file,
        _body(head),
        dated.value if dated else None,
        association,
        elections,
        document.is_scanned,
        (),
    )
    facts = located_facts(file, ("minutes.association", association))
    if parsed.body is not None:
        facts.append(Fact("minutes.body", parsed.body, "inferred", file, None))
    if dated is not None:
        facts.append(Fact("minutes.date", dated.value.isoformat(), "inferred", file, dated.page))
    facts += [
        Fact("minutes.elected", f"{e.role} : {e.person}", "inferred", file, e.page)
        for e in elections
    ]
    return replace(parsed, facts=tuple(facts))
