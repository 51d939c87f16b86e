"""Verify a dossier: discover → read → classify → parse → facts → checks.

This is the library entry point behind ``dossierkit verify``; the CLI only parses options
and picks a reporter. Each stage lives in its own module; this one runs them in order and
builds the ``Dossier`` once. Inputs are opened read-only and never modified.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace
from datetime import date
from pathlib import Path

from dossierkit.aid import DossierAid, aid_from_budget, anchored, start_fact
from dossierkit.applicant import infer_applicant
from dossierkit.call import Call, load_call
from dossierkit.checks import CHECKS
from dossierkit.checks.clock import judged_on
from dossierkit.classify import classify
from dossierkit.classify.pages import page_runs, resolve
from dossierkit.discovery import Entry, name_key, shown_name, walk
from dossierkit.dossier import Dossier, DossierFile, PieceResult
from dossierkit.fact import Fact, fact_values
from dossierkit.facts import derive_facts
from dossierkit.findings import Finding, Severity
from dossierkit.limits import DEFAULT_LIMITS, Limits
from dossierkit.manifest import Manifest, ManifestError, load_manifest
from dossierkit.pieces import PARSED_KINDS, Parsed, ParsedPieces, layout_pages, parse_pieces
from dossierkit.pieces.budget.region import budget_in_technique
from dossierkit.reading.files import ReadFile, read_entries, with_layout, with_ocr
from dossierkit.reading.model import Document
from dossierkit.reading.ocr import OcrOptions
from dossierkit.versions import Choice, choose, essential_missing


@dataclass(frozen=True)
class Verification:
    """A verified dossier and its findings, sorted errors first."""

    dossier: Dossier
    findings: tuple[Finding, ...]

    @property
    def complete(self) -> bool:
        """True when no error stands and no required piece lacks its essential content
        (``PieceResult``'s ``empty``): every required piece is there, readable and filled."""
        empty = any(p.status == "empty" and p.required is not False for p in self.dossier.pieces)
        return not empty and not any(f.severity is Severity.ERROR for f in self.findings)

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
            if name_key(f.rel) in {name_key(path) for path in paths}:
                return DossierFile(
                    **read,
                    kind=kind,
                    role="piece" if kind in piece_kinds else "annex",
                    evidence=("déclaré dans dossier.yaml",),
                )
    c = classify(f.rel, f.document, call)
    return DossierFile(**read, classification=c, kind=c.kind, role=c.role, evidence=c.evidence)


def _split(files: list[DossierFile], call: Call) -> list[DossierFile]:
    """Files holding several pieces (page by page, see ``classify.pages``) with their runs;
    a file declared in dossier.yaml is what it is declared."""
    runs = {
        f.rel: found
        for f in files
        if f.classification is not None and (found := page_runs(f.document, call))
    }
    whole = {f.rel: f.kind for f in files if f.rel not in runs}
    resolved = resolve(runs, whole)
    piece_kinds = {p.kind for p in call.pieces}
    split = []
    for f in files:
        if f.rel in resolved:
            first = resolved[f.rel][0]
            role = "piece" if first.kind in piece_kinds else "annex"
            f = replace(f, kind=first.kind, role=role, runs=resolved[f.rel])
        split.append(f)
    return split


def _units(files: list[DossierFile], call: Call) -> list[tuple[int, DossierFile]]:
    """(index of its file, unit) of every file as the pieces see it."""
    piece_kinds = frozenset(p.kind for p in call.pieces)
    return [(i, unit) for i, f in enumerate(files) for unit in f.units(piece_kinds)]


def _layout_requests(
    units: list[tuple[int, DossierFile]], kinds: dict[str, list[int]]
) -> dict[int, tuple[int, ...]]:
    """File index → the pages whose layout the parsers need: those of every readable
    candidate of a piece that has several (to tell the filled one), else of the one."""
    requests: dict[int, set[int]] = {}
    for kind, indexes in kinds.items():
        for n in indexes if len(indexes) > 1 else indexes[:1]:
            i, unit = units[n]
            if unit.document is not None and (pages := layout_pages(kind, unit.document)):
                requests.setdefault(i, set()).update(pages)
    return {i: tuple(sorted(pages)) for i, pages in requests.items()}


def _parse_one(kind: str, f: DossierFile, call: Call) -> Parsed | None:
    if kind not in PARSED_KINDS or f.document is None:
        return None
    parsed: Parsed | None = getattr(parse_pieces({kind: (f.document, f.rel)}, call), kind)
    return parsed


def _empty_test(kind: str, files: list[DossierFile], call: Call) -> Callable[[DossierFile], bool]:
    """Whether each of ``files`` lacks the essential content of piece ``kind``: each is
    parsed when there is a choice to make (never an empty draft over a filled document)."""
    read: dict[int, Parsed | None] = {}
    if len(files) > 1:
        read = {id(f): _parse_one(kind, f, call) for f in files if f.readable}
    return lambda f: essential_missing(kind, read.get(id(f)))


def _chosen(
    units: list[DossierFile], call: Call
) -> tuple[dict[str, Choice], dict[str, tuple[Document, str]]]:
    """Piece kind → the choice among its files, and the document its parser reads with
    the file it cites: the one used, followed by its next pages scanned apart."""
    choices, documents = {}, {}
    for spec in call.pieces:
        found = [f for f in units if f.kind == spec.kind]
        choice = choose(found, _empty_test(spec.kind, found, call))
        choices[spec.kind] = choice
        if choice.files and (document := choice.files[0].document) is not None:
            for page in choice.continued:
                if page.document is not None:
                    document = document.followed_by(page.document)
            documents[spec.kind] = (document, choice.files[0].rel)
    return choices, documents


def _budget_in_technique(
    choices: dict[str, Choice], documents: dict[str, tuple[Document, str]]
) -> str | None:
    """Take the dossier technique's budget table for the budget when no file is the budget
    (many applicants answer the call's « fournir un tableau dépenses et recettes » there and
    send nothing else): its choice becomes the technique's file, its document the table.
    The piece kind whose file now holds the budget, or None."""
    budget, technique = choices.get("budget"), choices.get("dossier_technique")
    if budget is None or budget.files or technique is None or not technique.files:
        return None
    if "dossier_technique" not in documents:
        return None
    document, file = documents["dossier_technique"]
    table = budget_in_technique(document)
    if table is None:
        return None
    choices["budget"] = Choice((technique.files[0],), (), (), None)
    documents["budget"] = (table, file)
    return "dossier_technique"


Place = tuple[str, int]


def _moved_pages(pairs: list[tuple[DossierFile, tuple[DossierFile, ...]]]) -> dict[Place, Place]:
    """(file used, page of the joined document) → (file, page) where that page really is,
    for each piece read with its next pages scanned apart (see ``_chosen``)."""
    moved: dict[Place, Place] = {}
    for used, continued in pairs:
        if used.document is None or not used.document.pages:
            continue  # a document without pages is read alone (Document.followed_by)
        offset = max(p.number for p in used.document.pages)
        for f in continued:
            if f.document is None or not f.document.pages:
                continue
            for page in f.document.pages:
                moved[(used.rel, page.number + offset)] = (f.rel, page.number)
            offset += max(p.number for p in f.document.pages)
    return moved


def _relocated_fact(fact: Fact, moved: dict[Place, Place]) -> Fact:
    if fact.file is None or fact.page is None or (fact.file, fact.page) not in moved:
        return fact
    file, page = moved[(fact.file, fact.page)]
    return replace(fact, file=file, page=page)


def _relocated(finding: Finding, moved: dict[Place, Place]) -> Finding:
    """The finding on the file and page where what it cites is, and its message with them."""
    if finding.file is None or finding.page is None or (finding.file, finding.page) not in moved:
        return finding
    file, page = moved[(finding.file, finding.page)]
    params = dict(finding.params)
    for key, value in finding.params.items():
        if value == finding.file:
            params[key] = file
        elif "page" in key and value == str(finding.page):
            params[key] = str(page)
    return replace(finding, file=file, page=page, params=params)


def _declared_facts(manifest: Manifest | None, manifest_file: str | None) -> list[Fact]:
    if manifest is None:
        return []
    # The evidence says who declared: dossier.yaml, or the platform's form it was written from.
    evidence = manifest.declared_by or "dossier.yaml"
    return [
        Fact(name, value, "declared", manifest_file, None, evidence)  # type: ignore[arg-type]
        for name, value in manifest.facts.items()
    ]


def _pieces(
    call: Call,
    choices: dict[str, Choice],
    parsed: ParsedPieces,
    facts: list[Fact],
    within: dict[str, str] | None = None,
) -> tuple[PieceResult, ...]:
    """Each piece of the call with its status; ``within`` maps a piece kind to the kind of
    the piece whose file holds it (the budget in the dossier technique)."""
    within = within or {}
    values = fact_values(facts)
    results = []
    for spec in call.pieces:
        choice = choices[spec.kind]
        found = choice.files
        required = spec.is_required(values)
        used = found[0] if found and found[0].readable else None
        if used is not None:
            empty = essential_missing(spec.kind, getattr(parsed, spec.kind, None))
            status = "empty" if empty else "ok"
        elif found:
            status = "invalid"
        else:
            status = "missing" if required else "not_required"
        results.append(
            PieceResult(
                spec,
                required,
                status,
                found,
                used,
                continued=choice.continued if used is not None else (),
                twins=choice.twins if used is not None else (),
                reason=choice.reason if used is not None else None,
                within=within.get(spec.kind) if used is not None else None,
            )
        )
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
    files = _split([_classified(f, call, manifest) for f in read], call)
    units = _units(files, call)
    kinds = {
        spec.kind: [n for n, (_, unit) in enumerate(units) if unit.kind == spec.kind]
        for spec in call.pieces
    }
    files = with_layout(files, _layout_requests(units, kinds), limits, read_workers)
    choices, documents = _chosen([unit for _, unit in _units(files, call)], call)
    held = _budget_in_technique(choices, documents)
    parsed = parse_pieces(
        {kind: found for kind, found in documents.items() if kind in PARSED_KINDS},
        call,
        [
            (document, unit.rel)
            for _, unit in _units(files, call)
            if unit.kind == "proces_verbal" and (document := unit.document) is not None
        ],
    )
    facts = _declared_facts(manifest, manifest_file)
    facts += infer_applicant([unit for _, unit in _units(files, call)], parsed)
    moved = _moved_pages([(c.files[0], c.continued) for c in choices.values() if c.continued])
    facts += [_relocated_fact(fact, moved) for fact in parsed.facts]
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
        pieces=_pieces(call, choices, parsed, facts, {"budget": held} if held else None),
        parsed=parsed,
        aid=_aid(call, parsed, facts),
    )


