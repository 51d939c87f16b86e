"""The documents ``dossierkit init`` writes are what a French administration expects: A4, in
French (language of every style), sober properties, correct grammar for every kind of
structure, French typography in every text, and the instructions as Word comments that
never reach the exported PDF."""

from __future__ import annotations

import dataclasses
import re
import zipfile
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import require_tool
from dossierkit.call import load_call
from dossierkit.init import InitAnswers, feminine_title
from dossierkit.init.create import create_dossier
from dossierkit.text import at_place, designate, french_typography, of_place

WRITTEN = datetime(2026, 10, 5, 9, 30, tzinfo=UTC)
# An ordinary space before the punctuation French typography separates with a no-break space,
# or inside guillemets.
_BAD_SPACE = re.compile(r" [:;!?»]|« ")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

ASSOCIATION = InitAnswers(
    kind="association",
    name="Association Fab'Lab du Ternois",
    intercommunalite="CC du Ternois",
    form="lieu",
    legal_name="Marie Dupont",
    legal_title="Présidente",
    contact="Thomas Caron, coordinateur",
    vat="ne_recupere_pas",
    town="Saint-Pol-sur-Ternoise",
    address="12 rue de la Gare, 62130 Saint-Pol-sur-Ternoise",
)
INTERCO = InitAnswers(
    kind="intercommunalite",
    name="Communauté de communes du Pays de Lumbres",
    intercommunalite="CC du Pays de Lumbres",
    form="reseau",
    legal_name="Francis Bertin",
    legal_title="Président",
    contact="Service numérique",
    vat="fctva_investissement",
    town="Lumbres",
    signatory_name="Olivier Dufour",
    signatory_title="Vice-président",
)
SYNDICAT = InitAnswers(
    kind="autre",
    name="Syndicat mixte du Montreuillois",
    intercommunalite="CC des 7 Vallées",
    form="lieu",
    legal_name="Claire Petit",
    legal_title="Présidente",
    contact="Jean Leroy",
    vat="recupere",
    town="Montreuil-sur-Mer",
    signatory_name="Paul Durand",
    signatory_title="Directeur",
)
# A commune whose name starts with the article « Le », whose mayor is a woman that only her
# civility says (« Maire » says neither), and who delegates the signature.
COMMUNE = InitAnswers(
    kind="commune",
    name="Le Quesnoy",
    intercommunalite="CC du Pays de Mormal",
    form="lieu",
    legal_name="Mme Anne Durand",
    legal_title="Maire",
    contact="Julie Lefebvre",
    vat="fctva_investissement",
    town="Le Quesnoy",
    signatory_name="Paul Roy",
    signatory_title="Adjoint au numérique",
)
DOSSIERS = {
    "association": ASSOCIATION,
    "interco": INTERCO,
    "syndicat": SYNDICAT,
    "commune": COMMUNE,
}


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    call = load_call()
    root = tmp_path_factory.mktemp("init")
    for name, answers in DOSSIERS.items():
        create_dossier(root / name, answers, call, now=WRITTEN)
    return {name: root / name for name in DOSSIERS}


def _documents(folders: dict[str, Path]) -> list[Path]:
    return sorted(p for folder in folders.values() for p in folder.glob("*.docx"))


