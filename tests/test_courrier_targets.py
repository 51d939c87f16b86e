"""What ``dossierkit courrier`` may be given, and which state of the application it answers.

An application is named by its first sending, by a complement sent alone, or by its reference
in the register (a platform's dossier has no folder of its own): whichever is given, the
letter answers the application's current version, so that one application never gets two
contrary letters (docs/instruire.md: « Un complément envoyé seul reçoit le courrier de la
demande qu'il complète »). A platform's export or an inbox holds many applications: refused
before anything is written (tester 6, defects 2, 4 and 9).
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
from contextlib import closing
from datetime import date, datetime, timedelta
from pathlib import Path

import generate
import pytest
from platform_export import session_download
from test_letters import SETTINGS, text_of

from dossierkit.call import load_call
from dossierkit.errors import UsageError
from dossierkit.triage.courrier import run_letter
from dossierkit.triage.letters import french_date
from dossierkit.triage.register import Register
from dossierkit.triage.run import triage
from dossierkit.triage.service import CONFIG_VARIABLE
from triage_inbox import built_dossiers

ACKNOWLEDGEMENT, REQUEST = "accuse-reception", "demande-complements"
COMPLETE = "votre dossier est complet"
FIRST_DAY = date.today() - timedelta(days=3)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return built_dossiers(tmp_path_factory.getbasetemp())


@pytest.fixture(autouse=True)
def service(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """The service's settings, as « dossierkit config » writes them."""
    config = tmp_path_factory.getbasetemp() / "courrier-targets-service" / "service.toml"
    if not config.exists():
        config.parent.mkdir()
        lines = [
            f"{key} = {json.dumps(value, ensure_ascii=False)}" for key, value in SETTINGS.items()
        ]
        config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setenv(CONFIG_VARIABLE, str(config))


def _at(path: Path, day: date) -> Path:
    """``path`` received on ``day`` (a folder is dated by its own time)."""
    moment = datetime.combine(day, datetime.min.time()).replace(hour=10).timestamp()
    os.utime(path, (moment, moment))
    return path


def complement_of_montreuil(folder: Path, tmp: Path) -> Path:
    """The statuts and the RIB the Montreuillois association's dossier lacked, and its
    attestation de TVA saved again without a password, sent alone."""
    applicant = generate.applicant_montreuillois()
    folder.mkdir()
    generate.make_attestation_tva_pdf(folder / "Attestation TVA sans mot de passe.pdf", applicant)
    statuts = generate.make_statuts_docx(tmp / "statuts.docx", applicant)
    generate.office_to_pdf(statuts, folder, use_libreoffice=False, name="Statuts.pdf")
    bank = applicant.bank
    generate.make_rib_pdf(
        folder / "RIB.pdf", bank.holder, bank.iban, bank.bic, bank.bank, account=bank
    )
    return folder


