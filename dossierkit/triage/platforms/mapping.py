"""A platform's mapping: where its export keeps each dossier, date, fact and piece.

A Région portal lays its export out otherwise than Démarches Simplifiées, and names its form's
fields otherwise: what changes from one platform to another is data (a YAML file validated by
``schemas/mapping.schema.json``), so that a new platform is one new mapping, not new code.
Démarches Simplifiées' mapping ships in ``mappings/``; ``--mapping FILE`` gives another.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from dossierkit.errors import InputError
from dossierkit.resources import load_schema, load_yaml

MAPPINGS_DIR = Path(__file__).resolve().parent / "mappings"
# A mapping is a page of YAML; anything larger is not one.
MAX_MAPPING_BYTES = 256 * 1024
# The facts a platform's form may declare (keys of ``faits`` in the schema).
FACTS = (
    "courriel",
    "siret",
    "rna",
    "structure",
    "type_structure",
    "intercommunalite",
    "intercommunalite_siren",
    "forme",
    "montant_demande",
    "iban",
)


class MappingError(InputError):
    """A mapping that cannot be used; ``where`` is the JSON path of the fault."""

    def __init__(self, path: Path, where: str, reason: str) -> None:
        super().__init__(f"{path.name} : {where} : {reason}")
        self.where = where
        self.reason = reason


@dataclass(frozen=True)
class PieceRule:
    """How one piece of the call shows in the export: the form fields that carry it and the
    patterns its file names follow (an export template's renaming)."""

    kind: str
    fields: tuple[str, ...] = ()
    names: tuple[re.Pattern[str], ...] = ()


@dataclass(frozen=True)
class Mapping:
    """A platform's export, as its mapping file describes it."""

    platform: str
    name: str
    timezone: str
    dossier: re.Pattern[str]
    root: str | None = None
    archive: re.Pattern[str] | None = None
    form: re.Pattern[str] | None = None
    piece_folders: tuple[str, ...] = (".",)
    complement_folders: tuple[str, ...] = ()
    ignored_folders: tuple[str, ...] = ()
    suffix: re.Pattern[str] | None = None
    table: re.Pattern[str] | None = None
    sheet: str | None = None
    reference_column: str | None = None
    received_column: str | None = None
    state_column: str | None = None
    extra_sheets: tuple[tuple[str, str], ...] = ()  # (sheet, its dossier-number column)
    form_reference: tuple[str, ...] = ()
    form_received: tuple[str, ...] = ()
    facts: dict[str, tuple[str, ...]] = field(default_factory=dict)
    choices: dict[str, dict[str, str]] = field(default_factory=dict)
    pieces: tuple[PieceRule, ...] = ()
    source: Path | None = None


def _regex(path: Path, where: str, text: str | None) -> re.Pattern[str] | None:
    if text is None:
        return None
    try:
        return re.compile(text, re.IGNORECASE)
    except re.error as exc:
        raise MappingError(path, where, f"expression régulière invalide ({exc})") from exc


def _parse(path: Path, data: dict[str, object]) -> Mapping:
    from dossierkit.text import fold

    layout = data["dossiers"]
    table = data.get("tableau") or {}
    form = data.get("formulaire") or {}
    assert isinstance(layout, dict) and isinstance(table, dict) and isinstance(form, dict)
    dossier = _regex(path, "$.dossiers.dossier", layout["dossier"])
    assert dossier is not None
    if dossier.groupindex.get("numero") is None:
        raise MappingError(
            path, "$.dossiers.dossier", "le motif doit nommer un groupe (?P<numero>…)"
        )
    rules = []
    for kind, rule in (data.get("pieces") or {}).items():  # type: ignore[attr-defined]
        names = tuple(
            p
            for i, text in enumerate(rule.get("noms", ()))
            if (p := _regex(path, f"$.pieces.{kind}.noms[{i}]", text)) is not None
        )
        rules.append(PieceRule(kind, tuple(rule.get("champs", ())), names))
    choices = {
        fact: {fold(k): v for k, v in values.items()}
        for fact, values in (data.get("valeurs") or {}).items()  # type: ignore[attr-defined]
    }
    return Mapping(
        platform=str(data["plateforme"]),
        name=str(data["nom"]),
        timezone=str(data.get("fuseau") or "Europe/Paris"),
        dossier=dossier,
        root=layout.get("racine"),
        archive=_regex(path, "$.dossiers.archive", layout.get("archive")),
        form=_regex(path, "$.dossiers.formulaire", layout.get("formulaire")),
        piece_folders=tuple(layout.get("pieces") or (".",)),
        complement_folders=tuple(layout.get("complements") or ()),
        ignored_folders=tuple(layout.get("ignores") or ()),
        suffix=_regex(path, "$.dossiers.suffixe", layout.get("suffixe")),
        table=_regex(path, "$.tableau.fichier", table.get("fichier")),
        sheet=table.get("feuille"),
        reference_column=table.get("numero"),
        received_column=table.get("depot"),
        state_column=table.get("etat"),
        extra_sheets=tuple((s["feuille"], s["numero"]) for s in table.get("feuilles_annexes", ())),
        form_reference=tuple(form.get("numero", ())),
        form_received=tuple(form.get("depot", ())),
        facts={k: tuple(v) for k, v in (data.get("faits") or {}).items()},  # type: ignore[attr-defined]
        choices=choices,
        pieces=tuple(rules),
        source=path,
    )


def load_mapping(path: Path) -> Mapping:
    """Parse and validate the mapping at ``path``; MappingError says where it is wrong."""
    import jsonschema
    import yaml

    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise MappingError(path, "$", f"illisible ({exc.strerror})") from exc
    if len(raw) > MAX_MAPPING_BYTES:
        raise MappingError(path, "$", "fichier trop volumineux pour une correspondance")
    try:
        data = load_yaml(raw.decode("utf-8-sig"))  # the C parser when PyYAML has it
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        raise MappingError(path, "$", f"syntaxe invalide ({exc})") from exc
    validator = jsonschema.Draft202012Validator(load_schema("mapping.schema.json"))
    errors = list(validator.iter_errors(data))
    if errors:
        best = jsonschema.exceptions.best_match(errors)
        raise MappingError(path, best.json_path, best.message)
    return _parse(path, data)


def bundled() -> dict[str, Mapping]:
    """The mappings shipped with dossierkit, by platform (``--source``)."""
    found = (load_mapping(p) for p in sorted(MAPPINGS_DIR.glob("*.yaml")))
    return {m.platform: m for m in found}
