"""A platform's export: told by its layout, read as one application per dossier.

Instructors download a platform's dossiers at once: Démarches Simplifiées gives a zip
``dossiers_<démarche>_<date>.zip`` holding ``export/dossier-<n°>/`` per dossier (the form PDF,
``pieces_justificatives/``, ``messagerie/``…) and, apart, a table of one row per dossier.
Taken as a dossier, such an export mixes every applicant; read with its mapping, it gives
each application with the platform's number, its deposit date, what its form declares, its
pieces (never the form) and the files sent later through the messaging as complements.
"""

from __future__ import annotations

import dataclasses
import re
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path, PurePosixPath

from dossierkit.discovery import CLUTTER_DIRS, is_clutter, shown_name, walk
from dossierkit.errors import UsageError
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
    timezone: str = "Europe/Paris"  # the platform's, in which it shows its dates

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
    # The sendings of the folder it was found in (``inbox``) that are not the export: not
    # read with it.
    others: tuple[str, ...] = ()
    inbox: Path | None = None

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
        rows = read_rows(self.table, self.mapping, limits) if self.table else TableRows(None, {})
        if rows.problem and self.table is not None:
            notes.append(f"{self.table.name} : {rows.problem}")
        if self.others:
            where = shown_name((self.inbox or self.source.parent).name)
            listed = ", ".join(f"« {name} »" for name in self.others)
            verb = "ne fait" if len(self.others) == 1 else "ne font"
            read = "n'a pas été lu" if len(self.others) == 1 else "n'ont pas été lus"
            notes.append(
                f"Dans « {where} », {listed} {verb} pas partie de l'export et {read} avec "
                "lui : pour les trier, placez l'export dans un dossier à lui et relancez le "
                f"tri de « {where} »."
            )
        folders = _distinct(
            _dossier_folders(root, self.mapping, wrappers_only=not self.is_archive),
            root,
            self.mapping,
            notes,
        )
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


def _distinct(folders: list[Path], root: Path, mapping: Mapping, notes: list[str]) -> list[Path]:
    """``folders`` with one per dossier number: the same number twice (two downloads of
    the same démarche unpacked together) is one dossier, read once and the other noted."""
    kept: dict[str, Path] = {}
    for folder in folders:
        number = _number_of(folder.name, mapping)
        assert number is not None
        first = kept.setdefault(number, folder)
        if first != folder:
            notes.append(
                f"« {shown_name(str(folder.relative_to(root)))} » : même numéro de dossier que "
                f"« {shown_name(str(first.relative_to(root)))} », qui seul a été lu."
            )
    return list(kept.values())


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


# How deep a dossier's folder may lie in what the instructor downloaded. Démarches
# Simplifiées puts them under one folder: « export/ » in the export of the dossiers
# (DownloadableFileService.download_and_zip), « procedure-<n°>-<id>/ » in the archive of a
# démarche (ProcedureArchiveService#zip_root_folder: the archive's name, « procedure-<n°> » or
# « procedure-<n°>-mois-AAAA-MM », then the archive's id); unpacking the zip into a folder of
# its own name adds one more. Deeper than this is not a platform's layout.
_MAX_DEPTH = 3


def _clutter(name: str) -> bool:
    return is_clutter(name) or name.lower() in CLUTTER_DIRS


def _number_of(name: str, mapping: Mapping) -> str | None:
    match = mapping.dossier.match(name)
    return match.group("numero") if match else None


def _subfolders(folder: Path) -> list[Path]:
    try:
        found = [
            p
            for p in folder.iterdir()
            if p.is_dir() and not p.is_symlink() and not _clutter(p.name)
        ]
    except OSError:
        return []
    return sorted(found, key=lambda p: p.name)


def _dossier_folders(
    folder: Path, mapping: Mapping, *, wrappers_only: bool, depth: int = 0
) -> list[Path]:
    """The folders of the platform's dossiers under ``folder``: its sub-folders named as the
    platform names a dossier, else those found inside the folders wrapping them, at most
    ``_MAX_DEPTH`` deep. With ``wrappers_only``, only through a folder's only sub-folder: a
    folder the instructor gives may be an inbox, whose folders are dossiers, not an export;
    an unpacked zip is one download, read whole."""
    subs = _subfolders(folder)
    dossiers = [p for p in subs if _number_of(p.name, mapping) is not None]
    if dossiers or depth >= _MAX_DEPTH or (wrappers_only and len(subs) != 1):
        return dossiers
    return [
        found
        for sub in subs
        for found in _dossier_folders(sub, mapping, wrappers_only=wrappers_only, depth=depth + 1)
    ]


