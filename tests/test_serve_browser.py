"""``dossierkit serve`` in a real browser: headless Chromium (Debian's ``chromium``) driven by
Playwright with the system browser, as the triage page's test does (no browser download).

The server is the command itself (``python -m dossierkit serve``), the dossiers are the
samples, chosen as an applicant does: the incomplete one through the page's folder input,
the complete one zipped with its folder (as « Compresser » or « Envoyer vers > Dossier
compressé » make it) through the files input; screenshots are kept in ``tests/artifacts/``
(``docs/serve.png`` is made by ``scripts/screenshot_serve.py``, with the default limits). Chromium is started in French
(``--lang``, with Debian's ``chromium-l10n`` its file buttons read « Choisir un fichier »). Slow: each check reads the samples' scans by OCR (nothing is
cached by the service), and the PDF converts office files with LibreOffice.
"""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, SAMPLES, require_tool

ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--lang=fr-FR",
]
CHECK_MS = 300_000  # a check of a sample with scans, on a busy machine
ASSEMBLE_MS = 600_000  # a check again, then LibreOffice converts the office files

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """``dossierkit serve`` on a free port, its uploads in a folder of the test (1 MB per
    file at most, so that an oversized upload is quick to make)."""
    temp = tmp_path_factory.mktemp("serve-temp")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "dossierkit", "serve", "--port", str(port), "--max-file-mb", "1"],
        cwd=ROOT,
        env={**os.environ, "TMPDIR": str(temp)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail(f"dossierkit serve did not start: {process.communicate()[0]!r}")
            time.sleep(0.1)
    yield f"http://127.0.0.1:{port}", temp
    process.terminate()
    process.wait(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    chromium = require_tool("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("playwright is required in CI (scripts/test.sh installs it)")
        pytest.skip("playwright not installed")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium, args=CHROMIUM_FLAGS, env={**os.environ, "LANGUAGE": "fr"}
        )
        yield launched
        launched.close()


def _page(browser: Any, url: str, width: int = 1100) -> tuple[Any, list[str], list[str]]:
    context = browser.new_context(
        viewport={"width": width, "height": 900}, locale="fr-FR", accept_downloads=True
    )
    page = context.new_page()
    errors: list[str] = []
    requests: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    # A refusal is an HTTP error the console reports: expected, and checked by each test.
    page.on(
        "console",
        lambda m: (
            errors.append(m.text)
            if m.type == "error" and not m.text.startswith("Failed to load resource: the server")
            else None
        ),
    )
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url)
    return page, errors, requests


def _check(page: Any, chosen: Path, field: str = "#dossier") -> Any:
    """Choose ``chosen`` (a folder in ``#dossier``, files in ``#fichiers``) and check it."""
    page.set_input_files(field, str(chosen))
    count = 1 if chosen.is_file() else len([p for p in chosen.rglob("*") if p.is_file()])
    agreed = "1 fichier choisi, " if count == 1 else f"{count} fichiers choisis, "
    assert page.locator("#choix").inner_text().startswith(agreed)
    page.click("#verifier")
    result = page.locator("#verification")
    result.wait_for(timeout=CHECK_MS)
    return result


def _zipped(folder: Path, archive: Path) -> Path:
    """``folder`` compressed as a file manager does: the folder itself inside the zip."""
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zipped.write(path, f"{folder.name}/{path.relative_to(folder).as_posix()}")
    return archive


def test_a_complete_dossier_shows_its_checklist_and_gives_its_pdf(
    browser: Any, server: tuple[str, Path], tmp_path: Path
) -> None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from pypdf import PdfReader

    url, temp = server
    page, errors, requests = _page(browser, url, width=1000)
    archive = _zipped(SAMPLES / "association-complete", tmp_path / "association-complete.zip")
    result = _check(page, archive, "#fichiers")
    assert result.get_attribute("data-status") == "complete"
    assert page.locator("#bilan").inner_text().startswith("Dossier complet")
    statuses = page.locator(".pieces li[data-status]").evaluate_all(
        "items => items.map(i => [i.dataset.kind, i.dataset.status])"
    )
    assert dict(statuses) == {
        "courrier": "ok",
        "budget": "ok",
        "dossier_technique": "ok",
        "attestation_tva": "ok",
        "rib": "ok",
        "statuts": "ok",
        "delegation": "not_required",
    }
    facts = page.locator(".facts").inner_text()
    assert "Fab'Lab du Ternois" in facts and "CC du Ternois" in facts
    assert "Marie Delattre" in facts
    assert "110 000" in page.locator("table.aid").inner_text()
    # The focus moves to the result, for keyboard and screen reader users.
    assert page.evaluate("document.activeElement.id") == "resultat-titre"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "serve-complete.png"), full_page=True)

    with page.expect_download() as report_download:
        page.click("#lien-json")
    assert report_download.value.suggested_filename == "rapport-association-complete.json"

    try:
        with page.expect_download(timeout=ASSEMBLE_MS) as pdf_download:
            page.click("#telecharger-pdf")
    except PlaywrightTimeout:  # say what the page shows instead of the PDF
        pytest.fail(f"no PDF; the page says: {page.locator('#resultat').inner_text()[-1500:]}")
    pdf = Path(pdf_download.value.path()).read_bytes()
    assert pdf_download.value.suggested_filename == "association-complete.pdf"
    reader = PdfReader(io.BytesIO(pdf))
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert any("Courrier de demande" in title for title in titles), titles
    assert any("RIB" in title for title in titles), titles
    assert len(reader.pages) > 6

    assert errors == []
    assert all(r.startswith(url) or r.startswith(("blob:", "data:")) for r in requests)
    assert list(temp.iterdir()) == []  # nothing kept once the answers were sent


