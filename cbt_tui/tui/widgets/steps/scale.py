"""Numbers on a bar: the `scale` step and the `ScaleInput` the `ratings` step reuses."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from cbt_tui.domain.answers import answer_text, number_text
from cbt_tui.domain.timer import boot_clock
from cbt_tui.tui import shown
from cbt_tui.tui.widgets.steps.base import StepView

#: Digits typed within this many seconds of the last one go on the same number; after
#: a pause, the next digit starts a new one.
TYPING_PAUSE_SECONDS = 1.0
NOT_RATED = "Not rated yet"


def shown_value(value: float | None) -> str:
    """A rating as shown beside its bar: the number, or `–` while not rated."""
    return "–" if value is None else number_text(value)


class ScaleInput(Widget, can_focus=True):
    """A value on a bar: arrow keys move it, digits type it, Backspace or Delete clear it,
    a click sets it.

    Typed digits make a fresh number: the first digit after focus, after an arrow key or
    after a pause replaces the value, the next ones append to it. The value shown is the
    value kept; a typed number the scale cannot take is set to the nearest it can, and
    `note` says so.
    """

    BINDINGS = [
        Binding("right,up", "move(1)", "More", show=False, id="scale.more"),
        Binding("left,down", "move(-1)", "Less", show=False, id="scale.less"),
        Binding("shift+right,pageup", "move(10)", "Much more", show=False, id="scale.much_more"),
        Binding("shift+left,pagedown", "move(-10)", "Much less", show=False, id="scale.much_less"),
        Binding("home", "jump(0)", "Lowest", show=False, id="scale.lowest"),
        Binding("end", "jump(1)", "Highest", show=False, id="scale.highest"),
        Binding("backspace,delete", "clear", "Clear", show=False, id="scale.clear"),
    ]

    value: reactive[float | None] = reactive(None)

    class Changed(Message):
        def __init__(self, scale: ScaleInput) -> None:
            super().__init__()
            self.scale = scale

    def __init__(
        self,
        minimum: float,
        maximum: float,
        step: float = 1,
        value: float | None = None,
        *,
        unit: str = "",
        labels: Mapping[float, str] | None = None,
        move_by: float | None = None,
        now: Callable[[], float] = boot_clock,
        **kwargs: Any,
    ) -> None:
        """`step` is what answers may be; arrow keys move by `move_by` (default: `step`).
        `now` is the clock that tells a pause in typing (injected in tests)."""
        super().__init__(**kwargs)
        self.minimum, self.maximum, self.step_size = minimum, maximum, step
        self.move_by = move_by or step
        self.unit = unit or ""
        self.labels = dict(sorted((labels or {}).items()))
        self.note = ""
        """Why the value is not what was typed ("100 is the most; set to 100"), or empty."""
        self._now = now
        self._typed = ""
        self._typed_at = 0.0
        self.set_reactive(ScaleInput.value, self._snap(value) if value is not None else None)

    def _snap(self, value: float) -> float:
        value = min(self.maximum, max(self.minimum, value))
        snapped = self.minimum + round((value - self.minimum) / self.step_size) * self.step_size
        snapped = min(self.maximum, snapped)
        return int(snapped) if float(snapped).is_integer() else round(snapped, 6)

    def _set(self, value: float | None, note: str = "") -> None:
        self.value = None if value is None else self._snap(value)
        self.note = note
        self.post_message(self.Changed(self))

    def _stop_typing(self) -> None:
        self._typed = ""

    def on_focus(self) -> None:
        self._stop_typing()

    def on_blur(self) -> None:
        self._stop_typing()

    def action_move(self, steps: int) -> None:
        self._stop_typing()
        if self.value is None:
            self._set(self.minimum if steps > 0 else self.maximum)
        else:
            self._set(self.value + steps * self.move_by)

    def action_jump(self, end: int) -> None:
        self._stop_typing()
        self._set(self.maximum if end else self.minimum)

    def action_clear(self) -> None:
        """Back to "not rated": an unrated item is not stored."""
        self._stop_typing()
        self._set(None)

    def on_key(self, event: events.Key) -> None:
        character = event.character
        typable = "0123456789" if float(self.step_size).is_integer() else "0123456789."
        if character is None or len(character) != 1 or character not in typable:
            return
        event.stop()
        moment = self._now()
        going_on = self._typed and moment - self._typed_at <= TYPING_PAUSE_SECONDS
        typed = self._typed + character if going_on else character
        if typed.count(".") > 1:
            return
        self._typed, self._typed_at = typed, moment
        self._set_typed(float(typed) if typed != "." else 0.0)

    def _set_typed(self, number: float) -> None:
        """Take a typed number; one the scale cannot take is set to the nearest it can, and said."""
        kept = self._snap(number)
        if number > self.maximum:
            note = f"{number_text(self.maximum)} is the most; set to {number_text(kept)}"
        elif number < self.minimum:
            note = f"{number_text(self.minimum)} is the least; set to {number_text(kept)}"
        elif kept != number:
            note = f"this scale goes in steps of {number_text(self.step_size)}; set to {number_text(kept)}"
        else:
            note = ""
        self._set(kept, note)

    def _bar_span(self) -> tuple[int, int]:
        left = len(shown_value(self.minimum)) + 1
        width = max(5, self.size.width - left - len(shown_value(self.maximum)) - 1)
        return left, width

    def on_click(self, event: events.Click) -> None:
        left, width = self._bar_span()
        fraction = (event.x - left) / max(1, width - 1)
        if 0 <= fraction <= 1:
            self._stop_typing()
            self._set(self.minimum + fraction * (self.maximum - self.minimum))

    def label_for(self, value: float | None) -> str:
        if value is None:
            return ""
        below = [word for at, word in self.labels.items() if at <= value]
        return below[-1] if below else ""

    def render(self) -> Text:
        left, width = self._bar_span()
        bar = shown.text(shown_value(self.minimum) + " ", style="dim")
        if self.value is None:
            bar.append("─" * width, style="dim")
        else:
            position = round((self.value - self.minimum) / (self.maximum - self.minimum) * (width - 1))
            bar.append("━" * position, style="bold")
            bar.append("●", style="bold reverse" if self.has_focus else "bold")
            bar.append("─" * (width - position - 1), style="dim")
        bar.append(shown.words(" " + shown_value(self.maximum)), style="dim")
        return bar


def anchor_words(labels: Mapping[float, str], step: Any) -> str:
    """A scale's labels on one line, with the numbers they anchor: `0 no urge · 5 strong`."""
    return " · ".join(f"{answer_text(at, step)} {word}" for at, word in sorted(labels.items()))


