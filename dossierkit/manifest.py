"""The optional ``dossier.yaml`` (or ``.json``) in which an applicant states facts.

Instructors receive no manifest, so everything it says can also be inferred; when it is
there it wins over inference, and each fact the documents contradict is reported.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from dossierkit.errors import InputError
from dossierkit.resources import load_schema, load_yaml

# A manifest is a few lines; anything larger is not one.
MAX_MANIFEST_BYTES = 64 * 1024


class ManifestError(InputError):
    """A manifest that cannot be used; ``where`` is the JSON path of the fault."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"{where}: {reason}")
        self.where = where
        self.reason = reason


@dataclass(frozen=True)
class Manifest:
    """Declared facts (``structure.kind`` → ``association``…) and file → piece mapping."""

    facts: dict[str, object] = field(default_factory=dict)
    pieces: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Where the facts were declared, when not in the file itself (a platform's form).
    declared_by: str | None = None


def _facts(data: dict[str, object]) -> dict[str, object]:
    structure = data.get("structure") or {}
    projet = data.get("projet") or {}
    assert isinstance(structure, dict) and isinstance(projet, dict)
    facts: dict[str, object] = {}
    for key, name in (
        ("nom", "structure.name"),
        ("type", "structure.kind"),
        ("siren", "structure.siren"),
        ("iban", "rib.iban"),
        ("rna", "structure.rna"),
        ("intercommunalite", "intercommunalite.name"),
    ):
        if key in structure:
            facts[name] = structure[key]
    legal = structure.get("responsable_legal") or {}
    signer = structure.get("signataire") or {}
    if legal:
        facts["legal_representative.name"] = legal["nom"]
    if signer:
        facts["signatory.name"] = signer["nom"]
    if legal and signer:
        from dossierkit.text import fold

        facts["signatory.is_legal_representative"] = fold(legal["nom"]) == fold(signer["nom"])
    if "forme" in projet:
        facts["project.form"] = projet["forme"]
    if "montant_demande" in projet:
        from dossierkit.amounts import parse_amount

        amount = parse_amount(str(projet["montant_demande"]))
        if amount is not None:
            facts["courrier.amount_requested"] = str(amount)
    return facts


def load_manifest(path: Path) -> Manifest:
    """Parse and validate a manifest; ManifestError says where it is wrong."""
    import jsonschema
    import yaml

    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ManifestError("$", f"illisible ({exc.strerror})") from exc
    if len(raw) > MAX_MANIFEST_BYTES:
        raise ManifestError("$", "fichier trop volumineux pour un manifeste")
    try:
        text = raw.decode("utf-8-sig")
        data = json.loads(text) if path.suffix.lower() == ".json" else load_yaml(text)
    except (UnicodeDecodeError, json.JSONDecodeError, yaml.YAMLError) as exc:
        raise ManifestError("$", f"syntaxe invalide ({exc})") from exc
    if data is None:
        data = {}
    validator = jsonschema.Draft202012Validator(load_schema("manifest.schema.json"))
    errors = list(validator.iter_errors(data))
    if errors:
        best = jsonschema.exceptions.best_match(errors)
        raise ManifestError(best.json_path, best.message)
    pieces = {
        kind: (value,) if isinstance(value, str) else tuple(value)
        for kind, value in (data.get("pieces") or {}).items()
    }
    return Manifest(facts=_facts(data), pieces=pieces, declared_by=data.get("declare_par"))
