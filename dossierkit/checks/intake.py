"""Checks of the intake (group I): what only shows across dossiers, and what stops one.

``dossierkit verify`` looks at one dossier; an instructor receives many, and some rules only
show between them: one aid per intercommunalité, one account per structure, a piece copied
from another dossier, a dossier sent twice. Other findings of this group say why a dossier of
the inbox could not be verified at all (an unreadable archive, a time-out). They are Checks
like the others (code, name, messages, docstring) and sit in the one registry
(``dossierkit.checks.INTAKE_CHECKS``), so that ``dossierkit checks`` and the README list them
with the others; they run on Candidates, never on files, and ``verify`` never runs them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from itertools import permutations
from typing import Any

from dossierkit.call import Call
from dossierkit.checks.base import Check
from dossierkit.findings import Finding, Severity
from dossierkit.names import same_structure
from dossierkit.text import of_place

# The SHA-256 of zero bytes: every empty file has it, which proves nothing.
EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


@dataclass(frozen=True)
class Candidate:
    """One dossier as the cross checks compare it: from the inbox, or from the register."""

    key: str  # unique among the candidates
    label: str  # the dossier's name as the instructor knows it
    in_inbox: bool  # only dossiers of the inbox receive findings
    application: int  # candidates with the same number are versions of one application
    structure: str | None
    epci_siren: str | None
    epci_name: str | None
    iban: str | None
    fingerprint: str
    files: tuple[tuple[str, str], ...]
    received_at: datetime | None
    epci_from_commune: str | None = None  # the commune the intercommunalité was deduced from


def _date(when: datetime | None) -> str:
    return when.strftime("%d/%m/%Y") if when else "date inconnue"


def _date_en(when: datetime | None) -> str:
    return when.strftime("%Y-%m-%d") if when else "unknown date"


def _structure(c: Candidate) -> str:
    return c.structure or "structure non identifiée"


def _structure_en(c: Candidate) -> str:
    return c.structure or "unidentified structure"


class CrossCheck(Check):
    """A check that compares the dossiers of an inbox with each other and the register."""

    def cross(
        self, candidates: list[Candidate], call: Call | None = None
    ) -> Iterator[tuple[str, Finding]]:
        """Yield (candidate key, finding) for the dossiers of the inbox; ``call`` is the call
        they answer (its rules decide which cross checks apply; all do without it)."""
        raise NotImplementedError


class Combined(CrossCheck):
    """A cross check said once per dossier however many other applications it involves: its
    findings about one subject (``subject``: the intercommunalité, the IBAN, the file) are
    combined into one that names every other application (``combine``), so that three rival
    applications give each dossier one warning, not one per rival."""

    subject: tuple[str, ...] = ()
    # The parameters « {where} » takes: one other application, and several (``{n}``, then
    # the list of « {item} »), in French and in English.
    where: dict[str, tuple[str, str]] = {}

    def combine(self, findings: list[Finding]) -> Finding:
        """One finding for ``findings`` (same code and subject, each about another
        application): the first's parameters, its « where » naming them all."""
        first = findings[0]
        params = dict(first.params)
        for lang, suffix in (("fr", ""), ("en", "_en")):
            one, many = self.where[lang]
            items = [str(f.params.get(f"item{suffix}", f.params["item"])) for f in findings]
            if len(items) == 1:
                params[f"where{suffix}"] = one.format(item=items[0])
            else:
                params[f"where{suffix}"] = many.format(n=len(items), items=" ; ".join(items))
        return replace(first, params=params)

    def found(self, **params: Any) -> Finding:
        """The finding about one other application, its « where » said for it alone."""
        finding = self.finding(**params)
        return self.combine([finding])


