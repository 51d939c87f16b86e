"""Allow ``python -m dossierkit``."""

from dossierkit.cli import main

main()
