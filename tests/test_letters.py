"""``dossierkit courrier``: the acknowledgement and the request for missing pieces, read back
as the applicant will read them (python-docx), with the service's settings written by
``dossierkit config``."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from contextlib import closing
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from conftest import ROOT, require_tool
from dossierkit.call import load_call
from dossierkit.dates import add_months
from dossierkit.triage.letters import KINDS, fill, french_date, requested_items
from dossierkit.triage.model import InboxItem, Outcome
from dossierkit.triage.register import Register
from dossierkit.triage.run import triage
from dossierkit.triage.service import CONFIG_VARIABLE
from dossierkit.triage.worker import letterhead_address
from triage_inbox import built_dossiers


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return built_dossiers(tmp_path_factory.getbasetemp())


# What a service writes once with ``dossierkit config``.
SETTINGS = {
    "service": "Mission du Développement des Usages Numériques",
    "direction": "Direction du Numérique",
    "adresse": "151 boulevard Hoover, 59555 Lille Cedex",
    "ville": "Lille",
    "instructeur": "Claire Martin",
    "courriel": "tiers-lieux@hautsdefrance.fr",
    "telephone": "03 74 27 00 00",
    "signataire": "Jean Dupont",
    "fonction_signataire": "Directeur du Numérique",
    "delai_complements": "21",
}


def dossierkit(config: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dossierkit", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=180,
        stdin=subprocess.DEVNULL,
        cwd=ROOT,
        env={**os.environ, CONFIG_VARIABLE: str(config)},
    )


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A service configured through ``dossierkit config``, one setting at a time."""
    config = tmp_path_factory.mktemp("service")
    for key, value in SETTINGS.items():
        result = dossierkit(config, "config", key, value)
        assert result.returncode == 0, result.stderr
    return config


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


