"""Hostile and broken files (issue 9): nothing crashes, hangs or exhausts verify; each file
gets a finding that names it; the rest of the dossier is still checked."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, TEXTS, fingerprint, pdf_bytes, write_docx, write_pdf
from dossierkit.limits import MB, Limits
from dossierkit.reading.isolation import read_files

sys.path.insert(0, str(ROOT / "tests" / "hostile"))
from make_corpus import CORPUS, make_corpus
from tree_memory import Measure, measure

# What each hostile file must give (its own finding; other findings may come with it).
EXPECTED = {
    "RIB tronqué.pdf": "F003",
    "RIB bits inversés.pdf": "F003",
    "RIB pages en boucle.pdf": "F003",
    "Attestation RC4-40.pdf": "F002",
    "Attestation RC4-128.pdf": "F002",
    "Attestation AES-128.pdf": "F002",
    "Attestation AES-256.pdf": "F002",
    "Courrier JavaScript.pdf": "F017",
    "Dossier technique bombe.docx": "F007",
    "Archive 20000 fichiers.zip": "F006",
    "Dossier technique entités.docx": "F008",
    "Plan géant.png": "F007",
    "Photo.pdf": "F009",
    "Budget macros.xlsm": "F010",
    "Statuts vide.pdf": "F001",
    # issue 18
    "Plan 14400 pt.pdf": "F011",
    "Plan 7000 pt.pdf": "F011",
    "Dossier technique mimetype.odt": "F007",
    "Budget cellule géante.docx": "F008",
    "Dossier technique entités tardives.docx": "F008",
    "Dossier technique entités rels.docx": "F008",
    "Photo 16 px.png": "F011",
}
MAX_SECONDS = 60
TREE_LIMIT_MB = 1024  # issue 18: the whole process tree, by default


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile") / "dossier"
    make_corpus(folder)
    return folder


def test_corpus_covers_every_case() -> None:
    assert set(EXPECTED) <= set(CORPUS)


@pytest.fixture(scope="module")
def corpus_before(corpus: Path) -> object:
    """The corpus's fingerprint before anything read it."""
    return fingerprint(corpus)


@pytest.fixture(scope="module")
def verified(
    corpus: Path, corpus_before: object, tmp_path_factory: pytest.TempPathFactory
) -> Measure:
    """verify of the whole corpus, run once, its process tree measured from outside."""
    result = tmp_path_factory.mktemp("measure") / "figures.json"
    command = [sys.executable, "-m", "dossierkit", "verify", str(corpus), "--format", "json"]
    return measure(command, result, timeout=MAX_SECONDS * 2)


def test_verify_survives_the_hostile_corpus(
    corpus: Path, corpus_before: object, verified: Measure, report_validator
) -> None:  # type: ignore[no-untyped-def]
    assert b"Traceback" not in verified.stderr, verified.stderr.decode()
    assert verified.returncode in (0, 1)
    report = json.loads(verified.stdout)
    report_validator(report)
    by_file: dict[str, set[str]] = {}
    for finding in report["findings"]:
        by_file.setdefault(finding["file"], set()).add(finding["code"])
    missing = {
        name: code for name, code in EXPECTED.items() if code not in by_file.get(name, set())
    }
    assert not missing, by_file
    assert verified.seconds < MAX_SECONDS
    assert fingerprint(corpus) == corpus_before, "inputs are never modified"


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="mesure par /proc (Linux)")
def test_memory_stays_under_the_limit(verified: Measure) -> None:
    # Measured by a launcher of its own (tests/tree_memory.py): a child of this test
    # process would report this process's own past peak as its ru_maxrss.
    print(f"verify: largest process {verified.process_mb:.0f} MB, tree {verified.tree_mb:.0f} MB")
    assert verified.processes >= 2, "the files are read in worker processes"
    # No process of the tree, the parent included, reaches a reader's memory ceiling...
    assert verified.process_mb < Limits().max_memory_bytes / MB, verified
    # ...and the whole tree stays under the 1 GB (today: about 75 and 180 MB).
    assert verified.tree_mb < TREE_LIMIT_MB, verified


