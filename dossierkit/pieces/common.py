"""What several pieces share: dates, the signature block, the evidence of a signature.

A courrier, a délégation and an attestation all end the same way: a place and a date, a title,
a name, and a signature that is digital (PAdES), pasted as an image, or handwritten on paper
and scanned. These helpers find them the same way in every piece.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher
from typing import Protocol

from dossierkit.fact import Fact
from dossierkit.reading.model import LOW_CONFIDENCE, Document, Page, Signature, Word
from dossierkit.reading.ocr import STROKE_CONFIDENCE
from dossierkit.text import fold

MONTHS = {
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
}  # fmt: skip
_MONTH = r"(janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)"
# « 12 octobre 2026 », « 12/10/2026 », « 12.10.2026 », and « 03/12/26 » as people type the
# date of a letter (two-digit years with slashes only: « 1.2.10 » is a version number).
DATE = re.compile(
    rf"\b(?:(1er|premier|\d{{1,2}})\s+{_MONTH}\s+(\d{{4}})|(\d{{1,2}})[/.](\d{{1,2}})[/.](\d{{4}})"
    rf"|(\d{{1,2}})/(\d{{1,2}})/(\d{{2}})(?![/\d]))\b"
)
# "Saint-Pol-sur-Ternoise, le 12 octobre 2026" / "Fait à Lumbres, le 15/04/2026", and the
# article of a town contracted with « à »: "Fait au Quesnoy" (Le Quesnoy), "Fait aux
# Attaques" (Les Attaques); "Fait à L'Isle-Adam" keeps its own. Text after the last « fait »
# of the line only: what comes before it on the line is not the place.
_PLACE_BEFORE = re.compile(
    r"(?:[^\n]*\bfait\s+)?(?:(?P<at>a|au|aux)\s+)?"
    r"(?P<place>[a-z][a-z'’\- ]{1,50}?),?\s+le\s+$"
)
# The article « à » contracts with, given back to the town's name.
_ARTICLE_OF = {"au": "Le ", "aux": "Les "}
CLOSING = re.compile(
    r"\b(je vous prie d agreer|veuillez agreer|nous vous prions d agreer|salutations|"
    r"haute consideration|mes respectueuses|sentiments (les )?(meilleurs|distingues))\b"
)
TITLE = re.compile(
    r"^(?:(?:le|la|l) )?(co[- ]?|vice[- ]?)?(president|presidente|directeur|directrice|maire|tresoriere?|"
    r"secretaire|gerante?|adjointe?|directeur general|directrice generale)\b"
)
NAME_WORD = r"[A-ZÀ-Ý][A-Za-zÀ-ÿ'’\-]+"
NAME = re.compile(
    rf"^(?:(?:M\.|Mme|Mlle|Monsieur|Madame|Dr)\s+)?({NAME_WORD}(?:\s+{NAME_WORD}){{1,3}})$"
)
# "Responsable légal : Mme Claire Martin", as a dossier technique (GOV-1) or a letter names the
# person who represents the structure.
_LEGAL_REPRESENTATIVE = re.compile(
    rf"(?i:responsable\s+l[ée]gale?)[^:\n]{{0,30}}:\s*(?:(?:M\.|Mme|Monsieur|Madame)\s+)?"
    rf"({NAME_WORD}(?:\s+{NAME_WORD}){{1,3}})"
)
# A signature image is small and below the letterhead: not a logo at the top of the page, not
# a full-page scan. A short attestation signs in the upper half of its page.
MAX_SIGNATURE_AREA = 0.25
MAX_SIGNATURE_TOP = 0.85
# On a page read by OCR, a handwritten signature is a mark of ink that no recognised word
# covers, in the signature block: from the closing formula down to this far below the
# signatory's lines, signature-sized (millimetres: a paraph or a stroke of a table is smaller,
# a stamp or a drawing larger).
SIGNATURE_BELOW_MM = 40.0
SIGNATURE_MIN_MM = (15.0, 5.0)
SIGNATURE_MAX_MM = (120.0, 60.0)
_POINTS_PER_MM = 72 / 25.4


@dataclass(frozen=True)
class Located:
    """A value read in a document and the page where it stands (None when unpaginated)."""

    value: str
    page: int | None


def located_facts(file: str, *named: tuple[str, Located | None], evidence: str = "") -> list[Fact]:
    """Report facts for the values a parser found (those it did not find are left out)."""
    return [
        Fact(name, found.value, "inferred", file, found.page, evidence)
        for name, found in named
        if found is not None
    ]


@dataclass(frozen=True)
class DatedAt:
    """A date read in a document."""

    value: date
    page: int | None
    place: str | None


def plain(text: str) -> str:
    """Lower case without accents, one character for one: positions stay those of ``text``."""
    return "".join(
        (unicodedata.normalize("NFKD", c)[0] if c.isalpha() else c) for c in text.lower()
    )


def date_of(match: re.Match[str]) -> date | None:
    """The day a match of ``DATE`` writes; None for a day that does not exist (31/02)."""
    try:
        if match.group(2):
            day = 1 if match.group(1) in ("1er", "premier") else int(match.group(1))
            return date(int(match.group(3)), MONTHS[match.group(2)], day)
        if match.group(4):
            return date(int(match.group(6)), int(match.group(5)), int(match.group(4)))
        return date(2000 + int(match.group(9)), int(match.group(8)), int(match.group(7)))
    except ValueError:
        return None


def find_date(document: Document) -> DatedAt | None:
    """The date the document is given ("…, le 12 octobre 2026"), else the first date in it.

    A place-and-date formula is preferred over the first date, which is often a reference
    ("vu la délibération du 24 septembre 2026"). A date may run over two lines: exports often
    break "le 12" and "octobre 2026" apart.
    """
    first: DatedAt | None = None
    pages = document.page_texts()
    for number, text in pages:
        lowered = plain(text)
        for match in DATE.finditer(lowered):
            found = date_of(match)
            if found is None:
                continue
            start = max(0, match.start() - 60)
            before = _PLACE_BEFORE.search(lowered[start : match.start()])
            said = before and before.group(0)[before.start("place") - before.start() :]
            if before and not re.search(r"\b(vu|du|depuis|notifie)\b", said or ""):
                offset = start + before.start("place")
                place = text[offset : offset + len(before.group("place"))].strip(" ,")
                article = _ARTICLE_OF.get(before.group("at") or "", "")
                return DatedAt(found, number, article + place if place else None)
            if first is None:
                first = DatedAt(found, number, None)
    return first


@dataclass(frozen=True)
class Signatory:
    """Who signs, as the signature block says.

    On a page read by OCR, ``name`` is a name whose every word was read surely; a name
    read with doubt (a scribble over it, a letter lost) is left in ``unsure`` instead, as
    it was read, for a person to check: taken for the name, it would make another person
    of the signatory.
    """

    name: Located | None
    title: Located | None
    on_behalf: bool  # "pour le Président et par délégation", "P/O"
    unsure: Located | None = None


@dataclass(frozen=True)
class _Line:
    """A line of the document; ``words`` are OCR's, empty when the text was read exactly."""

    page: int | None
    text: str
    words: tuple[Word, ...] = ()

    @property
    def sure_text(self) -> str:
        """The line without the words OCR read below ``STROKE_CONFIDENCE`` (the strokes of
        a signature taken for letters), and without the quotes and bars a stroke leaves at
        a word's edge."""
        if not self.words:
            return self.text
        kept = [
            w.text.strip(_STROKE_EDGES) for w in self.words if w.confidence >= STROKE_CONFIDENCE
        ]
        return " ".join(w for w in kept if any(c.isalnum() for c in w))

    def least_sure(self, fragment: str) -> float | None:
        """OCR's lowest confidence in the words of ``fragment``; None when read exactly."""
        wanted = set(fragment.split())
        found = [w.confidence for w in self.words if w.text.strip(_STROKE_EDGES + ",.;:") in wanted]
        return min(found) if found else None


