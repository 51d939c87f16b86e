"""Documentation of the checks, generated from the registry (``dossierkit checks``)."""

from __future__ import annotations

import inspect

from dossierkit.checks import ALL_CHECKS, Check

# Checks of one dossier, then those of triage (group I), which compare dossiers.
DOCUMENTED: tuple[type[Check], ...] = ALL_CHECKS

SEVERITY_WORDS = {
    "fr": {"error": "erreur", "warning": "avertissement", "info": "information"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}


def summary_line(check: type[Check]) -> str:
    """First line of the check's docstring: what it finds."""
    return (inspect.getdoc(check) or "").split("\n", 1)[0]


def body(check: type[Check]) -> str:
    """The rest of the docstring: why the call demands it, how to fix it."""
    doc = inspect.getdoc(check) or ""
    return " ".join(doc.split("\n", 1)[1].split()) if "\n" in doc else ""


def checks_markdown(lang: str = "fr") -> str:
    """A Markdown table of every check, for the README."""
    words = SEVERITY_WORDS[lang]
    head = (
        "| code | nom | gravité | ce qui est signalé |"
        if lang == "fr"
        else "| code | name | severity | what it reports |"
    )
    lines = [head, "|---|---|---|---|"]
    for check in DOCUMENTED:
        lines.append(
            f"| {check.code} | `{check.name}` | {words[check.severity.value]} | "
            f"{summary_line(check)} {body(check)} |"
        )
    return "\n".join(lines) + "\n"


def checks_text(lang: str = "fr") -> str:
    """A plain listing of every check for the terminal."""
    words = SEVERITY_WORDS[lang]
    blocks = []
    for check in DOCUMENTED:
        blocks.append(
            f"{check.code}  {check.name}  [{words[check.severity.value]}]\n"
            f"    {summary_line(check)}\n    {body(check)}"
        )
    return "\n\n".join(blocks) + "\n"
