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

A page's text is an applicant's data: files and folders are the user's only (0600, 0700).
The temporary files are named after the process writing them, in one folder (``tmp``): a
run killed while writing leaves one, holding a page's text, and the next opening of the
cache removes those whose process is gone, or that are older than any writing takes.
An older dossierkit wrote its temporaries beside the pages, under ``tempfile``'s names
(``ab/tmpk2j3h4x9.tmp``): those too are removed once older than any writing takes, and only
those (a name of that form, a file of the user's). That sweep looks into every folder of the
cache, so it is done until none is left, then never again (a mark in the cache says so).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import stat
import tempfile
import time
from pathlib import Path
from typing import Any

from dossierkit.external.scratch import alive

log = logging.getLogger(__name__)

# A temporary file is written in milliseconds; one this old is stale whatever its name says
# (its process number taken again by another process).
STALE_SECONDS = 300
# An older dossierkit's temporary, beside the pages: ``tempfile``'s name (``tmp`` and eight
# of its letters), in a folder named after two hexadecimal digits of a file's SHA-256.
_OLDER_TEMPORARY = re.compile(r"^tmp[a-z0-9_]{8}\.tmp$")
_PAGES_FOLDER = re.compile(r"^[0-9a-f]{2}$")
# Left in the cache once no older temporary is left: the sweep is not needed any more.
OLDER_SWEPT = ".temporaires-anciens-retires"


class OcrCache:
    """Pages read by OCR, by file content, page number and engine."""

    def __init__(self, folder: Path, engine: str) -> None:
        self.folder = folder / "ocr"
        # The engine's description is long; its digest names the files.
        self.engine = hashlib.sha256(engine.encode("utf-8")).hexdigest()[:16]
        self.remove_stale()

    @property
    def _tmp(self) -> Path:
        return self.folder / "tmp"

    def remove_stale(self) -> list[Path]:
        """Remove the temporary files that killed runs left (their process is gone, or they
        are older than ``STALE_SECONDS``); those removed."""
        removed: list[Path] = []
        try:
            entries = list(os.scandir(self._tmp))
        except OSError:  # no such folder yet: nothing was ever left
            return removed
        for entry in entries:
            pid = entry.name.split("-", 1)[0]
            try:
                old = time.time() - entry.stat(follow_symlinks=False).st_mtime > STALE_SECONDS
                if entry.name.endswith(".tmp") and (
                    old or not pid.isdigit() or (int(pid) != os.getpid() and not alive(int(pid)))
                ):
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
            except OSError:
                continue
        return removed + self._remove_older()

    def _remove_older(self) -> list[Path]:
        """Remove the temporaries an older dossierkit left beside the pages, once older than
        ``STALE_SECONDS``; the mark is left when none is left, young ones included."""
        mark = self.folder / OLDER_SWEPT
        if mark.exists():
            return []
        try:
            folders = [
                entry.path
                for entry in os.scandir(self.folder)
                if _PAGES_FOLDER.match(entry.name) and entry.is_dir(follow_symlinks=False)
            ]
        except OSError:  # no cache yet: nothing was ever left
            return []
        removed: list[Path] = []
        young = False
        for folder in folders:
            try:
                entries = [e for e in os.scandir(folder) if _OLDER_TEMPORARY.match(e.name)]
            except OSError:
                continue
            for entry in entries:
                try:
                    info = entry.stat(follow_symlinks=False)
                    if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid():
                        continue
                    if time.time() - info.st_mtime <= STALE_SECONDS:
                        young = True  # an older dossierkit may be writing it now
                        continue
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
                except OSError:
                    young = True  # not removed: looked for again at the next opening
        if not young:
            with contextlib.suppress(OSError):
                mark.touch(mode=0o600)
        return removed

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
            self.folder.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            for folder in (self.folder, self._tmp, path.parent):
                folder.mkdir(mode=0o700, exist_ok=True)
            # mkstemp: 0600, kept by the final file
            handle, name = tempfile.mkstemp(prefix=f"{os.getpid()}-", suffix=".tmp", dir=self._tmp)
            written = Path(name)
            with os.fdopen(handle, "w", encoding="utf-8") as fh:
                json.dump(data, fh, ensure_ascii=False, separators=(",", ":"))
            os.replace(written, path)
        except OSError as exc:
            log.debug("OCR cache not written (%s): %s", path, exc)
            if written is not None:
                with contextlib.suppress(OSError):
                    written.unlink(missing_ok=True)
