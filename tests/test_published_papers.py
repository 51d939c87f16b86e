"""Statuts and minutes other associations published, read as an instructor reads them.

Two associations beside Zeste de Savoir (``tests/data/published/SOURCE.md`` gives their
source, commit and licence): COANIMA (Montpellier, CC0), whose statuts give their title
unquoted ("a pour nom COANIMA.") and the power to act to "chaque membre du bureau … investi des
pouvoirs les plus étendus pour agir en toutes circonstances au nom de l'association", which
dossierkit read as statuts of no name with no representative; and Rue Commune (Nantes,
GPL-3.0), whose statuts ("dénommée **Rue Commune**.", "La présidence représente
l'association dans tous les actes de la vie civile") and constitutive assembly's minutes were
written in Markdown and are kept here with the PDF they print to.

Joined to the dossier of the Fab'Lab du Ternois, they are another association's papers (U003,
X003) and the applicant stays the one the letter names; in the dossier of their own
association (Rue Commune's, made here with the generator), they raise nothing. Generated
statuts then write the title and the powers in the other ways associations write them, and
generated minutes the other ways they write who was elected (a feminine "Trésorière" was
missed, so were "élue présidente : X", "la présidence est assurée par X", "le bureau est
composé de : X, présidente ; Y, trésorier").
"""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from realistic import association

from dossierkit.applicant import agrees
from dossierkit.call import load_call
from dossierkit.classify import classify
from dossierkit.discovery import Entry
from dossierkit.pieces import minutes, statuts
from dossierkit.pieces.minutes import Election
from dossierkit.reading.files import ReadFile, read_entries
from dossierkit.reading.model import Document, Page
from dossierkit.report.flatten import flatten
from dossierkit.verify import Verification, verify

PUBLISHED = Path(__file__).parent / "data" / "published"
COANIMA = "coanima_statuts.pdf"
RUE_STATUTS = "rue-commune_statuts.pdf"
RUE_MINUTES = "rue-commune_2026-08-17_PV_AGC.pdf"


@pytest.fixture(scope="module")
def papers() -> dict[str, ReadFile]:
    """The published PDFs, read once (born digital: no OCR)."""
    entries = [
        Entry(path=PUBLISHED / name, rel=name, status="file")
        for name in (COANIMA, RUE_STATUTS, RUE_MINUTES)
    ]
    return {f.rel: f for f in read_entries(entries, workers=0)}


def _document(papers: dict[str, ReadFile], name: str) -> Document:
    document = papers[name].document
    assert document is not None
    return document


@pytest.mark.parametrize(
    ("name", "kind"),
    [(COANIMA, "statuts"), (RUE_STATUTS, "statuts"), (RUE_MINUTES, "proces_verbal")],
)
def test_published_papers_are_classified_as_what_they_are(
    papers: dict[str, ReadFile], name: str, kind: str
) -> None:
    assert classify(name, _document(papers, name), load_call()).kind == kind
    # Under a scanner's name too: by their content alone.
    assert classify("scan0001.pdf", _document(papers, name), load_call()).kind == kind


@pytest.mark.parametrize(
    ("name", "title", "role", "clause", "page"),
    [
        # "a pour nom COANIMA." / "chaque membre du bureau est investi des pouvoirs les plus
        # étendus pour agir en toutes circonstances au nom de l'association" (article 12).
        (COANIMA, "COANIMA", "bureau", "bureau est investi des pouvoirs", 2),
        # "dénommée Rue Commune." / article 29, on page 11 of 16.
        (
            RUE_STATUTS,
            "Rue Commune",
            "président(e)",
            "la presidence represente l association",
            11,
        ),
    ],
)
def test_published_statuts_name_the_association_and_its_representative(
    papers: dict[str, ReadFile], name: str, title: str, role: str, clause: str, page: int
) -> None:
    found = statuts.parse(_document(papers, name), name)
    assert found.name is not None and (found.name.value, found.name.page) == (title, 1)
    assert found.legal_basis == "loi 1901"
    assert found.representative_role == role
    assert found.representative is not None
    assert (found.representative.value, found.representative.page) == (clause, page)
    # Neither lets its representative delegate in so many words.
    assert found.may_delegate is None


