"""Rating by keyboard: a typed number replaces the value, Backspace clears a rating, Enter
moves on, Down and Up move between rated items, and a scale shows its anchor words."""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import settle, store_at
from textual.containers import VerticalScroll

from cbt_tui.domain.entries import EntryStatus
from cbt_tui.tui.screens.home import HomeScreen
from cbt_tui.tui.screens.runner import ReviewScreen, RunnerScreen
from cbt_tui.tui.widgets.steps.scale import ScaleInput


def shown(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


def scale_value(app) -> float | None:
    return app.screen.view.query_one(ScaleInput).value


async def pause_typing(pilot, clock) -> None:
    """Let more than the typing pause go by on the app's clock."""
    clock.set_time(clock.time + 2)
    await pilot.pause()


async def save_from_review(pilot) -> str:
    """Save the entry on the review screen; returns its id."""
    app = pilot.app
    assert isinstance(app.screen, ReviewScreen)
    entry_id = app.screen.run.entry.id
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert isinstance(app.screen, HomeScreen)
    return entry_id


async def test_a_typed_number_replaces_the_value_and_what_is_shown_is_stored(
    make_app, install_test_pack, cbt_home: Path, clock
) -> None:
    install_test_pack("typing.yaml")
    app = make_app(start_exercise="typing/numbers")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.screen.run.step.id == "belief"  # 0-100
        await pilot.press("5")
        assert scale_value(app) == 5
        await pause_typing(pilot, clock)
        await pilot.press("4", "0")  # today: "54", then "540" is too big and becomes 0
        assert scale_value(app) == 40
        assert shown(app, "#scale-value").startswith("40")
        await pause_typing(pilot, clock)
        await pilot.press("9")
        await pause_typing(pilot, clock)
        await pilot.press("4", "0")
        assert scale_value(app) == 40
        await pause_typing(pilot, clock)
        await pilot.press("0")  # today: 90
        assert scale_value(app) == 0
        await pilot.press("right", "7")  # after an arrow key, a digit starts a new number
        assert scale_value(app) == 7
        await pilot.press("3")  # within the pause: it goes on the same number
        assert scale_value(app) == 73
        await pause_typing(pilot, clock)
        await pilot.press("1", "5", "0")
        assert scale_value(app) == 100
        assert "100 is the most; set to 100" in shown(app, "#scale-value")
        await pause_typing(pilot, clock)
        await pilot.press("6", "5")
        assert "most" not in shown(app, "#scale-value")
        await pilot.press("ctrl+n")
        await settle(pilot)

        assert app.screen.run.step.id == "urge"  # 0-10: a fresh number after focus
        await pilot.press("1", "2")
        assert scale_value(app) == 10
        assert "10 is the most; set to 10" in shown(app, "#scale-value")
        await pilot.press("ctrl+n")
        await settle(pilot)

        assert app.screen.run.step.id == "feelings"  # the same in a ratings row
        await pilot.press("3")
        await pause_typing(pilot, clock)
        await pilot.press("4", "0", "tab", "7", "tab", "2", "5", "0")
        assert "100 is the most; set to 100" in shown(app, "#rating-status")
        await pilot.press("ctrl+n")
        await settle(pilot)
        entry_id = await save_from_review(pilot)

    entry = store_at(cbt_home).get(entry_id)
    assert entry.status is EntryStatus.COMPLETE
    assert entry.answers == {"belief": 65, "urge": 10, "feelings": {"anxious": 40, "sad": 7, "angry": 100}}


async def test_backspace_clears_a_rating_and_an_unrated_item_is_not_stored(
    make_app, install_test_pack, cbt_home: Path
) -> None:
    install_test_pack("typing.yaml")
    app = make_app(start_exercise="typing/numbers")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("right")  # one arrow press rates it 0
        assert scale_value(app) == 0
        await pilot.press("backspace")
        assert scale_value(app) is None
        assert shown(app, "#scale-value") == "Not rated yet"
        await pilot.press("ctrl+n")
        await settle(pilot)

        await pilot.press("4", "delete")  # Delete clears too
        assert scale_value(app) is None
        assert shown(app, "#scale-value") == "Not rated yet"
        await pilot.press("ctrl+n")
        await settle(pilot)

        await pilot.press("right", "tab", "6")
        await pilot.press("shift+tab", "backspace")
        assert "anxious: not rated yet" in shown(app, "#rating-status").lower()
        await pilot.press("ctrl+n")
        await settle(pilot)
        entry_id = await save_from_review(pilot)

    assert store_at(cbt_home).get(entry_id).answers == {"feelings": {"sad": 6}}


async def test_enter_moves_on_and_down_and_up_move_between_rated_items(
    make_app, install_test_pack, cbt_home: Path
) -> None:
    install_test_pack("typing.yaml")
    app = make_app(start_exercise="typing/numbers")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2", "5", "enter")
        await settle(pilot)
        assert app.screen.run.step.id == "urge"
        # The anchor words show before the first rating.
        assert scale_value(app) is None
        assert shown(app, "#scale-labels") == "0 no urge · 5 strong · 10 strongest ever"
        await pilot.press("8", "enter")
        await settle(pilot)

        assert app.screen.run.step.id == "feelings"
        await pilot.press("3", "0", "down", "2", "0", "down", "1", "0", "up", "right")
        await pilot.press("enter")
        await settle(pilot)
        entry_id = await save_from_review(pilot)

    answers = store_at(cbt_home).get(entry_id).answers
    assert answers == {
        "belief": 25,
        "urge": 8,
        "feelings": {"anxious": 30, "sad": 25, "angry": 10},
    }  # right: one move of 5


async def test_page_down_scrolls_the_review_at_once(make_app, install_test_pack) -> None:
    install_test_pack("typing.yaml")
    app = make_app(start_exercise="typing/words")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        area = app.focused
        area.insert("\n".join(f"line {n}" for n in range(40)), area.cursor_location)
        await pilot.press("ctrl+n", "ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        review = app.screen.query_one("#review", VerticalScroll)
        assert review.scroll_y == 0
        await pilot.press("pagedown")
        await pilot.pause()
        assert review.scroll_y > 0
        await pilot.press("pageup")
        await pilot.pause()
        assert review.scroll_y == 0
        assert isinstance(app.screen_stack[-2], RunnerScreen)
