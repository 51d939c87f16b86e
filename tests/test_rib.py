"""The RIB: what the parser reads on real RIBs, and the R checks through ``dossierkit verify``.

RIBs are real PDFs written with reportlab, in the layouts banks use (labels and values on
one line, a table row under its labels, the value on the line after its label). Valid keys
and IBANs are computed by the samples' generator, independently of the code under test.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from generate import iban_fr, rib_key

from conftest import SAMPLES, TEXTS, scanned_pdf_bytes, write_docx, write_pdf
from dossierkit.cli import cli
from dossierkit.pieces.rib import RibFacts, parse
from dossierkit.text import same_structure
from dossierkit.verify import parse_file

ASSOCIATION = "ASSOCIATION FAB LAB DU TERNOIS"
LUMBRES_COURRIER = [
    "Communauté de communes du Pays de Lumbres",
    "Hôtel communautaire, 62380 Lumbres",
    *TEXTS["courrier"][2:],
]


def group4(iban: str) -> str:
    return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))


def rib_lines(
    *,
    holder: str = ASSOCIATION,
    bank_code: str = "16706",
    branch_code: str = "05029",
    account: str = "12345678901",
    key: str | None = None,
    iban: str | None = None,
    bic: str = "AGRIFRPP867",
) -> list[str]:
    """A RIB as a bank prints it: holder, domiciliation, the four fields as a table row
    under their labels, the IBAN in groups of four (valid unless given), the BIC."""
    key = key if key is not None else rib_key(bank_code, branch_code, account)
    iban = iban or iban_fr(bank_code + branch_code + account + key)
    return [
        "RELEVÉ D'IDENTITÉ BANCAIRE",
        f"Titulaire du compte : {holder}",
        "12 RUE DES JARDINS",
        "62130 SAINT-POL-SUR-TERNOISE",
        "Domiciliation : CREDIT AGRICOLE NORD DE FRANCE",
        "Code banque Code guichet N° de compte Clé RIB",
        f"{bank_code} {branch_code} {account} {key}",
        "IBAN :",
        group4(iban),
        f"BIC : {bic}",
    ]


def verify(folder: Path) -> dict[str, Any]:
    result = CliRunner().invoke(cli, ["verify", str(folder), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    report: dict[str, Any] = json.loads(result.output)
    return report


def rib_findings(
    report: dict[str, Any],
) -> list[tuple[str, str, str | None, str | None, int | None]]:
    return [
        (f["code"], f["severity"], f["piece"], f["file"], f["page"])
        for f in report["findings"]
        if f["code"].startswith("R")
    ]


def message(report: dict[str, Any], code: str) -> str:
    return str(next(f["message"] for f in report["findings"] if f["code"] == code))


def facts(report: dict[str, Any]) -> dict[str, tuple[object, str | None, int | None]]:
    return {
        f["name"]: (f["value"], f["file"], f["page"])
        for f in report["facts"]
        if f["name"].startswith("rib.")
    }


def dossier(tmp_path: Path, *rib_pages: list[str], courrier: list[str] | None = None) -> Path:
    write_pdf(tmp_path / "Courrier.pdf", courrier or TEXTS["courrier"])
    write_pdf(tmp_path / "RIB.pdf", *rib_pages)
    return tmp_path


# --- valid RIBs -------------------------------------------------------------------------


def test_valid_rib_with_an_all_digit_account_has_an_fr76_iban(tmp_path: Path) -> None:
    report = verify(dossier(tmp_path, rib_lines()))
    assert rib_findings(report) == []
    iban = iban_fr("16706050291234567890147")
    assert iban.startswith("FR76")
    assert facts(report) == {
        "rib.iban": (iban, "RIB.pdf", 1),
        "rib.bic": ("AGRIFRPP867", "RIB.pdf", 1),
        "rib.holder": (ASSOCIATION, "RIB.pdf", 1),
        "rib.bank": ("CREDIT AGRICOLE NORD DE FRANCE", "RIB.pdf", 1),
        "rib.bank_code": ("16706", "RIB.pdf", 1),
        "rib.branch_code": ("05029", "RIB.pdf", 1),
        "rib.account": ("12345678901", "RIB.pdf", 1),
        "rib.key": ("47", "RIB.pdf", 1),
    }
    assert all(f["origin"] == "inferred" for f in report["facts"] if f["name"].startswith("rib."))


def test_valid_rib_with_letters_in_the_account_has_other_check_digits(tmp_path: Path) -> None:
    report = verify(
        dossier(tmp_path, rib_lines(bank_code="20041", branch_code="01005", account="0784263K029"))
    )
    assert rib_findings(report) == []
    iban = str(facts(report)["rib.iban"][0])
    assert iban[4:] == "20041010050784263K029" + rib_key("20041", "01005", "0784263K029")
    assert not iban.startswith("FR76")


def test_rib_on_the_second_page_of_a_bank_letter_cites_that_page(tmp_path: Path) -> None:
    cover = ["Vos coordonnées bancaires", "Madame, Monsieur, veuillez trouver ci-après votre RIB."]
    report = verify(dossier(tmp_path, cover, rib_lines(key="00")))
    assert rib_findings(report) == [("R003", "error", "rib", "RIB.pdf", 2)]
    assert "« RIB.pdf », page 2" in message(report, "R003")
    assert facts(report)["rib.iban"][2] == 2


# --- wrong numbers ----------------------------------------------------------------------


def test_iban_with_one_digit_changed(tmp_path: Path) -> None:
    good = iban_fr("16706050291234567890147")
    typo = good[:10] + ("3" if good[10] != "3" else "4") + good[11:]
    report = verify(dossier(tmp_path, rib_lines(iban=typo)))
    # The check digits fail, and the IBAN no longer repeats the printed branch code.
    assert rib_findings(report) == [
        ("R002", "error", "rib", "RIB.pdf", 1),
        ("R005", "error", "rib", "RIB.pdf", 1),
    ]
    assert "vérifiez l'iban recopié" in message(report, "R002").lower()
    assert "« RIB.pdf », page 1" in message(report, "R002")
    assert "code guichet 05029 sur le RIB" in message(report, "R005")


def test_iban_alone_with_one_digit_changed_is_one_finding(tmp_path: Path) -> None:
    good = iban_fr("16706050291234567890147")
    typo = good[:-1] + ("8" if good[-1] != "8" else "9")
    report = verify(dossier(tmp_path, [f"Titulaire : {ASSOCIATION}", f"IBAN : {group4(typo)}"]))
    assert rib_findings(report) == [("R002", "error", "rib", "RIB.pdf", 1)]


def test_ocr_letter_o_for_a_zero_is_not_silently_fixed(tmp_path: Path) -> None:
    good = group4(iban_fr("16706050291234567890147"))
    ocr = good.replace("0", "O", 2)
    report = verify(dossier(tmp_path, [f"Titulaire : {ASSOCIATION}", f"IBAN : {ocr}"]))
    assert rib_findings(report) == [("R002", "error", "rib", "RIB.pdf", 1)]
    assert "lettre O" in message(report, "R002")
    assert facts(report)["rib.iban"][0] == ocr.replace(" ", "")


def test_wrong_rib_key(tmp_path: Path) -> None:
    # The IBAN was computed from the miscopied key: it agrees with the printed fields.
    iban = iban_fr("16706" + "05029" + "12345678901" + "04")
    report = verify(dossier(tmp_path, rib_lines(key="04", iban=iban)))
    assert rib_findings(report) == [("R003", "error", "rib", "RIB.pdf", 1)]
    assert "la clé calculée est 47" in message(report, "R003")


def test_bic_of_another_country(tmp_path: Path) -> None:
    report = verify(dossier(tmp_path, rib_lines(bic="GKCCBEBB")))
    assert rib_findings(report) == [("R004", "error", "rib", "RIB.pdf", 1)]
    assert "pays BE" in message(report, "R004") and "pays FR" in message(report, "R004")


def test_malformed_bic(tmp_path: Path) -> None:
    report = verify(dossier(tmp_path, rib_lines(bic="AGRIFRP")))
    assert rib_findings(report) == [("R004", "error", "rib", "RIB.pdf", 1)]
    assert "8 ou 11 caractères" in message(report, "R004")


def test_iban_disagreeing_with_the_printed_bank_code(tmp_path: Path) -> None:
    # Both are valid on their own: the IBAN is that of another bank's account.
    other = iban_fr("16707" + "05029" + "12345678901" + rib_key("16707", "05029", "12345678901"))
    report = verify(dossier(tmp_path, rib_lines(iban=other)))
    assert rib_findings(report) == [("R005", "error", "rib", "RIB.pdf", 1)]
    assert "code banque 16706 sur le RIB, 16707 dans l'IBAN" in message(report, "R005")


def test_rib_without_iban(tmp_path: Path) -> None:
    report = verify(
        dossier(tmp_path, [f"Titulaire du compte : {ASSOCIATION}", "BIC : AGRIFRPP867"])
    )
    assert rib_findings(report) == [("R001", "error", "rib", "RIB.pdf", None)]
    assert "« RIB.pdf »" in message(report, "R001")


def test_scanned_rib_is_not_reported_as_without_iban(tmp_path: Path, no_tesseract: None) -> None:
    write_pdf(tmp_path / "Courrier.pdf", TEXTS["courrier"])
    (tmp_path / "RIB.pdf").write_bytes(scanned_pdf_bytes("RIB"))
    report = verify(tmp_path)
    assert rib_findings(report) == []
    assert ("F011", "RIB.pdf") in [(f["code"], f["file"]) for f in report["findings"]]


def test_rib_written_in_word_has_no_page(tmp_path: Path) -> None:
    key = rib_key("30004", "00031", "00012345678")
    iban = iban_fr("30004" + "00031" + "00012345678" + key)
    write_pdf(tmp_path / "Courrier.pdf", TEXTS["courrier"])
    write_docx(
        tmp_path / "RIB.docx",
        [
            ("Relevé d'identité bancaire", 1),
            ("Titulaire du compte : ASSOCIATION LES PETITS DEBROUILLARDS", 0),
            (f"IBAN : {group4(iban)}", 0),
            ("BIC : BNPAFRPPXXX", 0),
        ],
        table=[
            ["Code banque", "Code guichet", "N° de compte", "Clé RIB"],
            ["30004", "00031", "00012345678", key],
        ],
    )
    report = verify(tmp_path)
    assert rib_findings(report) == [("R006", "error", "rib", "RIB.docx", None)]
    assert message(report, "R006").startswith("« RIB.docx » : le titulaire du compte")
    assert facts(report)["rib.key"] == (key, "RIB.docx", None)


# --- the holder -------------------------------------------------------------------------


def test_holder_other_than_the_applicant(tmp_path: Path) -> None:
    report = verify(dossier(tmp_path, rib_lines(holder="COMMUNAUTE DE COMMUNES DU TERNOIS")))
    assert rib_findings(report) == [("R006", "error", "rib", "RIB.pdf", 1)]
    assert "« COMMUNAUTE DE COMMUNES DU TERNOIS »" in message(report, "R006")
    assert "« Association Fab'Lab du Ternois »" in message(report, "R006")


@pytest.mark.parametrize(
    ("letterhead", "holder"),
    [
        ("Association Fab'Lab du Ternois", "ASSO FAB LAB DU TERNOIS"),
        ("Association Fab'Lab du Ternois", "TERNOIS FABLAB"),
        (
            "Association Les Ateliers Numériques du Montreuillois",
            "ASSOC LES ATELIERS NUMERIQUES DU MONTREUILLOIS",
        ),
        ("Association Fab'Lab du Ternois", "Fab’Lab du Ternois (association)"),
    ],
)
def test_holder_matching_the_applicant_as_a_person_would(
    tmp_path: Path, letterhead: str, holder: str
) -> None:
    courrier = [letterhead, *TEXTS["courrier"][1:]]
    report = verify(dossier(tmp_path, rib_lines(holder=holder), courrier=courrier))
    assert rib_findings(report) == []


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("CC du Pays de Lumbres", "Communauté de communes du Pays de Lumbres", True),
        ("CA DU BOULONNAIS", "Communauté d'agglomération du Boulonnais", True),
        ("Mairie de St-Omer", "Commune de Saint-Omer", True),
        ("CC du Boulonnais", "CA du Boulonnais", False),
        ("Office de tourisme de la CA du Boulonnais", "CA du Boulonnais", False),
        ("Association", "ASSOCIATION", False),
    ],
)
def test_same_structure(a: str, b: str, same: bool) -> None:
    assert same_structure(a, b) is same
    assert same_structure(b, a) is same


def _treasury_rib() -> list[str]:
    account = "C6240000000"
    key = rib_key("30001", "00592", account)
    return [
        "RELEVÉ D'IDENTITÉ BANCAIRE",
        "Titulaire du compte",
        "TRESOR PUBLIC - SGC de Saint-Omer",
        "Service de gestion comptable de Saint-Omer",
        "62500 Saint-Omer",
        "Domiciliation : BDF ARRAS",
        "Banque Guichet Compte Clé",
        f"30001 00592 {account} {key}",
        f"IBAN : {group4(iban_fr('30001' + '00592' + account + key))}",
        "BIC : BDFEFRPPCCT",
    ]


def test_treasury_account_of_an_intercommunalite_is_accepted_with_a_note(tmp_path: Path) -> None:
    report = verify(dossier(tmp_path, _treasury_rib(), courrier=LUMBRES_COURRIER))
    assert [(f["name"], f["value"]) for f in report["facts"] if f["name"] == "structure.kind"] == [
        ("structure.kind", "intercommunalite")
    ]
    assert rib_findings(report) == [("R007", "info", "rib", "RIB.pdf", 1)]
    assert "code banque 30001" in message(report, "R007")
    assert "TRESOR PUBLIC - SGC de Saint-Omer" in message(report, "R007")


def test_treasury_account_for_an_association_is_not_its_account(tmp_path: Path) -> None:
    report = verify(dossier(tmp_path, _treasury_rib()))
    assert rib_findings(report) == [("R006", "error", "rib", "RIB.pdf", 1)]


def test_messages_in_english(tmp_path: Path) -> None:
    dossier(tmp_path, rib_lines(bic="GKCCBEBB"))
    result = CliRunner().invoke(cli, ["verify", str(tmp_path), "--format", "json", "--lang", "en"])
    report = json.loads(result.output)
    assert message(report, "R004").startswith('"RIB.pdf", page 1: the BIC GKCCBEBB names a bank')


# --- the parser on the samples and on other layouts --------------------------------------


def _parse(folder: Path, name: str) -> RibFacts:
    rib = parse_file(folder / name, "rib")
    assert isinstance(rib, RibFacts)
    return rib


def test_parse_the_association_sample() -> None:
    rib = _parse(SAMPLES / "association-complete", "RIB (2).pdf")
    assert rib.iban is not None and rib.iban.value == "FR3120041010051784263K02917"
    assert rib.iban.page == 1
    assert rib.bic is not None and rib.bic.value == "PSSTFRPPLIL"
    assert rib.holder_lines == ("ASSOCIATION FAB LAB DU TERNOIS",)
    assert rib.bank is not None and rib.bank.value.startswith("La Banque Postale")
    assert rib.bban is not None
    assert (rib.bban.bank_code, rib.bban.branch_code, rib.bban.account, rib.bban.key) == (
        "20041",
        "01005",
        "1784263K029",
        "17",
    )
    assert {f.name for f in rib.facts} >= {"rib.iban", "rib.bic", "rib.holder", "rib.bank"}
    assert all(f.file == "RIB (2).pdf" and f.page == 1 for f in rib.facts)


def test_parse_the_treasury_sample() -> None:
    rib = _parse(SAMPLES / "interco-complete", "RIB Trésor public.pdf")
    assert rib.iban is not None and rib.iban.value == "FR883000100592C624000000048"
    assert rib.bic is not None and rib.bic.value == "BDFEFRPPCCT"
    assert rib.holder_lines == (
        "TRESOR PUBLIC — SGC de Saint-Omer",
        "CC du Pays de Lumbres",
        "Service de gestion comptable de Saint-Omer",
    )
    assert rib.bank is not None and rib.bank.value == "BDF Arras"
    assert rib.bban is not None and rib.bban.bban == "3000100592C624000000048"


def test_parse_labels_and_values_on_one_line(tmp_path: Path) -> None:
    write_pdf(tmp_path / "RIB.pdf", TEXTS["rib"])
    rib = _parse(tmp_path, "RIB.pdf")
    assert rib.holder is not None and rib.holder.value == "ASSOCIATION FAB LAB DU TERNOIS"
    assert rib.bank is not None and rib.bank.value == "CREDIT AGRICOLE NORD DE FRANCE"
    assert rib.bban is not None and rib.bban.bban == "16706050291234567890147"
    assert rib.iban is not None and rib.iban.value == "FR7616706050291234567890147"
    assert rib.bic is not None and rib.bic.value == "AGRIFRPP867"


def test_parse_holder_on_the_next_lines_and_swift_label(tmp_path: Path) -> None:
    iban = iban_fr("30004000311234567890143")
    write_pdf(
        tmp_path / "RIB.pdf",
        [
            "Relevé à remettre par le titulaire du compte à ses créanciers.",
            "Intitulé du compte :",
            "FAB LAB DU TERNOIS",
            "ASSOCIATION",
            "3 place de la Gare",
            f"IBAN {iban}",
            "Code BIC / SWIFT : BNPAFRPPXXX",
        ],
    )
    rib = _parse(tmp_path, "RIB.pdf")
    assert rib.holder_lines == ("FAB LAB DU TERNOIS", "ASSOCIATION")
    assert rib.iban is not None and rib.iban.value == iban
    assert rib.bic is not None and rib.bic.value == "BNPAFRPPXXX"
    assert rib.bban is None


def test_parse_a_scan_reads_nothing(tmp_path: Path) -> None:
    from dossierkit.reading import read_document

    (tmp_path / "RIB.pdf").write_bytes(scanned_pdf_bytes("RIB"))
    # Not read by OCR (Tesseract missing): nothing is taken from the scan's empty text.
    rib = parse(read_document(tmp_path / "RIB.pdf", "pdf"), "RIB.pdf")
    assert (rib.has_text, rib.iban, rib.facts) == (False, None, ())
