"""The tabular export (CSV, XLSX, ODS): one row per dossier, keyed by its number.

A platform's table holds what its form does not print the same way: the deposit date with
its zone, the state, the company and association fields it fetched from the SIRET. The
file is read through ``reading`` like any file, in a reader process; a workbook's other sheets (Démarches
Simplifiées puts the establishment in « Etablissements ») add their columns to the row of
the dossier they name.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from dossierkit.limits import DEFAULT_LIMITS, MB, Limits
from dossierkit.reading import ReadError, read_document
from dossierkit.reading.model import CellValue, Table
from dossierkit.reading.sniff import sniff
from dossierkit.text import fold
from dossierkit.triage.platforms.mapping import Mapping
from dossierkit.workers import RAISED, TIMEOUT, Done, Failed, limit_memory, supervise

Row = dict[str, CellValue]


@dataclass(frozen=True)
class TableRows:
    """The rows of a tabular export by dossier number, and what could not be read."""

    path: Path | None
    rows: dict[str, Row]
    problem: str | None = None  # French: why the file gave no rows


def _records(table: Table) -> list[Row]:
    if not table.rows:
        return []
    header = [None if h is None else str(h).strip() for h in table.rows[0]]
    return [
        {h: v for h, v in zip(header, row, strict=False) if h}
        for row in table.rows[1:]
        if any(v is not None for v in row)
    ]


def _reference(value: CellValue) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    # A number cell read back as Decimal (« 20480123 » or « 20480123.0 »).
    return text[:-2] if text.endswith(".0") else text or None


def _pick(tables: tuple[Table, ...], sheet: str | None) -> Table | None:
    if not tables:
        return None
    if sheet is None or len(tables) == 1:
        return tables[0]
    return next((t for t in tables if fold(t.name) == fold(sheet)), tables[0])


# A platform's table of a few thousand dossiers is a few megabytes.
MAX_CSV_BYTES = 64 << 20


def _csv_table(path: Path) -> Table:
    """A platform's CSV: its addresses hold line breaks inside quotes, so the separator is
    told from the header line alone (``reading.csvfile`` guesses it from whole lines, which
    such a field cuts)."""
    from dossierkit.reading.csvfile import decode_text

    if path.stat().st_size > MAX_CSV_BYTES:
        raise ReadError("too_large", f"plus de {MAX_CSV_BYTES >> 20} Mo")
    text = decode_text(path.read_bytes())
    header = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=header.count)
    rows = tuple(
        tuple(cell.strip() or None for cell in row)
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    )
    return Table(name=path.name, rows=rows)


def _tables(path: Path, limits: Limits) -> tuple[Table, ...] | str:
    """The tables of the file at ``path``, or why it cannot be read (French). Run in a
    reader process."""
    try:
        kind = sniff(path)
        if kind == "csv":
            return (_csv_table(path),)
        return read_document(path, kind, limits).tables
    except ReadError as exc:
        return exc.detail or exc.problem
    except (OSError, csv.Error) as exc:
        return str(exc)


def _failure(failed: Failed, limits: Limits) -> str:
    if failed.why == TIMEOUT:
        return f"lecture interrompue après {limits.seconds_per_file:.0f} s"
    if failed.why == RAISED and failed.error == "MemoryError":
        return f"mémoire nécessaire au-delà de {limits.max_memory_bytes // MB} Mo"
    if failed.why == RAISED:
        return f"{failed.error} : {failed.message}"
    return f"le lecteur s'est arrêté (code de sortie {failed.exitcode})"


def read_rows(path: Path, mapping: Mapping, limits: Limits = DEFAULT_LIMITS) -> TableRows:
    """The rows of the export table at ``path`` by dossier number. The file is read as a
    dossier's files are, in a reader process under ``limits``: a table that hangs or
    crashes its reader, or would fill the memory, is a table that could not be read."""
    column = mapping.reference_column
    assert column is not None
    (result,) = supervise(
        _tables,
        [(path, limits)],
        workers=1,
        timeout=limits.seconds_per_file,
        initializer=limit_memory,
        initargs=(limits.max_memory_bytes,),
    )
    found = result.value if isinstance(result, Done) else _failure(result, limits)
    if isinstance(found, str):
        return TableRows(path, {}, f"illisible ({found})")
    tables = found
    main = _pick(tables, mapping.sheet)
    rows: dict[str, Row] = {}
    for record in _records(main) if main is not None else []:
        if (reference := _reference(record.get(column))) is not None:
            rows[reference] = dict(record)
    if main is not None and rows == {} and _records(main):
        return TableRows(path, {}, f"pas de colonne « {column} »")
    for sheet, key in mapping.extra_sheets:
        table = next((t for t in tables if fold(t.name) == fold(sheet)), None)
        for record in _records(table) if table is not None else []:
            reference = _reference(record.get(key))
            if reference in rows:
                # The dossier's own columns win; the annex only adds what it lacks.
                for label, value in record.items():
                    rows[reference].setdefault(label, value)
    return TableRows(path, rows)


def find_table(folder: Path, mapping: Mapping) -> Path | None:
    """The newest export table in ``folder`` (by the time in its name, then by mtime)."""
    if mapping.table is None or mapping.reference_column is None:
        return None
    found = [
        p
        for p in folder.iterdir()
        if p.is_file() and not p.is_symlink() and mapping.table.match(p.name)
    ]
    # CSV first among tables of the same time: it carries the establishment's columns.
    order = {".csv": 0, ".xlsx": 1, ".ods": 2}
    found.sort(key=lambda p: (p.stem, -order.get(p.suffix.lower(), 3)))
    return found[-1] if found else None
