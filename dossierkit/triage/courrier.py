"""What ``dossierkit courrier`` does once its options are read: write the acknowledgement or
the request for pieces of one application (``run_letter``), and note a letter sent
(``run_sent``).

A letter answers an application, never an export or an inbox: whichever sending or register
reference names it, the letter answers the application's current version in the register, so
that one application never gets two contrary letters. The paths are checked before any long
work, as ``commands`` does for ``triage`` and ``registre``; what the terminal is told is in the
command's language, the letters are French whatever it is.
"""

from __future__ import annotations

import dataclasses
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from dossierkit.call import Call
from dossierkit.errors import UsageError
from dossierkit.text import counted, french_spacing
from dossierkit.triage.commands import REFERENCE, check_outputs
from dossierkit.triage.model import Outcome, Reception

if TYPE_CHECKING:
    from dossierkit.triage.platforms import Export
    from dossierkit.triage.register import Register
    from dossierkit.triage.service import Service


def _letter_reception(
    register: Register, outcome: Outcome, call: Call
) -> tuple[Outcome, Reception]:
    """The dossier a letter is about, and its reception in the register. A complement sent alone
    is the application it completes, verified merged with it (as triage records it), never
    an application of its own; one that nothing identifies must first be attached."""
    from dossierkit.triage.complements import attach, is_partial
    from dossierkit.triage.run import complement_dated

    if outcome.incident:
        # Nothing could be read: an incident of the register, never an application.
        incident = register.record_incident(outcome, call)
        raise UsageError(
            f"« {outcome.item.name} » n'a rien livré à lire ({incident.reason.rstrip('.')}) : "
            "il est inscrit au registre comme incident, sans référence, et n'appelle pas ces "
            "courriers. Demandez à son expéditeur de renvoyer son dossier.",
            english=f'"{outcome.item.name}" delivered nothing to read '
            f"({_incident_reason_en(outcome, call).rstrip('.')}): it is recorded in the "
            "register as an incident, without a reference, and calls for none of these "
            "letters. Ask its sender to send the dossier again.",
        )
    if not is_partial(outcome):
        return outcome, register.record(outcome, call)
    base = register.complement_base(outcome)
    if base is None:
        raise UsageError(
            f"« {outcome.item.name} » n'apporte que des pièces, sans courrier de demande ni "
            "dossier technique : c'est le complément d'une demande, que rien n'identifie. "
            "Rattachez-le d'abord à sa demande (dossierkit registre REF --rattacher "
            f'"{outcome.item.name}"), puis écrivez le courrier de cette demande.',
            english=f'"{outcome.item.name}" brings only pieces, without a letter of application '
            "nor a dossier technique: it is the complement of an application that nothing "
            "identifies. First attach it to its application (dossierkit registre REF "
            f'--rattacher "{outcome.item.name}"), then write the letter of that application.',
        )
    dated = complement_dated(outcome, register, register.reference_of(base[0]))
    merged, complement = attach(dated, register, call, "fr", base)
    return merged, register.record(merged, call, None, complement)


def _incident_reason_en(outcome: Outcome, call: Call) -> str:
    """Why nothing of ``outcome`` could be read, in English (the register keeps it in French)."""
    from dossierkit.triage.checks import rendered
    from dossierkit.triage.model import EMPTY_REASON

    messages = [rendered(f, call, "en")["message"] for f in outcome.findings]
    return "; ".join(messages) or EMPTY_REASON["en"]


def _free_letter_name(register: Register, target: Path) -> Path:
    """``target``, or when a letter of that name was already sent (a second version
    answered the same day), the first « (2) », « (3) »… that was not: a sent letter is kept,
    the new one is written beside it."""
    candidate, number = target, 1
    while register.letter_sent_on(candidate) is not None:
        number += 1
        candidate = target.with_name(f"{target.stem} ({number}){target.suffix}")
    return candidate


def _export_dossiers(export: Export) -> int:
    """How many platform dossiers the export holds, told by its folders' names (``dossier-
    20480123``) without unpacking it: the refusal names what was given."""
    import zipfile
    from pathlib import PurePosixPath

    matches = export.mapping.dossier.match
    if export.is_archive:
        try:
            with zipfile.ZipFile(export.source) as archive:
                names = archive.namelist()
        except (OSError, zipfile.BadZipFile, ValueError):
            return 0
        return len({p for n in names for p in PurePosixPath(n).parts[:-1] if matches(p)})
    found: set[str] = set()
    level = [export.source]
    for _ in range(3):  # the dossiers' folders, under « export/ » or a « procedure-… » one
        below = []
        for folder in level:
            try:
                subs = [p for p in folder.iterdir() if p.is_dir() and not p.is_symlink()]
            except OSError:
                continue
            found |= {p.name for p in subs if matches(p.name)}
            below += [p for p in subs if not matches(p.name)]
        level = below
    return len(found)