def test_an_incomplete_dossier_shows_its_missing_piece_and_no_pdf_on_a_phone(
    browser: Any, server: tuple[str, Path]
) -> None:
    url, temp = server
    page, errors, _ = _page(browser, url, width=400)  # a phone
    result = _check(page, SAMPLES / "association-incomplete")
    assert result.get_attribute("data-status") == "incomplete"
    rib = page.locator('.pieces li[data-kind="rib"]')
    assert rib.get_attribute("data-status") == "missing"
    assert "Pièce manquante\u00a0: RIB" in rib.inner_text()
    assert page.locator("#bilan").inner_text().startswith("Dossier incomplet")
    # Nothing overflows the phone's width.
    assert page.evaluate("document.documentElement.scrollWidth") <= 400
    page.screenshot(path=str(ARTIFACTS / "serve-incomplete-phone.png"), full_page=True)

    # Asking the PDF of an incomplete dossier gives the command's refusal, not a file.
    page.click("#telecharger-pdf")
    refusal = page.locator("#refus")
    refusal.wait_for(timeout=CHECK_MS)
    assert "Dossier incomplet\u00a0: il n'est pas assemblé." in refusal.inner_text()
    assert errors == []
    assert list(temp.iterdir()) == []


def test_an_oversized_file_is_refused_in_french(
    browser: Any, server: tuple[str, Path], tmp_path: Path
) -> None:
    url, temp = server
    folder = tmp_path / "Mon dossier"
    folder.mkdir()
    (folder / "Statuts numérisés.pdf").write_bytes(b"%PDF-1.4\n" + os.urandom(2 * 1024 * 1024))
    page, errors, _ = _page(browser, url)
    page.set_input_files("#dossier", str(folder))
    page.click("#verifier")
    alert = page.locator('.refused [role="alert"]')
    alert.wait_for(timeout=30_000)
    assert "« Mon dossier/Statuts numérisés.pdf » dépasse 1 Mo" in alert.inner_text().replace(
        "\u202f", " "
    )
    assert errors == []
    assert list(temp.iterdir()) == []
