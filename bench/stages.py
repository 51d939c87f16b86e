"""Where `verify` spends its CPU: each stage of the pipeline timed in one process (reading
without worker processes), on the benchmark's born-digital dossier or on a given folder.

`bench/verify.py` measures verify against `pdftotext` as a user runs it; this script says
which stage to work on when that ratio is too high. Usage:
python bench/stages.py [--pages 500 | DOSSIER]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent))
from verify import make_dossier

T = TypeVar("T")


def _timed(name: str, step: Callable[[], T]) -> T:
    start = time.process_time()
    result = step()
    print(f"| {name} | {time.process_time() - start:.2f} s |", flush=True)
    return result


def main() -> None:
    """Time each stage, then print the heaviest functions of the whole run."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("dossier", type=Path, nargs="?")
    parser.add_argument("--pages", type=int, default=500)
    args = parser.parse_args()
    work = None
    if args.dossier is None:
        work = Path(tempfile.mkdtemp(prefix="dossierkit-stages-"))
        make_dossier(work / "dossier", args.pages)
    root = args.dossier or work / "dossier"
    start = time.process_time()
    imports = _timed("imports", lambda: __import__("dossierkit.verify"))
    from dossierkit.call import load_call
    from dossierkit.discovery import walk
    from dossierkit.reading.files import read_entries
    from dossierkit.verify import verify

    del imports
    call = _timed("appel", load_call)
    entries = [e for e in walk(root) if e.status == "file"]
    _timed("lecture (sans processus de lecture)", lambda: read_entries(entries, workers=0))
    profile = cProfile.Profile()
    profile.enable()
    _timed("verify complet (lecture comprise)", lambda: verify(root, call, read_workers=0))
    profile.disable()
    print(f"| total | {time.process_time() - start:.2f} s |\n")
    pstats.Stats(profile).sort_stats("cumulative").print_stats(r"dossierkit", 30)
    if work is not None:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
