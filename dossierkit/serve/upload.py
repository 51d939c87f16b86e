"""Receive an upload into a private folder, counting and checking as the bytes arrive.

The request's body is parsed as it streams in (python-multipart's push parser), and each
file's bytes go straight to its place in the folder: nothing is buffered in memory or in a
shared temporary file, and a limit is enforced the moment it is crossed, never after the
whole body has been stored. The whole upload is bounded (``Settings.max_upload_bytes``,
``max_files``), each file by verify's own ``Limits.max_file_bytes``, and each path is checked
before its file is opened (``paths.safe_parts``).

When one file breaks a limit, what it wrote is deleted and the rest of the body is read
without being written (still counted against the whole upload's bound): a browser that is
still sending when the server answers would show a connection error instead of the answer.
A single ``.zip`` is unpacked with the triage's unpacker (``triage.archive``), which refuses
what climbs out, links and zip bombs, under the same limits, in a worker thread: unpacking
up to ``Limits.max_unpacked_bytes`` on the event loop would stall every other request.

Receiving has a deadline (``Settings.receive_seconds``): an upload holds a place in the
service from its first byte, and a client sending one byte a second would otherwise hold it
for ever (ten of them would keep the service answering « come back later »).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import anyio
import anyio.to_thread
from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import Request

from dossierkit.limits import MB
from dossierkit.serve.paths import inside, safe_parts
from dossierkit.serve.settings import Settings
from dossierkit.triage.archive import ArchiveError, SetAside, unpack
from dossierkit.triage.archive import Limits as ArchiveLimits

# The form's own fields (language, draft) are a few bytes; a client sending more is not ours.
_MAX_FIELDS = 16
_MAX_FIELD_BYTES = 1024
# A part's headers (its name and file name, its type) are a few hundred bytes. python-multipart
# bounds them itself since 0.0.27 (4 KiB a line); this bound holds whatever version is installed.
_MAX_HEADER_BYTES = 8 * 1024
# Names the service writes beside the received files, never a received file's.
RECEIVED = "dossier"
UNPACKED = "archive"


class Refused(Exception):
    """The upload is refused: ``key`` names the refusal (``texts.REFUSALS``), ``params``
    fill its message (``reason_en`` is ``reason`` in English)."""

    def __init__(self, key: str, **params: str) -> None:
        super().__init__(key)
        self.key = key
        self.params = params
        self.fields: dict[str, str] = {}  # the form's fields received before the refusal


@dataclass(frozen=True)
class Upload:
    """A received dossier: the folder to verify, the form's fields, what it holds."""

    root: Path
    fields: dict[str, str]
    files: int
    size: int
    set_aside: tuple[SetAside, ...] = ()


@dataclass
class _Part:
    disposition: bytes = b""
    name: str | None = None
    data: bytearray = field(default_factory=bytearray)
    parts: tuple[str, ...] | None = None
    path: Path | None = None
    sink: IO[bytes] | None = None
    size: int = 0
    skip: bool = False


