"""The triage as one HTML page an instructor opens offline and can send on.

One self-contained file: styles and script inline, no font, image, script or request from
elsewhere (a Content-Security-Policy forbids them, so the page cannot call out even if a
dossier's text tried to). The table has one row per application, in order of reception, with
why it is not complete; it sorts by any column, and the filters (status, text) hide the rows
and their sections alike. Each application has a section: its pieces checked off, its aid
year by year against the ceilings, its current version's findings and links to its files,
relative to where the page is written so that the page and the inbox can be moved together.
Sendings that could not be read are listed apart. Every value from a dossier is escaped.
"""

from __future__ import annotations

import os
import re
from decimal import Decimal
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote

from dossierkit.discovery import raw_name, shown_name
from dossierkit.text import counted, french_spacing
from dossierkit.triage.export import APPLICATION_COLUMNS, SEVERITY, STATUS, all_findings, label
from dossierkit.triage.terminal import sending_counts

STRINGS: dict[str, dict[str, Any]] = {
    "fr": {
        "title": "Tri des dossiers — {inbox}",
        "status": "Statut",
        "all": "tous",
        "search": "Rechercher",
        "shown": "demande affichée|demandes affichées",
        "pieces": "Pièces",
        "aid": "Aide",
        "year": "Année",
        "years": "années",
        "and": "et",
        "requested": "Demandé",
        "ceiling": "Plafond",
        "equipment": "Équipement",
        "total": "Total",
        "no_aid": "Aucun budget lu : l'aide n'a pas pu être calculée.",
        "versions": "Envois reçus",
        "incidents": "Envois illisibles (sans référence)",
        "pending": "Compléments à rattacher",
        "piece_status": {
            "ok": "présente",
            "missing": "manquante",
            "invalid": "illisible",
            "empty": "sans contenu",
        },
        "findings": "Constats",
        "no_findings": "Aucun constat.",
        "files": "Fichiers",
        "no_files": "Aucun fichier lu.",
        "in_archive": "dans l'archive",
        "back": "Retour au tableau",
        "open_archive": "Ouvrir l'archive",
        "made_by": "Produit par dossierkit {version} — appel {call} (version {call_version}).",
        "sort": "Trier par",
    },
    "en": {
        "title": "Dossier triage — {inbox}",
        "status": "Status",
        "all": "all",
        "search": "Search",
        "shown": "application shown|applications shown",
        "pieces": "Pieces",
        "aid": "Aid",
        "year": "Year",
        "years": "years",
        "and": "and",
        "requested": "Requested",
        "ceiling": "Ceiling",
        "equipment": "Equipment",
        "total": "Total",
        "no_aid": "No budget read: the aid could not be computed.",
        "versions": "Sendings received",
        "incidents": "Unreadable sendings (no reference)",
        "pending": "Complements to attach",
        "piece_status": {
            "ok": "present",
            "missing": "missing",
            "invalid": "unreadable",
            "empty": "empty",
        },
        "findings": "Findings",
        "no_findings": "No findings.",
        "files": "Files",
        "no_files": "No file read.",
        "in_archive": "in the archive",
        "back": "Back to the table",
        "open_archive": "Open the archive",
        "made_by": "Made by dossierkit {version} — call {call} (version {call_version}).",
        "sort": "Sort by",
    },
}
_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
    "img-src data:; form-action 'none'; base-uri 'none'"
)
_CSS = """
body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #1b1b1b; line-height: 1.4; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 2rem; }
.filters { display: flex; gap: 1.5rem; align-items: center; margin: 1rem 0; flex-wrap: wrap; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 0.85rem; }
td.why { min-width: 16rem; max-width: 28rem; }
.columns { display: flex; gap: 2rem; flex-wrap: wrap; align-items: flex-start; }
.columns > * { flex: 1 1 22rem; }
ul.checklist { list-style: none; padding-left: 0; }
li.piece-ok .mark { color: #176317; font-weight: bold; }
li.piece-missing .mark, li.piece-invalid .mark, li.piece-empty .mark { color: #b00020; font-weight: bold; }
table.aid { width: auto; } table.aid tr.total { font-weight: bold; }
th, td { border-bottom: 1px solid #ccc; padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
td.number { text-align: right; white-space: nowrap; }
th button { font: inherit; font-weight: bold; background: none; border: 0; padding: 0; cursor: pointer; }
th[aria-sort="ascending"] button::after { content: " ▲"; }
th[aria-sort="descending"] button::after { content: " ▼"; }
tr[data-status="complete"] .status { color: #176317; }
tr[data-status="incomplete"] .status { color: #8a4b00; }
tr[data-status="failed"] .status { color: #b00020; font-weight: bold; }
section.dossier { border-top: 2px solid #ddd; margin-top: 1.5rem; }
section.dossier:target { background: #fff8d6; }
dl { display: grid; grid-template-columns: max-content auto; gap: 0.2rem 1rem; }
dt { font-weight: bold; }
li.error .severity { color: #b00020; font-weight: bold; }
li.warning .severity { color: #8a4b00; font-weight: bold; }
.code { font-family: monospace; }
"""
_SCRIPT = """
(function () {
  var table = document.getElementById("dossiers");
  var body = table.tBodies[0];
  var status = document.getElementById("filter-status");
  var search = document.getElementById("filter-text");
  var count = document.getElementById("count");
  var said = document.getElementById("count-said");
  function key(row, index, numeric) {
    var value = row.cells[index].getAttribute("data-sort");
    if (numeric) { return value === "" ? null : parseFloat(value); }
    return value.toLocaleLowerCase();
  }
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
    th.querySelector("button").addEventListener("click", function () {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      var numeric = th.getAttribute("data-type") === "number";
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) {
        other.removeAttribute("aria-sort");
      });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = key(a, index, numeric), y = key(b, index, numeric);
        if (x === y) { return 0; }
        if (x === null) { return 1; }
        if (y === null) { return -1; }
        var order = numeric ? x - y : x.localeCompare(y, undefined, {numeric: true});
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
  function filter() {
    var wanted = status.value;
    var text = search.value.toLocaleLowerCase();
    var shown = 0;
    Array.prototype.forEach.call(body.rows, function (row) {
      var visible = (!wanted || row.getAttribute("data-status") === wanted) &&
        (!text || row.textContent.toLocaleLowerCase().indexOf(text) !== -1);
      row.hidden = !visible;
      var section = document.getElementById(row.getAttribute("data-section"));
      if (section) { section.hidden = !visible; }
      if (visible) { shown += 1; }
    });
    count.textContent = String(shown);
    // « 1 demande affichée », « 3 demandes affichées »: the forms of text.counted.
    var forms = said.parentNode.getAttribute("data-forms").split("|");
    var fr = said.parentNode.getAttribute("data-lang") === "fr";
    said.textContent = (fr ? shown < 2 : shown === 1) ? forms[0] : forms[1];
  }
  status.addEventListener("change", filter);
  search.addEventListener("input", filter);
  filter();
})();
"""


