"""Active content in a PDF: JavaScript, launch actions, embedded files — found, never run.

A raw scan of the bytes rules out most files at once; only a file that mentions one of the
keys (or hides objects in compressed streams) is opened with pypdf to look at its catalog and
its pages' actions.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

_KEYS = (b"/JavaScript", b"/JS", b"/Launch", b"/EmbeddedFile")


def active_content(path: Path) -> tuple[str, ...]:
    """The kinds of active content the PDF holds: "JavaScript", "lancement", "fichiers joints"."""
    data = path.read_bytes()
    if not any(key in data for key in _KEYS) and b"/ObjStm" not in data:
        return ()
    from pypdf import PdfReader

    found: set[str] = set()
    try:
        reader = PdfReader(path, strict=False)
        root: Any = reader.trailer["/Root"]
        names = root.get("/Names", {})
        if "/JavaScript" in names:
            found.add("JavaScript")
        if "/EmbeddedFiles" in names:
            found.add("fichiers joints")
        actions = [root.get("/OpenAction"), root.get("/AA")]
        for page in reader.pages[:50]:
            page_dict: Any = page
            actions.append(page_dict.get("/AA"))
            for annotation in page_dict.get("/Annots", []) or []:
                actions.append(annotation.get_object().get("/A"))
        for action in actions:
            action = action.get_object() if hasattr(action, "get_object") else action
            if isinstance(action, dict):
                kind = action.get("/S")
                if kind == "/JavaScript" or "/JS" in action:
                    found.add("JavaScript")
                elif kind == "/Launch":
                    found.add("lancement de programme")
    except Exception:  # a PDF too broken for pypdf still had the suspicious keys
        found.add("contenu actif (structure illisible)")
    return tuple(sorted(found))
