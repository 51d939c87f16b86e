"""The letters an instructor sends: acknowledgement of receipt, request for missing pieces.

The wording belongs to the Région, not to the code: each letter is a Word template in
``templates/courriers/`` whose ``{placeholders}`` are filled here (python-docx, already a
dependency), so that the service edits letterhead, signature and phrasing in Word. The
request lists, in plain words, what the verification found missing or wrong: the report's
own messages, written for applicants ("Ajoutez…", "Correction : …"). A PDF is made with
LibreOffice when it is installed.
"""

from __future__ import annotations

import copy
import io
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from dossierkit.aid import euros
from dossierkit.call import Call
from dossierkit.dates import add_months, long_date
from dossierkit.errors import UsageError
from dossierkit.external.scratch import scratch_dir
from dossierkit.pieces.address import postal_lines as split_postal_lines
from dossierkit.resources import templates_dir
from dossierkit.text import bare_title, fold, french_typography
from dossierkit.triage.export import write_atomic
from dossierkit.triage.model import (
    COMPLETE,
    FAILED,
    INCOMPLETE,
    Outcome,
    Reception,
    Summary,
)
from dossierkit.triage.requests import requested
from dossierkit.triage.service import Service, templates_override
from dossierkit.triage.territory import epci_full_name, of_epci, structure_name

# The service's settings every letter prints (letterhead, contact, signature, appeal), by
# placeholder.
SERVICE_FIELDS = {
    "service": "service",
    "direction": "direction",
    "adresse_service": "adresse",
    "ville": "ville",
    "instructeur": "instructeur",
    "courriel": "courriel",
    "telephone": "telephone",
    "signataire": "signataire",
    "fonction_signataire": "fonction_signataire",
    "delegation": "delegation",
    "tribunal": "tribunal",
}

ACKNOWLEDGEMENT = "accuse-reception"
REQUEST = "demande-complements"
KINDS = (ACKNOWLEDGEMENT, REQUEST)
# Placeholders alone in their paragraph that become one bulleted paragraph per item.
LISTS = ("liste_pieces", "points_attention")
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
# A blank a template still holds after filling: a placeholder, or a bracketed note to replace.
_BLANK = re.compile(r"\{[a-z_]+\}|\[[^\]]{2,60}\]")
# Art. L231-1 of the CRPA: silence kept for two months on a request is worth a decision.
IMPLICIT_DECISION_MONTHS = 2
_FORMS = {"lieu": "un lieu", "reseau": "l'animation d'un réseau de lieux"}
_STATE = {
    COMPLETE: "Après une première vérification, votre dossier est complet : les pièces "
    "demandées par l'appel à projets ont été reçues.",
    # The verification did not end (I010, I011): the tool's failure, not the applicant's;
    # nothing is said of the dossier's completeness.
    FAILED: "Votre dossier va maintenant être examiné ; s'il est incomplet, un courrier vous "
    "indiquera les pièces et informations à transmettre et le délai pour le faire.",
}
# Art. R112-5, 3°, and L114-5 (last paragraph) of the CRPA: the acknowledgement of an
# incomplete request lists the missing pieces and information and the delay to send them.
_INCOMPLETE = (
    "Après une première vérification, votre dossier est incomplet. En application de "
    "l'article L114-5 du code des relations entre le public et l'administration, je vous "
    "remercie de bien vouloir nous transmettre {les_pieces_suivantes} :"
)
_DEADLINE = (
    "{ces_pieces_devront} nous parvenir au plus tard le {day}, à l'adresse du service ou par "
    "courriel à {mail}, en rappelant la référence {reference}."
)
# The words that agree with the number of pieces asked for: one, or several.
_AGREEMENT = {
    "les_pieces_suivantes": ("la pièce suivante", "les pièces suivantes"),
    "ces_pieces_devront": ("Cette pièce devra", "Ces pièces devront"),
}


class LetterError(UsageError):
    """The letter cannot be written; the message says why, in French and in English."""


