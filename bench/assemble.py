#!/usr/bin/env python3
"""Benchmark of ``dossierkit assemble`` against ``qpdf --empty --pages … --`` on the same PDFs.

The merge must not be the slow part of assembling a dossier. This script builds a dossier of
about 500 PDF pages (reportlab, as a word processor exports them: text, a page number in the
footer, bookmarks), then, in the same run and on the same files, measures:

- ``qpdf --empty --pages <files> -- out.pdf``, the reference merge;
- the assembly stage of dossierkit (``dossierkit.assemble.assemble`` on a dossier already
  verified, modules imported): front pages, merge, bookmarks, page labels, margin stamps
  (each page's margin looked at with pdfium), attachments, writing;
- the whole command, ``dossierkit assemble`` (reading and verifying every page included),
  beside the whole ``dossierkit verify`` on the same dossier: what an applicant waits for
  more when assembling rather than only verifying.

For each: wall time and CPU time (median of the runs; CPU includes the reading workers),
peak memory, output size. The aims: ``assemble`` at most 15 % longer than ``verify``, an
assembly stage within 1.5 × qpdf's time, and an output within 5 % of the inputs plus the
front pages. Only PDFs are used: conversions (LibreOffice) are not what is measured.

Usage (from the repository root, dossierkit installed)::

    python bench/assemble.py                 # ~500 pages, 3 runs
    python bench/assemble.py --pages 1000 --runs 5 --keep /tmp/bench

Linux only for the peak memory of the assembly stage (``/proc/self/clear_refs``); elsewhere
that column shows the process's peak, verification included.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from measure import environment  # this script's folder is on the path

WORDS = (
    "tiers-lieu",
    "numérique",
    "médiation",
    "animation",
    "fablab",
    "coworking",
    "territoire",
    "intercommunalité",
    "habitants",
    "ateliers",
    "accompagnement",
    "porteurs",
    "projets",
    "usages",
    "réseau",
    "dépenses",
    "recettes",
    "équipement",
    "gouvernance",
    "comité",
    "pilotage",
    "élu",
    "agent",
    "référent",
    "feuille",
    "route",
    "écosystème",
)

# The pieces of the dossier: file name, piece kind (as dossier.yaml declares it), first
# line, share of the pages (the rest goes to ten annexes).
PIECES = (
    ("01 - Courrier de demande.pdf", "courrier", "Monsieur le Président du Conseil régional", 1),
    ("02 - Budget prévisionnel.pdf", "budget", "Budget prévisionnel 2027-2029 (TTC)", 2),
    ("03 - Dossier technique.pdf", "dossier_technique", "Dossier technique", 0.4),
    ("04 - Attestation TVA.pdf", "attestation_tva", "Attestation de régime fiscal", 1),
    ("05 - RIB.pdf", "rib", "Relevé d'identité bancaire", 1),
    ("06 - Statuts.pdf", "statuts", "Statuts de l'association", 6),
)
ANNEXES = 10


def write_pdf(path: Path, title: str, pages: int, seed: int) -> None:
    """A text PDF of ``pages`` pages with a heading bookmark every five pages."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    rng = random.Random(seed)
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    pdf.setTitle(title)
    for page in range(1, pages + 1):
        if page % 5 == 1:
            key = f"s{page}"
            pdf.bookmarkPage(key)
            pdf.addOutlineEntry(f"{title} — partie {page // 5 + 1}", key, 0)
        pdf.setFont("Helvetica-Bold", 13)
        pdf.drawString(60, 790, title)
        text = pdf.beginText(60, 765)
        text.setFont("Helvetica", 10)
        for _ in range(56):
            text.textLine(" ".join(rng.choice(WORDS) for _ in range(11)))
        pdf.drawText(text)
        pdf.setFont("Helvetica", 9)
        pdf.drawCentredString(297, 30, f"{page}/{pages}")
        pdf.showPage()
    pdf.save()


