"""A triage worker: ``python -m dossierkit.triage.serve TASKS RESULTS`` (two pipe fds).

The pool (``dossierkit.triage.pool``) starts it and sends, on the TASKS pipe, the work
function, the call and the language, then one dossier at a time; the worker answers each on
the RESULTS pipe. It returns when the TASKS pipe closes. A dossier whose verification
raises is answered with a failed outcome: one dossier never stops the others.
"""

from __future__ import annotations

import os
import signal
import sys
import time

from dossierkit.checks.intake import VerificationFailed
from dossierkit.triage.pool import READY, receive, send
from dossierkit.triage.worker import failed


def main(argv: list[str]) -> int:
    """Serve dossiers until the pool closes the pipe."""
    # Ctrl-C reaches the whole process group: the pool decides, workers carry on or are
    # stopped by it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    tasks = os.fdopen(int(argv[0]), "rb")
    results = os.fdopen(int(argv[1]), "wb")
    try:
        work, call, lang = receive(tasks)
        send(results, READY)
        while True:
            item = receive(tasks)
            started = time.monotonic()
            try:
                outcome = work(item, call, lang)
            except Exception as exc:  # reported on this dossier, the batch goes on
                why = VerificationFailed().finding(
                    reason=f"{type(exc).__name__} : {exc}",
                    reason_en=f"{type(exc).__name__}: {exc}",
                )
                outcome = failed(item, why, started)
            send(results, outcome)
    except (EOFError, BrokenPipeError):
        return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
