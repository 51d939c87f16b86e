"""The terminal checklist: what a person reads after ``dossierkit verify``.

Readable without colour (statuses are words, not only colours) and without a terminal
(plain text when piped or in CI).

Everything printed comes from strangers (file names, text read in documents, a dossier.yaml):
it is printed as text, never as markup, and with its control characters shown (``\\x1b``),
so that no name or document can forge a line of the report, clear the screen or retitle
the window. File names come already escaped, reversibly, from discovery.
"""

from __future__ import annotations

import re
import sys
from typing import Any, TextIO, cast

from rich.console import Console, Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from dossierkit.discovery import visible_text
from dossierkit.pieces.letterhead import KINDS
from dossierkit.report.aid import render_aid
from dossierkit.text import counted, french_typography

STRINGS: dict[str, dict[str, Any]] = {
    "fr": {
        "title": "Vérification du dossier « {dossier} »",
        "call": "Appel\u00a0: {call}",
        "structure": "Structure\u00a0: {name} ({kind})",
        "structure_no_kind": "Structure\u00a0: {name} (forme non reconnue)",
        "structure_unknown": "Structure\u00a0: non identifiée",
        "unknown": "non identifiée",
        "epci": "Intercommunalité\u00a0: {name}",
        "pieces": "Pièces demandées",
        "annexes": "Annexes",
        "findings": "Constats",
        "none": "Aucun constat.",
        "ok": "présente",
        "missing": "MANQUANTE",
        "invalid": "ILLISIBLE",
        "empty": "SANS CONTENU",
        "not_required": "sans objet",
        "error": "ERREUR",
        "warning": "ATTENTION",
        "info": "info",
        "pages": "{n} p.",
        "range": "pages {first}\u2013{last}",
        "one_page": "page {first}",
        "reason": "retenu : {reason}",
        "continues": "suite de « {path} »",
        "same_document": "même document que « {path} »",
        "n_empty": "{n} pièce sans contenu|{n} pièces sans contenu",
        "complete": "Dossier complet.",
        "incomplete": "Dossier incomplet : {details}.",
        "n_missing": "{n} pièce manquante|{n} pièces manquantes",
        "n_invalid": "{n} pièce illisible|{n} pièces illisibles",
        "n_errors": "{n} erreur|{n} erreurs",
        "n_warnings": "{n} avertissement|{n} avertissements",
        "with_warnings": "Dossier complet, avec {n} avertissement à regarder.|"
        "Dossier complet, avec {n} avertissements à regarder.",
        "kinds": {kind: labels[0] for kind, labels in KINDS.items()},
        "unused": "non retenu",
        "aid": "Aide régionale : plafonds de l'appel et montants demandés au budget",
        "unreadable": "illisible",
        "annex": "annexe",
    },
    "en": {
        "title": 'Checking dossier "{dossier}"',
        "call": "Call: {call}",
        "structure": "Applicant: {name} ({kind})",
        "structure_no_kind": "Applicant: {name} (legal form not recognised)",
        "structure_unknown": "Applicant: not identified",
        "unknown": "not identified",
        "epci": "Intercommunality: {name}",
        "pieces": "Requested pieces",
        "annexes": "Annexes",
        "findings": "Findings",
        "none": "No findings.",
        "ok": "present",
        "missing": "MISSING",
        "invalid": "UNREADABLE",
        "empty": "NO CONTENT",
        "not_required": "not required",
        "error": "ERROR",
        "warning": "WARNING",
        "info": "info",
        "pages": "{n} p.",
        "range": "pages {first}\u2013{last}",
        "one_page": "page {first}",
        "reason": "used: {reason}",
        "continues": 'continues "{path}"',
        "same_document": 'same document as "{path}"',
        "n_empty": "{n} piece without content|{n} pieces without content",
        "complete": "Dossier complete.",
        "incomplete": "Dossier incomplete: {details}.",
        "n_missing": "{n} missing piece|{n} missing pieces",
        "n_invalid": "{n} unreadable piece|{n} unreadable pieces",
        "n_errors": "{n} error|{n} errors",
        "n_warnings": "{n} warning|{n} warnings",
        "with_warnings": "Dossier complete, with {n} warning to look at.|"
        "Dossier complete, with {n} warnings to look at.",
        "kinds": {kind: labels[1] for kind, labels in KINDS.items()},
        "unused": "not used",
        "aid": "Regional aid: the call's ceilings and the amounts requested in the budget",
        "unreadable": "unreadable",
        "annex": "annex",
    },
}
_STYLE = {
    "ok": "green",
    "missing": "bold red",
    "invalid": "bold red",
    "empty": "bold red",
    "not_required": "dim",
    "error": "bold red",
    "warning": "yellow",
    "info": "cyan",
}


