"""What the service asks an applicant to send: one item per piece found missing or wrong.

The request for complements (a letter) and the message pasted into a platform's messaging
say the same thing, built here once from the verification report: for a missing piece, what
to send in the call's words; for a piece that was sent but cannot be accepted, what is wrong
with the file received (named, with its date when the dossier gives one) and precisely what
to send instead. The report's messages are written for the applicant who runs the tool
(« Ajoutez… », « Réduisez… », « dossier.yaml »): only their statement is kept, and what to
send is said in the service's words, per kind of finding (``_SEND``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from dossierkit.call import Call
from dossierkit.dates import long_date
from dossierkit.triage.aid_wording import (
    ANIMATION_OVER_CAP,
    EQUIPMENT_OVER_CAP,
    animation_statements,
    equipment_statement,
    without_formula,
)
from dossierkit.triage.model import Outcome

MISSING = "P001"
UNREADABLE = "P002"

# What to send instead of a file a finding rejects, in the service's words, by code: the
# singular, and the plural when the piece has several findings of the code (two unanswered
# questions). ``{help}`` is what the call expects of the piece, ``{structure}`` the structure
# that applies, ``{minimum}`` the number of functions the call asks for.
_SAME = "le même document, "
_BANK = (
    "le relevé d'identité bancaire édité par la banque (téléchargé depuis l'espace client ou "
    "remis par l'agence)"
)
_SEND: dict[str, tuple[str, str]] = {
    "F001": (_SAME + "enregistré de nouveau",) * 2,
    "F002": (_SAME + "enregistré sans mot de passe",) * 2,
    "F003": (
        _SAME + "exporté de nouveau en PDF depuis le logiciel qui l'a créé, ou numérisé de nouveau",
    )
    * 2,
    "F004": (_SAME + "enregistré en PDF",) * 2,
    "F005": (_SAME + "enregistré en PDF",) * 2,
    "F007": (_SAME + "numérisé à 300 points par pouce, ou divisé en plusieurs fichiers",) * 2,
    "F008": (_SAME + "exporté en PDF",) * 2,
    "F015": (_SAME + "exporté de nouveau en PDF",) * 2,
    "F016": (_SAME + "exporté de nouveau en PDF",) * 2,
    UNREADABLE: ("{help}, dans un fichier lisible (un PDF de préférence)",) * 2,
    "G001": (_SAME + "signé (signature manuscrite numérisée, ou signature électronique)",) * 2,
    "G003": (
        "le fichier d'origine, tel qu'il a été signé électroniquement, sans l'avoir réenregistré",
    )
    * 2,
    "L001": (
        "une délégation de signature donnée à la personne qui signe le courrier, ou un "
        "courrier signé par le responsable légal",
    )
    * 2,
    "L002": ("une délégation de signature donnée par le responsable légal de la structure",) * 2,
    "L003": (
        "une délégation de signature qui couvre les demandes de subvention (ou le numérique), "
        "ou un courrier signé par le responsable légal",
    )
    * 2,
    "L004": ("la délégation de signature en vigueur à la date du courrier",) * 2,
    "U003": ("les statuts de « {structure} », à jour, datés et signés",) * 2,
    "A001": (
        "une attestation signée qui indique si la structure récupère la TVA, ne la récupère "
        "pas, ou en est compensée par le FCTVA sur l'investissement",
    )
    * 2,
    "B015": (
        "le classeur ouvert puis enregistré dans un tableur (LibreOffice Calc, Excel), pour "
        "que ses totaux soient calculés",
    )
    * 2,
    "R001": ("le relevé d'identité bancaire édité par la banque, où figurent l'IBAN et le BIC",)
    * 2,
    "R002": (_BANK,) * 2,
    "R003": (_BANK,) * 2,
    "R004": (_BANK,) * 2,
    "R005": (_BANK,) * 2,
    "R006": ("un relevé d'identité bancaire au nom de « {structure} »",) * 2,
    "T001": (
        "le dossier technique complété d'une réponse à cette question",
        "le dossier technique complété des réponses à ces questions",
    ),
    "T002": (
        "le dossier technique où la réponse remplace ce texte d'attente",
        "le dossier technique où les réponses remplacent ces textes d'attente",
    ),
    "T004": (
        "le dossier technique qui décrit, en les nommant, au moins {minimum} des fonctions de l'appel",
    )
    * 2,
    "T010": (
        "le dossier technique rempli, qui répond à chacune des questions de l'appel à projets",
    )
    * 2,
}
# What the budget to send must be, by code of what was wrong with the one received (the
# singular, and the plural for several findings of the code): said of one budget in one
# sentence, « un budget équilibré, où l'aide à l'animation… et qui précise s'il est présenté
# HT ou TTC », never one budget per finding.
_BUDGET: dict[str, tuple[str, str]] = {
    "B001": ("qui précise s'il est présenté HT ou TTC (dans son titre ou pour chaque section)",)
    * 2,
    "B002": (
        "présenté HT si la structure récupère la TVA, TTC si elle ne la récupère pas, comme "
        "le dit l'attestation",
    )
    * 2,
    "B004": ("dont le total est juste", "dont les totaux sont justes"),
    ANIMATION_OVER_CAP: (
        "où l'aide à l'animation demandée ne dépasse pas ce plafond",
        "où l'aide à l'animation demandée chaque année ne dépasse pas son plafond",
    ),
    "B006": ("qui ne demande pas d'aide à l'animation au-delà de la durée de l'aide",) * 2,
    EQUIPMENT_OVER_CAP: ("où l'aide à l'équipement demandée ne dépasse pas ce plafond",) * 2,
    "B008": ("qui demande les mêmes montants que le courrier",) * 2,
    "B012": ("qui présente les dépenses et les recettes de chaque année",) * 2,
    "B014": ("dont chaque formule affiche un montant",) * 2,
    "B018": ("dont les colonnes suivent les années du plan d'action",) * 2,
}
# Where a piece says better than « le même document »: the call asks for a letter signed by
# the legal representative (or by the person they delegated their signature to).
_SEND_FOR_PIECE: dict[tuple[str, str | None], tuple[str, str]] = {
    ("G001", "courrier"): (
        "le courrier signé par le responsable légal de la structure, ou par la personne à qui "
        "il a délégué sa signature (signature manuscrite numérisée, ou signature électronique)",
    )
    * 2,
}
# A budget not balanced: « un budget équilibré, … ».
BALANCE = "B003"
# Both aids over their caps: one clause.
_BOTH_CAPS = (
    "où l'aide à l'animation et l'aide à l'équipement demandées ne dépassent pas leurs plafonds"
)
_NO_EQUIPMENT = (
    "qui présente les dépenses d'équipement à aider, ou ne demande pas d'aide à l'équipement"
)
# When the dossier does not name the structure.
_SOMEONE = "la structure qui demande l'aide"
# The facts that date a piece's file: « le courrier « Courrier.pdf » (du 3 novembre 2026) ».
_DATES = ("courrier.date", "delegation.date")

# Where a finding's statement ends and the tool's advice to the applicant begins: "… :
# enregistrez-le", "…. Ajoutez …", "… : faites figurer son nom…" (never « dossier.yaml » in a
# letter).
_ADVICE = re.compile(r"(?:\s[:;]\s|\.\s+)(?=[A-ZÉÈa-zéè][a-zéèêàç]*ez\b|[Ff]aites\b|[Dd]ites\b)")
# The tool is the service's, not the applicant's business: a letter says what the service
# cannot read (F007).
_TOOL = ("ce que dossierkit lit sans risque", "ce que le service peut lire sans risque")
_FIRST_SENTENCE = re.compile(r"(?<!\bart)(?<!\bp)\.\s+(?=[A-ZÀÉÈ«])")


@dataclass(frozen=True)
class Request:
    """One piece (or file) asked for: its label, what is wrong with what was received
    (nothing for a missing piece), notes said once at the end, and what to send."""

    label: str
    missing: bool
    problems: tuple[str, ...]
    notes: tuple[str, ...]
    send: tuple[str, ...]

    @property
    def text(self) -> str:
        """The item as a sentence: « RIB — pièce manquante. À transmettre : un relevé
        d'identité bancaire au nom de la structure qui demande l'aide. »"""
        if self.missing:
            said = f"{self.label} — pièce manquante."
            return f"{said} À transmettre : {self.send[0]}." if self.send else said
        said = f"{self.label} — {' ; '.join([*self.problems, *self.notes])}."
        if self.send:
            said += f" À transmettre à la place : {' ; '.join(self.send)}."
        return said


def _statement(message: str, label: str) -> str:
    """What a finding says is wrong, without the advice addressed to the applicant and
    without the piece's label the item already starts with."""
    text = _ADVICE.split(message, maxsplit=1)[0].replace(*_TOOL)
    text = _FIRST_SENTENCE.split(text, maxsplit=1)[0].strip().rstrip(".")
    if text.startswith(f"{label} : "):
        text = text[len(label) + 3 :]
    # « Annexe manquante : Plan d'agencement, demandée par… » under the item « Plan
    # d'agencement — »: the label is not said twice.
    text = text.replace(f" : {label}, ", ", ", 1)
    return text[:1].lower() + text[1:] if text[:1].isupper() and text[1:2].islower() else text


