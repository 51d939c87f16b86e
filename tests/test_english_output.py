"""What dossierkit prints with ``--lang en`` is English: English words, English quotes "…",
amounts and rates written the English way (``€45,000``, ``€33,750.75``, ``75%``), and none of
French typography's no-break spaces before « : ; ! ? ». The French output stays as it was.

Every command with a ``--lang`` is run as a user runs it (``aid``, ``verify``, ``checks``,
``regles``). Two things are French on purpose, and left alone here: the names of the
applicant's files and folders (printed as on disk), and the sentences of the call that
``regles`` quotes (the call is published in French). The explanations of the checks (their
docstrings) are French only: ``checks --lang en`` says so and shows each English message.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest
from click.testing import CliRunner, Result

from conftest import SAMPLES
from dossierkit.aid import euros
from dossierkit.checks import ALL_CHECKS
from dossierkit.cli import cli
from dossierkit.report.checks_doc import english_message, summary_line
from dossierkit.report.summaries_en import SUMMARIES_EN
from dossierkit.text import english_euros, english_value, french_typography

# Words that only French output prints (whole words: « Dossier incomplet », not « Dossier
# incomplete »).
_FRENCH_WORDS = re.compile(
    r"\b(?:"
    + "|".join(
        (
            "manquantes?",
            "Dossier complet",
            "Dossier incomplet",
            "au plus",
            "Correction",
            "pièces?",
            "Aide maximale",
            "Équipement",
            "Année",
            "Demandé",
            "mixte",
            "montants?",
            "n'est pas",
            "Constats",
            "présente",
            "sans objet",
            "mois",
        )
    )
    + r")\b"
)
# Signs no English line holds, even in a name or a quotation.
_FRENCH_MARKS = re.compile("[«»]|[\u00a0\u202f][:;!?]")
_FRENCH_SIGNS = re.compile(
    r"\w [:;!?](?:\s|$)"  # a space before a sign
    r"|\d %"  # « 75 % »
    r"|\d \d{3}(?!\d)"  # « 45 000 »
    r"|\d,\d\d?(?!\d)"  # « 33 750,75 »
    r"|\d €"  # « 45 000 € »
)
# What English output quotes as it is ("Budget prévisionnel.xlsx", a cell's "8 000 €"), and
# the checks' names, identifiers in French (``piece-manquante``).
_QUOTED = re.compile(r'"[^"\n]*"')
_NAMES = re.compile("|".join(re.escape(c.name) for c in ALL_CHECKS))


def french_leaks(text: str) -> list[str]:
    """The lines of ``text`` that hold a French word or a sign of French typography, outside
    quotations and the checks' names."""
    leaks = []
    for line in text.splitlines():
        said = _NAMES.sub("name", _QUOTED.sub("quote", line))
        if _FRENCH_MARKS.search(line) or _FRENCH_SIGNS.search(said) or _FRENCH_WORDS.search(said):
            leaks.append(line)
    return leaks


def _run(args: list[str]) -> Result:
    return CliRunner().invoke(cli, args)


def test_the_leak_finder_finds_each_french_sign() -> None:
    for french in (
        "2027 : min(60 000 ; 60 000) × 75 % = 45 000 €",
        "Dossier incomplet: 2",
        "x (« a.pdf »)",
        "Total\u00a0: 3",
        "33750,75",
        "Pièce manquante",
    ):
        assert french_leaks(french) == [french]
    english = 'Maximum total aid: €93,000.13 ("a.pdf"); 75%, 9:00, https://x.fr p. 3'
    assert french_leaks(english) == []
    assert french_leaks("Dossier incomplete: 2 missing pieces.") == []
    # A quotation and a check's name are as they are; guillemets never are English.
    assert french_leaks('P001 (piece-manquante): not "8 000 €" but 8000') == []
    assert french_leaks('"« a »"') == ['"« a »"']


_AID = ["aid", "--animation", "52000", "51000", "50000.50", "--equipment", "32000"]


