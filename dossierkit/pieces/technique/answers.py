"""Find the answer to each question of the call in a dossier technique, however it is laid out.

The answer to a question is the text that follows its heading (``headings``), up to the next
heading. Any other styled title at the level of the question's heading or above ("Annexes")
ends the answer. Questions and answers laid out in a two-column table are read the same way,
cell by cell. A question found several times (a summary, then the answers) keeps all its
answer text.

A question that no heading names may still be answered under another title: a paraphrased
dossier says who pilots the project under "Notre organisation", the date it starts under
"Programme". The question is then answered by the passage (the text under one heading) that
says what its answer says: one phrase of each group of its ``evidence`` in the call's lexicon
("comité de pilotage" or "binôme", and "élu" or "vice-président"). Only a question that
nothing answers is left without answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dossierkit.call import Call
from dossierkit.pieces.technique.headings import (
    SENTENCE_INSIDE,
    TITLE_SHARE,
    Headings,
    Unit,
    dangling,
    explicit_label,
    heading_like,
    labelled_value,
    make_unit,
    not_a_title_line,
    plan_year,
    units,
)
from dossierkit.pieces.technique.model import Answer, Line
from dossierkit.pieces.technique.statements import whole_line
from dossierkit.pieces.technique.words import any_of
from dossierkit.reading.model import Document

# What ends a sentence, so that a short line after it may be a title.
_SENTENCE_END = frozenset(".!?:»)")
# A line of a PDF this short is not wrapped text: its paragraph ends there.
_SHORT_LINE = 40
# A paragraph of this many words or more is a sentence of an answer, not a title.
_TITLE_WORDS = 14
# A line that opens on a label of its own before its value: "Date de début du plan d'action
# (dépenses éligibles) : 1er avril 2027", "Quartier prioritaire : non".
_LINE_LABEL = re.compile(r"^(?P<label>[^:?!.;]{3,90}?)\s*:\s*\S")
_LABEL_WORDS = 10
# A label is a noun phrase ("Animation", "Date de début"); a sentence that opens on an article
# or a pronoun ("Un comité de pilotage se réunira chaque semestre : …") is not one.
_NOT_A_LABEL = frozenset(
    {"un", "une", "le", "la", "les", "l", "nous", "notre", "nos", "ce", "cette", "ces", "il",
     "elle", "ils", "elles", "on", "c", "cela", "si"}
)  # fmt: skip


@dataclass
class _Occurrence:
    question: str
    heading: str
    page: int | None
    level: int
    lines: list[Line]
    by_content: bool = False


@dataclass
class _Passage:
    """The text under one heading (or before the first), for answers found by content."""

    heading: str
    page: int | None
    lines: list[Line] = field(default_factory=list)
    # Each line folded (as its unit holds it), for the search of what the passage says.
    folded: list[str] = field(default_factory=list)


def _whole(unit: Unit) -> bool:
    """True for a row of a PDF's table rebuilt from its layout: a paragraph of its own, where
    the page's other lines are lines that wrap."""
    return unit.cell and unit.page is not None


# Lines apart within which years of a plan form a series.
_YEAR_REACH = 12


def _plan_years(found: list[Unit]) -> set[int]:
    """The units that open on a year of the plan beside another year (within ``_YEAR_REACH``
    lines): « Année 1 Ouverture, recrutement, lancement » then « Année 2 Montée en charge »,
    the rows of the plan's table as the page's text gives them, or « 2027 : … », « 2028 :
    … ». They are the plan's content: taken for titles they named other questions
    (« lancement », the start date) and took the rest of the plan with them. A year alone
    (« Année 1 » over the first year's plan, after a plan told in « 2027 », « 2028 ») may
    still be a title: the years of a series are counted alike (ordinals or calendar years),
    and a table's rows, read cell by cell, are no titles anyway."""
    years = {
        i: year for i, unit in enumerate(found) if not unit.cell and (year := plan_year(unit.text))
    }
    return {
        i
        for i, year in years.items()
        if any(
            (other := years.get(j, year)) != year and other[:1].isdigit() == year[:1].isdigit()
            for j in range(i - _YEAR_REACH, i + _YEAR_REACH + 1)
        )
    }


def _wraps_on(unit: Unit, after: Unit | None) -> bool:
    """True for a line of a PDF that gives a label and the start of its value, the value
    going on over the next line (« Portée géographique : l'ensemble du territoire de la
    communauté » over « d'agglomération du Douaisis. »): a paragraph that wraps, not a title
    and its subtitle."""
    return (
        after is not None
        and not after.cell
        and after.text[:1].islower()
        and _LINE_LABEL.match(unit.text) is not None
    )


