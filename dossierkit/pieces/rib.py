"""Parse a RIB: IBAN, BIC, holder, bank, and the French bank details when printed.

Banks print the same things in many layouts: a label and its value on one line ("IBAN :
FR76 …"), the label on one line and the value on the next, the four French fields as a table
(labels "Code banque Code guichet N° de compte Clé RIB" over a row of values) or one under
the other, two columns ("Titulaire du compte" beside "Domiciliation") whose text comes out
one column after the other. The parser reads the document's lines with their pages and takes
each value where a person reading the RIB would. It copies what is printed, OCR mistakes
included (an "O" among the digits stays an "O"): whether the IBAN, the key, the BIC and the
holder are right is for ``dossierkit.checks.rib`` to say.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from dossierkit.fact import Fact
from dossierkit.reading.model import Document
from dossierkit.text import fold, strip_accents

_SPACE = r"[ \u00a0\u202f]"
# An IBAN as printed: in groups of four (the last one shorter), or in one block. The check
# digits may have been read as "O" by an OCR: the candidate is kept and fails validation.
_IBAN_GROUPED = re.compile(
    rf"\b[A-Z]{{2}}[0-9O]{{2}}(?:{_SPACE}+[A-Z0-9]{{4}}\b){{2,7}}(?:{_SPACE}+[A-Z0-9]{{1,3}}\b)?"
)
_IBAN_BLOCK = re.compile(r"\b[A-Z]{2}[0-9O]{2}[A-Z0-9]{11,30}\b")
# A narrow screen (a bank's app, a table's cell) wraps the IBAN: its start ends a line, too
# short to be an IBAN ("FR76 1562"), and the next lines begin with the rest in groups of at
# most four. What is joined is kept only when it is an IBAN (see ``_unwrapped``).
_IBAN_START = re.compile(rf"\b[A-Z]{{2}}[0-9]{{2}}(?:{_SPACE}+[A-Z0-9]{{4}})*{_SPACE}*$")
_IBAN_CONTINUATION = re.compile(rf"^{_SPACE}*([A-Z0-9]{{1,4}}(?:{_SPACE}+[A-Z0-9]{{1,4}})*)\b")
_IBAN_MAX_WRAPPED_LINES = 3
# A French IBAN: "FR", two check digits, then the 23 characters of the bank details.
FRENCH_IBAN_LENGTH = 27
# Fewer digits than this and a match is a word in capitals, not an IBAN.
_IBAN_MIN_DIGITS = 8
_IBAN_LABEL = re.compile(r"\biban\b", re.IGNORECASE)

_BIC_LABEL = re.compile(r"\b(?:bic|swift)\b", re.IGNORECASE)
# What may stand between a BIC label and its value: "(Bank Identifier Code)", "/ SWIFT", ":".
_BIC_LABEL_TAIL = re.compile(r"^(?:\s*(?:\([^)]*\)|[/:.\-–]|\bswift\b|\bcode\b))*\s*", re.I)
# Beside its label, any code is taken (and may prove malformed); on the next line, only what
# has a BIC's shape, lest a word of the next field be taken for it.
_BIC_TOKEN = re.compile(r"\b[A-Z0-9]{6,14}\b")
_BIC_SHAPE = re.compile(r"\b[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?\b")

# At the start of a line only: the notice at the foot of a RIB also speaks of "le titulaire".
# Banks print the label's English beside it: « Titulaire du compte (Account Owner) » (Crédit
# Mutuel, CIC), « Titulaire / Account holder ».
_HOLDER_LABEL = re.compile(
    r"^\s*(?:nom\s+du\s+)?(?:titulaire|intitul[ée]|b[ée]n[ée]ficiaire)(?:\s+du\s+compte)?"
    r"(?:\s*(?:\(\s*account\s+(?:owner|holder|name)\s*\)|/\s*account\s+(?:owner|holder|name)))?"
    r"\s*:?\s*",
    re.IGNORECASE,
)
# The bank's label beside the holder's, in a two-column layout.
_BESIDE_LABEL = re.compile(r"\bdomiciliation\b\s*:?\s*", re.IGNORECASE)
# A bank's label with its value: "Domiciliation : …", "Banque : …" (not "Code banque : …").
_BANK_NAME_LABEL = re.compile(
    r"\b(?:domiciliation|banque\s+domiciliataire|(?<!code\s)banque|agence)\s*:\s*",
    re.IGNORECASE,
)
# Lines that start another field of the RIB (matched without accents, in lower case): they
# end the holder's or the bank's lines. A holder may be "BANQUE ALIMENTAIRE …": only
# "Banque :" is a label.
_FIELD_LINE = re.compile(
    r"^(?:domiciliation|code (?:banque|guichet|etablissement)|banque\s*:|guichet|"
    r"n[°o]?\.?\s*de\s+compte|numero de compte|cle rib|iban|bic|swift|titulaire|intitule|"
    r"adresse)\b"
)
# An address line: a street, a post-office box, or a line with a postcode.
_ADDRESS_LINE = re.compile(
    r"^(?:\d|(?:rue|avenue|av|boulevard|bd|place|pl|chemin|route|allee|impasse|quai|cours|"
    r"square|residence|bp|cs|zone|za|zi|lieu dit|hotel de ville)\b)|\b\d{5}\b"
)
# How many lines below its label a holder's name may run ("TRESOR PUBLIC — SGC de …",
# the collectivité beside it, the accountant's service).
_HOLDER_MAX_LINES = 3

# The French fields: their labels, and how many lines a vertical layout spreads them over.
_BANK_LABEL = re.compile(r"\b(?:code\s+)?(?:banque|[ée]tablissement)\b", re.IGNORECASE)
_BRANCH_LABEL = re.compile(r"\bguichet\b")
_BBAN_LABEL_WORDS = frozenset(
    {"code", "banque", "etablissement", "guichet", "n", "no", "num", "numero", "de", "du"}
    | {"compte", "cle", "rib", "agence"}
)
_BBAN_SHAPE = (5, 5, 11, 2)
_DIGITS = re.compile(r"[0-9]+")
# The RIB key's conversion of the account's letters: A and J → 1, B, K and S → 2…
_LETTER_DIGITS = {
    letter: str(digit)
    for digit, letters in enumerate(
        ("", "AJ", "BKS", "CLT", "DMU", "ENV", "FOW", "GPX", "HQY", "IRZ")
    )
    for letter in letters
}
_BBAN_MAX_LINES = 9
_BBAN_LOOK_BACK = 3

# The networks' names, for a RIB that prints the bank nowhere but in its letterhead.
_KNOWN_BANKS = (
    ("banque de france", "Banque de France"),
    ("la banque postale", "La Banque Postale"),
    ("credit agricole", "Crédit Agricole"),
    ("credit mutuel", "Crédit Mutuel"),
    ("credit cooperatif", "Crédit Coopératif"),
    ("caisse d epargne", "Caisse d'Épargne"),
    ("banque populaire", "Banque Populaire"),
    ("bnp paribas", "BNP Paribas"),
    ("societe generale", "Société Générale"),
    ("lcl", "LCL"),
    ("cic", "CIC"),
    ("la nef", "La Nef"),
)

Line = tuple[int | None, str]


@dataclass(frozen=True)
class Located:
    """A value read on the RIB, the page it is printed on and the line it was read from;
    ``confidence`` is OCR's in the value (None when the text was read exactly)."""

    value: str
    page: int | None
    line: str
    confidence: float | None = None
    # An IBAN that OCR could not read whole, rebuilt from the bank details printed beside
    # it (their key checks): ``line`` is then where those are printed.
    rebuilt: bool = False


