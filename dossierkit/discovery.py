"""Walk a dossier folder and list every entry, deciding which ones are files to read.

Clutter that operating systems and office suites leave behind is set aside without a
finding, but still listed in the report: nothing disappears silently. Links are never
followed out of the dossier.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from dossierkit.text import display_path

CLUTTER_NAMES = frozenset({".ds_store", "thumbs.db", "ehthumbs.db", "desktop.ini", "icon\r"})
CLUTTER_DIRS = frozenset({"__macosx", "$recycle.bin", "system volume information"})
MANIFEST_NAMES = ("dossier.yaml", "dossier.yml", "dossier.json")


@dataclass(frozen=True)
class Entry:
    """One entry of the dossier. ``status`` is ``file`` for a regular file to read,
    ``manifest`` for dossier.yaml, or why it is set aside."""

    rel: str
    path: Path
    status: str
    size: int | None = None


# Notes to the applicant (the LISEZMOI.txt that ``dossierkit init`` writes) are not pieces.
_NOTES = re.compile(r"^(lisez[- ]?moi|readme)[^/]*\.(txt|md)$", re.IGNORECASE)


def is_clutter(name: str) -> bool:
    """Lock files, thumbnails, hidden files, read-me notes: never pieces of a dossier."""
    lower = name.lower()
    return lower in CLUTTER_NAMES or name.startswith((".", "~")) or bool(_NOTES.match(name))


def _classify_entry(root: Path, path: Path, rel: str) -> Entry:
    try:
        info = path.lstat()
    except OSError:
        return Entry(rel, path, "unreadable")
    if stat.S_ISLNK(info.st_mode):
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            return Entry(rel, path, "link_outside")
        if not target.is_relative_to(root) or not target.is_file():
            return Entry(rel, path, "link_outside")
        info = target.stat()
    elif not stat.S_ISREG(info.st_mode):
        return Entry(rel, path, "not_a_file")
    if not os.access(path, os.R_OK):
        return Entry(rel, path, "unreadable", info.st_size)
    return Entry(rel, path, "file", info.st_size)


def walk(root: Path) -> list[Entry]:
    """Every entry under ``root``, in a stable order (by relative path)."""
    root = root.resolve()
    entries: list[Entry] = []

    def unreadable_dir(error: OSError) -> None:
        where = Path(error.filename or root)
        rel = display_path(str(where.relative_to(root))) if where != root else "."
        entries.append(Entry(rel + "/", where, "unreadable"))

    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable_dir, followlinks=False):
        current = Path(dirpath)
        kept = []
        for name in sorted(dirnames):
            sub = current / name
            rel = display_path(str(sub.relative_to(root)))
            if name.lower() in CLUTTER_DIRS or name.startswith("."):
                entries.append(Entry(rel + "/", sub, "clutter"))
            elif sub.is_symlink():
                target = sub.resolve()
                if not target.is_relative_to(root):
                    entries.append(Entry(rel + "/", sub, "link_outside"))
            else:
                kept.append(name)
        dirnames[:] = kept
        for name in sorted(filenames):
            path = current / name
            rel = display_path(str(path.relative_to(root)))
            if is_clutter(name):
                entries.append(Entry(rel, path, "clutter"))
            elif current == root and name.lower() in MANIFEST_NAMES:
                entries.append(Entry(rel, path, "manifest"))
            else:
                entries.append(_classify_entry(root, path, rel))
    return sorted(entries, key=lambda e: e.rel)
