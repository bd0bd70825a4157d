"""The timer step view, driven for real at 80x24 with an injected mock clock.

Time moves only when a test moves the clock; `view.tick()` then reads it at once instead
of waiting for the interval (one test waits for the real interval, on a condition).
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.clock import MockClock
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Button, Digits, Footer, Static

from cbt_tui.domain.packs.models import Exercise, Pack, TimerStep
from cbt_tui.tui.widgets.chart import UrgeChart
from cbt_tui.tui.widgets.pacer import BreathPacer
from cbt_tui.tui.widgets.steps.base import StepContext, StepView
from cbt_tui.tui.widgets.steps.timer import UNFINISHED, TimerStepView

PROMPT = "How strong is the urge right now? (0-10)"
TUI = Path(__file__).parents[2] / "cbt_tui" / "tui"
# The timer's look: its own sheet until it is merged into the app's one stylesheet.
LOOK = TUI / "app.tcss"


def timer_step(**overrides: Any) -> TimerStep:
    data: dict[str, Any] = {
        "id": "surf",
        "type": "timer",
        "minutes": 20,
        "prompt": "Breathe with the guide.",
        "pacer": {"inhale": 4, "hold": 0, "exhale": 6},
        "checks": {"every_seconds": 60, "prompt": PROMPT, "min": 0, "max": 10},
        "stop_when_at_most": 2,
    }
    data.update(overrides)
    return TimerStep.model_validate({k: v for k, v in data.items() if v is not None})


def make_context(step: TimerStep, clock: MockClock, **kwargs: Any) -> StepContext:
    exercise = Exercise.model_validate(
        {
            "id": "craving-surf",
            "title": "Craving surf",
            "kind": "craving_surf",
            "summary": "Ride it out.",
            "steps": [step.model_dump(exclude_none=True)],
        }
    )
    pack = Pack.model_validate(
        {"format": 1, "id": "test-pack", "title": "Test", "version": "1.0.0", "exercises": [exercise.model_dump()]}
    )
    kwargs.setdefault("answers", {})
    return StepContext(step=step, pack=pack, exercise=exercise, now=lambda: clock.time, **kwargs)


class RunnerLike(App[None]):
    """Roughly what the runner gives a step: 78x14 between a prompt line and buttons."""

    CSS_PATH = [LOOK]
    CSS = """
    #step-area { height: 14; padding: 0 1; }
    """

    def __init__(self, context: StepContext) -> None:
        super().__init__()
        self.context = context
        self.changes: list[Any] = []

    def compose(self) -> ComposeResult:
        yield Static("Step 5 of 9", id="step-prompt")
        with Vertical(id="step-area"):
            yield TimerStepView(self.context)
        yield Button("Next", id="next")
        yield Footer()

    def on_step_view_changed(self, message: StepView.Changed) -> None:
        self.changes.append(message.view.answer())

    @property
    def view(self) -> TimerStepView:
        return self.query_one(TimerStepView)


def text_of(widget: Static) -> str:
    content = widget.content
    return content.plain if isinstance(content, Content) else str(content)


def digits(app: RunnerLike) -> str:
    return app.query_one("#timer-digits", Digits).value


def prompt_shown(app: RunnerLike) -> bool:
    return app.query_one("#timer-check").display and app.view.asking


async def move(app: RunnerLike, pilot: Any, clock: MockClock, seconds: float) -> None:
    clock.set_time(clock.time + seconds)
    app.view.tick()
    await pilot.pause()


async def test_counts_down_on_the_injected_clock() -> None:
    clock = MockClock(1000.0)
    app = RunnerLike(make_context(timer_step(), clock))
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.view.timer.running
        assert digits(app) == "20:00"
        assert app.focused is app.view
        await move(app, pilot, clock, 75.2)
        assert digits(app) == "18:45"
        assert app.view.timer.elapsed == pytest.approx(75.2)
        assert "Running" in text_of(app.query_one("#timer-state", Static))
        # A draft every 5 s of running time, so a crash loses little.
        assert [change["elapsed_seconds"] for change in app.changes] == [75]
        await move(app, pilot, clock, 4)
        assert len(app.changes) == 1
        await move(app, pilot, clock, 1)
        assert [change["elapsed_seconds"] for change in app.changes] == [75, 80]


async def test_checks_appear_at_each_interval_while_the_clock_keeps_running() -> None:
    clock = MockClock(0.0)
    app = RunnerLike(make_context(timer_step(), clock))
    async with app.run_test(size=(80, 24)) as pilot:
        await move(app, pilot, clock, 59.5)
        assert not prompt_shown(app)
        await move(app, pilot, clock, 0.5)
        assert prompt_shown(app)
        assert text_of(app.query_one("#timer-check-prompt", Static)) == PROMPT
        assert not app.query_one("#timer-pacer").display  # the prompt takes the pacer's place
        await move(app, pilot, clock, 20)
        assert app.view.timer.running
        assert digits(app) == "18:40"  # the clock did not stop for the question
        assert prompt_shown(app)
        await pilot.press("7")
        assert not prompt_shown(app)
        assert app.query_one("#timer-pacer").display
        assert app.view.timer.checks == [{"at": 80, "value": 7}]
        await move(app, pilot, clock, 39)
        assert not prompt_shown(app)
        await move(app, pilot, clock, 1)
        assert prompt_shown(app)


async def test_answering_by_keys_stores_at_and_value_and_posts_changed() -> None:
    clock = MockClock(0.0)
    app = RunnerLike(make_context(timer_step(), clock))
    async with app.run_test(size=(80, 24)) as pilot:
        await move(app, pilot, clock, 60)
        await pilot.press("1", "0")  # 10: two keys
        await move(app, pilot, clock, 60)
        await pilot.press("1")  # 1 could still become 10: waits for Enter
        assert prompt_shown(app) and app.view.typed == "1"
        assert "Enter saves 1" in text_of(app.query_one("#timer-check-hint", Static))
        await pilot.press("enter")
        await move(app, pilot, clock, 60)
        await pilot.press("0")  # nothing can follow 0: saved at once
        await move(app, pilot, clock, 60)
        await pilot.press("5")
        assert app.view.timer.checks == [
            {"at": 60, "value": 10},
            {"at": 120, "value": 1},
            {"at": 180, "value": 0},
            {"at": 240, "value": 5},
        ]
        recorded = [change["checks"] for change in app.changes if change["checks"]]
        assert recorded[-1] == app.view.timer.checks
        assert all(change["ended"] is None for change in app.changes)


async def test_backspace_and_out_of_range_keys_store_nothing() -> None:
    clock = MockClock(0.0)
    app = RunnerLike(make_context(timer_step(), clock))
    async with app.run_test(size=(80, 24)) as pilot:
        await move(app, pilot, clock, 60)
        await pilot.press("1", "1")  # 11 is past the top of 0-10
        assert app.view.timer.checks == []
        assert prompt_shown(app) and app.view.typed == ""
        assert "0–10, please" in text_of(app.query_one("#timer-check-hint", Static))
        await pilot.press("1", "backspace", "3")
        assert app.view.timer.checks == [{"at": 60, "value": 3}]


async def test_answering_by_mouse() -> None:
    clock = MockClock(0.0)
    app = RunnerLike(make_context(timer_step(), clock))
    async with app.run_test(size=(80, 24)) as pilot:
        await move(app, pilot, clock, 61)
        buttons = list(app.query("#timer-check-buttons Button").results(Button))
        assert [str(b.label) for b in buttons] == [str(v) for v in range(11)]
        assert await pilot.click("#timer-value-4")
        await pilot.pause()
        assert app.view.timer.checks == [{"at": 61, "value": 4}]
        assert not prompt_shown(app)


async def test_escape_skips_a_check_without_storing_it() -> None:
    clock = MockClock(0.0)
    app = RunnerLike(make_context(timer_step(), clock))
    async with app.run_test(size=(80, 24)) as pilot:
        await move(app, pilot, clock, 60)
        await pilot.press("escape")
        assert not prompt_shown(app)
        assert app.view.timer.checks == []
        await pilot.press("5")  # no prompt: a digit does nothing
        assert app.view.timer.checks == []
        await move(app, pilot, clock, 60)
        assert prompt_shown(app)
        await pilot.press("s")
        assert not prompt_shown(app)
        assert app.view.timer.checks == []


async def test_pause_excludes_time() -> None:
    clock = MockClock(0.0)
    app = RunnerLike(make_context(timer_step(), clock))
    async with app.run_test(size=(80, 24)) as pilot:
        await move(app, pilot, clock, 30)
        await pilot.press("p")
        assert app.view.timer.paused
        assert text_of(app.query_one("#timer-state", Static)).startswith("Paused — press p or Space to go on")
        await move(app, pilot, clock, 600)
        assert digits(app) == "19:30"
        assert app.view.timer.elapsed == 30
        assert not prompt_shown(app)
        await pilot.press("space")
        assert app.view.timer.running
        await move(app, pilot, clock, 30)
        assert digits(app) == "19:00"
        assert prompt_shown(app)
        assert app.changes and app.changes[0]["elapsed_seconds"] == 30  # the pause saved a draft


async def test_a_clock_jump_does_not_stretch_the_countdown_nor_flood_prompts() -> None:
    clock = MockClock(0.0)
    app = RunnerLike(make_context(timer_step(), clock))
    async with app.run_test(size=(80, 24)) as pilot:
        await move(app, pilot, clock, 60)
        await pilot.press("8")
        await move(app, pilot, clock, 600)  # the laptop slept for ten minutes
        assert digits(app) == "09:00"
        assert prompt_shown(app)
        await pilot.press("6")
        assert app.view.timer.checks == [{"at": 60, "value": 8}, {"at": 660, "value": 6}]
        app.view.tick()
        await pilot.pause()
        assert not prompt_shown(app)  # one question, not ten
        await move(app, pilot, clock, 60)
        assert prompt_shown(app)


async def test_finish_early_at_or_below_the_threshold() -> None:
    clock = MockClock(0.0)
    app = RunnerLike(make_context(timer_step(), clock))
    async with app.run_test(size=(80, 24)) as pilot:
        offer = app.query_one("#timer-offer")
        await move(app, pilot, clock, 60)
        await pilot.press("5")
        assert not offer.display
        await pilot.press("f")
        assert app.view.ended is None
        await move(app, pilot, clock, 60)
        await pilot.press("2")
        assert offer.display
        assert (
            text_of(app.query_one("#timer-offer-text", Static))
            == "Your urge has come down to 2. You can finish now, or keep going."
        )
        assert app.view.problem() == UNFINISHED
        await move(app, pilot, clock, 5)
        await pilot.press("f")
        assert app.view.answer() == {
            "planned_seconds": 1200,
            "elapsed_seconds": 125,
            "ended": "early",
            "checks": [{"at": 60, "value": 5}, {"at": 120, "value": 2}],
        }
        assert app.view.problem() is None
        assert not offer.display
        assert app.changes[-1]["ended"] == "early"


async def test_the_finish_button_finishes_early() -> None:
    clock = MockClock(0.0)
    app = RunnerLike(make_context(timer_step(), clock))
    async with app.run_test(size=(80, 24)) as pilot:
        await move(app, pilot, clock, 60)
        await pilot.press("1", "enter")
        assert await pilot.click("#timer-finish")
        await pilot.pause()
        assert app.view.ended == "early"


async def test_completion_gives_exactly_the_stored_answer() -> None:
    clock = MockClock(50.0)
    app = RunnerLike(make_context(timer_step(minutes=2, stop_when_at_most=None), clock))
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.view.problem() == UNFINISHED
        assert app.view.answer() == {"planned_seconds": 120, "elapsed_seconds": 0, "ended": None, "checks": []}
        await move(app, pilot, clock, 60)
        await pilot.press("4")
        await move(app, pilot, clock, 61)
        expected = {
            "planned_seconds": 120,
            "elapsed_seconds": 120,
            "ended": "completed",
            "checks": [{"at": 60, "value": 4}],
        }
        assert app.view.answer() == expected
        assert app.view.problem() is None
        assert text_of(app.query_one("#timer-state", Static)).startswith("Done. The time is up.")
        assert digits(app) == "00:00"
        assert app.changes[-1] == expected
        # Final: nothing moves it any more.
        await pilot.press("p", "x", "f", "3")
        await move(app, pilot, clock, 500)
        assert app.view.answer() == expected


async def test_a_check_left_open_when_the_time_runs_out_is_closed() -> None:
    clock = MockClock(0.0)
    app = RunnerLike(make_context(timer_step(minutes=1.5), clock))
    async with app.run_test(size=(80, 24)) as pilot:
        await move(app, pilot, clock, 60)
        assert prompt_shown(app)
        await move(app, pilot, clock, 40)
        assert not prompt_shown(app)
        assert app.view.answer() == {"planned_seconds": 90, "elapsed_seconds": 90, "ended": "completed", "checks": []}


async def test_stop_keeps_what_was_recorded() -> None:
    clock = MockClock(0.0)
    app = RunnerLike(make_context(timer_step(), clock))
    async with app.run_test(size=(80, 24)) as pilot:
        await move(app, pilot, clock, 60)
        await pilot.press("9")
        await move(app, pilot, clock, 15)
        await pilot.press("x", "y")  # it asks once
        assert app.view.answer() == {
            "planned_seconds": 1200,
            "elapsed_seconds": 75,
            "ended": "stopped",
            "checks": [{"at": 60, "value": 9}],
        }
        assert app.view.problem() is None
        assert text_of(app.query_one("#timer-state", Static)).startswith("Stopped. Your ratings are kept.")


async def test_restore_from_a_snapshot_resumes_paused() -> None:
    snapshot = {
        "planned_seconds": 1200,
        "elapsed_seconds": 150,
        "ended": None,
        "checks": [{"at": 60, "value": 8}, {"at": 120, "value": 6}],
    }
    clock = MockClock(7.0)
    app = RunnerLike(make_context(timer_step(), clock, initial=snapshot))
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.view
        assert view.restored and view.timer.paused
        assert digits(app) == "17:30"
        assert "Paused" in text_of(app.query_one("#timer-state", Static))
        assert app.query_one(UrgeChart).checks == snapshot["checks"]
        await move(app, pilot, clock, 300)
        assert digits(app) == "17:30"
        assert view.answer() == snapshot
        await pilot.press("p")
        await move(app, pilot, clock, 30)
        assert digits(app) == "17:00"
        assert prompt_shown(app)
        await pilot.press("3")
        assert view.answer()["checks"] == [*snapshot["checks"], {"at": 180, "value": 3}]


async def test_restore_a_finished_answer_shows_it_done() -> None:
    answer = {"planned_seconds": 1200, "elapsed_seconds": 300, "ended": "early", "checks": [{"at": 240, "value": 1}]}
    clock = MockClock(0.0)
    app = RunnerLike(make_context(timer_step(), clock, initial=answer))
    async with app.run_test(size=(80, 24)) as pilot:
        await move(app, pilot, clock, 100)
        assert app.view.answer() == answer
        assert app.view.problem() is None
        assert text_of(app.query_one("#timer-state", Static)).startswith("Done.")


async def test_an_unreadable_draft_starts_afresh() -> None:
    clock = MockClock(0.0)
    app = RunnerLike(make_context(timer_step(), clock, initial={"planned_seconds": "soon"}))
    async with app.run_test(size=(80, 24)) as pilot:
        await move(app, pilot, clock, 10)
        assert not app.view.restored and app.view.timer.running
        assert digits(app) == "19:50"


async def test_hostile_prompt_text_is_shown_as_written() -> None:
    hostile = "[/bold] How strong? [link=http://x]y[/link] [red"
    clock = MockClock(0.0)
    step = timer_step(checks={"every_seconds": 60, "prompt": hostile + " after {trigger}", "min": 0, "max": 10})
    context = make_context(step, clock, answers={"trigger": "[/i] the bar [b]"})
    app = RunnerLike(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await move(app, pilot, clock, 60)
        assert prompt_shown(app)
        shown = text_of(app.query_one("#timer-check-prompt", Static))
        assert shown == hostile + " after [/i] the bar [b]"
        await pilot.press("2")
        assert app.view.timer.checks == [{"at": 60, "value": 2}]


async def test_resizing_keeps_it_running() -> None:
    clock = MockClock(0.0)
    app = RunnerLike(make_context(timer_step(), clock))
    async with app.run_test(size=(80, 24)) as pilot:
        await move(app, pilot, clock, 10)
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        await move(app, pilot, clock, 10)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await move(app, pilot, clock, 10)
        assert app.view.timer.running
        assert digits(app) == "19:30"
        # The real interval still reads the clock after the resizes (waited for, not slept).
        clock.set_time(clock.time + 60)
        for _ in range(100):
            if digits(app) == "18:30":
                break
            await asyncio.sleep(0.02)
        assert digits(app) == "18:30"
        assert prompt_shown(app)


async def test_it_fits_the_runner_at_80x24() -> None:
    clock = MockClock(0.0)
    app = RunnerLike(make_context(timer_step(), clock))
    async with app.run_test(size=(80, 24)) as pilot:
        await move(app, pilot, clock, 60)
        await pilot.press("5")
        await move(app, pilot, clock, 60)
        view = app.view.region
        assert view.height <= 14
        for selector in ("#timer-digits", "#timer-check-prompt", "#timer-check-hint", "#timer-state", UrgeChart):
            region = app.query_one(selector).region
            assert region.height > 0 and view.contains_region(region), selector
        buttons = app.query("#timer-check-buttons Button")
        assert [str(button.label) for button in buttons] == [str(n) for n in range(11)]  # 0-10, all of them
        for button in buttons:
            assert view.contains_region(button.region), button.label
        assert app.query_one(UrgeChart).region.height >= 4


async def test_pacer_grows_holds_and_shrinks() -> None:
    clock = MockClock(0.0)
    app = RunnerLike(make_context(timer_step(pacer={"inhale": 4, "hold": 2, "exhale": 4}), clock))
    async with app.run_test(size=(80, 24)) as pilot:
        pacer = app.query_one(BreathPacer)
        bar = app.query_one("#pacer-bar", Static)

        def filled() -> int:
            return len(text_of(bar).rstrip())

        await move(app, pilot, clock, 1)
        assert pacer.word == "Breathe in"
        quarter = filled()
        await move(app, pilot, clock, 2)
        three_quarters = filled()
        assert 0 < quarter < three_quarters
        await move(app, pilot, clock, 2)
        assert pacer.word == "Hold"
        assert filled() == bar.content_size.width
        await move(app, pilot, clock, 3)
        assert pacer.word == "Breathe out"
        assert filled() < three_quarters
        assert text_of(app.query_one("#pacer-word", Static)) == "Breathe out"


async def test_reduced_motion_shows_words_only() -> None:
    clock = MockClock(0.0)
    app = RunnerLike(make_context(timer_step(), clock, reduced_motion=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await move(app, pilot, clock, 5)
        assert text_of(app.query_one("#pacer-word", Static)) == "Breathe out"
        assert not app.query_one("#pacer-bar").display


async def test_a_timer_without_checks_or_pacer() -> None:
    clock = MockClock(0.0)
    step = timer_step(minutes=1, checks=None, pacer=None, stop_when_at_most=None)
    app = RunnerLike(make_context(step, clock))
    async with app.run_test(size=(80, 24)) as pilot:
        assert not app.query(UrgeChart)
        await pilot.press("1")
        await move(app, pilot, clock, 61)
        assert app.view.answer() == {"planned_seconds": 60, "elapsed_seconds": 60, "ended": "completed", "checks": []}


async def test_bindings_have_ids_and_show_in_the_footer() -> None:
    clock = MockClock(0.0)
    app = RunnerLike(make_context(timer_step(), clock))
    async with app.run_test(size=(80, 24)) as pilot:
        ids = {binding.id for binding in TimerStepView.BINDINGS}
        assert {"timer.pause", "timer.resume", "timer.stop", "timer.finish_early", "timer.skip_check"} <= ids
        shown = {b.binding.action for b in app.screen.active_bindings.values() if b.enabled and b.binding.show}
        assert {"pause", "stop"} <= shown
        assert "finish_early" not in shown and "skip_check" not in shown
        await move(app, pilot, clock, 60)
        shown = {b.binding.action for b in app.screen.active_bindings.values() if b.enabled and b.binding.show}
        assert "skip_check" in shown
        await pilot.press("p")
        shown = {b.binding.action for b in app.screen.active_bindings.values() if b.enabled and b.binding.show}
        assert "resume" in shown and "pause" not in shown


class ChartApp(App[None]):
    def __init__(self, chart: UrgeChart) -> None:
        super().__init__()
        self.chart = chart

    def compose(self) -> ComposeResult:
        yield self.chart


def screen_text(app: App[Any]) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def test_the_chart_draws_a_still_wave_for_history() -> None:
    answer = {
        "planned_seconds": 1200,
        "elapsed_seconds": 1200,
        "ended": "completed",
        "checks": [{"at": 60, "value": 8}, {"at": 300, "value": 9}, {"at": 900, "value": 3}],
    }
    app = ChartApp(UrgeChart.from_answer(answer, 0, 10))
    async with app.run_test(size=(80, 12)):
        text = screen_text(app)
        assert text.count("●") == 3
        lines = text.splitlines()
        assert [line[:3] for line in lines if "┤" in line[:3]] == ["10┤", " 5┤", " 0┤"]  # the 0-10 scale
        assert lines[-1].split() == ["0", "5", "10", "15", "20", "min"]  # minutes up to the planned 20


async def test_the_chart_without_ratings_or_room_says_so_calmly() -> None:
    app = ChartApp(UrgeChart([], 1200))
    async with app.run_test(size=(80, 12)) as pilot:
        assert "Your ratings will draw the wave here." in screen_text(app)
        app.chart.set_checks([{"at": 60, "value": 4}, {"at": "bad", "value": 1}])
        await pilot.resize_terminal(10, 2)
        await pilot.pause()
        assert app.chart.checks == [{"at": 60, "value": 4}]
        assert screen_text(app).split() == ["4"]  # no room for axes: the rating as a word


async def test_in_the_real_runner_at_80x24(make_app, clock: MockClock) -> None:
    """The built-in craving surf: the whole view is visible without scrolling; the answer is kept."""
    from pilot_helpers import settle

    from cbt_tui.tui.screens.runner import RunnerScreen

    app = make_app(start_exercise="core/craving-surf")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, RunnerScreen)
        view = app.screen.view  # the first step: the timer asks the urge before it runs
        assert isinstance(view, TimerStepView)
        assert app.focused is view
        await pilot.press("8")
        for value in "75":
            clock.set_time(clock.time + 60)
            view.tick()
            await pilot.pause()
            await pilot.press(value)
        clock.set_time(clock.time + 60)
        view.tick()
        await pilot.pause()
        await pilot.press("2")
        await pilot.press("ctrl+n")  # not yet: the runner is told why
        await settle(pilot)
        assert app.screen.run.step.type == "timer"
        assert str(app.screen.query_one("#problem", Static).render()) == UNFINISHED
        clock.set_time(clock.time + 60)
        view.tick()
        await pilot.pause()
        visible = app.screen.query_one("#step-scroll").region
        for widget in (view.query_one("#timer-digits"), view.query_one("#timer-offer"), view.query_one(UrgeChart)):
            assert visible.contains_region(widget.region), widget
        await pilot.press("f")
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert app.screen.run.answers["surf"] == {
            "planned_seconds": 1200,
            "elapsed_seconds": 240,
            "ended": "early",
            "checks": [
                {"at": 0, "value": 8},
                {"at": 60, "value": 7},
                {"at": 120, "value": 5},
                {"at": 180, "value": 2},
            ],
        }