@dataclass(frozen=True)
class PrintedBban:
    """The French bank details as printed: code banque, code guichet, n° de compte, clé RIB."""

    bank_code: str
    branch_code: str
    account: str
    key: str
    page: int | None
    line: str
    confidence: float | None = None

    @property
    def bban(self) -> str:
        """The 23 characters that follow ``FR`` and the check digits in the IBAN."""
        return self.bank_code + self.branch_code + self.account + self.key


@dataclass(frozen=True)
class RibFacts:
    """What the RIB prints; ``has_text`` is false for a scan whose text is not known yet.

    ``iban`` is compacted (no spaces), as written otherwise; ``holder`` joins the holder's
    lines, also kept one by one in ``holder_lines``. ``ocr`` is (confidence, page) of the
    least sure page when the RIB was read by OCR, None when its text was read exactly.
    """

    file: str
    has_text: bool
    ocr: tuple[float, int] | None = None
    iban: Located | None = None
    bic: Located | None = None
    holder: Located | None = None
    holder_lines: tuple[str, ...] = ()
    bank: Located | None = None
    bban: PrintedBban | None = None
    facts: tuple[Fact, ...] = ()
    # Whether the word "IBAN" is printed: without an IBAN read, it tells an IBAN that OCR
    # could not read from a RIB that shows none.
    iban_label: bool = False


