"""To whom and where the instructor's letters go (sixth outside tester, defects 7 and 8): the
structure's postal address read where applicants print it (letterhead, footer, statuts,
RIB), never « Adresse indiquée dans le dossier »; the legal representative with civility and
title (« À l'attention de Monsieur Jean-Pierre Bataille, Président », « Monsieur le
Président, »); a letter refused, saying what is missing, when no address is known."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from test_letters import SETTINGS, text_of

from conftest import TEXTS, write_docx, write_pdf
from dossierkit.call import load_call
from dossierkit.pieces.address import postal_lines, printed_address, seat_address
from dossierkit.report.data import report_data
from dossierkit.triage.letters import LetterError, addressee, fields, write_letter
from dossierkit.triage.model import InboxItem, Outcome, Reception, Summary
from dossierkit.triage.recipient import legal_representative, structure_address
from dossierkit.triage.service import Service
from dossierkit.triage.worker import summarise
from dossierkit.verify import Verification, verify

REGION = [
    "Monsieur le Président du",
    "Conseil régional",
    "des Hauts-de-France",
    "À l'attention de Madame",
    "Isabelle Zeller",
    "151 boulevard Hoover",
    "59555 Lille Cedex",
]
BODY = [
    "Objet : Appel à projets « Tiers-lieux du numérique » – demande de subvention",
    "Monsieur le Président,",
    "J'ai l'honneur de solliciter le soutien financier de la Région au titre de l'appel à",
    "projets « Tiers-lieux du numérique » pour un montant de 105 000 €.",
    "Je vous prie d'agréer, Monsieur le Président, l'expression de ma haute considération.",
]
# The letterhead of an agglomeration whose name is its logo's, in capitals, its address on
# two lines with a CS (Douaisis).
LETTERHEAD = [
    "DOUAISIS AGGLO",
    "746 rue Jean Perrin – CS 300300",
    "59351 Douai Cedex",
    "SIRET 20004461800011",
    *REGION,
    "Douai, le 16 novembre 2026",
    *BODY,
    "Le Président,",
    "Christian Poiret",
]
# A letter whose address is in its footer only, signed by a vice-président by délégation
# (Grand Calais).
FOOTER = [
    "Direction du numérique",
    "Affaire suivie par : Lucie Hennequin",
    *REGION,
    "Calais, le 17 novembre 2026",
    *BODY,
    "Pour le Président et par",
    "délégation,",
    "Le Vice-président délégué au",
    "numérique,",
    "Marc Dufour",
    "Grand Calais Terres et Mers – 76 boulevard Gambetta – CS 40021 – 62101 Calais Cedex – "
    "SIRET 200 090",
    "751 00013",
]
REGION_LINE = ("151 boulevard Hoover", "59555 Lille Cedex")


@pytest.mark.parametrize(
    ("lines", "address"),
    [
        (LETTERHEAD, ("746 rue Jean Perrin", "CS 300300", "59351 Douai Cedex")),
        (FOOTER, ("76 boulevard Gambetta", "CS 40021", "62101 Calais Cedex")),
        # The address block of the Région, the only address of the letter: not the author's.
        (["Association X", *REGION, *BODY], ()),
        # An address on one line with a comma, a BP on its own line.
        (
            ["Mairie de Lumbres", "Hôtel de ville, BP 12, 62380 Lumbres", *REGION],
            ("Hôtel de ville", "BP 12", "62380 Lumbres"),
        ),
    ],
)
def test_the_address_a_document_prints(lines: list[str], address: tuple[str, ...]) -> None:
    from dossierkit.triage.recipient import _ADDRESSEE

    assert printed_address(lines, before=_ADDRESSEE) == address


def test_the_legal_form_and_the_siret_are_no_address_lines() -> None:
    assert postal_lines(["14 rue de Dunkerque 62500 Saint-Omer"]) == (
        "14 rue de Dunkerque",
        "62500 Saint-Omer",
    )
    assert postal_lines(["Association loi 1901", "5 rue de Noyon", "59400 Cambrai"]) == (
        "5 rue de Noyon",
        "59400 Cambrai",
    )
    assert postal_lines(["12 rue X – BP 5 – 62000 Arras – SIRET 123 456 789 00012"]) == (
        "12 rue X",
        "BP 5",
        "62000 Arras",
    )


@pytest.mark.parametrize(
    ("text", "address"),
    [
        (
            "Article 3 – Siège. Son siège social est fixé au 5 rue de Noyon, 59400 Cambrai. "
            "Il pourra être transféré par décision du conseil d'administration.",
            ("5 rue de Noyon", "59400 Cambrai"),
        ),
        (
            "Le siège est situé : 7 place de l'Hôtel de Ville – 62130 Saint-Pol-sur-Ternoise.",
            ("7 place de l'Hôtel de Ville", "62130 Saint-Pol-sur-Ternoise"),
        ),
        # A town without a postcode: no letter can be posted to it.
        ("Le siège social est fixé à Cambrai.", ()),
    ],
)
def test_the_seat_the_statuts_give(text: str, address: tuple[str, ...]) -> None:
    assert seat_address(text) == address


def _summary(folder: Path, verification: Verification | None = None) -> Summary:
    """The summary triage keeps of the dossier in ``folder``, with the addressee read where
    the pieces print it (``triage.recipient``)."""
    from dossierkit.triage.worker import _letterhead_address, _representative

    dossier = (verification or verify(folder, read_workers=0)).dossier
    name, title = legal_representative(dossier, *_representative(dossier))
    return dataclasses.replace(
        summarise(dossier),
        address=structure_address(dossier, _letterhead_address(dossier)),
        representative=name,
        representative_title=title,
    )


def test_a_letterhead_in_capitals_gives_its_address(tmp_path: Path) -> None:
    write_pdf(tmp_path / "Courrier de demande.pdf", LETTERHEAD)
    summary = _summary(tmp_path)
    assert summary.address == ("746 rue Jean Perrin", "CS 300300", "59351 Douai Cedex")
    assert addressee(summary) == (
        "À l'attention de Monsieur\u00a0Christian\u00a0Poiret, Président",
        "Monsieur le Président,",
    )


def test_a_footer_gives_the_address_and_a_delegation_the_representative(tmp_path: Path) -> None:
    write_pdf(tmp_path / "Courrier de demande signé.pdf", FOOTER)
    write_docx(
        tmp_path / "Dossier technique.docx",
        [
            ("Dossier technique – Le Phare numérique", 1),
            ("Responsable légal : Philippe Mignonet", 0),
        ],
    )
    summary = _summary(tmp_path)
    assert summary.address == ("76 boulevard Gambetta", "CS 40021", "62101 Calais Cedex")
    # « Pour le Président et par délégation »: the representative is « le Président ».
    assert addressee(summary) == (
        "À l'attention de Monsieur\u00a0Philippe\u00a0Mignonet, Président",
        "Monsieur le Président,",
    )


def test_a_vice_president_by_delegation_without_a_representative_named(tmp_path: Path) -> None:
    # No legal representative named: the letter goes to the signatory, with his title.
    write_pdf(tmp_path / "Courrier.pdf", FOOTER)
    verification = verify(tmp_path, read_workers=0)
    summary = _summary(tmp_path, verification)
    assert summary.representative is None
    report = report_data(verification)
    outcome, reception = _outcome(tmp_path, summary, report)
    values = fields(outcome, reception, load_call(), Service(dict(SETTINGS)), date(2026, 12, 3))
    assert values["destinataire"] == (
        "À l'attention de Monsieur\u00a0Marc\u00a0Dufour, Vice-président délégué au numérique"
    )
    assert values["formule_appel"] == "Monsieur le Vice-président,"


@pytest.mark.parametrize(
    ("summary", "line", "salutation"),
    [
        (
            Summary(representative="Anne Lemaire", representative_title="co-présidente"),
            "À l'attention de Madame\u00a0Anne\u00a0Lemaire, Co-présidente",
            "Madame la Co-présidente,",
        ),
        # Nothing tells Madame or Monsieur: no guess, « d' » before a vowel.
        (
            Summary(representative="Anne Lemaire"),
            "À l'attention d'Anne\u00a0Lemaire",
            "Madame, Monsieur,",
        ),
        (
            Summary(representative="Hélène Martin"),
            "À l'attention d'Hélène\u00a0Martin",
            "Madame, Monsieur,",
        ),
        (
            Summary(representative="Jean-Pierre Bataille", structure_kind="association"),
            "À l'attention de Jean-Pierre\u00a0Bataille",
            "Madame, Monsieur,",
        ),
        # The civility the pieces wrote, and the title the law gives (CGCT L5211-9, L2122-21).
        (
            Summary(representative="M. Jean-Pierre Bataille", structure_kind="intercommunalite"),
            "À l'attention de Monsieur\u00a0Jean-Pierre\u00a0Bataille, Président",
            "Monsieur le Président,",
        ),
        (
            Summary(representative="Mme Sophie Duhamel", structure_kind="intercommunalite"),
            "À l'attention de Madame\u00a0Sophie\u00a0Duhamel, Présidente",
            "Madame la Présidente,",
        ),
        (
            Summary(representative="Mme Odile Roussel", structure_kind="commune"),
            "À l'attention de Madame\u00a0Odile\u00a0Roussel, Maire",
            "Madame la Maire,",
        ),
        (
            Summary(representative="Mme Odile Roussel", structure_kind="association"),
            "À l'attention de Madame\u00a0Odile\u00a0Roussel",
            "Madame,",
        ),
        (
            Summary(representative="Paul Henri", representative_title="L'Adjoint au maire"),
            "À l'attention de Monsieur\u00a0Paul\u00a0Henri, Adjoint au maire",
            "Monsieur l'Adjoint,",
        ),
        (
            Summary(representative="Lise Caron", representative_title="La Vice-présidente"),
            "À l'attention de Madame\u00a0Lise\u00a0Caron, Vice-présidente",
            "Madame la Vice-présidente,",
        ),
    ],
)
def test_the_addressee_and_the_salutation(summary: Summary, line: str, salutation: str) -> None:
    assert addressee(summary) == (line, salutation)


def _outcome(
    tmp_path: Path, summary: Summary, report: dict[str, Any] | None = None
) -> tuple[Outcome, Reception]:
    item = InboxItem("Ateliers", tmp_path / "Ateliers", "folder")
    outcome = Outcome(item, "x", "complete", summary, report or {"findings": [], "facts": []})
    return outcome, Reception("TLN-0005", datetime(2026, 11, 20, 9, 0).astimezone(), 5, 5)


def test_the_letter_prints_the_address_lines(tmp_path: Path) -> None:
    summary = Summary(
        structure="Association Les Ateliers du Cambrésis",
        structure_kind="association",
        address=("Association loi 1901", "5 rue de Noyon", "59400 Cambrai"),
        representative="Isabelle Dufour",
        representative_title="La Présidente",
    )
    outcome, reception = _outcome(tmp_path, summary)
    target = tmp_path / "ar.docx"
    service = Service(dict(SETTINGS))
    write_letter(
        "accuse-reception", outcome, reception, load_call(), target, service=service, pdf=False
    )
    text, _ = text_of(target)
    block = text.split("À l'attention de Madame\u00a0Isabelle\u00a0Dufour, Présidente\n")[1]
    assert block.startswith("5 rue de Noyon\n59400 Cambrai\n")
    assert "Madame la Présidente," in text
    assert "Association loi 1901" not in text and "Adresse indiqu" not in text


def test_no_letter_without_an_address_and_one_with_the_instructors(tmp_path: Path) -> None:
    summary = Summary(structure="CC des Hauts de Flandre", structure_kind="intercommunalite")
    outcome, reception = _outcome(tmp_path, summary)
    target = tmp_path / "ar.docx"
    service = Service(dict(SETTINGS))
    call = load_call()
    with pytest.raises(LetterError) as refused:
        write_letter(
            "accuse-reception", outcome, reception, call, target, service=service, pdf=False
        )
    message = refused.value.text()
    assert "l'adresse postale de « Communauté de communes des Hauts de Flandre »" in message
    assert "--adresse" in message and "n'est imprimée dans aucune pièce" in message
    assert not target.exists()
    # The Région's own address, read by mistake: no letter to the service itself.
    own = dataclasses.replace(summary, address=REGION_LINE)
    with pytest.raises(LetterError):
        write_letter(
            "accuse-reception",
            dataclasses.replace(outcome, summary=own),
            reception,
            call,
            target,
            service=service,
            pdf=False,
        )
    with pytest.raises(LetterError, match="ne finit pas par le code postal"):
        write_letter(
            "accuse-reception",
            outcome,
            reception,
            call,
            target,
            service=service,
            pdf=False,
            address=("468 rue de la Couronne de Bierne",),
        )
    given = ("468 rue de la Couronne de Bierne, 59380 Bergues",)
    write_letter(
        "accuse-reception",
        outcome,
        reception,
        call,
        target,
        service=service,
        pdf=False,
        address=given,
    )
    text, _ = text_of(target)
    assert "468 rue de la Couronne de Bierne\n59380 Bergues" in text
    assert "Adresse indiqu" not in text


# A letter whose letterhead names the association but prints no address: the lines under the
# name are the Région's address block.
NO_ADDRESS = [TEXTS["courrier"][0], *TEXTS["courrier"][2:]]
IBAN = "FR76 3000 6000 0112 3456 7890 189"


def _rib(path: Path, holder: list[str]) -> None:
    write_pdf(
        path,
        [
            "RELEVÉ D'IDENTITÉ BANCAIRE",
            "Titulaire du compte :",
            *holder,
            "Domiciliation : CREDIT AGRICOLE SAINT-POL, 3 place de la Gare, 62130 Saint-Pol",
            f"IBAN : {IBAN}",
            "BIC : AGRIFRPP867",
        ],
    )


@pytest.mark.parametrize(
    ("pieces", "address"),
    [
        # The siège the statuts give.
        (
            {
                "Statuts.docx": [
                    ("Statuts de l'association Fab'Lab du Ternois", 1),
                    ("Article 3 – Siège social", 0),
                    (
                        "Le siège social est fixé à la Maison des associations, 12 place du "
                        "Marché – 62130 Saint-Pol-sur-Ternoise. Il peut être transféré.",
                        0,
                    ),
                ]
            },
            ("Maison des associations", "12 place du Marché", "62130 Saint-Pol-sur-Ternoise"),
        ),
        # The address under the RIB's holder, never the bank's.
        (
            {"RIB.pdf": ["ASSOCIATION FAB LAB DU TERNOIS", "14 RUE DES JARDINS 62130 SAINT-POL"]},
            ("14 RUE DES JARDINS", "62130 SAINT-POL"),
        ),
        # A public body's RIB prints its accountant's address: not the structure's.
        (
            {"RIB.pdf": ["DGFIP – SGC DE SAINT-POL", "2 rue Wilson", "62130 Saint-Pol"]},
            (),
        ),
    ],
)
def test_the_address_of_the_other_pieces(
    tmp_path: Path, pieces: dict[str, Any], address: tuple[str, ...]
) -> None:
    write_pdf(tmp_path / "Courrier.pdf", NO_ADDRESS)
    for name, content in pieces.items():
        if name.endswith(".docx"):
            write_docx(tmp_path / name, content)
        else:
            _rib(tmp_path / name, content)
    assert _summary(tmp_path).address == address


def test_the_regions_address_block_is_never_the_applicants(tmp_path: Path) -> None:
    write_pdf(tmp_path / "Courrier.pdf", NO_ADDRESS)
    assert _summary(tmp_path).address == ()
    # What a letterhead reading gave before: the Région's block under the name. Refused.
    read = ("Monsieur le Président du Conseil régional", "151 Boulevard Hoover, 59555 Lille Cedex")
    outcome, reception = _outcome(tmp_path, Summary(structure="Fab'Lab du Ternois", address=read))
    with pytest.raises(LetterError, match="--adresse"):
        write_letter(
            "accuse-reception",
            outcome,
            reception,
            load_call(),
            tmp_path / "ar.docx",
            service=Service(dict(SETTINGS)),
            pdf=False,
        )


def test_the_address_of_a_platforms_form(tmp_path: Path) -> None:
    # Démarches Simplifiées' export of the dossier: the applicant's identity and address.
    write_pdf(tmp_path / "Courrier.pdf", NO_ADDRESS)
    form = [
        "Dossier n° 1855871 – Tiers-lieux du numérique",
        "Déposé le 28/11/2026 21:07 – État : en construction",
        "Identité du demandeur",
        "SIRET : 82934150200013",
        "Dénomination : LA RUCHE NUMERIQUE AUDOMAROISE",
        "Forme juridique : Association déclarée",
        "Adresse : 14 rue de Dunkerque 62500 Saint-Omer",
        "Formulaire",
        "Adresse du tiers-lieu : 3 place Victor Hugo 62500 Saint-Omer",
    ]
    write_pdf(tmp_path / "export-1855871-28-11-2026-21-07-5871.pdf", form)
    assert _summary(tmp_path).address == ("14 rue de Dunkerque", "62500 Saint-Omer")
    # A town alone (the form of an export that gives no street): no address.
    form[6] = "Adresse : 62500 Saint-Omer"
    write_pdf(tmp_path / "export-1855871-28-11-2026-21-07-5871.pdf", form)
    assert _summary(tmp_path).address == ()
