"""The errors a command ends on are English with ``--lang en``, French by default.

Three families reached the terminal in French whatever ``--lang`` said: a call file
(``--call``) that cannot be used, whichever command reads it; an external program (LibreOffice,
Tesseract) missing, failing or too slow, and the advice to install it; and the register's own
errors, which ``triage`` and ``registre`` passed on as their French text only. Each is run here
as a user meets it, through the command line, in both languages.
"""

from __future__ import annotations

import errno
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner, Result

from conftest import scanned_pdf_bytes, write_docx, write_pdf
from dossierkit.call import CallFileError, load_call
from dossierkit.cli import cli
from dossierkit.external import (
    ExternalError,
    MissingProgram,
    Program,
    program_timeout,
    run,
    soffice,
    tesseract,
)
from dossierkit.external.scratch import disk_error


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], prog_name="dossierkit")


def plain(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


# --- the call file (--call) -------------------------------------------------------------------


@pytest.fixture
def broken_call(tmp_path: Path) -> Path:
    """A call file an editor left with an unclosed list: not YAML at all."""
    path = tmp_path / "appel.yaml"
    path.write_text("id: tiers-lieux\npieces: [courrier,\n", encoding="utf-8")
    return path


@pytest.fixture
def dossier(tmp_path: Path) -> Path:
    folder = tmp_path / "dossier"
    write_pdf(folder / "Courrier.pdf", ["Monsieur le Président du Conseil régional"])
    return folder


def _commands(dossier: Path, tmp_path: Path) -> dict[str, list[str | Path]]:
    """Every command that takes --call, with what it needs to reach the call."""
    return {
        "verify": ["verify", dossier],
        "assemble": ["assemble", dossier, "-o", tmp_path / "demande.pdf"],
        "aid": ["aid", "--animation", "52000"],
        "regles": ["regles"],
        "triage": ["triage", dossier, "--db", tmp_path / "registre.sqlite"],
        "registre": ["registre", "--db", _empty_register(tmp_path)],
        "courrier": ["courrier", "accuse-reception", dossier],
        # Said before the server starts: nothing listens.
        "serve": ["serve"],
    }


def _empty_register(tmp_path: Path) -> Path:
    from dossierkit.triage.register import Register

    path = tmp_path / "vide.sqlite"
    if not path.exists():
        Register(path).close()
    return path


@pytest.mark.parametrize(
    "command", ["verify", "assemble", "aid", "regles", "triage", "registre", "courrier", "serve"]
)
def test_a_broken_call_file_is_said_in_the_command_language(
    command: str, broken_call: Path, dossier: Path, tmp_path: Path
) -> None:
    args = _commands(dossier, tmp_path)[command]
    english = invoke(*args, "--call", broken_call, "--lang", "en")
    assert english.exit_code == 2, english.output
    assert english.output.startswith(f"dossierkit: The call file {broken_call} is not valid YAML:")
    assert "n'est pas" not in english.output and "Traceback" not in english.output
    french = invoke(*args, "--call", broken_call)
    assert french.exit_code == 2, french.output
    assert plain(french.output).startswith(
        f"dossierkit : Le fichier d'appel {broken_call} n'est pas du YAML valide :"
    )


def test_a_call_file_against_the_schema_or_absent_is_said_in_english(tmp_path: Path) -> None:
    wrong = tmp_path / "appel.yaml"
    wrong.write_text("id: tiers-lieux\nversion: 1\n", encoding="utf-8")
    result = invoke("aid", "--animation", "52000", "--call", wrong, "--lang", "en")
    assert result.exit_code == 2
    # jsonschema's own words are English: the JSON path of the fault, then what it lacks.
    assert result.output.startswith(f"dossierkit: The call file {wrong} is not valid: at $, ")
    absent = tmp_path / "absent.yaml"
    result = invoke("regles", "--call", absent, "--lang", "en")
    assert result.exit_code == 2
    assert result.output.startswith(f"dossierkit: The call file {absent} cannot be read: ")


def test_a_faulty_lexicon_beside_the_call_is_said_in_both_languages(tmp_path: Path) -> None:
    from dossierkit.resources import calls_dir

    call = tmp_path / "appel.yaml"
    call.write_text(
        (calls_dir() / "tiers-lieux-numerique.yaml").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    lexicon = tmp_path / "appel.lexicon.yaml"
    lexicon.write_text("functions:\n  fonction-inventee: [atelier]\n", encoding="utf-8")
    with pytest.raises(CallFileError) as caught:
        load_call(call)
    assert caught.value.text("en") == (
        f"The lexicon {lexicon} names functions or questions the call does not have: "
        "fonction-inventee"
    )
    assert caught.value.text() == (
        f"Le lexique {lexicon} nomme des fonctions ou des questions que l'appel n'a pas : "
        "fonction-inventee"
    )


# --- external programs ------------------------------------------------------------------------


def test_the_install_advice_is_english_with_its_english_pages() -> None:
    advice = soffice.LIBREOFFICE.advice("en")
    assert advice.startswith("LibreOffice is not installed. Install it: Debian/Ubuntu: sudo ")
    assert "; macOS: brew install --cask libreoffice; " in advice
    assert advice.endswith("Windows: https://www.libreoffice.org/download/.")
    french = soffice.LIBREOFFICE.advice()
    assert french.startswith("LibreOffice n'est pas installé. Installez-le : Debian/Ubuntu : ")
    assert french.endswith("Windows : https://fr.libreoffice.org/download/.")


def test_a_missing_program_is_said_in_both_languages(tmp_path: Path) -> None:
    absent = Program("LibreOffice", ("soffice-absent-here",), soffice.LIBREOFFICE.install)
    with pytest.raises(MissingProgram) as caught:
        run(absent, ["--version"], timeout=5)
    assert caught.value.text("en").startswith("LibreOffice is not installed. Install it: ")
    assert caught.value.text().startswith("LibreOffice n'est pas installé. Installez-le : ")


def test_a_program_that_fails_or_hangs_is_said_in_both_languages() -> None:
    failing = Program("false", ("false",), {})
    with pytest.raises(ExternalError) as caught:
        run(failing, [], timeout=10)
    assert caught.value.text("en") == "false failed (exit code 1)"
    assert caught.value.text() == "false a échoué (code 1)"
    slow = program_timeout("LibreOffice", 120)
    assert (slow.text("en"), slow.text()) == (
        "LibreOffice did not finish in 120 s",
        "LibreOffice n'a pas terminé en 120 s",
    )


def test_tesseract_without_french_says_how_to_add_it_in_english(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def installed_without_french(
        program: Program, arguments: list[str], **_: object
    ) -> subprocess.CompletedProcess[bytes]:
        said = b"tesseract 5.3.0\n" if "--version" in arguments else b"List:\neng\nosd\n"
        return subprocess.CompletedProcess([program.name], 0, said, b"")

    monkeypatch.setattr(tesseract, "run", installed_without_french)
    monkeypatch.setattr(tesseract, "sys", SimpleNamespace(platform="win32"))
    with pytest.raises(MissingProgram) as caught:
        tesseract.engine()
    assert caught.value.text("en") == (
        "Tesseract is installed without the languages fra. Install them: winget install "
        'UB-Mannheim.TesseractOCR (tick the "French" language).'
    )
    assert "(cochez la langue « French »)" in caught.value.text()


def test_verify_on_a_scan_without_tesseract_advises_in_english(
    tmp_path: Path, no_tesseract: None
) -> None:
    folder = tmp_path / "scan"
    folder.mkdir()
    (folder / "RIB.pdf").write_bytes(scanned_pdf_bytes("Relevé d'identité bancaire"))
    english = invoke("verify", folder, "--lang", "en", "--no-cache")
    said = [line for line in english.output.splitlines() if " F013 " in line]
    assert len(said) == 1, english.output
    assert "Tesseract (text recognition, with French) is not installed" in said[0]
    assert "Install it: sudo apt-get install tesseract-ocr tesseract-ocr-fra" in said[0]
    french = invoke("verify", folder, "--no-cache")
    assert "Installez-le : sudo apt-get install tesseract-ocr" in plain(french.output)


def test_an_unwritable_output_is_said_in_english_with_the_system_reason(tmp_path: Path) -> None:
    # The register's SQLite errors come with a reason written in French (sqlite_errors).
    error = disk_error(OSError(errno.EROFS, "en lecture seule"), tmp_path / "registre.sqlite")
    assert "access denied (Read-only file system)" in error.text("en")
    assert "accès refusé (en lecture seule)" in error.text()


def test_assemble_with_libreoffice_asked_and_missing_advises_in_english(
    dossier: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    absent = Program("LibreOffice", ("soffice-absent-here",), soffice.LIBREOFFICE.install)
    monkeypatch.setattr(soffice, "LIBREOFFICE", absent)
    args = ["assemble", dossier, "-o", tmp_path / "demande.pdf", "--renderer", "libreoffice"]
    french = invoke(*args, "--allow-incomplete")
    assert french.exit_code == 2
    assert "LibreOffice n'est pas installé" in french.output
    english = invoke(*args, "--allow-incomplete", "--lang", "en")
    assert english.exit_code == 2
    assert english.output.startswith("dossierkit: LibreOffice is not installed. Install it: ")


def test_a_conversion_that_failed_is_said_in_english(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "dossier"
    write_pdf(folder / "Courrier.pdf", ["Monsieur le Président du Conseil régional"])
    write_docx(folder / "Dossier technique.docx", [("Dossier technique", 1), ("Le projet", 0)])

    def too_slow(source: Path, target_format: str, outdir: Path, *, timeout: float) -> Path:
        raise program_timeout("LibreOffice", timeout)

    monkeypatch.setattr(soffice, "available", lambda: True)
    monkeypatch.setattr(soffice, "convert", too_slow)
    args = ["assemble", folder, "--renderer", "libreoffice", "--allow-incomplete"]
    english = invoke(*args, "-o", tmp_path / "en.pdf", "--lang", "en", "--timeout", "2")
    assert "LibreOffice did not finish in" in english.output, english.output
    assert "n'a pas terminé" not in english.output


# --- the register -----------------------------------------------------------------------------


@pytest.fixture
def not_a_register(tmp_path: Path) -> Path:
    """A file given as the register that is no database (a spreadsheet renamed, say)."""
    path = tmp_path / "registre.sqlite"
    path.write_bytes(b"Reference;Statut\nTLN-0001;complet\n" * 20)
    return path


@pytest.mark.parametrize(
    "args",
    [["registre"], ["registre", "TLN-0001"], ["registre", "TLN-0001", "--rattacher", "RIB.zip"]],
    ids=["list", "history", "attach"],
)
def test_registre_says_a_register_error_in_english(not_a_register: Path, args: list[str]) -> None:
    english = invoke(*args, "--db", not_a_register, "--lang", "en")
    assert english.exit_code == 2
    assert english.output == (
        f'dossierkit: the register "{not_a_register}" cannot be opened (file is not a '
        "database): is it a register of dossierkit?\n"
    )
    french = invoke(*args, "--db", not_a_register)
    assert french.exit_code == 2
    assert plain(french.output).startswith(
        f"dossierkit : le registre « {not_a_register} » ne peut pas être ouvert"
    )


def test_triage_says_a_register_error_in_english(
    dossier: Path, not_a_register: Path, tmp_path: Path
) -> None:
    english = invoke("triage", dossier, "--db", not_a_register, "--lang", "en")
    assert english.exit_code == 2
    assert english.output.startswith(f'dossierkit: the register "{not_a_register}" cannot be')
    french = invoke("triage", dossier, "--db", not_a_register)
    assert "ne peut pas être ouvert" in french.output


def test_a_duplicate_refused_is_said_in_english(tmp_path: Path) -> None:
    english = invoke(
        "registre",
        "TLN-0005",
        "--doublon-de",
        "TLN-0002",
        "--db",
        _empty_register(tmp_path),
        "--lang",
        "en",
    )
    assert english.exit_code == 2
    assert english.output == "dossierkit: --doublon-de: no application TLN-0005 in the register.\n"


def test_f013_on_windows_says_the_english_install_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = tesseract.TESSERACT
    absent = Program("Tesseract", ("tesseract-absent-here",), found.install, found.install_en)
    monkeypatch.setattr(tesseract, "TESSERACT", absent)
    monkeypatch.setattr(tesseract, "sys", SimpleNamespace(platform="win32"))
    folder = tmp_path / "scan"
    folder.mkdir()
    (folder / "RIB.pdf").write_bytes(scanned_pdf_bytes("Relevé d'identité bancaire"))
    english = invoke("verify", folder, "--lang", "en", "--no-cache")
    said = [line for line in english.output.splitlines() if " F013 " in line]
    assert len(said) == 1, english.output
    assert 'Install it: winget install UB-Mannheim.TesseractOCR (tick the "French"' in said[0]


def test_regles_with_a_call_without_its_text_says_so_in_english(tmp_path: Path) -> None:
    from dossierkit.resources import calls_dir

    call = tmp_path / "appel.yaml"
    call.write_text(
        (calls_dir() / "tiers-lieux-numerique.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    english = invoke("regles", "--call", call, "--lang", "en")
    assert english.exit_code == 2
    assert english.output.startswith(
        f"dossierkit: The file {tmp_path / 'tiers-lieux-numerique.source.txt'} cannot be found: "
        "the rules map needs the call's text and its map."
    )
