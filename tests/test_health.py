"""Every kind of unreadable or suspicious file becomes a finding naming it; the run goes on."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import (
    OLE_HEADER,
    TEXTS,
    fingerprint,
    scanned_pdf_bytes,
    write_docx,
    write_letter_pdf,
    write_pdf,
    write_png_header,
    write_xlsx,
)
from dossierkit.cli import cli
from dossierkit.report.flatten import flatten


def _verify(folder: Path) -> tuple[int, dict[str, Any]]:
    result = CliRunner().invoke(cli, ["verify", str(folder), "--format", "json"])
    assert "Traceback" not in result.output
    return result.exit_code, json.loads(result.output)


def _encrypted_pdf(path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    source = write_pdf(path.with_suffix(".tmp"), TEXTS["attestation_tva"])
    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt("secret", algorithm="AES-256")
    writer.write(path)
    source.unlink()


def _truncated_pdf(path: Path) -> None:
    data = write_pdf(path, TEXTS["attestation_tva"], TEXTS["attestation_tva"]).read_bytes()
    path.write_bytes(data[: int(len(data) * 0.6)])


def _docx_named_pdf(path: Path) -> None:
    write_docx(path, [(line, 0) for line in TEXTS["attestation_tva"]])


def _bomb_docx(path: Path) -> None:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0">'
        "&lol2;</office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", bomb)


def _zip(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("RIB.pdf", b"%PDF-1.4")


# (file name, how to make it, expected code, severity, piece) — a file alone for its piece
# makes an error; everything else is a warning or information.
CASES: list[tuple[str, Callable[[Path], object], str, str, str | None]] = [
    ("Attestation TVA.pdf", lambda p: p.write_bytes(b""), "F001", "error", "attestation_tva"),
    ("Attestation TVA.pdf", _encrypted_pdf, "F002", "error", "attestation_tva"),
    (
        "Attestation TVA.docx",
        lambda p: p.write_bytes(OLE_HEADER + "EncryptedPackage".encode("utf-16-le")),
        "F002",
        "error",
        "attestation_tva",
    ),
    ("Attestation TVA.pdf", _truncated_pdf, "F003", "error", "attestation_tva"),
    (
        "Attestation TVA.pdf",
        lambda p: p.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8),
        "F003",
        "error",
        "attestation_tva",
    ),
    (
        "Attestation TVA.heic",
        lambda p: p.write_bytes(b"\0\0\0\x18ftypheic" + b"\0" * 64),
        "F003",
        "error",
        "attestation_tva",
    ),
    (
        "Attestation TVA.html",
        lambda p: p.write_text("<!DOCTYPE html><html><body>Attestation</body></html>"),
        "F004",
        "error",
        "attestation_tva",
    ),
    (
        "Attestation TVA.doc",
        lambda p: p.write_bytes(OLE_HEADER + "WordDocument".encode("utf-16-le")),
        "F005",
        "error",
        "attestation_tva",
    ),
    ("Pièces.zip", _zip, "F006", "warning", "autre"),
    (
        "Plan d'agencement.png",
        lambda p: write_png_header(p, 50_000, 50_000),
        "F007",
        "warning",
        "plan_agencement",
    ),
    ("Attestation TVA.odt", _bomb_docx, "F008", "error", "attestation_tva"),
    ("Attestation TVA.pdf", _docx_named_pdf, "F009", "warning", "attestation_tva"),
    ("Budget.xlsm", lambda p: write_xlsx(p, macros=True), "F010", "warning", "budget"),
    # A scan on which OCR recognises no text.
    (
        "Statuts signés.pdf",
        lambda p: p.write_bytes(scanned_pdf_bytes("")),
        "F011",
        "info",
        "statuts",
    ),
]


@pytest.mark.parametrize(
    ("name", "make", "code", "severity", "piece"), CASES, ids=[f"{c[2]}-{c[0]}" for c in CASES]
)
def test_bad_file_becomes_a_finding_naming_it(  # type: ignore[no-untyped-def]
    tmp_path: Path, report_validator, name: str, make, code: str, severity: str, piece: str | None
) -> None:
    write_pdf(tmp_path / "RIB.pdf", TEXTS["rib"])
    make(tmp_path / name)
    before = fingerprint(tmp_path)
    exit_code, report = _verify(tmp_path)
    report_validator(report)
    assert exit_code == 1  # the other pieces are missing anyway
    found = flatten(report["findings"], ("code", "severity", "piece", "file"), codes=code)
    assert found == [(code, severity, piece, name)]
    assert name in next(f["message"] for f in report["findings"] if f["code"] == code)
    # The rest of the dossier was still checked.
    assert {p["kind"]: p["status"] for p in report["pieces"]}["rib"] == "ok"
    assert fingerprint(tmp_path) == before, "inputs are never modified"


def test_piece_with_only_unreadable_files_is_invalid(tmp_path: Path) -> None:
    _encrypted_pdf(tmp_path / "Attestation TVA.pdf")
    _, report = _verify(tmp_path)
    attestation = next(p for p in report["pieces"] if p["kind"] == "attestation_tva")
    assert attestation["status"] == "invalid"
    assert "attestation_tva" in report["summary"]["invalid"]
    assert [f["code"] for f in report["findings"] if f["piece"] == "attestation_tva"] == [
        "F002",
        "P002",
    ]


def test_unreadable_copy_beside_a_good_one_is_only_a_warning(tmp_path: Path) -> None:
    write_letter_pdf(tmp_path / "Attestation TVA.pdf", TEXTS["attestation_tva"])
    (tmp_path / "Attestation TVA (1).pdf").write_bytes(b"")
    _, report = _verify(tmp_path)
    attestation = next(p for p in report["pieces"] if p["kind"] == "attestation_tva")
    assert attestation["status"] == "ok"
    assert [f["path"] for f in attestation["files"] if f["used"]] == ["Attestation TVA.pdf"]
    severities = {
        f["code"]: f["severity"] for f in report["findings"] if f["piece"] == "attestation_tva"
    }
    assert severities == {"F001": "warning", "P003": "warning"}


def test_renamed_file_is_classified_by_content_and_misleading_name_reported(tmp_path: Path) -> None:
    write_pdf(tmp_path / "scan0001.pdf", TEXTS["rib"])
    write_pdf(tmp_path / "budget.pdf", TEXTS["courrier"] + TEXTS["courrier"])
    _, report = _verify(tmp_path)
    status = {p["kind"]: (p["status"], [f["path"] for f in p["files"]]) for p in report["pieces"]}
    assert status["rib"] == ("ok", ["scan0001.pdf"])
    assert status["courrier"] == ("ok", ["budget.pdf"])
    assert status["budget"] == ("missing", [])
    (p006,) = [f for f in report["findings"] if f["code"] == "P006"]
    assert p006["file"] == "budget.pdf" and p006["piece"] == "courrier"


def test_same_dossier_gives_the_same_report(tmp_path: Path) -> None:
    write_pdf(tmp_path / "RIB.pdf", TEXTS["rib"])
    write_docx(tmp_path / "Courrier.docx", [(line, 0) for line in TEXTS["courrier"]])
    first = CliRunner().invoke(cli, ["verify", str(tmp_path), "--format", "json"]).output
    second = CliRunner().invoke(cli, ["verify", str(tmp_path), "--format", "json"]).output
    assert first == second
