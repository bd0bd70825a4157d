"""History opened before the journal is open reads it once it opens: `h` pressed right
after launch, while the journal was still opening (another window held it), showed
"0 entries" for good (found by tests/hostile/test_hostile_terminal.py under tmux)."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

from pilot_helpers import settle, store_at
from textual.widgets import DataTable

from cbt_tui.domain.entries import Entry, EntryStatus, now
from cbt_tui.tui.screens.history import HistoryScreen


def hold_the_lock(home: Path) -> subprocess.Popen:
    lock = home / ".store.lock"
    holder = subprocess.Popen(["flock", str(lock), "sleep", "120"], start_new_session=True)
    deadline = time.monotonic() + 10  # a bound against hanging, not a pause
    while subprocess.run(["flock", "-n", str(lock), "true"]).returncode == 0:
        assert time.monotonic() < deadline, "flock did not take the lock"
        time.sleep(0.02)
    return holder


async def test_history_opened_early_fills_in_when_the_journal_opens(make_app, cbt_home: Path) -> None:
    entry = Entry(
        pack="core",
        pack_version="1.0.0",
        exercise="thought-record",
        exercise_title="Thought record",
        kind="thought_record",
        status=EntryStatus.COMPLETE,
        completed_at=now(),
        answers={"situation": "x"},
    )
    store_at(cbt_home).save(entry)
    holder = hold_the_lock(cbt_home)
    try:
        app = make_app(lock_timeout=60)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert app.store is None  # the journal waits for the lock
            app.push_screen(HistoryScreen())
            await pilot.pause()
            for worker in [w for w in app.workers if w.group == "history"]:
                await worker.wait()
            await pilot.pause()
            assert app.screen.query_one("#entries", DataTable).row_count == 0
            os.killpg(holder.pid, signal.SIGKILL)  # the other window lets go
            holder.wait()
            await settle(pilot)
            await settle(pilot)
            assert app.store is not None
            assert isinstance(app.screen, HistoryScreen)
            assert app.screen.query_one("#entries", DataTable).row_count == 1
    finally:
        if holder.poll() is None:
            os.killpg(holder.pid, signal.SIGKILL)
            holder.wait()
