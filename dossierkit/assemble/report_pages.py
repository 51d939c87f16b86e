"""The verification report as the last section of the assembled PDF (``--report``).

An instructor who receives the PDF sees what dossierkit checked without running it: the
pieces and their status, the aid ceilings with their arithmetic, and every finding with
its message. It is drawn from the JSON report (``report_data``), with the terminal
reporter's words, so that the three forms of the report say the same thing.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dossierkit.assemble.typeset import MARGIN, build_pdf, markup, styles

if TYPE_CHECKING:
    from reportlab.platypus import Flowable


def _grid(rows: list[list[str]], widths: list[float]) -> Flowable:
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table

    cell = styles()["cell"]
    table = Table(
        [[Paragraph(markup(value), cell) for value in row] for row in rows],
        colWidths=widths,
        hAlign="LEFT",
    )
    table.setStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.Color(0.8, 0.8, 0.8)),
            ("LEFTPADDING", (0, 0), (0, -1), 0),
        ]
    )
    return table


def _files(files: list[dict[str, Any]], words: dict[str, Any]) -> str:
    return "\n".join(
        f["path"]
        + (f" ({words['pages'].format(n=f['pages'])})" if f["pages"] else "")
        + ("" if f["used"] else f" — {words['unused']}")
        for f in files
    )


def render(report: dict[str, Any], heading: list[str], title: str, target: Path) -> Path:
    """Draw ``report`` (as made by ``report_data``) under ``title``, after the ``heading``
    lines (call, structure, intercommunalité), into the PDF ``target``."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, Spacer

    from dossierkit.aid import money
    from dossierkit.report.aid import TOTAL
    from dossierkit.report.terminal import STRINGS, typeset

    # French typography as in the terminal's report (its no-break spaces bound where the
    # text is set); the file names stay as the applicant wrote them.
    french = report["lang"] == "fr"
    bind = typeset if french else (lambda text: text)
    words = bind(STRINGS[report["lang"]])
    st = styles()
    width = A4[0] - 2 * MARGIN
    story: list[Flowable] = [Paragraph(markup(title), st["h1"])]
    story += [Paragraph(markup(bind(line)), st["body"]) for line in heading]
    story.append(Paragraph(markup(words["pieces"]), st["h2"]))
    rows = [[words[p["status"]], p["label"], _files(p["files"], words)] for p in report["pieces"]]
    rows += [[words["annex"], a["label"], _files(a["files"], words)] for a in report["annexes"]]
    story.append(_grid(rows, [70, 150, width - 220]))
    aid = report.get("aid")
    if aid:
        story.append(Paragraph(markup(words["aid"]), st["h2"]))
        lines = [y["explanation"] for y in aid["animation"]]
        lines += [aid["equipment"]["explanation"]] if aid["equipment"] else []
        lines.append(
            TOTAL[report["lang"]].format(total=money(Decimal(aid["total_maximum"]), report["lang"]))
        )
        story += [Paragraph(markup(bind(line)), st["body"]) for line in lines]
    story.append(Paragraph(markup(words["findings"]), st["h2"]))
    findings = [
        [
            words[f["severity"]],
            f["code"],
            bind(f["message"])
            + (f" (p. {f['page']})" if f["page"] and f"p. {f['page']}" not in f["message"] else ""),
        ]
        for f in report["findings"]
    ]
    if findings:
        story.append(_grid(findings, [60, 40, width - 100]))
    else:
        story.append(Paragraph(markup(words["none"]), st["body"]))
    story.append(Spacer(1, 6))
    return build_pdf(target, story, title=title)
