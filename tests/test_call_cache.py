"""A call file found valid is not validated again at the next start (jsonschema's import and
validation cost 0.13 s of every command), until its text or the schema changes; an invalid
call is refused every time."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import dossierkit.call as call_module
from dossierkit.call import CallFileError, load_call
from dossierkit.resources import calls_dir

BUNDLED = calls_dir() / "tiers-lieux-numerique.yaml"


@pytest.fixture
def validations(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[str]:
    """The origins validated against the schema, with a cache folder of this test's own."""
    monkeypatch.setenv("DOSSIERKIT_CACHE_DIR", str(tmp_path / "cache"))
    seen: list[str] = []
    validate = call_module.validate_call_data

    def counted(data: object, origin: str) -> None:
        seen.append(origin)
        validate(data, origin)

    monkeypatch.setattr(call_module, "validate_call_data", counted)
    return seen


def _copy(folder: Path, edit: str = "") -> Path:
    """The bundled call (and its lexicon) in ``folder``, its version followed by ``edit``."""
    folder.mkdir(parents=True, exist_ok=True)
    data = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))
    data["version"] += edit
    path = folder / BUNDLED.name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    lexicon = BUNDLED.with_name(f"{BUNDLED.stem}.lexicon.yaml")
    (folder / lexicon.name).write_bytes(lexicon.read_bytes())
    return path


def test_a_valid_call_is_validated_once_then_again_when_edited(
    validations: list[str], tmp_path: Path
) -> None:
    path = _copy(tmp_path / "a")
    first = load_call(path)
    assert validations == [str(path)]
    assert load_call(path) == first
    assert validations == [str(path)]  # the second start skips the schema
    edited = _copy(tmp_path / "b", "-rectifié")
    assert load_call(edited).version == "1.0-rectifié"
    assert validations == [str(path), str(edited)]


def test_an_invalid_call_is_refused_every_time(validations: list[str], tmp_path: Path) -> None:
    path = _copy(tmp_path / "a")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    del data["pieces"][0]["kind"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(CallFileError, match="n'est pas valide"):
            load_call(path)
    assert validations == [str(path), str(path)]


def test_a_cache_folder_that_cannot_be_written_only_costs_the_validation(
    validations: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("DOSSIERKIT_CACHE_DIR", str(blocker))
    path = _copy(tmp_path / "a")
    load_call(path)
    load_call(path)
    assert validations == [str(path), str(path)]
