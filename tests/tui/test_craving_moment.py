"""The moment of a craving: `c` and one digit start the timer; the timer's own keys; its
end words; and a craving timer that survives a quit. The real app on a real store under
tmp_path, the clock injected (`clock`), no fixed sleeps."""

from __future__ import annotations

import signal
from pathlib import Path

from pilot_helpers import resume_from_home, settle, store_at
from textual.clock import MockClock
from textual.content import Content
from textual.widgets import Static

from cbt_tui.tui.screens.confirm import ConfirmScreen
from cbt_tui.tui.screens.coping_card import CopingCardScreen
from cbt_tui.tui.screens.runner import RunnerScreen
from cbt_tui.tui.widgets.chart import UrgeChart
from cbt_tui.tui.widgets.steps.timer import TimerStepView


def shown(app, selector: str) -> str:
    content = app.screen.query_one(selector, Static).content
    return content.plain if isinstance(content, Content) else str(content)


def footer_actions(app) -> set[str]:
    return {b.binding.action for b in app.screen.active_bindings.values() if b.enabled and b.binding.show}


async def move(app, pilot, clock: MockClock, seconds: float) -> None:
    clock.set_time(clock.time + seconds)
    app.screen.view.tick()
    await pilot.pause()


async def test_c_opens_the_timer_asking_the_urge_and_a_digit_starts_it(make_app, clock: MockClock) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, RunnerScreen)
        view = app.screen.view
        assert isinstance(view, TimerStepView)
        assert view.asking and view.asking_first and not view.timer.started
        assert shown(app, "#timer-check-prompt") == "How strong is the urge right now? 0-10"
        prompt = app.screen.query_one("#prompt")
        assert "F2" in prompt.source and "\n" not in prompt.source
        lines = [strip.text for strip in app.screen._compositor.render_strips()]
        assert sum("F2" in line or "wave" in line for line in lines[:6]) == 1  # one line at 80 columns
        await pilot.press("8")
        await pilot.pause()
        assert view.timer.running and not view.asking
        assert view.timer.checks == [{"at": 0, "value": 8}]
        assert view.query_one(UrgeChart).checks == [{"at": 0, "value": 8}]  # the opening rating on the chart
        await move(app, pilot, clock, 30)
        assert view.timer.elapsed == 30


