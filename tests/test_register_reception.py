"""The reception date of a sending: when it arrived in the inbox (the archive's or the
folder's own time), never when the applicant saved its pieces, nor the triage's."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from dossierkit.call import load_call
from dossierkit.triage.model import InboxItem, Outcome, Summary
from dossierkit.triage.reception import source_time
from dossierkit.triage.register import Register

_SAVED = datetime(2026, 10, 5, 9, 30, tzinfo=UTC)
# The tester's case: pieces saved and zipped by the applicant on 27 November, the mail's
# attachment saved in the inbox on 3 December.
_PACKED = (2026, 11, 27, 17, 5, 0)
_ARRIVED = datetime(2026, 12, 3, 3, 52, tzinfo=UTC)


def _set_time(path: Path, moment: datetime) -> None:
    os.utime(path, (moment.timestamp(), moment.timestamp()))


def test_a_zip_is_dated_by_its_arrival_not_by_its_members(tmp_path: Path) -> None:
    sent = tmp_path / "Ruche numerique Avesnois.zip"
    with zipfile.ZipFile(sent, "w") as archive:
        for name in ("Dossier Ruche numérique/Budget prévisionnel.xlsx", "RIB.pdf"):
            archive.writestr(zipfile.ZipInfo(name, _PACKED), b"piece")
    _set_time(sent, _ARRIVED)
    assert source_time(sent) == _ARRIVED


def test_a_folder_is_dated_by_its_own_time_not_by_its_files(tmp_path: Path) -> None:
    # Unpacked or copied with the applicant's times on the files (Explorer, unzip, cp -p),
    # then a file of a subfolder edited by the service afterwards: neither is the arrival.
    sent = tmp_path / "CC Sud Artois"
    (sent / "Annexes").mkdir(parents=True)
    packed = datetime(*_PACKED, tzinfo=UTC)
    for file in (sent / "Budget.xlsx", sent / "Annexes" / "Carte.png"):
        file.write_bytes(b"piece")
        _set_time(file, packed)
    _set_time(sent / "Annexes", packed)
    _set_time(sent, _ARRIVED)
    _set_time(sent / "Annexes" / "Carte.png", datetime(2026, 12, 3, 4, 30, tzinfo=UTC))
    assert source_time(sent) == _ARRIVED


def test_an_empty_folder_or_an_unreadable_zip_is_dated_alike(tmp_path: Path) -> None:
    empty = tmp_path / "Dossier vide"
    empty.mkdir()
    broken = tmp_path / "Fablab.zip"
    broken.write_bytes(b"PK\x03\x04 attachment cut")
    for path in (empty, broken):
        os.utime(path, (_SAVED.timestamp(), _SAVED.timestamp()))
    assert source_time(empty) == _SAVED
    assert source_time(broken) == _SAVED


def test_a_clock_in_the_future_is_no_date(tmp_path: Path) -> None:
    broken = tmp_path / "Fablab.zip"
    broken.write_bytes(b"not a zip")
    future = datetime(2100, 1, 1, tzinfo=UTC).timestamp()
    os.utime(broken, (future, future))
    assert source_time(broken) is None


def test_attaching_a_sending_without_a_name_says_what_to_give(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "dossierkit", "registre", "TLN-0001", "--rattacher", " "],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert result.returncode == 2
    assert "indiquez le nom de l'envoi à rattacher" in result.stderr.replace("\n", " ")


def _platform_outcome(
    folder: Path, number: str | None, fingerprint: str, structure: str | None
) -> Outcome:
    item = InboxItem(folder.name, folder, "folder", _SAVED, platform_reference=number)
    summary = Summary(structure=structure, epci_siren="200035442" if structure else None)
    return Outcome(item, fingerprint, "incomplete", summary)


def test_a_platform_number_names_its_application_before_the_structure(tmp_path: Path) -> None:
    # Dossier 20480123 sent again on the platform, corrected: its letter no longer tells the
    # structure, yet the platform says it is the same application. Another number from the
    # same structure is another application (the platform gives one per application).
    call = load_call()
    with Register(tmp_path / "registre.sqlite") as register:
        first = register.record(
            _platform_outcome(tmp_path / "d1", "20480123", "aaa", "La Ruche numérique"), call
        )
        again = register.record(_platform_outcome(tmp_path / "d2", "20480123", "bbb", None), call)
        other = register.record(
            _platform_outcome(tmp_path / "d3", "20480999", "aaa", "La Ruche numérique"), call
        )
    assert again.reference == first.reference
    assert other.reference != first.reference, "not even for the same content"


def test_without_a_register_the_platform_number_also_groups_the_versions(
    tmp_path: Path,
) -> None:
    from dossierkit.triage.model import Row
    from dossierkit.triage.run import _application_numbers

    rows = [
        Row(_platform_outcome(tmp_path / "d1", "20480123", "aaa", "La Ruche numérique")),
        Row(_platform_outcome(tmp_path / "d2", "20480123", "bbb", None)),
        Row(_platform_outcome(tmp_path / "d3", "20480999", "aaa", "La Ruche numérique")),
    ]
    numbers = _application_numbers(rows)
    assert numbers[0] == numbers[1] != numbers[2]
