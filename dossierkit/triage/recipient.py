"""To whom and where the service's letters go: the structure's postal address as its pieces
print it, and its legal representative with the title that gives the letter's salutation.

A letter the service cannot post is no letter (« Adresse indiquée dans le dossier » was
printed instead): the address is read where applicants print it, the courrier's letterhead
first, then its footer, the letterhead of the other pieces the structure writes (attestation,
délégation, délibération), the siège the statuts give, the address of the RIB's holder, the
applicant's identity in a platform's form (Démarches Simplifiées' export). A
structure's legal representative is addressed with their title (« À l'attention de Monsieur
Jean-Pierre Bataille, Président », « Monsieur le Président, »): the title the pieces print
beside the name, or the one a signature by délégation names (« Pour le Président et par
délégation »), never a title guessed from a first name.
"""

from __future__ import annotations

import re

from dossierkit.dossier import Dossier
from dossierkit.pieces.address import postal_lines, printed_address, seat_address
from dossierkit.text import fold

# The pieces a structure writes on its own letter paper, in the order their letterhead is
# trusted: the application's letter first.
_LETTERHEAD_KINDS = ("courrier", "attestation_tva", "delegation", "deliberation", "designation")
# Where the letter's addressee block, the date or the object starts: an address after it is
# the Région's, or a place, never the author's.
_ADDRESSEE = re.compile(
    r"(?i)conseil\s+r[ée]gional|\br[ée]gion\s+hauts|\b(?:monsieur|madame)\s+(?:le|la)\s+pr[ée]sident|"
    r"[àa]\s+l['’]attention|^\s*objet\b|,\s+le\s+\d|^\s*(?:vu|arr[êe]te|d[ée]lib[ée]ration)\b"
)
# The holder of a RIB, and the public accountants whose address a public body's RIB prints
# (the SGC, the trésorerie: not the structure's).
_HOLDER = re.compile(r"(?i)^\s*(?:nom\s+du\s+)?(?:titulaire|intitul[ée])(?:\s+du\s+compte)?\s*:?")
_ACCOUNTANT = re.compile(r"(?i)\b(?:dgfip|sgc|tr[ée]sor(?:erie)?|paierie|comptable|payeur)\b")
# A platform's form: the applicant's identity, then its address on one line.
_APPLICANT = re.compile(r"(?i)^identit[ée] du (?:demandeur|d[ée]posant|b[ée]n[ée]ficiaire)\b")
_FORM_ADDRESS = re.compile(r"(?i)^adresse(?: du si[èe]ge)?\s*:\s*(\S.*\d{5}\s+\S.*)$")
# A signature by délégation names the title of whom it signs for: « Pour le Président et par
# délégation », « P/O la Présidente ».
_SIGNS_FOR = re.compile(
    r"(?i)\b(?:pour|p\s*/\s*o)\s+(?P<article>le|la)\s+(?P<title>(?:co-?|vice-)?pr[ée]sident(?:e)?"
    r"|maire|directeur|directrice)\b"
)
# A title printed beside a name: « Jean-Pierre Bataille, Président », « Le Président,
# M. Jean-Pierre Bataille ».
_TITLE_WORD = (
    r"(?:(?:le|la|l['’])\s*)?(?:co-?|vice-)?(?:pr[ée]sident(?:e)?|maire|directeur|directrice)"
)
# How many lines at the end of a letter its signature block takes at most.
_BLOCK_LINES = 10
_CIVILITY = r"(?:mme|madame|mlle|mademoiselle|m\.|monsieur)"


def _lines(dossier: Dossier, kind: str) -> list[str]:
    """The lines of the file used for the piece ``kind``; none when it has no text."""
    piece = next((p for p in dossier.pieces if p.spec.kind == kind), None)
    if piece is None or piece.used is None or piece.used.document is None:
        return []
    return [line.strip() for _, line in piece.used.document.lines() if line.strip()]


def _holder_address(lines: list[str]) -> tuple[str, ...]:
    """The address printed under a RIB's holder, when the holder is not a public accountant
    (whose address is the trésorerie's)."""
    for index, line in enumerate(lines):
        if not _HOLDER.match(line):
            continue
        block = [_HOLDER.sub("", line).strip(), *lines[index + 1 : index + 5]]
        if any(_ACCOUNTANT.search(part) for part in block):
            return ()
        return printed_address([part for part in block if part])
    return ()


