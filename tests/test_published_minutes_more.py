"""Minutes that elect a président, published by three more associations, read as an
instructor reads them.

``tests/data/published/SOURCE.md`` gives their source, commit and licence:

- Friends Of OpenPGP (foopgp, Pelleautier, CC BY-SA 4.0): the minutes of its constitutive
  assembly, typed in LibreOffice Writer and exported to PDF. The first members of the
  conseil are listed with the identity a declaration to the prefecture asks for between the
  person and the role ("- Jean-Jacques BRUCKER, de nationalité française, né le 12 mai 1980 à
  Paris (75014), demeurant au …, Ingénieur, en tant que président."), and the association is
  named by the letterhead above its legal form. dossierkit read no election, no association
  (so nothing noticed the minutes of another association) and the président's birth date as
  the day of the meeting.
- Association Sans Nom (ASN, Paris, AGPL-3.0): the minutes of its general assembly of 26
  January 2019, written in Markdown for its website and printed to PDF here. The new bureau
  is a list "Adrien Pachkoff, président", adjoints among them; the document is dated "Fait à
  Paris, le 09/02/2019", two weeks after the meeting, which dossierkit took for the day the
  assembly met, and a "secrétaire adjointe" was read as the secrétaire.
- KerNEL (the association of the Fablab de Lannion, Apache-2.0): its website's account of
  its general assembly of 18 December 2013, after which the new conseil elected the bureau,
  listed "Président : Yann Lossouarn @yann" (a member's handle after the name). dossierkit
  read the association as "KerNEL porteuse du" ("l'association KerNEL porteuse du Fablab de
  Lannion"). Printed to PDF here as the site shows the page.

Joined to the dossier of the Fab'Lab du Ternois, they are another association's papers
(X003) and prove nothing of its representative; in the dossier of their own association
(made here with the generator, signed by the président they elect), they are the evidence of
the signatory's authority. Generated minutes then write the same shapes in the other ways
secretaries write them (a présidente, co-présidentes, the conseil electing after the
assembly, a date of birth or a law's date before the meeting's).
"""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from realistic import association

from dossierkit.call import load_call
from dossierkit.classify import classify
from dossierkit.discovery import Entry
from dossierkit.pieces import minutes
from dossierkit.pieces.minutes import Election
from dossierkit.reading.files import ReadFile, read_entries
from dossierkit.reading.model import Document, Page
from dossierkit.report.flatten import flatten
from dossierkit.verify import Verification, verify

PUBLISHED = Path(__file__).parent / "data" / "published"
FOOPGP = "foopgp_2023-03-20_PV_AGC.pdf"
ASN = "asn_2019-01-26_PV_AG.pdf"
KERNEL = "kernel_2013-12-18_AG.pdf"


@pytest.fixture(scope="module")
def papers() -> dict[str, ReadFile]:
    """The published PDFs, read once (born digital: no OCR)."""
    entries = [
        Entry(path=PUBLISHED / name, rel=name, status="file") for name in (FOOPGP, ASN, KERNEL)
    ]
    return {f.rel: f for f in read_entries(entries, workers=0)}


def _document(papers: dict[str, ReadFile], name: str) -> Document:
    document = papers[name].document
    assert document is not None
    return document


@pytest.mark.parametrize("name", [FOOPGP, ASN, KERNEL])
def test_published_minutes_are_minutes(papers: dict[str, ReadFile], name: str) -> None:
    assert classify(name, _document(papers, name), load_call()).kind == "proces_verbal"
    # Under a scanner's name too: by their content alone.
    assert classify("scan0001.pdf", _document(papers, name), load_call()).kind == "proces_verbal"


def test_published_constitutive_assembly_elects_the_first_conseil(
    papers: dict[str, ReadFile],
) -> None:
    found = minutes.parse(_document(papers, FOOPGP), FOOPGP)
    # "Procès-verbal de l'assemblée générale constitutive du 20 mars 2023.", not the
    # président's birth date ("né le 12 mai 1980 à Paris") nor the law of 1901.
    assert (found.body, found.held_on) == ("assemblée générale constitutive", date(2023, 3, 20))
    # "Friends Of OpenPGP (foopgp)" above "association déclarée par application de la loi…"
    assert found.association is not None
    assert (found.association.value, found.association.page) == ("Friends Of OpenPGP (foopgp)", 1)
    # The chair of the meeting ("désigne Jean-Jacques BRUCKER en qualité de président de
    # séance") is no election; the conseil's first members are, each after their identity.
    assert found.elections == (
        Election("président(e)", "Jean-Jacques BRUCKER", 1),
        Election("trésorier(e)", "Marcelle-Christianne FONTANA-BRUCKER", 1),
    )


