"""The `ratings` step: each item rated on its own bar; `allow_other` adds the person's own."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Input, Static

from cbt_tui.domain.packs.models import Option
from cbt_tui.tui import shown
from cbt_tui.tui.bursts import focus_now
from cbt_tui.tui.widgets.steps.base import StepContext, StepView
from cbt_tui.tui.widgets.steps.scale import NOT_RATED, ScaleInput, shown_value


class RatingRow(Horizontal):
    def __init__(self, option: Option, scale: ScaleInput, before: Any = None) -> None:
        super().__init__(classes="rating-row")
        self.option = option
        self.scale = scale
        self.before = before

    def compose(self) -> ComposeResult:
        yield Static(shown.line(self.option.shown), classes="rating-label")
        yield self.scale
        yield Static(shown.text(shown_value(self.scale.value)), classes="rating-value")
        if self.before is not None:
            yield Static(shown.text(f"was {shown_value(self.before)}"), classes="rating-before")

    def on_scale_input_changed(self, event: ScaleInput.Changed) -> None:
        self.query_one(".rating-value", Static).update(shown.text(shown_value(event.scale.value)))


class RatingsStepView(StepView):
    """Rate only the items that apply; unrated items are left out of the answer.

    Down and Up move between the items (at once, so digits typed right after go to the
    item moved to), Left and Right rate one.
    """

    BINDINGS = [
        Binding("down", "item(1)", "Next item", show=False, priority=True, id="ratings.next_item"),
        Binding("up", "item(-1)", "Previous item", show=False, priority=True, id="ratings.previous_item"),
    ]

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
            return [known.get(key, Option.written(key)) for key in earlier]
        initial = self.context.initial if isinstance(self.context.initial, dict) else {}
        return options + [Option.written(key) for key in initial if key not in known]

    def _range(self) -> tuple[float, float]:
        return self.step.min, self.step.max

    def _row(self, option: Option) -> RatingRow:
        low, high = self._range()
        initial = self.context.initial if isinstance(self.context.initial, dict) else {}
        earlier = self.context.earlier if isinstance(self.context.earlier, dict) else {}
        move_by = 1 if high - low <= 20 else 5
        scale = ScaleInput(
            low, high, 1, initial.get(option.value), move_by=move_by, now=self.context.now, classes="compact"
        )
        return RatingRow(option, scale, earlier.get(option.value) if self.step.rerate else None)

    def compose(self) -> ComposeResult:
        for option in self.options:
            yield self._row(option)
        yield Static("", id="rating-status", classes="rating-status")
        if self.step.allow_other:
            yield Input(placeholder="Add your own (type it, then Enter)", id="other", select_on_focus=False)
        yield Static(
            Text(
                "↑ ↓ move between items; ← → or a number rates one; Backspace clears it. "
                "Leave out what doesn't apply. Enter goes on."
            ),
            classes="hint",
        )

    def focus_target(self) -> Widget | None:
        return self.query(ScaleInput).first()

    def _stops(self) -> list[Widget]:
        """Where Down and Up go: each item's bar, then the box for one's own."""
        stops: list[Widget] = [row.scale for row in self.query(RatingRow)]
        return stops + list(self.query("#other"))

    def action_item(self, step: int) -> None:
        stops = self._stops()
        focused = self.screen.focused
        if focused not in stops:
            raise SkipAction()
        index = min(len(stops) - 1, max(0, stops.index(focused) + step))
        focus_now(stops[index])

    def on_descendant_focus(self) -> None:
        self._show_status()

    def _show_status(self) -> None:
        """The focused item in words: its rating, or that it is not rated yet, and why a
        typed number was changed."""
        focused = self.screen.focused
        row = next((row for row in self.query(RatingRow) if row.scale is focused), None)
        text = ""
        if row is not None:
            rating = NOT_RATED.lower() if row.scale.value is None else shown_value(row.scale.value)
            text = f"{row.option.shown}: {rating}" + (f"  ·  {row.scale.note}" if row.scale.note else "")
        self.query_one("#rating-status", Static).update(shown.text(text))

    def enter_moves_on(self, focused: Widget | None) -> bool:
        return isinstance(focused, (ScaleInput, Input))

    async def take_enter(self, focused: Widget | None) -> bool:
        """Enter in the box for one's own item adds it as a row to rate (and focuses it)."""
        if not isinstance(focused, Input) or focused.id != "other":
            return False
        text = focused.value
        if not text.strip():
            return False
        row = next((row for row in self.query(RatingRow) if row.option.value == text), None)
        if row is None:
            option = Option.written(text)
            self.options.append(option)
            row = self._row(option)
            await self.mount(row, before=self.query_one("#rating-status"))
        focused.value = ""
        focus_now(row.scale)
        return True

    def on_scale_input_changed(self, event: ScaleInput.Changed) -> None:
        self._show_status()
        self.changed()

    def answer(self) -> Any:
        rated = {row.option.value: row.scale.value for row in self.query(RatingRow) if row.scale.value is not None}
        return rated or None

    def problem(self) -> str | None:
        if self.step.required and not self.answer():
            return "Rate at least one item before you go on."
        return None
