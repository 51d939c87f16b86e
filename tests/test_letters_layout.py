"""How the shipped letters are laid out on the page, read from the templates themselves."""

from __future__ import annotations

import pytest

from dossierkit.resources import templates_dir
from dossierkit.triage.letters import KINDS


@pytest.mark.parametrize("kind", KINDS)
def test_the_signature_is_never_alone_on_a_page(kind: str) -> None:
    """The closing formula and every line of the signature block are kept with the next:
    a letter one line too long moves the formula with the signature onto page 2, never the
    signature alone at the top of an empty page."""
    import docx

    document = docx.Document(str(templates_dir() / "courriers" / f"{kind}.docx"))
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    closing = next(i for i, p in enumerate(paragraphs) if p.text.startswith("Je vous prie"))
    kept = paragraphs[closing:-1]
    assert [p.text for p in paragraphs[closing + 1 :]] == [
        "{delegation}",
        "{signataire}",
        "{fonction_signataire}",
    ]
    assert all(p.paragraph_format.keep_with_next for p in kept)


@pytest.mark.parametrize("kind", KINDS)
def test_the_address_block_fits_a_structures_name_in_a_window_envelope(kind: str) -> None:
    """9 cm from 11 cm of the page's left edge, where a DL window envelope shows it (window
    100 × 45 mm at 100 mm): « La Ruche numérique de l'Avesnois » in bold on one line (it
    broke after « de » in a block 7 cm wide)."""
    import docx
    from docx.shared import Cm

    document = docx.Document(str(templates_dir() / "courriers" / f"{kind}.docx"))
    section = document.sections[0]
    block = [p for p in document.paragraphs if p.text in ("{structure}", "{destinataire}")]
    assert len(block) == 2
    for paragraph in block:
        left = section.left_margin + paragraph.paragraph_format.left_indent
        right = section.page_width - section.right_margin - paragraph.paragraph_format.right_indent
        assert Cm(10) <= left <= Cm(11.5) and right <= Cm(20)
        assert right - left >= Cm(8.5)


def test_the_services_address_is_never_cut_after_its_hyphen() -> None:
    """« tiers- » / « lieux@hautsdefrance.fr » in the PDF: the applicant copies the address
    into a mail; its hyphens are Word's non-breaking ones, as the reference's."""
    import docx
    from docx.oxml.ns import qn

    from dossierkit.triage.letters import fill

    document = docx.Document()
    document.add_paragraph("Courriel : {courriel} ; référence {reference}.")
    fill(document, {"courriel": "tiers-lieux@hautsdefrance.fr", "reference": "TLN-0001"}, {})
    (paragraph,) = document.paragraphs
    assert (
        paragraph.text == "Courriel\u00a0: tiers-lieux@hautsdefrance.fr\u202f; référence TLN-0001."
    )
    run = paragraph.runs[0]._r
    assert len(run.findall(qn("w:noBreakHyphen"))) == 2
    assert not any("tiers-" in (t.text or "") for t in run.findall(qn("w:t")))
