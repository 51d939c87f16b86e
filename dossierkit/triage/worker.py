"""Verify one dossier of the inbox: unpack it if it is an archive, verify, summarise.

This runs in a worker process (see ``pool``), and in the main process for a single letter.
It reuses ``verify`` and ``report_data`` unchanged: triage adds the archive, a content
fingerprint and the few facts compared across dossiers, nothing else.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import shutil
import time
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

from dossierkit.aid import total_maximum
from dossierkit.call import Call
from dossierkit.checks.clock import reference_date
from dossierkit.checks.intake import ArchiveRefused, ArchiveUnreadable, MemberSetAside
from dossierkit.discovery import walk
from dossierkit.dossier import Dossier
from dossierkit.epci import lookup
from dossierkit.external.scratch import check_scratch_space, scratch_dir, scratch_errors
from dossierkit.findings import Finding
from dossierkit.reading.files import sha256_file
from dossierkit.reading.ocr import OcrOptions
from dossierkit.report.data import report_data
from dossierkit.text import fold
from dossierkit.triage.archive import ArchiveError, Limits, SetAside, open_inner, unpack
from dossierkit.triage.checks import epci_of_commune
from dossierkit.triage.model import COMPLETE, FAILED, INCOMPLETE, InboxItem, Outcome, Summary
from dossierkit.triage.recipient import legal_representative, structure_address
from dossierkit.verify import verify

_POSTCODE = re.compile(r"\b\d{5}\s+(\S.*)$")
_CONTACT = re.compile(r"(?i)\b(t[ée]l|fax|siret|siren|rna|courriel|e-mail|www\.|https?:)|@")
_COMMUNE_NAME = re.compile(r"(?i)^(?:commune|mairie|ville)\s+(?:de\s+|d['’]\s*|du\s+)?")
# A name does not end on these words: the next line goes on with it.
_NAME_GOES_ON = re.compile(
    r"(?i)(?:\b(?:du|de|des|d['’]|la|le|les|l['’]|et|en|sur|pour)|[-–,])\s*$"
)
# How many lines under the sender's name an address takes at most (street, complement, town).
_ADDRESS_LINES = 4
# A street line: a number, or a way, a post-office box, a place named as such.
_STREET = re.compile(
    r"(?i)^(?:\d+\s*(?:bis|ter)?\b|(?:rue|avenue|av\.|boulevard|bd|place|chemin|route|all[ée]e|"
    r"impasse|quai|cours|square|r[ée]sidence|h[ôo]tel de ville|mairie|bp|cs)\b)"
)


def content_fingerprint(files: list[tuple[str, str]]) -> str:
    """One hash of (relative path, SHA-256) pairs: the same files under the same names give
    the same fingerprint, whether they came as a folder or in an archive."""
    digest = hashlib.sha256()
    for rel, sha in sorted(files):
        digest.update(f"{rel}\0{sha}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def folder_fingerprint(root: Path) -> str:
    """The content fingerprint of a folder: its files and its manifest, clutter left out
    (a Mac's ``__MACOSX`` or a ``.DS_Store`` does not make another dossier)."""
    return content_fingerprint(
        [(e.rel, sha256_file(e.path)) for e in walk(root) if e.status in ("file", "manifest")]
    )


def source_fingerprint(item: InboxItem) -> str:
    """A fingerprint for a dossier whose content could not be read: the archive's bytes, the
    folder's files; the name as a last resort, so that the register can still record it."""
    try:
        return sha256_file(item.path) if item.kind == "zip" else folder_fingerprint(item.path)
    except OSError:
        return hashlib.sha256(str(item.path).encode("utf-8", "surrogateescape")).hexdigest()


def failed(item: InboxItem, why: Finding, started: float) -> Outcome:
    """The outcome of a dossier that could not be verified, with the finding that says why."""
    return Outcome(
        item=item,
        fingerprint=source_fingerprint(item),
        status=FAILED,
        findings=(why,),
        seconds=time.monotonic() - started,
    )


def _fact(dossier: Dossier, name: str) -> str | None:
    value = dossier.fact(name)
    return None if value is None else str(value)


def letterhead_address(
    lines: list[str], sender_line: str, name: str | None = None
) -> tuple[str, ...]:
    """The address under the sender's name in a letterhead's ``lines``, down to the line with
    the postcode; empty when the letterhead does not give one.

    The name may run over two or three lines ("Communauté de communes du" / "Pays de
    Lumbres"): a line continues it when the line before ends on a word that cannot end a name
    (du, de, des, et…), or when it is part of the structure's ``name`` as the letterhead was
    parsed (the official name of an intercommunalité): the address starts after it, never
    in the middle of the name."""
    if sender_line not in lines:
        return ()
    start = lines.index(sender_line) + 1
    folded_name = fold(name or sender_line)
    while (
        start < len(lines)
        and start <= lines.index(sender_line) + 2
        and lines[start]
        and not _POSTCODE.search(lines[start])
        and (_NAME_GOES_ON.search(lines[start - 1]) or fold(lines[start]) in folded_name)
    ):
        start += 1
    address: list[str] = []
    for line in lines[start : start + _ADDRESS_LINES]:
        if _CONTACT.search(line):
            break
        address.append(line)
        if _POSTCODE.search(line):
            return tuple(address)
    return ()


def _letterhead_address(dossier: Dossier) -> tuple[str, ...]:
    """The address in the courrier's letterhead (see ``letterhead_address``); when the
    structure's name stands only in its logo, the address that opens the letter."""
    courrier = dossier.parsed.courrier
    piece = next((p for p in dossier.pieces if p.spec.kind == "courrier"), None)
    if courrier is None or piece is None or piece.used is None:
        return ()
    document = piece.used.document
    if document is None:
        return ()
    lines = [line.strip() for _, line in document.lines()]
    if courrier.sender is None:
        return opening_address(lines)
    name = courrier.structure.name if courrier.structure is not None else None
    return letterhead_address(lines, courrier.sender.value, name)


def opening_address(lines: list[str]) -> tuple[str, ...]:
    """The address a letter opens with when its letterhead's name is a logo (« 500 rue de la
    Haute-Loge » / « 62840 Sailly-sur-la-Lys »): a street line, then the postcode's line
    within ``_ADDRESS_LINES``; empty when the letter opens otherwise."""
    if not lines or not _STREET.search(lines[0]):
        return ()
    for end, line in enumerate(lines[:_ADDRESS_LINES]):
        if _CONTACT.search(line):
            return ()
        if _POSTCODE.search(line):
            return tuple(lines[: end + 1])
    return ()


def _commune(dossier: Dossier, address: tuple[str, ...]) -> str | None:
    """Where the structure is: a commune applying names itself, others write their town in
    their address or beside the date of the letter."""
    name = _fact(dossier, "structure.name")
    if _fact(dossier, "structure.kind") == "commune" and name:
        return _COMMUNE_NAME.sub("", name).strip() or None
    if address and (match := _POSTCODE.search(address[-1])):
        return re.sub(r"(?i)\s+cedex.*$", "", match.group(1)).strip()
    return _fact(dossier, "courrier.place")


def _aid(dossier: Dossier) -> tuple[Decimal | None, Decimal | None]:
    """Aid requested (the budget's Région lines, else the letter's amount) and maximum."""
    requested: Decimal | None = None
    maximum: Decimal | None = None
    if dossier.aid is not None:
        maximum = total_maximum(dossier.aid.animation, dossier.aid.equipment)
        asked = [y.requested for y in dossier.aid.animation] + [dossier.aid.equipment.requested]
        known = [a for a in asked if a is not None]
        if known:
            requested = sum(known, Decimal(0))
    if requested is None and (letter := _fact(dossier, "courrier.amount_requested")):
        requested = Decimal(letter)
    return requested, maximum


def _representative(dossier: Dossier) -> tuple[str | None, str | None]:
    """(name, title) of the structure's legal representative: the letter's signatory when
    they sign in their own name, else the person a "responsable légal" line names."""
    courrier = dossier.parsed.courrier
    if courrier is not None and not courrier.signatory.on_behalf and courrier.signatory.name:
        title = courrier.signatory.title
        return courrier.signatory.name.value, title.value if title else None
    for piece in (courrier, dossier.parsed.dossier_technique):
        if piece is not None and piece.legal_representative is not None:
            return piece.legal_representative.value, None
    return None, None


def summarise(dossier: Dossier) -> Summary:
    """The facts compared across dossiers, as the verification established them."""
    siren = _fact(dossier, "intercommunalite.siren")
    epci = lookup(siren) if siren else None
    address = structure_address(dossier, _letterhead_address(dossier))
    commune = _commune(dossier, address)
    from_commune = None
    if epci is None and _fact(dossier, "intercommunalite.name") is None and commune:
        epci = epci_of_commune(commune)
        from_commune = commune if epci is not None else None
    requested, maximum = _aid(dossier)
    representative, title = legal_representative(dossier, *_representative(dossier))
    return Summary(
        structure=_fact(dossier, "structure.name"),
        structure_kind=_fact(dossier, "structure.kind"),
        siret=dossier.parsed.courrier.registration if dossier.parsed.courrier else None,
        epci_name=epci.name if epci else _fact(dossier, "intercommunalite.name"),
        epci_siren=epci.siren if epci else siren,
        form=_fact(dossier, "project.form"),
        iban=_fact(dossier, "rib.iban"),
        commune=commune,
        epci_from_commune=from_commune,
        address=address,
        representative=representative,
        representative_title=title,
        aid_requested=requested,
        aid_maximum=maximum,
        files=tuple((f.rel, f.sha256) for f in dossier.files if f.sha256),
    )


def reception_day(item: InboxItem) -> date | None:
    """The day the dossier is judged on: the day the register shows it « Reçu le » (its
    reception time, in the local time zone as the register shows it), so that « the plan
    starts in the past » or « the letter is dated in the future » are said of the day it
    arrived, whenever the inbox is triaged; None (the day of the run) when nothing tells
    when it was received, as the register then records the triage's time. Never after the
    day of the run (``reference_date``: ``DOSSIERKIT_TODAY`` in the tests), which a file's
    modification time can be on a machine with a wrong clock."""
    if item.received_at is None:
        return None
    return min(item.received_at.astimezone().date(), reference_date())


def verified(
    item: InboxItem, root: Path, call: Call, lang: str, intake: list[Finding], started: float
) -> Outcome:
    """The outcome of verifying the dossier unpacked or laid out at ``root``."""
    if not any(e.status == "file" for e in walk(root)):
        # Nothing to verify: not a dossier missing every piece, a sending to answer.
        return Outcome(
            item=item,
            fingerprint=source_fingerprint(item),
            status=FAILED,
            findings=tuple(intake),
            seconds=time.monotonic() - started,
            empty=True,
        )
    # Triage runs one worker process per core, each isolating a whole dossier: inside it,
    # files are read in this process and scans by one Tesseract at a time, so that workers
    # don't multiply processes beyond the cores.
    result = verify(
        root, call, ocr=OcrOptions(workers=1), read_workers=0, today=reception_day(item)
    )
    # An archive inside the sending that triage left unopened is reported by the intake's
    # finding, which says what to do without touching the inbox; ``verify``'s advice to the
    # applicant (« décompressez-la dans le dossier ») is not the instructor's.
    unopened = {f.file for f in intake if f.file is not None}
    result = dataclasses.replace(
        result,
        findings=tuple(f for f in result.findings if not (f.code == "F006" and f.file in unopened)),
    )
    report = report_data(result, "fr")
    return Outcome(
        item=item,
        fingerprint=folder_fingerprint(root),
        status=COMPLETE if result.complete else INCOMPLETE,
        summary=summarise(result.dossier),
        report=report,
        report_lang=report if lang == "fr" else report_data(result, lang),
        findings=tuple(intake),
        seconds=time.monotonic() - started,
    )


def _declared_bytes(archive: Path) -> int:
    """What the archive's members say they unpack to (0 when it cannot be read: ``unpack``
    then says why); the limits are ``unpack``'s to apply, on the bytes it really writes."""
    try:
        with zipfile.ZipFile(archive) as opened:
            return sum(info.file_size for info in opened.infolist())
    except (OSError, zipfile.BadZipFile, ValueError):
        return 0


def set_aside_findings(set_aside: list[SetAside]) -> list[Finding]:
    """The intake findings of members not unpacked; one about an archive left unopened in
    the folder names it as its file (the sending is then no complement: ``is_partial``)."""
    return [
        MemberSetAside().finding(file=s.kept, name=s.name, reason=s.reason, reason_en=s.reason_en)
        for s in set_aside
    ]


def _holds_archive(root: Path) -> bool:
    return any(e.status == "file" and e.path.suffix.lower() == ".zip" for e in walk(root))


def _copy_folder(source: Path, target: Path) -> None:
    for entry in walk(source):
        if entry.status in ("file", "manifest"):
            destination = target / entry.raw_rel
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(entry.path, destination)


def process(item: InboxItem, call: Call, lang: str, limits: Limits | None = None) -> Outcome:
    """Verify the dossier ``item``; an archive is unpacked into a temporary folder that is
    removed afterwards, and so is a folder's copy when it holds archives to open
    (``open_inner``). The inbox is only read."""
    started = time.monotonic()
    if item.kind != "zip":
        if not _holds_archive(item.path):
            return verified(item, item.path, call, lang, [], started)
        with scratch_dir("triage") as tmp:
            root = tmp / (item.path.name or "dossier")
            root.mkdir()
            with scratch_errors(tmp):
                _copy_folder(item.path, root)
                intake = set_aside_findings(open_inner(root, limits))
            return verified(item, root, call, lang, intake, started)
    with scratch_dir("triage") as tmp:
        # The folder bears the archive's name: the report names the dossier after it.
        root = tmp / (item.path.stem or "dossier")
        try:
            # A full disk under the archive's copy is no fault of the dossier: DiskFull
            # (exit code 2), which stops the triage (``pool``), rather than a dossier « en
            # échec »; the copy is removed either way.
            with scratch_errors(tmp):
                check_scratch_space(tmp, _declared_bytes(item.path))
                set_aside = unpack(item.path, root, limits, inner=True)
        except ArchiveError as exc:
            check = ArchiveRefused if exc.code == "limits" else ArchiveUnreadable
            why = check().finding(archive=item.name, reason=exc.reason, reason_en=exc.reason_en)
            return failed(item, why, started)
        return verified(item, root, call, lang, set_aside_findings(set_aside), started)
