"""Where each store file lives under the data home.

    state.json              drafts, entries awaiting follow-up, contacts, settings,
                            installed packs, deletions under way, schema version
                            (small: rewritten often)
    journal/2026-11.json    finished entries that started in that month
    journal/index/2026-11.json  summaries of that month (rebuildable from it)
    journal/index/2026-11.search.json  the month's answers as searched (rebuildable)
    backups/2026-11-23/     copies of files as they were before that day's first change
    backups/2026-11-23-181500/  `cbt backup`: every data file and packs/
    packs/<id>/             installed packs (the pack installer's; backed up with the rest)
    rescue-*.json           drafts that could not be saved (an export file, see rescue.py)
    .store.lock             held across every read-modify-write

Every store file is plain TinyDB JSON (`TinyDB(path)` opens it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from cbt_tui.domain.entries import Entry

_MONTH_FILE = re.compile(r"^(\d{4}-\d{2})\.json$")
RESCUE_PREFIX, RESCUE_SUFFIX = "rescue-", ".json"


@dataclass(frozen=True)
class Layout:
    home: Path

    @property
    def state(self) -> Path:
        return self.home / "state.json"

    @property
    def journal(self) -> Path:
        return self.home / "journal"

    @property
    def index(self) -> Path:
        return self.journal / "index"

    @property
    def backups(self) -> Path:
        return self.home / "backups"

    @property
    def packs(self) -> Path:
        return self.home / "packs"

    @property
    def lock(self) -> Path:
        return self.home / ".store.lock"

    def rescue_files(self) -> list[Path]:
        """Rescue files, oldest first (their names start with the time they were written)."""
        return sorted(
            child
            for child in self.home.iterdir()
            if child.name.startswith(RESCUE_PREFIX) and child.name.endswith(RESCUE_SUFFIX)
        )

    def month_file(self, month: str) -> Path:
        return self.journal / f"{month}.json"

    def summary_file(self, month: str) -> Path:
        return self.index / f"{month}.json"

    def search_file(self, month: str) -> Path:
        return self.index / f"{month}.search.json"

    def months(self) -> list[str]:
        """Months that have a journal file, oldest first."""
        return months_in(self.journal)

    def data_files(self) -> list[Path]:
        """The files that hold data (not the rebuildable index), as backups copy them."""
        files = [self.state] if self.state.exists() else []
        return files + [self.month_file(month) for month in self.months()]


def months_in(folder: Path) -> list[str]:
    """`YYYY-MM` of every month file in `folder`, oldest first; other names are ignored."""
    if not folder.is_dir():
        return []
    found = (_MONTH_FILE.match(child.name) for child in folder.iterdir())
    return sorted(match.group(1) for match in found if match)


def home_of(entry: Entry) -> str | None:
    """The month whose file keeps a finished entry; None for an open one (state.json)."""
    return None if entry.status.is_open else entry.month


# Table names. state.json holds the first six; each month file holds ENTRIES.
META, OPEN, CONTACTS, PACKS, SETTINGS = "meta", "open", "contacts", "packs", "settings"
PURGING = "purging"
"""Ids of entries being deleted: a deletion cut short is finished on the next open."""
ENTRIES = "entries"
