"""The form as the applicant filled it on the platform, read from its PDF.

Démarches Simplifiées prints each field in one of two ways (``dossiers/show.pdf.prawn``): a
label, a colon and the value on one line (« Déposé le : 02 mars 26 14:31 »), or the label
on a line and the value under it; a file field lists its files as « - nom.pdf ». The form is
never a piece of the dossier: it is read for what it declares.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dossierkit.limits import DEFAULT_LIMITS, Limits
from dossierkit.reading.isolation import Outcome, read_files


@dataclass(frozen=True)
class FormText:
    """The lines of a form PDF, searched by label."""

    lines: tuple[str, ...] = ()
    problem: str | None = None  # French: why it could not be read
    _cache: dict[str, re.Pattern[str]] = field(default_factory=dict, compare=False)

    def _pattern(self, label: str) -> re.Pattern[str]:
        if label not in self._cache:
            words = r"\s+".join(re.escape(w) for w in label.split())
            self._cache[label] = re.compile(rf"^{words}\s*(?::\s*(.*))?$", re.IGNORECASE)
        return self._cache[label]

    def value(self, labels: tuple[str, ...]) -> str | None:
        """The value the first of ``labels`` found carries: after its colon, else on the
        next line (unless that line is a file list or empty)."""
        for label in labels:
            pattern = self._pattern(label)
            for i, line in enumerate(self.lines):
                match = pattern.match(line)
                if match is None:
                    continue
                if match.group(1):
                    return match.group(1).strip()
                following = self.lines[i + 1] if i + 1 < len(self.lines) else ""
                if following and not following.startswith("- "):
                    return following.strip()
        return None

    def files(self, label: str) -> tuple[str, ...]:
        """The names of the files the field ``label`` lists (« - Budget.xlsx »)."""
        pattern = self._pattern(label)
        for i, line in enumerate(self.lines):
            if pattern.match(line):
                names = []
                for following in self.lines[i + 1 :]:
                    if not following.startswith("- "):
                        break
                    names.append(following[2:].strip())
                return tuple(names)
        return ()


def _form(outcome: Outcome) -> FormText:
    if outcome.document is None:
        return FormText(problem=f"illisible ({outcome.detail or outcome.problem})")
    lines = outcome.document.lines()
    return FormText(lines=tuple(" ".join(t.replace("\u00a0", " ").split()) for _, t in lines))


def read_forms(paths: Sequence[Path], limits: Limits = DEFAULT_LIMITS) -> dict[Path, FormText]:
    """The forms at ``paths`` (PDFs), each read as any file of a dossier is: in a reader
    process, under ``limits`` (time, memory, pages), so that a form that hangs or crashes its
    reader is a form that could not be read (``problem``), never a stopped triage."""
    outcomes = read_files([(path, "pdf") for path in paths], limits)
    return {path: _form(outcome) for path, outcome in zip(paths, outcomes, strict=True)}
