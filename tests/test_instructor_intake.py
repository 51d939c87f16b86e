"""What leaves the tool for the instructor (issue 15), as a Région service reads it: the
intercommunalité by the name it gives itself (« Communauté de communes du Cœur de
l'Avesnois », not INSEE's « CC Coeur de l'Avesnois »), the acknowledgement's legal basis
cited, French typography in the terminal, and letters converted to PDF from a private copy,
never in the service's folder of letters. Fast: no LibreOffice (a fake converter stands for
it where the conversion's place is what is tested)."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import docx
import pytest
from test_letters import SETTINGS

from dossierkit import epci
from dossierkit.call import load_call
from dossierkit.resources import data_path
from dossierkit.triage.export import APPLICATION_COLUMNS, label
from dossierkit.triage.history import Check, History, Version, history_lines
from dossierkit.triage.letters import write_letter
from dossierkit.triage.model import InboxItem, Outcome, Reception, Summary
from dossierkit.triage.service import Service
from dossierkit.triage.terminal import progress, render_table

AVESNOIS = "Communauté de communes du Cœur de l'Avesnois"
# A space French typography binds, left breakable: before « : ; ! ? », inside « ».
LOOSE = re.compile(r" [:;!?»]|« ")


@pytest.mark.parametrize(
    ("insee", "official"),
    [
        # INSEE drops the article the EPCI writes.
        ("CC Coeur de l'Avesnois", AVESNOIS),
        # INSEE repeats the kind the name says.
        ("CA Douaisis Agglo", "Douaisis Agglo"),
        ("CA GrandSoissons Agglomération", "GrandSoissons Agglomération"),
        # By rule: the kind spelt out, the ligature given back, the article kept.
        ("CA Coeur d'Ostrevent", "Communauté d'agglomération Cœur d'Ostrevent"),
        ("CC des Villes Soeurs", "Communauté de communes des Villes Sœurs"),
        ("CU d'Arras", "Communauté urbaine d'Arras"),
    ],
)
def test_an_intercommunalite_is_named_as_it_names_itself(insee: str, official: str) -> None:
    found = epci.lookup(insee)
    assert found is not None and found.full_name == official
    # And the name written back finds it again (a dossier that writes it so is recognised).
    assert epci.lookup(official) is found


def test_each_usual_name_is_an_epci_of_the_reference_and_cites_its_source() -> None:
    sirens = {e.siren for e in epci.all_epci()}
    with data_path("epci-noms-usuels.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows
    for row in rows:
        assert row["siren"] in sirens, row
        assert row["source"].strip(), row  # none guessed
        # Written as French writes it: no INSEE abbreviation, no lost ligature.
        assert not re.match(r"(CC|CA|CU) ", row["nom"]) and "Coeur" not in row["nom"]


def _outcome(tmp_path: Path, **summary: Any) -> Outcome:
    item = InboxItem(
        "Ruche.zip", tmp_path / "Ruche.zip", "zip", datetime(2026, 11, 28, 10, tzinfo=UTC)
    )
    values: dict[str, Any] = {
        "structure": "La Ruche numérique de l'Avesnois",
        "epci_name": "CC Coeur de l'Avesnois",
        "epci_siren": "200043263",
        "form": "reseau",
        "representative": "Catherine Legrand",
        "representative_title": "Présidente",
        "address": ("3 place du Général Leclerc", "59440 Avesnes-sur-Helpe"),
    }
    values.update(summary)
    report = {"findings": [], "pieces": [], "annexes": [], "facts": []}
    return Outcome(item, "f", "complete", Summary(**values), report)


def _acknowledgement(tmp_path: Path, target: Path, **options: Any) -> Any:
    reception = Reception("TLN-0001", datetime(2026, 11, 28, 10, 0, tzinfo=UTC), 1, 1)
    return write_letter(
        "accuse-reception",
        _outcome(tmp_path),
        reception,
        load_call(),
        target,
        service=Service(dict(SETTINGS)),
        today=date(2026, 12, 3),
        **options,
    )


def _text(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_acknowledgement_names_the_territory_as_the_epci_does_and_cites_its_basis(
    tmp_path: Path,
) -> None:
    target = tmp_path / "ar.docx"
    _acknowledgement(tmp_path, target, pdf=False)
    text = _text(target)
    flat = text.replace("\u00a0", " ").replace("\u202f", " ")
    assert "sur le territoire de la communauté de communes du Cœur de l'Avesnois." in flat
    assert "CC Coeur" not in text and "Coeur" not in text
    # Art. L112-3 and R112-5 of the CRPA, and the dates they require, computed: received on
    # 28 November 2026, rejected by silence two months later (art. L231-4).
    assert "articles L112-3 et R112-5 du code des relations" in flat
    assert "reçue le 28 novembre 2026" in flat
    assert "réputée rejetée le 28 janvier 2027" in flat
    assert "L231-4" in flat and "R421-2" in flat
    assert not LOOSE.search(text), LOOSE.search(text)
    assert not re.search(r"\[[^\]]*\]|\{[a-z_]+\}", text)


class _FakeLibreOffice:
    """Stands for LibreOffice: records the file it was given, leaves a lock file beside it
    (as LibreOffice does) and writes a PDF in ``outdir``."""

    def __init__(self) -> None:
        self.sources: list[Path] = []
        self.given: list[bytes] = []

    def convert(self, source: Path, target_format: str, outdir: Path, **_: Any) -> Path:
        self.sources.append(source)
        self.given.append(source.read_bytes())
        (source.parent / f".~lock.{source.name}#").write_text("lock", encoding="utf-8")
        outdir.mkdir(parents=True, exist_ok=True)
        made = outdir / f"{source.stem}.{target_format}"
        made.write_bytes(b"%PDF-1.7 " + source.read_bytes()[:16])
        return made


@pytest.fixture
def fake_libreoffice(monkeypatch: pytest.MonkeyPatch) -> _FakeLibreOffice:
    from dossierkit.external import soffice

    fake = _FakeLibreOffice()
    monkeypatch.setattr(soffice, "available", lambda: True)
    monkeypatch.setattr(soffice, "convert", fake.convert)
    return fake


def test_the_pdf_is_made_from_a_private_copy_never_beside_the_letter(
    tmp_path: Path, fake_libreoffice: _FakeLibreOffice
) -> None:
    letters = tmp_path / "courriers"
    target = letters / "TLN-0001 accuse-reception 2026-12-03.docx"
    letter = _acknowledgement(tmp_path, target)
    assert letter.pdf == target.with_suffix(".pdf") and letter.pdf.is_file()
    (source,) = fake_libreoffice.sources
    assert source.parent != letters and letters not in source.parents
    assert fake_libreoffice.given == [target.read_bytes()]  # the letter written, as written
    assert not source.exists()  # its scratch folder removed with the lock file
    assert sorted(p.name for p in letters.iterdir()) == [
        "TLN-0001 accuse-reception 2026-12-03.docx",
        "TLN-0001 accuse-reception 2026-12-03.pdf",
    ]


def test_a_draft_written_again_without_pdf_leaves_no_stale_pdf(
    tmp_path: Path, fake_libreoffice: _FakeLibreOffice
) -> None:
    target = tmp_path / "courriers" / "TLN-0001 accuse-reception 2026-12-03.docx"
    assert _acknowledgement(tmp_path, target).pdf is not None
    # The draft replaced (--force --no-pdf): its old PDF would be signed for the new one.
    assert _acknowledgement(tmp_path, target, pdf=False, force=True).pdf is None
    assert target.is_file() and not target.with_suffix(".pdf").exists()


def _data() -> dict[str, Any]:
    finding = {
        "code": "I001",
        "severity": "warning",
        "message": (
            "Une autre demande vise la même intercommunalité (CA du Pays de Saint-Omer) : "
            "« CA du Pays de Saint-Omer », dossier « CA du Pays de Saint-Omer - sans HT TTC » "
            "reçu le 03/12/2026. La Région n'accorde qu'une aide par intercommunalité : "
            "demandez à l'intercommunalité quel projet elle désigne."
        ),
    }
    application = {
        "reference": "TLN-0001",
        "structure": "La Ruche numérique de l'Avesnois",
        "intercommunalite": "CC Coeur de l'Avesnois",
        "intercommunalite_siren": "200043263",
        "status": "incomplete",
        "dossiers": ["Ruche.zip"],
        "current_version": "Ruche.zip",
    }
    return {
        "lang": "fr",
        "inbox": "arrivees",
        "summary": {"dossiers": 3, "complete": 0, "incomplete": 1, "failed": 2, "incidents": 2},
        "ignored": ["note.txt"],
        "incidents": [
            {"dossier": "Dossier vide", "received_at": "2026-11-25T09:00:00", "reason": "vide"},
            {"dossier": "Cassé.zip", "received_at": None, "reason": "illisible ; à renvoyer !"},
        ],
        "pending": [
            {"dossier": "Complément", "received_at": "2026-12-04T10:00:00", "pieces": ["RIB"]}
        ],
        "applications": [application],
        "dossiers": [
            {
                "dossier": "Ruche.zip",
                "reference": "TLN-0001",
                "findings": [finding],
                "incident": False,
                "complement_of": None,
            },
            {
                "dossier": "RIB seul",
                "reference": None,
                "findings": [],
                "incident": False,
                "complement_of": "TLN-0001",
            },
        ],
    }


def test_the_triage_summary_binds_the_spaces_of_french_typography() -> None:
    out = io.StringIO()
    render_table(_data(), out)
    text = out.getvalue()
    prose = [line for line in text.splitlines() if line and line[0] not in "┏┃┡│└━┗"]
    assert any("\u00a0:" in line for line in prose)
    for line in prose:
        assert not LOOSE.search(line), line
    # Piped to a log, a finding stays on one line: never broken at a bound space.
    assert re.search(r"^ATTENTION I001 .+quel projet elle désigne\.$", text, re.MULTILINE)
    assert "«\u00a0RIB seul\u00a0» complète la demande TLN-0001\u00a0:" in text
    assert "1 demande\u00a0: 0 complète, 1 incomplète." in text


def test_the_progress_lines_bind_the_colon() -> None:
    err = io.StringIO()
    item = InboxItem("Dossier vide", Path("Dossier vide"), "folder", None)
    with progress(1, "fr", err) as tell:
        tell(Outcome(item, "f", "failed", Summary(), None))
    assert err.getvalue() == "[1/1] Dossier vide\u00a0: échec\n"


def test_tables_and_history_name_the_intercommunalite_as_letters_do() -> None:
    columns = {c.key: c for c in APPLICATION_COLUMNS}
    entry = _data()["applications"][0]
    assert label(columns["intercommunalite"], entry, "fr") == AVESNOIS
    applying = {"structure": "CC du Pays de Mormal", "structure_kind": "intercommunalite"}
    assert label(columns["structure"], applying, "fr") == (
        "Communauté de communes du Pays de Mormal"
    )
    check = Check(datetime(2026, 12, 3, 11, 42), "incomplete", 3, 0, (), ())
    version = Version(1, "Ruche.zip", "zip", datetime(2026, 11, 28, 10), (), (check,), ())
    history = History(
        "TLN-0001", "La Ruche numérique de l'Avesnois", "CC Coeur de l'Avesnois", (version,)
    )
    title = history_lines(history)[0]
    assert title == f"TLN-0001 — La Ruche numérique de l'Avesnois ({AVESNOIS})"


def test_the_addressee_s_hyphenated_names_are_never_cut(tmp_path: Path) -> None:
    """« À l'attention de Monsieur Jean- » / « Claude Villemain, Président » and
    « Communauté de communes Pévèle- » / « Carembault » were printed in the address block:
    their hyphens are Word's non-breaking ones, read back as « - »."""
    from docx.oxml.ns import qn

    reception = Reception("TLN-0008", datetime(2026, 12, 3, 9, 23, tzinfo=UTC), 8, 8)
    outcome = _outcome(
        tmp_path,
        structure="CC Pévèle-Carembault",
        structure_kind="intercommunalite",
        representative="Jean-Claude Villemain",
        representative_title="Président",
    )
    target = tmp_path / "ar.docx"
    write_letter(
        "accuse-reception",
        outcome,
        reception,
        load_call(),
        target,
        service=Service(dict(SETTINGS)),
        pdf=False,
    )
    (line,) = [p for p in docx.Document(str(target)).paragraphs if "attention de" in p.text]
    assert "Monsieur\u00a0Jean-Claude\u00a0Villemain, Président" in line.text
    assert len(line._p.findall(f".//{qn('w:noBreakHyphen')}")) == 1
    # Nor « Communauté de communes Pévèle- » above « Carembault ».
    (name,) = [p for p in docx.Document(str(target)).paragraphs if p.text.endswith("Carembault")]
    assert name.text == "Communauté de communes\u00a0Pévèle-Carembault"
    assert len(name._p.findall(f".//{qn('w:noBreakHyphen')}")) == 1