@dataclass(frozen=True)
class Letter:
    """A letter written: the Word file, and the PDF when LibreOffice made one."""

    docx: Path
    pdf: Path | None
    warning: str | None = None  # why there is no PDF: LibreOffice missing, or failed
    warning_en: str | None = None  # the same in English

    def warning_text(self, lang: str) -> str | None:
        """Why there is no PDF, in ``lang``; None when nothing is to be said."""
        return self.warning_en if lang == "en" and self.warning_en else self.warning


def french_date(day: date) -> str:
    """``1er décembre 2026``, as a French letter dates itself, its words bound by no-break
    spaces: a date is never cut at a line's end (« reçue le 3 » / « décembre 2026 »)."""
    return long_date(day, "fr").replace(" ", "\u00a0")


def requested_items(outcome: Outcome, call: Call, severity: str = "error") -> list[str]:
    """One bullet per piece (or file) the verification found missing or wrong at
    ``severity``, in the letter's wording (``requests.requested``, which the message pasted
    into a platform also says): the piece's label, what is wrong with the file received, and
    what to send."""
    return [item.text for item in requested(outcome, call, severity)]


# A title that says the person's gender, with the prefix of a co- or vice-présidence: the
# letter's civility and salutation (« Madame la Co-présidente, »).
_FEMININE_TITLE = re.compile(
    r"(?i)^(?:(?:co|vice)-?)?(?:pr[ée]sidente|directrice|administratrice|g[ée]rante|"
    r"adjointe|d[ée]l[ée]gu[ée]e|secr[ée]taire g[ée]n[ée]rale|tr[ée]sori[èe]re)\b"
)
_MASCULINE_TITLE = re.compile(
    r"(?i)^(?:(?:co|vice)-?)?(?:pr[ée]sident|directeur|administrateur|g[ée]rant|adjoint|"
    r"d[ée]l[ée]gu[ée]|tr[ée]sorier)\b(?!e)"
)
# What follows a title's head in a salutation's place: « Monsieur le Vice-président, », never
# « Monsieur le Vice-président délégué au numérique, ».
_TITLE_COMPLEMENT = re.compile(
    r"(?i)\s+(?:d[eu]s?\b|d['’]|de la\b|d[ée]l[ée]gu[ée]e?\b|charg[ée]e?\b|en charge\b|[àa]\b|"
    r"aux?\b|pour\b)"
)
# The civility the pieces wrote before the name: « Mme Anne Lemaire », « M. Jean Martin ».
_CIVILITY = re.compile(r"^(?:(?P<madame>mme|madame|mlle)|(?P<monsieur>m\.|monsieur|mr))\s+", re.I)
# The legal representative by law when the pieces name the person but not the title: the
# président of an EPCI (art. L5211-9 of the CGCT), the maire of a commune (art. L2122-21).
_TITLE_BY_LAW = {
    "intercommunalite": ("Présidente", "Président"),
    "commune": ("Maire", "Maire"),
}
# A name elides « de » when it starts with a vowel or a mute h: « À l'attention d'Anne
# Lemaire », « d'Hélène Martin ».
_ELIDES = re.compile(r"^(?:[aeiouyàâäéèêëîïôöûüæœ]|h[aeiouyàâéèêîô])", re.I)


def _gender(title: str, civility: str) -> str:
    """« Madame », « Monsieur », or empty when neither the title nor the civility the pieces
    wrote says it: a first name never does (« Camille », « Dominique »)."""
    if _FEMININE_TITLE.match(title):
        return "Madame"
    if _MASCULINE_TITLE.match(title):
        return "Monsieur"
    return civility


def _salutation(title: str, civility: str) -> str:
    """« Madame la Présidente, », « Monsieur le Vice-président, », « Madame, » when only the
    civility is known, the neutral « Madame, Monsieur, » when nothing tells."""
    if not civility:
        return "Madame, Monsieur,"
    head = _TITLE_COMPLEMENT.split(title, maxsplit=1)[0].strip(" ,") if title else ""
    if not head:
        return f"{civility},"
    article = "l'" if _ELIDES.match(head) else "la " if civility == "Madame" else "le "
    return f"{civility} {article}{head},"


