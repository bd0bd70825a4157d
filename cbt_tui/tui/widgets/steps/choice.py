"""The `choice` step: one option (radio buttons) or several (a selection list)."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Input, RadioSet, SelectionList, Static
from textual.widgets.selection_list import Selection

from cbt_tui.tui import shown
from cbt_tui.tui.widgets.boxes import CheckList, Radio
from cbt_tui.tui.widgets.steps.base import StepContext, StepView


class ChoiceStepView(StepView):
    def __init__(self, context: StepContext, **kwargs: Any) -> None:
        super().__init__(context, **kwargs)
        self.options = self.context.pack.options_of(self.step, self.context.answers)
        self.known = {o.value for o in self.options}

    def _initial(self) -> list[str]:
        initial = self.context.initial
        return [initial] if isinstance(initial, str) else [str(v) for v in initial] if isinstance(initial, list) else []

    def compose(self) -> ComposeResult:
        chosen = self._initial()
        if self.step.multiple:
            yield CheckList(
                *(Selection(shown.line(o.shown), o.value, o.value in chosen) for o in self.options), id="choices"
            )
        else:
            with RadioSet(id="choices"):
                for option in self.options:
                    yield Radio(shown.line(option.shown), value=option.value in chosen, name=option.value)
        yield Static("", id="option-help", classes="hint")  # right under the list, where the person picks
        if self.step.allow_other:
            other = next((c for c in chosen if c not in self.known), "")
            yield Input(other, placeholder="Something else? Type it here", id="other", select_on_focus=False)

    def on_mount(self) -> None:
        self._show_help(0)

    def _show_help(self, index: int | None) -> None:
        option = self.options[index] if index is not None and 0 <= index < len(self.options) else None
        help_text = option.help if option and option.help else ""
        help_box = self.query_one("#option-help", Static)
        help_box.update(shown.text(help_text))
        help_box.display = bool(help_text)

    def on_selection_list_selection_highlighted(self, event: SelectionList.SelectionHighlighted[str]) -> None:
        self._show_help(event.selection_index)

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        self._show_help(event.index)
        self.changed()

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged[str]) -> None:
        self.changed()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.changed()

    def _other(self) -> str:
        other = self.query_one("#other", Input).value if self.step.allow_other else ""
        return other if other.strip() else ""

    def answer(self) -> Any:
        other = self._other()
        if self.step.multiple:
            chosen = list(self.query_one("#choices", SelectionList).selected)
            chosen += [other] if other else []
            return chosen or None
        pressed = self.query_one("#choices", RadioSet).pressed_button
        return other or (pressed.name if pressed is not None else None)

    def problem(self) -> str | None:
        if self.step.required and not self.answer():
            return "Choose an option before you go on." if not self.step.multiple else "Choose at least one option."
        return None