class OneAidPerEpci(Combined):
    """Une autre demande a été reçue pour la même intercommunalité.

    La Région n'accorde qu'une aide par intercommunalité : un lieu, ou l'animation d'un
    réseau de lieux, jamais les deux, que la demande vienne de l'intercommunalité elle-même
    ou d'une structure qu'elle désigne. Deux demandes pour le même territoire signalent deux
    porteurs concurrents, ou un lieu et un réseau demandés séparément ; les deux dossiers
    sont signalés, y compris face à une demande reçue lors d'un tri précédent (registre).
    Correction : l'intercommunalité indique à la Région, par un courrier de son président,
    le projet qu'elle désigne ; l'autre demande est retirée. La règle est la condition
    ``one_aid_per_epci`` du fichier d'appel (« L'aide sera unique et devra porter soit sur un
    lieu, soit sur l'animation d'un réseau. ») : sans elle, rien n'est signalé. Avertissement
    et non erreur : c'est à la Région de choisir entre les deux demandes.
    """

    code = "I001"
    name = "une-aide-par-intercommunalite"
    severity = Severity.WARNING
    message = {
        "fr": "{where}. La Région n'accorde qu'une aide par intercommunalité ({epci}) : demandez à l'intercommunalité quel projet elle désigne.",
        "en": "{where}. The Région grants only one aid per intercommunality ({epci}): ask the intercommunality which project it designates.",
    }
    subject = ("epci",)
    where = {
        "fr": (
            "Une autre demande vise la même intercommunalité : {item}",
            "{n} autres demandes visent la même intercommunalité : {items}",
        ),
        "en": (
            "Another application targets the same intercommunality: {item}",
            "{n} other applications target the same intercommunality: {items}",
        ),
    }

    def cross(
        self, candidates: list[Candidate], call: Call | None = None
    ) -> Iterator[tuple[str, Finding]]:
        if call is not None and call.rule("one_aid_per_epci") is None:
            return
        for a, b in _sharing(candidates, lambda c: c.epci_siren):
            if a.application != b.application:
                yield (
                    a.key,
                    self.found(
                        epci=a.epci_name or str(a.epci_siren),
                        other_dossier=b.label,
                        item=f"« {_structure(b)} », dossier « {b.label} » reçu le "
                        f"{_date(b.received_at)}",
                        item_en=f'"{_structure_en(b)}", dossier "{b.label}" received on '
                        f"{_date_en(b.received_at)}",
                    ),
                )


class SharedIban(Combined):
    """Le même IBAN figure dans la demande d'une autre structure.

    L'aide est versée sur un compte au nom de la structure qui la demande. Un même IBAN dans
    les dossiers de deux structures différentes signale un RIB joint par erreur (celui d'une
    structure partenaire, ou de l'intercommunalité qui désigne l'association) ou recopié
    d'un autre dossier. Correction : demandez à chaque structure le RIB de son propre compte.
    """

    code = "I002"
    name = "iban-partage"
    severity = Severity.WARNING
    message = {
        "fr": "L'IBAN {iban} figure aussi {where} : l'aide ne peut être versée que sur un compte au nom de la structure qui la demande.",
        "en": "IBAN {iban} also appears {where}: the aid can only be paid into an account in the name of the applying structure.",
    }
    subject = ("iban",)
    where = {
        "fr": (
            "dans {item}, une autre structure",
            "dans les dossiers de {n} autres structures ({items})",
        ),
        "en": ("in {item}, another structure", "in the dossiers of {n} other structures ({items})"),
    }

    def cross(
        self, candidates: list[Candidate], call: Call | None = None
    ) -> Iterator[tuple[str, Finding]]:
        for a, b in _sharing(candidates, lambda c: c.iban):
            if a.application != b.application and _different_structures(a, b):
                yield (
                    a.key,
                    self.found(
                        iban=str(a.iban),
                        other_dossier=b.label,
                        item=f"le dossier « {b.label} » de « {_structure(b)} »",
                        item_en=f'dossier "{b.label}" of "{_structure_en(b)}"',
                    ),
                )


