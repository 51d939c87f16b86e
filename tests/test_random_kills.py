"""kill -9 at moments drawn from a fixed seed, in verify, assemble and triage (issue 18).

Each command runs on a small dossier and is killed (SIGKILL to its first process, as the OOM
killer or a closed terminal does) at a few stages of its work (its readers or workers have
started, Tesseract reads a scan, an archive is unpacked, the output is being written), each
stage seen from outside and followed by a pause drawn from ``SEED``: the same moments at
every run of the suite. After each kill:

- no process of the command is left: every process that inherits the run's marker variable
  (workers, Tesseract, LibreOffice, whatever they started) is gone within a few seconds;
- no output holds half a file: the PDF or the workbook under its name is absent or whole;
- the register passes ``PRAGMA integrity_check``.

Then the command runs again to its end (the next start): it succeeds, and leaves no
``dossierkit-*`` temporary folder (the killed runs' copies of the applicant's documents) and
no temporary file beside its outputs. Every run has a temporary folder (TMPDIR) of its own.
A triage whose worker alone is killed (the OOM killer's choice) goes on, and its sending is
recorded once, by that run and the next (``test_register_kills`` tries each statement).
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from tree_memory import descendants

from conftest import TEXTS, scanned_pdf_bytes, write_letter_pdf, write_pdf

SEED = 18
LATEST = 0.2  # the longest pause after a stage is seen, in seconds
MARKER = "DOSSIERKIT_KILL_TEST"

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="processus lus dans /proc (Linux)"
)

# A stage of a run, seen from outside: (the run's folder, the command's process) -> reached.
Stage = Callable[[Path, int], bool]


def pause(command: str, stage: str) -> float:
    """How long after ``stage`` is seen ``command`` is killed: the same at every run."""
    return round(random.Random(f"{SEED}-{command}-{stage}").uniform(0.0, LATEST), 3)


def reading(folder: Path, pid: int) -> bool:
    """A reader or a worker process has started."""
    return len(descendants(pid)) > 1


def scratch(kind: str) -> Stage:
    """A scratch folder of ``kind`` exists: a copy of the applicant's documents."""
    return lambda folder, pid: any((folder / "tmp").glob(f"dossierkit-{kind}-*"))


def program(name: str, nth: int = 1) -> Stage:
    """The ``nth`` process named ``name`` runs (LibreOffice starts ``soffice.bin`` twice on
    a new profile: the first one makes the profile and exits)."""
    seen: set[int] = set()

    def running(folder: Path, pid: int) -> bool:
        for member in descendants(pid):
            with contextlib.suppress(OSError):
                if Path(f"/proc/{member}/comm").read_text().strip() == name:
                    seen.add(member)
                    if len(seen) >= nth:
                        return True
        return False

    return running


def writing(target: Path) -> Stage:
    """The output is being written under its temporary name."""
    return lambda folder, pid: any(target.parent.glob(f".{target.name}.*.tmp"))


def _marked(marker: str) -> list[int]:
    """The live processes (zombies are dead) whose environment holds ``marker``."""
    found = []
    needle = f"{MARKER}={marker}".encode()
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            if needle not in Path(f"/proc/{name}/environ").read_bytes().split(b"\0"):
                continue
            if b") Z " in Path(f"/proc/{name}/stat").read_bytes():
                continue
        except OSError:  # gone, or another user's
            continue
        found.append(int(name))
    return found


# A process that has imported dossierkit forks each run: a run starts at once, as the
# command's own process, instead of paying an interpreter's start and imports every time.
_ZYGOTE = """
import json, os, sys, tempfile
from dossierkit.cli import main
import dossierkit.verify, dossierkit.assemble, dossierkit.triage.run, dossierkit.reading
for line in sys.stdin:
    request = json.loads(line)
    pid = os.fork()
    if pid == 0:
        os.environ.update(request["env"])
        tempfile.tempdir = None
        null = os.open(os.devnull, os.O_RDWR)
        err = os.open(request["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        for fd, to in ((0, null), (1, null), (2, err)):
            os.dup2(to, fd)
        main(request["argv"])
    print(pid, flush=True)
    print(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]), flush=True)
"""


