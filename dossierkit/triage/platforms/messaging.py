"""The request for complements as plain text, to paste into the platform's messaging.

On a platform the applicant is answered where they applied: the platform acknowledges the
deposit itself, and a request for missing pieces goes through its messaging, which takes
plain text (no letterhead, no layout). The text names each missing piece, the date by which
to send it, and what article L114-5 of the code des relations entre le public et
l'administration says of the delay meanwhile.
"""

from __future__ import annotations

from datetime import date

from dossierkit.dates import long_date
from dossierkit.text import french_spacing

_TEXT = {
    "fr": {
        "hello": "Bonjour,",
        "incomplete": "Votre demande{ref} au titre de l'appel à projets « {call} » est incomplète. "
        "Pour que nous puissions l'instruire, merci de nous transmettre par cette messagerie {what} :",
        "one": "la pièce suivante",
        "many": "les pièces suivantes",
        "ref": " (dossier n° {reference})",
        "deadline": "Merci de nous les faire parvenir au plus tard le {day}.",
        "deadline_one": "Merci de nous la faire parvenir au plus tard le {day}.",
        "law": "Conformément à l'article L114-5 du code des relations entre le public et "
        "l'administration, le délai au terme duquel le silence gardé sur votre demande vaut "
        "rejet est suspendu pendant ce délai ; la réception des éléments demandés avant son "
        "terme met fin à cette suspension.",
        "bye": "Cordialement,",
    },
    "en": {
        "hello": "Hello,",
        "incomplete": "Your application{ref} to the call for projects “{call}” is incomplete. "
        "So that we can examine it, please send us through this messaging {what}:",
        "one": "the following document",
        "many": "the following documents",
        "ref": " (file no. {reference})",
        "deadline": "Please send them no later than {day}.",
        "deadline_one": "Please send it no later than {day}.",
        "law": "Under article L114-5 of the code des relations entre le public et "
        "l'administration, the time after which silence on your application means rejection "
        "is suspended meanwhile; receiving the documents before that date ends the suspension.",
        "bye": "Kind regards,",
    },
}


def complement_request(
    missing: list[str],
    *,
    call: str,
    reference: str | None = None,
    deadline: date | None = None,
    signature: str = "",
    lang: str = "fr",
) -> str:
    """The message asking for the ``missing`` pieces (their labels, as the call names them),
    ready to paste: plain text, one piece per line, French typography in French."""
    if not missing:
        raise ValueError("a request for complements names at least one missing piece")
    t = _TEXT[lang]
    ref = t["ref"].format(reference=reference) if reference else ""
    items = [f"- {label}{' ;' if i < len(missing) - 1 else '.'}" for i, label in enumerate(missing)]
    if lang == "en":
        items = [
            f"- {label}{';' if i < len(missing) - 1 else '.'}" for i, label in enumerate(missing)
        ]
    lines = [
        t["hello"],
        "",
        t["incomplete"].format(ref=ref, call=call, what=t["one" if len(missing) == 1 else "many"]),
        *items,
        "",
    ]
    if deadline is not None:
        key = "deadline_one" if len(missing) == 1 else "deadline"
        day = long_date(deadline, lang)
        lines += [t[key].format(day=day), t["law"], ""]
    lines.append(t["bye"])
    if signature:
        lines.append(signature)
    text = "\n".join(lines) + "\n"
    return french_spacing(text) if lang == "fr" else text
