"""What a délégation de signature covers: the domains an arrêté lists, and what it ties to them.

The call asks for « un courrier de demande à la signature du responsable légal » and, when
someone else signs it, « une délégation de signature, le cas échéant ». An intercommunalité's
président delegates by arrêté (CGCT, art. L5211-9), « dans les domaines » of a vice-président:
a délégation for the voirie is no délégation for a tiers-lieu numérique's request (L003
error), even when it adds « les demandes de subvention et les conventions s'y rapportant ».
A délégation that lists no domain, or one a person must judge (culture, tourisme), gets the
L003 warning; one that covers this request (numérique, finances, « tous actes »…) nothing.

Arrêtés are written the way an EPCI's services write them: a Word document exported to PDF
with the président's signature pasted (reportlab), or the Word document itself
(python-docx). The whole-dossier cases replace the délégation of the complete sample
``samples/interco-complete``, whose courrier a vice-président signs « Pour le Président et
par délégation ».
"""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import SAMPLES, write_docx, write_letter_pdf
from dossierkit.cli import cli
from dossierkit.discovery import Entry
from dossierkit.pieces.delegation import parse
from dossierkit.reading.files import read_entries

DELEGATION = "Délégation de signature VP.pdf"
VOIRIE = (
    "Délégation de fonctions et de signature est donnée à M. Olivier Dufour, "
    "3e vice-président, dans les domaines de la voirie, des travaux et de l'assainissement, "
    "notamment pour signer les marchés de travaux, les ordres de service et les arrêtés "
    "de circulation."
)
VOIRIE_AND_SUBSIDIES = (
    "Délégation de fonctions et de signature est donnée à M. Olivier Dufour, "
    "3e vice-président, dans les domaines de la voirie, des travaux et de l'assainissement, "
    "notamment pour signer les marchés de travaux, les demandes de subvention et les "
    "conventions s'y rapportant."
)
NUMERIQUE = (
    "Délégation de fonction et de signature est donnée à M. Olivier Dufour, "
    "2e vice-président, dans les domaines suivants : le numérique, l'aménagement numérique "
    "du territoire et les tiers-lieux."
)


def arrete(*articles: str, vu: tuple[str, ...] = ()) -> list[str]:
    """The lines of an arrêté of the président of the CC du Pays de Lumbres: title, visas,
    « ARRÊTE », the articles wrapped as Word wraps them, the date and the signature."""
    lines = [
        "Communauté de communes du Pays de Lumbres",
        "ARRÊTÉ N° ARR-2026-058",
        "portant délégation de fonctions et de signature à un vice-président",
        "Le Président de la Communauté de communes du Pays de Lumbres,",
        "Vu le code général des collectivités territoriales, et notamment son article L. 5211-9 ;",
        *vu,
        "ARRÊTE",
    ]
    for number, article in enumerate(
        (
            *articles,
            "Le Directeur général des services est chargé de l'exécution du présent "
            "arrêté, qui sera transmis au représentant de l'État et publié.",
        ),
        start=1,
    ):
        lines += textwrap.wrap(f"Article {number} : {article}", 88)
    return [*lines, "Fait à Lumbres, le 15 avril 2026", "Le Président,", "Francis Bertin"]


def read_scope(path: Path) -> tuple[bool, bool, tuple[str, ...]]:
    """(covers, outside, domains listed) of the délégation in ``path``."""
    [read] = read_entries(
        [Entry(path=path, rel=path.name, status="file", raw_rel=path.name)], workers=0
    )
    assert read.document is not None
    scope = parse(read.document, path.name).scope
    return scope.covers, scope.outside, scope.listed


