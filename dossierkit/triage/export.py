"""The triage as data, and the files instructors open: JSON, CSV, Excel.

``triage_data`` is the one description of a triage (like ``report_data`` for a dossier):
the terminal table, the CSV, the workbook and the HTML page are all drawn from it, with
the same columns (``COLUMNS``). Files are written atomically (a complete file or none) and
an existing file is never replaced without ``force``.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from dossierkit import __version__
from dossierkit.call import Call
from dossierkit.checks import BY_CODE
from dossierkit.external.scratch import disk_errors, temporary_beside
from dossierkit.findings import Finding, Severity
from dossierkit.report.checks_doc import SEVERITY_WORDS
from dossierkit.report.terminal import STRINGS as REPORT_STRINGS
from dossierkit.text import french_spacing
from dossierkit.triage.applications import application_entry, short_reason
from dossierkit.triage.checks import rendered
from dossierkit.triage.model import COMPLETE, EMPTY_REASON, FAILED, INCOMPLETE, Incident, Row
from dossierkit.triage.register import Entry
from dossierkit.triage.rivals import RIVAL_KEYS, rival_reason, rivals, standings
from dossierkit.triage.run import Triage
from dossierkit.triage.territory import epci_full_name, structure_name

TRIAGE_VERSION = 1
STATUS = {
    "fr": {COMPLETE: "complet", INCOMPLETE: "incomplet", FAILED: "échec"},
    "en": {COMPLETE: "complete", INCOMPLETE: "incomplete", FAILED: "failed"},
}
FORM = {"fr": {"lieu": "lieu", "reseau": "réseau"}, "en": {"lieu": "place", "reseau": "network"}}
# The words of ``dossierkit verify`` and ``dossierkit checks``, so that both say the same.
KIND = {lang: REPORT_STRINGS[lang]["kinds"] for lang in ("fr", "en")}
SEVERITY = SEVERITY_WORDS


# Columns whose values are codes, shown as words.
# Amounts in euros as a French spreadsheet shows them (« 42 000,00 € ») whatever the program's
# language (40C); the space before « € » quoted, which LibreOffice would otherwise read as a
# division by 1000 once it saves the file (« 42.00€ »), as init/budget.py does.
MONEY_FORMAT = '[$-40C]#,##0.00" €"'
# In an English workbook, amounts, times and days as the English columns of the terminal
# and the page write them (``€45,000.00``, ``2027-03-01``); the euro sign quoted likewise.
_NUMBER_FORMATS = {
    "fr": {"money": MONEY_FORMAT, "date": "dd/mm/yyyy hh:mm", "day": "dd/mm/yyyy"},
    "en": {"money": '"€"#,##0.00', "date": "yyyy-mm-dd hh:mm", "day": "yyyy-mm-dd"},
}
WORDS = {"status": STATUS, "form": FORM, "structure_kind": KIND, "severity": SEVERITY}


class OutputExists(FileExistsError):
    """An output file exists and ``force`` was not given."""


@dataclass(frozen=True)
class Column:
    """A column of the triage table: its key in ``triage_data``, its headings, its type
    (``text``, ``int``, ``money``, ``date``, ``day``; ``epci`` and ``structure``: an
    intercommunalité, by its full name in the files a service sends on, by INSEE's short one
    on screen)."""

    key: str
    fr: str
    en: str
    type: str = "text"

    def heading(self, lang: str) -> str:
        """The heading in ``lang``."""
        return self.en if lang == "en" else self.fr


COLUMNS = (
    Column("dossier", "Dossier", "Dossier"),
    Column("reference", "Référence", "Reference"),
    Column("platform_reference", "N° plateforme", "Platform no."),
    Column("received_at", "Reçu le", "Received", "date"),
    Column("structure", "Structure", "Applicant", "structure"),
    Column("structure_kind", "Type", "Type"),
    Column("intercommunalite", "Intercommunalité", "Intercommunality", "epci"),
    Column("intercommunalite_siren", "SIREN", "SIREN"),
    Column("form", "Lieu / réseau", "Place / network"),
    Column("status", "Statut", "Status"),
    Column("errors", "Erreurs", "Errors", "int"),
    Column("warnings", "Avertissements", "Warnings", "int"),
    Column("aid_requested", "Aide demandée", "Aid requested", "money"),
    Column("aid_maximum", "Aide maximale", "Maximum aid", "money"),
)


def _animation_columns(n: int) -> tuple[Column, ...]:
    return (
        Column(
            f"animation_{n}_requested",
            f"Animation année {n} demandée",
            f"Animation year {n} requested",
            "money",
        ),
        Column(
            f"animation_{n}_maximum",
            f"Animation année {n} plafond",
            f"Animation year {n} ceiling",
            "money",
        ),
    )


# One row per application: the tracking sheet of the service.
APPLICATION_COLUMNS = (
    Column("reference", "Référence", "Reference"),
    Column("platform_reference", "N° plateforme", "Platform no."),
    Column("received_at", "Reçue le", "Received", "date"),
    Column("acknowledged_on", "Accusé de réception envoyé le", "Acknowledged", "day"),
    Column("complete_on", "Complète le", "Complete on", "date"),
    Column("delay_days", "Délai (jours)", "Delay (days)", "int"),
    Column("structure", "Structure", "Applicant", "structure"),
    Column("structure_kind", "Type", "Type"),
    Column("siret", "SIRET / RNA", "SIRET / RNA"),
    Column("legal_representative", "Représentant légal", "Legal representative"),
    Column("signatory", "Signataire", "Signatory"),
    Column("intercommunalite", "Intercommunalité", "Intercommunality", "epci"),
    Column("intercommunalite_siren", "SIREN de l'intercommunalité", "Intercommunality SIREN"),
    Column("form", "Lieu / réseau", "Place / network"),
    Column("start_date", "Début du plan d'action", "Action plan start", "day"),
    *_animation_columns(1),
    *_animation_columns(2),
    *_animation_columns(3),
    Column("equipment_requested", "Équipement demandé", "Equipment requested", "money"),
    Column("equipment_maximum", "Équipement plafond", "Equipment ceiling", "money"),
    Column("total_requested", "Total demandé", "Total requested", "money"),
    Column("total_maximum", "Total plafond", "Total ceiling", "money"),
    Column("status", "Statut", "Status"),
    Column("errors", "Erreurs", "Errors", "int"),
    Column("warnings", "Avertissements", "Warnings", "int"),
    Column("missing", "Pièces manquantes", "Missing pieces"),
    Column("to_fix", "Pièces à corriger", "Pieces to correct"),
    Column("reasons", "Pourquoi", "Why"),
    # The other applications of a cross-dossier finding, by reference, on both lines of
    # the pair (``triage.rivals``): the service filters on them.
    Column(
        "same_epci",
        "Autres demandes (même intercommunalité)",
        "Other applications (same intercommunality)",
    ),
    Column("same_iban", "Autres demandes (même IBAN)", "Other applications (same IBAN)"),
    Column("same_file", "Autres demandes (même fichier)", "Other applications (same file)"),
    Column("iban", "IBAN (masqué)", "IBAN (masked)"),
    Column("versions", "Versions reçues", "Versions received", "int"),
    Column("current_version", "Version actuelle", "Current version"),
)


def _entry(row: Row, call: Call, lang: str) -> dict[str, Any]:
    o, s = row.outcome, row.outcome.summary
    return {
        "dossier": o.item.name,
        "source_kind": o.item.kind,
        "reference": row.reception.reference if row.reception else None,
        "platform_reference": o.item.platform_reference,
        "received_at": row.reception.received_at.isoformat() if row.reception else None,
        "status": o.status,
        "structure": s.structure,
        "structure_kind": s.structure_kind,
        "intercommunalite": s.epci_name,
        "intercommunalite_siren": s.epci_siren,
        "form": s.form,
        "errors": row.count(Severity.ERROR),
        "warnings": row.count(Severity.WARNING),
        "infos": row.count(Severity.INFO),
        "aid_requested": None if s.aid_requested is None else str(s.aid_requested),
        "aid_maximum": None if s.aid_maximum is None else str(s.aid_maximum),
        "fingerprint": o.fingerprint,
        "incident": o.incident,
        "complement_of": row.complement_of,
        "pending": row.pending is not None,
        "findings": [rendered(f, call, lang) for f in row.findings],
        "report": o.report_lang if o.report_lang is not None else o.report,
    }


def triage_data(result: Triage, call: Call, lang: str = "fr") -> dict[str, Any]:
    """The JSON-ready description of a triage, messages in ``lang``."""
    statuses = [row.outcome.status for row in result.rows]
    found = rivals(standings(result.entries.values()), call)
    applications = [
        _decided(
            _rivalled(_application(versions, entry, call, lang), found, lang),
            entry,
            lang,
        )
        for versions in result.applications()
        for entry in [
            result.entries.get(versions[0].reception.reference) if versions[0].reception else None
        ]
    ]
    return {
        "triage_version": TRIAGE_VERSION,
        "tool": {"name": "dossierkit", "version": __version__},
        "call": {"id": call.id, "version": call.version},
        "lang": lang,
        "inbox": result.inbox.name,
        "summary": {
            "dossiers": len(statuses),
            COMPLETE: statuses.count(COMPLETE),
            INCOMPLETE: statuses.count(INCOMPLETE),
            FAILED: statuses.count(FAILED),
            # Of the failed, the sendings that had nothing to read (empty, unreadable).
            "incidents": sum(row.outcome.incident for row in result.rows),
        },
        "ignored": result.ignored,
        # By reference, as the register lists them (references are given in order of first
        # reception); then a triage without register's, in order of reception.
        "applications": sorted(applications, key=lambda a: a["reference"] or "\uffff"),
        "dossiers": [_entry(row, call, lang) for row in sorted(result.rows, key=_by_reference)],
        "incidents": [_incident(row, call, lang) for row in result.rows if row.outcome.incident],
        "pending": [
            {
                "dossier": row.pending.source_name,
                "received_at": row.pending.received_at.isoformat(),
                "pieces": [piece_label(kind, call, lang) for kind in row.pending.kinds],
            }
            for row in result.rows
            if row.pending is not None
        ],
    }


def _by_reference(row: Row) -> tuple[str, datetime, int, str]:
    """The sheet of versions' order: by application's reference, then reception as the
    register recorded it, then name; the sendings without reference (incidents, complements
    to attach) last, in order of reception."""
    r, item = row.reception, row.outcome.item
    received = r.received_at if r else item.received_at
    return (
        r.reference if r else "\uffff",
        received.astimezone() if received is not None else datetime.max.astimezone(),
        r.reception_id if r else 0,
        item.name,
    )


DUPLICATE = {"fr": "doublon de {other}", "en": "duplicate of {other}"}

# How ``applications`` joins the reasons: « ; », after a non-breaking space in French.
_REASONS_SEPARATOR = re.compile("[ \u00a0\u202f]; ")


def _rivalled(
    row: dict[str, Any], found: dict[str, dict[str, tuple[str, ...]]], lang: str
) -> dict[str, Any]:
    """An application's row with the other applications its cross-dossier findings are
    about (``rivals``): their references in a column each, and named in « Pourquoi », in
    place of the check's bare reason (« Une autre demande a été reçue pour la même
    intercommunalité », which does not say which) and even when the application has errors:
    the Région must choose between the two, whatever else is wrong."""
    mine = found.get(row["reference"] or "", {})
    if not mine:
        return {**row, **dict.fromkeys(RIVAL_KEYS.values())}
    bare = {short_reason(code, lang) for code in mine}
    bare |= {reason[0].lower() + reason[1:] for reason in bare}
    said = [
        reason
        for reason in _REASONS_SEPARATOR.split(row["reasons"] or "")
        if reason and not any(reason.endswith(b) for b in bare)
    ]
    said += [rival_reason(code, others, lang) for code, others in mine.items()]
    joined = " ; ".join(said)
    return {
        **row,
        **dict.fromkeys(RIVAL_KEYS.values()),
        **{RIVAL_KEYS[code]: ", ".join(others) for code, others in mine.items()},
        "reasons": french_spacing(joined) if lang == "fr" else joined.replace(" ; ", "; "),
    }


def _application(
    versions: Sequence[Row], entry: Entry | None, call: Call, lang: str
) -> dict[str, Any]:
    """``application_entry``, its pieces named in ``lang``: the entry takes their names
    from the verification report, which is French (« Budget prévisionnel »); in English,
    the call's English names (« Budget »), in the lists of missing pieces and pieces to
    correct too."""
    row = application_entry(versions, entry, call, lang)
    if lang == "fr":
        return row
    english = {p["label"]: piece_label(p["kind"], call, lang) for p in row["pieces"]}
    pieces = [{**p, "label": english[p["label"]]} for p in row["pieces"]]
    listed = {
        key: "; ".join(english.get(name, name) for name in row[key].split("; "))
        for key in ("missing", "to_fix")
        if row[key]
    }
    return {**row, **listed, "pieces": pieces}


def _decided(row: dict[str, Any], entry: Entry | None, lang: str) -> dict[str, Any]:
    """An application's row with the instructor's decision: a duplicate stays listed (nothing
    vanishes from the sheet) but says so in its status and reasons."""
    if entry is None or entry.duplicate_of is None:
        return row
    said = DUPLICATE[lang].format(other=entry.duplicate_of)
    return {**row, "status": said, "reasons": said[:1].upper() + said[1:]}


def piece_label(kind: str, call: Call, lang: str = "fr") -> str:
    """A piece's or annex's name in the call's words ("Relevé d'identité bancaire"); the
    kind itself for one the call does not know."""
    try:
        return call.label(kind, lang)
    except KeyError:
        return kind


def _incident(row: Row, call: Call, lang: str) -> dict[str, Any]:
    """A sending of which nothing could be read: listed apart, so that it is answered even
    though it has no reference."""
    o = row.outcome
    reasons = [rendered(f, call, lang)["message"] for f in o.findings]
    received = row.incident.received_at if row.incident else o.item.received_at
    return {
        "dossier": o.item.name,
        "received_at": None if received is None else received.isoformat(),
        "reason": "; ".join(reasons) or EMPTY_REASON[lang],
    }


def label(column: Column, entry: dict[str, Any], lang: str) -> str:
    """A cell as people read it: words for codes, amounts and dates as ``lang`` writes them
    (``45 000 €``, ``€45,000``)."""
    from dossierkit.aid import money

    value = entry.get(column.key)
    if value is None:
        return "—"
    if column.type == "money":
        return money(Decimal(value), lang)
    if column.type == "date":
        return datetime.fromisoformat(value).strftime(
            "%Y-%m-%d %H:%M" if lang == "en" else "%d/%m/%Y %H:%M"
        )
    if column.type == "day":
        return _day(value).strftime("%Y-%m-%d" if lang == "en" else "%d/%m/%Y")
    if column.type in ("epci", "structure"):
        # The terminal's and the page's tables name it as the sheet and the letters do.
        return str(_full_name(column, entry, value) or "—")
    words = WORDS.get(column.key)
    if words is not None:
        return str(words[lang].get(value, value))
    return str(value)


def typed(column: Column, entry: dict[str, Any]) -> Any:
    """A cell as a spreadsheet stores it: numbers as numbers, dates as dates."""
    value = entry.get(column.key)
    if value is None:
        return None
    if column.type == "money":
        return Decimal(value)
    if column.type == "date":
        return datetime.fromisoformat(value).replace(tzinfo=None)
    if column.type == "day":
        return _day(value)
    return _full_name(column, entry, value)


def _full_name(column: Column, entry: dict[str, Any], value: Any) -> Any:
    """An intercommunalité's full name in a column of type ``epci`` or ``structure``."""
    if column.type == "epci":
        return epci_full_name(value, entry.get("intercommunalite_siren"))
    if column.type == "structure":
        return structure_name(value, entry.get("structure_kind"))
    return value


