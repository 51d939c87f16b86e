"""When a dossier was received: when it arrived in the inbox, never "now" silently.

The call examines dossiers "au rythme de leur réception", and the acknowledgement's dates
(silence worth rejection two months after reception, CRPA art. L231-4; the complements'
deadline, L114-5) run from the day the Région received the dossier. That is the day the
sending was saved in the inbox, not the day the applicant last saved a file in it: a zip
packed on the 27th and mailed on the 3rd was received on the 3rd, and dating it by its
members would put every deadline of the acknowledgement six days early.

So a sending is dated by its own modification time (and known by its own bytes, see
``archive_sha256``):

- a ``.zip`` by the archive file's own time (when the mail's attachment or the download
  was saved), never by its members' times, which are the applicant's;
- a folder by the folder's own time: the moment its last entry was put into it in the
  inbox (saving the attachments, unpacking an archive, copying it from a key). Not by its
  newest file: copies, unpackers and mail clients keep the applicant's times on the files,
  which tell when a piece was written, not when it arrived. A file changed later inside a
  subfolder does not move the reception either: it is the service's edit, not a sending.

The platform's « Déposé le » (``platforms``) and the instructor's ``--recu-le`` (a postmark)
say better, and replace this; ``--recu-le`` for the sendings new to the register only, and
never to date a complement before the request it completes (``run._not_before``). A time before ZIP's 1980 or after now is a clock's fault: no
date at all, so that the register says it took the triage's time rather than invent one.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from dossierkit.reading.files import sha256_file
from dossierkit.triage.model import InboxItem

# ZIP times start in 1980; an older or future time is a clock's fault, not a reception.
_EARLIEST = datetime(1980, 1, 2, tzinfo=UTC)


def _plausible(moment: datetime | None, now: datetime) -> datetime | None:
    return moment if moment is not None and _EARLIEST <= moment <= now else None


def _own_time(path: Path) -> datetime | None:
    try:
        return datetime.fromtimestamp(os.stat(path, follow_symlinks=False).st_mtime, UTC)
    except (OSError, OverflowError, ValueError):
        return None


def source_time(path: Path, now: datetime | None = None) -> datetime | None:
    """When the dossier at ``path`` (a ``.zip`` or a folder: both alike, by the sending and
    never by what it contains) arrived in the inbox, in UTC: its own modification time;
    None when that clock is not plausible."""
    return _plausible(_own_time(path), now or datetime.now(UTC))


def archive_sha256(item: InboxItem) -> str | None:
    """The SHA-256 of an archive's own bytes, as received: with the place it was received at,
    what makes it one sending, whether its verification read its files or failed; None for
    a folder (its fingerprint is its files' either way) or an archive that cannot be read
    here (a platform's export records another place as its source)."""
    if item.kind != "zip":
        return None
    try:
        return sha256_file(item.path) if item.path.is_file() else None
    except OSError:
        return None