def test_published_constitutive_assembly_elects_administrators_not_a_president(
    papers: dict[str, ReadFile],
) -> None:
    found = minutes.parse(_document(papers, RUE_MINUTES), RUE_MINUTES)
    assert (found.body, found.held_on) == ("assemblée générale constitutive", date(2026, 8, 17))
    assert found.association is not None and found.association.value == "Rue Commune"
    # "Jeffrey Abrahamson est désigné président de séance": the chair of the meeting, not the
    # association's président; the assembly elects four administrators, and no role.
    assert found.elections == ()


def _findings(result: Verification) -> list[tuple[object, ...]]:
    """(code, severity, piece, file, page), the technique's questions left out."""
    return [row for row in flatten(result.findings) if not str(row[0]).startswith("T")]


@pytest.fixture(scope="module")
def dossiers(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """The complete dossier of an association, made once per name: the Fab'Lab du Ternois's,
    or the same pieces for Rue Commune (letterhead, RIB holder and all)."""
    made: dict[str, Path] = {}

    def make(short_name: str) -> Path:
        if short_name not in made:
            a = association.ternois()
            if short_name != a.short_name:
                holder = f"ASSOCIATION {short_name.upper()}"
                a = dataclasses.replace(
                    a,
                    short_name=short_name,
                    structure=f"Association {short_name}",
                    bank=dataclasses.replace(a.bank, holder=holder),
                )
            folder = tmp_path_factory.mktemp("published") / short_name
            made[short_name] = association.plain_dossier(folder, a)
        return made[short_name]

    return make


def _copy(base: Path, tmp_path: Path, papers: dict[str, str]) -> Path:
    """A copy of the dossier ``base`` with the published ``papers`` in it (file name in the
    dossier → published file), in place of the dossier's own file of that name."""
    folder = tmp_path / base.name
    shutil.copytree(base, folder)
    for rel, published in papers.items():
        shutil.copy(PUBLISHED / published, folder / rel)
    return folder


def test_published_statuts_of_another_association_are_noticed(
    dossiers: Callable[[str], Path], tmp_path: Path
) -> None:
    folder = _copy(dossiers("Fab'Lab du Ternois"), tmp_path, {"Statuts.pdf": COANIMA})
    result = verify(folder, read_workers=0)
    assert not result.complete
    assert _findings(result) == [("U003", "error", "statuts", "Statuts.pdf", 1)]
    u003 = next(f for f in result.findings if f.code == "U003")
    assert u003.params["found"] == "COANIMA"
    # The letter names who applies; the statuts that disagree carry the error.
    assert result.dossier.fact("structure.name") == "Association Fab'Lab du Ternois"
    assert result.dossier.fact("legal_representative.name") == "Marie Delattre"


def test_published_statuts_and_minutes_of_another_association_are_noticed(
    dossiers: Callable[[str], Path], tmp_path: Path
) -> None:
    folder = _copy(
        dossiers("Fab'Lab du Ternois"),
        tmp_path,
        {"Statuts.pdf": RUE_STATUTS, "PV AG constitutive.pdf": RUE_MINUTES},
    )
    result = verify(folder, read_workers=0)
    assert not result.complete
    assert _findings(result) == [
        ("U003", "error", "statuts", "Statuts.pdf", 1),
        ("X003", "warning", "proces_verbal", "PV AG constitutive.pdf", 1),
        # Rue Commune publishes its « Projet de statuts »: a draft, rightly noticed.
        ("U004", "warning", "statuts", "Statuts.pdf", 1),
    ]
    kinds = {f.rel: f.kind for f in result.dossier.files}
    assert kinds["PV AG constitutive.pdf"] == "proces_verbal"  # not more statuts (no P003)
    assert result.dossier.fact("structure.name") == "Association Fab'Lab du Ternois"
    assert result.dossier.fact("legal_representative.name") == "Marie Delattre"


def test_an_associations_own_published_papers_raise_nothing(
    dossiers: Callable[[str], Path], tmp_path: Path
) -> None:
    # Near miss: Rue Commune's statuts and minutes in the dossier of Rue Commune.
    papers = {"Statuts.pdf": RUE_STATUTS, "PV AG constitutive.pdf": RUE_MINUTES}
    result = verify(_copy(dossiers("Rue Commune"), tmp_path, papers), read_workers=0)
    # The statuts give the exact title, which the letterhead's "Association …" agrees with.
    assert result.dossier.fact("structure.name") == "Rue Commune"
    # Nothing but what they are: a « Projet de statuts » (U004), not another association's.
    assert [row for row in _findings(result) if str(row[0]).startswith(("U", "X"))] == [
        ("U004", "warning", "statuts", "Statuts.pdf", 1)
    ]
    kinds = {f.rel: f.kind for f in result.dossier.files}
    assert kinds["PV AG constitutive.pdf"] == "proces_verbal"


@pytest.mark.parametrize(
    ("read", "written"),
    [
        # What the published statuts are read to say, and how the association's other
        # pieces write its name (letterhead, RIB holder): the same association.
        ("COANIMA", "Association COANIMA"),
        ("COANIMA", "ASSOCIATION COANIMA"),
        ("Rue Commune", "Association Rue Commune"),
        ("Rue Commune", "ASSOC RUE COMMUNE"),
    ],
)
def test_published_titles_agree_with_their_associations_letterhead(read: str, written: str) -> None:
    assert agrees(read, written)
    assert not agrees(read, "Association Fab'Lab du Ternois")


# The other ways statuts write their title, unquoted, and the representative's powers.
_TITLES = [
    "a pour nom Club informatique d'Arras.",
    "dénommée **Club informatique d'Arras**, ci-après « l'association ».",
]
_POWERS = {
    "Le président est investi des pouvoirs les plus étendus pour agir en toutes circonstances "
    "au nom de l'association.": "président(e)",
    "Chaque membre du bureau est investi des pouvoirs les plus étendus pour agir au nom de "
    "l'association.": "bureau",
    "Le conseil d'administration dispose des pouvoirs les plus étendus pour agir au nom de "
    "l'association.": "conseil d'administration",
    # The powers go to the conseil, the representation to the président: the latter wins.
    "Le conseil d'administration est investi des pouvoirs les plus étendus pour agir au nom "
    "de l'association. La présidente représente l'association dans tous les actes de la vie "
    "civile.": "président(e)",
    "La trésorière a tous pouvoirs pour agir au nom de l'association auprès des banques.": (
        "trésorier(e)"
    ),
}


@pytest.fixture(scope="module")
def club_statuts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Club's statuts typed in Word (made once; each test edits a copy)."""
    g = association._generate()
    other = association.ternois(short_name=association.OTHER)
    return Path(g.make_statuts_docx(tmp_path_factory.mktemp("club") / "statuts.docx", other))


def _word_statuts(club_statuts: Path, folder: Path, title: str, clause: str) -> Path:
    """The Club's statuts exported to PDF, their title written ``title`` (after "une
    association régie par la loi…, ", no title above the articles) and their representation
    ``clause``."""
    docx = folder / "statuts.docx"
    shutil.copy(club_statuts, docx)
    association.replace_text(
        docx, f"ayant pour titre : « {association.OTHER} ».", title.replace("**", "")
    )
    association.replace_text(docx, f"« {association.OTHER.upper()} »", "")
    association.replace_text(docx, association._GENERATED_CLAUSE, clause)
    g = association._generate()
    return Path(g.office_to_pdf(docx, folder, use_libreoffice=False, name="Statuts.pdf"))


@pytest.mark.parametrize("title", _TITLES)
def test_word_statuts_with_an_unquoted_title(
    club_statuts: Path, tmp_path: Path, title: str
) -> None:
    clause = next(iter(_POWERS))  # "Le président est investi des pouvoirs les plus étendus…"
    pdf = _word_statuts(club_statuts, tmp_path, title, clause)
    [f] = read_entries([Entry(path=pdf, rel=pdf.name, status="file")], workers=0)
    assert f.document is not None
    found = statuts.parse(f.document, f.rel)
    assert found.name is not None and found.name.value == association.OTHER
    assert found.representative_role == "président(e)"


@pytest.mark.parametrize(("clause", "role"), list(_POWERS.items()))
def test_statuts_that_give_the_powers_to_act(clause: str, role: str) -> None:
    text = f"ARTICLE 12 – Pouvoirs\n{clause}"
    found = statuts.parse(Document(type="pdf", pages=(Page(1, text, 595, 842),)), "Statuts.pdf")
    assert found.representative_role == role


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("STATUTS DE L'ASSOCIATION : COANIMA\nArticle 1\nUne association.", "COANIMA"),
        ("Projet de statuts de l’association Rue Commune\nPréambule", "Rue Commune"),
        ("Article 1 - Dénomination : Les Amis du Vélo\nArticle 2", "Les Amis du Vélo"),
        ("une association, ayant pour titre : Infobourg.", "Infobourg"),
        (
            "une association dénommée Fab'Lab du Ternois, régie par la loi de 1901.",
            "Fab'Lab du Ternois",
        ),
        (
            "Il est fondé une association sous la dénomination Les Amis du Vélo (LAV).",
            "Les Amis du Vélo",
        ),
        # Near misses: an organ's name, the association called by a common noun, a heading.
        ("Il est créé un conseil, dénommé Conseil d'animation, qui se réunit.", None),
        ("L'association, ci-après dénommée l'association, est régie par la loi.", None),
        ("Article 1 — Constitution et dénomination\nIl est fondé une association.", None),
    ],
)
def test_the_title_of_statuts_however_written(text: str, title: str | None) -> None:
    found = statuts.parse(Document(type="pdf", pages=(Page(1, text, 595, 842),)), "Statuts.pdf")
    assert (found.name.value if found.name is not None else None) == title


