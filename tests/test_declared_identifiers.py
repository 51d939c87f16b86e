"""The SIREN and IBAN an applicant declares (typed in a platform's form, or in dossier.yaml),
checked against what the pieces print (issue 16): the letterhead's or footer's « SIRET … »,
the attestation's, the RIB's IBAN. A difference is D003, naming the number both ways; the
same number grouped otherwise is no difference."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from stdnum import luhn

from conftest import TEXTS, write_pdf
from dossierkit.cli import cli
from dossierkit.pieces.identifiers import find_siren, registration
from dossierkit.reading.model import Document, Paragraph
from dossierkit.triage.platforms.export import Application, Declared
from dossierkit.triage.platforms.stage import manifest_data


def _valid(prefix: str) -> str:
    """``prefix`` followed by its Luhn check digit (how INSEE closes a SIREN or SIRET)."""
    return prefix + luhn.calc_check_digit(prefix)


SIREN = _valid("85321477")  # 853214773
SIRET = _valid(SIREN + "0001")  # 85321477300014
OTHER_SIREN = _valid("42315600")
IBAN = "FR76 1670 6050 2912 3456 7890 147"  # the RIB's in conftest.TEXTS


def _document(*lines: str) -> Document:
    return Document("docx", paragraphs=tuple(Paragraph(line) for line in lines))


def _spaced(digits: str, sizes: tuple[int, ...], sep: str = " ") -> str:
    parts, start = [], 0
    for size in sizes:
        parts.append(digits[start : start + size])
        start += size
    return sep.join(parts)


@pytest.mark.parametrize(
    "line",
    [
        f"SIRET {_spaced(SIRET, (3, 3, 3, 5))}",
        f"N° SIRET : {_spaced(SIRET, (3, 3, 3, 5), '.')}",
        f"Association loi 1901 — Siret : {SIRET} — APE 9499Z",
        f"SIREN {_spaced(SIREN, (3, 3, 3))}",
        f"n° SIREN {SIREN} - Tél. 03 21 04 56 78",
        f"SIRET {SIREN}0001{(int(SIRET[-1]) + 1) % 10}",
    ],
)
def test_a_labelled_siret_or_siren_gives_the_siren(line: str) -> None:
    # A SIRET whose establishment number is misread still names its SIREN, checked alone.
    found = find_siren(_document("Association Fab'Lab du Ternois", line))
    assert found is not None and found.value == SIREN


@pytest.mark.parametrize(
    "line",
    [
        f"SIRET {SIRET[:2]}{(int(SIRET[2]) + 1) % 10}{SIRET[3:]}",  # a digit misread: check fails
        f"Tél. {SIRET}",  # no label: any 14 digits are not a SIRET
        "IBAN : FR76 1670 6050 2912 3456 7890 147",
    ],
)
def test_no_siren_without_a_label_and_its_check_digit(line: str) -> None:
    assert find_siren(_document(line)) is None


def _verify(folder: Path) -> dict[str, Any]:
    result = CliRunner().invoke(cli, ["verify", str(folder), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)


def _d003(folder: Path) -> list[dict[str, Any]]:
    return [f for f in _verify(folder)["findings"] if f["code"] == "D003"]


def _letter_with_siret(folder: Path) -> None:
    letter = list(TEXTS["courrier"])
    letter.insert(2, f"SIRET {_spaced(SIRET, (3, 3, 3, 5))} — RNA W623001234")
    write_pdf(folder / "Courrier.pdf", letter)


def test_the_declared_siren_is_checked_against_the_letterhead(tmp_path: Path) -> None:
    _letter_with_siret(tmp_path)
    manifest = tmp_path / "dossier.yaml"
    manifest.write_text(f"structure:\n  siren: '{OTHER_SIREN}'\n", encoding="utf-8")
    (finding,) = _d003(tmp_path)
    assert finding["file"] == "Courrier.pdf" and finding["severity"] == "warning"
    assert finding["message"] == (
        f"dossier.yaml déclare le SIREN « {OTHER_SIREN} », mais « Courrier.pdf » indique "
        f"« {SIREN} » : mettez-les en accord."
    )
    # The same SIREN, typed with spaces: no difference.
    manifest.write_text(f"structure:\n  siren: '{_spaced(SIREN, (3, 3, 3))}'\n", encoding="utf-8")
    assert _d003(tmp_path) == []


def test_the_declared_iban_is_checked_against_the_rib(tmp_path: Path) -> None:
    write_pdf(tmp_path / "RIB.pdf", TEXTS["rib"])
    manifest = tmp_path / "dossier.yaml"
    manifest.write_text("structure:\n  iban: FR76 1670 6050 2912 3456 7890 148\n", encoding="utf-8")
    (finding,) = _d003(tmp_path)
    assert finding["file"] == "RIB.pdf"
    assert finding["message"].startswith(
        "dossier.yaml déclare l'IBAN « FR76 1670 6050 2912 3456 7890 148 », mais « RIB.pdf »"
    )
    manifest.write_text(f"structure:\n  iban: {IBAN.replace(' ', '')}\n", encoding="utf-8")
    assert _d003(tmp_path) == []


def _application(**declared: Any) -> Application:
    return Application(
        platform="demarches-simplifiees",
        platform_name="Démarches Simplifiées",
        reference="12345",
        folder=Path("dossier-12345"),
        received_at=None,
        state=None,
        form=None,
        declared=Declared(**declared),
        pieces=(),
        complements=(),
    )


def test_the_platform_form_declares_the_siren_and_a_valid_iban() -> None:
    data = manifest_data(_application(siret=SIRET, iban=IBAN.replace(" ", "")), {})
    assert data["structure"] == {"siren": SIREN, "iban": IBAN.replace(" ", "")}
    assert data["declare_par"] == "le formulaire de Démarches Simplifiées"
    # An IBAN mistyped in the form is no declaration to check the RIB against.
    data = manifest_data(_application(siret=SIRET, iban="FR7612345"), {})
    assert data["structure"] == {"siren": SIREN}


@pytest.mark.parametrize(
    ("lines", "kept"),
    [
        ((f"SIRET {_spaced(SIRET, (3, 3, 3, 5))} — RNA W623001234",), SIRET),
        (("Association loi 1901 — RNA W623001234",), "W623001234"),
        (("SIRET 853 214 770 00018",), "85321477000018"),  # kept as printed, typo and all
        (("Tél. 03 21 04 56 78",), None),
    ],
)
def test_the_register_keeps_the_siret_as_printed_else_the_rna(
    lines: tuple[str, ...], kept: str | None
) -> None:
    assert registration(_document(*lines)) == kept


def test_a_platform_form_declares_it_in_the_message(tmp_path: Path) -> None:
    """The dossier.yaml written from a platform's export says so: the instructor reads
    « Le formulaire de Démarches Simplifiées déclare le SIREN … », not « dossier.yaml »."""
    import yaml

    _letter_with_siret(tmp_path)
    data = manifest_data(_application(siret=_valid(OTHER_SIREN + "0001")), {})
    (tmp_path / "dossier.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    (finding,) = _d003(tmp_path)
    assert finding["message"].startswith(
        f"Le formulaire de Démarches Simplifiées déclare le SIREN « {OTHER_SIREN} », mais"
    )


def test_an_intercommunalite_named_only_in_its_logo_is_known_by_its_siret(
    tmp_path: Path,
) -> None:
    """The letter opens with the street (the name is in the logo) and prints the SIRET of the
    CC Flandre Lys: the applicant is that intercommunalité, no S001 « structure inconnue »."""
    letter = [
        "500 rue de la Haute-Loge",
        "62840 Sailly-sur-la-Lys",
        "SIRET 245 900 758 00013",
        *TEXTS["courrier"][2:-3],
        "Je vous prie d'agréer, Monsieur le Président, l'expression de ma haute considération.",
        "Jean-Luc Dupont, Président",
    ]
    letter = [
        line.replace("désigné par la Communauté de communes du Ternois, ", "") for line in letter
    ]
    write_pdf(tmp_path / "Courrier.pdf", letter)
    report = _verify(tmp_path)
    facts = {f["name"]: f["value"] for f in report["facts"] if f["origin"] == "inferred"}
    assert (facts["structure.name"], facts["structure.kind"]) == (
        "CC Flandre Lys",
        "intercommunalite",
    )
    assert facts["intercommunalite.name"] == "CC Flandre Lys"
    assert "S001" not in [f["code"] for f in report["findings"]]


def test_the_declared_amount_is_checked_against_the_letter(tmp_path: Path) -> None:
    """The amount typed in the platform's form (or dossier.yaml's projet.montant_demande)
    against the letter's « pour un montant de 110 000 euros »: compared as amounts."""
    write_pdf(tmp_path / "Courrier.pdf", TEXTS["courrier"])
    manifest = tmp_path / "dossier.yaml"
    manifest.write_text("projet:\n  montant_demande: 106000\n", encoding="utf-8")
    (finding,) = _d003(tmp_path)
    text = " ".join(finding["message"].split())  # no-break spaces as spaces
    assert text.startswith(
        "dossier.yaml déclare un montant demandé de « 106 000 € », mais « Courrier.pdf » "
        "indique « 110 000 € »"
    )
    manifest.write_text("projet:\n  montant_demande: 110 000 €\n", encoding="utf-8")
    assert _d003(tmp_path) == []
    # 10 000 is not 110 000, though one is written inside the other.
    manifest.write_text("projet:\n  montant_demande: 10000\n", encoding="utf-8")
    assert len(_d003(tmp_path)) == 1


