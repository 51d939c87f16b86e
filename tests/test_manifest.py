"""dossier.yaml: optional, validated, winning over inference, contradictions reported."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import TEXTS, write_pdf
from dossierkit.cli import cli


def _verify(folder: Path) -> dict[str, Any]:
    result = CliRunner().invoke(cli, ["verify", str(folder), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)


def _findings(report: dict[str, Any], code: str) -> list[dict[str, Any]]:
    return [f for f in report["findings"] if f["code"] == code]


def test_manifest_maps_an_oddly_named_file_to_a_piece(tmp_path: Path) -> None:
    # A real RIB under a phone's name: a RIB without an IBAN would be an "empty" piece now.
    write_pdf(tmp_path / "IMG_0042.pdf", TEXTS["rib"])
    (tmp_path / "dossier.yaml").write_text("pieces:\n  rib: IMG_0042.pdf\n", encoding="utf-8")
    report = _verify(tmp_path)
    rib = next(p for p in report["pieces"] if p["kind"] == "rib")
    assert rib["status"] == "ok" and rib["files"][0]["path"] == "IMG_0042.pdf"
    entry = next(f for f in report["files"] if f["path"] == "IMG_0042.pdf")
    assert entry["evidence"] == ["déclaré dans dossier.yaml"]
    assert next(f for f in report["files"] if f["path"] == "dossier.yaml")["role"] == "manifest"


def test_declared_kind_makes_statuts_required(tmp_path: Path) -> None:
    (tmp_path / "dossier.yaml").write_text("structure:\n  type: association\n", encoding="utf-8")
    write_pdf(tmp_path / "RIB.pdf", TEXTS["rib"])
    report = _verify(tmp_path)
    statuts = next(p for p in report["pieces"] if p["kind"] == "statuts")
    assert (statuts["required"], statuts["status"]) == (True, "missing")
    kind = next(f for f in report["facts"] if f["name"] == "structure.kind")
    assert (kind["value"], kind["origin"], kind["file"]) == (
        "association",
        "declared",
        "dossier.yaml",
    )


def test_declared_signatory_other_than_legal_representative_requires_delegation(
    tmp_path: Path,
) -> None:
    (tmp_path / "dossier.yaml").write_text(
        "structure:\n  responsable_legal: {nom: Jean Durand}\n  signataire: {nom: Paul Martin}\n",
        encoding="utf-8",
    )
    report = _verify(tmp_path)
    delegation = next(p for p in report["pieces"] if p["kind"] == "delegation")
    assert (delegation["required"], delegation["status"]) == (True, "missing")


def test_invalid_manifest_is_reported_with_its_json_path(tmp_path: Path) -> None:
    (tmp_path / "dossier.yaml").write_text("structure:\n  type: fondation\n", encoding="utf-8")
    write_pdf(tmp_path / "RIB.pdf", TEXTS["rib"])
    report = _verify(tmp_path)
    (finding,) = _findings(report, "D001")
    assert finding["severity"] == "warning" and finding["file"] == "dossier.yaml"
    assert "$.structure.type" in finding["message"]


def test_manifest_with_bad_syntax_is_reported(tmp_path: Path) -> None:
    (tmp_path / "dossier.yaml").write_text("structure: [nom: {\n", encoding="utf-8")
    report = _verify(tmp_path)
    assert len(_findings(report, "D001")) == 1


def test_manifest_naming_a_file_that_is_not_there(tmp_path: Path) -> None:
    (tmp_path / "dossier.yaml").write_text("pieces:\n  rib: RIB.pdf\n", encoding="utf-8")
    report = _verify(tmp_path)
    (finding,) = _findings(report, "D002")
    assert finding["piece"] == "rib" and "RIB.pdf" in finding["message"]


def test_declaration_contradicted_by_the_documents(tmp_path: Path) -> None:
    (tmp_path / "dossier.yaml").write_text(
        "structure:\n  type: association\n  intercommunalite: CC du Pays de Lumbres\n",
        encoding="utf-8",
    )
    write_pdf(tmp_path / "Courrier.pdf", TEXTS["courrier"])  # cites the CC du Ternois
    report = _verify(tmp_path)
    (finding,) = _findings(report, "D003")
    assert "CC du Pays de Lumbres" in finding["message"] and "CC du Ternois" in finding["message"]
    assert finding["file"] == "Courrier.pdf"
    epci = [f["value"] for f in report["facts"] if f["name"] == "intercommunalite.name"]
    assert epci == ["CC du Pays de Lumbres", "CC du Ternois"]


def test_declared_intercommunalite_outside_the_region(tmp_path: Path) -> None:
    (tmp_path / "dossier.yaml").write_text(
        "structure:\n  intercommunalite: Communauté de communes du Pays de Gex\n", encoding="utf-8"
    )
    report = _verify(tmp_path)
    assert len(_findings(report, "S003")) == 1


@pytest.mark.parametrize(
    ("on_disk", "declared"),
    [
        ("Pie\u0300ce 3 banque.pdf", "Pièce 3 banque.pdf"),  # a Mac's decomposed accent
        ("Pièce\u200b 3 banque.pdf", "Pièce 3 banque.pdf"),  # a zero-width space pasted in
        ("Pièce\u00a03 banque.pdf", "Pièce 3 banque.pdf"),  # a no-break space
        ("PIECE 3 BANQUE.pdf", "piece 3 banque.pdf"),  # typed in another case (Windows)
        ("Pièce 3 banque.pdf", "Pie\u0300ce 3  banque.pdf"),  # the declaration decomposed
    ],
)
def test_declared_name_finds_the_file_however_its_characters_are_encoded(
    tmp_path: Path, on_disk: str, declared: str
) -> None:
    """The name in dossier.yaml is typed by a person; the file's name came from a Mac, a
    copy-paste or Windows. Both mean the same file: no « fichier absent » (D002), and the
    file is the piece declared."""
    write_pdf(tmp_path / on_disk, TEXTS["rib"])
    (tmp_path / "dossier.yaml").write_text(f'pieces:\n  rib: "{declared}"\n', encoding="utf-8")
    report = _verify(tmp_path)
    assert _findings(report, "D002") == []
    rib = next(p for p in report["pieces"] if p["kind"] == "rib")
    assert rib["status"] == "ok"
    entry = next(f for f in report["files"] if f["path"] == rib["files"][0]["path"])
    assert entry["evidence"] == ["déclaré dans dossier.yaml"]
