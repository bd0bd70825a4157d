"""Numbers on a bar: the `scale` step and the `ScaleInput` the `ratings` step reuses."""

from __future__ import annotations

from collections.abc import Mapping
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
from cbt_tui.tui.widgets.steps.base import StepView


def shown_value(value: float | None) -> str:
    """A rating as shown beside its bar: the number, or `–` while not rated."""
    return "–" if value is None else number_text(value)


class ScaleInput(Widget, can_focus=True):
    """A value on a bar: arrow keys move it, digits type it, a click sets it."""

    BINDINGS = [
        Binding("right,up", "move(1)", "More", show=False),
        Binding("left,down", "move(-1)", "Less", show=False),
        Binding("shift+right,pageup", "move(10)", "Much more", show=False),
        Binding("shift+left,pagedown", "move(-10)", "Much less", show=False),
        Binding("home", "jump(0)", "Lowest", show=False),
        Binding("end", "jump(1)", "Highest", show=False),
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
        **kwargs: Any,
    ) -> None:
        """`step` is what answers may be; arrow keys move by `move_by` (default: `step`)."""
        super().__init__(**kwargs)
        self.minimum, self.maximum, self.step_size = minimum, maximum, step
        self.move_by = move_by or step
        self.unit = unit or ""
        self.labels = dict(sorted((labels or {}).items()))
        self._typed = ""
        self.set_reactive(ScaleInput.value, self._snap(value) if value is not None else None)

    def _snap(self, value: float) -> float:
        value = min(self.maximum, max(self.minimum, value))
        snapped = self.minimum + round((value - self.minimum) / self.step_size) * self.step_size
        snapped = min(self.maximum, snapped)
        return int(snapped) if float(snapped).is_integer() else round(snapped, 6)

    def _set(self, value: float) -> None:
        self.value = self._snap(value)
        self.post_message(self.Changed(self))

    def action_move(self, steps: int) -> None:
        self._typed = ""
        start = self.value if self.value is not None else (self.minimum if steps > 0 else self.maximum)
        if self.value is None:
            self._set(start)
        else:
            self._set(start + steps * self.move_by)

    def action_jump(self, end: int) -> None:
        self._typed = ""
        self._set(self.maximum if end else self.minimum)

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character.isdigit():
            event.stop()
            typed = self._typed + event.character
            if float(typed) > self.maximum:
                typed = event.character
            self._typed = typed
            self._set(float(typed))
        elif event.key == "backspace" and self._typed:
            event.stop()
            self._typed = self._typed[:-1]
            if self._typed:
                self._set(float(self._typed))

    def _bar_span(self) -> tuple[int, int]:
        left = len(shown_value(self.minimum)) + 1
        width = max(5, self.size.width - left - len(shown_value(self.maximum)) - 1)
        return left, width

    def on_click(self, event: events.Click) -> None:
        left, width = self._bar_span()
        fraction = (event.x - left) / max(1, width - 1)
        if 0 <= fraction <= 1:
            self._typed = ""
            self._set(self.minimum + fraction * (self.maximum - self.minimum))

    def label_for(self, value: float | None) -> str:
        if value is None:
            return ""
        below = [word for at, word in self.labels.items() if at <= value]
        return below[-1] if below else ""

    def render(self) -> Text:
        left, width = self._bar_span()
        bar = Text(shown_value(self.minimum) + " ", style="dim")
        if self.value is None:
            bar.append("─" * width, style="dim")
        else:
            position = round((self.value - self.minimum) / (self.maximum - self.minimum) * (width - 1))
            bar.append("━" * position, style="bold")
            bar.append("●", style="bold reverse" if self.has_focus else "bold")
            bar.append("─" * (width - position - 1), style="dim")
        bar.append(" " + shown_value(self.maximum), style="dim")
        return bar


class ScaleStepView(StepView):
    def compose(self) -> ComposeResult:
        step = self.step
        initial = self.context.initial if isinstance(self.context.initial, (int, float)) else None
        yield ScaleInput(step.min, step.max, step.step, initial, unit=step.unit or "", labels=step.labels, id="scale")
        yield Static("", id="scale-value", classes="scale-value")
        if self.context.earlier is not None:
            before = answer_text(self.context.earlier, step)
            yield Static(Text(f"Before: {before}"), id="scale-before", classes="before")
        yield Static(Text("← → to move, or type a number. Shift+← → moves faster."), classes="hint")

    def on_mount(self) -> None:
        self.query_one(ScaleInput).focus()
        self._show_value()

    def _show_value(self) -> None:
        scale = self.query_one(ScaleInput)
        if scale.value is None:
            text = "Not rated yet"
        else:
            label = scale.label_for(scale.value)
            text = answer_text(scale.value, self.step) + (f"  ({label})" if label else "")
        self.query_one("#scale-value", Static).update(Text(text))

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
