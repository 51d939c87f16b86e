"""LibreOffice, headless: convert office documents (to PDF, ODS, XLSX…) safely.

Each call gets its own temporary user profile (two conversions at once would otherwise fight
over the default one) set so that macros never run and linked content is not fetched, and is
killed after its timeout.
"""

from __future__ import annotations

from pathlib import Path

from dossierkit.external import ExternalError, Program, run
from dossierkit.external.scratch import scratch_dir

LIBREOFFICE = Program(
    name="LibreOffice",
    executables=("soffice", "libreoffice"),
    install={
        "Debian/Ubuntu": "sudo apt-get install libreoffice-writer-nogui libreoffice-calc-nogui",
        "macOS": "brew install --cask libreoffice",
        "Windows": "https://fr.libreoffice.org/download/",
    },
)
DEFAULT_TIMEOUT = 120.0
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


def convert(
    source: Path, target_format: str, outdir: Path, *, timeout: float = DEFAULT_TIMEOUT
) -> Path:
    """Convert ``source`` to ``target_format`` (``pdf``, ``ods``…) in ``outdir``; the result's path."""
    outdir.mkdir(parents=True, exist_ok=True)
    with scratch_dir("lo") as profile:
        (Path(profile) / "user").mkdir()
        (Path(profile) / "user" / "registrymodifications.xcu").write_text(
            _PROFILE_SETTINGS, encoding="utf-8"
        )
        run(
            LIBREOFFICE,
            [
                f"-env:UserInstallation={Path(profile).as_uri()}",
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
            ],
            timeout=timeout,
            env={"SAL_USE_VCLPLUGIN": "svp"},
        )
    produced = outdir / f"{source.stem}.{target_format.split(':')[0]}"
    if not produced.exists():
        raise ExternalError(
            "LibreOffice", f"LibreOffice n'a pas produit de fichier {target_format}"
        )
    return produced
