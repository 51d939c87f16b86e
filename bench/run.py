"""Run every benchmark of dossierkit and print their tables, one after the other.

Each script generates its own inputs and measures its baseline in the same run, so that the
ratios hold on a noisy machine:

- ``verify.py``: `verify` of a ~500-page born-digital dossier against `pdftotext`, and the
  start-up of `dossierkit --version` / `--help` against `python -c pass`;
- ``assemble.py``: `assemble` of the same kind of dossier against `qpdf --empty --pages`;
- ``ocr.py``: OCR of a 20-page scan against `tesseract` page by page (2 processes,
  `OMP_THREAD_LIMIT=1`), the speed-up from 1 to 2 workers, and a second `verify` (cache);
- ``triage.py``: `triage` of an inbox of 100 dossiers with 1 and 2 workers, peak memory;
- ``workers.py``: the worker supervisor against pebble's ProcessPool (if installed): reading
  8 and 100 small files, a task past its time-out, workers that die.

Usage, from the repository's root: ``python bench/run.py`` (about 10 minutes on 2 cores);
``python bench/run.py verify assemble`` runs only those.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = ("verify", "assemble", "ocr", "triage", "workers")


def main() -> None:
    """Run the benchmarks named on the command line (all by default)."""
    names = sys.argv[1:] or list(BENCHMARKS)
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        sys.exit(f"benchmarks inconnus : {', '.join(unknown)} (connus : {', '.join(BENCHMARKS)})")
    failed = 0
    for name in names:
        print(f"\n## {name}\n", flush=True)
        failed += (
            subprocess.run([sys.executable, str(HERE / f"{name}.py")], check=False).returncode != 0
        )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