def _day(value: str) -> date:
    """A day from an ISO date or date-time."""
    return datetime.fromisoformat(value).date()


def write_atomic(path: Path, data: bytes, *, force: bool = False) -> None:
    """Write ``path`` all at once: readers see the old file or the whole new one, never a
    part; an existing file is kept unless ``force``. A full disk or a folder that cannot be
    written is told in French (``scratch.disk_errors``: exit code 2), and the temporary file
    is removed: nothing half written is left beside the output."""
    if path.exists() and not force:
        raise OutputExists(path)
    with disk_errors(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = temporary_beside(path)
    appeared = False
    try:
        with disk_errors(path, tmp):
            with tmp.open("wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            if force:
                os.replace(tmp, path)
            else:
                try:
                    os.link(tmp, path)  # fails if the file appeared meanwhile: never overwrite
                except FileExistsError:
                    appeared = True
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
    if appeared:
        raise OutputExists(path)


def to_json(data: dict[str, Any]) -> bytes:
    """The triage as JSON (UTF-8, indented)."""
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _csv_cell(column: Column, entry: dict[str, Any], lang: str) -> str:
    value = entry.get(column.key)
    if value is None:
        return ""
    if column.type == "money":
        return f"{Decimal(value).normalize():f}".replace(".", "." if lang == "en" else ",")
    if column.type == "int":
        return str(value)
    if column.type in ("epci", "structure"):
        return _full_name(column, entry, value) or ""
    return label(column, entry, lang)


# Columns only a platform's export fills: left out of a table none of whose rows has them.
# The columns of other applications stay, empty: the sheet keeps its shape from one export
# to the next, and an empty column says that no two applications compete.
_PLATFORM_ONLY = frozenset({"platform_reference"})


def used_columns(columns: Sequence[Column], entries: Sequence[dict[str, Any]]) -> list[Column]:
    """``columns`` without those only a platform's export fills, when no entry has them: an
    inbox received by mail has no platform number column."""
    return [c for c in columns if c.key not in _PLATFORM_ONLY or any(e.get(c.key) for e in entries)]


def table_csv(columns: Sequence[Column], entries: Sequence[dict[str, Any]], lang: str) -> bytes:
    """A CSV that Excel opens right in the reader's language: in French, ``;`` between
    fields and a decimal comma (what a French Excel expects); a BOM so that accents read.
    Amounts are plain numbers (no thousands separator, no €), so that they stay numbers."""
    columns = used_columns(columns, entries)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="," if lang == "en" else ";", lineterminator="\r\n")
    writer.writerow([c.heading(lang) for c in columns])
    for entry in entries:
        writer.writerow([_csv_cell(c, entry, lang) for c in columns])
    return buffer.getvalue().encode("utf-8-sig")


def triage_csv(data: dict[str, Any]) -> bytes:
    """One line per application: the tracking sheet's columns."""
    return table_csv(APPLICATION_COLUMNS, data["applications"], data["lang"])


FINDING_COLUMNS = (
    # First: instructors join the findings to the applications' sheet by reference.
    Column("reference", "Référence", "Reference"),
    Column("dossier", "Dossier", "Dossier"),
    Column("code", "Code", "Code"),
    Column("severity", "Gravité", "Severity"),
    Column("piece", "Pièce", "Piece"),
    Column("file", "Fichier", "File"),
    Column("page", "Page", "Page", "int"),
    Column("message", "Constat", "Finding"),
)


def all_findings(entry: dict[str, Any]) -> list[dict[str, Any]]:
    """A dossier's findings: its verification's, then triage's."""
    report = entry.get("report")
    own: list[dict[str, Any]] = report["findings"] if report else []
    return own + list(entry["findings"])


def workbook(
    sheets: Sequence[tuple[str, Sequence[Column], Sequence[dict[str, Any]]]], lang: str
) -> bytes:
    """An Excel workbook, one sheet per (title, columns, entries): headings in bold,
    numbers as numbers, dates as dates, filters on, the heading row frozen."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    for title, all_columns, entries in sheets:
        columns = used_columns(all_columns, entries)
        sheet = book.create_sheet(title)
        sheet.append([c.heading(lang) for c in columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for entry in entries:
            sheet.append(
                [label(c, entry, lang) if c.key in WORDS else typed(c, entry) for c in columns]
            )
        for index, column in enumerate(columns, start=1):
            letter = get_column_letter(index)
            number_format = _NUMBER_FORMATS[lang].get(column.type)
            if number_format:
                for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                    cell.number_format = number_format
            widest = max(
                (
                    len(str(v or ""))
                    for (v,) in sheet.iter_rows(min_col=index, max_col=index, values_only=True)
                ),
                default=8,
            )
            sheet.column_dimensions[letter].width = min(max(widest + 2, 10), 60)
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _piece_of(finding: dict[str, Any], entry: dict[str, Any], call: Call, lang: str) -> str | None:
    """The piece a finding is about, by its name in the call: the finding's own, else that of
    the file it names (a cross-dossier finding, I003, names a file, not a piece), so that the
    findings' sheet can be filtered by piece."""
    if finding.get("piece"):
        return piece_label(finding["piece"], call, lang)
    report = entry.get("report") or {}
    for piece in (*report.get("pieces", ()), *report.get("annexes", ())):
        if finding.get("file") and any(
            f.get("path") == finding["file"] for f in piece.get("files") or ()
        ):
            return str(piece["label"])
    return None


def triage_xlsx(data: dict[str, Any], call: Call) -> bytes:
    """The applications (one row each), every version received, every finding (pieces by
    their names in the call), and the incidents."""
    lang = data["lang"]
    findings = [
        {
            **f,
            "reference": entry.get("reference"),
            "dossier": entry["dossier"],
            "piece": _piece_of(f, entry, call, lang),
        }
        for entry in data["dossiers"]
        for f in all_findings(entry)
    ]
    sheets: list[tuple[str, Sequence[Column], Sequence[dict[str, Any]]]] = [
        ("Applications" if lang == "en" else "Demandes", APPLICATION_COLUMNS, data["applications"]),
        ("Versions", COLUMNS, data["dossiers"]),
        ("Findings" if lang == "en" else "Constats", FINDING_COLUMNS, findings),
    ]
    if data["incidents"]:
        sheets.append(("Incidents", INCIDENT_COLUMNS, data["incidents"]))
    return workbook(sheets, lang)


REGISTER_COLUMNS = (
    Column("reference", "Référence", "Reference"),
    Column("platform_reference", "N° plateforme", "Platform no."),
    Column("first_received_at", "Reçue le", "First received", "date"),
    Column("structure", "Structure", "Applicant", "structure"),
    Column("structure_kind", "Type", "Type"),
    Column("intercommunalite", "Intercommunalité", "Intercommunality", "epci"),
    Column("intercommunalite_siren", "SIREN", "SIREN"),
    Column("form", "Lieu / réseau", "Place / network"),
    Column("versions", "Versions reçues", "Versions received", "int"),
    Column("last_source", "Dernier envoi", "Latest dossier"),
    Column("last_received_at", "Dernier envoi reçu le", "Latest received", "date"),
    Column("status", "Statut", "Status"),
    Column("errors", "Erreurs", "Errors", "int"),
    Column("warnings", "Avertissements", "Warnings", "int"),
    Column("verified_at", "Vérifiée le", "Verified", "date"),
    Column("aid_requested", "Aide demandée", "Aid requested", "money"),
    Column("aid_maximum", "Aide maximale", "Maximum aid", "money"),
    Column("letters", "Courriers", "Letters", "int"),
)


def register_rows(entries: Sequence[Entry], lang: str = "fr") -> list[dict[str, Any]]:
    """The register's applications keyed like ``REGISTER_COLUMNS``."""
    return [
        {
            "reference": e.reference,
            "platform_reference": e.platform_reference,
            "first_received_at": e.first_received_at.isoformat(),
            "structure": e.structure,
            "structure_kind": e.structure_kind,
            "intercommunalite": e.epci_name,
            "intercommunalite_siren": e.epci_siren,
            "form": e.form,
            "versions": e.versions,
            "last_source": e.last_source,
            "last_received_at": e.last_received_at.isoformat(),
            "status": _decided({"status": e.status}, e, lang)["status"],
            "errors": e.errors,
            "warnings": e.warnings,
            "verified_at": e.verified_at.isoformat(),
            "aid_requested": e.aid_requested,
            "aid_maximum": e.aid_maximum,
            "letters": e.letters,
        }
        for e in entries
    ]


def register_applications(
    versions: Sequence[tuple[Entry, Row]], call: Call, lang: str
) -> list[dict[str, Any]]:
    """The register's applications keyed like ``APPLICATION_COLUMNS``, each from its current
    version as the register recorded it: ``registre --csv`` is the triage's tracking sheet.

    The cross-dossier findings that name another application (I001 to I003) are found again
    over every application's current version (``rivals``): the triage that recorded an
    application could not flag it against a rival received later, and the rival's line
    flags it. Both lines count the warning, and name each other."""
    found = rivals(standings(entry for entry, _ in versions), call)
    rows = []
    for entry, row in versions:
        findings = [f for f in row.findings if f.code not in RIVAL_KEYS] + [
            Finding(code, BY_CODE[code].severity) for code in found.get(entry.reference, {})
        ]
        current = Row(row.outcome, row.reception, findings, row.incident, row.pending)
        application = _rivalled(_application([current], entry, call, lang), found, lang)
        rows.append(_decided(application, entry, lang))
    return rows


INCIDENT_COLUMNS = (
    Column("dossier", "Envoi", "Sending"),
    Column("received_at", "Reçu le", "Received", "date"),
    Column("reason", "Incident", "Incident"),
)


def incident_rows(incidents: Sequence[Incident]) -> list[dict[str, Any]]:
    """The register's incidents keyed like ``INCIDENT_COLUMNS`` (reasons in French: the
    register keeps them so)."""
    return [
        {"dossier": i.source_name, "received_at": i.received_at.isoformat(), "reason": i.reason}
        for i in incidents
    ]
