"""The built-in craving surf, validated when the package was made, so that `c` on a
brand-new data home (no catalog cache yet) opens the timer without reading any YAML.

`craving-pack.json` (next to this module) holds the built-in pack with the craving surf
as its own `model_dump_json()`, keyed on a hash of that pack's source files. It is read
as `packs/cache.py` reads the catalog cache's copy: `Pack.model_validate_json` with the
`FROM_CACHE` context (pydantic only: no YAML, no ruamel, no cross-checks), and only while
the shipped YAML still hashes the same; otherwise the packs are read as before.

Regenerate it after changing the built-in craving surf's pack: `make prebuilt` (or
`python -m cbt_tui.packs.prebuilt`); tests/test_prebuilt.py fails until it is current.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

from cbt_tui.packs.cache import CRAVING_EXERCISE, craving_json, rebuilt_craving
from cbt_tui.paths import builtin_packs_dir

if TYPE_CHECKING:
    from cbt_tui.domain.packs.models import Exercise, Pack

PREBUILT_FILE = Path(__file__).with_name("craving-pack.json")
_PACK_SUFFIXES = (".yaml", ".yml")


def source_folder() -> Path:
    """The built-in pack that holds the craving surf `c` opens."""
    return builtin_packs_dir() / CRAVING_EXERCISE[0]


def source_hash(folder: Path) -> str:
    """SHA-256 over the pack's YAML files (names relative to the folder, and bytes)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.suffix in _PACK_SUFFIXES and not p.name.startswith(".")):
        digest.update(path.relative_to(folder).as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def build() -> str:
    """The file's text, from the YAML as the catalog reads it (ruamel and pydantic)."""
    from cbt_tui.packs.loader import load_pack

    folder = source_folder()
    result = load_pack(folder)
    if result.pack is None or result.errors:
        raise ValueError(f"the built-in pack {folder} does not load: {result.errors}")
    exercise = result.pack.exercise(CRAVING_EXERCISE[1])
    if exercise is None:
        raise ValueError(f"the built-in pack {folder} has no exercise {CRAVING_EXERCISE[1]}")
    data = {"source": source_hash(folder), **craving_json(result.pack, exercise)}
    return json.dumps(data, ensure_ascii=False, indent=0) + "\n"


def shipped() -> bool:
    """Whether the package has the file (cheap: no read)."""
    return PREBUILT_FILE.is_file()


def craving_pack() -> tuple[Pack, Exercise] | None:
    """The built-in craving surf as validated when the package was made, if its YAML is
    still the same; None otherwise (the packs are read)."""
    try:
        data = json.loads(PREBUILT_FILE.read_text(encoding="utf-8"))
        if data["source"] != source_hash(source_folder()):
            return None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return rebuilt_craving(data)


if __name__ == "__main__":
    PREBUILT_FILE.write_text(build(), encoding="utf-8")
    print(f"wrote {PREBUILT_FILE}")
