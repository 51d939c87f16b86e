"""What a third outside tester's dossiers showed wrong, on files made the way applicants make them.

- an intercommunalité's attestation: « ne récupère pas la TVA sur les dépenses de
  fonctionnement … ; les équipements, éligibles au FCTVA, sont présentés HT » (no word
  « investissement ») was read as « ne récupère pas la TVA » for everything: B002 on its
  equipment presented HT, in the words « présente le investissement »;
- a letter that details its equipment aid in brackets, « 32 000 € pour l'équipement (20 000 €
  en 2027 …, 12 000 € en 2029 …) », was read as two more requests of 20 000 and 12 000 €,
  each compared with the budget's 32 000 € (two false B008);
- co-presidents' statuts gave the fact ``statuts.representative`` a folded fragment
  (« co presidents represente l association »);
- T006 warned that nothing says the animator works full time when the budget's line says
  « Animatrice (CDI temps plein) »;
- a budget whose Région line does not read as such (« Subvention « Tiers-lieux du numérique »
  sollicitée » then; « Financements publics sollicités » here) let a letter asking 50 000 € in
  2027, over the 45 000 € cap, pass;
- the assembled cover of a dossier complete with warnings said « Dossier complet » only.

Letters and attestations are PDFs as Word exports them (reportlab), budgets workbooks with
the values typed (openpyxl), dossiers techniques and statuts Word documents (python-docx).
"""

from __future__ import annotations

import shutil
import textwrap
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from realistic import association

from conftest import TEXTS, write_letter_pdf
from dossierkit.assemble import front
from dossierkit.checks import BY_CODE
from dossierkit.pieces import courrier, statuts
from dossierkit.pieces.attestation import regime_of
from dossierkit.reading import read_document
from dossierkit.text import fold
from dossierkit.verify import Verification, verify

Amounts = tuple[int, int, int]
Row = tuple[str, Amounts | None]

OPERATING: list[Row] = [
    ("Salaire et charges de l'animatrice (1 ETP, CDI)", (44000, 45000, 46000)),
    ("Prestations d'animation (intervenants, ateliers)", (16000, 15000, 14000)),
]
REGION_ANIMATION = "Région Hauts-de-France — aide à l'animation"
REGION_EQUIPMENT = "Région Hauts-de-France — aide à l'équipement (50 %)"


def budget_xlsx(
    path: Path,
    *,
    basis: str = "Montants TTC pour le fonctionnement, HT pour l'investissement (FCTVA)",
    operating: list[Row] = OPERATING,
    equipment: Amounts = (60000, 0, 0),
    region: tuple[str, str] = (REGION_ANIMATION, REGION_EQUIPMENT),
    asked: tuple[Amounts, Amounts] = ((45000, 30000, 15000), (30000, 0, 0)),
) -> Path:
    """A budget typed in Excel: one column per year, operating costs then the equipment
    under « Investissement », the Région's lines (labelled ``region``) asking ``asked``,
    the structure's own funds balancing each year, totals typed."""
    from openpyxl import Workbook

    spent = [sum(a[i] for _, a in operating if a) + equipment[i] for i in range(3)]
    own = tuple(spent[i] - asked[0][i] - asked[1][i] for i in range(3))
    rows: list[Row] = [
        ("DÉPENSES", None),
        ("Fonctionnement", None),
        *operating,
        ("Investissement", None),
        ("Équipement du fablab (imprimantes 3D, découpeuse laser, postes)", equipment),
        ("TOTAL DÉPENSES", (spent[0], spent[1], spent[2])),
        ("RECETTES", None),
        (region[0], asked[0]),
        (region[1], asked[1]),
        ("Autofinancement (fonds propres)", (own[0], own[1], own[2])),
        ("TOTAL RECETTES", (spent[0], spent[1], spent[2])),
    ]
    workbook = Workbook()
    ws = workbook.active
    ws.title = "Budget"
    ws.append(["Budget prévisionnel 2027-2029 — tiers-lieu « Le Phare numérique »"])
    ws.append([basis])
    ws.append([])
    ws.append(["Poste", 2027, 2028, 2029])
    for label, amounts in rows:
        ws.append([label, *(amounts or ())])
    workbook.save(str(path))
    return path


def letter_pdf(path: Path, request: str) -> Path:
    """The letter of the conftest's association, its request sentence replaced by
    ``request`` (wrapped as Word wraps it)."""
    lines = TEXTS["courrier"]
    body = textwrap.wrap(request, 90)
    return write_letter_pdf(path, [*lines[:7], *body, *lines[9:]])


