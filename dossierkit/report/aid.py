"""How the aid ceilings are shown: data for JSON, and for the terminal a table, or one year
under the other when the terminal is too narrow for the table to show every figure whole.

The table's rows are drawn from the data by ``aid_rows``, so that ``dossierkit aid``, the aid
section of ``dossierkit verify`` and the page of ``dossierkit serve`` show the same thing the
same way.

In English, amounts and rates are written the English way (``€45,000``, ``€33,750.75``,
``75%``, ``min(60,000; 60,000)``), not the French way (``45 000 €``, ``75 %``, ``min(60 000 ;
60 000)``) that the French report and the JSON's exact amounts do not share anyway.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from rich.console import Console, Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from dossierkit.aid import (
    AnimationYear,
    EquipmentAid,
    YearShare,
    money,
    rate,
    total_maximum,
)
from dossierkit.text import french_typography

HEADERS = {
    "fr": ("Année", "Dépenses d'animation", "Base", "Taux", "Aide maximale", "Demandé"),
    "en": ("Year", "Animation expenses", "Base", "Rate", "Maximum aid", "Requested"),
}
TOTAL = {"fr": "Aide maximale totale : {total}", "en": "Maximum total aid: {total}"}
EQUIPMENT = {"fr": "Équipement", "en": "Equipment"}
EQUIPMENT_EXPENSES = {"fr": "Dépenses d'équipement", "en": "Equipment expenses"}
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


def _money(value: str | None, lang: str) -> str:
    return "—" if value is None else money(Decimal(value), lang)


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
            _money(y["expenses"], lang),
            _money(y["base"], lang),
            MIXED[lang] if y["rate"] is None else rate(Decimal(y["rate"]), lang),
            _money(y["maximum"], lang),
            *([_money(y["requested"], lang)] if requested else []),
        ]
        for y in data["animation"]
    ]
    if equipment is not None:
        rows.append(
            [
                EQUIPMENT[lang],
                _money(equipment["expenses"], lang),
                "—",
                rate(Decimal(equipment["rate"]), lang),
                _money(equipment["maximum"], lang),
                *([_money(equipment["requested"], lang)] if requested else []),
            ]
        )
    headers = HEADERS[lang] if requested else HEADERS[lang][:-1]
    return list(headers), rows


def _longest_word(text: str) -> int:
    """The width of ``text``'s longest word: the spaces a line may break at are the ordinary
    ones (an amount's no-break spaces, and those the terminal holds, bind)."""
    return max(len(word) for word in text.split(" "))


def _table(headers: list[str], rows: list[list[str]], width: int) -> Table | None:
    """The ceilings as a table ``width`` columns wide at most, or None when it cannot show
    them whole. Each column is at least as wide as its longest word (an amount's cell whole,
    since it must not wrap); the room left widens the columns in order, the years' first, up
    to their whole text. The widths are set here rather than left to rich, which cuts a
    figure with « … » before it wraps a header that could have been wrapped."""
    columns = [[headers[i], *(row[i] for row in rows)] for i in range(len(headers))]
    natural = [max(len(cell) for cell in cells) for cells in columns]
    fixed = [
        max(_longest_word(cells[0]), *(_longest_word(c) if i == 0 else len(c) for c in cells[1:]))
        for i, cells in enumerate(columns)
    ]
    spare = width - sum(fixed) - 2 * (len(fixed) - 1)
    if spare < 0:
        return None
    for i, most in enumerate(natural):
        grown = min(most - fixed[i], spare)
        fixed[i], spare = fixed[i] + grown, spare - grown
    table = Table(box=None, pad_edge=False)
    for i, header in enumerate(headers):
        table.add_column(
            header, justify="left" if i == 0 else "right", width=fixed[i], overflow="fold"
        )
    for row in rows:
        table.add_row(*row)
    return table


def _stacked(headers: list[str], rows: list[list[str]], lang: str, width: int) -> Group:
    """The ceilings one year under the other, for a terminal too narrow for the table: the
    year's label on its line, then each column's header beside its figure, indented, the
    figures of every year in one column. The equipment's expenses are called so, and its base
    (it has none) left out."""
    blocks = []
    for row in rows:
        shown = list(zip(headers[1:], row[1:], strict=True))
        if row[0] == EQUIPMENT[lang]:
            shown = [(EQUIPMENT_EXPENSES[lang], row[1]), *shown[2:]]
        blocks.append((row[0], shown))
    figures = max(len(value) for _, shown in blocks for _, value in shown)
    names = max(len(name) for _, shown in blocks for name, _ in shown)
    names = max(1, min(names, width - 4 - figures))  # the names wrap when the terminal must
    # A grid column's width counts its padding: the two spaces before a figure.
    parts: list[Text | Padding] = []
    for label, shown in blocks:
        grid = Table.grid(padding=(0, 0, 0, 2))
        grid.add_column(width=names, overflow="fold")
        grid.add_column(justify="right", no_wrap=True, overflow="fold", width=figures + 2)
        for name, value in shown:
            grid.add_row(name, value)
        parts += [Text(label, style="bold"), Padding(grid, (0, 0, 0, 2))]
    return Group(*parts)


def render_aid(data: dict[str, Any], lang: str, console: Console) -> None:
    """Print the ceilings as a table (one year under the other when the console is too
    narrow for it), then the arithmetic line by line: in a terminal wrapped at its words,
    elsewhere each line whole, to be found with grep. In French, the arithmetic takes French
    typography's no-break spaces (« 2027\u00a0: min(60 000\u202f; 60 000) = 45 000\u00a0€ »),
    bound here where it is printed: the JSON's ``explanation`` keeps its plain spaces, for
    programs. The table's figures keep theirs (a console holding them never breaks them)."""
    headers, rows = aid_rows(data, lang)
    console.print(
        _table(headers, rows, console.width) or _stacked(headers, rows, lang, console.width)
    )
    console.print()
    lines = [y["explanation"] for y in data["animation"]]
    if data["equipment"] is not None:
        lines.append(data["equipment"]["explanation"])
    lines.append(TOTAL[lang].format(total=_money(data["total_maximum"], lang)))
    for line in lines:
        shown = french_typography(line) if lang == "fr" else line
        console.print(shown, soft_wrap=not console.is_terminal)
