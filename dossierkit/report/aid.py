"""How the aid ceilings are shown: data for JSON, and a small table for the terminal.

The terminal table is drawn from the data, so that ``dossierkit aid`` and the aid section of
``dossierkit verify`` show the same thing the same way.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from rich.console import Console
from rich.table import Table

from dossierkit.aid import AnimationYear, EquipmentAid, euros, percent, total_maximum

HEADERS = {
    "fr": ("Année", "Dépenses d'animation", "Base", "Taux", "Aide maximale", "Demandé"),
    "en": ("Year", "Animation expenses", "Base", "Rate", "Maximum aid", "Requested"),
}
TOTAL = {"fr": "Aide maximale totale : {total}", "en": "Maximum total aid: {total}"}
EQUIPMENT = {"fr": "Équipement", "en": "Equipment"}


def aid_data(
    animation: list[AnimationYear], equipment: EquipmentAid | None, lang: str = "fr"
) -> dict[str, Any]:
    """The aid as JSON-ready data (amounts as strings of exact decimals)."""
    return {
        "animation": [
            {
                "year": y.year,
                "index": y.index,
                "label": y.label(lang),
                "expenses": str(y.expenses),
                "base": str(y.base),
                "rate": str(y.rate),
                "maximum": str(y.maximum),
                "requested": None if y.requested is None else str(y.requested),
                "explanation": y.explanation(lang),
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


def render_aid(data: dict[str, Any], lang: str, console: Console) -> None:
    """Print the ceilings as a table, then the arithmetic line by line."""
    equipment = data["equipment"]
    # The "requested" column only when a dossier says what it asks for.
    requested = any(y["requested"] is not None for y in data["animation"]) or (
        equipment is not None and equipment["requested"] is not None
    )
    headers = HEADERS[lang] if requested else HEADERS[lang][:-1]
    table = Table(box=None, pad_edge=False)
    for i, header in enumerate(headers):
        table.add_column(header, justify="left" if i == 0 else "right")
    for y in data["animation"]:
        row = [
            y["label"],
            _money(y["expenses"]),
            _money(y["base"]),
            percent(Decimal(y["rate"])),
            _money(y["maximum"]),
        ]
        table.add_row(*row, *([_money(y["requested"])] if requested else []))
    if equipment is not None:
        row = [
            EQUIPMENT[lang],
            _money(equipment["expenses"]),
            "—",
            percent(Decimal(equipment["rate"])),
            _money(equipment["maximum"]),
        ]
        table.add_row(*row, *([_money(equipment["requested"])] if requested else []))
    console.print(table)
    console.print()
    for y in data["animation"]:
        console.print(y["explanation"], soft_wrap=True)
    if equipment is not None:
        console.print(equipment["explanation"], soft_wrap=True)
    console.print(TOTAL[lang].format(total=_money(data["total_maximum"])), soft_wrap=True)