def test_a_member_acting_for_the_association_is_not_its_representative() -> None:
    text = "Chaque membre peut agir au nom de l'association lors des manifestations."
    found = statuts.parse(Document(type="pdf", pages=(Page(1, text, 595, 842),)), "Statuts.pdf")
    assert (found.representative, found.representative_role) == (None, None)


# Who minutes say was elected, in the other ways secretaries write it; the chair of the
# meeting is never the association's président.
_ELECTIONS = [
    (
        ("Sont élus :", "Président : M. Jean Dupont", "Trésorière : Mme Anne Leroy"),
        (("président(e)", "Jean Dupont"), ("trésorier(e)", "Anne Leroy")),
    ),
    (("A été élue présidente : Claire Martin",), (("président(e)", "Claire Martin"),)),
    (("La présidence sera assurée par Claire Martin.",), (("président(e)", "Claire Martin"),)),
    (
        ("Le conseil d'administration a élu Claire Martin présidente.",),
        (("président(e)", "Claire Martin"),),
    ),
    (
        ("Mme Claire Martin, élue présidente à l'unanimité, remercie l'assemblée.",),
        (("président(e)", "Claire Martin"),),
    ),
    (
        (
            "Le nouveau bureau est composé de : Claire Martin, présidente ; Paul Leroy, "
            "trésorier ; Lucie Caron, secrétaire.",
        ),
        (
            ("président(e)", "Claire Martin"),
            ("trésorier(e)", "Paul Leroy"),
            ("secrétaire", "Lucie Caron"),
        ),
    ),
    (("Membres présents :", "Claire Martin (présidente)"), (("président(e)", "Claire Martin"),)),
    (
        (
            "Jean-Wilfrid Poullet est nommé en qualité de président de l'association.",
            "Catherine Pagès est nommée en qualité de secrétaire de l'association.",
        ),
        (("président(e)", "Jean-Wilfrid Poullet"), ("secrétaire", "Catherine Pagès")),
    ),
    # Near misses: the chair and the secretary of the meeting.
    (("La présidence de séance est assurée par Marie Durand.",), ()),
    (("Marie Durand (présidente de séance)",), ()),
    (("Présidente de séance : Marie Durand",), ()),
]


