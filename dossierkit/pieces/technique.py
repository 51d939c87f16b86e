"""Dossier technique: find the answer to each question of the call, and what the answers say.

The call gives the questions the dossier technique must answer; applicants present them in
their own way. The answer to a question is the text that follows its heading, up to the next
heading. A heading is recognised, in this order of trust:

- the question repeated word for word, whole or from one of its sentences on, possibly
  numbered ("3. Quelle est la portée géographique du projet ?"), possibly wrapped over several
  lines of a PDF, possibly followed on the same paragraph by the start of the answer;
- a title of the call's sections ("Portage, gouvernance"), which ends the answer before it;
- a number alone ("3.", "1.2", "NAT-1") or a "Question 3" label, possibly followed by the
  answer: numbers follow the call's order, over the whole call, or within the section whose
  title stands above them when the call's n-th question belongs to another section (``1.2``
  is the second question of the first section);
- a heading of the applicant's own words that contains a question's ``keywords`` (call file):
  a styled heading of a word-processor document, or, in a document without styles (PDF) that
  does not repeat the questions, a short line standing alone.

Any other styled title at the level of the question's heading or above ("Annexes") ends the
answer. Questions and answers laid out in a two-column table are read the same way, cell by
cell. A question found several times (a summary, then the answers) keeps all its answer text.

The question ``keywords`` and the functions' ``patterns`` are optional entries of the call
file that ``Call`` does not type; they are read from ``call.raw``.

The facts are read from the answers to the questions that ask for them (``ASKED_IN``), then
from the rest of the answers where that is safe; a phrase in a clause that denies it ("et non
pour un lieu unique", "n'a pas bénéficié de l'aide PEL") is not taken as said. Nothing here
depends on the project's form or on the structure: the checks decide which questions apply.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from dossierkit.call import Call, Question
from dossierkit.fact import Fact
from dossierkit.pieces.budget.region import RegionFigures, region_figures
from dossierkit.pieces.common import MONTHS, Located, find_legal_representative, plain
from dossierkit.pieces.letterhead import Sender, identify
from dossierkit.reading.model import Document
from dossierkit.text import fold

# A piece of text with the page it is on (None for word-processor documents).
Line = tuple[int | None, str]

# Where each fact is asked in the call: its answers are read first, and the checks cite them.
ASKED_IN: dict[str, tuple[str, ...]] = {
    "project.form": ("NAT-1",),
    "project.functions": ("NAT-2", "NAT-3", "TER-5", "TER-6", "AID-2"),
    "project.start_date": ("AID-3",),
    "animation": ("AID-5",),
    "governance": ("GOV-2",),
    "prior_aid": ("AID-7",),
    "project.qpv": ("AID-8",),
}

# A heading wraps over a few lines of a PDF at most.
_MAX_HEADING_UNITS = 8
# How much of a sentence goes into a fact's evidence.
_EVIDENCE_CHARS = 160

# ------------------------------------------------------------------------------------------
# What an answer is made of
# ------------------------------------------------------------------------------------------

# Texts left where an answer should be; matched on the folded answer as a whole.
_TODO = re.compile(
    r"(?:reponse |texte |partie )?(?:a completer|a remplir|a preciser|a rediger|a definir"
    r"|en cours de redaction|todo|tbd|x{2,}|lorem ipsum)(?: .{0,60})?"
)
_NOT_APPLICABLE = re.compile(r"n a|na|nc|sans objet|non applicable|non concernee?")


@dataclass(frozen=True)
class Answer:
    """The answer to one question: the heading it was found under and its lines."""

    question: str
    heading: str
    page: int | None
    lines: tuple[Line, ...]

    @property
    def text(self) -> str:
        """The answer's text, one line or paragraph a line."""
        return "\n".join(text for _, text in self.lines)

    @property
    def status(self) -> str:
        """``answered``, ``empty``, ``placeholder`` ("À compléter", "xxx", "…") or
        ``not_applicable`` ("N/A", "Sans objet" alone)."""
        raw = " ".join(text for _, text in self.lines).strip()
        if not raw:
            return "empty"
        folded = fold(raw)
        if not folded or _TODO.fullmatch(folded):
            return "placeholder"
        if _NOT_APPLICABLE.fullmatch(folded):
            return "not_applicable"
        return "answered"


@dataclass(frozen=True)
class Found:
    """A value read in the dossier technique and the sentence that shows it."""

    value: str | bool
    sentence: str
    page: int | None


