"""A dossier technique made as a slide deck stays one dossier technique; a plan named « Plan »
or reading like a plan is the plan d'agencement (outside tester 3, issue 13).

- The deck (``realistic.slides.write_deck``: 16:9 landscape, the call's question as each
  slide's caption) was cut in two: its first slides became the intercommunalité's
  « Désignation de la structure porteuse » (the caption « Désignation de la structure de
  portage de la demande » of GOV-1) and the plan d'agencement (NAT-2's caption), and the
  technique lost GOV-1 and NAT-1 (T001). The call's questions quoted on a page are evidence
  of the dossier technique only, and a file is cut only where a page has the form of
  another piece (a délibération's « Vu … DÉCIDE », a RIB's IBAN), never on its topic.
- « Plan.png », « Plan La Cabine.png », a drawing titled « Plan – Le Fil » over its rooms
  were « Autre annexe » (P004) and the plan « manquant » (T005).

Everything is drawn with reportlab; the image plan is classified on the text dossierkit's OCR
read from it (``realistic.slides.plan_ocr``), so that no test here needs Tesseract.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from realistic import slides

from conftest import write_pdf
from dossierkit.call import load_call
from dossierkit.classify import classify, name_kind
from dossierkit.classify.pages import page_runs
from dossierkit.reading import read_document
from dossierkit.reading.model import Document, Page
from dossierkit.report.flatten import flatten
from dossierkit.verify import Verification, verify

CALL = load_call()
SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.fixture(scope="module")
def deck(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The Pays de Lumbres' dossier technique as a deck, and its plan exported from a
    drawing program as « Plan.pdf »."""
    import generate

    folder = tmp_path_factory.mktemp("slides")
    title, structure, items = slides.deck_of(generate.applicant_lumbres())
    made = slides.write_deck(
        folder / f"Présentation du projet – {title}.pdf", title, structure, items
    )
    plan = slides.write_plan_pdf(folder / "Plan.pdf", f"Plan – {title}")
    return made, plan