def _signatory(report: dict[str, Any] | None) -> tuple[str | None, str | None]:
    """(name, title) of the letter's signatory, as the report's facts give them."""
    facts = {f.get("name"): f.get("value") for f in (report or {}).get("facts") or ()}
    name, title = facts.get("signatory.name"), facts.get("signatory.title")
    return (str(name) if name else None), (str(title) if title else None)


def addressee(
    summary: Summary, signatory: tuple[str | None, str | None] = (None, None)
) -> tuple[str, str]:
    """(the line under the structure's name, the salutation): « À l'attention de Madame
    Marie Durand, Présidente », « Madame la Présidente, »; « À l'attention d'Anne Lemaire »
    when nothing says whether she is Madame or Monsieur. The structure's legal
    representative, else the ``signatory`` with their title (a vice-président who signs by
    délégation answers for the structure)."""
    # A name or title read across a line break of the document is one line in the address.
    name, title = summary.representative, summary.representative_title
    # The law names the legal representative's function, not a signatory's.
    by_law = summary.structure_kind in _TITLE_BY_LAW and bool(name)
    if not name:
        name, title = signatory
    name = " ".join((name or "").split())
    title = bare_title(title)
    civility = ""
    if found := _CIVILITY.match(name):
        civility = "Madame" if found.group("madame") else "Monsieur"
        name = name[found.end() :]
    civility = _gender(title, civility)
    if not title and civility and by_law:
        title = _TITLE_BY_LAW[summary.structure_kind or ""][civility == "Monsieur"]
    salutation = _salutation(title, civility)
    if not name:
        return "À l'attention de son représentant légal", salutation
    # The civility and the name on one line of the address block, never « Benjamin » at a
    # line's end and « Faure » below it.
    who = "\u00a0".join(part for part in (civility, *name.split()) if part)
    said = f", {title}" if title else ""
    of = "d'" if _ELIDES.match(who) else "de "
    return f"À l'attention {of}{who}{said}", salutation


def fields(
    outcome: Outcome,
    reception: Reception,
    call: Call,
    service: Service,
    today: date,
    attention: bool = False,
    asked: int = 2,
    address: tuple[str, ...] = (),
) -> dict[str, str]:
    """The value of each placeholder of the templates, for a letter that asks for ``asked``
    pieces (the words that agree with their number: « la pièce suivante », « Ces pièces
    devront ») and ``address`` (the structure's address the instructor gives, else the one its
    pieces print). Every value is known: the service's settings are required
    (``ServiceError`` names a missing one), a letter without a postal address is refused
    (``LetterError``), and what else the dossier does not tell is said in words rather than
    left blank."""
    s = outcome.summary
    agreed = {name: words[asked != 1] for name, words in _AGREEMENT.items()}
    received = reception.received_at.date()
    line, salutation = addressee(s, _signatory(outcome.report))
    # Art. L114-5: the delay after which silence is worth rejection is suspended while the
    # pieces are awaited, and the suspension ends when they arrive before the deadline.
    one = asked == 1
    suspension = (
        " Ce délai est suspendu pendant le délai qui vous est imparti pour produire "
        f"{'la pièce demandée' if one else 'les pièces demandées'} ; "
        f"{'sa' if one else 'leur'} réception avant son terme met fin à cette suspension "
        "(article L114-5 du même code)."
    )
    deadline = today + timedelta(days=service.complement_days())
    incomplete = outcome.status == INCOMPLETE
    return {
        "reference": reception.reference,
        "date": french_date(today),
        "date_reception": french_date(received),
        "structure": keep_end(structure_name(s.structure, s.structure_kind) or "")
        or "À la structure qui demande l'aide",
        "destinataire": line,
        "formule_appel": salutation,
        "formule_appel_sans_virgule": salutation.rstrip(","),
        "adresse": "\n".join(postal_address(outcome, service, address)),
        "intercommunalite": epci_full_name(s.epci_name, s.epci_siren)
        or "non précisée dans le dossier",
        # « sur le territoire {territoire} »: never INSEE's « CC Coeur de l'Avesnois ».
        "territoire": of_epci(s.epci_name, s.epci_siren) or "de votre intercommunalité",
        "forme": _FORMS.get(s.form or "", "un tiers-lieu numérique"),
        "aide_demandee": euros(s.aid_requested) if s.aid_requested is not None else "non précisé",
        "titre_appel": call.title["fr"],
        # The title inside a sentence: « au titre de l'appel à projets « … » ».
        "appel": call.title["fr"][:1].lower() + call.title["fr"][1:],
        "etat": _STATE.get(outcome.status, _INCOMPLETE.format(**agreed)),
        "date_decision_implicite": french_date(add_months(received, IMPLICIT_DECISION_MONTHS)),
        "suspension": "" if outcome.status == COMPLETE else suspension,
        "date_limite_complements": french_date(deadline),
        **agreed,
        "delai_pieces": _DEADLINE.format(
            **agreed,
            day=french_date(deadline),
            mail=service.require("courriel"),
            reference=reception.reference,
        )
        if incomplete
        else "",
        "titre_points_attention": (
            "Points d'attention, sans incidence sur la complétude de votre dossier :"
            if attention
            else ""
        ),
        **{name: service.require(key) for name, key in SERVICE_FIELDS.items()},
        # A phone number is never cut at the end of a line: its groups are bound.
        "telephone": service.require("telephone").replace(" ", "\u00a0"),
    }


