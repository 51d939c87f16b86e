"""``config``, ``serve`` and ``courrier`` speak English with ``--lang en``, French otherwise.

Run as an instructor runs them (click's runner, the service's settings in a folder of their
own through ``DOSSIERKIT_CONFIG``). The letters ``courrier`` writes stay French whatever the
language of the terminal: they go to French applicants under French law. The web page of
``serve`` is English by default with ``--lang en``, its link still switching to French; the
server itself is not started (its ``run`` is replaced), its application is asked through
Starlette's test client.
"""

from __future__ import annotations

import socket
import warnings
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner, Result
from test_english_output import french_leaks
from test_letters import SETTINGS as LETTER_SETTINGS

from conftest import TEXTS, write_pdf
from dossierkit.cli import cli
from dossierkit.triage.service import CONFIG_VARIABLE, SETTINGS

with warnings.catch_warnings():  # Starlette 1.x would rather have httpx2; httpx works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

# What a service writes once (``dossierkit config``), all a letter needs: the letters' tests'
# settings, the delay for complements left at its default.
SERVICE = {k: v for k, v in LETTER_SETTINGS.items() if k != "delai_complements"}


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], prog_name="dossierkit")


def plain(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


@pytest.fixture
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "reglages"
    monkeypatch.setenv(CONFIG_VARIABLE, str(folder))
    return folder


# --- config -----------------------------------------------------------------------------


def test_every_setting_is_named_in_english() -> None:
    assert all(s.label_en and s.label_en != s.label for s in SETTINGS if s.key != "direction")


def test_config_lists_the_settings_in_english(config_dir: Path) -> None:
    assert run("config", "ville", "Lille", "--lang", "en").exit_code == 0
    result = run("config", "--lang", "en")
    assert result.exit_code == 0, result.output
    out = result.output
    assert f"Service settings: {config_dir / 'service.toml'}" in out
    assert "town the letters are dated from" in out and "Lille" in out
    assert "signataire           — to be set" in out
    assert "first name and surname of the letters' signatory" in out
    assert "30 (default)" in out
    assert "To set before writing a letter: service, direction, adresse, instructeur" in out
    assert 'Example: dossierkit config service "Mission du Développement' in out
    assert f"Service templates (they replace the shipped ones): {config_dir / 'modeles'}" in out
    assert french_leaks(out) == [], out
    for french in ("Réglages", "à renseigner", "par défaut", "ville où"):
        assert french not in out


def test_config_in_french_is_unchanged(config_dir: Path) -> None:
    out = plain(run("config").output)
    assert f"Réglages du service : {config_dir / 'service.toml'}" in out
    assert "signataire           — à renseigner" in out
    assert "ville où les courriers sont datés" in out
    assert "30 (par défaut)" in out
    assert "À renseigner avant d'écrire un courrier : service, direction" in out
    assert run("config", "--lang", "fr").output == run("config").output


def test_config_errors_and_templates_in_english(config_dir: Path) -> None:
    unknown = run("config", "inconnu", "x", "--lang", "en")
    assert unknown.exit_code == 2
    assert 'dossierkit: unknown setting "inconnu": the settings are service,' in unknown.output
    delay = run("config", "delai_complements", "trente", "--lang", "en")
    assert delay.exit_code == 2
    assert 'the setting "delai_complements" is "trente": give a number of days' in delay.output
    copied = run("config", "--modeles", "--lang", "en")
    assert copied.exit_code == 0
    assert f"Templates copied to: {config_dir / 'modeles'}" in copied.output
    assert "Edit them in Word; the letters will use them" in copied.output
    again = run("config", "--modeles", "--lang", "en")
    assert again.exit_code == 2
    assert "the service already has its templates (accuse-reception.docx" in again.output
    assert "Use --force to replace them." in again.output
    (config_dir / "service.toml").write_text('ville = "Lille"\ncouleur = "bleu"\n')
    broken = run("config", "--lang", "en")
    assert broken.exit_code == 2 and "holds unknown settings (couleur)" in broken.output
    for result in (unknown, delay, copied, again, broken):
        assert french_leaks(result.output) == [], result.output
    french = plain(run("config", "inconnu", "x").output)
    assert "dossierkit : réglage inconnu « inconnu » : les réglages sont service," in french


# --- serve ------------------------------------------------------------------------------


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """What ``serve`` hands to uvicorn (``served["app"]``), instead of serving it."""
    import uvicorn

    handed: dict[str, Any] = {}

    def run_server(self: uvicorn.Server, sockets: list[socket.socket]) -> None:
        handed["app"] = self.config.app
        for listening in sockets:
            listening.close()

    monkeypatch.setattr(uvicorn.Server, "run", run_server)
    return handed


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def test_serve_in_english_announces_and_serves_an_english_page(served: dict[str, Any]) -> None:
    port = _free_port()
    result = run("serve", "--port", port, "--lang", "en")
    assert result.exit_code == 0, result.output
    assert (
        result.output == f"dossierkit: checking page at http://127.0.0.1:{port} (Ctrl-C to stop)\n"
    )
    with TestClient(served["app"]) as http:
        page = http.get("/")
        french = http.get("/?lang=fr")
        missing = http.get("/formulaire")
    assert '<html lang="en">' in page.text and "Check my dossier" in page.text
    # The visitor can still switch: the page links to its French.
    assert 'href="/?lang=fr"' in page.text and ">Français</a>" in page.text
    assert '<input type="hidden" name="lang" value="en">' in page.text
    assert '<html lang="fr">' in french.text and "Vérifier mon dossier" in french.text
    assert missing.status_code == 404 and "This address leads to no page" in missing.text


def test_serve_in_french_is_unchanged(served: dict[str, Any]) -> None:
    port = _free_port()
    result = run("serve", "--port", port)
    assert result.output == (
        f"dossierkit\u00a0: page de vérification sur http://127.0.0.1:{port} (Ctrl-C pour arrêter)\n"
    )
    with TestClient(served["app"]) as http:
        page = http.get("/")
    assert '<html lang="fr">' in page.text and "Vérifier mon dossier" in page.text


def test_serve_says_in_english_that_its_port_is_taken() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run("serve", "--port", port, "--lang", "en")
    assert result.exit_code == 2
    assert f"dossierkit: port {port} is already in use" in result.output
    assert "checking page at" not in result.output


# --- courrier ---------------------------------------------------------------------------


@pytest.fixture
def service(config_dir: Path) -> Path:
    for key, value in SERVICE.items():
        assert run("config", key, value).exit_code == 0
    return config_dir


@pytest.fixture
def received(tmp_path: Path) -> Path:
    """A dossier received with its letter and RIB only: quick to verify, incomplete."""
    dossier = tmp_path / "arrivees" / "Fablab du Ternois"
    dossier.mkdir(parents=True)
    write_pdf(dossier / "Courrier de demande.pdf", TEXTS["courrier"])
    write_pdf(dossier / "RIB.pdf", TEXTS["rib"])
    return dossier


def _letter_text(path: Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def test_courrier_in_english_writes_a_french_letter(service: Path, received: Path) -> None:
    result = run("courrier", "accuse-reception", received, "--no-pdf", "--lang", "en")
    assert result.exit_code == 0, result.output
    written = next((received.parent.parent / "courriers").glob("TLN-0001 accuse-reception *.docx"))
    assert result.output == f"Letter written: {written}\n"
    letter = _letter_text(written)
    assert "votre dossier est incomplet" in letter and "Claire Martin" in letter
    sent = run("courrier", "envoye", written, "--le", "04/12/2026", "--lang", "en")
    assert sent.exit_code == 0, sent.output
    assert sent.output == f'TLN-0001: "{written.name}" recorded as sent on 2026-12-04.\n'
    again = run("courrier", "--lang", "en", "envoye", written)  # the group's --lang
    assert again.exit_code == 2
    assert f'"{written.name}" is already recorded as sent on 2026-12-04.' in again.output
    # A sent letter is kept: the same name is refused.
    kept = run("courrier", "accuse-reception", received, "-o", written, "--force", "--lang", "en")
    assert kept.exit_code == 2
    assert f'"{written.name}" was sent on 2026-12-04: a letter sent is kept as it is.' in (
        kept.output
    )
    for said in (result, sent, again, kept):
        assert french_leaks(said.output) == [], said.output


def test_courrier_errors_in_english(config_dir: Path, received: Path) -> None:
    unset = run("courrier", "accuse-reception", received, "--no-pdf", "--lang", "en")
    assert unset.exit_code == 2
    assert 'dossierkit: the setting "service" (instructing service) is not set' in unset.output
    absent = run("courrier", "demande-complements", received.parent / "Autre", "--lang", "en")
    assert absent.exit_code == 2
    assert f'the dossier "{received.parent / "Autre"}" does not exist.' in absent.output
    not_a_letter = run("courrier", "envoye", received / "RIB.pdf", "--lang", "en")
    assert not_a_letter.exit_code == 2
    assert "no register at" in not_a_letter.output and "--db" in not_a_letter.output
    for said in (unset, absent, not_a_letter):
        assert french_leaks(said.output) == [], said.output


def test_courrier_in_french_is_unchanged(service: Path, received: Path) -> None:
    result = run("courrier", "accuse-reception", received, "--no-pdf")
    assert result.exit_code == 0, result.output
    written = next((received.parent.parent / "courriers").glob("*.docx"))
    assert result.output == f"Courrier écrit : {written}\n"
    sent = run("courrier", "envoye", written, "--le", "04/12/2026")
    assert plain(sent.output) == f"TLN-0001 : « {written.name} » noté envoyé le 04/12/2026.\n"
    absent = run("courrier", "accuse-reception", received.parent / "Autre")
    assert "dossierkit : le dossier « " in plain(absent.output)


def test_no_pdf_is_said_in_english(
    service: Path, received: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dossierkit.external import soffice

    monkeypatch.setattr(soffice, "available", lambda: False)
    result = run("courrier", "accuse-reception", received, "--lang", "en")
    assert result.exit_code == 1
    assert "LibreOffice not found: the letter is written in Word (DOCX) only" in result.output
    assert "Debian/Ubuntu: sudo apt-get install" in result.output
    assert french_leaks(result.output) == [], result.output