COVERS, OUTSIDE, UNCLEAR = (True, False), (False, True), (False, False)
PHRASINGS = {
    "numerique-liste": (NUMERIQUE, COVERS),
    "devt-eco-attractivite-innovation": (
        "Délégation de fonctions et de signature est donnée à M. Olivier Dufour, "
        "1er vice-président, dans les domaines du développement économique, de "
        "l'attractivité et de l'innovation, notamment pour signer les conventions et les "
        "demandes de subvention s'y rapportant.",
        COVERS,
    ),
    "finances-budget": (
        "Délégation de signature est donnée à M. Olivier Dufour, vice-président, en matière "
        "de finances et de budget.",
        COVERS,
    ),
    "administration-generale-tous-actes": (
        "Délégation de signature est donnée à M. Olivier Dufour, 1er vice-président, à "
        "l'effet de signer tous actes et documents dans le domaine de l'administration "
        "générale.",
        COVERS,
    ),
    "ensemble-des-affaires": (
        "En cas d'absence ou d'empêchement du Président, délégation de signature est donnée "
        "à M. Olivier Dufour, 1er vice-président, pour l'ensemble des affaires de la "
        "Communauté de communes.",
        COVERS,
    ),
    "demandes-de-subvention-seules": (
        "Délégation de signature est donnée à M. Olivier Dufour, vice-président, pour "
        "signer les demandes de subvention auprès de l'État, de la Région et du Département.",
        COVERS,
    ),
    "voirie-puis-subventions-en-article-2": (
        VOIRIE + " Article 1 bis : Délégation de signature est également donnée à M. Olivier "
        "Dufour pour les demandes de subvention de la Communauté de communes.",
        COVERS,
    ),
    "vice-presidente-chargee-du-numerique": (
        "Délégation de signature est donnée à Mme Claire Petit, vice-présidente chargée du "
        "numérique et des tiers-lieux, pour signer les courriers et conventions relevant de "
        "sa délégation.",
        COVERS,
    ),
    "subventions-parmi-les-domaines": (
        "Délégation de signature est donnée à M. Olivier Dufour, vice-président, dans les "
        "domaines suivants : la voirie ; les demandes de subvention.",
        COVERS,
    ),
    "voirie": (VOIRIE, OUTSIDE),
    "voirie-subventions-s-y-rapportant": (VOIRIE_AND_SUBSIDIES, OUTSIDE),
    "dechets-gemapi-eau-de-ces-domaines": (
        "Délégation de fonctions et de signature est donnée à M. Olivier Dufour, "
        "4e vice-président, dans les domaines suivants : - la collecte et le traitement des "
        "déchets ménagers ; - la GEMAPI ; - l'eau potable. Il signe notamment les demandes "
        "de subvention relevant de ces domaines.",
        OUTSIDE,
    ),
    "urbanisme-habitat-ces-competences": (
        "Délégation de signature est donnée à M. Olivier Dufour, vice-président, en matière "
        "d'urbanisme et d'habitat, à l'effet de signer tous actes relatifs à ces compétences.",
        OUTSIDE,
    ),
    "subventions-de-travaux-de-voirie": (
        "Délégation de signature est donnée à M. Olivier Dufour, vice-président, dans le "
        "domaine de la voirie, pour signer les demandes de subvention relatives aux travaux "
        "de voirie.",
        OUTSIDE,
    ),
    "culture-tourisme": (
        "Délégation de fonctions et de signature est donnée à M. Olivier Dufour, "
        "vice-président, dans les domaines de la culture et du tourisme.",
        UNCLEAR,
    ),
    "voirie-et-culture": (
        "Délégation de fonctions et de signature est donnée à M. Olivier Dufour, "
        "vice-président, dans les domaines de la voirie et de la culture.",
        UNCLEAR,
    ),
    "domaine-de-ses-attributions": (
        "Délégation de signature est donnée à Mme Sophie Leclercq, directrice générale des "
        "services, dans le domaine de ses attributions.",
        UNCLEAR,
    ),
    "association-tous-les-documents": (
        "Le conseil d'administration donne délégation de signature à M. Olivier Dufour, "
        "trésorier, pour signer tous les documents relatifs aux demandes de financement.",
        COVERS,
    ),
    "aucun-domaine": (
        "Délégation de signature est donnée à M. Olivier Dufour, vice-président, pour signer "
        "les bons de commande de fournitures.",
        UNCLEAR,
    ),
    "voirie-subventions-sans-lien": (
        "Délégation de fonctions et de signature est donnée à M. Olivier Dufour, "
        "3e vice-président, dans les domaines de la voirie et des travaux, notamment pour "
        "signer les marchés de travaux et les demandes de subvention.",
        COVERS,
    ),
}


