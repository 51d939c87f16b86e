"""Lay each application of an export out as a dossier folder, the way triage reads one.

A folder per application, named after its platform folder (``dossier-20480123``), so that the
register's sending keeps the platform's number. In it: the pieces under the names the
applicant gave them (the platform's date suffix taken off), the files sent later through the
messaging in ``messagerie/``, and a ``dossier.yaml`` stating what the form declares (the
structure, its intercommunalité, the form of the project, which file is which piece): the
verification then checks those declarations against the documents as it does an applicant's.
The form PDF stays out: it is the platform's, not a piece. Every file is dated with the
deposit, so that the reception date triage reads from a folder is "Déposé le".
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path, PurePosixPath
from typing import Any

from dossierkit.discovery import shown_name
from dossierkit.triage.platforms.export import Application, PlatformFile

# The comment heading the dossier.yaml: where its declarations come from.
_HEADER = (
    "# Déclaré par le demandeur sur {platform}, dossier n° {reference}{received}.\n"
    "# Écrit par dossierkit à la lecture de l'export : les documents sont vérifiés au regard\n"
    "# de ces déclarations.\n"
)


def manifest_data(application: Application, files: dict[str, str]) -> dict[str, Any]:
    """The dossier.yaml of ``application`` (see ``schemas/manifest.schema.json``): what its
    form declares, and each staged file (``files``: staged path → piece) whose field or name
    tells the piece."""
    d = application.declared
    structure: dict[str, Any] = {}
    if d.structure and len(d.structure) >= 2:
        structure["nom"] = d.structure
    if d.structure_kind in ("association", "intercommunalite", "commune", "autre"):
        structure["type"] = d.structure_kind
    if d.siret and len(d.siret) >= 9:
        structure["siren"] = d.siret[:9]
    epci = d.epci_name if d.epci_name and len(d.epci_name) >= 2 else d.epci_siren
    if epci:
        structure["intercommunalite"] = epci
    data: dict[str, Any] = {}
    if structure:
        data["structure"] = structure
    if d.project_form in ("lieu", "reseau"):
        data["projet"] = {"forme": d.project_form}
    pieces: dict[str, list[str]] = {}
    for rel, kind in sorted(files.items()):
        pieces.setdefault(kind, []).append(rel)
    if pieces:
        data["pieces"] = {k: v[0] if len(v) == 1 else v for k, v in sorted(pieces.items())}
    return data


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


def stage(application: Application, target: Path) -> Path:
    """Write ``application`` as a dossier folder in ``target`` (which must exist) and
    return the folder. The export is only read."""
    import yaml

    folder = target / application.name
    folder.mkdir()
    taken: set[str] = {"dossier.yaml", "messagerie"}
    kinds: dict[str, str] = {}
    written: list[Path] = []
    for files, sub in ((application.pieces, ""), (application.complements, "messagerie")):
        for file in sorted(files, key=lambda f: f.rel):
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
    header = _HEADER.format(
        platform=application.platform_name,
        reference=application.reference,
        received=f", déposé le {received:%Y-%m-%d %H:%M} UTC" if received else "",
    )
    manifest = folder / "dossier.yaml"
    manifest.write_text(
        header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    written.append(manifest)
    if received is not None:
        stamp = received.timestamp()
        for path in written:
            os.utime(path, (stamp, stamp))
    return folder


def stage_all(applications: tuple[Application, ...], target: Path) -> list[Path]:
    """Every application laid out in ``target`` (created), in order of deposit."""
    target.mkdir(parents=True, exist_ok=True)
    return [stage(application, target) for application in applications]
