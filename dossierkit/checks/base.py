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
        **params: str,
    ) -> Finding:
        """A finding of this check; ``params`` fill the message templates."""
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
        English wording of ``x``.
        """
        params = dict(finding.params)
        if lang == "en":
            params = {k: params.get(f"{k}_en", v) for k, v in params.items()}
        if finding.piece is not None:
            spec = call.spec(finding.piece)
            params.setdefault("label", spec.label.get(lang, spec.label["fr"]))
            params.setdefault("help", spec.help.get(lang, spec.help["fr"]))
        template = cls.message.get(lang) or cls.message["fr"]
        return template.format(**params)
