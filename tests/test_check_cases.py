"""Check cases as data: every YAML case under ``tests/cases/checks/`` run by one test.

In the spirit of sqlfluff's ``test/fixtures/rules/std_rule_cases/*.yml``: a case is a small
dossier recipe and what the checks must say about it. ``fires`` lists findings that must be in
the report, as ``[code, severity, piece, file, page]``; ``quiet`` lists codes that must not
appear (the near miss: the same dossier, or nearly, without the defect). ``tests/
test_registry.py`` makes sure that every code of the registry has a case that fires it and a
near miss.

A case file holds ``cases:``, a mapping of case names to cases::

    cases:
      P001-rib-absent:
        dossier:
          base: association        # a complete dossier built once per session
          remove: [RIB.pdf]
          files:                   # added or replaced
            Courrier.pdf: {letter: courrier, replace: {"110 000": "90 000"}}
        fires: [[P001, error, rib, null, null]]
      P001-near-miss:
        dossier: {base: association}
        quiet: [P001]

A file recipe is a mapping whose first key says how the file is made (see ``MAKERS``); lines
of text come from a list, or by name from ``conftest.TEXTS`` and ``LINES``, edited by
``replace``, ``drop`` (lines containing a text) and ``append``. Intake cases (group I) give an
``inbox`` of dossiers instead of a ``dossier``, run through ``triage``; their findings are
``[dossier, code, severity, piece, file, page]``. Other keys: ``slow: true`` (LibreOffice or
Tesseract), ``limits`` (``Limits`` fields), ``read_workers`` (0 by default: files read in this
process), ``tesseract: false`` and ``libreoffice: false`` (as on a machine without it),
``crash_reader`` (file names whose reader dies, as a segmentation fault in native code would),
``triage`` (``timeout``, ``crash``: dossiers whose verification dies).
"""

from __future__ import annotations

import codecs
import functools
import os
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import (
    OLE_HEADER,
    ROOT,
    TEXTS,
    VP_LETTER,
    scanned_pdf_bytes,
    sign_pdf,
    write_docx,
    write_letter_pdf,
    write_pdf,
    write_png_header,
    write_xlsx,
)
from dossierkit.report.flatten import flatten

CASES_DIR = Path(__file__).parent / "cases" / "checks"
Expected = tuple[object, ...]

sys.path.insert(0, str(ROOT / "tests" / "hostile"))


# --- the cases ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One case of a case file."""

    group: str  # the file's stem: "pieces", "rib"…
    name: str
    data: dict[str, Any]

    @property
    def id(self) -> str:
        return f"{self.group}:{self.name}"

    @property
    def intake(self) -> bool:
        return "inbox" in self.data

    @property
    def fires(self) -> list[Expected]:
        return [tuple(row) for row in self.data.get("fires", [])]

    @property
    def fired_codes(self) -> set[str]:
        return {str(row[1] if self.intake else row[0]) for row in self.fires}

    @property
    def quiet(self) -> list[str]:
        return list(self.data.get("quiet", []))


def load_cases() -> list[Case]:
    """Every case of every file, in file then case order."""
    cases = []
    for path in sorted(CASES_DIR.glob("*.yml")):
        content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for name, data in (content.get("cases") or {}).items():
            cases.append(Case(path.stem, str(name), data))
    return cases


CASES = load_cases()


# --- lines of text ------------------------------------------------------------------------


def _delegation(delegate: str = "Olivier Dufour", day: str = "15 avril 2026") -> list[str]:
    return [
        "Communauté de communes du Pays de Lumbres",
        "ARRÊTÉ portant délégation de signature",
        "Le Président de la Communauté de communes du Pays de Lumbres,",
        "Vu le code général des collectivités territoriales,",
        f"Article 1 : délégation de signature est donnée à M. {delegate}, vice-président,",
        "pour signer les demandes de subvention relatives au tiers-lieu.",
        f"Fait à Lumbres, le {day}",
        "Le Président,",
        "Francis Bertin",
    ]


