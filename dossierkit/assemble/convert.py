"""Turn each file of the plan into PDF pages, faithfully, and say how it was done.

- A PDF is taken as it is: its pages are copied, never redrawn.
- DOCX, ODT, XLSX, ODS (and legacy DOC/XLS) go through LibreOffice when it is installed:
  it lays them out as their author saw them; a workbook's sheets are each drawn whole, then
  set on an A4 page (``sheets``), so that a budget never has its years on another page
  than its labels. Without it, or when asked, the built-in
  renderer draws what reading understood of them.
- Images go through img2pdf, which wraps the JPEG or PNG bytes without re-encoding them,
  upright according to their EXIF orientation and fitted to A4.
- CSV files (and plain text) are drawn by the built-in renderer: their reader already knows
  the encoding and the separator French Excel uses.

A conversion that fails or times out becomes a ``Failed`` with its reason, for the sommaire
and the command's output; it never stops the other conversions. LibreOffice conversions run
side by side, each in its own process and profile, since each takes a few seconds.
"""

from __future__ import annotations

import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dossierkit.assemble import builtin
from dossierkit.assemble.a4 import A4
from dossierkit.assemble.plan import Failed, Outcome, Rendered, Section
from dossierkit.assemble.sheets import SHEET_PER_PAGE, sheets_on_a4, shown_sheets
from dossierkit.assemble.texts import text
from dossierkit.dossier import DossierFile
from dossierkit.external import ExternalError, soffice
from dossierkit.reading import IMAGE_TYPES

OFFICE_TYPES = frozenset({"docx", "docm", "odt", "xlsx", "xlsm", "ods", "doc", "xls"})
# The built-in renderer draws from the document model; these are the types it has one for.
_BUILTIN_TYPES = frozenset({"docx", "docm", "odt", "xlsx", "xlsm", "ods", "csv", "txt"})
# Room left around an image on its A4 page: the margin stamp goes there.
_IMAGE_BORDER = 28.35  # 1 cm
_HEIC_QUALITY = 90
SPREADSHEET_TYPES = frozenset({"xlsx", "xlsm", "ods"})
# LibreOffice takes one CPU and a few hundred megabytes per conversion.
_MAX_PARALLEL = 4


@dataclass(frozen=True)
class Renderer:
    """How office files are rendered: ``auto`` (LibreOffice if installed), ``libreoffice``
    or ``builtin``, with LibreOffice's timeout per file."""

    choice: str = "auto"
    timeout: float = soffice.DEFAULT_TIMEOUT

    def uses_libreoffice(self) -> bool:
        """Whether office files go through LibreOffice in this run."""
        if self.choice == "builtin":
            return False
        return self.choice == "libreoffice" or soffice.available()


def _image(f: DossierFile, workdir: Path, lang: str) -> Outcome:
    """Wrap an image in an A4 page with img2pdf: no re-encoding, EXIF rotation honoured."""
    import img2pdf
    from PIL import Image, ImageOps

    # The page is turned like the stored pixels; the EXIF rotation then turns page and
    # picture together, so that an upright portrait gets a portrait page.
    layout = img2pdf.get_layout_fun(
        pagesize=A4,
        border=(_IMAGE_BORDER, _IMAGE_BORDER),
        fit=img2pdf.FitMode.into,
        auto_orient=True,
    )
    target = workdir / "image.pdf"
    try:
        if f.type == "heic":
            return _heic(f, workdir, layout, target)
        data = f.entry.path.read_bytes()
        try:
            pdf = img2pdf.convert(data, layout_fun=layout, rotation=img2pdf.Rotation.auto)
        except (img2pdf.AlphaChannelError, img2pdf.ExifOrientationError):
            # Transparency, or a mirrored EXIF orientation that a page rotation cannot
            # express: decode once, upright on white, and store it losslessly as PNG.
            with Image.open(f.entry.path) as image:
                upright = ImageOps.exif_transpose(image).convert("RGBA")
                flat = Image.new("RGB", upright.size, "white")
                flat.paste(upright, mask=upright.getchannel("A"))
                buffer = workdir / "image.png"
                flat.save(buffer, format="PNG")
            pdf = img2pdf.convert(buffer.read_bytes(), layout_fun=layout)
    except Exception as exc:  # a stranger's image may break any library in any way
        return Failed(text(lang, "image_failed", reason=type(exc).__name__))
    target.write_bytes(pdf)
    return Rendered(target, "img2pdf", laid_out=True)


