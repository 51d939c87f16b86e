"""Checks on the files themselves: can each one be read, and is it what it says it is?"""

from __future__ import annotations

from collections.abc import Iterator

from dossierkit.checks.base import Check
from dossierkit.dossier import Dossier, DossierFile
from dossierkit.findings import Finding, Severity

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
    "doc": "Word ancien format (DOC)",
    "xls": "Excel ancien format (XLS)",
    "zip": "archive ZIP",
    "html": "page HTML",
}


def _piece_has_other_readable(dossier: Dossier, bad: DossierFile) -> bool:
    return any(f is not bad and f.kind == bad.kind and f.readable for f in dossier.files)


class _ProblemCheck(Check):
    """Shared logic: one finding per file whose reading failed with ``problem``."""

    problem: str = ""

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        for f in dossier.files:
            if f.problem != self.problem:
                continue
            # An unreadable file is an error when its piece has no other readable file.
            blocking = f.is_piece and not _piece_has_other_readable(dossier, f)
            yield self.finding(
                piece=f.kind,
                file=f.rel,
                severity=Severity.ERROR if blocking else Severity.WARNING,
                evidence=f.detail,
                file_name=f.rel,
                type=TYPE_NAMES.get(f.type, f.type),
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
    des images (JPEG, PNG, TIFF). Correction : enregistrez le document en PDF.
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
    """Le fichier est dans un ancien format Office (DOC, XLS).

    Ces formats binaires des années 1997-2003 se lisent mal et peuvent contenir des macros.
    Correction : ouvrez-le et enregistrez-le au format .docx, .xlsx ou PDF.
    """

    code = "F005"
    name = "ancien-format-office"
    severity = Severity.ERROR
    problem = "legacy_office"
    message = {
        "fr": "« {file_name} » est dans un ancien format Office ({type}) : enregistrez-le au format .docx, .xlsx ou PDF.",
        "en": '"{file_name}" is in a legacy Office format ({type}): save it as .docx, .xlsx or PDF.',
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
        "fr": "« {file_name} » est trop volumineux pour être lu : réduisez sa résolution (300 ppp suffisent) ou divisez-le.",
        "en": '"{file_name}" is too large to be read: reduce its resolution (300 dpi is enough) or split it.',
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
                piece=f.kind,
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
                yield self.finding(piece=f.kind, file=f.rel, file_name=f.rel)


class ScannedPages(Check):
    """Des pages sont numérisées, sans texte lisible par ordinateur.

    Leur contenu ne peut être vérifié qu'après reconnaissance de caractères (OCR) : la pièce
    est reconnue à son nom, mais ce qu'elle dit n'est pas encore contrôlé. Correction, quand
    c'est possible : joignez le document d'origine exporté en PDF plutôt que sa numérisation.
    """

    code = "F011"
    name = "pages-numerisees"
    severity = Severity.INFO
    message = {
        "fr": "« {file_name} » : {count} page(s) numérisée(s) sans texte ({pages}) ; leur contenu n'est pas lu automatiquement.",
        "en": '"{file_name}": {count} scanned page(s) without text ({pages}); their content is not read automatically.',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        for f in dossier.files:
            if f.document is None or not f.document.scanned_pages:
                continue
            pages = f.document.scanned_pages
            yield self.finding(
                piece=f.kind,
                file=f.rel,
                page=pages[0],
                file_name=f.rel,
                count=str(len(pages)),
                pages="p. "
                + ", ".join(str(p) for p in pages[:10])
                + ("…" if len(pages) > 10 else ""),
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
        "fr": "« {file_name} » a été écarté : {reason}. Copiez le fichier lui-même dans le dossier.",
        "en": '"{file_name}" was set aside: {reason}. Copy the file itself into the folder.',
    }
    REASONS = {
        "link_outside": (
            "c'est un lien vers un emplacement hors du dossier",
            "it is a link to a place outside the folder",
        ),
        "not_a_file": ("ce n'est pas un fichier ordinaire", "it is not a regular file"),
        "unreadable": (
            "il ne peut pas être lu (droits d'accès)",
            "it cannot be read (permissions)",
        ),
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        for entry in dossier.entries:
            if entry.status in self.REASONS:
                fr, en = self.REASONS[entry.status]
                yield self.finding(file=entry.rel, file_name=entry.rel, reason=fr, reason_en=en)