def _href(target: Path, page_dir: Path) -> str:
    """A link from the page to ``target``: relative, so that both can move together."""
    try:
        relative = os.path.relpath(target, page_dir)
    except ValueError:  # another drive (Windows): only an absolute link can reach it
        return target.resolve().as_uri()
    # A name that is not UTF-8 keeps its bytes (surrogate escapes) in the link.
    return quote(os.fsencode(Path(relative).as_posix()), safe="/")


def _file_link(
    entry: dict[str, Any], rel: str, inbox: Path, page_dir: Path, words: dict[str, Any]
) -> str:
    if entry.get("platform_reference"):
        # Read from a platform's export: the file is in its zip, under the platform's name.
        return escape(rel)
    source = inbox / entry["dossier"]
    if entry["source_kind"] == "zip":
        return (
            f"{escape(rel)} ({words['in_archive']} "
            f'<a href="{escape(_href(source, page_dir))}">{escape(shown_name(entry["dossier"]))}</a>)'
        )
    # The report shows names escaped (``shown_name``); the link goes to the file's own name.
    target = source / raw_name(rel)
    return f'<a href="{escape(_href(target, page_dir))}">{escape(rel)}</a>'


# The table's columns: what an instructor scans first, narrow enough for a 1366 px screen.
TABLE_KEYS = (
    "reference",
    "received_at",
    "structure",
    "intercommunalite",
    "form",
    "status",
    "errors",
    "warnings",
    "total_requested",
    "reasons",
)
TABLE_COLUMNS = tuple(next(c for c in APPLICATION_COLUMNS if c.key == key) for key in TABLE_KEYS)
_FACTS = (
    "platform_reference",
    "received_at",
    "acknowledged_on",
    "complete_on",
    "structure_kind",
    "siret",
    "legal_representative",
    "signatory",
    "intercommunalite",
    "intercommunalite_siren",
    "form",
    "start_date",
    "iban",
    "missing",
    "to_fix",
    "same_epci",
    "same_iban",
    "same_file",
)


