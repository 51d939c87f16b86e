#!/usr/bin/env python3
"""Retake ``docs/serve.png``, the README's picture of ``dossierkit serve``.

The page as an applicant sees it after checking ``samples/association-complete``: the
server started as the documentation says (``dossierkit serve``, with the default limits
the page states, not a test's « 1 Mo par fichier »), the sample
zipped with its folder as a file manager does, chosen through the files input, checked;
the whole page captured 1000 pixels wide by Debian's Chromium driven by Playwright, in
French (with ``chromium-l10n`` its file buttons read « Choisir un fichier »).

Usage (from the repository root, dossierkit installed, ``chromium`` and the Python package
``playwright`` available)::

    python scripts/screenshot_serve.py            # writes docs/serve.png
    python scripts/screenshot_serve.py -o /tmp/serve.png
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "association-complete"
CHECK_MS = 300_000  # the sample's scans read by OCR, on a busy machine


def _zipped(folder: Path, archive: Path) -> Path:
    """``folder`` compressed as a file manager does: the folder itself inside the zip."""
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zipped.write(path, f"{folder.name}/{path.relative_to(folder).as_posix()}")
    return archive


def _serve(port: int, temp: Path) -> subprocess.Popen[bytes]:
    """``dossierkit serve`` with its default limits, once it answers."""
    process = subprocess.Popen(
        [sys.executable, "-m", "dossierkit", "serve", "--port", str(port)],
        cwd=ROOT,
        env={**os.environ, "TMPDIR": str(temp)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                sys.exit("dossierkit serve n'a pas démarré")
            time.sleep(0.1)


def _write_png(shot: bytes, target: Path) -> None:
    """The screenshot in 64 colours, without dithering: a page of text and flat colours
    looks the same, in a third of the bytes the README makes every visitor download."""
    import io

    from PIL import Image

    with Image.open(io.BytesIO(shot)) as image:
        flat = image.convert("RGB").quantize(
            colors=64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
        )
        flat.save(target, optimize=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs" / "serve.png")
    args = parser.parse_args()
    chromium = shutil.which("chromium")
    if chromium is None:
        sys.exit("Chromium est nécessaire : sudo apt-get install chromium chromium-l10n")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="dossierkit-capture-") as work:
        temp = Path(work)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        archive = _zipped(SAMPLE, temp / f"{SAMPLE.name}.zip")
        server = _serve(port, temp)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=chromium,
                    args=["--no-sandbox", "--disable-gpu", "--lang=fr-FR"],
                    env={**os.environ, "LANGUAGE": "fr"},
                )
                page = browser.new_context(
                    viewport={"width": 1000, "height": 900}, locale="fr-FR"
                ).new_page()
                page.goto(f"http://127.0.0.1:{port}")
                page.set_input_files("#fichiers", str(archive))
                page.click("#verifier")
                page.locator("#verification").wait_for(timeout=CHECK_MS)
                if page.locator("#verification").get_attribute("data-status") != "complete":
                    sys.exit("l'échantillon complet n'est pas « Dossier complet » : rien d'écrit")
                # The focus ring the page moves to the result is no part of the picture.
                page.evaluate("document.activeElement.blur()")
                shot = page.screenshot(full_page=True)
                browser.close()
            _write_png(shot, args.output)
        finally:
            server.terminate()
            server.wait(10)
    print(f"{args.output} écrit.")


if __name__ == "__main__":
    main()
