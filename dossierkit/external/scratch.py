"""Temporary folders that may hold an applicant's documents, and writing that may fill a disk.

A copy of a dossier's RIB or statuts must not outlive the command that made it. Every such
folder is made by ``scratch_dir``:

- private: created by ``mkdtemp``, mode 0700, so that another user of the machine cannot
  list or read it;
- removed on every exit path the process sees (return, exception, Ctrl-C, and SIGTERM once
  the CLI has turned it into an exit: ``cli.common``);
- named ``dossierkit-<kind>-<pid>-…``: a run killed with SIGKILL leaves its folder behind, and
  the next run removes every such folder whose process is gone (``remove_stale``), at the
  start of every command (``cli.common``) and before a process makes its first one.

An output is written under a temporary name beside it, then renamed (``temporary_beside``):
the name holds the process id, and what a killed run left beside the same output is removed
by the next run that writes it.

``disk_errors`` turns the OS errors of writing an output (a full disk, a read-only folder, a
quota) into a message (French, and English for ``--lang en``) and exit code 2, and
``check_free_space`` refuses before writing when the space is plainly missing: a library
that aborts on a full disk (QPDF does, ``terminate called after throwing QPDFSystemError``)
never gets the chance to.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from dossierkit.errors import DossierkitError

PREFIX = "dossierkit-"
_NAMED = re.compile(r"^dossierkit-[a-z]+-(\d+)-")
# Folders of an older dossierkit, named without their process: removed once this old.
_UNNAMED_STALE_SECONDS = 24 * 3600
_OLD_KINDS = ("assemble", "lo", "ocr", "recalcul", "triage", "courrier", "conv", "work", "zip")
_cleaned = False


def alive(pid: int) -> bool:
    """Whether process ``pid`` still runs (another user's counts as running; one that has
    ended and waits to be collected by its parent, a zombie, does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    """Whether ``pid`` has ended but is not yet collected (Linux; False where unknown). A
    reader killed with its parent is one until the system's first process collects it,
    which in a container may take seconds: its folders are stale already."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_bytes()
    except OSError:
        return False
    return stat[stat.rfind(b")") + 2 : stat.rfind(b")") + 3] == b"Z"


def remove_stale(folder: Path | None = None) -> list[Path]:
    """Remove the scratch folders of runs that were killed (their process is gone), and those
    of an older version left for a day; the folders removed. Only the current user's."""
    base = folder or Path(tempfile.gettempdir())
    removed = []
    try:
        candidates = list(base.glob(PREFIX + "*"))
    except OSError:
        return []
    for path in candidates:
        try:
            info = path.lstat()
        except OSError:
            continue
        if not path.is_dir() or path.is_symlink() or info.st_uid != os.getuid():
            continue
        named = _NAMED.match(path.name)
        if named:
            stale = int(named.group(1)) != os.getpid() and not alive(int(named.group(1)))
        else:
            old = path.name.startswith(tuple(f"{PREFIX}{kind}-" for kind in _OLD_KINDS))
            stale = old and time.time() - info.st_mtime > _UNNAMED_STALE_SECONDS
        if stale:
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def remove_stale_once() -> None:
    """``remove_stale`` in the system's temporary folder, the first time a process asks."""
    global _cleaned
    if not _cleaned:
        _cleaned = True
        remove_stale()


@contextlib.contextmanager
def scratch_dir(kind: str) -> Iterator[Path]:
    """A private (0700) temporary folder, removed when the block ends however it ends. The
    first call of a process first removes the folders killed runs left (``remove_stale``)."""
    remove_stale_once()
    try:
        path = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{kind}-{os.getpid()}-"))
    except OSError as exc:
        if exc.errno not in _DISK_FULL:
            raise
        raise scratch_full() from exc
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


_DISK_FULL = (errno.ENOSPC, errno.EDQUOT)


class DiskFull(DossierkitError):
    """A disk (or a quota) is full: nothing of the command's work was left on it. Exit code
    2. A worker process that raises it makes its caller stop too (``triage.pool``): the
    next dossiers would not find more room."""


def disk_error(exc: OSError, target: Path) -> DossierkitError:
    """The message for ``exc``, raised while writing ``target``: what happened, what to do."""
    if exc.errno in _DISK_FULL:
        return DiskFull(
            f"le disque est plein : « {target} » n'a pas pu être écrit. Libérez de la place "
            "(ou choisissez un autre dossier de sortie), puis relancez ; aucun fichier "
            "partiel n'a été laissé.",
            english=f"the disk is full: “{target}” could not be written. Free some space (or "
            "choose another output folder) and run again; no partial file was left.",
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return DossierkitError(
            f"« {target} » n'a pas pu être écrit : accès refusé ({exc.strerror}). Choisissez "
            "un dossier de sortie où vous pouvez écrire.",
            english=f"“{target}” could not be written: access denied ({_reason_en(exc)}). "
            "Choose an output folder you can write to.",
        )
    return DossierkitError(
        f"« {target} » n'a pas pu être écrit : {exc.strerror or exc}.",
        english=f"“{target}” could not be written: {_reason_en(exc)}.",
    )


def _reason_en(exc: OSError) -> str:
    """The system's reason for ``exc`` in English: what the C library says of its error
    number, not ``strerror``, which a caller may have written in French (the register's
    SQLite errors, ``triage.sqlite_errors``)."""
    return os.strerror(exc.errno) if exc.errno else str(exc.strerror or exc)


@contextlib.contextmanager
def disk_errors(target: Path, *partial: Path) -> Iterator[None]:
    """Within the block, an OSError becomes ``disk_error``'s DossierkitError (exit code 2),
    after the ``partial`` files or folders (a temporary output) are removed."""
    try:
        yield
    except DiskFull:  # refused before writing (``check_free_space``)
        _remove(partial)
        raise
    except OSError as exc:
        _remove(partial)
        raise disk_error(exc, target) from exc


def _remove(paths: tuple[Path, ...]) -> None:
    for path in paths:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                path.unlink()


@contextlib.contextmanager
def scratch_errors(folder: Path) -> Iterator[None]:
    """Within the block, a full disk while writing in the scratch ``folder`` (copies,
    conversions, pages drawn before the output is written) becomes a DossierkitError (exit
    code 2) that names the temporary folder's disk and says how to choose another one:
    not an internal error, and not a message blaming the output, which was not written."""
    try:
        yield
    except OSError as exc:
        if exc.errno not in _DISK_FULL:
            raise
        raise scratch_full(folder.parent) from exc


def scratch_full(base: Path | None = None) -> DiskFull:
    """The message for a full disk under the temporary folders ``base`` (the system's by
    default): where, and how to choose another."""
    base = base or Path(tempfile.gettempdir())
    return DiskFull(
        f"le disque des fichiers temporaires est plein : « {base} » n'a plus la place du "
        "travail de dossierkit. Libérez de la place, ou indiquez un autre dossier "
        "temporaire (variable d'environnement TMPDIR), puis relancez ; aucun fichier "
        "temporaire n'a été laissé.",
        english=f"the disk of temporary files is full: “{base}” has no room left for "
        "dossierkit's work. Free some space, or choose another temporary folder (the "
        "TMPDIR environment variable), and run again; no temporary file was left.",
    )


def free_space(folder: Path) -> int | None:
    """The bytes free for this user in ``folder``'s file system; None when unknown."""
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def check_free_space(folder: Path, needed: int, target: Path | None = None) -> None:
    """Raise the disk-full DossierkitError when ``folder`` has less than ``needed`` bytes
    free: before a library that cannot report a full disk (QPDF aborts) starts writing."""
    free = free_space(folder)
    if free is not None and free < needed:  # unknown: writing will tell
        raise disk_error(OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)), target or folder)


