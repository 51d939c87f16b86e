"""The sample generator leaves no temporary folder (issue 18): its LibreOffice conversions
(``dossierkit-conv-<pid>-…``) and drafts (``dossierkit-work-<pid>-…``) are dossierkit's
scratch folders, removed on every exit path — a conversion that fails, an interruption,
SIGTERM — and those of a run killed with SIGKILL removed by the next one. LibreOffice itself
is replaced by a stand-in: what is tested is the folder, not the conversion."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import generate
import pytest

from conftest import SAMPLES
from dossierkit.external import ExternalError
from dossierkit.external.scratch import remove_stale

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="signaux POSIX")


@pytest.fixture
def tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary folder of the test's own, and a LibreOffice that is there."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    monkeypatch.setattr(generate.soffice, "available", lambda: True)
    return folder


def _source(tmp_path: Path) -> Path:
    source = tmp_path / "Budget.xlsx"
    source.write_bytes(b"PK\x03\x04 un classeur")
    return source


def _converting(result: Exception | None, seen: list[Path]):  # type: ignore[no-untyped-def]
    """A stand-in for ``soffice.convert`` that notes its folder, then fails or converts."""

    def convert(source: Path, target: str, outdir: Path, *, timeout: float) -> Path:
        seen.append(outdir)
        assert stat.S_IMODE(outdir.stat().st_mode) == 0o700, "private"
        assert outdir.name.startswith(f"dossierkit-conv-{os.getpid()}-"), outdir.name
        if result is not None:
            raise result
        produced = outdir / f"source.{target}"
        produced.write_text("converti")
        return produced

    return convert


@pytest.mark.parametrize(
    "result",
    [None, ExternalError("soffice", "a planté"), KeyboardInterrupt()],
    ids=["converted", "failed", "interrupted"],
)
def test_a_conversion_s_folder_is_removed_however_it_ends(
    tmp: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, result: Exception | None
) -> None:
    seen: list[Path] = []
    monkeypatch.setattr(generate.soffice, "convert", _converting(result, seen))
    monkeypatch.setattr(generate, "_fallback_convert", lambda src, dst, fmt: dst)
    out = tmp_path / "sortie"
    if isinstance(result, KeyboardInterrupt):
        with pytest.raises(KeyboardInterrupt):
            generate.convert_office(_source(tmp_path), out, "ods")
    else:
        generate.convert_office(_source(tmp_path), out, "ods")
    assert len(seen) == 1 and not seen[0].exists()
    assert list(tmp.iterdir()) == []
    if result is None:
        assert (out / "Budget.ods").read_text() == "converti"


# A generation stopped while LibreOffice converts: the stand-in says so, then waits.
_STOPPED = """
import sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
import generate

def convert(source, target, outdir, *, timeout):
    print(outdir, flush=True)
    time.sleep(60)

generate.exit_on_sigterm()
generate.soffice.available = lambda: True
generate.soffice.convert = convert
generate.convert_office(Path(sys.argv[2]), Path(sys.argv[3]), "pdf")
"""


def test_sigterm_removes_the_folder_and_sigkill_s_is_removed_by_the_next_run(
    tmp_path: Path,
) -> None:
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    source = _source(tmp_path)
    runs = {
        sig: subprocess.Popen(
            [sys.executable, "-c", _STOPPED, str(SAMPLES), str(source), str(tmp_path / "out")],
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "TMPDIR": str(tmp)},
        )
        for sig in (signal.SIGTERM, signal.SIGKILL)
    }
    folders = {}
    for sig, run in runs.items():
        assert run.stdout is not None
        folders[sig] = Path(run.stdout.readline().strip())
        assert folders[sig].name.startswith(f"dossierkit-conv-{run.pid}-")
        run.send_signal(sig)
    assert runs[signal.SIGTERM].wait(10) == 143
    assert runs[signal.SIGKILL].wait(10) == -signal.SIGKILL
    assert not folders[signal.SIGTERM].exists(), "removed on its way out"
    assert folders[signal.SIGKILL].exists(), "a killed run's, for the next one"
    assert remove_stale(tmp) == [folders[signal.SIGKILL]], "the next run's sweep"
    assert list(tmp.iterdir()) == []


def test_a_half_built_sample_of_a_killed_run_is_removed_by_the_next_build(
    tmp_path: Path,
) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    left = tmp_path / f".association-complete-{dead.stdout.strip()}-k2j3_4x9"
    running = tmp_path / f".association-complete-{os.getpid()}-a1b2c3d4"
    others = [tmp_path / ".association-complete-notes", tmp_path / ".interco-complete-1-abcdefgh"]
    for folder in (left, running, *others):
        (folder / "association-complete").mkdir(parents=True)
    assert generate.remove_stale_staging(tmp_path, "association-complete") == [left]
    assert running.exists() and all(p.exists() for p in others)
