"""Every word the assembled PDF and the ``assemble`` command show, in French and English.

Kept in one table so that a translator (or the Région's editor) changes wording in one place;
the stages only pick keys. French is the reference: the call, its instructors and most
applicants read French.
"""

from __future__ import annotations

from dossierkit.pieces.letterhead import KINDS
from dossierkit.text import french_typography

TEXTS: dict[str, dict[str, str]] = {
    "fr": {
        # Cover
        "request": "Demande d'aide régionale",
        "structure": "Structure",
        "intercommunalite": "Intercommunalité",
        "project": "Projet",
        "form.lieu": "un lieu",
        "form.reseau": "l'animation d'un réseau de lieux",
        "unknown": "non identifié",  # le projet
        "unknown.f": "non identifiée",  # la structure, l'intercommunalité
        # The structure's kind, as the terminal report says it (its words: importing the
        # terminal report would load rich, which assembling has no use for)
        **{f"kind.{kind}": labels[0] for kind, labels in KINDS.items()},
        "aid": "Aide demandée",
        "aid.courrier": "Courrier",
        "aid.budget": "Budget",
        "aid.animation": "Animation {year}",
        "aid.equipment": "Équipement",
        "aid.total": "Total",
        "aid.none": "Aucun montant n'a été lu dans le courrier ni dans le budget.",
        "assembled": "Assemblé le {date} par dossierkit {version}",
        "complete": "Dossier complet",
        "incomplete": "Dossier incomplet : {details}",
        "n_missing": "{n} pièce manquante|{n} pièces manquantes",
        "n_invalid": "{n} pièce illisible|{n} pièces illisibles",
        "n_empty": "{n} pièce sans contenu|{n} pièces sans contenu",
        "n_failed": "{n} pièce non convertie|{n} pièces non converties",
        "n_errors": "{n} erreur|{n} erreurs",
        "gaps.missing": "Manquantes : {labels}",
        "gaps.invalid": "Illisibles : {labels}",
        "gaps.empty": "Sans contenu : {labels}",
        "gaps.failed": "Non converties : {labels}",
        "errors": "Erreurs relevées par la vérification",
        # A complete dossier whose verification left warnings: said with the status
        "complete.warnings": "Dossier complet, avec {n} point d'attention|"
        "Dossier complet, avec {n} points d'attention",
        "warnings": "Point d'attention relevé par la vérification|"
        "Points d'attention relevés par la vérification",
        "warnings.more": "… et {n} autre point d'attention (voir le rapport de vérification, "
        "--report)|… et {n} autres points d'attention (voir le rapport de vérification, --report)",
        "errors.more": "… et {n} autre erreur (voir le rapport de vérification, --report)|"
        "… et {n} autres erreurs (voir le rapport de vérification, --report)",
        # Sommaire
        "cover": "Couverture",
        "sommaire": "Sommaire",
        "sommaire.intro": "Pièces de l'appel dans l'ordre de l'appel, puis annexes. "
        "Chaque ligne renvoie à la première page de la pièce.",
        "col.piece": "Pièce",
        "col.file": "Fichier et rendu",
        "col.page": "Page",
        "annexes": "Annexes",
        "annex": "Annexe",
        "missing": "MANQUANTE",
        "invalid": "ILLISIBLE",
        "empty": "SANS CONTENU",
        "not_required": "sans objet",
        # Asked of some structures only, and the kind of this one is unknown (P005).
        "undetermined": "À PRÉCISER\u00a0: exigée selon le type de structure",
        "failed": "NON CONVERTIE",
        "renderer.pdf": "PDF d'origine",
        "renderer.libreoffice": "converti par LibreOffice",
        "renderer.builtin": "rendu par dossierkit (sans LibreOffice)",
        "renderer.img2pdf": "image, sans perte",
        "renderer.photo": "photo HEIC, convertie en JPEG",
        "pages": "{n}\u00a0p.",  # never "1" and "p." on two lines
        # After the pages' count: every page (n: their count), or some of them, set on A4
        "fitted.all": "mise au format A4|mises au format A4",
        "fitted.some": "dont {n} mise au format A4|dont {n} mises au format A4",
        # A piece held in another's file (the budget table of the dossier technique)
        "held_in": "dans la pièce {n} ({label})",
        "signed": "original signé électroniquement joint",
        "original": "original joint",
        "not_included": "non incluse",
        "report": "Rapport de vérification",
        "report.file": "rapport de dossierkit {version}",
        # Margin stamps: the page number ("12/48") follows
        "stamp.piece": "Pièce {n}/{total} · {label} · p. ",
        "stamp.annex": "Annexe {n}/{total} · {label} · p. ",
        "stamp.report": "{label} · p. ",
        # Metadata
        "pdf.lang": "fr-FR",  # BCP 47, what screen readers and spell checkers go by
        "title": "Demande d'aide régionale — {name}",
        "subject": "{call} — dossier de candidature assemblé",
        "keywords": "{call}; Région Hauts-de-France; demande de subvention; tiers-lieu",
        "manifest": "Manifeste de l'assemblage : chaque fichier du dossier, sa taille et son "
        "empreinte SHA-256",
        "attachment.signed": "Original signé électroniquement de « {path} » ({label})",
        "attachment.original": "Fichier d'origine de « {path} » ({label})",
        # Command outcome
        "done": "Dossier assemblé : {path} ({pages} pages, dont {front} de garde).",
        "failed.line": "{label} : « {path} » non convertie ({reason}) ; signalée au sommaire.",
        "invalid.line": "{label} : « {path} » illisible, non incluse ; signalée au sommaire.",
        "refused": "Dossier incomplet : il n'est pas assemblé.",
        "refused.hint": "Complétez le dossier, ou ajoutez --allow-incomplete pour l'assembler "
        "quand même (les manques seront signalés sur la couverture et au sommaire).",
        "exists": "le fichier « {path} » existe déjà : ajoutez --force pour le remplacer, ou "
        "choisissez un autre nom avec -o.",
        "inside": "le fichier produit « {path} » ne peut pas être dans le dossier vérifié (il y "
        "serait pris pour une pièce) : choisissez un chemin en dehors, par exemple -o {hint}.",
        "no_parent": "le dossier « {path} » où écrire le fichier n'existe pas.",
        "is_dir": "« {path} » est un dossier : indiquez le nom du fichier PDF à produire.",
        # Size
        "size.large": "Attention : « {path} » pèse {size} ; au-delà de 10\u00a0Mo, un fichier est lent "
        "à envoyer et souvent refusé par les messageries. Numérisez-le en 300\u00a0ppp, en niveaux de "
        "gris ou en noir et blanc.",
        "size.lossless": "Le PDF pesait {before} : ses images numérisées ont été recompressées "
        "sans perte ({after}).",
        "size.visually_lossless": "Il pesait encore {before} : ses images numérisées ont été "
        "ramenées à 300\u00a0ppp au plus et enregistrées en JPEG de qualité 85, sans perte visible "
        "({after}).",
        "size.over": "Attention : le PDF assemblé pèse {size}, plus que la limite de {limit} "
        "(--taille-max) ; beaucoup de plateformes de dépôt et de messageries le refuseront. "
        "Allégez les fichiers les plus lourds.",
        "corrupt_pdf": "PDF endommagé ({reason})",
        "encrypted_pdf": "PDF protégé par mot de passe",
        "no_renderer": "format {type} sans rendu intégré : installez LibreOffice",
        "builtin_failed": "le rendu intégré a échoué ({reason})",
        "image_failed": "image illisible ({reason})",
    },
    "en": {
        "request": "Request for regional aid",
        "structure": "Applicant",
        "intercommunalite": "Intercommunality",
        "project": "Project",
        "form.lieu": "one place",
        "form.reseau": "the animation of a network of places",
        "unknown": "not identified",
        "unknown.f": "not identified",
        **{f"kind.{kind}": labels[1] for kind, labels in KINDS.items()},
        "aid": "Aid requested",
        "aid.courrier": "Letter",
        "aid.budget": "Budget",
        "aid.animation": "Animation {year}",
        "aid.equipment": "Equipment",
        "aid.total": "Total",
        "aid.none": "No amount was read in the letter or the budget.",
        "assembled": "Assembled on {date} by dossierkit {version}",
        "complete": "Dossier complete",
        "incomplete": "Dossier incomplete: {details}",
        "n_missing": "{n} missing piece|{n} missing pieces",
        "n_invalid": "{n} unreadable piece|{n} unreadable pieces",
        "n_empty": "{n} piece without content|{n} pieces without content",
        "n_failed": "{n} piece not converted|{n} pieces not converted",
        "n_errors": "{n} error|{n} errors",
        "gaps.missing": "Missing: {labels}",
        "gaps.invalid": "Unreadable: {labels}",
        "gaps.empty": "Without content: {labels}",
        "gaps.failed": "Not converted: {labels}",
        "errors": "Errors found by the verification",
        "complete.warnings": "Dossier complete, with {n} point of attention|"
        "Dossier complete, with {n} points of attention",
        "warnings": "Point of attention found by the verification|"
        "Points of attention found by the verification",
        "warnings.more": "… and {n} more point of attention (see the verification report, "
        "--report)|… and {n} more points of attention (see the verification report, --report)",
        "errors.more": "… and {n} more error (see the verification report, --report)|"
        "… and {n} more errors (see the verification report, --report)",
        "cover": "Cover",
        "sommaire": "Contents",
        "sommaire.intro": "The call's pieces in the call's order, then annexes. "
        "Each line links to the piece's first page.",
        "col.piece": "Piece",
        "col.file": "File and rendering",
        "col.page": "Page",
        "annexes": "Annexes",
        "annex": "Annex",
        "missing": "MISSING",
        "invalid": "UNREADABLE",
        "empty": "NO CONTENT",
        "not_required": "not required",
        "undetermined": "TO CHECK: required for some kinds of structure",
        "failed": "NOT CONVERTED",
        "renderer.pdf": "original PDF",
        "renderer.libreoffice": "converted by LibreOffice",
        "renderer.builtin": "rendered by dossierkit (without LibreOffice)",
        "renderer.img2pdf": "image, lossless",
        "renderer.photo": "HEIC photo, converted to JPEG",
        "pages": "{n}\u00a0p.",  # never "1" and "p." on two lines
        "fitted.all": "set on A4|set on A4",
        "fitted.some": "{n} of them set on A4|{n} of them set on A4",
        "held_in": "in piece {n} ({label})",
        "signed": "digitally signed original attached",
        "original": "original attached",
        "not_included": "not included",
        "report": "Verification report",
        "report.file": "report by dossierkit {version}",
        "stamp.piece": "Piece {n}/{total} · {label} · p. ",
        "stamp.annex": "Annex {n}/{total} · {label} · p. ",
        "stamp.report": "{label} · p. ",
        "pdf.lang": "en-GB",
        "title": "Request for regional aid — {name}",
        "subject": "{call} — assembled application",
        "keywords": "{call}; Région Hauts-de-France; grant request; third place",
        "manifest": "Assembly manifest: every file of the dossier, its size and SHA-256",
        "attachment.signed": 'Digitally signed original of "{path}" ({label})',
        "attachment.original": 'Original file of "{path}" ({label})',
        "done": "Dossier assembled: {path} ({pages} pages, {front} of them front pages).",
        "failed.line": '{label}: "{path}" not converted ({reason}); marked in the contents.',
        "invalid.line": '{label}: "{path}" unreadable, not included; marked in the contents.',
        "refused": "Dossier incomplete: it is not assembled.",
        "refused.hint": "Complete the dossier, or add --allow-incomplete to assemble it anyway "
        "(the gaps are marked on the cover and in the contents).",
        "exists": '"{path}" already exists: add --force to replace it, or choose another name '
        "with -o.",
        "inside": 'the output "{path}" cannot be inside the dossier being checked (it would be '
        "taken for a piece): choose a path outside it, for example -o {hint}.",
        "no_parent": 'the folder "{path}" to write the file in does not exist.',
        "is_dir": '"{path}" is a folder: give the name of the PDF file to write.',
        "size.large": 'Warning: "{path}" weighs {size}; over 10 MB a file is slow to send and '
        "often refused by e-mail. Scan it at 300 dpi, in greyscale or black and white.",
        "size.lossless": "The PDF weighed {before}: its scanned images were recompressed "
        "without loss ({after}).",
        "size.visually_lossless": "It still weighed {before}: its scanned images were brought "
        "down to 300 dpi at most and stored as JPEG of quality 85, without visible loss "
        "({after}).",
        "size.over": "Warning: the assembled PDF weighs {size}, over the limit of {limit} "
        "(--taille-max); many upload platforms and e-mail services will refuse it. Make the "
        "heaviest files lighter.",
        "corrupt_pdf": "damaged PDF ({reason})",
        "encrypted_pdf": "password-protected PDF",
        "no_renderer": "no built-in rendering for {type}: install LibreOffice",
        "builtin_failed": "the built-in rendering failed ({reason})",
        "image_failed": "unreadable image ({reason})",
    },
}


def text(lang: str, key: str, **values: object) -> str:
    """The text ``key`` in ``lang``; ``one|many`` forms are chosen by the value ``n``.

    French texts get French typography's no-break spaces (before « : ; ! ? », inside « »)
    before the values go in: a file's name is shown as it is spelt.
    """
    template = TEXTS[lang][key]
    if "|" in template:
        one, many = template.split("|")
        template = one if values.get("n") == 1 else many
    if lang == "fr":
        template = french_typography(template)
    return template.format(**values)