def structure_address(dossier: Dossier, letterhead: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The structure's postal address as La Poste wants it (``postal_lines``): the one read
    under the name of the courrier's letterhead (``letterhead``), else the first the
    structure's pieces print (letterhead, footer, statuts' siège, RIB's holder); empty when
    none prints one."""
    # Lines under the name that are the Région's address block are not the structure's.
    if not any(_ADDRESSEE.search(line) for line in letterhead) and (
        found := postal_lines(letterhead)
    ):
        return found
    for kind in _LETTERHEAD_KINDS:
        if found := printed_address(_lines(dossier, kind), before=_ADDRESSEE):
            return found
    if found := seat_address(" ".join(_lines(dossier, "statuts"))):
        return found
    return _holder_address(_lines(dossier, "rib")) or _form_address(dossier)


def _form_address(dossier: Dossier) -> tuple[str, ...]:
    """The applicant's address a platform's form gives (Démarches Simplifiées' export:
    « Identité du demandeur » then « Adresse : 14 rue de Dunkerque 62500 Saint-Omer »); only
    a whole address, never a town alone, and never the address of the tiers-lieu a form asks
    elsewhere."""
    for file in dossier.files:
        if file.document is None:
            continue
        lines = [line.strip() for _, line in file.document.lines()]
        starts = [i for i, line in enumerate(lines) if _APPLICANT.match(line)]
        for line in lines[starts[0] : starts[0] + 8] if starts else ():
            found = _FORM_ADDRESS.match(line)
            address = postal_lines([found.group(1)]) if found else ()
            if len(address) > 1:
                return address
    return ()


def _title_beside(text: str, name: str) -> str | None:
    """The title printed beside ``name`` in ``text``, with its article when it has one:
    « Jean-Pierre Bataille, Président », « La Présidente, Mme Marie Durand »."""
    said = re.escape(" ".join(name.split())).replace(r"\ ", r"\s+")
    after = re.search(rf"(?i){said}\s*,\s*(?P<title>{_TITLE_WORD})\b", text)
    before = re.search(
        rf"(?i)(?P<title>{_TITLE_WORD})\b[^.;\n]{{0,90}}?,\s*(?:{_CIVILITY}\s+)?{said}", text
    )
    found = after or before
    return found.group("title") if found else None


def _civility(text: str, name: str) -> str | None:
    """« Mme » or « M. » when the pieces write one before ``name``."""
    said = re.escape(" ".join(name.split())).replace(r"\ ", r"\s+")
    found = re.search(rf"(?i)\b({_CIVILITY})\s*{said}", text)
    if found is None:
        return None
    return "Mme" if fold(found.group(1)) in ("mme", "madame", "mlle", "mademoiselle") else "M."


def legal_representative(
    dossier: Dossier, name: str | None, title: str | None
) -> tuple[str | None, str | None]:
    """(name, title) of the structure's legal representative ``name`` with ``title``, the
    title completed from the pieces when the letter was signed by délégation (« Pour le
    Président et par délégation » says that the representative is « le Président »), or
    printed beside the name; the name written after « Mme » or « M. » when only a civility
    tells. The letters go to them (``letters.addressee``)."""
    if name is None:
        return None, None
    courrier = dossier.parsed.courrier
    if title:
        return name, title
    texts = [" ".join(_lines(dossier, kind)) for kind in (*_LETTERHEAD_KINDS, "dossier_technique")]
    for text in texts:
        if found := _title_beside(text, name):
            return name, found
    if courrier is not None and courrier.signatory.on_behalf:
        # In the signature block, never in the body (« un bureau pour le directeur »).
        signs_for = _SIGNS_FOR.search(" ".join(_lines(dossier, "courrier")[-_BLOCK_LINES:]))
        if signs_for is not None:
            return name, f"{signs_for['article'].capitalize()} {signs_for['title']}"
    for text in texts:
        if civility := _civility(text, name):
            return f"{civility} {name}", None
    return name, None
