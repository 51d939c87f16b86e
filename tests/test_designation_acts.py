"""The intercommunalité's designation of the structure that carries the tiers-lieu, read.

The call: « Le portage doit être assuré à l'échelle intercommunale (par l'intercommunalité ou
une structure désignée par elle …) ». T013 once said nothing as soon as any file was taken
for a designation or a délibération: the délibération by which the EPCI designated another
association, a délibération of the intercommunalité of another territory, or one that
approves the compte administratif all passed. The act is now read (``pieces/designation``):
which body decided, the day, the object, which structure it designates or entrusts with the
tiers-lieu, which it only supports.

The acts are made the way EPCI print them: the extract of the register of délibérations that
their acts software prints (reportlab: heading, « Séance du … », « Objet : … », « Après en
avoir délibéré … DÉSIGNE … », « Pour extrait certifié conforme », the président's
signature), an arrêté of the président (« Vu … ARRÊTE : Article 1 – … »), letters of the
président typed in Word and exported to PDF. The whole dossiers are copies of
``samples/association-complete`` (the Fab'Lab du Ternois, designated by the CC du Ternois)
whose délibération is replaced, whose plan is drawn and statuts typed instead of photographed
and scanned (no OCR: every test here is fast).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from realistic.association import statuts_pdf
from realistic.slides import write_plan_pdf

from conftest import SAMPLES
from dossierkit.findings import Severity
from dossierkit.pieces.designation import DesignationFacts, parse
from dossierkit.reading import read_document
from dossierkit.report.data import report_data
from dossierkit.text import fold
from dossierkit.verify import verify

TERNOIS = "Communauté de communes du Ternois"
APPLICANT = "Fab'Lab du Ternois"
PROJECT = "La Fabrique du Ternois"
ACT = "Délibération CC du Ternois - désignation.pdf"


def _act_pdf(
    path: Path,
    head: list[str],
    titles: list[str],
    body: list[str],
    *,
    signer: str = "Marc Delattre",
    signer_title: str = "Le Président,",
    closing: tuple[str, ...] = ("Pour extrait certifié conforme,",),
) -> Path:
    """An act as the EPCI's software prints it: heading, titles, text, « Fait à … », the
    signer's title, a pasted signature and the name."""
    import generate
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer

    styles = getSampleStyleSheet()
    story: list[Any] = [Paragraph(line, styles["Normal"]) for line in head]
    story += [Spacer(1, 24), *(Paragraph(t, styles["Title"]) for t in titles)]
    story += [Paragraph(text, styles["BodyText"]) for text in body]
    signature = generate.make_signature_png(path.with_suffix(".png"), signer, seed=3)
    story += [
        Spacer(1, 12),
        *(Paragraph(line, styles["Normal"]) for line in closing),
        Paragraph("Fait à Saint-Pol-sur-Ternoise, le 2 octobre 2026", styles["Normal"]),
        Paragraph(signer_title, styles["Normal"]),
        Image(str(signature), width=120, height=50),
        Paragraph(signer, styles["Normal"]),
    ]
    SimpleDocTemplate(str(path), pagesize=A4, title=titles[0], author=signer).build(story)
    signature.unlink()
    return path


def _deliberation(path: Path, heading: str, subject: str, decided: list[str]) -> Path:
    """An extract of the register of the conseil communautaire's délibérations."""
    return _act_pdf(
        path,
        [heading, "Saint-Pol-sur-Ternoise"],
        ["EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL COMMUNAUTAIRE"],
        [
            "Séance du mardi 29 septembre 2026 — Délibération n° 2026-09-14",
            "Nombre de conseillers en exercice : 48 – présents : 39 – votants : 44",
            f"Objet : {subject}",
            "Vu le code général des collectivités territoriales ;",
            "Vu l'appel à projets « Tiers-lieux du numérique » de la Région Hauts-de-France ;",
            "Le conseil communautaire, après en avoir délibéré, à l'unanimité :",
            *decided,
            "Adopté à l'unanimité.",
        ],
    )


