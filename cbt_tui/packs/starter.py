"""`cbt pack new`: a small, commented example pack to start a new one from.

The example lives in `cbt_tui/packs/starter_pack/` (shipped in the wheel, checked by the
tests like any pack). It is written with a copy of the pack format's JSON Schema
beside it and a relative modeline (`$schema=pack-format.schema.json`): that works
offline, in any editor with yaml-language-server, and keeps working when the folder
is moved, zipped or handed to a colleague on another computer, where an absolute path
into this installation would point at nothing.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from cbt_tui.domain.packs.schema import SCHEMA_FILE

STARTER = Path(__file__).with_name("starter_pack")
_ID_LINE = re.compile(r"^id: my-pack\b", re.MULTILINE)


def pack_id_for(folder: Path) -> str:
    """A pack id from the folder's name ('Anna's Pack' -> 'anna-s-pack'), else 'my-pack'."""
    slug = re.sub(r"[^a-z0-9]+", "-", folder.resolve().name.lower()).strip("-")
    return slug or "my-pack"


def write_starter_pack(folder: Path) -> str:
    """Write the example into `folder` (new or empty); returns the pack id it was given."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise FileExistsError(f"{folder} already exists and is not an empty folder; choose a new one")
    pack_id = pack_id_for(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for source in sorted(STARTER.glob("*.yaml")):
        text = source.read_text(encoding="utf-8")
        if source.name == "pack.yaml":
            text = _ID_LINE.sub(f"id: {pack_id}", text, count=1)
        (folder / source.name).write_text(text, encoding="utf-8")
    shutil.copyfile(SCHEMA_FILE, folder / SCHEMA_FILE.name)
    return pack_id
