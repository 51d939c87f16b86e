"""The statuts of an association: its exact name, its legal basis, who represents it.

The call asks associations for their statuts; instructors read them to confirm that the
applicant exists as a legal person and who may sign for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from dossierkit.fact import Fact
from dossierkit.pieces.common import Located, located_facts
from dossierkit.reading.model import Document
from dossierkit.text import fold, fold_traced, printed

# How statuts (and the minutes that found an association) give its title: "ayant pour titre :
# « Zeste de Savoir »", "a pour nom COANIMA.", "dénommée **Rue Commune**.", "sous la
# dénomination Fab'Lab du Ternois, ci-après…".
_TITLE_WORDS = (
    r"(?:(?:ayant|a) pour (?:titre|nom|d[ée]nomination)|d[ée]nomm[ée]e?|"
    r"sous la d[ée]nomination(?: sociale)?|d[ée]nomination(?: sociale)?)\s*:?\s*"
)
ASSOCIATION_TITLE = re.compile(
    rf"{_TITLE_WORDS}[«\"“]\s*([^»\"”\n]{{2,80}}?)\s*[»\"”]", re.IGNORECASE
)
# The same title unquoted: it begins with a capital (so "ci-après dénommée l'association" is
# not a name) and ends with the sentence, a parenthesis or the words that follow a title. The
# bare noun needs its colon ("Dénomination : X"): as a heading, "Article 1 — Constitution et
# dénomination", it is followed by the article's first sentence.
_UNQUOTED_TITLE = re.compile(
    r"(?i:(?:ayant|a) pour (?:titre|nom|d[ée]nomination)\s*:?|d[ée]nomm[ée]e?\s*:?|"
    r"sous la d[ée]nomination(?: sociale)?\s*:?|d[ée]nomination(?: sociale)?\s*:)\s*"
    r"(?:\*\*|__)?(?P<name>[A-ZÀ-Ý0-9][^.;,:()\n*«»\"“”]{1,78}?)(?:\*\*|__)?"
    r"\s*(?=[.;,(]|\s(?i:et le décret|régie|dont|qui|ci-après|conformément)\b)",
)
# A title given as a field on its own line: "Article 1 - Dénomination : Les Amis du Vélo".
_TITLE_FIELD = re.compile(
    r"^[^\n:]{0,30}?(?i:d[ée]nomination(?: sociale)?)\s*:\s*[«\"“]?\s*"
    r"(?P<name>[A-ZÀ-Ý0-9][^\n«»\"“”]{1,78}?)\s*[»\"”.]?\s*$",
    re.M,
)
# The title of the statuts themselves: "STATUTS DE L'ASSOCIATION : COANIMA", "Projet de
# statuts de l'association Rue Commune", "Statuts de l'association « Infobourg »".
_STATUTS_HEADING = re.compile(
    r"^\s*(?:#+\s*)?(?i:(?:projet\s+de\s+)?statuts\s+de\s+l['’]association)\s*:?\s*[«\"“]?\s*"
    r"(?P<name>[A-ZÀ-Ý0-9][^\n«»\"“”]{1,78}?)\s*[»\"”]?\s*$",
    re.M,
)


# The heading of an article, as statuts write it without a full stop: « Article 12 -
# Représentation », « ARTICLE 5 – ADMINISTRATION », « Art. 9 : Le bureau », « Article 1er »,
# « Article premier », « TITRE II – ADMINISTRATION », « 9. Bureau », « 9) Le bureau ».
_ARTICLE_HEADING = re.compile(
    r"^(?:(?i:art(?:icle)?\.?)\s*(?:\d{1,3}\s*(?:er|°)?|premier|[IVXLC]{1,6})"
    r"(?:\s*[-–—:.)]\s*.*|\s+[A-ZÀ-Ý].*)?"
    r"|(?i:titre|chapitre|section)\s+(?:\d{1,2}|[IVXLC]{1,6}|premier|1er)\b.*"
    r"|\d{1,2}\s*[.)–—-]\s*[A-ZÀ-Ý].*)$"
)
# A title on a line of its own: a few words, or capitals only (« BUREAU », « Le président »).
_TITLE_WORDS_MAX = 8
_HEADING_CHARS_MAX = 100
_ENDS_SENTENCE = ".!?…"


def _is_heading(line: str, previous: str | None, following: str | None) -> bool:
    """True when ``line`` is a heading: an article's marker; or, at the start of a block (after
    a sentence's end, a marker or nothing), a line of capitals or a short title. Never a line
    that ``following`` continues in lower case, nor one that continues ``previous``, as the
    lines of a paragraph that wraps do (« …ayant pour titre Les Amis du Vélo de » /
    « Saint-Pol »)."""
    if not line or len(line) > _HEADING_CHARS_MAX:
        return False
    if following is not None and following[:1].islower():
        return False
    if _ARTICLE_HEADING.match(line):
        return True
    if (
        previous is not None
        and previous[-1] not in _ENDS_SENTENCE + ":;"
        and not _ARTICLE_HEADING.match(previous)
    ):
        return False
    letters = [c for c in line if c.isalpha()]
    if len(letters) >= 3 and not any(c.islower() for c in letters):
        # A title in capitals on two lines is one heading.
        return following is None or any(c.islower() for c in following)
    # « Conformément à l' » (a line of a paragraph that wraps) ends on no word.
    return len(line.split()) <= _TITLE_WORDS_MAX and line[:1].isupper() and line[-1].isalnum()


def _word_headings(document: Document) -> str | None:
    """The text of a word processor's document whose headings (its Heading styles) end with
    a full stop, as the line before each: a heading's style says what its words may not
    (« Rôle et composition du bureau de l'association »). None for other documents."""
    if document.pages or not document.paragraphs:
        return None
    texts = [p.text.strip() for p in document.paragraphs]
    for i, paragraph in enumerate(document.paragraphs):
        if paragraph.level <= 0:
            continue
        for j in (i, i - 1):
            if j >= 0 and texts[j] and texts[j][-1] not in _ENDS_SENTENCE + ",;:":
                texts[j] += "."
    return "\n".join(t for t in texts if t)


def ended_headings(text: str) -> str:
    """``text`` with each heading ended by a full stop, and the line before a heading too:
    statuts put no full stop after « Article 12 - Représentation » nor, often, after the last
    line of an article, and flattened into one line the heading runs into the next sentence
    (« bureau le président représente l'association » read the bureau as the representative;
    « ayant pour titre Les Amis du Vélo Article 2 - Objet » as the title)."""
    lines = [line.strip() for line in text.splitlines()]
    filled = [i for i, line in enumerate(lines) if line]
    headings: set[int] = set()
    for position, i in enumerate(filled):
        previous = lines[filled[position - 1]] if position else None
        following = lines[filled[position + 1]] if position + 1 < len(filled) else None
        if _is_heading(lines[i], previous, following):
            headings.add(i)
    for position, i in enumerate(filled):
        line = lines[i]
        next_is_heading = position + 1 < len(filled) and filled[position + 1] in headings
        if line[-1] in _ENDS_SENTENCE:
            continue
        if i in headings or (next_is_heading and line[-1] not in ",;:"):
            lines[i] = f"{line}."
    return "\n".join(lines)


def association_name(text: str) -> str | None:
    """The title a text gives the association ("ayant pour titre « X »", "a pour nom X."),
    quoted or not, or as a field ("Dénomination : X"); None when it gives none. Quoted, the
    title is unmistakable; unquoted, it ends its sentence and follows the word association
    in it."""
    flat = " ".join(text.split())
    if match := ASSOCIATION_TITLE.search(flat):
        return match.group(1).strip()
    for match in _UNQUOTED_TITLE.finditer(flat):
        # The association's own title, not an organ's ("un conseil dénommé Conseil
        # d'animation"): the sentence names the association before it, or the title is a
        # field ("Dénomination : X").
        before = flat[max(0, match.start() - 160) : match.start()].split(".")[-1]
        if fold(match.group(0)).startswith("denomination") or "association" in fold(before):
            return match.group("name").strip()
    if match := _TITLE_FIELD.search(text):
        return match.group("name").strip()
    return None


# « 1er » as OCR reads it too (« ler », « 1 er », « 1° »).
_LAW_1901 = re.compile(r"\bloi (du )?(1 ?er|l ?er|1°|1|premier) juillet 1901\b|\bloi (de )?1901\b")
_LOCAL_LAW = re.compile(
    r"\b(code civil local|droit local|articles? 21 a 79|registre des associations du tribunal)\b"
)
# Who may represent the association, as statuts name it: a role (or an organ) of the
# association. Matched on lower-case text without accents or apostrophes but with its full
# stops, so that a role and an act are found in one sentence.
_ROLE = (
    r"(?P<role>co presidente?s?|presidente?|presidence(?: collegiale)?|bureau|"
    r"conseil d administration|tresoriere?|secretaire(?: general)?e?|directeur|directrice)"
)
# What a representative does in statuts: "représente l'association (en justice et) dans tous
# les actes de la vie civile", "a qualité pour représenter l'association", "est investi de
# tous (les) pouvoirs", "agit / ester en justice au nom de l'association". Within one sentence
# (no full stop between the role and the act).
_ACT = (
    r"(?:represent(?:e|ent|er|era|eront|ant)\b[^.]{0,30}?\bl association"
    r"|(?:a|ont) qualite pour (?:agir|ester|engager)"
    r"|actes de la vie civile"
    r"|(?:agit|agissent|ester en justice) au nom de l association)"
)
# Weaker: the powers to act in the association's name, "est investi de tous pouvoirs", "est
# investi des pouvoirs les plus étendus pour agir en toutes circonstances au nom de
# l'association", "dispose des pouvoirs…", "a tous pouvoirs pour agir au nom de
# l'association". Statuts often give them to the conseil d'administration and the
# representation to the président a few lines later: they name the representative only
# when no clause says who represents.
_POWERS = (
    r"(?:(?:est|sont) investie?s? (?:de tous (?:les )?pouvoirs|des (?:pouvoirs|plus larges pouvoirs))"
    r"|(?:a|ont|dispose|disposent) (?:de )?(?:tous (?:les )?pouvoirs|des (?:plus larges )?pouvoirs)"
    r"[^.]{0,60}?\bau nom de l association"
    r"|(?:pour|peut|peuvent) agir\b[^.]{0,40}?\bau nom de l association)"
)


_REPRESENTS = (
    # "Le président a qualité pour représenter l'association dans tous les actes…"
    re.compile(rf"\b(?:le |la |les )?{_ROLE}\b[^.]{{0,120}}?{_ACT}"),
    # "L'association est représentée en justice et dans tous les actes… par son président"
    re.compile(
        rf"\bl association (?:est|sera) representee\b[^.]{{0,120}}?\bpar (?:son |sa |le |la |les |ses )?{_ROLE}\b"
    ),
    # "représente l'association … : le président"
    re.compile(rf"\brepresente(?:nt)? l association[^.]{{0,80}}\b{_ROLE}\b"),
    # The role in the heading, the act in the article's first sentence: "Article 13 - Le
    # président. Il représente l'association…"
    re.compile(rf"\b(?:le |la |les )?{_ROLE}\. (?:il|elle)s? [^.]{{0,120}}?{_ACT}"),
)
# Failing those, who has the powers: "Le président est investi des pouvoirs les plus…".
_EMPOWERS = (
    re.compile(rf"\b(?:le |la |les )?{_ROLE}\b[^.]{{0,120}}?{_POWERS}"),
    re.compile(rf"\b(?:le |la |les )?{_ROLE}\. (?:il|elle)s? [^.]{{0,120}}?{_POWERS}"),
)
# The role's usual name, whatever its spelling in the statuts.
_ROLE_NAMES = (
    ("co pre", "co-président(e)"),
    ("presiden", "président(e)"),
    ("bureau", "bureau"),
    ("conseil", "conseil d'administration"),
    ("tresor", "trésorier(e)"),
    ("secret", "secrétaire"),
    ("direct", "directeur(rice)"),
)


def _role_name(role: str) -> str:
    return next(name for prefix, name in _ROLE_NAMES if role.startswith(prefix))


# Whether the representative may delegate (a délégation de signature then rests on the
# statuts): "peut, avec l'accord du conseil, déléguer sa signature", "peuvent occasionnellement
# déléguer leurs pouvoirs", "peut donner délégation"; or may not: "ne peut déléguer".
# Only the representative's delegation counts: "chaque membre peut déléguer son vote" is not.
_DELEGATOR = r"\b(?:le |la )?(?:presidente?|co presidents?|bureau|il|elle)\b[^.]{0,120}?"
_MAY_NOT_DELEGATE = re.compile(
    rf"{_DELEGATOR}\bne (?:peut|peuvent|pourra|pourront)\b[^.]{{0,40}}?\bdelegu"
)
_MAY_DELEGATE = re.compile(
    rf"{_DELEGATOR}\b(?:peut|peuvent|pourra|pourront)\b[^.]{{0,80}}?"
    r"\b(?:deleguer|donner (?:une )?delegation)\b(?![^.]{0,40}\b(?:vote|voix)\b)"
)


def _may_delegate(text: str) -> bool | None:
    """True when the statuts let their representative delegate, False when they forbid it,
    None when they do not say."""
    if _MAY_NOT_DELEGATE.search(text):
        return False
    return True if _MAY_DELEGATE.search(text) else None


# The clauses are read in the text folded by ``fold_traced``, full stops kept (a clause is
# one sentence), apostrophes and hyphens as spaces (« l'association », « co-présidents »).
_SPACED = "'-·"


# The article a role takes when the statuts name it after another word (« chacun des
# co-présidents », « représentée par son président »).
_ARTICLES = {"le": "le", "la": "la", "les": "les", "son": "le", "sa": "la", "ses": "les"}
_ARTICLES |= {"des": "les", "du": "le", "au": "le", "aux": "les"}


def _as_written(text: str, folded: str, index: list[int], match: re.Match[str]) -> str:
    """The role a clause names, as the statuts write it, with its article: « le Président »,
    « les co-présidents » (of « Chacun des co-présidents représente l'association »)."""
    role = printed(text, index, *match.span("role"))
    # « ARTICLE 13 – LE PRÉSIDENT. Il représente… »: the role as a sentence writes it.
    role = role.lower() if role.isupper() else role
    before = folded[: match.start("role")].split()
    article = _ARTICLES.get(before[-1]) if before else None
    return f"{article} {role}" if article else role


def _representative(text: str) -> tuple[str, str, str] | None:
    """(the clause, the role it names, that role as written) where the statuts say who
    represents the association: the earliest such clause, else the earliest that gives the
    powers to act in its name."""
    folded, index = fold_traced(text, _SPACED)
    for patterns in (_REPRESENTS, _EMPOWERS):
        if found := [m for pattern in patterns if (m := pattern.search(folded))]:
            first = min(found, key=lambda m: m.start())
            written = _as_written(text, folded, index, first)
            return first.group(0), _role_name(first.group("role")), written
    return None


@dataclass(frozen=True)
class StatutsFacts:
    """What the statuts say."""

    file: str
    name: Located | None
    legal_basis: str | None  # "loi 1901" or "droit local"
    representative: Located | None  # the clause that says it, folded
    # The role that represents the association ("président(e)", "bureau"…), for the minutes
    # that say who holds it.
    representative_role: str | None
    # Whether they let the representative delegate: True, False (forbidden) or None (silent).
    may_delegate: bool | None
    scanned: bool
    facts: tuple[Fact, ...]
    # « Projet de statuts », « Version provisoire »: what its first lines call a draft.
    draft: Located | None = None
    # The representative as the statuts write it (« le Président », « les co-présidents »):
    # the report's fact, never the folded clause.
    representative_as_written: Located | None = None


# A draft says so in its title or a line of its own near the top: « Projet de statuts »,
# « Statuts — projet », « PROJET », « Version provisoire », « Document de travail ».
# « projet associatif » or « le projet de l'association » in an article is no such title.
_DRAFT = re.compile(
    r"^(?:projet de statuts\b.*|statuts\b.{0,60}\bprojet|projet|version provisoire|"
    r"document de travail|brouillon|draft)$"
)
# How many lines of its first page a document's title and its mentions take.
_TITLE_LINES = 12


def _draft(document: Document) -> Located | None:
    """The line of the statuts' first lines that calls them a draft, if one does."""
    for page, line in document.lines()[:_TITLE_LINES]:
        if _DRAFT.match(fold(line).strip(" .:-")):
            return Located(" ".join(line.split()), page)
    return None


def parse(document: Document, file: str) -> StatutsFacts:
    """Read the association's title, legal basis and representative."""
    name = None
    as_typed = document.page_texts()
    word = _word_headings(document)
    pages = [(None, word)] if word is not None else as_typed
    representative = written = role = None
    ended = [(number, ended_headings(page_text)) for number, page_text in pages]
    for number, text in ended:
        flat = " ".join(text.split())
        if name is None and (title := association_name(text)):
            name = Located(title, number)
        if representative is None and (clause := _representative(flat)):
            representative, role = Located(clause[0], number), clause[1]
            written = Located(clause[2], number)
    if name is None and as_typed and (heading := _STATUTS_HEADING.search(as_typed[0][1][:400])):
        name = Located(heading.group("name").strip(), as_typed[0][0])
    folded = fold(document.text)
    basis = (
        "loi 1901"
        if _LAW_1901.search(folded)
        else ("droit local" if _LOCAL_LAW.search(folded) else None)
    )
    delegates = _may_delegate(fold_traced(" ".join(text for _, text in ended), _SPACED)[0])
    parsed = StatutsFacts(
        file,
        name,
        basis,
        representative,
        role,
        delegates,
        document.is_scanned,
        (),
        _draft(document),
        written,
    )
    facts = located_facts(file, ("statuts.name", name))
    if basis:
        facts.append(Fact("statuts.legal_basis", basis, "inferred", file, None))
    facts += located_facts(file, ("statuts.representative", written))
    if role is not None:
        page = representative.page if representative is not None else None
        facts.append(Fact("statuts.representative_role", role, "inferred", file, page))
    if delegates is not None:
        facts.append(Fact("statuts.may_delegate", delegates, "inferred", file, None))
    return replace(parsed, facts=tuple(facts))
