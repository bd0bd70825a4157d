"""The journal store: the one place that reads and writes the user's data.

Where things live (see `layout`): open entries (drafts, awaiting follow-up) in the small
`state.json`, finished ones (complete, discarded) in their start month's file. An entry
moves between files when its status or start month changes. The new copy is written
(durably) before the old one is removed, so a crash between the two leaves two copies,
never none; on reading, the copy with the later `updated_at` wins, and the next write
removes the other.

Every method takes a threading lock and the store's file lock, and re-checks the files
another process may have changed, so the app's worker threads and a `cbt` command can
use one data home at the same time.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from cbt_tui.domain.entries import Entry, EntryStatus, EntrySummary, now
from cbt_tui.domain.settings import Settings
from cbt_tui.store.backups import Backups, read_backup
from cbt_tui.store.errors import LockTimeout, NewerStore, StoreError, StoreProblem, os_failure
from cbt_tui.store.files import StoreFiles, make_private_folder, remove_temp_files, replace_documents
from cbt_tui.store.journal import Journal, valid_entries
from cbt_tui.store.layout import CONTACTS, META, OPEN, PACKS, SETTINGS, Layout
from cbt_tui.store.migrations import SCHEMA_VERSION, Tables, stored_version, upgrade

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
        self._lock = FileLock(
            self._layout.lock, timeout=lock_timeout, mode=0o600, thread_local=False, preserve_lock_file=True
        )
        with self._locked(refresh=False):
            for folder in (home, self._layout.journal, self._layout.index):
                remove_temp_files(folder)
            self._upgrade()
            self._journal.refresh()

    # -- entries -------------------------------------------------------------------

    def save(self, entry: Entry) -> Entry:
        """Insert or replace by id, whatever the status; returns it with `updated_at` set."""
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
        """Mark an entry discarded: kept on disk, gone from drafts, history and exports."""
        with self._locked():
            entry = self.get(entry_id)
            if entry is None:
                return False
            self.save(entry.model_copy(update={"status": EntryStatus.DISCARDED}))
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

    def history(
        self, since: date | None = None, until: date | None = None, exercise: str | None = None
    ) -> list[EntrySummary]:
        """Every entry but discarded ones, newest first; dates are inclusive days."""
        with self._locked():
            wanted = _Filter(since, until, exercise)
            current_open = self._current_open()
            open_ids = {entry.id for entry in current_open}
            rows = [summary for entry in current_open if wanted.summary(summary := EntrySummary.of(entry))]
            for month in self._journal.months():
                if wanted.month(month):
                    rows += [
                        summary
                        for summary in self._journal.summaries(month)
                        if summary.id not in open_ids and wanted.summary(summary)
                    ]
            return sorted(rows, key=lambda row: row.started_at, reverse=True)

    def export_entries(
        self, since: date | None = None, until: date | None = None, exercise: str | None = None
    ) -> list[Entry]:
        """Full entries for an export (all but discarded ones), oldest first."""
        with self._locked():
            wanted = _Filter(since, until, exercise)
            current_open = self._current_open()
            open_ids = {entry.id for entry in current_open}
            found = [entry for entry in current_open if wanted.summary(EntrySummary.of(entry))]
            for month in self._journal.months():
                if not wanted.month(month):
                    continue
                ids = {
                    summary.id
                    for summary in self._journal.summaries(month)
                    if summary.id not in open_ids and wanted.summary(summary)
                }
                if ids:
                    found += self._journal.entries(month, ids)
            return sorted(found, key=lambda entry: entry.started_at)

    def import_entries(self, entries: list[Entry]) -> tuple[int, int]:
        """Add entries whose id is new here; returns (imported, skipped).

        Idempotent: running an interrupted import again completes it.
        """
        with self._locked():
            known = set(self._journal.ids()) | set(self._open_entries())
            fresh = []
            for entry in entries:
                if entry.id not in known:
                    known.add(entry.id)
                    fresh.append(entry)
            self._put(fresh)
            return len(fresh), len(entries) - len(fresh)

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
        contacts, settings and pack records fill in only what is missing, so nothing
        written since the backup is lost.
        """
        with self._locked():
            if source is None:
                folders = self._backups.folders()
                if not folders:
                    raise StoreError(f"There are no backups in {self._layout.backups} yet.")
                source = folders[-1]
            contents = read_backup(source)
            newest: dict[str, Entry] = {}
            for entry in contents.entries:
                if entry.id not in newest or newest[entry.id].updated_at < entry.updated_at:
                    newest[entry.id] = entry
            restored = []
            for entry in newest.values():
                current = self._newest_update(entry.id)
                if current is None or current < entry.updated_at:
                    restored.append(entry)
            self._put(restored)
            self._fill_gaps(contents.state)
            return RestoreReport(source, len(restored), len(newest) - len(restored))

    def close(self) -> None:
        """Nothing stays open between calls; kept so callers can scope a store."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

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
        """Bring an older store up to SCHEMA_VERSION; refuse a newer one."""
        state = self._files.read(self._layout.state)
        version = stored_version(state)
        if version > SCHEMA_VERSION:
            raise NewerStore(
                f"{self._layout.state} was written by a newer cbt-tui (data version {version}; "
                f"this one reads up to {SCHEMA_VERSION}). Update cbt-tui; nothing was changed.",
                self._layout.state,
            )
        if state is not None and version == SCHEMA_VERSION:
            return
        for month in self._layout.months() if version < SCHEMA_VERSION else ():
            path = self._layout.month_file(month)
            tables = self._files.read(path)
            if tables is not None:
                upgrade(tables, version)
                self._files.write(path, tables)
        tables = state or {}
        upgrade(tables, version)
        tables[META] = {"1": {"schema_version": SCHEMA_VERSION}}
        self._files.write(self._layout.state, tables)

    def _state(self) -> Tables:
        return self._files.read(self._layout.state) or {}

    def _open_entries(self) -> dict[str, Entry]:
        docs = self._state().get(OPEN, {}).values()
        return {entry.id: entry for entry in valid_entries(self._layout.state, docs, self._files.problems)}

    def _journal_is_newer(self, entry: Entry) -> bool:
        newest = self._journal.newest(entry.id)
        return newest is not None and newest[1].updated_at >= entry.updated_at

    def _current_open(self) -> list[Entry]:
        """Open entries whose state.json copy is the newest one."""
        return [entry for entry in self._open_entries().values() if not self._journal_is_newer(entry)]

    def _newest_update(self, entry_id: str) -> datetime | None:
        stamps = []
        open_copy = self._open_entries().get(entry_id)
        if open_copy is not None:
            stamps.append(open_copy.updated_at)
        newest = self._journal.newest(entry_id)
        if newest is not None:
            stamps.append(newest[1].updated_at)
        return max(stamps, default=None)

    def _put(self, entries: list[Entry]) -> None:
        """Write entries where they belong and remove every other copy.

        Order: finished entries into their months, then state.json, then removals of old
        copies, so an entry's new copy is on disk before its old one goes. Copies left by
        an earlier interrupted move are settled here too.
        """
        open_now = self._open_entries()
        home_of: dict[str, str | None] = {}  # id → the month keeping it, None for state.json
        for entry in entries:
            home_of[entry.id] = None if entry.status.is_open else entry.month
        for entry in open_now.values():
            if entry.id not in home_of and self._journal.months_holding(entry.id):
                home_of[entry.id] = self._journal.newest(entry.id)[0] if self._journal_is_newer(entry) else None
        for _, entry_id in self._journal.superseded():
            home_of.setdefault(entry_id, self._journal.newest(entry_id)[0])

        by_month: dict[str, list[Entry]] = {}
        for entry in entries:
            if not entry.status.is_open:
                by_month.setdefault(entry.month, []).append(entry)
        removals: dict[str, set[str]] = {}
        for entry_id, home in home_of.items():
            for month in self._journal.months_holding(entry_id):
                if month != home:
                    removals.setdefault(month, set()).add(entry_id)
        put_open = [entry for entry in entries if entry.status.is_open]
        drop_open = {entry_id for entry_id, home in home_of.items() if home is not None and entry_id in open_now}

        for month, batch in sorted(by_month.items()):
            self._journal.write(month, batch, set())
        if put_open or drop_open:
            with self._files.database(self._layout.state) as db:
                replace_documents(db.table(OPEN, cache_size=0), [entry.to_json() for entry in put_open], drop_open)
        for month, ids in sorted(removals.items()):
            self._journal.write(month, [], ids)

    def _fill_gaps(self, backup_state: Tables) -> None:
        """Add the backup's contacts (if there are none), settings and packs missing here."""
        state = self._state()
        have_settings = {doc.get("id") for doc in state.get(SETTINGS, {}).values()}
        have_packs = {doc.get("id") for doc in state.get(PACKS, {}).values()}
        contacts = [] if state.get(CONTACTS) else list(backup_state.get(CONTACTS, {}).values())
        settings = [doc for doc in backup_state.get(SETTINGS, {}).values() if doc.get("id") not in have_settings]
        packs = [doc for doc in backup_state.get(PACKS, {}).values() if doc.get("id") not in have_packs]
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
            summary.status is not EntryStatus.DISCARDED
            and (self.since is None or day >= self.since)
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