def _heic(f: DossierFile, workdir: Path, layout: Any, target: Path) -> Outcome:
    """A HEIC photo, which no PDF can hold as it is: decoded upright and stored as a JPEG of
    high quality (a photo of a sheet, already lossy; PNG would weigh ten times more)."""
    import img2pdf
    from PIL import Image, ImageOps

    from dossierkit.reading.heif import open_heif

    open_heif()
    with Image.open(f.entry.path) as image:
        upright = ImageOps.exif_transpose(image).convert("RGB")
    buffer = workdir / "image.jpg"
    upright.save(buffer, format="JPEG", quality=_HEIC_QUALITY, optimize=True)
    target.write_bytes(img2pdf.convert(buffer.read_bytes(), layout_fun=layout))
    return Rendered(target, "photo", laid_out=True)


def _libreoffice(f: DossierFile, workdir: Path, renderer: Renderer, lang: str) -> Outcome:
    # LibreOffice works on a copy named after the type read in the bytes: it may leave a
    # lock file beside what it opens, and a DOCX saved as "Budget.pdf" needs ".docx".
    source = workdir / f"source.{f.type}"
    shutil.copyfile(f.entry.path, source)
    try:
        shown = shown_sheets(source, f.type) if f.type in SPREADSHEET_TYPES else None
        if shown is not None:
            whole = soffice.convert(
                source, SHEET_PER_PAGE, workdir / "sheets", timeout=renderer.timeout
            )
            if fitted := sheets_on_a4(whole, shown, workdir / "a4.pdf"):
                return Rendered(fitted, "libreoffice", laid_out=True)
        return Rendered(
            soffice.convert(source, "pdf", workdir / "out", timeout=renderer.timeout),
            "libreoffice",
            laid_out=False,
        )
    except ExternalError as exc:
        return Failed(exc.text(lang))


def _builtin(f: DossierFile, workdir: Path, lang: str) -> Outcome:
    if f.document is None or f.type not in _BUILTIN_TYPES:
        return Failed(text(lang, "no_renderer", type=f.type.upper()))
    try:
        pdf = builtin.render_document(
            f.document, f.entry.path, workdir / "builtin.pdf", title=f.rel
        )
    except Exception as exc:  # reportlab or Pillow on a stranger's content
        return Failed(text(lang, "builtin_failed", reason=type(exc).__name__))
    return Rendered(pdf, "builtin", laid_out=True)


def render_file(f: DossierFile, workdir: Path, renderer: Renderer, lang: str) -> Outcome:
    """The pages of one file, made in ``workdir`` (never beside the original)."""
    if f.type == "pdf":
        return Rendered(f.entry.path, "pdf", laid_out=False)
    workdir.mkdir(parents=True, exist_ok=True)
    if f.type in IMAGE_TYPES:
        return _image(f, workdir, lang)
    if f.type in OFFICE_TYPES and renderer.uses_libreoffice():
        return _libreoffice(f, workdir, renderer, lang)
    return _builtin(f, workdir, lang)


def render_sections(
    sections: list[Section], workdir: Path, renderer: Renderer, lang: str
) -> dict[str, Outcome]:
    """Each renderable section's outcome, by section key; LibreOffice jobs run in parallel."""
    jobs = {key: f for s in sections for key, f in s.renders().items()}
    slow = {
        key: f for key, f in jobs.items() if f.type in OFFICE_TYPES and renderer.uses_libreoffice()
    }
    outcomes: dict[str, Outcome] = {}
    workers = max(1, min(_MAX_PARALLEL, len(slow), os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {
            key: pool.submit(render_file, f, workdir / key, renderer, lang)
            for key, f in slow.items()
        }
        for key, f in jobs.items():
            if key not in slow:
                outcomes[key] = render_file(f, workdir / key, renderer, lang)
        outcomes.update({key: future.result() for key, future in futures.items()})
    return {key: outcomes[key] for key in jobs}
