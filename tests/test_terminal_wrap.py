"""The verify checklist in a narrow terminal: lines break between words, never inside the
groups French typography binds (« 2 p. », « 45 000 € », « Appel : », « « RIB.pdf » »,
« (p. 3) »), whether the report holds them with no-break spaces or with ordinary ones (a
message made from a template and a file's name). A log (not a terminal) keeps each finding
on one line, to be found with grep; the report's characters are the same either way."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest

from conftest import SAMPLES
from dossierkit.report.data import report_data
from dossierkit.report.terminal import render_terminal
from dossierkit.text import french_typography
from dossierkit.verify import verify

# A line must never start with what French typography binds to the word before it.
_NEVER_FIRST = ("p.)", "p.", "€", ":", "?", "!", ";", "»", "%", ")")
# Nor end with what it binds to the word after it.
_NEVER_LAST = ("«", "(", "(p.", "p.")

# Findings as checks write them: French typography's no-break spaces, or a template's
# ordinary spaces around a file's name and an amount.
_EXTRA = [
    french_typography(
        "Aide à l'animation 2027 : le courrier « 01 - Courrier de demande signé.pdf » demande "
        "45 000 € et le budget « 02 - Budget prévisionnel 2027-2029.xlsx » 40 000 € ; "
        "lequel est le bon ? Mettez-les en accord !"
    ),
    "Budget prévisionnel : plusieurs versions de la même pièce (« budget.csv », "
    "« budget_old.xlsx ») ; « budget.csv » a été retenu (le seul lisible). Retirez les "
    "autres versions : 100 % des montants sont lus (p. 3), 12 500 € de dépenses.",
]


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    data = report_data(verify(SAMPLES / "interco-incomplete"), "fr")
    extra = [
        {**data["findings"][0], "code": "Z999", "message": message, "page": 3} for message in _EXTRA
    ]
    return {**data, "findings": [*data["findings"], *extra]}


def _render(report: dict[str, Any], width: int, terminal: bool) -> str:
    out = io.StringIO()
    render_terminal(report, "Appel à projets « Tiers-lieux du numérique »", out, width, terminal)
    return out.getvalue()


@pytest.mark.parametrize("width", [40, 52, 60, 67, 80])
def test_a_narrow_terminal_never_breaks_a_bound_group(report: dict[str, Any], width: int) -> None:
    shown = _render(report, width, terminal=True)
    plain = re.sub(r"\x1b\[[0-9;]*m", "", shown)
    assert "\ue000" not in plain and "\ue001" not in plain and "\ue002" not in plain
    for line in plain.splitlines():
        text = line.strip()
        assert not text.startswith(_NEVER_FIRST), (width, line)
        assert not text.endswith(_NEVER_LAST), (width, line)
        assert not re.match(r"\d{3}[ \u00a0\u202f]€", text), (width, line)  # « 45 / 000 € »
    # The findings wrap beside their code (a hanging indent), each word kept.
    assert "45 000\u00a0€" in plain and "(«\u202fbudget.csv\u202f»," in plain
    words = " ".join(plain.split())
    assert "Retirez les autres versions : 100 % des montants sont lus (p. 3)" in words


def test_a_log_keeps_each_finding_on_one_line_with_its_characters(
    report: dict[str, Any],
) -> None:
    logged = _render(report, 60, terminal=False).splitlines()
    for finding in report["findings"]:
        # Each message whole, with French typography's no-break spaces (the JSON keeps its
        # ordinary ones, for programs).
        message = french_typography(finding["message"])
        assert any(message in line for line in logged), message
    # The no-break spaces come out as they went in.
    assert any("45 000\u00a0€" in line for line in logged)
    assert any(
        "(«\u202fbudget.csv\u202f», «\u202fbudget_old.xlsx\u202f»)" in line for line in logged
    )
    assert logged[-1] == french_typography(
        "Dossier incomplet : 1 pièce manquante, 1 erreur, 3 avertissements."
    )


def test_counts_agree_in_number_in_french_and_english() -> None:
    """« 1 page numérisée lue », « 3 pages numérisées lues », « 0 erreur » in French;
    « 0 errors » in English: never « page(s) lue(s) »."""
    from dossierkit.text import counted

    forms = "{n} page numérisée lue|{n} pages numérisées lues"
    assert [counted(n, forms) for n in (0, 1, 3)] == [
        "0 page numérisée lue",
        "1 page numérisée lue",
        "3 pages numérisées lues",
    ]
    english = "{n} scanned page read|{n} scanned pages read"
    assert [counted(n, english, "en") for n in (0, 1, 3)] == [
        "0 scanned pages read",
        "1 scanned page read",
        "3 scanned pages read",
    ]
