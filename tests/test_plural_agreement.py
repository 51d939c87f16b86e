"""Counts agree with their number in everything the tool prints (issue 17): « 1 envoi reçu »,
« 3 envois reçus », « 0 erreur » in French (singular below two), « 0 errors » in English
(singular for one only), never « 3 envoi(s) reçu(s) ».

The triage summary and a registered application's history are rendered for 0, 1 and 3;
the budget's findings are fired on real budgets (a CSV as applicants export it, a workbook
with amounts typed as text) with one and two items.
"""

from __future__ import annotations

import io
import json
from datetime import date, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest
from click.testing import CliRunner
from realistic import budget as realistic
from test_check_cases import make_file

from dossierkit.call import load_call
from dossierkit.checks.budget import FormulaErrorInBudget, _years_problem
from dossierkit.cli import cli
from dossierkit.dossier import Dossier
from dossierkit.triage.history import Check, History, Version, history_lines
from dossierkit.triage.terminal import application_counts, render_table

SUMMARIES = {
    ("fr", 0): ["0 demande : 0 complète, 0 incomplète.", "0 envoi reçu : 0 complet, 0 incomplet."],
    ("fr", 1): [
        "4 demandes : 1 complète, 1 incomplète, 1 non vérifiée, 1 doublon.",
        "1 envoi reçu : 1 complet, 1 incomplet, 1 non vérifié, 1 vide ou illisible.",
    ],
    ("fr", 3): [
        "12 demandes : 3 complètes, 3 incomplètes, 3 non vérifiées, 3 doublons.",
        "3 envois reçus : 3 complets, 3 incomplets, 3 non vérifiés, 3 vides ou illisibles.",
    ],
    ("en", 0): [
        "0 applications: 0 complete, 0 incomplete.",
        "0 sendings received: 0 complete, 0 incomplete.",
    ],
    ("en", 1): [
        "4 applications: 1 complete, 1 incomplete, 1 not verified, 1 duplicate.",
        "1 sending received: 1 complete, 1 incomplete, 1 not verified, 1 empty or unreadable.",
    ],
    ("en", 3): [
        "12 applications: 3 complete, 3 incomplete, 3 not verified, 3 duplicates.",
        "3 sendings received: 3 complete, 3 incomplete, 3 not verified, 3 empty or unreadable.",
    ],
}


@pytest.mark.parametrize(("lang", "n"), list(SUMMARIES))
def test_the_triage_summary_agrees_with_each_count(lang: str, n: int) -> None:
    statuses = ["complete", "incomplete", "failed", "doublon de TLN-0001"]
    applications = [
        {"reference": f"TLN-{i:04}", "status": status, "dossiers": [], "current_version": ""}
        for i, status in enumerate(s for s in statuses for _ in range(n))
    ]
    summary = {"dossiers": n, "complete": n, "incomplete": n, "failed": 2 * n, "incidents": n}
    data: dict[str, Any] = {
        "lang": lang,
        "inbox": "arrivees",
        "summary": summary,
        "ignored": [],
        "incidents": [],
        "pending": [],
        "applications": applications,
        "dossiers": [],
    }
    out = io.StringIO()
    render_table(data, out)
    lines = out.getvalue().replace("\u00a0", " ").splitlines()
    expected = SUMMARIES[lang, n]
    if n == 0:  # no application: the table prints the sendings' line only
        assert application_counts([], lang) == expected[0]
        expected = expected[1:]
    assert [line for line in lines if line in expected] == expected


HISTORIES = {
    ("fr", 0): ("(0 fichier)", "incomplet, 0 erreur, 0 avertissement"),
    ("fr", 1): ("(1 fichier)", "incomplet, 1 erreur, 1 avertissement"),
    ("fr", 3): ("(3 fichiers)", "incomplet, 3 erreurs, 3 avertissements"),
    ("en", 0): ("(0 files)", "incomplete, 0 errors, 0 warnings"),
    ("en", 1): ("(1 file)", "incomplete, 1 error, 1 warning"),
    ("en", 3): ("(3 files)", "incomplete, 3 errors, 3 warnings"),
}


