"""Step views that need little: info (nothing to answer), text, and follow-up."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, RadioSet, Static, TextArea

from cbt_tui.domain.answers import due_words
from cbt_tui.domain.entries import now
from cbt_tui.domain.packs.models import after_seconds
from cbt_tui.tui import shown
from cbt_tui.tui.widgets.boxes import Radio
from cbt_tui.tui.widgets.steps.base import StepView


class InfoStepView(StepView):
    """The runner shows the text as the prompt; there is nothing to answer."""

    def answer(self) -> Any:
        return None

    def problem(self) -> str | None:
        return None


class FollowupStepView(InfoStepView):
    """Nothing to answer either: it says when the rest of the exercise comes back, and
    lets the person choose the wait where the pack offers a choice (`after_options`)."""

    def compose(self) -> ComposeResult:
        waits = self.step.waits
        yield Static(self._note(waits[0]), classes="followup-note", id="followup-note")
        if len(waits) > 1:
            yield Static("How long would you like to wait?", classes="hint")
            with RadioSet(id="waits"):
                for index, wait in enumerate(waits):
                    yield Radio(shown.line(wait), value=index == 0, name=wait)

    def _note(self, wait: str) -> Text:
        due = now() + timedelta(seconds=after_seconds(wait))
        return shown.text(
            f"The next part comes later, after {wait}. When you press Next, your work so far "
            f"is saved, and this exercise waits for you on the home screen: {due_words(due, now())}."
        )

    def chosen_wait(self) -> str:
        """The wait chosen (`after` unless the person picked another)."""
        if len(self.step.waits) > 1:
            pressed = self.query_one("#waits", RadioSet).pressed_button
            if pressed is not None and pressed.name:
                return pressed.name
        return str(self.step.after)

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        self.query_one("#followup-note", Static).update(self._note(self.chosen_wait()))


class AnswerArea(TextArea):
    """A multi-line answer. End goes to the end of the line as written (not of the row it
    wraps onto), Ctrl+End to the end of the answer and Ctrl+Home to its start."""

    BINDINGS = [
        Binding("end", "line_end", "End of the line", show=False, id="answer.line_end"),
        Binding("ctrl+end", "answer_end", "End of the answer", show=False, id="answer.end"),
        Binding("ctrl+home", "answer_start", "Start of the answer", show=False, id="answer.start"),
    ]

    def action_line_end(self) -> None:
        row = self.cursor_location[0]
        self.move_cursor((row, len(self.document[row])))

    def action_answer_end(self) -> None:
        self.move_cursor(self.document.end)

    def action_answer_start(self) -> None:
        self.move_cursor(self.document.start)


class TextStepView(StepView):
    """A one-line or multi-line answer; a resumed draft's cursor is at the end of what was
    typed, so new words go after it."""

    def compose(self) -> ComposeResult:
        initial = self.context.initial if isinstance(self.context.initial, str) else ""
        if self.step.multiline:
            area = AnswerArea(initial, id="answer", soft_wrap=True, show_line_numbers=False, tab_behavior="focus")
            area.placeholder = shown.words(self.step.placeholder or "")
            yield area
        else:
            yield Input(
                initial, placeholder=shown.words(self.step.placeholder or ""), id="answer", select_on_focus=False
            )
        if self.step.examples:
            yield Static(shown.text("For example: " + " · ".join(self.step.examples)), classes="examples")

    def on_mount(self) -> None:
        widget = self.query_one("#answer")
        if isinstance(widget, TextArea):  # (an Input starts with its cursor at the end)
            widget.move_cursor(widget.document.end)

    def answer(self) -> Any:
        widget = self.query_one("#answer")
        value = widget.text if isinstance(widget, TextArea) else self.query_one("#answer", Input).value
        return value if value.strip() else None

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.changed()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.changed()