def _iban_in(line: str) -> re.Match[str] | None:
    for pattern in (_IBAN_GROUPED, _IBAN_BLOCK):
        for match in pattern.finditer(line):
            if sum(c.isdigit() for c in match.group()) >= _IBAN_MIN_DIGITS:
                return match
    return None


def _unwrapped(lines: list[Line], at: int, start: str, *, strict: bool) -> tuple[str, int] | None:
    """The IBAN that starts with ``start`` (compacted) on line ``at`` and goes on at the
    start of the next lines of its page, and the last line it takes; None when no joining
    makes an IBAN.

    Joined groups are kept when they make a valid IBAN (ISO 13616: its country's length and
    structure, and the check digits, which a string of other groups passes once in 97): the
    BIC or a word printed below is never taken in. Unless ``strict``, a French IBAN of 27
    characters that fails its check digits is also kept, so that a miscopied digit is
    reported on the whole IBAN rather than on its first line.
    """
    from stdnum import iban as stdnum_iban

    page, joined, misfit = lines[at][0], start, None
    for j in range(at + 1, min(at + 1 + _IBAN_MAX_WRAPPED_LINES, len(lines))):
        if lines[j][0] != page or (match := _IBAN_CONTINUATION.match(lines[j][1])) is None:
            break
        groups = match.group(1).split()
        # The line's first groups only, when something else follows them on the line.
        for count in range(len(groups), 0, -1):
            candidate = joined + "".join(groups[:count])
            if stdnum_iban.is_valid(candidate):
                return candidate, j
            french = candidate.startswith("FR") and len(candidate) == FRENCH_IBAN_LENGTH
            # A word in capitals (« BIC ») is no group of a miscopied IBAN.
            digits = all(any(c.isdigit() for c in group) for group in groups[:count])
            if french and digits and not strict and misfit is None:
                misfit = (candidate, j)
        joined += "".join(groups)
    return misfit


def _find_iban(lines: list[Line]) -> Located | None:
    """The IBAN beside or under its label, else the first one printed anywhere; an IBAN
    wrapped onto the next lines is joined whole."""
    from stdnum import iban as stdnum_iban

    found = None
    for i, (page, line) in enumerate(lines):
        match = _iban_in(line)
        start = match or _IBAN_START.search(line)
        if start is None:
            continue
        value, shown = re.sub(r"\s", "", start.group()), line
        if not stdnum_iban.is_valid(value):
            # A start too short to be an IBAN by itself counts only if the rest makes one.
            wrapped = _unwrapped(lines, i, value, strict=match is None)
            if wrapped is not None:
                value, last = wrapped
                shown = " / ".join(text for _, text in lines[i : last + 1])
            elif match is None:
                continue
        labelled = _IBAN_LABEL.search(line) or (i > 0 and _IBAN_LABEL.search(lines[i - 1][1]))
        located = Located(value, page, shown)
        if labelled:
            return located
        found = found or located
    return found


def _find_bic(lines: list[Line]) -> Located | None:
    """The BIC after its label, or under it: in a column beside the IBAN, the token that is
    not the IBAN; beside an IBAN wrapped in its cell, it may stand level with the IBAN's
    second line, after the rest of the IBAN."""
    for i, (page, line) in enumerate(lines):
        label = _BIC_LABEL.search(line)
        if label is None:
            continue
        rest = _BIC_LABEL_TAIL.sub("", line[label.end() :], count=1)
        if token := _BIC_TOKEN.match(rest):
            return Located(token.group(), page, line)
        for k, (below_page, below) in enumerate(lines[i + 1 : i + 3]):
            if k == 1:
                below = _IBAN_CONTINUATION.sub(" ", below, count=1)
            iban = _iban_in(below) or (_IBAN_START.search(below) if k == 0 else None)
            if iban is not None:
                below = below[: iban.start()] + " " + below[iban.end() :]
            if token := _BIC_SHAPE.search(below):
                return Located(token.group(), below_page, lines[i + 1 + k][1])
            # The second line under the label only past the IBAN's first line.
            if iban is None:
                break
    return None


def _is_field(line: str) -> bool:
    return bool(_FIELD_LINE.match(strip_accents(line).casefold())) or _iban_in(line) is not None


def _is_address(line: str) -> bool:
    return bool(_ADDRESS_LINE.search(fold(line)))