def designates_applicant(path: Path) -> Path:
    """The proper délibération: the applicant designated, with its élu and agent référents."""
    return _deliberation(
        path,
        TERNOIS,
        f"Tiers-lieu du numérique « {PROJECT} » – désignation de la structure porteuse",
        [
            f"– DÉSIGNE l'association {APPLICANT} comme structure porteuse du tiers-lieu "
            f"« {PROJECT} » ;",
            "– désigne M. Jean-Luc Vasseur, vice-président, élu référent, et Mme Camille "
            "Lefebvre, agent référent ;",
            "– autorise le Président à signer la convention d'objectifs avec l'association.",
        ],
    )


def designates_another(path: Path) -> Path:
    """The EPCI designated another association of its territory."""
    return _deliberation(
        path,
        TERNOIS,
        "Tiers-lieu du numérique – désignation de l'association Ternois Numérique Solidaire",
        [
            "– désigne l'association Ternois Numérique Solidaire comme structure porteuse du "
            "tiers-lieu numérique de la communauté de communes ;",
            "– autorise le Président à signer tout document afférent.",
        ],
    )


def of_another_epci(path: Path) -> Path:
    """The délibération of the neighbouring intercommunalité (the applicant took the wrong
    file from a shared folder)."""
    return _deliberation(
        path,
        "Communauté de communes des 7 Vallées",
        "Tiers-lieu du numérique – désignation de la structure porteuse",
        [
            f"– désigne l'association {APPLICANT} comme structure porteuse du tiers-lieu "
            "numérique ;",
        ],
    )


def unrelated(path: Path) -> Path:
    """A délibération of the EPCI on another object."""
    return _deliberation(
        path,
        TERNOIS,
        "Approbation du compte administratif 2025 – budget principal",
        [
            "– APPROUVE le compte administratif 2025 du budget principal, arrêté en "
            "fonctionnement à 12 480 312,45 € de dépenses et 13 102 877,10 € de recettes ;",
            "– FIXE les tarifs de la piscine communautaire à compter du 1er janvier 2027.",
        ],
    )


def arrete(path: Path) -> Path:
    """An arrêté of the président, by delegation of the council."""
    return _act_pdf(
        path,
        [TERNOIS, "Saint-Pol-sur-Ternoise"],
        ["ARRÊTÉ DU PRÉSIDENT N° 2026-A-118", "Portant désignation de la structure porteuse"],
        [
            "Le Président de la Communauté de communes du Ternois,",
            "Vu le code général des collectivités territoriales, notamment son article "
            "L. 5211-10 ;",
            "Vu la délibération n° 2020-07-03 du 15 juillet 2020 portant délégation "
            "d'attributions du conseil communautaire au Président ;",
            "Considérant l'appel à projets « Tiers-lieux du numérique » de la Région "
            "Hauts-de-France ;",
            "ARRÊTE :",
            f"Article 1 : L'association {APPLICANT} est désignée comme structure porteuse du "
            f"tiers-lieu « {PROJECT} ».",
            "Article 2 : Le Directeur général des services est chargé de l'exécution du "
            "présent arrêté.",
        ],
        closing=(),
    )


def _letter(path: Path, paragraphs: list[str]) -> Path:
    """A letter of the président typed in Word and exported to PDF."""
    import generate
    from docx import Document

    document = Document()
    for line in [TERNOIS, "Hôtel communautaire", "62130 Saint-Pol-sur-Ternoise", ""]:
        document.add_paragraph(line)
    for line in [
        "Madame la Présidente",
        f"Association {APPLICANT}",
        "Saint-Pol-sur-Ternoise, le 5 octobre 2026",
        "Madame la Présidente,",
        *paragraphs,
        "Je vous prie d'agréer, Madame la Présidente, l'expression de mes salutations distinguées.",
        "Le Président,",
        "Marc Delattre",
    ]:
        document.add_paragraph(line)
    docx = path.with_suffix(".docx")
    document.save(str(docx))
    generate.office_to_pdf(docx, path.parent, use_libreoffice=False, name=path.name)
    docx.unlink()
    return path


def letter_designating(path: Path) -> Path:
    """The président's letter that designates."""
    return _letter(
        path,
        [
            "Objet : désignation de la structure porteuse du tiers-lieu du numérique",
            "J'ai le plaisir de vous confirmer que la Communauté de communes du Ternois confie "
            f"le portage du tiers-lieu « {PROJECT} » à l'association {APPLICANT}, "
            "qu'elle désigne ainsi au titre de l'appel à projets de la Région.",
        ],
    )


