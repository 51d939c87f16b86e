"""``dossierkit assemble`` when the disk fills up or the process is killed (issue 18): a French
message and exit code 2, no partial output, no copy of the applicant's documents left behind;
after a kill -9, the next run removes what the killed one left and succeeds."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from small_disk import fill, left_in, small_disk

from conftest import TEXTS, write_pdf
from dossierkit.assemble import Options, Renderer, assemble
from dossierkit.external import scratch
from dossierkit.external.scratch import DiskFull
from dossierkit.verify import Verification, verify

BUILTIN = Renderer("builtin")
OPTIONS = Options(allow_incomplete=True, renderer=BUILTIN)


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> Verification:
    dossier = tmp_path_factory.mktemp("assemble-faults") / "Fablab"
    dossier.mkdir()
    write_pdf(dossier / "RIB.pdf", TEXTS["rib"])
    write_pdf(dossier / "Statuts.pdf", TEXTS["statuts"], TEXTS["statuts"][:2])
    return verify(dossier)


def _scratch_left() -> list[Path]:
    return list(Path(tempfile.gettempdir()).glob(f"dossierkit-assemble-{os.getpid()}-*"))


def test_too_little_space_is_refused_before_writing(
    result: Verification, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The free space is probed before the PDF library writes (QPDF cannot report a full
    disk everywhere): refused with the message, nothing written."""
    monkeypatch.setattr(scratch, "free_space", lambda folder: 1024)
    output = tmp_path / "Fablab.pdf"
    with pytest.raises(DiskFull) as caught:
        assemble(result, output, OPTIONS)
    message = caught.value.text("fr")
    assert message.startswith(f"le disque est plein : « {output} » n'a pas pu être écrit.")
    assert "Libérez de la place" in message and "relancez" in message
    assert f"“{output}” could not be written" in caught.value.text("en")
    assert caught.value.exit_code == 2
    assert list(tmp_path.iterdir()) == []
    assert _scratch_left() == []
    monkeypatch.undo()
    assert assemble(result, output, OPTIONS).pages > 2  # with the space, the same call works


