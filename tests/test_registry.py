"""The registry of checks: codes, names, messages, documentation."""

from __future__ import annotations

import inspect
import re
import string

import pytest
from click.testing import CliRunner

from conftest import ROOT
from dossierkit.checks import ALL_CHECKS, BY_CODE
from dossierkit.cli import cli
from dossierkit.findings import Severity


def test_codes_and_names_are_unique_and_well_formed() -> None:
    codes = [c.code for c in ALL_CHECKS]
    names = [c.name for c in ALL_CHECKS]
    assert len(codes) == len(set(codes)) == len(BY_CODE)
    assert len(names) == len(set(names))
    assert all(re.fullmatch(r"[A-Z][0-9]{3}", code) for code in codes)
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", name) for name in names)


@pytest.mark.parametrize("check", ALL_CHECKS, ids=lambda c: c.code)
def test_every_check_is_documented_in_both_languages(check) -> None:  # type: ignore[no-untyped-def]
    doc = inspect.getdoc(check)
    assert doc and "\n\n" in doc, "a summary line, then why and how to fix"
    assert isinstance(check.severity, Severity)
    assert set(check.message) == {"fr", "en"}
    fields = [
        {
            name.removesuffix("_en")
            for _, name, _, _ in string.Formatter().parse(check.message[lang])
            if name
        }
        for lang in ("fr", "en")
    ]
    assert fields[0] == fields[1], "both languages use the same values (x_en is x in English)"


def test_checks_command_lists_every_check() -> None:
    result = CliRunner().invoke(cli, ["checks"])
    assert result.exit_code == 0
    for check in ALL_CHECKS:
        assert check.code in result.output and check.name in result.output


def test_the_checks_page_is_up_to_date() -> None:
    """docs/verifications.md is what ``dossierkit checks --format markdown`` writes: every
    check, with its docstring as it is now."""
    from dossierkit.report.checks_doc import checks_markdown

    page = (ROOT / "docs" / "verifications.md").read_text(encoding="utf-8")
    missing = [c.code for c in ALL_CHECKS if f"| {c.code} | `{c.name}`" not in page]
    assert not missing, "regenerate: dossierkit checks --format markdown > docs/verifications.md"
    assert page == checks_markdown("fr"), (
        "regenerate: dossierkit checks --format markdown > docs/verifications.md"
    )


# --- every code has data cases (tests/cases/checks/*.yml, run by test_check_cases.py) ------


def test_every_check_has_a_case_that_fires_it_and_a_near_miss() -> None:
    from test_check_cases import CASES

    fired = {code for case in CASES for code in case.fired_codes}
    quiet = {code for case in CASES for code in case.quiet}
    codes = [c.code for c in ALL_CHECKS]
    assert not [c for c in codes if c not in fired], "codes without a case that fires them"
    assert not [c for c in codes if c not in quiet], "codes without a near miss (quiet:)"


def test_cases_name_only_known_codes_in_the_right_shape() -> None:
    from test_check_cases import CASES

    for case in CASES:
        assert case.fires or case.quiet, f"{case.id}: neither fires nor quiet"
        width = 6 if case.intake else 5
        assert all(len(row) == width for row in case.fires), f"{case.id}: {width} fields a row"
        unknown = (case.fired_codes | set(case.quiet)) - set(BY_CODE)
        assert not unknown, f"{case.id} names unknown codes {sorted(unknown)}"
        assert not case.fired_codes & set(case.quiet), f"{case.id}: a code both fires and not"
        severities = {str(row[2] if case.intake else row[1]) for row in case.fires}
        assert severities <= {s.value for s in Severity}, f"{case.id}: unknown severity"