def letter_of_support(path: Path) -> Path:
    """A letter of support, which designates nobody."""
    return _letter(
        path,
        [
            "Objet : soutien au projet de tiers-lieu numérique",
            f"La Communauté de communes du Ternois soutient la candidature de l'association "
            f"{APPLICANT} à l'appel à projets « Tiers-lieux du numérique » et se réjouit de ce "
            "projet pour le territoire.",
        ],
    )


def _read(path: Path) -> DesignationFacts:
    return parse(read_document(path, "pdf"), path.name)


@pytest.fixture(scope="module")
def acts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("acts")
    makers: dict[str, Callable[[Path], Path]] = {
        "applicant": designates_applicant,
        "another": designates_another,
        "epci": of_another_epci,
        "unrelated": unrelated,
        "arrete": arrete,
        "letter": letter_designating,
        "support": letter_of_support,
    }
    return {name: make(folder / f"{name}.pdf") for name, make in makers.items()}


def test_a_deliberation_is_read_for_its_body_day_object_and_the_structure(
    acts: dict[str, Path],
) -> None:
    facts = _read(acts["applicant"])
    assert facts.form == "deliberation"
    assert facts.body is not None and facts.body.value == TERNOIS
    assert (facts.body_kind, facts.epci) == ("intercommunalite", "200069672")
    assert facts.held_on == date(2026, 9, 29)  # the sitting, not the signature
    assert facts.subject is not None
    assert facts.subject.value.startswith("Tiers-lieu du numérique « La Fabrique du Ternois »")
    # The élu and the agent référents, and the Président authorised to sign, are persons:
    # only the association is designated.
    assert [d.name for d in facts.designated] == [f"association {APPLICANT}"]
    assert facts.designated[0].sentence.startswith("DÉSIGNE l'association")
    assert facts.designated[0].page == 1
    assert facts.supported == ()


def test_another_structure_another_epci_and_another_object(acts: dict[str, Path]) -> None:
    another = _read(acts["another"])
    assert [d.name for d in another.designated] == ["association Ternois Numérique Solidaire"]
    epci = _read(acts["epci"])
    assert epci.epci == "200044030"  # the CC des 7 Vallées
    assert [d.name for d in epci.designated] == [f"association {APPLICANT}"]
    other = _read(acts["unrelated"])
    assert other.form == "deliberation" and other.body_kind == "intercommunalite"
    assert other.designated == () and other.supported == ()
    assert other.subject is not None and "compte administratif" in other.subject.value


def test_an_arrete_and_letters_of_the_president(acts: dict[str, Path]) -> None:
    arrete = _read(acts["arrete"])
    assert arrete.form == "arrete"
    assert [d.name for d in arrete.designated] == [f"association {APPLICANT}"]
    letter = _read(acts["letter"])
    assert letter.form == "courrier"
    assert [d.name for d in letter.designated] == [f"association {APPLICANT}"]
    assert letter.held_on == date(2026, 10, 5)
    support = _read(acts["support"])
    assert support.form == "courrier" and support.designated == ()
    assert [s.name for s in support.supported] == [f"association {APPLICANT}"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Le conseil communautaire décide de désigner l'association Fab'Lab du Ternois en "
        "qualité de porteur du projet de tiers-lieu.",
        "Le conseil communautaire désigne, comme structure porteuse du tiers-lieu, "
        "l'association Fab'Lab du Ternois.",
        "Le conseil communautaire confie à l'association Fab'Lab du Ternois le portage du "
        "tiers-lieu numérique.",
        "Le conseil communautaire retient l'association Fab'Lab du Ternois comme porteur du "
        "tiers-lieu.",
        "Le conseil communautaire autorise l'association Fab'Lab du Ternois à déposer la "
        "candidature du territoire.",
        "Le conseil communautaire DÉSIGNE L'ASSOCIATION « FAB'LAB DU TERNOIS » COMME "
        "STRUCTURE PORTEUSE DU TIERS-LIEU.",
        "Le conseil communautaire désigne l'association Fab'Lab du Ternois (FLT), présidée par "
        "Mme Claire Martin, comme structure porteuse du tiers-lieu.",
        "Le conseil communautaire désigne l'association Fab'Lab du Ternois, structure porteuse "
        "du tiers-lieu numérique.",
        "Le conseil communautaire désigne l'association Fab'Lab du Ternois pour porter le "
        "tiers-lieu numérique.",
    ],
)
def test_the_ways_an_act_designates(tmp_path: Path, sentence: str) -> None:
    path = _deliberation(tmp_path / "d.pdf", TERNOIS, "Tiers-lieu du numérique", [sentence])
    # As written, capitals and all: the names are compared folded.
    assert [fold(d.name) for d in _read(path).designated] == ["association fab lab du ternois"]