def test_published_general_assembly_elects_a_bureau_with_adjoints(
    papers: dict[str, ReadFile],
) -> None:
    found = minutes.parse(_document(papers, ASN), ASN)
    # "Procès-verbal d'Assemblée Générale du 26/01/2019", signed "Fait à Paris, le 09/02/2019".
    assert (found.body, found.held_on) == ("assemblée générale", date(2019, 1, 26))
    assert found.association is not None and found.association.value == "Sans Nom (ASN)"
    # "L'assemblée générale est présidée par Adrien Pachkoff, et Vincent Mercadier en est
    # nommé secrétaire": the meeting's officers; résolution 6 elects the bureau, on page 3.
    assert found.elections == (
        Election("président(e)", "Adrien Pachkoff", 3),
        Election("secrétaire", "Dylan Bourdon", 3),
        Election("trésorier(e)", "Nicolas Idzik", 3),
        Election("vice-président(e)", "Vincent Mercadier", 3),
        Election("vice-président(e)", "Sebastien Bailly", 3),
        Election("secrétaire adjoint(e)", "Margaux Haffner", 3),
        Election("trésorier(e) adjoint(e)", "Julien Clerc", 3),
    )
    assert found.holder("secrétaire") == Election("secrétaire", "Dylan Bourdon", 3)


def test_published_assembly_after_which_the_conseil_elects_the_bureau(
    papers: dict[str, ReadFile],
) -> None:
    found = minutes.parse(_document(papers, KERNEL), KERNEL)
    # "Le mercredi 18 décembre 2013 s'est tenue l'assemblée générale", posted on the 20th
    # ("20 Dec 2013" under the title).
    assert (found.body, found.held_on) == ("assemblée générale", date(2013, 12, 18))
    # "de l'association KerNEL porteuse du Fablab de Lannion"
    assert found.association is not None and found.association.value == "KerNEL"
    # "le CA s'est réuni pour en élire un nouveau : Président : Yann Lossouarn @yann …";
    # "Théophile … en tant que vice-président cette année" is a first name, no election.
    assert found.elections == (
        Election("président(e)", "Yann Lossouarn", 1),
        Election("vice-président(e)", "Nicolas Guedon", 1),
        Election("trésorier(e)", "Cedric Bernard", 1),
        Election("trésorier(e) adjoint(e)", "Laurent Aubertin", 1),
        Election("secrétaire", "Jérôme Labidurie", 1),
        Election("secrétaire adjoint(e)", "David Blaisonneau", 1),
    )


def _findings(result: Verification) -> list[tuple[object, ...]]:
    """(code, severity, piece, file, page), the technique's questions left out."""
    return [row for row in flatten(result.findings) if not str(row[0]).startswith("T")]


# The association each published PV is of, as its own pieces name it, and the président it
# elects, who signs its letter.
_OWN = {
    FOOPGP: ("Friends Of OpenPGP", "Jean-Jacques Brucker", "Jean-Jacques BRUCKER", "2023-03-20"),
    KERNEL: ("KerNEL", "Yann Lossouarn", "Yann Lossouarn", "2013-12-18"),
}