def _file_dates(report: dict[str, Any]) -> dict[str, date]:
    """The date each dated file carries (the courrier's, the délégation's), by file."""
    found: dict[str, date] = {}
    for fact in report.get("facts") or ():
        if fact.get("name") in _DATES and fact.get("file") and fact.get("value"):
            try:
                found.setdefault(fact["file"], date.fromisoformat(str(fact["value"])))
            except ValueError:
                continue
    return found


def _dated(statement: str, file: str | None, dates: dict[str, date]) -> str:
    """The statement with the file's date after its first mention: « « Courrier.pdf » (du
    3 novembre 2026) n'est pas signé »."""
    if file is None or file not in dates or dates[file].strftime("%d/%m/%Y") in statement:
        # Undated, or dated by the statement itself (« datée du 12/01/2027 », L004).
        return statement
    named = f"« {file} »"
    day = long_date(dates[file], "fr").replace(" ", "\u00a0")  # never cut at a line's end
    return statement.replace(named, f"{named} (du {day})", 1)


def _said(
    finding: dict[str, Any], label: str, aid: dict[str, Any] | None
) -> tuple[list[str], list[str]]:
    """What an item says of one finding, and the notes said once at its end: an aid above
    its cap in words built from the finding's data (never the check's formula), else the
    finding's statement."""
    if finding["code"] == ANIMATION_OVER_CAP:
        said, notes = animation_statements(finding, aid)
        if said:
            return said, notes
    if finding["code"] == EQUIPMENT_OVER_CAP and (equipment := equipment_statement(finding)):
        return [equipment], []
    return [without_formula(_statement(finding["message"], label))], []


