"""``dossierkit regles``: every sentence of the call is mapped to its checks, or says why not.

The map (``calls/tiers-lieux-numerique.regles.yaml``) is data; these tests keep it honest: a
sentence of the call in no entry, a quote that finds no sentence, a rule-bearing sentence
left as context without a note, a code that no check has, and a stale ``docs/regles.md``
all fail.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from dossierkit.call import CallFileError
from dossierkit.checks import BY_CODE
from dossierkit.cli import cli
from dossierkit.report.rules import call_rules, load_map, split_sentences
from dossierkit.resources import calls_dir

ROOT = Path(__file__).resolve().parents[1]
CALL = calls_dir() / "tiers-lieux-numerique.yaml"
# A sentence that obliges, excludes, caps or asks sets a rule (or says it sets none).
_RULE_WORDS = re.compile(
    r"\b(doit|doivent|devra|devront|exclus|maximum|plafonné|unique|non cumulable)\b|\?"
)


def test_every_sentence_of_the_call_has_an_entry_and_every_quote_its_sentence() -> None:
    rules = call_rules(CALL)
    assert rules.unmapped == ()
    assert rules.unmatched_quotes == ()
    assert rules.ambiguous_quotes == ()
    assert len(rules.sentences) > 80


def test_every_rule_bearing_sentence_has_checks_or_a_reason() -> None:
    rules = call_rules(CALL)
    entries = load_map(CALL.with_name("tiers-lieux-numerique.regles.yaml"))
    noted = {e.quote for e in entries if e.status == "context" and e.reason}
    silent = [
        s.sentence.text
        for s in rules.sentences
        if _RULE_WORDS.search(s.sentence.text)
        and s.status == "context"
        and not any(q in s.sentence.text for q in noted)
    ]
    assert silent == []
    for s in rules.sentences:
        assert (s.status == "checked") == bool(s.checks)
        if s.status == "unverifiable":
            assert s.reasons and all(r["fr"] and r["en"] for r in s.reasons)


def test_every_code_of_the_map_is_a_check_of_the_registry() -> None:
    codes = {c for s in call_rules(CALL).sentences for c in s.checks}
    assert sorted(codes - set(BY_CODE)) == []


def test_list_items_are_sentences_and_sentences_are_split() -> None:
    texts = [
        s.text
        for s in split_sentences(
            (calls_dir() / "tiers-lieux-numerique.source.txt").read_text("utf-8")
        )
    ]
    assert "un RIB" in texts
    assert "Quelles en sont les grandes lignes sur 3 ans ?" in texts
    assert "L'élaboration de la feuille de route devra donc a minima être engagée." in texts
    # "fabriquer... dans" does not end a sentence.
    assert any(t.startswith("atelier fablab") and t.endswith("d'entreprises,") for t in texts)


def test_the_docs_page_is_the_commands_output() -> None:
    result = CliRunner().invoke(cli, ["regles", "--format", "markdown"])
    assert result.exit_code == 0, result.output
    page = (ROOT / "docs" / "regles.md").read_text(encoding="utf-8")
    assert result.stdout == page, "docs/regles.md is stale: dossierkit regles > docs/regles.md"


def test_json_counts_and_the_count_on_standard_error() -> None:
    result = CliRunner().invoke(cli, ["regles", "--format", "json", "--lang", "en"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    counts = data["counts"]
    assert counts["checked"] + counts["unverifiable"] + counts["context"] == counts["total"]
    assert counts["checked"] >= 50
    assert f"{counts['checked']} sentences checked from the files" in result.stderr
    budget = next(s for s in data["sentences"] if s["text"].startswith("un budget dépenses"))
    assert budget["status"] == "checked" and "B003" in budget["checks"]
    report = next(s for s in data["sentences"] if "bilan d'activité" in s["text"])
    assert "B005" in report["checks"] and "after the award" in report["reasons"][0]


def test_a_map_entry_with_two_verdicts_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "appel.regles.yaml"
    path.write_text(
        'sentences:\n  - quote: "un RIB"\n    checks: [R001]\n    context: true\n',
        encoding="utf-8",
    )
    with pytest.raises(CallFileError, match="une seule des clés"):
        load_map(path)


def test_a_call_without_a_map_is_a_usage_error(tmp_path: Path) -> None:
    call = tmp_path / "appel.yaml"
    call.write_text(CALL.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "tiers-lieux-numerique.source.txt").write_text("Une phrase.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["regles", "--call", str(call)])
    assert result.exit_code == 2
    assert "appel.regles.yaml" in result.output


def test_the_readme_gives_the_counts_and_the_sentences_left_to_a_person() -> None:
    """The README's entry page says how much of the call is checked, and which sentences a
    person must judge, as ``dossierkit regles`` counts them today."""
    rules = call_rules(CALL)
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    total, checked = len(rules.sentences), rules.count("checked")
    context, unverifiable = rules.count("context"), rules.count("unverifiable")
    assert (
        f"Sur les {total} phrases de l'appel, **{checked} sont vérifiées sur les pièces**" in readme
    )
    assert f"{context} ne posent pas de règle ; {unverifiable} ne peuvent pas l'être" in readme
    left = [str(s.sentence.number) for s in rules.sentences if s.status == "unverifiable"]
    listed = re.search(r"restent au jugement de l'instructeur : phrases (.*?) Le détail", readme)
    assert listed, "the README lists the sentences left to a person"
    numbers = re.findall(r"\b(\d+) \(", listed.group(1))
    assert numbers == left
