"""A pytest worker, a server or ``verify`` itself, grown large, must give the verdicts a fresh
run gives.

Readers run in processes forked from the one that verifies, each under a memory cap
(``workers.limit_memory``). A forked process is born with its parent's address space, and the
cap once counted it: a reader forked from a process holding nearly ``--max-memory-mb`` had a
few megabytes left. In the full suite, pytest workers grow to several hundred megabytes, and
tests of the same worker that passed alone failed after others: the import of the signature
validation failed, and an intact signed letter was reported « modifié après sa signature »
(G003 for G004, test_content); the layout of a page's table crashed, and the plan's question
went unanswered (a false T001 on AID-2, test_technique_pdf_plan). The growth is reproduced here
by reserving address space (inaccessible pages: no memory is used) beyond the cap: the verdicts
must be those of a fresh run.
"""

from __future__ import annotations

import json
import mmap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from realistic import technique as realistic
from realistic.technique_pdf import write_pdf as write_technique_pdf

from conftest import TEXTS, sign_pdf, write_letter_pdf, write_pdf
from dossierkit.cli import cli
from dossierkit.limits import MB, Limits
from dossierkit.workers import Done, Failed, limit_memory, supervise

STATUS = Path("/proc/self/status")
# How far beyond the readers' cap this process grows: with the cap counting what a reader
# inherits, nothing was left to read with (F003, F007 in place of G004 and of the plan).
BEYOND_THE_CAP = 64 * MB
_MAP_NORESERVE = 0x4000  # Linux; not exported by the mmap module before Python 3.13


def _mapped() -> int:
    for line in STATUS.read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmSize in /proc/self/status")


@pytest.fixture
def grown() -> Iterator[None]:
    """This process grown as a server or a pytest worker after hundreds of tests: its
    address space beyond the readers' cap (inaccessible pages, neither touched nor
    committed)."""
    if not STATUS.exists():
        pytest.skip("/proc (Linux) tells the address space")
    size = Limits().max_memory_bytes + BEYOND_THE_CAP - _mapped()
    if size <= 0:  # already that large: the case to verify as it is
        yield
        return
    reserved = mmap.mmap(
        -1, size, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS | _MAP_NORESERVE, prot=0
    )
    try:
        yield
    finally:
        reserved.close()


def _allocate(size: int) -> int:
    return len(bytearray(size))


def test_a_forked_worker_has_its_whole_cap_whatever_its_parent_holds(grown: None) -> None:
    """The contract itself: ``max_bytes`` for the task, beyond what the worker inherits."""
    tasks = [(32 * MB,), (128 * MB,)]
    results = {
        r.index: r
        for r in supervise(
            _allocate, tasks, workers=1, timeout=30, initializer=limit_memory, initargs=(64 * MB,)
        )
    }
    assert isinstance(results[0], Done) and results[0].value == 32 * MB
    assert isinstance(results[1], Failed) and results[1].error == "MemoryError"


def _verify(folder: Path) -> dict[str, Any]:
    result = CliRunner().invoke(cli, ["verify", str(folder), "--format", "json"])
    assert "Traceback" not in result.output, result.output
    report: dict[str, Any] = json.loads(result.output)
    return report


def _codes(report: dict[str, Any], file: str) -> list[str]:
    return sorted(f["code"] for f in report["findings"] if f["file"] == file)


def test_an_intact_signed_letter_stays_intact_in_a_grown_process(
    tmp_path: Path, grown: None
) -> None:
    source = write_letter_pdf(
        tmp_path / "brouillon" / "Courrier.pdf", TEXTS["courrier"], signature=False
    )
    folder = tmp_path / "dossier"
    folder.mkdir()
    sign_pdf(source, folder / "Courrier signé.pdf", "Marie Dupont", "Tiers-Lieu du Vimeu")
    assert _codes(_verify(folder), "Courrier signé.pdf") == ["G004"]


def test_a_plan_table_is_laid_out_in_a_grown_process(tmp_path: Path, grown: None) -> None:
    """The dossier technique of test_technique_pdf_plan whose plan is a table of years."""
    rows = [
        ["Année", "Actions principales"],
        ["Année 1", "Recrutement et ouverture"],
        ["Année 2", "Créneaux pour les professionnels"],
        ["Année 3", "Antennes mobiles"],
    ]
    parts = realistic.answers(replace={"AID-1": ("Nos actions, année par année :",)})
    write_technique_pdf(tmp_path / "Dossier technique.pdf", parts, {"AID-1": rows})
    (tmp_path / "dossier.yaml").write_text(
        'structure:\n  nom: "Fab\'Lab du Ternois"\n  type: "association"\n'
    )
    write_pdf(tmp_path / "Plan d'agencement.pdf", ["Plan d'agencement de la Fabrique", "180 m²"])
    report = _verify(tmp_path)
    assert _codes(report, "Dossier technique.pdf") == []
    [years] = [f["value"] for f in report["facts"] if f["name"] == "plan.years"]
    assert years == "annee 1,annee 2,annee 3"
