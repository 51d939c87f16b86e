"""Where `verify` spends its CPU: each stage of the pipeline timed in one process (reading
without worker processes), on the benchmark's born-digital dossier or on a given folder.

`bench/verify.py` measures verify against `pdftotext` as a user runs it; this script says
which stage to work on when that ratio is too high. The stages are timed by wrapping the
functions `dossierkit.verify` calls (no profiler: a profiler slows pure-Python code several
times more than native code, and so misplaces the cost); ``--profile`` then prints the
heaviest functions under cProfile. Usage:
python bench/stages.py [--pages 500 | DOSSIER] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import importlib
import pstats
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from verify import make_dossier

# (module, function, stage): the steps of ``dossierkit.verify.build_dossier``, and each
# piece's parser (called through its module by ``pieces.parse_pieces``).
_STEPS = (
    ("dossierkit.verify", "build_dossier", "dossier construit (tout sauf les contrôles)"),
    ("dossierkit.verify", "walk", "découverte des fichiers"),
    ("dossierkit.verify", "read_entries", "lecture (sans processus de lecture)"),
    ("dossierkit.verify", "with_ocr", "OCR"),
    ("dossierkit.verify", "_classified", "classement des fichiers"),
    ("dossierkit.verify", "_split", "pièces réunies dans un fichier"),
    ("dossierkit.verify", "layout_pages", "choix des pages à mettre en page"),
    ("dossierkit.verify", "with_layout", "mise en page (tableaux)"),
    ("dossierkit.verify", "_budget_in_technique", "budget dans le dossier technique"),
    ("dossierkit.verify", "infer_applicant", "porteur"),
    ("dossierkit.verify", "derive_facts", "faits dérivés"),
    ("dossierkit.pieces.courrier", "parse", "analyse : courrier"),
    ("dossierkit.pieces.budget", "parse", "analyse : budget"),
    ("dossierkit.pieces.attestation", "parse", "analyse : attestation TVA"),
    ("dossierkit.pieces.statuts", "parse", "analyse : statuts"),
    ("dossierkit.pieces.delegation", "parse", "analyse : délégation"),
    ("dossierkit.pieces.rib", "parse", "analyse : RIB"),
    ("dossierkit.pieces.technique", "parse", "analyse : dossier technique"),
    ("dossierkit.pieces.minutes", "parse", "analyse : procès-verbaux"),
)


def _wrap(totals: dict[str, float], stage: str, step: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(step)
    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return step(*args, **kwargs)
        finally:
            totals[stage] += time.process_time() - start

    return timed


def _clock(name: str, step: Callable[[], Any], rows: list[tuple[str, float]]) -> Any:
    start = time.process_time()
    result = step()
    rows.append((name, time.process_time() - start))
    return result


def main() -> None:
    """Time each stage, then (with --profile) print the heaviest functions of a second run."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("dossier", type=Path, nargs="?")
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--profile", action="store_true", help="cProfile a second run")
    args = parser.parse_args()
    work = None
    if args.dossier is None:
        work = Path(tempfile.mkdtemp(prefix="dossierkit-stages-"))
        make_dossier(work / "dossier", args.pages)
    root = args.dossier or work / "dossier"
    rows: list[tuple[str, float]] = []
    _clock(
        "imports (dossierkit.verify)", lambda: importlib.import_module("dossierkit.verify"), rows
    )
    _clock("imports (rapport)", lambda: importlib.import_module("dossierkit.report.data"), rows)
    from dossierkit.call import load_call
    from dossierkit.report.data import report_data
    from dossierkit.verify import verify

    call = _clock("appel", load_call, rows)
    totals: dict[str, float] = defaultdict(float)
    for module_name, function, stage in _STEPS:
        module = importlib.import_module(module_name)
        setattr(module, function, _wrap(totals, stage, getattr(module, function)))
    start = time.process_time()
    result = verify(root, call, read_workers=0)
    whole = time.process_time() - start
    dossier = result.dossier
    built = _STEPS[0][2]
    rows += [(stage, totals[stage]) for _, _, stage in _STEPS[1:] if totals[stage]]
    rows.append(("contrôles", whole - totals[built]))
    _clock("rapport", lambda: report_data(result, "fr"), rows)
    print("| étape | CPU |\n|---|---|")
    for name, seconds in rows:
        print(f"| {name} | {seconds:.2f} s |")
    print(f"| **verify complet (lecture comprise, hors imports et appel)** | {whole:.2f} s |")
    print(f"\n{len(dossier.files)} fichiers, {sum(f.pages or 0 for f in dossier.files)} pages.")
    if args.profile:
        profile = cProfile.Profile()
        profile.enable()
        verify(root, call, read_workers=0)
        profile.disable()
        pstats.Stats(profile).sort_stats("tottime").print_stats(25)
    if work is not None:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
