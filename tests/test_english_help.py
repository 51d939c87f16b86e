"""With ``--lang en`` (on the command or on the group), the help of every command is English;
``init`` asks and answers in English (its documents stay French: they go to the Région);
a triage's exports name the pieces and write the amounts the English way. French stays as it
was.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import click
import openpyxl
import pytest
from click.testing import CliRunner
from test_english_output import french_leaks

from conftest import SAMPLES
from dossierkit.cli import cli
from dossierkit.cli.help_en import COMMANDS, OPTIONS, command_key

# Words only French help holds (whole words), besides what ``french_leaks`` finds.
_FRENCH_HELP = re.compile(
    r"\b(?:Vérifie|dossier d'arrivée|Fichier|Langue|Exemples?|défaut|Utilisation|Affiche"
    r"|Registre|Remplacer|Nombre|Taille|Durée|Temps|Écrire|Ajouter|Avec|Sans|par|les|des"
    r"|une?|est|et|ou|pour|dans|ARRIVEES|JJ/MM/AAAA|ENVOI|PLATEFORME)\b"
)


def _commands(
    command: click.Command = cli, path: tuple[str, ...] = ()
) -> Iterator[tuple[str, ...]]:
    yield path
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            yield from _commands(sub, (*path, name))


COMMAND_PATHS = list(_commands())


def _help(path: tuple[str, ...], *lang: str) -> str:
    result = CliRunner().invoke(cli, [*path, "--help", *lang], prog_name="dossierkit")
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("path", COMMAND_PATHS, ids=lambda p: " ".join(p) or "dossierkit")
def test_every_help_is_english(path: tuple[str, ...]) -> None:
    out = _help(path, "--lang", "en")
    # Names in French on purpose: the options (--nom), the choices (intercommunalite), the
    # call's title, the examples' « regles », a quoted French phrase.
    said = re.sub(r'--[\w-]+|\[[^\]]*\]|"[^"\n]*"|dossierkit \w+', "", out)
    assert french_leaks(out) == [], out
    assert _FRENCH_HELP.findall(said) == [], out
    assert "Options:" in out and "Usage:" in out


def test_the_group_passes_its_language_down() -> None:
    out = _help(("--lang", "en", "verify"))
    assert "Checks the dossier DOSSIER" in out
    result = CliRunner().invoke(cli, ["--lang", "en", "aid", "--animation", "52000"])
    assert "€39,000" in result.output, result.output


def test_every_french_help_has_its_english() -> None:
    """A help written (or reworded) in French without its English fails here."""
    missing = []

    def visit(command: click.Command, ctx: click.Context) -> None:
        if command.help and command_key(ctx) not in COMMANDS:
            missing.append(command_key(ctx) or "dossierkit")
        for param in command.params:
            text = getattr(param, "help", None)
            if text and not getattr(param, "hidden", False):
                plain = text.replace("\u00a0", " ").replace("\u202f", " ")
                if plain not in OPTIONS and not plain.startswith(("Show the", "Affiche cette")):
                    missing.append(f"{command_key(ctx)} {param.opts[0]}: {text}")
        if isinstance(command, click.Group):
            for name, sub in command.commands.items():
                visit(sub, click.Context(sub, info_name=name, parent=ctx))

    visit(cli, click.Context(cli, info_name="dossierkit"))
    assert missing == []


def _flat(text: str) -> str:
    """``text`` on one line (ASCII spaces only: the no-break ones are part of the French)."""
    return re.sub(r"[ \n]+", " ", text)


def test_french_help_is_unchanged() -> None:
    verify = _flat(_help(("verify",)))
    assert "Utilisation\u00a0: dossierkit verify [OPTIONS] DOSSIER " in verify
    assert (
        "--format [text|json] text\u00a0: liste lisible\u202f; json\u00a0: rapport pour les"
        " programmes. [défaut\u00a0: text]" in verify
    )
    assert "--le JJ/MM/AAAA Juger le dossier comme à cette date" in verify
    assert "-h, --help Affiche cette aide et quitte." in verify
    top = _flat(_help(()))
    assert "Commandes\u00a0: aid Combien demander\u202f? L'aide maximale" in top
    assert "--lang" not in top  # the group's own --lang is hidden
    triage = _flat(_help(("triage",)))
    assert (
        "--db FICHIER Registre des demandes (SQLite)\u202f; par défaut"
        " «\u202fdossierkit-registre.sqlite\u202f» à côté du dossier d'arrivée." in triage
    )
    init = _flat(_help(("init",)))
    assert "Utilisation\u00a0: dossierkit init [OPTIONS] [DOSSIER] " in init
    assert "-h, --help Affiche cette aide et s'arrête." in init
    assert "--lang [fr|en] Langue (fr, en). [défaut\u00a0: fr]" in init
    assert _help(("config",), "--lang", "fr") == _help(("config",))


_INIT = [
    "--type", "association", "--nom", "Fab'Lab du Ternois", "--intercommunalite",
    "CC du Ternois", "--forme", "lieu", "--responsable", "Anne Durand", "--qualite",
    "Présidente", "--contact", "Anne Durand, présidente", "--tva", "recupere",
]  # fmt: skip


def test_init_in_english_writes_french_documents(tmp_path: Path) -> None:
    folder = tmp_path / "my-dossier"
    result = CliRunner().invoke(cli, ["init", str(folder), "--lang", "en", "--no-input", *_INIT])
    assert result.exit_code == 0, result.output
    assert f"written: {folder / '01 - Courrier de demande.docx'}\n" in result.output
    assert "The documents are in French: they are sent to the Région" in result.output
    assert french_leaks(result.output.replace("Région", "Region")) == []
    assert (folder / "LISEZMOI.txt").read_text(encoding="utf-8").count("dossier") > 0
    # French as before without --lang.
    french = CliRunner().invoke(cli, ["init", str(tmp_path / "fr"), "--no-input", *_INIT])
    assert french.exit_code == 0, french.output
    assert "écrit\u00a0: " in french.output and "Lisez " in french.output


def test_init_asks_in_english(tmp_path: Path) -> None:
    """The questions, the menus and the refusals, as a person answering them reads them."""
    given = _INIT[:2] + _INIT[4:6] + _INIT[8:]  # no --nom, no --forme
    result = CliRunner().invoke(
        cli,
        ["init", str(tmp_path / "d"), "--lang", "en", *given],
        input="Les Ateliers\n7\n2\n2027\n\n\n\n",
    )
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Name of the structure: " in out
    assert "The aid is asked for:\n  1. a place\n  2. running a network of places\n" in out
    assert 'Error: "7" is not one of the choices: type a number from 1 to 2.' in out
    assert "First year of the action plan [" in out
    assert french_leaks(out.replace("Région", "Region")) == []


def test_init_errors_in_english(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "d"), "--lang", "en", "--nimp"])
    assert result.exit_code == 2
    assert "no such option --nimp" in result.output
    result = CliRunner().invoke(
        cli, ["init", str(tmp_path / "d"), "--lang", "en", "--no-input", "--type", "association"]
    )
    assert result.exit_code == 2
    assert "the option --intercommunalite is required (Intercommunality (name or SIREN))" in (
        result.output
    )
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "d"), "--type", "x", "--lang", "en"])
    assert result.exit_code == 2
    assert result.output == (
        'dossierkit: --type: "x" is not a possible choice; choose one of association,'
        " intercommunalite, commune, autre.\n"
    )


def test_triage_export_in_english(tmp_path: Path) -> None:
    """The tracking sheet of an incomplete dossier names the pieces with the call's English
    labels and writes amounts as English does, in the terminal's table too."""
    dossier = tmp_path / "inbox" / "asso"
    dossier.mkdir(parents=True)
    for name in ("Courrier.pdf", "Attestation TVA.pdf"):  # the second is password-protected
        shutil.copy(SAMPLES / "association-incomplete" / name, dossier)
    inbox = dossier.parent
    sheet = tmp_path / "triage.xlsx"
    args = ["triage", str(inbox), "--xlsx", str(sheet), "-j", "1", "--lang", "en"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output
    assert re.search(r"€\d{2},\d{3} / ", result.output), result.output
    assert not re.search(r"\d €", result.output), result.output
    applications = openpyxl.load_workbook(sheet)["Applications"]
    rows = list(applications.iter_rows(values_only=True))
    row = dict(zip(rows[0], rows[1], strict=True))
    formats = dict(zip(rows[0], (c.number_format for c in applications[2]), strict=True))
    amounts = [h for h in rows[0] if str(h).endswith(("requested", "ceiling"))]
    assert amounts and {formats[h] for h in amounts} == {'"€"#,##0.00'}, formats
    assert formats["Received"] == "yyyy-mm-dd hh:mm"
    assert row["Missing pieces"] == (
        "Budget; Technical file; Bank details (RIB); Articles of association"
    )
    assert row["Pieces to correct"] == "VAT regime statement"
    assert all(french_leaks(str(v)) == [] for v in row.values() if v is not None), row


def test_internal_error_and_interruption_in_english(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import dossierkit.report.checks_doc
    from dossierkit.cli import main

    def run(*args: str) -> tuple[int, str]:
        with pytest.raises(SystemExit) as exit_:
            main(list(args))
        return int(exit_.value.code or 0), capsys.readouterr().err

    def broken(lang: str) -> str:
        raise RuntimeError("boom")

    monkeypatch.delenv("DOSSIERKIT_DEBUG", raising=False)
    monkeypatch.setattr(dossierkit.report.checks_doc, "checks_text", broken)
    code, err = run("checks", "--lang", "en")
    assert code == 2
    assert err.startswith("dossierkit: internal error (RuntimeError: boom). Please report"), err
    assert "DOSSIERKIT_DEBUG=1" in err and french_leaks(err) == []

    def interrupted(lang: str) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(dossierkit.report.checks_doc, "checks_text", interrupted)
    assert run("checks", "--lang", "en") == (130, "\ndossierkit: interrupted.\n")
