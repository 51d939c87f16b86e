"""The other applications an application shares its intercommunalité, IBAN or a file with,
by reference: what the tracking sheet shows on each line of such a pair.

The cross checks (I001 to I003) run when a dossier arrives: they flag the newcomer against
the register, but the application received earlier was verified before its rival existed,
and a finding combined over several rivals keeps one of their names in its parameters.
The service's sheet wants the pair on both lines, each naming the other by its reference
(« une seule et même aide par intercommunalité »: the Région picks one of them). So the
same checks are run again, when a sheet is written, over the current version of every
application of the register: a rival found today shows on the line of yesterday's
application too, and a rival that changed intercommunalité or RIB since no longer does.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from dossierkit.call import Call
from dossierkit.checks import INTAKE_CHECKS
from dossierkit.checks.intake import Candidate, Combined
from dossierkit.text import french_spacing

# The cross checks whose findings name another application, and the key of the sheet's
# column that lists them.
RIVAL_KEYS = {"I001": "same_epci", "I002": "same_iban", "I003": "same_file"}

# What the sheet's « Pourquoi » and the application's history say of them (``{refs}``: their
# references), for one other application and for several.
RIVAL_REASONS = {
    "fr": {
        "I001": (
            "Une autre demande vise la même intercommunalité : {refs}",
            "{n} autres demandes visent la même intercommunalité : {refs}",
        ),
        "I002": (
            "Le même IBAN figure dans la demande {refs}",
            "Le même IBAN figure dans les demandes {refs}",
        ),
        "I003": (
            "Un fichier identique figure dans la demande {refs}",
            "Un fichier identique figure dans les demandes {refs}",
        ),
    },
    "en": {
        "I001": (
            "Another application targets the same intercommunality: {refs}",
            "{n} other applications target the same intercommunality: {refs}",
        ),
        "I002": (
            "The same IBAN appears in application {refs}",
            "The same IBAN appears in applications {refs}",
        ),
        "I003": (
            "An identical file appears in application {refs}",
            "An identical file appears in applications {refs}",
        ),
    },
}
_AND = {"fr": "et", "en": "and"}


@dataclass(frozen=True)
class Standing:
    """An application's current version as the rivals are found from it."""

    reference: str
    structure: str | None
    epci_siren: str | None
    epci_name: str | None
    iban: str | None
    files: tuple[tuple[str, str], ...]


def rival_reason(code: str, others: Sequence[str], lang: str = "fr") -> str:
    """« Une autre demande vise la même intercommunalité : TLN-0012 »."""
    one, many = RIVAL_REASONS[lang][code]
    refs = others[0] if len(others) == 1 else f"{', '.join(others[:-1])} {_AND[lang]} {others[-1]}"
    said = (one if len(others) == 1 else many).format(n=len(others), refs=refs)
    return french_spacing(said) if lang == "fr" else said


class Listed(Protocol):
    """An application as the register lists it (``register.Entry``, which imports this
    module for an application's history: named by what it has, not imported)."""

    @property
    def reference(self) -> str: ...
    @property
    def structure(self) -> str | None: ...
    @property
    def epci_siren(self) -> str | None: ...
    @property
    def epci_name(self) -> str | None: ...
    @property
    def iban(self) -> str | None: ...
    @property
    def files(self) -> tuple[tuple[str, str], ...]: ...
    @property
    def duplicate_of(self) -> str | None: ...


def standings(entries: Iterable[Listed]) -> list[Standing]:
    """The register's applications to compare, by reference, each by its current version
    (the register's ``entries`` after a triage: today's and earlier ones); an application
    the instructor marked as a duplicate is no rival of its original, as for the triage's
    checks."""
    return sorted(
        (
            Standing(e.reference, e.structure, e.epci_siren, e.epci_name, e.iban, e.files)
            for e in entries
            if e.duplicate_of is None
        ),
        key=lambda s: s.reference,
    )


def rivals(
    applications: Sequence[Standing], call: Call | None
) -> dict[str, dict[str, tuple[str, ...]]]:
    """Reference → code (I001, I002, I003) → the references of the other applications that
    check finds, sorted; an application with none is left out. The call decides which
    checks apply (without the one-aid-per-intercommunalité rule, no I001); all do without
    it."""
    candidates = [
        Candidate(
            key=a.reference,
            label=a.reference,
            in_inbox=True,
            application=number,
            structure=a.structure,
            epci_siren=a.epci_siren,
            epci_name=a.epci_name,
            iban=a.iban,
            fingerprint="",
            files=a.files,
            received_at=None,
        )
        for number, a in enumerate(applications)
    ]
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for check in INTAKE_CHECKS:
        if issubclass(check, Combined) and check.code in RIVAL_KEYS:
            for key, finding in check().cross(candidates, call):
                found[key][check.code].add(str(finding.params["other_dossier"]))
    return {
        key: {code: tuple(sorted(others)) for code, others in sorted(codes.items())}
        for key, codes in found.items()
    }