def test_a_full_output_disk_leaves_no_partial_pdf(
    result: Verification, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real ENOSPC from the kernel while the PDF is written (the probe fooled into seeing
    room): the same message, the temporary file removed."""
    with small_disk(tmp_path / "disk") as disk:
        fill(disk, leave=4096)
        output = disk / "Fablab.pdf"
        with pytest.raises(DiskFull, match="disque est plein"):
            assemble(result, output, OPTIONS)  # refused by the probe
        monkeypatch.setattr(scratch, "free_space", lambda folder: 1 << 40)
        with pytest.raises(DiskFull) as caught:
            assemble(result, output, OPTIONS)  # refused by the kernel
        assert isinstance(caught.value.__cause__, OSError)
        assert f"« {output} » n'a pas pu être écrit" in caught.value.text("fr")
        assert left_in(disk) == []
    assert _scratch_left() == []


def test_a_full_temporary_disk_is_named_and_left_clean(
    result: Verification, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The conversions' folder fills up (the front pages cannot be drawn): the message names
    the temporary folders' disk and TMPDIR, not the output, and the copies are removed."""
    with small_disk(tmp_path / "tmp") as disk:
        fill(disk, leave=0)
        monkeypatch.setattr(tempfile, "tempdir", str(disk))
        with pytest.raises(DiskFull) as caught:
            assemble(result, tmp_path / "Fablab.pdf", OPTIONS)
        message = caught.value.text("fr")
        assert f"le disque des fichiers temporaires est plein : « {disk} »" in message
        assert "TMPDIR" in message and "TMPDIR" in caught.value.text("en")
        assert left_in(disk) == []
    assert not (tmp_path / "Fablab.pdf").exists()


def test_a_failed_lighter_copy_takes_the_first_away(
    result: Verification, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Over --taille-max the PDF is written again, lighter: a full disk then leaves no PDF
    either (the command ends in error; a PDF beside it would look like its result)."""
    import dossierkit.assemble as assembling

    calls = []

    def probe(folder: Path) -> int:
        calls.append(folder)
        return 1 << 40 if len(calls) == 1 else 0

    monkeypatch.setattr(scratch, "free_space", probe)
    monkeypatch.setattr(assembling.size, "recompress", lambda out, pages, step: True)
    output = tmp_path / "Fablab.pdf"
    with pytest.raises(DiskFull):
        assemble(result, output, Options(allow_incomplete=True, renderer=BUILTIN, max_mb=0.001))
    assert len(calls) == 2
    assert list(tmp_path.iterdir()) == []


# A run of ``dossierkit assemble`` whose PDF library writes half a file, then hangs: the
# moment a kill -9 does the most harm.
_HANGS_WHILE_WRITING = """
import sys, time
import pikepdf
def save(self, target, **options):
    target.write(b"%PDF-1.7 half of a dossier")
    target.flush()
    print("writing", flush=True)
    time.sleep(60)
pikepdf.Pdf.save = save
from dossierkit.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_kill_9_while_writing_leaves_nothing_and_the_next_run_succeeds(
    result: Verification, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = tmp_path / "out" / "Fablab.pdf"
    output.parent.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-c", _HANGS_WHILE_WRITING, "assemble", str(result.dossier.root),
         "-o", str(output), "--allow-incomplete", "--renderer", "builtin"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "writing"
    scratch_folders = list(Path(tempfile.gettempdir()).glob(f"dossierkit-*-{process.pid}-*"))
    assert scratch_folders, "the killed run was converting in its scratch folder"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    # Only a hidden temporary file: the output's name never held half a PDF.
    [half] = list(output.parent.iterdir())
    assert half.name.startswith(".Fablab.pdf.") and half.name.endswith(".tmp")
    assert not output.exists()
    # The next run (a new process: its first scratch folder cleans up) removes both.
    monkeypatch.setattr(scratch, "_cleaned", False)
    started = time.monotonic()
    assembly = assemble(result, output, OPTIONS)
    assert time.monotonic() - started < 5
    assert assembly.pages > 2 and output.read_bytes().startswith(b"%PDF-")
    assert list(output.parent.iterdir()) == [output]
    assert [p for p in scratch_folders if p.exists()] == []


def test_the_command_ends_with_code_2_and_the_message(
    result: Verification, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from dossierkit.cli import cli

    monkeypatch.setattr(scratch, "free_space", lambda folder: 1024)
    output = tmp_path / "Fablab.pdf"
    arguments = ["assemble", str(result.dossier.root), "-o", str(output), "--allow-incomplete"]
    ran = CliRunner().invoke(cli, [*arguments, "--renderer", "builtin"])
    assert ran.exit_code == 2
    assert "le disque est plein" in ran.output and "Traceback" not in ran.output
    ran = CliRunner().invoke(cli, [*arguments, "--renderer", "builtin", "--lang", "en"])
    assert ran.exit_code == 2 and "the disk is full" in ran.output
    assert list(tmp_path.iterdir()) == []


def test_only_the_temporaries_of_dead_runs_are_removed(tmp_path: Path) -> None:
    """Beside the output: a dead run's temporary goes, a live run's stays (it is writing),
    and so do other files whose names merely look alike."""
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
    target = tmp_path / "Fablab.pdf"
    stale = tmp_path / f".Fablab.pdf.{dead}.0.tmp"
    writing = tmp_path / f".Fablab.pdf.{os.getppid()}.0.tmp"
    other = tmp_path / f".Autre.pdf.{dead}.0.tmp"
    for path in (stale, writing, other):
        path.write_bytes(b"%PDF-1.7 half")
    made = scratch.temporary_beside(target)
    assert made.name == f".Fablab.pdf.{os.getpid()}.0.tmp" and made.read_bytes() == b""
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        p.name for p in (made, writing, other)
    )
