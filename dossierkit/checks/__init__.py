"""The registry of checks: an explicit list, in the order reports present them.

A code is never reused for another meaning. Groups: F files, P pieces, D dossier.yaml,
S structure.
"""

from __future__ import annotations

from dossierkit.checks import files, manifest, pieces, structure
from dossierkit.checks.base import Check

CHECKS: tuple[type[Check], ...] = (
    pieces.EmptyDossier,
    pieces.MissingPiece,
    pieces.UnreadablePiece,
    pieces.DuplicatePiece,
    pieces.RequirementUnknown,
    pieces.MisleadingName,
    pieces.UnrecognisedFile,
    files.EmptyFile,
    files.EncryptedFile,
    files.CorruptFile,
    files.UnsupportedFile,
    files.LegacyOfficeFile,
    files.ArchiveInDossier,
    files.FileTooLarge,
    files.HostileContent,
    files.MisleadingExtension,
    files.MacrosPresent,
    files.ScannedPages,
    files.SetAside,
    manifest.InvalidManifest,
    manifest.ManifestMissingFile,
    manifest.ManifestContradicted,
    structure.ApplicantUnknown,
    structure.EpciUnknown,
    structure.EpciNotInRegion,
)

BY_CODE: dict[str, type[Check]] = {check.code: check for check in CHECKS}

__all__ = ["BY_CODE", "CHECKS", "Check"]
