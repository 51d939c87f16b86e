"""dossierkit: vérifie et assemble les dossiers de l'appel « Tiers-lieux du numérique ».

The package reads whatever an applicant put in a folder, recognises the pieces the call
asks for, and reports in plain French what is there, what is missing and how to fix it.
"""

__version__ = "0.1.0"
