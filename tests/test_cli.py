"""The command line as people run it: exit codes, formats, languages, bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from conftest import TEXTS, write_pdf
from dossierkit.cli import cli


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dossierkit", *args],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def test_version_and_help_in_french() -> None:
    version = _run("--version")
    assert version.returncode == 0 and version.stdout.startswith("dossierkit ")
    helptext = _run("verify", "--help")
    assert "Vérifie le dossier" in helptext.stdout


def test_missing_folder_is_a_usage_error() -> None:
    result = _run("verify", "/nonexistent/dossier")
    assert result.returncode == 2
    assert "n'existe pas" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_file_instead_of_a_folder_is_a_usage_error(tmp_path: Path) -> None:
    archive = tmp_path / "dossier.zip"
    archive.write_bytes(b"PK\x05\x06" + b"\0" * 18)
    result = _run("verify", str(archive))
    assert result.returncode == 2
    assert "décompressez" in result.stderr


def test_unknown_option_is_a_usage_error() -> None:
    assert _run("verify", ".", "--formaat", "json").returncode == 2


def test_empty_folder_is_incomplete_with_a_clear_message(tmp_path: Path) -> None:
    (tmp_path / ".DS_Store").write_bytes(b"\0")
    result = CliRunner().invoke(cli, ["verify", str(tmp_path)])
    assert result.exit_code == 1
    assert "ne contient aucun document" in result.output


def test_json_on_stdout_validates(tmp_path: Path, report_validator) -> None:  # type: ignore[no-untyped-def]
    write_pdf(tmp_path / "RIB.pdf", TEXTS["rib"])
    result = CliRunner().invoke(cli, ["verify", str(tmp_path), "--format", "json"])
    assert result.exit_code == 1
    report = json.loads(result.output)
    report_validator(report)
    assert report["status"] == "incomplete"
    assert {p["kind"]: p["status"] for p in report["pieces"]}["rib"] == "ok"


def test_english_messages(tmp_path: Path) -> None:
    write_pdf(tmp_path / "RIB.pdf", TEXTS["rib"])
    result = CliRunner().invoke(cli, ["verify", str(tmp_path), "--lang", "en"])
    assert "Missing piece: Request letter" in result.output
    assert "Dossier incomplete" in result.output
    french = CliRunner().invoke(cli, ["verify", str(tmp_path)])
    assert "Pièce manquante : Courrier de demande" in french.output
    assert "Dossier incomplet" in french.output


def test_console_script_output_without_terminal_has_no_escape_codes(tmp_path: Path) -> None:
    write_pdf(tmp_path / "RIB.pdf", TEXTS["rib"])
    result = _run("verify", str(tmp_path))
    assert result.returncode == 1
    assert "\x1b[" not in result.stdout
    assert "MANQUANTE" in result.stdout