def visible(value: Any) -> Any:
    """``value`` (a report, or any part of it) with every string's control and invisible
    characters shown as escapes (``discovery.visible_text``, the same as names): a line
    break too, since none of the report's strings holds one (a message is one line); the
    no-break spaces of French typography stay as they are."""
    if isinstance(value, str):
        return visible_text(value)
    if isinstance(value, dict):
        return {key: visible(item) for key, item in value.items()}
    if isinstance(value, list):
        return [visible(item) for item in value]
    return value


def typeset(value: Any) -> Any:
    """``value`` (a string, or the templates of ``STRINGS``) with French typography's
    no-break spaces (``text.french_typography``): the templates are typed with plain spaces
    and bound here, where they are rendered, as the JSON report keeps its plain ones."""
    if isinstance(value, str):
        return french_typography(value)
    if isinstance(value, dict):
        return {key: typeset(item) for key, item in value.items()}
    return value


def _typeset_around(text: str, names: re.Pattern[str] | None) -> str:
    """``text`` typeset, except the file and dossier names ``names`` finds in it: a name is
    printed as it is on disk (« Budget ?.pdf » keeps its space), so that it can be found
    and copied; the guillemets around it are the message's own and bound."""
    if names is None:
        return french_typography(text)
    parts = names.split(text)
    return "".join(part if i % 2 else french_typography(part) for i, part in enumerate(parts))


