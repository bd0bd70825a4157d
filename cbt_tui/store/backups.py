"""Backups: a daily copy of each file before its first change that day, and snapshots.

    backups/2026-11-23/journal/2026-11.json   that month as it was before the 23rd's
                                              first change (seven days kept)
    backups/2026-11-23-181500/...             `cbt backup`: every data file (seven kept)

Restoring merges a backup into the store (see `Store.restore`), so reading one is here
and deciding what to bring back is the store's.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pydantic import ValidationError

from cbt_tui.domain.entries import Entry, describe_errors
from cbt_tui.store.errors import BadFile, StoreError, os_failure
from cbt_tui.store.files import make_private_folder, parse_store_json, write_atomically
from cbt_tui.store.layout import ENTRIES, OPEN, Layout, months_in
from cbt_tui.store.migrations import Tables, stored_version, upgrade

KEEP = 7
_DAILY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SNAPSHOT = re.compile(r"^\d{4}-\d{2}-\d{2}-\d{6}$")


class Backups:
    """The `backups/` folder of one data home. Use with the store lock held."""

    def __init__(self, layout: Layout, clock: Callable[[], datetime]) -> None:
        self._layout = layout
        self._clock = clock
        self._kept_today: set[tuple[str, Path]] = set()

    def before_change(self, path: Path) -> None:
        """Copy `path` aside if this is its first change today; OSError if that fails."""
        day = self._clock().date().isoformat()
        if (day, path) in self._kept_today:
            return
        copy = self._layout.backups / day / path.relative_to(self._layout.home)
        if path.exists() and not copy.exists():
            make_private_folder(copy.parent)
            write_atomically(copy, path.read_bytes())
            self._prune(_DAILY)
        self._kept_today.add((day, path))

    def newest_copy(self, path: Path) -> Path | None:
        """The most recent backup of one data file."""
        relative = path.relative_to(self._layout.home)
        for folder in reversed(self.folders()):
            if (folder / relative).is_file():
                return folder / relative
        return None

    def folders(self) -> list[Path]:
        """Daily and snapshot folders, oldest first (their names sort by time)."""
        if not self._layout.backups.is_dir():
            return []
        return sorted(
            child
            for child in self._layout.backups.iterdir()
            if child.is_dir() and (_DAILY.match(child.name) or _SNAPSHOT.match(child.name))
        )

    def snapshot(self, dest: Path | None = None) -> Path:
        """Copy every data file into `dest` (default: a new folder in backups/)."""
        dest = dest or self._layout.backups / f"{self._clock():%Y-%m-%d-%H%M%S}"
        if dest.exists() and not dest.is_dir():
            raise StoreError(f"{dest} is a file; give a folder to back up into.", dest)
        for source in self._layout.data_files():
            target = dest / source.relative_to(self._layout.home)
            try:
                make_private_folder(target.parent)
                write_atomically(target, source.read_bytes())
            except OSError as error:
                raise os_failure(error, target, "write the backup") from None
        if dest.parent == self._layout.backups:
            self._prune(_SNAPSHOT)
        return dest

    def _prune(self, kind: re.Pattern[str]) -> None:
        for old in [folder for folder in self.folders() if kind.match(folder.name)][:-KEEP]:
            shutil.rmtree(old, ignore_errors=True)


@dataclass(frozen=True)
class BackupContents:
    """What a backup holds: its entries, validated, and its state tables, upgraded."""

    entries: list[Entry]
    state: Tables


def read_backup(source: Path) -> BackupContents:
    """Read a backup folder (or one of its files); BadFile naming every problem."""
    files = _backup_files(source)
    parsed: dict[Path, Tables] = {}
    problems = []
    for path in files:
        try:
            parsed[path] = parse_store_json(path.read_bytes()) or {}
        except (OSError, ValueError) as error:
            problems.append(f"{path.name}: cannot be read ({error})")
    if problems:
        raise BadFile(source, problems)
    state = next((tables for tables in parsed.values() if ENTRIES not in tables), None)
    version = stored_version(state)
    entries = []
    for path, tables in parsed.items():
        upgrade(tables, version)
        for table in (OPEN, ENTRIES):
            for doc_id, doc in tables.get(table, {}).items():
                try:
                    entries.append(Entry.from_json(doc))
                except ValidationError as error:
                    problems += describe_errors(error, f"{path.name}: {table}[{doc_id}]")
    if problems:
        raise BadFile(source, problems)
    return BackupContents(entries, state or {})


def _backup_files(source: Path) -> list[Path]:
    if source.is_file():
        return [source]
    if not source.is_dir():
        raise StoreError(f"{source} does not exist; give a backup folder or file.", source)
    state = [source / "state.json"] if (source / "state.json").is_file() else []
    months = [source / "journal" / f"{month}.json" for month in months_in(source / "journal")]
    if not state and not months:
        raise BadFile(source, ["no store files here (expected state.json or journal/YYYY-MM.json)"])
    return state + months
