"""What ``dossierkit triage``, ``registre`` and ``courrier`` do once their options are read.

``cli.py`` stays a list of options: each command calls one function here, which checks the
paths (outputs never inside the inbox, never replaced without ``--force``) before any long
work, runs the library, and writes its outputs. Problems the user can fix raise
``dossierkit.errors.UsageError`` with a French message (and its English, printed with
``--lang en``); the CLI prints it and exits with code 2. What ``courrier`` prints is in the
command's language; the letters themselves are French whatever it is.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from dossierkit.call import Call
from dossierkit.errors import UsageError
from dossierkit.text import counted, french_spacing
from dossierkit.triage.model import COMPLETE

if TYPE_CHECKING:
    from dossierkit.triage.platforms import Contents, Export, Mapping
    from dossierkit.triage.register import Register
    from dossierkit.triage.run import Triage


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def check_outputs(outputs: dict[str, Path], inbox: Path | None, force: bool) -> None:
    """Refuse, before any work, outputs that would overwrite a file or write into the inbox."""
    for option, path in outputs.items():
        if inbox is not None and _inside(path, inbox):
            raise UsageError(
                f"{option} : « {path} » est dans le dossier d'arrivée, qui n'est jamais modifié ;"
                " écrivez ailleurs.",
                english=f'{option}: "{path}" is inside the inbox folder, which is never '
                "modified; write elsewhere.",
            )
        if path.is_dir():
            raise UsageError(
                f"{option} : « {path} » est un dossier ; indiquez un fichier.",
                english=f'{option}: "{path}" is a folder; give a file.',
            )
        if path.exists() and not force:
            raise UsageError(
                f"{option} : « {path} » existe déjà (utilisez --force pour le remplacer).",
                english=f'{option}: "{path}" already exists (use --force to replace it).',
            )


def _register_path(db: Path | None, inbox: Path) -> Path:
    from dossierkit.triage.register import default_path

    path = db or default_path(inbox)
    if _inside(path, inbox):
        raise UsageError(
            f"--db : « {path} » est dans le dossier d'arrivée, qui n'est jamais modifié ;"
            " placez le registre à côté."
        )
    return path


def _write(outputs: dict[str, Path], makers: dict[str, Callable[[], bytes]], force: bool) -> None:
    from dossierkit.triage.export import OutputExists, write_atomic

    for option, path in outputs.items():
        try:
            write_atomic(path, makers[option](), force=force)
        except OutputExists as exc:
            raise UsageError(
                f"{option} : « {path} » existe déjà (utilisez --force pour le remplacer)."
            ) from exc


def _platform_export(inbox: Path, source: str | None, mapping_file: Path | None) -> Export | None:
    """The platform's export at ``inbox`` (read with the mapping of ``--mapping``, of
    ``--source``, or any shipped one whose layout it has), None for an inbox of dossiers."""
    from dossierkit.triage import platforms

    mapping: Mapping | None = None
    if mapping_file is not None:
        try:
            mapping = platforms.load_mapping(mapping_file)
        except platforms.MappingError as exc:
            raise UsageError(f"--mapping : {exc}") from exc
    elif source is not None:
        shipped = platforms.bundled()
        if source not in shipped:
            known = ", ".join(sorted(shipped))
            raise UsageError(f"--source : « {source} » est inconnue (connues : {known}).")
        mapping = shipped[source]
    export = platforms.detect(inbox, mapping)
    if export is None and mapping is not None:
        option = "--mapping" if mapping_file is not None else "--source"
        raise UsageError(
            f"{option} : « {inbox} » n'est pas un export de {mapping.name} : indiquez l'archive"
            " .zip téléchargée, son dossier décompressé ou le dossier où elle a été téléchargée."
        )
    return export


def _refuse_export_among_sendings(inbox: Path) -> None:
    """Refuse an inbox holding a platform's export beside other sendings: read as one of the
    inbox's dossiers, the export would be one demand mixing all its applicants, which the
    triage must never make (« Deux dossiers de numéros différents ne sont jamais
    fusionnés »)."""
    from dossierkit.triage import platforms

    inside = platforms.exports_in(inbox)
    if not inside:
        return
    export = inside[0]
    name = export.source.name
    raise UsageError(
        f"« {inbox} » contient l'export d'une plateforme, « {name} », à côté de "
        f"{len(export.others)} autre(s) envoi(s) : triez l'export seul (dossierkit triage "
        f"« {export.source} » --db REGISTRE), puis sortez-le du dossier d'arrivée et triez le "
        "reste avec le même registre.",
        english=f'"{inbox}" holds a platform\'s export, "{name}", beside '
        f"{len(export.others)} other sending(s): triage the export alone (dossierkit triage "
        f'"{export.source}" --db REGISTER), then move it out of the inbox and triage the rest '
        "with the same register.",
    )


def _export_source(inbox: Path) -> Path:
    """The export at ``inbox`` (its zip or unpacked folder) when it is a platform's, whose
    register is kept beside it; else ``inbox`` itself."""
    from dossierkit.triage import platforms

    export = platforms.detect(inbox) if inbox.exists() else None
    return export.source if export is not None else inbox


def _deadline() -> date | None:
    """The date by which missing pieces are asked, when the service set its delay."""
    from dossierkit.triage.service import ServiceError, load_service

    try:
        days = load_service().complement_days()
    except (ServiceError, OSError):
        return None
    return date.today() + timedelta(days=days)


def _place_in_export(export: Export, folder: Path, unpacked: Path) -> Path:
    """Where the instructor finds a dossier of ``export``: its folder, or its place inside
    the zip (``dossiers_….zip/export/dossier-20480123``) when the zip was unpacked in
    ``unpacked``. The register keeps it as the sending's path, the same at every triage."""
    if export.is_archive and folder.is_relative_to(unpacked):
        return export.source / folder.relative_to(unpacked)
    return folder


