"""Faults without loss or leak (issue 18): kills leave no process and, after the next start,
no temporary folder; a full disk is a French message; untrusted names cannot forge a line."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tree_memory import descendants

from conftest import TEXTS, write_pdf
from dossierkit.errors import DossierkitError
from dossierkit.external import scratch


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return b") Z " not in fh.read()  # a zombie is dead, waiting for its reaper
    except OSError:
        return False


def _wait_gone(pids: list[int], seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        left = [p for p in pids if _alive(p)]
        if not left:
            return []
        time.sleep(0.05)
    return [p for p in pids if _alive(p)]


# -- temporary folders ----------------------------------------------------------------------


def test_scratch_folders_are_private_and_removed_on_error(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), scratch.scratch_dir("assemble") as folder:
        assert folder.stat().st_mode & 0o777 == 0o700
        assert folder.name.startswith(f"dossierkit-assemble-{os.getpid()}-")
        (folder / "RIB.pdf").write_bytes(b"copie")
        raise RuntimeError("boum")
    assert not folder.exists()


def test_stale_folders_of_dead_runs_are_removed(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    stale = tmp_path / f"dossierkit-lo-{dead.stdout.strip()}-abc"
    live = tmp_path / f"dossierkit-lo-{os.getppid()}-abc"
    other = tmp_path / "dossierkit-lo-ancien"  # an older version's, recent: kept
    for folder in (stale, live, other):
        folder.mkdir()
        (folder / "statuts.pdf").write_bytes(b"copie")
    assert scratch.remove_stale(tmp_path) == [stale]
    assert live.exists() and other.exists() and not stale.exists()
    old = time.time() - 2 * 24 * 3600
    os.utime(other, (old, old))
    assert scratch.remove_stale(tmp_path) == [other]


def test_a_full_disk_is_a_french_message_and_leaves_nothing(tmp_path: Path) -> None:
    partial = tmp_path / "dossier.pdf.tmp"
    partial.write_bytes(b"%PDF-1.7 partiel")
    with (
        pytest.raises(DossierkitError) as caught,
        scratch.disk_errors(tmp_path / "dossier.pdf", partial),
        open("/dev/full", "wb") as full,
    ):  # a real ENOSPC from the kernel
        full.write(b"x" * 65536)
        full.flush()
    assert "le disque est plein" in caught.value.text("fr")
    assert "disk is full" in caught.value.text("en")
    assert caught.value.exit_code == 2
    assert not partial.exists()


def test_space_is_checked_before_writing(tmp_path: Path) -> None:
    with pytest.raises(DossierkitError, match="disque est plein"):
        scratch.check_free_space(tmp_path, 1 << 62)
    scratch.check_free_space(tmp_path, 1)
    assert errno.ENOSPC  # the message above is the one ENOSPC gives


# -- external programs ----------------------------------------------------------------------


def test_a_program_that_hangs_is_killed_with_what_it_started(tmp_path: Path) -> None:
    from dossierkit.external import Program, ProgramTimeout, run

    marker = tmp_path / "pid"
    # A launcher that starts a child and waits, as LibreOffice's does.
    script = tmp_path / "launcher.sh"
    script.write_text(f"#!/bin/sh\nsleep 60 &\necho $! > {marker}\nwait\n")
    script.chmod(0o755)
    program = Program("Lanceur", (str(script),), {})
    with pytest.raises(ProgramTimeout):
        run(program, [], timeout=0.5)
    assert _wait_gone([int(marker.read_text())], 2.0) == []


# -- kill -9 --------------------------------------------------------------------------------


# kill -9 of verify, assemble and triage at stages of their work: tests/test_random_kills.py.


@pytest.mark.parametrize("start", ["fork", "exec"])
def test_a_worker_dies_with_its_parent(tmp_path: Path, start: str) -> None:
    # What the worker runs takes 3 s to import in it, as the readers and the checks take
    # seconds on a busy machine: an exec worker killed meanwhile used to import on, an
    # orphan, until it could check its parent.
    (tmp_path / "slow_import.py").write_text(
        "import sys, time\n"
        "if sys.argv[0] != '-c':  # in the worker\n"
        "    time.sleep(3)\n"
        "def nap(seconds):\n"
        "    time.sleep(seconds)\n"
    )
    code = (
        f"import sys; sys.path.insert(0, {str(tmp_path)!r})\n"
        "from slow_import import nap\n"
        "from dossierkit.workers import supervise\n"
        f"list(supervise(nap, [(60,)], workers=1, start={start!r}))\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", code])
    deadline = time.monotonic() + 20
    while len(descendants(parent.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.002)
    tree = descendants(parent.pid)
    assert len(tree) >= 2
    time.sleep(0.3)  # the exec worker has its function to unpickle, and imports it
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    assert _wait_gone(tree, 0.5) == []  # at once, not after a polling tick


def test_sigterm_runs_the_cleanups(tmp_path: Path) -> None:
    code = (
        "import sys, time\n"
        "from dossierkit.cli.common import _exit_on_sigterm\n"
        "from dossierkit.external.scratch import scratch_dir\n"
        "_exit_on_sigterm()\n"
        "with scratch_dir('assemble') as f:\n"
        "    print(f, flush=True)\n"
        "    time.sleep(60)\n"
    )
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    folder = Path(process.stdout.readline().strip())
    assert folder.exists()
    process.terminate()
    assert process.wait(10) == 143
    assert not folder.exists()


# -- untrusted names -------------------------------------------------------------------------


FORGED = "a\nERREUR    P001  Pièce manquante : RIB.pdf"
ESCAPES = "\x1b]0;titre\x07\x1b[2J\x1b[31mrouge.pdf"


def test_a_name_cannot_forge_a_line_of_the_report(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from dossierkit.cli import cli
    from dossierkit.discovery import raw_name

    dossier = tmp_path / "dossier"
    dossier.mkdir()
    undecodable = os.fsdecode(b"Statuts caf\xe9.pdf")
    for name in (FORGED, ESCAPES, undecodable):
        write_pdf(dossier / name, TEXTS["rib"])
    result = CliRunner().invoke(cli, ["verify", str(dossier)])
    lines = result.output.splitlines()
    assert not any(line.startswith("ERREUR    P001  Pièce manquante : RIB.pdf") for line in lines)
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "a\\x0aERREUR" in result.output
    assert "\\x1b]0;titre\\x07" in result.output
    assert "Statuts caf\\xe9.pdf" in result.output
    report = json.loads(
        CliRunner().invoke(cli, ["verify", str(dossier), "--format", "json"]).output
    )
    shown = {f["path"] for f in report["files"]}
    assert {os.fsencode(raw_name(name)) for name in shown} == {
        os.fsencode(n) for n in (FORGED, ESCAPES, undecodable)
    }


def test_document_text_printed_in_the_terminal_is_made_visible() -> None:
    from dossierkit.report.terminal import visible

    assert visible({"m": ["« \x1b[2J » n'est pas un montant"]}) == {
        "m": ["« \\x1b[2J » n'est pas un montant"]
    }
    assert visible("Montant\u00a0: 12\u202f000 €") == "Montant\u00a0: 12\u202f000 €"


def test_a_link_to_a_folder_of_the_dossier_is_listed(tmp_path: Path) -> None:
    from dossierkit.discovery import walk

    (tmp_path / "annexes").mkdir()
    write_pdf(tmp_path / "annexes" / "RIB.pdf", TEXTS["rib"])
    (tmp_path / "raccourci").symlink_to(tmp_path / "annexes")
    entries = {e.rel: e.status for e in walk(tmp_path)}
    assert entries == {"annexes/RIB.pdf": "file", "raccourci/": "link_inside"}


INVISIBLE = "\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad\u180e"


def test_a_name_cannot_hide_a_character(tmp_path: Path) -> None:
    from dossierkit.discovery import raw_name, walk
    from dossierkit.report.terminal import visible

    for number, char in enumerate(INVISIBLE):
        write_pdf(tmp_path / f"R{char}IB {number}.pdf", TEXTS["rib"])
    write_pdf(tmp_path / "RIB\u00a0: banque.pdf", TEXTS["rib"])
    entries = walk(tmp_path)
    shown = [e.rel for e in entries]
    expected = [f"R\\u{ord(c):04x}IB {n}.pdf" for n, c in enumerate(INVISIBLE)]
    assert sorted(shown) == sorted([*expected, "RIB\u00a0: banque.pdf"])
    assert all(visible(name) == name for name in shown), "already visible: left as is"
    for entry in entries:
        assert raw_name(entry.rel) == entry.raw_rel
        assert (tmp_path / entry.raw_rel).is_file()
    assert (
        visible("R\u200bIB\u00a0: 12\u202f000 €\u2028") == "R\\u200bIB\u00a0: 12\u202f000 €\\u2028"
    )
