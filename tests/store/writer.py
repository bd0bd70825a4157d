"""Saves entries through the store, printing `STATUS ID` after each save returns.

Used by the kill and concurrency tests: every printed line is an acknowledged write
that must survive. Each entry is saved as a draft, then completed, so it moves from
state.json into a month file; start months rotate so several files change.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cbt_tui.domain.entries import Entry, EntryStatus, new_entry_id
from cbt_tui.store import open_store


def main() -> None:
    home, count, tag = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    store = open_store(home, lock_timeout=30)
    base = datetime(2026, 1, 10, 8, 0, tzinfo=UTC)
    for number in range(count):
        started = base + timedelta(days=31 * (number % 4), minutes=number)
        draft = Entry(
            id=new_entry_id(started),
            pack="recovery-basics",
            pack_version="1.0.0",
            exercise="thought-record",
            exercise_title=f"{tag} {number}",
            kind="thought_record",
            started_at=started,
            answers={"situation": f"{tag} {number} " + "words " * 200},
            position="situation",
        )
        saved = store.save(draft)
        print("draft", saved.id, flush=True)
        store.save(saved.model_copy(update={"status": EntryStatus.COMPLETE, "completed_at": started}))
        print("complete", saved.id, flush=True)


if __name__ == "__main__":
    main()
