"""Where an uploaded file may be written: its relative path, checked before a byte lands.

A browser sends a folder's files with their path relative to the folder the applicant
picked (``association/Annexes/plan.pdf``); a hostile client can send anything instead:
``../../etc/cron.d/x``, ``/etc/passwd``, ``C:\\Windows\\…``, a NUL byte that C code would stop
at, or thousands of nested folders. A path is accepted only when every part of it stays
inside the upload's folder, and the folder is then checked again once resolved (a part can
never be a link: the folder is new and only this code writes in it).
"""

from __future__ import annotations

import re
from pathlib import Path

# Deeper than any dossier's folders, shallow enough that no path nears PATH_MAX.
MAX_DEPTH = 16
# What Linux, macOS and Windows all accept for one name (in bytes of UTF-8).
MAX_PART_BYTES = 255
# A whole relative path: 16 names of 255 bytes would pass the two bounds above and still
# overflow PATH_MAX (4096 on Linux) once under the upload's folder; a dossier's deepest
# path is a few hundred bytes.
MAX_PATH_BYTES = 1024
_DRIVE = re.compile(r"^[A-Za-z]:")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def safe_parts(name: str) -> tuple[str, ...] | None:
    """The parts of an uploaded file's relative path, or None when it must be refused:
    absolute (``/``, ``\\\\server``), on a drive (``C:``), climbing (``..``), with a control
    character (NUL included), too deep, or with a part (or the whole path) too long for a
    file system.

    A backslash counts as a separator: Windows writes paths with it, and a name that holds
    one would be a different file on the applicant's machine than on a Linux server."""
    if not name or _CONTROL.search(name):
        return None
    normalized = name.replace("\\", "/")
    if normalized.startswith("/") or _DRIVE.match(normalized):
        return None
    parts = tuple(part for part in normalized.split("/") if part not in ("", "."))
    if not parts or len(parts) > MAX_DEPTH:
        return None
    if any(
        part == ".." or len(part.encode("utf-8", "surrogatepass")) > MAX_PART_BYTES
        for part in parts
    ):
        return None
    if len("/".join(parts).encode("utf-8", "surrogatepass")) > MAX_PATH_BYTES:
        return None
    return parts


def inside(folder: Path, parts: tuple[str, ...]) -> Path | None:
    """``folder / parts``, or None if, resolved, it would not be inside ``folder``."""
    target = folder.joinpath(*parts)
    if not target.resolve().is_relative_to(folder.resolve()):
        return None
    return target