@dataclass(frozen=True)
class TechniqueFacts:
    """What the dossier technique answers and says."""

    file: str
    has_text: bool
    answers: tuple[Answer, ...]
    forms: tuple[Found, ...]
    functions: tuple[Found, ...]
    start_date: Found | None
    animation_mode: Found | None
    full_time: Found | None
    steering_committee: Found | None
    elected_official: Found | None
    referent_agent: Found | None
    prior_aid: Found | None
    pel_2017: Found | None
    qpv: Found | None
    annexes_inside: tuple[Found, ...]
    # The Région's aid as the document's budget summary table gives it (compared with the budget).
    figures: RegionFigures | None = None
    # The structure named as "structure porteuse" / "structure de portage".
    carrier: Sender | None = None
    # The person a "responsable légal : …" line names (GOV-1).
    legal_representative: Located | None = None

    def answer(self, question: str) -> Answer | None:
        """The answer to a question, None when the document has no heading for it."""
        return next((a for a in self.answers if a.question == question), None)

    def answered(self, question: str) -> bool:
        """True when the question has a real answer (not empty, not a placeholder)."""
        found = self.answer(question)
        return found is not None and found.status == "answered"

    @property
    def form(self) -> Found | None:
        """The project's form when the document claims exactly one (lieu or reseau)."""
        values = {f.value for f in self.forms}
        return self.forms[0] if len(values) == 1 else None

    @property
    def facts(self) -> tuple[Fact, ...]:
        """Facts for the report, each with its page and the sentence it was read in."""
        singles = (
            ("project.start_date", self.start_date),
            ("animation.mode", self.animation_mode),
            ("animation.full_time", self.full_time),
            ("governance.steering_committee", self.steering_committee),
            ("governance.elected_official", self.elected_official),
            ("governance.referent_agent", self.referent_agent),
            ("prior_aid", self.prior_aid),
            ("project.qpv", self.qpv),
        )
        facts = [self._fact("project.form", self.form)] if self.form else []
        if self.functions:
            facts.append(
                Fact(
                    "project.functions",
                    ",".join(str(f.value) for f in self.functions),
                    "inferred",
                    self.file,
                    self.functions[0].page,
                    " | ".join(f"{f.value} : {_cut(f.sentence)}" for f in self.functions),
                )
            )
        facts += [self._fact(name, found) for name, found in singles if found is not None]
        return tuple(facts)

    def _fact(self, name: str, found: Found) -> Fact:
        return Fact(name, found.value, "inferred", self.file, found.page, _cut(found.sentence))


def _cut(sentence: str) -> str:
    return sentence if len(sentence) <= _EVIDENCE_CHARS else sentence[: _EVIDENCE_CHARS - 1] + "…"


# ------------------------------------------------------------------------------------------
# Finding the answers
# ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Unit:
    """A paragraph of a word-processor document, or a line of a PDF."""

    text: str
    level: int
    page: int | None


@dataclass
class _Occurrence:
    heading: str
    page: int | None
    level: int
    lines: list[Line]


_DASH = r"[.):\-–—]"
# "Question 3", "Q3", "NAT-1", "1.2", "3." or "3)": a label before a heading, or alone.
_EXPLICIT_LABEL = re.compile(
    rf"^\s*(?:(?:question|q)\s*(?P<qnum>\d{{1,2}})|(?P<id>[A-Z]{{3}}-\d{{1,2}}))\s*{_DASH}?\s*",
    re.IGNORECASE,
)
_NUMBER_LABEL = re.compile(
    rf"^\s*(?P<num>\d{{1,2}}\.\d{{1,2}}(?!\d)|\d{{1,2}}(?=\s*{_DASH}))\s*{_DASH}?\s*"
)
_OTHER_LABEL = re.compile(rf"^\s*(?:[IVX]{{1,4}}\s*{_DASH}|[a-h]\)|[•\uf0b7▪◦*\-–—])\s*")
_SECTION_WORDS = re.compile(r"^(?:partie|section|chapitre|titre) (?:[ivx]+|\d+) ")
# What ends a sentence, so that a short line after it may be a title.
_SENTENCE_END = frozenset(".!?:»)")
_STOP_WORDS = frozenset({"et", "de", "du", "la", "le", "les", "l", "des", "d"})


