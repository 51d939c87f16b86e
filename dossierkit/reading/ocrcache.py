"""The cache of OCR results: a page is read once, then found again by its file's content.

OCR is the one slow stage of a verification (one to three seconds a page); a dossier is
checked again and again while it is being prepared, mostly unchanged. Each page read is kept
as a small JSON file named after the file's SHA-256, the page number and the engine (the
Tesseract version, its languages and the way dossierkit prepares pages), so that a changed
file, a new Tesseract or a new dossierkit reads the page again, and nothing else does.

The folder is the user's cache folder (``platformdirs``), or ``DOSSIERKIT_CACHE_DIR`` when
set (tests point it at a temporary folder). Files are written atomically (a temporary file
renamed over the final name), so that two verifications at once never read half a file. A
cache that cannot be read or written only costs the time of reading the page again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

CACHE_DIR_VARIABLE = "DOSSIERKIT_CACHE_DIR"


def default_folder() -> Path:
    """``DOSSIERKIT_CACHE_DIR`` when set, else the user's cache folder for dossierkit."""
    explicit = os.environ.get(CACHE_DIR_VARIABLE)
    if explicit:
        return Path(explicit)
    import platformdirs

    return Path(platformdirs.user_cache_dir("dossierkit"))


class OcrCache:
    """Pages read by OCR, by file content, page number and engine."""

    def __init__(self, folder: Path, engine: str) -> None:
        self.folder = folder / "ocr"
        # The engine's description is long; its digest names the files.
        self.engine = hashlib.sha256(engine.encode("utf-8")).hexdigest()[:16]

    def _path(self, sha256: str, page: int) -> Path:
        return self.folder / sha256[:2] / f"{sha256}-p{page}-{self.engine}.json"

    def get(self, sha256: str, page: int) -> dict[str, Any] | None:
        """The stored result of this page, or None when there is none (or it is unreadable)."""
        try:
            data = json.loads(self._path(sha256, page).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def put(self, sha256: str, page: int, data: dict[str, Any]) -> None:
        """Store the result of this page; a cache that cannot be written is skipped."""
        path = self._path(sha256, page)
        written: Path | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            written = Path(name)
            with os.fdopen(handle, "w", encoding="utf-8") as fh:
                json.dump(data, fh, ensure_ascii=False, separators=(",", ":"))
            os.replace(written, path)
        except OSError as exc:
            log.debug("OCR cache not written (%s): %s", path, exc)
            if written is not None:
                with contextlib.suppress(OSError):
                    written.unlink(missing_ok=True)