@pytest.mark.parametrize(("article", "expected"), PHRASINGS.values(), ids=PHRASINGS.keys())
def test_scope_of_real_world_phrasings(
    tmp_path: Path, article: str, expected: tuple[bool, bool]
) -> None:
    path = write_letter_pdf(tmp_path / DELEGATION, arrete(article))
    covers, outside, listed = read_scope(path)
    assert (covers, outside) == expected
    if outside:
        assert listed and all(text.startswith(("dans", "en matière")) for text in listed)


def test_domains_of_the_visas_are_not_the_delegations(tmp_path: Path) -> None:
    # « Vu … en matière de voirie » speaks of the council's délégation to the président.
    vu = (
        "Vu la délibération du conseil communautaire portant délégation au Président en "
        "matière de voirie ;",
    )
    path = write_letter_pdf(
        tmp_path / DELEGATION,
        arrete(
            "Délégation de signature est donnée à M. Olivier Dufour, vice-président, pour "
            "signer les bons de commande.",
            vu=vu,
        ),
    )
    assert read_scope(path) == (False, False, ())


def test_ligatures_and_accents_as_pdfs_keep_them() -> None:
    # « ﬁ » as one character (some PDFs' text), « ´ » typed for an apostrophe.
    from dossierkit.pieces.delegation_scope import read_scope as scope_of
    from dossierkit.reading.model import Document, Page

    def scope(article: str) -> tuple[bool, bool, tuple[str, ...]]:
        text = "\n".join(arrete(article))
        found = scope_of(Document("pdf", pages=(Page(1, text, 595, 842),)))
        return found.covers, found.outside, found.listed

    assert scope("Délégation est donnée à M. Olivier Dufour dans le domaine des \ufb01nances.")[0]
    covers, outside, listed = scope(
        "Délégation est donnée à M. Olivier Dufour dans les domaines de la voirie et de "
        "l´assainissement."
    )
    assert (covers, outside) == OUTSIDE
    assert listed == ("dans les domaines de la voirie et de l´assainissement",)


def test_arrete_as_a_word_document(tmp_path: Path) -> None:
    lines = arrete(VOIRIE_AND_SUBSIDIES)
    path = write_docx(tmp_path / "Arrêté délégation voirie.docx", [(line, 0) for line in lines])
    covers, outside, listed = read_scope(path)
    assert (covers, outside) == OUTSIDE
    assert listed == ("dans les domaines de la voirie, des travaux et de l'assainissement",)


# --- whole dossiers: the complete interco sample with another délégation -------------------


def verify_with(tmp_path: Path, article: str) -> dict[str, Any]:
    folder = shutil.copytree(SAMPLES / "interco-complete", tmp_path / "CC du Pays de Lumbres")
    write_letter_pdf(folder / DELEGATION, arrete(article))
    result = CliRunner().invoke(cli, ["verify", str(folder), "--format", "json"])
    assert "Traceback" not in result.output
    report: dict[str, Any] = json.loads(result.output)
    return report


def findings(report: dict[str, Any]) -> list[tuple[str, str, str | None, str | None, int | None]]:
    return [
        (f["code"], f["severity"], f["piece"], f["file"], f["page"])
        for f in report["findings"]
        if f["severity"] != "info"
    ]


@pytest.mark.parametrize(
    "article", [VOIRIE, VOIRIE_AND_SUBSIDIES], ids=["voirie", "s-y-rapportant"]
)
def test_delegation_for_the_voirie_is_an_error(tmp_path: Path, article: str) -> None:
    report = verify_with(tmp_path, article)
    assert report["status"] != "complete"
    assert findings(report) == [("L003", "error", "delegation", DELEGATION, 1)]
    message = next(f["message"] for f in report["findings"] if f["code"] == "L003")
    assert (
        "ne délègue la signature que « dans les domaines de la voirie, des travaux et de "
        "l'assainissement »" in message
    )
    assert "« à la signature du responsable légal »" in message


def test_delegation_for_the_numerique_keeps_the_dossier_complete(tmp_path: Path) -> None:
    report = verify_with(tmp_path, NUMERIQUE)
    assert report["status"] == "complete"
    assert findings(report) == []
