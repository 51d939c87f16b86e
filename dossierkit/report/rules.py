"""The call's text, sentence by sentence, with what dossierkit does with each.

``dossierkit regles`` lets an instructor see, for every sentence of the call, which checks
implement it, or why none can ("non vérifiable sur pièces": it happens after the award, it
needs a person's judgement, the data is not public), or that it carries no rule (context).
The text is the call's own (``<call>.source.txt``), split here; the map is data, beside the
call (``<call>.regles.yaml``): a short quote that identifies a sentence, and one of
``checks``, ``unverifiable`` (the reason) or ``context``. Nothing here decides a verdict.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from dossierkit.call import CallFileError
from dossierkit.resources import load_yaml
from dossierkit.text import french_typography

STATUSES = ("checked", "unverifiable", "context")
STATUS_WORDS = {
    "fr": {
        "checked": "vérifiée",
        "unverifiable": "non vérifiable sur pièces",
        "context": "sans règle",
    },
    "en": {
        "checked": "checked",
        "unverifiable": "not verifiable from the files",
        "context": "no rule",
    },
}

_TAG = re.compile(r"<[^>]+>")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_LIST_ITEM = re.compile(r"<li>(.*?)</li>", re.DOTALL)
# A sentence ends at . ? ! (or …) followed by a capital, a quote or a bullet; "fabriquer...
# dans" and "k€/an" do not end one.
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+(?=[A-ZÀÂÇÉÈÊÎÔÛ«\"(])")


def normalise(text: str) -> str:
    """``text`` without markup (HTML tags, bold, links), typographic apostrophes made plain,
    spaces collapsed: how quotes are compared with the call's sentences."""
    text = _LINK.sub(r"\1", html.unescape(text))
    text = _TAG.sub(" ", text).replace("**", "").replace("’", "'").replace("\u00a0", " ")
    return " ".join(text.split())


@dataclass(frozen=True)
class Sentence:
    """One sentence of the call (a list item is at least one), under its section."""

    number: int
    section: str
    text: str


def _heading(line: str) -> str | None:
    """The title of a heading line (``## …`` or a table's bold header), None otherwise."""
    if line.startswith("#"):
        return normalise(line.lstrip("#"))
    bold = re.fullmatch(r"<b>(.*?)</b>\s*", line)
    if bold:
        return normalise(bold.group(1))
    return None


def _pieces(line: str) -> list[str]:
    """The list items of a line (HTML ``<li>`` or ``- …``), else the line itself."""
    items = _LIST_ITEM.findall(line)
    if items:
        return [normalise(item).lstrip("• ").strip() for item in items]
    if line.startswith("- "):
        return [normalise(line[2:])]
    return [normalise(line)]


def split_sentences(source: str) -> list[Sentence]:
    """The call's sentences in order, each with the section it stands under."""
    found: list[Sentence] = []
    section = previous = outer = ""
    for raw in source.splitlines():
        line = raw.strip()
        if "<b>ATTENDUS</b>" in line:
            # The table of expectations and questions: its parts stand under the heading
            # before its first part, which the text after the table returns to.
            outer = outer or previous
            continue
        if re.fullmatch(r"[-\s]+", line) and outer:
            section = outer
            continue
        if not line or re.fullmatch(r"[-\s]+", line):
            continue
        title = _heading(line)
        if title is not None:
            previous, section = section, title
            continue
        for piece in _pieces(line):
            for sentence in _SENTENCE_END.split(piece):
                sentence = sentence.strip()
                if re.search(r"\w", sentence):
                    found.append(Sentence(len(found) + 1, section, sentence))
    return found


@dataclass(frozen=True)
class Entry:
    """One entry of the map: the sentence it quotes and what dossierkit does with it."""

    quote: str
    status: str  # checked | unverifiable | context
    checks: tuple[str, ...]
    reason: dict[str, str]


@dataclass(frozen=True)
class MappedSentence:
    """A sentence of the call with its entries' status, checks and reasons."""

    sentence: Sentence
    status: str
    checks: tuple[str, ...]
    reasons: tuple[dict[str, str], ...]