def attestation_pdf(path: Path, statement: list[str]) -> Path:
    """The president's attestation of the VAT regime, ``statement`` as its lines."""
    return write_letter_pdf(
        path,
        [
            "Communauté d'agglomération du Grand Calais Terres et Mers",
            "Attestation relative au régime de TVA",
            "Je soussigné Paul Martin, président,",
            *statement,
            "Fait à Calais, le 12 octobre 2026",
            "Le Président,",
            "Paul Martin",
        ],
    )


CALAIS = [
    "atteste que la communauté d'agglomération ne récupère pas la TVA sur les dépenses de",
    "fonctionnement du projet (budget de fonctionnement TTC) ; les équipements, éligibles au",
    "FCTVA, sont présentés HT.",
]
NOT_RECOVERED = ["atteste que la communauté d'agglomération ne récupère pas la TVA."]
ASKED = (
    "J'ai l'honneur de solliciter une aide de 120 000 € : 45 000 € en 2027, 30 000 € en 2028 "
    "et 15 000 € en 2029 pour l'animation, et 30 000 € pour l'équipement."
)


def dossier(
    folder: Path,
    *,
    attestation: list[str] = CALAIS,
    request: str = ASKED,
    **budget: Any,
) -> Path:
    folder.mkdir()
    letter_pdf(folder / "Courrier de demande.pdf", request)
    attestation_pdf(folder / "Attestation TVA.pdf", attestation)
    budget_xlsx(folder / "Budget prévisionnel.xlsx", **budget)
    return folder


def findings(result: Verification, lang: str = "fr") -> list[tuple[str, str, str]]:
    """(code, severity, message) of every warning and error."""
    call = result.dossier.call
    return [
        (f.code, str(f.severity), BY_CODE[f.code].render(f, lang, call))
        for f in result.findings
        if str(f.severity) != "info"
    ]


def codes(result: Verification) -> list[str]:
    return [code for code, _, _ in findings(result)]


# -- 1. the attestation naming the FCTVA on equipment ------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        " ".join(CALAIS),
        "La commune ne récupère pas la TVA ; ses immobilisations sont éligibles au FCTVA.",
        "Les dépenses de la section d'investissement relèvent du FCTVA ; le fonctionnement est "
        "présenté TTC, la TVA n'étant pas récupérée.",
        "Les équipements acquis ouvrent droit au fonds de compensation pour la TVA.",
    ],
)
def test_fctva_on_equipment_is_investment_only(sentence: str) -> None:
    assert regime_of(fold(sentence)) == "investment_only"


def test_fctva_attestation_lets_equipment_be_presented_ht(tmp_path: Path) -> None:
    result = verify(dossier(tmp_path / "d"), read_workers=0)
    assert result.dossier.fact("vat.regime") == "investment_only"
    assert [c for c in codes(result) if c.startswith("B")] == []


# -- 2. B002 in correct French and English -----------------------------------------------------


def test_b002_names_each_nature_with_its_article(tmp_path: Path) -> None:
    folder = dossier(tmp_path / "d", attestation=NOT_RECOVERED, basis="Montants HT")
    result = verify(folder, read_workers=0)
    fr = [m for c, _, m in findings(result) if c == "B002"]
    en = [m for c, _, m in findings(result, "en") if c == "B002"]
    assert sorted(m.split(", alors")[0] for m in fr) == [
        "« Budget prévisionnel.xlsx » présente l'investissement HT",
        "« Budget prévisionnel.xlsx » présente le fonctionnement HT",
    ]
    assert sorted(m.split(", while")[0] for m in en) == [
        '"Budget prévisionnel.xlsx" presents its investment HT',
        '"Budget prévisionnel.xlsx" presents its operating costs HT',
    ]
    assert all(m.endswith("présentez-le TTC.") for m in fr)


def test_b002_on_equipment_ht_when_the_attestation_says_no_vat_recovered(
    tmp_path: Path,
) -> None:
    """The near miss of the FCTVA: no FCTVA named, the equipment presented HT is an error."""
    result = verify(dossier(tmp_path / "d", attestation=NOT_RECOVERED), read_workers=0)
    b002 = [(s, m) for c, s, m in findings(result) if c == "B002"]
    assert len(b002) == 1 and b002[0][0] == "error"
    assert "présente l'investissement HT" in b002[0][1]


# -- 3. a breakdown in brackets is its total's detail ------------------------------------------

