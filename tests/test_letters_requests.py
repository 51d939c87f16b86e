"""What the service asks for, said the same in the request for complements and in the message
pasted into a platform (``triage.requests``): a missing piece and what to send, in the call's
words; a piece received but wrong, what is wrong with the file (named, dated when the dossier
dates it) and what to send instead. The dossier is the Ternois association's, made as
applicants make it (``triage_inbox.plain_dossier``), with the RIB of another association and
without its statuts."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime
from pathlib import Path

import generate
import pytest

from dossierkit.call import load_call
from dossierkit.triage.letters import fields, requested_items
from dossierkit.triage.model import InboxItem, Outcome, Reception, Row
from dossierkit.triage.platforms import answers, bundled
from dossierkit.triage.requests import requested
from dossierkit.triage.service import Service
from triage_inbox import plain_dossier, rival

RIB = (
    "RIB — «\u00a0RIB.pdf\u00a0», page\u00a01\u00a0: le titulaire du compte, «\u00a0ASSOCIATION "
    "TERNOIS NUMÉRIQUE\u00a0», n'est pas la structure qui demande l'aide, "
)


@pytest.fixture(scope="module")
def wrong_rib(tmp_path_factory: pytest.TempPathFactory) -> Outcome:
    """The Ternois dossier with its neighbour's RIB and no statuts, verified as triage does."""
    base = tmp_path_factory.mktemp("requests")
    ternois = generate.applicant_ternois()
    folder = plain_dossier(ternois, base / "Fablab Ternois")
    bank = rival(ternois, "Ternois Numérique", "55512345678").bank
    generate.make_rib_pdf(
        folder / "RIB.pdf", bank.holder, bank.iban, bank.bic, bank.bank, account=bank
    )
    (folder / "Statuts.pdf").unlink()
    received = datetime(2026, 12, 1, 9, tzinfo=UTC)
    from dossierkit.triage.worker import process

    outcome = process(InboxItem(folder.name, folder, "folder", received), load_call(), "fr")
    assert outcome.report is not None
    errors = sorted(f["code"] for f in outcome.report["findings"] if f["severity"] == "error")
    assert errors == ["P001", "R006"], errors
    return outcome


def test_a_wrong_piece_says_what_is_wrong_and_what_to_send_instead(wrong_rib: Outcome) -> None:
    statuts, rib = requested_items(wrong_rib, load_call())
    # Missing: what to send, in the call's words.
    assert statuts == (
        "Statuts de l'association — pièce manquante. À transmettre\u00a0: les statuts à jour "
        "de l'association, datés et signés."
    ).replace("\u00a0", " ")
    # Wrong: the file received and what is wrong with it, then what to send instead, named.
    structure = wrong_rib.summary.structure
    assert structure and "Ternois" in structure
    assert rib.startswith(RIB.replace("\u00a0", " ")), rib
    assert rib.endswith(
        f"À transmettre à la place : un relevé d'identité bancaire au nom de « {structure} »."
    ), rib
    assert "Joignez" not in rib and "dossier.yaml" not in rib, "no advice to the tool's user"


def test_the_letter_and_the_platform_message_ask_for_the_same(wrong_rib: Outcome) -> None:
    asked = requested(wrong_rib, load_call())
    assert [(a.label, a.missing) for a in asked] == [
        ("Statuts de l'association", True),
        ("RIB", False),
    ]
    item = dataclasses.replace(wrong_rib.item, name="dossier-20481002")
    row = Row(dataclasses.replace(wrong_rib, item=item))
    (answer,) = answers(
        [row], bundled()["demarches-simplifiees"], call=load_call(), deadline=date(2027, 1, 4)
    )
    assert answer.missing == ("Statuts de l'association",)
    assert answer.to_correct == ("RIB",)
    message = answer.message or ""
    assert "«\u00a0Tiers-lieux du numérique\u00a0»" in message
    # Every item of the letter, in its words, is in the message (plain text, « ; » between).
    lines = [" ".join(line.split()) for line in message.splitlines()]
    for text in (a.text for a in asked):
        assert f"- {text[:-1]} ;" in lines or f"- {text}" in lines, (text, lines)
    assert "les pièces suivantes" in message and "au plus tard le 4 janvier 2027" in message


def test_the_words_agree_with_the_number_of_pieces(wrong_rib: Outcome) -> None:
    service = Service(
        {
            "service": "Mission",
            "direction": "Direction",
            "adresse": "151 boulevard Hoover, 59555 Lille Cedex",
            "ville": "Lille",
            "instructeur": "Claire Martin",
            "courriel": "tiers-lieux@hautsdefrance.fr",
            "telephone": "03 74 27 00 00",
            "signataire": "Jean Dupont",
            "fonction_signataire": "Directeur",
            "delegation": "Pour le Président et par délégation,",
            "tribunal": "Tribunal administratif de Lille",
            "delai_complements": "30",
        }
    )
    reception = Reception("TLN-0001", datetime(2026, 12, 1, tzinfo=UTC), 1, 1)
    args = (wrong_rib, reception, load_call(), service, date(2026, 12, 3))
    one = fields(*args, asked=1)
    assert one["les_pieces_suivantes"] == "la pièce suivante"
    assert one["delai_pieces"].startswith("Cette pièce devra nous parvenir")
    assert "transmettre la pièce suivante :" in one["etat"]
    assert "pour produire la pièce demandée ; sa réception avant son terme" in one["suspension"]
    two = fields(*args, asked=2)
    assert two["ces_pieces_devront"] == "Ces pièces devront"
    assert "transmettre les pièces suivantes :" in two["etat"]
    assert "pour produire les pièces demandées ; leur réception" in two["suspension"]


