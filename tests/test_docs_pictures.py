"""The README's picture of ``dossierkit serve`` (``docs/serve.png``, retaken by
``scripts/screenshot_serve.py``) shows the service as an applicant meets it: the limits its
page states are the defaults, not those of a test server (« 1 Mo par fichier »)."""

from __future__ import annotations

import io
import subprocess

from conftest import ROOT, require_tool
from dossierkit.limits import DEFAULT_LIMITS, MB
from dossierkit.serve.settings import Settings


def test_the_serve_picture_states_the_default_limits() -> None:
    from PIL import Image

    tesseract = require_tool("tesseract")
    with Image.open(ROOT / "docs" / "serve.png") as picture:
        # The form's line of limits, under the two file inputs, read at twice its size.
        band = picture.convert("L").crop((40, 560, 1000, 680))
        band = band.resize((band.width * 2, band.height * 2))
    buffer = io.BytesIO()
    band.save(buffer, format="PNG")
    read = subprocess.run(
        [tesseract, "stdin", "stdout", "-l", "fra", "--psm", "6"],
        input=buffer.getvalue(),
        capture_output=True,
        timeout=60,
        check=True,
    ).stdout.decode()
    settings = Settings()
    expected = (
        f"Jusqu'à {settings.max_files} fichiers et {settings.max_upload_bytes // MB} Mo en "
        f"tout, {DEFAULT_LIMITS.max_file_bytes // MB} Mo par fichier."
    )
    assert expected in " ".join(read.split()), read
