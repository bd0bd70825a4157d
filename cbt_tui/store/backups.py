"""Backups: a daily copy of each file before its first change that day, and snapshots.

    backups/2026-11-23/journal/2026-11.json   that month as it was before the 23rd's
                                              first change (seven days kept)
    backups/2026-11-23-181500/...             `cbt backup`: every data file and the
                                              installed packs (seven kept)

Restoring merges a backup into the store (see `Store.restore`), so reading one is here
and deciding what to bring back is the store's. Deleting an entry reaches in here too
(`purge`): no backup inside the data home keeps what a person deleted.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cbt_tui.domain.entries import Entry
from cbt_tui.store.checking import checked_entries
from cbt_tui.store.errors import BadFile, StoreError, os_failure
from cbt_tui.store.files import encode, fsync_folder, make_private_folder, parse_store_json, write_atomically
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
        """Copy every data file and the installed packs into `dest` (default: a new
        folder in backups/)."""
        dest = dest or self._layout.backups / f"{self._clock():%Y-%m-%d-%H%M%S}"
        if dest.exists() and not dest.is_dir():
            raise StoreError(f"{dest} is a file; give a folder to back up into.", dest)
        for source in [*self._layout.data_files(), *_pack_files(self._layout.packs)]:
            target = dest / source.relative_to(self._layout.home)
            try:
                make_private_folder(target.parent)
                write_atomically(target, source.read_bytes())
            except OSError as error:
                raise os_failure(error, target, "write the backup") from None
        if dest.parent == self._layout.backups:
            self._prune(_SNAPSHOT)
        return dest

    def purge(self, ids: set[str]) -> None:
        """Remove these entries from every backup file in the data home, one atomic
        replacement per file that holds one of them."""
        needles = [entry_id.encode() for entry_id in ids]
        for folder in self.folders():
            for path in _store_files(folder):
                try:
                    raw = path.read_bytes()
                    if not any(needle in raw for needle in needles):
                        continue
                    tables = parse_store_json(raw)
                except (OSError, ValueError, RecursionError):
                    continue  # unreadable: restore cannot bring anything back from it either
                if tables is not None and _drop_entries(tables, ids):
                    try:
                        write_atomically(path, encode(tables)[0])
                    except OSError as error:
                        raise os_failure(error, path, "delete from the backup") from None

    def _prune(self, kind: re.Pattern[str]) -> None:
        for old in [folder for folder in self.folders() if kind.match(folder.name)][:-KEEP]:
            shutil.rmtree(old, ignore_errors=True)


@dataclass(frozen=True)
class BackupContents:
    """What a backup holds: its valid entries, its state tables (upgraded), the problems
    met on the way (`FILE: PATH: message` lines), and its packs folder, if any."""

    entries: list[Entry]
    state: Tables
    problems: list[str]
    packs: Path | None


def read_backup(source: Path) -> BackupContents:
    """Read a backup folder (or one of its files). A file that cannot be read and an
    entry that is not valid are named in `problems` and left out; BadFile when nothing
    in it can be read at all."""
    files = _backup_files(source)
    parsed: dict[Path, Tables] = {}
    problems = []
    for path in files:
        try:
            parsed[path] = parse_store_json(path.read_bytes()) or {}
        except (OSError, ValueError, RecursionError) as error:
            problems.append(f"{path.name}: cannot be read ({error})")
    if not parsed:
        raise BadFile(source, problems)
    state_path = next((path for path, tables in parsed.items() if ENTRIES not in tables), None)
    state = parsed[state_path] if state_path is not None else None
    version = stored_version(state, state_path or source)
    documents = []
    for path, tables in parsed.items():
        upgrade(tables, version)
        documents += [
            (f"{path.name}: {table}[{doc_id}]", doc)
            for table in (OPEN, ENTRIES)
            for doc_id, doc in tables.get(table, {}).items()
        ]
    entries = [entry for _, entry in checked_entries(documents, problems)]
    packs = source / "packs" if source.is_dir() and (source / "packs").is_dir() else None
    return BackupContents(entries, state or {}, problems, packs)


def _drop_entries(tables: Tables, ids: set[str]) -> bool:
    """Remove these entries from one file's tables; True if any was there."""
    dropped = False
    for name in (OPEN, ENTRIES):
        table = tables.get(name, {})
        for doc_id in [doc_id for doc_id, doc in table.items() if doc.get("id") in ids]:
            del table[doc_id]
            dropped = True
    return dropped


def restore_packs(source: Path, packs: Path) -> list[str]:
    """Copy each pack in `source` (a backup's packs/) whose name is free in `packs`; an
    installed pack is never overwritten. Returns the names brought back.

    Each is built in a hidden folder (which the catalog skips) and then linked or renamed
    into place, which fails rather than replace a pack that arrived meanwhile.
    """
    brought = []
    for item in sorted(source.iterdir()):
        single = _is_regular(item)
        files = [item] if single else list(_pack_files(item))
        if item.name.startswith(".") or not files or os.path.lexists(packs / item.name):
            continue
        try:
            make_private_folder(packs)
            staging = Path(tempfile.mkdtemp(prefix=f".{item.name}.new-", dir=packs))
            try:
                for file in files:
                    target = staging / file.relative_to(source)
                    make_private_folder(target.parent)
                    write_atomically(target, file.read_bytes())
                (os.link if single else os.rename)(staging / item.name, packs / item.name)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
        except OSError as error:
            if error.errno in (errno.EEXIST, errno.ENOTEMPTY):
                continue
            raise os_failure(error, packs / item.name, "restore the pack") from None
        brought.append(item.name)
    if brought:
        fsync_folder(packs)
    return brought


def _pack_files(folder: Path) -> Iterator[Path]:
    """Regular files under `folder`, skipping hidden names (the installer's temporary
    copies and lock) and never following a symlink."""
    if not _is_folder(folder):
        return
    for child in sorted(folder.iterdir()):
        if child.name.startswith("."):
            continue
        if _is_regular(child):
            yield child
        elif _is_folder(child):
            yield from _pack_files(child)


def _is_regular(path: Path) -> bool:
    """A regular file itself, not a link to one."""
    with suppress(OSError):
        return stat.S_ISREG(path.lstat().st_mode)
    return False


def _is_folder(path: Path) -> bool:
    """A folder itself, not a link to one."""
    with suppress(OSError):
        return stat.S_ISDIR(path.lstat().st_mode)
    return False


def _store_files(folder: Path) -> list[Path]:
    state = [folder / "state.json"] if (folder / "state.json").is_file() else []
    return state + [folder / "journal" / f"{month}.json" for month in months_in(folder / "journal")]


def _backup_files(source: Path) -> list[Path]:
    if source.is_file():
        return [source]
    if not source.is_dir():
        raise StoreError(f"{source} does not exist; give a backup folder or file.", source)
    files = _store_files(source)
    if not files:
        raise BadFile(source, ["no store files here (expected state.json or journal/YYYY-MM.json)"])
    return files