def test_an_act_whose_object_alone_names_the_structure(tmp_path: Path) -> None:
    path = _deliberation(
        tmp_path / "d.pdf",
        TERNOIS,
        f"Désignation de l'association {APPLICANT} comme structure porteuse du tiers-lieu",
        ["– APPROUVE la désignation proposée par le bureau communautaire."],
    )
    assert [d.name for d in _read(path).designated] == [f"association {APPLICANT}"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Le conseil communautaire désigne Claire Morel comme élue référente du tiers-lieu.",
        "Le conseil communautaire désigne Jean Dupont et Anne Roussel pour siéger au comité de "
        "pilotage du tiers-lieu.",
        "Le conseil communautaire désigne Mme Camille Lefebvre, chargée de mission, comme agent "
        "référent du tiers-lieu.",
        "Le conseil communautaire autorise le Président à signer la convention avec "
        "l'association Fab'Lab du Ternois.",
        "Le conseil communautaire prend acte du projet de tiers-lieu numérique.",
    ],
)
def test_persons_and_other_decisions_are_not_designated(tmp_path: Path, sentence: str) -> None:
    path = _deliberation(tmp_path / "d.pdf", TERNOIS, "Tiers-lieu du numérique", [sentence])
    assert _read(path).designated == ()


def test_the_associations_own_letter_is_not_the_intercommunalites() -> None:
    """A second version of the request letter is classified as a courrier beside the one
    used: its letterhead is the association's, and the intercommunalité it names further
    down (« structure désignée par la CC du Ternois ») did not write it."""
    path = SAMPLES / "association-complete" / "01 - Courrier de demande.pdf"
    facts = _read(path)
    assert facts.body_kind == "association"
    assert facts.body is not None and facts.body.value == f"Association {APPLICANT}"


def test_a_blank_scan_is_unreadable(tmp_path: Path) -> None:
    from conftest import scanned_pdf_bytes

    path = tmp_path / "scan.pdf"
    path.write_bytes(scanned_pdf_bytes(""))
    assert _read(path).readable is False


# Whole dossiers ---------------------------------------------------------------------------


def _dossier(
    base: Path, name: str, act: Callable[[Path], Path] | None, file: str, statuts: Path
) -> Path:
    """``samples/association-complete`` copied, its plan drawn and its statuts typed (no
    OCR: the sample's are a photo and a scan), its délibération replaced by ``act`` written
    as ``Annexes/<file>`` (kept when ``act`` is None)."""
    folder = base / name
    shutil.copytree(SAMPLES / "association-complete", folder)
    annexes = folder / "Annexes"
    (annexes / "Plan d'agencement.jpg").unlink()
    write_plan_pdf(annexes / "Plan d'agencement.pdf", f"Plan d'agencement — {PROJECT}")
    shutil.copyfile(statuts, folder / "Statuts signés.pdf")
    if act is not None:
        (annexes / ACT).unlink()
        act(annexes / file)
    return folder


DOSSIERS: dict[str, tuple[Callable[[Path], Path] | None, str]] = {
    "sample": (None, ACT),
    "applicant": (designates_applicant, ACT),
    "another": (designates_another, ACT),
    "epci": (of_another_epci, "Délibération désignation porteur.pdf"),
    "unrelated": (unrelated, "Délibération du conseil communautaire.pdf"),
    "arrete": (arrete, "Arrêté du Président - désignation du porteur.pdf"),
    "letter": (letter_designating, "Courrier CC Ternois - désignation.pdf"),
    "support": (letter_of_support, "Lettre de soutien CC Ternois - désignation.pdf"),
}


