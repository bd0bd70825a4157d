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
from itertools import count
from pathlib import Path

from cbt_tui.domain.packs.schema import SCHEMA_FILE
from cbt_tui.packs.catalog import builtin_pack_ids

STARTER = Path(__file__).with_name("starter_pack")
_ID_LINE = re.compile(r"^id: my-pack\b", re.MULTILINE)


def pack_id_for(folder: Path) -> str:
    """A pack id from the folder's name ('Anna's Pack' -> 'anna-s-pack'), else 'my-pack'."""
    slug = re.sub(r"[^a-z0-9]+", "-", folder.resolve().name.lower()).strip("-")
    return slug or "my-pack"


class StarterRefused(Exception):
    """Nothing was written; the message says why and what to do instead."""


def write_starter_pack(folder: Path) -> str:
    """Write the example into `folder` (new or empty); returns the pack id it was given.

    The id comes from the folder's name, so a folder named like a built-in pack
    (`core`) is refused here, before the pack validates and then cannot be installed.
    """
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise StarterRefused(f"{folder} already exists and is not an empty folder; choose a new one")
    pack_id = pack_id_for(folder)
    reserved = builtin_pack_ids()
    if pack_id in reserved:
        other = next(name for n in count() if (name := f"my-{pack_id}" + (f"-{n}" if n else "")) not in reserved)
        raise StarterRefused(
            f"'{pack_id}' is the id of a built-in pack, and the new pack takes its id from the folder's name; "
            f"choose another folder name, such as {folder.with_name(other)}"
        )
    folder.mkdir(parents=True, exist_ok=True)
    for source in sorted(STARTER.glob("*.yaml")):
        text = source.read_text(encoding="utf-8")
        if source.name == "pack.yaml":
            text = _ID_LINE.sub(f"id: {pack_id}", text, count=1)
        (folder / source.name).write_text(text, encoding="utf-8")
    shutil.copyfile(SCHEMA_FILE, folder / SCHEMA_FILE.name)
    return pack_id
