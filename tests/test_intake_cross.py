"""Cross-dossier checks counted as an instructor reads them: once per file and other
application, however many versions of that application hold the same file."""

from __future__ import annotations

from collections import Counter

from dossierkit.checks.intake import Candidate, SharedFile

RIB = ("RIB.pdf", "a" * 64)


def _candidate(key: str, application: int, structure: str) -> Candidate:
    return Candidate(
        key=key, label=key, in_inbox=True, application=application, structure=structure,
        epci_siren=None, epci_name=None, iban=None, fingerprint=key, files=(RIB,),
        received_at=None,
    )  # fmt: skip


def test_a_copied_file_is_named_once_per_other_application() -> None:
    """The rival's RIB is the Fablab's, and the Fablab sent two versions holding it: the
    rival gets one I003 (one other application), each Fablab version one."""
    candidates = [
        _candidate("Fablab Ternois", 1, "Fab'Lab du Ternois"),
        _candidate("Fablab Ternois complet", 1, "Fab'Lab du Ternois"),
        _candidate("Ternois Numérique", 2, "Ternois Numérique"),
    ]
    found = Counter(key for key, _ in SharedFile().cross(candidates))
    assert found == {"Fablab Ternois": 1, "Fablab Ternois complet": 1, "Ternois Numérique": 1}