def test_the_same_result_verified_again_is_one_line_of_the_history() -> None:
    """Each letter written verifies its dossier again: four identical verifications of a
    version were four lines; one line says how many and until when, a different result
    its own line."""
    same = [Check(datetime(2026, 12, 3, 12, m), "incomplete", 5, 0, (), ()) for m in (15, 16, 17)]
    fixed = Check(datetime(2026, 12, 4, 9, 0), "complete", 0, 0, (), ())
    version = Version(1, "Ruche.zip", "zip", datetime(2026, 11, 28, 10), (), (*same, fixed), ())
    lines = history_lines(History("TLN-0001", "La Ruche", None, (version,)))
    assert [line for line in lines if "vérifiée" in line] == [
        "  vérifiée le 03/12/2026 12:15\u00a0: incomplet, 5 erreurs, 0 avertissement\u00a0; "
        "même résultat 2 fois de plus, jusqu'au 03/12/2026 12:17",
        "  vérifiée le 04/12/2026 09:00\u00a0: complet, 0 erreur, 0 avertissement",
    ]
    english = history_lines(History("TLN-0001", "La Ruche", None, (version,)), "en")
    assert "; the same 2 more times, until 2026-12-03 12:17" in english[2]


def test_the_page_binds_french_spaces_in_its_text_only() -> None:
    """The triage page printed « 20 envois reçus : 8 complets » with a breakable space
    before the colon in every cell and finding; its text now binds them, while attributes,
    the style and the script (« a ? b : c ») are left as written."""
    from dossierkit.triage.html import _typeset

    page = (
        "<!DOCTYPE html><html><head><title>Tri des dossiers — « arrivees »</title>"
        "<style>td :first-child { color : red; }</style></head><body>"
        '<p id="summary" title="a : b">20 envois reçus : 8 complets ; « Dossier vide »</p>'
        "<script>const x = y ? 1 : 2;</script></body></html>"
    )
    typeset = _typeset(page)
    assert "<title>Tri des dossiers — «\u00a0arrivees\u00a0»</title>" in typeset
    assert "td :first-child { color : red; }" in typeset
    assert (
        'title="a : b">20 envois reçus\u00a0: 8 complets\u00a0; «\u00a0Dossier vide\u00a0»<'
        in typeset
    )
    assert "const x = y ? 1 : 2;" in typeset
