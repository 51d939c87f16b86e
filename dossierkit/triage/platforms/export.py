"""A platform's export: told by its layout, read as one application per dossier.

Instructors download a platform's dossiers at once: Démarches Simplifiées gives a zip
``dossiers_<démarche>_<date>.zip`` holding ``export/dossier-<n°>/`` per dossier (the form PDF,
``pieces_justificatives/``, ``messagerie/``…) and, apart, a table of one row per dossier.
Taken as a dossier, such an export mixes every applicant; read with its mapping, it gives
each application with the platform's number, its deposit date, what its form declares, its
pieces (never the form) and the files sent later through the messaging as complements.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path, PurePosixPath

from dossierkit.discovery import is_clutter, shown_name, walk
from dossierkit.limits import DEFAULT_LIMITS, Limits
from dossierkit.text import fold, french_spacing
from dossierkit.triage.platforms.form import FormText, read_forms
from dossierkit.triage.platforms.mapping import Mapping, bundled
from dossierkit.triage.platforms.tabular import Row, TableRows, find_table, read_rows
from dossierkit.triage.platforms.values import (
    compact,
    digits,
    parse_moment,
    parse_money,
    size_text,
)


@dataclass(frozen=True)
class PlatformFile:
    """One file of a dossier in the export."""

    path: Path
    rel: str  # as in the export's dossier folder: "pieces_justificatives/RIB-02-03-2026-14-20-12.pdf"
    name: str  # the name the applicant gave it, the platform's suffix taken off
    sent_at: datetime | None  # when it reached the platform (UTC), from the suffix
    kind: str | None  # the piece of the call its field or name says; None when neither does


@dataclass(frozen=True)
class Declared:
    """What the applicant typed in the platform's form, the facts dossier.yaml states."""

    email: str | None = None
    siret: str | None = None  # digits
    rna: str | None = None
    structure: str | None = None
    structure_kind: str | None = None  # association, intercommunalite, commune, autre
    epci_name: str | None = None
    epci_siren: str | None = None
    project_form: str | None = None  # lieu, reseau
    amount_requested: Decimal | None = None
    iban: str | None = None


@dataclass(frozen=True)
class Application:
    """One dossier of the export: an application to verify on its own."""

    platform: str  # the mapping's "plateforme": "demarches-simplifiees"
    platform_name: str  # as the instructor reads it: "Démarches Simplifiées"
    reference: str  # the platform's dossier number
    folder: Path
    received_at: datetime | None  # "Déposé le", UTC
    state: str | None  # the platform's state ("En construction")
    form: Path | None
    declared: Declared
    pieces: tuple[PlatformFile, ...]
    complements: tuple[PlatformFile, ...]  # sent after the deposit, through the messaging
    set_aside: tuple[str, ...] = ()  # files not from the applicant (avis, horodatage…)

    @property
    def name(self) -> str:
        """The name its folder bears in the export, kept as the sending's name."""
        return self.folder.name


@dataclass(frozen=True)
class Contents:
    """The applications an export holds, in order of deposit, and what could not be used."""

    applications: tuple[Application, ...]
    table: Path | None
    notes: tuple[str, ...] = ()  # French, one sentence each