def _paragraphs(document: Any) -> list[Any]:
    """Every paragraph of the document: body, tables, headers and footers."""
    found: list[Any] = []

    def walk(container: Any) -> None:
        found.extend(container.paragraphs)
        for table in container.tables:
            for row in table.rows:
                for cell in row.cells:
                    walk(cell)

    walk(document)
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header):
            walk(part)
    return found


# The spaces a line must not break at in a letter: inside an amount (« 60 000 »), before
# « € » and « % ».
_NUMBER_SPACE = re.compile(r"(?<=\d) (?=\d{3}(?!\d))|(?<=\d) (?=[€%])")


# Words that lean on the next one: a line never ends with them in a name's bound end.
_CONNECTORS = frozenset({"de", "du", "des", "d'", "la", "le", "les", "l'", "et", "sur", "en"})


def keep_end(name: str) -> str:
    """``name`` with its last words bound by no-break spaces: a name longer than the address
    block breaks before « Pays de Mormal », never before « Mormal » alone (« Communauté de
    communes du Pays de » / « Mormal »)."""
    words = name.split()
    if len(words) < 3:
        return " ".join(words)
    start = len(words) - 2
    while start > 1 and words[start].lower() in _CONNECTORS:
        start -= 1
    return " ".join([*words[:start], "\u00a0".join(words[start:])])


def postal_lines(address: tuple[str, ...]) -> list[str]:
    """The address's lines as La Poste wants them (``pieces.address.postal_lines``): a line
    that holds both the street and the postcode split in two, so that the commune's line
    never breaks inside its name; a post-office box on its own line; the legal form
    (« Association loi 1901 ») and the SIRET left out."""
    return list(split_postal_lines(address))


