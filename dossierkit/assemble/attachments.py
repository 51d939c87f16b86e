"""What a merge would lose, kept inside the PDF: originals and a manifest.

Merging a signed PDF invalidates its signature: the signed original travels as an
attachment, where any PDF reader can open and validate it. A converted file loses its
formulas, styles or (when the conversion failed) everything: its original is attached too.
The manifest, a JSON attachment, lists every file of the dossier (name, size, SHA-256, what
became of it) with the tool's version and the call file's id and version, so that an
instructor can prove which files were received and what the PDF was made from.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Any

from dossierkit import __version__
from dossierkit.assemble.navigation import title
from dossierkit.assemble.texts import text

if TYPE_CHECKING:
    import pikepdf

    from dossierkit.assemble.plan import Part
    from dossierkit.dossier import DossierFile
    from dossierkit.verify import Verification

MANIFEST_NAME = "dossierkit-manifeste.json"
MANIFEST_VERSION = 1
_MIME = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "docm": "application/vnd.ms-word.document.macroEnabled.12",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "xlsm": "application/vnd.ms-excel.sheet.macroEnabled.12",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "csv": "text/csv",
    "txt": "text/plain",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "tiff": "image/tiff",
    "gif": "image/gif",
    "bmp": "image/bmp",
    "webp": "image/webp",
    "heic": "image/heic",
}


def pdf_date(moment: datetime) -> str:
    """A PDF date string (``D:20261012093000Z``) in UTC."""
    return moment.strftime("D:%Y%m%d%H%M%SZ")


def attachment_name(rel: str, taken: set[str]) -> str:
    """The name an original is attached under: its path in the dossier, folders flattened
    (``Annexes - Plan.jpg``) so that extracting it never creates folders; numbered in the
    unlikely case that two paths flatten to one name."""
    name = rel.replace("/", " - ")
    n = 1
    while name in taken:
        n += 1
        name = f"({n}) " + rel.replace("/", " - ")
    taken.add(name)
    return name


def _attach(
    out: pikepdf.Pdf, name: str, data: bytes, mime: str, description: str, moment: datetime
) -> None:
    import pikepdf

    out.attachments[name] = pikepdf.AttachedFileSpec(
        out,
        data,
        description=description,
        filename=name,
        mime_type=mime,
        creation_date=pdf_date(moment),
        mod_date=pdf_date(moment),
    )


def unsign(out: pikepdf.Pdf) -> None:
    """Take the signature values off the merged copy of a signed PDF's fields.

    The merged copy of a signed page cannot carry a valid signature: left in, its value
    would make readers announce an invalid signature. The field keeps its widget, so the
    page looks as it did; the signature itself travels in the attached original.
    """
    import pikepdf

    form = out.Root.get("/AcroForm")
    if not isinstance(form, pikepdf.Dictionary):
        return
    pending = list(form.get("/Fields", pikepdf.Array()))
    seen = set()
    while pending:  # the field tree, without trusting it to be a tree
        field = pending.pop()
        if not isinstance(field, pikepdf.Dictionary) or field.objgen in seen:
            continue
        if field.is_indirect:
            seen.add(field.objgen)
        if field.get("/FT") == "/Sig" and "/V" in field:
            del field["/V"]
        pending += list(field.get("/Kids", pikepdf.Array()))
    if "/SigFlags" in form:
        del form["/SigFlags"]


def attach_originals(out: pikepdf.Pdf, parts: list[Part], moment: datetime, lang: str) -> None:
    """Attach each part's original when the merge loses something of it: once per file,
    even when the file holds several pieces (a signed PDF of the letter and the RIB)."""
    taken = {MANIFEST_NAME}
    attached: set[str] = set()
    for part in parts:
        main = part.section.file
        # The pages of the piece scanned apart (« courrier p2.jpg », a section's ``more``)
        # are attached by the same rule as its first file: the signed page is often that one.
        files = [main] if main is not None and part.attached else []
        files += [f for f in part.section.more if _loses_something(f)]
        for f in files:
            if f.rel in attached:
                continue
            attached.add(f.rel)
            signed = f.document is not None and bool(f.document.signatures)
            key = "attachment.signed" if signed else "attachment.original"
            _attach(
                out,
                attachment_name(f.rel, taken),
                f.entry.path.read_bytes(),
                _MIME.get(f.type, "application/octet-stream"),
                text(lang, key, path=f.rel, label=title(part, lang)),
                moment,
            )


def _loses_something(f: DossierFile) -> bool:
    """Whether merging ``f`` loses something of it (``Part.attached``'s rule for a file of
    its own): a signature's validity, or what a conversion drops."""
    signed = f.document is not None and bool(f.document.signatures)
    return f.readable and (signed or f.type != "pdf")


def _placed(rel: str, parts: list[Part]) -> list[tuple[Part, int | None, int]]:
    """(part, first page in the assembled PDF, pages) of each place the file ``rel`` went:
    one part for most files, one per piece for a file that holds several, and the pages
    after the letter's for the letter's second page scanned apart (a section's ``more``)."""
    placed: list[tuple[Part, int | None, int]] = []
    for part in parts:
        f = part.section.file
        if f is None or part.section.inside is not None:  # its pages are its host's
            continue
        own = part.pages - sum(m.pages or 0 for m in part.section.more) if part.pages else 0
        if f.rel == rel:
            placed.append((part, part.first, own))
        offset = own
        for more in part.section.more:
            count = (more.pages or 0) if part.pages else 0
            if more.rel == rel:
                first = part.first + offset if part.first is not None and count else None
                placed.append((part, first, count))
            offset += count
    return placed


def manifest(result: Verification, parts: list[Part], moment: datetime) -> dict[str, Any]:
    """The manifest: every file of the dossier and what the assembly made of it."""
    dossier = result.dossier
    files = []
    for f in sorted(dossier.files, key=lambda f: f.rel):
        placed = _placed(f.rel, parts)
        part = placed[0][0] if placed else None
        rendered = any(p.pages for p, _, _ in placed)
        files.append(
            {
                "path": f.rel,
                "size": f.entry.size,
                "sha256": f.sha256,
                "type": f.type,
                "role": f.role,
                "kind": f.kind,
                "included": rendered,
                "renderer": getattr(part.outcome, "renderer", None) if part else None,
                "first_page": placed[0][1] if rendered else None,
                "pages": sum(count for _, _, count in placed) if rendered else None,
                "attached": any(
                    p.attached and p.section.file is not None and p.section.file.rel == f.rel
                    for p, _, _ in placed
                ),
                "failure": part.failure if part else None,
            }
        )
    return {
        "manifest_version": MANIFEST_VERSION,
        "tool": {"name": "dossierkit", "version": __version__},
        "call": {"id": dossier.call.id, "version": dossier.call.version},
        "dossier": dossier.name,
        "date": moment.isoformat(),
        "verification": "complete" if result.complete else "incomplete",
        "files": files,
    }


def attach_manifest(out: pikepdf.Pdf, data: dict[str, Any], moment: datetime, lang: str) -> None:
    """Attach the manifest as JSON (stable key order, so the same dossier gives the same
    bytes)."""
    encoded = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")
    _attach(out, MANIFEST_NAME, encoded, "application/json", text(lang, "manifest"), moment)
