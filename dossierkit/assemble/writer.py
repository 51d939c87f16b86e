"""Write the assembled PDF: metadata, the same bytes for the same dossier, atomically.

- Metadata (document information and XMP): title, author (the structure), subject,
  keywords, language (``fr-FR``, or ``en-GB`` with ``--lang en``), creation date. The date is not the clock's: it is
  ``SOURCE_DATE_EPOCH`` when set (the reproducible-builds convention), else the newest
  modification time among the dossier's files, so that assembling the same files twice
  gives the same bytes; the document ID is derived from the content for the same reason.
- Streams are copied as they are (no decoding, no recompression): the pages of a PDF are
  byte for byte the applicant's, and writing stays as fast as copying. The small objects
  (page dictionaries, bookmarks) are packed into compressed object streams, which more than
  pays for the stamps' few bytes per page.
- The file is written under a temporary name in the output's folder and renamed over the
  output only when complete: a reader never sees half a PDF, and a failure leaves the
  previous file in place.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from dossierkit import __version__
from dossierkit.assemble.attachments import pdf_date

if TYPE_CHECKING:
    import pikepdf

    from dossierkit.dossier import Dossier


@dataclass(frozen=True)
class Metadata:
    """What the PDF says about itself."""

    title: str
    author: str
    subject: str
    keywords: str
    created: datetime
    lang: str = "fr-FR"  # BCP 47


def source_date(dossier: Dossier) -> datetime:
    """``SOURCE_DATE_EPOCH`` if set, else the newest modification time of the dossier's
    files (the dossier's own date: the same files give the same date), in UTC."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    times = []
    for f in dossier.files:
        try:
            times.append(f.entry.path.stat().st_mtime)
        except OSError:
            continue
    return datetime.fromtimestamp(int(max(times, default=0)), UTC)


def set_metadata(out: pikepdf.Pdf, meta: Metadata) -> None:
    """Document information dictionary and XMP metadata, the same in both."""
    import pikepdf

    created = pdf_date(meta.created)
    out.docinfo.Title = meta.title
    out.docinfo.Author = meta.author
    out.docinfo.Subject = meta.subject
    out.docinfo.Keywords = meta.keywords
    out.docinfo.Creator = f"dossierkit {__version__}"
    out.docinfo.Producer = f"dossierkit {__version__} (pikepdf {pikepdf.__version__})"
    out.docinfo.CreationDate = created
    out.docinfo.ModDate = created
    out.Root.Lang = pikepdf.String(meta.lang)
    out.Root.PageMode = pikepdf.Name.UseOutlines
    out.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
    with out.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
        xmp["dc:title"] = meta.title
        xmp["dc:creator"] = [meta.author]
        xmp["dc:description"] = meta.subject
        xmp["dc:language"] = [meta.lang]
        xmp["pdf:Keywords"] = meta.keywords
        xmp["pdf:Producer"] = str(out.docinfo.Producer)
        xmp["xmp:CreatorTool"] = str(out.docinfo.Creator)
        xmp["xmp:CreateDate"] = meta.created.isoformat()
        xmp["xmp:ModifyDate"] = meta.created.isoformat()


def _temporary(target: Path) -> Path:
    """A new, empty file beside ``target`` (created as any file is, with the user's umask)."""
    for n in range(1000):
        candidate = target.with_name(f".{target.name}.{os.getpid()}.{n}.tmp")
        try:
            with candidate.open("xb"):
                return candidate
        except FileExistsError:
            continue
    raise FileExistsError(target)


def save(out: pikepdf.Pdf, target: Path) -> None:
    """Write ``out`` to ``target`` atomically, with a content-derived document ID."""
    import pikepdf

    temporary = _temporary(target)
    try:
        out.save(
            temporary,
            stream_decode_level=pikepdf.StreamDecodeLevel.none,
            compress_streams=False,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
            deterministic_id=True,
        )
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
