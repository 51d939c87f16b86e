"""The form summary of a filing platform beside the pieces: an annex, never a version of a
piece (outside tester 4, « CC de la Picardie Verte – export Démarches Simplifiées »).

An applicant who downloads their dossier from Démarches Simplifiées gets the pieces in folders
(« 03 - Dossier technique/1-Dossier_technique.pdf ») and the PDF the platform prints of the
form, « dossier-1847293.pdf »: « Dossier n° 1847293 », « Déposé le … », then each field,
« Dossier technique : 1-Dossier_technique.pdf » among them. It was taken for a second dossier
technique (P003 « plusieurs versions de la même pièce »). The summaries are drawn as the
platform prints them: its ``show.pdf.prawn`` layout (``platform_export.make_form_pdf``, the
export's « export-<n°>.pdf »), and the one-line head of the dossier's page download.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from platform_export import dossiers, make_form_pdf
from test_classify_one_pdf import ternois_dossier

from conftest import write_pdf
from dossierkit.call import load_call
from dossierkit.classify import classify
from dossierkit.classify.pages import page_runs
from dossierkit.classify.platforms import platform_number
from dossierkit.reading import read_document
from dossierkit.verify import verify

CALL = load_call()
TERNOIS = dossiers()[0]

# The dossier's page download: the number and the démarche on one line, the deposit and the
# state on the next, then the identity and the fields « Libellé : valeur ».
DOWNLOAD = [
    "Dossier n° 1847293 – Tiers-lieux du numérique",
    "Déposé le 23/11/2026 16:04 – État : en construction",
    "Identité du demandeur",
    "SIRET : 246 000 848 00019",
    "Dénomination : COMMUNAUTE DE COMMUNES DE LA PICARDIE VERTE",
    "Formulaire",
    "Nom du projet : La Grange connectée",
    "Montant total sollicité : 98 000 €",
    "Courrier de demande signé : 1-courrier_demande_TLN_signe.pdf (212 Ko)",
    "Budget prévisionnel : 1-Budget_Grange_connectee.xlsx (9 Ko)",
    "Dossier technique : 1-Dossier_technique_Grange_connectee.pdf (61 Ko)",
    "Attestation régime de TVA : 1-attestation_TVA.pdf (25 Ko)",
    "RIB : 1-RIB_CCPV.pdf (4 Ko)",
]
# What the fields of a longer form print on its second page.
MORE_FIELDS = [
    "Description du projet : un tiers-lieu numérique dans une grange rénovée, avec un fablab,",
    "un espace de coworking et des permanences de médiation numérique.",
    "Dossier technique : 1-Dossier_technique_Grange_connectee.pdf (61 Ko)",
    "Plan d'agencement : 1-Plan_agencement.png (40 Ko)",
]


def _kind(path: Path, rel: str) -> tuple[str, str, str | None]:
    c = classify(rel, read_document(path, "pdf"), CALL)
    return c.kind, c.role, c.evidence[0] if c.evidence else None


@pytest.mark.parametrize(
    "name",
    ["dossier-1847293.pdf", "export-1847293-23-11-2026-16-04-5120.pdf", "Récapitulatif DS.pdf"],
)
def test_the_dossier_page_download_is_the_platform_summary(tmp_path: Path, name: str) -> None:
    path = write_pdf(tmp_path / name, DOWNLOAD)
    assert _kind(path, name) == (
        "autre",
        "annex",
        "récapitulatif du formulaire de la plateforme de dépôt : « Dossier n° 1847293 »",
    )


def test_the_export_form_as_the_platform_prints_it(tmp_path: Path) -> None:
    path = make_form_pdf(tmp_path / f"export-{TERNOIS.number}.pdf", TERNOIS)
    assert platform_number(path.name, read_document(path, "pdf")) == str(TERNOIS.number)
    assert _kind(path, path.name)[:2] == ("autre", "annex")


def test_a_summary_of_two_pages_is_not_cut_into_pieces(tmp_path: Path) -> None:
    document = read_document(
        write_pdf(tmp_path / "dossier-1847293.pdf", DOWNLOAD, MORE_FIELDS), "pdf"
    )
    assert page_runs(document, CALL) == ()


def test_a_platform_name_alone_does_not_make_a_summary(tmp_path: Path) -> None:
    """A piece the applicant named after the platform's number is what its content says."""
    path = write_pdf(tmp_path / "dossier-1847293.pdf", ["RELEVÉ D'IDENTITÉ BANCAIRE", *RIB_LINES])
    assert _kind(path, path.name)[:2] == ("rib", "piece")


def test_a_letter_citing_its_platform_number_is_a_letter(tmp_path: Path) -> None:
    """The number and the deposit date in a letter's object are no summary's head."""
    letter = [
        "Communauté de communes de la Picardie Verte",
        "6 rue de Grandvilliers",
        "60210 Feuquières",
        "Monsieur le Président du Conseil régional des Hauts-de-France",
        "Feuquières, le 24 novembre 2026",
        "Dossier n° 1847293 – déposé le 23/11/2026 sur Démarches Simplifiées",
        "Objet : demande de subvention « Tiers-lieux du numérique »",
        "Monsieur le Président, j'ai l'honneur de solliciter l'aide régionale.",
        "Je vous prie d'agréer, Monsieur le Président, l'expression de ma haute considération.",
    ]
    path = write_pdf(tmp_path / "Courrier.pdf", letter)
    assert platform_number(path.name, read_document(path, "pdf")) is None
    assert _kind(path, path.name)[:2] == ("courrier", "piece")


RIB_LINES = [
    "Titulaire du compte : ASSOCIATION FAB'LAB DU TERNOIS",
    "Domiciliation : Crédit Agricole Saint-Pol",
    "IBAN FR76 1670 6000 5154 0123 4567 818",
    "BIC AGRIFRPP867",
]


def test_a_dossier_downloaded_with_its_summary_is_complete(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    """The Fab'Lab's complete dossier with the platform's summary beside its pieces: no
    second dossier technique (P003), the summary an « autre » annex, the dossier complete."""
    folder = ternois_dossier(tmp_path_factory, tmp_path / "downloaded")
    make_form_pdf(folder / f"dossier-{TERNOIS.number}.pdf", TERNOIS)
    result = verify(folder)
    summary = next(f for f in result.dossier.files if f.rel == f"dossier-{TERNOIS.number}.pdf")
    assert (summary.kind, summary.role, summary.runs) == ("autre", "annex", ())
    technique = next(p for p in result.dossier.pieces if p.spec.kind == "dossier_technique")
    assert [f.rel for f in technique.files] == ["Dossier technique.docx"]
    assert [(f.code, f.params) for f in result.findings] == []
    assert result.complete
