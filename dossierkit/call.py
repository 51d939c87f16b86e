"""The call for projects as data: load a call file, validate it, and expose typed rules.

Every rule dossierkit applies comes from this file, never from the code, so that the Région
can describe a new call (or correct this one) without a developer. A call file that breaks
``schemas/call.schema.json`` is refused with the JSON path of the fault.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from dossierkit.errors import CallError
from dossierkit.resources import cache_folder, calls_dir, load_schema, load_yaml, schema_path
from dossierkit.text import fold

DEFAULT_CALL = "tiers-lieux-numerique.yaml"

Facts = dict[str, object]


class CallFileError(CallError):
    """A call file that cannot be used; the message says where and why, in French and in
    English (``DossierkitError.text``)."""


@dataclass(frozen=True)
class Condition:
    """``fact`` equals (or differs from) ``value``; unknown facts make the answer unknown."""

    fact: str
    value: object
    negate: bool

    def evaluate(self, facts: Facts) -> bool | None:
        """True, False, or None when the fact is not known for this dossier."""
        actual = facts.get(self.fact)
        if actual is None:
            return None
        return (actual == self.value) != self.negate


@dataclass(frozen=True)
class Marker:
    """A pattern of the folded text and how strongly it points to a piece."""

    pattern: re.Pattern[str]
    weight: int


@dataclass(frozen=True)
class PieceSpec:
    """A piece of the call (or an annex) and how to recognise it."""

    kind: str
    label: dict[str, str]
    source: str
    help: dict[str, str]
    required_when: Condition | None
    names: tuple[re.Pattern[str], ...]
    markers: tuple[Marker, ...]

    def is_required(self, facts: Facts) -> bool | None:
        """Whether the dossier must contain this piece; None when the facts don't tell."""
        if self.required_when is None:
            return True
        return self.required_when.evaluate(facts)


@dataclass(frozen=True)
class Question:
    """A question of the dossier technique, with the condition under which it applies."""

    id: str
    section: str
    text: str
    source: str
    applies_when: Condition | None
    annex: str | None
    # Folded words that name the question in a heading of the applicant's own.
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class QuestionWords:
    """How applicants name a question in a title, and what an answer to it says whatever its
    title: ``evidence`` is a list of groups of phrases, one of each found in one passage."""

    titles: tuple[str, ...]
    evidence: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Lexicon:
    """The plain words of the call's functions and questions (the ``.lexicon.yaml`` file
    beside the call): phrases as written, accents and case included, ``*`` ending a word
    meaning any ending. Empty for a call file without a lexicon."""

    functions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    questions: dict[str, QuestionWords] = field(default_factory=dict)


@dataclass(frozen=True)
class AnimationAid:
    """Animation aid: ``rates[n] × min(expenses of year n, base_cap)``."""

    base_cap: Decimal
    rates: tuple[Decimal, ...]
    source: str


@dataclass(frozen=True)
class EquipmentAid:
    """Equipment aid: ``min(rate × equipment expenses, cap)`` over the project."""

    rate: Decimal
    cap: Decimal
    source: str


@dataclass(frozen=True)
class Addressee:
    """To whom the request letter is sent: the address to write, the phrase that names the
    addressee in a message (``to``, by language), and the folded-text patterns that must all
    be found in the letter's header."""

    value: str
    to: dict[str, str]
    patterns: tuple[re.Pattern[str], ...]
    source: str


@dataclass(frozen=True)
class Eligibility:
    """One condition of eligibility, said plainly (``text`` by language), with its sentence."""

    id: str
    text: dict[str, str]
    source: str


@dataclass(frozen=True)
class ExceptionalAid:
    """An aid the call's aid cannot be combined with: a former scheme's exceptional aid of
    one year (the PEL aid of 2017)."""

    scheme: str
    year: int


@dataclass(frozen=True)
class Call:
    """One call for projects, as loaded from its file."""

    id: str
    version: str
    title: dict[str, str]
    funder: str
    pieces: tuple[PieceSpec, ...]
    annexes: tuple[PieceSpec, ...]
    sections: dict[str, dict[str, str]]
    questions: tuple[Question, ...]
    functions: tuple[tuple[str, str], ...]
    functions_minimum: int
    functions_source: str
    animation_aid: AnimationAid
    equipment_aid: EquipmentAid
    raw: dict[str, Any]
    # Each function's regular expressions on folded text (its label when the call gives none).
    function_patterns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    lexicon: Lexicon = field(default_factory=Lexicon)
    addressee: Addressee | None = None
    eligibility: tuple[Eligibility, ...] = ()
    # Former regional schemes a place may have been aided by, and the exceptional aid the
    # call's aid does not combine with (empty / None when the call says nothing of them).
    former_schemes: tuple[str, ...] = ()
    exceptional_aid: ExceptionalAid | None = None
    former_aid_source: str = ""
    # Départements (INSEE codes) where an already aided place joins the PEL report.
    pel_report_departements: tuple[str, ...] = ()
    pel_report_source: str = ""
    # Kinds of places the call excludes (folded identifiers: ``telecentre``).
    excluded_places: tuple[str, ...] = ()
    excluded_places_source: str = ""
    # Length of the action plan in years: the call's ``plan.years``, else one per rate of
    # the animation aid.
    plan_years: int = 0
    plan_source: str = ""

    def spec(self, kind: str) -> PieceSpec:
        """The piece or annex of this kind."""
        for spec in (*self.pieces, *self.annexes):
            if spec.kind == kind:
                return spec
        raise KeyError(kind)

    def rule(self, rule_id: str) -> Eligibility | None:
        """The eligibility condition of this id, None when the call has none."""
        return next((e for e in self.eligibility if e.id == rule_id), None)

    def label(self, kind: str | None, lang: str) -> str:
        """Human name of a piece or annex kind."""
        if kind is None:
            return "—"
        return self.spec(kind).label[lang]


