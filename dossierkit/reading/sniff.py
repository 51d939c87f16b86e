"""Tell a file's real type from its bytes, not from its name.

Applicants rename files ("budget.pdf" that is a Word document, "scan.jpg" that is a PNG).
Office formats are ZIP or OLE2 containers; their type is told by the members they hold.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

# Extension → the type name used everywhere else.
EXTENSION_TYPES = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".docm": "docm",
    ".dotx": "docx",
    ".xlsx": "xlsx",
    ".xlsm": "xlsm",
    ".odt": "odt",
    ".ods": "ods",
    ".csv": "csv",
    ".txt": "txt",
    ".jpg": "jpeg",
    ".jpeg": "jpeg",
    ".png": "png",
    ".tif": "tiff",
    ".tiff": "tiff",
    ".heic": "heic",
    ".heif": "heic",
    ".gif": "gif",
    ".bmp": "bmp",
    ".webp": "webp",
    ".doc": "doc",
    ".xls": "xls",
    ".ppt": "ppt",
    ".pptx": "pptx",
    ".odp": "odp",
    ".zip": "zip",
    ".rtf": "rtf",
    ".html": "html",
    ".htm": "html",
    ".eml": "eml",
    ".msg": "ole",
    ".pages": "zip",
    ".numbers": "zip",
    ".7z": "7z",
    ".rar": "rar",
}

_MAGIC = (
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"BM", "bmp"),
    (b"{\\rtf", "rtf"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"Rar!", "rar"),
)

_ODF_MIMETYPES = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
}


def type_from_extension(path: Path) -> str | None:
    """The type a file's name claims, or None for an unknown extension."""
    return EXTENSION_TYPES.get(path.suffix.lower())


def _zip_type(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                # Its first bytes only: a ``mimetype`` member can be a zip bomb of its own,
                # and type detection runs before any limit is checked.
                with archive.open("mimetype") as member:
                    head = member.read(100).split(b"\0")[0]
                mimetype = head.decode("ascii", "replace").strip()
                return _ODF_MIMETYPES.get(mimetype, "zip")
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error):
        return "zip-corrupt"
    has_macros = any(n.endswith("vbaProject.bin") for n in names)
    if "word/document.xml" in names:
        return "docm" if has_macros else "docx"
    if "xl/workbook.xml" in names:
        return "xlsm" if has_macros else "xlsx"
    if "ppt/presentation.xml" in names:
        return "pptx"
    return "zip"


def _ole_type(head: bytes, path: Path) -> str:
    # An encrypted OOXML file (Word/Excel "protect with password") is an OLE2 container
    # holding an "EncryptedPackage" stream; plain OLE2 is a legacy .doc/.xls.
    with path.open("rb") as fh:
        blob = fh.read(1 << 20)
    if "EncryptedPackage".encode("utf-16-le") in blob:
        return "office-encrypted"
    if "WordDocument".encode("utf-16-le") in blob:
        return "doc"
    if "Workbook".encode("utf-16-le") in blob or "Book".encode("utf-16-le") in blob:
        return "xls"
    return "ole"


def _text_type(head: bytes) -> str:
    if b"\x00" in head:
        return "unknown"
    try:
        sample = head.decode("utf-8")
    except UnicodeDecodeError:
        sample = head.decode("cp1252", "replace")
    lines = [line for line in sample.splitlines()[:10] if line.strip()]
    if not lines:
        return "txt"
    lower = sample.lstrip().lower()
    if lower.startswith(("<!doctype html", "<html")):
        return "html"
    for sep in (";", ",", "\t"):
        counts = [line.count(sep) for line in lines]
        if len(lines) >= 2 and min(counts) >= 1 and max(counts) - min(counts) <= 2:
            return "csv"
    return "txt"


def _is_pdf(head: bytes) -> bool:
    # Readers accept junk before the header (a BOM, binary bytes from a mail gateway) within
    # the first KiB; plain text before it is a text file that quotes "%PDF-".
    offset = head.find(b"%PDF-", 0, 1024)
    if offset < 0:
        return False
    prefix = head[:offset].strip(b"\xef\xbb\xbf \t\r\n\0")
    return not prefix or any(b < 0x09 or 0x0E <= b < 0x20 for b in prefix)


def sniff(path: Path) -> str:
    """The type of the file at ``path``, told from its first bytes (and members)."""
    with path.open("rb") as fh:
        head = fh.read(4096)
    if not head:
        return "empty"
    if head.startswith(b"%PDF-"):
        return "pdf"
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    if head[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftyphevc"):
        return "heic"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_type(path)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return _ole_type(head, path)
    if _is_pdf(head):
        return "pdf"
    detected = _text_type(head)
    if detected == "txt" and path.suffix.lower() == ".csv":
        return "csv"  # a one-column CSV has no separator to see
    return detected