def check_scratch_space(folder: Path, needed: int) -> None:
    """Raise ``scratch_full`` when the scratch ``folder`` has less than ``needed`` bytes free:
    an archive is not unpacked into a disk that cannot hold it."""
    free = free_space(folder)
    if free is not None and free < needed:
        raise scratch_full(folder.parent)


def _remove_stale_beside(target: Path) -> None:
    """Remove the temporary files that runs killed while writing ``target`` left beside it
    (their process is gone): half-written copies of an applicant's dossier."""
    pattern = re.compile(rf"^\.{re.escape(target.name)}\.(\d+)\.\d+\.tmp$")
    try:
        siblings = list(target.parent.iterdir())
    except OSError:
        return
    for path in siblings:
        found = pattern.match(path.name)
        if found and int(found.group(1)) != os.getpid() and not alive(int(found.group(1))):
            with contextlib.suppress(OSError):
                path.unlink()


def temporary_beside(target: Path) -> Path:
    """A new, empty file beside ``target`` (``.<name>.<pid>.<n>.tmp``, created as any file
    is, with the user's umask), to be renamed over ``target`` once complete; the ones that
    killed runs left beside ``target`` are removed first."""
    _remove_stale_beside(target)
    for n in range(1000):
        candidate = target.with_name(f".{target.name}.{os.getpid()}.{n}.tmp")
        try:
            with candidate.open("xb"):
                return candidate
        except FileExistsError:
            continue
    raise FileExistsError(target)