def _triage_and_write(
    folder: Path,
    inbox: Path,
    call: Call,
    register: Register,
    options: _Options,
    platform: dict[str, tuple[Path, str]] | None = None,
) -> Triage:
    """Triage the dossiers of ``folder`` (``inbox`` itself, or an export's staged), then
    write the outputs and print the table."""
    from dossierkit.triage.export import to_json, triage_csv, triage_data, triage_xlsx
    from dossierkit.triage.html import triage_html
    from dossierkit.triage.run import list_inbox, triage
    from dossierkit.triage.terminal import progress, render_table

    o = options
    with progress(len(list_inbox(folder)[0]), o.lang) as tell:
        result = triage(
            folder,
            call,
            register=register,
            jobs=o.jobs,
            timeout=o.timeout,
            lang=o.lang,
            on_outcome=tell,
            received_at=o.received_at,
            platform=platform,
        )
    result.inbox = inbox
    data = triage_data(result, call, o.lang)
    _write(
        o.outputs,
        {
            "--json": lambda: to_json(data),
            "--csv": lambda: triage_csv(data),
            "--xlsx": lambda: triage_xlsx(data, call),
            "--html": lambda: triage_html(data, inbox, o.outputs["--html"]),
        },
        o.force,
    )
    render_table(data, o.out)
    return result


@dataclass(frozen=True)
class _Options:
    """What ``run_triage`` was asked, passed on as one."""

    outputs: dict[str, Path]
    force: bool
    jobs: int | None
    timeout: float | None
    lang: str
    received_at: datetime | None
    out: TextIO | None


def _announce(export: Export, contents: Contents, lang: str, out: TextIO) -> None:
    """Say what was read of the export, and what of it could not be used."""
    count = len(contents.applications)
    plural = "s" if count > 1 else ""
    if lang == "en":
        table = f", table “{export.table.name}”" if export.table else ", no table"
        print(
            f"{export.mapping.name} export “{export.source.name}”: {count} dossier{plural}{table}.",
            file=out,
        )
    else:
        table = f", tableau « {export.table.name} »" if export.table else ", sans tableau"
        print(
            french_spacing(
                f"Export {export.mapping.name} « {export.source.name} » : {count} dossier{plural}"
                f"{table}."
            ),
            file=out,
        )
    for note in contents.notes:
        print(f"  {french_spacing(note) if lang == 'fr' else note}", file=out)


