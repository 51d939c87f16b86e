"""The warnings OCR prints on standard error show a file's name as the report does (issue 18):
a name holding a line break cannot forge a line « ERREUR P001 », and an escape sequence
cannot clear the terminal or set its title. Tesseract is a fake that crashes, so that a
warning is printed for the page, at once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="noms de fichiers POSIX")

_CRASHING_TESSERACT = """#!/bin/sh
case "$1" in
  --version) echo "tesseract 5.3.0-factice"; exit 0 ;;
  --list-langs) printf 'List of available languages in "/factice/" (3):\\neng\\nfra\\nosd\\n'; exit 0 ;;
esac
printf 'Error in pixReadStream: \\033[2Junknown format\\nERREUR P001 forged by the program\\n' >&2
exit 139
"""

# A photographed RIB, saved under a name that a mail client or an unzip could have made.
HOSTILE = "RIB\nERREUR P001 Dossier incomplet : pièce manquante\x1b[2J\x1b]0;pirate\x07.png"


def test_a_hostile_name_cannot_forge_a_line_nor_drive_the_terminal(tmp_path: Path) -> None:
    from PIL import Image, ImageDraw

    from conftest import TEXTS

    dossier = tmp_path / "Fablab"
    dossier.mkdir()
    image = Image.new("L", (620, 877), 255)
    draw = ImageDraw.Draw(image)
    for number, line in enumerate(TEXTS["rib"]):
        draw.text((40, 60 + 30 * number), line, fill=0)
    image.save(dossier / HOSTILE, "PNG")
    fakes = tmp_path / "bin"
    fakes.mkdir()
    (fakes / "tesseract").write_text(_CRASHING_TESSERACT)
    (fakes / "tesseract").chmod(0o755)
    env = {**os.environ, "PATH": f"{fakes}:{os.environ['PATH']}"}
    done = subprocess.run(
        [sys.executable, "-m", "dossierkit", "verify", str(dossier), "--no-cache"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode in (0, 1), done.stderr
    assert "RIB\\x0aERREUR P001" in done.stderr, "the page's warning, the name escaped"
    assert "\\x1b[2J" in done.stderr, "the program's message, escaped too"
    for output in (done.stdout, done.stderr):
        assert "\x1b" not in output and "\x07" not in output
        assert not [line for line in output.splitlines() if line.startswith("ERREUR P001")]