# Named texts beyond conftest.TEXTS (those of test_content.py and test_rib.py).
LINES: dict[str, list[str]] = {
    "vp_letter": VP_LETTER,
    "delegation_vp": _delegation(),
    "lumbres_courrier": [
        "Communauté de communes du Pays de Lumbres",
        "Hôtel communautaire, 62380 Lumbres",
        *TEXTS["courrier"][2:],
    ],
    "attestation_signed": [
        "Association Fab'Lab du Ternois",
        "Attestation de régime fiscal",
        "Je soussignée Marie Dupont, présidente, atteste que l'association n'est pas "
        "assujettie à la TVA et ne la récupère pas.",
        "Fait à Saint-Pol-sur-Ternoise, le 12 octobre 2026",
        "La Présidente,",
        "Marie Dupont",
    ],
    # A Trésor public account (bank 30001) held for a collectivité, key and IBAN computed.
    "treasury_rib": [
        "RELEVÉ D'IDENTITÉ BANCAIRE",
        "Titulaire du compte",
        "TRESOR PUBLIC - SGC de Saint-Omer",
        "Service de gestion comptable de Saint-Omer",
        "62500 Saint-Omer",
        "Domiciliation : BDF ARRAS",
        "Banque Guichet Compte Clé",
        "30001 00592 C6240000000 48",
        "IBAN : FR88 3000 1005 92C6 2400 0000 048",
        "BIC : BDFEFRPPCCT",
    ],
    "statuts_full": [
        *TEXTS["statuts"],
        "ARTICLE 12 - Le président représente l'association dans tous les actes de la vie civile.",
    ],
}


def lines_of(spec: Any, recipe: dict[str, Any]) -> list[str]:
    """Lines named or given by ``spec``, edited as ``recipe`` says."""
    if isinstance(spec, str):
        lines = list(TEXTS.get(spec) or LINES[spec])
    else:
        lines = [str(line) for line in spec]
    for old, new in (recipe.get("replace") or {}).items():
        lines = [line.replace(str(old), str(new)) for line in lines]
    drop = recipe.get("drop") or []
    lines = [line for line in lines if not any(str(d) in line for d in drop)]
    return lines + [str(line) for line in recipe.get("append") or []]


# --- file makers --------------------------------------------------------------------------

Maker = Callable[[Path, Any, dict[str, Any]], object]


def _pdf(path: Path, spec: Any, recipe: dict[str, Any]) -> None:
    pages = recipe.get("pages")
    if pages:
        write_pdf(path, *[lines_of(p, {}) for p in pages])
    else:
        write_pdf(path, lines_of(spec, recipe))


def _letter(path: Path, spec: Any, recipe: dict[str, Any]) -> None:
    write_letter_pdf(path, lines_of(spec, recipe), signature=recipe.get("signed", True))


def _docx(path: Path, spec: Any, recipe: dict[str, Any]) -> None:
    """Paragraphs; "# " and "## " make headings of level 1 and 2."""
    paragraphs = []
    for line in lines_of(spec, recipe):
        level = len(line) - len(line.lstrip("#"))
        paragraphs.append((line[level:].strip(), level))
    write_docx(path, paragraphs, table=recipe.get("table"))


def _docx_letter(path: Path, spec: Any, recipe: dict[str, Any]) -> None:
    """A letter typed in Word, the signature picture pasted above the name (or not)."""
    import io

    import docx
    from docx.shared import Cm

    from conftest import signature_png

    lines = lines_of(spec, recipe)
    document = docx.Document()
    for line in lines[:-1]:
        document.add_paragraph(line)
    if recipe.get("signed", True):
        document.add_paragraph().add_run().add_picture(io.BytesIO(signature_png()), width=Cm(4))
    document.add_paragraph(lines[-1])
    document.save(str(path))


def _text(path: Path, spec: Any, recipe: dict[str, Any]) -> None:
    path.write_bytes(str(spec).encode(recipe.get("encoding", "utf-8")))


def _bytes(path: Path, spec: Any, recipe: dict[str, Any]) -> None:
    """Bytes written with Python escapes ("%PDF-1.7\\n\\x00…"), repeated ``repeat`` times."""
    data = codecs.decode(str(spec), "unicode_escape").encode("latin-1")
    path.write_bytes(data * int(recipe.get("repeat", 1)))


def _ole(path: Path, spec: Any, recipe: dict[str, Any]) -> None:
    """An OLE2 container holding the stream ``spec`` (WordDocument, EncryptedPackage…)."""
    path.write_bytes(OLE_HEADER + str(spec).encode("utf-16-le"))


def _scan(path: Path, spec: Any, recipe: dict[str, Any]) -> None:
    path.write_bytes(scanned_pdf_bytes(str(spec)))


def _xlsx(path: Path, spec: Any, recipe: dict[str, Any]) -> None:
    write_xlsx(path, macros=bool(spec.get("macros")) if isinstance(spec, dict) else False)


