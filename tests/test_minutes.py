"""Minutes of an association (PV d'AGO, d'AGE, de conseil d'administration, composition du
bureau) are their own annex, read for who was elected to what and when.

Real minutes published by an association (Zeste de Savoir, CC BY 4.0, see
``tests/data/published/SOURCE.md``), minutes typed in Word and exported to PDF, and the same
printed and scanned with a phone app.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from realistic import association

from dossierkit.call import load_call
from dossierkit.classify import classify
from dossierkit.discovery import Entry
from dossierkit.pieces import minutes
from dossierkit.pieces.minutes import Election, MinutesFacts
from dossierkit.reading.files import ReadFile, read_entries, with_ocr
from dossierkit.reading.model import Document, Page
from dossierkit.reading.ocr import OcrOptions

PUBLISHED = Path(__file__).parent / "data" / "published"


def _read(path: Path, rel: str | None = None) -> ReadFile:
    entry = Entry(path=path, rel=rel or path.name, status="file")
    [found] = with_ocr(read_entries([entry], workers=0), OcrOptions())
    assert found.document is not None
    return found


def _parse(path: Path, rel: str | None = None) -> tuple[str, MinutesFacts]:
    """The kind the file is classified as (under the name ``rel``), and its minutes."""
    f = _read(path, rel)
    assert f.document is not None
    return classify(f.rel, f.document, load_call()).kind, minutes.parse(f.document, f.rel)


def _text(*lines: str) -> Document:
    return Document(type="pdf", pages=(Page(1, "\n".join(lines), 595, 842),))


@pytest.mark.parametrize("rel", ["PV CA 2025.pdf", "scan0001.pdf"])
def test_published_board_minutes_elect_the_bureau(rel: str) -> None:
    kind, found = _parse(PUBLISHED / "zeste-de-savoir_2025-03-01_PV_RCA.pdf", rel)
    assert kind == "proces_verbal"  # by its name, and by its content alone
    assert (found.body, found.held_on) == ("conseil d'administration", date(2025, 3, 1))
    assert found.association is not None and found.association.value == "Zeste de Savoir"
    # "Candidat pour la présidence : Amaury CARRADE … => Approuvé à l'unanimité"; the
    # "Président de séance" is not an election.
    assert found.elections == (
        Election("président(e)", "Amaury CARRADE", 1),
        Election("trésorier(e)", "Willy KONGUEM MBOUGUEN", 1),
        Election("secrétaire", "Alban TRAINEAU", 1),
        Election("vice-secrétaire", "Jean LAPOSTOLLE", 1),
    )


def test_published_extraordinary_assembly_elects_nobody() -> None:
    kind, found = _parse(PUBLISHED / "zeste-de-savoir_2023-11-25_PV_AGE.pdf", "scan0002.pdf")
    assert kind == "proces_verbal"  # though it speaks of statuts throughout
    assert found.body == "assemblée générale extraordinaire"
    assert found.held_on == date(2023, 11, 25)
    assert found.association is not None and found.association.value == "Zeste de Savoir"
    assert found.elections == ()


def test_published_minutes_naming_people_by_pseudonym_give_no_name() -> None:
    # "Amaury élu avec 5 votes pour": a first name or a pseudonym is not a person's name.
    kind, found = _parse(PUBLISHED / "zeste-de-savoir_2022-05-08_PV_RCA.pdf", "scan0003.pdf")
    assert kind == "proces_verbal"
    assert (found.body, found.held_on, found.elections) == (
        "conseil d'administration",
        date(2022, 5, 8),
        (),
    )


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            ("Mme Marie Durand est réélue présidente à l'unanimité.",),
            (Election("président(e)", "Marie Durand", 1),),
        ),
        (
            ("Le conseil élit M. Jean-Pierre Leclercq au poste de trésorier.",),
            (Election("trésorier(e)", "Jean-Pierre Leclercq", 1),),
        ),
        (
            ("Composition du bureau", "Présidente : Claire Martin", "Vice-président : Hugo Petit"),
            (
                Election("président(e)", "Claire Martin", 1),
                Election("vice-président(e)", "Hugo Petit", 1),
            ),
        ),
        (
            ("Liste des dirigeants", "Sébastien Trutié de Vaucresson — président"),
            (Election("président(e)", "Sébastien Trutié de Vaucresson", 1),),
        ),
        (
            ("Sont élus au bureau : Présidente : Claire Martin ; Trésorier : Hugo Petit",),
            (
                Election("président(e)", "Claire Martin", 1),
                Election("trésorier(e)", "Hugo Petit", 1),
            ),
        ),
        (
            (
                "Liste des dirigeants",
                "Nom Prénom Fonction Adresse",
                "DELATTRE Marie Présidente 3 rue",
            ),
            (Election("président(e)", "DELATTRE Marie", 1),),
        ),
        # Near misses: the chair of the meeting, a candidacy never voted.
        (("Président de séance : Marie Durand", "Secrétaire de séance : Paul Leroy"), ()),
        (("Candidat pour la présidence : Marie Durand", "Le vote est reporté."), ()),
    ],
)
def test_the_ways_minutes_write_an_election(
    lines: tuple[str, ...], expected: tuple[Election, ...]
) -> None:
    assert minutes.parse(_text(*lines), "pv.pdf").elections == expected


def _ternois_minutes() -> association.Minutes:
    return association.Minutes(
        "Fab'Lab du Ternois", date(2026, 3, 14), "Saint-Pol-sur-Ternoise", "Marie Delattre"
    )


def _expect_ternois(kind: str, found: MinutesFacts, page: int | None = 1) -> None:
    """The Fab'Lab's minutes read right (``page`` None for a DOCX, which has no pages)."""
    assert kind == "proces_verbal"
    assert (found.body, found.held_on) == ("assemblée générale ordinaire", date(2026, 3, 14))
    assert found.association is not None and found.association.value == "Fab'Lab du Ternois"
    assert found.holder("président(e)") == Election("président(e)", "Marie Delattre", page)
    assert {e.role: e.person for e in found.elections} == {
        "président(e)": "Marie Delattre",
        "trésorier(e)": "Paul Leroy",
        "secrétaire": "Lucie Caron",
    }


def test_word_minutes_with_their_bureau_in_a_table(tmp_path: Path) -> None:

    docx = association.minutes_docx(tmp_path / "PV AG 2026.docx", _ternois_minutes())
    _expect_ternois(*_parse(docx), page=None)


@pytest.mark.slow
def test_minutes_exported_by_libreoffice(tmp_path: Path) -> None:

    pdf = association.minutes_pdf(tmp_path, _ternois_minutes(), libreoffice=True)
    _expect_ternois(*_parse(pdf))


@pytest.mark.slow
def test_minutes_scanned_with_a_phone_app(tmp_path: Path, ocr_cache: Path) -> None:

    from conftest import require_tool

    require_tool("tesseract")
    scan = association.scanned_minutes(tmp_path / "Scan 14-03-2026.pdf", _ternois_minutes())
    _expect_ternois(*_parse(scan))


def test_the_elected_president_comes_before_the_outgoing_one() -> None:
    document = _text(
        "Marie Durand, présidente sortante, ouvre la séance à 18 h 30.",
        "Après le vote, M. Paul Leroy est élu président à l'unanimité.",
    )
    found = minutes.parse(document, "pv.pdf")
    assert found.holder("président(e)") == Election("président(e)", "Paul Leroy", 1)
    # The outgoing présidente is no président(e): she is not listed as elected.
    assert found.elections == (Election("président(e)", "Paul Leroy", 1),)


def test_word_list_of_leaders_in_a_table(tmp_path: Path) -> None:
    leaders = (("DELATTRE", "Marie", "Présidente"), ("LEROY", "Paul", "Trésorier"))
    path = association.leaders_docx(
        tmp_path / "Liste des dirigeants.docx", "Fab'Lab du Ternois", date(2026, 1, 5), leaders
    )
    kind, found = _parse(path)
    assert kind == "proces_verbal"
    assert found.body == "liste des dirigeants"
    assert found.association is not None and found.association.value == "Fab'Lab du Ternois"
    assert found.elections == (
        Election("président(e)", "DELATTRE Marie", None),
        Election("trésorier(e)", "LEROY Paul", None),
    )
