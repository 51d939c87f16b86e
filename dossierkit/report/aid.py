"""How the aid ceilings are shown: data for JSON, and a small table for the terminal.

The table's rows are drawn from the data by ``aid_rows``, so that ``dossierkit aid``, the aid
section of ``dossierkit verify`` and the page of ``dossierkit serve`` show the same thing the
same way.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from rich.console import Console
from rich.table import Table

from dossierkit.aid import AnimationYear, EquipmentAid, YearShare, euros, percent, total_maximum

HEADERS = {
    "fr": ("Année", "Dépenses d'animation", "Base", "Taux", "Aide maximale", "Demandé"),
    "en": ("Year", "Animation expenses", "Base", "Rate", "Maximum aid", "Requested"),
}
TOTAL = {"fr": "Aide maximale totale : {total}", "en": "Maximum total aid: {total}"}
EQUIPMENT = {"fr": "Équipement", "en": "Equipment"}
# The rate of a calendar year shared between two years of the plan: each share has its own,
# given in the arithmetic below the table.
MIXED = {"fr": "mixte", "en": "mixed"}


def _share(share: YearShare) -> dict[str, Any]:
    return {
        "plan_year": share.plan_year,
        "months": share.months,
        "expenses": str(share.expenses),
        "base_cap": str(share.base_cap),
        "base": str(share.base),
        "rate": str(share.rate),
    }


def aid_data(
    animation: list[AnimationYear], equipment: EquipmentAid | None, lang: str = "fr"
) -> dict[str, Any]:
    """The aid as JSON-ready data (amounts as strings of exact decimals). The calendar years
    of a plan that does not start in January have their ``shares``: their months in each
    plan year, with their base and rate; one shared between two plan years has no rate of
    its own (``rate`` null, « mixte » in the table)."""
    return {
        "animation": [
            {
                "year": y.year,
                "index": y.index,
                "label": y.label(lang),
                "expenses": str(y.expenses),
                "base": str(y.base),
                "rate": None if y.rate is None else str(y.rate),
                "maximum": str(y.maximum),
                "requested": None if y.requested is None else str(y.requested),
                "explanation": y.explanation(lang),
                "shares": [_share(s) for s in y.shares],
            }
            for y in animation
        ],
        "equipment": None
        if equipment is None
        else {
            "expenses": str(equipment.expenses),
            "rate": str(equipment.rate),
            "cap": str(equipment.cap),
            "maximum": str(equipment.maximum),
            "requested": None if equipment.requested is None else str(equipment.requested),
            "explanation": equipment.explanation(lang),
        },
        "total_maximum": str(total_maximum(animation, equipment)),
    }


def _money(value: str | None) -> str:
    return "—" if value is None else euros(Decimal(value))


def aid_rows(data: dict[str, Any], lang: str) -> tuple[list[str], list[list[str]]]:
    """The table's headers and rows from ``aid_data``: one row a year, then the equipment;
    the « Demandé » column only when the dossier says what it asks for."""
    equipment = data["equipment"]
    requested = any(y["requested"] is not None for y in data["animation"]) or (
        equipment is not None and equipment["requested"] is not None
    )
    rows = [
        [
            y["label"],
            _money(y["expenses"]),
            _money(y["base"]),
            MIXED[lang] if y["rate"] is None else percent(Decimal(y["rate"])),
            _money(y["maximum"]),
            *([_money(y["requested"])] if requested else []),
        ]
        for y in data["animation"]
    ]
    if equipment is not None:
        rows.append(
            [
                EQUIPMENT[lang],
                _money(equipment["expenses"]),
                "—",
                percent(Decimal(equipment["rate"])),
                _money(equipment["maximum"]),
                *([_money(equipment["requested"])] if requested else []),
            ]
        )
    headers = HEADERS[lang] if requested else HEADERS[lang][:-1]
    return list(headers), rows


def render_aid(data: dict[str, Any], lang: str, console: Console) -> None:
    """Print the ceilings as a table, then the arithmetic line by line."""
    headers, rows = aid_rows(data, lang)
    table = Table(box=None, pad_edge=False)
    for i, header in enumerate(headers):
        table.add_column(header, justify="left" if i == 0 else "right")
    for row in rows:
        table.add_row(*row)
    console.print(table)
    console.print()
    for y in data["animation"]:
        console.print(y["explanation"], soft_wrap=True)
    if data["equipment"] is not None:
        console.print(data["equipment"]["explanation"], soft_wrap=True)
    console.print(TOTAL[lang].format(total=_money(data["total_maximum"])), soft_wrap=True)
