"""Who is applying: infer the structure's name and kind, and its intercommunalité.

Instructors receive no manifest, so the documents must tell, and they do not always agree: a
dossier may carry the statuts or the minutes of another association. The applicant is who the
dossier says by the weight of its pieces: the courrier first (it is the request), otherwise
what most of the other pieces agree on (the attestation, the délégation, the dossier
technique's "structure porteuse", the statuts; the RIB's holder and the minutes support a
name but never propose one). The piece that names someone else is the odd one out, and the
checks put the finding on it (U003, X001, X003). The statuts give an association's exact title
when they agree. The intercommunalité is the sender itself when it is an EPCI, else the
Hauts-de-France EPCI the dossier cites most. The letterheads are read by the parsers
(``pieces/letterhead.py``); this module only weighs what they found.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from dossierkit import epci
from dossierkit.dossier import DossierFile
from dossierkit.fact import Fact
from dossierkit.names import near_structure, same_structure
from dossierkit.pieces import ParsedPieces
from dossierkit.text import fold

# How much of each document is searched for the intercommunalités it cites.
MAX_SCAN = 60_000
# How much a mention in each kind of piece counts towards "the intercommunalité of the dossier".
_MENTION_WEIGHT = {"courrier": 3, "dossier_technique": 2}
# How much each piece's naming of the applicant weighs when no courrier names it: the signed
# attestation most, then the others; a RIB or minutes only support (weight, may propose).
_NAMING_WEIGHT = {
    "attestation_tva": (2, True),
    "delegation": (1, True),
    "dossier_technique": (1, True),
    "statuts": (1, True),
    "rib": (1, False),
    "proces_verbal": (1, False),
}
# Words that tell nothing of which structure is meant, left out when one name is compared
# as a part of another ("Fab'Lab du Ternois" in "Association Fab'Lab du Ternois (FLT)").
_FILLER = frozenset({"association", "asso", "l", "d", "de", "du", "des", "la", "le", "les"})


@dataclass(frozen=True)
class Naming:
    """A piece's naming of the structure that applies: its kind, file, the name as the piece
    writes it (a RIB: each of its holder's lines), the kind of structure when the piece says,
    and where it stands."""

    piece: str
    file: str
    names: tuple[str, ...]
    structure_kind: str | None
    page: int | None
    where: str

    @property
    def name(self) -> str:
        """The name as the piece writes it."""
        return self.names[-1]


def agrees(a: str, b: str) -> bool:
    """Whether two names may designate one structure: the same name (as
    ``names.same_structure`` judges, the banks' abbreviations spelt out), a near spelling (``names.near_structure``: a word split or a letter misread by
    OCR on a scan), or one that says all of the other and more ("Fab'Lab du Ternois (FLT)")."""
    if same_structure(a, b) or near_structure(a, b):
        return True
    words_a = set(fold(a).split()) - _FILLER
    words_b = set(fold(b).split()) - _FILLER
    return bool(words_a and words_b) and (words_a <= words_b or words_b <= words_a)


def namings(parsed: ParsedPieces) -> list[Naming]:
    """Every piece's naming of the applicant, the courrier first: letterheads (courrier,
    attestation, délégation), the dossier technique's structure porteuse, the statuts'
    title, the RIB's holder and the association each minutes name."""
    found = [
        Naming(
            kind,
            piece.file,
            (piece.structure.name,),
            piece.structure.kind,
            piece.structure.page,
            f"en-tête de « {piece.file} »",
        )
        for kind, piece in (
            ("courrier", parsed.courrier),
            ("attestation_tva", parsed.attestation_tva),
            ("delegation", parsed.delegation),
        )
        if piece is not None and piece.structure is not None
    ]
    technique = parsed.dossier_technique
    if technique is not None and technique.carrier is not None:
        where = f"structure porteuse nommée dans « {technique.file} »"
        carrier = technique.carrier
        found.append(
            Naming(
                "dossier_technique",
                technique.file,
                (carrier.name,),
                carrier.kind,
                carrier.page,
                where,
            )
        )
    statuts = parsed.statuts
    if statuts is not None and statuts.name is not None:
        found.append(
            Naming(
                "statuts",
                statuts.file,
                (statuts.name.value,),
                "association",
                statuts.name.page,
                "titre de l'association dans les statuts",
            )
        )
    rib = parsed.rib
    if rib is not None and rib.holder is not None:
        lines = (
            (*rib.holder_lines, " ".join(rib.holder_lines))
            if rib.holder_lines
            else (rib.holder.value,)
        )
        found.append(
            Naming(
                "rib", rib.file, lines, None, rib.holder.page, f"titulaire du RIB « {rib.file} »"
            )
        )
    for minutes in parsed.minutes:
        if minutes.association is not None:
            where = f"association nommée dans « {minutes.file} »"
            name = minutes.association
            found.append(
                Naming(
                    "proces_verbal", minutes.file, (name.value,), "association", name.page, where
                )
            )
    return found


def names_agree(naming: Naming, name: str) -> bool:
    """Whether ``naming`` (any of its lines, for a RIB) agrees with ``name``."""
    return any(agrees(written, name) for written in naming.names)


