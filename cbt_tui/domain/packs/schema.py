"""The pack format's JSON Schema (draft-07, which yaml-language-server supports)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Union

from pydantic import TypeAdapter
from pydantic.json_schema import GenerateJsonSchema

from cbt_tui.domain.packs.models import ExerciseFile, Pack

#: The committed copy, shipped in the wheel; a test keeps it equal to `pack_json_schema()`.
SCHEMA_FILE = Path(__file__).with_name("pack-format.schema.json")


class _Draft07(GenerateJsonSchema):
    schema_dialect = "http://json-schema.org/draft-07/schema#"


def pack_json_schema() -> dict[str, Any]:
    schema = TypeAdapter(Union[Pack, ExerciseFile]).json_schema(
        ref_template="#/definitions/{model}", schema_generator=_Draft07
    )
    definitions = schema.pop("$defs", {})
    return {
        "$schema": _Draft07.schema_dialect,
        "$id": "https://cbt-tui.invalid/pack-format-1.schema.json",
        "title": "cbt-tui exercise pack, format 1",
        "description": "A pack file (header, optionally with exercises) or one exercise file.",
        **schema,
        "definitions": definitions,
    }


def schema_text() -> str:
    return json.dumps(pack_json_schema(), indent=2, ensure_ascii=False) + "\n"