def _labelled(unit: Unit, headings: Headings, section: str | None) -> tuple[str, str] | None:
    """(question, answer on the same line) for a number alone ("3.", "1.2") or an explicit
    label ("Question 3", "NAT-1"), which may be followed by the start of the answer."""
    qid, number, rest = unit.qid, unit.number, unit.rest
    explicit = qid is not None or explicit_label(unit.text)
    if unit.folded and not explicit:
        return None  # "3. Fonctions du lieu" is a title of the applicant's own words
    if qid is None and number is not None:
        qid = headings.by_number(number, section)
    if qid is None or qid not in headings.sentences:
        return None
    return qid, "" if heading_like(make_unit(rest), True) else rest.strip()


def _line_label(unit: Unit, headings: Headings) -> tuple[str, str] | None:
    """(question, label) for a line whose own label names a question ("Date de début du plan
    d'action : …" names the question about the start date): its words cover a third of the
    label or more."""
    match = _LINE_LABEL.match(unit.text)
    if match is None:
        return None
    label = make_unit(match.group("label")).folded
    if not label or label.count(" ") >= _LABEL_WORDS or label.split()[0] in _NOT_A_LABEL:
        return None
    found = headings.title_coverage(label)
    if found is None or found[1] * TITLE_SHARE < len(label):
        return None
    return found[0], match.group("label").strip()


def _question_paragraph(
    unit: Unit, headings: Headings, current: _Occurrence | None, *, line: bool = False
) -> bool:
    """True for a paragraph in body style that is the title of a question: short, not a
    sentence, and mostly the words of a question other than the one being answered ("Lieu ou
    réseau de lieux ?" in bold; not "Comité de pilotage", an item of the governance answer).
    A paragraph right under a section's title that names the same question is its title too;
    not a ``line`` of a PDF, which is more often the answer's first line repeating its words
    ("Structure de portage : Association…" under "La structure porteuse")."""
    stripped = unit.text.rstrip()
    if (
        unit.level > 0
        or not unit.folded
        or unit.folded.count(" ") >= _TITLE_WORDS
        or stripped[-1] in ".,;"
        or SENTENCE_INSIDE.search(stripped)
        or labelled_value(unit.text)
        or dangling(unit.folded)
        or (line and not_a_title_line(unit.text))
    ):
        return False
    found = headings.title_coverage(unit.folded)
    return (
        found is not None
        and found[1] * TITLE_SHARE >= len(unit.folded)
        and (current is None or current.question != found[0] or (not line and not current.lines))
    )