def build_dossier(folder: Path, total_pages: int) -> list[Path]:
    """The dossier's PDFs (in the order qpdf merges them) and its dossier.yaml."""
    folder.mkdir(parents=True)
    files, declared = [], {}
    fixed = sum(share for *_, share in PIECES if share >= 1)
    for n, (name, kind, title, share) in enumerate(PIECES):
        pages = int(share if share >= 1 else total_pages * share)
        write_pdf(folder / name, title, pages, n)
        files.append(folder / name)
        declared[kind] = name
    technique = int(total_pages * 0.4)
    remaining = max(ANNEXES, total_pages - fixed - technique)
    annexes = []
    for n in range(ANNEXES):
        pages = remaining // ANNEXES + (1 if n < remaining % ANNEXES else 0)
        name = f"Annexe {n + 1:02d}.pdf"
        write_pdf(folder / name, f"Annexe {n + 1}", pages, 100 + n)
        files.append(folder / name)
        annexes.append(name)
    manifest = {
        "structure": {
            "nom": "Association Banc d'Essai",
            "type": "association",
            "intercommunalite": "CC du Ternois",
        },
        "projet": {"forme": "lieu"},
        "pieces": {**declared, "autre": annexes},
    }
    (folder / "dossier.yaml").write_text(json.dumps(manifest, ensure_ascii=False), "utf-8")
    return files


def measure(command: list[str]) -> dict[str, float]:
    """Wall time, CPU time and peak memory of one run of ``command`` (a child process)."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment()
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    output = process.stdout.read() if process.stdout else b""
    errors = process.stderr.read() if process.stderr else b""
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit(f"{command[0]} a échoué : {errors.decode(errors='replace')}")
    result = {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss / 1024}
    # The stage child prints its own measures of the stage alone.
    if output.startswith(b"{"):
        result.update(json.loads(output))
    return result


STAGE = r"""
import json, sys, time
from pathlib import Path

# Start-up, reported apart (qpdf's own start-up is a few milliseconds): the imports and the
# fonts that the first assembly of a process loads.
start = time.perf_counter()
import pikepdf, pypdfium2, reportlab.platypus
from dossierkit.assemble import Options, assemble, typeset
typeset.fonts()
startup = time.perf_counter() - start

from dossierkit.verify import verify

verify_wall, verify_cpu = time.perf_counter(), time.process_time()
result = verify(Path(sys.argv[1]))
verify_wall = time.perf_counter() - verify_wall
verify_cpu = time.process_time() - verify_cpu
clear = Path("/proc/self/clear_refs")
try:
    clear.write_text("5")  # reset the peak RSS: measure the stage alone
except OSError:
    pass
wall, cpu = time.perf_counter(), time.process_time()
assembly = assemble(result, Path(sys.argv[2]), Options(allow_incomplete=True, force=True))
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
peak = None
try:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            peak = int(line.split()[1]) / 1024
except OSError:
    pass
print(json.dumps({"wall": wall, "cpu": cpu, "stage_rss": peak, "startup": startup,
                  "verify_wall": verify_wall, "verify_cpu": verify_cpu,
                  "pages": assembly.pages, "front": assembly.front_pages}))