class ScaleStepView(StepView):
    def compose(self) -> ComposeResult:
        step = self.step
        initial = self.context.initial if isinstance(self.context.initial, (int, float)) else None
        yield ScaleInput(
            step.min,
            step.max,
            step.step,
            initial,
            unit=step.unit or "",
            labels=step.labels,
            now=self.context.now,
            id="scale",
        )
        if step.labels:  # the anchors, before the first rating too
            yield Static(shown.text(anchor_words(step.labels, step)), id="scale-labels", classes="scale-labels")
        yield Static("", id="scale-value", classes="scale-value")
        if self.context.earlier is not None:
            before = answer_text(self.context.earlier, step)
            yield Static(shown.text(f"Before: {before}"), id="scale-before", classes="before")
        yield Static(
            Text("← → or a number; Backspace clears it; Enter goes on. Shift+← → moves faster."), classes="hint"
        )

    def on_mount(self) -> None:
        self._show_value()

    def focus_target(self) -> Widget | None:
        return self.query_one(ScaleInput)

    def enter_moves_on(self, focused: Widget | None) -> bool:
        return isinstance(focused, ScaleInput)

    def _show_value(self) -> None:
        scale = self.query_one(ScaleInput)
        if scale.value is None:
            text = NOT_RATED
        else:
            label = scale.label_for(scale.value)
            text = answer_text(scale.value, self.step) + (f"  ({label})" if label else "")
        if scale.note:
            text += f"  ·  {scale.note}"
        self.query_one("#scale-value", Static).update(shown.text(text))

    def on_scale_input_changed(self, event: ScaleInput.Changed) -> None:
        event.stop()
        self._show_value()
        self.changed()

    def answer(self) -> Any:
        return self.query_one(ScaleInput).value

    def problem(self) -> str | None:
        if self.step.required and self.answer() is None:
            return "Pick a number on the scale before you go on."
        return None
