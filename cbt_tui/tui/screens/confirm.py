"""A yes/no question over the current screen, answered with y, n, Esc or a click."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from cbt_tui.tui import shown


class ConfirmScreen(ModalScreen[bool]):
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, question: str, *, yes: str = "Yes (y)", no: str = "No, keep it (n)", risky: bool = True) -> None:
        """`risky`: "yes" deletes or stops something, so it shows as a warning; No is
        always first and focused, so Enter alone never does what cannot be undone."""
        super().__init__()
        self.question = question
        self.labels = yes, no
        self.risky = risky

    def compose(self) -> ComposeResult:
        yes, no = self.labels
        with Container(id="confirm"):
            yield Static(shown.text(self.question))
            with Horizontal():
                yield Button(no, id="no", variant="primary" if self.risky else "default")
                yield Button(yes, id="yes", variant="error" if self.risky else "primary")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)
