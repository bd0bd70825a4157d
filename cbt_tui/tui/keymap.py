"""The user's own keys: `keymap.toml` in the data home maps binding ids to keys.

[keymap]
"app.safety" = "f1,ctrl+g"
"runner.next" = "ctrl+n"
"""

from __future__ import annotations

import tomllib
from pathlib import Path

KEYMAP_FILE = "keymap.toml"


def load_keymap(home: Path) -> tuple[dict[str, str], str | None]:
    """(binding id -> keys, a problem to show or None). A broken file never stops the app."""
    path = home / KEYMAP_FILE
    if not path.is_file():
        return {}, None
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8")).get("keymap", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return {}, f"{path}: could not read your keymap ({exc}); using the usual keys."
    keymap = {str(k): str(v) for k, v in table.items() if isinstance(v, str)}
    return keymap, None