EQUIPMENT_IN_TWO = (
    "J'ai l'honneur de solliciter 45 000 € en 2027, 30 000 € en 2028 et 15 000 € en 2029 pour "
    "l'animation, et 32 000 € pour l'équipement {open}20 000 € en 2027 pour le premier "
    "équipement, {and}12 000 € en 2029 pour le compléter selon les retours d'usage{close}."
)
BREAKDOWNS = {
    "brackets": {"open": "(", "and": "", "close": ")"},
    "dont": {"open": "dont ", "and": "et ", "close": ""},
    "soit": {"open": "soit ", "and": "puis ", "close": ""},
}


def _asked(path: Path) -> list[tuple[str, str, int | None]]:
    parsed = courrier.parse(read_document(path, "pdf"), path.name)
    return [(str(a.value), a.kind, a.year) for a in parsed.amounts]


@pytest.mark.parametrize("how", sorted(BREAKDOWNS))
def test_equipment_detailed_by_year_is_one_request(tmp_path: Path, how: str) -> None:
    path = letter_pdf(tmp_path / "Courrier.pdf", EQUIPMENT_IN_TWO.format(**BREAKDOWNS[how]))
    assert _asked(path) == [
        ("45000", "animation", 2027),
        ("30000", "animation", 2028),
        ("15000", "animation", 2029),
        ("32000", "equipement", None),
        ("20000", "detail", None),
        ("12000", "detail", None),
    ]


@pytest.mark.parametrize(
    ("sentence", "asked"),
    [
        # The animation over three years detailed by year: the years are the requests.
        (
            "Nous sollicitons 90 000 € pour l'animation (45 000 € en 2027, 30 000 € en 2028, "
            "15 000 € en 2029) et 30 000 € pour l'équipement.",
            [
                ("90000", "animation", None),
                ("45000", "animation", 2027),
                ("30000", "animation", 2028),
                ("15000", "animation", 2029),
                ("30000", "equipement", None),
            ],
        ),
        # « soit » after the years sums them: no part of the 15 000 € of 2029.
        (
            "Nous sollicitons une aide à l'animation de 45 000 € pour 2027, 30 000 € pour 2028 "
            "et 15 000 € pour 2029, soit 90 000 € ; une aide à l'équipement de 20 000 €.",
            [
                ("45000", "animation", 2027),
                ("30000", "animation", 2028),
                ("15000", "animation", 2029),
                ("90000", "animation", None),
                ("20000", "equipement", None),
            ],
        ),
        # A year's animation detailed by post: one request of 45 000 € in 2027.
        (
            "Nous sollicitons 45 000 € en 2027 (dont 33 000 € pour le poste de l'animatrice et "
            "12 000 € pour les intervenants), 30 000 € en 2028 et 15 000 € en 2029.",
            [
                ("45000", "animation", 2027),
                ("33000", "detail", None),
                ("12000", "detail", None),
                ("30000", "animation", 2028),
                ("15000", "animation", 2029),
            ],
        ),
    ],
    ids=["animation-by-year", "sum-after-the-years", "year-by-post"],
)
def test_breakdowns_that_say_what_is_asked(
    tmp_path: Path, sentence: str, asked: list[tuple[str, str, int | None]]
) -> None:
    assert _asked(letter_pdf(tmp_path / "Courrier.pdf", sentence)) == asked


def test_equipment_in_two_instalments_is_over_its_cap_not_in_disagreement(
    tmp_path: Path,
) -> None:
    """CC Osartis-Marquion's dossier: 32 000 € of equipment aid on 64 000 € of machines."""
    folder = dossier(
        tmp_path / "d",
        request=EQUIPMENT_IN_TWO.format(**BREAKDOWNS["brackets"]),
        equipment=(40000, 0, 24000),
        asked=((45000, 30000, 15000), (20000, 0, 12000)),
    )
    result = verify(folder, read_workers=0)
    budget = [(c, s) for c, s, _ in findings(result) if c.startswith("B")]
    assert budget == [("B007", "error")]


# -- 4. the representative as the statuts write it ---------------------------------------------

CO_PRESIDENCY = (
    "Le conseil d'administration élit en son sein une co-présidence composée de deux "
    "co-présidents, un trésorier et un secrétaire. Chacun des co-présidents représente "
    "l'association dans tous les actes de la vie civile et en justice et peut signer seul, au "
    "nom de l'association, toute demande de subvention."
)


