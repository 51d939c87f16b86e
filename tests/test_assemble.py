"""``dossierkit assemble``: one indexed PDF, checked by its structure, not by looks.

Each assembled PDF is opened with pypdf, pdfplumber and pdfium and checked the way an
instructor would use it: as many pages as the front pages plus every piece, one bookmark
per piece in the call's order, sommaire lines that name and link to the right pages, a
stamp in the margin of every page, originals attached with their SHA-256, the same bytes
twice. Dossiers are the bundled samples and dossiers built here the way applicants build
them (Word, Excel, a phone photo with an EXIF rotation, a PAdES-signed letter); each case
runs with the built-in renderer, and again with LibreOffice where it is installed (slow).
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pypdf
import pytest
from click.testing import CliRunner

from conftest import (
    SAMPLES,
    TEXTS,
    fingerprint,
    require_tool,
    sign_pdf,
    write_docx,
    write_letter_pdf,
    write_pdf,
    write_xlsx,
)
from dossierkit.assemble import AssembleError, Assembly, Options, Renderer, a4, assemble
from dossierkit.assemble.plan import Rendered
from dossierkit.cli import cli
from dossierkit.external import ProgramTimeout
from dossierkit.verify import Verification, verify

BUILTIN = Renderer("builtin")
HEADINGS = [("Nature du projet", 1), ("Un lieu, un fablab", 2), ("Gouvernance", 1)]


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _photo(path: Path) -> Path:
    """A phone photo of a portrait page, stored sideways with EXIF orientation 6."""
    from PIL import Image, ImageDraw

    upright = Image.new("RGB", (400, 600), "white")
    draw = ImageDraw.Draw(upright)
    draw.rectangle((40, 40, 360, 200), outline="black", width=6)
    draw.text((60, 100), "Plan d'agencement", fill="black")
    exif = Image.Exif()
    exif[0x0112] = 6
    upright.transpose(Image.Transpose.ROTATE_90).save(path, "JPEG", exif=exif.tobytes())
    return path


def _build(folder: Path) -> Path:
    """A dossier as an association sends it: a signed letter, Word, Excel, PDFs, a photo."""
    folder.mkdir(parents=True)
    unsigned = write_letter_pdf(folder.parent / "courrier-non-signe.pdf", TEXTS["courrier"])
    sign_pdf(unsigned, folder / "01 - Courrier de demande signé.pdf")
    write_xlsx(folder / "02 - Budget prévisionnel.xlsx")
    write_docx(
        folder / "03 - Dossier technique.docx",
        [(text, level) for text, level in HEADINGS]
        + [(line, 0) for line in TEXTS["dossier_technique"]],
        table=[["Poste", "2027"], ["Animateur", "42 000"]],
    )
    write_pdf(folder / "04 - Attestation TVA.pdf", TEXTS["attestation_tva"])
    write_pdf(folder / "RIB.pdf", TEXTS["rib"])
    write_pdf(folder / "Statuts.pdf", TEXTS["statuts"], TEXTS["statuts"][:2])
    _photo(folder / "Plan d'agencement.jpg")
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("built") / "dossier")


@pytest.fixture(scope="module")
def built_result(built: Path) -> Verification:
    return verify(built)


@pytest.fixture(scope="module")
def sample_result() -> Verification:
    return verify(SAMPLES / "association-complete")


def _assemble(result: Verification, output: Path, **options: Any) -> Assembly:
    options.setdefault("allow_incomplete", True)
    return assemble(result, output, Options(**options))


# --------------------------------------------------------------------------------------------
# Structure: what every assembled PDF must satisfy
# --------------------------------------------------------------------------------------------


def _titles(entries: list[Any]) -> list[str]:
    """Every title in a (nested) pypdf outline list."""
    return [t for e in entries for t in (_titles(e) if isinstance(e, list) else [e.title])]


def _outline(reader: Any) -> list[tuple[str, int, list[str]]]:
    """Top-level bookmarks: (title, 0-based page, every title nested under it)."""
    items: list[tuple[str, int, list[str]]] = []
    for entry in reader.outline:
        if isinstance(entry, list):
            items[-1][2].extend(_titles(entry))
        else:
            items.append((entry.title, reader.get_destination_page_number(entry), []))
    return items


def _link_targets(reader: Any, index: int) -> list[tuple[tuple[float, ...], int]]:
    page = reader.pages[index]
    found = []
    for ref in page.get("/Annots", []):
        annotation = ref.get_object()
        if annotation.get("/Subtype") == "/Link":
            target = reader.get_page_number(annotation["/Dest"][0].get_object())
            found.append((tuple(float(v) for v in annotation["/Rect"]), target))
    return found


def check_structure(
    result: Verification, output: Path, assembly: Assembly, lang: str = "fr"
) -> None:
    """Everything the issue's "done when" lists, on one assembled PDF."""
    import pdfplumber
    import pypdf

    reader = pypdf.PdfReader(output)
    shown = [p for p in assembly.parts if p.pages]
    front = assembly.front_pages
    # Page count: front pages + every piece's pages.
    assert len(reader.pages) == front + sum(p.pages for p in shown) == assembly.pages
    # A PDF piece keeps its pages: same count and rotation, same size when A4, set on A4
    # when not.
    for part in shown:
        assert part.first is not None
        f = part.section.file
        if f is not None and f.type == "pdf" and f.page_range is None:
            original = pypdf.PdfReader(f.entry.path)
            assert part.pages == len(original.pages)
            for offset, page in enumerate(original.pages):
                merged = reader.pages[part.first - 1 + offset]
                if a4.is_a4(*_seen(page)):
                    assert [float(v) for v in merged.mediabox] == [float(v) for v in page.mediabox]
                assert a4.is_a4(*_seen(merged))
                assert (_seen(merged)[0] > _seen(merged)[1]) == (_seen(page)[0] > _seen(page)[1])
                assert merged.rotation == page.rotation
    # One top-level bookmark per piece, in order, on its first page (after the cover and
    # the sommaire); a piece inside another's pages (the budget in the technique) on the
    # page where it stands there.
    listed = [p for p in assembly.parts if p.first is not None and (p.pages or p.span)]
    outline = _outline(reader)
    front_titles = {"fr": ("Couverture", "Sommaire"), "en": ("Cover", "Contents")}[lang]
    assert [item[:2] for item in outline[:2]] == [(front_titles[0], 0), (front_titles[1], 1)]
    assert [page for _, page, _ in outline[2:]] == [p.first - 1 for p in listed]  # type: ignore[operator]
    assert [title.split(". ", 1)[-1] for title, _, _ in outline[2:]] == [
        p.section.label for p in listed
    ]
    # One numbering: the viewer's page labels are the pages' numbers in the dossier, the
    # ones the sommaire gives and the stamps print.
    total = len(reader.pages)
    assert reader.page_labels == [str(n) for n in range(1, total + 1)]
    with pdfplumber.open(output) as pdf:
        # The sommaire: one link per piece with pages, landing on its first page, whose line
        # ends with that page's number.
        links = [link for n in range(1, front) for link in _link_targets(reader, n)]
        assert sorted(target for _, target in links) == sorted(p.first - 1 for p in listed)  # type: ignore[operator]
        for n in range(1, front):
            page = pdf.pages[n]
            for rect, target in _link_targets(reader, n):
                x0, y0, x1, y1 = rect
                words = page.within_bbox((x0, page.height - y1, x1, page.height - y0))
                number = max(words.extract_words(), key=lambda w: w["x1"])  # the page column
                assert number["text"] == str(target + 1)
        # Every page of the pieces is stamped, in the margin, with its number in the dossier.
        for part in shown:
            assert part.first is not None
            for offset in range(part.pages):
                page = pdf.pages[part.first - 1 + offset]
                number = f"p. {part.first + offset}/{total}"
                label = part.section.label
                stamp = next(
                    (
                        hit
                        for hit in page.search(number)
                        if hit["top"] <= 16 or hit["bottom"] >= page.height - 16
                    ),
                    None,
                )
                assert stamp is not None, (label, offset + 1)
                line = page.crop((0, stamp["top"] - 1, page.width, stamp["bottom"] + 1))
                assert label in " ".join(w["text"] for w in line.extract_words())
    # Attachments: the manifest, and the originals of converted and signed files.
    attached = {name: data[0] for name, data in reader.attachments.items()}
    manifest = json.loads(attached.pop("dossierkit-manifeste.json"))
    assert manifest["call"] == {
        "id": result.dossier.call.id,
        "version": result.dossier.call.version,
    }
    on_disk = {f.rel: f for f in result.dossier.files}
    assert {e["path"] for e in manifest["files"]} == set(on_disk)
    for entry in manifest["files"]:
        data = on_disk[entry["path"]].entry.path.read_bytes()
        assert (entry["sha256"], entry["size"]) == (_sha(data), len(data))
    expected = {p.section.file.rel for p in assembly.parts if p.attached and p.section.file}
    assert {e["path"] for e in manifest["files"] if e["attached"]} == expected
    assert sorted(_sha(data) for data in attached.values()) == sorted(
        on_disk[rel].sha256 for rel in expected
    )
    info = reader.metadata
    assert info is not None and info.title and info.author and info.subject
    assert reader.trailer["/Root"]["/Lang"] == {"fr": "fr-FR", "en": "en-GB"}[lang]


