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
  previous file in place. The temporary name holds the process id: what a run killed with
  SIGKILL left beside the same output is removed by the next run that writes it.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, cast

from dossierkit import __version__
from dossierkit.assemble.attachments import pdf_date
from dossierkit.external.scratch import temporary_beside

if TYPE_CHECKING:
    import pikepdf
    from _typeshed import ReadableBuffer

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


class _Sink(io.RawIOBase):
    """The file QPDF writes to, which never lets a write error reach QPDF.

    With a content-derived document ID, QPDF (11, through pikepdf 10) cannot report an
    error of the file it writes: a full disk ends the process (``terminate called after
    throwing an instance of 'QPDFSystemError'``, exit 134), with no message and the
    temporary files left. The first error is kept here, the rest of the bytes dropped, and
    ``save`` raises it once QPDF is done."""

    def __init__(self, file: BinaryIO) -> None:
        super().__init__()
        self.file = file
        self.error: OSError | None = None

    def writable(self) -> bool:
        return True

    def flush(self) -> None:
        if self.error is None:
            try:
                self.file.flush()
            except OSError as exc:
                self.error = exc

    def write(self, data: ReadableBuffer, /) -> int:
        size = memoryview(data).nbytes
        if self.error is None:
            try:
                self.file.write(data)
            except OSError as exc:
                self.error = exc
        return size


def save(out: pikepdf.Pdf, target: Path) -> None:
    """Write ``out`` to ``target`` atomically, with a content-derived document ID; an
    OSError (a full disk) is raised, the temporary file removed."""
    import pikepdf

    temporary = temporary_beside(target)
    try:
        with temporary.open("wb") as file:
            sink = _Sink(file)
            out.save(
                cast("BinaryIO", sink),  # pikepdf only calls its write
                stream_decode_level=pikepdf.StreamDecodeLevel.none,
                compress_streams=False,
                object_stream_mode=pikepdf.ObjectStreamMode.generate,
                deterministic_id=True,
            )
            if sink.error is not None:
                raise sink.error
            # On the disk before the rename: a file system that allocates late (ext4, a
            # network share) reports a full disk here, not at the write.
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
