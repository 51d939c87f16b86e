"""An inbox that holds a platform's export beside other sendings is refused, never merged.

Read as one of the inbox's dossiers, a Démarches Simplifiées export would be one demand
mixing its applicants' pieces (outside tester 6, defect 1: four demands became TLN-0001).
``triage`` refuses before reading anything and says how to go on: the export alone, then
the rest with the same register.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from platform_export import session_unpacked

from dossierkit.cli import cli


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_triage_refuses_an_export_among_the_sendings(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path, lang: str
) -> None:
    inbox = tmp_path / "arrivees"
    (inbox / "CC du Ternois - envoi courriel").mkdir(parents=True)
    (inbox / "CC du Ternois - envoi courriel" / "RIB.pdf").write_bytes(b"%PDF-1.4\n")
    shutil.copytree(session_unpacked(tmp_path_factory), inbox / "Export DS" / "export")
    register = tmp_path / "registre.sqlite"

    result = CliRunner().invoke(cli, ["triage", str(inbox), "--db", str(register), "--lang", lang])

    assert result.exit_code == 2
    said = {
        "fr": "contient l'export d'une plateforme, « Export DS »",
        "en": 'holds a platform\'s export, "Export DS"',
    }
    assert said[lang] in result.output.replace("\u202f", " ").replace("\xa0", " ")
    assert not register.exists()
