"""A complement sent alone: only the missing or corrected pieces, attached to its application.

Asked for a missing RIB, an applicant often sends the RIB alone, or a zip of the two
corrected pieces, without the letter or the dossier technique. Verified alone, that sending
would be a rival application of an unknown structure, and every dossier of its
intercommunalité would get a one-aid-per-intercommunalité warning. It is instead a version of
the application it completes: found by its IBAN, its structure, or its intercommunalité when
only one application has it (else the instructor attaches it, ``registre REF --rattacher``),
and verified merged with that application's current version, its pieces replacing those of
the same kind, so that the verdict is the application's.
"""

from __future__ import annotations

import dataclasses
import shutil
import time
from pathlib import Path

from dossierkit.call import Call
from dossierkit.checks.intake import MemberSetAside
from dossierkit.discovery import walk
from dossierkit.external.scratch import scratch_dir
from dossierkit.triage.archive import ArchiveError, open_inner, unpack
from dossierkit.triage.model import Complement, Layer, Outcome
from dossierkit.triage.register import Register
from dossierkit.triage.worker import verified

# Without these, a sending is no application: the request and the project it describes.
_APPLICATION_PIECES = ("courrier", "dossier_technique")


def brought_kinds(outcome: Outcome) -> tuple[str, ...]:
    """The piece and annex kinds a sending's files were taken for."""
    report = outcome.report
    if report is None:
        return ()
    return tuple(sorted({f["kind"] for f in report["files"] if f.get("kind")}))


def is_partial(outcome: Outcome) -> bool:
    """A sending of some pieces without the letter of request nor the dossier technique;
    never one holding an archive left unopened (``worker.set_aside_findings`` names it): its
    letter and dossier technique may well be inside, and it is an application to
    acknowledge (CRPA, L112-3), not a complement."""
    report = outcome.report
    if report is None or not brought_kinds(outcome):
        return False
    if any(f.code == MemberSetAside.code and f.file is not None for f in outcome.findings):
        return False
    status = {p["kind"]: p["status"] for p in report["pieces"]}
    return all(status.get(kind) == "missing" for kind in _APPLICATION_PIECES)


def _copy_tree(source: Path, target: Path) -> None:
    for entry in walk(source):
        if entry.status in ("file", "manifest"):
            # The name as the file system has it: ``rel`` is escaped for people to read.
            destination = target / entry.raw_rel
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(entry.path, destination)


def _lay(layer: Layer, target: Path, scratch: Path) -> None:
    """Lay ``layer``'s files over ``target``, removing first the files of the kinds it brings."""
    for rel, kind in layer.kinds_below.items():
        if kind in layer.replaces:
            (target / rel).unlink(missing_ok=True)
    unpacked = scratch / f"layer-{len(list(scratch.iterdir()))}"
    if layer.kind == "zip":
        unpack(layer.path, unpacked, inner=True)
    else:
        # As ``worker.process`` reads it: the archives a folder holds opened, in a copy.
        unpacked.mkdir()
        _copy_tree(layer.path, unpacked)
        open_inner(unpacked)
    _copy_tree(unpacked, target)


def merged(outcome: Outcome, layers: list[Layer], call: Call, lang: str) -> Outcome | None:
    """``outcome``'s dossier verified laid over ``layers`` (the application it completes),
    under its own fingerprint so that a later triage knows it; None when a sending below is
    no longer where the register saw it."""
    started = time.monotonic()
    with scratch_dir("complement") as tmp:
        root = tmp / (outcome.item.path.stem or "dossier")
        scratch = tmp / "scratch"
        root.mkdir()
        scratch.mkdir()
        try:
            for layer in layers:
                if not layer.path.exists():
                    return None
                _lay(layer, root, scratch)
        except (ArchiveError, OSError):
            return None
        result = verified(outcome.item, root, call, lang, list(outcome.findings), started)
    return dataclasses.replace(result, fingerprint=outcome.fingerprint)


def attach(
    outcome: Outcome,
    register: Register,
    call: Call,
    lang: str,
    base: tuple[int, str],
) -> tuple[Outcome, Complement]:
    """The outcome to record for the complement ``outcome`` of reception ``base`` (with how
    it was identified), and how it joins: merged with the application when its sendings are
    still there, else alone."""
    reception, how = base
    kinds = brought_kinds(outcome)
    own = Layer(outcome.item.path, outcome.item.kind, kinds, register.file_kinds(reception))
    joined = merged(outcome, [*register.layers(reception), own], call, lang)
    complement = Complement(reception, kinds, outcome.summary.files, how)
    return joined or outcome, complement
