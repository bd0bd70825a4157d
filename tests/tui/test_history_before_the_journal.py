"""History opened before the journal is open reads it once it opens: `h` pressed right
after launch, while the journal was still opening (another window held it), showed
"0 entries" for good (found by tests/hostile/test_hostile_terminal.py under tmux)."""

from __future__ import annotations

from pathlib import Path

from helpers import saved_entry
from pilot_helpers import holding_the_lock, settle, store_at
from textual.widgets import DataTable

from cbt_tui.tui.screens.history import HistoryScreen


async def test_history_opened_early_fills_in_when_the_journal_opens(make_app, cbt_home: Path) -> None:
    store_at(cbt_home).save(saved_entry({"situation": "x"}))
    with holding_the_lock(cbt_home) as let_go:
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
            assert str(app.screen.query_one("#history-count").render()) == "Reading your history…"
            let_go()  # the other window lets go
            await settle(pilot)
            await settle(pilot)
            assert app.store is not None
            assert isinstance(app.screen, HistoryScreen)
            assert app.screen.query_one("#entries", DataTable).row_count == 1
            assert str(app.screen.query_one("#history-count").render()) == "1 entry"