def _find_holder(lines: list[Line]) -> tuple[Located | None, tuple[str, ...], Located | None]:
    """The holder's lines after their label, and the domiciliation when it is printed in
    the column beside them (its text then follows the holder's address)."""
    for i, (page, line) in enumerate(lines):
        label = _HOLDER_LABEL.search(line)
        if label is None:
            continue
        rest = line[label.end() :].strip()
        beside = _BESIDE_LABEL.search(rest)
        bank = None
        if beside is not None:
            value = rest[beside.end() :].strip()
            bank = Located(value, page, line) if value else None
            rest = rest[: beside.start()].strip()
        if rest:
            return Located(rest, page, line), (rest,), bank
        holder_lines: list[str] = []
        j = i + 1
        while j < len(lines) and len(holder_lines) < _HOLDER_MAX_LINES:
            text = lines[j][1]
            # OCR keeps two columns read as one line apart with a tab: the bank's is beside.
            if beside is not None and "\t" in text:
                text, right = (part.strip() for part in text.split("\t", 1))
                if bank is None and right and not holder_lines:
                    bank = Located(right, lines[j][0], lines[j][1])
            # The first line is the name even when it looks like a street ("PLACE DES …").
            if _is_field(text) or (holder_lines and _is_address(text)):
                break
            holder_lines.append(text)
            j += 1
        if not holder_lines:
            return None, (), bank
        if beside is not None and bank is None:
            while j < len(lines) and _is_address(lines[j][1]) and not _is_field(lines[j][1]):
                j += 1
            if j < len(lines) and not _is_field(lines[j][1]):
                bank = Located(lines[j][1], lines[j][0], lines[j][1])
        joined = " / ".join(holder_lines)
        holder = Located(joined, lines[i + 1][0], joined)
        return holder, tuple(holder_lines), bank
    return None, (), None


def _find_bank(lines: list[Line]) -> Located | None:
    """A "Domiciliation :" or "Banque :" line, else the first bank network named."""
    for page, line in lines:
        label = _BANK_NAME_LABEL.search(line)
        if label is not None:
            value = line[label.end() :].strip()
            if value:
                return Located(value, page, line)
    for page, line in lines:
        folded = f" {fold(line)} "
        for pattern, name in _KNOWN_BANKS:
            if f" {pattern} " in folded:
                return Located(name, page, line)
    return None


def _bban_start(lines: list[Line], at: int) -> tuple[int, int] | None:
    """Where the bank-code label is: on the branch label's line or a few lines above."""
    for i in range(at, max(at - _BBAN_LOOK_BACK, 0) - 1, -1):
        line = lines[i][1]
        limit = len(line)
        if i == at:
            branch = re.search(r"guichet", line, re.IGNORECASE)
            limit = branch.start() if branch else limit
        label = _BANK_LABEL.search(line[:limit])
        if label is not None:
            return i, label.start()
    return None


def _find_bban(lines: list[Line]) -> PrintedBban | None:
    """The four fields after their labels, in a row, interleaved or one under the other."""
    for at, (_, line) in enumerate(lines):
        if not _BRANCH_LABEL.search(fold(line)):
            continue
        start = _bban_start(lines, at)
        if start is None:
            continue
        first, offset = start
        values: list[tuple[str, int]] = []
        for i in range(first, min(first + _BBAN_MAX_LINES, len(lines))):
            text = lines[i][1]
            if i > at and _IBAN_LABEL.search(text):
                break
            if i == first:
                text = text[offset:]
            for raw in re.split(r"[\s:]+", text):
                token = raw.strip(".,;|()[]")
                word = fold(token)
                if not word or word in _BBAN_LABEL_WORDS or not any(c.isdigit() for c in token):
                    continue
                values.append((token.upper(), i))
            if len(values) >= len(_BBAN_SHAPE):
                break
        fields = [v for v, _ in values[: len(_BBAN_SHAPE)]]
        if [len(v) for v in fields] == list(_BBAN_SHAPE) and all(v.isalnum() for v in fields):
            first_value, last_value = values[0][1], values[len(_BBAN_SHAPE) - 1][1]
            printed = " ".join(text for _, text in lines[first : last_value + 1])
            bank_code, branch_code, account, key = fields
            return PrintedBban(
                bank_code, branch_code, account, key, page=lines[first_value][0], line=printed
            )
    return None


