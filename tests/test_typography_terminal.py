"""What dossierkit prints in the terminal in French follows French typography (issue 17): no
ordinary space before « : ; ! ? » » nor after « « », where a line could break and leave the
sign alone at the start of the next one.

Every main command is run as an applicant or an instructor runs it (``verify``, ``aid``,
``checks``, ``regles``, ``init`` answered at the keyboard, ``assemble``, ``triage``, and the
``--help`` of each). Two things are left as they are, and only those:

* the names of the files and folders the applicant gave (« Budget : version 2 ?.pdf », a
  dossier « Fab Lab ? »): printed as they are on disk, so that they can be found and copied;
  the guillemets around them are dossierkit's and are checked;
* the sentences of the call that ``dossierkit regles`` quotes, as the call's published text
  writes them (the same page is ``docs/regles.md``); the columns dossierkit writes are checked.

The JSON report keeps its ordinary spaces (it is for programs, and the golden reports pin it),
and the English output has no no-break space of French typography.
"""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner, Result

from conftest import SAMPLES
from dossierkit.cli import cli
from dossierkit.report.data import report_data
from dossierkit.report.terminal import render_terminal
from dossierkit.verify import verify

# An ordinary space (or a tab) before « : ; ! ? » », or after « « ».
_ORDINARY = re.compile(r"[ \t][:;!?»]|«[ \t]")
# Names the tests give their files and folders, with the signs French typography binds.
FOLDER = "Fab Lab ?"
BUDGET = "Budget : version 2 ?.pdf"


def ordinary_spaces(text: str, names: Iterable[str] = ()) -> list[str]:
    """The lines of ``text`` where an ordinary space stands before « : ; ! ? » » or after
    « « », once the ``names`` given by the applicant (files, folders, paths) are taken out."""
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, "NOM")
    return [line for line in text.splitlines() if _ORDINARY.search(line)]


def _run(args: list[str], input: str | None = None) -> Result:
    return CliRunner().invoke(cli, args, input=input, terminal_width=100)


