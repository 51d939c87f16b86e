"""What the instructor does on the platform after a triage, keyed by the platform's number.

The instructor updates each dossier's state on the platform and writes to the applicant in
its messaging: one row per platform dossier, with dossierkit's reference beside it, the
verdict, the missing pieces and, for an incomplete dossier, the message to paste.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from dossierkit.triage.model import COMPLETE, INCOMPLETE, Row
from dossierkit.triage.platforms.mapping import Mapping
from dossierkit.triage.platforms.messaging import complement_request

_VERDICT = {COMPLETE: "complet", INCOMPLETE: "incomplet"}


@dataclass(frozen=True)
class Answer:
    """One platform dossier after the triage."""

    platform_reference: str
    reference: str | None  # dossierkit's, in the register
    received_at: datetime | None
    status: str  # complete, incomplete, failed
    missing: tuple[str, ...]  # labels of the required pieces missing
    message: str | None  # the request for complements, for an incomplete dossier


def missing_labels(report: dict[str, Any] | None) -> tuple[str, ...]:
    """The labels of the required pieces a verification report finds missing."""
    if report is None:
        return ()
    return tuple(
        str(p["label"])
        for p in report.get("pieces", ())
        if p.get("required") and p.get("status") == "missing"
    )


def reference_of(name: str, mapping: Mapping) -> str | None:
    """The platform's dossier number in a sending's name (``dossier-20480123``)."""
    match = mapping.dossier.match(name)
    return match.group("numero") if match else None


# A sending whose time is unknown is neither the latest nor the deposit, when another is known.
_EARLIEST = datetime.min.replace(tzinfo=UTC)
_LATEST = datetime.max.replace(tzinfo=UTC)


def _number(row: Row, mapping: Mapping) -> str | None:
    return row.outcome.item.platform_reference or reference_of(row.outcome.item.name, mapping)


def answers(
    rows: Iterable[Row], mapping: Mapping, *, call: str, deadline: date | None = None
) -> list[Answer]:
    """One answer per platform dossier of a triage of staged platform dossiers, in the
    order of its first row; rows that are not platform dossiers are left out. A dossier
    completed through the messaging has several sendings: the answer is its latest's
    verdict, dated by its deposit."""
    by_number: dict[str, list[Row]] = {}
    for row in rows:
        if (number := _number(row, mapping)) is not None:
            by_number.setdefault(number, []).append(row)
    found = []
    for number, sendings in by_number.items():
        row = max(sendings, key=lambda r: r.outcome.item.received_at or _EARLIEST)
        deposited = min(r.outcome.item.received_at or _LATEST for r in sendings)
        missing = missing_labels(row.outcome.report)
        message = None
        if missing and row.outcome.status == INCOMPLETE:
            message = complement_request(
                list(missing), call=call, reference=number, deadline=deadline
            )
        found.append(
            Answer(
                platform_reference=number,
                reference=row.reception.reference if row.reception else None,
                received_at=None if deposited == _LATEST else deposited,
                status=row.outcome.status,
                missing=missing,
                message=message,
            )
        )
    return found


def answers_csv(found: list[Answer], mapping: Mapping) -> bytes:
    """The answers as a CSV a French spreadsheet opens (UTF-8 with BOM, ``;``)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [
            f"N° de dossier ({mapping.name})",
            "Référence dossierkit",
            "Déposé le (UTC)",
            "Vérification",
            "Pièces manquantes",
            "Message à envoyer par la messagerie",
        ]
    )
    for a in found:
        writer.writerow(
            [
                a.platform_reference,
                a.reference or "",
                a.received_at.strftime("%Y-%m-%d %H:%M") if a.received_at else "",
                _VERDICT.get(a.status, "non vérifié"),
                " ; ".join(a.missing),
                a.message or "",
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def write_answers(
    found: list[Answer], mapping: Mapping, path: Path, *, force: bool = False
) -> None:
    """Write the answers' CSV at ``path`` atomically, never over a file unless ``force``."""
    from dossierkit.triage.export import write_atomic

    write_atomic(path, answers_csv(found, mapping), force=force)
