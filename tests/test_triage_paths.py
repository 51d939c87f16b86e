"""Names that show escaped are opened, copied and linked under their own name.

Reports show a file named « R\u200bIB.pdf » (a zero-width space) or « Note\x07.pdf » (a bell)
escaped (``discovery.shown_name``), so that it never looks like « RIB.pdf ». Whatever opens,
copies or links the file must use the name the file system gives, not the shown one: a
complement laid over its application, the page's link, an export's staged dossier.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import unquote

import generate
import pytest
from platform_export import session_unpacked

from dossierkit.call import Call, load_call
from dossierkit.discovery import shown_name
from dossierkit.manifest import load_manifest
from dossierkit.triage import platforms
from dossierkit.triage.complements import merged
from dossierkit.triage.export import triage_data
from dossierkit.triage.html import triage_html
from dossierkit.triage.model import InboxItem, Layer, Outcome, Row
from dossierkit.triage.run import Triage
from dossierkit.triage.worker import verified

RIB = "R\u200bIB.pdf"  # a zero-width space inside
NOTE = "Note\x07.pdf"  # a bell
SENDING = "Fab\u2060lab"  # a word joiner


@pytest.fixture(scope="module")
def call() -> Call:
    return load_call()


def _sending(folder: Path) -> Path:
    """A sending of two pieces whose names hold a character that shows as nothing."""
    folder.mkdir(parents=True)
    bank = generate.applicant_ternois().bank
    generate.make_rib_pdf(folder / RIB, bank.holder, bank.iban, bank.bic, bank.bank, account=bank)
    generate.make_attestation_tva_pdf(folder / NOTE, generate.applicant_ternois())
    return folder


def test_a_triage_and_its_page_link_the_file_under_its_own_name(call: Call, tmp_path: Path) -> None:
    inbox = tmp_path / "arrivees"
    folder = _sending(inbox / SENDING)
    # Verified as a triage worker does, in this process (no pool to start).
    outcome = verified(InboxItem(SENDING, folder, "folder"), folder, call, "fr", [], 0.0)
    row = Row(outcome)
    result = Triage(inbox, [row], [])
    assert row.outcome.report is not None
    paths = sorted(f["path"] for f in row.outcome.report["files"])
    assert (
        paths == sorted([shown_name(RIB), shown_name(NOTE)]) == ["Note\\x07.pdf", "R\\u200bIB.pdf"]
    )
    page = tmp_path / "tri.html"
    html = triage_html(triage_data(result, call), inbox, page).decode("utf-8")
    for raw in (RIB, NOTE):
        (href,) = {h for h in _hrefs(html) if unquote(h).endswith(raw)}
        assert (page.parent / unquote(href)).is_file()  # the link reaches the file
    # The sending's name shows its invisible character, as the files' names do.
    assert SENDING not in html and "Fab\\u2060lab" in html


def _hrefs(html: str) -> list[str]:
    return [part.split('"', 1)[0] for part in html.split('href="')[1:]]


def test_a_complement_is_laid_under_its_own_name(call: Call, tmp_path: Path) -> None:
    sending = _sending(tmp_path / "complement")
    item = InboxItem("complement", sending, "folder")
    outcome = Outcome(item=item, fingerprint="f", status="incomplete")
    layer = Layer(sending, "folder", ("rib",), {})
    joined = merged(outcome, [layer], call, "fr")
    assert joined is not None and joined.report is not None
    # Copied under "R\u200bIB.pdf", it shows as before; copied under its shown name, its
    # backslash would show doubled.
    assert sorted(f["path"] for f in joined.report["files"]) == ["Note\\x07.pdf", "R\\u200bIB.pdf"]


def test_an_export_stages_pieces_under_their_own_name(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    export = tmp_path / "export"
    shutil.copytree(session_unpacked(tmp_path_factory), export)
    pieces = export / "dossier-20480123" / "pieces_justificatives"
    rib = next(pieces.glob("RIB-*"))
    rib.rename(rib.with_name("R\u200b" + rib.name[1:]))
    attestation = next(pieces.glob("Attestation TVA-*"))
    attestation.rename(attestation.with_name("Attestation\x07" + attestation.name[11:]))
    found = platforms.detect(export)
    assert found is not None
    ternois = next(a for a in found.read().applications if a.reference == "20480123")
    assert {RIB, "Attestation\x07 TVA.pdf"} <= {f.name for f in ternois.pieces}
    for staged in platforms.stage(ternois, tmp_path):  # the deposit, then the statuts' message
        folder = staged.folder
        assert (folder / RIB).is_file() and (folder / "Attestation\x07 TVA.pdf").is_file()
        manifest = load_manifest(folder / "dossier.yaml")
        declared = {p for paths in manifest.pieces.values() for p in paths}
        # Only names that show as they are: the others are recognised by their content.
        assert "Budget prévisionnel.xlsx" in declared
        assert not declared & {RIB, shown_name(RIB), "Attestation\x07 TVA.pdf"}
