"""The applications of a triage, one row each, as the service's tracking sheet wants them.

A triage verifies sendings; the service follows applications. Versions of one application
(a resent dossier, a complement) fold into one row, drawn from its current version (the one
received last): who applies, who represents and signs, what is asked year by year against
each ceiling, which pieces are missing or to correct (by the call's names), why it is not
complete, and the dates the service counts its delays from (received, acknowledged,
complete). Everything is read from the triage's data (the reports, the register's
entries), never from the files.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from dossierkit.call import Call
from dossierkit.checks import BY_CODE
from dossierkit.findings import Severity
from dossierkit.report.summaries_en import SUMMARIES_EN
from dossierkit.text import bare_title, french_spacing
from dossierkit.triage.model import Row
from dossierkit.triage.register import Entry

# Pieces whose status says they must be sent again.
_MISSING = ("missing",)
_TO_FIX = ("invalid", "empty")


def masked_iban(iban: str | None) -> str | None:
    """``FR76 •••• 0112``: the country with its check digits, and the last four characters.

    The tracking sheet is mailed around the service and to elected members; the account is
    paid from the RIB piece, not from the sheet. The last four are enough to tell two
    accounts apart and to see that a RIB changed."""
    if not iban:
        return None
    compact = iban.replace(" ", "")
    return f"{compact[:4]} •••• {compact[-4:]}"


def _listed(items: list[str], lang: str) -> str | None:
    """Items in one cell, separated as French is written (a non-breaking space before « ; »)."""
    if not items:
        return None
    return french_spacing(" ; ".join(items)) if lang == "fr" else "; ".join(items)


def _one_line(text: str | None) -> str | None:
    return " ".join(text.split()) if text else None


def short_reason(code: str, lang: str = "fr") -> str:
    """The first line of a check's docstring: what is wrong, in a few French words; in
    English, its translation (``report.summaries_en``)."""
    if lang == "en" and code in SUMMARIES_EN:
        return SUMMARIES_EN[code].rstrip(".")
    check = BY_CODE.get(code)
    doc = (check.__doc__ or "").strip() if check is not None else ""
    return doc.splitlines()[0].rstrip(".") if doc else code


def _fact(report: dict[str, Any] | None, name: str) -> str | None:
    """The first value of fact ``name`` in a report (declared facts come first)."""
    for fact in (report or {}).get("facts", []):
        if fact["name"] == name and fact["value"] not in (None, ""):
            return str(fact["value"])
    return None


def _findings(row: Row, report: dict[str, Any] | None) -> list[dict[str, Any]]:
    own: list[dict[str, Any]] = list(report["findings"]) if report else []
    return own + [
        {"code": f.code, "severity": f.severity.value, "piece": f.piece} for f in row.findings
    ]


def reasons(row: Row, call: Call, lang: str = "fr") -> list[str]:
    """Why the application is not complete: the errors' short reasons, with the piece they
    concern, each once (the warnings when there is no error: what a person must judge)."""
    found = _findings(row, row.outcome.report)
    errors = [f for f in found if f["severity"] == "error"]
    chosen = errors or [f for f in found if f["severity"] == "warning"]
    said: list[str] = []
    for f in chosen:
        reason = short_reason(f["code"], lang)
        if f.get("piece"):
            reason = f"{_label(call, f['piece'], lang)} : {reason[0].lower()}{reason[1:]}"
            reason = french_spacing(reason) if lang == "fr" else reason.replace(" : ", ": ")
        if reason not in said:
            said.append(reason)
    return said


def _label(call: Call, kind: str, lang: str) -> str:
    try:
        return call.label(kind, lang)
    except KeyError:
        return kind


def _aid(
    report: dict[str, Any] | None,
    requested: Decimal | None = None,
    maximum: Decimal | None = None,
) -> dict[str, Any]:
    """The aid asked and its ceiling, year by year, then equipment and total.

    The totals fall back on the dossier's summary (``requested``, ``maximum``): when the
    budget gives no amount the worker takes the letter's (« nous sollicitons 100 000 € »),
    and the versions' sheet shows it; the application's row says the same rather than
    « — » (the years, which only the budget gives, stay empty).

    ``aid_years`` has every year of the budget, with the plan's years it falls in; the
    tracking sheet's columns ``animation_<n>_…`` are the plan's years, filled
    from the years that are one year of the plan. The calendar years of a plan that does not
    start in January are shared between two of its years (the aid's ``shares``): 2027 and
    2028 both begin in year 1, so they fill no plan year's column, and are given by their
    label only."""
    aid = (report or {}).get("aid")
    values: dict[str, Any] = {
        "total_requested": None if requested is None else str(requested),
        "total_maximum": None if maximum is None else str(maximum),
    }
    if not aid:
        return values
    requested_total = Decimal(0)
    asked = False
    years = []
    for year in aid["animation"]:
        shares = year.get("shares") or []
        years.append(
            {
                "year": year["year"],
                # The plan's years it falls in: one, or two for a shared calendar year.
                "plan_years": [s["plan_year"] for s in shares] or [year["index"]],
                "shared": bool(shares),
                "requested": year["requested"],
                "maximum": year["maximum"],
            }
        )
        if not shares:
            n = year["index"]
            values[f"animation_{n}_year"] = year["year"]
            values[f"animation_{n}_requested"] = year["requested"]
            values[f"animation_{n}_maximum"] = year["maximum"]
        if year["requested"] is not None:
            requested_total += Decimal(year["requested"])
            asked = True
    values["aid_years"] = years
    equipment = aid["equipment"]
    if equipment is not None:
        values["equipment_requested"] = equipment["requested"]
        values["equipment_maximum"] = equipment["maximum"]
        if equipment["requested"] is not None:
            requested_total += Decimal(equipment["requested"])
            asked = True
    if asked:
        values["total_requested"] = str(requested_total)
    values["total_maximum"] = aid["total_maximum"]
    return values


def _received(row: Row) -> datetime:
    when = row.reception.received_at if row.reception else row.outcome.item.received_at
    return when or datetime.max.astimezone()


def _reception_order(row: Row) -> tuple[datetime, int]:
    """Received last is current; two versions received at the same second (copied together
    into the inbox) are told apart by the register's order, as ``dossierkit registre``
    does (``received_at DESC, id DESC``): triage and register name the same current version."""
    return _received(row), row.reception.reception_id if row.reception else 0


def application_entry(
    versions: Sequence[Row], entry: Entry | None, call: Call, lang: str = "fr"
) -> dict[str, Any]:
    """One application's row from its versions in this triage (its current version: the
    one received last) and the register's entry when there is one."""
    current = max(versions, key=_reception_order)
    report = current.outcome.report
    s = current.outcome.summary
    pieces = (report["pieces"] + report["annexes"]) if report else []
    by_piece = {f.get("piece") for f in _findings(current, report) if f["severity"] == "error"}
    missing = [p["label"] for p in pieces if p.get("status") in _MISSING]
    to_fix = [
        p["label"]
        for p in pieces
        if p.get("status") in _TO_FIX or (p.get("status") == "ok" and p["kind"] in by_piece)
    ]
    first = min(_received(row) for row in versions)
    complete_on = entry.complete_on if entry else None
    if complete_on is None and current.outcome.status == "complete":
        complete_on = _received(current)
    signatory = _one_line(_fact(report, "signatory.name"))
    title = bare_title(_fact(report, "signatory.title"))
    representative = _one_line(s.representative or _fact(report, "legal_representative.name"))
    return {
        "reference": current.reception.reference if current.reception else None,
        "platform_reference": current.outcome.item.platform_reference,
        "received_at": (entry.first_received_at if entry else first).isoformat(),
        "acknowledged_on": entry.acknowledged_on.isoformat()
        if entry and entry.acknowledged_on
        else None,
        "complete_on": complete_on.isoformat() if complete_on else None,
        "delay_days": (complete_on - (entry.first_received_at if entry else first)).days
        if complete_on
        else None,
        "structure": s.structure,
        "structure_kind": s.structure_kind,
        "siret": s.siret or _fact(report, "structure.siren"),
        "legal_representative": f"{representative}, {bare_title(s.representative_title)}"
        if representative and s.representative_title
        else representative,
        "signatory": f"{signatory}, {title}" if signatory and title else signatory,
        "intercommunalite": s.epci_name,
        "intercommunalite_siren": s.epci_siren,
        "form": s.form,
        "start_date": _fact(report, "project.start_date"),
        **_aid(report, s.aid_requested, s.aid_maximum),
        "status": current.outcome.status,
        "errors": current.count(Severity.ERROR),
        "warnings": current.count(Severity.WARNING),
        "missing": _listed(missing, lang),
        "to_fix": _listed(to_fix, lang),
        "reasons": _listed(reasons(current, call, lang), lang),
        "iban": masked_iban(s.iban),
        "versions": entry.versions if entry else len(versions),
        "current_version": current.outcome.item.name,
        "pieces": [
            {"kind": p["kind"], "label": p["label"], "status": p.get("status") or "ok"}
            for p in pieces
            if p.get("status") != "not_required" and (p.get("status") or p.get("files"))
        ],
        "dossiers": [row.outcome.item.name for row in sorted(versions, key=_reception_order)],
    }
