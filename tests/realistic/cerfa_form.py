"""The official fillable CERFA n° 12156*06 budget page, filled in and then flattened.

Associations download the form's PDF, type their figures in its fields, then « Imprimer en
PDF » or run a flattening tool so that the figures cannot be changed: the fields are burned
into the page. What a reader then finds is the form's own printed labels and rules, and each
figure as text in its field's box: right-aligned, on a baseline of its own (a field centres
its text in a box a point or so off the row), in another font than the labels. The rows the
form prints are its own (« Prestations de services », « Rémunération des personnels »), with
no account number on the detail lines, and the Région is a line under « Région(s) : » whose
field the applicant fills with what they like.

Made here as the real one is: the form drawn with its fields (reportlab's AcroForm), filled
by pypdf (which writes each field's appearance, right-aligned where the field says so), then
flattened by pikepdf (qpdf burns the appearances into the page and drops the form).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from realistic.budget import MEMBERSHIP, OTHER_SUBSIDIES, REGION_ANIMATION, VOLUNTEERING, YEARS

# The form's rows: (charges label, produits label); "" where the side has no row. A label
# starting with "-" is a free line whose text the applicant types in a field.
ROWS: tuple[tuple[str, str], ...] = (
    ("I. Charges directes", "I. Ressources directes"),
    ("60 - Achats", "70 - Vente de produits finis, de marchandises, prestations de services"),
    ("Prestations de services", "73 - Dotations et produits de tarification"),
    ("Achats matières et fournitures", "74 - Subventions d'exploitation"),
    ("Autres fournitures", "État : préciser le(s) ministère(s) sollicité(s)"),
    ("61 - Services extérieurs", "-"),
    ("Locations", "Région(s) :"),
    ("Entretien et réparation", "-"),
    ("Assurance", "Département(s) :"),
    ("Documentation", "-"),
    ("62 - Autres services extérieurs", "Intercommunalité(s) : EPCI"),
    ("Rémunérations intermédiaires et honoraires", "-"),
    ("Publicité, publication", "Commune(s) :"),
    ("Déplacements, missions", "-"),
    ("Services bancaires, autres", "Organismes sociaux (détailler) :"),
    ("63 - Impôts et taxes", "-"),
    ("Impôts et taxes sur rémunération", "Fonds européens (FSE, FEDER, etc.)"),
    ("Autres impôts et taxes", "L'agence de services et de paiement (emplois aidés)"),
    ("64 - Charges de personnel", "Autres établissements publics"),
    ("Rémunération des personnels", "Aides privées (fondation)"),
    ("Charges sociales", "75 - Autres produits de gestion courante"),
    ("Autres charges de personnel", "756 - Cotisations"),
    ("65 - Autres charges de gestion courante", "758 - Dons manuels - Mécénat"),
    ("66 - Charges financières", "76 - Produits financiers"),
    ("67 - Charges exceptionnelles", "77 - Produits exceptionnels"),
    ("68 - Dotation aux amortissements", "78 - Reprises sur amortissements et provisions"),
    ("TOTAL DES CHARGES", "TOTAL DES PRODUITS"),
    ("CONTRIBUTIONS VOLONTAIRES EN NATURE", ""),
    (
        "86 - Emplois des contributions volontaires en nature",
        "87 - Contributions volontaires en nature",
    ),
    ("860 - Secours en nature", "870 - Bénévolat"),
    ("861 - Mise à disposition gratuite de biens et services", "871 - Prestations en nature"),
    ("862 - Prestations", "875 - Dons en nature"),
    ("864 - Personnel bénévole", ""),
    ("TOTAL", "TOTAL"),
)

# The applicant's figures for year ``i`` by row label (charges, then produits), as typed:
# « 6000 », « 6 000 », « 1 500,00 »; the account heads carry their subtotal, as the form's
# totals ask. The same charges as ``realistic.budget.CHARGES`` under the form's labels.
CHARGES_TYPED: dict[str, tuple[str, str, str]] = {
    "60 - Achats": ("6 000", "5 400", "5 500"),
    "Achats matières et fournitures": ("3600", "3000", "3000"),
    "Autres fournitures": ("2400", "2400", "2500"),
    "61 - Services extérieurs": ("10 800", "10 800", "10 800"),
    "Locations": ("9 600", "9 600", "9 600"),
    "Assurance": ("1 200,00", "1 200,00", "1 200,00"),
    "62 - Autres services extérieurs": ("16 000", "16 000", "16 000"),
    "Rémunérations intermédiaires et honoraires": ("16000", "16000", "16000"),
    "64 - Charges de personnel": ("59 000", "59 400", "59 800"),
    "Rémunération des personnels": ("44 000", "44 000", "44 000"),
    "Charges sociales": ("15 000", "15 400", "15 800"),
}
# What the applicant types in the free lines under « Région(s) : » and the others.
FREE_LINES = {
    "Région(s) :": "Hauts-de-France — animation du tiers-lieu",
    "Département(s) :": "Pas-de-Calais",
    "Intercommunalité(s) : EPCI": "Communauté de communes du Ternois",
}


def charges_total(i: int) -> Decimal:
    heads = ("60 - Achats", "61 - Services extérieurs", "62 - Autres services extérieurs")
    return sum(
        (_value(CHARGES_TYPED[h][i]) for h in (*heads, "64 - Charges de personnel")),
        Decimal(0),
    )


def _value(typed: str) -> Decimal:
    return Decimal(typed.replace(" ", "").replace(",", "."))


def produits_typed(i: int) -> dict[str, str]:
    """The produits of year ``i`` by row label, ``-`` lines by the label they follow."""
    region = REGION_ANIMATION[i]
    others = [a[i] for _, a in OTHER_SUBSIDIES]
    subsidies = region + sum(others)
    sales = charges_total(i) - subsidies - MEMBERSHIP[i]
    return {
        "70 - Vente de produits finis, de marchandises, prestations de services": _fr(sales),
        "74 - Subventions d'exploitation": _fr(subsidies),
        "Région(s) :": _fr(region),
        "Département(s) :": _fr(others[0]),
        "Intercommunalité(s) : EPCI": _fr(others[1]),
        "75 - Autres produits de gestion courante": _fr(MEMBERSHIP[i]),
        "756 - Cotisations": _fr(MEMBERSHIP[i]),
        "TOTAL DES PRODUITS": _fr(charges_total(i)),
    }


def _fr(value: int | Decimal) -> str:
    return f"{int(value):,}".replace(",", " ")


_LEFT, _CHARGE_AMOUNT, _PRODUIT, _PRODUIT_AMOUNT, _RIGHT = 28.0, 218.0, 290.0, 492.0, 567.0
_ROW = 14.0
_TOP = 742.0


def filled_form(
    path: Path,
    work: Path,
    years: int = len(YEARS),
    dates_only: frozenset[int] = frozenset(),
    left: frozenset[int] = frozenset(),
) -> Path:
    """The form filled for the first ``years`` years of the plan, one page a year (the
    applicant fills it once a year), flattened to ``path``; on the pages of ``dates_only``
    (0 for the first) the year's field is left blank, the dates say it; on the pages of
    ``left`` the amount fields are left-aligned (another edition of the form) and the
    charges typed with their « € »: a figure then starts under the end of a produits label
    too long for its box, as the printed form lets it run."""
    import pikepdf
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, NumberObject

    blank = _blank_form(work / "cerfa_12156-06-blank.pdf", years)
    writer = PdfWriter(clone_from=PdfReader(blank))
    for n, page in enumerate(writer.pages):
        for annotation in (a.get_object() for a in page.get("/Annots", [])):
            if str(annotation.get("/T", "")).startswith("montant") and n not in left:
                annotation[NameObject("/Q")] = NumberObject(2)  # amounts right-aligned
    for page, i in zip(writer.pages, range(years), strict=True):
        values = _values(i)
        if i in dates_only:
            del values[f"p{i}.exercice"]
        if i in left:
            values.update({k: f"{v} €" for k, v in values.items() if k.startswith(f"montant{i}.c")})
        writer.update_page_form_field_values(page, values, auto_regenerate=False)
    filled = work / "cerfa_12156-06-filled.pdf"
    writer.write(filled)
    with pikepdf.open(filled) as pdf:
        pdf.flatten_annotations("all")
        if "/AcroForm" in pdf.Root:
            del pdf.Root.AcroForm
        pdf.save(path)
    return path


def _values(i: int) -> dict[str, str]:
    """Field name → value for the page of year ``i``."""
    values = {f"p{i}.exercice": str(YEARS[i])}
    values[f"p{i}.debut"] = f"01/01/{YEARS[i]}"
    values[f"p{i}.fin"] = f"31/12/{YEARS[i]}"
    produits = produits_typed(i)
    for n, (charge, produit) in enumerate(ROWS):
        if charge in CHARGES_TYPED:
            values[f"montant{i}.c{n}"] = CHARGES_TYPED[charge][i]
        if charge == "TOTAL DES CHARGES":
            values[f"montant{i}.c{n}"] = _fr(charges_total(i))
        if charge.startswith(("86 ", "864 ")):
            values[f"montant{i}.c{n}"] = _fr(VOLUNTEERING[i])
        if charge == "TOTAL" and n > 0:
            values[f"montant{i}.c{n}"] = _fr(charges_total(i) + VOLUNTEERING[i])
            values[f"montant{i}.p{n}"] = _fr(charges_total(i) + VOLUNTEERING[i])
        if produit.startswith(("87 ", "870 ")):
            values[f"montant{i}.p{n}"] = _fr(VOLUNTEERING[i])
        previous = ROWS[n - 1][1] if n else ""
        if produit == "-" and previous in FREE_LINES:
            values[f"libelle{i}.p{n}"] = FREE_LINES[previous]
            if i > 0 and previous == "Région(s) :":  # the Région said by the row above only
                values[f"libelle{i}.p{n}"] = "Aide à l'animation du tiers-lieu"
            values[f"montant{i}.p{n}"] = produits[previous]
        elif produit in produits and produit not in FREE_LINES:
            values[f"montant{i}.p{n}"] = produits[produit]
    return values


def _blank_form(path: Path, years: int) -> Path:
    """The blank form, a page for each of ``years`` years: the printed labels and rules, and
    a field in every amount box and every free line."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for i in range(years):
        pdf.setFont("Helvetica-Bold", 11)
        pdf.drawString(_LEFT, 800, "6. Budget prévisionnel de l'action")
        pdf.setFont("Helvetica", 7.5)
        pdf.drawString(_LEFT, 784, "Exercice")
        pdf.drawString(118, 784, "ou date de début :")
        pdf.drawString(260, 784, "date de fin :")
        form = pdf.acroForm
        for name, x, width in (("exercice", 60, 40), ("debut", 186, 60), ("fin", 306, 60)):
            form.textfield(
                name=f"p{i}.{name}", x=x, y=781, width=width, height=12, fontSize=8,
                borderWidth=0, fillColor=None, value="",
            )  # fmt: skip
        pdf.setFont("Helvetica-Bold", 7.5)
        header = _TOP + _ROW
        for x, text in (
            (_LEFT, "CHARGES"),
            (_CHARGE_AMOUNT, "Montant"),
            (_PRODUIT, "PRODUITS"),
            (_PRODUIT_AMOUNT, "Montant"),
        ):
            pdf.drawString(x + 2, header + 4, text)
        for n, (charge, produit) in enumerate(ROWS):
            y = _TOP - n * _ROW
            for x, label in ((_LEFT, charge), (_PRODUIT, produit)):
                if not label:
                    continue
                head = (label[:2].isdigit() and " - " in label[:5]) or label.isupper()
                pdf.setFont("Helvetica-Bold" if head else "Helvetica", 7)
                pdf.drawString(x + 2, y + 4, label)
            for side, x, right, label in (
                ("c", _CHARGE_AMOUNT, _PRODUIT, charge),
                ("p", _PRODUIT_AMOUNT, _RIGHT, produit),
            ):
                if label and label not in ("CONTRIBUTIONS VOLONTAIRES EN NATURE",):
                    # The box is a point higher than the row: the field's baseline is not the
                    # label's.
                    form.textfield(
                        name=f"montant{i}.{side}{n}", x=x + 1, y=y + 1.5, width=right - x - 2,
                        height=_ROW - 2, fontSize=8, borderWidth=0, fillColor=None, value="",
                    )  # fmt: skip
            if produit == "-":
                form.textfield(
                    name=f"libelle{i}.p{n}", x=_PRODUIT + 8, y=y + 1, width=_PRODUIT_AMOUNT
                    - _PRODUIT - 10, height=_ROW - 2, fontSize=8, borderWidth=0,
                    fillColor=None, value="",
                )  # fmt: skip
        pdf.setLineWidth(0.6)
        bottom = _TOP - (len(ROWS) - 1) * _ROW
        for n in range(len(ROWS) + 2):
            y = header + _ROW - n * _ROW
            pdf.line(_LEFT, y, _RIGHT, y)
        for x in (_LEFT, _CHARGE_AMOUNT, _PRODUIT, _PRODUIT_AMOUNT, _RIGHT):
            pdf.line(x, header + _ROW, x, bottom)
        pdf.setFont("Helvetica", 7)
        pdf.drawString(
            _LEFT, bottom - 16,
            "La subvention de ........ € représente ........ % du total des produits.",
        )  # fmt: skip
        pdf.showPage()
    pdf.save()
    return path
