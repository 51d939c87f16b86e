"""Facts derived from other facts: what no single document states.

Whether the letter's signatory is the legal representative decides if a délégation de
signature is required. The legal representative is named by dossier.yaml, by a "responsable
légal : …" line (dossier technique, GOV-1), by the minutes of the association (whoever they
elect to the role its statuts give the representation, the président(e) when they say
nothing), by the délégation (its delegator), or is the président(e) who signs the
attestation; failing a name, the signatory's title tells: a président(e) represents the
structure, a vice-président(e) signs "par délégation".

The authority chain an association's minutes give is kept as facts for the signature and
délégation checks: ``legal_representative.name`` (with the minutes as its file and evidence),
``legal_representative.role`` (the role they hold) and ``legal_representative.since`` (the date
of the meeting, ISO). Minutes of another association than the applicant's prove nothing and
are left out (X003 reports them).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from dossierkit.applicant import agrees
from dossierkit.fact import Fact, fact_value
from dossierkit.pieces import ParsedPieces
from dossierkit.pieces.common import TITLE
from dossierkit.pieces.minutes import Election, MinutesFacts
from dossierkit.text import fold, same_person

_PRESIDENT = re.compile(r"^(?:(?:le|la) )?presidente?\b")


def _located(facts: Sequence[Fact], name: str) -> Fact | None:
    declared = [f for f in facts if f.name == name and f.origin == "declared"]
    inferred = [f for f in facts if f.name == name and f.origin == "inferred"]
    found = declared or inferred
    return found[0] if found else None


# The roles of a person that statuts may give the representation to; an organ (the bureau,
# the conseil d'administration) is represented by its président(e).
_PERSONAL_ROLES = ("président(e)", "co-président(e)", "trésorier(e)", "secrétaire")


def _co_president(minutes: MinutesFacts, facts: Sequence[Fact]) -> Election | None:
    """The co-président(e) the minutes elect who signs the letter, else the first they name."""
    elected = [e for e in minutes.elections if e.role == "co-président(e)"]
    signatory = fact_value(facts, "signatory.name")
    signing = [
        e for e in elected if isinstance(signatory, str) and same_person(e.person, signatory)
    ]
    return next(iter(signing or elected), None)


def _from_minutes(facts: Sequence[Fact], parsed: ParsedPieces) -> list[Fact]:
    """The holder of the representative's role, as the latest minutes of the applicant's
    association say: name, role and since when."""
    statuts_role = parsed.statuts.representative_role if parsed.statuts is not None else None
    role = statuts_role if statuts_role in _PERSONAL_ROLES else "président(e)"
    applicant = fact_value(facts, "structure.name")
    own = [
        minutes
        for minutes in parsed.minutes
        if minutes.association is None
        or not isinstance(applicant, str)
        or agrees(minutes.association.value, applicant)
    ]
    held = [(m, election) for m in own if (election := m.holder(role)) is not None]
    if not held and statuts_role is None:
        # Minutes that elect only co-président(e)s, statuts that name no role: the one who
        # signs, if among them, else the first elected.
        role = "co-président(e)"
        held = [(m, e) for m in own if (e := _co_president(m, facts)) is not None]
    if not held:
        return []
    minutes, election = max(held, key=lambda pair: (pair[0].held_on is not None, pair[0].held_on))
    when = f" du {minutes.held_on:%d/%m/%Y}" if minutes.held_on is not None else ""
    evidence = f"{role} selon « {minutes.file} » ({minutes.body or 'procès-verbal'}{when})"
    found = [
        Fact(
            "legal_representative.name",
            election.person,
            "inferred",
            minutes.file,
            election.page,
            evidence,
        ),
        Fact("legal_representative.role", role, "inferred", minutes.file, election.page, evidence),
    ]
    if minutes.held_on is not None:
        found.append(
            Fact(
                "legal_representative.since",
                minutes.held_on.isoformat(),
                "inferred",
                minutes.file,
                election.page,
                evidence,
            )
        )
    return found


def _legal_representative(facts: Sequence[Fact], parsed: ParsedPieces) -> list[Fact]:
    minutes = _from_minutes(facts, parsed)
    if _located(facts, "legal_representative.name") is not None:
        return minutes  # compared with the declared one (X002)
    for piece in (parsed.courrier, parsed.dossier_technique):
        if piece is not None and piece.legal_representative is not None:
            # The minutes follow, so that a disagreement with them is seen (X002).
            return [
                Fact(
                    "legal_representative.name",
                    piece.legal_representative.value,
                    "inferred",
                    piece.file,
                    piece.legal_representative.page,
                    "« responsable légal » nommé dans le document",
                ),
                *minutes,
            ]
    if minutes:
        return minutes
    delegator = _located(facts, "delegation.delegator")
    if delegator is not None:
        return [
            Fact(
                "legal_representative.name",
                delegator.value,
                "inferred",
                delegator.file,
                delegator.page,
                "auteur de la délégation de signature",
            )
        ]
    attestation = parsed.attestation_tva
    if (
        attestation is not None
        and attestation.signatory.name
        and attestation.signatory.title
        and _represents(
            fold(attestation.signatory.title.value), fact_value(facts, "structure.kind")
        )
    ):
        name = attestation.signatory.name
        return [
            Fact(
                "legal_representative.name",
                name.value,
                "inferred",
                attestation.file,
                name.page,
                f"{attestation.signatory.title.value} signataire de l'attestation de TVA"
                if not _PRESIDENT.search(fold(attestation.signatory.title.value))
                else "président(e) signataire de l'attestation de TVA",
            )
        ]
    return []


def signs_as_president(parsed: ParsedPieces) -> bool:
    """Whether the courrier is signed by its président(e) in person (not "pour le président")."""
    courrier = parsed.courrier
    if courrier is None or courrier.signatory.title is None or courrier.signatory.on_behalf:
        return False
    return bool(_PRESIDENT.search(fold(courrier.signatory.title.value)))


def _older_minutes(parsed: ParsedPieces, signatory: Fact, legal: Fact) -> bool:
    """Whether ``legal`` comes from minutes that name another président(e) than the one who
    signs as such. Minutes may predate the letter (a président elected since, whose minutes
    were not joined): a person must look (X002), the minutes do not make the signatory
    someone who needs a délégation."""
    return (
        any(m.file == legal.file for m in parsed.minutes)
        and signs_as_president(parsed)
        and not same_person(str(signatory.value), str(legal.value))
    )


def _signatory_is_legal(
    facts: Sequence[Fact], parsed: ParsedPieces, legal: Fact | None
) -> list[Fact]:
    if fact_value(facts, "signatory.is_legal_representative") is not None:
        return []
    signatory = _located(facts, "signatory.name")
    if signatory is not None and legal is not None and not _older_minutes(parsed, signatory, legal):
        return [
            Fact(
                "signatory.is_legal_representative",
                same_person(str(signatory.value), str(legal.value)),
                "inferred",
                signatory.file,
                signatory.page,
                f"signataire « {signatory.value} » ({signatory.file}), "
                f"responsable légal « {legal.value} » ({legal.file})",
            )
        ]
    courrier = parsed.courrier
    if courrier is None or courrier.signatory.title is None:
        return []
    title = fold(courrier.signatory.title.value)
    role = parsed.statuts.representative_role if parsed.statuts is not None else None
    if courrier.signatory.on_behalf or not TITLE.search(title):
        verdict = False if courrier.signatory.on_behalf else None
    else:
        verdict = _represents(title, fact_value(facts, "structure.kind")) or _holds(title, role)
    if verdict is None:
        return []
    evidence = f"qualité du signataire : « {courrier.signatory.title.value} »"
    if role is not None and role in _ROLE_TITLES:
        evidence += f" ; les statuts donnent la représentation : {role}"
    return [
        Fact(
            "signatory.is_legal_representative",
            verdict,
            "inferred",
            courrier.file,
            courrier.signatory.title.page,
            evidence,
        )
    ]


# The titles of those the statuts' representative role covers, beside the président(e):
# statuts may give the representation to the trésorier, to co-présidents, or to every member
# of the bureau (« chaque membre du bureau est investi des pouvoirs … pour agir au nom de
# l'association »): the one who signs with that title signs as the legal representative.
_ROLE_TITLES = {
    "co-président(e)": re.compile(r"^(?:(?:le|la|l) )?co ?presidente?\b"),
    "trésorier(e)": re.compile(r"^(?:(?:le|la|l) )?tresoriere?\b"),
    "secrétaire": re.compile(r"^(?:(?:le|la|l) )?secretaire\b"),
    "directeur(rice)": re.compile(r"^(?:(?:le|la|l) )?direct(?:eur|rice)\b"),
    "bureau": re.compile(
        r"^(?:(?:le|la|l) )?(?:co ?|vice ?)?(?:presidente?|tresoriere?|secretaire)\b"
    ),
}


# Who represents a structure of each kind towards others, beside its président(e), by the law
# of its form: the one who signs with that title needs no délégation.
# - A SPL or a SEM is a société anonyme (CGCT L1531-1, L1522-1): its directeur général, or the
#   président of the conseil d'administration who is its président-directeur général
#   (C. com. L225-51-1), « est investi des pouvoirs les plus étendus pour agir en toute
#   circonstance au nom de la société » and « représente la société dans ses rapports avec les
#   tiers »; a directeur général délégué has towards others the same powers (L225-56); with a
#   directoire, its président represents the company (L225-66).
# - A SCOP or SCIC SARL is represented by its gérant(e) (C. com. L223-18), a SCIC SA as a SA,
#   a SCIC SAS by its président(e) or a directeur général the statuts name (L227-6).
# - A GIP by its directeur (loi n° 2011-525 du 17 mai 2011, chapitre II, section 2,
#   « organisation des groupements d'intérêt public » : « dans les rapports avec les tiers, le
#   directeur engage le groupement » ; the article's number, 106 or 109, was not confirmed
#   with the sources reachable here).
# - An établissement public such as an office de tourisme EPIC by its directeur (code du
#   tourisme R133-13, renvoyant au CGCT R2221-22 for a régie's directeur, its ordonnateur).
# - A syndicat mixte or a PETR by its président(e) (CGCT L5211-9, L5711-1), as everywhere.
# A deputy (« adjoint(e) ») or a « directeur général des services » heads no structure: they
# sign by délégation. An association's directeur needs one unless its statuts say otherwise
# (``_ROLE_TITLES``).
_NOT_HEAD = r"(?! (?:adjointe?|general|generale|delegue|deleguee|des services)\b)"
_DIRECTOR = rf"direct(?:eur|rice){_NOT_HEAD}"
_GENERAL_DIRECTOR = rf"direct(?:eur|rice) generale?(?: deleguee?)?{_NOT_HEAD}"
_MANAGER = r"(?:co ?)?gerante?(?! adjointe?\b)"
_HEADS = {
    kind: re.compile(rf"^(?:(?:le|la|l) )?(?:{pattern})\b")
    for kind, pattern in {
        "spl": _GENERAL_DIRECTOR,
        "sem": _GENERAL_DIRECTOR,
        "cooperative": f"{_MANAGER}|{_GENERAL_DIRECTOR}",
        "gip": f"{_DIRECTOR}|{_GENERAL_DIRECTOR}",
        "etablissement_public": f"{_DIRECTOR}|{_GENERAL_DIRECTOR}",
    }.items()
}


def _represents(title: str, kind: object) -> bool:
    """Whether a folded ``title`` is that of a legal representative of a structure of
    ``kind`` (the fact ``structure.kind``): its président(e), or its head by the law of its
    form (``_HEADS``)."""
    pattern = _HEADS.get(kind) if isinstance(kind, str) else None
    return bool(_PRESIDENT.search(title) or (pattern and pattern.search(title)))


def _holds(title: str, role: str | None) -> bool:
    """Whether a signatory's folded ``title`` is one the statuts' representative ``role``
    gives the representation to."""
    pattern = _ROLE_TITLES.get(role or "")
    return bool(pattern and pattern.search(title))


def derive_facts(facts: Sequence[Fact], parsed: ParsedPieces) -> list[Fact]:
    """Facts computed from the declared and inferred ones and the parsed pieces."""
    legal = _legal_representative(facts, parsed)
    known = _located(facts, "legal_representative.name") or (legal[0] if legal else None)
    return legal + _signatory_is_legal(facts, parsed, known)
