"""Hard limits on what dossierkit reads: a stranger's file cannot exhaust the machine.

Each limit has a safe default and a ``verify`` option to change it. A file over a limit is not
read: it gets a finding that names it and the limit, and the rest of the dossier is checked.

The options are described here, beside the limits, in each field's metadata (``limit_options``):
the CLI generates them from this record, so that a new limit is one field and cannot be
forgotten on the command line, and the option's unit (MB, not bytes) is converted in one place.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

MB = 1024 * 1024


@dataclass(frozen=True)
class LimitOption:
    """How one limit is written on the command line.

    ``unit`` is what one unit of the option is worth in the field's unit (``MB`` for an
    option in megabytes of a field in bytes); ``help`` is the option's French help.
    """

    flag: str
    help: str
    unit: int = 1


def _option(flag: str, help: str, unit: int = 1) -> dict[str, LimitOption]:
    return {"option": LimitOption(flag, help, unit)}


@dataclass(frozen=True)
class Limits:
    """What one file may cost to read."""

    # a dossier's piece is a few MB; a scan of 100 pages, 50
    max_file_bytes: int = field(
        default=200 * MB,
        metadata=_option("--max-file-mb", "Taille maximale d'un fichier lu (Mo).", MB),
    )
    max_pdf_pages: int = field(
        default=2000, metadata=_option("--max-pages", "Nombre maximal de pages d'un PDF.")
    )
    # 15 000 × 12 000: a 600 dpi A3 scan fits
    max_image_pixels: int = field(
        default=180_000_000,
        metadata=_option("--max-pixels", "Nombre maximal de pixels d'une image."),
    )
    # DOCX/XLSX/ODT/ODS/ZIP: what their members unpack to
    max_unpacked_bytes: int = field(
        default=500 * MB,
        metadata=_option(
            "--max-unpacked-mb",
            "Taille maximale, décompressée, d'un DOCX, XLSX, ODT ou ODS (Mo).",
            MB,
        ),
    )
    # members of a container
    max_entries: int = field(
        default=10_000,
        metadata=_option(
            "--max-entries", "Nombre maximal de fichiers dans un DOCX, XLSX, ODT ou ODS."
        ),
    )
    # unpacked ÷ packed size of one member: zip bombs go far beyond
    max_ratio: int = field(
        default=200,
        metadata=_option(
            "--max-ratio",
            "Taux de compression maximal d'un membre d'archive (anti « bombe zip »).",
        ),
    )
    # what one reader process (and each program it runs: Tesseract, LibreOffice) may map: a
    # file that would take more is refused (F007) instead of taking the machine down. It caps
    # address space (RLIMIT_AS), not resident memory, beyond what a reader inherits from the
    # process that forked it, counted up to workers.INHERITED_CEILING (workers.limit_memory);
    # measured, 256 MB are enough for Tesseract reading an A4 page at 300 dpi and 1 GB for
    # LibreOffice converting a document.
    max_memory_bytes: int = field(
        default=1024 * MB,
        metadata=_option(
            "--max-memory-mb",
            "Mémoire maximale d'un processus de lecture, OCR et LibreOffice compris (Mo).",
            MB,
        ),
    )
    # reading (OCR included) of one file
    seconds_per_file: float = field(
        default=120.0,
        metadata=_option("--timeout", "Durée maximale de lecture d'un fichier (secondes)."),
    )

    @classmethod
    def from_options(cls, values: Mapping[str, int | float]) -> Limits:
        """The limits given as option values (in the options' units), keyed by field name;
        a field left out keeps its default."""
        defaults = cls()
        # Any: each value is cast below to its own field's type (int or float).
        given: dict[str, Any] = {}
        for name, option, _ in limit_options():
            if name in values:
                given[name] = type(getattr(defaults, name))(values[name] * option.unit)
        return replace(defaults, **given)


def limit_options() -> tuple[tuple[str, LimitOption, int | float], ...]:
    """Each limit that has an option: field name, option, default in the option's unit."""
    return tuple(
        (f.name, f.metadata["option"], _in_unit(f.default, f.metadata["option"].unit))
        for f in fields(Limits)
        if "option" in f.metadata
    )


def _in_unit(value: object, unit: int) -> int | float:
    if isinstance(value, int):
        return value // unit
    if isinstance(value, float):
        return value / unit
    raise TypeError(f"a limit is a number, not {value!r}")


DEFAULT_LIMITS = Limits()