@dataclass(frozen=True)
class Export:
    """A platform's export found at ``source`` (its zip or its unpacked folder)."""

    mapping: Mapping
    source: Path
    table: Path | None = None

    @property
    def is_archive(self) -> bool:
        """The export is still the downloaded zip: unpack it (``read``) before reading."""
        return self.source.is_file()

    def read(self, workdir: Path | None = None, limits: Limits = DEFAULT_LIMITS) -> Contents:
        """Its applications; a zip is first unpacked, within the triage's limits, into
        ``workdir`` (required then), which the caller removes. The forms and the table are
        read as a dossier's files are, each in a reader process under ``limits``: one that
        cannot be read is a note, and its dossier is read without it."""
        root = self.source
        notes: list[str] = []
        if self.is_archive:
            if workdir is None:
                raise ValueError("an export archive is read from a working folder")
            from dossierkit.triage.archive import ArchiveError, unpack
            from dossierkit.triage.archive import Limits as ArchiveLimits

            root = workdir / "export"
            # An export holds every dossier of a démarche: far more than one dossier's files.
            bounds = ArchiveLimits(max_files=200_000, max_total_bytes=64 << 30)
            _check_room(self.source, workdir)
            try:
                set_aside = unpack(self.source, root, bounds)
            except ArchiveError as exc:
                return Contents((), self.table, (f"{self.source.name} : {exc.reason}",))
            notes += [f"{shown_name(s.name)} : {s.reason}" for s in set_aside]
        root = _dossiers_root(root, self.mapping) or root
        rows = read_rows(self.table, self.mapping, limits) if self.table else TableRows(None, {})
        if rows.problem and self.table is not None:
            notes.append(f"{self.table.name} : {rows.problem}")
        folders = [
            folder
            for folder in sorted(root.iterdir(), key=lambda p: p.name)
            if folder.is_dir()
            and not folder.is_symlink()
            and self.mapping.dossier.match(folder.name)
        ]
        form_paths = {folder: _form_path(folder, self.mapping) for folder in folders}
        forms = read_forms([p for p in form_paths.values() if p is not None], limits)
        found = []
        for folder in folders:
            path = form_paths[folder]
            form = forms[path] if path is not None else FormText()
            if path is not None and form.problem:
                notes.append(f"{shown_name(folder.name)}/{shown_name(path.name)} : {form.problem}")
            found.append(_application(folder, self.mapping, rows.rows, path, form))
        latest = datetime.max.replace(tzinfo=UTC)
        found.sort(key=lambda a: (a.received_at or latest, int(_number(a.reference))))
        return Contents(tuple(found), self.table, tuple(notes))


def _declared_bytes(archive: Path) -> int:
    """What the zip says its files take once unpacked (0 when it cannot be opened: the
    unpacking then says why)."""
    try:
        with zipfile.ZipFile(archive) as opened:
            return sum(info.file_size for info in opened.infolist())
    except (OSError, zipfile.BadZipFile, ValueError):
        return 0


def _check_room(archive: Path, workdir: Path) -> None:
    """Refuse before unpacking when the temporary folders' disk cannot hold the export
    twice (unpacked, then each dossier's pieces laid out for the verification): a full disk
    halfway through a démarche's export is hours lost. Told by the zip's own declaration,
    which the unpacking then holds it to."""
    from dossierkit.external.scratch import DiskFull, free_space

    declared = _declared_bytes(archive)
    base = workdir if workdir.exists() else workdir.parent
    free = free_space(base)
    if free is None or free >= 2 * declared:
        return
    raise DiskFull(
        french_spacing(
            f"« {archive.name} » se décompresse en {size_text(declared)}, que dossierkit "
            f"décompresse puis copie : il faut {size_text(2 * declared)} libres dans les "
            f"fichiers temporaires, et « {base} » n'en a que {size_text(free)}. Libérez de "
            "la place, indiquez un autre dossier temporaire (variable d'environnement "
            "TMPDIR), ou décompressez l'export sur un disque qui a la place et donnez son "
            "dossier à dossierkit."
        ),
        english=f"“{archive.name}” unpacks to {declared / 1e6:.1f} MB, which dossierkit "
        f"unpacks then copies: {2 * declared / 1e6:.1f} MB must be free for temporary files, "
        f"and “{base}” has only {free / 1e6:.1f} MB. Free some space, choose another "
        "temporary folder (the TMPDIR environment variable), or unpack the export on a disk "
        "that has room and give its folder to dossierkit.",
    )


def _number(reference: str) -> str:
    return reference if reference.isdigit() else "0"


def _dossiers_root(folder: Path, mapping: Mapping) -> Path | None:
    """The folder whose sub-folders are the dossiers: ``folder`` or its ``racine``."""
    for candidate in (folder, folder / mapping.root if mapping.root else None):
        if candidate is not None and candidate.is_dir() and _holds_dossiers(candidate, mapping):
            return candidate
    return None


def _holds_dossiers(folder: Path, mapping: Mapping) -> bool:
    try:
        subs = [p for p in folder.iterdir() if p.is_dir() and not p.is_symlink()]
    except OSError:
        return False
    dossiers = [p for p in subs if mapping.dossier.match(p.name)]
    return bool(dossiers) and any(_looks_exported(p, mapping) for p in dossiers)


