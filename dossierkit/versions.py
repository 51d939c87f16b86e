"""Choosing among the files of one piece, and telling a filled piece from an empty one.

Applicants leave several versions of a piece in their folder ("Dossier technique v1.pdf"
beside "Dossier technique v2 FINAL.docx", "RIB.pdf" beside "RIB (2).pdf"), export a PDF from
the DOCX they keep beside it, or scan a letter's second page apart ("Courrier p2.pdf"). The
file to read is the one the applicant means: never an empty draft over a filled document,
then the one marked final, the highest version, the latest date, the original rather than
its copy, the PDF rather than its source. A PDF exported from a Word document beside it
(same name, or the name marked « signé ») is not another version but the same piece: its
twin. Each choice keeps its reason, which the report gives.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from dossierkit.dossier import DossierFile
from dossierkit.pieces import Parsed
from dossierkit.pieces.budget import BudgetFacts
from dossierkit.pieces.rib import RibFacts
from dossierkit.pieces.technique import TechniqueFacts
from dossierkit.text import fold

# Why a file was preferred to the others, in French and English, by the first criterion
# that set them apart (in the order ``_rank`` weighs them).
REASONS: dict[str, tuple[str, str]] = {
    "readable": ("le seul lisible", "the only readable one"),
    "filled": (
        "le seul rempli, les autres sont vides",
        "the only filled one, the others are empty",
    ),
    "not_draft": ("les autres sont marqués comme brouillons", "the others are marked as drafts"),
    "final": ("marqué comme version finale", "marked as the final version"),
    "version": ("le numéro de version le plus élevé", "the highest version number"),
    "date": ("la date la plus récente", "the most recent date"),
    "original": (
        "l'original, les autres en sont des copies",
        "the original, the others are copies",
    ),
    "pdf": ("le PDF, plutôt que le document à convertir", "the PDF, rather than a file to convert"),
    "surest": ("le plus sûrement reconnu", "the most surely recognised"),
    "name": ("le premier par ordre alphabétique", "the first in alphabetical order"),
}
_FINAL = re.compile(r"\b(final|finale|definitif|definitive|valide|validee|signe|signee|signes)\b")
_DRAFT = re.compile(r"\b(brouillon|draft|old|ancien|ancienne|obsolete|perime)\b")
_VERSION = re.compile(r"\b(?:v|version|vers)\s?(\d{1,3})\b")
# "RIB (2)", "RIB - Copie", "RIB copy", "Copie de RIB": what copying a file names it.
_COPY = re.compile(r"\(\d+\)\s*$|\bcopie\b|\bcopy\b", re.IGNORECASE)
_DATES = (
    re.compile(r"\b(?P<y>20\d{2})\s?(?P<m>\d{2})\s?(?P<d>\d{2})\b"),
    re.compile(r"\b(?P<d>\d{1,2})\s(?P<m>\d{1,2})\s(?P<y>20\d{2})\b"),
)
# A file named as the next page of another: "Courrier p2", "courrier page 2", "suite".
_NEXT_PAGE = re.compile(r"\b(?:p|page|pg)\s?(\d{1,2})\b|\b(suite|verso)\b")
_OFFICE = frozenset({"docx", "docm", "odt", "xlsx", "xlsm", "ods", "doc", "xls"})


def essential_missing(kind: str, parsed: Parsed | None) -> bool:
    """True when the piece read lacks what makes it the piece: a budget without a single
    amount, a dossier technique whose questions have no real answer (only placeholders), a
    RIB without IBAN. Unknown (a scan not read) is not missing: other findings say it."""
    if isinstance(parsed, BudgetFacts):
        return not any(line.amount for line in parsed.lines)
    if isinstance(parsed, TechniqueFacts):
        return (
            parsed.has_text
            and bool(parsed.answers)
            and not any(a.status == "answered" for a in parsed.answers)
        )
    if isinstance(parsed, RibFacts):
        return parsed.has_text and parsed.iban is None
    return False


def _stem(f: DossierFile) -> str:
    return fold(PurePosixPath(f.rel).stem)


def next_page(f: DossierFile) -> int | None:
    """The page number a file's name gives it as the continuation of another ("p2",
    "page 3"; 2 for "suite" or "verso"); None for a file not named so."""
    match = _NEXT_PAGE.search(_stem(f))
    if match is None:
        return None
    number = int(match.group(1)) if match.group(1) else 2
    return number if number >= 2 else None


def _date(f: DossierFile) -> tuple[int, int, int]:
    found = [(0, 0, 0)]
    for pattern in _DATES:
        for m in pattern.finditer(_stem(f)):
            y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
            if 1 <= mo <= 12 and 1 <= d <= 31:
                found.append((y, mo, d))
    if f.document is not None:
        stamp = f.document.metadata.get("ModDate") or f.document.metadata.get("CreationDate")
        digits = re.sub(r"\D", "", stamp or "")[:8]
        if len(digits) == 8:
            found.append((int(digits[:4]), int(digits[4:6]), int(digits[6:8])))
    return max(found)


def _version(f: DossierFile) -> int:
    return max((int(n) for n in _VERSION.findall(_stem(f))), default=0)


# What an applicant adds to a name once the PDF is signed: « Courrier signé.pdf » beside
# « Courrier.docx ».
_SIGNED_SUFFIX = re.compile(
    r"(\s(signe|signee|signes|signees|final|finale|definitif|definitive|scan|scanne|numerise))+$"
)
# Share of the office document's words the PDF must hold to be its export (a signature's
# words read by OCR, a page number or a date typed late make up the rest).
_SAME_TEXT = 0.8


def _same_text(pdf: DossierFile, office: DossierFile) -> bool:
    """True when the PDF holds (nearly) the words of the office document."""
    if pdf.document is None or office.document is None:
        return False
    words = fold(office.document.text).split()
    if not words:
        return False
    held = Counter(fold(pdf.document.text).split())
    common = sum(min(n, held[w]) for w, n in Counter(words).items())
    return common >= _SAME_TEXT * len(words)


def _newer(pdf: DossierFile, office: DossierFile) -> bool:
    """True when the PDF was written after the office document was last saved."""
    try:
        return pdf.entry.path.stat().st_mtime >= office.entry.path.stat().st_mtime
    except OSError:
        return False


def twins(a: DossierFile, b: DossierFile) -> bool:
    """True when one is the PDF exported from the other, an office document: the same name,
    or the PDF's name marked as signed or final (« Courrier signé.pdf » beside
    « Courrier.docx ») when the PDF is newer or holds the same text — an older PDF with
    other words is another version."""
    types = {a.type, b.type}
    if "pdf" not in types or not types & _OFFICE:
        return False
    pdf, office = (a, b) if a.type == "pdf" else (b, a)
    if _stem(pdf) == _stem(office):
        return True
    if _SIGNED_SUFFIX.sub("", _stem(pdf)) != _stem(office):
        return False
    return _same_text(pdf, office) or _newer(pdf, office)


_Key = tuple[object, ...]


def _rank(f: DossierFile, empty: bool, dated: bool = True) -> tuple[_Key, ...]:
    """The criteria, best first, each paired with its reason's key (``REASONS``). The date
    counts only when ``dated``, every file of the piece having one: an ODT exposes none, and
    « la date la plus récente » said of a file without a date against a dated PDF was false
    (tester 5, Manufacture de Chauny)."""
    stem = _stem(f)
    return (
        (not f.readable, "readable"),
        (empty, "filled"),
        (bool(_DRAFT.search(stem)), "not_draft"),
        (not _FINAL.search(stem), "final"),
        (-_version(f), "version"),
        (tuple(-n for n in _date(f)) if dated else (), "date"),
        (bool(_COPY.search(PurePosixPath(f.rel).stem)), "original"),
        (f.type != "pdf", "pdf"),
        (-f.score, "surest"),
        (f.rel, "name"),
    )


def _key(ranked: tuple[_Key, ...]) -> tuple[object, ...]:
    return tuple(value for value, _ in ranked)


@dataclass(frozen=True)
class Choice:
    """The files of one piece sorted, the one to use first, with its next pages, its
    twins in another format and why it was preferred (None when there was no choice)."""

    files: tuple[DossierFile, ...]
    continued: tuple[DossierFile, ...]
    twins: tuple[DossierFile, ...]
    reason: str | None


def choose(files: Sequence[DossierFile], empty: Callable[[DossierFile], bool]) -> Choice:
    """Sort the files of one piece, the one to use first; ``empty`` tells a file whose
    essential content is absent."""
    if not files:
        return Choice((), (), (), None)
    dated = all(_date(f) != (0, 0, 0) for f in files)
    ranked = {id(f): _rank(f, empty(f), dated) for f in files}
    pages = [f for f in files if next_page(f) is not None and f.page_range is None]
    firsts = [f for f in files if all(f is not p for p in pages)]
    if not firsts:  # only "p2" files: none is the continuation of another
        firsts, pages = list(files), []
    order = sorted(firsts, key=lambda f: _key(ranked[id(f)]))
    used = order[0]
    continued = tuple(sorted(pages, key=lambda f: (next_page(f) or 0, f.rel)))
    same = tuple(f for f in order[1:] if twins(used, f))
    rivals = [f for f in order[1:] if all(f is not t for t in same)]
    reason: str | None = None
    if rivals:
        pairs = zip(ranked[id(used)], ranked[id(rivals[0])], strict=True)
        reason = next((str(why) for (mine, why), (theirs, _) in pairs if mine != theirs), "name")
    return Choice((*order, *continued), continued, same, reason)
