"""The words by which an answer affirms, denies or leaves open what the call asks
(``cues.yaml`` beside this module), as patterns of folded text.

They are words of French, not rules of the call: which schemes count as a prior aid, which
places are excluded, how many years the plan covers are read in the call file. The cues are
loaded once per process; a malformed file is a programming error caught by the tests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from dossierkit.pieces.technique.words import Phrases, any_of
from dossierkit.resources import load_yaml
from dossierkit.text import fold

_FILE = Path(__file__).with_name("cues.yaml")


def _exact(phrase: str) -> str:
    """The regular expression of ``phrase`` read as written: folded, a final ``*`` standing
    for any ending of its last word."""
    open_end = phrase.endswith("*")
    folded = fold(phrase.rstrip("*!"))
    return re.escape(folded) + ("[a-z0-9]*" if open_end else "")


def exact(phrases: tuple[str, ...]) -> Phrases:
    """What finds any of ``phrases`` read as written."""
    found = any_of((), tuple(_exact(p) for p in phrases))
    assert found is not None, "an empty list of cues"
    return found


def tolerant(phrases: tuple[str, ...]) -> Phrases:
    """What finds any of ``phrases`` as the lexicon reads them (small words optional, short
    endings), those ending with ``!`` read as written."""
    plain = tuple(p for p in phrases if not p.endswith("!"))
    written = tuple(_exact(p) for p in phrases if p.endswith("!"))
    found = any_of(plain, written)
    assert found is not None, "an empty list of cues"
    return found


@dataclass(frozen=True)
class Cues:
    """The cues of ``cues.yaml``, as patterns."""

    denials: Phrases
    denials_after: Phrases
    possibilities: Phrases
    hedges: Phrases
    facts: dict[str, Phrases]
    excluded: dict[str, Phrases]

    def fact(self, name: str) -> Phrases:
        """The phrases that show the fact ``name``."""
        return self.facts[name]


def _phrases(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError(f"{_FILE}: a list of phrases is expected, not {value!r}")
    return tuple(value)


@cache
def cues() -> Cues:
    """The cues, read once."""
    data = load_yaml(_FILE.read_text(encoding="utf-8"))
    facts = dict(data["facts"])
    excluded = facts.pop("excluded")
    return Cues(
        denials=exact(_phrases(data["denials"])),
        denials_after=exact(_phrases(data["denials_after"])),
        possibilities=exact(_phrases(data["possibilities"])),
        hedges=exact(_phrases(data["hedges"])),
        facts={name: tolerant(_phrases(v)) for name, v in facts.items()},
        excluded={name: tolerant(_phrases(v)) for name, v in excluded.items()},
    )