def _aid(call: Call, parsed: ParsedPieces, facts: Sequence[Fact]) -> DossierAid | None:
    """The aid ceilings from the budget, its years mapped on the plan's start date when the
    dossier gives one (the budget checks judge the same figures)."""
    if parsed.budget is None:
        return None
    found = start_fact(facts)
    budget = anchored(parsed.budget, facts)  # numbered years placed as the checks place them
    return aid_from_budget(call, budget, found[0] if found else None)


def parse_file(path: Path, kind: str, call: Call | None = None) -> Parsed | None:
    """What the parser of piece ``kind`` reads in the file at ``path`` (read, by OCR where
    scanned, and laid out as verify would); None when the file cannot be read or ``kind``
    has no parser. For scripts and tests that look at one piece."""
    call = call or load_call()
    entry = Entry(path=path, rel=shown_name(path.name), status="file", raw_rel=path.name)
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
    today: date | None = None,
) -> Verification:
    """Verify the dossier in folder ``root`` against ``call`` (the bundled call by default);
    ``ocr`` says how scans are read (cached, one process per core, by default), ``limits``
    what one file may cost to read, ``read_workers`` how many processes read the files (None:
    one per core; 0: this process). ``today`` is the day the dossier is judged on (its
    reception, for an application checked again later; the day of the run by default): the
    same dossier gets the same findings whenever it is checked."""
    dossier = build_dossier(root, call or load_call(), ocr, limits, read_workers)
    moved = _moved_pages([(p.used, p.continued) for p in dossier.pieces if p.used is not None])
    with judged_on(today):
        findings = [
            _relocated(finding, moved) for check in CHECKS for finding in check().run(dossier)
        ]
    return Verification(dossier, tuple(sorted(findings, key=Finding.sort_key)))
