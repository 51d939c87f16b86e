"""Verify a dossier: files → documents → pieces → facts → findings.

This is the library entry point behind ``dossierkit verify``; the CLI only parses options
and picks a reporter. Inputs are opened read-only and never modified.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path

from dossierkit.aid import aid_from_budget
from dossierkit.applicant import infer_applicant
from dossierkit.call import Call, load_call
from dossierkit.checks import CHECKS
from dossierkit.classify import classify
from dossierkit.discovery import Entry, walk
from dossierkit.dossier import Dossier, DossierFile, Fact, PieceResult
from dossierkit.facts import derive_facts
from dossierkit.findings import Finding, Severity
from dossierkit.limits import DEFAULT_LIMITS, Limits
from dossierkit.manifest import Manifest, ManifestError, load_manifest
from dossierkit.pieces import Parsed, parsers
from dossierkit.pieces.budget import BudgetFacts
from dossierkit.reading.isolation import read_files
from dossierkit.reading.ocr import OcrOptions, ScannedFile, read_scanned
from dossierkit.reading.sniff import sniff, type_from_extension

_CHUNK = 1 << 20


@dataclass(frozen=True)
class Verification:
    """A verified dossier and its findings, sorted errors first."""

    dossier: Dossier
    findings: tuple[Finding, ...]

    @property
    def complete(self) -> bool:
        """True when no error stands: every required piece is there and readable."""
        return not any(f.severity is Severity.ERROR for f in self.findings)

    @property
    def exit_code(self) -> int:
        """0 for a complete dossier (warnings allowed), 1 otherwise."""
        return 0 if self.complete else 1


def sha256_file(path: Path) -> str:
    """The SHA-256 of a file, read by chunks (a scan of 100 MB stays out of memory)."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _fingerprint(entry: Entry) -> DossierFile:
    """SHA-256 and the type told from the bytes; the document comes later."""
    claimed = type_from_extension(entry.path)
    try:
        return DossierFile(entry, sha256_file(entry.path), sniff(entry.path), claimed)
    except OSError as exc:
        return DossierFile(entry, None, "unknown", claimed, problem="corrupt", detail=str(exc))


def read_entry(entry: Entry, limits: Limits = DEFAULT_LIMITS) -> DossierFile:
    """Fingerprint and read one file (in this process: there is nothing to run beside it)."""
    return read_entries([entry], limits)[0]


def read_entries(
    entries: list[Entry], limits: Limits = DEFAULT_LIMITS, workers: int | None = None
) -> list[DossierFile]:
    """Fingerprint and read every file, each in a worker process under ``limits`` (``workers``
    as in ``read_files``: None for one per core, 0 to read in this process)."""
    files = [_fingerprint(e) for e in entries]
    todo = [i for i, f in enumerate(files) if f.problem is None]
    outcomes = read_files([(files[i].entry.path, files[i].type) for i in todo], limits, workers)
    for i, outcome in zip(todo, outcomes, strict=True):
        files[i] = replace(
            files[i], document=outcome.document, problem=outcome.problem, detail=outcome.detail
        )
    return files


def _with_ocr(files: list[DossierFile], options: OcrOptions) -> list[DossierFile]:
    """The files with their scanned pages read by OCR, before anything reads their text.

    The pages of all files are read in one pool, so that a dossier of one-page scans uses
    every core as well as one long scan does.
    """
    scanned = [
        (i, f.sha256, f.document)
        for i, f in enumerate(files)
        if f.sha256 is not None and f.document is not None and f.document.scanned_pages
    ]
    if not scanned:
        return files
    documents = read_scanned(
        [ScannedFile(files[i].entry.path, sha, document) for i, sha, document in scanned], options
    )
    result = list(files)
    for (i, _, _), document in zip(scanned, documents, strict=True):
        result[i] = replace(files[i], document=document)
    return result


def _load_manifest(
    root: Path, entries: list[Entry]
) -> tuple[Manifest | None, str | None, ManifestError | None]:
    found = [e for e in entries if e.status == "manifest"]
    if not found:
        return None, None, None
    entry = found[0]
    try:
        return load_manifest(entry.path), entry.rel, None
    except ManifestError as exc:
        return None, entry.rel, exc


