"""The verify checklist and ``dossierkit aid`` in terminals 40 to 120 columns wide: nothing
is cut with « … », every figure of the aid is shown whole on one line, and no line is wider
than the terminal. Below the table's width the aid is shown one year under the other
(each column's header beside its figure), and the pieces with their files under their
label; at 80 columns and more, the aid is a table whose rows give every figure of a year.
The header's labels are set as French typography sets them (« Appel : » with a no-break
space)."""

from __future__ import annotations

import io
import re
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from rich.console import Console

from conftest import SAMPLES
from dossierkit.aid import animation_aid, equipment_aid
from dossierkit.call import load_call
from dossierkit.report.aid import aid_data, aid_rows, render_aid
from dossierkit.report.data import report_data
from dossierkit.report.terminal import render_terminal
from dossierkit.verify import verify

WIDTHS = [40, 60, 80, 120]
CALL = load_call()


def _aid(lang: str) -> dict[str, Any]:
    """An aid whose year labels are long (a plan starting in February), with cents, a year
    without a requested amount and the equipment: the widest the table gets."""
    years = animation_aid(
        CALL,
        [Decimal(60000), Decimal("51000.50"), Decimal(48000)],
        requested=[Decimal(45000), Decimal("25500.25"), None],
        start=date(2027, 2, 1),
    )
    return aid_data(years, equipment_aid(CALL, Decimal(56000), Decimal(28000)), lang)


@pytest.fixture(scope="module")
def sample() -> dict[str, Any]:
    return report_data(verify(SAMPLES / "interco-incomplete"), "fr")


def _render(report: dict[str, Any], width: int) -> list[str]:
    out = io.StringIO()
    render_terminal(report, "Appel à projets « Tiers-lieux du numérique »", out, width, True)
    return re.sub(r"\x1b\[[0-9;]*m", "", out.getvalue()).splitlines()


def _aid_section(lines: list[str]) -> list[str]:
    first = next(i for i, line in enumerate(lines) if line.startswith("Aide régionale"))
    return lines[first : lines.index("", first + 1)]


@pytest.mark.parametrize("width", WIDTHS)
def test_every_figure_of_the_aid_is_shown_whole(sample: dict[str, Any], width: int) -> None:
    aid = _aid("fr")
    lines = _render({**sample, "aid": aid}, width)
    assert not any("…" in line for line in lines), "\n".join(lines)
    assert all(len(line) <= width for line in lines), width
    section = _aid_section(lines)
    _, rows = aid_rows(aid, "fr")
    for row in rows:
        for figure in row[1:]:
            # Each amount and rate on one line, with the label it belongs to near it.
            assert any(figure in line for line in section), (width, figure)
    if width < 80:
        # One year under the other: the year's label alone on its line, then its figures.
        start = next(i for i, line in enumerate(section) if line.strip() == rows[1][0])
        block = [line.strip() for line in section[start + 1 : start + 6]]
        assert block[0].startswith("Dépenses d'animation") and block[0].endswith("51 000,50 €")
        assert block[1].endswith("51 000,50 €") and block[1].startswith("Base")
        assert block[2] == "Taux" + " " * (len(block[2]) - 8) + "50 %"
        assert block[3].startswith("Aide maximale") and block[4].startswith("Demandé")
        equipment = [line.strip() for line in section if "équipement" in line]
        assert equipment == ["Dépenses d'équipement" + " " * (len(equipment[0]) - 29) + "56 000 €"]
    else:
        assert any(line.startswith("Année") and "Taux" in line for line in section)
        # A year's row gives all its figures, in the columns' order.
        row = next(line for line in section if "51 000,50 €" in line)
        assert re.search(r"51 000,50 €\s+51 000,50 €\s+50 %\s+25 500,25 €\s+25 500,25 €$", row)
        if width >= 120:
            assert row.startswith("2028 (févr. 2028 – janv. 2029)")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_pieces_and_the_header_are_never_cut(sample: dict[str, Any], width: int) -> None:
    lines = _render(sample, width)
    assert not any("…" in line for line in lines), "\n".join(lines)
    assert all(len(line) <= width for line in lines), width
    # Every word of a piece's label and of its files' names whole on a line.
    shown = {word for line in lines for word in line.split()}
    for piece in [*sample["pieces"], *sample["annexes"]]:
        names = [piece["label"], *(f["path"] for f in piece["files"])]
        for word in " ".join(names).split():
            assert word in shown, (width, word)
    words = " ".join(" ".join(lines).split(" "))
    assert "Appel\u00a0: Appel à projets" in words
    assert "Structure\u00a0: " in words and "Intercommunalité\u00a0: " in words
    header = "\n".join(lines[: lines.index("")])
    assert not re.search(r"\w :", header), header


@pytest.mark.parametrize("width", [30, 40, 80])
def test_the_aid_command_in_english_and_narrow(width: int) -> None:
    out = io.StringIO()
    render_aid(_aid("en"), "en", Console(file=out, width=width, highlight=False))
    lines = out.getvalue().splitlines()
    assert not any("…" in line for line in lines)
    table = lines[: lines.index("")]
    assert all(len(line) <= width for line in table), width
    for figure in ("€51,000.50", "€25,500.25", "€12,000", "€56,000", "€28,000"):
        assert any(figure in line for line in table), (width, figure)
    # Stacked below the table's width: the equipment's expenses called so, the name wrapped
    # beside its figure at 30 columns.
    stripped = [line.strip() for line in table]
    named = re.compile(r"Equipment expenses +€56,000|Equipment +€56,000$")
    assert any(named.fullmatch(line) for line in stripped) == (width < 80), stripped
