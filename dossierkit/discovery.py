"""Walk a dossier folder and list every entry, deciding which ones are files to read.

Clutter that operating systems and office suites leave behind is set aside without a
finding, but still listed in the report: nothing disappears silently. Links are never
followed out of the dossier; a link to a folder of the dossier is listed, not walked (the
folder is read where it is).

Names are a stranger's input too. Each entry's ``rel`` is its name as every report shows it
(``shown_name``): a name with a newline, an escape sequence or a right-to-left override
cannot forge a line of the report or repaint the terminal, and bytes that are not UTF-8 keep
their value. The form is reversible (``raw_name`` gives back the exact bytes), so two files
never show under one name.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

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

# What a name cannot show as it is: C0 and C1 controls and DEL (a terminal acts on them),
# bidirectional marks, overrides and isolates and the line and paragraph separators (they
# reorder or break a line), the backslash (the escape character itself), and the surrogates
# that stand for bytes that are not UTF-8.
_UNSAFE = re.compile(
    "[\\\\\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\udc80-\udcff]"
)
_ESCAPE = re.compile(r"\\(\\|x[0-9a-f]{2}|u[0-9a-f]{4})")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    if match.group() == "\\":
        return "\\\\"
    if 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8, as os.fsdecode keeps it
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x80 else f"\\u{code:04x}"


def shown_name(raw: str) -> str:
    """``raw`` (a path as ``os`` gives it, bytes that are not UTF-8 as surrogates) as reports
    show it: a control or reordering character as ``\\xNN`` (below 0x80) or ``\\uNNNN``, a
    byte that is not UTF-8 as ``\\xNN`` (0x80 and above), a backslash doubled; every other
    character as it is."""
    return _UNSAFE.sub(_escaped, raw)


def raw_name(shown: str) -> str:
    """The name that ``shown_name`` showed as ``shown``: ``os.fsencode`` of it gives the
    exact bytes."""

    def back(match: re.Match[str]) -> str:
        token = match.group(1)
        if token == "\\":
            return token
        code = int(token[1:], 16)
        return chr(0xDC00 + code) if token[0] == "x" and code >= 0x80 else chr(code)

    return _ESCAPE.sub(back, shown)


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
        rel = shown_name(str(where.relative_to(root))) if where != root else "."
        entries.append(Entry(rel + "/", where, "unreadable"))

    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable_dir, followlinks=False):
        current = Path(dirpath)
        kept = []
        for name in sorted(dirnames):
            sub = current / name
            rel = shown_name(str(sub.relative_to(root)))
            if name.lower() in CLUTTER_DIRS or name.startswith("."):
                entries.append(Entry(rel + "/", sub, "clutter"))
            elif sub.is_symlink():
                inside = sub.resolve().is_relative_to(root)
                entries.append(Entry(rel + "/", sub, "link_inside" if inside else "link_outside"))
            else:
                kept.append(name)
        dirnames[:] = kept
        for name in sorted(filenames):
            path = current / name
            rel = shown_name(str(path.relative_to(root)))
            if is_clutter(name):
                entries.append(Entry(rel, path, "clutter"))
            elif current == root and name.lower() in MANIFEST_NAMES:
                entries.append(Entry(rel, path, "manifest"))
            else:
                entries.append(_classify_entry(root, path, rel))
    return sorted(entries, key=lambda e: e.rel)