def test_aid_in_english() -> None:
    result = _run([*_AID, "--start-year", "2027", "--lang", "en"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert re.search(r"2029 +€50,000\.50 +€50,000\.50 +25% +€12,500\.13", out), out
    assert re.search(r"Equipment +€32,000 +— +50% +€16,000", out), out
    assert "2027: min(52,000; 60,000) × 75% = €39,000\n" in out
    assert "2029: min(50,000.50; 60,000) × 25% = €12,500.13\n" in out
    assert "Equipment: min(32,000 × 50%; 30,000) = €16,000\n" in out
    assert out.endswith("Maximum total aid: €93,000.13\n")
    assert french_leaks(out) == []


def test_aid_in_french_is_unchanged() -> None:
    result = _run([*_AID, "--start-year", "2027"])
    assert result.exit_code == 0, result.output
    for line in (
        "2029\u00a0: min(50 000,50\u202f; 60 000) × 25 % = 12 500,13\u00a0€",
        "Équipement\u00a0: min(32 000 × 50 %\u202f; 30 000) = 16 000\u00a0€",
        "Aide maximale totale\u00a0: 93 000,13\u00a0€",
    ):
        assert line in result.output.splitlines()
    assert re.search(r"2029 +50 000,50 € +50 000,50 € +25 % +12 500,13 €", result.output)


def test_aid_of_a_plan_starting_in_december_in_english() -> None:
    """A calendar year shared between two plan years: each share's months said in English,
    one month in the singular, in the table (``mixed``) and in the JSON alike."""
    args = ["aid", "--animation", "20000", "60000", "60000", "40000", "--start", "2027-12"]
    result = _run([*args, "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert (
        "2028: min(55,000; 55,000) × 75% (11 months of year 1) + min(5,000; 5,000) × 50% "
        "(1 month of year 2) = €43,750\n"
    ) in result.output
    assert re.search(r"2028 +€60,000 +€60,000 +mixed +€43,750", result.output), result.output
    assert french_leaks(result.output) == []
    data = json.loads(_run([*args, "--lang", "en", "--format", "json"]).output)
    assert data["animation"][0]["explanation"] == (
        "2027: min(20,000; 5,000) × 75% (1 month of year 1) = €3,750"
    )
    assert data["total_maximum"] == "86250.00"  # the JSON's amounts stay exact decimals


def test_aid_usage_errors_in_english() -> None:
    result = _run(["aid", "--animation", "52k", "--lang", "en"])
    assert result.exit_code == 2
    assert '"52k" is not an amount (for example 52000 or 52000.50)' in result.output
    assert "«" not in result.output


@pytest.fixture(scope="module")
def incomplete_sample() -> str:
    """``verify --lang en`` of the incomplete association sample (budget, aid, missing and
    unreadable pieces). Its French output is pinned by ``test_typography_terminal`` and the
    golden reports of ``test_samples``."""
    return _run(["verify", str(SAMPLES / "association-incomplete"), "--lang", "en"]).output


def test_verify_in_english(incomplete_sample: str) -> None:
    out = incomplete_sample
    assert "Regional aid: the call's ceilings" in out
    assert "2027: min(60,000; 60,000) × 75% = €45,000\n" in out
    assert "Equipment: min(16,000 × 50%; 30,000) = €8,000\n" in out
    assert "Maximum total aid: €98,000\n" in out
    assert re.search(r"2027 +€60,000 +€60,000 +75% +€45,000 +€45,000", out), out
    assert out.rstrip().endswith(
        "Dossier incomplete: 2 missing pieces, 1 unreadable piece, 4 errors, 2 warnings."
    )
    # What dossierkit writes, findings apart (their messages are the checks', below).
    findings = out.index("\nFindings\n")
    assert french_leaks(out[:findings]) == []


def test_verify_findings_in_english(incomplete_sample: str) -> None:
    out = incomplete_sample
    assert (
        'VAT regime statement: none of the files provided can be read ("Attestation TVA.pdf").'
        in out
    )
    assert french_leaks(out) == []


def test_every_check_says_in_english_what_it_finds() -> None:
    """A check added without its English line fails here: add it to ``SUMMARIES_EN``."""
    assert sorted(SUMMARIES_EN) == sorted(check.code for check in ALL_CHECKS)
    for code, summary in SUMMARIES_EN.items():
        assert summary.endswith(".") and summary[0].isupper(), code
        assert french_leaks(summary) == [], code


def test_checks_in_english() -> None:
    """What each check finds and its English message, and where its French explanation is:
    no docstring."""
    result = _run(["checks", "--lang", "en"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "explained in French only: run `dossierkit checks`" in out
    for check in ALL_CHECKS:
        assert (
            f"{check.code}  {check.name}  [{check.severity.value}]\n"
            f"    {SUMMARIES_EN[check.code]}\n"
            f"    Message: {english_message(check)}\n"
        ) in out
        assert summary_line(check) not in out
    assert "{reason_en}" not in out and "{reason}" in out  # a parameter named as in French
    # Proper names of French institutions stay as they are (« Région », « Trésor public »).
    assert french_leaks(out) == []


def test_checks_in_english_as_markdown() -> None:
    result = _run(["checks", "--lang", "en", "--format", "markdown"])
    assert result.exit_code == 0, result.output
    rows = [line for line in result.output.splitlines() if line.startswith("| ")]
    assert len(rows) == len(ALL_CHECKS) + 1
    assert "explained in French only" in result.output
    assert french_leaks(result.output) == []


def test_checks_in_french_are_unchanged() -> None:
    out = _run(["checks"]).output
    for check in ALL_CHECKS:
        assert french_typography(summary_line(check)) in out
    assert "Correction\u00a0: ajoutez la pièce au dossier" in out


def test_regles_in_english() -> None:
    """The call's sentences are quoted as the call is published, in French, and said to be;
    what dossierkit writes around them (status, reasons) is English."""
    result = _run(["regles", "--lang", "en"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "quoted in French as the call is published" in out
    rows = [line.split(" | ") for line in out.splitlines() if re.match(r"\| \d+ \|", line)]
    assert len(rows) > 50
    for row in rows:
        assert row[2] in ("checked", "not verifiable from the files", "no rule"), row
        assert french_leaks(row[3]) == [], row
    intro = out[: out.index("\n## ")]
    assert french_leaks(intro) == []


@pytest.mark.parametrize("value", ["0", "1", "999.5", "45000", "33750.75", "-5000", "1234567.89"])
def test_an_amount_written_for_french_is_written_again_for_english(value: str) -> None:
    """``text.english_value``, which ``Check.render`` is to apply to a parameter that has no
    English wording: an amount the French way (``aid.euros``) becomes the same amount the
    English way."""
    amount = Decimal(value)
    assert english_value(euros(amount)) == english_euros(amount)
    assert french_leaks(english_value(euros(amount))) == []


def test_only_a_whole_amount_is_rewritten() -> None:
    assert english_value("45 000 €") == "€45,000"
    assert english_value("-33 750,75 €") == "-€33,750.75"
    assert english_value("« a.pdf », « b.pdf »") == '"a.pdf", "b.pdf"'
    # Quoted from a cell or a document: the amount is as it was written there.
    assert english_value("cellule B3 : « 60 000 € »") == 'cellule B3 : "60 000 €"'
    assert english_value("45 000") == "45 000"


def test_triage_says_in_english_why_an_application_is_incomplete() -> None:
    """The « Why » column of triage's table in English: each check's English line, not the
    first line of its French docstring."""
    from dossierkit.triage.applications import short_reason

    assert short_reason("G001", "en") == "A born-digital piece is not signed"
    assert short_reason("G001") == "Une pièce née numérique n'est pas signée"
    for check in ALL_CHECKS:
        assert french_leaks(short_reason(check.code, "en")) == [], check.code