def statuts_docx(path: Path, clause: str) -> Path:
    """Statuts typed in Word: title, the law of 1901, the representation article."""
    import docx

    document = docx.Document()
    document.add_heading("Statuts de l'association « Les Co-Pilotes du Ternois »", 0)
    document.add_heading("Article 1 – Dénomination", 1)
    document.add_paragraph(
        "Il est fondé entre les adhérents aux présents statuts une association régie par la "
        "loi du 1er juillet 1901, ayant pour titre « Les Co-Pilotes du Ternois »."
    )
    document.add_heading("Article 10 – Administration", 1)
    document.add_paragraph(clause)
    document.save(str(path))
    return path


@pytest.mark.parametrize(
    ("clause", "written"),
    [
        (CO_PRESIDENCY, "les co-présidents"),
        (association.CLAUSES["a-qualite"], "le président"),
        (association.CLAUSES["representee-par"], "la présidente"),
        (association.CLAUSES["investi"], "le président"),
    ],
)
def test_the_representative_fact_is_the_role_as_written(
    tmp_path: Path, clause: str, written: str
) -> None:
    path = statuts_docx(tmp_path / "Statuts.docx", clause)
    parsed = statuts.parse(read_document(path, "docx"), path.name)
    facts = {f.name: f.value for f in parsed.facts}
    assert facts["statuts.representative"] == written


# -- 5. T006 takes the budget's full-time post as evidence -------------------------------------


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The complete dossier of the Fab'Lab du Ternois (its budget: « Salaire et charges de
    l'animateur (1 ETP, CDI) »), made once."""
    return association.plain_dossier(tmp_path_factory.mktemp("base") / "dossier")


def _plain(base: Path, folder: Path, animation: str | None = None) -> Verification:
    """``base`` copied to ``folder``, its dossier technique's answer on the animation
    replaced by ``animation``; verified."""
    shutil.copytree(base, folder)
    if animation is not None:
        association.replace_text(
            folder / "Dossier technique.docx",
            "l'association recrutera un animateur à temps plein en CDI",
            animation,
        )
    return verify(folder, read_workers=0)


@pytest.fixture(scope="module")
def plain(base: Path, tmp_path_factory: pytest.TempPathFactory) -> Verification:
    return _plain(base, tmp_path_factory.mktemp("plain") / "dossier")


@pytest.fixture(scope="module")
def part_time(base: Path, tmp_path_factory: pytest.TempPathFactory) -> Verification:
    folder = tmp_path_factory.mktemp("t006") / "dossier"
    return _plain(base, folder, "l'association recrutera un animateur à mi-temps en CDI")


def test_t006_accepts_the_budgets_full_time_post(
    base: Path, plain: Verification, tmp_path: Path
) -> None:
    """The technique says « en CDI » only; the budget names the post « 1 ETP »."""
    silent = _plain(base, tmp_path / "d", "l'association recrutera un animateur en CDI")
    assert codes(silent) == codes(plain)
    assert "T006" not in codes(silent) and silent.complete


def test_t006_still_warns_when_the_technique_says_part_time(
    plain: Verification, part_time: Verification
) -> None:
    [(severity, message)] = [(s, m) for c, s, m in findings(part_time) if c == "T006"]
    assert severity == "warning" and "temps partiel" in message
    assert sorted(codes(part_time)) == sorted([*codes(plain), "T006"])


