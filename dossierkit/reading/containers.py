"""Inspect ZIP-based containers (DOCX, XLSX, ODT, ODS, ZIP) before anything unpacks them.

A zip bomb declares small members that unpack to gigabytes; a container can also hold
hundreds of thousands of members. The central directory tells both without unpacking: the
container is refused before a library opens it.

Then every XML member is read once, streamed in chunks (never whole: Python's ``zipfile``
stops a member at its declared size, which the limits have just bounded), for what no office
suite writes and a few bytes make explode in the library that parses it:

- a DTD or an entity declaration, wherever it stands (a billion-laughs placed after the first
  kilobytes, or in ``_rels/.rels``, is found as well as one at the top);
- a table cell that spans (or a row that skips) more grid columns than any table has:
  python-docx makes one cell object per grid column, and ``gridSpan="2000000000"`` in a
  977-byte DOCX grew by 100 MB a second until the time limit.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

from dossierkit.limits import MB, Limits
from dossierkit.reading.model import ReadError

# Word's tables have 63 columns at most, LibreOffice's a thousand or so.
MAX_GRID_COLUMNS = 1000
_CHUNK = 1 << 16
# Kept from one chunk to the next, so that a declaration cut in two is still seen.
_OVERLAP = 256
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)")
_SPAN = re.compile(
    rb"<(?:[\w.-]+:)?(?:gridSpan|gridBefore|gridAfter)\b[^>]*?val\s*=\s*[\"']\s*\+?(\d+)"
)
_XML_SUFFIXES = (".xml", ".rels", ".vml")


def check_container(path: Path, limits: Limits) -> None:
    """Raise ReadError("too_large") when the container would unpack beyond the limits, and
    ReadError("hostile") when one of its XML members declares entities or absurd spans."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            _check_members(members, limits)
            for member in members:
                if member.filename.lower().endswith(_XML_SUFFIXES) and not member.is_dir():
                    _scan_xml(archive, member)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error) as exc:
        raise ReadError("corrupt", str(exc)) from exc


def _scan_xml(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    tail = b""
    with archive.open(member) as stream:
        while chunk := stream.read(_CHUNK):
            window = tail + chunk
            if _DTD.search(window):
                # Office XML never declares a DTD: one that does is there to expand entities.
                raise ReadError("hostile", f"« {member.filename} » déclare des entités XML")
            for match in _SPAN.finditer(window):
                if int(match.group(1)) > MAX_GRID_COLUMNS:
                    raise ReadError(
                        "hostile",
                        f"« {member.filename} » : une cellule de tableau s'étend sur "
                        f"{int(match.group(1)):,} colonnes".replace(",", "\u202f"),
                    )
            tail = window[-_OVERLAP:]


def _check_members(members: list[zipfile.ZipInfo], limits: Limits) -> None:
    if len(members) > limits.max_entries:
        raise ReadError(
            "too_large", f"{len(members)} fichiers dans l'archive, limite {limits.max_entries}"
        )
    unpacked = sum(m.file_size for m in members)
    if unpacked > limits.max_unpacked_bytes:
        raise ReadError(
            "too_large",
            f"{unpacked // MB} Mo une fois décompressé, limite {limits.max_unpacked_bytes // MB} Mo",
        )
    for member in members:
        # Small members compress well by nature (an empty sheet); only large ones can be bombs.
        if member.file_size > 1024 * 1024 and member.file_size > limits.max_ratio * max(
            member.compress_size, 1
        ):
            raise ReadError(
                "too_large",
                f"« {member.filename} » : taux de compression anormal "
                f"({member.file_size} / {member.compress_size})",
            )
