"""Dossier technique: find the answer to each question of the call, and what the answers say.

The call gives the questions the dossier technique must answer; applicants present them in
their own way: the questions repeated, numbered, or titles of their own words, and answers
that paraphrase. ``headings`` recognises the titles, ``answers`` finds the answer to each
question (under its title, or a passage elsewhere that says what it asks), ``facts`` reads
what the answers state (form, functions, animation, governance, prior aid…), ``claims`` what
they say of the call's other rules (roadmap, designation, new functions, excluded places…),
``statements`` whether a sentence says, denies or leaves open a fact, ``words`` turns the
lexicon's plain words into patterns and ``cues`` the words of affirmation, denial and hedge. The checks (``checks/technique.py``) decide which
questions apply and what is missing.
"""

from __future__ import annotations

from dossierkit.call import Call
from dossierkit.pieces.budget.region import region_figures
from dossierkit.pieces.common import find_legal_representative
from dossierkit.pieces.technique import claims, facts
from dossierkit.pieces.technique.answers import find_answers
from dossierkit.pieces.technique.headings import Headings
from dossierkit.pieces.technique.model import ASKED_IN, Answer, Found, TechniqueFacts
from dossierkit.pieces.technique.statements import Reader, forget_clauses
from dossierkit.pieces.technique.words import forget_texts
from dossierkit.reading.model import Document


def parse(document: Document, file: str, call: Call) -> TechniqueFacts:
    """Read the answers of the dossier technique (to the questions of ``call``) and the facts
    they state."""
    answers = find_answers(document, call)
    reader = Reader(answers, document, Headings(call).names_question)
    mode, full_time = facts.animation(reader)
    steering, elected, agent = facts.governance(reader)
    prior, pel_2017 = facts.prior_aid(reader, call)
    designation, designation_joined = claims.designation(reader)
    new_functions, request_justified, pel_report_joined = claims.prior_aid_follow_up(reader, call)
    excluded, excluded_hedged = claims.excluded_places(reader, call)
    read = TechniqueFacts(
        file=file,
        has_text=bool(document.text.strip()),
        answers=answers,
        forms=facts.forms(reader, call),
        functions=facts.functions(reader, call),
        start_date=facts.start_date(reader),
        animation_mode=mode,
        full_time=full_time,
        steering_committee=steering,
        elected_official=elected,
        referent_agent=agent,
        prior_aid=prior,
        pel_2017=pel_2017,
        qpv=facts.qpv(reader),
        annexes_inside=facts.annexes_inside(answers, call),
        figures=region_figures(document, file),
        carrier=facts.carrier(document),
        legal_representative=find_legal_representative(document),
        contact=claims.contact(reader),
        designation=designation,
        designation_joined=designation_joined,
        roadmap=claims.roadmap(reader),
        places_analysis=claims.places_analysis(reader),
        new_functions=new_functions,
        request_justified=request_justified,
        pel_report_joined=pel_report_joined,
        animation_justified=claims.animation_justified(reader),
        excluded_places=excluded,
        excluded_hedged=excluded_hedged,
        network_places=claims.network_places(reader, call),
        plan_years=claims.plan_years(reader),
        sustainability=claims.sustainability(reader),
    )
    forget_texts()
    forget_clauses()
    return read


__all__ = ["ASKED_IN", "Answer", "Found", "TechniqueFacts", "find_answers", "parse"]
