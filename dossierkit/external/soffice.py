"""LibreOffice, headless: convert office documents (to PDF, ODS, XLSX…) safely.

Each call gets its own temporary user profile (two conversions at once would otherwise fight
over the default one) set so that macros never run and linked content is not fetched, and is
killed after its timeout.

A dossierkit killed with SIGKILL (the OOM killer, a closed terminal) must leave no
LibreOffice behind, nor its temporary files (``lu*.tmp``, copies of the document it reads).
So ``program/soffice.bin`` is run itself, not the ``soffice`` launcher: the launcher (a shell
script that execs ``oosplash``) forks ``soffice.bin``, which a death signal asked for the
launcher (``die_with_parent``, in ``external.run``) does not reach; run directly, it dies
with the process that started it. What ``oosplash`` would do is done here: the first start
of a new profile ends with exit code 81 (« restart »), and is started again once. Its
temporary folder (TMPDIR) is inside the call's private scratch folder, removed with it, or
by the next start of dossierkit when the call was killed (``scratch.remove_stale``).
Where no ``soffice.bin`` sits beside the launcher (macOS, where ``soffice`` is the program
itself; a snap), the program found on PATH is run.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from dossierkit.external import ExternalError, Program, program_timeout, run
from dossierkit.external.scratch import scratch_dir

LIBREOFFICE = Program(
    name="LibreOffice",
    executables=("soffice", "libreoffice"),
    install={
        "Debian/Ubuntu": "sudo apt-get install libreoffice-writer-nogui libreoffice-calc-nogui",
        "macOS": "brew install --cask libreoffice",
        "Windows": "https://fr.libreoffice.org/download/",
    },
    install_en={"Windows": "https://www.libreoffice.org/download/"},
)
DEFAULT_TIMEOUT = 120.0
# soffice.bin's exit code when it asks to be started again (``EXITHELPER_NORMAL_RESTART``):
# after it has made a new user profile, which every call's profile is.
_RESTART = 81
# The profile's settings: macros never run (very high security level, execution disabled),
# linked images and documents are not fetched, numbers and dates are formatted the French way.
_PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>fr-FR</value></prop></item>
</oor:items>
"""


def available() -> bool:
    """True when LibreOffice is on PATH."""
    return LIBREOFFICE.find() is not None


def binary() -> str | None:
    """The program to run: ``soffice.bin`` beside the launcher found on PATH (through its
    links), else the launcher itself; None when LibreOffice is not installed."""
    found = LIBREOFFICE.find()
    if found is None:
        return None
    inner = Path(found).resolve().with_name("soffice.bin")
    return str(inner) if inner.is_file() and os.access(inner, os.X_OK) else found


def convert(
    source: Path, target_format: str, outdir: Path, *, timeout: float = DEFAULT_TIMEOUT
) -> Path:
    """Convert ``source`` to ``target_format`` (``pdf``, ``ods``…) in ``outdir``; the result's
    path. ``timeout`` bounds the whole call, a restart included."""
    executable = binary()
    if executable is None:
        raise LIBREOFFICE.missing()
    deadline = time.monotonic() + timeout
    outdir.mkdir(parents=True, exist_ok=True)
    with scratch_dir("lo") as profile:
        (profile / "user").mkdir()
        (profile / "user" / "registrymodifications.xcu").write_text(
            _PROFILE_SETTINGS, encoding="utf-8"
        )
        (profile / "tmp").mkdir()
        arguments: list[str | Path] = [
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            "--convert-to",
            target_format,
            "--outdir",
            outdir,
            source,
        ]
        # As the launcher sets them; SAL_USE_VCLPLUGIN: no display is needed.
        env = {
            "SAL_USE_VCLPLUGIN": "svp",
            "SAL_ENABLE_FILE_LOCKING": "1",
            "TMPDIR": str(profile / "tmp"),
        }
        for started in range(2):
            left = deadline - time.monotonic()
            if left <= 0:
                raise program_timeout(LIBREOFFICE.name, timeout)
            try:
                run(LIBREOFFICE, arguments, timeout=left, env=env, executable=executable)
                break
            except ExternalError as exc:
                if started or exc.returncode != _RESTART:
                    raise
    produced = outdir / f"{source.stem}.{target_format.split(':')[0]}"
    if not produced.exists():
        raise ExternalError(
            "LibreOffice",
            f"LibreOffice n'a pas produit de fichier {target_format}",
            english=f"LibreOffice wrote no {target_format} file",
        )
    return produced
