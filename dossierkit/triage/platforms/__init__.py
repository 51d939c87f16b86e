"""Dossiers as instructors receive them: a platform's export, read through its mapping.

``detect(path)`` tells an export (Démarches Simplifiées' zip, its unpacked folder, or the
folder it was downloaded to, with its table beside it) from an inbox of dossiers;
``Export.read(workdir)`` gives its applications; ``stage_all`` lays them out as dossier
folders for the triage; ``complement_request`` writes the message asking for missing pieces
in the platform's messaging, and ``answers`` what to do on the platform after a triage,
keyed by its dossier numbers.
"""

from __future__ import annotations

from dossierkit.triage.platforms.answers import (
    Answer,
    answers,
    answers_csv,
    missing_labels,
    reference_of,
    write_answers,
)
from dossierkit.triage.platforms.export import (
    Application,
    Contents,
    Declared,
    Export,
    NotAnExport,
    PlatformFile,
    detect,
    exports_in,
)
from dossierkit.triage.platforms.mapping import Mapping, MappingError, bundled, load_mapping
from dossierkit.triage.platforms.messaging import complement_request
from dossierkit.triage.platforms.stage import Staged, manifest_data, stage, stage_all

__all__ = [
    "Answer",
    "Application",
    "Contents",
    "Declared",
    "Export",
    "Mapping",
    "MappingError",
    "NotAnExport",
    "PlatformFile",
    "Staged",
    "answers",
    "answers_csv",
    "bundled",
    "complement_request",
    "detect",
    "exports_in",
    "load_mapping",
    "manifest_data",
    "missing_labels",
    "reference_of",
    "stage",
    "stage_all",
    "write_answers",
]