def postal_address(outcome: Outcome, service: Service, given: tuple[str, ...] = ()) -> list[str]:
    """The lines the letter is posted to: ``given`` by the instructor, else the address the
    structure's pieces print (``Summary.address``). A letter is never written with a blank
    nor sent to the service itself (the Région's address, read by mistake from the
    applicant's address block): without an address, a ``LetterError`` says what is missing
    and how to give it."""
    lines = postal_lines(given or outcome.summary.address)
    own = fold(service.get("adresse") or "")
    if lines and not _POSTCODE_LINE.match(lines[-1]):
        lines = []  # no postcode: La Poste cannot route it
    if lines and own and fold(lines[-1]) in own and any(fold(x) in own for x in lines[:-1]):
        lines = []
    if lines:
        return lines
    if given:
        said = ", ".join(given)
        raise LetterError(
            f"l'adresse donnée (« {said} ») ne finit pas par le code postal et la commune : "
            "La Poste ne peut pas acheminer le courrier. Donnez-la entière, par exemple "
            "--adresse « 12 rue de la Gare, 62000 Arras ».",
            english=f'the address given ("{said}") does not end with the postcode and the '
            "town: La Poste cannot deliver the letter. Give it whole, for instance --adresse "
            '"12 rue de la Gare, 62000 Arras".',
        )
    s = outcome.summary
    name = structure_name(s.structure, s.structure_kind) or outcome.item.name
    raise LetterError(
        f"l'adresse postale de « {name} » n'est imprimée dans aucune pièce du dossier (en-tête "
        "ou pied de page du courrier de demande, statuts, RIB) : un courrier sans adresse ne "
        "peut pas être posté. Demandez-la à la structure, puis donnez-la au courrier avec "
        "l'option --adresse (par exemple --adresse « 12 rue de la Gare, 62000 Arras »).",
        english=f'the postal address of "{name}" is printed in none of the dossier\'s pieces '
        "(letterhead or footer of the application letter, statuts, RIB): a letter without an "
        "address cannot be posted. Ask the structure for it, then give it to the letter with "
        '--adresse (for instance --adresse "12 rue de la Gare, 62000 Arras").',
    )


# The last line of a postal address: the postcode and the town.
_POSTCODE_LINE = re.compile(r"^(?:F-)?\d{5}\s+\S")


def bound(text: str) -> str:
    """``text`` with French typography's no-break spaces as the Imprimerie nationale sets
    them (``french_typography``: U+00A0 before « : » and « € », U+202F before « ; ! ? » and
    inside « ») and amounts kept whole: no line of a letter ends with « 60 » and starts with
    « 000 € »."""
    return _NUMBER_SPACE.sub("\u00a0", french_typography(text))


def _fill(paragraph: Any, values: dict[str, str]) -> None:
    """Replace the placeholders of one paragraph. Word splits text into runs wherever
    formatting or editing history changes, often inside a placeholder: the paragraph's text
    is rebuilt in its first run, which keeps that run's formatting. A paragraph that held
    nothing but a placeholder whose value is empty is removed (no blank line where an
    optional part is absent). Unknown names are left as typed, for ``blanks`` to catch."""
    text = paragraph.text
    filled = bound(_PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text))
    if filled == text or not paragraph.runs:
        return
    if not filled.strip() and _PLACEHOLDER.fullmatch(text.strip()):
        paragraph._p.getparent().remove(paragraph._p)
        return
    first, *rest = paragraph.runs
    first.text = filled  # python-docx turns "\n" into line breaks
    for run in rest:
        run._r.getparent().remove(run._r)
    # The reference and the service's address are copied from the letter into a mail: never
    # « TLN- » nor « tiers- » at a line's end; nor, in the address block, « Jean- » above
    # « Claude Villemain » or « Communauté de communes Pévèle- » above « Carembault ».
    names = _HYPHENATED.findall(f"{values.get('structure', '')} {values.get('destinataire', '')}")
    for word in (values.get("reference"), values.get("courriel"), *names):
        _bind_hyphens(first, word)


# A hyphenated word of the addressee's lines (« Jean-Claude », « Pévèle-Carembault »).
_HYPHENATED = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")


def _bind_hyphens(run: Any, word: str | None) -> None:
    """Make the hyphens of ``word`` (the reference, « TLN-0001 ») Word's non-breaking
    hyphens, so that no line ends with « TLN- »: the applicant copies the reference from
    the letter into a mail. The text read back (python-docx, the PDF's) keeps a plain
    hyphen."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    if not word or "-" not in word:
        return
    for text in run._r.findall(qn("w:t")):
        if word not in (text.text or ""):
            continue
        pieces = text.text.replace(word, word.replace("-", "\0")).split("\0")
        anchor = text
        text.text = pieces[0]
        text.set(qn("xml:space"), "preserve")
        for piece in pieces[1:]:
            hyphen = OxmlElement("w:noBreakHyphen")
            anchor.addnext(hyphen)
            anchor = OxmlElement("w:t")
            anchor.text = piece
            anchor.set(qn("xml:space"), "preserve")
            hyphen.addnext(anchor)


def _fill_list(paragraph: Any, items: list[str]) -> None:
    """Replace a list placeholder's paragraph by one paragraph per item, in its style."""
    from docx.text.paragraph import Paragraph

    anchor = paragraph._p
    for item in items:
        clone = copy.deepcopy(anchor)
        anchor.addprevious(clone)
        for run in clone.findall(".//{*}r")[1:]:
            run.getparent().remove(run)
        Paragraph(clone, paragraph._parent).runs[0].text = bound(item)
    anchor.getparent().remove(anchor)


