"""Pieces and files that do not match one to one, on dossiers made as applicants make them
(``tests/realistic/bundles.py``): several pieces scanned into one PDF, a letter's second page
scanned apart, versions of a piece, a PDF exported beside its DOCX, a dossier technique in
prose, pieces present but empty. Each test states the verdict and the exact findings."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from realistic import bundles

from dossierkit.report.data import report_data
from dossierkit.report.flatten import flatten
from dossierkit.verify import Verification, verify

Made = Callable[[str], Verification]


@pytest.fixture(scope="session")
def made(tmp_path_factory: pytest.TempPathFactory) -> Made:
    """The verification of a dossier of ``bundles`` by the name of its recipe, made and
    verified once per session from one plain dossier."""
    root = tmp_path_factory.mktemp("bundles")
    base = bundles.plain(root / "base")
    done: dict[str, Verification] = {}

    def make(name: str) -> Verification:
        if name not in done:
            folder = getattr(bundles, name)(base, root / name)
            done[name] = verify(folder)
        return done[name]

    return make


def _statuses(result: Verification) -> dict[str, str]:
    return {p.spec.kind: p.status for p in result.dossier.pieces}


def _files(result: Verification, kind: str) -> list[tuple[str, tuple[int, int] | None]]:
    piece = next(p for p in result.dossier.pieces if p.spec.kind == kind)
    return [(f.rel, f.page_range) for f in piece.files]


def _message(report: dict[str, Any], code: str) -> str:
    return next(str(f["message"]) for f in report["findings"] if f["code"] == code)


ALL_OK = {
    "courrier": "ok",
    "budget": "ok",
    "dossier_technique": "ok",
    "attestation_tva": "ok",
    "rib": "ok",
    "statuts": "ok",
    "delegation": "not_required",
}
# The generated technique answers every question but joins no layout plan (NAT-2).
NO_PLAN = ("T005", "warning", "plan_agencement", "Dossier technique.docx", None)
SCAN = "Pièces administratives scannées.pdf"


@pytest.mark.slow
def test_pieces_scanned_together_are_each_present_with_their_pages(
    made: Made,
    report_validator: Callable[[dict[str, Any]], None],
) -> None:
    result = made("administrative_scan")
    assert result.complete
    assert _statuses(result) == ALL_OK
    assert _files(result, "courrier") == [(SCAN, (1, 1))]
    assert _files(result, "attestation_tva") == [(SCAN, (2, 2))]
    assert _files(result, "rib") == [(SCAN, (3, 3))]
    assert _files(result, "statuts") == [(SCAN, (4, 5))]
    assert flatten(result.findings) == [NO_PLAN, ("F014", "info", None, SCAN, 1)]
    # Each parser read its own pages: nothing of the letter comes from the RIB's page.
    pages = {
        prefix: {
            f.page
            for f in result.dossier.facts
            if f.file == SCAN and f.name.startswith(prefix) and f.page is not None
        }
        for prefix in ("courrier.", "signatory.", "rib.", "statuts.")
    }
    assert pages["courrier."] | pages["signatory."] == {1}
    assert pages["rib."] == {3}
    assert pages["statuts."] <= {4, 5} and pages["statuts."]

    report = report_data(result)
    report_validator(report)
    [entry] = [f for f in report["files"] if f["path"] == SCAN]
    assert entry["parts"] == [
        {"kind": "courrier", "first_page": 1, "last_page": 1},
        {"kind": "attestation_tva", "first_page": 2, "last_page": 2},
        {"kind": "rib", "first_page": 3, "last_page": 3},
        {"kind": "statuts", "first_page": 4, "last_page": 5},
    ]
    statuts = next(p for p in report["pieces"] if p["kind"] == "statuts")
    assert statuts["files"] == [
        {
            "path": SCAN,
            "sha256": entry["sha256"],
            "pages": 2,
            "used": True,
            "page_range": {"first": 4, "last": 5},
        }
    ]


def test_pieces_printed_together_are_each_present_with_their_pages(made: Made) -> None:
    result = made("administrative_print")
    assert result.complete
    assert _statuses(result) == ALL_OK
    printed = "Pièces administratives.pdf"
    assert [_files(result, kind) for kind in ("courrier", "attestation_tva", "rib", "statuts")] == [
        [(printed, (1, 1))],
        [(printed, (2, 2))],
        [(printed, (3, 3))],
        [(printed, (4, 5))],
    ]
    assert flatten(result.findings) == [NO_PLAN]


def test_a_signed_pdf_of_several_pieces_is_attached_once(made: Made, tmp_path: Path) -> None:
    import pikepdf

    from dossierkit.assemble import Options, Renderer, assemble

    result = made("signed_print")
    assert [_files(result, kind)[0][1] for kind in ("courrier", "rib", "statuts")] == [
        (1, 1),
        (3, 3),
        (4, 5),
    ]
    assemble(result, tmp_path / "dossier.pdf", Options(renderer=Renderer("builtin")))
    with pikepdf.open(tmp_path / "dossier.pdf") as pdf:
        names = [name for name in pdf.attachments if "Pièces administratives" in name]
    assert names == ["Pièces administratives.pdf"]


@pytest.mark.slow
def test_the_terminal_and_the_assembled_pdf_show_the_ranges(made: Made, tmp_path: Path) -> None:
    import io

    import pikepdf

    from dossierkit.assemble import Options, Renderer, assemble
    from dossierkit.report.terminal import render_terminal

    result = made("administrative_scan")
    out = io.StringIO()
    render_terminal(report_data(result), "Appel", out)
    lines = [" ".join(line.split()) for line in out.getvalue().splitlines()]

    # Each piece's line names the file then its pages, wrapped at 80 columns: read the
    # piece's line with the one under it.
    def shown(label: str) -> str:
        at = next(i for i, line in enumerate(lines) if line.startswith(f"présente {label} "))
        return f"{lines[at]} {lines[at + 1]}"

    assert shown("Statuts de l'association") == (
        f"présente Statuts de l'association {SCAN}, pages 4–5"
    )
    assert shown("RIB") == f"présente RIB {SCAN}, page 3"

    options = Options(renderer=Renderer("builtin"))
    first = assemble(result, tmp_path / "a.pdf", options)
    assemble(result, tmp_path / "b.pdf", options)
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()
    pages = {p.section.kind: (p.first, p.pages) for p in first.parts if p.pages}
    assert [pages[k][1] for k in ("courrier", "attestation_tva", "rib", "statuts")] == [1, 1, 1, 2]
    with pikepdf.open(tmp_path / "a.pdf") as pdf, pdf.open_outline() as outline:
        marks = {item.title: item for item in outline.root}
        statuts = marks["6. Statuts de l'association"]
        page = pikepdf.Page(statuts.destination[0])  # type: ignore[index]
        assert pdf.pages.index(page) + 1 == pages["statuts"][0]


@pytest.mark.slow
def test_a_letter_whose_second_page_was_scanned_apart_is_one_letter(made: Made) -> None:
    result = made("split_letter")
    assert result.complete
    assert _statuses(result) == ALL_OK
    assert _files(result, "courrier") == [
        ("Courrier de demande.pdf", None),
        ("Courrier p2.pdf", None),
    ]
    # The signature is on the second file: the findings and facts say so, no P003.
    assert flatten(result.findings) == [
        ("G002", "warning", "courrier", "Courrier p2.pdf", 1),
        NO_PLAN,
        ("F014", "info", "courrier", "Courrier p2.pdf", 1),
    ]
    signatory = next(f for f in result.dossier.facts if f.name == "signatory.name")
    assert (signatory.value, signatory.file, signatory.page) == (
        "Marie Delattre",
        "Courrier p2.pdf",
        1,
    )
    report = report_data(result)
    assert "« Courrier p2.pdf » est numérisé" in _message(report, "G002")
    courrier = next(p for p in report["pieces"] if p["kind"] == "courrier")
    assert [(f["path"], f["used"], f.get("continues")) for f in courrier["files"]] == [
        ("Courrier de demande.pdf", True, None),
        ("Courrier p2.pdf", True, "Courrier de demande.pdf"),
    ]


def test_the_filled_final_version_is_used_and_the_report_says_why(made: Made) -> None:
    result = made("versions")
    assert result.complete
    assert _statuses(result) == ALL_OK
    assert _files(result, "dossier_technique") == [
        ("Dossier technique v2 FINAL.docx", None),
        ("dossier technique v1.pdf", None),
    ]
    assert _files(result, "rib") == [("RIB.pdf", None), ("RIB (2).pdf", None)]
    assert flatten(result.findings) == [
        ("P003", "warning", "dossier_technique", "Dossier technique v2 FINAL.docx", None),
        ("T005", "warning", "plan_agencement", "Dossier technique v2 FINAL.docx", None),
        ("P003", "warning", "rib", "RIB.pdf", None),
    ]
    report = report_data(result)
    assert [f["message"] for f in report["findings"] if f["code"] == "P003"] == [
        "Dossier technique : plusieurs versions de la même pièce (« Dossier technique v2 "
        "FINAL.docx », « dossier technique v1.pdf ») ; « Dossier technique v2 FINAL.docx » a "
        "été retenu (le seul rempli, les autres sont vides). Retirez les autres versions.",
        "RIB : plusieurs versions de la même pièce (« RIB.pdf », « RIB (2).pdf ») ; « RIB.pdf » "
        "a été retenu (l'original, les autres en sont des copies). Retirez les autres versions.",
    ]
    rib = next(p for p in report["pieces"] if p["kind"] == "rib")
    assert rib["files"][0]["reason"] == "l'original, les autres en sont des copies"


@pytest.mark.slow
def test_a_pdf_exported_beside_its_docx_is_the_same_piece(made: Made) -> None:
    result = made("exported_twin")
    assert result.complete
    assert _statuses(result) == ALL_OK
    assert _files(result, "dossier_technique") == [
        ("Dossier technique.pdf", None),
        ("Dossier technique.docx", None),
    ]
    assert flatten(result.findings) == [
        ("T005", "warning", "plan_agencement", "Dossier technique.pdf", 1)
    ]
    technique = next(p for p in report_data(result)["pieces"] if p["kind"] == "dossier_technique")
    assert technique["files"][1]["same_document_as"] == "Dossier technique.pdf"


@pytest.mark.slow
def test_a_technique_in_prose_under_its_own_headings_is_not_a_budget(made: Made) -> None:
    result = made("prose_technique")
    statuses = _statuses(result)
    assert statuses == ALL_OK
    assert _files(result, "dossier_technique") == [("Présentation du projet.pdf", None)]
    assert _files(result, "budget") == [("Budget prévisionnel.xlsx", None)]
    # Which questions it answers is the technique's reader's to say (T codes); that it is
    # the technique, the only budget the workbook, with no piece missing or doubled, is ours.
    assert flatten(result.findings, codes="P") == []
    [file] = [f for f in result.dossier.files if f.rel == "Présentation du projet.pdf"]
    assert file.evidence[-1].startswith("texte rédigé : 5 titres")


@pytest.mark.parametrize(
    ("recipe", "kind", "codes", "expected"),
    [
        (
            "draft_technique_only",
            "dossier_technique",
            "P",
            [],
        ),
        ("rib_without_iban", "rib", "PR", [("R001", "error", "rib", "RIB.pdf", None)]),
        (
            "empty_budget",
            "budget",
            "PB",
            [("B012", "error", "budget", "Budget prévisionnel.xlsx", None)],
        ),
    ],
)
def test_a_piece_without_its_essential_content_is_never_ok(
    made: Made, recipe: str, kind: str, codes: str, expected: list[tuple[Any, ...]]
) -> None:
    result = made(recipe)
    assert _statuses(result) == {**ALL_OK, kind: "empty"}
    assert flatten(result.findings, codes=tuple(codes)) == expected
    assert not result.complete
    # The verdict holds on the status alone, whatever the piece's own checks report.
    assert not replace(result, findings=()).complete
    report = report_data(result)
    assert report["status"] == "incomplete"
    assert report["summary"]["empty"] == [kind]
    assert json.dumps(report)  # plain data


@pytest.mark.slow
def test_the_letter_and_its_second_page_are_assembled_together(made: Made, tmp_path: Path) -> None:
    from dossierkit.assemble import Options, Renderer, assemble
    from dossierkit.assemble.attachments import manifest
    from dossierkit.assemble.writer import source_date

    result = made("split_letter")
    assembly = assemble(result, tmp_path / "dossier.pdf", Options(renderer=Renderer("builtin")))
    [letter] = [p for p in assembly.parts if p.section.kind == "courrier"]
    assert letter.pages == 2
    files = {
        f["path"]: (f["included"], f["first_page"], f["pages"])
        for f in manifest(result, list(assembly.parts), source_date(result.dossier))["files"]
    }
    assert files["Courrier de demande.pdf"] == (True, letter.first, 1)
    assert files["Courrier p2.pdf"] == (True, (letter.first or 0) + 1, 1)
