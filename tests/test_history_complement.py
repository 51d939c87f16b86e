"""The history of an application completed by a complement sent alone (tester 6, defect 10).

« dossierkit registre arrivees TLN-0004 » after a complement said « fichiers retirés :
Attestation…, Budget…, Courrier…, RIB… »: the complement's own files were compared with the
whole dossier before it. A complement withdraws nothing (it is verified « avec ses autres
pièces »): it is compared with the files it was verified with, and only what it brings is
said added (or changed, for a piece sent again under the same name).
"""

from __future__ import annotations

from datetime import datetime

from dossierkit.triage.history import Check, History, Version, changes, history_lines

DOSSIER = (
    ("Attestation regime TVA.pdf", "a1"),
    ("Budget previsionnel.xlsx", "b1"),
    ("Courrier de demande.pdf", "c1"),
    ("Dossier technique.docx", "d1"),
    ("RIB CCCA.pdf", "r1"),
)
DELEGATION = (("Arrete de delegation de signature.pdf", "e1"),)


def _check(status: str, delegation: str, findings: tuple[dict[str, str], ...]) -> Check:
    return Check(
        verified_at=datetime(2026, 12, 3, 10, 30),
        status=status,
        errors=len(findings),
        warnings=0,
        findings=findings,
        pieces=(("delegation", "Délégation de signature", delegation),),
    )


MISSING = {
    "code": "P001",
    "piece": "delegation",
    "file": "",
    "message": "Pièce manquante : Délégation de signature.",
}


def _history(*later: Version) -> History:
    first = Version(
        number=1,
        source_name="CC Campagnes de l'Artois - Relais numerique",
        source_kind="folder",
        received_at=datetime(2026, 11, 23, 11, 40),
        files=DOSSIER,
        verifications=(_check("incomplete", "missing", (MISSING,)),),
        letters=(),
    )
    return History(
        "TLN-0004", "Communauté de communes des Campagnes de l'Artois", None, (first, *later)
    )


def _complement(number: int, files: tuple[tuple[str, str], ...], base: int) -> Version:
    return Version(
        number=number,
        source_name="Complement CC Campagnes de l'Artois",
        source_kind="folder",
        received_at=datetime(2026, 12, 3, 10, 20),
        files=files,
        verifications=(_check("complete", "ok", ()),),
        letters=(),
        complement_of=base,
    )


def _said(history: History) -> list[str]:
    return [line.replace("\u00a0", " ").replace("\u202f", " ") for line in history_lines(history)]


def test_a_complement_is_said_to_add_its_files_only() -> None:
    lines = _said(_history(_complement(2, DELEGATION, 1)))
    assert (
        "Version 2 : « Complement CC Campagnes de l'Artois », reçue le 03/12/2026 10:20 (1 fichier)"
        in lines
    )
    changed = lines[lines.index("  Changements depuis la version 1 :") + 1 :]
    assert changed == [
        "    fichiers ajoutés : Arrete de delegation de signature.pdf",
        "    Délégation de signature : manquante → présente",
        "    constat résolu : P001 — Pièce manquante : Délégation de signature.",
    ]
    assert not any("retirés" in line for line in lines)


def test_a_piece_sent_again_under_its_name_is_changed_not_removed() -> None:
    rib = (("RIB CCCA.pdf", "r2"),)
    lines = _said(_history(_complement(2, rib, 1)))
    assert "    fichiers modifiés : RIB CCCA.pdf" in lines
    assert not any("retirés" in line or "ajoutés" in line for line in lines)


def test_the_version_after_a_complement_is_compared_with_the_dossier_it_completed() -> None:
    # Two complements, then the whole dossier sent again without the attestation: the third
    # is compared with the five files and the two complements', and only the attestation is
    # said removed; the second complement adds its own file to what the first completed.
    statuts = (("Statuts.pdf", "s1"),)
    again = Version(
        number=4,
        source_name="CC Campagnes de l'Artois - renvoi",
        source_kind="folder",
        received_at=datetime(2026, 12, 5, 9, 0),
        files=tuple(f for f in DOSSIER if not f[0].startswith("Attestation"))
        + DELEGATION
        + statuts,
        verifications=(_check("complete", "ok", ()),),
        letters=(),
    )
    history = _history(_complement(2, DELEGATION, 1), _complement(3, statuts, 2), again)
    lines = _said(history)
    third = lines.index("  Changements depuis la version 2 :")
    assert lines[third + 1] == "    fichiers ajoutés : Statuts.pdf"
    fourth = lines.index("  Changements depuis la version 3 :")
    assert lines[fourth + 1 :] == ["    fichiers retirés : Attestation regime TVA.pdf"]
    # Asked for two versions, the same comparison.
    compared = [line.replace("\u00a0", " ") for line in history_lines(history, compare=(1, 3))]
    start = compared.index("De la version 1 à la version 3 :")
    assert compared[start + 1] == (
        "  fichiers ajoutés : Arrete de delegation de signature.pdf, Statuts.pdf"
    )


def test_a_complement_compared_alone_still_removes_nothing() -> None:
    history = _history(_complement(2, DELEGATION, 1))
    found = changes(history.versions[0], history.versions[1])
    assert found.removed == ()
    assert found.added == ("Arrete de delegation de signature.pdf",)
