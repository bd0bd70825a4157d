"""Discard and delete, in the trainer: "Discard this draft" from the command palette and
F8, and a saved entry deleted from its detail screen, each after one true question."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from pilot_helpers import resume_from_home, settle, store_at
from textual.command import CommandPalette
from textual.widgets import DataTable

from cbt_tui.domain.entries import Entry, EntryStatus
from cbt_tui.tui.screens.confirm import ConfirmScreen
from cbt_tui.tui.screens.history import EntryScreen, HistoryScreen
from cbt_tui.tui.screens.home import HomeScreen
from cbt_tui.tui.screens.runner import RunnerScreen


async def leave_a_draft(pilot, words: str) -> str:
    """Start the exercise, type, leave (the journal keeps the draft), and pick it up again
    from Home. Returns the entry's id."""
    app = pilot.app
    app.start_exercise_by_id("typing", "words")
    await settle(pilot)
    await pilot.press(*words)
    entry_id = app.screen.run.entry.id
    await pilot.press("escape")
    await settle(pilot)
    assert [entry.id for entry in store_at(app.home).drafts()] == [entry_id]
    await resume_from_home(pilot)
    assert isinstance(app.screen, RunnerScreen)
    assert app.screen.run.entry.id == entry_id
    return entry_id


async def test_discard_this_draft_is_in_the_palette_and_on_f8(make_app, install_test_pack, cbt_home: Path) -> None:
    install_test_pack("typing.yaml")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        first = await leave_a_draft(pilot, "a draft to throw away")
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Discard")
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "deleted from this computer, backups in the data home included" in app.screen.question
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert store_at(cbt_home).get(first) is None

        second = await leave_a_draft(pilot, "another to throw away")
        await pilot.press("f8")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)

    store = store_at(cbt_home)
    assert store.get(second) is None
    assert store.drafts() == []
    assert "throw away" not in "".join(path.read_text() for path in cbt_home.rglob("*.json"))


async def test_an_entry_is_deleted_from_its_detail_after_one_question(make_app, cbt_home: Path) -> None:
    store = store_at(cbt_home)
    started = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    kept, gone = (
        store.save(
            Entry(
                pack="core",
                pack_version="1",
                exercise="thought-record",
                exercise_title=title,
                kind="thought_record",
                status=EntryStatus.COMPLETE,
                started_at=started,
                completed_at=started,
                answers={"situation": words},
            )
        )
        for title, words in (
            ("Kept", "stays"),
            ("Gone", "the party at Jo's, 9 pm"),
        )  # words no pack holds: the catalog cache in the data home keeps the packs' own
    )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        table = app.screen.query_one("#entries", DataTable)
        row = next(i for i in range(table.row_count) if table.get_row_at(i)[2].plain == "Gone")
        table.move_cursor(row=row)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen)
        shown = app.active_bindings["delete"]  # in the footer
        assert shown.binding.id == "entry.delete" and shown.binding.show and shown.enabled
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        question = app.screen.question
        assert "for good" in question
        assert "Files you exported or backed up elsewhere are your own" in question
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        table = app.screen.query_one("#entries", DataTable)
        assert [table.get_row_at(i)[2].plain for i in range(table.row_count)] == ["Kept"]

    store = store_at(cbt_home)
    assert store.get(gone.id) is None
    assert store.get(kept.id) is not None
    assert "the party at Jo's" not in "".join(path.read_text() for path in cbt_home.rglob("*.json"))