def run_triage(
    inbox: Path,
    call: Call,
    *,
    db: Path | None,
    outputs: dict[str, Path],
    force: bool,
    jobs: int | None,
    timeout: float | None,
    lang: str,
    received_at: datetime | None = None,
    out: TextIO | None = None,
    source: str | None = None,
    mapping_file: Path | None = None,
    answers_file: Path | None = None,
) -> int:
    """Triage ``inbox`` (a folder of dossiers, or a platform's export: its zip, its unpacked
    folder, or the folder it was downloaded to): 0 when every dossier is complete, 1
    otherwise. An export's dossiers are laid out in a private temporary folder, removed at
    the end, and recorded under their place in the export with the platform's numbers;
    ``answers_file`` (``--suivi``) then gets what to do on the platform for each."""
    from dossierkit.external.scratch import scratch_dir
    from dossierkit.triage import platforms
    from dossierkit.triage.register import Register, RegisterError

    if not inbox.exists():
        raise UsageError(f"« {inbox} » n'existe pas : indiquez le dossier d'arrivée.")
    export = _platform_export(inbox, source, mapping_file)
    if export is None and inbox.is_dir():
        _refuse_export_among_sendings(inbox)
    if export is None and not inbox.is_dir():
        raise UsageError(
            f"« {inbox} » n'est ni un dossier ni l'export d'une plateforme : indiquez le dossier"
            " d'arrivée."
        )
    if export is None and answers_file is not None:
        raise UsageError(
            "--suivi : le suivi par numéro de dossier ne s'écrit que pour l'export d'une"
            " plateforme (Démarches Simplifiées…)."
        )
    # An export is only read, and its register kept beside it, whichever of its forms was
    # given (the zip, its unpacked folder, the folder it was downloaded to).
    protected = export.source if export is not None else inbox
    check_outputs(
        {**outputs, **({"--suivi": answers_file} if answers_file else {})}, protected, force
    )
    try:
        register = Register(_register_path(db, protected))
    except RegisterError as exc:
        raise UsageError(exc.text(), english=exc.english) from exc
    options = _Options(outputs, force, jobs, timeout, lang, received_at, out)
    with register:
        if export is None:
            result = _triage_and_write(inbox, inbox, call, register, options)
        else:
            with scratch_dir("plateforme") as scratch:
                contents = export.read(scratch / "export")
                staged = scratch / "dossiers"
                sendings = platforms.stage_all(contents.applications, staged)
                _announce(export, contents, lang, out or sys.stdout)
                origin = {
                    s.folder.name: (
                        _place_in_export(export, s.source, scratch / "export"),
                        s.reference,
                    )
                    for s in sendings
                }
                result = _triage_and_write(staged, inbox, call, register, options, origin)
    if received_at is not None:
        _say_dating(result, received_at, lang, out or sys.stdout)
    if export is not None and answers_file is not None:
        found = platforms.answers(result.rows, export.mapping, call=call, deadline=_deadline())
        _write(
            {"--suivi": answers_file},
            {"--suivi": lambda: platforms.answers_csv(found, export.mapping)},
            force,
        )
    return 0 if all(row.outcome.status == COMPLETE for row in result.rows) else 1


# How many sendings a line of the terminal names before it counts the others.
_NAMED = 5


def _say_dating(result: Triage, given: datetime, lang: str, out: TextIO) -> None:
    """Say to which sendings ``--recu-le`` was not applied: those the register already had
    (their reception stays the one recorded, from which the letters' delays run: CRPA art.
    L231-4), and complements or new versions of an application received after that date
    (never dated before the request they complete)."""
    day = given.strftime("%d/%m/%Y" if lang == "fr" else "%Y-%m-%d")
    if result.kept_dates:
        # A few named, the others counted: an inbox triaged again may hold hundreds.
        shown, more = result.kept_dates[:_NAMED], len(result.kept_dates) - _NAMED
        if lang == "en":
            names = ", ".join(f"“{n}” ({r}, {d:%Y-%m-%d})" for n, r, d in shown)
            others = f" and {more} other{'s' if more > 1 else ''}" if more > 0 else ""
            print(
                f"--recu-le {day} applies to the sendings new to the register only; these were "
                f"already in it and keep their date of receipt: {names}{others}.",
                file=out,
            )
        else:
            names = ", ".join(f"« {n} » ({r}, {d:%d/%m/%Y})" for n, r, d in shown)
            others = f" et {counted(more, '{n} autre|{n} autres')}" if more > 0 else ""
            print(
                french_spacing(
                    f"--recu-le {day} ne s'applique qu'aux envois nouveaux au registre ; "
                    f"déjà inscrits, ceux-ci gardent leur date de réception : {names}{others}."
                ),
                file=out,
            )
    for name, reference, when in result.dated_later:
        if lang == "en":
            print(
                f"--recu-le {day} is not applied to “{name}”, which joins {reference}, received "
                f"after that date: it is dated {when:%Y-%m-%d %H:%M}, never before the "
                "application it completes.",
                file=out,
            )
        else:
            print(
                french_spacing(
                    f"--recu-le {day} n'est pas appliqué à « {name} », qui rejoint la demande "
                    f"{reference} reçue après cette date : il est daté du "
                    f"{when:%d/%m/%Y %H:%M}, jamais avant la demande qu'il complète."
                ),
                file=out,
            )