def _refuse_export(target: Path, call: Call) -> None:
    """Refuse, before anything is read or written, a platform's export given as a letter's
    target: it holds many applications, and one letter answers one (CRPA art. L112-3: an
    acknowledgement per request). Verified as one dossier, its dossiers would be recorded as
    a version of one application, for good."""
    from dossierkit.triage import platforms
    from dossierkit.triage.register import reference_prefix

    export = platforms.detect(target)
    if export is None:
        return
    count = _export_dossiers(export)
    example = f"{reference_prefix(call.id)}-0001"
    fr = counted(count, "{n} dossier|{n} dossiers") if count else "plusieurs dossiers"
    en = f"{count} dossier{'s' if count != 1 else ''}" if count else "several dossiers"
    raise UsageError(
        f"« {target} » est un export de {export.mapping.name} ({fr}) : un courrier répond à "
        "une seule demande, et rien n'a été écrit. Triez l'export (dossierkit triage "
        f'"{target}"), puis écrivez le courrier de chaque demande par sa référence, que '
        "« dossierkit registre » liste avec son N° plateforme (dossierkit courrier "
        f"accuse-reception {example} --db REGISTRE).",
        english=f'"{target}" is an export of {export.mapping.name} ({en}): a letter answers '
        "one application, and nothing was written. Triage the export (dossierkit triage "
        f'"{target}"), then write the letter of each application by its reference, which '
        '"dossierkit registre" lists with its platform number (dossierkit courrier '
        f"accuse-reception {example} --db REGISTER).",
    )


def _refuse_inbox(register: Register, target: Path) -> None:
    """Refuse a folder that holds sendings the register knows (an inbox, or the folder a
    platform's dossiers were unpacked to): verified as one dossier, their pieces would be
    mixed into one application."""
    held = sorted(
        {
            entry.reference
            for entry, row in register.current_versions()
            if _holds(target, row.outcome.item.path)
        }
    )
    waiting = [p.source_name for p in register.pending() if _holds(target, p.source_path)]
    if not held and not waiting:
        return
    shown = ", ".join(held[:3]) + (", …" if len(held) > 3 else "")
    fr = f"{counted(len(held), '{n} demande|{n} demandes')} ({shown})" if held else ""
    en = f"{len(held)} application{'s' if len(held) != 1 else ''} ({shown})" if held else ""
    if waiting:
        fr += (" et " if held else "") + "des compléments en attente"
        en += (" and " if held else "") + "complements waiting"
    example = held[0] if held else "TLN-0003"
    raise UsageError(
        f"« {target} » est un dossier d'arrivée, pas l'envoi d'une demande : le registre y "
        f"a reçu {fr}, et un courrier répond à une seule demande. Indiquez le dossier ou "
        "l'archive de la demande, ou sa référence (dossierkit courrier accuse-reception "
        f"{example}).",
        english=f'"{target}" is an inbox, not the sending of an application: the register '
        f"received {en} in it, and a letter answers one application. Give the folder or "
        f"archive of the application, or its reference (dossierkit courrier accuse-reception "
        f"{example}).",
    )


def _holds(folder: Path, path: Path) -> bool:
    """Whether ``path`` lies inside ``folder`` (not ``folder`` itself)."""
    inner, outer = path.resolve(), folder.resolve()
    return inner != outer and inner.is_relative_to(outer)


def _current_version(register: Register, reference: str) -> tuple[Outcome, Reception] | None:
    """The current version of the application ``reference`` as the register keeps it: its
    latest verification (a complement's is the application's pieces merged), with the date
    of the request, from which its delays run; None for a reference the register lacks."""
    for entry, row in register.current_versions():
        if entry.reference == reference and row.reception is not None:
            return row.outcome, row.reception
    return None


def _platform_dossier(register: Register, target: Path) -> tuple[Outcome, Reception] | None:
    """The application whose current version is the platform's dossier at ``target`` (an
    unpacked export's ``dossier-20480123``), as the register keeps it: read with the
    platform's form and table, which the folder alone lacks."""
    for _, row in register.current_versions():
        item = row.outcome.item
        if (
            item.platform_reference is not None
            and item.path.resolve() == target.resolve()
            and row.reception is not None
        ):
            return row.outcome, row.reception
    return None


def _is_reference(target: Path) -> bool:
    """A reference of the register (TLN-0012), given where a dossier is expected: what looks
    like one and is no file nor folder."""
    return bool(REFERENCE.match(str(target))) and not target.exists()


