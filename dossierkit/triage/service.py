"""The instructing service's identity, configured once: who writes the letters, and where.

A letter leaves the Région signed by a person of a service, with that service's address,
contact and the court an applicant may seize: none of this is known to dossierkit, and none
of it may be left blank in a letter (art. R112-5 of the Code des relations entre le public
et l'administration requires the service's designation, postal and electronic address and
telephone in an acknowledgement). The service writes it once with ``dossierkit config``;
it is kept in the user's configuration folder (platformdirs), beside a ``modeles/`` folder
where the service's own letter templates override the shipped ones, so that an upgrade of
dossierkit never loses them.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from dossierkit.errors import UsageError

CONFIG_FILE = "service.toml"
TEMPLATES_FOLDER = "modeles"
# Set to use another configuration folder, or file (tests, or a service sharing its settings on
# a network drive).
CONFIG_VARIABLE = "DOSSIERKIT_CONFIG"


@dataclass(frozen=True)
class Setting:
    """One setting of the service: its key in the file, what it is (in French, and in
    English for ``--lang en``), an example."""

    key: str
    label: str
    example: str
    default: str | None = None
    label_en: str = field(kw_only=True)


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "service",
        "service instructeur",
        "Mission du Développement des Usages Numériques",
        label_en="instructing service",
    ),
    Setting(
        "direction",
        "direction",
        "Direction du Numérique",
        label_en="directorate",
    ),
    Setting(
        "adresse",
        "adresse postale du service",
        "151 boulevard Hoover, 59555 Lille Cedex",
        label_en="postal address of the service",
    ),
    Setting(
        "ville",
        "ville où les courriers sont datés",
        "Lille",
        label_en="town the letters are dated from",
    ),
    Setting(
        "instructeur",
        "prénom et nom de la personne qui suit les dossiers",
        "Claire Martin",
        label_en="first name and surname of the person who follows the dossiers",
    ),
    Setting(
        "courriel",
        "adresse électronique du service",
        "tiers-lieux@hautsdefrance.fr",
        label_en="e-mail address of the service",
    ),
    Setting(
        "telephone",
        "numéro de téléphone du service",
        "03 74 27 00 00",
        label_en="telephone number of the service",
    ),
    Setting(
        "signataire",
        "prénom et nom du signataire des courriers",
        "Jean Dupont",
        label_en="first name and surname of the letters' signatory",
    ),
    Setting(
        "fonction_signataire",
        "fonction du signataire",
        "Directeur du Numérique",
        label_en="title of the signatory",
    ),
    Setting(
        "delegation",
        "formule de délégation au-dessus de la signature",
        "Pour le Président du Conseil régional et par délégation,",
        "Pour le Président du Conseil régional et par délégation,",
        label_en="delegation formula above the signature",
    ),
    Setting(
        "tribunal",
        "tribunal administratif compétent, avec son adresse",
        "Tribunal administratif de Lille, 5 rue Geoffroy-Saint-Hilaire, CS 62039, "
        "59014 Lille Cedex",
        "Tribunal administratif de Lille, 5 rue Geoffroy-Saint-Hilaire, CS 62039, "
        "59014 Lille Cedex",
        label_en="competent administrative court, with its address",
    ),
    Setting(
        "delai_complements",
        "délai laissé pour envoyer les pièces demandées, en jours (art. L114-5 du CRPA)",
        "30",
        "30",
        label_en="time given to send the pieces asked for, in days (art. L114-5 of the CRPA)",
    ),
)
BY_KEY = {s.key: s for s in SETTINGS}


class ServiceError(UsageError):
    """A setting is missing or wrong; the message names it and how to set it."""


def _named_file() -> Path | None:
    """The configuration file ``DOSSIERKIT_CONFIG`` names, when it names a file rather than
    a folder: « service.toml » shared on a network drive, as a service naturally points to
    it (it was taken for a folder, and one was made under the file's name)."""
    named = os.environ.get(CONFIG_VARIABLE)
    if named and (named.endswith(".toml") or Path(named).is_file()):
        return Path(named)
    return None


def config_dir() -> Path:
    """The folder of the service's configuration and templates (the named file's folder)."""
    if (file := _named_file()) is not None:
        return file.parent
    if folder := os.environ.get(CONFIG_VARIABLE):
        return Path(folder)
    from platformdirs import user_config_dir

    return Path(user_config_dir("dossierkit", appauthor=False))


def config_path() -> Path:
    """The service's configuration file."""
    return _named_file() or config_dir() / CONFIG_FILE


def templates_override() -> Path:
    """The folder whose letter templates replace the shipped ones, name for name."""
    return config_dir() / TEMPLATES_FOLDER


@dataclass(frozen=True)
class Service:
    """The settings written by the service; defaults stand for those it has not written."""

    values: dict[str, str]

    def get(self, key: str) -> str | None:
        """The setting's value, its default when unset, None when neither."""
        value = self.values.get(key, "").strip()
        return value or BY_KEY[key].default

    def require(self, key: str) -> str:
        """The setting's value; a ``ServiceError`` naming the setting when it has none."""
        value = self.get(key)
        if value is None:
            setting = BY_KEY[key]
            raise ServiceError(
                f"le réglage « {key} » ({setting.label}) n'est pas renseigné : un courrier ne "
                f"part jamais avec un blanc. Renseignez-le avec "
                f'« dossierkit config {key} "{setting.example}" ».',
                english=f'the setting "{key}" ({setting.label_en}) is not set: a letter never '
                f'leaves with a blank. Set it with: dossierkit config {key} "{setting.example}"',
            )
        return value

    def missing(self) -> list[Setting]:
        """The settings that have neither a value nor a default."""
        return [s for s in SETTINGS if self.get(s.key) is None]

    def complement_days(self) -> int:
        """The delay for sending missing pieces, in days."""
        text = self.require("delai_complements")
        if not text.isdigit() or not 1 <= int(text) <= 365:
            raise ServiceError(
                f"le réglage « delai_complements » vaut « {text} » : indiquez un nombre de "
                "jours entre 1 et 365, par exemple « dossierkit config delai_complements 30 ».",
                english=f'the setting "delai_complements" is "{text}": give a number of days '
                "from 1 to 365, for example: dossierkit config delai_complements 30",
            )
        return int(text)


def load_service(path: Path | None = None) -> Service:
    """The service's settings; none when the file does not exist yet."""
    path = path or config_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Service({})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ServiceError(
            f"le fichier de configuration « {path} » est illisible ({exc}) : corrigez-le ou "
            "supprimez-le, puis renseignez les réglages avec « dossierkit config ».",
            english=f'the configuration file "{path}" cannot be read ({exc}): correct or delete '
            'it, then write the settings with "dossierkit config".',
        ) from exc
    unknown = sorted(set(data) - set(BY_KEY))
    if unknown:
        raise ServiceError(
            f"le fichier de configuration « {path} » contient des réglages inconnus "
            f"({', '.join(unknown)}) : les réglages sont {', '.join(BY_KEY)}.",
            english=f'the configuration file "{path}" holds unknown settings '
            f"({', '.join(unknown)}): the settings are {', '.join(BY_KEY)}.",
        )
    return Service({key: str(value) for key, value in data.items()})


def unknown_setting(key: str) -> ServiceError:
    """The error for a setting ``key`` that does not exist, naming those that do."""
    return ServiceError(
        f"réglage inconnu « {key} » : les réglages sont {', '.join(BY_KEY)}.",
        english=f'unknown setting "{key}": the settings are {", ".join(BY_KEY)}.',
    )


def _toml_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def dump(service: Service) -> str:
    """The configuration file's text: one commented line per setting, in a fixed order."""
    lines = ["# Réglages du service instructeur, écrits par « dossierkit config »."]
    for setting in SETTINGS:
        if setting.key in service.values:
            lines.append(f"# {setting.label}")
            lines.append(f"{setting.key} = {_toml_string(service.values[setting.key])}")
    return "\n".join(lines) + "\n"


def save_setting(key: str, value: str, path: Path | None = None) -> Service:
    """Write one setting into the configuration file (created if needed), atomically."""
    if key not in BY_KEY:
        raise unknown_setting(key)
    path = path or config_path()
    service = load_service(path)
    updated = Service({**service.values, key: value.strip()})
    if key == "delai_complements":
        updated.complement_days()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(dump(updated), encoding="utf-8")
    temporary.replace(path)
    return updated