def fill(document: Any, values: dict[str, str], lists: dict[str, list[str]]) -> None:
    """Fill a python-docx document's placeholders with ``values``, and each list
    placeholder's paragraph (``{liste_pieces}``…) with the items of ``lists``."""
    for paragraph in _paragraphs(document):
        text = paragraph.text.strip()
        if text[:1] == "{" and text[-1:] == "}" and text[1:-1] in lists:
            _fill_list(paragraph, lists[text[1:-1]])
        else:
            _fill(paragraph, values)


def blanks(document: Any) -> list[str]:
    """The placeholders and bracketed notes ("[Prénom Nom]") a filled letter still holds."""
    found: list[str] = []
    for paragraph in _paragraphs(document):
        found += [m.group() for m in _BLANK.finditer(paragraph.text) if m.group() not in found]
    return found


def template_path(kind: str) -> Path:
    """The service's own template of the letter when it has one, else the shipped one."""
    own = templates_override() / f"{kind}.docx"
    return own if own.is_file() else templates_dir() / "courriers" / f"{kind}.docx"


def render(kind: str, values: dict[str, str], lists: dict[str, list[str]]) -> bytes:
    """The letter ``kind`` filled with ``values`` and ``lists``, as DOCX. A letter that would
    keep a blank is refused, naming what is left to fill."""
    import docx

    template = template_path(kind)
    if not template.is_file():
        raise LetterError(
            f"le modèle « {template} » est introuvable.",
            english=f'the template "{template}" cannot be found.',
        )
    try:
        document = docx.Document(str(template))
    except Exception as exc:  # a template saved in another format, or damaged
        raise LetterError(
            f"le modèle « {template} » n'est pas un document Word lisible ({exc}).",
            english=f'the template "{template}" is not a readable Word document ({exc}).',
        ) from exc
    fill(document, values, lists)
    if left := blanks(document):
        raise LetterError(
            f"le courrier garderait des blancs ({', '.join(left)}) : le modèle « {template} » "
            "contient des repères inconnus ou des mentions entre crochets à remplacer.",
            english=f"the letter would keep blanks ({', '.join(left)}): the template "
            f'"{template}" holds unknown placeholders or notes in brackets to replace.',
        )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def no_pdf_warning() -> str:
    """What is said when LibreOffice is missing: the letter is written in Word only."""
    from dossierkit.external import soffice

    return french_typography(
        "LibreOffice introuvable : le courrier est écrit en Word (DOCX) seulement ; "
        "installez LibreOffice pour la version PDF, ou enregistrez-le en PDF depuis Word. "
        + soffice.LIBREOFFICE.advice()
    )


def no_pdf_warning_en() -> str:
    """``no_pdf_warning`` in English, with the same install commands."""
    from dossierkit.external import soffice

    commands = "; ".join(
        f"{system}: {line}" for system, line in soffice.LIBREOFFICE.install.items()
    )
    return (
        "LibreOffice not found: the letter is written in Word (DOCX) only; install "
        f"LibreOffice for the PDF ({commands}), or save it as PDF from Word."
    )


def check_service(service: Service) -> Service:
    """The service, once every setting a letter prints is known; else a ``ServiceError``
    naming the first one missing and how to set it."""
    for key in SERVICE_FIELDS.values():
        service.require(key)
    service.complement_days()
    return service


