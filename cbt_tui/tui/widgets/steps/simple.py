"""Step views that need little: info (nothing to answer), text, and follow-up."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Input, Static, TextArea

from cbt_tui.domain.entries import now
from cbt_tui.domain.packs.models import after_seconds
from cbt_tui.tui.widgets.steps.base import StepView


class InfoStepView(StepView):
    """The runner shows the text as the prompt; there is nothing to answer."""

    def answer(self) -> Any:
        return None

    def problem(self) -> str | None:
        return None


class FollowupStepView(InfoStepView):
    """Nothing to answer either: it says when the rest of the exercise comes back."""

    def compose(self) -> ComposeResult:
        due = now() + timedelta(seconds=after_seconds(self.step.after))
        yield Static(
            Text(
                f"The next part comes later, after {self.step.after}. When you press Next, your "
                f"work so far is saved, and this exercise waits for you on the home screen "
                f"from {due:%A %d %B, %H:%M}."
            ),
            classes="followup-note",
        )


class TextStepView(StepView):
    def compose(self) -> ComposeResult:
        initial = self.context.initial if isinstance(self.context.initial, str) else ""
        if self.step.multiline:
            area = TextArea(initial, id="answer", soft_wrap=True, show_line_numbers=False, tab_behavior="focus")
            area.placeholder = self.step.placeholder or ""
            yield area
        else:
            yield Input(initial, placeholder=self.step.placeholder or "", id="answer")
        if self.step.examples:
            yield Static(Text("For example: " + " · ".join(self.step.examples)), classes="examples")

    def on_mount(self) -> None:
        self.query_one("#answer").focus()

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