def _row(index: int, entry: dict[str, Any], lang: str) -> str:
    """A row of the table; each cell's ``data-sort`` is its raw value (a number for the
    numeric columns), so that sorting does not depend on how the value is displayed."""
    cells = []
    for column in TABLE_COLUMNS:
        value = entry.get(column.key)
        shown = escape(label(column, entry, lang)) if value is not None else ""
        sort = "" if value is None else str(value)
        css = ""
        if column.key == "reference":
            name = entry.get("reference") or shown_name(entry["current_version"])
            shown = f'<a href="#demande-{index}">{escape(name)}</a>'
            sort = name
        elif column.key == "status":
            sort, css = label(column, entry, lang), ' class="status"'
        elif column.type in ("int", "money"):
            css = ' class="number"'
        elif column.key == "reasons":
            css = ' class="why"'
        cells.append(f'<td{css} data-sort="{escape(sort)}">{shown}</td>')
    return (
        f'<tr data-status="{escape(entry["status"])}" data-section="demande-{index}">'
        f"{''.join(cells)}</tr>"
    )


def _checklist(entry: dict[str, Any], words: dict[str, Any]) -> str:
    items = "".join(
        f'<li class="piece-{escape(p["status"])}"><span class="mark">'
        f"{'✓' if p['status'] == 'ok' else '✗'}</span> {escape(p['label'])} — "
        f"{escape(words['piece_status'].get(p['status'], p['status']))}</li>"
        for p in entry["pieces"]
    )
    return f'<ul class="checklist">{items}</ul>' if items else ""


def _year_name(year: dict[str, Any], words: dict[str, Any]) -> str:
    """« Année 2 (2028) » for a year of the plan; a calendar year of a plan that does not
    start in January by its year and the plan's years it falls in: « 2028 (années 1 et 2) »."""
    plan = year["plan_years"]
    if not year["shared"]:
        return f"{words['year']} {plan[0]}" + (f" ({year['year']})" if year["year"] else "")
    if len(plan) == 1:
        return f"{year['year']} ({words['year'].lower()} {plan[0]})"
    listed = ", ".join(map(str, plan[:-1])) + f" {words['and']} {plan[-1]}"
    return f"{year['year']} ({words['years']} {listed})"


