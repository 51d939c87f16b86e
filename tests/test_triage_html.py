"""The triage's HTML page in a real browser: headless Chromium (Debian's ``chromium``) driven
by Playwright with the system browser (no browser download). Sorting, filtering and links
work, nothing is fetched from the network, and a screenshot is kept in ``tests/artifacts/``.

Outside CI, the test is skipped without Chromium or Playwright; in CI (``CI=true``) it must
run: ``scripts/test.sh`` installs both.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import pytest

from conftest import ROOT, require_tool
from triage_inbox import built_dossiers, zip_folder

ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The HTML page of an inbox of four dossiers: complete, incomplete, failed."""
    built = built_dossiers(tmp_path_factory.getbasetemp())
    work = tmp_path_factory.mktemp("html")
    inbox = work / "arrivees"
    inbox.mkdir()
    shutil.copytree(built["ternois"], inbox / "Fablab Ternois")
    zip_folder(built["rival"], inbox / "Ternois Numerique.zip")
    shutil.copytree(built["association-incomplete"], inbox / "Ateliers Montreuillois")
    (inbox / "Envoi coupé.zip").write_bytes(b"PK\x03\x04 envoi interrompu")
    page = work / "rapports" / "tri.html"
    result = subprocess.run(
        [sys.executable, "-m", "dossierkit", "triage", str(inbox), "--html", str(page)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert result.returncode == 1, result.stderr
    return page


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
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


def test_the_page_sorts_filters_and_links_in_chromium(browser: Any, page_file: Path) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-FR")
    page = context.new_page()
    errors: list[str] = []
    requests: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("request", lambda request: requests.append(request.url))
    page.goto(page_file.as_uri())

    rows = page.locator("#dossiers tbody tr")
    assert rows.count() == 4
    assert page.locator("section.dossier").count() == 4

    def column(index: int) -> list[str]:
        return rows.evaluate_all(
            f"rows => rows.filter(r => !r.hidden).map(r => r.cells[{index}].dataset.sort)"
        )

    # Sort by errors (a number): ascending, then descending.
    errors_header = page.locator("#dossiers thead th", has_text="Erreurs")
    index = int(errors_header.evaluate("th => th.cellIndex"))
    errors_header.locator("button").click()
    ascending = [float(v) for v in column(index)]
    assert ascending == sorted(ascending)
    assert errors_header.get_attribute("aria-sort") == "ascending"
    errors_header.locator("button").click()
    assert [float(v) for v in column(index)] == sorted(ascending, reverse=True)
    # Sort by name (text).
    page.locator("#dossiers thead th", has_text="Dossier").first.locator("button").click()
    assert column(0) == sorted(column(0), key=str.lower)

    # Filter to the incomplete dossiers.
    page.select_option("#filter-status", "incomplete")
    statuses = rows.evaluate_all("rows => rows.filter(r => !r.hidden).map(r => r.dataset.status)")
    assert statuses == ["incomplete"]
    assert page.locator("#count").inner_text() == "1"
    assert column(0) == ["Ateliers Montreuillois"]
    # Then by text, among all statuses.
    page.select_option("#filter-status", "")
    page.fill("#filter-text", "ternois")
    assert sorted(column(0)) == ["Fablab Ternois", "Ternois Numerique.zip"]
    page.fill("#filter-text", "")

    # Follow a dossier's link to its section, and its findings' links to its files.
    page.locator("#dossiers tbody a", has_text="Ateliers Montreuillois").click()
    assert page.evaluate("location.hash").startswith("#dossier-")
    section = page.locator("section.dossier:target")
    assert "Ateliers Montreuillois" in section.locator("h2").inner_text()
    assert "Pièce manquante : RIB" in section.inner_text()
    links = section.locator("a[href$='.pdf'], a[href$='.odt']").evaluate_all(
        "links => links.map(a => a.href)"
    )
    assert links
    for href in links:
        assert Path(unquote(urlparse(href).path)).is_file(), href
    failed = page.locator("section.dossier", has_text="Envoi coupé.zip")
    assert "I007" in failed.inner_text()

    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(page_file.as_uri())
    page.select_option("#filter-status", "incomplete")
    page.screenshot(path=str(ARTIFACTS / "triage.png"), full_page=True)
    assert (ARTIFACTS / "triage.png").stat().st_size > 10_000

    assert errors == []
    assert all(url.startswith("file://") for url in requests), requests
    context.close()
