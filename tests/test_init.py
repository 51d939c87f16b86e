"""`dossierkit init`: a folder of forms that verify reads perfectly once filled."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import require_tool
from dossierkit.cli import cli
from dossierkit.text import french_typography
from init_filler import FIGURES, complete_as_an_applicant

ASSOCIATION = [
    "--no-input",
    "--type",
    "association",
    "--nom",
    "Association Fab'Lab du Ternois",
    "--intercommunalite",
    "Communauté de communes du Ternois",
    "--forme",
    "lieu",
    "--responsable",
    "Marie Dupont",
    "--qualite",
    "Présidente",
    "--contact",
    "Thomas Caron",
    "--tva",
    "ne_recupere_pas",
    "--ville",
    "Saint-Pol-sur-Ternoise",
]
INTERCO = [
    "--no-input",
    "--type",
    "intercommunalite",
    "--intercommunalite",
    "246201016",
    "--forme",
    "lieu",
    "--responsable",
    "Francis Bertin",
    "--qualite",
    "Président",
    "--signataire",
    "Olivier Dufour",
    "--qualite-signataire",
    "Vice-président",
    "--contact",
    "Service numérique",
    "--tva",
    "fctva_investissement",
    "--ville",
    "Lumbres",
]


def _init(folder: Path, options: list[str]) -> Any:
    return CliRunner().invoke(cli, ["init", str(folder), *options])


def _report(folder: Path) -> tuple[int, dict[str, Any]]:
    result = CliRunner().invoke(cli, ["verify", str(folder), "--format", "json"])
    return result.exit_code, json.loads(result.output)


def _headings(path: Path) -> list[str]:
    import docx

    return [
        p.text for p in docx.Document(str(path)).paragraphs if p.style.name.startswith("Heading 2")
    ]


def test_init_writes_the_forms(tmp_path: Path) -> None:
    result = _init(tmp_path / "d", ASSOCIATION)
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "d").iterdir())
    assert names == [
        "01 - Courrier de demande.docx",
        "02 - Budget prévisionnel.xlsx",
        "03 - Dossier technique.docx",
        "04 - Attestation régime TVA.docx",
        "LISEZMOI.txt",
        "dossier.yaml",
    ]
    readme = (tmp_path / "d" / "LISEZMOI.txt").read_text(encoding="utf-8")
    assert (
        "statuts de l'association" in readme
        and "RIB au nom de l'association Fab'Lab du Ternois" in readme
    )


def test_technique_has_the_applicable_questions_from_the_call(tmp_path: Path) -> None:
    from dossierkit.call import load_call

    call = load_call()
    _init(tmp_path / "a", ASSOCIATION)
    _init(tmp_path / "b", INTERCO)
    _init(
        tmp_path / "c",
        ["reseau" if option == "lieu" else option for option in INTERCO],
    )
    text = {q.id: french_typography(q.text) for q in call.questions}
    association = _headings(tmp_path / "a" / "03 - Dossier technique.docx")
    interco = _headings(tmp_path / "b" / "03 - Dossier technique.docx")
    reseau = _headings(tmp_path / "c" / "03 - Dossier technique.docx")
    assert len(association) == 19  # 21 less the réseau questions NAT-3 and TER-6
    assert text["GOV-3"] in association and text["GOV-3"] not in interco
    assert text["NAT-2"] in interco and text["NAT-3"] not in interco
    assert text["NAT-3"] in reseau and text["TER-6"] in reseau and text["NAT-2"] not in reseau


def test_signatory_other_than_the_legal_representative_gets_a_delegation(tmp_path: Path) -> None:
    assert _init(tmp_path / "d", INTERCO).exit_code == 0
    assert (tmp_path / "d" / "07 - Délégation de signature.docx").exists()
    manifest = (tmp_path / "d" / "dossier.yaml").read_text(encoding="utf-8")
    assert "Olivier Dufour" in manifest and "Communauté de communes du Pays de Lumbres" in manifest


def test_refuses_a_folder_with_files_and_never_overwrites(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "01 - Courrier de demande.docx").write_bytes(b"mon courrier")
    result = _init(folder, ASSOCIATION)
    assert result.exit_code == 2 and "contient déjà des fichiers" in result.output
    result = _init(folder, [*ASSOCIATION, "--force"])
    assert result.exit_code == 0
    assert (folder / "01 - Courrier de demande.docx").read_bytes() == b"mon courrier"
    assert "déjà présent, laissé tel quel" in result.output


def test_unknown_intercommunalite_is_refused_or_asked_again(tmp_path: Path) -> None:
    bad = [*ASSOCIATION]
    bad[bad.index("Communauté de communes du Ternois")] = "Communauté de communes du Pays de Gex"
    result = _init(tmp_path / "d", bad)
    assert (
        result.exit_code == 2
        and "n'est pas une intercommunalité des Hauts-de-France" in result.output
    )
    answers = "association\nCC du Pays de Gex\nCC du Ternois\nFab Asso\nlieu\n\nMarie Dupont\nPrésidente\nThomas\nne_recupere_pas\nSaint-Pol\n\n\n"
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "e")], input=answers)
    assert result.exit_code == 0, result.output
    assert "Erreur\u00a0: «\u202fCC du Pays de Gex\u202f»" in result.output
    assert "intercommunalite: CC du Ternois" in (tmp_path / "e" / "dossier.yaml").read_text(
        encoding="utf-8"
    )


def test_unfilled_forms_say_what_is_left_to_do(tmp_path: Path) -> None:
    _init(tmp_path / "d", ASSOCIATION)
    exit_code, report = _report(tmp_path / "d")
    codes = {f["code"] for f in report["findings"]}
    assert exit_code == 1
    assert {"C003", "C004", "G001", "T002"} <= codes  # undated, no amount, unsigned, unanswered
    assert not any(f["file"] == "LISEZMOI.txt" for f in report["findings"])


@pytest.mark.slow
@pytest.mark.parametrize(
    ("options", "holder", "association"),
    [
        (ASSOCIATION, "ASSOCIATION FAB'LAB DU TERNOIS", True),
        (INTERCO, "COMMUNAUTE DE COMMUNES DU PAYS DE LUMBRES", False),
    ],
    ids=["association", "intercommunalite"],
)
def test_round_trip_filled_forms_make_a_complete_dossier(
    tmp_path: Path, options: list[str], holder: str, association: bool
) -> None:
    require_tool("soffice")
    folder = tmp_path / "dossier"
    assert _init(folder, options).exit_code == 0
    complete_as_an_applicant(folder, tmp_path / "work", holder=holder, association=association)
    exit_code, report = _report(folder)
    errors = [(f["code"], f["message"]) for f in report["findings"] if f["severity"] != "info"]
    assert (exit_code, errors) == (0, [])
    assert report["status"] == "complete"


@pytest.mark.slow
def test_workbook_ceilings_equal_dossierkit_aid(tmp_path: Path) -> None:
    require_tool("soffice")
    import openpyxl

    folder = tmp_path / "dossier"
    _init(folder, ASSOCIATION)
    complete_as_an_applicant(
        folder,
        tmp_path / "work",
        holder="ASSOCIATION FAB'LAB DU TERNOIS",
        association=True,
        figures={**FIGURES, "Salaire et charges de l'animateur (1 ETP)": (52000, 20000, 50000)},
    )
    sheet = openpyxl.load_workbook(folder / "02 - Budget prévisionnel.xlsx", data_only=True).active
    row = next(r for r in sheet.iter_rows() if r[0].value == "Plafond de l'aide à l'animation")
    in_workbook = [round(float(c.value), 2) for c in row[1:4]]
    equipment = next(
        r
        for r in sheet.iter_rows()
        if str(r[0].value).startswith("Plafond de l'aide à l'équipement")
    )
    aid = json.loads(
        CliRunner()
        .invoke(
            cli,
            [
                "aid",
                "--animation",
                "70000",
                "37000",
                "66000",
                "--equipment",
                "40000",
                "--format",
                "json",
            ],
        )
        .output
    )
    assert (
        in_workbook
        == [float(y["maximum"]) for y in aid["animation"]]
        == [45000.0, 18500.0, 15000.0]
    )
    assert float(equipment[4].value) == float(aid["equipment"]["maximum"]) == 20000.0


@pytest.mark.slow
def test_one_empty_question_and_one_line_over_the_cap_are_exactly_what_verify_reports(
    tmp_path: Path,
) -> None:
    require_tool("soffice")
    folder = tmp_path / "dossier"
    _init(folder, ASSOCIATION)
    figures = {
        **FIGURES,
        "Région Hauts-de-France — aide à l'animation": (45000, 35000, 15000),
        "Autofinancement": (20000, 15000, 30000),
    }
    complete_as_an_applicant(
        folder,
        tmp_path / "work",
        holder="ASSOCIATION FAB'LAB DU TERNOIS",
        association=True,
        skip=frozenset({"AID-8"}),
        figures=figures,
        amounts=("45 000", "35 000", "15 000", "20 000", "115 000"),
    )
    exit_code, report = _report(folder)
    errors = [(f["code"], f["file"]) for f in report["findings"] if f["severity"] == "error"]
    assert exit_code == 1
    assert errors == [
        ("B005", "02 - Budget prévisionnel.xlsx"),
        ("T002", "03 - Dossier technique.docx"),
    ]
    messages = " ".join(f["message"] for f in report["findings"])
    assert "AID-8" in messages and "Réduisez l'aide à l'animation 2028 à 30 000 €" in messages


def _scripted(replies: list[str], asked: list[str]):  # type: ignore[no-untyped-def]
    """An ``ask`` for the questionnaire that answers from a script and notes the questions."""

    def ask(question: str, *, choices: tuple[str, ...] = (), default: str | None = None) -> str:
        asked.append(question)
        reply = replies.pop(0)
        if choices:
            assert reply in choices
        return reply if reply or default is None else default

    return ask


def test_questionnaire_asks_only_what_the_options_left_out_and_asks_the_epci_again() -> None:
    from dossierkit.init.questionnaire import answers

    asked: list[str] = []
    said: list[str] = []
    replies = [
        "CC du Pays de Gex",
        "246201016",
        "",
        "reseau",
        "",
        "Francis Bertin",
        "",
        "Service",
        "",
        "",
    ]
    given = {"kind": "intercommunalite", "vat": "fctva_investissement", "town": "Lumbres"}
    result = answers(given, _scripted(replies, asked), said.append, today=date(2027, 5, 1))
    assert asked == [
        "Intercommunalité (nom ou SIREN)",
        "Intercommunalité (nom ou SIREN)",
        "Nom de la structure",
        "L'aide est demandée pour",
        "Première année du plan d'action",
        "Nom du responsable légal",
        "Qualité du responsable légal",
        "Interlocuteur sur le projet (nom, fonction)",
        "Adresse du siège",
        "Signataire du courrier s'il n'est pas le responsable légal (vide sinon)",
    ]
    assert len(said) == 1 and "« CC du Pays de Gex » n'est pas une intercommunalité" in said[0]
    assert result.name == "Communauté de communes du Pays de Lumbres"  # the EPCI's, by default
    assert (result.form, result.legal_title, result.town, result.first_year) == (
        "reseau",
        "Président",
        "Lumbres",
        2028,
    )


def test_questionnaire_asks_the_signatory_title_only_for_a_delegation() -> None:
    from dossierkit.init.questionnaire import answers

    given = {
        "kind": "association",
        "intercommunalite": "CC du Ternois",
        "name": "Fab Asso",
        "form": "lieu",
        "responsable": "Marie Dupont",
        "qualite": "Présidente",
        "contact": "Thomas",
        "vat": "recupere",
        "town": "Saint-Pol",
        "address": "1 rue",
        "first_year": "2027",
    }
    asked: list[str] = []
    alone = answers({**given, "signataire": "Marie Dupont"}, _scripted([], asked), print)
    assert asked == [] and not alone.delegation and alone.signatory_title == ""
    delegated = answers({**given, "signataire": "Jean Martin"}, _scripted([""], asked), print)
    assert asked == ["Qualité du signataire"] and delegated.signatory_title == "Vice-président"


def test_no_input_names_the_missing_option(tmp_path: Path) -> None:
    options = [o for o in ASSOCIATION if o not in ("--nom", "Association Fab'Lab du Ternois")]
    result = _init(tmp_path / "d", options)
    assert result.exit_code == 2
    assert result.output == french_typography(
        "dossierkit : --no-input : l'option --nom est obligatoire (Nom de la structure).\n"
    )
    assert not (tmp_path / "d").exists()


def test_input_that_ends_before_the_last_question_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "d")], input="association\n")
    assert result.exit_code == 2
    assert "les réponses se sont arrêtées avant la dernière question" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "d").exists()


def test_budget_workbook_is_a_protected_form_that_prints_one_page_wide(tmp_path: Path) -> None:
    import openpyxl

    _init(tmp_path / "d", ASSOCIATION)
    sheet = openpyxl.load_workbook(tmp_path / "d" / "02 - Budget prévisionnel.xlsx").active
    assert_form(sheet)


def assert_form(sheet: Any) -> None:
    """What makes the workbook a form: amounts typed only in shaded unlocked cells that
    refuse text in French, formulas locked under a protection without password, one A4
    page wide in landscape with the header row on each page."""
    from dossierkit.init.budget import INPUT

    rows = {r[0].value: r[0].row for r in sheet.iter_rows(min_col=1, max_col=1)}
    typed = sheet.cell(rows["Loyer et charges"], 2)
    total = sheet.cell(rows["TOTAL DÉPENSES"], 2)
    assert not typed.protection.locked and typed.fill.fgColor.rgb.endswith(INPUT)
    assert total.protection.locked and not total.fill.fgColor.rgb.endswith(INPUT)
    assert sheet.protection.sheet and not sheet.protection.password
    amounts = next(v for v in sheet.data_validations.dataValidation if v.type == "decimal")
    assert typed.coordinate in amounts.sqref and total.coordinate not in amounts.sqref
    assert amounts.showErrorMessage and amounts.error.startswith("Saisissez un montant en euros")
    setup = sheet.page_setup
    assert (setup.orientation, int(setup.paperSize), int(setup.fitToWidth)) == (
        "landscape",
        9,
        1,
    )
    assert int(setup.fitToHeight or 0) == 0 and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$5:$5"


@pytest.mark.slow
def test_filled_budget_prints_labels_and_amounts_on_one_page_after_libreoffice(
    tmp_path: Path,
) -> None:
    require_tool("soffice")
    import openpyxl
    import pdfplumber

    from dossierkit.external import soffice
    from init_filler import fill_budget, recalculate

    folder = tmp_path / "d"
    long_name = "Association Fab'Lab du Ternois et des Sept Vallées pour le numérique"
    _init(folder, [long_name if o == "Association Fab'Lab du Ternois" else o for o in ASSOCIATION])
    workbook = folder / "02 - Budget prévisionnel.xlsx"
    fill_budget(workbook, FIGURES)
    recalculate(workbook, tmp_path / "work")  # saved by LibreOffice: what it kept is checked
    assert_form(openpyxl.load_workbook(workbook).active)
    pdf = soffice.convert(workbook, "pdf", tmp_path / "pdf")
    with pdfplumber.open(pdf) as document:
        pages = [(p.width, p.height, p.extract_text() or "") for p in document.pages]
    assert all(round(w) == 842 and round(h) == 595 for w, h, _ in pages)  # A4 landscape
    text = pages[0][2]
    assert f"Budget prévisionnel 2027-2029 — {long_name}" in text  # the title, whole
    assert "Poste 2027 2028 2029 Total" in text
    salary = next(line for line in text.splitlines() if line.startswith("Salaire et charges"))
    assert salary.endswith("42 000,00 € 43 000,00 € 44 000,00 € 129 000,00 €"), salary
    assert "Autofinancement 20 000,00 € 20 000,00 € 30 000,00 € 70 000,00 €" in text


_ENGLISH = ("Error", "Aborted", "is not one of", "Usage:", "Try ", "Invalid value")


def test_interactive_init_speaks_french_with_numbered_menus(tmp_path: Path) -> None:
    replies = [
        "5",  # not in the menu of four
        "1",  # une association
        "CC du Ternois",
        "Fab'Lab du Ternois",
        "lieu",
        "deux mille vingt-huit",  # not a year
        "2028",
        "Marie Dupont",
        "Présidente",
        "Thomas Caron, coordinateur",
        "ne recupere pas",  # the regime's words, not its identifier
        "Saint-Pol-sur-Ternoise",
        "12 rue de la Gare, 62130 Saint-Pol-sur-Ternoise",
        "",
    ]
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "d")], input="\n".join(replies) + "\n")
    assert result.exit_code == 0, result.output
    assert "  1. une association\n  2. l'intercommunalité" in result.output
    assert "Votre choix (numéro)\u00a0: " in result.output
    assert (
        french_typography("Erreur : « 5 » n'est pas l'un des choix : tapez un numéro de 1 à 4.")
        in result.output
    )
    assert "Erreur\u00a0: «\u202fdeux mille vingt-huit\u202f» n'est pas une année" in result.output
    assert "Première année du plan d'action [" in result.output
    assert not any(word in result.output for word in _ENGLISH), result.output
    manifest = (tmp_path / "d" / "dossier.yaml").read_text(encoding="utf-8")
    for kept in (
        "adresse: 12 rue de la Gare, 62130 Saint-Pol-sur-Ternoise",
        "ville: Saint-Pol-sur-Ternoise",
        "contact: Thomas Caron, coordinateur",
        "premiere_annee: 2028",
    ):
        assert kept in manifest
    _, report = _report(tmp_path / "d")
    assert not any(f["code"] == "D001" for f in report["findings"])  # the schema accepts it
    budget = tmp_path / "d" / "02 - Budget prévisionnel.xlsx"
    import openpyxl

    assert (
        openpyxl.load_workbook(budget)
        .active["A1"]
        .value.startswith("Budget prévisionnel 2028-2030")
    )


def test_options_take_a_word_of_the_choice_and_refuse_others_in_french(tmp_path: Path) -> None:
    options = [o if o != "association" else "asso" for o in ASSOCIATION]
    assert _init(tmp_path / "a", options).exit_code == 0
    manifest = (tmp_path / "a" / "dossier.yaml").read_text(encoding="utf-8")
    assert "type: association" in manifest
    assert f"premiere_annee: {date.today().year + 1}" in manifest  # next year by default
    result = _init(tmp_path / "b", [o if o != "association" else "club" for o in ASSOCIATION])
    assert result.exit_code == 2
    assert result.output == french_typography(
        "dossierkit : --type : « club » n'est pas un choix possible ; choisissez association, "
        "intercommunalite, commune ou autre.\n"
    )
    result = _init(tmp_path / "c", [*ASSOCIATION, "--premiere-annee", "l'an prochain"])
    assert (
        result.exit_code == 2
        and french_typography("« l'an prochain » n'est pas une année") in result.output
    )
    result = CliRunner().invoke(cli, ["init"])
    assert result.exit_code == 2
    assert "indiquez le dossier à préparer\u00a0: dossierkit init mon-dossier" in result.output
    assert not any(word in result.output for word in _ENGLISH)


def test_ctrl_c_during_the_questions_is_a_french_interruption(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import click

    def interrupted(*_: object, **__: object) -> str:
        raise click.Abort()

    monkeypatch.setattr(click, "prompt", interrupted)
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "d")])
    assert result.exit_code == 130
    assert result.output.endswith(
        french_typography("\ndossierkit : interrompu : aucun fichier n'a été écrit.\n")
    )
    assert not (tmp_path / "d").exists()


def test_the_civility_is_asked_only_when_the_title_does_not_say_it(tmp_path: Path) -> None:
    from dossierkit.call import load_call
    from dossierkit.init.create import create_dossier
    from dossierkit.init.questionnaire import answers

    given = {
        "kind": "commune",
        "intercommunalite": "CC du Pays de Mormal",
        "name": "Le Quesnoy",
        "form": "lieu",
        "responsable": "Anne Durand",
        "contact": "Julie Lefebvre",
        "vat": "fctva_investissement",
        "town": "Le Quesnoy",
        "address": "1 rue Thiers, 59530 Le Quesnoy",
        "signataire": "Anne Durand",
        "first_year": "2027",
    }
    asked: list[str] = []
    mayor = answers({**given, "qualite": "Maire"}, _scripted(["madame"], asked), print)
    assert asked == ["Civilité du responsable légal"]
    assert (mayor.legal_civility, mayor.legal_feminine) == ("madame", True)
    create_dossier(tmp_path / "d", mayor, load_call())
    import docx

    attestation = docx.Document(str(tmp_path / "d" / "04 - Attestation régime TVA.docx"))
    text = "\n".join(p.text for p in attestation.paragraphs)
    assert "Je soussignée Anne Durand, Maire de la commune du Quesnoy" in text
    assert "Fait au Quesnoy, le [date]" in text
    president = answers({**given, "qualite": "Directrice générale"}, _scripted([], asked), print)
    assert len(asked) == 1 and president.legal_feminine is True  # not asked: the title says it
    written = answers({**given, "qualite": "Maire", "civilite": "M."}, None, print)
    assert (written.legal_civility, written.legal_feminine) == ("monsieur", False)
    unsaid = answers({**given, "qualite": "Maire"}, None, print)  # --no-input: left open
    assert (unsaid.legal_civility, unsaid.legal_feminine) == ("", None)
    from dossierkit.init import CIVILITIES
    from dossierkit.init.questionnaire import pick

    menu = [pick(reply, CIVILITIES) for reply in ("2", "Mme", "M.", "madame", "Mlle", "Mx")]
    assert menu == ["monsieur", "madame", "monsieur", "madame", "madame", None]


MAYOR = [
    "--no-input",
    "--type",
    "commune",
    "--nom",
    "Le Quesnoy",
    "--intercommunalite",
    "CC du Pays de Mormal",
    "--forme",
    "lieu",
    "--responsable",
    "Anne Durand",
    "--qualite",
    "Maire",
    "--contact",
    "Julie Lefebvre",
    "--tva",
    "fctva_investissement",
    "--ville",
    "Le Quesnoy",
]


def _attestation(folder: Path) -> str:
    import docx

    path = folder / "04 - Attestation régime TVA.docx"
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def test_no_input_takes_the_civility_as_an_option_and_keeps_it_in_the_manifest(
    tmp_path: Path,
) -> None:
    from dossierkit.manifest import load_manifest

    result = _init(tmp_path / "mme", [*MAYOR, "--civilite", "Mme"])
    assert result.exit_code == 0, result.output
    assert "Je soussignée Anne Durand, Maire de la commune du Quesnoy" in _attestation(
        tmp_path / "mme"
    )
    manifest = (tmp_path / "mme" / "dossier.yaml").read_text(encoding="utf-8")
    assert "civilite: Madame" in manifest
    load_manifest(tmp_path / "mme" / "dossier.yaml")  # the schema accepts what init writes
    assert _init(tmp_path / "m", [*MAYOR, "--civilite", "M."]).exit_code == 0
    assert "Je soussigné Anne Durand, Maire" in _attestation(tmp_path / "m")
    assert "civilite: Monsieur" in (tmp_path / "m" / "dossier.yaml").read_text(encoding="utf-8")
    # Without it, the agreement stays open and the manifest says nothing of it.
    assert _init(tmp_path / "none", MAYOR).exit_code == 0
    assert "Je soussigné(e) Anne Durand" in _attestation(tmp_path / "none")
    assert "civilite" not in (tmp_path / "none" / "dossier.yaml").read_text(encoding="utf-8")
    result = _init(tmp_path / "x", [*MAYOR, "--civilite", "Mx"])
    assert result.exit_code == 2 and not (tmp_path / "x").exists()
    assert result.output == french_typography(
        "dossierkit : --civilite : « Mx » n'est pas un choix possible ; choisissez madame"
        " ou monsieur.\n"
    )


def test_help_and_command_line_mistakes_are_in_french(tmp_path: Path) -> None:
    help_text = CliRunner().invoke(cli, ["init", "--help"], prog_name="dossierkit").output
    assert help_text.startswith("Utilisation\u00a0: dossierkit init [OPTIONS] [DOSSIER]")
    assert "Options\u00a0:" in help_text and "Affiche cette aide et s'arrête." in help_text
    assert "--civilite [madame|monsieur]" in help_text and " TEXT " not in help_text
    for line in (["--nom"], ["--bogus"], ["a", "b"]):
        result = CliRunner().invoke(cli, ["init", str(tmp_path / "d"), *line])
        assert result.exit_code == 2 and result.output.startswith("dossierkit\u00a0: "), (
            result.output
        )
        assert not any(word in result.output for word in _ENGLISH), result.output
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "d"), "--nom"])
    assert "l'option --nom attend une valeur" in result.output
    (tmp_path / "fichier").write_text("", encoding="utf-8")
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "fichier")])
    assert result.exit_code == 2
    assert "fichier\u202f» est un fichier, pas un dossier" in result.output
    assert not (tmp_path / "d").exists()
