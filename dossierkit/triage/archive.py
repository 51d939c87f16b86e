"""Unpack a dossier sent as a ``.zip`` into a private folder, refusing what could harm.

An archive comes from outside: its names may climb out of the folder (``../``, ``/etc``,
``C:\\``), hold links, or decompress to gigabytes from a few kilobytes (a zip bomb). Each
member is checked before a byte is written, sizes are counted as bytes actually come out
(the sizes an archive declares may lie), and members that cannot be placed safely are set
aside and reported rather than silently dropped. Names are decoded the way the archiver
wrote them: UTF-8 when flagged (or when macOS wrote UTF-8 without the flag), else the DOS
code page of the Windows that made the archive.

An e-mail's archive often holds the applicant's own archive (« Envoi.zip » around
« Dossier TLN.zip »): archives found inside are opened too, one level deep only and under the
same guards, so that the dossier inside is read as the sending it is. One that cannot or may
not be opened (nested deeper, encrypted, beyond the limits) stays in the folder, unread, and
is reported: the sending is still an application to acknowledge, never a complement.
"""

from __future__ import annotations

import dataclasses
import shutil
import stat
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from dossierkit.errors import InputError
from dossierkit.limits import Limits as ReadingLimits

_CHUNK = 1 << 16
_UTF8_FLAG = 0x800
_UNICODE_PATH_EXTRA = 0x7075
# The zip format says "CP437" for names without the UTF-8 flag; in practice it is the DOS
# code page of the Windows that wrote the archive, CP850 in France. Both agree on the
# lower-case French letters (é è à ç ê ô û ï); CP850 also has the capitals (É È À Ê Ô).
LEGACY_ENCODING = "cp850"
# Folders an archiver adds beside the content: not part of the dossier's own layout.
_ARCHIVER_DIRS = frozenset({"__macosx"})


class ArchiveError(InputError):
    """The archive cannot be unpacked at all; ``reason`` says why, in French and English."""

    def __init__(self, code: str, reason: str, reason_en: str) -> None:
        super().__init__(reason)
        self.code = code  # "unreadable" or "limits"
        self.reason = reason
        self.reason_en = reason_en


@dataclass(frozen=True)
class Limits:
    """What an archive may unpack to; beyond, it is refused as a likely zip bomb.

    A real dossier is a few dozen files of a few megabytes each, compressed at most a few
    times (PDF, JPEG and office files are already compressed); a ratio of 200 only occurs
    for crafted or degenerate content.
    """

    max_files: int = 2000
    max_total_bytes: int = 1 << 30
    max_file_bytes: int = 512 << 20
    max_ratio: int = 200
    # Below this size a high ratio is harmless (a small text file of repeated spaces).
    ratio_floor_bytes: int = 1 << 20

    @classmethod
    def of_reading(cls, reading: ReadingLimits, max_files: int = max_files) -> Limits:
        """The bounds of an archive given to ``verify`` or to the web page: those the user
        set for reading one file (``--max-unpacked-mb``, ``--max-file-mb``, ``--max-ratio``)."""
        return cls(
            max_files=max_files,
            max_total_bytes=reading.max_unpacked_bytes,
            max_file_bytes=reading.max_file_bytes,
            max_ratio=reading.max_ratio,
        )


@dataclass(frozen=True)
class SetAside:
    """A member that was not unpacked, and why (French and English); ``kept`` is the path,
    in the unpacked folder, of an archive found inside that was left there unopened."""

    name: str
    reason: str
    reason_en: str
    kept: str | None = None


def decode_name(info: zipfile.ZipInfo) -> str:
    """The member's name as its author saw it."""
    if info.flag_bits & _UTF8_FLAG:
        return info.filename  # zipfile already decoded it as UTF-8
    raw = info.filename.encode("cp437")  # zipfile decodes every byte as CP437: undo it
    unicode_path = _unicode_path_extra(info.extra, raw)
    if unicode_path is not None:
        return unicode_path
    if not raw.isascii():
        try:
            return raw.decode("utf-8")  # macOS's Archive Utility writes UTF-8 without the flag
        except UnicodeDecodeError:
            pass
    return raw.decode(LEGACY_ENCODING)


def _unicode_path_extra(extra: bytes, raw: bytes) -> str | None:
    """The Info-ZIP Unicode Path field (7-Zip, WinRAR), valid only if it names ``raw``."""
    offset = 0
    while offset + 4 <= len(extra):
        kind, size = struct.unpack_from("<HH", extra, offset)
        body = extra[offset + 4 : offset + 4 + size]
        offset += 4 + size
        if kind == _UNICODE_PATH_EXTRA and len(body) >= 5 and body[0] == 1:
            (crc,) = struct.unpack_from("<I", body, 1)
            if crc == zlib.crc32(raw):
                try:
                    return body[5:].decode("utf-8")
                except UnicodeDecodeError:
                    return None
    return None


