"""One Word document holding the letter, the dossier technique and its budget, exported to one
PDF (outside tester 4, « CA Amiens Métropole – tout en un seul PDF », issue 13).

The letter's page was followed by the dossier technique's first page (« DOSSIER TECHNIQUE »,
the call's questions numbered and quoted); the letter still scored a little on that page
(« L'aide est sollicitée », « Conseil régional »), so the page stayed the letter's: the
signature was looked for at the end of page 2 (G001), the questions answered there were « non
traitées » (T001), and T005/T007 followed. A page whose head is another piece's title, or
which takes up the call's questions as its headings, opens that piece whatever the page
before it was; a letter goes on to the page that holds its closing formula and signature.

The files are drawn as Word lays them out (``_word_pdf``: flowing paragraphs, a page break
between the parts, the signature pasted as an image), with reportlab: a letter of one page or
of two (its last paragraph and signature on page 2), the dossier technique quoting the call's
questions or under the applicant's own headings, its budget page, an attestation at the end.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

import pytest
from realistic import bundles, slides, technique

from conftest import signature_png
from dossierkit.call import load_call
from dossierkit.classify.pages import page_runs
from dossierkit.reading import read_document
from dossierkit.verify import Verification, verify

CALL = load_call()
Part = Callable[[], list[object]]

# What the Fab'Lab's letter adds when it presents its project at length: the letter then runs
# onto a second page, which goes on with a sentence and ends with the signature.
_PRESENTATION = (
    "La Fabrique du Ternois s'installera au rez-de-chaussée de l'ancienne école Jean-Jaurès "
    "de Saint-Pol-sur-Ternoise, mise à disposition par la commune pour quinze ans. Le lieu "
    "réunira un atelier de fabrication numérique, un espace de travail partagé de douze "
    "postes, des permanences d'accompagnement aux démarches en ligne et un accueil des "
    "porteurs de projets du territoire, animés par un coordinateur recruté à temps plein."
)


def _styles() -> dict[str, object]:
    from reportlab.lib.styles import ParagraphStyle

    body = ParagraphStyle("body", fontName="Helvetica", fontSize=11, leading=13, spaceAfter=4)
    return {
        "body": body,
        "right": ParagraphStyle("right", parent=body, leftIndent=260),
        "title": ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=16, leading=20),
        "h1": ParagraphStyle(
            "h1", fontName="Helvetica-Bold", fontSize=13, leading=16, spaceBefore=10, spaceAfter=4
        ),
        "h2": ParagraphStyle("h2", fontName="Helvetica-Bold", fontSize=11, leading=14),
    }


def _letter(*, long: bool) -> list[object]:
    """The Fab'Lab's letter (``bundles._letter_paragraphs``), its signature pasted above the
    name; ``long``: with the presentation of the project, over two pages."""
    from reportlab.platypus import Image, Paragraph

    style = _styles()
    paragraphs = bundles._letter_paragraphs()
    closing = next(i for i, text in enumerate(paragraphs) if text.startswith("Je vous prie"))
    body = paragraphs[:closing]
    if long:
        body = [*body[:-1], *([_PRESENTATION] * 6), body[-1]]
    story: list[object] = [Paragraph(text, style["body"]) for text in body]
    story.append(Paragraph(paragraphs[closing], style["body"]))
    signature = Image(io.BytesIO(signature_png()), width=130, height=52)
    signature.hAlign = "RIGHT"
    story += [Paragraph(text, style["right"]) for text in paragraphs[closing + 1 : -1]]
    story += [signature, Paragraph(paragraphs[-1], style["right"])]
    return story


def _answers() -> dict[str, tuple[str, ...]]:
    found = {qid: texts for _, items in technique.answers() for qid, _, texts in items}
    found.setdefault("NAT-3", ("Sans objet : la demande porte sur un seul lieu.",))
    found.setdefault("TER-3", ("La feuille de route numérique a été votée le 26 juin 2025.",))
    found.setdefault("TER-6", ("Sans objet : un seul lieu.",))
    return found


def _questions_technique() -> list[object]:
    """« DOSSIER TECHNIQUE », then each of the call's questions numbered and quoted, with the
    Fab'Lab's answer under it: the template most applicants fill in."""
    from reportlab.platypus import Paragraph

    style = _styles()
    answers = _answers()
    story: list[object] = [
        Paragraph("DOSSIER TECHNIQUE", style["title"]),
        Paragraph(
            "Appel à projets « Tiers-lieux du numérique » – Fab'Lab du Ternois", style["body"]
        ),
    ]
    for number, question in enumerate(CALL.questions, start=1):
        story.append(Paragraph(f"{number}. {question.text}", style["h2"]))
        story += [
            Paragraph(text.removeprefix("• "), style["body"]) for text in answers[question.id]
        ]
    return story


def _own_technique() -> list[object]:
    """The Fab'Lab's dossier technique under its own headings (``realistic.technique``), which
    never quote the call's questions: only its title says what it is."""
    from reportlab.platypus import Paragraph

    style = _styles()
    story: list[object] = [Paragraph("Dossier technique — La Fabrique du Ternois", style["title"])]
    for part, items in technique.answers():
        story.append(Paragraph(part, style["h1"]))
        for _, heading, texts in items:
            story.append(Paragraph(heading, style["h2"]))
            story += [Paragraph(text.removeprefix("• "), style["body"]) for text in texts]
    return story


