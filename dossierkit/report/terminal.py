"""The terminal checklist: what a person reads after ``dossierkit verify``.

Readable without colour (statuses are words, not only colours) and without a terminal
(plain text when piped or in CI).

Everything printed comes from strangers (file names, text read in documents, a dossier.yaml):
it is printed as text, never as markup, and with its control characters shown (``\\x1b``),
so that no name or document can forge a line of the report, clear the screen or retitle
the window. File names come already escaped, reversibly, from discovery.
"""

from __future__ import annotations

from typing import Any, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from dossierkit.discovery import visible_text
from dossierkit.report.aid import render_aid

STRINGS: dict[str, dict[str, Any]] = {
    "fr": {
        "title": "Vérification du dossier « {dossier} »",
        "call": "Appel : {call}",
        "structure": "Structure : {name} ({kind})",
        "unknown": "non identifiée",
        "epci": "Intercommunalité : {name}",
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
        "n_empty": "{n} pièce(s) sans contenu",
        "complete": "Dossier complet.",
        "incomplete": "Dossier incomplet : {details}.",
        "n_missing": "{n} pièce(s) manquante(s)",
        "n_invalid": "{n} pièce(s) illisible(s)",
        "n_errors": "{n} erreur(s)",
        "n_warnings": "{n} avertissement(s)",
        "with_warnings": "Dossier complet, avec {n} avertissement(s) à regarder.",
        "kinds": {
            "association": "association",
            "intercommunalite": "intercommunalité",
            "commune": "commune",
            "autre": "autre",
        },
        "unused": "non retenu",
        "aid": "Aide régionale : plafonds de l'appel et montants demandés au budget",
        "unreadable": "illisible",
        "annex": "annexe",
    },
    "en": {
        "title": 'Checking dossier "{dossier}"',
        "call": "Call: {call}",
        "structure": "Applicant: {name} ({kind})",
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
        "n_empty": "{n} piece(s) without content",
        "complete": "Dossier complete.",
        "incomplete": "Dossier incomplete: {details}.",
        "n_missing": "{n} missing piece(s)",
        "n_invalid": "{n} unreadable piece(s)",
        "n_errors": "{n} error(s)",
        "n_warnings": "{n} warning(s)",
        "with_warnings": "Dossier complete, with {n} warning(s) to look at.",
        "kinds": {
            "association": "association",
            "intercommunalite": "intercommunality",
            "commune": "municipality",
            "autre": "other",
        },
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
            text.append(" (" + s["pages"].format(n=f["pages"]) + ")", style="dim")
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


def _summary(report: dict[str, Any], s: dict[str, Any]) -> Text:
    summary = report["summary"]
    if report["status"] == "complete":
        if summary["warnings"]:
            return Text(s["with_warnings"].format(n=summary["warnings"]), style="bold yellow")
        return Text(s["complete"], style="bold green")
    details = []
    if summary["missing"]:
        details.append(s["n_missing"].format(n=len(summary["missing"])))
    if summary["invalid"]:
        details.append(s["n_invalid"].format(n=len(summary["invalid"])))
    if summary.get("empty"):
        details.append(s["n_empty"].format(n=len(summary["empty"])))
    details.append(s["n_errors"].format(n=summary["errors"]))
    if summary["warnings"]:
        details.append(s["n_warnings"].format(n=summary["warnings"]))
    return Text(s["incomplete"].format(details=", ".join(details)), style="bold red")


def render_terminal(report: dict[str, Any], call_title: str, out: TextIO | None = None) -> None:
    """Print the checklist of ``report`` (as made by ``report_data``)."""
    report, call_title = visible(report), visible(call_title)
    lang = report.get("lang", "fr")
    s = STRINGS[lang]
    console = Console(file=out, highlight=False, soft_wrap=False)
    console.print(Text(s["title"].format(dossier=report["dossier"]), style="bold"))
    console.print(Text(s["call"].format(call=call_title)))
    kind = _fact(report, "structure.kind")
    name = _fact(report, "structure.name") or s["unknown"]
    console.print(Text(s["structure"].format(name=name, kind=s["kinds"].get(kind, s["unknown"]))))
    epci = _fact(report, "intercommunalite.name")
    if epci:
        console.print(Text(s["epci"].format(name=epci)))

    table = Table(
        title=s["pieces"], title_justify="left", show_header=False, box=None, pad_edge=False
    )
    table.add_column(no_wrap=True)
    table.add_column()
    table.add_column()
    readable = {f["path"]: f["readable"] for f in report["files"]}
    for piece in report["pieces"]:
        status = piece["status"]
        table.add_row(
            Text(s[status], style=_STYLE[status]),
            piece["label"],
            _files_cell(piece["files"], readable, s),
        )
    for annex in report["annexes"]:
        table.add_row(
            Text(s["annex"], style="dim"), annex["label"], _files_cell(annex["files"], readable, s)
        )
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
    for finding in report["findings"]:
        line = Text()
        line.append(f"{s[finding['severity']]:<9} ", style=_STYLE[finding["severity"]])
        line.append(f"{finding['code']}  ", style="dim")
        line.append(finding["message"])
        page = finding["page"]
        if (
            page
            and f"p. {page}" not in finding["message"]
            and f"page {page}" not in finding["message"]
        ):
            line.append(f" (p. {page})", style="dim")
        # No hard line breaks inside a message: the terminal wraps, and logs stay greppable.
        console.print(line, soft_wrap=True)
    console.print()
    console.print(_summary(report, s), soft_wrap=True)