class SharedFile(Combined):
    """Un fichier est identique à un fichier du dossier d'une autre demande.

    Deux dossiers de structures différentes ne partagent pas une pièce à l'octet près : un
    RIB, une attestation ou un budget identique à celui d'un autre dossier est la pièce d'une
    autre demande, jointe par erreur ou recopiée. Les fichiers sont comparés par leur
    empreinte SHA-256 ; les fichiers vides ne comptent pas. Correction : vérifiez la pièce
    et demandez, si besoin, celle de la bonne structure.
    """

    code = "I003"
    name = "fichier-identique"
    severity = Severity.WARNING
    message = {
        "fr": "« {file_name} » est identique (même empreinte SHA-256) à {where}.",
        "en": '"{file_name}" is identical (same SHA-256) to {where_en}.',
    }
    subject = ("file_name",)
    where = {
        "fr": ("{item}, d'une autre demande", "des fichiers de {n} autres demandes : {items}"),
        "en": ("{item}, another application", "files of {n} other applications: {items}"),
    }

    def cross(
        self, candidates: list[Candidate], call: Call | None = None
    ) -> Iterator[tuple[str, Finding]]:
        holders: dict[str, list[tuple[Candidate, str]]] = defaultdict(list)
        for c in candidates:
            for path, sha in c.files:
                if sha != EMPTY_SHA256:
                    holders[sha].append((c, path))
        for holding in holders.values():
            # One finding per file and other application: the file is named once however
            # many versions of that application hold it too.
            said: set[tuple[str, str, int]] = set()
            for (a, path), (b, other) in permutations(holding, 2):
                if not a.in_inbox or a.application == b.application:
                    continue
                if (a.key, path, b.application) in said or not _different_structures(a, b):
                    continue
                said.add((a.key, path, b.application))
                yield (
                    a.key,
                    self.found(
                        file=path,
                        file_name=path,
                        other_dossier=b.label,
                        item=f"« {other} » du dossier « {b.label} »",
                        item_en=f'"{other}" of dossier "{b.label}"',
                    ),
                )


class SentTwice(CrossCheck):
    """Le même dossier a été reçu deux fois.

    Un dossier envoyé deux fois (par courriel puis par la plateforme, ou décompressé à côté
    de son archive) ne doit être instruit qu'une fois. Les dossiers sont comparés par
    l'empreinte de leur contenu : les mêmes fichiers aux mêmes noms donnent la même
    empreinte, qu'ils arrivent en dossier ou en archive ZIP, avec ou sans fichiers parasites.
    Correction : instruisez l'un des deux ; l'autre reste au registre.
    """

    code = "I004"
    name = "dossier-recu-deux-fois"
    severity = Severity.WARNING
    message = {
        "fr": "Ce dossier est identique au dossier « {other_dossier} » reçu le {date} : ne l'instruisez qu'une fois.",
        "en": 'This dossier is identical to dossier "{other_dossier}" received on {date}: examine it only once.',
    }

    def cross(
        self, candidates: list[Candidate], call: Call | None = None
    ) -> Iterator[tuple[str, Finding]]:
        for a, b in _sharing(candidates, lambda c: c.fingerprint):
            yield (
                a.key,
                self.finding(
                    other_dossier=b.label,
                    date=_date(b.received_at),
                    date_en=_date_en(b.received_at),
                ),
            )


class OtherVersion(CrossCheck):
    """Une autre version de la même demande a été reçue.

    Un demandeur qui complète son dossier l'envoie de nouveau, souvent en entier. La demande
    est reconnue (même structure, même intercommunalité) et son historique est gardé dans le
    registre : chaque version reçue, ses vérifications et les courriers envoyés. Aucune
    correction n'est nécessaire : instruisez la version la plus récente.
    """

    code = "I005"
    name = "autre-version-de-la-demande"
    severity = Severity.INFO
    message = {
        "fr": "Autre version de la même demande : dossier « {other_dossier} », reçu le {date}. L'historique de la demande est gardé dans le registre.",
        "en": 'Another version of the same application: dossier "{other_dossier}", received on {date}. The application\'s history is kept in the register.',
    }

    def cross(
        self, candidates: list[Candidate], call: Call | None = None
    ) -> Iterator[tuple[str, Finding]]:
        # Only the latest other version: a long history would repeat itself on every triage.
        latest: dict[str, Candidate] = {}
        for a, b in _sharing(candidates, lambda c: c.application):
            if a.fingerprint != b.fingerprint:
                known = latest.get(a.key)
                if known is None or _received(b) > _received(known):
                    latest[a.key] = b
        for key, b in latest.items():
            yield (
                key,
                self.finding(
                    other_dossier=b.label,
                    date=_date(b.received_at),
                    date_en=_date_en(b.received_at),
                ),
            )


