"""The library as it was last validated, kept in the data home so the first frame can
show it before any pack is read again.

`catalog-cache.json` holds what Home draws (each pack's id and title, each exercise's
id, title, kind and minutes), the notices of packs that did not load, and the rows Home
last showed above the library, keyed by the path, size and modification time of every
pack file (built-in and installed) and the app's version. Reading it imports neither
pydantic nor ruamel: it is plain JSON and `os.stat`. The trainer validates the packs in
a worker afterwards and writes the cache again when anything changed.

It also keeps the validated pack that holds the craving surf, as its own
`model_dump_json()` (`craving`), so that `c` opens the timer before the packs are read
again: `craving_pack` rebuilds it with `Pack.model_validate_json` (pydantic only: no
YAML, no ruamel, no cross-checks), and only while every pack file is still as it was.
Plain JSON, never pickle: the data home must not be a way to run code.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cbt_tui import __version__

if TYPE_CHECKING:
    from cbt_tui.domain.packs.models import Exercise, Pack
    from cbt_tui.packs.catalog import Catalog

CACHE_FILE = "catalog-cache.json"
CRAVING_EXERCISE = ("core", "craving-surf")
"""The exercise `c` opens (pack, id); else the first exercise of kind craving_surf."""
_FORMAT = 1
_PACK_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class ListedExercise:
    id: str
    title: str
    kind: str
    minutes: float | None = None


@dataclass(frozen=True)
class ListedPack:
    id: str
    title: str
    exercises: list[ListedExercise]
    assignments: list[dict[str, Any]] = field(default_factory=list)
    """`{exercise, frequency, start, end, note}` (ISO dates or None), for `cbt due`."""


@dataclass(frozen=True)
class Listing:
    """What Home needs of the catalog, from the cache: the same shape Home reads of a
    `Catalog` (`packs[].id/.title/.exercises[].id/.title/.kind/.minutes`, `errors`)."""

    packs: list[ListedPack]
    errors: list[str]
    home_rows: dict[str, Any] = field(default_factory=dict)
    """What Home showed above the library last time (`open`, `due`), to draw at once."""
    craving: dict[str, str] | None = None
    """`{"exercise": ID, "pack": PACK_JSON}`: the craving surf's pack as validated."""
    key: dict[str, Any] | None = None
    """The pack files as they were when this was written (see `still_current`)."""


def pack_files(folders: list[Path]) -> list[list[Any]]:
    """[path, size, mtime_ns] of every pack file under the folders, sorted: the key."""
    found = []
    for folder in folders:
        for root, dirs, files in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in files:
                if name.startswith(".") or not name.endswith(_PACK_SUFFIXES):
                    continue
                path = os.path.join(root, name)
                try:
                    stat = os.stat(path)
                except OSError:
                    continue
                found.append([path, stat.st_size, stat.st_mtime_ns])
    return sorted(found)


def _key(folders: list[Path]) -> dict[str, Any]:
    return {"format": _FORMAT, "version": __version__, "files": pack_files(folders)}