def _french_report(report: dict[str, Any]) -> dict[str, Any]:
    """The report's words that dossierkit wrote (pieces' labels, the reason a file was
    chosen, findings' messages, the aid's arithmetic) typeset the French way; the dossier's
    and files' names, and the facts read in documents, as they are."""
    given = {f["path"] for f in report["files"]} | {report["dossier"]}
    paths = sorted(filter(None, given), key=len, reverse=True)
    names = re.compile("(" + "|".join(map(re.escape, paths)) + ")") if paths else None

    def files(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [
            {**f, "reason": _typeset_around(f["reason"], names)} if "reason" in f else f
            for f in entries
        ]

    def pieces(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [
            {**p, "label": french_typography(p["label"]), "files": files(p["files"])}
            for p in entries
        ]

    aid = report.get("aid")
    if aid:  # held before ``render_aid`` sees it: typeset now
        explained = [*aid["animation"], *([aid["equipment"]] if aid["equipment"] else [])]
        for entry in explained:  # entries of ``visible``'s copy, not the caller's report
            entry["explanation"] = french_typography(entry["explanation"])
    return {
        **report,
        "pieces": pieces(report["pieces"]),
        "annexes": pieces(report["annexes"]),
        "findings": [
            {**f, "message": _typeset_around(f["message"], names)} for f in report["findings"]
        ],
    }


def _fact(report: dict[str, Any], name: str) -> Any:
    values = [f["value"] for f in report["facts"] if f["name"] == name]
    declared = [
        f["value"] for f in report["facts"] if f["name"] == name and f["origin"] == "declared"
    ]
    return (declared or values or [None])[0]


def _files_cell(files: list[dict[str, Any]], readable: dict[str, bool], s: dict[str, Any]) -> Text:
    text = Text()
    for i, f in enumerate(files):
        if i:
            text.append("\n")
        text.append(f["path"], style=None if f["used"] else "dim")
        if pages := f.get("page_range"):
            key = "one_page" if pages["first"] == pages["last"] else "range"
            text.append(", " + s[key].format(**pages))
        elif f["pages"]:
            text.append(_bound(" (" + s["pages"].format(n=f["pages"]) + ")"), style="dim")
        if not readable.get(f["path"], True):
            text.append(f" — {s['unreadable']}", style="red")
        elif "continues" in f:
            text.append(" — " + s["continues"].format(path=f["continues"]), style="dim")
        elif "same_document_as" in f:
            text.append(" — " + s["same_document"].format(path=f["same_document_as"]), style="dim")
        elif not f["used"]:
            text.append(f" — {s['unused']}", style="dim")
        elif "reason" in f:
            text.append(" — " + s["reason"].format(reason=f["reason"]), style="dim")
    return text


# Below this width the pieces' table has two columns, the files under the piece's label:
# three columns of 14 characters would break every label and file name.
_NARROW = 60


def _pieces_table(
    rows: list[tuple[Text, str, list[dict[str, Any]]]],
    readable: dict[str, bool],
    s: dict[str, Any],
    width: int,
) -> Table:
    """The pieces: status, label and files side by side, or in a narrow terminal the files
    indented under the label. A word wider than its column (a long file name) is folded
    onto the next line rather than cut with « … »: every character stays shown."""
    table = Table(
        title=s["pieces"], title_justify="left", show_header=False, box=None, pad_edge=False
    )
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")
    if width >= _NARROW:
        table.add_column(overflow="fold")
    for status, label, files in rows:
        cell = _files_cell(files, readable, s)
        if width >= _NARROW:
            table.add_row(status, label, cell)
        elif files:
            table.add_row(status, Group(Text(label), Padding(cell, (0, 0, 0, 2))))
        else:
            table.add_row(status, label)
    return table


def _summary(report: dict[str, Any], s: dict[str, Any], lang: str) -> Text:
    summary = report["summary"]

    def count(key: str, n: int) -> str:
        return counted(n, s[key], lang)

    if report["status"] == "complete":
        if summary["warnings"]:
            return Text(count("with_warnings", summary["warnings"]), style="bold yellow")
        return Text(s["complete"], style="bold green")
    details = []
    if summary["missing"]:
        details.append(count("n_missing", len(summary["missing"])))
    if summary["invalid"]:
        details.append(count("n_invalid", len(summary["invalid"])))
    if summary.get("empty"):
        details.append(count("n_empty", len(summary["empty"])))
    details.append(count("n_errors", summary["errors"]))
    if summary["warnings"]:
        details.append(count("n_warnings", summary["warnings"]))
    return Text(s["incomplete"].format(details=", ".join(details)), style="bold red")


# While rich lays the report out, the spaces a line must not break at stand as private-use
# characters, which rich does not take for spaces (it breaks lines at any Unicode space);
# they are written back on the way out, so that the report's characters are unchanged.
# Those are the no-break spaces of French typography, and the ordinary spaces that French
# typography would have made no-break (a message made from a template and a file's name:
# « « budget.csv » », « (p. 3) », « 45 000 € »). ``visible`` has shown any private-use
# character of the report's own strings as its code.
_HOLD = str.maketrans({"\u00a0": "\ue000", "\u202f": "\ue001"})
_RELEASE = str.maketrans({"\ue000": "\u00a0", "\ue001": "\u202f", "\ue002": " "})
_BOUND_SPACES = re.compile(
    r" +(?=[:;!?»€%)])"  # before « : ; ! ? » € % » and a closing bracket
    r"|(?<=[«(]) +"  # after « « » and an opening bracket
    r"|(?<=\d) +(?=\d{3}(?!\d))"  # inside an amount: « 45 000 »
    r"|(?<=\bp\.) +(?=\d)|(?<=\d) +(?=p\.)"  # « p. 3 », « 2 p. »
)


def _bound(text: str) -> str:
    return _BOUND_SPACES.sub(lambda m: "\ue002" * len(m.group()), text).translate(_HOLD)


def _held(value: Any) -> Any:
    """``value`` with the spaces no line may break at held (``_HOLD``), in every string."""
    if isinstance(value, str):
        return _bound(value)
    if isinstance(value, dict):
        return {key: _held(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_held(item) for item in value]
    return value


class _HoldingConsole(Console):
    """A console that holds the spaces of every string it turns into text itself (a table's
    cells given as strings, the aid's amounts): the report's ``Text`` are held before."""

    def render_str(self, text: str, **options: Any) -> Text:
        return super().render_str(_bound(text), **options)


class _Released:
    """The stream the report goes to, the no-break spaces written back into what rich
    writes; everything else (``isatty``, ``fileno``, ``encoding``…) the stream's own."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(text.translate(_RELEASE))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def bound_console(
    out: TextIO | None = None, width: int | None = None, terminal: bool | None = None
) -> Console:
    """A rich console writing to ``out`` (standard output by default) whose lines never
    break at a no-break space, nor at a space French typography binds."""
    stream = _Released(out if out is not None else sys.stdout)
    return _HoldingConsole(
        file=cast("TextIO", stream),
        highlight=False,
        soft_wrap=False,
        width=width,
        force_terminal=terminal,
    )


def render_terminal(
    report: dict[str, Any],
    call_title: str,
    out: TextIO | None = None,
    width: int | None = None,
    terminal: bool | None = None,
) -> None:
    """Print the checklist of ``report`` (as made by ``report_data``) to ``out`` (standard
    output by default), ``width`` columns wide (the terminal's by default). In a terminal
    (``terminal``: whether ``out`` is one, by default) each finding's message wraps at
    its words beside its code; elsewhere (a log, a pipe) it stays on one line, to be found
    with grep. Lines never break at a no-break space. In French, what dossierkit wrote
    (templates, labels, messages, the aid's arithmetic) takes French typography's no-break
    spaces (``typeset``), the file names keep theirs as on disk; the report itself, for
    programs, keeps its ordinary spaces."""
    report, call_title = visible(report), visible(call_title)
    lang = report.get("lang", "fr")
    strings = STRINGS[lang]
    if lang == "fr":
        report, call_title, strings = _french_report(report), typeset(call_title), typeset(strings)
    report, call_title, s = _held(report), _held(call_title), _held(strings)
    console = bound_console(out, width, terminal)
    console.print(Text(s["title"].format(dossier=report["dossier"]), style="bold"))
    console.print(Text(s["call"].format(call=call_title)))
    kind = s["kinds"].get(_fact(report, "structure.kind"))
    name = _fact(report, "structure.name")
    if name and kind:
        structure = s["structure"].format(name=name, kind=kind)
    elif name:
        structure = s["structure_no_kind"].format(name=name)
    else:
        structure = s["structure_unknown"]
    console.print(Text(structure))
    epci = _fact(report, "intercommunalite.name")
    if epci:
        console.print(Text(s["epci"].format(name=epci)))

    readable = {f["path"]: f["readable"] for f in report["files"]}
    rows = [
        (Text(s[p["status"]], style=_STYLE[p["status"]]), p["label"], p["files"])
        for p in report["pieces"]
    ] + [(Text(s["annex"], style="dim"), a["label"], a["files"]) for a in report["annexes"]]
    table = _pieces_table(rows, readable, s, console.width)
    console.print()
    console.print(table)

    if report.get("aid"):
        console.print()
        console.print(Text(s["aid"], style="italic"))
        render_aid(report["aid"], lang, console)

    console.print()
    console.print(Text(s["findings"], style="italic"))
    if not report["findings"]:
        console.print(s["none"])
    findings = Table.grid(padding=(0, 2, 0, 0))
    findings.add_column(no_wrap=True)
    findings.add_column(no_wrap=True)
    findings.add_column()
    for finding in report["findings"]:
        message = Text(finding["message"])
        page = finding["page"]
        shown = finding["message"].translate(_RELEASE)
        if page and not any(
            f"{word}{space}{page}" in shown for word in ("p.", "page") for space in " \u00a0"
        ):
            message.append(_held(f" (p. {page})"), style="dim")
        label, style = s[finding["severity"]], _STYLE[finding["severity"]]
        if console.is_terminal:
            findings.add_row(Text(label, style=style), Text(finding["code"], style="dim"), message)
        else:
            # No line breaks inside a message in a log: each finding stays greppable.
            line = Text.assemble((f"{label:<9} ", style), (f"{finding['code']}  ", "dim"), message)
            console.print(line, soft_wrap=True)
    if findings.row_count:
        console.print(findings)
    console.print()
    console.print(_summary(report, s, lang), soft_wrap=not console.is_terminal)
