"""LISEZMOI tells the applicant how to run dossierkit again as they can type it (issue 17):
installed as the README says, in a virtual environment nobody activated, « dossierkit »
alone answers « command not found », so LISEZMOI gives the command's full path; on the PATH,
the name alone."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_init import ASSOCIATION

from dossierkit.cli import cli
from dossierkit.init.create import program

# The association of test_init, without its town: the questionnaire's defaults fill it.
OPTIONS = [a for i, a in enumerate(ASSOCIATION) if "--ville" not in ASSOCIATION[i - 1 : i + 1]]


def _environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *, on_path: bool) -> Path:
    """A virtual environment in « Mes projets/.venv » (a space, as in a French home folder)
    whose Python runs this dossierkit; its bin folder on the PATH or not."""
    bin_folder = tmp_path / "Mes projets" / ".venv" / "bin"
    bin_folder.mkdir(parents=True)
    command = bin_folder / "dossierkit"
    command.write_text("#!/bin/sh\n", encoding="utf-8")
    command.chmod(0o755)
    monkeypatch.setattr(sys, "executable", str(bin_folder / "python"))
    monkeypatch.setenv("PATH", str(bin_folder) if on_path else str(tmp_path / "empty"))
    return command


def test_an_environment_not_activated_is_named_by_its_full_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    command = _environment(tmp_path, monkeypatch, on_path=False)
    assert program() == f"'{command}'"  # quoted: the path holds a space
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "d"), *OPTIONS])
    assert result.exit_code == 0, result.output
    lisezmoi = (tmp_path / "d" / "LISEZMOI.txt").read_text(encoding="utf-8")
    assert f"\n   '{command}' verify .\n" in lisezmoi
    assert f"\n   '{command}' assemble . -o \"../Demande - " in lisezmoi
    assert "Dans un terminal ouvert dans ce dossier\u00a0:" in lisezmoi


def test_a_command_on_the_path_is_named_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _environment(tmp_path, monkeypatch, on_path=True)
    assert program() == "dossierkit"
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))  # run from the sources
    assert program() == "dossierkit"