def _png_header(path: Path, spec: Any, recipe: dict[str, Any]) -> None:
    width, height = spec
    write_png_header(path, int(width), int(height))


def _hostile(path: Path, spec: Any, recipe: dict[str, Any]) -> None:
    """A file of the hostile corpus (``tests/hostile/make_corpus.py``), by its name there."""
    from make_corpus import CORPUS

    path.write_bytes(CORPUS[str(spec)]())


def _rib(path: Path, spec: Any, recipe: dict[str, Any]) -> None:
    """A RIB as test_rib.py prints it; ``spec`` gives ``rib_lines``'s arguments."""
    from test_rib import rib_lines

    lines = rib_lines(**(spec or {}))
    write_pdf(path, lines_of(lines, recipe))


def _technique(path: Path, spec: Any, recipe: dict[str, Any]) -> None:
    """A dossier technique from test_technique.py's answers (``lieu`` or ``reseau``), with
    ``set`` answers replaced and ``drop`` questions left out; DOCX or PDF after the name."""
    import test_technique

    answers = dict(getattr(test_technique, str(spec.get("answers", "lieu")).upper()))
    for question, answer in (spec.get("set") or {}).items():
        answers[question] = [answer] if isinstance(answer, str) else list(answer)
    for question in spec.get("drop") or []:
        answers.pop(question, None)
    if path.suffix == ".pdf":
        test_technique.technique_pdf(path, answers)
    else:
        test_technique.technique_docx(path, answers)


def _budget_csv(path: Path, spec: Any, recipe: dict[str, Any]) -> None:
    """The CSV budget of test_budget_checks.py; ``spec`` changes its rows (lists of 4)."""
    from test_budget_checks import budget_csv

    changes = {k: tuple(v) if isinstance(v, list) else v for k, v in (spec or {}).items()}
    budget_csv(path, **changes)
    raw = path.read_bytes().decode("cp1252")
    for old, new in (recipe.get("replace") or {}).items():
        raw = raw.replace(str(old), str(new))
    path.write_bytes(
        (raw + "".join(f"\r\n{r}" for r in recipe.get("append") or [])).encode("cp1252")
    )


def _signed(path: Path, spec: Any, recipe: dict[str, Any]) -> None:
    """A letter signed with a PAdES signature; ``tamper: true`` changes a signed byte after."""
    source = write_letter_pdf(
        path.with_suffix(".unsigned"), lines_of(spec, recipe), signature=False
    )
    sign_pdf(source, path, str(recipe.get("signer", "Marie Dupont")))
    source.unlink()
    if recipe.get("tamper"):
        signed = path.read_bytes()
        at = signed.index(b"stream") + 20
        path.write_bytes(signed[:at] + bytes([signed[at] ^ 0x01]) + signed[at + 1 :])


def _big_pdf(path: Path, spec: Any, recipe: dict[str, Any]) -> None:
    """A PDF of ``spec`` pages: long enough to read for a tiny time limit to cut it."""
    write_pdf(path, *[["page"]] * int(spec))


def _floor_plan(path: Path, spec: Any, recipe: dict[str, Any]) -> None:
    """The applicant's layout plan as an image, as samples/generate.py draws it."""
    import generate

    generate.make_floor_plan(getattr(generate, f"applicant_{spec}")()).save(path, optimize=True)


def _link(path: Path, spec: Any, recipe: dict[str, Any]) -> None:
    path.symlink_to(str(spec))


def _fifo(path: Path, spec: Any, recipe: dict[str, Any]) -> None:
    os.mkfifo(path)


def _zip(path: Path, spec: Any, recipe: dict[str, Any]) -> None:
    """A ZIP of the given members: name → text."""
    import zipfile

    with zipfile.ZipFile(path, "w") as archive:
        for name, content in (spec or {}).items():
            archive.writestr(str(name), str(content))


def _zip_bomb(path: Path, spec: Any, recipe: dict[str, Any]) -> None:
    """A ZIP whose one member is ``spec`` MB of zeros: a few kB that unpack far beyond."""
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Budget.xlsx", b"\0" * (int(spec) << 20))


