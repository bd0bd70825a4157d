"""Every pack the app can offer: the built-in ones, then those the user installed."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from cbt_tui.domain.packs.errors import PackError
from cbt_tui.domain.packs.models import Exercise, Pack, split_ref
from cbt_tui.packs.loader import header_file, load_pack
from cbt_tui.packs.yaml_source import YamlProblem, read_yaml
from cbt_tui.paths import builtin_packs_dir, installed_packs_dir


@dataclass(frozen=True)
class Catalog:
    packs: list[Pack]
    builtin_ids: frozenset[str]
    #: Problems with installed or built-in packs; the packs that load still work.
    errors: list[PackError] = field(default_factory=list)

    def exercises(self) -> Iterator[tuple[Pack, Exercise]]:
        for pack in self.packs:
            for exercise in pack.exercises:
                yield pack, exercise

    def find(self, exercise_id: str, pack_id: str | None = None) -> tuple[Pack, Exercise] | None:
        """The exercise with this id (optionally `PACK/ID` or a given pack), built-in packs first."""
        if pack_id is None and "/" in exercise_id:
            pack_id, exercise_id = exercise_id.split("/", 1)
        return next(
            ((p, e) for p, e in self.exercises() if e.id == exercise_id and pack_id in (None, p.id)),
            None,
        )

    def find_ref(self, ref: str, pack_id: str) -> tuple[Pack, Exercise] | None:
        """What a `suggest` or a `recall` of pack `pack_id` names: `ID` in that pack, or
        `PACK/ID` in another (None when that pack is not installed)."""
        pack, exercise = split_ref(ref, pack_id)
        return self.find(exercise, pack)


def pack_sources(folder: Path) -> list[Path]:
    """Packs in a folder of packs: sub-folders with a pack.yaml, and single-file packs."""
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.iterdir()
        if not p.name.startswith(".") and ((p.is_dir() and header_file(p) is not None) or p.suffix in (".yaml", ".yml"))
    )


def builtin_pack_ids() -> frozenset[str]:
    """The ids of the built-in packs, from their headers alone (they ship with the app,
    and every other pack is refused these ids: see `load_pack(reserved_ids=...)`)."""
    ids: set[str] = set()
    for source in pack_sources(builtin_packs_dir()):
        try:
            header = read_yaml(header_file(source) or source).data
        except YamlProblem:
            continue
        if isinstance(header, dict) and isinstance(header.get("id"), str):
            ids.add(header["id"])
    return frozenset(ids)


def is_builtin_path(path: Path) -> bool:
    """True for the built-in packs' own folder and what is inside it."""
    return path.resolve().is_relative_to(builtin_packs_dir().resolve())


def expand_pack_paths(paths: Iterable[Path]) -> Iterator[Path]:
    """Each path as one pack, except a folder of pack folders, which stands for each of them."""
    for path in paths:
        is_collection = path.is_dir() and header_file(path) is None
        inner = [p for p in pack_sources(path) if p.is_dir()] if is_collection else []
        yield from inner or [path]


def load_catalog() -> Catalog:
    packs: list[Pack] = []
    errors: list[PackError] = []
    builtin: set[str] = set()
    for folder, is_builtin in ((builtin_packs_dir(), True), (installed_packs_dir(), False)):
        for source in pack_sources(folder):
            result = load_pack(source)
            errors.extend(result.errors)
            if result.pack is None:
                continue
            if any(p.id == result.pack.id for p in packs):
                continue  # a built-in id wins; installing refuses such packs anyway
            packs.append(result.pack)
            if is_builtin:
                builtin.add(result.pack.id)
    return Catalog(packs, frozenset(builtin), errors)