@pytest.fixture(scope="module")
def arrivals(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of arrivals holding one small dossier whose folder and file names carry the
    signs French typography binds: an empty budget and a damaged RIB, read in a second."""
    root = tmp_path_factory.mktemp("typographie") / "arrivees"
    dossier = root / FOLDER
    dossier.mkdir(parents=True)
    (dossier / BUDGET).write_bytes(b"")
    (dossier / "RIB.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog")
    return root


def test_the_ordinary_space_finder_finds_each_sign() -> None:
    for bad in ("Erreur : x", "a ; b", "Attention !", "Quoi ?", "« x", "x »"):
        assert ordinary_spaces(bad) == [bad]
    assert ordinary_spaces("Erreur\u00a0: «\u202fx\u202f» ; a\u202f!") == [
        "Erreur\u00a0: «\u202fx\u202f» ; a\u202f!"
    ]
    assert ordinary_spaces("Erreur\u00a0: «\u202fx\u202f»\u202f; a\u202f! https://x.fr 9:00") == []
    assert ordinary_spaces(f"«\u202f{BUDGET}\u202f»", [BUDGET]) == []


def _commands(group: click.Group, path: list[str]) -> Iterable[list[str]]:
    yield path
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from _commands(command, [*path, name])
        else:
            yield [*path, name]


def test_the_help_of_every_command() -> None:
    """click reflows help with ``textwrap``, which breaks lines at ASCII spaces only: help
    typeset with no-break spaces keeps « : » with its word."""
    assert isinstance(cli, click.Group)
    shown = 0
    for path in _commands(cli, []):
        result = _run([*path, "--help"])
        assert result.exit_code == 0, (path, result.output)
        assert ordinary_spaces(result.output) == [], path
        shown += 1
    assert shown >= 10


def test_verify_of_a_sample() -> None:
    result = _run(["verify", str(SAMPLES / "association-incomplete")])
    assert result.exit_code == 1
    assert "Dossier incomplet\u00a0: 2 pièces manquantes" in result.output
    assert "2027\u00a0: min(60 000\u202f; 60 000) × 75 % = 45 000\u00a0€" in result.output
    assert "Aide maximale totale\u00a0:" in result.output
    assert ordinary_spaces(result.output) == []


def test_verify_keeps_the_applicants_names_as_they_are(arrivals: Path) -> None:
    result = _run(["verify", str(arrivals / FOLDER)])
    assert result.exit_code == 1
    # The name as on disk, in guillemets bound to it; the message's own colon bound too.
    assert f"«\u202f{BUDGET}\u202f» est vide (0 octet)\u00a0: enregistrez" in result.output
    assert f"Vérification du dossier «\u202f{FOLDER}\u202f»" in result.output
    assert ordinary_spaces(result.output, [BUDGET, FOLDER]) == []
    assert ordinary_spaces(result.output) != []  # the names do keep their spaces


@pytest.fixture(scope="module")
def report(arrivals: Path) -> dict[str, Any]:
    return report_data(verify(arrivals / FOLDER), "fr")


def _verdict(report: dict[str, Any], **changes: Any) -> str:
    out = io.StringIO()
    render_terminal({**report, **changes}, "Appel à projets « Tiers-lieux »", out, 100, False)
    return out.getvalue()


def test_every_verdict_line(report: dict[str, Any]) -> None:
    """« Dossier incomplet : … », « Dossier complet, avec … », « Dossier complet. »."""
    complete = {**report["summary"], "missing": [], "invalid": [], "empty": [], "errors": 0}
    for summary, verdict in (
        ({**complete, "warnings": 2}, "Dossier complet, avec 2 avertissements à regarder."),
        ({**complete, "warnings": 0}, "Dossier complet."),
    ):
        output = _verdict(report, status="complete", summary=summary)
        assert output.splitlines()[-1] == verdict
        assert ordinary_spaces(output, [BUDGET, FOLDER]) == []
    incomplete = _verdict(report)
    assert incomplete.splitlines()[-1].startswith("Dossier incomplet\u00a0: 3 pièces manquantes")
    assert ordinary_spaces(incomplete, [BUDGET, FOLDER]) == []


def test_the_english_report_is_left_as_it_was(arrivals: Path) -> None:
    result = _run(["verify", str(arrivals / FOLDER), "--lang", "en"])
    assert "Dossier incomplete: " in result.output
    assert "\u202f" not in result.output and "\u00a0:" not in result.output


def test_aid() -> None:
    for args in (
        ["--animation", "52000", "51000", "50000", "--equipment", "32000", "--start-year", "2027"],
        ["--animation", "20000", "60000", "60000", "40000", "--start", "2027-09"],
    ):
        result = _run(["aid", *args])
        assert result.exit_code == 0, result.output
        assert "Aide maximale totale\u00a0:" in result.output
        assert ordinary_spaces(result.output) == []
    refused = _run(["aid", "--animation", "abc"])
    assert refused.exit_code == 2 and ordinary_spaces(refused.output) == []


def test_checks() -> None:
    result = _run(["checks"])
    assert result.exit_code == 0 and "Correction\u00a0:" in result.output
    assert ordinary_spaces(result.output) == []


def test_regles_its_own_words() -> None:
    result = CliRunner().invoke(cli, ["regles"])
    assert result.exit_code == 0
    assert ordinary_spaces(result.stderr) == []
    rows = [line.split(" | ") for line in result.stdout.splitlines() if line.startswith("| ")]
    assert len(rows) > 80
    # Every column but the call's sentence, quoted as the call writes it.
    own = "\n".join(" | ".join(row[:1] + row[2:]) for row in rows)
    assert ordinary_spaces(own) == []
    others = [line for line in result.stdout.splitlines() if not line.startswith("| ")]
    assert ordinary_spaces("\n".join(others)) == []


def test_init_at_the_keyboard(tmp_path: Path) -> None:
    folder = tmp_path / "mon dossier"
    replies = [
        "7",  # not a choice: « Erreur : « 7 » n'est pas l'un des choix »
        "1",
        "Nulle part",  # not an intercommunality
        "CC du Ternois",
        "Fab'Lab du Ternois",
        "lieu",
        "l'an prochain",  # not a year
        "2028",
        "Marie Dupont",
        "Présidente",
        "Thomas Caron, coordinateur",
        "1",
        "Saint-Pol-sur-Ternoise",
        "12 rue de la Gare",
        "",
    ]
    result = _run(["init", str(folder)], input="\n".join(replies) + "\n")
    assert result.exit_code == 0, result.output
    assert "Votre choix (numéro)\u00a0:" in result.output
    assert "Erreur\u00a0: «\u202f7\u202f»" in result.output
    assert ordinary_spaces(result.output, [str(folder)]) == []
    refused = _run(["init", str(tmp_path / "autre"), "--no-input"])
    assert refused.exit_code == 2
    assert "--type est obligatoire (association, intercommunalite, commune ou autre)" in (
        " ".join(refused.output.split())
    )
    assert ordinary_spaces(refused.output) == []


def test_assemble(arrivals: Path, tmp_path: Path) -> None:
    output = tmp_path / "demande.pdf"
    args = ["assemble", str(arrivals / FOLDER), "-o", str(output), "--renderer", "builtin"]
    refused = _run(args)
    assert refused.exit_code == 1 and ordinary_spaces(refused.output, [BUDGET, FOLDER]) == []
    result = _run([*args, "--allow-incomplete"])
    assert output.exists(), result.output
    assert ordinary_spaces(result.output, [BUDGET, FOLDER, str(output)]) == []


def test_triage_and_the_register(arrivals: Path, tmp_path: Path) -> None:
    copy, register = tmp_path / "arrivees", tmp_path / "registre.sqlite"
    shutil.copytree(arrivals, copy)
    result = _run(["triage", str(copy), "--db", str(register), "-j", "1"])
    assert result.exit_code == 1, result.output
    names = [BUDGET, FOLDER, str(copy), str(register)]
    assert ordinary_spaces(result.output, names) == []
    listed = _run(["registre", "--db", str(register)])
    assert listed.exit_code == 0, listed.output
    assert ordinary_spaces(listed.output, names) == []
