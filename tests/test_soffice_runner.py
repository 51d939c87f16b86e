"""How LibreOffice is run (issue 18): the program behind the launcher, so that it dies with
dossierkit; started again once on its first start of a profile (exit code 81); its temporary
files inside the call's scratch folder. With a fake installation laid out as Debian's
(``/usr/bin/soffice`` a link to ``program/soffice``, a launcher that forks
``program/soffice.bin`` and waits for it, as ``oosplash`` does): fast, the same on every
machine. The real LibreOffice killed with verify is in ``test_random_kills``."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from dossierkit.external import ExternalError, soffice

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="processus lus dans /proc (Linux)"
)

# As LibreOffice's: oosplash forks soffice.bin, waits, and starts it again on exit code 81.
_LAUNCHER = """#!/bin/sh
here=$(/usr/bin/dirname "$(/usr/bin/readlink -f "$0")")
while :; do
  "$here/soffice.bin" "$@" &
  wait $!
  code=$?
  [ "$code" = 81 ] || exit "$code"
done
"""

# A new profile's first start asks for a restart; then a temporary file, and the conversion
# (or a hang, or a restart asked for ever).
_PROGRAM = """#!/bin/sh
echo "$TMPDIR" >> "$FAKE_LOG"
outdir=""; previous=""; source=""; profile=""
for argument in "$@"; do
  case "$argument" in -env:UserInstallation=file://*) profile="${argument#*file://}" ;; esac
  [ "$previous" = "--outdir" ] && outdir="$argument"
  previous="$argument"; source="$argument"
done
if [ ! -e "$profile/started" ] || [ "$FAKE_BEHAVIOUR" = restart ]; then
  : > "$profile/started"; exit 81
fi
echo "une copie du document" > "$TMPDIR/lu123456.tmp"
if [ "$FAKE_BEHAVIOUR" = hang ]; then echo $$ >> "$FAKE_PIDS"; exec /bin/sleep 60; fi
name=$(/usr/bin/basename "$source")
/bin/mkdir -p "$outdir"; echo "%PDF-1.7" > "$outdir/${name%.*}.pdf"
"""


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fake LibreOffice on PATH; the log where each start writes its TMPDIR."""
    program = tmp_path / "libreoffice" / "program"
    program.mkdir(parents=True)
    for name, text in (("soffice", _LAUNCHER), ("soffice.bin", _PROGRAM)):
        (program / name).write_text(text)
        (program / name).chmod(0o755)
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    (bin_ / "soffice").symlink_to(program / "soffice")
    log = tmp_path / "log"
    monkeypatch.setenv("PATH", f"{bin_}:/usr/bin:/bin")
    monkeypatch.setenv("FAKE_LOG", str(log))
    monkeypatch.setenv("FAKE_PIDS", str(tmp_path / "pids"))
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", None)
    return log


def test_the_program_behind_the_launcher_is_run(installed: Path, tmp_path: Path) -> None:
    assert soffice.binary() == str(tmp_path / "libreoffice" / "program" / "soffice.bin")


def test_restarted_once_with_its_temporary_files_in_the_scratch_folder(
    installed: Path, tmp_path: Path
) -> None:
    source = tmp_path / "Budget.docx"
    source.write_bytes(b"PK")
    produced = soffice.convert(source, "pdf", tmp_path / "sortie", timeout=30)
    assert produced.read_text().startswith("%PDF")
    starts = installed.read_text().split()
    assert len(starts) == 2, "the first start of the profile, then the conversion"
    assert len(set(starts)) == 1
    folder = Path(starts[0])
    assert folder.parent.name.startswith(f"dossierkit-lo-{os.getpid()}-")
    assert folder.parent.parent == tmp_path / "tmp"
    assert list((tmp_path / "tmp").iterdir()) == [], "the copy LibreOffice made is removed"


def test_a_restart_asked_for_ever_is_a_failure(
    installed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_BEHAVIOUR", "restart")
    source = tmp_path / "Budget.docx"
    source.write_bytes(b"PK")
    with pytest.raises(ExternalError, match="code 81"):
        soffice.convert(source, "pdf", tmp_path / "sortie", timeout=30)
    assert len(installed.read_text().split()) == 2


def test_libreoffice_dies_with_a_dossierkit_killed_with_sigkill(
    installed: Path, tmp_path: Path
) -> None:
    source = tmp_path / "Budget.docx"
    source.write_bytes(b"PK")
    pids = tmp_path / "pids"
    code = (
        "import sys; from pathlib import Path; from dossierkit.external import soffice; "
        "soffice.convert(Path(sys.argv[1]), 'pdf', Path(sys.argv[2]), timeout=60)"
    )
    env = {**os.environ, "FAKE_BEHAVIOUR": "hang"}
    caller = subprocess.Popen([sys.executable, "-c", code, str(source), str(tmp_path / "out")],
                              env=env, stderr=subprocess.DEVNULL)  # fmt: skip
    deadline = time.monotonic() + 30
    while not (pids.exists() and pids.read_text().strip()) and time.monotonic() < deadline:
        time.sleep(0.02)
    program = int(pids.read_text())
    caller.send_signal(signal.SIGKILL)
    caller.wait()
    deadline = time.monotonic() + 2
    while _running(program) and time.monotonic() < deadline:
        time.sleep(0.02)
    if _running(program):
        os.kill(program, signal.SIGKILL)
        pytest.fail("soffice.bin outlived the dossierkit that started it")


def _running(pid: int) -> bool:
    try:
        return b") Z " not in Path(f"/proc/{pid}/stat").read_bytes()
    except OSError:
        return False