def _said_current(reference: str, outcome: Outcome, given: str, lang: str) -> str:
    """What the terminal is told when the dossier given is not the application's current
    version: the letter answers the current one."""
    item = outcome.item
    day = item.received_at.strftime("%d/%m/%Y") if item.received_at else None
    if lang == "en":
        when = f", received on {item.received_at:%Y-%m-%d}" if item.received_at else ""
        return (
            f'{reference}: "{given}" is no longer the current version of the application; '
            f'the letter answers its current version, "{item.name}"{when}.'
        )
    when = f", reçue le {day}" if day else ""
    return french_spacing(
        f"{reference} : « {given} » n'est plus la version actuelle de la demande ; le "
        f"courrier répond à sa version actuelle, « {item.name} »{when}."
    )


def run_letter(
    kind: str,
    dossier: Path,
    call: Call,
    *,
    db: Path | None,
    output: Path | None,
    force: bool,
    pdf: bool = True,
    attention: bool = False,
    address: tuple[str, ...] = (),
    lang: str = "fr",
    out: TextIO | None = None,
) -> int:
    """Write the letter ``kind`` of an application (and its PDF when ``pdf`` and LibreOffice
    is installed), with the warnings as "points d'attention" when ``attention``, to
    ``address`` when the instructor gives it (no piece prints one).

    ``dossier`` is a sending (a folder or a .zip received: verified, recorded in the
    register if new) or a reference of the register (TLN-0012: a platform's dossier has no
    folder of its own). Whichever names the application (its first sending, a complement,
    its reference), the letter answers its current version in the register: one
    application never gets two contrary letters. A platform's export or an inbox holds
    several applications: refused before anything is written. The service's settings are
    checked first: no dossier is verified for a letter that could not be written. ``lang``
    is the language of what the terminal is told; the letter is French whatever it is, as
    the applicant reads it."""
    from dossierkit.triage.letters import check_service
    from dossierkit.triage.register import Register, RegisterError, default_path
    from dossierkit.triage.run import inbox_item
    from dossierkit.triage.service import load_service
    from dossierkit.triage.worker import process

    said = out or sys.stdout
    if _is_reference(dossier):
        reference = str(dossier).upper()
        register_path = _letter_register(db, reference)
        service = check_service(load_service())
        asked = _Asked(kind, call, service, output, force, pdf, attention, address, lang, said)
        try:
            with Register(register_path) as register:
                current = _current_version(register, reference)
                if current is None:
                    raise UsageError(
                        f"aucune demande {reference} dans le registre « {register_path} », ni "
                        f"de dossier « {dossier} » : indiquez le dossier reçu, ou le registre "
                        "de la demande (--db).",
                        english=f'no application {reference} in the register "{register_path}",'
                        f' nor a dossier "{dossier}": give the dossier received, or the '
                        "application's register (--db).",
                    )
                return _write_the_letter(asked, *current, register, register_path, None)
        except RegisterError as exc:
            raise UsageError(exc.text(), english=exc.english) from exc
    if not dossier.exists():
        raise UsageError(
            f"le dossier « {dossier} » n'existe pas.",
            english=f'the dossier "{dossier}" does not exist.',
        )
    _refuse_export(dossier, call)
    item = inbox_item(dossier)
    if item is None:
        raise UsageError(
            f"« {dossier} » n'est ni un dossier ni une archive .zip : indiquez le dossier reçu.",
            english=f'"{dossier}" is neither a folder nor a .zip archive: give the dossier '
            "received.",
        )
    # The dossier is only read; its inbox is the folder it was received in.
    protected = dossier if item.kind == "folder" else None
    register_path = db or default_path(dossier.resolve().parent)
    check_outputs({"--db": register_path}, protected, force=True)
    if output is not None:
        check_outputs({"--output": output}, protected, force)
    service = check_service(load_service())
    asked = _Asked(kind, call, service, output, force, pdf, attention, address, lang, said)
    try:
        if register_path.is_file():
            # Before the verification, which takes time: an inbox is no application.
            with Register(register_path) as register:
                _refuse_inbox(register, dossier)
                if (known := _platform_dossier(register, dossier)) is not None:
                    return _write_the_letter(asked, *known, register, register_path, protected)
        outcome = process(item, call, "fr")
        with Register(register_path) as register:
            outcome, reception = _letter_reception(register, outcome, call)
            if register.current_reception(reception.application_id) != reception.reception_id:
                # A later version (a complement, a dossier sent again) is the application's
                # state: the letter answers it, whichever sending was named.
                current = _current_version(register, reception.reference)
                if current is not None:
                    outcome, reception = current
                    print(_said_current(reception.reference, outcome, item.name, lang), file=said)
            # The request's date, from which its delays run, whichever version is answered.
            reception = dataclasses.replace(
                reception, received_at=register.first_received(reception.application_id)
            )
            return _write_the_letter(asked, outcome, reception, register, register_path, protected)
    except RegisterError as exc:
        raise UsageError(exc.text(), english=exc.english) from exc


