"""What every check has: a stable code, a name, French and English messages, a docstring.

A check reads the Dossier model and yields findings; it never opens a file. Its docstring
says why the call demands what it checks and how the applicant fixes it: ``dossierkit
checks`` and the README list them from the registry.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from dossierkit.call import Call
from dossierkit.dossier import Dossier
from dossierkit.findings import Finding, Severity
from dossierkit.reading.model import LOW_CONFIDENCE
from dossierkit.text import english_value

# Said after the message of a finding that rests on a figure OCR may have misread.
_DOUBT = {
    "fr": " Lecture incertaine : le document est numérisé et ce qui en a été lu par reconnaissance de caractères (confiance {doubt_confidence} %) peut être erroné ; vérifiez la page {doubt_page} avant de corriger.",
    "en": " Uncertain reading: the document is scanned and what text recognition read from it ({doubt_confidence}% confidence) may be wrong; check page {doubt_page} before correcting.",
}


def doubt(*readings: tuple[float | None, int | None]) -> tuple[float, int | None] | None:
    """The least sure of (OCR confidence, page) ``readings`` when it is below
    ``LOW_CONFIDENCE``, else None: a figure read exactly (confidence None) or surely is not
    in doubt."""
    low = [(c, page) for c, page in readings if c is not None and c < LOW_CONFIDENCE]
    return min(low, key=lambda r: r[0]) if low else None


class Check:
    """Base of all checks; subclasses set the class attributes and implement ``run``."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    message: ClassVar[dict[str, str]]

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        """Yield the findings of this check on ``dossier``."""
        raise NotImplementedError

    def finding(
        self,
        *,
        piece: str | None = None,
        file: str | None = None,
        page: int | None = None,
        severity: Severity | None = None,
        evidence: str = "",
        doubtful: tuple[float, int | None] | None = None,
        **params: str,
    ) -> Finding:
        """A finding of this check; ``params`` fill the message templates.

        ``doubtful`` is (confidence, page) when the finding rests on a figure OCR may have
        misread (see ``doubt``): an error then becomes a warning that asks a person to look at
        the page, since the figure, not the dossier, may be wrong.
        """
        if doubtful is not None:
            confidence, doubt_page = doubtful
            params = {
                **params,
                "doubt_confidence": f"{confidence:.0f}",
                "doubt_page": str(doubt_page or page or 1),
            }
            if (severity or self.severity) is Severity.ERROR:
                severity = Severity.WARNING
        return Finding(
            code=self.code,
            severity=severity or self.severity,
            piece=piece,
            file=file,
            page=page,
            params=params,
            evidence=evidence,
        )

    @classmethod
    def render(cls, finding: Finding, lang: str, call: Call) -> str:
        """The finding's message in ``lang`` (French when the language is unknown).

        Templates may use ``{label}`` and ``{help}``, the name of the finding's piece and what
        to provide, taken from the call in the right language. A parameter ``x_en`` is the
        English wording of ``x``. In English, each parameter is then made English by
        ``text.english_value``: its guillemets made quotes (« « a.pdf », « b.pdf » » →
        ``"a.pdf", "b.pdf"``, a sentence quoted from a document), an amount the English way
        (« 45 000 € » → ``€45,000``).
        """
        params = dict(finding.params)
        if lang == "en":
            params = {k: english_value(params.get(f"{k}_en", v)) for k, v in params.items()}
        if finding.piece is not None:
            spec = call.spec(finding.piece)
            params.setdefault("label", spec.label.get(lang, spec.label["fr"]))
            params.setdefault("help", spec.help.get(lang, spec.help["fr"]))
        template = cls.message.get(lang) or cls.message["fr"]
        if "doubt_page" in params:
            template += _DOUBT.get(lang, _DOUBT["fr"])
        return template.format(**params)