def test_external_image_in_a_docx_is_never_fetched(tmp_path: Path) -> None:
    import socket
    import zipfile

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.5)
    port = server.getsockname()[1]
    path = write_docx(
        tmp_path / "Dossier technique.docx", [("Nature du projet", 1), ("Un lieu.", 0)]
    )
    with zipfile.ZipFile(path) as src:
        members = {n: src.read(n) for n in src.namelist()}
    members["word/_rels/document.xml.rels"] = members["word/_rels/document.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
        + f'Target="http://127.0.0.1:{port}/espion.png" TargetMode="External"/></Relationships>'.encode(),
    )
    with zipfile.ZipFile(path, "w") as dst:
        for name, data in members.items():
            dst.writestr(name, data)
    subprocess.run(
        [sys.executable, "-m", "dossierkit", "verify", str(tmp_path)],
        capture_output=True,
        timeout=120,
    )
    with pytest.raises(TimeoutError):
        server.accept()
    server.close()


def test_a_reader_that_hangs_is_stopped_and_the_rest_is_read(tmp_path: Path) -> None:
    slow = write_pdf(tmp_path / "a.pdf", *[["page"]] * 300)
    quick = write_pdf(tmp_path / "b.pdf", TEXTS["rib"])
    outcomes = read_files(
        [(slow, "pdf"), (quick, "pdf")], Limits(seconds_per_file=0.001), workers=2
    )
    # A worker forked with the readers imported may read a one-page PDF within the
    # millisecond: only the 300 pages are sure to be cut.
    assert outcomes[0].problem == "timeout"
    assert outcomes[1].problem in (None, "timeout")
    [alone] = read_files([(slow, "pdf")], Limits(seconds_per_file=0.001), workers=1)
    assert alone.problem == "timeout"  # one file alone is read in a worker too
    outcomes = read_files([(slow, "pdf"), (quick, "pdf")], Limits(), workers=2)
    assert [o.problem for o in outcomes] == [None, None]
    assert "IBAN" in outcomes[1].document.text  # type: ignore[union-attr]


def test_a_reader_that_crashes_costs_only_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dossierkit.reading.isolation as isolation

    crash = write_pdf(tmp_path / "crash.pdf", ["boum"])
    good = write_pdf(tmp_path / "RIB.pdf", TEXTS["rib"])
    real = isolation._read

    def read(path: Path, doc_type: str, limits: Limits):  # type: ignore[no-untyped-def]
        if path.name == "crash.pdf":
            os._exit(139)  # what a segmentation fault in native code looks like from outside
        return real(path, doc_type, limits)

    monkeypatch.setattr(isolation, "_read", read)
    outcomes = read_files(
        [(crash, "pdf"), (good, "pdf"), (crash, "pdf"), (good, "pdf")], Limits(), workers=2
    )
    assert [o.problem for o in outcomes] == ["crashed", None, "crashed", None]


def test_timeout_and_limits_are_options_of_verify(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from dossierkit.cli import cli

    write_pdf(tmp_path / "RIB.pdf", *[TEXTS["rib"]] * 3)
    write_pdf(tmp_path / "Courrier.pdf", TEXTS["courrier"])
    result = CliRunner().invoke(
        cli, ["verify", str(tmp_path), "--max-pages", "2", "--format", "json"]
    )
    findings = [(f["code"], f["file"]) for f in json.loads(result.output)["findings"]]
    assert ("F007", "RIB.pdf") in findings


VALID = {
    "pdf": lambda: pdf_bytes([TEXTS["rib"], TEXTS["courrier"]]),
    "docx": lambda: _docx_bytes(),
}


def _docx_bytes() -> bytes:
    import docx

    document = docx.Document()
    for line in TEXTS["statuts"]:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    kind=st.sampled_from(sorted(VALID)),
    flips=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), min_size=1, max_size=40),
)
def test_mutated_bytes_of_valid_files_never_escape_the_reader(
    tmp_path: Path, kind: str, flips: list[tuple[float, int]]
) -> None:
    data = bytearray(VALID[kind]())
    for where, value in flips:
        data[int(where * (len(data) - 1))] = value
    path = tmp_path / f"mutant.{kind}"
    path.write_bytes(bytes(data))
    (outcome,) = read_files([(path, kind)], Limits(seconds_per_file=20))
    assert outcome.document is not None or outcome.problem in (
        "corrupt",
        "encrypted",
        "too_large",
        "hostile",
        "timeout",
        "crashed",
        "empty",
    )


def test_zero_workers_reads_in_this_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dossierkit.reading.isolation as isolation

    def no_process(context: object) -> None:
        raise AssertionError("no reader process may start")

    monkeypatch.setattr(isolation, "_start", no_process)
    files = [write_pdf(tmp_path / f"{n}.pdf", TEXTS["rib"]) for n in range(3)]
    outcomes = read_files([(f, "pdf") for f in files], Limits(), workers=0)
    assert [o.problem for o in outcomes] == [None, None, None]