def letter_name(reference: str, kind: str, day: date) -> str:
    """The letter's file name: reference, kind and date, so that each version's letter and
    each day's draft keep their own file (« TLN-0007 accuse-reception 2026-12-02.docx »)."""
    return f"{reference} {kind} {day.isoformat()}.docx"


def write_letter(
    kind: str,
    outcome: Outcome,
    reception: Reception,
    call: Call,
    target: Path,
    *,
    service: Service,
    force: bool = False,
    today: date | None = None,
    pdf: bool = True,
    attention: bool = False,
    address: tuple[str, ...] = (),
) -> Letter:
    """Write the letter ``kind`` about a verified dossier at ``target`` (DOCX) and beside it
    as PDF when LibreOffice is installed; with ``attention``, the warnings are listed apart as
    "points d'attention"; ``address``, the instructor's, replaces the one the pieces print. A
    request for a complete dossier is refused, and so is a letter without a postal address."""
    if kind == REQUEST and outcome.status == COMPLETE:
        raise LetterError(
            f"le dossier « {outcome.item.name} » est complet : il n'y a aucune pièce à demander.",
            english=f'the dossier "{outcome.item.name}" is complete: there is no piece to ask for.',
        )
    if kind == REQUEST and outcome.report is None:
        raise LetterError(
            f"la vérification du dossier « {outcome.item.name} » n'a pas abouti : aucune pièce "
            "ne peut être demandée sur cette base. Vérifiez-le seul avec « dossierkit verify », "
            "puis écrivez la demande.",
            english=f'the check of the dossier "{outcome.item.name}" did not end: no piece can '
            'be asked for on that basis. Check it alone with "dossierkit verify", then write '
            "the request.",
        )
    day = today or date.today()
    warnings = requested_items(outcome, call, "warning") if attention else []
    # The acknowledgement lists the pieces of an incomplete dossier only (art. R112-5, 3°).
    pieces = (
        requested_items(outcome, call) if kind == REQUEST or outcome.status == INCOMPLETE else []
    )
    lists = {"liste_pieces": pieces, "points_attention": warnings}
    values = fields(outcome, reception, call, service, day, bool(warnings), len(pieces), address)
    data = render(kind, values, lists)
    pdf_target = target.with_suffix(".pdf")
    if not force and pdf and pdf_target.exists():
        raise LetterError(
            f"« {pdf_target} » existe déjà (utilisez --force pour le remplacer).",
            english=f'"{pdf_target}" already exists (use --force to replace it).',
        )
    write_atomic(target, data, force=force)
    letter = _with_pdf(target, data, force=force) if pdf else Letter(target, None)
    if letter.pdf is None and force:
        # The draft replaced had a PDF: left beside the new draft, it would be sent for it.
        pdf_target.unlink(missing_ok=True)
    return letter


def _with_pdf(target: Path, data: bytes, *, force: bool) -> Letter:
    """The letter ``target`` (its bytes ``data``) with its PDF beside it, converted by
    LibreOffice from a copy in a private scratch folder: LibreOffice leaves a lock file
    (« .~lock.TLN-0007 … .docx# ») and its temporaries beside the file it opens, which must
    never appear in the service's folder of letters, nor a letter opened in Word meanwhile be
    taken by them."""
    from dossierkit.external import ExternalError, soffice

    pdf_target = target.with_suffix(".pdf")
    if not soffice.available():
        # Said, never skipped silently: the service may be waiting for a PDF to sign.
        return Letter(target, None, no_pdf_warning(), no_pdf_warning_en())
    with scratch_dir("courrier") as tmp:
        copy = tmp / "source" / target.name
        copy.parent.mkdir()
        copy.write_bytes(data)
        try:
            made = soffice.convert(copy, "pdf", tmp / "pdf")
        except ExternalError as exc:
            # The program's own message is French only (``external``).
            return Letter(
                target,
                None,
                f"PDF non produit : {exc.message}",
                f"PDF not written: {exc.message}",
            )
        write_atomic(pdf_target, made.read_bytes(), force=force)
    return Letter(target, pdf_target)
