"""A first launch welcomes (issue 16, point 11): two lines on what this is, a question
about where the person is (for Help now), and one first step picked (the thought
record; the craving surf is one key away). "Welcome back" only with history."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from pilot_helpers import Terminal, holding_import, on_view, settle, store_at
from textual.widgets import Button, OptionList, Static

from cbt_tui.domain.entries import Entry, EntryStatus
from cbt_tui.tui.screens.home import HomeScreen
from cbt_tui.tui.screens.region import RegionScreen
from cbt_tui.tui.screens.runner import RunnerScreen

AT = datetime(2026, 11, 20, 19, 30, tzinfo=UTC)


def greeting(app) -> str:
    return str(app.screen.query_one("#greeting", Static).render())


async def test_a_first_launch_says_what_this_is_and_picks_the_thought_record(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        words = greeting(app)
        assert "Welcome back" not in words
        lines = words.splitlines()
        assert lines[0].startswith("A private place to practise CBT skills for recovery")
        assert "stays on this laptop" in lines[1]
        assert "Press c" in lines[2] and "thought record" in lines[2]
        assert all(len(line) <= 78 for line in lines)  # each a line of its own at 80 columns
        library = app.screen.query_one("#library", OptionList)
        assert app.focused is library and library.highlighted_option.id == "exercise:core/thought-record"
        row = library.scrollable_content_region.y + library._index_to_line[library.highlighted]
        assert row < 23  # on screen, under the welcome
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, RunnerScreen) and app.screen.run.exercise.id == "thought-record"


async def test_a_first_launch_asks_where_the_person_is(make_app, cbt_home: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        ask = app.screen.query_one("#choose-region", Button)
        assert ask.display
        await pilot.press("shift+tab")  # from the library, as a person would
        assert app.focused is ask
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, RegionScreen)
        regions = app.screen.query_one("#regions", OptionList)
        regions.highlighted = regions.get_option_index("GB")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert not on_view(app.screen, "#choose-region")
        assert app.focused is app.screen.query_one("#library")
        assert app.screen.query_one("#home").scroll_y == 0  # the welcome is still in view
    assert store_at(cbt_home).settings().region == "GB"


async def test_with_history_it_is_welcome_back_and_nothing_is_asked(make_app, cbt_home: Path) -> None:
    store = store_at(cbt_home)
    store.change_setting("region", "US")
    store.import_entries(
        [
            Entry(
                pack="recovery",
                pack_version="1.0.0",
                exercise="daily-check-in",
                exercise_title="Daily check-in",
                kind="skill",
                status=EntryStatus.COMPLETE,
                started_at=AT,
                updated_at=AT,
                completed_at=AT,
            )
        ]
    )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert greeting(app).startswith("Welcome back.")
        assert not on_view(app.screen, "#choose-region")
        library = app.screen.query_one("#library", OptionList)
        assert library.highlighted_option.id == "exercise:core/craving-surf"  # the first row, as always


async def test_no_history_but_a_region_chosen_asks_nothing(make_app, cbt_home: Path) -> None:
    store_at(cbt_home).change_setting("region", "AU")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Welcome back" not in greeting(app)
        assert not on_view(app.screen, "#choose-region")


def test_a_first_launch_draws_its_welcome_in_the_first_frame(cbt_home: Path, tmp_path: Path) -> None:
    """On a real terminal, before the journal can even be opened (TinyDB held back): a data
    home not yet made gets its three-line welcome in the first frame, rather than a line
    that grows to three once the journal is read, pushing the library down."""
    release = tmp_path / "let-tinydb-in"
    terminal = Terminal(holding_import("tinydb", release), cbt_home)
    try:
        terminal.wait_for(b"Craving now")
        terminal.wait_for(b"A private place to practise CBT skills")
        release.touch()
        terminal.send(b"\x11")  # Ctrl+Q
        assert terminal.finish() == 0
    finally:
        release.touch()
        terminal.close()