def run_register(
    inbox: Path | None,
    *,
    db: Path | None,
    outputs: dict[str, Path],
    force: bool,
    lang: str,
    call: Call | None = None,
    out: TextIO | None = None,
) -> int:
    """List the register's applications in order of reception, and export them with the
    columns of the triage's tracking sheet (the current version of each application, as the
    register recorded it; ``call``, the built-in one by default, names the pieces)."""
    from rich.table import Table

    from dossierkit.call import load_call
    from dossierkit.triage.export import (
        APPLICATION_COLUMNS,
        COLUMNS,
        INCIDENT_COLUMNS,
        REGISTER_COLUMNS,
        Column,
        incident_rows,
        label,
        register_applications,
        register_rows,
        table_csv,
        used_columns,
        workbook,
    )
    from dossierkit.triage.register import Register, RegisterError
    from dossierkit.triage.terminal import say, wide_console

    path = _existing_register(db, inbox)
    check_outputs(outputs, None, force)
    call = call or load_call(None)
    try:
        with Register(path) as register:
            rows = register_rows(register.entries())
            applications = register_applications(register.current_versions(), call, lang)
            versions = register.versions()
            incidents = incident_rows(register.incidents())
            waiting = register.pending()
    except RegisterError as exc:
        raise UsageError(exc.text(), english=exc.english) from exc
    # The counts of the tracking sheet, cross-dossier findings included (a rival for the same
    # intercommunalité is a warning): the table and the sheet say the same.
    counted = {a["reference"]: a for a in applications}
    for row in rows:
        if (application := counted.get(row["reference"])) is not None:
            row["errors"], row["warnings"] = application["errors"], application["warnings"]
    title = "Applications" if lang == "en" else "Demandes"
    sheets: list[tuple[str, Sequence[Column], list[dict[str, Any]]]] = [
        (title, APPLICATION_COLUMNS, applications),
        ("Versions", COLUMNS, versions),
    ]
    if incidents:
        sheets.append(("Incidents", INCIDENT_COLUMNS, incidents))
    _write(
        outputs,
        {
            "--csv": lambda: table_csv(APPLICATION_COLUMNS, applications, lang),
            "--xlsx": lambda: workbook(sheets, lang),
        },
        force,
    )
    shown = [
        c
        for c in used_columns(REGISTER_COLUMNS, rows)
        if c.key
        in (
            "reference",
            "platform_reference",
            "first_received_at",
            "structure",
            "intercommunalite",
            "form",
            "versions",
            "status",
            "errors",
            "warnings",
            "letters",
        )
    ]
    table = Table(title=f"{title} — {path}", title_justify="left")
    for column in shown:
        table.add_column(column.heading(lang), justify="right" if column.type == "int" else "left")
    for row in rows:
        table.add_row(*(label(c, row, lang) for c in shown))
    console = wide_console(out)
    console.print(table)
    if incidents:
        say(
            console,
            "Envois illisibles, sans référence :"
            if lang != "en"
            else "Unreadable sendings, without a reference:",
            lang,
            style="bold",
        )
        for incident in incidents:
            when = label(INCIDENT_COLUMNS[1], incident, lang)
            separator = ": " if lang == "en" else " : "
            say(console, f"  {incident['dossier']} ({when}){separator}{incident['reason']}", lang)
    if waiting:
        say(
            console,
            "Compléments en attente de rattachement (--rattacher) :"
            if lang != "en"
            else "Complements waiting to be attached (--rattacher):",
            lang,
            style="bold",
        )
        for pending in waiting:
            when = pending.received_at.strftime("%d/%m/%Y %H:%M")
            say(console, f"  {pending.source_name} ({when})", lang)
    return 0


# A reference as the register gives them: the call's initials and a number (TLN-0003).
REFERENCE = re.compile(r"^[A-Za-z]+-\d+$")


def split_targets(targets: tuple[str, ...]) -> tuple[Path | None, str | None]:
    """(inbox, reference) from the arguments of ``registre``: a reference is what looks like
    one and is not a folder."""
    inbox: Path | None = None
    reference: str | None = None
    for target in targets:
        if REFERENCE.match(target) and not Path(target).is_dir() and reference is None:
            reference = target.upper()
        elif inbox is None:
            inbox = Path(target)
        else:
            raise UsageError(
                f"« {target} » : indiquez au plus un dossier d'arrivée et une référence."
            )
    return inbox, reference


