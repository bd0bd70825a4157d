"""The footer, with "Help now" always first: at 80 columns the rest may scroll, not that."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer

SAFETY_ACTION = "safety"


class TrainerFooter(Footer):
    def __init__(self) -> None:
        super().__init__(compact=True)

    def compose(self) -> ComposeResult:
        keys = list(super().compose())
        # Footer keys carry the action they run; groups and labels carry none.
        keys.sort(key=lambda key: not str(getattr(key, "action", "")).endswith(SAFETY_ACTION))
        yield from keys