def _own_folders(mapping: Mapping) -> set[str]:
    return set(mapping.piece_folders + mapping.complement_folders) - {"."}


def _looks_exported(folder: Path, mapping: Mapping) -> bool:
    """A dossier folder as the platform writes it: its form, or one of its own folders."""
    try:
        names = {p.name for p in folder.iterdir()}
    except OSError:
        return False
    return bool(names & _own_folders(mapping)) or any(
        mapping.form and mapping.form.match(n) for n in names
    )


def _is_export(folder: Path, dossiers: list[Path], mapping: Mapping) -> bool:
    """``dossiers`` (found under ``folder``) are a platform's: one of them is laid out as the
    platform lays a dossier out, or they are wrapped in one folder and bear two numbers or
    more. Dossiers of different numbers gathered in one folder are never one application,
    however the platform laid them out; folders named so directly in a folder the instructor
    gives are the inbox's own dossiers."""
    wrapped = any(p.parent != folder for p in dossiers)
    numbers = {_number_of(p.name, mapping) for p in dossiers}
    return any(_looks_exported(p, mapping) for p in dossiers) or (wrapped and len(numbers) > 1)


def _zip_is_export(path: Path, mapping: Mapping) -> bool:
    """The zip holds a platform's dossiers, at most ``_MAX_DEPTH`` folders deep: one laid out
    as the platform lays a dossier out, or two numbers or more (a zip is one sending: two
    dossiers of the platform in it are never one application)."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    except (OSError, zipfile.BadZipFile, ValueError):
        return False
    own = _own_folders(mapping)
    numbers: set[str] = set()
    for name in names:
        parts = PurePosixPath(name).parts
        for depth, part in enumerate(parts[: _MAX_DEPTH + 1]):
            if _clutter(part):
                break
            number = _number_of(part, mapping)
            if number is None:
                continue
            rest = parts[depth + 1 :]
            if rest and (
                rest[0] in own
                or bool(len(rest) == 1 and mapping.form and mapping.form.match(rest[0]))
            ):
                return True
            numbers.add(number)
            break
    return len(numbers) > 1


def _archives(folder: Path, mapping: Mapping) -> list[Path]:
    """The zips of ``folder`` holding a platform's dossiers: those named as the platform
    names its download, newest last; else the folder's only zip when it is laid out as an
    export (renamed)."""
    try:
        zips = sorted(
            p
            for p in folder.iterdir()
            if p.is_file()
            and not p.is_symlink()
            and not is_clutter(p.name)
            and p.suffix.lower() == ".zip"
        )
    except OSError:
        return []
    named = [p for p in zips if mapping.archive is None or mapping.archive.match(p.name)]
    found = [p for p in named if _zip_is_export(p, mapping)]
    if found or len(zips) != 1 or _subfolders(folder):
        return found
    # A renamed export alone in its folder (with its table); among other sendings, it is an
    # export put in an inbox (``exports_in``).
    return [p for p in zips if _zip_is_export(p, mapping)]


def _sendings(folder: Path, export: Path) -> tuple[str, ...]:
    """The entries of ``folder`` an inbox's triage reads (folders and zips), but ``export``
    and what belongs to it (its table, older downloads of it): not read with the export."""
    try:
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError:
        return ()
    return tuple(
        shown_name(p.name)
        for p in entries
        if p != export
        and not _clutter(p.name)
        and not p.is_symlink()
        and (p.is_dir() or p.suffix.lower() == ".zip")
    )


def _detect_with(path: Path, mapping: Mapping) -> Export | None:
    """The export ``path`` is: its zip, its unpacked folder, or the folder it was
    downloaded to."""
    if path.is_symlink():
        return None
    if path.is_file():
        if path.suffix.lower() == ".zip" and _zip_is_export(path, mapping):
            return Export(mapping, path, find_table(path.parent, mapping))
        return None
    if not path.is_dir():
        return None
    dossiers = _dossier_folders(path, mapping, wrappers_only=True)
    if dossiers and _is_export(path, dossiers, mapping):
        # The unpacked export: the table waits beside it, or inside the folder given.
        table = find_table(path, mapping) or find_table(path.parent, mapping)
        return Export(mapping, path, table)
    # The instructor's download folder: the export's zip and its table side by side.
    archives = _archives(path, mapping)
    if not archives:
        return None
    archive = archives[-1]  # the newest by the time in its name
    others = tuple(n for n in _sendings(path, archive) if path / n not in archives)
    return Export(mapping, archive, find_table(path, mapping), others, path)


def exports_in(folder: Path, mapping: Mapping | None = None) -> tuple[Export, ...]:
    """The platform exports put in the inbox ``folder`` among its other sendings (an
    export's zip, its unpacked folder, the folder it was downloaded to), each with the
    other sendings of ``folder`` (``others``): triaged as an inbox's dossier, an export would
    be one dossier mixing its applicants, which the triage must never make. Empty when
    ``folder`` is itself an export (``detect``) or holds none."""
    if not folder.is_dir() or folder.is_symlink():
        return ()
    mappings = (mapping,) if mapping is not None else tuple(bundled().values())
    if any(_detect_with(folder, m) is not None for m in mappings):
        return ()
    try:
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError:
        return ()
    found = []
    for entry in entries:
        if _clutter(entry.name) or not (entry.is_dir() or entry.suffix.lower() == ".zip"):
            continue
        export = next((e for m in mappings if (e := _detect_with(entry, m)) is not None), None)
        if export is not None:
            others = _sendings(folder, entry)
            found.append(dataclasses.replace(export, others=others, inbox=folder))
    return tuple(found)


class NotAnExport(UsageError):
    """What was given as a platform's export does not have its layout; the message says the
    layout dossierkit reads and what was found instead."""


def _shown_pattern(pattern: re.Pattern[str]) -> str | None:
    """A mapping's name pattern as a person reads it (« dossier-<n°> »); None when it is
    more than a name with a number."""
    text = re.sub(r"\(\?P<numero>[^)]*\)", "<n°>", pattern.pattern).strip("^$")
    # An optional part (the platform's date suffix) is an ellipsis; an escaped dot, a dot.
    text = re.sub(r"\([^()]*\)\?", "…", text).replace("\\.", ".")
    return None if re.search(r"[\\()\[\]{}*+?|]", text) else text


def _refusal(path: Path, mapping: Mapping) -> NotAnExport:
    """Why ``path`` is not an export of ``mapping``'s platform, and what is expected."""
    dossier = _shown_pattern(mapping.dossier) or f"selon le motif {mapping.dossier.pattern}"
    own = [f"« {name}/ »" for name in mapping.piece_folders if name != "."]
    form = _shown_pattern(mapping.form) if mapping.form else None
    inside = " ou ".join([*own, *([f"son formulaire « {form} »"] if form else [])])
    tops = [f"« {mapping.root}/ »"] if mapping.root else []
    if mapping.archive is not None and mapping.archive.match("procedure-1.zip"):
        # The mapping reads Démarches Simplifiées' archives of a démarche: their top folder.
        tops.append("« procedure-<n°>-<n°>/ »")
    top = f" ({' ou '.join(tops)})" if tops else ""
    if path.is_dir():
        found = _dossier_folders(path, mapping, wrappers_only=True)
        seen = (
            f"« {shown_name(path.name)} » a {len(found)} dossier(s) « {dossier} » sans {inside}"
            if found
            else f"aucun dossier « {dossier} » n'a été trouvé dans « {shown_name(path.name)} »"
        )
    elif mapping.table is not None and mapping.table.match(path.name):
        seen = f"« {shown_name(path.name)} » est le tableau de l'export, qui se lit avec l'archive"
    elif path.suffix.lower() == ".zip":
        seen = f"l'archive « {shown_name(path.name)} » ne contient aucun dossier « {dossier}/ »"
    else:
        seen = f"« {shown_name(path.name)} » n'est pas une archive .zip"
    return NotAnExport(
        french_spacing(
            f"« {path} » n'est pas un export de {mapping.name} tel que dossierkit le lit : "
            f"{seen}. Attendu : l'archive .zip téléchargée de la plateforme, son dossier "
            "décompressé ou le dossier où elle a été téléchargée (à côté de son tableau), qui "
            f"contient un dossier « {dossier}/ » par demande"
            + (f" (avec {inside})" if inside else "")
            + f", directement ou sous un dossier de tête{top}."
        ),
        english=f"“{path}” is not a {mapping.name} export as dossierkit reads one. Expected: "
        "the platform's downloaded .zip archive, its unpacked folder, or the folder it was "
        f"downloaded to (beside its table), holding one folder “{dossier}/” per application, "
        "directly or under one top folder.",
    )


def detect(path: Path, mapping: Mapping | None = None) -> Export | None:
    """The platform export at ``path`` (its zip, its unpacked folder, or the folder the zip
    was downloaded to), read with the first shipped mapping whose layout it has; None when
    ``path`` is not an export. With ``mapping`` (the instructor said which platform), a
    ``path`` without its layout is refused (NotAnExport), saying the layout it expects."""
    if mapping is not None:
        found = _detect_with(path, mapping)
        if found is None:
            raise _refusal(path, mapping)
        return found
    for candidate in bundled().values():
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
        timezone=mapping.timezone,
    )