def _word_minutes(folder: Path, lines: tuple[str, ...]) -> Path:
    """A procès-verbal typed in Word, its election written as ``lines``, exported to PDF."""
    from docx import Document as Docx

    g = association._generate()
    doc = Docx()
    for line in (
        "Association Club informatique d'Arras",
        "Procès-verbal de l'assemblée générale ordinaire du 14 mars 2026",
        "L'assemblée générale s'est réunie le 14 mars 2026 à Arras.",
        *lines,
        "L'ordre du jour étant épuisé, la séance est levée.",
    ):
        doc.add_paragraph(line)
    docx = folder / "pv.docx"
    doc.save(str(docx))
    return Path(g.office_to_pdf(docx, folder, use_libreoffice=False, name="PV AG.pdf"))


@pytest.mark.parametrize(("lines", "elected"), _ELECTIONS)
def test_word_minutes_elect_in_other_words(
    tmp_path: Path, lines: tuple[str, ...], elected: tuple[tuple[str, str], ...]
) -> None:
    pdf = _word_minutes(tmp_path, lines)
    [f] = read_entries([Entry(path=pdf, rel=pdf.name, status="file")], workers=0)
    assert f.document is not None
    assert classify(f.rel, f.document, load_call()).kind == "proces_verbal"
    found = minutes.parse(f.document, f.rel)
    assert (found.body, found.held_on) == ("assemblée générale ordinaire", date(2026, 3, 14))
    assert found.association is not None and found.association.value == association.OTHER
    assert found.elections == tuple(Election(role, person, 1) for role, person in elected)
