"""The dossier a command is given: a folder, or the ``.zip`` the applicant is about to send.

Applicants zip their pieces to send them by e-mail or upload them, and then want to check
that very file: ``dossierkit verify dossier.zip`` unpacks it, with triage's guards (names
that climb out, links, zip bombs), into a private scratch folder that is removed however
the command ends. The archive itself is only read.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dossierkit.errors import UsageError

if TYPE_CHECKING:
    from dossierkit.findings import Finding
    from dossierkit.limits import Limits


@dataclass(frozen=True)
class Given:
    """The folder to work on, and what unpacking the archive set aside (I009 findings)."""

    root: Path
    set_aside: tuple[Finding, ...] = ()


def _refuse(path: Path) -> UsageError:
    if not path.exists():
        return UsageError(
            f"le dossier « {path} » n'existe pas.",
            english=f'the folder "{path}" does not exist.',
        )
    return UsageError(
        f"« {path} » n'est pas un dossier : indiquez le dossier qui contient les pièces, ou "
        "l'archive .zip qui les rassemble.",
        english=f'"{path}" is not a folder: give the folder that holds the pieces, or the '
        ".zip archive that gathers them.",
    )


@contextlib.contextmanager
def given_dossier(path: Path, limits: Limits) -> Iterator[Given]:
    """The folder ``path`` itself, or the content of the archive ``path`` unpacked in a
    scratch folder named after it (so the report names the dossier as the archive does).
    Anything else is a usage error (exit code 2), refused before any work."""
    import zipfile

    if path.is_dir():
        yield Given(path)
        return
    if not (path.is_file() and (path.suffix.lower() == ".zip" or zipfile.is_zipfile(path))):
        raise _refuse(path)
    from dossierkit.checks.intake import MemberSetAside
    from dossierkit.external.scratch import scratch_dir
    from dossierkit.triage.archive import ArchiveError, unpack
    from dossierkit.triage.archive import Limits as ArchiveLimits

    with scratch_dir("zip") as tmp:
        root = tmp / (path.stem or "dossier")
        try:
            set_aside = unpack(path, root, ArchiveLimits.of_reading(limits))
        except ArchiveError as exc:
            raise UsageError(
                f"l'archive « {path} » ne peut pas être décompressée : {exc.reason}. "
                "Décompressez-la vous-même, puis indiquez le dossier obtenu.",
                english=f'the archive "{path}" cannot be unpacked: {exc.reason_en}. '
                "Unpack it yourself, then give the folder it makes.",
            ) from None
        if not any(path.is_file() for path in root.rglob("*")):
            raise UsageError(
                f"l'archive « {path} » ne contient aucun fichier : indiquez l'archive qui "
                "rassemble les pièces, ou leur dossier.",
                english=f'the archive "{path}" holds no file: give the archive that gathers '
                "the pieces, or their folder.",
            )
        findings = tuple(
            MemberSetAside().finding(name=s.name, reason=s.reason, reason_en=s.reason_en)
            for s in set_aside
        )
        yield Given(root, findings)