# What a stroke of ink leaves at the edge of a word OCR read beside it.
_STROKE_EDGES = "“”\"'«»‘’|/\\()[]{}_~—–"
# Titles as a signature block writes them, for a title OCR misread ("Présidefite", "a
# Président:"): a word read with doubt this alike to one of them is that title. "Maire" is
# left out: a misread "Marie" would be as alike to it.
_TITLES = {
    "president": "Président",
    "presidente": "Présidente",
    "directeur": "Directeur",
    "directrice": "Directrice",
    "tresorier": "Trésorier",
    "tresoriere": "Trésorière",
    "secretaire": "Secrétaire",
}
_TITLE_LIKENESS = 0.8
# A title stands on a short line: "La Présidente,", "Le Vice-Président de la CC".
_TITLE_MAX_WORDS = 6


def _lines(document: Document) -> list[_Line]:
    """Every non-empty line with its page and, on a page read by OCR, its words."""
    if not document.pages:
        return [_Line(page, line) for page, line in document.lines()]
    found = []
    for page in document.pages:
        for index, line in enumerate(page.text.splitlines()):
            if line.strip():
                words = tuple(w for w in page.words if w.line == index)
                found.append(_Line(page.number, line.strip(), words))
    return found


def _block(document: Document) -> list[_Line]:
    lines = _lines(document)
    closing = [i for i, line in enumerate(lines) if CLOSING.search(fold(line.text))]
    start = closing[-1] + 1 if closing else max(len(lines) - 8, 0)
    return lines[start : start + 8]