def test_the_platform_form_declares_the_amount_requested() -> None:
    from decimal import Decimal

    data = manifest_data(_application(amount_requested=Decimal("106000")), {})
    assert data["projet"] == {"montant_demande": 106000}
    data = manifest_data(_application(amount_requested=Decimal("7500.50")), {})
    assert data["projet"] == {"montant_demande": "7500.50"}


def test_the_declared_rna_is_checked_against_the_letterhead(tmp_path: Path) -> None:
    _letter_with_siret(tmp_path)  # « SIRET … — RNA W623001234 »
    manifest = tmp_path / "dossier.yaml"
    manifest.write_text("structure:\n  rna: W623001235\n", encoding="utf-8")
    (finding,) = _d003(tmp_path)
    assert finding["message"].startswith(
        "dossier.yaml déclare le numéro RNA « W623001235 », mais « Courrier.pdf » indique "
        "« W623001234 »"
    )
    manifest.write_text("structure:\n  rna: W623001234\n", encoding="utf-8")
    assert _d003(tmp_path) == []
    data = manifest_data(_application(rna="W623001234", siret=SIRET), {})
    assert data["structure"] == {"siren": SIREN, "rna": "W623001234"}
    assert "rna" not in manifest_data(_application(rna="W62300"), {}).get("structure", {})
