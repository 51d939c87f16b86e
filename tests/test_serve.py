"""``dossierkit serve`` at the HTTP level: limits enforced while receiving, paths that would
leave the upload's folder, nothing left on disk after any request, many uploads at once.

Uploads are what a browser sends: multipart forms whose file names are the paths relative
to the folder the applicant chose (``Mon dossier/RIB.pdf``), with real PDFs and zips.
"""

from __future__ import annotations

import base64
import contextlib
import html
import io
import json
import re
import socket
import threading
import time
import warnings
import zipfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from conftest import TEXTS, pdf_bytes
from dossierkit.limits import MB, Limits
from dossierkit.serve import Settings, create_app
from dossierkit.serve.paths import safe_parts

with warnings.catch_warnings():  # Starlette 1.x would rather have httpx2; httpx works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

Files = list[tuple[str, tuple[str, bytes, str]]]


def dossier(name: str = "Mon dossier", *kinds: str) -> Files:
    """A browser's upload of a folder ``name`` holding a text PDF of each piece of ``kinds``."""
    return [
        ("fichiers", (f"{name}/{kind}.pdf", pdf_bytes([TEXTS[kind]]), "application/pdf"))
        for kind in kinds or ("rib",)
    ]


def client(tmp_path: Path, **settings: Any) -> TestClient:
    app = create_app(Settings(temp_root=tmp_path, **settings))
    return TestClient(app)


def left_on_disk(tmp_path: Path) -> list[str]:
    return sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*"))


def message(html: str) -> str:
    """The refusal's sentence, spaces made plain for assertions."""
    found = re.search(r'<p role="alert">(.*?)</p>', html, re.S)
    assert found, html
    return found.group(1).replace("\u00a0", " ").replace("\u202f", " ").replace("&#39;", "'")


def test_paths_that_leave_the_folder_are_refused() -> None:
    for bad in (
        "../secret.txt",
        "dossier/../../secret.txt",
        "/etc/passwd",
        "C:\\Windows\\win.ini",
        "c:relative.txt",
        "\\\\serveur\\partage\\x.pdf",
        "dossier/..\\..\\x.pdf",
        "nul\x00.pdf",
        "ligne\n.pdf",
        "/".join(["d"] * 40) + "/x.pdf",
        "a" * 300 + ".pdf",
        "/".join(["a" * 255] * 16),  # each name and the depth allowed, PATH_MAX overrun
        "",
        "./.",
    ):
        assert safe_parts(bad) is None, bad
    assert safe_parts("Mon dossier/Annexes/Plan d'agencement.jpg") == (
        "Mon dossier",
        "Annexes",
        "Plan d'agencement.jpg",
    )
    assert safe_parts("./Statuts signés.pdf") == ("Statuts signés.pdf",)


def test_the_page_is_french_self_contained_and_guarded(tmp_path: Path) -> None:
    with client(tmp_path) as http:
        page = http.get("/")
        english = http.get("/?lang=en")
        script = http.get("/static/serve.js")
    assert page.status_code == 200
    assert '<html lang="fr">' in page.text
    assert "Vérifier mon dossier" in page.text
    assert "rien n'est conservé" in page.text.replace("&#39;", "'")
    assert '<html lang="en">' in english.text and "Check my dossier" in english.text
    # Accessible basics: landmarks, a label for each input, a status region.
    for landmark in ("<header>", "<main", "<footer>", 'role="status"'):
        assert landmark in page.text
    for input_id in re.findall(r'<input type="(?:file|checkbox)" id="([^"]+)"', page.text):
        assert f'<label for="{input_id}">' in page.text
    # Nothing from elsewhere, no inline script (the CSP would block it anyway).
    assert not re.search(r"(src|href)=\"https?://", page.text)
    assert not re.search(r"<script(?![^>]*\bsrc=)", page.text)
    for response in (page, script):
        headers = response.headers
        csp = headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp and "default-src 'none'" in csp
        assert headers["cache-control"] == "no-store"
        assert headers["x-content-type-options"] == "nosniff"
    assert script.headers["content-type"].startswith("text/javascript")


