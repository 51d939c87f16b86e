"""Walk a dossier folder and list every entry, deciding which ones are files to read.

Clutter that operating systems and office suites leave behind is set aside without a
finding, but still listed in the report: nothing disappears silently. Links are never
followed out of the dossier; a link to a folder of the dossier is listed, not walked (the
folder is read where it is).

Names are a stranger's input too. Each entry's ``rel`` is its name as every report shows it
(``shown_name``): a name with a newline, an escape sequence or a right-to-left override
cannot forge a line of the report or repaint the terminal, and bytes that are not UTF-8 keep
their value, and a character that shows as nothing (a zero-width space, a soft hyphen) is
shown, so that « RIB.pdf » and « R\u200bIB.pdf » never look alike. The form is reversible
(``raw_name`` gives back the exact bytes), so two files never show under one name; the
entry's ``raw_rel`` keeps the path as the file system names it, for whatever opens or copies
the file.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path

CLUTTER_NAMES = frozenset({".ds_store", "thumbs.db", "ehthumbs.db", "desktop.ini", "icon\r"})
CLUTTER_DIRS = frozenset({"__macosx", "$recycle.bin", "system volume information"})
# Shortcuts to a file, not the file: Windows' « Raccourci vers Budget.lnk » and « .url », the
# Mac's « .webloc ». Zipped from a desktop, they sit beside the pieces they point to.
SHORTCUT_SUFFIXES = (".lnk", ".url", ".webloc")
MANIFEST_NAMES = ("dossier.yaml", "dossier.yml", "dossier.json")


@dataclass(frozen=True)
class Entry:
    """One entry of the dossier. ``status`` is ``file`` for a regular file to read,
    ``manifest`` for dossier.yaml, or why it is set aside.

    ``rel`` is for people (reports, messages, the keys findings use): the relative path as
    ``shown_name`` escapes it. ``raw_rel`` is for the file system: the same path as ``os``
    names it (bytes that are not UTF-8 as surrogates), to copy, unpack or link the file
    under its own name; ``raw_name(rel) == raw_rel``. Without it, ``rel`` is taken as the
    raw path (an entry made by hand from a name that was never escaped)."""

    rel: str
    path: Path
    status: str
    size: int | None = None
    raw_rel: str = ""

    def __post_init__(self) -> None:
        if not self.raw_rel:
            object.__setattr__(self, "raw_rel", self.rel)


# Notes to the applicant (the LISEZMOI.txt that ``dossierkit init`` writes) are not pieces.
_NOTES = re.compile(r"^(lisez[- ]?moi|readme)[^/]*\.(txt|md)$", re.IGNORECASE)

# What shows as nothing, or acts instead of showing, in a terminal or a page: controls
# (C0, C1, DEL), formats (zero-width spaces and joiners, the soft hyphen, word joiners, the
# byte order mark, bidirectional marks, overrides and isolates), surrogates (the bytes that
# are not UTF-8), private-use and unassigned code points, the line and paragraph separators.
# The no-break spaces (Zs) are not there: French typography puts them in every message.
_HIDDEN = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
_ESCAPE = re.compile(r"\\(\\|x[0-9a-f]{2}|u[0-9a-f]{4}|U[0-9a-f]{8})")


def _code(char: str) -> str:
    code = ord(char)
    if code < 0x80:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def visible_text(text: str) -> str:
    """``text`` with every character that shows as nothing or that a terminal acts on (a
    line break, an escape, a zero-width space, a right-to-left override) written as
    ``\\xNN`` (below 0x80), ``\\uNNNN`` or ``\\UNNNNNNNN``; every other character as it
    is. For names (``shown_name``) and for any text a report prints."""
    if text.isprintable():  # most strings: no character of those categories, nor of Zs
        return text
    return "".join(_code(c) if unicodedata.category(c) in _HIDDEN else c for c in text)


# Spaces shown as they are: the space, and the no-break spaces French text puts before « : »
# and inside « » (names copied from a title keep them). Any other space (U+2007 figure space,
# U+3000 ideographic space…) looks like one of these but names another file: shown as its code.
_PLAIN_SPACES = frozenset(" \u00a0\u202f")


def _shown_char(char: str) -> str:
    if char == "\\":
        return "\\\\"
    if "\udc80" <= char <= "\udcff":  # a byte that is not UTF-8, as os.fsdecode keeps it
        return f"\\x{ord(char) - 0xDC00:02x}"
    category = unicodedata.category(char)
    if category in _HIDDEN or (category == "Zs" and char not in _PLAIN_SPACES):
        return _code(char)
    return char


def shown_name(raw: str) -> str:
    """``raw`` (a path as ``os`` gives it, bytes that are not UTF-8 as surrogates) as reports
    show it: as ``visible_text`` does, and a byte that is not UTF-8 as ``\\xNN`` (0x80 and
    above), a backslash doubled, so that two names never show as one."""
    if raw.isprintable() and "\\" not in raw:
        return raw
    return "".join(map(_shown_char, raw))


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


def name_key(name: str) -> str:
    """What a person means by a file name, to find the file a dossier.yaml names: the name
    the file system has (``raw_name`` of a shown one) in composed Unicode (a Mac writes « é »
    as « e » and an accent, a keyboard types it as one character), without the characters
    that show as nothing (a zero-width space pasted with a copied name), any space as a
    space, and case folded (Windows, where most dossiers are made, does not tell « RIB.pdf »
    from « rib.pdf »). Reports keep the exact names; only the match is this lenient."""
    composed = unicodedata.normalize("NFC", raw_name(name))
    kept = (
        " " if unicodedata.category(c) == "Zs" else c
        for c in composed
        if unicodedata.category(c) not in ("Cf", "Cc")
    )
    parts = (" ".join(part.split()) for part in "".join(kept).split("/"))
    return "/".join(parts).casefold()


def is_clutter(name: str) -> bool:
    """Lock files, thumbnails, hidden files, read-me notes, shortcuts: never pieces of a
    dossier."""
    lower = name.lower()
    return (
        lower in CLUTTER_NAMES
        or lower.endswith(SHORTCUT_SUFFIXES)
        or name.startswith((".", "~"))
        or bool(_NOTES.match(name))
    )


def _entry(raw: str, path: Path, status: str, size: int | None = None) -> Entry:
    """The entry of ``path``, whose path relative to the dossier is ``raw`` (a folder's
    ending with « / »)."""
    return Entry(shown_name(raw), path, status, size, raw)


def _classify_entry(root: Path, path: Path, raw: str) -> Entry:
    try:
        info = path.lstat()
    except OSError:
        return _entry(raw, path, "unreadable")
    if stat.S_ISLNK(info.st_mode):
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            return _entry(raw, path, "link_outside")
        if not target.is_relative_to(root) or not target.is_file():
            return _entry(raw, path, "link_outside")
        info = target.stat()
    elif not stat.S_ISREG(info.st_mode):
        return _entry(raw, path, "not_a_file")
    if not os.access(path, os.R_OK):
        return _entry(raw, path, "unreadable", info.st_size)
    return _entry(raw, path, "file", info.st_size)


def walk(root: Path) -> list[Entry]:
    """Every entry under ``root``, in a stable order (by relative path as shown)."""
    root = root.resolve()
    entries: list[Entry] = []

    def unreadable_dir(error: OSError) -> None:
        where = Path(error.filename or root)
        raw = str(where.relative_to(root)) + "/" if where != root else "./"
        entries.append(_entry(raw, where, "unreadable"))

    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable_dir, followlinks=False):
        current = Path(dirpath)
        kept = []
        for name in sorted(dirnames):
            sub = current / name
            raw = str(sub.relative_to(root)) + "/"
            if name.lower() in CLUTTER_DIRS or name.startswith("."):
                entries.append(_entry(raw, sub, "clutter"))
            elif sub.is_symlink():
                inside = sub.resolve().is_relative_to(root)
                entries.append(_entry(raw, sub, "link_inside" if inside else "link_outside"))
            else:
                kept.append(name)
        dirnames[:] = kept
        for name in sorted(filenames):
            path = current / name
            raw = str(path.relative_to(root))
            if is_clutter(name):
                entries.append(_entry(raw, path, "clutter"))
            elif current == root and name.lower() in MANIFEST_NAMES:
                entries.append(_entry(raw, path, "manifest"))
            else:
                entries.append(_classify_entry(root, path, raw))
    return sorted(entries, key=lambda e: e.rel)