def _block_lines(document: Document) -> list[tuple[int | None, str]]:
    return [(line.page, line.text) for line in _block(document)]


def _misread_title(part: str, line: _Line) -> str | None:
    """The title that a short line read by OCR stands for, when one of its words is that
    title ("a Président:", the article lost under the ink) or, read with doubt, that title
    misread ("Présidefite,"): "Vice-" is kept."""
    words = fold(part).split()
    if not words or len(words) > _TITLE_MAX_WORDS:
        return None
    doubtful = {fold(w.text) for w in line.words if w.confidence < LOW_CONFIDENCE}
    best: tuple[float, str] | None = None
    for i, word in enumerate(words):
        for plain_title, written in _TITLES.items():
            alike = SequenceMatcher(None, word, plain_title, autojunk=False).ratio()
            if word != plain_title and (word not in doubtful or alike < _TITLE_LIKENESS):
                continue
            vice = i > 0 and words[i - 1] == "vice"
            if best is None or alike > best[0]:
                best = (alike, f"Vice-{written.lower()}" if vice else written)
    return best[1] if best else None


# Titles a signature block abbreviates, with their masculine and feminine spellings: « Le
# PDG », « P.-D.G. », « La DG de la SPL ». They are given spelt out, so that whoever reads a
# title knows one spelling of each: the heads of a société anonyme (``facts``: a PDG or a DG
# represents it, C. com. L225-51-1, L225-56; a DGS or a DGA signs by délégation) and the
# messages that quote it.
_ABBREVIATED_TITLES = {
    "pdg": ("Président-directeur général", "Présidente-directrice générale"),
    "dg": ("Directeur général", "Directrice générale"),
    "dgd": ("Directeur général délégué", "Directrice générale déléguée"),
    "dga": ("Directeur général adjoint", "Directrice générale adjointe"),
    "dgs": ("Directeur général des services", "Directrice générale des services"),
}
_ABBREVIATION = re.compile(
    r"^(?:(?P<article>l[ea])\s+)?(?P<letters>P\.?\s?-?\s?D\.?\s?G\.?|D\.?\s?G\.?(?:\s?[ADS]\.?)?)"
    r"(?P<rest>(?:\s.*)?)$",
    re.IGNORECASE,
)


def _spelt_out(part: str) -> str | None:
    """The title ``part`` abbreviates, spelt out with its article and what follows it (« Le
    Président-directeur général de Ternois Développement » of « Le PDG de Ternois
    Développement »); None when it abbreviates none."""
    match = _ABBREVIATION.match(part)
    if match is None:
        return None
    masculine, feminine = _ABBREVIATED_TITLES[fold(match["letters"]).replace(" ", "")]
    article = match["article"]
    spelt = feminine if article and article.lower() == "la" else masculine
    return f"{article} {spelt}{match['rest']}" if article else f"{spelt}{match['rest']}"