def test_an_address_that_leads_nowhere_is_a_french_page(tmp_path: Path) -> None:
    with client(tmp_path) as http:
        missing = http.get("/formulaire")
        static = http.get("/static/absent.js?lang=en")
        put = http.put("/")
        kept = http.get("/verifier?lang=en", follow_redirects=False)
    assert missing.status_code == 404 and static.status_code == 404
    assert "<h2" in missing.text and "Page introuvable" in missing.text
    assert "Cette adresse ne mène à aucune page" in message(missing.text)
    assert '<a href="/?lang=fr">Vérifier un autre dossier</a>' in missing.text
    assert "This address leads to no page" in message(static.text)
    assert put.status_code == 405 and "seulement les dossiers envoyés" in message(put.text)
    for response in (missing, static, put):
        assert "Not Found" not in response.text and "Method Not Allowed" not in response.text
        assert response.headers["content-type"].startswith("text/html")
        assert "default-src 'none'" in response.headers["content-security-policy"]
    # A result's address reloaded or bookmarked (GET) leads back to the form.
    assert kept.status_code == 303 and kept.headers["location"] == "/?lang=en"


def test_serve_says_in_french_that_its_port_is_taken() -> None:
    from click.testing import CliRunner

    from dossierkit.cli import cli

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "--port", str(port)])
    assert result.exit_code == 2
    assert f"le port {port} est déjà pris" in result.output
    assert "page de vérification sur" not in result.output  # not announced when it cannot be


def raw_upload(name: bytes, content: bytes = b"x") -> tuple[bytes, dict[str, str]]:
    """A multipart body written by hand, as a hostile client would: the file name's bytes
    exactly as given (a browser or httpx would escape some of them)."""
    body = (
        b'--XyZ\r\nContent-Disposition: form-data; name="fichiers"; filename="'
        + name
        + b'"\r\nContent-Type: application/pdf\r\n\r\n'
        + content
        + b"\r\n--XyZ--\r\n"
    )
    return body, {"content-type": "multipart/form-data; boundary=XyZ"}


@pytest.mark.parametrize(
    "name",
    [
        b"../../evasion.txt",
        b"/tmp/evasion.txt",
        b"d/../../evasion.txt",
        b"d\\..\\..\\evasion.txt",
        b"dossier/a\x00b.pdf",
        b"dossier/a\x1bb.pdf",
        b"dossier/" * 20 + b"x.pdf",
        b"/".join([b"a" * 255] * 16),
    ],
)
def test_an_upload_path_never_escapes(tmp_path: Path, name: bytes) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    body, headers = raw_upload(name)
    with client(temp) as http:
        response = http.post("/verifier", content=body, headers=headers)
    assert response.status_code == 400
    assert "n'est pas accepté" in message(response.text)
    assert "Traceback" not in response.text
    assert left_on_disk(tmp_path) == ["temp"]


def test_a_windows_path_is_kept_to_its_name(tmp_path: Path) -> None:
    """python-multipart reduces ``C:\\…\\name`` (as old browsers sent it) to ``name``: the
    file lands inside the upload's folder, nowhere else."""
    import anyio
    from starlette.requests import Request

    from dossierkit.serve.upload import receive

    body, headers = raw_upload(b"C:\\Users\\x\\RIB.pdf", b"%PDF-1.4")

    async def upload() -> Any:
        sent = False

        async def chunks() -> dict[str, Any]:
            nonlocal sent
            more, sent = not sent, True
            return {"type": "http.request", "body": body if more else b"", "more_body": False}

        scope = {
            "type": "http",
            "method": "POST",
            "headers": [(k.encode(), v.encode()) for k, v in headers.items()],
        }
        return await receive(Request(scope, chunks), tmp_path, Settings())

    received = anyio.run(upload)
    assert received.root == tmp_path / "dossier"
    assert (tmp_path / "dossier" / "RIB.pdf").read_bytes() == b"%PDF-1.4"
    assert received.files == 1 and received.size == 8


def test_a_name_the_file_system_refuses_is_a_refusal_not_a_crash(tmp_path: Path) -> None:
    """A path within the bounds that still overruns PATH_MAX under a deep temporary folder:
    the operating system's error (ENAMETOOLONG) is the path's refusal, not a 500."""
    temp = tmp_path.joinpath(*["d" * 250] * 13)  # 3,263 bytes deep, PATH_MAX is 4,096
    temp.mkdir(parents=True)
    name = "/".join(["n" * 240] * 4) + ".pdf"  # 967 bytes: safe_parts accepts it
    assert safe_parts(name) is not None
    body, headers = raw_upload(name.encode())
    with client(temp) as http:
        response = http.post("/verifier", content=body, headers=headers)
    assert response.status_code == 400
    assert "n'est pas accepté" in message(response.text)
    assert list(temp.iterdir()) == []