def _aid_table(entry: dict[str, Any], lang: str, words: dict[str, Any]) -> str:
    from dossierkit.aid import money as written

    def money(value: str | None) -> str:
        return "—" if value is None else escape(written(Decimal(value), lang))

    rows = []
    for year in entry.get("aid_years", []):
        rows.append(
            f'<tr><th scope="row">{escape(_year_name(year, words))}</th>'
            f'<td class="number">{money(year["requested"])}</td>'
            f'<td class="number">{money(year["maximum"])}</td></tr>'
        )
    if "equipment_maximum" in entry:
        rows.append(
            f'<tr><th scope="row">{words["equipment"]}</th>'
            f'<td class="number">{money(entry.get("equipment_requested"))}</td>'
            f'<td class="number">{money(entry.get("equipment_maximum"))}</td></tr>'
        )
    if not rows:
        return f"<p>{words['no_aid']}</p>"
    rows.append(
        f'<tr class="total"><th scope="row">{words["total"]}</th>'
        f'<td class="number">{money(entry.get("total_requested"))}</td>'
        f'<td class="number">{money(entry.get("total_maximum"))}</td></tr>'
    )
    return (
        f'<table class="aid"><thead><tr><th scope="col">{words["year"]}</th>'
        f'<th scope="col">{words["requested"]}</th><th scope="col">{words["ceiling"]}</th>'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _findings(dossier: dict[str, Any], inbox: Path, page_dir: Path, lang: str) -> str:
    words = STRINGS[lang]
    items = []
    for f in all_findings(dossier):
        where = (
            f" — {_file_link(dossier, f['file'], inbox, page_dir, words)}" if f.get("file") else ""
        )
        page = f", p. {f['page']}" if f.get("page") else ""
        items.append(
            f'<li class="{escape(f["severity"])}"><span class="severity">'
            f"{escape(SEVERITY[lang][f['severity']])}</span> "
            f'<span class="code">{escape(f["code"])}</span> {escape(f["message"])}{where}{page}</li>'
        )
    return f"<ul>{''.join(items)}</ul>" if items else f"<p>{words['no_findings']}</p>"


def _files(dossier: dict[str, Any], inbox: Path, page_dir: Path, lang: str) -> str:
    words = STRINGS[lang]
    report = dossier.get("report")
    files = [f for f in (report["files"] if report else []) if f.get("role") != "ignored"]
    # The piece each file was taken for, in the report's words ("RIB", "Budget prévisionnel").
    labels = (
        {p["kind"]: p["label"] for p in (report["pieces"] + report["annexes"])} if report else {}
    )
    items = "".join(
        f"<li>{_file_link(dossier, f['path'], inbox, page_dir, words)}"
        + (f" — {escape(labels.get(f['kind'], f['kind']))}" if f.get("kind") else "")
        + "</li>"
        for f in files
    )
    if not files and dossier["source_kind"] == "zip":
        source = _href(inbox / dossier["dossier"], page_dir)
        items = f'<li><a href="{escape(source)}">{escape(words["open_archive"])}</a></li>'
    return f"<ul>{items}</ul>" if items else f"<p>{words['no_files']}</p>"


def _section(
    index: int,
    entry: dict[str, Any],
    dossiers: dict[str, dict[str, Any]],
    inbox: Path,
    page_dir: Path,
    lang: str,
) -> str:
    words = STRINGS[lang]
    columns = {c.key: c for c in APPLICATION_COLUMNS}
    facts = "".join(
        f"<dt>{escape(columns[key].heading(lang))}</dt>"
        f"<dd>{escape(label(columns[key], entry, lang))}</dd>"
        for key in _FACTS
        if entry.get(key) is not None
    )
    # Sending names as the file system gave them: shown escaped, as every report shows them.
    versions = ", ".join(map(shown_name, entry["dossiers"]))
    facts += f"<dt>{words['versions']}</dt><dd>{escape(versions)}</dd>"
    current = dossiers[entry["current_version"]]
    status = STATUS[lang][entry["status"]]
    title = " — ".join(
        x
        for x in (
            entry.get("reference"),
            entry.get("structure") or shown_name(entry["current_version"]),
        )
        if x
    )
    return (
        f'<section class="dossier" id="demande-{index}" data-status="{escape(entry["status"])}">'
        f"<h2>{escape(title)} — {escape(status)}</h2>"
        f'<div class="columns"><dl>{facts}</dl><div>'
        f"<h3>{words['pieces']}</h3>{_checklist(entry, words)}"
        f"<h3>{words['aid']}</h3>{_aid_table(entry, lang, words)}</div></div>"
        f"<h3>{words['findings']} ({escape(shown_name(entry['current_version']))})</h3>"
        + _findings(current, inbox, page_dir, lang)
        + f"<h3>{words['files']}</h3>"
        + _files(current, inbox, page_dir, lang)
        + f'<p><a href="#table">{words["back"]}</a></p></section>'
    )


def _apart(data: dict[str, Any], lang: str) -> str:
    """The sendings that are no application: unreadable ones, complements to attach."""
    words = STRINGS[lang]
    date = next(c for c in APPLICATION_COLUMNS if c.key == "received_at")
    parts = []
    if data["incidents"]:
        items = "".join(
            f"<li>{escape(i['dossier'])} ({escape(label(date, i, lang))}) : "
            f"{escape(i['reason'])}</li>"
            for i in data["incidents"]
        )
        parts.append(
            f'<section id="incidents"><h2>{words["incidents"]}</h2><ul>{items}</ul></section>'
        )
    if data["pending"]:
        items = "".join(
            f"<li>{escape(w['dossier'])} ({escape(label(date, w, lang))}) : "
            f"{escape(', '.join(w['pieces']))}</li>"
            for w in data["pending"]
        )
        parts.append(f'<section id="pending"><h2>{words["pending"]}</h2><ul>{items}</ul></section>')
    return "".join(parts)


def triage_html(data: dict[str, Any], inbox: Path, page: Path) -> bytes:
    """The page for ``data`` (``triage_data``), with links from ``page`` to the files of
    ``inbox``."""
    lang = data["lang"]
    words = STRINGS[lang]
    page_dir = page.resolve().parent
    inbox = inbox.resolve()
    title = words["title"].format(inbox=data["inbox"])
    summary = sending_counts(data["summary"], lang)
    headings = "".join(
        f'<th scope="col" data-type="{"number" if c.type in ("int", "money") else "text"}">'
        f'<button type="button" title="{escape(words["sort"])} {escape(c.heading(lang))}">'
        f"{escape(c.heading(lang))}</button></th>"
        for c in TABLE_COLUMNS
    )
    applications = data["applications"]
    dossiers = {d["dossier"]: d for d in data["dossiers"]}
    rows = "".join(_row(i, e, lang) for i, e in enumerate(applications, start=1))
    sections = "".join(
        _section(i, e, dossiers, inbox, page_dir, lang) for i, e in enumerate(applications, start=1)
    )
    options = "".join(
        f'<option value="{key}">{escape(text)}</option>' for key, text in STATUS[lang].items()
    )
    made_by = words["made_by"].format(
        version=data["tool"]["version"],
        call=data["call"]["id"],
        call_version=data["call"]["version"],
    )
    html = f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<style>{_CSS}</style>
</head>
<body>
<header><h1>{escape(title)}</h1><p id="summary">{escape(summary)}</p></header>
<main>
<section id="table">
<div class="filters">
<label>{words["status"]} <select id="filter-status"><option value="">{words["all"]}</option>{options}</select></label>
<label>{words["search"]} <input id="filter-text" type="search"></label>
<span data-forms="{words["shown"]}" data-lang="{lang}"><span id="count">{len(applications)}</span> <span id="count-said">{counted(len(applications), words["shown"], lang)}</span></span>
</div>
<div class="scroll"><table id="dossiers"><thead><tr>{headings}</tr></thead><tbody>{rows}</tbody></table></div>
</section>
{_apart(data, lang)}
{sections}
</main>
<footer><p>{escape(made_by)}</p></footer>
<script>{_SCRIPT}</script>
</body>
</html>
"""
    return (_typeset(html) if lang == "fr" else html).encode("utf-8")


# The text between two tags: where French typography binds its spaces.
_TEXT = re.compile(r">([^<]+)<")
_TITLE = re.compile(r"<title>([^<]*)</title>")


def _typeset(page: str) -> str:
    """``page`` with French typography's no-break spaces in its text (``text.french_spacing``:
    before « : » and « ; », inside guillemets), so that no line of a cell or a finding starts
    with a colon at 1366 px; never in the tags' attributes, nor in the style and script."""
    head, _, rest = page.partition("<body>")
    body, script, tail = rest.partition("<script>")
    head = _TITLE.sub(lambda m: f"<title>{french_spacing(m.group(1))}</title>", head)
    body = _TEXT.sub(lambda m: f">{french_spacing(m.group(1))}<", body)
    return f"{head}<body>{body}{script}{tail}"