@pytest.mark.parametrize(("lang", "n"), list(HISTORIES))
def test_the_history_agrees_with_each_count(lang: str, n: int) -> None:
    check = Check(datetime(2026, 4, 16, 9, 0), "incomplete", n, n, (), ())
    files = tuple((f"pièce {i}.pdf", "0" * 64) for i in range(n))
    version = Version(1, "Fablab.zip", "zip", datetime(2026, 4, 15, 10, 30), files, (check,), ())
    lines = history_lines(History("TLN-0001", "Fab'Lab du Ternois", None, (version,)), lang)
    files_said, checked = HISTORIES[lang, n]
    if lang == "fr":
        assert lines[1:] == [
            f"Version 1\u00a0: «\u00a0Fablab.zip\u00a0», reçue le 15/04/2026 10:30 {files_said}",
            f"  vérifiée le 16/04/2026 09:00\u00a0: {checked}",
        ]
    else:
        assert lines[1:] == [
            f'Version 1: "Fablab.zip", received on 2026-04-15 10:30 {files_said}',
            f"  checked on 2026-04-16 09:00: {checked}",
        ]


def _messages(folder: Path, code: str) -> dict[str, str]:
    """The message of finding ``code`` of ``dossierkit verify folder`` in each language."""
    said = {}
    for lang in ("fr", "en"):
        result = CliRunner().invoke(
            cli, ["verify", str(folder), "--format", "json", "--lang", lang]
        )
        (said[lang],) = [
            f["message"] for f in json.loads(result.output)["findings"] if f["code"] == code
        ]
    return said


@pytest.mark.parametrize(
    ("lines", "fr", "en"),
    [
        ([";;;;12 500"], "1 élément non classé", "1 item could not be placed"),
        ([";;;;12 500", ";;;;3 000"], "2 éléments non classés", "2 items could not be placed"),
    ],
)
def test_unplaced_budget_items_are_counted(
    tmp_path: Path, lines: list[str], fr: str, en: str
) -> None:
    make_file(tmp_path / "Budget prévisionnel.csv", {"budget_csv": {}, "append": lines})
    said = _messages(tmp_path, "B010")
    assert said["fr"].startswith(f"« Budget prévisionnel.csv » : {fr} — ")
    assert said["fr"].endswith(". Donnez à chacun un libellé, une section et une année.")
    assert said["en"].startswith(f'"Budget prévisionnel.csv": {en} — ')


BUDGET = "Budget prévisionnel 2027-2029.xlsx"


@pytest.mark.parametrize(
    ("text", "fr", "en"),
    [
        ({"B7": "44 000 €"}, "1 montant saisi", "1 amount typed"),
        ({"B7": "44 000 €", "C8": "16.000,00"}, "2 montants saisis", "2 amounts typed"),
    ],
)
def test_amounts_typed_as_text_and_formulas_in_error_are_counted(
    tmp_path: Path, text: dict[str, str], fr: str, en: str
) -> None:
    realistic.yearly_workbook(tmp_path / BUDGET, text=text)
    typed = _messages(tmp_path, "B013")
    assert typed["fr"].startswith(f"« {BUDGET} » : {fr} comme du texte, ")
    assert typed["en"].startswith(f'"{BUDGET}": {en} as text, ')
    # Each text breaks its column's total and the total of totals: 2, then 3 cells.
    errors = _messages(tmp_path, "B014")
    shown = len(text) + 1
    assert errors["fr"].startswith(f"« {BUDGET} » : {shown} cellules affichent une erreur")
    assert errors["en"].startswith(f'"{BUDGET}": {shown} cells show an error')


def test_one_formula_in_error_is_said_in_the_singular() -> None:
    """The workbooks above always break two cells (a column's total and the total of
    totals): one cell, as the check says it of a budget whose reader found one."""
    budget = SimpleNamespace(file=BUDGET, formula_errors=("cellule Budget!B12 : #REF!",))
    check = FormulaErrorInBudget()
    (finding,) = check.run(cast(Dossier, SimpleNamespace(parsed=SimpleNamespace(budget=budget))))
    call = load_call()
    assert check.render(finding, "fr", call).startswith(
        f"« {BUDGET} » : 1 cellule affiche une erreur au lieu d'un montant — "
    )
    assert check.render(finding, "en", call).startswith(
        f'"{BUDGET}": 1 cell shows an error instead of an amount — '
    )


@pytest.mark.parametrize(
    ("years", "fr", "en"),
    [((2027,), "1 an", "1 year"), ((2027, 2028), "2 ans", "2 years")],
)
def test_a_budget_shorter_than_the_plan_says_its_years(
    years: tuple[int, ...], fr: str, en: str
) -> None:
    assert _years_problem(years, date(2027, 3, 1), 3) == (
        f"le budget ne couvre que {fr} sur les 3 du plan.",
        f"the budget covers only {en} of the plan's 3.",
    )
