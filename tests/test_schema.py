"""The committed JSON Schema matches the models and accepts every valid pack file."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from helpers import PACKS
from ruamel.yaml import YAML

from cbt_tui.domain.packs.schema import SCHEMA_FILE, pack_json_schema
from cbt_tui.paths import builtin_packs_dir


def as_json(path: Path):
    """YAML to the JSON an editor's schema checker sees (dates become strings)."""
    return json.loads(json.dumps(YAML(typ="safe").load(path.read_text(encoding="utf-8")), default=str))


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft7Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def test_committed_schema_matches_the_models() -> None:
    committed = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert committed == pack_json_schema(), "run `make schema` and commit the result"


PACK_FILES = sorted(builtin_packs_dir().rglob("*.yaml")) + sorted((PACKS / "valid").rglob("*.y*ml"))


@pytest.mark.parametrize("path", PACK_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_schema_accepts_valid_pack_files(validator, path: Path) -> None:
    errors = [e.message for e in validator.iter_errors(as_json(path))]
    assert errors == []


def test_schema_refuses_a_misspelt_key(validator) -> None:
    assert not validator.is_valid(as_json(PACKS / "invalid" / "misspelt-key.yaml"))
