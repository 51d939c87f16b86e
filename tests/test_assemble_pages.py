"""The assembled PDF as the Région prints and files it: every page on A4, each piece once.

Applicants send pages of every size: a letter printed to PDF on US Letter (Word's default
outside Europe, and that of many templates), a landscape organisation chart, a page turned by
its /Rotate, a scan saved at the wrong resolution (a 200 dpi page declared at 72 dpi, nearly
three times too large). Each becomes an A4 page of its orientation, its content byte for byte
the same, only moved and, when too large, shrunk; the margin stamp on a free strip. And the
budget an applicant typed as a table in the Word dossier technique is the technique's pages,
once: the budget's line of the sommaire and its bookmark send to the page of the table.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from typing import Any

import pikepdf
import pypdf
import pytest
from test_assemble import check_structure

from conftest import SAMPLES
from dossierkit.assemble import Assembly, Options, Renderer, a4, assemble
from dossierkit.verify import Verification, verify

BUILTIN = Renderer("builtin")
LETTER = (612.0, 792.0)
TECHNIQUE = "03 - Dossier technique v2 FINAL.docx"
BUDGET_ROWS = [
    ["Dépenses", "2027", "2028", "2029"],
    ["Salaire et charges de l'animateur (1 ETP, CDI)", "41 500 €", "42 300 €", "43 150 €"],
    ["Prestations d'animation (ateliers, médiation)", "18 500 €", "17 700 €", "16 850 €"],
    ["Loyer et charges (180 m²)", "9 600 €", "9 600 €", "9 600 €"],
    ["Équipement du fablab (investissement)", "35 800 €", "4 200 €", "0 €"],
    ["Total dépenses", "105 400 €", "73 800 €", "69 600 €"],
    ["Recettes", "", "", ""],
    ["Région Hauts-de-France — aide à l'animation", "45 000 €", "30 000 €", "15 000 €"],
    ["Région Hauts-de-France — aide à l'équipement", "17 900 €", "2 100 €", "0 €"],
    ["Communauté de communes du Ternois", "33 600 €", "31 950 €", "45 000 €"],
    ["Autofinancement de l'association", "8 900 €", "9 750 €", "9 600 €"],
    ["Total recettes", "105 400 €", "73 800 €", "69 600 €"],
]


def _on_letter(source: Path, target: Path) -> Path:
    """``source`` printed to PDF on US Letter paper (« Microsoft Print to PDF » set to
    Letter): each A4 page drawn whole, shrunk, on a Letter page; a link on its first page and
    a bookmark that scrolls to its top, as Word exports them."""
    with pikepdf.open(source) as pdf, pikepdf.new() as out:
        for page in pdf.pages:
            scale = LETTER[1] / float(page.mediabox[3])
            new = out.add_blank_page(page_size=LETTER)
            new.add_resource(out.copy_foreign(page.as_form_xobject()), pikepdf.Name.XObject, "/P")
            left = (LETTER[0] - float(page.mediabox[2]) * scale) / 2
            new.contents_add(
                pikepdf.Stream(out, f"q {scale} 0 0 {scale} {left} 0 cm /P Do Q".encode())
            )
        first = out.pages[0]
        first.obj.Annots = out.make_indirect(
            pikepdf.Array(
                [
                    pikepdf.Dictionary(
                        Type=pikepdf.Name.Annot,
                        Subtype=pikepdf.Name.Link,
                        Rect=[72, 700, 300, 720],
                        A=pikepdf.Dictionary(
                            S=pikepdf.Name.URI, URI=pikepdf.String("https://example.org")
                        ),
                    )
                ]
            )
        )
        with out.open_outline() as outline:
            outline.root.append(pikepdf.OutlineItem("Objet", 0, "XYZ", left=72, top=720, zoom=0))
        out.save(target)
    return target


def _page(size: tuple[float, float], line: str, rotate: int = 0) -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    drawing = canvas.Canvas(buffer, pagesize=size, invariant=1)
    drawing.setFont("Helvetica", 14)
    drawing.drawString(60, size[1] - 80, line)
    drawing.rect(30, 30, size[0] - 60, size[1] - 60)  # a frame to the page's edges
    drawing.showPage()
    drawing.save()
    if not rotate:
        return buffer.getvalue()
    with pikepdf.open(buffer) as pdf:
        pdf.pages[0].rotate(rotate, relative=False)
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def _statuts_with_odd_pages(source: Path) -> None:
    """The statuts, then an organisation chart on landscape Letter and a table on a Letter
    page turned by /Rotate 90 (seen landscape)."""
    with pikepdf.open(source, allow_overwriting_input=True) as pdf:
        for extra in (
            _page((LETTER[1], LETTER[0]), "Organigramme de l'association (paysage)"),
            _page(LETTER, "Tableau des adhérents (page tournée)", rotate=90),
        ):
            with pikepdf.open(io.BytesIO(extra)) as more:
                pdf.pages.extend(more.pages)
        pdf.save(source)


def _oversized_scan(path: Path) -> Path:
    """A 200 dpi scan of an A4 page declared at 72 dpi: a page of 1654 × 2339 points."""
    import img2pdf
    from PIL import Image, ImageDraw

    image = Image.new("L", (1654, 2339), 255)
    draw = ImageDraw.Draw(image)
    draw.rectangle((100, 100, 1554, 2239), outline=0, width=8)
    draw.text((200, 200), "Plan du tiers-lieu", fill=0)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    layout = img2pdf.get_fixed_dpi_layout_fun((72, 72))
    path.write_bytes(img2pdf.convert(buffer.getvalue(), layout_fun=layout))
    return path


def _technique_with_budget(path: Path) -> None:
    """The sample's technique, its tables taken out, the budget typed as a Word table at
    its end (no budget file sent): the budget piece is that table."""
    import docx

    document = docx.Document(str(path))
    for table in document.tables:
        table._element.getparent().remove(table._element)
    document.add_heading("Budget prévisionnel", level=2)
    document.add_paragraph("Montants TTC : l'association ne récupère pas la TVA.")
    table = document.add_table(rows=len(BUDGET_ROWS), cols=len(BUDGET_ROWS[0]))
    for r, row in enumerate(BUDGET_ROWS):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.save(str(path))


@pytest.fixture(scope="module")
def odd(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("odd") / "dossier"
    shutil.copytree(SAMPLES / "association-complete", folder)
    courrier = folder / "01 - Courrier de demande.pdf"
    a4_letter = folder.parent / "courrier-a4.pdf"
    shutil.move(courrier, a4_letter)
    _on_letter(a4_letter, courrier)
    _statuts_with_odd_pages(folder / "Statuts signés.pdf")
    _oversized_scan(folder / "Annexes" / "Plan du tiers-lieu numérisé.pdf")
    (folder / "02 - Budget prévisionnel 2027-2029.xlsx").unlink()
    _technique_with_budget(folder / TECHNIQUE)
    return folder


@pytest.fixture(scope="module")
def odd_result(odd: Path) -> Verification:
    return verify(odd)


@pytest.fixture(scope="module")
def assembled(
    odd_result: Verification, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Assembly]:
    output = tmp_path_factory.mktemp("out") / "demande.pdf"
    assembly = assemble(odd_result, output, Options(allow_incomplete=True, renderer=BUILTIN))
    return output, assembly


def _seen(page: Any) -> tuple[float, float]:
    """The size of a pypdf page as a reader shows it (rotation applied)."""
    width, height = float(page.cropbox.width), float(page.cropbox.height)
    return (height, width) if page.rotation % 180 else (width, height)


def _part(assembly: Assembly, label: str) -> Any:
    """The part whose piece's label, or whose file's name, starts with ``label``."""
    return next(
        p
        for p in assembly.parts
        if p.section.label.startswith(label)
        or (p.section.file and Path(p.section.file.rel).name.startswith(label))
    )


def test_every_page_is_a4_in_its_orientation(odd: Path, assembled: tuple[Path, Assembly]) -> None:
    output, assembly = assembled
    reader = pypdf.PdfReader(output)
    for n, page in enumerate(reader.pages):
        width, height = _seen(page)
        assert a4.is_a4(width, height), (n + 1, width, height)
    # The landscape pages stay landscape, the turned one keeps its /Rotate.
    statuts = _part(assembly, "Statuts")
    last = statuts.first - 1 + statuts.pages - 1
    chart, turned = reader.pages[last - 1], reader.pages[last]
    assert _seen(chart)[0] > _seen(chart)[1] and chart.rotation == 0
    assert _seen(turned)[0] > _seen(turned)[1] and turned.rotation == 90
    assert "Organigramme" in chart.extract_text()
    assert "Tableau des adhérents" in turned.extract_text()
    # The pages that were not A4 are said so in the sommaire.
    assert (_part(assembly, "Courrier").fitted, statuts.fitted) == (1, 2)
    sommaire = " ".join(reader.pages[1].extract_text().split())
    assert "1 p., mise au format A4" in sommaire
    assert "4 p., dont 2 mises au format A4" in sommaire


def test_one_numbering_one_stamp_per_page_the_originals_attached(
    odd_result: Verification, assembled: tuple[Path, Assembly]
) -> None:
    """What every assembled PDF satisfies (``test_assemble.check_structure``): the stamps
    of the pages set on A4 at the bottom, in the strip left free."""
    check_structure(odd_result, *assembled)


def test_a_page_set_on_a4_keeps_its_content_and_its_links(
    odd: Path, assembled: tuple[Path, Assembly]
) -> None:
    output, assembly = assembled
    courrier = _part(assembly, "Courrier")
    with (
        pikepdf.open(odd / "01 - Courrier de demande.pdf") as original,
        pikepdf.open(output) as merged,
    ):
        before = original.pages[0]
        after = merged.pages[courrier.first - 1]
        # The page's own streams, byte for byte, between the move and the stamp.
        own = (
            [s.read_raw_bytes() for s in [before.obj.Contents]]
            if isinstance(before.obj.Contents, pikepdf.Stream)
            else [s.read_raw_bytes() for s in before.obj.Contents]
        )
        streams = [s.read_raw_bytes() for s in after.obj.Contents]
        assert any(streams[i : i + len(own)] == own for i in range(len(streams)))
        # Shrunk to A4's width (Letter is wider), centred above the stamp's strip.
        scale = a4.A4[0] / LETTER[0]
        link = next(a for a in after.obj.Annots if a.Subtype == "/Link")
        x0, y0, x1, y1 = (float(v) for v in link.Rect)
        assert x1 - x0 == pytest.approx((300 - 72) * scale, abs=0.01)
        assert y1 - y0 == pytest.approx(20 * scale, abs=0.01)
        # The bookmark scrolls to the same words: its top moved as the content did.
        item = next(i for i in merged.open_outline().root if i.title.startswith("1.")).children[0]
        top = float(item.destination[3])
        assert top == pytest.approx(
            16 + (a4.A4[1] - 16 - LETTER[1] * scale) / 2 + 720 * scale, abs=0.05
        )


def test_an_oversized_scan_is_shrunk_onto_one_a4_page(assembled: tuple[Path, Assembly]) -> None:
    import pypdfium2 as pdfium

    output, assembly = assembled
    plan = _part(assembly, "Plan du tiers-lieu")
    document = pdfium.PdfDocument(output)
    try:
        page = document[plan.first - 1]
        assert page.get_size() == pytest.approx(a4.A4, abs=0.01)
        image = page.render(scale=1).to_pil().convert("L")
    finally:
        document.close()
    # The scan's frame seen whole, shrunk to fit above the stamp's strip (16 points).
    scale = min(a4.A4[0] / 1654, (a4.A4[1] - 16) / 2339)
    above = image.crop((0, 0, image.width, image.height - 16))
    ink = above.point(lambda v: 255 if v < 128 else 0).getbbox()
    assert ink is not None
    left, top, right, bottom = ink
    assert right - left == pytest.approx(1462 * scale, abs=2)
    assert bottom - top == pytest.approx(2147 * scale, abs=2)


def test_same_pages_same_bytes(
    odd_result: Verification, tmp_path: Path, assembled: tuple[Path, Assembly]
) -> None:
    again = tmp_path / "encore.pdf"
    assemble(odd_result, again, Options(allow_incomplete=True, renderer=BUILTIN))
    assert again.read_bytes() == assembled[0].read_bytes()


def _pages_with(reader: Any, words: str) -> list[int]:
    return [n for n, page in enumerate(reader.pages) if words in (page.extract_text() or "")]


def test_the_budget_in_the_technique_comes_once(
    odd_result: Verification, assembled: tuple[Path, Assembly]
) -> None:
    output, assembly = assembled
    budget = next(p for p in odd_result.dossier.pieces if p.spec.kind == "budget")
    assert (budget.status, budget.within) == ("ok", "dossier_technique")
    reader = pypdf.PdfReader(output)
    # The table is printed once, in the technique.
    table = _pages_with(reader, "Total recettes")
    assert len(table) == 1
    technique, part = _part(assembly, "Dossier technique"), _part(assembly, "Budget")
    assert (
        part.pages == 0 and technique.first - 1 <= table[0] < technique.first - 1 + technique.pages
    )
    assert part.first == table[0] + 1
    # Its bookmark and its sommaire line (page column and link) send to that page.
    outline = {
        item.title: reader.get_destination_page_number(item)
        for item in reader.outline
        if not isinstance(item, list)
    }
    assert outline["2. Budget prévisionnel"] == table[0]
    sommaire = reader.pages[1].extract_text()
    assert "dans la pièce 3 (Dossier technique)" in " ".join(sommaire.split())
    targets = [
        reader.get_page_number(a.get_object()["/Dest"][0].get_object())
        for a in reader.pages[1]["/Annots"]
    ]
    assert table[0] in targets


def _table_pdf(path: Path) -> Path:
    """Three pages: prose that names two of the budget's lines, then the table over a page
    break (dépenses on page 2, recettes on page 3), as LibreOffice lays out a Word table."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    drawing = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    pages = [
        ["Le loyer et charges du lieu sont portés par l'association ;", "le total dépenses suit."],
        [" ".join(row) for row in BUDGET_ROWS[:6]],
        [" ".join(row) for row in BUDGET_ROWS[6:]] + ["Gouvernance du lieu"],
    ]
    for lines in pages:
        for n, line in enumerate(lines):
            # A long label wraps in its narrow cell, after its third word.
            words = line.split(" ")
            for k, part in enumerate([" ".join(words[:3]), " ".join(words[3:])]):
                drawing.drawString(60, 780 - 30 * n - 12 * k, part)
        drawing.showPage()
    drawing.save()
    return path