@pytest.fixture(scope="module")
def lumbres(deck: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Verification:
    """The complete interco sample whose technique is the deck and whose plan is
    « Plan.pdf », verified."""
    folder = tmp_path_factory.mktemp("lumbres") / "CC du Pays de Lumbres"
    shutil.copytree(SAMPLES / "interco-complete", folder)
    (folder / "Dossier technique.pdf").unlink()
    (folder / "Plan d'agencement.png").unlink()
    for made in deck:
        shutil.copy(made, folder / made.name)
    return verify(folder, read_workers=0)


# ------------------------------------------------------------------------------------------
# The slide deck
# ------------------------------------------------------------------------------------------


def test_the_deck_is_one_dossier_technique(deck: tuple[Path, Path]) -> None:
    document = read_document(deck[0], "pdf")
    assert len(document.pages) == 19  # the title and the 18 questions of an interco's lieu
    assert (document.pages[0].width, document.pages[0].height) == slides.SLIDE
    assert page_runs(document, CALL) == ()
    assert classify(deck[0].name, document, CALL).kind == "dossier_technique"


def test_a_deck_under_its_own_titles_opening_on_the_carrier_is_one_technique(
    tmp_path: Path,
) -> None:
    """The slides titled in the applicant's words (« Désignation de la structure
    porteuse », « Fonctions et plan d'agencement »), the carrier's slide first."""
    import generate

    title, structure, items = slides.deck_of(
        generate.applicant_lumbres(), own_headings=True, first="GOV-1"
    )
    assert items[0][1] == "Désignation de la structure porteuse"
    made = slides.write_deck(tmp_path / "Présentation.pdf", title, structure, items)
    document = read_document(made, "pdf")
    assert page_runs(document, CALL) == ()
    assert classify(made.name, document, CALL).kind == "dossier_technique"


def test_the_dossier_with_the_deck_is_complete(
    deck: tuple[Path, Path], lumbres: Verification
) -> None:
    pieces = {p.spec.kind: (p.status, [f.rel for f in p.files]) for p in lumbres.dossier.pieces}
    assert pieces["dossier_technique"] == ("ok", [deck[0].name])
    annexes = {f.rel: (f.kind, f.role, f.runs) for f in lumbres.dossier.files if f.role == "annex"}
    assert annexes == {
        "Délibération conseil communautaire.pdf": ("deliberation", "annex", ()),
        "Plan.pdf": ("plan_agencement", "annex", ()),
    }
    assert lumbres.complete
    assert flatten(lumbres.findings) == [("R007", "info", "rib", "RIB Trésor public.pdf", 1)]


# ------------------------------------------------------------------------------------------
# A file is cut only at the form of another piece
# ------------------------------------------------------------------------------------------

LETTER = [
    "Communauté de communes du Ternois",
    "Monsieur le Président du Conseil régional des Hauts-de-France",
    "Objet : demande de subvention « Tiers-lieux du numérique »",
    "Monsieur le Président, j'ai l'honneur de solliciter l'aide régionale pour notre tiers-lieu.",
    "Je vous prie d'agréer, Monsieur le Président, l'expression de ma haute considération.",
]
DELIBERATION = [
    "Extrait du registre des délibérations du Conseil communautaire",
    "Séance du 23 septembre 2026",
    "Vu le code général des collectivités territoriales,",
    "Vu l'appel à projets « Tiers-lieux du numérique » de la Région Hauts-de-France,",
    "Le Conseil communautaire, après en avoir délibéré, DÉCIDE :",
    "de désigner l'association Fab'Lab du Ternois comme structure porteuse du tiers-lieu.",
    "Fait à Saint-Pol-sur-Ternoise, le 23 septembre 2026. Le Président, Marc Delattre",
]
# A page about the designation, in the applicant's own words: no act, no letter.
DESIGNATION_NOTE = [
    "Désignation de la structure de portage",
    "Structure porteuse : association Fab'Lab du Ternois, porteur du projet de tiers-lieu.",
    "La communauté de communes a désigné l'association comme structure porteuse du projet.",
]
RIB = [
    "RELEVÉ D'IDENTITÉ BANCAIRE",
    "Titulaire du compte : ASSOCIATION FAB'LAB DU TERNOIS",
    "Domiciliation : Crédit Agricole Saint-Pol",
    "IBAN FR76 1670 6000 5154 0123 4567 818",
    "BIC AGRIFRPP867",
]
BANK_NOTE = [
    "Coordonnées bancaires",
    "Le relevé d'identité bancaire de l'association est joint au dossier.",
]


def _runs(tmp_path: Path, *pages: list[str]) -> list[tuple[str, int, int]]:
    path = write_pdf(tmp_path / "Pièces.pdf", *pages)
    return [(r.kind, r.first, r.last) for r in page_runs(read_document(path, "pdf"), CALL)]


def test_a_deliberation_after_the_letter_is_its_own_piece(tmp_path: Path) -> None:
    assert _runs(tmp_path, LETTER, DELIBERATION) == [("courrier", 1, 1), ("designation", 2, 2)]


def test_a_page_about_the_designation_is_not_one(tmp_path: Path) -> None:
    assert _runs(tmp_path, LETTER, DESIGNATION_NOTE) == []


def test_a_rib_is_cut_at_its_iban_not_at_its_name(tmp_path: Path) -> None:
    assert _runs(tmp_path, LETTER, RIB) == [("courrier", 1, 1), ("rib", 2, 2)]
    assert _runs(tmp_path, LETTER, BANK_NOTE) == []


@pytest.mark.parametrize(
    "heading",
    [
        # the question word for word, its beginning, and the applicant's own words
        "Désignation de la structure de portage de la demande (nom, nom du responsable légal, "
        "interlocuteur sur le projet)",
        "Désignation de la structure de portage",
        "Désignation du porteur",
    ],
)
def test_a_word_technique_with_a_designation_section_stays_one(
    tmp_path: Path, heading: str
) -> None:
    """A dossier technique exported from Word whose second page opens on the section."""
    first = [
        "Dossier technique",
        "Appel à projets « Tiers-lieux du numérique » — CC du Ternois",
        "1. Nature du projet",
        "Le lieu réunira un fablab, un espace de coworking et de la médiation numérique,",
        "au centre de Saint-Pol-sur-Ternoise ; le plan prévisionnel d'agencement est joint.",
    ]
    second = [
        heading,
        "Structure porteuse : Communauté de communes du Ternois. Responsable légal : Marc",
        "Delattre, Président. Interlocuteur sur le projet : Julie Caron, chargée de mission.",
        "Gouvernance : un comité de pilotage réunit l'élu référent et l'agent référent.",
    ]
    assert _runs(tmp_path, first, second) == []


# ------------------------------------------------------------------------------------------
# The plan d'agencement
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Plan.png", "plan_agencement"),
        ("Plan La Cabine.png", "plan_agencement"),
        ("Plan RDC.pdf", "plan_agencement"),
        ("Plans/IMG_2041.jpg", "plan_agencement"),
        ("plan du local.pdf", "plan_agencement"),
        ("Plan de financement.xlsx", "budget"),
        ("Plan d'action 2027-2029.docx", None),
        ("Plan de communication.pdf", None),
        ("Business plan.pdf", None),
        ("Planning des ateliers.pdf", None),
    ],
)
def test_a_name_starting_with_plan_is_the_plan(name: str, kind: str | None) -> None:
    assert name_kind(name, CALL) == kind


