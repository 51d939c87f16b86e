"""What an instructor sees in the terminal: progress while dossiers are verified, then the
table of the inbox and what the checks across dossiers found.

On a terminal the progress is a rich bar; piped or in CI, one plain line per dossier, so
that logs stay readable. Statuses are words, not only colours.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from dossierkit.report.terminal import STRINGS as REPORT_STRINGS
from dossierkit.text import counted, french_spacing
from dossierkit.triage.export import APPLICATION_COLUMNS, STATUS, Column, label
from dossierkit.triage.model import COMPLETE, FAILED, INCOMPLETE, Outcome

STRINGS: dict[str, dict[str, Any]] = {
    "fr": {
        "progress": "Vérification des dossiers",
        "line": "[{n}/{total}] {dossier} : {status}",
        "title": "Dossiers reçus dans « {inbox} »",
        # Counts in the forms of ``text.counted`` (« one|many »): « 1 envoi reçu », « 3 envois
        # reçus »; the participles agree with « envoi » (masculine) or « demande » (feminine).
        "summary": "{dossiers} : {complete}, {incomplete}",
        "dossiers": "{n} envoi reçu|{n} envois reçus",
        "complete": "{n} complet|{n} complets",
        "incomplete": "{n} incomplet|{n} incomplets",
        "sendings_failed": "{n} non vérifié|{n} non vérifiés",
        "sendings_incidents": "{n} vide ou illisible|{n} vides ou illisibles",
        "applications": "{applications} : {complete}, {incomplete}",
        "applications_n": "{n} demande|{n} demandes",
        "applications_complete": "{n} complète|{n} complètes",
        "applications_incomplete": "{n} incomplète|{n} incomplètes",
        "not_verified": "{n} non vérifiée|{n} non vérifiées",
        "duplicates": "{n} doublon|{n} doublons",
        "findings": "Contrôles entre dossiers (version actuelle de chaque demande)",
        "ignored": "Ni dossier ni archive .zip, laissés de côté : {names}.",
        "empty": "Aucun dossier (dossier ou archive .zip) dans « {inbox} ».",
        "aid": "Aide demandée / maximale",
        "sendings": "Envois reçus",
        "incidents": "Envois illisibles, inscrits sans référence (à signaler à leur expéditeur) :",
        "incident": "« {dossier} », reçu le {date} : {reason}.",
        "pending": "Compléments sans demande identifiée, à rattacher (dossierkit registre REF --rattacher ENVOI) :",
        "pending_one": "« {dossier} », reçu le {date} : {pieces}.",
        "complement": "« {dossier} » complète la demande {reference} : vérifié avec ses autres pièces.",
    },
    "en": {
        "progress": "Checking dossiers",
        "line": "[{n}/{total}] {dossier}: {status}",
        "title": 'Dossiers received in "{inbox}"',
        "summary": "{dossiers}: {complete}, {incomplete}",
        "dossiers": "{n} sending received|{n} sendings received",
        "complete": "{n} complete",
        "incomplete": "{n} incomplete",
        "sendings_failed": "{n} not verified",
        "sendings_incidents": "{n} empty or unreadable",
        "applications": "{applications}: {complete}, {incomplete}",
        "applications_n": "{n} application|{n} applications",
        "applications_complete": "{n} complete",
        "applications_incomplete": "{n} incomplete",
        "not_verified": "{n} not verified",
        "duplicates": "{n} duplicate|{n} duplicates",
        "findings": "Checks across dossiers (current version of each application)",
        "ignored": "Neither folders nor .zip archives, left aside: {names}.",
        "empty": 'No dossier (folder or .zip archive) in "{inbox}".',
        "aid": "Aid requested / maximum",
        "sendings": "Sendings received",
        "incidents": "Unreadable sendings, recorded without a reference (tell their sender):",
        "incident": '"{dossier}", received on {date}: {reason}.',
        "pending": "Complements of no identified application, to attach (dossierkit registre REF --rattacher SENDING):",
        "pending_one": '"{dossier}", received on {date}: {pieces}.',
        "complement": '"{dossier}" completes application {reference}: checked with its other pieces.',
    },
}
_STYLE = {COMPLETE: "green", FAILED: "bold red"}
# The terminal shows fewer columns than the exports: what an instructor scans first.
_SHOWN = ("reference", "structure", "intercommunalite", "form", "status", "errors", "warnings")


@contextmanager
def progress(total: int, lang: str, err: TextIO | None = None) -> Iterator[Any]:
    """A callback to tell of each finished dossier: a bar on a terminal, lines otherwise."""
    console = Console(file=err, stderr=err is None, highlight=False)
    words = STRINGS[lang]
    if console.is_terminal:
        bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        )
        task = bar.add_task(words["progress"], total=total)
        with bar:
            yield lambda outcome: bar.advance(task)
        return
    done = 0

    def line(outcome: Outcome) -> None:
        nonlocal done
        done += 1
        status = STATUS[lang][outcome.status]
        say(
            console,
            words["line"].format(n=done, total=total, dossier=outcome.item.name, status=status),
            lang,
        )

    yield line


def say(console: Console, text: str, lang: str, **style: Any) -> None:
    """Print one line of prose: in French with the spaces French typography binds (before
    « : » and « ; », inside guillemets: ``text.french_spacing``, as the register's history). Piped to a log, the line is kept
    whole (rich would break it at those no-break spaces, a colon starting the next line);
    on a terminal, wrapped at its width."""
    if lang == "fr":
        text = french_spacing(text)
    console.print(text, markup=False, soft_wrap=not console.is_terminal, **style)


def wide_console(out: TextIO | None = None) -> Console:
    """A console for tables: the terminal's width, or wide when piped to a file (a log is
    read wide rather than wrapped into unreadable narrow columns)."""
    console = Console(file=out, highlight=False)
    if not console.is_terminal:
        console.width = max(console.width, 160)
    return console


def application_counts(applications: list[dict[str, Any]], lang: str) -> str:
    """The service's count: applications by status (an application's versions once), before
    the count of the sendings verified."""
    words = STRINGS[lang]
    statuses = [a["status"] for a in applications]
    failed, duplicates = (
        statuses.count(FAILED),
        len([s for s in statuses if s not in (COMPLETE, INCOMPLETE, FAILED)]),
    )
    parts = [
        words["applications"].format(
            applications=counted(len(applications), words["applications_n"], lang),
            complete=counted(statuses.count(COMPLETE), words["applications_complete"], lang),
            incomplete=counted(statuses.count(INCOMPLETE), words["applications_incomplete"], lang),
        )
    ]
    if failed:
        parts.append(counted(failed, words["not_verified"], lang))
    if duplicates:
        parts.append(counted(duplicates, words["duplicates"], lang))
    return ", ".join(parts) + "."


def sending_counts(summary: dict[str, int], lang: str) -> str:
    """The count of the sendings verified (each version, each complement, each unreadable
    sending), after the applications': an empty folder or a cut archive is no failed
    verification, and is said as what it is."""
    words = STRINGS[lang]
    incidents = summary.get("incidents", 0)
    parts = [
        words["summary"].format(
            dossiers=counted(summary["dossiers"], words["dossiers"], lang),
            complete=counted(summary["complete"], words["complete"], lang),
            incomplete=counted(summary["incomplete"], words["incomplete"], lang),
        )
    ]
    if summary["failed"] - incidents:
        parts.append(counted(summary["failed"] - incidents, words["sendings_failed"], lang))
    if incidents:
        parts.append(counted(incidents, words["sendings_incidents"], lang))
    return ", ".join(parts) + "."


def render_table(data: dict[str, Any], out: TextIO | None = None) -> None:
    """The inbox's table, a summary line, then the findings of triage itself."""
    lang = data["lang"]
    words = STRINGS[lang]
    console = wide_console(out)
    if not data["dossiers"]:
        say(console, words["empty"].format(inbox=data["inbox"]), lang)
    elif data["applications"]:
        title = words["title"].format(inbox=data["inbox"])
        table = Table(title=french_spacing(title) if lang == "fr" else title, title_justify="left")
        columns = [c for c in APPLICATION_COLUMNS if c.key in _SHOWN]
        for column in columns:
            table.add_column(
                column.heading(lang), justify="right" if column.type == "int" else "left"
            )
        table.add_column(words["sendings"])
        table.add_column(words["aid"], justify="right", no_wrap=True)
        aid = {c.key: c for c in APPLICATION_COLUMNS if c.type == "money"}
        for entry in data["applications"]:
            cells = [label(c, entry, lang) for c in columns]
            # Versions folded under their application: the current one last.
            cells.append("\n".join(entry["dossiers"]))
            cells.append(
                f"{label(aid['total_requested'], entry, lang)} / "
                f"{label(aid['total_maximum'], entry, lang)}"
            )
            table.add_row(*cells, style=_STYLE.get(entry["status"]))
        console.print(table)
    if data["applications"]:
        say(console, application_counts(data["applications"], lang), lang)
    say(console, sending_counts(data["summary"], lang), lang)
    if data["ignored"]:
        say(console, words["ignored"].format(names=", ".join(data["ignored"])), lang)
    date = Column("received_at", "", "", "date")
    if data["incidents"]:
        console.print()
        say(console, words["incidents"], lang, style="bold")
        for incident in data["incidents"]:
            when = incident["received_at"]
            line = words["incident"].format(
                dossier=incident["dossier"],
                date=label(date, {"received_at": when}, lang),
                reason=incident["reason"].rstrip("."),
            )
            say(console, "  " + line, lang)
    if data["pending"]:
        console.print()
        say(console, words["pending"], lang, style="bold")
        for waiting in data["pending"]:
            line = words["pending_one"].format(
                dossier=waiting["dossier"],
                date=label(date, waiting, lang),
                pieces=", ".join(waiting["pieces"]),
            )
            say(console, "  " + line, lang)
    for entry in data["dossiers"]:
        if entry["complement_of"]:
            line = words["complement"].format(
                dossier=entry["dossier"], reference=entry["complement_of"]
            )
            say(console, line, lang)
    # What the checks across dossiers found, on each application's current version only:
    # an earlier version's findings are history (« dossierkit registre REF »).
    current = {a["current_version"] for a in data["applications"]}
    flagged = [
        e
        for e in data["dossiers"]
        if e["findings"] and e["dossier"] in current and not e["incident"]
    ]
    if flagged:
        console.print()
        say(console, words["findings"], lang, style="bold")
        for entry in flagged:
            for finding in entry["findings"]:
                # The severity words of ``dossierkit verify``'s findings.
                severity = REPORT_STRINGS[lang][finding["severity"]]
                # The dossier as received, and the reference the service knows it by.
                where = entry["dossier"] + (
                    f" ({entry['reference']})" if entry["reference"] else ""
                )
                say(
                    console,
                    f"{severity:<9} {finding['code']}  {where} — {finding['message']}",
                    lang,
                )