def _label(text: str) -> tuple[str | None, tuple[int, ...] | None, str]:
    """(question id, number, rest) of a heading's label; the rest is the text after it."""
    match = _EXPLICIT_LABEL.match(text)
    if match:
        rest = text[match.end() :]
        if match.group("id"):
            return match.group("id").upper(), None, rest
        return None, (int(match.group("qnum")),), rest
    match = _NUMBER_LABEL.match(text)
    if match:
        return None, tuple(int(n) for n in match.group("num").split(".")), text[match.end() :]
    match = _OTHER_LABEL.match(text)
    return None, None, text[match.end() :] if match else text


def _word_prefix(part: str, whole: str) -> bool:
    return whole == part or whole.startswith(part + " ")


def _after_words(text: str, count: int) -> str:
    """What follows the first ``count`` words of ``text`` (words as ``fold`` counts them)."""
    end = 0
    for index, match in enumerate(re.finditer(r"[^\W_]+", text)):
        if index == count:
            break
        end = match.end()
    # Words that fold splits in two ("ce(s)" is one \w run but "ce s" after fold) are rare
    # inside a heading's last line; the remainder is then only a little shorter.
    return text[end:].lstrip(" ?!.:;,)]–—-\t")


class _Headings:
    """Recognises the headings of one document against one call."""

    def __init__(self, call: Call) -> None:
        self.call = call
        self.sentences = {
            q.id: [s for s in (fold(p) for p in re.split(r"(?<=\?)\s+", q.text)) if s]
            for q in call.questions
        }
        self.keywords = {
            q["id"]: [
                re.compile(rf"(?<![a-z0-9]){re.escape(fold(k))}(?![a-z0-9])")
                for k in q.get("keywords", [])
            ]
            for q in call.raw["questions"]
        }
        self.sections = {
            section: _content_words(title["fr"]) for section, title in call.sections.items()
        }
        self.by_section: dict[str, list[Question]] = {}
        for q in call.questions:
            self.by_section.setdefault(q.section, []).append(q)

    def verbatim(self, units: Sequence[_Unit], i: int) -> tuple[int, str, str] | None:
        """(last unit, question id, rest of the last unit) when a question starts at ``i``."""
        first = fold(_label(units[i].text)[2])
        if not first:
            return None
        best: tuple[int, int, str, str] | None = None  # (words, last unit, id, rest)
        for qid, sentences in self.sentences.items():
            for k in range(len(sentences)):
                found = self._heading_from(units, i, first, sentences[k:])
                if found and (best is None or found[0] > best[0]):
                    best = (found[0], found[1], qid, found[2])
        return best[1:] if best else None

    @staticmethod
    def _heading_from(
        units: Sequence[_Unit], i: int, first: str, sentences: list[str]
    ) -> tuple[int, int, str] | None:
        """(words, last unit, rest) of the longest run of whole ``sentences`` from unit ``i``."""
        target = " ".join(sentences)
        if not (_word_prefix(first, target) or first.startswith(sentences[0] + " ")):
            return None
        heads = [" ".join(sentences[: m + 1]) for m in range(len(sentences))]
        found = None
        acc = ""
        for j in range(i, min(i + _MAX_HEADING_UNITS, len(units))):
            before = acc
            acc = f"{acc} {first if j == i else fold(units[j].text)}".strip()
            if _word_prefix(acc, target):
                if acc in heads:
                    found = (len(acc.split()), j, "")
                continue
            # The heading ends inside this unit and the answer begins on the same line.
            head = next((h for h in reversed(heads) if acc.startswith(h + " ")), None)
            if head is not None and len(head) > len(before):
                text = units[j].text if j > i else _label(units[j].text)[2]
                rest = _after_words(text, len(head.split()) - len(before.split()))
                found = (len(head.split()), j, rest)
            break
        return found

    def section(self, text: str) -> str | None:
        """The call's section whose title this heading is."""
        words = _content_words(_SECTION_WORDS.sub("", fold(_label(text)[2]) + " ").strip())
        return next((s for s, title in self.sections.items() if words and words == title), None)

    def by_keywords(self, text: str) -> str | None:
        """The question whose keywords cover most of this heading."""
        folded = fold(_label(text)[2])
        best, covered_best = None, 0
        for qid, patterns in self.keywords.items():
            covered: set[int] = set()
            for pattern in patterns:
                for match in pattern.finditer(folded):
                    covered.update(range(match.start(), match.end()))
            if len(covered) > covered_best:
                best, covered_best = qid, len(covered)
        return best

    def by_number(self, number: tuple[int, ...], section: str | None) -> str | None:
        """The question a number designates under the heading of ``section`` (if any).

        ``x.y`` is the y-th question of the x-th section. ``n`` is the n-th question of the
        call, unless that one is not in the current section: the numbering then starts again
        in each section, and ``n`` is the n-th question of the section.
        """
        if len(number) == 2:
            sections = list(self.call.sections)
            if not 1 <= number[0] <= len(sections):
                return None
            section, number = sections[number[0] - 1], number[1:]
        n = number[0]
        questions = self.call.questions
        if (
            len(number) == 1
            and 1 <= n <= len(questions)
            and (section is None or questions[n - 1].section == section)
        ):
            return questions[n - 1].id
        local = self.by_section.get(section or "", [])
        return local[n - 1].id if 1 <= n <= len(local) else None


