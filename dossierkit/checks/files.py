"""Checks on the files themselves: can each one be read, and is it what it says it is?"""

from __future__ import annotations

from collections.abc import Iterator

from dossierkit.checks.base import Check
from dossierkit.dossier import Dossier, DossierFile
from dossierkit.findings import Finding, Severity
from dossierkit.reading.ocr import MAX_PAGES
from dossierkit.text import counted

TYPE_NAMES = {
    "pdf": "PDF",
    "docx": "Word (DOCX)",
    "docm": "Word avec macros (DOCM)",
    "xlsx": "Excel (XLSX)",
    "xlsm": "Excel avec macros (XLSM)",
    "odt": "OpenDocument texte (ODT)",
    "ods": "OpenDocument tableur (ODS)",
    "csv": "CSV",
    "txt": "texte",
    "jpeg": "image JPEG",
    "png": "image PNG",
    "tiff": "image TIFF",
    "gif": "image GIF",
    "bmp": "image BMP",
    "webp": "image WebP",
    "heic": "photo HEIC",
    "doc": "Word 97-2003 (DOC)",
    "xls": "Excel 97-2003 (XLS)",
    "zip": "archive ZIP",
    "html": "page HTML",
}

# The names above said otherwise in English.
TYPE_NAMES_EN = {
    "docm": "Word with macros (DOCM)",
    "xlsm": "Excel with macros (XLSM)",
    "odt": "OpenDocument text (ODT)",
    "ods": "OpenDocument spreadsheet (ODS)",
    "txt": "text",
    "jpeg": "JPEG image",
    "png": "PNG image",
    "tiff": "TIFF image",
    "gif": "GIF image",
    "bmp": "BMP image",
    "webp": "WebP image",
    "heic": "HEIC photo",
    "zip": "ZIP archive",
    "html": "HTML page",
}
# The format a legacy Office file is saved in today.
_MODERN = {"doc": ".docx", "xls": ".xlsx"}


def _piece(f: DossierFile) -> str | None:
    """The piece a finding on the whole file concerns: none for a file that holds several
    (letter, RIB and statuts scanned together), its own otherwise."""
    return None if f.runs else f.kind


def _piece_has_other_readable(dossier: Dossier, bad: DossierFile) -> bool:
    return any(f is not bad and f.kind == bad.kind and f.readable for f in dossier.files)


class _ProblemCheck(Check):
    """Shared logic: one finding per file whose reading failed with ``problem``.

    An error only when the file's piece has no other readable file: the call requires the
    piece (« Votre demande officielle devra être faite par l'envoi […] des documents
    suivants »), never a file format; a warning otherwise.
    """

    problem: str = ""

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        for f in dossier.files:
            if f.problem != self.problem:
                continue
            # An unreadable file is an error when its piece has no other readable file.
            blocking = f.is_piece and not _piece_has_other_readable(dossier, f)
            yield self.finding(
                piece=_piece(f),
                file=f.rel,
                severity=Severity.ERROR if blocking else Severity.WARNING,
                evidence=f.detail,
                file_name=f.rel,
                type=TYPE_NAMES.get(f.type, f.type),
                type_en=TYPE_NAMES_EN.get(f.type) or TYPE_NAMES.get(f.type, f.type),
                modern=_MODERN.get(f.type, ".docx, .xlsx"),
                detail=f.detail,
            )


class EmptyFile(_ProblemCheck):
    """Le fichier est vide (0 octet).

    Un fichier vide vient souvent d'un envoi ou d'un téléchargement interrompu, ou d'un
    enregistrement qui a échoué. Correction : enregistrez ou exportez de nouveau le document
    et remplacez le fichier.
    """

    code = "F001"
    name = "fichier-vide"
    severity = Severity.ERROR
    problem = "empty"
    message = {
        "fr": "« {file_name} » est vide (0 octet) : enregistrez de nouveau le document et remplacez ce fichier.",
        "en": '"{file_name}" is empty (0 bytes): save the document again and replace this file.',
    }


class EncryptedFile(_ProblemCheck):
    """Le fichier est protégé par un mot de passe.

    Un PDF ou un document Office chiffré ne peut être ni lu par l'instructeur sans le mot de
    passe, ni intégré au dossier assemblé. Correction : ouvrez-le, puis enregistrez-le (ou
    imprimez-le en PDF) sans mot de passe.
    """

    code = "F002"
    name = "fichier-protege"
    severity = Severity.ERROR
    problem = "encrypted"
    message = {
        "fr": "« {file_name} » est protégé par un mot de passe : enregistrez-le sans mot de passe.",
        "en": '"{file_name}" is password-protected: save it without a password.',
    }