def _safe_parts(name: str) -> tuple[str, ...] | None:
    """The path components of a member name, or None when it would leave the folder."""
    normalized = name.replace("\\", "/")
    if normalized.startswith("/") or (len(normalized) > 1 and normalized[1] == ":"):
        return None
    parts = tuple(p for p in PurePosixPath(normalized).parts if p not in ("", "."))
    if not parts or any(p == ".." for p in parts):
        return None
    return parts


def _is_link(info: zipfile.ZipInfo) -> bool:
    return stat.S_ISLNK(info.external_attr >> 16)


def _common_top(members: list[tuple[zipfile.ZipInfo, tuple[str, ...]]]) -> str | None:
    """The single folder that holds everything, as when someone zips the dossier's folder."""
    tops = {parts[0] for info, parts in members if parts[0].lower() not in _ARCHIVER_DIRS}
    if len(tops) != 1:
        return None
    top = tops.pop()
    inside = all(
        len(parts) > 1 or info.is_dir()
        for info, parts in members
        if parts[0].lower() not in _ARCHIVER_DIRS
    )
    return top if inside else None


def _copy_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path, limits: Limits, budget: int
) -> int:
    """Write one member, counting real bytes; the bytes written."""
    written = 0
    cap = min(limits.max_file_bytes, budget)
    with archive.open(info) as source, target.open("xb") as sink:
        while chunk := source.read(_CHUNK):
            written += len(chunk)
            if written > cap:
                raise ArchiveError(
                    "limits",
                    f"« {decode_name(info)} » se décompresse au-delà de la taille permise",
                    f'"{decode_name(info)}" decompresses beyond the size allowed',
                )
            ratio_base = max(info.compress_size, 1)
            if written > limits.ratio_floor_bytes and written / ratio_base > limits.max_ratio:
                raise ArchiveError(
                    "limits",
                    f"« {decode_name(info)} » est compressé plus de {limits.max_ratio} fois",
                    f'"{decode_name(info)}" is compressed more than {limits.max_ratio} times',
                )
            sink.write(chunk)
    return written


def unpack(
    source: Path, destination: Path, limits: Limits | None = None, *, inner: bool = False
) -> list[SetAside]:
    """Unpack ``source`` into the new folder ``destination``; the members set aside.

    When everything sits in one top folder, its content becomes the destination's, so that
    a zipped folder gives the same dossier as the folder itself. With ``inner`` (triage), the
    archives found inside are opened too (``open_inner``); ``verify`` and the web page leave
    them to the applicant (F006). Raise ArchiveError when the
    archive is unreadable or exceeds ``limits`` (the destination is then removed).
    """
    limits = limits or Limits()
    destination.mkdir(parents=True)
    try:
        set_aside = _unpack(source, destination, limits)
    except ArchiveError:
        shutil.rmtree(destination, ignore_errors=True)
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error) as exc:
        shutil.rmtree(destination, ignore_errors=True)
        raise ArchiveError(
            "unreadable",
            f"archive endommagée ({exc})",
            f"damaged archive ({exc})",
        ) from exc
    except NotImplementedError as exc:  # a compression method Python does not know
        shutil.rmtree(destination, ignore_errors=True)
        raise ArchiveError(
            "unreadable",
            f"méthode de compression non prise en charge ({exc})",
            f"unsupported compression method ({exc})",
        ) from exc
    return set_aside + open_inner(destination, limits) if inner else set_aside


def _is_archive(path: Path) -> bool:
    return path.suffix.lower() == ".zip" and path.is_file() and not path.is_symlink()


def _inner_archives(root: Path) -> list[Path]:
    return sorted(
        p
        for p in root.rglob("*")
        if _is_archive(p) and not any(part.lower() in _ARCHIVER_DIRS for part in p.parts)
    )