def rib_key(bank_code: str, branch_code: str, account: str) -> str | None:
    """The French RIB key of these fields: the account's letters become digits, then
    97 − ((89 × bank + 15 × branch + 3 × account) mod 97). None when a code is not made
    of digits (an OCR's "O" for a zero), since no key can then be computed."""
    if not (_DIGITS.fullmatch(bank_code) and _DIGITS.fullmatch(branch_code)):
        return None
    converted = "".join(_LETTER_DIGITS.get(c, c) for c in account.upper())
    if not _DIGITS.fullmatch(converted):
        return None
    value = 89 * int(bank_code) + 15 * int(branch_code) + 3 * int(converted)
    return f"{97 - value % 97:02d}"


def _rebuilt(iban: Located | None, bban: PrintedBban | None, labelled: bool) -> Located | None:
    """The IBAN of a RIB read by OCR, rebuilt from its printed bank details when OCR could
    not read it whole: the mention « IBAN » printed without a number read, or only the start
    of the number read (its end blurred, or cut off by the photo). A French IBAN is "FR",
    two check digits and exactly these details, so it is fully known once their RIB key
    checks. What was read is kept as it is when it is whole or contradicts the details (a
    miscopied digit is R002's or R005's to report), and on a RIB that is not French.
    """
    from stdnum import iban as stdnum_iban

    if bban is None or rib_key(bban.bank_code, bban.branch_code, bban.account) != bban.key:
        return iban
    built = "FR" + stdnum_iban.calc_check_digits("FR00" + bban.bban) + bban.bban
    if iban is None and not labelled:
        return None
    if iban is not None and (len(iban.value) >= len(built) or not built.startswith(iban.value)):
        return iban
    return Located(built, bban.page, bban.line, bban.confidence, rebuilt=True)


def _least(document: Document, page: int | None, parts: Iterable[str]) -> float | None:
    """OCR's lowest confidence in ``parts`` on ``page`` (None when read exactly)."""
    found = [c for part in parts if (c := document.confidence_of(page, part)) is not None]
    return min(found) if found else None


def _fact(name: str, value: str, where: Located | PrintedBban, file: str) -> Fact:
    rebuilt = isinstance(where, Located) and where.rebuilt
    how = "reconstitué à partir des coordonnées imprimées" if rebuilt else "lu"
    return Fact(name, value, "inferred", file, where.page, f"{how} sur le RIB : « {where.line} »")


def parse(document: Document, file: str) -> RibFacts:
    """Read the RIB's values and their pages."""
    if document.pages and all(p.scanned for p in document.pages):
        return RibFacts(file=file, has_text=False)
    lines = document.lines()
    if not lines:
        return RibFacts(file=file, has_text=False)
    iban, bic, bban = _find_iban(lines), _find_bic(lines), _find_bban(lines)
    holder, holder_lines, bank = _find_holder(lines)
    bank = bank or _find_bank(lines)
    # How sure OCR is of each value (None for text read exactly).
    if iban is not None:
        iban = replace(iban, confidence=document.confidence_of(iban.page, iban.value))
    if bic is not None:
        bic = replace(bic, confidence=document.confidence_of(bic.page, bic.value))
    if holder is not None:
        holder = replace(holder, confidence=_least(document, holder.page, holder_lines))
    if bban is not None:
        fields = (bban.bank_code, bban.branch_code, bban.account, bban.key)
        bban = replace(bban, confidence=_least(document, bban.page, fields))
    read = [(p.ocr_confidence, p.number) for p in document.pages if p.ocr_confidence is not None]
    iban_label = any(_IBAN_LABEL.search(line) for _, line in lines)
    if read:
        iban = _rebuilt(iban, bban, iban_label)
    named = (("rib.iban", iban), ("rib.bic", bic), ("rib.holder", holder), ("rib.bank", bank))
    facts = [_fact(name, found.value, found, file) for name, found in named if found is not None]
    if bban is not None:
        facts += [
            _fact("rib.bank_code", bban.bank_code, bban, file),
            _fact("rib.branch_code", bban.branch_code, bban, file),
            _fact("rib.account", bban.account, bban, file),
            _fact("rib.key", bban.key, bban, file),
        ]
    return RibFacts(
        file=file,
        has_text=True,
        ocr=min(read) if read else None,
        iban=iban,
        bic=bic,
        holder=holder,
        holder_lines=holder_lines,
        bank=bank,
        bban=bban,
        facts=tuple(facts),
        iban_label=iban_label,
    )
