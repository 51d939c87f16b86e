"""The dossier technique is read in time linear in its length, whatever its shape: a PDF
whose text has no full stop nor comma (a table exported, a list without punctuation) is one
clause of many pages, and every mention in it used to re-read all the text before it (ten
such pages took minutes, so `verify` seemed to hang)."""

from __future__ import annotations

import time

from dossierkit.call import load_call
from dossierkit.pieces.technique import parse
from dossierkit.pieces.technique.statements import Stance, stance
from dossierkit.pieces.technique.words import any_of
from dossierkit.reading.model import Document, Page

CALL = load_call()
# A table of the governance exported without punctuation, as some PDF writers do.
ROW = (
    "comité de pilotage ne réunit pas les élus ni l agent référent du réseau de tiers lieux "
    "animation en interne temps plein PEL CRNT médiation numérique coworking fablab "
)


def _pages(count: int) -> Document:
    lines = "\n".join((ROW * 3)[n % 50 : n % 50 + 100] for n in range(70))
    return Document(
        type="pdf",
        pages=tuple(Page(n, f"Page {n}\n{lines}", 595, 842) for n in range(1, count + 1)),
    )


def test_a_long_unpunctuated_technique_is_read_in_linear_time() -> None:
    times = []
    for count in (2, 8):
        document = _pages(count)
        start = time.process_time()
        technique = parse(document, "Dossier technique.pdf", CALL)
        times.append(time.process_time() - start)
    # Four times the pages: about four times the time (it was sixteen and more, minutes).
    assert times[1] < 8 * times[0] + 0.5, times
    assert times[1] < 10, times
    # Still read with its denials: every mention of the committee, of coworking or of a fablab
    # follows a "ne… pas" or a "ni" within a few words; the mediation is said once.
    assert technique.steering_committee is None
    assert {f.value for f in technique.functions} == {"mediation"}


def test_a_denial_still_bears_on_the_mention_it_precedes_in_a_long_clause() -> None:
    pilotage = any_of(("comité de pilotage",))
    assert pilotage is not None
    filler = "les habitants viennent au lieu pour des ateliers " * 200
    assert stance(f"{filler} nous n'avons pas de comité de pilotage", pilotage) is Stance.DENIED
    assert stance(f"{filler} un comité de pilotage se réunit", pilotage) is Stance.SAID
    # A denial far back in the same run-on clause no longer reaches the mention.
    assert stance(f"nous n'avons pas {filler} un comité de pilotage", pilotage) is Stance.SAID
