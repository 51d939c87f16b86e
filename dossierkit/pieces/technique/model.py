"""What the parser of the dossier technique returns: the answers it found and the facts they
state, as frozen records that the checks and the report read."""

from __future__ import annotations

import re
from dataclasses import dataclass

from dossierkit.fact import Fact
from dossierkit.pieces.budget.region import RegionFigures
from dossierkit.pieces.common import Located
from dossierkit.pieces.letterhead import Sender
from dossierkit.text import fold

# A piece of text with the page it is on (None for word-processor documents).
Line = tuple[int | None, str]

# Where each fact is asked in the call: its answers are read first, and the checks cite them.
ASKED_IN: dict[str, tuple[str, ...]] = {
    "project.form": ("NAT-1",),
    "project.functions": ("NAT-2", "NAT-3", "TER-5", "TER-6", "AID-2"),
    # The answers about the project itself, whose functions are the lieu(x)'s first.
    "project.offer": ("NAT-2", "NAT-3", "AID-2"),
    "project.start_date": ("AID-3",),
    "animation": ("AID-5",),
    "governance": ("GOV-2",),
    "prior_aid": ("AID-7",),
    "project.qpv": ("AID-8",),
    "contact": ("GOV-1",),
    "designation": ("GOV-3",),
    "places_analysis": ("TER-4", "TER-1"),
    "roadmap": ("TER-3", "TER-2"),
    "network": ("NAT-3",),
    "plan": ("AID-1",),
    "sustainability": ("AID-6",),
}

# How much of a sentence goes into a fact's evidence.
_EVIDENCE_CHARS = 160

# Texts left where an answer should be; matched on the folded answer as a whole.
_TODO = re.compile(
    r"(?:reponse |texte |partie )?(?:a completer|a remplir|a preciser|a rediger|a definir"
    r"|en cours de redaction|todo|tbd|x{2,}|lorem ipsum)(?: .{0,60})?"
)
_NOT_APPLICABLE = re.compile(r"n a|na|nc|sans objet|non applicable|non concernee?")


def cut(sentence: str) -> str:
    """``sentence`` shortened to what a fact's evidence shows."""
    return sentence if len(sentence) <= _EVIDENCE_CHARS else sentence[: _EVIDENCE_CHARS - 1] + "…"


@dataclass(frozen=True)
class Answer:
    """The answer to one question: the heading it was found under and its lines.

    ``by_content`` is True when no heading names the question and the answer is a passage
    found under another heading because it says what an answer to the question says.
    """

    question: str
    heading: str
    page: int | None
    lines: tuple[Line, ...]
    by_content: bool = False

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
class Place:
    """A place of a réseau as the list of places describes it ("Médiathèque de Corbie :
    médiation numérique, coworking"), with the call's functions its description names."""

    name: str
    functions: tuple[str, ...]
    line: str
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
    # The contact person on the project (GOV-1): a name, True (an e-mail or a phone only), or
    # False when the answer says there is none yet.
    contact: Found | None = None
    # The designation of the carrier by the intercommunalité (GOV-3): True when described,
    # False when denied; ``designation_joined`` is a sentence saying it is joined.
    designation: Found | None = None
    designation_joined: Found | None = None
    # The territory's roadmap: "votee", "en_elaboration", "envisagee" (later or hedged),
    # "non_votee" (not voted, no word of its preparation) or "absente".
    roadmap: Found | None = None
    # The analysis of the territory's digital places: True, "a_venir" or False (none made).
    places_analysis: Found | None = None
    # An already aided place's new functions: the call's functions named with them, "" when
    # novelty is said without naming a function, "memes" when the functions stay the same.
    new_functions: Found | None = None
    # A reason given for the new request (AID-7), the PEL report said to be joined.
    request_justified: Found | None = None
    pel_report_joined: Found | None = None
    # A reason given for outsourcing the animation (AID-5).
    animation_justified: Found | None = None
    # Places the call excludes that the document says the project is (value: their id), and
    # those it leaves open ("pourrait servir de télécentre").
    excluded_places: tuple[Found, ...] = ()
    excluded_hedged: tuple[Found, ...] = ()
    # The places of a réseau as the list of places describes them (NAT-3).
    network_places: tuple[Place, ...] = ()
    # The years of the action plan (AID-1) its answer names: "2027", "annee 2"…
    plan_years: tuple[str, ...] = ()
    # How the place lasts after the aid (AID-6): "abordee", "indecise", "renouvellement"
    # (the Région's aid expected again) or "non_abordee".
    sustainability: Found | None = None

    def answer(self, question: str) -> Answer | None:
        """The answer to a question, None when the document has no heading for it."""
        return next((a for a in self.answers if a.question == question), None)

    def answered(self, question: str) -> bool:
        """True when the question has a real answer (not empty, not a placeholder)."""
        found = self.answer(question)
        return found is not None and found.status == "answered"

    @property
    def without_answer(self) -> bool:
        """True when the document has text but answers no question: nothing recognised as an
        answer, or only empty headings and placeholders (a template, a draft)."""
        return self.has_text and not any(a.status == "answered" for a in self.answers)

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
            ("prior_aid.exceptional", self.pel_2017),
            ("prior_aid.new_functions", self._new_functions),
            ("prior_aid.request_justified", self.request_justified),
            ("prior_aid.pel_report_joined", self.pel_report_joined),
            ("project.qpv", self.qpv),
            ("project.roadmap", self.roadmap),
            ("project.places_analysis", self.places_analysis),
            ("governance.designation", self.designation),
            ("governance.designation_joined", self.designation_joined),
            ("governance.contact", self.contact),
            ("animation.justified", self.animation_justified),
            ("plan.sustainability", self.sustainability),
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
                    " | ".join(f"{f.value} : {cut(f.sentence)}" for f in self.functions),
                )
            )
        facts += [self._fact(name, found) for name, found in singles if found is not None]
        facts += [
            self._joined(name, found)
            for name, found in (
                ("project.excluded_places", self.excluded_places),
                ("project.excluded_places_hedged", self.excluded_hedged),
            )
            if found
        ]
        if self.plan_years:
            plan = next((a for q in ASKED_IN["plan"] if (a := self.answer(q)) is not None), None)
            facts.append(
                Fact(
                    "plan.years",
                    ",".join(self.plan_years),
                    "inferred",
                    self.file,
                    plan.page if plan else None,
                    cut(plan.heading) if plan else "",
                )
            )
        if self.network_places:
            facts.append(
                Fact(
                    "project.network_places",
                    len(self.network_places),
                    "inferred",
                    self.file,
                    self.network_places[0].page,
                    " | ".join(
                        f"{p.name} : {', '.join(p.functions) or '—'}" for p in self.network_places
                    ),
                )
            )
        return tuple(facts)

    @property
    def _new_functions(self) -> Found | None:
        """``new_functions`` for the report: novelty said without a function named is
        "non_nommees" (an empty value would read as nothing found)."""
        found = self.new_functions
        if found is None or found.value != "":
            return found
        return Found("non_nommees", found.sentence, found.page)

    def _joined(self, name: str, found: tuple[Found, ...]) -> Fact:
        """One fact for several findings of one kind: their values, the first page."""
        return Fact(
            name,
            ",".join(str(f.value) for f in found),
            "inferred",
            self.file,
            found[0].page,
            " | ".join(f"{f.value} : {cut(f.sentence)}" for f in found),
        )

    def _fact(self, name: str, found: Found) -> Fact:
        return Fact(name, found.value, "inferred", self.file, found.page, cut(found.sentence))
