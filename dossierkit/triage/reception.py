"""When a dossier was received: from its source, never "now" silently.

The call examines dossiers "au rythme de leur réception": the register's reception date and
the order of its references must be the applicant's, not the moment a triage happened to run
or a worker happened to finish. The source tells: an archive's newest member (the moment the
applicant last saved a file in it, which a mail or platform keeps), a folder's newest file.
The instructor may say better (``--recu-le``, from a postmark or a platform's export). A
source whose contents tell nothing (an empty folder, an archive that cannot be opened) is
dated by its own modification time: when it was saved in the inbox, still a fact of the
sending, not of the triage.
"""

from __future__ import annotations

import os
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from dossierkit.discovery import walk

# ZIP times start in 1980; an older or future time is a clock's fault, not a reception.
_EARLIEST = datetime(1980, 1, 2, tzinfo=UTC)


def _plausible(moment: datetime | None, now: datetime) -> datetime | None:
    return moment if moment is not None and _EARLIEST <= moment <= now else None


def _zip_time(path: Path) -> datetime | None:
    try:
        with zipfile.ZipFile(path) as archive:
            stamps = [info.date_time for info in archive.infolist() if not info.is_dir()]
    except (OSError, zipfile.BadZipFile, ValueError):
        return None
    if not stamps:
        return None
    # ZIP stores the packer's local time, without a zone: read it as this machine's.
    return datetime(*max(stamps)).astimezone().astimezone(UTC)


def _folder_time(path: Path) -> datetime | None:
    times = []
    for entry in walk(path):
        if entry.status in ("file", "manifest"):
            try:
                times.append(os.stat(entry.path, follow_symlinks=False).st_mtime)
            except OSError:
                continue
    return datetime.fromtimestamp(max(times), UTC) if times else None


def _own_time(path: Path) -> datetime | None:
    try:
        return datetime.fromtimestamp(os.stat(path, follow_symlinks=False).st_mtime, UTC)
    except OSError:
        return None


def source_time(path: Path, kind: str, now: datetime | None = None) -> datetime | None:
    """When the dossier at ``path`` (``zip`` or ``folder``) was last written by its sender,
    in UTC: its newest member or file, else (empty, unreadable) the moment the sending itself
    was saved; None only when no clock is plausible."""
    now = now or datetime.now(UTC)
    moment = _zip_time(path) if kind == "zip" else _folder_time(path)
    return _plausible(moment, now) or _plausible(_own_time(path), now)
