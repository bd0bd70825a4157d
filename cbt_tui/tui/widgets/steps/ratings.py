"""The `ratings` step: each item rated on its own bar; `allow_other` adds the person's own."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Static

from cbt_tui.domain.packs.models import Option
from cbt_tui.tui.widgets.steps.base import StepContext, StepView
from cbt_tui.tui.widgets.steps.scale import ScaleInput, shown_value


class RatingRow(Horizontal):
    def __init__(self, option: Option, scale: ScaleInput, before: Any = None) -> None:
        super().__init__(classes="rating-row")
        self.option = option
        self.scale = scale
        self.before = before

    def compose(self) -> ComposeResult:
        yield Static(Text(self.option.shown), classes="rating-label")
        yield self.scale
        yield Static(Text(shown_value(self.scale.value)), classes="rating-value")
        if self.before is not None:
            yield Static(Text(f"was {shown_value(self.before)}"), classes="rating-before")

    def on_scale_input_changed(self, event: ScaleInput.Changed) -> None:
        self.query_one(".rating-value", Static).update(Text(shown_value(event.scale.value)))


class RatingsStepView(StepView):
    """Rate only the items that apply; unrated items are left out of the answer."""

    def __init__(self, context: StepContext, **kwargs: Any) -> None:
        super().__init__(context, **kwargs)
        self.options = self._options()

    def _options(self) -> list[Option]:
        """The step's items (a re-rating carries its first rating's, as loaded); a
        re-rating asks again about what was rated before, in that order."""
        options = self.context.pack.options_of(self.step, self.context.answers)
        known = {option.value: option for option in options}
        earlier = self.context.earlier
        if self.step.rerate is not None and isinstance(earlier, dict):
            return [known.get(key, Option(value=key)) for key in earlier]
        initial = self.context.initial if isinstance(self.context.initial, dict) else {}
        return options + [Option(value=key) for key in initial if key not in known]

    def _range(self) -> tuple[float, float]:
        return self.step.min, self.step.max

    def _row(self, option: Option) -> RatingRow:
        low, high = self._range()
        initial = self.context.initial if isinstance(self.context.initial, dict) else {}
        earlier = self.context.earlier if isinstance(self.context.earlier, dict) else {}
        move_by = 1 if high - low <= 20 else 5
        scale = ScaleInput(low, high, 1, initial.get(option.value), move_by=move_by, classes="compact")
        return RatingRow(option, scale, earlier.get(option.value) if self.step.rerate else None)

    def compose(self) -> ComposeResult:
        for option in self.options:
            yield self._row(option)
        if self.step.allow_other:
            yield Input(placeholder="Add your own (type it, then Enter)", id="other")
        yield Static(
            Text("Tab moves between items; ← → or a number rates one. Leave out what doesn't apply."),
            classes="hint",
        )

    def on_mount(self) -> None:
        self.query(ScaleInput).first().focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value
        if not text.strip():
            return
        event.stop()
        if any(o.value == text for o in self.options):
            return
        option = Option(value=text)
        self.options.append(option)
        row = self._row(option)
        self.mount(row, before=event.input)
        event.input.value = ""
        row.scale.focus()

    def on_scale_input_changed(self, event: ScaleInput.Changed) -> None:
        self.changed()

    def answer(self) -> Any:
        rated = {row.option.value: row.scale.value for row in self.query(RatingRow) if row.scale.value is not None}
        return rated or None

    def problem(self) -> str | None:
        if self.step.required and not self.answer():
            return "Rate at least one item before you go on."
        return None