@pytest.fixture(scope="module")
def verified(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    base = tmp_path_factory.mktemp("designation-dossiers")
    statuts = statuts_pdf(tmp_path_factory.mktemp("statuts"), name="Statuts signés.pdf")
    return {
        name: verify(_dossier(base, name, act, file, statuts), read_workers=0)
        for name, (act, file) in DOSSIERS.items()
    }


def _t013(result: Any) -> list[tuple[str, str, str | None, int | None]]:
    return [
        (f.severity.value, f.piece, f.file, f.page) for f in result.findings if f.code == "T013"
    ]


def _message(result: Any) -> str:
    """The French message of the dossier's one T013, as the report writes it."""
    [message] = [f["message"] for f in report_data(result)["findings"] if f["code"] == "T013"]
    return str(message)


# A letter of support has the form of a courrier: classify takes it for another version of the
# request letter (P003), which the request letter, more recent, wins. A designating letter
# asks nothing of the Région: it is the designation, no version of the request.
VERSIONS = [("P003", "01 - Courrier de demande.pdf")]


def _others(result: Any) -> list[tuple[str, str | None]]:
    return sorted((f.code, f.file) for f in result.findings if f.code != "T013")


@pytest.mark.parametrize(
    ("name", "more"), [("sample", []), ("applicant", []), ("arrete", []), ("letter", [])]
)
def test_the_applicant_designated_by_its_intercommunalite_is_complete(
    verified: dict[str, Any], name: str, more: list[tuple[str, str]]
) -> None:
    result = verified[name]
    assert result.complete
    assert _t013(result) == []
    assert _others(result) == sorted(_others(verified["sample"]) + more)
    assert not [f for f in result.findings if f.severity is Severity.ERROR]


def test_a_deliberation_designating_another_association_is_an_error(
    verified: dict[str, Any],
) -> None:
    result = verified["another"]
    assert not result.complete
    assert _t013(result) == [("error", "designation", f"Annexes/{ACT}", 1)]
    assert _others(result) == _others(verified["sample"])
    assert _message(result).startswith(
        f"« Annexes/{ACT} » : cette délibération de la communauté de communes du Ternois "
        "désigne « association Ternois Numérique Solidaire » (« désigne l'association Ternois "
        "Numérique Solidaire comme structure porteuse du tiers-lieu numérique de la communauté "
        "de communes »), non « Fab'Lab du Ternois », la structure qui demande l'aide."
    )


def test_a_deliberation_of_another_intercommunalite_is_an_error(
    verified: dict[str, Any],
) -> None:
    result = verified["epci"]
    assert not result.complete
    file = "Annexes/Délibération désignation porteur.pdf"
    assert _t013(result) == [("error", "designation", file, 1)]
    assert _others(result) == _others(verified["sample"])
    assert _message(result).startswith(
        f"« {file} » : cette délibération de la communauté de communes des 7 Vallées n'est "
        "pas un acte de la communauté de communes du Ternois, l'intercommunalité du dossier."
    )


def test_a_deliberation_on_another_object_is_no_designation(verified: dict[str, Any]) -> None:
    """The dossier technique says the délibération is joined: the one joined approves the
    compte administratif. A warning on the dossier technique that names it."""
    result = verified["unrelated"]
    assert result.complete
    technique = "03 - Dossier technique v2 FINAL.docx"
    assert [t[:3] for t in _t013(result)] == [("warning", "designation", technique)]
    assert _others(result) == _others(verified["sample"])
    assert (
        "mais aucun fichier du dossier n'est cette délibération ou ce courrier ; "
        "« Annexes/Délibération du conseil communautaire.pdf » n'en est pas une (son "
        "objet : « Approbation du compte administratif 2025 – budget principal »)."
    ) in _message(result)


def test_a_letter_of_support_is_no_designation(verified: dict[str, Any]) -> None:
    result = verified["support"]
    assert result.complete
    file = "Annexes/Lettre de soutien CC Ternois - désignation.pdf"
    assert _t013(result) == [("warning", "designation", file, 1)]
    assert _others(result) == sorted(_others(verified["sample"]) + VERSIONS)
    assert _message(result).startswith(
        f"« {file} » : ce courrier de la communauté de communes du Ternois soutient "
        "« association Fab'Lab du Ternois » (« soutient la candidature de l'association Fab'Lab "
        "du Ternois à l'appel à projets « Tiers-lieux du numérique » et se réjouit de ce projet "
        "pour le territoire »), mais ne désigne pas de structure porteuse : un soutien "
        "n'est pas une désignation."
    )