def _content_words(text: str) -> frozenset[str]:
    return frozenset(w for w in fold(text).split() if w not in _STOP_WORDS)


def _heading_like(text: str, after_break: bool) -> bool:
    """A line of a document without styles that stands alone as a title: short, not ending
    like a sentence, and labelled, or ending with "?" or ":", or coming after a sentence's
    end or another heading (``after_break``) rather than in the middle of a wrapped text."""
    words = fold(_label(text)[2]).split()
    stripped = text.rstrip()
    if not words or len(words) > 12 or stripped[-1] in ".,;":
        return False
    if stripped.endswith(("?", ":")) or _label(text)[2] != text:
        return True
    return len(words) <= 8 and after_break


def _units(document: Document) -> list[_Unit]:
    if document.paragraphs:
        return [_Unit(p.text.strip(), p.level, None) for p in document.paragraphs if p.text.strip()]
    return [_Unit(text, 0, page) for page, text in document.lines()]


def _labelled(text: str, headings: _Headings, section: str | None) -> tuple[str, str] | None:
    """(question, answer on the same line) for a number alone ("3.", "1.2") or an explicit
    label ("Question 3", "NAT-1"), which may be followed by the start of the answer."""
    qid, number, rest = _label(text)
    explicit = qid is not None or _EXPLICIT_LABEL.match(text) is not None
    if fold(rest) and not explicit:
        return None  # "3. Fonctions du lieu" is a title of the applicant's own words
    if qid is None and number is not None:
        qid = headings.by_number(number, section)
    if qid is None or qid not in headings.sentences:
        return None
    return qid, "" if _heading_like(rest, True) else rest.strip()


def find_answers(document: Document, call: Call) -> tuple[Answer, ...]:
    """The answer to each question the document has a heading for, in the call's order."""
    headings = _Headings(call)
    units = _units(document)
    verbatim = {i: found for i in range(len(units)) if (found := headings.verbatim(units, i))}
    # Short lines are taken for titles only in a document without styles that does not
    # repeat the questions: elsewhere they are more often a line of an answer.
    own_lines = not verbatim and not any(u.level > 0 for u in units)
    occurrences: dict[str, list[_Occurrence]] = {}
    current: _Occurrence | None = None
    section: str | None = None
    after_break = True
    skip_to = -1

    def start(qid: str, unit: _Unit, heading: str, inline: Line | None) -> _Occurrence:
        occurrence = _Occurrence(heading, unit.page, unit.level, [inline] if inline else [])
        occurrences.setdefault(qid, []).append(occurrence)
        return occurrence

    for i, unit in enumerate(units):
        if i <= skip_to:
            continue
        is_heading = True
        if i in verbatim:
            skip_to, qid, rest = verbatim[i]
            heading = " ".join(u.text for u in units[i : skip_to + 1])
            heading = heading[: len(heading) - len(rest)].strip()
            current = start(qid, unit, heading, (units[skip_to].page, rest) if rest else None)
        elif (name := headings.section(unit.text)) is not None:
            current, section = None, name
        elif (labelled := _labelled(unit.text, headings, section)) is not None:
            qid, rest = labelled
            heading = unit.text[: len(unit.text) - len(rest)].strip() if rest else unit.text
            current = start(qid, unit, heading, (unit.page, rest) if rest else None)
        elif (unit.level > 0 or (own_lines and _heading_like(unit.text, after_break))) and (
            named := headings.by_keywords(unit.text)
        ):
            current = start(named, unit, unit.text, None)
        elif unit.level > 0 and (
            current is None or current.level == 0 or unit.level <= current.level
        ):
            current = None  # a title of another part of the document ends the answer
        else:
            is_heading = False
            if current is not None:
                current.lines.append((unit.page, unit.text))
        after_break = is_heading or unit.text.rstrip()[-1:] in _SENTENCE_END
    return tuple(_merge(q.id, occurrences[q.id]) for q in call.questions if q.id in occurrences)


