"""A letter and the tracking sheet name the intercommunalité as the Région writes it to an
applicant (« la communauté de communes du Cœur de l'Avesnois »), never by INSEE's abbreviation
(« l'intercommunalité CC Coeur de l'Avesnois »); the sheet keeps its SIREN."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from test_letters import SETTINGS

from dossierkit.call import load_call
from dossierkit.triage.export import APPLICATION_COLUMNS, table_csv, workbook
from dossierkit.triage.letters import write_letter
from dossierkit.triage.model import InboxItem, Outcome, Reception, Summary
from dossierkit.triage.service import Service
from dossierkit.triage.territory import epci_full_name, of_epci, structure_name


@pytest.mark.parametrize(
    ("name", "siren", "said"),
    [
        # INSEE's names, as the worker records them.
        (
            "CC Coeur de l'Avesnois",
            "200043263",
            "de la communauté de communes du Cœur de l'Avesnois",
        ),
        ("CC du Pays de Mormal", "200043321", "de la communauté de communes du Pays de Mormal"),
        ("CU d'Arras", None, "de la communauté urbaine d'Arras"),
        (None, "200093201", "de la Métropole Européenne de Lille"),
        # A name outside the reference (another region, a typo): said as read.
        ("Pays des Trois Vallées", None, "de l'intercommunalité Pays des Trois Vallées"),
        (None, None, None),
    ],
)
def test_an_intercommunalite_after_sur_le_territoire(
    name: str | None, siren: str | None, said: str | None
) -> None:
    assert of_epci(name, siren) == said


def _outcome(tmp_path: Path) -> Outcome:
    item = InboxItem("Ruche.zip", tmp_path / "Ruche.zip", "zip", datetime(2026, 12, 3, tzinfo=UTC))
    summary = Summary(
        structure="La Ruche numérique de l'Avesnois",
        epci_name="CC Coeur de l'Avesnois",
        epci_siren="200043263",
        form="reseau",
        representative="Catherine Legrand",
        representative_title="Présidente",
        address=("3 place du Général Leclerc", "59440 Avesnes-sur-Helpe"),
    )
    report = {"findings": [], "pieces": [], "annexes": [], "facts": []}
    return Outcome(item, "f", "complete", summary, report)


def test_the_acknowledgement_names_the_intercommunalite_in_full(tmp_path: Path) -> None:
    import docx

    reception = Reception("TLN-0001", datetime(2026, 12, 3, 9, 0, tzinfo=UTC), 1, 1)
    target = tmp_path / "ar.docx"
    write_letter(
        "accuse-reception",
        _outcome(tmp_path),
        reception,
        load_call(),
        target,
        service=Service(dict(SETTINGS)),
        pdf=False,
    )
    text = " ".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert (
        "pour l'animation d'un réseau de lieux sur le territoire de la communauté de communes "
        "du Cœur de l'Avesnois."
    ) in text.replace("\u00a0", " ")
    assert "CC Coeur" not in text and "l'intercommunalité" not in text


def test_the_tracking_sheet_names_it_in_full_with_its_siren() -> None:
    from io import BytesIO

    from openpyxl import load_workbook

    entry = {
        "reference": "TLN-0001",
        "intercommunalite": "CC Coeur de l'Avesnois",
        "intercommunalite_siren": "200043263",
    }
    sheet = load_workbook(BytesIO(workbook([("Demandes", APPLICATION_COLUMNS, [entry])], "fr")))[
        "Demandes"
    ]
    row = dict(zip([c.value for c in sheet[1]], [c.value for c in sheet[2]], strict=True))
    assert row["Intercommunalité"] == "Communauté de communes du Cœur de l'Avesnois"
    assert row["SIREN de l'intercommunalité"] == "200043263"
    csv = table_csv(APPLICATION_COLUMNS, [entry], "fr").decode("utf-8-sig")
    assert ";Communauté de communes du Cœur de l'Avesnois;200043263;" in csv
    # Unknown to INSEE's reference: as read, never blank.
    assert epci_full_name("Pays des Trois Vallées") == "Pays des Trois Vallées"


def test_an_intercommunalite_that_applies_is_addressed_by_its_full_name(tmp_path: Path) -> None:
    """The worker names an applying intercommunalité as INSEE lists it; its letterhead, the
    letter's address and the tracking sheet give its full name."""
    import dataclasses
    from io import BytesIO

    import docx
    from openpyxl import load_workbook

    outcome = _outcome(tmp_path)
    summary = dataclasses.replace(
        outcome.summary,
        structure="CC du Pays de Mormal",
        structure_kind="intercommunalite",
        epci_name="CC du Pays de Mormal",
        epci_siren="200043321",
    )
    reception = Reception("TLN-0002", datetime(2026, 12, 3, 9, 0, tzinfo=UTC), 2, 2)
    target = tmp_path / "ar.docx"
    write_letter(
        "accuse-reception",
        dataclasses.replace(outcome, summary=summary),
        reception,
        load_call(),
        target,
        service=Service(dict(SETTINGS)),
        pdf=False,
    )
    lines = [p.text for p in docx.Document(str(target)).paragraphs]
    # Its end bound: too long for the address block, it breaks before « Pays de Mormal ».
    assert "Communauté de communes du Pays\u00a0de\u00a0Mormal" in lines
    assert not any("CC du Pays" in line for line in lines)
    entry = {"structure": "CC du Pays de Mormal", "structure_kind": "intercommunalite"}
    sheet = load_workbook(BytesIO(workbook([("Demandes", APPLICATION_COLUMNS, [entry])], "fr")))[
        "Demandes"
    ]
    structure = [c.value for c in sheet[1]].index("Structure")
    assert sheet[2][structure].value == "Communauté de communes du Pays de Mormal"
    # An association whose name reads like an intercommunalité's stays as it is written.
    assert structure_name("CC du Pays de Mormal", "association") == "CC du Pays de Mormal"