def _weight(naming: Naming) -> int:
    return _NAMING_WEIGHT.get(naming.piece, (1, False))[0]


def applicant_naming(found: list[Naming]) -> Naming | None:
    """The naming that says who applies: the courrier's, else the one that the other pieces
    agree with most (by weight), the first in the order of ``namings`` on a tie."""
    courrier = next((n for n in found if n.piece == "courrier"), None)
    if courrier is not None:
        return courrier
    leaders = [n for n in found if _NAMING_WEIGHT.get(n.piece, (1, False))[1]]
    if not leaders:
        return None
    return max(
        leaders,
        key=lambda lead: (
            sum(_weight(n) for n in found if names_agree(n, lead.name)),
            -found.index(lead),
        ),
    )


def _structure(files: list[DossierFile], parsed: ParsedPieces) -> list[Fact]:
    found = namings(parsed)
    lead = applicant_naming(found)
    if lead is not None:
        group = [n for n in found if names_agree(n, lead.name)]
        # The statuts give an association's exact title: theirs, when it is the same name
        # (not one that says more, which the RIB and the letterheads would not match).
        shown = next(
            (n for n in group if n.piece == "statuts" and same_structure(n.name, lead.name)),
            lead,
        )
        # A title printed in capitals (« LA RUCHE NUMÉRIQUE AUDOMAROISE ») is shown as
        # another piece writes it, when one does: the register and the letters print it.
        if shown.name.isupper():
            shown = next((n for n in group if not n.name.isupper()), shown)
        odd = [n for n in found if n not in group]
        where = shown.where
        if odd:
            others = ", ".join(f"« {n.file} »" for n in group if n is not shown)
            where += f" ; en accord avec {others}" if others else ""
            where += "".join(f" ; « {n.file} » nomme « {n.name} »" for n in odd)
        kind = lead.structure_kind or shown.structure_kind
        facts = (
            []
            if kind is None
            else [
                Fact(
                    "structure.kind",
                    kind,
                    "inferred",
                    shown.file,
                    None if shown.piece == "statuts" else shown.page,
                    where,
                )
            ]
        )
        name = Fact("structure.name", shown.name, "inferred", shown.file, shown.page, where)
        return [*facts, name]
    # Statuts joined, even unreadable: only an association sends them.
    attached = next((f for f in files if f.kind == "statuts"), None)
    if attached is not None:
        return [
            Fact("structure.kind", "association", "inferred", attached.rel, None, "statuts joints")
        ]
    return _by_siren(parsed)


def _by_siren(parsed: ParsedPieces) -> list[Fact]:
    """An intercommunalité whose letterhead names it only in its logo: the SIREN its letter
    or attestation prints (« SIRET 200 044 618 00011 ») is that of an EPCI of the region."""
    for piece in (parsed.courrier, parsed.attestation_tva):
        if piece is None or piece.siren is None:
            continue
        found = epci.lookup(piece.siren.value)
        if found is not None:
            where = f"SIREN {found.siren} imprimé sur « {piece.file} » : référentiel des EPCI"
            return [
                Fact("structure.kind", "intercommunalite", "inferred", piece.file, None, where),
                Fact("structure.name", found.name, "inferred", piece.file, piece.siren.page, where),
            ]
    return []


def _intercommunalite(files: list[DossierFile], structure: list[Fact]) -> list[Fact]:
    per_file: dict[epci.Epci, Counter[str]] = {}
    for f in files:
        if f.document is None:
            continue
        # The beginning of each document is enough to tell which intercommunalité it cites.
        for found, count in epci.find_in_text(fold(f.document.text[:MAX_SCAN])):
            per_file.setdefault(found, Counter())[f.rel] += count * _MENTION_WEIGHT.get(
                f.kind or "", 1
            )
    sender = next((f for f in structure if f.name == "structure.kind"), None)
    name = next((f.value for f in structure if f.name == "structure.name"), None)
    itself = epci.lookup(str(name)) if name else None
    if sender is not None and sender.value == "intercommunalite" and itself is not None:
        chosen = next((e for e in per_file if e.name == name), itself)
        source, evidence = sender.file, "la structure elle-même"
    elif not per_file:
        return []
    else:
        chosen = min(per_file, key=lambda e: (-sum(per_file[e].values()), e.name))
        source = min(per_file[chosen], key=lambda rel: (-per_file[chosen][rel], rel))
        evidence = (
            f"intercommunalité des Hauts-de-France la plus citée ({sum(per_file[chosen].values())})"
        )
    return [
        Fact("intercommunalite.name", chosen.name, "inferred", source, None, evidence),
        Fact(
            "intercommunalite.siren",
            chosen.siren,
            "inferred",
            source,
            None,
            "référentiel des EPCI (INSEE)",
        ),
    ]


def infer_applicant(files: list[DossierFile], parsed: ParsedPieces) -> list[Fact]:
    """Facts about the applicant that the pieces support, each with its source.

    The structure comes from what the parsers read (statuts, letterheads, structure
    porteuse); the intercommunalité is the one the dossier's documents cite most, counted
    here because no single piece states it.
    """
    structure = _structure(files, parsed)
    return structure + _intercommunalite(files, structure)