def _condition(data: dict[str, Any] | None) -> Condition | None:
    if data is None:
        return None
    if "equals" in data:
        return Condition(data["fact"], data["equals"], negate=False)
    return Condition(data["fact"], data["not_equals"], negate=True)


def _piece(data: dict[str, Any]) -> PieceSpec:
    return PieceSpec(
        kind=data["kind"],
        label=data["label"],
        source=data["source"],
        help=data.get("help", data["label"]),
        required_when=_condition(data.get("required_when")),
        names=tuple(re.compile(p) for p in data["names"]),
        markers=tuple(Marker(re.compile(m["pattern"]), m["weight"]) for m in data["markers"]),
    )


def _addressee(data: dict[str, Any] | None) -> Addressee | None:
    if data is None:
        return None
    value = data["value"]
    return Addressee(
        value=value,
        to=data.get("to", {"fr": value, "en": value}),
        patterns=tuple(re.compile(p) for p in data.get("patterns", ())),
        source=data["source"],
    )


def _exceptional(data: dict[str, Any] | None) -> ExceptionalAid | None:
    return None if data is None else ExceptionalAid(data["scheme"], data["year"])


def _phrases(value: object, where: str, origin: Path) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise CallFileError(
            f"Le lexique {origin} n'est pas valide : à {where}, une liste d'expressions est attendue.",
            english=f"The lexicon {origin} is not valid: at {where}, a list of phrases is expected.",
        )
    return tuple(value)