class EpciFromCommune(CrossCheck):
    """L'intercommunalité est déduite de la commune de la structure.

    Le dossier ne nomme aucune intercommunalité des Hauts-de-France, mais la structure est
    située dans une commune membre de l'une d'elles (référentiel INSEE des EPCI) : elle est
    retenue pour vérifier qu'une seule aide est demandée par intercommunalité. Une commune
    dont le nom est porté par plusieurs communes de la région n'est pas rattachée.
    Correction : nommez l'intercommunalité qui porte ou désigne le projet dans le courrier et
    le dossier technique.
    """

    code = "I006"
    name = "intercommunalite-deduite-de-la-commune"
    severity = Severity.INFO
    message = {
        "fr": "Aucune intercommunalité n'est nommée : la commune {commune} appartient à {epci}, retenue pour le contrôle d'une aide par intercommunalité.",
        "en": "No intercommunality is named: the town of {commune_en} belongs to {epci}, used to check one aid per intercommunality.",
    }

    def cross(
        self, candidates: list[Candidate], call: Call | None = None
    ) -> Iterator[tuple[str, Finding]]:
        for c in candidates:
            if c.in_inbox and c.epci_from_commune is not None:
                yield (
                    c.key,
                    self.finding(
                        commune=of_place(c.epci_from_commune),
                        commune_en=c.epci_from_commune,
                        epci=c.epci_name or c.epci_siren or "",
                    ),
                )


class ArchiveUnreadable(Check):
    """L'archive du dossier ne peut pas être ouverte.

    Un fichier ZIP tronqué (envoi interrompu, pièce jointe coupée par la messagerie), abîmé,
    ou qui n'est pas une archive ne laisse lire aucune pièce ; les autres dossiers sont
    vérifiés normalement. Correction : demandez au demandeur de renvoyer son archive, ou ses
    pièces une à une. Erreur : « Votre demande officielle devra être faite par l'envoi […] des
    documents suivants » ; aucun ne peut être lu.
    """

    code = "I007"
    name = "archive-illisible"
    severity = Severity.ERROR
    message = {
        "fr": "« {archive} » ne peut pas être ouvert : {reason}. Demandez au demandeur de renvoyer son dossier.",
        "en": '"{archive}" cannot be opened: {reason}. Ask the applicant to send the dossier again.',
    }


class ArchiveRefused(Check):
    """L'archive dépasse les limites de décompression.

    Une archive qui se décompresse en beaucoup plus de fichiers ou d'octets qu'un dossier
    réel (une « bombe ZIP ») saturerait le disque ou la mémoire : elle n'est pas décompressée.
    Limites : 2 000 fichiers, 1 Gio en tout, 512 Mio par fichier, et un taux de compression
    de 200 au plus pour un fichier de plus de 1 Mio. Correction : demandez les pièces sans
    archive, ou une archive de taille normale. Erreur : aucun des documents que l'appel
    énumère (« Votre demande officielle devra être faite par l'envoi […] des documents
    suivants ») n'est lu.
    """

    code = "I008"
    name = "archive-refusee"
    severity = Severity.ERROR
    message = {
        "fr": "« {archive} » n'a pas été décompressé : {reason}.",
        "en": '"{archive}" was not unpacked: {reason}.',
    }