def test_a_part_header_is_bounded_whatever_the_parser(tmp_path: Path) -> None:
    """A file name of 20 kB: refused, nothing kept (python-multipart ≥ 0.0.27 stops it; the
    service's own bound stops it with an older one, tested on its callbacks)."""
    from dossierkit.serve.upload import _Receiver

    body, headers = raw_upload(b"d/" + b"n" * 20_000 + b".pdf")
    with client(tmp_path) as http:
        response = http.post("/verifier", content=body, headers=headers)
    assert response.status_code == 400
    assert "L'envoi n'a pas pu être lu" in message(response.text)
    assert left_on_disk(tmp_path) == []
    receiver = _Receiver(tmp_path, Settings())
    chunk = b"x" * 4096
    for _ in range(5):  # a parser that hands the value over in pieces
        receiver.on_header_value(chunk, 0, len(chunk))
    assert receiver.refusal is not None and receiver.refusal.key == "malformed"
    assert receiver.refusal.params["reason"] == "en-tête trop long"
    assert len(receiver._header_value) <= 8192


def asgi_post(app: Any, path: str, head: bytes, then: float) -> tuple[int, bytes]:
    """POST ``head`` to ``app`` at the ASGI level, then send nothing more for ``then``
    seconds (a client that stalls: one byte now and then, or none)."""
    import anyio

    answer: dict[str, Any] = {"status": 0, "body": b""}

    async def run() -> None:
        sent = False

        async def receive() -> dict[str, Any]:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": head, "more_body": True}
            await anyio.sleep(then)
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                answer["status"] = message["status"]
            elif message["type"] == "http.response.body":
                answer["body"] += message.get("body", b"")

        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "POST",
            "scheme": "http",
            "path": path,
            "raw_path": path.encode(),
            "query_string": b"",
            "root_path": "",
            "headers": [(b"content-type", b"multipart/form-data; boundary=XyZ")],
            "client": ("127.0.0.1", 1),
            "server": ("127.0.0.1", 80),
        }
        await app(scope, receive, send)

    anyio.run(run)
    return answer["status"], answer["body"]


def test_an_upload_that_does_not_arrive_in_time_is_refused(tmp_path: Path) -> None:
    """A client that sends a part's start then stalls gives its place back at the deadline,
    with a message in French; what it wrote is deleted."""
    app = create_app(Settings(temp_root=tmp_path, receive_seconds=0.3))
    head = b'--XyZ\r\nContent-Disposition: form-data; name="f"; filename="d/RIB.pdf"\r\n\r\n%PDF'
    started = time.monotonic()
    status, body = asgi_post(app, "/verifier", head, then=30)
    assert time.monotonic() - started < 5
    assert status == 408
    assert "L'envoi n'est pas arrivé en 1 min : la connexion est trop lente" in message(
        body.decode()
    )
    assert app.state.service.gate.in_progress == 0
    assert left_on_disk(tmp_path) == []


def test_a_zip_is_unpacked_off_the_event_loop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Unpacking (up to 500 MB) runs in a worker thread: the other requests go on meanwhile."""
    import asyncio

    from dossierkit.serve import upload

    on_loop: list[bool] = []

    def unpack(*args: Any, **kwargs: Any) -> Any:
        try:
            asyncio.get_running_loop()
            on_loop.append(True)
        except RuntimeError:
            on_loop.append(False)
        return real(*args, **kwargs)

    real = upload.unpack
    monkeypatch.setattr(upload, "unpack", unpack)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("dossier/RIB.pdf", b"%PDF-1.4")

    async def stop(*args: Any) -> Any:
        raise upload.Refused("no_files")  # the check itself is not this test's

    app = create_app(Settings(temp_root=tmp_path))
    monkeypatch.setattr(app.state.service, "_check", stop)
    with TestClient(app) as http:
        response = http.post(
            "/verifier", files=[("fichiers", ("envoi.zip", buffer.getvalue(), "application/zip"))]
        )
    assert response.status_code == 400  # the stop above: the zip was received and unpacked
    assert on_loop == [False]
    assert left_on_disk(tmp_path) == []


def stuck_assembly(*args: Any) -> None:
    """What a killed assembly leaves: assemble's temporary folder with a document in it."""
    import tempfile

    folder = tempfile.mkdtemp(prefix="dossierkit-assemble-")
    Path(folder, "RIB.pdf").write_bytes(b"%PDF-1.4")
    time.sleep(60)


