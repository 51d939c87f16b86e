"""What a letter and the tracking sheet print of a person and of the reference: a title
after a name without its article, and a reference never cut at the end of a line."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from dossierkit.call import load_call
from dossierkit.text import bare_title
from dossierkit.triage.applications import application_entry
from dossierkit.triage.letters import fill
from dossierkit.triage.model import InboxItem, Outcome, Row, Summary


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("La Présidente", "Présidente"),
        ("le Maire", "Maire"),
        ("L'Adjointe au maire", "Adjointe au maire"),
        ("l’administratrice", "Administratrice"),
        ("Le Vice-président\ndélégué au numérique,", "Vice-président délégué au numérique"),
        ("Lauréate", "Lauréate"),  # a word starting with « La », not an article
        (None, ""),
    ],
)
def test_a_title_after_a_name_has_no_article(written: str | None, shown: str) -> None:
    assert bare_title(written) == shown


def test_the_tracking_sheet_names_signatory_and_representative_without_article() -> None:
    facts = [
        {"name": "signatory.name", "value": "Marie Delattre"},
        {"name": "signatory.title", "value": "La Présidente"},
    ]
    report = {
        "pieces": [],
        "annexes": [],
        "findings": [],
        "facts": facts,
        "summary": {"errors": 0, "warnings": 0, "infos": 0},
    }
    item = InboxItem("Ruche.zip", Path("Ruche.zip"), "zip", datetime(2026, 12, 3, tzinfo=UTC))
    summary = Summary(representative="Marie Delattre", representative_title="la Présidente")
    entry = application_entry(
        [Row(Outcome(item, "f", "complete", summary, report))], None, load_call()
    )
    assert entry["signatory"] == "Marie Delattre, Présidente"
    assert entry["legal_representative"] == "Marie Delattre, Présidente"


def test_the_reference_is_never_cut_after_its_hyphen() -> None:
    import docx
    from docx.oxml.ns import qn

    document = docx.Document()
    document.add_paragraph("Réf. : {reference}")
    document.add_paragraph("Envoyez-les en rappelant la référence {reference}, par courriel.")
    fill(document, {"reference": "TLN-0001"}, {})
    for paragraph in document.paragraphs:
        # Read back (python-docx, and the PDF's text) with a plain hyphen...
        assert "TLN-0001" in paragraph.text
        # ...but written as Word's non-breaking hyphen: no line can end with « TLN- ».
        run = paragraph.runs[0]._r
        assert len(run.findall(qn("w:noBreakHyphen"))) == 1
        assert not any("TLN-" in (t.text or "") for t in run.findall(qn("w:t")))
    assert document.paragraphs[1].text == (
        "Envoyez-les en rappelant la référence TLN-0001, par courriel."
    ), "the other hyphens and the spaces around the reference are kept"


def test_the_instructors_help_is_french_and_never_leaves_a_guillemet_alone() -> None:
    import re

    from click.testing import CliRunner

    from dossierkit.cli import cli

    commands = (["courrier"], ["courrier", "envoye"], ["registre"], ["triage"])
    for args in commands:
        # Bound to their words by a narrow no-break space, which no wrapping breaks...
        text = CliRunner().invoke(cli, [*args, "--help"], terminal_width=500).output
        assert "«" in text and not re.search(r"«(?!\u202f)|(?<!\u202f)»", text), args
        # ...so that on any usual terminal, a line never ends with « nor starts with ».
        for width in range(50, 101):
            shown = CliRunner().invoke(cli, [*args, "--help"], terminal_width=width).output
            assert "LETTER" not in shown
            for line in shown.splitlines():
                assert not line.rstrip().endswith("«"), (width, line)
                assert not line.lstrip().startswith("»"), (width, line)
    envoye = CliRunner().invoke(cli, ["courrier", "envoye", "--help"]).output
    assert "envoye [OPTIONS] COURRIER" in envoye


def test_the_address_puts_the_postcode_on_its_own_line() -> None:
    from dossierkit.triage.letters import postal_lines

    assert postal_lines(("5 rue Jean Jaurès – 80130 Friville-Escarbotin",)) == [
        "5 rue Jean Jaurès",
        "80130 Friville-Escarbotin",
    ]
    assert postal_lines(("3 place du Général Leclerc, 59440 Avesnes-sur-Helpe",)) == [
        "3 place du Général Leclerc",
        "59440 Avesnes-sur-Helpe",
    ]
    kept = ("Hôtel communautaire", "2 place de la Mairie", "62380 Lumbres")
    assert postal_lines(kept) == list(kept)


def test_an_amount_is_never_cut_in_a_letter() -> None:
    from dossierkit.triage.letters import bound

    assert bound("min(62 000 ; 60 000) × 75 % = 45 000 € pour 2027 2028") == (
        "min(62\u00a0000\u202f; 60\u00a0000) × 75\u00a0% = 45\u00a0000\u00a0€ pour 2027 2028"
    )


def test_a_date_is_never_cut_in_a_letter() -> None:
    from datetime import date

    from dossierkit.triage.letters import french_date

    assert french_date(date(2026, 12, 1)) == "1er\u00a0décembre\u00a02026"