MAKERS: dict[str, Maker] = {
    "pdf": _pdf,
    "letter": _letter,
    "docx": _docx,
    "docx_letter": _docx_letter,
    "text": _text,
    "bytes": _bytes,
    "ole": _ole,
    "scan": _scan,
    "xlsx": _xlsx,
    "png_header": _png_header,
    "hostile": _hostile,
    "rib": _rib,
    "technique": _technique,
    "budget_csv": _budget_csv,
    "signed": _signed,
    "big_pdf": _big_pdf,
    "floor_plan": _floor_plan,
    "link": _link,
    "fifo": _fifo,
    "zip": _zip,
    "zip_bomb": _zip_bomb,
}


def make_file(path: Path, recipe: dict[str, Any]) -> None:
    """Write the file ``recipe`` describes at ``path`` (its first key names the maker)."""
    kind = next(iter(recipe))
    if kind not in MAKERS:
        raise KeyError(f"unknown file recipe {kind!r} (known: {', '.join(MAKERS)})")
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_symlink() or path.exists():
        path.unlink()
    MAKERS[kind](path, recipe[kind], recipe)


# --- base dossiers ------------------------------------------------------------------------


def _plan(folder: Path, surface: int = 60) -> None:
    write_pdf(
        folder / "Plan d'agencement.pdf",
        ["Plan d'agencement du tiers-lieu", f"Fablab {surface} m²"],
    )


def _association(folder: Path) -> None:
    """The seven pieces of the Fab'Lab du Ternois, as association-complete (no scan, no
    photo, no LibreOffice), and its layout plan as a PDF."""
    import generate

    from triage_inbox import plain_dossier

    plain_dossier(generate.applicant_ternois(), folder)
    _plan(folder)


def _rival(folder: Path) -> None:
    """Another association of the same intercommunalité, with its own account."""
    import generate

    from triage_inbox import plain_dossier, rival

    plain_dossier(rival(generate.applicant_ternois(), "Ternois Numérique", "55512345678"), folder)
    _plan(folder, surface=45)  # its own plan: no file in common with the Fab'Lab's dossier


def _interco(folder: Path) -> None:
    """The CC du Pays de Lumbres: letter signed by its vice-président, his délégation, a
    Trésor public account."""
    import generate

    from triage_inbox import plain_dossier

    applicant = generate.applicant_lumbres()
    plain_dossier(applicant, folder)
    generate.make_delegation_pdf(folder / "Délégation de signature.pdf", applicant)
    _plan(folder)


def _budget(folder: Path) -> None:
    """The three pieces the budget checks compare (those of tests/test_budget_checks.py): the
    letter asking 110 000 €, an attestation (VAT not recovered), a balanced TTC budget in CSV."""
    folder.mkdir(parents=True)
    make_file(folder / "Courrier.pdf", {"letter": "courrier"})
    make_file(folder / "Attestation TVA.pdf", {"letter": "attestation_signed"})
    make_file(folder / "Budget prévisionnel.csv", {"budget_csv": {}})


BASES: dict[str, Callable[[Path], None]] = {
    "association": _association,
    "budget": _budget,
    "rival": _rival,
    "interco": _interco,
}


