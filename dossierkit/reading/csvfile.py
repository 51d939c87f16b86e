"""Read CSV files as French spreadsheets export them.

French Excel writes Windows-1252 with ``;`` and a decimal comma; LibreOffice and web tools
write UTF-8 (often with a BOM) and ``,``. Amounts stay text here: the budget reader parses
them, because ``1,5`` is a number in one export and two fields in another.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from dossierkit.reading.model import Document, ReadError, Table


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM) when it decodes, else Windows-1252."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def _delimiter(sample: str) -> str:
    lines = [line for line in sample.splitlines()[:20] if line.strip()]
    best, best_score = ";", -1
    for sep in (";", ",", "\t", "|"):
        counts = [line.count(sep) for line in lines]
        if not counts or min(counts) == 0:
            continue
        score = min(counts) * 10 - (max(counts) - min(counts))
        if score > best_score:
            best, best_score = sep, score
    return best


def read_csv(path: Path) -> Document:
    """One table of text cells."""
    try:
        text = decode_text(path.read_bytes())
    except OSError as exc:
        raise ReadError("corrupt", str(exc)) from exc
    try:
        rows = [
            tuple(cell.strip() or None for cell in row)
            for row in csv.reader(io.StringIO(text), delimiter=_delimiter(text))
        ]
    except csv.Error as exc:
        raise ReadError("corrupt", str(exc)) from exc
    # Blank rows are kept so that row n of the table is line n of the file, as cited.
    while rows and all(v is None for v in rows[-1]):
        rows.pop()
    width = max((len(r) for r in rows), default=0)
    table = Table(name=path.name, rows=tuple(r + (None,) * (width - len(r)) for r in rows))
    return Document(type="csv", tables=(table,) if rows else ())


def read_txt(path: Path) -> Document:
    """Plain text, kept as paragraphs."""
    text = decode_text(path.read_bytes())
    from dossierkit.reading.model import Paragraph

    return Document(
        type="txt",
        paragraphs=tuple(Paragraph(line.strip()) for line in text.splitlines() if line.strip()),
    )
