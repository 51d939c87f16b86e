"""A reader that crashes in native code under the memory cap (issue 18): F016 (« le lecteur
s'est arrêté brutalement »), never F007 (« fichier trop volumineux »), which is for a file
that needs more memory than the cap allows. The two tell the applicant different things:
export the document again, or make it smaller."""

from __future__ import annotations

import faulthandler
import os
import signal
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import TEXTS, write_pdf
from dossierkit.limits import Limits
from dossierkit.reading.isolation import read_files
from dossierkit.verify import verify

MEMORY = 700 * 1024 * 1024


def _segfault() -> None:
    faulthandler.disable()  # pytest's, inherited by the fork: no traceback on the terminal
    os.kill(os.getpid(), signal.SIGSEGV)


def _abort() -> None:
    faulthandler.disable()
    os.abort()


def _exhaust() -> None:
    _ = bytearray(2 * MEMORY)  # beyond the cap: MemoryError


# How a reader fails inside its worker, and the problem its file gets.
FAULTS: dict[str, tuple[Callable[[], None], str]] = {
    "segfault": (_segfault, "crashed"),
    "abort": (_abort, "crashed"),  # what a C++ library does on an uncaught bad_alloc
    "memory": (_exhaust, "too_large"),
}


@pytest.fixture
def crashing(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    """Make the reader of ``Statuts.pdf`` fail the given way (forked workers see it)."""
    import dossierkit.reading.isolation as isolation

    real = isolation._read

    def install(fault: str) -> None:
        def read(path: Path, doc_type: str, limits: Limits) -> isolation.Outcome:
            if path.name == "Statuts.pdf":
                FAULTS[fault][0]()
            return real(path, doc_type, limits)

        monkeypatch.setattr(isolation, "_read", read)

    return install


@pytest.mark.parametrize("fault", FAULTS)
def test_a_crash_under_the_memory_cap_is_a_crash(
    fault: str, crashing: Callable[[str], None], tmp_path: Path
) -> None:
    crashing(fault)
    statuts = write_pdf(tmp_path / "Statuts.pdf", TEXTS["statuts"])
    rib = write_pdf(tmp_path / "RIB.pdf", TEXTS["rib"])
    outcomes = read_files([(statuts, "pdf"), (rib, "pdf")], Limits(max_memory_bytes=MEMORY), 2)
    assert [o.problem for o in outcomes] == [FAULTS[fault][1], None]
    if fault == "segfault":
        assert outcomes[0].detail == f"code de sortie {-signal.SIGSEGV}"


@pytest.mark.parametrize(("fault", "code"), [("abort", "F016"), ("memory", "F007")])
def test_the_report_tells_a_crash_from_a_file_too_large(
    fault: str, code: str, crashing: Callable[[str], None], tmp_path: Path
) -> None:
    crashing(fault)
    write_pdf(tmp_path / "Statuts.pdf", TEXTS["statuts"])
    write_pdf(tmp_path / "RIB.pdf", TEXTS["rib"])
    result = verify(tmp_path, limits=Limits(max_memory_bytes=MEMORY))
    on_statuts = {f.code for f in result.findings if f.file == "Statuts.pdf"}
    assert code in on_statuts and not {"F007", "F016"} - {code} & on_statuts
    assert not {f.code for f in result.findings if f.file == "RIB.pdf"} & {"F007", "F016"}
