"""The README is an entry page a newcomer follows from a fresh clone (issue 17): short, in
French, exactly two set-up commands (``.ci/run`` runs the second), every command it shows
runnable as printed from the repository's root — dossierkit by its path in ``.venv``, which
the first command makes, since nothing tells a newcomer to activate it — and every link to
``docs/`` (there and between the pages) leading to a page that exists."""

from __future__ import annotations

import re

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def _blocks(text: str) -> list[tuple[str, str]]:
    return re.findall(r"```(\w*)\n(.*?)```", text, flags=re.S)


def test_the_entry_page_is_short_and_has_two_set_up_commands() -> None:
    assert len(README.splitlines()) <= 180
    install = README[README.index("## Installer") : README.index("## Le parcours du demandeur")]
    (_, block), *_ = _blocks(install)
    commands = [line for line in block.splitlines() if line and not line.startswith("#")]
    assert commands == [
        "python3 -m venv .venv && .venv/bin/pip install . && "
        ".venv/bin/dossierkit verify samples/association-complete",
        "bash scripts/test.sh",
    ]
    assert "exec bash scripts/test.sh" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    # The applicant's path, in order, each step with its command.
    steps = [
        README.index(f"$ .venv/bin/dossierkit {step} mon-dossier")
        for step in ("init", "verify", "assemble")
    ]
    assert steps == sorted(steps) and steps[0] < README.index("### 2. Remplir") < steps[1]


def test_every_command_shown_runs_dossierkit_by_its_path() -> None:
    """A bare « dossierkit » answers « command not found » after the first command."""
    shown = [
        line.removeprefix("$ ").strip()
        for _, block in _blocks(README)
        for line in block.splitlines()
        if line.startswith(("$ ", ".venv", "dossierkit"))
    ]
    shown += re.findall(r"`((?:\.venv/bin/)?dossierkit [^`]*)`", README)
    assert len(shown) >= 8
    for command in shown:
        assert command.startswith((".venv/bin/dossierkit ", "python3 -m venv")), command


def test_every_link_leads_to_a_page_that_exists() -> None:
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text):
            if target.startswith(("http://", "https://", "mailto:")):
                continue
            assert (page.parent / target).exists(), (page.name, target)
    linked = set(re.findall(r"\]\(docs/([^)#]+)\)", README))
    pages = {p.name for p in (ROOT / "docs").glob("*.md")}
    assert pages <= linked, pages - linked  # every page reachable from the entry page
