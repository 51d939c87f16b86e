"""Locate the files dossierkit ships beside its code: schemas, templates, calls, data.

In a wheel, ``schemas/`` and ``templates/`` are copied inside the package; in a source
checkout (editable install, tests) they stay at the top of the repository. Looking in both
places keeps one layout for the Région's editors and one import path for the code.
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import Any

PACKAGE_DIR = Path(__file__).resolve().parent
# The folder of dossierkit's caches (OCR results, validated call files), when set; the user's
# cache folder otherwise. Tests point it at a temporary folder.
CACHE_DIR_VARIABLE = "DOSSIERKIT_CACHE_DIR"


def _top_level(name: str) -> Path:
    inside = PACKAGE_DIR / name
    if inside.is_dir():
        return inside
    return PACKAGE_DIR.parent / name


def schema_path(name: str) -> Path:
    """Path of a JSON Schema shipped in ``schemas/``."""
    return _top_level("schemas") / name


@cache
def load_schema(name: str) -> dict[str, Any]:
    """Parsed JSON Schema, read once per process."""
    with schema_path(name).open(encoding="utf-8") as fh:
        schema: dict[str, Any] = json.load(fh)
    return schema


def load_yaml(text: str) -> Any:
    """``text`` parsed as YAML by libyaml when PyYAML was built with it (the call, its
    lexicon and its rules load in about 20 ms instead of 300 ms, at every start of the
    command), else by the pure-Python parser; both accept the same safe subset and raise
    ``yaml.YAMLError``."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)


def templates_dir() -> Path:
    """Folder of the document templates the Région may edit."""
    return _top_level("templates")


def calls_dir() -> Path:
    """Folder of the bundled call files."""
    return PACKAGE_DIR / "calls"


def data_path(name: str) -> Path:
    """Path of a reference data file shipped in ``dossierkit/data``."""
    return PACKAGE_DIR / "data" / name


def cache_folder() -> Path:
    """``DOSSIERKIT_CACHE_DIR`` when set, else the user's cache folder for dossierkit."""
    explicit = os.environ.get(CACHE_DIR_VARIABLE)
    if explicit:
        return Path(explicit)
    import platformdirs

    return Path(platformdirs.user_cache_dir("dossierkit"))
