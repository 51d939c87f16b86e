"""Checks on the pieces the call asks for: present, unique, recognised."""

from __future__ import annotations

from collections.abc import Iterator

from dossierkit.checks.base import Check
from dossierkit.classify import generic_name
from dossierkit.dossier import Dossier, DossierFile
from dossierkit.findings import Finding, Severity
from dossierkit.versions import REASONS


class MissingPiece(Check):
    """Une pièce exigée par l'appel à projets manque.

    L'appel énumère les documents de la demande officielle ; un dossier auquel il en manque un
    ne peut pas être instruit. La pièce est recherchée d'après le nom et le contenu de chaque
    fichier. Correction : ajoutez la pièce au dossier, ou, si elle y est sous un nom qui ne la
    désigne pas, renommez le fichier (« RIB.pdf », « Statuts.pdf ») ou déclarez-le dans
    ``dossier.yaml``.
    """

    code = "P001"
    name = "piece-manquante"
    severity = Severity.ERROR
    message = {
        "fr": "Pièce manquante : {label}. Ajoutez {help}.",
        "en": "Missing piece: {label}. Add {help}.",
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        for piece in dossier.pieces:
            if piece.status == "missing":
                yield self.finding(piece=piece.spec.kind)


class UnreadablePiece(Check):
    """Une pièce exigée n'est présente que sous forme de fichiers illisibles.

    Les fichiers sont reconnus comme la pièce, mais aucun ne peut être ouvert : pour
    l'instruction, la pièce manque. Les constats sur chaque fichier disent comment le réparer.
    C'est une erreur comme une pièce absente : « Votre demande officielle devra être faite par
    l'envoi […] des documents suivants ».
    """

    code = "P002"
    name = "piece-illisible"
    severity = Severity.ERROR
    message = {
        "fr": "{label} : aucun des fichiers fournis ne peut être lu ({files}).",
        "en": "{label}: none of the files provided can be read ({files}).",
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        for piece in dossier.pieces:
            if piece.status == "invalid":
                files = ", ".join(f"« {f.rel} »" for f in piece.files)
                yield self.finding(
                    piece=piece.spec.kind,
                    file=piece.files[0].rel,
                    files=files,
                )


class DuplicatePiece(Check):
    """Plusieurs fichiers semblent être des versions de la même pièce.

    Deux versions d'un même document (« RIB.pdf » et « RIB (2).pdf », un brouillon et la
    version finale) prêtent à confusion. dossierkit retient, dans l'ordre : un fichier rempli
    plutôt qu'un modèle vide, celui qui n'est pas marqué comme brouillon, celui marqué
    « FINAL » ou « définitif », le numéro de version le plus élevé, la date la plus récente,
    l'original plutôt que sa copie « (2) », le PDF plutôt que le document à convertir ; il dit
    lequel et pourquoi. Ne sont pas des versions : le PDF exporté d'un document Word posé à
    côté (même nom), ni la page d'un courrier numérisée à part (« Courrier p2.pdf »), lue
    comme la suite du courrier. Correction : ne laissez dans le dossier que la version à
    instruire.
    """

    code = "P003"
    name = "piece-en-double"
    severity = Severity.WARNING
    message = {
        "fr": "{label} : plusieurs versions de la même pièce ({files}) ; « {used} » a été retenu ({reason}). Retirez les autres versions.",
        "en": '{label}: several versions of the same piece ({files}); "{used}" was used ({reason_en}). Remove the other versions.',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        for piece in dossier.pieces:
            if piece.used is not None and piece.others:
                files = ", ".join(_named(f) for f in (piece.used, *piece.others))
                fr, en = REASONS[piece.reason or "name"]
                yield self.finding(
                    piece=piece.spec.kind,
                    file=piece.used.rel,
                    page=piece.used.page_range[0] if piece.used.page_range else None,
                    files=files,
                    used=piece.used.rel,
                    reason=fr,
                    reason_en=en,
                )


def _named(f: DossierFile) -> str:
    """« file » or « file », pages 2–3 for a unit of a file that holds several pieces."""
    label = f.range_label
    return f"« {f.rel} »" + (f", {label}" if label else "")


class UnrecognisedFile(Check):
    """Un fichier n'a été reconnu comme aucune pièce ni annexe de l'appel.

    Ni son nom ni son contenu ne désignent une pièce : il est gardé comme « autre annexe ».
    Si c'est une pièce demandée, elle sera comptée comme manquante. Correction : donnez-lui
    un nom explicite (« Budget prévisionnel.xlsx ») ou déclarez-le dans ``dossier.yaml``.
    """

    code = "P004"
    name = "fichier-non-reconnu"
    severity = Severity.INFO
    message = {
        "fr": "« {file_name} » n'a été reconnu comme aucune pièce de l'appel : il est gardé comme annexe. S'il s'agit d'une pièce demandée, renommez-le ou déclarez-le dans dossier.yaml.",
        "en": '"{file_name}" was not recognised as any piece of the call: it is kept as an annex. If it is a requested piece, rename it or declare it in dossier.yaml.',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        for f in dossier.files:
            if f.role == "unclassified" and f.problem is None:
                yield self.finding(piece="autre", file=f.rel, file_name=f.rel)


class RequirementUnknown(Check):
    """On ne peut pas savoir si une pièce conditionnelle est exigée.

    Les statuts ne sont demandés qu'aux associations, la délégation de signature que lorsque le
    courrier n'est pas signé par le responsable légal. Quand le dossier ne permet pas de le
    déterminer, la pièce n'est pas comptée comme manquante mais signalée. Correction : indiquez
    le type de structure (et le signataire) dans ``dossier.yaml``.
    """

    code = "P005"
    name = "exigence-indeterminee"
    severity = Severity.WARNING
    message = {
        "fr": "{label} : impossible de savoir si cette pièce est exigée ({why}). Précisez-le dans dossier.yaml.",
        "en": "{label}: cannot tell whether this piece is required ({why}). State it in dossier.yaml.",
    }
    WHY = {
        "structure.kind": (
            "le type de structure n'a pas été reconnu",
            "the kind of structure was not recognised",
        ),
        "signatory.is_legal_representative": (
            "le signataire du courrier n'est pas connu",
            "the letter's signatory is not known",
        ),
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        for piece in dossier.pieces:
            condition = piece.spec.required_when
            # The délégation is only asked for once a signatory is known: its absence is normal.
            if (
                piece.required is None
                and piece.status == "not_required"
                and condition
                and condition.fact == "structure.kind"
            ):
                why_fr, why_en = self.WHY[condition.fact]
                yield self.finding(
                    piece=piece.spec.kind,
                    why=why_fr,
                    why_en=why_en,
                )


class MisleadingName(Check):
    """Le nom du fichier désigne une pièce, son contenu une autre.

    dossierkit suit le contenu quand il est net : un fichier « budget.pdf » qui contient un
    courrier est pris pour le courrier. Un nom qui ne dit que « courrier » ou « lettre » dit
    la sorte de papier, non la pièce : quand le courrier de demande est dans un autre fichier,
    « Courrier Crédit Coopératif ouverture compte.pdf » qui contient le RIB est le courrier
    de la banque, et son nom ne trompe pas. Correction : vérifiez que vous avez joint le bon
    fichier et renommez-le d'après son contenu.
    """

    code = "P006"
    name = "nom-trompeur"
    severity = Severity.WARNING
    message = {
        "fr": "« {file_name} » porte le nom d'une autre pièce ({named}) mais son contenu est celui de : {label}. Vérifiez que c'est le bon fichier et renommez-le.",
        "en": '"{file_name}" is named like another piece ({named}) but its content is that of: {label}. Check it is the right file and rename it.',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        for f in dossier.files:
            c = f.classification
            if c is None or c.name_kind is None or f.kind is None or c.name_kind == f.kind:
                continue
            if f.runs:  # a file of several pieces: its name cannot name them all
                continue
            if generic_name(f.rel, dossier.call) and _elsewhere(dossier, c.name_kind, f):
                continue
            named = dossier.call.spec(c.name_kind).label
            yield self.finding(
                piece=f.kind,
                file=f.rel,
                file_name=f.rel,
                named=named["fr"],
                named_en=named["en"],
            )


def _elsewhere(dossier: Dossier, kind: str, f: DossierFile) -> bool:
    """Whether the piece ``kind`` is present in a file other than ``f``."""
    return any(
        piece.used is not None and piece.used.rel != f.rel
        for piece in dossier.pieces
        if piece.spec.kind == kind
    )


class EmptyDossier(Check):
    """Le dossier ne contient aucun document.

    Le dossier est vide, ou ne contient que des fichiers parasites (« .DS_Store »,
    « Thumbs.db », fichiers de verrouillage « ~$… »). Correction : vérifiez le chemin du
    dossier et copiez-y les pièces de la demande.
    """

    code = "P007"
    name = "dossier-vide"
    severity = Severity.ERROR
    message = {
        "fr": "Le dossier « {dossier} » ne contient aucun document : vérifiez le chemin et copiez-y les pièces de la demande.",
        "en": 'The folder "{dossier}" contains no document: check the path and copy the pieces of the application into it.',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        if not dossier.files:
            yield self.finding(dossier=dossier.name)
