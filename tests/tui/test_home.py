"""Home: the library, craving now within two keys, drafts and follow-ups to resume."""

from __future__ import annotations

from pathlib import Path

from helpers import saved_entry
from pilot_helpers import settle, store_at
from textual.widgets import OptionList

from cbt_tui.domain.entries import EntryStatus
from cbt_tui.tui.screens.home import HomeScreen
from cbt_tui.tui.screens.runner import RunnerScreen


async def test_home_lists_builtin_exercises_by_pack(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        library = app.screen.query_one("#library", OptionList)
        ids = [library.get_option_at_index(i).id for i in range(library.option_count)]
        assert "exercise:core/thought-record" in ids
        assert "exercise:recovery/daily-check-in" in ids


async def test_craving_now_is_one_key_from_launch(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")  # pressed before the packs have loaded: it waits, then starts
        await settle(pilot)
        assert isinstance(app.screen, RunnerScreen)
        assert app.screen.run.exercise.id == "craving-surf"


async def test_broken_installed_pack_still_opens_with_a_notice(make_app, cbt_home: Path) -> None:
    (cbt_home / "packs").mkdir(parents=True)
    (cbt_home / "packs" / "broken.yaml").write_text("format: 1\nid: broken\ntitle: [\n")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        notices = str(app.screen.query_one("#notices").render())
        assert "A pack could not be loaded" in notices and "broken.yaml" in notices
        assert app.catalog.find("thought-record") is not None


async def test_corrupt_store_file_still_opens_with_a_notice(make_app, cbt_home: Path) -> None:
    cbt_home.mkdir(parents=True)
    (cbt_home / "state.json").write_text('{"open": {"1": ')
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        notices = str(app.screen.query_one("#notices").render())
        assert "state.json" in notices
        assert list(cbt_home.glob("state.json.corrupt-*"))


async def test_with_drafts_and_recent_entries_home_opens_at_its_top(make_app, cbt_home: Path) -> None:
    """The greeting and "Craving now" stay in view when the journal's lists arrive (they
    are mounted then: focusing the first of them before it was laid out scrolled Home to
    its bottom)."""
    store = store_at(cbt_home)
    store.save(saved_entry({"situation": "After the late shift"}))
    store.save(saved_entry({"situation": "Half done"}, status=EntryStatus.DRAFT, completed_at=None))
    for launch in range(2):  # the second from the cache of what Home showed
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert app.screen.query_one("#home").scroll_y == 0, launch
            assert app.focused is app.screen.query_one("#open-entries")


def test_every_kind_of_exercise_has_its_name_in_the_library() -> None:
    """The library groups and names exercises by kind: a kind the format gains without a
    name here would fail Home at its first pack of that kind."""
    from cbt_tui.domain.packs.models import KINDS
    from cbt_tui.tui.kinds import KIND_NAMES

    assert sorted(KIND_NAMES) == sorted(KINDS)


async def test_home_given_the_focus_back_stays_at_its_top(make_app) -> None:
    """Home back in view with nothing focused (a craving surf opened from the first frame,
    then left) gives the library the focus without scrolling to it: it scrolled Home down
    to centre the library, hiding the greeting and "Craving now"."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.set_focus(None)
        await pilot.press("f1")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.focused is app.screen.query_one("#library")
        assert app.screen.query_one("#home").scroll_y == 0


async def test_a_list_reached_with_tab_opens_its_first_row_on_enter(make_app, cbt_home: Path) -> None:
    """Keyboard only: Tab to "Recently" and Enter opens the newest entry (the list had no
    highlighted row until an arrow was pressed, and Enter did nothing)."""
    from cbt_tui.tui.screens.history import EntryScreen

    store_at(cbt_home).save(saved_entry({"situation": "After the late shift"}))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        recent = app.screen.query_one("#recent", OptionList)
        for _ in range(6):
            if app.focused is recent:
                break
            await pilot.press("tab")
        assert app.focused is recent
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen)