def _with_kind(f: DossierFile, call: Call, manifest: Manifest | None) -> DossierFile:
    piece_kinds = {p.kind for p in call.pieces}
    if manifest is not None:
        for kind, paths in manifest.pieces.items():
            if f.rel in paths:
                return replace(
                    f,
                    kind=kind,
                    role="piece" if kind in piece_kinds else "annex",
                    evidence=("déclaré dans dossier.yaml",),
                )
    c = classify(f.rel, f.document, call)
    return replace(f, classification=c, kind=c.kind, role=c.role, evidence=c.evidence)


def _preference(f: DossierFile) -> tuple[bool, bool, int, str]:
    # A readable PDF first (the signed export rather than the Word draft), then the surest.
    score = f.classification.score if f.classification else 100
    return (not f.readable, f.type != "pdf", -score, f.rel)


def _candidates(dossier: Dossier) -> dict[str, tuple[DossierFile, ...]]:
    """Piece kind → its files, the one to use first."""
    return {
        spec.kind: tuple(sorted((f for f in dossier.files if f.kind == spec.kind), key=_preference))
        for spec in dossier.call.pieces
    }


def _parse(candidates: dict[str, tuple[DossierFile, ...]], call: Call) -> dict[str, Parsed]:
    """Parse the file used for each piece that has a parser."""
    parsed = {}
    for kind, parse in parsers().items():
        files = candidates.get(kind, ())
        if files and files[0].readable:
            parsed[kind] = parse(files[0], call)
    return parsed


def _pieces(dossier: Dossier, candidates: dict[str, tuple[DossierFile, ...]]) -> list[PieceResult]:
    facts = dossier.fact_values()
    results = []
    for spec in dossier.call.pieces:
        files = candidates[spec.kind]
        required = spec.is_required(facts)
        used = files[0] if files and files[0].readable else None
        if used is not None:
            status = "ok"
        elif files:
            status = "invalid"
        else:
            status = "missing" if required else "not_required"
        results.append(PieceResult(spec, required, status, files, used))
    return results


def _declared_facts(manifest: Manifest | None, manifest_file: str | None) -> list[Fact]:
    if manifest is None:
        return []
    return [
        Fact(name, value, "declared", manifest_file, None, "dossier.yaml")  # type: ignore[arg-type]
        for name, value in manifest.facts.items()
    ]


def build_dossier(
    root: Path,
    call: Call,
    ocr: OcrOptions | None = None,
    limits: Limits = DEFAULT_LIMITS,
    read_workers: int | None = None,
) -> Dossier:
    """Read (within ``limits``; scans by OCR, with ``ocr``'s options) and classify every file
    at ``root``."""
    entries = walk(root)
    manifest, manifest_file, manifest_error = _load_manifest(root, entries)
    read = _with_ocr(
        read_entries([e for e in entries if e.status == "file"], limits, read_workers),
        ocr or OcrOptions(),
    )
    files = [_with_kind(f, call, manifest) for f in read]
    dossier = Dossier(
        name=root.resolve().name,
        root=root,
        call=call,
        entries=entries,
        files=files,
        manifest=manifest,
        manifest_file=manifest_file,
        manifest_error=manifest_error,
    )
    candidates = _candidates(dossier)
    dossier.parsed = _parse(candidates, call)
    dossier.facts = _declared_facts(manifest, manifest_file) + infer_applicant(files)
    for parsed in dossier.parsed.values():
        dossier.facts += parsed.facts
    dossier.facts += derive_facts(dossier)
    budget = dossier.parsed.get("budget")
    if isinstance(budget, BudgetFacts):
        dossier.aid = aid_from_budget(call, budget)
    dossier.pieces = _pieces(dossier, candidates)
    return dossier


def verify(
    root: Path,
    call: Call | None = None,
    *,
    ocr: OcrOptions | None = None,
    limits: Limits = DEFAULT_LIMITS,
    read_workers: int | None = None,
) -> Verification:
    """Verify the dossier in folder ``root`` against ``call`` (the bundled call by default);
    ``ocr`` says how scans are read (cached, one process per core, by default), ``limits``
    what one file may cost to read, ``read_workers`` how many processes read the files (None:
    one per core; 0: this process)."""
    dossier = build_dossier(root, call or load_call(), ocr, limits, read_workers)
    findings = [finding for check in CHECKS for finding in check().run(dossier)]
    return Verification(dossier, tuple(sorted(findings, key=Finding.sort_key)))