def _send(code: str, count: int, values: dict[str, str], kind: str | None) -> str | None:
    """What to send instead of what a finding of ``code`` rejects (``count`` findings of it
    on the piece of ``kind``); the piece's own description when no wording says better."""
    wording = _SEND_FOR_PIECE.get((code, kind)) or _SEND.get(code)
    if wording is None:
        return values["help"] or None
    return wording[count > 1].format(**values)


def _budget_send(codes: dict[str, list[dict[str, Any]]]) -> str | None:
    """The budget to send instead of the one received, in one sentence: « un budget
    équilibré, où l'aide à l'animation demandée ne dépasse pas ce plafond et qui précise s'il
    est présenté HT ou TTC »; None when no finding is about the budget's figures."""
    clauses = [_BUDGET[code][len(found) > 1] for code, found in codes.items() if code in _BUDGET]
    both = {ANIMATION_OVER_CAP, EQUIPMENT_OVER_CAP} <= set(codes)
    if both:
        clauses = [
            c
            for c in clauses
            if c not in (*_BUDGET[ANIMATION_OVER_CAP], *_BUDGET[EQUIPMENT_OVER_CAP])
        ]
        clauses.insert(0, _BOTH_CAPS)
    expenses = ((codes.get(EQUIPMENT_OVER_CAP) or [{}])[0].get("data") or {}).get("expenses")
    if not both and expenses is not None and Decimal(expenses) == 0:
        # A cap of 0 €: the budget has no equipment expense for the aid asked.
        clauses = [_NO_EQUIPMENT if c in _BUDGET[EQUIPMENT_OVER_CAP] else c for c in clauses]
    # An aid brought down to its cap leaves a gap: the budget sent is balanced again.
    if BALANCE in codes or {ANIMATION_OVER_CAP, "B006", EQUIPMENT_OVER_CAP} & set(codes):
        if not clauses:
            return "un budget équilibré, dont le total des recettes égale celui des dépenses"
        return "un budget équilibré, " + _joined(clauses)
    return "un budget " + _joined(clauses) if clauses else None