def _title_of(part: str, line: _Line) -> str | None:
    if TITLE.search(fold(part)) and len(part) < 90:
        return part
    if (spelt := _spelt_out(part)) is not None and len(part) < 90:
        return spelt
    return _misread_title(part, line) if line.words else None


def find_signatory(document: Document) -> Signatory:
    """The title and name of the signature block (after the closing formula, or at the end).

    The name is the typed one nearest the title: on its line ("Marie Dupont, Présidente"),
    else below it ("La Présidente," over the signature, then the name), else above it. On a
    scan, the words OCR read from the signature's ink are left out, and a line read with
    doubt where no name was read surely is ``unsure``, never the name.
    """
    title: Located | None = None
    title_at: int | None = None
    names: list[tuple[int, Located]] = []
    unsure: list[tuple[int, Located]] = []
    on_behalf = False
    for at, line in enumerate(_block(document)):
        text = line.sure_text
        if re.search(r"\b(par delegation|p o|pour le president|pour la presidente)\b", fold(text)):
            on_behalf = True
            continue
        has_title = has_name = False
        for part in re.split(r"\s*,\s*", text):
            part = part.strip(" .")
            found_title = _title_of(part, line)
            if found_title is not None:
                has_title = True
                if title is None:
                    title, title_at = Located(found_title, line.page), at
            elif (match := NAME.match(part)) and not (
                (confidence := line.least_sure(match.group(1))) is not None
                and confidence < LOW_CONFIDENCE
            ):
                has_name = True
                names.append((at, Located(match.group(1), line.page)))
        doubtful = any(w.confidence < LOW_CONFIDENCE for w in line.words)
        if doubtful and not has_title and not has_name:
            read = " ".join(w.text for w in line.words if any(c.isalpha() for c in w.text))
            if read:
                unsure.append((at, Located(read, line.page)))
    name = _nearest(names, title_at)
    if title is not None and title_at is not None:
        title = _title_continued(title, _block(document)[title_at + 1 :])
    return Signatory(name, title, on_behalf, None if name else _most_letters(unsure))


# A title cut by the line's end after its preposition: « Le Vice-président délégué au » /
# « numérique, », « Vice-présidente en charge de la » / « transition numérique ».
_DANGLING = re.compile(
    r"\b(?:au|aux|du|des|de|de la|de l|a|a la|a l|en charge de(?: la| l)?|charge de)$"
)


def _title_continued(title: Located, after: list[_Line]) -> Located:
    """``title`` with the line that ends it, when it stops on a preposition (the signature
    block's width cut it), so that the letters never say « délégué au »."""
    if not after or not _DANGLING.search(fold(title.value).rstrip(" ,.")):
        return title
    rest = after[0].sure_text.strip(" ,.")
    if not rest or NAME.fullmatch(rest) or len(rest.split()) > _TITLE_MAX_WORDS:
        return title
    return Located(f"{title.value.rstrip()} {rest}", title.page)


def _nearest(found: list[tuple[int, Located]], title_at: int | None) -> Located | None:
    """The value nearest the title's line (on it, then below, then above); without a title,
    the first."""
    if not found:
        return None
    if title_at is None:
        return found[0][1]
    return min(found, key=lambda f: (abs(f[0] - title_at), f[0] < title_at))[1]


def _most_letters(found: list[tuple[int, Located]]) -> Located | None:
    """Of the values read with doubt, the likeliest name: the one with the most letters (a
    stroke read as a word has few)."""
    if not found:
        return None
    return max(found, key=lambda f: (sum(c.isalpha() for c in f[1].value), -f[0]))[1]


def find_legal_representative(document: Document) -> Located | None:
    """The person a "responsable légal : …" line names, with its page."""
    for page, text in document.page_texts():
        if match := _LEGAL_REPRESENTATIVE.search(text):
            return Located(match.group(1), page)
    return None


@dataclass(frozen=True)
class SignatureEvidence:
    """How a piece is signed: ``digital``, ``image``, ``handwritten`` (ink seen in the
    signature block of a page read by OCR), ``scan`` (a human must look) or ``none``."""

    kind: str
    page: int | None
    digital: Signature | None = None