def _looks_exported(folder: Path, mapping: Mapping) -> bool:
    """A dossier folder as the platform writes it: its form, or one of its own folders."""
    names = {p.name for p in folder.iterdir()}
    own = set(mapping.piece_folders + mapping.complement_folders) - {"."}
    return bool(names & own) or any(mapping.form and mapping.form.match(n) for n in names)


def _zip_holds_dossiers(path: Path, mapping: Mapping) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            names = [PurePosixPath(n) for n in archive.namelist()]
    except (OSError, zipfile.BadZipFile, ValueError):
        return False
    parts = [n.parts for n in names if n.parts]
    if mapping.root and parts and all(p[0] == mapping.root for p in parts):
        parts = [p[1:] for p in parts if len(p) > 1]
    own = set(mapping.piece_folders + mapping.complement_folders) - {"."}
    return any(
        len(p) >= 2
        and mapping.dossier.match(p[0])
        and (p[1] in own or bool(mapping.form and mapping.form.match(p[1])))
        for p in parts
    )


def _detect_with(path: Path, mapping: Mapping) -> Export | None:
    if path.is_symlink():
        return None
    if path.is_file():
        if path.suffix.lower() == ".zip" and _zip_holds_dossiers(path, mapping):
            return Export(mapping, path, find_table(path.parent, mapping))
        return None
    if not path.is_dir():
        return None
    if _dossiers_root(path, mapping) is not None:
        # The unpacked "export/" folder: the table waits beside it, or inside the folder given.
        table = find_table(path, mapping) or find_table(path.parent, mapping)
        return Export(mapping, path, table)
    # The instructor's download folder: the export's zip and its table side by side.
    archives = sorted(
        p
        for p in path.iterdir()
        if p.is_file()
        and not p.is_symlink()
        and not is_clutter(p.name)
        and (mapping.archive is None or mapping.archive.match(p.name))
        and p.suffix.lower() == ".zip"
    )
    for archive in reversed(archives):  # the newest by the time in its name
        if _zip_holds_dossiers(archive, mapping):
            return Export(mapping, archive, find_table(path, mapping))
    return None


def detect(path: Path, mapping: Mapping | None = None) -> Export | None:
    """The platform export at ``path`` (its zip, its unpacked folder, or the folder the zip
    was downloaded to), read with ``mapping`` or, when None, with the first shipped mapping
    whose layout it has; None when ``path`` is not an export."""
    for candidate in (mapping,) if mapping is not None else tuple(bundled().values()):
        found = _detect_with(path, candidate)
        if found is not None:
            return found
    return None


def _split_name(name: str, mapping: Mapping, tz: str) -> tuple[str, datetime | None]:
    """(original name, sending time): what the platform added to the stem (a date suffix,
    a numbering prefix) taken off."""
    path = PurePosixPath(name)
    stem, suffix = path.stem, path.suffix
    if mapping.suffix is None or (match := mapping.suffix.search(stem)) is None:
        return name, None
    groups = match.groupdict()
    moment = None
    if all(groups.get(k) for k in ("jour", "mois", "annee")):
        text = f"{groups['jour']}/{groups['mois']}/{groups['annee']} {groups.get('heure') or '00'}:{groups.get('minute') or '00'}"
        moment = parse_moment(text, tz)
    return (stem[: match.start()] + stem[match.end() :]).strip() + suffix, moment


def _value(labels: tuple[str, ...], row: Row, form: FormText) -> str | None:
    """A fact's value: the table's column first (the platform's own data), else the form."""
    folded = {fold(k): v for k, v in row.items()}
    for label in labels:
        value = folded.get(fold(label))
        if value is not None and str(value).strip():
            return str(value).strip()
    return form.value(labels)


def _choice(mapping: Mapping, fact: str, value: str | None) -> str | None:
    if value is None:
        return None
    choices = mapping.choices.get(fact, {})
    return choices.get(fold(value), value if not choices else None)


