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
    """The HTML page of an inbox of four dossiers: three applications and a damaged zip."""
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
    # The width of a common office laptop: the table must fit without scrolling sideways.
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="fr-FR")
    page = context.new_page()
    errors: list[str] = []
    requests: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("request", lambda request: requests.append(request.url))
    page.goto(page_file.as_uri())

    # One row and one section per application; the damaged zip is listed apart.
    rows = page.locator("#dossiers tbody tr")
    assert rows.count() == 3
    assert page.locator("section.dossier").count() == 3
    assert "Envoi coupé.zip" in page.locator("#incidents").inner_text()
    assert "ne peut pas être ouvert" in page.locator("#incidents").inner_text()
    width = page.evaluate("[document.querySelector('.scroll').scrollWidth, innerWidth]")
    assert width[0] <= width[1], width

    def column(index: int) -> list[str]:
        return rows.evaluate_all(
            f"rows => rows.filter(r => !r.hidden).map(r => r.cells[{index}].dataset.sort)"
        )

    # In order of reception by default: the references follow each other.
    assert column(0) == sorted(column(0))
    # Sort by errors (a number): ascending, then descending.
    errors_header = page.locator("#dossiers thead th", has_text="Erreurs")
    index = int(errors_header.evaluate("th => th.cellIndex"))
    errors_header.locator("button").click()
    ascending = [float(v) for v in column(index)]
    assert ascending == sorted(ascending)
    assert errors_header.get_attribute("aria-sort") == "ascending"
    errors_header.locator("button").click()
    assert [float(v) for v in column(index)] == sorted(ascending, reverse=True)
    structure = int(
        page.locator("#dossiers thead th", has_text="Structure").evaluate("th => th.cellIndex")
    )
    page.locator("#dossiers thead th", has_text="Structure").locator("button").click()
    assert column(structure) == sorted(column(structure), key=str.lower)

    # Filter to the incomplete applications: rows and sections alike.
    page.select_option("#filter-status", "incomplete")
    statuses = rows.evaluate_all("rows => rows.filter(r => !r.hidden).map(r => r.dataset.status)")
    assert statuses and set(statuses) == {"incomplete"}
    assert page.locator("#count").inner_text() == str(len(statuses))
    agreed = "demande affichée" if len(statuses) == 1 else "demandes affichées"
    assert page.locator("#count-said").inner_text() == agreed
    shown = page.locator("section.dossier:not([hidden])")
    assert shown.count() == len(statuses)
    assert set(shown.evaluate_all("s => s.map(x => x.dataset.status)")) == {"incomplete"}
    # Then by text, among all statuses.
    page.select_option("#filter-status", "")
    page.fill("#filter-text", "ternois")
    assert sorted(column(structure)) == ["Fab'Lab du Ternois", "Ternois Numérique"]
    assert page.locator("section.dossier:not([hidden])").count() == 2
    page.fill("#filter-text", "")

    # Why an application is incomplete, in the table; its section's checklist, aid table,
    # findings and links to its files.
    montreuil = rows.filter(has_text="Montreuillois")
    assert "Statuts de l'association" in montreuil.locator("td.why").inner_text()
    montreuil.locator("a").click()
    assert page.evaluate("location.hash").startswith("#demande-")
    section = page.locator("section.dossier:target")
    assert "Montreuillois" in section.locator("h2").inner_text()
    checklist = section.locator("ul.checklist").inner_text()
    assert "Statuts de l'association — manquante" in checklist
    assert "Courrier de demande — présente" in checklist
    aid = section.locator("table.aid").inner_text()
    assert "Année 1 (2027)" in aid and "Total" in aid and "98 000 €" in aid
    assert "Pièce manquante : Statuts" in section.inner_text().replace("\u00a0", " ")
    links = section.locator("a[href$='.pdf'], a[href$='.odt']").evaluate_all(
        "links => links.map(a => a.href)"
    )
    assert links
    for href in links:
        assert Path(unquote(urlparse(href).path)).is_file(), href

    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(page_file.as_uri())
    page.screenshot(path=str(ARTIFACTS / "triage.png"), full_page=True)
    assert (ARTIFACTS / "triage.png").stat().st_size > 10_000

    assert errors == []
    assert all(url.startswith("file://") for url in requests), requests
    context.close()
