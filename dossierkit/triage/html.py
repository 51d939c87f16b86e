"""The triage as one HTML page an instructor opens offline and can send on.

One self-contained file: styles and script inline, no font, image, script or request from
elsewhere (a Content-Security-Policy forbids them, so the page cannot call out even if a
dossier's text tried to). The table sorts by any column and filters by status and by text;
each dossier has a section with its findings and links to its files, relative to where the
page is written so that the page and the inbox can be moved together. Every value from a
dossier is escaped.
"""

from __future__ import annotations

import os
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote

from dossierkit.triage.export import COLUMNS, SEVERITY, STATUS, all_findings, label
from dossierkit.triage.terminal import STRINGS as TERMINAL_STRINGS

STRINGS: dict[str, dict[str, Any]] = {
    "fr": {
        "title": "Tri des dossiers — {inbox}",
        "status": "Statut",
        "all": "tous",
        "search": "Rechercher",
        "shown": "dossier(s) affiché(s)",
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
        "shown": "dossier(s) shown",
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
table { border-collapse: collapse; width: 100%; font-size: 0.88rem; }
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
      if (visible) { shown += 1; }
    });
    count.textContent = String(shown);
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
    return quote(Path(relative).as_posix(), safe="/")


def _file_link(
    entry: dict[str, Any], rel: str, inbox: Path, page_dir: Path, words: dict[str, Any]
) -> str:
    source = inbox / entry["dossier"]
    if entry["source_kind"] == "zip":
        return (
            f"{escape(rel)} ({words['in_archive']} "
            f'<a href="{escape(_href(source, page_dir))}">{escape(entry["dossier"])}</a>)'
        )
    return f'<a href="{escape(_href(source / rel, page_dir))}">{escape(rel)}</a>'


def _row(index: int, entry: dict[str, Any], lang: str) -> str:
    """A row of the table; each cell's ``data-sort`` is its raw value (a number for the
    numeric columns), so that sorting does not depend on how the value is displayed."""
    cells = []
    for column in COLUMNS:
        value = entry.get(column.key)
        shown = escape(label(column, entry, lang)) if value is not None else ""
        sort = "" if value is None else str(value)
        css = ""
        if column.key == "dossier":
            shown = f'<a href="#dossier-{index}">{shown}</a>'
        elif column.key == "status":
            sort, css = label(column, entry, lang), ' class="status"'
        elif column.type in ("int", "money"):
            css = ' class="number"'
        cells.append(f'<td{css} data-sort="{escape(sort)}">{shown}</td>')
    return f'<tr data-status="{escape(entry["status"])}">{"".join(cells)}</tr>'


def _section(index: int, entry: dict[str, Any], inbox: Path, page_dir: Path, lang: str) -> str:
    words = STRINGS[lang]
    facts = "".join(
        f"<dt>{escape(c.heading(lang))}</dt><dd>{escape(label(c, entry, lang))}</dd>"
        for c in COLUMNS
        if c.key != "dossier"
    )
    findings = []
    for f in all_findings(entry):
        where = (
            f" — {_file_link(entry, f['file'], inbox, page_dir, words)}" if f.get("file") else ""
        )
        page = f", p. {f['page']}" if f.get("page") else ""
        findings.append(
            f'<li class="{escape(f["severity"])}"><span class="severity">'
            f"{escape(SEVERITY[lang][f['severity']])}</span> "
            f'<span class="code">{escape(f["code"])}</span> {escape(f["message"])}{where}{page}</li>'
        )
    report = entry.get("report")
    files = [f for f in (report["files"] if report else []) if f.get("role") != "ignored"]
    # The piece each file was taken for, in the report's words ("RIB", "Budget prévisionnel").
    labels = (
        {p["kind"]: p["label"] for p in (report["pieces"] + report["annexes"])} if report else {}
    )
    file_items = "".join(
        f"<li>{_file_link(entry, f['path'], inbox, page_dir, words)}"
        + (f" — {escape(labels.get(f['kind'], f['kind']))}" if f.get("kind") else "")
        + "</li>"
        for f in files
    )
    if not files and entry["source_kind"] == "zip":
        source = _href(inbox / entry["dossier"], page_dir)
        file_items = f'<li><a href="{escape(source)}">{escape(words["open_archive"])}</a></li>'
    status = STATUS[lang][entry["status"]]
    return (
        f'<section class="dossier" id="dossier-{index}" data-status="{escape(entry["status"])}">'
        f"<h2>{escape(entry['dossier'])} — {escape(status)}</h2><dl>{facts}</dl>"
        f"<h3>{words['findings']}</h3>"
        + (f"<ul>{''.join(findings)}</ul>" if findings else f"<p>{words['no_findings']}</p>")
        + f"<h3>{words['files']}</h3>"
        + (f"<ul>{file_items}</ul>" if file_items else f"<p>{words['no_files']}</p>")
        + f'<p><a href="#table">{words["back"]}</a></p></section>'
    )


def triage_html(data: dict[str, Any], inbox: Path, page: Path) -> bytes:
    """The page for ``data`` (``triage_data``), with links from ``page`` to the files of
    ``inbox``."""
    lang = data["lang"]
    words = STRINGS[lang]
    page_dir = page.resolve().parent
    inbox = inbox.resolve()
    title = words["title"].format(inbox=data["inbox"])
    summary = TERMINAL_STRINGS[lang]["summary"].format(**data["summary"])
    headings = "".join(
        f'<th scope="col" data-type="{"number" if c.type in ("int", "money") else "text"}">'
        f'<button type="button" title="{escape(words["sort"])} {escape(c.heading(lang))}">'
        f"{escape(c.heading(lang))}</button></th>"
        for c in COLUMNS
    )
    rows = "".join(_row(i, e, lang) for i, e in enumerate(data["dossiers"], start=1))
    sections = "".join(
        _section(i, e, inbox, page_dir, lang) for i, e in enumerate(data["dossiers"], start=1)
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
<span><span id="count">{len(data["dossiers"])}</span> {words["shown"]}</span>
</div>
<div class="scroll"><table id="dossiers"><thead><tr>{headings}</tr></thead><tbody>{rows}</tbody></table></div>
</section>
{sections}
</main>
<footer><p>{escape(made_by)}</p></footer>
<script>{_SCRIPT}</script>
</body>
</html>
"""
    return html.encode("utf-8")
