"""The checklist of a report (``report.data``'s JSON), arranged for the page's template.

Nothing is decided here: statuses, messages, amounts and facts are the report's, only
grouped the way a person reads a checklist (each piece with its files and its findings,
then the annexes, the findings about nothing in particular, the aid) and worded with the
terminal report's words.
"""

from __future__ import annotations

import base64
import json
from decimal import Decimal
from typing import Any

from dossierkit.report.terminal import STRINGS as REPORT
from dossierkit.serve.texts import page_text, report_text, typeset
from dossierkit.text import bare_title

_SEVERITY_WORD = {"error": "error", "warning": "warning", "info": "info"}


def _fact(report: dict[str, Any], name: str) -> Any:
    """The value a fact has in the report: the declared one first (dossier.yaml)."""
    found = [f for f in report["facts"] if f["name"] == name]
    declared = [f for f in found if f["origin"] == "declared"]
    return (declared or found or [{"value": None}])[0]["value"]


def _word(lang: str, key: str) -> str:
    """A status or severity word of the terminal report, in sentence case for the page."""
    word = report_text(lang, key).lower()
    return word[:1].upper() + word[1:]


def _finding(f: dict[str, Any], lang: str) -> dict[str, Any]:
    where = f["file"] or ""
    page = f["page"]
    if page and f"p. {page}" not in f["message"] and f"page {page}" not in f["message"]:
        where = f"{where}, {page_text(lang, 'page', page=page)}" if where else ""
    return {
        "code": f["code"],
        "severity": f["severity"],
        "severity_label": _word(lang, _SEVERITY_WORD[f["severity"]]),
        "message": typeset(f["message"], lang),
        "where": where if where and where not in f["message"] else "",
    }


def _file_line(f: dict[str, Any], readable: dict[str, bool], lang: str) -> dict[str, Any]:
    notes = []
    if pages := f.get("page_range"):
        key = "one_page" if pages["first"] == pages["last"] else "range"
        notes.append(report_text(lang, key, **pages))
    elif f.get("pages"):
        notes.append(report_text(lang, "pages", n=f["pages"]))
    if not readable.get(f["path"], True):
        notes.append(report_text(lang, "unreadable"))
    elif "continues" in f:
        notes.append(report_text(lang, "continues", path=f["continues"]))
    elif "same_document_as" in f:
        notes.append(report_text(lang, "same_document", path=f["same_document_as"]))
    elif not f["used"]:
        notes.append(report_text(lang, "unused"))
    elif "reason" in f:
        notes.append(report_text(lang, "reason", reason=f["reason"]))
    return {"path": f["path"], "used": f["used"], "notes": ", ".join(notes)}


def _summary(report: dict[str, Any], lang: str) -> str:
    summary = report["summary"]
    if report["status"] == "complete":
        if summary["warnings"]:
            return report_text(lang, "with_warnings", n=summary["warnings"])
        return report_text(lang, "complete")
    details = []
    for key, count in (
        ("n_missing", len(summary["missing"])),
        ("n_invalid", len(summary["invalid"])),
        ("n_empty", len(summary.get("empty", []))),
    ):
        if count:
            details.append(report_text(lang, key, n=count))
    details.append(report_text(lang, "n_errors", n=summary["errors"]))
    if summary["warnings"]:
        details.append(report_text(lang, "n_warnings", n=summary["warnings"]))
    return report_text(lang, "incomplete", details=", ".join(details))


def _facts(report: dict[str, Any], lang: str) -> list[tuple[str, str]]:
    """The facts a person checks first: who applies, in which intercommunalité, who signs."""
    unknown = page_text(lang, "not_found")
    kinds: dict[str, str] = REPORT[lang]["kinds"]
    name = _fact(report, "structure.name")
    kind = _fact(report, "structure.kind")
    structure = name or unknown
    if name and kind in kinds:
        structure = f"{name} ({kinds[kind]})"
    epci = _fact(report, "intercommunalite.name") or unknown
    if siren := _fact(report, "intercommunalite.siren"):
        epci = f"{epci} (SIREN {siren})" if epci != unknown else epci
    signatory = _fact(report, "signatory.name") or unknown
    if title := _fact(report, "signatory.title"):
        signatory = f"{signatory}, {bare_title(title)}" if signatory != unknown else signatory
    if _fact(report, "signatory.is_legal_representative") is True:
        signatory = f"{signatory} ({page_text(lang, 'legal_rep')})"
    return [
        (page_text(lang, "structure"), structure),
        (page_text(lang, "epci"), epci),
        (page_text(lang, "signatory"), signatory),
    ]


def _aid(aid: dict[str, Any] | None, lang: str) -> dict[str, Any] | None:
    """The aid table: the terminal's rows (``aid_rows``), with the arithmetic below, so that
    the page shows a plan starting mid-year (a calendar year at « mixte » rate) as the
    terminal does."""
    if aid is None:
        return None
    from dossierkit.aid import money
    from dossierkit.report.aid import aid_rows

    headers, rows = aid_rows(aid, lang)
    explanations = [y["explanation"] for y in aid["animation"]]
    if aid["equipment"] is not None:
        explanations.append(aid["equipment"]["explanation"])
    return {
        "headers": headers,
        "rows": rows,
        "explanations": [typeset(e, lang) for e in explanations],
        "total": money(Decimal(aid["total_maximum"]), lang),
    }


def json_link(report: dict[str, Any]) -> str:
    """The report as a ``data:`` address: the page offers it for download without keeping
    it anywhere (and without a script)."""
    data = json.dumps(report, ensure_ascii=False, indent=2).encode("utf-8")
    return "data:application/json;charset=utf-8;base64," + base64.b64encode(data).decode("ascii")


def checklist(report: dict[str, Any], lang: str) -> dict[str, Any]:
    """What the result's template shows, from the report."""
    readable = {f["path"]: f["readable"] for f in report["files"]}
    findings = [_finding(f, lang) for f in report["findings"]]
    by_piece: dict[str, list[dict[str, Any]]] = {}
    for raw, shown in zip(report["findings"], findings, strict=True):
        by_piece.setdefault(raw["piece"] or "", []).append(shown)
    pieces = [
        {
            "kind": p["kind"],
            "label": p["label"],
            "status": p["status"],
            "status_label": _word(lang, p["status"]),
            "files": [_file_line(f, readable, lang) for f in p["files"]],
            "findings": by_piece.pop(p["kind"], []),
        }
        for p in report["pieces"]
    ]
    annexes = [
        {
            "kind": a["kind"],
            "label": a["label"],
            "files": [_file_line(f, readable, lang) for f in a["files"]],
            "findings": by_piece.pop(a["kind"], []),
        }
        for a in report["annexes"]
    ]
    others = [f for kind in sorted(by_piece) for f in by_piece[kind]]
    return {
        "dossier": report["dossier"],
        "complete": report["status"] == "complete",
        "errors": report["summary"]["errors"],
        "summary": _summary(report, lang),
        "facts": _facts(report, lang),
        "pieces": pieces,
        "annexes": annexes,
        "others": others,
        "aid": _aid(report.get("aid"), lang),
        "json": json_link(report),
        "json_name": f"rapport-{report['dossier']}.json",
    }