def _photographed(text: str) -> Document:
    page = Page(number=1, text=text, width=1600.0, height=1000.0, ocr_confidence=94.0)
    return Document(type="png", pages=(page,))


@pytest.mark.parametrize(
    ("title", "rooms"),
    [
        ("Plan – Le Phare numérique", slides.ROOMS),
        ("Plan – Le Fil", ("Médiation", "Télétravail 6 postes", "Accueil", "Atelier", "Stock")),
        ("Plan – La Clef", ("Médiation", "Porteurs de projets", "Accueil", "Salle", "Stock")),
    ],
)
def test_the_ocr_of_a_drawn_plan_is_the_plan(title: str, rooms: tuple[str, ...]) -> None:
    ocr = _photographed(slides.plan_ocr(title, rooms))
    by_name = classify("Plan.png", ocr, CALL)
    assert (by_name.kind, by_name.role, by_name.name_kind) == (
        "plan_agencement",
        "annex",
        "plan_agencement",
    )
    # A name that says nothing: the drawing's words alone.
    alone = classify("IMG_20261114_180512.jpg", ocr, CALL)
    assert (alone.kind, alone.name_kind, alone.content_kind) == (
        "plan_agencement",
        None,
        "plan_agencement",
    )


def test_the_pdf_plan_is_the_plan_by_its_drawing(deck: tuple[Path, Path], tmp_path: Path) -> None:
    copy = tmp_path / "Document 3.pdf"
    shutil.copy(deck[1], copy)
    found = classify(copy.name, read_document(copy, "pdf"), CALL)
    assert (found.kind, found.name_kind, found.content_kind) == (
        "plan_agencement",
        None,
        "plan_agencement",
    )


def test_rooms_in_a_budget_or_in_prose_are_no_plan(tmp_path: Path) -> None:
    """The words of a plan's rooms count only on a drawing: a budget's lines (« Mobilier
    coworking 15 postes », « Aménagement de l'accueil ») and a technique's sentences name the
    same rooms."""
    budget = write_pdf(
        tmp_path / "Plan de financement.pdf",
        [
            "Plan de financement — Le Phare numérique",
            "Dépenses 2027 2028 2029",
            "Fablab : machines 12 000 € 0 € 0 €",
            "Coworking 15 postes : mobilier 8 000 € 0 € 0 €",
            "Aménagement de l'accueil et de la salle 6 000 € 0 € 0 €",
            "Stock de consommables 1 000 € 1 000 € 1 000 €",
            "Total 27 000 € 1 000 € 1 000 €",
        ],
    )
    assert classify(budget.name, read_document(budget, "pdf"), CALL).kind == "budget"
    sentence = (
        "Le lieu réunira un fablab, un espace de coworking de 15 postes, un accueil, une salle "
        "de réunion et un atelier de médiation ouvert aux habitants du territoire tout au long "
        "de l'année, avec un stock de matériel prêté aux associations. "
    )
    prose = write_pdf(
        tmp_path / "Le projet.pdf",
        *[
            [f"Partie {n}", *[sentence[i : i + 90] for i in range(0, len(sentence), 90)] * 4]
            for n in range(4)
        ],
    )
    found = classify(prose.name, read_document(prose, "pdf"), CALL)
    assert found.kind != "plan_agencement"
