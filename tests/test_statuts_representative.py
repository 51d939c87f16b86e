"""Who represents the association, as statuts really write it.

Statuts typed in Word and exported to PDF, their representation article in each of the ways
associations write it, and the statuts an association published (Zeste de Savoir, article 13:
"Le président a qualité pour représenter l'association dans tous les actes de la vie civile",
which dossierkit used to report as U002 "ne dit pas qui représente l'association").
"""

from __future__ import annotations

from pathlib import Path

import pytest
from realistic import association

from dossierkit.discovery import Entry
from dossierkit.pieces import statuts
from dossierkit.pieces.statuts import StatutsFacts
from dossierkit.reading.files import read_entries
from dossierkit.reading.model import Document, Page
from dossierkit.report.flatten import flatten
from dossierkit.verify import verify

PUBLISHED = Path(__file__).parent / "data" / "published"


def _parse(path: Path) -> StatutsFacts:
    [f] = read_entries([Entry(path=path, rel=path.name, status="file")], workers=0)
    assert f.document is not None
    return statuts.parse(f.document, f.rel)


def test_published_statuts_name_their_president() -> None:
    found = _parse(PUBLISHED / "zeste-de-savoir_statuts.pdf")
    assert found.name is not None and found.name.value == "Zeste de Savoir"
    assert found.legal_basis == "loi 1901"
    assert found.representative_role == "président(e)"
    assert found.representative is not None
    assert found.representative.value == "le president a qualite pour representer l association"
    # Article 13: "Le président, le trésorier et le secrétaire peuvent occasionnellement
    # déléguer leurs pouvoirs à d'autres membres du conseil d'administration."
    assert found.may_delegate is True


def test_published_statuts_alone_raise_no_statuts_finding(tmp_path: Path) -> None:
    folder = tmp_path / "Zeste de Savoir"
    folder.mkdir()
    (folder / "Statuts.pdf").write_bytes((PUBLISHED / "zeste-de-savoir_statuts.pdf").read_bytes())
    found = flatten(verify(folder, read_workers=0).findings)
    assert not [row for row in found if str(row[0]).startswith(("U", "X"))]


@pytest.mark.parametrize(
    ("clause", "role"),
    [
        ("a-qualite", "président(e)"),
        ("en-justice", "président(e)"),
        ("investi", "président(e)"),
        ("representee-par", "président(e)"),
    ],
)
def test_word_statuts_name_their_representative(tmp_path: Path, clause: str, role: str) -> None:
    found = _parse(association.statuts_pdf(tmp_path, clause=clause))
    assert found.name is not None and found.name.value == "Fab'Lab du Ternois"
    assert found.representative is not None
    assert found.representative_role == role


@pytest.mark.slow
def test_statuts_exported_by_libreoffice_name_their_representative(tmp_path: Path) -> None:
    from conftest import require_tool

    require_tool("soffice")
    found = _parse(association.statuts_pdf(tmp_path, clause="a-qualite", libreoffice=True))
    assert (found.representative_role, found.legal_basis) == ("président(e)", "loi 1901")


@pytest.mark.parametrize(
    "text",
    [
        # Members may be represented at the assembly: not the association's representative.
        "Chaque membre peut se faire représenter par un autre membre. Le président convoque "
        "l'assemblée générale.",
        "Le président convoque le conseil. Un membre peut représenter l'association sur mandat.",
    ],
)
def test_statuts_that_do_not_say_who_represents(text: str) -> None:
    document = Document(type="pdf", pages=(Page(1, text, 595, 842),))
    found = statuts.parse(document, "Statuts.pdf")
    assert (found.representative, found.representative_role) == (None, None)


@pytest.mark.parametrize(
    ("text", "may_delegate"),
    [
        ("Le président peut donner délégation au vice-président pour signer.", True),
        (
            "Il ordonnance les dépenses et peut, avec l'accord du conseil, déléguer sa signature.",
            True,
        ),
        ("Le président ne peut déléguer ses pouvoirs.", False),
        # A member's vote delegated at the assembly is not the representative's delegation.
        ("Chaque membre peut déléguer son vote à un autre membre.", None),
        ("Le président représente l'association dans tous les actes de la vie civile.", None),
    ],
)
def test_whether_statuts_let_the_representative_delegate(
    text: str, may_delegate: bool | None
) -> None:
    document = Document(type="pdf", pages=(Page(1, text, 595, 842),))
    assert statuts.parse(document, "Statuts.pdf").may_delegate is may_delegate


@pytest.mark.parametrize(
    ("law", "basis"),
    [
        ("régie par la loi du 1er juillet 1901", "loi 1901"),
        ("régie par la loi du ler juillet 1901", "loi 1901"),  # « 1er » as OCR reads it
        ("régie par la loi du 1 er juillet 1901", "loi 1901"),
        ("régie par la loi du 1° juillet 1901", "loi 1901"),
        ("régie par la loi de 1901", "loi 1901"),
        ("inscrite au registre des associations du tribunal judiciaire", "droit local"),
        ("régie par la loi du 1er juillet 1904", None),  # another law is not this one
    ],
)
def test_the_law_of_1901_as_typed_and_as_ocr_reads_it(law: str, basis: str | None) -> None:
    page = Page(number=1, text=f"STATUTS\nArticle 1\nUne association {law}.", width=595, height=842)
    found = statuts.parse(Document(type="pdf", pages=(page,)), "Statuts.pdf")
    assert found.legal_basis == basis