class CorruptFile(_ProblemCheck):
    """Le fichier est endommagé ou tronqué.

    Son contenu ne correspond pas à son format ou s'arrête avant la fin : aucun
    logiciel ne pourra l'ouvrir de façon fiable. Correction : exportez de nouveau le document
    depuis le logiciel qui l'a créé, ou numérisez de nouveau l'original.
    """

    code = "F003"
    name = "fichier-endommage"
    severity = Severity.ERROR
    problem = "corrupt"
    message = {
        "fr": "« {file_name} » ({type}) est endommagé ou incomplet et ne peut pas être lu : exportez-le ou numérisez-le de nouveau.",
        "en": '"{file_name}" ({type}) is damaged or truncated and cannot be read: export or scan it again.',
    }


class UnsupportedFile(_ProblemCheck):
    """Le format du fichier n'est pas accepté.

    L'instruction se fait sur des documents PDF, bureautiques (DOCX, XLSX, ODT, ODS, CSV) ou
    des images (JPEG, PNG, TIFF, HEIC). Correction : enregistrez le document en PDF. L'appel
    n'impose aucun format : c'est une erreur seulement quand la pièce n'a pas d'autre fichier
    lisible, car elle manque alors (« devra être faite par l'envoi […] des documents
    suivants ») ; un avertissement sinon.
    """

    code = "F004"
    name = "format-non-accepte"
    severity = Severity.ERROR
    problem = "unsupported"
    message = {
        "fr": "« {file_name} » est au format {type}, qui n'est pas accepté : enregistrez-le en PDF.",
        "en": '"{file_name}" is in {type} format, which is not accepted: save it as PDF.',
    }


class LegacyOfficeFile(_ProblemCheck):
    """Le fichier est dans un ancien format Office (DOC, XLS) qui n'a pas pu être lu.

    Ces formats binaires des années 1997-2003 sont encore envoyés par des collectivités et
    des associations : quand LibreOffice est installé, dossierkit en lit une copie convertie
    (``reading.legacy``) et rien n'est signalé. Sans LibreOffice, ou quand la conversion
    échoue, le fichier n'est pas lu. Correction : installez LibreOffice, ou ouvrez le fichier
    et enregistrez-le au format .docx, .xlsx ou PDF. Comme pour F004, c'est une erreur
    seulement quand la pièce n'a pas d'autre fichier lisible.
    """

    code = "F005"
    name = "ancien-format-office"
    severity = Severity.ERROR
    problem = "legacy_office"
    message = {
        "fr": "« {file_name} » est au format {type}, un ancien format Office qui n'a pas pu être lu : installez LibreOffice pour que dossierkit le lise, ou enregistrez-le au format {modern} ou PDF.",
        "en": '"{file_name}" is in {type_en} format, a legacy Office format that could not be read: install LibreOffice for dossierkit to read it, or save it as {modern} or PDF.',
    }


class ArchiveInDossier(_ProblemCheck):
    """Une archive (ZIP, 7z, RAR) se trouve dans le dossier.

    Les pièces d'une archive ne sont pas examinées une à une. Correction : décompressez
    l'archive dans le dossier et supprimez-la.
    """

    code = "F006"
    name = "archive-dans-le-dossier"
    severity = Severity.WARNING
    problem = "archive"
    message = {
        "fr": "« {file_name} » est une archive : décompressez-la dans le dossier pour que ses pièces soient vérifiées.",
        "en": '"{file_name}" is an archive: extract it into the folder so that its pieces are checked.',
    }


class FileTooLarge(_ProblemCheck):
    """Le fichier dépasse ce que dossierkit lit sans risque.

    Une image de plusieurs centaines de mégapixels ou un document démesuré ne peut pas être
    lu sans épuiser la mémoire. Correction : réduisez la résolution (300 points par pouce
    suffisent) ou divisez le document.
    """

    code = "F007"
    name = "fichier-trop-volumineux"
    severity = Severity.ERROR
    problem = "too_large"
    message = {
        "fr": "« {file_name} » dépasse ce que dossierkit lit sans risque ({detail}) : réduisez-le (300 ppp suffisent pour une numérisation) ou divisez-le.",
        "en": '"{file_name}" exceeds what dossierkit reads safely ({detail}): make it smaller (300 dpi is enough for a scan) or split it.',
    }


