"""Content checks on the courrier, its signature, the délégation, the statuts, the attestation
and their agreement — each tripped by a generated dossier, and passed by a correct one."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import (
    TEXTS,
    VP_LETTER,
    scanned_pdf_bytes,
    sign_pdf,
    signature_png,
    write_docx,
    write_letter_pdf,
    write_pdf,
)
from dossierkit.cli import cli
from dossierkit.report.flatten import flatten

LETTER = TEXTS["courrier"]


def delegation_lines(
    delegate: str = "Olivier Dufour",
    day: str = "15 avril 2026",
    scope: str = "pour signer les demandes de subvention relatives au tiers-lieu.",
) -> list[str]:
    return [
        "Communauté de communes du Pays de Lumbres",
        "ARRÊTÉ portant délégation de signature",
        "Le Président de la Communauté de communes du Pays de Lumbres,",
        "Vu le code général des collectivités territoriales,",
        f"Article 1 : délégation de signature est donnée à M. {delegate}, vice-président,",
        scope,
        f"Fait à Lumbres, le {day}",
        "Le Président,",
        "Francis Bertin",
    ]


def _verify(folder: Path) -> dict[str, Any]:
    result = CliRunner().invoke(cli, ["verify", str(folder), "--format", "json"])
    assert "Traceback" not in result.output
    return json.loads(result.output)


def _found(report: dict[str, Any], prefixes: str = "CGLUAX") -> list[tuple[Any, ...]]:
    """(code, severity, piece, file, page) of the findings of the groups in ``prefixes``."""
    return flatten(report["findings"], codes=tuple(prefixes))


def _fact(report: dict[str, Any], name: str) -> object:
    return next((f["value"] for f in report["facts"] if f["name"] == name), None)


# --- The courrier and its signature -------------------------------------------------------


def test_letter_with_pasted_signature_image_passes(tmp_path: Path) -> None:
    write_letter_pdf(tmp_path / "Courrier.pdf", LETTER)
    report = _verify(tmp_path)
    assert _found(report) == []
    assert _fact(report, "courrier.signature") == "image"
    assert _fact(report, "courrier.date") == "2026-10-12"
    assert _fact(report, "courrier.amount_requested") == "110000"
    assert _fact(report, "signatory.name") == "Marie Dupont"
    assert _fact(report, "signatory.is_legal_representative") is True


def test_born_digital_letter_without_signature_is_an_error(tmp_path: Path) -> None:
    write_letter_pdf(tmp_path / "Courrier.pdf", LETTER, signature=False)
    report = _verify(tmp_path)
    assert _found(report) == [("G001", "error", "courrier", "Courrier.pdf", 1)]


def test_word_letter_signed_with_a_picture_passes_and_without_fails(tmp_path: Path) -> None:
    import io

    import docx
    from docx.shared import Cm

    def letter(path: Path, signed: bool) -> None:
        document = docx.Document()
        for line in LETTER[:-1]:
            document.add_paragraph(line)
        if signed:
            document.add_paragraph().add_run().add_picture(io.BytesIO(signature_png()), width=Cm(4))
        document.add_paragraph(LETTER[-1])
        document.save(str(path))

    signed, unsigned = tmp_path / "signe", tmp_path / "non-signe"
    signed.mkdir()
    unsigned.mkdir()
    letter(signed / "Courrier.docx", True)
    letter(unsigned / "Courrier.docx", False)
    assert _found(_verify(signed)) == []
    assert _found(_verify(unsigned)) == [("G001", "error", "courrier", "Courrier.docx", None)]


def test_digitally_signed_letter_is_reported_with_its_signer(tmp_path: Path) -> None:
    source = write_letter_pdf(tmp_path / "brouillon" / "Courrier.pdf", LETTER, signature=False)
    folder = tmp_path / "dossier"
    folder.mkdir()
    sign_pdf(source, folder / "Courrier signé.pdf", "Marie Dupont", "Tiers-Lieu du Vimeu")
    report = _verify(folder)
    assert _found(report) == [("G004", "info", "courrier", "Courrier signé.pdf", None)]
    message = next(f["message"] for f in report["findings"] if f["code"] == "G004")
    # The signer as a person reads it, never the certificate's English labels or an ISO date.
    assert "« Marie Dupont (Tiers-Lieu du Vimeu) »" in message and "confiance" in message
    assert "Common Name" not in message and "Organization" not in message
    assert re.search(r", le \d{1,2}(er)? [a-zéû]+ 20\d\d", message), message
    assert _fact(report, "courrier.signature") == "digital"


def test_letter_modified_after_its_digital_signature_is_an_error(tmp_path: Path) -> None:
    source = write_letter_pdf(tmp_path / "brouillon" / "Courrier.pdf", LETTER, signature=False)
    folder = tmp_path / "dossier"
    folder.mkdir()
    signed = sign_pdf(source, tmp_path / "signe.pdf").read_bytes()
    # Change one byte of the signed content (inside the first page's content stream).
    position = signed.index(b"stream") + 20
    tampered = signed[:position] + bytes([signed[position] ^ 0x01]) + signed[position + 1 :]
    (folder / "Courrier signé.pdf").write_bytes(tampered)
    report = _verify(folder)
    assert ("G003", "error", "courrier", "Courrier signé.pdf", None) in _found(report)


def test_scanned_letter_asks_a_human_to_look_at_the_signature(
    tmp_path: Path, no_tesseract: None
) -> None:
    """Unread (Tesseract absent), a scan is still a letter that a person must look at."""
    (tmp_path / "Courrier signé.pdf").write_bytes(scanned_pdf_bytes())
    report = _verify(tmp_path)
    assert [f for f in _found(report) if f[0] not in ("F011", "F013")] == [
        ("G002", "warning", "courrier", "Courrier signé.pdf", 1)
    ]


@pytest.mark.parametrize(
    ("edit", "code"),
    [
        (lambda lines: [line for line in lines if "12 octobre" not in line], "C003"),
        (lambda lines: [line.replace("110 000 euros", "notre projet") for line in lines], "C004"),
        (
            lambda lines: [
                line.replace(
                    "Président du Conseil régional des Hauts-de-France",
                    "Directeur de la CAF du Pas-de-Calais",
                )
                for line in lines
            ],
            "C001",
        ),
        (
            lambda lines: [
                line.replace("appel à projets Tiers-lieux du numérique", "notre projet")
                for line in lines
            ],
            "C002",
        ),
        (lambda lines: [*lines[:-1], "Présidente"], "C005"),
    ],
    ids=["sans-date", "sans-montant", "destinataire", "sans-reference", "signataire"],
)
def test_letter_defects(tmp_path: Path, edit, code: str) -> None:  # type: ignore[no-untyped-def]
    write_letter_pdf(tmp_path / "Courrier.pdf", edit(LETTER))
    found = _found(_verify(tmp_path))
    assert [f[0] for f in found] == [code]
    assert found[0][2:4] == ("courrier", "Courrier.pdf")


# --- Who signs, and the délégation --------------------------------------------------------


def test_vice_president_signing_without_delegation_requires_one(tmp_path: Path) -> None:
    write_letter_pdf(tmp_path / "Courrier.pdf", VP_LETTER)
    report = _verify(tmp_path)
    assert _fact(report, "signatory.is_legal_representative") is False
    delegation = next(p for p in report["pieces"] if p["kind"] == "delegation")
    assert (delegation["required"], delegation["status"]) == (True, "missing")
    assert ("P001", "error", "delegation", None) in flatten(
        report["findings"], ("code", "severity", "piece", "file")
    )


def test_vice_president_with_his_delegation_passes(tmp_path: Path) -> None:
    write_letter_pdf(tmp_path / "Courrier.pdf", VP_LETTER)
    write_letter_pdf(tmp_path / "Délégation de signature.pdf", delegation_lines())
    report = _verify(tmp_path)
    assert next(p for p in report["pieces"] if p["kind"] == "delegation")["status"] == "ok"
    assert _found(report) == []
    assert _fact(report, "delegation.delegate") == "Olivier Dufour"
    assert _fact(report, "legal_representative.name") == "Francis Bertin"


@pytest.mark.parametrize(
    ("lines", "code"),
    [
        (delegation_lines(delegate="Paul Martin"), "L001"),
        (delegation_lines(day="20 novembre 2026"), "L004"),
        (delegation_lines(scope="pour signer les bons de commande de fournitures."), "L003"),
        ([line for line in delegation_lines() if "Fait à" not in line], "L005"),
    ],
    ids=["autre-delegataire", "posterieure", "hors-champ", "non-datee"],
)
def test_delegation_defects(tmp_path: Path, lines: list[str], code: str) -> None:
    write_letter_pdf(tmp_path / "Courrier.pdf", VP_LETTER)
    write_letter_pdf(tmp_path / "Délégation de signature.pdf", lines)
    assert [f[0] for f in _found(_verify(tmp_path))] == [code]


def test_delegation_not_given_by_the_legal_representative(tmp_path: Path) -> None:
    write_letter_pdf(tmp_path / "Courrier.pdf", VP_LETTER)
    write_letter_pdf(tmp_path / "Délégation de signature.pdf", delegation_lines())
    write_docx(
        tmp_path / "Dossier technique.docx",
        [
            ("Portage, gouvernance", 1),
            (
                "Structure : Communauté de communes du Pays de Lumbres ; responsable légal : M. Jean Durand",
                0,
            ),
        ],
    )
    codes = [f[0] for f in _found(_verify(tmp_path))]
    assert "L002" in codes and "X002" in codes


def test_unsigned_delegation(tmp_path: Path) -> None:
    write_letter_pdf(tmp_path / "Courrier.pdf", VP_LETTER)
    write_letter_pdf(tmp_path / "Délégation de signature.pdf", delegation_lines(), signature=False)
    assert _found(_verify(tmp_path)) == [
        ("G001", "error", "delegation", "Délégation de signature.pdf", 1)
    ]


# --- Statuts and attestation --------------------------------------------------------------


def test_association_statuts_give_name_basis_and_representative(tmp_path: Path) -> None:
    write_letter_pdf(tmp_path / "Courrier.pdf", LETTER)
    write_pdf(
        tmp_path / "Statuts.pdf",
        TEXTS["statuts"]
        + [
            "ARTICLE 12 - Le président représente l'association dans tous les actes de la vie civile."
        ],
    )
    report = _verify(tmp_path)
    assert _found(report) == []
    assert _fact(report, "statuts.name") == "Fab'Lab du Ternois"
    assert _fact(report, "statuts.legal_basis") == "loi 1901"


def test_statuts_without_legal_basis_nor_representative(tmp_path: Path) -> None:
    write_letter_pdf(tmp_path / "Courrier.pdf", LETTER)
    write_pdf(
        tmp_path / "Statuts.pdf",
        [
            "STATUTS",
            "ARTICLE 1 - Il est fondé une association ayant pour titre :",
            "« Fab'Lab du Ternois ».",
            "ARTICLE 2 - Siège social : Saint-Pol.",
        ],
    )
    assert [f[0] for f in _found(_verify(tmp_path))] == ["U001", "U002"]


def test_statuts_of_another_association(tmp_path: Path) -> None:
    write_letter_pdf(tmp_path / "Courrier.pdf", LETTER)
    write_pdf(
        tmp_path / "Statuts.pdf",
        [
            line.replace("Fab'Lab du Ternois", "Club informatique d'Arras")
            for line in TEXTS["statuts"]
        ]
        + ["Le président représente l'association."],
    )
    found = _found(_verify(tmp_path))
    # The letter is the request: the statuts are the odd piece and carry the error (U003).
    assert [f[:4] for f in found] == [("U003", "error", "statuts", "Statuts.pdf")]


@pytest.mark.parametrize(
    ("sentence", "regime"),
    [
        (
            "atteste que l'association n'est pas assujettie à la TVA et ne la récupère pas.",
            "not_recovered",
        ),
        ("atteste que l'association est assujettie à la TVA et récupère la TVA.", "recovered"),
        (
            "atteste que la communauté bénéficie du FCTVA pour ses dépenses d'investissement.",
            "investment_only",
        ),
    ],
)
def test_attestation_regimes(tmp_path: Path, sentence: str, regime: str) -> None:
    write_letter_pdf(
        tmp_path / "Attestation TVA.pdf",
        [
            "Association Fab'Lab du Ternois",
            "Attestation de régime fiscal",
            "Je soussignée Marie Dupont, présidente,",
            sentence,
            "Fait à Saint-Pol-sur-Ternoise, le 12 octobre 2026",
            "La Présidente,",
            "Marie Dupont",
        ],
    )
    report = _verify(tmp_path)
    assert _fact(report, "vat.regime") == regime
    assert _found(report) == []


def test_attestation_that_states_no_regime(tmp_path: Path) -> None:
    write_letter_pdf(
        tmp_path / "Attestation TVA.pdf",
        [
            "Attestation",
            "Je soussignée Marie Dupont atteste sur l'honneur l'exactitude des informations.",
            "Fait à Saint-Pol, le 12 octobre 2026",
            "La Présidente,",
            "Marie Dupont",
        ],
    )
    assert _found(_verify(tmp_path)) == [
        ("A001", "error", "attestation_tva", "Attestation TVA.pdf", None)
    ]


# --- the signature block of a letter read by OCR --------------------------------------------
# Lines as Tesseract gives them on scans of letters signed over the typed name (tests/
# test_scans_signatory.py makes the real ones): (text, confidence) for each word.
OcrLine = list[tuple[str, float]]
CLOSING = [
    ("Je", 96.0),
    ("vous", 96.0),
    ("prie", 96.0),
    ("d'agréer,", 96.0),
    ("salutations.", 96.0),
]


def _ocr_letter(*block: OcrLine) -> Any:
    from dossierkit.reading.model import Document, Page, Word

    lines = [CLOSING, *block]
    words = tuple(
        Word(text, (40.0 * i, 800.0 - 20 * n, 40.0 * i + 30, 810.0 - 20 * n), confidence, n)
        for n, line in enumerate(lines)
        for i, (text, confidence) in enumerate(line)
    )
    text = "\n".join(" ".join(t for t, _ in line) for line in lines)
    return Document("pdf", pages=(Page(1, text, 595, 842, words=words, ocr_confidence=90.0),))


def _sure(text: str) -> OcrLine:
    return [(w, 96.0) for w in text.split()]


@pytest.mark.parametrize(
    ("block", "name", "title", "unsure"),
    [
        # The ink read as a capitalised name above the typed one, the title lost under it.
        ([[("Te", 18.0), ("IN", 34.0)], _sure("Marie Durand")], "Marie Durand", None, None),
        # The ink read on the name's line.
        (
            [_sure("La Présidente,"), [*_sure("Marie Durand"), ("a", 16.0)]],
            "Marie Durand",
            "La Présidente",
            None,
        ),
        # The signature runs through the name: read with doubt, never taken for the name.
        ([_sure("Présidente,"), [("nn", 2.0), ("Durand", 96.0)]], None, "Présidente", "nn Durand"),
        (
            [_sure("La Présidente,"), [("“Marie", 83.0), ("Duran", 96.0)]],
            None,
            "La Présidente",
            "“Marie Duran",
        ),
        # A title misread under the ink, or its article lost.
        ([[("Présidefite,", 85.0)], _sure("Marie Durand")], "Marie Durand", "Présidente", None),
        (
            [[("a", 96.0), ("Président:", 77.0)], _sure("Jean Martin")],
            "Jean Martin",
            "Président",
            None,
        ),
        # A name read surely is never mistaken for a title ("Marie" is not "Maire").
        ([_sure("Marie Durand")], "Marie Durand", None, None),
        # The name nearest the title, below it before above it.
        (
            [_sure("Paul Leroy"), _sure("Le Trésorier,"), _sure("Jean Martin")],
            "Jean Martin",
            "Le Trésorier",
            None,
        ),
        # A title cut after its preposition by the block's width goes on to the next line;
        # a name below it is never taken into it.
        (
            [_sure("Le Vice-président délégué au"), _sure("numérique,"), _sure("Olivier Dufour")],
            "Olivier Dufour",
            "Le Vice-président délégué au numérique",
            None,
        ),
        (
            [_sure("La Vice-présidente en charge de la"), _sure("Marie Durand")],
            "Marie Durand",
            "La Vice-présidente en charge de la",
            None,
        ),
    ],
)
def test_signatory_of_a_scanned_letter(
    block: list[OcrLine], name: str | None, title: str | None, unsure: str | None
) -> None:
    from dossierkit.pieces.common import find_signatory

    found = find_signatory(_ocr_letter(*block))
    assert (found.name.value if found.name else None) == name
    assert (found.title.value if found.title else None) == title
    assert (found.unsure.value if found.unsure else None) == unsure