async def test_c_and_a_digit_typed_at_once_at_launch_reach_the_opening_rating(make_app) -> None:
    """From the first frame: the packs may still be loading when `c` and `8` arrive."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", "8")
        await settle(pilot)
        view = app.screen.view
        assert isinstance(view, TimerStepView)
        assert view.timer.running
        assert view.timer.checks == [{"at": 0, "value": 8}]


async def test_enter_starts_the_timer_without_an_opening_rating(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        view = app.screen.view
        assert isinstance(app.screen, RunnerScreen) and view.timer.running and view.timer.checks == []


async def test_x_asks_once_and_f_shows_only_when_finishing_early_is_offered(make_app, clock: MockClock) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c", "7")
        await settle(pilot)
        view = app.screen.view
        assert "finish_early" not in footer_actions(app)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert view.timer.running and app.focused is view
        await move(app, pilot, clock, 60)
        await pilot.press("2")
        await pilot.pause()
        assert "finish_early" in footer_actions(app)
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert view.timer.ended == "stopped"
        assert view.timer.checks == [{"at": 0, "value": 7}, {"at": 60, "value": 2}]


async def test_the_end_offers_another_wave_and_the_coping_card_one_key_away(make_app, clock: MockClock) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c", "9")
        await settle(pilot)
        view = app.screen.view
        await move(app, pilot, clock, 1200)
        assert view.timer.ended == "completed"
        assert shown(app, "#timer-state").startswith("Done. You rode it out.")  # the exercise's words
        assert {"another_wave", "coping_card"} <= footer_actions(app)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, CopingCardScreen)
        app.screen.dismiss()
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        assert view.timer.running and view.timer.ended is None
        assert view.timer.remaining == 1200
        await move(app, pilot, clock, 60)
        await pilot.press("5")
        await pilot.pause()
        assert view.timer.checks == [{"at": 0, "value": 9}, {"at": 1260, "value": 5}]


async def test_the_breathing_space_ends_in_its_own_neutral_words(make_app, clock: MockClock) -> None:
    app = make_app(start_exercise="recovery/breathing-space")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for _ in range(5):
            if isinstance(app.screen.view, TimerStepView):
                break
            await pilot.press("ctrl+n")
            await settle(pilot)
        await move(app, pilot, clock, 60)
        words = shown(app, "#timer-state")
        assert words.startswith("Done. The time is up.")
        assert "rode it out" not in words and "surf" not in words
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert app.screen.run.answers["noticing"]["ended"] == "completed"


async def test_a_craving_timer_survives_sigterm_and_resumes_where_it_was(make_app, clock: MockClock, cbt_home: Path):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c", "8")
        await settle(pilot)
        await move(app, pilot, clock, 45)
        app._close_on_signal(signal.SIGTERM)  # what SIGTERM runs
        await settle(pilot)
    surf = next(iter(store_at(cbt_home).drafts())).answers["surf"]
    assert surf["elapsed_seconds"] == 45 and surf["checks"] == [{"at": 0, "value": 8}]

    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await resume_from_home(pilot)
        view = again.screen.view
        assert isinstance(view, TimerStepView)
        assert view.timer.elapsed == 45 and view.timer.paused
        assert shown(again, "#timer-state").startswith("Paused at 19:15 — p goes on, w starts a fresh wave.")
        await pilot.press("p")
        await move(again, pilot, clock, 15)
        assert view.timer.elapsed == 60 and view.asking  # the next check, where it was due
        await pilot.press("6")
        await pilot.pause()
        assert view.timer.checks == [{"at": 0, "value": 8}, {"at": 60, "value": 6}]


async def test_a_resumed_craving_timer_can_start_a_fresh_wave_keeping_its_checks(make_app, clock: MockClock):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c", "8")
        await settle(pilot)
        await move(app, pilot, clock, 300)
        await pilot.press("escape")  # a check is open: Esc skips it
        await pilot.press("escape")  # leave: kept as a draft
        await settle(pilot)
    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await resume_from_home(pilot)
        view = again.screen.view
        await pilot.press("w")
        await pilot.pause()
        assert view.timer.running and view.timer.remaining == 1200
        assert view.timer.checks == [{"at": 0, "value": 8}]


async def test_the_timer_keeps_elapsed_time_in_the_draft_as_it_runs(make_app, clock: MockClock, cbt_home: Path):
    """Every few seconds of running time reach the draft, not only at a rating or a quit."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c", "8")
        await settle(pilot)
        await move(app, pilot, clock, 10)
        kept = app.drafts.unsaved() or store_at(cbt_home).drafts()[0]
        assert kept.answers["surf"]["elapsed_seconds"] >= 10
        app.exit()


def test_c_and_8_in_one_burst_on_a_real_terminal_start_the_countdown(cbt_home: Path) -> None:
    """As tmux `send-keys c 8` delivers them, the moment Home shows: both reach the app
    before it handles the first, and the 8 is still the opening rating."""
    import sys

    from pilot_helpers import Terminal

    terminal = Terminal([sys.executable, "-m", "cbt_tui"], cbt_home)
    try:
        terminal.wait_for(b"Craving now")
        terminal.send(b"c8")
        terminal.wait_for(b"Running")
        terminal.send(b"\x1b")  # leave: the draft keeps the rating
        terminal.wait_for(b"Pick up")
        terminal.send(b"\x11")  # Ctrl+Q
        assert terminal.finish() == 0
    finally:
        terminal.close()
    surf = store_at(cbt_home).drafts()[0].answers["surf"]
    assert surf["checks"] == [{"at": 0, "value": 8}]