def _text(path: Path) -> str:
    import docx

    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def _comments(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        if "word/comments.xml" not in archive.namelist():
            return []
        xml = archive.read("word/comments.xml").decode("utf-8")
    return [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<w:comment .*?</w:comment>", xml)]


def test_every_document_is_a4_in_french_with_sober_properties(
    folders: dict[str, Path],
) -> None:
    import docx

    documents = _documents(folders)
    assert len(documents) == 3 + 4 + 4 + 4  # and the délégation where someone else signs
    for path in documents:
        document = docx.Document(str(path))
        for section in document.sections:
            size = (round(section.page_width.mm), round(section.page_height.mm))
            assert size == (210, 297), path.name
        languages = {lang.get(f"{_W}val") for lang in document.styles.element.iter(f"{_W}lang")}
        assert languages == {"fr-FR"}, path.name
        properties = document.core_properties
        assert properties.created == properties.modified == WRITTEN, path.name
        assert properties.author == DOSSIERS[path.parent.name].name
        assert properties.language == "fr-FR" and properties.comments == ""
        with zipfile.ZipFile(path) as archive:
            everything = b"".join(archive.read(n) for n in archive.namelist())
        assert b"python-docx" not in everything and b"en-US" not in everything, path.name


def _cells(path: Path) -> str:
    """Every text of the workbook: its cells, its validation messages, its footer."""
    import openpyxl

    sheet = openpyxl.load_workbook(path).active
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    cells = [c for c in cells if not c.startswith("=")]  # formulas are no text
    messages = [v.error or "" for v in sheet.data_validations.dataValidation]
    return "\n".join([*cells, *messages, sheet.oddFooter.left.text or ""])


def test_the_budget_workbook_is_a4_french_with_sober_properties(
    folders: dict[str, Path],
) -> None:
    import openpyxl

    for folder in folders.values():
        path = folder / "02 - Budget prévisionnel.xlsx"
        workbook = openpyxl.load_workbook(path)
        assert int(workbook.active.page_setup.paperSize) == 9  # A4
        properties = workbook.properties
        assert properties.creator == properties.lastModifiedBy == DOSSIERS[folder.name].name
        assert (properties.title, properties.language) == ("Budget prévisionnel", "fr-FR")
        with zipfile.ZipFile(path) as archive:
            assert b"openpyxl" not in archive.read("docProps/core.xml")


def test_no_ordinary_space_before_french_punctuation_in_any_generated_text(
    folders: dict[str, Path],
) -> None:
    texts: dict[Path, str] = {p: _text(p) for p in _documents(folders)}
    texts |= {
        f / "02 - Budget prévisionnel.xlsx": _cells(f / "02 - Budget prévisionnel.xlsx")
        for f in folders.values()
    }
    texts |= {p.with_suffix(".comments"): "\n".join(_comments(p)) for p in _documents(folders)}
    texts = {p: t for p, t in texts.items() if p.suffix != ".comments" or t}
    texts |= {f / "LISEZMOI.txt": (f / "LISEZMOI.txt").read_text("utf-8") for f in folders.values()}
    for path, text in texts.items():
        assert text.strip(), path
        assert not _BAD_SPACE.findall(text), (path.name, _BAD_SPACE.findall(text))
    assert "\u202f?" in texts[folders["association"] / "03 - Dossier technique.docx"]
    assert "Objet\u00a0: demande" in texts[folders["interco"] / "01 - Courrier de demande.docx"]


def test_the_structure_is_named_with_its_article_in_every_sentence(
    folders: dict[str, Path],
) -> None:
    letter = _text(folders["association"] / "01 - Courrier de demande.docx")
    assert (
        "porté par l'association Fab'Lab du Ternois, désignée par la communauté de communes du Ternois."
        in letter
    )
    attestation = _text(folders["association"] / "04 - Attestation régime TVA.docx")
    assert (
        "Je soussignée Marie Dupont, Présidente de l'association Fab'Lab du Ternois, atteste que"
        " l'association Fab'Lab du Ternois n'est pas assujettie à la TVA" in attestation
    )
    interco = _text(folders["interco"] / "04 - Attestation régime TVA.docx")
    assert (
        "Président de la communauté de communes du Pays de Lumbres, atteste que la communauté"
        in interco
    )
    syndicat = _text(folders["syndicat"] / "04 - Attestation régime TVA.docx")
    assert (
        "Présidente du syndicat mixte du Montreuillois, atteste que le syndicat mixte du Montreuillois est assujetti à la TVA"
        in syndicat
    )
    assert "désigné par la communauté de communes des 7 Vallées" in _text(
        folders["syndicat"] / "01 - Courrier de demande.docx"
    )


def test_a_reseau_is_a_network_and_a_delegate_signs_for_the_president(
    folders: dict[str, Path],
) -> None:
    letter = _text(folders["interco"] / "01 - Courrier de demande.docx")
    assert "pour le projet d'animation d'un réseau de tiers-lieux porté par la communauté" in letter
    assert "tiers-lieu porté" not in letter
    assert letter.endswith(
        "Pour le Président et par délégation,\nLe Vice-président,\n \nOlivier Dufour"
    )
    delegation = _text(folders["interco"] / "07 - Délégation de signature.docx")
    assert (
        "Je soussigné Francis Bertin, Président de la communauté de communes du Pays de Lumbres,"
        " donne délégation de signature à Olivier Dufour, Vice-président, pour signer" in delegation
    )
    syndicat = _text(folders["syndicat"] / "01 - Courrier de demande.docx")
    assert "Pour la Présidente et par délégation,\nLe Directeur," in syndicat
    alone = _text(folders["association"] / "01 - Courrier de demande.docx")
    assert "par délégation" not in alone
    # The title over a signature takes its article, unless nothing says which (« Maire »).
    assert alone.endswith("\nLa Présidente,\n \nMarie Dupont")
    assert delegation.endswith("\nLe Président,\n \nFrancis Bertin")
    mayor = _text(folders["commune"] / "04 - Attestation régime TVA.docx")
    assert mayor.endswith("\nLa Maire,\n \nMme Anne Durand")  # « Mme » says which
    commune = _text(folders["commune"] / "01 - Courrier de demande.docx")
    assert "Pour la Maire et par délégation,\nL'Adjoint au numérique," in commune


def test_the_letter_is_addressed_as_the_call_says(folders: dict[str, Path]) -> None:
    letter = _text(folders["association"] / "01 - Courrier de demande.docx")
    assert (
        "Monsieur le Président du Conseil régional des Hauts-de-France\n"
        "À l'attention de Madame Isabelle Zeller,\n"
        "directrice de la Mission du Développement des Usages Numériques\n"
        "151 boulevard Hoover\n59555 Lille Cedex"
    ) in letter
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraphs = docx.Document(str(folders["association"] / "01 - Courrier de demande.docx"))
    dated = next(p for p in paragraphs.paragraphs if p.text.endswith(", le [date]"))
    assert dated.text == "Saint-Pol-sur-Ternoise, le [date]"  # the « | » is no text
    assert dated.alignment == WD_ALIGN_PARAGRAPH.RIGHT  # place and date on the right


def test_the_technique_instructions_are_comments_naming_the_placeholder_used(
    folders: dict[str, Path],
) -> None:
    path = folders["association"] / "03 - Dossier technique.docx"
    text = _text(path)
    comments = _comments(path)
    assert "Répondez" not in text and "Réponse" not in text
    assert any("à la place de «\u202fÀ compléter\u202f»" in c for c in comments)
    assert text.count("À compléter") == 19
    assert any(c.startswith("GOV-1 — ") for c in comments)


@pytest.mark.parametrize(
    ("name", "kind", "definite", "of"),
    [
        (
            "Fab'Lab du Ternois",
            "association",
            "l'association Fab'Lab du Ternois",
            "de l'association Fab'Lab du Ternois",
        ),
        (
            "Association La Fabrique",
            "association",
            "l'association La Fabrique",
            "de l'association La Fabrique",
        ),
        (
            "Communauté d'agglomération du Boulonnais",
            "intercommunalite",
            "la communauté d'agglomération du Boulonnais",
            "de la communauté d'agglomération du Boulonnais",
        ),
        (
            "Métropole Européenne de Lille",
            "intercommunalite",
            "la Métropole Européenne de Lille",
            "de la Métropole Européenne de Lille",
        ),
        ("Arras", "commune", "la commune d'Arras", "de la commune d'Arras"),
        ("Le Portel", "commune", "la commune du Portel", "de la commune du Portel"),
        ("Lens", "commune", "la commune de Lens", "de la commune de Lens"),
        ("Lesquin", "commune", "la commune de Lesquin", "de la commune de Lesquin"),
        ("Les Attaques", "commune", "la commune des Attaques", "de la commune des Attaques"),
        ("L'Isle-Adam", "commune", "la commune de L'Isle-Adam", "de la commune de L'Isle-Adam"),
        ("Commune de Lumbres", "commune", "la commune de Lumbres", "de la commune de Lumbres"),
        (
            "Office de tourisme du Ternois",
            "autre",
            "l'office de tourisme du Ternois",
            "de l'office de tourisme du Ternois",
        ),
        ("PETR du Ternois", "autre", "le PETR du Ternois", "du PETR du Ternois"),
        ("SCIC Tiers-Lieux", "autre", "la SCIC Tiers-Lieux", "de la SCIC Tiers-Lieux"),
        ("Hub numérique", "autre", "le hub numérique", "du hub numérique"),
        (
            "Ternois Numérique",
            "autre",
            "la structure Ternois Numérique",
            "de la structure Ternois Numérique",
        ),
    ],
)
def test_articles_and_elision_for_every_kind_of_name(
    name: str, kind: str, definite: str, of: str
) -> None:
    designation = designate(name, kind)
    assert (designation.definite, designation.of) == (definite, of)


# Communes of the Hauts-de-France whose name starts with « Le », « La » or « L' » that are
# not articles, beside names whose article is one, with « de » and « à » before each.
PLACES = {
    "Lumbres": ("de Lumbres", "à Lumbres"),
    "Arras": ("d'Arras", "à Arras"),
    "Le Portel": ("du Portel", "au Portel"),
    "Le Touquet-Paris-Plage": ("du Touquet-Paris-Plage", "au Touquet-Paris-Plage"),
    "Les Attaques": ("des Attaques", "aux Attaques"),
    "La Capelle": ("de La Capelle", "à La Capelle"),
    "L'Isle-Adam": ("de L'Isle-Adam", "à L'Isle-Adam"),
    "L’Isle-Adam": ("de L’Isle-Adam", "à L’Isle-Adam"),
    "Lens": ("de Lens", "à Lens"),
    "Lesquin": ("de Lesquin", "à Lesquin"),
    "Lestrem": ("de Lestrem", "à Lestrem"),
    "Leforest": ("de Leforest", "à Leforest"),
    "Lewarde": ("de Lewarde", "à Lewarde"),
    "Laventie": ("de Laventie", "à Laventie"),
    "Le  Quesnoy ": ("du Quesnoy", "au Quesnoy"),
    "Hesdin": ("d'Hesdin", "à Hesdin"),
    "Ham": ("de Ham", "à Ham"),
    "Hem": ("de Hem", "à Hem"),
}


def test_places_titles_and_spaces() -> None:
    assert {p: (of_place(p), at_place(p)) for p in PLACES} == PLACES
    titles = {
        "Présidente": True,
        "Vice-président": False,
        "Maire": None,
        "Directrice": True,
        "Directrice générale": True,
        "Directeur général": False,
        "Adjointe au maire": True,
        "Adjoint au maire": False,
        "Gérante": True,
        "Secrétaire générale": True,
        "Secrétaire": None,
        "Responsable légal": None,
        "Co-présidente": True,
    }
    assert {t: feminine_title(t) for t in titles} == titles
    assert french_typography("Objet : « oui » ; non ! http://x.fr 9:00 ?") == (
        "Objet\u00a0: «\u202foui\u202f»\u202f; non\u202f! http://x.fr 9:00\u202f?"
    )
    assert french_typography("[montant] € et 45 000 € ; € seul") == (
        "[montant]\u00a0€ et 45 000\u00a0€\u202f; € seul"
    )


@pytest.mark.slow
def test_exported_pdfs_are_a4_french_and_carry_no_instruction(
    folders: dict[str, Path], tmp_path: Path
) -> None:
    require_tool("soffice")
    import pdfplumber
    import pikepdf

    from dossierkit.external import soffice

    for name in ("01 - Courrier de demande.docx", "03 - Dossier technique.docx"):
        pdf = soffice.convert(folders["interco"] / name, "pdf", tmp_path / name)
        with pikepdf.open(pdf) as document:
            assert str(document.Root.get("/Lang")) == "fr-FR"
        with pdfplumber.open(pdf) as document:
            sizes = {(round(p.width), round(p.height)) for p in document.pages}
            text = "\n".join(p.extract_text() or "" for p in document.pages)
        assert sizes == {(595, 842)}, name
        assert "Répondez" not in text and "GOV-1 —" not in text
        assert "Isabelle Zeller" in text or "Pays de Lumbres" in text


def test_a_commune_named_with_an_article_signs_where_it_is_and_agrees_with_its_mayor(
    folders: dict[str, Path],
) -> None:
    attestation = _text(folders["commune"] / "04 - Attestation régime TVA.docx")
    assert (
        "Je soussignée Mme Anne Durand, Maire de la commune du Quesnoy, atteste que la commune"
        " du Quesnoy bénéficie du FCTVA" in attestation
    )
    assert "\nFait au Quesnoy, le [date]\n" in attestation
    delegation = _text(folders["commune"] / "07 - Délégation de signature.docx")
    assert "Je soussignée Mme Anne Durand, Maire de la commune du Quesnoy, donne" in delegation
    assert "\nFait au Quesnoy, le [date]\n" in delegation
    letter = _text(folders["commune"] / "01 - Courrier de demande.docx")
    assert "\nLe Quesnoy, le [date]\n" in letter
    assert "porté par la commune du Quesnoy, désignée par la communauté de communes" in letter
    assert "Pour la Maire et par délégation,\nL'Adjoint au numérique," in letter
    readme = (folders["commune"] / "LISEZMOI.txt").read_text("utf-8")
    assert (
        "un RIB au nom de la commune du Quesnoy\u00a0: celui de son compte au Trésor public\n"
        in readme
    )
    others = "\n".join(_text(p) for p in _documents(folders))
    assert "Fait à Le " not in others and "Fait à Les " not in others
    assert "Fait à Lumbres, le [date]" in others and "Fait à Saint-Pol-sur-Ternoise," in others


def test_without_a_civility_an_epicene_title_leaves_the_agreement_open(tmp_path: Path) -> None:
    answers = dataclasses.replace(
        COMMUNE, legal_name="Anne Durand", signatory_name="", signatory_title=""
    )
    create_dossier(tmp_path / "d", answers, load_call(), now=WRITTEN)
    attestation = _text(tmp_path / "d" / "04 - Attestation régime TVA.docx")
    assert "Je soussigné(e) Anne Durand, Maire de la commune du Quesnoy" in attestation
    assert attestation.endswith("\nMaire,\n \nAnne Durand")  # neither « Le » nor « La »
    monsieur = dataclasses.replace(
        answers,
        legal_name="M. Paul Roy",
        town="Les Attaques",
        signatory_name="Anne Durand",
        signatory_title="Adjointe",
    )
    create_dossier(tmp_path / "m", monsieur, load_call(), now=WRITTEN)
    attestation = _text(tmp_path / "m" / "04 - Attestation régime TVA.docx")
    assert "Je soussigné M. Paul Roy, Maire" in attestation
    assert "\nFait aux Attaques, le [date]\n" in attestation
    letter = _text(tmp_path / "m" / "01 - Courrier de demande.docx")
    assert "Pour le Maire et par délégation,\nL'Adjointe," in letter
    administrator = dataclasses.replace(
        monsieur, legal_name="Paul Roy", legal_title="Administrateur"
    )
    create_dossier(tmp_path / "a", administrator, load_call(), now=WRITTEN)
    letter = _text(tmp_path / "a" / "01 - Courrier de demande.docx")
    assert "Pour l'Administrateur et par délégation,\nL'Adjointe," in letter


@pytest.mark.parametrize(
    ("rates", "asked"),
    [
        (
            ("0.5", "0.25", "0.15"),
            "de [montant]\u00a0€ pour 2027, [montant]\u00a0€ pour 2028 et [montant]\u00a0€ pour 2029,",
        ),
        (("0.5", "0.25"), "de [montant]\u00a0€ pour 2027 et [montant]\u00a0€ pour 2028,"),
        (("0.5",), "de [montant]\u00a0€ pour 2027,"),
    ],
    ids=["three-years", "two-years", "one-year"],
)
def test_the_letter_asks_one_amount_for_each_year_of_the_call(
    tmp_path: Path, rates: tuple[str, ...], asked: str
) -> None:
    call = load_call()
    aid = dataclasses.replace(call.animation_aid, rates=tuple(Decimal(r) for r in rates))
    create_dossier(tmp_path, ASSOCIATION, dataclasses.replace(call, animation_aid=aid))
    letter = _text(tmp_path / "01 - Courrier de demande.docx")
    assert f"une aide à l'animation {asked} et une aide à l'équipement" in letter
    assert letter.count("[montant]") == len(rates) + 2  # the equipment aid and the total