"""


def front_size(output: Path, front: int, work: Path) -> int:
    """Size of the front pages alone, saved as a PDF of their own."""
    import pikepdf

    with pikepdf.open(output) as pdf, pikepdf.new() as alone:
        alone.pages.extend(pdf.pages[:front])
        alone.save(work / "front.pdf")
    return (work / "front.pdf").stat().st_size


def main() -> None:
    """Build the dossier, run each contender, print the Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=500, help="pages of the dossier")
    parser.add_argument("--runs", type=int, default=3, help="runs of each contender")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args()
    qpdf = shutil.which("qpdf")
    if qpdf is None:
        sys.exit("qpdf est nécessaire : sudo apt-get install qpdf")
    work = args.keep or Path(tempfile.mkdtemp(prefix="dossierkit-bench-"))
    try:
        dossier = work / "dossier"
        if dossier.exists():
            shutil.rmtree(dossier)
        files = build_dossier(dossier, args.pages)
        inputs = sum(f.stat().st_size for f in files)
        contenders = {
            "qpdf --empty --pages … --": (
                [qpdf, "--empty", "--pages", *map(str, files), "--", str(work / "qpdf.pdf")],
                work / "qpdf.pdf",
            ),
            "dossierkit : assemblage seul (dossier déjà vérifié)": (
                [sys.executable, "-c", STAGE, str(dossier), str(work / "stage.pdf")],
                work / "stage.pdf",
            ),
            "dossierkit verify (commande entière, pour comparer)": (
                [sys.executable, "-m", "dossierkit", "verify", str(dossier)],
                None,
            ),
            "dossierkit assemble (commande entière, vérification comprise)": (
                [
                    sys.executable,
                    "-m",
                    "dossierkit",
                    "assemble",
                    str(dossier),
                    "-o",
                    str(work / "cli.pdf"),
                    "--allow-incomplete",
                    "--force",
                ],
                work / "cli.pdf",
            ),
        }
        # Runs alternate between contenders, so that a busy moment of the machine weighs on
        # all of them alike.
        runs: dict[str, list[dict[str, float]]] = {name: [] for name in contenders}
        for _ in range(args.runs):
            for name, (command, _output) in contenders.items():
                runs[name].append(measure(command))
        results = {}
        for name, (_command, output) in contenders.items():
            results[name] = {
                key: statistics.median(r[key] for r in runs[name])
                for key in runs[name][0]
                if runs[name][0][key] is not None
            }
            results[name]["size"] = output.stat().st_size if output is not None else 0
        qpdf_wall = results["qpdf --empty --pages … --"]["wall"]
        qpdf_cpu = results["qpdf --empty --pages … --"]["cpu"]
        stage = results["dossierkit : assemblage seul (dossier déjà vérifié)"]
        front = front_size(work / "stage.pdf", int(stage["front"]), work)

        print(f"Dossier : {len(files)} PDF, {int(stage['pages']) - int(stage['front'])} pages")
        print(f"(+ {int(stage['front'])} pages de garde), {inputs / 1e6:.2f} Mo ; ", end="")
        print(f"médiane de {args.runs} exécutions.\n")
        print(
            "| Étape | Temps (s) | × qpdf | CPU (s) | × qpdf (CPU) | Mémoire max (Mo) "
            "| Taille (Mo) |"
        )
        print("|---|---:|---:|---:|---:|---:|---:|")
        for name, r in results.items():
            memory = r.get("stage_rss", r["rss"])
            size = f"{r['size'] / 1e6:.2f}" if r["size"] else "—"
            print(
                f"| {name} | {r['wall']:.2f} | {r['wall'] / qpdf_wall:.2f} | {r['cpu']:.2f} "
                f"| {r['cpu'] / qpdf_cpu:.2f} | {memory:.0f} | {size} |"
            )
        expected = inputs + front
        overhead = stage["size"] / expected - 1
        print()
        print(
            f"Taille : entrées {inputs / 1e6:.2f} Mo + pages de garde {front / 1e6:.3f} Mo "
            f"= {expected / 1e6:.2f} Mo ; sortie {stage['size'] / 1e6:.2f} Mo "
            f"({overhead:+.1%}, objectif ≤ +5 %)."
        )
        print(
            f"Assemblage : {stage['wall'] / qpdf_wall:.2f} × qpdf en temps, "
            f"{stage['cpu'] / qpdf_cpu:.2f} × en CPU (objectif ≤ 1,5 ×), "
            f"plus {stage['startup']:.2f} s de démarrage (imports, polices) par processus."
        )
        verify = results["dossierkit verify (commande entière, pour comparer)"]
        command = results["dossierkit assemble (commande entière, vérification comprise)"]
        print(
            f"`assemble` par rapport à `verify` (commandes entières) : "
            f"{command['wall'] / verify['wall'] - 1:+.0%} en temps, "
            f"{command['cpu'] / verify['cpu'] - 1:+.0%} en CPU (objectif ≤ +15 %) ; "
            f"dans un même processus, l'assemblage prend {stage['wall']:.2f} s "
            f"après {stage['verify_wall']:.2f} s de vérification "
            f"({stage['wall'] / stage['verify_wall']:+.0%})."
        )
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