def _merge(qid: str, occurrences: list[_Occurrence]) -> Answer:
    """One answer from every place the question was found; cited where it has text."""
    cited = next((o for o in occurrences if o.lines), occurrences[0])
    lines = tuple(line for o in occurrences for line in o.lines)
    return Answer(qid, cited.heading, cited.page, lines)


# ------------------------------------------------------------------------------------------
# Sentences, and what they affirm
# ------------------------------------------------------------------------------------------

_SPLIT = re.compile(r"(?<=[.!?…])\s+(?=\S)|\s*[•\uf0b7▪◦]\s*")
_ABBREVIATION = re.compile(r"(?:\b(?:M|MM|Mme|Mlle|Dr|St|Ste|cf|etc|art|p|n°)|\b[A-Z])\.$")
_CLAUSE = re.compile(r"[,;:()«»\"“”]|\bmais\b")
_NEGATION = re.compile(r"\b(?:ne|n|ni|non|pas|jamais|aucun|aucune|sans)\b")
# Words that contain a negation word once folded.
_NOT_NEGATIONS = re.compile(r"\bpas de calais\b")


def _sentences(lines: Sequence[Line], paginated: bool) -> list[Line]:
    """Sentences with their page; PDF lines are joined first, paragraphs are not."""
    blocks = [list(lines)] if paginated else [[line] for line in lines]
    found: list[Line] = []
    for block in blocks:
        # Offsets where each line starts in the joined text (joined once: linear, not quadratic).
        offsets, offset = [], 0
        for _, piece in block:
            offsets.append(offset)
            offset += len(piece) + 1
        pages = [page for page, _ in block]
        text = " ".join(piece for _, piece in block)
        begin = 0
        for separator in [*_SPLIT.finditer(text), None]:
            end = separator.start() if separator else len(text)
            # "M. Dupont": a full stop after an abbreviation does not end the sentence.
            if separator and _ABBREVIATION.search(text[max(begin, end - 8) : end]):
                continue
            if text[begin:end].strip():
                found.append((pages[bisect_right(offsets, begin) - 1], text[begin:end].strip()))
            begin = separator.end() if separator else end
    return found


def _affirmed(text: str, pattern: re.Pattern[str]) -> re.Match[str] | None:
    """The first match of ``pattern`` in folded ``text`` that no earlier word denies."""
    folded = _NOT_NEGATIONS.sub("x", fold(text))
    for match in pattern.finditer(folded):
        if not _NEGATION.search(folded[: match.start()]):
            return match
    return None


def _affirmed_in_clause(sentence: str, pattern: re.Pattern[str]) -> bool:
    """True when a clause of ``sentence`` affirms ``pattern`` ("et non pour un lieu" denies)."""
    # Most sentences don't mention the pattern at all: one search of the whole sentence
    # spares splitting it into clauses.
    if not pattern.search(fold(sentence)):
        return False
    return any(_affirmed(clause, pattern) for clause in _CLAUSE.split(sentence))


class _Reader:
    """The sentences of the answers, searched question by question."""

    def __init__(self, answers: Sequence[Answer], document: Document) -> None:
        paginated = bool(document.pages)
        self.by_question = {a.question: _sentences(a.lines, paginated) for a in answers}
        if answers:
            self.body = [s for sentences in self.by_question.values() for s in sentences]
        else:
            # No question recognised: read the whole document rather than nothing.
            self.body = _sentences(document.lines(), paginated)
        self.answers = {a.question: a for a in answers}

    def asked(self, fact: str) -> list[Line]:
        """Sentences of the answers to the questions that ask for ``fact``."""
        return [s for q in ASKED_IN[fact] for s in self.by_question.get(q, [])]

    def answered(self, fact: str) -> bool:
        return any(
            q in self.answers and self.answers[q].status == "answered" for q in ASKED_IN[fact]
        )

    def scope(self, fact: str, cue: re.Pattern[str] | None = None) -> list[Line]:
        """The asked sentences, then those of the other answers (with ``cue`` if given)."""
        rest = [s for s in self.body if cue is None or cue.search(fold(s[1]))]
        return self.asked(fact) + rest


# ------------------------------------------------------------------------------------------
# The facts
# ------------------------------------------------------------------------------------------