def test_the_table_is_found_by_its_lines_over_a_page_break(tmp_path: Path) -> None:
    from dossierkit.assemble import inside

    pdf = _table_pdf(tmp_path / "technique.pdf")
    labels = [row[0] for row in BUDGET_ROWS[1:] if row[1]]
    amounts = [a.replace("\u202f", " ").removesuffix(" €") for row in BUDGET_ROWS for a in row[1:]]
    marks = tuple(labels + [a for a in amounts if len(a) > 3])
    assert inside.find(marks, pdf, range(3)) == (2, 3)
    assert inside.find(marks, pdf, range(1)) is None  # prose alone is no table
    assert inside.find(marks[:1], pdf, range(3)) is None  # one line is no table


def test_a_page_whose_box_says_nothing_is_merged_as_it_is() -> None:
    """A flat box, a box of words (hostile or broken PDFs): no size to set on A4, and never
    a crash; a Letter page beside them is set on A4."""
    pdf = pikepdf.new()
    for box in ([0, 0, 612, 792], [0, 0, 0, 0], [0, 0, "x", 3], [0, 0, 595.3, 841.9]):
        page = pdf.add_blank_page()
        page.obj.MediaBox = pikepdf.Array(box)
    moved = a4.fit_pages(pdf, 16)
    assert list(moved) == [0]
    assert [float(v) for v in pdf.pages[0].mediabox] == [0, 0, *a4.A4]
    assert [float(v) for v in pdf.pages[3].mediabox] == [0, 0, 595.3, 841.9]