def _entry(data: object, origin: Path, index: int) -> Entry:
    where = f"Le fichier {origin}, entrée {index + 1}"
    where_en = f"The file {origin}, entry {index + 1}"
    if not isinstance(data, dict) or not isinstance(data.get("quote"), str):
        raise CallFileError(
            f"{where} : une table avec « quote » est attendue.",
            english=f'{where_en}: a mapping with "quote" is expected.',
        )
    kinds = [k for k in ("checks", "unverifiable", "context") if k in data]
    if len(kinds) != 1 or set(data) - {"quote", "checks", "unverifiable", "context", "note"}:
        raise CallFileError(
            f"{where} (« {data['quote']} ») : une seule des clés checks, unverifiable, context.",
            english=f'{where_en} ("{data["quote"]}"): one only of the keys checks, '
            "unverifiable, context.",
        )
    kind = kinds[0]
    checks = data.get("checks") or []
    reason = data.get("unverifiable") or data.get("note") or {}
    if kind == "checks" and (
        not isinstance(checks, list) or not checks or not all(isinstance(c, str) for c in checks)
    ):
        raise CallFileError(
            f"{where} : checks est une liste de codes.",
            english=f"{where_en}: checks is a list of codes.",
        )
    if kind == "unverifiable" and not (
        isinstance(reason, dict) and reason.get("fr") and reason.get("en")
    ):
        raise CallFileError(
            f"{where} : unverifiable donne la raison en français et en anglais.",
            english=f"{where_en}: unverifiable gives the reason in French and in English.",
        )
    status = {"checks": "checked", "unverifiable": "unverifiable", "context": "context"}[kind]
    return Entry(normalise(data["quote"]), status, tuple(checks), dict(reason))


