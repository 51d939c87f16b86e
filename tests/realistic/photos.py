"""Papers photographed by a phone, and the noisy text their OCR gives.

An association without a scanner photographs its statuts on the kitchen table: the sheet is
turned a few degrees, lies on a dark background, the light is uneven, the sensor adds noise,
the phone saves a JPEG named ``IMG_20261030_184512.jpg`` with no resolution in it. The plan
of the place is drawn in a drawing program and saved as « plan du local.png »: neither file
name says what the paper is, the paper does (« STATUTS DE L'ASSOCIATION », « Plan
prévisionnel d'agencement »).

``STATUTS_OCR`` is what Tesseract made of such a photo when it could not level it: bits of
lines, the title cut, « 1er » read « ler ». Scoring tests use it without running OCR.
"""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

STATUTS_LINES = (
    "STATUTS DE L'ASSOCIATION « LES BIDOUILLEURS DU BOULONNAIS »",
    "",
    "Article 1 – Constitution et dénomination",
    "Il est fondé entre les adhérents aux présents statuts une association régie par la loi",
    "du 1er juillet 1901 et le décret du 16 août 1901, ayant pour titre : Les Bidouilleurs.",
    "",
    "Article 2 – Objet",
    "L'association a pour objet de favoriser l'accès de tous aux outils numériques.",
    "",
    "Article 3 – Siège social",
    "Le siège est fixé au 12 rue de la Lampe, 62200 Boulogne-sur-Mer.",
    "",
    "Article 12 – Représentation",
    "La présidente représente l'association dans tous les actes de la vie civile.",
    "",
    "Fait à Boulogne-sur-Mer, le 4 mars 2019",
    "La présidente                    Le trésorier",
)

# The OCR of a photo it could not level (the outside tester's IMG_20261030_184512.jpg).
STATUTS_OCR = (
    "pu BOULONNAIS »\nSTATUTS DEL’\n5 Constitution et\non régie par la loi\nqu ler juillet\n"
    "Les gidouilleurs du Boulonnais.\nArticle\nt de favoriser l'accè\nnumérique et UI\n"
    "0 Boulogne-sur-Mer:\nns tous les actes de la vie civile.\nassociation dat\n"
    "bre du bureau:\nin mem"
)

PLAN_TITLE = "Plan prévisionnel d'agencement – rez-de-chaussée"
ROOMS = ("Atelier fablab", "Coworking", "Médiation", "Réserve", "Accueil")


def _font(size: int) -> object:
    from PIL import ImageFont

    path = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    return ImageFont.truetype(str(path), size) if path.exists() else ImageFont.load_default()


def statuts_page(lines: tuple[str, ...] = STATUTS_LINES) -> Image.Image:
    """The first page of the statuts as printed: A4 at 150 dpi, black text on white."""
    page = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(page)
    font = _font(22)
    for index, line in enumerate(lines):
        draw.text((110, 140 + index * 38), line, font=font, fill=0)  # type: ignore[arg-type]
    return page


def phone_photo(page: Image.Image, dst: Path, *, seed: int, angle: float = 3.0) -> Path:
    """``page`` photographed on a table: turned ``angle`` degrees, on a dark background,
    light falling off towards the bottom, noise, a little blur, JPEG without resolution."""
    rng = random.Random(seed)
    table = (104, 88, 74)
    sheet = page.convert("RGB")
    # Uneven light: darker towards the bottom of the sheet.
    shade = Image.linear_gradient("L").resize(sheet.size).point(lambda v: 255 - v // 6)
    sheet = Image.composite(sheet, Image.new("RGB", sheet.size, (0, 0, 0)), shade)
    margin = 120
    canvas = Image.new("RGB", (sheet.width + 2 * margin, sheet.height + 2 * margin), table)
    canvas.paste(sheet, (margin, margin))
    canvas = canvas.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=table)
    noise = Image.effect_noise(canvas.size, 10).convert("RGB")
    canvas = Image.blend(canvas, noise, 0.06).filter(ImageFilter.GaussianBlur(0.7))
    canvas = canvas.resize((canvas.width * 3 // 4, canvas.height * 3 // 4))
    dst.parent.mkdir(parents=True, exist_ok=True)
    canvas.save(dst, "JPEG", quality=70 + rng.randint(0, 10))
    return dst


def floor_plan(dst: Path) -> Path:
    """The plan of the place drawn in a drawing program: a title, rooms, no file name hint."""
    image = Image.new("RGB", (1400, 900), "white")
    draw = ImageDraw.Draw(image)
    draw.text((40, 20), PLAN_TITLE, font=_font(28), fill="black")  # type: ignore[arg-type]
    boxes = ((40, 80, 700, 480), (700, 80, 1360, 480), (40, 480, 500, 860), (500, 480, 1000, 860),
             (1000, 480, 1360, 860))  # fmt: skip
    for box, room in zip(boxes, ROOMS, strict=True):
        draw.rectangle(box, outline="black", width=6)
        draw.text((box[0] + 20, box[1] + 20), room, font=_font(26), fill="black")  # type: ignore[arg-type]
    dst.parent.mkdir(parents=True, exist_ok=True)
    image.save(dst)
    return dst
