"""Verify many dossiers at once, one worker process per core, each dossier on its own clock.

``concurrent.futures`` cannot stop one task that runs too long, and a worker that dies
breaks its whole pool. The workers here are ``dossierkit.workers``'s: a dossier that exceeds
its time has its worker killed (and replaced), a worker that crashes is replaced, and either
becomes a finding on that dossier while the others go on.

Workers are fresh interpreters (``exec``) rather than forks of this process: nothing of
the parent (threads, the register's connection) leaks into them. Each serves several
dossiers, so that the reading libraries are imported once per worker, and is renewed after
``max_tasks`` to give back the memory a large dossier took. Each worker's memory is capped as
verify's readers are (``Limits.max_memory_bytes``), and each dossier has the time its files
may take to be read (``Limits.seconds_per_file`` each) and a margin for the rest.
"""

from __future__ import annotations

import contextlib
import functools
import os
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator

from dossierkit.call import Call
from dossierkit.checks.intake import VerificationFailed, VerificationTimeout
from dossierkit.discovery import walk
from dossierkit.external.scratch import DiskFull, scratch_full
from dossierkit.findings import Finding
from dossierkit.limits import Limits
from dossierkit.triage.model import InboxItem, Outcome
from dossierkit.triage.worker import failed, process
from dossierkit.workers import (
    CRASHED,
    NOT_STARTED,
    RAISED,
    TIMEOUT,
    Done,
    Failed,
    limit_memory,
    supervise,
)

Work = Callable[[InboxItem, Call, str], Outcome]

# What a dossier's verification does besides reading its files (unpacking, the checks, the
# report), on a busy machine.
MARGIN_SECONDS = 60.0


def _file_count(item: InboxItem) -> int:
    """How many files the dossier holds (a zip's members), at least one."""
    try:
        if item.kind == "zip":
            with zipfile.ZipFile(item.path) as archive:
                count = sum(1 for info in archive.infolist() if not info.is_dir())
        else:
            count = sum(1 for entry in walk(item.path) if entry.status == "file")
    except (OSError, zipfile.BadZipFile, ValueError):
        count = 1  # an unreadable archive fails fast in its worker
    return max(1, count)


def deadline(item: InboxItem, limits: Limits) -> float:
    """The time a dossier's verification may take: each of its files read within its own
    time (as verify reads them), and a margin for the rest."""
    return limits.seconds_per_file * _file_count(item) + MARGIN_SECONDS


def _why(failure: Failed, timeout: float | None) -> Finding:
    """The finding that says why a dossier has no verification."""
    if failure.why == TIMEOUT:
        return VerificationTimeout().finding(seconds=f"{timeout or 0:g}")
    if failure.why == NOT_STARTED:
        return VerificationFailed().finding(
            reason="le processus de vérification n'a pas démarré",
            reason_en="the verification process did not start",
        )
    if failure.why == RAISED:
        return VerificationFailed().finding(
            reason=f"{failure.error} : {failure.message}",
            reason_en=f"{failure.error}: {failure.message}",
        )
    assert failure.why == CRASHED
    code = failure.exitcode
    if code is None:
        reason, reason_en = "processus sans réponse", "unresponsive process"
    elif code < 0:
        reason, reason_en = (
            f"processus arrêté par le signal {-code}",
            f"process killed by signal {-code}",
        )
    else:
        reason, reason_en = f"processus terminé (code {code})", f"process ended (code {code})"
    return VerificationFailed().finding(reason=reason, reason_en=reason_en)


def _verify(work: Work, call: Call, lang: str, item: InboxItem) -> Outcome:
    """One dossier, in a worker."""
    return work(item, call, lang)


def run_pool(
    items: Iterable[InboxItem],
    *,
    call: Call,
    lang: str = "fr",
    jobs: int | None = None,
    timeout: float | None = None,
    max_tasks: int = 50,
    work: Work = process,
    limits: Limits | None = None,
) -> Iterator[Outcome]:
    """Verify ``items`` with ``jobs`` workers (one per core by default) and yield each
    outcome as soon as it is known, in the order they finish. A dossier that takes more
    than ``timeout`` seconds (by default its ``deadline``), or whose worker dies or exceeds
    ``limits.max_memory_bytes``, yields a failed outcome. A full disk under a worker's
    unpacking raises DiskFull: the dossiers after it would not find more room."""
    dossiers = list(items)
    limits = limits or Limits()
    seconds = [timeout if timeout is not None else deadline(item, limits) for item in dossiers]
    # The call and the language go to each worker once, not with every dossier.
    verify = functools.partial(_verify, work, call, lang)
    results = supervise(
        verify,
        [(item,) for item in dossiers],
        workers=max(1, jobs or os.cpu_count() or 1),
        timeouts=seconds,
        max_tasks=max_tasks,
        start="exec",
        initializer=limit_memory,
        initargs=(limits.max_memory_bytes,),
    )
    # Closed when the caller stops early (a full disk, Ctrl-C): the workers are stopped then.
    with contextlib.closing(results):
        for result in results:
            if isinstance(result, Done):
                yield result.value
            elif result.why == RAISED and result.error == DiskFull.__name__:
                # The disk a worker unpacks into is full: the next dossiers would not find
                # more room. The triage stops, what was recorded stays, and the instructor
                # runs it again once there is room.
                raise scratch_full()
            else:
                started = time.monotonic() - result.seconds
                yield failed(dossiers[result.index], _why(result, seconds[result.index]), started)
