"""Verify a dossier: discover → read → classify → parse → facts → checks.

This is the library entry point behind ``dossierkit verify``; the CLI only parses options
and picks a reporter. Each stage lives in its own module; this one runs them in order and
builds the ``Dossier`` once. Inputs are opened read-only and never modified.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

from dossierkit.aid import aid_from_budget
from dossierkit.applicant import infer_applicant
from dossierkit.call import Call, load_call
from dossierkit.checks import CHECKS
from dossierkit.classify import classify
from dossierkit.discovery import Entry, walk
from dossierkit.dossier import Dossier, DossierFile, PieceResult
from dossierkit.fact import Fact, fact_values
from dossierkit.facts import derive_facts
from dossierkit.findings import Finding, Severity
from dossierkit.limits import DEFAULT_LIMITS, Limits
from dossierkit.manifest import Manifest, ManifestError, load_manifest
from dossierkit.pieces import PARSED_KINDS, Parsed, ParsedPieces, layout_pages, parse_pieces
from dossierkit.reading.files import ReadFile, read_entries, with_layout, with_ocr
from dossierkit.reading.ocr import OcrOptions


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


def _load_manifest(
    entries: list[Entry],
) -> tuple[Manifest | None, str | None, ManifestError | None]:
    found = [e for e in entries if e.status == "manifest"]
    if not found:
        return None, None, None
    entry = found[0]
    try:
        return load_manifest(entry.path), entry.rel, None
    except ManifestError as exc:
        return None, entry.rel, exc


def _classified(f: ReadFile, call: Call, manifest: Manifest | None) -> DossierFile:
    """The file with the piece or annex it is taken for: as dossier.yaml declares, else as
    its name and content say."""
    read = {field.name: getattr(f, field.name) for field in fields(ReadFile)}
    if manifest is not None:
        piece_kinds = {p.kind for p in call.pieces}
        for kind, paths in manifest.pieces.items():
            if f.rel in paths:
                return DossierFile(
                    **read,
                    kind=kind,
                    role="piece" if kind in piece_kinds else "annex",
                    evidence=("déclaré dans dossier.yaml",),
                )
    c = classify(f.rel, f.document, call)
    return DossierFile(**read, classification=c, kind=c.kind, role=c.role, evidence=c.evidence)


def _preference(f: DossierFile) -> tuple[bool, bool, int, str]:
    # A readable PDF first (the signed export rather than the Word draft), then the surest.
    score = f.classification.score if f.classification else 100
    return (not f.readable, f.type != "pdf", -score, f.rel)


def _candidates(files: list[DossierFile], call: Call) -> dict[str, tuple[int, ...]]:
    """Piece kind → the indexes of its files, the one to use first."""
    return {
        spec.kind: tuple(
            sorted(
                (i for i, f in enumerate(files) if f.kind == spec.kind),
                key=lambda i: _preference(files[i]),
            )
        )
        for spec in call.pieces
    }


def _used(files: list[DossierFile], candidates: dict[str, tuple[int, ...]]) -> dict[str, int]:
    """Piece kind → the index of the file its parser reads (the first, when readable)."""
    return {
        kind: indexes[0]
        for kind, indexes in candidates.items()
        if indexes and files[indexes[0]].readable
    }


def _layout_requests(files: list[DossierFile], used: dict[str, int]) -> dict[int, tuple[int, ...]]:
    """File index → the pages whose layout the parser of its piece needs."""
    requests = {}
    for kind, i in used.items():
        document = files[i].document
        if document is not None and (pages := layout_pages(kind, document)):
            requests[i] = pages
    return requests


def _parse(files: list[DossierFile], used: dict[str, int], call: Call) -> ParsedPieces:
    documents = {
        kind: (document, files[i].rel)
        for kind, i in used.items()
        if kind in PARSED_KINDS and (document := files[i].document) is not None
    }
    return parse_pieces(documents, call)


def _declared_facts(manifest: Manifest | None, manifest_file: str | None) -> list[Fact]:
    if manifest is None:
        return []
    return [
        Fact(name, value, "declared", manifest_file, None, "dossier.yaml")  # type: ignore[arg-type]
        for name, value in manifest.facts.items()
    ]


def _pieces(
    call: Call, files: list[DossierFile], candidates: dict[str, tuple[int, ...]], facts: list[Fact]
) -> tuple[PieceResult, ...]:
    values = fact_values(facts)
    results = []
    for spec in call.pieces:
        found = tuple(files[i] for i in candidates[spec.kind])
        required = spec.is_required(values)
        used = found[0] if found and found[0].readable else None
        if used is not None:
            status = "ok"
        elif found:
            status = "invalid"
        else:
            status = "missing" if required else "not_required"
        results.append(PieceResult(spec, required, status, found, used))
    return tuple(results)


def build_dossier(
    root: Path,
    call: Call,
    ocr: OcrOptions | None = None,
    limits: Limits = DEFAULT_LIMITS,
    read_workers: int | None = None,
) -> Dossier:
    """Read (within ``limits``; scans by OCR, with ``ocr``'s options), classify and parse every
    file at ``root``, and gather the facts the checks read."""
    entries = walk(root)
    manifest, manifest_file, manifest_error = _load_manifest(entries)
    read = read_entries([e for e in entries if e.status == "file"], limits, read_workers)
    read = with_ocr(read, ocr or OcrOptions())
    files = [_classified(f, call, manifest) for f in read]
    candidates = _candidates(files, call)
    used = _used(files, candidates)
    files = with_layout(files, _layout_requests(files, used), limits, read_workers)
    parsed = _parse(files, used, call)
    facts = _declared_facts(manifest, manifest_file) + infer_applicant(files, parsed)
    facts += parsed.facts
    facts += derive_facts(facts, parsed)
    return Dossier(
        name=root.resolve().name,
        root=root,
        call=call,
        entries=tuple(entries),
        files=tuple(files),
        manifest=manifest,
        manifest_file=manifest_file,
        manifest_error=manifest_error,
        facts=tuple(facts),
        pieces=_pieces(call, files, candidates, facts),
        parsed=parsed,
        aid=aid_from_budget(call, parsed.budget) if parsed.budget is not None else None,
    )


def parse_file(path: Path, kind: str, call: Call | None = None) -> Parsed | None:
    """What the parser of piece ``kind`` reads in the file at ``path`` (read, by OCR where
    scanned, and laid out as verify would); None when the file cannot be read or ``kind``
    has no parser. For scripts and tests that look at one piece."""
    call = call or load_call()
    entry = Entry(path=path, rel=path.name, status="file")
    [f] = with_ocr(read_entries([entry], workers=0), OcrOptions())
    if f.document is None or kind not in PARSED_KINDS:
        return None
    if pages := layout_pages(kind, f.document):
        [f] = with_layout([f], {0: pages}, DEFAULT_LIMITS, workers=0)
    assert f.document is not None
    parsed: Parsed | None = getattr(parse_pieces({kind: (f.document, f.rel)}, call), kind)
    return parsed


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
