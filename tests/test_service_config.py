"""``DOSSIERKIT_CONFIG`` names the service's settings: a folder, or the settings file itself."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from dossierkit.triage.service import CONFIG_VARIABLE


def _config(where: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dossierkit", "config", *args],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        env={**os.environ, CONFIG_VARIABLE: str(where)},
    )


@pytest.mark.parametrize("exists", [False, True])
def test_a_settings_file_named_is_that_file_never_a_folder(tmp_path: Path, exists: bool) -> None:
    """A service sharing « service-region.toml » on a drive points to it: the settings go in
    that file (its folder keeps the templates), never in a folder made under its name."""
    shared = tmp_path / "partage" / "service-region.toml"
    shared.parent.mkdir()
    if exists:
        shared.write_text('ville = "Lille"\n', encoding="utf-8")
    assert _config(shared, "ville", "Amiens").returncode == 0
    assert shared.is_file()
    assert 'ville = "Amiens"' in shared.read_text(encoding="utf-8")
    shown = _config(shared)
    assert str(shared) in shown.stdout and "Amiens" in shown.stdout
    assert sorted(p.name for p in shared.parent.iterdir()) == ["service-region.toml"]


def test_a_folder_named_holds_service_toml(tmp_path: Path) -> None:
    assert _config(tmp_path / "reglages", "ville", "Arras").returncode == 0
    assert (tmp_path / "reglages" / "service.toml").is_file()