@pytest.fixture(scope="module")
def completed(built: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An inbox where the Montreuillois dossier arrived incomplete, then its complement: the
    register holds TLN-0001 in two versions, the current one complete."""
    root = tmp_path_factory.mktemp("courrier-targets")
    inbox = root / "arrivees"
    inbox.mkdir()
    _at(
        shutil.copytree(built["association-incomplete"], inbox / "Ateliers Montreuillois"),
        FIRST_DAY,
    )
    call = load_call()
    with Register(root / "registre.sqlite") as register:
        triage(inbox, call, register=register, jobs=1)
        complement_of_montreuil(inbox / "Complément Montreuillois", root)
        rows = triage(inbox, call, register=register, jobs=1).rows
        assert {r.outcome.item.name: r.outcome.status for r in rows} == {
            "Ateliers Montreuillois": "incomplete",
            "Complément Montreuillois": "complete",
        }
        assert [e.status for e in register.entries()] == ["complete"]
    return inbox


def _count(db: Path, table: str) -> int:
    with closing(sqlite3.connect(db)) as connection:
        return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def _letter(kind: str, target: Path, db: Path, output: Path) -> str:
    told = io.StringIO()
    code = run_letter(
        kind, target, load_call(), db=db, output=output, force=True, pdf=False, out=told
    )
    assert code == 0
    return told.getvalue()


@pytest.mark.parametrize(
    "named", ["Ateliers Montreuillois", "Complément Montreuillois", "TLN-0001", "tln-0001"]
)
def test_every_name_of_an_application_gets_the_letter_of_its_current_version(
    completed: Path, named: str, tmp_path: Path
) -> None:
    db = completed.parent / "registre.sqlite"
    target = completed / named if (completed / named).exists() else Path(named)
    receptions = _count(db, "receptions")
    told = _letter(ACKNOWLEDGEMENT, target, db, tmp_path / "ar.docx")
    text, paragraphs = text_of(tmp_path / "ar.docx")
    assert "Réf.\u00a0: TLN-0001" in text
    # Complete, as the register says since the complement, whatever was named; dated from
    # the request's reception, from which the delays run (CRPA art. L231-4).
    assert COMPLETE in text and "List Bullet" not in [style for _, style in paragraphs]
    assert f"reçue le {french_date(FIRST_DAY)}" in text
    if named == "Ateliers Montreuillois":
        assert "n'est plus la version actuelle" in told and "Complément Montreuillois" in told
    if named in ("Ateliers Montreuillois", "TLN-0001"):
        # No request of the pieces the complement brought: refused, the dossier is complete.
        with pytest.raises(UsageError, match="complet"):
            _letter(REQUEST, target, db, tmp_path / "dc.docx")
        assert not (tmp_path / "dc.docx").exists()
    # Never a new application nor a new version; the letter is the current version's.
    assert _count(db, "applications") == 1 and _count(db, "receptions") == receptions
    with closing(sqlite3.connect(db)) as connection:
        (name,) = connection.execute(
            "SELECT r.source_name FROM letters l JOIN receptions r ON r.id = l.reception_id "
            "ORDER BY l.id DESC LIMIT 1"
        ).fetchone()
    assert name == "Complément Montreuillois"


def test_without_a_later_version_the_dossier_given_is_answered(
    built: dict[str, Path], tmp_path: Path
) -> None:
    inbox = tmp_path / "arrivees"
    dossier = shutil.copytree(built["association-incomplete"], inbox / "Ateliers Montreuillois")
    db = tmp_path / "registre.sqlite"
    told = _letter(REQUEST, dossier, db, tmp_path / "dc.docx")
    assert "version actuelle" not in told
    _, paragraphs = text_of(tmp_path / "dc.docx")
    bullets = [t.split(" — ")[0] for t, style in paragraphs if style == "List Bullet"]
    assert "RIB" in bullets
    # Then by its reference: the same application, the same pieces asked.
    _letter(REQUEST, Path("TLN-0001"), db, tmp_path / "dc-ref.docx")
    _, again = text_of(tmp_path / "dc-ref.docx")
    assert [t for t, s in again if s == "List Bullet"] == [
        t for t, s in paragraphs if s == "List Bullet"
    ]
    assert _count(db, "receptions") == 1


def test_a_reference_the_register_lacks_is_said(completed: Path, tmp_path: Path) -> None:
    db = completed.parent / "registre.sqlite"
    with pytest.raises(UsageError, match="aucune demande TLN-0099 dans le registre"):
        _letter(ACKNOWLEDGEMENT, Path("TLN-0099"), db, tmp_path / "ar.docx")
    with pytest.raises(UsageError, match="aucun registre"):
        _letter(ACKNOWLEDGEMENT, Path("TLN-0001"), tmp_path / "absent.sqlite", tmp_path / "x.docx")
    assert not (tmp_path / "absent.sqlite").exists()
    with pytest.raises(UsageError, match=r"« .*Dossier absent » n'existe pas"):
        _letter(ACKNOWLEDGEMENT, tmp_path / "Dossier absent", db, tmp_path / "x.docx")


def test_an_inbox_is_no_application(completed: Path, tmp_path: Path) -> None:
    db = completed.parent / "registre.sqlite"
    receptions, verifications = _count(db, "receptions"), _count(db, "verifications")
    with pytest.raises(UsageError) as refused:
        _letter(ACKNOWLEDGEMENT, completed, db, tmp_path / "ar.docx")
    said = refused.value.args[0]
    assert "dossier d'arrivée" in said and "TLN-0001" in said
    assert not (tmp_path / "ar.docx").exists()
    # Refused before it is verified: the register is as it was.
    assert (_count(db, "receptions"), _count(db, "verifications")) == (receptions, verifications)


def test_a_platform_export_is_refused_before_anything_is_written(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    download = session_download(tmp_path_factory)
    zipped = next(download.glob("*.zip"))
    db = tmp_path / "registre.sqlite"
    for target in (zipped, download):
        with pytest.raises(UsageError) as refused:
            _letter(ACKNOWLEDGEMENT, target, db, tmp_path / "ar.docx")
        said = refused.value.args[0]
        assert "export de Démarches Simplifiées (3 dossiers)" in said, said
        # What to give instead: the triage of the export, then each application's reference.
        assert "dossierkit triage" in said and "accuse-reception TLN-0001" in said
        assert refused.value.english is not None and "3 dossiers" in refused.value.english
    assert not db.exists() and not (tmp_path / "ar.docx").exists()
    assert not (tmp_path / "courriers").exists()