@pytest.fixture
def courrier(service: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
        # No PDF here: LibreOffice has its own slow test below.
        return dossierkit(service, "courrier", *args, "--no-pdf")

    return run


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


Run = Callable[..., subprocess.CompletedProcess[str]]


def _reception(inbox: Path, name: str) -> tuple[str, date]:
    from dossierkit.triage.register import parse_time

    reference, received = _register_row(
        inbox,
        "SELECT a.reference, r.received_at FROM receptions r JOIN applications a "
        f"ON a.id = r.application_id WHERE r.source_name = '{name}'",
    )
    return str(reference), parse_time(str(received)).date()


def _no_blank(text: str) -> None:
    assert not re.search(r"\{[a-z_]+\}", text), "every placeholder is filled"
    assert not re.search(r"\[[^\]]+\]", text), "no bracketed note is left to fill"


def test_acknowledgement_carries_the_legal_mentions(
    inbox: Path, tmp_path: Path, courrier: Run
) -> None:
    target = tmp_path / "ar.docx"
    result = courrier("accuse-reception", inbox / "Fablab Ternois", "--output", target)
    assert result.returncode == 0, result.stderr
    assert f"Courrier écrit : {target}" in result.stdout
    text, _ = text_of(target)
    reference, received = _reception(inbox, "Fablab Ternois")
    _no_blank(text)
    assert f"Réf.\u00a0: {reference}" in text
    # The service, as configured (art. R112-5, 2°, of the CRPA).
    assert "Affaire suivie par\u00a0: Claire Martin" in text
    assert "tiers-lieux@hautsdefrance.fr" in text
    assert "Tél.\u00a0: 03\u00a074\u00a027\u00a000\u00a000" in text, "never cut at a line's end"
    assert "Jean Dupont\nDirecteur du Numérique" in text
    # The structure and its legal representative, then the address on its own lines.
    # The name's end bound (« du Ternois »): a long name breaks before it, not inside it.
    assert "Fab'Lab du\u00a0Ternois\nÀ l'attention de " in text
    assert "\n14 rue des Procureurs\n62130 Saint-Pol-sur-Ternoise\n" in text
    assert f"reçue le {french_date(received)}" in text
    assert "Dossier reçu" not in text, "the inbox's folder name is not the applicant's business"
    # Art. R112-5, 1°, and L231-4: the date at which silence is worth a rejection, and the
    # appeal against it (art. R421-2 of the Code de justice administrative).
    rejected = french_date(add_months(received, 2))
    assert f"elle sera réputée rejetée le {rejected}" in text
    assert "Tribunal administratif de Lille" in text and "R421-2" in text
    assert "suspendu" not in text, "a complete dossier's delay runs from its reception"
    assert "devront nous parvenir" not in text, "nothing is asked of a complete dossier"
    assert all(style != "List Bullet" for _, style in text_of(target)[1])
    assert "votre dossier est complet" in text
    assert "Lille, le " in text
    assert not target.with_suffix(".pdf").exists()
    letters = _register_row(inbox, "SELECT count(*), kind FROM letters")
    assert letters == (1, "accuse-reception")


def test_request_has_one_bullet_per_piece_and_a_deadline(
    inbox: Path, tmp_path: Path, courrier: Run
) -> None:
    target = tmp_path / "dc.docx"
    result = courrier("demande-complements", inbox / "Ateliers Montreuillois", "-o", target)
    assert result.returncode == 0, result.stderr
    text, paragraphs = text_of(target)
    _no_blank(text)
    bullets = [t for t, style in paragraphs if style == "List Bullet"]
    assert bullets == [
        "RIB — pièce manquante. À transmettre\u00a0: un relevé d'identité bancaire au nom de "
        "la structure qui demande l'aide.",
        "Statuts de l'association — pièce manquante. À transmettre\u00a0: les statuts à jour "
        "de l'association, datés et signés.",
        # What is wrong with the file received (not again that the piece cannot be read,
        # P002), and what to send instead of it.
        "Attestation du régime de TVA — «\u202fAttestation TVA.pdf\u202f» est protégé par un "
        "mot de passe. À transmettre à la place\u00a0: le même document, enregistré sans mot "
        "de passe.",
    ]
    # Several pieces: the words agree with their number.
    assert "nous transmettre les pièces suivantes\u00a0:" in text
    assert "Ces pièces devront nous parvenir au plus tard le" in text
    # Art. L114-5 of the CRPA: a delay is set for the pieces (21 days, as configured).
    deadline = french_date(date.today() + timedelta(days=21))
    assert f"au plus tard le {deadline}" in text
    assert "L114-5" in text
    assert "Points d'attention" not in text, "warnings only when asked"
    assert (
        "Association Les Ateliers Numériques\u00a0du\u00a0Montreuillois\nÀ l'attention de" in text
    )


def test_warnings_are_listed_apart_when_asked(inbox: Path, tmp_path: Path, courrier: Run) -> None:
    target = tmp_path / "dc.docx"
    result = courrier(
        "demande-complements", inbox / "Ateliers Montreuillois", "-o", target, "--points-attention"
    )
    assert result.returncode == 0, result.stderr
    _, paragraphs = text_of(target)
    titles = [t for t, _ in paragraphs]
    start = titles.index(
        "Points d'attention, sans incidence sur la complétude de votre dossier\u00a0:"
    )
    deadline = next(i for i, t in enumerate(titles) if t.startswith("Ces pièces devront"))
    assert start > deadline
    assert any(t.startswith("Plan d'agencement — ") for t, style in paragraphs[start:])


def test_no_letter_without_the_service_settings(inbox: Path, tmp_path: Path, service: Path) -> None:
    empty = tmp_path / "service-vide"
    result = dossierkit(
        empty,
        "courrier",
        "accuse-reception",
        inbox / "Fablab Ternois",
        "-o",
        tmp_path / "ar.docx",
        "--no-pdf",
    )
    assert result.returncode == 2
    assert "réglage «\u202fservice\u202f»" in result.stderr
    assert "dossierkit config service" in result.stderr
    assert not (tmp_path / "ar.docx").exists()


def test_the_service_template_replaces_the_shipped_one(
    inbox: Path, tmp_path: Path, service: Path
) -> None:
    own = tmp_path / "service"
    shutil.copytree(service, own)
    assert dossierkit(own, "config", "--modeles").returncode == 0
    assert dossierkit(own, "config", "--modeles").returncode == 2, "never overwritten silently"
    import docx

    template = own / "modeles" / "accuse-reception.docx"
    document = docx.Document(str(template))
    document.add_paragraph("Signé pour le service : {instructeur}.")
    document.save(str(template))
    result = dossierkit(
        own,
        "courrier",
        "accuse-reception",
        inbox / "Fablab Ternois",
        "-o",
        tmp_path / "ar.docx",
        "--no-pdf",
    )
    assert result.returncode == 0, result.stderr
    assert "Signé pour le service\u00a0: Claire Martin." in text_of(tmp_path / "ar.docx")[0]
    # A template that keeps a bracketed note is refused, naming it.
    document.add_paragraph("[Prénom Nom]")
    document.save(str(template))
    refused = dossierkit(
        own,
        "courrier",
        "accuse-reception",
        inbox / "Fablab Ternois",
        "-o",
        tmp_path / "ar2.docx",
        "--no-pdf",
    )
    assert refused.returncode == 2 and "[Prénom Nom]" in refused.stderr
    assert not (tmp_path / "ar2.docx").exists()


def test_config_lists_what_is_missing(tmp_path: Path) -> None:
    shown = dossierkit(tmp_path, "config")
    assert shown.returncode == 0
    assert (
        "signataire" in shown.stdout and "À renseigner avant d'écrire un courrier" in shown.stdout
    )
    assert dossierkit(tmp_path, "config", "delai_complements", "trente").returncode == 2
    assert dossierkit(tmp_path, "config", "inconnu", "x").returncode == 2
    assert dossierkit(tmp_path, "config", "ville", "Amiens").returncode == 0
    assert dossierkit(tmp_path, "config", "ville").stdout.strip() == "Amiens"


def test_one_bullet_per_piece_even_with_several_findings() -> None:
    report = {
        "findings": [
            {
                "code": "B003",
                "severity": "error",
                "piece": "budget",
                "file": "Budget.xlsx",
                "message": "Le budget n'est pas équilibré : dépenses 120 000 €, recettes "
                "110 000 €. Équilibrez-le.",
            },
            {
                "code": "B001",
                "severity": "error",
                "piece": "budget",
                "file": "Budget.xlsx",
                "message": "Le budget ne dit pas s'il est HT ou TTC : précisez-le.",
            },
            {
                "code": "F002",
                "severity": "error",
                "piece": None,
                "file": "Scan.pdf",
                "message": "« Scan.pdf » est protégé par un mot de passe : enregistrez-le sans.",
            },
            {
                "code": "T001",
                "severity": "warning",
                "piece": "dossier_technique",
                "file": "DT.pdf",
                "message": "Question sans réponse.",
            },
            {
                "code": "T008",
                "severity": "warning",
                "piece": "plan_agencement",
                "file": "DT.odt",
                "message": "Annexe manquante : Plan d'agencement, demandée par la question "
                "NAT-2 du dossier technique « DT.odt ». Joignez-la au dossier.",
            },
        ]
    }
    item = InboxItem("Dossier", Path("Dossier"), "folder")
    outcome = Outcome(item, "x", "incomplete", report=report)
    items = requested_items(outcome, load_call())
    assert items == [
        "Budget prévisionnel — le budget n'est pas équilibré : dépenses 120 000 €, recettes "
        "110 000 € ; le budget ne dit pas s'il est HT ou TTC. À transmettre à la place : un "
        "budget équilibré, qui précise s'il est présenté HT ou TTC (dans son titre ou pour "
        "chaque section).",
        # A file of no piece: what to do with it all the same.
        "Fichier « Scan.pdf » — « Scan.pdf » est protégé par un mot de passe. À transmettre à "
        "la place : le même document, enregistré sans mot de passe.",
    ]
    warnings = requested_items(outcome, load_call(), "warning")
    assert warnings[-1] == (
        "Plan d'agencement — annexe manquante, demandée par la question NAT-2 du dossier "
        "technique « DT.odt »."
    )


def test_no_request_for_a_complete_dossier(inbox: Path, tmp_path: Path, courrier: Run) -> None:
    result = courrier("demande-complements", inbox / "Fablab Ternois", "-o", tmp_path / "x.docx")
    assert result.returncode == 2
    assert "aucune pièce à demander" in result.stderr
    assert not (tmp_path / "x.docx").exists()


def test_a_letter_is_not_overwritten_without_force(
    inbox: Path, tmp_path: Path, courrier: Run
) -> None:
    target = tmp_path / "ar.docx"
    target.write_bytes(b"lettre corrigee a la main")
    result = courrier("accuse-reception", inbox / "Fablab Ternois", "-o", target)
    assert result.returncode == 2 and "--force" in result.stderr
    assert target.read_bytes() == b"lettre corrigee a la main"
    forced = courrier("accuse-reception", inbox / "Fablab Ternois", "-o", target, "--force")
    assert forced.returncode == 0, forced.stderr


def test_without_libreoffice_the_word_letter_is_written_and_the_pdf_said_missing(
    inbox: Path, tmp_path: Path, service: Path
) -> None:
    target = tmp_path / "ar.docx"
    result = subprocess.run(
        [
            *(sys.executable, "-m", "dossierkit", "courrier", "accuse-reception"),
            *(str(inbox / "Fablab Ternois"), "-o", str(target)),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        stdin=subprocess.DEVNULL,
        cwd=ROOT,
        # Python alone on PATH: no soffice, as on a service's PC without LibreOffice.
        env={**os.environ, CONFIG_VARIABLE: str(service), "PATH": str(Path(sys.executable).parent)},
    )
    # The Word letter is written and recorded; the exit status says the PDF is not.
    assert result.returncode == 1, result.stderr
    assert f"Courrier écrit : {target}" in result.stdout
    assert target.is_file() and not target.with_suffix(".pdf").exists()
    assert "LibreOffice introuvable\u00a0: le courrier" in result.stderr
    said = " ".join(result.stderr.split())
    assert (
        "LibreOffice introuvable : le courrier est écrit en Word (DOCX) seulement ; "
        "installez LibreOffice pour la version PDF"
    ) in said
    assert "sudo apt-get install libreoffice-writer-nogui" in said


def test_the_default_place_is_beside_the_register(inbox: Path, courrier: Run) -> None:
    result = courrier("accuse-reception", inbox / "Ateliers Montreuillois")
    assert result.returncode == 0, result.stderr
    written = list((inbox.parent / "courriers").glob("TLN-* accuse-reception *.docx"))
    assert len(written) == 1
    text, paragraphs = text_of(written[0])
    assert "votre dossier est incomplet" in text
    assert "Ce délai est suspendu" in text
    # Art. R112-5, 3°, and L114-5 of the CRPA: the acknowledgement of an incomplete request
    # itself names the missing pieces and the delay to send them.
    bullets = [t for t, style in paragraphs if style == "List Bullet"]
    assert [b.split(" — ")[0] for b in bullets] == [
        "RIB",
        "Statuts de l'association",
        "Attestation du régime de TVA",
    ]
    deadline = french_date(date.today() + timedelta(days=21))
    assert f"Ces pièces devront nous parvenir au plus tard le {deadline}" in text
    assert "met fin à cette suspension" in text


def test_a_zip_or_a_new_dossier_gets_its_letter(
    built: dict[str, Path], tmp_path: Path, courrier: Run
) -> None:
    import zipfile

    # Pieces zipped by the applicant ten days ago, the attachment saved four days ago: the
    # dossier was received when it arrived, and every date of the letter runs from then.
    target = tmp_path / "lumbres.docx"
    packed = (datetime.now() - timedelta(days=10)).replace(hour=17, minute=5).timetuple()[:6]
    received = date.today() - timedelta(days=4)
    archive = tmp_path / "Lumbres.zip"
    with zipfile.ZipFile(archive, "w") as sent:
        for file in sorted(built["interco-complete"].rglob("*")):
            if file.is_file():
                name = str(file.relative_to(built["interco-complete"]))
                sent.writestr(zipfile.ZipInfo(name, packed), file.read_bytes())
    arrived = datetime.combine(received, datetime.min.time()).replace(hour=10).timestamp()
    os.utime(archive, (arrived, arrived))
    result = courrier("accuse-reception", archive, "--db", tmp_path / "r.sqlite", "-o", target)
    assert result.returncode == 0, result.stderr
    text, _ = text_of(target)
    assert "Communauté de communes du Pays\u00a0de\u00a0Lumbres" in text  # its end bound
    assert "Réf.\u00a0: TLN-0001" in text
    assert f"reçue le {french_date(received)}" in text, "the arrival, not the members' date"
    assert f"réputée rejetée le {french_date(add_months(received, 2))}" in text


def test_a_sent_letter_is_kept_and_a_draft_can_be_redone(
    built: dict[str, Path], tmp_path: Path, service: Path
) -> None:
    inbox = tmp_path / "arrivees"
    shutil.copytree(built["association-incomplete"], inbox / "Ateliers")
    first = dossierkit(service, "courrier", "demande-complements", inbox / "Ateliers", "--no-pdf")
    assert first.returncode == 0, first.stderr
    [draft] = (tmp_path / "courriers").glob("TLN-0001 demande-complements *.docx")
    assert draft.name == f"TLN-0001 demande-complements {date.today().isoformat()}.docx"
    redone = dossierkit(
        service, "courrier", "demande-complements", inbox / "Ateliers", "--no-pdf", "--force"
    )
    assert redone.returncode == 0, "a draft is written again with --force"
    with Register(tmp_path / "dossierkit-registre.sqlite") as register:
        (entry,) = register.entries()
    assert entry.letters == 1, "a draft written again is one letter, not two"
    sent = dossierkit(service, "courrier", "envoye", draft, "--le", "03/12/2026")
    assert sent.returncode == 0, sent.stderr
    assert "TLN-0001" in sent.stdout and "03/12/2026" in sent.stdout
    before = draft.read_bytes()
    # Asked by its name, even with --force: refused.
    again = dossierkit(
        service,
        "courrier",
        "demande-complements",
        inbox / "Ateliers",
        "--no-pdf",
        "--force",
        "-o",
        draft,
    )
    assert again.returncode == 2 and "envoyé le 03/12/2026" in again.stderr
    assert draft.read_bytes() == before, "a sent letter is never written again"
    # By default (a second version answered the same day): written beside it.
    beside = dossierkit(service, "courrier", "demande-complements", inbox / "Ateliers", "--no-pdf")
    assert beside.returncode == 0, beside.stderr
    assert draft.with_name(f"{draft.stem} (2).docx").is_file()
    assert draft.read_bytes() == before
    twice = dossierkit(service, "courrier", "envoye", draft)
    assert twice.returncode == 2 and "déjà noté envoyé" in twice.stderr
    stranger = tmp_path / "autre.docx"
    stranger.write_bytes(b"x")
    assert dossierkit(service, "courrier", "envoye", stranger).returncode == 2


def test_a_placeholder_split_by_word_is_filled() -> None:
    import docx

    document = docx.Document()
    paragraph = document.add_paragraph()
    for part in ("Réf. : {ref", "erence} — ", "{inconnu}"):
        paragraph.add_run(part)
    document.add_paragraph("{optionnel}")
    document.add_paragraph("{liste_pieces}", style="List Bullet")
    fill(document, {"reference": "TLN-0042", "optionnel": ""}, {"liste_pieces": ["RIB", "Statuts"]})
    texts = [(p.text, p.style.name) for p in document.paragraphs]
    assert texts == [
        ("Réf.\u00a0: TLN-0042 — {inconnu}", "Normal"),
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
def test_a_pdf_is_made_when_libreoffice_is_there(
    inbox: Path, tmp_path: Path, service: Path
) -> None:
    require_tool("soffice")
    # Both letters of an incomplete dossier, as the applicant reads the PDF.
    for kind in KINDS:
        target = tmp_path / f"{kind}.docx"
        result = dossierkit(
            service, "courrier", kind, inbox / "Ateliers Montreuillois", "-o", target
        )
        assert result.returncode == 0, result.stderr
        text = subprocess.run(
            ["pdftotext", "-layout", str(target.with_suffix(".pdf")), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert "Montreuillois" in text and "L114-5" in text
        assert not re.search(r"\[[^\]]+\]|\{[a-z_]+\}", text), "pdftotext shows no blank"
        # One bullet per piece: each piece's label starts one line, once.
        for label in ("RIB —", "Statuts de l'association —", "Attestation du régime de TVA —"):
            assert len(re.findall(rf"^\W*{re.escape(label)}", text, re.MULTILINE)) == 1, label
        # Nothing an applicant copies or reads at once is cut at a line's end: the
        # reference, a date, an amount.
        assert not re.search(r"TLN-\s*$|\b\d{1,2}(?:er)?\s*$\n\s*\w+ \d{4}", text, re.MULTILINE)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 12, 2), 2, date(2027, 2, 2)),
        (date(2026, 12, 31), 2, date(2027, 2, 28)),
        (date(2027, 12, 31), 2, date(2028, 2, 29)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
    ],
)
def test_a_delay_in_months_ends_on_the_same_day_or_the_months_last(
    day: date, months: int, expected: date
) -> None:
    assert add_months(day, months) == expected


def test_french_spacing_binds_only_typed_spaces() -> None:
    from dossierkit.text import french_spacing

    assert french_spacing("Réf. : « A » ; ok ? https://x.fr 9:00") == (
        "Réf.\u00a0: «\u00a0A\u00a0»\u00a0; ok\u00a0? https://x.fr 9:00"
    )


@pytest.mark.parametrize(
    ("lines", "sender", "name", "address"),
    [
        # The name over two lines, cut after a word that cannot end it.
        (
            [
                "Association Les Ateliers Numériques du",
                "Montreuillois",
                "5 rue Pierre Ledent",
                "62170 Montreuil-sur-Mer",
                "Tél. 03 21 06 72 14",
            ],
            "Association Les Ateliers Numériques du",
            None,
            ("5 rue Pierre Ledent", "62170 Montreuil-sur-Mer"),
        ),
        # An intercommunalité's name over two lines: the second is part of its official name.
        (
            [
                "Communauté de communes",
                "du Pays de Lumbres",
                "Hôtel communautaire",
                "2 place de la Mairie",
                "62380 Lumbres",
            ],
            "Communauté de communes",
            "CC du Pays de Lumbres",
            ("Hôtel communautaire", "2 place de la Mairie", "62380 Lumbres"),
        ),
        # A name on one line: the building's name is the address's first line.
        (
            ["Association Fab'Lab du Ternois", "Maison des associations", "62130 Saint-Pol"],
            "Association Fab'Lab du Ternois",
            None,
            ("Maison des associations", "62130 Saint-Pol"),
        ),
        # No postcode under the name: no address rather than a wrong one.
        (["Association X", "contact@x.fr"], "Association X", None, ()),
    ],
)
def test_the_address_starts_after_the_whole_name(
    lines: list[str], sender: str, name: str | None, address: tuple[str, ...]
) -> None:
    assert letterhead_address(lines, sender, name) == address


@pytest.mark.parametrize(
    ("name", "title", "line", "salutation"),
    [
        # Read across a line break of the letter's signature block: one line in the address.
        # The civility and the name bound: never cut at the end of the address block's line.
        ("Francis\nBertin", None, "À l'attention de Francis\u00a0Bertin", "Madame, Monsieur,"),
        (
            "Marie  Durand",
            "la Présidente\n",
            "À l'attention de Madame\u00a0Marie\u00a0Durand, Présidente",
            "Madame la Présidente,",
        ),
        (None, "Maire", "À l'attention de son représentant légal", "Madame, Monsieur,"),
    ],
)
def test_the_addressee_is_one_line_with_the_title(
    name: str | None, title: str | None, line: str, salutation: str
) -> None:
    from dossierkit.triage.letters import addressee
    from dossierkit.triage.model import Summary

    summary = Summary(representative=name, representative_title=title)
    assert addressee(summary) == (line, salutation)


def test_a_complement_sent_alone_gets_the_letter_of_its_application(
    built: dict[str, Path], tmp_path: Path, service: Path
) -> None:
    import generate

    inbox = tmp_path / "arrivees"
    inbox.mkdir()
    first = shutil.copytree(built["association-incomplete"], inbox / "Ateliers Montreuillois")
    received = date.today() - timedelta(days=3)  # the request, days before its complement
    moment = datetime.combine(received, datetime.min.time()).replace(hour=10).timestamp()
    os.utime(first, (moment, moment))  # the folder's arrival, whatever its files' times
    db = tmp_path / "registre.sqlite"
    with Register(db) as register:
        triage(inbox, load_call(), register=register, jobs=1)
    # The statuts alone, that name the association: its application's letter, merged.
    applicant = generate.applicant_montreuillois()
    complement = inbox / "Statuts"
    complement.mkdir()
    statuts = generate.make_statuts_docx(tmp_path / "statuts.docx", applicant)
    generate.office_to_pdf(statuts, complement, use_libreoffice=False, name="Statuts.pdf")
    target = tmp_path / "dc.docx"
    result = dossierkit(
        service, "courrier", "demande-complements", complement, "--db", db, "-o", target, "--no-pdf"
    )
    assert result.returncode == 0, result.stderr
    text, paragraphs = text_of(target)
    assert "Réf.\u00a0: TLN-0001" in text, "never an application of its own"
    assert f"reçue le {french_date(received)}" in text, "the request's date, not the complement's"
    bullets = [t.split(" — ")[0] for t, style in paragraphs if style == "List Bullet"]
    assert "RIB" in bullets and "Statuts de l'association" not in bullets
    with closing(sqlite3.connect(db)) as connection:
        assert connection.execute("SELECT count(*) FROM applications").fetchone()[0] == 1
    # A RIB alone that nothing identifies: to attach first, no letter, no application.
    alone = inbox / "RIB seul"
    alone.mkdir()
    generate.make_rib_pdf(
        alone / "RIB.pdf", "M DUPONT", "FR7630006000011234567890189", "AGRIFRPP", "Crédit Agricole"
    )
    refused = dossierkit(
        service, "courrier", "accuse-reception", alone, "--db", db, "-o", tmp_path / "x.docx"
    )
    assert refused.returncode == 2 and "--rattacher" in refused.stderr
    assert not (tmp_path / "x.docx").exists()


def test_an_empty_or_unreadable_sending_gets_no_letter_nor_reference(
    tmp_path: Path, service: Path
) -> None:
    inbox = tmp_path / "arrivees"
    (inbox / "Dossier vide").mkdir(parents=True)
    (inbox / "Envoi coupé.zip").write_bytes(b"PK\x03\x04 coupe")
    db = tmp_path / "registre.sqlite"
    for name in ("Dossier vide", "Envoi coupé.zip"):
        result = dossierkit(
            service, "courrier", "accuse-reception", inbox / name, "--db", db, "--no-pdf"
        )
        assert result.returncode == 2 and "sans référence" in result.stderr, result.stderr
    with closing(sqlite3.connect(db)) as connection:
        assert connection.execute("SELECT count(*) FROM applications").fetchone()[0] == 0
        assert connection.execute("SELECT count(*) FROM incidents").fetchone()[0] == 2
    assert not (tmp_path / "courriers").exists()


def test_a_dossier_whose_verification_did_not_end(tmp_path: Path) -> None:
    # I010 or I011: the tool's failure, not the applicant's. The acknowledgement says nothing
    # of completeness nor asks anything; no request is written on that basis.
    from dossierkit.findings import Finding, Severity
    from dossierkit.triage.letters import LetterError, write_letter
    from dossierkit.triage.model import Reception
    from dossierkit.triage.service import Service

    item = InboxItem("Lent", tmp_path / "Lent", "folder")
    finding = Finding("I010", Severity.ERROR, params={"seconds": "120"})
    outcome = Outcome(item, "x", "failed", findings=(finding,))
    reception = Reception("TLN-0009", datetime(2026, 12, 1, 9, 0).astimezone(), 9, 9)
    service = Service(dict(SETTINGS))
    target = tmp_path / "ar.docx"
    write_letter(
        "accuse-reception",
        outcome,
        reception,
        load_call(),
        target,
        service=service,
        pdf=False,
        address=("12 rue des Jardins", "62130 Saint-Pol-sur-Ternoise"),
    )
    text, paragraphs = text_of(target)
    _no_blank(text)
    assert "votre dossier va maintenant être examiné" in text.lower()
    assert "incomplet" not in text.split("examiné")[0] and "n'a pas pu être ouvert" not in text
    assert all(style != "List Bullet" for _, style in paragraphs)
    with pytest.raises(LetterError, match="n'a pas abouti"):
        write_letter(
            "demande-complements",
            outcome,
            reception,
            load_call(),
            tmp_path / "dc.docx",
            service=service,
            pdf=False,
        )
    assert not (tmp_path / "dc.docx").exists()
