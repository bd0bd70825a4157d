"""`recall` and `suggest` in the trainer: a step shows the person's own latest answer it
recalls (their warning signs, from their plan), and saving an entry offers the exercise
it suggests for those answers, as one question whose default is "not now"."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from helpers import saved_entry
from pilot_helpers import settle, store_at

from cbt_tui.domain.entries import EntryStatus, now
from cbt_tui.tui.screens.confirm import ConfirmScreen
from cbt_tui.tui.screens.home import HomeScreen
from cbt_tui.tui.screens.runner import ReviewScreen, RunnerScreen


def _save_plan(home: Path, signs: list[str], days_ago: int) -> None:
    plan = {"pack": "recovery", "exercise": "relapse-prevention-plan", "exercise_title": "Relapse prevention plan"}
    store_at(home).save(saved_entry({"warning_signs": signs}, now() - timedelta(days=days_ago), kind="skill", **plan))


def _recalled(app) -> str:
    recalled = app.screen.query_one("#step-recall")
    return str(recalled.render()) if recalled.has_class("-shown") else ""


async def test_a_step_shows_the_newest_saved_answer_it_recalls(make_app, install_test_pack, cbt_home: Path) -> None:
    install_test_pack("new-keys.yaml")
    _save_plan(cbt_home, ["skipping meetings"], days_ago=9)
    _save_plan(cbt_home, ["keeping to myself", "[bold]not sleeping[/]"], days_ago=2)
    app = make_app(start_exercise="new-keys/check-in")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await app.workers.wait_for_complete()
        await settle(pilot)
        shown = _recalled(app)
        assert shown.startswith("Your warning signs")
        assert "keeping to myself" in shown and "[bold]not sleeping[/]" in shown
        assert "skipping meetings" not in shown  # the newest plan only

        await pilot.press(*"tired", "enter")  # the next step recalls an exercise never done
        await settle(pilot)
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert app.screen.run.step.id == "used"
        assert _recalled(app) == ""


async def test_saving_offers_what_the_exercise_suggests_for_these_answers(
    make_app, install_test_pack, cbt_home: Path
) -> None:
    install_test_pack("new-keys.yaml")
    app = make_app(start_exercise="new-keys/check-in")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"none today", "enter")
        await settle(pilot)
        await pilot.press("enter", "ctrl+n")  # "Yes", the first option
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "It can help right now." in app.screen.question
        assert "Next, if you like: “I used. What now?”" in app.screen.question
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, RunnerScreen)
        assert (app.screen.run.pack.id, app.screen.run.exercise.id) == ("recovery-support", "lapse-response")


async def test_not_now_goes_home_and_answers_that_suggest_nothing_ask_nothing(
    make_app, install_test_pack, cbt_home: Path
) -> None:
    install_test_pack("new-keys.yaml")
    app = make_app(start_exercise="new-keys/check-in")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"none today", "enter")
        await settle(pilot)
        await pilot.press("down", "enter", "ctrl+n")  # "No" suggests the surf
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "Next, if you like: “Surf”" in app.screen.question
        await pilot.press("enter")  # the focused button is "Not now"
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)

    entries = store_at(cbt_home).history()
    assert [e.status for e in entries] == [EntryStatus.COMPLETE]
