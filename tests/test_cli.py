"""The command line as people run it: exit codes, formats, languages, bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from conftest import TEXTS, write_pdf
from dossierkit.cli import cli


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dossierkit", *args],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def test_version_and_help_in_french() -> None:
    version = _run("--version")
    assert version.returncode == 0 and version.stdout.startswith("dossierkit ")
    helptext = _run("verify", "--help")
    assert "Vérifie le dossier" in helptext.stdout


def test_missing_folder_is_a_usage_error() -> None:
    result = _run("verify", "/nonexistent/dossier")
    assert result.returncode == 2
    assert "n'existe pas" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_empty_archive_or_a_loose_file_is_a_usage_error(tmp_path: Path) -> None:
    archive = tmp_path / "dossier.zip"
    archive.write_bytes(b"PK\x05\x06" + b"\0" * 18)
    result = _run("verify", str(archive))
    assert result.returncode == 2
    assert "ne contient aucun fichier" in result.stderr
    letter = tmp_path / "Courrier.pdf"
    letter.write_bytes(b"%PDF-1.4\n")
    result = _run("verify", str(letter))
    assert result.returncode == 2
    assert "n'est pas un dossier" in result.stderr


def test_unknown_option_is_a_usage_error() -> None:
    assert _run("verify", ".", "--formaat", "json").returncode == 2


def test_empty_folder_is_incomplete_with_a_clear_message(tmp_path: Path) -> None:
    (tmp_path / ".DS_Store").write_bytes(b"\0")
    result = CliRunner().invoke(cli, ["verify", str(tmp_path)])
    assert result.exit_code == 1
    assert "ne contient aucun document" in result.output


def test_json_on_stdout_validates(tmp_path: Path, report_validator) -> None:  # type: ignore[no-untyped-def]
    write_pdf(tmp_path / "RIB.pdf", TEXTS["rib"])
    result = CliRunner().invoke(cli, ["verify", str(tmp_path), "--format", "json"])
    assert result.exit_code == 1
    report = json.loads(result.output)
    report_validator(report)
    assert report["status"] == "incomplete"
    assert {p["kind"]: p["status"] for p in report["pieces"]}["rib"] == "ok"


def test_english_messages(tmp_path: Path) -> None:
    write_pdf(tmp_path / "RIB.pdf", TEXTS["rib"])
    result = CliRunner().invoke(cli, ["verify", str(tmp_path), "--lang", "en"])
    assert "Missing piece: Request letter" in result.output
    assert "Dossier incomplete" in result.output
    french = CliRunner().invoke(cli, ["verify", str(tmp_path)])
    assert "Pièce manquante\u00a0: Courrier de demande" in french.output
    assert "Dossier incomplet" in french.output


def test_console_script_output_without_terminal_has_no_escape_codes(tmp_path: Path) -> None:
    write_pdf(tmp_path / "RIB.pdf", TEXTS["rib"])
    result = _run("verify", str(tmp_path))
    assert result.returncode == 1
    assert "\x1b[" not in result.stdout
    assert "MANQUANTE" in result.stdout


def _main(capsys, *args: str) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    """Run the console entry point in this process: its exit code and standard error."""
    from dossierkit.cli import main

    with pytest.raises(SystemExit) as ended:
        main(list(args))
    return int(ended.value.code or 0), capsys.readouterr().err


def test_exit_codes_are_the_documented_numbers() -> None:
    from dossierkit.errors import DossierkitError, ExitCode, UsageError

    assert [int(c) for c in ExitCode] == [0, 1, 2, 130]
    assert ExitCode.INTERNAL == ExitCode.USAGE == 2
    assert DossierkitError("x").exit_code == UsageError("x").exit_code == 2


def test_library_errors_are_one_family() -> None:
    from dossierkit.assemble import AssembleError
    from dossierkit.call import CallFileError
    from dossierkit.errors import DossierkitError
    from dossierkit.external import ExternalError, MissingProgram
    from dossierkit.init.create import FolderNotEmpty
    from dossierkit.manifest import ManifestError
    from dossierkit.triage.commands import UsageError

    for error in (
        AssembleError,
        CallFileError,
        ExternalError,
        MissingProgram,
        FolderNotEmpty,
        ManifestError,
        UsageError,
    ):
        assert issubclass(error, DossierkitError), error


def test_an_error_of_the_library_is_a_message_in_the_command_language(
    tmp_path: Path,
) -> None:
    bad = tmp_path / "appel.yaml"
    bad.write_text("pieces: [\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["verify", str(tmp_path), "--call", str(bad)])
    assert result.exit_code == 2
    # French typography: the colon bound to the word before it, as in every report.
    assert result.output.startswith("dossierkit\u00a0: Le fichier d'appel")
    assert " :" not in result.output
    assert "Traceback" not in result.output
    english = CliRunner().invoke(cli, ["verify", str(tmp_path / "absent"), "--lang", "en"])
    assert english.exit_code == 2
    assert english.output == f'dossierkit: the folder "{tmp_path / "absent"}" does not exist.\n'


def test_an_unexpected_exception_is_exit_2_in_french_without_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import dossierkit.report.checks_doc

    def broken(lang: str) -> str:
        raise RuntimeError("boum")

    monkeypatch.setattr(dossierkit.report.checks_doc, "checks_text", broken)
    monkeypatch.delenv("DOSSIERKIT_DEBUG", raising=False)
    code, err = _main(capsys, "checks")
    assert code == 2
    assert "dossierkit\u00a0: erreur interne (RuntimeError\u00a0: boum)" in err
    assert "Merci de signaler ce problème" in err and "DOSSIERKIT_DEBUG=1" in err
    assert "Traceback" not in err
    monkeypatch.setenv("DOSSIERKIT_DEBUG", "1")
    code, err = _main(capsys, "checks")
    assert code == 2
    assert "Traceback" in err and "erreur interne (RuntimeError\u00a0: boum)" in err


def test_interrupted_is_130_and_usage_errors_of_click_are_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import dossierkit.report.checks_doc

    def interrupted(lang: str) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(dossierkit.report.checks_doc, "checks_text", interrupted)
    code, err = _main(capsys, "checks")
    assert (code, err.strip()) == (130, "dossierkit\u00a0: interrompu.")
    assert _main(capsys, "checks", "--format", "pdf")[0] == 2
    assert _main(capsys, "nocommand")[0] == 2
    assert _main(capsys, "--version")[0] == 0


# click's own English, which must not reach a French user.
CLICK_ENGLISH = (
    "Usage:",
    "Error:",
    "Try '",
    "No such",
    "Missing argument",
    "Invalid value",
    "is not a valid",
    "Show this message",
    "Show the version",
    "Options:",
    "Commands:",
    "default:",
    "INTEGER",
    "Did you mean",
)


def _plain(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["verify", "--jobs", "x"], "Erreur : l'option « --jobs » n'existe pas."),
        (["verify", "--inconnu"], "Erreur : l'option « --inconnu » n'existe pas."),
        (["nope"], "Erreur : la commande « nope » n'existe pas."),
        (["verify"], "Erreur : argument manquant « DOSSIER »."),
        (
            ["triage", "--jobs", "x", "."],
            "Erreur : valeur invalide pour « --jobs » / « -j » : « x » n'est pas un nombre"
            " entier valide.",
        ),
        (
            ["triage", "--jobs", "0", "."],
            "Erreur : valeur invalide pour « --jobs » / « -j » : 0 est hors des valeurs"
            " permises (x>=1).",
        ),
        (
            ["verify", ".", "--formaat", "json"],
            "Erreur : l'option « --formaat » n'existe pas. (Vouliez-vous dire l'une de"
            " celles-ci : « --format »,",
        ),
        (
            ["verify", ".", "--lang", "de"],
            "Erreur : valeur invalide pour « --lang » : « de » n'est pas l'un des choix :"
            " « fr », « en ».",
        ),
        (["verify", ".", "en-trop"], "Erreur : argument en trop : en-trop."),
        (
            ["triage", ".", "--recu-le", "2027"],
            "Erreur : valeur invalide pour « --recu-le » : « 2027 » ne suit aucun des formats"
            " « AAAA-MM-JJ », « JJ/MM/AAAA ».",
        ),
    ],
)
def test_click_usage_errors_are_french_with_exit_code_2(
    capsys: pytest.CaptureFixture[str], args: list[str], said: str
) -> None:
    code, err = _main(capsys, *args)
    assert code == 2
    assert said in _plain(err), err
    assert "Utilisation : dossierkit" in _plain(err) or "attend une valeur" in err
    assert not any(word in err for word in CLICK_ENGLISH), err
    assert "Traceback" not in err
    # French typography: no-break spaces before the colon, narrow ones inside guillemets
    assert "Erreur\u00a0: " in err and "« " not in err


def test_help_is_french_headings_metavars_and_click_own_options() -> None:
    group = CliRunner().invoke(cli, ["--help"])
    assert group.exit_code == 0
    text = _plain(group.output)
    assert text.startswith("Utilisation : cli [OPTIONS] COMMANDE [ARGUMENTS]...")
    for line in ("Options :", "Commandes :", "Affiche cette aide et quitte.", "Affiche la version"):
        assert line in text
    verify = " ".join(_plain(CliRunner().invoke(cli, ["verify", "--help"]).output).split())
    assert "--max-pages ENTIER" in verify and "[défaut : 2000 ; x>=1]" in verify
    assert "--call FICHIER" in verify and "--timeout NOMBRE" in verify
    triage = _plain(CliRunner().invoke(cli, ["triage", "--help"]).output)
    assert "--recu-le [AAAA-MM-JJ|JJ/MM/AAAA]" in triage
    for output in (text, verify):
        assert not any(word in output for word in CLICK_ENGLISH), output


def test_click_speaks_english_when_asked_and_is_given_back_after() -> None:
    import gettext

    import click.core
    import click.exceptions

    english = CliRunner().invoke(cli, ["verify", "--inconnu", "--lang", "en"])
    assert english.exit_code == 2
    assert "Usage: cli verify [OPTIONS] DOSSIER" in english.output
    assert "Error: No such option '--inconnu'." in english.output
    help_en = CliRunner().invoke(cli, ["verify", "--help", "--lang=en"]).output
    assert "Show this message and exit." in help_en and "[default: text]" in help_en
    # click keeps the --help option it made (in English above): it is French again here
    help_fr = CliRunner().invoke(cli, ["verify", "--help"]).output
    assert "Affiche cette aide et quitte." in help_fr and "Show this" not in help_fr
    # Outside dossierkit's commands, click is click (a program embedding it sees no change)
    assert click.core._ is gettext.gettext and click.exceptions.ngettext is gettext.ngettext


def test_limit_options_are_generated_from_the_limits_record() -> None:
    from dataclasses import fields

    from dossierkit.limits import MB, Limits, limit_options

    options = {name: option for name, option, _ in limit_options()}
    assert set(options) == {f.name for f in fields(Limits)}  # no limit without its option
    helptext = CliRunner().invoke(cli, ["verify", "--help"]).output
    flags = [option.flag for option in options.values()]
    assert flags == [
        "--max-file-mb",
        "--max-pages",
        "--max-pixels",
        "--max-unpacked-mb",
        "--max-entries",
        "--max-ratio",
        "--max-memory-mb",
        "--timeout",
    ]
    assert all(flag in helptext for flag in flags)
    assert "[défaut\u00a0: 200\u202f; x>=1]" in helptext  # MB, not bytes
    given = {"max_file_bytes": 3, "max_unpacked_bytes": 4, "seconds_per_file": 2}
    limits = Limits.from_options(given)
    assert (limits.max_file_bytes, limits.max_unpacked_bytes) == (3 * MB, 4 * MB)
    assert limits.seconds_per_file == 2.0 and isinstance(limits.seconds_per_file, float)
    assert limits.max_pdf_pages == Limits().max_pdf_pages


def test_limit_options_reach_verify(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import dossierkit.verify
    from dossierkit.limits import MB, Limits

    seen: list[Limits] = []
    real = dossierkit.verify.verify

    def spy(*args, limits: Limits, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(limits)
        return real(*args, limits=limits, **kwargs)

    monkeypatch.setattr(dossierkit.verify, "verify", spy)
    options = ["--max-file-mb", "7", "--max-pages", "9", "--max-unpacked-mb", "11"]
    result = CliRunner().invoke(cli, ["verify", str(tmp_path), *options, "--timeout", "30"])
    assert result.exit_code == 1, result.output
    assert seen == [
        Limits(
            max_file_bytes=7 * MB,
            max_pdf_pages=9,
            max_unpacked_bytes=11 * MB,
            seconds_per_file=30.0,
        )
    ]


@pytest.mark.parametrize("width", [60, 80])
def test_no_help_line_starts_with_a_colon_or_a_closing_guillemet(width: int) -> None:
    """Every command's help is wrapped by click at ASCII spaces: French typography's
    no-break spaces keep « : », « ; », « » » with the word before, and « « » with the one
    after, whatever the terminal's width."""
    commands = [[], *([name] for name in cli.list_commands(click.Context(cli)))]
    for words in commands:
        result = CliRunner().invoke(cli, [*words, "--help"], terminal_width=width)
        assert result.exit_code == 0, result.output
        for line in result.output.splitlines():
            assert not line.strip().startswith((":", ";", "»", "?", "!")), (words, line)
            assert not line.rstrip().endswith("«"), (words, line)