def test_a_dated_file_is_named_with_its_date() -> None:
    report = {
        "findings": [
            {
                "code": "G001",
                "severity": "error",
                "piece": "courrier",
                "file": "Lettre Région.docx",
                "page": None,
                "message": "Courrier de demande : « Lettre Région.docx » n'est pas signé (ni "
                "signature électronique, ni image de signature) : signez-le puis joignez la "
                "version signée.",
            }
        ],
        "facts": [{"name": "courrier.date", "value": "2026-11-03", "file": "Lettre Région.docx"}],
    }
    item = InboxItem("A", Path("A"), "folder")
    (bullet,) = requested_items(Outcome(item, "f", "incomplete", report=report), load_call())
    assert bullet == (
        "Courrier de demande — « Lettre Région.docx » (du 3\u00a0novembre\u00a02026) n'est pas "
        "signé (ni signature électronique, ni image de signature). À transmettre à la place : "
        "le courrier signé par le responsable légal de la structure, ou par la personne à qui il "
        "a délégué sa signature (signature manuscrite numérisée, ou signature électronique)."
    )
    # Another piece unsigned: the same document, signed.
    unsigned = {
        **report["findings"][0],
        "piece": "attestation_tva",
        "file": "Attestation.pdf",
        "message": "Attestation du régime de TVA : « Attestation.pdf » n'est pas signé : signez-le.",
    }
    outcome = Outcome(item, "f", "incomplete", report={"findings": [unsigned]})
    (bullet,) = requested_items(outcome, load_call())
    assert bullet.endswith(
        "À transmettre à la place : le même document, signé (signature "
        "manuscrite numérisée, ou signature électronique)."
    )


def _finding(code: str, piece: str, message: str, **data: object) -> dict[str, object]:
    found: dict[str, object] = {
        "code": code,
        "severity": "error",
        "piece": piece,
        "file": "Budget.xlsx" if piece == "budget" else "Dossier technique.docx",
        "page": None,
        "message": message,
    }
    return {**found, "data": data} if data else found


def test_one_budget_to_send_whatever_was_wrong_with_the_one_received() -> None:
    report = {
        "findings": [
            _finding(
                "B001",
                "budget",
                "« Budget.xlsx » ne précise pas si les montants sont HT ou TTC : indiquez-le.",
            ),
            _finding(
                "B003",
                "budget",
                "« Budget.xlsx » n'est pas équilibré : dépenses 10 €, recettes 9 €.",
            ),
            _finding(
                "B004",
                "budget",
                "« Budget.xlsx », B7 : le total indique 10 €, ses lignes font 9 €.",
            ),
            _finding(
                "B004",
                "budget",
                "« Budget.xlsx », C7 : le total indique 12 €, ses lignes font 9 €.",
            ),
            _finding(
                "B007",
                "budget",
                "Aide à l'équipement : 12 000 € demandés, mais au plus 0 €.",
                requested="12000",
                maximum="0.00",
                expenses="0",
                rate="0.5",
                cap="30000",
            ),
            _finding(
                "T001",
                "dossier_technique",
                "« Dossier technique.docx » : la question NAT-1 est sans réponse — « Lieu ? ». Ajoutez-y une réponse.",
            ),
            _finding(
                "T001",
                "dossier_technique",
                "« Dossier technique.docx » : la question NAT-2 est sans réponse — « Plan ? ». Ajoutez-y une réponse.",
            ),
        ]
    }
    item = InboxItem("A", Path("A"), "folder")
    budget, technique = requested_items(
        Outcome(item, "f", "incomplete", report=report), load_call()
    )
    assert "l'aide à l'équipement demandée, 12 000 €, ne correspond à aucune dépense" in budget
    assert "au plus 0 €" not in budget, "a cap of 0 € is no cap"
    assert budget.endswith(
        "À transmettre à la place : un budget équilibré, qui précise s'il est présenté HT ou TTC "
        "(dans son titre ou pour chaque section), dont les totaux sont justes et qui présente "
        "les dépenses d'équipement à aider, ou ne demande pas d'aide à l'équipement."
    ), budget
    assert budget.count("un budget") == 1
    assert technique.endswith(
        "À transmettre à la place : le dossier technique complété des réponses à ces questions."
    ), technique


def test_a_date_is_said_once_and_never_twice() -> None:
    late = "La délégation « Délégation.pdf » est datée du 12/01/2027, après le courrier "
    other = "La délégation « Délégation.pdf » est donnée à Paul Martin, mais le courrier "
    report = {
        "findings": [
            {
                **_finding("L004", "delegation", late + "(03/11/2026) : joignez-la."),
                "file": "Délégation.pdf",
            },
            {
                **_finding(
                    "L001", "delegation", other + "« C.pdf » est signé par Jeanne Roy : joignez-la."
                ),
                "file": "Délégation.pdf",
            },
        ],
        "facts": [{"name": "delegation.date", "value": "2027-01-12", "file": "Délégation.pdf"}],
    }
    item = InboxItem("A", Path("A"), "folder")
    (bullet,) = requested_items(Outcome(item, "f", "incomplete", report=report), load_call())
    assert "datée du 12/01/2027" in bullet and "12\u00a0janvier" not in bullet, bullet
    assert bullet.count("« Délégation.pdf »") == 2
