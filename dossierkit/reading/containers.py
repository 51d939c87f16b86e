"""Inspect ZIP-based containers (DOCX, XLSX, ODT, ODS, ZIP) before anything unpacks them.

A zip bomb declares small members that unpack to gigabytes; a container can also hold
hundreds of thousands of members. The central directory tells both without unpacking: the
container is refused before a library opens it.

Then every member that holds XML, whatever its name (a package's content types can make
``word/contenu.dat`` the document), is read once by expat, streamed in chunks (never whole:
Python's ``zipfile`` stops a member at its declared size, which the limits have just
bounded), for what no office suite writes and a few bytes make explode in the library that
parses it:

- a DTD or an entity declaration, wherever it stands (a billion-laughs placed after the first
  kilobytes, or in ``_rels/.rels``, is found as well as one at the top);
- a table cell that spans (or a row that skips) more grid columns than any table has:
  python-docx makes one cell object per grid column, and ``gridSpan="2000000000"`` in a
  977-byte DOCX grew by 100 MB a second until the time limit.

A parser, not a byte pattern: the value is read as the library will read it, once decoded
(UTF-16, a character reference such as ``&#50;000000000``, full-width digits that ``int``
accepts, a tag padded across two chunks). A member in an encoding expat does not know is
refused too: no office suite writes one, and the library's parser may know it.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path
from xml.parsers import expat

from dossierkit.limits import MB, Limits
from dossierkit.reading.model import ReadError

# Word's tables have 63 columns at most, LibreOffice's a thousand or so.
MAX_GRID_COLUMNS = 1000
_CHUNK = 1 << 16
# WordprocessingML's elements whose ``val`` counts grid columns.
_SPANS = frozenset({"gridSpan", "gridBefore", "gridAfter"})
# How XML can begin (XML 1.0, appendix F): byte order marks, then « < » once the zero bytes
# of UTF-16 and UTF-32 are set aside.
_BOMS = (b"\xef\xbb\xbf", b"\xfe\xff", b"\xff\xfe")
# How UTF-32 and EBCDIC XML begin: expat reads neither, libxml2 may.
_UNREAD_SIGNATURES = (
    b"\x00\x00\xfe\xff",
    b"\xff\xfe\x00\x00",
    b"\x00\x00\x00<",
    b"<\x00\x00\x00",
    b"\x4c\x6f\xa7\x94",
)
_ENCODING_ERRORS = frozenset(
    expat.errors.codes[message]
    for message in (
        expat.errors.XML_ERROR_UNKNOWN_ENCODING,
        expat.errors.XML_ERROR_INCORRECT_ENCODING,
    )
)


def check_container(path: Path, limits: Limits, *, spans: bool = True) -> None:
    """Raise ReadError("too_large") when the container would unpack beyond the limits, and
    ReadError("hostile") when one of its XML members declares entities or (with ``spans``,
    for a Word document: looking at every element costs a workbook of 200 000 cells half a
    second) absurd spans."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            _check_members(members, limits)
            for member in members:
                if not member.is_dir():
                    _scan_member(archive, member, spans)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error) as exc:
        raise ReadError("corrupt", str(exc)) from exc


def _looks_like_xml(head: bytes) -> bool:
    """True when ``head``, a member's first bytes, begins as XML does in any encoding."""
    for bom in _BOMS:
        head = head.removeprefix(bom)
    return head[:256].replace(b"\x00", b"").lstrip().startswith(b"<")


class _Hostile(Exception):
    """Raised from expat's handlers: what the member declares, in French."""


def _refuse_dtd(*_: object) -> None:
    # Office XML never declares a DTD: one that does is there to expand entities.
    raise _Hostile(" déclare des entités XML")


def _span(name: str, attributes: dict[str, str]) -> None:
    if name.rpartition(":")[2] not in _SPANS:
        return
    for key, value in attributes.items():
        if key.rpartition(":")[2] != "val":
            continue
        try:
            columns = int(value)  # as python-docx reads it: full-width digits included
        except ValueError:
            continue
        if columns > MAX_GRID_COLUMNS:
            raise _Hostile(
                f"\u00a0: une cellule de tableau s'étend sur {columns:,} colonnes".replace(
                    ",", "\u202f"
                )
            )


def _scan_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo, spans: bool) -> None:
    """Parse ``member`` with expat when it holds XML; a member that is not well-formed is
    left to its library, which stops at the same place (its own finding, F003)."""
    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = _refuse_dtd
    parser.EntityDeclHandler = _refuse_dtd
    if spans:
        parser.StartElementHandler = _span
    with archive.open(member) as stream:
        chunk = stream.read(_CHUNK)
        if chunk.startswith(_UNREAD_SIGNATURES):
            raise ReadError("hostile", _encoding(member))
        if not _looks_like_xml(chunk):
            return
        while True:
            if not _parse(parser, chunk, member) or not chunk:
                return
            chunk = stream.read(_CHUNK)


def _parse(parser: expat.XMLParserType, chunk: bytes, member: zipfile.ZipInfo) -> bool:
    """Feed ``chunk`` to ``parser`` (the end of the member when empty); False when the
    member is not well-formed XML, which ends its scan."""
    try:
        parser.Parse(chunk, not chunk)
    except _Hostile as exc:
        raise ReadError("hostile", f"« {member.filename} »{exc}") from exc
    except expat.ExpatError as exc:
        if exc.code in _ENCODING_ERRORS:
            raise ReadError("hostile", _encoding(member)) from exc
        return False
    except (ValueError, LookupError) as exc:  # a multi-byte or unknown encoding declared
        raise ReadError("hostile", _encoding(member)) from exc
    return True


def _encoding(member: zipfile.ZipInfo) -> str:
    return (
        f"« {member.filename} » est écrit dans un encodage de caractères qu'aucune suite "
        "bureautique n'emploie"
    )


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