_FORMS = {
    "reseau": re.compile(
        r"\b(?:animation|animer|coordination|coordonner) (?:d un|du|de ce|de notre|le|ce) reseau\b"
        r"|\breseau (?:de |d )(?:\w+ )?(?:tiers )?lieux\b|\b(?:pour|sur) (?:un|le|ce|notre) reseau\b"
        r"|^ ?(?:un )?reseau\b"
    ),
    "lieu": re.compile(
        r"\b(?:pour|sur|concerne) (?:un|le|ce|notre) (?:seul |unique )?(?:tiers )?lieu\b"
        r"|\b(?:tiers )?lieu (?:unique|phare)\b|^ ?(?:un )?(?:seul )?(?:tiers )?lieu\b"
    ),
}
_FULL_TIME = re.compile(
    r"\btemps (?:plein|complet)\b|\bplein temps\b|\b(?:1|un) etp\b|\bequivalent temps plein\b"
)
_PART_TIME = re.compile(r"\btemps partiel\b|\bmi temps\b|\b0 \d+ etp\b")
_ANIMATION_CUE = re.compile(r"\banimat|\bcoordinat")
_MODES = (
    ("interne", re.compile(r"\binternalis|\ben interne\b|\ben regie\b")),
    ("externe", re.compile(r"\bexternalis|\bprestataire\b|\bsous trait")),
)
_STEERING = re.compile(r"\bcomite (?:de |d )?(?:suivi et de )?pilotage\b|\bcopil\b")
_PAIR_CUE = re.compile(r"\bbinome\b|\breferent")
_ELECTED_TITLE = re.compile(
    r"\bpresident|\bmaire\b|\badjoint|\bconseill\w* (?:communautaire|municipal|delegue)"
    r"|\bdelegue au\b"
)
_ELECTED = re.compile(r"\belue?s?\b")
_AGENT = re.compile(r"\bagent\b|\bagente\b")
_AGENT_TITLE = re.compile(
    r"\bchargee? de mission\b|\bchef(?:fe)? de projets?\b|\bresponsable (?:du|de|des)\b"
    r"|\bdirect(?:eur|rice)\b|\btechnicien|\bdgs\b"
)
_CIVILITY_NAME = re.compile(
    r"\b(?:M\.|MM\.|Mr\.?|Mme|Mlle|Monsieur|Madame)\s+"
    r"(?P<name>[A-ZÀ-ÖØ-Þ][\w'’-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w'’-]*){0,3})"
)
_CAPITAL_NAME = re.compile(
    r"\b(?!(?:Le|La|Les|Un|Une|Des|Du|De|En|Au|Aux|Ce|Cette|Son|Sa|Ses|Notre|Nos)\s)(?P<name>[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+(?:-[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+)?\s+"
    r"[A-ZÀ-ÖØ-Þ]{2,}(?:[- ][A-ZÀ-ÖØ-Þ]{2,})*)\b"
)
_DEVICES = re.compile(r"\b(?:pel|crnt|ecrins)\b")
_PEL_2017 = re.compile(r"\bpel\b(?:\w| )*\b(?:2017|exceptionnel\w*)\b|\bexceptionnel\w* de 2017\b")
_NO = re.compile(r"^(?:non|aucune?|jamais|neant)\b")
_YES = re.compile(r"^oui\b")
_QPV = re.compile(
    r"\bquartiers? prioritaires?\b|\bqpv\b|\bpolitique de la ville\b|\bzone prioritaire\b"
)
_START_CUE = re.compile(
    r"\bdebut\w*|\bdemarr\w*|\bcommence\w*|\blancement\b|\ba compter du\b|\ba partir du\b"
)
_MONTH = "|".join(MONTHS)
_DATES = (
    re.compile(rf"\b(?P<d>1er|\d{{1,2}})\s+(?P<m>{_MONTH})\s+(?P<y>20\d\d)\b"),
    re.compile(r"\b(?P<d>\d{1,2})[/.](?P<m>\d{1,2})[/.](?P<y>20\d\d)\b"),
    re.compile(r"\b(?P<y>20\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b"),
    re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<y>20\d\d)\b"),
)


def _first(lines: Iterable[Line], value: str | bool, pattern: re.Pattern[str]) -> Found | None:
    """The first sentence of ``lines`` that affirms ``pattern``, as evidence of ``value``."""
    for page, sentence in lines:
        if _affirmed_in_clause(sentence, pattern):
            return Found(value, sentence, page)
    return None