def _letter_register(db: Path | None, reference: str) -> Path:
    """The register a letter by reference is drawn from: ``--db``, else the one of the
    current folder; it must exist (a reference is only known by it)."""
    from dossierkit.triage.register import DEFAULT_NAME

    path = db or Path.cwd() / DEFAULT_NAME
    if not path.is_file():
        raise UsageError(
            f"aucun registre « {path} » où chercher la demande {reference} : indiquez-le "
            "(--db), ou le dossier reçu.",
            english=f'no register "{path}" to find the application {reference} in: give it '
            "(--db), or the dossier received.",
        )
    return path


@dataclass(frozen=True)
class _Asked:
    """What ``courrier`` was asked to write, whichever version of the application it
    answers: the letter, the service that signs it, where and how to write it."""

    kind: str
    call: Call
    service: Service
    output: Path | None
    force: bool
    pdf: bool
    attention: bool
    address: tuple[str, ...]
    lang: str
    said: TextIO


def _write_the_letter(
    asked: _Asked,
    outcome: Outcome,
    reception: Reception,
    register: Register,
    register_path: Path,
    protected: Path | None,
) -> int:
    """Write the letter ``kind`` of ``outcome`` (the version answered) and record it in the
    register against that version; 1 when its PDF was asked for and not made."""
    from dossierkit.triage.letters import letter_name, write_letter

    kind, said = asked.kind, asked.said
    today = date.today()
    target = asked.output or _free_letter_name(
        register,
        register_path.parent / "courriers" / letter_name(reception.reference, kind, today),
    )
    check_outputs({"--output": target}, protected, asked.force)
    if (sent := register.letter_sent_on(target)) is not None:
        raise UsageError(
            f"« {target.name} » a été envoyé le {sent.strftime('%d/%m/%Y')} : un courrier "
            "envoyé est gardé tel quel. Écrivez le nouveau sous un autre nom (--output).",
            english=f'"{target.name}" was sent on {sent.isoformat()}: a letter sent is '
            "kept as it is. Write the new one under another name (--output).",
        )
    # A LetterError is a UsageError already, in both languages.
    letter = write_letter(
        kind,
        outcome,
        reception,
        asked.call,
        target,
        service=asked.service,
        force=asked.force,
        today=today,
        pdf=asked.pdf,
        attention=asked.attention,
        address=asked.address,
    )
    register.record_letter(reception.reception_id, kind, letter.docx, letter.pdf)
    # Plain lines: paths are copied from here, they must not be wrapped.
    written = _LETTER_WRITTEN[asked.lang]
    print(written[0].format(path=letter.docx), file=said)
    if letter.pdf is not None:
        print(written[1].format(path=letter.pdf), file=said)
    elif (warning := letter.warning_text(asked.lang)) is not None:
        # The PDF asked for is not written (LibreOffice missing or failed): said on stderr,
        # and the exit status says it.
        print(warning, file=sys.stderr)
        return 1
    return 0


# What ``courrier`` says of the letter written: its Word file, its PDF.
_LETTER_WRITTEN = {
    "fr": ("Courrier écrit : {path}", "PDF : {path}"),
    "en": ("Letter written: {path}", "PDF: {path}"),
}


def run_sent(
    letter: Path,
    *,
    db: Path | None,
    sent_on: date,
    lang: str = "fr",
    out: TextIO | None = None,
) -> int:
    """Record that ``letter`` (a courrier written by ``dossierkit courrier``) was sent on
    ``sent_on``: it stops being a draft, and is never written again. Said in ``lang``."""
    from dossierkit.triage.register import DEFAULT_NAME, Register, RegisterError

    # Letters are written in « courriers/ » beside the register.
    register_path = db or letter.resolve().parent.parent / DEFAULT_NAME
    if not register_path.is_file():
        raise UsageError(
            f"aucun registre en « {register_path} » : indiquez celui du courrier avec --db.",
            english=f'no register at "{register_path}": give the letter\'s register with --db.',
        )
    try:
        with Register(register_path) as register:
            reference = register.mark_sent(letter, sent_on)
    except RegisterError as exc:
        raise UsageError(exc.text(), english=exc.english) from exc
    if lang == "en":
        said = f'{reference}: "{letter.name}" recorded as sent on {sent_on.isoformat()}.'
    else:
        said = french_spacing(
            f"{reference} : « {letter.name} » noté envoyé le {sent_on.strftime('%d/%m/%Y')}."
        )
    print(said, file=out or sys.stdout)
    return 0