def load_map(path: Path) -> tuple[Entry, ...]:
    """The entries of the map at ``path``."""
    try:
        data = load_yaml(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise CallFileError(
            f"Impossible de lire la carte des règles {path} : {exc}",
            english=f"The rules map {path} cannot be read: {exc}",
        ) from exc
    entries = data.get("sentences") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise CallFileError(
            f"La carte des règles {path} n'a pas de liste « sentences ».",
            english=f'The rules map {path} has no "sentences" list.',
        )
    return tuple(_entry(e, path, i) for i, e in enumerate(entries))


@dataclass(frozen=True)
class RulesMap:
    """The call's sentences mapped, and what does not fit: quotes found in no sentence (or in
    several), sentences no entry quotes."""

    sentences: tuple[MappedSentence, ...]
    unmatched_quotes: tuple[str, ...]
    ambiguous_quotes: tuple[str, ...]
    unmapped: tuple[Sentence, ...]

    def count(self, status: str) -> int:
        """How many sentences have ``status``."""
        return sum(1 for s in self.sentences if s.status == status)


def _status(entries: list[Entry]) -> str:
    """A sentence quoted by several entries is checked if any checks it, else unverifiable
    if any gives a reason, else context."""
    return next(s for s in STATUSES if any(e.status == s for e in entries))


def map_sentences(sentences: list[Sentence], entries: tuple[Entry, ...]) -> RulesMap:
    """Each sentence with the entries whose quote it contains."""
    by_sentence: dict[int, list[Entry]] = {s.number: [] for s in sentences}
    unmatched, ambiguous = [], []
    for entry in entries:
        hits = [s for s in sentences if entry.quote in s.text]
        if not hits:
            unmatched.append(entry.quote)
        elif len(hits) > 1:
            ambiguous.append(entry.quote)
        for s in hits[:1]:
            by_sentence[s.number].append(entry)
    mapped, unmapped = [], []
    for s in sentences:
        found = by_sentence[s.number]
        if not found:
            unmapped.append(s)
            continue
        checks = tuple(dict.fromkeys(c for e in found for c in e.checks))
        reasons = tuple(e.reason for e in found if e.reason)
        mapped.append(MappedSentence(s, _status(found), checks, reasons))
    return RulesMap(tuple(mapped), tuple(unmatched), tuple(ambiguous), tuple(unmapped))


def call_rules(call_path: Path) -> RulesMap:
    """The map of the call file at ``call_path``: its source text (``source_document``) and
    its ``<stem>.regles.yaml``."""
    data = load_yaml(call_path.read_text(encoding="utf-8"))
    source_name = data.get("source_document") if isinstance(data, dict) else None
    if not source_name:
        raise CallFileError(
            f"Le fichier d'appel {call_path} ne nomme pas son texte (source_document).",
            english=f"The call file {call_path} does not name its text (source_document).",
        )
    source = call_path.with_name(source_name)
    map_path = call_path.with_name(f"{call_path.stem}.regles.yaml")
    if not source.is_file() or not map_path.is_file():
        missing = source if not source.is_file() else map_path
        raise CallFileError(
            f"Le fichier {missing} est introuvable : la carte des règles demande le texte de l'appel et sa carte.",
            english=f"The file {missing} cannot be found: the rules map needs the call's text "
            "and its map.",
        )
    return map_sentences(split_sentences(source.read_text(encoding="utf-8")), load_map(map_path))


_TITLE = {
    "fr": "Les règles de l'appel, phrase par phrase",
    "en": "The call's rules, sentence by sentence",
}
_INTRO = {
    "fr": "Le texte de l'appel ({title}), phrase par phrase, avec les contrôles de dossierkit "
    "qui vérifient chacune, ou la raison pour laquelle elle ne se vérifie pas sur les pièces, ou "
    "« sans règle » quand elle n'en pose pas. Page générée par `dossierkit regles --format "
    "markdown` d'après `{map}`.",
    "en": "The text of the call ({title}), sentence by sentence, quoted in French as the call "
    "is published, with the dossierkit checks that verify each, or why it cannot be verified "
    'from the files, or "no rule" when it sets none. Page generated by `dossierkit regles '
    "--format markdown --lang en` from `{map}`.",
}
_SUMMARY = {
    "fr": "{checked} phrases vérifiées sur les pièces, {unverifiable} non vérifiables sur "
    "pièces (laissées à une personne), {context} sans règle, sur {total}.",
    "en": "{checked} sentences checked from the files, {unverifiable} not verifiable from the "
    "files (left to a person), {context} with no rule, out of {total}.",
}
_HEADER = {
    "fr": "| n° | Phrase de l'appel | Statut | Contrôles, ou pourquoi |",
    "en": "| No. | Sentence of the call | Status | Checks, or why |",
}


def summary(rules: RulesMap, lang: str) -> str:
    """``55 phrases vérifiées sur les pièces, 6 non vérifiables…``: the counts."""
    counts = {s: rules.count(s) for s in STATUSES}
    return _typeset(
        _SUMMARY.get(lang, _SUMMARY["fr"]).format(**counts, total=len(rules.sentences)), lang
    )


def _typeset(text: str, lang: str) -> str:
    """French typography's spaces in what dossierkit writes (never in the call's quotes)."""
    return french_typography(text) if lang == "fr" else text


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _why(s: MappedSentence, lang: str, names: dict[str, str]) -> str:
    checks = ", ".join(f"{c} ({names[c]})" if c in names else c for c in s.checks)
    reasons = " ".join(r.get(lang) or r["fr"] for r in s.reasons)
    return " ".join(part for part in (checks, _typeset(reasons, lang)) if part)


def rules_markdown(
    rules: RulesMap, title: str, map_name: str, lang: str, names: dict[str, str]
) -> str:
    """The map as a Markdown page: sections of the call, one table row per sentence.
    ``names`` gives each known check code its name."""
    words = STATUS_WORDS.get(lang, STATUS_WORDS["fr"])
    lines = [
        f"# {_TITLE.get(lang, _TITLE['fr'])}",
        "",
        _typeset(_INTRO.get(lang, _INTRO["fr"]).format(title=title, map=map_name), lang),
        "",
        f"**{summary(rules, lang)}**",
    ]
    section = None
    for s in rules.sentences:
        if s.sentence.section != section:
            section = s.sentence.section
            lines += [
                "",
                f"## {section or '—'}",
                "",
                _HEADER.get(lang, _HEADER["fr"]),
                "|---|---|---|---|",
            ]
        lines.append(
            f"| {s.sentence.number} | {_cell(s.sentence.text)} | {words[s.status]} | "
            f"{_cell(_why(s, lang, names))} |"
        )
    return "\n".join(lines) + "\n"


def rules_data(rules: RulesMap, lang: str) -> dict[str, object]:
    """The map as plain data (``--format json``)."""
    return {
        "counts": {s: rules.count(s) for s in STATUSES} | {"total": len(rules.sentences)},
        "sentences": [
            {
                "number": s.sentence.number,
                "section": s.sentence.section,
                "text": s.sentence.text,
                "status": s.status,
                "checks": list(s.checks),
                "reasons": [r.get(lang) or r["fr"] for r in s.reasons],
            }
            for s in rules.sentences
        ],
    }