def _used(root: Path) -> tuple[int, int]:
    """(files, bytes) already unpacked under ``root``: what an inner archive may add to."""
    files = [p for p in root.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def _not_opened(archive: Path, root: Path, reason: str, reason_en: str) -> SetAside:
    rel = archive.relative_to(root).as_posix()
    return SetAside(rel, reason, reason_en, kept=rel)


# What the instructor does with an archive inside an archive that was not opened: never touch
# the sending (the inbox is never modified), add what it holds as a new sending.
_ELSEWHERE = (
    "décompressez-la hors du dossier d'arrivée et déposez-y le dossier décompressé "
    "comme un nouvel envoi",
    "unpack it outside the inbox and put the unpacked dossier there as a new sending",
)


def open_inner(root: Path, limits: Limits | None = None) -> list[SetAside]:
    """Open the archives found under ``root`` (an archive's unpacked content), one level
    deep, each in place of itself: into ``root`` when it is all there is (an e-mail's archive
    around the applicant's), else into a folder of its name beside it. Together they may add
    no more files and bytes than ``limits`` leave after the outer archive. An archive that is
    not opened stays where it is, unread, and is reported; archives found inside an inner one
    are not opened (one level only)."""
    limits = limits or Limits()
    archives = _inner_archives(root)
    reports: list[SetAside] = []
    for archive in archives:
        files, size = _used(root)
        budget = dataclasses.replace(
            limits,
            max_files=max(limits.max_files - files, 0),
            max_total_bytes=max(limits.max_total_bytes - size, 0),
        )
        alone = [p for p in root.iterdir() if p.name.lower() not in _ARCHIVER_DIRS] == [archive]
        target = _free_name(archive.with_name(archive.stem or "archive"))
        try:
            set_aside = unpack(archive, target, budget)
        except ArchiveError as exc:
            advice = (
                (
                    "demandez au demandeur son dossier sans archive",
                    "ask the applicant for the dossier without an archive",
                )
                if exc.code == "limits"
                else (
                    "demandez au demandeur de renvoyer son dossier",
                    "ask the applicant to send the dossier again",
                )
            )
            reports.append(
                _not_opened(
                    archive,
                    root,
                    f"archive non ouverte ({exc.reason}) : {advice[0]}",
                    f"archive not opened ({exc.reason_en}): {advice[1]}",
                )
            )
            continue
        if not any(p.is_file() for p in target.rglob("*")) and set_aside:
            # Nothing came out (every member encrypted, or leaving the folder).
            shutil.rmtree(target)
            why = "; ".join(sorted({s.reason for s in set_aside}))
            why_en = "; ".join(sorted({s.reason_en for s in set_aside}))
            reports.append(
                _not_opened(
                    archive,
                    root,
                    f"archive non ouverte, aucun de ses fichiers n'est lisible ({why}) : "
                    "demandez au demandeur son dossier sans mot de passe",
                    f"archive not opened, none of its files can be read ({why_en}): "
                    "ask the applicant for the dossier without a password",
                )
            )
            continue
        prefix = archive.relative_to(root).as_posix()
        reports += [dataclasses.replace(s, name=f"{prefix}/{s.name}") for s in set_aside]
        archive.unlink()
        if alone:
            _lift(target, root)
        for deeper in _inner_archives(target if target.exists() else root):
            if deeper not in archives:
                reports.append(
                    _not_opened(
                        deeper,
                        root,
                        "archive dans une archive elle-même dans l'envoi, non ouverte (un seul "
                        f"niveau l'est) : {_ELSEWHERE[0]}",
                        "archive inside an archive inside the sending, not opened (only one "
                        f"level is): {_ELSEWHERE[1]}",
                    )
                )
    return reports


def _free_name(path: Path) -> Path:
    """``path``, or ``path (2)``, ``path (3)``… when a file or folder already has its name."""
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.name} ({n})")
    return candidate


def _lift(folder: Path, root: Path) -> None:
    """Move ``folder``'s content up into ``root`` (where nothing else but an archiver's
    clutter stands), so that the inner archive's dossier is the sending's."""
    for entry in list(folder.iterdir()):
        if (root / entry.name).exists():
            return  # a name taken: the dossier stays in its folder, read all the same
    for entry in list(folder.iterdir()):
        entry.rename(root / entry.name)
    folder.rmdir()


def _unpack(source: Path, destination: Path, limits: Limits) -> list[SetAside]:
    set_aside: list[SetAside] = []
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ArchiveError(
            "unreadable", "ce n'est pas une archive ZIP lisible", "not a readable ZIP archive"
        ) from exc
    with archive:
        infos = archive.infolist()
        if len(infos) > limits.max_files:
            raise ArchiveError(
                "limits",
                f"{len(infos)} fichiers, au-delà des {limits.max_files} permis",
                f"{len(infos)} files, beyond the {limits.max_files} allowed",
            )
        declared = sum(info.file_size for info in infos)
        if declared > limits.max_total_bytes:
            raise ArchiveError(
                "limits",
                f"{declared} octets une fois décompressée, au-delà des "
                f"{limits.max_total_bytes} permis",
                f"{declared} bytes once unpacked, beyond the {limits.max_total_bytes} allowed",
            )
        members: list[tuple[zipfile.ZipInfo, tuple[str, ...]]] = []
        for info in infos:
            name = decode_name(info)
            parts = _safe_parts(name)
            if parts is None:
                set_aside.append(
                    SetAside(name, "son chemin sort du dossier", "its path leaves the folder")
                )
            elif _is_link(info):
                set_aside.append(SetAside(name, "c'est un lien", "it is a link"))
            elif info.flag_bits & 0x1:
                set_aside.append(
                    SetAside(name, "il est chiffré (mot de passe)", "it is encrypted (password)")
                )
            else:
                members.append((info, parts))
        top = _common_top(members)
        total = 0
        for info, parts in members:
            relative = parts[1:] if top is not None else parts
            if not relative:
                continue
            target = destination.joinpath(*relative)
            if not target.resolve().is_relative_to(destination.resolve()):
                set_aside.append(
                    SetAside(
                        "/".join(parts), "son chemin sort du dossier", "its path leaves the folder"
                    )
                )
                continue
            try:
                if info.is_dir():
                    target.mkdir(parents=True, exist_ok=True)
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                total += _copy_member(archive, info, target, limits, limits.max_total_bytes - total)
            except (FileExistsError, NotADirectoryError):
                # The same name twice, or a file where another member needs a folder.
                set_aside.append(
                    SetAside("/".join(parts), "le nom figure deux fois", "the name appears twice")
                )
    return set_aside