@pytest.mark.parametrize(
    ("posts", "asked"),
    [
        (["Animatrice (CDI)"], {"T006", "B009"}),
        (["Animatrice (CDI temps plein)"], set()),
        # A post the reader does not count as animation still names the animator.
        (["Chargé d'animation (1 ETP)"], set()),
        (["Agent d'accueil (temps plein)", "Animatrice (CDI)"], {"T006", "B009"}),
    ],
    ids=["cdi", "cdi-temps-plein", "charge-d-animation-1-etp", "full-time-but-not-animator"],
)
def test_t006_takes_the_budgets_post_when_it_is_the_animators_full_time(
    tmp_path: Path, posts: list[str], asked: set[str]
) -> None:
    """A dossier technique that does not say full time, and the budget's posts: T006 and
    B009 ask for the full-time animator unless a post of the budget names it."""
    import test_technique

    salaries = [
        (post, (44000 // len(posts), 45000 // len(posts), 46000 // len(posts))) for post in posts
    ]
    folder = dossier(tmp_path / "d", operating=[*salaries, *OPERATING[1:]])
    answers = dict(test_technique.LIEU)
    answers["AID-5"] = ["L'animation sera internalisée : une animatrice sera recrutée en CDI."]
    test_technique.technique_docx(folder / "Dossier technique.docx", answers)
    assert {"T006", "B009"} & set(codes(verify(folder, read_workers=0))) == asked


# -- 6. the cover of a dossier complete with warnings ------------------------------------------


def _cover_text(result: Verification, tmp_path: Path, lang: str) -> str:
    import pdfplumber

    cover = front.cover(result, [], datetime(2026, 11, 20, 10, 0), lang)
    target = tmp_path / f"front-{lang}.pdf"
    front.render(cover, [], target, lang)
    with pdfplumber.open(target) as pdf:
        return " ".join((pdf.pages[0].extract_text() or "").split())


def test_cover_counts_and_lists_the_points_of_attention(
    plain: Verification, tmp_path: Path
) -> None:
    assert plain.complete and codes(plain) == ["T005", "T013"]
    fr = _cover_text(plain, tmp_path, "fr")
    assert "Dossier complet, avec 2 points d'attention" in fr
    assert "Points d'attention relevés par la vérification" in fr
    assert "T005 — Annexe manquante : Plan d'agencement" in fr
    assert "T013 — « Dossier technique.docx »" in fr
    en = _cover_text(plain, tmp_path, "en")
    assert "Dossier complete, with 2 points of attention" in en
    assert "Points of attention found by the verification" in en


def test_cover_of_one_warning_in_the_singular(plain: Verification, tmp_path: Path) -> None:
    one = Verification(plain.dossier, tuple(f for f in plain.findings if f.code != "T013"))
    fr = _cover_text(one, tmp_path, "fr")
    assert "Dossier complet, avec 1 point d'attention" in fr
    assert "Point d'attention relevé par la vérification" in fr


def test_cover_without_warnings_says_complete_only(plain: Verification, tmp_path: Path) -> None:
    none = Verification(plain.dossier, tuple(f for f in plain.findings if f.code[0] != "T"))
    fr = _cover_text(none, tmp_path, "fr")
    assert "Dossier complet" in fr and "attention" not in fr


def test_cover_stays_deterministic(plain: Verification, tmp_path: Path) -> None:
    made: list[bytes] = []
    for name in ("a.pdf", "b.pdf"):
        cover = front.cover(plain, [], datetime(2026, 11, 20, 10, 0), "fr")
        front.render(cover, [], tmp_path / name, "fr")
        made.append((tmp_path / name).read_bytes())
    assert made[0] == made[1]


# -- 7. the letter's yearly amounts against the caps when the budget has no Région line -------

# Recettes that name no funder: the aid asked of the Région is in them, unsaid.
UNREAD_REGION = (
    "Financements publics sollicités – animation",
    "Financements publics sollicités – équipement",
)


def _over_cap_letter(first_year: int) -> str:
    return (
        f"L'aide sollicitée s'élève au total à {first_year + 75} 000 € : {first_year} 000 € en "
        "2027, 30 000 € en 2028 et 15 000 € en 2029 pour l'animation, ainsi que 30 000 € pour "
        "l'équipement."
    )


def _b005(result: Verification) -> list[tuple[str, str, str]]:
    return [(c, s, m) for c, s, m in findings(result) if c == "B005"]


def test_letter_over_the_cap_when_the_budget_has_no_region_line(tmp_path: Path) -> None:
    folder = dossier(
        tmp_path / "d",
        request=_over_cap_letter(50),
        region=UNREAD_REGION,
        asked=((50000, 30000, 15000), (30000, 0, 0)),
    )
    result = verify(folder, read_workers=0)
    assert [y.requested for y in result.dossier.aid.animation] == [None, None, None]  # type: ignore[union-attr]
    [(_, severity, message)] = _b005(result)
    assert severity == "error"
    assert message.startswith("Aide à l'animation 2027 : 50 000 € demandés, mais au plus 45 000 €")
    assert "montant du courrier « Courrier de demande.pdf »" in message
    found = next(f for f in result.findings if f.code == "B005")
    assert (found.piece, found.file) == ("courrier", "Courrier de demande.pdf")


def test_letter_within_the_caps_when_the_budget_has_no_region_line(tmp_path: Path) -> None:
    folder = dossier(
        tmp_path / "d",
        request=_over_cap_letter(45),
        region=UNREAD_REGION,
    )
    assert _b005(verify(folder, read_workers=0)) == []


def test_the_budgets_region_line_is_judged_not_the_letter(tmp_path: Path) -> None:
    """The budget's Région line read (45 000 € in 2027): the letter's 50 000 € is B008's
    disagreement, not a second B005."""
    folder = dossier(tmp_path / "d", request=_over_cap_letter(50))
    result = verify(folder, read_workers=0)
    assert _b005(result) == []
    assert "B008" in codes(result)