def _forms(reader: _Reader, call: Call) -> tuple[Found, ...]:
    """Every claim of lieu or réseau: the answer about the form, else the whole text, else
    which of the questions proper to a lieu or to a réseau the document really answers."""
    scope = reader.asked("project.form") if reader.answered("project.form") else reader.body
    claims: dict[str, Found] = {}
    for page, sentence in scope:
        for value, pattern in _FORMS.items():
            if value not in claims and _affirmed_in_clause(sentence, pattern):
                claims[value] = Found(value, sentence, page)
    if claims:
        return tuple(claims.values())
    for q in call.questions:
        condition = q.applies_when
        answer = reader.answers.get(q.id)
        if (
            condition is not None
            and condition.fact == "project.form"
            and not condition.negate
            and answer is not None
            and answer.status == "answered"
            and str(condition.value) not in claims
        ):
            claims[str(condition.value)] = Found(str(condition.value), answer.heading, answer.page)
    return tuple(claims.values())


def _function_patterns(call: Call) -> list[tuple[str, re.Pattern[str]]]:
    """Each function of the call with the patterns that show it (its label when it has none)."""
    patterns = []
    for item in call.raw["functions"]["list"]:
        regexes = item.get("patterns") or [re.escape(fold(item["label"]))]
        patterns.append((item["id"], re.compile("|".join(rf"\b(?:{r})\b" for r in regexes))))
    return patterns


def _functions(reader: _Reader, call: Call) -> tuple[Found, ...]:
    scope = (
        reader.asked("project.functions") if reader.answered("project.functions") else reader.body
    )
    found = [_first(scope, fid, pattern) for fid, pattern in _function_patterns(call)]
    return tuple(f for f in found if f is not None)


def _parse_date(text: str) -> str | None:
    """The first date of ``text`` as ISO (``2027-01`` for a month and year)."""
    lowered = plain(text)
    hits = [(m.start(), n, m) for n, p in enumerate(_DATES) for m in p.finditer(lowered)]
    for _, kind, match in sorted(hits, key=lambda h: (h[0], h[1])):
        month = match.group("m")
        m = MONTHS.get(month) or int(month)
        year = int(match.group("y"))
        if kind == 3:
            return f"{year:04d}-{m:02d}"
        day = 1 if match.group("d") == "1er" else int(match.group("d"))
        try:
            return date(year, m, day).isoformat()
        except ValueError:
            continue
    return None


def _start_date(reader: _Reader) -> Found | None:
    scope = reader.asked("project.start_date") + [
        s for s in reader.body if _START_CUE.search(fold(s[1]))
    ]
    for page, sentence in scope:
        value = _parse_date(sentence)
        if value:
            return Found(value, sentence, page)
    return None


def _animation(reader: _Reader) -> tuple[Found | None, Found | None]:
    """(internal or external, full time or not) from the answer about animation first."""
    scope = reader.scope("animation", _ANIMATION_CUE)
    mode = None
    for page, sentence in scope:
        hits = []
        for value, pattern in _MODES:
            match = _affirmed(sentence, pattern)
            if match:
                hits.append((match.start(), value))
        if hits:
            mode = Found(min(hits)[1], sentence, page)
            break
    full = _first(reader.scope("animation"), True, _FULL_TIME)
    if full is None:
        full = _first(reader.scope("animation"), False, _PART_TIME)
    return mode, full


def _people(sentences: Iterable[Line]) -> tuple[Found | None, Found | None]:
    """(elected official, referent agent): names with their role, else whether a role is
    mentioned at all."""
    elected = agent = None
    for page, sentence in sentences:
        matches: list[re.Match[str]] = []
        for match in sorted(
            [*_CIVILITY_NAME.finditer(sentence), *_CAPITAL_NAME.finditer(sentence)],
            key=lambda m: m.start(),
        ):
            if not matches or match.start() >= matches[-1].end():
                matches.append(match)
        for index, match in enumerate(matches):
            end = matches[index + 1].start() if index + 1 < len(matches) else len(sentence)
            # The role is written after the name: "M. X, vice-président (élu), et de Mme Y…".
            role = fold(sentence[match.end() : end])
            name = match.group("name")
            if _AGENT.search(role):
                agent = agent or Found(name, sentence, page)
            elif _ELECTED.search(role) or _ELECTED_TITLE.search(role):
                elected = elected or Found(name, sentence, page)
            elif _AGENT_TITLE.search(role):
                agent = agent or Found(name, sentence, page)
    if elected is None or agent is None:
        for page, sentence in sentences:
            folded = fold(sentence)
            if elected is None and (_ELECTED.search(folded) or _ELECTED_TITLE.search(folded)):
                elected = Found(True, sentence, page)
            if agent is None and (_AGENT.search(folded) or _AGENT_TITLE.search(folded)):
                agent = Found(True, sentence, page)
    return elected, agent


