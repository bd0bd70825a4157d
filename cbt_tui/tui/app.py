"""The trainer app (a first screen until the trainer issue lands)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class TrainerApp(App[None]):
    TITLE = "cbt-tui"
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Welcome to cbt-tui. The trainer is on its way.", id="welcome")
        yield Footer()
