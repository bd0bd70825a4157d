"""The journal store: the one place that reads and writes the user's data.

Where things live (see `layout`): open entries (drafts, awaiting follow-up) in the small
`state.json`, finished ones in their start month's file. An entry moves between files
when its status or start month changes. The new copy is written (durably) before the
old one is removed, so a crash between the two leaves two copies, never none; on
reading, the copy with the later `updated_at` wins, and the next write removes the other.

Deleting (`discard` for a draft, `delete` for any entry) removes every copy, backups
included; the ids are noted in state.json first, so a deletion a crash cut short is
finished when the store is next opened.

Every method takes a threading lock and the store's file lock, and re-checks the files
another process may have changed, so the app's worker threads and a `cbt` command can
use one data home at the same time.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import groupby
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from cbt_tui.domain.entries import Entry, EntryStatus, EntrySummary, now
from cbt_tui.domain.settings import Settings
from cbt_tui.paths import tighten_data_home
from cbt_tui.store.backups import Backups, read_backup, restore_packs
from cbt_tui.store.errors import LockTimeout, NewerStore, StoreError, StoreProblem, os_failure
from cbt_tui.store.exchange import Export, collector_paused, export_json, read_export
from cbt_tui.store.files import (
    StoreFiles,
    fsync_folder,
    make_private_folder,
    remove_temp_files,
    replace_documents,
    write_atomically,
)
from cbt_tui.store.journal import Journal, stored_entries
from cbt_tui.store.layout import CONTACTS, META, OPEN, PACKS, PURGING, SETTINGS, Layout, home_of
from cbt_tui.store.migrations import SCHEMA_VERSION, Tables, discarded_ids, stored_version, upgrade

_CONTACT_FIELDS = ("name", "contact", "note")


@dataclass(frozen=True)
class PackRecord:
    """An installed pack, as the pack installer recorded it."""

    id: str
    version: str
    path: Path
    installed_at: datetime


@dataclass(frozen=True)
class RestoreReport:
    source: Path
    restored: int
    """Entries brought back: missing here, or newer in the backup."""
    unchanged: int
    problems: list[str] = field(default_factory=list)
    """`PATH: message` for each file or entry of the backup that could not be brought back."""
    packs: list[str] = field(default_factory=list)
    """Pack folders brought back (missing here)."""


@dataclass(frozen=True)
class Rescue:
    """A rescue file (see `rescue.py`) and the entries in it."""

    path: Path
    entries: list[Entry]


def open_store(
    home: Path | None = None,
    *,
    lock_timeout: float = 10.0,
    clock: Callable[[], datetime] = now,
) -> Store:
    """Open (creating if needed) the store in `home`, by default the data home."""
    from cbt_tui.paths import data_home

    return Store(home or data_home(), lock_timeout=lock_timeout, clock=clock)


class Store:
    """Entries, drafts, follow-ups, safety contacts, installed packs and settings."""

    def __init__(self, home: Path, *, lock_timeout: float, clock: Callable[[], datetime]) -> None:
        self.home = home
        self._layout = Layout(home)
        self._clock = clock
        self._lock_timeout = lock_timeout
        self._mutex = threading.RLock()
        self._backups = Backups(self._layout, clock)
        self._files = StoreFiles(self._backups.before_change, self._backups.newest_copy, clock)
        self._journal = Journal(self._layout, self._files)
        try:
            home.mkdir(parents=True, exist_ok=True, mode=0o700)
            make_private_folder(self._layout.index)
        except OSError as error:
            raise os_failure(error, self._layout.index, "create the folder") from None
        if (open_to_others := tighten_data_home(home)) is not None:
            self._files.problems.append(StoreProblem(home, open_to_others))
        self._lock = FileLock(
            self._layout.lock, timeout=lock_timeout, mode=0o600, thread_local=False, preserve_lock_file=True
        )
        with self._locked(refresh=False):
            for folder in (home, self._layout.journal, self._layout.index):
                remove_temp_files(folder)
            self._upgrade()
            self._journal.refresh()
            self._finish_deletions()

    # -- entries -------------------------------------------------------------------

    def save(self, entry: Entry) -> Entry:
        """Insert or replace by id, whatever the status; returns it with `updated_at` set."""
        if entry.status is EntryStatus.DISCARDED:
            raise ValueError("a discarded entry is not kept: use Store.discard")
        with self._locked():
            stamped = entry.touched(self._newest_update(entry.id))
            self._put([stamped])
            return stamped

    def get(self, entry_id: str) -> Entry | None:
        with self._locked():
            open_copy = self._open_entries().get(entry_id)
            if open_copy is not None and not self._journal_is_newer(open_copy):
                return open_copy
            return self._journal.find(entry_id)

    def discard(self, entry_id: str) -> bool:
        """Delete a draft (or an entry awaiting its follow-up) as `delete` does, also one
        that only a rescue file holds; False when there is no such open entry (a finished
        one is left alone)."""
        with self._locked():
            entry = self.get(entry_id)
            rescued = entry is None and any(entry_id in {e.id for e in rescue.entries} for rescue in self.rescues())
            if not rescued and (entry is None or not entry.status.is_open):
                return False
            self._delete({entry_id})
            return True

    def delete(self, entry_id: str) -> bool:
        """Delete an entry for good: its every copy in the data home (state.json, its
        month file and summary, each backup, a rescue file) is rewritten without it, so
        `restore` cannot bring it back. False when there is no such entry."""
        with self._locked():
            if self.get(entry_id) is None:
                return False
            self._delete({entry_id})
            return True

    def drafts(self) -> list[Entry]:
        """Drafts, most recently touched first."""
        with self._locked():
            found = [e for e in self._current_open() if e.status is EntryStatus.DRAFT]
            return sorted(found, key=lambda entry: entry.updated_at, reverse=True)

    def awaiting_followup(self) -> list[Entry]:
        """Every entry waiting for its follow-up, soonest due first (due or not)."""
        with self._locked():
            found = [e for e in self._current_open() if e.status is EntryStatus.AWAITING_FOLLOWUP]
            return sorted(found, key=lambda entry: (entry.followup_due is None, entry.followup_due or entry.started_at))

    def recent(self, limit: int = 5) -> list[Entry]:
        """The newest complete entries; reads only the newest month files."""
        with self._locked():
            reopened = {entry.id for entry in self._current_open()}
            picked: list[EntrySummary] = []
            for month in self._journal.months(newest_first=True):
                picked += [
                    summary
                    for summary in self._journal.summaries(month)
                    if summary.status is EntryStatus.COMPLETE and summary.id not in reopened
                ]
                if len(picked) >= limit:
                    break
            picked = sorted(picked, key=lambda summary: summary.started_at, reverse=True)[:limit]
            return [entry for summary in picked if (entry := self._journal.find(summary.id))]

    def latest(self, pack: str, exercise: str) -> Entry | None:
        """The newest complete entry of one exercise (what a `recall` shows); reads month
        files newest first and stops at the first that has one."""
        with self._locked():
            for month in self._journal.months(newest_first=True):
                found = [
                    summary
                    for summary in self._journal.summaries(month)
                    if summary.status is EntryStatus.COMPLETE and (summary.pack, summary.exercise) == (pack, exercise)
                ]
                if found:
                    return self._journal.find(max(found, key=lambda summary: summary.started_at).id)
            return None

    def history(
        self, since: date | None = None, until: date | None = None, exercise: str | None = None
    ) -> list[EntrySummary]:
        """Every entry, newest first; dates are inclusive days."""
        with self._locked():
            open_entries, finished = self._matching(_Filter(since, until, exercise))
            rows = [EntrySummary.of(entry) for entry in open_entries]
            rows += [summary for summaries in finished.values() for summary in summaries]
            return sorted(rows, key=lambda row: row.started_at, reverse=True)

    def search(
        self, text: str, since: date | None = None, until: date | None = None, exercise: str | None = None
    ) -> list[EntrySummary]:
        """Entries whose title or any answer holds `text` (ignoring case), newest first.

        Validates nothing: finished entries' texts come from the journal's search files
        (kept in memory while their month is unchanged, so the trainer's History, searching
        key by key, only compares) and their summaries from the index.
        """
        needle = text.casefold()
        with self._locked():
            open_entries, finished = self._matching(_Filter(since, until, exercise))
            rows = []
            if open_entries:
                from cbt_tui.domain.answers import answers_contain  # the pack models: only when needed

                rows += [
                    EntrySummary.of(entry)
                    for entry in open_entries
                    if needle in entry.exercise_title.casefold() or answers_contain(entry.answers, needle)
                ]
            for month, summaries in finished.items():
                texts = self._journal.search_texts(month)
                rows += [
                    summary
                    for summary in summaries
                    if needle in summary.exercise_title.casefold() or needle in texts.get(summary.id, "")
                ]
            return sorted(rows, key=lambda row: row.started_at, reverse=True)

    def export_entries(
        self, since: date | None = None, until: date | None = None, exercise: str | None = None
    ) -> list[Entry]:
        """Full entries for an export, oldest first; reads only the month files needed."""
        with self._locked():
            found, finished = self._matching(_Filter(since, until, exercise))
            for month, summaries in finished.items():
                found += self._journal.entries(month, {summary.id for summary in summaries})
            return sorted(found, key=lambda entry: entry.started_at)

    def import_entries(self, entries: Iterable[Entry], *, newer_wins: bool = False) -> tuple[int, int]:
        """Add entries whose id is new here; returns (imported, skipped).

        With `newer_wins` (a rescue file), an entry also replaces an older copy here.
        Idempotent: running an interrupted import again completes it. Entries are written
        one file at a time: an `Export` yields them in that order; anything else is
        sorted first.
        """
        ordered = entries if isinstance(entries, Export) else sorted(entries, key=lambda entry: home_of(entry) or "")
        skipped = ordered.duplicates if isinstance(ordered, Export) else 0
        imported = 0
        with self._locked(), collector_paused():
            known = set(self._journal.ids()) | set(self._open_entries()) | self._deleting()
            for _, batch in groupby(ordered, key=home_of):
                fresh = []
                for entry in batch:
                    wanted = entry.id not in known or (newer_wins and self._is_newer(entry))
                    if wanted and entry.status is not EntryStatus.DISCARDED:
                        known.add(entry.id)
                        fresh.append(entry)
                    else:
                        skipped += 1
                if fresh:
                    self._put(fresh)
                imported += len(fresh)
            return imported, skipped

    def rescues(self) -> list[Rescue]:
        """Rescue files beside the store, oldest first, with their entries; one that
        cannot be read is named in `check()` and left where it is."""
        found = []
        for path in self._layout.rescue_files():
            try:
                found.append(Rescue(path, list(read_export(path))))
            except StoreError as error:
                problem = StoreProblem(path, f"this rescue file cannot be read ({error}); it was left as it is")
                with self._mutex:
                    if problem not in self._files.problems:
                        self._files.problems.append(problem)
        return found

    def take_rescue(self, path: Path) -> tuple[int, int]:
        """Bring a rescue file's entries into the store (each replaces an older copy
        here), then remove the file; returns (imported, skipped) as `import_entries`."""
        if not self.is_rescue(path):
            raise StoreError(f"{path} is not a rescue file of {self.home}.", path)
        with self._locked():
            counts = self.import_entries(read_export(path), newer_wins=True)
            try:
                path.unlink()
                fsync_folder(self.home)
            except FileNotFoundError:
                pass
            except OSError as error:
                raise os_failure(error, path, "remove the rescue file") from None
            return counts

    def is_rescue(self, path: Path) -> bool:
        """Is `path` one of this store's rescue files?"""
        return path.resolve() in {rescue.resolve() for rescue in self._layout.rescue_files()}

    # -- the user's own records ------------------------------------------------------

    def contacts(self) -> list[dict[str, str]]:
        """The user's own safety people: name, contact, note."""
        with self._locked():
            return [
                {field: doc.get(field, "") for field in _CONTACT_FIELDS}
                for doc in self._state().get(CONTACTS, {}).values()
            ]

    def set_contacts(self, contacts: list[dict[str, str]]) -> None:
        cleaned = [_checked_contact(contact) for contact in contacts]
        with self._locked(), self._files.database(self._layout.state) as db:
            table = db.table(CONTACTS, cache_size=0)
            table.truncate()
            table.insert_multiple(cleaned)

    def installed_packs(self) -> list[PackRecord]:
        with self._locked():
            return [
                PackRecord(doc["id"], doc["version"], Path(doc["path"]), datetime.fromisoformat(doc["installed_at"]))
                for doc in self._state().get(PACKS, {}).values()
            ]

    def record_pack(self, pack_id: str, version: str, path: Path, installed_at: datetime | None = None) -> PackRecord:
        """Remember an installed pack (replacing an earlier record of the same id)."""
        record = PackRecord(pack_id, version, Path(path), installed_at or self._clock())
        doc = {
            "id": pack_id,
            "version": version,
            "path": str(record.path),
            "installed_at": record.installed_at.isoformat(),
        }
        with self._locked(), self._files.database(self._layout.state) as db:
            replace_documents(db.table(PACKS, cache_size=0), [doc])
        return record

    def forget_pack(self, pack_id: str) -> None:
        with self._locked(), self._files.database(self._layout.state) as db:
            replace_documents(db.table(PACKS, cache_size=0), [], {pack_id})

    def setting(self, key: str, default: Any = None) -> Any:
        with self._locked():
            for doc in self._state().get(SETTINGS, {}).values():
                if doc.get("id") == key:
                    return doc.get("value")
            return default

    def settings(self) -> Settings:
        """The person's settings (defaults for what was never set)."""
        with self._locked():
            docs = self._state().get(SETTINGS, {}).values()
            return Settings.from_stored({str(doc.get("id")): doc.get("value") for doc in docs})

    def change_setting(self, key: str, value: Any) -> Settings:
        """Check and store one setting; SettingError (nothing written) for an unknown key or
        a value it cannot take. Writes only when the value changes."""
        with self._locked():
            current = self.settings()
            updated = current.changed(key, value)
            if getattr(updated, key) != getattr(current, key):
                self.set_setting(key, getattr(updated, key))
            return updated

    def set_setting(self, key: str, value: Any) -> None:
        """Store any JSON value under `key`."""
        try:
            json.dumps(value)
        except (TypeError, ValueError) as error:
            raise ValueError(f"setting {key!r} must be a JSON value: {error}") from None
        with self._locked(), self._files.database(self._layout.state) as db:
            replace_documents(db.table(SETTINGS, cache_size=0), [{"id": key, "value": value}])

    # -- health and backups ------------------------------------------------------------

    def check(self) -> list[StoreProblem]:
        """Problems found so far: unreadable files (already moved aside), invalid entries."""
        with self._mutex:
            return list(self._files.problems)

    def backup(self, dest: Path | None = None) -> Path:
        """Copy every data file into `dest` (default: a new folder under backups/)."""
        with self._locked():
            return self._backups.snapshot(dest)

    def restore(self, source: Path | None = None) -> RestoreReport:
        """Bring back from a backup (default: the newest) what is missing or older here.

        A merge, never a rollback: entries are added or replaced by newer copies, and
        contacts, settings, pack records and pack folders fill in only what is missing,
        so nothing written since the backup is lost. An entry or a file of the backup
        that cannot be read is named in the report; the rest is brought back.
        """
        with self._locked():
            if source is None:
                folders = self._backups.folders()
                if not folders:
                    raise StoreError(f"There are no backups in {self._layout.backups} yet.")
                source = folders[-1]
            contents = read_backup(source)
            deleting = self._deleting()
            newest: dict[str, Entry] = {}
            for entry in contents.entries:
                if entry.id in deleting or entry.status is EntryStatus.DISCARDED:
                    continue
                if entry.id not in newest or newest[entry.id].updated_at < entry.updated_at:
                    newest[entry.id] = entry
            restored = [entry for entry in newest.values() if self._is_newer(entry)]
            self._put(restored)
            self._fill_gaps(contents.state)
            packs = restore_packs(contents.packs, self._layout.packs) if contents.packs else []
            problems = [f"{source}: {problem}" for problem in contents.problems]
            return RestoreReport(source, len(restored), len(newest) - len(restored), problems, packs)

    # -- inside ------------------------------------------------------------------------

    @contextmanager
    def _locked(self, refresh: bool = True) -> Iterator[None]:
        """Hold the thread and file locks, with the month summaries caught up."""
        with self._mutex:
            try:
                self._lock.acquire()
            except Timeout:
                raise LockTimeout(
                    f"Another cbt window or command has held the journal's lock ({self._layout.lock}) "
                    f"for more than {self._lock_timeout:g} s. Nothing was saved; close it (or end it "
                    "if it is stuck) and try again.",
                    self._layout.lock,
                ) from None
            except OSError as error:
                raise os_failure(error, self._layout.lock, "lock") from None
            try:
                if refresh:
                    self._journal.refresh()
                yield
            finally:
                self._lock.release()

    def _upgrade(self) -> None:
        """Bring an older store up to SCHEMA_VERSION; refuse a newer one.

        Entries that an older version kept as discarded are noted for deletion before any
        file changes, and deleted everywhere (backups too) once the files are upgraded.
        """
        state = self._files.read(self._layout.state)
        version = stored_version(state, self._layout.state)
        if version > SCHEMA_VERSION:
            raise NewerStore(
                f"{self._layout.state} was written by a newer cbt-tui (data version {version}; "
                f"this one reads up to {SCHEMA_VERSION}). Update cbt-tui; nothing was changed.",
                self._layout.state,
            )
        if state is not None and version == SCHEMA_VERSION:
            return
        months = [self._layout.month_file(month) for month in self._layout.months()]
        discarded = discarded_ids(state or {})
        for path in months:
            discarded |= discarded_ids(self._files.read(path) or {})
        if discarded:
            self._note_deletions(discarded)
        for path in months:
            tables = self._files.read(path)
            if tables is not None:
                upgrade(tables, version)
                self._files.write(path, tables)
        tables = self._state()
        upgrade(tables, version)
        tables[META] = {"1": {"schema_version": SCHEMA_VERSION}}
        self._files.write(self._layout.state, tables)

    def _state(self) -> Tables:
        return self._files.read(self._layout.state) or {}

    def _open_entries(self) -> dict[str, Entry]:
        found = stored_entries(self._layout.state, OPEN, self._state().get(OPEN, {}), self._files.problems)
        return {entry.id: entry for entry in found}

    def _journal_is_newer(self, entry: Entry) -> bool:
        newest = self._journal.newest(entry.id)
        return newest is not None and newest[1].updated_at >= entry.updated_at

    def _current_open(self) -> list[Entry]:
        """Open entries whose state.json copy is the newest one."""
        return [entry for entry in self._open_entries().values() if not self._journal_is_newer(entry)]

    def _matching(self, wanted: _Filter) -> tuple[list[Entry], dict[str, list[EntrySummary]]]:
        """The open entries that match, and by month the summaries of the finished ones."""
        current_open = self._current_open()
        open_ids = {entry.id for entry in current_open}
        finished = {
            month: [
                summary
                for summary in self._journal.summaries(month)
                if summary.id not in open_ids and wanted.summary(summary)
            ]
            for month in self._journal.months()
            if wanted.month(month)
        }
        matching = [entry for entry in current_open if wanted.summary(EntrySummary.of(entry))]
        return matching, {month: summaries for month, summaries in finished.items() if summaries}

    def _newest_update(self, entry_id: str) -> datetime | None:
        stamps = []
        open_copy = self._open_entries().get(entry_id)
        if open_copy is not None:
            stamps.append(open_copy.updated_at)
        newest = self._journal.newest(entry_id)
        if newest is not None:
            stamps.append(newest[1].updated_at)
        return max(stamps, default=None)

    def _is_newer(self, entry: Entry) -> bool:
        """Is `entry` newer than every copy of it here (or the only one)?"""
        current = self._newest_update(entry.id)
        return current is None or current < entry.updated_at

    def _put(self, entries: list[Entry]) -> None:
        """Write entries where they belong and remove every other copy.

        Order: finished entries into their months, then state.json, then removals of old
        copies, so an entry's new copy is on disk before its old one goes. Copies left by
        an earlier interrupted move are settled here too.
        """
        open_now = self._open_entries()
        keeper: dict[str, str | None] = {}  # id → the month keeping it, None for state.json
        for entry in entries:
            keeper[entry.id] = home_of(entry)
        for entry in open_now.values():
            if entry.id not in keeper and self._journal.months_holding(entry.id):
                keeper[entry.id] = self._journal.newest_month(entry.id) if self._journal_is_newer(entry) else None
        for _, entry_id in self._journal.superseded():
            keeper.setdefault(entry_id, self._journal.newest_month(entry_id))

        by_month: dict[str, list[Entry]] = {}
        for entry in entries:
            if not entry.status.is_open:
                by_month.setdefault(entry.month, []).append(entry)
        removals: dict[str, set[str]] = {}
        for entry_id, home in keeper.items():
            for month in self._journal.months_holding(entry_id):
                if month != home:
                    removals.setdefault(month, set()).add(entry_id)
        put_open = [entry for entry in entries if entry.status.is_open]
        drop_open = {entry_id for entry_id, home in keeper.items() if home is not None and entry_id in open_now}

        for month, batch in sorted(by_month.items()):
            self._journal.write(month, batch, set())
        if put_open or drop_open:
            with self._files.database(self._layout.state) as db:
                replace_documents(db.table(OPEN, cache_size=0), [entry.to_json() for entry in put_open], drop_open)
        for month, ids in sorted(removals.items()):
            self._journal.write(month, [], ids)

    # -- deleting ------------------------------------------------------------------------

    def _deleting(self) -> set[str]:
        """Ids of entries noted for deletion and not yet gone from every file."""
        return {str(doc.get("id")) for doc in self._state().get(PURGING, {}).values()}

    def _note_deletions(self, ids: set[str]) -> None:
        with self._files.database(self._layout.state) as db:
            replace_documents(db.table(PURGING, cache_size=0), [{"id": entry_id} for entry_id in sorted(ids)])

    def _delete(self, ids: set[str]) -> None:
        """Note the ids and drop their open copies (one write), then remove the rest."""
        with self._files.database(self._layout.state) as db:
            replace_documents(db.table(OPEN, cache_size=0), [], ids)
            replace_documents(db.table(PURGING, cache_size=0), [{"id": entry_id} for entry_id in sorted(ids)])
        self._finish_deletions()

    def _finish_deletions(self) -> None:
        """Remove the entries noted for deletion from the month files (and so their
        summaries), then from the backups (which those writes may just have copied them
        into) and the rescue files; then forget the note."""
        ids = self._deleting()
        if not ids:
            return
        for month in sorted({month for entry_id in ids for month in self._journal.months_holding(entry_id)}):
            self._journal.write(month, [], ids)
        self._backups.purge(ids)
        self._purge_rescues(ids)
        with self._files.database(self._layout.state) as db:
            replace_documents(db.table(OPEN, cache_size=0), [], ids)
            replace_documents(db.table(PURGING, cache_size=0), [], ids)

    def _purge_rescues(self, ids: set[str]) -> None:
        needles = [entry_id.encode() for entry_id in ids]
        for path in self._layout.rescue_files():
            try:
                if not any(needle in path.read_bytes() for needle in needles):
                    continue
                kept = [entry for entry in read_export(path) if entry.id not in ids]
            except (OSError, StoreError):
                continue  # unreadable: nothing can be brought back from it
            try:
                if kept:
                    write_atomically(path, export_json(kept, now()).encode("ascii"))
                else:
                    path.unlink()
            except OSError as error:
                raise os_failure(error, path, "delete from the rescue file") from None

    def _fill_gaps(self, backup_state: Tables) -> None:
        """Add the backup's contacts (if there are none), settings and pack records
        missing here (a pack record pointing into this data home's packs/)."""
        state = self._state()
        have_settings = {doc.get("id") for doc in state.get(SETTINGS, {}).values()}
        have_packs = {doc.get("id") for doc in state.get(PACKS, {}).values()}
        contacts = [] if state.get(CONTACTS) else list(backup_state.get(CONTACTS, {}).values())
        settings = [doc for doc in backup_state.get(SETTINGS, {}).values() if doc.get("id") not in have_settings]
        packs = [
            {**doc, "path": str(self._layout.packs / Path(str(doc.get("path") or doc.get("id"))).name)}
            for doc in backup_state.get(PACKS, {}).values()
            if doc.get("id") not in have_packs
        ]
        if not (contacts or settings or packs):
            return
        with self._files.database(self._layout.state) as db:
            db.table(CONTACTS, cache_size=0).insert_multiple(contacts)
            db.table(SETTINGS, cache_size=0).insert_multiple(settings)
            db.table(PACKS, cache_size=0).insert_multiple(packs)


@dataclass(frozen=True)
class _Filter:
    since: date | None
    until: date | None
    exercise: str | None

    def month(self, month: str) -> bool:
        """Could the month hold matching entries? (Skips whole month files.)"""
        return (self.since is None or month >= f"{self.since:%Y-%m}") and (
            self.until is None or month <= f"{self.until:%Y-%m}"
        )

    def summary(self, summary: EntrySummary) -> bool:
        day = summary.started_at.date()
        return (
            (self.since is None or day >= self.since)
            and (self.until is None or day <= self.until)
            and (self.exercise is None or summary.exercise == self.exercise)
        )


def _checked_contact(contact: dict[str, str]) -> dict[str, str]:
    unknown = set(contact) - set(_CONTACT_FIELDS)
    if unknown:
        raise ValueError(f"unknown contact field(s): {', '.join(sorted(unknown))}")
    cleaned = {field: contact.get(field, "") for field in _CONTACT_FIELDS}
    if not all(isinstance(value, str) for value in cleaned.values()):
        raise ValueError("contact fields must be text")
    if not cleaned["name"].strip() or not cleaned["contact"].strip():
        raise ValueError("a contact needs a name and a way to reach them")
    return cleaned