def _declared(mapping: Mapping, row: Row, form: FormText) -> Declared:
    def get(fact: str) -> str | None:
        labels = mapping.facts.get(fact)
        return _value(labels, row, form) if labels else None

    rna = compact(get("rna"))
    return Declared(
        email=get("courriel"),
        siret=digits(get("siret")),
        rna=rna if rna and rna.startswith("W") else None,
        structure=get("structure"),
        structure_kind=_choice(mapping, "type_structure", get("type_structure")),
        epci_name=get("intercommunalite"),
        epci_siren=digits(get("intercommunalite_siren")),
        project_form=_choice(mapping, "forme", get("forme")),
        amount_requested=parse_money(get("montant_demande")),
        iban=compact(get("iban")),
    )


def _kinds_by_name(mapping: Mapping, row: Row, form: FormText) -> dict[str, str]:
    """Original file name (folded) → piece, from the fields the files were given in: the
    table lists a file field's names joined by commas, the form one per line."""
    folded = {fold(k): v for k, v in row.items()}
    kinds: dict[str, str] = {}
    for rule in mapping.pieces:
        for label in rule.fields:
            listed = folded.get(fold(label))
            names = [n.strip() for n in str(listed).split(",")] if listed else []
            for name in [*names, *form.files(label)]:
                if name:
                    kinds.setdefault(fold(name), rule.kind)
    return kinds


def _kind(name: str, by_field: dict[str, str], mapping: Mapping) -> str | None:
    if (kind := by_field.get(fold(name))) is not None:
        return kind
    stem = PurePosixPath(name).stem
    return next((r.kind for r in mapping.pieces if any(p.search(stem) for p in r.names)), None)


def _files_in(
    folder: Path, subfolders: tuple[str, ...], mapping: Mapping, by_field: dict[str, str]
) -> list[PlatformFile]:
    found = []
    for sub in subfolders:
        base = folder if sub == "." else folder / sub
        if not base.is_dir() or base.is_symlink():
            continue
        for entry in walk(base):
            # The names as the file system has them (``rel`` is escaped for people): the
            # file is copied under its own name, and the report escapes it again.
            raw = entry.raw_rel
            if entry.status != "file" or (sub == "." and "/" in raw):
                continue
            if sub == "." and mapping.form and mapping.form.match(raw):
                continue
            name, sent = _split_name(PurePosixPath(raw).name, mapping, mapping.timezone)
            rel = raw if sub == "." else f"{sub}/{raw}"
            found.append(PlatformFile(entry.path, rel, name, sent, _kind(name, by_field, mapping)))
    return found


def _form_path(folder: Path, mapping: Mapping) -> Path | None:
    """The dossier's form PDF: the last by name when the platform printed it twice."""
    forms = sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and not p.is_symlink() and mapping.form and mapping.form.match(p.name)
    )
    return forms[-1] if forms else None


def _application(
    folder: Path, mapping: Mapping, rows: dict[str, Row], form_path: Path | None, form: FormText
) -> Application:
    match = mapping.dossier.match(folder.name)
    assert match is not None
    reference = match.group("numero")
    row = rows.get(reference, {})
    received = None
    if mapping.received_column and (cell := row.get(mapping.received_column)) is not None:
        received = parse_moment(str(cell), mapping.timezone)
    if received is None and mapping.form_received:
        received = parse_moment(form.value(mapping.form_received), mapping.timezone)
    state = row.get(mapping.state_column) if mapping.state_column else None
    by_field = _kinds_by_name(mapping, row, form)
    known = set(mapping.piece_folders + mapping.complement_folders + mapping.ignored_folders)
    set_aside = sorted(
        f"{p.name}/" if p.is_dir() else p.name
        for p in folder.iterdir()
        if (p.is_dir() and p.name not in known) or p.name in mapping.ignored_folders
    )
    return Application(
        platform=mapping.platform,
        platform_name=mapping.name,
        reference=reference,
        folder=folder,
        received_at=received,
        state=None if state is None else str(state),
        form=form_path,
        declared=_declared(mapping, row, form),
        pieces=tuple(_files_in(folder, mapping.piece_folders, mapping, by_field)),
        complements=tuple(_files_in(folder, mapping.complement_folders, mapping, by_field)),
        set_aside=tuple(set_aside),
    )