def test_an_assembly_killed_at_its_time_leaves_no_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check's process is killed (SIGKILL) mid-assembly: its temporary files were made in
    the request's folder, removed with it, not in the system's temporary folder."""
    from dossierkit.serve import job

    system = tmp_path / "system"  # the system's temporary folder, for the check's process
    temp = tmp_path / "serve"
    system.mkdir()
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(system))
    monkeypatch.setattr(job, "assemble", stuck_assembly)
    with client(temp, check_seconds=0.5) as http:
        response = http.post("/assembler", files=dossier())
    assert response.status_code == 500
    assert "elle a duré plus de 0 s" in message(response.text)  # killed, not failed to start
    assert left_on_disk(system) == []
    assert left_on_disk(temp) == []


def test_a_file_over_the_limit_is_refused_in_french(tmp_path: Path) -> None:
    big = ("fichiers", ("Mon dossier/Scan énorme.pdf", b"%PDF-1.4\n" + b"0" * (2 * MB), "x"))
    with client(tmp_path, limits=Limits(max_file_bytes=1 * MB)) as http:
        response = http.post("/verifier", files=[*dossier(), big])
        english = http.post("/verifier", files=[big], data={"lang": "en"})
    assert response.status_code == 413
    assert message(response.text) == (
        "Le fichier « Mon dossier/Scan énorme.pdf » dépasse 1 Mo, la taille permise pour un "
        "fichier : réduisez-le (numérisation à 300 ppp, PDF compressé) puis déposez à nouveau "
        "le dossier."
    )
    assert english.status_code == 413
    assert "exceeds 1 MB, the size allowed for one file" in english.text
    assert left_on_disk(tmp_path) == []


def test_too_many_files_and_twice_the_same_file(tmp_path: Path) -> None:
    with client(tmp_path, max_files=3) as http:
        many = http.post("/verifier", files=dossier("D", "rib", "statuts", "courrier", "budget"))
        twice = http.post("/verifier", files=dossier("D", "rib", "rib"))
        nothing = http.post("/verifier", data={"lang": "fr"}, files=[("x", ("", b"", "x"))])
        not_a_form = http.post("/verifier", content=b"{}", headers={"content-type": "text/json"})
    assert many.status_code == 413 and "plus de 3 fichiers" in message(many.text)
    assert twice.status_code == 400 and "« D/rib.pdf » figure deux fois" in message(twice.text)
    assert nothing.status_code == 400 and "Aucun fichier reçu" in message(nothing.text)
    assert not_a_form.status_code == 400 and "formulaire attendu" in message(not_a_form.text)
    assert left_on_disk(tmp_path) == []


def test_a_zip_bomb_is_refused(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("dossier/RIB.pdf", pdf_bytes([TEXTS["rib"]]))
        archive.writestr("dossier/budget.csv", b"0" * (5 * MB))  # compressed a thousand times
    with client(tmp_path) as http:
        response = http.post(
            "/verifier", files=[("fichiers", ("envoi.zip", buffer.getvalue(), "application/zip"))]
        )
    assert response.status_code == 400
    assert "L'archive « envoi.zip » n'est pas acceptée" in message(response.text)
    assert "compressé plus de 200 fois" in message(response.text)
    assert left_on_disk(tmp_path) == []


def test_a_full_service_says_to_come_back(tmp_path: Path) -> None:
    app = create_app(Settings(temp_root=tmp_path, checks_at_once=1, waiting=1))
    gate = app.state.service.gate
    assert gate.enter() and gate.enter() and not gate.enter()
    with TestClient(app) as http:
        response = http.post("/verifier", files=dossier())
    assert response.status_code == 503
    assert response.headers["retry-after"] == "60"
    assert "patientez une minute" in message(response.text)
    assert left_on_disk(tmp_path) == []


def _report(html: str) -> dict[str, Any]:
    link = re.search(r'href="data:application/json;charset=utf-8;base64,([^"]+)"', html)
    assert link
    report: dict[str, Any] = json.loads(base64.b64decode(link.group(1)))
    return report


# A plan that starts on 1 July 2027 and a budget by calendar year, 2027 to 2030: 2028 and
# 2029 each hold six months of two plan years, at two rates (« mixte » in the aid table).
JULY_BUDGET = "\r\n".join(
    [
        "Budget prévisionnel 2027-2030 — montants TTC",
        "DÉPENSES;2027;2028;2029;2030",
        "Salaire et charges de l'animateur (1 ETP);30 000;60 000;60 000;30 000",
        "Total dépenses;30 000;60 000;60 000;30 000",
        "RECETTES;2027;2028;2029;2030",
        "Région Hauts-de-France — aide à l'animation;22 500;37 500;22 500;7 500",
        "Autofinancement;7 500;22 500;37 500;22 500",
        "Total recettes;30 000;60 000;60 000;30 000",
    ]
).encode("cp1252")


def july_plan(name: str, tmp_path: Path) -> Files:
    """A dossier whose plan starts on 1 July (its technique says so, its budget is saved
    from a spreadsheet as CSV), with a RIB and a letter."""
    import test_technique

    answers = dict(test_technique.LIEU)
    answers["AID-3"] = ["Le plan d'action débutera le 1er juillet 2027 (dépenses éligibles)."]
    technique = test_technique.technique_pdf(tmp_path / "technique.pdf", answers).read_bytes()
    return [
        *dossier(name, "rib", "courrier"),
        ("fichiers", (f"{name}/Budget prévisionnel.csv", JULY_BUDGET, "text/csv")),
        ("fichiers", (f"{name}/Dossier technique.pdf", technique, "application/pdf")),
    ]


def aid_table(page: str) -> tuple[list[str], list[list[str]]]:
    """The aid table of the page: its headers and its body's rows, cells as text."""
    table = re.search(
        r'<table class="aid"[^>]*>.*?<thead>(.*?)</thead>.*?<tbody>(.*?)</tbody>', page, re.S
    )
    assert table, page

    def cells(row: str) -> list[str]:
        found = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        return [html.unescape(cell).strip() for cell in found]

    return cells(table.group(1)), [
        cells(r) for r in re.findall(r"<tr>(.*?)</tr>", table.group(2), re.S)
    ]