class HostileContent(_ProblemCheck):
    """Le fichier contient des constructions dangereuses (entités XML) et n'est pas lu.

    Un document bureautique normal n'en contient jamais ; elles servent à saturer la mémoire
    de qui l'ouvre. Correction : enregistrez de nouveau le document depuis votre traitement de
    texte ou exportez-le en PDF.
    """

    code = "F008"
    name = "contenu-dangereux"
    severity = Severity.ERROR
    problem = "hostile"
    message = {
        "fr": "« {file_name} » contient des éléments XML dangereux et n'a pas été lu : enregistrez-le de nouveau ou exportez-le en PDF.",
        "en": '"{file_name}" contains dangerous XML constructs and was not read: save it again or export it as PDF.',
    }


class MisleadingExtension(Check):
    """L'extension du fichier ne correspond pas à son contenu.

    Un « .pdf » qui est en réalité un document Word s'ouvre mal chez l'instructeur ou sur la
    plateforme de dépôt. dossierkit le lit d'après son contenu. Correction : exportez-le
    réellement au format annoncé (Fichier > Exporter en PDF) ou corrigez l'extension.
    """

    code = "F009"
    name = "extension-trompeuse"
    severity = Severity.WARNING
    message = {
        "fr": "« {file_name} » porte l'extension {claimed} mais c'est un fichier {actual} : il a été lu comme tel ; exportez-le au bon format ou corrigez son nom.",
        "en": '"{file_name}" has the {claimed} extension but is a {actual} file: it was read as such; export it in the right format or fix its name.',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        for f in dossier.files:
            if f.claimed_type is None or f.type in ("empty", "unknown", f.claimed_type):
                continue
            # .dotx/.docx or .tif/.tiff are the same type; only a real mismatch counts.
            yield self.finding(
                piece=_piece(f),
                file=f.rel,
                file_name=f.rel,
                claimed=TYPE_NAMES.get(f.claimed_type, f.claimed_type),
                actual=TYPE_NAMES.get(f.type, f.type),
            )


class MacrosPresent(Check):
    """Le document contient des macros.

    Les macros ne sont jamais exécutées par dossierkit, mais un instructeur prudent n'ouvre pas
    un fichier qui en contient. Correction : enregistrez le document au format .docx ou .xlsx
    (sans macros) ou exportez-le en PDF.
    """

    code = "F010"
    name = "macros"
    severity = Severity.WARNING
    message = {
        "fr": "« {file_name} » contient des macros (non exécutées) : enregistrez-le en .docx/.xlsx sans macros ou en PDF.",
        "en": '"{file_name}" contains macros (not run): save it as .docx/.xlsx without macros or as PDF.',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        for f in dossier.files:
            if f.type in ("docm", "xlsm"):
                yield self.finding(piece=_piece(f), file=f.rel, file_name=f.rel)


def _page_list(pages: tuple[int, ...]) -> str:
    return "p. " + ", ".join(str(p) for p in pages[:10]) + ("…" if len(pages) > 10 else "")


class ScannedPages(Check):
    """Des pages numérisées n'ont pas pu être lues automatiquement.

    dossierkit lit les pages numérisées et les photos par reconnaissance de caractères (OCR,
    avec Tesseract). Ces pages-ci n'ont pas pu l'être : Tesseract n'est pas installé (voir
    F013), la lecture a échoué ou dépassé le temps permis, l'image ne porte aucun texte
    reconnaissable, ou le fichier a trop de pages. La pièce est reconnue à son nom, mais ce
    que disent ces pages n'est pas contrôlé. Correction, quand c'est possible : joignez le
    document d'origine exporté en PDF plutôt que sa numérisation, ou numérisez-le de nouveau,
    droit, à 300 points par pouce.
    """

    code = "F011"
    name = "pages-numerisees"
    severity = Severity.INFO
    message = {
        "fr": "« {file_name} » : {scanned} automatiquement ({pages}) : {reason}.",
        "en": '"{file_name}": {scanned_en} automatically ({pages}): {reason_en}.',
    }
    REASONS = {
        "missing": (
            "Tesseract, qui lit les documents numérisés, n'est pas installé (voir F013)",
            "Tesseract, which reads scanned documents, is not installed (see F013)",
        ),
        "timeout": (
            "leur lecture a dépassé le temps permis",
            "reading them took longer than allowed",
        ),
        "failed": ("leur lecture a échoué", "reading them failed"),
        "no_text": ("aucun texte n'y a été reconnu", "no text was recognised on them"),
        "too_large": (
            "elles sont trop grandes pour être lues sans risque (au-delà du nombre de pixels permis)",
            "they are too large to read safely (over the allowed number of pixels)",
        ),
        "page_limit": (
            f"seules les {MAX_PAGES} premières pages d'un fichier sont lues",
            f"only the first {MAX_PAGES} pages of a file are read",
        ),
        None: ("leur contenu n'est pas lu", "their content is not read"),
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        for f in dossier.files:
            if f.document is None:
                continue
            unread: dict[str | None, list[int]] = {}
            for page in f.document.pages:
                if page.scanned:
                    unread.setdefault(page.unread, []).append(page.number)
            for reason, numbers in unread.items():
                fr, en = self.REASONS.get(reason, self.REASONS["failed"])
                yield self.finding(
                    piece=_piece(f),
                    file=f.rel,
                    page=numbers[0],
                    file_name=f.rel,
                    scanned=counted(
                        len(numbers),
                        "{n} page numérisée non lisible|{n} pages numérisées non lisibles",
                    ),
                    scanned_en=counted(
                        len(numbers),
                        "{n} scanned page that cannot be read|"
                        "{n} scanned pages that cannot be read",
                        "en",
                    ),
                    pages=_page_list(tuple(numbers)),
                    reason=fr,
                    reason_en=en,
                )


class OcrUnavailable(Check):
    """La reconnaissance de caractères (Tesseract) n'est pas installée.

    Les documents numérisés et les photos (un courrier signé à la main puis numérisé, un RIB
    photographié, des statuts imprimés) ne se lisent que par reconnaissance de caractères.
    Sans Tesseract et sa langue française, ces pièces sont reconnues à leur nom mais leur
    contenu n'est pas contrôlé : le constat est un avertissement, car une erreur dans l'une
    d'elles passerait inaperçue ; ce n'est pas une erreur, car le dossier n'y est pour rien et
    son verdict ne doit pas dépendre de l'ordinateur qui le vérifie. Correction : installez
    Tesseract avec la commande indiquée, puis relancez la vérification.
    """

    code = "F013"
    name = "ocr-indisponible"
    severity = Severity.WARNING
    message = {
        "fr": "Tesseract (reconnaissance de caractères, avec le français) n'est pas installé : {unread} automatiquement ({files}). Installez-le : {command}",
        "en": "Tesseract (text recognition, with French) is not installed: {unread_en} automatically ({files}). Install it: {command_en}",
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        from dossierkit.external.tesseract import install_command

        files = [
            f.rel
            for f in dossier.files
            if f.document is not None and any(p.unread == "missing" for p in f.document.pages)
        ]
        if files:
            yield self.finding(
                unread=counted(
                    len(files),
                    "{n} fichier numérisé n'est pas lisible|"
                    "{n} fichiers numérisés ne sont pas lisibles",
                ),
                unread_en=counted(
                    len(files),
                    "{n} scanned file cannot be read|{n} scanned files cannot be read",
                    "en",
                ),
                files=", ".join(f"« {name} »" for name in files),
                files_en=", ".join(f'"{name}"' for name in files),
                command=install_command(),
                command_en=install_command("en"),
            )


class ReadByOcr(Check):
    """Des pages numérisées ont été lues par reconnaissance de caractères.

    Une page numérisée ou photographiée est lue par reconnaissance de caractères (OCR) et
    contrôlée comme un document né numérique ; la confiance de la lecture (de 0 à 100 %) dit
    combien elle est sûre. Un chiffre lu avec une confiance faible (un IBAN, un montant) ne
    produit jamais d'erreur : le contrôle qui en dépend demande de regarder la page. Rien à
    corriger ; pour une lecture plus sûre, joignez le document d'origine exporté en PDF.
    """

    code = "F014"
    name = "lu-par-ocr"
    severity = Severity.INFO
    message = {
        "fr": "« {file_name} » : {scanned} par reconnaissance de caractères ({pages}), confiance {confidence} %.",
        "en": '"{file_name}": {scanned_en} by text recognition ({pages}), confidence {confidence}%.',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        for f in dossier.files:
            if f.document is None or not f.document.ocr_pages:
                continue
            pages = [p for p in f.document.pages if p.ocr_confidence is not None]
            confidences = [p.ocr_confidence for p in pages if p.ocr_confidence is not None]
            yield self.finding(
                piece=_piece(f),
                file=f.rel,
                page=pages[0].number,
                file_name=f.rel,
                scanned=counted(len(pages), "{n} page numérisée lue|{n} pages numérisées lues"),
                scanned_en=counted(
                    len(pages), "{n} scanned page read|{n} scanned pages read", "en"
                ),
                pages=_page_list(tuple(p.number for p in pages)),
                confidence=f"{sum(confidences) / len(confidences):.0f}",
            )


class SetAside(Check):
    """Un élément du dossier a été écarté sans être lu.

    Un lien qui pointe hors du dossier n'est jamais suivi (il pourrait désigner n'importe quel
    fichier de l'ordinateur) ; un tube, un périphérique ou un fichier sans droit de lecture ne
    peut pas être lu. Correction : copiez le fichier lui-même dans le dossier, avec les droits
    de lecture.
    """

    code = "F012"
    name = "element-ecarte"
    severity = Severity.WARNING
    message = {
        "fr": "« {file_name} » a été écarté : {reason}.",
        "en": '"{file_name}" was set aside: {reason}.',
    }
    REASONS = {
        "link_outside": (
            "c'est un lien vers un emplacement hors du dossier ; copiez le fichier lui-même dans le dossier",
            "it is a link to a place outside the folder; copy the file itself into the folder",
        ),
        "link_inside": (
            "c'est un lien vers un dossier qui fait déjà partie du dossier, dont les fichiers sont lus une seule fois, à leur place ; rien à faire, ou supprimez le lien",
            "it is a link to a folder already inside the folder, whose files are read once, where they are; nothing to do, or delete the link",
        ),
        "not_a_file": (
            "ce n'est pas un fichier ordinaire ; copiez le fichier lui-même dans le dossier",
            "it is not a regular file; copy the file itself into the folder",
        ),
        "unreadable": (
            "il ne peut pas être lu (droits d'accès) ; donnez-lui les droits de lecture",
            "it cannot be read (permissions); make it readable",
        ),
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        for entry in dossier.entries:
            if entry.status in self.REASONS:
                fr, en = self.REASONS[entry.status]
                # A link to a folder already read loses nothing: said, not warned.
                harmless = entry.status == "link_inside"
                yield self.finding(
                    file=entry.rel,
                    severity=Severity.INFO if harmless else None,
                    file_name=entry.rel,
                    reason=fr,
                    reason_en=en,
                )


class ReadingTimedOut(_ProblemCheck):
    """La lecture du fichier a dépassé le temps permis et a été interrompue.

    Un fichier ordinaire se lit en quelques secondes ; celui-ci a été arrêté pour que le
    reste du dossier soit vérifié. Il est souvent malformé ou démesuré. Correction : exportez
    de nouveau le document en PDF depuis le logiciel qui l'a créé (ou réduisez sa taille).
    """

    code = "F015"
    name = "lecture-trop-longue"
    severity = Severity.ERROR
    problem = "timeout"
    message = {
        "fr": "« {file_name} » : la lecture a été interrompue, trop longue ; exportez de nouveau le document en PDF.",
        "en": '"{file_name}": reading was stopped, it took too long; export the document to PDF again.',
    }


class ReaderCrashed(_ProblemCheck):
    """Le lecteur du fichier s'est arrêté brutalement.

    Un fichier malformé peut faire tomber une bibliothèque de lecture ; dossierkit lit chaque
    fichier à part pour que le reste du dossier soit vérifié. Correction : exportez de
    nouveau le document en PDF depuis le logiciel qui l'a créé.
    """

    code = "F016"
    name = "lecteur-arrete"
    severity = Severity.ERROR
    problem = "crashed"
    message = {
        "fr": "« {file_name} » a arrêté brutalement le lecteur ({type}) : exportez de nouveau le document en PDF.",
        "en": '"{file_name}" made the reader stop abruptly ({type}): export the document to PDF again.',
    }


class ActiveContent(Check):
    """Le PDF contient du contenu actif : JavaScript, lancement de programme ou fichiers joints.

    Un document de demande n'en a pas besoin, et un instructeur prudent n'ouvre pas un PDF
    qui exécute du code. dossierkit ne l'exécute jamais et ne l'ouvre pas. Correction :
    imprimez le document en PDF (« Microsoft Print to PDF », « Enregistrer au format PDF »),
    ce qui retire le contenu actif, et joignez les fichiers joints à part.
    """

    code = "F017"
    name = "contenu-actif"
    severity = Severity.WARNING
    message = {
        "fr": "« {file_name} » contient du contenu actif ({kinds}), qui n'a pas été exécuté : imprimez-le en PDF pour le retirer.",
        "en": '"{file_name}" holds active content ({kinds}), which was not run: print it to PDF to remove it.',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        for f in dossier.files:
            if f.document is not None and f.document.active:
                yield self.finding(
                    piece=_piece(f), file=f.rel, file_name=f.rel, kinds=", ".join(f.document.active)
                )
