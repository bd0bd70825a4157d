"""The trainer's History search covers answers too, read off the UI thread."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

from helpers import saved_entry
from pilot_helpers import settle, store_at, type_text
from textual.widgets import DataTable

from cbt_tui.domain.entries import Entry
from cbt_tui.tui.screens.history import HistoryScreen

START = datetime(2025, 6, 1, 9, 0, tzinfo=UTC)


def entry(index: int, answers: dict) -> Entry:
    return saved_entry(answers, START + timedelta(days=index))


async def test_history_search_finds_words_in_answers_off_the_ui_thread(make_app, cbt_home: Path) -> None:
    party = [entry(1, {"situation": "At Sam's Party"}), entry(2, {"thoughts": ["the PARTY will be awful"]})]
    store_at(cbt_home).import_entries([*party, entry(3, {"situation": "a quiet night"})])
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        ui_thread = threading.get_ident()
        searched_on: list[int] = []
        store = app.store
        search = store.search

        def watched(*args, **kwargs):
            searched_on.append(threading.get_ident())
            return search(*args, **kwargs)

        store.search = watched  # the real search, noting the thread it runs on
        app.push_screen(HistoryScreen())
        await settle(pilot)
        screen = app.screen
        await type_text(pilot, "party", into=screen.query_one("#search"))
        await settle(pilot)
        table = screen.query_one("#entries", DataTable)
        keys = {table.coordinate_to_cell_key((row, 0)).row_key.value for row in range(table.row_count)}
        assert keys == {e.id for e in party}
        assert searched_on and ui_thread not in searched_on
