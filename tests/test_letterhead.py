"""Who sends a letter, as its letterhead says: the name, never the legal form beside it.

Associations print their name, then their address, then « Association loi 1901 – RNA
W… » and their SIRET; intercommunalités their full name over an « Hôtel communautaire » and
an address. The letterheads below are typed in Word (python-docx), as applicants make them;
the first one is the shape of a letter written outside the project, whose line « Association
loi 1901 – RNA W622004512 » was once taken for the association's name (and the right RIB
then said to be another structure's).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import TEXTS, write_pdf
from dossierkit.pieces.letterhead import find_sender, letterhead_sender
from dossierkit.reading import read_document
from dossierkit.verify import Verification, verify

_BODY = [
    "Boulogne-sur-Mer, le 2 novembre 2026",
    "Monsieur le Président du Conseil régional des Hauts-de-France",
    "Objet : demande de subvention – appel à projets « Tiers-lieux du numérique »",
    "Monsieur le Président,",
]

# (letterhead lines, kind, the name the letterhead gives, the sender's line as written)
LETTERHEADS: dict[str, tuple[list[str], str, str, str]] = {
    "name-address-form-siret": (
        [
            "Les Bidouilleurs du Boulonnais",
            "12 rue de la Lampe – 62200 Boulogne-sur-Mer",
            "Association loi 1901 – RNA W622004512",
            "SIRET 834 512 907 00012",
        ],
        "association",
        "Les Bidouilleurs du Boulonnais",
        "Les Bidouilleurs du Boulonnais",
    ),
    "form-above-the-name": (
        [
            "Association loi 1901",
            "LES BIDOUILLEURS DU BOULONNAIS",
            "12 rue de la Lampe",
            "62200 Boulogne-sur-Mer",
        ],
        "association",
        "LES BIDOUILLEURS DU BOULONNAIS",
        "LES BIDOUILLEURS DU BOULONNAIS",
    ),
    "form-on-the-name-line": (
        [
            "Association Les Bidouilleurs du Boulonnais – loi 1901 – RNA W622004512",
            "12 rue de la Lampe – 62200 Boulogne-sur-Mer",
            "Tél. 03 21 00 00 00 – contact@bidouilleurs.fr",
        ],
        "association",
        "Association Les Bidouilleurs du Boulonnais",
        "Association Les Bidouilleurs du Boulonnais",
    ),
    "declared-association-with-acronym": (
        [
            "Association Fab'Lab du Ternois (FLT)",
            "Association déclarée en préfecture sous le n° W623001234",
            "12 rue des Jardins, 62130 Saint-Pol-sur-Ternoise",
        ],
        "association",
        "Association Fab'Lab du Ternois (FLT)",
        "Association Fab'Lab du Ternois (FLT)",
    ),
    "name-that-ends-like-a-domain": (
        ["Association Cyber Net", "www.cybernet-lens.fr", "3 rue Diderot, 62300 Lens"],
        "association",
        "Association Cyber Net",
        "Association Cyber Net",
    ),
    "cc-with-hotel-and-siret": (
        [
            "Communauté de communes du Pays de Mormal",
            "Hôtel communautaire",
            "Rue Chevray – 59530 Le Quesnoy",
            "SIRET 200 030 286 00018",
        ],
        "intercommunalite",
        "CC du Pays de Mormal",
        "Communauté de communes du Pays de Mormal",
    ),
    "ca-name-on-two-lines": (
        [
            "Communauté d'agglomération",
            "Maubeuge Val de Sambre",
            "1 place du Pavillon",
            "59600 Maubeuge",
        ],
        "intercommunalite",
        "CA Maubeuge Val de Sambre",
        "Communauté d'agglomération",
    ),
}


def _docx(path: Path, lines: list[str]) -> Path:
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(str(path))
    return path


@pytest.mark.parametrize("name", sorted(LETTERHEADS))
def test_the_letterhead_names_the_structure(tmp_path: Path, name: str) -> None:
    lines, kind, structure, line = LETTERHEADS[name]
    document = read_document(_docx(tmp_path / "Courrier.docx", lines + _BODY), "docx")
    sender = letterhead_sender(document)
    assert sender is not None and (sender.kind, sender.name) == (kind, structure)
    found = find_sender(document)
    assert found is not None and found.value == line


def _report(folder: Path, letterhead: list[str], holder: str) -> Verification:
    courrier = [*letterhead, *TEXTS["courrier"][2:]]
    write_pdf(folder / "Courrier.pdf", courrier)
    rib = [line.replace("ASSOCIATION FAB LAB DU TERNOIS", holder) for line in TEXTS["rib"]]
    write_pdf(folder / "RIB.pdf", rib)
    return verify(folder)


def test_the_rib_of_the_association_whose_letterhead_gives_its_legal_form(tmp_path: Path) -> None:
    """The letter's letterhead names « Les Bidouilleurs du Boulonnais » above its « Association
    loi 1901 – RNA » line; the RIB's holder is the association: no finding on the RIB, and
    the structure is the association by its name."""
    report = _report(
        tmp_path,
        LETTERHEADS["name-address-form-siret"][0],
        "ASSOCIATION LES BIDOUILLEURS DU BOULONNAIS",
    )
    assert [f.code for f in report.findings if f.code in ("R006", "X001")] == []
    assert report.dossier.fact("structure.name") == "Les Bidouilleurs du Boulonnais"
    assert report.dossier.fact("structure.kind") == "association"


def test_a_bank_abbreviation_of_association_is_the_association(tmp_path: Path) -> None:
    """« ASS LES ATELIERS DU CLERMONTOIS »: the bank's 32 characters, not another holder."""
    report = _report(
        tmp_path,
        ["Association Les Ateliers du Clermontois", "8 rue de la République – 60600 Clermont"],
        "ASS LES ATELIERS DU CLERMONTOIS",
    )
    assert [f.code for f in report.findings if f.code.startswith("R")] == []


def test_a_legal_form_without_a_name_names_nobody(tmp_path: Path) -> None:
    """Nothing but « Association loi 1901 » and an address above the addressee: no name, and
    neither the address nor « Président du Conseil régional » is taken for one."""
    lines = [
        "Association loi 1901",
        "12 rue de la Lampe – 62200 Boulogne-sur-Mer",
        "Président du Conseil régional des Hauts-de-France",
        "Objet : demande de subvention",
    ]
    document = read_document(_docx(tmp_path / "Courrier.docx", lines), "docx")
    assert letterhead_sender(document) is None
