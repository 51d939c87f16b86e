"""Inspect ZIP-based containers (DOCX, XLSX, ODT, ODS, ZIP) before anything unpacks them.

A zip bomb declares small members that unpack to gigabytes; a container can also hold
hundreds of thousands of members. The central directory tells both without unpacking: the
container is refused before a library opens it.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from dossierkit.limits import MB, Limits
from dossierkit.reading.model import ReadError


def check_container(path: Path, limits: Limits) -> None:
    """Raise ReadError("too_large") when the container would unpack beyond the limits."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            _check_members(members, limits)
            # Office XML never declares a DTD: one that does is there to expand entities.
            for member in members:
                if (
                    member.filename.endswith(".xml")
                    and member.file_size < limits.max_unpacked_bytes
                ):
                    with archive.open(member) as stream:
                        head = stream.read(4096)
                    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                        raise ReadError("hostile", f"« {member.filename} » déclare des entités XML")
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error) as exc:
        raise ReadError("corrupt", str(exc)) from exc


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