class MemberSetAside(Check):
    """Un fichier de l'archive a été écarté.

    Un nom qui sort du dossier (« ../ », chemin absolu), un lien symbolique, un fichier
    chiffré ou un nom en double ne peut pas être décompressé sans risque : il est laissé de
    côté et signalé, le reste de l'archive est vérifié. Si c'était une pièce, elle est
    signalée manquante. Correction : demandez la pièce concernée dans un fichier ordinaire.
    Une archive contenue dans l'envoi est ouverte sur un niveau ; plus profonde, chiffrée ou
    hors limites, elle reste non ouverte et est signalée ici : l'envoi reste une demande,
    jamais un complément. Correction : la décompresser hors du dossier d'arrivée et déposer
    le dossier décompressé comme un nouvel envoi, ou demander au demandeur un dossier sans
    archive ni mot de passe.
    """

    code = "I009"
    name = "fichier-archive-ecarte"
    severity = Severity.WARNING
    message = {
        "fr": "« {name} », dans l'archive, a été écarté : {reason}.",
        "en": '"{name}", in the archive, was set aside: {reason}.',
    }


class VerificationTimeout(Check):
    """La vérification du dossier a dépassé le temps permis.

    Un dossier se vérifie en quelques secondes ; un fichier démesuré ou pathologique peut
    bloquer sa lecture. Passé le délai, la vérification de ce dossier est arrêtée et les
    autres continuent. Correction : vérifiez ce dossier seul (``dossierkit verify``) pour
    trouver le fichier en cause, ou relancez le tri avec un délai plus long (``--timeout``).
    Ce n'est pas une règle de l'appel mais l'absence de vérification : tant que les pièces
    qu'il énumère (« Votre demande officielle devra être faite par l'envoi […] des documents
    suivants ») n'ont pas été lues, le dossier ne peut pas être dit complet, d'où l'erreur.
    """

    code = "I010"
    name = "verification-trop-longue"
    severity = Severity.ERROR
    message = {
        "fr": "La vérification n'a pas abouti en {seconds} s et a été arrêtée : vérifiez ce dossier seul avec « dossierkit verify » pour trouver le fichier en cause.",
        "en": "The verification did not finish within {seconds} s and was stopped: check this dossier alone with “dossierkit verify” to find the file at fault.",
    }


class VerificationFailed(Check):
    """La vérification du dossier a échoué.

    Un incident (un fichier qui fait planter une bibliothèque de lecture, la mémoire
    épuisée) a arrêté la vérification de ce dossier ; les autres dossiers sont vérifiés
    normalement. Correction : vérifiez ce dossier seul avec ``dossierkit verify`` et signalez
    le problème avec le dossier qui l'a provoqué. Comme pour I010, l'erreur dit que rien n'a
    été vérifié, non que le dossier enfreint une règle de l'appel.
    """

    code = "I011"
    name = "verification-en-echec"
    severity = Severity.ERROR
    message = {
        "fr": "La vérification a échoué ({reason}) : vérifiez ce dossier seul avec « dossierkit verify » et signalez le problème.",
        "en": "The verification failed ({reason}): check this dossier alone with “dossierkit verify” and report the problem.",
    }


def _sharing(
    candidates: list[Candidate], key: Callable[[Candidate], object | None]
) -> Iterator[tuple[Candidate, Candidate]]:
    """Every (inbox candidate, other candidate) pair with the same ``key`` (None shares
    nothing). Grouping first keeps a year of register history cheap to compare."""
    groups: dict[object, list[Candidate]] = defaultdict(list)
    for c in candidates:
        value = key(c)
        if value is not None:
            groups[value].append(c)
    for group in groups.values():
        for a, b in permutations(group, 2):
            if a.in_inbox:
                yield a, b


def _different_structures(a: Candidate, b: Candidate) -> bool:
    """Both structures are known and are not one written two ways."""
    return (
        a.structure is not None
        and b.structure is not None
        and not same_structure(a.structure, b.structure)
    )


def _received(c: Candidate) -> datetime:
    return c.received_at or datetime.min