def _existing_register(db: Path | None, inbox: Path | None) -> Path:
    from dossierkit.triage.register import DEFAULT_NAME, default_path

    if db is not None:
        path = db
    elif inbox is not None:
        path = default_path(_export_source(inbox))
    else:
        path = Path.cwd() / DEFAULT_NAME
    if not path.is_file():
        raise UsageError(
            f"aucun registre « {path} » : lancez d'abord « dossierkit triage » sur le dossier"
            " d'arrivée, ou indiquez le registre (--db)."
        )
    return path


def run_history(
    reference: str,
    inbox: Path | None,
    *,
    db: Path | None,
    compare: tuple[int, int] | None,
    lang: str,
    out: TextIO | None = None,
) -> int:
    """Print the history of the application ``reference``, and what changed between its
    versions (only between the two of ``compare`` when given)."""
    from dossierkit.triage.history import history_lines
    from dossierkit.triage.register import Register, RegisterError

    path = _existing_register(db, inbox)
    try:
        with Register(path) as register:
            history = register.application(reference, rivals=True)
    except RegisterError as exc:
        raise UsageError(exc.text(), english=exc.english) from exc
    if history is None:
        raise UsageError(f"aucune demande {reference} dans le registre « {path} ».")
    count = len(history.versions)
    if compare is not None and max(compare) > count:
        raise UsageError(
            f"--entre : la demande {reference} a {counted(count, '{n} version|{n} versions')}."
        )
    for line in history_lines(history, lang, compare):
        print(line, file=out or sys.stdout)
    return 0


def run_attach(
    reference: str,
    sending: str,
    call: Call,
    inbox: Path | None,
    *,
    db: Path | None,
    out: TextIO | None = None,
) -> int:
    """Attach the complement ``sending`` (its name as the register lists it among those
    waiting) to the application ``reference``: recorded as its new version, verified merged
    with it."""
    from dossierkit.triage.complements import attach
    from dossierkit.triage.register import Register, RegisterError
    from dossierkit.triage.run import inbox_item
    from dossierkit.triage.worker import process

    sending = sending.strip()
    if not sending:
        raise UsageError(
            "--rattacher : indiquez le nom de l'envoi à rattacher, tel que « dossierkit "
            "registre » le liste parmi les compléments en attente."
        )
    path = _existing_register(db, inbox)
    try:
        with Register(path) as register:
            base = register.current_of(reference)
            if base is None:
                raise UsageError(f"aucune demande {reference} dans le registre « {path} ».")
            waiting = {p.source_name: p for p in register.pending()}
            if sending not in waiting:
                listed = ", ".join(f"« {name} »" for name in waiting) or "aucun"
                raise UsageError(
                    f"--rattacher : « {sending} » n'est pas un complément en attente "
                    f"(en attente : {listed})."
                )
            pending = waiting[sending]
            item = inbox_item(pending.source_path, pending.received_at)
            if item is None:
                raise UsageError(
                    f"--rattacher : « {pending.source_path} » n'est plus là ; "
                    "remettez l'envoi à sa place."
                )
            outcome, complement = attach(
                process(item, call, "fr"), register, call, "fr", (base, "instructeur")
            )
            reception = register.record(outcome, call, None, complement)
    except RegisterError as exc:
        raise UsageError(exc.text(), english=exc.english) from exc
    print(
        french_spacing(
            f"{reception.reference} : « {sending} » rattaché comme complément ; "
            f"dossier {_STATUS_WORDS.get(outcome.status, outcome.status)}."
        ),
        file=out or sys.stdout,
    )
    return 0


def run_duplicate(
    reference: str,
    original: str,
    inbox: Path | None,
    *,
    db: Path | None,
    decided_on: date | None = None,
    out: TextIO | None = None,
) -> int:
    """Record that the application ``reference`` duplicates ``original`` (the instructor's
    decision, kept in the register's history): it stays listed, as a duplicate, and leaves
    the cross-dossier checks of later triages."""
    from dossierkit.triage.register import Register, RegisterError

    path = _existing_register(db, inbox)
    day = decided_on or date.today()
    try:
        with Register(path) as register:
            register.mark_duplicate(reference, original, day)
    except RegisterError as exc:
        raise UsageError(
            f"--doublon-de : {exc.text()}",
            english=f"--doublon-de: {exc.english}" if exc.english else None,
        ) from exc
    print(
        french_spacing(
            f"{reference.upper()} : noté doublon de {original.strip().upper()} le "
            f"{day.strftime('%d/%m/%Y')}."
        ),
        file=out or sys.stdout,
    )
    return 0


_STATUS_WORDS = {"complete": "complet", "incomplete": "incomplet", "failed": "en échec"}