def _budget() -> list[object]:
    """The budget page at the end of the dossier technique: its title, the basis, then a
    table of expenses and a table of income, as Word tables."""
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    style = _styles()
    grid = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)])
    expenses = [
        ["DÉPENSES", "2027", "2028", "2029"],
        ["Salaire chargé du coordinateur", "42 000,00 €", "43 000,00 €", "44 000,00 €"],
        ["Ateliers et consommables", "18 000,00 €", "17 000,00 €", "16 000,00 €"],
        ["Équipement (imprimantes 3D, découpeuse laser)", "40 000,00 €", "", ""],
        ["Total des dépenses", "100 000,00 €", "60 000,00 €", "60 000,00 €"],
    ]
    income = [
        ["RECETTES", "2027", "2028", "2029"],
        ["Région Hauts-de-France – animation", "45 000,00 €", "30 000,00 €", "15 000,00 €"],
        ["Région Hauts-de-France – équipement", "20 000,00 €", "", ""],
        ["Fonds propres de l'association", "35 000,00 €", "30 000,00 €", "45 000,00 €"],
        ["Total des recettes", "100 000,00 €", "60 000,00 €", "60 000,00 €"],
    ]
    return [
        Paragraph("BUDGET PRÉVISIONNEL 2027-2029", style["title"]),
        Paragraph(
            "Montants exprimés TTC (l'association ne récupère pas la TVA sur ses dépenses).",
            style["body"],
        ),
        Table(expenses, style=grid),
        Spacer(1, 16),
        Table(income, style=grid),
    ]


def _attestation() -> list[object]:
    """The VAT statement, printed into the same document at its end."""
    from reportlab.platypus import Paragraph

    style = _styles()
    return [
        Paragraph("ATTESTATION DE NON-ASSUJETTISSEMENT À LA TVA", style["title"]),
        Paragraph(
            "Je soussignée, Mme Marie Delattre, Présidente de l'association Fab'Lab du Ternois, "
            "atteste sur l'honneur que l'association Fab'Lab du Ternois n'est pas assujettie à "
            "la TVA et ne récupère pas la TVA sur ses dépenses. Les montants de son budget "
            "prévisionnel sont en conséquence présentés TTC.",
            style["body"],
        ),
        Paragraph("Fait à Saint-Pol-sur-Ternoise, le 12 octobre 2026", style["right"]),
        Paragraph("La Présidente, Marie Delattre", style["right"]),
    ]


