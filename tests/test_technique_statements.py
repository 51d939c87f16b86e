"""What the answers affirm, deny or leave open: the prior regional aid and the exceptional PEL
aid of 2017, read whatever the order of the clauses (T008 used to fire on a denial written
after "PEL"); a role, a place or an aid denied before or after it is named, or hedged; and any
text, however odd, read without failing."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dossierkit.call import load_call
from dossierkit.pieces.technique import parse
from dossierkit.pieces.technique.cues import cues
from dossierkit.pieces.technique.statements import Stance, stance
from dossierkit.reading.model import Document, Page, Paragraph

CALL = load_call()
AID_7 = CALL.questions[[q.id for q in CALL.questions].index("AID-7")].text


@pytest.mark.parametrize(
    ("answer", "devices", "pel_2017"),
    [
        ("Le lieu a été soutenu au titre du PEL en 2014 et n'a pas reçu l'aide exceptionnelle "
         "de 2017.", "PEL", False),
        ("Aidé au titre du PEL, le lieu n'a pas reçu l'aide exceptionnelle de 2017.", "PEL", False),
        ("Il n'a pas été aidé par les CRNT mais a bénéficié du PEL en 2015.", "PEL", False),
        ("Ni le lieu ni l'association n'ont bénéficié d'une aide régionale au titre des "
         "dispositifs PEL, CRNT ou ECRINS.", "none", False),
        ("Oui : l'espace a reçu en 2017 l'aide PEL exceptionnelle pour son équipement.", "PEL",
         True),
        ("Le lieu n'a jamais été soutenu par les CRNT et a reçu l'aide exceptionnelle PEL de "
         "2017.", "PEL", True),
    ],
)  # fmt: skip
def test_prior_aid_and_the_2017_aid_read_with_their_denials(
    answer: str, devices: str, pel_2017: bool
) -> None:
    document = Document(type="docx", paragraphs=(Paragraph(AID_7, level=2), Paragraph(answer)))
    technique = parse(document, "Dossier technique.docx", CALL)
    assert technique.prior_aid is not None and technique.prior_aid.value == devices
    assert (technique.pel_2017 is not None) is pel_2017


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.text(alphabet=st.sampled_from("aeéiouàlnrst ?:.,;«»()-–•\n0123AÉQ"), max_size=80),
            st.integers(min_value=0, max_value=3),
        ),
        max_size=12,
    )
)
def test_any_text_is_read_without_failing(paragraphs: list[tuple[str, int]]) -> None:
    document = Document(
        type="docx", paragraphs=tuple(Paragraph(t, level=lv) for t, lv in paragraphs)
    )
    technique = parse(document, "Dossier technique.docx", CALL)
    known = [q.id for q in CALL.questions]
    assert [a.question for a in technique.answers] == [
        q for q in known if q in {a.question for a in technique.answers}
    ]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.text(alphabet=st.sampled_from("aeéilnrst ?:.\n0123AÉ•"), max_size=200), max_size=4)
)
def test_any_pdf_text_is_read_without_failing(pages: list[str]) -> None:
    document = Document(
        type="pdf",
        pages=tuple(Page(n, text, 595, 842) for n, text in enumerate(pages, start=1)),
    )
    technique = parse(document, "Dossier technique.pdf", CALL)
    assert all(a.page is None or 1 <= a.page <= len(pages) for a in technique.answers)


# ------------------------------------------------------------------------------------------
# One reading of negations and hedges for every fact (statements.stance)
# ------------------------------------------------------------------------------------------

AGENT = re.compile(r"\bagent\b")
PEL_2017 = re.compile(r"\bpel(?: [a-z0-9]+)* 2017\b")


@pytest.mark.parametrize(
    ("sentence", "pattern", "expected"),
    [
        ("Il n'y a pour l'instant ni élu ni agent référent.", AGENT, Stance.DENIED),
        ("Un comité sera créé, sans élu désigné ni d'agent référent.", AGENT, Stance.DENIED),
        ("Agent référent : aucun pour l'instant.", AGENT, Stance.DENIED),
        ("L'agent référent n'est pas encore désigné.", AGENT, Stance.DENIED),
        ("Agent référent : à désigner.", AGENT, Stance.HEDGED),
        ("L'agent référent reste à désigner.", AGENT, Stance.HEDGED),
        ("L'agent référent sera Mme Lefebvre.", AGENT, Stance.SAID),
        ("L'agent référent n'interviendra que le lundi.", AGENT, Stance.SAID),
        ("L'aide PEL exceptionnelle de 2017 n'a pas été perçue.", PEL_2017, Stance.DENIED),
        ("Le lieu n'a pas perçu l'aide PEL exceptionnelle de 2017.", PEL_2017, Stance.DENIED),
        ("Le lieu a reçu l'aide PEL exceptionnelle de 2017.", PEL_2017, Stance.SAID),
        ("Il ne s'agit pas d'un télécentre.", "telecentre", Stance.DENIED),
        ("Les télécentres étant exclus, le lieu offre du télétravail ponctuel.", "telecentre",
         Stance.DENIED),
        ("Le lieu, à la différence d'un télécentre, accueille les habitants.", "telecentre",
         Stance.DENIED),
        ("Le lieu pourrait servir de télécentre aux salariés.", "telecentre", Stance.HEDGED),
        ("Il n'est pas exclu d'y ouvrir un télécentre.", "telecentre", Stance.HEDGED),
        ("Le lieu sera le télécentre du Montreuillois.", "telecentre", Stance.SAID),
        ("Non seulement un télécentre, mais aussi un fablab.", "telecentre", Stance.SAID),
        ("Le Pas-de-Calais accueillera un télécentre.", "telecentre", Stance.SAID),
        ("Rien à signaler.", "telecentre", None),
    ],
)  # fmt: skip
def test_a_sentence_says_denies_or_leaves_open(
    sentence: str, pattern: re.Pattern[str] | str, expected: Stance | None
) -> None:
    matcher = cues().excluded[pattern] if isinstance(pattern, str) else pattern
    assert stance(sentence, matcher) is expected


def _answer(question: str, answer: str) -> Document:
    text = CALL.questions[[q.id for q in CALL.questions].index(question)].text
    return Document(type="docx", paragraphs=(Paragraph(text, level=2), Paragraph(answer)))


@pytest.mark.parametrize(
    ("answer", "state"),
    [
        ("Elle a été votée le 12 mars 2025.", "votee"),
        ("Aucune feuille de route n'a été adoptée ni même engagée.", "absente"),
        ("Non.", "absente"),
        ("Ni l'un ni l'autre : il n'y a pas de feuille de route.", "absente"),
        ("Pas encore : son élaboration sera lancée en 2027.", "envisagee"),
        ("Nous pourrions engager une feuille de route en 2027.", "envisagee"),
        ("Elle n'est pas encore votée : son élaboration a été engagée en juin 2026.",
         "en_elaboration"),
        ("La feuille de route est en cours d'élaboration ; son adoption est prévue en 2027.",
         "en_elaboration"),
        ("Elle n'est pas votée.", "non_votee"),
    ],
)  # fmt: skip
def test_the_roadmap_s_state_read_with_its_negations_and_hedges(answer: str, state: str) -> None:
    technique = parse(_answer("TER-3", answer), "Dossier technique.docx", CALL)
    assert technique.roadmap is not None and technique.roadmap.value == state


@pytest.mark.parametrize(
    ("answer", "mode"),
    [
        ("L'animation n'est pas externalisée : un animateur sera recruté en CDI.", None),
        ("L'animation sera confiée à un prestataire extérieur.", "externe"),
        ("Plutôt qu'un prestataire, nous recruterons en interne.", "interne"),
    ],
)
def test_an_animation_said_not_outsourced_is_not_outsourced(answer: str, mode: str | None) -> None:
    technique = parse(_answer("AID-5", answer), "Dossier technique.docx", CALL)
    found = technique.animation_mode
    assert (found.value if found else None) == mode