def _seen(page: Any) -> tuple[float, float]:
    """The size of a pypdf page as a reader shows it (rotation applied)."""
    width, height = float(page.cropbox.width), float(page.cropbox.height)
    return (height, width) if page.rotation % 180 else (width, height)


def _sommaire_text(output: Path, front: int) -> str:
    """The words of the cover and the sommaire (without its page column), on one line."""
    import pdfplumber

    with pdfplumber.open(output) as pdf:
        pages = [pdf.pages[0]] + [
            p.crop((0, 0, p.width - 98, p.height)) for p in pdf.pages[1:front]
        ]
        return " ".join(" ".join(page.extract_text() or "" for page in pages).split())


def _ink(output: Path, index: int) -> int:
    """Non-white pixels of a page rendered at 50 dpi."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(output)
    try:
        image = document[index].render(scale=50 / 72, grayscale=True).to_pil()
    finally:
        document.close()
    return sum(image.histogram()[:200])


# --------------------------------------------------------------------------------------------
# The built-in renderer (always runs)
# --------------------------------------------------------------------------------------------


def test_sample_assembled_with_builtin_renderer(
    sample_result: Verification, tmp_path: Path
) -> None:
    before = fingerprint(SAMPLES / "association-complete")
    output = tmp_path / "demande.pdf"
    assembly = _assemble(sample_result, output, renderer=BUILTIN, allow_incomplete=False)
    check_structure(sample_result, output, assembly)
    assert assembly.complete and assembly.exit_code == 0
    text = _sommaire_text(output, assembly.front_pages)
    assert "Dossier complet" in text and "sans objet" in text
    assert "rendu par dossierkit" in text and "PDF d'origine" in text
    assert _ink(output, 0) > 2000 and _ink(output, 1) > 2000  # cover, sommaire
    assert fingerprint(SAMPLES / "association-complete") == before


def test_same_dossier_same_bytes(sample_result: Verification, tmp_path: Path) -> None:
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    _assemble(sample_result, first, renderer=BUILTIN)
    _assemble(sample_result, second, renderer=BUILTIN)
    assert first.read_bytes() == second.read_bytes()


def test_source_date_epoch_sets_the_dates(
    sample_result: Verification, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pypdf

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1791763200")  # 12 October 2026, 00:00 UTC
    output = tmp_path / "demande.pdf"
    assembly = _assemble(sample_result, output, renderer=BUILTIN)
    assert pypdf.PdfReader(output).metadata["/CreationDate"] == "D:20261012000000Z"
    assert "12 octobre 2026" in _sommaire_text(output, assembly.front_pages)


def test_built_dossier_with_builtin_renderer(
    built: Path, built_result: Verification, tmp_path: Path
) -> None:
    import pypdf
    import pypdfium2 as pdfium
    from PIL import Image, ImageOps

    before = fingerprint(built)
    output = tmp_path / "demande.pdf"
    assembly = _assemble(built_result, output, renderer=BUILTIN)
    check_structure(built_result, output, assembly)
    assert fingerprint(built) == before
    by_kind = {p.section.kind: p for p in assembly.parts}
    # The signed letter: its pages as they are, its original attached, and said so.
    courrier = by_kind["courrier"]
    assert courrier.signed and courrier.attached
    text = _sommaire_text(output, assembly.front_pages)
    assert "original signé électroniquement joint" in text
    # The DOCX's headings nested under its bookmark; the XLSX drawn as a table.
    outline = {
        title.split(". ", 1)[-1]: nested for title, _, nested in _outline(pypdf.PdfReader(output))
    }
    assert [h for h, _ in HEADINGS if h in outline["Dossier technique"]] == [h for h, _ in HEADINGS]
    budget = by_kind["budget"]
    assert budget.first is not None
    page_text = pypdf.PdfReader(output).pages[budget.first - 1].extract_text()
    assert "Salaire animateur" in page_text and "48000,5" in page_text
    # The photo: upright as its EXIF orientation says, one page.
    plan = by_kind["plan_agencement"]
    assert plan.pages == 1 and plan.first is not None
    with Image.open(built / "Plan d'agencement.jpg") as photo:
        width, height = ImageOps.exif_transpose(photo).size
    document = pdfium.PdfDocument(output)
    try:
        page_width, page_height = document[plan.first - 1].get_size()
    finally:
        document.close()
    assert (page_width < page_height) == (width < height)


def test_english(sample_result: Verification, tmp_path: Path) -> None:
    output = tmp_path / "request.pdf"
    assembly = _assemble(sample_result, output, renderer=BUILTIN, lang="en")
    check_structure(sample_result, output, assembly, lang="en")
    text = _sommaire_text(output, assembly.front_pages)
    assert "Dossier complete" in text and "Contents" in text
    import pdfplumber

    with pdfplumber.open(output) as pdf:
        assert "Piece 1/7" in (pdf.pages[assembly.front_pages].extract_text() or "")


def test_report_appended_as_last_section(sample_result: Verification, tmp_path: Path) -> None:
    import pypdf

    output = tmp_path / "demande.pdf"
    assembly = _assemble(sample_result, output, renderer=BUILTIN, with_report=True)
    check_structure(sample_result, output, assembly)
    last = assembly.parts[-1]
    assert last.section.role == "report" and last.first is not None
    reader = pypdf.PdfReader(output)
    assert _outline(reader)[-1][0] == "Rapport de vérification"
    assert "Constats" in reader.pages[last.first - 1].extract_text()


def test_incomplete_sample_assembled_with_its_gaps_marked(tmp_path: Path) -> None:
    result = verify(SAMPLES / "association-incomplete")
    output = tmp_path / "demande.pdf"
    assembly = _assemble(result, output, renderer=BUILTIN)
    check_structure(result, output, assembly)
    assert not assembly.complete and assembly.exit_code == 1
    text = _sommaire_text(output, assembly.front_pages)
    assert "Dossier incomplet : 2 pièces manquantes, 1 pièce illisible" in text
    assert "MANQUANTE" in text and "ILLISIBLE" in text
    assert any("Attestation TVA.pdf" in line for line in assembly.messages)
    # The cover says why: each error verify found, with its code.
    assert "Erreurs relevées par la vérification" in text
    assert "P001 — Pièce manquante : RIB" in text
    assert "F002 — « Attestation TVA.pdf » est protégé par un mot de passe" in text


def test_a_corrupt_docx_is_marked_and_the_rest_assembled(built: Path, tmp_path: Path) -> None:
    dossier = tmp_path / "dossier"
    shutil.copytree(built, dossier)
    (dossier / "03 - Dossier technique.docx").write_bytes(
        _corrupt_docx((dossier / "03 - Dossier technique.docx").read_bytes())
    )
    result = verify(dossier)
    output = tmp_path / "demande.pdf"
    assembly = _assemble(result, output, renderer=BUILTIN)
    check_structure(result, output, assembly)
    technique = next(p for p in assembly.parts if p.section.kind == "dossier_technique")
    assert technique.pages == 0
    assert "ILLISIBLE — 03 - Dossier technique.docx" in _sommaire_text(output, assembly.front_pages)
    assert sum(1 for p in assembly.parts if p.pages) >= 6


def _corrupt_docx(data: bytes) -> bytes:
    """The DOCX with its body cut in the middle of an element."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for name in source.namelist():
            content = source.read(name)
            target.writestr(
                name, content[: len(content) // 2] if name == "word/document.xml" else content
            )
    return buffer.getvalue()


def test_a_conversion_that_times_out_is_marked_and_the_rest_assembled(
    built_result: Verification, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dossierkit.external import soffice

    def too_slow(source: Path, target_format: str, outdir: Path, *, timeout: float) -> Path:
        raise ProgramTimeout("LibreOffice", f"LibreOffice n'a pas terminé en {timeout:.0f} s")

    monkeypatch.setattr(soffice, "available", lambda: True)
    monkeypatch.setattr(soffice, "convert", too_slow)
    output = tmp_path / "demande.pdf"
    assembly = _assemble(built_result, output, renderer=Renderer("libreoffice", 2))
    check_structure(built_result, output, assembly)
    failed = {p.section.kind for p in assembly.parts if p.failure}
    assert failed == {"budget", "dossier_technique"}
    assert all(p.attached for p in assembly.parts if p.failure)  # originals still inside
    text = _sommaire_text(output, assembly.front_pages)
    assert "NON CONVERTIE" in text and "n'a pas terminé en 2 s" in text
    assert "Non converties : Budget prévisionnel, Dossier technique" in text
    assert assembly.exit_code == 1
    assert sum(1 for line in assembly.messages if "non convertie" in line) == 2


# --------------------------------------------------------------------------------------------
# The command
# --------------------------------------------------------------------------------------------


def test_command_assembles_a_complete_dossier(tmp_path: Path) -> None:
    output = tmp_path / "demande.pdf"
    result = CliRunner().invoke(
        cli,
        [
            "assemble",
            str(SAMPLES / "association-complete"),
            "-o",
            str(output),
            "--renderer",
            "builtin",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Dossier assemblé" in result.output and output.stat().st_size > 10_000


def test_command_refuses_an_incomplete_dossier(tmp_path: Path) -> None:
    output = tmp_path / "demande.pdf"
    result = CliRunner().invoke(
        cli, ["assemble", str(SAMPLES / "association-incomplete"), "-o", str(output)]
    )
    assert result.exit_code == 1
    assert "Dossier incomplet\u00a0: il n'est pas assemblé" in result.output
    assert "Pièce manquante\u00a0: RIB" in result.output and "--allow-incomplete" in result.output
    assert not output.exists()
    allowed = CliRunner().invoke(
        cli,
        [
            "assemble",
            str(SAMPLES / "association-incomplete"),
            "-o",
            str(output),
            "--allow-incomplete",
            "--renderer",
            "builtin",
        ],
    )
    assert allowed.exit_code == 1 and output.exists()


def test_command_never_overwrites_without_force(tmp_path: Path) -> None:
    output = tmp_path / "demande.pdf"
    output.write_bytes(b"%PDF-1.7 a previous file")
    args = ["assemble", str(SAMPLES / "association-complete"), "-o", str(output)]
    result = CliRunner().invoke(cli, [*args, "--renderer", "builtin"])
    assert result.exit_code == 2
    assert "existe déjà" in result.output and "--force" in result.output
    assert output.read_bytes() == b"%PDF-1.7 a previous file"
    forced = CliRunner().invoke(cli, [*args, "--renderer", "builtin", "--force"])
    assert forced.exit_code == 0 and output.read_bytes().startswith(b"%PDF-")
    assert not list(tmp_path.glob(".*.tmp"))  # the temporary file was renamed


def test_output_inside_the_dossier_is_refused(built: Path) -> None:
    with pytest.raises(AssembleError) as refused:
        assemble(verify(built), built / "demande.pdf", Options(allow_incomplete=True))
    assert refused.value.exit_code == 2 and "dans le dossier" in refused.value.message


# --------------------------------------------------------------------------------------------
# With LibreOffice (slow)
# --------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_built_dossier_with_libreoffice(
    built: Path, built_result: Verification, tmp_path: Path
) -> None:
    require_tool("soffice")
    before = fingerprint(built)
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    assembly = _assemble(built_result, first)
    check_structure(built_result, first, assembly)
    converted = {p.section.kind: getattr(p.outcome, "renderer", None) for p in assembly.parts}
    assert converted["budget"] == converted["dossier_technique"] == "libreoffice"
    assert "converti par LibreOffice" in _sommaire_text(first, assembly.front_pages)
    # The workbook's sheet on one A4 page: its labels and every year's amounts together.
    [budget] = [p for p in assembly.parts if p.section.kind == "budget"]
    assert budget.pages == 1 and budget.first is not None
    reader = pypdf.PdfReader(first)
    page = reader.pages[budget.first - 1]
    assert sorted(round(float(v)) for v in page.mediabox[2:]) == [595, 842]
    shown = page.extract_text()
    assert all(cell in shown for cell in ("Dépenses", "2027", "Salaire", "42000", "48000,5"))
    _assemble(built_result, second)
    assert first.read_bytes() == second.read_bytes()
    assert fingerprint(built) == before


@pytest.mark.slow
@pytest.mark.parametrize("name", ["association-complete", "interco-complete", "interco-incomplete"])
def test_samples_with_libreoffice(name: str, tmp_path: Path) -> None:
    require_tool("soffice")
    result = verify(SAMPLES / name)
    output = tmp_path / "demande.pdf"
    assembly = _assemble(result, output, with_report=True)
    check_structure(result, output, assembly)
    assert _ink(output, 0) > 2000 and _ink(output, 1) > 2000


@pytest.mark.slow
def test_libreoffice_timing_out_is_marked(built_result: Verification, tmp_path: Path) -> None:
    require_tool("soffice")
    output = tmp_path / "demande.pdf"
    assembly = _assemble(built_result, output, renderer=Renderer("libreoffice", 0.01))
    check_structure(built_result, output, assembly)
    assert {p.section.kind for p in assembly.parts if p.failure} == {"budget", "dossier_technique"}
    assert "n'a pas terminé" in _sommaire_text(output, assembly.front_pages)


def test_margins_looked_at_on_the_pages_a_part_takes(tmp_path: Path) -> None:
    """The stamp looks at the very page it goes on: pages of a file that holds several
    pieces are named by their index in the file, not by their rank in the part."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from dossierkit.assemble import stamp

    pdf = tmp_path / "trois pages.pdf"
    drawing = canvas.Canvas(str(pdf), pagesize=A4)
    width, height = A4
    for bottom, top in ((False, False), (True, False), (True, True)):
        drawing.drawString(72, height / 2, "Texte au milieu de la page")
        if bottom:
            drawing.rect(0, 0, width, 14, fill=1)  # a footer band where the stamp would go
        if top:
            drawing.rect(0, height - 14, width, 14, fill=1)
        drawing.showPage()
    drawing.save()
    pages = [(pdf, 1), (pdf, 2), (pdf, 0), (tmp_path / "absent.pdf", 0)]
    assert stamp.look(pages, 150) == ["top", "shrink", "bottom", "shrink"]


# --------------------------------------------------------------------------------------------
# Size: heavy files named, scans recompressed to fit the limit
# --------------------------------------------------------------------------------------------

_A4_300_DPI = (2480, 3508)


def _paper_scan(path: Path, pages: int, size: tuple[int, int] = _A4_300_DPI) -> Path:
    """A scan as an office scanner stores it: A4 pages in colour mode at 300 dpi, the grey
    paper's grain in every pixel, stored without compression, with the invisible text layer
    of the scanner's own OCR (so that reading does not need Tesseract)."""
    import pikepdf
    from PIL import Image, ImageDraw

    pdf = pikepdf.new()
    font = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica
        )
    )
    for n in range(pages):
        grain = Image.effect_noise(size, 24).point(lambda v: 236 + (v - 128) // 10)
        draw = ImageDraw.Draw(grain)
        for line in range(40):
            draw.rectangle((300, 400 + 70 * line, 2000 - 20 * (line % 7), 430 + 70 * line), fill=40)
        rgb = Image.merge("RGB", (grain, grain, grain))
        image = pikepdf.Stream(pdf, rgb.tobytes())
        image.Type, image.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
        image.Width, image.Height = size
        image.ColorSpace, image.BitsPerComponent = pikepdf.Name.DeviceRGB, 8
        words = f"Plan d'agencement du tiers-lieu, page {n + 1} : espace de coworking, atelier"
        content = (
            b"q 595.28 0 0 841.89 0 0 cm /Scan Do Q BT 3 Tr /F1 11 Tf 60 780 Td ("
            + words.encode("cp1252")
            + b") Tj ET"
        )
        page = pdf.add_blank_page(page_size=(595.28, 841.89))
        page.obj.Resources = pikepdf.Dictionary(
            XObject=pikepdf.Dictionary(Scan=image), Font=pikepdf.Dictionary(F1=font)
        )
        page.obj.Contents = pdf.make_stream(content)
    pdf.save(path, compress_streams=False)
    return path


def test_recompression_steps_on_a_small_scan(tmp_path: Path) -> None:
    """Without loss: grey in colour stored as grey, Flate; without visible loss: JPEG at 300
    dpi at most; each step keeps the page's pixels (exactly, then closely)."""
    import pikepdf
    from PIL import ImageChops, ImageStat

    from dossierkit.assemble import size

    scan = _paper_scan(tmp_path / "scan.pdf", 1, (620, 877))  # A4 at 75 dpi
    with pikepdf.open(scan) as pdf:
        original = pikepdf.PdfImage(pdf.pages[0].get_images()["/Scan"]).as_pil_image().convert("L")
        raw = len(pdf.pages[0].get_images()["/Scan"].read_raw_bytes())
        assert size.recompress(pdf, [0], "lossless") == 1
        image = pdf.pages[0].get_images()["/Scan"]
        assert image.ColorSpace == "/DeviceGray" and image.Filter == "/FlateDecode"
        flate = len(image.read_raw_bytes())
        assert flate < raw / 3
        same = pikepdf.PdfImage(image).as_pil_image()
        assert ImageChops.difference(same, original).getbbox() is None
        assert size.recompress(pdf, [0], "lossless") == 0  # nothing more without loss
        assert size.recompress(pdf, [0], "visually_lossless") == 1
        image = pdf.pages[0].get_images()["/Scan"]
        assert image.Filter == "/DCTDecode" and len(image.read_raw_bytes()) < flate
        close = pikepdf.PdfImage(image).as_pil_image()
        assert close.size == original.size  # 75 dpi: not brought down
        assert ImageStat.Stat(ImageChops.difference(close, original)).mean[0] < 3


@pytest.mark.slow
def test_a_heavy_scan_is_named_and_the_pdf_brought_under_the_limit(tmp_path: Path) -> None:
    """A 78 MB scan (three A4 pages at 300 dpi, uncompressed): named as over 10 MB, and the
    assembled PDF recompressed under the 20 MB limit; with a tighter limit, the second step;
    the signed letter's original attached byte for byte all along."""
    dossier = tmp_path / "dossier"
    shutil.copytree(SAMPLES / "association-complete", dossier)
    scan = _paper_scan(dossier / "Plan d'agencement numérisé.pdf", 3)
    assert scan.stat().st_size > 64_000_000
    result = verify(dossier)
    output = tmp_path / "demande.pdf"
    assembly = _assemble(result, output, renderer=BUILTIN)
    check_structure(result, output, assembly)
    messages = " ".join(" ".join(assembly.messages).split())  # no-break spaces as spaces
    assert "Attention : « Plan d'agencement numérisé.pdf » pèse 78,3 Mo" in messages
    assert "recompressées sans perte" in messages and "JPEG" not in messages
    lossless = output.stat().st_size
    assert lossless < 20_000_000
    tight = tmp_path / "serre.pdf"
    assembly = _assemble(result, tight, renderer=BUILTIN, max_mb=4)
    check_structure(result, tight, assembly)
    assert "JPEG de qualité 85" in " ".join(assembly.messages)
    assert tight.stat().st_size < 4_000_000 < lossless


def test_structure_kinds_named_as_the_terminal_report_names_them() -> None:
    from dossierkit.assemble.texts import text
    from dossierkit.report.terminal import STRINGS

    for lang in ("fr", "en"):
        for kind, word in STRINGS[lang]["kinds"].items():
            assert text(lang, f"kind.{kind}") == word


def _drawn(path: Path, sizes: list[tuple[float, float]]) -> Path:
    """A PDF whose pages have ``sizes``, each with a line of text at its top left."""
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path))
    for width, height in sizes:
        pdf.setPageSize((width, height))
        pdf.drawString(10, height - 20, f"Feuille {width:.0f} x {height:.0f}")
        pdf.showPage()
    pdf.save()
    return path