@pytest.fixture(scope="session")
def bases(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """A base dossier by name, built once per session (cases copy it)."""
    root = tmp_path_factory.mktemp("case-bases")

    def base(name: str) -> Path:
        folder = root / name
        if not folder.exists():
            BASES[name](folder)
        return folder

    return base


def build_dossier(folder: Path, recipe: dict[str, Any], base: Callable[[str], Path]) -> Path:
    """The dossier ``recipe`` describes, in the new folder ``folder``."""
    if recipe.get("base"):
        shutil.copytree(base(recipe["base"]), folder, symlinks=True)
    else:
        folder.mkdir(parents=True)
    for name in recipe.get("remove") or []:
        (folder / name).unlink()
    for old, new in (recipe.get("rename") or {}).items():
        (folder / new).parent.mkdir(parents=True, exist_ok=True)
        (folder / old).rename(folder / new)
    for name, file_recipe in (recipe.get("files") or {}).items():
        if "copy" in file_recipe:
            shutil.copy(folder / file_recipe["copy"], folder / name)
        else:
            make_file(folder / name, file_recipe)
    return folder


# --- running a case -----------------------------------------------------------------------


def _crash_on(names: frozenset[str], real: Callable[..., Any]) -> Callable[..., Any]:
    def read(path: Path, *args: Any, **kwargs: Any) -> Any:
        if path.name in names:
            os._exit(139)  # what a segmentation fault in native code looks like from outside
        return real(path, *args, **kwargs)

    return read


def run_dossier(case: Case, folder: Path, monkeypatch: pytest.MonkeyPatch) -> list[Expected]:
    """Verify the case's dossier through the public API; its findings as tuples."""
    from dossierkit.limits import Limits
    from dossierkit.verify import verify

    if case.data.get("tesseract") is False:
        from dossierkit.external import Program, tesseract

        missing = Program("Tesseract", ("tesseract-absent-for-cases",), tesseract.TESSERACT.install)
        monkeypatch.setattr(tesseract, "TESSERACT", missing)
    if case.data.get("libreoffice") is False:
        from dossierkit.external import Program, soffice

        absent = Program("LibreOffice", ("soffice-absent-for-cases",), soffice.LIBREOFFICE.install)
        monkeypatch.setattr(soffice, "LIBREOFFICE", absent)
    crash = case.data.get("crash_reader")
    if crash:
        import dossierkit.reading.isolation as isolation

        monkeypatch.setattr(isolation, "_read", _crash_on(frozenset(crash), isolation._read))
    limits = Limits(**case.data.get("limits", {}))
    result = verify(folder, limits=limits, read_workers=case.data.get("read_workers", 0))
    return flatten(result.findings)


def _crashing_work(item: Any, call: Any, lang: str, *, names: frozenset[str]) -> Any:
    """Triage's work on one dossier, except that it dies on the dossiers named."""
    from dossierkit.triage.worker import process

    if item.name in names:
        os._exit(3)
    return process(item, call, lang)


def run_inbox(case: Case, inbox: Path, base: Callable[[str], Path]) -> list[Expected]:
    """Triage the case's inbox; each intake finding as (dossier, code, severity, piece, file,
    page)."""
    from dossierkit.call import load_call
    from dossierkit.triage.run import triage
    from triage_inbox import zip_folder

    inbox.mkdir()
    for name, recipe in case.data["inbox"].items():
        if "zip" in recipe:
            folder = build_dossier(inbox.parent / "zipped" / name, recipe["zip"], base)
            zip_folder(folder, inbox / name)
            for cut in [recipe.get("truncate")] if recipe.get("truncate") else []:
                data = (inbox / name).read_bytes()
                (inbox / name).write_bytes(data[: int(len(data) * float(cut))])
        elif "file" in recipe:
            make_file(inbox / name, recipe["file"])
        else:
            build_dossier(inbox / name, recipe, base)
    options = case.data.get("triage") or {}
    work: Any = None
    if options.get("crash"):
        work = functools.partial(_crashing_work, names=frozenset(options["crash"]))
    kwargs: dict[str, Any] = {"jobs": 1, "timeout": options.get("timeout", 300.0)}
    if work is not None:
        kwargs["work"] = work
    result = triage(inbox, load_call(), **kwargs)
    return [
        (row.outcome.item.name, *values) for row in result.rows for values in flatten(row.findings)
    ]


def _marks(case: Case) -> list[pytest.MarkDecorator]:
    return [pytest.mark.slow] if case.data.get("slow") else []


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id, marks=_marks(c)) for c in CASES])
def test_check_case(
    case: Case,
    tmp_path: Path,
    bases: Callable[[str], Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if case.intake:
        found = run_inbox(case, tmp_path / "inbox", bases)
        codes = {str(row[1]) for row in found}
    else:
        folder = build_dossier(tmp_path / "dossier", case.data.get("dossier") or {}, bases)
        found = run_dossier(case, folder, monkeypatch)
        codes = {str(row[0]) for row in found}
    missing = [expected for expected in case.fires if expected not in found]
    assert not missing, f"expected {missing} among {found}"
    unwanted = sorted(codes & set(case.quiet))
    assert not unwanted, f"{unwanted} must not fire; found {found}"


def test_flatten_reads_findings_and_reported_findings_alike() -> None:
    from dossierkit.findings import Finding, Severity

    finding = Finding("R002", Severity.ERROR, "rib", "RIB.pdf", 1, {"iban": "FR76…"})
    reported = {"code": "R002", "severity": "error", "piece": "rib", "file": "RIB.pdf", "page": 1}
    other = Finding("P001", Severity.ERROR, "statuts")
    assert flatten([finding, other], codes="R") == flatten([reported])
    assert flatten([finding, other], ("code",), codes=("P", "R002")) == [("R002",), ("P001",)]
    with pytest.raises(ValueError, match="message"):
        flatten([finding], ("code", "message"))