def _joined(clauses: list[str]) -> str:
    """« A, B et C »."""
    return clauses[0] if len(clauses) == 1 else f"{', '.join(clauses[:-1])} et {clauses[-1]}"


@dataclass
class _Piece:
    """What is gathered of one piece while the report's findings are read."""

    label: str
    help: str
    problems: list[str]
    notes: list[str]
    codes: dict[str, list[dict[str, Any]]]
    unreadable: str | None = None
    dated: set[str] = field(default_factory=set)  # the files whose date was said


def requested(outcome: Outcome, call: Call, severity: str = "error") -> list[Request]:
    """One item per piece (or file) the verification found missing or wrong at
    ``severity``, in the report's order (art. L114-5 of the CRPA: the missing pieces and
    information are named). What to send is said of errors only: a warning asks nothing.
    Nothing for a dossier whose verification did not end: nothing is known of it."""
    report = outcome.report
    if report is None:
        return []
    specs = {spec.kind: spec for spec in (*call.pieces, *call.annexes)}
    dates = _file_dates(report)
    pieces: dict[str, _Piece] = {}
    for finding in report.get("findings", ()):
        if finding["severity"] != severity:
            continue
        spec = specs.get(finding["piece"] or "")
        if spec is not None:
            label, help_ = spec.label["fr"], spec.help.get("fr", "")
        else:
            label = f"Fichier « {finding['file']} »" if finding["file"] else "Dossier"
            help_ = ""
        piece = pieces.setdefault(label, _Piece(label, help_, [], [], {}))
        piece.codes.setdefault(finding["code"], []).append(finding)
        if finding["code"] == MISSING:
            continue
        said, notes = _said(finding, label, report.get("aid"))
        file = finding["file"]
        if file in dates and file not in piece.dated and any(f"« {file} »" in t for t in said):
            # The date said once, at the file's first mention in the item (or not at all
            # when the statement gives it: « datée du 12/01/2027 »).
            said = [_dated(statement, file, dates) for statement in said]
            piece.dated.add(file)
        piece.problems += [s for s in said if s not in piece.problems]
        piece.notes += [note for note in notes if note not in piece.notes]
        if finding["code"] == UNREADABLE:
            piece.unreadable = said[0]
    structure = " ".join((outcome.summary.structure or "").split()) or None
    return [_request(piece, call, structure, severity) for piece in pieces.values()]


def _request(piece: _Piece, call: Call, structure: str | None, severity: str) -> Request:
    """The item of one piece: P002 (« none of the files can be read ») sums up its files'
    own findings, said only when none of them says why."""
    problems = list(piece.problems)
    if piece.unreadable is not None and len(problems) > 1:
        problems.remove(piece.unreadable)
    missing = MISSING in piece.codes
    send: list[str] = []
    if severity == "error":
        values = {
            "help": piece.help,
            "structure": structure or _SOMEONE,
            "minimum": str(call.functions_minimum),
        }
        codes = [MISSING] if missing else list(piece.codes)
        if UNREADABLE in codes and len(codes) > 1:
            codes.remove(UNREADABLE)
        if not missing and (budget := _budget_send(piece.codes)) is not None:
            send.append(budget)
            codes = [code for code in codes if code not in (*_BUDGET, BALANCE)]
        for code in codes:
            findings = piece.codes[code]
            wording = (
                piece.help
                if code == MISSING
                else _send(code, len(findings), values, findings[0]["piece"])
            )
            if wording and wording.rstrip(".") != piece.label and wording not in send:
                send.append(wording)
    if structure is None:
        # « au nom de « la structure qui demande l'aide » »: not a name, no guillemets.
        send = [s.replace(f"« {_SOMEONE} »", _SOMEONE) for s in send]
    return Request(
        label=piece.label,
        missing=missing,
        problems=() if missing else tuple(problems),
        notes=() if missing else tuple(piece.notes),
        send=tuple(send),
    )
