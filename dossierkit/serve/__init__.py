"""``dossierkit serve``: the self-check as a web page, for applicants who never open a terminal.

An applicant drops their dossier (a folder, files, or a zip) on the page and gets the same
checklist as ``dossierkit verify`` and the same PDF as ``dossierkit assemble``; nothing is
kept once the answer is sent. The modules, in the order a request meets them:

- ``app``: the routes, the bound on checks at once, the private folder of each upload;
- ``upload`` and ``paths``: the upload streamed to disk, limits and paths checked as it comes;
- ``job``: verify (and assemble) in a fresh process, within a time limit;
- ``view``, ``texts`` and ``templates/``: the report's data shown as a checklist;
- ``headers``: the security headers of every answer.
"""

from __future__ import annotations

from dossierkit.serve.app import create_app
from dossierkit.serve.settings import Settings

__all__ = ["Settings", "create_app"]