def test_a_sheet_drawn_whole_is_set_on_a4_without_being_enlarged(tmp_path: Path) -> None:
    """A workbook's sheets, each drawn whole by LibreOffice on a page of its own size, go on
    A4: landscape when wider than tall, shrunk to the margins, never enlarged; a sheet that
    would be too small to read once shrunk keeps its author's pages (None)."""
    from dossierkit.assemble.sheets import sheets_on_a4

    wide, tall, small = (1100.0, 300.0), (500.0, 1000.0), (400.0, 200.0)
    sheets = _drawn(tmp_path / "sheets.pdf", [wide, tall, small])
    fitted = sheets_on_a4(sheets, [True] * 3, tmp_path / "a4.pdf")
    assert fitted is not None
    reader = pypdf.PdfReader(fitted)
    sizes = [tuple(round(float(v)) for v in p.mediabox[2:]) for p in reader.pages]
    assert sizes == [(842, 595), (595, 842), (842, 595)]
    assert [p.extract_text().strip() for p in reader.pages] == [
        "Feuille 1100 x 300",
        "Feuille 500 x 1000",
        "Feuille 400 x 200",
    ]
    too_long = _drawn(tmp_path / "long.pdf", [(600.0, 4000.0)])
    assert sheets_on_a4(too_long, [True], tmp_path / "b.pdf") is None
    assert sheets_on_a4(sheets, [True, True], tmp_path / "b.pdf") is None  # pages ≠ sheets
    hidden = sheets_on_a4(sheets, [True, False, True], tmp_path / "h.pdf")
    assert hidden is not None
    assert [p.extract_text().strip() for p in pypdf.PdfReader(hidden).pages] == [
        "Feuille 1100 x 300",
        "Feuille 400 x 200",
    ]
    again = sheets_on_a4(sheets, [True] * 3, tmp_path / "c.pdf")
    assert again is not None and again.read_bytes() == fitted.read_bytes()


