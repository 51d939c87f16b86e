"""The report as plain data, following ``schemas/report.schema.json``.

This is the contract for integrators, the assembler and triage: no timestamps and no
absolute paths, so that the same dossier always gives the same report.
"""

from __future__ import annotations

from typing import Any

from dossierkit import __version__
from dossierkit.checks import BY_CODE
from dossierkit.dossier import DossierFile, PieceResult
from dossierkit.findings import Severity
from dossierkit.pieces.budget.region import IN_TECHNIQUE
from dossierkit.report.aid import aid_data
from dossierkit.verify import Verification
from dossierkit.versions import REASONS

REPORT_VERSION = 1
_IGNORED = {
    "clutter": "clutter",
    "link_outside": "link_outside",
    # A link to a folder of the dossier: listed, not walked (its folder is read where it is).
    # The report's schema has no reason of its own for it yet: it is not a regular file.
    "link_inside": "not_a_file",
    "not_a_file": "not_a_file",
    "unreadable": "unreadable",
}
# Why the file used for a piece that has none of its own is that of another piece (see
# ``PieceResult.within``), by the kind of that other piece.
_WITHIN = {"dossier_technique": IN_TECHNIQUE}


def _piece_file(f: DossierFile, used: DossierFile | None) -> dict[str, Any]:
    entry: dict[str, Any] = {"path": f.rel, "sha256": f.sha256, "pages": f.pages, "used": f is used}
    if f.page_range is not None:
        entry["page_range"] = {"first": f.page_range[0], "last": f.page_range[1]}
    return entry


def _piece_files(piece: PieceResult, lang: str) -> list[dict[str, Any]]:
    """The files of a piece: the one used (and why, when there was a choice), its next
    pages scanned apart, its twin in another format, the other versions."""
    files = []
    for f in piece.files:
        entry = _piece_file(f, piece.used)
        if f is piece.used and piece.within in _WITHIN:
            entry["reason"] = _WITHIN[piece.within][0 if lang == "fr" else 1]
        elif f is piece.used and piece.reason is not None:
            entry["reason"] = REASONS[piece.reason][0 if lang == "fr" else 1]
        if any(f is c for c in piece.continued) and piece.used is not None:
            entry["used"] = True
            entry["continues"] = piece.used.rel
        if any(f is t for t in piece.twins) and piece.used is not None:
            entry["same_document_as"] = piece.used.rel
        files.append(entry)
    return files


def _file(f: DossierFile) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "path": f.rel,
        "sha256": f.sha256,
        "size": f.entry.size,
        "type": f.type,
        "role": f.role,
        "kind": f.kind,
        "pages": f.pages,
        "readable": f.readable,
        "evidence": list(f.evidence),
    }
    if f.document is not None and f.document.scanned_pages:
        entry["scanned_pages"] = list(f.document.scanned_pages)
    if f.runs:
        entry["parts"] = [
            {"kind": run.kind, "first_page": run.first, "last_page": run.last} for run in f.runs
        ]
    return entry


def report_data(result: Verification, lang: str = "fr") -> dict[str, Any]:
    """The JSON-ready report of a verification, messages in ``lang``."""
    dossier = result.dossier
    counts = {s: sum(1 for f in result.findings if f.severity is s) for s in Severity}
    files = [_file(f) for f in dossier.files]
    for entry in dossier.entries:
        if entry.status in _IGNORED:
            files.append(
                {
                    "path": entry.rel,
                    "sha256": None,
                    "size": entry.size,
                    "type": "unknown",
                    "role": "ignored",
                    "kind": None,
                    "pages": None,
                    "readable": False,
                    "ignored_because": _IGNORED[entry.status],
                    "evidence": [],
                }
            )
        elif entry.status == "manifest":
            files.append(
                {
                    "path": entry.rel,
                    "sha256": None,
                    "size": entry.size,
                    "type": "manifest",
                    "role": "manifest",
                    "kind": None,
                    "pages": None,
                    "readable": dossier.manifest is not None,
                    "evidence": [],
                }
            )
    files.sort(key=lambda item: item["path"])
    return {
        "report_version": REPORT_VERSION,
        "tool": {"name": "dossierkit", "version": __version__},
        "call": {"id": dossier.call.id, "version": dossier.call.version},
        "dossier": dossier.name,
        "lang": lang,
        "status": "complete" if result.complete else "incomplete",
        "summary": {
            "errors": counts[Severity.ERROR],
            "warnings": counts[Severity.WARNING],
            "infos": counts[Severity.INFO],
            "missing": [p.spec.kind for p in dossier.pieces if p.status == "missing"],
            "invalid": [p.spec.kind for p in dossier.pieces if p.status == "invalid"],
            "empty": [p.spec.kind for p in dossier.pieces if p.status == "empty"],
        },
        "pieces": [
            {
                "kind": p.spec.kind,
                "label": p.spec.label[lang],
                "required": p.required,
                "status": p.status,
                "files": _piece_files(p, lang),
            }
            for p in dossier.pieces
        ],
        "annexes": [
            {
                "kind": kind,
                "label": dossier.call.spec(kind).label[lang],
                "files": [_piece_file(f, f) for f in annex_files],
            }
            for kind, annex_files in dossier.annex_files().items()
            if annex_files
        ],
        "findings": [
            {
                "code": f.code,
                "name": BY_CODE[f.code].name,
                "severity": f.severity.value,
                "piece": f.piece,
                "message": BY_CODE[f.code].render(f, lang, dossier.call),
                "file": f.file,
                "page": f.page,
                **({"data": f.data_json()} if f.data else {}),
            }
            for f in result.findings
        ],
        "aid": None
        if dossier.aid is None
        else aid_data(dossier.aid.animation, dossier.aid.equipment, lang),
        "files": files,
        "facts": [
            {
                "name": fact.name,
                "value": fact.value,
                "origin": fact.origin,
                "file": fact.file,
                "page": fact.page,
                "evidence": fact.evidence,
            }
            for fact in dossier.facts
        ],
    }