def _word_pdf(path: Path, *parts: Sequence[object]) -> Path:
    """The parts as one Word document with a page break between them, exported to PDF."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import PageBreak, SimpleDocTemplate

    story: list[object] = []
    for part in parts:
        if story:
            story.append(PageBreak())
        story += part
    path.parent.mkdir(parents=True, exist_ok=True)
    document = SimpleDocTemplate(
        str(path), pagesize=A4, leftMargin=2.5 * cm, rightMargin=2.5 * cm, invariant=1
    )
    document.build(story)
    return path


def _runs(path: Path) -> list[tuple[str, int, int]]:
    return [(r.kind, r.first, r.last) for r in page_runs(read_document(path, "pdf"), CALL)]


def _pages(path: Path) -> int:
    return len(read_document(path, "pdf").pages)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("one-pdf")


def test_one_page_letter_then_technique_quoting_the_questions_and_its_budget(
    folder: Path,
) -> None:
    pdf = _word_pdf(folder / "Demande.pdf", _letter(long=False), _questions_technique(), _budget())
    last = _pages(pdf)
    assert last >= 4
    assert _runs(pdf) == [("courrier", 1, 1), ("dossier_technique", 2, last)]


def test_one_page_letter_then_technique_under_its_own_headings(folder: Path) -> None:
    pdf = _word_pdf(folder / "Demande propre.pdf", _letter(long=False), _own_technique())
    assert _runs(pdf) == [("courrier", 1, 1), ("dossier_technique", 2, _pages(pdf))]


def test_two_page_letter_signed_on_its_second_page_then_technique(folder: Path) -> None:
    pdf = _word_pdf(folder / "Demande longue.pdf", _letter(long=True), _questions_technique())
    second = read_document(pdf, "pdf").pages[1].text
    assert (
        "Je vous prie" in second and "Je vous prie" not in read_document(pdf, "pdf").pages[0].text
    )
    assert _runs(pdf) == [("courrier", 1, 2), ("dossier_technique", 3, _pages(pdf))]


def test_technique_and_its_budget_page_are_one_piece(folder: Path) -> None:
    pdf = _word_pdf(folder / "Dossier.pdf", _questions_technique(), _budget())
    assert _pages(pdf) >= 3
    assert _runs(pdf) == []


def test_letter_technique_budget_and_attestation_in_one_pdf(folder: Path) -> None:
    pdf = _word_pdf(
        folder / "Tout.pdf", _letter(long=False), _questions_technique(), _budget(), _attestation()
    )
    last = _pages(pdf)
    assert _runs(pdf) == [
        ("courrier", 1, 1),
        ("dossier_technique", 2, last - 1),
        ("attestation_tva", last, last),
    ]


def test_statuts_heading_naming_another_piece_does_not_cut_them(folder: Path) -> None:
    """A page of statuts opening on « Article 10 – Délégation de signature » names the
    délégation further on in its line: a heading inside the statuts, never the start of a
    délégation, though the statuts score little on that page."""
    from reportlab.platypus import Paragraph

    style = _styles()
    first = [
        Paragraph("STATUTS DE L'ASSOCIATION FAB'LAB DU TERNOIS", style["title"]),
        Paragraph("Article 1er – Constitution", style["h2"]),
        Paragraph(
            "Il est fondé entre les adhérents aux présents statuts une association régie par "
            "la loi du 1er juillet 1901 et le décret du 16 août 1901.",
            style["body"],
        ),
    ]
    articles = {
        "Article 10 – Délégation de signature": (
            "Le président représente l'association dans tous les actes de la vie civile. Il "
            "peut donner délégation de signature à un membre du bureau pour un acte "
            "déterminé ; la délégation de signature est écrite, datée et signée."
        ),
        "Article 11 – Ressources": (
            "Les ressources de l'association comprennent les cotisations, les subventions de "
            "l'État, des collectivités et de leurs établissements, et le produit des ateliers."
        ),
        "Article 12 – Modification des présents statuts": (
            "Les présents statuts ne peuvent être modifiés que par une assemblée générale "
            "extraordinaire, à la majorité des deux tiers des membres présents."
        ),
    }
    second = [
        item
        for title, text in articles.items()
        for item in (Paragraph(title, style["h2"]), Paragraph(text, style["body"]))
    ]
    pdf = _word_pdf(folder / "Statuts.pdf", first, second)
    assert _runs(pdf) == []


# A whole dossier: the Fab'Lab's letter and dossier technique in one PDF, beside its budget
# workbook, attestation and RIB; verified as the instructor would.


def ternois_dossier(factory: pytest.TempPathFactory, folder: Path) -> Path:
    """The Fab'Lab du Ternois' complete dossier in the new ``folder``: the pieces the triage
    tests share (made once per session), the intercommunalité's designation and the plan
    d'agencement its dossier technique says are joined."""
    import generate

    from triage_inbox import built_dossiers

    shutil.copytree(built_dossiers(factory.getbasetemp())["ternois"], folder)
    (folder / "Annexes").mkdir()
    generate.make_designation_pdf(
        folder / "Annexes" / "Délibération CC du Ternois - désignation.pdf",
        generate.applicant_ternois(),
        epci="Communauté de communes du Ternois",
        president="Marc Delattre",
        when=date(2026, 9, 23),
    )
    slides.write_plan_pdf(folder / "Annexes" / "Plan d'agencement.pdf", "Plan – La Fabrique")
    return folder


def _used(result: Verification, kind: str) -> tuple[str, tuple[int, int] | None]:
    piece = next(p for p in result.dossier.pieces if p.spec.kind == kind)
    assert piece.used is not None
    return piece.used.rel, piece.used.page_range


def test_letter_and_technique_in_one_pdf_make_a_complete_dossier(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    """Amiens' shape: the letter's page, then the dossier technique quoting the call's
    questions. The letter is page 1 only: its signature is found where it is (no G001), and
    the questions answered on page 2 are the technique's (no T001, T005, T007)."""
    folder = ternois_dossier(tmp_path_factory, tmp_path / "dossier")
    (folder / "Courrier de demande.pdf").unlink()
    (folder / "Dossier technique.docx").unlink()
    _word_pdf(folder / "Demande de subvention.pdf", _letter(long=False), _questions_technique())
    result = verify(folder)
    assert _used(result, "courrier") == ("Demande de subvention.pdf", (1, 1))
    technique_range = _used(result, "dossier_technique")[1]
    assert technique_range is not None and technique_range[0] == 2
    assert [(f.code, f.params) for f in result.findings] == []
    assert result.complete
