"""History: newest first, filters, a capped table with search, and entry detail pairs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from pilot_helpers import settle, store_at, type_text
from textual.widgets import DataTable, Select, Static

from cbt_tui.domain.entries import Entry, EntryStatus
from cbt_tui.tui.screens.history import MAX_ROWS, EntryScreen, HistoryScreen

START = datetime(2025, 1, 1, 9, 0, tzinfo=UTC)


def entry(index: int, exercise: str = "daily-check-in", kind: str = "skill", **fields) -> Entry:
    at = START + timedelta(days=index)
    return Entry(
        pack="recovery",
        pack_version="1.0.0",
        exercise=exercise,
        exercise_title=exercise.replace("-", " ").title(),
        kind=kind,
        status=EntryStatus.COMPLETE,
        started_at=at,
        updated_at=at,
        completed_at=at,
        **fields,
    )


async def open_history(pilot) -> HistoryScreen:
    await settle(pilot)
    pilot.app.push_screen(HistoryScreen())
    await settle(pilot)
    return pilot.app.screen


async def test_history_is_newest_first_capped_and_searchable(make_app, cbt_home: Path) -> None:
    entries = [entry(i) for i in range(MAX_ROWS + 50)]
    entries.append(entry(400, exercise="thought-record", kind="thought_record"))
    store_at(cbt_home).import_entries(entries)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(pilot)
        table = screen.query_one("#entries", DataTable)
        assert table.row_count == MAX_ROWS
        assert table.coordinate_to_cell_key((0, 0)).row_key.value == entries[-1].id  # newest first
        note = str(screen.query_one("#history-count", Static).render())
        assert note == f"The newest {MAX_ROWS} of {MAX_ROWS + 51} entries. Search to find older ones."

        await type_text(pilot, "2025-01-0", into=screen.query_one("#search"))  # the oldest days
        assert table.row_count == 9
        screen.query_one("#search").value = ""
        screen.query_one("#kind", Select).value = "thought_record"
        await pilot.pause()
        assert table.row_count == 1
        assert str(screen.query_one("#history-count", Static).render()) == "1 entry"


async def test_entry_detail_shows_before_and_after_side_by_side(make_app, cbt_home: Path) -> None:
    record = entry(
        1,
        exercise="thought-record",
        kind="thought_record",
        answers={"emotions": {"anxious": 80, "sad": 40}, "emotions_after": {"anxious": 50, "sad": 45}},
        prompts={"emotions": "Rate your feelings", "emotions_after": "Rate them again"},
    )
    record.pack = "core"
    store_at(cbt_home).import_entries([record])
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen)
        pair = app.screen.query_one(".pair", Static)
        assert str(pair.render()).splitlines() == ["Anxious: 80 → 50 (-30)", "Sad: 40 → 45 (+5)"]  # by label
