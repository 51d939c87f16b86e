"""Lay each application of an export out as a dossier folder, the way triage reads one.

A folder per sending, named after its platform folder (``dossier-20480123``), so that the
register's sending keeps the platform's number. In it: the pieces under the names the
applicant gave them (the platform's date suffix taken off), and a ``dossier.yaml`` stating
what the form declares (the structure, its intercommunalité, the form of the project, which
file is which piece): the verification then checks those declarations against the documents
as it does an applicant's. The form PDF stays out: it is the platform's, not a piece. Every
file is dated with the deposit, so that the reception date triage reads from a folder is
"Déposé le".

Files sent later through the messaging are not the deposit: each message that brought some
is a later sending (``dossier-20480123-messagerie-<date>``), dated by the message, holding
the dossier as it then stood (the deposit's pieces, and in ``messagerie/`` the files sent so
far). Triage records it as a new version of the same application, whose verdict is the
application's, and the register keeps both days: when it was deposited, when it became
complete. (A complement sent alone is merged by triage with the sendings it completes, read
again where the register saw them; a platform dossier's deposit lies inside the export's zip,
so its complements are laid out whole here instead.)
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from stdnum import iban

from dossierkit.discovery import shown_name
from dossierkit.pieces.letterhead import KINDS
from dossierkit.text import french_spacing
from dossierkit.triage.platforms.export import Application, PlatformFile
from dossierkit.triage.platforms.values import local, size_text, zone_label

# The comment heading the dossier.yaml: where its declarations come from.
_HEADER = (
    "# Déclaré par le demandeur sur {platform}, dossier n° {reference}{received}.\n"
    "# Écrit par dossierkit à la lecture de l'export : les documents sont vérifiés au regard\n"
    "# de ces déclarations.\n"
)
_REGISTERED = (
    "# Raison sociale au répertoire SIRENE : {name} (le nom retenu est celui des pièces).\n"
)


def manifest_data(application: Application, files: dict[str, str]) -> dict[str, Any]:
    """The dossier.yaml of ``application`` (see ``schemas/manifest.schema.json``): what its
    form declares, and each staged file (``files``: staged path → piece) whose field or name
    tells the piece."""
    d = application.declared
    structure: dict[str, Any] = {}
    if d.structure and len(d.structure) >= 2 and not registered_name(d.structure):
        structure["nom"] = d.structure
    if d.structure_kind in KINDS:  # every kind dossier.yaml may declare (its « type »)
        structure["type"] = d.structure_kind
    if d.siret and len(d.siret) >= 9:
        structure["siren"] = d.siret[:9]
    if d.rna and re.fullmatch(r"W\d{9}", d.rna):
        structure["rna"] = d.rna
    if d.iban and iban.is_valid(d.iban):  # a mistyped IBAN is no declaration to check
        structure["iban"] = d.iban
    epci = d.epci_name if d.epci_name and len(d.epci_name) >= 2 else d.epci_siren
    if epci:
        structure["intercommunalite"] = epci
    data: dict[str, Any] = {}
    if structure:
        data["declare_par"] = f"le formulaire de {application.platform_name}"
        data["structure"] = structure
    projet: dict[str, Any] = {}
    if d.project_form in ("lieu", "reseau"):
        projet["forme"] = d.project_form
    if d.amount_requested is not None and d.amount_requested >= 0:
        # The amount typed in the form, compared with the letter's (a YAML number when whole).
        whole = d.amount_requested == d.amount_requested.to_integral()
        projet["montant_demande"] = int(d.amount_requested) if whole else str(d.amount_requested)
    if projet:
        data["projet"] = projet
    pieces: dict[str, list[str]] = {}
    for rel, kind in sorted(files.items()):
        pieces.setdefault(kind, []).append(rel)
    if pieces:
        data["pieces"] = {k: v[0] if len(v) == 1 else v for k, v in sorted(pieces.items())}
    return data


def registered_name(name: str) -> bool:
    """The name as INSEE's SIRENE register stores it, all in capitals and without accents
    (« LA RUCHE NUMERIQUE AUDOMAROISE »), which the platform copies from it (« Entreprise
    raison sociale », the form's « Dénomination »): not declared as the structure's name, so
    that the register and the letters name the structure as its own pieces print it (« La
    Ruche numérique audomaroise »); the SIREN, declared, still identifies it."""
    return not any(c.islower() for c in name)


def _free_name(wanted: str, taken: set[str]) -> str:
    """``wanted``, or ``<stem> (2)<ext>``, ``(3)``… when a file of the dossier already has it
    (names compared as a case-insensitive file system would)."""
    path = PurePosixPath(wanted)
    name, n = wanted, 1
    while name.casefold() in taken:
        n += 1
        name = str(path.with_name(f"{path.stem} ({n}){path.suffix}"))
    taken.add(name.casefold())
    return name


def _target_name(file: PlatformFile, taken: set[str], folder: str) -> str:
    """The file's staged path: its original name; when another file of the dossier has it
    (the same name given in two fields), the platform's own name, then a number. Files are
    staged in the order of their place in the export, so the names do not vary."""
    prefix = f"{folder}/" if folder else ""
    wanted = prefix + file.name
    if wanted.casefold() in taken:
        wanted = prefix + PurePosixPath(file.rel).name
    return _free_name(wanted, taken)


@dataclass(frozen=True)
class Staged:
    """One sending laid out for the triage: the deposit, or a complement sent through the
    messaging."""

    folder: Path  # the dossier folder triage reads
    source: Path  # where the instructor finds it in the export (what the register keeps)
    reference: str  # the platform's dossier number


def _sent(file: PlatformFile) -> datetime | None:
    """When a file came through the messaging: its platform suffix, else the time its
    export gives it (a zip keeps each file's time, as ``triage.reception`` reads it)."""
    if file.sent_at is not None:
        return file.sent_at.astimezone(UTC)
    try:
        return datetime.fromtimestamp(os.stat(file.path).st_mtime, UTC)
    except OSError:
        return None


# Where the messaging files that belong to the deposit itself are grouped, before any message.
_EARLIEST = datetime.min.replace(tzinfo=UTC)


def _messages(application: Application) -> list[tuple[datetime, list[PlatformFile]]]:
    """The files sent after the deposit, grouped by message (their sending time), in order;
    a file of the messaging sent before the deposit, or whose time is unknown, is one of the
    deposit's (grouped first, under ``_EARLIEST``)."""
    deposit = application.received_at
    groups: dict[datetime, list[PlatformFile]] = {}
    for file in application.complements:
        sent = _sent(file)
        moment = sent if sent is not None and (deposit is None or sent > deposit) else None
        groups.setdefault(moment or _EARLIEST, []).append(file)
    return sorted(groups.items(), key=lambda item: item[0])


def _write(
    application: Application,
    folder: Path,
    files: list[tuple[PlatformFile, str]],
    moment: datetime | None,
) -> None:
    """Lay ``files`` ((file, sub-folder)) out in the new ``folder`` with their dossier.yaml,
    every file dated ``moment``."""
    import yaml

    folder.mkdir()
    taken: set[str] = {"dossier.yaml", "messagerie"}
    kinds: dict[str, str] = {}
    written: list[Path] = []
    for file, sub in files:
        rel = _target_name(file, taken, sub)  # as the file system names it
        destination = folder / rel
        destination.parent.mkdir(exist_ok=True)
        shutil.copyfile(file.path, destination)
        written.append(destination)
        # dossier.yaml names files as reports show them: a name that shows escaped (a
        # control or invisible character) is left to be recognised by its content.
        if file.kind is not None and shown_name(rel) == rel:
            kinds[rel] = file.kind
    data = manifest_data(application, kinds)
    received = application.received_at
    tz = application.timezone
    header = _HEADER.format(
        platform=application.platform_name,
        reference=application.reference,
        received=f", déposé le {local(received, tz):%Y-%m-%d %H:%M} ({zone_label(tz)})"
        if received
        else "",
    )
    name = application.declared.structure
    if name and registered_name(name):
        header += _REGISTERED.format(name=" ".join(name.split()))
    manifest = folder / "dossier.yaml"
    manifest.write_text(
        header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    written.append(manifest)
    if moment is not None:
        stamp = moment.timestamp()
        # The files, then their folders (deepest first: dating a file does not touch its
        # folder, but writing one did): triage dates a sending by its folder's own time
        # (``reception.source_time``), which must be the deposit's, not the staging's.
        folders = sorted({p.parent for p in written} | {folder}, key=lambda d: -len(d.parts))
        for path in [*written, *folders]:
            os.utime(path, (stamp, stamp))


@dataclass(frozen=True)
class _Sending:
    """A sending to lay out: its folder's name, its files ((file, sub-folder)), its time."""

    name: str
    files: list[tuple[PlatformFile, str]]
    moment: datetime | None
    source: Path


def _sendings(application: Application) -> list[_Sending]:
    """The deposit, then one sending per message that brought files after it, holding the
    dossier as it then stood."""
    deposit: list[tuple[PlatformFile, str]] = [
        (file, "") for file in sorted(application.pieces, key=lambda f: f.rel)
    ]
    later: list[_Sending] = []
    sent: list[tuple[PlatformFile, str]] = []
    for moment, files in _messages(application):
        batch = [(file, "messagerie") for file in sorted(files, key=lambda f: f.rel)]
        if moment == _EARLIEST:
            deposit += batch
            continue
        sent += batch
        name = f"{application.name}-messagerie-{moment:%Y-%m-%d-%H-%M-%S}"
        place = application.folder / PurePosixPath(files[0].rel).parent
        later.append(_Sending(name, deposit + sent, moment, place))
    first = _Sending(application.name, deposit, application.received_at, application.folder)
    return [first, *later]


def stage(application: Application, target: Path) -> list[Staged]:
    """Write ``application`` in ``target`` (which must exist) as the sendings it was: its
    deposit, then, for each message that brought files after it, the dossier as it stood
    then (the deposit's pieces and the messages' files so far, under ``messagerie/``), dated
    by the message, so that the register keeps it as a later version of the application
    with the day it became complete. The export is only read."""
    found = []
    for sending in _sendings(application):
        _write(application, target / sending.name, sending.files, sending.moment)
        found.append(Staged(target / sending.name, sending.source, application.reference))
    return found


def _check_room(applications: tuple[Application, ...], target: Path) -> None:
    """Refuse before copying when ``target``'s disk cannot hold the sendings laid out (an
    export given as its folder is copied whole, each message's sending with the deposit's
    pieces again): a full disk halfway is a triage lost, and temporary folders are often in
    memory."""
    from dossierkit.external.scratch import DiskFull, free_space

    needed = 0
    for application in applications:
        for sending in _sendings(application):
            for file, _ in sending.files:
                with contextlib.suppress(OSError):  # copying it will say why
                    needed += os.stat(file.path).st_size
    free = free_space(target)
    if free is None or free >= needed:
        return
    raise DiskFull(
        french_spacing(
            f"les dossiers de l'export, une fois disposés pour la vérification, occupent "
            f"{size_text(needed)} : « {target.parent} » n'en a que {size_text(free)} de libres. "
            "Libérez de la place, ou indiquez un autre dossier temporaire (variable "
            "d'environnement TMPDIR), puis relancez ; aucun fichier temporaire n'a été laissé."
        ),
        english=f"the export's dossiers, laid out for the verification, take "
        f"{needed / 1e6:.1f} MB: “{target.parent}” has only {free / 1e6:.1f} MB free. Free "
        "some space, or choose another temporary folder (the TMPDIR environment variable), "
        "and run again; no temporary file was left.",
    )


def stage_all(applications: tuple[Application, ...], target: Path) -> list[Staged]:
    """Every application's sendings laid out in ``target`` (created), in order of deposit;
    refused (DiskFull) before any copy when its disk cannot hold them."""
    target.mkdir(parents=True, exist_ok=True)
    _check_room(applications, target)
    return [staged for application in applications for staged in stage(application, target)]