def load_lexicon(path: Path, questions: set[str], functions: set[str]) -> Lexicon:
    """The lexicon at ``path`` (empty when there is none), its ids checked against the call's
    ``questions`` and ``functions``."""
    if not path.is_file():
        return Lexicon()
    try:
        data = load_yaml(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise CallFileError(
            f"Impossible de lire le lexique {path} : {exc}",
            english=f"The lexicon {path} cannot be read: {exc}",
        ) from exc
    if not isinstance(data, dict) or set(data) - {"functions", "questions"}:
        raise CallFileError(
            f"Le lexique {path} n'est pas valide : seules les clés functions et questions sont permises.",
            english=f"The lexicon {path} is not valid: only the keys functions and questions are "
            "allowed.",
        )
    words = data.get("functions") or {}
    asked = data.get("questions") or {}
    if not isinstance(words, dict) or not isinstance(asked, dict):
        raise CallFileError(
            f"Le lexique {path} n'est pas valide : functions et questions sont des tables.",
            english=f"The lexicon {path} is not valid: functions and questions are mappings.",
        )
    unknown = sorted((set(words) - functions) | (set(asked) - questions))
    if unknown:
        raise CallFileError(
            f"Le lexique {path} nomme des fonctions ou des questions que l'appel n'a pas : "
            + ", ".join(map(str, unknown)),
            english=f"The lexicon {path} names functions or questions the call does not have: "
            + ", ".join(map(str, unknown)),
        )
    parsed: dict[str, QuestionWords] = {}
    for qid, entry in asked.items():
        if not isinstance(entry, dict) or set(entry) - {"titles", "evidence"}:
            raise CallFileError(
                f"Le lexique {path} n'est pas valide : à questions.{qid}, seules titles et evidence sont permises.",
                english=f"The lexicon {path} is not valid: at questions.{qid}, only titles and "
                "evidence are allowed.",
            )
        evidence = entry.get("evidence") or []
        if not isinstance(evidence, list):
            raise CallFileError(
                f"Le lexique {path} n'est pas valide : à questions.{qid}.evidence, une liste de groupes est attendue.",
                english=f"The lexicon {path} is not valid: at questions.{qid}.evidence, a list of "
                "groups is expected.",
            )
        parsed[qid] = QuestionWords(
            titles=_phrases(entry.get("titles") or [], f"questions.{qid}.titles", path),
            evidence=tuple(
                _phrases(group, f"questions.{qid}.evidence[{n}]", path)
                for n, group in enumerate(evidence)
            ),
        )
    return Lexicon(
        functions={fid: _phrases(v, f"functions.{fid}", path) for fid, v in words.items()},
        questions=parsed,
    )


def validate_call_data(data: object, origin: str) -> None:
    """Raise CallFileError naming the JSON path of the first fault, if any."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(
        load_schema("call.schema.json"), format_checker=jsonschema.FormatChecker()
    )
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        best = jsonschema.exceptions.best_match(errors)
        raise CallFileError(
            f"Le fichier d'appel {origin} n'est pas valide : à {best.json_path}, {best.message}",
            english=f"The call file {origin} is not valid: at {best.json_path}, {best.message}",
        )


def _validate_once(data: object, text: str, origin: str) -> None:
    """``validate_call_data``, skipped for a call text already found valid against the same
    schema: importing jsonschema and validating cost 0.13 s at every start of the command,
    for the call that has not changed since the last one. A text found valid leaves an empty
    file named by the digest of the schema and the text in the cache folder; a call or a
    schema edited since has another digest and is validated again, and an invalid call is
    never marked. A cache folder that cannot be written only costs the validation."""
    digest = hashlib.sha256(schema_path("call.schema.json").read_bytes())
    digest.update(text.encode("utf-8"))
    mark = cache_folder() / "calls" / f"{digest.hexdigest()}.valid"
    with contextlib.suppress(OSError):
        if mark.is_file():
            return
    validate_call_data(data, origin)
    with contextlib.suppress(OSError):
        mark.parent.mkdir(parents=True, exist_ok=True)
        mark.touch()


def load_call(path: Path | None = None) -> Call:
    """Load and validate a call file; the bundled call when ``path`` is None."""
    path = path or calls_dir() / DEFAULT_CALL
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CallFileError(
            f"Impossible de lire le fichier d'appel {path} : {exc}",
            english=f"The call file {path} cannot be read: {exc}",
        ) from exc
    try:
        data = load_yaml(text)
    except yaml.YAMLError as exc:
        raise CallFileError(
            f"Le fichier d'appel {path} n'est pas du YAML valide : {exc}",
            english=f"The call file {path} is not valid YAML: {exc}",
        ) from exc
    _validate_once(data, text, str(path))
    kinds = [p["kind"] for p in data["pieces"] + data["annexes"]]
    if len(set(kinds)) != len(kinds):
        raise CallFileError(
            f"Le fichier d'appel {path} définit deux fois la même pièce.",
            english=f"The call file {path} defines the same piece twice.",
        )
    former = data.get("former_aid") or {}
    pel = former.get("pel_report") or {}
    excluded = data.get("excluded_places") or {}
    plan = data.get("plan") or {}
    return Call(
        id=data["id"],
        version=data["version"],
        title=data["title"],
        funder=data["funder"],
        pieces=tuple(_piece(p) for p in data["pieces"]),
        annexes=tuple(_piece(p) for p in data["annexes"]),
        sections={s["id"]: s["title"] for s in data["sections"]},
        questions=tuple(
            Question(
                id=q["id"],
                section=q["section"],
                text=q["text"],
                source=q["source"],
                applies_when=_condition(q.get("applies_when")),
                annex=q.get("annex"),
                keywords=tuple(q.get("keywords", ())),
            )
            for q in data["questions"]
        ),
        functions=tuple((f["id"], f["label"]) for f in data["functions"]["list"]),
        functions_minimum=data["functions"]["minimum"],
        functions_source=data["functions"]["source"],
        animation_aid=AnimationAid(
            base_cap=Decimal(data["aid"]["animation"]["base_cap"]),
            rates=tuple(Decimal(r) for r in data["aid"]["animation"]["rates"]),
            source=data["aid"]["animation"]["source"],
        ),
        equipment_aid=EquipmentAid(
            rate=Decimal(data["aid"]["equipment"]["rate"]),
            cap=Decimal(data["aid"]["equipment"]["cap"]),
            source=data["aid"]["equipment"]["source"],
        ),
        raw=data,
        function_patterns={
            f["id"]: tuple(f.get("patterns") or [re.escape(fold(f["label"]))])
            for f in data["functions"]["list"]
        },
        addressee=_addressee(data.get("addressee")),
        eligibility=tuple(
            Eligibility(e["id"], e["text"], e["source"]) for e in data.get("eligibility", ())
        ),
        former_schemes=tuple(former.get("schemes", ())),
        exceptional_aid=_exceptional(former.get("exceptional")),
        former_aid_source=former.get("source", ""),
        pel_report_departements=tuple(pel.get("departements", ())),
        pel_report_source=pel.get("source", ""),
        excluded_places=tuple(excluded.get("list", ())),
        excluded_places_source=excluded.get("source", ""),
        plan_years=plan.get("years", len(data["aid"]["animation"]["rates"])),
        plan_source=plan.get("source", data["aid"]["animation"]["source"]),
        lexicon=load_lexicon(
            path.with_name(f"{path.stem}.lexicon.yaml"),
            {q["id"] for q in data["questions"]},
            {f["id"] for f in data["functions"]["list"]},
        ),
    )
