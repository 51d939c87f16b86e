"""A sending's name cannot forge a line of triage's report nor drive the terminal (issue 18).

Names come from strangers: a folder saved from a mail or unpacked from an archive may be
called « Fablab⏎ERREUR    P001  … », hold an escape sequence that clears the screen and sets
the window's title, or bytes that are not UTF-8. verify shows such names escaped
(``discovery.shown_name``); triage must too, in its progress lines, its table, its page and
its workbook, without failing on them.

Strict xfail until the triage's files show the names so (see the helper's report on issue 18:
``run.inbox_item`` names the item ``shown_name(path.name)``, ``html._href`` quotes
``os.fsencode`` of the path): the tests then pass, and the marks must go.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import TEXTS, write_letter_pdf, write_pdf
from dossierkit.call import Call
from dossierkit.cli import cli
from dossierkit.triage import run as triage_run
from dossierkit.triage.model import InboxItem, Outcome

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="noms en octets (Linux)")

FORGED = "ERREUR    P001  Pièce manquante : RIB."
NAMES = {
    "newline": f"Fablab\n{FORGED}",
    "escape": "Fablab\x1b]0;pwned\x07\x1b[2J\x1b[31m",
}


def _in_process(
    items: Iterable[InboxItem], *, call: Call, lang: str = "fr", work: Callable[..., Outcome],
    **_: object,
) -> Iterator[Outcome]:  # fmt: skip
    """The pool without its workers: the names are what is tested, not the isolation."""
    for item in items:
        yield work(item, call, lang)


def _inbox(tmp_path: Path, name: str) -> Path:
    dossier = tmp_path / "arrivees" / name
    dossier.mkdir(parents=True)
    write_letter_pdf(dossier / "Courrier de demande.pdf", TEXTS["courrier"])
    write_pdf(dossier / f"RIB.pdf\n{FORGED}", TEXTS["rib"])
    # A name that is not UTF-8 (a Windows archive unpacked as is): a finding names it.
    (dossier / os.fsdecode(b"Budget pr\xe9visionnel.txt")).write_bytes(b"budget")
    return dossier.parent


@pytest.mark.parametrize("name", NAMES.values(), ids=NAMES.keys())
def test_a_sending_s_name_cannot_forge_a_line_nor_drive_the_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.setattr(triage_run, "run_pool", _in_process)
    inbox = _inbox(tmp_path, name)
    page, workbook = tmp_path / "tri.html", tmp_path / "tri.xlsx"
    result = CliRunner().invoke(
        cli,
        ["triage", str(inbox), "--db", str(tmp_path / "r.sqlite"), "--html", str(page),
         "--xlsx", str(workbook)],
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    printed = result.output
    assert "\x1b" not in printed and "\x07" not in printed, "no escape reaches the terminal"
    forged = [line for line in printed.splitlines() if line.startswith("ERREUR    P001  Pièce m")]
    assert forged == [], "no line is made of a name"
    shown = name.replace("\n", "\\x0a").replace("\x1b", "\\x1b").replace("\x07", "\\x07")
    # (French spacing is put in the lines, names included: « manquante\xa0: RIB. »)
    assert shown in printed.replace("\xa0", " "), "the name is shown, escaped"
    assert page.exists() and workbook.exists()
    html = page.read_text(encoding="utf-8")
    assert "\x1b" not in html and name not in html
