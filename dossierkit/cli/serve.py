"""``dossierkit serve``: the web page where an applicant checks a dossier in a browser."""

from __future__ import annotations

import errno
import socket
from pathlib import Path

import click

from dossierkit.cli.common import call_option, lang_option, load_call
from dossierkit.cli.verify import limits_options
from dossierkit.errors import UsageError

# What the terminal says once the page is served.
_LISTENING = {
    "fr": "dossierkit\u00a0: page de vérification sur {address} (Ctrl-C pour arrêter)",
    "en": "dossierkit: checking page at {address} (Ctrl-C to stop)",
}


@click.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Adresse d'écoute (0.0.0.0 pour toutes les interfaces, derrière un proxy HTTPS).",
)
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option(
    "--max-upload-mb",
    type=click.IntRange(1),
    default=300,
    show_default=True,
    help="Taille maximale d'un envoi (Mo), tous fichiers compris.",
)
@click.option(
    "--max-files",
    type=click.IntRange(1),
    default=500,
    show_default=True,
    help="Nombre maximal de fichiers d'un envoi.",
)
@click.option(
    "--receive-timeout",
    "receive_seconds",
    type=click.IntRange(1),
    default=600,
    show_default=True,
    help="Temps maximal (secondes) pour recevoir un envoi ; au-delà, il est refusé.",
)
@click.option(
    "--checks",
    "checks_at_once",
    type=click.IntRange(1),
    default=2,
    show_default=True,
    help="Vérifications menées en même temps.",
)
@click.option(
    "--waiting",
    type=click.IntRange(0),
    default=8,
    show_default=True,
    help="Envois qui peuvent attendre leur tour ; au-delà, on demande de revenir plus tard.",
)
@call_option("Fichier d'un autre appel à projets (YAML), au lieu de l'appel intégré.")
@lang_option(
    "Langue des messages, et de la page quand son adresse n'en demande aucune (fr, en) : "
    "le visiteur change de langue par le lien de la page."
)
@limits_options
def serve(
    host: str,
    port: int,
    max_upload_mb: int,
    max_files: int,
    receive_seconds: int,
    checks_at_once: int,
    waiting: int,
    call_file: Path | None,
    lang: str,
    **limits: int | float,
) -> None:
    """Ouvre la page web de vérification : le demandeur y dépose son dossier et obtient la
    liste des pièces, les constats et le PDF assemblé. Rien n'est conservé après la réponse.

    \b
    Exemple :
      dossierkit serve --port 8000
      puis ouvrez http://127.0.0.1:8000 dans un navigateur.

    Chaque fichier est lu dans les mêmes limites que « dossierkit verify » (options --max-*).
    """
    load_call(call_file)  # a bad --call is said before the server starts
    import uvicorn

    from dossierkit.limits import MB, Limits
    from dossierkit.serve import Settings, create_app

    settings = Settings(
        limits=Limits.from_options(limits),
        max_upload_bytes=max_upload_mb * MB,
        max_files=max_files,
        receive_seconds=receive_seconds,
        checks_at_once=checks_at_once,
        waiting=waiting,
        call_file=call_file,
        lang=lang,
    )
    app = create_app(settings)
    listening = _listen(host, port)
    click.echo(_LISTENING[lang].format(address=f"http://{host}:{port}"))
    config = uvicorn.Config(app, log_level="warning", server_header=False)
    uvicorn.Server(config).run(sockets=[listening])


def _listen(host: str, port: int) -> socket.socket:
    """The server's socket, bound here so that a port already taken or an unknown address
    is said in the command's language before anything is announced (uvicorn would log an English error
    after the address was printed, and exit with 3)."""
    try:
        family, kind, _proto, _name, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM
        )[0]
        listening = socket.socket(family, kind)
        listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listening.bind(address)
    except OSError as exc:
        taken = exc.errno == errno.EADDRINUSE
        unknown = isinstance(exc, socket.gaierror)  # its words are the C library's, in English
        why = "adresse inconnue" if unknown else exc.strerror or str(exc)
        why_en = "unknown address" if unknown else exc.strerror or str(exc)
        raise UsageError(
            f"le port {port} est déjà pris, sans doute par une page déjà ouverte : "
            "choisissez-en un autre avec --port."
            if taken
            else f"impossible d'écouter sur {host}:{port} ({why}) : vérifiez --host et --port.",
            english=f"port {port} is already in use, probably by a page already running: "
            "choose another one with --port."
            if taken
            else f"cannot listen on {host}:{port} ({why_en}): check --host and --port.",
        ) from exc
    return listening
