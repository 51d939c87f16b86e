"""The letter's second page scanned apart travels as an original, like its first.

An applicant photographs the two pages of the signed letter: « courrier p1.jpg » and
« courrier p2.jpg » (the page with the signature). The assembled PDF's contents said both
originals were attached, but only the first was (outside tester 5, Le Bocal): the signed page
was lost for whoever wants the file as sent.
"""

from __future__ import annotations

from pathlib import Path

import pypdf
from PIL import Image, ImageDraw

from conftest import TEXTS, write_pdf
from dossierkit.assemble import Options, Renderer, assemble
from dossierkit.verify import verify


def _page(path: Path, lines: list[str]) -> Path:
    """A page of the letter as a phone photo: dark text on a white page."""
    image = Image.new("RGB", (620, 877), "white")
    draw = ImageDraw.Draw(image)
    for n, line in enumerate(lines):
        draw.text((40, 60 + 22 * n), line, fill="black")
    image.save(path, "JPEG", quality=85)
    return path


def test_both_photos_of_the_letter_are_attached(tmp_path: Path) -> None:
    dossier = tmp_path / "dossier"
    dossier.mkdir()
    write_pdf(dossier / "Courrier de demande.pdf", TEXTS["courrier"][:-2])
    second = dossier / "Courrier de demande p2.jpg"
    _page(
        second, ["Je vous prie d'agréer, Monsieur le Président, mes salutations.", "La Présidente"]
    )

    result = verify(dossier)
    courrier = next(p for p in result.dossier.pieces if p.spec.kind == "courrier")
    assert [f.rel for f in courrier.continued] == [second.name]

    out = tmp_path / "demande.pdf"
    assemble(result, out, Options(renderer=Renderer("builtin"), allow_incomplete=True))
    attached = set(pypdf.PdfReader(out).attachments)
    assert second.name in attached
