"""The footer, with "Help now" always first: at 80 columns the rest may scroll, not that."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

SAFETY_ACTION = "safety"


class TrainerFooter(Footer):
    def __init__(self) -> None:
        super().__init__(compact=True)

    def compose(self) -> ComposeResult:
        keys = list(super().compose())
        keys.sort(key=lambda key: not (isinstance(key, FooterKey) and key.action.endswith(SAFETY_ACTION)))
        yield from keys
