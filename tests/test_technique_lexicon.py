"""The call's lexicon: plain words for its functions and questions, typed when loaded, matched
whatever the accents and the short endings, refused with the place of the fault."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from dossierkit.call import CallFileError, QuestionWords, load_call
from dossierkit.pieces.technique import parse
from dossierkit.pieces.technique.words import any_of
from dossierkit.reading.model import Document, Paragraph
from dossierkit.resources import calls_dir
from dossierkit.text import fold

CALL = load_call()


def test_the_bundled_lexicon_is_loaded_typed() -> None:
    assert "atelier de fabrication numérique" in CALL.lexicon.functions["fablab"]
    assert set(CALL.lexicon.functions) == {fid for fid, _ in CALL.functions}
    governance = CALL.lexicon.questions["GOV-2"]
    assert isinstance(governance, QuestionWords)
    assert "qui pilote" in governance.titles
    assert all(isinstance(group, tuple) and group for group in governance.evidence)


def _call_with_lexicon(tmp_path: Path, text: str) -> Path:
    call = tmp_path / "appel.yaml"
    shutil.copy(calls_dir() / "tiers-lieux-numerique.yaml", call)
    (tmp_path / "appel.lexicon.yaml").write_text(text, encoding="utf-8")
    return call


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("questions: {XYZ-1: {titles: [bonjour]}}", "nomme des fonctions ou des questions que l'appel n'a pas : XYZ-1"),
        ("functions: {fablab: atelier}", "à functions.fablab, une liste d'expressions est attendue"),
        ("questions: {AID-8: {evidence: [[qpv], [2017]]}}", "à questions.AID-8.evidence[1], une liste d'expressions est attendue"),
        ("questions: {AID-8: {mots: [qpv]}}", "à questions.AID-8, seules titles et evidence sont permises"),
        ("synonymes: {}", "seules les clés functions et questions sont permises"),
        ("functions: [", "Impossible de lire le lexique"),
    ],
)  # fmt: skip
def test_a_faulty_lexicon_is_refused_saying_where(tmp_path: Path, text: str, said: str) -> None:
    with pytest.raises(CallFileError, match=re.escape(said)):
        load_call(_call_with_lexicon(tmp_path, text))


def test_a_call_without_lexicon_has_an_empty_one(tmp_path: Path) -> None:
    call = tmp_path / "appel.yaml"
    shutil.copy(calls_dir() / "tiers-lieux-numerique.yaml", call)
    loaded = load_call(call)
    assert loaded.lexicon.functions == {} and loaded.lexicon.questions == {}


@pytest.mark.parametrize(
    ("phrase", "text", "found"),
    [
        ("espace de travail partagé", "deux espaces de travail partagés", True),
        ("espace de travail partagé", "Espace de Travail Partagé", True),
        ("atelier de fabrication numérique", "ateliers de la fabrication numérique", True),
        ("qui pilote", "Qui pilote ?", True),
        ("anim*", "l'animatrice", True),
        ("lieux*", "le lieu", False),
        ("site", "situé", False),
        ("lieu", "lieutenant", False),
        ("fab lab", "fablab", False),
        ("comité de pilotage", "le pilotage du comité", False),
    ],
)
def test_phrases_fold_accents_small_words_and_endings(phrase: str, text: str, found: bool) -> None:
    phrases = any_of((phrase,))
    assert phrases is not None
    assert (phrases.search(fold(text)) is not None) is found


def _functions(*paragraphs: str) -> list[str]:
    document = Document(type="docx", paragraphs=tuple(Paragraph(p) for p in paragraphs))
    return [str(f.value) for f in parse(document, "Dossier technique.docx", CALL).functions]


@pytest.mark.parametrize(
    ("sentence", "function"),
    [
        ("Des permanences d'accompagnement aux démarches en ligne.", "mediation"),
        ("Un atelier de fabrication numérique ouvert le samedi.", "fablab"),
        ("Un espace de travail partagé de dix postes.", "coworking"),
        ("Des bureaux à la journée pour les salariés du territoire.", "teletravail"),
        ("Des permanences de la CCI pour les créateurs.", "aide_porteurs_projets"),
        ("Des rencontres entre acteurs du territoire chaque mois.", "animation_territoriale"),
    ],
)
def test_functions_recognised_from_plain_words(sentence: str, function: str) -> None:
    assert _functions(sentence) == [function]


def test_a_function_denied_is_not_claimed() -> None:
    assert _functions("Le lieu n'aura pas d'atelier de fabrication numérique.") == []