class _Receiver:
    """python-multipart's callbacks: each part to its field or its file."""

    def __init__(self, folder: Path, settings: Settings) -> None:
        self.folder = folder
        self.settings = settings
        self.fields: dict[str, str] = {}
        self.files: list[tuple[str, ...]] = []
        self.size = 0
        self.refusal: Refused | None = None
        self.part = _Part()
        self._header_name = b""
        self._header_value = b""

    def refuse(self, key: str, **params: str) -> None:
        """Keep the first refusal; the rest of the body is read and not written."""
        self.close(delete=True)
        if self.refusal is None:
            self.refusal = Refused(key, **params)

    def close(self, delete: bool = False) -> None:
        part = self.part
        if part.sink is not None:
            part.sink.close()
            part.sink = None
            if delete and part.path is not None:
                part.path.unlink(missing_ok=True)

    def on_part_begin(self) -> None:
        self.part = _Part()

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self._header_name = self._header_bytes(self._header_name, data[start:end])

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self._header_value = self._header_bytes(self._header_value, data[start:end])

    def _header_bytes(self, kept: bytes, more: bytes) -> bytes:
        """``kept + more``, unless the header grows past its bound: then the upload is
        refused and nothing more of it is kept."""
        if self.refusal is not None:
            return b""
        if len(kept) + len(more) > _MAX_HEADER_BYTES:
            self.refuse("malformed", reason="en-tête trop long", reason_en="header too long")
            return b""
        return kept + more

    def on_header_end(self) -> None:
        if self._header_name.strip().lower() == b"content-disposition":
            self.part.disposition = self._header_value
        self._header_name = self._header_value = b""

    def on_headers_finished(self) -> None:
        part = self.part
        if self.refusal is not None:
            part.skip = True
            return
        _, options = parse_options_header(part.disposition)
        if b"filename" not in options:
            if len(self.fields) >= _MAX_FIELDS:
                self.refuse("malformed", reason="trop de champs", reason_en="too many fields")
            part.name = options.get(b"name", b"").decode("utf-8", "replace")
            return
        raw = options[b"filename"]
        if not raw:  # a file input left empty
            part.skip = True
            return
        name = raw.decode("utf-8", "replace")
        if len(self.files) >= self.settings.max_files:
            self.refuse("too_many_files", limit=str(self.settings.max_files))
            return
        parts = safe_parts(name)
        target = inside(self.folder / RECEIVED, parts) if parts is not None else None
        if parts is None or target is None:
            self.refuse("bad_path", name=name[:200])
            return
        try:
            target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            part.sink = target.open("xb")
        except (FileExistsError, IsADirectoryError, NotADirectoryError):
            self.refuse("duplicate", name="/".join(parts))
            return
        except OSError:  # a name the file system refuses (too long for it, invalid on it)
            self.refuse("bad_path", name=name[:200])
            return
        part.parts, part.path = parts, target
        self.files.append(parts)

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        part = self.part
        if part.skip or self.refusal is not None:
            return
        chunk = data[start:end]
        if part.sink is None:
            part.data += chunk
            if len(part.data) > _MAX_FIELD_BYTES:
                self.refuse("malformed", reason="champ trop long", reason_en="field too long")
            return
        part.size += len(chunk)
        limit = self.settings.limits.max_file_bytes
        if part.size > limit:
            assert part.parts is not None
            self.refuse("file_too_large", name="/".join(part.parts), limit=str(limit // MB))
            return
        part.sink.write(chunk)

    def on_part_end(self) -> None:
        part = self.part
        if part.sink is not None:
            self.size += part.size
            self.close()
        elif part.name is not None and not part.skip and self.refusal is None:
            self.fields[part.name] = part.data.decode("utf-8", "replace")

    def callbacks(self) -> dict[str, object]:
        return {
            "on_part_begin": self.on_part_begin,
            "on_part_data": self.on_part_data,
            "on_part_end": self.on_part_end,
            "on_header_field": self.on_header_field,
            "on_header_value": self.on_header_value,
            "on_header_end": self.on_header_end,
            "on_headers_finished": self.on_headers_finished,
        }


def _boundary(request: Request) -> bytes:
    kind, options = parse_options_header(request.headers.get("content-type"))
    if kind != b"multipart/form-data" or not options.get(b"boundary"):
        raise Refused("malformed", reason="formulaire attendu", reason_en="a form was expected")
    return options[b"boundary"]


async def receive(request: Request, folder: Path, settings: Settings) -> Upload:
    """Receive the upload of ``request`` into ``folder`` (new, private, emptied by the caller
    whatever happens) and return the dossier it holds; raise ``Refused`` on a limit."""
    boundary = _boundary(request)
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > settings.max_upload_bytes:
        raise Refused("too_large", limit=str(settings.max_upload_bytes // MB))
    receiver = _Receiver(folder, settings)
    try:
        with anyio.fail_after(settings.receive_seconds):
            await _stream(request, receiver, boundary, settings)
    except TimeoutError as exc:
        receiver.close(delete=True)
        refused = Refused("timeout", minutes=_minutes(settings.receive_seconds))
        refused.fields = receiver.fields
        raise refused from exc
    except Refused as refused:
        refused.fields = receiver.fields
        raise
    finally:
        receiver.close()
    if not receiver.files:
        raise Refused("no_files")
    return await anyio.to_thread.run_sync(_dossier, folder, receiver, settings)


def _minutes(seconds: float) -> str:
    """A deadline said in whole minutes, at least one (« 10 »)."""
    return str(max(1, round(seconds / 60)))


async def _stream(
    request: Request, receiver: _Receiver, boundary: bytes, settings: Settings
) -> None:
    """Feed the body to the parser as it arrives, counting its bytes."""
    parser = MultipartParser(boundary, receiver.callbacks())  # type: ignore[arg-type]
    received = 0
    try:
        async for chunk in request.stream():
            received += len(chunk)
            if received > settings.max_upload_bytes:
                receiver.close(delete=True)
                raise Refused("too_large", limit=str(settings.max_upload_bytes // MB))
            parser.write(chunk)
        parser.finalize()
    except MultipartParseError as exc:
        receiver.close(delete=True)
        raise Refused("malformed", reason=str(exc)[:120]) from exc
    if receiver.refusal is not None:
        raise receiver.refusal


def _dossier(folder: Path, receiver: _Receiver, settings: Settings) -> Upload:
    """The folder to verify: the one folder the applicant chose (a browser sends its name
    before every path), the archive's content, or the loose files."""
    files = receiver.files
    received = folder / RECEIVED
    if len(files) == 1 and files[0][-1].lower().endswith(".zip"):
        return _unpacked(folder, received.joinpath(*files[0]), receiver, settings)
    tops = {parts[0] for parts in files}
    root = received / tops.pop() if len(tops) == 1 and all(len(p) > 1 for p in files) else received
    return Upload(root, receiver.fields, len(files), receiver.size)


def _unpacked(folder: Path, archive: Path, receiver: _Receiver, settings: Settings) -> Upload:
    limits = settings.limits
    destination = folder / UNPACKED / (archive.stem or RECEIVED)
    try:
        set_aside = unpack(
            archive, destination, ArchiveLimits.of_reading(limits, settings.max_files)
        )
    except ArchiveError as exc:
        raise Refused(
            "archive", name=archive.name, reason=exc.reason, reason_en=exc.reason_en
        ) from exc
    finally:
        archive.unlink(missing_ok=True)
    count = sum(1 for path in destination.rglob("*") if path.is_file())
    return Upload(destination, receiver.fields, count, receiver.size, tuple(set_aside))