@pytest.mark.slow  # a fresh interpreter imports the readers for each check (2 to 4 s)
def test_a_dossier_is_checked_and_nothing_is_kept(tmp_path: Path, report_validator: Any) -> None:
    from dossierkit.report.aid import aid_rows

    work = tmp_path / "work"
    work.mkdir()
    temp = tmp_path / "temp"
    temp.mkdir()
    upload = july_plan("Fab'Lab du Ternois", work)
    with client(temp) as http:
        response = http.post("/verifier?fragment=1", files=upload, data={"lang": "fr"})
    assert response.status_code == 200, response.text
    page = response.text
    assert page.lstrip().startswith("<section")  # the fragment the page's script inserts
    report = _report(page)
    report_validator(report)
    assert report["dossier"] == "Fab'Lab du Ternois"
    statuses = {p["kind"]: p["status"] for p in report["pieces"]}
    assert statuses["rib"] == "ok" and statuses["statuts"] == "missing"
    assert 'data-kind="rib" data-status="ok"' in page
    assert 'data-kind="statuts" data-status="missing"' in page
    assert "Pièce manquante : Statuts" in page.replace("\u00a0", " ")
    assert "Dossier incomplet" in page
    # The aid table is the terminal's, calendar years shared between two plan years included.
    assert [y["rate"] for y in report["aid"]["animation"]] == ["0.75", None, None, "0.25"]
    headers, rows = aid_table(page)
    assert (headers, rows) == aid_rows(report["aid"], "fr")
    assert [rows[1][0], rows[1][3]] == ["2028", "mixte"]
    explained = html.unescape(page).replace("\u00a0", " ").replace("\u202f", " ")
    assert "2028 : 6 mois de l'année 1" in explained and "6 mois de l'année 2" in explained
    assert left_on_disk(temp) == []


def test_a_check_that_fails_leaves_nothing(tmp_path: Path) -> None:
    with client(tmp_path, check_seconds=0.01) as http:
        response = http.post("/verifier", files=dossier())
    assert response.status_code == 500
    assert "La vérification n'a pas pu aboutir (elle a duré plus de 0 s)" in message(response.text)
    assert "Traceback" not in response.text
    assert left_on_disk(tmp_path) == []