class SignedPiece(Protocol):
    """A parsed piece that carries a signature (courrier, délégation, attestation)."""

    @property
    def file(self) -> str:
        """The file the piece was read from."""
        ...

    @property
    def signature(self) -> SignatureEvidence:
        """How the piece is signed."""
        ...


def _signature_page(document: Document) -> int | None:
    block = _block_lines(document)
    pages = [page for page, _ in block if page is not None]
    return pages[-1] if pages else (document.pages[-1].number if document.pages else None)


def signature_evidence(document: Document) -> SignatureEvidence:
    """The evidence that the piece read as ``document`` is signed, and on which page."""
    if document.signatures:
        return SignatureEvidence("digital", None, document.signatures[0])
    if document.pages:
        # The signature is on the last page: unread, only a person can tell.
        if document.pages[-1].scanned:
            return SignatureEvidence("scan", document.pages[-1].number)
        number = _signature_page(document)
        page = next((p for p in document.pages if p.number == number), None)
        if page is not None and page.ocr_confidence is not None:
            return SignatureEvidence("handwritten" if _handwritten(page) else "scan", number)
        if page is not None:
            for left, bottom, right, top in page.image_boxes:
                area = (right - left) * (top - bottom) / (page.width * page.height)
                if area <= MAX_SIGNATURE_AREA and top <= page.height * MAX_SIGNATURE_TOP:
                    return SignatureEvidence("image", page.number)
        return SignatureEvidence("none", number)
    paragraphs = document.paragraphs
    closing = [i for i, p in enumerate(paragraphs) if CLOSING.search(fold(p.text))]
    start = closing[-1] if closing else max(len(paragraphs) - 8, 0)
    if any(p.has_image for p in paragraphs[start:]):
        return SignatureEvidence("image", None)
    return SignatureEvidence("none", None)


def _handwritten(page: Page) -> bool:
    """True when a signature-sized mark of ink that is no word stands in the signature block
    of a page read by OCR: below the closing formula (or among the page's last lines), down
    to ``SIGNATURE_BELOW_MM`` under the block's last line."""
    lines = [line.strip() for line in page.text.splitlines()]
    closing = [i for i, line in enumerate(lines) if CLOSING.search(fold(line))]
    first = closing[-1] + 1 if closing else max(len(lines) - 8, 0)
    block = set(range(first, first + 8))
    words = [w for w in page.words if w.line in block]
    if not words:
        return False
    # PDF points, origin at the bottom left: the block runs from its first line's top (or
    # the closing formula's foot) down past its last line.
    above = [w.box[1] for w in page.words if closing and w.line == closing[-1]]
    top = min(above) if above else max(w.box[3] for w in words)
    bottom = min(w.box[1] for w in words) - SIGNATURE_BELOW_MM * _POINTS_PER_MM
    (min_w, min_h), (max_w, max_h) = (
        (v * _POINTS_PER_MM for v in size) for size in (SIGNATURE_MIN_MM, SIGNATURE_MAX_MM)
    )
    for left, low, right, high in page.ink_boxes:
        width, height = right - left, high - low
        middle = (low + high) / 2
        if bottom <= middle <= top and min_w <= width <= max_w and min_h <= height <= max_h:
            return True
    return False


SIGNATURE_KINDS = {
    "digital": "signature électronique",
    "image": "image de signature",
    "handwritten": "signature manuscrite vue sur le document numérisé",
    "scan": "document numérisé (signature manuscrite à vérifier)",
    "none": "aucune signature",
}


def signature_facts(kind: str, file: str, evidence: SignatureEvidence) -> list[Fact]:
    """The report's facts about how a piece is signed."""
    facts = [
        Fact(
            f"{kind}.signature",
            evidence.kind,
            "inferred",
            file,
            evidence.page,
            SIGNATURE_KINDS[evidence.kind],
        )
    ]
    if evidence.digital is not None:
        facts.append(
            Fact(
                f"{kind}.signature_signer",
                evidence.digital.signer,
                "inferred",
                file,
                None,
                "certificat de la signature électronique",
            )
        )
    return facts
