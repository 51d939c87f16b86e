"""The registry of checks: explicit lists, in the order reports present them.

``CHECKS`` are run by ``verify`` on one dossier; ``INTAKE_CHECKS`` (group I) by triage, across
the dossiers of an inbox or about a dossier that could not be verified. ``ALL_CHECKS`` is the
one catalogue that ``dossierkit checks``, the README and the tests read. A code is never
reused for another meaning. Groups: P pieces, F files, D dossier.yaml, S structure,
T dossier technique, C courrier, G signatures, L délégation, U statuts, A attestation,
B budget, X consistency between pieces, R RIB, I intake.
"""

from __future__ import annotations

from dossierkit.checks import (
    attestation,
    budget,
    consistency,
    courrier,
    delegation,
    files,
    intake,
    manifest,
    pieces,
    rib,
    signature,
    statuts,
    structure,
    technique,
)
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
    files.OcrUnavailable,
    files.ReadByOcr,
    files.SetAside,
    files.ReadingTimedOut,
    files.ReaderCrashed,
    files.ActiveContent,
    manifest.InvalidManifest,
    manifest.ManifestMissingFile,
    manifest.ManifestContradicted,
    structure.ApplicantUnknown,
    structure.EpciUnknown,
    structure.EpciNotInRegion,
    technique.UnansweredQuestion,
    technique.PlaceholderAnswer,
    technique.ProjectFormUnclear,
    technique.TooFewFunctions,
    technique.PromisedAnnexMissing,
    technique.NoFullTimeAnimator,
    technique.IncompleteGovernance,
    technique.Pel2017Cumulation,
    technique.NoStartDate,
    courrier.WrongAddressee,
    courrier.NoReferenceToCall,
    courrier.Undated,
    courrier.NoAmount,
    courrier.SignatoryUnknown,
    signature.NotSigned,
    signature.SignatureToCheck,
    signature.AlteredDigitalSignature,
    signature.DigitalSignature,
    delegation.DelegateIsNotSignatory,
    delegation.DelegatorNotLegalRepresentative,
    delegation.DelegationScope,
    delegation.DelegationAfterLetter,
    delegation.DelegationUndated,
    statuts.NoLegalBasis,
    statuts.NoRepresentative,
    attestation.VatRegimeUnstated,
    budget.BasisUnstated,
    budget.BasisContradictsVatRegime,
    budget.Unbalanced,
    budget.WrongTotal,
    budget.AnimationAidOverCeiling,
    budget.AnimationAidAfterYearThree,
    budget.EquipmentAidOverCeiling,
    budget.LetterDisagreesWithBudget,
    budget.NoFullTimeAnimator,
    budget.UnplacedBudgetItems,
    budget.TechniqueDisagreesWithBudget,
    budget.EmptyBudget,
    budget.AmountTypedAsText,
    budget.FormulaErrorInBudget,
    budget.UncalculatedWorkbook,
    consistency.StructureNameDisagrees,
    consistency.LegalRepresentativeDisagrees,
    rib.IbanNotFound,
    rib.IbanInvalid,
    rib.RibKeyInvalid,
    rib.BicInvalid,
    rib.IbanDisagreesWithRib,
    rib.HolderNotApplicant,
    rib.TreasuryAccount,
)

# Run by triage, never by verify: they compare dossiers, or say why one could not be verified.
INTAKE_CHECKS: tuple[type[Check], ...] = (
    intake.OneAidPerEpci,
    intake.SharedIban,
    intake.SharedFile,
    intake.SentTwice,
    intake.OtherVersion,
    intake.EpciFromCommune,
    intake.ArchiveUnreadable,
    intake.ArchiveRefused,
    intake.MemberSetAside,
    intake.VerificationTimeout,
    intake.VerificationFailed,
)

ALL_CHECKS: tuple[type[Check], ...] = CHECKS + INTAKE_CHECKS

BY_CODE: dict[str, type[Check]] = {check.code: check for check in ALL_CHECKS}

__all__ = ["ALL_CHECKS", "BY_CODE", "CHECKS", "INTAKE_CHECKS", "Check"]