class Zygote:
    """The forking process, and every process started from it, marked in its environment
    (``MARKER``) so that what a killed run leaves running is found wherever it went."""

    def __init__(self) -> None:
        self.marker = uuid.uuid4().hex
        self.process = subprocess.Popen(
            [sys.executable, "-c", _ZYGOTE],
            env={**os.environ, MARKER: self.marker},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def start(self, argv: list[str], env: dict[str, str], stderr: Path) -> int:
        assert self.process.stdin is not None and self.process.stdout is not None
        request = {"argv": argv, "env": env, "stderr": str(stderr)}
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        return int(self.process.stdout.readline())

    def exit_code(self) -> int:
        assert self.process.stdout is not None
        return int(self.process.stdout.readline())

    def left(self) -> list[int]:
        """The processes of the runs still alive (the zygote itself is not one)."""
        return [pid for pid in _marked(self.marker) if pid != self.process.pid]

    def close(self) -> None:
        self.process.kill()
        self.process.wait()


@pytest.fixture(scope="module")
def zygote() -> Iterator[Zygote]:
    started = Zygote()
    yield started
    started.close()


@dataclass(frozen=True)
class Run:
    """One command in a test's folder, with a temporary folder (TMPDIR) of its own."""

    zygote: Zygote
    folder: Path
    argv: list[str]

    @property
    def tmp(self) -> Path:
        return self.folder / "tmp"

    def _start(self) -> int:
        self.tmp.mkdir(exist_ok=True)
        env = {"TMPDIR": str(self.tmp), "DOSSIERKIT_CACHE_DIR": str(self.folder / "cache")}
        return self.zygote.start(self.argv, env, self.folder / "stderr.txt")

    def kill_at(self, stage: Stage, seconds: float) -> bool:
        """Run the command and kill it ``seconds`` after ``stage`` is seen; False when it
        ended before. Every process it started is checked gone."""
        pid = self._start()
        seen: float | None = None
        give_up = time.monotonic() + 60
        while _running(pid) and time.monotonic() < give_up:
            now = time.monotonic()
            if seen is None and stage(self.folder, pid):
                seen = now
            if seen is not None and now >= seen + seconds:
                break
            time.sleep(0.002)
        killed = _running(pid)
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        self.zygote.exit_code()
        # SIGKILL is at once, from the kernel: a process still there after a second was not
        # sent one, and would run on (for ever, on a file that makes it hang).
        deadline = time.monotonic() + 1.0
        while self.zygote.left() and time.monotonic() < deadline:
            time.sleep(0.02)
        left = {pid: _name(pid) for pid in self.zygote.left()}
        for pid in left:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        assert left == {}, "every process of the run dies with it"
        return killed

    def kill_worker_at(self, stage: Stage, seconds: float) -> bool:
        """Run the command and kill its workers (not the command: the OOM killer's choice,
        the largest process) ``seconds`` after ``stage`` is seen; the command goes on to
        its end. False when no worker was there to kill."""
        pid = self._start()
        seen: float | None = None
        killed = False
        give_up = time.monotonic() + 60
        while _running(pid) and time.monotonic() < give_up and not killed:
            now = time.monotonic()
            if seen is None and stage(self.folder, pid):
                seen = now
            if seen is not None and now >= seen + seconds:
                for worker in descendants(pid)[1:]:
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(worker, signal.SIGKILL)
                        killed = True
            time.sleep(0.002)
        assert self.zygote.exit_code() in (0, 1), self.stderr()
        return killed

    def stderr(self) -> str:
        return (self.folder / "stderr.txt").read_text(errors="replace")

    def finish(self) -> tuple[int, str]:
        """The next start, to its end: its exit code and what it wrote on stderr."""
        self._start()
        code = self.zygote.exit_code()
        return code, (self.folder / "stderr.txt").read_text(errors="replace")

    def scratch_left(self) -> list[str]:
        return sorted(p.name for p in self.tmp.glob("dossierkit-*"))


def _name(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return "?"


def _running(pid: int) -> bool:
    try:
        return b") Z " not in Path(f"/proc/{pid}/stat").read_bytes()
    except OSError:
        return False


def _dossier(folder: Path) -> Path:
    folder.mkdir(parents=True)
    write_letter_pdf(folder / "Courrier de demande.pdf", TEXTS["courrier"])
    write_pdf(folder / "RIB.pdf", TEXTS["rib"])
    write_pdf(folder / "Statuts.pdf", TEXTS["statuts"], TEXTS["statuts"][:2])
    return folder


def _scanned(folder: Path) -> Path:
    """A RIB and a scan: OCR runs (Tesseract, in a scratch folder), as in most dossiers."""
    folder.mkdir(parents=True)
    write_pdf(folder / "RIB.pdf", TEXTS["rib"])
    (folder / "Attestation TVA.pdf").write_bytes(scanned_pdf_bytes("Attestation TVA"))
    return folder


def _kill_at_each(
    run: Run, command: str, stages: dict[str, Stage], check: Callable[[], None]
) -> None:
    """Kill ``command`` once per stage, ``check`` what each kill left."""
    landed = []
    for name, stage in stages.items():
        if run.kill_at(stage, pause(command, name)):
            landed.append(name)
        check()
    # A stage may end before the pause does on a fast machine; readers always last longer.
    assert "reading" in landed, f"{command}: killed at {landed} only"


def _whole_pdf(path: Path) -> None:
    if path.exists():
        from pypdf import PdfReader

        assert len(PdfReader(path).pages) > 0, "a PDF under the output's name is whole"


def _whole_register(db: Path) -> list[str]:
    if not db.exists():
        return []
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = connection.execute("SELECT source_name FROM receptions ORDER BY id").fetchall()
    return [name for (name,) in rows]


def _whole_workbook(path: Path) -> None:
    if path.exists():
        import openpyxl

        openpyxl.load_workbook(path, read_only=True).close()


def test_pauses_are_drawn_from_the_seed() -> None:
    assert pause("verify", "reading") == pause("verify", "reading")
    assert pause("verify", "reading") != pause("triage", "reading")
    assert 0 <= pause("assemble", "writing") <= LATEST


def test_kill_9_of_verify(zygote: Zygote, tmp_path: Path) -> None:
    dossier = _scanned(tmp_path / "Fablab")
    run = Run(zygote, tmp_path, ["verify", str(dossier), "--no-cache"])
    stages = {"reading": reading, "ocr": program("tesseract")}
    _kill_at_each(run, "verify", stages, lambda: None)
    code, stderr = run.finish()
    assert code in (0, 1), stderr
    assert run.scratch_left() == []
    assert not list((tmp_path / "cache").rglob("*.tmp")), "no half-written cache entry"


def test_kill_9_of_assemble(zygote: Zygote, tmp_path: Path) -> None:
    dossier = _dossier(tmp_path / "Fablab")
    output = tmp_path / "sortie" / "Fablab.pdf"
    output.parent.mkdir()
    run = Run(zygote, tmp_path, ["assemble", str(dossier), "-o", str(output), "--allow-incomplete",
               "--renderer", "builtin", "--force"])  # fmt: skip
    stages = {"reading": reading, "assembling": scratch("assemble"), "writing": writing(output)}
    _kill_at_each(run, "assemble", stages, lambda: _whole_pdf(output))
    code, stderr = run.finish()
    assert code in (0, 1), stderr
    _whole_pdf(output)
    assert run.scratch_left() == []
    assert [p.name for p in output.parent.iterdir()] == [output.name], "no temporary beside"


def test_kill_9_of_triage(zygote: Zygote, tmp_path: Path) -> None:
    inbox = tmp_path / "arrivees"
    inbox.mkdir()
    # An archive: unpacked into a scratch folder, the copy a kill must not leave behind.
    folder = _dossier(tmp_path / "B Tiers-lieu")
    with zipfile.ZipFile(inbox / "B Tiers-lieu.zip", "w") as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, path.name)
    db = tmp_path / "registre.sqlite"
    workbook = tmp_path / "sortie" / "tri.xlsx"
    workbook.parent.mkdir()
    run = Run(zygote, tmp_path, ["triage", str(inbox), "--db", str(db), "--xlsx", str(workbook),
               "--force", "-j", "1"])  # fmt: skip

    def check() -> None:
        _whole_register(db)
        _whole_workbook(workbook)

    stages = {"reading": reading, "unpacking": scratch("triage"), "exporting": writing(workbook)}
    _kill_at_each(run, "triage", stages, check)
    # The worker killed, not the triage: the sending is recorded as failed (known by the
    # archive's bytes), and the next run reads it (known by its files): one sending still.
    assert run.kill_worker_at(scratch("triage"), pause("triage", "worker"))
    check()
    code, stderr = run.finish()
    assert code in (0, 1), stderr
    # Recorded once, nothing lost: the rows tell how when not.
    with sqlite3.connect(db) as connection:
        rows = connection.execute("SELECT * FROM receptions").fetchall()
    assert _whole_register(db) == ["B Tiers-lieu.zip"], rows
    _whole_workbook(workbook)
    assert run.scratch_left() == []
    assert [p.name for p in workbook.parent.iterdir()] == [workbook.name]


@pytest.mark.slow
def test_kill_9_of_verify_while_libreoffice_recalculates(zygote: Zygote, tmp_path: Path) -> None:
    """LibreOffice (``soffice.bin``, the program behind its launcher) dies with verify, and
    its temporary files (``lu*.tmp``) are in the call's scratch folder, which the next
    command removes, whatever the command: here one that reads no file."""
    import openpyxl

    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice n'est pas installé")
    dossier = tmp_path / "Fablab"
    dossier.mkdir()
    book = openpyxl.Workbook()  # saved by a program: formulas without values, recalculated
    book.active.append(["Dépenses", "2027"])
    for line in range(200):  # that LibreOffice computes for long: a killed run's must stop
        book.active.append([f"Ligne {line}", "=SUMPRODUCT(ROW(C1:C1048576)*1)"])
    book.save(dossier / "Budget prévisionnel.xlsx")
    run = Run(zygote, tmp_path, ["verify", str(dossier)])
    assert run.kill_at(program("soffice.bin", 2), pause("verify", "libreoffice"))
    assert [p.name for p in run.tmp.iterdir() if not p.name.startswith("dossierkit-")] == []
    assert run.scratch_left(), "the killed call's scratch folder, for the next start"
    code, stderr = Run(zygote, tmp_path, ["checks"]).finish()
    assert code == 0, stderr
    assert run.scratch_left() == []
