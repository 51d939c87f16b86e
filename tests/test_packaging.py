"""A non-editable install, run from another folder, carries its schemas, calls and data."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, TEXTS, write_pdf


@pytest.mark.slow
def test_wheel_ships_schemas_templates_calls_and_data(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )
    (wheel,) = tmp_path.glob("dossierkit-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "dossierkit/schemas/report.schema.json",
        "dossierkit/schemas/call.schema.json",
        "dossierkit/schemas/manifest.schema.json",
        "dossierkit/calls/tiers-lieux-numerique.yaml",
        "dossierkit/calls/tiers-lieux-numerique.source.txt",
        "dossierkit/data/epci-hauts-de-france.json",
        "dossierkit/data/SOURCE.md",
    ):
        assert required in names

    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )
    dossier = tmp_path / "dossier"
    write_pdf(dossier / "RIB.pdf", TEXTS["rib"])
    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import dossierkit.resources as r; print(r.schema_path('report.schema.json'))",
        ],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert Path(probe.stdout.strip()).is_relative_to(target)
    result = subprocess.run(
        [sys.executable, "-m", "dossierkit", "verify", str(dossier), "--format", "json"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 1, result.stderr
    assert json.loads(result.stdout)["pieces"][4]["status"] == "ok"


_IMPORTED_AT_EXIT = (
    "import atexit, sys\n"
    "atexit.register(lambda: print(sorted(m for m in ('click', 'dossierkit.cli.group',"
    " 'dossierkit.cli.verify') if m in sys.modules), file=sys.stderr))\n"
    "from dossierkit.cli import main\n"
    "main()\n"
)


@pytest.mark.parametrize(
    ("arguments", "imported"),
    [
        (["--version"], "[]"),
        (["-V"], "[]"),
        (["--help"], "['click', 'dossierkit.cli.group', 'dossierkit.cli.verify']"),
    ],
)
def test_version_answers_without_importing_the_commands(
    arguments: list[str], imported: str
) -> None:
    """``dossierkit --version`` prints what click's version option prints, from the version
    alone: click and the commands' modules are imported only for a command or the help."""
    result = subprocess.run(
        [sys.executable, "-c", _IMPORTED_AT_EXIT, *arguments],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0
    assert result.stderr.strip() == imported
    if imported == "[]":
        from click.testing import CliRunner

        from dossierkit import __version__
        from dossierkit.cli import cli

        expected = f"dossierkit {__version__}\n"
        assert result.stdout == CliRunner().invoke(cli, arguments).output == expected