@pytest.fixture(scope="module")
def dossiers(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """The complete dossier of an association, made once per name: the Fab'Lab du Ternois's,
    or the same pieces for the association a published PV is of, signed by its président."""
    made: dict[str, Path] = {}

    def make(short_name: str) -> Path:
        if short_name not in made:
            a = association.ternois()
            president = next((own[1] for own in _OWN.values() if own[0] == short_name), None)
            if president is not None:
                rep = association._generate().Person(president, "Président", "M.")
                a = dataclasses.replace(
                    a,
                    short_name=short_name,
                    structure=f"Association {short_name}",
                    bank=dataclasses.replace(a.bank, holder=f"ASSOCIATION {short_name.upper()}"),
                    legal_rep=rep,
                    signatory=rep,
                )
            folder = tmp_path_factory.mktemp("published") / short_name.replace(" ", "-")
            made[short_name] = association.plain_dossier(folder, a)
        return made[short_name]

    return make


def _with_minutes(base: Path, tmp_path: Path, papers: dict[str, str]) -> Path:
    """A copy of the dossier ``base`` with published minutes joined (file name in the dossier
    → published file)."""
    folder = tmp_path / base.name
    shutil.copytree(base, folder)
    for rel, published in papers.items():
        shutil.copy(PUBLISHED / published, folder / rel)
    return folder


def test_published_minutes_of_other_associations_are_noticed(
    dossiers: Callable[[str], Path], tmp_path: Path
) -> None:
    joined = {"PV AGC 2023.pdf": FOOPGP, "PV AG 2019.pdf": ASN, "AG 2013.pdf": KERNEL}
    folder = _with_minutes(dossiers("Fab'Lab du Ternois"), tmp_path, joined)
    result = verify(folder, read_workers=0)
    # One warning each, on the page that names the association; no « plusieurs fichiers pour
    # la même pièce » (P003): each is its own annex.
    assert sorted(_findings(result), key=str) == [
        ("X003", "warning", "proces_verbal", rel, 1) for rel in sorted(joined)
    ]
    found = {f.file: f.params["found"] for f in result.findings if f.code == "X003"}
    assert found == {
        "PV AGC 2023.pdf": "Friends Of OpenPGP (foopgp)",
        "PV AG 2019.pdf": "Sans Nom (ASN)",
        "AG 2013.pdf": "KerNEL",
    }
    kinds = {f.rel: f.kind for f in result.dossier.files}
    assert {rel: kinds[rel] for rel in joined} == dict.fromkeys(joined, "proces_verbal")
    # They prove nothing for the Fab'Lab (named by the title its statuts give it, which its
    # letterhead agrees with): its présidente is not any of theirs.
    assert result.dossier.fact("structure.name") == "Fab'Lab du Ternois"
    assert result.dossier.fact("legal_representative.name") == "Marie Delattre"
    assert not any(f.file in joined for f in result.dossier.facts if f.name.startswith("legal_"))


# (ASN's own dossier is left out: each costs a dossier made, ~5 s, and its minutes are read
# the same way as KerNEL's, a list of the bureau.)
@pytest.mark.parametrize("published", [FOOPGP, KERNEL])
def test_an_associations_own_minutes_prove_its_signatorys_authority(
    dossiers: Callable[[str], Path], tmp_path: Path, published: str
) -> None:
    short_name, _, elected, since = _OWN[published]
    folder = _with_minutes(dossiers(short_name), tmp_path, {"PV AG.pdf": published})
    result = verify(folder, read_workers=0)
    # Not another association's (X003), no other representative (X002), no délégation asked
    # of the président who signs: the dossier is complete.
    assert _findings(result) == []
    assert result.complete
    chain = {
        f.name: f.value
        for f in result.dossier.facts
        if f.file == "PV AG.pdf" and f.name.startswith("legal_representative.")
    }
    assert chain == {
        "legal_representative.name": elected,
        "legal_representative.role": "président(e)",
        "legal_representative.since": since,
    }
    assert result.dossier.fact("signatory.is_legal_representative") is True


def _text(*lines: str) -> Document:
    return Document(type="pdf", pages=(Page(1, "\n".join(lines), 595, 842),))


_HEADER = (
    "Les Amis du Vélo",
    "association déclarée par application de la loi du 1er juillet 1901 et du décret du 16 août 1901.",
    "Procès-verbal de l'assemblée générale constitutive du 14 mars 2026.",
)

# The shapes of the published minutes, written the other ways secretaries write them.
_ELECTIONS = [
    # foopgp's, for a présidente: her identity between her name and her role.
    (
        (
            "2ème délibération : L'assemblée générale constitutive désigne en qualité de "
            "premiers membres du conseil",
            "- Claire MARTIN, de nationalité française, née le 3 avril 1975 à Lille (59000),",
            "demeurant au 4 rue Haute, 62000 Arras, enseignante, en tant que présidente.",
            "- Paul LEROY, né le 9 juin 1968 à Arras, retraité, en tant que trésorier.",
        ),
        (("président(e)", "Claire MARTIN"), ("trésorier(e)", "Paul LEROY")),
    ),
    # Two co-présidentes, their addresses only.
    (
        (
            "- Anne ROUSSEL, demeurant 2 place du Marché, 62000 Arras, en tant que co-présidente ;",
            "- Lucie CARON, demeurant 8 rue Neuve, 62000 Arras, en tant que co-présidente.",
        ),
        (("co-président(e)", "Anne ROUSSEL"), ("co-président(e)", "Lucie CARON")),
    ),
    # The conseil elects the bureau after the assembly.
    (
        (
            "À l'issue de l'assemblée, le conseil d'administration élit Mme Claire Martin "
            "en tant que présidente.",
        ),
        (("président(e)", "Claire Martin"),),
    ),
    # ASN's list, feminine, with an adjointe.
    (
        (
            "Il est proposé de nommer les membres du nouveau Bureau suivant :",
            "- Claire Martin, présidente",
            "- Paul Leroy, trésorier",
            "- Lucie Caron, trésorière adjointe",
        ),
        (
            ("président(e)", "Claire Martin"),
            ("trésorier(e)", "Paul Leroy"),
            ("trésorier(e) adjoint(e)", "Lucie Caron"),
        ),
    ),
    # KerNEL's list of 2021, with the vote after each name and a président-adjoint.
    (
        (
            "Après le traditionnel bilan moral, un nouveau bureau a été élu :",
            "- Président : David Blaisonneau : Unanimité",
            "- Trésorier : Bernard Arzur : Unanimité",
            "- Président-adjoint : Frédéric Carré : Unanimité",
            "- Secrétaire-adjoint : Maud Daré : Unanimité",
        ),
        (
            ("président(e)", "David Blaisonneau"),
            ("trésorier(e)", "Bernard Arzur"),
            ("président(e) adjoint(e)", "Frédéric Carré"),
            ("secrétaire adjoint(e)", "Maud Daré"),
        ),
    ),
    # The role written for either gender, or as one word.
    (
        (
            "- Claire Martin, président(e)",
            "- Paul Leroy, coprésident",
        ),
        (("président(e)", "Claire Martin"), ("co-président(e)", "Paul Leroy")),
    ),
    # Near misses: the chair of the meeting, a member's identity without a role.
    (
        (
            "L'assemblée générale désigne Claire MARTIN en qualité de présidente de séance et "
            "Paul LEROY en qualité de secrétaire de séance.",
            "- Paul LEROY, né le 9 juin 1968 à Arras, demeurant à Arras, retraité.",
        ),
        (),
    ),
]


@pytest.mark.parametrize(("lines", "elected"), _ELECTIONS)
def test_minutes_elect_in_the_published_shapes(
    lines: tuple[str, ...], elected: tuple[tuple[str, str], ...]
) -> None:
    found = minutes.parse(_text(*_HEADER, *lines, "Fait à Arras, le 2 avril 2026."), "pv.pdf")
    assert found.elections == tuple(Election(role, person, 1) for role, person in elected)
    # The letterhead above its legal form names the association; the title the day it met,
    # neither the law's date before it nor a birth date nor the day it was signed after it.
    assert found.association is not None and found.association.value == "Les Amis du Vélo"
    assert (found.body, found.held_on) == ("assemblée générale constitutive", date(2026, 3, 14))


@pytest.mark.parametrize(
    ("lines", "name", "held_on"),
    [
        (
            (
                "Procès-verbal de l'assemblée générale constitutive",
                "Le Lundi 20 mars 2023 à 13 heures, les fondatrices de l'association Les Amis "
                "du Vélo se sont réunies en assemblée générale constitutive.",
            ),
            "Les Amis du Vélo",
            date(2023, 3, 20),
        ),
        (
            (
                "Les Amis du Vélo",
                "Association régie par la loi du 1er juillet 1901",
                "Modification des statuts du 3 février 2020",
                "Procès-verbal de l'assemblée générale extraordinaire du 14 mars 2026",
            ),
            "Les Amis du Vélo",
            date(2026, 3, 14),
        ),
        (
            (
                "Procès-verbal de l'assemblée générale ordinaire de l'association Les Amis du Vélo",
                "Assemblée réunie sur convocation envoyée par courriel le 06/03/2026, le 14 mars "
                "2026 à 14 h 30.",
                "Modification des statuts — 14/03/2026",
            ),
            "Les Amis du Vélo",
            date(2026, 3, 14),
        ),
        # Near misses: the heading of the association's legal form is not a name, nor the
        # minutes' title above it.
        (
            (
                "PROCÈS-VERBAL DE L'ASSEMBLÉE GÉNÉRALE DU 14 MARS 2026",
                "Association régie par la loi du 1er juillet 1901",
            ),
            None,
            date(2026, 3, 14),
        ),
        (
            (
                "Association déclarée",
                "Procès-verbal de l'assemblée générale ordinaire du 14 mars 2026",
            ),
            None,
            date(2026, 3, 14),
        ),
    ],
)
def test_the_head_of_minutes_names_the_association_and_the_day(
    lines: tuple[str, ...], name: str | None, held_on: date
) -> None:
    found = minutes.parse(_text(*lines), "pv.pdf")
    assert (found.association.value if found.association is not None else None) == name
    assert found.held_on == held_on


def test_word_minutes_in_the_published_shape(tmp_path: Path) -> None:
    """foopgp's shape typed in Word and exported to PDF: read from the PDF's text."""
    from docx import Document as Docx

    doc = Docx()
    for line in (*_HEADER, *_ELECTIONS[0][0], "Fait à Arras, le 2 avril 2026."):
        doc.add_paragraph(line)
    docx = tmp_path / "pv.docx"
    doc.save(str(docx))
    g = association._generate()
    pdf = Path(g.office_to_pdf(docx, tmp_path, use_libreoffice=False, name="PV AG.pdf"))
    [f] = read_entries([Entry(path=pdf, rel=pdf.name, status="file")], workers=0)
    assert f.document is not None
    assert classify(f.rel, f.document, load_call()).kind == "proces_verbal"
    found = minutes.parse(f.document, f.rel)
    assert found.held_on == date(2026, 3, 14)
    assert found.holder("président(e)") == Election("président(e)", "Claire MARTIN", 1)
