"""The web application: the upload page, the check, the assembled PDF.

Three routes and the page's two static files. ``POST /verifier`` and ``POST /assembler``
take the same upload (the form's files, its language, the draft box) into a private folder
(``tempfile.mkdtemp``: mode 0700, a new name each time), run the work in a fresh process
(``job``), and delete the folder before the answer leaves, whatever happened. Nothing is
kept between requests: the page's script keeps the files the applicant chose, in the
browser, and sends them again for the PDF.

At most ``Settings.checks_at_once`` checks run together; up to ``waiting`` more uploads wait
for their turn, and beyond that a newcomer is answered at once (503) and told to come back.
Every answer carries the security headers (``headers.SecurityHeaders``), and an unexpected
error is a page without a traceback, in the page's language: the one its address or form
names, else the service's (``Settings.lang``, French unless ``serve --lang en``).
"""

from __future__ import annotations

import asyncio
import logging
import shutil
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

import anyio.to_thread
import jinja2
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from dossierkit import __version__
from dossierkit.call import load_call
from dossierkit.limits import MB
from dossierkit.serve import job
from dossierkit.serve.headers import SecurityHeaders
from dossierkit.serve.settings import Settings
from dossierkit.serve.texts import lang_of, page_text, refusal, report_text, typeset
from dossierkit.serve.upload import Refused, Upload, receive
from dossierkit.serve.view import checklist

HERE = Path(__file__).parent
OUTPUT = "pdf"  # beside the received dossier, never inside it
TEMP = "tmp"  # the check's temporary folder, removed with the upload's
log = logging.getLogger("dossierkit.serve")


class Gate:
    """How many uploads are in progress, and the turns of the checks."""

    def __init__(self, settings: Settings) -> None:
        self.limit = settings.admitted
        self.in_progress = 0
        self.turns = asyncio.Semaphore(settings.checks_at_once)

    def enter(self) -> bool:
        """Admit one more upload, unless the service is full."""
        if self.in_progress >= self.limit:
            return False
        self.in_progress += 1
        return True

    def leave(self) -> None:
        self.in_progress -= 1

    @asynccontextmanager
    async def turn(self) -> AsyncIterator[None]:
        """Wait for a check's turn."""
        async with self.turns:
            yield