@pytest.mark.slow
def test_a_wide_budget_workbook_reads_on_one_page(tmp_path: Path) -> None:
    """A budget as intercommunalités lay it out (long labels, three years and a total):
    printed with LibreOffice's default page, its labels and 2027 came on one page and 2028,
    2029 and the total on the next. Set on A4 landscape, it reads on one page."""
    import openpyxl

    from dossierkit.assemble.convert import render_file
    from dossierkit.discovery import Entry
    from dossierkit.dossier import DossierFile

    require_tool("soffice")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Budget prévisionnel – Tiers-lieu numérique"])
    sheet.append(["DÉPENSES", "2027", "2028", "2029", "Total"])
    sheet.append(["Salaire chargé animateur (1 ETP CDI)", 42000, 43000, 44000, 129000])
    sheet.append(["Machines fablab et mobilier coworking (investissement)", 36000, 0, 0, 36000])
    sheet.column_dimensions["A"].width = 60
    for column in "BCDE":
        sheet.column_dimensions[column].width = 18
    workbook.create_sheet("Feuil2")  # empty: no page
    hidden = workbook.create_sheet("Calculs")  # hidden by the applicant: no page
    hidden.append(["Calcul intermédiaire", 1])
    hidden.sheet_state = "hidden"
    path = tmp_path / "Budget.xlsx"
    workbook.save(path)
    entry = Entry(path=path, rel=path.name, status="file")
    f = DossierFile(entry=entry, sha256=None, type="xlsx", claimed_type="xlsx")
    outcome = render_file(f, tmp_path / "rendu", Renderer("libreoffice"), "fr")
    assert isinstance(outcome, Rendered), outcome
    reader = pypdf.PdfReader(outcome.pdf)
    assert len(reader.pages) == 1
    assert [round(float(v)) for v in reader.pages[0].mediabox[2:]] == [842, 595]
    shown = reader.pages[0].extract_text()
    assert all(cell in shown for cell in ("Salaire", "2027", "2029", "Total", "129")), shown
    assert "Calcul intermédiaire" not in shown
