"""What SQLite's errors mean for the instructor: a full disk, a folder that cannot be written.

SQLite does not report the system's error: a full disk shows as ``database or disk is full``
(SQLITE_FULL) when the database grows, but as ``disk I/O error`` (SQLITE_IOERR) when its
journal or shared-memory file cannot be written, which is what a register being created on
a full disk meets first. Both are told in French, as ``scratch.disk_error`` tells any other
output that could not be written; a disk I/O error is a full disk when the register's
folder has (almost) no space left, whatever SQLite called it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
from pathlib import Path

from dossierkit.errors import DossierkitError
from dossierkit.external.scratch import disk_error, free_space

# Below this, a write error in the register's folder is the disk's fullness: SQLite needs a
# few pages (4 KiB each) for its journal and shared memory.
_NEARLY_FULL = 256 * 1024
# The files SQLite keeps beside a database in WAL mode (or a rollback journal).
_COMPANIONS = ("-wal", "-shm", "-journal")


def storage_error(exc: sqlite3.Error, path: Path) -> DossierkitError | None:
    """The French error for ``exc``, raised while writing the register at ``path``, when it
    is the disk's or the folder's fault; None when it is the file's (not a register, a newer
    schema), which the caller tells."""
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    if code not in (sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN):
        if code != sqlite3.SQLITE_READONLY:
            return None
        return disk_error(OSError(errno.EROFS, "en lecture seule"), path)
    free = free_space(path.parent)
    if code == sqlite3.SQLITE_FULL or (free is not None and free < _NEARLY_FULL):
        return disk_error(OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)), path)
    if code == sqlite3.SQLITE_CANTOPEN:
        return disk_error(OSError(errno.EACCES, "impossible d'ouvrir le fichier"), path)
    return disk_error(OSError(errno.EIO, "erreur d'écriture sur le disque"), path)


def remove_database(path: Path) -> None:
    """Remove the database at ``path`` and the files SQLite made beside it: a register that
    could not be created must not be left half made (the next run would take it for one)."""
    for name in ("", *_COMPANIONS):
        with contextlib.suppress(OSError):
            path.with_name(path.name + name).unlink()
