"""Choosing among the files of one piece (``dossierkit.versions``) and cutting a file into the
pieces it holds (``dossierkit.classify.pages``), on the names and pages applicants give."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import TEXTS
from dossierkit.call import load_call
from dossierkit.classify.pages import Run, page_runs, resolve
from dossierkit.discovery import Entry
from dossierkit.dossier import DossierFile
from dossierkit.reading.model import Document, Page
from dossierkit.versions import choose, next_page, twins


def _file(
    rel: str,
    *,
    readable: bool = True,
    metadata: dict[str, str] | None = None,
    text: str = "texte",
    path: Path | None = None,
) -> DossierFile:
    kind = rel.rsplit(".", 1)[-1]
    document = Document(type=kind, pages=(Page(1, text, 595, 842),), metadata=metadata or {})
    return DossierFile(
        entry=Entry(rel=rel, path=path or Path(rel), status="file"),
        sha256=None,
        type=kind,
        claimed_type=None,
        document=document if readable else None,
        kind="rib",
        role="piece",
    )


def _never_empty(_: DossierFile) -> bool:
    return False


@pytest.mark.parametrize(
    ("names", "used", "reason"),
    [
        (["RIB (2).pdf", "RIB.pdf"], "RIB.pdf", "original"),
        (["RIB - Copie.pdf", "RIB.pdf"], "RIB.pdf", "original"),
        (["budget v1.pdf", "budget v2.pdf"], "budget v2.pdf", "version"),
        (["budget v2.pdf", "budget v10.pdf"], "budget v10.pdf", "version"),
        (["Budget v3.pdf", "Budget FINAL.pdf"], "Budget FINAL.pdf", "final"),
        (["Budget définitif.xlsx", "Budget.pdf"], "Budget définitif.xlsx", "final"),
        (["Statuts.pdf", "Statuts signés.pdf"], "Statuts signés.pdf", "final"),
        (["budget_old.pdf", "budget.xlsx"], "budget.xlsx", "not_draft"),
        (["Budget 2026-03-01.pdf", "Budget 2026-04-15.pdf"], "Budget 2026-04-15.pdf", "date"),
        (["Budget 15-04-2026.pdf", "Budget 01-03-2026.pdf"], "Budget 15-04-2026.pdf", "date"),
        (["RIB.png", "RIB banque.pdf"], "RIB banque.pdf", "pdf"),
        (["RIB b.pdf", "RIB a.pdf"], "RIB a.pdf", "name"),
    ],
)
def test_the_version_the_applicant_means_is_used(names: list[str], used: str, reason: str) -> None:
    choice = choose([_file(n) for n in names], _never_empty)
    assert choice.files[0].rel == used
    assert choice.reason == reason


def test_a_filled_document_beats_a_final_empty_one_and_an_unreadable_one() -> None:
    files = [
        _file("Dossier technique FINAL.pdf", text="Question À compléter"),
        _file("Dossier technique.docx", text="Question Notre réponse"),
    ]
    choice = choose(files, lambda f: f.rel.endswith(".pdf"))
    assert (choice.files[0].rel, choice.reason) == ("Dossier technique.docx", "filled")
    files = [_file("RIB FINAL.pdf", readable=False), _file("RIB.pdf")]
    assert choose(files, _never_empty).reason == "readable"


def test_the_date_a_pdf_was_saved_counts_when_the_names_say_nothing() -> None:
    older = _file("RIB a.pdf", metadata={"ModDate": "D:20250101120000Z"})
    newer = _file("RIB b.pdf", metadata={"ModDate": "D:20260301120000Z"})
    assert choose([older, newer], _never_empty).files[0] is newer


def test_a_pdf_exported_from_the_docx_beside_it_is_its_twin_not_a_version() -> None:
    pdf, docx = _file("Dossier technique.pdf"), _file("Dossier technique.docx")
    assert twins(pdf, docx)
    assert not twins(pdf, _file("Dossier technique v2.docx"))
    choice = choose([docx, pdf], _never_empty)
    assert choice.files[0] is pdf
    assert choice.twins == (docx,)
    assert choice.reason is None  # no other version: nothing to explain


LETTER = "Monsieur le Président, j'ai l'honneur de solliciter une aide de 45 000 euros pour 2027."


def test_a_pdf_named_signed_is_the_twin_of_the_docx_it_was_exported_from() -> None:
    docx = _file("01 - Courrier de demande.docx", text=LETTER)
    signed = _file("01 - Courrier de demande signé.pdf", text=LETTER + " Marie Dupont")
    choice = choose([docx, signed], _never_empty)
    assert (choice.files[0], choice.twins, choice.reason) == (signed, (docx,), None)
    other = _file("01 - Courrier de demande signé.pdf", text="Un autre courrier, plus ancien.")
    assert not twins(other, docx)  # other words, no date that says it came after
    assert choose([docx, other], _never_empty).reason == "final"
    assert not twins(_file("Courrier de demande signé.pdf", text=LETTER), docx)  # other name


def test_a_signed_pdf_saved_after_the_docx_is_its_twin_even_as_a_scan(tmp_path: Path) -> None:
    import os

    (tmp_path / "c.docx").write_bytes(b"docx")
    (tmp_path / "c.pdf").write_bytes(b"pdf")
    os.utime(tmp_path / "c.docx", (1_790_000_000, 1_790_000_000))
    os.utime(tmp_path / "c.pdf", (1_790_086_400, 1_790_086_400))  # a day later
    docx = _file("Courrier.docx", text=LETTER, path=tmp_path / "c.docx")
    scan = _file("Courrier signé scan.pdf", text="", path=tmp_path / "c.pdf")
    assert twins(scan, docx) and twins(docx, scan)
    os.utime(tmp_path / "c.docx", (1_790_172_800, 1_790_172_800))  # the Word edited since
    assert not twins(scan, docx)


@pytest.mark.parametrize(
    ("name", "page"),
    [
        ("Courrier p2.pdf", 2),
        ("courrier page 2.jpg", 2),
        ("Courrier - suite.pdf", 2),
        ("Courrier p1.pdf", None),
        ("Courrier.pdf", None),
        ("RIB v2.pdf", None),
    ],
)
def test_a_file_named_as_the_next_page_of_another(name: str, page: int | None) -> None:
    assert next_page(_file(name)) == page


def test_the_next_page_follows_the_letter_and_a_lone_p2_is_the_letter() -> None:
    letter, second = _file("Courrier.pdf"), _file("Courrier p2.pdf")
    choice = choose([second, letter], _never_empty)
    assert (choice.files, choice.continued, choice.reason) == ((letter, second), (second,), None)
    alone = choose([second], _never_empty)
    assert (alone.files, alone.continued) == ((second,), ())


def _pages(*texts: list[str]) -> Document:
    return Document(
        type="pdf",
        pages=tuple(Page(n, "\n".join(t), 595, 842) for n, t in enumerate(texts, start=1)),
    )


def test_pages_of_several_pieces_make_runs_and_a_quiet_page_follows_its_piece() -> None:
    call = load_call()
    more_statuts = ["ARTICLE 11 - Ressources", "Les ressources comprennent les cotisations."]
    document = _pages(
        TEXTS["courrier"], TEXTS["attestation_tva"], TEXTS["rib"], TEXTS["statuts"], more_statuts
    )
    assert [(r.kind, r.first, r.last) for r in page_runs(document, call)] == [
        ("courrier", 1, 1),
        ("attestation_tva", 2, 2),
        ("rib", 3, 3),
        ("statuts", 4, 5),
    ]
    # One piece over several pages is not cut; a single page has nothing to cut.
    assert page_runs(_pages(TEXTS["statuts"], more_statuts), call) == ()
    assert page_runs(_pages(TEXTS["courrier"]), call) == ()


def test_a_technique_keeps_its_budget_table_page() -> None:
    document = _pages(TEXTS["dossier_technique"], TEXTS["budget"], TEXTS["dossier_technique"])
    assert page_runs(document, load_call()) == ()


def test_a_run_of_a_piece_that_a_whole_file_already_is_goes_back_to_its_neighbour() -> None:
    runs = (Run("dossier_technique", 1, 4, 20, ()), Run("courrier", 5, 5, 12, ()))
    assert resolve({"Projet.pdf": runs}, {"Courrier.pdf": "courrier"}) == {}
    leading = (Run("courrier", 1, 1, 12, ()), Run("rib", 2, 2, 12, ()), Run("statuts", 3, 4, 9, ()))
    assert resolve({"Scan.pdf": leading}, {"Courrier.pdf": "courrier"}) == {
        "Scan.pdf": (Run("rib", 1, 2, 12, ()), Run("statuts", 3, 4, 9, ()))
    }


def test_a_file_without_a_date_is_not_said_older() -> None:
    """An ODT letter exposes no date; a tax office's PDF has one. « la date la plus récente »
    would be false of either: the date is no criterion then (tester 5, Manufacture)."""
    odt = _file("Courrier Région.odt")
    pdf = _file("Courrier.pdf", metadata={"CreationDate": "D:20261118090000"})
    choice = choose([pdf, odt], _never_empty)
    assert choice.reason != "date"
    dated = _file("Courrier octobre.pdf", metadata={"CreationDate": "D:20261001090000"})
    assert choose([dated, pdf], _never_empty).reason == "date"