def read_listing(home: Path, folders: list[Path]) -> Listing | None:
    """The cached library, if every pack file is as it was when it was written."""
    try:
        data = json.loads((home / CACHE_FILE).read_text(encoding="utf-8"))
        if data.get("key") != _key(folders):
            return None
        packs = [
            ListedPack(
                str(pack["id"]),
                str(pack["title"]),
                [
                    ListedExercise(str(e["id"]), str(e["title"]), str(e["kind"]), e.get("minutes"))
                    for e in pack["exercises"]
                ],
                [dict(a) for a in pack.get("assignments", [])],
            )
            for pack in data["packs"]
        ]
        errors = [str(error) for error in data.get("errors", [])]
        rows = data.get("home_rows")
        craving = data.get("craving")
        if not (
            isinstance(craving, dict)
            and isinstance(craving.get("exercise"), str)
            and isinstance(craving.get("pack"), str)
        ):
            craving = None
        return Listing(packs, errors, rows if isinstance(rows, dict) else {}, craving, data["key"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # missing, old or damaged: the packs are read as before


def _listing_json(catalog: Catalog | Listing) -> dict[str, Any]:
    return {
        "packs": [
            {
                "id": pack.id,
                "title": pack.title,
                "exercises": [
                    {"id": e.id, "title": e.title, "kind": e.kind, "minutes": e.minutes} for e in pack.exercises
                ],
                "assignments": [_assignment_json(a) for a in (pack.assignments or [])],
            }
            for pack in catalog.packs
        ],
        "errors": [str(error) for error in catalog.errors],
    }


def _assignment_json(assignment: Any) -> dict[str, Any]:
    if isinstance(assignment, dict):
        return dict(assignment)
    return {
        "exercise": assignment.exercise,
        "frequency": assignment.frequency,
        "start": assignment.start.isoformat() if assignment.start else None,
        "end": assignment.end.isoformat() if assignment.end else None,
        "note": assignment.note,
    }


def craving_exercise(catalog: Catalog) -> tuple[Pack, Exercise] | None:
    """What `c` opens: core's craving surf, else the first exercise of kind craving_surf."""
    return catalog.find(CRAVING_EXERCISE[1], CRAVING_EXERCISE[0]) or next(
        ((pack, exercise) for pack, exercise in catalog.exercises() if exercise.kind == "craving_surf"), None
    )


def _craving_json(catalog: Catalog) -> dict[str, str] | None:
    found = craving_exercise(catalog)
    return craving_json(*found) if found is not None else None


def craving_json(pack: Pack, exercise: Exercise) -> dict[str, str]:
    """A validated craving surf as kept for `c` before the packs are read (here, and in
    the package's prebuilt copy): its exercise id and its whole pack as JSON."""
    return {"exercise": exercise.id, "pack": pack.model_dump_json()}


def rebuilt_craving(kept: dict[str, Any]) -> tuple[Pack, Exercise] | None:
    """What `craving_json` kept, rebuilt with pydantic alone (no YAML, no cross-checks:
    it was validated when kept); None when it does not rebuild."""
    from pydantic import ValidationError

    from cbt_tui.domain.packs.models import FROM_CACHE, Pack

    try:
        pack = Pack.model_validate_json(kept["pack"], context={FROM_CACHE: True})
        exercise = pack.exercise(kept["exercise"])
    except (ValidationError, ValueError, KeyError, TypeError):
        return None
    return (pack, exercise) if exercise is not None else None


def still_current(listing: Listing, folders: list[Path]) -> bool:
    """True while every pack file is as it was when the listing was written."""
    return listing.key is not None and listing.key == _key(folders)


def craving_pack(listing: Listing, folders: list[Path]) -> tuple[Pack, Exercise] | None:
    """The craving surf as last validated, rebuilt from its JSON (pydantic, no YAML), if
    the pack files are still as they were then; None otherwise (the packs are read)."""
    if listing.craving is None or not still_current(listing, folders):
        return None
    return rebuilt_craving(listing.craving)


def write_listing(home: Path, folders: list[Path], catalog: Catalog, home_rows: dict[str, Any] | None = None) -> bool:
    """Keep the validated catalog (and Home's rows) for the next start; True when the
    file changed. Best effort: a cache that cannot be written is only slower next time."""
    from cbt_tui.store.files import write_atomically

    path = home / CACHE_FILE
    try:
        old = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        old = {}
    data = {"key": _key(folders), **_listing_json(catalog)}
    data["home_rows"] = home_rows if home_rows is not None else (old.get("home_rows") or {})
    data["craving"] = _craving_json(catalog)
    if data == old:
        return False
    try:
        home.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_atomically(path, json.dumps(data, ensure_ascii=False).encode("utf-8"))
    except OSError:
        return False
    return True


def remember_home_rows(home: Path, rows: dict[str, Any]) -> None:
    """Keep what Home showed above the library (labels only, never answers)."""
    from cbt_tui.store.files import write_atomically

    path = home / CACHE_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("home_rows") == rows:
            return
        data["home_rows"] = rows
        write_atomically(path, json.dumps(data, ensure_ascii=False).encode("utf-8"))
    except (OSError, ValueError):
        pass
