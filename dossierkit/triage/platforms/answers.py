"""What the instructor does on the platform after a triage, keyed by the platform's number.

The instructor updates each dossier's state on the platform and writes to the applicant in
its messaging: one row per platform dossier, with dossierkit's reference beside it, the
verdict, the pieces missing or to correct and, for an incomplete dossier, the message to
paste. The message asks for what the request for complements asks for, in the same words
(``requests.requested``, which the letter also says): a missing piece and what to send, a
piece received but wrong, what is wrong with it and what to send instead.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from dossierkit.call import Call, load_call
from dossierkit.triage.model import COMPLETE, INCOMPLETE, Row
from dossierkit.triage.platforms.mapping import Mapping
from dossierkit.triage.platforms.messaging import complement_request
from dossierkit.triage.platforms.values import local, zone_label
from dossierkit.triage.requests import requested

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
    to_correct: tuple[str, ...] = ()  # labels of the pieces received but wrong


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


def _call_name(call: Call) -> str:
    """The call's own name, as the message writes it after « l'appel à projets » : the
    quoted part of its title (« Tiers-lieux du numérique »), else the whole title."""
    title = call.title.get("fr") or call.id
    quoted = re.search(r"«\s*(.+?)\s*»", title)
    return quoted.group(1) if quoted else title


def answers(
    rows: Iterable[Row], mapping: Mapping, *, call: Call | str, deadline: date | None = None
) -> list[Answer]:
    """One answer per platform dossier of a triage of staged platform dossiers, in the
    order of its first row; rows that are not platform dossiers are left out. A dossier
    completed through the messaging has several sendings: the answer is its latest's
    verdict, dated by its deposit. ``call`` is the call the dossiers answer (its pieces'
    labels and what they expect); given by its name only, the bundled call's pieces."""
    name = call if isinstance(call, str) else _call_name(call)
    pieces = load_call() if isinstance(call, str) else call
    by_number: dict[str, list[Row]] = {}
    for row in rows:
        if (number := _number(row, mapping)) is not None:
            by_number.setdefault(number, []).append(row)
    found = []
    for number, sendings in by_number.items():
        row = max(sendings, key=lambda r: r.outcome.item.received_at or _EARLIEST)
        deposited = min(r.outcome.item.received_at or _LATEST for r in sendings)
        asked = requested(row.outcome, pieces)
        message = None
        if asked and row.outcome.status == INCOMPLETE:
            # Each item is a sentence or two; the message's list ends each with « ; » or « . ».
            message = complement_request(
                [item.text.rstrip(".") for item in asked],
                call=name,
                reference=number,
                deadline=deadline,
            )
        found.append(
            Answer(
                platform_reference=number,
                reference=row.reception.reference if row.reception else None,
                received_at=None if deposited == _LATEST else deposited,
                status=row.outcome.status,
                missing=missing_labels(row.outcome.report),
                message=message,
                to_correct=tuple(item.label for item in asked if not item.missing),
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
            f"Déposé le ({zone_label(mapping.timezone)})",
            "Vérification",
            "Pièces manquantes ou à corriger",
            "Message à envoyer par la messagerie",
        ]
    )
    for a in found:
        writer.writerow(
            [
                a.platform_reference,
                a.reference or "",
                f"{local(a.received_at, mapping.timezone):%Y-%m-%d %H:%M}" if a.received_at else "",
                _VERDICT.get(a.status, "non vérifié"),
                " ; ".join([*a.missing, *(f"{label} (à corriger)" for label in a.to_correct)]),
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
