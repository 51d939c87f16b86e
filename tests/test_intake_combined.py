"""Cross-dossier findings once per dossier, naming every other application involved.

Three associations ask for the same intercommunalité and share one RIB file and its IBAN:
each dossier gets one I001, one I002 and one I003, each naming the two other applications,
not one warning per rival (issue 15, « Signal, not noise »). With one rival, the message
reads as it did.
"""

from __future__ import annotations

from datetime import UTC, datetime

from dossierkit.call import load_call
from dossierkit.checks.intake import Candidate
from dossierkit.triage.checks import cross_check, rendered

RIB = ("RIB.pdf", "a" * 64)
IBAN = "FR7630006000011234567890189"


def _candidate(label: str, application: int, structure: str, day: int) -> Candidate:
    return Candidate(
        key=label, label=label, in_inbox=True, application=application, structure=structure,
        epci_siren="200035384", epci_name="CC du Ternois", iban=IBAN, fingerprint=label,
        files=(RIB,), received_at=datetime(2027, 3, day, 9, tzinfo=UTC),
    )  # fmt: skip


RIVALS = [
    _candidate("Fablab Ternois", 1, "Fab'Lab du Ternois", 1),
    _candidate("Ternois Numérique", 2, "Ternois Numérique", 2),
    _candidate("Les Bricoleurs", 3, "Les Bricoleurs du Ternois", 3),
]


def _messages(candidates: list[Candidate], lang: str = "fr") -> dict[str, dict[str, str]]:
    call = load_call()
    found = cross_check(candidates, call)
    shown: dict[str, dict[str, str]] = {}
    for key, findings in found.items():
        codes = [f.code for f in findings]
        assert len(codes) == len(set(codes)), codes  # once per dossier
        shown[key] = {f.code: rendered(f, call, lang)["message"] for f in findings}
    return shown


def test_three_rivals_get_one_warning_each_naming_the_two_others() -> None:
    messages = _messages(RIVALS)
    assert set(messages) == {c.key for c in RIVALS}
    fablab = messages["Fablab Ternois"]
    assert set(fablab) == {"I001", "I002", "I003"}
    assert fablab["I001"] == (
        "2 autres demandes visent la même intercommunalité : « Ternois Numérique », dossier "
        "« Ternois Numérique » reçu le 02/03/2027 ; « Les Bricoleurs du Ternois », dossier "
        "« Les Bricoleurs » reçu le 03/03/2027. La Région n'accorde qu'une aide par "
        "intercommunalité (CC du Ternois) : demandez à l'intercommunalité quel projet elle "
        "désigne."
    )
    assert fablab["I002"].startswith(
        f"L'IBAN {IBAN} figure aussi dans les dossiers de 2 autres structures (le dossier "
        "« Ternois Numérique » de « Ternois Numérique » ; le dossier « Les Bricoleurs »"
    )
    assert fablab["I003"] == (
        "« RIB.pdf » est identique (même empreinte SHA-256) à des fichiers de 2 autres "
        "demandes : « RIB.pdf » du dossier « Ternois Numérique » ; « RIB.pdf » du dossier "
        "« Les Bricoleurs »."
    )
    english = _messages(RIVALS, "en")["Fablab Ternois"]
    assert english["I001"].startswith("2 other applications target the same intercommunality")


def test_one_rival_is_named_alone() -> None:
    messages = _messages(RIVALS[:2])["Fablab Ternois"]
    assert messages["I001"].startswith(
        "Une autre demande vise la même intercommunalité : « Ternois Numérique », dossier "
        "« Ternois Numérique » reçu le 02/03/2027. La Région"
    )
    assert messages["I002"] == (
        f"L'IBAN {IBAN} figure aussi dans le dossier « Ternois Numérique » de « Ternois "
        "Numérique », une autre structure : l'aide ne peut être versée que sur un compte au "
        "nom de la structure qui la demande."
    )
    assert messages["I003"] == (
        "« RIB.pdf » est identique (même empreinte SHA-256) à « RIB.pdf » du dossier "
        "« Ternois Numérique », d'une autre demande."
    )
