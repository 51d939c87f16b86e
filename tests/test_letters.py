"""``dossierkit courrier``: the acknowledgement and the request for missing pieces, read back
as the applicant will read them (python-docx)."""

from __future__ import annotations

import importlib.util
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, require_tool
from dossierkit.call import load_call
from dossierkit.triage.letters import KINDS, fill, french_date
from dossierkit.triage.register import Register
from dossierkit.triage.run import triage
from triage_inbox import built_dossiers


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return built_dossiers(tmp_path_factory.getbasetemp())


@pytest.fixture(scope="module")
def inbox(built: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An inbox of a complete and an incomplete dossier, triaged once (the register knows
    their reception)."""
    inbox = tmp_path_factory.mktemp("courriers") / "arrivees"
    inbox.mkdir()
    shutil.copytree(built["ternois"], inbox / "Fablab Ternois")
    shutil.copytree(built["association-incomplete"], inbox / "Ateliers Montreuillois")
    with Register(inbox.parent / "dossierkit-registre.sqlite") as register:
        triage(inbox, load_call(), register=register, jobs=2)
    return inbox


def courrier(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        # No PDF here: LibreOffice has its own slow test below.
        [sys.executable, "-m", "dossierkit", "courrier", *map(str, args), "--no-pdf"],
        capture_output=True,
        text=True,
        timeout=180,
        stdin=subprocess.DEVNULL,
        cwd=ROOT,
    )


def text_of(path: Path) -> tuple[str, list[tuple[str, str]]]:
    import docx

    document = docx.Document(str(path))
    paragraphs = [
        (p.text, p.style.name if p.style is not None else "") for p in document.paragraphs
    ]
    return "\n".join(text for text, _ in paragraphs), paragraphs


def _register_row(inbox: Path, sql: str) -> tuple[object, ...]:
    db = sqlite3.connect(inbox.parent / "dossierkit-registre.sqlite")
    row: tuple[object, ...] = db.execute(sql).fetchone()
    db.close()
    return row


def test_acknowledgement_of_a_complete_dossier(inbox: Path, tmp_path: Path) -> None:
    target = tmp_path / "ar.docx"
    result = courrier("accuse-reception", inbox / "Fablab Ternois", "--output", target)
    assert result.returncode == 0, result.stderr
    assert f"Courrier écrit : {target}" in result.stdout
    text, _ = text_of(target)
    reference, received = _register_row(
        inbox,
        "SELECT a.reference, r.received_at FROM receptions r JOIN applications a "
        "ON a.id = r.application_id WHERE r.source_name = 'Fablab Ternois'",
    )
    from dossierkit.triage.register import parse_time

    assert f"Réf. : {reference}" in text
    assert f"reçu le {french_date(parse_time(str(received)).date())}" in text
    assert "Fab'Lab du Ternois\n14 rue des Procureurs\n62130 Saint-Pol-sur-Ternoise" in text
    assert "au titre de l'appel à projets « Tiers-lieux du numérique », pour un lieu" in text
    assert "l'intercommunalité CC du Ternois" in text
    assert "votre dossier est complet" in text
    assert "Lille, le " in text
    assert not re.search(r"\{[a-z_]+\}", text), "every placeholder is filled"
    assert not target.with_suffix(".pdf").exists()
    letters = _register_row(inbox, "SELECT count(*), kind FROM letters")
    assert letters == (1, "accuse-reception")


def test_request_lists_what_to_send_in_plain_words(inbox: Path, tmp_path: Path) -> None:
    target = tmp_path / "dc.docx"
    result = courrier("demande-complements", inbox / "Ateliers Montreuillois", "-o", target)
    assert result.returncode == 0, result.stderr
    text, paragraphs = text_of(target)
    bullets = [t for t, style in paragraphs if style == "List Bullet"]
    assert any(b.startswith("Pièce manquante : RIB. Ajoutez un relevé") for b in bullets)
    assert any(b.startswith("Pièce manquante : Statuts de l'association") for b in bullets)
    assert any("protégé par un mot de passe" in b for b in bullets)
    assert "{liste_pieces}" not in text
    assert "Association Les Ateliers Numériques du Montreuillois\n5 rue Pierre Ledent" in text
    assert "ne peut pas être instruite en l'état" in text


def test_no_request_for_a_complete_dossier(inbox: Path, tmp_path: Path) -> None:
    result = courrier("demande-complements", inbox / "Fablab Ternois", "-o", tmp_path / "x.docx")
    assert result.returncode == 2
    assert "aucune pièce à demander" in result.stderr
    assert not (tmp_path / "x.docx").exists()


def test_a_letter_is_not_overwritten_without_force(inbox: Path, tmp_path: Path) -> None:
    target = tmp_path / "ar.docx"
    target.write_bytes(b"lettre corrigee a la main")
    result = courrier("accuse-reception", inbox / "Fablab Ternois", "-o", target)
    assert result.returncode == 2 and "--force" in result.stderr
    assert target.read_bytes() == b"lettre corrigee a la main"
    forced = courrier("accuse-reception", inbox / "Fablab Ternois", "-o", target, "--force")
    assert forced.returncode == 0, forced.stderr


def test_the_default_place_is_beside_the_register(inbox: Path) -> None:
    result = courrier("accuse-reception", inbox / "Ateliers Montreuillois")
    assert result.returncode == 0, result.stderr
    written = list((inbox.parent / "courriers").glob("TLN-* accuse-reception.docx"))
    assert len(written) == 1
    text, _ = text_of(written[0])
    assert "votre dossier est incomplet" in text


def test_a_zip_or_a_new_dossier_gets_its_letter(built: dict[str, Path], tmp_path: Path) -> None:
    target = tmp_path / "lumbres.docx"
    archive = shutil.make_archive(str(tmp_path / "Lumbres"), "zip", built["interco-complete"])
    result = courrier("accuse-reception", archive, "--db", tmp_path / "r.sqlite", "-o", target)
    assert result.returncode == 0, result.stderr
    text, _ = text_of(target)
    assert "Communauté de communes du Pays de Lumbres" in text
    assert "Réf. : TLN-0001" in text


def test_a_placeholder_split_by_word_is_filled() -> None:
    import docx

    document = docx.Document()
    paragraph = document.add_paragraph()
    for part in ("Réf. : {ref", "erence} — ", "{inconnu}"):
        paragraph.add_run(part)
    document.add_paragraph("{liste_pieces}", style="List Bullet")
    fill(document, {"reference": "TLN-0042"}, ["RIB", "Statuts"])
    texts = [(p.text, p.style.name) for p in document.paragraphs]
    assert texts == [
        ("Réf. : TLN-0042 — {inconnu}", "Normal"),
        ("RIB", "List Bullet"),
        ("Statuts", "List Bullet"),
    ]


def test_the_committed_templates_are_those_the_script_makes() -> None:
    script = ROOT / "templates" / "courriers" / "make_templates.py"
    spec = importlib.util.spec_from_file_location("make_templates", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for kind in KINDS:
        committed = (ROOT / "templates" / "courriers" / f"{kind}.docx").read_bytes()
        assert module.build(kind) == committed, f"regenerate {kind}.docx with make_templates.py"


@pytest.mark.slow
def test_a_pdf_is_made_when_libreoffice_is_there(inbox: Path, tmp_path: Path) -> None:
    require_tool("soffice")
    target = tmp_path / "ar.docx"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "dossierkit",
            "courrier",
            "accuse-reception",
            str(inbox / "Fablab Ternois"),
            "-o",
            str(target),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    from pypdf import PdfReader

    text = PdfReader(target.with_suffix(".pdf")).pages[0].extract_text()
    assert "Fab'Lab du Ternois" in text and "accusé de réception" in text
