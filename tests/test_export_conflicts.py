"""The tracking sheet names, on both lines, the applications that compete for one
intercommunalité (« une seule et même aide par intercommunalité »), or share an IBAN or a file.

Monday the instructor receives the Ternois fablab and an association whose RIB is the
fablab's (copied by mistake): the batch's exports (CSV, workbook, JSON, page) name each
other on both lines. Tuesday, by another channel (a zip by e-mail), another association of
the Ternois: the Tuesday triage flags the newcomer only, and the register's sheet
(``registre --csv`` and ``--xlsx``) must still show the pair on both lines, each naming the
other by its reference, in a column of its own and in « Pourquoi ». The findings' sheet
starts with the reference, and every sheet is in order of reference, not of folder name.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from dossierkit.call import load_call
from dossierkit.triage.commands import run_register
from dossierkit.triage.export import to_json, triage_csv, triage_data, triage_xlsx
from dossierkit.triage.history import history_lines
from dossierkit.triage.html import triage_html
from dossierkit.triage.register import Register
from dossierkit.triage.run import triage
from triage_inbox import built_dossiers, zip_folder

SAME_EPCI = "Autres demandes (même intercommunalité)"
SAME_IBAN = "Autres demandes (même IBAN)"
SAME_FILE = "Autres demandes (même fichier)"
MONDAY = datetime(2026, 11, 23, 9, tzinfo=UTC).timestamp()
TUESDAY = MONDAY + 86400


def _dated(path: Path, when: float) -> Path:
    os.utime(path, (when, when))
    return path


def _monday(built: dict[str, Path], inbox: Path) -> None:
    """The fablab (received first, though its folder's name sorts last) and the association
    that sent the fablab's RIB as its own (an hour later)."""
    inbox.mkdir()
    fablab = shutil.copytree(built["ternois"], inbox / "Zeste - Fablab Ternois")
    other = shutil.copytree(built["association-incomplete"], inbox / "Ateliers Montreuillois")
    shutil.copy(built["ternois"] / "RIB.pdf", other / "RIB.pdf")
    _dated(fablab, MONDAY)
    _dated(other, MONDAY + 3600)


def _tuesday(built: dict[str, Path], inbox: Path) -> None:
    """The rival association of the Ternois, its dossier zipped and sent by e-mail."""
    inbox.mkdir()
    _dated(zip_folder(built["rival"], inbox / "Ternois Numérique.zip"), TUESDAY)


def _csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def _sheet(book: Any, title: str) -> list[dict[str, Any]]:
    sheet = book[title]
    heads = [c.value for c in sheet[1]]
    return [dict(zip(heads, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)]


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Monday's batch, then Tuesday's, in one register; its sheet after both."""
    built = built_dossiers(tmp_path_factory.getbasetemp())
    work = tmp_path_factory.mktemp("conflits")
    call = load_call()
    db = work / "registre.sqlite"
    with Register(db) as register:
        _monday(built, work / "lundi")
        monday = triage(work / "lundi", call, register=register, jobs=1)
        data = triage_data(monday, call)
        english = triage_data(monday, call, "en")
        _tuesday(built, work / "mardi")
        tuesday = triage_data(triage(work / "mardi", call, register=register, jobs=1), call)
    out = work / "sorties"
    run_register(
        None,
        db=db,
        outputs={"--csv": out / "reg.csv", "--xlsx": out / "reg.xlsx"},
        force=False,
        lang="fr",
        out=io.StringIO(),
    )
    return {
        "db": db,
        "tuesday": tuesday,
        "registre_csv": _csv((out / "reg.csv").read_bytes()),
        "registre_xlsx": load_workbook(out / "reg.xlsx"),
        "data": data,
        "english": english,
        "csv": _csv(triage_csv(data)),
        "json": json.loads(to_json(data)),
        "xlsx": load_workbook(io.BytesIO(triage_xlsx(data, call))),
        "html": triage_html(data, work / "lundi", out / "tri.html").decode("utf-8"),
    }


def _by_reference(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {r["Référence"]: r for r in rows}


def test_the_register_names_the_rival_on_both_lines_received_on_two_days(
    runs: dict[str, Any],
) -> None:
    for rows in (runs["registre_csv"], _sheet(runs["registre_xlsx"], "Demandes")):
        lines = _by_reference(rows)
        assert [r["Référence"] for r in rows] == ["TLN-0001", "TLN-0002", "TLN-0003"]
        fablab, other, rival = lines["TLN-0001"], lines["TLN-0002"], lines["TLN-0003"]
        # The pair for the Ternois: each names the other, the line received first too.
        assert fablab[SAME_EPCI] == "TLN-0003" and rival[SAME_EPCI] == "TLN-0001"
        assert other[SAME_EPCI] in ("", None)
        said = "Une autre demande vise la même intercommunalité\u00a0: "
        assert said + "TLN-0003" in fablab["Pourquoi"]
        assert said + "TLN-0001" in rival["Pourquoi"]
        # The bare reason, which does not say which, is no longer given.
        assert "a été reçue pour la même intercommunalité" not in rival["Pourquoi"]
        # The RIB copied from the fablab, on both lines too.
        assert fablab[SAME_IBAN] == fablab[SAME_FILE] == "TLN-0002"
        assert other[SAME_IBAN] == other[SAME_FILE] == "TLN-0001"
        assert "Le même IBAN figure dans la demande TLN-0001" in other["Pourquoi"]
        assert "Un fichier identique figure dans la demande TLN-0001" in other["Pourquoi"]
        # Both lines of the Ternois pair count the warning, the earlier one too.
        assert int(fablab["Avertissements"]) >= 1 and int(rival["Avertissements"]) >= 1


def test_the_tuesday_batch_names_the_rival_received_on_monday(runs: dict[str, Any]) -> None:
    (rival,) = runs["tuesday"]["applications"]
    assert rival["reference"] == "TLN-0003" and rival["same_epci"] == "TLN-0001"
    assert rival["reasons"].endswith("même intercommunalité\u00a0: TLN-0001")


def test_the_batch_exports_name_each_other_on_both_lines(runs: dict[str, Any]) -> None:
    for applications in (runs["data"]["applications"], runs["json"]["applications"]):
        by_ref = {a["reference"]: a for a in applications}
        assert by_ref["TLN-0001"]["same_iban"] == by_ref["TLN-0001"]["same_file"] == "TLN-0002"
        assert by_ref["TLN-0002"]["same_iban"] == by_ref["TLN-0002"]["same_file"] == "TLN-0001"
    for rows in (runs["csv"], _sheet(runs["xlsx"], "Demandes")):
        lines = _by_reference(rows)
        assert lines["TLN-0001"][SAME_IBAN] == "TLN-0002"
        assert lines["TLN-0002"][SAME_FILE] == "TLN-0001"
        assert "Le même IBAN figure dans la demande TLN-0002" in lines["TLN-0001"]["Pourquoi"]
        # No two applications of Monday share an intercommunalité: the column is there, empty.
        assert {r[SAME_EPCI] for r in rows} <= {"", None}
    # The page's section of the fablab gives the other application among its facts.
    page = runs["html"]
    section = page[page.index('id="demande-1"') : page.index('id="demande-2"')]
    assert f"<dt>{SAME_IBAN}</dt><dd>TLN-0002</dd>" in section
    english = {a["reference"]: a for a in runs["english"]["applications"]}
    assert "The same IBAN appears in application TLN-0002" in english["TLN-0001"]["reasons"]


def test_every_sheet_is_in_order_of_reference_and_findings_start_with_it(
    runs: dict[str, Any],
) -> None:
    book = runs["xlsx"]
    order = ["TLN-0001", "TLN-0002"]
    assert [r["Référence"] for r in _sheet(book, "Demandes")] == order
    assert [r["Référence"] for r in runs["csv"]] == order
    # By reference, not by folder name (« Ateliers… » sorts before « Zeste… »).
    versions = _sheet(book, "Versions")
    assert [(r["Référence"], r["Dossier"]) for r in versions] == [
        ("TLN-0001", "Zeste - Fablab Ternois"),
        ("TLN-0002", "Ateliers Montreuillois"),
    ]
    findings = book["Constats"]
    assert findings["A1"].value == "Référence" and findings["B1"].value == "Dossier"
    rows = _sheet(book, "Constats")
    seen = [r["Référence"] for r in rows]
    assert seen == sorted(seen) and set(seen) == set(order)
    shared = {(r["Référence"], r["Dossier"]) for r in rows if r["Code"] == "I002"}
    assert shared == {
        ("TLN-0001", "Zeste - Fablab Ternois"),
        ("TLN-0002", "Ateliers Montreuillois"),
    }


def test_the_history_of_the_application_received_first_names_its_rival(
    runs: dict[str, Any],
) -> None:
    with Register(runs["db"]) as register:
        fablab = register.application("TLN-0001", rivals=True)
        rival = register.application("TLN-0003", rivals=True)
        plain = register.application("TLN-0001")
    assert fablab is not None and rival is not None and plain is not None
    lines = history_lines(fablab)
    assert "Une autre demande vise la même intercommunalité\u00a0: TLN-0003." in lines
    assert "Le même IBAN figure dans la demande TLN-0002." in lines
    assert "Another application targets the same intercommunality: TLN-0001." in (
        history_lines(rival, "en")
    )
    # A triage asks for the dates only: the register is not compared for it.
    assert plain.rivals == ()