@pytest.mark.slow  # two checks and an assembly
def test_the_pdf_is_refused_with_the_commands_words_then_given_as_a_draft(
    tmp_path: Path,
) -> None:
    from pypdf import PdfReader

    upload = dossier("Mon dossier", "rib", "courrier")
    with client(tmp_path, renderer="builtin") as http:
        refused = http.post("/assembler", files=upload)
        draft = http.post("/assembler", files=upload, data={"brouillon": "1"})
    assert refused.status_code == 422
    text = refused.text.replace("\u00a0", " ").replace("\u202f", " ").replace("&#39;", "'")
    assert "Dossier incomplet : il n'est pas assemblé." in text
    assert "Pièce manquante : Statuts" in text
    assert "cochez « brouillon »" in text and "--allow-incomplete" not in text
    assert draft.status_code == 200
    assert draft.headers["content-type"] == "application/pdf"
    assert "filename*=UTF-8''Mon%20dossier.pdf" in draft.headers["content-disposition"]
    reader = PdfReader(io.BytesIO(draft.content))
    assert len(reader.pages) >= 3  # cover, sommaire, the pieces
    assert "Relevé d'identité bancaire" in "".join(p.extract_text() for p in reader.pages)
    assert left_on_disk(tmp_path) == []


# -- with a real server: bytes counted as they arrive, uploads at once -------------------


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """``dossierkit serve``'s application under uvicorn, on a free port."""
    import uvicorn

    temp = tmp_path_factory.mktemp("serve")
    settings = Settings(temp_root=temp, max_upload_bytes=2 * MB, checks_at_once=2, waiting=8)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}", temp
    server.should_exit = True
    thread.join(10)


def test_an_endless_upload_is_cut_as_it_arrives(live: tuple[str, Path]) -> None:
    """No Content-Length and a body that never ends: the answer comes once the limit is
    crossed, not after the body (which would never come)."""
    url, temp = live
    port = int(url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=20) as connection:
        connection.sendall(
            b"POST /verifier HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n"
            b"Content-Type: multipart/form-data; boundary=XyZ\r\n\r\n"
        )
        head = b'--XyZ\r\nContent-Disposition: form-data; name="f"; filename="d/x.pdf"\r\n\r\n'
        connection.sendall(b"%x\r\n%s\r\n" % (len(head), head))
        chunk = b"0" * 65536
        answer = b""
        for _ in range(200):  # up to 12 MB, six times the limit
            try:
                connection.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            except OSError:
                break
            connection.setblocking(False)
            with contextlib.suppress(BlockingIOError):
                answer += connection.recv(65536)
            connection.setblocking(True)
            if answer:
                break
        connection.settimeout(10)
        while b"</html>" not in answer:
            more = connection.recv(65536)
            if not more:
                break
            answer += more
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert "L'envoi dépasse 2 Mo".encode() in answer.replace(b"&#39;", b"'")
    assert left_on_disk(temp) == []


@pytest.mark.slow  # ten checks, two at a time
def test_ten_uploads_at_once_are_all_answered(live: tuple[str, Path]) -> None:
    import httpx

    url, temp = live

    def send(i: int) -> httpx.Response:
        return httpx.post(f"{url}/verifier", files=dossier(f"Dossier {i}"), timeout=300)

    with ThreadPoolExecutor(10) as pool:
        responses = list(pool.map(send, range(10)))
    assert [r.status_code for r in responses] == [200] * 10
    for i, response in enumerate(responses):
        assert f"Vérification de « Dossier {i} »" in response.text.replace("\u202f", " ")
    assert left_on_disk(temp) == []


@pytest.mark.parametrize(
    ("title", "shown"),
    [
        ("La Présidente", "Marie Delattre, Présidente"),
        (
            "Le Vice-président\ndélégué au numérique",
            "Marie Delattre, Vice-président délégué au numérique",
        ),
        ("l'adjointe au maire", "Marie Delattre, Adjointe au maire"),
        ("Présidente", "Marie Delattre, Présidente"),
    ],
)
def test_the_signatory_s_title_follows_the_name_without_its_article(title: str, shown: str) -> None:
    """The letter reads « La Présidente » above the signature; after the name, the page says
    « Marie Delattre, Présidente », never « Marie Delattre, La Présidente »."""
    from dossierkit.serve.view import _facts

    facts = [
        {"name": "signatory.name", "value": "Marie Delattre", "origin": "inferred"},
        {"name": "signatory.title", "value": title, "origin": "inferred"},
    ]
    rows = dict(_facts({"facts": facts}, "fr"))
    assert rows["Signataire du courrier"] == shown
