"""The statuts of an association: its exact name, its legal basis, who represents it.

The call asks associations for their statuts; instructors read them to confirm that the
applicant exists as a legal person and who may sign for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from dossierkit.fact import Fact
from dossierkit.pieces.common import Located, located_facts
from dossierkit.reading.model import Document
from dossierkit.text import fold

ASSOCIATION_TITLE = re.compile(
    r"(?:ayant pour (?:titre|nom|dénomination)|dénommée?|dénomination|a pour nom)\s*:?\s*"
    r"[«\"“]\s*([^»\"”\n]{2,80}?)\s*[»\"”]",
    re.IGNORECASE,
)
_LAW_1901 = re.compile(r"\bloi (du )?(1er|1|premier) juillet 1901\b|\bloi 1901\b")
_LOCAL_LAW = re.compile(
    r"\b(code civil local|droit local|articles? 21 a 79|registre des associations du tribunal)\b"
)
_REPRESENTS = re.compile(
    r"\b(le |la |les )?(president|presidente|co presidents?|bureau|conseil d administration|"
    r"tresorier|secretaire)\b[^.]{0,80}\brepresente(nt)? l association\b"
    r"|\brepresente(nt)? l association[^.]{0,80}\b(president|presidente|bureau)\b"
)


@dataclass(frozen=True)
class StatutsFacts:
    """What the statuts say."""

    file: str
    name: Located | None
    legal_basis: str | None  # "loi 1901" or "droit local"
    representative: Located | None
    scanned: bool
    facts: tuple[Fact, ...]


def parse(document: Document, file: str) -> StatutsFacts:
    """Read the association's title, legal basis and representative."""
    name = None
    pages = document.page_texts()
    representative = None
    for number, text in pages:
        flat = " ".join(text.split())
        if name is None and (match := ASSOCIATION_TITLE.search(flat)):
            name = Located(match.group(1).strip(), number)
        if representative is None and (match := _REPRESENTS.search(fold(flat))):
            representative = Located(match.group(0), number)
    folded = fold(document.text)
    basis = (
        "loi 1901"
        if _LAW_1901.search(folded)
        else ("droit local" if _LOCAL_LAW.search(folded) else None)
    )
    parsed = StatutsFacts(file, name, basis, representative, document.is_scanned, ())
    facts = located_facts(file, ("statuts.name", name))
    if basis:
        facts.append(Fact("statuts.legal_basis", basis, "inferred", file, None))
    facts += located_facts(file, ("statuts.representative", representative))
    return replace(parsed, facts=tuple(facts))