class Service:
    """The routes' shared state: settings, call, templates, the gate."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.call = load_call(settings.call_file)  # a bad --call fails before serving
        self.gate = Gate(settings)
        self.templates = jinja2.Environment(
            loader=jinja2.FileSystemLoader(HERE / "templates"),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )

    def render(
        self, name: str, lang: str, status: int = 200, fragment: bool = False, **values: Any
    ) -> HTMLResponse:
        """The template ``name`` as a whole page, or only its content for the page's script."""
        limits = self.settings.limits

        def t(key: str, **params: Any) -> str:
            return page_text(lang, key, **params)

        def r(key: str, **params: Any) -> str:
            return report_text(lang, key, **params)

        html = self.templates.get_template(name).render(
            t=t,
            r=r,
            lang=lang,
            fragment=fragment,
            version=__version__,
            call_title=self.call.title[lang],
            max_upload_bytes=self.settings.max_upload_bytes,
            too_large=refusal("too_large", lang, limit=str(self.settings.max_upload_bytes // MB))[
                1
            ],
            limits_text=t(
                "limits",
                files=self.settings.max_files,
                total=self.settings.max_upload_bytes // MB,
                file=limits.max_file_bytes // MB,
            ),
            **values,
        )
        return HTMLResponse(html, status_code=status)

    def refused(
        self, lang: str, fragment: bool, key: str, heading: str = "refused", **params: str
    ) -> HTMLResponse:
        status, message = refusal(key, lang, **params)
        response = self.render(
            "refused.html", lang, status, fragment, message=message, heading=heading
        )
        if status == 503:
            response.headers["Retry-After"] = "60"
        return response

    def lang(self, request: Request) -> str:
        """The language the address asks for (``?lang=en``), else the service's."""
        return lang_of(request.query_params.get("lang"), self.settings.lang)

    async def index(self, request: Request) -> Response:
        return self.render("index.html", self.lang(request))

    async def home(self, request: Request) -> Response:
        """``GET /verifier``: an address kept from a result (a bookmark, a page reloaded
        after the form was posted without script) leads back to the form."""
        lang = self.lang(request)
        return RedirectResponse(f"/?lang={lang}", status_code=303)

    async def http_error(self, request: Request, exc: Exception) -> Response:
        """An address that leads nowhere, or a method no route takes: a page in the
        applicant's language with the way back, never Starlette's English « Not Found »."""
        lang = self.lang(request)
        if isinstance(exc, HTTPException) and exc.status_code == 405:
            return self.refused(lang, False, "no_method", heading="no_page")
        return self.refused(lang, False, "no_page", heading="no_page")

    async def verify(self, request: Request) -> Response:
        return await self._handle(request, self._check)

    async def assemble(self, request: Request) -> Response:
        return await self._handle(request, self._assemble)

    async def _handle(self, request: Request, work: Any) -> Response:
        """Admit, receive, work, answer, and delete the upload's folder in every case."""
        lang = self.lang(request)
        fragment = request.query_params.get("fragment") == "1"
        if not self.gate.enter():
            return self.refused(lang, fragment, "busy", count=str(self.gate.in_progress))
        folder = Path(tempfile.mkdtemp(prefix="dossierkit-serve-", dir=self.settings.temp_root))
        try:
            upload = await receive(request, folder, self.settings)
            lang = lang_of(upload.fields.get("lang"), lang)
            async with self.gate.turn():
                response: Response = await work(upload, folder, lang, fragment)
            return response
        except Refused as refused:
            lang = lang_of(refused.fields.get("lang"), lang)
            return self.refused(lang, fragment, refused.key, **refused.params)
        except job.JobFailed as failed:
            return self.refused(
                lang, fragment, "failed", reason=failed.reason, reason_en=failed.reason_en
            )
        except Exception as exc:  # a bug of ours: a message, the folder deleted all the same
            log.exception("dossierkit serve: internal error")
            name = type(exc).__name__
            return self.refused(lang, fragment, "failed", reason=name, reason_en=name)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
            self.gate.leave()

    async def _run(self, folder: Path, function: Any, *args: Any) -> Any:
        """``function(*args)`` in its own process, its temporary files inside ``folder``."""
        temp = folder / TEMP
        temp.mkdir(mode=0o700, exist_ok=True)
        return await anyio.to_thread.run_sync(
            job.run_isolated, function, args, self.settings.check_seconds, temp
        )

    async def _check(self, upload: Upload, folder: Path, lang: str, fragment: bool) -> Response:
        s = self.settings
        report = await self._run(folder, job.check, upload.root, lang, s.limits, s.call_file)
        return self.render(
            "result.html",
            lang,
            200,
            fragment,
            result=checklist(report, lang),
            upload=upload,
            refusal="",
            reasons=[],
        )

    async def _assemble(self, upload: Upload, folder: Path, lang: str, fragment: bool) -> Response:
        s = self.settings
        draft = upload.fields.get("brouillon") == "1"
        name = upload.root.name or "dossier"
        output = folder / OUTPUT / f"{name}.pdf"
        output.parent.mkdir(mode=0o700)
        done: job.Assembled = await self._run(
            folder,
            job.assemble,
            upload.root,
            output,
            lang,
            draft,
            s.limits,
            s.call_file,
            s.renderer,
        )
        if done.pdf is None:
            return self.render(
                "result.html",
                lang,
                422,
                fragment,
                result=checklist(done.report, lang),
                upload=upload,
                refusal=typeset(done.refusal, lang),
                reasons=_web_reasons(done.reasons, lang),
            )
        pdf = done.pdf.read_bytes()  # read before the folder is deleted
        return Response(
            pdf,
            media_type="application/pdf",
            headers={"Content-Disposition": _attachment(output.name)},
        )


def _web_reasons(reasons: tuple[str, ...], lang: str) -> list[str]:
    """The command's reasons, its last line (« add --allow-incomplete ») said for the page."""
    from dossierkit.assemble.texts import text

    hint = text(lang, "refused.hint")
    return [page_text(lang, "pdf_refused_hint") if r == hint else typeset(r, lang) for r in reasons]


def _attachment(name: str) -> str:
    """A Content-Disposition that keeps an accented name (RFC 6266), with an ASCII fallback."""
    fallback = name.encode("ascii", "replace").decode("ascii").replace("?", "_").replace('"', "_")
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}"


def create_app(settings: Settings | None = None) -> Starlette:
    """The application ``dossierkit serve`` runs (uvicorn, or any ASGI server)."""
    service = Service(settings or Settings())
    routes = [
        Route("/", service.index, methods=["GET"]),
        Route("/verifier", service.verify, methods=["POST"]),
        Route("/assembler", service.assemble, methods=["POST"]),
        Route("/verifier", service.home, methods=["GET"]),
        Route("/assembler", service.home, methods=["GET"]),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = Starlette(
        routes=routes,
        middleware=[Middleware(SecurityHeaders)],
        exception_handlers={404: service.http_error, 405: service.http_error},
    )
    app.state.service = service
    return app
