"""The `timer` step: a calm countdown with a breathing guide, urge checks and the urge wave.

Layout (made for the runner's ~78x14 at 80x24):

    ┌ countdown (Digits) ┐ ┌ pacer: word + breath bar ─ or, while a check is due ─┐
    └ thin progress bar  ┘ │ the check prompt / value buttons / key hint           │
    state line ("Running — p or Space pauses", "Paused — ...", the exercise's `endings`)
    finish-early offer (only once a rating is at or below stop_when_at_most)
    urge wave chart (only with checks)

Time comes only from `context.now`, read on every tick; ticks are never counted as time.

With `ask_first` the first check is asked before the clock runs: a rating (or Enter, for
none) stores it at 0 s and starts the countdown. A draft comes back paused where it was:
`p` goes on, `w` starts a fresh wave keeping the ratings so far (as it does at the end).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Digits, ProgressBar, Static

from cbt_tui.domain.answers import duration_text, fill_prompt, number_text
from cbt_tui.domain.timer import SurfTimer
from cbt_tui.tui import shown
from cbt_tui.tui.widgets.chart import UrgeChart
from cbt_tui.tui.widgets.pacer import BreathPacer
from cbt_tui.tui.widgets.steps.base import StepContext, StepView

TICK_SECONDS = 0.25
SAVE_EVERY_SECONDS = 5  # a draft every 5 s of running time, besides every rating and pause
MAX_BUTTONS = 11

UNFINISHED = "Finish or stop the timer first."
#: Neutral end words, for an exercise whose `endings` leave one out.
DONE = {
    "completed": "Done. The time is up.",
    "early": "Done. Finished before the time was up.",
    "stopped": "Stopped.",
}
STOP_QUESTION = "Stop the timer now? What you rated so far is kept."


def clock_text(seconds: float) -> str:
    """Time left on the clock face, `09:59`: rounded up, so 00:00 shows only at the end."""
    return duration_text(math.ceil(seconds)).zfill(5)


def button_values(low: float, high: float) -> list[int]:
    """The whole numbers to offer as buttons: all of them, or at most 11 evenly spread."""
    first, last = int(-(-low // 1)), int(high // 1)
    if last < first:
        return []
    count = last - first + 1
    if count <= MAX_BUTTONS:
        return list(range(first, last + 1))
    step = -(-(last - first) // (MAX_BUTTONS - 1))
    values = list(range(first, last + 1, step))
    if values[-1] != last:
        values.append(last)
    return values


class RatingButton(Button, can_focus=False):
    """One value to click while a check is asked; keys go to the view (digits, Enter, Esc)."""

    def __init__(self, value: int, *, id: str) -> None:
        super().__init__(str(value), compact=True, id=id, classes="check-value")
        self.value = value


class FinishButton(Button, can_focus=False):
    """Finish early, by click; the key is `f`."""


class TimerStepView(StepView):
    """The countdown, pacer, checks and wave for one `TimerStep`.

    Public for the runner: `answer()`, `problem()`, `timer` (the `SurfTimer`), `ended`,
    `asking` (a check prompt is shown), `tick()` (read the clock now), `stop()`,
    `toggle_pause()`.
    """

    can_focus = True

    BINDINGS = [
        Binding("p,space", "pause", "Pause", id="timer.pause"),
        Binding("p,space", "resume", "Go on", id="timer.resume"),
        Binding("f", "finish_early", "Finish now", id="timer.finish_early"),
        Binding("x", "stop", "Stop", id="timer.stop"),
        Binding("w", "another_wave", "Another wave", id="timer.another_wave"),
        Binding("m", "coping_card", "Coping card", id="timer.coping_card"),
        Binding("escape,s", "skip_check", "Skip rating", id="timer.skip_check"),
        Binding("enter", "save_typed", "Save rating", id="timer.save_typed"),
        Binding("backspace", "erase_typed", "Erase", show=False, id="timer.erase_typed"),
        Binding("minus", "type_minus", show=False, id="timer.type_minus"),
        *(Binding(str(d), f"type_digit({d})", show=False, id=f"timer.digit_{d}") for d in range(10)),
    ]

    # Layout only, which the view needs to work anywhere (runner, history, tests); the look
    # (colours, spacing, emphasis) lives in the app's stylesheet, app.tcss.
    DEFAULT_CSS = """
    TimerStepView { height: auto; }
    TimerStepView #timer-top { height: auto; min-height: 4; }
    TimerStepView #timer-clock { width: auto; height: auto; }
    TimerStepView #timer-digits { width: auto; }
    TimerStepView #timer-progress Bar { width: 18; }
    TimerStepView #timer-side { width: 1fr; height: auto; }
    TimerStepView #timer-check { display: none; height: auto; }
    TimerStepView.-asking #timer-check { display: block; }
    TimerStepView.-asking #timer-pacer, TimerStepView.-asking #timer-calm,
    TimerStepView.-ended #timer-pacer, TimerStepView.-ended #timer-calm { display: none; }
    TimerStepView #timer-check-prompt { height: auto; max-height: 2; }
    TimerStepView #timer-check-buttons { height: 1; }
    TimerStepView #timer-check-buttons Button { min-width: 3; width: auto; margin-right: 1; }
    TimerStepView #timer-check-hint, TimerStepView #timer-state { height: 1; }
    TimerStepView #timer-offer { display: none; height: auto; max-height: 2; }
    TimerStepView.-can-finish #timer-offer { display: block; }
    TimerStepView #timer-offer-text { width: 1fr; height: auto; margin-right: 1; }
    TimerStepView #timer-finish { min-width: 8; width: auto; }
    TimerStepView #timer-chart { height: 35vh; min-height: 7; max-height: 24; }
    """

    def __init__(self, context: StepContext, **kwargs: Any) -> None:
        super().__init__(context, **kwargs)
        step = context.step
        checks = step.checks
        self._low = checks.min if checks else 0
        self._high = checks.max if checks else 10
        self._typed = ""
        self._asking = False
        self._ticker: Any = None
        self._saved_at = 0.0
        self._state_line = ""
        every = checks.every_seconds if checks else None
        restored = None
        if isinstance(context.initial, Mapping):
            try:
                restored = SurfTimer.restore(context.initial, every, step.stop_when_at_most, context.now)
            except (ValueError, TypeError):
                restored = None  # an unreadable draft: start afresh rather than fail
        self.restored = restored is not None
        self.timer: SurfTimer = restored or SurfTimer(
            round(step.minutes * 60), every, step.stop_when_at_most, context.now
        )
        if self.restored and step.ask_first and not self.timer.checks and self.timer.elapsed == 0:
            self.timer, self.restored = (
                SurfTimer(round(step.minutes * 60), every, step.stop_when_at_most, context.now),
                False,
            )
        self._saved_at = self.timer.elapsed
        self._asking_first = False
        self._stop_asked = False
        self._early_keys: list[str] | None = []  # None once mounted: keys go straight in

    # -- building ------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        step = self.step
        with Horizontal(id="timer-top"):
            with Vertical(id="timer-clock"):
                yield Digits(clock_text(self.timer.remaining), id="timer-digits")
                yield ProgressBar(
                    total=float(self.timer.planned_seconds),
                    show_eta=False,
                    show_percentage=False,
                    id="timer-progress",
                )
            with Vertical(id="timer-side"):
                if step.pacer is not None:
                    yield BreathPacer(step.pacer, reduced_motion=self.context.reduced_motion, id="timer-pacer")
                else:
                    yield Static("Breathe at your own pace.", id="timer-calm", markup=False)
                if step.checks is not None:
                    with Vertical(id="timer-check"):
                        yield Static(shown.content(self.check_prompt), id="timer-check-prompt", markup=False)
                        with Horizontal(id="timer-check-buttons"):
                            for index, value in enumerate(button_values(self._low, self._high)):
                                yield RatingButton(value, id=f"timer-value-{index}")
                        yield Static("", id="timer-check-hint", markup=False)
        yield Static("", id="timer-state", markup=False)
        with Horizontal(id="timer-offer"):
            yield Static("", id="timer-offer-text", markup=False)
            yield FinishButton("Finish", compact=True, id="timer-finish")
        if step.checks is not None:
            yield UrgeChart(
                self.timer.checks,
                self.timer.planned_seconds,
                self._low,
                self._high,
                threshold=step.stop_when_at_most,
                id="timer-chart",
            )

    @property
    def check_prompt(self) -> str:
        checks = self.step.checks
        if checks is None:
            return ""
        return fill_prompt(checks.prompt, self.context.answers, (self.context.pack, self.context.exercise))

    def on_mount(self) -> None:
        first = bool(self.step.ask_first) and self.step.checks is not None and not self.timer.started
        if not self.timer.started and not first:
            self.timer.start()
        if self.timer.ended is None:
            self._ticker = self.set_interval(TICK_SECONDS, self.tick, name="timer-tick")
        self.focus()
        if first:
            self._asking_first = True
            self._ask()
        self.tick()
        self._show_ended()
        self._show_offer()
        early, self._early_keys = self._early_keys or [], None
        self.type_keys(early)

    @property
    def asking_first(self) -> bool:
        """The opening rating is asked; the clock starts once it is answered (or skipped)."""
        return self._asking_first

    def type_keys(self, keys: list[str]) -> None:
        """Keys typed before this view was on screen (`c` and a digit, at once): as if typed here."""
        if self._early_keys is not None:  # not mounted yet: once it is
            self._early_keys.extend(keys)
            return
        for key in keys:
            if not self._asking:
                return
            if key.isdigit():
                self.action_type_digit(int(key))
            elif key == "enter":
                self.action_save_typed()

    # -- state ---------------------------------------------------------------------------

    @property
    def ended(self) -> str | None:
        return self.timer.ended

    @property
    def asking(self) -> bool:
        """A check prompt is on screen."""
        return self._asking

    @property
    def typed(self) -> str:
        return self._typed

    def answer(self) -> dict[str, Any]:
        """The final answer once ended; until then the draft snapshot (`ended` None)."""
        return self.timer.answer() if self.timer.ended else self.timer.snapshot()

    def problem(self) -> str | None:
        if self.timer.ended is None and getattr(self.step, "required", True):
            return UNFINISHED
        return None

    def tick(self) -> None:
        """Read the clock and bring everything up to date (the interval calls this)."""
        timer = self.timer
        if timer.ended is not None:
            return
        if self._asking_first:
            self._show_state()
            return
        if timer.finished:
            self._end("completed")
            return
        elapsed = timer.elapsed
        digits = self.query_one("#timer-digits", Digits)
        text = clock_text(timer.remaining)
        if digits.value != text:
            digits.update(shown.words(text))
        self.query_one("#timer-progress", ProgressBar).update(progress=elapsed)
        if self.step.pacer is not None:
            self.query_one("#timer-pacer", BreathPacer).show(elapsed)
        if not self._asking and timer.check_due():
            self._ask()
        self._show_state()
        if elapsed - self._saved_at >= SAVE_EVERY_SECONDS:
            self._saved_at = elapsed
            self.changed()

    def _show_state(self) -> None:
        timer = self.timer
        if timer.ended is not None:
            return
        if self._asking_first:
            line = "The timer starts when you answer."
        elif timer.running:
            line = "Running — p or Space pauses."
            if self._asking:
                line = "Running — the timer keeps going while you rate."
        elif self.restored and timer.elapsed > 0:
            line = f"Paused at {clock_text(timer.remaining)} — p goes on, w starts a fresh wave."
        else:
            line = "Paused — press p or Space to go on."
        latest = timer.checks[-1] if timer.checks else None
        if latest is not None and not self._asking:
            line += f"  Last rating: {number_text(latest['value'])}."
        if line != self._state_line:
            self._state_line = line
            self.query_one("#timer-state", Static).update(shown.content(line), layout=False)

    def _show_offer(self) -> None:
        latest = self.timer.latest_value
        can = self.timer.can_finish_early and latest is not None
        self.set_class(can, "-can-finish")
        if can and latest is not None:
            value = number_text(latest)
            self.query_one("#timer-offer-text", Static).update(
                shown.content(f"Your urge has come down to {value}. You can finish now, or keep going.")
            )

    def _show_ended(self) -> None:
        ended = self.timer.ended
        self.set_class(ended is not None, "-ended")
        if ended is None:
            return
        self.query_one("#timer-digits", Digits).update(shown.words(clock_text(self.timer.remaining)))
        self.query_one("#timer-progress", ProgressBar).update(progress=self.timer.elapsed)
        endings = self.step.endings
        line = (getattr(endings, ended, None) if endings is not None else None) or DONE[ended]
        if ended == "stopped" and self.timer.checks and line == DONE[ended]:
            line += " Your ratings are kept."
        line += "  w: another wave · m: coping card"
        self._state_line = line
        self.query_one("#timer-state", Static).update(shown.content(line))

    # -- checks --------------------------------------------------------------------------

    def _ask(self) -> None:
        self._asking = True
        self._typed = ""
        self.query_one("#timer-check-prompt", Static).update(shown.content(self.check_prompt))
        self._hint()
        self.add_class("-asking")
        self.refresh_bindings()

    def _close_check(self) -> None:
        self._asking = False
        self._typed = ""
        self.remove_class("-asking")
        self.refresh_bindings()

    def _hint(self, message: str | None = None) -> None:
        low, high = number_text(self._low), number_text(self._high)
        if message is None:
            if self._typed:
                message = f"{self._typed}…  Enter saves {self._typed} · Backspace erases · Esc skips"
            elif self._asking_first:
                message = f"Press {low}–{high} to start the timer · Enter starts it without a rating"
            else:
                message = f"Press {low}–{high} or click · Esc skips · the timer keeps going"
        self.query_one("#timer-check-hint", Static).update(shown.content(message))

    def _valid(self, value: float) -> bool:
        return self._low <= value <= self._high

    def _could_grow(self, typed: str) -> bool:
        """Another digit after `typed` could still give a value in range."""
        if typed == "-":
            return True
        if typed in ("0", "-0"):
            return False
        return any(self._valid(int(typed + str(d))) for d in range(10))

    def save_check(self, value: float) -> bool:
        """Keep a rating for the check that is due; False when out of range or not asking."""
        if not self._asking or self.timer.ended is not None or not self._valid(value):
            return False
        self.timer.record_check(value)
        self._close_check()
        self._start_after_first()
        chart = next(iter(self.query(UrgeChart)), None)
        if chart is not None:
            chart.set_checks(self.timer.checks)
        self._show_offer()
        self._show_state()
        self.refresh_bindings()
        self.changed()
        return True

    def action_type_digit(self, digit: int) -> None:
        typed = self._typed + str(digit)
        if not self._could_grow(typed):
            value = int(typed)
            if self._valid(value):
                self.save_check(value)
            else:
                self._typed = ""
                self._hint(f"{number_text(self._low)}–{number_text(self._high)}, please. Type again or click.")
            return
        self._typed = typed
        self._hint()
        self.refresh_bindings()

    def action_type_minus(self) -> None:
        self._typed = "-"
        self._hint()
        self.refresh_bindings()

    def action_erase_typed(self) -> None:
        self._typed = self._typed[:-1]
        self._hint()
        self.refresh_bindings()

    def _start_after_first(self) -> None:
        if self._asking_first:
            self._asking_first = False
            self.timer.start()
            self._saved_at = self.timer.elapsed

    def action_save_typed(self) -> None:
        if self._asking_first and self._typed == "":
            self.action_skip_check()  # Enter: the timer runs without an opening rating
            self.changed()
            return
        try:
            value = int(self._typed)
        except ValueError:
            return
        if not self.save_check(value):
            self._typed = ""
            self._hint(f"{number_text(self._low)}–{number_text(self._high)}, please. Type again or click.")
            self.refresh_bindings()

    def action_skip_check(self) -> None:
        self.timer.skip_check()
        self._close_check()
        self._start_after_first()
        self._show_state()
        self.refresh_bindings()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "timer-finish":
            self.action_finish_early()
        elif isinstance(event.button, RatingButton):
            self.save_check(event.button.value)

    # -- pause, stop, finish -------------------------------------------------------------

    def action_pause(self) -> None:
        self.toggle_pause()

    def action_resume(self) -> None:
        self.toggle_pause()

    def toggle_pause(self) -> None:
        if self.timer.ended is not None:
            return
        self.timer.toggle()
        self.tick()
        self._show_state()
        self.refresh_bindings()
        self.changed()

    def action_finish_early(self) -> None:
        if self.timer.finished:
            self._end("completed")
        elif self.timer.can_finish_early:
            self._end("early")

    def action_stop(self) -> None:
        """`x` asks once ("stop now?"); yes stops, keeping the ratings."""
        if self.timer.ended is not None or self._stop_asked:
            return
        from cbt_tui.tui.screens.confirm import ConfirmScreen

        def answered(stop: bool | None) -> None:
            self._stop_asked = False
            if stop:
                self.stop()
            self.focus()

        self._stop_asked = True
        self.app.push_screen(ConfirmScreen(STOP_QUESTION), answered)

    def action_another_wave(self) -> None:
        """Another full countdown from now, the ratings so far kept (at the end, or on a draft)."""
        if not self.check_action("another_wave", ()):
            return
        self.timer.another_wave(round(self.step.minutes * 60))
        self.restored = False
        self.set_class(False, "-ended")
        progress = self.query_one("#timer-progress", ProgressBar)
        progress.update(total=float(self.timer.planned_seconds))
        chart = next(iter(self.query(UrgeChart)), None)
        if chart is not None:
            chart.set_planned(self.timer.planned_seconds)
        if self._ticker is None:
            self._ticker = self.set_interval(TICK_SECONDS, self.tick, name="timer-tick")
        self._state_line = ""
        self.tick()
        self._show_offer()
        self.refresh_bindings()
        self.changed()

    def action_coping_card(self) -> None:
        from cbt_tui.tui.screens.coping_card import CopingCardScreen

        self.app.push_screen(CopingCardScreen())

    def stop(self) -> None:
        """End now with `ended: stopped`, keeping the ratings recorded so far."""
        if self.timer.ended is None:
            if self.timer.finished:
                self._end("completed")
            else:
                self._end("stopped")

    def _end(self, ended: str) -> None:
        if self.timer.ended is not None:
            return
        self.timer.end(ended)
        if self._ticker is not None:
            self._ticker.stop()
            self._ticker = None
        if self._asking:
            self._close_check()
        self._show_offer()
        self._show_ended()
        self.refresh_bindings()
        self.changed()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        timer = self.timer
        live = timer.ended is None
        if action == "pause":
            return live and timer.running
        if action == "resume":
            return live and not timer.running and not self._asking_first
        if action == "stop":
            return live and not self._asking_first
        if action == "another_wave":
            return not live or (self.restored and timer.paused and timer.elapsed > 0)
        if action == "coping_card":
            return not live
        if action == "finish_early":
            return live and timer.can_finish_early
        if action in ("skip_check", "type_digit"):
            return live and self._asking
        if action == "type_minus":
            return live and self._asking and self._typed == "" and self._low < 0
        if action == "save_typed":
            return (
                live and self._asking and (self._typed not in ("", "-") or (self._asking_first and self._typed == ""))
            )
        if action == "erase_typed":
            return live and self._asking and self._typed != ""
        return True