def find_answers(document: Document, call: Call) -> tuple[Answer, ...]:
    """The answer to each question the document has a heading for, or a passage that answers
    it, in the call's order."""
    headings = Headings(call)
    found = units(document)
    verbatim = {i: v for i in range(len(found)) if (v := headings.verbatim(found, i))}
    # Short lines are taken for titles only in a document without styles that does not
    # repeat the questions: elsewhere they are more often a line of an answer.
    own_lines = not verbatim and not any(u.level > 0 for u in found)
    in_series = _plan_years(found) if own_lines else set()
    # In a word processor, a paragraph is whole: a short one that names a question is its
    # title even in body style (set in bold, or a cell of a question/answer table).
    paragraphs = bool(document.paragraphs)
    occurrences: dict[str, list[_Occurrence]] = {}
    by_label: dict[str, list[_Occurrence]] = {}
    passages = [_Passage("", found[0].page if found else None)]
    current: _Occurrence | None = None
    section: str | None = None
    after_break = True
    skip_to = -1

    def start(qid: str, unit: Unit, heading: str, inline: Line | None) -> _Occurrence:
        occurrence = _Occurrence(qid, heading, unit.page, unit.level, [inline] if inline else [])
        occurrences.setdefault(qid, []).append(occurrence)
        return occurrence

    for i, unit in enumerate(found):
        if i <= skip_to:
            continue
        is_heading = True
        if i in verbatim:
            skip_to, qid, rest = verbatim[i]
            heading = " ".join(u.text for u in found[i : skip_to + 1])
            heading = heading[: len(heading) - len(rest)].strip()
            current = start(qid, unit, heading, (found[skip_to].page, rest) if rest else None)
        elif (name := headings.section(unit)) is not None:
            current, section = None, name
        elif (labelled := _labelled(unit, headings, section)) is not None:
            qid, rest = labelled
            heading = unit.text[: len(unit.text) - len(rest)].strip() if rest else unit.text
            current = start(qid, unit, heading, (unit.page, rest) if rest else None)
        elif (
            (
                unit.level > 0
                or (
                    own_lines
                    and not unit.cell
                    and not _wraps_on(unit, found[i + 1] if i + 1 < len(found) else None)
                    and i not in in_series
                    and (
                        heading_like(unit, after_break)
                        or (after_break and _question_paragraph(unit, headings, current, line=True))
                    )
                )
                or (paragraphs and not unit.cell and _question_paragraph(unit, headings, current))
            )
            and (named := headings.by_title(unit.folded))
            # In a PDF, a line of the answer that opens a list ("Le lieu accueillera quatre
            # activités :", "Liste prévisionnelle des lieux à animer :") may name the question
            # its title has already named.
            and not (
                unit.level == 0
                and unit.text.rstrip().endswith(":")
                and current
                and current.question == named
            )
            # In a document without styles, a short line right under a question's title
            # (a table's header "Rôle Nom Fonction" under "Qui porte le projet ?") does not
            # take its answer away for a question already answered above.
            and not (
                own_lines
                and unit.level == 0
                and current is not None
                and not current.lines
                and current.question != named
                and any(o.lines for o in occurrences.get(named, ()))
            )
        ):
            current = start(named, unit, unit.text, None)
        elif unit.level > 0 and (
            current is None or current.level == 0 or unit.level <= current.level
        ):
            current = None  # a title of another part of the document ends the answer
        else:
            is_heading = False
            line = (unit.page, whole_line(unit.text) if _whole(unit) else unit.text)
            if current is not None:
                current.lines.append(line)
            if (own := _line_label(unit, headings)) is not None and (
                current is None or current.question != own[0]
            ):
                by_label.setdefault(own[0], []).append(
                    _Occurrence(own[0], own[1], unit.page, 0, [line])
                )
            passages[-1].lines.append(line)
            passages[-1].folded.append(unit.folded)
        if is_heading:
            passages.append(_Passage(unit.text, unit.page))
        # After a sentence's end, a title, or a short line (the end of a paragraph, a title
        # of the applicant's that names no question), the next short line may be a title.
        after_break = (
            is_heading
            or _whole(unit)
            or unit.text.rstrip()[-1:] in _SENTENCE_END
            or len(unit.text) < _SHORT_LINE
        )
    for qid, answer in _by_content(call, occurrences, passages).items():
        occurrences[qid] = [answer]
    # A line labelled with a question's words answers it before a passage that only says what
    # its answer says: "Date de début du plan d'action : …" is read, and cited, before the
    # territory's block where the roadmap was launched on another date. The passage stays
    # after it: a label names one thing ("Comité de pilotage : …"), the passage the rest.
    for qid, found_lines in by_label.items():
        if all(o.by_content for o in occurrences.get(qid, [])):
            occurrences[qid] = found_lines + occurrences.get(qid, [])
    return tuple(_merge(q.id, occurrences[q.id]) for q in call.questions if q.id in occurrences)


def _by_content(
    call: Call, occurrences: dict[str, list[_Occurrence]], passages: list[_Passage]
) -> dict[str, _Occurrence]:
    """For each question no heading names, the first passage that says what its answer says.

    A question whose heading is there but left empty or "À compléter" is not looked for
    elsewhere: the applicant meant to answer it there.
    """
    found: dict[str, _Occurrence] = {}
    texts: list[str] | None = None
    for question in call.questions:
        words = call.lexicon.questions.get(question.id)
        if question.id in occurrences or words is None or not words.evidence:
            continue
        groups = [any_of(group) for group in words.evidence]
        if any(g is None for g in groups):
            continue
        texts = texts if texts is not None else [" ".join(p.folded) for p in passages]
        for passage, text in zip(passages, texts, strict=True):
            if text and all(g is not None and g.search(text) for g in groups):
                page = passage.lines[0][0] if passage.lines else passage.page
                found[question.id] = _Occurrence(
                    question.id, passage.heading, page, 0, list(passage.lines), True
                )
                break
    return found


def _merge(qid: str, occurrences: list[_Occurrence]) -> Answer:
    """One answer from every place the question was found; cited where it has text."""
    cited = next((o for o in occurrences if o.lines), occurrences[0])
    lines = tuple(line for o in occurrences for line in o.lines)
    by_content = all(o.by_content for o in occurrences)
    return Answer(qid, cited.heading, cited.page, lines, by_content)