def _governance(reader: _Reader) -> tuple[Found | None, Found | None, Found | None]:
    steering = _first(reader.scope("governance"), True, _STEERING)
    pair = reader.asked("governance") or [s for s in reader.body if _PAIR_CUE.search(fold(s[1]))]
    elected, agent = _people(pair)
    return steering, elected, agent


def _prior_aid(reader: _Reader) -> tuple[Found | None, Found | None]:
    """(devices of prior regional aid or "none", the exceptional PEL aid of 2017 if received)."""
    scope = reader.asked("prior_aid") or [s for s in reader.body if _DEVICES.search(fold(s[1]))]
    devices: list[str] = []
    evidence: Line | None = None
    refused: Line | None = None
    pel_2017 = None
    for page, sentence in scope:
        folded = _NOT_NEGATIONS.sub("x", fold(sentence))
        for match in _DEVICES.finditer(folded):
            if not _NEGATION.search(folded[: match.start()]):
                devices += [match.group().upper()] if match.group().upper() not in devices else []
                evidence = evidence or (page, sentence)
        if refused is None and (_NO.search(folded) or _NEGATION.search(folded)):
            refused = (page, sentence)
        if pel_2017 is None and _affirmed(sentence, _PEL_2017):
            pel_2017 = Found(True, sentence, page)
    if evidence is not None:
        return Found(",".join(devices), evidence[1], evidence[0]), pel_2017
    if refused is not None:
        return Found("none", refused[1], refused[0]), pel_2017
    return None, pel_2017


def _qpv(reader: _Reader) -> Found | None:
    asked = reader.asked("project.qpv")
    for page, sentence in asked[:1]:
        folded = fold(sentence)
        if _YES.search(folded):
            return Found(True, sentence, page)
        if _NO.search(folded):
            return Found(False, sentence, page)
    for page, sentence in asked or [s for s in reader.body if _QPV.search(fold(s[1]))]:
        if _QPV.search(fold(sentence)):
            return Found(_affirmed(sentence, _QPV) is not None, sentence, page)
    return Found(_cut(asked[0][1]), asked[0][1], asked[0][0]) if asked else None


def _annexes_inside(answers: Sequence[Answer], call: Call) -> tuple[Found, ...]:
    """Annexes written in the answer that asks for them: a line naming the annex that
    introduces a list (it ends with ":" and at least two lines follow)."""
    found = []
    by_id = {a.question: a for a in answers}
    for q in call.questions:
        answer = by_id.get(q.id)
        if q.annex is None or answer is None:
            continue
        markers = call.spec(q.annex).markers
        for index, (page, text) in enumerate(answer.lines):
            if (
                text.rstrip().endswith(":")
                and len(answer.lines) - index - 1 >= 2
                and any(m.pattern.search(fold(text)) for m in markers)
            ):
                found.append(Found(q.annex, text, page))
                break
    return tuple(found)


_CARRIER = re.compile(r"structure (?:de )?port(?:age|euse)[^:\n]{0,40}:\s*([^\n]{3,100})", re.I)


def _carrier(document: Document) -> Sender | None:
    """The structure the dossier names as its "structure de portage"."""
    for page, text in document.page_texts():
        if match := _CARRIER.search(text):
            return identify([(page, match.group(1).strip())])
    return None


def parse(document: Document, file: str, call: Call) -> TechniqueFacts:
    """Read the answers of the dossier technique (to the questions of ``call``) and the facts
    they state."""
    answers = find_answers(document, call)
    reader = _Reader(answers, document)
    mode, full_time = _animation(reader)
    steering, elected, agent = _governance(reader)
    prior, pel_2017 = _prior_aid(reader)
    return TechniqueFacts(
        file=file,
        has_text=bool(document.text.strip()),
        answers=answers,
        forms=_forms(reader, call),
        functions=_functions(reader, call),
        start_date=_start_date(reader),
        animation_mode=mode,
        full_time=full_time,
        steering_committee=steering,
        elected_official=elected,
        referent_agent=agent,
        prior_aid=prior,
        pel_2017=pel_2017,
        qpv=_qpv(reader),
        annexes_inside=_annexes_inside(answers, call),
        figures=region_figures(document, file),
        carrier=_carrier(document),
        legal_representative=find_legal_representative(document),
    )


__all__ = ["ASKED_IN", "Answer", "Found", "TechniqueFacts", "find_answers", "parse"]
